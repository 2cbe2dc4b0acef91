//! Exporting a document, shared by the CLI and the window: load what it needs, give it its number
//! in the register, render it, write the file without ever leaving half of it.

use crate::documents::{self, Draft, Issue, Pdf};
use crate::domain::text::strip_marks;
use crate::domain::{BallotId, ConferenceId, ConferenceKind, DocType, Year};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

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
    /// The document's date; otherwise the date it was issued with, else its default (see
    /// [`issue_date`]). Never silently today for a past year.
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("Năm {0} chưa có giao ước thi đua để in. Nhập giao ước ở mục \u{201c}Giao ước thi đua\u{201d}.")]
    NoPledge(Year),
    #[error("Giao ước thi đua năm {0} chưa có nội dung nào. Nhập các nội dung giao ước ở mục \u{201c}Giao ước thi đua\u{201d}.")]
    EmptyPledge(Year),
    #[error(
        "Năm {0} chưa có đề nghị khen thưởng nào để lập tờ trình. Nhập các đề nghị ở mục \u{201c}Khen thưởng\u{201d}."
    )]
    NoProposals(Year),
    #[error(
        "Năm {0} chưa có điểm khối chấm nên chưa lập được bảng xếp hạng. Nhập điểm ở mục \u{201c}Chấm điểm\u{201d}."
    )]
    NoScores(Year),
    #[error("Cuộc bỏ phiếu \u{201c}{0}\u{201d} chưa có kết quả kiểm phiếu. Nhập số phiếu của từng đơn vị ở mục \u{201c}Bỏ phiếu\u{201d}.")]
    EmptyBallot(String),
    /// A text the document's font cannot draw: refused before anything is rendered.
    #[error(transparent)]
    Unprintable(#[from] documents::Unprintable),
    /// An Excel copy that could not be made (nothing to put in it, or the writer failed).
    #[error("{0}")]
    Sheet(String),
    /// A reprint asked with another number or date than the document was issued with.
    #[error("\u{201c}{0}\u{201d} đã phát hành: in lại cho đúng số và ngày đã ký; không đổi số hay ngày của văn bản đã phát hành.")]
    Issued(String),
    #[error("Không ghi được tệp \u{201c}{0}\u{201d}: {1}")]
    Write(String, String),
    /// A number given for a paper that carries none (the pledge): said, never dropped in silence.
    #[error("\u{201c}{0}\u{201d} không mang số văn bản nên không dùng số đã cho; hãy xuất lại không ghi số.")]
    Unnumbered(String),
    /// No date to give the document: nothing in the data dates it, and it is not of this year.
    #[error("Chưa có ngày văn bản cho {what}: {why}; phần mềm không lấy ngày hôm nay cho văn bản của năm đã qua. Hãy cho ngày văn bản (dd/mm/yyyy; dòng lệnh: --date).")]
    NeedDate { what: String, why: String },
}

pub struct Exported {
    pub pdf: Pdf,
    /// The document as printed.
    pub draft: Draft,
    /// "05/BB-KNC", for documents that carry a number.
    pub number: Option<String>,
    /// The document's date, as printed.
    pub date: NaiveDate,
    /// A file name to propose: "Bien ban Hoi nghi tong ket 2022.pdf".
    pub file_name: String,
}

pub fn make(
    store: &mut Store,
    req: &DocRequest,
    opts: &ExportOptions,
    today: NaiveDate,
) -> Result<Exported, ExportError> {
    // An issued document is printed as it was signed, whatever changed in the data since.
    if let Some(d) = super::drafts::issued(store, req)? {
        refuse_other_issue(&d, opts)?;
        return exported(d);
    }
    refuse_empty(store, req)?;
    let date = issue_date(store, req, opts, today)?;
    let number = match register_key(store, req)? {
        Some((year, t, source)) => {
            let symbol = store.bloc()?.map(|b| b.symbol).unwrap_or_default();
            let title = draft_of(store, req, &Issue { number: None, date })?.title;
            Some(
                store
                    .number_for(year, t, &source, &title, date, opts.number)?
                    .formatted(&symbol),
            )
        }
        None if opts.number.is_some() => {
            let title = draft_of(store, req, &Issue { number: None, date })?.title;
            return Err(ExportError::Unnumbered(title));
        }
        None => None,
    };
    // The text the secretariat edited, when there is a draft; else the text of the data.
    let mut draft = match super::drafts::saved(store, req)? {
        Some(d) => d,
        None => draft_of(store, req, &Issue { number: None, date })?,
    };
    draft.header.number = number;
    draft.header.date = date;
    exported(draft)
}

