//! Excel copies of the demo bloc's score sheet, ranking and proposal list: written to files, read
//! back with calamine (the names in order, every score and total as the domain has it, a `SUM`
//! in every total cell over the right range, the ranks of the year's ranking, the maxima in the
//! headers, Times New Roman everywhere, the Vietnamese number format), the years that have
//! nothing to put in them refused, and — when LibreOffice is installed — each workbook printed to
//! PDF and the score sheet recalculated by LibreOffice to the same totals.

use calamine::{open_workbook, open_workbook_auto, Data, Reader, Xlsx};
use chrono::NaiveDate;
use khoithidua::documents::sheets::{proposal_list, ranking, score_sheet, SheetError};
use khoithidua::documents::{self, Issue};
use khoithidua::domain::{Points, YearRecord};
use khoithidua::store::Store;
use rust_xlsxwriter::utility::{cell_range, row_col_to_cell};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

type Book = Xlsx<BufReader<File>>;

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s
}

/// The demo's years whose record passes `keep`.
fn years(keep: impl Fn(&YearRecord) -> bool) -> Vec<YearRecord> {
    let s = demo();
    let out: Vec<YearRecord> = s
        .years()
        .unwrap()
        .into_iter()
        .map(|y| s.load_year(y).unwrap())
        .filter(|r| keep(r))
        .collect();
    assert!(!out.is_empty(), "the demo has such a year");
    out
}

fn scored_years() -> Vec<YearRecord> {
    years(|r| r.has_bloc_scores())
}

fn proposing_years() -> Vec<YearRecord> {
    years(|r| r.proposals.iter().any(|p| p.proposed()))
}

fn write(dir: &Path, name: &str, bytes: Vec<u8>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn open(p: &Path) -> Book {
    open_workbook(p).unwrap()
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("a text cell, found {other:?}"),
    }
}

/// A number cell's value; `None` for a blank cell.
fn number(d: Option<&Data>) -> Option<f64> {
    match d {
        Some(Data::Float(x)) => Some(*x),
        Some(Data::Int(x)) => Some(*x as f64),
        Some(Data::Empty) | None => None,
        Some(other) => panic!("a number cell, found {other:?}"),
    }
}

fn points(d: Option<&Data>) -> Option<Points> {
    number(d).map(Points::from_f64)
}

/// The row whose column `col` reads `label`.
fn row_of(range: &calamine::Range<Data>, col: u32, label: &str) -> u32 {
    let end = range.end().unwrap();
    (0..=end.0)
        .find(|&r| text(range.get_value((r, col))) == label)
        .unwrap_or_else(|| panic!("no row reads \u{201c}{label}\u{201d} in column {col}"))
}

/// The column of `row` whose text is `label`.
fn col_of(range: &calamine::Range<Data>, row: u32, label: &str) -> u32 {
    let end = range.end().unwrap();
    (0..=end.1)
        .find(|&c| text(range.get_value((row, c))) == label)
        .unwrap_or_else(|| panic!("no column reads \u{201c}{label}\u{201d} on row {row}"))
}

/// Every cell's font is Times New Roman, every number of a score column has the Vietnamese
/// format, the sheet's name fits Excel.
fn check_styles(book: &mut Book, sheet: &str, score_cells: &[(u32, u32)]) {
    assert!(sheet.chars().count() <= 31 && !sheet.contains(['[', ']', ':', '*', '?', '/', '\\']));
    let styles = book.worksheet_style(sheet).unwrap();
    let mut n = 0;
    for (row, col, style) in styles.cells() {
        let pos = (row, col);
        let font = style.font.as_ref().and_then(|f| f.name.as_deref());
        assert_eq!(font, Some("Times New Roman"), "{sheet} {pos:?}");
        n += 1;
    }
    assert!(n > 0);
    for &pos in score_cells {
        let code = styles
            .get(pos)
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone());
        assert_eq!(code.as_deref(), Some("[$-42A]#,##0.00"), "{sheet} {pos:?}");
    }
}

/// The rows printed on every page (Excel's "Print_Titles" of `sheet`): "$1:$6".
fn print_titles(book: &Book, sheet: &str) -> String {
    let (_, f) = book
        .defined_names()
        .iter()
        .find(|(n, f)| n.ends_with("Print_Titles") && f.contains(sheet))
        .unwrap_or_else(|| panic!("no print titles for {sheet}: {:?}", book.defined_names()));
    f.rsplit('!').next().unwrap().to_string()
}

