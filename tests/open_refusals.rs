//! Files the store must refuse, each left byte-identical, each with a clear Vietnamese message.

mod common;

use common::sha256;
use khoithidua::store::{Store, StoreError, LATEST_VERSION};
use std::path::{Path, PathBuf};

fn refused(path: &Path) -> StoreError {
    let before = sha256(path);
    let err = match Store::open(path) {
        Err(e) => e,
        Ok(_) => panic!("{} should have been refused", path.display()),
    };
    assert_eq!(sha256(path), before, "a refused file is left byte-identical");
    assert!(
        !PathBuf::from(format!("{}-wal", path.display())).exists(),
        "no WAL left beside a refused file"
    );
    err
}

#[test]
fn random_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rác.sqlite");
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&p, bytes).unwrap();
    let e = refused(&p);
    assert!(matches!(e, StoreError::NotSqlite(_)));
    assert!(e.to_string().contains("không phải tệp dữ liệu của Khối Thi Đua"), "{e}");
}

#[test]
fn text_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ghi chú.txt");
    std::fs::write(&p, "Biên bản hội nghị tổng kết năm 2022\n").unwrap();
    assert!(matches!(refused(&p), StoreError::NotSqlite(_)));
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("rỗng.sqlite");
    std::fs::write(&p, b"").unwrap();
    let e = refused(&p);
    assert!(matches!(e, StoreError::Empty(_)));
    assert!(e.to_string().contains("rỗng"));
}

#[test]
fn another_applications_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("khác.sqlite");
    let c = rusqlite::Connection::open(&p).unwrap();
    c.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');")
        .unwrap();
    drop(c);
    let e = refused(&p);
    assert!(matches!(e, StoreError::OtherApplication(_)));
    assert!(e.to_string().contains("phần mềm khác"));
}

#[test]
fn newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu.sqlite");
    let c = rusqlite::Connection::open(&p).unwrap();
    c.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
    c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(c);
    let e = refused(&p);
    assert!(matches!(e, StoreError::NewerVersion { found, .. } if found == LATEST_VERSION + 1));
    assert!(e.to_string().contains("phiên bản mới hơn"), "{e}");
}

#[test]
fn truncated_database() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu.sqlite");
    let bytes = std::fs::read(&p).unwrap();
    std::fs::write(&p, &bytes[..bytes.len() / 2]).unwrap();
    let e = refused(&p);
    assert!(matches!(e, StoreError::Corrupt(..)), "{e:?}");
    assert!(e.to_string().contains("bị hỏng"));
}

#[test]
fn missing_folder_and_folder_as_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("không có").join("dữ liệu.sqlite");
    assert!(matches!(Store::open(&missing), Err(StoreError::MissingFolder(_))));
    assert!(!missing.exists());
    assert!(matches!(Store::open(dir.path()), Err(StoreError::IsFolder(_))));
}

#[cfg(unix)]
#[test]
fn read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu.sqlite");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let e = refused(&p);
    assert!(matches!(e, StoreError::ReadOnly(_)));
    assert!(e.to_string().contains("chỉ cho phép đọc"));
}

#[test]
fn vietnamese_path_with_spaces_opens_again() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Văn phòng Khối thi đua");
    std::fs::create_dir(&folder).unwrap();
    let p = common::demo_file(&folder, "dữ liệu.sqlite");
    let s = Store::open(&p).unwrap();
    assert_eq!(s.years().unwrap(), vec![2020, 2021, 2022]);
}

#[test]
fn first_schema_version_fixture_opens() {
    // A file written by schema version 1, kept in the repository: later versions must open it.
    let dir = tempfile::tempdir().unwrap();
    let p = common::schema_v1_copy(dir.path());
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    let y = s.load_year(2022).unwrap();
    assert_eq!(y.bloc.symbol, "KNC");
    assert_eq!(y.members.len(), 9);
    assert_eq!(y.conferences.len(), 3);
    assert!(y.problems().is_empty());
}

#[test]
fn empty_to_latest() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mới.sqlite");
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    let h = s.health().unwrap();
    assert_eq!(h.integrity, "ok");
    assert!(h.counts.0.iter().all(|(_, n)| *n == 0));
    drop(s);
    // Opening again neither fails nor migrates twice.
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
}
