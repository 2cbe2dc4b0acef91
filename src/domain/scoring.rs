//! The score sheet of a year: a criteria tree (group → criterion) with maximum points, each unit's
//! self-score and the bloc's score per criterion, and bonus and penalty items.

use super::text::nfc;
use super::validate::{Problem, Problems, TextKind, POINTS_MAX};
use super::{Points, UnitId, Year};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Criterion {
    /// The key within the year and the number printed: "I.1", "2.3".
    pub code: String,
    /// The group heading it belongs to: "I. Thực hiện nhiệm vụ chính trị".
    pub group: String,
    pub name: String,
    pub max_points: Points,
}

impl Criterion {
    /// Whether `v` may stand as a score of this criterion: within 0..=its maximum, and within the
    /// limit of any score ([`POINTS_MAX`]). What ranks a sheet being typed.
    pub fn accepts(&self, v: Points) -> bool {
        v >= Points::ZERO && v <= self.max_points && v <= POINTS_MAX
    }

    /// What is wrong with `v` as a score of this criterion: nothing, or one or two sentences.
    pub fn score_problems(&self, v: Points) -> impl Iterator<Item = String> + '_ {
        let negative = (v < Points::ZERO).then(|| format!("Điểm {v} âm (tiêu chí {}).", self.code));
        let above = if v > self.max_points {
            Some(format!(
                "Điểm {v} vượt điểm tối đa {} của tiêu chí {}.",
                self.max_points, self.code
            ))
        } else if v > POINTS_MAX {
            Some(format!(
                "Điểm {v} vượt giới hạn {POINTS_MAX} điểm (tiêu chí {}).",
                self.code
            ))
        } else {
            None
        };
        negative.into_iter().chain(above)
    }
}

/// The two scores of a cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoreColumn {
    /// The unit's own score (điểm tự chấm).
    SelfScore,
    /// The bloc's score (điểm khối chấm), which ranks.
    Bloc,
}

impl ScoreColumn {
    /// The field of a [`ScoreEntry`] that holds it.
    pub fn field(self) -> &'static str {
        match self {
            ScoreColumn::SelfScore => "self_score",
            ScoreColumn::Bloc => "bloc_score",
        }
    }

    /// "điểm tự chấm", "điểm khối chấm".
    pub fn label(self) -> &'static str {
        match self {
            ScoreColumn::SelfScore => "điểm tự chấm",
            ScoreColumn::Bloc => "điểm khối chấm",
        }
    }
}

/// What of a cell a problem concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellPart {
    /// The entry as a whole: for a unit that is not a member, a second entry for the same cell, a
    /// criterion that does not exist.
    Entry,
    /// One of its two values.
    Value(ScoreColumn),
    /// The bloc's score is not entered yet: a gap while the sheet is being filled in, not a fault
    /// of what is typed.
    Missing,
}

