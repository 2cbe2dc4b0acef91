//! One set of rules at every door: what `check` reports, what the store refuses to save, what the
//! command line refuses to take, and how a refusal is said (Vietnamese, with the record and field).

mod common;

use chrono::NaiveDate;
use common::{bloc, demo_file, on_each_store};
use khoithidua::domain::*;
use khoithidua::store::{Store, StoreError};
use std::path::Path;
use std::process::{Command, Output};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khoithidua"))
        .args(args)
        .env("KHOITHIDUA_DATA", "/nonexistent/khoithidua.sqlite")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The demo file, then `sql` run behind the store's back (as an old or hand-edited file would be).
fn demo_with(dir: &Path, sql: &str) -> String {
    let f = demo_file(dir, "khối.sqlite");
    let c = rusqlite::Connection::open(&f).unwrap();
    c.execute_batch(sql).unwrap();
    drop(c);
    f.display().to_string()
}

/// Every problem `check` would report for the file, as "field: message" lines.
fn problems_of(file: &str) -> Vec<(Year, Problem)> {
    Store::open(Path::new(file)).unwrap().all_problems().unwrap()
}

fn invalid(r: Result<impl std::fmt::Debug, StoreError>) -> Vec<Problem> {
    match r {
        Err(StoreError::Invalid(p)) => p,
        other => panic!("expected StoreError::Invalid, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 8. What check (and so import, which runs the same rules) reports.

#[test]
fn check_reports_nonsense_in_an_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo_with(
        dir.path(),
        "DELETE FROM pledge_items WHERE year = 2022;
         UPDATE scores SET bloc_score = -500 WHERE year = 2022 AND unit_id = 1
           AND criterion = (SELECT code FROM criteria WHERE year = 2022 ORDER BY ord LIMIT 1);
         UPDATE scores SET self_score = 100000000000000000 WHERE year = 2022 AND unit_id = 2
           AND criterion = (SELECT code FROM criteria WHERE year = 2022 ORDER BY ord LIMIT 1);
         UPDATE scores SET bloc_score = 9223372036854775000 WHERE year = 2022 AND unit_id = 3;
         UPDATE bloc SET margin_left = 1000;
         UPDATE units SET merged_into = 2, merged_on = '2025-03-01' WHERE id = 1;
         UPDATE units SET merged_into = 1, merged_on = '2025-03-01' WHERE id = 2;
         UPDATE units SET merged_into = 4, merged_on = '2025-03-01' WHERE id = 4;
         UPDATE register SET number = 4294967295 WHERE number = 1;",
    );
    let all = problems_of(&f);
    let y2022: Vec<&Problem> = all.iter().filter(|(y, _)| *y == 2022).map(|(_, p)| p).collect();
    let has = |field: &str, words: &str| {
        y2022
            .iter()
            .any(|p| p.field.starts_with(field) && p.message.contains(words))
    };
    assert!(has("pledge.items", "chưa có nội dung"), "{y2022:#?}");
    assert!(has("score_sheet.entries[", "âm"), "{y2022:#?}");
    assert!(has("score_sheet.entries[", "vượt"), "{y2022:#?}");
    assert!(
        has("score_sheet.totals[3]", "vượt quá khả năng tính toán"),
        "{y2022:#?}"
    );
    assert!(has("bloc.margins.left", "1000 mm"), "{y2022:#?}");
    assert!(has("units[1].merged_into", "Sáp nhập vòng tròn"), "{y2022:#?}");
    assert!(has("units[4].merged_into", "Sáp nhập vòng tròn"), "{y2022:#?}");
    assert!(has("register[0].number", "4294967295"), "{all:#?}");
    // Where, in words, with the record named.
    let cycle = y2022.iter().find(|p| p.field == "units[1].merged_into").unwrap();
    assert_eq!(
        cycle.location,
        "đơn vị \u{201c}Công an tỉnh\u{201d} · đơn vị tiếp nhận khi sáp nhập"
    );
    let neg = y2022.iter().find(|p| p.message.contains("âm")).unwrap();
    assert!(
        neg.location.starts_with("bảng điểm · dòng ") && neg.location.ends_with(" · điểm khối chấm"),
        "{}",
        neg.location
    );
    // The commands that compute from such a file do not panic, and check fails.
    for args in [
        vec!["ranking", "--data", &f, "--year", "2022"],
        vec!["ranking", "--data", &f, "--year", "2022", "--json"],
        vec!["proposals", "--data", &f, "--year", "2022"],
        vec!["list", "units", "--data", &f],
    ] {
        let o = run(&args);
        assert!(!err(&o).contains("panicked"), "{args:?}: {}", err(&o));
        assert!(o.status.success(), "{args:?}: {}", err(&o));
    }
    let o = run(&["check", &f]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(!err(&o).contains("panicked"));
}

#[test]
fn the_demo_blocs_stay_valid() {
    on_each_store(|s| {
        khoithidua::demo::write_demo(s).unwrap();
        assert_eq!(s.all_problems().unwrap(), vec![]);
    });
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("lớn.sqlite");
    let o = run(&["demo", f.to_str().unwrap(), "--years", "4", "--units", "15"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(problems_of(f.to_str().unwrap()), vec![]);
}

// ---------------------------------------------------------------------------------------------
// The store's saves refuse what check would report, so the window and the command line agree.

fn seed(s: &mut Store) -> Vec<UnitId> {
    s.save_bloc(&bloc()).unwrap();
    let mut units = vec![
        Unit::new("Công an tỉnh", "CA tỉnh", 1),
        Unit::new("Viện Kiểm sát nhân dân tỉnh", "VKSND tỉnh", 2),
        Unit::new("Tòa án nhân dân tỉnh", "TAND tỉnh", 3),
    ];
    s.save_units(&mut units).unwrap();
    let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    s.set_members(2022, &ids).unwrap();
    ids
}

#[test]
fn bloc_margins_are_refused_on_save() {
    on_each_store(|s| {
        let mut b = bloc();
        b.margins.left = 1000.0;
        let p = invalid(s.save_bloc(&b));
        assert_eq!(p[0].field, "margins.left");
        assert_eq!(p[0].location, "Thông tin khối · lề trang · lề trái");
        assert_eq!(s.bloc().unwrap(), None, "nothing written");
        let e = s.save_bloc(&b).unwrap_err().to_string();
        assert!(
            e.starts_with("Dữ liệu chưa hợp lệ, chưa lưu: Thông tin khối · lề trang · lề trái: Lề 1000 mm"),
            "{e}"
        );
    });
}

#[test]
fn score_sheets_out_of_bounds_are_refused() {
    on_each_store(|s| {
        let ids = seed(s);
        let criterion = |code: &str, max: i64| Criterion {
            code: code.into(),
            group: "I".into(),
            name: format!("Tiêu chí {code}"),
            max_points: Points::whole(max),
        };
        let entry = |unit, code: &str, bloc: Points| ScoreEntry {
            unit,
            criterion: code.into(),
            self_score: None,
            bloc_score: Some(bloc),
        };
        let good = ScoreSheet {
            year: 2022,
            criteria: vec![criterion("1", 60), criterion("2", 40)],
            entries: vec![entry(ids[0], "1", Points::whole(50))],
            adjustments: Vec::new(),
        };
        // Incomplete is fine (cells not scored yet).
        s.save_score_sheet(&good).unwrap();
        for (change, field) in [
            (
                Box::new(|x: &mut ScoreSheet| x.entries[0].bloc_score = Some(Points::whole(-1)))
                    as Box<dyn Fn(&mut ScoreSheet)>,
                "entries[0].bloc_score",
            ),
            (
                Box::new(|x: &mut ScoreSheet| x.entries[0].bloc_score = Some(Points::whole(61))),
                "entries[0].bloc_score",
            ),
            (
                Box::new(|x: &mut ScoreSheet| x.entries[0].bloc_score = Some(Points::whole(1_000_000_000_000_000))),
                "entries[0].bloc_score",
            ),
            (
                Box::new(|x: &mut ScoreSheet| x.criteria[0].max_points = Points::whole(1_000_000_000_000_000)),
                "criteria[0].max_points",
            ),
            (
                Box::new(|x: &mut ScoreSheet| {
                    x.adjustments.push(Adjustment {
                        unit: x.entries[0].unit,
                        kind: AdjustmentKind::Bonus,
                        points: Points::whole(10_001),
                        reason: "Thưởng".into(),
                    })
                }),
                "adjustments[0].points",
            ),
            (
                Box::new(|x: &mut ScoreSheet| {
                    let e = x.entries[0].clone();
                    x.entries.push(e)
                }),
                "entries[1].criterion",
            ),
        ] {
            let mut bad = good.clone();
            change(&mut bad);
            let p = invalid(s.save_score_sheet(&bad));
            assert!(p.iter().any(|p| p.field == field), "{field}: {p:#?}");
            assert!(p[0].location.starts_with("Bảng điểm năm 2022 · "), "{p:#?}");
            assert_eq!(s.score_sheet(2022).unwrap(), good, "nothing written");
        }
    });
}

#[test]
fn a_pledge_needs_at_least_one_content() {
    on_each_store(|s| {
        seed(s);
        let p = Pledge {
            year: 2022,
            theme: "Đoàn kết".into(),
            items: Vec::new(),
            signing_conference: None,
            signatures: Vec::new(),
        };
        let problems = invalid(s.save_pledge(&p));
        assert_eq!(problems[0].field, "items");
        assert_eq!(s.pledge(2022).unwrap(), None);
    });
}

#[test]
fn merge_cycles_are_refused_on_save() {
    on_each_store(|s| {
        let ids = seed(s);
        let mut units = s.units().unwrap();
        units[0].merged_into = Some(ids[1]);
        units[0].merged_on = Some(d(2025, 3, 1));
        s.save_unit(&mut units[0]).unwrap();
        // B into A, while A is merged into B.
        units[1].merged_into = Some(ids[0]);
        units[1].merged_on = Some(d(2025, 3, 1));
        let p = invalid(s.save_unit(&mut units[1]));
        assert_eq!(p[0].field, "merged_into");
        assert!(p[0].message.starts_with("Sáp nhập vòng tròn"), "{p:#?}");
        assert!(
            p[0].location
                .starts_with("Đơn vị \u{201c}Viện Kiểm sát nhân dân tỉnh\u{201d}"),
            "{p:#?}"
        );
        // Into itself.
        units[2].merged_into = Some(ids[2]);
        units[2].merged_on = Some(d(2025, 3, 1));
        assert!(!invalid(s.save_unit(&mut units[2])).is_empty());
        // A cycle of three, in one batch.
        let mut units = s.units().unwrap();
        units[1].merged_into = Some(ids[2]);
        units[1].merged_on = Some(d(2025, 3, 1));
        units[2].merged_into = Some(ids[0]);
        units[2].merged_on = Some(d(2025, 3, 1));
        assert!(!invalid(s.save_units(&mut units[1..])).is_empty());
        // Into a unit the file does not have.
        let mut u = Unit::new("Sở mới", "SM", 4);
        u.merged_into = Some(999);
        u.merged_on = Some(d(2025, 3, 1));
        assert!(invalid(s.save_unit(&mut u))[0]
            .message
            .contains("không có trong danh sách"));
        assert!(s.units().unwrap()[1].merged_into.is_none(), "nothing written");
    });
}

#[test]
fn register_numbers_and_years_are_bounded() {
    on_each_store(|s| {
        seed(s);
        let e = RegisterEntry {
            year: 2022,
            doc_type: DocType::Minutes,
            number: 4_294_967_295,
            title: "Biên bản".into(),
            issued_on: d(2022, 12, 16),
            source: String::new(),
        };
        assert_eq!(invalid(s.record_document(&e))[0].field, "number");
        let zero = RegisterEntry { number: 0, ..e.clone() };
        assert_eq!(invalid(s.record_document(&zero))[0].field, "number");
        let p = invalid(s.number_for(2022, DocType::Minutes, "minutes:1", "BB", d(2022, 12, 16), Some(10_000)));
        assert_eq!(p[0].field, "number");
        let p = invalid(s.register_document(99_999, DocType::Minutes, "BB", d(2022, 12, 16)));
        assert_eq!(p[0].field, "year");
        assert!(s.register(2022).unwrap().is_empty());
        // The last number of a year is 9999; the register never goes past it.
        let last = RegisterEntry {
            number: 9_999,
            ..e.clone()
        };
        s.record_document(&last).unwrap();
        let p = invalid(s.register_document(2022, DocType::Minutes, "BB", d(2022, 12, 16)));
        assert!(p[0].message.contains("đã dùng hết số"), "{p:#?}");
        s.register_document(2022, DocType::Proposal, "TTr", d(2022, 12, 16))
            .unwrap();
    });
}

#[test]
fn years_members_proposals_awards_and_discipline_are_checked_on_save() {
    on_each_store(|s| {
        let ids = seed(s);
        assert_eq!(invalid(s.set_members(99_999, &ids))[0].field, "year");
        assert_eq!(invalid(s.set_members(2023, &[ids[0], 777]))[0].field, "members");
        assert_eq!(invalid(s.save_rules(-1, &Rules::default()))[0].field, "year");
        let mut p = Proposal {
            id: 0,
            year: 2022,
            form: "co_ubnd".into(),
            unit: ids[0],
            rank: Some(1),
            score: Some(Points::whole(1_000_000_000)),
            votes: Some(4_294_967_295),
            votes_base: Some(4_294_967_295),
            status: ProposalStatus::Draft,
            by_consensus: false,
            override_note: String::new(),
            note: String::new(),
        };
        let fields: Vec<String> = invalid(s.save_proposal(&mut p)).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["votes", "votes_base", "score"]);
        p.form = "khong_co".into();
        p.score = None;
        p.votes = None;
        p.votes_base = None;
        assert_eq!(invalid(s.save_proposal(&mut p))[0].field, "form");
        assert!(s.proposals(2022).unwrap().is_empty());
        let award = SectorAward {
            unit: 777,
            year: 2022,
            name: "Cờ thi đua của Bộ".into(),
            issuing_body: "Bộ Tư pháp".into(),
            decision_number: "12/QĐ-BTP".into(),
        };
        assert_eq!(
            invalid(s.save_sector_awards(2022, &[award]))[0].field,
            "sector_awards[0].unit"
        );
        let disc = Discipline {
            unit: ids[1],
            year: 2022,
            reason: "Vi phạm".into(),
        };
        let p = invalid(s.save_discipline(2022, &[disc.clone(), disc]));
        assert_eq!(p[0].field, "discipline[1].unit");
    });
}

// ---------------------------------------------------------------------------------------------
// 9. Text: control characters, bidi controls and lengths, with a message naming the field.

#[test]
fn text_fields_refuse_controls_bidi_and_excess_length() {
    on_each_store(|s| {
        let ids = seed(s);
        let mut u = Unit::new("Công an\u{1b}[31m tỉnh", "CA", 9);
        let p = invalid(s.save_unit(&mut u));
        assert_eq!(p[0].field, "names[0].name");
        assert!(
            p[0].message.starts_with("Tên đơn vị chứa ký tự điều khiển U+001B"),
            "{}",
            p[0].message
        );
        let mut u = Unit::new("Công an tỉnh mới", "CA\u{202e}mới", 9);
        assert!(invalid(s.save_unit(&mut u))[0].message.contains("đảo chiều"));
        let mut u = Unit::new(&"Đ".repeat(301), "Dài", 9);
        assert!(invalid(s.save_unit(&mut u))[0]
            .message
            .contains("vượt giới hạn 300 ký tự"));
        let mut u = Unit::new("Sở Nội vụ", "SNV", 9);
        u.note = "Dòng 1\nDòng 2\tcó tab".into();
        s.save_unit(&mut u).unwrap();
        u.note = "a\0b".into();
        assert_eq!(invalid(s.save_unit(&mut u))[0].field, "note");

        let mut c = Conference {
            id: 0,
            year: 2022,
            kind: ConferenceKind::YearEnd,
            title: "Hội nghị tổng kết".into(),
            date: d(2022, 12, 16),
            start: None,
            end: None,
            part_of_day: None,
            place: "Hội trường".into(),
            host_unit: None,
            chair: Person {
                name: "Nguyễn Văn A".into(),
                position: "Giám đốc".into(),
                unit: Some(ids[0]),
            },
            secretary: Person::default(),
            attendance_known: true,
            attendance: Vec::new(),
            guests: Vec::new(),
            sections: vec![Section {
                heading: "Kết quả".into(),
                body: "Đoạn 1.\n\nĐoạn 2.".into(),
            }],
            tasks: vec!["Nhiệm vụ 1".into()],
            tasks_count: None,
            notes: String::new(),
        };
        s.save_conference(&mut c).unwrap();
        c.sections[0].body = "x".repeat(20_001);
        c.tasks[0] = "Nhiệm vụ\n2".into();
        c.chair.name = "A\u{9b}B".into();
        let p = invalid(s.save_conference(&mut c));
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["chair.name", "sections[0].body", "tasks[0]"], "{p:#?}");
        assert!(p[2].message.contains("một dòng"), "{}", p[2].message);
        assert!(p[0]
            .location
            .starts_with("Hội nghị \u{201c}Hội nghị tổng kết\u{201d} · chủ trì"));
    });
}

#[test]
fn printers_escape_control_characters_already_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo_with(
        dir.path(),
        "UPDATE unit_names SET name = 'Công an' || char(27) || '[2J' || char(8238) || ' tỉnh' WHERE unit_id = 1;
         UPDATE conferences SET title = 'Tổng kết' || char(27) || ']0;x' || char(7) WHERE id = 1;",
    );
    for args in [
        vec!["list", "units", "--data", &f],
        vec!["list", "units", "--data", &f, "--json"],
        vec!["list", "years", "--data", &f],
        vec!["list", "conferences", "--data", &f],
        vec!["ranking", "--data", &f, "--year", "2022"],
        vec!["ranking", "--data", &f, "--year", "2022", "--json"],
        vec!["proposals", "--data", &f, "--year", "2022"],
        vec!["rotation", "--data", &f, "--year", "2023"],
        vec!["ballot", "--data", &f, "--ballot", "1"],
    ] {
        let o = run(&args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        let text = format!("{}{}", out(&o), err(&o));
        assert!(!text.contains('\u{1b}'), "{args:?} printed a raw ESC: {text}");
        assert!(
            !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?}: {text}"
        );
    }
    let o = run(&["list", "units", "--data", &f]);
    assert!(out(&o).contains("Công an\\u{1b}[2J\\u{202e} tỉnh"), "{}", out(&o));
    // The JSON is still the same data.
    let o = run(&["list", "units", "--data", &f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["name"], "Công an\u{1b}[2J\u{202e} tỉnh");
    // And check reports the names.
    let all = problems_of(&f);
    assert!(all.iter().any(|(_, p)| p.field == "units[1].names[0].name"), "{all:#?}");
}

// ---------------------------------------------------------------------------------------------
// The command line's flags: refused at the door, never written into the register.

#[test]
fn flags_out_of_range_are_refused_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo_file(dir.path(), "khối.sqlite").display().to_string();
    let pdf = dir.path().join("x.pdf").display().to_string();
    let before = Store::open(Path::new(&f)).unwrap().register(2022).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["ranking", "--data", &f, "--year", "99999"], "từ 1945 đến 2200"),
        (vec!["ranking", "--data", &f, "--year=-1"], "từ 1945 đến 2200"),
        (vec!["proposals", "--data", &f, "--year", "0"], "từ 1945 đến 2200"),
        (vec!["rotation", "--data", &f, "--year", "2201"], "từ 1945 đến 2200"),
        (
            vec!["list", "units", "--data", &f, "--year", "1944"],
            "từ 1945 đến 2200",
        ),
        (
            vec!["pdf", "ranking", "--data", &f, "--year", "99999", "--out", &pdf],
            "từ 1945 đến 2200",
        ),
        (
            vec![
                "pdf",
                "ranking",
                "--data",
                &f,
                "--year",
                "2022",
                "--date",
                "01/01/0000",
                "--out",
                &pdf,
            ],
            "từ năm 1945 đến năm 2200",
        ),
        (
            vec![
                "pdf",
                "ranking",
                "--data",
                &f,
                "--year",
                "2022",
                "--number",
                "4294967295",
                "--out",
                &pdf,
            ],
            "từ 1 đến 9999",
        ),
        (
            vec![
                "pdf", "ranking", "--data", &f, "--year", "2022", "--number", "0", "--out", &pdf,
            ],
            "từ 1 đến 9999",
        ),
        (
            vec![
                "pdf",
                "ranking",
                "--data",
                &f,
                "--year",
                "2022",
                "--date",
                "31/02/2022",
                "--out",
                &pdf,
            ],
            "không có trong lịch",
        ),
    ];
    for (args, words) in cases {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(err(&o).starts_with("Lỗi: lệnh không hợp lệ"), "{args:?}: {}", err(&o));
        assert!(err(&o).contains(words), "{args:?}: {}", err(&o));
    }
    assert!(!Path::new(&pdf).exists());
    assert_eq!(Store::open(Path::new(&f)).unwrap().register(2022).unwrap(), before);
    // In range, the same command works and takes the number.
    let o = run(&[
        "pdf", "proposal", "--data", &f, "--year", "2022", "--number", "9999", "--out", &pdf,
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(Store::open(Path::new(&f))
        .unwrap()
        .register(2022)
        .unwrap()
        .iter()
        .any(|e| e.number == 9999));
}

// ---------------------------------------------------------------------------------------------
// 10. No raw English from SQLite.

#[test]
fn database_refusals_are_vietnamese_first() {
    on_each_store(|s| {
        let ids = seed(s);
        // A record the rules name is checked before SQLite sees it…
        let l = Leadership {
            year: 2022,
            head: ids[0],
            deputy: Some(ids[1]),
            method: ChoiceMethod::Elected,
            decided_at: Some(4242),
            note: String::new(),
        };
        let p = invalid(s.save_leadership(&l));
        assert_eq!(p[0].field, "decided_at");
        assert_eq!(p[0].location, "Khối trưởng, Khối phó năm 2022 · hội nghị quyết định");
        // …and what only SQLite catches is still said in Vietnamese first.
        let mut c = Conference {
            id: 0,
            year: 2022,
            kind: ConferenceKind::Other,
            title: "Họp khối".into(),
            date: d(2022, 5, 5),
            start: None,
            end: None,
            part_of_day: None,
            place: "Hội trường".into(),
            host_unit: None,
            chair: Person {
                name: "Nguyễn Văn A".into(),
                position: "Giám đốc".into(),
                unit: Some(4242),
            },
            secretary: Person::default(),
            attendance_known: true,
            attendance: Vec::new(),
            guests: Vec::new(),
            sections: Vec::new(),
            tasks: Vec::new(),
            tasks_count: None,
            notes: String::new(),
        };
        let e = s.save_conference(&mut c).unwrap_err();
        assert!(matches!(e, StoreError::Sqlite(_)), "{e:?}");
        let m = e.to_string();
        assert!(m.starts_with("Bản ghi tham chiếu tới"), "{m}");
        assert!(m.ends_with("(chi tiết SQLite: FOREIGN KEY constraint failed)"), "{m}");
    });
}
