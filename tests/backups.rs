//! Backups (daily, before a migration, by hand), rotation, restore, and the single-instance lock.

mod common;

use khoithidua::domain::{Activity, ActivityKind, Contribution};
use khoithidua::store::backup::{backups_dir, list_backups, restore};
use khoithidua::store::{Store, StoreError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[test]
fn the_first_open_of_a_day_makes_one_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu khối.sqlite");
    assert!(list_backups(&p).is_empty(), "creating a file makes no backup");
    drop(Store::open(&p).unwrap());
    let list = list_backups(&p);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, "hang-ngay");
    assert_eq!(list[0].reason_label(), "tự động hằng ngày");
    drop(Store::open(&p).unwrap());
    assert_eq!(list_backups(&p).len(), 1, "one a day");
    // The backup is a complete data file of ours.
    let (b, _, integrity) = Store::open_for_check(&list[0].path).unwrap();
    assert_eq!(integrity, "ok");
    assert_eq!(b.years().unwrap(), vec![2020, 2021, 2022]);
}

#[test]
fn a_migration_is_preceded_by_a_backup_of_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::schema_v1_copy(dir.path());
    drop(Store::open(&p).unwrap());
    let list = list_backups(&p);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, "truoc-nang-cap-v1");
    let c = rusqlite::Connection::open(&list[0].path).unwrap();
    let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, 1, "the backup holds the file as it was before the migration");
}

#[test]
fn rotation_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu khối.sqlite");
    let mut s = Store::open(&p).unwrap();
    s.set_backup_keep(3).unwrap();
    assert_eq!(s.backup_keep().unwrap(), 3);
    assert!(s.set_backup_keep(0).is_err());
    let made: Vec<PathBuf> = (0..5).map(|_| s.backup_now("thu-cong").unwrap()).collect();
    let list = list_backups(&p);
    assert_eq!(
        list.len(),
        4,
        "the newest 3, and the day's backup as the newest of its kind"
    );
    let kept: Vec<PathBuf> = list
        .iter()
        .filter(|b| b.reason == "thu-cong")
        .map(|b| b.path.clone())
        .collect();
    assert_eq!(kept, made[2..].iter().rev().cloned().collect::<Vec<_>>());
    assert_eq!(list.last().unwrap().reason, "hang-ngay");
    assert!(backups_dir(&p).ends_with("backups"));
}

/// A value as text: what a comparison shows.
fn value(v: rusqlite::types::ValueRef) -> String {
    use rusqlite::types::ValueRef::*;
    match v {
        Null => "NULL".into(),
        Integer(i) => i.to_string(),
        Real(f) => format!("{f:?}"),
        Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
        Blob(b) => format!("{b:?}"),
    }
}

