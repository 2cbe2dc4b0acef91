//! Totals and ranking of a year's score sheet. Ties share a rank ("đồng hạng 2") and the next rank
//! skips (1, 2, 2, 4): never the spreadsheet RANK confusion. Ties are first broken by the bloc's
//! tie-break order; units still equal after every tie-break share their rank.

use super::rules::TieBreak;
use super::scoring::{AdjustmentKind, ScoreEntry, ScoreSheet};
use super::{Points, UnitId, YearRecord};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub unit: UnitId,
    pub self_total: Points,
    pub bloc_total: Points,
    pub bonus: Points,
    pub penalty: Points,
    /// Bloc score + bonus − penalty: what ranks.
    pub total: Points,
    /// Votes in the leading-unit ballot.
    pub votes: u32,
    /// Criteria without a bloc score for this unit.
    pub missing: usize,
    /// Values left out of the totals because their criterion does not accept them (negative, above
    /// its maximum): counted by [`rank_valid`] only, always 0 from [`rank`].
    pub invalid: usize,
    pub rank: u32,
    /// Another unit has the same rank.
    pub shared: bool,
}

impl Standing {
    /// "1", or "đồng hạng 2" when shared.
    pub fn rank_label(&self) -> String {
        if self.shared {
            format!("đồng hạng {}", self.rank)
        } else {
            self.rank.to_string()
        }
    }
}

/// What ranking needs besides the sheet: the member units, their precedence and their votes.
pub struct RankingInput<'a> {
    pub sheet: &'a ScoreSheet,
    pub members: &'a [UnitId],
    pub precedence: &'a HashMap<UnitId, i32>,
    pub votes: &'a HashMap<UnitId, u32>,
    pub tie_breaks: &'a [TieBreak],
}

/// Which values a ranking adds up.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Count {
    /// Every stored value (a stored sheet has passed its checks; a damaged one is reported by
    /// `check` and still ranks without a panic).
    All,
    /// Only the values their criterion accepts; the others are counted in `Standing::invalid`.
    Valid,
}

/// Totals of every member (scored or not) and their ranks, best first.
pub fn rank(input: &RankingInput) -> Vec<Standing> {
    rank_counting(input, Count::All)
}

/// As [`rank`], counting only the values their criterion accepts
/// ([`Criterion::accepts`](super::scoring::Criterion::accepts)): a score typed above its maximum
/// (70 in a criterion of at most 60) ranks nobody first. Each value left out is counted in the
/// unit's [`Standing::invalid`]; it is not missing.
pub fn rank_valid(input: &RankingInput) -> Vec<Standing> {
    rank_counting(input, Count::Valid)
}

/// The ranking of `sheet` among the year's members, with their precedence, their votes in the
/// leading-unit ballot and the rules' tie-breaks, as [`YearRecord::ranking`] ranks the stored
/// sheet, counting only valid values ([`rank_valid`]). For a sheet being typed: no copy of the
/// year is made.
pub fn rank_sheet(record: &YearRecord, sheet: &ScoreSheet) -> Vec<Standing> {
    let precedence: HashMap<UnitId, i32> = record.units.iter().map(|u| (u.id, u.precedence)).collect();
    let votes: HashMap<UnitId, u32> = record
        .leading_ballot()
        .map(|b| b.candidates.iter().map(|c| (c.unit, c.votes)).collect())
        .unwrap_or_default();
    rank_valid(&RankingInput {
        sheet,
        members: &record.members,
        precedence: &precedence,
        votes: &votes,
        tie_breaks: &record.rules.tie_breaks,
    })
}

/// Linear in the cells of the sheet (one index of its entries), then a sort of the members.
fn rank_counting(input: &RankingInput, count: Count) -> Vec<Standing> {
    let sheet = input.sheet;
    // The first entry of each (unit, criterion code), as `ScoreSheet::entry` finds it.
    let mut entries: HashMap<(UnitId, &str), &ScoreEntry> = HashMap::with_capacity(sheet.entries.len());
    for e in &sheet.entries {
        entries.entry((e.unit, e.criterion.as_str())).or_insert(e);
    }
    let mut adjustments: HashMap<UnitId, (Points, Points)> = HashMap::new();
    for a in &sheet.adjustments {
        let (bonus, penalty) = adjustments.entry(a.unit).or_default();
        match a.kind {
            AdjustmentKind::Bonus => *bonus = *bonus + a.points,
            AdjustmentKind::Penalty => *penalty = *penalty + a.points,
        }
    }
    let mut rows: Vec<Standing> = input
        .members
        .iter()
        .map(|&u| {
            totals(
                input,
                u,
                &entries,
                adjustments.get(&u).copied().unwrap_or_default(),
                count,
            )
        })
        .collect();
    let prec = |u: UnitId| input.precedence.get(&u).copied().unwrap_or(i32::MAX);
    let better = |a: &Standing, b: &Standing| compare(a, b, input.tie_breaks, &prec);
    // Display order among equals: precedence, then id, so the list is stable.
    rows.sort_by(|a, b| {
        better(a, b)
            .then_with(|| prec(a.unit).cmp(&prec(b.unit)))
            .then(a.unit.cmp(&b.unit))
    });
    // Sorted, units that rank equal stand together: a unit's rank is one more than the number of
    // units before its group, and the rank is shared when the group has more than one.
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && better(&rows[start], &rows[end]) == Ordering::Equal {
            end += 1;
        }
        let shared = end - start > 1;
        for r in &mut rows[start..end] {
            r.rank = start as u32 + 1;
            r.shared = shared;
        }
        start = end;
    }
    rows
}

