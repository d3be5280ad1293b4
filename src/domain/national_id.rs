//! The 13-digit Thai national id (เลขประจำตัวประชาชน) with its mod-11 check digit.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::thai::digits::to_ascii_digits;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalIdError {
    #[error("กรุณากรอกเลขประจำตัวประชาชน")]
    Empty,
    #[error("เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา {0} หลัก)")]
    WrongLength(usize),
    #[error("เลขประจำตัวประชาชนมีได้เฉพาะตัวเลข")]
    NotDigits,
    #[error("เลขประจำตัวประชาชนขึ้นต้นด้วย 0 ไม่ได้")]
    LeadingZero,
    #[error("เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง) กรุณาตรวจทานอีกครั้ง")]
    BadCheckDigit,
}

/// A national id whose check digit has been verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NationalId([u8; 13]);

/// The check digit of the first twelve digits: (11 − Σ dᵢ·(13 − i) mod 11) mod 10.
pub fn check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12.iter().enumerate().map(|(i, d)| u32::from(*d) * (13 - i as u32)).sum();
    ((11 - sum % 11) % 10) as u8
}

impl NationalId {
    /// Accepts `1234567890121`, `1-2345-67890-12-1`, spaces, and Thai digits.
    pub fn parse(input: &str) -> Result<NationalId, NationalIdError> {
        let ascii = to_ascii_digits(input.trim());
        if ascii.is_empty() {
            return Err(NationalIdError::Empty);
        }
        let bare: String = ascii.chars().filter(|c| *c != '-' && !c.is_whitespace()).collect();
        if !bare.chars().all(|c| c.is_ascii_digit()) {
            return Err(NationalIdError::NotDigits);
        }
        if bare.len() != 13 {
            return Err(NationalIdError::WrongLength(bare.len()));
        }
        let mut digits = [0u8; 13];
        for (slot, b) in digits.iter_mut().zip(bare.bytes()) {
            *slot = b - b'0';
        }
        if digits[0] == 0 {
            return Err(NationalIdError::LeadingZero);
        }
        let first12: [u8; 12] = digits[..12].try_into().map_err(|_| NationalIdError::NotDigits)?;
        if check_digit(&first12) != digits[12] {
            return Err(NationalIdError::BadCheckDigit);
        }
        Ok(NationalId(digits))
    }

    /// Completes twelve digits with their check digit (demo data, tests).
    pub fn from_first12(first12: [u8; 12]) -> Option<NationalId> {
        if first12[0] == 0 || first12.iter().any(|d| *d > 9) {
            return None;
        }
        let mut digits = [0u8; 13];
        digits[..12].copy_from_slice(&first12);
        digits[12] = check_digit(&first12);
        Some(NationalId(digits))
    }

    pub fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// `1-2345-67890-12-1`, the way it is printed on the card.
    pub fn formatted(&self) -> String {
        Self::group(&self.digits())
    }

    /// Only the last four digits show (PDPA: lists seen by third parties): `X-XXXX-XXXX0-12-1`.
    pub fn masked(&self) -> String {
        let d = self.digits();
        let masked: String =
            d.chars().enumerate().map(|(i, c)| if i < 9 { 'X' } else { c }).collect();
        Self::group(&masked)
    }

    fn group(s: &str) -> String {
        format!("{}-{}-{}-{}-{}", &s[0..1], &s[1..5], &s[5..10], &s[10..12], &s[12..13])
    }
}

impl fmt::Display for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl TryFrom<String> for NationalId {
    type Error = NationalIdError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        NationalId::parse(&value)
    }
}

impl From<NationalId> for String {
    fn from(value: NationalId) -> String {
        value.digits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    // Worked by hand: 1-2345-67890-12-? → Σ = 1·13+2·12+3·11+4·10+5·9+6·8+7·7+8·6+9·5+0·4+1·3+2·2
    // = 352; 352 mod 11 = 0; (11 − 0) mod 10 = 1. So 1234567890121 is valid.
    #[test]
    fn the_check_digit_matches_a_hand_calculation() {
        assert_eq!(check_digit(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2]), 1);
    }

    #[rstest]
    #[case("1234567890121")]
    #[case("1-2345-67890-12-1")]
    #[case(" 1 2345 67890 12 1 ")]
    #[case("๑๒๓๔๕๖๗๘๙๐๑๒๑")]
    // Hand-checked: 3·13+1·12+0·11+0·10+6·9+0·8+0·7+1·6+2·5+3·4+4·3+5·2 = 155; 155 mod 11 = 1;
    // (11 − 1) mod 10 = 0.
    #[case("3-1006-00123-45-0")]
    fn valid_ids_in_any_usual_form_are_accepted(#[case] input: &str) {
        assert!(NationalId::parse(input).is_ok(), "{input}");
    }

    #[rstest]
    #[case("", NationalIdError::Empty)]
    #[case("1234567890122", NationalIdError::BadCheckDigit)]
    #[case("1-2345-67890-12-3", NationalIdError::BadCheckDigit)]
    #[case("123456789012", NationalIdError::WrongLength(12))]
    #[case("12345678901211", NationalIdError::WrongLength(14))]
    #[case("0234567890121", NationalIdError::LeadingZero)]
    #[case("12345678901a1", NationalIdError::NotDigits)]
    fn wrong_ids_are_refused_with_a_reason(#[case] input: &str, #[case] error: NationalIdError) {
        assert_eq!(NationalId::parse(input), Err(error));
    }

    #[test]
    fn the_id_is_shown_whole_or_masked_to_its_last_four_digits() {
        let id = NationalId::parse("1234567890121").unwrap();
        assert_eq!(id.formatted(), "1-2345-67890-12-1");
        assert_eq!(id.masked(), "X-XXXX-XXXX0-12-1");
        assert_eq!(id.digits(), "1234567890121");
    }

    #[test]
    fn twelve_digits_are_completed_with_a_valid_check_digit() {
        let id = NationalId::from_first12([3, 1, 0, 0, 6, 0, 0, 1, 2, 3, 4, 5]).unwrap();
        assert_eq!(id.digits(), "3100600123450");
        assert!(NationalId::from_first12([0; 12]).is_none());
    }
}
