//! Member units: names, short names and heads are valid over date ranges, because agencies are
//! renamed, reorganised and merged (2025: provinces merged, courts reorganised).

use super::text::{compare_vi, date_dmy};
use super::validate::{check_range, Problem, Problems, TextKind, PRECEDENCE_MAX};
use super::{UnitId, Year};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnitName {
    /// "Viện Kiểm sát nhân dân tỉnh".
    pub name: String,
    /// "VKSND tỉnh".
    pub short_name: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnitHead {
    pub name: String,
    /// "Viện trưởng", "Giám đốc", "Cục trưởng"…
    pub position: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unit {
    pub id: UnitId,
    /// The bloc's official order of precedence: 1 first.
    pub precedence: i32,
    /// In order of `valid_from`; the last one without `valid_to` is the current name.
    pub names: Vec<UnitName>,
    #[serde(default)]
    pub heads: Vec<UnitHead>,
    pub merged_into: Option<UnitId>,
    pub merged_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
}

fn covers(from: Option<NaiveDate>, to: Option<NaiveDate>, d: NaiveDate) -> bool {
    from.is_none_or(|f| f <= d) && to.is_none_or(|t| d <= t)
}

impl Unit {
    /// A new unit with one open-ended name.
    pub fn new(name: &str, short_name: &str, precedence: i32) -> Self {
        Unit {
            id: 0,
            precedence,
            names: vec![UnitName {
                name: super::text::nfc(name),
                short_name: super::text::nfc(short_name),
                valid_from: None,
                valid_to: None,
            }],
            heads: Vec::new(),
            merged_into: None,
            merged_on: None,
            note: String::new(),
        }
    }

    /// The name in force on `d`; before the first range, the first name; after the last, the last.
    pub fn name_on(&self, d: NaiveDate) -> Option<&UnitName> {
        self.names
            .iter()
            .find(|n| covers(n.valid_from, n.valid_to, d))
            .or_else(|| self.names.iter().rev().find(|n| n.valid_from.is_none_or(|f| f <= d)))
            .or_else(|| self.names.first())
    }

    /// The latest name (the one a list shows today).
    pub fn current_name(&self) -> &str {
        self.names.last().map(|n| n.name.as_str()).unwrap_or("")
    }

    pub fn current_short_name(&self) -> &str {
        self.names.last().map(|n| n.short_name.as_str()).unwrap_or("")
    }

    /// The name used in documents of `year` (as of 31 December, or the last name it had).
    pub fn name_in_year(&self, year: i32) -> &str {
        NaiveDate::from_ymd_opt(year, 12, 31)
            .and_then(|d| self.name_on(d))
            .map(|n| n.name.as_str())
            .unwrap_or("")
    }

    pub fn head_on(&self, d: NaiveDate) -> Option<&UnitHead> {
        self.heads.iter().rev().find(|h| covers(h.valid_from, h.valid_to, d))
    }

    /// Renames from `from` on: closes the current name the day before and opens the new one.
    pub fn rename(&mut self, name: &str, short_name: &str, from: NaiveDate) {
        if let Some(last) = self.names.last_mut() {
            if last.valid_to.is_none() {
                last.valid_to = from.pred_opt();
            }
        }
        self.names.push(UnitName {
            name: super::text::nfc(name),
            short_name: super::text::nfc(short_name),
            valid_from: Some(from),
            valid_to: None,
        });
    }

    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Problems::default();
        p.check(!self.names.is_empty(), "names", "Đơn vị phải có ít nhất một tên.");
        p.check(self.precedence >= 0, "precedence", "Thứ tự không được âm.");
        p.check(
            self.precedence <= PRECEDENCE_MAX,
            "precedence",
            format!("Thứ tự {} vượt giới hạn {PRECEDENCE_MAX}.", self.precedence),
        );
        for (i, n) in self.names.iter().enumerate() {
            let f = format!("names[{i}]");
            p.required_text(&n.name, &format!("{f}.name"), "Tên đơn vị", TextKind::Name);
            p.required_text(
                &n.short_name,
                &format!("{f}.short_name"),
                "Tên viết tắt",
                TextKind::Name,
            );
            p.date(n.valid_from, &format!("{f}.valid_from"), "Ngày bắt đầu dùng tên");
            p.date(n.valid_to, &format!("{f}.valid_to"), "Ngày thôi dùng tên");
            check_range(&mut p, n.valid_from, n.valid_to, &format!("{f}.valid_to"));
        }
        for pair in self.names.windows(2) {
            if let (Some(end), Some(start)) = (pair[0].valid_to, pair[1].valid_from) {
                p.check(
                    start > end,
                    "names",
                    format!(
                        "Hai tên \u{201c}{}\u{201d} và \u{201c}{}\u{201d} có thời gian hiệu lực chồng nhau ({}).",
                        pair[0].name,
                        pair[1].name,
                        date_dmy(start)
                    ),
                );
            }
        }
        for (i, h) in self.heads.iter().enumerate() {
            let f = format!("heads[{i}]");
            p.required_text(&h.name, &format!("{f}.name"), "Họ tên thủ trưởng", TextKind::Name);
            p.required_text(&h.position, &format!("{f}.position"), "Chức vụ", TextKind::Name);
            p.date(h.valid_from, &format!("{f}.valid_from"), "Ngày bắt đầu giữ chức");
            p.date(h.valid_to, &format!("{f}.valid_to"), "Ngày thôi giữ chức");
            check_range(&mut p, h.valid_from, h.valid_to, &format!("{f}.valid_to"));
        }
        p.check(
            self.merged_into.is_none() || self.merged_into != Some(self.id) || self.id == 0,
            "merged_into",
            "Một đơn vị không thể sáp nhập vào chính nó.",
        );
        p.check(
            self.merged_into.is_some() == self.merged_on.is_some(),
            "merged_on",
            "Sáp nhập cần cả đơn vị tiếp nhận và ngày sáp nhập.",
        );
        p.date(self.merged_on, "merged_on", "Ngày sáp nhập");
        p.text(&self.note, "note", "Ghi chú", TextKind::Prose);
        p.into_vec()
    }
}

/// The chain of merges from `start` when it comes back to `start` (A → B → A, or A → A): the units
/// of the cycle in order, `start` first. `merged_into` gives each unit's merge target.
pub fn merge_cycle(start: UnitId, merged_into: impl Fn(UnitId) -> Option<UnitId>) -> Option<Vec<UnitId>> {
    let mut chain = vec![start];
    let mut at = start;
    while let Some(next) = merged_into(at) {
        if next == start {
            return Some(chain);
        }
        if chain.contains(&next) {
            return None; // a cycle further on, not through `start`: reported from its own units
        }
        chain.push(next);
        at = next;
    }
    None
}

/// Problems of the merges of a set of units: a target that is not among them, and merge cycles
/// (A merged into B merged into A), each cycle reported once, on its unit of smallest id.
pub fn merge_problems(units: &[Unit]) -> Vec<Problem> {
    let target = |id: UnitId| units.iter().find(|u| u.id == id).and_then(|u| u.merged_into);
    let name = |id: UnitId| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| format!("\u{201c}{}\u{201d}", u.current_name()))
            .unwrap_or_else(|| format!("#{id}"))
    };
    let mut p = Vec::new();
    for u in units {
        let Some(to) = u.merged_into else { continue };
        let field = format!("units[{}].merged_into", u.id);
        if !units.iter().any(|o| o.id == to) {
            p.push(Problem::new(
                field,
                format!(
                    "Đơn vị tiếp nhận (#{to}) của {} không có trong danh sách đơn vị. Hãy chọn lại đơn vị tiếp nhận.",
                    name(u.id)
                ),
            ));
            continue;
        }
        if let Some(cycle) = merge_cycle(u.id, target) {
            if cycle.iter().min() == Some(&u.id) {
                let path: Vec<String> = cycle.iter().chain([&u.id]).map(|&id| name(id)).collect();
                p.push(Problem::new(
                    field,
                    format!(
                        "Sáp nhập vòng tròn: {}. Một đơn vị không thể (gián tiếp) sáp nhập vào chính nó; hãy bỏ một lần sáp nhập.",
                        path.join(" → ")
                    ),
                ));
            }
        }
    }
    p
}

