//! Starting a new year: the year's member list, score-sheet criteria and pledge contents, copied
//! from an earlier year in one transaction.
//!
//! A year is known to [`Store::years`] by its members (or leadership, conferences, pledge): the
//! schema has no table of years. So a started year always gets at least its member list or its
//! pledge; a year with neither cannot be started here (its members are entered on the units
//! screen, which makes it known).

use super::{t, Result, Store, StoreError};
use crate::domain::validate::year_problem;
use crate::domain::{Pledge, Problem, ScoreSheet, UnitId, Year};
use chrono::NaiveDate;
use rusqlite::params;

/// What [`Store::start_year`] copies from the earlier year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearCopy {
    /// The units that were members and are still members (not merged away by the new year).
    pub members: bool,
    /// The score sheet's criteria only: no scores, no bonuses or penalties.
    pub criteria: bool,
    /// The pledge's theme and contents: no signatures, no signing conference (so no date), no number.
    pub pledge_contents: bool,
}

impl YearCopy {
    pub const ALL: YearCopy = YearCopy {
        members: true,
        criteria: true,
        pledge_contents: true,
    };
}

impl Store {
    /// Starts `year`, copying from `from` what `copy` asks, in one transaction. Refused, with
    /// nothing written, when `year` is out of range or already has records, when `from` has no
    /// records, when what would be written breaks a rule (criteria against the new year's score
    /// scale…), and when nothing would make the year known (no members and no pledge to copy).
    pub fn start_year(&mut self, year: Year, from: Option<Year>, copy: YearCopy) -> Result<()> {
        let record = format!("Năm mới {year}");
        if let Some(m) = year_problem(year) {
            return StoreError::refuse(vec![Problem::new("year", m)], &record);
        }
        let recorded = self.all_years()?;
        // A year that holds only a member list (a unit left the bloc from it) may still be started:
        // its list is kept as it is.
        let listed: Vec<UnitId> = if recorded.contains(&year) && !self.has_more_than_members(year)? {
            self.members(year)?
        } else {
            Vec::new()
        };
        if recorded.contains(&year) && listed.is_empty() {
            return StoreError::refuse(
                vec![Problem::new(
                    "year",
                    format!(
                        "Năm {year} đã có dữ liệu trong tệp. Hãy chọn năm đó để làm việc tiếp; bắt đầu lại sẽ ghi đè lên dữ liệu đã có."
                    ),
                )],
                &record,
            );
        }
        let mut plan = match from {
            None => Plan::default(),
            Some(from) => {
                if let Some(m) = year_problem(from) {
                    return StoreError::refuse(vec![Problem::new("from", m)], &record);
                }
                if !recorded.contains(&from) {
                    return StoreError::refuse(
                        vec![Problem::new(
                            "from",
                            format!(
                                "Năm {from} chưa có dữ liệu nào để chép sang năm {year}. Hãy chọn một năm đã có dữ liệu."
                            ),
                        )],
                        &record,
                    );
                }
                self.plan(year, from, &copy)?
            }
        };
        if !listed.is_empty() {
            plan.members.clear(); // kept: written before, with the departures it records
        }
        if plan.members.is_empty() && plan.pledge.is_none() && listed.is_empty() {
            let message = match from {
                Some(from) if copy.members => format!(
                    "Năm {from} không còn đơn vị thành viên nào để chép sang năm {year}. Hãy nhập danh sách thành viên năm {year} ở mục Đơn vị."
                ),
                _ => format!(
                    "Năm {year} cần có danh sách đơn vị thành viên. Hãy chọn chép danh sách thành viên từ năm trước, hoặc nhập danh sách thành viên năm {year} ở mục Đơn vị."
                ),
            };
            return StoreError::refuse(vec![Problem::new("members", message)], &record);
        }
        self.check_plan(year, &plan)?;
        self.write(|tx| {
            let mut st = tx.prepare("INSERT INTO members (year, unit_id) VALUES (?1, ?2)")?;
            for u in &plan.members {
                st.execute(params![year, u])?;
            }
            super::scoring::insert_criteria(tx, year, &plan.sheet.criteria)?;
            if let Some(p) = &plan.pledge {
                tx.execute(
                    "INSERT INTO pledges (year, theme, conference_id) VALUES (?1, ?2, NULL)",
                    params![year, t(&p.theme)],
                )?;
                let mut st =
                    tx.prepare("INSERT INTO pledge_items (year, ord, content, target) VALUES (?1, ?2, ?3, ?4)")?;
                for (i, it) in (0_i64..).zip(&p.items) {
                    st.execute(params![year, i, t(&it.content), t(&it.target)])?;
                }
            }
            Ok(())
        })
    }

