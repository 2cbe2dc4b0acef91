//! The score sheet of a year: a criteria tree (group → criterion) with maximum points, each unit's
//! self-score and the bloc's score per criterion, and bonus and penalty items.

use super::text::nfc;
use super::validate::{Problem, Problems, TextKind, POINTS_MAX};
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
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    #[serde(default)]
    pub entries: Vec<ScoreEntry>,
    #[serde(default)]
    pub adjustments: Vec<Adjustment>,
}

impl ScoreSheet {
    /// The sum of the criteria's maximum points (saturating; see [`ScoreSheet::checked_max_total`]).
    pub fn max_total(&self) -> Points {
        self.criteria.iter().map(|c| c.max_points).sum()
    }

    /// The exact sum of the criteria's maximum points, `None` if it overflows.
    pub fn checked_max_total(&self) -> Option<Points> {
        Points::checked_sum(self.criteria.iter().map(|c| c.max_points))
    }

    /// A unit's bloc score plus bonuses minus penalties, exactly; `None` if a sum overflows.
    pub fn checked_total(&self, unit: UnitId) -> Option<Points> {
        let bloc = Points::checked_sum(
            self.entries
                .iter()
                .filter(|e| e.unit == unit)
                .filter_map(|e| e.bloc_score),
        )?;
        let self_total = Points::checked_sum(
            self.entries
                .iter()
                .filter(|e| e.unit == unit)
                .filter_map(|e| e.self_score),
        );
        let adj = |kind| {
            Points::checked_sum(
                self.adjustments
                    .iter()
                    .filter(|a| a.unit == unit && a.kind == kind)
                    .map(|a| a.points),
            )
        };
        self_total?;
        bloc.checked_add(adj(AdjustmentKind::Bonus)?)?
            .checked_sub(adj(AdjustmentKind::Penalty)?)
    }

    pub fn entry(&self, unit: UnitId, criterion: &str) -> Option<&ScoreEntry> {
        self.entries.iter().find(|e| e.unit == unit && e.criterion == criterion)
    }

