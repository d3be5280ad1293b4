//! Which backups to keep: the newest of each of the last N days, ISO weeks and months that have
//! one (7 daily, 5 weekly, 12 monthly by default), the way restic's `forget --keep-*` counts.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDateTime};

/// How many days, weeks and months keep a backup each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { daily: 7, weekly: 5, monthly: 12 }
    }
}

/// A calendar period's key (year, day/week/month number, which rule).
type Period = fn(&NaiveDateTime) -> (i32, u32, u32);

/// For each backup time (any order), whether to keep it. A backup kept by one rule is kept; the
/// newest backup is always kept, whatever the policy says, so rotation never leaves none.
pub fn keep(taken: &[NaiveDateTime], policy: Policy) -> Vec<bool> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|a, b| taken[*b].cmp(&taken[*a]));
    let mut keep = vec![false; taken.len()];
    if let Some(newest) = order.first() {
        keep[*newest] = true;
    }
    let rules: [(usize, Period); 3] = [
        (policy.daily, |t| (t.year(), t.ordinal(), 0)),
        (policy.weekly, |t| (t.iso_week().year(), t.iso_week().week(), 1)),
        (policy.monthly, |t| (t.year(), t.month(), 2)),
    ];
    for (limit, period) in rules {
        let mut seen = HashSet::new();
        for &i in &order {
            if seen.len() >= limit {
                break;
            }
            if seen.insert(period(&taken[i])) {
                keep[i] = true;
            }
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    fn kept(taken: &[NaiveDateTime], policy: Policy) -> Vec<NaiveDateTime> {
        let mut out: Vec<_> =
            taken.iter().zip(keep(taken, policy)).filter(|(_, k)| *k).map(|(t, _)| *t).collect();
        out.sort();
        out
    }

    #[test]
    fn several_backups_on_one_day_keep_only_the_newest_of_that_day() {
        let taken = [at(2025, 3, 10, 9), at(2025, 3, 10, 17), at(2025, 3, 10, 12)];
        let p = Policy { daily: 7, weekly: 0, monthly: 0 };
        assert_eq!(kept(&taken, p), vec![at(2025, 3, 10, 17)]);
    }

    #[test]
    fn forty_days_of_daily_backups_keep_seven_days_five_weeks_and_two_months() {
        // One backup at 18:00 on each day from Sat 1 Feb to Wed 12 Mar 2025 (40 days).
        let taken: Vec<_> = (0..40).map(|n| at(2025, 2, 1, 18) + chrono::Days::new(n)).collect();
        // Worked by hand:
        // daily 7: 6–12 Mar.
        // weekly 5, newest of each ISO week: W11 (10–16 Mar) → 12 Mar; W10 (3–9 Mar) → 9 Mar;
        //   W09 (24 Feb–2 Mar) → 2 Mar; W08 → 23 Feb; W07 → 16 Feb.
        // monthly 12, newest of each month: Mar → 12 Mar; Feb → 28 Feb (only two months exist).
        let expected = vec![
            at(2025, 2, 16, 18),
            at(2025, 2, 23, 18),
            at(2025, 2, 28, 18),
            at(2025, 3, 2, 18),
            at(2025, 3, 6, 18),
            at(2025, 3, 7, 18),
            at(2025, 3, 8, 18),
            at(2025, 3, 9, 18),
            at(2025, 3, 10, 18),
            at(2025, 3, 11, 18),
            at(2025, 3, 12, 18),
        ];
        assert_eq!(kept(&taken, Policy::default()), expected);
    }

    #[test]
    fn monthly_rule_reaches_back_a_year_over_gaps() {
        // The office was closed for a while: backups on the 15th of every month of 2024 and
        // on 2 Jan 2025. Monthly 12 keeps Jan 2025 and Feb–Dec 2024 (12 months); Jan 2024 goes.
        let mut taken: Vec<_> = (1..=12).map(|m| at(2024, m, 15, 10)).collect();
        taken.push(at(2025, 1, 2, 10));
        let p = Policy { daily: 0, weekly: 0, monthly: 12 };
        let k = kept(&taken, p);
        assert_eq!(k.len(), 12);
        assert!(!k.contains(&at(2024, 1, 15, 10)));
        assert!(k.contains(&at(2024, 2, 15, 10)));
        assert!(k.contains(&at(2025, 1, 2, 10)));
    }

    #[test]
    fn a_policy_of_zero_still_keeps_the_newest_backup() {
        let taken = [at(2025, 1, 1, 8), at(2025, 1, 5, 8)];
        let p = Policy { daily: 0, weekly: 0, monthly: 0 };
        assert_eq!(kept(&taken, p), vec![at(2025, 1, 5, 8)]);
        assert!(keep(&[], p).is_empty());
    }

    #[test]
    fn iso_weeks_cross_the_new_year() {
        // Mon 30 Dec 2024 and Sun 5 Jan 2025 are the same ISO week (2025-W01): one kept.
        let taken = [at(2024, 12, 30, 9), at(2025, 1, 5, 9), at(2024, 12, 29, 9)];
        let p = Policy { daily: 0, weekly: 2, monthly: 0 };
        assert_eq!(kept(&taken, p), vec![at(2024, 12, 29, 9), at(2025, 1, 5, 9)]);
    }
}
