//! Word copies (.docx) of the documents, made from the same draft as the PDF: the draft's blocks
//! ([`Draft::blocks`]) translated one by one, with the sizes, styles, indents and spacing the PDF
//! is laid out with, so that Word breaks lines and pages where the PDF does.
//!
//! - Lines are as high as in the PDF (1,2 × the size, "at least", so a clerk who enlarges a word
//!   does not clip it); paragraphs split between lines as in the PDF (no widow control).
//! - Side-by-side columns (the header, signature rows, the pledge's grid) are borderless tables
//!   whose cells are as wide as the PDF's columns; centred names and titles broken into lines of
//!   even length in the PDF get the same line breaks. The short rules under the issuing body, the
//!   Tiêu ngữ and the title are the bottom border of a thin paragraph indented to the rule's length.
//! - Tables have their borders, the header row repeated on every page, each cell at the size the
//!   PDF shrinks it to so that a date or a number stays whole.
//! - Page numbers from page 2, centred in the header; an attached list is a section of its own
//!   starting on a new page, numbered from 1 and again without a number on its first page.

use super::draft::Draft;
use super::engine::wrap::{fitting_size, wrap, wrap_balanced, Line, Span};
use super::engine::{Align, Block, ColItem, Column, PageSpec, Para, Style, Table, MM};
use docx_rs as dx;
use unicode_normalization::UnicodeNormalization;

/// A Word copy that cannot be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocxError {
    #[error("Không ghi được \u{201c}{text}\u{201d} vào bản Word: nội dung có ký tự điều khiển U+{code:04X}, tệp Word không chứa được ký tự này. Hãy sửa lại nội dung này rồi xuất lại.")]
    Unwritable { text: String, code: u32 },
    #[error("Không tạo được tệp Word: {0}.")]
    Pack(String),
}

const FONT: &str = "Times New Roman";
/// Page numbers: 13 to 14 (Nghị định 30).
const PAGE_NUMBER_SIZE: f32 = 13.0;
/// Line height as a multiple of the size, as the engine lays out every line.
const LEADING: f32 = 1.2;
/// Room a rule takes under a line, and where it is drawn in that room (as in the engine).
const RULE_ROOM: f32 = 7.0;
const RULE_DROP: f32 = 3.5;
/// Rules: 0,6 pt in the PDF; Word counts eighths of a point.
const RULE_EIGHTHS: usize = 5;
/// Table borders: 0,5 pt.
const BORDER_EIGHTHS: usize = 4;
/// Table cells as the engine pads and shrinks them.
const CELL_PAD: f32 = 3.0;
const CELL_FLOOR: f32 = 7.0;
const NUMBER_FLOOR: f32 = 4.0;
/// What the engine leaves under a table.
const TABLE_GAP: f32 = 4.0;
/// Room to sign is given as empty lines of the body's size, the rest as space above the name.
const ROOM_SIZE: f32 = 14.0;
/// The thinnest paragraph Word needs between two tables or to end a section after a table.
const THIN: f32 = 1.0;
/// Rows whose height is this sentinel are header rows: docx-rs has no `w:tblHeader`, so it is
/// written in its place once the XML is built.
const HEADER_SENTINEL: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const TBL_HEADER: &str = "<w:tblHeader />";

