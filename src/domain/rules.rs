//! The bloc's rules (Quy chế settings). Everything a province may set differently lives here as data,
//! editable in the app: award forms and quotas, vote threshold and base, score scale, bonus and penalty
//! items, tie-break order, rotation, and the "Căn cứ" lines of documents.

use super::text::nfc;
use super::validate::{Problem, Problems, TextKind, POINTS_MAX};
use super::{Points, UnitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AwardFormRule {
    /// Stable key: "co_ubnd", "co_cp", "bang_khen".
    pub code: String,
    /// "Cờ thi đua của UBND tỉnh".
    pub name: String,
    /// How many units the bloc may propose for it.
    pub quota: u32,
    /// A larger bloc (at least this many members) may propose `large_quota` instead.
    pub large_bloc_members: Option<u32>,
    pub large_quota: Option<u32>,
    /// Only a leading unit (suy tôn dẫn đầu) may be proposed.
    pub leading_only: bool,
    /// A proposal needs a ballot that passed the threshold.
    pub requires_vote: bool,
}

impl AwardFormRule {
    /// The quota for a bloc of `members` units.
    pub fn quota_for(&self, members: usize) -> u32 {
        match (self.large_bloc_members, self.large_quota) {
            (Some(min), Some(q)) if members as u32 >= min => q,
            _ => self.quota,
        }
    }
}

/// What a vote percentage is taken against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum VoteBase {
    /// All member units of the year.
    AllMembers,
    /// The units present at the conference.
    Present,
    /// The valid ballots.
    ValidBallots,
}

impl VoteBase {
    pub const ALL: [VoteBase; 3] = [VoteBase::AllMembers, VoteBase::Present, VoteBase::ValidBallots];

