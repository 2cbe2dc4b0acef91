//! `khoithidua demo FILE [--years N --units N]`.

use super::{CliError, CliResult};
use crate::store::Store;
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, years: Option<i32>, units: Option<usize>) -> CliResult {
    if file.exists() {
        return Err(CliError(format!(
            "Tệp \u{201c}{}\u{201d} đã có; không ghi đè. Hãy chọn tên tệp khác.",
            file.display()
        )));
    }
    if let (Some(y), Some(u)) = (years, units) {
        if !(1..=100).contains(&y) || !(2..=500).contains(&u) {
            return Err(CliError("Số năm phải từ 1 đến 100 và số đơn vị từ 2 đến 500.".into()));
        }
    }
    write_atomically(file, |store| match (years, units) {
        (Some(y), Some(u)) => crate::demo::write_synthetic(store, y, u),
        _ => crate::demo::write_demo(store).map(|_| ()),
    })?;
    println!("Đã tạo tệp dữ liệu mẫu \u{201c}{}\u{201d}.", file.display());
    Ok(ExitCode::SUCCESS)
}

/// Builds the file under a temporary name beside the target and renames it into place only when
/// complete, so that a failure never leaves a half-written data file.
pub fn write_atomically(
    file: &Path,
    fill: impl FnOnce(&mut Store) -> crate::store::Result<()>,
) -> Result<(), CliError> {
    let name = file
        .file_name()
        .ok_or_else(|| CliError(format!("\u{201c}{}\u{201d} không phải là tên tệp.", file.display())))?;
    let tmp = file.with_file_name(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut store = Store::open(&tmp)?;
        fill(&mut store)?;
        drop(store); // closes the connection: the WAL is checkpointed into the file
        let _ = std::fs::remove_file(format!("{}.lock", tmp.display()));
        std::fs::rename(&tmp, file).map_err(|e| CliError(format!("Không ghi được tệp: {e}")))
    })();
    if result.is_err() {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
        }
    }
    result
}

/// `write_atomically` for callers outside the CLI (the window's "new bloc").
pub fn write_atomically_with(
    file: &Path,
    fill: impl FnOnce(&mut Store) -> crate::store::Result<()>,
) -> Result<(), CliError> {
    write_atomically(file, fill)
}

/// Creates `file` with the demo bloc (used on first start of the window).
pub fn write_demo_file(file: &Path) -> Result<(), CliError> {
    write_atomically(file, |store| crate::demo::write_demo(store).map(|_| ()))
}
