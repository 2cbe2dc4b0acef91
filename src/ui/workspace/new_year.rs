//! "Năm mới": starts a year before its leadership is known, copying what carries over from the
//! last year (members, the score sheet's criteria, the pledge's contents) when the clerk asks.

use super::{Message, Workspace};
use crate::domain::Year;
use crate::store::YearCopy;
use crate::ui::widgets::*;
use iced::widget::{checkbox, column, row, text, text_input};
use iced::{Element, Length, Task};

pub const YEAR_ID: &str = "new-year";

#[derive(Debug, Clone)]
pub enum NewYearMessage {
    Open,
    Year(String),
    Members(bool),
    Criteria(bool),
    Pledge(bool),
    Create,
    Cancel,
}

pub(super) struct NewYearForm {
    year: String,
    /// The year copied from: the latest before the new one.
    from: Option<Year>,
    copy: YearCopy,
    error: Option<String>,
}

impl Workspace {
    pub(super) fn new_year(&mut self, m: NewYearMessage) -> Task<Message> {
        if let NewYearMessage::Open = m {
            if self.dirty() {
                self.status = format!(
                    "Mục \u{201c}{}\u{201d} có thay đổi chưa lưu: hãy lưu (Ctrl+S) hoặc bỏ (Esc) trước khi tạo năm mới.",
                    self.area.label()
                );
                return Task::none();
            }
            let next = self
                .years
                .last()
                .map(|y| y + 1)
                .unwrap_or(chrono::Datelike::year(&self.today));
            self.new_year = Some(NewYearForm {
                year: next.to_string(),
                from: self.years.last().copied(),
                copy: YearCopy {
                    members: true,
                    criteria: true,
                    pledge_contents: true,
                },
                error: None,
            });
            return iced::widget::operation::focus(YEAR_ID);
        }
        let Some(f) = self.new_year.as_mut() else {
            return Task::none();
        };
        f.error = None;
        match m {
            NewYearMessage::Open => {}
            NewYearMessage::Year(s) => {
                f.year = s;
                let typed = f.year.trim().parse::<Year>().ok();
                f.from = typed.and_then(|y| self.years.iter().rev().find(|&&x| x < y).copied());
            }
            NewYearMessage::Members(b) => f.copy.members = b,
            NewYearMessage::Criteria(b) => f.copy.criteria = b,
            NewYearMessage::Pledge(b) => f.copy.pledge_contents = b,
            NewYearMessage::Cancel => self.new_year = None,
            NewYearMessage::Create => {
                let Ok(year) = f.year.trim().parse::<Year>() else {
                    f.error = Some("Nhập năm bằng số, ví dụ 2023.".into());
                    return Task::none();
                };
                let (from, copy) = (f.from, f.copy.clone());
                let Some(store) = self.store.as_mut() else {
                    return Task::none();
                };
                match store.start_year(year, from, copy) {
                    Ok(()) => {
                        self.new_year = None;
                        self.reload(year);
                        self.status = match from {
                            Some(f) => format!("Đã tạo năm {year}, chép từ năm {f} những mục đã chọn."),
                            None => format!("Đã tạo năm {year}."),
                        };
                    }
                    Err(e) => {
                        if let Some(f) = self.new_year.as_mut() {
                            f.error = Some(e.to_string());
                        }
                    }
                }
            }
        }
        Task::none()
    }
}

pub(super) fn view(f: &NewYearForm) -> Element<'_, Message> {
    let msg = Message::NewYear;
    let from = f.from.map(|y| format!(" năm {y}")).unwrap_or_default();
    let copy: Element<'_, Message> = if f.from.is_some() {
        column![
            checkbox(f.copy.members)
                .label(format!("Chép danh sách thành viên{from}"))
                .on_toggle(move |b| msg(NewYearMessage::Members(b))),
            checkbox(f.copy.criteria)
                .label(format!("Chép các tiêu chí chấm điểm{from} (không chép điểm)"))
                .on_toggle(move |b| msg(NewYearMessage::Criteria(b))),
            checkbox(f.copy.pledge_contents)
                .label(format!("Chép nội dung giao ước thi đua{from} (không chép chữ ký)"))
                .on_toggle(move |b| msg(NewYearMessage::Pledge(b))),
        ]
        .spacing(4)
        .into()
    } else {
        muted("Chưa có năm nào trước đó để chép.")
    };
    let mut c = column![
        subheading("Năm mới"),
        row![
            text("Năm").size(14),
            text_input("2023", &f.year)
                .id(YEAR_ID)
                .on_input(move |s| msg(NewYearMessage::Year(s)))
                .on_submit(msg(NewYearMessage::Create))
                .padding(6)
                .width(100),
            copy,
            iced::widget::space::horizontal(),
            primary("Tạo năm", Some(msg(NewYearMessage::Create))),
            secondary("Hủy", Some(msg(NewYearMessage::Cancel))),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center),
    ]
    .spacing(6);
    if let Some(e) = &f.error {
        c = c.push(error_text(e.clone()));
    }
    panel(c.width(Length::Fill))
}
