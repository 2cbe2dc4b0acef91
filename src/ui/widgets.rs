//! Small view helpers shared by the screens: labelled fields with their problem shown beside them,
//! headings, buttons.

use super::UI_FONT;
use iced::widget::{button, column, container, row, text, text_input, Button};
use iced::{Color, Element, Font, Length};

pub fn bold() -> Font {
    Font {
        weight: iced::font::Weight::Bold,
        ..UI_FONT
    }
}

pub fn heading<'a, M: 'a>(s: impl Into<String>) -> Element<'a, M> {
    text(s.into()).size(20).font(bold()).into()
}

pub fn subheading<'a, M: 'a>(s: impl Into<String>) -> Element<'a, M> {
    text(s.into()).size(16).font(bold()).into()
}

pub const ERROR: Color = Color::from_rgb(0.72, 0.11, 0.11);
pub const WARN: Color = Color::from_rgb(0.62, 0.38, 0.0);
pub const MUTED: Color = Color::from_rgb(0.38, 0.40, 0.44);
pub const OK: Color = Color::from_rgb(0.05, 0.45, 0.2);

pub fn error_text<'a, M: 'a>(s: impl Into<String>) -> Element<'a, M> {
    text(s.into()).size(13).color(ERROR).into()
}

pub fn muted<'a, M: 'a>(s: impl Into<String>) -> Element<'a, M> {
    text(s.into()).size(13).color(MUTED).into()
}

/// A labelled text field; its problem, if any, right under it. The field keeps what was typed.
pub fn field<'a, M: Clone + 'a>(
    label: &str,
    id: &'static str,
    value: &str,
    on_input: impl Fn(String) -> M + 'a,
    problem: Option<&str>,
) -> Element<'a, M> {
    let input = text_input(label, value).id(id).on_input(on_input).padding(6).size(15);
    let mut col = column![text(label.to_string()).size(13), input].spacing(3);
    if let Some(p) = problem {
        col = col.push(error_text(p.to_string()));
    }
    col.width(Length::Fill).into()
}

pub fn primary<'a, M: Clone + 'a>(label: &str, msg: Option<M>) -> Button<'a, M> {
    button(text(label.to_string()).size(14))
        .on_press_maybe(msg)
        .padding([6, 14])
}

pub fn secondary<'a, M: Clone + 'a>(label: &str, msg: Option<M>) -> Button<'a, M> {
    button(text(label.to_string()).size(14))
        .on_press_maybe(msg)
        .padding([6, 14])
        .style(button::secondary)
}

pub fn danger<'a, M: Clone + 'a>(label: &str, msg: Option<M>) -> Button<'a, M> {
    button(text(label.to_string()).size(14))
        .on_press_maybe(msg)
        .padding([6, 14])
        .style(button::danger)
}

/// A framed panel.
pub fn panel<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .padding(12)
        .width(Length::Fill)
        .style(container::bordered_box)
        .into()
}

/// One row of a simple table: cells with relative widths.
pub fn table_row<'a, M: 'a>(cells: Vec<(Element<'a, M>, u16)>) -> Element<'a, M> {
    let mut r = row![].spacing(8).align_y(iced::Alignment::Center);
    for (cell, portion) in cells {
        r = r.push(container(cell).width(Length::FillPortion(portion)));
    }
    r.into()
}

pub fn cell<'a, M: 'a>(s: impl Into<String>) -> Element<'a, M> {
    text(s.into()).size(14).into()
}

pub fn head_cell<'a, M: 'a>(s: impl Into<String>) -> Element<'a, M> {
    text(s.into()).size(13).font(bold()).color(MUTED).into()
}

/// A prose field's content (a multi-line `text_editor`) that can be copied, so that a screen holding
/// one stays `Clone` (the window keeps copies of a form for undo).
#[derive(Default)]
pub struct Prose(pub iced::widget::text_editor::Content);

impl Prose {
    pub fn new(text: &str) -> Self {
        Prose(iced::widget::text_editor::Content::with_text(text))
    }

    /// The text as typed, lines joined with "\n" (a trailing newline of the editor dropped).
    pub fn text(&self) -> String {
        let t = self.0.text();
        t.strip_suffix('\n').map(str::to_string).unwrap_or(t)
    }

    pub fn perform(&mut self, action: iced::widget::text_editor::Action) {
        self.0.perform(action);
    }
}

impl Clone for Prose {
    fn clone(&self) -> Self {
        Prose::new(&self.text())
    }
}

impl std::fmt::Debug for Prose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Prose").field(&self.text()).finish()
    }
}

/// A recent data file in a list: its name, its folder under it; `msg` opens it.
pub fn recent_file<'a, M: Clone + 'a>(path: &std::path::Path, msg: M) -> Element<'a, M> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = path.parent().map(|d| d.display().to_string()).unwrap_or_default();
    button(column![text(name).size(14), muted(folder)].spacing(0))
        .style(button::text)
        .padding([3, 6])
        .width(Length::Fill)
        .on_press(msg)
        .into()
}
