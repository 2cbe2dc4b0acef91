//! Blocks laid out on A4 pages: paragraphs that split between lines, tables that split between rows
//! with their header repeated, groups of columns (headers, signatures) that never split, and
//! keep-together groups. Units are points; y grows downward from the top of the page.

use super::fonts::{metrics, Style};
use super::wrap::{fitting_size, wrap, wrap_balanced, Line, Span};
use crate::domain::Margins;

pub const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub spans: Vec<Span>,
    pub size: f32,
    pub align: Align,
    pub first_indent: f32,
    pub left_indent: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Line height as a multiple of the size.
    pub leading: f32,
    /// When non-zero, a word wider than the measure shrinks the whole paragraph down to this size
    /// instead of being broken (names of units in a signature grid).
    pub shrink_floor: f32,
    /// Lines of even length, as few as the measure allows ("VIỆN KIỂM SÁT / NHÂN DÂN TỈNH", not
    /// "VIỆN KIỂM SÁT NHÂN / DÂN TỈNH"): for centred names and titles.
    pub balance: bool,
}

impl Para {
    pub fn new(spans: Vec<Span>, size: f32, align: Align) -> Self {
        Para {
            spans,
            size,
            align,
            first_indent: 0.0,
            left_indent: 0.0,
            space_before: 0.0,
            space_after: 0.0,
            leading: 1.2,
            shrink_floor: 0.0,
            balance: false,
        }
    }

    pub fn text(text: impl Into<String>, style: Style, size: f32, align: Align) -> Self {
        Para::new(vec![Span::new(text, style)], size, align)
    }

    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }

    /// The size this paragraph is drawn at in `width`, and its lines.
    fn fit(&self, width: f32) -> (f32, Vec<Line>) {
        let measure = width - self.left_indent;
        let size = if self.shrink_floor > 0.0 {
            fitting_size(&self.spans, self.size, measure - self.first_indent, self.shrink_floor)
        } else {
            self.size
        };
        if self.balance && self.first_indent == 0.0 {
            return (size, wrap_balanced(&self.spans, size, measure));
        }
        (size, wrap(&self.spans, size, measure, self.first_indent))
    }
}

