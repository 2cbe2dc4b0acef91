//! Blocks laid out on A4 pages: paragraphs that split between lines, tables that split between rows
//! with their header repeated, groups of columns (headers, signatures) that never split, and
//! keep-together groups. Units are points; y grows downward from the top of the page.

use super::fonts::{metrics, Style};
use super::wrap::{wrap, Line, Span};
use crate::domain::Margins;

pub const MM: f32 = 72.0 / 25.4;

#[derive(Debug, Clone, Copy, PartialEq)]
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
        }
    }

    pub fn text(text: impl Into<String>, style: Style, size: f32, align: Align) -> Self {
        Para::new(vec![Span::new(text, style)], size, align)
    }

    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }
}

/// One line of a column: a paragraph, a rule under the previous line, or empty space.
#[derive(Debug, Clone, PartialEq)]
pub enum ColItem {
    Para(Para),
    /// A centred rule: a fraction of the previous line's text width, at least `min` points.
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

#[derive(Debug, Clone, PartialEq)]
pub struct TableCol {
    /// Share of the text width.
    pub share: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
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
    Table(Table),
    Space(f32),
    /// Moved whole to the next page when it does not fit on this one.
    KeepTogether(Vec<Block>),
    PageBreak,
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
    y: f32,
}

const CELL_PAD: f32 = 3.0;

impl Layout {
    pub fn new(spec: PageSpec) -> Self {
        Layout {
            spec,
            pages: vec![Page::default()],
            y: spec.top(),
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.spec.top();
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
        }
    }

    fn place_para(&mut self, p: &Para, x: f32, width: f32) {
        if !self.at_top() {
            self.y += p.space_before;
        }
        let lines = wrap(&p.spans, p.size, width - p.left_indent, p.first_indent);
        let lh = p.line_height();
        for (i, line) in lines.iter().enumerate() {
            if self.y + lh > self.spec.bottom() + 0.01 {
                self.new_page();
            }
            let indent = p.left_indent + if i == 0 { p.first_indent } else { 0.0 };
            let item = line_item(line, p, x + indent, self.y + p.size, width - indent);
            self.page().items.push(item);
            self.y += lh;
        }
        self.y += p.space_after;
    }

    /// Draws a column from `y0`; `fill` is the room its `Fill` item takes.
    fn draw_column(&mut self, c: &Column, y0: f32, fill: f32) {
        let x = self.spec.left() + c.x;
        let mut y = y0;
        let mut last_width = 0.0;
        for item in &c.items {
            match item {
                ColItem::Para(p) => {
                    y += p.space_before;
                    for line in wrap(&p.spans, p.size, c.width - p.left_indent, p.first_indent) {
                        last_width = line.natural_width(p.size);
                        let it = line_item(&line, p, x + p.left_indent, y + p.size, c.width - p.left_indent);
                        self.page().items.push(it);
                        y += p.line_height();
                    }
                    y += p.space_after;
                }
                ColItem::Rule { fraction, min } => {
                    let w = (last_width * fraction).max(*min).min(c.width);
                    let rx = x + (c.width - w) / 2.0;
                    // Under the previous line, clear of its descenders.
                    let ry = y + 0.5;
                    self.page().items.push(Item::Rule {
                        x1: rx,
                        y1: ry,
                        x2: rx + w,
                        y2: ry,
                        width: 0.6,
                    });
                    y += 4.0;
                }
                ColItem::Space(s) => y += s,
                ColItem::Fill => y += fill,
            }
        }
    }

    fn place_table(&mut self, t: &Table) {
        let width = self.spec.text_width();
        let widths: Vec<f32> = {
            let total: f32 = t.cols.iter().map(|c| c.share).sum();
            t.cols.iter().map(|c| c.share / total * width).collect()
        };
        let header_h = row_height(&t.header, &widths, t.size, Style::Bold);
        let mut need_header = true;
        for (i, row) in t.rows.iter().enumerate() {
            let style = if t.bold_rows.contains(&i) {
                Style::Bold
            } else {
                Style::Regular
            };
            let h = row_height(row, &widths, t.size, style);
            let first = need_header;
            let needed = h + if first { header_h } else { 0.0 };
            if needed > self.remaining() && !self.at_top() {
                self.new_page();
                need_header = true;
            }
            if need_header {
                self.draw_row(&t.header, &widths, t, Style::Bold, header_h, true);
                need_header = false;
            }
            self.draw_row(row, &widths, t, style, h, false);
            if self.remaining() < 1.0 {
                need_header = true;
            }
        }
        if t.rows.is_empty() {
            self.draw_row(&t.header, &widths, t, Style::Bold, header_h, true);
        }
        self.y += 4.0;
    }

