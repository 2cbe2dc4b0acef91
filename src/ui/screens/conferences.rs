//! Hội nghị: the conferences of the year, a form for one (kind, date, times, place, host, chair,
//! secretary, attendance, guests, proceedings, tasks), and its minutes as PDF.

use super::{choice, member_choices, problem_for, Action, Ctx, UnitChoice};
use crate::domain::text::{date_dmy, parse_date_dmy, parse_time};
use crate::domain::{
    Attendance, Conference, ConferenceId, ConferenceKind, Guest, PartOfDay, Person, Problem, Section, UnitId,
    YearRecord,
};
use crate::exports::DocRequest;
use crate::ui::widgets::*;
use iced::widget::{button, checkbox, column, pick_list, row, scrollable, text, text_input};
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
    SectionBody(usize, String),
    RemoveSection(usize),
    AddTask,
    Task(usize, String),
    RemoveTask(usize),
    TasksCount(String),
    Notes(String),
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
    sections: Vec<(String, String)>,
    tasks: Vec<String>,
    tasks_count: String,
    notes: String,
}

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
        sections: c.sections.iter().map(|s| (s.heading.clone(), s.body.clone())).collect(),
        tasks: c.tasks.clone(),
        tasks_count: c
            .tasks_count
            .filter(|_| c.tasks.is_empty())
            .map(|n| n.to_string())
            .unwrap_or_default(),
        notes: c.notes.clone(),
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
            Message::SectionBody(i, s) => f.sections[i].1 = s,
            Message::RemoveSection(i) => {
                f.sections.remove(i);
            }
            Message::AddTask => f.tasks.push(String::new()),
            Message::Task(i, s) => f.tasks[i] = s,
            Message::RemoveTask(i) => {
                f.tasks.remove(i);
            }
            Message::TasksCount(s) => f.tasks_count = s,
            Message::Notes(s) => f.notes = s,
        }
        self.dirty = true;
        Action::None
    }

    pub fn save(&mut self, ctx: Ctx) -> Action {
        self.problems.clear();
        let f = &self.form;
        let date = parse_date_dmy(&f.date)
            .map_err(|e| self.problems.push(Problem::new("date", e)))
            .ok();
        let time = |s: &str, field: &str, problems: &mut Vec<Problem>| {
            if s.trim().is_empty() {
                None
            } else {
                parse_time(s).map_err(|e| problems.push(Problem::new(field, e))).ok()
            }
        };
        let start = time(&f.start, "start", &mut self.problems);
        let end = time(&f.end, "end", &mut self.problems);
        let tasks: Vec<String> = f.tasks.iter().filter(|t| !t.trim().is_empty()).cloned().collect();
        let tasks_count = match f.tasks_count.trim() {
            "" => None,
            s => match s.parse::<u32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    self.problems.push(Problem::new(
                        "tasks_count",
                        "Số nhiệm vụ phải là số nguyên không âm, hoặc để trống.",
                    ));
                    None
                }
            },
        };
        let Some(date) = date else { return Action::None };
        let mut c = Conference {
            id: f.id,
            year: ctx.record.year,
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
            guests: f
                .guests
                .iter()
                .filter(|g| g.iter().any(|x| !x.trim().is_empty()))
                .map(|g| Guest {
                    name: g[0].clone(),
                    position: g[1].clone(),
                    body: g[2].clone(),
                })
                .collect(),
            sections: f
                .sections
                .iter()
                .filter(|s| !s.0.trim().is_empty() || !s.1.trim().is_empty())
                .map(|(h, b)| Section {
                    heading: h.clone(),
                    body: b.clone(),
                })
                .collect(),
            tasks,
            tasks_count,
            notes: f.notes.clone(),
        };
        self.problems.extend(c.problems(&ctx.record.members));
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
            if let Some(m) = p(&format!("guests[{i}].name")) {
                guests = guests.push(error_text(m.to_string()));
            }
        }
        guests = guests.push(secondary("Thêm đại biểu", Some(Message::AddGuest)));
        let mut sections = column![subheading("Diễn biến hội nghị")].spacing(4);
        for (i, (h, b)) in f.sections.iter().enumerate() {
            sections = sections.push(
                row![
                    text(format!("{}.", i + 1)).width(24),
                    column![
                        text_input("Tiêu đề mục", h)
                            .on_input(move |s| Message::SectionHeading(i, s))
                            .padding(4),
                        text_input("Nội dung", b)
                            .on_input(move |s| Message::SectionBody(i, s))
                            .padding(4),
                    ]
                    .spacing(3),
                    danger("Xóa", Some(Message::RemoveSection(i))),
                ]
                .spacing(6),
            );
        }
        sections = sections.push(secondary("Thêm mục", Some(Message::AddSection)));
        let mut tasks = column![subheading(format!("Nhiệm vụ, giải pháp trọng tâm ({})", f.tasks.len()))].spacing(4);
        for (i, t) in f.tasks.iter().enumerate() {
            tasks = tasks.push(
                row![
                    text(format!("{}.", i + 1)).width(24),
                    text_input("Nhiệm vụ", t)
                        .on_input(move |s| Message::Task(i, s))
                        .padding(4),
                    danger("Xóa", Some(Message::RemoveTask(i))),
                ]
                .spacing(6),
            );
            if let Some(m) = p(&format!("tasks[{i}]")) {
                tasks = tasks.push(error_text(m.to_string()));
            }
        }
        tasks = tasks.push(secondary("Thêm nhiệm vụ", Some(Message::AddTask)));
        if f.tasks.is_empty() {
            tasks = tasks.push(field(
                "Hoặc chỉ ghi số nhiệm vụ (khi không có danh sách)",
                "conf-tasks-count",
                &f.tasks_count,
                Message::TasksCount,
                p("tasks_count"),
            ));
        }

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
                    None
                ),
            ]
            .spacing(8),
            row![
                field("Thư ký", "conf-secretary", &f.secretary.0, Message::SecretaryName, None),
                field(
                    "Chức vụ thư ký",
                    "conf-secretary-pos",
                    &f.secretary.1,
                    Message::SecretaryPosition,
                    None
                ),
            ]
            .spacing(8),
            panel(attendance),
            panel(guests),
            panel(sections),
            panel(tasks),
            field("Ghi chú", "conf-notes", &f.notes, Message::Notes, None),
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
                scrollable(form).width(Length::FillPortion(3)),
            ]
            .spacing(16)
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}
