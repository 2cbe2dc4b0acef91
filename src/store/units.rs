//! Units with their dated names and heads, membership by year, and leadership by year.

use super::{t, Result, Store, StoreError};
use crate::domain::unit::{clash_problems, leave_from, merge_problems, removal_refusal, LeavePlan, UnitUse, UseKind};
use crate::domain::validate::year_problem;
use crate::domain::{ChoiceMethod, Leadership, Problem, Rules, Unit, UnitHead, UnitId, UnitName, Year};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};

impl Store {
    /// Every unit the bloc has known, in id order, with names and heads.
    pub fn units(&self) -> Result<Vec<Unit>> {
        let c = self.conn();
        let mut units: Vec<Unit> = c
            .prepare("SELECT id, precedence, merged_into, merged_on, note FROM units ORDER BY id")?
            .query_map([], |r| {
                Ok(Unit {
                    id: r.get(0)?,
                    precedence: r.get(1)?,
                    names: Vec::new(),
                    heads: Vec::new(),
                    merged_into: r.get(2)?,
                    merged_on: r.get(3)?,
                    note: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<UnitId, usize> = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let mut st =
            c.prepare("SELECT unit_id, name, short_name, valid_from, valid_to FROM unit_names ORDER BY unit_id, ord")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: UnitId = r.get(0)?;
            if let Some(&i) = index.get(&id) {
                units[i].names.push(UnitName {
                    name: r.get(1)?,
                    short_name: r.get(2)?,
                    valid_from: r.get(3)?,
                    valid_to: r.get(4)?,
                });
            }
        }
        let mut st =
            c.prepare("SELECT unit_id, name, position, valid_from, valid_to FROM unit_heads ORDER BY unit_id, ord")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let id: UnitId = r.get(0)?;
            if let Some(&i) = index.get(&id) {
                units[i].heads.push(UnitHead {
                    name: r.get(1)?,
                    position: r.get(2)?,
                    valid_from: r.get(3)?,
                    valid_to: r.get(4)?,
                });
            }
        }
        Ok(units)
    }

    /// Inserts (id 0) or updates a unit with all its names and heads; sets `unit.id`.
    pub fn save_unit(&mut self, unit: &mut Unit) -> Result<UnitId> {
        StoreError::refuse(unit.problems(), &unit_record(unit))?;
        self.check_merges(std::slice::from_ref(unit))?;
        let id = self.write(|tx| write_unit(tx, unit))?;
        unit.id = id;
        Ok(id)
    }

    /// Saves several units in one transaction (a new bloc, an import).
    pub fn save_units(&mut self, units: &mut [Unit]) -> Result<()> {
        for u in units.iter() {
            StoreError::refuse(u.problems(), &unit_record(u))?;
        }
        self.check_merges(units)?;
        let ids = self.write(|tx| units.iter().map(|u| write_unit(tx, u)).collect::<Result<Vec<_>>>())?;
        for (u, id) in units.iter_mut().zip(ids) {
            u.id = id;
        }
        Ok(())
    }

    /// Adds new units (id 0) and makes them members of `year`, all in one transaction: every unit
    /// is added, or none. Refused when a unit breaks a rule or has the name or short name of a unit
    /// of the file or of another new unit.
    pub fn add_units(&mut self, units: &mut [Unit], year: Year) -> Result<()> {
        if let Some(m) = year_problem(year) {
            StoreError::refuse(
                vec![Problem::new("year", m)],
                &format!("Danh sách thành viên năm {year}"),
            )?;
        }
        for u in units.iter() {
            StoreError::refuse(u.problems(), &unit_record(u))?;
            if u.id != 0 {
                return Err(StoreError::BadValue(format!(
                    "{} đã có trong tệp (#{}); chỉ thêm được đơn vị mới",
                    unit_record(u),
                    u.id
                )));
            }
        }
        let existing = self.units()?;
        let clashes = clash_problems(&existing, units, |j| unit_record(&units[j]));
        if let Some((i, _)) = clashes.first() {
            let record = unit_record(&units[*i]);
            StoreError::refuse(clashes.into_iter().map(|(_, p)| p).collect(), &record)?;
        }
        self.check_merges(units)?;
        let ids = self.write(|tx| {
            let ids = units.iter().map(|u| write_unit(tx, u)).collect::<Result<Vec<_>>>()?;
            let mut st = tx.prepare("INSERT OR IGNORE INTO members (year, unit_id) VALUES (?1, ?2)")?;
            for id in &ids {
                st.execute(params![year, id])?;
            }
            Ok(ids)
        })?;
        for (u, id) in units.iter_mut().zip(ids) {
            u.id = id;
        }
        Ok(())
    }

    /// What `unit` has in the file besides its names, heads and membership: scores, ballots,
    /// signatures, leadership, proposals, decisions, awards, discipline, contributions, attendance,
    /// conference roles, units merged into it, its place in a rotation order. Sorted, without
    /// repeats. An empty score cell or an unsigned pledge line is not a record.
    pub fn unit_uses(&self, unit: UnitId) -> Result<Vec<UnitUse>> {
        uses_of(self.conn(), unit)
    }

    /// Deletes a unit that has no records (see [`Store::unit_uses`]): its names, heads, member
    /// lines, empty score cells and unsigned pledge lines go with it, in one transaction. Refused,
    /// with nothing written, when it has records; a unit that is no longer in the bloc leaves it
    /// from a year instead ([`Store::leave_bloc`]).
    pub fn delete_unit(&mut self, unit: UnitId) -> Result<()> {
        let Some(u) = self.units()?.into_iter().find(|u| u.id == unit) else {
            return Err(StoreError::NotFound(format!("đơn vị #{unit}")));
        };
        let record = unit_record(&u);
        self.write(|tx| {
            let uses = uses_of(tx, unit)?;
            if let Some(m) = removal_refusal(u.current_name(), &uses) {
                return StoreError::refuse(vec![Problem::new("unit", m)], &record);
            }
            for sql in [
                "DELETE FROM scores WHERE unit_id = ?1",
                "DELETE FROM pledge_signatures WHERE unit_id = ?1",
                "DELETE FROM members WHERE unit_id = ?1",
                "DELETE FROM unit_names WHERE unit_id = ?1",
                "DELETE FROM unit_heads WHERE unit_id = ?1",
                "DELETE FROM units WHERE id = ?1",
            ] {
                tx.execute(sql, [unit])?;
            }
            // Nothing may point at the unit any more (foreign keys are enforced; this says so).
            let dangling: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if dangling > 0 {
                return Err(StoreError::BadValue(format!(
                    "{record}: còn {dangling} bản ghi trỏ tới đơn vị sau khi xóa; chưa xóa"
                )));
            }
            Ok(())
        })
    }

    /// Every year's member list, by year.
    pub fn member_lists(&self) -> Result<BTreeMap<Year, Vec<UnitId>>> {
        let mut st = self.conn().prepare(
            "SELECT m.year, m.unit_id FROM members m JOIN units u ON u.id = m.unit_id
             ORDER BY m.year, u.precedence, u.id",
        )?;
        let mut rows = st.query([])?;
        let mut out: BTreeMap<Year, Vec<UnitId>> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            out.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
        Ok(out)
    }

    /// What [`Store::leave_bloc`] would change (year, new list), or why it is refused (field
    /// "leave_from"); nothing is written.
    pub fn leave_bloc_plan(&self, unit: UnitId, from: Year) -> Result<LeavePlan> {
        let Some(u) = self.units()?.into_iter().find(|u| u.id == unit) else {
            return Err(StoreError::NotFound(format!("đơn vị #{unit}")));
        };
        Ok(leave_from(&u, from, &self.member_lists()?, &self.unit_uses(unit)?))
    }

    /// The unit leaves the bloc from `from` on: it is taken off the member list of every year from
    /// `from`; `from`, when it has no list yet, gets the latest earlier list without it. Earlier
    /// years keep it, with all their records. Refused (nothing written) as
    /// [`crate::domain::unit::leave_from`] says. Returns the years whose lists changed.
    pub fn leave_bloc(&mut self, unit: UnitId, from: Year) -> Result<Vec<Year>> {
        let record = match self.units()?.into_iter().find(|u| u.id == unit) {
            Some(u) => unit_record(&u),
            None => return Err(StoreError::NotFound(format!("đơn vị #{unit}"))),
        };
        let changes = match self.leave_bloc_plan(unit, from)? {
            Ok(c) => c,
            Err(problems) => return StoreError::refuse(problems, &record).map(|_| Vec::new()),
        };
        self.write(|tx| {
            for (year, members) in &changes {
                tx.execute("DELETE FROM members WHERE year = ?1", [year])?;
                let mut st = tx.prepare("INSERT OR IGNORE INTO members (year, unit_id) VALUES (?1, ?2)")?;
                for u in members {
                    st.execute(params![year, u])?;
                }
            }
            Ok(())
        })?;
        Ok(changes.into_iter().map(|(y, _)| y).collect())
    }

    /// The years the file knows anything about (members, leadership, conferences, pledges), ascending.
    pub fn years(&self) -> Result<Vec<Year>> {
        let mut st = self.conn().prepare(
            "SELECT year FROM members UNION SELECT year FROM leadership UNION SELECT year FROM conferences
             UNION SELECT year FROM pledges ORDER BY 1",
        )?;
        let years = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(years)
    }

    pub fn members(&self, year: Year) -> Result<Vec<UnitId>> {
        let mut st = self.conn().prepare(
            "SELECT m.unit_id FROM members m JOIN units u ON u.id = m.unit_id
             WHERE m.year = ?1 ORDER BY u.precedence, u.id",
        )?;
        let ids = st.query_map([year], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Merges of `saving` against the units already in the file: the target must exist, and no
    /// chain of merges may come back to where it started.
    fn check_merges(&self, saving: &[Unit]) -> Result<()> {
        if saving.iter().all(|u| u.merged_into.is_none()) {
            return Ok(());
        }
        let mut all = self.units()?;
        for u in saving.iter().filter(|u| u.id != 0) {
            match all.iter_mut().find(|o| o.id == u.id) {
                Some(o) => *o = u.clone(),
                None => all.push(u.clone()),
            }
        }
        all.extend(saving.iter().filter(|u| u.id == 0).cloned());
        let concerned = |p: &Problem| {
            saving
                .iter()
                .any(|u| p.field == format!("units[{}].merged_into", u.id) || p.message.contains(&unit_quoted(u)))
        };
        let problems: Vec<Problem> = merge_problems(&all)
            .into_iter()
            .filter(concerned)
            .map(|p| Problem::new("merged_into", p.message))
            .collect();
        let record = saving.first().map(unit_record).unwrap_or_default();
        StoreError::refuse(problems, &record)
    }

    /// Replaces the member list of `year`.
    pub fn set_members(&mut self, year: Year, units: &[UnitId]) -> Result<()> {
        let mut problems = Vec::new();
        if let Some(m) = year_problem(year) {
            problems.push(Problem::new("year", m));
        }
        let known: Vec<UnitId> = self.units()?.iter().map(|u| u.id).collect();
        for u in units.iter().filter(|u| !known.contains(u)) {
            problems.push(Problem::new(
                "members",
                format!(
                    "Đơn vị #{u} không có trong tệp dữ liệu; hãy thêm đơn vị trước khi đưa vào danh sách thành viên."
                ),
            ));
        }
        StoreError::refuse(problems, &format!("Danh sách thành viên năm {year}"))?;
        self.write(|tx| {
            tx.execute("DELETE FROM members WHERE year = ?1", [year])?;
            let mut st = tx.prepare("INSERT OR IGNORE INTO members (year, unit_id) VALUES (?1, ?2)")?;
            for u in units {
                st.execute(params![year, u])?;
            }
            Ok(())
        })
    }

    pub fn leadership(&self, year: Year) -> Result<Option<Leadership>> {
        self.conn()
            .query_row(
                "SELECT year, head_unit, deputy_unit, method, conference_id, note FROM leadership WHERE year = ?1",
                [year],
                leadership_row,
            )
            .optional()?
            .transpose()
    }

    /// Every year's leadership, oldest first: the history a rotation looks back on.
    pub fn leadership_history(&self) -> Result<Vec<Leadership>> {
        let mut st = self.conn().prepare(
            "SELECT year, head_unit, deputy_unit, method, conference_id, note FROM leadership ORDER BY year",
        )?;
        let rows = st.query_map([], leadership_row)?;
        rows.map(|r| r?).collect()
    }

    /// Leadership decided at the conferences of `year`.
    pub fn leadership_decided_in(&self, year: Year) -> Result<Vec<Leadership>> {
        let mut st = self.conn().prepare(
            "SELECT l.year, l.head_unit, l.deputy_unit, l.method, l.conference_id, l.note FROM leadership l
             JOIN conferences c ON c.id = l.conference_id WHERE c.year = ?1 ORDER BY l.year",
        )?;
        let rows = st.query_map([year], leadership_row)?;
        rows.map(|r| r?).collect()
    }

    pub fn save_leadership(&mut self, l: &Leadership) -> Result<()> {
        let members = self.members(l.year)?;
        let mut problems = l.problems(&members);
        if let Some(c) = l.decided_at {
            if self.conference(c).is_err() {
                problems.push(Problem::new(
                    "decided_at",
                    format!("Hội nghị #{c} nơi quyết định không có trong tệp. Hãy chọn lại hội nghị."),
                ));
            }
        }
        StoreError::refuse(problems, &format!("Khối trưởng, Khối phó năm {}", l.year))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO leadership (year, head_unit, deputy_unit, method, conference_id, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(year) DO UPDATE SET head_unit = ?2, deputy_unit = ?3, method = ?4,
                   conference_id = ?5, note = ?6",
                params![l.year, l.head, l.deputy, l.method.code(), l.decided_at, t(&l.note)],
            )?;
            Ok(())
        })
    }
}

/// The uses of `unit` (see [`Store::unit_uses`]), read through `c` (inside a transaction too).
fn uses_of(c: &Connection, unit: UnitId) -> Result<Vec<UnitUse>> {
    const BY_YEAR: [(UseKind, &str); 12] = [
        (
            UseKind::Scores,
            "SELECT DISTINCT year FROM scores WHERE unit_id = ?1
               AND (self_score IS NOT NULL OR bloc_score IS NOT NULL)",
        ),
        (
            UseKind::Adjustments,
            "SELECT DISTINCT year FROM adjustments WHERE unit_id = ?1",
        ),
        (
            UseKind::Ballots,
            "SELECT DISTINCT c.year FROM ballot_candidates bc JOIN ballots b ON b.id = bc.ballot_id
               JOIN conferences c ON c.id = b.conference_id WHERE bc.unit_id = ?1",
        ),
        (
            UseKind::PledgeSignatures,
            "SELECT DISTINCT year FROM pledge_signatures WHERE unit_id = ?1
               AND (signed <> 0 OR signed_on IS NOT NULL OR signer_name <> '' OR signer_position <> '')",
        ),
        (
            UseKind::Leadership,
            "SELECT year FROM leadership WHERE head_unit = ?1 OR deputy_unit = ?1",
        ),
        (
            UseKind::Proposals,
            "SELECT DISTINCT year FROM proposals WHERE unit_id = ?1",
        ),
        (
            UseKind::Decisions,
            "SELECT DISTINCT d.year FROM decision_results r JOIN decisions d ON d.id = r.decision_id
               JOIN proposals p ON p.id = r.proposal_id WHERE p.unit_id = ?1",
        ),
        (
            UseKind::SectorAwards,
            "SELECT DISTINCT year FROM sector_awards WHERE unit_id = ?1",
        ),
        (
            UseKind::Discipline,
            "SELECT DISTINCT year FROM discipline WHERE unit_id = ?1",
        ),
        (
            UseKind::Contributions,
            "SELECT DISTINCT a.year FROM contributions c JOIN activities a ON a.id = c.activity_id
               WHERE c.unit_id = ?1",
        ),
        (
            UseKind::Attendance,
            "SELECT DISTINCT c.year FROM conference_attendance a JOIN conferences c ON c.id = a.conference_id
               WHERE a.unit_id = ?1",
        ),
        (
            UseKind::ConferenceRoles,
            "SELECT DISTINCT year FROM conferences
               WHERE host_unit = ?1 OR chair_unit = ?1 OR secretary_unit = ?1",
        ),
    ];
    let mut out = Vec::new();
    for (kind, sql) in BY_YEAR {
        let mut st = c.prepare(sql)?;
        for year in st.query_map([unit], |r| r.get::<_, Year>(0))? {
            out.push(UnitUse {
                kind,
                year: Some(year?),
            });
        }
    }
    let mut st = c.prepare("SELECT merged_on FROM units WHERE merged_into = ?1 AND id <> ?1")?;
    for on in st.query_map([unit], |r| r.get::<_, Option<NaiveDate>>(0))? {
        out.push(UnitUse {
            kind: UseKind::MergedFrom,
            year: on?.map(|d| d.year()),
        });
    }
    let mut st = c.prepare("SELECT year, json FROM rules ORDER BY year")?;
    for row in st.query_map([], |r| Ok((r.get::<_, Year>(0)?, r.get::<_, String>(1)?)))? {
        let (year, json) = row?;
        let rules: Rules =
            serde_json::from_str(&json).map_err(|e| StoreError::BadValue(format!("quy chế năm {year}: {e}")))?;
        if rules.rotation.order.contains(&unit) {
            out.push(UnitUse {
                kind: UseKind::RotationOrder,
                year: Some(year),
            });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// "Đơn vị “Công an tỉnh”", to say which record a refusal is about.
fn unit_record(u: &Unit) -> String {
    format!("Đơn vị {}", unit_quoted(u))
}

fn unit_quoted(u: &Unit) -> String {
    format!("\u{201c}{}\u{201d}", crate::domain::text::printable(u.current_name()))
}

type RowResult<T> = rusqlite::Result<Result<T>>;

fn leadership_row(r: &rusqlite::Row) -> RowResult<Leadership> {
    let code: String = r.get(3)?;
    let Some(method) = ChoiceMethod::from_code(&code) else {
        return Ok(Err(StoreError::BadValue(format!(
            "cách chọn Khối trưởng \u{201c}{code}\u{201d}"
        ))));
    };
    Ok(Ok(Leadership {
        year: r.get(0)?,
        head: r.get(1)?,
        deputy: r.get(2)?,
        method,
        decided_at: r.get(4)?,
        note: r.get(5)?,
    }))
}

fn write_unit(tx: &rusqlite::Connection, unit: &Unit) -> Result<UnitId> {
    let id = if unit.id == 0 {
        tx.execute(
            "INSERT INTO units (precedence, merged_into, merged_on, note) VALUES (?1, ?2, ?3, ?4)",
            params![unit.precedence, unit.merged_into, unit.merged_on, t(&unit.note)],
        )?;
        tx.last_insert_rowid()
    } else {
        let n = tx.execute(
            "UPDATE units SET precedence = ?2, merged_into = ?3, merged_on = ?4, note = ?5 WHERE id = ?1",
            params![
                unit.id,
                unit.precedence,
                unit.merged_into,
                unit.merged_on,
                t(&unit.note)
            ],
        )?;
        if n == 0 {
            // A unit carried over from another file keeps its id.
            tx.execute(
                "INSERT INTO units (id, precedence, merged_into, merged_on, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    unit.id,
                    unit.precedence,
                    unit.merged_into,
                    unit.merged_on,
                    t(&unit.note)
                ],
            )?;
        }
        unit.id
    };
    tx.execute("DELETE FROM unit_names WHERE unit_id = ?1", [id])?;
    tx.execute("DELETE FROM unit_heads WHERE unit_id = ?1", [id])?;
    let mut st = tx.prepare(
        "INSERT INTO unit_names (unit_id, ord, name, short_name, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, n) in (0_i64..).zip(&unit.names) {
        st.execute(params![id, i, t(&n.name), t(&n.short_name), n.valid_from, n.valid_to])?;
    }
    let mut st = tx.prepare(
        "INSERT INTO unit_heads (unit_id, ord, name, position, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, h) in (0_i64..).zip(&unit.heads) {
        st.execute(params![id, i, t(&h.name), t(&h.position), h.valid_from, h.valid_to])?;
    }
    Ok(id)
}