/// The Word copy of `d`.
pub fn docx(d: &Draft) -> Result<Vec<u8>, DocxError> {
    let blocks = d.blocks();
    check_text(&blocks)?;
    let spec = d.spec();
    let mut b = Builder::new(spec);
    for block in &blocks {
        b.block(block, false, false);
    }
    let items = b.finish();

    let (w, h) = page_twips(&spec);
    let orient = if d.landscape {
        dx::PageOrientationType::Landscape
    } else {
        dx::PageOrientationType::Portrait
    };
    let margin = page_margin(&spec);
    let mut doc = dx::Docx::new()
        .default_fonts(fonts())
        .default_size(half_points(14.0))
        .page_size(w, h)
        .page_orient(orient)
        .page_margin(margin)
        // rIdHeader1: the page number; rIdHeader2: the first page's, empty. Every section refers
        // to these two.
        .header(number_header())
        .first_header(first_header());
    let has_sections = items.iter().any(|i| matches!(i, Item::Section));
    if has_sections {
        doc = doc.page_num_type(dx::PageNumType::new().start(1));
    }
    let first_section = || {
        dx::SectionProperty::new()
            .page_size(dx::PageSize::new().size(w, h).orient(orient))
            .page_margin(page_margin(&spec))
            .header(dx::Header::new(), "rIdHeader1")
            .first_header(dx::Header::new(), "rIdHeader2")
    };
    let mut tables = 0usize;
    doc = emit(doc, &items, &spec, first_section, &mut tables);
    let now = creation_date();
    doc = doc.created_at(&now).updated_at(&now);

    let mut xml = doc.build();
    xml.document = in_schema_order(&mark_header_rows(&xml.document, tables)?)?;
    xml.styles = in_schema_order(&with_language(&xml.styles)?)?;
    for h in &mut xml.headers {
        *h = in_schema_order(h)?;
    }
    xml.doc_props.core = with_core_properties(&xml.doc_props.core, &d.title, &d.header.issuing_body);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Text

/// Every text of the blocks: refused when it holds a character XML cannot carry.
fn check_text(blocks: &[Block]) -> Result<(), DocxError> {
    fn text(s: &str) -> Result<(), DocxError> {
        match s.chars().find(|&c| unwritable(c)) {
            None => Ok(()),
            Some(c) => {
                let short: String = if s.chars().count() > 80 {
                    s.chars().take(80).chain(['…']).collect()
                } else {
                    s.to_string()
                };
                Err(DocxError::Unwritable {
                    text: short.chars().filter(|&c| !unwritable(c)).collect(),
                    code: c as u32,
                })
            }
        }
    }
    fn items(items: &[ColItem]) -> Result<(), DocxError> {
        for i in items {
            if let ColItem::Para(p) = i {
                p.spans.iter().try_for_each(|s| text(&s.text))?;
            }
        }
        Ok(())
    }
    for b in blocks {
        match b {
            Block::Para(p) => p.spans.iter().try_for_each(|s| text(&s.text))?,
            Block::Columns(cols) => cols.iter().try_for_each(|c| items(&c.items))?,
            Block::Stack(i) => items(i)?,
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .try_for_each(|s| text(s))?,
            Block::KeepTogether(inner) => check_text(inner)?,
            Block::Space(_) | Block::PageBreak | Block::Attachment => {}
        }
    }
    Ok(())
}

/// Characters XML 1.0 cannot hold (tabs and line ends are printed as spaces).
fn unwritable(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// A text as Word gets it: NFC, tabs and line ends as spaces (the PDF prints them so).
fn clean(s: &str) -> String {
    s.nfc()
        .map(|c| {
            if c.is_whitespace() && c != ' ' && c < '\u{80}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Measures

fn twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

fn mm_twips(mm: f32) -> i32 {
    (mm / 25.4 * 1440.0).round() as i32
}

/// Word sizes are in half points; a size the engine shrank to is rounded down so that it still fits.
fn half_points(size: f32) -> usize {
    ((size * 2.0) + 1e-3).floor().max(2.0) as usize
}

fn page_twips(spec: &PageSpec) -> (u32, u32) {
    (mm_twips(spec.width / MM) as u32, mm_twips(spec.height / MM) as u32)
}

fn page_margin(spec: &PageSpec) -> dx::PageMargin {
    let m = spec.margins;
    // The number's baseline where the PDF draws it (half the top margin and 4 pt lower): a line of
    // 1,2 × its size has its baseline about 0,98 × the size below its top.
    let baseline = m.top * MM / 2.0 + 4.0;
    let header = (baseline - 0.984 * PAGE_NUMBER_SIZE).max(0.0);
    dx::PageMargin::new()
        .top(mm_twips(m.top))
        .bottom(mm_twips(m.bottom))
        .left(mm_twips(m.left))
        .right(mm_twips(m.right))
        .header(twips(header))
        .footer(mm_twips(m.bottom / 2.0))
        .gutter(0)
}

fn fonts() -> dx::RunFonts {
    dx::RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT)
}

/// The size a paragraph is drawn at in `width`, and its lines: as the engine lays it out.
fn fit(p: &Para, width: f32) -> (f32, Vec<Line>) {
    let measure = width - p.left_indent;
    let size = if p.shrink_floor > 0.0 {
        fitting_size(&p.spans, p.size, measure - p.first_indent, p.shrink_floor)
    } else {
        p.size
    };
    if p.balance && p.first_indent == 0.0 {
        return (size, wrap_balanced(&p.spans, size, measure));
    }
    (size, wrap(&p.spans, size, measure, p.first_indent))
}

/// "04/01/2023", "88,89%": digits with their separators (as the engine tells them).
fn is_number_like(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | ':' | '%' | '+' | '(' | ')'))
}

// ---------------------------------------------------------------------------------------------
// The draft as Word's paragraphs and tables

#[derive(Debug, Clone)]
enum Run {
    Text(String, Style),
    Break,
}

/// One Word paragraph.
#[derive(Debug, Clone)]
struct P {
    runs: Vec<Run>,
    size: f32,
    align: Align,
    first: f32,
    left: f32,
    right: f32,
    before: f32,
    after: f32,
    /// Line height in points: at least this much, or exactly when `exact`.
    line: f32,
    exact: bool,
    keep_next: bool,
    keep_lines: bool,
    page_break: bool,
    /// A rule: the paragraph's bottom border.
    rule: bool,
    /// The widest line as the engine lays the paragraph out: what a rule under it is measured by.
    widest: f32,
}

impl P {
    fn empty(size: f32) -> P {
        P {
            runs: Vec::new(),
            size,
            align: Align::Left,
            first: 0.0,
            left: 0.0,
            right: 0.0,
            before: 0.0,
            after: 0.0,
            line: size * LEADING,
            exact: false,
            keep_next: false,
            keep_lines: false,
            page_break: false,
            rule: false,
            widest: 0.0,
        }
    }

    /// A paragraph exactly `height` points high with nothing in it: room between two tables, or
    /// the end of a section after a table.
    fn thin(height: f32) -> P {
        P {
            line: height.max(THIN),
            exact: true,
            ..P::empty(THIN)
        }
    }

    /// The engine's paragraph `p` in a measure of `width`.
    fn of(p: &Para, width: f32) -> P {
        let (size, lines) = fit(p, width);
        let widest = lines.iter().map(|l| l.natural_width(size)).fold(0.0, f32::max);
        let runs = if p.balance && p.first_indent == 0.0 && lines.len() > 1 {
            // The PDF's even lines, kept by line breaks: Word would fill the first line instead.
            runs_of_lines(&lines)
        } else {
            runs_of_spans(&p.spans)
        };
        P {
            runs,
            align: p.align,
            first: p.first_indent,
            left: p.left_indent,
            before: p.space_before,
            after: p.space_after,
            line: size * p.leading,
            widest,
            ..P::empty(size)
        }
    }

    /// A centred rule of `w` points under the previous line in a measure of `width`.
    fn rule(w: f32, width: f32) -> P {
        let indent = ((width - w) / 2.0).max(0.0);
        P {
            left: indent,
            right: indent,
            // The border adds its own width under the line.
            line: RULE_DROP - RULE_EIGHTHS as f32 / 8.0,
            exact: true,
            after: RULE_ROOM - RULE_DROP,
            rule: true,
            ..P::empty(THIN)
        }
    }
}

/// Spans as runs, the paragraph's outer spaces left out (the PDF does not print them).
fn runs_of_spans(spans: &[Span]) -> Vec<Run> {
    let mut runs: Vec<Run> = spans
        .iter()
        .map(|s| Run::Text(clean(&s.text), s.style))
        .filter(|r| !matches!(r, Run::Text(t, _) if t.is_empty()))
        .collect();
    if let Some(Run::Text(t, _)) = runs.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Run::Text(t, _)) = runs.last_mut() {
        *t = t.trim_end().to_string();
    }
    runs.retain(|r| !matches!(r, Run::Text(t, _) if t.is_empty()));
    runs
}

/// Lines as runs with a line break between them.
fn runs_of_lines(lines: &[Line]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let push = |runs: &mut Vec<Run>, text: &str, style: Style| {
        if let Some(Run::Text(t, s)) = runs.last_mut() {
            if *s == style {
                t.push_str(text);
                return;
            }
        }
        runs.push(Run::Text(text.to_string(), style));
    };
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            runs.push(Run::Break);
        }
        for (j, w) in line.words.iter().enumerate() {
            if j > 0 && !w.attached {
                let style = line.words[j - 1].style;
                push(&mut runs, " ", style);
            }
            push(&mut runs, &clean(&w.text), w.style);
        }
    }
    runs
}

