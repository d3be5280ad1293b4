//! A report's table written for Excel and other spreadsheets: .xlsx with amounts as numbers and
//! dates as real dates shown in พ.ศ., and CSV in UTF-8 with a byte-order mark so Excel reads Thai.

pub mod csv;
pub mod files;
pub mod xlsx;

use std::sync::Arc;

/// Why a spreadsheet could not be written.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ExportError {
    #[error("สร้างไฟล์ Excel ไม่ได้: {0}")]
    Xlsx(Arc<rust_xlsxwriter::XlsxError>),
    #[error("สร้างไฟล์ CSV ไม่ได้: {0}")]
    Csv(Arc<::csv::Error>),
    #[error("สร้าง PDF ไม่ได้: {0}")]
    Pdf(String),
    #[error("ไม่มีตารางที่จะบันทึก")]
    Empty,
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ExportError::Xlsx(Arc::new(e))
    }
}

impl From<::csv::Error> for ExportError {
    fn from(e: ::csv::Error) -> Self {
        ExportError::Csv(Arc::new(e))
    }
}
