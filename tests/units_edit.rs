//! Units after they are created: added in one transaction with their membership, deleted only when
//! they have no records (and then without a trace), refused with the reason otherwise, leaving the
//! bloc from a year with the earlier years kept.

mod common;

use khoithidua::domain::unit::{UnitUse, UseKind};
use khoithidua::domain::{Unit, UnitHead, UnitId};
use khoithidua::store::{Store, StoreError};
use std::path::Path;

/// The demo bloc in a file of `dir`, open.
fn demo(dir: &Path) -> (Store, std::path::PathBuf) {
    let path = dir.join("khối thi đua.sqlite");
    let mut s = Store::open(&path).unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    (s, path)
}

fn id_of(s: &Store, name: &str) -> UnitId {
    s.units()
        .unwrap()
        .iter()
        .find(|u| u.current_name() == name)
        .unwrap_or_else(|| panic!("{name} in the demo"))
        .id
}

/// Every row of every table, as text: what "the file is unchanged" compares.
fn dump(path: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut st = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
            out.push(format!("{t}: {}", cells.join(" | ")));
        }
    }
    out
}

/// Rows of any table that name `unit` in a column referring to units.
fn rows_naming(path: &Path, unit: UnitId) -> Vec<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    for (table, column) in unit_references(&c) {
        let n: i64 = c
            .query_row(
                &format!("SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = ?1"),
                [unit],
                |r| r.get(0),
            )
            .unwrap();
        if n > 0 {
            out.push(format!("{table}.{column}: {n}"));
        }
    }
    out
}

/// Every (table, column) with a foreign key to `units`.
fn unit_references(c: &rusqlite::Connection) -> Vec<(String, String)> {
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut st = c
            .prepare(&format!(
                "SELECT \"table\", \"from\" FROM pragma_foreign_key_list('{t}')"
            ))
            .unwrap();
        for row in st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
        {
            let (to, from) = row.unwrap();
            if to == "units" {
                out.push((t.clone(), from));
            }
        }
    }
    out.sort();
    out
}

fn unit(name: &str, short: &str) -> Unit {
    let mut u = Unit::new(name, short, 50);
    u.heads.push(UnitHead {
        name: "Đinh Văn Ân".into(),
        position: "Giám đốc".into(),
        valid_from: None,
        valid_to: None,
    });
    u
}

#[test]
fn every_reference_to_a_unit_is_known_to_the_checks() {
    // A new table or column pointing at units must be added to `unit_uses` (a record that keeps a
    // unit from being deleted) or to what deleting takes with it, and then to this list.
    let dir = tempfile::tempdir().unwrap();
    let (_s, path) = demo(dir.path());
    let c = rusqlite::Connection::open(&path).unwrap();
    let found: Vec<String> = unit_references(&c)
        .into_iter()
        .map(|(t, col)| format!("{t}.{col}"))
        .collect();
    let mut known = [
        "adjustments.unit_id",
        "ballot_candidates.unit_id",
        "conference_attendance.unit_id",
        "conferences.host_unit",
        "conferences.chair_unit",
        "conferences.secretary_unit",
        "contributions.unit_id",
        "discipline.unit_id",
        "leadership.head_unit",
        "leadership.deputy_unit",
        "members.unit_id",
        "pledge_signatures.unit_id",
        "proposals.unit_id",
        "scores.unit_id",
        "sector_awards.unit_id",
        "unit_heads.unit_id",
        "unit_names.unit_id",
        "units.merged_into",
    ];
    known.sort();
    assert_eq!(found, known, "a reference to units the checks do not know");
}

#[test]
fn add_units_in_one_transaction_as_members() {
    common::on_each_store(|s| {
        khoithidua::demo::write_demo(s).unwrap();
        let before = s.units().unwrap().len();
        let mut units = vec![unit("Sở Nội vụ", "SNV"), unit("Sở Y tế", "SYT")];
        s.add_units(&mut units, 2022).unwrap();
        assert!(units.iter().all(|u| u.id != 0));
        assert_eq!(s.units().unwrap().len(), before + 2);
        let members = s.members(2022).unwrap();
        assert!(units.iter().all(|u| members.contains(&u.id)));

        // A clash with a unit of the file, or between two new ones: nothing is added.
        let mut clash = vec![unit("Sở Tài chính", "STC"), unit("sở nội  vụ", "SNV2")];
        let e = s.add_units(&mut clash, 2022).unwrap_err();
        assert!(e.to_string().contains("Đã có đơn vị “Sở Nội vụ”"), "{e}");
        let mut twice = vec![unit("Sở Tài chính", "STC"), unit("Sở Xây dựng", "stc")];
        let e = s.add_units(&mut twice, 2022).unwrap_err();
        assert!(e.to_string().contains("trùng với Đơn vị “Sở Tài chính”"), "{e}");
        let mut bad = vec![unit("Sở Tài chính", "STC"), unit("", "X")];
        assert!(matches!(s.add_units(&mut bad, 2022), Err(StoreError::Invalid(_))));
        assert_eq!(s.units().unwrap().len(), before + 2, "nothing half-added");
    });
}