    pub fn label(self) -> &'static str {
        match self {
            VoteBase::AllMembers => "Tổng số đơn vị thành viên",
            VoteBase::Present => "Số đơn vị có mặt",
            VoteBase::ValidBallots => "Số phiếu hợp lệ",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum TieBreak {
    /// Higher bloc score before bonuses and penalties.
    BlocScore,
    /// Higher self-score.
    SelfScore,
    /// Fewer penalty points.
    FewerPenalties,
    /// More bonus points.
    MoreBonus,
    /// More votes in the leading-unit ballot.
    Votes,
    /// The bloc's order of precedence (breaks every remaining tie).
    Precedence,
}

impl TieBreak {
    pub const ALL: [TieBreak; 6] = [
        TieBreak::BlocScore,
        TieBreak::SelfScore,
        TieBreak::FewerPenalties,
        TieBreak::MoreBonus,
        TieBreak::Votes,
        TieBreak::Precedence,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TieBreak::BlocScore => "Điểm khối chấm cao hơn",
            TieBreak::SelfScore => "Điểm tự chấm cao hơn",
            TieBreak::FewerPenalties => "Ít điểm trừ hơn",
            TieBreak::MoreBonus => "Nhiều điểm thưởng hơn",
            TieBreak::Votes => "Nhiều phiếu suy tôn hơn",
            TieBreak::Precedence => "Thứ tự trong khối",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum RotationMethod {
    /// An agreed rotation order.
    Order,
    /// This year's deputy becomes next year's head.
    DeputyBecomesHead,
    /// The member who led least recently.
    LeastRecent,
}

impl RotationMethod {
    pub const ALL: [RotationMethod; 3] = [
        RotationMethod::Order,
        RotationMethod::DeputyBecomesHead,
        RotationMethod::LeastRecent,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RotationMethod::Order => "Luân phiên theo thứ tự đã thống nhất",
            RotationMethod::DeputyBecomesHead => "Khối phó năm nay làm Khối trưởng năm sau",
            RotationMethod::LeastRecent => "Đơn vị lâu nhất chưa làm Khối trưởng",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RotationRule {
    pub method: RotationMethod,
    /// The agreed order, for `RotationMethod::Order`.
    pub order: Vec<UnitId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BonusItem {
    pub name: String,
    pub points: Points,
}

/// How document numbers run within a calendar year (Nghị định 30, Điều 15): each type its own
/// series (01/BB, 01/TTr, 02/BB…) or one series for every type (01/BB, 02/TTr, 03/BB…).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum NumberSeries {
    #[default]
    PerType,
    Shared,
}

impl NumberSeries {
    pub const ALL: [NumberSeries; 2] = [NumberSeries::PerType, NumberSeries::Shared];

    pub fn label(self) -> &'static str {
        match self {
            NumberSeries::PerType => "Mỗi loại văn bản một dãy số",
            NumberSeries::Shared => "Mọi loại văn bản chung một dãy số",
        }
    }
}

/// A text a document cites in its "Căn cứ …" lines, with the days it is in force: a document
/// cites only the texts in force on its own date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LegalBasis {
    /// The full citation, with number, date and issuer, without "Căn cứ" and the closing ";":
    /// "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 của Quốc hội".
    pub citation: String,
    /// The first day it is in force; none: cited for any earlier date.
    #[serde(default)]
    pub in_force_from: Option<NaiveDate>,
    /// The last day it is in force; none: still in force.
    #[serde(default)]
    pub in_force_until: Option<NaiveDate>,
}

impl LegalBasis {
    fn new(citation: &str, from: Option<(i32, u32, u32)>, until: Option<(i32, u32, u32)>) -> Self {
        let d = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
        LegalBasis {
            citation: citation.into(),
            in_force_from: from.map(d),
            in_force_until: until.map(d),
        }
    }

    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.in_force_from.is_none_or(|f| f <= date) && self.in_force_until.is_none_or(|u| date <= u)
    }

    /// The texts of the law on emulation and commendation and its decrees, with the days each was
    /// in force: Luật 15/2003/QH11 (amended 2005, 2013) until 31/12/2023, Luật 06/2022/QH15 from
    /// 01/01/2024; Nghị định 91/2017/NĐ-CP from 15/9/2017 to 31/12/2023, 98/2023/NĐ-CP from
    /// 01/01/2024 to 30/6/2025, 152/2025/NĐ-CP from 01/7/2025. Defaults of the rules, editable.
    pub fn defaults() -> Vec<LegalBasis> {
        vec![
            LegalBasis::new(
                "Luật Thi đua, khen thưởng số 15/2003/QH11 ngày 26/11/2003 của Quốc hội; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng số 47/2005/QH11 ngày 14/6/2005 và số 39/2013/QH13 ngày 16/11/2013 của Quốc hội",
                Some((2004, 7, 1)),
                Some((2023, 12, 31)),
            ),
            LegalBasis::new(
                "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 của Quốc hội",
                Some((2024, 1, 1)),
                None,
            ),
            LegalBasis::new(
                "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
                Some((2017, 9, 15)),
                Some((2023, 12, 31)),
            ),
            LegalBasis::new(
                "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
                Some((2024, 1, 1)),
                Some((2025, 6, 30)),
            ),
            LegalBasis::new(
                "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng",
                Some((2025, 7, 1)),
                None,
            ),
        ]
    }
}

/// The lines rules of schema 4 and earlier held ("Căn cứ …;" without dates): read as the dated
/// defaults they stood for; any other line is kept, cited on every date.
fn legal_basis_compat<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<LegalBasis>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Item {
        Line(String),
        Dated(LegalBasis),
    }
    let items = Vec::<Item>::deserialize(d)?;
    let defaults = LegalBasis::defaults();
    let mut out: Vec<LegalBasis> = Vec::new();
    for item in items {
        match item {
            Item::Dated(l) => out.push(l),
            Item::Line(l) => {
                let line = l.trim();
                let core = line
                    .strip_prefix("Căn cứ ")
                    .unwrap_or(line)
                    .trim_end_matches([';', '.'])
                    .trim()
                    .to_string();
                let replaced: &[LegalBasis] = if core.starts_with("Luật Thi đua, khen thưởng số 06/2022/QH15") {
                    &defaults[0..2]
                } else if core.starts_with("Nghị định số 152/2025/NĐ-CP") {
                    &defaults[2..5]
                } else if core == "Quy chế tổ chức hoạt động của Khối thi đua" {
                    // Now the rules' own fields (number and date), left out until set.
                    &[]
                } else {
                    out.push(LegalBasis {
                        citation: core,
                        in_force_from: None,
                        in_force_until: None,
                    });
                    continue;
                };
                out.extend(replaced.iter().cloned());
            }
        }
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Rules {
    /// 100 or 1000 points.
    pub score_scale: Points,
    pub award_forms: Vec<AwardFormRule>,
    /// A candidate passes with at least (or more than) this percentage of `vote_base`.
    pub vote_threshold_percent: f64,
    /// true: "từ X% trở lên" (at least); false: "trên X%" (more than).
    pub threshold_inclusive: bool,
    pub vote_base: VoteBase,
    /// Decimals printed in percentages: 2 gives "88,89%".
    pub percent_decimals: u8,
    pub bonus_items: Vec<BonusItem>,
    pub penalty_items: Vec<BonusItem>,
    pub tie_breaks: Vec<TieBreak>,
    pub rotation: RotationRule,
    /// The texts the "Căn cứ …" lines of proposals and plans cite, each with the days it is in force.
    /// (Schema 4 and earlier: plain lines, read by `legal_basis_compat`.)
    #[serde(deserialize_with = "legal_basis_compat")]
    pub legal_basis: Vec<LegalBasis>,
    /// The number of the decision issuing the bloc's Quy chế ("01/QĐ-KNC"); the Quy chế is cited
    /// only when its number and date are both set, never invented.
    #[serde(default)]
    pub regulation_number: String,
    #[serde(default)]
    pub regulation_date: Option<NaiveDate>,
    /// Who issued it ("Khối trưởng Khối thi đua Nội chính tỉnh"); may be empty.
    #[serde(default)]
    pub regulation_issuer: String,
    /// One number series per type (the default) or one for all types, in each calendar year.
    #[serde(default)]
    pub number_series: NumberSeries,
    /// A proposal the conference agreed by consensus (suy tôn, hiệp thương, without a ballot) meets
    /// a form's vote requirement.
    #[serde(default)]
    pub consensus_counts_as_vote: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            score_scale: Points::whole(100),
            award_forms: vec![
                AwardFormRule {
                    code: "co_ubnd".into(),
                    name: "Cờ thi đua của UBND tỉnh".into(),
                    quota: 1,
                    large_bloc_members: Some(10),
                    large_quota: Some(2),
                    leading_only: true,
                    requires_vote: true,
                },
                AwardFormRule {
                    code: "co_cp".into(),
                    name: "Cờ thi đua của Chính phủ".into(),
                    quota: 1,
                    large_bloc_members: None,
                    large_quota: None,
                    leading_only: true,
                    requires_vote: true,
                },
                AwardFormRule {
                    code: "bang_khen".into(),
                    name: "Bằng khen của Chủ tịch UBND tỉnh".into(),
                    quota: 3,
                    large_bloc_members: None,
                    large_quota: None,
                    leading_only: false,
                    requires_vote: true,
                },
            ],
            vote_threshold_percent: 70.0,
            threshold_inclusive: true,
            vote_base: VoteBase::AllMembers,
            percent_decimals: 2,
            bonus_items: vec![BonusItem {
                name: "Được tặng Cờ thi đua của UBND tỉnh năm trước".into(),
                points: Points::whole(10),
            }],
            penalty_items: vec![BonusItem {
                name: "Nộp báo cáo chậm so với thời hạn".into(),
                points: Points::whole(2),
            }],
            tie_breaks: vec![TieBreak::BlocScore, TieBreak::FewerPenalties, TieBreak::Votes],
            rotation: RotationRule {
                method: RotationMethod::LeastRecent,
                order: Vec::new(),
            },
            legal_basis: LegalBasis::defaults(),
            regulation_number: String::new(),
            regulation_date: None,
            regulation_issuer: String::new(),
            number_series: NumberSeries::PerType,
            consensus_counts_as_vote: false,
        }
    }
}

impl Rules {
    pub fn form(&self, code: &str) -> Option<&AwardFormRule> {
        self.award_forms.iter().find(|f| f.code == code)
    }

    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Problems::default();
        p.check(
            self.score_scale > Points::ZERO,
            "score_scale",
            "Thang điểm phải lớn hơn 0.",
        );
        p.check(
            self.score_scale <= POINTS_MAX,
            "score_scale",
            format!("Thang điểm {} vượt giới hạn {POINTS_MAX} điểm.", self.score_scale),
        );
        p.check(
            (0.0..=100.0).contains(&self.vote_threshold_percent),
            "vote_threshold_percent",
            "Ngưỡng phiếu phải từ 0% đến 100%.",
        );
        p.check(
            self.percent_decimals <= 4,
            "percent_decimals",
            "Số chữ số thập phân tối đa là 4.",
        );
        for (i, f) in self.award_forms.iter().enumerate() {
            let fld = format!("award_forms[{i}]");
            p.required_text(&f.code, &format!("{fld}.code"), "Mã hình thức", TextKind::Code);
            p.required_text(
                &f.name,
                &format!("{fld}.name"),
                "Tên hình thức khen thưởng",
                TextKind::Name,
            );
            p.count(f.quota, &format!("{fld}.quota"), "Chỉ tiêu");
            if let Some(n) = f.large_bloc_members {
                p.count(n, &format!("{fld}.large_bloc_members"), "Số thành viên của khối đông");
            }
            if let Some(q) = f.large_quota {
                p.count(q, &format!("{fld}.large_quota"), "Chỉ tiêu cho khối đông");
            }
            if self.award_forms[..i].iter().any(|o| nfc(&o.code) == nfc(&f.code)) {
                p.check(
                    false,
                    &format!("{fld}.code"),
                    format!("Mã hình thức \u{201c}{}\u{201d} bị trùng.", f.code),
                );
            }
            p.check(
                f.large_bloc_members.is_some() == f.large_quota.is_some(),
                &format!("{fld}.large_quota"),
                "Chỉ tiêu cho khối đông cần cả số thành viên tối thiểu và chỉ tiêu.",
            );
        }
        for (i, b) in self.bonus_items.iter().chain(&self.penalty_items).enumerate() {
            p.required_text(&b.name, &format!("items[{i}].name"), "Tên khoản điểm", TextKind::Line);
            p.check(
                b.points > Points::ZERO,
                &format!("items[{i}].points"),
                "Số điểm phải lớn hơn 0.",
            );
            p.check(
                b.points <= POINTS_MAX,
                &format!("items[{i}].points"),
                format!("Số điểm {} vượt giới hạn {POINTS_MAX} điểm.", b.points),
            );
        }
        for (i, l) in self.legal_basis.iter().enumerate() {
            p.required_text(
                &l.citation,
                &format!("legal_basis[{i}]"),
                &format!("Căn cứ {}", i + 1),
                TextKind::Line,
            );
            p.date(
                l.in_force_from,
                &format!("legal_basis[{i}].in_force_from"),
                "Ngày có hiệu lực",
            );
            p.date(
                l.in_force_until,
                &format!("legal_basis[{i}].in_force_until"),
                "Ngày hết hiệu lực",
            );
            if let (Some(f), Some(u)) = (l.in_force_from, l.in_force_until) {
                p.check(
                    f <= u,
                    &format!("legal_basis[{i}].in_force_until"),
                    format!(
                        "Ngày hết hiệu lực ({}) trước ngày có hiệu lực ({}).",
                        super::text::date_dmy(u),
                        super::text::date_dmy(f)
                    ),
                );
            }
        }
        p.text(
            &self.regulation_number,
            "regulation_number",
            "Số văn bản ban hành Quy chế",
            TextKind::Code,
        );
        p.date(self.regulation_date, "regulation_date", "Ngày ban hành Quy chế");
        p.text(
            &self.regulation_issuer,
            "regulation_issuer",
            "Cơ quan ban hành Quy chế",
            TextKind::Line,
        );
        for (i, t) in self.tie_breaks.iter().enumerate() {
            if self.tie_breaks[..i].contains(t) {
                p.check(
                    false,
                    "tie_breaks",
                    format!("Tiêu chí phụ \u{201c}{}\u{201d} lặp lại.", t.label()),
                );
            }
        }
        p.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_round_trip() {
        let r = Rules::default();
        assert!(r.problems().is_empty(), "{:?}", r.problems());
        let j = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Rules>(&j).unwrap(), r);
    }

    #[test]
    fn bounds_and_text_of_the_rules() {
        let mut r = Rules {
            score_scale: Points::whole(1_000_000_000_000_000),
            vote_threshold_percent: f64::NAN,
            ..Rules::default()
        };
        r.award_forms[0].quota = 4_294_967_295;
        r.award_forms[1].name = "Cờ\u{202e}".into();
        r.bonus_items[0].points = Points::whole(10_001);
        r.legal_basis.push(LegalBasis {
            citation: "Căn cứ\u{0}".into(),
            in_force_from: None,
            in_force_until: None,
        });
        let fields: Vec<String> = r.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "score_scale",
                "vote_threshold_percent",
                "award_forms[0].quota",
                "award_forms[1].name",
                "items[0].points",
                "legal_basis[5]"
            ]
        );
    }

    #[test]
    fn legal_basis_is_cited_by_the_date_and_old_lines_are_read() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let r = Rules::default();
        let on = |date| -> Vec<String> {
            r.legal_basis
                .iter()
                .filter(|l| l.in_force_on(date))
                .map(|l| l.citation.clone())
                .collect()
        };
        let y2021 = on(d(2021, 1, 7)).join(" | ");
        assert!(
            y2021.contains("15/2003/QH11") && y2021.contains("91/2017/NĐ-CP"),
            "{y2021}"
        );
        assert!(!y2021.contains("06/2022/QH15") && !y2021.contains("152/2025"));
        assert!(on(d(2024, 1, 1)).join(" ").contains("98/2023/NĐ-CP"));
        let y2025 = on(d(2025, 7, 1)).join(" | ");
        assert!(y2025.contains("06/2022/QH15 ngày 15/6/2022 của Quốc hội") && y2025.contains("152/2025/NĐ-CP"));
        assert!(!y2025.contains("98/2023"));
        // Rules saved by schema 4: plain lines. The old defaults stand for the dated defaults;
        // the old Quy chế line (no number, no date) is dropped; a line of the user's own is kept.
        let mut old = serde_json::to_value(Rules::default()).unwrap();
        old["legal_basis"] = serde_json::json!([
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
            "Căn cứ Quy chế tổ chức hoạt động của Khối thi đua;",
            "Căn cứ Kế hoạch số 12/KH-UBND của UBND tỉnh;"
        ]);
        for k in [
            "regulation_number",
            "regulation_date",
            "regulation_issuer",
            "number_series",
        ] {
            old.as_object_mut().unwrap().remove(k);
        }
        let read: Rules = serde_json::from_value(old).unwrap();
        assert_eq!(read.legal_basis[..5], LegalBasis::defaults()[..]);
        assert_eq!(read.legal_basis[5].citation, "Kế hoạch số 12/KH-UBND của UBND tỉnh");
        assert_eq!(read.legal_basis.len(), 6);
        assert_eq!(read.number_series, NumberSeries::PerType);
        assert!(read.regulation_number.is_empty() && read.regulation_date.is_none());
    }

    #[test]
    fn legal_basis_rows_are_checked() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let mut r = Rules::default();
        r.legal_basis.push(LegalBasis {
            citation: "  ".into(),
            in_force_from: d(2021, 1, 1),
            in_force_until: d(2020, 12, 31),
        });
        r.legal_basis.push(LegalBasis {
            citation: "x".repeat(1_001),
            in_force_from: d(1900, 1, 1),
            in_force_until: None,
        });
        let problems = r.problems();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "legal_basis[5]",
                "legal_basis[5].in_force_until",
                "legal_basis[6]",
                "legal_basis[6].in_force_from"
            ]
        );
        assert_eq!(problems[0].message, "Căn cứ 6 không được để trống.");
        assert_eq!(
            problems[1].message,
            "Ngày hết hiệu lực (31/12/2020) trước ngày có hiệu lực (01/01/2021)."
        );
        // A bound on one side only, or none, is fine; so is a text in force for a single day.
        r.legal_basis.truncate(5);
        r.legal_basis.push(LegalBasis {
            citation: "Kế hoạch số 12/KH-UBND của UBND tỉnh".into(),
            in_force_from: d(2021, 1, 1),
            in_force_until: d(2021, 1, 1),
        });
        assert!(r.problems().is_empty(), "{:?}", r.problems());
    }

    #[test]
    fn quota_grows_for_a_large_bloc() {
        let r = Rules::default();
        let flag = r.form("co_ubnd").unwrap();
        assert_eq!(flag.quota_for(9), 1);
        assert_eq!(flag.quota_for(10), 2);
        assert_eq!(r.form("bang_khen").unwrap().quota_for(15), 3);
    }

    #[test]
    fn bad_rules_are_reported() {
        let mut r = Rules {
            vote_threshold_percent: 120.0,
            ..Rules::default()
        };
        r.award_forms[1].code = "co_ubnd".into();
        r.tie_breaks.push(TieBreak::Votes);
        let fields: Vec<String> = r.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["vote_threshold_percent", "award_forms[1].code", "tie_breaks"]);
    }
}
