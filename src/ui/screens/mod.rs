//! One module per area of the window, each with its own `Message`, `update` and `view`. A screen
//! keeps its form state as typed (strings), so nothing typed is lost when a value is invalid.

pub mod awards;
pub mod ballots;
pub mod conferences;
pub mod leadership;
pub mod pledge;
pub mod scoring;
pub mod settings;
pub mod units;

use crate::app::exports::DocRequest;
use crate::domain::{UnitId, Year, YearRecord};
use crate::store::Store;
use chrono::NaiveDate;
use std::fmt;

/// What a screen's `update` may use.
pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub record: &'a YearRecord,
    pub today: NaiveDate,
}

/// What a screen asks of the window after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    /// Something was written: reload the year and show this status.
    Saved(String),
    /// Show this in the status line (an error the screen does not show itself).
    Status(String),
    Export(DocRequest),
    /// An Excel copy of a table of the year.
    Sheet(crate::app::sheets::Sheet, Year),
    /// Another year was written (leadership of next year…): reload the list of years too.
    SavedYear(Year, String),
    /// Work on the data file itself, which the window does.
    File(FileAction),
    /// Move the keyboard focus to this field (the next score cell, the first field of a form).
    Focus(iced::widget::Id),
    /// Several of the above, in order (a status and a focus move).
    Many(Vec<Action>),
}

/// A move of the keyboard focus asked with a key: arrows, Tab / Shift+Tab, Enter in a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Up,
    Down,
    Left,
    Right,
    Next,
    Previous,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FileAction {
    BackupNow,
    /// Restore this backup (asked for confirmation first).
    Restore(std::path::PathBuf),
    ExportBundle,
    ImportBundle,
}

/// A unit in a pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub id: UnitId,
    pub name: String,
}

impl fmt::Display for UnitChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// The year's members as pick-list choices, in the bloc's order.
pub fn member_choices(r: &YearRecord) -> Vec<UnitChoice> {
    r.member_units()
        .into_iter()
        .map(|u| UnitChoice {
            id: u.id,
            name: u.name_in_year(r.year).to_string(),
        })
        .collect()
}

pub fn choice(r: &YearRecord, id: Option<UnitId>) -> Option<UnitChoice> {
    id.map(|id| UnitChoice {
        id,
        name: r.unit_name(id),
    })
}

/// The first problem whose field is `field`, for showing beside it.
pub fn problem_for<'a>(problems: &'a [crate::domain::Problem], field: &str) -> Option<&'a str> {
    problems.iter().find(|p| p.field == field).map(|p| p.message.as_str())
}

/// Parses an optional dd/mm/yyyy date typed in a field: empty is `None`.
pub fn optional_date(s: &str) -> Result<Option<NaiveDate>, String> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        crate::domain::text::parse_date_dmy(s).map(Some)
    }
}

pub fn date_text(d: Option<NaiveDate>) -> String {
    d.map(crate::domain::text::date_dmy).unwrap_or_default()
}
