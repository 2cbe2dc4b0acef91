//! A document as the secretariat edits it before signing: the header's fields, the title, every
//! paragraph, the signature blocks and the Nơi nhận list, generated from the data and then free
//! text. One draft gives the PDF, the page preview and the Word copy, so all three say the same.

use super::engine::{self, Align, Block, ColItem, Page, PageSpec, Para, Style, Table, MM};
use super::markup;
use super::nd30::{self, Signer};
use super::{Pdf, Unprintable};
use crate::domain::text::place_date_line;
use crate::domain::Margins;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The PDF's title and the file name's stem: "Biên bản Hội nghị tổng kết năm 2022".
    pub title: String,
    pub landscape: bool,
    /// Millimetres, as the bloc's settings give them.
    pub margins: Margins,
    pub header: Header,
    /// The document's type, printed in capitals: "Biên bản", "Tờ trình".
    pub kind: String,
    /// Its subject under the type: "Hội nghị tổng kết năm 2022".
    pub subject: String,
    /// "Kính gửi: …" under the title; empty when the document has none.
    #[serde(default)]
    pub addressee: String,
    pub body: Vec<Piece>,
    /// The last paragraph, kept on the page of the signatures ("Hội nghị kết thúc …./.").
    #[serde(default)]
    pub closing: String,
    pub signatures: Signatures,
    /// The Nơi nhận lines ("Như trên", "Lưu: VT, KNC"), without their dash and end mark.
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub attachment: Option<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// "UBND TỈNH BÌNH ĐỊNH".
    pub managing_body: String,
    /// "KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH".
    pub issuing_body: String,
    /// "BB-KNC": the series a number is given in; none for a paper without a number (the pledge).
    #[serde(default)]
    pub series: Option<String>,
    /// "05/BB-KNC" once given; until then the line is printed with a gap to fill by hand.
    #[serde(default)]
    pub number: Option<String>,
    /// "Bình Định": the place before the date.
    pub place: String,
    pub date: NaiveDate,
}

impl Header {
    /// "Số: 05/BB-KNC", or "Số: ……/BB-KNC" to fill by hand (dots: spaces would close up when
    /// the line is set); none without a series.
    pub fn number_line(&self) -> Option<String> {
        match (&self.number, &self.series) {
            (Some(n), _) => Some(format!("Số: {n}")),
            (None, Some(s)) => Some(format!("Số: ……/{s}")),
            (None, None) => None,
        }
    }

    /// "Bình Định, ngày 20 tháng 12 năm 2022".
    pub fn place_date(&self) -> String {
        place_date_line(&self.place, self.date)
    }
}

/// One piece of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Piece {
    /// A justified paragraph with the first-line indent, in the markup of [`markup`].
    Para(String),
    /// A bold section heading: "I. THÀNH PHẦN THAM DỰ".
    Heading(String),
    /// A table from the data, laid out as it comes (edited in the data, not in the draft).
    Table(Table),
}

impl Piece {
    /// A paragraph of plain text.
    pub fn para(text: impl AsRef<str>) -> Piece {
        Piece::Para(markup::escape(text.as_ref()))
    }

    pub fn spans(spans: &[engine::Span]) -> Piece {
        Piece::Para(markup::from_spans(spans))
    }