/// Sums with `Points`' saturating `+`/`-`: within the bounds the rules enforce (at most 10 000 points a
/// value) they are exact; past them (a damaged file) they stop at the ends of the range instead of
/// panicking or wrapping, and `ScoreSheet::problems` reports the unit's total (`totals[unit]`).
fn totals(
    input: &RankingInput,
    unit: UnitId,
    entries: &HashMap<(UnitId, &str), &ScoreEntry>,
    (bonus, penalty): (Points, Points),
    count: Count,
) -> Standing {
    let (mut self_total, mut bloc_total, mut missing, mut invalid) = (Points::ZERO, Points::ZERO, 0, 0);
    for c in &input.sheet.criteria {
        let counted = |v: Option<Points>, invalid: &mut usize| match v {
            Some(v) if count == Count::Valid && !c.accepts(v) => {
                *invalid += 1;
                None
            }
            v => v,
        };
        match entries.get(&(unit, c.code.as_str())) {
            Some(e) => {
                self_total = self_total + counted(e.self_score, &mut invalid).unwrap_or_default();
                match e.bloc_score {
                    Some(b) => bloc_total = bloc_total + counted(Some(b), &mut invalid).unwrap_or_default(),
                    None => missing += 1,
                }
            }
            None => missing += 1,
        }
    }
    Standing {
        unit,
        self_total,
        bloc_total,
        bonus,
        penalty,
        total: bloc_total + bonus - penalty,
        votes: input.votes.get(&unit).copied().unwrap_or(0),
        missing,
        invalid,
        rank: 0,
        shared: false,
    }
}

