//! The page composer letter writers call: paragraphs, spacing, rules, signature lines, images
//! and QR codes flowing down the page, with automatic and explicit page breaks.

use printpdf::{Op, Pt, XObjectTransform};

use super::builder::{DocState, PdfBuilder};
use super::error::Result;
use super::graphics::{QrBlock, Stroke, line_ops, qr_block};
use super::layout::{Ctx, Laid, LineBox, layout};
use super::para::{Align, Indent, Para};
use super::setup::{PageSetup, mm};

/// Writes one document; get it from [`PdfBuilder::document`]. Layout methods chain; a failure
/// (which only a broken font could cause) is reported by [`PdfBuilder::finish`].
pub struct DocWriter<'a> {
    pub(crate) b: &'a mut PdfBuilder,
}

/// A signature block: "ลงชื่อ ............ ผู้กู้" with "(ชื่อ)" centred under the dots.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub label: String,
    pub role: String,
    /// Printed in parentheses under the dotted line; dots in parentheses when `None`.
    pub name: Option<String>,
    pub line_mm: f32,
    /// Where the block sits between the margins.
    pub align: Align,
}

impl Signature {
    pub fn new(role: impl Into<String>, name: Option<String>) -> Signature {
        Signature {
            label: "ลงชื่อ".into(),
            role: role.into(),
            name,
            line_mm: 55.0,
            align: Align::Right,
        }
    }
}