/// Problems that concern several units together: two units with the same short name.
pub fn duplicate_short_names(units: &[Unit]) -> Vec<Problem> {
    // Each short name folded once and grouped: linear in units (a 500-unit bloc is checked for
    // each of its years), the problems in the order of the pairs (a before b in `units`).
    let mut groups: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    let folded: Vec<Option<String>> = units
        .iter()
        .map(|u| {
            Some(u.current_short_name())
                .filter(|s| !s.is_empty())
                .map(super::text::fold)
        })
        .collect();
    for (i, f) in folded.iter().enumerate() {
        if let Some(f) = f {
            groups.entry(f.clone()).or_default().push(i);
        }
    }
    let mut p = Vec::new();
    for (i, a) in units.iter().enumerate() {
        let Some(group) = folded[i].as_ref().and_then(|f| groups.get(f)) else {
            continue;
        };
        for &j in group.iter().filter(|&&j| j > i) {
            let b = &units[j];
            p.push(Problem::new(
                format!("units[{}].short_name", b.id),
                format!(
                    "Tên viết tắt \u{201c}{}\u{201d} trùng với đơn vị \u{201c}{}\u{201d}.",
                    b.current_short_name(),
                    a.current_name()
                ),
            ));
        }
    }
    p
}

/// The bloc's order: precedence first, then Vietnamese alphabetical order of the current name.
pub fn by_precedence(a: &Unit, b: &Unit) -> Ordering {
    a.precedence
        .cmp(&b.precedence)
        .then_with(|| compare_vi(a.current_name(), b.current_name()))
}

