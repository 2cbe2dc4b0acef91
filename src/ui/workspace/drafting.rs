//! The draft editor inside the workspace: opening a document's draft, and the work it asks for
//! that needs the data file (save, issue, Word copy, regenerate).

use super::{Message, StoreSlot, Workspace};
use crate::app::drafts;
use crate::app::exports::{ascii_file_name, export_to, write_output, ExportOptions};
use crate::documents::Draft;
use crate::ui::dialogs::{Ask, Kind, Purpose};
use crate::ui::draft_editor::{Editor, Out, SUBJECT_ID};
use iced::Task;
use std::path::PathBuf;

impl Workspace {
    /// "Soạn thảo, xem trước…" in the export form: the document's draft (saved, issued, or made
    /// from the data) in the editor.
    pub(super) fn open_draft(&mut self) -> Task<Message> {
        let (Some(p), Some(store)) = (self.pending_export.as_ref(), self.store.as_ref()) else {
            return Task::none();
        };
        match drafts::open(store, &p.req, self.today) {
            Ok(opened) => {
                let req = self.pending_export.take().expect("checked above").req;
                let editor = Editor::new(req, opened);
                self.status = if editor.issued() {
                    "Văn bản đã phát hành: xem, in lại hoặc lấy bản Word; nội dung không sửa được nữa.".into()
                } else {
                    "Sửa nội dung văn bản; trang in bên phải cập nhật theo. Lưu bản nháp, hoặc phát hành khi xong."
                        .into()
                };
                self.editor = Some(Box::new(editor));
                iced::widget::operation::focus(SUBJECT_ID)
            }
            Err(e) => {
                self.status = e.to_string();
                Task::none()
            }
        }
    }

    pub(super) fn draft_message(&mut self, m: crate::ui::draft_editor::Message) -> Task<Message> {
        let Some(ed) = self.editor.as_mut() else {
            return Task::none();
        };
        match ed.update(m) {
            Out::None => Task::none(),
            Out::Save => {
                self.save_draft();
                Task::none()
            }
            Out::Issue => {
                let name = format!("{}.pdf", ascii_file_name(&ed.draft.title));
                let title = if ed.issued() {
                    "In lại văn bản PDF"
                } else {
                    "Phát hành: lưu văn bản PDF"
                };
                self.ask_file(Purpose::IssueDocument, name, title, "PDF")
            }
            Out::Word => {
                let name = format!("{}.docx", ascii_file_name(&ed.draft.title));
                self.ask_file(Purpose::WordCopy, name, "Lưu bản Word", "Word")
            }
            Out::Regenerate => {
                let Some(store) = self.store.as_ref() else {
                    return Task::none();
                };
                match drafts::regenerate(store, &ed.req, &ed.draft) {
                    Ok((fresh, changes)) => {
                        self.status = format!("Nội dung lấy lại từ số liệu khác bản nháp ở {} dòng.", changes.len());
                        ed.show_regenerated(fresh, changes);
                    }
                    Err(e) => self.status = e.to_string(),
                }
                Task::none()
            }
            Out::Close => {
                self.editor = None;
                self.status = "Đã đóng bản nháp.".into();
                Task::none()
            }
        }
    }

    fn ask_file(&self, purpose: Purpose, name: String, title: &'static str, filter: &'static str) -> Task<Message> {
        Task::done(Message::Ask(Ask {
            purpose,
            kind: Kind::Save { name },
            title,
            dir: self.save_folder(),
            filter,
        }))
    }