/// A reprint of an issued document with another number or date would not be the paper signed.
fn refuse_other_issue(d: &Draft, opts: &ExportOptions) -> Result<(), ExportError> {
    let symbol_free = |n: &str| n.split('/').next().and_then(|n| n.parse::<u32>().ok());
    let number_differs = opts
        .number
        .is_some_and(|n| d.header.number.as_deref().and_then(symbol_free) != Some(n));
    let date_differs = opts.date.is_some_and(|x| x != d.header.date);
    if number_differs || date_differs {
        return Err(ExportError::Issued(d.title.clone()));
    }
    Ok(())
}

pub(super) fn exported(draft: Draft) -> Result<Exported, ExportError> {
    let pdf = draft.render()?;
    let file_name = format!("{}.pdf", ascii_file_name(&pdf.title));
    Ok(Exported {
        number: draft.header.number.clone(),
        date: draft.header.date,
        pdf,
        file_name,
        draft,
    })
}

/// The document of `req` from the data as it stands, with `issue`'s number and date.
pub fn draft_of(store: &Store, req: &DocRequest, issue: &Issue) -> Result<Draft, ExportError> {
    Ok(match req {
        DocRequest::Minutes(id) => {
            let c = store.conference(*id)?;
            documents::minutes_draft(&store.load_year(c.year)?, &c, issue)
        }
        DocRequest::BallotCount(id) => {
            let b = store.ballot(*id)?;
            let c = store.conference(b.conference)?;
            documents::ballot_count_draft(&store.load_year(c.year)?, &b, issue)
        }
        DocRequest::Proposal(year) => documents::proposal_draft(&store.load_year(*year)?, issue),
        DocRequest::Pledge(year) => {
            documents::pledge_draft(&store.load_year(*year)?, issue.date).ok_or(ExportError::NoPledge(*year))?
        }
        DocRequest::Ranking { year, detailed } => {
            documents::ranking_table_draft(&store.load_year(*year)?, issue, *detailed)
        }
    })
}

/// The register entry a numbered document is filed under: its emulation year, type and source.
pub(super) fn register_key(store: &Store, req: &DocRequest) -> Result<Option<(Year, DocType, String)>, ExportError> {
    Ok(match req {
        DocRequest::Minutes(id) => Some((store.conference(*id)?.year, DocType::Minutes, format!("minutes:{id}"))),
        DocRequest::BallotCount(id) => {
            let b = store.ballot(*id)?;
            Some((
                store.conference(b.conference)?.year,
                DocType::Minutes,
                format!("ballot:{id}"),
            ))
        }
        DocRequest::Proposal(year) => Some((*year, DocType::Proposal, format!("proposal:{year}"))),
        DocRequest::Ranking { year, .. } => Some((*year, DocType::Report, format!("ranking:{year}"))),
        DocRequest::Pledge(_) => None,
    })
}

