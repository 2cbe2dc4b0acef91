//! Where files live: the default data file, the demo's own file, the user's Documents folder, and
//! what the user opened last (recent files and folders, the window's size and place), kept in a
//! small JSON file in the user's settings folder.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const MAX_FILES: usize = 8;
const MAX_FOLDERS: usize = 6;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("vn", "KhoiThiDua", "KhoiThiDua")
}

/// The folder of data files: `KHOITHIDUA_DATA`'s folder, else the platform's data folder.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KHOITHIDUA_DATA").filter(|p| !p.is_empty()) {
        return PathBuf::from(p).parent().map(Path::to_path_buf);
    }
    project().map(|d| d.data_dir().to_path_buf())
}

/// The default data file: `KHOITHIDUA_DATA`, else `khoithidua.sqlite` in the data folder.
pub fn default_data_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KHOITHIDUA_DATA").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project().map(|d| d.data_dir().join("khoithidua.sqlite"))
}

/// The demo bloc's own file, beside the data files and never one of them.
pub fn demo_file(data_dir: &Path) -> PathBuf {
    data_dir.join("khoi-mau.sqlite")
}

/// A new bloc's file in `dir`: named after the bloc, never an existing file.
pub fn new_bloc_file(dir: &Path, bloc_name: &str) -> PathBuf {
    let stem = super::exports::ascii_file_name(bloc_name);
    let stem = if stem.trim().is_empty() {
        "khoi-thi-dua".to_string()
    } else {
        stem
    };
    let first = dir.join(format!("{stem}.sqlite"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|i| dir.join(format!("{stem} ({i}).sqlite")))
        .find(|p| !p.exists())
        .expect("an unused name")
}

/// The user's Documents folder, or the home folder, or the current one.
pub fn documents_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(|d| d.to_path_buf())
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The settings file of the window: `KHOITHIDUA_CONFIG` (a folder), else the platform's.
pub fn recent_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KHOITHIDUA_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p).join("recent.json"));
    }
    project().map(|d| d.config_dir().join("recent.json"))
}

/// Where and how large the window was when it was last closed (logical pixels).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowPlace {
    pub width: f32,
    pub height: f32,
    pub x: Option<f32>,
    pub y: Option<f32>,
}

/// What the user opened last, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    #[serde(default)]
    pub files: Vec<PathBuf>,
    #[serde(default)]
    pub folders: Vec<PathBuf>,
    #[serde(default)]
    pub window: Option<WindowPlace>,
}

impl Recent {
    /// Reads `at`; a missing or unreadable file is an empty list (it is only a convenience).
    pub fn load(at: &Path) -> Self {
        std::fs::read(at)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes `at` whole (temporary name, then rename).
    pub fn save(&self, at: &Path) -> std::io::Result<()> {
        if let Some(dir) = at.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = at.with_extension(format!("json.tmp-{}", std::process::id()));
        // A path that is not UTF-8 cannot be written as JSON: an error, never a panic.
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, at).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }

    /// `path` was opened: first in the list, its folder first among the folders.
    pub fn opened(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.files.retain(|p| p != &path);
        self.files.insert(0, path.clone());
        self.files.truncate(MAX_FILES);
        if let Some(dir) = path.parent() {
            self.used_folder(dir);
        }
    }

    /// A folder was used to save or open something.
    pub fn used_folder(&mut self, dir: &Path) {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        self.folders.retain(|p| p != &dir);
        self.folders.insert(0, dir);
        self.folders.truncate(MAX_FOLDERS);
    }

    /// The recent files that still exist, newest first.
    pub fn existing_files(&self) -> Vec<PathBuf> {
        self.files.iter().filter(|p| p.is_file()).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_keeps_newest_first_without_repeats_and_survives_a_bad_file() {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("recent.json");
        let mut r = Recent::load(&at);
        assert_eq!(r, Recent::default());
        for i in 0..10 {
            r.opened(&dir.path().join(format!("k{i}.sqlite")));
        }
        r.opened(&dir.path().join("k3.sqlite"));
        assert_eq!(r.files.len(), MAX_FILES);
        assert!(r.files[0].ends_with("k3.sqlite"));
        assert_eq!(r.files.iter().filter(|p| p.ends_with("k3.sqlite")).count(), 1);
        assert_eq!(r.folders.len(), 1);
        r.save(&at).unwrap();
        assert_eq!(Recent::load(&at), r);
        std::fs::write(&at, b"{not json").unwrap();
        assert_eq!(Recent::load(&at), Recent::default());
    }

    #[test]
    fn a_new_bloc_file_never_takes_an_existing_name() {
        let dir = tempfile::tempdir().unwrap();
        let first = new_bloc_file(dir.path(), "Khối thi đua Nội chính");
        std::fs::write(&first, b"x").unwrap();
        let second = new_bloc_file(dir.path(), "Khối thi đua Nội chính");
        assert_ne!(first, second);
        assert!(!second.exists());
    }
}