/// A row of side-by-side columns: each cell's paragraphs.
#[derive(Debug, Clone)]
struct Row {
    cells: Vec<Vec<P>>,
}

#[derive(Debug, Clone)]
enum Item {
    P(P),
    /// Rows of side-by-side columns: a borderless table. `cols` are each cell's left edge and
    /// width; a column narrower than its cell is kept so by a right indent.
    Columns {
        cols: Vec<(f32, f32)>,
        rows: Vec<Row>,
    },
    Table {
        table: Table,
        keep: bool,
    },
    /// The end of a section: what follows starts a new page, numbered from 1.
    Section,
}

struct Builder {
    spec: PageSpec,
    items: Vec<Item>,
    /// Space to leave before what comes next (the engine's `Space`).
    pending: f32,
    page_break: bool,
}

impl Builder {
    fn new(spec: PageSpec) -> Self {
        Builder {
            spec,
            items: Vec::new(),
            pending: 0.0,
            page_break: false,
        }
    }

    fn width(&self) -> f32 {
        self.spec.text_width()
    }

    /// `keep`: kept on the page of what follows; `whole`: never split (inside a group the engine
    /// moves whole to the next page).
    fn block(&mut self, b: &Block, keep: bool, whole: bool) {
        match b {
            Block::Para(p) => {
                let mut q = P::of(p, self.width());
                q.keep_next = keep;
                q.keep_lines = whole;
                self.para(q);
            }
            Block::Columns(cols) if cols.is_empty() => {}
            Block::Columns(cols) => self.columns(cols, keep),
            Block::Stack(items) => {
                let col = Column {
                    x: 0.0,
                    width: self.width(),
                    items: items.clone(),
                };
                let (ps, after) = column_paras(&col, 0.0);
                let n = ps.len();
                for (i, mut q) in ps.into_iter().enumerate() {
                    q.keep_next = keep || i + 1 < n;
                    q.keep_lines = true;
                    self.para(q);
                }
                self.pending += after;
            }
            // A table without columns prints nothing in the PDF either.
            Block::Table(t) if t.cols.is_empty() => {}
            Block::Table(t) => {
                self.before_table();
                self.items.push(Item::Table { table: t.clone(), keep });
                self.pending = TABLE_GAP;
            }
            Block::Space(s) => self.pending += s,
            Block::KeepTogether(inner) => {
                // The last block that is not a space keeps with what follows only if the group does.
                let last = inner.iter().rposition(|b| !matches!(b, Block::Space(_)));
                for (i, b) in inner.iter().enumerate() {
                    self.block(b, keep || Some(i) != last, true);
                }
            }
            Block::PageBreak => {
                if !self.items.is_empty() {
                    self.page_break = true;
                    self.pending = 0.0;
                }
            }
            Block::Attachment => {
                if !self.items.is_empty() {
                    self.items.push(Item::Section);
                }
                self.pending = 0.0;
                self.page_break = false;
            }
        }
    }

