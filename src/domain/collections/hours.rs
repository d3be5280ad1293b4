//! The Debt Collection Act B.E. 2558 guards, applied as good practice: calls and visits only
//! Monday–Friday 08:00–20:00 and on weekends and public holidays 08:00–18:00 (s.9(2) and the
//! committee's notification on contact times), at most one contact a day with each person that
//! reached them, and a bounded number of unanswered attempts.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// The office's calendar of public holidays: the fixed-date ones ship with the app, the office
/// adds the lunar and substitute days each year.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    days: BTreeMap<NaiveDate, String>,
}

impl Holidays {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, String)>) -> Holidays {
        Holidays { days: days.into_iter().collect() }
    }

    pub fn name(&self, day: NaiveDate) -> Option<&str> {
        self.days.get(&day).map(String::as_str)
    }

    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.days.contains_key(&day)
    }

    /// Whether the calendar has any day of `year` (ค.ศ.) beyond the fixed-date ones: the screen
    /// reminds the office in December to add the next year's lunar and substitute days.
    pub fn has_movable_days(&self, year: i32) -> bool {
        let fixed: Vec<NaiveDate> = fixed_dates(year).into_iter().map(|(d, _)| d).collect();
        self.days.keys().any(|d| d.year() == year && !fixed.contains(d))
    }
}

/// The public holidays that fall on the same date every year.
pub fn fixed_dates(year: i32) -> Vec<(NaiveDate, &'static str)> {
    const FIXED: &[(u32, u32, &str)] = &[
        (1, 1, "วันขึ้นปีใหม่"),
        (4, 6, "วันจักรี"),
        (4, 13, "วันสงกรานต์"),
        (4, 14, "วันสงกรานต์"),
        (4, 15, "วันสงกรานต์"),
        (5, 1, "วันแรงงานแห่งชาติ"),
        (5, 4, "วันฉัตรมงคล"),
        (6, 3, "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี"),
        (7, 28, "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว"),
        (8, 12, "วันแม่แห่งชาติ"),
        (10, 13, "วันนวมินทรมหาราช"),
        (10, 23, "วันปิยมหาราช"),
        (12, 5, "วันพ่อแห่งชาติ"),
        (12, 10, "วันรัฐธรรมนูญ"),
        (12, 31, "วันสิ้นปี"),
    ];
    FIXED
        .iter()
        .filter_map(|&(m, d, name)| NaiveDate::from_ymd_opt(year, m, d).map(|day| (day, name)))
        .collect()
}

/// Why a contact may not be made (or, when it already happened, why it needs a reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// Outside the hours for that day; the window that applies is given.
    OutsideHours { from: NaiveTime, to: NaiveTime, rest_day: bool },
    /// The person was already reached today.
    AlreadyReachedToday,
    /// The day's unanswered attempts are used up.
    TooManyAttempts { max: u32 },
}

impl Breach {
    pub fn message(&self) -> String {
        match self {
            Breach::OutsideHours { from, to, rest_day } => format!(
                "ติดต่อได้เฉพาะเวลา {}–{} น. ใน{} (พ.ร.บ.การทวงถามหนี้ พ.ศ. 2558)",
                from.format("%H:%M"),
                to.format("%H:%M"),
                if *rest_day {
                    "วันหยุดราชการ"
                } else {
                    "วันทำการ"
                }
            ),
            Breach::AlreadyReachedToday => "วันนี้ติดต่อบุคคลนี้ได้แล้ว ติดต่อได้ไม่เกินวันละ 1 ครั้งต่อคน".into(),
            Breach::TooManyAttempts { max } => {
                format!("วันนี้ติดต่อไม่สำเร็จครบ {max} ครั้งแล้ว ลองใหม่วันถัดไป")
            }
        }
    }
}

/// Whether a day is a rest day: a weekend or a holiday in the office's calendar.
pub fn rest_day(day: NaiveDate, holidays: &Holidays) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || holidays.is_holiday(day)
}

/// The hours contacts may be made on `day`.
pub fn window(day: NaiveDate, holidays: &Holidays) -> (NaiveTime, NaiveTime) {
    let hm = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or(NaiveTime::MIN);
    if rest_day(day, holidays) { (hm(8), hm(18)) } else { (hm(8), hm(20)) }
}

