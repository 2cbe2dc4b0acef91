//! Documents out of the window: the export form (the number the document will get, its date),
//! the save dialog, the year's batch export. Rendering runs in a task, off the window's thread,
//! with the store handed to it and back.

use super::{Message, StoreSlot, Workspace};
use crate::app::exports::{export_chosen, export_to, preview, DocRequest, ExportOptions};
use crate::ui::dialogs::{Ask, Kind, Purpose};
use crate::ui::widgets::*;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use std::path::{Path, PathBuf};

/// A document on its way out. First a small form shows the number it will get and its date, which
/// the user can change; then the save dialog asks where to write it. Nothing is numbered until the
/// file is written.
pub(super) struct PendingExport {
    pub req: DocRequest,
    pub file_name: String,
    pub title: String,
    /// "05/BB-KNC" as it will be printed; `None`: a document without a number.
    pub number: Option<String>,
    /// The date as typed, dd/mm/yyyy.
    pub date: String,
    /// Why the date cannot be used (unreadable, out of order with the register, missing).
    pub error: Option<String>,
    /// The date was confirmed and the save dialog asked for.
    pub confirmed: bool,
}

impl PendingExport {
    fn options(&self) -> ExportOptions {
        ExportOptions {
            number: None,
            date: crate::domain::text::parse_date_dmy(self.date.trim()).ok(),
        }
    }
}

/// A batch export under way.
pub(super) struct Batch {
    pub dir: PathBuf,
    pub queue: Vec<DocRequest>,
    pub total: usize,
    pub written: usize,
    pub failed: Vec<String>,
    /// The files this batch wrote: two documents with one title never overwrite each other.
    pub names: Vec<PathBuf>,
}

/// `dir/name`, or `dir/name (2).pdf`… when this batch already wrote that name.
fn unique_path(dir: &Path, name: &str, taken: &[PathBuf]) -> PathBuf {
    let first = dir.join(name);
    if !taken.contains(&first) {
        return first;
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|i| dir.join(format!("{stem} ({i}).{ext}")))
        .find(|p| !taken.contains(p))
        .expect("an unused name")
}

impl Workspace {
    /// Opens the export form: the number the document will get and its date (the one it was
    /// issued with, else its default), or an empty date and the reason when it needs one.
    pub(super) fn export(&mut self, req: DocRequest) -> Task<Message> {
        if self.pending_export.as_ref().is_some_and(|p| p.confirmed) {
            self.status = "Đang chờ chọn nơi lưu văn bản trước; hãy chọn hoặc hủy.".into();
            return Task::none();
        }
        let Some(store) = self.store.as_mut() else {
            return Task::none();
        };
        let (number, date, error, title, file_name) = match preview(store, &req, &ExportOptions::default(), self.today)
        {
            Ok(out) => (
                out.number,
                crate::domain::text::date_dmy(out.date),
                None,
                out.pdf.title,
                out.file_name,
            ),
            Err(e @ crate::app::exports::ExportError::NeedDate { .. }) => {
                (None, String::new(), Some(e.to_string()), String::new(), String::new())
            }
            Err(e) => {
                self.status = e.to_string();
                return Task::none();
            }
        };
        self.pending_export = Some(PendingExport {
            req,
            file_name,
            title,
            number,
            date,
            error,
            confirmed: false,
        });
        self.status = "Kiểm tra số và ngày văn bản, rồi bấm \u{201c}Xuất PDF…\u{201d} (Ctrl+P); hoặc \u{201c}Soạn thảo, xem trước…\u{201d} (Ctrl+E) để sửa nội dung trước khi in.".into();
        iced::widget::operation::focus(EXPORT_DATE_ID)
    }