/// How the head of a unit changes in the edit form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HeadChange {
    /// The head in office was typed wrong: correct the name and position, keep the dates.
    #[default]
    Correct,
    /// Another person heads the unit from a date: the head in office ends the day before.
    NewFrom,
}

impl Unit {
    /// The head shown as "today's": the latest one recorded.
    pub fn current_head(&self) -> Option<&UnitHead> {
        self.heads.last()
    }

    /// Corrects the head in office (a typing mistake): the latest head's name and position keep
    /// their dates. A unit without a head gets one, without dates.
    pub fn correct_head(&mut self, name: &str, position: &str) {
        let (name, position) = (super::text::nfc(name), super::text::nfc(position));
        match self.heads.last_mut() {
            Some(h) => {
                h.name = name;
                h.position = position;
            }
            None => self.heads.push(UnitHead {
                name,
                position,
                valid_from: None,
                valid_to: None,
            }),
        }
    }

    /// Why a new head cannot take office on `from`: the head in office started on or after it.
    pub fn new_head_problem(&self, from: NaiveDate) -> Option<String> {
        let last = self.heads.last()?;
        let started = last.valid_from.filter(|&f| f >= from);
        let ended = last.valid_to.filter(|&t| t >= from);
        match (started, ended) {
            (Some(f), _) => Some(format!(
                "{} {} giữ chức từ ngày {}: ngày nhận chức của thủ trưởng mới phải sau ngày đó. \
                 Nếu chỉ ghi nhầm tên, hãy chọn \u{201c}Sửa thủ trưởng hiện tại\u{201d}.",
                last.position,
                last.name,
                date_dmy(f)
            )),
            (None, Some(t)) => Some(format!(
                "{} {} giữ chức đến ngày {}: ngày nhận chức của thủ trưởng mới phải sau ngày đó.",
                last.position,
                last.name,
                date_dmy(t)
            )),
            (None, None) => None,
        }
    }

    /// A new head from `from` on: the head in office (if still open) ends the day before.
    /// Check [`Unit::new_head_problem`] first.
    pub fn new_head(&mut self, name: &str, position: &str, from: NaiveDate) {
        if let Some(last) = self.heads.last_mut() {
            if last.valid_to.is_none() {
                last.valid_to = from.pred_opt();
            }
        }
        self.heads.push(UnitHead {
            name: super::text::nfc(name),
            position: super::text::nfc(position),
            valid_from: Some(from),
            valid_to: None,
        });
    }

    /// Corrects the short name in use (not a renaming: the dates of the name stay).
    pub fn set_short_name(&mut self, short_name: &str) {
        if let Some(n) = self.names.last_mut() {
            n.short_name = super::text::nfc(short_name);
        }
    }
}

/// How two unit names compare for a clash: case and spacing ignored, diacritics kept (they make
/// different words in Vietnamese).
fn name_key(s: &str) -> String {
    super::text::nfc(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How two short names compare for a clash: as [`duplicate_short_names`] compares them.
fn short_key(s: &str) -> String {
    super::text::fold(s.trim())
}

/// The unit among `units`, other than `except`, whose current name is `name`.
pub fn unit_named<'a>(units: &'a [Unit], except: UnitId, name: &str) -> Option<&'a Unit> {
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    units
        .iter()
        .find(|u| u.id != except && name_key(u.current_name()) == key)
}

/// The unit among `units`, other than `except`, whose current short name is `short`.
pub fn unit_short_named<'a>(units: &'a [Unit], except: UnitId, short: &str) -> Option<&'a Unit> {
    let key = short_key(short);
    if key.is_empty() {
        return None;
    }
    units
        .iter()
        .find(|u| u.id != except && short_key(u.current_short_name()) == key)
}

/// Problems of adding `new` units beside the `existing` ones: a name or short name already used
/// by a unit of the file or by another new unit. Each problem comes with the index of the new
/// unit it concerns; `label(i)` names the i-th new unit in a message ("dòng 3").
pub fn clash_problems(existing: &[Unit], new: &[Unit], label: impl Fn(usize) -> String) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    for (i, u) in new.iter().enumerate() {
        let (name, short) = (u.current_name(), u.current_short_name());
        if let Some(o) = unit_named(existing, 0, name) {
            out.push((
                i,
                Problem::new(
                    "names[0].name",
                    format!("Đã có đơn vị \u{201c}{}\u{201d} trong khối.", o.current_name()),
                ),
            ));
        } else if let Some(j) = new[..i]
            .iter()
            .position(|o| !name_key(name).is_empty() && name_key(o.current_name()) == name_key(name))
        {
            out.push((i, Problem::new("names[0].name", format!("Trùng tên với {}.", label(j)))));
        }
        if let Some(o) = unit_short_named(existing, 0, short) {
            out.push((
                i,
                Problem::new(
                    "names[0].short_name",
                    format!(
                        "Tên viết tắt \u{201c}{}\u{201d} trùng với đơn vị \u{201c}{}\u{201d}.",
                        short,
                        o.current_name()
                    ),
                ),
            ));
        } else if let Some(j) = new[..i]
            .iter()
            .position(|o| !short_key(short).is_empty() && short_key(o.current_short_name()) == short_key(short))
        {
            out.push((
                i,
                Problem::new(
                    "names[0].short_name",
                    format!("Tên viết tắt \u{201c}{short}\u{201d} trùng với {}.", label(j)),
                ),
            ));
        }
    }
    out
}

