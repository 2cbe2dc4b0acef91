//! Crash safety: a writer process is killed with SIGKILL at random moments during a stream of
//! writes; afterwards the file passes `PRAGMA integrity_check` and every write acknowledged before
//! the kill is present. 20 rounds here; `KHOITHIDUA_CRASH_ROUNDS=200 cargo test --test crash`
//! runs the long form.

use khoithidua::store::Store;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One test at a time: a child process forked by one test holds a copy of another test's lock
/// file until it execs, which would make that test's next open see the file as in use.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// xorshift64*, seeded from the clock: every run kills at other moments.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn killed_writers_lose_nothing_they_acknowledged() {
    let _serial = serial();
    let rounds: u32 = std::env::var("KHOITHIDUA_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ghi liên tục.sqlite");
    {
        let mut s = Store::open(&file).unwrap();
        khoithidua::demo::write_demo(&mut s).unwrap();
    }
    let mut acknowledged: Vec<i64> = Vec::new();
    for round in 0..rounds {
        let mut child = Command::new(env!("CARGO_BIN_EXE_khoithidua"))
            .args(["write-stream", "--year", "2022", "--count", "100000", "--data"])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Kill after a random number of acknowledged writes, a random moment later.
        let target = rng.next() % 40;
        for _ in 0..target {
            match lines.next() {
                Some(Ok(l)) => acknowledged.push(l.strip_prefix("ok ").unwrap().parse().unwrap()),
                _ => break,
            }
        }
        std::thread::sleep(Duration::from_micros(rng.next() % 3000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Acknowledgements already in the pipe count too: they were printed after a commit.
        for l in lines.map_while(Result::ok) {
            acknowledged.push(l.strip_prefix("ok ").unwrap().parse().unwrap());
        }
        let s = Store::open(&file).unwrap_or_else(|e| panic!("round {round} (seed {seed}): {e}"));
        let health = s.health().unwrap();
        assert_eq!(health.integrity, "ok", "round {round} (seed {seed})");
        assert_eq!(health.foreign_key_errors, 0);
        let stored: std::collections::HashSet<i64> = s.activities(2022).unwrap().iter().map(|a| a.id).collect();
        for id in &acknowledged {
            assert!(
                stored.contains(id),
                "round {round} (seed {seed}): acknowledged write {id} is lost"
            );
        }
    }
    eprintln!(
        "{rounds} kills, {} acknowledged writes, all present (seed {seed})",
        acknowledged.len()
    );
}

/// Rounds of the kill tests below: a few here, more with `KHOITHIDUA_CRASH_ROUNDS`.
fn rounds(default: u32) -> u32 {
    std::env::var("KHOITHIDUA_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn cli() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khoithidua"));
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

/// Runs `cmd` to the end three times and returns the median time and the last output: kills
/// are spread over that span (the first run may do the day's backup; the median does not).
fn timed(cmd: &mut Command) -> (Duration, std::process::Output) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let o = cmd.output().unwrap();
        times.push(t.elapsed());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        last = Some(o);
    }
    times.sort();
    (times[1], last.unwrap())
}

/// Starts `cmd`, kills it (SIGKILL) after a random part of `span`; returns whether it finished
/// first and what it printed.
fn kill_within(cmd: &mut Command, span: Duration, round: u32, rng: &mut Rng) -> (bool, String) {
    let mut child = cmd.spawn().unwrap();
    // Even rounds kill within the first half of the measured span (mid-way, nearly always); odd
    // rounds anywhere up to twice the span, so that some also end before their kill.
    let reach = if round.is_multiple_of(2) { 2000.0 } else { 500.0 };
    let wait = span.mul_f64((rng.next() % 1000) as f64 / reach);
    std::thread::sleep(wait);
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    let _ = child.kill();
    let o = child.wait_with_output().unwrap();
    (finished, String::from_utf8_lossy(&o.stdout).into_owned())
}

/// Says how many rounds were killed before the command ended; a run where none was is no test.
fn report(what: &str, killed_early: u32, seed: u64) {
    eprintln!(
        "{what}: {killed_early} of {} rounds killed before the end (seed {seed})",
        rounds(8)
    );
    assert!(
        killed_early > 0,
        "{what}: every round ended before its kill (seed {seed})"
    );
}

fn seed() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
}

