//! Bỏ phiếu: the ballots of a conference, their counts and candidates, the live result with
//! percentages and pass or fail against the rules, and the ballot-count PDF.

use super::{member_choices, problem_for, Action, Ctx, UnitChoice};
use crate::app::exports::DocRequest;
use crate::domain::tally::{tally, Tally};
use crate::domain::text::{date_dmy, parse_time};
use crate::domain::{Ballot, BallotId, BallotPurpose, Candidate, ConferenceId, Problem, YearRecord};
use crate::ui::widgets::*;
use iced::widget::{button, column, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurposeChoice(pub BallotPurpose, pub String);

impl fmt::Display for PurposeChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfChoice(pub ConferenceId, pub String);

impl fmt::Display for ConfChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Conference(ConfChoice),
    Select(BallotId),
    New,
    Question(String),
    Purpose(PurposeChoice),
    MaxChoices(String),
    CountedAt(String),
    Issued(String),
    Returned(String),
    Valid(String),
    Invalid(String),
    AddCandidate,
    CandidateUnit(usize, UnitChoice),
    Votes(usize, String),
    RemoveCandidate(usize),
    Save,
    Export,
}

#[derive(Default, Clone)]
struct Form {
    id: BallotId,
    question: String,
    purpose: Option<PurposeChoice>,
    max_choices: String,
    /// "10:15", or empty when not known.
    counted_at: String,
    counts: [String; 4],
    candidates: Vec<(Option<UnitChoice>, String)>,
}

#[derive(Clone)]
pub struct Ballots {
    conference: Option<ConfChoice>,
    form: Form,
    /// The live result of the form, recomputed on every edit.
    result: Option<Tally>,
    problems: Vec<Problem>,
    dirty: bool,
}

fn purposes(r: &YearRecord) -> Vec<PurposeChoice> {
    let mut v = vec![PurposeChoice(
        BallotPurpose::LeadingUnit,
        "Suy tôn đơn vị dẫn đầu".into(),
    )];
    for f in &r.rules.award_forms {
        v.push(PurposeChoice(
            BallotPurpose::Award(f.code.clone()),
            format!("Đề nghị {}", f.name),
        ));
    }
    v.push(PurposeChoice(
        BallotPurpose::Head(r.year + 1),
        format!("Bầu Khối trưởng năm {}", r.year + 1),
    ));
    v.push(PurposeChoice(
        BallotPurpose::Deputy(r.year + 1),
        format!("Bầu Khối phó năm {}", r.year + 1),
    ));
    v.push(PurposeChoice(BallotPurpose::Other, "Nội dung khác".into()));
    v
}

fn conf_choice(r: &YearRecord, id: ConferenceId) -> Option<ConfChoice> {
    r.conference(id)
        .map(|c| ConfChoice(c.id, format!("{} · {}", date_dmy(c.date), c.kind.label())))
}

fn form_of(r: &YearRecord, b: &Ballot) -> Form {
    Form {
        id: b.id,
        question: b.question.clone(),
        purpose: purposes(r).into_iter().find(|p| p.0 == b.purpose),
        max_choices: b.max_choices.to_string(),
        counted_at: b.counted_at.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
        counts: [b.issued, b.returned, b.valid, b.invalid].map(|n| n.to_string()),
        candidates: b
            .candidates
            .iter()
            .map(|c| (super::choice(r, Some(c.unit)), c.votes.to_string()))
            .collect(),
    }
}

impl Ballots {
    pub fn new(r: &YearRecord) -> Self {
        let conf = r
            .conferences
            .iter()
            .rev()
            .find(|c| r.ballots.iter().any(|b| b.conference == c.id))
            .or(r.conferences.last());
        let mut me = Ballots {
            conference: conf.and_then(|c| conf_choice(r, c.id)),
            form: Form::default(),
            result: None,
            problems: Vec::new(),
            dirty: false,
        };
        me.load_first(r);
        me
    }

    fn load_first(&mut self, r: &YearRecord) {
        let first = self
            .conference
            .as_ref()
            .and_then(|c| r.ballots.iter().find(|b| b.conference == c.0));
        self.form = match first {
            Some(b) => form_of(r, b),
            None => self.blank(r),
        };
        self.problems.clear();
        self.dirty = false;
        self.recompute(r);
    }

    fn blank(&self, r: &YearRecord) -> Form {
        let n = r.members.len().to_string();
        Form {
            purpose: purposes(r).into_iter().next(),
            question: format!("Suy tôn đơn vị dẫn đầu năm {}", r.year),
            max_choices: "1".into(),
            counts: [n.clone(), n.clone(), n, "0".into()],
            ..Form::default()
        }
    }

    pub fn dirty(&self) -> bool {
        self.dirty
    }

    pub fn result(&self) -> Option<&Tally> {
        self.result.as_ref()
    }

    /// The time of the count as typed ("10:15"; empty when not known).
    pub fn counted_at(&self) -> &str {
        &self.form.counted_at
    }

