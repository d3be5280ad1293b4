//! People and households as the fund records them: titles, names, phones, grades and addresses.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::thai::digits::to_ascii_digits;

pub const TITLES: &[&str] = &["นาย", "นาง", "นางสาว", "เด็กชาย", "เด็กหญิง", "ด.ต.", "จ.ส.อ.", "พระ"];

pub fn full_name(title: &str, first: &str, last: &str) -> String {
    let name = format!("{title}{first}");
    if last.is_empty() { name } else { format!("{name} {last}") }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    #[error("กรุณากรอกชื่อ")]
    NoFirstName,
    #[error("กรุณากรอกนามสกุล")]
    NoLastName,
    #[error("เบอร์โทรศัพท์ต้องเป็นตัวเลข 9–10 หลัก ขึ้นต้นด้วย 0 เช่น 081-234-5678")]
    BadPhone,
    #[error("กรุณาเลือกคำนำหน้าชื่อ")]
    NoTitle,
}

/// A Thai phone number: 9 digits (landline) or 10 (mobile), starting with 0; dashes and spaces
/// are dropped. Empty is allowed (not every member has a phone).
pub fn parse_phone(input: &str) -> Result<String, PersonError> {
    let digits: String =
        to_ascii_digits(input).chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if digits.is_empty() {
        return Ok(digits);
    }
    let ok = digits.starts_with('0')
        && (9..=10).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit());
    if ok { Ok(digits) } else { Err(PersonError::BadPhone) }
}

/// `081-234-5678` / `02-123-4567`.
pub fn format_phone(digits: &str) -> String {
    match digits.len() {
        10 => format!("{}-{}-{}", &digits[0..3], &digits[3..6], &digits[6..]),
        9 => format!("{}-{}-{}", &digits[0..2], &digits[2..5], &digits[5..]),
        _ => digits.to_string(),
    }
}

/// ชั้นสมาชิก: derived from payment history (DESIGN.md §3); thresholds are settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    pub const ALL: &[Grade] = &[Grade::A, Grade::B, Grade::C, Grade::D];

    pub fn code(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    pub fn from_code(code: &str) -> Option<Grade> {
        Grade::ALL.iter().copied().find(|g| g.code() == code)
    }

    /// Default thresholds: A never more than 30 days late in the last year, B up to 60, C up to
    /// 90, D beyond 90 days or more than three installments overdue now.
    pub fn from_history(worst_days_late_last_year: i64, overdue_installments_now: u32) -> Grade {
        if overdue_installments_now > 3 || worst_days_late_last_year > 90 {
            Grade::D
        } else if worst_days_late_last_year > 60 {
            Grade::C
        } else if worst_days_late_last_year > 30 {
            Grade::B
        } else {
            Grade::A
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Grade::A => "A (ดีมาก)",
            Grade::B => "B (ดี)",
            Grade::C => "C (ต้องติดตาม)",
            Grade::D => "D (ค้างนาน)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised_and_checked() {
        assert_eq!(parse_phone("081-234-5678"), Ok("0812345678".into()));
        assert_eq!(parse_phone("๐๘๑ ๒๓๔ ๕๖๗๘"), Ok("0812345678".into()));
        assert_eq!(parse_phone(""), Ok(String::new()));
        assert_eq!(parse_phone("12345"), Err(PersonError::BadPhone));
        assert_eq!(parse_phone("1812345678"), Err(PersonError::BadPhone));
        assert_eq!(format_phone("0812345678"), "081-234-5678");
        assert_eq!(format_phone("021234567"), "02-123-4567");
    }

    #[test]
    fn names_join_title_without_a_space() {
        assert_eq!(full_name("นาย", "สมชาย", "ใจดี"), "นายสมชาย ใจดี");
    }

    #[test]
    fn grades_follow_lateness() {
        assert_eq!(Grade::from_history(0, 0), Grade::A);
        assert_eq!(Grade::from_history(45, 0), Grade::B);
        assert_eq!(Grade::from_history(75, 1), Grade::C);
        assert_eq!(Grade::from_history(10, 4), Grade::D);
    }
}
