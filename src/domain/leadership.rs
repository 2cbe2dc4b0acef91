//! Head (khối trưởng) and deputy (khối phó) of each year, and how they were chosen.

use super::validate::{Problem, Problems, TextKind};
use super::{ConferenceId, UnitId, Year};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ChoiceMethod {
    /// Bầu (secret ballot or show of hands at the year-end conference).
    Elected,
    /// Luân phiên, by the agreed rotation order.
    Rotation,
    /// Chỉ định by the province.
    Appointed,
}

impl ChoiceMethod {
    pub const ALL: [ChoiceMethod; 3] = [ChoiceMethod::Elected, ChoiceMethod::Rotation, ChoiceMethod::Appointed];

    pub fn label(self) -> &'static str {
        match self {
            ChoiceMethod::Elected => "Bầu",
            ChoiceMethod::Rotation => "Luân phiên",
            ChoiceMethod::Appointed => "Chỉ định",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ChoiceMethod::Elected => "elected",
            ChoiceMethod::Rotation => "rotation",
            ChoiceMethod::Appointed => "appointed",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Leadership {
    pub year: Year,
    pub head: UnitId,
    pub deputy: Option<UnitId>,
    pub method: ChoiceMethod,
    /// The conference (usually the previous year's tổng kết) where it was decided.
    pub decided_at: Option<ConferenceId>,
    #[serde(default)]
    pub note: String,
}

impl Leadership {
    /// `members` are the member units of `year`.
    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.check(
            members.contains(&self.head),
            "head",
            format!(
                "Đơn vị Khối trưởng không phải là thành viên của khối năm {}.",
                self.year
            ),
        );
        if let Some(dep) = self.deputy {
            p.check(dep != self.head, "deputy", "Khối phó không được trùng với Khối trưởng.");
            p.check(
                members.contains(&dep),
                "deputy",
                format!("Đơn vị Khối phó không phải là thành viên của khối năm {}.", self.year),
            );
        }
        p.text(&self.note, "note", "Ghi chú", TextKind::Prose);
        p.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_equal_to_deputy_and_non_member() {
        let l = Leadership {
            year: 2023,
            head: 1,
            deputy: Some(1),
            method: ChoiceMethod::Elected,
            decided_at: None,
            note: String::new(),
        };
        let p = l.problems(&[2, 3]);
        let msgs: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(p.len(), 3, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("không được trùng")));
        assert!(msgs.iter().any(|m| m.contains("Khối trưởng không phải là thành viên")));
        assert!(l.problems(&[1]).iter().all(|p| p.field == "deputy"));
    }

    #[test]
    fn codes_round_trip() {
        for m in ChoiceMethod::ALL {
            assert_eq!(ChoiceMethod::from_code(m.code()), Some(m));
        }
    }
}
