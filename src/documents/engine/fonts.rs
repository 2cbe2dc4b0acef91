//! The embedded Times-metric font (Liberation Serif) in four styles, with glyph advances measured
//! from the font itself so that wrapping and justification match what the PDF draws.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Regular, Style::Bold, Style::Italic, Style::BoldItalic];

    pub fn index(self) -> usize {
        self as usize
    }
}

pub const SERIF: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

pub struct Metrics {
    faces: Vec<ttf_parser::Face<'static>>,
    /// Advances in font units of the characters below `CACHED`, per style: measuring a line is a
    /// table look-up per character (wrapping stays linear in the length of the text).
    advances: Vec<Vec<u16>>,
    /// Whether the font has a glyph for each of those characters.
    present: Vec<Vec<bool>>,
}

/// Latin, Latin Extended (Vietnamese) and general punctuation: everything a document prints.
const CACHED: usize = 0x2100;

/// The parsed faces, once per process.
pub fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let faces: Vec<ttf_parser::Face<'static>> = SERIF
            .iter()
            .map(|b| ttf_parser::Face::parse(b, 0).expect("the embedded font parses"))
            .collect();
        let glyph = |face: &ttf_parser::Face, c: char| face.glyph_index(c);
        let advances = faces
            .iter()
            .map(|f| {
                (0..CACHED)
                    .map(|u| {
                        let gid = char::from_u32(u as u32)
                            .and_then(|c| glyph(f, c))
                            .unwrap_or(ttf_parser::GlyphId(0));
                        f.glyph_hor_advance(gid).unwrap_or(0)
                    })
                    .collect()
            })
            .collect();
        let present = faces
            .iter()
            .map(|f| {
                (0..CACHED)
                    .map(|u| char::from_u32(u as u32).and_then(|c| glyph(f, c)).is_some())
                    .collect()
            })
            .collect();
        Metrics {
            faces,
            advances,
            present,
        }
    })
}

impl Metrics {
    /// Width of `s` in points at `size` points. Characters the font lacks count as its .notdef.
    pub fn width(&self, style: Style, size: f32, s: &str) -> f32 {
        let face = &self.faces[style.index()];
        let upem = f32::from(face.units_per_em());
        let units: u32 = s.chars().map(|c| u32::from(self.advance(style, c))).sum();
        units as f32 * size / upem
    }

    /// Advance of one character in font units (the .notdef's for a character the font lacks).
    pub fn advance(&self, style: Style, c: char) -> u16 {
        let i = style.index();
        match self.advances[i].get(c as usize) {
            Some(a) => *a,
            None => {
                let face = &self.faces[i];
                let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                face.glyph_hor_advance(gid).unwrap_or(0)
            }
        }
    }

    /// Whether the font has a glyph for `c` (white space counts as drawable).
    pub fn has(&self, style: Style, c: char) -> bool {
        if c.is_whitespace() {
            return true;
        }
        let i = style.index();
        match self.present[i].get(c as usize) {
            Some(p) => *p,
            None => self.faces[i].glyph_index(c).is_some(),
        }
    }

    /// The font's descent below the baseline at `size`, in points (positive).
    pub fn descent(&self, style: Style, size: f32) -> f32 {
        let face = &self.faces[style.index()];
        -f32::from(face.descender()) * size / f32::from(face.units_per_em())
    }

    /// Whether the font can draw every character of `s`.
    pub fn covers(&self, style: Style, s: &str) -> bool {
        s.chars().all(|c| self.has(style, c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_is_covered_in_every_style() {
        let m = metrics();
        for s in Style::ALL {
            assert!(m.covers(
                s,
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ỹỳữựđ"
            ));
        }
        assert!(m.width(Style::Bold, 13.0, "ABC") > m.width(Style::Regular, 13.0, "ABC") * 0.9);
        assert!((m.width(Style::Regular, 26.0, "Khối") - 2.0 * m.width(Style::Regular, 13.0, "Khối")).abs() < 1e-3);
    }
}
