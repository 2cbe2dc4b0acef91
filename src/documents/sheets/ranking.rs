//! Bảng tổng hợp điểm và xếp hạng, as the PDF ranking table has it: the units best first, one
//! column per criteria group with the group's total, the adjustments, the total and what breaks
//! ties (the units' own totals, the votes of the suy tôn ballot).

use super::book::{self, Styles};
use super::SheetError;
use crate::domain::ranking::Standing;
use crate::domain::{Ballot, Points, YearRecord};
use rust_xlsxwriter::utility::{cell_range, row_col_to_cell};
use rust_xlsxwriter::{ColNum, RowNum, Worksheet, XlsxError};

/// The first group column: after Hạng and Đơn vị.
const FIRST: ColNum = 2;

/// The year's ranking; refused when the year has no criteria or no bloc score.
pub fn ranking(r: &YearRecord) -> Result<Vec<u8>, SheetError> {
    super::require_scores(r, "bảng xếp hạng")?;
    let t = Table::new(r);
    let title = format!("BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM {}", r.year);
    let mut wb = book::workbook(r, &title)?;
    let s = Styles::new();
    let (ws, top) = book::sheet(&mut wb, &s, r, "Xếp hạng", &t.widths, &title, None)?;
    for (col, h) in t.header.iter().enumerate() {
        ws.write_string_with_format(top, col as ColNum, h, &s.header)?;
    }
    let cells: Vec<(&str, f64)> = t
        .header
        .iter()
        .map(String::as_str)
        .zip(t.widths.iter().copied())
        .collect();
    book::fit_row(ws, top, &cells, true)?;

    let ranking = r.ranking();
    let data = top + 1;
    for (k, st) in ranking.iter().enumerate() {
        unit_row(ws, &s, r, &t, data + k as RowNum, st)?;
    }
    let sum = if t.adjusted {
        "tổng điểm khối chấm + điểm thưởng − điểm trừ"
    } else {
        "tổng điểm khối chấm"
    };
    let note = format!(
        "Ghi chú: thang điểm {}; tổng điểm = {sum}. {}",
        r.rules.score_scale,
        rule(r)
    );
    book::note(ws, &s, data + ranking.len() as RowNum + 1, &t.widths, &note)?;
    ws.set_freeze_panes(data, FIRST)?;
    book::print_setup(ws, r, true, top)?;
    Ok(wb.save_to_buffer()?)
}

/// The columns: Hạng, Đơn vị, the groups, [Điểm thưởng, Điểm trừ], Tổng điểm, [Tổng điểm tự
/// chấm], [Phiếu suy tôn].
struct Table<'a> {
    /// Each group once, in the order of its first criterion (as the PDF groups them).
    groups: Vec<&'a str>,
    adjusted: bool,
    self_scored: bool,
    ballot: Option<&'a Ballot>,
    header: Vec<String>,
    widths: Vec<f64>,
}

impl<'a> Table<'a> {
    fn new(r: &'a YearRecord) -> Self {
        let sheet = &r.score_sheet;
        let mut groups: Vec<&str> = Vec::new();
        for c in &sheet.criteria {
            if !groups.contains(&c.group.trim()) {
                groups.push(c.group.trim());
            }
        }
        let mut t = Table {
            groups,
            adjusted: !sheet.adjustments.is_empty(),
            self_scored: sheet.entries.iter().any(|e| e.self_score.is_some()),
            ballot: r.leading_ballot(),
            header: vec!["Hạng".to_string(), "Đơn vị".to_string()],
            widths: vec![13.0, book::fit(r.members.iter().map(|&u| r.unit_name(u)), 18.0, 36.0)],
        };
        for g in &t.groups {
            let max: Points = sheet
                .criteria
                .iter()
                .filter(|c| c.group.trim() == *g)
                .map(|c| c.max_points)
                .sum();
            let g = if g.is_empty() { "Điểm khối chấm" } else { g };
            t.header.push(format!("{g} (tối đa {max})"));
            t.widths.push(16.0);
        }
        let mut tail = Vec::new();
        if t.adjusted {
            tail.extend([("Điểm thưởng", 10.0), ("Điểm trừ", 10.0)]);
        }
        tail.push(("Tổng điểm", 11.0));
        if t.self_scored {
            tail.push(("Tổng điểm tự chấm", 11.0));
        }
        if t.ballot.is_some() {
            tail.push(("Phiếu suy tôn", 10.0));
        }
        for (label, w) in tail {
            t.header.push(label.to_string());
            t.widths.push(w);
        }
        t
    }
}

