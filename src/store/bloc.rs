//! The bloc's identity, its rules by year, and the document register.

use super::{t, Result, Store, StoreError};
use crate::domain::register::{next_number, placement_problem};
use crate::domain::validate::{year_problem, REGISTER_NUMBER_MAX};
use crate::domain::{Bloc, DocType, Margins, NumberSeries, Problem, RegisterEntry, Rules, Year};
use chrono::{Datelike, NaiveDate};
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
        StoreError::refuse(b.problems(), "Thông tin khối")?;
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
        let mut problems = rules.problems();
        if let Some(m) = year_problem(year) {
            problems.insert(0, Problem::new("year", m));
        }
        StoreError::refuse(problems, &format!("Quy chế từ năm {year}"))?;
        let mut rules = rules.clone();
        for f in &mut rules.award_forms {
            f.name = t(&f.name);
        }
        for l in &mut rules.legal_basis {
            l.citation = t(&l.citation);
        }
        rules.regulation_number = t(&rules.regulation_number);
        rules.regulation_issuer = t(&rules.regulation_issuer);
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
        select_register(
            self.conn(),
            "WHERE year = ?1 ORDER BY issued_on, doc_type, number",
            year.to_string(),
        )
    }

    /// Every document dated in `calendar_year`, whatever emulation year it belongs to: the entries
    /// that hold numbers of that year's series.
    pub fn register_dated_in(&self, calendar_year: i32) -> Result<Vec<RegisterEntry>> {
        dated_in(self.conn(), calendar_year)
    }

    /// The entry of the document made from `source` ("minutes:12") in emulation year `year`, if
    /// it was issued: its number and date, reused when it is printed again.
    pub fn issued(&self, year: Year, doc_type: DocType, source: &str) -> Result<Option<RegisterEntry>> {
        issued_entry(self.conn(), year, doc_type, source)
    }

    /// How numbers run in the calendar year `calendar_year`: the rules in force for that year.
    pub(super) fn series_of(&self, calendar_year: i32) -> Result<NumberSeries> {
        Ok(self.rules_for(calendar_year)?.number_series)
    }

    /// Takes the next number of `doc_type` in the series of `issued_on`'s calendar year for a
    /// document of emulation year `year`, in one transaction so that two exports never get the
    /// same number.
    pub fn register_document(
        &mut self,
        year: Year,
        doc_type: DocType,
        title: &str,
        issued_on: NaiveDate,
    ) -> Result<RegisterEntry> {
        let series = self.series_of(issued_on.year())?;
        self.write(|tx| {
            let entry = RegisterEntry {
                year,
                doc_type,
                number: next_free(tx, issued_on, doc_type, series)?,
                title: t(title),
                issued_on,
                source: String::new(),
            };
            issue(tx, &entry, series)?;
            Ok(entry)
        })
    }

    /// The number and date of the document made from `source` ("minutes:12") of emulation year
    /// `year`, dated `issued_on`:
    /// - already issued with that date (and `number` not given or the same): its entry, unchanged;
    /// - already issued, given a new date in the same calendar year: it keeps its number if the
    ///   new date still fits between its neighbours', else it takes the next free number;
    /// - else `number` if given, or the next free number of the series of `issued_on`'s calendar
    ///   year. A number held by another document, or out of order with the dates of its series
    ///   (see `domain::register`), is refused.
    pub fn number_for(
        &mut self,
        year: Year,
        doc_type: DocType,
        source: &str,
        title: &str,
        issued_on: NaiveDate,
        number: Option<u32>,
    ) -> Result<RegisterEntry> {
        let series = self.series_of(issued_on.year())?;
        self.write(|tx| number_in(tx, series, year, doc_type, source, title, issued_on, number))
    }

    /// Records a document as it was issued (a handover, a number given by hand): refused when its
    /// emulation year, calendar year, type and number are already recorded. The order of dates
    /// is not checked: a handover carries the numbers as they were signed.
    pub fn record_document(&mut self, entry: &RegisterEntry) -> Result<()> {
        self.write(|tx| insert_register(tx, entry))
    }
}

