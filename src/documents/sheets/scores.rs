//! Bảng chấm điểm: one row per member unit in the bloc's order, one column per criterion under
//! its group, the bloc's scores on the first worksheet ("Điểm khối chấm") and, when the units
//! scored themselves, their own scores on a second one ("Điểm tự chấm").

use super::book::{self, Styles};
use super::SheetError;
use crate::domain::ranking::Standing;
use crate::domain::scoring::{Criterion, ScoreColumn};
use crate::domain::{Points, YearRecord};
use rust_xlsxwriter::utility::{cell_range, row_col_to_cell};
use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet, XlsxError};

/// The first column of scores: after STT and Đơn vị.
const FIRST: ColNum = 2;

/// The year's score sheet; refused when it has no criteria or no bloc score.
pub fn score_sheet(r: &YearRecord) -> Result<Vec<u8>, SheetError> {
    super::require_scores(r, "bảng chấm điểm")?;
    let title = format!("BẢNG CHẤM ĐIỂM THI ĐUA NĂM {}", r.year);
    let mut wb = book::workbook(r, &title)?;
    let s = Styles::new();
    grid(&mut wb, &s, r, ScoreColumn::Bloc, &title)?;
    if r.score_sheet.entries.iter().any(|e| e.self_score.is_some()) {
        let title = format!("BẢNG ĐIỂM TỰ CHẤM THI ĐUA NĂM {}", r.year);
        grid(&mut wb, &s, r, ScoreColumn::SelfScore, &title)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Runs of consecutive criteria under the same group heading: (heading, first, last index).
fn runs(criteria: &[Criterion]) -> Vec<(&str, usize, usize)> {
    let mut out: Vec<(&str, usize, usize)> = Vec::new();
    for (i, c) in criteria.iter().enumerate() {
        match out.last_mut() {
            Some((g, _, last)) if *g == c.group.trim() => *last = i,
            _ => out.push((c.group.trim(), i, i)),
        }
    }
    out
}

/// "I.1. Hoàn thành các chỉ tiêu…" over "(tối đa 30)".
fn criterion_header(c: &Criterion) -> String {
    let code = c.code.trim().trim_end_matches('.');
    format!("{code}. {}\n(tối đa {})", c.name.trim(), c.max_points)
}

/// The columns of one worksheet: STT, Đơn vị, the criteria, then `tail`.
struct Grid {
    /// The bloc's scores (with total and rank), or the units' own.
    bloc: bool,
    /// Bonus and penalty columns, only when the year has some: the total is then more than a sum.
    adjusted: bool,
    /// The number of criteria.
    n: ColNum,
    /// Every column's width, in characters.
    widths: Vec<f64>,
    /// A criterion's column width.
    criterion: f64,
    /// The headers after the criteria.
    tail: Vec<&'static str>,
}

impl Grid {
    fn new(r: &YearRecord, bloc: bool) -> Grid {
        let adjusted = bloc && !r.score_sheet.adjustments.is_empty();
        let n = r.score_sheet.criteria.len() as ColNum;
        let names = r.member_units().iter().map(|u| r.unit_name(u.id)).collect::<Vec<_>>();
        let head = [6.0, book::fit(names, 18.0, 36.0)];
        let mut tail: Vec<(&'static str, f64)> = Vec::new();
        if adjusted {
            tail.extend([("Điểm thưởng", 10.0), ("Điểm trừ", 10.0)]);
        }
        if bloc {
            tail.extend([("Tổng điểm", 11.0), ("Xếp hạng", 13.0)]);
        } else {
            tail.push(("Tổng điểm tự chấm", 11.0));
        }
        // The criteria share what a landscape page holds printed at 60 %, between 8 characters
        // (a score and a short heading) and 15: many criteria print small, never cut off.
        let fixed: f64 = head.iter().chain(tail.iter().map(|(_, w)| w)).sum();
        let criterion = ((book::page_chars(r, true) / 0.6 - fixed) / f64::from(n)).clamp(8.0, 15.0);
        let mut widths = head.to_vec();
        widths.extend(std::iter::repeat_n(criterion, n as usize));
        widths.extend(tail.iter().map(|(_, w)| w));
        Grid {
            bloc,
            adjusted,
            n,
            widths,
            criterion,
            tail: tail.into_iter().map(|(l, _)| l).collect(),
        }
    }
}

/// One worksheet of the sheet: the bloc's scores with the adjustments, total and rank, or the
/// units' own scores with their total.
fn grid(wb: &mut Workbook, s: &Styles, r: &YearRecord, column: ScoreColumn, title: &str) -> Result<(), XlsxError> {
    let g = Grid::new(r, column == ScoreColumn::Bloc);
    let name = if g.bloc {
        "Điểm khối chấm"
    } else {
        "Điểm tự chấm"
    };
    let (ws, top) = book::sheet(wb, s, r, name, &g.widths, title, None)?;
    let head = header(ws, s, r, &g, top)?;
    let data = head + 1;
    let standings = r.ranking();
    let units = r.member_units();
    for (k, u) in units.iter().enumerate() {
        let row = data + k as RowNum;
        ws.write_number_with_format(row, 0, (k + 1) as f64, &s.whole)?;
        let name = r.unit_name(u.id);
        ws.write_string_with_format(row, 1, &name, &s.text)?;
        book::fit_row(ws, row, &[(&name, g.widths[1])], false)?;
        if let Some(st) = standings.iter().find(|st| st.unit == u.id) {
            scores(ws, s, r, &g, row, st)?;
        }
    }
    book::note(ws, s, data + units.len() as RowNum + 1, &g.widths, &note(r, &g))?;
    ws.set_freeze_panes(data, FIRST)?;
    // Should a reader print it over several pages wide, each page still names its units.
    ws.set_repeat_columns(0, FIRST - 1)?;
    book::print_setup(ws, r, true, head)
}

/// The header from row `top`: a row of groups above the criteria when the sheet has groups, the
/// other headers spanning both. Returns the last row of the header.
fn header(ws: &mut Worksheet, s: &Styles, r: &YearRecord, g: &Grid, top: RowNum) -> Result<RowNum, XlsxError> {
    let criteria = &r.score_sheet.criteria;
    let grouped = criteria.iter().any(|c| !c.group.trim().is_empty());
    let head = if grouped { top + 1 } else { top };
    if grouped {
        let mut cells = Vec::new();
        for (name, a, b) in runs(criteria) {
            let max: Points = criteria[a..=b].iter().map(|c| c.max_points).sum();
            let text = if name.is_empty() {
                String::new()
            } else {
                format!("{name} (tối đa {max})")
            };
            let (a, b) = (FIRST + a as ColNum, FIRST + b as ColNum);
            book::merge(ws, top, a, top, b, &text, &s.header)?;
            cells.push((text, g.widths[a as usize..=b as usize].iter().sum::<f64>()));
        }
        let cells: Vec<(&str, f64)> = cells.iter().map(|(t, w)| (t.as_str(), *w)).collect();
        book::fit_row(ws, top, &cells, true)?;
    }
    let headers: Vec<String> = criteria.iter().map(criterion_header).collect();
    let mut cells: Vec<(&str, f64)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(head, FIRST + i as ColNum, h, &s.header)?;
        cells.push((h, g.criterion));
    }
    let labels = ["STT", "Đơn vị"].into_iter().chain(g.tail.iter().copied());
    let cols = (0..FIRST).chain(FIRST + g.n..);
    for (label, col) in labels.zip(cols) {
        book::merge(ws, top, col, head, col, label, &s.header)?;
        cells.push((label, g.widths[col as usize]));
    }
    book::fit_row(ws, head, &cells, true)?;
    Ok(head)
}

/// A unit's scores on `row`, then its adjustments, its total as a formula, its rank.
fn scores(
    ws: &mut Worksheet,
    s: &Styles,
    r: &YearRecord,
    g: &Grid,
    row: RowNum,
    st: &Standing,
) -> Result<(), XlsxError> {
    let sheet = &r.score_sheet;
    let mut any = false;
    for (i, c) in sheet.criteria.iter().enumerate() {
        let e = sheet.entry(st.unit, &c.code);
        let v = e.and_then(|e| if g.bloc { e.bloc_score } else { e.self_score });
        any |= v.is_some();
        book::score(ws, row, FIRST + i as ColNum, v, &s.score)?;
    }
    let mut col = FIRST + g.n;
    let mut formula = format!("SUM({})", cell_range(row, FIRST, row, col - 1));
    if g.adjusted {
        let some = |p: Points| (p != Points::ZERO).then_some(p);
        book::score(ws, row, col, some(st.bonus), &s.score)?;
        book::score(ws, row, col + 1, some(st.penalty), &s.score)?;
        formula += &format!("+{}-{}", row_col_to_cell(row, col), row_col_to_cell(row, col + 1));
        col += 2;
    }
    // A unit with no score of this kind has no total and no rank: blanks, as the PDF's dashes.
    if !any {
        ws.write_blank(row, col, &s.total)?;
        if g.bloc {
            ws.write_blank(row, col + 1, &s.rank)?;
        }
        return Ok(());
    }
    let value = if g.bloc { st.total } else { st.self_total };
    book::total(ws, row, col, &formula, value, &s.total)?;
    if g.bloc {
        book::rank(ws, s, row, col + 1, st.rank, st.shared)?;
    }
    Ok(())
}

/// What the totals are and what a blank cell means.
fn note(r: &YearRecord, g: &Grid) -> String {
    let scale = r.rules.score_scale;
    if !g.bloc {
        return format!(
            "Ghi chú: điểm do các đơn vị tự chấm, thang điểm {scale}. Ô để trống: đơn vị chưa tự chấm tiêu chí đó."
        );
    }
    let sum = if g.adjusted {
        "tổng điểm khối chấm các tiêu chí + điểm thưởng − điểm trừ"
    } else {
        "tổng điểm khối chấm các tiêu chí"
    };
    format!(
        "Ghi chú: thang điểm {scale}; tổng điểm = {sum}. {} Ô để trống: tiêu chí chưa được chấm.",
        super::ranking::rule(r)
    )
}