    /// Whether `year` has records other than its member list.
    fn has_more_than_members(&self, year: Year) -> Result<bool> {
        const TABLES: [&str; 12] = [
            "leadership",
            "conferences",
            "pledges",
            "criteria",
            "scores",
            "adjustments",
            "proposals",
            "decisions",
            "activities",
            "sector_awards",
            "discipline",
            "register",
        ];
        for table in TABLES {
            let found: bool = self.conn().query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE year = ?1)"),
                [year],
                |r| r.get(0),
            )?;
            if found {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// What starting `year` from `from` would write.
    fn plan(&self, year: Year, from: Year, copy: &YearCopy) -> Result<Plan> {
        let mut plan = Plan {
            sheet: ScoreSheet {
                year,
                criteria: Vec::new(),
                entries: Vec::new(),
                adjustments: Vec::new(),
            },
            ..Plan::default()
        };
        if copy.members {
            // A unit merged into another on or before the new year's first day is no longer a member.
            let first_day = NaiveDate::from_ymd_opt(year, 1, 1);
            let units = self.units()?;
            let gone = |id: UnitId| {
                units
                    .iter()
                    .find(|u| u.id == id)
                    .is_some_and(|u| u.merged_into.is_some() && u.merged_on.is_none_or(|d| Some(d) <= first_day))
            };
            plan.members = self.members(from)?.into_iter().filter(|&u| !gone(u)).collect();
        }
        if copy.criteria {
            plan.sheet.criteria = self.score_sheet(from)?.criteria;
        }
        if copy.pledge_contents {
            plan.pledge = self.pledge(from)?.map(|p| Pledge {
                year,
                theme: new_year_theme(&p.theme, from, year),
                items: p.items,
                signing_conference: None,
                signatures: Vec::new(),
            });
        }
        Ok(plan)
    }

    /// The same rules as saving each part on its own screen, against the new year's rules.
    fn check_plan(&self, year: Year, plan: &Plan) -> Result<()> {
        let mut problems = Vec::new();
        if !plan.sheet.criteria.is_empty() {
            let scale = self.rules_for(year)?.score_scale;
            let place = format!("Tiêu chí chấm điểm năm {year}");
            // Cells not scored yet are allowed: the new year's sheet has none at all.
            problems.extend(
                plan.sheet
                    .problems(&plan.members, scale)
                    .into_iter()
                    .filter(|p| !p.field.starts_with("missing["))
                    .map(|p| p.at(&place)),
            );
        }
        if let Some(p) = &plan.pledge {
            let place = format!("Giao ước năm {year}");
            problems.extend(p.problems(&plan.members).into_iter().map(|p| p.at(&place)));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(problems))
        }
    }
}

#[derive(Default)]
struct Plan {
    members: Vec<UnitId>,
    /// Criteria only, for the new year (its year is 0 when nothing is copied).
    sheet: ScoreSheet,
    pledge: Option<Pledge>,
}

/// The theme of the earlier year's pledge for the new year: "… nhiệm vụ năm 2022" becomes
/// "… nhiệm vụ năm 2023". Only "năm <from>" as a whole number is changed.
fn new_year_theme(theme: &str, from: Year, year: Year) -> String {
    let old = format!("năm {from}");
    let mut out = String::with_capacity(theme.len());
    let mut rest = theme;
    while let Some(i) = rest.find(&old) {
        let after = &rest[i + old.len()..];
        out.push_str(&rest[..i]);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(&old);
        } else {
            out.push_str(&format!("năm {year}"));
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::new_year_theme;

    #[test]
    fn theme_follows_the_year() {
        assert_eq!(
            new_year_theme("Hoàn thành xuất sắc nhiệm vụ năm 2022", 2022, 2023),
            "Hoàn thành xuất sắc nhiệm vụ năm 2023"
        );
        assert_eq!(
            new_year_theme("năm 20221 và năm 2022.", 2022, 2023),
            "năm 20221 và năm 2023."
        );
        assert_eq!(new_year_theme("Đoàn kết, kỷ cương", 2022, 2023), "Đoàn kết, kỷ cương");
    }
}
