//! The overview of one year: leadership, member units, pledge and conferences.

use super::{Message, UI_FONT};
use crate::domain::text::date_dmy;
use crate::domain::{Year, YearRecord};
use iced::widget::{column, container, pick_list, row, rule, scrollable, text};
use iced::{Element, Font, Length};

fn bold() -> Font {
    Font {
        weight: iced::font::Weight::Bold,
        ..UI_FONT
    }
}

fn heading(s: &str) -> Element<'_, Message> {
    text(s).size(18).font(bold()).into()
}

pub fn view<'a>(r: &'a YearRecord, years: &'a [Year], status: &'a str) -> Element<'a, Message> {
    let header = row![
        text(r.bloc.name.clone()).size(22).font(bold()).width(Length::Fill),
        text("Năm").size(16),
        pick_list(years.to_vec(), Some(r.year), Message::YearSelected).width(110),
    ]
    .spacing(12)
    .align_y(iced::Alignment::Center);

    let leadership = match &r.leadership {
        Some(l) => column![
            text(format!("Khối trưởng: {}", r.unit_name(l.head))),
            text(format!(
                "Khối phó: {}",
                l.deputy.map(|d| r.unit_name(d)).unwrap_or_else(|| "chưa có".into())
            )),
            text(format!("Cách chọn: {}", l.method.label())),
        ]
        .spacing(4),
        None => column![text("Chưa ghi nhận Khối trưởng, Khối phó của năm này.")],
    };

    let mut units = column![].spacing(4);
    for (i, u) in r.member_units().into_iter().enumerate() {
        let head = u
            .heads
            .last()
            .map(|h| format!("{} {}", h.position, h.name))
            .unwrap_or_default();
        units = units.push(
            row![
                text(format!("{}.", i + 1)).width(32),
                text(u.name_in_year(r.year).to_string()).width(Length::FillPortion(3)),
                text(u.current_short_name().to_string()).width(Length::FillPortion(1)),
                text(head).width(Length::FillPortion(2)),
            ]
            .spacing(8),
        );
    }

    let mut conferences = column![].spacing(4);
    if r.conferences.is_empty() {
        conferences = conferences.push(text("Chưa có hội nghị nào."));
    }
    for c in &r.conferences {
        conferences = conferences.push(text(format!(
            "{} · {} · có mặt {}/{} · {}",
            date_dmy(c.date),
            c.kind.label(),
            c.present_count(),
            r.members.len(),
            c.title
        )));
    }

    let pledge = match &r.pledge {
        Some(p) => text(format!(
            "Giao ước: \u{201c}{}\u{201d} — {} nội dung, {}/{} đơn vị đã ký.",
            p.theme,
            p.items.len(),
            p.signed_count(),
            r.members.len()
        )),
        None => text("Chưa có giao ước thi đua của năm này."),
    };

    let body = column![
        heading("Lãnh đạo khối"),
        leadership,
        rule::horizontal(1),
        heading("Đơn vị thành viên"),
        units,
        rule::horizontal(1),
        heading("Giao ước thi đua"),
        pledge,
        rule::horizontal(1),
        heading("Hội nghị"),
        conferences,
    ]
    .spacing(10);

    container(
        column![
            header,
            scrollable(body).height(Length::Fill),
            rule::horizontal(1),
            text(status).size(13),
        ]
        .spacing(12),
    )
    .padding(20)
    .into()
}
