//! The document register: each exported document gets the next number of its series, printed as
//! "05/BB-KNC".
//!
//! Numbering follows Nghị định 30/2020, Điều 15: a number is the order of issue **within the
//! calendar year of the document's date** (from 01 on 1 January), not within the bloc's emulation
//! year. The series is per type or shared by every type, as the rules say ([`NumberSeries`]).
//!
//! Order of issue. A number is given when the document is issued (its PDF written), as the next
//! free number of its series at that moment. Within a series, numbers and dates go the same way:
//! a document never carries a date earlier than a document of the same series with a lower number,
//! nor later than one with a higher number. So minutes of an older meeting exported after a newer
//! document of that year get the next number only if dated on or after that newer document;
//! otherwise the export is refused, saying which document stands in the way, and the user either
//! dates the document on its real day of issue or gives by hand a free number that fits its date.
//! Numbers recorded before this rule (or received in a handover) are kept as they were signed.

use super::rules::NumberSeries;
use super::text::date_dmy;
use super::validate::{Problem, Problems, TextKind, REGISTER_NUMBER_MAX};
use super::Year;
use chrono::{Datelike, NaiveDate};
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
    /// The emulation year whose record the document belongs to (minutes of the 2020 year-end
    /// conference held on 06/01/2021 belong to 2020). The number's series is the calendar year of
    /// `issued_on`, not this.
    pub year: Year,
    pub doc_type: DocType,
    pub number: u32,
    pub title: String,
    /// The document's own date, printed in its header; a reprint uses it again.
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

impl RegisterEntry {
    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.check(
            (1..=REGISTER_NUMBER_MAX).contains(&self.number),
            "number",
            format!(
                "Số văn bản {} nằm ngoài khoảng cho phép (từ 1 đến {REGISTER_NUMBER_MAX}).",
                self.number
            ),
        );
        p.text(&self.title, "title", "Trích yếu văn bản", TextKind::Line);
        p.date(Some(self.issued_on), "issued_on", "Ngày văn bản");
        p.text(&self.source, "source", "Nguồn của số văn bản", TextKind::Code);
        p.into_vec()
    }
}

pub fn format_number(number: u32, doc_type: DocType, symbol: &str) -> String {
    format!("{:02}/{}-{}", number, doc_type.code(), symbol)
}

impl RegisterEntry {
    /// The calendar year whose series the number belongs to.
    pub fn series_year(&self) -> i32 {
        self.issued_on.year()
    }

    /// Whether this entry counts in the series of `doc_type` for `calendar_year`.
    pub fn in_series(&self, calendar_year: i32, doc_type: DocType, series: NumberSeries) -> bool {
        self.series_year() == calendar_year && (series == NumberSeries::Shared || self.doc_type == doc_type)
    }
}

/// The next free number of `doc_type` for a document dated in `calendar_year`: one more than the
/// highest of its series.
pub fn next_number(entries: &[RegisterEntry], calendar_year: i32, doc_type: DocType, series: NumberSeries) -> u32 {
    entries
        .iter()
        .filter(|e| e.in_series(calendar_year, doc_type, series))
        .map(|e| e.number)
        .max()
        .unwrap_or(0)
        .saturating_add(1)
}

