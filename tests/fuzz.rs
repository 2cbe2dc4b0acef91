//! Fuzzing with proptest (cargo-fuzz needs a nightly toolchain CI does not have): bundle import
//! and the command line's argument and file handling never panic, and never harm a file.
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz` is the long run.

use clap::Parser;
use khoithidua::cli::{self, Cli};
use khoithidua::store::bundle::{decode, encode, import, Bundle};
use khoithidua::store::Store;
use proptest::prelude::*;
use std::sync::OnceLock;

fn valid_bundle() -> &'static (Bundle, Vec<u8>) {
    static B: OnceLock<(Bundle, Vec<u8>)> = OnceLock::new();
    B.get_or_init(|| {
        let mut s = Store::open_in_memory().unwrap();
        khoithidua::demo::write_demo(&mut s).unwrap();
        let b = s.export_bundle("2022-12-31T08:00:00+07:00").unwrap();
        let bytes = encode(&b, false);
        (b, bytes)
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    /// Replace a value somewhere in the content and re-seal the checksum, so that import runs.
    Edit(usize, serde_json::Value),
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<i64>().prop_map(serde_json::Value::from),
        (-5i64..200).prop_map(serde_json::Value::from),
        any::<bool>().prop_map(serde_json::Value::from),
        "[a-zđươ ]{0,12}".prop_map(serde_json::Value::from),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), json_value()).prop_map(|(i, v)| Mutation::Edit(i, v)),
    ]
}

/// Every leaf of a JSON value, as a pointer.
fn leaves(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => m.iter().for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        serde_json::Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn apply(m: &Mutation) -> Vec<u8> {
    let (_, bytes) = valid_bundle();
    let mut b = bytes.clone();
    match m {
        Mutation::Truncate(i) => b.truncate(i % b.len()),
        Mutation::Flip(i, x) => {
            let n = b.len();
            b[i % n] ^= x | 1;
        }
        Mutation::Insert(i, ins) => {
            let at = i % b.len();
            b.splice(at..at, ins.iter().copied());
        }
        Mutation::Edit(i, value) => {
            let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            let mut ptrs = Vec::new();
            leaves(&v["content"], "/content".into(), &mut ptrs);
            let ptr = &ptrs[i % ptrs.len()];
            *v.pointer_mut(ptr).unwrap() = value.clone();
            // Re-seal: the checksum of the JSON as the reader will see it.
            v["manifest"]["checksum"] = khoithidua::store::bundle::checksum_v2(&v).into();
            b = serde_json::to_vec(&v).unwrap();
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn bundle_import_never_panics_nor_leaves_half_a_file(m in mutation()) {
        let bytes = apply(&m);
        if let Ok(bundle) = decode(&bytes) {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("nhận.sqlite");
            match import(&bundle, &target, false) {
                Ok(()) => {
                    let s = Store::open(&target).unwrap();
                    prop_assert_eq!(s.health().unwrap().integrity, "ok");
                }
                Err(e) => {
                    prop_assert!(!e.to_string().is_empty());
                    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
                    prop_assert!(left.is_empty(), "left behind: {:?}", left);
                }
            }
        }
    }

    #[test]
    fn the_command_line_never_panics_nor_harms_a_file(
        words in proptest::collection::vec(prop_oneof![
            Just("demo"), Just("check"), Just("list"), Just("units"), Just("years"), Just("conferences"),
            Just("ranking"), Just("ballot"), Just("proposals"), Just("rotation"), Just("pdf"), Just("minutes"),
            Just("pledge"), Just("proposal"), Just("export-bundle"), Just("import-bundle"), Just("backup"),
            Just("backups"), Just("--year"), Just("2022"), Just("1999"), Just("-5"), Just("--json"),
            Just("--ballot"), Just("1"), Just("999"), Just("--conference"), Just("--out"), Just("--force"),
            Just("--data"), Just("JUNK"), Just("GOOD"), Just("NEW"), Just("--years"), Just("--units"), Just("3"),
            Just("--number"), Just("--date"), Just("31/02/2022"), Just("ngày"), Just(""),
        ], 0..8),
        junk in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let dir = tempfile::tempdir().unwrap();
        // Commands without --data use the default file, and relative paths ("demo 1") the current
        // folder: keep both inside this case's folder. (The other test here uses absolute paths.)
        std::env::set_var("KHOITHIDUA_DATA", dir.path().join("mặc định.sqlite"));
        std::env::set_current_dir(dir.path()).unwrap();
        let junk_path = dir.path().join("rác.sqlite");
        std::fs::write(&junk_path, &junk).unwrap();
        let good = dir.path().join("tốt.sqlite");
        khoithidua::app::files::write_demo_file(&good).unwrap();
        let new = dir.path().join("mới.sqlite");
        let args: Vec<String> = std::iter::once("khoithidua".to_string())
            .chain(words.iter().map(|w| match *w {
                "JUNK" => junk_path.display().to_string(),
                "GOOD" => good.display().to_string(),
                "NEW" => new.display().to_string(),
                other => other.to_string(),
            }))
            .collect();
        if let Ok(parsed) = Cli::try_parse_from(&args) {
            if let Some(command) = &parsed.command {
                let _ = cli::run(&parsed, command);
            }
        }
        // The junk file is never modified, whatever the command did with it (unless a command was
        // told to replace it: import-bundle --force or a restore, which the vocabulary can't reach
        // with a valid bundle).
        prop_assert_eq!(std::fs::read(&junk_path).unwrap(), junk);
        if good.exists() {
            let s = Store::open(&good).unwrap();
            prop_assert_eq!(s.health().unwrap().integrity, "ok");
        }
    }
}