    fn para(&mut self, mut q: P) {
        q.before += std::mem::take(&mut self.pending);
        q.page_break = std::mem::take(&mut self.page_break);
        self.items.push(Item::P(q));
    }

    /// Before a table: the space and page break wanted, and a paragraph between two tables (Word
    /// would join them).
    fn before_table(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let page_break = std::mem::take(&mut self.page_break);
        match self.items.last_mut() {
            Some(Item::P(p)) if !page_break => p.after += pending,
            None | Some(Item::Section) if !page_break => {}
            _ => {
                let mut thin = P::thin(pending);
                thin.page_break = page_break;
                self.items.push(Item::P(thin));
            }
        }
    }

    fn columns(&mut self, cols: &[Column], keep: bool) {
        let width = self.width();
        let heights: Vec<f32> = cols.iter().map(column_height).collect();
        let tallest = heights.iter().copied().fold(0.0, f32::max);
        let mut geometry = Vec::new();
        let mut cells = Vec::new();
        for (i, c) in cols.iter().enumerate() {
            // Cells from the margin to the next column; a column that starts further in or ends
            // before the next (the grid's gutter) is kept so by indents.
            let start = if i == 0 { 0.0 } else { c.x };
            let end = cols.get(i + 1).map_or(width, |n| n.x);
            let inset = c.x - start;
            let cell_w = (end - start).max(inset + c.width);
            geometry.push((start, cell_w));
            let (mut ps, _) = column_paras(c, tallest - heights[i]);
            if ps.is_empty() {
                ps.push(P::empty(ROOM_SIZE));
            }
            for p in &mut ps {
                p.left += inset;
                p.right += cell_w - inset - c.width;
                p.keep_next = keep;
                p.keep_lines = true;
            }
            cells.push(ps);
        }
        let same = |a: &[(f32, f32)]| {
            a.len() == geometry.len()
                && a.iter()
                    .zip(&geometry)
                    .all(|(x, y)| (x.0 - y.0).abs() < 0.01 && (x.1 - y.1).abs() < 0.01)
        };
        let joins = !self.page_break && matches!(self.items.last(), Some(Item::Columns { cols, .. }) if same(cols));
        let after_text = !self.page_break && matches!(self.items.last(), Some(Item::P(_) | Item::Section) | None);
        if !joins && !after_text {
            self.before_table();
        }
        let pending = std::mem::take(&mut self.pending);
        for cell in &mut cells {
            cell[0].before += pending;
        }
        let row = Row { cells };
        if joins {
            if let Some(Item::Columns { rows, .. }) = self.items.last_mut() {
                rows.push(row);
            }
        } else {
            self.items.push(Item::Columns {
                cols: geometry,
                rows: vec![row],
            });
        }
    }

    fn finish(mut self) -> Vec<Item> {
        // Word ends a document with a paragraph.
        if !matches!(self.items.last(), Some(Item::P(_))) {
            self.items.push(Item::P(P::thin(THIN)));
        }
        for pair in 1..self.items.len() {
            if let [Item::P(a), Item::P(b)] = &mut self.items[pair - 1..=pair] {
                one_gap(a, b);
            }
        }
        for item in &mut self.items {
            if let Item::Columns { rows, .. } = item {
                for cell in rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                    for pair in 1..cell.len() {
                        if let [a, b] = &mut cell[pair - 1..=pair] {
                            one_gap(a, b);
                        }
                    }
                }
            }
        }
        self.items
    }
}

