//! The step clocks, in working days: a rest day is a Saturday, a Sunday or a day in the office's
//! holiday calendar (the same calendar the collection hours use). The day a complaint is received
//! is day 0; the first working day after it is day 1.
//!
//! Seed 004 sets the standard (receipt, acknowledgement, assessment, response, closing, each with
//! a target passed on to the people who handle it, 100% met) but gives no day counts, so the
//! defaults below are the common Thai public-service figures: acknowledge within 1 working day,
//! assess within 3, investigate within 10, respond within 15 and close within 20, every one counted
//! from the day received (or from the day reopened). They are settings (`complaint.days.*`).

use chrono::NaiveDate;

use super::steps::Step;
use crate::domain::collections::hours::{Holidays, rest_day};

/// Working days allowed from receipt (or reopening) to each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    pub acknowledge: u32,
    pub assess: u32,
    pub investigate: u32,
    pub respond: u32,
    pub close: u32,
    /// Seed 004's target for the share handled within standard: ร้อยละ 100.
    pub within_target_percent: u32,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            acknowledge: 1,
            assess: 3,
            investigate: 10,
            respond: 15,
            close: 20,
            within_target_percent: 100,
        }
    }
}

impl Targets {
    /// The setting keys, in the order of the steps, with each one's Thai label.
    pub const KEYS: &[(&str, &str)] = &[
        ("complaint.days.acknowledge", "ตอบรับเรื่อง"),
        ("complaint.days.assess", "ประเมินเรื่อง"),
        ("complaint.days.investigate", "ตรวจสอบข้อเท็จจริง"),
        ("complaint.days.respond", "แจ้งผล"),
        ("complaint.days.close", "ปิดเรื่อง"),
    ];

    /// The working days allowed to reach `step`, if it has a clock.
    pub fn days(&self, step: Step) -> Option<u32> {
        match step {
            Step::Acknowledge => Some(self.acknowledge),
            Step::Assess => Some(self.assess),
            Step::Investigate => Some(self.investigate),
            Step::Respond => Some(self.respond),
            Step::Close => Some(self.close),
            Step::Receive | Step::Reopen => None,
        }
    }

    /// The working days of each step in [`Targets::KEYS`] order.
    pub fn in_key_order(&self) -> [u32; 5] {
        [self.acknowledge, self.assess, self.investigate, self.respond, self.close]
    }

    /// Builds targets from `(key, days)` settings, keeping the default for a missing key.
    pub fn from_settings(get: impl Fn(&str) -> Option<u32>) -> Targets {
        let d = Targets::default();
        let k = |i: usize, default: u32| get(Targets::KEYS[i].0).unwrap_or(default);
        Targets {
            acknowledge: k(0, d.acknowledge),
            assess: k(1, d.assess),
            investigate: k(2, d.investigate),
            respond: k(3, d.respond),
            close: k(4, d.close),
            within_target_percent: d.within_target_percent,
        }
    }
}

/// The longest target accepted, in working days (about four months): the store refuses more too.
pub const MAX_TARGET_DAYS: u32 = 90;

/// A step target as typed on the settings screen: positive whole working days (Thai digits
/// allowed), at most [`MAX_TARGET_DAYS`].
pub fn parse_target_days(input: &str) -> Result<u32, String> {
    use std::num::IntErrorKind;
    let t = crate::domain::thai::digits::to_ascii_digits(input.trim());
    if t.is_empty() {
        return Err("กรุณากรอกจำนวนวันทำการ".into());
    }
    let too_many = || format!("มากเกินไป (ไม่เกิน {MAX_TARGET_DAYS} วันทำการ)");
    let days: i64 = match t.parse() {
        Ok(d) => d,
        Err(e) if *e.kind() == IntErrorKind::PosOverflow => return Err(too_many()),
        Err(_) => return Err("กรุณากรอกจำนวนวันทำการเป็นตัวเลขจำนวนเต็ม".into()),
    };
    if days < 1 {
        return Err("จำนวนวันทำการต้องมากกว่า 0".into());
    }
    if days > i64::from(MAX_TARGET_DAYS) {
        return Err(too_many());
    }
    Ok(days as u32)
}

fn working(day: NaiveDate, holidays: &Holidays) -> bool {
    !rest_day(day, holidays)
}

/// The `n`-th working day after `start` (`start` itself when `n` is 0).
pub fn add_working_days(start: NaiveDate, n: u32, holidays: &Holidays) -> NaiveDate {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if working(day, holidays) {
            left -= 1;
        }
    }
    day
}

