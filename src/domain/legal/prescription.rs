//! Prescription (อายุความ) of a loan's unpaid parts: 5 years for each installment of principal
//! and for overdue interest (ป.พ.พ. มาตรา 193/33 (1), (2)), 10 years otherwise (มาตรา 193/30),
//! which is the whole principal a termination made due at once. Each part runs on its own from
//! the day after it fell due (มาตรา 193/12); an acknowledgment or a part payment (มาตรา 193/14 (1))
//! starts every running period anew (มาตรา 193/15), filing the suit (มาตรา 193/14 (2)) stops it,
//! and after judgment the enforcement period of ป.วิ.พ. มาตรา 274 takes over (`enforcement`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadline::{Deadline, DeadlineKind};
use super::{add_years, months_before};

/// Years for an installment or overdue interest (s.193/33).
pub const INSTALLMENT_YEARS: u32 = 5;
/// Years for any other claim (s.193/30): the principal accelerated by a termination.
pub const GENERAL_YEARS: u32 = 10;
/// The warning before a part prescribes (issue 13: six months).
pub const WARN_MONTHS: u32 = 6;
/// Years to enforce a judgment (CPC s.274).
pub const ENFORCEMENT_YEARS: u32 = 10;

/// One unpaid part of a loan: the day it fell due, and whether it is an installment (5 years) or
/// principal made due by a termination (10 years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnpaidPart {
    pub installment: u32,
    pub due: NaiveDate,
    pub accelerated: bool,
}

impl UnpaidPart {
    fn years(&self) -> u32 {
        if self.accelerated { GENERAL_YEARS } else { INSTALLMENT_YEARS }
    }
}

/// What interrupts prescription (s.193/14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Interruption {
    /// The debtor signed an acknowledgment (หนังสือรับสภาพหนี้) on this day.
    Acknowledged(NaiveDate),
    /// The debtor paid part of the debt on this day.
    PartPayment(NaiveDate),
    /// The suit was filed on this day: prescription stops while the case runs.
    SuitFiled(NaiveDate),
}

impl Interruption {
    pub fn date(self) -> NaiveDate {
        match self {
            Interruption::Acknowledged(d)
            | Interruption::PartPayment(d)
            | Interruption::SuitFiled(d) => d,
        }
    }
}

/// The last day to file suit on one part, or None when a suit was filed in time.
/// Worked example (s.193/33, s.193/15): an installment due 31 Jan 2021 is counted from 1 Feb 2021
/// and its last day is 31 Jan 2026; a part payment on 15 Mar 2024 moves that to 15 Mar 2029; an
/// acknowledgment signed on 1 Dec 2025 to 1 Dec 2030.
pub fn last_day(part: UnpaidPart, interruptions: &[Interruption]) -> Option<NaiveDate> {
    let years = part.years();
    let mut last = add_years(part.due, years);
    let mut ordered: Vec<Interruption> = interruptions.to_vec();
    ordered.sort_by_key(|i| i.date());
    for i in ordered {
        // Before the part could be claimed nothing was running; once prescribed, a later
        // payment does not revive the period (s.193/28 ว.2 leaves that to the debtor's plea).
        if i.date() <= part.due {
            continue;
        }
        if i.date() > last {
            break;
        }
        match i {
            Interruption::SuitFiled(_) => return None,
            Interruption::Acknowledged(d) | Interruption::PartPayment(d) => {
                last = add_years(d, years);
            }
        }
    }
    Some(last)
}

/// The earliest day any unpaid part prescribes, with the installment it is, and its warning
/// (six months before). None when nothing is unpaid or a suit stopped every period.
pub fn earliest(parts: &[UnpaidPart], interruptions: &[Interruption]) -> Option<(Deadline, u32)> {
    parts.iter().filter_map(|p| last_day(*p, interruptions).map(|d| (d, p.installment))).min().map(
        |(due, no)| {
            (
                Deadline {
                    kind: DeadlineKind::Prescription,
                    due,
                    warn_from: months_before(due, WARN_MONTHS),
                },
                no,
            )
        },
    )
}

/// The last day to enforce a judgment given on `judgment_on` (CPC s.274), warned a year ahead.
pub fn enforcement(judgment_on: NaiveDate) -> Deadline {
    let due = add_years(judgment_on, ENFORCEMENT_YEARS);
    Deadline { kind: DeadlineKind::Enforcement, due, warn_from: months_before(due, 12) }
}

