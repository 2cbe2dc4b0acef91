//! Benchmark: handover bundle export + import of the 30-year/50-unit file. Prints medians and sizes.
//! Run with `cargo bench --bench bundle`. The files live in `target/tmp` (on disk, not a tmpfs: an
//! import's cost is mostly its syncs), or in the folder `KHOITHIDUA_BENCH_DIR` names.

use khoithidua::store::bundle::{decode, encode, import};
use khoithidua::store::Store;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let base = std::env::var_os("KHOITHIDUA_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")));
    let dir = tempfile::tempdir_in(&base).expect("temporary folder");
    let source = dir.path().join("nguồn.sqlite");
    {
        let mut s = Store::open(&source).expect("create");
        khoithidua::demo::write_synthetic(&mut s, 30, 50).expect("synthetic bloc");
    }
    let (mut export, mut import_t, mut sizes) = (Vec::new(), Vec::new(), (0, 0));
    for i in 0..7 {
        let t = Instant::now();
        let s = Store::open(&source).expect("open");
        let b = s.export_bundle("2025-12-31T08:00:00+07:00").expect("export");
        let bytes = encode(&b, true);
        export.push(t.elapsed());
        sizes = (encode(&b, false).len(), bytes.len());
        drop(s);
        let t = Instant::now();
        let decoded = decode(&bytes).expect("decode");
        import(&decoded, &dir.path().join(format!("đích {i}.sqlite")), false).expect("import");
        import_t.push(t.elapsed());
    }
    println!(
        "máy: {} lõi; 7 lần đo; khối 30 năm × 50 đơn vị; thư mục {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        base.display()
    );
    println!(
        "kích thước: {:.1} MB JSON, {:.2} MB nén gzip",
        sizes.0 as f64 / 1e6,
        sizes.1 as f64 / 1e6
    );
    let (e, i) = (median(export), median(import_t));
    println!("xuất (mở + đọc + nén, trung vị): {e:.2?}");
    println!("nhận (giải nén + kiểm tra + ghi, trung vị): {i:.2?}");
    println!("tổng (trung vị): {:.2?}", e + i);
}
