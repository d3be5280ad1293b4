//! The bundled Sarabun faces, loaded once per process and shared: shaping data, metrics, the
//! PDF widths and the glyph-to-text map that makes copied text come back exactly.

use std::sync::{Arc, OnceLock};

use harfrust::{Direction, GlyphId, Language, Script, ShapePlan};

use super::cache::ShapeCache;
use super::error::{DocError, Result};

const SARABUN_REGULAR: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Regular.ttf");
const SARABUN_BOLD: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Bold.ttf");

/// Thai characters the ToUnicode maps treat specially (see [`Face`]).
pub(crate) const SARA_AM: char = '\u{0E33}';
const NIKHAHIT: char = '\u{0E4D}';
const SARA_AA: char = '\u{0E32}';

/// The weight of a run of text. Sarabun Regular and Bold are bundled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Weight {
    #[default]
    Regular,
    Bold,
}

/// One font file prepared for shaping and for embedding.
///
/// HarfBuzz splits ำ into nikhahit + the า glyph that plain า also uses, and a PDF's ToUnicode map
/// has one entry per glyph for the whole file. So every face is embedded twice: the main
/// resource maps each glyph to its own character, the alternate holds only that shared า glyph
/// and maps it to ำ (see `assemble`). Where ำ follows a tone mark (น้ำ, ค้ำ) Sarabun draws
/// nikhahit inside a ligature with the tone mark (copied as the tone mark alone) and the layout
/// draws the า from the alternate resource; where there is no tone mark it draws the font's
/// single ำ glyph instead. Copy-paste then gives back น้ำ exactly, also in viewers that ignore
/// `/ActualText`.
pub(crate) struct Face {
    pub(crate) hb: harfrust::Font,
    pub(crate) plan: ShapePlan,
    pub(crate) pdf: printpdf::ParsedFont,
    pub(crate) upm: i32,
    pub(crate) ascender: i32,
    /// Distance below the baseline, positive.
    pub(crate) descender: i32,
    /// Advance of each glyph in font units (`hmtx`).
    advances: Vec<i32>,
    /// The `/W` width printpdf writes for each glyph, in thousandths of an em. Kerning in `TJ`
    /// arrays is computed against these so glyphs land exactly where the shaper put them.
    pdf_widths: Vec<f32>,
    /// The text each glyph stands for in the `pdf` resource.
    unicode: Vec<Option<Box<str>>>,
    pub(crate) sara_am: Option<u16>,
    pub(crate) sara_aa: Option<u16>,
}

impl Face {
    fn load(bytes: &'static [u8], name: &str) -> Result<Face> {
        let hb = harfrust::Font::new(bytes, 0)
            .ok_or_else(|| DocError::Font(format!("{name}: not an OpenType font")))?;
        let upm = i32::from(hb.units_per_em());
        let line = hb.metrics().hhea_line.or(hb.metrics().typo_line);
        let (ascender, descender) = match line {
            Some(l) => (l.ascender.to_f32() as i32, -(l.descender.to_f32() as i32)),
            None => (upm * 9 / 10, upm / 4),
        };
        let th = "th".parse::<Language>().ok();
        let plan =
            ShapePlan::new(&hb, Direction::LeftToRight, Some(Script::THAI), th.as_ref(), &[]);
        let num_glyphs = hb.num_glyphs() as usize;
        let metrics = hb.glyph_metrics();
        let advances: Vec<i32> = (0..num_glyphs)
            .map(|g| metrics.h_advance(GlyphId::new(g as u32)).round() as i32)
            .collect();
        // printpdf writes `/W` as `(advance * 1000 / upm) as i64`; mirror it exactly.
        let pdf_widths =
            advances.iter().map(|&a| (a as f32 * 1000.0 / upm as f32).trunc()).collect();
        let unicode = glyph_texts(&hb, num_glyphs);
        let charmap = hb.charmap();
        let glyph = |c: char| charmap.map_unicode(c).map(|g| g.to_u32() as u16);
        let (sara_am, sara_aa) = (glyph(SARA_AM), glyph(SARA_AA));

        let mut warnings = Vec::new();
        let pdf = printpdf::ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| DocError::Font(format!("{name}: printpdf cannot parse it")))?;
        Ok(Face {
            hb,
            plan,
            pdf,
            upm,
            ascender,
            descender,
            advances,
            pdf_widths,
            unicode,
            sara_am,
            sara_aa,
        })
    }

    pub(crate) fn advance(&self, gid: u16) -> i32 {
        self.advances.get(usize::from(gid)).copied().unwrap_or(0)
    }

    pub(crate) fn pdf_width(&self, gid: u16) -> f32 {
        self.pdf_widths.get(usize::from(gid)).copied().unwrap_or(0.0)
    }

    /// The text a glyph of the main resource copies as.
    pub(crate) fn glyph_text(&self, gid: u16) -> Option<&str> {
        self.unicode.get(usize::from(gid)).and_then(|t| t.as_deref())
    }
}