/// The year's record with a decimal score, a criterion left unscored for one unit and no
/// tie-break: what the demo's whole numbers do not show.
fn varied(mut r: YearRecord) -> YearRecord {
    let units = r.member_units().iter().map(|u| u.id).collect::<Vec<_>>();
    let first = r.score_sheet.criteria[0].code.clone();
    for e in &mut r.score_sheet.entries {
        if e.unit == units[3] && e.criterion == first {
            e.bloc_score = e.bloc_score.map(|p| p - Points::from_hundredths(75));
        }
        if e.unit == units[5] && e.criterion == first {
            e.bloc_score = None;
            e.self_score = None;
        }
    }
    r.rules.tie_breaks.clear();
    r
}

// ---------------------------------------------------------------------------------------------
// Read back

#[test]
fn the_score_sheet_reads_back_as_the_domain_has_it() {
    let dir = tempfile::tempdir().unwrap();
    for r in scored_years().into_iter().flat_map(|r| [varied(r.clone()), r]) {
        let path = write(
            dir.path(),
            &format!("cham-diem-{}.xlsx", r.year),
            score_sheet(&r).unwrap(),
        );
        let mut book = open(&path);
        let names = book.sheet_names();
        assert_eq!(names, ["Điểm khối chấm", "Điểm tự chấm"], "{}", r.year);
        for bloc in [true, false] {
            check_grid(&mut book, &r, bloc);
        }
    }
}

/// One worksheet of the score sheet against the record: the bloc's scores (`bloc`) or the units'.
fn check_grid(book: &mut Book, r: &YearRecord, bloc: bool) {
    let name = if bloc {
        "Điểm khối chấm"
    } else {
        "Điểm tự chấm"
    };
    let range = book.worksheet_range(name).unwrap();
    let formulas = book.worksheet_formula(name).unwrap();
    let sheet = &r.score_sheet;
    let title = if bloc {
        "BẢNG CHẤM ĐIỂM THI ĐUA NĂM"
    } else {
        "BẢNG ĐIỂM TỰ CHẤM THI ĐUA NĂM"
    };
    assert_eq!(text(range.get_value((0, 0))), "KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH");
    assert_eq!(text(range.get_value((1, 0))), format!("{title} {}", r.year));
    let top = row_of(&range, 0, "STT");
    assert_eq!(text(range.get_value((top, 1))), "Đơn vị");
    let units = r.member_units();
    let data = row_of(&range, 1, &r.unit_name(units[0].id));
    // The title and the header on every printed page.
    assert_eq!(print_titles(book, name), format!("$1:${data}"));
    // The criteria's headers on the row above the data, each with its code and maximum; their
    // groups on the row above, with the group's maximum.
    let first = 2;
    for (i, c) in sheet.criteria.iter().enumerate() {
        let h = text(range.get_value((data - 1, first + i as u32)));
        assert!(h.starts_with(&format!("{}. {}", c.code, c.name)), "{h}");
        assert!(h.ends_with(&format!("(tối đa {})", c.max_points)), "{h}");
    }
    assert_eq!(data - 1, top + 1, "a row of groups above the criteria");
    let g = text(range.get_value((top, first)));
    assert_eq!(g, "I. Thực hiện nhiệm vụ chính trị (tối đa 40)");
    let after = first + sheet.criteria.len() as u32;
    let total_col = col_of(
        &range,
        top,
        if bloc {
            "Tổng điểm"
        } else {
            "Tổng điểm tự chấm"
        },
    );
    let adjusted = bloc && !sheet.adjustments.is_empty();
    if adjusted {
        assert_eq!(col_of(&range, top, "Điểm thưởng"), after);
        assert_eq!(col_of(&range, top, "Điểm trừ"), after + 1);
        assert_eq!(total_col, after + 2);
    } else {
        assert_eq!(total_col, after);
    }
    let standings = r.ranking();
    let mut score_cells = Vec::new();
    for (k, u) in units.iter().enumerate() {
        let row = data + k as u32;
        assert_eq!(number(range.get_value((row, 0))), Some(k as f64 + 1.0));
        assert_eq!(text(range.get_value((row, 1))), r.unit_name(u.id));
        let mut sum = Points::ZERO;
        let mut any = false;
        for (i, c) in sheet.criteria.iter().enumerate() {
            let e = sheet.entry(u.id, &c.code);
            let want = e.and_then(|e| if bloc { e.bloc_score } else { e.self_score });
            let cell = (row, first + i as u32);
            // Never a 0 nobody gave: an unscored criterion is a blank cell.
            assert_eq!(points(range.get_value(cell)), want, "{name} {cell:?}");
            sum = sum + want.unwrap_or_default();
            any |= want.is_some();
            score_cells.push(cell);
        }
        let st = standings.iter().find(|s| s.unit == u.id).unwrap();
        let mut want_formula = format!("SUM({})", cell_range(row, 2, row, (after - 1) as u16));
        if adjusted {
            let bonus = points(range.get_value((row, after))).unwrap_or_default();
            let penalty = points(range.get_value((row, after + 1))).unwrap_or_default();
            assert_eq!((bonus, penalty), (st.bonus, st.penalty));
            sum = sum + bonus - penalty;
            want_formula += &format!(
                "+{}-{}",
                row_col_to_cell(row, after as u16),
                row_col_to_cell(row, after as u16 + 1)
            );
        }
        assert!(any, "the demo scored every unit");
        let want_total = if bloc { st.total } else { st.self_total };
        assert_eq!(sum, want_total, "the cells add up to the domain's total");
        let formula = formulas.get_value((row, total_col)).cloned().unwrap_or_default();
        assert_eq!(formula, want_formula, "{name} row {row}");
        // The computed total stands in the cell for readers that do not recalculate.
        assert_eq!(points(range.get_value((row, total_col))), Some(want_total));
        score_cells.push((row, total_col));
        if bloc {
            let rank = number(range.get_value((row, total_col + 1)));
            assert_eq!(rank, Some(f64::from(st.rank)), "{}", r.unit_name(u.id));
        }
    }
    check_styles(book, name, &score_cells);
    if bloc {
        let shared = r.ranking().iter().filter(|s| s.shared).count();
        let styles = book.worksheet_style(name).unwrap();
        let marked = (0..units.len() as u32)
            .filter(|k| {
                let f = styles
                    .get((data + k, total_col + 1))
                    .and_then(|s| s.number_format.clone());
                f.is_some_and(|f| f.format_code.contains("đồng hạng"))
            })
            .count();
        assert_eq!(marked, shared, "a shared rank reads \u{201c}đồng hạng\u{201d}");
    }
}