    fn draw_row(&mut self, cells: &[String], widths: &[f32], t: &Table, style: Style, h: f32, header: bool) {
        let mut x = self.spec.left();
        let y = self.y;
        let lh = t.size * 1.2;
        for (i, w) in widths.iter().enumerate() {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            let align = if header { Align::Center } else { t.cols[i].align };
            let para = Para::new(vec![Span::new(text, style)], t.size, align);
            let lines = wrap(&para.spans, t.size, w - 2.0 * CELL_PAD, 0.0);
            // Centre the cell's lines vertically in the row.
            let mut ly = y + (h - lines.len() as f32 * lh) / 2.0;
            for line in &lines {
                let it = line_item(line, &para, x + CELL_PAD, ly + t.size, w - 2.0 * CELL_PAD);
                self.page().items.push(it);
                ly += lh;
            }
            x += w;
        }
        // Borders: top, bottom and every vertical.
        let right = self.spec.left() + widths.iter().sum::<f32>();
        let rule = |x1, y1, x2, y2| Item::Rule {
            x1,
            y1,
            x2,
            y2,
            width: 0.5,
        };
        let left = self.spec.left();
        self.page().items.push(rule(left, y, right, y));
        self.page().items.push(rule(left, y + h, right, y + h));
        let mut vx = left;
        self.page().items.push(rule(vx, y, vx, y + h));
        for w in widths {
            vx += w;
            self.page().items.push(rule(vx, y, vx, y + h));
        }
        self.y += h;
    }

    /// Page numbers from page 2, centred in the top margin (Nghị định 30).
    fn add_page_numbers(&mut self) {
        let spec = self.spec;
        for (i, page) in self.pages.iter_mut().enumerate().skip(1) {
            let n = (i + 1).to_string();
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
fn line_item(line: &Line, p: &Para, x: f32, baseline: f32, width: f32) -> Item {
    let space = metrics().width(Style::Regular, p.size, " ");
    let natural = line.natural_width(p.size);
    let slack = (width - natural).max(0.0);
    let (x0, extra) = match p.align {
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
                metrics().width(w.style, p.size, " ")
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
        size: p.size,
        words,
    }
}

fn para_height(p: &Para, width: f32) -> f32 {
    let lines = wrap(&p.spans, p.size, width - p.left_indent, p.first_indent).len();
    p.space_before + lines as f32 * p.line_height() + p.space_after
}

/// A column's natural height (its `Fill` empty).
fn column_height(c: &Column) -> f32 {
    c.items
        .iter()
        .map(|i| match i {
            ColItem::Para(p) => para_height(p, c.width),
            ColItem::Rule { .. } => 4.0,
            ColItem::Space(s) => *s,
            ColItem::Fill => 0.0,
        })
        .sum()
}

fn columns_height(cols: &[Column]) -> f32 {
    cols.iter().map(column_height).fold(0.0, f32::max)
}

fn row_height(cells: &[String], widths: &[f32], size: f32, style: Style) -> f32 {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(c, w)| wrap(&[Span::new(c.as_str(), style)], size, w - 2.0 * CELL_PAD, 0.0).len())
        .max()
        .unwrap_or(1);
    lines as f32 * size * 1.2 + 2.0 * CELL_PAD
}

/// The height of blocks placed one after another (tables with their header once).
pub fn blocks_height(blocks: &[Block], width: f32) -> f32 {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => para_height(p, width),
            Block::Columns(c) => columns_height(c),
            Block::Space(s) => *s,
            Block::KeepTogether(inner) => blocks_height(inner, width),
            Block::PageBreak => 0.0,
            Block::Table(t) => {
                let total: f32 = t.cols.iter().map(|c| c.share).sum();
                let widths: Vec<f32> = t.cols.iter().map(|c| c.share / total * width).collect();
                row_height(&t.header, &widths, t.size, Style::Bold)
                    + t.rows
                        .iter()
                        .map(|r| row_height(r, &widths, t.size, Style::Regular))
                        .sum::<f32>()
                    + 4.0
            }
        })
        .sum()
}
