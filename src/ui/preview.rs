//! The page preview beside a draft: the pages the PDF is made from, drawn on canvases. Every line
//! is where the PDF puts it: the same layout ([`Draft::pages`]), the same font (Liberation Serif,
//! loaded into the window with [`FONTS`]), words placed by the same metrics the PDF's justification
//! uses, page numbers where the layout prints them.
//!
//! A page is first turned into draw operations in page points ([`page_ops`], tested without a
//! window); the canvas only scales and emits them ([`draw_ops`]), once per page until it changes.

use crate::documents::engine::fonts::{metrics, SERIF};
use crate::documents::engine::layout::Item;
use crate::documents::engine::{Page, PageSpec, Style};
use crate::documents::Draft;
use iced::advanced::text::Shaping;
use iced::alignment::Vertical;
use iced::font::{self, Weight};
use iced::mouse;
use iced::widget::canvas::{self, Cache, Frame, Geometry, Path, Stroke};
use iced::widget::text::LineHeight;
use iced::widget::{column, container, responsive, scrollable, text};
use iced::{Border, Color, Element, Font, Length, Pixels, Point, Rectangle, Renderer, Size, Theme};
use std::sync::OnceLock;

/// The serif of the documents in its four styles (regular, bold, italic, bold italic): the window
/// loads them so that the preview draws in the PDF's font.
pub const FONTS: [&[u8]; 4] = SERIF;

/// [`FONTS`], for the application builder.
pub fn fonts() -> [&'static [u8]; 4] {
    FONTS
}

/// The serif in `style`, as the window names it.
pub fn serif(style: Style) -> Font {
    let mut f = Font::with_name("Liberation Serif");
    if matches!(style, Style::Bold | Style::BoldItalic) {
        f.weight = Weight::Bold;
    }
    if matches!(style, Style::Italic | Style::BoldItalic) {
        f.style = font::Style::Italic;
    }
    f
}

/// One thing to draw on a page, in page points (y from the top).
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A run of words in one style: its left edge at `x`, its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

/// A page as draw operations. Each word starts where the PDF draws it: after the previous word's
/// advance (the font's metrics, its space included) and its justification; words of one style
/// with nothing added between them go in one run.
pub fn page_ops(page: &Page) -> Vec<Op> {
    let m = metrics();
    let mut ops = Vec::with_capacity(page.items.len() * 2);
    for item in &page.items {
        match item {
            Item::Text { x, y, size, words } => {
                let mut pen = *x;
                // The run being gathered: its start, style and text.
                let mut run: Option<(f32, Style, String)> = None;
                for (word, style, after) in words {
                    match &mut run {
                        Some((_, s, t)) if *s == *style => t.push_str(word),
                        _ => {
                            flush(&mut ops, run.take(), *y, *size);
                            run = Some((pen, *style, word.clone()));
                        }
                    }
                    pen += m.width(*style, *size, word) + after;
                    if after.abs() > 0.001 {
                        flush(&mut ops, run.take(), *y, *size);
                    }
                }
                flush(&mut ops, run, *y, *size);
            }
            Item::Rule { x1, y1, x2, y2, width } => ops.push(Op::Line {
                x1: *x1,
                y1: *y1,
                x2: *x2,
                y2: *y2,
                width: *width,
            }),
        }
    }
    ops
}

fn flush(ops: &mut Vec<Op>, run: Option<(f32, Style, String)>, y: f32, size: f32) {
    if let Some((x, style, mut text)) = run {
        text.truncate(text.trim_end().len());
        if !text.is_empty() {
            ops.push(Op::Text {
                x,
                y,
                size,
                style,
                text,
            });
        }
    }
}

/// Ascent and descent of the serif in each style, as fractions of the size: what the window's text
/// engine places a line's baseline by (hhea, or OS/2 typographic when the font asks for it).
fn vertical_metrics() -> &'static [(f32, f32); 4] {
    static V: OnceLock<[(f32, f32); 4]> = OnceLock::new();
    V.get_or_init(|| {
        SERIF.map(|bytes| {
            let face = ttf_parser::Face::parse(bytes, 0).expect("the embedded font parses");
            let upem = f32::from(face.units_per_em());
            (f32::from(face.ascender()) / upem, -f32::from(face.descender()) / upem)
        })
    })
}

