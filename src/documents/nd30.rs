//! The fixed parts of a Nghị định 30/2020 document: the two-column header, the title, body
//! paragraphs, signature blocks and "Nơi nhận".

use super::engine::{Align, Block, ColItem, Column, PageSpec, Para, Span, Style, MM};
use crate::domain::text::upper;

pub const BODY: f32 = 14.0;
pub const HEADER: f32 = 13.0;
/// First-line indent of body paragraphs: 1,27 cm.
pub const INDENT: f32 = 12.7 * MM;
/// At least 6 pt between paragraphs.
pub const PARA_GAP: f32 = 6.0;

pub struct Header {
    /// "UBND TỈNH BÌNH ĐỊNH".
    pub managing_body: String,
    /// "KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH".
    pub issuing_body: String,
    /// "Số: 05/BB-KNC"; none for a document without a number.
    pub number: Option<String>,
    /// "Bình Định, ngày 20 tháng 12 năm 2022".
    pub place_date: String,
}

fn centered(text: &str, style: Style, size: f32) -> ColItem {
    ColItem::Para(Para::text(text, style, size, Align::Center))
}

/// The header: issuing bodies on the left, Quốc hiệu and Tiêu ngữ on the right, the number and the
/// place and date on one line under them.
pub fn header(spec: &PageSpec, h: &Header) -> Block {
    let w = spec.text_width();
    let left_w = (w * 0.42).min(80.0 * MM);
    let right_x = left_w;
    let right_w = w - left_w;
    let mut left = vec![
        centered(&upper(&h.managing_body), Style::Regular, HEADER),
        centered(&upper(&h.issuing_body), Style::Bold, HEADER),
        ColItem::Rule {
            fraction: 0.4,
            min: 30.0,
        },
        ColItem::Space(4.0),
    ];
    if let Some(n) = &h.number {
        left.push(centered(n, Style::Regular, HEADER));
    }
    let right = vec![
        centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style::Bold, HEADER),
        centered("Độc lập - Tự do - Hạnh phúc", Style::Bold, 14.0),
        ColItem::Rule {
            fraction: 1.0,
            min: 0.0,
        },
        ColItem::Space(4.0),
        centered(&h.place_date, Style::Italic, 14.0),
    ];
    Block::Columns(vec![
        Column {
            x: 0.0,
            width: left_w,
            items: left,
        },
        Column {
            x: right_x,
            width: right_w,
            items: right,
        },
    ])
}

/// "BIÊN BẢN" and its subject, centred and bold.
pub fn title(kind: &str, subject: &str) -> Vec<Block> {
    let mut kind = Para::text(upper(kind), Style::Bold, 14.0, Align::Center);
    kind.space_before = 18.0;
    let mut subj = Para::text(subject, Style::Bold, 14.0, Align::Center);
    subj.space_after = 12.0;
    vec![Block::Space(6.0), Block::Para(kind), Block::Para(subj)]
}

/// A justified body paragraph with the first-line indent.
pub fn body(text: impl Into<String>) -> Block {
    body_spans(vec![Span::new(text, Style::Regular)])
}

pub fn body_spans(spans: Vec<Span>) -> Block {
    let mut p = Para::new(spans, BODY, Align::Justify);
    p.first_indent = INDENT;
    p.space_after = PARA_GAP;
    Block::Para(p)
}

/// A bold heading inside the body ("I. THÀNH PHẦN THAM DỰ").
pub fn heading(text: impl Into<String>) -> Block {
    let mut p = Para::text(text, Style::Bold, BODY, Align::Justify);
    p.first_indent = INDENT;
    p.space_before = 4.0;
    p.space_after = PARA_GAP;
    Block::Para(p)
}

pub struct Signer {
    /// Bold upper lines above the signature: "TM. KHỐI THI ĐUA …", "KHỐI TRƯỞNG", "THƯ KÝ".
    pub authority: Vec<String>,
    pub name: String,
}

/// The items of one signature: authority lines, room to sign and stamp, the name.
pub fn signature_items(s: &Signer) -> Vec<ColItem> {
    let mut items: Vec<ColItem> = s
        .authority
        .iter()
        .map(|l| centered(&upper(l), Style::Bold, 14.0))
        .collect();
    items.push(ColItem::Space(26.0 * MM));
    items.push(ColItem::Fill);
    items.push(centered(&s.name, Style::Bold, 14.0));
    items
}

/// "Nơi nhận:" in bold italic 12, its list in 11.
pub fn recipients_items(list: &[&str]) -> Vec<ColItem> {
    let mut items = vec![ColItem::Para(Para::text(
        "Nơi nhận:",
        Style::BoldItalic,
        12.0,
        Align::Left,
    ))];
    for (i, r) in list.iter().enumerate() {
        let mut line = (*r).to_string();
        if !line.ends_with(['.', ';']) {
            line.push(if i + 1 == list.len() { '.' } else { ';' });
        }
        items.push(ColItem::Para(Para::text(
            format!("- {line}"),
            Style::Regular,
            11.0,
            Align::Left,
        )));
    }
    items
}

/// Signature row: two signers side by side (minutes: THƯ KÝ left, CHỦ TỌA right), or "Nơi nhận"
/// on the left and one signer on the right.
pub fn signature_row(spec: &PageSpec, left: Vec<ColItem>, right: Vec<ColItem>) -> Block {
    let w = spec.text_width();
    Block::Columns(vec![
        Column {
            x: 0.0,
            width: w * 0.45,
            items: left,
        },
        Column {
            x: w * 0.45,
            width: w * 0.55,
            items: right,
        },
    ])
}

/// A grid of signature cells, `per_row` across (the pledge).
pub fn signature_grid(spec: &PageSpec, cells: Vec<Vec<ColItem>>, per_row: usize) -> Vec<Block> {
    let w = spec.text_width() / per_row as f32;
    let mut rows = Vec::new();
    let mut cells = cells.into_iter().peekable();
    while cells.peek().is_some() {
        let row: Vec<Column> = cells
            .by_ref()
            .take(per_row)
            .enumerate()
            .map(|(i, items)| Column {
                x: i as f32 * w,
                width: w - 6.0,
                items,
            })
            .collect();
        rows.push(Block::Columns(row));
        rows.push(Block::Space(10.0));
    }
    rows
}

/// I, II, III… for section headings.
pub fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        .get(n.saturating_sub(1))
        .copied()
        .unwrap_or("X")
}
