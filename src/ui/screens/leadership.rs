//! Lãnh đạo khối: head and deputy per year, the history, next year's suggestion with its reasons,
//! and recording what the conference decided (with a note in sentences, a multi-line editor).

use super::conferences::{prose_field, recheck, PARAGRAPHS_HINT};
use super::{choice, member_choices, problem_for, Action, Ctx, UnitChoice};
use crate::domain::rotation::{suggest, RotationSuggestion};
use crate::domain::text::date_dmy;
use crate::domain::{ChoiceMethod, ConferenceId, Leadership, Problem, Year, YearRecord};
use crate::ui::widgets::*;
use iced::widget::{column, pick_list, row, scrollable, text, text_editor};
use iced::{Element, Length};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MethodChoice(pub ChoiceMethod);

impl fmt::Display for MethodChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.label())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConferenceChoice {
    pub id: ConferenceId,
    pub label: String,
}

impl fmt::Display for ConferenceChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Year(String),
    Head(UnitChoice),
    Deputy(UnitChoice),
    Method(MethodChoice),
    Conference(ConferenceChoice),
    /// An edit in the note.
    Note(text_editor::Action),
    UseSuggestion,
    Save,
}

/// The id of the note's editor.
pub const NOTE_ID: &str = "leadership-note";

#[derive(Clone)]
pub struct LeadershipScreen {
    history: Vec<(Year, String, String, &'static str)>,
    suggestion: RotationSuggestion,
    year: String,
    head: Option<UnitChoice>,
    deputy: Option<UnitChoice>,
    method: MethodChoice,
    conference: Option<ConferenceChoice>,
    note: Prose,
    problems: Vec<Problem>,
    dirty: bool,
}

impl LeadershipScreen {
    /// `history` is every recorded year's leadership.
    pub fn new(r: &YearRecord, history: &[Leadership]) -> Self {
        let next = r.year + 1;
        let members: Vec<_> = r.member_units().iter().map(|u| u.id).collect();
        let suggestion = suggest(&r.rules.rotation, history, &members, next, |u| r.unit_name(u));
        let decided = history.iter().find(|l| l.year == next);
        let year_end = r
            .conferences
            .iter()
            .rev()
            .find(|c| c.kind == crate::domain::ConferenceKind::YearEnd)
            .map(|c| conference_choice(r, c.id));
        LeadershipScreen {
            history: history
                .iter()
                .rev()
                .map(|l| {
                    (
                        l.year,
                        r.unit_name(l.head),
                        l.deputy.map(|d| r.unit_name(d)).unwrap_or_else(|| "—".into()),
                        l.method.label(),
                    )
                })
                .collect(),
            year: next.to_string(),
            head: choice(r, decided.map(|l| l.head)),
            deputy: choice(r, decided.and_then(|l| l.deputy)),
            method: MethodChoice(decided.map_or(ChoiceMethod::Elected, |l| l.method)),
            conference: decided
                .and_then(|l| l.decided_at)
                .and_then(|c| r.conference(c).map(|_| conference_choice(r, c)))
                .or(year_end),
            note: Prose::new(decided.map_or("", |l| l.note.as_str())),
            suggestion,
            problems: Vec::new(),
            dirty: false,
        }
    }

    pub fn dirty(&self) -> bool {
        self.dirty
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        match msg {
            Message::Year(s) => self.year = s,
            Message::Head(c) => self.head = Some(c),
            Message::Deputy(c) => self.deputy = Some(c),
            Message::Method(m) => self.method = m,
            Message::Conference(c) => self.conference = Some(c),
            Message::Note(a) => {
                let edited = a.is_edit();
                self.note.perform(a);
                if !edited {
                    return Action::None;
                }
            }
            Message::UseSuggestion => {
                self.head = choice(ctx.record, self.suggestion.head);
                self.deputy = choice(ctx.record, self.suggestion.deputy);
                self.method = MethodChoice(ChoiceMethod::Rotation);
            }
            Message::Save => return self.save(ctx),
        }
        self.dirty = true;
        // A problem shown goes away as soon as the field is right.
        if !self.problems.is_empty() {
            let now = match self.leadership(&ctx) {
                Ok((l, members)) => l.problems(&members),
                Err(p) => p,
            };
            self.problems = recheck(&self.problems, now);
        }
        Action::None
    }

    /// The decision as typed with the members of its year (the current year's while that year is
    /// not set up), or what cannot be read.
    fn leadership(&self, ctx: &Ctx) -> Result<(Leadership, Vec<crate::domain::UnitId>), Vec<Problem>> {
        let year: Year = match self.year.trim().parse() {
            Ok(y) if (1990..=2100).contains(&y) => y,
            _ => return Err(vec![Problem::new("year", "Năm không hợp lệ.")]),
        };
        let Some(head) = self.head.as_ref() else {
            return Err(vec![Problem::new("head", "Chọn đơn vị Khối trưởng.")]);
        };
        let members = match ctx.store.members(year) {
            Ok(m) if !m.is_empty() => m,
            _ => ctx.record.members.clone(),
        };
        let l = Leadership {
            year,
            head: head.id,
            deputy: self.deputy.as_ref().map(|d| d.id),
            method: self.method.0,
            decided_at: self.conference.as_ref().map(|c| c.id),
            note: self.note.text(),
        };
        Ok((l, members))
    }

