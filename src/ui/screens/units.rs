//! Đơn vị thành viên: the units in Vietnamese alphabetical order, search as you type (diacritic- and
//! case-insensitive), add (one by one, or a list pasted from Excel), edit the short name and the
//! head, rename from a date, merge, precedence, membership of the selected year, delete a unit
//! added by mistake or let a unit leave the bloc from a year.
//!
//! Every form checks what was typed when it is submitted (the button, or Enter in any of its
//! fields) and shows each problem beside its field; once a problem is shown, the form is checked
//! again at each keystroke, so the message goes as soon as the field is right.

use super::{problem_for, Action, Ctx, UnitChoice};
use crate::domain::text::{compare_vi, matches_search};
use crate::domain::text::{date_dmy, nfc, parse_date_dmy};
use crate::domain::unit::{
    clash_problems, read_pasted_units, removal_refusal, unit_named, unit_short_named, HeadChange, PastedUnits,
    PASTE_COLUMNS,
};
use crate::domain::{Problem, Unit, UnitHead, UnitId, Year, YearRecord};
use crate::store::StoreError;
use crate::ui::widgets::*;
use chrono::NaiveDate;
use iced::widget::{checkbox, column, pick_list, radio, row, scrollable, text, text_editor, text_input};
use iced::{Element, Length};

/// The first field of the add form, where the focus goes back after a unit is added.
pub const NAME_ID: &str = "unit-name";
/// The scrollable side of the screen (the forms), for scrolling to its foot.
pub const SIDE_ID: &str = "units-side";

#[derive(Debug, Clone)]
pub enum Message {
    Search(String),
    Name(String),
    Short(String),
    Precedence(String),
    Head(String),
    Position(String),
    Add,
    /// An edit of the "Dán danh sách từ Excel" box.
    Paste(text_editor::Action),
    AddPasted,
    ClearPaste,
    Select(UnitId),
    Deselect,
    Member(UnitId, bool),
    EditShort(String),
    EditHead(String),
    EditPosition(String),
    EditMode(HeadChange),
    EditFrom(String),
    SaveEdit,
    RenameName(String),
    RenameShort(String),
    RenameFrom(String),
    Rename,
    MergeTarget(UnitChoice),
    MergeDate(String),
    Merge,
    SelectedPrecedence(String),
    SavePrecedence,
    /// "Xóa đơn vị…": asks for confirmation, or says why not and offers leaving the bloc.
    AskRemove,
    ConfirmRemove,
    CancelRemove,
    LeaveYear(String),
    Leave,
}

/// The removal panel of the selected unit.
#[derive(Debug, Clone, PartialEq)]
enum Removal {
    /// The unit has no records: "Xóa đơn vị … ?" with the years it is a member of.
    Confirm {
        member_years: Vec<Year>,
        error: Option<String>,
    },
    /// The unit has records: why it cannot be deleted.
    Refused { reason: String },
}

/// The head's name and position and the short name as the selected unit has them, to tell an
/// edit from the unit as stored.
#[derive(Debug, Clone, Default, PartialEq)]
struct EditOriginal {
    short: String,
    head: String,
    position: String,
}

#[derive(Debug, Clone, Default)]
pub struct Units {
    search: String,
    name: String,
    short: String,
    precedence: String,
    head: String,
    position: String,
    problems: Vec<Problem>,
    /// The "Dán danh sách từ Excel" box, what it reads as, and why adding it was refused.
    paste: Prose,
    pasted: PastedUnits,
    paste_refusal: Option<String>,
    selected: Option<UnitId>,
    edit_short: String,
    edit_head: String,
    edit_position: String,
    edit_mode: HeadChange,
    edit_from: String,
    edit_original: EditOriginal,
    edit_problems: Vec<Problem>,
    rename_name: String,
    rename_short: String,
    rename_from: String,
    rename_problems: Vec<Problem>,
    merge_target: Option<UnitChoice>,
    merge_date: String,
    merge_problems: Vec<Problem>,
    selected_precedence: String,
    precedence_problems: Vec<Problem>,
    removal: Option<Removal>,
    leave_year: String,
    leave_problems: Vec<Problem>,
}

/// A labelled text field whose Enter submits its form; its problem, if any, right under it.
fn input<'a>(
    label: &str,
    id: &'static str,
    value: &str,
    on_input: impl Fn(String) -> Message + 'a,
    on_submit: Message,
    problem: Option<&str>,
) -> Element<'a, Message> {
    let field = text_input(label, value)
        .id(id)
        .on_input(on_input)
        .on_submit(on_submit)
        .padding(6)
        .size(15);
    let mut col = column![text(label.to_string()).size(13), field].spacing(3);
    if let Some(p) = problem {
        col = col.push(error_text(p.to_string()));
    }
    col.width(Length::Fill).into()
}

/// The next free place in the bloc's order.
fn next_precedence(r: &YearRecord) -> i32 {
    r.units
        .iter()
        .map(|u| u.precedence)
        .max()
        .unwrap_or(0)
        .saturating_add(1)
}

/// "2022" or "2020, 2021 và 2022".
fn years_in_words(years: &[Year]) -> String {
    match years {
        [] => String::new(),
        [y] => y.to_string(),
        [rest @ .., last] => format!(
            "{} và {last}",
            rest.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
        ),
    }
}

impl Units {
    pub fn new(r: &YearRecord) -> Self {
        Units {
            precedence: next_precedence(r).to_string(),
            ..Units::default()
        }
    }

