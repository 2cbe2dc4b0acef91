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
pub mod drafts;
mod error;
pub mod files;
mod marks;
mod migrations;
mod pledges;
mod scoring;
mod units;
mod year;
mod years;

pub use error::StoreError;
pub use migrations::LATEST_VERSION;
pub use year::{Counts, Health};
pub use years::YearCopy;

use crate::domain::text::nfc;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use sha2::Digest;
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
    /// What went wrong on opening without stopping it (a backup that could not be written…), in
    /// Vietnamese, for the window's status line and the command line's stderr.
    warnings: Vec<String>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens `path`, creating it (with its schema) when it does not exist yet. A file that is not
    /// ours, is damaged or was written by a newer version is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if path.exists() {
            inspect_existing(path, false)?;
            if let Some(of) = backup::owner_of(path) {
                return Err(StoreError::IsBackup(path.to_path_buf(), of));
            }
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
    /// first open of the day, then migrates. A backup that cannot be written is a warning, never a
    /// lock-out: the user must still be able to work and to export their data.
    fn open_locked(path: &Path, lock: File) -> Result<Store> {
        sweep_leftovers(path);
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
            warnings: Vec::new(),
        };
        store.configure(true)?;
        if existed {
            let version = store.schema_version()?;
            let backup = if version < LATEST_VERSION {
                // An upgrade is one way: it never runs without a copy of the file as it was. When
                // the backups folder cannot take one, a copy beside the file will do; when neither
                // can be written, the file is left as it is and not upgraded.
                let reason = format!("truoc-nang-cap-v{version}");
                match store.backup_now(&reason) {
                    Ok(p) => Ok(Some(p)),
                    Err(e) => {
                        let aside = files::with_suffix(path, &format!(".{reason}"));
                        store
                            .conn
                            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                            .map_err(StoreError::from)
                            .and_then(|()| {
                                std::fs::copy(path, &aside)
                                    .and_then(|_| File::open(&aside)?.sync_all())
                                    .map_err(|io| StoreError::io(&aside, io))
                            })
                            .map_err(|_| {
                                let _ = std::fs::remove_file(&aside);
                                StoreError::Migration(format!(
                                    "tệp cần nâng cấp lên phiên bản mới nhưng chưa sao lưu được trước khi nâng cấp ({}). Hãy giải phóng chỗ trống trên ổ đĩa hoặc sửa thư mục backups rồi mở lại; tệp được giữ nguyên",
                                    e.to_string().trim_end_matches('.')
                                ))
                            })?;
                        Err(StoreError::Io(
                            aside.clone(),
                            format!(
                                "bản sao trước khi nâng cấp được ghi cạnh tệp dữ liệu thay vì vào thư mục backups ({e})"
                            ),
                        ))
                    }
                }
            } else {
                store.daily_backup()
            };
            if let Err(e) = backup {
                log::warn!("automatic backup failed: {e}");
                store.warnings.push(format!(
                    "Chưa sao lưu được tự động: {}. Dữ liệu vẫn mở và làm việc bình thường; hãy khắc phục để phần mềm sao lưu được.",
                    e.to_string().trim_end_matches('.')
                ));
            }
        } else if let Some(dir) = path.parent() {
            sync_folder(dir);
        }
        store.migrate(!existed)?;
        store.ensure_file_id()?;
        Ok(store)
    }

    /// A store over a read-only connection to `path`, for copying it (the caller holds the lock).
    pub(crate) fn wrap_read_only(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: Some(path.to_path_buf()),
            _lock: None,
            warnings: Vec::new(),
        }
    }

    /// Opens `path` for `khoithidua check` without changing it: no migration, no backup. The file
    /// is read through a read-only connection and copied into memory, where an older schema is
    /// brought up to date so that its records can be checked. Returns the copy, the file's own
    /// schema version and its full integrity check.
    pub fn open_for_check(path: &Path) -> Result<(Store, i64, String)> {
        Store::open_for_check_while(path, |_| Ok(())).map(|(s, v, i, ())| (s, v, i))
    }

    /// `open_for_check`, with `work` done on the copy while the file's integrity check runs beside
    /// it on another thread (on a large file the integrity check is half of `check`'s time).
    pub fn open_for_check_while<T>(
        path: &Path,
        work: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<(Store, i64, String, T)> {
        inspect_for_reading(path, false)?;
        let lock = lock_file(path)?;
        let open_ro = || {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| StoreError::open(path, e))
        };
        let ro = open_ro()?;
        let version: i64 = ro.pragma_query_value(None, "user_version", |r| r.get(0))?;
        std::thread::scope(|scope| {
            let integrity = scope.spawn(|| -> Result<String> {
                let ro = open_ro()?;
                let lines = ro
                    .prepare("PRAGMA integrity_check")?
                    .query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(lines.join("; "))
            });
            let mut mem = Connection::open_in_memory()?;
            {
                let backup = rusqlite::backup::Backup::new(&ro, &mut mem)?;
                backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
            }
            drop(ro);
            let mut store = Store {
                conn: mem,
                path: None,
                _lock: Some(lock),
                warnings: Vec::new(),
            };
            store.configure(false)?;
            store.migrate(false)?;
            let done = work(&store);
            let integrity = integrity.join().unwrap_or_else(|_| {
                Err(StoreError::Corrupt(
                    path.to_path_buf(),
                    "kiểm tra toàn vẹn bị ngắt".into(),
                ))
            })?;
            Ok((store, version, integrity, done?))
        })
    }

    /// Runs `f` in a transaction that is always rolled back: what a write would give, with nothing
    /// kept (the number an export would get, before the user has chosen where to save it).
    pub fn dry_run<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.in_transaction(f, |_| false)
    }

    /// Warnings of the open (a backup that could not be written).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Gives the file an id of its own, recorded in every backup of it (see `backup`).
    fn ensure_file_id(&mut self) -> Result<()> {
        if self.file_id()?.is_some() {
            return Ok(());
        }
        let seed = format!(
            "{:?}{}{:?}",
            std::time::SystemTime::now(),
            std::process::id(),
            self.path
        );
        let digest = sha2::Sha256::digest(seed.as_bytes());
        let id: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES ('file_id', ?1)",
                [id],
            )?;
            Ok(())
        })
    }

    /// A database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            _lock: None,
            warnings: Vec::new(),
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
            // journal_mode = WAL (kept in the file): readers never block the writer, and a commit
            // appends to the "-wal" file instead of overwriting pages in place.
            // synchronous = FULL (2; a setting of the connection, not of the file, so set at every
            // open): in WAL mode SQLite then syncs the WAL at every commit, so a committed action
            // survives a power cut or a system crash, not only the death of the program. NORMAL (1)
            // syncs only at checkpoints: still safe when the process is killed, but the last actions
            // before a power cut could be lost, and a user who saw "đã lưu" must not lose them. One
            // fsync per action costs little at a secretariat's pace. `tests/crash.rs` asserts both
            // values on the connection of a running writer (it kills writers with SIGKILL, which
            // tests process death, not power loss).
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
    /// Inside `atomically` it runs in a savepoint of the enclosing transaction instead.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            let sp = self.conn.savepoint()?;
            let out = f(&sp)?;
            sp.commit()?;
            return Ok(out);
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs several writes as one transaction: every write `f` makes is kept only if it returns
    /// `Ok`. An export uses it so that a register number is kept only when its file was written.
    pub fn atomically<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.in_transaction(f, |out| out.is_ok())
    }

    /// One IMMEDIATE transaction around `f`, committed when `keep` says so, else rolled back.
    fn in_transaction<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
        keep: impl FnOnce(&std::result::Result<T, E>) -> bool,
    ) -> std::result::Result<T, E> {
        let sql = |conn: &Connection, s: &str| conn.execute_batch(s).map_err(|e| E::from(StoreError::from(e)));
        sql(&self.conn, "BEGIN IMMEDIATE")?;
        let out = f(self);
        if keep(&out) {
            if let Err(e) = sql(&self.conn, "COMMIT") {
                // A failed COMMIT (busy, disk full) leaves the transaction open: end it, or every
                // later write would run inside it and vanish when the file closes.
                let _ = self.conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        } else {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        out
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

/// Removes what a killed process may have left beside the data file (we hold its lock, so nobody
/// else is writing them): export temporaries, a half-built import, a half-copied restore, and
/// half-written backups.
fn sweep_leftovers(db: &Path) {
    let name = files::name_of(db);
    files::sweep_stale(files::folder_of(db), &name, &["tmp", "nhan-ban-giao", "khoi-phuc"]);
    let dir = backup::backups_dir(db);
    let own = backup::prefix(db);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with(&own) && (name.ends_with(".tmp") || name.ends_with(".tmp-journal")) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Makes a rename or a new file in `dir` durable (a no-op where folders cannot be synced).
pub(crate) fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Checks an existing file with reads only: header, application id, schema version; with `full`,
/// also SQLite's quick check, which reads the whole file (for `check`, a restore and the daily
/// backup — a normal open costs the same whatever the file's size).
pub(crate) fn inspect_existing(path: &Path, full: bool) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| StoreError::io(path, e))?;
    if meta.is_dir() {
        return Err(StoreError::IsFolder(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Err(StoreError::Empty(path.to_path_buf()));
    }
    let mut header = [0u8; 100];
    let mut f = File::open(path).map_err(|e| StoreError::io(path, e))?;
    if f.read_exact(&mut header).is_err() || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite(path.to_path_buf()));
    }
    // With no WAL beside it, read the file as immutable: SQLite then creates no -wal/-shm files, so a
    // refused file is left exactly as it was. A WAL left by a crash must be read with the file.
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let has_wal = wal.metadata().is_ok_and(|m| m.len() > 0);
    if !has_wal {
        if let Some(expected) = header_size(&header) {
            if meta.len() < expected {
                return Err(StoreError::Corrupt(
                    path.to_path_buf(),
                    format!("tệp bị cắt cụt: {} byte, đầu tệp ghi {expected} byte", meta.len()),
                ));
            }
        }
    }
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
    // Reading the schema touches the first pages: a file cut short or scribbled over mostly fails here.
    ro.query_row("SELECT COUNT(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(|e| StoreError::Corrupt(path.to_path_buf(), e.to_string()))?;
    if full {
        let check: String = ro
            .pragma_query_value(None, "quick_check", |r| r.get(0))
            .map_err(|e| StoreError::Corrupt(path.to_path_buf(), e.to_string()))?;
        if check != "ok" {
            return Err(StoreError::Corrupt(path.to_path_buf(), check));
        }
    }
    if meta.permissions().readonly() {
        return Err(StoreError::ReadOnly(path.to_path_buf()));
    }
    Ok(())
}

/// `inspect_existing` for a file that will only be read (a backup being restored, a file being
/// checked): a read-only file is fine.
pub(crate) fn inspect_for_reading(path: &Path, full: bool) -> Result<()> {
    match inspect_existing(path, full) {
        Err(StoreError::ReadOnly(_)) => Ok(()),
        other => other,
    }
}

/// The database size the header records (page size × page count), when the header vouches for it
/// (its "version-valid-for" number equals the change counter).
fn header_size(h: &[u8; 100]) -> Option<u64> {
    let be32 = |o: usize| u32::from_be_bytes([h[o], h[o + 1], h[o + 2], h[o + 3]]);
    let page_size = match u16::from_be_bytes([h[16], h[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    (be32(24) == be32(92) && page_size >= 512).then(|| page_size * u64::from(be32(28)))
}

/// `file:` URI of `path` with `immutable=1`; every byte outside the unreserved set is %-encoded, so
/// Vietnamese names, spaces, '?' and '#' survive.
pub(crate) fn immutable_uri(path: &Path) -> Result<String> {
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