/// Draws `ops` on `frame` at `scale` pixels per point. Text goes in with its line exactly as tall
/// as the font's ascent and descent, so its top is the baseline less the ascent.
pub fn draw_ops(frame: &mut Frame, ops: &[Op], scale: f32) {
    let vm = vertical_metrics();
    for op in ops {
        match op {
            Op::Text {
                x,
                y,
                size,
                style,
                text,
            } => {
                let (ascent, descent) = vm[style.index()];
                let px = size * scale;
                frame.fill_text(canvas::Text {
                    content: text.clone(),
                    position: Point::new(x * scale, (y - ascent * size) * scale),
                    color: Color::BLACK,
                    size: Pixels(px),
                    line_height: LineHeight::Absolute(Pixels(px * (ascent + descent))),
                    font: serif(*style),
                    align_y: Vertical::Top,
                    // As the PDF: the font's advances, no kerning.
                    shaping: Shaping::Basic,
                    ..canvas::Text::default()
                });
            }
            Op::Line { x1, y1, x2, y2, width } => {
                let path = Path::line(Point::new(x1 * scale, y1 * scale), Point::new(x2 * scale, y2 * scale));
                // Never fainter than most of a pixel: a table's borders stay visible when small.
                frame.stroke(
                    &path,
                    Stroke::default()
                        .with_color(Color::BLACK)
                        .with_width((width * scale).max(0.7)),
                );
            }
        }
    }
}

/// One page: its layout, its draw operations and its canvas's geometry.
struct Sheet {
    page: Page,
    ops: Vec<Op>,
    cache: Cache,
    /// Bumped each time the page changes (its cache cleared).
    version: u64,
}

impl Sheet {
    fn new(page: Page) -> Self {
        Sheet {
            ops: page_ops(&page),
            page,
            cache: Cache::new(),
            version: 0,
        }
    }
}

/// The pages of a draft as the window shows them.
pub struct Preview {
    spec: PageSpec,
    sheets: Vec<Sheet>,
}

/// Room around the pages and between them, in pixels.
const GAP: f32 = 12.0;
/// Room kept on the right for the scroll bar.
const SCROLLBAR: f32 = 14.0;
const BACKGROUND: Color = Color::from_rgb(0.87, 0.88, 0.9);

/// The size a page is drawn at in a pane `available` pixels wide: the page's proportions, the
/// pane's width less the gaps and the scroll bar.
pub fn page_size(spec: &PageSpec, available: f32) -> Size {
    let w = (available - 2.0 * GAP - SCROLLBAR).max(60.0);
    Size::new(w, w * spec.height / spec.width)
}

impl Preview {
    pub fn new(draft: &Draft) -> Self {
        Preview {
            spec: draft.spec(),
            sheets: draft.pages().into_iter().map(Sheet::new).collect(),
        }
    }

    /// Lays `draft` out again; only the pages that changed are drawn again.
    pub fn update(&mut self, draft: &Draft) {
        let spec = draft.spec();
        let pages = draft.pages();
        if spec != self.spec {
            self.spec = spec;
            self.sheets.clear();
        }
        self.sheets.truncate(pages.len());
        for (i, page) in pages.into_iter().enumerate() {
            match self.sheets.get_mut(i) {
                Some(s) if s.page == page => {}
                Some(s) => {
                    s.ops = page_ops(&page);
                    s.page = page;
                    s.cache.clear();
                    s.version += 1;
                }
                None => self.sheets.push(Sheet::new(page)),
            }
        }
    }

    pub fn page_count(&self) -> usize {
        self.sheets.len()
    }

    pub fn spec(&self) -> PageSpec {
        self.spec
    }

    /// Page `index`'s draw operations, in page points.
    pub fn ops(&self, index: usize) -> &[Op] {
        self.sheets.get(index).map_or(&[], |s| &s.ops)
    }

