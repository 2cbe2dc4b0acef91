//! Award proposals of a year, the province's decisions on them, and awards from a unit's own sector.

use super::validate::{Problem, Problems};
use super::{DecisionId, Points, ProposalId, UnitId, Year};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ProposalStatus {
    Draft,
    Submitted,
    Granted,
    Refused,
    /// Hoãn: e.g. a unit under discipline.
    Deferred,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 5] = [
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        ProposalStatus::Granted,
        ProposalStatus::Refused,
        ProposalStatus::Deferred,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Granted => "granted",
            ProposalStatus::Refused => "refused",
            ProposalStatus::Deferred => "deferred",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "Dự thảo",
            ProposalStatus::Submitted => "Đã trình",
            ProposalStatus::Granted => "Được khen thưởng",
            ProposalStatus::Refused => "Không được khen thưởng",
            ProposalStatus::Deferred => "Hoãn xét",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Proposal {
    pub id: ProposalId,
    pub year: Year,
    /// The award form's code in the rules ("co_ubnd", "bang_khen"…).
    pub form: String,
    pub unit: UnitId,
    pub rank: Option<u32>,
    pub score: Option<Points>,
    pub votes: Option<u32>,
    pub votes_base: Option<u32>,
    pub status: ProposalStatus,
    /// Why a rule's warning was overridden; empty when none was.
    pub override_note: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DecisionResult {
    pub proposal: ProposalId,
    pub granted: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Decision {
    pub id: DecisionId,
    pub year: Year,
    /// "325/QĐ-UBND".
    pub number: String,
    pub signed_on: NaiveDate,
    pub issuing_body: String,
    pub results: Vec<DecisionResult>,
}

impl Decision {
    pub fn problems(&self, proposals: &[Proposal]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.required(&self.number, "number", "Số quyết định");
        p.required(&self.issuing_body, "issuing_body", "Cơ quan ban hành");
        for (i, r) in self.results.iter().enumerate() {
            p.check(
                proposals.iter().any(|x| x.id == r.proposal),
                &format!("results[{i}].proposal"),
                "Quyết định nhắc tới một đề nghị không có trong năm.",
            );
        }
        p.into_vec()
    }
}

/// An award a unit received from its own sector (ngành): recorded, not proposed by the bloc.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SectorAward {
    pub unit: UnitId,
    pub year: Year,
    pub name: String,
    pub issuing_body: String,
    pub decision_number: String,
}

impl Proposal {
    pub fn problems(&self, members: &[UnitId], known_forms: &[&str]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.check(
            known_forms.contains(&self.form.as_str()),
            "form",
            format!(
                "Hình thức khen thưởng \u{201c}{}\u{201d} không có trong quy chế.",
                self.form
            ),
        );
        p.check(
            members.contains(&self.unit),
            "unit",
            format!("Đơn vị không phải là thành viên của khối năm {}.", self.year),
        );
        if let (Some(v), Some(b)) = (self.votes, self.votes_base) {
            p.check(v <= b, "votes", format!("Số phiếu ({v}) lớn hơn tổng số ({b})."));
        }
        p.into_vec()
    }
}

/// A unit under discipline (kỷ luật) in a year: its proposals are deferred.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Discipline {
    pub unit: UnitId,
    pub year: Year,
    pub reason: String,
}

/// One line of a unit's award history across years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AwardHistoryEntry {
    pub year: Year,
    /// The award's name: "Cờ thi đua của UBND tỉnh".
    pub award: String,
    /// "Được khen thưởng", "Đã trình"…, or "Khen thưởng của ngành".
    pub status: String,
    /// "325/QĐ-UBND ngày 10/02/2023", when a decision is known.
    pub decision: String,
}