/// What each glyph of the font copies as: its character from the cmap, else what its
/// production name says (`uni0E48.small`, `uni0E4D0E49`, `f_i`, `one.tf`).
fn glyph_texts(font: &harfrust::Font, num_glyphs: usize) -> Vec<Option<Box<str>>> {
    let mut best: Vec<Option<u32>> = vec![None; num_glyphs];
    for (cp, gid) in font.charmap().unicodes() {
        let Some(slot) = best.get_mut(gid.to_u32() as usize) else { continue };
        // Several code points can share a glyph (space and no-break space): prefer the
        // ordinary one, and never a private-use code point when a real one exists.
        let better = match *slot {
            None => true,
            Some(old) => is_private_use(old) && !is_private_use(cp) || cp < old,
        };
        if better {
            *slot = Some(cp);
        }
    }
    let mut texts: Vec<Option<Box<str>>> = best
        .iter()
        .map(|cp| cp.filter(|&c| !is_private_use(c)).and_then(char::from_u32))
        .map(|c| c.map(|c| c.to_string().into_boxed_str()))
        .collect();
    let by_name: std::collections::HashMap<String, usize> =
        font.glyph_names().map(|(g, n)| (n.as_str().to_owned(), g.to_u32() as usize)).collect();
    for (gid, name) in font.glyph_names() {
        let gid = gid.to_u32() as usize;
        if gid >= num_glyphs || texts[gid].is_some() {
            continue;
        }
        texts[gid] = text_from_name(name.as_str(), &|base| {
            by_name.get(base).and_then(|&g| best.get(g).copied().flatten()).and_then(char::from_u32)
        })
        .map(String::into_boxed_str);
    }
    texts
}

