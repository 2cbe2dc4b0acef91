//! The page engine itself: wrapping inside the measure, tables across pages with repeated headers,
//! page numbers from page 2, signature blocks kept with their title.

mod common;
mod pdf_read;

use khoithidua::documents::engine::layout::Item;
use khoithidua::documents::engine::*;
use khoithidua::domain::Margins;

fn spec() -> PageSpec {
    PageSpec::a4_portrait(Margins::default())
}

fn para(text: &str) -> Block {
    let mut p = Para::text(text, Style::Regular, 14.0, Align::Justify);
    p.first_indent = 36.0;
    p.space_after = 6.0;
    Block::Para(p)
}

const TEXT: &str = "Các cơ quan, đơn vị trong Khối đã tích cực hưởng ứng, chủ động bám sát những nhiệm vụ công tác trọng tâm, đề ra các chỉ tiêu, nội dung thi đua cụ thể, phù hợp với chức năng, nhiệm vụ của từng ngành, cơ quan, đơn vị, với những khẩu hiệu hành động cụ thể.";

/// The drawn extent of a text item: its words plus the spacing added after them.
fn right_edge(item: &Item) -> Option<f32> {
    match item {
        Item::Text { x, size, words, .. } => {
            let m = fonts::metrics();
            Some(
                x + words
                    .iter()
                    .map(|(t, s, after)| m.width(*s, *size, t) + after)
                    .sum::<f32>(),
            )
        }
        _ => None,
    }
}

/// Paragraphs, an unbreakable long word and a long table: pages full to every margin.
fn crowded_blocks() -> Vec<Block> {
    let long_word = "Khốithiđuanộichính".repeat(8);
    let mut blocks: Vec<Block> = (0..40).map(|_| para(TEXT)).collect();
    blocks.push(para(&long_word));
    blocks.push(Block::Table(Table {
        cols: vec![
            TableCol {
                share: 1.0,
                align: Align::Center,
            },
            TableCol {
                share: 4.0,
                align: Align::Left,
            },
            TableCol {
                share: 2.0,
                align: Align::Right,
            },
        ],
        header: vec!["STT".into(), "Đơn vị".into(), "Điểm".into()],
        rows: (0..30)
            .map(|i| vec![i.to_string(), format!("{TEXT} {long_word}"), "95,5".into()])
            .collect(),
        size: 12.0,
        bold_rows: vec![],
    }));
    blocks
}

/// The page number of page `n` (from 0): the first item of pages after the first, its number as
/// text, its whole line box inside the top margin.
fn is_page_number(item: &Item, page: &Page, n: usize, s: &PageSpec) -> bool {
    match item {
        Item::Text { y, size, words, .. } => {
            n > 0
                && page.items.first() == Some(item)
                && words.len() == 1
                && words[0].0 == (n + 1).to_string()
                && *y < s.top()
                && *y - size > 0.0
        }
        _ => false,
    }
}

