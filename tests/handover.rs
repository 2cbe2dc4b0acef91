//! The handover bundle: export then import gives back an equal record; bad bundles are refused
//! with a clear message and leave nothing behind.

mod common;

use khoithidua::store::bundle::{decode, encode, import, schema_json, Bundle, BundleError};
use khoithidua::store::Store;
use std::path::Path;

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

fn round_trip(bundle: &Bundle, compress: bool) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nhận bàn giao.sqlite");
    let bytes = encode(bundle, compress);
    assert_eq!(bytes.starts_with(&[0x1f, 0x8b]), compress);
    let decoded = decode(&bytes).unwrap();
    assert_eq!(&decoded, bundle);
    import(&decoded, &target, false).unwrap();
    let again = Store::open(&target).unwrap().export_bundle(WHEN).unwrap();
    assert_eq!(
        again.content, bundle.content,
        "export then import gives back an equal record"
    );
    assert_eq!(again.manifest.counts, bundle.manifest.counts);
    assert_eq!(again.manifest.checksum, bundle.manifest.checksum);
}

#[test]
fn demo_round_trip_plain_and_compressed() {
    let b = demo_bundle();
    assert_eq!(b.manifest.format, "khoithidua-handover");
    assert_eq!(b.manifest.years, vec![2020, 2021, 2022]);
    assert_eq!(b.manifest.counts["units"], 9);
    assert_eq!(b.manifest.counts["conferences"], 4);
    assert!(b.manifest.checksum.starts_with("sha256:"));
    round_trip(&b, false);
    round_trip(&b, true);
}

#[test]
fn thirty_year_round_trip() {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_synthetic(&mut s, 30, 50).unwrap();
    let b = s.export_bundle(WHEN).unwrap();
    assert_eq!(b.manifest.years.len(), 30);
    assert_eq!(b.manifest.counts["scores"], 30 * 50 * 40);
    round_trip(&b, true);
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
            supported: 1
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
