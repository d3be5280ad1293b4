//! From a [`Para`] to positioned lines: shaping each run through the shared cache, filling
//! lines, and placing them by alignment.

use super::emit::{FontIds, PageOut, Pen, draw_line};
use super::error::Result;
use super::flow::{FlowItem, Line, fill};
use super::fonts::Fonts;
use super::para::{Align, Para, RunKind};

/// A paragraph broken into lines at one width and size.
#[derive(Debug, Clone)]
pub(crate) struct Laid {
    pub(crate) items: Vec<FlowItem>,
    pub(crate) lines: Vec<Line>,
    pub(crate) size: f32,
    pub(crate) align: Align,
    /// Extra indent of the first line, in points.
    pub(crate) first_indent: f32,
    /// Width available to lines after the first, in points.
    pub(crate) width: f32,
}

/// Lays `para` out in `width` points at `size` points, the first line indented `first_indent`.
pub(crate) fn layout(
    fonts: &Fonts,
    para: &Para,
    width: f32,
    size: f32,
    first_indent: f32,
) -> Result<Laid> {
    let mut items = Vec::with_capacity(para.runs.len());
    for run in &para.runs {
        let item = match run.kind {
            RunKind::Newline => FlowItem::Newline,
            kind => {
                let face = fonts.face(run.weight);
                let shaped = fonts.0.cache.get_or_shape(face, run.weight, &run.text)?;
                if kind == RunKind::Field {
                    FlowItem::Field(shaped)
                } else {
                    FlowItem::Text(shaped)
                }
            }
        };
        items.push(item);
    }
    let to_units = |pt: f32| (pt * fonts.upm() as f32 / size).floor() as i32;
    let first_indent = first_indent.clamp(0.0, width * 0.9);
    let lines = fill(&items, to_units(width - first_indent), to_units(width), fonts.0.segmenter);
    Ok(Laid { items, lines, size, align: para.align, first_indent, width })
}

impl Laid {
    /// Each line's text as laid out, spaces at line ends included.
    pub(crate) fn line_texts(&self) -> Vec<String> {
        self.lines.iter().map(|l| l.text(&self.items)).collect()
    }

    /// Drawn width of line `i`, in points.
    pub(crate) fn line_width(&self, fonts: &Fonts, i: usize) -> f32 {
        self.lines.get(i).map_or(0.0, |l| l.width as f32 * self.size / fonts.upm() as f32)
    }

    /// Left end of line `i`, in points from the block's left edge.
    pub(crate) fn line_x(&self, fonts: &Fonts, i: usize) -> f32 {
        let Some(line) = self.lines.get(i) else { return 0.0 };
        let indent = if i == 0 { self.first_indent } else { 0.0 };
        let avail = self.width - indent;
        let w = line.width as f32 * self.size / fonts.upm() as f32;
        indent
            + match self.align {
                Align::Left => 0.0,
                Align::Center => ((avail - w) / 2.0).max(0.0),
                Align::Right => (avail - w).max(0.0),
            }
    }

    /// Draws line `i` with its left edge at `left` and its baseline at `baseline` (points from
    /// the page's bottom).
    pub(crate) fn draw(
        &self,
        page: &mut PageOut,
        ctx: &Ctx<'_>,
        i: usize,
        left: f32,
        baseline: f32,
    ) {
        if let Some(line) = self.lines.get(i) {
            let x = left + self.line_x(ctx.fonts, i);
            let pen = Pen { x, baseline, size: self.size, actual_text: ctx.actual_text };
            draw_line(page, ctx.fonts, ctx.ids, &self.items, line, pen);
        }
    }
}

/// What drawing needs from the builder, borrowed apart from the page being drawn on.
pub(crate) struct Ctx<'a> {
    pub(crate) fonts: &'a Fonts,
    pub(crate) ids: &'a FontIds,
    pub(crate) actual_text: bool,
}

/// Vertical metrics of a line box: its height and where the baseline sits below its top.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineBox {
    pub(crate) height: f32,
    pub(crate) baseline: f32,
}

impl LineBox {
    pub(crate) fn new(fonts: &Fonts, size: f32, factor: f32) -> LineBox {
        let face = fonts.face(super::fonts::Weight::Regular);
        let upm = face.upm as f32;
        let (asc, desc) = (face.ascender as f32 * size / upm, face.descender as f32 * size / upm);
        let height = size * factor;
        LineBox { height, baseline: (height - asc - desc) / 2.0 + asc }
    }
}
