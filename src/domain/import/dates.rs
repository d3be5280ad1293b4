//! Dates as offices keep them: `15/3/2560`, `2017-03-15`, `15 มี.ค. 2560`, Thai digits, or Excel
//! date serials, in พ.ศ. or ค.ศ. The order of day and month is decided once for a whole column
//! from all its values, never cell by cell: `5/3/2560` alone could be either, and swapping it
//! silently would move a due date by two months.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::cell::Cell;
use crate::domain::thai::{date as thai_date, digits::to_ascii_digits};

/// Years from here on are Buddhist Era (2400 พ.ศ. = 1857 ค.ศ., long before any loan on file).
pub const BE_FROM: i32 = 2400;
const BE_OFFSET: i32 = 543;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// วัน/เดือน/ปี: what Thai offices write.
    DayFirst,
    /// เดือน/วัน/ปี: what an Excel set to US English shows.
    MonthFirst,
}

impl Order {
    pub fn from_code(code: &str) -> Option<Order> {
        match code {
            "dmy" | "day_first" => Some(Order::DayFirst),
            "mdy" | "month_first" => Some(Order::MonthFirst),
            _ => None,
        }
    }
}

/// What a column's values say about their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Decided(Order),
    /// Every value has day and month ≤ 12 (and some differ): the user must say which.
    Ambiguous,
    /// Some values can only be day-first and others only month-first.
    Mixed,
}

impl Verdict {
    /// The Thai sentence reported once for the column (None when decided).
    pub fn problem(self, column: &str) -> Option<String> {
        match self {
            Verdict::Decided(_) => None,
            Verdict::Ambiguous => Some(format!(
                "คอลัมน์ \"{column}\": วันที่ทุกค่ามีวันและเดือนไม่เกิน 12 จึงบอกไม่ได้ว่าเป็น วัน/เดือน/ปี หรือ เดือน/วัน/ปี กรุณาระบุรูปแบบของคอลัมน์นี้"
            )),
            Verdict::Mixed => Some(format!(
                "คอลัมน์ \"{column}\": มีวันที่ทั้งแบบ วัน/เดือน/ปี และ เดือน/วัน/ปี ปนกัน กรุณาแก้ให้เป็นแบบเดียวกัน"
            )),
        }
    }
}

/// The two leading groups of a numeric date that is not year-first (`a/b/yyyy`).
fn leading_pair(text: &str) -> Option<(u32, u32)> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    if parts.len() != 3 || parts[0].len() == 4 {
        return None;
    }
    Some((parts[0].parse().ok()?, parts[1].parse().ok()?))
}

/// Decides a column's order from all its values.
pub fn decide<'a>(cells: impl IntoIterator<Item = &'a Cell>) -> Verdict {
    let (mut day_first, mut month_first, mut undecided) = (false, false, false);
    for cell in cells {
        let Cell::Text(t) = cell else { continue };
        let Some((a, b)) = leading_pair(&to_ascii_digits(t.trim())) else { continue };
        match (a > 12, b > 12) {
            (true, false) => day_first = true,
            (false, true) => month_first = true,
            (false, false) if a != b => undecided = true,
            _ => {}
        }
    }
    match (day_first, month_first) {
        (true, true) => Verdict::Mixed,
        (true, false) => Verdict::Decided(Order::DayFirst),
        (false, true) => Verdict::Decided(Order::MonthFirst),
        (false, false) if undecided => Verdict::Ambiguous,
        (false, false) => Verdict::Decided(Order::DayFirst),
    }
}

