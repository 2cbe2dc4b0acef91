//! The documents the secretariat signs, each a function from domain data to pages, rendered to PDF
//! in the format of Nghị định 30/2020. No SQL here: the caller loads the data.

pub mod engine;
mod nd30;

mod ballot_count;
mod basis;
mod minutes;
mod pledge;
mod proposal;
mod ranking_table;

pub use ballot_count::ballot_count;
pub use minutes::minutes;
pub use pledge::pledge;
pub use proposal::proposal;
pub use ranking_table::ranking_table;

use crate::domain::text::place_date_line;
use crate::domain::{Bloc, YearRecord};
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

fn header(spec: &PageSpec, bloc: &Bloc, number: Option<String>, date: NaiveDate) -> Block {
    nd30::header(
        spec,
        &nd30::Header {
            managing_body: bloc.managing_body.clone(),
            issuing_body: bloc.name.clone(),
            number,
            place_date: place_date_line(&bloc.place_name, date),
        },
    )
}

fn number_line(issue: &Issue, code: &str, symbol: &str) -> String {
    match &issue.number {
        Some(n) => format!("Số: {n}"),
        None => format!("Số:       /{code}-{symbol}"),
    }
}

fn portrait(r: &YearRecord) -> PageSpec {
    PageSpec::a4_portrait(r.bloc.margins)
}

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
