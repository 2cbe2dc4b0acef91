//! Ballots with their counting board and candidates.

use super::{t, Result, Store, StoreError};
use crate::domain::{Ballot, BallotId, BallotPurpose, BoardMember, Candidate, ConferenceId, Year};
use rusqlite::{params, Connection};
use std::collections::HashMap;

const SELECT: &str = "SELECT b.id, b.conference_id, b.question, b.purpose, b.award_form, b.target_year,
    b.max_choices, b.issued, b.returned, b.valid, b.invalid, b.counted_at FROM ballots b";

impl Store {
    /// The ballots of every conference of `year`, in conference then entry order.
    pub fn ballots(&self, year: Year) -> Result<Vec<Ballot>> {
        load(
            self.conn(),
            &format!(
                "{SELECT} JOIN conferences c ON c.id = b.conference_id WHERE c.year = ?1 ORDER BY c.date, c.id, b.id"
            ),
            i64::from(year),
        )
    }

    pub fn ballots_of_conference(&self, conference: ConferenceId) -> Result<Vec<Ballot>> {
        load(
            self.conn(),
            &format!("{SELECT} WHERE b.conference_id = ?1 ORDER BY b.id"),
            conference,
        )
    }

    pub fn ballot(&self, id: BallotId) -> Result<Ballot> {
        load(self.conn(), &format!("{SELECT} WHERE b.id = ?1"), id)?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("cuộc bỏ phiếu số {id}")))
    }

    /// Inserts (id 0) or replaces a ballot; its arithmetic must be right. Sets `b.id`.
    pub fn save_ballot(&mut self, b: &mut Ballot) -> Result<BallotId> {
        let conference = self.conference(b.conference)?;
        let members = self.members(conference.year)?;
        StoreError::refuse(
            b.problems(&members, Some(&conference)),
            &format!(
                "Cuộc bỏ phiếu \u{201c}{}\u{201d}",
                crate::domain::text::printable(&b.question)
            ),
        )?;
        let id = self.write(|tx| {
            let id = if b.id == 0 {
                tx.execute(
                    "INSERT INTO ballots (conference_id, question, purpose, award_form, target_year, max_choices,
                       issued, returned, valid, invalid, counted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![
                        b.conference,
                        t(&b.question),
                        b.purpose.code(),
                        b.purpose.award_form(),
                        b.purpose.target_year(),
                        b.max_choices,
                        b.issued,
                        b.returned,
                        b.valid,
                        b.invalid,
                        b.counted_at
                    ],
                )?;
                tx.last_insert_rowid()
            } else {
                tx.execute(
                    "INSERT INTO ballots (id, conference_id, question, purpose, award_form, target_year, max_choices,
                       issued, returned, valid, invalid, counted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                     ON CONFLICT(id) DO UPDATE SET conference_id = ?2, question = ?3, purpose = ?4,
                       award_form = ?5, target_year = ?6, max_choices = ?7, issued = ?8, returned = ?9,
                       valid = ?10, invalid = ?11, counted_at = ?12",
                    params![
                        b.id,
                        b.conference,
                        t(&b.question),
                        b.purpose.code(),
                        b.purpose.award_form(),
                        b.purpose.target_year(),
                        b.max_choices,
                        b.issued,
                        b.returned,
                        b.valid,
                        b.invalid,
                        b.counted_at
                    ],
                )?;
                b.id
            };
            tx.execute("DELETE FROM ballot_board WHERE ballot_id = ?1", [id])?;
            tx.execute("DELETE FROM ballot_candidates WHERE ballot_id = ?1", [id])?;
            let mut st = tx.prepare(
                "INSERT INTO ballot_board (ballot_id, ord, name, position, role) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, m) in (0_i64..).zip(&b.board) {
                st.execute(params![id, i, t(&m.name), t(&m.position), t(&m.role)])?;
            }
            let mut st =
                tx.prepare("INSERT INTO ballot_candidates (ballot_id, ord, unit_id, votes) VALUES (?1, ?2, ?3, ?4)")?;
            for (i, c) in (0_i64..).zip(&b.candidates) {
                st.execute(params![id, i, c.unit, c.votes])?;
            }
            Ok(id)
        })?;
        b.id = id;
        Ok(id)
    }

    pub fn delete_ballot(&mut self, id: BallotId) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM ballots WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

fn load(c: &Connection, sql: &str, key: i64) -> Result<Vec<Ballot>> {
    let mut out: Vec<Ballot> = Vec::new();
    let mut st = c.prepare(sql)?;
    let mut rows = st.query([key])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(3)?;
        let purpose = BallotPurpose::from_parts(&code, r.get(4)?, r.get(5)?)
            .ok_or_else(|| StoreError::BadValue(format!("mục đích bỏ phiếu \u{201c}{code}\u{201d}")))?;
        out.push(Ballot {
            id: r.get(0)?,
            conference: r.get(1)?,
            question: r.get(2)?,
            purpose,
            max_choices: r.get(6)?,
            counted_at: r.get(11)?,
            board: Vec::new(),
            issued: r.get(7)?,
            returned: r.get(8)?,
            valid: r.get(9)?,
            invalid: r.get(10)?,
            candidates: Vec::new(),
        });
    }
    if out.is_empty() {
        return Ok(out);
    }
    let index: HashMap<BallotId, usize> = out.iter().enumerate().map(|(i, b)| (b.id, i)).collect();
    let ids = out.iter().map(|b| b.id.to_string()).collect::<Vec<_>>().join(",");
    let mut st = c.prepare(&format!(
        "SELECT ballot_id, name, position, role FROM ballot_board WHERE ballot_id IN ({ids}) ORDER BY ballot_id, ord"
    ))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out[index[&r.get::<_, i64>(0)?]].board.push(BoardMember {
            name: r.get(1)?,
            position: r.get(2)?,
            role: r.get(3)?,
        });
    }
    let mut st = c.prepare(&format!(
        "SELECT ballot_id, unit_id, votes FROM ballot_candidates WHERE ballot_id IN ({ids}) ORDER BY ballot_id, ord"
    ))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out[index[&r.get::<_, i64>(0)?]].candidates.push(Candidate {
            unit: r.get(1)?,
            votes: r.get(2)?,
        });
    }
    Ok(out)
}