/// One line of a column: a paragraph, a rule under the previous line, or empty space.
#[derive(Debug, Clone, PartialEq)]
pub enum ColItem {
    Para(Para),
    /// A centred rule under the previous paragraph, clear of its descenders: a fraction of the
    /// paragraph's longest line, at least `min` points.
    Rule {
        fraction: f32,
        min: f32,
    },
    Space(f32),
    /// Stretches so that every column of the row ends at the same height (signature names line up).
    Fill,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// From the left margin.
    pub x: f32,
    pub width: f32,
    pub items: Vec<ColItem>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TableCol {
    /// Share of the text width.
    pub share: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    pub cols: Vec<TableCol>,
    /// Repeated at the top of every page the table continues on.
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub size: f32,
    /// Rows drawn in bold (totals).
    pub bold_rows: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    /// Side-by-side columns, never split: headers, signature blocks.
    Columns(Vec<Column>),
    /// Column items across the whole text width, never split (a title with its rule).
    Stack(Vec<ColItem>),
    Table(Table),
    Space(f32),
    /// Moved whole to the next page when it does not fit on this one.
    KeepTogether(Vec<Block>),
    PageBreak,
    /// A new page that starts a numbering of its own (an attached list): its pages are numbered
    /// from 1, the number printed from its second page.
    Attachment,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of words at (x, baseline y), with the extra space to add after each word (justification).
    Text {
        x: f32,
        y: f32,
        size: f32,
        words: Vec<(String, Style, f32)>,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSpec {
    pub width: f32,
    pub height: f32,
    pub margins: Margins,
}

impl PageSpec {
    pub fn a4_portrait(margins: Margins) -> Self {
        PageSpec {
            width: 210.0 * MM,
            height: 297.0 * MM,
            margins,
        }
    }

    pub fn a4_landscape(margins: Margins) -> Self {
        // The binding edge stays on the left: same margins on the long side.
        PageSpec {
            width: 297.0 * MM,
            height: 210.0 * MM,
            margins,
        }
    }

    pub fn left(&self) -> f32 {
        self.margins.left * MM
    }

    pub fn text_width(&self) -> f32 {
        self.width - (self.margins.left + self.margins.right) * MM
    }

    pub fn top(&self) -> f32 {
        self.margins.top * MM
    }

    pub fn bottom(&self) -> f32 {
        self.height - self.margins.bottom * MM
    }
}

/// Places blocks on pages.
pub struct Layout {
    pub spec: PageSpec,
    pub pages: Vec<Page>,
    /// Each page's number within its part (the document, or an attachment).
    numbers: Vec<usize>,
    y: f32,
}

const CELL_PAD: f32 = 3.0;
/// The smallest size a table cell shrinks to so that a date, a number or a long word fits whole.
const CELL_FLOOR: f32 = 7.0;
/// The floor for a cell holding a date or a number, which must never be broken.
const NUMBER_FLOOR: f32 = 4.0;

/// "04/01/2023", "1.234.567,89", "88,89%", "110 / 1": digits with their separators.
fn is_number_like(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | '-' | ':' | '%' | '+' | '(' | ')'))
}

/// Room a rule takes under a line, and where it is drawn in that room: clear of the descenders.
const RULE_ROOM: f32 = 7.0;
const RULE_DROP: f32 = 3.5;

impl Layout {
    pub fn new(spec: PageSpec) -> Self {
        Layout {
            spec,
            pages: vec![Page::default()],
            numbers: vec![1],
            y: spec.top(),
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        let n = self.numbers.last().copied().unwrap_or(0) + 1;
        self.pages.push(Page::default());
        self.numbers.push(n);
        self.y = self.spec.top();
    }

    fn page_height(&self) -> f32 {
        self.spec.bottom() - self.spec.top()
    }

    fn remaining(&self) -> f32 {
        self.spec.bottom() - self.y
    }

    fn at_top(&self) -> bool {
        (self.y - self.spec.top()).abs() < 0.01
    }

    pub fn place_all(mut self, blocks: &[Block]) -> Vec<Page> {
        for b in blocks {
            self.place(b);
        }
        self.add_page_numbers();
        self.pages
    }

    pub fn place(&mut self, block: &Block) {
        match block {
            Block::Para(p) => self.place_para(p, self.spec.left(), self.spec.text_width()),
            Block::Columns(cols) => {
                let h = columns_height(cols);
                if h > self.remaining() && !self.at_top() {
                    self.new_page();
                }
                let y0 = self.y;
                for c in cols {
                    self.draw_column(c, y0, h - column_height(c));
                }
                self.y = y0 + h;
            }
            Block::Stack(items) => self.place(&stack(&self.spec, items)),
            Block::Table(t) => self.place_table(t),
            Block::Space(s) => {
                if !self.at_top() {
                    self.y = (self.y + s).min(self.spec.bottom());
                }
            }
            Block::KeepTogether(blocks) => {
                let h = blocks_height(blocks, self.spec.text_width());
                if h > self.remaining() && !self.at_top() && h <= self.spec.bottom() - self.spec.top() {
                    self.new_page();
                }
                for b in blocks {
                    self.place(b);
                }
            }
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
            Block::Attachment => {
                let empty = self.page().items.is_empty();
                if !empty {
                    self.new_page();
                }
                if let Some(n) = self.numbers.last_mut() {
                    *n = 1;
                }
            }
        }
    }

    fn place_para(&mut self, p: &Para, x: f32, width: f32) {
        if !self.at_top() {
            self.y += p.space_before;
        }
        let (size, lines) = p.fit(width);
        let lh = size * p.leading;
        for (i, line) in lines.iter().enumerate() {
            if self.y + lh > self.spec.bottom() + 0.01 {
                self.new_page();
            }
            let indent = p.left_indent + if i == 0 { p.first_indent } else { 0.0 };
            let item = line_item(line, p.align, size, x + indent, self.y + size, width - indent);
            self.page().items.push(item);
            self.y += lh;
        }
        self.y += p.space_after;
    }

    /// Draws a column from `y0`; `fill` is the room its `Fill` item takes.
    fn draw_column(&mut self, c: &Column, y0: f32, fill: f32) {
        let x = self.spec.left() + c.x;
        let mut y = y0;
        let mut widest = 0.0f32;
        for item in &c.items {
            match item {
                ColItem::Para(p) => {
                    y += p.space_before;
                    widest = 0.0;
                    let (size, lines) = p.fit(c.width);
                    for (i, line) in lines.iter().enumerate() {
                        widest = widest.max(line.natural_width(size));
                        let indent = p.left_indent + if i == 0 { p.first_indent } else { 0.0 };
                        let it = line_item(line, p.align, size, x + indent, y + size, c.width - indent);
                        self.page().items.push(it);
                        y += size * p.leading;
                    }
                    y += p.space_after;
                }
                ColItem::Rule { fraction, min } => {
                    let w = (widest * fraction).max(*min).min(c.width);
                    let rx = x + (c.width - w) / 2.0;
                    // Under the previous line's box (which holds its descenders), with a gap.
                    let ry = y + RULE_DROP;
                    self.page().items.push(Item::Rule {
                        x1: rx,
                        y1: ry,
                        x2: rx + w,
                        y2: ry,
                        width: 0.6,
                    });
                    y += RULE_ROOM;
                }
                ColItem::Space(s) => y += s,
                ColItem::Fill => y += fill,
            }
        }
    }

    fn place_table(&mut self, t: &Table) {
        let widths = col_widths(t, self.spec.text_width());
        let header = row_layout(t, &t.header, &widths, Style::Bold, true);
        let header_h = header.height();
        // A header taller than a third of a page is drawn once, not on every page.
        let repeat = header_h <= self.page_height() / 3.0;
        let mut need_header = true;
        for (i, row) in t.rows.iter().enumerate() {
            let style = if t.bold_rows.contains(&i) {
                Style::Bold
            } else {
                Style::Regular
            };
            let row = row_layout(t, row, &widths, style, false);
            let h = row.height();
            let hh = if need_header { header_h } else { 0.0 };
            if h + hh > self.remaining() + 0.01 && !self.at_top() {
                // Move the row whole to the next page when it fits there, or when too little of it
                // would stay here; otherwise it starts here and continues over.
                let fits_a_page = h + if repeat { header_h } else { 0.0 } <= self.page_height();
                if fits_a_page || self.remaining() - hh < row.first_line_height() + 2.0 * CELL_PAD {
                    self.new_page();
                    need_header = need_header || repeat;
                }
            }
            if need_header {
                self.draw_split(&header, repeat.then_some(&header));
                need_header = false;
            }
            if self.draw_split(&row, repeat.then_some(&header)) {
                need_header = false;
            }
            if self.remaining() < 1.0 {
                need_header = repeat;
            }
        }
        if t.rows.is_empty() {
            self.draw_split(&header, None);
        }
        self.y += 4.0;
    }

    /// Draws a row from the current height; when it does not fit, as many lines of each cell as
    /// fit, then the rest on the next page after `header`. Returns whether it went over a page.
    fn draw_split(&mut self, row: &RowLayout, header: Option<&RowLayout>) -> bool {
        let h = row.height();
        if h <= self.remaining() + 0.01 {
            self.draw_part(
                row,
                &row.cells.iter().map(|c| 0..c.lines.len()).collect::<Vec<_>>(),
                h,
                true,
            );
            return false;
        }
        let mut from: Vec<usize> = vec![0; row.cells.len()];
        loop {
            let avail = self.remaining() - 2.0 * CELL_PAD;
            let ranges: Vec<std::ops::Range<usize>> = row
                .cells
                .iter()
                .zip(&from)
                .map(|(c, &f)| {
                    let fit = ((avail + 0.01) / c.line_height()).floor().max(0.0) as usize;
                    f..(f + fit).min(c.lines.len())
                })
                .collect();
            let done = ranges.iter().zip(&row.cells).all(|(r, c)| r.end == c.lines.len());
            let progress = ranges.iter().any(|r| !r.is_empty());
            if !progress && self.at_top() {
                // Not even one line fits on an empty page: draw nothing more rather than loop.
                return true;
            }
            if progress {
                let part_h = row
                    .cells
                    .iter()
                    .zip(&ranges)
                    .map(|(c, r)| r.len() as f32 * c.line_height())
                    .fold(0.0, f32::max)
                    + 2.0 * CELL_PAD;
                let part_h = if done { part_h } else { self.remaining().max(part_h) };
                self.draw_part(row, &ranges, part_h, false);
                from = ranges.iter().map(|r| r.end).collect();
            }
            if done {
                return true;
            }
            self.new_page();
            if let Some(hd) = header {
                self.draw_split(hd, None);
            }
        }
    }

    /// Draws the lines `ranges` of each cell of `row` in a band of height `h` with its borders.
    fn draw_part(&mut self, row: &RowLayout, ranges: &[std::ops::Range<usize>], h: f32, centre: bool) {
        let y = self.y;
        for (cell, range) in row.cells.iter().zip(ranges) {
            let lh = cell.line_height();
            let used = range.len() as f32 * lh;
            // Whole rows centre their cells vertically; a row going over a page reads from the top.
            let mut ly = if centre { y + (h - used) / 2.0 } else { y + CELL_PAD };
            for line in &cell.lines[range.clone()] {
                let it = line_item(
                    line,
                    cell.align,
                    cell.size,
                    self.spec.left() + cell.x + CELL_PAD,
                    ly + cell.size,
                    cell.width - 2.0 * CELL_PAD,
                );
                self.page().items.push(it);
                ly += lh;
            }
        }
        let rule = |x1, y1, x2, y2| Item::Rule {
            x1,
            y1,
            x2,
            y2,
            width: 0.5,
        };
        let left = self.spec.left();
        let right = left + row.width;
        self.page().items.push(rule(left, y, right, y));
        self.page().items.push(rule(left, y + h, right, y + h));
        self.page().items.push(rule(left, y, left, y + h));
        for cell in &row.cells {
            let vx = left + cell.x + cell.width;
            self.page().items.push(rule(vx, y, vx, y + h));
        }
        self.y += h;
    }

    /// Page numbers from page 2, centred in the top margin (Nghị định 30).
    fn add_page_numbers(&mut self) {
        let spec = self.spec;
        for (page, &number) in self.pages.iter_mut().zip(&self.numbers) {
            if number < 2 {
                continue;
            }
            let n = number.to_string();
            let w = metrics().width(Style::Regular, 13.0, &n);
            // First on the page, so that text read back from the PDF follows the reading order.
            page.items.insert(
                0,
                Item::Text {
                    x: spec.left() + (spec.text_width() - w) / 2.0,
                    y: spec.top() / 2.0 + 4.0,
                    size: 13.0,
                    words: vec![(n, Style::Regular, 0.0)],
                },
            );
        }
    }
}

/// A wrapped line as drawn: aligned within `width` from `x`, justified unless it is the last line.
fn line_item(line: &Line, align: Align, size: f32, x: f32, baseline: f32, width: f32) -> Item {
    let space = metrics().width(Style::Regular, size, " ");
    let natural = line.natural_width(size);
    let slack = (width - natural).max(0.0);
    let (x0, extra) = match align {
        Align::Left => (x, 0.0),
        Align::Center => (x + slack / 2.0, 0.0),
        Align::Right => (x + slack, 0.0),
        Align::Justify if line.last || line.spaces() == 0 => (x, 0.0),
        Align::Justify => (x, slack / line.spaces() as f32),
    };
    let n = line.words.len();
    let words = line
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let next_spaced = i + 1 < n && !line.words[i + 1].attached;
            let text = if next_spaced {
                format!("{} ", w.text)
            } else {
                w.text.clone()
            };
            // The space after the word is drawn in the word's style; correct for its width.
            let drawn_space = if next_spaced {
                metrics().width(w.style, size, " ")
            } else {
                0.0
            };
            let after = if next_spaced { extra + space - drawn_space } else { 0.0 };
            (text, w.style, after)
        })
        .collect();
    Item::Text {
        x: x0,
        y: baseline,
        size,
        words,
    }
}