/// The space between two paragraphs as the space before the second: Word adds the space after
/// a paragraph to the space before the next, LibreOffice takes the larger of the two; the PDF
/// adds them.
fn one_gap(a: &mut P, b: &mut P) {
    b.before += std::mem::take(&mut a.after);
}

/// A column's height as the engine lays it out, its `Fill` empty.
fn column_height(c: &Column) -> f32 {
    c.items
        .iter()
        .map(|i| match i {
            ColItem::Para(p) => {
                let (size, lines) = fit(p, c.width);
                p.space_before + lines.len() as f32 * size * p.leading + p.space_after
            }
            ColItem::Rule { .. } => RULE_ROOM,
            ColItem::Space(s) => *s,
            ColItem::Fill => 0.0,
        })
        .sum()
}

/// A column's paragraphs, `fill` points where its `Fill` is (names of a row line up); the space
/// left at its end is returned. Room to sign is given as empty lines, the rest as space above.
fn column_paras(c: &Column, fill: f32) -> (Vec<P>, f32) {
    let mut out: Vec<P> = Vec::new();
    let mut pending = 0.0f32;
    let mut widest = 0.0f32;
    for item in &c.items {
        match item {
            ColItem::Para(p) => {
                let room = ROOM_SIZE * LEADING;
                while pending >= room - 0.01 && !out.is_empty() {
                    out.push(P::empty(ROOM_SIZE));
                    pending -= room;
                }
                let mut q = P::of(p, c.width);
                q.before += pending.max(0.0);
                pending = 0.0;
                widest = q.widest;
                out.push(q);
            }
            ColItem::Rule { fraction, min } => {
                let w = (widest * fraction).max(*min).min(c.width);
                let mut r = P::rule(w, c.width);
                r.before = pending;
                pending = 0.0;
                out.push(r);
            }
            ColItem::Space(s) => pending += s,
            ColItem::Fill => pending += fill,
        }
    }
    (out, pending)
}

// ---------------------------------------------------------------------------------------------
// docx-rs elements

/// `items` added to `doc`; `section` is the properties of a section that ends before the last;
/// `tables` counts the header rows to repeat.
fn emit(
    mut doc: dx::Docx,
    items: &[Item],
    spec: &PageSpec,
    section: impl Fn() -> dx::SectionProperty,
    tables: &mut usize,
) -> dx::Docx {
    for (i, item) in items.iter().enumerate() {
        doc = match item {
            Item::P(p) => {
                let mut para = paragraph(p);
                if matches!(items.get(i + 1), Some(Item::Section)) {
                    para = para.section_property(section());
                }
                doc.add_paragraph(para)
            }
            Item::Columns { cols, rows } => doc.add_table(columns_table(cols, rows)),
            Item::Table { table, keep } => {
                let (t, repeated) = data_table(table, spec, *keep);
                *tables += usize::from(repeated);
                doc.add_table(t)
            }
            // The section ends with the paragraph before it, or a thin one after a table.
            Item::Section if matches!(i.checked_sub(1).and_then(|j| items.get(j)), Some(Item::P(_))) => doc,
            Item::Section => doc.add_paragraph(paragraph(&P::thin(THIN)).section_property(section())),
        };
    }
    doc
}

fn alignment(a: Align) -> dx::AlignmentType {
    match a {
        Align::Left => dx::AlignmentType::Left,
        Align::Center => dx::AlignmentType::Center,
        Align::Right => dx::AlignmentType::Right,
        Align::Justify => dx::AlignmentType::Both,
    }
}

fn run(text: &str, style: Style, size: usize) -> dx::Run {
    let r = dx::Run::new().fonts(fonts()).size(size).add_text(text);
    match style {
        Style::Regular => r,
        Style::Bold => r.bold(),
        Style::Italic => r.italic(),
        Style::BoldItalic => r.bold().italic(),
    }
}

