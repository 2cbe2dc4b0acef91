//! Everything the bloc recorded for one year, loaded together, and the checks across its parts.

use super::award::discipline_problems;
use super::text::date_dmy;
use super::unit::{duplicate_short_names, merge_problems};
use super::validate::{describe_field_with, Problem, Problems};
use super::*;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct YearRecord {
    pub year: Year,
    pub bloc: Bloc,
    pub rules: Rules,
    /// Every unit the bloc has known, members this year or not (names resolve through them).
    pub units: Vec<Unit>,
    pub members: Vec<UnitId>,
    pub leadership: Option<Leadership>,
    /// Leadership of any year decided at one of this year's conferences (next year's, usually).
    pub decided_leadership: Vec<Leadership>,
    pub pledge: Option<Pledge>,
    pub conferences: Vec<Conference>,
    pub ballots: Vec<Ballot>,
    pub score_sheet: ScoreSheet,
    pub proposals: Vec<Proposal>,
    pub decisions: Vec<Decision>,
    pub activities: Vec<Activity>,
    pub sector_awards: Vec<SectorAward>,
    pub discipline: Vec<Discipline>,
    pub register: Vec<RegisterEntry>,
}

impl YearRecord {
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The unit's name as documents of this year print it.
    pub fn unit_name(&self, id: UnitId) -> String {
        self.unit(id)
            .map(|u| u.name_in_year(self.year).to_string())
            .unwrap_or_else(|| format!("(đơn vị #{id})"))
    }

    pub fn member_units(&self) -> Vec<&Unit> {
        let mut v: Vec<&Unit> = self.units.iter().filter(|u| self.members.contains(&u.id)).collect();
        v.sort_by(|a, b| super::unit::by_precedence(a, b));
        v
    }

    /// The leadership a conference of this year decided, if it decided one.
    pub fn leadership_decided_at(&self, conference: ConferenceId) -> Option<&Leadership> {
        self.decided_leadership
            .iter()
            .chain(&self.leadership)
            .find(|l| l.decided_at == Some(conference))
    }

    pub fn conference(&self, id: ConferenceId) -> Option<&Conference> {
        self.conferences.iter().find(|c| c.id == id)
    }

    /// A field path of this year's problems in words, records named: "đơn vị “Công an tỉnh” · tên 1 ·
    /// tên viết tắt", "hội nghị “Hội nghị tổng kết” (16/12/2022) · điểm danh 2 · đơn vị".
    pub fn locate(&self, field: &str) -> String {
        let name = |collection: &str, id: i64| -> Option<String> {
            match collection {
                "units" => self
                    .unit(id)
                    .map(|u| format!("đơn vị \u{201c}{}\u{201d}", u.name_in_year(self.year))),
                "conferences" => self
                    .conference(id)
                    .map(|c| format!("hội nghị \u{201c}{}\u{201d} ({})", c.title, date_dmy(c.date))),
                "ballots" => self
                    .ballots
                    .iter()
                    .find(|b| b.id == id)
                    .map(|b| format!("cuộc bỏ phiếu #{id} \u{201c}{}\u{201d}", b.question)),
                "proposals" => self
                    .proposals
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| format!("đề nghị khen thưởng #{id} ({})", self.unit_name(p.unit))),
                "decisions" => self
                    .decisions
                    .iter()
                    .find(|d| d.id == id)
                    .map(|d| format!("quyết định {}", d.number)),
                "activities" => self
                    .activities
                    .iter()
                    .find(|a| a.id == id)
                    .map(|a| format!("hoạt động \u{201c}{}\u{201d}", a.title)),
                _ => None,
            }
        };
        let words = describe_field_with(field, &name);
        // Names from the file are shown, never obeyed: no control character reaches a screen.
        super::text::printable(&words)
    }

    /// Every problem of the year, each field prefixed with the part it belongs to, and located in
    /// words with the records named (see [`YearRecord::locate`]).
    pub fn problems(&self) -> Vec<Problem> {
        let mut p = self.raw_problems();
        for x in &mut p {
            x.location = self.locate(&x.field);
        }
        p
    }

    fn raw_problems(&self) -> Vec<Problem> {
        let mut p = Problems::default();
        let m = &self.members;
        p.year(self.year, "year");
        p.extend_within("bloc", self.bloc.problems());
        p.extend_within("rules", self.rules.problems());
        for u in &self.units {
            p.extend_within(&format!("units[{}]", u.id), u.problems());
        }
        p.0.extend(duplicate_short_names(&self.units));
        p.0.extend(merge_problems(&self.units));
        if let Some(l) = &self.leadership {
            p.extend_within("leadership", l.problems(m));
        }
        if let Some(pl) = &self.pledge {
            p.extend_within("pledge", pl.problems(m));
        }
        for c in &self.conferences {
            p.extend_within(&format!("conferences[{}]", c.id), c.problems(m));
        }
        for b in &self.ballots {
            p.extend_within(
                &format!("ballots[{}]", b.id),
                b.problems(m, self.conference(b.conference)),
            );
        }
        p.extend_within("score_sheet", self.score_sheet.problems(m, self.rules.score_scale));
        let forms: Vec<&str> = self.rules.award_forms.iter().map(|f| f.code.as_str()).collect();
        for pr in &self.proposals {
            p.extend_within(&format!("proposals[{}]", pr.id), pr.problems(m, &forms));
        }
        for d in &self.decisions {
            p.extend_within(&format!("decisions[{}]", d.id), d.problems(&self.proposals));
        }
        for a in &self.activities {
            p.extend_within(&format!("activities[{}]", a.id), a.problems(m));
        }
        for (i, a) in self.sector_awards.iter().enumerate() {
            p.extend_within(&format!("sector_awards[{i}]"), a.problems(m));
        }
        p.0.extend(discipline_problems(&self.discipline, m));
        for (i, e) in self.register.iter().enumerate() {
            p.extend_within(&format!("register[{i}]"), e.problems());
        }
        p.into_vec()
    }
}