fn para_height(p: &Para, width: f32) -> f32 {
    let (size, lines) = p.fit(width);
    p.space_before + lines.len() as f32 * size * p.leading + p.space_after
}

fn stack(spec: &PageSpec, items: &[ColItem]) -> Block {
    Block::Columns(vec![Column {
        x: 0.0,
        width: spec.text_width(),
        items: items.to_vec(),
    }])
}

/// A column's natural height (its `Fill` empty).
fn column_height(c: &Column) -> f32 {
    c.items
        .iter()
        .map(|i| match i {
            ColItem::Para(p) => para_height(p, c.width),
            ColItem::Rule { .. } => RULE_ROOM,
            ColItem::Space(s) => *s,
            ColItem::Fill => 0.0,
        })
        .sum()
}

fn columns_height(cols: &[Column]) -> f32 {
    cols.iter().map(column_height).fold(0.0, f32::max)
}

/// One cell of a table row, wrapped: at the table's size, or smaller when a word (a date, a
/// number, a long name) would not fit whole in the cell.
struct CellLayout {
    x: f32,
    width: f32,
    align: Align,
    size: f32,
    lines: Vec<Line>,
}

impl CellLayout {
    fn line_height(&self) -> f32 {
        self.size * 1.2
    }
}

struct RowLayout {
    cells: Vec<CellLayout>,
    width: f32,
}