    /// The ballot as typed; numbers that cannot be read are reported per field.
    fn ballot(&mut self, r: &YearRecord) -> Option<Ballot> {
        self.problems.clear();
        let conference = self.conference.as_ref().map(|c| c.0);
        let mut problems = Vec::new();
        let mut num = |s: &str, field: &str, label: &str| -> u32 {
            s.trim().parse::<u32>().unwrap_or_else(|_| {
                problems.push(Problem::new(field, format!("{label} phải là số tự nhiên.")));
                0
            })
        };
        let f = self.form.clone();
        let max_choices = num(&f.max_choices, "max_choices", "Số đơn vị được chọn");
        let [issued, returned, valid, invalid] = [
            ("issued", "Số phiếu phát ra"),
            ("returned", "Số phiếu thu về"),
            ("valid", "Số phiếu hợp lệ"),
            ("invalid", "Số phiếu không hợp lệ"),
        ]
        .iter()
        .zip(&f.counts)
        .map(|((field, label), v)| num(v, field, label))
        .collect::<Vec<_>>()
        .try_into()
        .unwrap_or([0; 4]);
        let mut candidates = Vec::new();
        let mut unpicked = Vec::new();
        for (i, (u, v)) in f.candidates.iter().enumerate() {
            let votes = num(v, &format!("candidates[{i}].votes"), "Số phiếu");
            match u {
                Some(u) => candidates.push(Candidate { unit: u.id, votes }),
                None => unpicked.push(Problem::new(format!("candidates[{i}].unit"), "Chọn đơn vị.")),
            }
        }
        problems.extend(unpicked);
        // Empty is not known; a time that cannot be read is reported beside its field.
        let counted_at = match f.counted_at.trim() {
            "" => None,
            s => parse_time(s)
                .map_err(|e| problems.push(Problem::new("counted_at", e)))
                .ok(),
        };
        self.problems = problems;
        let Some(conference) = conference else {
            self.problems.push(Problem::new(
                "conference",
                "Chọn hội nghị (thêm hội nghị ở mục Hội nghị).",
            ));
            return None;
        };
        let b = Ballot {
            id: f.id,
            conference,
            question: f.question,
            purpose: f.purpose.map_or(BallotPurpose::Other, |p| p.0),
            max_choices,
            counted_at,
            board: r
                .ballots
                .iter()
                .find(|b| b.id == f.id)
                .map(|b| b.board.clone())
                .unwrap_or_default(),
            issued,
            returned,
            valid,
            invalid,
            candidates,
        };
        self.problems.extend(b.problems(&r.members, r.conference(conference)));
        Some(b)
    }

    fn recompute(&mut self, r: &YearRecord) {
        self.result = self.ballot(r).map(|b| {
            let present = r
                .conference(b.conference)
                .map_or(r.members.len(), |c| c.present_count());
            tally(&b, &r.rules, r.members.len() as u32, present as u32)
        });
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        let r = ctx.record;
        match msg {
            Message::Conference(c) => {
                self.conference = Some(c);
                self.load_first(r);
                return Action::None;
            }
            Message::Select(id) => {
                if let Some(b) = r.ballots.iter().find(|b| b.id == id) {
                    self.form = form_of(r, b);
                    self.dirty = false;
                    self.recompute(r);
                }
                return Action::None;
            }
            Message::New => {
                self.form = self.blank(r);
                self.dirty = false;
                self.recompute(r);
                return Action::None;
            }
            Message::Save => return self.save(ctx),
            Message::Export => {
                return match (self.dirty, self.form.id) {
                    (false, id) if id != 0 => Action::Export(DocRequest::BallotCount(id)),
                    _ => Action::Status("Hãy lưu kết quả bỏ phiếu trước khi xuất biên bản kiểm phiếu.".into()),
                }
            }
            Message::Question(s) => self.form.question = s,
            Message::Purpose(p) => {
                if self.form.question.trim().is_empty() || purposes(r).iter().any(|x| x.1 == self.form.question) {
                    self.form.question = p.1.clone();
                }
                self.form.purpose = Some(p);
            }
            Message::MaxChoices(s) => self.form.max_choices = s,
            Message::CountedAt(s) => self.form.counted_at = s,
            Message::Issued(s) => self.form.counts[0] = s,
            Message::Returned(s) => self.form.counts[1] = s,
            Message::Valid(s) => self.form.counts[2] = s,
            Message::Invalid(s) => self.form.counts[3] = s,
            Message::AddCandidate => self.form.candidates.push((None, "0".into())),
            Message::CandidateUnit(i, u) => self.form.candidates[i].0 = Some(u),
            Message::Votes(i, s) => self.form.candidates[i].1 = s,
            Message::RemoveCandidate(i) => {
                self.form.candidates.remove(i);
            }
        }
        self.dirty = true;
        self.recompute(r);
        Action::None
    }

