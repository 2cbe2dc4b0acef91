//! The page engine itself: wrapping inside the measure, tables across pages with repeated headers,
//! page numbers from page 2, signature blocks kept with their title.

mod common;

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

#[test]
fn no_text_passes_the_margins() {
    let s = spec();
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
    let pages = Layout::new(s).place_all(&blocks);
    assert!(pages.len() > 5);
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Some(edge) = right_edge(item) {
                assert!(
                    edge <= s.left() + s.text_width() + 0.05,
                    "page {}: text ends at {edge}",
                    n + 1
                );
            }
            if let Item::Text { x, y, size, .. } = item {
                assert!(*x >= s.left() - 0.05, "page {}: text starts at {x}", n + 1);
                let number = page.items.first() == Some(item) && n > 0;
                if !number {
                    assert!(
                        *y - size >= s.top() - 0.05 || *y < s.top(),
                        "page {}: above the top margin",
                        n + 1
                    );
                    assert!(*y <= s.bottom() + 0.05, "page {}: below the bottom margin ({y})", n + 1);
                }
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
