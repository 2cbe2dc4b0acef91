//! Chấm điểm: the criteria with their maximum points, the score grid (units × criteria, self and bloc
//! columns), bonuses and penalties, and the live ranking with ties shown. Invalid cells are marked in
//! place and left out of the live ranking; the ranking is recomputed in `update`, never in `view`.
//!
//! The grid works like a spreadsheet: arrows, Tab and Enter move between cells ([`Scoring::navigate`],
//! sent by the window as [`Message::Navigate`]), and a block copied from Excel (tabs between
//! columns, line breaks between rows) fills the cells it covers ([`Message::Paste`]).

use super::{member_choices, Action, Ctx, Nav, UnitChoice};
use crate::domain::ranking::{self, Standing};
use crate::domain::scoring::{CellPart, ScoreColumn};
use crate::domain::{
    Adjustment, AdjustmentKind, Criterion, Points, Problem, ScoreEntry, ScoreSheet, UnitId, YearRecord,
};
use crate::ui::widgets::*;
use iced::widget::{column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Bloc,
    SelfScore,
}

impl Column {
    fn score(self) -> ScoreColumn {
        match self {
            Column::Bloc => ScoreColumn::Bloc,
            Column::SelfScore => ScoreColumn::SelfScore,
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Column::Bloc => "Điểm khối chấm",
            Column::SelfScore => "Điểm tự chấm",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub AdjustmentKind);

impl fmt::Display for KindChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.label())
    }
}

/// Which criteria the grid shows: all, or one group (a large sheet is entered group by group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupChoice(pub Option<String>);

impl fmt::Display for GroupChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("Tất cả các nhóm"))
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Show(Column),
    Group(GroupChoice),
    /// What the cell (unit, criterion index) of the shown column holds now.
    Cell(UnitId, usize, String),
    /// Move the focus from this field (a cell of the grid or not) as the key asks; Enter in a cell
    /// sends `Nav::Down`.
    Navigate(iced::widget::Id, Nav),
    /// Text pasted into a cell. With a tab or a line break (a block copied from a spreadsheet),
    /// the block fills the cells it covers from this one, across the shown columns and down the
    /// members in their order; without, it is what the cell holds now, as [`Message::Cell`].
    Paste(UnitId, usize, String),
    Criterion(usize, usize, String),
    AddCriterion,
    RemoveCriterion(usize),
    AddAdjustment,
    AdjUnit(usize, UnitChoice),
    AdjKind(usize, KindChoice),
    AdjPoints(usize, String),
    AdjReason(usize, String),
    RemoveAdjustment(usize),
    Save,
    Export,
    /// An Excel copy: the score sheet or the ranking.
    Sheet(crate::app::sheets::Sheet),
}

#[derive(Clone)]
struct Adj {
    unit: Option<UnitChoice>,
    kind: AdjustmentKind,
    points: String,
    reason: String,
}

/// A cell at fault: (unit, criterion index, the column at fault or `None` for the entry as a whole).
type CellKey = (UnitId, usize, Option<Column>);

/// The screen's state: what is typed, as typed, and what follows from it. Cloned by the window to
/// undo.
#[derive(Clone)]
pub struct Scoring {
    show: Column,
    group: GroupChoice,
    /// code, group, name, max.
    criteria: Vec<[String; 4]>,
    /// (unit, criterion index) → (self, bloc) as typed.
    cells: HashMap<(UnitId, usize), (String, String)>,
    adjustments: Vec<Adj>,
    /// The live ranking, from the valid values only; a unit's `invalid` counts its cells that
    /// cannot be read too.
    ranking: Vec<Standing>,
    /// Cells that cannot be read or break a rule, with the reason.
    cell_problems: HashMap<CellKey, String>,
    problems: Vec<Problem>,
    dirty: bool,
}

/// The field of a cell of the grid: "score-{unit}-{criterion index}".
pub fn cell_id(unit: UnitId, criterion: usize) -> iced::widget::Id {
    iced::widget::Id::from(format!("score-{unit}-{criterion}"))
}

