//! Suggesting next year's head and deputy by the bloc's chosen rule, with the reason in words.
//! Only a suggestion: what is recorded is what the conference decided.

use super::leadership::Leadership;
use super::rules::{RotationMethod, RotationRule};
use super::{UnitId, Year};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RotationSuggestion {
    pub year: Year,
    pub head: Option<UnitId>,
    pub deputy: Option<UnitId>,
    /// Sentences that explain the suggestion.
    pub explanation: Vec<String>,
}

/// `members` are next year's members in the bloc's order; `history` every recorded year.
pub fn suggest(
    rule: &RotationRule,
    history: &[Leadership],
    members: &[UnitId],
    year: Year,
    name: impl Fn(UnitId) -> String,
) -> RotationSuggestion {
    let mut why = Vec::new();
    let previous = history.iter().filter(|l| l.year < year).max_by_key(|l| l.year);
    let last_led = |u: UnitId| {
        history
            .iter()
            .filter(|l| l.head == u && l.year < year)
            .map(|l| l.year)
            .max()
    };
    // Members ordered by how long ago they last led: never first, then the oldest; the bloc's
    // order breaks ties.
    let by_least_recent = |exclude: &[UnitId]| -> Vec<UnitId> {
        let mut v: Vec<(usize, UnitId)> = members.iter().copied().enumerate().collect();
        v.retain(|(_, u)| !exclude.contains(u));
        v.sort_by_key(|&(i, u)| (last_led(u).unwrap_or(i32::MIN), i));
        v.into_iter().map(|(_, u)| u).collect()
    };
    let explain_least_recent = |u: UnitId, role: &str| match last_led(u) {
        Some(y) => format!("{} chưa làm Khối trưởng từ năm {y}; đề xuất làm {role}.", name(u)),
        None => format!(
            "{} chưa từng làm Khối trưởng{}; đề xuất làm {role}.",
            name(u),
            history
                .iter()
                .map(|l| l.year)
                .min()
                .map(|y| format!(" (theo dữ liệu từ năm {y})"))
                .unwrap_or_default()
        ),
    };
    let (head, deputy) = match rule.method {
        RotationMethod::Order => {
            let order: Vec<UnitId> = rule.order.iter().copied().filter(|u| members.contains(u)).collect();
            if order.is_empty() {
                why.push("Quy chế chọn luân phiên theo thứ tự nhưng chưa có thứ tự luân phiên; hãy nhập thứ tự trong Cài đặt.".into());
                (None, None)
            } else {
                let start = previous
                    .and_then(|p| order.iter().position(|&u| u == p.head))
                    .map(|i| (i + 1) % order.len())
                    .unwrap_or(0);
                let head = order[start];
                let deputy = (order.len() > 1).then(|| order[(start + 1) % order.len()]);
                match previous {
                    Some(p) if order.contains(&p.head) => why.push(format!(
                        "Theo thứ tự luân phiên, sau {} (Khối trưởng năm {}) là {}.",
                        name(p.head),
                        p.year,
                        name(head)
                    )),
                    _ => why.push(format!("Theo thứ tự luân phiên, bắt đầu từ {}.", name(head))),
                }
                if let Some(d) = deputy {
                    why.push(format!("Khối phó: đơn vị kế tiếp trong thứ tự, {}.", name(d)));
                }
                (Some(head), deputy)
            }
        }
        RotationMethod::DeputyBecomesHead => {
            let head = match previous.and_then(|p| p.deputy.map(|d| (p.year, d))) {
                Some((y, d)) if members.contains(&d) => {
                    why.push(format!(
                        "{} là Khối phó năm {y}, theo quy chế làm Khối trưởng năm {year}.",
                        name(d)
                    ));
                    Some(d)
                }
                _ => {
                    let h = by_least_recent(&[]).first().copied();
                    if let Some(h) = h {
                        why.push(format!(
                            "Năm trước chưa có Khối phó. {}",
                            explain_least_recent(h, "Khối trưởng")
                        ));
                    }
                    h
                }
            };
            let exclude: Vec<UnitId> = head.into_iter().chain(previous.map(|p| p.head)).collect();
            let deputy = by_least_recent(&exclude).first().copied();
            if let Some(d) = deputy {
                why.push(explain_least_recent(d, "Khối phó"));
            }
            (head, deputy)
        }
        RotationMethod::LeastRecent => {
            let exclude: Vec<UnitId> = previous.map(|p| p.head).into_iter().collect();
            let order = by_least_recent(&exclude);
            let head = order.first().copied();
            let deputy = order.get(1).copied();
            if let Some(h) = head {
                why.push(explain_least_recent(h, "Khối trưởng"));
            }
            if let Some(d) = deputy {
                why.push(explain_least_recent(d, "Khối phó"));
            }
            (head, deputy)
        }
    };
    if head.is_none() && why.is_empty() {
        why.push(format!("Khối chưa có đơn vị thành viên năm {year}."));
    }
    RotationSuggestion {
        year,
        head,
        deputy,
        explanation: why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::leadership::ChoiceMethod;

    fn names(u: UnitId) -> String {
        [
            "",
            "Công an tỉnh",
            "Tòa án nhân dân tỉnh",
            "VKSND tỉnh",
            "Cục THADS tỉnh",
            "Thanh tra tỉnh",
            "Sở Tư pháp",
        ][u as usize]
            .to_string()
    }

    /// Ten years, 2013–2022: heads rotate among units 1–4 and 6; Thanh tra (5) led only in 2013.
    fn history() -> Vec<Leadership> {
        let heads = [5, 1, 2, 3, 4, 6, 1, 2, 3, 4];
        let deputies = [1, 2, 3, 4, 6, 1, 2, 3, 4, 6];
        (0..10)
            .map(|i| Leadership {
                year: 2013 + i as i32,
                head: heads[i],
                deputy: Some(deputies[i]),
                method: ChoiceMethod::Elected,
                decided_at: None,
                note: String::new(),
            })
            .collect()
    }

    fn rule(method: RotationMethod, order: Vec<UnitId>) -> RotationRule {
        RotationRule { method, order }
    }

    #[test]
    fn least_recent_explains_in_words() {
        let s = suggest(
            &rule(RotationMethod::LeastRecent, vec![]),
            &history(),
            &[1, 2, 3, 4, 5, 6],
            2023,
            names,
        );
        assert_eq!(s.head, Some(5));
        assert_eq!(
            s.explanation[0],
            "Thanh tra tỉnh chưa làm Khối trưởng từ năm 2013; đề xuất làm Khối trưởng."
        );
        // Next least recent: Sở Tư pháp led in 2018, the others later.
        assert_eq!(s.deputy, Some(6));
        assert!(s.explanation[1].contains("từ năm 2018"));
    }

    #[test]
    fn a_member_that_never_led_comes_first() {
        let s = suggest(
            &rule(RotationMethod::LeastRecent, vec![]),
            &history(),
            &[1, 2, 3, 4, 5, 6, 7],
            2023,
            |u| {
                if u == 7 {
                    "Trại giam Kim Sơn".into()
                } else {
                    names(u)
                }
            },
        );
        assert_eq!(s.head, Some(7));
        assert_eq!(
            s.explanation[0],
            "Trại giam Kim Sơn chưa từng làm Khối trưởng (theo dữ liệu từ năm 2013); đề xuất làm Khối trưởng."
        );
    }

    #[test]
    fn deputy_becomes_head() {
        let s = suggest(
            &rule(RotationMethod::DeputyBecomesHead, vec![]),
            &history(),
            &[1, 2, 3, 4, 5, 6],
            2023,
            names,
        );
        assert_eq!(s.head, Some(6));
        assert_eq!(
            s.explanation[0],
            "Sở Tư pháp là Khối phó năm 2022, theo quy chế làm Khối trưởng năm 2023."
        );
        assert_eq!(
            s.deputy,
            Some(5),
            "the deputy is the least recent head other than the new and the old head"
        );
    }

    #[test]
    fn agreed_order_wraps_and_skips_non_members() {
        let order = vec![1, 2, 3, 4, 6, 5];
        let s = suggest(
            &rule(RotationMethod::Order, order.clone()),
            &history(),
            &[1, 2, 3, 4, 5, 6],
            2023,
            names,
        );
        assert_eq!((s.head, s.deputy), (Some(6), Some(5)), "after 4 (head 2022) comes 6");
        // Sở Tư pháp left the bloc: the order skips it.
        let s = suggest(
            &rule(RotationMethod::Order, order.clone()),
            &history(),
            &[1, 2, 3, 4, 5],
            2023,
            names,
        );
        assert_eq!((s.head, s.deputy), (Some(5), Some(1)));
        // Wraps around at the end of the order.
        let mut h = history();
        h.push(Leadership {
            year: 2023,
            head: 5,
            ..h[9].clone()
        });
        let s = suggest(
            &rule(RotationMethod::Order, order),
            &h,
            &[1, 2, 3, 4, 5, 6],
            2024,
            names,
        );
        assert_eq!(s.head, Some(1));
        let s = suggest(&rule(RotationMethod::Order, vec![]), &h, &[1, 2], 2024, names);
        assert_eq!(s.head, None);
        assert!(s.explanation[0].contains("chưa có thứ tự luân phiên"));
    }

    #[test]
    fn every_year_of_a_history_gets_a_member_other_than_last_years_head() {
        let h = history();
        for year in 2014..=2023 {
            let s = suggest(
                &rule(RotationMethod::LeastRecent, vec![]),
                &h,
                &[1, 2, 3, 4, 5, 6],
                year,
                names,
            );
            let prev = h.iter().find(|l| l.year == year - 1).unwrap();
            assert_ne!(s.head, Some(prev.head), "{year}");
            assert_ne!(s.head, s.deputy);
        }
    }
}