/// A cell of the score grid, typed: where a problem of the sheet sits (see `Problem::cell`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScoreCell {
    pub unit: UnitId,
    /// The criterion's code, as the entry (or, for a missing cell, the criterion) has it.
    pub criterion: String,
    pub part: CellPart,
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
    ///
    /// Linear in the number of cells: every lookup goes through an index built once (a 500-unit,
    /// 40-criterion sheet has 20 000 cells, and `check` and import run this for every year). A
    /// problem of a cell carries its [`ScoreCell`], so that a screen marks the cell from it.
    pub fn problems(&self, members: &[UnitId], scale: Points) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.check(
            scale > Points::ZERO && scale <= POINTS_MAX,
            "criteria",
            format!("Thang điểm {scale} của quy chế nằm ngoài khoảng cho phép (lớn hơn 0, tối đa {POINTS_MAX})."),
        );
        // Criteria by their normalised code (the last of equal codes, as a map keeps it), and by
        // their code as typed, which spares normalising the code of every entry.
        let mut by_key: HashMap<String, usize> = HashMap::with_capacity(self.criteria.len());
        let mut keys = Vec::with_capacity(self.criteria.len());
        for (i, c) in self.criteria.iter().enumerate() {
            let f = format!("criteria[{i}]");
            p.required_text(&c.code, &format!("{f}.code"), "Mã tiêu chí", TextKind::Code);
            p.text(&c.group, &format!("{f}.group"), "Nhóm tiêu chí", TextKind::Line);
            p.required_text(&c.name, &format!("{f}.name"), "Tên tiêu chí", TextKind::Line);
            if c.max_points <= Points::ZERO {
                p.check(false, &format!("{f}.max_points"), "Điểm tối đa phải lớn hơn 0.");
            }
            if c.max_points > POINTS_MAX {
                p.check(
                    false,
                    &format!("{f}.max_points"),
                    format!(
                        "Điểm tối đa {} của tiêu chí {} vượt giới hạn {POINTS_MAX} điểm.",
                        c.max_points, c.code
                    ),
                );
            }
            let key = nfc(&c.code);
            if by_key.insert(key.clone(), i).is_some() {
                p.check(
                    false,
                    &format!("{f}.code"),
                    format!("Mã tiêu chí \u{201c}{}\u{201d} bị trùng.", c.code),
                );
            }
            keys.push(key);
        }
        // A criterion's code as typed → (its number among the distinct codes, the criterion its
        // normalised code names).
        let mut by_code: HashMap<&str, (usize, usize)> = HashMap::with_capacity(self.criteria.len());
        for (c, key) in self.criteria.iter().zip(&keys) {
            let next = by_code.len();
            by_code.entry(c.code.as_str()).or_insert((next, by_key[key]));
        }
        let code_of: Vec<usize> = self.criteria.iter().map(|c| by_code[c.code.as_str()].0).collect();
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
        // Units numbered densely (the members first), so that each cell is a place in a table:
        // `seen` for the entries met (unit × criterion), `scored` for the bloc scores entered
        // (unit × code as typed, which is what "missing" compares).
        let width = self.criteria.len();
        let mut index: HashMap<UnitId, usize> = HashMap::with_capacity(members.len() + 1);
        let mut units: Vec<UnitSums> = Vec::with_capacity(members.len() + 1);
        for &u in members {
            UnitSums::place(&mut index, &mut units, u, true);
        }
        let mut seen = vec![false; units.len() * width];
        let mut scored = vec![false; units.len() * width];
        // Entries for a criterion that does not exist, by their normalised code.
        let mut seen_unknown: HashSet<(UnitId, String)> = HashSet::new();
        let cell = |e: &ScoreEntry, column| ScoreCell {
            unit: e.unit,
            criterion: e.criterion.clone(),
            part: column,
        };
        for (i, e) in self.entries.iter().enumerate() {
            let u = UnitSums::place(&mut index, &mut units, e.unit, false);
            if seen.len() < units.len() * width {
                seen.resize(units.len() * width, false);
                scored.resize(units.len() * width, false);
            }
            // Exact sums per unit, in the order of the entries then the adjustments: `None` once
            // a sum leaves the range, as `checked_total` has it.
            let s = &mut units[u];
            s.touched = true;
            if let Some(v) = e.self_score {
                s.sums.self_total = s.sums.self_total.and_then(|t| t.checked_add(v));
            }
            if let Some(b) = e.bloc_score {
                s.sums.bloc = s.sums.bloc.and_then(|t| t.checked_add(b));
            }
            let f = || format!("entries[{i}]");
            if !s.member {
                p.0.push(
                    Problem::new(
                        format!("{}.unit", f()),
                        format!(
                            "Chấm điểm cho đơn vị không phải là thành viên của khối năm {}.",
                            self.year
                        ),
                    )
                    .in_cell(cell(e, CellPart::Entry)),
                );
            }
            let typed = by_code.get(e.criterion.as_str()).copied();
            if let (Some((code, _)), Some(_)) = (typed, e.bloc_score) {
                scored[u * width + code] = true;
            }
            let found = match typed {
                Some((_, c)) => Ok(c),
                None => {
                    let key = nfc(&e.criterion);
                    by_key.get(&key).copied().ok_or(key)
                }
            };
            let first = match &found {
                Ok(c) => !std::mem::replace(&mut seen[u * width + c], true),
                Err(key) => seen_unknown.insert((e.unit, key.clone())),
            };
            if !first {
                p.0.push(
                    Problem::new(
                        format!("{}.criterion", f()),
                        format!(
                            "Đơn vị đã có một dòng điểm cho tiêu chí \u{201c}{}\u{201d}; mỗi đơn vị một dòng cho mỗi tiêu chí.",
                            e.criterion
                        ),
                    )
                    .in_cell(cell(e, CellPart::Entry)),
                );
            }
            let Ok(c) = found else {
                p.0.push(
                    Problem::new(
                        format!("{}.criterion", f()),
                        format!("Không có tiêu chí \u{201c}{}\u{201d}.", e.criterion),
                    )
                    .in_cell(cell(e, CellPart::Entry)),
                );
                continue;
            };
            let c = &self.criteria[c];
            for (value, column) in [
                (e.self_score, ScoreColumn::SelfScore),
                (e.bloc_score, ScoreColumn::Bloc),
            ] {
                let Some(v) = value else { continue };
                for message in c.score_problems(v) {
                    p.0.push(
                        Problem::new(format!("{}.{}", f(), column.field()), message)
                            .in_cell(cell(e, CellPart::Value(column))),
                    );
                }
            }
        }
        if !self.entries.is_empty() {
            for &unit in members {
                let u = index[&unit];
                for (c, &code) in self.criteria.iter().zip(&code_of) {
                    if !scored[u * width + code] {
                        p.0.push(
                            Problem::new(
                                format!("missing[{unit}].{}", c.code),
                                format!("Thiếu điểm của khối cho tiêu chí {}.", c.code),
                            )
                            .in_cell(ScoreCell {
                                unit,
                                criterion: c.code.clone(),
                                part: CellPart::Missing,
                            }),
                        );
                    }
                }
            }
        }
        for (i, a) in self.adjustments.iter().enumerate() {
            let f = format!("adjustments[{i}]");
            if a.points <= Points::ZERO {
                p.check(false, &format!("{f}.points"), "Điểm cộng/trừ phải lớn hơn 0.");
            }
            if a.points > POINTS_MAX {
                p.check(
                    false,
                    &format!("{f}.points"),
                    format!("Điểm cộng/trừ {} vượt giới hạn {POINTS_MAX} điểm.", a.points),
                );
            }
            p.required_text(&a.reason, &format!("{f}.reason"), "Lý do", TextKind::Line);
            let u = UnitSums::place(&mut index, &mut units, a.unit, false);
            let s = &mut units[u];
            p.check(
                s.member,
                &format!("{f}.unit"),
                "Đơn vị không phải là thành viên của khối.",
            );
            s.touched = true;
            let sum = match a.kind {
                AdjustmentKind::Bonus => &mut s.sums.bonus,
                AdjustmentKind::Penalty => &mut s.sums.penalty,
            };
            *sum = sum.and_then(|t| t.checked_add(a.points));
        }
        // Totals are summed exactly: a sum that would overflow is a problem, never a panic or a wrap.
        let mut overflowing: Vec<UnitId> = units
            .iter()
            .filter(|s| s.touched && s.sums.total().is_none())
            .map(|s| s.unit)
            .collect();
        overflowing.sort_unstable();
        for u in overflowing {
            p.check(
                false,
                &format!("totals[{u}]"),
                "Tổng điểm của đơn vị vượt quá khả năng tính toán. Hãy sửa các điểm quá lớn.",
            );
        }
        p.into_vec()
    }
}