fn paragraph(p: &P) -> dx::Paragraph {
    let size = half_points(p.size);
    let rule = if p.exact {
        dx::LineSpacingType::Exact
    } else {
        dx::LineSpacingType::AtLeast
    };
    let mut para = dx::Paragraph::new()
        .align(alignment(p.align))
        .line_spacing(
            dx::LineSpacing::new()
                .line_rule(rule)
                .line(twips(p.line))
                .before(twips(p.before).max(0) as u32)
                .after(twips(p.after).max(0) as u32),
        )
        .widow_control(false)
        .fonts(fonts())
        .size(size);
    if p.first != 0.0 || p.left != 0.0 || p.right != 0.0 {
        let first = (p.first != 0.0).then(|| dx::SpecialIndentType::FirstLine(twips(p.first)));
        para = para.indent(Some(twips(p.left)), first, Some(twips(p.right)), None);
    }
    if p.keep_next {
        para = para.keep_next(true);
    }
    if p.keep_lines {
        para = para.keep_lines(true);
    }
    if p.page_break {
        para = para.page_break_before(true);
    }
    if p.rule {
        para.property = para.property.set_borders(
            dx::ParagraphBorders::with_empty().set(
                dx::ParagraphBorder::new(dx::ParagraphBorderPosition::Bottom)
                    .val(dx::BorderType::Single)
                    .size(RULE_EIGHTHS)
                    .space(0)
                    .color("000000"),
            ),
        );
    }
    for r in &p.runs {
        para = para.add_run(match r {
            Run::Text(t, style) => run(t, *style, size),
            Run::Break => dx::Run::new()
                .fonts(fonts())
                .size(size)
                .add_break(dx::BreakType::TextWrapping),
        });
    }
    para
}

fn borders(kind: dx::BorderType, size: usize) -> dx::TableBorders {
    use dx::TableBorderPosition as B;
    [B::Top, B::Left, B::Bottom, B::Right, B::InsideH, B::InsideV]
        .into_iter()
        .fold(dx::TableBorders::with_empty(), |b, pos| {
            b.set(dx::TableBorder::new(pos).border_type(kind).size(size).color("000000"))
        })
}

/// Twips of each width, summing to the twips of their total.
fn grid(widths: &[f32]) -> Vec<usize> {
    let mut edge = 0.0f32;
    let mut prev = 0i32;
    widths
        .iter()
        .map(|w| {
            edge += w;
            let e = twips(edge);
            let g = (e - prev).max(0) as usize;
            prev = e;
            g
        })
        .collect()
}

fn columns_table(cols: &[(f32, f32)], rows: &[Row]) -> dx::Table {
    let widths: Vec<f32> = cols.iter().map(|c| c.1).collect();
    let grid = grid(&widths);
    let rows = rows
        .iter()
        .map(|r| {
            let cells = r
                .cells
                .iter()
                .zip(&grid)
                .map(|(ps, w)| {
                    ps.iter()
                        .fold(dx::TableCell::new().width(*w, dx::WidthType::Dxa), |c, p| {
                            c.add_paragraph(paragraph(p))
                        })
                        .vertical_align(dx::VAlignType::Top)
                })
                .collect();
            // Signature blocks and the header never split between pages.
            dx::TableRow::new(cells).cant_split()
        })
        .collect();
    dx::Table::without_borders(rows)
        .set_borders(borders(dx::BorderType::Nil, 0))
        .set_grid(grid.clone())
        .layout(dx::TableLayoutType::Fixed)
        .width(grid.iter().sum(), dx::WidthType::Dxa)
        .indent(0)
        .margins(dx::TableCellMargins::new().margin(0, 0, 0, 0))
}

/// One cell of a table: its size (shrunk as the engine shrinks it) and lines.
fn cell_fit(text: &str, style: Style, t: &Table, width: f32) -> (f32, usize) {
    let spans = [Span::new(text, style)];
    let measure = width - 2.0 * CELL_PAD;
    let floor = if text.split_whitespace().any(is_number_like) {
        NUMBER_FLOOR
    } else {
        CELL_FLOOR
    };
    let size = fitting_size(&spans, t.size, measure, floor);
    (size, wrap(&spans, size, measure, 0.0).len().max(1))
}

