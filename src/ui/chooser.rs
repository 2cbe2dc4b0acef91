//! The window's own file chooser, used when the system cannot show its dialog (and always in
//! `Dialogs::InWindow`): a path field, the places the user went before, and the folder's
//! contents to click through. Enter chooses, Esc cancels.

use super::dialogs::{Answer, Ask, Kind};
use super::widgets::*;
use iced::widget::{button, column, row, scrollable, text, text_input};
use iced::{Element, Length};
use std::path::{Path, PathBuf};

pub const PATH_ID: &str = "chooser-path";

#[derive(Debug, Clone)]
pub enum Message {
    Path(String),
    /// Go into this folder (a place, a folder of the list, the parent).
    Folder(PathBuf),
    /// A file of the list: its path goes into the field.
    File(PathBuf),
    Choose,
    Cancel,
}

pub enum Outcome {
    Stay,
    Chosen(Answer),
    Cancelled,
}

#[derive(Debug, Clone)]
pub struct Chooser {
    ask: Ask,
    path: String,
    /// Folders and matching files of the folder shown, folders first, in Vietnamese order.
    entries: Vec<(PathBuf, bool)>,
    places: Vec<(String, PathBuf)>,
    /// The folder listed (read when the path changes, never while drawing).
    dir: PathBuf,
    error: Option<String>,
    /// An existing file that "Lưu" would replace: a second press confirms.
    replace: Option<PathBuf>,
}

impl Chooser {
    /// `places`: labelled folders to jump to (Documents, the data folder, recent folders).
    pub fn new(ask: Ask, places: Vec<(String, PathBuf)>) -> Self {
        let path = match &ask.kind {
            Kind::Save { name } => ask.dir.join(name),
            _ => ask.dir.clone(),
        };
        let mut c = Chooser {
            path: path.display().to_string(),
            entries: Vec::new(),
            places,
            dir: PathBuf::new(),
            error: None,
            replace: None,
            ask,
        };
        let dir = c.ask.dir.clone();
        c.list(&dir);
        c
    }

    pub fn ask(&self) -> &Ask {
        &self.ask
    }

