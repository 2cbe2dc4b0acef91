//! A secret ballot (bỏ phiếu kín) at a conference: question, candidates, counting board and counts.

use super::validate::{Problem, Problems};
use super::{BallotId, ConferenceId, UnitId, Year};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BoardMember {
    pub name: String,
    pub position: String,
    /// "Trưởng ban", "Thành viên".
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Candidate {
    pub unit: UnitId,
    pub votes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot() -> Ballot {
        Ballot {
            id: 1,
            conference: 1,
            question: "Đề nghị Bằng khen".into(),
            purpose: BallotPurpose::Award("bang_khen".into()),
            max_choices: 2,
            board: Vec::new(),
            issued: 9,
            returned: 9,
            valid: 8,
            invalid: 1,
            candidates: vec![Candidate { unit: 1, votes: 8 }, Candidate { unit: 2, votes: 7 }],
        }
    }

    #[test]
    fn a_consistent_ballot_has_no_problem() {
        assert!(ballot().problems(&[1, 2]).is_empty());
    }

    #[test]
    fn each_arithmetic_error_has_its_message() {
        type Case = (fn(&mut Ballot), &'static str, &'static str);
        let cases: [Case; 5] = [
            (
                |b| b.returned = 10,
                "returned",
                "Số phiếu thu về (10) lớn hơn số phiếu phát ra (9).",
            ),
            (
                |b| b.invalid = 0,
                "valid",
                "Phiếu hợp lệ (8) cộng phiếu không hợp lệ (0) khác số phiếu thu về (9).",
            ),
            (
                |b| b.candidates[1].votes = 9,
                "candidates[1].votes",
                "Số phiếu của đơn vị (9) lớn hơn số phiếu hợp lệ (8).",
            ),
            (
                |b| b.max_choices = 1,
                "candidates",
                "Tổng số phiếu bầu (15) vượt quá số phiếu hợp lệ × số đơn vị được chọn (8 × 1).",
            ),
            (
                |b| b.candidates[1].unit = 1,
                "candidates[1].unit",
                "Đơn vị có tên hai lần trong danh sách.",
            ),
        ];
        for (change, field, message) in cases {
            let mut b = ballot();
            change(&mut b);
            let p = b.problems(&[1, 2]);
            assert!(
                p.iter().any(|p| p.field == field && p.message == message),
                "{field}: {p:#?}"
            );
        }
    }
}
