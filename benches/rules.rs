//! Benchmark of the rules: ranking + proposal checks + suggestions for 50 units × 40 criteria; a
//! keystroke in the score grid of that year (Chấm điểm: what is typed checked, the live ranking);
//! the checks of a 500-unit × 40-criterion score sheet; and `khoithidua check` end to end on a
//! 30-year × 500-unit file (the real binary, process start included). Prints medians.
//! Run with `cargo bench --bench rules`.

use khoithidua::domain::scoring::ScoreSheet;
use khoithidua::store::Store;
use khoithidua::ui::screens::scoring::{Message, Scoring};
use khoithidua::ui::screens::Ctx;
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
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

    // A keystroke in a cell of the grid: the screen's whole `update` (the sheet as typed, its
    // checks, the live ranking), alternating two values so that every run changes the cell.
    let mut screen = Scoring::new(&year);
    let unit = year.members[17];
    let mut n = 0;
    let keystroke = time(RUNS, || {
        n += 1;
        let value = if n % 2 == 0 { "1" } else { "1,5" };
        screen.update(
            Message::Cell(unit, 7, value.into()),
            Ctx {
                store: &mut s,
                record: &year,
                today: chrono::NaiveDate::from_ymd_opt(2025, 12, 1).expect("date"),
            },
        )
    });
    assert!(screen.ranking().iter().all(|st| st.invalid == 0));

    // The checks of a 500-unit sheet, as `check` and import run them for every year.
    let mut big = Store::open_in_memory().expect("memory store");
    khoithidua::demo::write_synthetic(&mut big, 1, 500).expect("synthetic bloc");
    let year500 = big.load_year(2025).expect("year");
    let sheet: &ScoreSheet = &year500.score_sheet;
    assert_eq!(sheet.entries.len(), 500 * 40);
    let sheet_checks = time(21, || sheet.problems(&year500.members, year500.rules.score_scale));
    let year_checks = time(11, || year500.problems());

    // `khoithidua check` on the 30-year × 500-unit file, end to end.
    let bin = env!("CARGO_BIN_EXE_khoithidua");
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("big500.sqlite");
    let made = Command::new(bin)
        .args(["demo", file.to_str().expect("path"), "--years", "30", "--units", "500"])
        .output()
        .expect("demo");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let check = time(5, || {
        let out = Command::new(bin)
            .args(["check", file.to_str().expect("path")])
            .output()
            .expect("check");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    });

    println!(
        "máy: {} lõi; {} lần đo; 50 đơn vị × 40 tiêu chí",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        RUNS
    );
    println!(
        "xếp hạng (trung vị):                              {:.2?}",
        median(ranking)
    );
    println!("xếp hạng + kiểm tra đề nghị + đề xuất (trung vị): {:.2?}", median(all));
    println!("một phím gõ vào ô Chấm điểm (update, trung vị):   {keystroke:.2?}");
    println!("kiểm tra bảng điểm 500 đơn vị × 40 tiêu chí:      {sheet_checks:.2?}");
    println!("kiểm tra cả năm 500 đơn vị (YearRecord::problems): {year_checks:.2?}");
    println!("khoithidua check, 30 năm × 500 đơn vị (5 lần):    {check:.2?}");
}