/// The date a document is issued with, in this order:
/// 1. the date the user gives (`opts.date`);
/// 2. the date it was issued with before (a reprint is the document that was signed);
/// 3. what the data says is true: minutes and ballot counts, the day of the meeting; a tờ trình,
///    the day after the year's last year-end conference; the ranking, that conference's day; the
///    pledge, the day of its signing conference, else of its first signature;
/// 4. today, only for a document of the current year;
/// 5. else no date: [`ExportError::NeedDate`], the user gives one.
pub fn issue_date(
    store: &Store,
    req: &DocRequest,
    opts: &ExportOptions,
    today: NaiveDate,
) -> Result<NaiveDate, ExportError> {
    if let Some(d) = opts.date {
        return Ok(d);
    }
    if let Some((year, t, source)) = register_key(store, req)? {
        if let Some(e) = store.issued(year, t, &source)? {
            return Ok(e.issued_on);
        }
    }
    let year_end = |year: Year| -> Result<Option<NaiveDate>, ExportError> {
        Ok(store
            .conferences(year)?
            .iter()
            .filter(|c| c.kind == ConferenceKind::YearEnd)
            .map(|c| c.date)
            .max())
    };
    let (year, anchor, what, why) = match req {
        DocRequest::Minutes(id) => return Ok(store.conference(*id)?.date),
        DocRequest::BallotCount(id) => return Ok(store.conference(store.ballot(*id)?.conference)?.date),
        DocRequest::Proposal(year) => (
            *year,
            year_end(*year)?.and_then(|d| d.succ_opt()),
            format!("tờ trình đề nghị khen thưởng năm {year}"),
            format!("năm {year} chưa có hội nghị tổng kết để lấy ngày"),
        ),
        DocRequest::Ranking { year, .. } => (
            *year,
            year_end(*year)?,
            format!("bảng tổng hợp điểm và xếp hạng năm {year}"),
            format!("năm {year} chưa có hội nghị tổng kết để lấy ngày"),
        ),
        DocRequest::Pledge(year) => {
            let p = store.pledge(*year)?.ok_or(ExportError::NoPledge(*year))?;
            let signing = match p.signing_conference {
                Some(c) => Some(store.conference(c)?.date),
                None => None,
            };
            let first_signature = p.signatures.iter().filter_map(|s| s.signed_on).min();
            (
                *year,
                signing.or(first_signature),
                format!("bản giao ước thi đua năm {year}"),
                format!("giao ước năm {year} chưa ghi hội nghị ký kết hay ngày ký"),
            )
        }
    };
    match anchor {
        Some(d) => Ok(d),
        None if year == chrono::Datelike::year(&today) => Ok(today),
        None => Err(ExportError::NeedDate { what, why }),
    }
}

/// Refuses, before any number is given, a document that would be made of nothing (a tờ trình
/// without a proposal, a ranking without scores, a pledge without contents, a ballot count without
/// counts), saying what is missing and where in the window to enter it.
pub(super) fn refuse_empty(store: &Store, req: &DocRequest) -> Result<(), ExportError> {
    match req {
        DocRequest::Minutes(_) => {}
        DocRequest::BallotCount(id) => {
            let b = store.ballot(*id)?;
            if b.candidates.is_empty() || b.returned == 0 {
                return Err(ExportError::EmptyBallot(crate::domain::text::printable(&b.question)));
            }
        }
        DocRequest::Proposal(year) => {
            if !store.proposals(*year)?.iter().any(|p| p.proposed()) {
                return Err(ExportError::NoProposals(*year));
            }
        }
        DocRequest::Pledge(year) => match store.pledge(*year)? {
            None => return Err(ExportError::NoPledge(*year)),
            Some(p) if p.items.is_empty() => return Err(ExportError::EmptyPledge(*year)),
            Some(_) => {}
        },
        DocRequest::Ranking { year, .. } => {
            if !store.score_sheet(*year)?.entries.iter().any(|e| e.bloc_score.is_some()) {
                return Err(ExportError::NoScores(*year));
            }
        }
    }
    Ok(())
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

/// Makes the document and writes it to `out` in one transaction: the register keeps the number
/// only when the file was written (a cancelled or failed export consumes no number).
pub fn export_to(
    store: &mut Store,
    req: &DocRequest,
    opts: &ExportOptions,
    today: NaiveDate,
    out: &Path,
) -> Result<Exported, ExportError> {
    export_chosen(store, req, opts, today, |_| out.to_path_buf())
}

/// `export_to` with the path chosen from the made document (its proposed file name), so that a
/// batch renders each document once.
pub fn export_chosen(
    store: &mut Store,
    req: &DocRequest,
    opts: &ExportOptions,
    today: NaiveDate,
    choose: impl FnOnce(&Exported) -> PathBuf,
) -> Result<Exported, ExportError> {
    write_made(store, |s| make(s, req, opts, today), choose)
}

/// Makes a document with `make` (which may number it) and writes it where `choose` says, in one
/// transaction: what `make` recorded is kept only when the file was written.
pub(super) fn write_made(
    store: &mut Store,
    make: impl FnOnce(&mut Store) -> Result<Exported, ExportError>,
    choose: impl FnOnce(&Exported) -> PathBuf,
) -> Result<Exported, ExportError> {
    let db = store.path().map(Path::to_path_buf);
    // The file is written and synced under a temporary name inside the transaction, and takes its
    // name only once the number is committed: a kill in between leaves no paper whose number the
    // register does not hold (the temporary is swept later), and a failed commit leaves no paper.
    let mut staged: Option<(PathBuf, PathBuf)> = None;
    let made = store
        .atomically(|s| {
            let made = make(s)?;
            let out = choose(&made);
            let target = match &db {
                Some(db) => crate::store::files::output_target(&out, db, &[])?,
                None => out,
            };
            let tmp = temporary_of(&target);
            staged = Some((tmp.clone(), target.clone()));
            stage(&target, &tmp, &made.pdf.bytes)?;
            Ok(made)
        })
        .inspect_err(|_: &ExportError| {
            if let Some((tmp, _)) = &staged {
                let _ = std::fs::remove_file(tmp);
            }
        })?;
    let (tmp, target) = staged.expect("a made document was staged");
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        ExportError::Write(target.display().to_string(), crate::store::files::os_reason(&e))
    })?;
    Ok(made)
}

