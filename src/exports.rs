//! Exporting a document, shared by the CLI and the window: load what it needs, give it its number
//! in the register, render it, write the file without ever leaving half of it.

use crate::documents::{self, Issue, Pdf};
use crate::domain::text::strip_marks;
use crate::domain::{BallotId, ConferenceId, ConferenceKind, DocType, Year};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum DocRequest {
    Minutes(ConferenceId),
    BallotCount(BallotId),
    Proposal(Year),
    Pledge(Year),
    Ranking { year: Year, detailed: bool },
}

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// A number typed by hand; otherwise the register gives the next one (or the one it gave before).
    pub number: Option<u32>,
    /// The document's date; otherwise the date of the conference it records, or `today`.
    pub date: Option<NaiveDate>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("Năm {0} chưa có giao ước thi đua để in.")]
    NoPledge(Year),
    #[error("Không ghi được tệp \u{201c}{0}\u{201d}: {1}")]
    Write(String, String),
}

pub struct Exported {
    pub pdf: Pdf,
    /// "05/BB-KNC", for documents that carry a number.
    pub number: Option<String>,
    /// A file name to propose: "Bien ban Hoi nghi tong ket 2022.pdf".
    pub file_name: String,
}

pub fn make(
    store: &mut Store,
    req: &DocRequest,
    opts: &ExportOptions,
    today: NaiveDate,
) -> Result<Exported, ExportError> {
    let symbol = store.bloc()?.map(|b| b.symbol).unwrap_or_default();
    let numbered = |store: &mut Store, year, t: DocType, source: String, title: &str, date| {
        store
            .number_for(year, t, &source, title, date, opts.number)
            .map(|e| e.formatted(&symbol))
    };
    let (pdf, number) = match req {
        DocRequest::Minutes(id) => {
            let c = store.conference(*id)?;
            let date = opts.date.unwrap_or(c.date);
            let n = numbered(
                store,
                c.year,
                DocType::Minutes,
                format!("minutes:{id}"),
                &format!("Biên bản {}", c.title),
                date,
            )?;
            let r = store.load_year(c.year)?;
            (
                documents::minutes(
                    &r,
                    &c,
                    &Issue {
                        number: Some(n.clone()),
                        date,
                    },
                ),
                Some(n),
            )
        }
        DocRequest::BallotCount(id) => {
            let b = store.ballot(*id)?;
            let c = store.conference(b.conference)?;
            let date = opts.date.unwrap_or(c.date);
            let n = numbered(
                store,
                c.year,
                DocType::Minutes,
                format!("ballot:{id}"),
                &format!("Biên bản kiểm phiếu {}", b.question),
                date,
            )?;
            let r = store.load_year(c.year)?;
            (
                documents::ballot_count(
                    &r,
                    &b,
                    &Issue {
                        number: Some(n.clone()),
                        date,
                    },
                ),
                Some(n),
            )
        }
        DocRequest::Proposal(year) => {
            let date = opts.date.unwrap_or(today);
            let title = format!("Tờ trình đề nghị khen thưởng năm {year}");
            let n = numbered(
                store,
                *year,
                DocType::Proposal,
                format!("proposal:{year}"),
                &title,
                date,
            )?;
            let r = store.load_year(*year)?;
            (
                documents::proposal(
                    &r,
                    &Issue {
                        number: Some(n.clone()),
                        date,
                    },
                ),
                Some(n),
            )
        }
        DocRequest::Pledge(year) => {
            let r = store.load_year(*year)?;
            let p = r.pledge.as_ref().ok_or(ExportError::NoPledge(*year))?;
            let signing = p.signing_conference.and_then(|c| r.conference(c)).map(|c| c.date);
            let first_signature = p.signatures.iter().filter_map(|s| s.signed_on).min();
            let date = opts.date.or(signing).or(first_signature).unwrap_or(today);
            (documents::pledge(&r, date).ok_or(ExportError::NoPledge(*year))?, None)
        }
        DocRequest::Ranking { year, detailed } => {
            let r = store.load_year(*year)?;
            let year_end = r
                .conferences
                .iter()
                .rev()
                .find(|c| c.kind == ConferenceKind::YearEnd)
                .map(|c| c.date);
            let date = opts.date.or(year_end).unwrap_or(today);
            (documents::ranking_table(&r, date, *detailed), None)
        }
    };
    let file_name = format!("{}.pdf", ascii_file_name(&pdf.title));
    Ok(Exported { pdf, number, file_name })
}

/// A file name without diacritics or characters Windows refuses, at most 80 characters.
pub fn ascii_file_name(title: &str) -> String {
    let folded: String = strip_marks(title)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut name = String::new();
    for w in words {
        if name.len() + w.len() + 1 > 80 {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(w);
    }
    if name.is_empty() {
        "Van ban".into()
    } else {
        name
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, then renames it into
/// place: a reader never sees half a PDF, and a failed write leaves the old file as it was.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let err = |e: std::io::Error| ExportError::Write(path.display().to_string(), e.to_string());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain() {
        assert_eq!(
            ascii_file_name("Biên bản Hội nghị tổng kết phong trào thi đua năm 2022"),
            "Bien ban Hoi nghi tong ket phong trao thi dua nam 2022"
        );
        assert_eq!(
            ascii_file_name("Tờ trình: đề nghị / khen thưởng?"),
            "To trinh de nghi khen thuong"
        );
        assert_eq!(ascii_file_name("***"), "Van ban");
    }
}
