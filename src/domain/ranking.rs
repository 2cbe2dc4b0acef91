//! Totals and ranking of a year's score sheet. Ties share a rank ("đồng hạng 2") and the next rank
//! skips (1, 2, 2, 4): never the spreadsheet RANK confusion. Ties are first broken by the bloc's
//! tie-break order; units still equal after every tie-break share their rank.

use super::rules::TieBreak;
use super::scoring::{AdjustmentKind, ScoreSheet};
use super::{Points, UnitId};
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

/// Totals of every member (scored or not) and their ranks, best first.
pub fn rank(input: &RankingInput) -> Vec<Standing> {
    let mut rows: Vec<Standing> = input.members.iter().map(|&u| totals(input, u)).collect();
    let prec = |u: UnitId| input.precedence.get(&u).copied().unwrap_or(i32::MAX);
    let better = |a: &Standing, b: &Standing| compare(a, b, input.tie_breaks, &prec);
    // Display order among equals: precedence, then id, so the list is stable.
    rows.sort_by(|a, b| {
        better(a, b)
            .then_with(|| prec(a.unit).cmp(&prec(b.unit)))
            .then(a.unit.cmp(&b.unit))
    });
    let ranks: Vec<(u32, bool)> = rows
        .iter()
        .map(|r| {
            let ahead = rows.iter().filter(|o| better(o, r) == Ordering::Less).count() as u32;
            let equal = rows.iter().filter(|o| better(o, r) == Ordering::Equal).count();
            (ahead + 1, equal > 1)
        })
        .collect();
    for (r, (rank, shared)) in rows.iter_mut().zip(ranks) {
        r.rank = rank;
        r.shared = shared;
    }
    rows
}

/// Sums with `Points`' saturating `+`/`-`: within the bounds the rules enforce (at most 10 000 points a
/// value) they are exact; past them (a damaged file) they stop at the ends of the range instead of
/// panicking or wrapping, and `ScoreSheet::problems` reports the unit's total (`totals[unit]`).
fn totals(input: &RankingInput, unit: UnitId) -> Standing {
    let sheet = input.sheet;
    let (mut self_total, mut bloc_total, mut missing) = (Points::ZERO, Points::ZERO, 0);
    for c in &sheet.criteria {
        match sheet.entry(unit, &c.code) {
            Some(e) => {
                self_total = self_total + e.self_score.unwrap_or_default();
                match e.bloc_score {
                    Some(b) => bloc_total = bloc_total + b,
                    None => missing += 1,
                }
            }
            None => missing += 1,
        }
    }
    let sum = |kind| -> Points {
        sheet
            .adjustments
            .iter()
            .filter(|a| a.unit == unit && a.kind == kind)
            .map(|a| a.points)
            .sum()
    };
    let (bonus, penalty) = (sum(AdjustmentKind::Bonus), sum(AdjustmentKind::Penalty));
    Standing {
        unit,
        self_total,
        bloc_total,
        bonus,
        penalty,
        total: bloc_total + bonus - penalty,
        votes: input.votes.get(&unit).copied().unwrap_or(0),
        missing,
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

    proptest! {
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
            }
        }
    }
}
