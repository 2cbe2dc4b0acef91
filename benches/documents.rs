//! Benchmark: the demo's year-end minutes (PDF and Word copy), and a ranking table of about 20
//! pages. Prints medians and file sizes. Run with `cargo bench --bench documents`.

use chrono::NaiveDate;
use khoithidua::domain::ConferenceKind;
use khoithidua::store::Store;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut demo = Store::open_in_memory().expect("memory store");
    khoithidua::demo::write_demo(&mut demo).expect("demo");
    let year = demo.load_year(2022).expect("2022");
    let conf = year
        .conferences
        .iter()
        .find(|c| c.kind == ConferenceKind::YearEnd)
        .expect("year-end")
        .clone();
    let issue = khoithidua::documents::Issue {
        number: Some("02/BB-KNC".into()),
        date: conf.date,
    };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..31 {
        let t = Instant::now();
        let pdf = khoithidua::documents::minutes(&year, &conf, &issue).expect("printable");
        times.push(t.elapsed());
        last = Some(pdf);
    }
    let pdf = last.expect("a run");
    println!(
        "máy: {} lõi",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "biên bản tổng kết mẫu: {} trang, {:.1} KB, trung vị {:.2?} (31 lần)",
        pdf.pages,
        pdf.bytes.len() as f64 / 1024.0,
        median(times)
    );
    docx_minutes(&year, &conf, &issue);

    let mut big = Store::open_in_memory().expect("memory store");
    khoithidua::demo::write_synthetic(&mut big, 1, 10).expect("synthetic");
    let year = big.load_year(2025).expect("2025");
    let date = NaiveDate::from_ymd_opt(2025, 12, 15).expect("date");
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..11 {
        let t = Instant::now();
        let issue = khoithidua::documents::Issue {
            number: Some("01/BC-KNC".into()),
            date,
        };
        let pdf = khoithidua::documents::ranking_table(&year, &issue, true).expect("printable");
        times.push(t.elapsed());
        last = Some(pdf);
    }
    let pdf = last.expect("a run");
    println!(
        "bảng xếp hạng chi tiết (10 đơn vị × 40 tiêu chí): {} trang, {:.1} KB, trung vị {:.2?} (11 lần)",
        pdf.pages,
        pdf.bytes.len() as f64 / 1024.0,
        median(times)
    );
}

/// The Word copy of the same minutes, from its draft (target: 20 ms or less).
fn docx_minutes(
    year: &khoithidua::domain::YearRecord,
    conf: &khoithidua::domain::Conference,
    issue: &khoithidua::documents::Issue,
) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..31 {
        let t = Instant::now();
        let draft = khoithidua::documents::minutes_draft(year, conf, issue);
        let bytes = khoithidua::documents::docx::docx(&draft).expect("writable");
        times.push(t.elapsed());
        last = Some(bytes);
    }
    let bytes = last.expect("a run");
    println!(
        "bản Word biên bản tổng kết mẫu: {:.1} KB, trung vị {:.2?} (31 lần)",
        bytes.len() as f64 / 1024.0,
        median(times)
    );
}