    /// Per-cell problems: above the maximum, negative, for a non-member, missing; and sheet-level ones.
    /// `scale` is the bloc's score scale (100 or 1000 points).
    pub fn problems(&self, members: &[UnitId], scale: Points) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.check(
            scale > Points::ZERO && scale <= POINTS_MAX,
            "criteria",
            format!("Thang điểm {scale} của quy chế nằm ngoài khoảng cho phép (lớn hơn 0, tối đa {POINTS_MAX})."),
        );
        for (i, c) in self.criteria.iter().enumerate() {
            let f = format!("criteria[{i}]");
            p.required_text(&c.code, &format!("{f}.code"), "Mã tiêu chí", TextKind::Code);
            p.text(&c.group, &format!("{f}.group"), "Nhóm tiêu chí", TextKind::Line);
            p.required_text(&c.name, &format!("{f}.name"), "Tên tiêu chí", TextKind::Line);
            p.check(
                c.max_points > Points::ZERO,
                &format!("{f}.max_points"),
                "Điểm tối đa phải lớn hơn 0.",
            );
            p.check(
                c.max_points <= POINTS_MAX,
                &format!("{f}.max_points"),
                format!(
                    "Điểm tối đa {} của tiêu chí {} vượt giới hạn {POINTS_MAX} điểm.",
                    c.max_points, c.code
                ),
            );
            if self.criteria[..i].iter().any(|o| nfc(&o.code) == nfc(&c.code)) {
                p.check(
                    false,
                    &format!("{f}.code"),
                    format!("Mã tiêu chí \u{201c}{}\u{201d} bị trùng.", c.code),
                );
            }
        }
        if !self.criteria.is_empty() {
            match self.checked_max_total() {
                Some(total) => p.check(
                    total == scale,
                    "criteria",
                    format!(
                        "Tổng điểm tối đa của các tiêu chí là {total}, khác thang điểm {scale} của quy chế."
                    ),
                ),
                None => p.check(
                    false,
                    "criteria",
                    "Tổng điểm tối đa của các tiêu chí vượt quá khả năng tính toán. Hãy sửa điểm tối đa của từng tiêu chí.",
                ),
            }
        }
        // Indexes, so that the checks stay linear in the number of cells (a 50-unit, 40-criterion
        // sheet has 2 000 of them, and `check` and import run this for every year).
        let criteria: std::collections::HashMap<String, &Criterion> =
            self.criteria.iter().map(|c| (nfc(&c.code), c)).collect();
        let members_set: std::collections::HashSet<UnitId> = members.iter().copied().collect();
        let mut seen: std::collections::HashMap<(UnitId, String), usize> = std::collections::HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            let f = || format!("entries[{i}]");
            if !members_set.contains(&e.unit) {
                p.check(
                    false,
                    &format!("{}.unit", f()),
                    format!(
                        "Chấm điểm cho đơn vị không phải là thành viên của khối năm {}.",
                        self.year
                    ),
                );
            }
            let key = nfc(&e.criterion);
            if seen.insert((e.unit, key.clone()), i).is_some() {
                p.check(
                    false,
                    &format!("{}.criterion", f()),
                    format!(
                        "Đơn vị đã có một dòng điểm cho tiêu chí \u{201c}{}\u{201d}; mỗi đơn vị một dòng cho mỗi tiêu chí.",
                        e.criterion
                    ),
                );
            }
            let Some(c) = criteria.get(&key).copied() else {
                p.check(
                    false,
                    &format!("{}.criterion", f()),
                    format!("Không có tiêu chí \u{201c}{}\u{201d}.", e.criterion),
                );
                continue;
            };
            for (value, col) in [(e.self_score, "self_score"), (e.bloc_score, "bloc_score")] {
                let Some(v) = value else { continue };
                if v < Points::ZERO {
                    p.check(
                        false,
                        &format!("{}.{col}", f()),
                        format!("Điểm {v} âm (tiêu chí {}).", c.code),
                    );
                }
                if v > c.max_points {
                    p.check(
                        false,
                        &format!("{}.{col}", f()),
                        format!("Điểm {v} vượt điểm tối đa {} của tiêu chí {}.", c.max_points, c.code),
                    );
                } else if v > POINTS_MAX {
                    p.check(
                        false,
                        &format!("{}.{col}", f()),
                        format!("Điểm {v} vượt giới hạn {POINTS_MAX} điểm (tiêu chí {}).", c.code),
                    );
                }
            }
        }
        if !self.entries.is_empty() {
            let scored: std::collections::HashSet<(UnitId, &str)> = self
                .entries
                .iter()
                .filter(|e| e.bloc_score.is_some())
                .map(|e| (e.unit, e.criterion.as_str()))
                .collect();
            for &u in members {
                for c in &self.criteria {
                    if !scored.contains(&(u, c.code.as_str())) {
                        p.check(
                            false,
                            &format!("missing[{u}].{}", c.code),
                            format!("Thiếu điểm của khối cho tiêu chí {}.", c.code),
                        );
                    }
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
            p.check(
                a.points <= POINTS_MAX,
                &format!("{f}.points"),
                format!("Điểm cộng/trừ {} vượt giới hạn {POINTS_MAX} điểm.", a.points),
            );
            p.required_text(&a.reason, &format!("{f}.reason"), "Lý do", TextKind::Line);
            p.check(
                members.contains(&a.unit),
                &format!("{f}.unit"),
                "Đơn vị không phải là thành viên của khối.",
            );
        }
        // Totals are summed exactly: a sum that would overflow is a problem, never a panic or a wrap.
        let mut units: Vec<UnitId> = self
            .entries
            .iter()
            .map(|e| e.unit)
            .chain(self.adjustments.iter().map(|a| a.unit))
            .collect();
        units.sort_unstable();
        units.dedup();
        for u in units {
            p.check(
                self.checked_total(u).is_some(),
                &format!("totals[{u}]"),
                "Tổng điểm của đơn vị vượt quá khả năng tính toán. Hãy sửa các điểm quá lớn.",
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
    fn bounds_duplicates_and_overflow() {
        let mut s = sheet();
        s.criteria[0].max_points = Points::whole(1_000_000_000_000_000);
        s.entries = vec![
            ScoreEntry {
                unit: 1,
                criterion: "1".into(),
                self_score: None,
                bloc_score: Some(Points::from_hundredths(i64::MAX - 10)),
            },
            entry(1, "2", Some(40)),
            entry(1, "2", Some(30)),
        ];
        s.adjustments.push(Adjustment {
            unit: 1,
            kind: AdjustmentKind::Bonus,
            points: Points::whole(20_000),
            reason: "Thưởng\u{1b}[1m".into(),
        });
        let p = s.problems(&[1], Points::whole(100));
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "criteria[0].max_points",
                "criteria",
                "entries[0].bloc_score",
                "entries[2].criterion",
                "adjustments[0].points",
                "adjustments[0].reason",
                "totals[1]"
            ],
            "{p:#?}"
        );
        // The ranking of such a sheet does not panic.
        let standings = crate::domain::ranking::rank(&crate::domain::ranking::RankingInput {
            sheet: &s,
            members: &[1],
            precedence: &Default::default(),
            votes: &Default::default(),
            tie_breaks: &[],
        });
        assert_eq!(standings[0].total, Points::from_hundredths(i64::MAX));
        // A score above 10 000 points is refused even under a (too large) maximum.
        let mut s = sheet();
        s.criteria[0].max_points = Points::whole(20_000);
        s.entries = vec![entry(1, "1", Some(15_000))];
        let p = s.problems(&[1], Points::whole(100));
        assert!(p.iter().any(|p| p.field == "entries[0].bloc_score"), "{p:#?}");
        // A negative score, too.
        let mut s = sheet();
        s.entries = vec![entry(1, "1", Some(-5))];
        assert!(s
            .problems(&[1], Points::whole(100))
            .iter()
            .any(|p| p.message == "Điểm -5 âm (tiêu chí 1)."));
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
