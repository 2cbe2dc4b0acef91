//! Creating a data file: built whole under a temporary name beside the target and renamed into
//! place only when complete, never over an existing file, so that a failure leaves nothing
//! half-written and no data is replaced.

use crate::domain::{Bloc, Unit, Year};
use crate::store::Store;
use std::path::Path;

/// Why a data file was not created, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateError(pub String);

impl std::fmt::Display for CreateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CreateError {}

/// Creates `file` filled by `fill`. Refuses an existing file and a missing folder (a mistyped path
/// never makes folders; see [`ensure_folder`] for the app's own data folder).
pub fn create_data_file(
    file: &Path,
    fill: impl FnOnce(&mut Store) -> crate::store::Result<()>,
) -> Result<(), CreateError> {
    let name = file
        .file_name()
        .ok_or_else(|| CreateError(format!("\u{201c}{}\u{201d} không phải là tên tệp.", file.display())))?;
    if file.exists() {
        return Err(CreateError(format!(
            "Tệp \u{201c}{}\u{201d} đã có; không ghi đè. Hãy chọn tên tệp khác.",
            file.display()
        )));
    }
    let tmp = file.with_file_name(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
    let result = (|| {
        let mut store = Store::open(&tmp).map_err(|e| CreateError(e.to_string()))?;
        fill(&mut store).map_err(|e| CreateError(e.to_string()))?;
        drop(store); // closes the connection: the WAL is checkpointed into the file
        let _ = std::fs::remove_file(format!("{}.lock", tmp.display()));
        // A hard link is made only if nothing has the name: a file made meanwhile is never replaced.
        // Where the file system has no hard links, rename after one more look.
        let placed = match std::fs::hard_link(&tmp, file) {
            Ok(()) => std::fs::remove_file(&tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(CreateError(format!(
                    "Tệp \u{201c}{}\u{201d} vừa được tạo bởi chương trình khác; không ghi đè.",
                    file.display()
                )))
            }
            Err(_) if !file.exists() => std::fs::rename(&tmp, file),
            Err(e) => Err(e),
        };
        placed.map_err(|e| CreateError(format!("Không ghi được tệp: {}", crate::store::files::os_reason(&e))))
    })();
    if result.is_err() {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
        }
    }
    result
}

/// Makes the app's data folder (it does not exist before the first data file).
pub fn ensure_folder(dir: &Path) -> Result<(), CreateError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        CreateError(format!(
            "Không tạo được thư mục {}: {}",
            dir.display(),
            crate::store::files::os_reason(&e)
        ))
    })
}

/// Creates `file` with the demo bloc, marked as the demo everywhere it is shown.
pub fn write_demo_file(file: &Path) -> Result<(), CreateError> {
    create_data_file(file, |store| {
        crate::demo::write_demo(store)?;
        store.mark_demo()
    })
}

/// A new bloc as typed in the window: its identity, its first members, the year it starts.
#[derive(Debug, Clone)]
pub struct NewBloc {
    pub bloc: Bloc,
    pub units: Vec<Unit>,
    pub year: Year,
}

/// Creates `file` holding the new bloc, its units as the members of its first year.
pub fn create_bloc(file: &Path, new: NewBloc) -> Result<(), CreateError> {
    let NewBloc { bloc, mut units, year } = new;
    create_data_file(file, |s: &mut Store| {
        s.save_bloc(&bloc)?;
        s.save_units(&mut units)?;
        s.set_members(year, &units.iter().map(|u| u.id).collect::<Vec<_>>())
    })
}

/// Receives a handover: reads and checks the bundle, then makes the data file `target` from it
/// (never over an existing file). The reason in Vietnamese when it cannot.
pub fn receive_handover(bundle: &Path, target: &Path) -> Result<(), String> {
    let b = crate::store::bundle::read_file(bundle).map_err(|e| e.to_string())?;
    crate::store::bundle::import(&b, target, false).map_err(|e| e.to_string())
}
