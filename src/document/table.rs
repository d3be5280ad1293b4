//! Tables: column widths, per-column alignment (amounts right-aligned), a bold header row
//! repeated on every page the table runs onto, cells that wrap between words, a thin grid.

use printpdf::{Color, Greyscale, Op, PaintMode, Pt, Rect};

use super::builder::DocState;
use super::error::Result;
use super::graphics::black;
use super::layout::{Ctx, Laid, LineBox, layout};
use super::para::{Align, Para};
use super::setup::mm;
use super::writer::DocWriter;

/// How wide a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColWidth {
    Mm(f32),
    /// A share of the width the fixed columns leave.
    Share(f32),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width: ColWidth,
    pub align: Align,
}

impl Column {
    pub fn mm(width: f32) -> Column {
        Column { width: ColWidth::Mm(width), align: Align::Left }
    }

    pub fn share(share: f32) -> Column {
        Column { width: ColWidth::Share(share), align: Align::Left }
    }

    pub fn align(mut self, align: Align) -> Column {
        self.align = align;
        self
    }

    /// Right-aligned, for amounts.
    pub fn right(self) -> Column {
        self.align(Align::Right)
    }

    pub fn center(self) -> Column {
        self.align(Align::Center)
    }
}

/// A table spanning the text block.
///
/// ```
/// use plodnee::document::{Column, Table};
/// let t = Table::new(vec![Column::share(1.0), Column::mm(40.0).right()])
///     .header(["รายการ", "จำนวนเงิน (บาท)"])
///     .row(["เงินต้นค้างชำระ", "12,000.00"])
///     .row(["ดอกเบี้ย", "1,234.50"]);
/// assert_eq!(t.rows.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Bold, centred, repeated at the top of every page; empty for no header.
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Thin lines around every cell.
    pub grid: bool,
    /// Text size in points (the page setup's otherwise).
    pub size: Option<f32>,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table { columns, header: Vec::new(), rows: Vec::new(), grid: true, size: None }
    }

    pub fn header<S: Into<String>>(mut self, cells: impl IntoIterator<Item = S>) -> Table {
        self.header = cells.into_iter().map(Into::into).collect();
        self
    }

    pub fn row<S: Into<String>>(mut self, cells: impl IntoIterator<Item = S>) -> Table {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    pub fn without_grid(mut self) -> Table {
        self.grid = false;
        self
    }

    /// Column widths in points for a block `total` points wide.
    fn widths(&self, total: f32) -> Vec<f32> {
        let fixed: f32 = self
            .columns
            .iter()
            .map(|c| if let ColWidth::Mm(w) = c.width { mm(w.max(0.0)) } else { 0.0 })
            .sum();
        let shares: f32 = self
            .columns
            .iter()
            .map(|c| if let ColWidth::Share(s) = c.width { s.max(0.0) } else { 0.0 })
            .sum();
        let left = (total - fixed).max(0.0);
        // Fixed columns wider than the page shrink in proportion rather than overflow.
        let shrink = if fixed > total && fixed > 0.0 { total / fixed } else { 1.0 };
        self.columns
            .iter()
            .map(|c| match c.width {
                ColWidth::Mm(w) => mm(w.max(0.0)) * shrink,
                ColWidth::Share(s) if shares > 0.0 => left * s.max(0.0) / shares,
                ColWidth::Share(_) => 0.0,
            })
            .collect()
    }
}

const PAD_X_MM: f32 = 1.5;
const PAD_Y_MM: f32 = 1.0;

impl DocWriter<'_> {
    /// Adds a table at the cursor, breaking pages between rows and repeating the header.
    pub fn table(&mut self, table: &Table) -> &mut Self {
        let (ctx, doc) = self.parts();
        let r = flow_table(&ctx, doc, table);
        self.keep(r);
        self
    }
}

struct Row {
    cells: Vec<Laid>,
    height: f32,
    header: bool,
}

