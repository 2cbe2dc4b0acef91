//! Validation: every problem of a value at once, each tied to the field it concerns, in Vietnamese.
//!
//! One set of rules guards every door (the window's forms, the store's saves, `check`, import and the
//! command line's flags). The limits are here, stated once:
//!
//! - years 1945–2200 ([`YEAR_MIN`], [`YEAR_MAX`]), and every date within those years;
//! - points (score scale, maximum of a criterion, a score, a bonus or penalty) at most 10 000
//!   ([`POINTS_MAX`]); a score lies in 0..=the maximum of its criterion; a proposal's total score within
//!   ±100 000 ([`TOTAL_MAX`]);
//! - counts (ballots issued, votes, choices, quotas, ranks) at most 10 000 ([`COUNT_MAX`]);
//! - document numbers in the register 1–9999 ([`REGISTER_NUMBER_MAX`]);
//! - money 0 to 1 000 000 000 000 đồng ([`MONEY_MAX`]); precedence 0–9999 ([`PRECEDENCE_MAX`]);
//! - text without control characters (multi-line prose may keep line breaks and tabs) and without
//!   bidirectional overrides or isolates (U+202A–U+202E, U+2066–U+2069) or line/paragraph separators
//!   (U+2028, U+2029); at most 50 characters for a code or number, 300 for a name, 1 000 for a line of
//!   content, 20 000 for prose ([`TextKind`]).

use super::points::Points;
use super::scoring::ScoreCell;
use super::Year;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// The first year the program accepts.
pub const YEAR_MIN: Year = 1945;
/// The last year the program accepts.
pub const YEAR_MAX: Year = 2200;
/// The largest score scale, criterion maximum, score, bonus or penalty.
pub const POINTS_MAX: Points = Points::whole(10_000);
/// The largest total (in absolute value) a proposal may carry.
pub const TOTAL_MAX: Points = Points::whole(100_000);
/// The largest count of ballots, votes, choices, quota or rank.
pub const COUNT_MAX: u32 = 10_000;
/// Document numbers run from 1 to this in a year.
pub const REGISTER_NUMBER_MAX: u32 = 9_999;
/// The largest amount of money, in đồng (one thousand billion).
pub const MONEY_MAX: i64 = 1_000_000_000_000;
/// The largest order of precedence.
pub const PRECEDENCE_MAX: i32 = 9_999;

/// What kind of text a field holds, which sets its length limit and whether it may span lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// A code, symbol or number: "KNC", "I.1", "325/QĐ-UBND". One line, at most 50 characters.
    Code,
    /// A name, position, title or place. One line, at most 300 characters.
    Name,
    /// A line of content: a pledge item, a task, a question, a reason. One line, at most 1 000.
    Line,
    /// Prose: notes, the body of a section, a description. Line breaks and tabs allowed; at most
    /// 20 000. Each line is a paragraph of its own in the documents (`text::paragraphs`).
    Prose,
}

impl TextKind {
    pub const fn max_chars(self) -> usize {
        match self {
            TextKind::Code => 50,
            TextKind::Name => 300,
            TextKind::Line => 1_000,
            TextKind::Prose => 20_000,
        }
    }

    pub const fn multiline(self) -> bool {
        matches!(self, TextKind::Prose)
    }
}

/// Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character no stored text may hold (in any field): C0/C1 controls other than the line breaks
/// and tabs of prose, bidi controls, and the Unicode line/paragraph separators.
pub fn is_forbidden_char(c: char, multiline: bool) -> bool {
    if multiline && matches!(c, '\n' | '\t' | '\r') {
        return false;
    }
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// What is wrong with a text, if anything: a Vietnamese sentence that names the field by `label`.
pub fn text_problem(value: &str, label: &str, max_chars: usize, multiline: bool) -> Option<String> {
    let mut chars = value.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        // A Windows line break (CR LF) is a line break; a lone CR is a control character.
        if multiline && c == '\r' && chars.peek().map(|&(_, n)| n) != Some('\n') {
            return Some(format!(
                "{label} chứa ký tự điều khiển U+000D (ở ký tự thứ {}). Hãy xoá ký tự đó rồi nhập lại.",
                i + 1
            ));
        }
        if !is_forbidden_char(c, multiline) {
            continue;
        }
        let code = format!("U+{:04X}", c as u32);
        return Some(if !multiline && matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            format!("{label} chỉ được viết trên một dòng: hãy bỏ dấu xuống dòng ({code}).")
        } else if is_bidi_control(c) {
            format!(
                "{label} chứa ký tự đảo chiều văn bản {code} (ở ký tự thứ {}), có thể làm văn bản hiển thị sai. Hãy xoá ký tự đó.",
                i + 1
            )
        } else {
            format!(
                "{label} chứa ký tự điều khiển {code} (ở ký tự thứ {}). Hãy xoá ký tự đó rồi nhập lại.",
                i + 1
            )
        });
    }
    let n = value.chars().count();
    (n > max_chars).then(|| format!("{label} dài {n} ký tự, vượt giới hạn {max_chars} ký tự. Hãy rút gọn."))
}

