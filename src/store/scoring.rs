//! The score sheet of a year: criteria, scores per unit and criterion, bonuses and penalties.

use super::{t, Result, Store, StoreError};
use crate::domain::{Adjustment, AdjustmentKind, Criterion, Points, ScoreEntry, ScoreSheet, Year};
use rusqlite::params;

fn points(v: Option<i64>) -> Option<Points> {
    v.map(Points::from_hundredths)
}

impl Store {
    pub fn score_sheet(&self, year: Year) -> Result<ScoreSheet> {
        let c = self.conn();
        let criteria: Vec<Criterion> = c
            .prepare("SELECT code, group_name, name, max_points FROM criteria WHERE year = ?1 ORDER BY ord")?
            .query_map([year], |r| {
                Ok(Criterion {
                    code: r.get(0)?,
                    group: r.get(1)?,
                    name: r.get(2)?,
                    max_points: Points::from_hundredths(r.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // Scores of the year's criteria, by unit then in the criteria's order. Ordered here rather
        // than by a join in SQL: one index lookup per score made a 500-unit file slow to check.
        let order: std::collections::HashMap<&str, usize> =
            criteria.iter().enumerate().map(|(i, k)| (k.code.as_str(), i)).collect();
        let mut entries: Vec<(usize, ScoreEntry)> = Vec::new();
        let mut st = c.prepare("SELECT unit_id, criterion, self_score, bloc_score FROM scores WHERE year = ?1")?;
        let mut rows = st.query([year])?;
        while let Some(r) = rows.next()? {
            let criterion: String = r.get(1)?;
            let Some(&ord) = order.get(criterion.as_str()) else {
                continue; // a score of a criterion the year no longer has
            };
            entries.push((
                ord,
                ScoreEntry {
                    unit: r.get(0)?,
                    criterion,
                    self_score: points(r.get(2)?),
                    bloc_score: points(r.get(3)?),
                },
            ));
        }
        entries.sort_by_key(|(ord, e)| (e.unit, *ord));
        let entries: Vec<ScoreEntry> = entries.into_iter().map(|(_, e)| e).collect();
        let mut adjustments = Vec::new();
        let mut st = c.prepare("SELECT unit_id, kind, points, reason FROM adjustments WHERE year = ?1 ORDER BY ord")?;
        let mut rows = st.query([year])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(1)?;
            adjustments.push(Adjustment {
                unit: r.get(0)?,
                kind: AdjustmentKind::from_code(&code)
                    .ok_or_else(|| StoreError::BadValue(format!("loại điểm \u{201c}{code}\u{201d}")))?,
                points: Points::from_hundredths(r.get(2)?),
                reason: r.get(3)?,
            });
        }
        Ok(ScoreSheet {
            year,
            criteria,
            entries,
            adjustments,
        })
    }

    /// Replaces the whole score sheet of its year. Every rule of the sheet is checked first (scores
    /// within 0..=the maximum of their criterion, bounds, text, the rules' scale); only cells not
    /// scored yet are allowed, so a sheet can be saved while it is being filled in.
    pub fn save_score_sheet(&mut self, s: &ScoreSheet) -> Result<()> {
        let year = s.year;
        let members = self.members(year)?;
        let scale = self.rules_for(year)?.score_scale;
        let problems = s
            .problems(&members, scale)
            .into_iter()
            .filter(|p| !p.field.starts_with("missing["))
            .collect();
        StoreError::refuse(problems, &format!("Bảng điểm năm {year}"))?;
        self.write(|tx| {
            tx.execute("DELETE FROM adjustments WHERE year = ?1", [year])?;
            tx.execute("DELETE FROM scores WHERE year = ?1", [year])?;
            tx.execute("DELETE FROM criteria WHERE year = ?1", [year])?;
            insert_criteria(tx, year, &s.criteria)?;
            let mut st = tx.prepare(
                "INSERT INTO scores (year, unit_id, criterion, self_score, bloc_score) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for e in &s.entries {
                st.execute(params![
                    year,
                    e.unit,
                    t(&e.criterion),
                    e.self_score.map(Points::hundredths),
                    e.bloc_score.map(Points::hundredths)
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO adjustments (year, ord, unit_id, kind, points, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, a) in (0_i64..).zip(&s.adjustments) {
                st.execute(params![
                    year,
                    i,
                    a.unit,
                    a.kind.code(),
                    a.points.hundredths(),
                    t(&a.reason)
                ])?;
            }
            Ok(())
        })
    }
}

/// Writes the year's criteria in their order (the year has none yet).
pub(super) fn insert_criteria(tx: &rusqlite::Connection, year: Year, criteria: &[Criterion]) -> Result<()> {
    let mut st = tx.prepare(
        "INSERT INTO criteria (year, code, ord, group_name, name, max_points) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, k) in (0_i64..).zip(criteria) {
        st.execute(params![
            year,
            t(&k.code),
            i,
            t(&k.group),
            t(&k.name),
            k.max_points.hundredths()
        ])?;
    }
    Ok(())
}
