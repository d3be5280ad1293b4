//! One cell as the reader hands it over: text, a number as its shortest decimal text (so money
//! never passes through a float), or an Excel date serial.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::thai::digits::to_ascii_digits;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    /// A numeric cell, written as the shortest decimal that reads back as the same double
    /// (`1234.5`, `0.12`): exact for every amount typed with two decimals.
    Number(String),
    /// A cell Excel formats as a date: days since 1899-12-30 (the 1900 system, past its leap bug).
    Serial(i64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person reads it: trimmed text, Thai digits made ASCII.
    pub fn plain(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => to_ascii_digits(t.trim()),
            Cell::Number(n) => n.clone(),
            Cell::Serial(s) => s.to_string(),
        }
    }

    /// A number from a numeric cell or from text like `๑,๒๓๔.๕๐`; None when it is not one.
    pub fn decimal(&self) -> Option<Decimal> {
        let text = match self {
            Cell::Number(n) => n.clone(),
            Cell::Text(t) => {
                let t = to_ascii_digits(t.trim());
                let t = t.strip_suffix("บาท").unwrap_or(&t).trim().replace(',', "");
                t.strip_suffix('%').unwrap_or(&t).trim().to_string()
            }
            _ => return None,
        };
        text.parse::<Decimal>().ok()
    }
}

/// The shortest decimal text of a double read from a workbook (`{}` is Rust's shortest
/// round-trip form), with an integer shown without `.0`.
pub fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn numbers_keep_their_decimal_text_so_money_is_exact() {
        assert_eq!(number_text(1234.5), "1234.5");
        assert_eq!(number_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_text(50000.0), "50000");
        assert_eq!(Cell::Number(number_text(8884.88)).decimal(), Some(dec!(8884.88)));
    }

    #[test]
    fn text_amounts_read_thai_digits_separators_and_baht() {
        assert_eq!(Cell::text("๑,๒๓๔.๕๐").decimal(), Some(dec!(1234.50)));
        assert_eq!(Cell::text(" 12,000 บาท").decimal(), Some(dec!(12000)));
        assert_eq!(Cell::text("6%").decimal(), Some(dec!(6)));
        assert_eq!(Cell::text("หนึ่งพัน").decimal(), None);
        assert!(Cell::text("   ").is_empty());
    }
}
