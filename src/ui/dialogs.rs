//! The one seam for file dialogs. Every file action asks here: the system dialog (rfd), a fixed
//! folder (tests, automation), or the window's own chooser. When the system cannot show a dialog
//! (no portal on Linux, a locked-down desktop) it answers at once with nothing: that quick "no"
//! opens the in-window chooser instead of stopping the action.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How file dialogs are answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialogs {
    /// The system's dialog, with the in-window chooser when it cannot be shown.
    System,
    /// A fixed folder answers "save" and "pick a folder" (tests, automation); "open" goes to the
    /// in-window chooser, starting in that folder.
    Folder(PathBuf),
    /// Always the in-window chooser.
    InWindow,
}

/// What a file is asked for, so the answer goes back to the right action.
#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// The pending document export.
    ExportDocument,
    /// Where the issued draft's PDF goes (or the reprint of an issued document).
    IssueDocument,
    /// Where the draft's Word copy goes.
    WordCopy,
    /// Where an Excel copy of a table of the year goes.
    Sheet(crate::app::sheets::Sheet, crate::domain::Year),
    /// The folder of the year's batch export.
    ExportAll,
    /// Where to write the handover bundle.
    BundleTo,
    /// The handover bundle received.
    BundleFrom,
    /// Where to make the data file from the received bundle.
    ImportTarget(PathBuf),
    /// A data file to open.
    OpenData,
    /// Where the new bloc's data file goes.
    NewBlocAt,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Save under a suggested name.
    Save {
        name: String,
    },
    /// Open an existing file with one of these extensions (empty: any).
    Open {
        extensions: Vec<&'static str>,
    },
    Folder,
}

/// One question to the user about a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    pub purpose: Purpose,
    pub kind: Kind,
    pub title: &'static str,
    /// The folder to start in.
    pub dir: PathBuf,
    /// The name of the file kind in the filter ("PDF", "Dữ liệu Khối Thi Đua").
    pub filter: &'static str,
}

/// The answer: a path, a cancel, or "no dialog could be shown" (then the in-window chooser).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub ask: Ask,
    pub path: Option<PathBuf>,
    pub no_dialog: bool,
}

/// A "no" from the system dialog faster than a person can cancel means it was never shown.
const TOO_FAST_TO_BE_A_PERSON: Duration = Duration::from_millis(400);

impl Dialogs {
    pub fn ask(&self, ask: Ask) -> iced::Task<Answer> {
        let fixed = |path: Option<PathBuf>, no_dialog| {
            iced::Task::done(Answer {
                ask: ask.clone(),
                path,
                no_dialog,
            })
        };
        match self {
            Dialogs::InWindow => fixed(None, true),
            Dialogs::Folder(dir) => match &ask.kind {
                Kind::Save { name } => fixed(Some(dir.join(name)), false),
                Kind::Folder => fixed(Some(dir.clone()), false),
                Kind::Open { .. } => fixed(None, true),
            },
            Dialogs::System => iced::Task::perform(
                async move {
                    let started = Instant::now();
                    let mut d = rfd::AsyncFileDialog::new().set_title(ask.title).set_directory(&ask.dir);
                    let path = match &ask.kind {
                        Kind::Save { name } => {
                            d = d.set_file_name(name);
                            if let Some(ext) = name.rsplit_once('.').map(|(_, e)| e.to_string()) {
                                d = d.add_filter(ask.filter, &[ext.as_str()]);
                            }
                            d.save_file().await
                        }
                        Kind::Open { extensions } => {
                            if !extensions.is_empty() {
                                d = d.add_filter(ask.filter, extensions);
                            }
                            d.pick_file().await
                        }
                        Kind::Folder => d.pick_folder().await,
                    }
                    .map(|h| h.path().to_path_buf());
                    let no_dialog = path.is_none() && started.elapsed() < TOO_FAST_TO_BE_A_PERSON;
                    Answer { ask, path, no_dialog }
                },
                |a| a,
            ),
        }
    }
}

/// Opens a file or folder in the system's viewer (to print a PDF), off the window's thread.
/// Resolves to the reason when it could not be opened.
pub fn open_in_system(path: PathBuf) -> iced::Task<Result<PathBuf, String>> {
    iced::Task::perform(
        async move {
            let result = open_blocking(&path);
            result.map(|()| path)
        },
        |r| r,
    )
}

#[cfg(all(unix, not(target_os = "macos")))]
fn open_blocking(path: &std::path::Path) -> Result<(), String> {
    // `xdg-open` says whether a viewer was found by its exit code; when a viewer was started it
    // may stay until the viewer closes, so waiting is bounded and the rest happens on a thread
    // that reaps it (no zombie left behind).
    let mut child = std::process::Command::new("xdg-open")
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("không chạy được xdg-open ({})", crate::store::files::os_reason(&e)))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(_)) => return Err("máy chưa có chương trình mở loại tệp này".into()),
            Ok(None) if started.elapsed() > Duration::from_secs(3) => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(crate::store::files::os_reason(&e)),
        }
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn open_blocking(path: &std::path::Path) -> Result<(), String> {
    opener::open(path).map_err(|e| e.to_string())
}
