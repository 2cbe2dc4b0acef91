//! Hội nghị: the conferences of the year, a form for one (kind, date, times, place, host, chair,
//! secretary, attendance, guests, proceedings, tasks, conclusions), and its minutes as PDF.
//!
//! The prose of the minutes is typed in multi-line editors ([`prose_field`]): the body of each part
//! of the proceedings and the conclusions, where Enter starts a new paragraph, and the tasks, one
//! per line. Names, places, times and headings stay one-line fields.

use super::{choice, member_choices, problem_for, Action, Ctx, UnitChoice};
use crate::app::exports::DocRequest;
use crate::domain::text::{date_dmy, list_items, parse_date_dmy, parse_time};
use crate::domain::{
    Attendance, Conference, ConferenceId, ConferenceKind, Guest, PartOfDay, Person, Problem, Section, UnitId,
    YearRecord,
};
use crate::ui::widgets::*;
use iced::widget::{button, checkbox, column, pick_list, row, scrollable, text, text_editor, text_input};
use iced::{Element, Length};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub ConferenceKind);

impl fmt::Display for KindChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.label())
    }
}

/// Sáng / chiều / tối, or not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartChoice(pub Option<PartOfDay>);

impl PartChoice {
    fn all() -> Vec<PartChoice> {
        std::iter::once(PartChoice(None))
            .chain(PartOfDay::ALL.map(|p| PartChoice(Some(p))))
            .collect()
    }
}

impl fmt::Display for PartChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => f.write_str("Không ghi buổi"),
            Some(p) => f.write_str(match p {
                PartOfDay::Morning => "Buổi sáng",
                PartOfDay::Afternoon => "Buổi chiều",
                PartOfDay::Evening => "Buổi tối",
            }),
        }
    }
}

/// The id of the form's scrollable body.
pub const FORM_SCROLL_ID: &str = "conf-form";
/// The id of the tasks' editor (one task per line).
pub const TASKS_ID: &str = "conf-tasks";
/// The id of the conclusions' editor.
pub const NOTES_ID: &str = "conf-notes";

/// The id of the body editor of part `i` of the proceedings: "conf-section-0-body".
pub fn section_body_id(i: usize) -> String {
    format!("conf-section-{i}-body")
}

/// The id of the heading field of part `i` of the proceedings: "conf-section-0-heading".
pub fn section_heading_id(i: usize) -> String {
    format!("conf-section-{i}-heading")
}

/// The tallest a prose editor grows before it scrolls.
const PROSE_MAX_HEIGHT: f32 = 320.0;

/// A labelled multi-line field over [`Prose`], for text made of sentences: Enter starts a new line
/// (a paragraph of its own in the documents). It grows with its text from `min_height` up to
/// [`PROSE_MAX_HEIGHT`], then scrolls; its problem, if any, right under it. An empty label shows
/// none (the hint says what to type). The other screens' prose fields use it too.
pub fn prose_field<'a, M: Clone + 'a>(
    label: impl Into<String>,
    id: impl Into<iced::widget::Id>,
    content: &'a Prose,
    hint: &'a str,
    on_action: impl Fn(text_editor::Action) -> M + 'a,
    problem: Option<&str>,
    min_height: f32,
) -> Element<'a, M> {
    let editor = text_editor(&content.0)
        .id(id)
        .placeholder(hint)
        .on_action(on_action)
        .padding(6)
        .size(15)
        .min_height(min_height)
        .max_height(PROSE_MAX_HEIGHT.max(min_height));
    let label = label.into();
    let mut col = column![].spacing(3);
    if !label.is_empty() {
        col = col.push(text(label).size(13));
    }
    col = col.push(editor);
    if let Some(p) = problem {
        col = col.push(error_text(p.to_string()));
    }
    col.width(Length::Fill).into()
}

/// The problems of a form checked again after an edit, among those shown: a problem goes away as
/// soon as its field is right (or its message follows what is typed), and no new one appears
/// before the form is saved again.
pub fn recheck(shown: &[Problem], now: Vec<Problem>) -> Vec<Problem> {
    now.into_iter()
        .filter(|p| shown.iter().any(|s| s.field == p.field))
        .collect()
}

/// The hint of an editor whose lines are paragraphs.
pub const PARAGRAPHS_HINT: &str = "Nhấn Enter để xuống dòng; mỗi dòng in thành một đoạn văn.";

