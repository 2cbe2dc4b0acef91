//! Drafts, shared by the window and the command line: a document is first a draft generated from
//! the data, edited by the secretariat, saved with the record it comes from, then issued (numbered
//! and frozen). Reprints and copies of an issued document come from the frozen draft.

use super::exports::{
    draft_of, issue_date, refuse_empty, register_key, DocRequest, ExportError, ExportOptions, Exported,
};
use crate::documents::draft::{changes, Change};
use crate::documents::{Draft, Issue};
use crate::domain::Year;
use crate::store::drafts::{Numbering, StoredDraft};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::path::PathBuf;

/// Where a draft stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Generated from the data, never saved.
    Fresh,
    /// Saved with edits, not issued.
    Saved,
    /// Issued: numbered and frozen.
    Issued,
}

#[derive(Debug, Clone)]
pub struct Opened {
    pub source: String,
    pub year: Year,
    pub draft: Draft,
    pub state: State,
    /// Why the date is a placeholder (nothing in the data dates the document): the user must
    /// give one before issuing.
    pub date_needed: Option<String>,
}

/// The record a document is made from ("minutes:12", "pledge:2022") and its emulation year.
pub fn source_of(store: &Store, req: &DocRequest) -> Result<(String, Year), ExportError> {
    Ok(match (register_key(store, req)?, req) {
        (Some((year, _, source)), _) => (source, year),
        (None, DocRequest::Pledge(year)) => (format!("pledge:{year}"), *year),
        (None, _) => unreachable!("every document but the pledge is numbered"),
    })
}

fn parse(d: &StoredDraft) -> Result<Draft, ExportError> {
    serde_json::from_str::<Draft>(&d.json)
        .map(Draft::normalized)
        .map_err(|e| ExportError::Store(StoreError::BadValue(format!("bản nháp {}: {e}", d.source))))
}

/// The issued document of `req`, if it was issued from a draft.
pub fn issued(store: &Store, req: &DocRequest) -> Result<Option<Draft>, ExportError> {
    let (source, _) = source_of(store, req)?;
    match store.draft(&source)? {
        Some(d) if d.issued => parse(&d).map(Some),
        _ => Ok(None),
    }
}

/// The saved, not yet issued draft of `req`.
pub fn saved(store: &Store, req: &DocRequest) -> Result<Option<Draft>, ExportError> {
    let (source, _) = source_of(store, req)?;
    match store.draft(&source)? {
        Some(d) if !d.issued => parse(&d).map(Some),
        _ => Ok(None),
    }
}

/// The draft of `req` to work on: the issued one, else the saved one, else one generated from the
/// data (with the number the register already gave it, if any, and its date).
pub fn open(store: &Store, req: &DocRequest, today: NaiveDate) -> Result<Opened, ExportError> {
    let (source, year) = source_of(store, req)?;
    if let Some(d) = store.draft(&source)? {
        let state = if d.issued { State::Issued } else { State::Saved };
        return Ok(Opened {
            draft: parse(&d)?,
            source,
            year,
            state,
            date_needed: None,
        });
    }
    let (draft, date_needed) = generate(store, req, today)?;
    Ok(Opened {
        source,
        year,
        draft,
        state: State::Fresh,
        date_needed,
    })
}

/// A draft from the data as it stands. Refused when the document would be made of nothing.
fn generate(store: &Store, req: &DocRequest, today: NaiveDate) -> Result<(Draft, Option<String>), ExportError> {
    refuse_empty(store, req)?;
    let (date, needed) = match issue_date(store, req, &ExportOptions::default(), today) {
        Ok(d) => (d, None),
        Err(e @ ExportError::NeedDate { .. }) => (today, Some(e.to_string())),
        Err(e) => return Err(e),
    };
    let number = match register_key(store, req)? {
        Some((year, t, source)) => {
            let symbol = store.bloc()?.map(|b| b.symbol).unwrap_or_default();
            store.issued(year, t, &source)?.map(|e| e.formatted(&symbol))
        }
        None => None,
    };
    Ok((draft_of(store, req, &Issue { number, date })?, needed))
}

/// Saves the edited draft; refused once issued.
pub fn save(store: &mut Store, source: &str, year: Year, draft: &Draft) -> Result<(), ExportError> {
    let json = to_json(&draft.clone().normalized());
    Ok(store.save_draft(source, year, &json)?)
}

pub fn to_json(d: &Draft) -> String {
    serde_json::to_string_pretty(d).expect("a draft serialises")
}

/// The draft generated again from the data (keeping the saved draft's date), and what differs
/// from the saved draft: shown to the user before their edits are dropped.
pub fn regenerate(store: &Store, req: &DocRequest, current: &Draft) -> Result<(Draft, Vec<Change>), ExportError> {
    refuse_empty(store, req)?;
    let fresh = draft_of(
        store,
        req,
        &Issue {
            number: current.header.number.clone(),
            date: current.header.date,
        },
    )?;
    let diff = changes(current, &fresh);
    Ok((fresh, diff))
}

/// Drops the saved draft: the document is made from the data again.
pub fn discard(store: &mut Store, source: &str) -> Result<(), ExportError> {
    Ok(store.drop_draft(source)?)
}

/// Issues `draft` and writes its PDF to the path `choose` gives: the number (from the register, or
/// `number` typed by hand) and the freeze are kept only when the file was written.
pub fn issue_to(
    store: &mut Store,
    req: &DocRequest,
    draft: &Draft,
    number: Option<u32>,
    choose: impl FnOnce(&Exported) -> PathBuf,
) -> Result<Exported, ExportError> {
    let (source, year) = source_of(store, req)?;
    let key = register_key(store, req)?;
    if key.is_none() && number.is_some() {
        return Err(ExportError::Unnumbered(draft.title.clone()));
    }
    let symbol = store.bloc()?.map(|b| b.symbol).unwrap_or_default();
    let draft = draft.clone().normalized();
    super::exports::write_made(
        store,
        |s| {
            let mut issued = draft.clone();
            let numbering = key.as_ref().map(|(_, t, _)| Numbering {
                doc_type: *t,
                title: &draft.title,
                date: draft.header.date,
                number,
            });
            s.issue_draft(&source, year, numbering, |entry| {
                if let Some(e) = entry {
                    issued.header.number = Some(e.formatted(&symbol));
                }
                to_json(&issued)
            })?;
            super::exports::exported(issued)
        },
        choose,
    )
}
