//! Đơn vị thành viên: the units in Vietnamese alphabetical order, search as you type (diacritic- and
//! case-insensitive), add, rename from a date, merge, precedence, membership of the selected year.

use super::{problem_for, Action, Ctx, UnitChoice};
use crate::domain::text::{compare_vi, date_dmy, matches_search, nfc, parse_date_dmy};
use crate::domain::{Problem, Unit, UnitHead, UnitId, YearRecord};
use crate::ui::widgets::*;
use iced::widget::{checkbox, column, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Name(String),
    Short(String),
    Precedence(String),
    Head(String),
    Position(String),
    Add,
    Select(UnitId),
    Member(UnitId, bool),
    RenameName(String),
    RenameShort(String),
    RenameFrom(String),
    Rename,
    MergeTarget(UnitChoice),
    MergeDate(String),
    Merge,
    SelectedPrecedence(String),
    SavePrecedence,
}

#[derive(Debug, Default)]
pub struct Units {
    search: String,
    name: String,
    short: String,
    precedence: String,
    head: String,
    position: String,
    problems: Vec<Problem>,
    selected: Option<UnitId>,
    rename_name: String,
    rename_short: String,
    rename_from: String,
    merge_target: Option<UnitChoice>,
    merge_date: String,
    selected_precedence: String,
    /// Problems of the rename, merge and precedence forms.
    edit_problems: Vec<Problem>,
}

impl Units {
    pub fn new(r: &YearRecord) -> Self {
        Units {
            precedence: (r.units.iter().map(|u| u.precedence).max().unwrap_or(0) + 1).to_string(),
            ..Units::default()
        }
    }

    pub fn dirty(&self) -> bool {
        !self.name.trim().is_empty() || !self.short.trim().is_empty() || !self.rename_name.trim().is_empty()
    }