/// What is wrong with a year, if anything.
pub fn year_problem(year: Year) -> Option<String> {
    (!(YEAR_MIN..=YEAR_MAX).contains(&year))
        .then(|| format!("Năm {year} nằm ngoài khoảng cho phép (từ {YEAR_MIN} đến {YEAR_MAX})."))
}

/// What is wrong with a date, if anything (its year outside 1945–2200).
pub fn date_problem(d: NaiveDate, label: &str) -> Option<String> {
    (!(YEAR_MIN..=YEAR_MAX).contains(&d.year())).then(|| {
        format!(
            "{label} {} nằm ngoài khoảng cho phép (từ năm {YEAR_MIN} đến năm {YEAR_MAX}).",
            super::text::date_dmy(d)
        )
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Which field: "name", "names[1].valid_to", "deputy_unit"… so a form can show it beside the field.
    pub field: String,
    pub message: String,
    /// Where, in words, for a person: "bảng điểm · dòng 4 · điểm khối chấm". Follows `field` unless a
    /// caller that knows the record names it (see [`Problem::at`], `YearRecord::problems`).
    pub location: String,
    /// Where, typed, when the problem sits in a cell of the score grid: a screen marks the cell
    /// from this, never by reading `field`. `None` for every other problem.
    #[serde(skip)]
    pub cell: Option<ScoreCell>,
}

impl Problem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        Problem {
            location: describe_field(&field),
            field,
            message: message.into(),
            cell: None,
        }
    }

    /// The same problem, located in a cell of the score grid.
    pub fn in_cell(mut self, cell: ScoreCell) -> Self {
        self.cell = Some(cell);
        self
    }

    /// The same problem seen from an enclosing value: "names[0]" + "name" → "names[0].name".
    pub fn within(self, prefix: &str) -> Self {
        Problem {
            cell: self.cell,
            ..Problem::new(format!("{prefix}.{}", self.field), self.message)
        }
    }

    /// The same problem with the record it belongs to named first: "Đơn vị “Công an tỉnh” · tên 1 · …".
    pub fn at(mut self, record: &str) -> Self {
        self.location = if self.location.is_empty() {
            record.to_string()
        } else {
            format!("{record} · {}", self.location)
        };
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.location, self.message)
        }
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

    /// A text field: no control characters (prose may keep line breaks and tabs), no bidi controls,
    /// at most `max_chars` characters.
    pub fn text_with(&mut self, value: &str, field: &str, label: &str, max_chars: usize, multiline: bool) {
        if let Some(m) = text_problem(value, label, max_chars, multiline) {
            self.0.push(Problem::new(field, m));
        }
    }

    /// A text field of the given kind (see [`TextKind`] for the limits).
    pub fn text(&mut self, value: &str, field: &str, label: &str, kind: TextKind) {
        self.text_with(value, field, label, kind.max_chars(), kind.multiline());
    }

    /// A required text field of the given kind: not empty, and [`Problems::text`].
    pub fn required_text(&mut self, value: &str, field: &str, label: &str, kind: TextKind) {
        self.required(value, field, label);
        self.text(value, field, label, kind);
    }

    pub fn year(&mut self, year: Year, field: &str) {
        if let Some(m) = year_problem(year) {
            self.0.push(Problem::new(field, m));
        }
    }

    pub fn date(&mut self, d: Option<NaiveDate>, field: &str, label: &str) {
        if let Some(m) = d.and_then(|d| date_problem(d, label)) {
            self.0.push(Problem::new(field, m));
        }
    }

    /// `value` within `min..=max` points.
    pub fn points(&mut self, value: Points, field: &str, label: &str, min: Points, max: Points) {
        self.check(
            (min..=max).contains(&value),
            field,
            format!("{label} {value} nằm ngoài khoảng cho phép (từ {min} đến {max} điểm)."),
        );
    }

    /// A count at most [`COUNT_MAX`].
    pub fn count(&mut self, value: u32, field: &str, label: &str) {
        self.check(
            value <= COUNT_MAX,
            field,
            format!("{label} ({value}) vượt giới hạn {COUNT_MAX}."),
        );
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

/// How a collection in a field path is numbered: by the record's id, or by its position in a list.
#[derive(Clone, Copy)]
enum Numbered {
    Id,
    Position,
}

/// The words for one name of a field path, and how its index reads.
fn segment_words(name: &str) -> Option<(&'static str, Numbered)> {
    use Numbered::*;
    Some(match name {
        // Parts of a year.
        "bloc" => ("thông tin khối", Position),
        "rules" => ("quy chế", Position),
        "units" => ("đơn vị", Id),
        "leadership" => ("Khối trưởng, Khối phó", Position),
        "pledge" => ("giao ước", Position),
        "conferences" => ("hội nghị", Id),
        "ballots" => ("cuộc bỏ phiếu", Id),
        "score_sheet" => ("bảng điểm", Position),
        "proposals" => ("đề nghị khen thưởng", Id),
        "decisions" => ("quyết định khen thưởng", Id),
        "activities" => ("hoạt động", Id),
        "sector_awards" => ("khen thưởng của ngành", Position),
        "discipline" => ("kỷ luật", Position),
        "register" => ("sổ văn bản", Position),
        "year" => ("năm", Position),
        // Units.
        "names" => ("tên", Position),
        "heads" => ("thủ trưởng", Position),
        "name" => ("tên", Position),
        "short_name" => ("tên viết tắt", Position),
        "position" => ("chức vụ", Position),
        "valid_from" => ("ngày bắt đầu", Position),
        "valid_to" => ("ngày kết thúc", Position),
        "precedence" => ("thứ tự", Position),
        "merged_into" => ("đơn vị tiếp nhận khi sáp nhập", Position),
        "merged_on" => ("ngày sáp nhập", Position),
        "note" => ("ghi chú", Position),
        // Bloc.
        "symbol" => ("ký hiệu văn bản", Position),
        "managing_body" => ("cơ quan chủ quản", Position),
        "place_name" => ("địa danh", Position),
        "addressee" => ("nơi nhận tờ trình", Position),
        "margins" => ("lề trang", Position),
        "top" => ("lề trên", Position),
        "bottom" => ("lề dưới", Position),
        "left" => ("lề trái", Position),
        "right" => ("lề phải", Position),
        // Rules.
        "score_scale" => ("thang điểm", Position),
        "award_forms" => ("hình thức khen thưởng", Position),
        "quota" => ("chỉ tiêu", Position),
        "large_quota" => ("chỉ tiêu cho khối đông", Position),
        "large_bloc_members" => ("số thành viên của khối đông", Position),
        "vote_threshold_percent" => ("ngưỡng phiếu", Position),
        "percent_decimals" => ("số chữ số thập phân", Position),
        "items" => ("mục", Position),
        "bonus_items" => ("khoản điểm thưởng", Position),
        "penalty_items" => ("khoản điểm trừ", Position),
        "tie_breaks" => ("tiêu chí phụ khi bằng điểm", Position),
        "rotation" => ("luân phiên", Position),
        "order" => ("thứ tự luân phiên", Position),
        "legal_basis" => ("căn cứ", Position),
        "in_force_from" => ("ngày có hiệu lực", Position),
        "in_force_until" => ("ngày hết hiệu lực", Position),
        "regulation_number" => ("số văn bản ban hành Quy chế", Position),
        "regulation_date" => ("ngày ban hành Quy chế", Position),
        "regulation_issuer" => ("cơ quan ban hành Quy chế", Position),
        // Leadership.
        "head" => ("Khối trưởng", Position),
        "deputy" => ("Khối phó", Position),
        "decided_at" => ("hội nghị quyết định", Position),
        "signing_conference" => ("hội nghị ký kết", Position),
        // Pledge.
        "theme" => ("chủ đề", Position),
        "content" => ("nội dung", Position),
        "target" => ("chỉ tiêu", Position),
        "signatures" => ("chữ ký", Position),
        "signer_name" => ("người ký", Position),
        "signer_position" => ("chức vụ người ký", Position),
        "signed_on" => ("ngày ký", Position),
        // Conferences.
        "title" => ("tên", Position),
        "date" => ("ngày", Position),
        "start" => ("giờ bắt đầu", Position),
        "end" => ("giờ kết thúc", Position),
        "place" => ("địa điểm", Position),
        "host_unit" => ("đơn vị đăng cai", Position),
        "chair" => ("chủ trì", Position),
        "secretary" => ("thư ký", Position),
        "attendance" => ("điểm danh", Position),
        "guests" => ("đại biểu", Position),
        "body" => ("nội dung", Position),
        "heading" => ("tiêu đề", Position),
        "sections" => ("phần", Position),
        "tasks" => ("nhiệm vụ", Position),
        "tasks_count" => ("số nhiệm vụ", Position),
        "representative" => ("người đại diện", Position),
        "representative_position" => ("chức vụ người đại diện", Position),
        "notes" => ("kết luận", Position),
        // Ballots.
        "question" => ("nội dung bỏ phiếu", Position),
        "purpose" => ("mục đích", Position),
        "max_choices" => ("số đơn vị được chọn", Position),
        "counted_at" => ("giờ kiểm phiếu", Position),
        "board" => ("ban kiểm phiếu", Position),
        "role" => ("nhiệm vụ trong ban", Position),
        "issued" => ("số phiếu phát ra", Position),
        "returned" => ("số phiếu thu về", Position),
        "valid" => ("số phiếu hợp lệ", Position),
        "invalid" => ("số phiếu không hợp lệ", Position),
        "candidates" => ("ứng viên", Position),
        "votes" => ("số phiếu", Position),
        // Score sheet.
        "criteria" => ("tiêu chí", Position),
        "code" => ("mã", Position),
        "group" => ("nhóm", Position),
        "max_points" => ("điểm tối đa", Position),
        "entries" => ("dòng", Position),
        "criterion" => ("tiêu chí", Position),
        "self_score" => ("điểm tự chấm", Position),
        "bloc_score" => ("điểm khối chấm", Position),
        "adjustments" => ("khoản cộng/trừ", Position),
        "points" => ("số điểm", Position),
        "reason" => ("lý do", Position),
        "totals" => ("tổng điểm của đơn vị", Id),
        // Awards.
        "form" => ("hình thức khen thưởng", Position),
        "unit" => ("đơn vị", Position),
        "rank" => ("hạng", Position),
        "score" => ("điểm", Position),
        "votes_base" => ("tổng số phiếu", Position),
        "status" => ("trạng thái", Position),
        "override_note" => ("ghi chú chấp nhận", Position),
        "number" => ("số", Position),
        "issuing_body" => ("cơ quan ban hành", Position),
        "results" => ("kết quả", Position),
        "proposal" => ("đề nghị", Position),
        "decision_number" => ("số quyết định", Position),
        // Activities.
        "description" => ("mô tả", Position),
        "contributions" => ("khoản đóng góp", Position),
        "amount" => ("số tiền", Position),
        "kind" => ("loại", Position),
        "issued_on" => ("ngày văn bản", Position),
        "source" => ("nguồn", Position),
        "doc_type" => ("loại văn bản", Position),
        _ => return None,
    })
}

/// A field path in words: "score_sheet.entries[3].bloc_score" → "bảng điểm · dòng 4 · điểm khối
/// chấm"; "units[5].names[0].short_name" → "đơn vị #5 · tên 1 · tên viết tắt".
pub fn describe_field(path: &str) -> String {
    describe_field_with(path, &|_, _| None)
}

/// As [`describe_field`], with `name(collection, id)` naming a record kept by id ("units", 5 →
/// "đơn vị “Công an tỉnh”"); `None` keeps "đơn vị #5".
pub fn describe_field_with(path: &str, name: &dyn Fn(&str, i64) -> Option<String>) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        // "missing[5].I.1": the rest after the unit is a criterion code, which may hold dots.
        if let Some(after) = rest.strip_prefix("missing[") {
            let (id, code) = after.split_once(']').unwrap_or((after, ""));
            let unit = id
                .parse::<i64>()
                .ok()
                .and_then(|id| name("units", id).or_else(|| Some(format!("đơn vị #{id}"))))
                .unwrap_or_else(|| format!("đơn vị {id}"));
            words.push(format!("thiếu điểm · {unit}"));
            let code = code.trim_start_matches('.');
            if !code.is_empty() {
                words.push(format!("tiêu chí {code}"));
            }
            break;
        }
        let (segment, tail) = rest.split_once('.').unwrap_or((rest, ""));
        rest = tail;
        let (key, index) = match segment.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']'))),
            None => (segment, None),
        };
        let Some((label, numbered)) = segment_words(key) else {
            words.push(segment.to_string());
            continue;
        };
        words.push(match (index, numbered) {
            (None, _) => label.to_string(),
            (Some(i), Numbered::Position) => match i.parse::<usize>() {
                Ok(n) => format!("{label} {}", n.saturating_add(1)),
                Err(_) => format!("{label} {i}"),
            },
            (Some(i), Numbered::Id) => match i.parse::<i64>() {
                Ok(id) => {
                    let collection = if key == "totals" { "units" } else { key };
                    match name(collection, id) {
                        Some(n) if key == "totals" => format!("{label} {n}"),
                        Some(n) => n,
                        None => format!("{label} #{id}"),
                    }
                }
                Err(_) => format!("{label} {i}"),
            },
        });
    }
    words.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_refuses_controls_bidi_and_length() {
        assert_eq!(text_problem("Công an tỉnh", "Tên", 300, false), None);
        let m = text_problem("Công an\u{1b}[31m", "Tên đơn vị", 300, false).unwrap();
        assert!(m.starts_with("Tên đơn vị chứa ký tự điều khiển U+001B"), "{m}");
        assert!(text_problem("a\0b", "Tên", 300, false).unwrap().contains("U+0000"));
        assert!(text_problem("a\u{85}b", "Tên", 300, false).unwrap().contains("U+0085"));
        let m = text_problem("abc\u{202E}fed", "Tên", 300, false).unwrap();
        assert!(m.contains("đảo chiều") && m.contains("U+202E"), "{m}");
        assert!(text_problem("x\u{2067}y", "Tên", 300, true).is_some());
        // One line, unless prose.
        assert!(text_problem("a\nb", "Tên", 300, false).unwrap().contains("một dòng"));
        assert_eq!(text_problem("a\nb\tc\r\nd", "Ghi chú", 300, true), None);
        assert!(text_problem("a\rb", "Ghi chú", 300, true).unwrap().contains("U+000D"));
        // Length in characters, not bytes: 300 Vietnamese letters fit.
        assert_eq!(text_problem(&"ộ".repeat(300), "Tên", 300, false), None);
        let m = text_problem(&"ộ".repeat(301), "Tên", 300, false).unwrap();
        assert_eq!(m, "Tên dài 301 ký tự, vượt giới hạn 300 ký tự. Hãy rút gọn.");
    }

    #[test]
    fn years_and_dates_have_bounds() {
        assert_eq!(year_problem(2022), None);
        assert_eq!(year_problem(1945), None);
        assert_eq!(year_problem(2200), None);
        assert!(year_problem(99_999).unwrap().contains("1945"));
        assert!(year_problem(-1).is_some());
        assert!(year_problem(0).is_some());
        let d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        assert!(date_problem(d, "Ngày ký").unwrap().starts_with("Ngày ký 01/01/0001"));
    }

    #[test]
    fn field_paths_in_words() {
        assert_eq!(
            describe_field("score_sheet.entries[3].bloc_score"),
            "bảng điểm · dòng 4 · điểm khối chấm"
        );
        assert_eq!(
            describe_field("units[5].names[0].short_name"),
            "đơn vị #5 · tên 1 · tên viết tắt"
        );
        assert_eq!(
            describe_field("score_sheet.missing[5].I.1"),
            "bảng điểm · thiếu điểm · đơn vị #5 · tiêu chí I.1"
        );
        let named = describe_field_with("conferences[2].attendance[1].unit", &|c, id| {
            (c == "conferences" && id == 2).then(|| "hội nghị “Tổng kết”".to_string())
        });
        assert_eq!(named, "hội nghị “Tổng kết” · điểm danh 2 · đơn vị");
        // Unknown names stay as they are; nothing panics on odd paths.
        assert_eq!(describe_field("zzz[x].y"), "zzz[x] · y");
        assert_eq!(describe_field("units[abc]"), "đơn vị abc");
        assert_eq!(describe_field("missing[").as_str(), "thiếu điểm · đơn vị ");
        let p = Problem::new("names[0].name", "Tên đơn vị không được để trống.").within("units[3]");
        assert_eq!(p.location, "đơn vị #3 · tên 1 · tên");
        assert_eq!(
            p.at("Năm 2022").to_string(),
            "Năm 2022 · đơn vị #3 · tên 1 · tên: Tên đơn vị không được để trống."
        );
    }
}