/// Adobe Glyph List names of the Thai block, without their "thai" suffix, lower case: fonts
/// name contextual forms after them (Sarabun's "yoYingthai.less" is ญ without its tail).
const AGL_THAI: &[(&str, char)] = &[
    ("kokai", '\u{0E01}'),
    ("khokhai", '\u{0E02}'),
    ("khokhuat", '\u{0E03}'),
    ("khokhwai", '\u{0E04}'),
    ("khokhon", '\u{0E05}'),
    ("khorakhang", '\u{0E06}'),
    ("ngongu", '\u{0E07}'),
    ("chochan", '\u{0E08}'),
    ("choching", '\u{0E09}'),
    ("chochang", '\u{0E0A}'),
    ("soso", '\u{0E0B}'),
    ("chochoe", '\u{0E0C}'),
    ("yoying", '\u{0E0D}'),
    ("dochada", '\u{0E0E}'),
    ("topatak", '\u{0E0F}'),
    ("thothan", '\u{0E10}'),
    ("thonangmontho", '\u{0E11}'),
    ("thophuthao", '\u{0E12}'),
    ("nonen", '\u{0E13}'),
    ("dodek", '\u{0E14}'),
    ("totao", '\u{0E15}'),
    ("thothung", '\u{0E16}'),
    ("thothahan", '\u{0E17}'),
    ("thothong", '\u{0E18}'),
    ("nonu", '\u{0E19}'),
    ("bobaimai", '\u{0E1A}'),
    ("popla", '\u{0E1B}'),
    ("phophung", '\u{0E1C}'),
    ("fofa", '\u{0E1D}'),
    ("phophan", '\u{0E1E}'),
    ("fofan", '\u{0E1F}'),
    ("phosamphao", '\u{0E20}'),
    ("moma", '\u{0E21}'),
    ("yoyak", '\u{0E22}'),
    ("rorua", '\u{0E23}'),
    ("ru", '\u{0E24}'),
    ("loling", '\u{0E25}'),
    ("lu", '\u{0E26}'),
    ("wowaen", '\u{0E27}'),
    ("sosala", '\u{0E28}'),
    ("sorusi", '\u{0E29}'),
    ("sosua", '\u{0E2A}'),
    ("hohip", '\u{0E2B}'),
    ("lochula", '\u{0E2C}'),
    ("oang", '\u{0E2D}'),
    ("honokhuk", '\u{0E2E}'),
    ("paiyannoi", '\u{0E2F}'),
    ("saraa", '\u{0E30}'),
    ("maihanakat", '\u{0E31}'),
    ("saraaa", '\u{0E32}'),
    ("saraam", '\u{0E33}'),
    ("sarai", '\u{0E34}'),
    ("saraii", '\u{0E35}'),
    ("saraue", '\u{0E36}'),
    ("sarauee", '\u{0E37}'),
    ("sarau", '\u{0E38}'),
    ("sarauu", '\u{0E39}'),
    ("phinthu", '\u{0E3A}'),
    ("baht", '\u{0E3F}'),
    ("sarae", '\u{0E40}'),
    ("saraae", '\u{0E41}'),
    ("sarao", '\u{0E42}'),
    ("saraaimaimuan", '\u{0E43}'),
    ("saraaimaimalai", '\u{0E44}'),
    ("lakkhangyao", '\u{0E45}'),
    ("maiyamok", '\u{0E46}'),
    ("maitaikhu", '\u{0E47}'),
    ("maiek", '\u{0E48}'),
    ("maitho", '\u{0E49}'),
    ("maitri", '\u{0E4A}'),
    ("maichattawa", '\u{0E4B}'),
    ("thanthakhat", '\u{0E4C}'),
    ("nikhahit", '\u{0E4D}'),
    ("yamakkan", '\u{0E4E}'),
    ("fongman", '\u{0E4F}'),
];

fn is_private_use(cp: u32) -> bool {
    (0xE000..=0xF8FF).contains(&cp) || cp >= 0xF0000
}

/// Decodes an Adobe Glyph List production name into text; `base` resolves plain names.
fn text_from_name(name: &str, base: &dyn Fn(&str) -> Option<char>) -> Option<String> {
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in stem.split('_') {
        if let Some(hex) = part.strip_prefix("uni").filter(|h| h.len() % 4 == 0 && !h.is_empty()) {
            for i in (0..hex.len()).step_by(4) {
                let cp = u32::from_str_radix(hex.get(i..i + 4)?, 16).ok()?;
                out.push(char::from_u32(cp)?);
            }
        } else if let Some(hex) = part.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
            out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
        } else if let Some(c) = base(part) {
            out.push(c);
        } else {
            let lower = part.to_ascii_lowercase();
            let stem = lower.strip_suffix("thai")?;
            out.push(AGL_THAI.iter().find(|(n, _)| *n == stem)?.1);
        }
    }
    // A nikhahit+tone ligature only ever comes from ำ after a tone mark, whose า is drawn from
    // the alternate resource that copies as ำ; the ligature itself copies as the tone mark.
    if out.chars().count() > 1 && out.contains(NIKHAHIT) {
        out.retain(|c| c != NIKHAHIT);
    }
    (!out.is_empty()).then_some(out)
}

pub(crate) struct FontsInner {
    pub(crate) regular: Face,
    pub(crate) bold: Face,
    pub(crate) segmenter: icu_segmenter::LineSegmenterBorrowed<'static>,
    pub(crate) cache: ShapeCache,
}

/// The fonts every document prints with, plus the shaping and line-break caches. Cheap to clone
/// (an `Arc`); create it once per process with [`Fonts::sarabun`] and hand clones to workers.
#[derive(Clone)]
pub struct Fonts(pub(crate) Arc<FontsInner>);

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").finish_non_exhaustive()
    }
}

