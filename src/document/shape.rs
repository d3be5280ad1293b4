//! Shaping one run of text with harfrust (HarfBuzz), fixing up ำ so copied text comes back
//! exactly, and finding the run's line-break opportunities with ICU4X's LSTM model.

use std::cell::RefCell;
use std::sync::OnceLock;

use harfrust::{Buffer, BufferFlags, Direction, Script, ShapeOptions, ShaperFont};
use icu_segmenter::LineSegmenterBorrowed;

use super::error::{DocError, Result};
use super::fonts::{Face, SARA_AM, Weight};

/// One positioned glyph, in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    pub(crate) gid: u16,
    /// Drawn from the face's alternate resource, whose ToUnicode maps it to ำ (see `Face`).
    pub(crate) alt: bool,
    /// Byte offset in the run's text of the cluster this glyph belongs to.
    pub(crate) cluster: u32,
    pub(crate) advance: i32,
    pub(crate) dx: i32,
    pub(crate) dy: i32,
}

/// A run of text shaped in one face, with its break opportunities found on demand.
#[derive(Debug)]
pub(crate) struct ShapedRun {
    pub(crate) text: Box<str>,
    pub(crate) weight: Weight,
    pub(crate) glyphs: Vec<Glyph>,
    /// Byte offsets inside the text where a line may start, computed the first time a line
    /// has to break inside this run (the LSTM model is the costly step, about 2.6 ms per
    /// 600 characters, so a run that fits whole never pays for it).
    breaks: OnceLock<Box<[u32]>>,
}

impl ShapedRun {
    pub(crate) fn width(&self) -> i32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    pub(crate) fn breaks(&self, segmenter: LineSegmenterBorrowed<'static>) -> &[u32] {
        self.breaks.get_or_init(|| {
            let len = self.text.len();
            segmenter
                .segment_str(&self.text)
                .filter(|&b| b > 0 && b < len)
                .map(|b| b as u32)
                .collect()
        })
    }

    /// Index of the first glyph whose cluster starts at or after `byte`.
    pub(crate) fn glyph_at(&self, byte: u32) -> usize {
        self.glyphs.partition_point(|g| g.cluster < byte)
    }

    /// Byte offset where glyph `i` starts (the text length past the last glyph).
    pub(crate) fn byte_at(&self, i: usize) -> u32 {
        self.glyphs.get(i).map_or(self.text.len() as u32, |g| g.cluster)
    }

    pub(crate) fn width_of(&self, glyphs: std::ops::Range<usize>) -> i32 {
        self.glyphs.get(glyphs).map_or(0, |gs| gs.iter().map(|g| g.advance).sum())
    }

    /// Width of the spaces that end the glyph range: they are not drawn at a line's end.
    pub(crate) fn trailing_space(&self, glyphs: std::ops::Range<usize>) -> i32 {
        let spaces = self.trailing_space_glyphs(glyphs.clone());
        self.width_of(glyphs.end - spaces..glyphs.end)
    }

    /// How many glyphs at the end of the range are spaces.
    pub(crate) fn trailing_space_glyphs(&self, glyphs: std::ops::Range<usize>) -> usize {
        let Some(gs) = self.glyphs.get(glyphs) else { return 0 };
        gs.iter()
            .rev()
            .take_while(|g| {
                self.text
                    .get(g.cluster as usize..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| c == ' ' || c == '\t' || c == '\u{3000}')
            })
            .count()
    }
}

thread_local! {
    static BUFFER: RefCell<Option<Buffer>> = const { RefCell::new(None) };
}

/// Shapes `text` (Thai script, language th) in `face`.
pub(crate) fn shape(face: &Face, weight: Weight, text: &str) -> Result<ShapedRun> {
    let mut buffer = BUFFER.with(|b| b.borrow_mut().take()).unwrap_or_default();
    buffer.clear();
    // A run that starts with a stray mark (a typo in a name) must not print a dotted circle.
    buffer.set_flags(BufferFlags::DO_NOT_INSERT_DOTTED_CIRCLE);
    buffer.push_str(text);
    buffer.set_direction(Direction::LeftToRight);
    buffer.set_script(Some(Script::THAI));
    buffer.set_language(face.plan.language().cloned());
    let shaper = ShaperFont::new(&face.hb);
    let shaped = harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&face.plan)));
    let result = shaped.map_err(|e| DocError::Shaping(format!("{e:?}"))).map(|()| {
        let glyphs = buffer
            .glyph_infos()
            .iter()
            .zip(buffer.glyph_positions())
            .map(|(info, pos)| Glyph {
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                alt: false,
                cluster: info.cluster,
                advance: pos.x_advance,
                dx: pos.x_offset,
                dy: pos.y_offset,
            })
            .collect();
        fix_sara_am(face, text, glyphs)
    });
    BUFFER.with(|b| *b.borrow_mut() = Some(buffer));
    Ok(ShapedRun { text: text.into(), weight, glyphs: result?, breaks: OnceLock::new() })
}

