//! What the window over an open file shows: the sidebar with the file menu, the year bar, the
//! open question or form, the area's screen and the status line.

use super::export;
use super::new_year::{self, NewYearMessage};
use super::{Area, Message, Workspace};
use crate::ui::keys::Shortcut;
use crate::ui::screens;
use crate::ui::widgets::*;
use crate::ui::Target;
use iced::widget::{button, column, container, pick_list, progress_bar, row, rule, text};
use iced::{Element, Length};

impl Workspace {
    pub fn view(&self) -> Element<'_, Message> {
        let r = &*self.record;
        let mut sidebar = column![
            text("Khối Thi Đua").size(18).font(bold()),
            button(text(if self.menu { "Tệp ▴" } else { "Tệp ▾" }).size(15))
                .on_press(Message::Menu(!self.menu))
                .width(Length::Fill)
                .padding([6, 10])
                .style(button::secondary),
            rule::horizontal(1)
        ]
        .spacing(6);
        for a in Area::ALL {
            sidebar = sidebar.push(
                button(text(a.label()).size(15))
                    .on_press(Message::Area(a))
                    .width(Length::Fill)
                    .padding([8, 10])
                    .style(if a == self.area { button::primary } else { button::text }),
            );
        }
        if self.demo {
            sidebar = sidebar.push(iced::widget::space::vertical()).push(demo_note());
        }
        let sidebar = container(sidebar)
            .width(190)
            .padding(10)
            .height(Length::Fill)
            .style(container::rounded_box);

        let top = row![
            column![
                text(r.bloc.name.clone()).size(20).font(bold()),
                muted(match &r.leadership {
                    Some(l) => format!(
                        "Khối trưởng năm {}: {}{}",
                        r.year,
                        r.unit_name(l.head),
                        l.deputy
                            .map(|d| format!(" · Khối phó: {}", r.unit_name(d)))
                            .unwrap_or_default()
                    ),
                    None => format!("Năm {} chưa ghi nhận Khối trưởng.", r.year),
                }),
            ]
            .width(Length::Fill),
            secondary(
                "Xuất tất cả văn bản năm",
                (self.batch.is_none() && self.busy.is_none()).then_some(Message::ExportAll)
            ),
            text("Năm").size(15),
            pick_list(self.years.clone(), Some(r.year), Message::Year).width(90),
            secondary("Năm mới…", Some(Message::NewYear(NewYearMessage::Open))),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);

        let body: Element<'_, Message> = if let Some(ed) = &self.editor {
            ed.view().map(Message::Draft)
        } else {
            match self.area {
                Area::Units => self.screens.units.view(r).map(Message::Units),
                Area::Leadership => self.screens.leadership.view(r).map(Message::Leadership),
                Area::Pledge => self.screens.pledge.view(r).map(Message::Pledge),
                Area::Conferences => self.screens.conferences.view(r).map(Message::Conferences),
                Area::Scoring => self.screens.scoring.view(r).map(Message::Scoring),
                Area::Ballots => self.screens.ballots.view(r).map(Message::Ballots),
                Area::Awards => self.screens.awards.view(r).map(Message::Awards),
                Area::Settings => self.screens.settings.view(r).map(Message::Settings),
            }
        };

        let mut main = column![top, rule::horizontal(1)].spacing(8);
        if self.menu {
            main = main.push(self.menu_view());
        }
        if let Some(f) = &self.new_year {
            main = main.push(new_year::view(f));
        }
        if let Some(p) = self.prompt_view() {
            main = main.push(p);
        }
        if let Some(p) = self.pending_export.as_ref().filter(|p| !p.confirmed) {
            main = main.push(export::export_form(p));
        }
        if !self.warnings.is_empty() {
            let mut lines = column![].spacing(2);
            for w in &self.warnings {
                lines = lines.push(text(w.clone()).size(14).color(WARN));
            }
            main = main.push(panel(
                row![
                    lines.width(Length::Fill),
                    secondary("Đã hiểu", Some(Message::DismissWarnings)),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            ));
        }
        if let Some(b) = &self.batch {
            main = main.push(
                column![
                    text(format!("Đang xuất văn bản {}/{}…", b.written + b.failed.len(), b.total)),
                    progress_bar(0.0..=b.total as f32, (b.written + b.failed.len()) as f32),
                ]
                .spacing(4),
            );
        } else if let Some(b) = &self.busy {
            main = main.push(column![text(b.clone()), progress_bar(0.0..=1.0, 0.5)].spacing(4));
        }
        main = main.push(container(body).height(Length::Fill).clip(true));
        let mut status = row![text(self.status.clone()).size(13).width(Length::Fill)]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        if self.last_export.is_some() {
            status = status.push(secondary("Mở", Some(Message::OpenLastExport)));
        }
        if let Some(p) = &self.imported {
            status = status.push(secondary(
                "Mở tệp vừa nhận",
                Some(Message::Leave(Target::Open(p.clone()))),
            ));
        }
        main = main.push(rule::horizontal(1)).push(status);
        row![sidebar, container(main).padding(12).width(Length::Fill)].into()
    }

    /// The file menu: what every office program offers, at any time.
    fn menu_view(&self) -> Element<'_, Message> {
        let mut recent = column![subheading("Mở gần đây")].spacing(2);
        let files = &self.menu_files;
        if files.is_empty() {
            recent = recent.push(muted("Chưa có tệp nào khác."));
        }
        for p in files {
            recent = recent.push(recent_file(p, Message::Leave(Target::Open(p.clone()))));
        }
        let actions = column![
            subheading("Tệp dữ liệu"),
            primary("Tạo khối mới… (Ctrl+N)", Some(Message::Leave(Target::Start))),
            secondary("Mở tệp dữ liệu… (Ctrl+O)", Some(Message::Shortcut(Shortcut::Open))),
            secondary(
                "Nhận bàn giao…",
                Some(Message::Settings(screens::settings::Message::ImportBundle))
            ),
            secondary("Mở khối mẫu", (!self.demo).then_some(Message::Leave(Target::Demo))),
            muted(format!("Đang mở: {}", self.path.display())),
        ]
        .spacing(6);
        panel(
            row![
                actions.width(Length::FillPortion(2)),
                recent.width(Length::FillPortion(3)),
                secondary("Đóng", Some(Message::Menu(false))),
            ]
            .spacing(16),
        )
    }
}

/// On every screen of the demo file, at the foot of the sidebar: it is not the user's bloc.
fn demo_note<'a>() -> Element<'a, Message> {
    container(
        column![
            text("KHỐI MẪU").size(14).font(bold()).color(WARN),
            text("Dữ liệu minh họa (Khối thi đua Nội chính tỉnh Bình Định, 2020–2022), không phải hồ sơ của khối bạn.")
                .size(12),
            button(text("Tạo khối của bạn").size(13))
                .padding([4, 8])
                .width(Length::Fill)
                .on_press(Message::Leave(Target::Start)),
        ]
        .spacing(6),
    )
    .padding(8)
    .width(Length::Fill)
    .style(|_: &iced::Theme| container::Style {
        background: Some(iced::Color::from_rgb(1.0, 0.96, 0.85).into()),
        border: iced::Border {
            color: WARN,
            width: 1.0,
            radius: 4.0.into(),
        },
        ..container::Style::default()
    })
    .into()
}
