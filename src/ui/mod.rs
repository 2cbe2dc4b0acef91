//! The desktop window (iced 0.14). The root `App` shows an open workspace, the start screen (a new
//! bloc, open, receive a handover, try the demo) or an error screen that says what went wrong and
//! offers the way out. File dialogs are asked here, through one seam (`dialogs`), with the window's
//! own chooser when the system cannot show one.

pub mod chooser;
pub mod dialogs;
pub mod draft_editor;
pub mod failed;
pub mod keys;
pub mod preview;
pub mod screens;
pub mod start;
pub mod widgets;
pub mod workspace;

pub use dialogs::Dialogs;

use crate::app::places::{self, Recent, WindowPlace};
use crate::store::Store;
use dialogs::Answer;
use iced::widget::{center, container, mouse_area, opaque, stack};
use iced::{Element, Font, Length, Size, Subscription, Task, Theme};
use keys::Shortcut;
use std::path::{Path, PathBuf};
use workspace::Workspace;

pub const UI_FONT: Font = Font::with_name("Liberation Sans");
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// The size the window opens at when nothing is remembered, and the least it may shrink to.
const DEFAULT_SIZE: Size = Size::new(1366.0, 768.0);
const MIN_SIZE: Size = Size::new(960.0, 600.0);

/// Where the window goes next.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Another data file.
    Open(PathBuf),
    /// The start screen (a new bloc…).
    Start,
    /// The demo bloc, in its own file (made the first time).
    Demo,
}

impl Dialogs {
    /// Where the recent files and the window's place are kept: beside a fixed folder's files in
    /// tests, else in the user's settings folder.
    pub fn recent_at(&self) -> Option<PathBuf> {
        match self {
            Dialogs::Folder(dir) => Some(dir.join("recent.json")),
            _ => places::recent_file(),
        }
    }

    /// The folder of data files (new blocs, the demo, received handovers).
    pub fn data_dir(&self) -> PathBuf {
        match self {
            Dialogs::Folder(dir) => dir.clone(),
            _ => places::data_dir().unwrap_or_else(places::documents_dir),
        }
    }
}

/// Opens the window on `path`; without a data file there, the start screen.
pub fn run(path: PathBuf, first_start: bool) -> iced::Result {
    let dialogs = if std::env::var_os("KHOITHIDUA_NO_SYSTEM_DIALOG").is_some() {
        Dialogs::InWindow
    } else {
        Dialogs::System
    };
    let place = dialogs.recent_at().map(|p| Recent::load(&p)).and_then(|r| r.window);
    let mut window = iced::window::Settings {
        size: place.map(|p| Size::new(p.width, p.height)).unwrap_or(DEFAULT_SIZE),
        min_size: Some(MIN_SIZE),
        exit_on_close_request: false,
        ..iced::window::Settings::default()
    };
    window.position = match place.and_then(|p| Some(iced::Point::new(p.x?, p.y?))) {
        Some(at) => iced::window::Position::Specific(at),
        None => iced::window::Position::Centered,
    };
    iced::application(
        move || {
            let mut app = App::open(path.clone(), first_start, dialogs.clone());
            app.place = place;
            (app, Task::none())
        },
        App::update,
        App::view,
    )
    .title(App::title)
    .subscription(App::subscription)
    .font(FONT_REGULAR)
    .font(FONT_BOLD)
    // The documents' serif, for the page preview.
    .font(preview::FONTS[0])
    .font(preview::FONTS[1])
    .font(preview::FONTS[2])
    .font(preview::FONTS[3])
    .default_font(UI_FONT)
    .theme(|_: &App| Theme::Light)
    .window(window)
    .run()
}

pub enum Screen {
    Loaded(Box<Workspace>),
    Start(Box<start::Start>),
    Failed(failed::Failed),
}

pub struct App {
    pub screen: Screen,
    /// The window's own file chooser, over the screen, when the system dialog could not be shown.
    chooser: Option<chooser::Chooser>,
    dialogs: Dialogs,
    /// The window's size and place as last seen, kept on close.
    place: Option<WindowPlace>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Workspace(workspace::Message),
    Start(start::Message),
    Failed(failed::Message),
    Shortcut(Shortcut),
    CloseRequested(iced::window::Id),
    Answer(Answer),
    Chooser(chooser::Message),
    /// The window opened (at this size): make it fit the screen.
    Opened(iced::window::Id, Size),
    Monitor(iced::window::Id, Option<Size>),
    Resized(Size),
    Moved(iced::Point),
}