/// Working days after `from` up to and including `to` (0 when `to` is not after `from`): the
/// inverse of [`add_working_days`] on working days.
pub fn working_days_between(from: NaiveDate, to: NaiveDate, holidays: &Holidays) -> u32 {
    from.iter_days().skip(1).take_while(|d| *d <= to).filter(|d| working(*d, holidays)).count()
        as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::collections::hours::fixed_dates;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The fixed holidays of 2026 and 2027 plus the substitute for วันพ่อแห่งชาติ (Saturday 5 December
    /// 2569), which the office adds itself: Monday 7 December.
    fn december_2569() -> Holidays {
        let mut days: Vec<(NaiveDate, String)> = fixed_dates(2026)
            .into_iter()
            .chain(fixed_dates(2027))
            .map(|(d, n)| (d, n.to_string()))
            .collect();
        days.push((ymd(2026, 12, 7), "ชดเชยวันพ่อแห่งชาติ".into()));
        Holidays::new(days)
    }

    // Worked example: received Friday 4 ธ.ค. 2569. Sat 5 (วันพ่อ) and Sun 6 are rest days, Mon 7
    // is the substitute holiday, so working day 1 is Tue 8, day 2 Wed 9; Thu 10 is วันรัฐธรรมนูญ,
    // so day 3 is Fri 11; days 4–13 are 14–25 Dec; day 14 Mon 28, day 15 Tue 29 (the response
    // target); day 16 Wed 30; Thu 31 is วันสิ้นปี and Fri 1 Jan วันขึ้นปีใหม่, so day 17 is
    // Mon 4 Jan 2570; day 20 is Thu 7 Jan 2570 (the closing target).
    #[test]
    fn the_clocks_skip_the_weekend_and_the_holidays_of_december_2569() {
        let h = december_2569();
        let received = ymd(2026, 12, 4);
        let table = [
            (0, ymd(2026, 12, 4)),
            (1, ymd(2026, 12, 8)),
            (2, ymd(2026, 12, 9)),
            (3, ymd(2026, 12, 11)),
            (10, ymd(2026, 12, 22)),
            (15, ymd(2026, 12, 29)),
            (16, ymd(2026, 12, 30)),
            (17, ymd(2027, 1, 4)),
            (20, ymd(2027, 1, 7)),
        ];
        for (n, due) in table {
            assert_eq!(add_working_days(received, n, &h), due, "working day {n}");
            assert_eq!(working_days_between(received, due, &h), n, "back to {n}");
        }
    }

    #[test]
    fn without_the_office_s_substitute_day_monday_counts() {
        let fixed = Holidays::new(fixed_dates(2026).into_iter().map(|(d, n)| (d, n.to_string())));
        assert_eq!(add_working_days(ymd(2026, 12, 4), 1, &fixed), ymd(2026, 12, 7));
        assert_eq!(add_working_days(ymd(2026, 12, 4), 3, &fixed), ymd(2026, 12, 9));
    }

    #[test]
    fn a_complaint_received_on_a_rest_day_starts_counting_on_the_next_working_day() {
        let h = december_2569();
        // Received on Saturday 5 Dec: day 1 is Tue 8 as for Friday's.
        assert_eq!(add_working_days(ymd(2026, 12, 5), 1, &h), ymd(2026, 12, 8));
        assert_eq!(working_days_between(ymd(2026, 12, 5), ymd(2026, 12, 7), &h), 0);
    }

    #[test]
    fn no_working_days_pass_going_backwards() {
        let h = december_2569();
        assert_eq!(working_days_between(ymd(2026, 12, 11), ymd(2026, 12, 8), &h), 0);
    }

    #[test]
    fn a_target_is_a_positive_whole_number_of_working_days() {
        assert_eq!(parse_target_days(" 5 "), Ok(5));
        assert_eq!(parse_target_days("๑๕"), Ok(15));
        assert_eq!(parse_target_days("90"), Ok(90));
        assert_eq!(parse_target_days(""), Err("กรุณากรอกจำนวนวันทำการ".into()));
        assert_eq!(parse_target_days("0"), Err("จำนวนวันทำการต้องมากกว่า 0".into()));
        assert_eq!(parse_target_days("-3"), Err("จำนวนวันทำการต้องมากกว่า 0".into()));
        let whole = Err("กรุณากรอกจำนวนวันทำการเป็นตัวเลขจำนวนเต็ม".to_string());
        assert_eq!(parse_target_days("2.5"), whole);
        assert_eq!(parse_target_days("สาม"), whole);
        let most = Err("มากเกินไป (ไม่เกิน 90 วันทำการ)".to_string());
        assert_eq!(parse_target_days("91"), most);
        assert_eq!(parse_target_days("99999999999"), most);
    }

    #[test]
    fn settings_override_the_defaults_one_by_one() {
        let t = Targets::from_settings(|k| (k == "complaint.days.respond").then_some(30));
        assert_eq!(t.respond, 30);
        assert_eq!(t.acknowledge, Targets::default().acknowledge);
        assert_eq!(t.days(Step::Close), Some(20));
        assert_eq!(t.days(Step::Reopen), None);
        assert_eq!(t.in_key_order(), [1, 3, 10, 30, 20]);
    }
}
