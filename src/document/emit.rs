//! Turning laid-out lines into PDF text: positioned glyph ids in `TJ` arrays, each line inside a
//! marked-content span whose `/ActualText` is the line's exact text.
//!
//! Text is written straight into the page's content bytes rather than as one printpdf `Op` per
//! glyph run: printpdf turns every glyph into its own `lopdf` string object, two allocations and
//! a formatted write each, which was half the time of a 1,000-letter batch and most of its
//! memory. Glyph ids are written as the font's own ids, four hex digits each, and their places
//! recorded; [`super::assemble`] renumbers them to the subset's ids once printpdf has subset the
//! fonts.

use printpdf::{FontId, Op};

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

    /// The resources in [`FontSlot`] order.
    pub(crate) fn all(&self) -> [(&FontId, Weight, bool); 4] {
        [
            (&self.regular, Weight::Regular, false),
            (&self.bold, Weight::Bold, false),
            (&self.regular_alt, Weight::Regular, true),
            (&self.bold_alt, Weight::Bold, true),
        ]
    }
}

/// Index of a font resource in [`FontIds::all`].
pub(crate) type FontSlot = u8;

fn slot(weight: Weight, alt: bool) -> FontSlot {
    match (weight, alt) {
        (Weight::Regular, false) => 0,
        (Weight::Bold, false) => 1,
        (Weight::Regular, true) => 2,
        (Weight::Bold, true) => 3,
    }
}

/// A run of glyph ids in a page's text bytes: `count` ids of font `font`, four hex digits each,
/// starting at byte `at`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlyphRun {
    pub(crate) at: u32,
    pub(crate) count: u32,
    pub(crate) font: FontSlot,
}

/// One page being written: printpdf operations for pictures and lines, and the text bytes
/// appended to its content stream at the end (so text is drawn over fills and pictures).
#[derive(Debug, Default)]
pub(crate) struct PageOut {
    pub(crate) ops: Vec<Op>,
    pub(crate) text: Vec<u8>,
    pub(crate) runs: Vec<GlyphRun>,
}

