//! Reads a workbook or CSV into rows of cells, each sheet padded so that row and column indexes
//! are the sheet's own (a range that starts at C3 still reports its rows as 3 onwards).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, Reader, open_workbook_auto};

use crate::domain::import::Cell;
use crate::domain::import::cell::number_text;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ReadError {
    #[error("เปิดแฟ้ม {0} ไม่ได้: {1}")]
    Open(String, Arc<str>),
    #[error("ไม่พบแผ่นงาน \"{0}\" ในแฟ้ม (มี: {1})")]
    NoSheet(String, String),
    #[error("แฟ้มนี้ไม่มีแผ่นงาน")]
    Empty,
    #[error("อ่านแฟ้มได้เฉพาะ .xlsx .xlsm .xls .ods และ .csv")]
    Kind,
}

/// One sheet of a file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    pub path: PathBuf,
    pub sheet: String,
    pub sheets: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::text(s.clone()),
        Data::Int(i) => Cell::Number(i.to_string()),
        Data::Float(f) => Cell::Number(number_text(*f)),
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => Cell::Serial(dt.as_f64().floor() as i64),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Cell::text(s.get(..10).unwrap_or(s).to_string())
        }
    }
}

/// Reads `sheet` (or the first sheet) of the file at `path`.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Book, ReadError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let open_err = |e: String| ReadError::Open(path.display().to_string(), e.into());
    if ext == "csv" || ext == "txt" {
        let bytes = std::fs::read(path).map_err(|e| open_err(e.to_string()))?;
        return Ok(Book {
            path: path.to_path_buf(),
            sheet: String::new(),
            sheets: Vec::new(),
            rows: read_csv(&bytes).map_err(open_err)?,
        });
    }
    if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        return Err(ReadError::Kind);
    }
    let mut wb = open_workbook_auto(path).map_err(|e| open_err(e.to_string()))?;
    let sheets = wb.sheet_names().to_vec();
    let name = match sheet {
        Some(s) => sheets
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| ReadError::NoSheet(s.into(), sheets.join(", ")))?,
        None => sheets.first().cloned().ok_or(ReadError::Empty)?,
    };
    let range = wb.worksheet_range(&name).map_err(|e| open_err(e.to_string()))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Cell>> = (0..top).map(|_| Vec::new()).collect();
    for r in range.rows() {
        let mut row: Vec<Cell> = (0..left).map(|_| Cell::Empty).collect();
        row.extend(r.iter().map(cell));
        rows.push(row);
    }
    Ok(Book { path: path.to_path_buf(), sheet: name, sheets, rows })
}

/// UTF-8 (with or without its byte-order mark) when the bytes are valid UTF-8, else TIS-620 as
/// Windows-874 (its superset, what Thai Excel saves "CSV" as).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_874.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, String> {
    let text = decode(bytes);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        rows.push(record.iter().map(Cell::text).collect());
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tis620_csv_is_detected_and_decoded() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_874.encode("ชื่อ-สกุล,เงินกู้\nนายสมชาย ใจดี,\"10,000\"\n");
        let rows = read_csv(&bytes).unwrap();
        assert_eq!(rows[0][0], Cell::text("ชื่อ-สกุล"));
        assert_eq!(rows[1][1], Cell::text("10,000"));
    }

    #[test]
    fn utf8_with_a_byte_order_mark_and_semicolons() {
        let rows = read_csv("\u{feff}ชื่อ;หมู่\nสมชาย;3\n".as_bytes()).unwrap();
        assert_eq!(rows[0][0], Cell::text("ชื่อ"));
        assert_eq!(rows[1][1], Cell::text("3"));
    }
}
