//! Greedy line filling over shaped runs: words never split, field values kept whole unless
//! longer than a line, spaces at a line's end not counted, break opportunities computed only
//! for the runs that actually have to break. A break the Thai glue rules forbid (`3 | งวด`,
//! `นาย | สมชาย`, a date, after `(`; see [`crate::domain::thai::glue`]) is taken only when the
//! words it joins are wider than a whole line, before cutting between letters.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

use icu_segmenter::LineSegmenterBorrowed;

use super::shape::ShapedRun;
use crate::domain::thai::glue::glued;

/// One item of a paragraph, ready to be laid out.
#[derive(Debug, Clone)]
pub(crate) enum FlowItem {
    /// Template text: breaks wherever ICU's LSTM model finds a word boundary.
    Text(Arc<ShapedRun>),
    /// A field value (a name, an address, an amount): kept on one line unless it is wider than
    /// a whole line, then broken at its own word boundaries.
    Field(Arc<ShapedRun>),
    /// A forced line break.
    Newline,
}

impl FlowItem {
    pub(crate) fn run(&self) -> Option<&ShapedRun> {
        match self {
            FlowItem::Text(r) | FlowItem::Field(r) => Some(r),
            FlowItem::Newline => None,
        }
    }
}

/// A stretch of glyphs of one item on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seg {
    pub(crate) item: usize,
    pub(crate) glyphs: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub(crate) segs: Vec<Seg>,
    /// Width of what is drawn, in font units: spaces that end the line are left out.
    pub(crate) width: i32,
}

impl Line {
    /// The text of the line, including the spaces at its end that are not drawn.
    pub(crate) fn text(&self, items: &[FlowItem]) -> String {
        let mut s = String::new();
        for seg in &self.segs {
            if let Some(run) = items.get(seg.item).and_then(FlowItem::run) {
                let bytes =
                    run.byte_at(seg.glyphs.start) as usize..run.byte_at(seg.glyphs.end) as usize;
                s.push_str(run.text.get(bytes).unwrap_or(""));
            }
        }
        s
    }
}

#[derive(Debug, Clone)]
struct Piece {
    item: usize,
    glyphs: Range<usize>,
    width: i32,
    /// Width of the spaces that end the piece.
    trail: i32,
    /// A line may start with this piece.
    break_before: bool,
    /// A line must start with this piece.
    forced: bool,
    /// A whole item that may still be split at its own break opportunities.
    expandable: bool,
    /// A line could start here but the glue rules keep it with what precedes: used only when
    /// the glued words do not fit on a line of their own.
    glued: bool,
}

/// Fills lines `first` font units wide (the first line) and `rest` wide (the others).
pub(crate) fn fill(
    items: &[FlowItem],
    first: i32,
    rest: i32,
    segmenter: LineSegmenterBorrowed<'static>,
) -> Vec<Line> {
    let (mut queue, tails) = initial_pieces(items, rest);
    let mut lines: Vec<Line> = Vec::new();
    let mut cur = LineBuilder::default();
    let mut word: Vec<Piece> = Vec::new();
    while let Some(head) = queue.pop_front() {
        word.clear();
        word.push(head);
        while let Some(p) = queue.pop_front() {
            if p.break_before {
                queue.push_front(p);
                break;
            }
            word.push(p);
        }
        if word[0].forced {
            word[0].forced = false;
            lines.push(std::mem::take(&mut cur).finish());
        }
        let avail = if lines.is_empty() { first } else { rest };
        let total: i32 = word.iter().map(|p| p.width).sum();
        let visible = total - word.last().map_or(0, |p| p.trail);
        if cur.total + visible <= avail {
            word.drain(..).for_each(|p| cur.push(p));
            continue;
        }
        if word.iter().any(|p| p.expandable) {
            let mut expanded = Vec::new();
            for p in word.drain(..) {
                expand(p, items, &tails, segmenter, &mut expanded);
            }
            expanded.into_iter().rev().for_each(|p| queue.push_front(p));
            continue;
        }
        if !cur.segs.is_empty() {
            lines.push(std::mem::take(&mut cur).finish());
            word.drain(..).rev().for_each(|p| queue.push_front(p));
            continue;
        }
        // Wider than an empty line: break where only the glue rules said no, else between
        // clusters.
        if let Some(k) = glued_split(&word, avail) {
            let mut tail = word.split_off(k);
            (tail[0].break_before, tail[0].glued) = (true, false);
            word.drain(..).for_each(|p| cur.push(p));
            tail.into_iter().rev().for_each(|p| queue.push_front(p));
            continue;
        }
        let rest_of_word = split_to_fit(&mut word, avail, items);
        word.drain(..).for_each(|p| cur.push(p));
        rest_of_word.into_iter().rev().for_each(|p| queue.push_front(p));
    }
    if !cur.segs.is_empty() || lines.is_empty() {
        lines.push(cur.finish());
    }
    lines
}