    fn block(&self) -> Block {
        match self {
            Piece::Para(s) => nd30::body_spans(markup::parse(s)),
            Piece::Heading(s) => nd30::heading(s.clone()),
            Piece::Table(t) => Block::Table(t.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignLayout {
    /// Two to a row; an odd last signer stands bottom right beside Nơi nhận (minutes, a Tờ trình).
    Pairs,
    /// A counting board: cells two to a row, some empty, less room to sign (no stamp).
    Board,
    /// One cell per member unit, three to a row, under a heading (the pledge).
    Grid,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signatures {
    pub layout: SignLayout,
    /// In reading order; in a board, a signer with no line at all is an empty cell.
    pub signers: Vec<Signer>,
    /// Above a grid: "ĐẠI DIỆN CÁC CƠ QUAN, ĐƠN VỊ KÝ GIAO ƯỚC".
    #[serde(default)]
    pub heading: String,
}

/// A list attached to the document, on pages of its own numbered on their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    /// "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2022".
    pub title: String,
    /// What it is attached to, as its heading names it: "Tờ trình".
    pub of: String,
    pub table: Table,
}

/// Room to sign for a member of a counting board: no stamp, so less than a head of office's.
const BOARD_ROOM: f32 = 20.0 * MM;
/// Names of units and positions in the pledge's grid, shrunk down to the floor to stay whole.
const GRID_SIZE: f32 = 13.0;
const GRID_FLOOR: f32 = 10.0;
const GRID_ROOM: f32 = 22.0 * MM;

impl Draft {
    pub fn spec(&self) -> PageSpec {
        if self.landscape {
            PageSpec::a4_landscape(self.margins)
        } else {
            PageSpec::a4_portrait(self.margins)
        }
    }

    /// The draft as the engine's blocks.
    pub fn blocks(&self) -> Vec<Block> {
        let spec = self.spec();
        let h = &self.header;
        let mut b = vec![nd30::header(
            &spec,
            &nd30::Header {
                managing_body: h.managing_body.clone(),
                issuing_body: h.issuing_body.clone(),
                number: h.number_line(),
                place_date: h.place_date(),
            },
        )];
        b.extend(nd30::title(&self.kind, &self.subject));
        if !self.addressee.trim().is_empty() {
            let mut spans = vec![engine::Span::new("Kính gửi: ", Style::Regular)];
            spans.extend(markup::parse(&self.addressee));
            let mut to = Para::new(spans, nd30::BODY, Align::Center);
            to.space_after = 12.0;
            b.push(Block::Para(to));
        }
        b.extend(self.body.iter().map(Piece::block));
        self.signature_blocks(&spec, &mut b);
        if let Some(a) = &self.attachment {
            b.extend(nd30::attachment_heading(
                &a.title,
                &a.of,
                &h.number_line().unwrap_or_default(),
                h.date,
                &h.issuing_body,
            ));
            b.push(Block::Table(a.table.clone()));
        }
        b
    }

    fn signature_blocks(&self, spec: &PageSpec, b: &mut Vec<Block>) {
        let recipients = self.recipient_items();
        let s = &self.signatures;
        // A signature block never stands alone on a page: the closing paragraph goes with it.
        let mut end = Vec::new();
        if !self.closing.trim().is_empty() {
            end.push(nd30::body_spans(markup::parse(&self.closing)));
            end.push(Block::Space(6.0));
        }
        match s.layout {
            SignLayout::Pairs => {
                let signers = s.signers.iter().map(nd30::signature_items).collect();
                end.extend(nd30::signatures_and_recipients(spec, signers, recipients));
                b.push(Block::KeepTogether(end));
            }
            SignLayout::Board => {
                let cell = |s: &Signer| {
                    (!s.authority.is_empty() || !s.name.trim().is_empty())
                        .then(|| nd30::signature_items_with_room(s, BOARD_ROOM))
                };
                let rows = s
                    .signers
                    .chunks(2)
                    .map(|p| [cell(&p[0]), p.get(1).and_then(cell)])
                    .collect();
                end.extend(nd30::signature_rows_and_recipients(spec, rows, recipients));
                b.push(Block::KeepTogether(end));
            }
            SignLayout::Grid => {
                b.extend(end);
                let cells = s.signers.iter().map(grid_cell).collect();
                let mut grid = nd30::signature_grid(spec, cells, 3);
                let mut heading = Para::text(&s.heading, Style::Bold, 14.0, Align::Center);
                heading.space_before = 10.0;
                heading.space_after = 8.0;
                // The grid's heading never stands alone at the foot of a page.
                let first: Vec<Block> = if grid.is_empty() {
                    Vec::new()
                } else {
                    vec![grid.remove(0)]
                };
                let mut kept = vec![Block::Para(heading)];
                kept.extend(first);
                b.push(Block::KeepTogether(kept));
                b.extend(grid);
                if !recipients.is_empty() {
                    b.push(nd30::signature_row(spec, recipients, Vec::new()));
                }
            }
        }
    }

    fn recipient_items(&self) -> Vec<ColItem> {
        let list: Vec<&str> = self
            .recipients
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if list.is_empty() {
            Vec::new()
        } else {
            nd30::recipients_items(&list)
        }
    }

    /// The pages as laid out: what the PDF draws and the window previews.
    pub fn pages(&self) -> Vec<Page> {
        engine::Layout::new(self.spec()).place_all(&self.blocks())
    }

    /// The PDF; refused when a text holds a character the font cannot draw.
    pub fn render(&self) -> Result<Pdf, Unprintable> {
        Pdf::new(
            self.title.clone(),
            &self.header.issuing_body,
            self.spec(),
            &self.blocks(),
        )
    }

    /// Every text of the draft, NFC: a draft read from a file or typed in the window is stored
    /// and printed in one form.
    pub fn normalized(mut self) -> Draft {
        use crate::domain::text::nfc;
        let h = &mut self.header;
        for s in [
            &mut self.title,
            &mut h.managing_body,
            &mut h.issuing_body,
            &mut h.place,
            &mut self.kind,
            &mut self.subject,
            &mut self.addressee,
            &mut self.closing,
            &mut self.signatures.heading,
        ] {
            *s = nfc(s);
        }
        for p in &mut self.body {
            if let Piece::Para(s) | Piece::Heading(s) = p {
                *s = nfc(s);
            }
        }
        for s in &mut self.signatures.signers {
            s.name = nfc(&s.name);
            s.authority.iter_mut().for_each(|a| *a = nfc(a));
        }
        self.recipients.iter_mut().for_each(|r| *r = nfc(r));
        self
    }

    /// The draft as labelled lines of text: what a reader compares between two versions.
    pub fn text_lines(&self) -> Vec<String> {
        let h = &self.header;
        let mut out = vec![
            format!("Cơ quan chủ quản: {}", h.managing_body),
            format!("Cơ quan ban hành: {}", h.issuing_body),
        ];
        out.extend(h.number_line());
        out.push(h.place_date());
        out.push(format!("{}: {}", self.kind, self.subject));
        if !self.addressee.is_empty() {
            out.push(format!("Kính gửi: {}", markup::plain(&self.addressee)));
        }
        for p in &self.body {
            match p {
                Piece::Para(s) => out.push(markup::plain(s)),
                Piece::Heading(s) => out.push(s.clone()),
                Piece::Table(t) => out.extend(t.rows.iter().map(|r| r.join(" | "))),
            }
        }
        if !self.closing.is_empty() {
            out.push(markup::plain(&self.closing));
        }
        for s in &self.signatures.signers {
            if !s.authority.is_empty() || !s.name.is_empty() {
                out.push(format!("Ký: {} — {}", s.authority.join(", "), s.name));
            }
        }
        out.extend(self.recipients.iter().map(|r| format!("Nơi nhận: {r}")));
        if let Some(a) = &self.attachment {
            out.push(a.title.clone());
            out.extend(a.table.rows.iter().map(|r| r.join(" | ")));
        }
        out
    }
}

/// One unit's cell in the pledge's grid: its name and signer's position in capitals, shrunk
/// rather than split, room to sign, the name.
fn grid_cell(s: &Signer) -> Vec<ColItem> {
    let line = |text: String, size: f32| {
        let mut p = Para::text(text, Style::Bold, size, Align::Center);
        p.shrink_floor = GRID_FLOOR;
        p.balance = true;
        ColItem::Para(p)
    };
    let mut items: Vec<ColItem> = s
        .authority
        .iter()
        .filter(|a| !a.trim().is_empty())
        .map(|a| line(crate::domain::text::upper(a), GRID_SIZE))
        .collect();
    items.push(ColItem::Space(GRID_ROOM));
    items.push(ColItem::Fill);
    items.push(line(s.name.clone(), 14.0));
    items
}

/// What changed between two versions of a draft, line by line: the lines only in `old` (dropped)
/// and only in `new` (added), in order.
pub fn changes(old: &Draft, new: &Draft) -> Vec<Change> {
    let a = old.text_lines();
    let b = new.text_lines();
    // Longest common subsequence over lines: drafts are a few hundred lines at most.
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(Change::Added(b[j].clone()));
            j += 1;
        } else {
            out.push(Change::Dropped(a[i].clone()));
            i += 1;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Dropped(String),
    Added(String),
}
