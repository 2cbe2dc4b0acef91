//! The desktop window (iced). For now an overview of a year of the bloc, with a year selector, and an
//! error screen that says what went wrong when the file cannot be opened.

mod overview;

use crate::domain::{Year, YearRecord};
use crate::store::Store;
use iced::widget::{button, column, container, text};
use iced::{Element, Font, Length, Task, Theme};
use std::path::PathBuf;

pub const UI_FONT: Font = Font::with_name("Liberation Sans");
const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// Opens the window on `path`.
pub fn run(path: PathBuf) -> iced::Result {
    iced::application(move || App::open(path.clone()), App::update, App::view)
        .title(App::title)
        .font(FONT_REGULAR)
        .font(FONT_BOLD)
        .default_font(UI_FONT)
        .theme(|_: &App| Theme::Light)
        .window_size((1280.0, 760.0))
        .centered()
        .run()
}

pub enum App {
    Loaded {
        path: PathBuf,
        store: Store,
        years: Vec<Year>,
        record: Box<YearRecord>,
        status: String,
    },
    Failed {
        path: PathBuf,
        message: String,
    },
}

#[derive(Debug, Clone)]
pub enum Message {
    YearSelected(Year),
    Retry,
}

impl App {
    pub fn open(path: PathBuf) -> Self {
        match Self::load(&path, None) {
            Ok((store, years, record)) => App::Loaded {
                path,
                store,
                years,
                record: Box::new(record),
                status: "Đã mở tệp dữ liệu.".into(),
            },
            Err(message) => App::Failed { path, message },
        }
    }

    fn load(path: &std::path::Path, year: Option<Year>) -> Result<(Store, Vec<Year>, YearRecord), String> {
        let store = Store::open(path).map_err(|e| e.to_string())?;
        let years = store.years().map_err(|e| e.to_string())?;
        let year = year
            .or_else(|| years.last().copied())
            .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
        let record = store.load_year(year).map_err(|e| e.to_string())?;
        Ok((store, years, record))
    }

    pub fn title(&self) -> String {
        let path = match self {
            App::Loaded { path, .. } | App::Failed { path, .. } => path,
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("Khối Thi Đua — {name}")
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match (self, message) {
            (
                App::Loaded {
                    store, record, status, ..
                },
                Message::YearSelected(y),
            ) => match store.load_year(y) {
                Ok(r) => {
                    **record = r;
                    *status = format!("Đang xem năm {y}.");
                }
                Err(e) => *status = e.to_string(),
            },
            (app @ App::Failed { .. }, Message::Retry) => {
                let App::Failed { path, .. } = app else { unreachable!() };
                *app = App::open(path.clone());
            }
            _ => {}
        }
        Task::none()
    }

    pub fn view(&self) -> Element<'_, Message> {
        match self {
            App::Loaded {
                years, record, status, ..
            } => overview::view(record, years, status),
            App::Failed { path, message } => container(
                column![
                    text("Không mở được tệp dữ liệu").size(24).font(Font {
                        weight: iced::font::Weight::Bold,
                        ..UI_FONT
                    }),
                    text(message.clone()).size(16),
                    text(format!("Tệp: {}", path.display())).size(14),
                    text(
                        "Tệp không bị thay đổi. Hãy chọn tệp khác bằng tham số --data, hoặc khôi phục từ bản sao lưu."
                    )
                    .size(14),
                    button("Thử lại").on_press(Message::Retry),
                ]
                .spacing(14)
                .max_width(760),
            )
            .padding(40)
            .center_x(Length::Fill)
            .into(),
        }
    }
}
