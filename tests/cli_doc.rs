//! `khoithidua doc`: the format follows the output's extension; `--draft` prints the draft as JSON
//! and `--from-draft` renders an edited one, so that drafts can be scripted.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khoithidua"))
        .args(args)
        .env("KHOITHIDUA_DATA", "/nonexistent/khoithidua.sqlite")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn demo(dir: &Path) -> String {
    let f = dir.join("demo.sqlite").display().to_string();
    let o = run(&["demo", &f]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    f
}

#[test]
fn a_draft_printed_edited_and_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo(dir.path());
    let o = run(&["--data", &data, "doc", "proposal", "--year", "2022", "--draft"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut draft: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the draft is JSON");
    assert_eq!(
        draft["header"]["number"],
        serde_json::Value::Null,
        "not numbered before issue"
    );
    // Edit it as a script would: a paragraph added, the subject changed.
    draft["body"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"Para": "Khối đề nghị xem xét **sớm** trước ngày 15/01/2023."}));
    draft["subject"] = "Về việc đề nghị khen thưởng năm 2022 (bản sửa)".into();
    let edited = dir.path().join("nháp.json");
    std::fs::write(&edited, serde_json::to_string_pretty(&draft).unwrap()).unwrap();
    let pdf = dir.path().join("to-trinh.pdf");
    let o = run(&[
        "--data",
        &data,
        "doc",
        "proposal",
        "--from-draft",
        &edited.display().to_string(),
        "--out",
        &pdf.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let pages = common::pdf_pages(&std::fs::read(&pdf).unwrap()).join("\n");
    assert!(
        pages.contains("Khối đề nghị xem xét sớm trước ngày 15/01/2023."),
        "{pages}"
    );
    assert!(pages.contains("(bản sửa)"));
    // Rendering a draft changes nothing in the data file: no number was taken.
    let s = khoithidua::store::Store::open(Path::new(&data)).unwrap();
    assert!(!s
        .register(2022)
        .unwrap()
        .iter()
        .any(|e| e.doc_type == khoithidua::domain::DocType::Proposal));
}

#[test]
fn the_extension_chooses_the_format_and_bad_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo(dir.path());
    let out = |name: &str| dir.path().join(name).display().to_string();
    let pdf = out("bien-ban.pdf");
    let o = run(&["--data", &data, "doc", "minutes", "--conference", "4", "--out", &pdf]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("số 03/BB-KNC"), "{}", text(&o.stdout));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    // A Word copy of the same document; the Excel copies of the tables, read back.
    let docx = out("bien-ban.docx");
    let o = run(&["--data", &data, "doc", "minutes", "--conference", "4", "--out", &docx]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"), "a .docx is a zip");
    for kind in ["scores", "ranking", "proposal"] {
        let xlsx = out(&format!("{kind}.xlsx"));
        let o = run(&["--data", &data, "doc", kind, "--year", "2022", "--out", &xlsx]);
        assert!(o.status.success(), "{kind}: {}", text(&o.stderr));
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
        let first = book.sheet_names()[0].clone();
        let range = book.worksheet_range(&first).unwrap();
        let cells: Vec<String> = range.rows().flatten().map(|c| c.to_string()).collect();
        assert!(cells.iter().any(|c| c.contains("Công an tỉnh")), "{kind}: {cells:?}");
    }

    for (args, says) in [
        (
            vec!["doc", "minutes", "--conference", "4", "--out", &out("x.odt")],
            "đuôi .pdf, .docx hoặc .xlsx",
        ),
        (
            vec!["doc", "scores", "--year", "2022", "--out", &out("x.pdf")],
            "chỉ có bản Excel",
        ),
        (
            vec!["doc", "minutes", "--conference", "4", "--out", &out("x.xlsx")],
            "Bản Excel có cho",
        ),
        (vec!["doc", "minutes", "--conference", "4"], "Thiếu --out"),
    ] {
        let mut full = vec!["--data", data.as_str()];
        full.extend(args.iter().copied());
        let o = run(&full);
        assert!(!o.status.success());
        assert!(text(&o.stderr).contains(says), "{:?}: {}", args, text(&o.stderr));
    }
    let broken = dir.path().join("hỏng.json");
    std::fs::write(&broken, r#"{"title": "x", "landscape": "không"}"#).unwrap();
    let o = run(&[
        "--data",
        &data,
        "doc",
        "minutes",
        "--from-draft",
        &broken.display().to_string(),
        "--out",
        &out("y.pdf"),
    ]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("không đúng dạng (ở landscape)"),
        "{}",
        text(&o.stderr)
    );
    assert!(!dir.path().join("y.pdf").exists());
}

/// Defects the command-line fuzzer found (tests/fuzz.rs), each held here by name.
#[test]
fn what_the_fuzzer_found_stays_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let data = demo(dir.path());
    let out = |name: &str| dir.path().join(name).display().to_string();

    // `pdf --text` into a missing folder fails before the PDF is written or a number is taken.
    let before = common::sha256(Path::new(&data));
    let pdf = out("bien-ban.pdf");
    let missing = dir.path().join("không có").join("chu.txt").display().to_string();
    let o = run(&[
        "--data",
        &data,
        "pdf",
        "minutes",
        "--conference",
        "4",
        "--out",
        &pdf,
        "--text",
        &missing,
    ]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("chu.txt"), "{}", text(&o.stderr));
    assert!(!Path::new(&pdf).exists(), "no PDF written");
    assert_eq!(common::sha256(Path::new(&data)), before, "the data file is as it was");

    // A synthetic bloc of two units (the smallest the command allows) is made, not a panic.
    let small = out("hai-don-vi.sqlite");
    let o = run(&["demo", &small, "--years", "1", "--units", "2"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&["--data", &small, "check"]);
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));

    // A JSON file that is not a draft is refused in Vietnamese, with no serde English.
    let other = dir.path().join("khac.json");
    std::fs::write(&other, r#"{"manifest": {"format": 1}, "landscape": 3}"#).unwrap();
    let o = run(&[
        "--data",
        &data,
        "doc",
        "minutes",
        "--from-draft",
        &other.display().to_string(),
        "--out",
        &out("z.pdf"),
    ]);
    let err = text(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("không đúng dạng"), "{err}");
    for english in ["missing field", "invalid type", "expected", " at line "] {
        assert!(!err.contains(english), "{english:?} in {err}");
    }
    std::fs::write(&other, "{ không phải JSON").unwrap();
    let o = run(&[
        "--data",
        &data,
        "doc",
        "minutes",
        "--from-draft",
        &other.display().to_string(),
        "--out",
        &out("z.pdf"),
    ]);
    assert!(
        text(&o.stderr).contains("không phải JSON hợp lệ (dòng 1"),
        "{}",
        text(&o.stderr)
    );

    // `import-bundle --force` does not write over a backup copy.
    let bundle = out("ban-giao.json");
    let o = run(&["--data", &data, "export-bundle", "--out", &bundle]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let backup = khoithidua::store::backup::list_backups(Path::new(&data))
        .into_iter()
        .next()
        .expect("opening the file took the day's backup")
        .path;
    let kept = common::sha256(&backup);
    let o = run(&[
        "--data",
        &backup.display().to_string(),
        "import-bundle",
        &bundle,
        "--force",
    ]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("bản sao lưu"), "{}", text(&o.stderr));
    assert_eq!(common::sha256(&backup), kept, "the backup is as it was");
}
