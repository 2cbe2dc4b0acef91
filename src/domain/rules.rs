//! The bloc's rules (Quy chế settings). Everything a province may set differently lives here as data,
//! editable in the app: award forms and quotas, vote threshold and base, score scale, bonus and penalty
//! items, tie-break order, rotation, and the "Căn cứ" lines of documents.

use super::validate::{Problem, Problems};
use super::{Points, UnitId};
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
    /// The "Căn cứ …" lines of proposals and plans.
    pub legal_basis: Vec<String>,
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
            legal_basis: vec![
                "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;".into(),
                "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;".into(),
                "Căn cứ Quy chế tổ chức hoạt động của Khối thi đua;".into(),
            ],
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
            p.required(&f.code, &format!("{fld}.code"), "Mã hình thức");
            p.required(&f.name, &format!("{fld}.name"), "Tên hình thức khen thưởng");
            if self.award_forms[..i].iter().any(|o| o.code == f.code) {
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
            p.required(&b.name, &format!("items[{i}].name"), "Tên khoản điểm");
            p.check(
                b.points > Points::ZERO,
                &format!("items[{i}].points"),
                "Số điểm phải lớn hơn 0.",
            );
        }
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
