//! The documents the secretariat signs, each a function from domain data to pages, rendered to PDF
//! in the format of Nghị định 30/2020. No SQL here: the caller loads the data.

pub mod engine;
mod nd30;

mod ballot_count;
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
use engine::{Block, PageSpec};

/// A rendered document.
pub struct Pdf {
    pub title: String,
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Every line as drawn, in order: the text a reader of the PDF must get back.
    pub lines: Vec<String>,
}

impl Pdf {
    fn new(title: String, spec: PageSpec, blocks: &[Block]) -> Pdf {
        let (bytes, pages, lines) = engine::to_pdf_with_text(&title, spec, blocks);
        Pdf {
            title,
            bytes,
            pages,
            lines,
        }
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

/// The unit's name as documents of the year print it, and its head's title and name on a date.
fn head_of(r: &YearRecord, unit: crate::domain::UnitId, date: NaiveDate) -> Option<(String, String)> {
    let u = r.unit(unit)?;
    u.head_on(date)
        .or(u.heads.last())
        .map(|h| (format!("{} {}", h.position, u.name_in_year(r.year)), h.name.clone()))
}