/// The bloc's name as stored: each test below marks its states by it.
fn bloc_name(path: &std::path::Path) -> String {
    let (s, _, integrity) = Store::open_for_check(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(integrity, "ok", "{}", path.display());
    s.bloc().unwrap().unwrap().name
}

#[test]
fn a_killed_import_leaves_the_old_file_or_the_whole_new_one() {
    let _serial = serial();
    let mut killed_early = 0u32;
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("nguồn.sqlite");
    let bundle = dir.path().join("bàn giao.json");
    let target = dir.path().join("đích.sqlite");
    {
        let mut s = Store::open(&source).unwrap();
        khoithidua::demo::write_demo(&mut s).unwrap();
        let mut b = s.bloc().unwrap().unwrap();
        b.name = "Khối mới nhận".into();
        s.save_bloc(&b).unwrap();
        let mut t = Store::open(&target).unwrap();
        khoithidua::demo::write_demo(&mut t).unwrap();
    }
    let o = cli()
        .args(["export-bundle", "--out"])
        .arg(&bundle)
        .arg("--data")
        .arg(&source)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let import = |c: &mut Command| {
        c.arg("import-bundle")
            .arg(&bundle)
            .arg("--force")
            .arg("--data")
            .arg(&target);
    };
    let mut probe = cli();
    import(&mut probe);
    let (span, o) = timed(&mut probe);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let demo_name = "Khối thi đua Nội chính tỉnh Bình Định";
    for round in 0..rounds(8) {
        // Back to the old file, then import over it and kill at a random moment.
        {
            let mut s = Store::open(&target).unwrap();
            let mut b = s.bloc().unwrap().unwrap();
            b.name = demo_name.into();
            s.save_bloc(&b).unwrap();
        }
        let mut c = cli();
        import(&mut c);
        let (finished, out) = kill_within(&mut c, span, round, &mut rng);
        killed_early += u32::from(!finished);
        let name = bloc_name(&target);
        assert!(
            name == demo_name || name == "Khối mới nhận",
            "round {round} (seed {seed}): the file is neither the old one nor the new one: {name}"
        );
        if out.contains("Đã nhận bàn giao") {
            assert_eq!(
                name, "Khối mới nhận",
                "round {round} (seed {seed}): acknowledged import lost"
            );
        }
    }
    report("import-bundle", killed_early, seed);
    // The next open sweeps what killed imports left.
    drop(Store::open(&target).unwrap());
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("nhan-ban-giao"))
        .collect();
    assert!(left.is_empty(), "seed {seed}: {left:?}");
}

#[test]
fn a_killed_restore_leaves_the_old_file_or_the_restored_one() {
    let _serial = serial();
    let mut killed_early = 0u32;
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dữ liệu.sqlite");
    let backup = {
        let mut s = Store::open(&db).unwrap();
        khoithidua::demo::write_demo(&mut s).unwrap();
        let mut b = s.bloc().unwrap().unwrap();
        b.name = "Bản sao lưu".into();
        s.save_bloc(&b).unwrap();
        s.backup_now("thu-cong").unwrap()
    };
    let restore = |c: &mut Command| {
        c.arg("restore").arg(&backup).arg("--data").arg(&db);
    };
    let mut probe = cli();
    restore(&mut probe);
    let (span, o) = timed(&mut probe);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for round in 0..rounds(8) {
        // A write acknowledged just before the restore: it must survive, in the file or in
        // the safety backup the restore takes first.
        let marker = format!("Dữ liệu hiện tại {round}");
        {
            let mut s = Store::open(&db).unwrap();
            s.set_backup_keep(365).unwrap();
            let mut b = s.bloc().unwrap().unwrap();
            b.name = marker.clone();
            s.save_bloc(&b).unwrap();
        }
        let mut c = cli();
        restore(&mut c);
        let (finished, out) = kill_within(&mut c, span, round, &mut rng);
        killed_early += u32::from(!finished);
        let name = bloc_name(&db);
        if name == marker {
            assert!(
                !out.contains("Đã khôi phục"),
                "round {round} (seed {seed}): acknowledged restore lost"
            );
        } else {
            assert_eq!(name, "Bản sao lưu", "round {round} (seed {seed})");
            let kept = khoithidua::store::backup::list_backups(&db)
                .into_iter()
                .filter(|b| b.reason == "truoc-khoi-phuc")
                .any(|b| bloc_name(&b.path) == marker);
            assert!(kept, "round {round} (seed {seed}): the replaced data is in no backup");
        }
    }
    report("restore", killed_early, seed);
}

#[test]
fn a_killed_backup_leaves_the_file_whole_and_only_whole_backups() {
    let _serial = serial();
    let mut killed_early = 0u32;
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dữ liệu.sqlite");
    {
        let mut s = Store::open(&db).unwrap();
        khoithidua::demo::write_synthetic(&mut s, 3, 20).unwrap();
        s.set_backup_keep(365).unwrap();
    }
    let backup = |c: &mut Command| {
        c.arg("backup").arg("--data").arg(&db);
    };
    let mut probe = cli();
    backup(&mut probe);
    let (span, o) = timed(&mut probe);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let before = Store::open(&db).unwrap().counts().unwrap();
    for round in 0..rounds(8) {
        let mut c = cli();
        backup(&mut c);
        let (finished, out) = kill_within(&mut c, span, round, &mut rng);
        killed_early += u32::from(!finished);
        let s = Store::open(&db).unwrap_or_else(|e| panic!("round {round} (seed {seed}): {e}"));
        assert_eq!(s.counts().unwrap(), before, "round {round} (seed {seed})");
        drop(s);
        for b in khoithidua::store::backup::list_backups(&db) {
            let (copy, _, integrity) = Store::open_for_check(&b.path).unwrap();
            assert_eq!(integrity, "ok", "round {round} (seed {seed}): {}", b.path.display());
            assert_eq!(
                copy.counts().unwrap(),
                before,
                "round {round}: a partial backup is listed"
            );
        }
        if let Some(path) = out.strip_prefix("Đã sao lưu vào \u{201c}") {
            let path = path.trim_end().trim_end_matches(['.', '\u{201d}']);
            assert!(
                std::path::Path::new(path).exists(),
                "round {round} (seed {seed}): acknowledged backup lost"
            );
        }
    }
    report("backup", killed_early, seed);
    let tmp = std::fs::read_dir(khoithidua::store::backup::backups_dir(&db))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "tmp"))
        .count();
    assert_eq!(tmp, 0, "seed {seed}: the last open swept half-written backups");
}
