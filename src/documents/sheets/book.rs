//! What the three workbooks share: the formats (Times New Roman throughout), the title rows, the
//! header cells, the note under the table and the print setup.

use crate::domain::text::upper;
use crate::domain::{Points, YearRecord};
use rust_xlsxwriter::{
    ColNum, DocProperties, Format, FormatAlign, FormatBorder, Formula, RowNum, Workbook, Worksheet, XlsxError,
};

const FONT: &str = "Times New Roman";
const SIZE: f64 = 12.0;
/// The height of a line of 12-point text, in points (Excel's default row for that font).
const LINE: f64 = 15.75;

/// The format of every score: two decimals, thousands grouped, tagged with the Vietnamese locale
/// (`[$-42A]`).
///
/// What readers make of it: in a format code "," and "." only stand for the thousands and the
/// decimal separator. Excel draws them as the reader's system has them (Windows regional
/// settings, unless Excel's own "use system separators" is turned off): "1.234,50" on a
/// Vietnamese system, "1,234.50" on an English one; Excel reads the locale tag for the names of
/// months and days, not for the separators. LibreOffice takes the tag as the format's language and
/// draws the Vietnamese separators on any system. No format code makes Excel on an English system
/// show a decimal comma; only text would, and text no longer adds up.
const NUMBER: &str = "[$-42A]#,##0.00";

/// A shared rank keeps its number (the column still sorts) and reads as the PDF prints it.
const SHARED_RANK: &str = "\"đồng hạng \"0";

/// The formats of a workbook's cells.
pub(super) struct Styles {
    /// The bloc's name above the title.
    pub bloc: Format,
    pub title: Format,
    /// The line under the title ("Kèm theo …") and the note under the table.
    pub note: Format,
    pub header: Format,
    /// A cell of text (a unit's name), wrapped.
    pub text: Format,
    /// A cell of text centred, wrapped ("95 / 1", "Thống nhất").
    pub centred_text: Format,
    /// A whole number: STT, votes.
    pub whole: Format,
    pub score: Format,
    pub total: Format,
    pub rank: Format,
    pub shared_rank: Format,
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(SIZE)
        .set_align(FormatAlign::VerticalCenter)
}

impl Styles {
    pub fn new() -> Self {
        let cell = || base().set_border(FormatBorder::Thin);
        let centred = || cell().set_align(FormatAlign::Center);
        Styles {
            bloc: base().set_bold().set_align(FormatAlign::Center),
            title: base().set_bold().set_font_size(14).set_align(FormatAlign::Center),
            note: base().set_italic().set_text_wrap().set_align(FormatAlign::Left),
            header: centred().set_bold().set_text_wrap(),
            text: cell().set_text_wrap().set_align(FormatAlign::Left),
            centred_text: centred().set_text_wrap(),
            whole: centred().set_num_format("0"),
            score: centred().set_num_format(NUMBER),
            total: centred().set_bold().set_num_format(NUMBER),
            rank: centred().set_bold().set_num_format("0"),
            shared_rank: centred().set_bold().set_num_format(SHARED_RANK),
        }
    }
}

/// A workbook whose own font is Times New Roman too, so that a cell typed in later matches the
/// table and column widths count its characters (8 pixels a digit at 12 points, 72 a column).
pub(super) fn workbook(r: &YearRecord, title: &str) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_default_format(&base(), 21, 72)?;
    wb.set_properties(&DocProperties::new().set_title(title).set_author(r.bloc.name.as_str()));
    Ok(wb)
}

/// A worksheet named `name` with its columns `widths` (in characters) and the title rows over
/// them: the bloc's name, the title, then `subtitle` if any. Returns the row the table starts on,
/// one row below.
pub(super) fn sheet<'a>(
    wb: &'a mut Workbook,
    s: &Styles,
    r: &YearRecord,
    name: &str,
    widths: &[f64],
    title: &str,
    subtitle: Option<&str>,
) -> Result<(&'a mut Worksheet, RowNum), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as ColNum, *w)?;
    }
    let last = widths.len() as ColNum - 1;
    merge(ws, 0, 0, 0, last, &upper(&r.bloc.name), &s.bloc)?;
    merge(ws, 1, 0, 1, last, title, &s.title)?;
    ws.set_row_height(1, 20)?;
    let mut row = 2;
    if let Some(sub) = subtitle {
        let centred = s.note.clone().set_align(FormatAlign::Center);
        merge(ws, row, 0, row, last, sub, &centred)?;
        fit_row(ws, row, &[(sub, widths.iter().sum())], false)?;
        row += 1;
    }
    Ok((ws, row + 1))
}

/// Merges a range, or writes its one cell (Excel refuses to merge a single cell).
pub(super) fn merge(
    ws: &mut Worksheet,
    r0: RowNum,
    c0: ColNum,
    r1: RowNum,
    c1: ColNum,
    text: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if (r0, c0) == (r1, c1) {
        ws.write_string_with_format(r0, c0, text, f)?;
    } else {
        ws.merge_range(r0, c0, r1, c1, text, f)?;
    }
    Ok(())
}

