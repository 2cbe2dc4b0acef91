//! The only place that speaks SQL. One SQLite file holds the bloc's whole record.
//!
//! Opening never modifies a file it refuses: it looks at the header and asks a read-only connection
//! before it opens the file for writing.

mod activities;
mod awards;
pub mod backup;
mod ballots;
mod bloc;
pub mod bundle;
mod conferences;
mod error;
mod migrations;
mod pledges;
mod scoring;
mod units;
mod year;

pub use error::StoreError;
pub use migrations::LATEST_VERSION;
pub use year::{Counts, Health};

use crate::domain::text::nfc;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// "KTĐ1" in the SQLite header's application id: marks a file as ours.
pub const APPLICATION_ID: i32 = 0x4B54_4431;

pub type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Held while the file is open: a second window or command on the same file is refused.
    _lock: Option<File>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens `path`, creating it (with its schema) when it does not exist yet. A file that is not
    /// ours, is damaged or was written by a newer version is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if path.exists() {
            inspect_existing(path)?;
        } else {
            let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(dir) = parent {
                if !dir.is_dir() {
                    return Err(StoreError::MissingFolder(dir.to_path_buf()));
                }
            }
        }
        let lock = lock_file(path)?;
        Store::open_locked(path, lock)
    }

    /// Opens a file already inspected, holding its lock: backs it up before a migration or on the
    /// first open of the day, then migrates.
    fn open_locked(path: &Path, lock: File) -> Result<Store> {
        let existed = path.exists();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::open(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            _lock: Some(lock),
        };
        store.configure(true)?;
        if existed {
            let version = store.schema_version()?;
            if version < LATEST_VERSION {
                store.backup_now(&format!("truoc-nang-cap-v{version}"))?;
            } else {
                store.daily_backup()?;
            }
        }
        store.migrate(!existed)?;
        Ok(store)
    }

    /// A database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            _lock: None,
        };
        store.configure(false)?;
        store.migrate(true)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&mut self, on_disk: bool) -> Result<()> {
        if on_disk {
            // WAL: readers never block the writer; FULL: a committed action survives a power cut.
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(())
    }

    fn migrate(&mut self, new_file: bool) -> Result<()> {
        if new_file {
            self.conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        migrations::migrate(&mut self.conn)
    }

    /// Runs `f` in one IMMEDIATE transaction: all of a user action is written, or none of it.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Takes the lock file beside `path` ("….lock"); refused while another process holds it.
pub(crate) fn lock_file(path: &Path) -> Result<File> {
    let lock_path = PathBuf::from(format!("{}.lock", path.display()));
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| StoreError::io(&lock_path, e))?;
    match f.try_lock() {
        Ok(()) => Ok(f),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked(path.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::io(&lock_path, e)),
    }
}

/// Checks an existing file with reads only: header, application id, schema version, integrity.
pub(crate) fn inspect_existing(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    if meta.is_dir() {
        return Err(StoreError::IsFolder(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Err(StoreError::Empty(path.to_path_buf()));
    }
    let mut header = [0u8; 16];
    let mut f = File::open(path).map_err(|e| StoreError::io(path, e))?;
    if f.read_exact(&mut header).is_err() || &header != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    // With no WAL beside it, read the file as immutable: SQLite then creates no -wal/-shm files, so a
    // refused file is left exactly as it was. A WAL left by a crash must be read with the file.
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let has_wal = wal.metadata().is_ok_and(|m| m.len() > 0);
    let ro = if has_wal {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
    } else {
        Connection::open_with_flags(
            immutable_uri(path)?,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
    .map_err(|e| StoreError::open(path, e))?;
    let read = |pragma: &str| -> Result<i64> {
        ro.pragma_query_value(None, pragma, |r| r.get::<_, i64>(0))
            .map_err(|e| StoreError::Corrupt(path.to_path_buf(), e.to_string()))
    };
    let app_id = read("application_id")?;
    if app_id != i64::from(APPLICATION_ID) {
        return Err(StoreError::OtherApplication(path.to_path_buf()));
    }
    let version = read("user_version")?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    let check: String = ro
        .pragma_query_value(None, "quick_check", |r| r.get(0))
        .map_err(|e| StoreError::Corrupt(path.to_path_buf(), e.to_string()))?;
    if check != "ok" {
        return Err(StoreError::Corrupt(path.to_path_buf(), check));
    }
    if meta.permissions().readonly() {
        return Err(StoreError::ReadOnly(path.to_path_buf()));
    }
    Ok(())
}

/// `file:` URI of `path` with `immutable=1`; every byte outside the unreserved set is %-encoded, so
/// Vietnamese names, spaces, '?' and '#' survive.
fn immutable_uri(path: &Path) -> Result<String> {
    let abs = std::path::absolute(path).map_err(|e| StoreError::io(path, e))?;
    let mut s = abs.to_string_lossy().replace('\\', "/");
    if !s.starts_with('/') {
        s.insert(0, '/'); // Windows: file:///C:/…
    }
    let mut uri = String::from("file://");
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => uri.push(b as char),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    Ok(uri)
}

/// NFC for a text parameter on its way into the file.
pub(crate) fn t(s: &str) -> String {
    nfc(s)
}
