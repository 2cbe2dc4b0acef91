//! Khen thưởng: the year's proposals with the rules' warnings, overrides with a note, the proposals
//! the rules suggest, decisions received, each unit's award history, and the proposal PDF.
//!
//! The note that accepts a proposal despite a warning is prose (a reason in sentences): a
//! multi-line editor. The decision's number, date and issuing body stay one-line fields.

use super::conferences::{prose_field, recheck};
use super::{date_text, member_choices, optional_date, Action, Ctx, UnitChoice};
use crate::app::exports::DocRequest;
use crate::domain::award_rules::ProposalWarning;
use crate::domain::{
    AwardHistoryEntry, Decision, DecisionResult, Problem, Proposal, ProposalId, ProposalStatus, YearRecord,
};
use crate::ui::widgets::*;
use iced::widget::{checkbox, column, pick_list, row, scrollable, text, text_editor};
use iced::{Element, Length};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormChoice(pub String, pub String);

impl fmt::Display for FormChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    AddSuggested,
    NewForm(FormChoice),
    NewUnit(UnitChoice),
    Add,
    /// The note accepting proposal `id` despite its warnings, replaced as a whole.
    Override(ProposalId, String),
    /// An edit in the editor of the note accepting proposal `id`.
    OverrideEdit(ProposalId, text_editor::Action),
    SaveOverride(ProposalId),
    Defer(ProposalId),
    Consensus(ProposalId, bool),
    Delete(ProposalId),
    DecisionNumber(String),
    DecisionDate(String),
    DecisionBody(String),
    Granted(ProposalId, bool),
    SaveDecision,
    HistoryUnit(UnitChoice),
    Export,
    /// The attached list as an Excel copy.
    Sheet,
}

/// What the note accepting a proposal despite its warnings says, shown in its empty editor.
const OVERRIDE_HINT: &str = "Ghi chú chấp nhận dù có cảnh báo (lý do); Enter để xuống dòng";

/// The id of the editor of the note accepting proposal `id`: "override-12".
pub fn override_id(id: ProposalId) -> String {
    format!("override-{id}")
}

#[derive(Clone)]
pub struct Awards {
    warnings: Vec<ProposalWarning>,
    suggested: Vec<Proposal>,
    overrides: Vec<(ProposalId, Prose)>,
    /// The problem of an accepting note, shown beside it until the note is right.
    override_problems: Vec<(ProposalId, String)>,
    new_form: Option<FormChoice>,
    new_unit: Option<UnitChoice>,
    decision: [String; 3],
    granted: Vec<(ProposalId, bool)>,
    history_unit: Option<UnitChoice>,
    history: Vec<AwardHistoryEntry>,
    problems: Vec<Problem>,
}

impl Awards {
    pub fn new(r: &YearRecord) -> Self {
        Awards {
            warnings: r.proposal_warnings(),
            suggested: r.suggested_proposals(),
            overrides: r
                .proposals
                .iter()
                .map(|p| (p.id, Prose::new(&p.override_note)))
                .collect(),
            override_problems: Vec::new(),
            new_form: None,
            new_unit: None,
            decision: [String::new(), String::new(), format!("UBND tỉnh {}", r.bloc.place_name)],
            granted: r.proposals.iter().map(|p| (p.id, true)).collect(),
            history_unit: None,
            history: Vec::new(),
            problems: Vec::new(),
        }
    }

    pub fn warnings(&self) -> &[ProposalWarning] {
        &self.warnings
    }

    pub fn dirty(&self) -> bool {
        false
    }

