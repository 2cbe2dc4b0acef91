//! Vietnamese text helpers: NFC at every boundary, collation, dates and money as documents print them.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use std::cmp::Ordering;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Every string that enters the program goes through here: Unicode NFC, outer whitespace trimmed.
/// Some keyboards and pasted text deliver decomposed (NFD) Vietnamese, which renders wrongly in PDFs
/// and compares unequal to the same word typed elsewhere.
/// A Windows line break (CR LF) becomes a plain line break.
pub fn nfc(s: &str) -> String {
    let t = s.trim();
    if t.contains("\r\n") {
        t.replace("\r\n", "\n").nfc().collect()
    } else {
        t.nfc().collect()
    }
}

/// The paragraphs of a prose text (proceedings, conclusions, notes) as documents print them: each
/// line typed is a paragraph, trimmed and in NFC; blank lines make no empty paragraph. A Windows
/// line break and the Unicode line/paragraph separators (only in old data) break lines too.
pub fn paragraphs(s: &str) -> Vec<String> {
    s.split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.nfc().collect())
        .collect()
}

/// The items of a list typed one per line (the tasks a conference agreed): its [`paragraphs`], each
/// without the number or bullet typed before it ("1. ", "2) ", "- ", "• "), since documents number
/// the items themselves.
pub fn list_items(s: &str) -> Vec<String> {
    paragraphs(s)
        .into_iter()
        .map(|l| strip_list_marker(&l).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// "1. Abc" → "Abc", "- Abc" → "Abc"; a year or an amount ("2023 là năm…", "1.000 đồng") stays.
fn strip_list_marker(line: &str) -> &str {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = if (1..=2).contains(&digits) {
        line[digits..].strip_prefix(['.', ')'])
    } else {
        line.strip_prefix(['-', '+', '*', '\u{2022}', '\u{2013}'])
    };
    match rest {
        Some(r) if r.starts_with(char::is_whitespace) => r.trim_start(),
        _ => line,
    }
}

/// Whether `c` must not reach a terminal as it is: C0/C1 controls (escape sequences start with
/// one), bidi embeddings/overrides/isolates, and the Unicode line and paragraph separators.
fn unprintable(c: char) -> bool {
    c.is_control() || super::validate::is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text as a terminal may show it: every control or bidi character written visibly as `\u{1b}`,
/// so data already in an old file can never move the cursor, recolour or reorder the screen.
/// Plain text is returned as it is.
pub fn printable(s: &str) -> String {
    if !s.chars().any(unprintable) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unprintable(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// As [`printable`], keeping line breaks (for messages of several lines).
pub fn printable_lines(s: &str) -> String {
    s.split('\n').map(printable).collect::<Vec<_>>().join("\n")
}

/// JSON text (as serde_json writes it) with the invisible characters it leaves raw — bidi controls,
/// U+2028, U+2029 and the C1 controls — written as `\uXXXX` escapes. The value is the same JSON:
/// those characters can only occur inside strings.
pub fn json_printable(json: &str) -> String {
    if !json.chars().any(unprintable) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if unprintable(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// NFC of an optional string, with an empty result turned into `None`.
pub fn nfc_opt(s: Option<&str>) -> Option<String> {
    s.map(nfc).filter(|t| !t.is_empty())
}

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        Collator::try_new(icu_locale::locale!("vi").into(), CollatorOptions::default())
            .expect("the Vietnamese collation data is compiled into the binary")
    })
}

/// Vietnamese alphabetical order: a ă â b c d đ e ê … with tones after the base letter.
pub fn compare_vi(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Sorts any slice by a Vietnamese string key.
pub fn sort_vi_by<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare_vi(key(a), key(b)));
}

/// Without tone or vowel marks, case kept: "Biên bản Đại hội" → "Bien ban Dai hoi".
pub fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// A position followed by the body it belongs to, without saying the shared words twice:
/// "Phó Trưởng ban" + "Ban Thi đua - Khen thưởng tỉnh" → "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
/// "Chánh Thanh tra" + "Thanh tra tỉnh" → "Chánh Thanh tra tỉnh", "Giám đốc" + "Sở Tư pháp" → "Giám đốc
/// Sở Tư pháp". The longest run of words that ends the position and starts the body (ignoring case)
/// is written once, as the body writes it.
pub fn position_of(position: &str, body: &str) -> String {
    let p: Vec<&str> = position.split_whitespace().collect();
    let b: Vec<&str> = body.split_whitespace().collect();
    let same = |x: &str, y: &str| x.to_lowercase() == y.to_lowercase();
    let overlap = (1..=p.len().min(b.len()))
        .rev()
        .find(|&k| p[p.len() - k..].iter().zip(&b[..k]).all(|(x, y)| same(x, y)))
        .unwrap_or(0);
    p[..p.len() - overlap]
        .iter()
        .chain(b.iter())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A search key: lower case, no tone or vowel marks, đ → d. "Bình Định" and "binh dinh" fold alike.
pub fn fold(s: &str) -> String {
    strip_marks(s).chars().flat_map(char::to_lowercase).collect()
}

/// Whether every word of `query` occurs in `text`, ignoring case and diacritics.
pub fn matches_search(text: &str, query: &str) -> bool {
    let hay = fold(text);
    fold(query).split_whitespace().all(|w| hay.contains(w))
}

/// Upper case that keeps Vietnamese letters right ("đ" → "Đ", "ộ" → "Ộ").
pub fn upper(s: &str) -> String {
    s.nfc().flat_map(char::to_uppercase).collect::<String>().nfc().collect()
}

/// "05/01/2021", as dates are shown on screen.
pub fn date_dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Parses a date typed as dd/mm/yyyy (also d/m/yyyy, with '-' or '.'); the message says what is wrong.
pub fn parse_date_dmy(s: &str) -> Result<NaiveDate, String> {
    let t = nfc(s);
    if t.is_empty() {
        return Err("Chưa nhập ngày (dd/mm/yyyy).".into());
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    let bad = || format!("Ngày \u{201c}{t}\u{201d} không đúng dạng dd/mm/yyyy.");
    if parts.len() != 3 || parts[2].len() != 4 {
        return Err(bad());
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let (d, m, y) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    if !(1..=12).contains(&m) {
        return Err(format!("Tháng {m} không hợp lệ (từ 1 đến 12)."));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| format!("Ngày {d}/{m}/{y} không có trong lịch."))
}

/// "ngày 05 tháng 01 năm 2021": leading zero for days under 10 and for months 1 and 2 (Nghị định 30).
pub fn date_in_words(d: NaiveDate) -> String {
    let month = if d.month() <= 2 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("ngày {:02} tháng {} năm {}", d.day(), month, d.year())
}

/// "Bình Định, ngày 05 tháng 01 năm 2021", the place and date line of a document header.
pub fn place_date_line(place: &str, d: NaiveDate) -> String {
    format!("{}, {}", place, date_in_words(d))
}

/// "8 giờ 00 phút", as minutes print a time.
pub fn time_in_words(t: NaiveTime) -> String {
    format!("{} giờ {:02} phút", t.hour(), t.minute())
}

/// Parses "8:00", "08h00" or "8 giờ 30".
pub fn parse_time(s: &str) -> Result<NaiveTime, String> {
    let t = fold(&nfc(s)).replace("gio", ":").replace("phut", "");
    let t = t.replace('h', ":").replace(' ', "");
    let bad = || format!("Giờ \u{201c}{}\u{201d} không đúng dạng hh:mm.", nfc(s));
    let (h, m) = match t.split_once(':') {
        Some((h, m)) => (h, if m.is_empty() { "0" } else { m }),
        None => (t.as_str(), "0"),
    };
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// Groups digits with dots: 15000000 → "15.000.000".
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// "15.000.000 đ".
pub fn money_vnd(amount: i64) -> String {
    format!("{} đ", group_thousands(amount))
}

/// Parses "15.000.000", "15000000 đ" or "15,000,000" into đồng.
pub fn parse_money(s: &str) -> Result<i64, String> {
    let digits: String = nfc(s)
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | 'đ' | 'Đ'))
        .collect();
    let digits = digits.trim_end_matches("dong").trim_end_matches("đồng");
    digits
        .parse::<i64>()
        .map_err(|_| format!("Số tiền \u{201c}{}\u{201d} không hợp lệ.", nfc(s)))
}

/// A decimal with a Vietnamese comma and `decimals` places: 88.888 → "88,89".
pub fn decimal_vi(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}").replace('.', ",")
}

/// A document number with the leading zero of Nghị định 30: 5 → "05".
pub fn two_digits(n: u32) -> String {
    format!("{n:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_do_not_say_the_body_twice() {
        assert_eq!(
            position_of("Phó Trưởng ban", "Ban Thi đua - Khen thưởng tỉnh"),
            "Phó Trưởng Ban Thi đua - Khen thưởng tỉnh"
        );
        assert_eq!(position_of("Chánh Thanh tra", "Thanh tra tỉnh"), "Chánh Thanh tra tỉnh");
        assert_eq!(position_of("Giám đốc", "Sở Tư pháp"), "Giám đốc Sở Tư pháp");
        assert_eq!(
            position_of("Cục trưởng", "Cục Thi hành án dân sự tỉnh"),
            "Cục trưởng Cục Thi hành án dân sự tỉnh"
        );
        assert_eq!(position_of("", "Sở Nội vụ"), "Sở Nội vụ");
        assert_eq!(position_of("Chuyên viên", ""), "Chuyên viên");
    }

    #[test]
    fn nfd_input_becomes_nfc() {
        let nfd: String = "Khối thi đua".nfd().collect();
        assert_ne!(nfd, "Khối thi đua");
        assert_eq!(nfc(&format!("  {nfd} ")), "Khối thi đua");
    }

    #[test]
    fn prose_paragraphs_and_list_items() {
        let nfd: String = "Khối".nfd().collect();
        assert_eq!(
            paragraphs(&format!("  Một của {nfd}.  \r\n\n\n\tHai.\n   \n")),
            ["Một của Khối.", "Hai."]
        );
        assert!(paragraphs(" \n \n").is_empty());
        assert_eq!(paragraphs("a\u{2028}b"), ["a", "b"]);
        assert_eq!(
            list_items("1. Một\n2) Hai\n- Ba\n• Bốn\n\n2023 là năm\n1.000 đồng\n12.Không\n-"),
            ["Một", "Hai", "Ba", "Bốn", "2023 là năm", "1.000 đồng", "12.Không", "-"]
        );
    }

    #[test]
    fn crlf_becomes_lf() {
        assert_eq!(nfc(" a\r\nb "), "a\nb");
    }

    #[test]
    fn printable_escapes_controls_and_bidi() {
        assert_eq!(printable("Công an tỉnh"), "Công an tỉnh");
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(printable("x\0y\u{9b}z"), "x\\u{0}y\\u{9b}z");
        assert_eq!(printable("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(printable("a\nb\tc\rd"), "a\\u{a}b\\u{9}c\\u{d}d");
        assert_eq!(printable_lines("a\nb\u{1b}"), "a\nb\\u{1b}");
        let j = serde_json::to_string(&"a\u{202e}b\u{1b}\u{85}").unwrap();
        let safe = json_printable(&j);
        assert_eq!(safe, "\"a\\u202eb\\u001b\\u0085\"");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "a\u{202e}b\u{1b}\u{85}");
    }

    #[test]
    fn vietnamese_order() {
        let mut v = vec!["Ư", "Đ", "U", "D", "E", "A", "Ă", "Â", "B", "Ê", "Ô", "O", "Ơ"];
        v.sort_by(|a, b| compare_vi(a, b));
        assert_eq!(v, ["A", "Ă", "Â", "B", "D", "Đ", "E", "Ê", "O", "Ô", "Ơ", "U", "Ư"]);
        // Tones come after the base letter, in the order of Vietnamese dictionaries: ngang,
        // huyền, hỏi, ngã, sắc, nặng (ma, mà, mả, mã, má, mạ).
        assert_eq!(compare_vi("ma", "má"), Ordering::Less);
        let tones = ["ma", "mà", "mả", "mã", "má", "mạ"];
        for w in tones.windows(2) {
            assert_eq!(compare_vi(w[0], w[1]), Ordering::Less, "{} before {}", w[0], w[1]);
            assert_eq!(compare_vi(w[1], w[0]), Ordering::Greater, "{} after {}", w[1], w[0]);
        }
        assert_eq!(compare_vi("má", "mà"), Ordering::Greater);
        assert_eq!(compare_vi("má", "má"), Ordering::Equal);
        // A tone weighs less than a letter: "mạ" before "mai".
        assert_eq!(compare_vi("mạ", "mai"), Ordering::Less);
        assert_eq!(compare_vi("Đông", "Dương"), Ordering::Greater);
        assert_eq!(compare_vi("Thanh tra tỉnh", "Tòa án nhân dân tỉnh"), Ordering::Less);
        assert_eq!(compare_vi("Ưng", "Uyên"), Ordering::Greater);
    }

    #[test]
    fn folding_for_search() {
        assert_eq!(fold("Bình Định"), "binh dinh");
        assert!(matches_search("Sở Tư pháp tỉnh Bình Định", "binh dinh"));
        assert!(matches_search("Viện Kiểm sát", "KIEM SAT"));
        assert!(!matches_search("Công an tỉnh", "toa an"));
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2021, 1, 5).unwrap();
        assert_eq!(date_dmy(d), "05/01/2021");
        assert_eq!(date_in_words(d), "ngày 05 tháng 01 năm 2021");
        let d = NaiveDate::from_ymd_opt(2022, 7, 28).unwrap();
        assert_eq!(date_in_words(d), "ngày 28 tháng 7 năm 2022");
        let d = NaiveDate::from_ymd_opt(2022, 12, 16).unwrap();
        assert_eq!(place_date_line("Bình Định", d), "Bình Định, ngày 16 tháng 12 năm 2022");
        assert_eq!(
            parse_date_dmy("5/1/2021"),
            Ok(NaiveDate::from_ymd_opt(2021, 1, 5).unwrap())
        );
        assert_eq!(
            parse_date_dmy("28-07-2022").unwrap(),
            NaiveDate::from_ymd_opt(2022, 7, 28).unwrap()
        );
        assert!(parse_date_dmy("31/02/2022")
            .unwrap_err()
            .contains("không có trong lịch"));
        assert!(parse_date_dmy("2022-07-28").unwrap_err().contains("dd/mm/yyyy"));
        assert!(parse_date_dmy("12/13/2022").unwrap_err().contains("Tháng 13"));
        assert!(parse_date_dmy("").is_err());
    }

    #[test]
    fn times() {
        let t = parse_time("8:00").unwrap();
        assert_eq!(time_in_words(t), "8 giờ 00 phút");
        assert_eq!(
            parse_time("11h30").unwrap(),
            NaiveTime::from_hms_opt(11, 30, 0).unwrap()
        );
        assert_eq!(
            parse_time("7 giờ 30").unwrap(),
            NaiveTime::from_hms_opt(7, 30, 0).unwrap()
        );
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("abc").is_err());
    }

    #[test]
    fn money_and_numbers() {
        assert_eq!(money_vnd(15_000_000), "15.000.000 đ");
        assert_eq!(money_vnd(500), "500 đ");
        assert_eq!(group_thousands(-2_500_000), "-2.500.000");
        assert_eq!(parse_money("15.000.000 đ"), Ok(15_000_000));
        assert_eq!(parse_money("2,500,000"), Ok(2_500_000));
        assert!(parse_money("mười lăm").is_err());
        assert_eq!(decimal_vi(88.888_88, 2), "88,89");
        assert_eq!(two_digits(5), "05");
        assert_eq!(upper("Khối thi đua Nội chính"), "KHỐI THI ĐUA NỘI CHÍNH");
    }
}