    /// Every unit the bloc knows, in Vietnamese alphabetical order, filtered by the search.
    pub fn visible<'a>(&self, r: &'a YearRecord) -> Vec<&'a Unit> {
        let mut v: Vec<&Unit> = r
            .units
            .iter()
            .filter(|u| {
                self.search.trim().is_empty()
                    || matches_search(
                        &format!("{} {}", u.current_name(), u.current_short_name()),
                        &self.search,
                    )
            })
            .collect();
        v.sort_by(|a, b| compare_vi(a.current_name(), b.current_name()));
        v
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        match msg {
            Message::Search(s) => self.search = s,
            Message::Name(s) => self.name = s,
            Message::Short(s) => self.short = s,
            Message::Precedence(s) => self.precedence = s,
            Message::Head(s) => self.head = s,
            Message::Position(s) => self.position = s,
            Message::Add => return self.add(ctx),
            Message::Select(id) => {
                self.selected = Some(id);
                self.edit_problems.clear();
                self.rename_name.clear();
                self.rename_short.clear();
                self.rename_from.clear();
                self.selected_precedence = ctx
                    .record
                    .unit(id)
                    .map(|u| u.precedence.to_string())
                    .unwrap_or_default();
            }
            Message::Member(id, on) => {
                let mut members = ctx.record.members.clone();
                members.retain(|&m| m != id);
                if on {
                    members.push(id);
                }
                return match ctx.store.set_members(ctx.record.year, &members) {
                    Ok(()) => Action::Saved(format!(
                        "Đã {} {} {} danh sách thành viên năm {}.",
                        if on { "thêm" } else { "bỏ" },
                        ctx.record.unit_name(id),
                        if on { "vào" } else { "khỏi" },
                        ctx.record.year
                    )),
                    Err(e) => Action::Status(e.to_string()),
                };
            }
            Message::RenameName(s) => self.rename_name = s,
            Message::RenameShort(s) => self.rename_short = s,
            Message::RenameFrom(s) => self.rename_from = s,
            Message::Rename => return self.rename(ctx),
            Message::MergeTarget(c) => self.merge_target = Some(c),
            Message::MergeDate(s) => self.merge_date = s,
            Message::Merge => return self.merge(ctx),
            Message::SelectedPrecedence(s) => self.selected_precedence = s,
            Message::SavePrecedence => return self.save_precedence(ctx),
        }
        Action::None
    }

    fn add(&mut self, ctx: Ctx) -> Action {
        self.problems.clear();
        let precedence = match self.precedence.trim().parse::<i32>() {
            Ok(p) => p,
            Err(_) => {
                self.problems
                    .push(Problem::new("precedence", "Thứ tự phải là số nguyên."));
                0
            }
        };
        let mut unit = Unit::new(&self.name, &self.short, precedence);
        if !self.head.trim().is_empty() || !self.position.trim().is_empty() {
            unit.heads.push(UnitHead {
                name: nfc(&self.head),
                position: nfc(&self.position),
                valid_from: None,
                valid_to: None,
            });
        }
        self.problems.extend(unit.problems());
        self.problems.extend(
            crate::domain::unit::duplicate_short_names(
                &ctx.record
                    .units
                    .iter()
                    .cloned()
                    .chain([unit.clone()])
                    .collect::<Vec<_>>(),
            )
            .into_iter()
            .map(|p| Problem::new("names[0].short_name", p.message)),
        );
        if !self.problems.is_empty() {
            return Action::None;
        }
        match ctx.store.save_unit(&mut unit) {
            Ok(id) => {
                let mut members = ctx.record.members.clone();
                members.push(id);
                if let Err(e) = ctx.store.set_members(ctx.record.year, &members) {
                    return Action::Status(e.to_string());
                }
                let name = unit.current_name().to_string();
                *self = Units::default();
                Action::Saved(format!("Đã thêm đơn vị {name} (thành viên năm {}).", ctx.record.year))
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    fn rename(&mut self, ctx: Ctx) -> Action {
        self.edit_problems.clear();
        let Some(mut unit) = self.selected.and_then(|id| ctx.record.unit(id)).cloned() else {
            return Action::None;
        };
        let from = match parse_date_dmy(&self.rename_from) {
            Ok(d) => Some(d),
            Err(e) => {
                self.edit_problems.push(Problem::new("rename_from", e));
                None
            }
        };
        if self.rename_name.trim().is_empty() {
            self.edit_problems
                .push(Problem::new("rename_name", "Tên mới không được để trống."));
        }
        let Some(from) = from else { return Action::None };
        if !self.edit_problems.is_empty() {
            return Action::None;
        }
        let short = if self.rename_short.trim().is_empty() {
            unit.current_short_name().to_string()
        } else {
            self.rename_short.clone()
        };
        unit.rename(&self.rename_name, &short, from);
        match ctx.store.save_unit(&mut unit) {
            Ok(_) => {
                let msg = format!("Đã đổi tên thành {} từ ngày {}.", unit.current_name(), date_dmy(from));
                self.rename_name.clear();
                self.rename_short.clear();
                self.rename_from.clear();
                Action::Saved(msg)
            }
            Err(e) => {
                self.edit_problems.push(Problem::new("rename_name", e.to_string()));
                Action::None
            }
        }
    }

    fn merge(&mut self, ctx: Ctx) -> Action {
        self.edit_problems.clear();
        let Some(mut unit) = self.selected.and_then(|id| ctx.record.unit(id)).cloned() else {
            return Action::None;
        };
        let Some(target) = self.merge_target.clone() else {
            self.edit_problems
                .push(Problem::new("merge_target", "Chọn đơn vị tiếp nhận."));
            return Action::None;
        };
        if target.id == unit.id {
            self.edit_problems.push(Problem::new(
                "merge_target",
                "Một đơn vị không thể sáp nhập vào chính nó.",
            ));
            return Action::None;
        }
        let date = match parse_date_dmy(&self.merge_date) {
            Ok(d) => d,
            Err(e) => {
                self.edit_problems.push(Problem::new("merge_date", e));
                return Action::None;
            }
        };
        unit.merged_into = Some(target.id);
        unit.merged_on = Some(date);
        match ctx.store.save_unit(&mut unit) {
            Ok(_) => Action::Saved(format!(
                "Đã ghi nhận {} sáp nhập vào {} từ ngày {}.",
                unit.current_name(),
                target.name,
                date_dmy(date)
            )),
            Err(e) => Action::Status(e.to_string()),
        }
    }

    fn save_precedence(&mut self, ctx: Ctx) -> Action {
        self.edit_problems.clear();
        let Some(mut unit) = self.selected.and_then(|id| ctx.record.unit(id)).cloned() else {
            return Action::None;
        };
        match self.selected_precedence.trim().parse::<i32>() {
            Ok(p) if p >= 0 => {
                unit.precedence = p;
                match ctx.store.save_unit(&mut unit) {
                    Ok(_) => Action::Saved(format!("Đã đặt thứ tự {p} cho {}.", unit.current_name())),
                    Err(e) => Action::Status(e.to_string()),
                }
            }
            _ => {
                self.edit_problems
                    .push(Problem::new("precedence", "Thứ tự phải là số nguyên không âm."));
                Action::None
            }
        }
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let mut list = column![table_row(vec![
            (head_cell("Tên đơn vị"), 6),
            (head_cell("Viết tắt"), 2),
            (head_cell("Thủ trưởng"), 4),
            (head_cell("Thứ tự"), 1),
            (head_cell(format!("Thành viên {}", r.year)), 2),
        ])]
        .spacing(6);
        let units = self.visible(r);
        if units.is_empty() {
            list = list.push(muted("Không có đơn vị nào khớp với từ khóa."));
        }
        for u in units {
            let head = u
                .heads
                .last()
                .map(|h| format!("{} {}", h.position, h.name))
                .unwrap_or_default();
            let mut name = u.current_name().to_string();
            if let Some(t) = u.merged_into {
                name.push_str(&format!(" (đã sáp nhập vào {})", r.unit_name(t)));
            }
            let name_button = iced::widget::button(text(name).size(14))
                .on_press(Message::Select(u.id))
                .style(if self.selected == Some(u.id) {
                    iced::widget::button::primary
                } else {
                    iced::widget::button::text
                })
                .padding([2, 4]);
            let id = u.id;
            list = list.push(table_row(vec![
                (name_button.into(), 6),
                (cell(u.current_short_name()), 2),
                (cell(head), 4),
                (cell(u.precedence.to_string()), 1),
                (
                    checkbox(r.members.contains(&u.id))
                        .on_toggle(move |on| Message::Member(id, on))
                        .into(),
                    2,
                ),
            ]));
        }
        let search = text_input("Tìm đơn vị (gõ không dấu cũng được)…", &self.search)
            .id("unit-search")
            .on_input(Message::Search)
            .padding(6);

        let p = |f| problem_for(&self.problems, f);
        let add = panel(
            column![
                subheading("Đơn vị mới"),
                field("Tên đơn vị", "unit-name", &self.name, Message::Name, p("names[0].name")),
                row![
                    field(
                        "Tên viết tắt",
                        "unit-short",
                        &self.short,
                        Message::Short,
                        p("names[0].short_name")
                    ),
                    field(
                        "Thứ tự",
                        "unit-precedence",
                        &self.precedence,
                        Message::Precedence,
                        p("precedence")
                    ),
                ]
                .spacing(8),
                row![
                    field("Thủ trưởng", "unit-head", &self.head, Message::Head, p("heads[0].name")),
                    field(
                        "Chức vụ",
                        "unit-position",
                        &self.position,
                        Message::Position,
                        p("heads[0].position")
                    ),
                ]
                .spacing(8),
                primary("Thêm đơn vị", Some(Message::Add)),
            ]
            .spacing(8),
        );

        let mut side = column![add].spacing(12);
        if let Some(u) = self.selected.and_then(|id| r.unit(id)) {
            let e = |f| problem_for(&self.edit_problems, f);
            let others: Vec<UnitChoice> = r
                .units
                .iter()
                .filter(|o| o.id != u.id)
                .map(|o| UnitChoice {
                    id: o.id,
                    name: o.current_name().to_string(),
                })
                .collect();
            let mut history = column![].spacing(2);
            for n in &u.names {
                history = history.push(muted(format!(
                    "{} ({}) — từ {} đến {}",
                    n.name,
                    n.short_name,
                    n.valid_from.map(date_dmy).unwrap_or_else(|| "…".into()),
                    n.valid_to.map(date_dmy).unwrap_or_else(|| "nay".into())
                )));
            }
            let mut merge = column![
                text("Sáp nhập vào").size(13),
                pick_list(others, self.merge_target.clone(), Message::MergeTarget).placeholder("Chọn đơn vị tiếp nhận"),
            ]
            .spacing(3);
            if let Some(m) = e("merge_target") {
                merge = merge.push(error_text(m.to_string()));
            }
            side = side.push(panel(
                column![
                    subheading(u.current_name().to_string()),
                    history,
                    row![
                        field(
                            "Thứ tự trong khối",
                            "sel-precedence",
                            &self.selected_precedence,
                            Message::SelectedPrecedence,
                            e("precedence")
                        ),
                        secondary("Lưu thứ tự", Some(Message::SavePrecedence)),
                    ]
                    .spacing(8)
                    .align_y(iced::Alignment::End),
                    text("Đổi tên đơn vị").size(15).font(bold()),
                    field(
                        "Tên mới",
                        "rename-name",
                        &self.rename_name,
                        Message::RenameName,
                        e("rename_name")
                    ),
                    row![
                        field(
                            "Viết tắt mới (để trống: giữ nguyên)",
                            "rename-short",
                            &self.rename_short,
                            Message::RenameShort,
                            None
                        ),
                        field(
                            "Có hiệu lực từ (dd/mm/yyyy)",
                            "rename-from",
                            &self.rename_from,
                            Message::RenameFrom,
                            e("rename_from")
                        ),
                    ]
                    .spacing(8),
                    secondary("Đổi tên", Some(Message::Rename)),
                    text("Sáp nhập vào đơn vị khác").size(15).font(bold()),
                    merge,
                    field(
                        "Ngày sáp nhập (dd/mm/yyyy)",
                        "merge-date",
                        &self.merge_date,
                        Message::MergeDate,
                        e("merge_date")
                    ),
                    secondary("Ghi nhận sáp nhập", Some(Message::Merge)),
                ]
                .spacing(8),
            ));
        }

        row![
            column![
                heading("Đơn vị thành viên"),
                search,
                scrollable(list).height(Length::Fill)
            ]
            .spacing(10)
            .width(Length::FillPortion(3)),
            scrollable(side).width(Length::FillPortion(2)),
        ]
        .spacing(16)
        .into()
    }
}