impl Fonts {
    /// The bundled Sarabun Regular and Bold, parsed on first use and shared afterwards.
    ///
    /// # Panics
    /// Only if the font files compiled into the binary are corrupt, which the unit tests rule out.
    pub fn sarabun() -> Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Fonts::from_ttf(SARABUN_REGULAR, SARABUN_BOLD)
                    .expect("the bundled Sarabun fonts are valid (tested)")
            })
            .clone()
    }

    /// Fonts from other TrueType files (a Thai OFL face with the same metrics conventions).
    pub fn from_ttf(regular: &'static [u8], bold: &'static [u8]) -> Result<Fonts> {
        let regular = Face::load(regular, "regular")?;
        let bold = Face::load(bold, "bold")?;
        if regular.upm != bold.upm {
            return Err(DocError::Font("regular and bold differ in units per em".into()));
        }
        // The same model the screens wrap with (the LSTM one; see domain::thai::breaks).
        let segmenter = crate::domain::thai::breaks::segmenter();
        Ok(Fonts(Arc::new(FontsInner { regular, bold, segmenter, cache: ShapeCache::default() })))
    }

    /// Whether every weight the documents print with has a glyph for `c`: what a template
    /// may hold is decided by the font files themselves, not a list kept by hand.
    pub fn draws(&self, c: char) -> bool {
        [Weight::Regular, Weight::Bold]
            .iter()
            .all(|w| self.face(*w).hb.charmap().map_unicode(c).is_some_and(|g| g.to_u32() != 0))
    }

    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.0.regular,
            Weight::Bold => &self.0.bold,
        }
    }

    pub(crate) fn upm(&self) -> i32 {
        self.0.regular.upm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_sarabun_loads_with_thai_metrics() {
        let fonts = Fonts::sarabun();
        let f = fonts.face(Weight::Regular);
        assert_eq!(f.upm, 1000);
        assert!(f.ascender > 900 && f.descender > 150, "{} {}", f.ascender, f.descender);
        assert!(f.sara_am.is_some() && f.sara_aa.is_some());
        assert!(fonts.face(Weight::Bold).sara_aa.is_some());
    }

    #[test]
    fn every_thai_letter_and_mark_copies_as_itself() {
        let fonts = Fonts::sarabun();
        for weight in [Weight::Regular, Weight::Bold] {
            let face = fonts.face(weight);
            let charmap = face.hb.charmap();
            for c in ('\u{0E01}'..='\u{0E5B}').filter(|c| charmap.map_unicode(*c).is_some()) {
                let gid = charmap.map_unicode(c).map(|g| g.to_u32() as u16).unwrap_or(0);
                assert_eq!(face.glyph_text(gid), Some(c.to_string().as_str()), "{c}");
            }
        }
    }

    #[test]
    fn the_fonts_draw_thai_and_latin_but_not_emoji_or_cjk() {
        let fonts = Fonts::sarabun();
        for c in "กขฃคฅ่้๊๋ำ ๐๙ABCxyz0123456789{}().,–“”฿".chars() {
            assert!(fonts.draws(c), "{c:?} U+{:04X}", u32::from(c));
        }
        for c in ['😀', '債', '김', '\u{E000}', '\u{1F64F}'] {
            assert!(!fonts.draws(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn production_names_decode_to_text() {
        let none = |_: &str| None;
        assert_eq!(text_from_name("uni0E48.small", &none).as_deref(), Some("\u{0E48}"));
        assert_eq!(text_from_name("uni0E4D0E49", &none).as_deref(), Some("\u{0E49}"));
        assert_eq!(text_from_name("u1F600", &none).as_deref(), Some("😀"));
        assert_eq!(text_from_name("f_i", &|b| b.chars().next()).as_deref(), Some("fi"));
        assert_eq!(text_from_name("one.tf", &|_| Some('1')).as_deref(), Some("1"));
        assert_eq!(text_from_name("yoYingthai.less", &none).as_deref(), Some("ญ"));
        assert_eq!(text_from_name("loChulathai.short", &none).as_deref(), Some("ฬ"));
        assert_eq!(text_from_name(".notdef", &none), None);
    }
}