    /// What Ctrl+S (and "Lưu" when leaving) saves: the open unit's edits, else the pasted rows,
    /// else the new unit.
    pub fn save_message(&self) -> Message {
        if self.edited() {
            Message::SaveEdit
        } else if !self.paste.text().trim().is_empty() && self.name.trim().is_empty() {
            Message::AddPasted
        } else {
            Message::Add
        }
    }

    fn edited(&self) -> bool {
        self.selected.is_some()
            && (self.edit_original
                != EditOriginal {
                    short: nfc(&self.edit_short),
                    head: nfc(&self.edit_head),
                    position: nfc(&self.edit_position),
                }
                || self.edit_mode == HeadChange::NewFrom && !self.edit_from.trim().is_empty())
    }

    pub fn dirty(&self) -> bool {
        let edited = self.edited();
        !self.name.trim().is_empty()
            || !self.short.trim().is_empty()
            || !self.rename_name.trim().is_empty()
            || !self.paste.text().trim().is_empty()
            || edited
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
        let r = ctx.record;
        match msg {
            Message::Search(s) => self.search = s,
            Message::Name(s) => {
                self.name = s;
                self.recheck_add(r);
            }
            Message::Short(s) => {
                self.short = s;
                self.recheck_add(r);
            }
            Message::Precedence(s) => {
                self.precedence = s;
                self.recheck_add(r);
            }
            Message::Head(s) => {
                self.head = s;
                self.recheck_add(r);
            }
            Message::Position(s) => {
                self.position = s;
                self.recheck_add(r);
            }
            Message::Add => return self.add(ctx),
            Message::Paste(action) => {
                let edit = action.is_edit();
                self.paste.perform(action);
                if !edit {
                    return Action::None;
                }
                self.pasted = read_pasted_units(&self.paste.text(), &r.units, next_precedence(r));
                if self.paste_refusal.is_some() {
                    self.paste_refusal = self.paste_problems();
                    if self.paste_refusal.is_none() {
                        return Action::Status(format!(
                            "Các dòng dán đã hợp lệ: bấm \u{201c}Thêm {} đơn vị\u{201d} để thêm.",
                            self.pasted.rows.len()
                        ));
                    }
                }
            }
            Message::AddPasted => return self.add_pasted(ctx),
            Message::ClearPaste => {
                self.paste = Prose::default();
                self.pasted = PastedUnits::default();
                self.paste_refusal = None;
            }
            Message::Select(id) => self.select(id, r),
            Message::Deselect => *self = self.keep_add_forms(),
            Message::Member(id, on) => {
                let mut members = r.members.clone();
                members.retain(|&m| m != id);
                if on {
                    members.push(id);
                }
                return match ctx.store.set_members(r.year, &members) {
                    Ok(()) => Action::Saved(format!(
                        "Đã {} {} {} danh sách thành viên năm {}.",
                        if on { "thêm" } else { "bỏ" },
                        r.unit_name(id),
                        if on { "vào" } else { "khỏi" },
                        r.year
                    )),
                    Err(e) => Action::Status(e.to_string()),
                };
            }
            Message::EditShort(s) => {
                self.edit_short = s;
                self.recheck_edit(r);
            }
            Message::EditHead(s) => {
                self.edit_head = s;
                self.recheck_edit(r);
            }
            Message::EditPosition(s) => {
                self.edit_position = s;
                self.recheck_edit(r);
            }
            Message::EditMode(m) => {
                self.edit_mode = m;
                self.recheck_edit(r);
            }
            Message::EditFrom(s) => {
                self.edit_from = s;
                self.recheck_edit(r);
            }
            Message::SaveEdit => return self.save_edit(ctx),
            Message::RenameName(s) => {
                self.rename_name = s;
                self.recheck_rename(r);
            }
            Message::RenameShort(s) => {
                self.rename_short = s;
                self.recheck_rename(r);
            }
            Message::RenameFrom(s) => {
                self.rename_from = s;
                self.recheck_rename(r);
            }
            Message::Rename => return self.rename(ctx),
            Message::MergeTarget(c) => {
                self.merge_target = Some(c);
                self.recheck_merge(r);
            }
            Message::MergeDate(s) => {
                self.merge_date = s;
                self.recheck_merge(r);
            }
            Message::Merge => return self.merge(ctx),
            Message::SelectedPrecedence(s) => {
                self.selected_precedence = s;
                if !self.precedence_problems.is_empty() {
                    self.precedence_problems = self.check_precedence().err().unwrap_or_default();
                }
            }
            Message::SavePrecedence => return self.save_precedence(ctx),
            Message::AskRemove => return self.ask_remove(ctx),
            Message::ConfirmRemove => return self.remove(ctx),
            Message::CancelRemove => {
                self.removal = None;
                self.leave_problems.clear();
            }
            Message::LeaveYear(s) => {
                self.leave_year = s;
                if !self.leave_problems.is_empty() {
                    self.leave_problems = match (self.selected, self.check_leave_year()) {
                        (_, Err(p)) => p,
                        (Some(id), Ok(year)) => match ctx.store.leave_bloc_plan(id, year) {
                            Ok(Err(p)) => p,
                            _ => Vec::new(),
                        },
                        (None, Ok(_)) => Vec::new(),
                    };
                }
            }
            Message::Leave => return self.leave(ctx),
        }
        Action::None
    }

    /// The unit whose panel is open.
    pub fn selected(&self) -> Option<UnitId> {
        self.selected
    }

    /// The screen with `id`'s panel open (after a save rebuilt it), if the unit is still there.
    pub fn with_selected(r: &YearRecord, id: Option<UnitId>) -> Self {
        let mut me = Units::new(r);
        if let Some(id) = id {
            me.select(id, r);
        }
        me
    }

