//! The command line as a user runs it: demo, check, list, and its errors.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khoithidua"))
        .args(args)
        .env("KHOITHIDUA_DATA", "/nonexistent/khoithidua.sqlite")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn demo(dir: &Path) -> String {
    let f = dir.join("khối nội chính.sqlite").display().to_string();
    let o = run(&["demo", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    f
}

#[test]
fn demo_then_check_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    let o = run(&["check", &f]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!("Phiên bản lược đồ: {}", khoithidua::store::LATEST_VERSION)),
        "{out}"
    );
    assert!(out.contains("Tính toàn vẹn: tốt"));
    assert!(out.contains("Không có lỗi dữ liệu."));
    let o = run(&["check", &f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["clean"], true);
    assert_eq!(v["counts"]["units"], 9);
    assert_eq!(v["counts"]["conferences"], 4);
}

#[test]
fn list_shows_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    let o = run(&["list", "units", "--data", &f, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let units: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(units.len(), 9);
    assert!(units.iter().all(|u| u["id"].as_i64().unwrap() > 0));
    assert_eq!(units[0]["name"], "Công an tỉnh");
    assert_eq!(units[4]["short_name"], "VKSND tỉnh");

    let o = run(&["list", "years", "--data", &f]);
    let out = stdout(&o);
    assert!(out.contains("2021") && out.contains("Tòa án nhân dân tỉnh"), "{out}");
    assert!(out.contains("Cục Thi hành án dân sự tỉnh"));

    let o = run(&["list", "conferences", "--data", &f, "--year", "2022", "--json"]);
    let confs: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(confs.len(), 3);
    assert_eq!(confs[1]["date"], "28/07/2022");
    assert_eq!(confs[1]["kind"], "Sơ kết 6 tháng");
    assert_eq!(confs[1]["tasks"], 6);
    assert!(confs.iter().all(|c| c["id"].as_i64().is_some()));

    let o = run(&["list", "units", "--data", &f, "--year", "1999"]);
    assert!(stdout(&o).contains("không có dữ liệu"));
}

#[test]
fn large_synthetic_bloc() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("lớn.sqlite").display().to_string();
    let o = run(&["demo", &f, "--years", "3", "--units", "12"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["check", &f, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["clean"], true, "{v:#}");
    // Every table is filled.
    for (table, n) in v["counts"].as_object().unwrap() {
        assert!(n.as_i64().unwrap() > 0, "{table} is empty");
    }
    assert_eq!(v["counts"]["scores"], 3 * 12 * 40);
}

#[test]
fn errors_are_vietnamese_and_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    // The demo never overwrites.
    let o = run(&["demo", &f]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("đã có; không ghi đè"), "{}", stderr(&o));
    // A missing file.
    let o = run(&["list", "units", "--data", "/nonexistent/x.sqlite"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).starts_with("Lỗi: Không tìm thấy tệp dữ liệu"),
        "{}",
        stderr(&o)
    );
    // Not a data file.
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, "không phải cơ sở dữ liệu").unwrap();
    let o = run(&["check", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("không phải tệp dữ liệu"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&junk).unwrap(), "không phải cơ sở dữ liệu");
    // Wrong usage.
    let o = run(&["list", "nothing"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("Lỗi: lệnh không hợp lệ"));
    let o = run(&["demo", "/nonexistent/folder/x.sqlite"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("không tồn tại"), "{}", stderr(&o));
    // --years needs --units.
    let o = run(&["demo", "x.sqlite", "--years", "3"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_reports_validation_problems() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    // Break the record behind the store's back: a ballot whose counts do not add up.
    let c = rusqlite::Connection::open(&f).unwrap();
    c.execute("UPDATE ballots SET returned = 20 WHERE id = 1", []).unwrap();
    drop(c);
    let o = run(&["check", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("Số phiếu thu về (20) lớn hơn số phiếu phát ra (9)"),
        "{out}"
    );
}

/// One result line of `ballot`: "  Công an tỉnh       8/9 phiếu, đạt 88,89% — Đạt".
struct BallotRow {
    name: String,
    votes: String,
    percent: String,
    passed: bool,
    /// The character column where the votes start.
    column: usize,
}

/// The result lines of `ballot`'s output, read by what they say, not by their spacing.
fn ballot_rows(out: &str) -> Vec<BallotRow> {
    out.lines()
        .filter(|l| l.starts_with("  ") && l.contains(" phiếu, đạt "))
        .map(|l| {
            let (left, verdict) = l.rsplit_once(" — ").unwrap_or_else(|| panic!("no verdict: {l:?}"));
            assert!(matches!(verdict, "Đạt" | "Không đạt"), "{l:?}");
            let at = left.find(" phiếu, đạt ").unwrap();
            let start = left[..at].rfind(' ').unwrap() + 1;
            let name = left[..start].trim();
            assert!(left[2..].starts_with(name), "the name does not start the line: {l:?}");
            BallotRow {
                name: name.to_string(),
                votes: left[start..at].to_string(),
                percent: left[at + " phiếu, đạt ".len()..].trim_end_matches('%').to_string(),
                passed: verdict == "Đạt",
                column: left[..start].chars().count(),
            }
        })
        .collect()
}

#[test]
fn the_rules_commands_show_the_2022_year_end() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    let o = run(&["ranking", "--data", &f, "--year", "2022"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().nth(2).unwrap().starts_with("1 "), "{out}");
    assert!(out.lines().nth(2).unwrap().contains("Công an tỉnh"));
    assert_eq!(out.matches("đồng hạng 6").count(), 2, "{out}");

    let o = run(&["ranking", "--data", &f, "--year", "2022", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 9);
    assert_eq!(rows[0]["total"], 110.0);
    assert!(rows.iter().all(|r| r["id"].as_i64().is_some()));

    // Each candidate on a line of their own, best first, with their votes, percentage and
    // verdict; the votes in one column whatever the length of the names.
    for (ballot, want) in [
        (
            "1",
            vec![
                ("Công an tỉnh", "8/9", "88,89", true),
                ("Viện Kiểm sát nhân dân tỉnh", "1/9", "11,11", false),
            ],
        ),
        (
            "2",
            vec![
                ("Viện Kiểm sát nhân dân tỉnh", "9/9", "100,00", true),
                ("Cục Thi hành án dân sự tỉnh", "8/9", "88,89", true),
                ("Tòa án nhân dân tỉnh", "7/9", "77,78", true),
                ("Trại giam Kim Sơn", "3/9", "33,33", false),
            ],
        ),
    ] {
        let o = run(&["ballot", "--data", &f, "--ballot", ballot]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("ngưỡng: từ 70% trở lên"), "{out}");
        let rows = ballot_rows(&out);
        let got: Vec<(&str, &str, &str, bool)> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.votes.as_str(), r.percent.as_str(), r.passed))
            .collect();
        assert_eq!(got, want, "{out}");
        let column = rows[0].column;
        let longest = rows.iter().map(|r| r.name.chars().count()).max().unwrap();
        for r in &rows {
            assert_eq!(
                r.column, column,
                "the votes of {} are not in the column:\n{out}",
                r.name
            );
            assert!(column > 2 + longest, "a name runs into the votes:\n{out}");
        }
    }
    let o = run(&["ballot", "--data", &f, "--ballot", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["results"][0]["percent"], "88,89");
    assert_eq!(v["results"][0]["passed"], true);

    let o = run(&["proposals", "--data", &f, "--year", "2022", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["proposals"].as_array().unwrap().len(), 4);
    assert!(v["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["warnings"].as_array().unwrap().is_empty()));
    assert_eq!(v["suggested"][0]["unit"], "Công an tỉnh");

    let o = run(&["rotation", "--data", &f, "--year", "2023"]);
    let out = stdout(&o);
    assert!(out.contains("Khối trưởng: Cục Thi hành án dân sự tỉnh"), "{out}");
    assert!(out.contains("là Khối phó năm 2022"));

    let o = run(&["ballot", "--data", &f, "--ballot", "999"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Không tìm thấy cuộc bỏ phiếu số 999"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn proposals_show_warnings_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    // A second flag for a unit that was not voted the leader.
    let c = rusqlite::Connection::open(&f).unwrap();
    c.execute(
        "INSERT INTO proposals (year, form, unit_id, votes, votes_base, status) VALUES (2022, 'co_ubnd', 5, 1, 9, 'draft')",
        [],
    )
    .unwrap();
    drop(c);
    let o = run(&["proposals", "--data", &f, "--year", "2022"]);
    let out = stdout(&o);
    assert!(
        out.contains("Cảnh báo: Viện Kiểm sát nhân dân tỉnh không phải là đơn vị được suy tôn dẫn đầu khối"),
        "{out}"
    );
    assert!(out.contains("Cảnh báo: Vượt chỉ tiêu"), "{out}");
}

fn sha(p: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(p).unwrap()).to_vec()
}

#[test]
fn handover_and_backups_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    let bundle = dir.path().join("bàn giao.json.gz");
    let o = run(&["export-bundle", "--data", &f, "--out", bundle.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("3 năm (2020–2022)"), "{}", stdout(&o));
    let new = dir.path().join("khối mới.sqlite");
    let o = run(&[
        "import-bundle",
        bundle.to_str().unwrap(),
        "--data",
        new.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["check", new.to_str().unwrap()]);
    assert!(o.status.success());
    // Importing again over the file is refused, and the file stays as it is.
    let before = sha(&new);
    let o = run(&[
        "import-bundle",
        bundle.to_str().unwrap(),
        "--data",
        new.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("đã có"), "{}", stderr(&o));
    assert_eq!(sha(&new), before);
    // A bundle with a wrong checksum, a truncated one: refused, nothing created.
    let plain = dir.path().join("bàn giao.json");
    let o = run(&["export-bundle", "--data", &f, "--out", plain.to_str().unwrap()]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(&plain).unwrap();
    std::fs::write(&plain, text.replacen("Công an tỉnh", "Công an tỉnh X", 1)).unwrap();
    let target = dir.path().join("không tạo.sqlite");
    let o = run(&[
        "import-bundle",
        plain.to_str().unwrap(),
        "--data",
        target.to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("Mã kiểm tra"), "{}", stderr(&o));
    std::fs::write(&plain, &text.as_bytes()[..text.len() / 2]).unwrap();
    let o = run(&[
        "import-bundle",
        plain.to_str().unwrap(),
        "--data",
        target.to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("cắt cụt"), "{}", stderr(&o));
    assert!(!target.exists());
    // Backups by hand, listed, restored.
    let o = run(&["backup", "--data", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let backup = stdout(&o)
        .split('\u{201c}')
        .nth(1)
        .unwrap()
        .split('\u{201d}')
        .next()
        .unwrap()
        .to_string();
    let o = run(&["backups", "--data", &f]);
    assert!(stdout(&o).contains("thu-cong"), "{}", stdout(&o));
    // After the backup, a unit renamed and a conference added.
    let units = |f: &str| {
        let o = run(&["list", "units", "--data", f, "--json"]);
        serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout).unwrap()
    };
    let conferences = |f: &str| {
        let o = run(&["list", "conferences", "--data", f, "--json"]);
        serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout).unwrap()
    };
    let (units_then, conferences_then) = (units(&f), conferences(&f));
    let c = rusqlite::Connection::open(&f).unwrap();
    c.execute(
        "UPDATE unit_names SET name = 'Công an tỉnh Bình Định' WHERE unit_id = 1",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO conferences (year, kind, title, date, place, host_unit, chair_name, chair_position,
             secretary_name, secretary_position, notes)
         SELECT year, kind, 'Hội nghị thêm sau sao lưu', date, place, host_unit, chair_name, chair_position,
             secretary_name, secretary_position, notes FROM conferences WHERE id = 3",
        [],
    )
    .unwrap();
    drop(c);
    assert_eq!(units(&f)[0]["name"], "Công an tỉnh Bình Định");
    assert_eq!(conferences(&f).len(), conferences_then.len() + 1);
    let o = run(&["restore", &backup, "--data", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Dữ liệu trước khi khôi phục được sao lưu"));
    // The file as it was at the backup: the old name back, the added conference gone.
    assert_eq!(units(&f), units_then);
    assert_eq!(conferences(&f), conferences_then);
    assert_eq!(units(&f)[0]["name"], "Công an tỉnh");
}

/// `pdf …` on `f` with `args`, its text written beside it; (status, stdout+stderr, text).
fn pdf_text(dir: &Path, f: &str, args: &[&str]) -> (bool, String, String) {
    let out = dir.join("van-ban.pdf").display().to_string();
    let txt = dir.join("van-ban.txt");
    let _ = std::fs::remove_file(&txt);
    let mut all = vec!["pdf"];
    all.extend_from_slice(args);
    let txt_s = txt.display().to_string();
    all.extend_from_slice(&["--data", f, "--out", &out, "--text", &txt_s]);
    let o = run(&all);
    let text = std::fs::read_to_string(&txt)
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (o.status.success(), format!("{}{}", stdout(&o), stderr(&o)), text)
}

#[test]
fn pdf_numbers_by_the_calendar_year_of_the_date_and_never_dates_a_past_year_today() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    // The 2020 year-end conference, held on 06/01/2021: 01/BB of 2021, dated that day.
    let (ok, said, text) = pdf_text(dir.path(), &f, &["minutes", "--conference", "1"]);
    assert!(ok, "{said}");
    assert!(said.contains("số 01/BB-KNC"), "{said}");
    assert!(
        text.contains("Số: 01/BB-KNC") && text.contains("Bình Định, ngày 06 tháng 01 năm 2021"),
        "{text}"
    );
    // The 2020 tờ trình: the day after that conference, citing those minutes and the law in force then.
    let (ok, said, text) = pdf_text(dir.path(), &f, &["proposal", "--year", "2020"]);
    assert!(ok, "{said}");
    for fact in [
        "Số: 01/TTr-KNC",
        "Bình Định, ngày 07 tháng 01 năm 2021",
        "Căn cứ Luật Thi đua, khen thưởng số 15/2003/QH11",
        "số 01/BB-KNC ngày 06/01/2021",
        "(Kèm theo Tờ trình số 01/TTr-KNC ngày 07/01/2021",
    ] {
        assert!(text.contains(fact), "missing {fact}: {text}");
    }
    assert!(!text.contains("06/2022/QH15") && !text.contains("152/2025"), "{text}");
    // The 2022 tờ trình, issued in 2022: the first of 2022's series.
    let (ok, said, text) = pdf_text(dir.path(), &f, &["proposal", "--year", "2022"]);
    assert!(ok, "{said}");
    assert!(
        text.contains("Số: 01/TTr-KNC") && text.contains("ngày 21 tháng 12 năm 2022"),
        "{text}"
    );
    // A ranking for 2021, a year without a year-end conference: no date is invented.
    let (ok, said, _) = pdf_text(dir.path(), &f, &["ranking", "--year", "2021"]);
    assert!(!ok);
    assert!(!said.contains("năm 2026") && !said.contains("Đã xuất"), "{said}");
    // Reprinted without a date: the same number and date.
    let (ok, said, again) = pdf_text(dir.path(), &f, &["proposal", "--year", "2020"]);
    assert!(ok, "{said}");
    assert!(
        again.contains("Số: 01/TTr-KNC") && again.contains("ngày 07 tháng 01 năm 2021"),
        "{again}"
    );
    // Given a date in 2022: the next tờ trình of 2022.
    let (ok, said, text) = pdf_text(dir.path(), &f, &["proposal", "--year", "2020", "--date", "23/12/2022"]);
    assert!(ok, "{said}");
    assert!(
        text.contains("Số: 02/TTr-KNC") && text.contains("(Kèm theo Tờ trình số 02/TTr-KNC ngày 23/12/2022"),
        "{text}"
    );
}

#[test]
fn pdf_asks_for_a_date_when_nothing_dates_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    // The demo's 2021 has no year-end conference; give it a proposal so that a tờ trình can be made.
    {
        let mut s = khoithidua::store::Store::open(Path::new(&f)).unwrap();
        let mut p = s.proposals(2022).unwrap()[0].clone();
        p.id = 0;
        p.year = 2021;
        s.save_proposal(&mut p).unwrap();
    }
    let (ok, said, _) = pdf_text(dir.path(), &f, &["proposal", "--year", "2021"]);
    assert!(!ok);
    assert!(
        said.contains("Chưa có ngày văn bản cho tờ trình đề nghị khen thưởng năm 2021"),
        "{said}"
    );
    assert!(said.contains("--date"), "{said}");
    let (ok, said, text) = pdf_text(dir.path(), &f, &["proposal", "--year", "2021", "--date", "14/01/2022"]);
    assert!(ok, "{said}");
    assert!(
        text.contains("Số: 01/TTr-KNC") && text.contains("Bình Định, ngày 14 tháng 01 năm 2022"),
        "{text}"
    );
    assert!(text.contains("Căn cứ Nghị định số 91/2017/NĐ-CP"), "{text}");
}

/// `--number` and `--date` reach the header of every document type that carries them (the
/// number's series by type, the date line in words); a number already used in the series and a
/// number for a paper without one are refused, and nothing is written then.
#[test]
fn a_hand_given_number_and_date_reach_every_document_type() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo(dir.path());
    let date_line = "Bình Định, ngày 23 tháng 12 năm 2022";
    for (args, number) in [
        (vec!["minutes", "--conference", "4"], "57/BB-KNC"),
        (vec!["ballot", "--ballot", "1"], "58/BB-KNC"),
        (vec!["proposal", "--year", "2022"], "57/TTr-KNC"),
        (vec!["ranking", "--year", "2022"], "57/BC-KNC"),
    ] {
        let n = number.split('/').next().unwrap();
        let mut all = args.clone();
        all.extend_from_slice(&["--number", n, "--date", "23/12/2022"]);
        let (ok, said, text) = pdf_text(dir.path(), &f, &all);
        assert!(ok, "{args:?}: {said}");
        assert!(text.contains(&format!("Số: {number}")), "{args:?}: {text}");
        assert!(text.contains(date_line), "{args:?}: {text}");
        // Printed again without them: the number and date it was given.
        let (ok, said, text) = pdf_text(dir.path(), &f, &args);
        assert!(ok, "{args:?}: {said}");
        assert!(
            text.contains(&format!("Số: {number}")) && text.contains(date_line),
            "{args:?}: {text}"
        );
    }
    // The pledge carries a date, never a number.
    let (ok, said, text) = pdf_text(dir.path(), &f, &["pledge", "--year", "2022", "--date", "23/12/2022"]);
    assert!(ok, "{said}");
    assert!(text.contains(date_line) && !text.contains("Số:"), "{text}");
    let refused = |args: &[&str], says: &str| {
        let out = dir.path().join("van-ban.pdf");
        let _ = std::fs::remove_file(&out);
        let before = std::fs::read(&f).unwrap();
        let (ok, said, _) = pdf_text(dir.path(), &f, args);
        assert!(!ok, "{args:?}");
        assert!(said.contains(says), "{args:?}: {said}");
        assert!(!out.exists(), "{args:?}: nothing written");
        assert!(
            std::fs::read(&f).unwrap() == before,
            "{args:?}: the data file unchanged"
        );
    };
    refused(
        &["pledge", "--year", "2022", "--number", "5", "--date", "23/12/2022"],
        "không mang số văn bản",
    );
    // 57/BB is the year-end minutes': the mid-year minutes cannot take it too.
    refused(
        &["minutes", "--conference", "3", "--number", "57", "--date", "23/12/2022"],
        "đã được dùng",
    );
}
