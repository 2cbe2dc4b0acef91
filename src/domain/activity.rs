//! Joint activities of the bloc (hội thao, hội thi, charity, visits) and what each unit contributed.

use super::validate::{Problem, Problems};
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
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Activity {
    pub id: ActivityId,
    pub year: Year,
    pub date: Option<NaiveDate>,
    pub kind: ActivityKind,
    pub title: String,
    pub description: String,
    pub contributions: Vec<Contribution>,
}

impl Activity {
    pub fn total(&self) -> i64 {
        self.contributions.iter().map(|c| c.amount).sum()
    }

    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.required(&self.title, "title", "Tên hoạt động");
        for (i, c) in self.contributions.iter().enumerate() {
            let f = format!("contributions[{i}]");
            p.check(c.amount >= 0, &format!("{f}.amount"), "Số tiền đóng góp không được âm.");
            p.check(
                members.contains(&c.unit),
                &format!("{f}.unit"),
                "Đơn vị không phải là thành viên của khối.",
            );
        }
        p.into_vec()
    }
}