impl DocWriter<'_> {
    pub(crate) fn parts(&mut self) -> (Ctx<'_>, &mut DocState) {
        let b = &mut *self.b;
        let ctx = Ctx { fonts: &b.fonts, ids: &b.ids, actual_text: b.actual_text };
        let doc = b.doc.get_or_insert_with(|| DocState::new(PageSetup::a4_letter()));
        (ctx, doc)
    }

    pub(crate) fn keep<T>(&mut self, r: Result<T>) -> Option<T> {
        r.map_err(|e| {
            self.b.error.get_or_insert(e);
        })
        .ok()
    }

    pub fn setup(&mut self) -> PageSetup {
        self.parts().1.setup
    }

    /// The document's number (`ที่ สจช.หบ. 12/2568`, `ใบแจ้งหนี้ เลขที่ …`): if the document
    /// runs onto further pages, each carries it at its top with its page number.
    pub fn reference(&mut self, number: impl Into<String>) -> &mut Self {
        self.parts().1.reference = Some(number.into());
        self
    }

    /// Adds a paragraph at the cursor, breaking pages between lines as needed.
    pub fn paragraph(&mut self, para: impl std::borrow::Borrow<Para>) -> &mut Self {
        let para = para.borrow();
        let (ctx, doc) = self.parts();
        let r = flow_paragraph(&ctx, doc, para);
        self.keep(r);
        self
    }

    /// The lines `para` would be broken into at the body width, spaces at line ends included.
    pub fn line_texts(&mut self, para: &Para) -> Vec<String> {
        let (ctx, doc) = self.parts();
        let r = lay(&ctx, &doc.setup, para, doc.setup.content_width_pt());
        self.keep(r).map(|l| l.line_texts()).unwrap_or_default()
    }

    /// The width `para` takes on one line, in mm (the widest of its forced lines): lets a
    /// document pick a size at which a block of fields fits its box without breaking them.
    pub fn natural_width_mm(&mut self, para: &Para) -> f32 {
        let (ctx, doc) = self.parts();
        let r = lay(&ctx, &doc.setup, para, mm(10_000.0)).map(|laid| {
            (0..laid.lines.len()).map(|i| laid.line_width(ctx.fonts, i)).fold(0.0, f32::max)
        });
        self.keep(r).unwrap_or(0.0) * 25.4 / 72.0
    }

    /// Lays `para` out in a box `width_mm` wide whose top-left corner is `(x_mm, y_mm)` from
    /// the page's top-left corner, without moving the cursor. Returns the height used, in mm.
    pub fn text_at(&mut self, x_mm: f32, y_mm: f32, width_mm: f32, para: &Para) -> f32 {
        let (ctx, doc) = self.parts();
        let r = lay(&ctx, &doc.setup, para, mm(width_mm)).map(|laid| {
            let lb = LineBox::new(ctx.fonts, laid.size, doc.setup.line_factor());
            for i in 0..laid.lines.len() {
                let baseline = doc.pdf_y(mm(y_mm) + i as f32 * lb.height + lb.baseline);
                laid.draw(doc.page(), &ctx, i, mm(x_mm), baseline);
            }
            laid.lines.len() as f32 * lb.height * 25.4 / 72.0
        });
        self.keep(r).unwrap_or(0.0)
    }

    /// Vertical space; at a page's end it starts the next page instead.
    pub fn spacer(&mut self, space_mm: f32) -> &mut Self {
        let doc = self.parts().1;
        if !doc.ensure(mm(space_mm)) {
            doc.y += mm(space_mm);
        }
        self
    }

    /// Starts a new page unless `space_mm` still fits (keeps a signature block together).
    pub fn ensure_space(&mut self, space_mm: f32) -> &mut Self {
        self.parts().1.ensure(mm(space_mm));
        self
    }

    pub fn page_break(&mut self) -> &mut Self {
        self.parts().1.new_page();
        self
    }

    /// Where the next block goes, in mm from the page's top edge.
    pub fn cursor_mm(&mut self) -> f32 {
        self.parts().1.y * 25.4 / 72.0
    }

    /// Moves the cursor to `y_mm` from the page's top edge (below a block placed with
    /// [`DocWriter::text_at`], say); past the bottom margin it starts a new page.
    pub fn set_cursor_mm(&mut self, y_mm: f32) -> &mut Self {
        let doc = self.parts().1;
        doc.y = mm(y_mm).max(doc.setup.top_pt());
        if doc.y > doc.setup.bottom_pt() {
            doc.new_page();
        }
        self
    }

    /// The height in mm that `draw` takes when it starts at the top of an empty page of this
    /// document's setup. It draws into a scratch page that is then thrown away, and the
    /// document is left as it was: lets a form measure what must follow a table before
    /// deciding how many rows the table can have. A block that runs past one page counts
    /// every full page it filled.
    pub fn measure_mm(&mut self, draw: impl FnOnce(&mut DocWriter<'_>)) -> f32 {
        let saved = self.b.doc.take();
        let setup = saved.as_ref().map_or_else(PageSetup::a4_letter, |d| d.setup);
        self.b.doc = Some(DocState::new(setup));
        draw(self);
        let scratch = std::mem::replace(&mut self.b.doc, saved);
        let Some(scratch) = scratch else { return 0.0 };
        let page = setup.bottom_pt() - setup.top_pt();
        let used = (scratch.pages.len().max(1) - 1) as f32 * page + (scratch.y - setup.top_pt());
        used * 25.4 / 72.0
    }

    /// Millimetres left between the cursor and the bottom margin.
    pub fn remaining_mm(&mut self) -> f32 {
        let doc = self.parts().1;
        (doc.setup.bottom_pt() - doc.y) * 25.4 / 72.0
    }

    /// A thin solid line across the text block.
    pub fn rule(&mut self) -> &mut Self {
        let doc = self.parts().1;
        doc.ensure(mm(3.0));
        let y = doc.pdf_y(doc.y + mm(1.5));
        let (x0, x1) = (doc.setup.left_pt(), doc.setup.left_pt() + doc.setup.content_width_pt());
        line_ops(&mut doc.page().ops, (x0, y), (x1, y), 0.5, Stroke::Solid);
        doc.y += mm(3.0);
        self
    }

    /// A dotted line across the text block, for a form's blank to fill in by hand.
    pub fn dotted_rule(&mut self) -> &mut Self {
        let doc = self.parts().1;
        doc.ensure(mm(6.0));
        let y = doc.pdf_y(doc.y + mm(5.0));
        let (x0, x1) = (doc.setup.left_pt(), doc.setup.left_pt() + doc.setup.content_width_pt());
        line_ops(&mut doc.page().ops, (x0, y), (x1, y), 0.8, Stroke::Dotted);
        doc.y += mm(6.0);
        self
    }

    /// A filled rectangle, top-left corner `(x_mm, y_mm)` from the page's top-left corner,
    /// in grey level `grey` (0 black, 1 white). The cursor does not move.
    pub fn fill_rect_at(
        &mut self,
        x_mm: f32,
        y_mm: f32,
        w_mm: f32,
        h_mm: f32,
        grey: f32,
    ) -> &mut Self {
        let doc = self.parts().1;
        let bottom = doc.pdf_y(mm(y_mm + h_mm));
        let rect = printpdf::Rect {
            x: Pt(mm(x_mm)),
            y: Pt(bottom),
            width: Pt(mm(w_mm)),
            height: Pt(mm(h_mm)),
            mode: Some(printpdf::PaintMode::Fill),
            winding_order: None,
        };
        let grey = printpdf::Color::Greyscale(printpdf::Greyscale::new(grey.clamp(0.0, 1.0), None));
        let ops = &mut doc.page().ops;
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor { col: grey });
        ops.push(Op::DrawRectangle { rectangle: rect });
        ops.push(Op::RestoreGraphicsState);
        self
    }

    /// A bold "label" and its value on one line, the value starting `label_mm` from the left
    /// margin and wrapping under itself.
    pub fn label_value(&mut self, label: &str, value: &str, label_mm: f32) -> &mut Self {
        let (ctx, doc) = self.parts();
        let r = (|| -> Result<()> {
            let label = lay(&ctx, &doc.setup, &Para::new().bold(label), mm(label_mm))?;
            let value_width = doc.setup.content_width_pt() - mm(label_mm);
            let value = lay(&ctx, &doc.setup, &Para::new().field(value), value_width)?;
            let lb = LineBox::new(ctx.fonts, doc.setup.font_size, doc.setup.line_factor());
            let rows = label.lines.len().max(value.lines.len());
            doc.ensure(rows as f32 * lb.height);
            let left = doc.setup.left_pt();
            for i in 0..rows {
                doc.ensure(lb.height);
                let baseline = doc.pdf_y(doc.y + lb.baseline);
                let page = doc.page();
                label.draw(page, &ctx, i, left, baseline);
                value.draw(page, &ctx, i, left + mm(label_mm), baseline);
                doc.y += lb.height;
            }
            Ok(())
        })();
        self.keep(r);
        self
    }

    /// A signature block at the cursor; see [`Signature`].
    pub fn signature(&mut self, sig: &Signature) -> &mut Self {
        let (ctx, doc) = self.parts();
        let r = (|| -> Result<()> {
            let setup = doc.setup;
            let width = setup.content_width_pt();
            let label = lay(&ctx, &setup, &Para::text(format!("{} ", sig.label)), width)?;
            let role = lay(&ctx, &setup, &Para::text(format!(" {}", sig.role)), width)?;
            let w = |l: &Laid| l.line_width(ctx.fonts, 0);
            let dots = mm(sig.line_mm);
            let total = w(&label) + dots + w(&role) + mm(1.0);
            let x0 = setup.left_pt()
                + match sig.align {
                    Align::Left => 0.0,
                    Align::Center => (width - total) / 2.0,
                    Align::Right => width - total,
                };
            let lb = LineBox::new(ctx.fonts, setup.font_size, setup.line_factor());
            doc.ensure(2.0 * lb.height);
            let baseline = doc.pdf_y(doc.y + lb.baseline);
            let dots_x = x0 + w(&label) + mm(0.5);
            let page = doc.page();
            label.draw(page, &ctx, 0, x0, baseline);
            let (from, to) = ((dots_x, baseline), (dots_x + dots, baseline));
            line_ops(&mut page.ops, from, to, 0.8, Stroke::Dotted);
            role.draw(page, &ctx, 0, dots_x + dots + mm(0.5), baseline);
            doc.y += lb.height;
            let name = match &sig.name {
                Some(n) => Para::new().run("(").field(n.as_str()).run(")"),
                None => Para::text(format!("({})", " ".repeat(30))),
            };
            // Centred under the dots, however long the name, but kept between the margins.
            let name = lay(&ctx, &setup, &name, width)?;
            let centre = dots_x + dots / 2.0;
            let (lo, hi) = (setup.left_pt(), setup.left_pt() + width);
            for i in 0..name.lines.len() {
                let w = name.line_width(ctx.fonts, i);
                let x = (centre - w / 2.0).min(hi - w).max(lo);
                let baseline = doc.pdf_y(doc.y + lb.baseline);
                name.draw(doc.page(), &ctx, i, x, baseline);
                doc.y += lb.height;
            }
            doc.y += mm(setup.paragraph_spacing_mm);
            Ok(())
        })();
        self.keep(r);
        self
    }

    /// A PNG placed with its top-left corner `(x_mm, y_mm)` from the page's top-left corner,
    /// `width_mm` wide (height from the image's proportions). The cursor does not move.
    pub fn image_png(
        &mut self,
        png: &[u8],
        x_mm: f32,
        y_mm: f32,
        width_mm: f32,
    ) -> Result<&mut Self> {
        let (id, w, h) = self.b.image(png)?;
        let height_mm = width_mm * h as f32 / w.max(1) as f32;
        let doc = self.parts().1;
        let bottom = doc.pdf_y(mm(y_mm + height_mm));
        doc.page().ops.push(Op::UseXobject {
            id,
            transform: XObjectTransform {
                translate_x: Some(Pt(mm(x_mm))),
                translate_y: Some(Pt(bottom)),
                scale_x: Some(mm(width_mm)),
                scale_y: Some(mm(height_mm)),
                no_auto_scale: true,
                ..Default::default()
            },
        });
        Ok(self)
    }

    /// A PNG at the cursor, `width_mm` wide, aligned between the margins; the cursor moves
    /// below it.
    pub fn image_png_flow(&mut self, png: &[u8], width_mm: f32, align: Align) -> Result<&mut Self> {
        let (_, w, h) = self.b.image(png)?;
        let height_mm = width_mm * h as f32 / w.max(1) as f32;
        let (x_mm, y_mm) = self.place(width_mm, height_mm, align);
        self.image_png(png, x_mm, y_mm, width_mm)
    }

    /// A QR code of `payload` at the cursor, `size_mm` square including its quiet zone.
    pub fn qr(&mut self, payload: &str, size_mm: f32, align: Align) -> Result<&mut Self> {
        let block = qr_block(payload, size_mm)?;
        let (x_mm, y_mm) = self.place(size_mm, size_mm, align);
        Ok(self.qr_block_at(&block, x_mm, y_mm))
    }

    /// A QR code with its top-left corner `(x_mm, y_mm)` from the page's top-left corner.
    pub fn qr_at(
        &mut self,
        payload: &str,
        x_mm: f32,
        y_mm: f32,
        size_mm: f32,
    ) -> Result<&mut Self> {
        let block = qr_block(payload, size_mm)?;
        Ok(self.qr_block_at(&block, x_mm, y_mm))
    }

    /// Draws a prepared [`QrBlock`] (see [`qr_block`]) at `(x_mm, y_mm)` from the top-left.
    pub fn qr_block_at(&mut self, block: &QrBlock, x_mm: f32, y_mm: f32) -> &mut Self {
        let doc = self.parts().1;
        let top = doc.pdf_y(mm(y_mm));
        doc.page().ops.extend(block.ops(mm(x_mm), top));
        self
    }

    /// Reserves a `w × h` mm box at the cursor (new page if it does not fit) and returns its
    /// top-left corner in mm from the page's top-left corner.
    fn place(&mut self, w_mm: f32, h_mm: f32, align: Align) -> (f32, f32) {
        let doc = self.parts().1;
        doc.ensure(mm(h_mm));
        let s = doc.setup;
        let free = s.width_mm - s.margin_left_mm - s.margin_right_mm - w_mm;
        let x = s.margin_left_mm
            + match align {
                Align::Left => 0.0,
                Align::Center => free / 2.0,
                Align::Right => free,
            };
        let y = doc.y * 25.4 / 72.0;
        doc.y += mm(h_mm);
        (x, y)
    }
}