/// The pieces of whole items, and for each item the end of the line's text before it (what
/// the glue rules look at when a break falls at or just inside the item's start).
fn initial_pieces(items: &[FlowItem], line: i32) -> (VecDeque<Piece>, Vec<String>) {
    let mut queue = VecDeque::with_capacity(items.len());
    let mut tails = Vec::with_capacity(items.len());
    let mut tail = String::new();
    let mut forced = false;
    let mut prev: Option<char> = None;
    for (i, item) in items.iter().enumerate() {
        tails.push(tail.clone());
        let (run, field) = match item {
            FlowItem::Newline => {
                if forced {
                    // Two breaks in a row: an empty line between them.
                    queue.push_back(empty_piece(i));
                }
                forced = true;
                prev = None;
                tail.clear();
                continue;
            }
            FlowItem::Text(run) => (run, false),
            FlowItem::Field(run) => (run, true),
        };
        if run.glyphs.is_empty() {
            continue;
        }
        let all = 0..run.glyphs.len();
        let (width, trail) = (run.width(), run.trailing_space(all.clone()));
        let may = boundary_break(prev, run.text.chars().next());
        let glue = may && !forced && glued(&tail, &run.text);
        queue.push_back(Piece {
            item: i,
            glyphs: all,
            width,
            trail,
            break_before: forced || (may && !glue),
            forced,
            expandable: !field || width - trail > line,
            glued: glue,
        });
        forced = false;
        prev = run.text.chars().last();
        tail.push_str(&run.text);
        keep_end(&mut tail);
    }
    if forced {
        queue.push_back(empty_piece(items.len()));
    }
    (queue, tails)
}

/// Keeps the last few words of `tail`: enough for the glue rules (`นางสาว `, `พฤศจิกายน `,
/// `1,234,567.89 `), not the whole paragraph.
fn keep_end(tail: &mut String) {
    const KEEP: usize = 64;
    if tail.len() > 2 * KEEP {
        let mut cut = tail.len() - KEEP;
        while !tail.is_char_boundary(cut) {
            cut += 1;
        }
        tail.drain(..cut);
    }
}

/// Where to break a word of glued pieces wider than an empty line: the last glued join whose
/// head fits `avail`, else the first (its head is cut again later if it still does not fit).
fn glued_split(word: &[Piece], avail: i32) -> Option<usize> {
    let mut width = 0;
    let mut fitting = None;
    let mut first = None;
    for (k, p) in word.iter().enumerate() {
        if k > 0 && p.glued {
            first.get_or_insert(k);
            if width - word[k - 1].trail <= avail {
                fitting = Some(k);
            }
        }
        width += p.width;
    }
    fitting.or(first)
}

fn empty_piece(item: usize) -> Piece {
    Piece {
        item,
        glyphs: 0..0,
        width: 0,
        trail: 0,
        break_before: true,
        forced: true,
        expandable: false,
        glued: false,
    }
}

/// Splits a whole item at its break opportunities (ICU4X LSTM for Thai); an opportunity the
/// glue rules forbid keeps its piece with the one before.
fn expand(
    p: Piece,
    items: &[FlowItem],
    tails: &[String],
    segmenter: LineSegmenterBorrowed<'static>,
    out: &mut Vec<Piece>,
) {
    let Some(run) = items.get(p.item).and_then(FlowItem::run).filter(|_| p.expandable) else {
        out.push(Piece { expandable: false, ..p });
        return;
    };
    let mut start = p.glyphs.start;
    // Each piece's start: glyph index, and the byte where a line would begin (None at the
    // piece's own start, whose break was decided already).
    let mut glue_at_start = None;
    let cuts = run.breaks(segmenter).iter().map(|&b| (run.glyph_at(b), Some(b as usize)));
    for (end, byte) in cuts.chain(std::iter::once((p.glyphs.end, None))) {
        if end <= start || end > p.glyphs.end {
            continue;
        }
        let first = start == p.glyphs.start;
        let glue = glue_at_start.take().unwrap_or(false);
        out.push(Piece {
            item: p.item,
            glyphs: start..end,
            width: run.width_of(start..end),
            trail: run.trailing_space(start..end),
            break_before: if first { p.break_before } else { !glue },
            forced: first && p.forced,
            expandable: false,
            glued: if first { p.glued } else { glue },
        });
        glue_at_start = byte.map(|b| glued_inside(run, b, tails.get(p.item)));
        start = end;
    }
}

