//! Giao ước thi đua: theme, numbered contents and targets (add, edit, reorder), one signature per
//! member unit (signed, date, signer), and the pledge PDF.
//!
//! Every field here is one line (the theme, each content and target are one line each in the
//! pledge: `TextKind::Line`); a problem shown beside a field goes away as soon as it is fixed.

use super::conferences::recheck;
use super::{date_text, optional_date, problem_for, Action, Ctx};
use crate::app::exports::DocRequest;
use crate::domain::{Pledge, PledgeItem, Problem, Signature, UnitId, YearRecord};
use crate::ui::widgets::*;
use iced::widget::{checkbox, column, row, scrollable, text, text_input};
use iced::{Element, Length};

#[derive(Debug, Clone)]
pub enum Message {
    Theme(String),
    Content(usize, String),
    Target(usize, String),
    AddItem,
    Remove(usize),
    Up(usize),
    Down(usize),
    Signed(usize, bool),
    Date(usize, String),
    Signer(usize, String),
    Position(usize, String),
    Save,
    Export,
}

#[derive(Clone)]
struct SignRow {
    unit: UnitId,
    name: String,
    signed: bool,
    date: String,
    signer: String,
    position: String,
}

#[derive(Clone)]
pub struct PledgeScreen {
    theme: String,
    items: Vec<(String, String)>,
    rows: Vec<SignRow>,
    problems: Vec<Problem>,
    exists: bool,
    dirty: bool,
}

impl PledgeScreen {
    pub fn new(r: &YearRecord) -> Self {
        let p = r.pledge.as_ref();
        let rows = r
            .member_units()
            .into_iter()
            .map(|u| {
                let s = p.and_then(|p| p.signatures.iter().find(|s| s.unit == u.id));
                let head = u.heads.last();
                SignRow {
                    unit: u.id,
                    name: u.name_in_year(r.year).to_string(),
                    signed: s.is_some_and(|s| s.signed),
                    date: date_text(s.and_then(|s| s.signed_on)),
                    signer: s
                        .map(|s| s.signer_name.clone())
                        .filter(|x| !x.is_empty())
                        .or(head.map(|h| h.name.clone()))
                        .unwrap_or_default(),
                    position: s
                        .map(|s| s.signer_position.clone())
                        .filter(|x| !x.is_empty())
                        .or(head.map(|h| h.position.clone()))
                        .unwrap_or_default(),
                }
            })
            .collect();
        PledgeScreen {
            theme: p.map(|p| p.theme.clone()).unwrap_or_default(),
            items: p
                .map(|p| p.items.iter().map(|i| (i.content.clone(), i.target.clone())).collect())
                .unwrap_or_default(),
            rows,
            problems: Vec::new(),
            exists: p.is_some(),
            dirty: false,
        }
    }

    pub fn dirty(&self) -> bool {
        self.dirty
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        match msg {
            Message::Save => return self.save(ctx),
            Message::Export => {
                return if self.dirty {
                    Action::Status("Hãy lưu giao ước trước khi xuất PDF.".into())
                } else {
                    Action::Export(DocRequest::Pledge(ctx.record.year))
                }
            }
            _ => {}
        }
        self.dirty = true;
        match msg {
            Message::Theme(s) => self.theme = s,
            Message::Content(i, s) => self.items[i].0 = s,
            Message::Target(i, s) => self.items[i].1 = s,
            Message::AddItem => self.items.push((String::new(), String::new())),
            Message::Remove(i) => {
                self.items.remove(i);
            }
            Message::Up(i) if i > 0 => self.items.swap(i, i - 1),
            Message::Down(i) if i + 1 < self.items.len() => self.items.swap(i, i + 1),
            Message::Signed(i, on) => {
                self.rows[i].signed = on;
                // Ticked: the day of the signing conference when one is known, never today (the
                // signature may be entered long after); otherwise the date is left to type.
                if on && self.rows[i].date.trim().is_empty() {
                    let r = ctx.record;
                    let signing = r
                        .pledge
                        .as_ref()
                        .and_then(|p| p.signing_conference)
                        .and_then(|c| r.conference(c))
                        .or_else(|| {
                            r.conferences
                                .iter()
                                .find(|c| c.kind == crate::domain::ConferenceKind::Launch)
                        });
                    if let Some(c) = signing {
                        self.rows[i].date = crate::domain::text::date_dmy(c.date);
                    }
                }
            }
            Message::Date(i, s) => self.rows[i].date = s,
            Message::Signer(i, s) => self.rows[i].signer = s,
            Message::Position(i, s) => self.rows[i].position = s,
            _ => {}
        }
        // A problem shown goes away as soon as the field is right.
        if !self.problems.is_empty() {
            self.problems = recheck(&self.problems, self.pledge(ctx.record).1);
        }
        Action::None
    }