impl Scoring {
    pub fn new(r: &YearRecord) -> Self {
        let s = &r.score_sheet;
        let mut cells = HashMap::new();
        let mut position: HashMap<&str, usize> = HashMap::new();
        for (i, c) in s.criteria.iter().enumerate() {
            position.entry(c.code.as_str()).or_insert(i);
        }
        for e in &s.entries {
            if let Some(&i) = position.get(e.criterion.as_str()) {
                let show = |p: Option<Points>| p.map(|p| p.to_string()).unwrap_or_default();
                cells.insert((e.unit, i), (show(e.self_score), show(e.bloc_score)));
            }
        }
        // More than a screenful of criteria: start with the first group.
        let group = GroupChoice(if s.criteria.len() > 12 {
            s.criteria.first().map(|c| c.group.clone())
        } else {
            None
        });
        let mut me = Scoring {
            show: Column::Bloc,
            group,
            criteria: s
                .criteria
                .iter()
                .map(|c| {
                    [
                        c.code.clone(),
                        c.group.clone(),
                        c.name.clone(),
                        c.max_points.to_string(),
                    ]
                })
                .collect(),
            cells,
            adjustments: s
                .adjustments
                .iter()
                .map(|a| Adj {
                    unit: super::choice(r, Some(a.unit)),
                    kind: a.kind,
                    points: a.points.to_string(),
                    reason: a.reason.clone(),
                })
                .collect(),
            ranking: Vec::new(),
            cell_problems: HashMap::new(),
            problems: Vec::new(),
            dirty: false,
        };
        me.recompute(r);
        me
    }

    pub fn dirty(&self) -> bool {
        self.dirty
    }

    pub fn ranking(&self) -> &[Standing] {
        &self.ranking
    }

    /// The grid as shown: the member units in the bloc's order (its rows) and the indices of the
    /// criteria the group filter shows (its columns).
    fn grid(&self, r: &YearRecord) -> (Vec<UnitId>, Vec<usize>) {
        let rows = r.member_units().into_iter().map(|u| u.id).collect();
        let columns = (0..self.criteria.len())
            .filter(|&i| self.shown(&self.criteria[i]))
            .collect();
        (rows, columns)
    }

    fn shown(&self, c: &[String; 4]) -> bool {
        self.group.0.as_ref().is_none_or(|g| *g == c[1])
    }

    /// The shown cell whose field is `id`: its row and column in [`Scoring::grid`].
    fn position(rows: &[UnitId], columns: &[usize], id: &iced::widget::Id) -> Option<(usize, usize)> {
        rows.iter()
            .enumerate()
            .find_map(|(y, &u)| columns.iter().position(|&i| cell_id(u, i) == *id).map(|x| (y, x)))
    }

    /// The shown cell whose field is `id`, as (unit, criterion index): for the window, to paste
    /// what the clipboard holds into the focused cell.
    pub fn cell_at(&self, r: &YearRecord, id: &iced::widget::Id) -> Option<(UnitId, usize)> {
        let (rows, columns) = self.grid(r);
        Self::position(&rows, &columns, id).map(|(y, x)| (rows[y], columns[x]))
    }

    /// The field the focus moves to from `focused` with `nav`, as in a spreadsheet: Up and Down
    /// in the column, over the members in their order; Left, Right, Tab and Shift+Tab along the
    /// row, on to the next row (or back to the previous one) at its end. `None` when `focused` is
    /// no shown cell of the grid, or at an edge.
    pub fn navigate(&self, r: &YearRecord, focused: &iced::widget::Id, nav: Nav) -> Option<iced::widget::Id> {
        let (rows, columns) = self.grid(r);
        let (y, x) = Self::position(&rows, &columns, focused)?;
        let (w, h) = (columns.len(), rows.len());
        let (y, x) = match nav {
            Nav::Up => (y.checked_sub(1)?, x),
            Nav::Down => (Some(y + 1).filter(|&y| y < h)?, x),
            Nav::Right | Nav::Next if x + 1 < w => (y, x + 1),
            Nav::Right | Nav::Next => (Some(y + 1).filter(|&y| y < h)?, 0),
            Nav::Left | Nav::Previous if x > 0 => (y, x - 1),
            Nav::Left | Nav::Previous => (y.checked_sub(1)?, w - 1),
        };
        Some(cell_id(rows[y], columns[x]))
    }

    /// Writes a value into a cell, in the shown column; what is typed is kept as typed.
    fn set_cell(&mut self, unit: UnitId, i: usize, value: String) {
        let cell = self.cells.entry((unit, i)).or_default();
        match self.show {
            Column::Bloc => cell.1 = value,
            Column::SelfScore => cell.0 = value,
        }
    }

