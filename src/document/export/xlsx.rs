//! .xlsx: one sheet per table, the title and subtitle above a bold Thai header row frozen in
//! place, amounts as numbers formatted `#,##0.00`, counts `#,##0`, percents `0.00%`, and dates as
//! real Excel dates under a Thai Buddhist-calendar format, so a column sorts and sums as numbers
//! and dates while showing พ.ศ. (`31/1/2568`) in Excel and LibreOffice alike.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::ExportError;
use crate::domain::report::table::{Cell, Kind, Table};

/// Excel's locale-and-calendar prefix in its LCID form: Thai (041E) with calendar 07, the Thai
/// Buddhist one, Western digits. Tried in LibreOffice 7 (`--convert-to csv` shows `30/7/2569`):
/// `[$-th-TH,107]` and `[~buddhist]` left the serial or the ค.ศ. year, `[$-D07041E]` Thai
/// digits, `bbbb` a literal; `tests/cli_report.rs` checks it.
pub const BE_DATE_FORMAT: &str = "[$-107041E]d/m/yyyy;@";
const FONT: &str = "TH Sarabun New";

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    money: Format,
    count: Format,
    percent: Format,
    date: Format,
    bold_text: Format,
    bold_money: Format,
    bold_count: Format,
    bold_percent: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(14);
        Formats {
            title: base.clone().set_bold().set_font_size(16),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_border(rust_xlsxwriter::FormatBorder::Thin),
            text: base.clone(),
            money: base.clone().set_num_format("#,##0.00"),
            count: base.clone().set_num_format("#,##0"),
            percent: base.clone().set_num_format("0.00%"),
            date: base.clone().set_num_format(BE_DATE_FORMAT),
            bold_text: base.clone().set_bold(),
            bold_money: base.clone().set_bold().set_num_format("#,##0.00"),
            bold_count: base.clone().set_bold().set_num_format("#,##0"),
            bold_percent: base.set_bold().set_num_format("0.00%"),
        }
    }
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &Formats,
    bold: bool,
) -> Result<(), ExportError> {
    match cell {
        Cell::Text(s) => {
            sheet.write_string_with_format(
                row,
                col,
                s,
                if bold { &f.bold_text } else { &f.text },
            )?;
        }
        Cell::Count(n) => {
            sheet.write_number_with_format(
                row,
                col,
                *n as f64,
                if bold { &f.bold_count } else { &f.count },
            )?;
        }
        // Satang to baht: every amount below 2^53 satang is exact as a double to the satang.
        Cell::Money(m) => {
            sheet.write_number_with_format(
                row,
                col,
                m.0 as f64 / 100.0,
                if bold { &f.bold_money } else { &f.money },
            )?;
        }
        Cell::Percent(Some(p)) => {
            let ratio: f64 = p.to_string().parse::<f64>().unwrap_or(0.0) / 100.0;
            sheet.write_number_with_format(
                row,
                col,
                ratio,
                if bold { &f.bold_percent } else { &f.percent },
            )?;
        }
        Cell::Date(d) => {
            let date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            sheet.write_datetime_with_format(row, col, &date, &f.date)?;
        }
        Cell::Percent(None) | Cell::Empty => {}
    }
    Ok(())
}

fn width(kind: Kind, header: &str) -> f64 {
    let header = header.chars().count() as f64 * 0.8;
    match kind {
        Kind::Text => 30.0_f64.max(header),
        Kind::Money => 16.0_f64.max(header),
        Kind::Date => 12.0_f64.max(header),
        Kind::Count | Kind::Percent => 10.0_f64.max(header),
    }
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let clean: String =
        title.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\')).collect();
    clean.chars().take(31).collect()
}

fn add_sheet(workbook: &mut Workbook, table: &Table, f: &Formats) -> Result<(), ExportError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(&table.title))?;
    sheet.write_string_with_format(0, 0, &table.title, &f.title)?;
    let mut row: u32 = 1;
    for line in &table.subtitle {
        sheet.write_string_with_format(row, 0, line, &f.text)?;
        row += 1;
    }
    row += 1;
    let header_row = row;
    for (c, column) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, &column.header, &f.header)?;
        sheet.set_column_width(c as u16, width(column.kind, &column.header))?;
    }
    sheet.set_freeze_panes(header_row + 1, 0)?;
    row += 1;
    for cells in &table.rows {
        for (c, cell) in cells.iter().enumerate() {
            write_cell(sheet, row, c as u16, cell, f, false)?;
        }
        row += 1;
    }
    if let Some(total) = &table.total {
        for (c, cell) in total.iter().enumerate() {
            write_cell(sheet, row, c as u16, cell, f, true)?;
        }
        row += 1;
    }
    row += 1;
    for note in &table.notes {
        sheet.write_string_with_format(row, 0, note, &f.text)?;
        row += 1;
    }
    Ok(())
}

/// One workbook holding each table on its own sheet.
pub fn write(tables: &[&Table]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let f = Formats::new();
    for table in tables {
        add_sheet(&mut workbook, table, &f)?;
    }
    Ok(workbook.save_to_buffer()?)
}
