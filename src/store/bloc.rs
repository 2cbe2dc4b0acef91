//! The bloc's identity, its rules by year, and the document register.

use super::{t, Result, Store, StoreError};
use crate::domain::{Bloc, DocType, Margins, RegisterEntry, Rules, Year};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn bloc(&self) -> Result<Option<Bloc>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT name, symbol, managing_body, place_name, addressee,
                        margin_top, margin_bottom, margin_left, margin_right FROM bloc WHERE id = 1",
                [],
                |r| {
                    Ok(Bloc {
                        name: r.get(0)?,
                        symbol: r.get(1)?,
                        managing_body: r.get(2)?,
                        place_name: r.get(3)?,
                        addressee: r.get(4)?,
                        margins: Margins {
                            top: r.get(5)?,
                            bottom: r.get(6)?,
                            left: r.get(7)?,
                            right: r.get(8)?,
                        },
                    })
                },
            )
            .optional()?)
    }

    pub fn save_bloc(&mut self, b: &Bloc) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO bloc (id, name, symbol, managing_body, place_name, addressee,
                                   margin_top, margin_bottom, margin_left, margin_right)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT(id) DO UPDATE SET name = ?1, symbol = ?2, managing_body = ?3,
                   place_name = ?4, addressee = ?5, margin_top = ?6, margin_bottom = ?7,
                   margin_left = ?8, margin_right = ?9",
                params![
                    t(&b.name),
                    t(&b.symbol),
                    t(&b.managing_body),
                    t(&b.place_name),
                    t(&b.addressee),
                    b.margins.top,
                    b.margins.bottom,
                    b.margins.left,
                    b.margins.right
                ],
            )?;
            Ok(())
        })
    }

    /// The rules in force for `year`: the latest saved at or before it, else the defaults.
    pub fn rules_for(&self, year: Year) -> Result<Rules> {
        let json: Option<String> = self
            .conn()
            .query_row(
                "SELECT json FROM rules WHERE year <= ?1 ORDER BY year DESC LIMIT 1",
                [year],
                |r| r.get(0),
            )
            .optional()?;
        match json {
            Some(j) => serde_json::from_str(&j).map_err(|e| StoreError::BadValue(format!("quy chế năm {year}: {e}"))),
            None => Ok(Rules::default()),
        }
    }

    /// Every year that has its own rules, with them.
    pub fn all_rules(&self) -> Result<Vec<(Year, Rules)>> {
        let mut st = self.conn().prepare("SELECT year, json FROM rules ORDER BY year")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, Year>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (y, j) = row?;
            let rules = serde_json::from_str(&j).map_err(|e| StoreError::BadValue(format!("quy chế năm {y}: {e}")))?;
            out.push((y, rules));
        }
        Ok(out)
    }

    /// Saves the rules from `year` on (later years with their own rules keep them).
    pub fn save_rules(&mut self, year: Year, rules: &Rules) -> Result<()> {
        let problems = rules.problems();
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let mut rules = rules.clone();
        for f in &mut rules.award_forms {
            f.name = t(&f.name);
        }
        rules.legal_basis = rules.legal_basis.iter().map(|l| t(l)).collect();
        let json = serde_json::to_string(&rules).map_err(|e| StoreError::BadValue(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO rules (year, json) VALUES (?1, ?2) ON CONFLICT(year) DO UPDATE SET json = ?2",
                params![year, json],
            )?;
            Ok(())
        })
    }

    pub fn register(&self, year: Year) -> Result<Vec<RegisterEntry>> {
        let mut st = self.conn().prepare(
            "SELECT year, doc_type, number, title, issued_on, source FROM register WHERE year = ?1
             ORDER BY issued_on, doc_type, number",
        )?;
        let rows = st.query_map([year], |r| {
            Ok((
                r.get::<_, Year>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (year, code, number, title, issued_on, source) = row?;
            let doc_type = DocType::from_code(&code)
                .ok_or_else(|| StoreError::BadValue(format!("loại văn bản \u{201c}{code}\u{201d}")))?;
            out.push(RegisterEntry {
                year,
                doc_type,
                number,
                title,
                issued_on,
                source,
            });
        }
        Ok(out)
    }

    /// Takes the next number of `doc_type` in `year` for a document, in one transaction so that two
    /// exports never get the same number.
    pub fn register_document(
        &mut self,
        year: Year,
        doc_type: DocType,
        title: &str,
        issued_on: NaiveDate,
    ) -> Result<RegisterEntry> {
        self.write(|tx| {
            let max: Option<u32> = tx.query_row(
                "SELECT MAX(number) FROM register WHERE year = ?1 AND doc_type = ?2",
                params![year, doc_type.code()],
                |r| r.get(0),
            )?;
            let entry = RegisterEntry {
                year,
                doc_type,
                number: max.unwrap_or(0) + 1,
                title: t(title),
                issued_on,
                source: String::new(),
            };
            insert_register(tx, &entry)?;
            Ok(entry)
        })
    }

    /// The number of the document made from `source` ("minutes:12"): the one it already has, else
    /// `number` if given (refused when another document holds it), else the next free number.
    pub fn number_for(
        &mut self,
        year: Year,
        doc_type: DocType,
        source: &str,
        title: &str,
        issued_on: NaiveDate,
        number: Option<u32>,
    ) -> Result<RegisterEntry> {
        self.write(|tx| {
            let existing: Option<u32> = tx
                .query_row(
                    "SELECT number FROM register WHERE year = ?1 AND doc_type = ?2 AND source = ?3",
                    params![year, doc_type.code(), source],
                    |r| r.get(0),
                )
                .optional()?;
            let number = match (existing, number) {
                (Some(e), None) => e,
                (Some(e), Some(n)) if e == n => e,
                (existing, wanted) => {
                    if existing.is_some() {
                        tx.execute(
                            "DELETE FROM register WHERE year = ?1 AND doc_type = ?2 AND source = ?3",
                            params![year, doc_type.code(), source],
                        )?;
                    }
                    let n = match wanted {
                        Some(n) => n,
                        None => {
                            let max: Option<u32> = tx.query_row(
                                "SELECT MAX(number) FROM register WHERE year = ?1 AND doc_type = ?2",
                                params![year, doc_type.code()],
                                |r| r.get(0),
                            )?;
                            max.unwrap_or(0) + 1
                        }
                    };
                    insert_register(
                        tx,
                        &RegisterEntry {
                            year,
                            doc_type,
                            number: n,
                            title: t(title),
                            issued_on,
                            source: source.to_string(),
                        },
                    )?;
                    n
                }
            };
            Ok(RegisterEntry {
                year,
                doc_type,
                number,
                title: t(title),
                issued_on,
                source: source.to_string(),
            })
        })
    }

    /// Records a document whose number was given by hand; a number already used is refused.
    pub fn record_document(&mut self, entry: &RegisterEntry) -> Result<()> {
        self.write(|tx| insert_register(tx, entry))
    }
}

fn insert_register(tx: &rusqlite::Transaction, e: &RegisterEntry) -> Result<()> {
    let used: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM register WHERE year = ?1 AND doc_type = ?2 AND number = ?3)",
        params![e.year, e.doc_type.code(), e.number],
        |r| r.get(0),
    )?;
    if used {
        return Err(StoreError::BadValue(format!(
            "số {:02}/{} năm {} đã được dùng cho văn bản khác",
            e.number,
            e.doc_type.code(),
            e.year
        )));
    }
    tx.execute(
        "INSERT INTO register (year, doc_type, number, title, issued_on, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![e.year, e.doc_type.code(), e.number, t(&e.title), e.issued_on, e.source],
    )?;
    Ok(())
}
