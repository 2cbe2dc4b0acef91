//! Backups of the data file into a `backups/` folder beside it: before every migration, on the first
//! open of each day, and on request; rotated to keep the last N (a setting of the file). Restoring
//! backs the current file up first.

use super::{inspect_existing, lock_file, Result, Store, StoreError};
use chrono::{Local, NaiveDateTime};
use rusqlite::{params, OptionalExtension};
use std::path::{Path, PathBuf};

pub const DEFAULT_KEEP: u32 = 10;

#[derive(Debug, Clone, PartialEq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    /// Why it was taken: "hang-ngay", "truoc-nang-cap-v1", "thu-cong", "truoc-khoi-phuc".
    pub reason: String,
    pub size: u64,
}

/// `backups/` beside the data file.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "khoithidua".into())
}

/// The backups of `db`, newest first.
pub fn list_backups(db: &Path) -> Vec<BackupInfo> {
    let prefix = format!("{}-", stem(db));
    let mut out: Vec<BackupInfo> = std::fs::read_dir(backups_dir(db))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".sqlite")?;
            // "20261121-213000-123-hang-ngay"
            let (stamp, reason) = rest.get(..19).map(|s| (s, rest.get(20..).unwrap_or("")))?;
            let taken_at = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S-%3f").ok()?;
            Some(BackupInfo {
                path: e.path(),
                taken_at,
                reason: reason.to_string(),
                size: e.metadata().map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect();
    out.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    out
}

impl Store {
    pub fn backup_keep(&self) -> Result<u32> {
        let v: Option<String> = self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = 'backup_keep'", [], |r| r.get(0))
            .optional()?;
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

    /// A consistent copy of the open file into `backups/`, then rotation. Returns its path.
    pub fn backup_now(&self, reason: &str) -> Result<PathBuf> {
        let db = self
            .path()
            .ok_or_else(|| StoreError::BadValue("dữ liệu trong bộ nhớ không có tệp để sao lưu".into()))?
            .to_path_buf();
        let dir = backups_dir(&db);
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let dest = loop {
            let now = Local::now().naive_local();
            let dest = dir.join(format!(
                "{}-{}-{reason}.sqlite",
                stem(&db),
                now.format("%Y%m%d-%H%M%S-%3f")
            ));
            if !dest.exists() {
                break dest;
            }
            // Two backups within one millisecond: wait for the next one, so names keep time order.
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        self.vacuum_into(&dest)?;
        let keep = if self.has_settings()? {
            self.backup_keep()?
        } else {
            DEFAULT_KEEP
        };
        rotate(&db, keep as usize);
        Ok(dest)
    }

    fn has_settings(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings')",
            [],
            |r| r.get(0),
        )?)
    }

    /// VACUUM INTO a temporary name, then rename: a backup is never half-written.
    fn vacuum_into(&self, dest: &Path) -> Result<()> {
        let tmp = dest.with_extension("tmp");
        let _ = std::fs::remove_file(&tmp);
        self.conn()
            .execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
        std::fs::rename(&tmp, dest).map_err(|e| StoreError::io(dest, e))
    }

    /// The first open of a day makes a backup.
    pub(super) fn daily_backup(&self) -> Result<Option<PathBuf>> {
        let db = match self.path() {
            Some(p) => p.to_path_buf(),
            None => return Ok(None),
        };
        let today = Local::now().date_naive();
        if list_backups(&db).iter().any(|b| b.taken_at.date() == today) {
            return Ok(None);
        }
        self.backup_now("hang-ngay").map(Some)
    }
}

/// Deletes all but the newest `keep` backups of `db`.
pub fn rotate(db: &Path, keep: usize) {
    for old in list_backups(db).into_iter().skip(keep.max(1)) {
        let _ = std::fs::remove_file(old.path);
    }
}

/// Replaces `db` by `backup`, after backing the current `db` up. No store may have `db` open: the
/// lock is taken here. Returns the path of the backup of the replaced file.
pub fn restore(db: &Path, backup: &Path) -> Result<PathBuf> {
    inspect_existing(backup)?;
    let lock = lock_file(db)?;
    let safety = {
        let current = Store::open_locked(db, lock)?;
        current.backup_now("truoc-khoi-phuc")?
        // `current` is dropped here: the connection closes and the WAL is checkpointed.
    };
    let _lock = lock_file(db)?;
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = db.with_file_name(format!(".{name}.khoi-phuc"));
    std::fs::copy(backup, &tmp).map_err(|e| StoreError::io(&tmp, e))?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::rename(&tmp, db).map_err(|e| StoreError::io(db, e))?;
    Ok(safety)
}