#[test]
fn a_varied_sheet_has_its_decimal_its_blank_and_its_shared_rank() {
    let r = varied(scored_years().remove(0));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "x.xlsx", score_sheet(&r).unwrap());
    let mut book = open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("Điểm khối chấm").unwrap();
    let units = r.member_units();
    let data = row_of(&range, 1, &r.unit_name(units[0].id));
    let c = &r.score_sheet.criteria[0];
    assert_eq!(
        number(range.get_value((data + 3, 2))),
        Some(c.max_points.as_f64() - 1.0 - 0.75)
    );
    assert_eq!(range.get_value((data + 5, 2)), Some(&Data::Empty));
    assert!(
        r.ranking().iter().any(|s| s.shared),
        "no tie-break: the demo's tie is shared"
    );
}

#[test]
fn a_unit_the_bloc_has_not_scored_has_no_total_and_no_rank() {
    let mut r = scored_years().remove(0);
    let last = r.member_units().last().unwrap().id;
    for e in r.score_sheet.entries.iter_mut().filter(|e| e.unit == last) {
        e.bloc_score = None;
    }
    r.score_sheet.adjustments.retain(|a| a.unit != last);
    let dir = tempfile::tempdir().unwrap();
    let name = r.unit_name(last);
    // The score sheet: blanks across its line, no formula.
    let path = write(dir.path(), "cham.xlsx", score_sheet(&r).unwrap());
    let mut book = open(&path);
    let range = book.worksheet_range("Điểm khối chấm").unwrap();
    let formulas = book.worksheet_formula("Điểm khối chấm").unwrap();
    let row = row_of(&range, 1, &name);
    let end = range.end().unwrap().1;
    for col in 2..=end {
        assert_eq!(range.get_value((row, col)), Some(&Data::Empty), "column {col}");
        assert!(
            formulas.get_value((row, col)).is_none_or(|f| f.is_empty()),
            "column {col}"
        );
    }
    // The ranking: no rank, no total.
    let path = write(dir.path(), "xep.xlsx", ranking(&r).unwrap());
    let mut book = open(&path);
    let range = book.worksheet_range("Xếp hạng").unwrap();
    let row = row_of(&range, 1, &name);
    let top = row_of(&range, 0, "Hạng");
    let total = col_of(&range, top, "Tổng điểm");
    assert_eq!(range.get_value((row, 0)), Some(&Data::Empty));
    assert_eq!(range.get_value((row, total)), Some(&Data::Empty));
}

