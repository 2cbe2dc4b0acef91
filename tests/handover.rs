//! The handover bundle: export then import gives back an equal record; bad bundles are refused
//! with a clear message and leave nothing behind.

mod common;

use common::sha256;
use khoithidua::store::bundle::{checksum_v2, decode, encode, import, read_file, schema_json, Bundle, BundleError};
use khoithidua::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;

const WHEN: &str = "2022-12-31T08:00:00+07:00";

fn demo_bundle() -> Bundle {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s.export_bundle(WHEN).unwrap()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Rows of `settings` that belong to one data file, not to the record it holds: its identity
/// (each file has its own, which its backups are matched against). No column is left out: the
/// bundle keeps every date and time of the record (an issued document's time of issue included).
const FILE_SETTINGS: [&str; 1] = ["file_id"];

/// Every table of the data file at `path`, each as its sorted rows of values (each value named by
/// its column), read with SQLite directly: what the store holds, whatever the bundle says.
fn tables(path: &Path) -> std::collections::BTreeMap<String, Vec<Vec<String>>> {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let names: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names
        .into_iter()
        .map(|t| {
            let columns: Vec<String> = c
                .prepare(&format!("SELECT name FROM pragma_table_info('{t}') ORDER BY cid"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let list = columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut rows: Vec<Vec<String>> = c
                .prepare(&format!("SELECT {list} FROM \"{t}\""))
                .unwrap()
                .query_map([], |r| {
                    (0..columns.len())
                        .map(|i| {
                            r.get_ref(i).map(|v| match v {
                                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                                rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                                rusqlite::types::ValueRef::Real(f) => format!("{f:?}"),
                                rusqlite::types::ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                                rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
                            })
                        })
                        .collect()
                })
                .unwrap()
                .map(Result::unwrap)
                .filter(|row: &Vec<String>| {
                    !(t == "settings" && FILE_SETTINGS.iter().any(|k| row[0] == format!("{k:?}")))
                })
                .map(|row: Vec<String>| columns.iter().zip(row).map(|(c, v)| format!("{c}={v}")).collect())
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// The stores at `a` and `b` hold the same rows, table by table.
fn assert_same_tables(a: &Path, b: &Path) {
    let (ta, tb) = (tables(a), tables(b));
    assert_eq!(
        ta.keys().collect::<Vec<_>>(),
        tb.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (t, rows) in &ta {
        let other = &tb[t];
        if rows != other {
            let missing: Vec<&Vec<String>> = rows.iter().filter(|r| other.binary_search(r).is_err()).collect();
            let extra: Vec<&Vec<String>> = other.iter().filter(|r| rows.binary_search(r).is_err()).collect();
            // A row changed on the way: the same first column (its key) on both sides.
            let changed: Vec<String> = missing
                .iter()
                .filter_map(|m| {
                    let e = extra.iter().find(|e| e[0] == m[0])?;
                    let diff: Vec<String> = m
                        .iter()
                        .zip(e.iter())
                        .filter(|(a, b)| a != b)
                        .map(|(a, b)| format!("{a} became {b}"))
                        .collect();
                    Some(format!("{}: {}", m[0], diff.join(", ")))
                })
                .take(5)
                .collect();
            panic!(
                "table {t}: {} rows in the source, {} after the handover, {} differ; changed: {changed:#?}; \
                 first lost {:?}; first new {:?}",
                rows.len(),
                other.len(),
                missing.len(),
                missing.first(),
                extra.first()
            );
        }
    }
}

/// Exports the store at `source`, imports the bundle into a new file: the new file holds what the
/// source held, table by table, and exporting it again gives the same bundle.
fn round_trip(source: &Path, compress: bool) -> Bundle {
    let bundle = Store::open(source).unwrap().export_bundle(WHEN).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nhận bàn giao.sqlite");
    let bytes = encode(&bundle, compress);
    assert_eq!(bytes.starts_with(&[0x1f, 0x8b]), compress);
    let decoded = decode(&bytes).unwrap();
    assert_eq!(decoded, bundle);
    import(&decoded, &target, false).unwrap();
    assert_same_tables(source, &target);
    let again = Store::open(&target).unwrap().export_bundle(WHEN).unwrap();
    assert_eq!(
        again.content, bundle.content,
        "export then import gives back an equal record"
    );
    assert_eq!(again.manifest.counts, bundle.manifest.counts);
    assert_eq!(again.manifest.checksum, bundle.manifest.checksum);
    bundle
}

#[test]
fn demo_round_trip_plain_and_compressed() {
    let dir = tempfile::tempdir().unwrap();
    let source = common::demo_file(dir.path(), "bàn giao đi.sqlite");
    {
        // Documents issued before the handover: their numbers travel in the register.
        use khoithidua::app::exports::{make, DocRequest, ExportOptions};
        let mut s = Store::open(&source).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2022, 12, 22).unwrap();
        for req in [
            DocRequest::Minutes(1),
            DocRequest::BallotCount(1),
            DocRequest::Proposal(2022),
        ] {
            make(&mut s, &req, &ExportOptions::default(), today).unwrap();
        }
    }
    let b = round_trip(&source, false);
    assert_eq!(b.manifest.format, "khoithidua-handover");
    assert_eq!(b.manifest.years, vec![2020, 2021, 2022]);
    assert_eq!(b.manifest.counts["units"], 9);
    assert_eq!(b.manifest.counts["conferences"], 4);
    assert!(b.manifest.checksum.starts_with("sha256:"));
    round_trip(&source, true);
}

#[test]
fn thirty_year_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("ba mươi năm.sqlite");
    khoithidua::demo::write_synthetic(&mut Store::open(&source).unwrap(), 30, 50).unwrap();
    let b = round_trip(&source, true);
    assert_eq!(b.manifest.years.len(), 30);
    assert_eq!(b.manifest.counts["scores"], 30 * 50 * 40);
}

fn refused(bytes: &[u8]) -> BundleError {
    match decode(bytes) {
        Err(e) => e,
        Ok(_) => panic!("a bad bundle was accepted"),
    }
}

#[test]
fn a_changed_byte_fails_the_checksum() {
    let b = demo_bundle();
    let text = String::from_utf8(encode(&b, false)).unwrap();
    let tampered = text.replacen("\"votes\": 8", "\"votes\": 9", 1);
    assert_ne!(tampered, text);
    let e = refused(tampered.as_bytes());
    assert!(matches!(e, BundleError::Checksum));
    assert!(e.to_string().contains("Mã kiểm tra của tệp bàn giao không khớp"));
}

#[test]
fn truncated_and_foreign_files_are_not_bundles() {
    let b = demo_bundle();
    for compress in [false, true] {
        let bytes = encode(&b, compress);
        for cut in [1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            let e = refused(&bytes[..cut]);
            assert!(matches!(e, BundleError::NotABundle(_)), "cut at {cut}: {e:?}");
            assert!(e.to_string().starts_with("Tệp không phải là tệp bàn giao"));
        }
    }
    assert!(matches!(refused(b"{\"hello\": 1}"), BundleError::NotABundle(_)));
    assert!(matches!(refused(&[0u8, 159, 146, 150]), BundleError::NotABundle(_)));
}

#[test]
fn a_bundle_from_a_newer_format_is_refused() {
    let b = demo_bundle();
    let mut v: serde_json::Value = serde_json::from_slice(&encode(&b, false)).unwrap();
    v["manifest"]["format_version"] = 99.into();
    v["content"]["something_new"] = "x".into();
    let e = refused(&serde_json::to_vec(&v).unwrap());
    assert!(matches!(
        e,
        BundleError::NewerFormat {
            found: 99,
            supported: 2
        }
    ));
    assert!(e.to_string().contains("Hãy cập nhật phần mềm"));
}

#[test]
fn import_never_overwrites_unless_told_and_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("khối.sqlite");
    std::fs::write(&target, b"do not touch").unwrap();
    let b = demo_bundle();
    let e = import(&b, &target, false).unwrap_err();
    assert!(matches!(e, BundleError::Exists(_)));
    assert_eq!(std::fs::read(&target).unwrap(), b"do not touch");

    // A bundle whose content is consistent with its checksum but breaks a rule: nothing is created.
    let mut bad = b.clone();
    bad.content.years[2].conferences[0].title.clear();
    let fresh = dir.path().join("mới.sqlite");
    let e = import(&bad, &fresh, false).unwrap_err();
    assert!(e.to_string().contains("Tên hội nghị không được để trống"), "{e}");
    assert!(!fresh.exists());
    let mut left = leftovers(dir.path());
    left.sort();
    assert_eq!(left, vec!["khối.sqlite".to_string()], "no temporary file is left");

    // Told to overwrite, it replaces the file whole.
    import(&b, &target, true).unwrap();
    let s = Store::open(&target).unwrap();
    assert_eq!(s.years().unwrap(), vec![2020, 2021, 2022]);
}

#[test]
fn the_published_schema_matches_the_format() {
    let published = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/bundle.schema.json")).unwrap();
    assert_eq!(
        published,
        schema_json(),
        "docs/bundle.schema.json is stale: regenerate it with `khoithidua bundle-schema > docs/bundle.schema.json`"
    );
    let v: serde_json::Value = serde_json::from_str(&published).unwrap();
    assert_eq!(v["title"], "Bundle");
    assert!(v["$defs"]["Manifest"]["properties"]["checksum"].is_object());
}

// ---- Issue #9: nothing lost. Each test below failed on the first release's import. ----

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_khoithidua"))
}

fn side(p: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", p.display()))
}

/// The data file and its WAL, as bytes: what a writer has committed.
fn committed(p: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (sha256(p), side(p, "-wal").exists().then(|| sha256(&side(p, "-wal"))))
}

fn sorted_leftovers(dir: &Path) -> Vec<String> {
    let mut v = leftovers(dir);
    v.sort();
    v
}

fn one_activity(s: &mut Store, title: &str) -> i64 {
    let unit = s.members(2022).unwrap()[0];
    let mut a = khoithidua::domain::Activity {
        id: 0,
        year: 2022,
        date: None,
        kind: khoithidua::domain::ActivityKind::Other,
        title: title.into(),
        description: String::new(),
        contributions: vec![khoithidua::domain::Contribution {
            unit,
            amount: 1000,
            note: String::new(),
        }],
    };
    s.save_activity(&mut a).unwrap()
}

#[test]
fn force_never_replaces_a_file_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let target = common::demo_file(dir.path(), "khối đang mở.sqlite");
    let bundle_path = dir.path().join("bàn giao.json.gz");
    std::fs::write(&bundle_path, encode(&demo_bundle(), true)).unwrap();
    // A running writer holds the file and has an acknowledged commit.
    let mut writer = Store::open(&target).unwrap();
    let id = one_activity(&mut writer, "Ghi sau khi mở");
    let before = committed(&target);
    let files_before = sorted_leftovers(dir.path());

    let e = import(&decode(&encode(&demo_bundle(), false)).unwrap(), &target, true).unwrap_err();
    assert!(matches!(e, BundleError::Target(_)), "{e:?}");
    assert!(
        e.to_string()
            .contains("đang được mở bởi một cửa sổ hoặc lệnh Khối Thi Đua khác"),
        "{e}"
    );
    // The command line says the same, with --force.
    let o = bin()
        .args([
            "import-bundle",
            bundle_path.to_str().unwrap(),
            "--force",
            "--data",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("đang được mở"), "{stderr}");

    assert_eq!(committed(&target), before, "the file in use is left byte-identical");
    assert_eq!(sorted_leftovers(dir.path()), files_before, "no temporary file is left");
    assert_eq!(
        writer.activities(2022).unwrap().iter().filter(|a| a.id == id).count(),
        1
    );
    drop(writer);
    let again = Store::open(&target).unwrap();
    assert!(
        again.activities(2022).unwrap().iter().any(|a| a.id == id),
        "the writer's commit survives"
    );
}

#[test]
fn temporary_files_of_a_killed_import_are_cleaned_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("khối.sqlite");
    // What a killed import leaves: a half-built file, its WAL and lock (not held), under its PID.
    let stale = dir.path().join(".khối.sqlite.nhan-ban-giao-4194301");
    drop(Store::open(&stale).unwrap());
    std::fs::write(side(&stale, "-wal"), b"half a transaction").unwrap();
    // One still held (an import under way in another program): left alone.
    let busy = dir.path().join(".khối.sqlite.nhan-ban-giao-77");
    let held = Store::open(&busy).unwrap();
    // Another target's temporary file: not ours to remove.
    let other = dir.path().join(".khác.sqlite.nhan-ban-giao-5");
    std::fs::write(&other, b"x").unwrap();

    import(&demo_bundle(), &target, false).unwrap();
    let left = sorted_leftovers(dir.path());
    assert!(
        !left.iter().any(|f| f.contains("4194301")),
        "stale files removed: {left:?}"
    );
    assert!(left.contains(&".khối.sqlite.nhan-ban-giao-77".to_string()), "{left:?}");
    assert!(left.contains(&".khác.sqlite.nhan-ban-giao-5".to_string()), "{left:?}");
    assert!(
        !left.iter().any(|f| f.contains(&std::process::id().to_string())),
        "{left:?}"
    );
    drop(held);
    assert_eq!(Store::open(&target).unwrap().years().unwrap(), vec![2020, 2021, 2022]);
}

#[test]
fn reading_is_bounded_and_only_regular_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // A gzip that expands past 128 MiB: stopped there, never read to the end.
    let bomb = dir.path().join("bom.json.gz");
    {
        let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&bomb).unwrap(), flate2::Compression::fast());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..130 {
            std::io::Write::write_all(&mut gz, &zeros).unwrap();
        }
        gz.finish().unwrap();
    }
    let e = read_file(&bomb).unwrap_err();
    assert!(matches!(e, BundleError::TooLargeJson { .. }), "{e:?}");
    assert!(
        e.to_string().contains("bom.json.gz") && e.to_string().contains("128 MiB"),
        "{e}"
    );
    // A 200 MB file (sparse: no disk used) is refused by its size, before reading.
    let big = dir.path().join("lớn.json");
    std::fs::File::create(&big).unwrap().set_len(200 << 20).unwrap();
    let e = read_file(&big).unwrap_err();
    assert!(matches!(e, BundleError::TooLarge { .. }), "{e:?}");
    assert!(
        e.to_string().contains("lớn.json") && e.to_string().contains("200 MiB"),
        "{e}"
    );
    // A folder, a missing file.
    assert!(matches!(
        read_file(dir.path()).unwrap_err(),
        BundleError::NotAFile { .. }
    ));
    let e = read_file(&dir.path().join("không có.json")).unwrap_err();
    assert!(
        e.to_string().starts_with("Không đọc được tệp bàn giao") && e.to_string().contains("không tìm thấy tệp"),
        "{e}"
    );
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_file(Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(e, BundleError::NotAFile { .. }), "{e:?}");
    assert!(e.to_string().contains("/dev/zero"), "{e}");
    let fifo = dir.path().join("ống.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // Opening a FIFO without a writer would block: the type is checked first.
    let e = read_file(&fifo).unwrap_err();
    assert!(e.to_string().contains("ống dẫn (FIFO)"), "{e}");
    // The command line too.
    let o = bin()
        .args([
            "import-bundle",
            "/dev/zero",
            "--data",
            dir.path().join("mới.sqlite").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("không phải là một tệp thông thường"));
    assert!(!dir.path().join("mới.sqlite").exists());
}

/// A bundle's JSON changed by `f`, sealed again so that only the change is judged.
fn edited(f: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(&encode(&demo_bundle(), false)).unwrap();
    f(&mut v);
    v["manifest"]["checksum"] = checksum_v2(&v).into();
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn counts_are_required_for_every_kind() {
    let e = refused(&edited(|v| {
        v["manifest"].as_object_mut().unwrap().remove("counts");
    }));
    assert!(
        e.to_string().contains("thiếu trường bắt buộc \u{201c}counts\u{201d}"),
        "{e}"
    );
    let e = refused(&edited(|v| {
        v["manifest"]["counts"].as_object_mut().unwrap().remove("scores");
    }));
    assert!(matches!(e, BundleError::MissingCount { .. }), "{e:?}");
    assert!(e.to_string().contains("\u{201c}scores\u{201d} (ô điểm)"), "{e}");
    // A record dropped from the content, counts left as they were.
    let e = refused(&edited(|v| {
        v["content"]["years"][2]["conferences"].as_array_mut().unwrap().pop();
    }));
    assert!(matches!(e, BundleError::CountsDiffer { .. }), "{e:?}");
    assert!(e.to_string().contains("hội nghị"), "{e}");
}

#[test]
fn unknown_references_name_the_record_before_anything_is_written() {
    let b = demo_bundle();
    let conf = b.content.years[2].conferences[0].id;
    let ballot = b.content.years[2].ballots[0].id;
    let e = refused(&edited(|v| {
        let y = &mut v["content"]["years"][2];
        y["conferences"][0]["host_unit"] = 999.into();
        y["ballots"][0]["conference"] = 4242.into();
        v["content"]["units"][0]["merged_into"] = 555.into();
    }));
    assert!(matches!(e, BundleError::Inconsistent(_)), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains(&format!(
            "năm 2022, hội nghị id {conf}: đơn vị đăng cai (host_unit) là đơn vị id 999"
        )),
        "{msg}"
    );
    assert!(
        msg.contains(&format!(
            "năm 2022, cuộc bỏ phiếu id {ballot}: hội nghị (conference) id 4242 không có"
        )),
        "{msg}"
    );
    assert!(msg.contains("sáp nhập vào (merged_into) là đơn vị id 555"), "{msg}");
    assert!(!msg.contains("FOREIGN KEY"), "{msg}");
    // Through import too (a bundle built in memory), and nothing is created.
    let dir = tempfile::tempdir().unwrap();
    let mut bad = b.clone();
    bad.content.years[2].ballots[0].candidates[0].unit = 777;
    let target = dir.path().join("mới.sqlite");
    let e = import(&bad, &target, false).unwrap_err();
    assert!(
        e.to_string().contains(&format!(
            "cuộc bỏ phiếu id {ballot}: ứng viên (candidates) là đơn vị id 777"
        )),
        "{e}"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn structure_errors_are_vietnamese_and_name_the_place() {
    let b = demo_bundle();
    let conf = b.content.years[2].conferences[0].id;
    let e = refused(&edited(|v| {
        v["content"]["years"][2]["conferences"][0]
            .as_object_mut()
            .unwrap()
            .remove("title");
    }));
    let msg = e.to_string();
    assert!(matches!(e, BundleError::Structure { .. }), "{e:?}");
    assert!(msg.contains(&format!("năm 2022, hội nghị id {conf}")), "{msg}");
    assert!(msg.contains("thiếu trường bắt buộc \u{201c}title\u{201d}"), "{msg}");
    let e = refused(&edited(|v| {
        v["content"]["years"][2]["ballots"][0]["candidates"][0]["votes"] = "tám".into();
    }));
    let msg = e.to_string();
    assert!(msg.contains("ứng viên thứ 1, trường \u{201c}votes\u{201d}"), "{msg}");
    assert!(
        msg.contains("sai kiểu dữ liệu: có chuỗi \"tám\", cần một số nguyên không âm"),
        "{msg}"
    );
    let e = refused(&edited(|v| {
        v["content"]["years"][2]["conferences"][0]["kind"] = "Party".into();
    }));
    assert!(
        e.to_string()
            .contains("giá trị \u{201c}Party\u{201d} không có trong danh sách cho phép"),
        "{e}"
    );
    let e = refused(&edited(|v| {
        v["content"]["years"][2]["conferences"][0]["date"] = "20/12/2022".into();
    }));
    assert!(e.to_string().contains("ngày hoặc giờ không hợp lệ"), "{e}");
    for m in [msg, e.to_string()] {
        for english in ["missing field", "invalid type", "expected", "unknown variant"] {
            assert!(!m.contains(english), "raw English in: {m}");
        }
    }
}

#[test]
fn import_accepts_only_what_check_accepts() {
    // Two units with one short name: each unit saves, but `check` reports it. Import refuses.
    let mut b = demo_bundle();
    let short = b.content.units[0].names[0].short_name.clone();
    b.content.units[1].names.last_mut().unwrap().short_name = short;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mới.sqlite");
    let e = import(&b, &target, false).unwrap_err();
    assert!(matches!(e, BundleError::Problems(_)), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("như lệnh \u{201c}check\u{201d}") && msg.contains("năm 20"),
        "{msg}"
    );
    assert!(msg.contains("(trường "), "{msg}");
    assert!(
        leftovers(dir.path()).is_empty(),
        "nothing left: {:?}",
        leftovers(dir.path())
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_or_unwritable_folder_is_said_so_not_a_damaged_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let bundle_path = dir.path().join("bàn giao.json.gz");
    std::fs::write(&bundle_path, encode(&demo_bundle(), true)).unwrap();
    let out = dir.path().join("đích");
    std::fs::create_dir(&out).unwrap();
    let target = out.join("mới.sqlite");
    // A disk that fills up: files may not grow past 16 KiB (SIGXFSZ ignored, so writes fail).
    let o = Command::new("sh")
        .args(["-c", "trap '' XFSZ; ulimit -f 32; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_khoithidua"))
        .args([
            "import-bundle",
            bundle_path.to_str().unwrap(),
            "--data",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{stderr}");
    assert!(stderr.contains("Không ghi được tệp dữ liệu mới"), "{stderr}");
    assert!(stderr.contains("Tệp bàn giao không có lỗi"), "{stderr}");
    assert!(!stderr.contains("không hợp lệ") && !stderr.contains("hỏng"), "{stderr}");
    assert!(leftovers(&out).is_empty(), "nothing left: {:?}", leftovers(&out));
    // A folder nothing can be created in (even by root): /proc.
    let e = import(&demo_bundle(), Path::new("/proc/khối.sqlite"), false).unwrap_err();
    assert!(matches!(e, BundleError::Write { .. }), "{e:?}");
    assert!(e.to_string().starts_with("Không ghi được tệp dữ liệu mới"), "{e}");
    assert!(e.to_string().contains("os error"), "{e}");
}

/// The register travels with the bundle: next year's secretariat reprints each issued document with
/// the number and date it was signed with (two documents of one emulation year may share a number
/// when their dates fall in different calendar years).
#[test]
fn issued_documents_reprint_the_same_after_a_handover() {
    use chrono::NaiveDate;
    use khoithidua::app::exports::{make, DocRequest, ExportOptions};
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    let mut rules = s.rules_for(2020).unwrap();
    rules.regulation_number = "01/QĐ-KNC".into();
    rules.regulation_date = Some(d(2020, 3, 2));
    s.save_rules(2020, &rules).unwrap();
    let today = d(2023, 1, 10);
    let opts = |date| ExportOptions { number: None, date };
    let reqs = [
        (DocRequest::Minutes(1), None),
        (DocRequest::Proposal(2020), Some(d(2021, 1, 8))),
        (DocRequest::Proposal(2022), None),
    ];
    let before: Vec<_> = reqs
        .iter()
        .map(|(r, date)| make(&mut s, r, &opts(*date), today).unwrap())
        .collect();
    assert!(before[1]
        .pdf
        .lines
        .join(" ")
        .contains("Quyết định số 01/QĐ-KNC ngày 02/03/2020"));
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("năm sau.sqlite");
    let bundle = decode(&encode(&s.export_bundle(WHEN).unwrap(), true)).unwrap();
    import(&bundle, &target, false).unwrap();
    let mut next = Store::open(&target).unwrap();
    for ((r, _), was) in reqs.iter().zip(&before) {
        // Years later, no date given: what was signed.
        let again = make(&mut next, r, &ExportOptions::default(), d(2026, 11, 22)).unwrap();
        assert_eq!((&again.number, again.date), (&was.number, was.date), "{r:?}");
        assert_eq!(again.pdf.lines, was.pdf.lines, "{r:?}");
    }
    assert_eq!(next.register(2020).unwrap(), s.register(2020).unwrap());
}