impl PageOut {
    /// Puts `first`'s text before this page's text.
    pub(crate) fn prepend_text(&mut self, mut first: PageOut) {
        let shift = first.text.len() as u32;
        for run in &mut self.runs {
            run.at += shift;
        }
        first.text.append(&mut self.text);
        first.runs.append(&mut self.runs);
        self.text = first.text;
        self.runs = first.runs;
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

/// Writes the text operators that draw `line`.
pub(crate) fn draw_line(
    page: &mut PageOut,
    fonts: &Fonts,
    ids: &FontIds,
    items: &[FlowItem],
    line: &Line,
    pen: Pen,
) {
    if line.segs.is_empty() {
        return;
    }
    let out = &mut page.text;
    if pen.actual_text {
        out.extend_from_slice(b"/Span<</ActualText(");
        // A literal string holds the UTF-16 bytes as they are, half the size of hex.
        let text = line.text(items);
        for unit in std::iter::once(0xFEFF).chain(text.encode_utf16()) {
            for b in unit.to_be_bytes() {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
        }
        out.extend_from_slice(b")>>BDC\n");
    }
    // A fresh text object starts at the origin, so this `Td` is absolute.
    out.extend_from_slice(b"BT\n");
    number(out, pen.x);
    out.push(b' ');
    number(out, pen.baseline);
    out.extend_from_slice(b" Td\n");

    let upm = fonts.upm() as f32;
    let em = 1000.0 / upm;
    let mut w = TjWriter { font: None, rise: 0, pen: 0.0, open: Open::None };
    let (last_seg, last_end) = visible_end(items, line);
    let mut x = 0i32;
    for (si, seg) in line.segs.iter().enumerate().take(last_seg + 1) {
        let Some(run) = items.get(seg.item).and_then(FlowItem::run) else { continue };
        let face = fonts.face(run.weight);
        // Spaces that end the line are not drawn (their text is still in /ActualText).
        let end = if si == last_seg { last_end } else { seg.glyphs.end };
        for g in run.glyphs.get(seg.glyphs.start..end).unwrap_or(&[]) {
            let font = slot(run.weight, g.alt);
            if w.font != Some(font) {
                w.close(page);
                let name = &ids.all()[usize::from(font)].0.0;
                page.text.push(b'/');
                page.text.extend_from_slice(name.as_bytes());
                page.text.push(b' ');
                number(&mut page.text, pen.size);
                page.text.extend_from_slice(b" Tf\n");
                w.font = Some(font);
            }
            if w.rise != g.dy {
                w.close(page);
                // Text rise is in unscaled text space, i.e. points here.
                number(&mut page.text, g.dy as f32 * pen.size / upm);
                page.text.extend_from_slice(b" Ts\n");
                w.rise = g.dy;
            }
            // Kern from where the viewer's pen is (advanced by each glyph's /W width) to
            // where the shaper put this glyph.
            let target = (x + g.dx) as f32 * em;
            let kern = w.pen - target;
            if kern.abs() > 0.004 {
                w.kern(page, kern);
            }
            w.glyph(page, g.gid, font);
            w.pen = target + face.pdf_width(g.gid);
            x += g.advance;
        }
    }
    w.close(page);
    if w.rise != 0 {
        page.text.extend_from_slice(b"0 Ts\n");
    }
    page.text.extend_from_slice(b"ET\n");
    if pen.actual_text {
        page.text.extend_from_slice(b"EMC\n");
    }
}

#[derive(PartialEq)]
enum Open {
    None,
    /// Inside a `TJ` array, between strings.
    Array,
    /// Inside a hex string of glyph ids.
    Hex,
}

struct TjWriter {
    font: Option<FontSlot>,
    rise: i32,
    /// Where the viewer's pen is, in thousandths of an em from the line start.
    pen: f32,
    open: Open,
}

impl TjWriter {
    fn glyph(&mut self, page: &mut PageOut, gid: u16, font: FontSlot) {
        if self.open == Open::None {
            page.text.push(b'[');
            self.open = Open::Array;
        }
        if self.open == Open::Array {
            page.text.push(b'<');
            self.open = Open::Hex;
            page.runs.push(GlyphRun { at: page.text.len() as u32, count: 0, font });
        }
        hex4(&mut page.text, gid);
        if let Some(run) = page.runs.last_mut() {
            run.count += 1;
        }
    }

    fn kern(&mut self, page: &mut PageOut, kern: f32) {
        match self.open {
            Open::None => page.text.push(b'['),
            Open::Hex => page.text.push(b'>'),
            Open::Array => page.text.push(b' '),
        }
        number(&mut page.text, kern);
        self.open = Open::Array;
    }

    fn close(&mut self, page: &mut PageOut) {
        match self.open {
            Open::None => return,
            Open::Hex => page.text.extend_from_slice(b">]TJ\n"),
            Open::Array => page.text.extend_from_slice(b"]TJ\n"),
        }
        self.open = Open::None;
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

pub(crate) fn hex4(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&hex4_bytes(v));
}

/// A glyph id as the four upper-case hex digits of a PDF hex string.
pub(crate) fn hex4_bytes(v: u16) -> [u8; 4] {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    [
        HEX[usize::from(v >> 12)],
        HEX[usize::from((v >> 8) & 15)],
        HEX[usize::from((v >> 4) & 15)],
        HEX[usize::from(v & 15)],
    ]
}

/// Writes `v` with at most two decimals, as PDF content streams expect (no exponent).
pub(crate) fn number(out: &mut Vec<u8>, v: f32) {
    let cents = (f64::from(v) * 100.0).round() as i64;
    if cents < 0 {
        out.push(b'-');
    }
    let cents = cents.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut n = cents / 100;
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
    let frac = cents % 100;
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_plainly() {
        let s = |v: f32| {
            let mut out = Vec::new();
            number(&mut out, v);
            String::from_utf8(out).expect("ASCII")
        };
        assert_eq!(s(85.03937), "85.04");
        assert_eq!(s(-10.0), "-10");
        assert_eq!(s(0.5), "0.5");
        assert_eq!(s(-0.004), "0");
        assert_eq!(s(1234.0), "1234");
        let mut out = Vec::new();
        hex4(&mut out, 0x01AF);
        assert_eq!(out, b"01AF");
    }
}