/// [`Store::number_for`] inside a transaction (also used to issue a draft with its number).
#[allow(clippy::too_many_arguments)]
pub(super) fn number_in(
    tx: &rusqlite::Connection,
    series: NumberSeries,
    year: Year,
    doc_type: DocType,
    source: &str,
    title: &str,
    issued_on: NaiveDate,
    number: Option<u32>,
) -> Result<RegisterEntry> {
    let existing = issued_entry(tx, year, doc_type, source)?;
    if let Some(e) = &existing {
        if number.is_none_or(|n| n == e.number) && e.issued_on == issued_on {
            return Ok(e.clone());
        }
        tx.execute(
            "DELETE FROM register WHERE year = ?1 AND doc_type = ?2 AND source = ?3",
            params![year, doc_type.code(), source],
        )?;
    }
    let kept = existing
        .as_ref()
        .filter(|e| e.issued_on.year() == issued_on.year())
        .map(|e| e.number);
    let n = match (number, kept) {
        (Some(n), _) => n,
        (None, Some(k))
            if placement_problem(&dated_in(tx, issued_on.year())?, doc_type, series, k, issued_on).is_none() =>
        {
            k
        }
        (None, _) => next_free(tx, issued_on, doc_type, series)?,
    };
    let entry = RegisterEntry {
        year,
        doc_type,
        number: n,
        title: existing.as_ref().map(|e| e.title.clone()).unwrap_or_else(|| t(title)),
        issued_on,
        source: source.to_string(),
    };
    issue(tx, &entry, series)?;
    Ok(entry)
}

fn select_register(conn: &rusqlite::Connection, filter: &str, arg: String) -> Result<Vec<RegisterEntry>> {
    let mut st = conn.prepare(&format!(
        "SELECT year, doc_type, number, title, issued_on, source FROM register {filter}"
    ))?;
    let rows = st.query_map([arg], |r| {
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

fn dated_in(conn: &rusqlite::Connection, calendar_year: i32) -> Result<Vec<RegisterEntry>> {
    select_register(
        conn,
        "WHERE substr(issued_on, 1, 4) = ?1 ORDER BY number, doc_type",
        format!("{calendar_year:04}"),
    )
}

fn issued_entry(
    conn: &rusqlite::Connection,
    year: Year,
    doc_type: DocType,
    source: &str,
) -> Result<Option<RegisterEntry>> {
    if source.is_empty() {
        return Ok(None);
    }
    let found = select_register(
        conn,
        &format!(
            "WHERE year = {} AND doc_type = '{}' AND source = ?1",
            i64::from(year),
            doc_type.code()
        ),
        source.to_string(),
    )?;
    Ok(found.into_iter().next())
}

/// One more than the highest number of the series of `issued_on`'s calendar year; refused past
/// 9999 (the register is full).
fn next_free(tx: &rusqlite::Connection, issued_on: NaiveDate, doc_type: DocType, series: NumberSeries) -> Result<u32> {
    let year = issued_on.year();
    let next = u64::from(next_number(&dated_in(tx, year)?, year, doc_type, series));
    match u32::try_from(next) {
        Ok(n) if n <= REGISTER_NUMBER_MAX => Ok(n),
        _ => Err(StoreError::Invalid(vec![Problem::new(
            "number",
            format!(
                "Sổ văn bản năm {year} đã dùng hết số {} (tối đa {REGISTER_NUMBER_MAX}). Hãy kiểm tra lại sổ văn bản, hoặc dùng một số còn trống (--number).",
                doc_type.label().to_lowercase()
            ),
        )
        .at(&format!("Sổ văn bản năm {year}"))])),
    }
}

/// Issues a new entry: every rule of a register entry, its place in its series (free, in order of
/// dates), then the insert.
fn issue(tx: &rusqlite::Connection, e: &RegisterEntry, series: NumberSeries) -> Result<()> {
    StoreError::refuse(e.problems(), &entry_label(e))?;
    if let Some(m) = placement_problem(
        &dated_in(tx, e.issued_on.year())?,
        e.doc_type,
        series,
        e.number,
        e.issued_on,
    ) {
        return Err(StoreError::Invalid(vec![
            Problem::new("issued_on", m).at(&entry_label(e))
        ]));
    }
    insert_register(tx, e)
}

fn entry_label(e: &RegisterEntry) -> String {
    format!(
        "Sổ văn bản năm {} · {} số {}",
        e.issued_on.year(),
        e.doc_type.label().to_lowercase(),
        e.number
    )
}

/// Every rule of a register entry, then that its number is still free in its emulation and
/// calendar year.
fn insert_register(tx: &rusqlite::Connection, e: &RegisterEntry) -> Result<()> {
    StoreError::refuse(e.problems(), &entry_label(e))?;
    let used: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM register WHERE year = ?1 AND doc_type = ?2 AND number = ?3
                          AND substr(issued_on, 1, 4) = substr(?4, 1, 4))",
        params![e.year, e.doc_type.code(), e.number, e.issued_on],
        |r| r.get(0),
    )?;
    if used {
        return Err(StoreError::BadValue(format!(
            "số {:02}/{} năm {} đã được dùng cho văn bản khác",
            e.number,
            e.doc_type.code(),
            e.issued_on.year()
        )));
    }
    tx.execute(
        "INSERT INTO register (year, doc_type, number, title, issued_on, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![e.year, e.doc_type.code(), e.number, t(&e.title), e.issued_on, e.source],
    )?;
    Ok(())
}