    fn selected_unit<'a>(&self, r: &'a YearRecord) -> Option<&'a Unit> {
        self.selected.and_then(|id| r.unit(id))
    }

    fn select(&mut self, id: UnitId, r: &YearRecord) {
        let Some(u) = r.unit(id) else { return };
        let head = u.current_head();
        let original = EditOriginal {
            short: u.current_short_name().to_string(),
            head: head.map(|h| h.name.clone()).unwrap_or_default(),
            position: head.map(|h| h.position.clone()).unwrap_or_default(),
        };
        *self = Units {
            selected: Some(id),
            edit_short: original.short.clone(),
            edit_head: original.head.clone(),
            edit_position: original.position.clone(),
            edit_original: original,
            selected_precedence: u.precedence.to_string(),
            ..self.keep_add_forms()
        };
    }

    /// A screen without a selected unit that keeps the search, the add form and the paste box as
    /// they are (selecting another unit must not lose what was typed there).
    fn keep_add_forms(&mut self) -> Units {
        Units {
            search: std::mem::take(&mut self.search),
            name: std::mem::take(&mut self.name),
            short: std::mem::take(&mut self.short),
            precedence: std::mem::take(&mut self.precedence),
            head: std::mem::take(&mut self.head),
            position: std::mem::take(&mut self.position),
            problems: std::mem::take(&mut self.problems),
            paste: std::mem::take(&mut self.paste),
            pasted: std::mem::take(&mut self.pasted),
            paste_refusal: self.paste_refusal.take(),
            ..Units::default()
        }
    }

    // ---- Adding one unit -------------------------------------------------------------------

    /// The unit the add form describes, or every problem of it.
    fn check_add(&self, r: &YearRecord) -> Result<Unit, Vec<Problem>> {
        let mut problems = Vec::new();
        let precedence = match self.precedence.trim().parse::<i32>() {
            Ok(p) => p,
            Err(_) => {
                problems.push(Problem::new("precedence", "Thứ tự phải là số nguyên."));
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
        problems.extend(unit.problems());
        problems.extend(
            clash_problems(&r.units, std::slice::from_ref(&unit), |_| String::new())
                .into_iter()
                .map(|(_, p)| p),
        );
        if problems.is_empty() {
            Ok(unit)
        } else {
            Err(problems)
        }
    }

    fn recheck_add(&mut self, r: &YearRecord) {
        if !self.problems.is_empty() {
            self.problems = self.check_add(r).err().unwrap_or_default();
        }
    }

    fn add(&mut self, ctx: Ctx) -> Action {
        let mut unit = match self.check_add(ctx.record) {
            Ok(u) => u,
            Err(p) => {
                self.problems = p;
                return Action::None;
            }
        };
        self.problems.clear();
        let year = ctx.record.year;
        match ctx.store.add_units(std::slice::from_mut(&mut unit), year) {
            Ok(()) => {
                let name = unit.current_name().to_string();
                self.name.clear();
                self.short.clear();
                self.head.clear();
                self.position.clear();
                self.precedence = unit.precedence.saturating_add(1).to_string();
                Action::Many(vec![
                    Action::Saved(format!("Đã thêm đơn vị {name} (thành viên năm {year}).")),
                    Action::Focus(NAME_ID.into()),
                ])
            }
            Err(StoreError::Invalid(p)) => {
                self.problems = p;
                Action::None
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    // ---- Adding a pasted list ----------------------------------------------------------------

    /// Why the pasted list cannot be added, each row with a problem named by its line.
    fn paste_problems(&self) -> Option<String> {
        if self.pasted.rows.is_empty() {
            return Some(format!(
                "Chưa có dòng nào để thêm. Hãy chép các dòng trong Excel ({}) rồi dán vào ô trên.",
                PASTE_COLUMNS.join(", ")
            ));
        }
        let bad: Vec<String> = self
            .pasted
            .rows_with_problems()
            .map(|r| format!("Dòng {}: {}", r.line, r.problems.join(" ")))
            .collect();
        (!bad.is_empty()).then(|| {
            format!(
                "Chưa thêm đơn vị nào: {} dòng có lỗi. Sửa các dòng đó trong ô dán (hoặc trong Excel rồi dán lại), \
                 rồi bấm lại.\n{}",
                bad.len(),
                bad.join("\n")
            )
        })
    }

    fn add_pasted(&mut self, ctx: Ctx) -> Action {
        let r = ctx.record;
        self.pasted = read_pasted_units(&self.paste.text(), &r.units, next_precedence(r));
        self.paste_refusal = self.paste_problems();
        if self.paste_refusal.is_some() {
            let lines: Vec<String> = self.pasted.rows_with_problems().map(|r| r.line.to_string()).collect();
            return Action::Status(if lines.is_empty() {
                "Chưa có dòng nào để thêm.".to_string()
            } else {
                format!(
                    "Chưa thêm đơn vị nào: {} dòng có lỗi (dòng {}). Xem thông báo ở từng dòng trong mục \u{201c}Dán danh sách từ Excel\u{201d}.",
                    lines.len(),
                    lines.join(", ")
                )
            });
        }
        let mut units: Vec<Unit> = self.pasted.rows.iter().map(|row| row.unit.clone()).collect();
        match ctx.store.add_units(&mut units, r.year) {
            Ok(()) => {
                self.paste = Prose::default();
                self.pasted = PastedUnits::default();
                Action::Many(vec![
                    Action::Saved(format!(
                        "Đã thêm {} đơn vị từ danh sách dán (thành viên năm {}).",
                        units.len(),
                        r.year
                    )),
                    Action::Focus(NAME_ID.into()),
                ])
            }
            Err(StoreError::Invalid(p)) => {
                self.paste_refusal = Some(format!(
                    "Chưa thêm đơn vị nào:\n{}",
                    p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
                ));
                Action::None
            }
            Err(e) => {
                self.paste_refusal = Some(format!("Chưa thêm đơn vị nào: {e}"));
                Action::None
            }
        }
    }

    // ---- Editing the short name and the head -----------------------------------------------

    /// The selected unit as the edit form changes it, or every problem (fields "edit_short",
    /// "edit_head", "edit_position", "edit_from", and "edit" for the rest).
    fn check_edit(&self, r: &YearRecord) -> Result<Unit, Vec<Problem>> {
        let Some(original) = self.selected_unit(r) else {
            return Err(vec![Problem::new("edit", "Chọn một đơn vị trong danh sách.")]);
        };
        let mut unit = original.clone();
        let mut problems = Vec::new();
        let short = nfc(&self.edit_short);
        if short != unit.current_short_name() {
            unit.set_short_name(&short);
            if let Some(o) = unit_short_named(&r.units, unit.id, &short) {
                problems.push(Problem::new(
                    "edit_short",
                    format!(
                        "Tên viết tắt \u{201c}{short}\u{201d} trùng với đơn vị \u{201c}{}\u{201d}.",
                        o.current_name()
                    ),
                ));
            }
        }
        let (name, position) = (nfc(&self.edit_head), nfc(&self.edit_position));
        match self.edit_mode {
            HeadChange::Correct => {
                let current = unit.current_head().map(|h| (h.name.clone(), h.position.clone()));
                let blank = name.is_empty() && position.is_empty();
                if current.as_ref() != Some(&(name.clone(), position.clone())) && !(current.is_none() && blank) {
                    unit.correct_head(&name, &position);
                }
            }
            HeadChange::NewFrom => match parse_date_dmy(&self.edit_from) {
                Err(_) if self.edit_from.trim().is_empty() => problems.push(Problem::new(
                    "edit_from",
                    "Nhập ngày thủ trưởng mới nhận chức (dd/mm/yyyy).",
                )),
                Err(e) => problems.push(Problem::new("edit_from", e)),
                Ok(from) => {
                    if let Some(m) = unit.new_head_problem(from) {
                        problems.push(Problem::new("edit_from", m));
                    } else if unit
                        .current_head()
                        .is_some_and(|h| h.name == name && h.position == position)
                    {
                        problems.push(Problem::new(
                            "edit_head",
                            "Đây vẫn là thủ trưởng hiện tại: hãy nhập họ tên và chức vụ của thủ trưởng mới.",
                        ));
                    } else {
                        unit.new_head(&name, &position, from);
                    }
                }
            },
        }
        let last_name = unit.names.len().saturating_sub(1);
        let last_head = unit.heads.len().saturating_sub(1);
        for p in unit.problems() {
            // Problems of records the form does not touch (old data) are not the form's.
            if original.problems().iter().any(|o| o == &p) {
                continue;
            }
            let field = if p.field == format!("names[{last_name}].short_name") {
                "edit_short"
            } else if p.field == format!("heads[{last_head}].name") {
                "edit_head"
            } else if p.field == format!("heads[{last_head}].position") {
                "edit_position"
            } else if p.field.starts_with("heads[") && p.field.contains("valid_") {
                "edit_from"
            } else {
                "edit"
            };
            problems.push(Problem::new(field, p.message));
        }
        if problems.is_empty() && unit == *original {
            problems.push(Problem::new(
                "edit",
                "Chưa có gì thay đổi: sửa tên viết tắt hoặc thủ trưởng rồi bấm \u{201c}Lưu thông tin\u{201d}.",
            ));
        }
        if problems.is_empty() {
            Ok(unit)
        } else {
            Err(problems)
        }
    }

    fn recheck_edit(&mut self, r: &YearRecord) {
        if !self.edit_problems.is_empty() {
            self.edit_problems = self.check_edit(r).err().unwrap_or_default();
        }
    }

    fn save_edit(&mut self, ctx: Ctx) -> Action {
        let mut unit = match self.check_edit(ctx.record) {
            Ok(u) => u,
            Err(p) => {
                self.edit_problems = p;
                return Action::None;
            }
        };
        self.edit_problems.clear();
        match ctx.store.save_unit(&mut unit) {
            Ok(_) => {
                let head = unit
                    .current_head()
                    .map(|h| {
                        let from = h
                            .valid_from
                            .filter(|_| self.edit_mode == HeadChange::NewFrom)
                            .map(|d| format!(" từ ngày {}", date_dmy(d)))
                            .unwrap_or_default();
                        format!(", thủ trưởng {} {}{from}", h.position, h.name)
                    })
                    .unwrap_or_default();
                Action::Saved(format!(
                    "Đã lưu {} ({}){head}.",
                    unit.current_name(),
                    unit.current_short_name()
                ))
            }
            Err(StoreError::Invalid(p)) => {
                self.edit_problems = p.into_iter().map(|p| Problem::new("edit", p.message)).collect();
                Action::None
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    // ---- Renaming from a date --------------------------------------------------------------

    fn check_rename(&self, r: &YearRecord) -> Result<(Unit, NaiveDate), Vec<Problem>> {
        let Some(original) = self.selected_unit(r) else {
            return Err(vec![Problem::new("rename_name", "Chọn một đơn vị trong danh sách.")]);
        };
        let mut problems = Vec::new();
        let from = match parse_date_dmy(&self.rename_from) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(Problem::new("rename_from", e));
                None
            }
        };
        let name = nfc(&self.rename_name);
        if name.is_empty() {
            problems.push(Problem::new("rename_name", "Tên mới không được để trống."));
        } else if let Some(o) = unit_named(&r.units, original.id, &name) {
            problems.push(Problem::new(
                "rename_name",
                format!("Đã có đơn vị \u{201c}{}\u{201d} trong khối.", o.current_name()),
            ));
        }
        let short = if self.rename_short.trim().is_empty() {
            original.current_short_name().to_string()
        } else {
            nfc(&self.rename_short)
        };
        if let Some(o) = unit_short_named(&r.units, original.id, &short) {
            problems.push(Problem::new(
                "rename_short",
                format!(
                    "Tên viết tắt \u{201c}{short}\u{201d} trùng với đơn vị \u{201c}{}\u{201d}.",
                    o.current_name()
                ),
            ));
        }
        let Some(from) = from else { return Err(problems) };
        if let Some(start) = original.names.last().and_then(|n| n.valid_from).filter(|&f| f >= from) {
            problems.push(Problem::new(
                "rename_from",
                format!(
                    "Tên hiện tại dùng từ ngày {}: ngày đổi tên phải sau ngày đó.",
                    date_dmy(start)
                ),
            ));
            return Err(problems);
        }
        let mut unit = original.clone();
        unit.rename(&name, &short, from);
        let new = unit.names.len() - 1;
        for p in unit.problems() {
            if original.problems().iter().any(|o| o == &p) || name.is_empty() {
                continue;
            }
            let field = if p.field == format!("names[{new}].name") {
                "rename_name"
            } else if p.field == format!("names[{new}].short_name") {
                "rename_short"
            } else {
                "rename_from"
            };
            problems.push(Problem::new(field, p.message));
        }
        if problems.is_empty() {
            Ok((unit, from))
        } else {
            Err(problems)
        }
    }

    fn recheck_rename(&mut self, r: &YearRecord) {
        if !self.rename_problems.is_empty() {
            self.rename_problems = self.check_rename(r).err().unwrap_or_default();
        }
    }

    fn rename(&mut self, ctx: Ctx) -> Action {
        let (mut unit, from) = match self.check_rename(ctx.record) {
            Ok(x) => x,
            Err(p) => {
                self.rename_problems = p;
                return Action::None;
            }
        };
        self.rename_problems.clear();
        match ctx.store.save_unit(&mut unit) {
            Ok(_) => {
                let msg = format!("Đã đổi tên thành {} từ ngày {}.", unit.current_name(), date_dmy(from));
                self.rename_name.clear();
                self.rename_short.clear();
                self.rename_from.clear();
                Action::Saved(msg)
            }
            Err(e) => {
                self.rename_problems.push(Problem::new("rename_name", e.to_string()));
                Action::None
            }
        }
    }

    // ---- Merging, precedence ---------------------------------------------------------------

    fn check_merge(&self, r: &YearRecord) -> Result<(Unit, UnitChoice, NaiveDate), Vec<Problem>> {
        let Some(unit) = self.selected_unit(r) else {
            return Err(vec![Problem::new("merge_target", "Chọn một đơn vị trong danh sách.")]);
        };
        let mut problems = Vec::new();
        let target = match self.merge_target.clone() {
            None => {
                problems.push(Problem::new("merge_target", "Chọn đơn vị tiếp nhận."));
                None
            }
            Some(t) if t.id == unit.id => {
                problems.push(Problem::new(
                    "merge_target",
                    "Một đơn vị không thể sáp nhập vào chính nó.",
                ));
                None
            }
            Some(t) => Some(t),
        };
        let date = match parse_date_dmy(&self.merge_date) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(Problem::new("merge_date", e));
                None
            }
        };
        match (target, date) {
            (Some(t), Some(d)) if problems.is_empty() => {
                let mut unit = unit.clone();
                unit.merged_into = Some(t.id);
                unit.merged_on = Some(d);
                Ok((unit, t, d))
            }
            _ => Err(problems),
        }
    }

    fn recheck_merge(&mut self, r: &YearRecord) {
        if !self.merge_problems.is_empty() {
            self.merge_problems = self.check_merge(r).err().unwrap_or_default();
        }
    }

    fn merge(&mut self, ctx: Ctx) -> Action {
        let (mut unit, target, date) = match self.check_merge(ctx.record) {
            Ok(x) => x,
            Err(p) => {
                self.merge_problems = p;
                return Action::None;
            }
        };
        self.merge_problems.clear();
        match ctx.store.save_unit(&mut unit) {
            Ok(_) => Action::Saved(format!(
                "Đã ghi nhận {} sáp nhập vào {} từ ngày {}.",
                unit.current_name(),
                target.name,
                date_dmy(date)
            )),
            Err(StoreError::Invalid(p)) => {
                self.merge_problems = p.into_iter().map(|p| Problem::new("merge_target", p.message)).collect();
                Action::None
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    fn check_precedence(&self) -> Result<i32, Vec<Problem>> {
        match self.selected_precedence.trim().parse::<i32>() {
            Ok(p) if (0..=crate::domain::validate::PRECEDENCE_MAX).contains(&p) => Ok(p),
            _ => Err(vec![Problem::new(
                "precedence",
                format!(
                    "Thứ tự phải là số nguyên từ 0 đến {}.",
                    crate::domain::validate::PRECEDENCE_MAX
                ),
            )]),
        }
    }

    fn save_precedence(&mut self, ctx: Ctx) -> Action {
        let Some(mut unit) = self.selected_unit(ctx.record).cloned() else {
            return Action::None;
        };
        let p = match self.check_precedence() {
            Ok(p) => p,
            Err(e) => {
                self.precedence_problems = e;
                return Action::None;
            }
        };
        self.precedence_problems.clear();
        unit.precedence = p;
        match ctx.store.save_unit(&mut unit) {
            Ok(_) => Action::Saved(format!("Đã đặt thứ tự {p} cho {}.", unit.current_name())),
            Err(e) => Action::Status(e.to_string()),
        }
    }

    // ---- Deleting, leaving the bloc --------------------------------------------------------

    fn ask_remove(&mut self, ctx: Ctx) -> Action {
        let Some(unit) = self.selected_unit(ctx.record) else {
            return Action::None;
        };
        let uses = match ctx.store.unit_uses(unit.id) {
            Ok(u) => u,
            Err(e) => return Action::Status(e.to_string()),
        };
        let lists = match ctx.store.member_lists() {
            Ok(l) => l,
            Err(e) => return Action::Status(e.to_string()),
        };
        let last_use = uses.iter().filter(|u| u.kind.of_a_year()).filter_map(|u| u.year).max();
        let leave_from = last_use.unwrap_or(ctx.record.year).max(ctx.record.year) + 1;
        self.leave_year = leave_from.to_string();
        self.leave_problems.clear();
        self.removal = Some(match removal_refusal(unit.current_name(), &uses) {
            Some(reason) => Removal::Refused { reason },
            None => Removal::Confirm {
                member_years: lists
                    .iter()
                    .filter(|(_, m)| m.contains(&unit.id))
                    .map(|(&y, _)| y)
                    .collect(),
                error: None,
            },
        });
        Action::None
    }

    fn remove(&mut self, ctx: Ctx) -> Action {
        let Some(unit) = self.selected_unit(ctx.record) else {
            return Action::None;
        };
        let name = unit.current_name().to_string();
        match ctx.store.delete_unit(unit.id) {
            Ok(()) => Action::Saved(format!("Đã xóa đơn vị {name}.")),
            Err(StoreError::Invalid(p)) => {
                let uses = ctx.store.unit_uses(unit.id).unwrap_or_default();
                self.removal = Some(Removal::Refused {
                    reason: removal_refusal(&name, &uses)
                        .unwrap_or_else(|| p.iter().map(|p| p.message.clone()).collect::<Vec<_>>().join(" ")),
                });
                Action::None
            }
            Err(e) => {
                if let Some(Removal::Confirm { error, .. }) = &mut self.removal {
                    *error = Some(e.to_string());
                }
                Action::None
            }
        }
    }

    fn check_leave_year(&self) -> Result<Year, Vec<Problem>> {
        self.leave_year.trim().parse::<Year>().map_err(|_| {
            vec![Problem::new(
                "leave_from",
                "Nhập năm đơn vị bắt đầu không còn trong khối, ví dụ 2023.",
            )]
        })
    }

    fn leave(&mut self, ctx: Ctx) -> Action {
        let Some(unit) = self.selected_unit(ctx.record) else {
            return Action::None;
        };
        let year = match self.check_leave_year() {
            Ok(y) => y,
            Err(p) => {
                self.leave_problems = p;
                return Action::None;
            }
        };
        let name = unit.current_name().to_string();
        match ctx.store.leave_bloc(unit.id, year) {
            Ok(years) => Action::Saved(format!(
                "{name} rời khối từ năm {year}: đã bỏ khỏi danh sách thành viên năm {}; hồ sơ các năm trước giữ nguyên.",
                years_in_words(&years)
            )),
            Err(StoreError::Invalid(p)) => {
                self.leave_problems = p;
                Action::None
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    // ---- View --------------------------------------------------------------------------------

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
                .current_head()
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

        let mut side = column![].spacing(12);
        if let Some(u) = self.selected_unit(r) {
            side = side.push(self.selected_view(u, r));
        }
        side = side.push(self.add_view());
        side = side.push(self.paste_view());

        row![
            column![
                heading("Đơn vị thành viên"),
                search,
                scrollable(list).height(Length::Fill)
            ]
            .spacing(10)
            .width(Length::FillPortion(3)),
            scrollable(side).id(SIDE_ID).width(Length::FillPortion(2)),
        ]
        .spacing(16)
        .into()
    }

    fn add_view(&self) -> Element<'_, Message> {
        let p = |f| problem_for(&self.problems, f);
        let mut form = column![
            subheading("Đơn vị mới"),
            input(
                "Tên đơn vị",
                NAME_ID,
                &self.name,
                Message::Name,
                Message::Add,
                p("names[0].name")
            ),
            row![
                input(
                    "Tên viết tắt",
                    "unit-short",
                    &self.short,
                    Message::Short,
                    Message::Add,
                    p("names[0].short_name")
                ),
                input(
                    "Thứ tự",
                    "unit-precedence",
                    &self.precedence,
                    Message::Precedence,
                    Message::Add,
                    p("precedence")
                ),
            ]
            .spacing(8),
            row![
                input(
                    "Thủ trưởng",
                    "unit-head",
                    &self.head,
                    Message::Head,
                    Message::Add,
                    p("heads[0].name")
                ),
                input(
                    "Chức vụ",
                    "unit-position",
                    &self.position,
                    Message::Position,
                    Message::Add,
                    p("heads[0].position")
                ),
            ]
            .spacing(8),
        ]
        .spacing(8);
        // Problems without a field of their own (the unit as a whole).
        for pr in &self.problems {
            if ![
                "names[0].name",
                "names[0].short_name",
                "precedence",
                "heads[0].name",
                "heads[0].position",
            ]
            .contains(&pr.field.as_str())
            {
                form = form.push(error_text(pr.message.clone()));
            }
        }
        form = form.push(
            row![
                primary("Thêm đơn vị", Some(Message::Add)),
                muted("Enter ở bất kỳ ô nào cũng thêm đơn vị."),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        );
        panel(form)
    }

    fn paste_view(&self) -> Element<'_, Message> {
        let mut col = column![
            subheading("Dán danh sách từ Excel"),
            muted(format!(
                "Trong Excel, chọn các dòng có {} cột theo thứ tự: {}; chép (Ctrl+C) rồi dán (Ctrl+V) vào ô dưới. \
                 Dòng tiêu đề và dòng trống được bỏ qua.",
                PASTE_COLUMNS.len(),
                PASTE_COLUMNS.join(", ")
            )),
            text_editor(&self.paste.0)
                .id("unit-paste")
                .placeholder("Dán các dòng từ Excel vào đây…")
                .on_action(Message::Paste)
                .height(110),
        ]
        .spacing(8);
        if self.pasted.header {
            col = col.push(muted("Đã nhận ra và bỏ qua dòng tiêu đề."));
        }
        if !self.pasted.rows.is_empty() {
            let mut table = column![table_row(vec![
                (head_cell("Dòng"), 2),
                (head_cell("Tên đơn vị"), 5),
                (head_cell("Viết tắt"), 2),
                (head_cell("Thủ trưởng"), 4),
                (head_cell("Kiểm tra"), 5),
            ])]
            .spacing(4);
            for row in &self.pasted.rows {
                let head = row
                    .unit
                    .current_head()
                    .map(|h| format!("{} {}", h.position, h.name))
                    .unwrap_or_default();
                let status: Element<'_, Message> = if row.problems.is_empty() {
                    text("Hợp lệ").size(13).color(OK).into()
                } else {
                    error_text(row.problems.join(" "))
                };
                table = table.push(table_row(vec![
                    (cell(row.line.to_string()), 2),
                    (cell(row.unit.current_name()), 5),
                    (cell(row.unit.current_short_name()), 2),
                    (cell(head), 4),
                    (status, 5),
                ]));
            }
            col = col.push(table);
        }
        let n = self.pasted.rows.len();
        let bad = self.pasted.rows_with_problems().count();
        let label = if n == 0 {
            "Thêm các đơn vị".to_string()
        } else {
            format!("Thêm {n} đơn vị")
        };
        let mut buttons = row![primary(&label, (n > 0).then_some(Message::AddPasted))]
            .spacing(10)
            .align_y(iced::Alignment::Center);
        if !self.paste.text().is_empty() {
            buttons = buttons.push(secondary("Xóa nội dung dán", Some(Message::ClearPaste)));
        }
        if bad > 0 && self.paste_refusal.is_none() {
            buttons = buttons.push(error_text(format!(
                "{bad} dòng có lỗi: sửa hết mới thêm được (không thêm dở dang)."
            )));
        }
        col = col.push(buttons);
        if let Some(m) = &self.paste_refusal {
            col = col.push(error_text(m.clone()));
        }
        panel(col)
    }

    fn selected_view<'a>(&'a self, u: &'a Unit, r: &'a YearRecord) -> Element<'a, Message> {
        let mut col = column![row![
            subheading(u.current_name().to_string()),
            iced::widget::space::horizontal(),
            danger("Xóa đơn vị…", Some(Message::AskRemove)),
            secondary("Bỏ chọn", Some(Message::Deselect)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center)]
        .spacing(8);
        if let Some(removal) = &self.removal {
            col = col.push(self.removal_view(u, removal));
        }
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
        col = col.push(history);
        col = col.push(self.edit_view(u));
        col = col.push(self.rename_view());
        let p = |f| problem_for(&self.precedence_problems, f);
        col = col.push(
            row![
                input(
                    "Thứ tự trong khối",
                    "sel-precedence",
                    &self.selected_precedence,
                    Message::SelectedPrecedence,
                    Message::SavePrecedence,
                    p("precedence")
                ),
                secondary("Lưu thứ tự", Some(Message::SavePrecedence)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::End),
        );
        col = col.push(self.merge_view(u, r));
        panel(col)
    }

    fn edit_view<'a>(&'a self, u: &'a Unit) -> Element<'a, Message> {
        let e = |f| problem_for(&self.edit_problems, f);
        let mut col = column![
            text("Sửa tên viết tắt, thủ trưởng").size(15).font(bold()),
            input(
                "Tên viết tắt",
                "edit-short",
                &self.edit_short,
                Message::EditShort,
                Message::SaveEdit,
                e("edit_short")
            ),
            row![
                input(
                    "Thủ trưởng",
                    "edit-head",
                    &self.edit_head,
                    Message::EditHead,
                    Message::SaveEdit,
                    e("edit_head")
                ),
                input(
                    "Chức vụ",
                    "edit-position",
                    &self.edit_position,
                    Message::EditPosition,
                    Message::SaveEdit,
                    e("edit_position")
                ),
            ]
            .spacing(8),
        ]
        .spacing(8);
        if u.heads.len() > 1 {
            let mut heads = column![].spacing(2);
            for h in &u.heads {
                heads = heads.push(muted(format!(
                    "{} {} — từ {} đến {}",
                    h.position,
                    h.name,
                    h.valid_from.map(date_dmy).unwrap_or_else(|| "…".into()),
                    h.valid_to.map(date_dmy).unwrap_or_else(|| "nay".into())
                )));
            }
            col = col.push(heads);
        }
        let mode = Some(self.edit_mode);
        col = col.push(
            row![
                radio(
                    "Sửa thủ trưởng hiện tại (ghi nhầm)",
                    HeadChange::Correct,
                    mode,
                    Message::EditMode
                )
                .size(15)
                .text_size(13),
                radio("Thủ trưởng mới từ ngày", HeadChange::NewFrom, mode, Message::EditMode)
                    .size(15)
                    .text_size(13),
            ]
            .spacing(16),
        );
        if self.edit_mode == HeadChange::NewFrom {
            col = col.push(input(
                "Ngày nhận chức (dd/mm/yyyy)",
                "edit-from",
                &self.edit_from,
                Message::EditFrom,
                Message::SaveEdit,
                e("edit_from"),
            ));
            col = col.push(muted(
                "Thủ trưởng hiện tại được ghi là thôi giữ chức từ ngày trước đó; văn bản đề ngày trước đó vẫn ghi người cũ.",
            ));
        }
        if let Some(m) = e("edit") {
            col = col.push(error_text(m.to_string()));
        }
        col.push(secondary("Lưu thông tin", Some(Message::SaveEdit))).into()
    }

    fn rename_view(&self) -> Element<'_, Message> {
        let e = |f| problem_for(&self.rename_problems, f);
        column![
            text("Đổi tên đơn vị").size(15).font(bold()),
            input(
                "Tên mới",
                "rename-name",
                &self.rename_name,
                Message::RenameName,
                Message::Rename,
                e("rename_name")
            ),
            row![
                input(
                    "Viết tắt mới (để trống: giữ nguyên)",
                    "rename-short",
                    &self.rename_short,
                    Message::RenameShort,
                    Message::Rename,
                    e("rename_short")
                ),
                input(
                    "Có hiệu lực từ (dd/mm/yyyy)",
                    "rename-from",
                    &self.rename_from,
                    Message::RenameFrom,
                    Message::Rename,
                    e("rename_from")
                ),
            ]
            .spacing(8),
            secondary("Đổi tên", Some(Message::Rename)),
        ]
        .spacing(8)
        .into()
    }

    fn merge_view<'a>(&'a self, u: &'a Unit, r: &'a YearRecord) -> Element<'a, Message> {
        let e = |f| problem_for(&self.merge_problems, f);
        let others: Vec<UnitChoice> = r
            .units
            .iter()
            .filter(|o| o.id != u.id)
            .map(|o| UnitChoice {
                id: o.id,
                name: o.current_name().to_string(),
            })
            .collect();
        let mut merge = column![
            text("Sáp nhập vào").size(13),
            pick_list(others, self.merge_target.clone(), Message::MergeTarget).placeholder("Chọn đơn vị tiếp nhận"),
        ]
        .spacing(3);
        if let Some(m) = e("merge_target") {
            merge = merge.push(error_text(m.to_string()));
        }
        column![
            text("Sáp nhập vào đơn vị khác").size(15).font(bold()),
            merge,
            input(
                "Ngày sáp nhập (dd/mm/yyyy)",
                "merge-date",
                &self.merge_date,
                Message::MergeDate,
                Message::Merge,
                e("merge_date")
            ),
            secondary("Ghi nhận sáp nhập", Some(Message::Merge)),
        ]
        .spacing(8)
        .into()
    }

    fn removal_view<'a>(&'a self, u: &'a Unit, removal: &'a Removal) -> Element<'a, Message> {
        let name = u.current_name();
        let leave = || {
            let year = self.leave_year.trim();
            let label = if year.parse::<Year>().is_ok() {
                format!("Rời khối từ năm {year}")
            } else {
                "Rời khối".to_string()
            };
            column![
                text("Rời khối").size(15).font(bold()),
                muted(format!(
                    "Từ năm chọn trở đi, \u{201c}{name}\u{201d} không còn trong danh sách thành viên; \
                     hồ sơ các năm trước (điểm, phiếu bầu, giao ước…) giữ nguyên."
                )),
                row![
                    input(
                        "Rời khối từ năm",
                        "leave-year",
                        &self.leave_year,
                        Message::LeaveYear,
                        Message::Leave,
                        problem_for(&self.leave_problems, "leave_from")
                    ),
                    primary(&label, Some(Message::Leave)),
                ]
                .spacing(8)
                .align_y(iced::Alignment::End),
            ]
            .spacing(6)
        };
        let col = match removal {
            Removal::Confirm { member_years, error } => {
                let members = if member_years.is_empty() {
                    String::new()
                } else {
                    format!(
                        " Đơn vị sẽ được bỏ khỏi danh sách thành viên năm {}.",
                        years_in_words(member_years)
                    )
                };
                let mut c = column![
                    subheading(format!("Xóa đơn vị \u{201c}{name}\u{201d}?")),
                    muted(format!(
                        "Đơn vị chưa có điểm, phiếu bầu, giao ước hay hồ sơ nào khác: xóa sẽ bỏ hẳn tên và \
                         thủ trưởng của đơn vị khỏi tệp dữ liệu.{members} Không hoàn tác được."
                    )),
                    row![
                        danger("Xóa", Some(Message::ConfirmRemove)),
                        secondary("Hủy", Some(Message::CancelRemove)),
                    ]
                    .spacing(8),
                ]
                .spacing(8);
                if let Some(e) = error {
                    c = c.push(error_text(e.clone()));
                }
                if member_years.len() > 1 {
                    c = c.push(leave());
                }
                c
            }
            Removal::Refused { reason } => column![
                error_text(reason.clone()),
                leave(),
                secondary("Hủy", Some(Message::CancelRemove)),
            ]
            .spacing(8),
        };
        panel(col)
    }
}
