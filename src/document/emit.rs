//! Turning laid-out lines into PDF text operations: positioned glyph ids in `TJ` arrays, each
//! line inside a marked-content span whose `/ActualText` is the line's exact text.

use std::collections::BTreeMap;

use printpdf::{Codepoint, DictItem, FontId, Op, PdfFontHandle, Point, Pt, TextItem};

use super::flow::{FlowItem, Line};
use super::fonts::{Fonts, Weight};

/// The four font resources of a file: each weight, plus its alternate that copies า as ำ.
#[derive(Debug, Clone)]
pub(crate) struct FontIds {
    pub(crate) regular: FontId,
    pub(crate) bold: FontId,
    pub(crate) regular_alt: FontId,
    pub(crate) bold_alt: FontId,
}

impl FontIds {
    /// Resource names are also the six-letter subset tags printpdf writes (`ABCDEF+Sarabun`),
    /// which must differ between files: tools that merge PDFs treat same-tagged subsets as the
    /// same font and would lose glyphs. So they are derived from `seed`, unique per file.
    pub(crate) fn new(seed: u64) -> FontIds {
        let tag = |font: u64| {
            let mut h = seed ^ font.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let mut s = String::with_capacity(6);
            for _ in 0..6 {
                h = h
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                s.push(char::from(b'A' + ((h >> 33) % 26) as u8));
            }
            FontId(s)
        };
        FontIds { regular: tag(1), bold: tag(2), regular_alt: tag(3), bold_alt: tag(4) }
    }

    fn get(&self, weight: Weight, alt: bool) -> &FontId {
        match (weight, alt) {
            (Weight::Regular, false) => &self.regular,
            (Weight::Bold, false) => &self.bold,
            (Weight::Regular, true) => &self.regular_alt,
            (Weight::Bold, true) => &self.bold_alt,
        }
    }
}

/// Where and how a line is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pen {
    /// Left end of the line, in points from the page's left edge.
    pub(crate) x: f32,
    /// Baseline, in points from the page's bottom edge.
    pub(crate) baseline: f32,
    pub(crate) size: f32,
    pub(crate) actual_text: bool,
}

/// Appends the operations that draw `line`.
pub(crate) fn draw_line(
    ops: &mut Vec<Op>,
    fonts: &Fonts,
    ids: &FontIds,
    items: &[FlowItem],
    line: &Line,
    pen: Pen,
) {
    if line.segs.is_empty() {
        return;
    }
    if pen.actual_text {
        let mut map = BTreeMap::new();
        map.insert(
            "ActualText".to_owned(),
            DictItem::String { data: utf16be_with_bom(&line.text(items)), literal: false },
        );
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".into(),
            properties: DictItem::Dict { map },
        });
    }
    ops.push(Op::StartTextSection);
    // A fresh text object starts at the origin, so this `Td` is absolute.
    ops.push(Op::SetTextCursor { pos: Point { x: Pt(pen.x), y: Pt(pen.baseline) } });

    let upm = fonts.upm() as f32;
    let em = 1000.0 / upm;
    let mut state = TextState::default();
    // Spaces that end the line are not drawn (their text is still in /ActualText).
    let (last_seg, last_end) = visible_end(items, line);
    let mut x = 0i32;
    for (si, seg) in line.segs.iter().enumerate().take(last_seg + 1) {
        let Some(run) = items.get(seg.item).and_then(FlowItem::run) else { continue };
        let face = fonts.face(run.weight);
        let end = if si == last_seg { last_end } else { seg.glyphs.end };
        for g in run.glyphs.get(seg.glyphs.start..end).unwrap_or(&[]) {
            let font = (run.weight, g.alt);
            if state.font != Some(font) || state.rise != g.dy {
                state.flush(ops);
                if state.font != Some(font) {
                    let handle = PdfFontHandle::External(ids.get(run.weight, g.alt).clone());
                    ops.push(Op::SetFont { font: handle, size: Pt(pen.size) });
                    state.font = Some(font);
                }
                if state.rise != g.dy {
                    // Text rise is in unscaled text space, i.e. points here.
                    let rise = g.dy as f32 * pen.size / upm;
                    ops.push(Op::SetLineOffset { multiplier: rise });
                    state.rise = g.dy;
                }
            }
            let target = (x + g.dx) as f32 * em;
            let kern = state.pen - target;
            if kern.abs() > 0.001 {
                match state.glyphs.last_mut() {
                    Some(last) => last.offset += kern,
                    None => state.items.push(TextItem::Offset(kern)),
                }
            }
            let cid = (!g.alt && face.needs_cid(g.gid))
                .then(|| face.glyph_text(g.gid).map(str::to_owned))
                .flatten();
            state.glyphs.push(Codepoint { gid: g.gid, offset: 0.0, cid });
            state.pen = target + face.pdf_width(g.gid);
            x += g.advance;
        }
    }
    state.flush(ops);
    if state.rise != 0 {
        ops.push(Op::SetLineOffset { multiplier: 0.0 });
    }
    ops.push(Op::EndTextSection);
    if pen.actual_text {
        ops.push(Op::EndMarkedContentWithProperties);
    }
}

/// The segment and glyph index where the line's trailing spaces begin.
fn visible_end(items: &[FlowItem], line: &Line) -> (usize, usize) {
    for (si, seg) in line.segs.iter().enumerate().rev() {
        let Some(run) = items.get(seg.item).and_then(FlowItem::run) else { continue };
        let spaces = run.trailing_space_glyphs(seg.glyphs.clone());
        if spaces < seg.glyphs.len() {
            return (si, seg.glyphs.end - spaces);
        }
    }
    (0, line.segs.first().map_or(0, |s| s.glyphs.start))
}

#[derive(Default)]
struct TextState {
    font: Option<(Weight, bool)>,
    rise: i32,
    /// Where the viewer's pen is, in thousandths of an em from the line start: it advances
    /// by each glyph's `/W` width, and kerns move it to where the shaper put the next glyph.
    pen: f32,
    items: Vec<TextItem>,
    glyphs: Vec<Codepoint>,
}

impl TextState {
    fn flush(&mut self, ops: &mut Vec<Op>) {
        if !self.glyphs.is_empty() {
            self.items.push(TextItem::GlyphIds(std::mem::take(&mut self.glyphs)));
        }
        if !self.items.is_empty() {
            ops.push(Op::ShowText { items: std::mem::take(&mut self.items) });
        }
    }
}

pub(crate) fn utf16be_with_bom(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + text.len() * 2);
    out.extend_from_slice(&[0xFE, 0xFF]);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}