/// A unit met while checking a sheet: a member or not, and its sums.
struct UnitSums {
    unit: UnitId,
    member: bool,
    /// It has an entry or an adjustment (only those units' totals are checked).
    touched: bool,
    sums: Sums,
}

impl UnitSums {
    /// The number of unit `u` in `units`, which it joins if new.
    fn place(index: &mut HashMap<UnitId, usize>, units: &mut Vec<UnitSums>, u: UnitId, member: bool) -> usize {
        *index.entry(u).or_insert_with(|| {
            units.push(UnitSums {
                unit: u,
                member,
                touched: false,
                sums: Sums::new(),
            });
            units.len() - 1
        })
    }
}

/// A unit's exact sums while checking a sheet; `None` once a sum has left the range.
#[derive(Clone, Copy)]
struct Sums {
    bloc: Option<Points>,
    self_total: Option<Points>,
    bonus: Option<Points>,
    penalty: Option<Points>,
}

impl Sums {
    fn new() -> Self {
        Sums {
            bloc: Some(Points::ZERO),
            self_total: Some(Points::ZERO),
            bonus: Some(Points::ZERO),
            penalty: Some(Points::ZERO),
        }
    }

    /// Bloc score + bonus − penalty, as [`ScoreSheet::checked_total`] computes it.
    fn total(self) -> Option<Points> {
        self.self_total?;
        self.bloc?.checked_add(self.bonus?)?.checked_sub(self.penalty?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    // The checks as they were before they were made linear: the reference for their messages.
    fn reference_problems(sheet: &ScoreSheet, members: &[UnitId], scale: Points) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(sheet.year, "year");
        p.check(
            scale > Points::ZERO && scale <= POINTS_MAX,
            "criteria",
            format!("Thang điểm {scale} của quy chế nằm ngoài khoảng cho phép (lớn hơn 0, tối đa {POINTS_MAX})."),
        );
        for (i, c) in sheet.criteria.iter().enumerate() {
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
            if sheet.criteria[..i].iter().any(|o| nfc(&o.code) == nfc(&c.code)) {
                p.check(
                    false,
                    &format!("{f}.code"),
                    format!("Mã tiêu chí \u{201c}{}\u{201d} bị trùng.", c.code),
                );
            }
        }
        if !sheet.criteria.is_empty() {
            match sheet.checked_max_total() {
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
            sheet.criteria.iter().map(|c| (nfc(&c.code), c)).collect();
        let members_set: std::collections::HashSet<UnitId> = members.iter().copied().collect();
        let mut seen: std::collections::HashMap<(UnitId, String), usize> = std::collections::HashMap::new();
        for (i, e) in sheet.entries.iter().enumerate() {
            let f = || format!("entries[{i}]");
            if !members_set.contains(&e.unit) {
                p.check(
                    false,
                    &format!("{}.unit", f()),
                    format!(
                        "Chấm điểm cho đơn vị không phải là thành viên của khối năm {}.",
                        sheet.year
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
        if !sheet.entries.is_empty() {
            let scored: std::collections::HashSet<(UnitId, &str)> = sheet
                .entries
                .iter()
                .filter(|e| e.bloc_score.is_some())
                .map(|e| (e.unit, e.criterion.as_str()))
                .collect();
            for &u in members {
                for c in &sheet.criteria {
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
        for (i, a) in sheet.adjustments.iter().enumerate() {
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
        let mut units: Vec<UnitId> = sheet
            .entries
            .iter()
            .map(|e| e.unit)
            .chain(sheet.adjustments.iter().map(|a| a.unit))
            .collect();
        units.sort_unstable();
        units.dedup();
        for u in units {
            p.check(
                sheet.checked_total(u).is_some(),
                &format!("totals[{u}]"),
                "Tổng điểm của đơn vị vượt quá khả năng tính toán. Hãy sửa các điểm quá lớn.",
            );
        }
        p.into_vec()
    }

    fn points_from(code: u8) -> Points {
        match code % 8 {
            0 => Points::ZERO,
            1 => Points::whole(5),
            2 => Points::whole(60),
            3 => Points::whole(61),
            4 => Points::whole(-1),
            5 => Points::whole(15_000),
            6 => Points::from_hundredths(i64::MAX / 2 + 7),
            _ => Points::from_hundredths(i64::MIN / 2 - 7),
        }
    }

    /// Codes that are equal only once normalised ("e\u{301}" and "é", " 1" and "1"), and one of no criterion.
    const CODES: [&str; 7] = ["1", "2", "I.1", "e\u{301}", "\u{e9}", " 1", "7"];

    fn arb_sheet() -> impl Strategy<Value = (ScoreSheet, Vec<UnitId>, Points)> {
        let criterion = (0..6usize, 0u8..8).prop_map(|(c, m)| Criterion {
            code: CODES[c].into(),
            group: "I".into(),
            name: if m == 7 { String::new() } else { "Tiêu chí".into() },
            max_points: match m {
                0 => Points::whole(-1),
                1 => Points::ZERO,
                2 | 7 => Points::whole(60),
                3 => Points::whole(40),
                4 => Points::whole(20_000),
                5 => Points::from_hundredths(i64::MAX / 3),
                _ => Points::whole(100),
            },
        });
        let value = proptest::option::of(0u8..8).prop_map(|v| v.map(points_from));
        let entry = (1i64..5, 0..7usize, value.clone(), value).prop_map(|(unit, c, s, b)| ScoreEntry {
            unit,
            criterion: CODES[c].into(),
            self_score: s,
            bloc_score: b,
        });
        let adjustment =
            (1i64..5, any::<bool>(), 0u8..8, any::<bool>()).prop_map(|(unit, bonus, p, reason)| Adjustment {
                unit,
                kind: if bonus {
                    AdjustmentKind::Bonus
                } else {
                    AdjustmentKind::Penalty
                },
                points: points_from(p),
                reason: if reason { "Lý do".into() } else { String::new() },
            });
        (
            proptest::collection::vec(criterion, 0..5),
            proptest::collection::vec(entry, 0..14),
            proptest::collection::vec(adjustment, 0..4),
            proptest::sample::subsequence(vec![1i64, 2, 3], 0..=3),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(criteria, entries, adjustments, members, old_year, scale)| {
                (
                    ScoreSheet {
                        year: if old_year { 1900 } else { 2022 },
                        criteria,
                        entries,
                        adjustments,
                    },
                    members,
                    if scale { Points::whole(100) } else { Points::ZERO },
                )
            })
    }

    proptest! {
        #[test]
        fn linear_checks_say_what_the_quadratic_ones_said((s, members, scale) in arb_sheet()) {
            let got = s.problems(&members, scale);
            let want = reference_problems(&s, &members, scale);
            let text = |p: &[Problem]| -> Vec<(String, String, String)> {
                p.iter().map(|p| (p.field.clone(), p.location.clone(), p.message.clone())).collect()
            };
            prop_assert_eq!(text(&got), text(&want));
            // The typed location names the entry the field path names.
            for p in &got {
                let entry = p
                    .field
                    .strip_prefix("entries[")
                    .and_then(|x| x.split_once(']'))
                    .map(|(n, rest)| (&s.entries[n.parse::<usize>().unwrap()], rest));
                match (entry, &p.cell) {
                    (Some((e, rest)), Some(c)) => {
                        prop_assert_eq!((c.unit, c.criterion.as_str()), (e.unit, e.criterion.as_str()));
                        let part = match rest {
                            ".self_score" => CellPart::Value(ScoreColumn::SelfScore),
                            ".bloc_score" => CellPart::Value(ScoreColumn::Bloc),
                            _ => CellPart::Entry,
                        };
                        prop_assert_eq!(c.part, part);
                    }
                    (None, Some(c)) => {
                        prop_assert_eq!(c.part, CellPart::Missing);
                        prop_assert_eq!(&p.field, &format!("missing[{}].{}", c.unit, c.criterion));
                    }
                    (Some(_), None) => prop_assert!(false, "{} has no cell", p.field),
                    (None, None) => {}
                }
            }
        }
    }

    #[test]
    fn cell_problems_are_located_in_their_cell() {
        let mut s = sheet();
        s.entries = vec![entry(1, "2", Some(40)), entry(1, "1", Some(70))];
        s.entries[1].self_score = Some(Points::whole(-2));
        let p = s.problems(&[1], Points::whole(100));
        let cells: Vec<(&ScoreCell, &str)> = p
            .iter()
            .filter_map(|p| Some((p.cell.as_ref()?, p.message.as_str())))
            .collect();
        let at = |part| ScoreCell {
            unit: 1,
            criterion: "1".into(),
            part,
        };
        assert_eq!(
            cells,
            [
                (&at(CellPart::Value(ScoreColumn::SelfScore)), "Điểm -2 âm (tiêu chí 1)."),
                (
                    &at(CellPart::Value(ScoreColumn::Bloc)),
                    "Điểm 70 vượt điểm tối đa 60 của tiêu chí 1."
                ),
            ]
        );
        // Seen from the year, the cell stays.
        let within = p[0].clone().within("score_sheet");
        assert_eq!(within.field, "score_sheet.entries[1].self_score");
        assert_eq!(within.cell, p[0].cell);
    }

    #[test]
    fn a_large_sheet_reports_each_bad_cell_once() {
        // 500 units × 40 criteria (20 000 cells; see `benches/rules.rs` for the time), one unit
        // over the maximum everywhere.
        let mut s = sheet();
        s.criteria = (0..40)
            .map(|i| Criterion {
                code: format!("I.{i}"),
                group: "I".into(),
                name: "Tiêu chí".into(),
                max_points: Points::whole(if i < 20 { 3 } else { 2 }),
            })
            .collect();
        let members: Vec<UnitId> = (1..=500).collect();
        for &u in &members {
            for c in &s.criteria {
                s.entries.push(ScoreEntry {
                    unit: u,
                    criterion: c.code.clone(),
                    self_score: Some(Points::whole(1)),
                    bloc_score: Some(Points::whole(if u == 7 { 9 } else { 1 })),
                });
            }
        }
        let p = s.problems(&members, Points::whole(100));
        assert_eq!(p.len(), 40, "{p:#?}");
        assert!(p.iter().all(|p| p.cell.as_ref().is_some_and(|c| c.unit == 7)));
    }
}
