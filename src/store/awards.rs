//! Award proposals, the province's decisions on them, and awards from a unit's own sector.

use super::{t, Result, Store, StoreError};
use crate::domain::award::discipline_problems;
use crate::domain::validate::Problems;
use crate::domain::{
    AwardHistoryEntry, Decision, DecisionId, DecisionResult, Discipline, Points, Proposal, ProposalId, ProposalStatus,
    SectorAward, UnitId, Year,
};
use rusqlite::params;

impl Store {
    pub fn proposals(&self, year: Year) -> Result<Vec<Proposal>> {
        let mut st = self.conn().prepare(
            "SELECT id, year, form, unit_id, rank, score, votes, votes_base, status, override_note, note, by_consensus
             FROM proposals WHERE year = ?1 ORDER BY id",
        )?;
        let mut rows = st.query([year])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let code: String = r.get(8)?;
            out.push(Proposal {
                id: r.get(0)?,
                year: r.get(1)?,
                form: r.get(2)?,
                unit: r.get(3)?,
                rank: r.get(4)?,
                score: r.get::<_, Option<i64>>(5)?.map(Points::from_hundredths),
                votes: r.get(6)?,
                votes_base: r.get(7)?,
                status: ProposalStatus::from_code(&code)
                    .ok_or_else(|| StoreError::BadValue(format!("trạng thái đề nghị \u{201c}{code}\u{201d}")))?,
                by_consensus: r.get(11)?,
                override_note: r.get(9)?,
                note: r.get(10)?,
            });
        }
        Ok(out)
    }

    /// Inserts (id 0) or updates a proposal; sets `p.id`.
    pub fn save_proposal(&mut self, p: &mut Proposal) -> Result<ProposalId> {
        let members = self.members(p.year)?;
        let rules = self.rules_for(p.year)?;
        let forms: Vec<&str> = rules.award_forms.iter().map(|f| f.code.as_str()).collect();
        StoreError::refuse(
            p.problems(&members, &forms),
            &format!("Đề nghị khen thưởng năm {}", p.year),
        )?;
        let id = self.write(|tx| {
            let values = params![
                p.year,
                t(&p.form),
                p.unit,
                p.rank,
                p.score.map(Points::hundredths),
                p.votes,
                p.votes_base,
                p.status.code(),
                t(&p.override_note),
                t(&p.note),
                p.id
            ];
            let id = if p.id == 0 {
                tx.execute(
                    "INSERT INTO proposals (year, form, unit_id, rank, score, votes, votes_base, status, override_note, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    &values[..10],
                )?;
                tx.last_insert_rowid()
            } else {
                tx.execute(
                    "INSERT INTO proposals (year, form, unit_id, rank, score, votes, votes_base, status, override_note, note, id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT(id) DO UPDATE SET year = ?1, form = ?2, unit_id = ?3, rank = ?4, score = ?5,
                       votes = ?6, votes_base = ?7, status = ?8, override_note = ?9, note = ?10",
                    values,
                )?;
                p.id
            };
            tx.execute(
                "UPDATE proposals SET by_consensus = ?2 WHERE id = ?1",
                params![id, p.by_consensus],
            )?;
            Ok(id)
        })?;
        p.id = id;
        Ok(id)
    }

    pub fn delete_proposal(&mut self, id: ProposalId) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM proposals WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    pub fn decisions(&self, year: Year) -> Result<Vec<Decision>> {
        let c = self.conn();
        let mut decisions: Vec<Decision> = c
            .prepare("SELECT id, year, number, signed_on, issuing_body FROM decisions WHERE year = ?1 ORDER BY signed_on, id")?
            .query_map([year], |r| {
                Ok(Decision {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    number: r.get(2)?,
                    signed_on: r.get(3)?,
                    issuing_body: r.get(4)?,
                    results: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = c.prepare(
            "SELECT proposal_id, granted, note FROM decision_results WHERE decision_id = ?1 ORDER BY proposal_id",
        )?;
        for d in &mut decisions {
            d.results = st
                .query_map([d.id], |r| {
                    Ok(DecisionResult {
                        proposal: r.get(0)?,
                        granted: r.get(1)?,
                        note: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(decisions)
    }

    /// Saves a decision and closes the loop: each proposal it names becomes granted or refused.
    pub fn save_decision(&mut self, d: &mut Decision) -> Result<DecisionId> {
        let proposals = self.proposals(d.year)?;
        StoreError::refuse(
            d.problems(&proposals),
            &format!("Quyết định khen thưởng năm {}", d.year),
        )?;
        let id = self.write(|tx| {
            let id = if d.id == 0 {
                tx.execute(
                    "INSERT INTO decisions (year, number, signed_on, issuing_body) VALUES (?1, ?2, ?3, ?4)",
                    params![d.year, t(&d.number), d.signed_on, t(&d.issuing_body)],
                )?;
                tx.last_insert_rowid()
            } else {
                tx.execute(
                    "INSERT INTO decisions (id, year, number, signed_on, issuing_body) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(id) DO UPDATE SET year = ?2, number = ?3, signed_on = ?4, issuing_body = ?5",
                    params![d.id, d.year, t(&d.number), d.signed_on, t(&d.issuing_body)],
                )?;
                d.id
            };
            tx.execute("DELETE FROM decision_results WHERE decision_id = ?1", [id])?;
            let mut st = tx.prepare(
                "INSERT INTO decision_results (decision_id, proposal_id, granted, note) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut status = tx.prepare("UPDATE proposals SET status = ?2 WHERE id = ?1")?;
            for r in &d.results {
                st.execute(params![id, r.proposal, r.granted, t(&r.note)])?;
                let s = if r.granted {
                    ProposalStatus::Granted
                } else {
                    ProposalStatus::Refused
                };
                status.execute(params![r.proposal, s.code()])?;
            }
            Ok(id)
        })?;
        d.id = id;
        Ok(id)
    }

    pub fn sector_awards(&self, year: Year) -> Result<Vec<SectorAward>> {
        let mut st = self.conn().prepare(
            "SELECT unit_id, year, name, issuing_body, decision_number FROM sector_awards WHERE year = ?1 ORDER BY ord",
        )?;
        let rows = st.query_map([year], |r| {
            Ok(SectorAward {
                unit: r.get(0)?,
                year: r.get(1)?,
                name: r.get(2)?,
                issuing_body: r.get(3)?,
                decision_number: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the sector awards recorded for `year`.
    pub fn save_sector_awards(&mut self, year: Year, awards: &[SectorAward]) -> Result<()> {
        let members = self.members(year)?;
        let mut p = Problems::default();
        p.year(year, "year");
        for (i, a) in awards.iter().enumerate() {
            p.extend_within(&format!("sector_awards[{i}]"), a.problems(&members));
            p.check(
                a.year == year,
                &format!("sector_awards[{i}].year"),
                format!("Khen thưởng của năm {} không thuộc danh sách năm {year}.", a.year),
            );
        }
        StoreError::refuse(p.into_vec(), &format!("Khen thưởng của ngành năm {year}"))?;
        self.write(|tx| {
            tx.execute("DELETE FROM sector_awards WHERE year = ?1", [year])?;
            let mut st = tx.prepare(
                "INSERT INTO sector_awards (year, ord, unit_id, name, issuing_body, decision_number)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (i, a) in (0_i64..).zip(awards) {
                st.execute(params![
                    year,
                    i,
                    a.unit,
                    t(&a.name),
                    t(&a.issuing_body),
                    t(&a.decision_number)
                ])?;
            }
            Ok(())
        })
    }
}

impl Store {
    pub fn discipline(&self, year: Year) -> Result<Vec<Discipline>> {
        let mut st = self
            .conn()
            .prepare("SELECT unit_id, year, reason FROM discipline WHERE year = ?1 ORDER BY unit_id")?;
        let rows = st.query_map([year], |r| {
            Ok(Discipline {
                unit: r.get(0)?,
                year: r.get(1)?,
                reason: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the units under discipline in `year`.
    pub fn save_discipline(&mut self, year: Year, list: &[Discipline]) -> Result<()> {
        let members = self.members(year)?;
        let mut p = Problems::default();
        p.year(year, "year");
        p.0.extend(discipline_problems(list, &members));
        for (i, d) in list.iter().enumerate() {
            p.check(
                d.year == year,
                &format!("discipline[{i}].year"),
                format!("Kỷ luật của năm {} không thuộc danh sách năm {year}.", d.year),
            );
        }
        StoreError::refuse(p.into_vec(), &format!("Danh sách kỷ luật năm {year}"))?;
        self.write(|tx| {
            tx.execute("DELETE FROM discipline WHERE year = ?1", [year])?;
            let mut st = tx.prepare("INSERT INTO discipline (year, unit_id, reason) VALUES (?1, ?2, ?3)")?;
            for d in list {
                st.execute(params![year, d.unit, t(&d.reason)])?;
            }
            Ok(())
        })
    }

    /// A unit's awards across every year: the bloc's proposals with their decisions, and the awards
    /// of its own sector. Oldest first.
    pub fn award_history(&self, unit: UnitId) -> Result<Vec<AwardHistoryEntry>> {
        let mut out = Vec::new();
        let mut st = self.conn().prepare(
            "SELECT p.year, p.form, p.status, d.number, d.signed_on FROM proposals p
             LEFT JOIN decision_results r ON r.proposal_id = p.id
             LEFT JOIN decisions d ON d.id = r.decision_id
             WHERE p.unit_id = ?1 ORDER BY p.year, p.id",
        )?;
        type Row = (Year, String, String, Option<String>, Option<chrono::NaiveDate>);
        let rows: Vec<Row> = st
            .query_map([unit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (year, form, status, number, signed_on) in rows {
            let rules = self.rules_for(year)?;
            out.push(AwardHistoryEntry {
                year,
                award: rules.form(&form).map(|f| f.name.clone()).unwrap_or(form),
                status: ProposalStatus::from_code(&status)
                    .map(|s| s.label())
                    .unwrap_or("")
                    .to_string(),
                decision: match (number, signed_on) {
                    (Some(n), Some(d)) => format!("{n} ngày {}", crate::domain::text::date_dmy(d)),
                    _ => String::new(),
                },
            });
        }
        let mut st = self.conn().prepare(
            "SELECT year, name, issuing_body, decision_number FROM sector_awards WHERE unit_id = ?1 ORDER BY year, ord",
        )?;
        let sector: Vec<AwardHistoryEntry> = st
            .query_map([unit], |r| {
                Ok(AwardHistoryEntry {
                    year: r.get(0)?,
                    award: r.get(1)?,
                    status: format!("Khen thưởng của ngành ({})", r.get::<_, String>(2)?),
                    decision: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.extend(sector);
        out.sort_by_key(|e| e.year);
        Ok(out)
    }
}
