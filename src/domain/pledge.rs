//! The yearly emulation pledge (Bản giao ước thi đua): theme, numbered contents, one signature per unit.

use super::text::date_dmy;
use super::validate::{Problem, Problems, TextKind};
use super::{ConferenceId, UnitId, Year};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PledgeItem {
    pub content: String,
    /// The measurable target, if any: "100% cán bộ được quán triệt".
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Signature {
    pub unit: UnitId,
    pub signed: bool,
    pub signed_on: Option<NaiveDate>,
    pub signer_name: String,
    pub signer_position: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Pledge {
    pub year: Year,
    pub theme: String,
    /// Numbered in this order, from 1.
    pub items: Vec<PledgeItem>,
    pub signing_conference: Option<ConferenceId>,
    #[serde(default)]
    pub signatures: Vec<Signature>,
}

impl Pledge {
    pub fn signed_count(&self) -> usize {
        self.signatures.iter().filter(|s| s.signed).count()
    }

    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.required_text(&self.theme, "theme", "Chủ đề thi đua", TextKind::Line);
        p.check(
            !self.items.is_empty(),
            "items",
            "Giao ước chưa có nội dung nào. Hãy thêm ít nhất một nội dung giao ước.",
        );
        for (i, item) in self.items.iter().enumerate() {
            p.required_text(
                &item.content,
                &format!("items[{i}].content"),
                &format!("Nội dung {}", i + 1),
                TextKind::Line,
            );
            p.text(
                &item.target,
                &format!("items[{i}].target"),
                &format!("Chỉ tiêu của nội dung {}", i + 1),
                TextKind::Line,
            );
        }
        for (i, s) in self.signatures.iter().enumerate() {
            let f = format!("signatures[{i}]");
            p.check(
                members.contains(&s.unit),
                &format!("{f}.unit"),
                format!("Đơn vị ký không phải là thành viên của khối năm {}.", self.year),
            );
            if s.signed {
                p.required(&s.signer_name, &format!("{f}.signer_name"), "Họ tên người ký");
                p.check(s.signed_on.is_some(), &format!("{f}.signed_on"), "Chưa có ngày ký.");
            }
            p.text(
                &s.signer_name,
                &format!("{f}.signer_name"),
                "Họ tên người ký",
                TextKind::Name,
            );
            p.text(
                &s.signer_position,
                &format!("{f}.signer_position"),
                "Chức vụ người ký",
                TextKind::Name,
            );
            if let Some(d) = s.signed_on {
                p.check(
                    (self.year.saturating_sub(1)..=self.year).contains(&chrono::Datelike::year(&d)),
                    &format!("{f}.signed_on"),
                    format!(
                        "Ngày ký {} không thuộc năm {} (hoặc cuối năm trước).",
                        date_dmy(d),
                        self.year
                    ),
                );
            }
        }
        for (i, s) in self.signatures.iter().enumerate() {
            if self.signatures[..i].iter().any(|o| o.unit == s.unit) {
                p.check(
                    false,
                    &format!("signatures[{i}].unit"),
                    "Đơn vị này đã có chữ ký trong giao ước.",
                );
            }
        }
        p.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pledge() -> Pledge {
        Pledge {
            year: 2022,
            theme: "Đoàn kết, kỷ cương".into(),
            items: vec![PledgeItem {
                content: "Hoàn thành chỉ tiêu".into(),
                target: "100%".into(),
            }],
            signing_conference: None,
            signatures: vec![Signature {
                unit: 1,
                signed: true,
                signed_on: NaiveDate::from_ymd_opt(2022, 2, 18),
                signer_name: "Võ Đình Khoa".into(),
                signer_position: "Viện trưởng".into(),
            }],
        }
    }

    #[test]
    fn a_pledge_needs_contents_clean_text_and_a_sane_year() {
        assert!(pledge().problems(&[1]).is_empty());
        let mut p = pledge();
        p.items.clear();
        p.year = 99_999;
        p.signatures[0].signer_position = "Viện trưởng\u{1b}[8m".into();
        let fields: Vec<String> = p.problems(&[1]).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "year",
                "items",
                "signatures[0].signer_position",
                "signatures[0].signed_on"
            ]
        );
        // i32::MIN as a year reports, never overflows.
        p.year = i32::MIN;
        assert!(!p.problems(&[1]).is_empty());
    }
}
