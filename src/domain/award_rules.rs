//! Checks of a year's award proposals against the bloc's rules, and the proposals the rules suggest.
//! A failed check is a visible warning with its reason, never a silent drop; the user may override
//! it with a note, and the warning stays visible as overridden.

use super::award::{Proposal, ProposalStatus};
use super::ballot::BallotPurpose;
use super::rules::AwardFormRule;
use super::tally::CandidateResult;
use super::{ProposalId, UnitId, YearRecord};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WarningKind {
    UnknownForm,
    NotMember,
    Duplicate,
    OverQuota,
    NotLeading,
    NoVote,
    BelowThreshold,
    UnderDiscipline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposalWarning {
    pub proposal: ProposalId,
    pub kind: WarningKind,
    pub message: String,
    /// The user accepted the proposal anyway, with a note.
    pub overridden: bool,
}

fn active(p: &Proposal) -> bool {
    !matches!(p.status, ProposalStatus::Deferred | ProposalStatus::Refused)
}

impl YearRecord {
    /// The vote a unit got for a form: the form's own ballot, or the suy tôn ballot for a flag.
    pub fn vote_for(&self, form: &AwardFormRule, unit: UnitId) -> Option<CandidateResult> {
        let own = |b: &&super::Ballot| b.purpose == BallotPurpose::Award(form.code.clone());
        let ballot = self
            .ballots
            .iter()
            .rev()
            .find(|b| own(b) && b.candidates.iter().any(|c| c.unit == unit))
            .or_else(|| if form.leading_only { self.leading_ballot() } else { None })?;
        self.tally_of(ballot).result(unit).cloned()
    }

    pub fn proposal_warnings(&self) -> Vec<ProposalWarning> {
        let mut out = Vec::new();
        let leading = self.leading_units();
        let members = self.members.len();
        for p in &self.proposals {
            let mut warn = |kind, message: String| {
                out.push(ProposalWarning {
                    proposal: p.id,
                    kind,
                    message,
                    overridden: !p.override_note.trim().is_empty(),
                })
            };
            let unit = self.unit_name(p.unit);
            if !self.members.contains(&p.unit) {
                warn(
                    WarningKind::NotMember,
                    format!("{unit} không phải là thành viên của khối năm {}.", self.year),
                );
            }
            let Some(form) = self.rules.form(&p.form) else {
                warn(
                    WarningKind::UnknownForm,
                    format!("Hình thức \u{201c}{}\u{201d} không có trong quy chế của khối.", p.form),
                );
                continue;
            };
            if self
                .proposals
                .iter()
                .any(|o| o.id < p.id && o.form == p.form && o.unit == p.unit)
            {
                warn(
                    WarningKind::Duplicate,
                    format!("{unit} đã được đề nghị {} một lần.", form.name),
                );
            }
            if let Some(d) = self.discipline.iter().find(|d| d.unit == p.unit) {
                if p.status != ProposalStatus::Deferred {
                    warn(
                        WarningKind::UnderDiscipline,
                        format!(
                            "{unit} đang bị xem xét kỷ luật ({}); đề nghị chuyển sang Hoãn xét.",
                            d.reason
                        ),
                    );
                }
            }
            if !active(p) {
                continue;
            }
            // Agreed by consensus without a ballot: the vote, when the rules accept it.
            let agreed = p.by_consensus && self.rules.consensus_counts_as_vote;
            if form.leading_only && !leading.contains(&p.unit) && !agreed {
                warn(
                    WarningKind::NotLeading,
                    format!(
                        "{unit} không phải là đơn vị được suy tôn dẫn đầu khối; {} chỉ dành cho đơn vị dẫn đầu.",
                        form.name
                    ),
                );
            }
            if form.requires_vote {
                match self.vote_for(form, p.unit) {
                    None if agreed => {}
                    None if p.by_consensus => warn(
                        WarningKind::NoVote,
                        format!(
                            "{unit} được đề nghị {} theo thống nhất tại hội nghị, không qua bỏ phiếu; quy chế của khối chưa chấp nhận cách này (xem Cài đặt / Quy chế).",
                            form.name
                        ),
                    ),
                    None => warn(
                        WarningKind::NoVote,
                        format!("Chưa có kết quả bỏ phiếu đề nghị {} cho {unit}.", form.name),
                    ),
                    Some(r) if !r.passed => warn(
                        WarningKind::BelowThreshold,
                        format!(
                            "{unit} {}, chưa đạt ngưỡng {} của quy chế.",
                            r.summary(),
                            super::tally::threshold_text(&self.rules)
                        ),
                    ),
                    Some(_) => {}
                }
            }
            let quota = form.quota_for(members) as usize;
            let mut same: Vec<&Proposal> = self
                .proposals
                .iter()
                .filter(|o| o.form == p.form && active(o))
                .collect();
            // Beyond the quota are those with fewer votes (then worse rank, then later entry).
            same.sort_by_key(|o| {
                (
                    std::cmp::Reverse(o.votes.unwrap_or(0)),
                    o.rank.unwrap_or(u32::MAX),
                    o.id,
                )
            });
            if same.len() > quota && same.iter().position(|o| o.id == p.id).is_some_and(|i| i >= quota) {
                warn(
                    WarningKind::OverQuota,
                    format!(
                        "Vượt chỉ tiêu: khối có {members} thành viên được đề nghị {} tối đa {quota} đơn vị, đang đề nghị {}.",
                        form.name,
                        same.len()
                    ),
                );
            }
        }
        out
    }

    /// The proposals the rules suggest from the ballots and the ranking: for each form, the units
    /// that passed its vote (a flag: the leading units), most votes first, up to the quota. A unit
    /// under discipline is suggested as deferred.
    pub fn suggested_proposals(&self) -> Vec<Proposal> {
        let ranking = self.ranking();
        let leading = self.leading_units();
        let mut out: Vec<Proposal> = Vec::new();
        for form in &self.rules.award_forms {
            let quota = form.quota_for(self.members.len()) as usize;
            let mut candidates: Vec<(UnitId, Option<CandidateResult>)> = if form.leading_only {
                leading.iter().map(|&u| (u, self.vote_for(form, u))).collect()
            } else if let Some(b) = self
                .ballots
                .iter()
                .rev()
                .find(|b| b.purpose == BallotPurpose::Award(form.code.clone()))
            {
                self.tally_of(b)
                    .results
                    .into_iter()
                    .filter(|r| r.passed)
                    .map(|r| (r.unit, Some(r)))
                    .collect()
            } else if !form.requires_vote {
                ranking
                    .iter()
                    .filter(|s| !out.iter().any(|p| p.unit == s.unit))
                    .map(|s| (s.unit, None))
                    .collect()
            } else {
                Vec::new()
            };
            candidates.truncate(quota);
            for (unit, vote) in candidates {
                let standing = ranking.iter().find(|s| s.unit == unit);
                let discipline = self.discipline.iter().find(|d| d.unit == unit);
                out.push(Proposal {
                    id: 0,
                    year: self.year,
                    form: form.code.clone(),
                    unit,
                    rank: standing.filter(|s| self.scored(s)).map(|s| s.rank),
                    score: standing.filter(|s| self.scored(s)).map(|s| s.total),
                    votes: vote.as_ref().map(|v| v.votes),
                    votes_base: vote.as_ref().map(|v| v.base),
                    status: if discipline.is_some() {
                        ProposalStatus::Deferred
                    } else {
                        ProposalStatus::Draft
                    },
                    by_consensus: false,
                    override_note: String::new(),
                    note: discipline
                        .map(|d| format!("Hoãn xét: {}", d.reason))
                        .unwrap_or_default(),
                });
            }
        }
        out
    }
}