#[derive(Debug, Clone)]
pub enum Message {
    Select(ConferenceId),
    New,
    Kind(KindChoice),
    Title(String),
    Date(String),
    Start(String),
    End(String),
    PartOfDay(PartChoice),
    Place(String),
    Host(UnitChoice),
    ChairName(String),
    ChairPosition(String),
    SecretaryName(String),
    SecretaryPosition(String),
    AttendanceKnown(bool),
    Present(UnitId, bool),
    Representative(UnitId, String),
    RepresentativePosition(UnitId, String),
    AddGuest,
    Guest(usize, usize, String),
    RemoveGuest(usize),
    AddSection,
    SectionHeading(usize, String),
    /// An edit in the body of part `i` of the proceedings.
    SectionBody(usize, text_editor::Action),
    RemoveSection(usize),
    /// An edit in the tasks' editor (one task per line).
    Tasks(text_editor::Action),
    /// A new empty line at the end of the tasks (for a task typed next).
    AddTask,
    /// Line `i` of the tasks replaced (lines added up to it when there are fewer).
    Task(usize, String),
    /// Line `i` of the tasks removed.
    RemoveTask(usize),
    TasksCount(String),
    /// An edit in the conclusions (the notes printed under "Kết luận").
    Notes(text_editor::Action),
    Save,
    Export,
}

#[derive(Debug, Clone, Default)]
struct Form {
    id: ConferenceId,
    kind: Option<KindChoice>,
    title: String,
    date: String,
    start: String,
    end: String,
    part_of_day: PartChoice,
    place: String,
    host: Option<UnitChoice>,
    chair: (String, String, Option<UnitId>),
    secretary: (String, String, Option<UnitId>),
    attendance_known: bool,
    /// Unit, present, note, representative, representative's position.
    present: Vec<(UnitId, bool, String, String, String)>,
    guests: Vec<[String; 3]>,
    /// Heading (one line) and body (paragraphs) of each part of the proceedings.
    sections: Vec<(String, Prose)>,
    /// One task per line.
    tasks: Prose,
    tasks_count: String,
    /// The conclusions, a paragraph per line.
    notes: Prose,
}

/// The lines of the tasks' editor as typed (none when it is empty).
fn task_lines(tasks: &Prose) -> Vec<String> {
    let t = tasks.text();
    if t.is_empty() {
        Vec::new()
    } else {
        t.split('\n').map(str::to_string).collect()
    }
}

/// Performs an editor's action; whether it changed the text.
fn edit(content: &mut Prose, action: text_editor::Action) -> bool {
    let changed = action.is_edit();
    content.perform(action);
    changed
}

/// A problem of a list kept without its empty rows, moved back to the row shown on screen:
/// "sections[1].body" of the saved list is "sections[2].body" of the form when row 1 was empty.
fn renumber(p: Problem, list: &str, shown: &[usize]) -> Problem {
    let Some(rest) = p.field.strip_prefix(list).and_then(|r| r.strip_prefix('[')) else {
        return p;
    };
    let Some((index, tail)) = rest.split_once(']') else {
        return p;
    };
    match index.parse::<usize>().ok().and_then(|i| shown.get(i)) {
        Some(row) => Problem::new(format!("{list}[{row}]{tail}"), p.message),
        None => p,
    }
}

#[derive(Clone)]
pub struct Conferences {
    form: Form,
    problems: Vec<Problem>,
    dirty: bool,
}

fn form_of(r: &YearRecord, c: &Conference) -> Form {
    Form {
        id: c.id,
        kind: Some(KindChoice(c.kind)),
        title: c.title.clone(),
        date: date_dmy(c.date),
        start: c.start.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
        end: c.end.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
        part_of_day: PartChoice(c.part_of_day),
        place: c.place.clone(),
        host: choice(r, c.host_unit),
        chair: (c.chair.name.clone(), c.chair.position.clone(), c.chair.unit),
        secretary: (c.secretary.name.clone(), c.secretary.position.clone(), c.secretary.unit),
        attendance_known: c.attendance_known,
        present: r
            .member_units()
            .iter()
            .map(|u| {
                let a = c.attendance.iter().find(|a| a.unit == u.id);
                (
                    u.id,
                    a.is_some_and(|a| a.present),
                    a.map(|a| a.note.clone()).unwrap_or_default(),
                    a.map(|a| a.representative.clone()).unwrap_or_default(),
                    a.map(|a| a.representative_position.clone()).unwrap_or_default(),
                )
            })
            .collect(),
        guests: c
            .guests
            .iter()
            .map(|g| [g.name.clone(), g.position.clone(), g.body.clone()])
            .collect(),
        sections: c
            .sections
            .iter()
            .map(|s| (s.heading.clone(), Prose::new(&s.body)))
            .collect(),
        tasks: Prose::new(&c.tasks.join("\n")),
        tasks_count: c
            .tasks_count
            .filter(|_| c.tasks.is_empty())
            .map(|n| n.to_string())
            .unwrap_or_default(),
        notes: Prose::new(&c.notes),
    }
}

