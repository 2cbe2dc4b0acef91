//! Danh sách đề nghị khen thưởng: the list attached to the Tờ trình, the same rows as its PDF
//! ([`attached_list`]), with the STT a number and every other cell as the PDF prints it.

use super::book::{self, Styles};
use super::SheetError;
use crate::documents::engine::Align;
use crate::documents::proposal::attached_list;
use crate::domain::YearRecord;
use rust_xlsxwriter::{ColNum, RowNum};

/// The attached list; refused when the year proposes no unit.
pub fn proposal_list(r: &YearRecord) -> Result<Vec<u8>, SheetError> {
    let table = attached_list(r);
    if table.rows.is_empty() {
        return Err(SheetError::NoProposals(r.year));
    }
    // The PDF prints this table on a portrait page with these shares of the width: the same
    // shares of a portrait A4 page between the bloc's margins fit it there.
    let room = book::page_chars(r, false);
    let shares: f32 = table.cols.iter().map(|c| c.share).sum();
    let widths: Vec<f64> = table
        .cols
        .iter()
        // Less each column's padding (5 pixels).
        .map(|c| f64::from(c.share / shares) * room - 5.0 / 8.0)
        .collect();

    let title = format!("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {}", r.year);
    let subtitle = format!(
        "(Kèm theo Tờ trình đề nghị khen thưởng năm {} của {})",
        r.year, r.bloc.name
    );
    let mut wb = book::workbook(r, &title)?;
    let s = Styles::new();
    let (ws, top) = book::sheet(&mut wb, &s, r, "Danh sách đề nghị", &widths, &title, Some(&subtitle))?;
    for (col, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(top, col as ColNum, h, &s.header)?;
    }
    book::fit_row(ws, top, &cells(&table.header, &widths), true)?;
    let data = top + 1;
    for (k, texts) in table.rows.iter().enumerate() {
        let row = data + k as RowNum;
        for (col, text) in texts.iter().enumerate() {
            let col = col as ColNum;
            match text.parse::<u32>() {
                Ok(n) if col == 0 => ws.write_number_with_format(row, col, f64::from(n), &s.whole)?,
                _ if table.cols[col as usize].align == Align::Center => {
                    ws.write_string_with_format(row, col, text, &s.centred_text)?
                }
                _ => ws.write_string_with_format(row, col, text, &s.text)?,
            };
        }
        book::fit_row(ws, row, &cells(texts, &widths), false)?;
    }
    ws.set_freeze_panes(data, 0)?;
    book::print_setup(ws, r, false, top)?;
    Ok(wb.save_to_buffer()?)
}

/// The texts of a row with the widths of their columns.
fn cells<'a>(texts: &'a [String], widths: &[f64]) -> Vec<(&'a str, f64)> {
    texts.iter().map(String::as_str).zip(widths.iter().copied()).collect()
}
