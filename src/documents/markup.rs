//! The little markup of a draft's paragraphs: `**đậm**`, `*nghiêng*`, `***đậm nghiêng***`, and `\*`
//! for an asterisk. A clerk edits a paragraph as one line of text and can still keep (or make) a
//! word bold; everything taken from the data is escaped, so a name with an asterisk prints as typed.

use super::engine::{Span, Style};

/// The text of `s` as a paragraph that prints it exactly.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '*' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Spans written as markup: the inverse of [`parse`].
pub fn from_spans(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        let mark = match s.style {
            Style::Regular => "",
            Style::Italic => "*",
            Style::Bold => "**",
            Style::BoldItalic => "***",
        };
        // The span's own spaces stay inside its markers, so that a paragraph prints as before.
        if !s.text.is_empty() {
            out.push_str(mark);
            out.push_str(&escape(&s.text));
            out.push_str(mark);
        }
    }
    out
}

/// The styled runs of a paragraph. An unclosed marker is kept as text: nothing typed is lost.
pub fn parse(s: &str) -> Vec<Span> {
    let chars: Vec<char> = s.chars().collect();
    let mut spans: Vec<Span> = Vec::new();
    let mut text = String::new();
    let mut bold = false;
    let mut italic = false;
    let style = |bold: bool, italic: bool| match (bold, italic) {
        (false, false) => Style::Regular,
        (true, false) => Style::Bold,
        (false, true) => Style::Italic,
        (true, true) => Style::BoldItalic,
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && matches!(chars[i + 1], '*' | '\\') {
            text.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c != '*' {
            text.push(c);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&c| c == '*').count().min(3);
        let (b, it) = match run {
            3 => (true, true),
            2 => (true, false),
            _ => (false, true),
        };
        // A marker that opens must be closed later; otherwise it is a literal asterisk.
        let opening = (b && !bold) || (it && !italic);
        if opening && !closes_later(&chars[i + run..], run) {
            text.extend(std::iter::repeat_n('*', run));
            i += run;
            continue;
        }
        if !text.is_empty() {
            spans.push(Span::new(std::mem::take(&mut text), style(bold, italic)));
        }
        if b {
            bold = !bold;
        }
        if it {
            italic = !italic;
        }
        i += run;
    }
    if !text.is_empty() {
        spans.push(Span::new(text, style(bold, italic)));
    }
    spans
}

/// Whether a run of `n` unescaped asterisks follows.
fn closes_later(rest: &[char], n: usize) -> bool {
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            '\\' => i += 2,
            '*' => {
                let run = rest[i..].iter().take_while(|&&c| c == '*').count();
                if run >= n {
                    return true;
                }
                i += run;
            }
            _ => i += 1,
        }
    }
    false
}

/// The text without its markup.
pub fn plain(s: &str) -> String {
    parse(s).into_iter().map(|s| s.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(s: &str) -> Vec<(String, Style)> {
        parse(s).into_iter().map(|s| (s.text, s.style)).collect()
    }

    #[test]
    fn bold_italic_and_both() {
        assert_eq!(
            runs("- Số phiếu: **9 phiếu;**"),
            vec![
                ("- Số phiếu: ".to_string(), Style::Regular),
                ("9 phiếu;".to_string(), Style::Bold)
            ]
        );
        assert_eq!(
            runs("chủ đề: ***“Đoàn kết”***, với"),
            vec![
                ("chủ đề: ".to_string(), Style::Regular),
                ("“Đoàn kết”".to_string(), Style::BoldItalic),
                (", với".to_string(), Style::Regular)
            ]
        );
        assert_eq!(runs("*(Có danh sách kèm theo)*")[0].1, Style::Italic);
    }

    #[test]
    fn data_with_asterisks_prints_as_typed() {
        for s in ["Công an * tỉnh", "a\\b", "**", "5*3 = 15", "\\*"] {
            assert_eq!(plain(&escape(s)), s);
            assert_eq!(runs(&escape(s)).len(), 1);
        }
    }

    #[test]
    fn an_unclosed_marker_is_kept_as_text() {
        assert_eq!(plain("điểm * 2"), "điểm * 2");
        assert_eq!(plain("**đậm"), "**đậm");
    }

    #[test]
    fn spans_round_trip() {
        let spans = vec![
            Span::new("1. ", Style::Bold),
            Span::new("Nội dung *có sao*", Style::Regular),
            Span::new(" ", Style::Regular),
            Span::new("nghiêng", Style::Italic),
        ];
        let back = parse(&from_spans(&spans));
        let text: String = back.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "1. Nội dung *có sao* nghiêng");
        assert_eq!(back[0].style, Style::Bold);
        assert_eq!(back.last().unwrap().style, Style::Italic);
    }
}
