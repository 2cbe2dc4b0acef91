//! The pledge of a year with its numbered contents and signatures.

use super::{t, Result, Store, StoreError};
use crate::domain::{Pledge, PledgeItem, Signature, Year};
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn pledge(&self, year: Year) -> Result<Option<Pledge>> {
        let c = self.conn();
        let head = c
            .query_row(
                "SELECT theme, conference_id FROM pledges WHERE year = ?1",
                [year],
                |r| Ok((r.get::<_, String>(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((theme, signing_conference)) = head else {
            return Ok(None);
        };
        let items = c
            .prepare("SELECT content, target FROM pledge_items WHERE year = ?1 ORDER BY ord")?
            .query_map([year], |r| {
                Ok(PledgeItem {
                    content: r.get(0)?,
                    target: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let signatures = c
            .prepare(
                "SELECT unit_id, signed, signed_on, signer_name, signer_position FROM pledge_signatures
                 WHERE year = ?1 ORDER BY ord",
            )?
            .query_map([year], |r| {
                Ok(Signature {
                    unit: r.get(0)?,
                    signed: r.get(1)?,
                    signed_on: r.get(2)?,
                    signer_name: r.get(3)?,
                    signer_position: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(Pledge {
            year,
            theme,
            items,
            signing_conference,
            signatures,
        }))
    }

    pub fn save_pledge(&mut self, p: &Pledge) -> Result<()> {
        let members = self.members(p.year)?;
        // Every rule, the "at least one content" too: a pledge without contents is nonsense to sign.
        let mut problems = p.problems(&members);
        if let Some(c) = p.signing_conference {
            if self.conference(c).is_err() {
                problems.push(crate::domain::Problem::new(
                    "signing_conference",
                    format!("Hội nghị ký kết #{c} không có trong tệp. Hãy chọn lại hội nghị."),
                ));
            }
        }
        StoreError::refuse(problems, &format!("Giao ước năm {}", p.year))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO pledges (year, theme, conference_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT(year) DO UPDATE SET theme = ?2, conference_id = ?3",
                params![p.year, t(&p.theme), p.signing_conference],
            )?;
            tx.execute("DELETE FROM pledge_items WHERE year = ?1", [p.year])?;
            tx.execute("DELETE FROM pledge_signatures WHERE year = ?1", [p.year])?;
            let mut st = tx.prepare("INSERT INTO pledge_items (year, ord, content, target) VALUES (?1, ?2, ?3, ?4)")?;
            for (i, it) in (0_i64..).zip(&p.items) {
                st.execute(params![p.year, i, t(&it.content), t(&it.target)])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO pledge_signatures (year, unit_id, ord, signed, signed_on, signer_name, signer_position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (i, s) in (0_i64..).zip(&p.signatures) {
                st.execute(params![
                    p.year,
                    s.unit,
                    i,
                    s.signed,
                    s.signed_on,
                    t(&s.signer_name),
                    t(&s.signer_position)
                ])?;
            }
            Ok(())
        })
    }
}
