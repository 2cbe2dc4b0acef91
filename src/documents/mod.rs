//! The documents the secretariat signs, each a function from domain data to pages, rendered to PDF
//! in the format of Nghị định 30/2020. No SQL here: the caller loads the data.

pub mod docx;
pub mod draft;
pub mod engine;
pub mod markup;
mod nd30;

mod ballot_count;
mod basis;
mod minutes;
mod pledge;
pub(crate) mod proposal;
mod ranking_table;
pub mod sheets;

pub use ballot_count::{ballot_count, ballot_count_draft};
pub use draft::Draft;
pub use minutes::{minutes, minutes_draft};
pub use pledge::{pledge, pledge_draft};
pub use proposal::{proposal, proposal_draft};
pub use ranking_table::{ranking_table, ranking_table_draft};

use crate::domain::YearRecord;
use chrono::NaiveDate;
pub use engine::Unprintable;
use engine::{Block, Meta, PageSpec};

/// A rendered document.
pub struct Pdf {
    pub title: String,
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Every line as drawn, in order: the text a reader of the PDF must get back.
    pub lines: Vec<String>,
}

impl Pdf {
    /// Lays out and renders `blocks`, with `title` and the issuing bloc (`author`) in the PDF's
    /// information; refused when a text holds a character the font cannot draw.
    fn new(title: String, author: &str, spec: PageSpec, blocks: &[Block]) -> Result<Pdf, Unprintable> {
        let meta = Meta {
            title: title.clone(),
            author: author.to_string(),
        };
        let (bytes, pages, lines) = engine::document(&meta, spec, blocks)?;
        Ok(Pdf {
            title,
            bytes,
            pages,
            lines,
        })
    }
}

/// The number and date a document is issued with.
#[derive(Debug, Clone)]
pub struct Issue {
    /// "05/BB-KNC"; `None` prints "Số:      /BB-KNC" for a number to be filled by hand.
    pub number: Option<String>,
    pub date: NaiveDate,
}

/// A draft of the bloc's with its header filled from the bloc and `issue`, numbered in the series
/// of `code` ("BB") when `code` is given; the caller fills the rest.
fn draft_base(r: &YearRecord, issue: &Issue, code: Option<&str>, landscape: bool) -> Draft {
    let bloc = &r.bloc;
    Draft {
        title: String::new(),
        landscape,
        margins: bloc.margins,
        header: draft::Header {
            managing_body: bloc.managing_body.clone(),
            issuing_body: bloc.name.clone(),
            series: code.map(|c| format!("{c}-{}", bloc.symbol)),
            number: issue.number.clone(),
            place: bloc.place_name.clone(),
            date: issue.date,
        },
        kind: String::new(),
        subject: String::new(),
        addressee: String::new(),
        body: Vec::new(),
        closing: String::new(),
        signatures: draft::Signatures {
            layout: draft::SignLayout::Pairs,
            signers: Vec::new(),
            heading: String::new(),
        },
        recipients: Vec::new(),
        attachment: None,
    }
}

use nd30::recipients;

/// The signature of the bloc's head unit on `date`: "TM. KHỐI THI ĐUA …", "KHỐI TRƯỞNG", the
/// head's position in that unit, then the name.
fn head_signer(r: &YearRecord, date: NaiveDate) -> nd30::Signer {
    let head = r.leadership.as_ref().and_then(|l| head_of(r, l.head, date));
    let mut authority = vec![
        format!("TM. {}", crate::domain::text::upper(&r.bloc.name)),
        "Khối trưởng".to_string(),
    ];
    let name = match head {
        Some((position, name)) => {
            if !position.trim().is_empty() {
                authority.push(position);
            }
            name
        }
        None => String::new(),
    };
    nd30::Signer {
        authority,
        name: sign_name(&name),
    }
}

/// The unit's name as documents of the year print it, and its head's title and name on a date.
fn head_of(r: &YearRecord, unit: crate::domain::UnitId, date: NaiveDate) -> Option<(String, String)> {
    let u = r.unit(unit)?;
    u.head_on(date).or(u.heads.last()).map(|h| {
        (
            crate::domain::text::position_of(&h.position, u.name_in_year(r.year)),
            h.name.clone(),
        )
    })
}

/// A dotted line to fill by hand where a name is not recorded ("………………").
pub const DOTS: &str = "……………………";

/// A signer's name, or the dotted line to write it by hand.
fn sign_name(name: &str) -> String {
    if name.trim().is_empty() {
        DOTS.to_string()
    } else {
        name.trim().to_string()
    }
}

/// "đồng chí Nguyễn Văn A, Giám đốc Công an tỉnh" from what is recorded: the name or a dotted line
/// to fill by hand, the position only when known (never ", ."). `capital` starts with "Đồng chí".
fn person_text(name: &str, position: &str, capital: bool) -> String {
    let title = if capital { "Đồng chí" } else { "đồng chí" };
    let who = if name.trim().is_empty() {
        format!("{title} {DOTS}")
    } else {
        format!("{title} {}", name.trim())
    };
    match position.trim().trim_end_matches(['.', ',', ';']) {
        "" => who,
        pos => format!("{who}, {pos}"),
    }
}