    /// The pledge as typed, and every problem of it.
    fn pledge(&self, r: &YearRecord) -> (Pledge, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut signatures = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let signed_on = match optional_date(&row.date) {
                Ok(d) => d,
                Err(e) => {
                    problems.push(Problem::new(format!("signatures[{i}].signed_on"), e));
                    None
                }
            };
            signatures.push(Signature {
                unit: row.unit,
                signed: row.signed,
                signed_on,
                signer_name: row.signer.clone(),
                signer_position: row.position.clone(),
            });
        }
        let pledge = Pledge {
            year: r.year,
            theme: self.theme.clone(),
            items: self
                .items
                .iter()
                .map(|(c, t)| PledgeItem {
                    content: c.clone(),
                    target: t.clone(),
                })
                .collect(),
            signing_conference: r.pledge.as_ref().and_then(|p| p.signing_conference).or_else(|| {
                r.conferences
                    .iter()
                    .find(|c| c.kind == crate::domain::ConferenceKind::Launch)
                    .map(|c| c.id)
            }),
            signatures,
        };
        problems.extend(pledge.problems(&r.members));
        (pledge, problems)
    }

    pub fn save(&mut self, ctx: Ctx) -> Action {
        let (pledge, problems) = self.pledge(ctx.record);
        self.problems = problems;
        if !self.problems.is_empty() {
            return Action::None;
        }
        match ctx.store.save_pledge(&pledge) {
            Ok(()) => {
                self.dirty = false;
                Action::Saved(format!(
                    "Đã lưu giao ước năm {}: {}/{} đơn vị đã ký.",
                    ctx.record.year,
                    pledge.signed_count(),
                    self.rows.len()
                ))
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let p = |f: &str| problem_for(&self.problems, f);
        let mut items = column![subheading("Nội dung giao ước")].spacing(6);
        for (i, (content, target)) in self.items.iter().enumerate() {
            let mut c = column![row![
                text(format!("{}.", i + 1)).width(28),
                text_input("Nội dung", content)
                    .id(iced::widget::Id::from(format!("item-{i}")))
                    .on_input(move |s| Message::Content(i, s))
                    .padding(5)
                    .width(Length::FillPortion(4)),
                text_input("Chỉ tiêu", target)
                    .on_input(move |s| Message::Target(i, s))
                    .padding(5)
                    .width(Length::FillPortion(2)),
                secondary("↑", (i > 0).then_some(Message::Up(i))),
                secondary("↓", (i + 1 < self.items.len()).then_some(Message::Down(i))),
                danger("Xóa", Some(Message::Remove(i))),
            ]
            .spacing(6)
            .align_y(iced::Alignment::Center)];
            for part in ["content", "target"] {
                if let Some(m) = p(&format!("items[{i}].{part}")) {
                    c = c.push(error_text(m.to_string()));
                }
            }
            items = items.push(c);
        }
        if let Some(m) = p("items") {
            items = items.push(error_text(m.to_string()));
        }
        items = items.push(secondary("Thêm nội dung", Some(Message::AddItem)));

        let mut signs = column![
            subheading(format!(
                "Chữ ký ({}/{} đơn vị đã ký)",
                self.rows.iter().filter(|r| r.signed).count(),
                self.rows.len()
            )),
            table_row(vec![
                (head_cell("Đơn vị"), 4),
                (head_cell("Đã ký"), 1),
                (head_cell("Ngày ký"), 2),
                (head_cell("Người ký"), 3),
                (head_cell("Chức vụ"), 2),
            ])
        ]
        .spacing(6);
        for (i, row) in self.rows.iter().enumerate() {
            signs = signs.push(table_row(vec![
                (cell(row.name.clone()), 4),
                (
                    checkbox(row.signed).on_toggle(move |on| Message::Signed(i, on)).into(),
                    1,
                ),
                (
                    text_input("dd/mm/yyyy", &row.date)
                        .on_input(move |s| Message::Date(i, s))
                        .padding(4)
                        .into(),
                    2,
                ),
                (
                    text_input("Họ tên", &row.signer)
                        .on_input(move |s| Message::Signer(i, s))
                        .padding(4)
                        .into(),
                    3,
                ),
                (
                    text_input("Chức vụ", &row.position)
                        .on_input(move |s| Message::Position(i, s))
                        .padding(4)
                        .into(),
                    2,
                ),
            ]));
            for f in ["signed_on", "signer_name", "signer_position", "unit"] {
                if let Some(m) = p(&format!("signatures[{i}].{f}")) {
                    signs = signs.push(error_text(format!("{}: {m}", row.name)));
                }
            }
        }
        let theme = field(
            "Chủ đề thi đua",
            "pledge-theme",
            &self.theme,
            Message::Theme,
            p("theme"),
        );
        column![
            row![
                heading(format!("Giao ước thi đua năm {}", r.year)),
                iced::widget::space::horizontal(),
                primary("Lưu (Ctrl+S)", Some(Message::Save)),
                secondary("Xuất PDF (Ctrl+P)", self.exists.then_some(Message::Export)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            scrollable(column![panel(theme), panel(items), panel(signs)].spacing(12)).height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}