    pub fn save(&mut self, ctx: Ctx) -> Action {
        self.problems.clear();
        let l = match self.leadership(&ctx) {
            Ok((l, _)) => l,
            Err(p) => {
                self.problems = p;
                return Action::None;
            }
        };
        let year = l.year;
        let head = self.head.clone().expect("checked by leadership()");
        // A year not set up yet takes the current year's members.
        match ctx.store.members(year) {
            Ok(m) if m.is_empty() => {
                if let Err(e) = ctx.store.set_members(year, &ctx.record.members) {
                    return Action::Status(e.to_string());
                }
            }
            Ok(_) => {}
            Err(e) => return Action::Status(e.to_string()),
        }
        match ctx.store.save_leadership(&l) {
            Ok(()) => {
                self.dirty = false;
                Action::SavedYear(
                    year,
                    format!(
                        "Đã lưu: {} làm Khối trưởng năm {year}{}.",
                        head.name,
                        self.deputy
                            .as_ref()
                            .map(|d| format!(", {} làm Khối phó", d.name))
                            .unwrap_or_default()
                    ),
                )
            }
            Err(crate::store::StoreError::Invalid(p)) => {
                self.problems = p;
                Action::None
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let mut history = column![table_row(vec![
            (head_cell("Năm"), 1),
            (head_cell("Khối trưởng"), 4),
            (head_cell("Khối phó"), 4),
            (head_cell("Cách chọn"), 2),
        ])]
        .spacing(6);
        if self.history.is_empty() {
            history = history.push(muted("Chưa ghi nhận năm nào."));
        }
        for (y, h, d, m) in &self.history {
            history = history.push(table_row(vec![
                (cell(y.to_string()), 1),
                (cell(h.clone()), 4),
                (cell(d.clone()), 4),
                (cell(*m), 2),
            ]));
        }
        let s = &self.suggestion;
        let mut suggestion = column![
            subheading(format!("Gợi ý cho năm {}", s.year)),
            muted(r.rules.rotation.method.label()),
            text(format!(
                "Khối trưởng: {}",
                s.head.map(|u| r.unit_name(u)).unwrap_or_else(|| "—".into())
            )),
            text(format!(
                "Khối phó: {}",
                s.deputy.map(|u| r.unit_name(u)).unwrap_or_else(|| "—".into())
            )),
        ]
        .spacing(4);
        for line in &s.explanation {
            suggestion = suggestion.push(muted(line.clone()));
        }
        suggestion = suggestion.push(secondary("Dùng gợi ý này", s.head.map(|_| Message::UseSuggestion)));
        suggestion = suggestion.push(muted(
            "Gợi ý không thay quyết định: ghi nhận theo kết quả của hội nghị.",
        ));

        let members = member_choices(r);
        let conferences: Vec<ConferenceChoice> = r.conferences.iter().map(|c| conference_choice(r, c.id)).collect();
        let p = |f| problem_for(&self.problems, f);
        let mut form = column![
            subheading("Ghi nhận quyết định"),
            field("Năm", "leadership-year", &self.year, Message::Year, p("year")),
            text("Khối trưởng").size(13),
            pick_list(members.clone(), self.head.clone(), Message::Head).placeholder("Chọn đơn vị"),
        ]
        .spacing(6);
        if let Some(m) = p("head") {
            form = form.push(error_text(m.to_string()));
        }
        form = form.push(text("Khối phó").size(13));
        form = form.push(pick_list(members, self.deputy.clone(), Message::Deputy).placeholder("Chọn đơn vị"));
        if let Some(m) = p("deputy") {
            form = form.push(error_text(m.to_string()));
        }
        form = form
            .push(text("Cách chọn").size(13))
            .push(pick_list(
                ChoiceMethod::ALL.map(MethodChoice).to_vec(),
                Some(self.method),
                Message::Method,
            ))
            .push(text("Quyết định tại hội nghị").size(13))
            .push(pick_list(conferences, self.conference.clone(), Message::Conference).placeholder("Chọn hội nghị"))
            .push(prose_field(
                "Ghi chú",
                NOTE_ID,
                &self.note,
                PARAGRAPHS_HINT,
                Message::Note,
                p("note"),
                72.0,
            ))
            .push(primary("Lưu (Ctrl+S)", Some(Message::Save)));

        row![
            column![heading("Lãnh đạo khối"), scrollable(history).height(Length::Fill)]
                .spacing(10)
                .width(Length::FillPortion(3)),
            scrollable(column![panel(suggestion), panel(form)].spacing(12)).width(Length::FillPortion(2)),
        ]
        .spacing(16)
        .into()
    }
}

fn conference_choice(r: &YearRecord, id: ConferenceId) -> ConferenceChoice {
    let c = r.conference(id);
    ConferenceChoice {
        id,
        label: c
            .map(|c| format!("{} · {}", date_dmy(c.date), c.kind.label()))
            .unwrap_or_else(|| format!("Hội nghị #{id}")),
    }
}
