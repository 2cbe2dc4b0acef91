//! Chấm điểm: the criteria with their maximum points, the score grid (units × criteria, self and bloc
//! columns), bonuses and penalties, and the live ranking with ties shown. Invalid cells are marked in
//! place; the ranking is recomputed in `update`, never in `view`.

use super::{member_choices, Action, Ctx, UnitChoice};
use crate::domain::ranking::Standing;
use crate::domain::{
    Adjustment, AdjustmentKind, Criterion, Points, Problem, ScoreEntry, ScoreSheet, UnitId, YearRecord,
};
use crate::ui::widgets::*;
use iced::widget::{column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Bloc,
    SelfScore,
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
    Cell(UnitId, usize, String),
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
}

struct Adj {
    unit: Option<UnitChoice>,
    kind: AdjustmentKind,
    points: String,
    reason: String,
}

pub struct Scoring {
    show: Column,
    group: GroupChoice,
    /// code, group, name, max.
    criteria: Vec<[String; 4]>,
    /// (unit, criterion index) → (self, bloc) as typed.
    cells: HashMap<(UnitId, usize), (String, String)>,
    adjustments: Vec<Adj>,
    ranking: Vec<Standing>,
    /// Cells that cannot be read or break a rule, with the reason.
    cell_problems: HashMap<(UnitId, usize), String>,
    problems: Vec<Problem>,
    dirty: bool,
}

impl Scoring {
    pub fn new(r: &YearRecord) -> Self {
        let s = &r.score_sheet;
        let mut cells = HashMap::new();
        for e in &s.entries {
            if let Some(i) = s.criteria.iter().position(|c| c.code == e.criterion) {
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

    /// The sheet as typed; unreadable values are left out and reported.
    fn sheet(&mut self, r: &YearRecord) -> ScoreSheet {
        self.cell_problems.clear();
        self.problems.clear();
        let mut criteria = Vec::new();
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
        let mut entries = Vec::new();
        let mut keys: Vec<&(UnitId, usize)> = self.cells.keys().collect();
        keys.sort();
        for key in keys {
            let (unit, i) = *key;
            let Some(c) = criteria.get(i) else { continue };
            let (s, b) = &self.cells[key];
            let mut read = |v: &str| -> Option<Points> {
                if v.trim().is_empty() {
                    return None;
                }
                Points::parse(v)
                    .map_err(|e| self.cell_problems.insert((unit, i), e))
                    .ok()
            };
            let (self_score, bloc_score) = (read(s), read(b));
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
        ScoreSheet {
            year: r.year,
            criteria,
            entries,
            adjustments,
        }
    }

    /// Recomputes the ranking and the problems of every cell from what is typed.
    fn recompute(&mut self, r: &YearRecord) {
        let sheet = self.sheet(r);
        for p in sheet.problems(&r.members, r.rules.score_scale) {
            // "entries[3].bloc_score" → the cell of entry 3.
            if let Some(e) = p
                .field
                .strip_prefix("entries[")
                .and_then(|x| x.split(']').next())
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| sheet.entries.get(n))
            {
                if let Some(i) = sheet.criteria.iter().position(|c| c.code == e.criterion) {
                    self.cell_problems.entry((e.unit, i)).or_insert(p.message);
                }
            } else if !p.field.starts_with("missing") {
                self.problems.push(p);
            }
        }
        let mut with_sheet = r.clone();
        with_sheet.score_sheet = sheet;
        self.ranking = with_sheet.ranking();
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
            Message::Save => return self.save(ctx),
            Message::Export => {
                return if self.dirty {
                    Action::Status("Hãy lưu bảng điểm trước khi xuất PDF.".into())
                } else {
                    Action::Export(crate::exports::DocRequest::Ranking {
                        year: ctx.record.year,
                        detailed: false,
                    })
                }
            }
            Message::Cell(u, i, v) => {
                let cell = self.cells.entry((u, i)).or_default();
                match self.show {
                    Column::Bloc => cell.1 = v,
                    Column::SelfScore => cell.0 = v,
                }
            }
            Message::Criterion(i, j, v) => self.criteria[i][j] = v,
            Message::AddCriterion => {
                let n = self.criteria.len() + 1;
                self.criteria
                    .push([n.to_string(), String::new(), String::new(), "10".into()]);
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
        self.recompute(ctx.record);
        if !self.cell_problems.is_empty() || !self.problems.is_empty() {
            return Action::Status(format!(
                "Chưa lưu: còn {} ô hoặc mục chưa hợp lệ (đánh dấu đỏ).",
                self.cell_problems.len() + self.problems.len()
            ));
        }
        let sheet = self.sheet(ctx.record);
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
        let shown = |c: &[String; 4]| self.group.0.as_ref().is_none_or(|g| *g == c[1]);
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
        for c in self.criteria.iter().filter(|c| shown(c)) {
            header.push((head_cell(format!("{} (≤{})", c[0], c[3])), 1));
        }
        grid = grid.push(table_row(header));
        for u in member_choices(r) {
            let mut cells = vec![(cell(u.name.clone()), 4u16)];
            for (i, _) in self.criteria.iter().enumerate().filter(|(_, c)| shown(c)) {
                let v = self.cells.get(&(u.id, i));
                let value = match self.show {
                    Column::Bloc => v.map(|v| v.1.as_str()).unwrap_or(""),
                    Column::SelfScore => v.map(|v| v.0.as_str()).unwrap_or(""),
                };
                let bad = self.cell_problems.contains_key(&(u.id, i));
                let id = u.id;
                let input = text_input("", value)
                    .id(iced::widget::Id::from(format!("score-{id}-{i}")))
                    .on_input(move |s| Message::Cell(id, i, s))
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
        let mut cell_msgs: Vec<(&(UnitId, usize), &String)> = self.cell_problems.iter().collect();
        cell_msgs.sort_by_key(|(k, _)| **k);
        for ((u, _), m) in cell_msgs.into_iter().take(8) {
            grid = grid.push(error_text(format!("{}: {m}", r.unit_name(*u))));
        }
        for p in self.problems.iter().take(8) {
            grid = grid.push(error_text(p.message.clone()));
        }

        let mut adj = column![subheading("Điểm thưởng, điểm trừ")].spacing(4);
        let members = member_choices(r);
        for (i, a) in self.adjustments.iter().enumerate() {
            adj = adj.push(
                row![
                    pick_list(members.clone(), a.unit.clone(), move |u| Message::AdjUnit(i, u)).placeholder("Đơn vị"),
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
            let label = if s.missing > 0 {
                format!(
                    "{} · {} · {} điểm (thiếu {} ô)",
                    s.rank_label(),
                    r.unit_name(s.unit),
                    s.total,
                    s.missing
                )
            } else {
                format!("{} · {} · {} điểm", s.rank_label(), r.unit_name(s.unit), s.total)
            };
            ranking = ranking.push(text(label).size(14));
        }

        column![
            row![
                heading(format!("Chấm điểm năm {}", r.year)),
                iced::widget::space::horizontal(),
                primary("Lưu (Ctrl+S)", Some(Message::Save)),
                secondary("Xuất bảng xếp hạng (Ctrl+P)", Some(Message::Export)),
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