/// Every table of the data file at `path`, each as its sorted rows (values named by their
/// column), read with SQLite directly; `settings` without the rows that tie a file to its backups
/// (its identity, the identity of the file a backup was taken of).
fn tables(path: &Path) -> BTreeMap<String, Vec<String>> {
    let c = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let names: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names
        .into_iter()
        .map(|t| {
            let mut q = c.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let columns: Vec<String> = q.column_names().into_iter().map(String::from).collect();
            let mut rows: Vec<String> = q
                .query_map([], |r| {
                    Ok(columns
                        .iter()
                        .enumerate()
                        .map(|(i, col)| format!("{col}={}", value(r.get_ref(i).unwrap())))
                        .collect::<Vec<_>>()
                        .join(", "))
                })
                .unwrap()
                .map(Result::unwrap)
                .filter(|row| !(t == "settings" && (row.contains("\"file_id\"") || row.contains("\"backup."))))
                .collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// The rows of `a` not in `b` and of `b` not in `a`, table by table: empty when they hold the same.
fn differences(a: &BTreeMap<String, Vec<String>>, b: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let empty = Vec::new();
    let names: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let mut out = Vec::new();
    for t in names {
        let (x, y) = (a.get(t).unwrap_or(&empty), b.get(t).unwrap_or(&empty));
        out.extend(
            x.iter()
                .filter(|r| !y.contains(r))
                .map(|r| format!("{t}: only before: {r}")),
        );
        out.extend(
            y.iter()
                .filter(|r| !x.contains(r))
                .map(|r| format!("{t}: only after: {r}")),
        );
    }
    out
}

#[test]
fn restore_brings_the_old_record_back_and_drops_what_came_after() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu khối.sqlite");
    let mut s = Store::open(&p).unwrap();
    let backup = s.backup_now("thu-cong").unwrap();
    let at_backup = tables(&backup);
    assert_eq!(
        differences(&at_backup, &tables(&p)),
        Vec::<String>::new(),
        "the backup holds the file as it was"
    );
    // After the backup: a record changed, one added, one deleted.
    let mut bloc = s.bloc().unwrap().unwrap();
    bloc.name = "Khối đã đổi tên".into();
    s.save_bloc(&bloc).unwrap();
    let unit = s.members(2022).unwrap()[0];
    let mut added = Activity {
        id: 0,
        year: 2022,
        date: None,
        kind: ActivityKind::Other,
        title: "Ghi sau khi sao lưu".into(),
        description: String::new(),
        contributions: vec![Contribution {
            unit,
            amount: 1000,
            note: String::new(),
        }],
    };
    let added_id = s.save_activity(&mut added).unwrap();
    let deleted = s.load_year(2022).unwrap().ballots.last().unwrap().clone();
    s.delete_ballot(deleted.id).unwrap();
    let changed = tables(&p);
    // The bloc's row changed (one row out, one in), the activity and its contribution added, the
    // ballot with its three board members and its candidate deleted.
    assert_eq!(
        differences(&at_backup, &changed).len(),
        9,
        "{:#?}",
        differences(&at_backup, &changed)
    );
    // Restoring needs the file closed: while it is open, the lock refuses, and nothing changes.
    assert!(matches!(restore(&p, &backup), Err(StoreError::Locked(_))));
    drop(s);
    assert_eq!(differences(&changed, &tables(&p)), Vec::<String>::new());
    let safety = restore(&p, &backup).unwrap();
    // Every table as it was at the backup: the old name back, the added activity gone, the
    // deleted ballot back.
    assert_eq!(
        differences(&at_backup, &tables(&p)),
        Vec::<String>::new(),
        "the restored file is the backup, table by table"
    );
    let s = Store::open(&p).unwrap();
    assert_eq!(s.bloc().unwrap().unwrap().name, "Khối thi đua Nội chính tỉnh Bình Định");
    assert!(s
        .activities(2022)
        .unwrap()
        .iter()
        .all(|a| a.id != added_id && a.title != added.title));
    assert_eq!(s.ballot(deleted.id).unwrap(), deleted);
    // What the file held before the restore is kept aside, whole.
    assert_eq!(differences(&changed, &tables(safety.path())), Vec::<String>::new());
    let (before, _, _) = Store::open_for_check(safety.path()).unwrap();
    assert_eq!(before.bloc().unwrap().unwrap().name, "Khối đã đổi tên");
    assert!(before.activities(2022).unwrap().iter().any(|a| a.id == added_id));
    // A file that is not a backup of ours is refused.
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, "x").unwrap();
    drop(s);
    assert!(matches!(restore(&p, &junk), Err(StoreError::NotSqlite(_))));
}

#[test]
fn a_second_instance_is_refused_while_the_first_holds_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu khối.sqlite");
    let first = Store::open(&p).unwrap();
    let bytes_before = std::fs::read(&p).unwrap();
    match Store::open(&p) {
        Err(e @ StoreError::Locked(_)) => assert!(e.to_string().contains("đang được mở bởi một cửa sổ")),
        Err(e) => panic!("expected Locked, got {e}"),
        Ok(_) => panic!("expected Locked, got a second store"),
    }
    assert_eq!(std::fs::read(&p).unwrap(), bytes_before);
    drop(first);
    Store::open(&p).unwrap();
}