fn flow_table(ctx: &Ctx<'_>, doc: &mut DocState, table: &Table) -> Result<()> {
    let setup = doc.setup;
    let size = table.size.unwrap_or(setup.font_size);
    let widths = table.widths(setup.content_width_pt());
    let lb = LineBox::new(ctx.fonts, size, setup.line_factor());
    // Thai needs the room: at least 1.5 × the text size per row (24 pt at 16 pt).
    let min_height = (size * 1.5).max(lb.height + 2.0 * mm(PAD_Y_MM));
    let lay_row = |cells: &[String], header: bool| -> Result<Row> {
        let mut laid = Vec::with_capacity(widths.len());
        for (i, (col, width)) in table.columns.iter().zip(&widths).enumerate() {
            let text = cells.get(i).map_or("", String::as_str);
            let para = if header {
                Para::new().bold(text).center()
            } else {
                Para::new().field(text).align(col.align)
            };
            laid.push(layout(ctx.fonts, &para, (width - 2.0 * mm(PAD_X_MM)).max(1.0), size, 0.0)?);
        }
        let lines = laid.iter().map(|l| l.lines.len()).max().unwrap_or(1);
        let height = (lines as f32 * lb.height + 2.0 * mm(PAD_Y_MM)).max(min_height);
        Ok(Row { cells: laid, height, header })
    };
    let header = if table.header.is_empty() { None } else { Some(lay_row(&table.header, true)?) };
    let mut first = true;
    for cells in &table.rows {
        let row = lay_row(cells, false)?;
        let header_height = header.as_ref().map_or(0.0, |h| h.height);
        // The header never sits alone at a page's foot.
        let broke = doc.ensure(if first { header_height + row.height } else { row.height });
        if let Some(h) = header.as_ref().filter(|_| first || broke) {
            draw_row(ctx, doc, table, &widths, &lb, h);
        }
        draw_row(ctx, doc, table, &widths, &lb, &row);
        first = false;
    }
    if first && let Some(h) = &header {
        doc.ensure(h.height);
        draw_row(ctx, doc, table, &widths, &lb, h);
    }
    doc.y += mm(setup.paragraph_spacing_mm);
    Ok(())
}

fn draw_row(
    ctx: &Ctx<'_>,
    doc: &mut DocState,
    table: &Table,
    widths: &[f32],
    lb: &LineBox,
    row: &Row,
) {
    let top = doc.y;
    let pdf_top = doc.pdf_y(top);
    let left = doc.setup.left_pt();
    let baselines: Vec<f32> = (0..row.cells.iter().map(|c| c.lines.len()).max().unwrap_or(0))
        .map(|i| doc.pdf_y(top + mm(PAD_Y_MM) + i as f32 * lb.height + lb.baseline))
        .collect();
    let page = doc.page();
    let cell_rect = |x: f32, w: f32, mode| Rect {
        x: Pt(x),
        y: Pt(pdf_top - row.height),
        width: Pt(w),
        height: Pt(row.height),
        mode: Some(mode),
        winding_order: None,
    };
    if row.header && table.grid {
        let ops = &mut page.ops;
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(0.92, None)) });
        let total: f32 = widths.iter().sum();
        ops.push(Op::DrawRectangle { rectangle: cell_rect(left, total, PaintMode::Fill) });
        ops.push(Op::RestoreGraphicsState);
    }
    let mut x = left;
    for (cell, width) in row.cells.iter().zip(widths) {
        for (i, baseline) in baselines.iter().enumerate().take(cell.lines.len()) {
            cell.draw(page, ctx, i, x + mm(PAD_X_MM), *baseline);
        }
        x += width;
    }
    if table.grid {
        let ops = &mut page.ops;
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor { col: black() });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        let mut x = left;
        for width in widths {
            ops.push(Op::DrawRectangle { rectangle: cell_rect(x, *width, PaintMode::Stroke) });
            x += width;
        }
        ops.push(Op::RestoreGraphicsState);
    }
    doc.y += row.height;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_split_what_fixed_columns_leave() {
        let t = Table::new(vec![Column::mm(20.0), Column::share(1.0), Column::share(3.0)]);
        let w = t.widths(mm(100.0));
        assert!((w[0] - mm(20.0)).abs() < 0.01);
        assert!((w[1] - mm(20.0)).abs() < 0.01 && (w[2] - mm(60.0)).abs() < 0.01);
        let too_wide = Table::new(vec![Column::mm(80.0), Column::mm(120.0)]).widths(mm(100.0));
        assert!((too_wide.iter().sum::<f32>() - mm(100.0)).abs() < 0.01);
    }
}
