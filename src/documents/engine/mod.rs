//! A small layout engine for Nghị định 30/2020 pages over printpdf.

pub mod fonts;
pub mod layout;
pub mod render;
pub mod wrap;

pub use fonts::Style;
pub use layout::{Align, Block, ColItem, Column, Layout, Page, PageSpec, Para, Table, TableCol, MM};
pub use wrap::Span;

/// What the PDF's document information says.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    /// The bloc that issues the document.
    pub author: String,
}

/// A text holding characters the embedded font cannot draw (emoji, Chinese…): refused before
/// anything is rendered, never printed as blanks.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("Không in được \u{201c}{text}\u{201d}: phông chữ của văn bản không có {chars_shown}. Hãy sửa lại nội dung này (chỉ dùng chữ Việt, chữ Latinh và dấu câu thông thường) rồi in lại.")]
pub struct Unprintable {
    /// The text as the user typed it (shortened when long).
    pub text: String,
    pub chars: Vec<char>,
    chars_shown: String,
}

impl Unprintable {
    fn new(text: &str, chars: Vec<char>) -> Self {
        let short: String = if text.chars().count() > 80 {
            text.chars().take(80).chain(['…']).collect()
        } else {
            text.to_string()
        };
        let shown = chars
            .iter()
            .map(|c| {
                if c.is_control() {
                    format!("ký tự điều khiển U+{:04X}", *c as u32)
                } else {
                    format!("ký tự \u{201c}{c}\u{201d} (U+{:04X})", *c as u32)
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        Unprintable {
            text: short,
            chars,
            chars_shown: shown,
        }
    }
}

/// The first text of `blocks` with characters the font lacks.
pub fn check_printable(blocks: &[Block]) -> Result<(), Unprintable> {
    fn text(s: &str, style: Style) -> Result<(), Unprintable> {
        let m = fonts::metrics();
        let mut missing: Vec<char> = s.chars().filter(|c| !m.has(style, *c)).collect();
        if missing.is_empty() {
            return Ok(());
        }
        missing.dedup();
        missing.truncate(5);
        Err(Unprintable::new(s, missing))
    }
    fn para(p: &Para) -> Result<(), Unprintable> {
        p.spans.iter().try_for_each(|s| text(&s.text, s.style))
    }
    for b in blocks {
        match b {
            Block::Para(p) => para(p)?,
            Block::Columns(cols) => {
                for c in cols {
                    check_printable(&[Block::Stack(c.items.clone())])?;
                }
            }
            Block::Stack(items) => {
                for i in items {
                    if let ColItem::Para(p) = i {
                        para(p)?;
                    }
                }
            }
            Block::Table(t) => {
                for cell in &t.header {
                    text(cell, Style::Bold)?;
                }
                for row in &t.rows {
                    for cell in row {
                        text(cell, Style::Regular)?;
                        text(cell, Style::Bold)?;
                    }
                }
            }
            Block::KeepTogether(inner) => check_printable(inner)?,
            Block::Space(_) | Block::PageBreak | Block::Attachment => {}
        }
    }
    Ok(())
}

/// Lays `blocks` out on pages of `spec` and renders them to PDF bytes.
pub fn to_pdf(title: &str, spec: PageSpec, blocks: &[Block]) -> (Vec<u8>, usize) {
    let (bytes, pages, _) = to_pdf_with_text(title, spec, blocks);
    (bytes, pages)
}

/// Also returns every drawn line's text, in drawing order: what the PDF's text must give back.
pub fn to_pdf_with_text(title: &str, spec: PageSpec, blocks: &[Block]) -> (Vec<u8>, usize, Vec<String>) {
    let meta = Meta {
        title: title.to_string(),
        author: String::new(),
    };
    render_blocks(&meta, spec, blocks)
}

/// A document: refused when a text holds characters the font cannot draw, otherwise laid out and
/// rendered with its title, author and date of creation.
pub fn document(meta: &Meta, spec: PageSpec, blocks: &[Block]) -> Result<(Vec<u8>, usize, Vec<String>), Unprintable> {
    check_printable(blocks)?;
    Ok(render_blocks(meta, spec, blocks))
}

fn render_blocks(meta: &Meta, spec: PageSpec, blocks: &[Block]) -> (Vec<u8>, usize, Vec<String>) {
    let pages = Layout::new(spec).place_all(blocks);
    let lines = pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            layout::Item::Text { words, .. } => Some(
                words
                    .iter()
                    .map(|w| w.0.as_str())
                    .collect::<String>()
                    .trim()
                    .to_string(),
            ),
            _ => None,
        })
        .collect();
    (render::render(meta, spec, &pages), pages.len(), lines)
}