/// A score, or a blank bordered cell when none is recorded: never a 0 that nobody gave.
pub(super) fn score(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    v: Option<Points>,
    f: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(row, col, v.as_f64(), f)?,
        None => ws.write_blank(row, col, f)?,
    };
    Ok(())
}

/// A total as a formula, with the value the software computed as its cached result.
pub(super) fn total(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    formula: &str,
    value: Points,
    f: &Format,
) -> Result<(), XlsxError> {
    let formula = Formula::new(formula).set_result(value.as_f64().to_string());
    ws.write_formula_with_format(row, col, formula, f)?;
    Ok(())
}

/// A rank from the year's ranking, "đồng hạng 2" when shared.
pub(super) fn rank(
    ws: &mut Worksheet,
    s: &Styles,
    row: RowNum,
    col: ColNum,
    rank: u32,
    shared: bool,
) -> Result<(), XlsxError> {
    let f = if shared { &s.shared_rank } else { &s.rank };
    ws.write_number_with_format(row, col, f64::from(rank), f)?;
    Ok(())
}

/// A note across the table (`widths`) on `row`, tall enough for its lines: a merged cell is not
/// grown to fit by Excel.
pub(super) fn note(ws: &mut Worksheet, s: &Styles, row: RowNum, widths: &[f64], text: &str) -> Result<(), XlsxError> {
    let last = widths.len() as ColNum - 1;
    merge(ws, row, 0, row, last, text, &s.note)?;
    fit_row(ws, row, &[(text, widths.iter().sum())], false)
}

/// Sets a row's height for its tallest cell (`cells`: each text with the width it spans, in
/// characters): LibreOffice does not grow a row of wrapped text to fit when it opens a workbook,
/// and Excel never grows one for a merged cell.
pub(super) fn fit_row(ws: &mut Worksheet, row: RowNum, cells: &[(&str, f64)], bold: bool) -> Result<(), XlsxError> {
    // A letter of text is about a digit wide (narrower in lower case, wider in capitals); bold
    // letters are wider.
    let factor = if bold { 0.95 } else { 1.05 };
    let n = cells.iter().map(|(t, w)| lines(t, w * factor)).max().unwrap_or(1);
    let pad = if n > 1 { 2.0 } else { 0.0 };
    ws.set_row_height(row, LINE * n as f64 + pad)?;
    Ok(())
}

/// The lines `text` takes wrapped at word boundaries in a column `width` characters wide (a
/// character of text about a digit wide, less the cell's padding).
pub(super) fn lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|para| {
            let (mut n, mut used) = (1, 0.0);
            for w in para.split_whitespace() {
                let len = w.chars().count() as f64;
                if used == 0.0 {
                    used = len;
                } else if used + 1.0 + len <= room {
                    used += 1.0 + len;
                } else {
                    n += 1;
                    used = len;
                }
                // A word longer than the column breaks over several lines.
                while used > room {
                    n += 1;
                    used -= room;
                }
            }
            n
        })
        .sum()
}

/// A column wide enough for the longest of `texts` on one line, within `min..=max` (a longer one
/// wraps).
pub(super) fn fit(texts: impl IntoIterator<Item = String>, min: f64, max: f64) -> f64 {
    let longest = texts.into_iter().map(|t| t.chars().count()).max().unwrap_or(0);
    (longest as f64 + 2.0).clamp(min, max)
}

/// How many characters of 12-point text a line of an A4 page holds between the bloc's margins
/// at full size (a column of `w` characters is 8·w + 5 pixels wide, at 96 pixels an inch).
pub(super) fn page_chars(r: &YearRecord, landscape: bool) -> f64 {
    let m = r.bloc.margins;
    let paper = if landscape { 297.0 } else { 210.0 };
    f64::from(paper - m.left - m.right) / 25.4 * 96.0 / 8.0
}

/// A4, fit to one page wide, the title and header rows (`repeat`) on every page, the bloc's
/// margins (the same on a landscape page as the PDFs have them), "Trang 1/2" at the foot.
pub(super) fn print_setup(
    ws: &mut Worksheet,
    r: &YearRecord,
    landscape: bool,
    repeat: RowNum,
) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, repeat)?;
    let m = r.bloc.margins;
    let inch = |mm: f32| f64::from(mm) / 25.4;
    let bottom = inch(m.bottom);
    ws.set_margins(
        inch(m.left),
        inch(m.right),
        inch(m.top),
        bottom,
        0.3,
        (bottom / 2.0).min(0.3),
    );
    ws.set_footer(format!("&C&\"{FONT},Regular\"&11Trang &P/&N"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn lines_wrap_at_words() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("Công an tỉnh", 20.0), 1);
        assert_eq!(lines("Công an tỉnh", 8.0), 2);
        assert_eq!(lines("một\nhai", 20.0), 2);
        assert_eq!(lines("abcdefghijklmnopqrst", 11.0), 2);
    }
}
