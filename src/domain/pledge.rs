//! The yearly emulation pledge (Bản giao ước thi đua): theme, numbered contents, one signature per unit.

use super::text::date_dmy;
use super::validate::{Problem, Problems};
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
    pub signatures: Vec<Signature>,
}

impl Pledge {
    pub fn signed_count(&self) -> usize {
        self.signatures.iter().filter(|s| s.signed).count()
    }

    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.required(&self.theme, "theme", "Chủ đề thi đua");
        p.check(!self.items.is_empty(), "items", "Giao ước chưa có nội dung nào.");
        for (i, item) in self.items.iter().enumerate() {
            p.required(
                &item.content,
                &format!("items[{i}].content"),
                &format!("Nội dung {}", i + 1),
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
            if let Some(d) = s.signed_on {
                p.check(
                    (self.year - 1..=self.year).contains(&chrono::Datelike::year(&d)),
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
