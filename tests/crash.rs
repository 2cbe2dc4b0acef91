//! Crash safety: processes are killed with SIGKILL at random moments while they write; afterwards
//! the file passes `PRAGMA integrity_check`, every write acknowledged before the kill is there with
//! its own content, and every record a write replaces as a whole (a score sheet, a pledge) is found
//! wholly as it was or wholly as written, never half of each.
//!
//! SIGKILL tests the death of the process, not a power cut or a crash of the system: data the
//! process handed to the OS survives a SIGKILL even if it was never synced. What makes commits
//! survive a power cut is `synchronous = FULL`, set in `Store::configure` (`src/store/mod.rs`);
//! `the_writer_runs_with_wal_and_synchronous_full` checks that the writer runs with it, and no
//! test here can show that the disk honours the syncs.
//!
//! 20 writer rounds and 8 rounds of each other kill test here;
//! `KHOITHIDUA_CRASH_ROUNDS=200 cargo test --test crash` runs the long form.

use khoithidua::domain::{Pledge, Points, ScoreSheet};
use khoithidua::store::Store;
use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read};
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

/// The year `write-stream` writes into: the demo's year with a score sheet and a pledge.
const YEAR: i32 = 2022;

/// "r3.17": the 17th write (counted from 0) of the writer of round 3. Ordered as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Token {
    round: u32,
    n: u32,
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "r{}.{}", self.round, self.n)
    }
}

fn token(s: &str) -> Result<Token, String> {
    let bad = || format!("not a write's token: {s:?}");
    let (round, n) = s.strip_prefix('r').and_then(|t| t.split_once('.')).ok_or_else(bad)?;
    Ok(Token {
        round: round.parse().map_err(|_| bad())?,
        n: n.parse().map_err(|_| bad())?,
    })
}

/// The token a text was marked with ("… [r3.17]"); `None`: a text no write has marked.
fn mark(text: &str) -> Result<Option<Token>, String> {
    match text.rsplit_once(" [") {
        Some((_, t)) => token(t.strip_suffix(']').ok_or_else(|| format!("torn mark in {text:?}"))?).map(Some),
        None => Ok(None),
    }
}

/// The one write every marked part of a record carries (`None`: the record as the demo wrote it);
/// an error if its parts come from different writes.
fn one_write(
    what: &str,
    marks: impl IntoIterator<Item = Result<Option<Token>, String>>,
) -> Result<Option<Token>, String> {
    let marks: BTreeSet<Option<Token>> = marks.into_iter().collect::<Result<_, _>>()?;
    match marks.len() {
        0 => Err(format!("{what}: nothing to carry a mark")),
        1 => Ok(marks.into_iter().next().flatten()),
        _ => Err(format!("{what} holds parts of several writes: {marks:?}")),
    }
}

/// Which write the score sheet is (see `write_stream` in `src/cli/safety.rs`): every criterion's
/// name and every bonus's reason marked by the same write, every self-assessed score set from that
/// write's number, and as many criteria, scores and bonuses as the sheet had.
fn sheet_write(s: &ScoreSheet, base: &ScoreSheet) -> Result<Option<Token>, String> {
    let shape = |s: &ScoreSheet| (s.criteria.len(), s.entries.len(), s.adjustments.len());
    if shape(s) != shape(base) {
        return Err(format!(
            "the score sheet has (criteria, scores, bonuses) {:?} instead of {:?}",
            shape(s),
            shape(base)
        ));
    }
    let t = one_write(
        "the score sheet",
        s.criteria
            .iter()
            .map(|c| mark(&c.name))
            .chain(s.adjustments.iter().map(|a| mark(&a.reason))),
    )?;
    let max: HashMap<&str, i64> = s
        .criteria
        .iter()
        .map(|c| (c.code.as_str(), c.max_points.hundredths()))
        .collect();
    let old: HashMap<(i64, &str), Option<Points>> = base
        .entries
        .iter()
        .map(|e| ((e.unit, e.criterion.as_str()), e.self_score))
        .collect();
    for e in &s.entries {
        let expected = match t {
            Some(t) => Some(Points::from_hundredths(
                i64::from(t.n) % (max[e.criterion.as_str()] + 1),
            )),
            None => old[&(e.unit, e.criterion.as_str())],
        };
        if e.self_score != expected {
            return Err(format!(
                "the score of unit {} for {} is {:?}, not that of write {t:?} ({expected:?})",
                e.unit, e.criterion, e.self_score
            ));
        }
    }
    Ok(t)
}