/// `Less` when `a` ranks before `b`.
fn compare(a: &Standing, b: &Standing, tie_breaks: &[TieBreak], prec: &impl Fn(UnitId) -> i32) -> Ordering {
    let mut ord = b.total.cmp(&a.total);
    for t in tie_breaks {
        if ord != Ordering::Equal {
            break;
        }
        ord = match t {
            TieBreak::BlocScore => b.bloc_total.cmp(&a.bloc_total),
            TieBreak::SelfScore => b.self_total.cmp(&a.self_total),
            TieBreak::FewerPenalties => a.penalty.cmp(&b.penalty),
            TieBreak::MoreBonus => b.bonus.cmp(&a.bonus),
            TieBreak::Votes => b.votes.cmp(&a.votes),
            TieBreak::Precedence => prec(a.unit).cmp(&prec(b.unit)),
        };
    }
    ord
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::{Adjustment, Criterion, ScoreEntry};
    use proptest::prelude::*;

    fn sheet(scores: &[(UnitId, i64)]) -> ScoreSheet {
        ScoreSheet {
            year: 2022,
            criteria: vec![Criterion {
                code: "1".into(),
                group: "I".into(),
                name: "Tổng hợp".into(),
                max_points: Points::whole(100),
            }],
            entries: scores
                .iter()
                .map(|&(unit, p)| ScoreEntry {
                    unit,
                    criterion: "1".into(),
                    self_score: Some(Points::whole(p)),
                    bloc_score: Some(Points::whole(p)),
                })
                .collect(),
            adjustments: Vec::new(),
        }
    }

    fn run(sheet: &ScoreSheet, members: &[UnitId], votes: &[(UnitId, u32)], tb: &[TieBreak]) -> Vec<Standing> {
        let precedence: HashMap<UnitId, i32> = members.iter().map(|&u| (u, u as i32)).collect();
        let votes: HashMap<UnitId, u32> = votes.iter().copied().collect();
        rank(&RankingInput {
            sheet,
            members,
            precedence: &precedence,
            votes: &votes,
            tie_breaks: tb,
        })
    }

    #[test]
    fn shared_ranks_skip_the_next() {
        let s = sheet(&[(1, 90), (2, 95), (3, 95), (4, 80)]);
        let r = run(&s, &[1, 2, 3, 4], &[], &[]);
        let got: Vec<(UnitId, String)> = r.iter().map(|x| (x.unit, x.rank_label())).collect();
        assert_eq!(
            got,
            [
                (2, "đồng hạng 1".to_string()),
                (3, "đồng hạng 1".to_string()),
                (1, "3".to_string()),
                (4, "4".to_string())
            ]
        );
    }

    #[test]
    fn tie_breaks_in_the_rules_order() {
        let mut s = sheet(&[(1, 95), (2, 93), (3, 95)]);
        // Unit 2 reaches 95 with a bonus; unit 3 has a penalty-free 95, unit 1 got 95 with votes.
        s.adjustments.push(Adjustment {
            unit: 2,
            kind: AdjustmentKind::Bonus,
            points: Points::whole(2),
            reason: "Cờ năm trước".into(),
        });
        let votes = [(1, 7), (3, 2)];
        let r = run(&s, &[1, 2, 3], &votes, &[TieBreak::BlocScore, TieBreak::Votes]);
        let order: Vec<UnitId> = r.iter().map(|x| x.unit).collect();
        assert_eq!(order, [1, 3, 2], "bloc score first (2 loses), then votes (1 beats 3)");
        assert!(r.iter().all(|x| !x.shared));
        let r = run(&s, &[1, 2, 3], &votes, &[TieBreak::MoreBonus]);
        assert_eq!(r[0].unit, 2);
        assert_eq!((r[1].rank, r[1].shared, r[2].rank), (2, true, 2));
    }

    #[test]
    fn missing_scores_are_counted_and_non_scored_members_still_listed() {
        let s = sheet(&[(1, 90)]);
        let r = run(&s, &[1, 2], &[], &[]);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].unit, 2);
        assert_eq!(r[1].missing, 1);
        assert_eq!(r[1].total, Points::ZERO);
    }

    #[test]
    fn the_live_ranking_counts_only_valid_values() {
        let mut s = sheet(&[(1, 90), (2, 95)]);
        s.criteria[0].max_points = Points::whole(60);
        s.criteria.push(Criterion {
            code: "2".into(),
            group: "I".into(),
            name: "Phong trào".into(),
            max_points: Points::whole(40),
        });
        // Unit 1: 50 + 36 = 86, valid. Unit 2: 70 typed in a criterion of at most 60, and 36.
        s.entries = [(1, "1", 50), (1, "2", 36), (2, "1", 70), (2, "2", 36)]
            .into_iter()
            .map(|(unit, c, p)| ScoreEntry {
                unit,
                criterion: c.into(),
                self_score: Some(Points::whole(p)),
                bloc_score: Some(Points::whole(p)),
            })
            .collect();
        let none = HashMap::new();
        let no_votes = HashMap::new();
        let input = |s: &ScoreSheet, valid: bool| {
            let i = RankingInput {
                sheet: s,
                members: &[1, 2],
                precedence: &none,
                votes: &no_votes,
                tie_breaks: &[],
            };
            if valid {
                rank_valid(&i)
            } else {
                rank(&i)
            }
        };
        let r = input(&s, true);
        let got: Vec<(UnitId, String, usize, usize)> = r
            .iter()
            .map(|x| (x.unit, x.total.to_string(), x.invalid, x.missing))
            .collect();
        assert_eq!(
            got,
            [(1, "86".into(), 0, 0), (2, "36".into(), 2, 0)],
            "self and bloc values of unit 2 left out"
        );
        assert_eq!(r[1].self_total, Points::whole(36));
        // Stored sheets rank as they did: every value counts.
        let r = input(&s, false);
        assert_eq!((r[0].unit, r[0].total, r[0].invalid), (2, Points::whole(106), 0));
        // A negative value is left out too.
        s.entries[2].bloc_score = Some(Points::whole(-5));
        let r = input(&s, true);
        assert_eq!((r[1].unit, r[1].bloc_total, r[1].invalid), (2, Points::whole(36), 2));
    }

    /// The ranks as they were computed before (for each unit, a count over all units).
    fn quadratic_ranks(rows: &[Standing], tb: &[TieBreak], members: &[UnitId]) -> Vec<(u32, bool)> {
        let prec = |u: UnitId| members.iter().position(|&m| m == u).map_or(i32::MAX, |p| p as i32 + 1);
        rows.iter()
            .map(|r| {
                let ahead = rows
                    .iter()
                    .filter(|o| compare(o, r, tb, &prec) == Ordering::Less)
                    .count() as u32;
                let equal = rows
                    .iter()
                    .filter(|o| compare(o, r, tb, &prec) == Ordering::Equal)
                    .count();
                (ahead + 1, equal > 1)
            })
            .collect()
    }

    proptest! {
        #[test]
        fn linear_ranks_are_the_quadratic_ones(
            scores in proptest::collection::vec((0i64..=6, 0u32..3), 1..25),
            tb in proptest::sample::subsequence(vec![TieBreak::Votes, TieBreak::Precedence, TieBreak::BlocScore], 0..=3),
        ) {
            let members: Vec<UnitId> = (1..=scores.len() as i64).collect();
            let s = sheet(&members.iter().zip(&scores).map(|(&u, &(p, _))| (u, p)).collect::<Vec<_>>());
            let votes: Vec<(UnitId, u32)> = members.iter().zip(&scores).map(|(&u, &(_, v))| (u, v)).collect();
            let r = run(&s, &members, &votes, &tb);
            let got: Vec<(u32, bool)> = r.iter().map(|x| (x.rank, x.shared)).collect();
            prop_assert_eq!(got, quadratic_ranks(&r, &tb, &members));
        }

        #[test]
        fn ranking_properties(scores in proptest::collection::vec((0i64..=20, 0u32..5, 0i64..3), 1..30)) {
            let members: Vec<UnitId> = (1..=scores.len() as i64).collect();
            let mut s = sheet(&members.iter().zip(&scores).map(|(&u, &(p, _, _))| (u, p)).collect::<Vec<_>>());
            for (&u, &(_, _, pen)) in members.iter().zip(&scores) {
                if pen > 0 {
                    s.adjustments.push(Adjustment { unit: u, kind: AdjustmentKind::Penalty, points: Points::whole(pen), reason: "x".into() });
                }
            }
            let votes: Vec<(UnitId, u32)> = members.iter().zip(&scores).map(|(&u, &(_, v, _))| (u, v)).collect();
            let r = run(&s, &members, &votes, &[TieBreak::BlocScore, TieBreak::FewerPenalties, TieBreak::Votes]);
            // No unit is lost or doubled.
            let mut units: Vec<UnitId> = r.iter().map(|x| x.unit).collect();
            units.sort();
            prop_assert_eq!(&units, &members);
            // The first rank is 1; ranks never decrease down the list; the order is total.
            prop_assert_eq!(r[0].rank, 1);
            for w in r.windows(2) {
                prop_assert!(w[0].rank <= w[1].rank);
                prop_assert!(w[0].total >= w[1].total);
            }
            // A rank is one more than the number of units before it that rank strictly better,
            // so after a group of k tied units the next rank skips by k.
            for (i, x) in r.iter().enumerate() {
                let better = r[..i].iter().filter(|o| o.rank < x.rank).count() as u32;
                prop_assert_eq!(x.rank, better + 1);
                let same = r.iter().filter(|o| o.rank == x.rank).count();
                prop_assert_eq!(x.shared, same > 1);
                if same > 1 {
                    // Tied units are equal in every tie-break.
                    for o in r.iter().filter(|o| o.rank == x.rank) {
                        prop_assert_eq!((o.total, o.bloc_total, o.penalty, o.votes), (x.total, x.bloc_total, x.penalty, x.votes));
                    }
                }
                // And the converse: units equal in the total and in every tie-break share a rank.
                let key = |o: &Standing| (o.total, o.bloc_total, o.penalty, o.votes);
                for o in r.iter().filter(|o| key(o) == key(x)) {
                    prop_assert_eq!(o.rank, x.rank, "units {} and {} are equal in every tie-break", o.unit, x.unit);
                    if o.unit != x.unit {
                        prop_assert!(o.shared && x.shared, "units {} and {} share their rank", o.unit, x.unit);
                    }
                }
            }
        }

        /// Without tie-breaks the total alone ranks: equal totals share a rank, and a rank is one
        /// more than the number of units with a strictly higher total (1, 2, 2, 4), whatever order
        /// the units are listed in. Checked against the totals, not against `compare`.
        #[test]
        fn equal_totals_share_a_rank(scores in proptest::collection::vec(0i64..=5, 1..20)) {
            let members: Vec<UnitId> = (1..=scores.len() as i64).rev().collect();
            let s = sheet(&members.iter().zip(&scores).map(|(&u, &p)| (u, p)).collect::<Vec<_>>());
            let r = run(&s, &members, &[], &[]);
            prop_assert_eq!(r.len(), scores.len());
            for x in &r {
                prop_assert_eq!(x.total, Points::whole(scores[members.iter().position(|&u| u == x.unit).unwrap()]));
                let higher = r.iter().filter(|o| o.total > x.total).count() as u32;
                prop_assert_eq!(x.rank, higher + 1, "unit {} with {}", x.unit, x.total);
                let equal = r.iter().filter(|o| o.total == x.total).count();
                prop_assert_eq!(x.shared, equal > 1, "unit {} with {}", x.unit, x.total);
                for o in &r {
                    prop_assert_eq!(o.total == x.total, o.rank == x.rank, "units {} and {}", o.unit, x.unit);
                }
            }
        }
    }
}