    fn forms(r: &YearRecord) -> Vec<FormChoice> {
        r.rules
            .award_forms
            .iter()
            .map(|f| FormChoice(f.code.clone(), f.name.clone()))
            .collect()
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        let r = ctx.record;
        match msg {
            Message::AddSuggested => {
                let mut added = 0;
                for mut p in self.suggested.clone() {
                    if r.proposals.iter().any(|x| x.form == p.form && x.unit == p.unit) {
                        continue;
                    }
                    if let Err(e) = ctx.store.save_proposal(&mut p) {
                        return Action::Status(e.to_string());
                    }
                    added += 1;
                }
                return Action::Saved(format!("Đã thêm {added} đề nghị theo quy chế."));
            }
            Message::NewForm(f) => self.new_form = Some(f),
            Message::NewUnit(u) => self.new_unit = Some(u),
            Message::Add => {
                let (Some(f), Some(u)) = (self.new_form.clone(), self.new_unit.clone()) else {
                    return Action::Status("Chọn hình thức khen thưởng và đơn vị.".into());
                };
                let vote = r.rules.form(&f.0).and_then(|rule| r.vote_for(rule, u.id));
                let standing = r.ranking().into_iter().find(|s| s.unit == u.id && r.scored(s));
                let mut p = Proposal {
                    id: 0,
                    year: r.year,
                    form: f.0.clone(),
                    unit: u.id,
                    rank: standing.as_ref().map(|s| s.rank),
                    score: standing.as_ref().map(|s| s.total),
                    votes: vote.as_ref().map(|v| v.votes),
                    votes_base: vote.as_ref().map(|v| v.base),
                    status: ProposalStatus::Draft,
                    by_consensus: false,
                    override_note: String::new(),
                    note: String::new(),
                };
                return match ctx.store.save_proposal(&mut p) {
                    Ok(_) => Action::Saved(format!("Đã thêm đề nghị {} cho {}.", f.1, u.name)),
                    Err(e) => Action::Status(e.to_string()),
                };
            }
            Message::Override(..) | Message::OverrideEdit(..) => {
                let (id, edited) = match msg {
                    Message::Override(id, s) => {
                        if let Some(o) = self.overrides.iter_mut().find(|o| o.0 == id) {
                            o.1 = Prose::new(&s);
                        }
                        (id, true)
                    }
                    Message::OverrideEdit(id, a) => {
                        let edited = a.is_edit();
                        if let Some(o) = self.overrides.iter_mut().find(|o| o.0 == id) {
                            o.1.perform(a);
                        }
                        (id, edited)
                    }
                    _ => return Action::None,
                };
                // A problem shown goes away as soon as the note is right.
                if edited && self.override_problems.iter().any(|x| x.0 == id) {
                    self.override_problems.retain(|x| x.0 != id);
                    if let Some(m) = self.override_problem(r, id) {
                        self.override_problems.push((id, m));
                    }
                }
            }
            Message::SaveOverride(id) => {
                self.override_problems.retain(|x| x.0 != id);
                if let Some(m) = self.override_problem(r, id) {
                    self.override_problems.push((id, m));
                    return Action::None;
                }
                if let Some(mut p) = self.with_override(r, id) {
                    return match ctx.store.save_proposal(&mut p) {
                        Ok(_) => Action::Saved("Đã lưu ghi chú chấp nhận đề nghị.".into()),
                        Err(e) => Action::Status(e.to_string()),
                    };
                }
            }
            Message::Consensus(id, on) => {
                if let Some(mut p) = r.proposals.iter().find(|p| p.id == id).cloned() {
                    p.by_consensus = on;
                    return match ctx.store.save_proposal(&mut p) {
                        Ok(_) => Action::Saved(if on {
                            format!("Đã ghi: hội nghị thống nhất đề nghị {}.", r.unit_name(p.unit))
                        } else {
                            format!("Đã bỏ ghi thống nhất cho đề nghị của {}.", r.unit_name(p.unit))
                        }),
                        Err(e) => Action::Status(e.to_string()),
                    };
                }
            }
            Message::Defer(id) => {
                if let Some(mut p) = r.proposals.iter().find(|p| p.id == id).cloned() {
                    p.status = ProposalStatus::Deferred;
                    return match ctx.store.save_proposal(&mut p) {
                        Ok(_) => Action::Saved(format!("Đã chuyển đề nghị của {} sang Hoãn xét.", r.unit_name(p.unit))),
                        Err(e) => Action::Status(e.to_string()),
                    };
                }
            }
            Message::Delete(id) => {
                return match ctx.store.delete_proposal(id) {
                    Ok(()) => Action::Saved("Đã xóa đề nghị.".into()),
                    Err(e) => Action::Status(e.to_string()),
                };
            }
            Message::DecisionNumber(_) | Message::DecisionDate(_) | Message::DecisionBody(_) => {
                match msg {
                    Message::DecisionNumber(s) => self.decision[0] = s,
                    Message::DecisionDate(s) => self.decision[1] = s,
                    Message::DecisionBody(s) => self.decision[2] = s,
                    _ => {}
                }
                // A problem shown goes away as soon as the field is right.
                if !self.problems.is_empty() {
                    self.problems = recheck(&self.problems, self.decision(r).err().unwrap_or_default());
                }
            }
            Message::Granted(id, on) => {
                if let Some(g) = self.granted.iter_mut().find(|g| g.0 == id) {
                    g.1 = on;
                }
            }
            Message::SaveDecision => return self.save_decision(ctx),
            Message::HistoryUnit(u) => {
                self.history = ctx.store.award_history(u.id).unwrap_or_default();
                self.history_unit = Some(u);
            }
            Message::Export => return Action::Export(DocRequest::Proposal(r.year)),
            Message::Sheet => return Action::Sheet(crate::app::sheets::Sheet::Proposals, r.year),
        }
        Action::None
    }