/// Which write the pledge is: its theme, every content and every signer's position marked by the
/// same write, with as many contents and signatures as it had.
fn pledge_write(p: &Pledge, base: &Pledge) -> Result<Option<Token>, String> {
    let shape = |p: &Pledge| (p.items.len(), p.signatures.len());
    if shape(p) != shape(base) {
        return Err(format!(
            "the pledge has (contents, signatures) {:?} instead of {:?}",
            shape(p),
            shape(base)
        ));
    }
    one_write(
        "the pledge",
        std::iter::once(mark(&p.theme))
            .chain(p.items.iter().map(|i| mark(&i.content)))
            .chain(p.signatures.iter().map(|s| mark(&s.signer_position))),
    )
}

/// A write the writer acknowledged (printed after its commit).
#[derive(Debug)]
enum Ack {
    Activity(i64, Token),
    Scores(Token),
    Pledge(Token),
}

fn ack(line: &str) -> Result<Ack, String> {
    let w: Vec<&str> = line.split(' ').collect();
    match w[..] {
        ["ok", "activity", id, t] => Ok(Ack::Activity(
            id.parse().map_err(|_| format!("bad line {line:?}"))?,
            token(t)?,
        )),
        ["ok", "scores", t] => Ok(Ack::Scores(token(t)?)),
        ["ok", "pledge", t] => Ok(Ack::Pledge(token(t)?)),
        _ => Err(format!("bad line {line:?}")),
    }
}

/// What a writer wrote to stderr, read on a thread so that it never blocks on a full pipe.
fn drain(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = r.read_to_string(&mut s);
        s
    })
}

fn writer(file: &std::path::Path, tag: &str, kinds: &str, count: u32) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khoithidua"));
    c.args([
        "write-stream",
        "--year",
        &YEAR.to_string(),
        "--count",
        &count.to_string(),
    ])
    .args(["--tag", tag, "--kinds", kinds, "--data"])
    .arg(file)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    c
}

/// Writers are killed after a random number (at least `MIN_ACKS`) of acknowledged writes, a
/// random moment later: in the middle of an insert, of a score sheet's or a pledge's replacement,
/// between two of them. A writer that stops before it acknowledged that many fails the round.
const MIN_ACKS: u64 = 3;