/// Lays a paragraph out at `width` points with its own or the setup's size and indent.
pub(crate) fn lay(ctx: &Ctx<'_>, setup: &PageSetup, para: &Para, width: f32) -> Result<Laid> {
    let size = para.size.unwrap_or(setup.font_size);
    let indent = match para.first_indent {
        Indent::None => 0.0,
        Indent::Standard => mm(setup.paragraph_indent_mm),
        Indent::Mm(v) => mm(v),
    };
    layout(ctx.fonts, para, width - mm(para.left_mm), size, indent)
}

fn flow_paragraph(ctx: &Ctx<'_>, doc: &mut DocState, para: &Para) -> Result<()> {
    let setup = doc.setup;
    let laid = lay(ctx, &setup, para, setup.content_width_pt())?;
    let lb = LineBox::new(ctx.fonts, laid.size, setup.line_factor());
    let height = laid.lines.len() as f32 * lb.height;
    if para.keep_together && height <= setup.bottom_pt() - setup.top_pt() {
        doc.ensure(height);
    }
    let left = setup.left_pt() + mm(para.left_mm);
    let n = laid.lines.len();
    for i in 0..n {
        // Never a paragraph's first line alone at a page's foot, nor its last line alone at
        // the top of the next: where only one more line fits, such a line starts the next page.
        let room = ((setup.bottom_pt() - doc.y + 0.01) / lb.height).floor();
        let lonely = (i == 0 && n >= 2) || (i >= 1 && i + 2 == n);
        if room < 2.0 && lonely {
            doc.ensure(2.0 * lb.height);
        }
        doc.ensure(lb.height);
        let baseline = doc.pdf_y(doc.y + lb.baseline);
        laid.draw(doc.page(), ctx, i, left, baseline);
        doc.y += lb.height;
    }
    doc.y += mm(para.space_after_mm.unwrap_or(setup.paragraph_spacing_mm));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Fonts;

    /// Lines drawn on each page of the open document.
    fn lines_per_page(pdf: &mut PdfBuilder) -> Vec<usize> {
        let doc = pdf.doc.as_ref().map(|d| d.pages.as_slice()).unwrap_or_default();
        doc.iter().map(|p| p.text.windows(3).filter(|w| w == b"BT\n").count()).collect()
    }

    #[test]
    fn no_line_is_left_alone_at_a_page_break() {
        let fonts = Fonts::sarabun();
        let para = Para::text("ข้อความทดสอบการแบ่งหน้า ".repeat(7));
        for (fits, want) in [(1.0, vec![0, 3]), (2.0, vec![1, 2]), (3.0, vec![3])] {
            let mut pdf = PdfBuilder::new(&fonts, "แบ่งหน้า");
            let mut page = pdf.document(PageSetup::a4_letter());
            assert_eq!(page.line_texts(&para).len(), 3);
            let setup = page.setup();
            let line = LineBox::new(&fonts, setup.font_size, setup.line_factor()).height;
            let bottom = setup.height_mm - setup.margin_bottom_mm;
            page.set_cursor_mm(bottom - (fits * line + 1.0) * 25.4 / 72.0).paragraph(&para);
            assert_eq!(lines_per_page(&mut pdf), want, "{fits} lines of room");
        }
    }
}