#[cfg(test)]
mod tests {
    use super::super::ymd;
    use super::*;
    use Interruption::*;

    fn installment(no: u32, due: NaiveDate) -> UnpaidPart {
        UnpaidPart { installment: no, due, accelerated: false }
    }

    #[test]
    fn an_installment_prescribes_five_years_after_it_fell_due() {
        // s.193/33 (2), s.193/12, counting of s.193/3 and s.193/5.
        assert_eq!(last_day(installment(1, ymd(2021, 1, 31)), &[]), Some(ymd(2026, 1, 31)));
        assert_eq!(last_day(installment(2, ymd(2023, 2, 28)), &[]), Some(ymd(2028, 2, 28)));
        // Due on a leap day: the last day is the last of February.
        assert_eq!(last_day(installment(3, ymd(2024, 2, 29)), &[]), Some(ymd(2029, 2, 28)));
    }

    #[test]
    fn accelerated_principal_prescribes_after_ten_years() {
        // s.193/30: the whole principal made due by a termination on 15 May 2026.
        let p = UnpaidPart { installment: 5, due: ymd(2026, 5, 15), accelerated: true };
        assert_eq!(last_day(p, &[]), Some(ymd(2036, 5, 15)));
    }

    #[test]
    fn a_part_payment_and_an_acknowledgment_each_start_the_period_anew() {
        // s.193/14 (1), s.193/15: the worked example in `last_day`.
        let p = installment(1, ymd(2021, 1, 31));
        assert_eq!(last_day(p, &[PartPayment(ymd(2024, 3, 15))]), Some(ymd(2029, 3, 15)));
        assert_eq!(
            last_day(p, &[Acknowledged(ymd(2025, 12, 1)), PartPayment(ymd(2024, 3, 15))]),
            Some(ymd(2030, 12, 1))
        );
    }

    #[test]
    fn what_happened_before_the_part_fell_due_or_after_it_prescribed_changes_nothing() {
        let p = installment(1, ymd(2021, 1, 31));
        assert_eq!(last_day(p, &[PartPayment(ymd(2021, 1, 31))]), Some(ymd(2026, 1, 31)));
        assert_eq!(last_day(p, &[Acknowledged(ymd(2026, 2, 1))]), Some(ymd(2026, 1, 31)));
        // On the last day itself it still interrupts.
        assert_eq!(last_day(p, &[Acknowledged(ymd(2026, 1, 31))]), Some(ymd(2031, 1, 31)));
    }

    #[test]
    fn a_suit_filed_in_time_stops_prescription() {
        // s.193/14 (2).
        let p = installment(1, ymd(2021, 1, 31));
        assert_eq!(last_day(p, &[SuitFiled(ymd(2025, 6, 1))]), None);
        assert_eq!(last_day(p, &[SuitFiled(ymd(2026, 2, 1))]), Some(ymd(2026, 1, 31)));
    }

    #[test]
    fn the_earliest_part_of_a_loan_decides_and_is_warned_six_months_ahead() {
        let parts = [
            installment(3, ymd(2021, 3, 31)),
            installment(2, ymd(2021, 2, 28)),
            UnpaidPart { installment: 4, due: ymd(2021, 4, 15), accelerated: true },
        ];
        let (d, no) = earliest(&parts, &[]).unwrap();
        assert_eq!((d.due, no), (ymd(2026, 2, 28), 2));
        assert_eq!(d.warn_from, ymd(2025, 8, 28));
        // A payment on 1 Jun 2021 restarts every part then due: 5 years for the installments,
        // 10 for the accelerated principal.
        let (d, _) = earliest(&parts, &[PartPayment(ymd(2021, 6, 1))]).unwrap();
        assert_eq!(d.due, ymd(2026, 6, 1));
        assert_eq!(earliest(&[], &[]), None);
    }

    #[test]
    fn a_judgment_is_enforced_within_ten_years() {
        // CPC s.274: judgment on 20 Aug 2026, last day 20 Aug 2036, warned from 20 Aug 2035.
        let d = enforcement(ymd(2026, 8, 20));
        assert_eq!(d.due, ymd(2036, 8, 20));
        assert_eq!(d.warn_from, ymd(2035, 8, 20));
    }
}
