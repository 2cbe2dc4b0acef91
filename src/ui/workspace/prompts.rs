//! Questions the window asks before it drops anything: unsaved edits when leaving an area, a year
//! or the file, or when Esc is pressed; a restore over the current data; closing the window.

use super::{Area, Choice, Message, Workspace};
use crate::domain::Year;
use crate::ui::widgets::*;
use crate::ui::Target;
use iced::widget::{row, text};
use iced::{Element, Length, Task};
use std::path::PathBuf;

pub(super) enum Prompt {
    /// Unsaved edits; then go to this area and year.
    Go(Area, Year),
    /// Unsaved edits; then leave this file for another, a new bloc, the demo.
    Leave(Target),
    /// Unsaved edits; Esc asked to drop them.
    Discard,
    Restore(PathBuf),
    Close(iced::window::Id),
}

impl Workspace {
    /// Goes to `area` and `year`, asking first when the current area has unsaved edits.
    pub(super) fn navigate(&mut self, area: Area, year: Year) -> Task<Message> {
        // Leaving the draft editor is leaving too, even for the area it was opened from.
        let leaving = area != self.area || year != self.record.year || self.editor.is_some();
        if leaving && self.dirty() {
            self.prompt = Some(Prompt::Go(area, year));
            self.status = self.unsaved_what();
        } else {
            self.go(area, year);
        }
        Task::none()
    }

    /// What has unsaved edits, for the question and the status line.
    fn unsaved_what(&self) -> String {
        match &self.editor {
            Some(e) if e.dirty() => format!("Bản nháp \u{201c}{}\u{201d} có thay đổi chưa lưu.", e.draft.title),
            _ => format!("Mục \u{201c}{}\u{201d} có thay đổi chưa lưu.", self.area.label()),
        }
    }

    /// Leaves this file for `target`, asking first about unsaved edits.
    pub(super) fn leave(&mut self, target: Target) -> Task<Message> {
        self.menu = false;
        if self.dirty() {
            self.prompt = Some(Prompt::Leave(target));
            self.status = self.unsaved_what();
            Task::none()
        } else {
            Task::done(Message::Go(target))
        }
    }

    /// The answer to "there are unsaved changes": save then go on, drop them then go on, or stay.
    pub(super) fn unsaved(&mut self, choice: Choice) -> Task<Message> {
        let Some(prompt) = self.prompt.take() else {
            return Task::none();
        };
        let then = |w: &mut Workspace, prompt: Prompt| -> Task<Message> {
            match prompt {
                Prompt::Go(a, y) => {
                    w.go(a, y);
                    Task::none()
                }
                Prompt::Leave(t) => Task::done(Message::Go(t)),
                _ => Task::none(),
            }
        };
        match choice {
            Choice::Save => {
                let task = self.update(Message::Shortcut(crate::ui::keys::Shortcut::Save));
                if self.dirty() {
                    // The save found problems: stay and show them.
                    return task;
                }
                let next = then(self, prompt);
                task.chain(next)
            }
            Choice::Discard => {
                self.rebuild_all();
                self.editor = None;
                if matches!(prompt, Prompt::Discard) {
                    self.status = "Đã bỏ các thay đổi chưa lưu.".into();
                }
                then(self, prompt)
            }
            Choice::Stay => Task::none(),
        }
    }

    /// The panel of the open question, if any.
    pub(super) fn prompt_view(&self) -> Option<Element<'_, Message>> {
        let panel_row = |question: String, buttons: Vec<Element<'static, Message>>| -> Element<'static, Message> {
            let mut r = row![text(question).width(Length::Fill)]
                .spacing(8)
                .align_y(iced::Alignment::Center);
            for b in buttons {
                r = r.push(b);
            }
            panel(r)
        };
        let unsaved = |question: String, discard: &str| {
            panel_row(
                question,
                vec![
                    primary("Lưu", Some(Message::Unsaved(Choice::Save))).into(),
                    danger(discard, Some(Message::Unsaved(Choice::Discard))).into(),
                    secondary("Ở lại", Some(Message::Unsaved(Choice::Stay))).into(),
                ],
            )
        };
        Some(match self.prompt.as_ref()? {
            Prompt::Go(..) | Prompt::Leave(_) => unsaved(self.unsaved_what(), "Bỏ thay đổi"),
            Prompt::Discard => unsaved(
                format!("Bỏ các thay đổi chưa lưu ở mục \u{201c}{}\u{201d}?", self.area.label()),
                "Bỏ thay đổi",
            ),
            Prompt::Restore(p) => panel_row(
                format!(
                    "Khôi phục từ {}? Dữ liệu hiện tại sẽ được sao lưu trước.",
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                ),
                vec![
                    danger("Khôi phục", Some(Message::ConfirmRestore(true))).into(),
                    secondary("Hủy", Some(Message::ConfirmRestore(false))).into(),
                ],
            ),
            Prompt::Close(_) => panel_row(
                "Có thay đổi chưa lưu. Lưu trước khi đóng cửa sổ?".into(),
                vec![
                    primary("Lưu và đóng", Some(Message::Close(Choice::Save))).into(),
                    danger("Đóng, bỏ thay đổi", Some(Message::Close(Choice::Discard))).into(),
                    secondary("Ở lại", Some(Message::Close(Choice::Stay))).into(),
                ],
            ),
        })
    }
}
