//! Promises to pay (นัดชำระ): each becomes kept, partly kept or broken by itself from the
//! payments that arrive, with a grace of a few days (a setting) after the promised date.

use chrono::{Days, NaiveDate};

use crate::domain::Satang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    /// The day the promise was made: payments from that day count towards it.
    pub made_on: NaiveDate,
    pub due_on: NaiveDate,
    pub amount: Satang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    Open,
    Kept,
    PartlyKept,
    Broken,
}

impl State {
    pub const ALL: &[State] = &[State::Open, State::Kept, State::PartlyKept, State::Broken];

    pub fn code(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Kept => "kept",
            State::PartlyKept => "partly_kept",
            State::Broken => "broken",
        }
    }

    pub fn from_code(code: &str) -> Option<State> {
        State::ALL.iter().copied().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            State::Open => "รอชำระตามนัด",
            State::Kept => "ชำระตามนัดแล้ว",
            State::PartlyKept => "ชำระไม่ครบตามนัด",
            State::Broken => "ผิดนัดชำระ",
        }
    }

    /// Whether the promise failed: a broken or partly kept promise raises the file's priority.
    pub fn failed(self) -> bool {
        matches!(self, State::Broken | State::PartlyKept)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluation {
    pub state: State,
    /// What was paid towards the promise (from the day it was made to the end of its grace).
    pub paid: Satang,
}

/// The last day a payment still keeps the promise.
pub fn last_day(p: &Promise, grace_days: u32) -> NaiveDate {
    p.due_on.checked_add_days(Days::new(u64::from(grace_days))).unwrap_or(p.due_on)
}

/// Evaluates a promise on `as_of` from the loan's payments (date, amount; reversed ones left out
/// by the caller). Paid in full is kept at once, even before the date; short of that the
/// promise stays open until its grace has run out, then is partly kept or broken.
pub fn evaluate(
    p: &Promise,
    payments: &[(NaiveDate, Satang)],
    grace_days: u32,
    as_of: NaiveDate,
) -> Evaluation {
    let end = last_day(p, grace_days).min(as_of);
    let paid: Satang =
        payments.iter().filter(|(d, _)| *d >= p.made_on && *d <= end).map(|(_, a)| *a).sum();
    let state = if paid >= p.amount {
        State::Kept
    } else if as_of <= last_day(p, grace_days) {
        State::Open
    } else if paid.is_positive() {
        State::PartlyKept
    } else {
        State::Broken
    };
    Evaluation { state, paid }
}

/// The default grace after the promised date, in days.
pub const DEFAULT_GRACE_DAYS: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn baht(b: i64) -> Satang {
        Satang(b * 100)
    }

    /// Promised on 7 Dec to pay 1,500.00 by 15 Dec, grace 3 days (so payments up to 18 Dec count).
    const PROMISE: fn() -> Promise =
        || Promise { made_on: d(12, 7), due_on: d(12, 15), amount: baht(1500) };

    #[rstest::rstest]
    #[case::nothing_yet(&[], d(12, 10), State::Open, 0)]
    #[case::paid_in_full_early(&[(d(12, 9), baht(1500))], d(12, 10), State::Kept, 1500)]
    #[case::two_parts_make_it(&[(d(12, 9), baht(500)), (d(12, 16), baht(1000))], d(12, 20), State::Kept, 1500)]
    #[case::within_grace_still_open(&[(d(12, 9), baht(500))], d(12, 18), State::Open, 500)]
    #[case::short_after_grace(&[(d(12, 9), baht(500))], d(12, 19), State::PartlyKept, 500)]
    #[case::nothing_after_grace(&[], d(12, 19), State::Broken, 0)]
    #[case::paid_too_late(&[(d(12, 21), baht(1500))], d(12, 22), State::Broken, 0)]
    #[case::paid_before_promise_counts_not(&[(d(12, 1), baht(1500))], d(12, 19), State::Broken, 0)]
    fn known_answers(
        #[case] payments: &[(NaiveDate, Satang)],
        #[case] as_of: NaiveDate,
        #[case] state: State,
        #[case] paid_baht: i64,
    ) {
        let e = evaluate(&PROMISE(), payments, 3, as_of);
        assert_eq!(e, Evaluation { state, paid: baht(paid_baht) });
    }

    #[test]
    fn a_kept_promise_stays_kept_when_evaluated_later() {
        let pays = [(d(12, 14), baht(1500))];
        for day in [d(12, 14), d(12, 31)] {
            assert_eq!(evaluate(&PROMISE(), &pays, 3, day).state, State::Kept);
        }
        assert!(State::Broken.failed() && State::PartlyKept.failed() && !State::Kept.failed());
        for s in State::ALL {
            assert_eq!(State::from_code(s.code()), Some(*s));
        }
    }
}
