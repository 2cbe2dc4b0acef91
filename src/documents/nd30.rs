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

/// A centred line, broken into lines of even length when it does not fit.
fn centered(text: &str, style: Style, size: f32) -> ColItem {
    let mut p = Para::text(text, style, size, Align::Center);
    p.balance = true;
    ColItem::Para(p)
}

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";

/// Size of the place-and-date line; "Số:" is 13 on the same baseline.
const DATE_SIZE: f32 = 14.0;

/// The header: issuing bodies on the left, Quốc hiệu and Tiêu ngữ on the right, then a second row
/// laid out across both columns so that "Số: …" and the place and date share one baseline.
pub fn header(spec: &PageSpec, h: &Header) -> Block {
    let w = spec.text_width();
    // The Quốc hiệu stands on one line whatever the margins: the right column is never narrower
    // than it (with the widest margins Nghị định 30 allows, 42% would leave it too little).
    let quoc_hieu = super::engine::fonts::metrics().width(Style::Bold, HEADER, QUOC_HIEU) + 2.0 * MM;
    let left_w = (w * 0.42).min(80.0 * MM).min(w - quoc_hieu);
    let right_x = left_w;
    let right_w = w - left_w;
    let top_left = vec![
        centered(&upper(&h.managing_body), Style::Regular, HEADER),
        centered(&upper(&h.issuing_body), Style::Bold, HEADER),
        // 1/3 to 1/2 of the longest line of the issuing body, centred under it.
        ColItem::Rule {
            fraction: 0.4,
            min: 30.0,
        },
    ];
    let top_right = vec![
        centered(QUOC_HIEU, Style::Bold, HEADER),
        centered("Độc lập - Tự do - Hạnh phúc", Style::Bold, DATE_SIZE),
        // As long as the Tiêu ngữ.
        ColItem::Rule {
            fraction: 1.0,
            min: 0.0,
        },
    ];
    let mut bottom_left = Vec::new();
    if let Some(n) = &h.number {
        // A line of 13 starting 1 pt lower has its baseline where the line of 14 has its own.
        let mut p = Para::text(n, Style::Regular, HEADER, Align::Center);
        p.space_before = DATE_SIZE - HEADER;
        bottom_left.push(ColItem::Para(p));
    }
    let bottom_right = vec![centered(&h.place_date, Style::Italic, DATE_SIZE)];
    let row = |left: Vec<ColItem>, right: Vec<ColItem>| {
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
    };
    Block::KeepTogether(vec![
        row(top_left, top_right),
        Block::Space(2.0),
        row(bottom_left, bottom_right),
    ])
}

/// "BIÊN BẢN" and its subject, centred and bold, with a rule under the subject (1/3 to 1/2 of
/// its line, centred).
pub fn title(kind: &str, subject: &str) -> Vec<Block> {
    let kind = Para::text(upper(kind), Style::Bold, 14.0, Align::Center);
    let subj = Para::text(subject, Style::Bold, 14.0, Align::Center);
    vec![
        Block::Space(24.0),
        Block::Stack(vec![
            ColItem::Para(kind),
            ColItem::Para(subj),
            ColItem::Rule {
                fraction: 0.4,
                min: 30.0,
            },
            ColItem::Space(6.0),
        ]),
    ]
}

/// A justified body paragraph with the first-line indent.
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

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Signer {
    /// Bold upper lines above the signature: "TM. KHỐI THI ĐUA …", "KHỐI TRƯỞNG", "THƯ KÝ".
    pub authority: Vec<String>,
    pub name: String,
}

/// Room to sign and stamp between the authority lines and the name.
pub const SIGNING_ROOM: f32 = 26.0 * MM;

/// The items of one signature: authority lines, room to sign and stamp, the name.
pub fn signature_items(s: &Signer) -> Vec<ColItem> {
    signature_items_with_room(s, SIGNING_ROOM)
}