/// The columns of a list of units pasted from a spreadsheet, in order.
pub const PASTE_COLUMNS: [&str; 4] = ["Tên đơn vị", "Tên viết tắt", "Thủ trưởng", "Chức vụ"];

/// One row of a pasted list of units.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedRow {
    /// The line of the pasted text the row starts on, from 1.
    pub line: usize,
    pub unit: Unit,
    /// What is wrong with the row, in Vietnamese; empty when it can be added.
    pub problems: Vec<String>,
}

/// A list of units pasted from a spreadsheet (tab-separated), read and checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PastedUnits {
    /// Whether the first row was a header row (skipped).
    pub header: bool,
    pub rows: Vec<PastedRow>,
}

impl PastedUnits {
    /// Whether every row can be added (and there is at least one).
    pub fn ready(&self) -> bool {
        !self.rows.is_empty() && self.rows.iter().all(|r| r.problems.is_empty())
    }

    pub fn rows_with_problems(&self) -> impl Iterator<Item = &PastedRow> {
        self.rows.iter().filter(|r| !r.problems.is_empty())
    }
}

/// The cells of tab-separated text as a spreadsheet copies it: rows on lines, cells split by tabs,
/// a cell holding a tab, a line break or a quote written in double quotes ("" for a quote). Each
/// row comes with the line it starts on (from 1).
pub fn split_tab_separated(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut rows = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut line, mut start) = (1, 1);
    let (mut quoted, mut cell_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                '\r' => {}
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell_start => {
                quoted = true;
                cell_start = false;
            }
            '\t' => {
                cells.push(std::mem::take(&mut cell));
                cell_start = true;
            }
            '\r' => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                rows.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
                cell_start = true;
            }
            _ => {
                cell.push(c);
                cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        rows.push((start, cells));
    }
    rows
}

/// Whether a cell is the title of a column of a unit list ("Tên đơn vị", "STT", "Chức vụ"…).
fn header_cell(cell: &str) -> bool {
    matches!(
        super::text::fold(cell.trim()).trim_end_matches(':'),
        "stt"
            | "tt"
            | "so tt"
            | "ten don vi"
            | "don vi"
            | "ten"
            | "ten co quan"
            | "co quan"
            | "co quan, don vi"
            | "ten viet tat"
            | "viet tat"
            | "ten tat"
            | "thu truong"
            | "ho ten thu truong"
            | "ho va ten thu truong"
            | "thu truong don vi"
            | "chuc vu"
    )
}

/// Reads units pasted from a spreadsheet: columns Tên đơn vị, Tên viết tắt, Thủ trưởng, Chức vụ
/// (a first column "STT" is skipped when the header says so); a header row is recognised and
/// skipped, empty rows are skipped. Each row is checked on its own (as the add form checks a unit)
/// and against the `existing` units and the other rows. Precedence continues from `first_precedence`.
pub fn read_pasted_units(text: &str, existing: &[Unit], first_precedence: i32) -> PastedUnits {
    let mut rows: Vec<(usize, Vec<String>)> = split_tab_separated(text)
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    let mut header = false;
    let mut skip = 0;
    if let Some((_, first)) = rows.first() {
        let titles = first.iter().filter(|c| header_cell(c)).count();
        let non_empty = first.iter().filter(|c| !c.trim().is_empty()).count();
        if titles > 0 && titles * 2 >= non_empty {
            header = true;
            let f = super::text::fold(first[0].trim());
            if matches!(f.as_str(), "stt" | "tt" | "so tt") {
                skip = 1;
            }
            rows.remove(0);
        }
    }
    let mut out = PastedUnits {
        header,
        rows: Vec::new(),
    };
    for (i, (line, cells)) in rows.into_iter().enumerate() {
        let cells: Vec<String> = cells.into_iter().skip(skip).collect();
        let cell = |k: usize| cells.get(k).map(String::as_str).unwrap_or("");
        let mut unit = Unit::new(cell(0), cell(1), first_precedence.saturating_add(i as i32));
        if !cell(2).trim().is_empty() || !cell(3).trim().is_empty() {
            unit.heads.push(UnitHead {
                name: super::text::nfc(cell(2)),
                position: super::text::nfc(cell(3)),
                valid_from: None,
                valid_to: None,
            });
        }
        let mut problems: Vec<String> = Vec::new();
        let extra = cells.iter().skip(4).filter(|c| !c.trim().is_empty()).count();
        if extra > 0 {
            problems.push(format!(
                "Dòng có {} cột; chỉ đọc được 4 cột ({}). Hãy bỏ các cột thừa rồi chép lại.",
                cells.len(),
                PASTE_COLUMNS.join(", ")
            ));
        }
        if cells.len() == 1 && [';', '|', ','].iter().any(|&s| cell(0).contains(s)) {
            problems.push(
                "Không thấy các cột: hãy chép thẳng từ Excel (các cột cách nhau bằng dấu tab), \
                 không gõ dấu ; hay | giữa các cột."
                    .to_string(),
            );
        }
        problems.extend(unit.problems().into_iter().map(|p| match p.field.as_str() {
            "names[0].name" if unit.current_name().is_empty() => "Thiếu tên đơn vị.".to_string(),
            "names[0].short_name" if unit.current_short_name().is_empty() => "Thiếu tên viết tắt.".to_string(),
            "heads[0].name" if unit.heads[0].name.is_empty() => "Có chức vụ nhưng thiếu họ tên thủ trưởng.".to_string(),
            "heads[0].position" if unit.heads[0].position.is_empty() => {
                "Có thủ trưởng nhưng thiếu chức vụ.".to_string()
            }
            _ => p.message,
        }));
        out.rows.push(PastedRow { line, unit, problems });
    }
    let units: Vec<Unit> = out.rows.iter().map(|r| r.unit.clone()).collect();
    let lines: Vec<usize> = out.rows.iter().map(|r| r.line).collect();
    for (i, p) in clash_problems(existing, &units, |j| format!("dòng {}", lines[j])) {
        out.rows[i].problems.push(p.message);
    }
    out
}

