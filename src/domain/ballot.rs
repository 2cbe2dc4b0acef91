//! A secret ballot (bỏ phiếu kín) at a conference: question, candidates, counting board and counts.

use super::validate::{Problem, Problems};
use super::{BallotId, ConferenceId, UnitId, Year};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotPurpose {
    /// Suy tôn đơn vị dẫn đầu.
    LeadingUnit,
    /// Đề nghị a given award form (its code in the rules).
    Award(String),
    /// Bầu Khối trưởng for the given year.
    Head(Year),
    /// Bầu Khối phó for the given year.
    Deputy(Year),
    Other,
}

impl BallotPurpose {
    pub fn code(&self) -> &'static str {
        match self {
            BallotPurpose::LeadingUnit => "leading",
            BallotPurpose::Award(_) => "award",
            BallotPurpose::Head(_) => "head",
            BallotPurpose::Deputy(_) => "deputy",
            BallotPurpose::Other => "other",
        }
    }

    /// Rebuilds a purpose from its stored parts.
    pub fn from_parts(code: &str, award_form: Option<String>, year: Option<Year>) -> Option<Self> {
        Some(match (code, award_form, year) {
            ("leading", _, _) => BallotPurpose::LeadingUnit,
            ("award", Some(f), _) => BallotPurpose::Award(f),
            ("head", _, Some(y)) => BallotPurpose::Head(y),
            ("deputy", _, Some(y)) => BallotPurpose::Deputy(y),
            ("other", _, _) => BallotPurpose::Other,
            _ => return None,
        })
    }

    pub fn award_form(&self) -> Option<&str> {
        match self {
            BallotPurpose::Award(f) => Some(f),
            _ => None,
        }
    }

    pub fn target_year(&self) -> Option<Year> {
        match self {
            BallotPurpose::Head(y) | BallotPurpose::Deputy(y) => Some(*y),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardMember {
    pub name: String,
    pub position: String,
    /// "Trưởng ban", "Thành viên".
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub unit: UnitId,
    pub votes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ballot {
    pub id: BallotId,
    pub conference: ConferenceId,
    pub question: String,
    pub purpose: BallotPurpose,
    /// How many candidates one ballot may mark.
    pub max_choices: u32,
    pub board: Vec<BoardMember>,
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid: u32,
    pub candidates: Vec<Candidate>,
}

impl Ballot {
    /// The arithmetic a counting board must get right, each failure with its own message.
    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.required(&self.question, "question", "Nội dung bỏ phiếu");
        p.check(
            self.max_choices >= 1,
            "max_choices",
            "Mỗi phiếu phải được chọn ít nhất 1 đơn vị.",
        );
        p.check(
            self.returned <= self.issued,
            "returned",
            format!(
                "Số phiếu thu về ({}) lớn hơn số phiếu phát ra ({}).",
                self.returned, self.issued
            ),
        );
        p.check(
            self.valid + self.invalid == self.returned,
            "valid",
            format!(
                "Phiếu hợp lệ ({}) cộng phiếu không hợp lệ ({}) khác số phiếu thu về ({}).",
                self.valid, self.invalid, self.returned
            ),
        );
        let total: u32 = self.candidates.iter().map(|c| c.votes).sum();
        p.check(
            total <= self.valid * self.max_choices,
            "candidates",
            format!(
                "Tổng số phiếu bầu ({total}) vượt quá số phiếu hợp lệ × số đơn vị được chọn ({} × {}).",
                self.valid, self.max_choices
            ),
        );
        for (i, c) in self.candidates.iter().enumerate() {
            let f = format!("candidates[{i}]");
            p.check(
                c.votes <= self.valid,
                &format!("{f}.votes"),
                format!(
                    "Số phiếu của đơn vị ({}) lớn hơn số phiếu hợp lệ ({}).",
                    c.votes, self.valid
                ),
            );
            p.check(
                members.contains(&c.unit),
                &format!("{f}.unit"),
                "Đơn vị không phải là thành viên của khối.",
            );
            if self.candidates[..i].iter().any(|o| o.unit == c.unit) {
                p.check(false, &format!("{f}.unit"), "Đơn vị có tên hai lần trong danh sách.");
            }
        }
        p.into_vec()
    }
}