fn blank(r: &YearRecord) -> Form {
    Form {
        kind: Some(KindChoice(ConferenceKind::YearEnd)),
        attendance_known: true,
        present: r
            .member_units()
            .iter()
            .map(|u| (u.id, true, String::new(), String::new(), String::new()))
            .collect(),
        ..Form::default()
    }
}

impl Conferences {
    pub fn new(r: &YearRecord, selected: Option<ConferenceId>) -> Self {
        let form = match selected.and_then(|id| r.conference(id)).or(r.conferences.last()) {
            Some(c) => form_of(r, c),
            None => blank(r),
        };
        Conferences {
            form,
            problems: Vec::new(),
            dirty: false,
        }
    }

    pub fn selected(&self) -> Option<ConferenceId> {
        (self.form.id != 0).then_some(self.form.id)
    }

    pub fn dirty(&self) -> bool {
        self.dirty
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        let f = &mut self.form;
        match msg {
            Message::Select(id) => {
                if let Some(c) = ctx.record.conference(id) {
                    self.form = form_of(ctx.record, c);
                    self.problems.clear();
                    self.dirty = false;
                }
                return Action::None;
            }
            Message::New => {
                self.form = blank(ctx.record);
                self.problems.clear();
                self.dirty = false;
                return Action::None;
            }
            Message::Save => return self.save(ctx),
            Message::Export => {
                return match (self.dirty, self.selected()) {
                    (false, Some(id)) => Action::Export(DocRequest::Minutes(id)),
                    _ => Action::Status("Hãy lưu hội nghị trước khi xuất biên bản.".into()),
                };
            }
            Message::Kind(k) => f.kind = Some(k),
            Message::Title(s) => f.title = s,
            Message::Date(s) => f.date = s,
            Message::Start(s) => f.start = s,
            Message::End(s) => f.end = s,
            Message::PartOfDay(p) => f.part_of_day = p,
            Message::Place(s) => f.place = s,
            Message::Host(c) => f.host = Some(c),
            Message::ChairName(s) => f.chair.0 = s,
            Message::ChairPosition(s) => f.chair.1 = s,
            Message::SecretaryName(s) => f.secretary.0 = s,
            Message::SecretaryPosition(s) => f.secretary.1 = s,
            Message::AttendanceKnown(on) => f.attendance_known = on,
            Message::Present(id, on) => {
                if let Some(p) = f.present.iter_mut().find(|p| p.0 == id) {
                    p.1 = on;
                }
            }
            Message::Representative(id, s) => {
                if let Some(p) = f.present.iter_mut().find(|p| p.0 == id) {
                    p.3 = s;
                }
            }
            Message::RepresentativePosition(id, s) => {
                if let Some(p) = f.present.iter_mut().find(|p| p.0 == id) {
                    p.4 = s;
                }
            }
            Message::AddGuest => f.guests.push(Default::default()),
            Message::Guest(i, j, s) => f.guests[i][j] = s,
            Message::RemoveGuest(i) => {
                f.guests.remove(i);
            }
            Message::AddSection => f.sections.push(Default::default()),
            Message::SectionHeading(i, s) => f.sections[i].0 = s,
            Message::SectionBody(i, a) => {
                if !edit(&mut f.sections[i].1, a) {
                    return Action::None;
                }
            }
            Message::RemoveSection(i) => {
                f.sections.remove(i);
            }
            Message::Tasks(a) => {
                if !edit(&mut f.tasks, a) {
                    return Action::None;
                }
            }
            Message::AddTask | Message::Task(..) | Message::RemoveTask(_) => {
                let mut lines = task_lines(&f.tasks);
                match msg {
                    Message::AddTask => lines.push(String::new()),
                    Message::Task(i, s) => {
                        if lines.len() <= i {
                            lines.resize(i + 1, String::new());
                        }
                        lines[i] = s;
                    }
                    Message::RemoveTask(i) if i < lines.len() => {
                        lines.remove(i);
                    }
                    _ => {}
                }
                f.tasks = Prose::new(&lines.join("\n"));
            }
            Message::TasksCount(s) => f.tasks_count = s,
            Message::Notes(a) => {
                if !edit(&mut f.notes, a) {
                    return Action::None;
                }
            }
        }
        self.dirty = true;
        // A problem shown goes away as soon as the field is right.
        if !self.problems.is_empty() {
            self.problems = recheck(&self.problems, self.conference(ctx.record).1);
        }
        Action::None
    }