/// What a unit has in the data file besides its names, heads and membership: what deleting it
/// would lose or leave pointing nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UseKind {
    Scores,
    Adjustments,
    Ballots,
    PledgeSignatures,
    Leadership,
    Proposals,
    Decisions,
    SectorAwards,
    Discipline,
    Contributions,
    Attendance,
    ConferenceRoles,
    /// Another unit was merged into this one.
    MergedFrom,
    /// The agreed order of rotation in the rules names it.
    RotationOrder,
}

impl UseKind {
    /// What the unit has, as a Vietnamese noun phrase ("điểm", "phiếu bầu").
    pub fn label(self) -> &'static str {
        match self {
            UseKind::Scores => "điểm",
            UseKind::Adjustments => "điểm cộng/trừ",
            UseKind::Ballots => "phiếu bầu",
            UseKind::PledgeSignatures => "chữ ký giao ước",
            UseKind::Leadership => "nhiệm kỳ Khối trưởng/Khối phó",
            UseKind::Proposals => "đề nghị khen thưởng",
            UseKind::Decisions => "quyết định khen thưởng",
            UseKind::SectorAwards => "khen thưởng của ngành",
            UseKind::Discipline => "kỷ luật",
            UseKind::Contributions => "đóng góp hoạt động chung",
            UseKind::Attendance => "điểm danh hội nghị",
            UseKind::ConferenceRoles => "vai trò đăng cai/chủ trì/thư ký hội nghị",
            UseKind::MergedFrom => "đơn vị khác sáp nhập vào",
            UseKind::RotationOrder => "tên trong thứ tự luân phiên của quy chế",
        }
    }

    /// Whether the use belongs to the year it is in (the unit must be a member that year), rather
    /// than to the bloc as a whole.
    pub fn of_a_year(self) -> bool {
        !matches!(self, UseKind::MergedFrom | UseKind::RotationOrder)
    }
}

/// One kind of record a unit has in one year (or in none, for the bloc as a whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitUse {
    pub kind: UseKind,
    pub year: Option<Year>,
}

/// The uses in words, kinds in a fixed order, each with its years: "điểm năm 2022, phiếu bầu các
/// năm 2020, 2022, chữ ký giao ước năm 2022".
pub fn describe_uses(uses: &[UnitUse]) -> String {
    let mut uses = uses.to_vec();
    uses.sort();
    uses.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < uses.len() {
        let kind = uses[i].kind;
        let years: Vec<String> = uses[i..]
            .iter()
            .take_while(|u| u.kind == kind)
            .filter_map(|u| u.year.map(|y| y.to_string()))
            .collect();
        let n = uses[i..].iter().take_while(|u| u.kind == kind).count();
        parts.push(match (kind, years.len()) {
            (UseKind::RotationOrder, 0) => kind.label().to_string(),
            (UseKind::RotationOrder, _) => format!("{} từ năm {}", kind.label(), years.join(", ")),
            (_, 0) => kind.label().to_string(),
            (_, 1) => format!("{} năm {}", kind.label(), years[0]),
            _ => format!("{} các năm {}", kind.label(), years.join(", ")),
        });
        i += n;
    }
    parts.join(", ")
}

/// Why a unit cannot be deleted, when it has records: what it has, and what to do instead.
pub fn removal_refusal(name: &str, uses: &[UnitUse]) -> Option<String> {
    (!uses.is_empty()).then(|| {
        format!(
            "Không xóa được \u{201c}{name}\u{201d}: đơn vị đã có {}. Xóa đơn vị sẽ làm mất các hồ sơ đó. \
             Nếu đơn vị không còn trong khối, hãy cho đơn vị rời khối từ một năm: \
             hồ sơ các năm trước vẫn giữ nguyên.",
            describe_uses(uses)
        )
    })
}

