//! Award proposals of a year, the province's decisions on them, and awards from a unit's own sector.

use super::validate::{Problem, Problems, TextKind, TOTAL_MAX};
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
    /// Decided by consensus at the conference (suy tôn, hiệp thương, "nhất trí đề nghị"), without a
    /// ballot: no vote counts exist.
    #[serde(default)]
    pub by_consensus: bool,
    /// Why a rule's warning was overridden; empty when none was.
    #[serde(default)]
    pub override_note: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DecisionResult {
    pub proposal: ProposalId,
    pub granted: bool,
    #[serde(default)]
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
    #[serde(default)]
    pub results: Vec<DecisionResult>,
}

impl Decision {
    pub fn problems(&self, proposals: &[Proposal]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.required_text(&self.number, "number", "Số quyết định", TextKind::Code);
        p.date(Some(self.signed_on), "signed_on", "Ngày ký quyết định");
        p.required_text(&self.issuing_body, "issuing_body", "Cơ quan ban hành", TextKind::Name);
        for (i, r) in self.results.iter().enumerate() {
            p.check(
                proposals.iter().any(|x| x.id == r.proposal),
                &format!("results[{i}].proposal"),
                "Quyết định nhắc tới một đề nghị không có trong năm.",
            );
            if self.results[..i].iter().any(|o| o.proposal == r.proposal) {
                p.check(
                    false,
                    &format!("results[{i}].proposal"),
                    "Đề nghị này đã có kết quả trong quyết định; mỗi đề nghị một kết quả.",
                );
            }
            p.text(
                &r.note,
                &format!("results[{i}].note"),
                "Ghi chú kết quả",
                TextKind::Line,
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

impl SectorAward {
    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.check(
            members.contains(&self.unit),
            "unit",
            format!("Đơn vị không phải là thành viên của khối năm {}.", self.year),
        );
        p.required_text(
            &self.name,
            "name",
            "Tên danh hiệu, hình thức khen thưởng",
            TextKind::Name,
        );
        p.text(
            &self.issuing_body,
            "issuing_body",
            "Cơ quan khen thưởng",
            TextKind::Name,
        );
        p.text(
            &self.decision_number,
            "decision_number",
            "Số quyết định",
            TextKind::Code,
        );
        p.into_vec()
    }
}

impl Proposal {
    /// Still proposed: neither deferred nor refused (what a tờ trình lists).
    pub fn proposed(&self) -> bool {
        !matches!(self.status, ProposalStatus::Deferred | ProposalStatus::Refused)
    }

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
        p.year(self.year, "year");
        p.text(&self.form, "form", "Mã hình thức khen thưởng", TextKind::Code);
        if let Some(r) = self.rank {
            p.check(r >= 1, "rank", "Hạng phải từ 1 trở lên.");
            p.count(r, "rank", "Hạng");
        }
        if let Some(v) = self.votes {
            p.count(v, "votes", "Số phiếu");
        }
        if let Some(b) = self.votes_base {
            p.count(b, "votes_base", "Tổng số phiếu");
        }
        if let Some(s) = self.score {
            p.points(s, "score", "Điểm", -TOTAL_MAX, TOTAL_MAX);
        }
        p.text(
            &self.override_note,
            "override_note",
            "Ghi chú chấp nhận",
            TextKind::Prose,
        );
        p.text(&self.note, "note", "Ghi chú", TextKind::Prose);
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

impl Discipline {
    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.check(
            members.contains(&self.unit),
            "unit",
            format!("Đơn vị không phải là thành viên của khối năm {}.", self.year),
        );
        p.text(&self.reason, "reason", "Lý do", TextKind::Line);
        p.into_vec()
    }
}

/// Problems of a year's discipline list: each entry's, and a unit listed twice.
pub fn discipline_problems(list: &[Discipline], members: &[UnitId]) -> Vec<Problem> {
    let mut p = Problems::default();
    for (i, d) in list.iter().enumerate() {
        p.extend_within(&format!("discipline[{i}]"), d.problems(members));
        if list[..i].iter().any(|o| o.unit == d.unit && o.year == d.year) {
            p.check(
                false,
                &format!("discipline[{i}].unit"),
                "Đơn vị đã có trong danh sách kỷ luật của năm.",
            );
        }
    }
    p.into_vec()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal() -> Proposal {
        Proposal {
            id: 1,
            year: 2022,
            form: "co_ubnd".into(),
            unit: 1,
            rank: Some(1),
            score: Some(Points::whole(98)),
            votes: Some(8),
            votes_base: Some(9),
            status: ProposalStatus::Submitted,
            by_consensus: false,
            override_note: String::new(),
            note: "Dẫn đầu\nkhối".into(),
        }
    }

    #[test]
    fn proposal_bounds() {
        assert!(proposal().problems(&[1], &["co_ubnd"]).is_empty());
        let mut p = proposal();
        p.year = -1;
        p.rank = Some(0);
        p.votes = Some(4_294_967_295);
        p.votes_base = Some(4_294_967_295);
        p.score = Some(Points::whole(1_000_000_000_000_000));
        p.override_note = "\u{9b}31m".into();
        let fields: Vec<String> = p.problems(&[1], &["co_ubnd"]).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["year", "rank", "votes", "votes_base", "score", "override_note"]
        );
    }

    #[test]
    fn sector_awards_and_discipline() {
        let a = SectorAward {
            unit: 2,
            year: 2022,
            name: String::new(),
            issuing_body: "Bộ\u{1b}".into(),
            decision_number: "12/QĐ-BTP".into(),
        };
        let fields: Vec<String> = a.problems(&[1]).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["unit", "name", "issuing_body"]);
        let d = Discipline {
            unit: 1,
            year: 2022,
            reason: "Vi phạm".into(),
        };
        let p = discipline_problems(&[d.clone(), d], &[1]);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].field, "discipline[1].unit");
    }
}
