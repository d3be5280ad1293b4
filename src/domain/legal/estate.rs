//! Claims against a deceased debtor's estate (ป.พ.พ. มาตรา 1754 ว.3): the creditor must sue within
//! one year of learning of the death, and never later than ten years after the death.

use chrono::NaiveDate;

use super::deadline::{Deadline, DeadlineKind};
use super::{add_years, months_before};

/// The last day to claim against the heirs or the estate administrator, warned three months
/// ahead. Worked example: died 10 Mar 2026, the fund learned on 2 Apr 2026: last day 2 Apr 2027
/// (the ten years end 10 Mar 2036, later). Died 1 Jan 2016, learned 5 Jun 2025: the ten years
/// end first, on 1 Jan 2026.
pub fn claim_deadline(died_on: NaiveDate, learned_on: NaiveDate) -> Deadline {
    // The first day is not counted (s.193/3): a year from the day ends on its anniversary.
    let one_year = add_years(learned_on, 1);
    let ten_years = add_years(died_on, 10);
    let due = one_year.min(ten_years);
    Deadline { kind: DeadlineKind::Estate, due, warn_from: months_before(due, 3) }
}

#[cfg(test)]
mod tests {
    use super::super::ymd;
    use super::*;

    #[test]
    fn the_heirs_are_claimed_within_a_year_of_learning_and_ten_of_the_death() {
        let d = claim_deadline(ymd(2026, 3, 10), ymd(2026, 4, 2));
        assert_eq!(d.due, ymd(2027, 4, 2));
        assert_eq!(d.warn_from, ymd(2027, 1, 2));
        assert_eq!(claim_deadline(ymd(2016, 1, 1), ymd(2025, 6, 5)).due, ymd(2026, 1, 1));
    }
}