#[test]
fn killed_writers_lose_nothing_they_acknowledged_and_tear_nothing() {
    let _serial = serial();
    let rounds = rounds(20);
    let seed = seed();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ghi liên tục.sqlite");
    let (base_sheet, base_pledge) = {
        let mut s = Store::open(&file).unwrap();
        khoithidua::demo::write_demo(&mut s).unwrap();
        (s.score_sheet(YEAR).unwrap(), s.pledge(YEAR).unwrap().unwrap())
    };
    assert!(!base_sheet.criteria.is_empty() && !base_sheet.adjustments.is_empty() && !base_pledge.items.is_empty());
    let mut activities: Vec<(i64, Token)> = Vec::new();
    // The newest acknowledged sheet and pledge, and how many replacements were acknowledged.
    let (mut sheet_acked, mut pledge_acked) = (None::<Token>, None::<Token>);
    let (mut sheets, mut pledges) = (0u32, 0u32);
    // Replacements found committed though the kill came before their acknowledgement.
    let mut unacknowledged_commits = 0u32;
    for round in 0..rounds {
        // Mostly all three kinds in turn; some rounds only replacements, so that more kills land
        // inside one.
        let kinds = ["all", "all", "scores", "pledge"][round as usize % 4];
        let mut child = writer(&file, &format!("r{round}"), kinds, 1_000_000).spawn().unwrap();
        let stderr = drain(child.stderr.take().unwrap());
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let pragmas = lines.next().and_then(Result::ok).unwrap_or_default();
        let target = MIN_ACKS + rng.next() % 40;
        let mut acks: Vec<Ack> = Vec::new();
        let mut early = false;
        for _ in 0..target {
            match lines.next() {
                Some(Ok(l)) => acks.push(ack(&l).unwrap()),
                _ => {
                    early = true;
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_micros(rng.next() % 3000));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        // Acknowledgements already in the pipe count too: they were printed after a commit.
        for l in lines.map_while(Result::ok) {
            acks.push(ack(&l).unwrap());
        }
        let stderr = stderr.join().unwrap();
        let ctx =
            format!("round {round} ({kinds}, seed {seed}); the writer said {pragmas:?}, {status}, stderr: {stderr:?}");
        assert!(
            !early && acks.len() as u64 >= target && pragmas.starts_with("pragma "),
            "{ctx}: the writer acknowledged {} writes before its kill, not {target}",
            acks.len()
        );
        for a in acks {
            match a {
                Ack::Activity(id, t) => activities.push((id, t)),
                Ack::Scores(t) => {
                    sheets += 1;
                    sheet_acked = sheet_acked.max(Some(t));
                }
                Ack::Pledge(t) => {
                    pledges += 1;
                    pledge_acked = pledge_acked.max(Some(t));
                }
            }
        }

        let s = Store::open(&file).unwrap_or_else(|e| panic!("{ctx}: {e}"));
        let health = s.health().unwrap();
        assert_eq!(health.integrity, "ok", "{ctx}");
        assert_eq!(health.foreign_key_errors, 0, "{ctx}");
        // Activities: ids are reused once lost (INTEGER PRIMARY KEY), so the title is checked.
        let stored: HashMap<i64, String> = s
            .activities(YEAR)
            .unwrap()
            .into_iter()
            .map(|a| (a.id, a.title))
            .collect();
        for (id, t) in &activities {
            let want = format!("Ghi thử {t}");
            assert_eq!(
                stored.get(id),
                Some(&want),
                "{ctx}: acknowledged write {t} (activity {id}) is lost"
            );
        }
        let titles: Vec<&String> = stored.values().filter(|t| t.starts_with("Ghi thử ")).collect();
        let distinct: BTreeSet<&&String> = titles.iter().collect();
        assert_eq!(titles.len(), distinct.len(), "{ctx}: an activity was written twice");
        // Replacements: wholly one write, and not older than the last acknowledged.
        let sheet = sheet_write(&s.score_sheet(YEAR).unwrap(), &base_sheet).unwrap_or_else(|e| panic!("{ctx}: {e}"));
        let pledge =
            pledge_write(&s.pledge(YEAR).unwrap().unwrap(), &base_pledge).unwrap_or_else(|e| panic!("{ctx}: {e}"));
        for (what, found, acked) in [("score sheet", sheet, sheet_acked), ("pledge", pledge, pledge_acked)] {
            assert!(
                found >= acked,
                "{ctx}: the {what} is write {found:?}, older than write {acked:?} that was acknowledged"
            );
            unacknowledged_commits += u32::from(found > acked);
            if let Some(f) = found {
                assert!(
                    f.round <= round,
                    "{ctx}: the {what} carries a write from the future: {f}"
                );
            }
        }
    }
    eprintln!(
        "{rounds} kills: {} activities, {sheets} score sheets and {pledges} pledges acknowledged, all there and \
         whole; {unacknowledged_commits} replacements committed but not yet acknowledged at their kill (seed {seed})",
        activities.len()
    );
    assert!(
        !activities.is_empty() && sheets > 0 && pledges > 0,
        "seed {seed}: some kind of write was never acknowledged"
    );
}

/// The pragmas `Store::configure` states: the writer the kill tests use runs with WAL and
/// `synchronous = FULL` (2) on its own connection (`synchronous` is not kept in the file, so it
/// can only be seen there); the journal mode is also kept in the file.
#[test]
fn the_writer_runs_with_wal_and_synchronous_full() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cài đặt.sqlite");
    {
        let mut s = Store::open(&file).unwrap();
        khoithidua::demo::write_demo(&mut s).unwrap();
    }
    let o = writer(&file, "r0", "all", 0).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim_end(),
        "pragma synchronous=2 journal_mode=wal"
    );
    let c = rusqlite::Connection::open_with_flags(&file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
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
