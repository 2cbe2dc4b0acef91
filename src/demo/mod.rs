//! The demo bloc: Khối thi đua Nội chính tỉnh Bình Định, 2020–2022, built from public news reports of
//! its conferences (unit names, dates, places, the 15.000.000 đ per unit for two houses, the six tasks
//! of the 2022 mid-year review). Names of people not named in those reports are invented.
//! Also a synthetic large bloc for benchmarks.

mod reference;
mod synthetic;

pub use reference::write_demo;
pub use synthetic::write_synthetic;

use chrono::{NaiveDate, NaiveTime};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("demo dates are real dates")
}

fn hm(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}
