//! Fuzzing with proptest (cargo-fuzz needs a nightly toolchain CI does not have), on structured
//! cases that reach the code under test rather than dying in a parser:
//!
//! - bundles: valid bundles of the demo and of small synthetic blocs, with field-level edits
//!   (numbers out of range, references to records that do not exist, hostile text, swapped or
//!   impossible dates, records duplicated or removed), the counts and the checksum recomputed (or,
//!   sometimes, deliberately not), written plain, pretty, gzip-compressed or through
//!   `bundle::encode`, sometimes damaged byte-wise, read from memory or from a file, and imported
//!   into a new file or over an existing one;
//! - command lines: the real subcommands and flags, with hostile values (the data file, its
//!   backups and their folder, existing files, folders as outputs; years 0/1944/2201/-1, ids
//!   0/-1/huge, numbers 0/10000, 31/02/2023), run as the real program in a folder of their own.
//!
//! Every case ends in success or a clean Vietnamese error: never a panic, a half-written file, nor
//! (when it failed) a changed data file. Each test prints how many cases reached the code under
//! test (`--nocapture`) and fails below a floor. `KHOITHIDUA_FUZZ_CASES=2000 cargo test --release
//! --test fuzz` is the long run (the default counts keep the debug run well under a minute).

use clap::Parser;
use khoithidua::cli::Cli;
use khoithidua::store::backup::{list_backups, BEFORE_IMPORT};
use khoithidua::store::bundle::{
    checksum_v2, counts_of, decode, encode, import, read_file, Bundle, BundleError, Content,
};
use khoithidua::store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// One test at a time: a program started by the command-line test holds, between its fork and its
/// exec, a copy of every lock the bundle test holds at that moment, which then sees its own file
/// as in use.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// `KHOITHIDUA_FUZZ_CASES` (or proptest's own `PROPTEST_CASES`), else `default`.
fn cases(default: u32) -> u32 {
    ["KHOITHIDUA_FUZZ_CASES", "PROPTEST_CASES"]
        .iter()
        .find_map(|k| std::env::var(k).ok()?.parse().ok())
        .unwrap_or(default)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        // A failing case is printed, shrunk; nothing is written beside the sources.
        failure_persistence: None,
        max_shrink_time: 120_000,
        ..Config::default()
    })
}

/// Fails the test with proptest's report of the smallest failing case.
fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    if let Err(e) = runner(cases).run(&strategy, test) {
        panic!("{e}");
    }
}

macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err(TestCaseError::fail(format!($($msg)+)));
        }
    };
}

/// Letters only Vietnamese has (lower case).
const VIETNAMESE: &str = "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";

/// A message for the user: Vietnamese in its own words (what it quotes, “…”, aside), and nothing of
/// a panic, of Rust's debug output or of serde's English.
fn clean_vietnamese(msg: &str) -> Result<(), TestCaseError> {
    let mut own = String::new();
    let mut depth = 0u32;
    for c in msg.chars() {
        match c {
            '\u{201c}' => depth += 1,
            '\u{201d}' => depth = depth.saturating_sub(1),
            c if depth == 0 => own.extend(c.to_lowercase()),
            _ => {}
        }
    }
    ensure!(
        own.chars().any(|c| VIETNAMESE.contains(c)),
        "not a Vietnamese message: {msg:?}"
    );
    for leak in [
        "panicked",
        "RUST_BACKTRACE",
        "called `",
        "Error {",
        "Custom {",
        "invalid type: ",
        "missing field `",
        "unknown variant `",
    ] {
        ensure!(!msg.contains(leak), "{leak:?} in the message: {msg:?}");
    }
    Ok(())
}

/// Every file under `dir` (relative path → bytes).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap_or_default(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Names a killed or failed writer would leave: export and creation temporaries, a half-built
/// import, a half-copied restore, a half-written backup.
fn temporary(name: &str) -> bool {
    name.contains(".tmp") || name.contains("nhan-ban-giao-") || name.contains(".khoi-phuc")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Bundles
// ---------------------------------------------------------------------------------------------

/// The valid bundles the cases start from: the demo, and two small synthetic blocs (40 criteria).
fn bases() -> &'static [Value] {
    static B: OnceLock<Vec<Value>> = OnceLock::new();
    B.get_or_init(|| {
        let bundle = |fill: &dyn Fn(&mut Store)| {
            let mut s = Store::open_in_memory().unwrap();
            fill(&mut s);
            serde_json::to_value(s.export_bundle("2022-12-31T08:00:00+07:00").unwrap()).unwrap()
        };
        vec![
            bundle(&|s| drop(khoithidua::demo::write_demo(s).unwrap())),
            bundle(&|s| khoithidua::demo::write_synthetic(s, 1, 4).unwrap()),
            bundle(&|s| khoithidua::demo::write_synthetic(s, 2, 5).unwrap()),
        ]
    })
}

/// A data file holding the demo, as bytes: the file an import replaces; and its counts.
fn demo_file() -> &'static (Vec<u8>, khoithidua::store::Counts) {
    static F: OnceLock<(Vec<u8>, khoithidua::store::Counts)> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mẫu.sqlite");
        khoithidua::app::files::write_demo_file(&path).unwrap();
        let counts = Store::open_for_check(&path).unwrap().0.counts().unwrap();
        (std::fs::read(&path).unwrap(), counts)
    })
}

/// A number: `Fits` are whole numbers that fit every integer field (their range is the domain's
/// to refuse) or, for a fractional field, fractions; `Wild` anything JSON can hold.
#[derive(Debug, Clone, Copy)]
enum Num {
    Fits(usize),
    Wild(usize),
}

const FITTING: [i64; 12] = [0, 1, 2, 3, 1944, 1945, 2200, 2201, 9999, 10000, 100_000, 2_147_483_647];
const FRACTIONS: [f64; 8] = [0.0, 0.004, 0.005, 0.01, 100.001, 1000.0, 1e9, 99_999_999.99];

fn wild(i: usize) -> Value {
    let v: [Value; 9] = [
        (-1).into(),
        (-2_147_483_649_i64).into(),
        2_147_483_648_i64.into(),
        4_294_967_296_i64.into(),
        i64::MAX.into(),
        u64::MAX.into(),
        (-0.01).into(),
        1e300.into(),
        (-9_007_199_254_740_993_i64).into(),
    ];
    v[i % v.len()].clone()
}

/// Hostile text; `Nfd` decomposes the text that was there.
#[derive(Debug, Clone, Copy)]
enum Text {
    Nfd,
    Fixed(usize),
    Huge(usize),
}

const HOSTILE: [&str; 16] = [
    "",
    "   ",
    "a\u{0}b",
    "\u{7}\u{8}\u{1b}[2J\u{1b}]0;tiêu đề\u{7}",
    "dòng một\r\ndòng hai\tcột",
    "\u{202e}đảo chiều\u{200f}\u{200b}",
    "\u{feff}BOM ở đầu",
    "\u{fffd}\u{fffd}",
    "🏆 Cờ thi đua 🇻🇳",
    "'; DROP TABLE units; --",
    "%s %n {0} {} $(rm -rf /)",
    "../../../etc/passwd",
    "<w:t>xml</w:t>&amp;<row/>",
    "\u{301}dấu đứng đầu",
    "CON",
    "Hà Nội\u{0}\u{1f}",
];

