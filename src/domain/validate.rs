//! Validation: every problem of a value at once, each tied to the field it concerns, in Vietnamese.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Which field: "name", "names[1].valid_to", "deputy_unit"… so a form can show it beside the field.
    pub field: String,
    pub message: String,
}

impl Problem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The same problem seen from an enclosing value: "names[0]" + "name" → "names[0].name".
    pub fn within(self, prefix: &str) -> Self {
        Problem {
            field: format!("{prefix}.{}", self.field),
            message: self.message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Collects problems; a tiny helper so each validator reads as a list of rules.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn check(&mut self, ok: bool, field: &str, message: impl Into<String>) {
        if !ok {
            self.0.push(Problem::new(field, message));
        }
    }

    pub fn required(&mut self, value: &str, field: &str, label: &str) {
        self.check(!value.trim().is_empty(), field, format!("{label} không được để trống."));
    }

    pub fn extend_within(&mut self, prefix: &str, problems: Vec<Problem>) {
        self.0.extend(problems.into_iter().map(|p| p.within(prefix)));
    }

    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }
}

/// "end before start" for two optional dates of a range.
pub fn check_range(p: &mut Problems, from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>, field: &str) {
    if let (Some(f), Some(t)) = (from, to) {
        p.check(
            t >= f,
            field,
            format!(
                "Ngày kết thúc ({}) trước ngày bắt đầu ({}).",
                super::text::date_dmy(t),
                super::text::date_dmy(f)
            ),
        );
    }
}