    /// Fills the cells a block covers from (unit, i): its lines down the shown rows, the values
    /// of a line (between tabs) across the shown columns. Cells beyond the grid are counted and
    /// reported, never dropped silently; every value is checked as if typed.
    fn paste_block(&mut self, r: &YearRecord, unit: UnitId, i: usize, block: &str) -> Action {
        let (rows, columns) = self.grid(r);
        let Some(y0) = rows.iter().position(|&u| u == unit) else {
            return Action::Status("Không dán được: ô này không có trong bảng đang hiện.".into());
        };
        let Some(x0) = columns.iter().position(|&c| c == i) else {
            return Action::Status("Không dán được: ô này không có trong bảng đang hiện.".into());
        };
        // A spreadsheet ends what it copies with a line break; Windows ones with CR LF.
        let block = block.trim_end_matches(['\r', '\n']);
        let (mut pasted, mut outside) = (Vec::new(), 0usize);
        for (dy, line) in block.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            for (dx, value) in line.split('\t').enumerate() {
                match (rows.get(y0 + dy), columns.get(x0 + dx)) {
                    (Some(&u), Some(&c)) => {
                        self.set_cell(u, c, value.trim().to_string());
                        pasted.push((u, c));
                    }
                    _ => outside += 1,
                }
            }
        }
        self.dirty = true;
        self.recompute(r);
        let invalid = pasted.iter().filter(|&&(u, c)| self.is_bad(u, c)).count();
        let mut status = format!("Đã dán {} ô", pasted.len());
        if outside > 0 {
            status.push_str(&format!("; bỏ qua {outside} ô ngoài bảng"));
        }
        status.push('.');
        if invalid > 0 {
            status.push_str(&format!(" {invalid} ô không hợp lệ, đánh dấu đỏ."));
        }
        Action::Status(status)
    }

    /// Whether the cell (unit, i) of the shown column is marked.
    fn is_bad(&self, unit: UnitId, i: usize) -> bool {
        self.cell_problems.contains_key(&(unit, i, Some(self.show)))
            || self.cell_problems.contains_key(&(unit, i, None))
    }

    /// The sheet as typed. Values that cannot be read are left out, each reported on its cell,
    /// and counted per unit: (cells, of which bloc scores).
    fn sheet(&mut self, r: &YearRecord) -> (ScoreSheet, HashMap<UnitId, (usize, usize)>) {
        self.cell_problems.clear();
        self.problems.clear();
        let mut criteria = Vec::with_capacity(self.criteria.len());
        for (i, c) in self.criteria.iter().enumerate() {
            let max = Points::parse(&c[3]).unwrap_or_else(|e| {
                self.problems.push(Problem::new(
                    format!("criteria[{i}].max_points"),
                    format!("Tiêu chí {}: {e}", c[0]),
                ));
                Points::ZERO
            });
            criteria.push(Criterion {
                code: c[0].trim().to_string(),
                group: c[1].clone(),
                name: c[2].clone(),
                max_points: max,
            });
        }
        let mut entries = Vec::with_capacity(self.cells.len());
        let mut unreadable: HashMap<UnitId, (usize, usize)> = HashMap::new();
        let mut keys: Vec<&(UnitId, usize)> = self.cells.keys().collect();
        keys.sort_unstable();
        for key in keys {
            let (unit, i) = *key;
            let Some(c) = criteria.get(i) else { continue };
            let (s, b) = &self.cells[key];
            let mut read = |v: &str, column: Column| -> Option<Points> {
                if v.trim().is_empty() {
                    return None;
                }
                Points::parse(v)
                    .map_err(|e| {
                        self.cell_problems.insert((unit, i, Some(column)), e);
                        let n = unreadable.entry(unit).or_default();
                        n.0 += 1;
                        n.1 += usize::from(column == Column::Bloc);
                    })
                    .ok()
            };
            let (self_score, bloc_score) = (read(s, Column::SelfScore), read(b, Column::Bloc));
            if self_score.is_some() || bloc_score.is_some() {
                entries.push(ScoreEntry {
                    unit,
                    criterion: c.code.clone(),
                    self_score,
                    bloc_score,
                });
            }
        }
        let mut adjustments = Vec::new();
        for (i, a) in self.adjustments.iter().enumerate() {
            match (a.unit.as_ref(), Points::parse(&a.points)) {
                (Some(u), Ok(points)) => adjustments.push(Adjustment {
                    unit: u.id,
                    kind: a.kind,
                    points,
                    reason: a.reason.clone(),
                }),
                (None, _) => self
                    .problems
                    .push(Problem::new(format!("adjustments[{i}]"), "Chọn đơn vị cho khoản điểm.")),
                (_, Err(e)) => self.problems.push(Problem::new(format!("adjustments[{i}]"), e)),
            }
        }
        let sheet = ScoreSheet {
            year: r.year,
            criteria,
            entries,
            adjustments,
        };
        (sheet, unreadable)
    }

    /// Recomputes the problems of every cell and the ranking from what is typed, without a copy
    /// of the year: linear in the cells. Returns the sheet as typed.
    fn recompute(&mut self, r: &YearRecord) -> ScoreSheet {
        let (sheet, unreadable) = self.sheet(r);
        // A criterion's code → its index (the first of equal codes, as the grid's cells have it).
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(sheet.criteria.len());
        for (i, c) in sheet.criteria.iter().enumerate() {
            index.entry(c.code.as_str()).or_insert(i);
        }
        for p in sheet.problems(&r.members, r.rules.score_scale) {
            let Some(cell) = &p.cell else {
                self.problems.push(p);
                continue;
            };
            let column = match cell.part {
                // Not scored yet: a gap while the sheet is filled in, counted in the ranking.
                CellPart::Missing => continue,
                CellPart::Entry => None,
                CellPart::Value(ScoreColumn::Bloc) => Some(Column::Bloc),
                CellPart::Value(ScoreColumn::SelfScore) => Some(Column::SelfScore),
            };
            match index.get(cell.criterion.as_str()) {
                Some(&i) => {
                    self.cell_problems.entry((cell.unit, i, column)).or_insert(p.message);
                }
                None => self.problems.push(p),
            }
        }
        self.ranking = ranking::rank_sheet(r, &sheet);
        // A value that cannot be read is invalid, not missing.
        for s in &mut self.ranking {
            if let Some(&(cells, bloc)) = unreadable.get(&s.unit) {
                s.invalid += cells;
                s.missing = s.missing.saturating_sub(bloc);
            }
        }
        sheet
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        match msg {
            Message::Show(c) => {
                self.show = c;
                return Action::None;
            }
            Message::Group(g) => {
                self.group = g;
                return Action::None;
            }
            Message::Navigate(id, nav) => {
                return self.navigate(ctx.record, &id, nav).map_or(Action::None, Action::Focus);
            }
            Message::Save => return self.save(ctx),
            Message::Export => {
                return if self.dirty {
                    Action::Status("Hãy lưu bảng điểm trước khi xuất PDF.".into())
                } else {
                    Action::Export(crate::app::exports::DocRequest::Ranking {
                        year: ctx.record.year,
                        detailed: false,
                    })
                }
            }
            Message::Sheet(sheet) => {
                return if self.dirty {
                    Action::Status("Hãy lưu bảng điểm trước khi xuất Excel.".into())
                } else {
                    Action::Sheet(sheet, ctx.record.year)
                }
            }
            Message::Paste(u, i, v) if v.contains(['\t', '\n', '\r']) => {
                return self.paste_block(ctx.record, u, i, &v);
            }
            Message::Cell(u, i, v) | Message::Paste(u, i, v) => self.set_cell(u, i, v),
            Message::Criterion(i, j, v) => self.criteria[i][j] = v,
            Message::AddCriterion => {
                let n = self.criteria.len() + 1;
                self.criteria
                    .push([n.to_string(), String::new(), String::new(), "10".into()]);
                self.dirty = true;
                self.recompute(ctx.record);
                // The new criterion's name is typed next.
                return Action::Focus(criterion_id(n - 1, 2));
            }
            Message::RemoveCriterion(i) => {
                self.criteria.remove(i);
                // Cells follow their criterion.
                self.cells = std::mem::take(&mut self.cells)
                    .into_iter()
                    .filter(|((_, c), _)| *c != i)
                    .map(|((u, c), v)| ((u, if c > i { c - 1 } else { c }), v))
                    .collect();
            }
            Message::AddAdjustment => self.adjustments.push(Adj {
                unit: None,
                kind: AdjustmentKind::Bonus,
                points: String::new(),
                reason: String::new(),
            }),
            Message::AdjUnit(i, u) => self.adjustments[i].unit = Some(u),
            Message::AdjKind(i, k) => self.adjustments[i].kind = k.0,
            Message::AdjPoints(i, s) => self.adjustments[i].points = s,
            Message::AdjReason(i, s) => self.adjustments[i].reason = s,
            Message::RemoveAdjustment(i) => {
                self.adjustments.remove(i);
            }
        }
        self.dirty = true;
        self.recompute(ctx.record);
        Action::None
    }

    pub fn save(&mut self, ctx: Ctx) -> Action {
        // Every rule of every cell is checked before anything is written.
        let sheet = self.recompute(ctx.record);
        if !self.cell_problems.is_empty() || !self.problems.is_empty() {
            return Action::Status(format!(
                "Chưa lưu: còn {} ô hoặc mục chưa hợp lệ (đánh dấu đỏ).",
                self.cell_problems.len() + self.problems.len()
            ));
        }
        match ctx.store.save_score_sheet(&sheet) {
            Ok(()) => {
                self.dirty = false;
                Action::Saved(format!("Đã lưu bảng điểm năm {}.", ctx.record.year))
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let mut crit = column![
            subheading(format!("Tiêu chí (thang điểm {})", r.rules.score_scale)),
            table_row(vec![
                (head_cell("Mã"), 1),
                (head_cell("Nhóm"), 3),
                (head_cell("Tiêu chí"), 5),
                (head_cell("Tối đa"), 1),
                (head_cell(""), 1)
            ]),
        ]
        .spacing(4);
        for (i, c) in self.criteria.iter().enumerate() {
            let input = |j: usize, ph: &str| -> Element<'a, Message> {
                text_input(ph, &c[j])
                    .id(criterion_id(i, j))
                    .on_input(move |s| Message::Criterion(i, j, s))
                    .padding(3)
                    .size(13)
                    .into()
            };
            crit = crit.push(table_row(vec![
                (input(0, "Mã"), 1),
                (input(1, "Nhóm"), 3),
                (input(2, "Tên tiêu chí"), 5),
                (input(3, "Tối đa"), 1),
                (danger("Xóa", Some(Message::RemoveCriterion(i))).into(), 1),
            ]));
        }
        crit = crit.push(secondary("Thêm tiêu chí", Some(Message::AddCriterion)));

        let mut groups = vec![GroupChoice(None)];
        for c in &self.criteria {
            if !groups.iter().any(|g| g.0.as_deref() == Some(c[1].as_str())) {
                groups.push(GroupChoice(Some(c[1].clone())));
            }
        }
        let mut grid = column![row![
            text("Cột đang nhập:").size(13),
            pick_list([Column::Bloc, Column::SelfScore], Some(self.show), Message::Show),
            text("Nhóm:").size(13),
            pick_list(groups, Some(self.group.clone()), Message::Group),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center)]
        .spacing(4);
        let mut header = vec![(head_cell("Đơn vị"), 4u16)];
        for c in self.criteria.iter().filter(|c| self.shown(c)) {
            header.push((head_cell(format!("{} (≤{})", c[0], c[3])), 1));
        }
        grid = grid.push(table_row(header));
        let units = member_choices(r);
        for u in &units {
            let mut cells = vec![(cell(u.name.clone()), 4u16)];
            for (i, _) in self.criteria.iter().enumerate().filter(|(_, c)| self.shown(c)) {
                let v = self.cells.get(&(u.id, i));
                let value = match self.show {
                    Column::Bloc => v.map(|v| v.1.as_str()).unwrap_or(""),
                    Column::SelfScore => v.map(|v| v.0.as_str()).unwrap_or(""),
                };
                let bad = self.is_bad(u.id, i);
                let (unit, id) = (u.id, cell_id(u.id, i));
                let input = text_input("", value)
                    .id(id.clone())
                    .on_input(move |s| Message::Cell(unit, i, s))
                    .on_paste(move |s| Message::Paste(unit, i, s))
                    // Enter moves down, as in a spreadsheet.
                    .on_submit(Message::Navigate(id, Nav::Down))
                    .padding(3)
                    .size(13)
                    .style(move |theme: &iced::Theme, status| {
                        let mut s = text_input::default(theme, status);
                        if bad {
                            s.border.color = ERROR;
                            s.border.width = 2.0;
                            s.value = ERROR;
                        }
                        s
                    });
                cells.push((input.into(), 1));
            }
            grid = grid.push(table_row(cells));
        }
        // The reasons of the marked cells, in the grid's order: rows, then criteria, then columns.
        let row_of: HashMap<UnitId, usize> = units.iter().enumerate().map(|(y, u)| (u.id, y)).collect();
        let mut cell_msgs: Vec<(&CellKey, &String)> = self.cell_problems.iter().collect();
        cell_msgs.sort_by_key(|((u, i, c), _)| {
            (
                row_of.get(u).copied().unwrap_or(usize::MAX),
                *u,
                *i,
                c.map(|c| c == Column::SelfScore),
            )
        });
        let more = cell_msgs.len().saturating_sub(8);
        for ((u, i, column), m) in cell_msgs.into_iter().take(8) {
            let mut place = r.unit_name(*u);
            if let Some(c) = self.criteria.get(*i) {
                place.push_str(&format!(" · tiêu chí {}", c[0]));
            }
            if let Some(column) = column {
                place.push_str(&format!(" · {}", column.score().label()));
            }
            grid = grid.push(error_text(format!("{place}: {m}")));
        }
        if more > 0 {
            grid = grid.push(error_text(format!("… và {more} ô khác không hợp lệ.")));
        }
        for p in self.problems.iter().take(8) {
            grid = grid.push(error_text(p.message.clone()));
        }

        let mut adj = column![subheading("Điểm thưởng, điểm trừ")].spacing(4);
        for (i, a) in self.adjustments.iter().enumerate() {
            adj = adj.push(
                row![
                    pick_list(units.clone(), a.unit.clone(), move |u| Message::AdjUnit(i, u)).placeholder("Đơn vị"),
                    pick_list(
                        [KindChoice(AdjustmentKind::Bonus), KindChoice(AdjustmentKind::Penalty)],
                        Some(KindChoice(a.kind)),
                        move |k| Message::AdjKind(i, k)
                    ),
                    text_input("Điểm", &a.points)
                        .on_input(move |s| Message::AdjPoints(i, s))
                        .padding(4)
                        .width(70),
                    text_input("Lý do", &a.reason)
                        .on_input(move |s| Message::AdjReason(i, s))
                        .padding(4),
                    danger("Xóa", Some(Message::RemoveAdjustment(i))),
                ]
                .spacing(6),
            );
        }
        adj = adj.push(secondary("Thêm khoản điểm", Some(Message::AddAdjustment)));

        let mut ranking = column![subheading("Xếp hạng (tính ngay khi nhập)")].spacing(4);
        for s in &self.ranking {
            let mut notes = Vec::new();
            if s.missing > 0 {
                notes.push(format!("thiếu {} ô", s.missing));
            }
            if s.invalid > 0 {
                notes.push(format!("{} ô không hợp lệ", s.invalid));
            }
            let mut label = format!("{} · {} · {} điểm", s.rank_label(), r.unit_name(s.unit), s.total);
            if !notes.is_empty() {
                label.push_str(&format!(" ({})", notes.join("; ")));
            }
            ranking = ranking.push(text(label).size(14));
        }

        column![
            row![
                heading(format!("Chấm điểm năm {}", r.year)),
                iced::widget::space::horizontal(),
                primary("Lưu (Ctrl+S)", Some(Message::Save)),
                secondary("Xuất bảng xếp hạng (Ctrl+P)", Some(Message::Export)),
                secondary(
                    "Bảng điểm Excel…",
                    Some(Message::Sheet(crate::app::sheets::Sheet::Scores))
                ),
                secondary(
                    "Xếp hạng Excel…",
                    Some(Message::Sheet(crate::app::sheets::Sheet::Ranking))
                ),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            row![
                scrollable(column![panel(crit), panel(grid), panel(adj)].spacing(12)).width(Length::FillPortion(3)),
                container(scrollable(ranking)).width(Length::FillPortion(1)),
            ]
            .spacing(16)
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}

/// The id of field `j` (0 code, 1 group, 2 name, 3 maximum) of criterion `i`: "crit-0-2".
pub fn criterion_id(i: usize, j: usize) -> iced::widget::Id {
    iced::widget::Id::from(format!("crit-{i}-{j}"))
}
