//! A report's tables as the file a person asked for: PDF (the institute's name over the
//! tables), .xlsx (a sheet per table) or CSV (the first table only: CSV has no sheets). The
//! CLI's `--pdf/--xlsx/--csv` and the app's export buttons both come here, so the two give the
//! same file for the same figures.

use chrono::NaiveDate;

use super::ExportError;
use crate::domain::report::table::Table;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
    Csv,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Pdf, Format::Xlsx, Format::Csv];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// What the user calls the file: on buttons and in messages.
    pub fn thai(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Xlsx => "Excel (.xlsx)",
            Format::Csv => "CSV",
        }
    }
}

/// The bytes of `tables` in `format`; `institute` heads a PDF, `today` is its print date.
pub fn render(
    format: Format,
    institute: &str,
    tables: &[&Table],
    today: NaiveDate,
) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Pdf => crate::document::report::write(institute, tables, today)
            .map_err(|e| ExportError::Pdf(e.to_string())),
        Format::Xlsx => super::xlsx::write(tables),
        Format::Csv => super::csv::write(tables.first().ok_or(ExportError::Empty)?),
    }
}
