//! The screen shown when the data file does not open: why, and every way out — try again, open
//! another file, restore one of this file's backups, start a new bloc or look at the demo.

use super::dialogs::{Answer, Ask, Kind, Purpose};
use super::keys::Shortcut;
use super::widgets::*;
use super::Target;
use crate::store::backup::BackupInfo;
use iced::widget::{button, column, container, row, text};
use iced::{Element, Length, Task};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum Message {
    Retry,
    /// Restore this backup over the file that would not open.
    RestoreBackup(PathBuf),
    OpenOther,
    Ask(Ask),
    Go(Target),
}

pub enum Outcome {
    Stay,
    /// Open the file again, with a note for the status line.
    Reopen(Option<String>),
}

pub struct Failed {
    pub path: PathBuf,
    pub message: String,
    /// The file's backups, read once when the screen is made (a view never touches the disk).
    backups: Vec<BackupInfo>,
}

impl Failed {
    pub fn new(path: PathBuf, message: String) -> Self {
        let backups = crate::store::backup::list_backups(&path);
        Failed { path, message, backups }
    }

    pub fn update(&mut self, m: Message) -> Outcome {
        match m {
            Message::Retry => return Outcome::Reopen(None),
            Message::RestoreBackup(backup) => match crate::store::backup::restore(&self.path, &backup) {
                Ok(replaced) => {
                    let note = match &replaced {
                        crate::store::backup::Replaced::BackedUp(p) => {
                            format!("Đã khôi phục. Dữ liệu trước đó được sao lưu tại {}.", p.display())
                        }
                        crate::store::backup::Replaced::KeptAside(p) => {
                            format!("Đã khôi phục. Tệp hỏng được giữ nguyên tại {}.", p.display())
                        }
                    };
                    return Outcome::Reopen(Some(note));
                }
                Err(e) => self.message = format!("Không khôi phục được: {e}"),
            },
            // Handled by the window.
            Message::OpenOther | Message::Ask(_) | Message::Go(_) => {}
        }
        Outcome::Stay
    }

    /// Messages that become tasks (the window answers `Ask` and `Go`).
    pub fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        match s {
            Shortcut::Open => Task::done(self.ask_open()),
            Shortcut::NewBloc => Task::done(Message::Go(Target::Start)),
            _ => Task::none(),
        }
    }

    fn ask_open(&self) -> Message {
        Message::Ask(Ask {
            purpose: Purpose::OpenData,
            kind: Kind::Open {
                extensions: vec!["sqlite", "db"],
            },
            title: "Mở tệp dữ liệu Khối Thi Đua",
            dir: self.path.parent().map(|p| p.to_path_buf()).unwrap_or_default(),
            filter: "Dữ liệu Khối Thi Đua",
        })
    }

    pub fn update_answer(&mut self, a: Answer) -> Task<Message> {
        match (a.ask.purpose, a.path) {
            (Purpose::OpenData, Some(p)) => Task::done(Message::Go(Target::Open(p))),
            _ => Task::none(),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = column![
            text("Không mở được tệp dữ liệu").size(24).font(bold()),
            text(self.message.clone()).size(16),
            text(format!("Tệp: {}", self.path.display())).size(14),
            text("Tệp không bị thay đổi. Bạn có thể thử lại, mở tệp khác, khôi phục từ một bản sao lưu dưới đây (tệp hiện tại được sao lưu, hoặc nếu hỏng thì được giữ nguyên sang bên), tạo khối mới hoặc xem khối mẫu.").size(14),
            row![
                primary("Thử lại", Some(Message::Retry)),
                secondary("Mở tệp khác… (Ctrl+O)", Some(self.ask_open())),
                secondary("Tạo khối mới… (Ctrl+N)", Some(Message::Go(Target::Start))),
                secondary("Mở khối mẫu", Some(Message::Go(Target::Demo))),
            ]
            .spacing(8),
        ]
        .spacing(14)
        .max_width(820);
        if self.backups.is_empty() {
            c = c.push(muted("Tệp này chưa có bản sao lưu nào."));
        } else {
            c = c.push(text("Các bản sao lưu của tệp này (mới nhất trước):").size(14));
        }
        for b in self.backups.iter().take(8) {
            c = c.push(
                row![
                    text(format!(
                        "{} {} · {} · {:.1} KB",
                        crate::domain::text::date_dmy(b.taken_at.date()),
                        b.taken_at.format("%H:%M"),
                        b.reason_label(),
                        b.size as f64 / 1024.0
                    ))
                    .size(14)
                    .width(Length::Fill),
                    button(text("Khôi phục bản này").size(14)).on_press(Message::RestoreBackup(b.path.clone())),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            );
        }
        container(c).padding(40).center_x(Length::Fill).into()
    }
}