/// Every line's box (the em above the baseline, the font's descent below it) and every rule inside
/// the margins of `s`; only the page number stands in the top margin.
fn assert_inside_the_margins(pages: &[Page], s: PageSpec) {
    let m = fonts::metrics();
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            match item {
                Item::Text { x, y, size, words } => {
                    let edge = right_edge(item).unwrap();
                    let what = words.iter().map(|w| w.0.as_str()).collect::<String>();
                    assert!(x >= &(s.left() - 0.05), "page {}: {what:?} starts at {x}", n + 1);
                    assert!(
                        edge <= s.left() + s.text_width() + 0.05,
                        "page {}: {what:?} ends at {edge}",
                        n + 1
                    );
                    if is_page_number(item, page, n, &s) {
                        continue;
                    }
                    assert!(
                        y - size >= s.top() - 0.05,
                        "page {}: {what:?} (baseline {y}, {size} pt) reaches into the top margin at {}",
                        n + 1,
                        s.top()
                    );
                    let descent = m.descent(words[0].1, *size);
                    assert!(
                        y + descent <= s.bottom() + 0.5,
                        "page {}: {what:?} (baseline {y}) reaches into the bottom margin at {}",
                        n + 1,
                        s.bottom()
                    );
                }
                Item::Rule { x1, y1, x2, y2, .. } => {
                    for (x, y) in [(x1, y1), (x2, y2)] {
                        assert!(
                            *x >= s.left() - 0.05 && *x <= s.left() + s.text_width() + 0.05,
                            "page {}: a rule at x {x}",
                            n + 1
                        );
                        assert!(
                            *y >= s.top() - 0.05 && *y <= s.bottom() + 0.05,
                            "page {}: a rule at y {y}",
                            n + 1
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn no_text_passes_the_margins() {
    let wide = Margins {
        top: 27.0,
        bottom: 24.0,
        left: 36.0,
        right: 21.0,
    };
    for margins in [Margins::default(), wide] {
        let s = PageSpec::a4_portrait(margins);
        let blocks = crowded_blocks();
        let pages = Layout::new(s).place_all(&blocks);
        assert!(pages.len() > 5);
        assert_inside_the_margins(&pages, s);
        // The text starts at the left margin and fills the page down to the bottom one.
        let first = &pages[0].items;
        let xs = first.iter().filter_map(|i| match i {
            Item::Text { x, .. } => Some(*x),
            _ => None,
        });
        assert!((xs.fold(f32::MAX, f32::min) - s.left()).abs() < 0.05);
        let lowest = first
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, .. } => Some(*y),
                _ => None,
            })
            .fold(f32::MIN, f32::max);
        assert!(s.bottom() - lowest < 2.0 * 14.0 * 1.2, "page 1 ends at {lowest}");

        // The same in the PDF, read back from its operators with the widths and the ascent and
        // descent the PDF gives its font.
        let (bytes, n) = to_pdf("Lề", s, &blocks);
        let d = pdf_read::read(&bytes);
        assert_eq!(d.pages, n);
        let (w, h) = d.size(1);
        let (left, right, top, bottom) = (s.left(), w - margins.right * MM, h - s.top(), margins.bottom * MM);
        for r in &d.runs {
            if r.y > top {
                assert!(r.page >= 2 && r.text == r.page.to_string(), "{r:?} in the top margin");
                continue;
            }
            assert!(
                r.x >= left - 0.5 && r.x_end <= right + 0.5 && r.top() <= top + 0.5 && r.bottom() >= bottom - 0.5,
                "{r:?} outside the margins ({left}–{right}, {bottom}–{top})"
            );
        }
        let numbers: Vec<usize> = d.runs.iter().filter(|r| r.y > top).map(|r| r.page).collect();
        assert_eq!(
            numbers,
            (2..=n).collect::<Vec<_>>(),
            "one page number on each page from page 2"
        );
        for g in &d.segs {
            for (x, y) in [(g.x1, g.y1), (g.x2, g.y2)] {
                assert!(
                    x >= left - 0.5 && x <= right + 0.5 && y <= top + 0.5 && y >= bottom - 0.5,
                    "{g:?}"
                );
            }
        }
    }
}

#[test]
fn a_200_row_table_repeats_its_header_on_every_page() {
    let table = Table {
        cols: vec![
            TableCol {
                share: 1.0,
                align: Align::Center,
            },
            TableCol {
                share: 5.0,
                align: Align::Left,
            },
        ],
        header: vec!["Hạng".into(), "Đơn vị thành viên".into()],
        rows: (1..=200)
            .map(|i| vec![i.to_string(), format!("Đơn vị số {i}")])
            .collect(),
        size: 12.0,
        bold_rows: vec![],
    };
    let (bytes, n) = to_pdf("Bảng", spec(), &[Block::Table(table)]);
    assert!(n >= 5, "{n} pages");
    let pages = common::pdf_pages(&bytes);
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains("Hạng Đơn vị thành viên"),
            "page {} has no header: {}",
            i + 1,
            p.chars().take(60).collect::<String>()
        );
    }
    // Every row appears exactly once, in order.
    let all = format!("{} ", pages.join(" "));
    let mut at = 0;
    for i in 1..=200 {
        let needle = format!(" Đơn vị số {i} ");
        let found = all[at..].find(&needle).unwrap_or_else(|| panic!("row {i} missing"));
        at += found + 1;
        assert_eq!(all.matches(&needle).count(), 1);
    }
}

#[test]
fn page_numbers_start_on_page_2_centred_in_the_top_margin() {
    let s = spec();
    let blocks: Vec<Block> = (0..60).map(|_| para(TEXT)).collect();
    let pages = Layout::new(s).place_all(&blocks);
    assert!(pages.len() >= 3);
    let number = |p: &Page| {
        p.items.iter().find_map(|i| match i {
            Item::Text { y, words, x, .. } if *y < s.top() => Some((words[0].0.clone(), *x)),
            _ => None,
        })
    };
    assert_eq!(number(&pages[0]), None);
    for (i, p) in pages.iter().enumerate().skip(1) {
        let (n, x) = number(p).expect("a page number");
        assert_eq!(n, (i + 1).to_string());
        let centre = s.left() + s.text_width() / 2.0;
        assert!((x - centre).abs() < 10.0, "page number at {x}, centre {centre}");
    }
}

