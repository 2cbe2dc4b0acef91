//! Joint activities and each unit's contribution.

use super::{t, Result, Store, StoreError};
use crate::domain::{Activity, ActivityId, ActivityKind, Contribution, Year};
use rusqlite::params;

impl Store {
    pub fn activities(&self, year: Year) -> Result<Vec<Activity>> {
        let c = self.conn();
        let mut st = c.prepare(
            "SELECT id, year, date, kind, title, description FROM activities WHERE year = ?1 ORDER BY date, id",
        )?;
        let mut rows = st.query([year])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let code: String = r.get(3)?;
            out.push(Activity {
                id: r.get(0)?,
                year: r.get(1)?,
                date: r.get(2)?,
                kind: ActivityKind::from_code(&code)
                    .ok_or_else(|| StoreError::BadValue(format!("loại hoạt động \u{201c}{code}\u{201d}")))?,
                title: r.get(4)?,
                description: r.get(5)?,
                contributions: Vec::new(),
            });
        }
        let mut st =
            c.prepare("SELECT unit_id, amount, note FROM contributions WHERE activity_id = ?1 ORDER BY ord")?;
        for a in &mut out {
            a.contributions = st
                .query_map([a.id], |r| {
                    Ok(Contribution {
                        unit: r.get(0)?,
                        amount: r.get(1)?,
                        note: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(out)
    }

    pub fn save_activity(&mut self, a: &mut Activity) -> Result<ActivityId> {
        let members = self.members(a.year)?;
        StoreError::refuse(
            a.problems(&members),
            &format!("Hoạt động \u{201c}{}\u{201d}", crate::domain::text::printable(&a.title)),
        )?;
        let id = self.write(|tx| {
            let id = if a.id == 0 {
                tx.execute(
                    "INSERT INTO activities (year, date, kind, title, description) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![a.year, a.date, a.kind.code(), t(&a.title), t(&a.description)],
                )?;
                tx.last_insert_rowid()
            } else {
                tx.execute(
                    "INSERT INTO activities (id, year, date, kind, title, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(id) DO UPDATE SET year = ?2, date = ?3, kind = ?4, title = ?5, description = ?6",
                    params![a.id, a.year, a.date, a.kind.code(), t(&a.title), t(&a.description)],
                )?;
                a.id
            };
            tx.execute("DELETE FROM contributions WHERE activity_id = ?1", [id])?;
            let mut st = tx.prepare(
                "INSERT INTO contributions (activity_id, ord, unit_id, amount, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, c) in (0_i64..).zip(&a.contributions) {
                st.execute(params![id, i, c.unit, c.amount, t(&c.note)])?;
            }
            Ok(id)
        })?;
        a.id = id;
        Ok(id)
    }
}
