//! Backups of the data file into a `backups/` folder beside it: before every migration, on the first
//! open of each day, and on request; rotated to keep the last N (a setting of the file). Restoring
//! backs the current file up first (or, when it is damaged, keeps it aside).
//!
//! Every backup belongs to one data file: its name carries a tag made from the data file's name
//! (so `khoi.sqlite` and `khoi.db` in one folder never share a list), and the copy itself records
//! the data file's name and id. Names stay short whatever the data file is called.

use super::files::{folder_of, name_of, same_file, with_suffix};
use super::{inspect_existing, inspect_for_reading, lock_file, Result, Store, StoreError};
use crate::domain::text::strip_marks;
use chrono::{Local, NaiveDateTime};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

pub const DEFAULT_KEEP: u32 = 10;

/// Why a backup was taken, as written in its name.
pub const DAILY: &str = "hang-ngay";
pub const BY_HAND: &str = "thu-cong";
pub const BEFORE_RESTORE: &str = "truoc-khoi-phuc";
pub const BEFORE_IMPORT: &str = "truoc-nhan-ban-giao";

#[derive(Debug, Clone, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    /// Why it was taken: "hang-ngay", "truoc-nang-cap-v1", "thu-cong", "truoc-khoi-phuc".
    pub reason: String,
    pub size: u64,
}

impl BackupInfo {
    /// Why it was taken, in words: "hằng ngày", "trước khi nâng cấp (lược đồ 1)"…
    pub fn reason_label(&self) -> String {
        match self.reason.as_str() {
            DAILY => "tự động hằng ngày".into(),
            BY_HAND => "sao lưu thủ công".into(),
            BEFORE_RESTORE => "trước khi khôi phục".into(),
            BEFORE_IMPORT => "trước khi nhận bàn giao".into(),
            r => match r.strip_prefix("truoc-nang-cap-v") {
                Some(v) => format!("trước khi nâng cấp (lược đồ {v})"),
                None => r.to_string(),
            },
        }
    }
}

/// `backups/` beside the data file.
pub fn backups_dir(db: &Path) -> PathBuf {
    folder_of(db).join("backups")
}

/// The data file's name folded to plain ASCII and cut to 40 bytes: the readable part of a name.
fn short_stem(db: &Path) -> String {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "khoithidua".into());
    let folded: String = strip_marks(&stem)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' })
        .take(40)
        .collect();
    if folded.trim_matches('_').is_empty() {
        "khoithidua".into()
    } else {
        folded
    }
}

/// Eight hex digits of the SHA-256 of the data file's full name: tells apart two files whose
/// names fold alike.
fn tag(db: &Path) -> String {
    let d = Sha256::digest(name_of(db).as_bytes());
    d.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// "khoi_thi_dua-1a2b3c4d-": the start of every backup name of `db`.
pub(crate) fn prefix(db: &Path) -> String {
    format!("{}-{}-", short_stem(db), tag(db))
}

fn parse_rest(rest: &str) -> Option<(NaiveDateTime, String)> {
    // "20261121-213000-123-hang-ngay"
    let stamp = rest.get(..19)?;
    let reason = rest.get(20..).unwrap_or("");
    let taken_at = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S-%3f").ok()?;
    Some((taken_at, reason.to_string()))
}

/// The backups of `db`, newest first: only its own, never another data file's.
pub fn list_backups(db: &Path) -> Vec<BackupInfo> {
    let mut out = own_backups(db);
    out.extend(legacy_backups(db));
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    out
}

fn own_backups(db: &Path) -> Vec<BackupInfo> {
    named_with(db, &prefix(db))
}

/// The backups in `backups/` named "{prefix}{stamp}-{reason}.sqlite".
fn named_with(db: &Path, prefix: &str) -> Vec<BackupInfo> {
    entries(db)
        .filter_map(|(name, path, size)| {
            let rest = name.strip_prefix(prefix)?.strip_suffix(".sqlite")?;
            let (taken_at, reason) = parse_rest(rest)?;
            Some(BackupInfo {
                path,
                taken_at,
                reason,
                size,
            })
        })
        .collect()
}

/// Backups written by the first version ("{stem}-{stamp}-{reason}.sqlite", no tag). They are shown
/// only when no other data file beside `db` shares its stem (so they cannot be another file's),
/// and never rotated away.
fn legacy_backups(db: &Path) -> Vec<BackupInfo> {
    let Some(stem) = db.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let shared = std::fs::read_dir(folder_of(db))
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let p = e.path();
            p.is_file()
                && p.file_stem().is_some_and(|s| s.to_string_lossy() == stem)
                && !same_file(&p, db)
                && !super::files::companions(db).iter().any(|c| same_file(&p, c))
        });
    if shared {
        return Vec::new();
    }
    named_with(db, &format!("{stem}-"))
}

