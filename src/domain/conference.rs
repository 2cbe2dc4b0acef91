//! Conferences: phát động / ký giao ước, sơ kết 6 tháng, tổng kết, and others, with what minutes record.

use super::text::time_in_words;
use super::validate::{Problem, Problems, TextKind};
use super::{ConferenceId, UnitId, Year};
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum ConferenceKind {
    /// Hội nghị phát động, ký kết giao ước thi đua.
    Launch,
    /// Hội nghị sơ kết 6 tháng.
    MidYear,
    /// Hội nghị tổng kết.
    YearEnd,
    Other,
}

impl ConferenceKind {
    pub const ALL: [ConferenceKind; 4] = [
        ConferenceKind::Launch,
        ConferenceKind::MidYear,
        ConferenceKind::YearEnd,
        ConferenceKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ConferenceKind::Launch => "Phát động, ký kết giao ước thi đua",
            ConferenceKind::MidYear => "Sơ kết 6 tháng",
            ConferenceKind::YearEnd => "Tổng kết",
            ConferenceKind::Other => "Khác",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ConferenceKind::Launch => "launch",
            ConferenceKind::MidYear => "mid_year",
            ConferenceKind::YearEnd => "year_end",
            ConferenceKind::Other => "other",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Part of the day a conference was held, for a report that gives no exact time ("Sáng 16.12").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
}

impl PartOfDay {
    pub const ALL: [PartOfDay; 3] = [PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Evening];