/// HarfBuzz draws ำ as nikhahit + the า glyph that plain า shares. Where nikhahit is a glyph
/// of its own, draw the font's single ำ glyph instead; where it is fused with a tone mark
/// (น้ำ), draw the า from the alternate resource that copies as ำ. See `Face`.
fn fix_sara_am(face: &Face, text: &str, mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    if !text.contains(SARA_AM) {
        return glyphs;
    }
    let text_of = |g: &Glyph| face.glyph_text(g.gid).unwrap_or("");
    let mut start = 0;
    while start < glyphs.len() {
        let cluster = glyphs[start].cluster;
        let end = start + glyphs[start..].iter().take_while(|g| g.cluster == cluster).count();
        let next_byte = glyphs.get(end).map_or(text.len(), |g| g.cluster as usize);
        let cluster_text = text.get(cluster as usize..next_byte).unwrap_or("");
        let members = start..end;
        start = end;
        if !cluster_text.contains(SARA_AM)
            || glyphs[members.clone()].iter().any(|g| text_of(g) == "ำ")
        {
            continue;
        }
        let Some(aa) = members.clone().rev().find(|&i| Some(glyphs[i].gid) == face.sara_aa) else {
            continue;
        };
        let nikhahit = members.clone().find(|&i| text_of(&glyphs[i]) == "\u{0E4D}");
        match (nikhahit, face.sara_am) {
            (Some(n), Some(am)) => {
                glyphs[aa].gid = am;
                glyphs[aa].advance = face.advance(am);
                glyphs[aa].dx = 0;
                glyphs[aa].dy = 0;
                glyphs.remove(n);
                start -= 1;
            }
            _ => glyphs[aa].alt = true,
        }
    }
    glyphs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::fonts::Fonts;

    /// What a viewer that ignores /ActualText copies: each glyph's ToUnicode text in order.
    fn copied(face: &Face, run: &ShapedRun) -> String {
        run.glyphs
            .iter()
            .map(|g| if g.alt { "ำ" } else { face.glyph_text(g.gid).unwrap_or("\u{FFFD}") })
            .collect()
    }

    #[test]
    fn tone_mark_before_sara_am_copies_back_exactly() {
        let fonts = Fonts::sarabun();
        for weight in [Weight::Regular, Weight::Bold] {
            let face = fonts.face(weight);
            for text in ["น้ำ", "ค้ำประกัน", "ผู้ค้ำประกัน", "กำหนด", "ที่ปี่", "ผู้กู้", "จำนวน1,234.50บาท"]
            {
                let run = shape(face, weight, text).expect("shapes");
                assert_eq!(copied(face, &run), text, "{weight:?}");
            }
        }
    }

    #[test]
    fn every_consonant_with_every_tone_and_sara_am_copies_back() {
        let fonts = Fonts::sarabun();
        let tones = ["", "\u{0E48}", "\u{0E49}", "\u{0E4A}", "\u{0E4B}"];
        for weight in [Weight::Regular, Weight::Bold] {
            let face = fonts.face(weight);
            for c in '\u{0E01}'..='\u{0E2E}' {
                for tone in tones {
                    for tail in ["ำ", "ี", "ิ", "ุ", "ู", "ั", "ื"] {
                        let text = format!("{c}{}{tone}", tail.replace('ำ', ""));
                        let text = if tail == "ำ" { format!("{c}{tone}ำ") } else { text };
                        let run = shape(face, weight, &text).expect("shapes");
                        assert_eq!(copied(face, &run), text, "{weight:?} {:?}", run.glyphs);
                    }
                }
            }
        }
    }

    #[test]
    fn sara_am_without_tone_is_one_glyph() {
        let fonts = Fonts::sarabun();
        let face = fonts.face(Weight::Regular);
        let run = shape(face, Weight::Regular, "กำ").expect("shapes");
        assert_eq!(run.glyphs.len(), 2);
        assert_eq!(Some(run.glyphs[1].gid), face.sara_am);
        let run = shape(face, Weight::Regular, "น้ำ").expect("shapes");
        assert!(run.glyphs.iter().any(|g| g.alt));
    }

    #[test]
    fn lstm_breaks_between_thai_words_and_after_spaces() {
        let fonts = Fonts::sarabun();
        let run = shape(fonts.face(Weight::Regular), Weight::Regular, "ผู้กู้ต้องชำระเงิน ภายในวันที่")
            .expect("shapes");
        let breaks = run.breaks(fonts.0.segmenter);
        let words: Vec<&str> = std::iter::once(0)
            .chain(breaks.iter().map(|&b| b as usize))
            .zip(breaks.iter().map(|&b| b as usize).chain(std::iter::once(run.text.len())))
            .map(|(a, b)| &run.text[a..b])
            .collect();
        assert!(words.contains(&"ชำระ"), "{words:?}");
        assert!(words.contains(&"เงิน "), "{words:?}");
    }
}
