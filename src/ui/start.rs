//! The start screen: a new bloc (its name, symbol, province, first year and member units; the
//! form starts empty), open a data file, a recent one, receive a handover, or look at the demo
//! bloc in a file of its own. Shown on the first start and whenever "Tạo khối mới" is chosen.

use super::dialogs::{Answer, Ask, Kind, Purpose};
use super::keys::Shortcut;
use super::widgets::*;
use super::{Dialogs, Target};
use crate::app::files::{create_bloc, NewBloc};
use crate::app::places::{self, Recent};
use crate::domain::text::nfc;
use crate::domain::{Bloc, Margins, Problem, Unit, Year};
use iced::widget::{column, container, row, scrollable, text, text_editor, text_input};
use iced::{Element, Length, Task};
use std::path::{Path, PathBuf};

pub const NAME_ID: &str = "new-name";
pub const LOCATION_ID: &str = "new-location";
pub const UNITS_ID: &str = "new-units";

#[derive(Debug, Clone)]
pub enum Message {
    Field(usize, String),
    Year(String),
    Units(text_editor::Action),
    Location(String),
    PickLocation,
    Create,
    Open,
    Handover,
    Imported(Result<PathBuf, String>),
    /// Asked of the window (a file dialog, or its own chooser).
    Ask(Ask),
    Answer(Answer),
    /// Handled by the window: open a file, the demo.
    Go(Target),
}

pub struct Start {
    dialogs: Dialogs,
    first_start: bool,
    /// The file that was open before, to go back to.
    back: Option<PathBuf>,
    /// name, symbol, managing body, province.
    fields: [String; 4],
    year: String,
    units: Prose,
    /// Where the new bloc's file goes, as typed.
    location: String,
    /// The location was typed or chosen (else it follows the bloc's name).
    location_set: bool,
    recent: Vec<PathBuf>,
    problems: Vec<Problem>,
    error: String,
    busy: bool,
    /// The file this screen just made.
    created: Option<PathBuf>,
}

impl Start {
    /// `at`: where a new bloc would go by default (empty: the data folder, named after the bloc).
    pub fn new(at: PathBuf, dialogs: Dialogs, first_start: bool, back: Option<PathBuf>) -> Self {
        let recent = dialogs
            .recent_at()
            .map(|p| Recent::load(&p).existing_files())
            .unwrap_or_default();
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        Start {
            location_set: !at.as_os_str().is_empty() && at.extension().is_some() && !at.exists(),
            location: at.display().to_string(),
            dialogs,
            first_start,
            back,
            fields: Default::default(),
            year: year.to_string(),
            units: Prose::default(),
            recent,
            problems: Vec::new(),
            error: String::new(),
            busy: false,
            created: None,
        }
    }

    /// The file the new bloc would be written to.
    pub fn location(&self) -> &Path {
        Path::new(self.location.trim())
    }

    pub fn created(&self) -> Option<&Path> {
        self.created.as_deref()
    }

