//! Everything the bloc recorded for one year, loaded together, and the checks across its parts.

use super::unit::duplicate_short_names;
use super::validate::{Problem, Problems};
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

    /// Every problem of the year, each field prefixed with the part it belongs to.
    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Problems::default();
        let m = &self.members;
        p.extend_within("bloc", self.bloc.problems());
        p.extend_within("rules", self.rules.problems());
        for u in &self.units {
            p.extend_within(&format!("units[{}]", u.id), u.problems());
        }
        p.0.extend(duplicate_short_names(&self.units));
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
            p.extend_within(&format!("ballots[{}]", b.id), b.problems(m));
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
        p.into_vec()
    }
}
