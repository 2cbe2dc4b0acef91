//! The files that belong to a data file — its SQLite companions, its lock, its backups — and the
//! guard every writer of an output file goes through, so that no export, bundle or text copy can
//! ever land on one of them. Paths are compared by identity (the file they resolve to), not by
//! spelling: `./d.sqlite`, a symlink to it and a hard link are all the data file.

use super::{backup::backups_dir, Result, StoreError};
use std::path::{Path, PathBuf};

/// `path` with `suffix` appended to its file name: "d.sqlite" + "-wal".
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// The data file and the files SQLite and the app keep beside it.
pub fn companions(db: &Path) -> Vec<PathBuf> {
    let mut v = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal", ".lock"] {
        v.push(with_suffix(db, suffix));
    }
    v
}

/// The absolute, symlink-free form of `p`, whether or not `p` exists yet (its folder must).
fn resolved(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = std::fs::canonicalize(p) {
        return Some(c);
    }
    let name = p.file_name()?;
    let parent = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::canonicalize(parent).ok().map(|d| d.join(name))
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

/// Whether `a` and `b` name the same file (or would, once created).
pub fn same_file(a: &Path, b: &Path) -> bool {
    if same_inode(a, b) {
        return true;
    }
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => {
            x == y || (cfg!(windows) && x.to_string_lossy().to_lowercase() == y.to_string_lossy().to_lowercase())
        }
        _ => false,
    }
}

/// Checks that `target` may be written by an export while `db` is the data file and `reading`
/// are files being read (a bundle, a backup). Returns the path to write: a symlink is followed,
/// so the file it points to is replaced and the link itself stays.
pub fn output_target(target: &Path, db: &Path, reading: &[&Path]) -> Result<PathBuf> {
    let refuse = |what: &str| {
        Err(StoreError::ProtectedTarget {
            target: target.to_path_buf(),
            what: what.to_string(),
        })
    };
    if target.is_dir() {
        return refuse("một thư mục");
    }
    for (i, c) in companions(db).iter().enumerate() {
        if same_file(target, c) {
            return refuse(if i == 0 {
                "tệp dữ liệu đang mở"
            } else {
                "một tệp đi kèm tệp dữ liệu (nhật ký, khóa)"
            });
        }
    }
    for r in reading {
        if same_file(target, r) {
            return refuse("tệp đang được đọc");
        }
    }
    if is_our_data_file(target) {
        return refuse("một tệp dữ liệu Khối Thi Đua khác (hoặc bản sao lưu)");
    }
    let write_path = resolved(target).unwrap_or_else(|| target.to_path_buf());
    if let (Some(dir), Some(parent)) = (resolved(&backups_dir(db)), write_path.parent()) {
        if parent.starts_with(&dir) {
            return refuse("thư mục sao lưu của tệp dữ liệu");
        }
    }
    // A dangling symlink resolves to nothing: refuse rather than replace the link.
    if target.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) && !target.exists() {
        return refuse("một liên kết tới tệp không còn tồn tại");
    }
    Ok(write_path)
}

/// Whether `p` is a data file of ours (SQLite with our application id): an export never replaces
/// one, whichever bloc it holds.
fn is_our_data_file(p: &Path) -> bool {
    use std::io::Read;
    let mut h = [0u8; 72];
    let read = std::fs::File::open(p).and_then(|mut f| f.read_exact(&mut h));
    read.is_ok()
        && &h[..16] == b"SQLite format 3\0"
        && i32::from_be_bytes([h[68], h[69], h[70], h[71]]) == super::APPLICATION_ID
}

/// Whether the process that wrote a temporary file named after `pid` may still be running.
fn pid_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        // No cheap way to ask elsewhere: treat it as alive; the age rule below still applies.
        true
    }
}

/// Removes the temporary files a killed writer may have left in `dir`: names that start with
/// `.{name}.` and end in one of `kinds` followed by a process id ("….tmp-1234"), when that
/// process is gone or the file is over an hour old.
pub fn sweep_stale(dir: &Path, name: &str, kinds: &[&str]) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let Some(pid) = kinds.iter().find_map(|k| {
            rest.strip_prefix(k)
                .and_then(|r| r.strip_prefix('-'))
                .map(|r| r.chars().take_while(char::is_ascii_digit).collect::<String>())
        }) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if !pid_alive(pid) || (old && pid != std::process::id()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The folder a path lives in ("." for a bare name).
pub fn folder_of(p: &Path) -> &Path {
    p.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The file name of `p` as text.
pub fn name_of(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An OS error said in Vietnamese first, the system's own words after it.
pub fn os_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let vi = match e.kind() {
        NotFound => "không tìm thấy tệp hoặc thư mục",
        PermissionDenied => "không có quyền đọc/ghi ở đây",
        AlreadyExists => "đã có tệp mang tên này",
        StorageFull => "ổ đĩa đã đầy",
        ReadOnlyFilesystem => "ổ đĩa hoặc thư mục chỉ cho phép đọc",
        IsADirectory => "đó là một thư mục",
        NotADirectory => "một phần của đường dẫn không phải thư mục",
        InvalidFilename => "tên tệp quá dài hoặc có ký tự không được phép",
        _ if e.raw_os_error() == Some(28) => "ổ đĩa đã đầy",
        _ if e.raw_os_error() == Some(36) => "tên tệp quá dài",
        _ => "lỗi của hệ điều hành",
    };
    format!("{vi} ({e})")
}