    /// Proposal `id` with its accepting note as typed.
    fn with_override(&self, r: &YearRecord, id: ProposalId) -> Option<Proposal> {
        let mut p = r.proposals.iter().find(|p| p.id == id).cloned()?;
        p.override_note = self
            .overrides
            .iter()
            .find(|o| o.0 == id)
            .map(|o| o.1.text())
            .unwrap_or_default();
        Some(p)
    }

    /// What is wrong with the accepting note of proposal `id` as typed, if anything.
    fn override_problem(&self, r: &YearRecord, id: ProposalId) -> Option<String> {
        let p = self.with_override(r, id)?;
        let forms: Vec<&str> = r.rules.award_forms.iter().map(|f| f.code.as_str()).collect();
        p.problems(&r.members, &forms)
            .into_iter()
            .find(|x| x.field == "override_note")
            .map(|x| x.message)
    }

    /// The decision as typed, or every problem of it.
    fn decision(&self, r: &YearRecord) -> Result<Decision, Vec<Problem>> {
        let signed_on = match optional_date(&self.decision[1]) {
            Ok(Some(d)) => d,
            Ok(None) => {
                return Err(vec![Problem::new(
                    "signed_on",
                    "Chưa nhập ngày quyết định (dd/mm/yyyy).",
                )])
            }
            Err(e) => return Err(vec![Problem::new("signed_on", e)]),
        };
        let d = Decision {
            id: 0,
            year: r.year,
            number: self.decision[0].clone(),
            signed_on,
            issuing_body: self.decision[2].clone(),
            results: self
                .granted
                .iter()
                .map(|(id, g)| DecisionResult {
                    proposal: *id,
                    granted: *g,
                    note: String::new(),
                })
                .collect(),
        };
        let problems = d.problems(&r.proposals);
        if problems.is_empty() {
            Ok(d)
        } else {
            Err(problems)
        }
    }

