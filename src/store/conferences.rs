//! Conferences with attendance, guests, proceedings and tasks.

use super::{t, Result, Store, StoreError};
use crate::domain::{Attendance, Conference, ConferenceId, ConferenceKind, Guest, PartOfDay, Person, Section, Year};
use rusqlite::{params, Connection};
use std::collections::HashMap;

const SELECT: &str = "SELECT id, year, kind, title, date, start_time, end_time, place, host_unit,
    chair_name, chair_position, chair_unit, secretary_name, secretary_position, secretary_unit, notes,
    attendance_known, part_of_day, tasks_count
    FROM conferences";

impl Store {
    /// The conferences of `year` in date order, whole.
    pub fn conferences(&self, year: Year) -> Result<Vec<Conference>> {
        load(
            self.conn(),
            &format!("{SELECT} WHERE year = ?1 ORDER BY date, id"),
            i64::from(year),
        )
    }

    pub fn conference(&self, id: ConferenceId) -> Result<Conference> {
        load(self.conn(), &format!("{SELECT} WHERE id = ?1"), id)?
            .pop()
            .ok_or_else(|| StoreError::NotFound(format!("hội nghị số {id}")))
    }

    /// Inserts (id 0) or replaces a conference with all its parts; sets `c.id`.
    pub fn save_conference(&mut self, c: &mut Conference) -> Result<ConferenceId> {
        let members = self.members(c.year)?;
        StoreError::refuse(
            c.problems(&members),
            &format!("Hội nghị \u{201c}{}\u{201d}", crate::domain::text::printable(&c.title)),
        )?;
        let id = self.write(|tx| {
            let values = params![
                c.year,
                c.kind.code(),
                t(&c.title),
                c.date,
                c.start,
                c.end,
                t(&c.place),
                c.host_unit,
                t(&c.chair.name),
                t(&c.chair.position),
                c.chair.unit,
                t(&c.secretary.name),
                t(&c.secretary.position),
                c.secretary.unit,
                t(&c.notes),
                c.id,
            ];
            let id = if c.id == 0 {
                tx.execute(
                    "INSERT INTO conferences (year, kind, title, date, start_time, end_time, place, host_unit,
                       chair_name, chair_position, chair_unit, secretary_name, secretary_position,
                       secretary_unit, notes)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                    &values[..15],
                )?;
                tx.last_insert_rowid()
            } else {
                tx.execute(
                    "INSERT INTO conferences (year, kind, title, date, start_time, end_time, place, host_unit,
                       chair_name, chair_position, chair_unit, secretary_name, secretary_position,
                       secretary_unit, notes, id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                     ON CONFLICT(id) DO UPDATE SET year = ?1, kind = ?2, title = ?3, date = ?4,
                       start_time = ?5, end_time = ?6, place = ?7, host_unit = ?8, chair_name = ?9,
                       chair_position = ?10, chair_unit = ?11, secretary_name = ?12,
                       secretary_position = ?13, secretary_unit = ?14, notes = ?15",
                    values,
                )?;
                c.id
            };
            tx.execute(
                "UPDATE conferences SET attendance_known = ?2, part_of_day = ?3, tasks_count = ?4 WHERE id = ?1",
                params![
                    id,
                    c.attendance_known,
                    c.part_of_day.map(PartOfDay::code),
                    c.tasks_count
                ],
            )?;
            for table in [
                "conference_attendance",
                "conference_guests",
                "conference_sections",
                "conference_tasks",
            ] {
                tx.execute(&format!("DELETE FROM {table} WHERE conference_id = ?1"), [id])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO conference_attendance (conference_id, ord, unit_id, present, note, representative,
                   representative_position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (i, a) in (0_i64..).zip(&c.attendance) {
                st.execute(params![
                    id,
                    i,
                    a.unit,
                    a.present,
                    t(&a.note),
                    t(&a.representative),
                    t(&a.representative_position)
                ])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO conference_guests (conference_id, ord, name, position, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, g) in (0_i64..).zip(&c.guests) {
                st.execute(params![id, i, t(&g.name), t(&g.position), t(&g.body)])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO conference_sections (conference_id, ord, heading, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (i, s) in (0_i64..).zip(&c.sections) {
                st.execute(params![id, i, t(&s.heading), t(&s.body)])?;
            }
            let mut st = tx.prepare("INSERT INTO conference_tasks (conference_id, ord, text) VALUES (?1, ?2, ?3)")?;
            for (i, task) in (0_i64..).zip(&c.tasks) {
                st.execute(params![id, i, t(task)])?;
            }
            Ok(id)
        })?;
        c.id = id;
        Ok(id)
    }

    /// Deletes a conference and everything attached to it (its ballots too).
    pub fn delete_conference(&mut self, id: ConferenceId) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM conferences WHERE id = ?1", [id])?;
            Ok(())
        })
    }
}

fn load(c: &Connection, sql: &str, key: i64) -> Result<Vec<Conference>> {
    let mut out: Vec<Conference> = Vec::new();
    let mut st = c.prepare(sql)?;
    let mut rows = st.query([key])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(2)?;
        let kind = ConferenceKind::from_code(&code)
            .ok_or_else(|| StoreError::BadValue(format!("loại hội nghị \u{201c}{code}\u{201d}")))?;
        let part: Option<String> = r.get(17)?;
        let part_of_day = match part {
            None => None,
            Some(p) => Some(
                PartOfDay::from_code(&p)
                    .ok_or_else(|| StoreError::BadValue(format!("buổi họp \u{201c}{p}\u{201d}")))?,
            ),
        };
        out.push(Conference {
            id: r.get(0)?,
            year: r.get(1)?,
            kind,
            title: r.get(3)?,
            date: r.get(4)?,
            start: r.get(5)?,
            end: r.get(6)?,
            part_of_day,
            place: r.get(7)?,
            host_unit: r.get(8)?,
            chair: Person {
                name: r.get(9)?,
                position: r.get(10)?,
                unit: r.get(11)?,
            },
            secretary: Person {
                name: r.get(12)?,
                position: r.get(13)?,
                unit: r.get(14)?,
            },
            attendance_known: r.get(16)?,
            attendance: Vec::new(),
            guests: Vec::new(),
            sections: Vec::new(),
            tasks: Vec::new(),
            tasks_count: r.get(18)?,
            notes: r.get(15)?,
        });
    }
    if out.is_empty() {
        return Ok(out);
    }
    let index: HashMap<ConferenceId, usize> = out.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let ids = out.iter().map(|c| c.id.to_string()).collect::<Vec<_>>().join(",");
    let children = |table: &str, cols: &str| {
        format!("SELECT conference_id, {cols} FROM {table} WHERE conference_id IN ({ids}) ORDER BY conference_id, ord")
    };
    let mut st = c.prepare(&children(
        "conference_attendance",
        "unit_id, present, note, representative, representative_position",
    ))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out[index[&r.get::<_, i64>(0)?]].attendance.push(Attendance {
            unit: r.get(1)?,
            present: r.get(2)?,
            note: r.get(3)?,
            representative: r.get(4)?,
            representative_position: r.get(5)?,
        });
    }
    let mut st = c.prepare(&children("conference_guests", "name, position, body"))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out[index[&r.get::<_, i64>(0)?]].guests.push(Guest {
            name: r.get(1)?,
            position: r.get(2)?,
            body: r.get(3)?,
        });
    }
    let mut st = c.prepare(&children("conference_sections", "heading, body"))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out[index[&r.get::<_, i64>(0)?]].sections.push(Section {
            heading: r.get(1)?,
            body: r.get(2)?,
        });
    }
    let mut st = c.prepare(&children("conference_tasks", "text"))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        out[index[&r.get::<_, i64>(0)?]].tasks.push(r.get(1)?);
    }
    Ok(out)
}