#[test]
fn a_fresh_unit_is_deleted_without_a_trace() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = demo(dir.path());
    let mut fresh = vec![unit("Sở Nội vụ", "SNV")];
    s.add_units(&mut fresh, 2022).unwrap();
    let id = fresh[0].id;
    // Membership of two years, an empty score cell, an unsigned pledge line: not records.
    let mut m2021 = s.members(2021).unwrap();
    m2021.push(id);
    s.set_members(2021, &m2021).unwrap();
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        let criterion: String = c
            .query_row("SELECT code FROM criteria WHERE year = 2022 LIMIT 1", [], |r| r.get(0))
            .unwrap();
        c.execute(
            "INSERT INTO scores (year, unit_id, criterion, self_score, bloc_score) VALUES (2022, ?1, ?2, NULL, NULL)",
            rusqlite::params![id, criterion],
        )
        .unwrap();
        c.execute(
            "INSERT INTO pledge_signatures (year, unit_id, ord, signed) VALUES (2022, ?1, 99, 0)",
            [id],
        )
        .unwrap();
    }
    assert_eq!(s.unit_uses(id).unwrap(), Vec::<UnitUse>::new());
    assert!(!rows_naming(&path, id).is_empty());

    s.delete_unit(id).unwrap();

    assert!(s.units().unwrap().iter().all(|u| u.id != id));
    assert_eq!(rows_naming(&path, id), Vec::<String>::new(), "no row names the unit");
    let c = rusqlite::Connection::open(&path).unwrap();
    let dangling: i64 = c
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(dangling, 0);
    assert!(s.all_problems().unwrap().is_empty(), "{:?}", s.all_problems().unwrap());
    assert!(matches!(s.delete_unit(id), Err(StoreError::NotFound(_))));
}

#[test]
fn a_unit_with_records_is_not_deleted_and_the_file_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = demo(dir.path());
    let ca = id_of(&s, "Công an tỉnh");
    let uses = s.unit_uses(ca).unwrap();
    for kind in [
        UseKind::Scores,
        UseKind::Ballots,
        UseKind::PledgeSignatures,
        UseKind::Leadership,
        UseKind::Proposals,
        UseKind::Attendance,
        UseKind::RotationOrder,
    ] {
        assert!(uses.iter().any(|u| u.kind == kind), "{kind:?} in {uses:?}");
    }
    let before = dump(&path);
    let e = s.delete_unit(ca).unwrap_err();
    let m = e.to_string();
    assert!(m.contains("Không xóa được “Công an tỉnh”"), "{m}");
    assert!(m.contains("điểm năm 2022"), "{m}");
    assert!(m.contains("phiếu bầu"), "{m}");
    assert_eq!(dump(&path), before, "nothing written");

    // Each kind of record alone keeps a fresh unit: a contribution, a unit merged into it.
    let mut fresh = vec![unit("Sở Nội vụ", "SNV"), unit("Sở Y tế", "SYT")];
    s.add_units(&mut fresh, 2022).unwrap();
    let (snv, syt) = (fresh[0].id, fresh[1].id);
    let mut merged = s.units().unwrap().into_iter().find(|u| u.id == syt).unwrap();
    merged.merged_into = Some(snv);
    merged.merged_on = chrono::NaiveDate::from_ymd_opt(2022, 10, 1);
    s.save_unit(&mut merged).unwrap();
    let e = s.delete_unit(snv).unwrap_err().to_string();
    assert!(e.contains("đơn vị khác sáp nhập vào năm 2022"), "{e}");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "INSERT INTO activities (id, year, kind, title) VALUES (900, 2022, 'charity', 'Xây nhà')",
            [],
        )
        .unwrap();
        c.execute(
            "INSERT INTO contributions (activity_id, ord, unit_id, amount) VALUES (900, 0, ?1, 1000)",
            [syt],
        )
        .unwrap();
    }
    let e = s.delete_unit(syt).unwrap_err().to_string();
    assert!(e.contains("đóng góp hoạt động chung năm 2022"), "{e}");
}

#[test]
fn leaving_the_bloc_keeps_the_earlier_years() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = demo(dir.path());
    let ca = id_of(&s, "Công an tỉnh");
    let before = dump(&path);
    // It has records in 2022: it can leave from 2023 on, not earlier.
    let e = s.leave_bloc(ca, 2022).unwrap_err().to_string();
    assert!(e.contains("chỉ có thể rời khối từ năm 2023 trở đi"), "{e}");
    let e = s.leave_bloc(ca, 2030).unwrap_err().to_string();
    assert!(e.contains("không quá 2023"), "{e}");
    assert_eq!(dump(&path), before, "refusals write nothing");

    assert_eq!(s.leave_bloc(ca, 2023).unwrap(), [2023]);
    let m2022 = s.members(2022).unwrap();
    let m2023 = s.members(2023).unwrap();
    assert!(m2022.contains(&ca));
    assert!(!m2023.contains(&ca));
    assert_eq!(m2023.len(), m2022.len() - 1);
    assert!(m2022.iter().filter(|&&u| u != ca).all(|u| m2023.contains(u)));
    assert!(s.members(2020).unwrap().contains(&ca), "earlier years keep it");
    let e = s.leave_bloc(ca, 2023).unwrap_err().to_string();
    assert!(e.contains("đã không còn là thành viên từ năm 2023"), "{e}");
    assert!(s.all_problems().unwrap().is_empty(), "{:?}", s.all_problems().unwrap());
}
