//! A small layout engine for Nghị định 30/2020 pages over printpdf.

pub mod fonts;
pub mod layout;
pub mod render;
pub mod wrap;

pub use fonts::Style;
pub use layout::{Align, Block, ColItem, Column, Layout, Page, PageSpec, Para, Table, TableCol, MM};
pub use wrap::Span;

/// Lays `blocks` out on pages of `spec` and renders them to PDF bytes.
pub fn to_pdf(title: &str, spec: PageSpec, blocks: &[Block]) -> (Vec<u8>, usize) {
    let (bytes, pages, _) = to_pdf_with_text(title, spec, blocks);
    (bytes, pages)
}

/// Also returns every drawn line's text, in drawing order: what the PDF's text must give back.
pub fn to_pdf_with_text(title: &str, spec: PageSpec, blocks: &[Block]) -> (Vec<u8>, usize, Vec<String>) {
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
    (render::render(title, spec, &pages), pages.len(), lines)
}
