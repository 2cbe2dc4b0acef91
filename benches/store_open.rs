//! Benchmark: open the 30-year/50-unit file and load one full year. Prints medians.
//! Run with `cargo bench --bench store_open`.

use khoithidua::store::Store;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("lớn 30 năm.sqlite");
    let t = Instant::now();
    {
        let mut s = Store::open(&path).expect("create");
        khoithidua::demo::write_synthetic(&mut s, 30, 50).expect("synthetic bloc");
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "tạo khối tổng hợp 30 năm × 50 đơn vị: {:.2?} ({:.1} MB)",
        t.elapsed(),
        size as f64 / 1e6
    );

    const RUNS: usize = 21;
    let (mut open, mut load, mut both) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..RUNS {
        let t0 = Instant::now();
        let s = Store::open(&path).expect("open");
        let t1 = Instant::now();
        let y = s.load_year(1996 + (i as i32 % 30)).expect("load year");
        let t2 = Instant::now();
        assert_eq!(y.members.len(), 50);
        assert_eq!(y.score_sheet.entries.len(), 50 * 40);
        open.push(t1 - t0);
        load.push(t2 - t1);
        both.push(t2 - t0);
    }
    println!(
        "máy: {} lõi; {} lần đo",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        RUNS
    );
    println!("mở tệp (trung vị):            {:.2?}", median(open));
    println!("nạp một năm đầy đủ (trung vị): {:.2?}", median(load));
    println!("mở + nạp (trung vị):          {:.2?}", median(both));

    // The cost of opening must not grow with the file: the same bloc grown to about 100 MB (a
    // table of filler pages the store never reads), opened the same way.
    let big = dir.path().join("lớn 100 MB.sqlite");
    std::fs::copy(&path, &big).expect("copy");
    {
        let c = rusqlite::Connection::open(&big).expect("open for filler");
        c.execute_batch(
            "CREATE TABLE bench_filler (b BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 96)
             INSERT INTO bench_filler SELECT randomblob(1048576) FROM n;",
        )
        .expect("filler");
    }
    let big_size = std::fs::metadata(&big).map(|m| m.len()).unwrap_or(0);
    drop(Store::open(&big).expect("first open of the day backs up")); // not measured
    let (small_open, big_open) = (median(open_runs(&path)), median(open_runs(&big)));
    println!(
        "mở tệp {:.1} MB: {:.2?}; mở tệp {:.1} MB: {:.2?} (tỷ lệ {:.2})",
        size as f64 / 1e6,
        small_open,
        big_size as f64 / 1e6,
        big_open,
        big_open.as_secs_f64() / small_open.as_secs_f64()
    );
}

/// Times `Store::open` alone, RUNS times (the day's backup already exists, as on any later open).
fn open_runs(path: &std::path::Path) -> Vec<Duration> {
    (0..21)
        .map(|_| {
            let t = Instant::now();
            let s = Store::open(path).expect("open");
            let d = t.elapsed();
            drop(s);
            d
        })
        .collect()
}
