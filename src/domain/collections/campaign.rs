//! The sieve campaign (ร่อนตะแกรง, seed 002): one letter with a deadline to every member of a
//! group; after the deadline, who complied (paid what was asked, or promised and kept it) and who
//! did not, so the rest can move to the next step in one action.

use chrono::NaiveDate;

use super::promise::State;
use crate::domain::Satang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// Paid at least what the letter asked by the deadline.
    Paid,
    /// Promised (after the letter, by the deadline) and kept the promise.
    KeptPromise,
    /// The deadline has not passed, or a promise made in time is still running.
    Waiting,
    NotComplied,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Paid => "ชำระตามหนังสือแล้ว",
            Verdict::KeptPromise => "นัดชำระและรักษานัด",
            Verdict::Waiting => "ยังไม่ถึงกำหนด",
            Verdict::NotComplied => "ไม่ปฏิบัติตามหนังสือ",
        }
    }

    pub fn complied(self) -> bool {
        matches!(self, Verdict::Paid | Verdict::KeptPromise)
    }
}

/// One member's answer to the campaign letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer<'a> {
    pub asked: Satang,
    pub issued_on: NaiveDate,
    pub deadline: NaiveDate,
    /// Payments on the loan (date, amount), reversed ones left out.
    pub payments: &'a [(NaiveDate, Satang)],
    /// Promises on the loan: the day each was made and its state now.
    pub promises: &'a [(NaiveDate, State)],
}

/// What was paid between the letter and the deadline, and the verdict on `as_of`.
pub fn assess(a: &Answer<'_>, as_of: NaiveDate) -> (Satang, Verdict) {
    let paid: Satang = a
        .payments
        .iter()
        .filter(|(d, _)| *d >= a.issued_on && *d <= a.deadline && *d <= as_of)
        .map(|(_, m)| *m)
        .sum();
    if paid >= a.asked {
        return (paid, Verdict::Paid);
    }
    let in_time = |made: &NaiveDate| *made >= a.issued_on && *made <= a.deadline;
    if a.promises.iter().any(|(made, s)| in_time(made) && *s == State::Kept) {
        return (paid, Verdict::KeptPromise);
    }
    let running = a.promises.iter().any(|(made, s)| in_time(made) && *s == State::Open);
    if as_of <= a.deadline || running {
        return (paid, Verdict::Waiting);
    }
    (paid, Verdict::NotComplied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn answer<'a>(pays: &'a [(NaiveDate, Satang)], proms: &'a [(NaiveDate, State)]) -> Answer<'a> {
        // Letter of 1 Dec asking 2,000.00 by 15 Dec.
        Answer {
            asked: Satang(200_000),
            issued_on: d(12, 1),
            deadline: d(12, 15),
            payments: pays,
            promises: proms,
        }
    }

    #[rstest::rstest]
    #[case::paid_in_full(&[(d(12, 10), Satang(200_000))], &[], d(12, 20), Verdict::Paid)]
    #[case::paid_in_two(&[(d(12, 3), Satang(50_000)), (d(12, 15), Satang(150_000))], &[], d(12, 20), Verdict::Paid)]
    #[case::paid_after_deadline(&[(d(12, 16), Satang(200_000))], &[], d(12, 20), Verdict::NotComplied)]
    #[case::paid_before_letter(&[(d(11, 30), Satang(200_000))], &[], d(12, 20), Verdict::NotComplied)]
    #[case::short(&[(d(12, 10), Satang(100_000))], &[], d(12, 20), Verdict::NotComplied)]
    #[case::kept_promise(&[], &[(d(12, 5), State::Kept)], d(12, 20), Verdict::KeptPromise)]
    #[case::broken_promise(&[], &[(d(12, 5), State::Broken)], d(12, 20), Verdict::NotComplied)]
    #[case::promise_running(&[], &[(d(12, 14), State::Open)], d(12, 20), Verdict::Waiting)]
    #[case::before_deadline(&[], &[], d(12, 10), Verdict::Waiting)]
    fn verdicts(
        #[case] pays: &[(NaiveDate, Satang)],
        #[case] proms: &[(NaiveDate, State)],
        #[case] as_of: NaiveDate,
        #[case] verdict: Verdict,
    ) {
        assert_eq!(assess(&answer(pays, proms), as_of).1, verdict);
    }
}