    fn list(&mut self, dir: &Path) {
        self.dir = dir.to_path_buf();
        self.entries.clear();
        let Ok(read) = std::fs::read_dir(dir) else {
            return;
        };
        let wanted = |p: &Path| match &self.ask.kind {
            Kind::Open { extensions } => {
                extensions.is_empty()
                    || p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
            }
            Kind::Save { name } => Path::new(name).extension() == p.extension(),
            Kind::Folder => false,
        };
        for e in read.flatten().take(2000) {
            let p = e.path();
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                self.entries.push((p, true));
            } else if wanted(&p) {
                self.entries.push((p, false));
            }
        }
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        self.entries.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| crate::domain::text::compare_vi(&name(&a.0), &name(&b.0)))
        });
    }

    /// The folder the field points into.
    fn current_dir(&self) -> PathBuf {
        let p = PathBuf::from(self.path.trim());
        if p.is_dir() {
            p
        } else {
            p.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    }

    pub fn update(&mut self, msg: Message) -> Outcome {
        self.error = None;
        let confirmed = std::mem::take(&mut self.replace);
        match msg {
            Message::Path(s) => {
                self.path = s;
                let dir = self.current_dir();
                if dir.is_dir() {
                    self.list(&dir);
                }
            }
            Message::Folder(dir) => {
                self.path = match &self.ask.kind {
                    Kind::Save { .. } => {
                        let name = PathBuf::from(self.path.trim())
                            .file_name()
                            .map(|n| n.to_os_string())
                            .unwrap_or_default();
                        dir.join(name).display().to_string()
                    }
                    _ => dir.display().to_string(),
                };
                self.list(&dir);
            }
            Message::File(p) => self.path = p.display().to_string(),
            Message::Choose => match self.check() {
                Ok(path)
                    if matches!(self.ask.kind, Kind::Save { .. })
                        && path.is_file()
                        && confirmed.as_ref() != Some(&path) =>
                {
                    self.error = Some(format!(
                        "Đã có tệp {}. Bấm \u{201c}Lưu\u{201d} lần nữa để ghi đè, hoặc đổi tên.",
                        path.display()
                    ));
                    self.replace = Some(path);
                }
                Ok(path) => {
                    return Outcome::Chosen(Answer {
                        ask: self.ask.clone(),
                        path: Some(path),
                        no_dialog: false,
                    })
                }
                Err(e) => self.error = Some(e),
            },
            Message::Cancel => return Outcome::Cancelled,
        }
        Outcome::Stay
    }

    /// The path typed, if it fits what is asked.
    fn check(&self) -> Result<PathBuf, String> {
        let typed = self.path.trim();
        if typed.is_empty() {
            return Err("Nhập đường dẫn.".into());
        }
        let p = PathBuf::from(typed);
        match &self.ask.kind {
            Kind::Folder => {
                if p.is_file() {
                    Err("Đây là một tệp; hãy chọn thư mục.".into())
                } else {
                    Ok(p)
                }
            }
            Kind::Open { .. } => {
                if p.is_file() {
                    Ok(p)
                } else if p.is_dir() {
                    Err("Đây là thư mục; hãy chọn một tệp trong danh sách.".into())
                } else {
                    Err(format!("Không có tệp {}.", p.display()))
                }
            }
            Kind::Save { name } => {
                if p.is_dir() {
                    return Ok(p.join(name));
                }
                // The kind of file asked for: "Biên bản" typed without ".pdf" gets it.
                let wanted = Path::new(name).extension();
                let p = match (wanted, p.extension()) {
                    (Some(w), Some(e)) if w.eq_ignore_ascii_case(e) => p,
                    (Some(w), _) => {
                        let mut s = p.into_os_string();
                        s.push(".");
                        s.push(w);
                        PathBuf::from(s)
                    }
                    (None, _) => p,
                };
                match p.parent().filter(|d| !d.as_os_str().is_empty()) {
                    Some(d) if !d.is_dir() => Err(format!("Không có thư mục {}.", d.display())),
                    _ => Ok(p),
                }
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let action = match self.ask.kind {
            Kind::Save { .. } => "Lưu",
            Kind::Open { .. } => "Mở",
            Kind::Folder => "Chọn thư mục này",
        };
        let mut places = row![text("Đến:").size(13)].spacing(6).align_y(iced::Alignment::Center);
        for (label, dir) in self.places.iter().take(6) {
            places = places.push(
                button(text(label.clone()).size(13))
                    .padding([3, 8])
                    .style(button::secondary)
                    .on_press(Message::Folder(dir.clone())),
            );
        }
        let dir = &self.dir;
        let mut list = column![].spacing(1);
        if let Some(up) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            list = list.push(
                button(text("↑ Thư mục trên").size(13))
                    .padding([2, 6])
                    .style(button::text)
                    .on_press(Message::Folder(up.to_path_buf())),
            );
        }
        for (p, is_dir) in self.entries.iter().take(300) {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (label, msg) = if *is_dir {
                (format!("{name}  (thư mục)"), Message::Folder(p.clone()))
            } else {
                (name, Message::File(p.clone()))
            };
            list = list.push(
                button(text(label).size(13))
                    .padding([2, 6])
                    .width(Length::Fill)
                    .style(button::text)
                    .on_press(msg),
            );
        }
        let mut c = column![
            subheading(self.ask.title),
            muted("Nhập đường dẫn đầy đủ, hoặc chọn trong danh sách. Enter để chọn, Esc để hủy."),
            row![
                text_input("Đường dẫn", &self.path)
                    .id(PATH_ID)
                    .on_input(Message::Path)
                    .on_submit(Message::Choose)
                    .padding(6)
                    .size(14),
                primary(action, Some(Message::Choose)),
                secondary("Hủy", Some(Message::Cancel)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(6);
        if let Some(e) = &self.error {
            c = c.push(error_text(e.clone()));
        }
        c = c.push(places).push(scrollable(list).height(Length::Fixed(160.0)));
        panel(c)
    }
}