/// Checks the time of a call or visit (the end of the window is the last minute allowed).
pub fn check_time(at: NaiveDateTime, holidays: &Holidays) -> Result<(), Breach> {
    let (from, to) = window(at.date(), holidays);
    if at.time() < from || at.time() > to {
        return Err(Breach::OutsideHours { from, to, rest_day: rest_day(at.date(), holidays) });
    }
    Ok(())
}

/// The contacts with one person on one day already on record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Today {
    /// Contacts that reached the person.
    pub reached: u32,
    /// Attempts that did not (no answer, wrong number).
    pub attempts: u32,
}

/// Checks one more contact with a person against what the day already holds.
pub fn check_daily(today: Today, reaches: bool, max_attempts: u32) -> Result<(), Breach> {
    if today.reached >= 1 {
        return Err(Breach::AlreadyReachedToday);
    }
    if !reaches && today.attempts >= max_attempts {
        return Err(Breach::TooManyAttempts { max: max_attempts });
    }
    Ok(())
}

/// The default number of unanswered attempts a day.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    fn calendar(year: i32) -> Holidays {
        Holidays::new(fixed_dates(year).into_iter().map(|(d, n)| (d, n.to_string())))
    }

    /// 6 Dec 2026 is a Sunday, 7 Dec a Monday, 5 Dec (วันพ่อ) a Saturday, 10 Dec (วันรัฐธรรมนูญ) a
    /// Thursday (checked against a wall calendar).
    #[rstest::rstest]
    #[case::monday_morning(at(2026, 12, 7, 8, 0), true)]
    #[case::monday_before_eight(at(2026, 12, 7, 7, 59), false)]
    #[case::monday_evening(at(2026, 12, 7, 20, 0), true)]
    #[case::monday_late(at(2026, 12, 7, 20, 1), false)]
    #[case::sunday_afternoon(at(2026, 12, 6, 17, 30), true)]
    #[case::sunday_seven_pm(at(2026, 12, 6, 19, 0), false)]
    #[case::constitution_day_evening(at(2026, 12, 10, 19, 0), false)]
    #[case::thursday_after_it(at(2026, 12, 11, 19, 0), true)]
    fn hours_by_day(#[case] when: NaiveDateTime, #[case] allowed: bool) {
        assert_eq!(check_time(when, &calendar(2026)).is_ok(), allowed, "{when}");
    }

    #[test]
    fn a_sunday_evening_is_refused_with_the_rest_day_window() {
        let e = check_time(at(2026, 12, 6, 19, 0), &calendar(2026)).unwrap_err();
        assert_eq!(
            e.message(),
            "ติดต่อได้เฉพาะเวลา 08:00–18:00 น. ในวันหยุดราชการ (พ.ร.บ.การทวงถามหนี้ พ.ศ. 2558)"
        );
    }

    #[test]
    fn one_contact_a_day_but_unanswered_calls_may_be_retried() {
        assert!(check_daily(Today::default(), true, 3).is_ok());
        assert_eq!(
            check_daily(Today { reached: 1, attempts: 0 }, true, 3),
            Err(Breach::AlreadyReachedToday)
        );
        assert_eq!(
            check_daily(Today { reached: 1, attempts: 0 }, false, 3),
            Err(Breach::AlreadyReachedToday),
            "once reached, not even an attempt"
        );
        assert!(check_daily(Today { reached: 0, attempts: 2 }, false, 3).is_ok());
        assert_eq!(
            check_daily(Today { reached: 0, attempts: 3 }, false, 3),
            Err(Breach::TooManyAttempts { max: 3 })
        );
        assert!(
            check_daily(Today { reached: 0, attempts: 3 }, true, 3).is_ok(),
            "answered at last"
        );
    }

    #[test]
    fn the_calendar_knows_its_fixed_days_and_misses_the_lunar_ones() {
        let c = calendar(2027);
        assert_eq!(c.name(NaiveDate::from_ymd_opt(2027, 4, 13).unwrap()), Some("วันสงกรานต์"));
        assert!(!c.has_movable_days(2027), "วันมาฆบูชา and the others are for the office to add");
        let mut days: Vec<(NaiveDate, String)> =
            fixed_dates(2027).into_iter().map(|(d, n)| (d, n.to_string())).collect();
        days.push((NaiveDate::from_ymd_opt(2027, 2, 20).unwrap(), "วันมาฆบูชา".into()));
        assert!(Holidays::new(days).has_movable_days(2027));
    }
}