#[test]
fn the_ranking_reads_back_as_the_domain_has_it() {
    let dir = tempfile::tempdir().unwrap();
    for r in scored_years().into_iter().flat_map(|r| [varied(r.clone()), r]) {
        let path = write(dir.path(), &format!("xep-hang-{}.xlsx", r.year), ranking(&r).unwrap());
        let mut book = open(&path);
        assert_eq!(book.sheet_names(), ["Xếp hạng"]);
        let range = book.worksheet_range("Xếp hạng").unwrap();
        let formulas = book.worksheet_formula("Xếp hạng").unwrap();
        assert_eq!(
            text(range.get_value((1, 0))),
            format!("BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM {}", r.year)
        );
        let top = row_of(&range, 0, "Hạng");
        assert_eq!(print_titles(&book, "Xếp hạng"), format!("$1:${}", top + 1));
        let sheet = &r.score_sheet;
        let mut groups: Vec<&str> = Vec::new();
        for c in &sheet.criteria {
            if !groups.contains(&c.group.as_str()) {
                groups.push(&c.group);
            }
        }
        for (i, g) in groups.iter().enumerate() {
            let max: Points = sheet
                .criteria
                .iter()
                .filter(|c| c.group == *g)
                .map(|c| c.max_points)
                .sum();
            assert_eq!(
                text(range.get_value((top, 2 + i as u32))),
                format!("{g} (tối đa {max})")
            );
        }
        let end = 2 + groups.len() as u32;
        assert_eq!(col_of(&range, top, "Điểm thưởng"), end);
        let total_col = col_of(&range, top, "Tổng điểm");
        assert_eq!(total_col, end + 2);
        let mut score_cells = Vec::new();
        for (k, st) in r.ranking().iter().enumerate() {
            let row = top + 1 + k as u32;
            assert_eq!(text(range.get_value((row, 1))), r.unit_name(st.unit));
            assert_eq!(number(range.get_value((row, 0))), Some(f64::from(st.rank)));
            let mut sum = Points::ZERO;
            for (i, g) in groups.iter().enumerate() {
                let want: Points = sheet
                    .criteria
                    .iter()
                    .filter(|c| c.group == *g)
                    .filter_map(|c| sheet.entry(st.unit, &c.code).and_then(|e| e.bloc_score))
                    .sum();
                let cell = (row, 2 + i as u32);
                assert_eq!(points(range.get_value(cell)), Some(want));
                sum = sum + want;
                score_cells.push(cell);
            }
            let bonus = points(range.get_value((row, end))).unwrap_or_default();
            let penalty = points(range.get_value((row, end + 1))).unwrap_or_default();
            assert_eq!(sum + bonus - penalty, st.total);
            let want = format!(
                "SUM({})+{}-{}",
                cell_range(row, 2, row, end as u16 - 1),
                row_col_to_cell(row, end as u16),
                row_col_to_cell(row, end as u16 + 1)
            );
            assert_eq!(formulas.get_value((row, total_col)).cloned().unwrap_or_default(), want);
            assert_eq!(points(range.get_value((row, total_col))), Some(st.total));
            score_cells.push((row, total_col));
        }
        check_styles(&mut book, "Xếp hạng", &score_cells);
    }
}

fn issue() -> Issue {
    Issue {
        number: None,
        date: NaiveDate::from_ymd_opt(2022, 12, 22).unwrap(),
    }
}

