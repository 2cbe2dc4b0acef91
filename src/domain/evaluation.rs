//! What a year's record implies: its ranking, the tallies of its ballots, its leading units.

use super::ballot::{Ballot, BallotPurpose};
use super::ranking::{rank, RankingInput, Standing};
use super::tally::{tally, Tally};
use super::{UnitId, YearRecord};
use std::collections::HashMap;

impl YearRecord {
    /// The last leading-unit ballot (suy tôn) of the year, if any.
    pub fn leading_ballot(&self) -> Option<&Ballot> {
        self.ballots
            .iter()
            .rev()
            .find(|b| b.purpose == BallotPurpose::LeadingUnit)
    }

    /// A ballot's result against this year's rules, members and the conference's attendance
    /// (attendance not recorded: the units that returned a ballot were there).
    pub fn tally_of(&self, ballot: &Ballot) -> Tally {
        let present = match self.conference(ballot.conference) {
            Some(c) if c.attendance_known => c.present_count(),
            Some(_) => ballot.returned as usize,
            None => self.members.len(),
        };
        tally(ballot, &self.rules, self.members.len() as u32, present as u32)
    }

    pub fn ranking(&self) -> Vec<Standing> {
        let precedence: HashMap<UnitId, i32> = self.units.iter().map(|u| (u.id, u.precedence)).collect();
        let votes: HashMap<UnitId, u32> = self
            .leading_ballot()
            .map(|b| b.candidates.iter().map(|c| (c.unit, c.votes)).collect())
            .unwrap_or_default();
        rank(&RankingInput {
            sheet: &self.score_sheet,
            members: &self.members,
            precedence: &precedence,
            votes: &votes,
            tie_breaks: &self.rules.tie_breaks,
        })
    }

    /// Whether a standing rests on a score sheet: the sheet has criteria and the unit has a bloc
    /// score for each. A year without a sheet ranks every unit 0, first equal: that is no rank.
    pub fn scored(&self, s: &Standing) -> bool {
        s.missing == 0 && !self.score_sheet.criteria.is_empty()
    }

    /// Whether any unit has a bloc score this year.
    pub fn has_bloc_scores(&self) -> bool {
        self.score_sheet.entries.iter().any(|e| e.bloc_score.is_some())
    }

    /// The leading units: those who passed the suy tôn ballot, most votes first; without such a
    /// ballot, the units ranked first (when the sheet has scores).
    pub fn leading_units(&self) -> Vec<UnitId> {
        match self.leading_ballot() {
            Some(b) => self.tally_of(b).passed().map(|r| r.unit).collect(),
            None if self.has_bloc_scores() => self.ranking().iter().filter(|s| s.rank == 1).map(|s| s.unit).collect(),
            None => Vec::new(),
        }
    }
}