/// The member lists a unit's leaving changes (year, new list), or why it is refused.
pub type LeavePlan = Result<Vec<(Year, Vec<UnitId>)>, Vec<Problem>>;

/// The member lists that change when `unit` leaves the bloc from `from`: each year from `from` on
/// whose list holds it loses it, and `from` itself, when it has no list yet, gets the latest
/// earlier list without the unit (a year's list is set up from the one before). `lists` holds
/// every year that has a member list. Refused, with the reasons (field "leave_from"), when the
/// year is out of range, when the unit has records in `from` or later (`uses`), when it was a
/// member of no earlier year, when `from` lies beyond the year after the last list, or when the
/// unit is not a member from `from` on anyway.
pub fn leave_from(
    unit: &Unit,
    from: Year,
    lists: &std::collections::BTreeMap<Year, Vec<UnitId>>,
    uses: &[UnitUse],
) -> LeavePlan {
    let refuse = |m: String| Err(vec![Problem::new("leave_from", m)]);
    let name = unit.current_name();
    if let Some(m) = super::validate::year_problem(from) {
        return refuse(m);
    }
    let later: Vec<UnitUse> = uses
        .iter()
        .filter(|u| u.kind.of_a_year() && u.year.is_some_and(|y| y >= from))
        .copied()
        .collect();
    if let Some(last) = later.iter().filter_map(|u| u.year).max() {
        return refuse(format!(
            "\u{201c}{name}\u{201d} đã có {}: chỉ có thể rời khối từ năm {} trở đi.",
            describe_uses(&later),
            last + 1
        ));
    }
    let before: Vec<Year> = lists
        .iter()
        .filter(|(&y, m)| y < from && m.contains(&unit.id))
        .map(|(&y, _)| y)
        .collect();
    if before.is_empty() {
        return refuse(format!(
            "\u{201c}{name}\u{201d} chưa là thành viên năm nào trước năm {from}, nên không có gì để giữ lại. \
             Nếu đơn vị được thêm nhầm và chưa có hồ sơ nào, hãy xóa đơn vị."
        ));
    }
    let last_list = lists.keys().next_back().copied().unwrap_or(from);
    if from > last_list + 1 {
        return refuse(format!(
            "Danh sách thành viên mới lập đến năm {last_list}: hãy chọn năm rời khối không quá {}.",
            last_list + 1
        ));
    }
    let mut changes: Vec<(Year, Vec<UnitId>)> = Vec::new();
    if !lists.contains_key(&from) {
        if let Some((_, m)) = lists.range(..from).next_back() {
            if m.contains(&unit.id) {
                changes.push((from, m.iter().copied().filter(|&u| u != unit.id).collect()));
            }
        }
    }
    for (&y, m) in lists.range(from..) {
        if m.contains(&unit.id) {
            changes.push((y, m.iter().copied().filter(|&u| u != unit.id).collect()));
        }
    }
    if changes.is_empty() {
        return refuse(format!(
            "\u{201c}{name}\u{201d} đã không còn là thành viên từ năm {from}."
        ));
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_follow_dates() {
        let mut u = Unit::new("Cục Thi hành án dân sự tỉnh", "Cục THADS tỉnh", 6);
        u.rename("Thi hành án dân sự tỉnh", "THADS tỉnh", d(2025, 3, 1));
        assert_eq!(u.name_on(d(2024, 12, 31)).unwrap().short_name, "Cục THADS tỉnh");
        assert_eq!(u.name_on(d(2025, 3, 1)).unwrap().short_name, "THADS tỉnh");
        assert_eq!(u.name_in_year(2022), "Cục Thi hành án dân sự tỉnh");
        assert_eq!(u.current_name(), "Thi hành án dân sự tỉnh");
        assert_eq!(u.names[0].valid_to, Some(d(2025, 2, 28)));
        assert!(u.problems().is_empty());
    }

    #[test]
    fn heads_follow_dates() {
        let mut u = Unit::new("Công an tỉnh", "CA tỉnh", 1);
        u.heads.push(UnitHead {
            name: "Nguyễn Văn A".into(),
            position: "Giám đốc".into(),
            valid_from: Some(d(2019, 1, 1)),
            valid_to: Some(d(2022, 6, 30)),
        });
        u.heads.push(UnitHead {
            name: "Trần Văn B".into(),
            position: "Giám đốc".into(),
            valid_from: Some(d(2022, 7, 1)),
            valid_to: None,
        });
        assert_eq!(u.head_on(d(2021, 5, 1)).unwrap().name, "Nguyễn Văn A");
        assert_eq!(u.head_on(d(2022, 12, 1)).unwrap().name, "Trần Văn B");
        assert!(u.head_on(d(2018, 1, 1)).is_none());
    }

    #[test]
    fn every_problem_at_once() {
        let mut u = Unit::new("", "", 1);
        u.heads.push(UnitHead {
            name: String::new(),
            position: "Giám đốc".into(),
            valid_from: Some(d(2022, 1, 1)),
            valid_to: Some(d(2021, 1, 1)),
        });
        u.merged_into = Some(3);
        let fields: Vec<String> = u.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "names[0].name",
                "names[0].short_name",
                "heads[0].name",
                "heads[0].valid_to",
                "merged_on"
            ]
        );
        let msg = &u.problems()[3].message;
        assert!(msg.contains("trước ngày bắt đầu"), "{msg}");
    }

    #[test]
    fn merge_cycles_are_reported_once() {
        let unit = |id, into: Option<UnitId>| {
            let mut u = Unit::new(&format!("Đơn vị {id}"), &format!("ĐV{id}"), id as i32);
            u.id = id;
            u.merged_into = into;
            u.merged_on = into.map(|_| d(2025, 3, 1));
            u
        };
        // A → B → A.
        let p = merge_problems(&[unit(1, Some(2)), unit(2, Some(1)), unit(3, None)]);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].field, "units[1].merged_into");
        assert!(
            p[0].message.contains("“Đơn vị 1” → “Đơn vị 2” → “Đơn vị 1”"),
            "{}",
            p[0].message
        );
        // A → A.
        let p = merge_problems(&[unit(4, Some(4))]);
        assert_eq!(p.len(), 1);
        assert!(p[0].message.starts_with("Sáp nhập vòng tròn"));
        // A → B → C → B: reported once, from B.
        let p = merge_problems(&[unit(1, Some(2)), unit(2, Some(3)), unit(3, Some(2))]);
        assert_eq!(p.len(), 1, "{p:#?}");
        assert_eq!(p[0].field, "units[2].merged_into");
        // A chain without a cycle is fine; a missing target is not.
        assert!(merge_problems(&[unit(1, Some(2)), unit(2, Some(3)), unit(3, None)]).is_empty());
        let p = merge_problems(&[unit(1, Some(9))]);
        assert!(p[0].message.contains("không có trong danh sách"));
    }

    #[test]
    fn unit_text_and_bounds() {
        let mut u = Unit::new("Công an\u{1b}[31m tỉnh", "CA\u{202e}", 10_000);
        u.note = "Dòng 1\nDòng 2".into();
        u.heads.push(UnitHead {
            name: "x".repeat(301),
            position: "Giám đốc".into(),
            valid_from: Some(d(1, 1, 1)),
            valid_to: None,
        });
        let fields: Vec<String> = u.problems().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "precedence",
                "names[0].name",
                "names[0].short_name",
                "heads[0].name",
                "heads[0].valid_from"
            ]
        );
    }

    #[test]
    fn duplicate_short_name_is_reported() {
        let mut a = Unit::new("Viện Kiểm sát nhân dân tỉnh", "VKSND tỉnh", 1);
        a.id = 1;
        let mut b = Unit::new("Viện kiểm sát", "vksnd tinh", 2);
        b.id = 2;
        let p = duplicate_short_names(&[a, b]);
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("trùng"));
    }

    fn unit(id: UnitId, name: &str, short: &str) -> Unit {
        let mut u = Unit::new(name, short, id as i32);
        u.id = id;
        u
    }

    #[test]
    fn correct_or_replace_the_head() {
        let mut u = unit(1, "Thanh tra tỉnh", "TT tỉnh");
        u.heads.push(UnitHead {
            name: "Huỳnh Văn Ân".into(),
            position: "Chánh Thanh tra".into(),
            valid_from: Some(d(2019, 1, 1)),
            valid_to: None,
        });
        u.correct_head("Huỳnh Văn An", " Chánh Thanh tra ");
        assert_eq!(u.heads.len(), 1);
        assert_eq!(u.heads[0].name, "Huỳnh Văn An");
        assert_eq!(u.heads[0].valid_from, Some(d(2019, 1, 1)), "dates kept");
        let p = u.new_head_problem(d(2019, 1, 1)).expect("not after the current head");
        assert!(p.contains("01/01/2019"), "{p}");
        assert!(u.new_head_problem(d(2023, 3, 1)).is_none());
        u.new_head("Lê Thị Thu", "Chánh Thanh tra", d(2023, 3, 1));
        assert_eq!(u.heads[0].valid_to, Some(d(2023, 2, 28)));
        assert_eq!(u.head_on(d(2022, 6, 1)).unwrap().name, "Huỳnh Văn An");
        assert_eq!(u.head_on(d(2023, 6, 1)).unwrap().name, "Lê Thị Thu");
        assert!(u.problems().is_empty(), "{:?}", u.problems());
        // A unit without a head gets one, undated.
        let mut v = unit(2, "Sở Tư pháp", "STP");
        v.correct_head("Đoàn Thị Mai", "Giám đốc");
        assert_eq!(v.heads[0].valid_from, None);
        v.set_short_name(" STP tỉnh ");
        assert_eq!(v.current_short_name(), "STP tỉnh");
        assert_eq!(v.names.len(), 1, "not a renaming");
    }

    #[test]
    fn paste_from_a_spreadsheet() {
        let existing = [unit(1, "Công an tỉnh", "CA tỉnh")];
        let text = "STT\tTên đơn vị\tTên viết tắt\tThủ trưởng\tChức vụ\r\n\
                    1\tSở Nội vụ\tSNV\tĐinh Văn Ân\tGiám đốc\r\n\
                    \t\t\t\t\r\n\
                    2\t\"Sở Tài \"\"chính\"\"\"\tSTC\t\t\r\n\
                    3\tcông an  tỉnh\tSNV\tLê Văn B\t\r\n";
        let p = read_pasted_units(text, &existing, 10);
        assert!(p.header);
        assert_eq!(p.rows.len(), 3, "{p:#?}");
        assert_eq!(p.rows[0].unit.current_name(), "Sở Nội vụ");
        assert_eq!(p.rows[0].unit.heads[0].position, "Giám đốc");
        assert_eq!(p.rows[0].unit.precedence, 10);
        assert!(p.rows[0].problems.is_empty());
        assert_eq!(p.rows[1].unit.current_name(), "Sở Tài \"chính\"");
        assert!(p.rows[1].unit.heads.is_empty());
        assert_eq!(p.rows[2].line, 5);
        let bad = &p.rows[2].problems;
        assert_eq!(bad.len(), 3, "{bad:?}");
        assert!(bad[0].contains("thiếu chức vụ"), "{bad:?}");
        assert!(bad[1].contains("Đã có đơn vị “Công an tỉnh”"), "{bad:?}");
        assert!(bad[2].contains("trùng với dòng 2"), "{bad:?}");
        assert!(!p.ready());
        // Without a header, without the first column.
        let p = read_pasted_units("Sở Nội vụ\tSNV\nSở Y tế\tSYT", &existing, 1);
        assert!(!p.header && p.ready() && p.rows.len() == 2);
        // Typed with bars, or too many columns.
        let p = read_pasted_units("Sở Nội vụ | SNV\nSở Y tế\tSYT\tA\tB\tthừa", &existing, 1);
        assert!(p.rows[0].problems[0].contains("dấu tab"), "{:?}", p.rows[0].problems);
        assert!(p.rows[1].problems[0].contains("chỉ đọc được 4 cột"));
        assert!(!read_pasted_units("\n\n", &existing, 1).ready(), "nothing to add");
    }

    #[test]
    fn uses_in_words() {
        let u = |kind, year| UnitUse { kind, year };
        let s = describe_uses(&[
            u(UseKind::Ballots, Some(2022)),
            u(UseKind::Scores, Some(2022)),
            u(UseKind::Scores, Some(2020)),
            u(UseKind::RotationOrder, Some(2020)),
        ]);
        assert_eq!(
            s,
            "điểm các năm 2020, 2022, phiếu bầu năm 2022, tên trong thứ tự luân phiên của quy chế từ năm 2020"
        );
        assert!(removal_refusal("Công an tỉnh", &[]).is_none());
    }

    #[test]
    fn leaving_the_bloc() {
        let ca = unit(1, "Công an tỉnh", "CA tỉnh");
        let lists: std::collections::BTreeMap<Year, Vec<UnitId>> =
            [(2021, vec![1, 2, 3]), (2022, vec![1, 2, 3])].into_iter().collect();
        let uses = [UnitUse {
            kind: UseKind::Scores,
            year: Some(2022),
        }];
        let e = leave_from(&ca, 2022, &lists, &uses).unwrap_err();
        assert!(e[0].message.contains("từ năm 2023 trở đi"), "{e:?}");
        assert_eq!(leave_from(&ca, 2023, &lists, &uses).unwrap(), vec![(2023, vec![2, 3])]);
        assert!(leave_from(&ca, 2024, &lists, &uses).unwrap_err()[0]
            .message
            .contains("không quá 2023"));
        assert!(leave_from(&ca, 2021, &lists, &[]).is_err(), "member of no earlier year");
        let lists: std::collections::BTreeMap<Year, Vec<UnitId>> =
            [(2021, vec![1, 2]), (2022, vec![1, 2]), (2023, vec![2, 1])]
                .into_iter()
                .collect();
        assert_eq!(
            leave_from(&ca, 2022, &lists, &[]).unwrap(),
            vec![(2022, vec![2]), (2023, vec![2])]
        );
        let gone: std::collections::BTreeMap<Year, Vec<UnitId>> =
            [(2021, vec![1, 2]), (2022, vec![2])].into_iter().collect();
        assert!(leave_from(&ca, 2022, &gone, &[]).unwrap_err()[0]
            .message
            .contains("đã không còn"));
        assert!(leave_from(&ca, 1800, &lists, &[]).is_err());
    }
}
