//! The workbook comes back: the sheet as read, with a status and a reason column on every row
//! after the header, so the office fixes the refused rows in place and imports the same file again.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::domain::import::{Cell, Outcome};

/// Dates shown in พ.ศ. (locale 107 is Excel's Thai Buddhist calendar).
pub const BE_DATE_FORMAT: &str = "[$-th-TH,107]d/m/yyyy";

fn put(ws: &mut Worksheet, r: u32, c: u16, cell: &Cell, date: &Format) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(t) => {
            ws.write_string(r, c, t)?;
        }
        Cell::Number(n) => match n.parse::<f64>() {
            // Numbers go back as numbers (display only: the import itself read their text).
            Ok(v) => {
                ws.write_number(r, c, v)?;
            }
            Err(_) => {
                ws.write_string(r, c, n)?;
            }
        },
        Cell::Serial(s) => {
            ws.write_number_with_format(r, c, *s as f64, date)?;
        }
    }
    Ok(())
}

/// Writes `rows` with `outcomes` (by zero-based row index) in two columns after the widest row.
pub fn write_status(
    path: &Path,
    sheet: &str,
    rows: &[Vec<Cell>],
    header_row: usize,
    outcomes: &[(usize, Outcome)],
) -> Result<(), String> {
    let run = || -> Result<(), XlsxError> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        if !sheet.is_empty() {
            ws.set_name(sheet)?;
        }
        let date = Format::new().set_num_format(BE_DATE_FORMAT);
        let bold = Format::new().set_bold();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0) as u16;
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                put(ws, r as u32, c as u16, cell, &date)?;
            }
        }
        ws.write_string_with_format(header_row as u32, width, "สถานะการนำเข้า", &bold)?;
        ws.write_string_with_format(header_row as u32, width + 1, "เหตุผล", &bold)?;
        for (r, outcome) in outcomes {
            ws.write_string(*r as u32, width, outcome.status())?;
            ws.write_string(*r as u32, width + 1, outcome.reason())?;
        }
        ws.set_column_width(width, 14)?;
        ws.set_column_width(width + 1, 60)?;
        wb.save(path)
    };
    run().map_err(|e| format!("บันทึกแฟ้ม {} ไม่ได้: {e}", path.display()))
}