fn huge(i: usize) -> String {
    match i % 3 {
        0 => "ư".repeat(70_000),
        1 => "Công an tỉnh ".repeat(8_000),
        _ => "x".repeat(200_000),
    }
}

/// An edit of a bundle's content; indices pick among the candidates the content has when the edit
/// is applied (modulo their number).
#[derive(Debug, Clone)]
enum Edit {
    /// A number (not an id nor a reference) set to another; a record's year moves its whole
    /// year.
    Number(usize, Num),
    /// A text (not a date, a time nor a variant's name) replaced.
    Text(usize, Text),
    /// A reference to a unit, conference or proposal pointed at an id that does not exist
    /// (`Missing`) or at the k-th unit.
    Reference(usize, Ref),
    /// Two dates swapped.
    SwapDates(usize, usize),
    /// A date made impossible or out of range.
    Date(usize, usize),
    /// A record written twice (see `apply` for how it is chosen).
    Duplicate(usize, usize),
    /// A record removed.
    Remove(usize, usize),
    /// Any value replaced by one of another type, mostly null.
    WrongType(usize, usize),
}

#[derive(Debug, Clone, Copy)]
enum Ref {
    Missing(i64),
    Unit(usize),
}

const BAD_DATES: [&str; 8] = [
    "2023-02-31",
    "1944-12-31",
    "2201-01-01",
    "0000-01-01",
    "2022-13-01",
    "31/02/2023",
    "2022-2-3",
    "+10000-01-01",
];

/// Keys whose numbers name a unit, a conference or a proposal.
const REFERENCES: [&str; 9] = [
    "unit",
    "host_unit",
    "head",
    "deputy",
    "merged_into",
    "conference",
    "decided_at",
    "signing_conference",
    "proposal",
];

#[derive(Debug, Clone, Copy)]
enum Form {
    Compact,
    Pretty,
    Gzip,
    /// Through `bundle::encode` when the edited value is still a `Bundle`.
    Encoded {
        gzip: bool,
    },
}

#[derive(Debug, Clone)]
enum Damage {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    /// A new file.
    New,
    /// An existing data file, replaced (`--force`).
    Replace,
    /// An existing data file, without `--force`: always refused.
    Existing,
}

#[derive(Debug, Clone)]
struct BundleCase {
    base: usize,
    edits: Vec<Edit>,
    /// `manifest.counts`, `.years` and `.bloc` recomputed from the edited content.
    recount: bool,
    /// The checksum recomputed.
    reseal: bool,
    form: Form,
    damage: Option<Damage>,
    from_file: bool,
    target: Target,
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = any::<usize>;
    prop_oneof![
        7 => (i(), prop_oneof![6 => i().prop_map(Num::Fits), 1 => i().prop_map(Num::Wild)])
            .prop_map(|(a, n)| Edit::Number(a, n)),
        8 => (i(), prop_oneof![
                2 => Just(Text::Nfd),
                5 => i().prop_map(Text::Fixed),
                1 => i().prop_map(Text::Huge),
            ])
            .prop_map(|(a, t)| Edit::Text(a, t)),
        3 => (i(), prop_oneof![
                1 => prop::sample::select(vec![0i64, -1, 999_999, i64::MAX]).prop_map(Ref::Missing),
                2 => i().prop_map(Ref::Unit),
            ])
            .prop_map(|(a, r)| Edit::Reference(a, r)),
        2 => (i(), i()).prop_map(|(a, b)| Edit::SwapDates(a, b)),
        1 => (i(), i()).prop_map(|(a, b)| Edit::Date(a, b)),
        2 => (i(), i()).prop_map(|(a, b)| Edit::Duplicate(a, b)),
        3 => (i(), i()).prop_map(|(a, b)| Edit::Remove(a, b)),
        2 => (i(), i()).prop_map(|(a, b)| Edit::WrongType(a, b)),
    ]
}

fn bundle_case() -> impl Strategy<Value = BundleCase> {
    (
        prop_oneof![3 => Just(0usize), 1 => Just(1usize), 1 => Just(2usize)],
        prop_oneof![
            1 => Just(0usize..1),
            7 => Just(1usize..2),
            2 => Just(2usize..4),
        ]
        .prop_flat_map(|n| prop::collection::vec(edit(), n)),
        prop::bool::weighted(0.95),
        prop::bool::weighted(0.94),
        prop_oneof![
            Just(Form::Compact),
            Just(Form::Pretty),
            Just(Form::Gzip),
            any::<bool>().prop_map(|gzip| Form::Encoded { gzip }),
        ],
        prop::option::weighted(
            0.04,
            prop_oneof![
                any::<usize>().prop_map(Damage::Truncate),
                (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Flip(i, b)),
                (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, b)| Damage::Insert(i, b)),
            ],
        ),
        any::<bool>(),
        prop_oneof![6 => Just(Target::New), 3 => Just(Target::Replace), 1 => Just(Target::Existing)],
    )
        .prop_map(
            |(base, edits, recount, reseal, form, damage, from_file, target)| BundleCase {
                base,
                edits,
                recount,
                reseal,
                form,
                damage,
                from_file,
                target,
            },
        )
}