/// The glue rules at byte `b` of a run, with the line's text before the run when the run's
/// own text before `b` is only spaces.
fn glued_inside(run: &ShapedRun, b: usize, tail: Option<&String>) -> bool {
    let (Some(before), Some(after)) = (run.text.get(..b), run.text.get(b..)) else {
        return false;
    };
    if before.trim().is_empty() {
        let mut joined = tail.cloned().unwrap_or_default();
        joined.push_str(before);
        return glued(&joined, after);
    }
    glued(before, after)
}

/// Keeps in `word` the longest run of whole clusters (at least one) that fits `avail`, and
/// returns the rest, which starts a new line.
fn split_to_fit(word: &mut Vec<Piece>, avail: i32, items: &[FlowItem]) -> Vec<Piece> {
    let mut used = 0;
    for (wi, p) in word.iter().enumerate() {
        let Some(run) = items.get(p.item).and_then(FlowItem::run) else { continue };
        let mut cut = None;
        let mut x = used;
        for g in p.glyphs.clone() {
            let boundary = g == 0 || run.glyphs[g].cluster != run.glyphs[g - 1].cluster;
            if boundary && (wi > 0 || g > p.glyphs.start) {
                if x > avail {
                    // At least one cluster goes on the line, however wide.
                    cut.get_or_insert(g);
                    break;
                }
                cut = Some(g);
            }
            x += run.glyphs[g].advance;
        }
        if x <= avail && wi + 1 < word.len() {
            used = x;
            continue;
        }
        let cut = if x <= avail { p.glyphs.end } else { cut.unwrap_or(p.glyphs.end) };
        let mut rest = word.split_off(wi);
        let mut tail = rest.remove(0);
        let head = Piece {
            glyphs: tail.glyphs.start..cut,
            width: run.width_of(tail.glyphs.start..cut),
            trail: run.trailing_space(tail.glyphs.start..cut),
            ..tail.clone()
        };
        tail.glyphs.start = cut;
        tail.width = run.width_of(tail.glyphs.clone());
        tail.break_before = true;
        tail.forced = false;
        if !head.glyphs.is_empty() {
            word.push(head);
        }
        let mut out = Vec::new();
        if !tail.glyphs.is_empty() {
            out.push(tail);
        }
        if let Some(next) = rest.first_mut() {
            next.break_before = true;
        }
        out.extend(rest);
        return out;
    }
    Vec::new()
}

#[derive(Default)]
struct LineBuilder {
    segs: Vec<Seg>,
    total: i32,
    trail: i32,
}

impl LineBuilder {
    fn push(&mut self, p: Piece) {
        self.total += p.width;
        self.trail = p.trail;
        if p.glyphs.is_empty() {
            return;
        }
        match self.segs.last_mut() {
            Some(s) if s.item == p.item && s.glyphs.end == p.glyphs.start => {
                s.glyphs.end = p.glyphs.end;
            }
            _ => self.segs.push(Seg { item: p.item, glyphs: p.glyphs }),
        }
    }

    fn finish(self) -> Line {
        Line { segs: self.segs, width: self.total - self.trail }
    }
}

