//! Prose typed on several lines (the proceedings, the conclusions of a conference) prints as
//! paragraphs of its own, each with the body's first-line indent and paragraph spacing; a list typed
//! one item per line (the tasks) prints one numbered item per line; prose may hold line breaks,
//! one-line fields may not.

mod common;
mod pdf_read;

use chrono::{NaiveDate, NaiveTime};
use khoithidua::app::exports::{make, DocRequest, ExportOptions};
use khoithidua::domain::text::{list_items, paragraphs};
use khoithidua::domain::*;
use khoithidua::store::Store;
use pdf_read::{read, Read, Run};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s
}

const FIRST: &str = "Năm 2022, các cơ quan, đơn vị đã hoàn thành tốt nhiệm vụ chính trị, góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn tỉnh và thực hiện nghiêm Quy chế của Khối.";
const SECOND: &str = "Các đơn vị thành viên thống nhất tiếp tục đổi mới nội dung, hình thức thi đua.";

/// A conference of 2022 whose proceedings have two paragraphs typed with blank lines, spaces and
/// a Windows line break between them, two tasks typed as a numbered list and two paragraphs of
/// conclusions.
fn conference(s: &Store) -> Conference {
    let members = s.members(2022).unwrap();
    Conference {
        id: 0,
        year: 2022,
        kind: ConferenceKind::Other,
        title: "Hội nghị giao ban Khối thi đua quý III năm 2022".into(),
        date: d(2022, 9, 15),
        start: NaiveTime::from_hms_opt(8, 0, 0),
        end: NaiveTime::from_hms_opt(10, 30, 0),
        part_of_day: None,
        place: "Hội trường Thanh tra tỉnh".into(),
        host_unit: None,
        chair: Person {
            name: "Đặng Hồng Thọ".into(),
            position: "Chánh Thanh tra tỉnh".into(),
            unit: None,
        },
        secretary: Person {
            name: "Lê Thị Thu".into(),
            position: String::new(),
            unit: None,
        },
        attendance_known: true,
        attendance: members
            .iter()
            .map(|&unit| Attendance {
                unit,
                present: true,
                note: String::new(),
                representative: String::new(),
                representative_position: String::new(),
            })
            .collect(),
        guests: Vec::new(),
        sections: vec![Section {
            heading: "Kết quả thi đua 9 tháng".into(),
            body: format!("{FIRST}\r\n\n   \n  {SECOND}  \n"),
        }],
        tasks: list_items("1. Hoàn thành báo cáo quý III.\n\n2) Tổ chức hội thao của Khối."),
        tasks_count: None,
        notes: "Hội nghị giao Khối trưởng tổng hợp ý kiến.\nCác đơn vị gửi báo cáo trước ngày 25/12/2022.".into(),
    }
}

fn minutes(s: &mut Store, id: ConferenceId) -> (Read, Vec<u8>) {
    let opts = ExportOptions {
        date: Some(d(2022, 9, 15)),
        ..ExportOptions::default()
    };
    let out = make(s, &DocRequest::Minutes(id), &opts, d(2022, 12, 22)).expect("minutes");
    // To look at the pages: KHOITHIDUA_TEST_PDF_DIR=/tmp/x cargo test --test prose_paragraphs
    if let Ok(dir) = std::env::var("KHOITHIDUA_TEST_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(&out.file_name), &out.pdf.bytes).unwrap();
    }
    let mut r = read(&out.pdf.bytes);
    // Without the page numbers, the lines of the text follow each other across a page break.
    r.runs.retain(|x| !x.text.chars().all(|c| c.is_ascii_digit()));
    (r, out.pdf.bytes)
}