/// A unit's line: rank, name, group totals, adjustments, total as a formula, own total, votes.
fn unit_row(
    ws: &mut Worksheet,
    s: &Styles,
    r: &YearRecord,
    t: &Table,
    row: RowNum,
    st: &Standing,
) -> Result<(), XlsxError> {
    let sheet = &r.score_sheet;
    let name = r.unit_name(st.unit);
    ws.write_string_with_format(row, 1, &name, &s.text)?;
    book::fit_row(ws, row, &[(&name, t.widths[1])], false)?;
    let mut col = FIRST;
    for g in &t.groups {
        let scores: Vec<Points> = sheet
            .criteria
            .iter()
            .filter(|c| c.group.trim() == *g)
            .filter_map(|c| sheet.entry(st.unit, &c.code).and_then(|e| e.bloc_score))
            .collect();
        book::score(
            ws,
            row,
            col,
            (!scores.is_empty()).then(|| scores.into_iter().sum()),
            &s.score,
        )?;
        col += 1;
    }
    let mut formula = format!("SUM({})", cell_range(row, FIRST, row, col - 1));
    if t.adjusted {
        let some = |p: Points| (p != Points::ZERO).then_some(p);
        book::score(ws, row, col, some(st.bonus), &s.score)?;
        book::score(ws, row, col + 1, some(st.penalty), &s.score)?;
        formula += &format!("+{}-{}", row_col_to_cell(row, col), row_col_to_cell(row, col + 1));
        col += 2;
    }
    // A unit the bloc has not scored has no total and no rank: blanks, as the PDF's dashes.
    if sheet
        .entries
        .iter()
        .any(|e| e.unit == st.unit && e.bloc_score.is_some())
    {
        book::rank(ws, s, row, 0, st.rank, st.shared)?;
        book::total(ws, row, col, &formula, st.total, &s.total)?;
    } else {
        ws.write_blank(row, 0, &s.rank)?;
        ws.write_blank(row, col, &s.total)?;
    }
    col += 1;
    if t.self_scored {
        let own = sheet
            .entries
            .iter()
            .any(|e| e.unit == st.unit && e.self_score.is_some());
        book::score(ws, row, col, own.then_some(st.self_total), &s.score)?;
        col += 1;
    }
    if let Some(b) = t.ballot {
        match b.candidates.iter().find(|c| c.unit == st.unit) {
            Some(c) => ws.write_number_with_format(row, col, f64::from(c.votes), &s.whole)?,
            None => ws.write_blank(row, col, &s.whole)?,
        };
    }
    Ok(())
}

/// How equal totals are ranked, in the bloc's rules: the ranks in the sheet are theirs, not a
/// spreadsheet's.
pub(super) fn rule(r: &YearRecord) -> String {
    if r.rules.tie_breaks.is_empty() {
        return "Các đơn vị bằng tổng điểm thì đồng hạng.".to_string();
    }
    let order: Vec<String> = r.rules.tie_breaks.iter().map(|t| t.label().to_lowercase()).collect();
    format!(
        "Khi bằng tổng điểm, xét lần lượt: {}; các đơn vị vẫn bằng nhau thì đồng hạng.",
        order.join(", ")
    )
}
