//! The result of a ballot: per candidate the votes, the percentage against the base the rules name,
//! and passed or not, computed exactly in integers and printed as Vietnamese documents print it
//! ("8/9 phiếu, đạt 88,89%").

use super::ballot::Ballot;
use super::rules::{Rules, VoteBase};
use super::UnitId;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateResult {
    pub unit: UnitId,
    pub votes: u32,
    pub base: u32,
    /// "88,89".
    pub percent: String,
    pub passed: bool,
}

impl CandidateResult {
    /// "8/9 phiếu, đạt 88,89%".
    pub fn summary(&self) -> String {
        format!("{}/{} phiếu, đạt {}%", self.votes, self.base, self.percent)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    pub base: u32,
    pub base_label: &'static str,
    /// "từ 70% trở lên" or "trên 50%".
    pub threshold: String,
    /// Most votes first; equal votes keep the ballot's order.
    pub results: Vec<CandidateResult>,
}

impl Tally {
    pub fn passed(&self) -> impl Iterator<Item = &CandidateResult> {
        self.results.iter().filter(|r| r.passed)
    }

    pub fn result(&self, unit: UnitId) -> Option<&CandidateResult> {
        self.results.iter().find(|r| r.unit == unit)
    }
}

/// `votes / base` as a percentage with `decimals` places, rounded half up, with a decimal comma.
pub fn percent_text(votes: u32, base: u32, decimals: u8) -> String {
    // The rules allow at most 4 decimals; a damaged file's larger value must not overflow.
    let decimals = decimals.min(6);
    if base == 0 {
        return format_scaled(0, decimals);
    }
    let scale = 10u128.pow(u32::from(decimals));
    let num = u128::from(votes) * 100 * scale;
    let den = u128::from(base);
    format_scaled((2 * num + den) / (2 * den), decimals)
}

fn format_scaled(v: u128, decimals: u8) -> String {
    let decimals = decimals.min(6);
    if decimals == 0 {
        return v.to_string();
    }
    let scale = 10u128.pow(u32::from(decimals));
    format!("{},{:0width$}", v / scale, v % scale, width = usize::from(decimals))
}

/// Whether `votes` of `base` reaches the threshold, exactly (threshold kept to hundredths of a percent).
pub fn passes(votes: u32, base: u32, rules: &Rules) -> bool {
    if base == 0 {
        return false;
    }
    let threshold = (rules.vote_threshold_percent * 100.0).round() as u128;
    let lhs = u128::from(votes) * 10_000;
    let rhs = threshold * u128::from(base);
    if rules.threshold_inclusive {
        lhs >= rhs
    } else {
        lhs > rhs
    }
}

/// "từ 70% trở lên" / "trên 50%".
pub fn threshold_text(rules: &Rules) -> String {
    let t = rules.vote_threshold_percent;
    let num = if t.fract() == 0.0 {
        format!("{t:.0}")
    } else {
        super::text::decimal_vi(t, 2)
    };
    if rules.threshold_inclusive {
        format!("từ {num}% trở lên")
    } else {
        format!("trên {num}%")
    }
}

/// The base a percentage is taken against, per the rules.
pub fn base_for(ballot: &Ballot, rules: &Rules, members: u32, present: u32) -> u32 {
    match rules.vote_base {
        VoteBase::AllMembers => members,
        VoteBase::Present => present,
        VoteBase::ValidBallots => ballot.valid,
    }
}

pub fn tally(ballot: &Ballot, rules: &Rules, members: u32, present: u32) -> Tally {
    let base = base_for(ballot, rules, members, present);
    let mut results: Vec<CandidateResult> = ballot
        .candidates
        .iter()
        .map(|c| CandidateResult {
            unit: c.unit,
            votes: c.votes,
            base,
            percent: percent_text(c.votes, base, rules.percent_decimals),
            passed: passes(c.votes, base, rules),
        })
        .collect();
    results.sort_by_key(|r| std::cmp::Reverse(r.votes));
    Tally {
        base,
        base_label: rules.vote_base.label(),
        threshold: threshold_text(rules),
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ballot::{BallotPurpose, Candidate};
    use proptest::prelude::*;

    fn ballot(valid: u32, votes: &[(UnitId, u32)]) -> Ballot {
        Ballot {
            id: 1,
            conference: 1,
            question: "Suy tôn đơn vị dẫn đầu".into(),
            purpose: BallotPurpose::LeadingUnit,
            max_choices: 1,
            counted_at: None,
            board: Vec::new(),
            issued: valid,
            returned: valid,
            valid,
            invalid: 0,
            candidates: votes.iter().map(|&(unit, votes)| Candidate { unit, votes }).collect(),
        }
    }

    #[test]
    fn eight_of_nine() {
        let t = tally(&ballot(9, &[(2, 1), (1, 8)]), &Rules::default(), 9, 9);
        assert_eq!(t.results[0].summary(), "8/9 phiếu, đạt 88,89%");
        assert!(t.results[0].passed);
        assert_eq!(t.results[1].summary(), "1/9 phiếu, đạt 11,11%");
        assert!(!t.results[1].passed);
        assert_eq!(t.threshold, "từ 70% trở lên");
    }

    #[test]
    fn base_follows_the_rules() {
        let b = ballot(7, &[(1, 6)]);
        let mut r = Rules::default();
        assert_eq!(tally(&b, &r, 9, 8).base, 9);
        r.vote_base = VoteBase::Present;
        assert_eq!(tally(&b, &r, 9, 8).results[0].summary(), "6/8 phiếu, đạt 75,00%");
        r.vote_base = VoteBase::ValidBallots;
        assert_eq!(tally(&b, &r, 9, 8).results[0].summary(), "6/7 phiếu, đạt 85,71%");
    }

    #[test]
    fn threshold_edges_are_exact() {
        let mut r = Rules {
            vote_threshold_percent: 50.0,
            threshold_inclusive: false,
            ..Rules::default()
        };
        assert!(!passes(5, 10, &r), "exactly half is not more than half");
        assert!(passes(6, 10, &r));
        r.threshold_inclusive = true;
        assert!(passes(5, 10, &r));
        r.vote_threshold_percent = 66.67;
        assert!(!passes(2, 3, &r), "2/3 = 66,666…% is below 66,67%");
        r.vote_threshold_percent = 66.66;
        assert!(passes(2, 3, &r));
        assert!(!passes(0, 0, &r), "no base, no pass");
        assert_eq!(threshold_text(&r), "từ 66,66% trở lên");
    }

    #[test]
    fn percent_rounding() {
        assert_eq!(percent_text(2, 3, 2), "66,67");
        assert_eq!(percent_text(1, 3, 2), "33,33");
        assert_eq!(percent_text(1, 8, 1), "12,5");
        assert_eq!(percent_text(1, 16, 2), "6,25");
        assert_eq!(percent_text(1, 16, 1), "6,3", "half up");
        assert_eq!(percent_text(9, 9, 0), "100");
        assert_eq!(percent_text(0, 0, 2), "0,00");
    }

    proptest! {
        #[test]
        fn percent_matches_the_rational(votes in 0u32..2000, base in 1u32..2000, decimals in 0u8..4) {
            let text = percent_text(votes, base, decimals).replace(',', ".");
            let shown: f64 = text.parse().unwrap();
            let exact = f64::from(votes) * 100.0 / f64::from(base);
            prop_assert!((shown - exact).abs() <= 0.5 / 10f64.powi(i32::from(decimals)) + 1e-9);
        }

        #[test]
        fn passing_is_monotone_in_votes(base in 1u32..200, threshold in 0u32..=100, inclusive: bool) {
            let r = Rules { vote_threshold_percent: f64::from(threshold), threshold_inclusive: inclusive, ..Rules::default() };
            let mut seen_pass = false;
            for v in 0..=base {
                let p = passes(v, base, &r);
                prop_assert!(!seen_pass || p, "once passed, more votes still pass");
                seen_pass |= p;
                // Agrees with the rational comparison.
                let lhs = u64::from(v) * 100;
                let rhs = u64::from(threshold) * u64::from(base);
                prop_assert_eq!(p, if inclusive { lhs >= rhs } else { lhs > rhs });
            }
        }

        #[test]
        fn ballot_arithmetic_is_checked(issued in 0u32..30, returned in 0u32..30, valid in 0u32..30, invalid in 0u32..30, v1 in 0u32..40, v2 in 0u32..40) {
            let b = Ballot { issued, returned, valid, invalid, candidates: vec![Candidate { unit: 1, votes: v1 }, Candidate { unit: 2, votes: v2 }], ..ballot(valid, &[]) };
            let problems = b.problems(&[1, 2], None);
            let consistent = returned <= issued && valid + invalid == returned && v1 <= valid && v2 <= valid && v1 + v2 <= valid;
            prop_assert_eq!(problems.is_empty(), consistent, "{:?}", problems);
        }
    }
}
