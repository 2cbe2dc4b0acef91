//! The welcome screen, when the data file does not exist yet: open the demo bloc in it, create a new
//! bloc (name, symbol, province, units), or open another file.

use super::widgets::*;
use super::Dialogs;
use crate::domain::text::nfc;
use crate::domain::{Bloc, Margins, Problem, Unit};
use crate::store::Store;
use iced::widget::{column, container, row, text, text_editor};
use iced::{Element, Length, Task};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum Message {
    Demo,
    Field(usize, String),
    Units(text_editor::Action),
    Create,
    Pick,
    Picked(Option<PathBuf>),
}

pub enum Outcome {
    Stay(Task<Message>),
    Open(PathBuf, Dialogs),
}

pub struct Welcome {
    pub path: PathBuf,
    dialogs: Dialogs,
    /// name, symbol, managing body, place.
    fields: [String; 4],
    units: text_editor::Content,
    problems: Vec<Problem>,
    error: String,
}

impl Welcome {
    pub fn new(path: PathBuf, dialogs: Dialogs) -> Self {
        Welcome {
            path,
            dialogs,
            fields: Default::default(),
            units: text_editor::Content::with_text("Công an tỉnh | CA tỉnh\nViện Kiểm sát nhân dân tỉnh | VKSND tỉnh"),
            problems: Vec::new(),
            error: String::new(),
        }
    }

    fn ensure_folder(&self) -> Result<(), String> {
        match self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("Không tạo được thư mục {}: {e}", dir.display()))
            }
            None => Ok(()),
        }
    }

    pub fn update(&mut self, msg: Message) -> Outcome {
        match msg {
            Message::Demo => {
                let result = self
                    .ensure_folder()
                    .and_then(|()| crate::cli::write_demo_file(&self.path).map_err(|e| e.0));
                match result {
                    Ok(()) => return Outcome::Open(self.path.clone(), self.dialogs.clone()),
                    Err(e) => self.error = e,
                }
            }
            Message::Field(i, s) => self.fields[i] = s,
            Message::Units(a) => self.units.perform(a),
            Message::Create => match self.create() {
                Ok(()) => return Outcome::Open(self.path.clone(), self.dialogs.clone()),
                Err(e) => self.error = e,
            },
            Message::Pick => {
                return Outcome::Stay(Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("Mở tệp dữ liệu Khối Thi Đua")
                            .add_filter("Dữ liệu Khối Thi Đua", &["sqlite", "db"])
                            .pick_file()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    Message::Picked,
                ))
            }
            Message::Picked(Some(p)) => return Outcome::Open(p, self.dialogs.clone()),
            Message::Picked(None) => self.error = "Chưa chọn tệp nào.".into(),
        }
        Outcome::Stay(Task::none())
    }

    fn create(&mut self) -> Result<(), String> {
        let bloc = Bloc {
            name: nfc(&self.fields[0]),
            symbol: nfc(&self.fields[1]),
            managing_body: nfc(&self.fields[2]),
            place_name: nfc(&self.fields[3]),
            addressee: format!("Hội đồng Thi đua - Khen thưởng tỉnh {}", nfc(&self.fields[3])),
            margins: Margins::default(),
        };
        let mut units: Vec<Unit> = self
            .units
            .text()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                let (name, short) = l.split_once('|').unwrap_or((l, l));
                Unit::new(name, short, i as i32 + 1)
            })
            .collect();
        self.problems = bloc.problems();
        if units.is_empty() {
            self.problems
                .push(Problem::new("units", "Nhập ít nhất một đơn vị thành viên."));
        }
        for u in &units {
            self.problems.extend(
                u.problems()
                    .into_iter()
                    .map(|p| Problem::new("units", format!("{}: {}", u.current_name(), p.message))),
            );
        }
        if !self.problems.is_empty() {
            return Err("Chưa tạo được khối: xem các thông báo bên cạnh.".into());
        }
        self.ensure_folder()?;
        let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        crate::cli::write_atomically_with(&self.path, |s: &mut Store| {
            s.save_bloc(&bloc)?;
            s.save_units(&mut units)?;
            s.set_members(year, &units.iter().map(|u| u.id).collect::<Vec<_>>())
        })
        .map_err(|e| e.0)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let p = |f: &str| super::screens::problem_for(&self.problems, f);
        let labels = [
            "Tên khối (Khối thi đua …)",
            "Ký hiệu văn bản (KNC)",
            "Cơ quan chủ quản (UBND TỈNH …)",
            "Tỉnh (địa danh)",
        ];
        let fields = ["name", "symbol", "managing_body", "place_name"];
        let ids = ["new-name", "new-symbol", "new-managing", "new-place"];
        let mut form = column![subheading("Tạo khối mới")].spacing(6);
        for i in 0..4 {
            form = form.push(field(
                labels[i],
                ids[i],
                &self.fields[i],
                move |s| Message::Field(i, s),
                p(fields[i]),
            ));
        }
        form = form
            .push(text("Đơn vị thành viên, mỗi dòng: Tên đơn vị | Tên viết tắt").size(13))
            .push(text_editor(&self.units).on_action(Message::Units).height(140));
        if let Some(m) = p("units") {
            form = form.push(error_text(m.to_string()));
        }
        form = form.push(primary("Tạo khối", Some(Message::Create)));
        let mut c = column![
            heading("Khối Thi Đua"),
            text(format!("Chưa có tệp dữ liệu tại {}.", self.path.display())),
            row![
                primary(
                    "Mở khối mẫu (Khối thi đua Nội chính tỉnh Bình Định)",
                    Some(Message::Demo)
                ),
                secondary("Mở tệp có sẵn…", Some(Message::Pick)),
            ]
            .spacing(10),
            panel(form),
        ]
        .spacing(14)
        .max_width(820);
        if !self.error.is_empty() {
            c = c.push(error_text(self.error.clone()));
        }
        container(c).padding(30).center_x(Length::Fill).into()
    }
}