    /// Every line of text as drawn, one a line, page after page.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for s in &self.sheets {
            for item in &s.page.items {
                if let Item::Text { words, .. } = item {
                    let line: String = words.iter().map(|w| w.0.as_str()).collect();
                    out.push_str(line.trim());
                    out.push('\n');
                }
            }
        }
        out
    }

    /// Page `index` alone, `width` pixels wide, on white with no frame around it.
    pub fn page<'a, M: 'a>(&'a self, index: usize, width: f32) -> Element<'a, M> {
        let size = page_size(&self.spec, width + 2.0 * GAP + SCROLLBAR);
        match self.sheets.get(index) {
            Some(sheet) => canvas::Canvas::new(Sheetview {
                sheet,
                width: self.spec.width,
            })
            .width(size.width)
            .height(size.height)
            .into(),
            None => text("").into(),
        }
    }

    /// The pages one under another, as wide as the pane, on grey, each with "Trang 2/3" under it.
    pub fn view<'a, M: 'a>(&'a self) -> Element<'a, M> {
        responsive(move |available| {
            let size = page_size(&self.spec, available.width);
            let n = self.sheets.len();
            let pages = self.sheets.iter().enumerate().map(|(i, sheet)| {
                let page = container(
                    canvas::Canvas::new(Sheetview {
                        sheet,
                        width: self.spec.width,
                    })
                    .width(size.width)
                    .height(size.height),
                )
                .style(paper);
                column![
                    page,
                    text(format!("Trang {}/{}", i + 1, n))
                        .size(12)
                        .color(Color::from_rgb(0.3, 0.3, 0.33))
                ]
                .spacing(4)
                .align_x(iced::Alignment::Center)
                .into()
            });
            let pages = iced::widget::Column::with_children(pages)
                .spacing(GAP)
                .padding(GAP)
                .width(Length::Fill)
                .align_x(iced::Alignment::Center);
            container(scrollable(pages).width(Length::Fill).height(Length::Fill))
                .style(|_: &Theme| container::Style {
                    background: Some(BACKGROUND.into()),
                    ..container::Style::default()
                })
                .width(Length::Fill)
                .height(Length::Fill)
                .into()
        })
        .into()
    }
}

/// A sheet of paper: white, a thin grey edge.
fn paper(_: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::WHITE.into()),
        border: Border {
            color: Color::from_rgb(0.7, 0.7, 0.72),
            width: 1.0,
            radius: 0.0.into(),
        },
        // No shadow: the software renderer draws a shadow outside the scrollable's clip, over
        // the rest of the window.
        ..container::Style::default()
    }
}

/// A page on a canvas, scaled to the canvas's width.
struct Sheetview<'a> {
    sheet: &'a Sheet,
    /// The page's width in points.
    width: f32,
}