#[test]
fn a_signature_block_is_never_split_from_its_title() {
    let s = spec();
    let signature = |title: &str| {
        Block::Columns(vec![Column {
            x: 200.0,
            width: 250.0,
            items: vec![
                ColItem::Para(Para::text(title, Style::Bold, 14.0, Align::Center)),
                ColItem::Space(70.0),
                ColItem::Para(Para::text("Nguyễn Văn Hùng", Style::Bold, 14.0, Align::Center)),
            ],
        }])
    };
    // Fill the page so that only the closing line would fit at its foot.
    for filler in 20..40 {
        let mut blocks: Vec<Block> = (0..filler).map(|_| para("Một dòng.")).collect();
        blocks.push(Block::KeepTogether(vec![
            para("Hội nghị kết thúc vào lúc 11 giờ 30 phút cùng ngày./."),
            signature("CHỦ TỌA"),
        ]));
        let pages = Layout::new(s).place_all(&blocks);
        let page_of = |needle: &str| {
            pages
                .iter()
                .position(|p| {
                    p.items
                        .iter()
                        .any(|i| matches!(i, Item::Text { words, .. } if words.iter().any(|w| w.0.contains(needle))))
                })
                .unwrap()
        };
        let closing = page_of("kết");
        assert_eq!(closing, page_of("CHỦ"), "filler {filler}");
        assert_eq!(page_of("CHỦ"), page_of("Hùng"), "filler {filler}");
    }
}

fn unit_table(rows: Vec<Vec<String>>) -> Table {
    Table {
        cols: vec![
            TableCol {
                share: 0.8,
                align: Align::Center,
            },
            TableCol {
                share: 4.0,
                align: Align::Left,
            },
            TableCol {
                share: 1.0,
                align: Align::Center,
            },
        ],
        header: vec!["STT".into(), "Tên đơn vị".into(), "Ngày".into()],
        rows,
        size: 12.0,
        bold_rows: vec![],
    }
}

/// Every drawn word, in order, with the page it is on.
fn drawn_words(pages: &[Page]) -> Vec<(usize, String)> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| {
            p.items.iter().filter_map(move |i| match i {
                Item::Text { words, .. } => Some((n, words.iter().map(|w| w.0.as_str()).collect::<String>())),
                _ => None,
            })
        })
        .flat_map(|(n, line)| line.split_whitespace().map(|w| (n, w.to_string())).collect::<Vec<_>>())
        .collect()
}

#[test]
fn a_row_taller_than_a_page_continues_on_the_next_with_the_header() {
    let s = spec();
    let name: String = (0..1441).map(|i| format!("từ{i}")).collect::<Vec<_>>().join(" ");
    assert!(name.chars().count() > 5000);
    let rows = vec![
        vec!["1".into(), "Công an tỉnh".into(), "04/01/2023".into()],
        vec!["2".into(), name.clone(), "05/01/2023".into()],
        vec!["3".into(), "Sở Tư pháp".into(), "06/01/2023".into()],
    ];
    let pages = Layout::new(s).place_all(&[Block::Table(unit_table(rows))]);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    // No line below the bottom margin, no word lost, in order.
    for (n, p) in pages.iter().enumerate() {
        for i in &p.items {
            match i {
                Item::Text { y, .. } => assert!(*y <= s.bottom() + 0.05, "page {}: text at {y}", n + 1),
                Item::Rule { y1, y2, .. } => {
                    assert!(y1.max(*y2) <= s.bottom() + 0.05, "page {}: border at {y1}", n + 1)
                }
            }
        }
    }
    let words: Vec<String> = drawn_words(&pages).into_iter().map(|w| w.1).collect();
    let expected: Vec<&str> = name.split_whitespace().collect();
    let at = words.iter().position(|w| w == "từ0").expect("the name starts");
    for (k, want) in expected.iter().enumerate() {
        let got = words[at..].iter().filter(|w| w.starts_with("từ")).nth(k);
        assert_eq!(got.map(String::as_str), Some(*want), "word {k} of the long name");
    }
    assert_eq!(words.iter().filter(|w| w.starts_with("từ")).count(), expected.len());
    // The header row repeats on every page the table continues on.
    for (n, p) in pages.iter().enumerate() {
        let has_header = p
            .items
            .iter()
            .any(|i| matches!(i, Item::Text { words, .. } if words.iter().any(|w| w.0.contains("Tên"))));
        assert!(has_header, "page {} without the header", n + 1);
    }
    assert!(words.contains(&"Sở".to_string()));
}