    /// A date typed in the export form: read, then what the document would be with it (its number
    /// may change with the calendar year), or why it cannot be used.
    pub(super) fn export_date(&mut self, typed: String) {
        let (Some(p), Some(store)) = (self.pending_export.as_mut(), self.store.as_mut()) else {
            return;
        };
        p.date = typed;
        p.error = None;
        match crate::domain::text::parse_date_dmy(p.date.trim()) {
            Err(e) => p.error = Some(e),
            Ok(_) => match preview(store, &p.req, &p.options(), self.today) {
                Ok(out) => {
                    p.number = out.number;
                    p.title = out.pdf.title;
                    p.file_name = out.file_name;
                }
                Err(e) => p.error = Some(e.to_string()),
            },
        }
    }

    /// "Xuất PDF…": with a readable date that fits the register, asks where to save.
    pub(super) fn confirm_export(&mut self) -> Task<Message> {
        let typed = match &self.pending_export {
            Some(p) if !p.confirmed => p.date.clone(),
            _ => return Task::none(),
        };
        self.export_date(typed);
        let Some(p) = self.pending_export.as_mut() else {
            return Task::none();
        };
        if p.error.is_some() {
            self.status = "Chưa xuất: ngày văn bản chưa dùng được (xem thông báo bên cạnh).".into();
            return Task::none();
        }
        p.confirmed = true;
        let name = p.file_name.clone();
        Task::done(Message::Ask(Ask {
            purpose: Purpose::ExportDocument,
            kind: Kind::Save { name },
            title: "Lưu văn bản PDF",
            dir: self.save_folder(),
            filter: "PDF",
        }))
    }

    /// Writes the pending document to `path`, in a task.
    pub(super) fn export_to(&mut self, path: PathBuf) -> Task<Message> {
        // Only the document whose form was confirmed, never one asked for since.
        let Some(pending) = self.pending_export.take_if(|p| p.confirmed) else {
            return Task::none();
        };
        let Some(mut store) = self.store.take() else {
            self.pending_export = Some(pending);
            return Task::none();
        };
        self.busy = Some(format!("Đang xuất {}…", pending.title));
        let today = self.today;
        Task::perform(
            async move {
                let result = super::guarded(|| export_to(&mut store, &pending.req, &pending.options(), today, &path))
                    .map(|out| {
                        format!(
                            "Đã xuất {}{} ({} trang): {}",
                            out.pdf.title,
                            out.number.map(|n| format!(", số {n}")).unwrap_or_default(),
                            out.pdf.pages,
                            path.display()
                        )
                    })
                    .map_err(|e| e.to_string());
                (StoreSlot::new(store), result.map(|s| (s, path)))
            },
            |(slot, result)| Message::Exported(slot, result),
        )
    }

    pub(super) fn exported(&mut self, slot: StoreSlot, result: Result<(String, PathBuf), String>) {
        self.store = slot.take();
        self.busy = None;
        match result {
            Ok((status, path)) => {
                if let Some(dir) = path.parent() {
                    self.remember_folder(dir);
                }
                self.last_export = Some(path);
                self.reload(self.record.year); // the register gave a number
                self.status = status;
            }
            Err(e) => self.status = e,
        }
    }

    /// "Xuất tất cả văn bản năm": asks for a folder.
    pub(super) fn export_all(&mut self) -> Task<Message> {
        Task::done(Message::Ask(Ask {
            purpose: Purpose::ExportAll,
            kind: Kind::Folder,
            title: "Chọn thư mục lưu các văn bản",
            dir: self.save_folder(),
            filter: "",
        }))
    }

    pub(super) fn export_all_to(&mut self, dir: PathBuf) -> Task<Message> {
        if self.store.is_none() || self.batch.is_some() {
            self.status = "Đang bận; hãy xuất lại khi việc đang làm xong.".into();
            return Task::none();
        }
        if let Err(e) = std::fs::create_dir_all(&dir) {
            self.status = format!(
                "Không tạo được thư mục {}: {}",
                dir.display(),
                crate::store::files::os_reason(&e)
            );
            return Task::none();
        }
        let queue = crate::app::year_documents::year_documents(&self.record);
        if queue.is_empty() {
            self.status = format!("Năm {} chưa có văn bản nào để xuất.", self.record.year);
            return Task::none();
        }
        self.remember_folder(&dir);
        self.batch = Some(Batch {
            dir,
            total: queue.len(),
            queue,
            written: 0,
            failed: Vec::new(),
            names: Vec::new(),
        });
        self.batch_step()
    }