    pub fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        match s {
            Shortcut::Save => self.update(Message::Create),
            Shortcut::Open => self.update(Message::Open),
            // Esc goes back to the file that was open, but never drops a form being filled in.
            Shortcut::Cancel
                if self.fields.iter().any(|f| !f.trim().is_empty()) || !self.units.text().trim().is_empty() =>
            {
                self.error =
                    "Khối mới đang nhập chưa được tạo. Bấm \u{201c}Quay lại tệp đang mở\u{201d} nếu muốn bỏ.".into();
                Task::none()
            }
            Shortcut::Cancel => match &self.back {
                Some(p) => Task::done(Message::Go(Target::Open(p.clone()))),
                None => Task::none(),
            },
            Shortcut::Nav(crate::ui::screens::Nav::Next) => iced::widget::operation::focus_next(),
            Shortcut::Nav(crate::ui::screens::Nav::Previous) => iced::widget::operation::focus_previous(),
            _ => Task::none(),
        }
    }

    pub fn update(&mut self, msg: Message) -> Task<Message> {
        self.error.clear();
        match msg {
            Message::Field(i, s) => {
                self.fields[i] = s;
                if i == 0 && !self.location_set {
                    let dir = self.dialogs.data_dir();
                    self.location = places::new_bloc_file(&dir, &self.fields[0]).display().to_string();
                }
                if !self.problems.is_empty() {
                    self.check();
                }
            }
            Message::Year(s) => self.year = s,
            Message::Units(a) => {
                self.units.perform(a);
                if !self.problems.is_empty() {
                    self.check();
                }
            }
            Message::Location(s) => {
                self.location = s;
                self.location_set = true;
            }
            Message::PickLocation => {
                let at = PathBuf::from(self.location.trim());
                let name = at
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "khoi-thi-dua.sqlite".into());
                return Task::done(Message::Ask(Ask {
                    purpose: Purpose::NewBlocAt,
                    kind: Kind::Save { name },
                    title: "Lưu tệp dữ liệu của khối mới",
                    dir: at
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| self.dialogs.data_dir()),
                    filter: "Dữ liệu Khối Thi Đua",
                }));
            }
            Message::Create => {
                if let Some(bloc) = self.check() {
                    let at = self.location().to_path_buf();
                    // The app's data folder is made on first use; any other folder must exist.
                    let data_dir = self.dialogs.data_dir();
                    let made = match at.parent() {
                        Some(dir) if dir == data_dir => crate::app::files::ensure_folder(dir),
                        _ => Ok(()),
                    };
                    match made.and_then(|()| create_bloc(&at, bloc)) {
                        Ok(()) => {
                            self.created = Some(at.clone());
                            return Task::done(Message::Go(Target::Open(at)));
                        }
                        Err(e) => self.error = e.0,
                    }
                } else {
                    self.error = "Chưa tạo được khối: xem các thông báo bên cạnh.".into();
                }
            }
            Message::Open => {
                return Task::done(Message::Ask(Ask {
                    purpose: Purpose::OpenData,
                    kind: Kind::Open {
                        extensions: vec!["sqlite", "db"],
                    },
                    title: "Mở tệp dữ liệu Khối Thi Đua",
                    dir: self.dialogs.data_dir(),
                    filter: "Dữ liệu Khối Thi Đua",
                }))
            }
            Message::Handover => {
                return Task::done(Message::Ask(Ask {
                    purpose: Purpose::BundleFrom,
                    kind: Kind::Open {
                        extensions: vec!["gz", "json"],
                    },
                    title: "Chọn tệp bàn giao nhận được",
                    dir: places::documents_dir(),
                    filter: "Tệp bàn giao",
                }))
            }
            Message::Answer(a) => return self.answer(a),
            Message::Imported(Ok(p)) => {
                self.busy = false;
                return Task::done(Message::Go(Target::Open(p)));
            }
            Message::Imported(Err(e)) => {
                self.busy = false;
                self.error = e;
            }
            Message::Ask(_) | Message::Go(_) => {}
        }
        Task::none()
    }

    fn answer(&mut self, a: Answer) -> Task<Message> {
        let Some(path) = a.path else {
            return Task::none();
        };
        match a.ask.purpose {
            Purpose::OpenData => Task::done(Message::Go(Target::Open(path))),
            Purpose::NewBlocAt => {
                self.location = path.display().to_string();
                self.location_set = true;
                Task::none()
            }
            // A received handover becomes a new data file in the data folder, named after it.
            Purpose::BundleFrom => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().trim_end_matches(".json").to_string())
                    .unwrap_or_default();
                let data_dir = self.dialogs.data_dir();
                if let Err(e) = crate::app::files::ensure_folder(&data_dir) {
                    self.error = e.0;
                    return Task::none();
                }
                let target = places::new_bloc_file(&data_dir, &stem);
                self.busy = true;
                Task::perform(
                    async move { crate::app::files::receive_handover(&path, &target).map(|()| target) },
                    Message::Imported,
                )
            }
            _ => Task::none(),
        }
    }

    /// The bloc as typed, or its problems (shown beside the fields).
    fn check(&mut self) -> Option<NewBloc> {
        let place = nfc(self.fields[3].trim());
        let bloc = Bloc {
            name: nfc(self.fields[0].trim()),
            symbol: nfc(self.fields[1].trim()),
            managing_body: nfc(self.fields[2].trim()),
            addressee: if place.is_empty() {
                String::new()
            } else {
                format!("Hội đồng Thi đua - Khen thưởng tỉnh {place}")
            },
            place_name: place,
            margins: Margins::default(),
        };
        let units: Vec<Unit> = self
            .units
            .text()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                let mut parts = l.split(['|', '\t']).map(str::trim);
                let name = parts.next().unwrap_or_default();
                let short = parts.next().filter(|s| !s.is_empty()).unwrap_or(name);
                Unit::new(name, short, i as i32 + 1)
            })
            .collect();
        self.problems = bloc.problems();
        if units.is_empty() {
            self.problems.push(Problem::new(
                "units",
                "Nhập ít nhất một đơn vị thành viên, mỗi dòng một đơn vị.",
            ));
        }
        for u in &units {
            self.problems.extend(
                u.problems()
                    .into_iter()
                    .map(|p| Problem::new("units", format!("{}: {}", u.current_name(), p.message))),
            );
        }
        let year = match self.year.trim().parse::<Year>() {
            Ok(y) => match crate::domain::validate::year_problem(y) {
                Some(m) => {
                    self.problems.push(Problem::new("year", m));
                    None
                }
                None => Some(y),
            },
            Err(_) => {
                self.problems
                    .push(Problem::new("year", "Nhập năm bằng số, ví dụ 2026."));
                None
            }
        };
        if self.location.trim().is_empty() {
            self.problems
                .push(Problem::new("location", "Chọn nơi lưu tệp dữ liệu."));
        } else if self.location().exists() {
            self.problems.push(Problem::new(
                "location",
                "Đã có tệp ở đường dẫn này; hãy chọn tên khác (tệp có sẵn không bị ghi đè).",
            ));
        }
        match (self.problems.is_empty(), year) {
            (true, Some(year)) => Some(NewBloc { bloc, units, year }),
            _ => None,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let p = |f: &str| super::screens::problem_for(&self.problems, f);
        let labels = [
            "Tên khối (Khối thi đua …)",
            "Ký hiệu văn bản của khối (ví dụ KNC)",
            "Cơ quan chủ quản (ví dụ UBND TỈNH …)",
            "Tỉnh, thành phố (địa danh ghi trên văn bản)",
        ];
        let examples = ["Khối thi đua Nội chính tỉnh …", "KNC", "UBND TỈNH …", "Bình Định"];
        let fields = ["name", "symbol", "managing_body", "place_name"];
        let ids = [NAME_ID, "new-symbol", "new-managing", "new-place"];
        let mut form = column![subheading("Tạo khối mới")].spacing(6);
        for i in 0..4 {
            form = form.push(
                column![
                    text(labels[i]).size(13),
                    text_input(examples[i], &self.fields[i])
                        .id(ids[i])
                        .on_input(move |s| Message::Field(i, s))
                        .on_submit(Message::Create)
                        .padding(6)
                        .size(15)
                ]
                .spacing(3),
            );
            if let Some(m) = p(fields[i]) {
                form = form.push(error_text(m.to_string()));
            }
        }
        form = form.push(
            row![
                text("Năm bắt đầu").size(13),
                text_input("2026", &self.year)
                    .id("new-year-start")
                    .on_input(Message::Year)
                    .on_submit(Message::Create)
                    .padding(6)
                    .width(90),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        );
        if let Some(m) = p("year") {
            form = form.push(error_text(m.to_string()));
        }
        form = form
            .push(text("Đơn vị thành viên: mỗi dòng một đơn vị, dạng Tên đơn vị | Tên viết tắt (dán được từ Excel: hai cột)").size(13))
            .push(
                text_editor(&self.units.0)
                    .id(UNITS_ID)
                    .placeholder("Công an tỉnh | CA tỉnh\nTòa án nhân dân tỉnh | TAND tỉnh")
                    .on_action(Message::Units)
                    .height(120),
            );
        if let Some(m) = p("units") {
            form = form.push(error_text(m.to_string()));
        }
        form = form.push(
            column![
                text("Nơi lưu tệp dữ liệu").size(13),
                row![
                    text_input("Đường dẫn tệp .sqlite", &self.location)
                        .id(LOCATION_ID)
                        .on_input(Message::Location)
                        .on_submit(Message::Create)
                        .padding(6)
                        .size(14),
                    secondary("Chọn…", Some(Message::PickLocation)),
                ]
                .spacing(8),
            ]
            .spacing(3),
        );
        if let Some(m) = p("location") {
            form = form.push(error_text(m.to_string()));
        }
        form = form.push(primary("Tạo khối (Ctrl+S)", (!self.busy).then_some(Message::Create)));

        let mut side = column![
            subheading("Hoặc"),
            secondary("Mở tệp dữ liệu có sẵn… (Ctrl+O)", Some(Message::Open)).width(Length::Fill),
            secondary(
                "Nhận tệp bàn giao từ Khối trưởng năm trước…",
                (!self.busy).then_some(Message::Handover)
            )
            .width(Length::Fill),
            secondary(
                "Xem khối mẫu (dữ liệu minh họa, tệp riêng)",
                Some(Message::Go(Target::Demo))
            )
            .width(Length::Fill),
        ]
        .spacing(8);
        if let Some(b) = &self.back {
            side = side.push(
                secondary("Quay lại tệp đang mở (Esc)", Some(Message::Go(Target::Open(b.clone())))).width(Length::Fill),
            );
        }
        if !self.recent.is_empty() {
            side = side.push(subheading("Mở gần đây"));
            for f in self.recent.iter().take(6) {
                side = side.push(recent_file(f, Message::Go(Target::Open(f.clone()))));
            }
        }
        let greeting = if self.first_start {
            "Chào mừng! Tạo hồ sơ của khối bạn, mở tệp có sẵn, nhận bàn giao, hoặc xem khối mẫu để làm quen."
        } else {
            "Tạo khối mới, mở tệp có sẵn, nhận bàn giao, hoặc xem khối mẫu."
        };
        let mut c = column![
            heading("Khối Thi Đua"),
            text(greeting).size(14),
            row![
                container(panel(form)).width(Length::FillPortion(3)),
                container(panel(side)).width(Length::FillPortion(2)),
            ]
            .spacing(14),
        ]
        .spacing(12)
        .max_width(1040);
        if self.busy {
            c = c.push(text("Đang kiểm tra và nhận bàn giao…").size(14));
        }
        if !self.error.is_empty() {
            c = c.push(error_text(self.error.clone()));
        }
        scrollable(container(c).padding(24).center_x(Length::Fill)).into()
    }
}