impl<M> canvas::Program<M> for Sheetview<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let scale = bounds.width / self.width;
        vec![self
            .sheet
            .cache
            .draw(renderer, bounds.size(), |frame| draw_ops(frame, &self.sheet.ops, scale))]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::draft::Piece;
    use crate::documents::{minutes_draft, Issue};
    use crate::domain::ConferenceKind;
    use crate::store::Store;

    fn minutes() -> Draft {
        let mut demo = Store::open_in_memory().expect("memory store");
        crate::demo::write_demo(&mut demo).expect("demo");
        let year = demo.load_year(2022).expect("2022");
        let conf = year
            .conferences
            .iter()
            .find(|c| c.kind == ConferenceKind::YearEnd)
            .expect("year-end")
            .clone();
        let issue = Issue {
            number: Some("02/BB-KNC".into()),
            date: conf.date,
        };
        minutes_draft(&year, &conf, &issue)
    }

    fn texts(ops: &[Op]) -> Vec<(f32, f32, f32, Style, &str)> {
        ops.iter()
            .filter_map(|o| match o {
                Op::Text {
                    x,
                    y,
                    size,
                    style,
                    text,
                } => Some((*x, *y, *size, *style, text.as_str())),
                Op::Line { .. } => None,
            })
            .collect()
    }

    #[test]
    fn the_minutes_header_starts_where_the_layout_puts_it() {
        let d = minutes();
        let p = Preview::new(&d);
        let page = &d.pages()[0];
        let Some(Item::Text { x, y, size, words }) = page.items.first() else {
            panic!("the first page starts with text")
        };
        let first = texts(p.ops(0))[0];
        assert_eq!((first.0, first.1, first.2, first.3), (*x, *y, *size, words[0].1));
        assert_eq!(first.4, d.header.managing_body, "the header's first line");
        assert!(first.4.starts_with(words[0].0.trim()));
        // In the left column of the header, in the top margin's room.
        let spec = d.spec();
        assert!(*x >= spec.left() && *x < spec.width / 2.0);
        assert!(*y > spec.top() && *y < spec.top() + 2.0 * size);
    }

    #[test]
    fn the_minutes_preview_has_the_pdf_pages_numbered_from_the_second() {
        let d = minutes();
        let p = Preview::new(&d);
        let pdf = d.render().expect("printable");
        assert_eq!(p.page_count(), pdf.pages);
        assert_eq!(p.page_count(), 3, "the demo's year-end minutes");
        let spec = d.spec();
        let number_at = |i: usize| -> Option<(f32, String)> {
            texts(p.ops(i))
                .into_iter()
                .find(|t| t.1 < spec.top())
                .map(|t| (t.0 + metrics().width(t.3, t.2, t.4) / 2.0, t.4.to_string()))
        };
        assert_eq!(number_at(0), None, "no number on the first page");
        for i in 1..3 {
            let (centre, n) = number_at(i).expect("a page number");
            assert_eq!(n, (i + 1).to_string());
            assert!((centre - (spec.left() + spec.text_width() / 2.0)).abs() < 0.01);
        }
        // The same lines as the PDF, in the same order.
        assert_eq!(p.text().lines().collect::<Vec<_>>(), pdf.lines);
    }

    #[test]
    fn justified_lines_reach_the_right_margin_as_in_the_pdf() {
        let d = minutes();
        let spec = d.spec();
        let right = spec.left() + spec.text_width();
        let mut justified = 0;
        for (i, page) in d.pages().iter().enumerate() {
            let mut all = Vec::new();
            for item in &page.items {
                let Item::Text { x, y, words, .. } = item else { continue };
                let ops = page_ops(&Page {
                    items: vec![item.clone()],
                });
                all.extend(ops.iter().cloned());
                let line = texts(&ops);
                // The same words, the first where the layout starts the line, all on its baseline.
                assert_eq!(
                    line.iter().flat_map(|o| o.4.split_whitespace()).collect::<Vec<_>>(),
                    words.iter().flat_map(|w| w.0.split_whitespace()).collect::<Vec<_>>()
                );
                assert_eq!(line[0].0, *x);
                assert!(line.iter().all(|o| o.1 == *y));
                if words.iter().any(|w| w.2.abs() > 0.001) {
                    justified += 1;
                    let last = line.last().unwrap();
                    let end = last.0 + metrics().width(last.3, last.2, last.4);
                    assert!(
                        (end - right).abs() < 0.05,
                        "page {}: {end} ≠ {right}: {:?}",
                        i + 1,
                        last.4
                    );
                }
            }
            let drawn: Vec<Op> = page_ops(page)
                .into_iter()
                .filter(|o| matches!(o, Op::Text { .. }))
                .collect();
            assert_eq!(drawn, all, "a page is its lines");
        }
        assert!(justified >= 10, "the minutes' paragraphs are justified: {justified}");
    }

    #[test]
    fn rules_are_lines_where_the_layout_draws_them() {
        let d = minutes();
        let p = Preview::new(&d);
        let rules: Vec<Op> = d.pages()[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rule { x1, y1, x2, y2, width } => Some(Op::Line {
                    x1: *x1,
                    y1: *y1,
                    x2: *x2,
                    y2: *y2,
                    width: *width,
                }),
                Item::Text { .. } => None,
            })
            .collect();
        assert!(rules.len() >= 2, "the header's rules");
        let lines: Vec<Op> = p
            .ops(0)
            .iter()
            .filter(|o| matches!(o, Op::Line { .. }))
            .cloned()
            .collect();
        assert_eq!(lines, rules);
    }

    #[test]
    fn an_edit_draws_again_only_the_pages_it_changes() {
        let mut d = minutes();
        let mut p = Preview::new(&d);
        let versions = |p: &Preview| p.sheets.iter().map(|s| s.version).collect::<Vec<_>>();
        p.update(&d);
        assert_eq!(versions(&p), [0, 0, 0], "nothing changed");
        // A word changed in the closing paragraph, on the last page.
        d.closing = d.closing.replacen("kết thúc", "bế mạc", 1);
        assert!(d.closing.contains("bế mạc"), "{}", d.closing);
        p.update(&d);
        assert_eq!(versions(&p), [0, 0, 1]);
        assert!(p.text().contains("bế mạc"));
        // A long paragraph at the start moves everything.
        let Some(Piece::Para(s)) = d.body.iter_mut().find(|b| matches!(b, Piece::Para(_))) else {
            panic!("a paragraph")
        };
        s.push_str(&" Thêm một câu.".repeat(200));
        p.update(&d);
        assert!(p.page_count() > 3);
        assert_eq!(&versions(&p)[..3], [1, 1, 2]);
        // Landscape: every page again, at the page's new proportions.
        d.landscape = true;
        p.update(&d);
        assert_eq!(p.spec(), d.spec());
        let s = page_size(&p.spec(), 600.0);
        assert!((s.height / s.width - 210.0 / 297.0).abs() < 1e-4);
        let s = page_size(&PageSpec::a4_portrait(d.margins), 600.0);
        assert!((s.height / s.width - 297.0 / 210.0).abs() < 1e-4);
    }

    #[test]
    fn every_style_has_its_serif() {
        assert_eq!(serif(Style::Regular), Font::with_name("Liberation Serif"));
        assert_eq!(serif(Style::BoldItalic).weight, Weight::Bold);
        assert_eq!(serif(Style::BoldItalic).style, font::Style::Italic);
        assert_eq!(serif(Style::Italic).weight, Weight::Normal);
        let (a, d) = vertical_metrics()[0];
        assert!(a > 0.8 && a < 1.0 && d > 0.1 && d < 0.3, "{a} {d}");
    }
}
