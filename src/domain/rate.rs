//! Annual interest rates, capped at 15% a year (Civil and Commercial Code s.654).

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::thai::digits::to_ascii_digits;

/// s.654: a lender may not charge more than fifteen percent a year.
pub const LEGAL_MAX_BP: i64 = 1500;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    #[error("กรุณากรอกอัตราดอกเบี้ย")]
    Empty,
    #[error("อัตราดอกเบี้ยต้องเป็นตัวเลข เช่น 6 หรือ 7.5")]
    NotANumber,
    #[error("อัตราดอกเบี้ยต้องไม่ติดลบ")]
    Negative,
    #[error("อัตราดอกเบี้ยเกินร้อยละ 15 ต่อปี ซึ่งกฎหมายห้าม (ป.พ.พ. มาตรา 654)")]
    AboveLegalMaximum,
    #[error("อัตราดอกเบี้ยมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")]
    TooManyDecimals,
}

/// Percent a year with at most two decimals, held as basis points (hundredths of a percent). In
/// JSON it is the percent as a string with two decimals (`"7.50"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AnnualRate(i64);

impl Serialize for AnnualRate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{}.{:02}", self.0 / 100, self.0 % 100))
    }
}

impl<'de> Deserialize<'de> for AnnualRate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<AnnualRate, D::Error> {
        let text = String::deserialize(deserializer)?;
        AnnualRate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl AnnualRate {
    pub const ZERO: AnnualRate = AnnualRate(0);

    pub fn from_bp(bp: i64) -> Result<AnnualRate, RateError> {
        if bp < 0 {
            return Err(RateError::Negative);
        }
        if bp > LEGAL_MAX_BP {
            return Err(RateError::AboveLegalMaximum);
        }
        Ok(AnnualRate(bp))
    }

    /// Accepts `12`, `7.5`, `๖`, `6%`, `ร้อยละ 6`.
    pub fn parse(input: &str) -> Result<AnnualRate, RateError> {
        let ascii = to_ascii_digits(input.trim());
        let text = ascii.trim_start_matches("ร้อยละ").trim().trim_end_matches('%').trim();
        if text.is_empty() {
            return Err(RateError::Empty);
        }
        if text.starts_with('-') {
            return Err(RateError::Negative);
        }
        let value: Decimal = text.parse().map_err(|_| RateError::NotANumber)?;
        if value.scale() > 2 && value.normalize().scale() > 2 {
            return Err(RateError::TooManyDecimals);
        }
        let bp = value * Decimal::ONE_HUNDRED;
        if bp > Decimal::from(LEGAL_MAX_BP) {
            return Err(RateError::AboveLegalMaximum);
        }
        let bp: i64 = bp.trunc().try_into().map_err(|_| RateError::NotANumber)?;
        AnnualRate::from_bp(bp)
    }

    pub fn bp(self) -> i64 {
        self.0
    }

    /// The rate as a percent, e.g. 12.5.
    pub fn percent(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// The rate as a fraction a year, e.g. 0.125.
    pub fn fraction(self) -> Decimal {
        Decimal::new(self.0, 4)
    }
}

/// `12%`, `7.5%`, `6.25%`: trailing zeros dropped.
impl fmt::Display for AnnualRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.percent().normalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("12", 1200)]
    #[case("7.5", 750)]
    #[case("6.25%", 625)]
    #[case("๖", 600)]
    #[case("ร้อยละ 3", 300)]
    #[case("15", 1500)]
    #[case("15.00", 1500)]
    #[case("0", 0)]
    fn rates_are_understood(#[case] input: &str, #[case] bp: i64) {
        assert_eq!(AnnualRate::parse(input).map(AnnualRate::bp), Ok(bp));
    }

    #[rstest]
    #[case("16", RateError::AboveLegalMaximum)]
    #[case("15.01", RateError::AboveLegalMaximum)]
    #[case("-1", RateError::Negative)]
    #[case("", RateError::Empty)]
    #[case("สิบ", RateError::NotANumber)]
    #[case("6.125", RateError::TooManyDecimals)]
    fn unlawful_or_unreadable_rates_are_refused(#[case] input: &str, #[case] error: RateError) {
        assert_eq!(AnnualRate::parse(input), Err(error));
    }

    #[test]
    fn the_legal_maximum_cites_the_code() {
        assert!(RateError::AboveLegalMaximum.to_string().contains("654"));
    }

    #[test]
    fn json_rates_are_percent_strings_both_ways() {
        let r = AnnualRate::from_bp(750).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"7.50\"");
        assert_eq!(serde_json::from_str::<AnnualRate>("\"7.50\"").unwrap(), r);
        assert!(serde_json::from_str::<AnnualRate>("\"16.00\"").is_err());
    }

    #[test]
    fn rates_show_without_trailing_zeros() {
        assert_eq!(AnnualRate::from_bp(1200).unwrap().to_string(), "12%");
        assert_eq!(AnnualRate::from_bp(750).unwrap().to_string(), "7.5%");
        assert_eq!(AnnualRate::from_bp(1200).unwrap().fraction(), Decimal::new(12, 2));
    }
}
