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
}

/// The parsed faces, once per process.
pub fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| Metrics {
        faces: SERIF
            .iter()
            .map(|b| ttf_parser::Face::parse(b, 0).expect("the embedded font parses"))
            .collect(),
    })
}

impl Metrics {
    /// Width of `s` in points at `size` points. Characters the font lacks count as its .notdef.
    pub fn width(&self, style: Style, size: f32, s: &str) -> f32 {
        let face = &self.faces[style.index()];
        let upem = f32::from(face.units_per_em());
        let units: u32 = s
            .chars()
            .map(|c| {
                let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(gid).unwrap_or(0))
            })
            .sum();
        units as f32 * size / upem
    }

    /// Whether the font can draw every character of `s`.
    pub fn covers(&self, style: Style, s: &str) -> bool {
        let face = &self.faces[style.index()];
        s.chars().all(|c| c.is_whitespace() || face.glyph_index(c).is_some())
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
