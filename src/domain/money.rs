//! Exact money: `Satang` (integer satang), parsing what officers type, and round-half-away-from-zero.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::thai::digits::to_ascii_digits;

/// An amount of money in satang (1 baht = 100 satang). Stored as INTEGER in SQLite; in JSON it is
/// a string of baht with two decimals (`"1234.50"`), as every amount the command line prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Satang(pub i64);

impl Serialize for Satang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_plain())
    }
}

impl<'de> Deserialize<'de> for Satang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Satang, D::Error> {
        let text = String::deserialize(deserializer)?;
        Satang::from_plain(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an amount: {text}")))
    }
}

/// The largest amount a community fund office plausibly types: anything at or above 100 million
/// baht is a slip of the keyboard (an extra zero), not a member's loan.
pub const MAX_AMOUNT: Satang = Satang(100_000_000 * 100 - 1);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("กรุณากรอกจำนวนเงิน")]
    Empty,
    #[error("จำนวนเงินต้องไม่ติดลบ")]
    Negative,
    #[error("จำนวนเงินต้องมากกว่าศูนย์")]
    Zero,
    #[error("ทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)")]
    TooManyDecimals,
    #[error("ใส่เครื่องหมายจุลภาคไม่ถูกต้อง ตัวอย่างที่ถูก: 1,234.50")]
    BadSeparators,
    #[error("จำนวนเงินไม่ถูกต้อง ใช้ได้เฉพาะตัวเลข จุลภาค และจุดทศนิยม เช่น 1,234.50")]
    NotANumber,
    #[error("จำนวนเงินสูงเกินจริง (ต้องน้อยกว่า 100 ล้านบาท)")]
    TooLarge,
}

impl Satang {
    pub const ZERO: Satang = Satang(0);

    pub const fn from_baht(baht: i64) -> Satang {
        Satang(baht * 100)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// The amount in baht as an exact decimal with two places.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// Rounds a baht amount to the satang, half away from zero (DESIGN.md §3).
    pub fn from_decimal(baht: Decimal) -> Satang {
        let rounded = round2(baht);
        let satang = (rounded * Decimal::ONE_HUNDRED).to_i64().unwrap_or(i64::MAX);
        Satang(satang)
    }

    /// Rounds a baht amount up to the next whole baht (installments "rounded up to whole baht").
    pub fn ceil_baht(self) -> Satang {
        Satang(self.0.div_euclid(100) * 100 + if self.0.rem_euclid(100) > 0 { 100 } else { 0 })
    }

    pub fn min(self, other: Satang) -> Satang {
        if self <= other { self } else { other }
    }

    pub fn max(self, other: Satang) -> Satang {
        if self >= other { self } else { other }
    }

    /// Parses an amount as officers type it: `1,234.50`, `1234.5`, `๑,๒๓๔.๕๐`, `1234`, optionally
    /// followed by `บาท`. Zero is accepted (a waiver of nothing); see [`Satang::parse_positive`].
    pub fn parse(input: &str) -> Result<Satang, MoneyError> {
        let ascii = to_ascii_digits(input.trim());
        let text = ascii.strip_suffix("บาท").unwrap_or(&ascii).trim();
        if text.is_empty() {
            return Err(MoneyError::Empty);
        }
        if text.starts_with('-') || text.starts_with('−') {
            return Err(MoneyError::Negative);
        }
        if !text.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
            return Err(MoneyError::NotANumber);
        }
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, f),
            None => (text, ""),
        };
        if fraction.contains('.') || fraction.contains(',') {
            return Err(MoneyError::NotANumber);
        }
        if fraction.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let digits = whole_digits(whole)?;
        if digits.is_empty() && fraction.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        let digits = digits.trim_start_matches('0');
        if digits.len() > 8 {
            return Err(MoneyError::TooLarge);
        }
        let baht: i64 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| MoneyError::NotANumber)?
        };
        let satang: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| MoneyError::NotANumber)? * 10,
            _ => fraction.parse::<i64>().map_err(|_| MoneyError::NotANumber)?,
        };
        let amount = Satang(baht * 100 + satang);
        if amount > MAX_AMOUNT {
            return Err(MoneyError::TooLarge);
        }
        Ok(amount)
    }

    /// Like [`Satang::parse`] but refuses zero: payments, principals, capacities.
    pub fn parse_positive(input: &str) -> Result<Satang, MoneyError> {
        let amount = Satang::parse(input)?;
        if amount.is_zero() {
            return Err(MoneyError::Zero);
        }
        Ok(amount)
    }

    /// Reads the machine form back: `1234.50`, `-0.05`.
    pub fn from_plain(text: &str) -> Option<Satang> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.')?;
        if fraction.len() != 2
            || whole.is_empty()
            || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let value = whole
            .parse::<i64>()
            .ok()?
            .checked_mul(100)?
            .checked_add(fraction.parse::<i64>().ok()?)?;
        Some(Satang(if negative { -value } else { value }))
    }

    /// Two decimals, no separators: the machine form used in JSON and CSV (`1234.50`).
    pub fn to_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

/// Checks the thousands separators of the whole-baht part and returns its bare digits.
fn whole_digits(whole: &str) -> Result<String, MoneyError> {
    if !whole.contains(',') {
        return Ok(whole.to_string());
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    if !first_ok || !rest_ok {
        return Err(MoneyError::BadSeparators);
    }
    Ok(groups.concat())
}

/// Round half away from zero to 0.01: the one rounding rule of the schedule and statement engines.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Thousands separators and two decimals, as on every screen and letter: `1,234.50`.
impl fmt::Display for Satang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let baht = (abs / 100).to_string();
        let mut grouped = String::with_capacity(baht.len() + baht.len() / 3);
        for (i, c) in baht.chars().enumerate() {
            if i > 0 && (baht.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}{grouped}.{:02}", abs % 100)
    }
}

