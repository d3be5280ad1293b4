//! The Thai calendar as officers read and type it: Buddhist-era years (พ.ศ. = ค.ศ. + 543), Thai
//! month names, and a parser that refuses a year it would have to guess.

use chrono::{Datelike, NaiveDate};

use super::digits::to_ascii_digits;

/// Years are stored in the Gregorian calendar; shown to users with this offset.
pub const BE_OFFSET: i32 = 543;

pub const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

pub const MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Gregorian years a fund's records can hold: births from 1900, contracts up to 2200. Their
/// Buddhist-era counterparts (2443–2743) do not overlap them, so a four-digit year is never
/// ambiguous; anything between or outside is a typing error.
const CE_RANGE: std::ops::RangeInclusive<i32> = 1900..=2200;
const BE_RANGE: std::ops::RangeInclusive<i32> = 2443..=2743;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("กรุณากรอกวันที่")]
    Empty,
    #[error("อ่านวันที่ไม่ออก ตัวอย่างที่ถูก: 21/11/2568 หรือ 21 พฤศจิกายน 2568")]
    Unrecognised,
    #[error("ปีที่มี 2 หลักอาจเป็นได้หลายปี กรุณาใส่ปี 4 หลัก เช่น 2568")]
    AmbiguousYear,
    #[error("ปี {0} ไม่อยู่ในช่วงที่เป็นไปได้ (พ.ศ. 2443–2743 หรือ ค.ศ. 1900–2200)")]
    YearOutOfRange(i32),
    #[error("ไม่รู้จักชื่อเดือน \"{0}\"")]
    UnknownMonth(String),
    #[error("ไม่มีวันที่นี้ในปฏิทิน")]
    NoSuchDay,
}

/// The year as users see it.
pub fn be_year(date: NaiveDate) -> i32 {
    date.year() + BE_OFFSET
}

/// `21 พฤศจิกายน 2568`: letters, documents, headings.
pub fn format_long(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], be_year(date))
}

/// `21 พ.ย. 68`: tables and lists where space is short.
pub fn format_short(date: NaiveDate) -> String {
    format!("{} {} {:02}", date.day(), MONTHS_SHORT[date.month0() as usize], be_year(date) % 100)
}

/// `พ.ย. 68`: a month in a narrow column (an invoice's row of grouped installments).
pub fn format_month_short(date: NaiveDate) -> String {
    format!("{} {:02}", MONTHS_SHORT[date.month0() as usize], be_year(date) % 100)
}

/// `21/11/2568`: form fields, so what is shown can be typed back.
pub fn format_numeric(date: NaiveDate) -> String {
    format!("{}/{}/{}", date.day(), date.month(), be_year(date))
}

