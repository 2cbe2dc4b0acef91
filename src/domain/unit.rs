//! Member units: names, short names and heads are valid over date ranges, because agencies are
//! renamed, reorganised and merged (2025: provinces merged, courts reorganised).

use super::text::{compare_vi, date_dmy};
use super::validate::{check_range, Problem, Problems, TextKind, PRECEDENCE_MAX};
use super::UnitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnitName {
    /// "Viện Kiểm sát nhân dân tỉnh".
    pub name: String,
    /// "VKSND tỉnh".
    pub short_name: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnitHead {
    pub name: String,
    /// "Viện trưởng", "Giám đốc", "Cục trưởng"…
    pub position: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unit {
    pub id: UnitId,
    /// The bloc's official order of precedence: 1 first.
    pub precedence: i32,
    /// In order of `valid_from`; the last one without `valid_to` is the current name.
    pub names: Vec<UnitName>,
    #[serde(default)]
    pub heads: Vec<UnitHead>,
    pub merged_into: Option<UnitId>,
    pub merged_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

fn covers(from: Option<NaiveDate>, to: Option<NaiveDate>, d: NaiveDate) -> bool {
    from.is_none_or(|f| f <= d) && to.is_none_or(|t| d <= t)
}

impl Unit {
    /// A new unit with one open-ended name.
    pub fn new(name: &str, short_name: &str, precedence: i32) -> Self {
        Unit {
            id: 0,
            precedence,
            names: vec![UnitName {
                name: super::text::nfc(name),
                short_name: super::text::nfc(short_name),
                valid_from: None,
                valid_to: None,
            }],
            heads: Vec::new(),
            merged_into: None,
            merged_on: None,
            note: String::new(),
        }
    }

    /// The name in force on `d`; before the first range, the first name; after the last, the last.
    pub fn name_on(&self, d: NaiveDate) -> Option<&UnitName> {
        self.names
            .iter()
            .find(|n| covers(n.valid_from, n.valid_to, d))
            .or_else(|| self.names.iter().rev().find(|n| n.valid_from.is_none_or(|f| f <= d)))
            .or_else(|| self.names.first())
    }

    /// The latest name (the one a list shows today).
    pub fn current_name(&self) -> &str {
        self.names.last().map(|n| n.name.as_str()).unwrap_or("")
    }

    pub fn current_short_name(&self) -> &str {
        self.names.last().map(|n| n.short_name.as_str()).unwrap_or("")
    }

    /// The name used in documents of `year` (as of 31 December, or the last name it had).
    pub fn name_in_year(&self, year: i32) -> &str {
        NaiveDate::from_ymd_opt(year, 12, 31)
            .and_then(|d| self.name_on(d))
            .map(|n| n.name.as_str())
            .unwrap_or("")
    }

    pub fn head_on(&self, d: NaiveDate) -> Option<&UnitHead> {
        self.heads.iter().rev().find(|h| covers(h.valid_from, h.valid_to, d))
    }

    /// Renames from `from` on: closes the current name the day before and opens the new one.
    pub fn rename(&mut self, name: &str, short_name: &str, from: NaiveDate) {
        if let Some(last) = self.names.last_mut() {
            if last.valid_to.is_none() {
                last.valid_to = from.pred_opt();
            }
        }
        self.names.push(UnitName {
            name: super::text::nfc(name),
            short_name: super::text::nfc(short_name),
            valid_from: Some(from),
            valid_to: None,
        });
    }

    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Problems::default();
        p.check(!self.names.is_empty(), "names", "Đơn vị phải có ít nhất một tên.");
        p.check(self.precedence >= 0, "precedence", "Thứ tự không được âm.");
        p.check(
            self.precedence <= PRECEDENCE_MAX,
            "precedence",
            format!("Thứ tự {} vượt giới hạn {PRECEDENCE_MAX}.", self.precedence),
        );
        for (i, n) in self.names.iter().enumerate() {
            let f = format!("names[{i}]");
            p.required_text(&n.name, &format!("{f}.name"), "Tên đơn vị", TextKind::Name);
            p.required_text(
                &n.short_name,
                &format!("{f}.short_name"),
                "Tên viết tắt",
                TextKind::Name,
            );
            p.date(n.valid_from, &format!("{f}.valid_from"), "Ngày bắt đầu dùng tên");
            p.date(n.valid_to, &format!("{f}.valid_to"), "Ngày thôi dùng tên");
            check_range(&mut p, n.valid_from, n.valid_to, &format!("{f}.valid_to"));
        }
        for pair in self.names.windows(2) {
            if let (Some(end), Some(start)) = (pair[0].valid_to, pair[1].valid_from) {
                p.check(
                    start > end,
                    "names",
                    format!(
                        "Hai tên \u{201c}{}\u{201d} và \u{201c}{}\u{201d} có thời gian hiệu lực chồng nhau ({}).",
                        pair[0].name,
                        pair[1].name,
                        date_dmy(start)
                    ),
                );
            }
        }
        for (i, h) in self.heads.iter().enumerate() {
            let f = format!("heads[{i}]");
            p.required_text(&h.name, &format!("{f}.name"), "Họ tên thủ trưởng", TextKind::Name);
            p.required_text(&h.position, &format!("{f}.position"), "Chức vụ", TextKind::Name);
            p.date(h.valid_from, &format!("{f}.valid_from"), "Ngày bắt đầu giữ chức");
            p.date(h.valid_to, &format!("{f}.valid_to"), "Ngày thôi giữ chức");
            check_range(&mut p, h.valid_from, h.valid_to, &format!("{f}.valid_to"));
        }
        p.check(
            self.merged_into.is_none() || self.merged_into != Some(self.id) || self.id == 0,
            "merged_into",
            "Một đơn vị không thể sáp nhập vào chính nó.",
        );
        p.check(
            self.merged_into.is_some() == self.merged_on.is_some(),
            "merged_on",
            "Sáp nhập cần cả đơn vị tiếp nhận và ngày sáp nhập.",
        );
        p.date(self.merged_on, "merged_on", "Ngày sáp nhập");
        p.text(&self.note, "note", "Ghi chú", TextKind::Prose);
        p.into_vec()
    }
}

/// The chain of merges from `start` when it comes back to `start` (A → B → A, or A → A): the units
/// of the cycle in order, `start` first. `merged_into` gives each unit's merge target.
pub fn merge_cycle(start: UnitId, merged_into: impl Fn(UnitId) -> Option<UnitId>) -> Option<Vec<UnitId>> {
    let mut chain = vec![start];
    let mut at = start;
    while let Some(next) = merged_into(at) {
        if next == start {
            return Some(chain);
        }
        if chain.contains(&next) {
            return None; // a cycle further on, not through `start`: reported from its own units
        }
        chain.push(next);
        at = next;
    }
    None
}

/// Problems of the merges of a set of units: a target that is not among them, and merge cycles
/// (A merged into B merged into A), each cycle reported once, on its unit of smallest id.
pub fn merge_problems(units: &[Unit]) -> Vec<Problem> {
    let target = |id: UnitId| units.iter().find(|u| u.id == id).and_then(|u| u.merged_into);
    let name = |id: UnitId| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| format!("\u{201c}{}\u{201d}", u.current_name()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let mut p = Vec::new();
    for u in units {
        let Some(to) = u.merged_into else { continue };
        let field = format!("units[{}].merged_into", u.id);
        if !units.iter().any(|o| o.id == to) {
            p.push(Problem::new(
                field,
                format!(
                    "Đơn vị tiếp nhận (#{to}) của {} không có trong danh sách đơn vị. Hãy chọn lại đơn vị tiếp nhận.",
                    name(u.id)
                ),
            ));
            continue;
        }
        if let Some(cycle) = merge_cycle(u.id, target) {
            if cycle.iter().min() == Some(&u.id) {
                let path: Vec<String> = cycle.iter().chain([&u.id]).map(|&id| name(id)).collect();
                p.push(Problem::new(
                    field,
                    format!(
                        "Sáp nhập vòng tròn: {}. Một đơn vị không thể (gián tiếp) sáp nhập vào chính nó; hãy bỏ một lần sáp nhập.",
                        path.join(" → ")
                    ),
                ));
            }
        }
    }
    p
}

/// Problems that concern several units together: two units with the same short name.
pub fn duplicate_short_names(units: &[Unit]) -> Vec<Problem> {
    let mut p = Vec::new();
    for (i, a) in units.iter().enumerate() {
        for b in &units[i + 1..] {
            let (sa, sb) = (a.current_short_name(), b.current_short_name());
            if !sa.is_empty() && super::text::fold(sa) == super::text::fold(sb) {
                p.push(Problem::new(
                    format!("units[{}].short_name", b.id),
                    format!(
                        "Tên viết tắt \u{201c}{sb}\u{201d} trùng với đơn vị \u{201c}{}\u{201d}.",
                        a.current_name()
                    ),
                ));
            }
        }
    }
    p
}

/// The bloc's order: precedence first, then Vietnamese alphabetical order of the current name.
pub fn by_precedence(a: &Unit, b: &Unit) -> Ordering {
    a.precedence
        .cmp(&b.precedence)
        .then_with(|| compare_vi(a.current_name(), b.current_name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_follow_dates() {
        let mut u = Unit::new("Cục Thi hành án dân sự tỉnh", "Cục THADS tỉnh", 6);
        u.rename("Thi hành án dân sự tỉnh", "THADS tỉnh", d(2025, 3, 1));
        assert_eq!(u.name_on(d(2024, 12, 31)).unwrap().short_name, "Cục THADS tỉnh");
        assert_eq!(u.name_on(d(2025, 3, 1)).unwrap().short_name, "THADS tỉnh");
        assert_eq!(u.name_in_year(2022), "Cục Thi hành án dân sự tỉnh");
        assert_eq!(u.current_name(), "Thi hành án dân sự tỉnh");
        assert_eq!(u.names[0].valid_to, Some(d(2025, 2, 28)));
        assert!(u.problems().is_empty());
    }

    #[test]
    fn heads_follow_dates() {
        let mut u = Unit::new("Công an tỉnh", "CA tỉnh", 1);
        u.heads.push(UnitHead {
            name: "Nguyễn Văn A".into(),
            position: "Giám đốc".into(),
            valid_from: Some(d(2019, 1, 1)),
            valid_to: Some(d(2022, 6, 30)),
        });
        u.heads.push(UnitHead {
            name: "Trần Văn B".into(),
            position: "Giám đốc".into(),
            valid_from: Some(d(2022, 7, 1)),
            valid_to: None,
        });
        assert_eq!(u.head_on(d(2021, 5, 1)).unwrap().name, "Nguyễn Văn A");
        assert_eq!(u.head_on(d(2022, 12, 1)).unwrap().name, "Trần Văn B");
        assert!(u.head_on(d(2018, 1, 1)).is_none());
    }

    #[test]
    fn every_problem_at_once() {
        let mut u = Unit::new("", "", 1);
        u.heads.push(UnitHead {
            name: String::new(),
            position: "Giám đốc".into(),
            valid_from: Some(d(2022, 1, 1)),
            valid_to: Some(d(2021, 1, 1)),
        });
        u.merged_into = Some(3);
        let fields: Vec<String> = u.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "names[0].name",
                "names[0].short_name",
                "heads[0].name",
                "heads[0].valid_to",
                "merged_on"
            ]
        );
        let msg = &u.problems()[3].message;
        assert!(msg.contains("trước ngày bắt đầu"), "{msg}");
    }

    #[test]
    fn merge_cycles_are_reported_once() {
        let unit = |id, into: Option<UnitId>| {
            let mut u = Unit::new(&format!("Đơn vị {id}"), &format!("ĐV{id}"), id as i32);
            u.id = id;
            u.merged_into = into;
            u.merged_on = into.map(|_| d(2025, 3, 1));
            u
        };
        // A → B → A.
        let p = merge_problems(&[unit(1, Some(2)), unit(2, Some(1)), unit(3, None)]);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].field, "units[1].merged_into");
        assert!(
            p[0].message.contains("“Đơn vị 1” → “Đơn vị 2” → “Đơn vị 1”"),
            "{}",
            p[0].message
        );
        // A → A.
        let p = merge_problems(&[unit(4, Some(4))]);
        assert_eq!(p.len(), 1);
        assert!(p[0].message.starts_with("Sáp nhập vòng tròn"));
        // A → B → C → B: reported once, from B.
        let p = merge_problems(&[unit(1, Some(2)), unit(2, Some(3)), unit(3, Some(2))]);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].field, "units[2].merged_into");
        // A chain without a cycle is fine; a missing target is not.
        assert!(merge_problems(&[unit(1, Some(2)), unit(2, Some(3)), unit(3, None)]).is_empty());
        let p = merge_problems(&[unit(1, Some(9))]);
        assert!(p[0].message.contains("không có trong danh sách"));
    }

    #[test]
    fn unit_text_and_bounds() {
        let mut u = Unit::new("Công an\u{1b}[31m tỉnh", "CA\u{202e}", 10_000);
        u.note = "Dòng 1\nDòng 2".into();
        u.heads.push(UnitHead {
            name: "x".repeat(301),
            position: "Giám đốc".into(),
            valid_from: Some(d(1, 1, 1)),
            valid_to: None,
        });
        let fields: Vec<String> = u.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "precedence",
                "names[0].name",
                "names[0].short_name",
                "heads[0].name",
                "heads[0].valid_from"
            ]
        );
    }

    #[test]
    fn duplicate_short_name_is_reported() {
        let mut a = Unit::new("Viện Kiểm sát nhân dân tỉnh", "VKSND tỉnh", 1);
        a.id = 1;
        let mut b = Unit::new("Viện kiểm sát", "vksnd tinh", 2);
        b.id = 2;
        let p = duplicate_short_names(&[a, b]);
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("trùng"));
    }
}