    fn save_decision(&mut self, ctx: Ctx) -> Action {
        let mut d = match self.decision(ctx.record) {
            Ok(d) => d,
            Err(p) => {
                self.problems = p;
                return Action::None;
            }
        };
        self.problems.clear();
        match ctx.store.save_decision(&mut d) {
            Ok(_) => Action::Saved(format!(
                "Đã ghi nhận Quyết định số {} ngày {}.",
                d.number,
                date_text(Some(d.signed_on))
            )),
            Err(e) => Action::Status(e.to_string()),
        }
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let form_name = |code: &str| {
            r.rules
                .form(code)
                .map(|f| f.name.clone())
                .unwrap_or_else(|| code.to_string())
        };
        let mut list = column![subheading(format!("Đề nghị khen thưởng năm {}", r.year))].spacing(8);
        if r.proposals.is_empty() {
            list = list.push(muted("Chưa có đề nghị nào."));
        }
        for p in &r.proposals {
            let votes = match (p.votes, p.votes_base) {
                (Some(v), Some(b)) => format!(" · {v}/{b} phiếu"),
                _ if p.by_consensus => " · thống nhất".to_string(),
                _ => String::new(),
            };
            let mut c = column![row![
                text(format!(
                    "{}: {}{votes} · {}",
                    form_name(&p.form),
                    r.unit_name(p.unit),
                    p.status.label()
                ))
                .size(15)
                .width(Length::Fill),
                secondary(
                    "Hoãn xét",
                    (p.status != ProposalStatus::Deferred).then_some(Message::Defer(p.id))
                ),
                danger("Xóa", Some(Message::Delete(p.id))),
            ]
            .spacing(6)
            .align_y(iced::Alignment::Center)]
            .spacing(4);
            let id = p.id;
            c = c.push(
                checkbox(p.by_consensus)
                    .label("Hội nghị thống nhất đề nghị (suy tôn, hiệp thương), không bỏ phiếu")
                    .on_toggle(move |on| Message::Consensus(id, on)),
            );
            let ws: Vec<&ProposalWarning> = self.warnings.iter().filter(|w| w.proposal == p.id).collect();
            for w in &ws {
                let (label, color) = if w.overridden {
                    ("Đã chấp nhận", MUTED)
                } else {
                    ("Cảnh báo", WARN)
                };
                c = c.push(text(format!("{label}: {}", w.message)).size(13).color(color));
            }
            if let (false, Some((_, note))) = (ws.is_empty(), self.overrides.iter().find(|o| o.0 == p.id)) {
                let id = p.id;
                let problem = self.override_problems.iter().find(|x| x.0 == id).map(|x| x.1.as_str());
                c = c.push(
                    row![
                        // One line high until more is typed: the list stays compact.
                        prose_field(
                            "",
                            iced::widget::Id::from(override_id(id)),
                            note,
                            OVERRIDE_HINT,
                            move |a| Message::OverrideEdit(id, a),
                            problem,
                            32.0,
                        ),
                        secondary("Lưu ghi chú", Some(Message::SaveOverride(id))),
                    ]
                    .spacing(6),
                );
            }
            list = list.push(panel(c));
        }
        let mut suggested = column![subheading("Đề xuất theo quy chế")].spacing(4);
        for p in &self.suggested {
            suggested = suggested.push(
                text(format!(
                    "{}: {}{}",
                    form_name(&p.form),
                    r.unit_name(p.unit),
                    p.votes
                        .zip(p.votes_base)
                        .map(|(v, b)| format!(" ({v}/{b} phiếu)"))
                        .unwrap_or_default()
                ))
                .size(14),
            );
        }
        if self.suggested.is_empty() {
            suggested = suggested.push(muted("Chưa đủ kết quả bỏ phiếu hoặc chấm điểm để đề xuất."));
        }
        suggested = suggested.push(secondary(
            "Thêm các đề xuất chưa có",
            (!self.suggested.is_empty()).then_some(Message::AddSuggested),
        ));
        let add = column![
            subheading("Thêm đề nghị"),
            pick_list(Self::forms(r), self.new_form.clone(), Message::NewForm).placeholder("Hình thức khen thưởng"),
            pick_list(member_choices(r), self.new_unit.clone(), Message::NewUnit).placeholder("Đơn vị"),
            secondary("Thêm", Some(Message::Add)),
        ]
        .spacing(6);
        let p = |f: &str| super::problem_for(&self.problems, f);
        let mut decision = column![
            subheading("Quyết định khen thưởng đã nhận"),
            field(
                "Số quyết định",
                "decision-number",
                &self.decision[0],
                Message::DecisionNumber,
                p("number")
            ),
            field(
                "Ngày (dd/mm/yyyy)",
                "decision-date",
                &self.decision[1],
                Message::DecisionDate,
                p("signed_on")
            ),
            field(
                "Cơ quan ban hành",
                "decision-body",
                &self.decision[2],
                Message::DecisionBody,
                p("issuing_body")
            ),
        ]
        .spacing(6);
        for p in &r.proposals {
            let id = p.id;
            let on = self.granted.iter().find(|g| g.0 == id).is_some_and(|g| g.1);
            decision = decision.push(
                checkbox(on)
                    .label(format!("{} — {}", r.unit_name(p.unit), form_name(&p.form)))
                    .on_toggle(move |v| Message::Granted(id, v)),
            );
        }
        decision = decision.push(secondary(
            "Ghi nhận quyết định",
            (!r.proposals.is_empty()).then_some(Message::SaveDecision),
        ));
        for d in &r.decisions {
            decision = decision.push(muted(format!(
                "Đã có: Quyết định số {} ngày {} của {}",
                d.number,
                date_text(Some(d.signed_on)),
                d.issuing_body
            )));
        }
        let mut history = column![
            subheading("Lịch sử khen thưởng của đơn vị"),
            pick_list(member_choices(r), self.history_unit.clone(), Message::HistoryUnit).placeholder("Chọn đơn vị"),
        ]
        .spacing(4);
        for h in &self.history {
            history = history.push(
                text(format!(
                    "{} · {} · {}{}",
                    h.year,
                    h.award,
                    h.status,
                    if h.decision.is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", h.decision)
                    }
                ))
                .size(13),
            );
        }
        if self.history_unit.is_some() && self.history.is_empty() {
            history = history.push(muted("Chưa có khen thưởng nào."));
        }
        column![
            row![
                heading("Khen thưởng"),
                iced::widget::space::horizontal(),
                secondary(
                    "Xuất tờ trình (Ctrl+P)",
                    (!r.proposals.is_empty()).then_some(Message::Export)
                ),
                secondary("Danh sách Excel…", (!r.proposals.is_empty()).then_some(Message::Sheet)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            row![
                scrollable(list).width(Length::FillPortion(3)),
                scrollable(column![panel(suggested), panel(add), panel(decision), panel(history)].spacing(12))
                    .width(Length::FillPortion(2)),
            ]
            .spacing(16)
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}
