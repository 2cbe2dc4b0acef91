//! Creating a data file from a verified bundle. The target's lock is taken first and held through the
//! rename: `--force` replaces a file that exists, never one in use. The new file is built under a
//! temporary name beside the target, in one transaction, then counted and checked as `khoithidua
//! check` would, synced, and renamed into place. On any error nothing is left behind; temporary files
//! of an import that was killed are removed by the next import to the same target.

use super::{check, kind_label, Bundle, BundleError, COUNTED_KINDS};
use crate::store::{lock_file, Store, StoreError};
use std::path::{Path, PathBuf};

/// The temporary file of an import: ".NAME.nhan-ban-giao-PID" beside the target.
const TEMP_MARK: &str = ".nhan-ban-giao-";
const SIDE_FILES: [&str; 4] = ["", "-wal", "-shm", ".lock"];

/// Creates the data file `target` from a verified bundle (`overwrite`: replace a file that exists
/// and is not in use).
pub fn import(bundle: &Bundle, target: &Path, overwrite: bool) -> Result<(), BundleError> {
    check::verify(bundle)?;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(BundleError::Target(StoreError::MissingFolder(dir.to_path_buf())));
    }
    if target.is_dir() {
        return Err(BundleError::Target(StoreError::IsFolder(target.to_path_buf())));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if target.exists() && !overwrite {
        return Err(BundleError::Exists(target.display().to_string()));
    }
    // A backup copy is a point to go back to: even `--force` does not turn it into something else.
    if target.exists() && crate::store::backup::owner_of(target).is_some() {
        return Err(BundleError::Target(StoreError::ProtectedTarget {
            target: target.to_path_buf(),
            what: "một bản sao lưu (khôi phục nó bằng \u{201c}Khôi phục\u{201d}, không ghi đè)".into(),
        }));
    }
    let lock_path = side(target, ".lock");
    let lock_existed = lock_path.exists();
    // Held until the new file is in place: a window or command that has the target open keeps it.
    let lock = lock_file(target).map_err(|e| match e {
        StoreError::Locked(_) => BundleError::Target(e),
        e => write_error(target, &e.to_string()),
    })?;
    let result = build(bundle, target, dir, &name, overwrite);
    if result.is_err() && !lock_existed {
        // Ours: unlinked while still held, so that no one takes a lock on a file about to vanish.
        let _ = std::fs::remove_file(&lock_path);
    }
    drop(lock);
    result
}

fn side(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

/// A temporary data file and its side files, removed when dropped unless kept.
struct Temporary {
    path: PathBuf,
    keep: bool,
}

impl Temporary {
    fn remove(path: &Path) {
        for suffix in SIDE_FILES {
            let _ = std::fs::remove_file(side(path, suffix));
        }
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.keep {
            Temporary::remove(&self.path);
        }
    }
}

/// Temporary files of earlier imports to the same target (killed, or stopped by a power cut): any
/// whose lock is free. The caller holds the target's lock, so no import to it is under way.
fn clean_stale(dir: &Path, name: &str) {
    let prefix = format!(".{name}{TEMP_MARK}");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(&prefix)?;
            let pid = SIDE_FILES[1..]
                .iter()
                .find_map(|s| rest.strip_suffix(s))
                .unwrap_or(rest);
            (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())).then(|| dir.join(format!("{prefix}{pid}")))
        })
        .collect();
    stale.sort();
    stale.dedup();
    for tmp in stale {
        let lock_existed = side(&tmp, ".lock").exists();
        if let Ok(lock) = lock_file(&tmp) {
            Temporary::remove(&tmp);
            drop(lock);
        } else if !lock_existed {
            let _ = std::fs::remove_file(side(&tmp, ".lock"));
        }
    }
}

