//! Crash safety: a writer process is killed with SIGKILL at random moments during a stream of
//! writes; afterwards the file passes `PRAGMA integrity_check` and every write acknowledged before
//! the kill is present. 20 rounds here; `KHOITHIDUA_CRASH_ROUNDS=200 cargo test --test crash`
//! runs the long form.

use khoithidua::store::Store;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