#[test]
fn a_cell_never_breaks_inside_a_date_or_a_number() {
    let s = spec();
    // A narrow column that cannot hold the date at 12 pt.
    let table = Table {
        cols: vec![
            TableCol {
                share: 0.7,
                align: Align::Center,
            },
            TableCol {
                share: 9.0,
                align: Align::Left,
            },
        ],
        header: vec!["Ngày".into(), "Nội dung".into()],
        rows: vec![
            vec!["04/01/2023".into(), "Hội nghị".into()],
            vec!["1.234.567,89".into(), "Số tiền".into()],
        ],
        size: 12.0,
        bold_rows: vec![],
    };
    let pages = Layout::new(s).place_all(&[Block::Table(table)]);
    let words: Vec<String> = drawn_words(&pages).into_iter().map(|w| w.1).collect();
    assert!(words.contains(&"04/01/2023".to_string()), "{words:?}");
    assert!(words.contains(&"1.234.567,89".to_string()), "{words:?}");
    assert_no_text_past_the_margin(&pages, s);
}

fn assert_no_text_past_the_margin(pages: &[Page], s: PageSpec) {
    for p in pages {
        for i in &p.items {
            if let Some(edge) = right_edge(i) {
                assert!(edge <= s.left() + s.text_width() + 0.05, "text ends at {edge}");
            }
        }
    }
}

#[test]
fn an_attachment_starts_a_page_numbered_on_its_own() {
    let s = spec();
    let mut blocks: Vec<Block> = (0..45).map(|_| para(TEXT)).collect();
    blocks.push(Block::Attachment);
    blocks.extend((0..45).map(|_| para(TEXT)));
    let pages = Layout::new(s).place_all(&blocks);
    let number = |p: &Page| {
        p.items.iter().find_map(|i| match i {
            Item::Text { y, words, .. } if *y < s.top() => Some(words[0].0.clone()),
            _ => None,
        })
    };
    let numbers: Vec<Option<String>> = pages.iter().map(number).collect();
    let restart = numbers
        .iter()
        .skip(1)
        .position(|n| n.is_none())
        .expect("the attachment's first page")
        + 1;
    assert!(restart >= 2);
    for (i, n) in numbers[..restart].iter().enumerate().skip(1) {
        assert_eq!(n.as_deref(), Some((i + 1).to_string().as_str()));
    }
    for (i, n) in numbers[restart..].iter().enumerate().skip(1) {
        assert_eq!(
            n.as_deref(),
            Some((i + 1).to_string().as_str()),
            "attachment page {}",
            i + 1
        );
    }
    assert!(pages.len() - restart >= 2);
}

#[test]
fn a_huge_name_is_wrapped_in_linear_time() {
    let s = spec();
    let measure = |n: usize| {
        let word: String = "Khốithiđua ".repeat(n / 11) + &"đ".repeat(n / 2);
        let t = std::time::Instant::now();
        let lines = wrap::wrap(&[Span::new(&word, Style::Bold)], 13.0, s.text_width(), 0.0);
        (t.elapsed(), lines.len())
    };
    let (small, l1) = measure(100_000);
    let (big, l2) = measure(400_000);
    assert!(l2 > 3 * l1);
    // Four times the text: about four times the time (a quadratic wrap would take sixteen).
    assert!(
        big.as_secs_f64() < 8.0 * small.as_secs_f64().max(0.01),
        "100 k: {small:?}, 400 k: {big:?}"
    );
}

#[test]
fn a_character_the_font_lacks_is_refused_before_rendering() {
    let meta = Meta {
        title: "Biên bản".into(),
        author: "Khối thi đua".into(),
    };
    let blocks = vec![para("Chúc mừng 🎉 năm mới"), para(TEXT)];
    let err = document(&meta, spec(), &blocks).expect_err("refused");
    assert_eq!(err.chars, vec!['🎉']);
    let msg = err.to_string();
    assert!(
        msg.starts_with("Không in được \u{201c}Chúc mừng 🎉 năm mới\u{201d}"),
        "{msg}"
    );
    assert!(msg.contains("U+1F389"), "{msg}");
    // In a table cell too.
    let t = unit_table(vec![vec!["1".into(), "Đơn vị 北京".into(), String::new()]]);
    assert!(document(&meta, spec(), &[Block::Table(t)]).is_err());
    assert!(document(&meta, spec(), &[para(TEXT)]).is_ok());
}
