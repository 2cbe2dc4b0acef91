//! The document register: each exported document gets the next number of its type in its year,
//! printed as "05/BB-KNC".

use super::Year;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum DocType {
    /// Biên bản.
    Minutes,
    /// Tờ trình.
    Proposal,
    /// Kế hoạch.
    Plan,
    /// Thông báo.
    Notice,
    /// Báo cáo.
    Report,
}

impl DocType {
    pub const ALL: [DocType; 5] = [
        DocType::Minutes,
        DocType::Proposal,
        DocType::Plan,
        DocType::Notice,
        DocType::Report,
    ];

    /// The abbreviation of Nghị định 30: BB, TTr, KH, TB, BC.
    pub fn code(self) -> &'static str {
        match self {
            DocType::Minutes => "BB",
            DocType::Proposal => "TTr",
            DocType::Plan => "KH",
            DocType::Notice => "TB",
            DocType::Report => "BC",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            DocType::Minutes => "Biên bản",
            DocType::Proposal => "Tờ trình",
            DocType::Plan => "Kế hoạch",
            DocType::Notice => "Thông báo",
            DocType::Report => "Báo cáo",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RegisterEntry {
    pub year: Year,
    pub doc_type: DocType,
    pub number: u32,
    pub title: String,
    pub issued_on: NaiveDate,
    /// The record the number was given to ("minutes:12", "proposal:2022"); empty when typed by hand.
    #[serde(default)]
    pub source: String,
}

impl RegisterEntry {
    /// "05/BB-KNC": numbers under 10 get a leading zero.
    pub fn formatted(&self, symbol: &str) -> String {
        format_number(self.number, self.doc_type, symbol)
    }
}

pub fn format_number(number: u32, doc_type: DocType, symbol: &str) -> String {
    format!("{:02}/{}-{}", number, doc_type.code(), symbol)
}

/// The next free number of `doc_type` in `year`: one more than the highest used.
pub fn next_number(entries: &[RegisterEntry], year: Year, doc_type: DocType) -> u32 {
    entries
        .iter()
        .filter(|e| e.year == year && e.doc_type == doc_type)
        .map(|e| e.number)
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering() {
        let d = NaiveDate::from_ymd_opt(2022, 12, 16).unwrap();
        let e = |n, t| RegisterEntry {
            year: 2022,
            doc_type: t,
            number: n,
            title: String::new(),
            issued_on: d,
            source: String::new(),
        };
        let entries = vec![e(1, DocType::Minutes), e(4, DocType::Minutes), e(1, DocType::Proposal)];
        assert_eq!(next_number(&entries, 2022, DocType::Minutes), 5);
        assert_eq!(next_number(&entries, 2022, DocType::Proposal), 2);
        assert_eq!(next_number(&entries, 2023, DocType::Minutes), 1);
        assert_eq!(format_number(5, DocType::Minutes, "KNC"), "05/BB-KNC");
        assert_eq!(format_number(12, DocType::Proposal, "KNC"), "12/TTr-KNC");
        for t in DocType::ALL {
            assert_eq!(DocType::from_code(t.code()), Some(t));
        }
    }
}
