//! Reads a PDF back from its content operators with lopdf, as a viewer would draw it: each text
//! line with its font (which of the four Liberation Serif faces), size, baseline and extent, and
//! each stroked segment (rules, borders). The text state is followed operator by operator (Tf, Tm,
//! Td, TD, T*, TL, Tc, Tw, Tz, Ts, Tj, TJ, ', ", with cm, q and Q), and the extent of a line comes
//! from the widths the PDF gives its glyphs (the descendant font's /W), not from the engine's own
//! metrics. Coordinates are PDF points from the bottom left of the page.
#![allow(dead_code)]

pub mod nd30;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object};
use std::collections::{BTreeMap, HashMap};

/// Points in a millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// Which face of the document's serif a line is drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// Several faces in one line (a body line with a bold span).
    Mixed,
    /// A font that is not Liberation Serif.
    Other,
}

fn face_of(base: &str) -> Face {
    match base {
        "LiberationSerif" => Face::Regular,
        "LiberationSerif-Bold" => Face::Bold,
        "LiberationSerif-Italic" => Face::Italic,
        "LiberationSerif-BoldItalic" => Face::BoldItalic,
        _ => Face::Other,
    }
}

/// One line of text as drawn (the engine draws each line in a BT … ET of its own; a move to
/// another baseline inside one starts a new line).
#[derive(Debug, Clone)]
pub struct Run {
    /// From 1.
    pub page: usize,
    /// BaseFont of each font that drew a glyph of the line, without the subset tag:
    /// "LiberationSerif-Bold".
    pub fonts: Vec<String>,
    pub size: f32,
    /// Origin of the first glyph.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Where the advance of the last visible glyph ends (trailing spaces left out).
    pub x_end: f32,
    /// The font's ascent and descent at this size, in points (descent positive, below the baseline).
    pub ascent: f32,
    pub descent: f32,
    pub text: String,
}

impl Run {
    pub fn bold(&self) -> bool {
        self.fonts.iter().all(|f| f.contains("Bold"))
    }

    pub fn italic(&self) -> bool {
        self.fonts.iter().all(|f| f.contains("Italic"))
    }

    /// The face of the whole line.
    pub fn face(&self) -> Face {
        let mut faces = self.fonts.iter().map(|f| face_of(f));
        match faces.next() {
            None => Face::Other,
            Some(first) if faces.all(|f| f == first) => first,
            Some(_) => Face::Mixed,
        }
    }

    pub fn width(&self) -> f32 {
        self.x_end - self.x
    }

    pub fn centre(&self) -> f32 {
        (self.x + self.x_end) / 2.0
    }

    /// Top of the glyph box (baseline + ascent).
    pub fn top(&self) -> f32 {
        self.y + self.ascent
    }