/// `พฤศจิกายน 2568`.
pub fn format_month_year(date: NaiveDate) -> String {
    format!("{} {}", MONTHS[date.month0() as usize], be_year(date))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Era {
    Unstated,
    Buddhist,
    Gregorian,
}

/// Parses a date typed in พ.ศ. or ค.ศ.: `21/11/2568`, `21-11-2025`, `2025-11-21`,
/// `21 พฤศจิกายน 2568`, `21 พ.ย. พ.ศ. 2568`, Thai digits too. Two-digit years are refused.
pub fn parse(input: &str) -> Result<NaiveDate, DateError> {
    let mut text = to_ascii_digits(input.trim());
    if text.is_empty() {
        return Err(DateError::Empty);
    }
    let mut era = Era::Unstated;
    for (marker, which) in [
        ("พ.ศ.", Era::Buddhist),
        ("พ.ศ", Era::Buddhist),
        ("ค.ศ.", Era::Gregorian),
        ("ค.ศ", Era::Gregorian),
    ] {
        if text.contains(marker) {
            text = text.replacen(marker, " ", 1);
            era = which;
            break;
        }
    }
    let text = text.trim();
    if let Some((y, m, d)) = split_numeric(text, true) {
        return build(&y, &m, &d, era);
    }
    if let Some((d, m, y)) = split_numeric(text, false) {
        return build(&y, &m, &d, era);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == 3 {
        let month = month_from_name(words[1])?;
        return build(words[2], &month.to_string(), words[0], era);
    }
    Err(DateError::Unrecognised)
}

/// Splits `a/b/c` (or with `-` or `.`) into its three digit groups; with `year_first` only when
/// the first group has four digits (ISO order), otherwise day/month/year.
fn split_numeric(text: &str, year_first: bool) -> Option<(String, String, String)> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3
        || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    if year_first != (parts[0].len() == 4) {
        return None;
    }
    Some((parts[0].to_string(), parts[1].to_string(), parts[2].to_string()))
}

fn month_from_name(word: &str) -> Result<u32, DateError> {
    let bare = |s: &str| s.replace('.', "");
    let wanted = bare(word);
    MONTHS
        .iter()
        .position(|m| *m == word)
        .or_else(|| MONTHS_SHORT.iter().position(|m| bare(m) == wanted))
        .map(|i| i as u32 + 1)
        .ok_or_else(|| DateError::UnknownMonth(word.to_string()))
}

fn build(year: &str, month: &str, day: &str, era: Era) -> Result<NaiveDate, DateError> {
    if !year.chars().all(|c| c.is_ascii_digit()) || year.len() > 4 {
        return Err(DateError::Unrecognised);
    }
    if year.len() <= 2 {
        return Err(DateError::AmbiguousYear);
    }
    let typed: i32 = year.parse().map_err(|_| DateError::Unrecognised)?;
    let gregorian = match era {
        Era::Buddhist if BE_RANGE.contains(&typed) => typed - BE_OFFSET,
        Era::Gregorian if CE_RANGE.contains(&typed) => typed,
        Era::Unstated if BE_RANGE.contains(&typed) => typed - BE_OFFSET,
        Era::Unstated if CE_RANGE.contains(&typed) => typed,
        _ => return Err(DateError::YearOutOfRange(typed)),
    };
    let month: u32 = month.parse().map_err(|_| DateError::Unrecognised)?;
    let day: u32 = day.parse().map_err(|_| DateError::Unrecognised)?;
    NaiveDate::from_ymd_opt(gregorian, month, day).ok_or(DateError::NoSuchDay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // Known answers: pythainlp.util.thai_strftime(datetime(2025, 11, 21), "%-d %B %Y") gives
    // "21 พฤศจิกายน 2568" and "%-d %b %y" gives "21 พ.ย. 68".
    #[test]
    fn dates_are_shown_in_the_buddhist_era() {
        assert_eq!(format_long(ymd(2025, 11, 21)), "21 พฤศจิกายน 2568");
        assert_eq!(format_short(ymd(2025, 11, 21)), "21 พ.ย. 68");
        assert_eq!(format_short(ymd(2058, 1, 5)), "5 ม.ค. 01");
        assert_eq!(format_month_short(ymd(2025, 11, 21)), "พ.ย. 68");
        assert_eq!(format_numeric(ymd(2025, 2, 28)), "28/2/2568");
        assert_eq!(format_month_year(ymd(2026, 3, 1)), "มีนาคม 2569");
    }

    #[rstest]
    #[case("21/11/2568", ymd(2025, 11, 21))]
    #[case("21/11/2025", ymd(2025, 11, 21))]
    #[case("21-11-2568", ymd(2025, 11, 21))]
    #[case("2025-11-21", ymd(2025, 11, 21))]
    #[case("2568-11-21", ymd(2025, 11, 21))]
    #[case("๒๑/๑๑/๒๕๖๘", ymd(2025, 11, 21))]
    #[case("21 พฤศจิกายน 2568", ymd(2025, 11, 21))]
    #[case("21 พ.ย. 2568", ymd(2025, 11, 21))]
    #[case("21 พย 2568", ymd(2025, 11, 21))]
    #[case("21 พ.ย. พ.ศ. 2568", ymd(2025, 11, 21))]
    #[case("1 มกราคม ค.ศ. 2025", ymd(2025, 1, 1))]
    #[case("29/2/2567", ymd(2024, 2, 29))]
    #[case("5/1/2480", ymd(1937, 1, 5))]
    fn dates_typed_either_way_are_understood(#[case] input: &str, #[case] date: NaiveDate) {
        assert_eq!(parse(input), Ok(date));
    }

    #[rstest]
    #[case("", DateError::Empty)]
    #[case("21/11/68", DateError::AmbiguousYear)]
    #[case("21 พ.ย. 68", DateError::AmbiguousYear)]
    #[case("21/11/2300", DateError::YearOutOfRange(2300))]
    #[case("21/11/1800", DateError::YearOutOfRange(1800))]
    #[case("21/11/2800", DateError::YearOutOfRange(2800))]
    #[case("1/1/2025 พ.ศ.", DateError::YearOutOfRange(2025))]
    #[case("30/2/2568", DateError::NoSuchDay)]
    #[case("29/2/2568", DateError::NoSuchDay)]
    #[case("21 พฤศจิ 2568", DateError::UnknownMonth("พฤศจิ".into()))]
    #[case("พรุ่งนี้", DateError::Unrecognised)]
    #[case("21/11", DateError::Unrecognised)]
    fn doubtful_dates_are_refused(#[case] input: &str, #[case] error: DateError) {
        assert_eq!(parse(input), Err(error));
    }

    #[test]
    fn every_shown_long_date_parses_back() {
        let mut d = ymd(2024, 1, 1);
        while d < ymd(2026, 1, 1) {
            assert_eq!(parse(&format_long(d)), Ok(d));
            assert_eq!(parse(&format_numeric(d)), Ok(d));
            d = d.succ_opt().unwrap();
        }
    }
}
