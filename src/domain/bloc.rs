//! The bloc itself: its name, symbol and the lines its documents print in their header.

use super::validate::{Problem, Problems, TextKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Bloc {
    /// "Khối thi đua Nội chính tỉnh Bình Định".
    pub name: String,
    /// The symbol after the document type in a number: "KNC" in "05/BB-KNC".
    pub symbol: String,
    /// The managing body printed above the issuing body: "UBND TỈNH BÌNH ĐỊNH".
    pub managing_body: String,
    /// The place name of the date line: "Bình Định".
    pub place_name: String,
    /// The body proposals are addressed to: "Hội đồng Thi đua - Khen thưởng tỉnh".
    pub addressee: String,
    #[serde(default)]
    pub margins: Margins,
}

/// Page margins in millimetres (Nghị định 30: top/bottom 20–25, left 30–35, right 15–20).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins {
            top: 20.0,
            bottom: 20.0,
            left: 30.0,
            right: 15.0,
        }
    }
}

impl Bloc {
    /// "tỉnh", or "Thành phố" for a centrally governed city ("UBND THÀNH PHỐ HỒ CHÍ MINH"), read
    /// from the managing body: how the documents name the province-level bodies.
    pub fn locality(&self) -> &'static str {
        if super::text::fold(&self.managing_body).contains("thanh pho") {
            "Thành phố"
        } else {
            "tỉnh"
        }
    }

    /// The province's emulation board, to which the bloc sends its papers.
    pub fn emulation_board(&self) -> String {
        format!("Ban Thi đua - Khen thưởng {}", self.locality())
    }

    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Problems::default();
        p.required_text(&self.name, "name", "Tên khối", TextKind::Name);
        p.required_text(&self.symbol, "symbol", "Ký hiệu văn bản", TextKind::Code);
        p.check(
            !self.symbol.contains(['/', ' ']),
            "symbol",
            "Ký hiệu văn bản không được chứa dấu cách hoặc dấu \u{201c}/\u{201d}.",
        );
        p.required_text(&self.managing_body, "managing_body", "Cơ quan chủ quản", TextKind::Name);
        p.required_text(&self.place_name, "place_name", "Địa danh", TextKind::Name);
        p.text(&self.addressee, "addressee", "Nơi nhận tờ trình", TextKind::Name);
        let m = self.margins;
        for (v, f, lo, hi) in [
            (m.top, "margins.top", 10.0, 40.0),
            (m.bottom, "margins.bottom", 10.0, 40.0),
            (m.left, "margins.left", 15.0, 45.0),
            (m.right, "margins.right", 10.0, 30.0),
        ] {
            p.check(
                (lo..=hi).contains(&v),
                f,
                format!("Lề {v} mm nằm ngoài khoảng cho phép ({lo}–{hi} mm)."),
            );
        }
        p.into_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bloc() -> Bloc {
        Bloc {
            name: "Khối thi đua Nội chính".into(),
            symbol: "KNC".into(),
            managing_body: "UBND TỈNH BÌNH ĐỊNH".into(),
            place_name: "Bình Định".into(),
            addressee: String::new(),
            margins: Margins::default(),
        }
    }

    #[test]
    fn margins_and_text() {
        assert!(bloc().problems().is_empty());
        let mut b = bloc();
        b.margins.left = 1000.0;
        b.margins.top = f32::NAN;
        b.name = "Khối\u{1b}]0;pwned\u{7}".into();
        b.symbol = "K".repeat(51);
        let fields: Vec<String> = b.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["name", "symbol", "margins.top", "margins.left"]);
    }
}
