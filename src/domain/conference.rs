//! Conferences: phát động / ký giao ước, sơ kết 6 tháng, tổng kết, and others, with what minutes record.

use super::text::time_in_words;
use super::validate::{Problem, Problems};
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
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Guest {
    pub name: String,
    pub position: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Section {
    pub heading: String,
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
    pub place: String,
    pub host_unit: Option<UnitId>,
    pub chair: Person,
    pub secretary: Person,
    pub attendance: Vec<Attendance>,
    pub guests: Vec<Guest>,
    /// The proceedings in order.
    pub sections: Vec<Section>,
    /// "6 nhiệm vụ, giải pháp trọng tâm".
    pub tasks: Vec<String>,
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

    pub fn problems(&self, members: &[UnitId]) -> Vec<Problem> {
        let mut p = Problems::default();
        p.required(&self.title, "title", "Tên hội nghị");
        p.required(&self.place, "place", "Địa điểm");
        p.required(&self.chair.name, "chair.name", "Chủ trì");
        p.check(
            (self.year..=self.year + 1).contains(&self.date.year()),
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
        }
        for (i, g) in self.guests.iter().enumerate() {
            p.required(&g.name, &format!("guests[{i}].name"), "Họ tên đại biểu");
        }
        for (i, t) in self.tasks.iter().enumerate() {
            p.required(t, &format!("tasks[{i}]"), &format!("Nhiệm vụ {}", i + 1));
        }
        p.into_vec()
    }
}