/// Every node under `v` with its JSON pointer.
fn nodes<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    let esc = |k: &str| k.replace('~', "~0").replace('/', "~1");
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| nodes(x, format!("{at}/{}", esc(k)), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| nodes(x, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push((at, v));
}

/// A time ("08:00:00") or a variant's name ("YearEnd"): text whose replacement the format refuses
/// (that is `WrongType`'s and `Date`'s business).
fn is_formatted(s: &str) -> bool {
    let time = s.len() >= 5 && s.bytes().all(|b| b.is_ascii_digit() || b == b':') && s.contains(':');
    let variant = s.starts_with(|c: char| c.is_ascii_uppercase()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
    time || variant
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && s.chars().filter(char::is_ascii_digit).count() == 8
}

/// The last key of a pointer and the one before it.
fn keys(ptr: &str) -> (&str, &str) {
    let mut it = ptr.rsplit('/');
    (it.next().unwrap_or(""), it.next().unwrap_or(""))
}

fn is_reference(ptr: &str, v: &Value) -> bool {
    let (last, parent) = keys(ptr);
    v.is_number()
        && (REFERENCES.contains(&last) || ((parent == "members" || parent == "order") && last.parse::<usize>().is_ok()))
}

fn unit_ids(v: &Value) -> Vec<i64> {
    v["content"]["units"]
        .as_array()
        .map(|a| a.iter().filter_map(|u| u["id"].as_i64()).collect())
        .unwrap_or_default()
}

/// Applies one edit to the bundle `v` (only under `content`).
fn apply(v: &mut Value, e: &Edit) {
    let all = {
        let mut out = Vec::new();
        nodes(&v["content"], "/content".into(), &mut out);
        out.into_iter().map(|(p, x)| (p, x.clone())).collect::<Vec<_>>()
    };
    // A field first (every kind of field as likely, however many records have it: the score
    // sheets' cells would take most edits otherwise), then one of its records.
    let pick = |pred: &dyn Fn(&str, &Value) -> bool, i: usize| -> Option<(String, Value)> {
        let c: Vec<&(String, Value)> = all.iter().filter(|(p, x)| pred(p, x)).collect();
        let field = |p: &str| -> String {
            p.split('/')
                .map(|k| if k.parse::<usize>().is_ok() { "N" } else { k })
                .collect::<Vec<_>>()
                .join("/")
        };
        let fields: Vec<String> = c
            .iter()
            .map(|(p, _)| field(p))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let f = fields.get(i % fields.len().max(1))?;
        let of: Vec<&&(String, Value)> = c.iter().filter(|(p, _)| field(p) == *f).collect();
        Some((*of[(i / fields.len()) % of.len()]).clone())
    };
    let set = |v: &mut Value, ptr: &str, x: Value| {
        if let Some(slot) = v.pointer_mut(ptr) {
            *slot = x;
        }
    };
    match *e {
        Edit::Number(i, n) => {
            // Ids and references are the business of `Reference`.
            let plain = |p: &str, x: &Value| x.is_number() && !is_reference(p, x) && keys(p).0 != "id";
            if let Some((p, old)) = pick(&plain, i) {
                let new = match n {
                    Num::Fits(k) if old.is_f64() => FRACTIONS[k % FRACTIONS.len()].into(),
                    Num::Fits(k) => FITTING[k % FITTING.len()].into(),
                    Num::Wild(k) => wild(k),
                };
                // A record's year is its year's: the year moves with all it holds, else the
                // reference check refuses it before the import sees the new year.
                let year = p.strip_prefix("/content/years/").and_then(|r| r.split_once('/'));
                match year {
                    Some((k, _)) if keys(&p).0 == "year" => {
                        let within = format!("/content/years/{k}");
                        for (q, x) in &all {
                            let inside = q.starts_with(&format!("{within}/")) || *q == within;
                            if inside && keys(q).0 == "year" && x.is_number() {
                                set(v, q, new.clone());
                            }
                        }
                    }
                    _ => set(v, &p, new),
                }
            }
        }
        Edit::Text(i, t) => {
            let text = |_: &str, x: &Value| x.as_str().is_some_and(|s| !is_date(s) && !is_formatted(s));
            if let Some((p, old)) = pick(&text, i) {
                let new = match t {
                    Text::Nfd => {
                        use unicode_normalization::UnicodeNormalization;
                        old.as_str().unwrap_or("").nfd().collect::<String>()
                    }
                    Text::Fixed(k) => HOSTILE[k % HOSTILE.len()].to_string(),
                    Text::Huge(k) => huge(k),
                };
                set(v, &p, new.into());
            }
        }
        Edit::Reference(i, r) => {
            if let Some((p, _)) = pick(&|p, x| is_reference(p, x), i) {
                let id = match r {
                    Ref::Missing(id) => id,
                    Ref::Unit(k) => {
                        let units = unit_ids(v);
                        units.get(k % units.len().max(1)).copied().unwrap_or(1)
                    }
                };
                set(v, &p, id.into());
            }
        }
        Edit::SwapDates(a, b) => {
            let date = |_: &str, x: &Value| x.as_str().is_some_and(is_date);
            if let (Some((pa, da)), Some((pb, db))) = (pick(&date, a), pick(&date, b)) {
                set(v, &pa, db);
                set(v, &pb, da);
            }
        }
        Edit::Date(i, k) => {
            if let Some((p, _)) = pick(&|_, x| x.as_str().is_some_and(is_date), i) {
                set(v, &p, BAD_DATES[k % BAD_DATES.len()].into());
            }
        }
        Edit::Duplicate(i, j) | Edit::Remove(i, j) => {
            // Half the time a kind of list first, half the time any record of any list (most
            // records are a score sheet's cells).
            let listed = |_: &str, x: &Value| x.as_array().is_some_and(|a| !a.is_empty());
            let (p, j) = if i % 2 == 0 {
                match pick(&listed, i / 2) {
                    Some((p, _)) => (p, j),
                    None => return,
                }
            } else {
                let records: Vec<(&String, usize)> = all
                    .iter()
                    .filter(|(p, x)| listed(p, x))
                    .flat_map(|(p, x)| (0..x.as_array().map_or(0, Vec::len)).map(move |k| (p, k)))
                    .collect();
                match records.get(j % records.len().max(1)) {
                    Some((p, k)) => ((*p).clone(), *k),
                    None => return,
                }
            };
            if let Some(a) = v.pointer_mut(&p).and_then(Value::as_array_mut) {
                let j = j % a.len();
                if matches!(e, Edit::Duplicate(..)) {
                    let x = a[j].clone();
                    a.insert(j + 1, x);
                } else {
                    a.remove(j);
                }
            }
        }
        Edit::WrongType(i, k) => {
            if let Some((p, old)) = pick(&|p, _| p.matches('/').count() > 2, i) {
                let others: Vec<Value> = [
                    Value::Null,
                    true.into(),
                    "chuỗi".into(),
                    Value::Array(vec![]),
                    Value::Object(Default::default()),
                    1.5.into(),
                ]
                .into_iter()
                .filter(|x| std::mem::discriminant(x) != std::mem::discriminant(&old))
                .collect();
                // Null most often: an optional value left out gets past the format.
                set(
                    v,
                    &p,
                    others.get(k % (others.len() + 3)).cloned().unwrap_or(Value::Null),
                );
            }
        }
    }
}

/// References of the content to units, conferences or proposals that it does not hold.
fn dangling(v: &Value) -> Vec<String> {
    let c = &v["content"];
    let ids = |list: &str| -> BTreeSet<i64> {
        c["years"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|y| y[list].as_array().into_iter().flatten())
            .filter_map(|x| x["id"].as_i64())
            .collect()
    };
    let (units, conferences, proposals): (BTreeSet<i64>, _, _) =
        (unit_ids(v).into_iter().collect(), ids("conferences"), ids("proposals"));
    let mut all = Vec::new();
    nodes(c, "/content".into(), &mut all);
    all.into_iter()
        .filter(|(p, x)| is_reference(p, x))
        .filter_map(|(p, x)| {
            let id = x.as_i64()?;
            let known = match keys(&p).0 {
                "conference" | "decided_at" | "signing_conference" => &conferences,
                "proposal" => &proposals,
                _ => &units,
            };
            (!known.contains(&id)).then(|| format!("{p} = {id}"))
        })
        .collect()
}

/// What a case must come to, known without the code under test.
#[derive(Debug, Default)]
struct Expect {
    /// Why reading the bundle must refuse it (its checksum or its counts do not match).
    unreadable: Option<String>,
    /// Why the bundle must be refused, by reading it or by the import.
    refused: Option<String>,
    /// The valid bundle, untouched: it must import, and export back equal.
    untouched: bool,
}

/// The bytes of a case, and what must come of them.
fn make(case: &BundleCase) -> (Vec<u8>, Expect) {
    let base = &bases()[case.base % bases().len()];
    let mut v = base.clone();
    for e in &case.edits {
        apply(&mut v, e);
    }
    let mut expect = Expect::default();
    let content: Option<Content> = serde_json::from_value(v["content"].clone()).ok();
    if let (true, Some(c)) = (case.recount, &content) {
        let m = &mut v["manifest"];
        m["counts"] = serde_json::to_value(counts_of(c)).unwrap();
        let years: BTreeSet<i32> = c.years.iter().map(|y| y.year).collect();
        m["years"] = serde_json::to_value(years).unwrap();
        m["bloc"] = c.bloc.name.clone().into();
    }
    if let Some(c) = &content {
        let counts: Option<BTreeMap<String, u64>> = serde_json::from_value(v["manifest"]["counts"].clone()).ok();
        if counts.is_some_and(|m| m != counts_of(c)) {
            expect.unreadable = Some("manifest.counts differ from the content".into());
        }
    }
    if case.reseal {
        v["manifest"]["checksum"] = checksum_v2(&v).into();
    } else if checksum_v2(&v) != base["manifest"]["checksum"].as_str().unwrap_or("") {
        expect.unreadable = Some("changed without a new checksum".into());
    }
    let refs = dangling(&v);
    if !refs.is_empty() {
        expect.refused = Some(format!("references to nothing: {refs:?}"));
    }
    let mut bytes = match case.form {
        Form::Compact => serde_json::to_vec(&v).unwrap(),
        Form::Pretty => serde_json::to_vec_pretty(&v).unwrap(),
        Form::Gzip => gzip(&serde_json::to_vec(&v).unwrap()),
        Form::Encoded { gzip: gz } => match serde_json::from_value::<Bundle>(v.clone()) {
            Ok(mut b) => {
                if case.reseal {
                    b.manifest.checksum = checksum_v2(&serde_json::to_value(&b).unwrap());
                }
                encode(&b, gz)
            }
            Err(_) if gz => gzip(&serde_json::to_vec(&v).unwrap()),
            Err(_) => serde_json::to_vec(&v).unwrap(),
        },
    };
    expect.untouched = case.edits.is_empty() && case.damage.is_none() && case.target != Target::Existing;
    if case.target == Target::Existing {
        expect.refused = Some("the target exists and may not be replaced".into());
    }
    match &case.damage {
        None => {}
        Some(Damage::Truncate(i)) => bytes.truncate(i % bytes.len()),
        Some(Damage::Flip(i, x)) => {
            let n = bytes.len();
            bytes[i % n] ^= x | 1;
        }
        Some(Damage::Insert(i, ins)) => {
            let at = i % bytes.len();
            bytes.splice(at..at, ins.iter().copied());
        }
    }
    (bytes, expect)
}

/// How far the bundle cases got.
#[derive(Default)]
struct BundleReach {
    cases: AtomicU32,
    gzip: AtomicU32,
    /// Past JSON, structure and checksum: into the counts and references check.
    checked: AtomicU32,
    /// Past that check too: into `import`.
    decoded: AtomicU32,
    imported: AtomicU32,
    /// Import refusals by kind: a record refused as it was saved; the file refused as `check`
    /// would; the target.
    refused: std::sync::Mutex<BTreeMap<&'static str, u32>>,
}

fn bundle_case_runs(case: BundleCase, reach: &BundleReach) -> Result<(), TestCaseError> {
    let (bytes, expect) = make(&case);
    reach.cases.fetch_add(1, Relaxed);
    if bytes.starts_with(&[0x1f, 0x8b]) {
        reach.gzip.fetch_add(1, Relaxed);
    }
    let dir = tempfile::tempdir().unwrap();
    let decoded = if case.from_file {
        let input = dir.path().join(if bytes.starts_with(&[0x1f, 0x8b]) {
            "bàn giao.json.gz"
        } else {
            "bàn giao.json"
        });
        std::fs::write(&input, &bytes).unwrap();
        read_file(&input)
    } else {
        decode(&bytes)
    };
    if matches!(
        &decoded,
        Ok(_) | Err(BundleError::Inconsistent(_) | BundleError::CountsDiffer { .. } | BundleError::MissingCount { .. })
    ) {
        reach.checked.fetch_add(1, Relaxed);
    }
    let bundle = match decoded {
        Err(e) => {
            clean_vietnamese(&e.to_string())?;
            ensure!(!expect.untouched, "the valid bundle was refused: {e}");
            return Ok(());
        }
        Ok(b) => b,
    };
    reach.decoded.fetch_add(1, Relaxed);
    if let (Some(why), None) = (&expect.unreadable, &case.damage) {
        return Err(TestCaseError::fail(format!("read as valid, yet {why}")));
    }
    let target = dir.path().join("nhận.sqlite");
    if case.target != Target::New {
        std::fs::write(&target, &demo_file().0).unwrap();
    }
    let before = snapshot(dir.path());
    match import(&bundle, &target, case.target == Target::Replace) {
        Err(e) => {
            let kind = match &e {
                BundleError::Record { .. } | BundleError::Store(_) => "a record refused",
                BundleError::Problems(_) => "refused as `check` would",
                BundleError::Exists(_) | BundleError::Target(_) => "the target",
                _ => "other",
            };
            *reach.refused.lock().unwrap().entry(kind).or_default() += 1;
            clean_vietnamese(&e.to_string())?;
            ensure!(!expect.untouched, "the valid bundle was not imported: {e}");
            let after = snapshot(dir.path());
            ensure!(
                after == before,
                "a refused import changed the folder: {:?} became {:?}",
                before.keys().collect::<Vec<_>>(),
                after.keys().collect::<Vec<_>>()
            );
        }
        Ok(()) => {
            reach.imported.fetch_add(1, Relaxed);
            let unreadable = expect.unreadable.as_ref().filter(|_| case.damage.is_none());
            if let Some(why) = expect.refused.as_ref().or(unreadable) {
                return Err(TestCaseError::fail(format!("imported, yet {why}")));
            }
            let (s, _, integrity) = Store::open_for_check(&target).map_err(|e| TestCaseError::fail(e.to_string()))?;
            ensure!(integrity == "ok", "imported file: {integrity}");
            ensure!(
                s.health().unwrap().foreign_key_errors == 0,
                "imported file: foreign keys"
            );
            let problems = s.all_problems().unwrap();
            ensure!(problems.is_empty(), "imported a file `check` refuses: {problems:?}");
            let back = s.export_bundle("2022-12-31T08:00:00+07:00").unwrap();
            ensure!(
                counts_of(&back.content) == bundle.manifest.counts,
                "imported {:?}, the bundle holds {:?}",
                counts_of(&back.content),
                bundle.manifest.counts
            );
            if expect.untouched {
                ensure!(back.content == bundle.content, "the valid bundle imported with changes");
            }
            if case.target == Target::Replace {
                let kept = list_backups(&target)
                    .into_iter()
                    .filter(|b| b.reason == BEFORE_IMPORT)
                    .any(|b| {
                        Store::open_for_check(&b.path)
                            .is_ok_and(|(c, _, i)| i == "ok" && c.counts().unwrap() == demo_file().1)
                    });
                ensure!(kept, "the replaced file is in no backup");
            }
            let left: Vec<_> = snapshot(dir.path())
                .into_keys()
                .filter(|p| temporary(&p.to_string_lossy()))
                .collect();
            ensure!(left.is_empty(), "left behind: {left:?}");
        }
    }
    Ok(())
}

#[test]
fn bundle_import_never_panics_nor_leaves_half_a_file() {
    let _serial = serial();
    let reach = BundleReach::default();
    let t = Instant::now();
    run(cases(192), bundle_case(), |case| bundle_case_runs(case, &reach));
    let n = |a: &AtomicU32| a.load(Relaxed);
    let (cases, decoded) = (n(&reach.cases), n(&reach.decoded));
    eprintln!(
        "bundles: {cases} cases ({} gzip) in {:.1} s; {} ({:.0}%) past JSON, structure and checksum; {decoded} \
         ({:.0}%) past the counts and references too, into import: {} imported, {} refused by the import {:?}",
        n(&reach.gzip),
        t.elapsed().as_secs_f64(),
        n(&reach.checked),
        100.0 * f64::from(n(&reach.checked)) / f64::from(cases.max(1)),
        100.0 * f64::from(decoded) / f64::from(cases.max(1)),
        n(&reach.imported),
        decoded - n(&reach.imported),
        reach.refused.lock().unwrap(),
    );
    assert!(
        decoded * 10 >= cases * 6,
        "only {decoded} of {cases} bundle cases reached import"
    );
    assert!(n(&reach.gzip) * 5 >= cases, "too few gzip cases");
    assert!(
        n(&reach.imported) > 0 && n(&reach.imported) < decoded,
        "no import both succeeded and failed"
    );
}

// ---------------------------------------------------------------------------------------------
// Command lines
// ---------------------------------------------------------------------------------------------

const DATA: &str = "dữ liệu.sqlite";

/// The files every command-line case starts with (besides its junk file), as bytes.
struct Fixture {
    data: Vec<u8>,
    backup: (String, Vec<u8>),
    bundle: Vec<u8>,
    bundle_gz: Vec<u8>,
    draft: Vec<u8>,
}

/// The program, in `root` (its working folder and home: nothing of the user's is read or written).
fn program(root: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_khoithidua"));
    let home = root.join("home");
    let _ = std::fs::create_dir(&home);
    c.current_dir(root)
        .env("KHOITHIDUA_DATA", root.join(DATA))
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &home)
        .env("XDG_CONFIG_HOME", &home)
        .env("RUST_BACKTRACE", "0");
    c
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join(DATA);
        khoithidua::app::files::write_demo_file(&data).unwrap();
        let (bundle, bundle_gz) = {
            let s = Store::open(&data).unwrap(); // takes the day's backup
            let b = s.export_bundle("2022-12-31T08:00:00+07:00").unwrap();
            (encode(&b, false), encode(&b, true))
        };
        let o = program(dir.path())
            .args(["doc", "minutes", "--conference", "2", "--draft", "--data"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let b = list_backups(&data).into_iter().next().expect("the day's backup");
        Fixture {
            data: std::fs::read(&data).unwrap(),
            backup: (
                b.path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&b.path).unwrap(),
            ),
            bundle,
            bundle_gz,
            draft: o.stdout,
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ext {
    Pdf,
    Docx,
    Xlsx,
    Json,
    JsonGz,
    Txt,
    Sqlite,
    Bare,
}

impl Ext {
    const ALL: [Ext; 8] = [
        Ext::Pdf,
        Ext::Docx,
        Ext::Xlsx,
        Ext::Json,
        Ext::JsonGz,
        Ext::Txt,
        Ext::Sqlite,
        Ext::Bare,
    ];

    fn suffix(self) -> &'static str {
        match self {
            Ext::Pdf => ".pdf",
            Ext::Docx => ".docx",
            Ext::Xlsx => ".xlsx",
            Ext::Json => ".json",
            Ext::JsonGz => ".json.gz",
            Ext::Txt => ".txt",
            Ext::Sqlite => ".sqlite",
            Ext::Bare => "",
        }
    }
}

/// A path of a case's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum P {
    Data,
    /// The data file by another spelling: "./dữ liệu.sqlite".
    DataRelative,
    DataLock,
    /// The day's backup of the data file.
    Backup,
    /// The backups folder.
    Backups,
    /// A new file in the backups folder.
    InBackups(Ext),
    /// An empty folder.
    Dir,
    /// A file of random bytes named like a data file.
    Junk,
    Bundle,
    BundleGz,
    /// A document draft as `doc --draft` prints it.
    Draft,
    /// A file that exists, not ours.
    Existing(Ext),
    New(Ext),
    /// A file in a folder that does not exist.
    Missing,
}

impl P {
    fn path(self, root: &Path) -> PathBuf {
        match self {
            P::Data => root.join(DATA),
            P::DataRelative => Path::new(".").join(DATA),
            P::DataLock => root.join(format!("{DATA}.lock")),
            P::Backup => root.join("backups").join(&fixture().backup.0),
            P::Backups => root.join("backups"),
            P::InBackups(e) => root.join("backups").join(format!("xuất{}", e.suffix())),
            P::Dir => root.join("thư mục"),
            P::Junk => root.join("rác.sqlite"),
            P::Bundle => root.join("bàn giao.json"),
            P::BundleGz => root.join("bàn giao.json.gz"),
            P::Draft => root.join("nháp.json"),
            P::Existing(e) => root.join(format!("cũ{}", e.suffix())),
            P::New(e) => root.join(format!("mới{}", e.suffix())),
            P::Missing => root.join("không có").join("mới.pdf"),
        }
    }

    fn exists(self) -> bool {
        !matches!(self, P::New(_) | P::Missing | P::InBackups(_))
    }

    fn is_data(self) -> bool {
        matches!(self, P::Data | P::DataRelative)
    }
}

/// Writes the files of a case into `root`.
fn lay_out(root: &Path, junk: &[u8]) {
    let f = fixture();
    std::fs::write(P::Data.path(root), &f.data).unwrap();
    std::fs::create_dir(P::Backups.path(root)).unwrap();
    std::fs::write(P::Backup.path(root), &f.backup.1).unwrap();
    std::fs::create_dir(P::Dir.path(root)).unwrap();
    std::fs::write(P::Junk.path(root), junk).unwrap();
    std::fs::write(P::Bundle.path(root), &f.bundle).unwrap();
    std::fs::write(P::BundleGz.path(root), &f.bundle_gz).unwrap();
    std::fs::write(P::Draft.path(root), &f.draft).unwrap();
    for e in Ext::ALL {
        std::fs::write(P::Existing(e).path(root), format!("tệp cũ{}", e.suffix())).unwrap();
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Lit(&'static str),
    Path(P),
}

type Args = BoxedStrategy<Vec<Arg>>;

fn lits(v: &'static [&'static str]) -> BoxedStrategy<Arg> {
    prop::sample::select(v).prop_map(Arg::Lit).boxed()
}

/// `[flag, value]`, or nothing, with probability `p`.
fn maybe(p: f64, flag: &'static str, value: BoxedStrategy<Arg>) -> Args {
    prop::option::weighted(p, value)
        .prop_map(move |v| v.map_or_else(Vec::new, |v| vec![Arg::Lit(flag), v]))
        .boxed()
}

fn switch(p: f64, flag: &'static str) -> Args {
    prop::bool::weighted(p)
        .prop_map(move |on| if on { vec![Arg::Lit(flag)] } else { vec![] })
        .boxed()
}

fn cat(parts: Vec<Args>) -> Args {
    parts.prop_map(|v: Vec<Vec<Arg>>| v.concat()).boxed()
}

fn year() -> BoxedStrategy<Arg> {
    prop_oneof![
        12 => lits(&["2022", "2022", "2021", "2020"]),
        3 => lits(&["2023", "1945", "2200"]),
        2 => lits(&["0", "1944", "2201", "-1", "99999999999", "năm"]),
    ]
    .boxed()
}

fn id() -> BoxedStrategy<Arg> {
    prop_oneof![
        6 => lits(&["1", "2", "3", "4"]),
        3 => lits(&["0", "-1", "999999", "9223372036854775807"]),
        1 => lits(&["9223372036854775808", "một"]),
    ]
    .boxed()
}

fn number() -> BoxedStrategy<Arg> {
    prop_oneof![4 => lits(&["1", "7", "9999"]), 1 => lits(&["0", "10000", "-1", "x"])].boxed()
}

fn date() -> BoxedStrategy<Arg> {
    prop_oneof![
        4 => lits(&["16/12/2022", "18/02/2022", "29/02/2024"]),
        1 => lits(&["31/02/2023", "01/01/1944", "01/01/2201", "2022-12-16"]),
    ]
    .boxed()
}

fn path(choices: Vec<(u32, P)>) -> BoxedStrategy<Arg> {
    prop::strategy::Union::new_weighted(
        choices
            .into_iter()
            .map(|(w, p)| (w, Just(Arg::Path(p)).boxed()))
            .collect(),
    )
    .boxed()
}

/// Where a command writes: mostly a new file of the kind it writes (`fresh`), often a file or a
/// folder it must not replace.
fn out(fresh: Vec<(u32, Ext)>) -> BoxedStrategy<Arg> {
    let mut choices: Vec<(u32, P)> = fresh.iter().map(|&(w, e)| (w, P::New(e))).collect();
    // Named like the output it is, but in the backups folder.
    choices.extend(fresh.iter().map(|&(_, e)| (2, P::InBackups(e))));
    choices.extend([
        (1, P::New(Ext::Bare)),
        (1, P::New(Ext::Txt)),
        (1, P::Existing(Ext::Pdf)),
        (1, P::Existing(Ext::Docx)),
        (1, P::Existing(Ext::Xlsx)),
        (1, P::Existing(Ext::Json)),
        (1, P::Data),
        (1, P::DataRelative),
        (1, P::DataLock),
        (1, P::Backup),
        (1, P::Backups),
        (1, P::Dir),
        (1, P::Missing),
        (1, P::Junk),
        (1, P::Bundle),
        (1, P::Draft),
    ]);
    path(choices)
}

/// `KIND` and its flags: mostly the one the kind needs (a conference, a ballot, a year; the demo
/// has conferences 1–4 and ballots 1–3), sometimes others or none.
fn document(cmd: &'static str, scores: bool, extra: Vec<Args>) -> Args {
    let kinds: &'static [&'static str] = if scores {
        &["minutes", "ballot", "proposal", "pledge", "ranking", "scores", "scores"]
    } else {
        &["minutes", "ballot", "proposal", "pledge", "ranking"]
    };
    let flags = prop::sample::select(kinds)
        .prop_flat_map(|kind| {
            let need = |flag: &str| match (kind, flag) {
                ("minutes", "--conference") | ("ballot", "--ballot") => 0.85,
                ("minutes" | "ballot", "--year") => 0.15,
                (_, "--year") => 0.85,
                _ => 0.15,
            };
            cat(vec![
                Just(vec![Arg::Lit(kind)]).boxed(),
                maybe(need("--year"), "--year", year()),
                maybe(need("--conference"), "--conference", id()),
                maybe(need("--ballot"), "--ballot", id()),
            ])
        })
        .boxed();
    let mut parts = vec![
        Just(vec![Arg::Lit(cmd)]).boxed(),
        flags,
        maybe(0.25, "--number", number()),
        maybe(0.25, "--date", date()),
        switch(0.2, "--detailed"),
    ];
    parts.extend(extra);
    cat(parts)
}

fn command() -> Args {
    let json = || switch(0.4, "--json");
    let lit = |s: &'static str| Just(vec![Arg::Lit(s)]).boxed();
    prop_oneof![
        2 => cat(vec![
            lit("demo"),
            path(vec![
                (4, P::New(Ext::Sqlite)),
                (1, P::New(Ext::Bare)),
                (1, P::Existing(Ext::Sqlite)),
                (1, P::Data),
                (1, P::Backup),
                (1, P::Dir),
                (1, P::Missing),
                (1, P::InBackups(Ext::Sqlite)),
                (1, P::Junk),
            ])
            .prop_map(|p| vec![p])
            .boxed(),
            prop::option::weighted(
                0.3,
                (lits(&["1", "2", "0", "101", "-1"]), lits(&["2", "3", "4", "1", "501", "x"])),
            )
            .prop_map(|o| o.map_or_else(Vec::new, |(y, u)| vec![Arg::Lit("--years"), y, Arg::Lit("--units"), u]))
            .boxed(),
        ]),
        2 => cat(vec![
            lit("check"),
            prop::option::weighted(
                0.5,
                path(vec![(3, P::Data), (1, P::Junk), (1, P::Backup), (1, P::Missing), (1, P::Dir), (1, P::Bundle)]),
            )
            .prop_map(|p| p.into_iter().collect())
            .boxed(),
            json(),
        ]),
        2 => cat(vec![
            lit("list"),
            lits(&["units", "years", "conferences"]).prop_map(|w| vec![w]).boxed(),
            maybe(0.5, "--year", year()),
            json(),
        ]),
        3 => cat(vec![
            lits(&["ranking", "proposals", "rotation"]).prop_map(|w| vec![w]).boxed(),
            year().prop_map(|y| vec![Arg::Lit("--year"), y]).boxed(),
            json(),
        ]),
        1 => cat(vec![lit("ballot"), id().prop_map(|i| vec![Arg::Lit("--ballot"), i]).boxed(), json()]),
        6 => document(
            "pdf",
            false,
            vec![
                out(vec![(12, Ext::Pdf)]).prop_map(|o| vec![Arg::Lit("--out"), o]).boxed(),
                maybe(0.2, "--text", out(vec![(12, Ext::Txt)])),
            ],
        ),
        6 => document(
            "doc",
            true,
            vec![
                maybe(0.9, "--out", out(vec![(5, Ext::Pdf), (4, Ext::Docx), (4, Ext::Xlsx)])),
                switch(0.15, "--draft"),
                maybe(
                    0.15,
                    "--from-draft",
                    path(vec![(4, P::Draft), (1, P::Junk), (1, P::Bundle), (1, P::Missing), (1, P::Dir), (1, P::Data)]),
                ),
            ],
        ),
        3 => cat(vec![
            lit("export-bundle"),
            out(vec![(8, Ext::Json), (4, Ext::JsonGz)]).prop_map(|o| vec![Arg::Lit("--out"), o]).boxed(),
            switch(0.3, "--compress"),
        ]),
        3 => cat(vec![
            lit("import-bundle"),
            path(vec![
                (4, P::Bundle),
                (2, P::BundleGz),
                (1, P::Junk),
                (1, P::Data),
                (1, P::Backup),
                (1, P::Draft),
                (1, P::Dir),
                (1, P::Missing),
            ])
            .prop_map(|p| vec![p])
            .boxed(),
            switch(0.6, "--force"),
        ]),
        1 => lit("backup"),
        1 => lit("backups"),
        2 => cat(vec![
            lit("restore"),
            path(vec![(4, P::Backup), (1, P::Data), (1, P::Junk), (1, P::Bundle), (1, P::Missing), (1, P::Dir)])
                .prop_map(|p| vec![p])
                .boxed(),
        ]),
        1 => lit("bundle-schema"),
        1 => cat(vec![
            lit("write-stream"),
            year().prop_map(|y| vec![Arg::Lit("--year"), y]).boxed(),
            lits(&["0", "1", "3", "-1"]).prop_map(|n| vec![Arg::Lit("--count"), n]).boxed(),
            maybe(0.3, "--kinds", lits(&["all", "scores", "pledge", "activities", "tất cả"])),
        ]),
    ]
    .boxed()
}

/// Words in any order, as the previous fuzzer had them: mostly refused by the parser.
fn soup() -> Args {
    let word = prop_oneof![
        lits(&[
            "demo",
            "check",
            "list",
            "units",
            "years",
            "ranking",
            "ballot",
            "pdf",
            "doc",
            "minutes",
            "pledge",
            "export-bundle",
            "import-bundle",
            "backup",
            "restore",
            "--year",
            "2022",
            "-5",
            "--json",
            "--ballot",
            "1",
            "--conference",
            "--out",
            "--force",
            "--number",
            "--date",
            "31/02/2022",
            "--text",
            "--draft",
            "--from-draft",
            "",
        ]),
        path(vec![
            (1, P::Data),
            (1, P::Junk),
            (1, P::New(Ext::Pdf)),
            (1, P::Backups),
            (1, P::Bundle)
        ]),
    ];
    prop::collection::vec(word, 1..8).boxed()
}

#[derive(Debug, Clone)]
struct CliCase {
    args: Vec<Arg>,
    /// `--data`: `None` leaves the default, `KHOITHIDUA_DATA`, which is the data file.
    data: Option<P>,
    junk: Vec<u8>,
}

fn cli_case() -> impl Strategy<Value = CliCase> {
    (
        prop_oneof![6 => command(), 1 => soup()],
        prop_oneof![
            12 => Just(Some(P::Data)),
            2 => Just(None),
            1 => Just(Some(P::DataRelative)),
            1 => Just(Some(P::Junk)),
            1 => Just(Some(P::Backup)),
            1 => Just(Some(P::New(Ext::Sqlite))),
            1 => Just(Some(P::Dir)),
            1 => Just(Some(P::Missing)),
        ],
        prop::collection::vec(any::<u8>(), 0..300),
    )
        .prop_map(|(args, data, junk)| CliCase { args, data, junk })
}

/// Why a command line must fail, known without the code under test.
fn must_fail(case: &CliCase) -> Option<String> {
    let a = &case.args;
    let data = case.data.unwrap_or(P::Data);
    let value = |flag: &str| {
        a.windows(2).find_map(|w| match (&w[0], &w[1]) {
            (Arg::Lit(f), Arg::Path(p)) if *f == flag => Some(*p),
            _ => None,
        })
    };
    let has = |flag: &'static str| a.contains(&Arg::Lit(flag));
    let sub = a.iter().find_map(|x| match x {
        Arg::Lit(w) if !w.starts_with('-') => Some(*w),
        _ => None,
    })?;
    // `doc --draft` prints the draft and writes nothing.
    let writes = !(sub == "doc" && has("--draft"));
    let protected = |p: P| {
        matches!(
            p,
            P::Data | P::DataRelative | P::Backup | P::Backups | P::InBackups(_) | P::Dir
        ) || (p == P::DataLock && data.is_data())
            || p == data
            || (p.is_data() && data.is_data())
    };
    for flag in ["--out", "--text"] {
        if let Some(p) = value(flag).filter(|p| writes && protected(*p)) {
            return Some(format!("{flag} names {p:?}"));
        }
    }
    if let (Some(t), Some(o)) = (value("--text"), value("--out")) {
        if t == o {
            return Some("--text and --out name the same file".into());
        }
    }
    if let (Some(d), Some(o)) = (value("--from-draft"), value("--out")) {
        if d == o {
            return Some("--out names the draft being read".into());
        }
    }
    match (sub, a.get(1)) {
        ("demo", Some(Arg::Path(p))) if p.exists() => Some(format!("demo over {p:?}")),
        ("import-bundle", _) if !has("--force") && data.exists() => Some("import over a file without --force".into()),
        ("import-bundle", _) if data == P::Backup => Some("import over a backup copy".into()),
        _ => None,
    }
}

/// Whether a file written by a command is whole: a PDF to its end, a zip (.docx, .xlsx) with its
/// directory, a bundle that reads back, a data file that passes the integrity check, or text.
fn whole(path: &Path) -> Result<(), TestCaseError> {
    let b = std::fs::read(path).unwrap_or_default();
    let name = path.display();
    if b.starts_with(b"%PDF-") {
        ensure!(
            lopdf::Document::load_mem(&b).is_ok(),
            "{name}: a PDF that does not read"
        );
    } else if b.starts_with(b"PK\x03\x04") {
        let tail = &b[b.len().saturating_sub(65_600)..];
        ensure!(
            tail.windows(4).any(|w| w == b"PK\x05\x06"),
            "{name}: a zip without its end"
        );
    } else if b.starts_with(&[0x1f, 0x8b]) || b.starts_with(b"{") {
        ensure!(decode(&b).is_ok(), "{name}: a bundle that does not read");
    } else if b.starts_with(b"SQLite format 3\0") {
        let (_, _, integrity) = Store::open_for_check(path).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
        ensure!(integrity == "ok", "{name}: {integrity}");
    } else {
        ensure!(
            !b.is_empty() && std::str::from_utf8(&b).is_ok(),
            "{name}: neither a document nor text"
        );
    }
    Ok(())
}

/// SQLite's files beside a database ("-shm", "-wal"), lock files, and what the program keeps in
/// its home: not documents, not checked as such.
fn companion(p: &Path) -> bool {
    let s = p.to_string_lossy();
    s.ends_with(".lock") || s.ends_with("-shm") || s.ends_with("-wal") || s.starts_with("home/")
}

/// Files a failed command may leave: a backup taken on opening the data file, companions (an
/// empty WAL: one with frames would hold a change).
fn may_appear(root: &Path, p: &Path) -> bool {
    let s = p.to_string_lossy();
    let empty = std::fs::metadata(root.join(p)).is_ok_and(|m| m.len() == 0);
    (s.starts_with("backups/") && !temporary(&s)) || (companion(p) && (!s.ends_with("-wal") || empty))
}

#[derive(Default)]
struct CliReach {
    cases: AtomicU32,
    parsed: AtomicU32,
    succeeded: AtomicU32,
    /// Per subcommand (or the parser): cases, successes, refusals with a message.
    by_command: std::sync::Mutex<BTreeMap<String, (u32, u32, u32)>>,
}

fn cli_case_runs(case: CliCase, reach: &CliReach) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    lay_out(root, &case.junk);
    let mut args: Vec<std::ffi::OsString> = case
        .args
        .iter()
        .map(|a| match a {
            Arg::Lit(s) => (*s).into(),
            Arg::Path(p) => p.path(root).into_os_string(),
        })
        .collect();
    if let Some(d) = case.data {
        args.extend(["--data".into(), d.path(root).into_os_string()]);
    }
    let parsed = Cli::try_parse_from(std::iter::once("khoithidua".into()).chain(args.iter().cloned()));
    if matches!(&parsed, Ok(c) if c.command.is_none()) {
        return Ok(()); // would open the window
    }
    reach.cases.fetch_add(1, Relaxed);
    let sub = case
        .args
        .first()
        .map(|a| match a {
            Arg::Lit(s) => s.to_string(),
            Arg::Path(_) => "?".into(),
        })
        .unwrap_or_default();
    let before = snapshot(root);
    let outputs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (outputs.path().join("out"), outputs.path().join("err"));
    let mut child = program(root)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(TestCaseError::fail("still running after 60 s"));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let stdout = String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned();
    let code = status.code();
    let said = format!("{status}; stdout {stdout:?}; stderr {stderr:?}");
    ensure!(
        matches!(code, Some(0..=2)) && !stderr.contains("panicked"),
        "ended badly: {said}"
    );
    if parsed.is_ok() {
        reach.parsed.fetch_add(1, Relaxed);
    }
    let after = snapshot(root);
    {
        let mut m = reach.by_command.lock().unwrap();
        let e = m
            .entry(if parsed.is_ok() {
                sub.clone()
            } else {
                "(refused by the parser)".into()
            })
            .or_default();
        e.0 += 1;
        e.1 += u32::from(code == Some(0));
        e.2 += u32::from(code != Some(0));
    }
    let left: Vec<_> = after.keys().filter(|p| temporary(&p.to_string_lossy())).collect();
    ensure!(left.is_empty(), "left behind: {left:?}; {said}");
    match code {
        Some(2) => {
            ensure!(parsed.is_err(), "the parser accepted it, the program did not: {said}");
            ensure!(stderr.starts_with("Lỗi: lệnh không hợp lệ"), "{said}");
            ensure!(after == before, "a refused command line changed files: {said}");
        }
        Some(0) => {
            reach.succeeded.fetch_add(1, Relaxed);
            ensure!(parsed.is_ok(), "the parser refused it, the program did not: {said}");
            if let Some(why) = must_fail(&case) {
                return Err(TestCaseError::fail(format!("succeeded, yet {why}: {said}")));
            }
            let old: BTreeSet<&Vec<u8>> = before.values().collect();
            for (p, bytes) in &after {
                // A copy of a file that was there (a damaged file kept aside) is as whole as it was.
                if before.get(p) != Some(bytes) && !companion(p) && !old.contains(bytes) {
                    whole(&root.join(p)).map_err(|e| TestCaseError::fail(format!("{e}; {said}")))?;
                }
            }
            if P::Data.path(root).exists() {
                whole(&P::Data.path(root))?;
            }
        }
        _ => {
            ensure!(parsed.is_ok(), "the parser refused it, yet exit code 1: {said}");
            match stderr.lines().find_map(|l| l.strip_prefix("Lỗi: ")) {
                Some(msg) => clean_vietnamese(msg).map_err(|e| TestCaseError::fail(format!("{e}; {said}")))?,
                None => ensure!(sub == "check" && !stdout.is_empty(), "failed without a message: {said}"),
            }
            for (p, bytes) in &before {
                ensure!(
                    after.get(p) == Some(bytes),
                    "a failed command changed or removed {}: {said}",
                    p.display()
                );
            }
            for p in after.keys().filter(|p| !before.contains_key(*p)) {
                ensure!(may_appear(root, p), "a failed command left {}: {said}", p.display());
            }
        }
    }
    Ok(())
}

#[test]
fn the_command_line_never_panics_nor_harms_a_file() {
    let _serial = serial();
    let reach = CliReach::default();
    let t = Instant::now();
    run(cases(128), cli_case(), |case| cli_case_runs(case, &reach));
    let n = |a: &AtomicU32| a.load(Relaxed);
    let (cases, parsed) = (n(&reach.cases), n(&reach.parsed));
    eprintln!(
        "command lines: {cases} cases in {:.1} s; {parsed} ({:.0}%) past parsing into the command, {} succeeded",
        t.elapsed().as_secs_f64(),
        100.0 * f64::from(parsed) / f64::from(cases.max(1)),
        n(&reach.succeeded),
    );
    for (c, (all, ok, failed)) in reach.by_command.lock().unwrap().iter() {
        eprintln!("  {c:<26} {all:>4} cases: {ok:>4} succeeded, {failed:>4} refused with a message");
    }
    assert!(
        parsed * 2 >= cases,
        "only {parsed} of {cases} command lines got past parsing"
    );
    // About 30% succeed: enough to check what they write.
    assert!(n(&reach.succeeded) * 8 >= cases, "too few command lines succeeded");
}