/// The items of one signature with `room` points to sign in (a signer who does not stamp: a
/// member of a counting board).
pub fn signature_items_with_room(s: &Signer, room: f32) -> Vec<ColItem> {
    let mut items: Vec<ColItem> = s
        .authority
        .iter()
        .map(|l| centered(&upper(l), Style::Bold, 14.0))
        .collect();
    items.push(ColItem::Space(room));
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

/// The distribution of a document the bloc sends: "Như trên" when it has a "Kính gửi", the
/// province's Ban Thi đua - Khen thưởng, the member units, and the file copy with the bloc's symbol.
pub fn recipients(bloc: &crate::domain::Bloc, as_above: bool) -> Vec<String> {
    let symbol = bloc.symbol.trim();
    let file_copy = if symbol.is_empty() {
        "Lưu: VT".to_string()
    } else {
        format!("Lưu: VT, {symbol}")
    };
    let mut list = Vec::new();
    if as_above {
        list.push("Như trên".to_string());
    }
    list.push(bloc.emulation_board());
    list.push("Các đơn vị thành viên Khối".to_string());
    list.push(file_copy);
    list
}

/// Signature blocks two to a row, each signer in a block of their own, with "Nơi nhận" at the
/// bottom left: beside the last signer when their number is odd (the one who signs last stands
/// bottom right), under the left column otherwise.
pub fn signatures_and_recipients(
    spec: &PageSpec,
    mut signers: Vec<Vec<ColItem>>,
    recipients: Vec<ColItem>,
) -> Vec<Block> {
    let mut rows = Vec::new();
    let last = if signers.len() % 2 == 1 { signers.pop() } else { None };
    let mut it = signers.into_iter();
    while let Some(left) = it.next() {
        let right = it.next().unwrap_or_default();
        rows.push(signature_row(spec, left, right));
        rows.push(Block::Space(ROW_GAP));
    }
    match last {
        Some(signer) => rows.push(signature_row(spec, recipients, signer)),
        None => rows.push(signature_row(spec, recipients, Vec::new())),
    }
    rows
}

/// Space between two rows of signatures.
const ROW_GAP: f32 = 12.0;

/// Several signers each in a block of their own (a ballot count), in rows of two cells, left and
/// right, each holding a signer or nothing. "Nơi nhận" goes at the bottom left after all the
/// signatures: in the last row's left cell when it is free, otherwise in a row of its own under
/// them; never between two signatures.
pub fn signature_rows_and_recipients(
    spec: &PageSpec,
    rows: Vec<[Option<Vec<ColItem>>; 2]>,
    recipients: Vec<ColItem>,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut recipients = Some(recipients);
    let n = rows.len();
    for (i, [left, right]) in rows.into_iter().enumerate() {
        let left = match left {
            Some(signer) => signer,
            None if i + 1 == n => recipients.take().unwrap_or_default(),
            None => Vec::new(),
        };
        if i > 0 {
            out.push(Block::Space(ROW_GAP));
        }
        out.push(signature_row(spec, left, right.unwrap_or_default()));
    }
    if let Some(r) = recipients {
        if !out.is_empty() {
            out.push(Block::Space(ROW_GAP));
        }
        out.push(signature_row(spec, r, Vec::new()));
    }
    out
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

/// The head of an attached list: it starts a page of its own (numbered on its own), with its
/// title and "(Kèm theo {of} số … ngày … của …)" under it.
pub fn attachment_heading(title: &str, of: &str, number: &str, date: chrono::NaiveDate, issuer: &str) -> Vec<Block> {
    let mut sub = Para::text(
        format!(
            "(Kèm theo {of} {} ngày {} của {issuer})",
            number.replace("Số: ", "số "),
            crate::domain::text::date_dmy(date)
        ),
        Style::Italic,
        13.0,
        Align::Center,
    );
    sub.space_after = 10.0;
    vec![
        Block::Attachment,
        Block::Para(Para::text(title, Style::Bold, 14.0, Align::Center)),
        Block::Para(sub),
    ]
}
