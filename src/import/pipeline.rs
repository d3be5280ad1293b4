//! The steps an import takes, shared by the command line and the window: read the file, find the
//! mapping (given, remembered for this layout, or guessed), read the rows with it.

use std::path::Path;

use crate::domain::import::Cell;
use crate::domain::import::header::{self, Mapping};
use crate::domain::import::rows::{self, Sheet};
use crate::store::{Store, import as store_import};

use super::read::{Book, read};

/// Where the mapping came from, so the user knows whether to check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingSource {
    Given,
    Remembered,
    Guessed,
}

#[derive(Debug, Clone)]
pub struct Prepared {
    pub book: Book,
    pub mapping: Mapping,
    pub source: MappingSource,
    pub signature: String,
    pub sheet: Sheet,
}

pub fn headers(rows: &[Vec<Cell>], header_row: usize) -> Vec<String> {
    rows.get(header_row).map(|r| r.iter().map(Cell::plain).collect()).unwrap_or_default()
}

/// Reads the rows of `book` with `mapping`.
pub fn with_mapping(
    book: Book,
    mapping: Mapping,
    source: MappingSource,
) -> Result<Prepared, String> {
    let signature = header::signature(&headers(&book.rows, mapping.header_row));
    let sheet = rows::parse(&book.rows, &mapping)?;
    Ok(Prepared { book, mapping, source, signature, sheet })
}

pub fn prepare(
    store: &Store,
    path: &Path,
    sheet: Option<&str>,
    given: Option<Mapping>,
) -> Result<Prepared, String> {
    let book = read(path, sheet).map_err(|e| e.to_string())?;
    if let Some(m) = given {
        return with_mapping(book, m, MappingSource::Given);
    }
    let Some(guess) = header::guess(&book.rows) else {
        return Err(
            "หาแถวหัวตารางไม่พบ (ต้องมีหัวคอลัมน์ เช่น ชื่อ-สกุล เลขบัตรประชาชน เงินกู้) กรุณาระบุการจับคู่คอลัมน์"
                .into(),
        );
    };
    let signature = header::signature(&headers(&book.rows, guess.header_row));
    let remembered = store
        .with(|c| store_import::remembered_mapping(c, &signature))
        .map_err(|e| e.to_string())?;
    match remembered {
        Some(m) => with_mapping(book, m, MappingSource::Remembered),
        None => with_mapping(book, guess, MappingSource::Guessed),
    }
}