#[test]
fn the_proposal_list_holds_the_rows_of_the_pdf_list() {
    let dir = tempfile::tempdir().unwrap();
    for r in proposing_years() {
        let pdf_list = documents::proposal_draft(&r, &issue()).attachment.unwrap().table;
        let path = write(
            dir.path(),
            &format!("de-nghi-{}.xlsx", r.year),
            proposal_list(&r).unwrap(),
        );
        let mut book = open(&path);
        assert_eq!(book.sheet_names(), ["Danh sách đề nghị"]);
        let range = book.worksheet_range("Danh sách đề nghị").unwrap();
        assert_eq!(
            text(range.get_value((1, 0))),
            format!("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {}", r.year)
        );
        let top = row_of(&range, 0, "STT");
        assert_eq!(print_titles(&book, "Danh sách đề nghị"), format!("$1:${}", top + 1));
        for (c, h) in pdf_list.header.iter().enumerate() {
            assert_eq!(&text(range.get_value((top, c as u32))), h);
        }
        assert!(!pdf_list.rows.is_empty());
        for (k, cells) in pdf_list.rows.iter().enumerate() {
            let row = top + 1 + k as u32;
            assert_eq!(
                number(range.get_value((row, 0))),
                Some(k as f64 + 1.0),
                "STT is a number"
            );
            assert_eq!(cells[0], (k + 1).to_string());
            for (c, want) in cells.iter().enumerate().skip(1) {
                assert_eq!(&text(range.get_value((row, c as u32))), want, "{} row {k}", r.year);
            }
        }
        assert_eq!(text(range.get_value((top + 1 + pdf_list.rows.len() as u32, 1))), "");
        check_styles(&mut book, "Danh sách đề nghị", &[]);
    }
}

// ---------------------------------------------------------------------------------------------
// Refusals

#[test]
fn a_year_with_nothing_to_put_in_the_sheet_is_refused() {
    let s = demo();
    let msg = |e: SheetError| e.to_string();
    // 2020 has proposals but no score sheet.
    let r = s.load_year(2020).unwrap();
    assert!(r.score_sheet.criteria.is_empty());
    assert_eq!(
        msg(score_sheet(&r).unwrap_err()),
        "Năm 2020 chưa có tiêu chí chấm điểm nên chưa lập được bảng chấm điểm. Nhập các tiêu chí ở mục \u{201c}Chấm điểm\u{201d}."
    );
    assert!(matches!(ranking(&r), Err(SheetError::NoCriteria { year: 2020, .. })));
    // Criteria but not a bloc score yet.
    let mut r = s.load_year(2022).unwrap();
    for e in &mut r.score_sheet.entries {
        e.bloc_score = None;
    }
    assert_eq!(
        msg(score_sheet(&r).unwrap_err()),
        "Năm 2022 chưa có điểm khối chấm nên chưa lập được bảng chấm điểm. Nhập điểm ở mục \u{201c}Chấm điểm\u{201d}."
    );
    assert_eq!(
        msg(ranking(&r).unwrap_err()),
        "Năm 2022 chưa có điểm khối chấm nên chưa lập được bảng xếp hạng. Nhập điểm ở mục \u{201c}Chấm điểm\u{201d}."
    );
    // No unit proposed: deferred and refused proposals are not listed.
    let mut r = s.load_year(2022).unwrap();
    r.proposals.clear();
    assert_eq!(
        msg(proposal_list(&r).unwrap_err()),
        "Năm 2022 chưa có đề nghị khen thưởng nào để lập danh sách đề nghị khen thưởng. Nhập các đề nghị ở mục \u{201c}Khen thưởng\u{201d}."
    );
}

