//! The breach register's form as typed: the day and time the fund learned of it, when it happened
//! (if known), what happened and how many people it touched, each checked with a Thai message for
//! its own field so the committee sees exactly what to fix and nothing is recorded until all pass.

use std::collections::BTreeMap;

use chrono::{NaiveDateTime, NaiveTime};

use super::breach::Risk;
use crate::domain::thai::date;
use crate::domain::thai::digits::to_ascii_digits;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    LearnedDate,
    LearnedTime,
    HappenedDate,
    What,
    People,
}

/// The form's values once every field passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub learned_at: NaiveDateTime,
    pub happened_at: Option<NaiveDateTime>,
    pub what: String,
    pub risk: Risk,
    pub people_affected: i64,
}

/// Longest description kept: a paragraph, not a file pasted in by mistake.
pub const WHAT_MAX_CHARS: usize = 2000;

pub fn time_of_day(text: &str) -> Result<NaiveTime, String> {
    let t = to_ascii_digits(text.trim()).replace('.', ":");
    if t.is_empty() {
        return Err("กรุณาระบุเวลา เช่น 09:30".into());
    }
    NaiveTime::parse_from_str(&t, "%H:%M").map_err(|_| "เวลาต้องเป็น ชั่วโมง:นาที เช่น 09:30".into())
}

pub fn parse(
    values: &BTreeMap<Field, String>,
    risk: Risk,
    now: NaiveDateTime,
) -> Result<Parsed, BTreeMap<Field, String>> {
    let get = |f: Field| values.get(&f).map(String::as_str).unwrap_or("").trim();
    let mut errors = BTreeMap::new();
    let day = date::parse(get(Field::LearnedDate)).map_err(|e| e.to_string());
    let time = time_of_day(get(Field::LearnedTime));
    let learned_at = match (day, time) {
        (Ok(d), Ok(t)) => Some(d.and_time(t)),
        (d, t) => {
            if let Err(e) = d {
                errors.insert(Field::LearnedDate, e);
            }
            if let Err(e) = t {
                errors.insert(Field::LearnedTime, e);
            }
            None
        }
    };
    if let Some(l) = learned_at
        && l > now
    {
        errors.insert(Field::LearnedDate, "เวลาที่ทราบเหตุเป็นเวลาในอนาคตไม่ได้".into());
    }
    let happened_at = match get(Field::HappenedDate) {
        "" => None,
        text => match date::parse(text) {
            // Only the day is asked: people rarely know the hour a file went missing.
            Ok(d) => Some(d.and_time(NaiveTime::MIN)),
            Err(e) => {
                errors.insert(Field::HappenedDate, e.to_string());
                None
            }
        },
    };
    if let (Some(h), Some(l)) = (happened_at, learned_at)
        && h > l
    {
        errors.insert(Field::HappenedDate, "วันที่เกิดเหตุต้องไม่หลังวันที่ทราบเหตุ".into());
    }
    let what = get(Field::What).to_string();
    if what.is_empty() {
        errors.insert(Field::What, "กรุณาบรรยายเหตุที่เกิดขึ้น".into());
    } else if what.chars().count() > WHAT_MAX_CHARS {
        errors.insert(Field::What, format!("ยาวเกินไป (ไม่เกิน {WHAT_MAX_CHARS} ตัวอักษร)"));
    }
    let people_text = to_ascii_digits(get(Field::People)).replace(',', "");
    let people = if people_text.is_empty() {
        Some(0)
    } else {
        match people_text.parse::<i64>() {
            Ok(n) if (0..=10_000_000).contains(&n) => Some(n),
            Ok(n) if n < 0 => {
                errors.insert(Field::People, "จำนวนผู้ได้รับผลกระทบต้องไม่ติดลบ".into());
                None
            }
            _ => {
                errors.insert(Field::People, "กรุณาระบุจำนวนเป็นตัวเลขจำนวนเต็ม เช่น 12".into());
                None
            }
        }
    };
    match (learned_at, people) {
        (Some(learned_at), Some(people_affected)) if errors.is_empty() => {
            Ok(Parsed { learned_at, happened_at, what, risk, people_affected })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(12, 0, 0).unwrap()
    }

    fn form(pairs: &[(Field, &str)]) -> BTreeMap<Field, String> {
        pairs.iter().map(|(f, v)| (*f, v.to_string())).collect()
    }

    /// 7/12/2569 is 7 December 2026 (2569 − 543); "๐๙.๓๐" in Thai digits is 09:30.
    #[test]
    fn a_breach_typed_in_thai_dates_and_digits_is_read_exactly() {
        let p = parse(
            &form(&[
                (Field::LearnedDate, "7/12/2569"),
                (Field::LearnedTime, "๐๙.๓๐"),
                (Field::HappenedDate, "6/12/2569"),
                (Field::What, "  แฟ้มสมาชิกหาย "),
                (Field::People, "1,200"),
            ]),
            Risk::High,
            now(),
        )
        .unwrap();
        assert_eq!(p.learned_at, now().date().and_hms_opt(9, 30, 0).unwrap());
        assert_eq!(p.happened_at.unwrap().date(), NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        assert_eq!(p.what, "แฟ้มสมาชิกหาย");
        assert_eq!(p.people_affected, 1200);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let e = parse(
            &form(&[
                (Field::LearnedDate, "31/02/2567"),
                (Field::LearnedTime, "25:00"),
                (Field::What, "   "),
                (Field::People, "-3"),
            ]),
            Risk::Risk,
            now(),
        )
        .unwrap_err();
        assert_eq!(e.len(), 4, "{e:?}");
        let e = parse(
            &form(&[
                (Field::LearnedDate, "8/12/2569"),
                (Field::LearnedTime, "09:00"),
                (Field::What, "x"),
                (Field::People, "12.5"),
            ]),
            Risk::Risk,
            now(),
        )
        .unwrap_err();
        assert!(e[&Field::LearnedDate].contains("อนาคต"));
        assert!(e.contains_key(&Field::People));
        let e = parse(
            &form(&[
                (Field::LearnedDate, "7/12/2569"),
                (Field::LearnedTime, "09:00"),
                (Field::HappenedDate, "8/12/2569"),
                (Field::What, &"ก".repeat(10_000)),
            ]),
            Risk::Risk,
            now(),
        )
        .unwrap_err();
        assert!(e.contains_key(&Field::HappenedDate) && e.contains_key(&Field::What), "{e:?}");
    }
}