/// A table of the data with its borders; returns whether its header row is repeated.
fn data_table(t: &Table, spec: &PageSpec, keep: bool) -> (dx::Table, bool) {
    let total_share: f32 = t.cols.iter().map(|c| c.share).sum();
    let widths: Vec<f32> = t
        .cols
        .iter()
        .map(|c| c.share / total_share * spec.text_width())
        .collect();
    let grid = grid(&widths);
    let ncols = widths.len();
    let row = |cells: &[String], style: Style, header: bool| -> (dx::TableRow, f32) {
        let spanning = cells.len() == 1 && ncols > 1;
        let boxes: Vec<(usize, f32, Align, usize)> = if spanning {
            vec![(grid.iter().sum(), widths.iter().sum(), Align::Left, ncols)]
        } else {
            (0..ncols)
                .map(|i| {
                    let align = if header { Align::Center } else { t.cols[i].align };
                    (grid[i], widths[i], align, 1)
                })
                .collect()
        };
        let mut height = 0.0f32;
        let cells = boxes
            .into_iter()
            .enumerate()
            .map(|(i, (tw, w, align, span))| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                let (size, lines) = cell_fit(text, style, t, w);
                height = height.max(lines as f32 * size * LEADING);
                let p = P {
                    runs: runs_of_spans(&[Span::new(text, style)]),
                    align,
                    keep_next: keep,
                    ..P::empty(size)
                };
                let mut c = dx::TableCell::new()
                    .width(tw, dx::WidthType::Dxa)
                    .vertical_align(dx::VAlignType::Center)
                    .add_paragraph(paragraph(&p));
                if span > 1 {
                    c = c.grid_span(span);
                }
                c
            })
            .collect();
        // A row moves whole to the next page, as in the PDF.
        (dx::TableRow::new(cells).cant_split(), height + 2.0 * CELL_PAD)
    };
    let (header, header_h) = row(&t.header, Style::Bold, true);
    // A header taller than a third of a page is printed once, as in the PDF.
    let repeat = header_h <= (spec.bottom() - spec.top()) / 3.0;
    let header = if repeat {
        header.row_height(1.0).height_rule(dx::HeightRule::AtLeast)
    } else {
        header
    };
    let mut rows = vec![header];
    for (i, r) in t.rows.iter().enumerate() {
        let style = if t.bold_rows.contains(&i) {
            Style::Bold
        } else {
            Style::Regular
        };
        rows.push(row(r, style, false).0);
    }
    // The borders between rows take room of their own in Word's layout: the padding above and
    // below is less by half a border each, so that rows are as high as in the PDF.
    let pad = twips(CELL_PAD).max(0) as usize;
    let pad_v = twips(CELL_PAD - BORDER_EIGHTHS as f32 / 8.0 / 2.0).max(0) as usize;
    let table = dx::Table::new(rows)
        .set_borders(borders(dx::BorderType::Single, BORDER_EIGHTHS))
        .set_grid(grid.clone())
        .layout(dx::TableLayoutType::Fixed)
        .width(grid.iter().sum(), dx::WidthType::Dxa)
        .indent(0)
        .margins(dx::TableCellMargins::new().margin(pad_v, pad, pad_v, pad));
    (table, repeat)
}

/// The header of pages after the first: the page number, centred.
fn number_header() -> dx::Header {
    let size = half_points(PAGE_NUMBER_SIZE);
    let field = dx::Run::new()
        .fonts(fonts())
        .size(size)
        .add_field_char(dx::FieldCharType::Begin, false)
        .add_instr_text(dx::InstrText::PAGE(dx::InstrPAGE::new()))
        .add_field_char(dx::FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(dx::FieldCharType::End, false);
    let p = P {
        align: Align::Center,
        ..P::empty(PAGE_NUMBER_SIZE)
    };
    dx::Header::new().add_paragraph(paragraph(&p).add_run(field))
}

/// The first page's header: empty (no number on a first page).
fn first_header() -> dx::Header {
    dx::Header::new().add_paragraph(paragraph(&P::empty(PAGE_NUMBER_SIZE)))
}

// ---------------------------------------------------------------------------------------------
// What docx-rs does not write

/// `w:tblHeader` on the header rows that the sentinel marks.
fn mark_header_rows(xml: &[u8], expected: usize) -> Result<Vec<u8>, DocxError> {
    let s = std::str::from_utf8(xml).map_err(|e| DocxError::Pack(e.to_string()))?;
    let found = s.matches(HEADER_SENTINEL).count();
    if found != expected {
        return Err(DocxError::Pack(format!(
            "{found} hàng tiêu đề bảng thay vì {expected} (docx-rs đã đổi cách ghi)"
        )));
    }
    Ok(s.replace(HEADER_SENTINEL, TBL_HEADER).into_bytes())
}

/// Vietnamese as the language of the document's defaults (spelling, and word breaking in Word).
fn with_language(xml: &[u8]) -> Result<Vec<u8>, DocxError> {
    let s = std::str::from_utf8(xml).map_err(|e| DocxError::Pack(e.to_string()))?;
    const LANG: &str = r#"<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA" />"#;
    let start = s
        .find("<w:rPrDefault>")
        .ok_or_else(|| DocxError::Pack("styles.xml không có w:rPrDefault".into()))?;
    let end = s[start..]
        .find("</w:rPr>")
        .map(|i| start + i)
        .ok_or_else(|| DocxError::Pack("styles.xml không có w:rPr mặc định".into()))?;
    Ok(format!("{}{LANG}{}", &s[..end], &s[end..]).into_bytes())
}

fn xml_escape(s: &str) -> String {
    clean(s)
        .chars()
        .filter(|&c| !unwritable(c))
        .collect::<String>()
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The title, the issuing bloc and the language in the file's properties.
fn with_core_properties(xml: &[u8], title: &str, author: &str) -> Vec<u8> {
    let Ok(s) = std::str::from_utf8(xml) else {
        return xml.to_vec();
    };
    let s = s
        .replacen(
            "<dc:creator>unknown</dc:creator>",
            &format!("<dc:creator>{}</dc:creator>", xml_escape(author)),
            1,
        )
        .replacen(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            "<cp:lastModifiedBy>Khối Thi Đua</cp:lastModifiedBy>",
            1,
        )
        .replacen(
            "</cp:coreProperties>",
            &format!(
                "<dc:language>vi-VN</dc:language><dc:title>{}</dc:title></cp:coreProperties>",
                xml_escape(title)
            ),
            1,
        );
    s.into_bytes()
}

/// Now, or `SOURCE_DATE_EPOCH` when set (reproducible output), as W3CDTF.
fn creation_date() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| chrono::Utc::now().timestamp());
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The children of Word's property elements in the order of the schema (ECMA-376): docx-rs
/// writes them in an order of its own, which Word repairs or reads in part (a font or bold
/// written after the size can be dropped) and Word on the web refuses.
fn in_schema_order(xml: &[u8]) -> Result<Vec<u8>, DocxError> {
    let s = std::str::from_utf8(xml).map_err(|e| DocxError::Pack(e.to_string()))?;
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let (consumed, text) = element(rest)?;
        out.push_str(&text);
        rest = &rest[consumed..];
    }
    Ok(out.into_bytes())
}