fn build(bundle: &Bundle, target: &Path, dir: &Path, name: &str, overwrite: bool) -> Result<(), BundleError> {
    if target.exists() && !overwrite {
        return Err(BundleError::Exists(target.display().to_string()));
    }
    // A backup copy is a point to go back to: even `--force` does not turn it into something else.
    if target.exists() && crate::store::backup::owner_of(target).is_some() {
        return Err(BundleError::Target(StoreError::ProtectedTarget {
            target: target.to_path_buf(),
            what: "một bản sao lưu (khôi phục nó bằng \u{201c}Khôi phục\u{201d}, không ghi đè)".into(),
        }));
    }
    clean_stale(dir, name);
    let tmp = dir.join(format!(".{name}{TEMP_MARK}{}", std::process::id()));
    Temporary::remove(&tmp);
    let mut guard = Temporary {
        path: tmp.clone(),
        keep: false,
    };
    let record = || "tệp vừa tạo".to_string();
    let mut store = Store::open(&tmp).map_err(|e| write_error(target, &e.to_string()))?;
    // One transaction for the whole record: one sync instead of one per record group.
    store
        .atomically(|s| s.fill_from(&bundle.content))
        .map_err(|e| match e {
            // Beginning or committing the transaction: the disk, not the bundle.
            BundleError::Store(e) => retarget(classify(e, record), target),
            e => retarget(e, target),
        })?;
    // Counted again from the file: nothing lost on the way.
    let mut got = store.counts().map_err(|e| classify(e, record))?.0;
    got.push((
        "rules",
        store.all_rules().map_err(|e| classify(e, record))?.len() as i64,
    ));
    for kind in COUNTED_KINDS {
        let expected = bundle.manifest.counts.get(kind).copied().unwrap_or(0);
        let n = got.iter().find(|(k, _)| *k == kind).map_or(0, |(_, n)| *n as u64);
        if n != expected {
            return Err(BundleError::Counts {
                kind: format!("{kind} ({})", kind_label(kind)),
                expected,
                got: n,
            });
        }
    }
    // What `khoithidua check` accepts, and nothing else.
    let problems = store.all_problems().map_err(|e| classify(e, record))?;
    if !problems.is_empty() {
        return Err(BundleError::Problems(
            problems
                .iter()
                .map(|(year, p)| format!("năm {year}, {}: {} (trường {})", p.location, p.message, p.field))
                .collect(),
        ));
    }
    let health = store.health().map_err(|e| classify(e, record))?;
    if health.integrity != "ok" || health.foreign_key_errors > 0 {
        return Err(BundleError::Problems(vec![format!(
            "tính toàn vẹn của tệp: {}; {} lỗi khóa ngoại",
            health.integrity, health.foreign_key_errors
        )]));
    }
    drop(store);
    let sync = |p: &Path| std::fs::File::open(p).and_then(|f| f.sync_all());
    sync(&tmp).map_err(|e| write_error(target, &super::read::os_error(&e)))?;
    if overwrite {
        // The file being replaced is backed up first (or, damaged, copied aside), its WAL folded
        // in: removing the WAL below then loses nothing, even if we are killed before the rename.
        // A stale WAL must not be replayed onto the new file (no one else holds it: we do).
        crate::store::backup::keep_before_replacing(target, crate::store::backup::BEFORE_IMPORT, &[])
            .map_err(|e| retarget(classify(e, || "tệp dữ liệu đang có".to_string()), target))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(side(target, suffix));
        }
    }
    std::fs::rename(&tmp, target).map_err(|e| write_error(target, &super::read::os_error(&e)))?;
    guard.keep = true;
    let _ = std::fs::remove_file(side(&tmp, ".lock"));
    // The rename itself survives a power cut once the folder is synced (not possible on Windows).
    #[cfg(unix)]
    let _ = sync(dir);
    Ok(())
}

fn write_error(target: &Path, detail: &str) -> BundleError {
    BundleError::Write {
        file: target.to_path_buf(),
        detail: detail.to_string(),
    }
}

/// A write error names the target, not the temporary file.
fn retarget(e: BundleError, target: &Path) -> BundleError {
    match e {
        BundleError::Write { detail, .. } => write_error(target, &detail),
        e => e,
    }
}

/// A store error while filling the new file: the disk or folder (full, read-only, no permission) or
/// the record itself.
pub(super) fn classify(e: StoreError, record: impl FnOnce() -> String) -> BundleError {
    use rusqlite::ErrorCode as C;
    let io = match &e {
        StoreError::Io(..) | StoreError::Open(..) | StoreError::Migration(_) | StoreError::ReadOnly(_) => {
            Some(e.to_string())
        }
        StoreError::Sqlite(inner) if matches!(**inner, rusqlite::Error::SqliteFailure(..)) => {
            let rusqlite::Error::SqliteFailure(f, msg) = &**inner else {
                unreachable!("matched above")
            };
            let what = match f.code {
                C::DiskFull => Some("ổ đĩa đã đầy"),
                C::SystemIoFailure => Some("lỗi đọc/ghi đĩa"),
                C::ReadOnly | C::PermissionDenied | C::CannotOpen => Some("không có quyền ghi"),
                C::OutOfMemory => Some("hết bộ nhớ"),
                C::DatabaseBusy | C::DatabaseLocked | C::FileLockingProtocolFailed => Some("tệp đang bị khóa"),
                _ => None,
            };
            what.map(|w| format!("{w} ({})", msg.clone().unwrap_or_else(|| f.to_string())))
        }
        _ => None,
    };
    match io {
        Some(detail) => BundleError::Write {
            file: PathBuf::new(),
            detail,
        },
        None => BundleError::Record {
            record: record(),
            source: e,
        },
    }
}
