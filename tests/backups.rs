//! Backups (daily, before a migration, by hand), rotation, restore, and the single-instance lock.

mod common;

use khoithidua::store::backup::{backups_dir, list_backups, restore};
use khoithidua::store::{Store, StoreError};
use std::path::PathBuf;

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

#[test]
fn restore_brings_the_old_record_back_and_keeps_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::demo_file(dir.path(), "dữ liệu khối.sqlite");
    let mut s = Store::open(&p).unwrap();
    let backup = s.backup_now("thu-cong").unwrap();
    let mut bloc = s.bloc().unwrap().unwrap();
    bloc.name = "Khối đã đổi tên".into();
    s.save_bloc(&bloc).unwrap();
    // Restoring needs the file closed: while it is open, the lock refuses.
    assert!(matches!(restore(&p, &backup), Err(StoreError::Locked(_))));
    drop(s);
    let safety = restore(&p, &backup).unwrap();
    let s = Store::open(&p).unwrap();
    assert_eq!(s.bloc().unwrap().unwrap().name, "Khối thi đua Nội chính tỉnh Bình Định");
    let (before, _, _) = Store::open_for_check(safety.path()).unwrap();
    assert_eq!(before.bloc().unwrap().unwrap().name, "Khối đã đổi tên");
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