fn entries(db: &Path) -> impl Iterator<Item = (String, PathBuf, u64)> {
    std::fs::read_dir(backups_dir(db))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            (e.file_name().to_string_lossy().into_owned(), e.path(), size)
        })
}

/// A fresh path in `backups/` for a backup of `db` taken now for `reason`, with `ext`.
fn fresh_name(db: &Path, reason: &str, ext: &str) -> PathBuf {
    let dir = backups_dir(db);
    loop {
        let now = Local::now().naive_local();
        let dest = dir.join(format!(
            "{}{}-{reason}.{ext}",
            prefix(db),
            now.format("%Y%m%d-%H%M%S-%3f")
        ));
        if !dest.exists() {
            return dest;
        }
        // Two backups within one millisecond: wait for the next one, so names keep time order.
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

fn create_backups_dir(db: &Path) -> Result<PathBuf> {
    let dir = backups_dir(db);
    if dir.exists() && !dir.is_dir() {
        return Err(StoreError::Io(
            dir.clone(),
            "đã có một tệp (không phải thư mục) mang tên này, nên không tạo được thư mục sao lưu".into(),
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
    Ok(dir)
}

/// A consistent copy of the database `conn` reads, written to `dest` through a temporary name:
/// a backup is never half-written, and a failed one leaves no `.tmp` behind.
/// `finish` runs on the temporary copy before it gets its name (it records the owner).
fn vacuum_into(conn: &Connection, dest: &Path, finish: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let tmp = dest.with_extension("tmp");
    let journal = with_suffix(&tmp, "-journal");
    let clean = || {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&journal);
    };
    clean();
    let result = conn
        .execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])
        .map_err(|e| StoreError::Io(dest.to_path_buf(), e.to_string()))
        .and_then(|_| finish(&tmp))
        .and_then(|()| {
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .and_then(|()| std::fs::rename(&tmp, dest))
                .map_err(|e| StoreError::io(dest, e))
        });
    if result.is_err() {
        clean();
    }
    result
}

fn has_settings(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings')",
        [],
        |r| r.get(0),
    )?)
}

pub(super) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    if !has_settings(conn)? {
        return Ok(None);
    }
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// Which data file a backup copy belongs to, as recorded in the copy.
const OF_FILE: &str = "backup.of_file";
const OF_ID: &str = "backup.of_file_id";

/// Writes into the fresh copy `path` which data file it is a backup of.
fn record_owner(path: &Path, db: &Path, file_id: Option<&str>) -> Result<()> {
    let c = Connection::open(path).map_err(|e| StoreError::open(path, e))?;
    if !has_settings(&c)? {
        return Ok(()); // an old schema, kept as it was: the name's tag still says whose it is
    }
    c.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![OF_FILE, name_of(db)],
    )?;
    if let Some(id) = file_id {
        c.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
            params![OF_ID, id],
        )?;
    }
    Ok(())
}