impl App {
    pub fn open(path: PathBuf, first_start: bool, dialogs: Dialogs) -> Self {
        App {
            screen: Self::screen_for(path, first_start, &dialogs),
            chooser: None,
            dialogs,
            place: None,
        }
    }

    fn screen_for(path: PathBuf, first_start: bool, dialogs: &Dialogs) -> Screen {
        if !path.exists() {
            return Screen::Start(Box::new(start::Start::new(path, dialogs.clone(), first_start, None)));
        }
        match Store::open(&path) {
            Ok(store) => match Workspace::new(path.clone(), store, dialogs.clone()) {
                Ok(w) => {
                    remember_opened(dialogs, &path);
                    Screen::Loaded(Box::new(w))
                }
                Err(message) => Screen::Failed(failed::Failed::new(path, message)),
            },
            Err(e) => Screen::Failed(failed::Failed::new(path, e.to_string())),
        }
    }

    pub fn workspace(&self) -> Option<&Workspace> {
        match &self.screen {
            Screen::Loaded(w) => Some(w),
            _ => None,
        }
    }

    pub fn chooser_open(&self) -> bool {
        self.chooser.is_some()
    }

    fn path(&self) -> &Path {
        match &self.screen {
            Screen::Loaded(w) => &w.path,
            Screen::Start(s) => s.location(),
            Screen::Failed(f) => &f.path,
        }
    }

