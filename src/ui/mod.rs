//! The desktop window (iced 0.14). The root `App` is an open workspace, a welcome screen (no data
//! file yet) or an error screen that says what went wrong and what to do.

pub mod screens;
pub mod welcome;
pub mod widgets;
pub mod workspace;

use crate::store::Store;
use iced::widget::{button, column, container, row, text};
use iced::{Element, Font, Length, Subscription, Task, Theme};
use std::path::PathBuf;
use workspace::{Shortcut, Workspace};

pub const UI_FONT: Font = Font::with_name("Liberation Sans");
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// How file dialogs are answered: by the system, or (tests, automation) by a fixed folder.
#[derive(Debug, Clone)]
pub enum Dialogs {
    System,
    Folder(PathBuf),
}

/// Opens the window on `path`; `first_start` shows the welcome note over the demo bloc.
pub fn run(path: PathBuf, first_start: bool) -> iced::Result {
    iced::application(
        move || (App::open(path.clone(), first_start, Dialogs::System), Task::none()),
        App::update,
        App::view,
    )
    .title(App::title)
    .subscription(App::subscription)
    .exit_on_close_request(false)
    .font(FONT_REGULAR)
    .font(FONT_BOLD)
    .default_font(UI_FONT)
    .theme(|_: &App| Theme::Light)
    .window_size((1366.0, 768.0))
    .centered()
    .run()
}

pub enum App {
    Loaded(Box<Workspace>),
    Welcome(welcome::Welcome),
    Failed {
        path: PathBuf,
        message: String,
        /// The file's backups, read once when the screen is made (a view never touches the disk).
        backups: Vec<crate::store::backup::BackupInfo>,
    },
}

#[derive(Debug, Clone)]
pub enum Message {
    Workspace(workspace::Message),
    Welcome(welcome::Message),
    Shortcut(Shortcut),
    CloseRequested(iced::window::Id),
    Retry,
    /// From the error screen: restore this backup over the file that would not open.
    RestoreBackup(PathBuf),
}

impl App {
    pub fn open(path: PathBuf, first_start: bool, dialogs: Dialogs) -> Self {
        if !path.exists() {
            return App::Welcome(welcome::Welcome::new(path, dialogs));
        }
        match Store::open(&path) {
            Ok(store) => match Workspace::new(path.clone(), store, dialogs, first_start) {
                Ok(w) => App::Loaded(Box::new(w)),
                Err(message) => App::failed(path, message),
            },
            Err(e) => App::failed(path, e.to_string()),
        }
    }

    fn failed(path: PathBuf, message: String) -> Self {
        let backups = crate::store::backup::list_backups(&path);
        App::Failed { path, message, backups }
    }

    pub fn title(&self) -> String {
        let path = match self {
            App::Loaded(w) => &w.path,
            App::Welcome(w) => &w.path,
            App::Failed { path, .. } => path,
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("Khối Thi Đua — {name}")
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Workspace(workspace::Message::OpenFile(p)) => {
                // Close this file before opening the other one.
                let dialogs = match self {
                    App::Loaded(w) => w.dialogs(),
                    _ => Dialogs::System,
                };
                *self = App::Failed {
                    path: p.clone(),
                    message: String::new(),
                    backups: Vec::new(),
                };
                *self = App::open(p, false, dialogs);
                Task::none()
            }
            Message::Workspace(m) => match self {
                App::Loaded(w) => w.update(m).map(Message::Workspace),
                _ => Task::none(),
            },
            Message::Shortcut(s) => match self {
                App::Loaded(w) => w.update(workspace::Message::Shortcut(s)).map(Message::Workspace),
                _ => Task::none(),
            },
            Message::Welcome(m) => match self {
                App::Welcome(w) => match w.update(m) {
                    welcome::Outcome::Stay(task) => task.map(Message::Welcome),
                    welcome::Outcome::Open(path, dialogs) => {
                        *self = App::open(path, false, dialogs);
                        Task::none()
                    }
                },
                _ => Task::none(),
            },
            Message::CloseRequested(id) => match self {
                App::Loaded(w) => w.update(workspace::Message::CloseRequested(id)).map(Message::Workspace),
                _ => iced::window::close(id),
            },
            Message::Retry => {
                if let App::Failed { path, .. } = self {
                    *self = App::open(path.clone(), false, Dialogs::System);
                }
                Task::none()
            }
            Message::RestoreBackup(backup) => {
                if let App::Failed { path, message, .. } = self {
                    match crate::store::backup::restore(path, &backup) {
                        Ok(replaced) => {
                            let note = match &replaced {
                                crate::store::backup::Replaced::BackedUp(p) => {
                                    format!("Đã khôi phục. Dữ liệu trước đó được sao lưu tại {}.", p.display())
                                }
                                crate::store::backup::Replaced::KeptAside(p) => {
                                    format!("Đã khôi phục. Tệp hỏng được giữ nguyên tại {}.", p.display())
                                }
                            };
                            *self = App::open(path.clone(), false, Dialogs::System);
                            if let App::Loaded(w) = self {
                                w.status = note;
                            }
                        }
                        Err(e) => *message = format!("Không khôi phục được: {e}"),
                    }
                }
                Task::none()
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        match self {
            App::Loaded(w) => w.view().map(Message::Workspace),
            App::Welcome(w) => w.view().map(Message::Welcome),
            App::Failed { path, message, backups } => container({
                let mut c = column![
                    text("Không mở được tệp dữ liệu").size(24).font(widgets::bold()),
                    text(message.clone()).size(16),
                    text(format!("Tệp: {}", path.display())).size(14),
                    text("Tệp không bị thay đổi. Hãy chọn tệp khác bằng tham số --data, hoặc khôi phục từ một bản sao lưu dưới đây (tệp hiện tại được sao lưu, hoặc nếu hỏng thì được giữ nguyên sang bên).").size(14),
                    button("Thử lại").on_press(Message::Retry),
                ]
                .spacing(14)
                .max_width(760);
                if !backups.is_empty() {
                    c = c.push(text("Các bản sao lưu của tệp này (mới nhất trước):").size(14));
                }
                for b in backups.iter().take(8) {
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
                c
            })
            .padding(40)
            .center_x(Length::Fill)
            .into(),
        }
    }

    /// Ctrl+S saves, Ctrl+P exports the current document, Esc cancels; closing asks about unsaved edits.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = iced::event::listen_with(|event, _status, _window| {
            use iced::keyboard::{key::Named, Event::KeyPressed, Key};
            match event {
                iced::Event::Keyboard(KeyPressed { key, modifiers, .. }) => match key.as_ref() {
                    Key::Character("s") if modifiers.command() => Some(Message::Shortcut(Shortcut::Save)),
                    Key::Character("p") if modifiers.command() => Some(Message::Shortcut(Shortcut::Export)),
                    Key::Named(Named::Escape) => Some(Message::Shortcut(Shortcut::Cancel)),
                    _ => None,
                },
                _ => None,
            }
        });
        Subscription::batch([keys, iced::window::close_requests().map(Message::CloseRequested)])
    }
}