impl Store {
    pub fn backup_keep(&self) -> Result<u32> {
        let v = setting(self.conn(), "backup_keep")?;
        Ok(v.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_KEEP))
    }

    pub fn set_backup_keep(&mut self, keep: u32) -> Result<()> {
        if !(1..=365).contains(&keep) {
            return Err(StoreError::BadValue("số bản sao lưu giữ lại phải từ 1 đến 365".into()));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('backup_keep', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = ?1",
                params![keep.to_string()],
            )?;
            Ok(())
        })
    }

    /// The id given to this data file when it was created (kept in its settings).
    pub fn file_id(&self) -> Result<Option<String>> {
        setting(self.conn(), "file_id")
    }

    /// A consistent copy of the open file into `backups/`, then rotation. Returns its path.
    pub fn backup_now(&self, reason: &str) -> Result<PathBuf> {
        self.backup_keeping(reason, &[])
    }

    /// `backup_now`, but rotation never removes `spare` (the source of a running restore).
    fn backup_keeping(&self, reason: &str, spare: &[&Path]) -> Result<PathBuf> {
        let db = self
            .path()
            .ok_or_else(|| StoreError::BadValue("dữ liệu trong bộ nhớ không có tệp để sao lưu".into()))?
            .to_path_buf();
        create_backups_dir(&db)?;
        let dest = fresh_name(&db, reason, "sqlite");
        let id = self.file_id()?;
        vacuum_into(self.conn(), &dest, |tmp| record_owner(tmp, &db, id.as_deref()))?;
        super::sync_folder(&backups_dir(&db));
        let keep = self.backup_keep()?;
        // The copy just written is never rotated away, even when others carry later dates (a clock
        // that was ahead once, a folder copied from another PC).
        let mut spare = spare.to_vec();
        spare.push(&dest);
        rotate_sparing(&db, keep as usize, &spare);
        Ok(dest)
    }

    /// The first open of a day makes a backup, after a full check of the file: a damaged file is
    /// never backed up over the good copies (rotation would push them out).
    pub(super) fn daily_backup(&self) -> Result<Option<PathBuf>> {
        let db = match self.path() {
            Some(p) => p.to_path_buf(),
            None => return Ok(None),
        };
        let today = Local::now().date_naive();
        if list_backups(&db).iter().any(|b| b.taken_at.date() == today) {
            return Ok(None);
        }
        let check: String = self.conn().pragma_query_value(None, "quick_check", |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Corrupt(db, check));
        }
        self.backup_now(DAILY).map(Some)
    }
}

/// Deletes all but the newest `keep` backups of `db`; the newest backup of each kind is kept too.
pub fn rotate(db: &Path, keep: usize) {
    rotate_sparing(db, keep, &[]);
}

fn rotate_sparing(db: &Path, keep: usize, spare: &[&Path]) {
    let mut own = own_backups(db);
    own.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    let mut seen_reasons: Vec<String> = Vec::new();
    for (i, b) in own.into_iter().enumerate() {
        let newest_of_kind = !seen_reasons.contains(&b.reason);
        if newest_of_kind {
            seen_reasons.push(b.reason.clone());
        }
        if i < keep.max(1) || newest_of_kind || spare.iter().any(|s| same_file(s, &b.path)) {
            continue;
        }
        let _ = std::fs::remove_file(&b.path);
    }
}

/// What a restore did with the file it replaced.
#[derive(Debug, Clone, PartialEq)]
pub enum Replaced {
    /// The replaced file was sound and was backed up here first.
    BackedUp(PathBuf),
    /// The replaced file would not open; it was moved here, untouched.
    KeptAside(PathBuf),
}

impl Replaced {
    pub fn path(&self) -> &Path {
        match self {
            Replaced::BackedUp(p) | Replaced::KeptAside(p) => p,
        }
    }
}