    /// Saves the draft being edited (Ctrl+S in the editor).
    pub(super) fn save_draft(&mut self) {
        let (Some(ed), Some(store)) = (self.editor.as_mut(), self.store.as_mut()) else {
            return;
        };
        if ed.issued() {
            self.status = "Văn bản đã phát hành; không có gì để lưu.".into();
            return;
        }
        match drafts::save(store, &ed.source, ed.year, &ed.draft) {
            Ok(()) => {
                ed.saved();
                self.status = format!("Đã lưu bản nháp {}.", ed.draft.title);
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    /// Issues the draft and writes its PDF to `path` (or reprints the issued document), in a task.
    pub(super) fn issue_to(&mut self, path: PathBuf) -> Task<Message> {
        let Some(ed) = self.editor.as_ref() else {
            return Task::none();
        };
        let number = match ed.hand_number() {
            Ok(n) => n,
            Err(e) => {
                self.status = e;
                return Task::none();
            }
        };
        let Some(mut store) = self.store.take() else {
            return Task::none();
        };
        let (req, draft, reprint) = (ed.req.clone(), ed.draft.clone(), ed.issued());
        self.busy = Some(format!("Đang xuất {}…", draft.title));
        let today = self.today;
        Task::perform(
            async move {
                let result = super::guarded(|| {
                    if reprint {
                        export_to(&mut store, &req, &ExportOptions::default(), today, &path)
                    } else {
                        drafts::issue_to(&mut store, &req, &draft, number, |_| path.clone())
                    }
                })
                .map(|out| {
                    let status = format!(
                        "Đã {} {}{} ({} trang): {}",
                        if reprint { "in lại" } else { "phát hành" },
                        out.pdf.title,
                        out.number.as_ref().map(|n| format!(", số {n}")).unwrap_or_default(),
                        out.pdf.pages,
                        path.display()
                    );
                    (status, path, Box::new(out.draft))
                })
                .map_err(|e| e.to_string());
                (StoreSlot::new(store), result)
            },
            |(slot, result)| Message::Issued(slot, result),
        )
    }

    pub(super) fn issued(&mut self, slot: StoreSlot, result: Result<(String, PathBuf, Box<Draft>), String>) {
        self.store = slot.take();
        self.busy = None;
        match result {
            Ok((status, path, draft)) => {
                if let Some(ed) = self.editor.as_mut() {
                    ed.issued_as(*draft);
                }
                if let Some(dir) = path.parent() {
                    self.remember_folder(dir);
                }
                self.reload(self.record.year); // the register gave a number
                self.last_export = Some(path);
                self.status = status;
            }
            Err(e) => self.status = e,
        }
    }

    /// Writes the Word copy of the draft as it stands.
    pub(super) fn word_to(&mut self, path: PathBuf) -> Task<Message> {
        let Some(ed) = self.editor.as_ref() else {
            return Task::none();
        };
        let result = crate::documents::docx::docx(&ed.draft)
            .map_err(|e| e.to_string())
            .and_then(|bytes| write_output(Some(&self.path), &[], &path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                if let Some(dir) = path.parent() {
                    self.remember_folder(dir);
                }
                self.status = format!("Đã ghi bản Word: {}", path.display());
                self.last_export = Some(path);
            }
            Err(e) => self.status = e,
        }
        Task::none()
    }

    /// "Bảng điểm Excel…" and the like: asks where to write the copy.
    pub(super) fn ask_sheet(&mut self, sheet: crate::app::sheets::Sheet, year: crate::domain::Year) -> Task<Message> {
        self.ask_file(
            Purpose::Sheet(sheet, year),
            sheet.file_name(year),
            "Lưu bản Excel",
            "Excel",
        )
    }

    pub(super) fn sheet_to(
        &mut self,
        sheet: crate::app::sheets::Sheet,
        year: crate::domain::Year,
        path: PathBuf,
    ) -> Task<Message> {
        let Some(store) = self.store.as_ref() else {
            return Task::none();
        };
        let result = crate::app::sheets::make(store, sheet, year)
            .and_then(|bytes| write_output(Some(&self.path), &[], &path, &bytes))
            .map_err(|e| e.to_string());
        match result {
            Ok(()) => {
                if let Some(dir) = path.parent() {
                    self.remember_folder(dir);
                }
                self.status = format!("Đã ghi {} (Excel): {}", sheet.label(year), path.display());
                self.last_export = Some(path);
            }
            Err(e) => self.status = e,
        }
        Task::none()
    }
}
