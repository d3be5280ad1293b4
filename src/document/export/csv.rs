//! CSV: UTF-8 with a byte-order mark (without it Excel on Windows reads Thai as TIS-620 garbage),
//! amounts as plain numbers with two decimals (no thousands separator, so they stay numbers when
//! opened), dates in พ.ศ. as the office writes them (`31/1/2568`).

use super::ExportError;
use crate::domain::report::table::{Cell, Table};

const BOM: &[u8] = "\u{feff}".as_bytes();

fn plain(cell: &Cell) -> String {
    match cell {
        Cell::Money(m) => m.to_plain(),
        Cell::Count(n) => n.to_string(),
        Cell::Percent(Some(p)) => format!("{p:.2}"),
        Cell::Percent(None) | Cell::Empty => String::new(),
        other => other.text(),
    }
}

/// The table's header, rows and total line.
pub fn write(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    out.write_record(table.headers())?;
    for row in table.rows.iter().chain(&table.total) {
        out.write_record(row.iter().map(plain))?;
    }
    out.flush().map_err(|e| ExportError::Csv(std::sync::Arc::new(e.into())))?;
    out.into_inner().map_err(|e| ExportError::Csv(std::sync::Arc::new(e.into_error().into())))
}