    pub fn save(&mut self, ctx: Ctx) -> Action {
        let Some(mut b) = self.ballot(ctx.record) else {
            return Action::None;
        };
        if !self.problems.is_empty() {
            return Action::Status("Chưa lưu: số liệu phiếu chưa khớp (xem thông báo bên cạnh).".into());
        }
        match ctx.store.save_ballot(&mut b) {
            Ok(id) => {
                self.form.id = id;
                self.dirty = false;
                Action::Saved(format!("Đã lưu kết quả bỏ phiếu \u{201c}{}\u{201d}.", b.question))
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let confs: Vec<ConfChoice> = r.conferences.iter().filter_map(|c| conf_choice(r, c.id)).collect();
        let mut list = column![
            text("Hội nghị").size(13),
            pick_list(confs, self.conference.clone(), Message::Conference).placeholder("Chọn hội nghị"),
        ]
        .spacing(6);
        if let Some(c) = &self.conference {
            for b in r.ballots.iter().filter(|b| b.conference == c.0) {
                list = list.push(
                    button(text(b.question.clone()).size(14))
                        .on_press(Message::Select(b.id))
                        .width(Length::Fill)
                        .style(if b.id == self.form.id {
                            button::primary
                        } else {
                            button::secondary
                        }),
                );
            }
        }
        list = list.push(primary("Cuộc bỏ phiếu mới", Some(Message::New)));

        let f = &self.form;
        let p = |x: &str| problem_for(&self.problems, x);
        let members = member_choices(r);
        let mut cands = column![subheading("Đơn vị được bầu")].spacing(4);
        for (i, (u, v)) in f.candidates.iter().enumerate() {
            cands = cands.push(
                row![
                    pick_list(members.clone(), u.clone(), move |c| Message::CandidateUnit(i, c))
                        .placeholder("Chọn đơn vị"),
                    text_input("Số phiếu", v)
                        .id(iced::widget::Id::from(format!("votes-{i}")))
                        .on_input(move |s| Message::Votes(i, s))
                        .padding(4)
                        .width(90),
                    danger("Xóa", Some(Message::RemoveCandidate(i))),
                ]
                .spacing(6),
            );
            for fld in [format!("candidates[{i}].votes"), format!("candidates[{i}].unit")] {
                if let Some(m) = p(&fld) {
                    cands = cands.push(error_text(m.to_string()));
                }
            }
        }
        if let Some(m) = p("candidates") {
            cands = cands.push(error_text(m.to_string()));
        }
        cands = cands.push(secondary("Thêm đơn vị", Some(Message::AddCandidate)));

        let mut result = column![subheading("Kết quả")].spacing(4);
        match &self.result {
            Some(t) => {
                result = result.push(muted(format!(
                    "Tỷ lệ tính trên {} ({}); đạt khi {}.",
                    t.base_label.to_lowercase(),
                    t.base,
                    t.threshold
                )));
                for res in &t.results {
                    let line = format!(
                        "{}: {} — {}",
                        r.unit_name(res.unit),
                        res.summary(),
                        if res.passed { "Đạt" } else { "Không đạt" }
                    );
                    result = result.push(text(line).size(15).color(if res.passed { OK } else { MUTED }));
                }
            }
            None => result = result.push(muted("Chọn hội nghị để tính kết quả.")),
        }
        if let Some(m) = p("conference") {
            result = result.push(error_text(m.to_string()));
        }
        let mut purpose = column![
            text("Mục đích").size(13),
            pick_list(purposes(r), f.purpose.clone(), Message::Purpose),
        ]
        .spacing(3);
        if let Some(m) = p("question") {
            purpose = purpose.push(error_text(m.to_string()));
        }
        let form = column![
            field(
                "Nội dung bỏ phiếu",
                "ballot-question",
                &f.question,
                Message::Question,
                p("question")
            ),
            row![
                purpose.width(Length::Fill),
                field(
                    "Số đơn vị được chọn mỗi phiếu",
                    "ballot-max",
                    &f.max_choices,
                    Message::MaxChoices,
                    p("max_choices")
                ),
                field(
                    "Giờ kiểm phiếu (hh:mm)",
                    "ballot-counted-at",
                    &f.counted_at,
                    Message::CountedAt,
                    p("counted_at")
                )
            ]
            .spacing(8),
            row![
                field(
                    "Phiếu phát ra",
                    "ballot-issued",
                    &f.counts[0],
                    Message::Issued,
                    p("issued")
                ),
                field(
                    "Phiếu thu về",
                    "ballot-returned",
                    &f.counts[1],
                    Message::Returned,
                    p("returned")
                ),
                field("Phiếu hợp lệ", "ballot-valid", &f.counts[2], Message::Valid, p("valid")),
                field(
                    "Phiếu không hợp lệ",
                    "ballot-invalid",
                    &f.counts[3],
                    Message::Invalid,
                    p("invalid")
                ),
            ]
            .spacing(8),
            panel(cands),
            panel(result),
        ]
        .spacing(10);
        column![
            row![
                heading("Bỏ phiếu kín"),
                iced::widget::space::horizontal(),
                primary("Lưu (Ctrl+S)", Some(Message::Save)),
                secondary(
                    "Xuất biên bản kiểm phiếu (Ctrl+P)",
                    (f.id != 0).then_some(Message::Export)
                ),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            row![
                scrollable(list).width(Length::FillPortion(1)),
                scrollable(form).width(Length::FillPortion(3))
            ]
            .spacing(16)
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}