impl RowLayout {
    fn height(&self) -> f32 {
        self.cells
            .iter()
            .map(|c| c.lines.len().max(1) as f32 * c.line_height())
            .fold(0.0, f32::max)
            + 2.0 * CELL_PAD
    }

    fn first_line_height(&self) -> f32 {
        self.cells.iter().map(CellLayout::line_height).fold(0.0, f32::max)
    }
}

fn col_widths(t: &Table, width: f32) -> Vec<f32> {
    let total: f32 = t.cols.iter().map(|c| c.share).sum();
    t.cols.iter().map(|c| c.share / total * width).collect()
}

/// A row's cells laid out; a row of one cell in a table of several columns spans them all (a
/// group's heading).
fn row_layout(t: &Table, cells: &[String], widths: &[f32], style: Style, header: bool) -> RowLayout {
    let left = 0.0;
    let total: f32 = widths.iter().sum();
    let spanning = cells.len() == 1 && widths.len() > 1;
    let boxes: Vec<(f32, f32, Align)> = if spanning {
        vec![(left, total, Align::Left)]
    } else {
        let mut x = left;
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let align = if header { Align::Center } else { t.cols[i].align };
                let b = (x, *w, align);
                x += w;
                b
            })
            .collect()
    };
    let cells = boxes
        .into_iter()
        .enumerate()
        .map(|(i, (x, w, align))| {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            let spans = [Span::new(text, style)];
            let measure = w - 2.0 * CELL_PAD;
            // Dates and numbers shrink further still: they are never broken.
            let floor = if text.split_whitespace().any(is_number_like) {
                NUMBER_FLOOR
            } else {
                CELL_FLOOR
            };
            let size = fitting_size(&spans, t.size, measure, floor);
            CellLayout {
                x,
                width: w,
                align,
                size,
                lines: wrap(&spans, size, measure, 0.0),
            }
        })
        .collect();
    RowLayout { cells, width: total }
}

/// The height of blocks placed one after another (tables with their header once).
pub fn blocks_height(blocks: &[Block], width: f32) -> f32 {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => para_height(p, width),
            Block::Columns(c) => columns_height(c),
            Block::Stack(items) => column_height(&Column {
                x: 0.0,
                width,
                items: items.clone(),
            }),
            Block::Space(s) => *s,
            Block::KeepTogether(inner) => blocks_height(inner, width),
            Block::PageBreak | Block::Attachment => 0.0,
            Block::Table(t) => {
                let widths = col_widths(t, width);
                row_layout(t, &t.header, &widths, Style::Bold, true).height()
                    + t.rows
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let style = if t.bold_rows.contains(&i) {
                                Style::Bold
                            } else {
                                Style::Regular
                            };
                            row_layout(t, r, &widths, style, false).height()
                        })
                        .sum::<f32>()
                    + 4.0
            }
        })
        .sum()
}