impl Add for Satang {
    type Output = Satang;
    fn add(self, rhs: Satang) -> Satang {
        Satang(self.0 + rhs.0)
    }
}

impl Sub for Satang {
    type Output = Satang;
    fn sub(self, rhs: Satang) -> Satang {
        Satang(self.0 - rhs.0)
    }
}

impl AddAssign for Satang {
    fn add_assign(&mut self, rhs: Satang) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Satang {
    fn sub_assign(&mut self, rhs: Satang) {
        self.0 -= rhs.0;
    }
}

impl Neg for Satang {
    type Output = Satang;
    fn neg(self) -> Satang {
        Satang(-self.0)
    }
}

impl Mul<i64> for Satang {
    type Output = Satang;
    fn mul(self, rhs: i64) -> Satang {
        Satang(self.0 * rhs)
    }
}

impl Sum for Satang {
    fn sum<I: Iterator<Item = Satang>>(iter: I) -> Satang {
        Satang(iter.map(|s| s.0).sum())
    }
}

impl<'a> Sum<&'a Satang> for Satang {
    fn sum<I: Iterator<Item = &'a Satang>>(iter: I) -> Satang {
        Satang(iter.map(|s| s.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use rust_decimal_macros::dec;

    #[rstest]
    #[case("1,234.50", 123_450)]
    #[case("1234.5", 123_450)]
    #[case("๑,๒๓๔.๕๐", 123_450)]
    #[case("1234", 123_400)]
    #[case(" 1234 ", 123_400)]
    #[case("1,234 บาท", 123_400)]
    #[case("0.01", 1)]
    #[case(".5", 50)]
    #[case("0", 0)]
    #[case("1,000,000", 100_000_000)]
    #[case("99,999,999.99", 9_999_999_999)]
    fn officers_typing_is_understood(#[case] input: &str, #[case] satang: i64) {
        assert_eq!(Satang::parse(input), Ok(Satang(satang)));
    }

    #[rstest]
    #[case("", MoneyError::Empty)]
    #[case("   ", MoneyError::Empty)]
    #[case("-5", MoneyError::Negative)]
    #[case("1.234", MoneyError::TooManyDecimals)]
    #[case("12,34.5", MoneyError::BadSeparators)]
    #[case("1,2345", MoneyError::BadSeparators)]
    #[case(",123", MoneyError::BadSeparators)]
    #[case("12a", MoneyError::NotANumber)]
    #[case("1.2.3", MoneyError::NotANumber)]
    #[case(".", MoneyError::NotANumber)]
    #[case("100000000", MoneyError::TooLarge)]
    #[case("999999999999999999999", MoneyError::TooLarge)]
    fn bad_amounts_are_refused_with_a_reason(#[case] input: &str, #[case] error: MoneyError) {
        assert_eq!(Satang::parse(input), Err(error));
    }

    #[test]
    fn zero_is_refused_where_a_positive_amount_is_needed() {
        assert_eq!(Satang::parse_positive("0.00"), Err(MoneyError::Zero));
        assert_eq!(Satang::parse_positive("0.01"), Ok(Satang(1)));
    }

    #[test]
    fn errors_speak_thai() {
        assert_eq!(MoneyError::TooManyDecimals.to_string(), "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)");
    }

    #[rstest]
    #[case(0, "0.00")]
    #[case(5, "0.05")]
    #[case(123_450, "1,234.50")]
    #[case(100_000_000, "1,000,000.00")]
    #[case(-123_450, "-1,234.50")]
    fn amounts_show_with_separators(#[case] satang: i64, #[case] shown: &str) {
        assert_eq!(Satang(satang).to_string(), shown);
    }

    #[test]
    fn json_amounts_are_two_decimal_strings_both_ways() {
        assert_eq!(serde_json::to_string(&Satang(123_405)).unwrap(), "\"1234.05\"");
        assert_eq!(serde_json::from_str::<Satang>("\"-0.05\"").unwrap(), Satang(-5));
        assert!(serde_json::from_str::<Satang>("\"12.3\"").is_err());
        assert!(serde_json::from_str::<Satang>("1234").is_err());
    }

    #[test]
    fn plain_form_has_two_decimals_and_no_separators() {
        assert_eq!(Satang(123_405).to_plain(), "1234.05");
        assert_eq!(Satang(-5).to_plain(), "-0.05");
    }

    #[rstest]
    // Half away from zero: 0.125 → 0.13 and −0.125 → −0.13 (banker's rounding would give 0.12).
    #[case(dec!(0.125), dec!(0.13))]
    #[case(dec!(-0.125), dec!(-0.13))]
    #[case(dec!(0.124999), dec!(0.12))]
    #[case(dec!(888.4878867), dec!(888.49))]
    fn round2_is_half_away_from_zero(#[case] value: Decimal, #[case] rounded: Decimal) {
        assert_eq!(round2(value), rounded);
    }

    #[test]
    fn whole_baht_rounding_goes_up() {
        assert_eq!(Satang(88_849).ceil_baht(), Satang(88_900));
        assert_eq!(Satang(88_800).ceil_baht(), Satang(88_800));
    }

    #[test]
    fn decimal_round_trip_is_exact() {
        assert_eq!(Satang::from_decimal(dec!(1234.565)), Satang(123_457));
        assert_eq!(Satang(123_457).to_decimal(), dec!(1234.57));
    }
}
