//! Drafts of documents: the text the secretariat edited, kept with the record it was made from.
//! The store keeps a draft as opaque JSON (the documents layer owns its format); an issued draft
//! is frozen, so a reprint gives the pages that were signed.

use super::bloc::number_in;
use super::{Result, Store, StoreError};
use crate::domain::{DocType, RegisterEntry, Year};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    /// The record the document is made from: "minutes:12", "pledge:2022".
    pub source: String,
    pub year: Year,
    pub json: String,
    pub issued: bool,
    /// "2026-11-22 10:15:00", local time.
    pub saved_at: String,
}

/// How an issued draft gets its number: from the register, in one transaction with the freeze.
pub struct Numbering<'a> {
    pub doc_type: DocType,
    pub title: &'a str,
    pub date: NaiveDate,
    /// A number typed by hand.
    pub number: Option<u32>,
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

fn issued_refusal(source: &str) -> StoreError {
    StoreError::BadValue(format!(
        "văn bản ({source}) đã phát hành nên không sửa được nữa; bản đã ký được giữ nguyên"
    ))
}

impl Store {
    pub fn draft(&self, source: &str) -> Result<Option<StoredDraft>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT source, year, draft, issued, saved_at FROM drafts WHERE source = ?1",
                [source],
                row,
            )
            .optional()?)
    }

    /// The issued drafts of `year`, in the order they were saved.
    pub fn issued_drafts(&self, year: Year) -> Result<Vec<StoredDraft>> {
        let mut st = self.conn().prepare(
            "SELECT source, year, draft, issued, saved_at FROM drafts WHERE year = ?1 AND issued = 1
             ORDER BY saved_at, source",
        )?;
        let rows = st.query_map([year], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves a draft being edited; refused once it is issued.
    pub fn save_draft(&mut self, source: &str, year: Year, json: &str) -> Result<()> {
        self.write(|tx| {
            if is_issued(tx, source)? {
                return Err(issued_refusal(source));
            }
            tx.execute(
                "INSERT INTO drafts (source, year, draft, issued, saved_at) VALUES (?1, ?2, ?3, 0, ?4)
                 ON CONFLICT(source) DO UPDATE SET year = ?2, draft = ?3, saved_at = ?4",
                params![source, year, json, now()],
            )?;
            Ok(())
        })
    }

    /// Drops the draft of `source` (the data is to be taken again); an issued one is kept.
    pub fn drop_draft(&mut self, source: &str) -> Result<()> {
        self.write(|tx| {
            if is_issued(tx, source)? {
                return Err(issued_refusal(source));
            }
            tx.execute("DELETE FROM drafts WHERE source = ?1", [source])?;
            Ok(())
        })
    }

    /// Issues a draft: gives it its number when it has a series (as `number_for` does) and
    /// stores `json(entry)` frozen, both or neither.
    pub fn issue_draft(
        &mut self,
        source: &str,
        year: Year,
        numbering: Option<Numbering>,
        json: impl FnOnce(Option<&RegisterEntry>) -> String,
    ) -> Result<Option<RegisterEntry>> {
        let series = match &numbering {
            Some(n) => Some(self.series_of(n.date.year())?),
            None => None,
        };
        self.write(|tx| {
            if is_issued(tx, source)? {
                return Err(issued_refusal(source));
            }
            let entry = match (numbering, series) {
                (Some(n), Some(series)) => Some(number_in(
                    tx, series, year, n.doc_type, source, n.title, n.date, n.number,
                )?),
                _ => None,
            };
            tx.execute(
                "INSERT INTO drafts (source, year, draft, issued, saved_at) VALUES (?1, ?2, ?3, 1, ?4)
                 ON CONFLICT(source) DO UPDATE SET year = ?2, draft = ?3, issued = 1, saved_at = ?4",
                params![source, year, json(entry.as_ref()), now()],
            )?;
            Ok(entry)
        })
    }

    /// Records an issued draft received in a handover, as it was; refused when this file already
    /// holds a different issued document for the same record.
    pub fn record_issued_draft(&mut self, d: &StoredDraft) -> Result<()> {
        self.write(|tx| {
            let held: Option<String> = tx
                .query_row(
                    "SELECT draft FROM drafts WHERE source = ?1 AND issued = 1",
                    [&d.source],
                    |r| r.get(0),
                )
                .optional()?;
            let same = |json: &str| {
                let v = |s: &str| serde_json::from_str::<serde_json::Value>(s).ok();
                json == d.json || (v(json).is_some() && v(json) == v(&d.json))
            };
            match held {
                Some(json) if same(&json) => Ok(()),
                Some(_) => Err(StoreError::BadValue(format!(
                    "văn bản đã phát hành ({}) khác với văn bản cùng nguồn trong tệp này",
                    d.source
                ))),
                None => {
                    tx.execute(
                        "INSERT INTO drafts (source, year, draft, issued, saved_at) VALUES (?1, ?2, ?3, 1, ?4)
                         ON CONFLICT(source) DO UPDATE SET year = ?2, draft = ?3, issued = 1, saved_at = ?4",
                        params![d.source, d.year, d.json, d.saved_at],
                    )?;
                    Ok(())
                }
            }
        })
    }
}

fn is_issued(tx: &rusqlite::Connection, source: &str) -> Result<bool> {
    Ok(tx
        .query_row("SELECT issued FROM drafts WHERE source = ?1", [source], |r| {
            r.get::<_, bool>(0)
        })
        .optional()?
        .unwrap_or(false))
}

fn row(r: &rusqlite::Row) -> rusqlite::Result<StoredDraft> {
    Ok(StoredDraft {
        source: r.get(0)?,
        year: r.get(1)?,
        json: r.get(2)?,
        issued: r.get(3)?,
        saved_at: r.get(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Bloc;

    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.save_bloc(&Bloc {
            name: "Khối thi đua Nội chính".into(),
            symbol: "KNC".into(),
            managing_body: "UBND TỈNH BÌNH ĐỊNH".into(),
            place_name: "Bình Định".into(),
            addressee: "Hội đồng Thi đua - Khen thưởng tỉnh".into(),
            margins: crate::domain::Margins::default(),
        })
        .unwrap();
        s
    }

    #[test]
    fn an_issued_draft_is_frozen_and_numbered_with_it() {
        let mut s = store();
        s.save_draft("minutes:1", 2022, "{\"v\":1}").unwrap();
        assert!(!s.draft("minutes:1").unwrap().unwrap().issued);
        let date = NaiveDate::from_ymd_opt(2022, 12, 20).unwrap();
        let entry = s
            .issue_draft(
                "minutes:1",
                2022,
                Some(Numbering {
                    doc_type: DocType::Minutes,
                    title: "Biên bản",
                    date,
                    number: None,
                }),
                |e| format!("{{\"number\":{}}}", e.unwrap().number),
            )
            .unwrap()
            .unwrap();
        assert_eq!(entry.number, 1);
        let d = s.draft("minutes:1").unwrap().unwrap();
        assert!(d.issued);
        assert_eq!(d.json, "{\"number\":1}");
        assert!(s.save_draft("minutes:1", 2022, "{}").is_err());
        assert!(s.drop_draft("minutes:1").is_err());
        assert_eq!(s.issued_drafts(2022).unwrap().len(), 1);
        assert_eq!(s.draft("minutes:1").unwrap().unwrap().json, "{\"number\":1}");
    }
}
