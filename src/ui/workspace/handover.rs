//! The data file itself: backups, restore, the handover bundle out and in.

use super::{Message, Prompt, StoreSlot, Workspace};
use crate::store::backup::restore;
use crate::store::Store;
use crate::ui::dialogs::{Ask, Kind, Purpose};
use crate::ui::screens::FileAction;
use iced::Task;
use std::path::PathBuf;

impl Workspace {
    pub(super) fn file_action(&mut self, f: FileAction) -> Task<Message> {
        match f {
            FileAction::BackupNow => {
                if let Some(s) = &self.store {
                    self.status = match s.backup_now("thu-cong") {
                        Ok(p) => format!("Đã sao lưu: {}", p.display()),
                        Err(e) => e.to_string(),
                    };
                }
                self.rebuild_all();
                Task::none()
            }
            FileAction::Restore(p) => {
                self.prompt = Some(Prompt::Restore(p));
                Task::none()
            }
            FileAction::ExportBundle => {
                let name = format!(
                    "Ban giao {} {}.json.gz",
                    crate::app::exports::ascii_file_name(&self.record.bloc.name),
                    self.record.year
                );
                Task::done(Message::Ask(Ask {
                    purpose: Purpose::BundleTo,
                    kind: Kind::Save { name },
                    title: "Bàn giao dữ liệu",
                    dir: self.save_folder(),
                    filter: "Tệp bàn giao",
                }))
            }
            FileAction::ImportBundle => Task::done(Message::Ask(Ask {
                purpose: Purpose::BundleFrom,
                kind: Kind::Open {
                    extensions: vec!["gz", "json"],
                },
                title: "Chọn tệp bàn giao nhận được",
                dir: self.save_folder(),
                filter: "Tệp bàn giao",
            })),
        }
    }

    /// Writes the handover bundle to `path` in a task (the store goes with it and comes back).
    pub(super) fn bundle_to(&mut self, path: PathBuf) -> Task<Message> {
        let Some(store) = self.store.take() else {
            return Task::none();
        };
        let db = self.path.clone();
        self.busy = Some("Đang ghi tệp bàn giao…".into());
        Task::perform(
            async move {
                let result = super::guarded(|| store.export_bundle(&chrono::Local::now().to_rfc3339()))
                    .map_err(|e| e.to_string())
                    .and_then(|b| {
                        let compress = path.extension().is_some_and(|e| e == "gz");
                        crate::app::exports::write_output(
                            Some(&db),
                            &[],
                            &path,
                            &crate::store::bundle::encode(&b, compress),
                        )
                        .map(|()| format!("Đã ghi tệp bàn giao: {}", path.display()))
                        .map_err(|e| e.to_string())
                    });
                (StoreSlot::new(store), result)
            },
            |(slot, result)| Message::BundleWritten(slot, result),
        )
    }

    /// A bundle was chosen: where to make the data file from it.
    pub(super) fn bundle_from(&mut self, bundle: PathBuf) -> Task<Message> {
        let name = bundle
            .file_stem()
            .map(|s| s.to_string_lossy().trim_end_matches(".json").to_string())
            .unwrap_or_else(|| "nhan-ban-giao".into());
        let dir = self.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        Task::done(Message::Ask(Ask {
            purpose: Purpose::ImportTarget(bundle),
            kind: Kind::Save {
                name: format!("{name}.sqlite"),
            },
            title: "Lưu dữ liệu nhận bàn giao thành tệp",
            dir,
            filter: "Dữ liệu Khối Thi Đua",
        }))
    }

    pub(super) fn import_to(&mut self, bundle: PathBuf, target: PathBuf) -> Task<Message> {
        self.busy = Some("Đang kiểm tra và nhận bàn giao…".into());
        Task::perform(
            async move { crate::app::files::receive_handover(&bundle, &target).map(|()| target) },
            Message::Imported,
        )
    }

    /// Closes the file, restores the backup (the current file is backed up first), opens it again.
    pub(super) fn restore(&mut self, backup: PathBuf) {
        drop(self.store.take());
        let result = restore(&self.path, &backup);
        match Store::open(&self.path) {
            Ok(s) => self.store = Some(s),
            Err(e) => {
                self.status = e.to_string();
                return;
            }
        }
        self.status = match result {
            Ok(replaced) => format!(
                "Đã khôi phục từ bản sao lưu. Dữ liệu trước đó được lưu tại {}.",
                replaced.path().display()
            ),
            Err(e) => e.to_string(),
        };
        let year = self.record.year;
        let status = self.status.clone();
        self.reload(year);
        self.status = status;
    }
}