/// Whether a line may break where one run ends and the next begins.
///
/// Runs are whole words or phrases (a template sentence, a name, an amount), so between two
/// Thai letters a run boundary is a word boundary. Everything else follows UAX #14: break
/// after a space, never before one or before closing punctuation, a Thai vowel sign or a tone
/// mark, never after an opening bracket or a Thai leading vowel, and keep digits and Latin
/// letters glued to their neighbours ("จำนวน1,234.50บาท" stays one unit, as ICU keeps it).
pub(crate) fn boundary_break(prev: Option<char>, next: Option<char>) -> bool {
    let (Some(a), Some(b)) = (prev, next) else { return false };
    if b.is_whitespace() {
        return false;
    }
    if a.is_whitespace() {
        return true;
    }
    let thai_dependent =
        |c: char| matches!(c, '\u{0E30}'..='\u{0E3A}' | '\u{0E45}'..='\u{0E4E}') || c == 'ฯ';
    let closing = |c: char| ")]}.,:;!?%”’»".contains(c);
    let opening = |c: char| "([{“‘«".contains(c);
    if thai_dependent(b) || closing(b) || opening(a) || ('\u{0E40}'..='\u{0E44}').contains(&a) {
        return false;
    }
    let thai_letter = |c: char| ('\u{0E01}'..='\u{0E4F}').contains(&c);
    (thai_letter(a) || closing(a)) && (thai_letter(b) || opening(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::fonts::{Fonts, Weight};

    fn items(fonts: &Fonts, parts: &[(&str, bool)]) -> Vec<FlowItem> {
        let face = fonts.face(Weight::Regular);
        parts
            .iter()
            .map(|&(t, field)| {
                if t == "\n" {
                    return FlowItem::Newline;
                }
                let run = fonts.0.cache.get_or_shape(face, Weight::Regular, t).expect("shapes");
                if field { FlowItem::Field(run) } else { FlowItem::Text(run) }
            })
            .collect()
    }

    fn texts(lines: &[Line], items: &[FlowItem]) -> Vec<String> {
        lines.iter().map(|l| l.text(items)).collect()
    }

    #[test]
    fn a_word_wider_than_a_line_is_cut_between_clusters() {
        let fonts = Fonts::sarabun();
        let items = items(&fonts, &[("1234567890".repeat(8).as_str(), false)]);
        let lines = fill(&items, 10_000, 10_000, fonts.0.segmenter);
        assert!(lines.len() >= 5, "{:?}", texts(&lines, &items));
        assert!(lines.iter().all(|l| l.width <= 10_000));
        assert_eq!(texts(&lines, &items).concat(), "1234567890".repeat(8));
    }

    #[test]
    fn spaces_at_a_line_end_are_not_counted() {
        let fonts = Fonts::sarabun();
        let items = items(&fonts, &[("ชำระหนี้ ", false), ("นายสมชาย", true)]);
        let run = items[0].run().expect("a run");
        let space = run.trailing_space(0..run.glyphs.len());
        assert!(space > 0);
        // Room for the first run without its space: the field moves to the next line.
        let lines = fill(&items, run.width() - space, 50_000, fonts.0.segmenter);
        assert_eq!(texts(&lines, &items), ["ชำระหนี้ ", "นายสมชาย"]);
        assert_eq!(lines[0].width, run.width() - space);
    }

    #[test]
    fn forced_breaks_make_lines_even_when_empty() {
        let fonts = Fonts::sarabun();
        let items = items(&fonts, &[("ก", false), ("\n", false), ("\n", false), ("ข", false)]);
        let lines = fill(&items, 50_000, 50_000, fonts.0.segmenter);
        assert_eq!(texts(&lines, &items), ["ก", "", "ข"]);
    }

    /// Issue 17 §C14: "(" never ends a line, whether the bracket is inside the wording, at
    /// the end of a wording run before a field (`บาท ({ยอดค้างชำระตัวอักษร})`), or followed
    /// by a space; swept over every line width from a word to the whole paragraph.
    #[test]
    fn an_opening_bracket_never_ends_a_line_at_any_width() {
        let fonts = Fonts::sarabun();
        let cases: &[&[(&str, bool)]] = &[
            &[(
                "ค้างชำระรวมจำนวน 9,473.49 บาท (เก้าพันสี่ร้อยเจ็ดสิบสามบาทสี่สิบเก้าสตางค์) ตามรายละเอียด",
                false,
            )],
            &[
                ("มียอดค้างชำระรวมจำนวน ", false),
                ("9,473.49", true),
                (" บาท (", false),
                ("เก้าพันสี่ร้อยเจ็ดสิบสามบาทสี่สิบเก้าสตางค์", true),
                (") ตามรายละเอียดดังนี้", false),
            ],
            &[("ตามสัญญา (", false), ("กทบ.1/2568", true), (") ลงวันที่ 15 มกราคม 2568", false)],
        ];
        for parts in cases {
            let items = items(&fonts, parts);
            let total: i32 = items.iter().filter_map(FlowItem::run).map(ShapedRun::width).sum();
            for width in (2_000..total + 1_000).step_by(250) {
                let lines = texts(&fill(&items, width, width, fonts.0.segmenter), &items);
                for pair in lines.windows(2) {
                    let end = pair[0].trim_end();
                    assert!(!end.ends_with('('), "width {width}: {:?} | {:?}", pair[0], pair[1]);
                }
                let all: String = parts.iter().map(|(t, _)| *t).collect();
                assert_eq!(lines.concat(), all, "width {width}: nothing lost");
            }
        }
    }

    #[test]
    fn run_boundaries_follow_thai_and_uax14_rules() {
        let b = |a: char, c: char| boundary_break(Some(a), Some(c));
        assert!(b(' ', 'น'), "after a space");
        assert!(!b('น', ' '), "before a space");
        assert!(b('ข', 'น'), "between Thai words");
        assert!(!b('น', '1'), "digits glued to Thai text stay together");
        assert!(!b('0', 'บ'));
        assert!(!b('ก', 'ำ'), "a vowel sign never starts a line");
        assert!(!b('ก', '่'));
        assert!(!b('เ', 'ก'), "a leading vowel never ends a line");
        assert!(!b('(', 'น'));
        assert!(!b('น', ')'));
        assert!(b(')', 'น'));
        assert!(!b('A', 'B'));
        assert!(!boundary_break(None, Some('ก')));
    }
}