    /// "sáng", "chiều", "tối".
    pub fn word(self) -> &'static str {
        match self {
            PartOfDay::Morning => "sáng",
            PartOfDay::Afternoon => "chiều",
            PartOfDay::Evening => "tối",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "morning",
            PartOfDay::Afternoon => "afternoon",
            PartOfDay::Evening => "evening",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Person {
    pub name: String,
    pub position: String,
    pub unit: Option<UnitId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Attendance {
    pub unit: UnitId,
    pub present: bool,
    /// Who represented the unit, or why it was absent.
    #[serde(default)]
    pub note: String,
    /// The representative's name, when recorded.
    #[serde(default)]
    pub representative: String,
    /// The representative's position, when recorded.
    #[serde(default)]
    pub representative_position: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Guest {
    pub name: String,
    pub position: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Section {
    // One line.
    pub heading: String,
    // Prose: its paragraphs separated by "\n", each printed as a paragraph of its own. (Plain
    // comments: doc comments would change the published bundle schema.)
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Conference {
    pub id: ConferenceId,
    /// The emulation year the conference concerns (a tổng kết of 2020 held in January 2021 has year 2020).
    pub year: Year,
    pub kind: ConferenceKind,
    pub title: String,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    /// Sáng / chiều / tối, when the report gives no exact start time.
    #[serde(default)]
    pub part_of_day: Option<PartOfDay>,
    pub place: String,
    pub host_unit: Option<UnitId>,
    pub chair: Person,
    pub secretary: Person,
    /// Whether `attendance` is the full record of who was present and absent. When it is not
    /// (a news report that names some units, or none), the documents print no count.
    #[serde(default = "yes")]
    pub attendance_known: bool,
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    #[serde(default)]
    pub guests: Vec<Guest>,
    /// The proceedings in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// "6 nhiệm vụ, giải pháp trọng tâm".
    // One line each (typed one per line), numbered when printed.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// How many tasks were agreed, when they are counted but not listed ("7 nhiệm vụ, giải pháp").
    #[serde(default)]
    pub tasks_count: Option<u32>,
    // The conclusions (kết luận) beside the tasks: prose, its paragraphs separated by "\n",
    // printed under "Kết luận" in the minutes.
    #[serde(default)]
    pub notes: String,
}

impl Conference {
    pub fn present_units(&self) -> impl Iterator<Item = UnitId> + '_ {
        self.attendance.iter().filter(|a| a.present).map(|a| a.unit)
    }

    pub fn absent_units(&self) -> impl Iterator<Item = UnitId> + '_ {
        self.attendance.iter().filter(|a| !a.present).map(|a| a.unit)
    }

    pub fn present_count(&self) -> usize {
        self.present_units().count()
    }

    /// "Vào lúc 8 giờ 00 phút, ngày …", when the start time is known.
    pub fn start_words(&self) -> Option<String> {
        self.start.map(time_in_words)
    }

    /// How many tasks were agreed: the listed ones, or the count recorded without the list.
    pub fn task_count(&self) -> Option<usize> {
        if self.tasks.is_empty() {
            self.tasks_count.map(|n| n as usize)
        } else {
            Some(self.tasks.len())
        }
    }

    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.year(self.year, "year");
        p.required_text(&self.title, "title", "Tên hội nghị", TextKind::Line);
        p.required_text(&self.place, "place", "Địa điểm", TextKind::Name);
        // A chair the report does not name is left to fill by hand on the printed minutes.
        p.text(&self.chair.name, "chair.name", "Chủ trì", TextKind::Name);
        p.text(
            &self.chair.position,
            "chair.position",
            "Chức vụ người chủ trì",
            TextKind::Name,
        );
        p.text(&self.secretary.name, "secretary.name", "Thư ký", TextKind::Name);
        p.text(
            &self.secretary.position,
            "secretary.position",
            "Chức vụ thư ký",
            TextKind::Name,
        );
        p.text(&self.notes, "notes", "Kết luận của hội nghị", TextKind::Prose);
        p.check(
            (self.year..=self.year.saturating_add(1)).contains(&self.date.year()),
            "date",
            format!("Ngày họp phải thuộc năm {} hoặc đầu năm sau.", self.year),
        );
        if let (Some(s), Some(e)) = (self.start, self.end) {
            p.check(e > s, "end", "Giờ kết thúc phải sau giờ bắt đầu.");
        }
        if let Some(h) = self.host_unit {
            p.check(
                members.contains(&h),
                "host_unit",
                "Đơn vị đăng cai không phải là thành viên của khối.",
            );
        }
        for (i, a) in self.attendance.iter().enumerate() {
            p.check(
                members.contains(&a.unit),
                &format!("attendance[{i}].unit"),
                format!("Đơn vị không phải là thành viên của khối năm {}.", self.year),
            );
            if self.attendance[..i].iter().any(|o| o.unit == a.unit) {
                p.check(
                    false,
                    &format!("attendance[{i}].unit"),
                    "Đơn vị được ghi điểm danh hai lần.",
                );
            }
            p.text(
                &a.note,
                &format!("attendance[{i}].note"),
                "Ghi chú điểm danh",
                TextKind::Line,
            );
            p.text(
                &a.representative,
                &format!("attendance[{i}].representative"),
                "Người đại diện",
                TextKind::Name,
            );
            p.text(
                &a.representative_position,
                &format!("attendance[{i}].representative_position"),
                "Chức vụ người đại diện",
                TextKind::Name,
            );
        }
        for (i, g) in self.guests.iter().enumerate() {
            let f = format!("guests[{i}]");
            p.required_text(&g.name, &format!("{f}.name"), "Họ tên đại biểu", TextKind::Name);
            p.text(
                &g.position,
                &format!("{f}.position"),
                "Chức vụ đại biểu",
                TextKind::Name,
            );
            p.text(&g.body, &format!("{f}.body"), "Cơ quan của đại biểu", TextKind::Name);
        }
        for (i, s) in self.sections.iter().enumerate() {
            let f = format!("sections[{i}]");
            p.text(&s.heading, &format!("{f}.heading"), "Tiêu đề phần", TextKind::Line);
            p.text(&s.body, &format!("{f}.body"), "Nội dung phần", TextKind::Prose);
        }
        if let Some(n) = self.tasks_count {
            p.count(n, "tasks_count", "Số nhiệm vụ, giải pháp");
            p.check(
                self.tasks.is_empty() || self.tasks.len() == n as usize,
                "tasks_count",
                format!(
                    "Số nhiệm vụ ghi là {n} nhưng danh sách có {} nhiệm vụ.",
                    self.tasks.len()
                ),
            );
        }
        for (i, t) in self.tasks.iter().enumerate() {
            p.required_text(
                t,
                &format!("tasks[{i}]"),
                &format!("Nhiệm vụ {}", i + 1),
                TextKind::Line,
            );
        }
        p.into_vec()
    }
}