/// Replaces `db` by `backup`. No store may have `db` open: the lock is taken here. The current
/// file is backed up first; a current file that will not open (the main reason to restore) is
/// moved aside instead. The backup is read through SQLite, so a `-wal` beside it is included.
pub fn restore(db: &Path, backup: &Path) -> Result<Replaced> {
    if same_file(db, backup) || same_file(&with_suffix(db, "-wal"), backup) {
        return Err(StoreError::BadValue(
            "bản sao lưu được chọn chính là tệp dữ liệu; hãy chọn một bản trong thư mục backups".into(),
        ));
    }
    inspect_for_reading(backup, true)?;
    check_owner(db, backup)?;
    let _lock = lock_file(db)?;
    let replaced = keep_before_replacing(db, BEFORE_RESTORE, &[backup])?
        .ok_or_else(|| StoreError::NotFound(format!("tệp dữ liệu \u{201c}{}\u{201d}", db.display())))?;
    let tmp = folder_of(db).join(format!(".{}.khoi-phuc-{}.sqlite", name_of(db), std::process::id()));
    let result = (|| {
        let _ = std::fs::remove_file(&tmp);
        vacuum_into(&read_only(backup)?, &tmp, forget_owner)?;
        inspect_existing(&tmp, true)?;
        // The replaced file's WAL is empty (checkpointed above) or kept aside with it; a WAL left
        // beside the restored file would be replayed onto it.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(db, suffix));
        }
        std::fs::rename(&tmp, db).map_err(|e| StoreError::io(db, e))?;
        super::sync_folder(folder_of(db));
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map(|()| replaced)
}

/// Keeps what is about to be replaced (by a restore or an import with --force): a sound file is
/// checkpointed (its WAL folded in, so removing the WAL before the rename loses nothing) and
/// backed up with `reason`; a file that will not open is copied aside untouched. `None` when
/// there is no file. The caller holds the lock of `db`; rotation spares `spare`.
pub(crate) fn keep_before_replacing(db: &Path, reason: &str, spare: &[&Path]) -> Result<Option<Replaced>> {
    if !db.exists() {
        return Ok(None);
    }
    let current = inspect_existing(db, true);
    let damaged = matches!(
        current,
        Err(StoreError::Corrupt(..) | StoreError::NotSqlite(_) | StoreError::Empty(_) | StoreError::Open(..))
    );
    if let (Err(e), false) = (current, damaged) {
        return Err(e);
    }
    if !damaged {
        Connection::open(db)
            .and_then(|c| c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())))
            .map_err(|e| StoreError::open(db, e))?;
        let current = Store::wrap_read_only(read_only(db)?, db);
        return Ok(Some(Replaced::BackedUp(current.backup_keeping(reason, spare)?)));
    }
    // Copied, not moved: until the new file is renamed into place, the damaged one stays where
    // the user left it.
    create_backups_dir(db)?;
    let aside = fresh_name(db, "tep-hong", "sqlite-hong");
    for suffix in ["", "-wal"] {
        let from = with_suffix(db, suffix);
        if from.exists() {
            let to = with_suffix(&aside, suffix);
            std::fs::copy(&from, &to)
                .and_then(|_| std::fs::File::open(&to)?.sync_all())
                .map_err(|e| StoreError::io(&to, e))?;
        }
    }
    Ok(Some(Replaced::KeptAside(aside)))
}

/// A read-only connection that sees the file's WAL too.
fn read_only(path: &Path) -> Result<Connection> {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| StoreError::open(path, e))
}

/// Refuses a backup that records another data file than `db` (by name or by id).
fn check_owner(db: &Path, backup: &Path) -> Result<()> {
    let b = read_only(backup)?;
    let of_file = setting(&b, OF_FILE)?;
    let of_id = setting(&b, OF_ID)?;
    let current_id = if db.exists() && inspect_existing(db, false).is_ok() {
        read_only(db).ok().and_then(|c| setting(&c, "file_id").ok().flatten())
    } else {
        None
    };
    // Its own name (a file re-created at the same path is still the user's file there) or its own
    // id (the same file renamed) makes it this file's backup; only a backup of another file by
    // both is refused.
    let other_name = of_file.as_deref().is_some_and(|f| !same_name(f, &name_of(db)));
    let same_id = matches!((&of_id, &current_id), (Some(a), Some(b)) if a == b);
    if other_name && !same_id {
        return Err(StoreError::BadValue(format!(
            "bản sao lưu \u{201c}{}\u{201d} là của tệp dữ liệu \u{201c}{}\u{201d}, không phải của \u{201c}{}\u{201d}. Hãy mở đúng tệp đó để khôi phục",
            backup.display(),
            of_file.unwrap_or_default(),
            name_of(db)
        )));
    }
    Ok(())
}

/// File names compare without case on Windows, where `Khoi.sqlite` and `khoi.sqlite` are one file.
fn same_name(a: &str, b: &str) -> bool {
    if cfg!(windows) {
        a.to_lowercase() == b.to_lowercase()
    } else {
        a == b
    }
}

/// The data file a backup copy records as its own, if `path` is such a copy: it is restored from,
/// never opened to work in (that would change it and let rotation delete it under the window).
pub(crate) fn owner_of(path: &Path) -> Option<String> {
    let c = Connection::open_with_flags(
        super::immutable_uri(path).ok()?,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    setting(&c, OF_FILE).ok().flatten()
}

/// A restored file is a data file again, not a backup: drop the owner records.
fn forget_owner(path: &Path) -> Result<()> {
    let c = Connection::open(path).map_err(|e| StoreError::open(path, e))?;
    if has_settings(&c)? {
        c.execute("DELETE FROM settings WHERE key IN (?1, ?2)", params![OF_FILE, OF_ID])?;
    }
    Ok(())
}