    /// The conference as typed, and every problem of it (the fields that cannot be read, then the
    /// rules), each tied to the field shown on screen. No conference when the date cannot be read.
    fn conference(&self, r: &YearRecord) -> (Option<Conference>, Vec<Problem>) {
        let mut problems = Vec::new();
        let f = &self.form;
        let date = parse_date_dmy(&f.date)
            .map_err(|e| problems.push(Problem::new("date", e)))
            .ok();
        let time = |s: &str, field: &str, problems: &mut Vec<Problem>| {
            if s.trim().is_empty() {
                None
            } else {
                parse_time(s).map_err(|e| problems.push(Problem::new(field, e))).ok()
            }
        };
        let start = time(&f.start, "start", &mut problems);
        let end = time(&f.end, "end", &mut problems);
        // One task per line; blank lines and the numbers typed before them are not tasks.
        let tasks = list_items(&f.tasks.text());
        // The count is asked only while no task is listed.
        let tasks_count = match f.tasks_count.trim() {
            _ if !tasks.is_empty() => None,
            "" => None,
            s => match s.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push(Problem::new(
                        "tasks_count",
                        "Số nhiệm vụ phải là số nguyên không âm, hoặc để trống.",
                    ));
                    None
                }
            },
        };
        let Some(date) = date else { return (None, problems) };
        let guests: Vec<usize> = (0..f.guests.len())
            .filter(|&i| f.guests[i].iter().any(|x| !x.trim().is_empty()))
            .collect();
        let sections: Vec<usize> = (0..f.sections.len())
            .filter(|&i| !f.sections[i].0.trim().is_empty() || !f.sections[i].1.text().trim().is_empty())
            .collect();
        let c = Conference {
            id: f.id,
            year: r.year,
            kind: f.kind.map_or(ConferenceKind::Other, |k| k.0),
            title: f.title.clone(),
            date,
            start,
            end,
            // An exact start time says more than the part of the day.
            part_of_day: if start.is_some() { None } else { f.part_of_day.0 },
            place: f.place.clone(),
            host_unit: f.host.as_ref().map(|h| h.id),
            chair: Person {
                name: f.chair.0.clone(),
                position: f.chair.1.clone(),
                unit: f.chair.2,
            },
            secretary: Person {
                name: f.secretary.0.clone(),
                position: f.secretary.1.clone(),
                unit: f.secretary.2,
            },
            attendance_known: f.attendance_known,
            // Attendance not fully known: only the units known to be there are recorded.
            attendance: f
                .present
                .iter()
                .filter(|(_, p, ..)| *p || f.attendance_known)
                .map(|(u, p, note, rep, rep_pos)| Attendance {
                    unit: *u,
                    present: *p,
                    note: note.clone(),
                    representative: rep.clone(),
                    representative_position: rep_pos.clone(),
                })
                .collect(),
            guests: guests
                .iter()
                .map(|&i| Guest {
                    name: f.guests[i][0].clone(),
                    position: f.guests[i][1].clone(),
                    body: f.guests[i][2].clone(),
                })
                .collect(),
            sections: sections
                .iter()
                .map(|&i| Section {
                    heading: f.sections[i].0.clone(),
                    body: f.sections[i].1.text(),
                })
                .collect(),
            tasks,
            tasks_count,
            notes: f.notes.text(),
        };
        problems.extend(
            c.problems(&r.members)
                .into_iter()
                .map(|p| renumber(renumber(p, "guests", &guests), "sections", &sections)),
        );
        (Some(c), problems)
    }

    pub fn save(&mut self, ctx: Ctx) -> Action {
        let (c, problems) = self.conference(ctx.record);
        self.problems = problems;
        let Some(mut c) = c else { return Action::None };
        if !self.problems.is_empty() {
            return Action::None;
        }
        match ctx.store.save_conference(&mut c) {
            Ok(id) => {
                self.form.id = id;
                self.dirty = false;
                Action::Saved(format!("Đã lưu hội nghị ngày {}.", date_dmy(c.date)))
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let mut list = column![subheading(format!("Hội nghị năm {}", r.year))].spacing(6);
        for c in &r.conferences {
            let label = format!("{} · {}", date_dmy(c.date), c.kind.label());
            list = list.push(
                button(column![text(label).size(14), muted(c.title.clone())])
                    .on_press(Message::Select(c.id))
                    .width(Length::Fill)
                    .style(if c.id == self.form.id {
                        button::primary
                    } else {
                        button::secondary
                    }),
            );
        }
        if r.conferences.is_empty() {
            list = list.push(muted("Chưa có hội nghị nào."));
        }
        list = list.push(primary("Hội nghị mới", Some(Message::New)));

        let f = &self.form;
        let p = |x: &str| problem_for(&self.problems, x);
        let members = member_choices(r);
        let mut attendance = column![
            subheading(if f.attendance_known {
                format!(
                    "Thành phần: có mặt {}/{}",
                    f.present.iter().filter(|p| p.1).count(),
                    f.present.len()
                )
            } else {
                "Thành phần: không ghi đủ số đơn vị có mặt".to_string()
            }),
            checkbox(f.attendance_known)
                .label("Ghi đủ đơn vị có mặt và vắng mặt (bỏ chọn khi tin bài, báo cáo không cho biết)")
                .on_toggle(Message::AttendanceKnown),
        ]
        .spacing(4);
        for (id, present, _, rep, rep_pos) in &f.present {
            let id = *id;
            attendance = attendance.push(
                row![
                    checkbox(*present)
                        .label(r.unit_name(id))
                        .on_toggle(move |on| Message::Present(id, on))
                        .width(Length::FillPortion(2)),
                    text_input("Người đại diện", rep)
                        .on_input(move |s| Message::Representative(id, s))
                        .padding(4)
                        .width(Length::FillPortion(1)),
                    text_input("Chức vụ", rep_pos)
                        .on_input(move |s| Message::RepresentativePosition(id, s))
                        .padding(4)
                        .width(Length::FillPortion(1)),
                ]
                .spacing(6),
            );
        }
        let mut guests = column![subheading("Đại biểu mời")].spacing(4);
        for (i, g) in f.guests.iter().enumerate() {
            guests = guests.push(
                row![
                    text_input("Họ tên", &g[0])
                        .on_input(move |s| Message::Guest(i, 0, s))
                        .padding(4),
                    text_input("Chức vụ", &g[1])
                        .on_input(move |s| Message::Guest(i, 1, s))
                        .padding(4),
                    text_input("Cơ quan", &g[2])
                        .on_input(move |s| Message::Guest(i, 2, s))
                        .padding(4),
                    danger("Xóa", Some(Message::RemoveGuest(i))),
                ]
                .spacing(6),
            );
            for part in ["name", "position", "body"] {
                if let Some(m) = p(&format!("guests[{i}].{part}")) {
                    guests = guests.push(error_text(m.to_string()));
                }
            }
        }
        guests = guests.push(secondary("Thêm đại biểu", Some(Message::AddGuest)));
        let mut sections = column![subheading("Diễn biến hội nghị")].spacing(4);
        for (i, (h, b)) in f.sections.iter().enumerate() {
            let mut heading = column![text_input("Tiêu đề mục", h)
                .id(iced::widget::Id::from(section_heading_id(i)))
                .on_input(move |s| Message::SectionHeading(i, s))
                .padding(4)]
            .spacing(3);
            if let Some(m) = p(&format!("sections[{i}].heading")) {
                heading = heading.push(error_text(m.to_string()));
            }
            sections = sections.push(
                row![
                    text(format!("{}.", i + 1)).width(24),
                    column![
                        heading,
                        prose_field(
                            "Nội dung",
                            iced::widget::Id::from(section_body_id(i)),
                            b,
                            PARAGRAPHS_HINT,
                            move |a| Message::SectionBody(i, a),
                            p(&format!("sections[{i}].body")),
                            96.0,
                        ),
                    ]
                    .spacing(3),
                    danger("Xóa", Some(Message::RemoveSection(i))),
                ]
                .spacing(6),
            );
        }
        sections = sections.push(secondary("Thêm mục", Some(Message::AddSection)));
        let listed = list_items(&f.tasks.text()).len();
        let mut tasks = column![
            subheading(format!("Nhiệm vụ, giải pháp trọng tâm ({listed})")),
            prose_field(
                "Mỗi dòng một nhiệm vụ (biên bản tự đánh số 1, 2, 3…)",
                TASKS_ID,
                &f.tasks,
                "Nhấn Enter để sang nhiệm vụ tiếp theo.",
                Message::Tasks,
                None,
                110.0,
            ),
        ]
        .spacing(4);
        for m in self.problems.iter().filter(|x| x.field.starts_with("tasks[")) {
            tasks = tasks.push(error_text(m.message.clone()));
        }
        if listed == 0 {
            tasks = tasks.push(field(
                "Hoặc chỉ ghi số nhiệm vụ (khi không có danh sách)",
                "conf-tasks-count",
                &f.tasks_count,
                Message::TasksCount,
                p("tasks_count"),
            ));
        }
        let conclusions = column![
            subheading("Kết luận"),
            prose_field(
                "In ở mục \u{201c}Kết luận\u{201d} của biên bản, sau các nhiệm vụ",
                NOTES_ID,
                &f.notes,
                PARAGRAPHS_HINT,
                Message::Notes,
                p("notes"),
                96.0,
            ),
        ]
        .spacing(4);

        let mut host = column![
            text("Đơn vị đăng cai").size(13),
            pick_list(members, f.host.clone(), Message::Host).placeholder("Chọn đơn vị")
        ]
        .spacing(3);
        if let Some(m) = p("host_unit") {
            host = host.push(error_text(m.to_string()));
        }
        let form = column![
            row![
                column![
                    text("Loại hội nghị").size(13),
                    pick_list(ConferenceKind::ALL.map(KindChoice).to_vec(), f.kind, Message::Kind),
                ]
                .spacing(3)
                .width(Length::Fill),
                field("Ngày họp (dd/mm/yyyy)", "conf-date", &f.date, Message::Date, p("date")),
                field("Bắt đầu (hh:mm)", "conf-start", &f.start, Message::Start, p("start")),
                field("Kết thúc (hh:mm)", "conf-end", &f.end, Message::End, p("end")),
                column![
                    text("Buổi (khi không rõ giờ)").size(13),
                    pick_list(PartChoice::all(), Some(f.part_of_day), Message::PartOfDay),
                ]
                .spacing(3)
                .width(Length::Fill),
            ]
            .spacing(8),
            field("Tên hội nghị", "conf-title", &f.title, Message::Title, p("title")),
            row![
                field("Địa điểm", "conf-place", &f.place, Message::Place, p("place")),
                host
            ]
            .spacing(8),
            row![
                field("Chủ trì", "conf-chair", &f.chair.0, Message::ChairName, p("chair.name")),
                field(
                    "Chức vụ chủ trì",
                    "conf-chair-pos",
                    &f.chair.1,
                    Message::ChairPosition,
                    p("chair.position")
                ),
            ]
            .spacing(8),
            row![
                field(
                    "Thư ký",
                    "conf-secretary",
                    &f.secretary.0,
                    Message::SecretaryName,
                    p("secretary.name")
                ),
                field(
                    "Chức vụ thư ký",
                    "conf-secretary-pos",
                    &f.secretary.1,
                    Message::SecretaryPosition,
                    p("secretary.position")
                ),
            ]
            .spacing(8),
            panel(attendance),
            panel(guests),
            panel(sections),
            panel(tasks),
            panel(conclusions),
        ]
        .spacing(10);
        column![
            row![
                heading(if f.id == 0 {
                    "Hội nghị mới".to_string()
                } else {
                    "Hội nghị".to_string()
                }),
                iced::widget::space::horizontal(),
                primary("Lưu (Ctrl+S)", Some(Message::Save)),
                secondary("Xuất biên bản (Ctrl+P)", (f.id != 0).then_some(Message::Export)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            row![
                scrollable(list).width(Length::FillPortion(1)),
                scrollable(form).id(FORM_SCROLL_ID).width(Length::FillPortion(3)),
            ]
            .spacing(16)
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}