    /// Exports the next document of the batch in a task; the window redraws its progress between
    /// documents. Ends with the status.
    pub(super) fn batch_step(&mut self) -> Task<Message> {
        let Some(batch) = self.batch.as_mut() else {
            return Task::none();
        };
        if let Some(req) = batch.queue.pop() {
            let Some(mut store) = self.store.take() else {
                batch.queue.push(req);
                return Task::none();
            };
            let (dir, names) = (batch.dir.clone(), batch.names.clone());
            let today = self.today;
            return Task::perform(
                async move {
                    let mut written = None;
                    let result = super::guarded(|| {
                        export_chosen(&mut store, &req, &ExportOptions::default(), today, |made| {
                            let path = unique_path(&dir, &made.file_name, &names);
                            written = Some(path.clone());
                            path
                        })
                    })
                    .map(|_| written.expect("a path was chosen"))
                    .map_err(|e| e.to_string());
                    (StoreSlot::new(store), result)
                },
                |(slot, result)| Message::BatchDone(slot, result),
            );
        }
        let batch = self.batch.take().expect("checked above");
        self.reload(self.record.year); // the register gave numbers
        self.status = if batch.failed.is_empty() {
            format!(
                "Đã xuất {} văn bản năm {} vào {}.",
                batch.written,
                self.record.year,
                batch.dir.display()
            )
        } else {
            format!(
                "Đã xuất {}/{} văn bản; lỗi: {}",
                batch.written,
                batch.total,
                batch.failed.join("; ")
            )
        };
        self.last_export = Some(batch.dir);
        Task::none()
    }

    pub(super) fn batch_done(&mut self, slot: StoreSlot, result: Result<PathBuf, String>) -> Task<Message> {
        self.store = slot.take();
        if let Some(batch) = self.batch.as_mut() {
            match result {
                Ok(p) => {
                    batch.names.push(p);
                    batch.written += 1;
                }
                Err(e) => batch.failed.push(e),
            }
        }
        self.batch_step()
    }
}

pub const EXPORT_DATE_ID: &str = "export-date";

/// The form shown before an export: the document, the number it will get, its date (editable,
/// dd/mm/yyyy, its error beside it), "Xuất PDF…" and "Hủy".
pub(super) fn export_form(p: &PendingExport) -> Element<'_, Message> {
    let number = match &p.number {
        Some(n) => format!("Số: {n}"),
        None => "Văn bản không đánh số".into(),
    };
    let mut date = column![
        text("Ngày văn bản (dd/mm/yyyy)").size(13),
        iced::widget::text_input("dd/mm/yyyy", &p.date)
            .id(EXPORT_DATE_ID)
            .on_input(Message::ExportDate)
            .on_submit(Message::ExportConfirm)
            .padding(6)
            .size(15)
            .width(160),
    ]
    .spacing(3);
    if let Some(e) = &p.error {
        date = date.push(error_text(e.clone()));
    }
    panel(
        column![
            subheading(if p.title.is_empty() {
                "Xuất văn bản".to_string()
            } else {
                format!("Xuất {}", p.title)
            }),
            row![
                text(number).size(15).width(Length::Fixed(220.0)),
                date.width(Length::Fill),
                secondary("Soạn thảo, xem trước… (Ctrl+E)", Some(Message::DraftOpen)),
                primary("Xuất PDF…", Some(Message::ExportConfirm)),
                secondary("Hủy", Some(Message::ExportCancel)),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(6),
    )
}