/// The order of the children of `container`, or none when it is kept as written.
fn schema(container: &str) -> Option<&'static [&'static str]> {
    const RPR: &[&str] = &[
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
        "rPrChange",
    ];
    const PPR: &[&str] = &[
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ];
    const SECT: &[&str] = &[
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    ];
    const TBL: &[&str] = &[
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    ];
    const TC: &[&str] = &[
        "cnfStyle",
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
    ];
    const BORDERS: &[&str] = &[
        "top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "between", "bar",
    ];
    const STYLE: &[&str] = &[
        "name",
        "aliases",
        "basedOn",
        "next",
        "link",
        "autoRedefine",
        "uiPriority",
        "semiHidden",
        "unhideWhenUsed",
        "qFormat",
        "locked",
        "personal",
        "personalCompose",
        "personalReply",
        "rsid",
        "pPr",
        "rPr",
        "tblPr",
        "trPr",
        "tcPr",
        "tblStylePr",
    ];
    const DEFAULTS: &[&str] = &["rPrDefault", "pPrDefault"];
    Some(match container {
        "w:rPr" => RPR,
        "w:pPr" => PPR,
        "w:sectPr" => SECT,
        "w:tblPr" => TBL,
        "w:tcPr" => TC,
        "w:pBdr" | "w:tblBorders" | "w:tcBorders" | "w:tblCellMar" | "w:tcMar" => BORDERS,
        "w:style" => STYLE,
        "w:docDefaults" => DEFAULTS,
        _ => return None,
    })
}

/// The tag's name: `w:rPr` of `<w:rPr>`, `</w:rPr>` or `<w:rPr w:x="1" />`.
fn tag_name(tag: &str) -> &str {
    let t = tag.trim_start_matches('<').trim_start_matches('/');
    let end = t
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(t.len());
    &t[..end]
}

/// The first node of `s` (text up to the next tag, a declaration, or an element with all its
/// content), with its children in schema order: how many bytes it takes and the text it becomes.
fn element(s: &str) -> Result<(usize, String), DocxError> {
    let bad = || DocxError::Pack("XML không đọc được khi sắp xếp thuộc tính".into());
    if !s.starts_with('<') {
        let end = s.find('<').unwrap_or(s.len());
        return Ok((end, s[..end].to_string()));
    }
    let close = s.find('>').ok_or_else(bad)? + 1;
    let tag = &s[..close];
    if tag.starts_with("<?") || tag.ends_with("/>") {
        return Ok((close, tag.to_string()));
    }
    if tag.starts_with("</") {
        return Err(bad());
    }
    let name = tag_name(tag);
    let mut children: Vec<String> = Vec::new();
    let mut at = close;
    loop {
        let rest = s.get(at..).ok_or_else(bad)?;
        if rest.is_empty() {
            return Err(bad());
        }
        if rest.starts_with("</") {
            let end = rest.find('>').ok_or_else(bad)? + 1;
            if tag_name(&rest[..end]) != name {
                return Err(bad());
            }
            if let Some(order) = schema(name) {
                let rank = |c: &String| {
                    let n = tag_name(c);
                    let local = n.strip_prefix("w:").unwrap_or(n);
                    order.iter().position(|o| *o == local).unwrap_or(order.len())
                };
                // Stable: children of one rank (header references) stay as written.
                children.sort_by_key(rank);
            }
            let mut out = String::with_capacity(at + end);
            out.push_str(tag);
            children.iter().for_each(|c| out.push_str(c));
            out.push_str(&rest[..end]);
            return Ok((at + end, out));
        }
        let (n, child) = element(rest)?;
        children.push(child);
        at += n;
    }
}
