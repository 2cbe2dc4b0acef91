//! Pages to PDF bytes with printpdf: the serif font embedded and subset, every line one text
//! object (so the text stays copyable), justification as TJ offsets.

use super::fonts::{Style, SERIF};
use super::layout::{Item, Page, PageSpec, MM};
use super::Meta;
use printpdf::{
    Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};

/// The moment the document is made: now, or `SOURCE_DATE_EPOCH` when set (reproducible output).
fn creation_date() -> printpdf::OffsetDateTime {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    printpdf::OffsetDateTime::from_unix_timestamp(secs).unwrap_or_else(|_| printpdf::OffsetDateTime::epoch())
}

pub fn render(meta: &Meta, spec: PageSpec, pages: &[Page]) -> Vec<u8> {
    let mut doc = PdfDocument::new(&meta.title);
    let now = creation_date();
    let info = &mut doc.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.creator = "Khối Thi Đua".to_string();
    info.producer = "Khối Thi Đua (printpdf)".to_string();
    info.subject = meta.title.clone();
    // The margins the page was set with, for checkers that verify nothing crosses them.
    let m = spec.margins;
    info.keywords = vec![format!("margins={},{},{},{}", m.top, m.bottom, m.left, m.right)];
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;
    let fonts: Vec<_> = SERIF
        .iter()
        .map(|b| {
            let f = ParsedFont::from_bytes(b, 0, &mut Vec::new()).expect("the embedded font parses");
            doc.add_font(&f)
        })
        .collect();
    let h = spec.height;
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            for item in &page.items {
                match item {
                    Item::Text { x, y, size, words } => {
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetTextCursor {
                            pos: Point {
                                x: Pt(*x),
                                y: Pt(h - y),
                            },
                        });
                        let mut current: Option<Style> = None;
                        for (text, style, after) in words {
                            if current != Some(*style) {
                                ops.push(Op::SetFont {
                                    font: PdfFontHandle::External(fonts[style.index()].clone()),
                                    size: Pt(*size),
                                });
                                current = Some(*style);
                            }
                            let mut items = vec![TextItem::Text(text.clone())];
                            if after.abs() > 0.001 {
                                // TJ numbers are thousandths of an em; negative moves right.
                                items.push(TextItem::Offset(-after * 1000.0 / size));
                            }
                            ops.push(Op::ShowText { items });
                        }
                        ops.push(Op::EndTextSection);
                    }
                    Item::Rule { x1, y1, x2, y2, width } => {
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint {
                                        p: Point {
                                            x: Pt(*x1),
                                            y: Pt(h - y1),
                                        },
                                        bezier: false,
                                    },
                                    LinePoint {
                                        p: Point {
                                            x: Pt(*x2),
                                            y: Pt(h - y2),
                                        },
                                        bezier: false,
                                    },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                }
            }
            PdfPage::new(Mm(spec.width / MM), Mm(spec.height / MM), ops)
        })
        .collect();
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    doc.with_pages(pdf_pages).save(&opts, &mut Vec::new())
}
