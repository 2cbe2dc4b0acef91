//! Starting a new year from the one before: members, criteria and pledge contents are copied, the
//! year's own work (scores, signatures, dates, numbers) is not; a year with records is never started
//! again.

mod common;

use khoithidua::store::{Store, StoreError, YearCopy};
use std::path::{Path, PathBuf};

fn demo(dir: &Path) -> PathBuf {
    let path = dir.join("demo.sqlite");
    khoithidua::app::files::write_demo_file(&path).unwrap();
    path
}

/// Opens `path`, runs `f`, closes the file and says what it returned.
fn with_store<T>(path: &Path, f: impl FnOnce(&mut Store) -> T) -> T {
    let mut s = Store::open(path).unwrap();
    f(&mut s)
}

#[test]
fn starting_2023_from_2022_copies_members_criteria_and_pledge_contents() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.years().unwrap(), [2020, 2021, 2022]);
    assert!(s.leadership(2023).unwrap().is_none());

    s.start_year(2023, Some(2022), YearCopy::ALL).unwrap();

    assert_eq!(s.years().unwrap(), [2020, 2021, 2022, 2023]);
    assert!(!s.members(2022).unwrap().is_empty());
    assert_eq!(s.members(2023).unwrap(), s.members(2022).unwrap());
    assert!(
        s.leadership(2023).unwrap().is_none(),
        "leadership is decided anew each year"
    );

    let old = s.score_sheet(2022).unwrap();
    let new = s.score_sheet(2023).unwrap();
    assert!(!old.criteria.is_empty() && !old.entries.is_empty());
    assert_eq!(new.criteria, old.criteria);
    assert!(new.entries.is_empty(), "no scores are copied");
    assert!(new.adjustments.is_empty(), "no bonuses or penalties are copied");

    let old = s.pledge(2022).unwrap().expect("the demo's 2022 pledge");
    let new = s.pledge(2023).unwrap().expect("a 2023 pledge");
    assert!(!old.items.is_empty() && !old.signatures.is_empty());
    assert_eq!(new.year, 2023);
    assert_eq!(new.items, old.items);
    assert!(new.signatures.is_empty(), "no signatures are copied");
    assert_eq!(new.signing_conference, None, "no signing conference, so no date");
    assert!(
        !new.theme.contains("2022"),
        "the theme names the new year: {}",
        new.theme
    );
    assert_eq!(new.theme, old.theme.replace("năm 2022", "năm 2023"));
    assert!(s.register(2023).unwrap().is_empty(), "no document number");

    // What was written passes the same checks as the rest of the file.
    assert_eq!(s.all_problems().unwrap().iter().filter(|(y, _)| *y == 2023).count(), 0);
}

#[test]
fn a_year_with_records_is_refused_and_the_file_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    with_store(&path, |s| s.start_year(2023, Some(2022), YearCopy::ALL)).unwrap();
    let before = common::sha256(&path);

    let refused = |year, from, copy| {
        let err = with_store(&path, |s| s.start_year(year, from, copy)).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
        assert_eq!(
            common::sha256(&path),
            before,
            "nothing written for {year} from {from:?}"
        );
        err.to_string()
    };
    let again = refused(2023, Some(2022), YearCopy::ALL);
    assert!(again.contains("Năm 2023 đã có dữ liệu"), "{again}");
    // A demo year too: its records are never overwritten.
    let demo_year = refused(2021, Some(2020), YearCopy::ALL);
    assert!(demo_year.contains("đã có dữ liệu"), "{demo_year}");

    let out_of_range = refused(2201, Some(2023), YearCopy::ALL);
    assert!(out_of_range.contains("ngoài khoảng cho phép"), "{out_of_range}");
    let empty_from = refused(2024, Some(2019), YearCopy::ALL);
    assert!(empty_from.contains("Năm 2019 chưa có dữ liệu"), "{empty_from}");
    // Nothing that would make the year known: the schema has no table of years.
    let nothing = refused(2024, None, YearCopy::ALL);
    assert!(nothing.contains("danh sách đơn vị thành viên"), "{nothing}");
    let only_criteria = YearCopy {
        members: false,
        criteria: true,
        pledge_contents: false,
    };
    refused(2024, Some(2023), only_criteria);

    with_store(&path, |s| {
        assert_eq!(s.years().unwrap(), [2020, 2021, 2022, 2023]);
        assert!(s.score_sheet(2024).unwrap().criteria.is_empty());
    });
}

#[test]
fn parts_not_asked_for_are_not_copied() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let mut s = Store::open(&path).unwrap();
    let members_only = YearCopy {
        members: true,
        criteria: false,
        pledge_contents: false,
    };
    s.start_year(2023, Some(2022), members_only).unwrap();
    assert_eq!(s.years().unwrap(), [2020, 2021, 2022, 2023]);
    assert_eq!(s.members(2023).unwrap(), s.members(2022).unwrap());
    assert!(s.score_sheet(2023).unwrap().criteria.is_empty());
    assert!(s.pledge(2023).unwrap().is_none());

    // The pledge alone makes a year known as well.
    let pledge_only = YearCopy {
        members: false,
        criteria: false,
        pledge_contents: true,
    };
    s.start_year(2024, Some(2022), pledge_only).unwrap();
    assert_eq!(s.years().unwrap(), [2020, 2021, 2022, 2023, 2024]);
    assert!(s.members(2024).unwrap().is_empty());
    assert_eq!(
        s.pledge(2024).unwrap().unwrap().items,
        s.pledge(2022).unwrap().unwrap().items
    );
}

#[test]
fn a_unit_merged_away_before_the_new_year_is_not_copied() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let mut s = Store::open(&path).unwrap();
    let members = s.members(2022).unwrap();
    let (gone, into) = (members[members.len() - 1], members[0]);
    let mut unit = s.units().unwrap().into_iter().find(|u| u.id == gone).unwrap();
    unit.merged_into = Some(into);
    unit.merged_on = chrono::NaiveDate::from_ymd_opt(2022, 12, 31);
    s.save_unit(&mut unit).unwrap();

    s.start_year(2023, Some(2022), YearCopy::ALL).unwrap();
    let expected: Vec<_> = members.iter().copied().filter(|&u| u != gone).collect();
    assert_eq!(s.members(2023).unwrap(), expected);
}

#[test]
fn a_year_with_only_the_list_left_by_a_departure_is_started_and_keeps_that_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo(dir.path());
    let mut s = Store::open(&path).unwrap();
    let members = s.members(2022).unwrap();
    // A unit with no record after 2022 leaves the bloc from 2023: 2023 gets a member list only.
    let leaving = *members.last().unwrap();
    s.leave_bloc(leaving, 2023).unwrap();
    let listed = s.members(2023).unwrap();
    assert!(!listed.contains(&leaving));
    s.start_year(2023, Some(2022), YearCopy::ALL).unwrap();
    assert_eq!(s.members(2023).unwrap(), listed, "the departure stays");
    let (old, new) = (s.load_year(2022).unwrap(), s.load_year(2023).unwrap());
    assert_eq!(new.score_sheet.criteria, old.score_sheet.criteria);
    assert!(s.pledge(2023).unwrap().is_some());
    // Started once: a second time is refused.
    assert!(s.start_year(2023, Some(2022), YearCopy::ALL).is_err());
}