fn position(r: &Read, start: &str) -> usize {
    r.runs
        .iter()
        .position(|x| x.text.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with \u{201c}{start}\u{201d}: {:#?}", r.runs))
}

/// The distance between the baselines of two consecutive one-line body paragraphs ("- Công an
/// tỉnh;" then "- Tòa án nhân dân tỉnh;"): a line and the paragraph spacing.
fn paragraph_step(r: &Read) -> f32 {
    r.runs
        .windows(2)
        .find(|w| w[0].text.starts_with("- ") && w[1].text.starts_with("- ") && w[0].page == w[1].page)
        .map(|w| w[0].y - w[1].y)
        .expect("two attendance lines")
}

/// `second` starts a paragraph right after the paragraph ending on the line before it: on a line
/// of its own, with the first-line indent and (on the same page) the spacing of the rest of the
/// body.
fn starts_a_paragraph(r: &Read, second: usize, indent_x: f32, step: f32) {
    let (before, at): (&Run, &Run) = (&r.runs[second - 1], &r.runs[second]);
    assert!(
        (at.x - indent_x).abs() < 0.5,
        "{at:?} is not indented as the body ({indent_x})"
    );
    if before.page != at.page {
        return;
    }
    assert!(
        (before.y - at.y - step).abs() < 0.5,
        "{before:?} then {at:?}: {} apart, the body's paragraphs {step}",
        before.y - at.y
    );
}

#[test]
fn proceedings_typed_in_two_paragraphs_print_as_two_paragraphs() {
    let mut s = demo();
    let mut c = conference(&s);
    assert!(c.problems(&s.members(2022).unwrap()).is_empty());
    let id = s.save_conference(&mut c).unwrap();
    let stored = s.conferences(2022).unwrap().into_iter().find(|c| c.id == id).unwrap();
    assert!(stored.sections[0].body.contains('\n'), "the line breaks are kept");
    assert_eq!(paragraphs(&stored.sections[0].body), [FIRST, SECOND]);

    let (r, _) = minutes(&mut s, id);
    let all: String = r.runs.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join("\n");
    for glued in ["Khối.Các", "Khối. Các", "Khối.  Các"] {
        assert!(!all.contains(glued), "two paragraphs glued: {all}");
    }
    // The first paragraph's first line is indented as the body's first paragraph ("Vào lúc …"),
    // its next line starts at the margin, and the second paragraph starts on a line of its own.
    let indent_x = r.find("Vào lúc 8 giờ 00 phút").x;
    let step = paragraph_step(&r);
    let first = position(&r, "Năm 2022, các cơ quan");
    assert_eq!(
        r.runs[first].page,
        r.runs[position(&r, "Các đơn vị thành viên thống nhất")].page,
        "the spacing is checked"
    );
    assert!((r.runs[first].x - indent_x).abs() < 0.5, "{:?}", r.runs[first]);
    assert!(
        r.runs[first + 1].x < indent_x - 10.0,
        "a line after the first: {:?}",
        r.runs[first + 1]
    );
    let second = position(&r, "Các đơn vị thành viên thống nhất");
    assert!(second > first + 1);
    assert!(
        r.runs[second - 1].text.ends_with("của Khối."),
        "{:?}",
        r.runs[second - 1]
    );
    starts_a_paragraph(&r, second, indent_x, step);
    // No empty paragraph for the blank lines: nothing is drawn between the two.
    assert!(r.runs[first + 1..second].iter().all(|x| !x.text.trim().is_empty()));

    // The tasks typed as a numbered list: one numbered line each, numbered once.
    let one = position(&r, "1. Hoàn thành báo cáo quý III.");
    let two = position(&r, "2. Tổ chức hội thao của Khối.");
    assert_eq!(two, one + 1);
    starts_a_paragraph(&r, two, indent_x, step);
    assert!(!all.contains("1. 1.") && !all.contains("2. 2)"), "{all}");

    // The conclusions, under "KẾT LUẬN", after the tasks: a paragraph per line.
    let conclusion = position(&r, "Hội nghị giao Khối trưởng tổng hợp ý kiến.");
    assert!(position(&r, "III. KẾT LUẬN") < one && one < conclusion);
    let next = position(&r, "Các đơn vị gửi báo cáo trước ngày 25/12/2022.");
    assert_eq!(next, conclusion + 1);
    starts_a_paragraph(&r, conclusion, indent_x, step);
    starts_a_paragraph(&r, next, indent_x, step);
}

#[test]
fn one_paragraph_of_conclusions_prints_under_its_heading_without_tasks() {
    let mut s = demo();
    let mut c = conference(&s);
    c.tasks.clear();
    c.notes = "  Hội nghị thống nhất các nội dung đã thảo luận.\n\n".into();
    let id = s.save_conference(&mut c).unwrap();
    let (r, _) = minutes(&mut s, id);
    let heading = position(&r, "III. KẾT LUẬN");
    assert!(r.runs[heading + 1]
        .text
        .starts_with("Hội nghị thống nhất các nội dung đã thảo luận."));
    let all: Vec<&str> = r.runs.iter().map(|x| x.text.as_str()).collect();
    assert!(!all.iter().any(|t| t.contains("nhiệm vụ, giải pháp")), "{all:?}");
}

#[test]
fn paragraphs_are_trimmed_in_nfc_without_empty_ones() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = "Khối thi đua".nfd().collect();
    assert_eq!(
        paragraphs(&format!("\n\n  Một {nfd}.\t\r\n \n\nHai.  \n\n")),
        ["Một Khối thi đua.", "Hai."]
    );
    assert!(paragraphs("").is_empty());
    assert!(paragraphs(" \n\t\n ").is_empty());
    assert_eq!(paragraphs("Một dòng"), ["Một dòng"]);
    // A list loses the numbers and bullets typed before its items, nothing else.
    assert_eq!(
        list_items("1. Một\n 2) Hai \n\n- Ba\n• Bốn\n2023 là năm bản lề\n10. Mười"),
        ["Một", "Hai", "Ba", "Bốn", "2023 là năm bản lề", "Mười"]
    );
}

fn messages(c: &Conference) -> Vec<(String, String)> {
    c.problems(&c.attendance.iter().map(|a| a.unit).collect::<Vec<_>>())
        .into_iter()
        .map(|p| (p.field, p.message))
        .collect()
}

#[test]
fn prose_may_hold_line_breaks_one_line_fields_may_not() {
    let s = demo();
    let mut c = conference(&s);
    c.sections[0].body = "Một.\nHai.\r\n\n\tBa.".into();
    c.notes = "Kết luận một.\nKết luận hai.".into();
    assert_eq!(messages(&c), []);

    // One-line fields refuse a line break, in Vietnamese, naming the field.
    let mut bad = c.clone();
    bad.title = "Hội nghị giao ban\nquý III".into();
    bad.place = "Hội trường\r\nThanh tra tỉnh".into();
    bad.sections[0].heading = "Kết quả\nthi đua".into();
    bad.tasks = vec!["Nhiệm vụ một\nvà hai".into()];
    bad.chair.name = "Đặng\u{2028}Hồng Thọ".into();
    let m = messages(&bad);
    for (field, label) in [
        ("title", "Tên hội nghị"),
        ("place", "Địa điểm"),
        ("sections[0].heading", "Tiêu đề phần"),
        ("tasks[0]", "Nhiệm vụ 1"),
        ("chair.name", "Chủ trì"),
    ] {
        let (_, msg) = m
            .iter()
            .find(|(f, _)| f == field)
            .unwrap_or_else(|| panic!("no problem for {field}: {m:?}"));
        assert!(
            msg.starts_with(label) && msg.contains("chỉ được viết trên một dòng"),
            "{field}: {msg}"
        );
    }
    assert_eq!(m.len(), 5, "{m:?}");

    // Prose has a limit: 20 000 characters.
    let mut long = c.clone();
    long.notes = "ộ".repeat(20_000);
    long.sections[0].body = format!("{}\n{}", "a".repeat(10_000), "b".repeat(9_999));
    assert_eq!(messages(&long), []);
    long.notes.push('.');
    let m = messages(&long);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, "notes");
    assert_eq!(
        m[0].1,
        "Kết luận của hội nghị dài 20001 ký tự, vượt giới hạn 20000 ký tự. Hãy rút gọn."
    );

    // Prose still refuses what no text may hold: controls other than line breaks and tabs, a lone
    // carriage return, the Unicode separators, bidi controls.
    for body in ["Một\u{1b}[2J", "Một\rHai", "Một\u{2029}Hai", "Một\u{202e}Hai"] {
        let mut x = c.clone();
        x.sections[0].body = body.into();
        let m = messages(&x);
        assert_eq!(m.len(), 1, "{body:?}: {m:?}");
        assert_eq!(m[0].0, "sections[0].body");
        assert!(m[0].1.starts_with("Nội dung phần chứa ký tự"), "{}", m[0].1);
    }
    // The store refuses the same, and saves prose with its line breaks.
    let mut s = demo();
    let mut saved = c.clone();
    assert!(s.save_conference(&mut bad.clone()).is_err());
    let id = s.save_conference(&mut saved).unwrap();
    let back = s.conferences(2022).unwrap().into_iter().find(|x| x.id == id).unwrap();
    assert_eq!(back.notes, "Kết luận một.\nKết luận hai.");
    assert_eq!(back.sections[0].body, "Một.\nHai.\n\n\tBa.");
}