    pub fn title(&self) -> String {
        match &self.screen {
            Screen::Start(_) => "Khối Thi Đua".into(),
            _ => {
                let name = self
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let demo = if self.workspace().is_some_and(|w| w.is_demo()) {
                    " (khối mẫu)"
                } else {
                    ""
                };
                format!("Khối Thi Đua — {name}{demo}")
            }
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Workspace(workspace::Message::Ask(a))
            | Message::Start(start::Message::Ask(a))
            | Message::Failed(failed::Message::Ask(a)) => self.dialogs.ask(a).map(Message::Answer),
            Message::Start(start::Message::Go(Target::Open(p))) if matches!(&self.screen, Screen::Start(s) if s.created() == Some(p.as_path())) =>
            {
                self.go(Target::Open(p.clone()));
                if let Screen::Loaded(w) = &mut self.screen {
                    w.status = format!(
                        "Đã tạo khối mới: {}. Tiếp theo: ghi Khối trưởng, Khối phó ở mục \u{201c}Lãnh đạo khối\u{201d}.",
                        p.display()
                    );
                }
                Task::none()
            }
            Message::Workspace(workspace::Message::Go(t))
            | Message::Start(start::Message::Go(t))
            | Message::Failed(failed::Message::Go(t)) => {
                self.go(t);
                Task::none()
            }
            Message::Answer(a) if a.path.is_none() && a.no_dialog => {
                self.chooser = Some(chooser::Chooser::new(a.ask, self.places()));
                iced::widget::operation::focus(chooser::PATH_ID)
            }
            Message::Answer(a) => self.route_answer(a),
            Message::Chooser(m) => {
                let Some(c) = self.chooser.as_mut() else {
                    return Task::none();
                };
                match c.update(m) {
                    chooser::Outcome::Stay => Task::none(),
                    chooser::Outcome::Chosen(a) => {
                        self.chooser = None;
                        self.route_answer(a)
                    }
                    chooser::Outcome::Cancelled => self.chooser_cancelled(),
                }
            }
            Message::Workspace(m) => match &mut self.screen {
                Screen::Loaded(w) => w.update(m).map(Message::Workspace),
                _ => Task::none(),
            },
            Message::Start(m) => match &mut self.screen {
                Screen::Start(s) => s.update(m).map(Message::Start),
                _ => Task::none(),
            },
            Message::Failed(m) => match &mut self.screen {
                Screen::Failed(f) => match f.update(m) {
                    failed::Outcome::Stay => Task::none(),
                    failed::Outcome::Reopen(note) => {
                        let path = f.path.clone();
                        self.screen = Self::screen_for(path, false, &self.dialogs);
                        if let (Screen::Loaded(w), Some(note)) = (&mut self.screen, note) {
                            w.status = note;
                        }
                        Task::none()
                    }
                },
                _ => Task::none(),
            },
            Message::Shortcut(Shortcut::Cancel) if self.chooser.is_some() => self.chooser_cancelled(),
            // The chooser is modal: no shortcut reaches the screen under it.
            Message::Shortcut(_) if self.chooser.is_some() => Task::none(),
            Message::Shortcut(s) => match &mut self.screen {
                Screen::Loaded(w) => w.update(workspace::Message::Shortcut(s)).map(Message::Workspace),
                Screen::Start(st) => st.shortcut(s).map(Message::Start),
                Screen::Failed(f) => f.shortcut(s).map(Message::Failed),
            },
            Message::CloseRequested(id) => {
                self.keep_place();
                match &mut self.screen {
                    Screen::Loaded(w) => w.update(workspace::Message::CloseRequested(id)).map(Message::Workspace),
                    _ => iced::window::close(id),
                }
            }
            Message::Opened(id, size) => {
                self.resized(size);
                iced::window::monitor_size(id).map(move |s| Message::Monitor(id, s))
            }
            Message::Monitor(id, Some(screen)) => {
                let current = self.place.map(|p| Size::new(p.width, p.height)).unwrap_or(DEFAULT_SIZE);
                let fitted = fit_to_screen(current, screen);
                let size = fitted.unwrap_or(current);
                // A place remembered on a screen no longer there: back onto this one.
                let off_screen = self.place.is_some_and(|p| {
                    p.x.zip(p.y).is_some_and(|(x, y)| {
                        x < -size.width / 2.0 || y < 0.0 || x > screen.width - 80.0 || y > screen.height - 80.0
                    })
                });
                let centre = iced::Point::new(
                    ((screen.width - size.width) / 2.0).max(0.0),
                    ((screen.height - size.height) / 2.0).max(0.0),
                );
                match (fitted, off_screen) {
                    (Some(size), _) => iced::window::resize(id, size).chain(iced::window::move_to(id, centre)),
                    (None, true) => iced::window::move_to(id, centre),
                    (None, false) => Task::none(),
                }
            }
            Message::Monitor(_, None) => Task::none(),
            Message::Resized(size) => {
                self.resized(size);
                Task::none()
            }
            // A minimised window is "moved" far off the screen (Windows): not a place to keep.
            Message::Moved(at) if at.x > -10_000.0 && at.y > -10_000.0 => {
                if let Some(p) = self.place.as_mut() {
                    p.x = Some(at.x);
                    p.y = Some(at.y);
                }
                Task::none()
            }
            Message::Moved(_) => Task::none(),
        }
    }

    /// The window's size as last seen; a minimised window's empty size is not kept.
    fn resized(&mut self, size: Size) {
        if size.width < MIN_SIZE.width / 2.0 || size.height < MIN_SIZE.height / 2.0 {
            return;
        }
        let p = self.place.get_or_insert(WindowPlace {
            width: size.width,
            height: size.height,
            x: None,
            y: None,
        });
        (p.width, p.height) = (size.width, size.height);
    }

    /// The answer to an `Ask` (a path, or a cancel) to the screen that asked.
    fn route_answer(&mut self, a: Answer) -> Task<Message> {
        match &mut self.screen {
            Screen::Loaded(w) => w.update(workspace::Message::Answer(a)).map(Message::Workspace),
            Screen::Start(s) => s.update(start::Message::Answer(a)).map(Message::Start),
            Screen::Failed(f) => f.update_answer(a).map(Message::Failed),
        }
    }

    fn chooser_cancelled(&mut self) -> Task<Message> {
        match self.chooser.take() {
            Some(c) => self.route_answer(Answer {
                ask: c.ask().clone(),
                path: None,
                no_dialog: false,
            }),
            None => Task::none(),
        }
    }

