//! Reads a PDF back from its content operators with lopdf: each text line (one BT…ET as the
//! engine draws it) with its font, size and baseline, and each stroked segment (rules, borders).
//! Coordinates are PDF points from the bottom left, as the page draws them.
#![allow(dead_code)]

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Run {
    /// From 1.
    pub page: usize,
    /// BaseFont of each font the line uses, without the subset tag: "LiberationSerif-Bold".
    pub fonts: Vec<String>,
    pub size: f32,
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub text: String,
}

impl Run {
    pub fn bold(&self) -> bool {
        self.fonts.iter().all(|f| f.contains("Bold"))
    }

    pub fn italic(&self) -> bool {
        self.fonts.iter().all(|f| f.contains("Italic"))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Seg {
    pub page: usize,
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
}

impl Seg {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y2).abs() < 0.01 && (self.x1 - self.x2).abs() > 0.01
    }

    pub fn len(&self) -> f32 {
        ((self.x2 - self.x1).powi(2) + (self.y2 - self.y1).powi(2)).sqrt()
    }
}

pub struct Read {
    pub pages: usize,
    pub runs: Vec<Run>,
    pub segs: Vec<Seg>,
    /// The font's descent (FontDescriptor /Descent, thousandths of an em, positive).
    pub descent: f32,
    pub info: BTreeMap<String, String>,
}

impl Read {
    /// The first line whose text contains `needle`.
    pub fn find(&self, needle: &str) -> &Run {
        self.runs
            .iter()
            .find(|r| r.text.contains(needle))
            .unwrap_or_else(|| panic!("no line with \u{201c}{needle}\u{201d}"))
    }

    pub fn page_runs(&self, page: usize) -> Vec<&Run> {
        self.runs.iter().filter(|r| r.page == page).collect()
    }
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

fn text_of(doc: &Document, o: &Object) -> String {
    match o {
        Object::String(bytes, _) => {
            if bytes.starts_with(&[0xFE, 0xFF]) {
                let u: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                String::from_utf16_lossy(&u)
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
        Object::Reference(id) => doc.get_object(*id).map(|o| text_of(doc, o)).unwrap_or_default(),
        _ => String::new(),
    }
}

pub fn read(bytes: &[u8]) -> Read {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let mut runs = Vec::new();
    let mut segs = Vec::new();
    let mut descent = 0.0;
    for (n, (_, &page_id)) in doc.get_pages().iter().enumerate() {
        let page = n + 1;
        let fonts = doc.get_page_fonts(page_id).expect("fonts");
        let mut encodings: BTreeMap<Vec<u8>, (Encoding, String)> = BTreeMap::new();
        for (name, font) in fonts {
            let base = font
                .get(b"BaseFont")
                .ok()
                .and_then(|b| b.as_name().ok())
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default();
            let base = base.split('+').next_back().unwrap_or_default().to_string();
            if let Ok(desc) = font
                .get(b"DescendantFonts")
                .and_then(|d| d.as_array())
                .and_then(|a| doc.dereference(&a[0]))
                .and_then(|(_, f)| f.as_dict())
                .and_then(|f| f.get(b"FontDescriptor"))
                .and_then(|d| doc.dereference(d))
                .and_then(|(_, d)| d.as_dict())
                .and_then(|d| d.get(b"Descent"))
            {
                descent = -num(desc);
            }
            encodings.insert(name, (font.get_font_encoding(&doc).expect("encoding"), base));
        }
        let content = Content::decode(&doc.get_page_content(page_id)).expect("operators");
        let (mut x, mut y, mut size) = (0.0, 0.0, 0.0);
        let mut font: Option<Vec<u8>> = None;
        let mut text = String::new();
        let mut used: Vec<String> = Vec::new();
        let mut width = 1.0;
        let mut at = (0.0, 0.0);
        for op in &content.operations {
            let a = &op.operands;
            match op.operator.as_str() {
                "BT" => {
                    text.clear();
                    used.clear();
                }
                "Td" => {
                    x = num(&a[0]);
                    y = num(&a[1]);
                }
                "Tf" => {
                    font = a[0].as_name().ok().map(|n| n.to_vec());
                    size = num(&a[1]);
                    if let Some((_, base)) = font.as_ref().and_then(|f| encodings.get(f)) {
                        if !used.contains(base) {
                            used.push(base.clone());
                        }
                    }
                }
                "Tj" | "TJ" => {
                    let enc = font.as_ref().and_then(|f| encodings.get(f)).map(|e| &e.0);
                    let parts: Vec<&Object> = match &a[0] {
                        Object::Array(items) => items.iter().collect(),
                        o => vec![o],
                    };
                    for p in parts {
                        if let (Object::String(b, _), Some(enc)) = (p, enc) {
                            text.push_str(&Document::decode_text(enc, b).unwrap_or_default());
                        }
                    }
                }
                "ET" => runs.push(Run {
                    page,
                    fonts: used.clone(),
                    size,
                    x,
                    y,
                    text: std::mem::take(&mut text).trim().to_string(),
                }),
                "w" => width = num(&a[0]),
                "m" => at = (num(&a[0]), num(&a[1])),
                "l" => {
                    let to = (num(&a[0]), num(&a[1]));
                    segs.push(Seg {
                        page,
                        x1: at.0,
                        y1: at.1,
                        x2: to.0,
                        y2: to.1,
                        width,
                    });
                    at = to;
                }
                _ => {}
            }
        }
    }
    let mut info = BTreeMap::new();
    if let Ok(dict) = doc
        .trailer
        .get(b"Info")
        .and_then(|i| doc.dereference(i))
        .and_then(|(_, d)| d.as_dict())
    {
        for (k, v) in dict.iter() {
            info.insert(String::from_utf8_lossy(k).into_owned(), text_of(&doc, v));
        }
    }
    Read {
        pages: doc.get_pages().len(),
        runs,
        segs,
        descent,
        info,
    }
}
