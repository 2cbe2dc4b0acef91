//! Value parsers of the command line's flags: the same bounds as the domain's rules
//! (`domain::validate`), so a year, a document number or a date the store would refuse is refused
//! at the door, with a Vietnamese message, before anything is opened or written.

use crate::domain::text::{date_dmy, parse_date_dmy};
use crate::domain::validate::{REGISTER_NUMBER_MAX, YEAR_MAX, YEAR_MIN};
use crate::domain::Year;
use chrono::{Datelike, NaiveDate};

/// `--year NĂM`: a whole number from 1945 to 2200.
pub fn year(s: &str) -> Result<Year, String> {
    let t = s.trim();
    let bad = || format!("năm \u{201c}{t}\u{201d} không hợp lệ: hãy nhập một năm từ {YEAR_MIN} đến {YEAR_MAX}.");
    let y: i64 = t.parse().map_err(|_| bad())?;
    if !(i64::from(YEAR_MIN)..=i64::from(YEAR_MAX)).contains(&y) {
        return Err(bad());
    }
    Ok(y as Year)
}

/// `--number N`: a document number from 1 to 9999.
pub fn number(s: &str) -> Result<u32, String> {
    let t = s.trim();
    let bad =
        || format!("số văn bản \u{201c}{t}\u{201d} không hợp lệ: hãy nhập một số từ 1 đến {REGISTER_NUMBER_MAX}.");
    let n: u64 = t.parse().map_err(|_| bad())?;
    if !(1..=u64::from(REGISTER_NUMBER_MAX)).contains(&n) {
        return Err(bad());
    }
    Ok(n as u32)
}

/// `--date dd/mm/yyyy`: a date of the calendar in the years 1945–2200.
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let d = parse_date_dmy(s).map_err(|e| lower_first(&e))?;
    if !(YEAR_MIN..=YEAR_MAX).contains(&d.year()) {
        return Err(format!(
            "ngày {} nằm ngoài khoảng cho phép (từ năm {YEAR_MIN} đến năm {YEAR_MAX}).",
            date_dmy(d)
        ));
    }
    Ok(d)
}

/// clap prints "…: <message>": the message continues a sentence.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(year("2022"), Ok(2022));
        assert_eq!(year("1945"), Ok(1945));
        assert_eq!(year("2200"), Ok(2200));
        for bad in ["99999", "-1", "0", "1944", "2201", "4294967296", "abc", "", "20 22"] {
            let e = year(bad).unwrap_err();
            assert!(e.contains("từ 1945 đến 2200"), "{bad}: {e}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(number("5"), Ok(5));
        assert_eq!(number("9999"), Ok(9999));
        for bad in ["0", "10000", "4294967295", "4294967296", "-1", "x"] {
            assert!(number(bad).unwrap_err().contains("từ 1 đến 9999"), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date("16/12/2022"), Ok(NaiveDate::from_ymd_opt(2022, 12, 16).unwrap()));
        assert!(date("01/01/0000").unwrap_err().contains("từ năm 1945"));
        assert!(date("31/02/2022").unwrap_err().contains("không có trong lịch"));
        assert!(date("2022-12-16").unwrap_err().starts_with("ngày"));
    }
}