    /// Bottom of the glyph box (baseline − descent).
    pub fn bottom(&self) -> f32 {
        self.y - self.descent
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
    /// Width and height of each page (its MediaBox), in points.
    pub sizes: Vec<(f32, f32)>,
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

    /// Every line whose text is `text`.
    pub fn exact(&self, text: &str) -> Vec<&Run> {
        self.runs.iter().filter(|r| r.text == text).collect()
    }

    pub fn page_runs(&self, page: usize) -> Vec<&Run> {
        self.runs.iter().filter(|r| r.page == page).collect()
    }

    /// Width and height of page `page` (from 1).
    pub fn size(&self, page: usize) -> (f32, f32) {
        self.sizes[page - 1]
    }

    /// Every line's text, one a line, with its page, face, size and position: for messages.
    pub fn dump(&self) -> String {
        self.runs
            .iter()
            .map(|r| {
                format!(
                    "p{} {:?} {} x {:.1}–{:.1} y {:.1}: {}",
                    r.page,
                    r.face(),
                    r.size,
                    r.x,
                    r.x_end,
                    r.y,
                    r.text
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
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

/// A 2×3 matrix [a b c d e f] as PDF writes it (row vectors: p' = p × M).
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn translate(tx: f32, ty: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

fn matrix(a: &[Object]) -> Matrix {
    let mut m = IDENTITY;
    for (i, o) in a.iter().take(6).enumerate() {
        m[i] = num(o);
    }
    m
}

/// What the reader needs of a font: how its codes decode, how wide each glyph is.
struct Font<'a> {
    encoding: Encoding<'a>,
    base: String,
    /// Two-byte codes (a Type0 font with Identity-H).
    two_byte: bool,
    /// Glyph widths by code, in thousandths of an em.
    widths: HashMap<u32, f32>,
    default_width: f32,
    ascent: f32,
    descent: f32,
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let base = dict
        .get(b"BaseFont")
        .ok()
        .and_then(|b| b.as_name().ok())
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let base = base.split('+').next_back().unwrap_or_default().to_string();
    let type0 = dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0".as_slice());
    let mut widths = HashMap::new();
    let mut default_width = 1000.0;
    let descendant = dict
        .get(b"DescendantFonts")
        .ok()
        .and_then(|d| deref(doc, d).as_array().ok())
        .and_then(|a| a.first())
        .and_then(|f| deref(doc, f).as_dict().ok());
    let metrics_of = descendant.unwrap_or(dict);
    if let Some(cid) = descendant {
        if let Ok(dw) = cid.get(b"DW") {
            default_width = num(dw);
        }
        if let Ok(w) = cid.get(b"W").map(|w| deref(doc, w)).and_then(|w| w.as_array()) {
            // [c [w1 w2 …]] or [cfirst clast w].
            let mut i = 0;
            while i < w.len() {
                let first = num(deref(doc, &w[i])) as u32;
                match w.get(i + 1).map(|o| deref(doc, o)) {
                    Some(Object::Array(list)) => {
                        for (k, v) in list.iter().enumerate() {
                            widths.insert(first + k as u32, num(deref(doc, v)));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let last = num(last) as u32;
                        let v = w.get(i + 2).map(|o| num(deref(doc, o))).unwrap_or(default_width);
                        for c in first..=last {
                            widths.insert(c, v);
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
    } else if let Ok(w) = dict.get(b"Widths").map(|w| deref(doc, w)).and_then(|w| w.as_array()) {
        let first = dict.get(b"FirstChar").map(num).unwrap_or(0.0) as u32;
        for (k, v) in w.iter().enumerate() {
            widths.insert(first + k as u32, num(deref(doc, v)));
        }
        default_width = 0.0;
    }
    let descriptor = metrics_of
        .get(b"FontDescriptor")
        .ok()
        .and_then(|d| deref(doc, d).as_dict().ok());
    let metric = |key: &[u8]| descriptor.and_then(|d| d.get(key).ok()).map(num).unwrap_or(0.0);
    Font {
        encoding: dict.get_font_encoding(doc).expect("a font encoding"),
        base,
        two_byte: type0,
        widths,
        default_width,
        ascent: metric(b"Ascent"),
        descent: -metric(b"Descent"),
    }
}

fn media_box(doc: &Document, page: &Dictionary) -> (f32, f32) {
    let mut dict = Some(page);
    while let Some(d) = dict {
        if let Ok(b) = d.get(b"MediaBox").map(|b| deref(doc, b)).and_then(|b| b.as_array()) {
            let v: Vec<f32> = b.iter().map(|o| num(deref(doc, o))).collect();
            return (v[2] - v[0], v[3] - v[1]);
        }
        dict = d.get(b"Parent").ok().and_then(|p| deref(doc, p).as_dict().ok());
    }
    panic!("a page without a MediaBox")
}

/// The line being read.
struct Building {
    fonts: Vec<String>,
    size: f32,
    x: f32,
    y: f32,
    x_end: f32,
    ascent: f32,
    descent: f32,
    text: String,
}

pub fn read(bytes: &[u8]) -> Read {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let mut runs = Vec::new();
    let mut segs = Vec::new();
    let mut sizes = Vec::new();
    let mut descent = 0.0;
    for (n, (_, &page_id)) in doc.get_pages().iter().enumerate() {
        let page = n + 1;
        sizes.push(media_box(&doc, doc.get_dictionary(page_id).expect("a page")));
        let fonts: BTreeMap<Vec<u8>, Font> = doc
            .get_page_fonts(page_id)
            .expect("fonts")
            .into_iter()
            .map(|(name, dict)| (name, font(&doc, dict)))
            .collect();
        if let Some(f) = fonts.values().find(|f| f.descent != 0.0) {
            descent = f.descent;
        }
        let content = Content::decode(&doc.get_page_content(page_id)).expect("operators");
        let mut ctm = IDENTITY;
        let mut saved: Vec<Matrix> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let (mut leading, mut char_space, mut word_space, mut scale, mut rise) = (0.0, 0.0, 0.0, 1.0, 0.0);
        let mut font: Option<&Font> = None;
        let mut size = 0.0;
        let mut line: Option<Building> = None;
        let mut width = 1.0;
        let mut at = (0.0, 0.0);
        let mut start = (0.0, 0.0);
        let flush = |line: &mut Option<Building>, runs: &mut Vec<Run>| {
            if let Some(b) = line.take() {
                let text = b.text.trim().to_string();
                if !text.is_empty() {
                    runs.push(Run {
                        page,
                        fonts: b.fonts,
                        size: b.size,
                        x: b.x,
                        y: b.y,
                        x_end: b.x_end,
                        ascent: b.ascent,
                        descent: b.descent,
                        text,
                    });
                }
            }
        };
        for op in &content.operations {
            let a = &op.operands;
            let arg = |i: usize| a.get(i).map(num).unwrap_or(0.0);
            let mut show: Vec<&Object> = Vec::new();
            match op.operator.as_str() {
                "q" => saved.push(ctm),
                "Q" => ctm = saved.pop().unwrap_or(IDENTITY),
                "cm" => ctm = mul(&matrix(a), &ctm),
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "ET" => flush(&mut line, &mut runs),
                "Tf" => {
                    font = a.first().and_then(|f| f.as_name().ok()).and_then(|f| fonts.get(f));
                    size = arg(1);
                }
                "Tc" => char_space = arg(0),
                "Tw" => word_space = arg(0),
                "Tz" => scale = arg(0) / 100.0,
                "TL" => leading = arg(0),
                "Ts" => rise = arg(0),
                "Tm" => {
                    tlm = matrix(a);
                    tm = tlm;
                }
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        leading = -arg(1);
                    }
                    tlm = mul(&translate(arg(0), arg(1)), &tlm);
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&translate(0.0, -leading), &tlm);
                    tm = tlm;
                }
                "Tj" | "TJ" => show.extend(a.first()),
                "'" => {
                    tlm = mul(&translate(0.0, -leading), &tlm);
                    tm = tlm;
                    show.extend(a.first());
                }
                "\"" => {
                    word_space = arg(0);
                    char_space = arg(1);
                    tlm = mul(&translate(0.0, -leading), &tlm);
                    tm = tlm;
                    show.extend(a.get(2));
                }
                "w" => width = arg(0),
                "m" => {
                    at = apply(&ctm, arg(0), arg(1));
                    start = at;
                }
                "l" => {
                    let to = apply(&ctm, arg(0), arg(1));
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
                "h" => {
                    if at != start {
                        segs.push(Seg {
                            page,
                            x1: at.0,
                            y1: at.1,
                            x2: start.0,
                            y2: start.1,
                            width,
                        });
                    }
                    at = start;
                }
                "re" => {
                    let (x, y, w, h) = (arg(0), arg(1), arg(2), arg(3));
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                    for c in corners.windows(2) {
                        let (p, q) = (apply(&ctm, c[0].0, c[0].1), apply(&ctm, c[1].0, c[1].1));
                        segs.push(Seg {
                            page,
                            x1: p.0,
                            y1: p.1,
                            x2: q.0,
                            y2: q.1,
                            width,
                        });
                    }
                    at = apply(&ctm, x, y);
                    start = at;
                }
                _ => {}
            }
            let Some(f) = font else { continue };
            let parts: Vec<&Object> = show
                .into_iter()
                .flat_map(|o| match o {
                    Object::Array(items) => items.iter().collect::<Vec<_>>(),
                    o => vec![o],
                })
                .collect();
            for p in parts {
                match p {
                    Object::String(b, _) => {
                        let codes: Vec<(u32, &[u8])> = if f.two_byte {
                            b.chunks(2)
                                .map(|c| (c.iter().fold(0u32, |v, x| v << 8 | *x as u32), c))
                                .collect()
                        } else {
                            b.chunks(1).map(|c| (c[0] as u32, c)).collect()
                        };
                        for (code, raw) in codes {
                            let m = mul(&tm, &ctm);
                            let (gx, gy) = apply(&m, 0.0, rise);
                            let eff = size * (m[2] * m[2] + m[3] * m[3]).sqrt();
                            if line.as_ref().is_some_and(|l| (l.y - gy).abs() > 0.01) {
                                flush(&mut line, &mut runs);
                            }
                            let l = line.get_or_insert_with(|| Building {
                                fonts: Vec::new(),
                                size: eff,
                                x: gx,
                                y: gy,
                                x_end: gx,
                                ascent: f.ascent / 1000.0 * eff,
                                descent: f.descent / 1000.0 * eff,
                                text: String::new(),
                            });
                            if !l.fonts.contains(&f.base) {
                                l.fonts.push(f.base.clone());
                            }
                            let s = Document::decode_text(&f.encoding, raw).unwrap_or_default();
                            let w = f.widths.get(&code).copied().unwrap_or(f.default_width) / 1000.0;
                            let advance =
                                (w * size + char_space + if !f.two_byte && code == 32 { word_space } else { 0.0 })
                                    * scale;
                            if !s.trim().is_empty() {
                                l.x_end = apply(&m, w * size * scale, rise).0;
                            }
                            l.text.push_str(&s);
                            tm = mul(&translate(advance, 0.0), &tm);
                        }
                    }
                    o => {
                        // A TJ adjustment, thousandths of an em: negative moves right.
                        tm = mul(&translate(-num(o) / 1000.0 * size * scale, 0.0), &tm);
                    }
                }
            }
        }
        flush(&mut line, &mut runs);
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
        sizes,
        runs,
        segs,
        descent,
        info,
    }
}