/// Why `number` dated `date` cannot take its place in the series of `doc_type` (see the module's
/// notes on order of issue): the number is held, or a document of the series with a lower number
/// is dated later, or one with a higher number earlier. `None`: it fits.
pub fn placement_problem(
    entries: &[RegisterEntry],
    doc_type: DocType,
    series: NumberSeries,
    number: u32,
    date: NaiveDate,
) -> Option<String> {
    let mine: Vec<&RegisterEntry> = entries
        .iter()
        .filter(|e| e.in_series(date.year(), doc_type, series))
        .collect();
    let code = |e: &RegisterEntry| format!("{:02}/{}", e.number, e.doc_type.code());
    if let Some(e) = mine.iter().find(|e| e.number == number) {
        return Some(format!(
            "số {} năm {} đã được dùng cho văn bản khác (\u{201c}{}\u{201d}, ngày {}).",
            code(e),
            date.year(),
            e.title,
            date_dmy(e.issued_on)
        ));
    }
    if let Some(e) = mine
        .iter()
        .filter(|e| e.number < number && e.issued_on > date)
        .max_by_key(|e| e.issued_on)
    {
        return Some(format!(
            "văn bản số {} đã cấp ngày {}; số văn bản theo thứ tự ban hành trong năm {}, nên văn bản cấp sau không được ghi ngày sớm hơn ({}). Hãy ghi ngày văn bản từ {} trở đi, hoặc cho một số còn trống phù hợp với ngày.",
            code(e),
            date_dmy(e.issued_on),
            date.year(),
            date_dmy(date),
            date_dmy(e.issued_on)
        ));
    }
    if let Some(e) = mine
        .iter()
        .filter(|e| e.number > number && e.issued_on < date)
        .min_by_key(|e| e.issued_on)
    {
        return Some(format!(
            "văn bản số {} (số lớn hơn) đã cấp ngày {}, sớm hơn ngày {}; số văn bản theo thứ tự ban hành trong năm {}. Hãy chọn số khác hoặc ngày khác.",
            code(e),
            date_dmy(e.issued_on),
            date_dmy(date),
            date.year()
        ));
    }
    None
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
        let per = NumberSeries::PerType;
        assert_eq!(next_number(&entries, 2022, DocType::Minutes, per), 5);
        assert_eq!(next_number(&entries, 2022, DocType::Proposal, per), 2);
        assert_eq!(next_number(&entries, 2023, DocType::Minutes, per), 1);
        assert_eq!(next_number(&entries, 2022, DocType::Proposal, NumberSeries::Shared), 5);
        assert_eq!(format_number(5, DocType::Minutes, "KNC"), "05/BB-KNC");
        assert_eq!(format_number(12, DocType::Proposal, "KNC"), "12/TTr-KNC");
        for t in DocType::ALL {
            assert_eq!(DocType::from_code(t.code()), Some(t));
        }
    }

    #[test]
    fn the_series_is_the_calendar_year_and_dates_follow_numbers() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let e = |year, n, t, on| RegisterEntry {
            year,
            doc_type: t,
            number: n,
            title: "X".into(),
            issued_on: on,
            source: String::new(),
        };
        // The 2020 year-end minutes, held on 06/01/2021, count in 2021.
        let entries = vec![
            e(2020, 1, DocType::Minutes, d(2020, 7, 15)),
            e(2020, 1, DocType::Minutes, d(2021, 1, 6)),
            e(2021, 2, DocType::Minutes, d(2021, 3, 20)),
        ];
        let per = NumberSeries::PerType;
        assert_eq!(next_number(&entries, 2021, DocType::Minutes, per), 3);
        assert_eq!(next_number(&entries, 2020, DocType::Minutes, per), 2);
        // Next number, dated before the last one issued: refused; on or after: fits.
        let p = placement_problem(&entries, DocType::Minutes, per, 3, d(2021, 2, 1)).unwrap();
        assert!(p.contains("02/BB đã cấp ngày 20/03/2021"), "{p}");
        assert!(placement_problem(&entries, DocType::Minutes, per, 3, d(2021, 3, 20)).is_none());
        // A held number; a free higher number after every date.
        assert!(placement_problem(&entries, DocType::Minutes, per, 2, d(2021, 4, 1))
            .unwrap()
            .contains("đã được dùng"));
        assert!(placement_problem(&entries, DocType::Minutes, per, 5, d(2021, 4, 1)).is_none());
        // A free number between two others fits only between their dates.
        let gap = vec![
            e(2021, 1, DocType::Minutes, d(2021, 1, 6)),
            e(2021, 4, DocType::Minutes, d(2021, 3, 20)),
        ];
        assert!(placement_problem(&gap, DocType::Minutes, per, 2, d(2021, 2, 1)).is_none());
        let p = placement_problem(&gap, DocType::Minutes, per, 2, d(2021, 4, 1)).unwrap();
        assert!(p.contains("04/BB (số lớn hơn) đã cấp ngày 20/03/2021"), "{p}");
        // Another type: its own series, unless the series is shared.
        assert!(placement_problem(&entries, DocType::Proposal, per, 1, d(2021, 1, 2)).is_none());
        let shared = placement_problem(&entries, DocType::Proposal, NumberSeries::Shared, 1, d(2021, 1, 2));
        assert!(shared.unwrap().contains("01/BB"));
    }

    #[test]
    fn numbers_and_years_are_bounded() {
        let d = NaiveDate::from_ymd_opt(2022, 12, 16).unwrap();
        let mut e = RegisterEntry {
            year: 2022,
            doc_type: DocType::Minutes,
            number: 4_294_967_295,
            title: "Biên bản".into(),
            issued_on: d,
            source: String::new(),
        };
        assert_eq!(
            next_number(std::slice::from_ref(&e), 2022, DocType::Minutes, NumberSeries::PerType),
            u32::MAX
        );
        let fields: Vec<String> = e.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["number"]);
        e.number = 0;
        e.year = 99_999;
        e.issued_on = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        let fields: Vec<String> = e.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["year", "number", "issued_on"]);
        e.number = 9_999;
        e.year = 2022;
        e.issued_on = d;
        assert!(e.problems().is_empty());
    }
}
