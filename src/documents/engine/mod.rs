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
    let pages = Layout::new(spec).place_all(blocks);
    let n = pages.len();
    (render::render(title, spec, &pages), n)
}