/// A Gregorian date from a year that may be พ.ศ. (≥ 2400) or ค.ศ.
fn civil(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let year = if year >= BE_FROM { year - BE_OFFSET } else { year };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// An Excel serial as a date; a serial landing in year 2400 or later is a พ.ศ. year typed into a
/// date cell (15/3/2560 stored as the year 2560 ค.ศ.) and is read as พ.ศ.
pub fn from_serial(serial: i64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = base.checked_add_signed(chrono::Duration::days(serial))?;
    if date.year() >= BE_FROM { civil(date.year(), date.month(), date.day()) } else { Some(date) }
}

/// Reads one date with the column's order; Ok(None) for an empty cell.
pub fn read(cell: &Cell, order: Order) -> Result<Option<NaiveDate>, String> {
    let text = match cell {
        Cell::Empty => return Ok(None),
        Cell::Serial(s) => return from_serial(*s).map(Some).ok_or_else(|| "วันที่ไม่ถูกต้อง".into()),
        Cell::Number(n) => {
            // A date cell Excel did not format as a date still holds its serial.
            let serial: i64 = n.parse().map_err(|_| format!("\"{n}\" ไม่ใช่วันที่"))?;
            return from_serial(serial).map(Some).ok_or_else(|| "วันที่ไม่ถูกต้อง".into());
        }
        Cell::Text(t) => to_ascii_digits(t.trim()),
    };
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    let numeric = parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !numeric {
        return thai_date::parse(&text).map(Some).map_err(|e| format!("\"{text}\": {e}"));
    }
    let n = |p: &str| p.parse::<i64>().unwrap_or(-1);
    let (year, month, day) = if parts[0].len() == 4 {
        (parts[0], n(parts[1]), n(parts[2]))
    } else {
        let (a, b) = (n(parts[0]), n(parts[1]));
        match order {
            Order::DayFirst => (parts[2], b, a),
            Order::MonthFirst => (parts[2], a, b),
        }
    };
    if year.len() != 4 {
        return Err(format!("\"{text}\": ปีต้องมี 4 หลัก (ปีสองหลักบอกไม่ได้ว่าเป็น พ.ศ. หรือ ค.ศ.)"));
    }
    let year: i32 = year.parse().unwrap_or(0);
    if !(1900..2200).contains(&year) && year < BE_FROM {
        return Err(format!("\"{text}\": ปี {year} ไม่ใช่ทั้ง พ.ศ. และ ค.ศ."));
    }
    u32::try_from(month)
        .ok()
        .zip(u32::try_from(day).ok())
        .and_then(|(m, d)| civil(year, m, d))
        .map(Some)
        .ok_or_else(|| format!("\"{text}\": ไม่มีวันที่นี้ในปฏิทิน"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::text(s)
    }
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_column_with_one_day_above_twelve_is_day_first_for_all_its_values() {
        let column = [t("5/3/2560"), t("15/3/2560"), t("1/2/2561")];
        let Verdict::Decided(order) = decide(&column) else { panic!() };
        assert_eq!(order, Order::DayFirst);
        // 5/3/2560 is 5 March, never 3 May, because the column decided.
        assert_eq!(read(&column[0], order).unwrap(), Some(d(2017, 3, 5)));
    }

    #[test]
    fn a_column_of_us_dates_is_month_first() {
        let column = [t("3/15/2017"), t("3/5/2017")];
        assert_eq!(decide(&column), Verdict::Decided(Order::MonthFirst));
        assert_eq!(read(&column[1], Order::MonthFirst).unwrap(), Some(d(2017, 3, 5)));
    }

    #[test]
    fn days_all_twelve_or_less_are_ambiguous_and_reported_once_for_the_column() {
        let column = [t("5/3/2560"), t("1/2/2561"), t("12/11/2562")];
        let verdict = decide(&column);
        assert_eq!(verdict, Verdict::Ambiguous);
        let problem = verdict.problem("วันที่กู้").unwrap();
        assert!(problem.contains("วันที่กู้") && problem.contains("วัน/เดือน/ปี"), "{problem}");
    }

    #[test]
    fn a_column_mixing_both_orders_is_refused() {
        assert_eq!(decide(&[t("15/3/2560"), t("3/15/2017")]), Verdict::Mixed);
    }

    #[test]
    fn same_day_and_month_or_year_first_values_decide_nothing_and_need_nothing() {
        assert_eq!(decide(&[t("3/3/2560"), t("2560-03-15")]), Verdict::Decided(Order::DayFirst));
    }

    #[test]
    fn buddhist_and_gregorian_years_thai_digits_and_month_names() {
        let o = Order::DayFirst;
        assert_eq!(read(&t("๑๕/๐๓/๒๕๖๐"), o).unwrap(), Some(d(2017, 3, 15)));
        assert_eq!(read(&t("15-03-2017"), o).unwrap(), Some(d(2017, 3, 15)));
        assert_eq!(read(&t("2560-03-15"), o).unwrap(), Some(d(2017, 3, 15)));
        assert_eq!(read(&t("15 มี.ค. 2560"), o).unwrap(), Some(d(2017, 3, 15)));
        assert_eq!(read(&Cell::Empty, o).unwrap(), None);
    }

    #[test]
    fn two_digit_years_and_impossible_dates_are_refused_with_thai_reasons() {
        let o = Order::DayFirst;
        assert!(read(&t("15/3/60"), o).unwrap_err().contains("4 หลัก"));
        assert!(read(&t("31/2/2560"), o).unwrap_err().contains("ไม่มีวันที่"));
        assert!(read(&t("15/3/2300"), o).unwrap_err().contains("ไม่ใช่ทั้ง"));
    }

    #[test]
    fn excel_serials_in_year_2400_or_later_are_read_as_buddhist_years() {
        // 42809 is 15 March 2017 (Excel: =DATE(2017,3,15)).
        assert_eq!(from_serial(42809), Some(d(2017, 3, 15)));
        // 15/3/2560 typed into a date cell: Excel stores =DATE(2560,3,15) = 241136; read as พ.ศ.
        let be_typed = (d(2560, 3, 15) - d(1899, 12, 30)).num_days();
        assert_eq!(be_typed, 241_136);
        assert_eq!(from_serial(be_typed), Some(d(2017, 3, 15)));
        assert_eq!(
            read(&Cell::Number("42809".into()), Order::DayFirst).unwrap(),
            Some(d(2017, 3, 15))
        );
    }
}