#[test]
fn a_text_too_long_for_a_cell_is_refused_in_vietnamese() {
    let mut r = scored_years().remove(0);
    let id = r.members[0];
    let u = r.units.iter_mut().find(|u| u.id == id).unwrap();
    for n in &mut u.names {
        n.name = "A".repeat(40_000);
    }
    let e = score_sheet(&r).unwrap_err();
    assert!(matches!(e, SheetError::Writer(_)), "{e:?}");
    assert!(e.to_string().starts_with("Không tạo được tệp Excel: "), "{e}");
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

fn on_path(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `cmd`, killed after `limit`.
fn run_with_limit(cmd: &mut Command, limit: Duration) -> std::process::ExitStatus {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A LibreOffice profile of this test's own, which recalculates every formula of an Excel file
/// on load: by default LibreOffice shows the results stored in the file, which would prove
/// nothing about the formulas.
fn profile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("user")).unwrap();
    std::fs::write(
        dir.path().join("user/registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .unwrap();
    dir
}

fn convert(profile: &Path, to: &str, out: &Path, files: &[PathBuf]) {
    let status = run_with_limit(
        Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(out)
            .args(files),
        Duration::from_secs(120),
    );
    assert!(status.success(), "soffice --convert-to {to}: {status}");
}

/// The records of a CSV file as LibreOffice writes it: fields separated by commas, quoted when
/// they hold a comma, a quote or a line break.
fn csv_records(s: &str) -> Vec<Vec<String>> {
    let (mut out, mut rec, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => rec.push(std::mem::take(&mut field)),
            ('\n', false) => {
                rec.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut rec));
            }
            ('\r', false) => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        out.push(rec);
    }
    out
}

/// A number as LibreOffice writes it in a CSV file: its decimal separator is the one of the
/// cell's format language (a comma under `[$-42A]`) or else of the system's locale, with or
/// without thousands separators; scores have at most two decimals, so the last separator
/// followed by one or two digits is the decimal one.
fn csv_number(s: &str) -> f64 {
    let t = s.trim();
    let (int, frac) = match t.rfind([',', '.']) {
        Some(i) if t.len() - i - 1 <= 2 => (&t[..i], &t[i + 1..]),
        _ => (t, ""),
    };
    let int: String = int.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
    format!("{int}.{frac}0")
        .parse()
        .unwrap_or_else(|_| panic!("\u{201c}{s}\u{201d} is not a number"))
}

fn out_dir() -> (PathBuf, Option<tempfile::TempDir>) {
    // KHOITHIDUA_XLSX_OUT keeps the files to look at (with `pdftoppm -r 60 -png`).
    match std::env::var_os("KHOITHIDUA_XLSX_OUT") {
        Some(d) => {
            let p = PathBuf::from(d);
            std::fs::create_dir_all(&p).unwrap();
            (p, None)
        }
        None => {
            let t = tempfile::tempdir().unwrap();
            (t.path().to_path_buf(), Some(t))
        }
    }
}

/// "Page size: 841.89 x 595.276 pts (A4)" → whether the page is A4 and lies landscape.
fn a4_landscape(pdf: &Path) -> Option<(bool, bool)> {
    let out = Command::new("pdfinfo").arg(pdf).output().ok()?;
    let info = String::from_utf8_lossy(&out.stdout).to_string();
    let line = info.lines().find(|l| l.starts_with("Page size:"))?;
    let nums: Vec<f64> = line.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    let (w, h) = (nums[0], nums[1]);
    let a4 = (w.min(h) - 595.3).abs() < 2.0 && (w.max(h) - 841.9).abs() < 2.0;
    Some((a4, w > h))
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The score sheet as LibreOffice wrote it to CSV after recalculating: every unit's total equals
/// the domain's, shown with a decimal comma, and its rank the ranking's.
fn check_recalculated(csv: &Path, r: &YearRecord) {
    let records = csv_records(&std::fs::read_to_string(csv).unwrap());
    let header = records.iter().position(|rec| rec[0] == "STT").unwrap();
    let total_col = records[header].iter().position(|f| f == "Tổng điểm").unwrap();
    let rank_col = records[header].iter().position(|f| f == "Xếp hạng").unwrap();
    let standings = r.ranking();
    let names: Vec<(String, khoithidua::domain::UnitId)> =
        r.member_units().iter().map(|u| (r.unit_name(u.id), u.id)).collect();
    let mut seen = 0;
    for rec in &records {
        let Some((_, unit)) = names.iter().find(|(n, _)| rec.get(1) == Some(n)) else {
            continue;
        };
        let st = standings.iter().find(|s| s.unit == *unit).unwrap();
        let total = &rec[total_col];
        assert_eq!(Points::from_f64(csv_number(total)), st.total, "{rec:?}");
        // Shown with the decimal comma whatever the system's locale (LibreOffice honours the
        // format's language): "95,00".
        let cents = format!(",{:02}", st.total.hundredths().rem_euclid(100));
        assert!(total.ends_with(&cents), "{total}");
        let rank = if st.shared {
            format!("đồng hạng {}", st.rank)
        } else {
            st.rank.to_string()
        };
        assert_eq!(rec[rank_col], rank, "{rec:?}");
        seen += 1;
    }
    assert_eq!(seen, names.len(), "{}", csv.display());
}

/// A bloc of 250 units and 40 criteria with decimal scores: several pages, narrow columns.
fn large_year() -> YearRecord {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_synthetic(&mut s, 1, 250).unwrap();
    s.load_year(2025).unwrap()
}

#[test]
fn libreoffice_prints_the_workbooks_and_recalculates_the_totals() {
    if !on_path("soffice") {
        eprintln!("BỎ QUA: không có soffice, các tệp Excel không được LibreOffice mở để in và tính lại.");
        return;
    }
    let (dir, _keep) = out_dir();
    let r = scored_years().remove(0);
    let large = large_year();
    let files = [
        write(&dir, "cham-diem.xlsx", score_sheet(&r).unwrap()),
        write(&dir, "xep-hang.xlsx", ranking(&r).unwrap()),
        write(&dir, "de-nghi.xlsx", proposal_list(&r).unwrap()),
        write(&dir, "tong-hop.xlsx", score_sheet(&large).unwrap()),
    ];
    // A control: 1 + 2 stored as 0, to show that LibreOffice recalculates rather than shows the
    // stored result.
    let mut control = rust_xlsxwriter::Workbook::new();
    let ws = control.add_worksheet();
    ws.write_number(0, 0, 1).unwrap();
    ws.write_number(0, 1, 2).unwrap();
    ws.write_formula(0, 2, rust_xlsxwriter::Formula::new("SUM(A1:B1)").set_result("0"))
        .unwrap();
    let control = write(&dir, "control.xlsx", control.save_to_buffer().unwrap());

    let profile = profile();
    let out = dir.join("lo");
    convert(profile.path(), "pdf", &out, &files);
    let poppler = on_path("pdfinfo") && on_path("pdftotext");
    if !poppler {
        eprintln!("BỎ QUA một phần: không có pdfinfo/pdftotext, chỉ kiểm tra các tệp PDF có nội dung.");
    }
    for (file, landscape, title, last_header) in [
        ("cham-diem", true, "BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2022", "Xếp hạng"),
        ("xep-hang", true, "BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM 2022", "Phiếu"),
        ("de-nghi", false, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2022", "Ghi chú"),
        ("tong-hop", true, "BẢNG CHẤM ĐIỂM THI ĐUA NĂM 2025", "Xếp hạng"),
    ] {
        let pdf = out.join(format!("{file}.pdf"));
        let len = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
        assert!(len > 1000, "{}: {len} bytes", pdf.display());
        if !poppler {
            continue;
        }
        assert_eq!(a4_landscape(&pdf), Some((true, landscape)), "{file}");
        // One page wide: the title and the last column's header on the first page.
        let text = pdf_text(&pdf);
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        assert!(pages[0].contains(title), "{file}:\n{}", pages[0]);
        assert!(pages[0].contains(last_header), "{file}:\n{}", pages[0]);
        // The title and the header again on every page.
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains("KHỐI THI ĐUA") && page.contains("Đơn vị") || page.contains("Tên tập thể"),
                "{file} page {}:\n{page}",
                i + 1
            );
        }
        // Every word of every unit's name (a name may wrap in its cell).
        let (r, listed) = match file {
            "de-nghi" => (
                &r,
                r.proposals.iter().filter(|p| p.proposed()).map(|p| p.unit).collect(),
            ),
            "tong-hop" => (&large, large.members.clone()),
            _ => (&r, r.members.clone()),
        };
        for u in listed {
            let name = r.unit_name(u);
            assert!(name.split_whitespace().all(|w| text.contains(w)), "{file}: {name}");
        }
    }
    let pages = |f: &str| {
        pdf_text(&out.join(f))
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .count()
    };
    if poppler {
        // Its bloc scores and its own scores, each over more than a page.
        assert!(pages("tong-hop.pdf") >= 4, "{} pages", pages("tong-hop.pdf"));
    }

    // Comma-separated, quoted with '"', in UTF-8 (76: the system's charset otherwise), the cells
    // as shown (the last token).
    let csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true";
    convert(
        profile.path(),
        csv,
        &out,
        &[files[0].clone(), files[3].clone(), control.clone()],
    );
    let control = csv_records(&std::fs::read_to_string(out.join("control.csv")).unwrap());
    assert_eq!(control[0][2], "3", "LibreOffice recalculated the control formula");
    check_recalculated(&out.join("cham-diem.csv"), &r);
    check_recalculated(&out.join("tong-hop.csv"), &large);
}
