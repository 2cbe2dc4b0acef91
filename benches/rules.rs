//! Benchmark: ranking + proposal checks + suggestions for 50 units × 40 criteria. Prints medians.
//! Run with `cargo bench --bench rules`.

use khoithidua::store::Store;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut s = Store::open_in_memory().expect("memory store");
    khoithidua::demo::write_synthetic(&mut s, 1, 50).expect("synthetic bloc");
    let year = s.load_year(2025).expect("year");
    assert_eq!(year.members.len(), 50);
    assert_eq!(year.score_sheet.criteria.len(), 40);

    const RUNS: usize = 101;
    let (mut ranking, mut all) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let r = year.ranking();
        let t1 = Instant::now();
        let w = year.proposal_warnings();
        let p = year.suggested_proposals();
        let t2 = Instant::now();
        assert_eq!(r.len(), 50);
        std::hint::black_box((w, p));
        ranking.push(t1 - t0);
        all.push(t2 - t0);
    }
    println!(
        "máy: {} lõi; {} lần đo; 50 đơn vị × 40 tiêu chí",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        RUNS
    );
    println!("xếp hạng (trung vị):                          {:.2?}", median(ranking));
    println!("xếp hạng + kiểm tra đề nghị + đề xuất (trung vị): {:.2?}", median(all));
}