    /// Labelled folders for the chooser: Documents, the data folder, the folders used lately.
    fn places(&self) -> Vec<(String, PathBuf)> {
        let mut v = vec![
            ("Tài liệu".to_string(), places::documents_dir()),
            ("Thư mục dữ liệu".to_string(), self.dialogs.data_dir()),
        ];
        if let Some(at) = self.dialogs.recent_at() {
            for d in Recent::load(&at).folders.into_iter().filter(|d| d.is_dir()).take(4) {
                let name = d
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if !v.iter().any(|(_, p)| p == &d) {
                    v.push((name, d));
                }
            }
        }
        v
    }

    /// Closes what is open and shows `target`.
    fn go(&mut self, target: Target) {
        let current = match &self.screen {
            Screen::Loaded(w) => Some(w.path.clone()),
            _ => None,
        };
        // The open file is closed (its lock released) before another is opened.
        self.screen = Screen::Start(Box::new(start::Start::new(
            PathBuf::new(),
            self.dialogs.clone(),
            false,
            None,
        )));
        self.screen = match target {
            Target::Open(p) => Self::screen_for(p, false, &self.dialogs),
            Target::Start => Screen::Start(Box::new(start::Start::new(
                PathBuf::new(), // named after the bloc as it is typed
                self.dialogs.clone(),
                false,
                current,
            ))),
            Target::Demo => {
                let demo = places::demo_file(&self.dialogs.data_dir());
                if !demo.exists() {
                    let made = crate::app::files::ensure_folder(&self.dialogs.data_dir())
                        .and_then(|()| crate::app::files::write_demo_file(&demo));
                    if let Err(e) = made {
                        return self.screen = Screen::Failed(failed::Failed::new(demo, e.to_string()));
                    }
                }
                Self::screen_for(demo, false, &self.dialogs)
            }
        };
    }

    fn keep_place(&self) {
        if let (Some(place), Some(at)) = (self.place, self.dialogs.recent_at()) {
            let mut r = Recent::load(&at);
            r.window = Some(place);
            let _ = r.save(&at); // a convenience: never worth an error on closing
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let base: Element<'_, Message> = match &self.screen {
            Screen::Loaded(w) => w.view().map(Message::Workspace),
            Screen::Start(s) => s.view().map(Message::Start),
            Screen::Failed(f) => f.view().map(Message::Failed),
        };
        match &self.chooser {
            None => base,
            Some(c) => stack![
                base,
                opaque(
                    mouse_area(
                        center(opaque(container(c.view().map(Message::Chooser)).max_width(820)))
                            .padding(30)
                            .style(|_: &Theme| container::Style {
                                background: Some(iced::Color::from_rgba(0.0, 0.0, 0.0, 0.45).into()),
                                ..container::Style::default()
                            })
                    )
                    .on_press(Message::Chooser(chooser::Message::Cancel))
                )
            ]
            .width(Length::Fill)
            .height(Length::Fill)
            .into(),
        }
    }

    /// The keyboard (see `keys`), the window's close button, its size and place.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys =
            iced::event::listen_with(|event, status, _window| keys::shortcut(&event, status).map(Message::Shortcut));
        let window = iced::window::events().map(|(id, e)| match e {
            iced::window::Event::Opened { size, .. } => Some(Message::Opened(id, size)),
            iced::window::Event::Resized(size) => Some(Message::Resized(size)),
            iced::window::Event::Moved(at) => Some(Message::Moved(at)),
            _ => None,
        });
        Subscription::batch([
            keys,
            window.filter_map(|m| m),
            iced::window::close_requests().map(Message::CloseRequested),
        ])
    }
}

/// The size a window of `current` size must shrink to on a screen of `screen` size, leaving room
/// for a task bar and the title bar (`None`: it fits).
pub fn fit_to_screen(current: Size, screen: Size) -> Option<Size> {
    let room = Size::new((screen.width - 16.0).max(320.0), (screen.height - 72.0).max(240.0));
    (current.width > room.width || current.height > room.height)
        .then(|| Size::new(current.width.min(room.width), current.height.min(room.height)))
}

/// Puts `path` first in the recent files.
fn remember_opened(dialogs: &Dialogs, path: &Path) {
    if let Some(at) = dialogs.recent_at() {
        let mut r = Recent::load(&at);
        r.opened(path);
        let _ = r.save(&at); // a convenience: never worth an error
    }
}
