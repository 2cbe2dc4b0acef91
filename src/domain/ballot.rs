//! A secret ballot (bỏ phiếu kín) at a conference: question, candidates, counting board and counts.

use super::validate::{Problem, Problems, TextKind};
use super::{BallotId, Conference, ConferenceId, UnitId, Year};
use chrono::NaiveTime;
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
    /// When the counting began, during the conference; unknown for a ballot entered from a report
    /// that does not say (the document then prints no time).
    #[serde(default)]
    pub counted_at: Option<NaiveTime>,
    #[serde(default)]
    pub board: Vec<BoardMember>,
    pub issued: u32,
    pub returned: u32,
    pub valid: u32,
    pub invalid: u32,
    pub candidates: Vec<Candidate>,
}

impl Ballot {
    /// The arithmetic a counting board must get right, each failure with its own message; and the
    /// time of the count within the hours of its conference, when the conference is given.
    pub fn problems(&self, members: &[UnitId], conference: Option<&Conference>) -> Vec<Problem> {
        let mut p = Problems::default();
        p.required_text(&self.question, "question", "Nội dung bỏ phiếu", TextKind::Line);
        match &self.purpose {
            BallotPurpose::Award(form) => p.text(form, "purpose", "Mã hình thức khen thưởng", TextKind::Code),
            BallotPurpose::Head(y) | BallotPurpose::Deputy(y) => p.year(*y, "purpose"),
            BallotPurpose::LeadingUnit | BallotPurpose::Other => {}
        }
        p.check(
            self.max_choices >= 1,
            "max_choices",
            "Mỗi phiếu phải được chọn ít nhất 1 đơn vị.",
        );
        p.count(self.max_choices, "max_choices", "Số đơn vị được chọn");
        if let (Some(t), Some(c)) = (self.counted_at, conference) {
            let hm = |t: NaiveTime| t.format("%H:%M").to_string();
            if let Some(s) = c.start {
                p.check(
                    t >= s,
                    "counted_at",
                    format!("Giờ kiểm phiếu ({}) sớm hơn giờ bắt đầu hội nghị ({}).", hm(t), hm(s)),
                );
            }
            if let Some(e) = c.end {
                p.check(
                    t < e,
                    "counted_at",
                    format!(
                        "Giờ kiểm phiếu ({}) phải trước giờ kết thúc hội nghị ({}).",
                        hm(t),
                        hm(e)
                    ),
                );
            }
        }
        p.count(self.issued, "issued", "Số phiếu phát ra");
        p.count(self.returned, "returned", "Số phiếu thu về");
        p.count(self.valid, "valid", "Số phiếu hợp lệ");
        p.count(self.invalid, "invalid", "Số phiếu không hợp lệ");
        for (i, m) in self.board.iter().enumerate() {
            let f = format!("board[{i}]");
            p.text(
                &m.name,
                &format!("{f}.name"),
                "Họ tên thành viên ban kiểm phiếu",
                TextKind::Name,
            );
            p.text(&m.position, &format!("{f}.position"), "Chức vụ", TextKind::Name);
            p.text(
                &m.role,
                &format!("{f}.role"),
                "Nhiệm vụ trong ban kiểm phiếu",
                TextKind::Name,
            );
        }
        p.check(
            self.returned <= self.issued,
            "returned",
            format!(
                "Số phiếu thu về ({}) lớn hơn số phiếu phát ra ({}).",
                self.returned, self.issued
            ),
        );
        // Sums in 64 bits: counts from a damaged file never overflow.
        p.check(
            u64::from(self.valid) + u64::from(self.invalid) == u64::from(self.returned),
            "valid",
            format!(
                "Phiếu hợp lệ ({}) cộng phiếu không hợp lệ ({}) khác số phiếu thu về ({}).",
                self.valid, self.invalid, self.returned
            ),
        );
        let total: u64 = self.candidates.iter().map(|c| u64::from(c.votes)).sum();
        p.check(
            total <= u64::from(self.valid) * u64::from(self.max_choices),
            "candidates",
            format!(
                "Tổng số phiếu bầu ({total}) vượt quá số phiếu hợp lệ × số đơn vị được chọn ({} × {}).",
                self.valid, self.max_choices
            ),
        );
        for (i, c) in self.candidates.iter().enumerate() {
            let f = format!("candidates[{i}]");
            p.count(c.votes, &format!("{f}.votes"), "Số phiếu của đơn vị");
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
            counted_at: None,
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
        assert!(ballot().problems(&[1, 2], None).is_empty());
    }

    #[test]
    fn huge_counts_are_refused_without_overflow() {
        let mut b = ballot();
        b.issued = u32::MAX;
        b.returned = u32::MAX;
        b.valid = u32::MAX;
        b.invalid = u32::MAX;
        b.max_choices = u32::MAX;
        b.candidates = vec![
            Candidate {
                unit: 1,
                votes: u32::MAX,
            },
            Candidate {
                unit: 2,
                votes: u32::MAX,
            },
        ];
        b.question = "Bầu\u{1b}[2J".into();
        let fields: Vec<String> = b.problems(&[1, 2], None).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "question",
                "max_choices",
                "issued",
                "returned",
                "valid",
                "invalid",
                "valid",
                "candidates[0].votes",
                "candidates[1].votes"
            ]
        );
        b.purpose = BallotPurpose::Head(99_999);
        assert!(b.problems(&[1, 2], None).iter().any(|p| p.field == "purpose"));
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
            let p = b.problems(&[1, 2], None);
            assert!(
                p.iter().any(|p| p.field == field && p.message == message),
                "{field}: {p:#?}"
            );
        }
    }

    #[test]
    fn the_count_happens_during_its_conference() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let conf = Conference {
            id: 1,
            year: 2022,
            kind: super::super::ConferenceKind::YearEnd,
            title: "Hội nghị tổng kết".into(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 12, 20).unwrap(),
            start: Some(t(8, 0)),
            end: Some(t(11, 30)),
            part_of_day: None,
            place: "Hội trường".into(),
            host_unit: None,
            chair: Default::default(),
            secretary: Default::default(),
            attendance_known: true,
            attendance: Vec::new(),
            guests: Vec::new(),
            sections: Vec::new(),
            tasks: Vec::new(),
            tasks_count: None,
            notes: String::new(),
        };
        let mut b = ballot();
        for (at, message) in [
            (None, None),
            (Some(t(8, 0)), None),
            (Some(t(10, 15)), None),
            (
                Some(t(7, 45)),
                Some("Giờ kiểm phiếu (07:45) sớm hơn giờ bắt đầu hội nghị (08:00)."),
            ),
            (
                Some(t(11, 30)),
                Some("Giờ kiểm phiếu (11:30) phải trước giờ kết thúc hội nghị (11:30)."),
            ),
        ] {
            b.counted_at = at;
            let p = b.problems(&[1, 2], Some(&conf));
            let got: Vec<&str> = p
                .iter()
                .filter(|p| p.field == "counted_at")
                .map(|p| p.message.as_str())
                .collect();
            assert_eq!(got, message.into_iter().collect::<Vec<_>>(), "{at:?}");
            // Without its conference, no bound to check.
            assert!(b.problems(&[1, 2], None).is_empty());
        }
        // Hours not recorded: any time goes.
        let open = Conference {
            start: None,
            end: None,
            ..conf
        };
        b.counted_at = Some(t(23, 0));
        assert!(b.problems(&[1, 2], Some(&open)).is_empty());
    }
}
