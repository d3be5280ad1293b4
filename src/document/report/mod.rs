//! Reports on paper: A4 landscape, the institute's name over the report's title, the table
//! (amounts right-aligned, the total line last), a bar chart where the table has one, and the
//! notes that say how figures were counted.

use crate::document::{Align, Column, DocError, PageNumbers, PageSetup, Para, PdfBuilder, Table};
use crate::domain::report::table::{self, Chart, Kind};
use crate::domain::thai::date::format_long;

fn landscape() -> PageSetup {
    PageSetup {
        width_mm: 297.0,
        height_mm: 210.0,
        line_height: 1.4,
        ..PageSetup::a4_form().font_size(13.0).margins_mm(12.0, 12.0, 12.0, 15.0)
    }
    .page_numbers(PageNumbers::OfTotal)
}

/// A text column's share of the width from its longest cell, so a masked national id
/// (`X-XXXX-XXXX0-12-1`) stays on one line and a one-letter grade takes little room.
fn text_share(t: &table::Table, column: usize) -> f32 {
    let longest = t
        .rows
        .iter()
        .chain(&t.total)
        .filter_map(|r| r.get(column))
        .map(|c| c.text().chars().count())
        .max()
        .unwrap_or(0);
    (longest as f32 / 8.0).clamp(1.0, 3.0)
}

fn columns(t: &table::Table) -> Vec<Column> {
    t.columns
        .iter()
        .enumerate()
        .map(|(i, c)| match c.kind {
            Kind::Text if i == 0 => Column::share(text_share(t, i).max(2.0)),
            Kind::Text => Column::share(text_share(t, i)),
            Kind::Money => Column::share(1.0).right(),
            Kind::Date => Column::mm(24.0),
            Kind::Count => Column::mm(17.0).right(),
            // `100.00%` on one line at 11 pt.
            Kind::Percent => Column::mm(21.0).right(),
        })
        .collect()
}

const BAR_ROW_MM: f32 = 7.0;
const LABEL_MM: f32 = 40.0;
const VALUE_MM: f32 = 40.0;

/// Horizontal bars, one per entry, scaled to the largest; the value printed beside each.
fn chart(page: &mut crate::document::DocWriter<'_>, chart: &Chart) {
    let setup = page.setup();
    let left = setup.margin_left_mm;
    let width = setup.width_mm - setup.margin_left_mm - setup.margin_right_mm;
    let bar_space = (width - LABEL_MM - VALUE_MM).max(20.0);
    page.ensure_space(10.0 + BAR_ROW_MM * chart.bars.len() as f32);
    page.spacer(3.0).paragraph(Para::new().bold(chart.title.clone()));
    let max = chart.bars.iter().map(|b| b.value.0).max().unwrap_or(0).max(1) as f32;
    let small = |s: String| Para::text(s).size(11.0);
    for bar in &chart.bars {
        let y = page.cursor_mm();
        page.text_at(left, y, LABEL_MM - 2.0, &small(bar.label.clone()));
        let w = bar_space * (bar.value.0.max(0) as f32 / max);
        page.fill_rect_at(left + LABEL_MM, y + 1.5, w.max(0.3), BAR_ROW_MM - 3.0, 0.45);
        let value = chart.label(bar.value);
        page.text_at(left + LABEL_MM + w + 2.0, y, VALUE_MM, &small(value));
        page.set_cursor_mm(y + BAR_ROW_MM);
    }
}

/// Each table on pages of its own, in one PDF.
pub fn write(
    institute: &str,
    tables: &[&table::Table],
    printed_on: chrono::NaiveDate,
) -> Result<Vec<u8>, DocError> {
    let title = tables.first().map(|t| t.title.as_str()).unwrap_or("รายงาน");
    let mut pdf = PdfBuilder::new(crate::document::issue::fonts(), title);
    for t in tables {
        let mut page = pdf.document(landscape());
        page.paragraph(Para::new().bold(institute.to_string()).center())
            .paragraph(Para::new().bold(t.title.clone()).size(16.0).center());
        for line in &t.subtitle {
            page.paragraph(Para::text(line.clone()).center());
        }
        page.paragraph(
            Para::text(format!("พิมพ์เมื่อ {}", format_long(printed_on))).right().size(11.0),
        );
        let mut pdf_table = Table::new(columns(t)).header(t.headers());
        pdf_table.size = Some(11.0);
        for row in t.text_rows() {
            pdf_table = pdf_table.row(row);
        }
        page.table(&pdf_table);
        if let Some(c) = &t.chart {
            chart(&mut page, c);
        }
        if !t.notes.is_empty() {
            page.spacer(2.0);
            for note in &t.notes {
                page.paragraph(
                    Para::text(format!("หมายเหตุ: {note}")).size(11.0).align(Align::Left),
                );
            }
        }
    }
    pdf.finish()
}
