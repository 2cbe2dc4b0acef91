//! The score sheet of a year: a criteria tree (group → criterion) with maximum points, each unit's
//! self-score and the bloc's score per criterion, and bonus and penalty items.

use super::validate::{Problem, Problems};
use super::{Points, UnitId, Year};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Criterion {
    /// The key within the year and the number printed: "I.1", "2.3".
    pub code: String,
    /// The group heading it belongs to: "I. Thực hiện nhiệm vụ chính trị".
    pub group: String,
    pub name: String,
    pub max_points: Points,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreEntry {
    pub unit: UnitId,
    pub criterion: String,
    pub self_score: Option<Points>,
    pub bloc_score: Option<Points>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum AdjustmentKind {
    Bonus,
    Penalty,
}

impl AdjustmentKind {
    pub fn code(self) -> &'static str {
        match self {
            AdjustmentKind::Bonus => "bonus",
            AdjustmentKind::Penalty => "penalty",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        match s {
            "bonus" => Some(AdjustmentKind::Bonus),
            "penalty" => Some(AdjustmentKind::Penalty),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AdjustmentKind::Bonus => "Điểm thưởng",
            AdjustmentKind::Penalty => "Điểm trừ",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Adjustment {
    pub unit: UnitId,
    pub kind: AdjustmentKind,
    /// Always positive; the kind says whether it adds or subtracts.
    pub points: Points,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoreSheet {
    pub year: Year,
    pub criteria: Vec<Criterion>,
    pub entries: Vec<ScoreEntry>,
    pub adjustments: Vec<Adjustment>,
}

impl ScoreSheet {
    pub fn max_total(&self) -> Points {
        self.criteria.iter().map(|c| c.max_points).sum()
    }

    pub fn entry(&self, unit: UnitId, criterion: &str) -> Option<&ScoreEntry> {
        self.entries.iter().find(|e| e.unit == unit && e.criterion == criterion)
    }

    /// Per-cell problems: above the maximum, negative, for a non-member, missing; and sheet-level ones.
    /// `scale` is the bloc's score scale (100 or 1000 points).
    pub fn problems(&self, members: &[UnitId], scale: Points) -> Vec<Problem> {
        let mut p = Problems::default();
        for (i, c) in self.criteria.iter().enumerate() {
            let f = format!("criteria[{i}]");
            p.required(&c.code, &format!("{f}.code"), "Mã tiêu chí");
            p.required(&c.name, &format!("{f}.name"), "Tên tiêu chí");
            p.check(
                c.max_points > Points::ZERO,
                &format!("{f}.max_points"),
                "Điểm tối đa phải lớn hơn 0.",
            );
            if self.criteria[..i].iter().any(|o| o.code == c.code) {
                p.check(
                    false,
                    &format!("{f}.code"),
                    format!("Mã tiêu chí \u{201c}{}\u{201d} bị trùng.", c.code),
                );
            }
        }
        if !self.criteria.is_empty() {
            p.check(
                self.max_total() == scale,
                "criteria",
                format!(
                    "Tổng điểm tối đa của các tiêu chí là {}, khác thang điểm {} của quy chế.",
                    self.max_total(),
                    scale
                ),
            );
        }
        for (i, e) in self.entries.iter().enumerate() {
            let f = format!("entries[{i}]");
            p.check(
                members.contains(&e.unit),
                &format!("{f}.unit"),
                format!(
                    "Chấm điểm cho đơn vị không phải là thành viên của khối năm {}.",
                    self.year
                ),
            );
            let Some(c) = self.criteria.iter().find(|c| c.code == e.criterion) else {
                p.check(
                    false,
                    &format!("{f}.criterion"),
                    format!("Không có tiêu chí \u{201c}{}\u{201d}.", e.criterion),
                );
                continue;
            };
            for (value, col) in [(e.self_score, "self_score"), (e.bloc_score, "bloc_score")] {
                if let Some(v) = value {
                    p.check(
                        v >= Points::ZERO,
                        &format!("{f}.{col}"),
                        format!("Điểm {v} âm (tiêu chí {}).", c.code),
                    );
                    p.check(
                        v <= c.max_points,
                        &format!("{f}.{col}"),
                        format!("Điểm {v} vượt điểm tối đa {} của tiêu chí {}.", c.max_points, c.code),
                    );
                }
            }
        }
        if !self.entries.is_empty() {
            for &u in members {
                for c in &self.criteria {
                    let missing = self.entry(u, &c.code).is_none_or(|e| e.bloc_score.is_none());
                    p.check(
                        !missing,
                        &format!("missing[{u}].{}", c.code),
                        format!("Thiếu điểm của khối cho tiêu chí {}.", c.code),
                    );
                }
            }
        }
        for (i, a) in self.adjustments.iter().enumerate() {
            let f = format!("adjustments[{i}]");
            p.check(
                a.points > Points::ZERO,
                &format!("{f}.points"),
                "Điểm cộng/trừ phải lớn hơn 0.",
            );
            p.required(&a.reason, &format!("{f}.reason"), "Lý do");
            p.check(
                members.contains(&a.unit),
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

    fn sheet() -> ScoreSheet {
        ScoreSheet {
            year: 2022,
            criteria: vec![
                Criterion {
                    code: "1".into(),
                    group: "I".into(),
                    name: "Chuyên môn".into(),
                    max_points: Points::whole(60),
                },
                Criterion {
                    code: "2".into(),
                    group: "I".into(),
                    name: "Phong trào".into(),
                    max_points: Points::whole(40),
                },
            ],
            entries: Vec::new(),
            adjustments: Vec::new(),
        }
    }

    fn entry(unit: UnitId, criterion: &str, bloc: Option<i64>) -> ScoreEntry {
        ScoreEntry {
            unit,
            criterion: criterion.into(),
            self_score: None,
            bloc_score: bloc.map(Points::whole),
        }
    }

    #[test]
    fn each_cell_problem_has_its_message() {
        let cases: [(ScoreEntry, &str, &str); 4] = [
            (
                entry(1, "1", Some(61)),
                "entries[0].bloc_score",
                "Điểm 61 vượt điểm tối đa 60 của tiêu chí 1.",
            ),
            (
                entry(1, "1", Some(-1)),
                "entries[0].bloc_score",
                "Điểm -1 âm (tiêu chí 1).",
            ),
            (
                entry(9, "1", Some(50)),
                "entries[0].unit",
                "Chấm điểm cho đơn vị không phải là thành viên của khối năm 2022.",
            ),
            (
                entry(1, "7", Some(5)),
                "entries[0].criterion",
                "Không có tiêu chí \u{201c}7\u{201d}.",
            ),
        ];
        for (e, field, message) in cases {
            let mut s = sheet();
            s.entries = vec![e, entry(1, "2", Some(40))];
            let p = s.problems(&[1], Points::whole(100));
            assert!(
                p.iter().any(|p| p.field == field && p.message == message),
                "expected {field}: {message}, got {p:#?}"
            );
        }
    }

    #[test]
    fn missing_cells_and_scale_are_reported() {
        let mut s = sheet();
        s.entries = vec![entry(1, "1", Some(50)), entry(1, "2", None)];
        let p = s.problems(&[1, 2], Points::whole(1000));
        let messages: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert!(messages.contains(&"Tổng điểm tối đa của các tiêu chí là 100, khác thang điểm 1000 của quy chế."));
        // Unit 1 misses criterion 2; unit 2 misses both.
        let missing: Vec<&str> = p
            .iter()
            .filter(|p| p.field.starts_with("missing"))
            .map(|p| p.field.as_str())
            .collect();
        assert_eq!(missing, ["missing[1].2", "missing[2].1", "missing[2].2"]);
        // A complete, valid sheet has no problem.
        s.entries = vec![entry(1, "1", Some(50)), entry(1, "2", Some(40))];
        assert!(s.problems(&[1], Points::whole(100)).is_empty());
    }
}