/// What `export_to` would make, with nothing kept: the title, the number it would get and the
/// file name to propose, or the reason it cannot be made.
pub fn preview(
    store: &mut Store,
    req: &DocRequest,
    opts: &ExportOptions,
    today: NaiveDate,
) -> Result<Exported, ExportError> {
    store.dry_run(|s| make(s, req, opts, today))
}

/// Writes an output file for a store on `data_file`: refused when `path` is (by identity, not
/// spelling) the data file, one of its companions, its backups folder or one of `reading`.
/// Through a symlink, the file it points to is written and the link stays.
pub fn write_output(data_file: Option<&Path>, reading: &[&Path], path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let target = match data_file {
        Some(db) => crate::store::files::output_target(path, db, reading)?,
        None => path.to_path_buf(),
    };
    write_file(&target, bytes)
}

/// Whether `write_output` could write `path` now: the target is not protected and its folder takes a
/// file (a trial temporary is written and removed). A command that writes a second file after
/// numbering a document asks this first, so a missing folder fails before anything changes.
pub fn check_writable(data_file: Option<&Path>, reading: &[&Path], path: &Path) -> Result<(), ExportError> {
    let target = match data_file {
        Some(db) => crate::store::files::output_target(path, db, reading)?,
        None => path.to_path_buf(),
    };
    let tmp = temporary_of(&target);
    stage(&target, &tmp, b"")?;
    let _ = std::fs::remove_file(&tmp);
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, synced, then renamed into
/// place: a reader never sees half a PDF, and a failed write leaves the old file as it was and no
/// temporary behind (one left by a killed process is swept on the next write to that name).
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let tmp = temporary_of(path);
    stage(path, &tmp, bytes)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        ExportError::Write(path.display().to_string(), crate::store::files::os_reason(&e))
    })
}

/// ".NAME.tmp-PID" beside `path`.
fn temporary_of(path: &Path) -> std::path::PathBuf {
    use crate::store::files::{folder_of, name_of};
    folder_of(path).join(format!(".{}.tmp-{}", name_of(path), std::process::id()))
}

/// Writes and syncs `bytes` to `tmp` (sweeping what killed writers left for `path`); on failure
/// nothing is left.
fn stage(path: &Path, tmp: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    use crate::store::files::{folder_of, name_of, sweep_stale};
    use std::io::Write;
    sweep_stale(folder_of(path), &name_of(path), &["tmp"]);
    let result = std::fs::File::create(tmp).and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()));
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    result.map_err(|e| ExportError::Write(path.display().to_string(), crate::store::files::os_reason(&e)))
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
