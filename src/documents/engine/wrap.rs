//! Breaking styled text into lines no wider than a measure. A word longer than the line is broken
//! between characters, never drawn past the margin.

use super::fonts::{metrics, Style};

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        // NFC without trimming: the spaces at a span's ends separate it from its neighbours.
        use unicode_normalization::UnicodeNormalization;
        Span {
            text: text.into().nfc().collect(),
            style,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub style: Style,
    pub width: f32,
    /// Joined to the previous word without a space (a style change inside a word).
    pub attached: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub words: Vec<Word>,
    /// The last line of its paragraph (not justified).
    pub last: bool,
}

impl Line {
    pub fn spaces(&self) -> usize {
        self.words.iter().skip(1).filter(|w| !w.attached).count()
    }

    /// Width with single spaces between words.
    pub fn natural_width(&self, size: f32) -> f32 {
        let space = metrics().width(Style::Regular, size, " ");
        self.words.iter().map(|w| w.width).sum::<f32>() + self.spaces() as f32 * space
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 && !w.attached {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

fn words(spans: &[Span], size: f32) -> Vec<Word> {
    let m = metrics();
    let mut out: Vec<Word> = Vec::new();
    let mut prev_ended_in_space = true;
    for span in spans {
        let starts_with_space = span.text.starts_with(char::is_whitespace);
        for (i, w) in span.text.split_whitespace().enumerate() {
            out.push(Word {
                text: w.to_string(),
                style: span.style,
                width: m.width(span.style, size, w),
                attached: i == 0 && !prev_ended_in_space && !starts_with_space && !out.is_empty(),
            });
        }
        if !span.text.trim().is_empty() || span.text.is_empty() {
            prev_ended_in_space = span.text.ends_with(char::is_whitespace);
        } else {
            prev_ended_in_space = true;
        }
    }
    out
}

/// Splits a word wider than `width` into pieces that fit, measuring each character once.
fn break_word(w: &Word, size: f32, width: f32) -> Vec<Word> {
    let m = metrics();
    let mut pieces = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0f32;
    for c in w.text.chars() {
        let cw = m.width(w.style, size, c.encode_utf8(&mut [0; 4]));
        if !cur.is_empty() && cur_w + cw > width {
            pieces.push((std::mem::take(&mut cur), cur_w));
            cur_w = 0.0;
        }
        cur.push(c);
        cur_w += cw;
    }
    if !cur.is_empty() {
        pieces.push((cur, cur_w));
    }
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, (text, width))| Word {
            width,
            text,
            style: w.style,
            attached: if i == 0 { w.attached } else { false },
        })
        .collect()
}

/// The widest word of `spans` at `size`: what a cell must hold without breaking inside a word.
pub fn widest_word(spans: &[Span], size: f32) -> f32 {
    words(spans, size).iter().map(|w| w.width).fold(0.0, f32::max)
}

/// The largest size from `size` down to `floor`, in half points, at which every word of `spans`
/// fits in `width`: a unit's name, a date or a number is shrunk rather than broken inside a word.
pub fn fitting_size(spans: &[Span], size: f32, width: f32, floor: f32) -> f32 {
    let widest = widest_word(spans, size);
    if widest <= width + 1e-3 || widest <= 0.0 {
        return size;
    }
    // Widths scale with the size: one measure gives the size that fits.
    let exact = size * width / widest;
    ((exact * 2.0).floor() / 2.0).clamp(floor.min(size), size)
}

/// Pairs of syllables that make one Vietnamese word in the names of agencies and titles: a line
/// of a name is never broken between them when another break will do ("NHÂN DÂN", "THI HÀNH ÁN").
const COMPOUNDS: &[&str] = &[
    "nhân dân",
    "thi hành",
    "hành án",
    "dân sự",
    "kiểm sát",
    "quân sự",
    "biên phòng",
    "bộ đội",
    "chỉ huy",
    "thanh tra",
    "tư pháp",
    "nội vụ",
    "công an",
    "tòa án",
    "trại giam",
    "quản lý",
    "thị trường",
    "hải quan",
    "kho bạc",
    "nhà nước",
    "tài chính",
    "khen thưởng",
    "thi đua",
    "ủy ban",
    "hội đồng",
    "tỉnh ủy",
    "chính trị",
    "nội chính",
    "bình định",
    "thành phố",
    "hồ chí",
    "chí minh",
    "hà nội",
    "hải phòng",
    "đà nẵng",
    "cần thơ",
    "việt nam",
    "kế hoạch",
    "đầu tư",
    "giao thông",
    "vận tải",
    "xây dựng",
    "nông nghiệp",
    "giáo dục",
    "đào tạo",
    "y tế",
    "văn hóa",
    "thể thao",
    "du lịch",
    "thông tin",
    "truyền thông",
    "khoa học",
    "công nghệ",
    "tài nguyên",
    "môi trường",
    "lao động",
    "thương binh",
    "xã hội",
    "công thương",
    "ngoại vụ",
    "dân tộc",
    "ngân hàng",
    "bảo hiểm",
    "cảnh sát",
    "an ninh",
    "kinh tế",
    "giám đốc",
    "phó giám",
    "viện trưởng",
    "chánh án",
    "cục trưởng",
    "chánh thanh",
    "giám thị",
    "trưởng ban",
    "phó trưởng",
    "khối trưởng",
    "khối phó",
    "thư ký",
    "chủ tọa",
    "kiểm phiếu",
    "thành viên",
    "đơn vị",
    "cơ quan",
    "tập thể",
    "cá nhân",
    "cộng hòa",
    "chủ nghĩa",
    "độc lập",
    "tự do",
    "hạnh phúc",
    "sơ kết",
    "tổng kết",
    "giao ước",
    "bình xét",
];

fn joined(a: &str, b: &str) -> bool {
    let pair = format!("{} {}", a.to_lowercase(), b.to_lowercase());
    let pair = pair.trim_matches(|c: char| !c.is_alphanumeric() && c != ' ');
    COMPOUNDS.contains(&pair)
}

/// Lines of even length (a centred name or title): the fewest lines the width allows, then no
/// break inside a two-syllable word when another will do, then lines as even as possible. Falls
/// back to `wrap` for a word wider than the line or a long text.
pub fn wrap_balanced(spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    let words = words(spans, size);
    let n = words.len();
    if !(2..=120).contains(&n) || words.iter().any(|w| w.width > width + 1e-3) {
        return wrap(spans, size, width, 0.0);
    }
    let space = metrics().width(Style::Regular, size, " ");
    const LINE: f32 = 4.0;
    const COMPOUND: f32 = 2.5;
    let mut best: Vec<(f32, usize)> = vec![(f32::INFINITY, 0); n + 1];
    best[0] = (0.0, 0);
    for j in 1..=n {
        // A line break before an attached piece would split a word.
        if j < n && words[j].attached {
            continue;
        }
        let mut w = 0.0f32;
        for i in (0..j).rev() {
            w += words[i].width
                + if i + 1 < j && !words[i + 1].attached {
                    space
                } else {
                    0.0
                };
            if w > width + 1e-3 {
                break;
            }
            if !best[i].0.is_finite() {
                continue;
            }
            let split = j < n && joined(&words[j - 1].text, &words[j].text);
            let cost = best[i].0 + LINE + (w / width).powi(2) + if split { COMPOUND } else { 0.0 };
            if cost < best[j].0 {
                best[j] = (cost, i);
            }
        }
    }
    if !best[n].0.is_finite() {
        return wrap(spans, size, width, 0.0);
    }
    let mut cuts = vec![n];
    let mut j = n;
    while j > 0 {
        j = best[j].1;
        cuts.push(j);
    }
    cuts.reverse();
    cuts.windows(2)
        .map(|c| {
            let mut ws: Vec<Word> = words[c[0]..c[1]].to_vec();
            if let Some(first) = ws.first_mut() {
                first.attached = false;
            }
            Line {
                words: ws,
                last: c[1] == n,
            }
        })
        .collect()
}

/// Lines of `spans` at `size`; the first line is `first_indent` narrower than `width`.
pub fn wrap(spans: &[Span], size: f32, width: f32, first_indent: f32) -> Vec<Line> {
    let space = metrics().width(Style::Regular, size, " ");
    let mut lines: Vec<Line> = Vec::new();
    let mut cur: Vec<Word> = Vec::new();
    let mut cur_width = 0.0f32;
    let avail = |lines: &Vec<Line>| if lines.is_empty() { width - first_indent } else { width };
    let mut queue: std::collections::VecDeque<Word> = words(spans, size).into();
    while let Some(w) = queue.pop_front() {
        let gap = if cur.is_empty() || w.attached { 0.0 } else { space };
        if cur_width + gap + w.width <= avail(&lines) + 1e-3 {
            cur_width += gap + w.width;
            cur.push(w);
            continue;
        }
        if cur.is_empty() {
            // Alone on a line and still too wide: break it between characters.
            let mut pieces = break_word(&w, size, avail(&lines));
            let first = pieces.remove(0);
            for p in pieces.into_iter().rev() {
                queue.push_front(p);
            }
            lines.push(Line {
                words: vec![first],
                last: false,
            });
            continue;
        }
        lines.push(Line {
            words: std::mem::take(&mut cur),
            last: false,
        });
        cur_width = 0.0;
        let mut w = w;
        w.attached = false;
        queue.push_front(w);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(Line { words: cur, last: true });
    }
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wraps_and_keeps_every_word() {
        let text = "Hội nghị thống nhất đề ra 6 nhiệm vụ, giải pháp trọng tâm để triển khai thực hiện trong 6 tháng còn lại của năm; phát huy những kết quả đạt được.";
        let lines = wrap(&[Span::new(text, Style::Regular)], 13.0, 200.0, 20.0);
        assert!(lines.len() > 2);
        let joined: Vec<String> = lines.iter().map(|l| l.text()).collect();
        assert_eq!(joined.join(" "), text);
        assert!(lines.last().unwrap().last && !lines[0].last);
    }

    #[test]
    fn a_long_word_is_broken_inside_the_measure() {
        let w = "Khốithiđua".repeat(20);
        let lines = wrap(&[Span::new(&w, Style::Bold)], 13.0, 100.0, 0.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(l.natural_width(13.0) <= 100.0 + 1e-3);
        }
        assert_eq!(lines.iter().map(|l| l.text()).collect::<String>(), w);
    }

    #[test]
    fn styles_join_inside_a_word() {
        let lines = wrap(
            &[
                Span::new("Số: ", Style::Regular),
                Span::new("05", Style::Bold),
                Span::new("/BB-KNC", Style::Regular),
            ],
            13.0,
            400.0,
            0.0,
        );
        assert_eq!(lines[0].text(), "Số: 05/BB-KNC");
    }

    proptest! {
        #[test]
        fn no_line_exceeds_the_width(words in proptest::collection::vec("[a-zđươăâêôáàảãạếềểễệ]{1,30}", 1..60), width in 40f32..500.0, indent in 0f32..30.0) {
            let text = words.join(" ");
            let lines = wrap(&[Span::new(&text, Style::Regular)], 13.0, width, indent.min(width / 2.0));
            for (i, l) in lines.iter().enumerate() {
                let avail = if i == 0 { width - indent.min(width / 2.0) } else { width };
                prop_assert!(l.natural_width(13.0) <= avail + 1e-2, "line {} of width {} > {}", i, l.natural_width(13.0), avail);
            }
            let back: String = lines.iter().flat_map(|l| l.words.iter().map(|w| w.text.clone())).collect();
            prop_assert_eq!(back, words.concat());
        }
    }
}
