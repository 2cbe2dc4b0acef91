//! Joint activities of the bloc (hội thao, hội thi, charity, visits) and what each unit contributed.

use super::text::money_vnd;
use super::validate::{Problem, Problems, TextKind, MONEY_MAX};
use super::{ActivityId, UnitId, Year};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ActivityKind {
    Sports,
    Contest,
    Charity,
    Visit,
    Other,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::Sports,
        ActivityKind::Contest,
        ActivityKind::Charity,
        ActivityKind::Visit,
        ActivityKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActivityKind::Sports => "sports",
            ActivityKind::Contest => "contest",
            ActivityKind::Charity => "charity",
            ActivityKind::Visit => "visit",
            ActivityKind::Other => "other",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::Sports => "Hội thao",
            ActivityKind::Contest => "Hội thi",
            ActivityKind::Charity => "Từ thiện, an sinh xã hội",
            ActivityKind::Visit => "Thăm, tặng quà",
            ActivityKind::Other => "Khác",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Contribution {
    pub unit: UnitId,
    /// In đồng.
    pub amount: i64,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Activity {
    pub id: ActivityId,
    pub year: Year,
    pub date: Option<NaiveDate>,
    pub kind: ActivityKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub contributions: Vec<Contribution>,
}

impl Activity {
    /// The sum of the contributions (saturating: amounts that big are refused by `problems`).
    pub fn total(&self) -> i64 {
        self.contributions
            .iter()
            .fold(0_i64, |sum, c| sum.saturating_add(c.amount))
    }

    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.date(self.date, "date", "Ngày diễn ra");
        p.required_text(&self.title, "title", "Tên hoạt động", TextKind::Line);
        p.text(&self.description, "description", "Mô tả", TextKind::Prose);
        for (i, c) in self.contributions.iter().enumerate() {
            let f = format!("contributions[{i}]");
            p.check(c.amount >= 0, &format!("{f}.amount"), "Số tiền đóng góp không được âm.");
            p.check(
                c.amount <= MONEY_MAX,
                &format!("{f}.amount"),
                format!(
                    "Số tiền đóng góp {} vượt giới hạn {}.",
                    money_vnd(c.amount),
                    money_vnd(MONEY_MAX)
                ),
            );
            p.text(&c.note, &format!("{f}.note"), "Ghi chú đóng góp", TextKind::Line);
            p.check(
                members.contains(&c.unit),
                &format!("{f}.unit"),
                "Đơn vị không phải là thành viên của khối.",
            );
        }
        p.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_bounded_and_the_total_never_overflows() {
        let a = Activity {
            id: 1,
            year: 2022,
            date: None,
            kind: ActivityKind::Charity,
            title: "Ủng hộ".into(),
            description: "Dòng 1\nDòng 2".into(),
            contributions: vec![
                Contribution {
                    unit: 1,
                    amount: i64::MAX,
                    note: String::new(),
                },
                Contribution {
                    unit: 1,
                    amount: i64::MAX,
                    note: String::new(),
                },
            ],
        };
        assert_eq!(a.total(), i64::MAX);
        let fields: Vec<String> = a.problems(&[1]).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["contributions[0].amount", "contributions[1].amount"]);
    }
}
