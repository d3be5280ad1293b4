//! Plan tracking: milestones kept and missed, at risk, broken, and the four stages.

use chrono::{Days, Months, NaiveDate};

use super::*;
use crate::domain::statement::Status;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Twelve monthly installments from 21 Dec 2025; `late[k]` is Some(days late) when paid.
fn states(late: &[Option<u64>]) -> Vec<InstallmentState> {
    (0..12)
        .map(|k| {
            let due = ymd(2025, 11, 21).checked_add_months(Months::new(k as u32 + 1)).unwrap();
            let paid_on = late.get(k).copied().flatten().map(|d| due + Days::new(d));
            InstallmentState {
                no: k as u32 + 1,
                due_date: due,
                principal: Satang::from_baht(1_000),
                interest: Satang::from_baht(50),
                principal_paid: if paid_on.is_some() {
                    Satang::from_baht(1_000)
                } else {
                    Satang::ZERO
                },
                interest_paid: if paid_on.is_some() { Satang::from_baht(50) } else { Satang::ZERO },
                default_interest: Satang::ZERO,
                default_interest_paid: Satang::ZERO,
                paid_on,
                status: if paid_on.is_some() { Status::Paid } else { Status::Future },
            }
        })
        .collect()
}

fn rule() -> Option<ReleaseRule> {
    Some(ReleaseRule {
        amount: Satang::from_baht(500),
        every: 6,
        max_days_late: 7,
        break_after_missed: 3,
    })
}

#[test]
fn nothing_paid_yet_is_the_hold_stage() {
    let p = evaluate(rule(), &states(&[]), ymd(2025, 12, 1));
    assert_eq!((p.stage, p.health), (Stage::Hold, Health::OnTrack));
    assert_eq!(p.milestones.len(), 2);
    assert_eq!(p.released, Satang::ZERO);
}

#[test]
fn paying_on_time_moves_to_reduce_then_release() {
    let on_time: Vec<Option<u64>> = vec![Some(0); 6];
    let p = evaluate(rule(), &states(&on_time[..3]), ymd(2026, 3, 1));
    assert_eq!(p.stage, Stage::Reduce);
    let p = evaluate(rule(), &states(&on_time), ymd(2026, 6, 1));
    assert_eq!(p.stage, Stage::Release);
    assert_eq!(p.released, Satang::from_baht(250));
    assert_eq!(p.milestones[0].earned_on, Some(ymd(2026, 5, 21)));
}

#[test]
fn a_block_with_one_installment_too_late_earns_nothing() {
    let mut late = vec![Some(0); 12];
    late[8] = Some(10);
    let p = evaluate(rule(), &states(&late), ymd(2027, 1, 1));
    assert!(p.milestones[0].earned_on.is_some());
    assert_eq!(p.milestones[1].earned_on, None);
    assert_eq!(p.released, Satang::from_baht(250));
    assert_eq!(p.stage, Stage::Free, "paid off all the same");
}

#[test]
fn one_late_installment_puts_the_plan_at_risk() {
    let p = evaluate(rule(), &states(&[Some(0), Some(0)]), ymd(2026, 2, 25));
    assert_eq!(p.health, Health::AtRisk);
    assert_eq!(p.overdue_installments, 1);
}

#[test]
fn three_missed_installments_break_the_plan_and_cancel_the_release() {
    let p = evaluate(rule(), &states(&[Some(0), Some(0)]), ymd(2026, 5, 1));
    assert_eq!(p.health, Health::Broken);
    // Installments 3, 4, 5 fall due 21 Feb, 21 Mar, 21 Apr: the third is overdue on 22 Apr.
    assert_eq!(p.broken_on, Some(ymd(2026, 4, 22)));
    assert_eq!(p.cancelled, Satang::from_baht(500));
    assert_eq!(p.released, Satang::ZERO);
}

#[test]
fn a_plan_broken_then_caught_up_releases_nothing_more() {
    // Installments 7–9 paid 40 days after the 9th fell due: broken on 22 Aug 2026.
    let mut late: Vec<Option<u64>> = vec![Some(0); 12];
    late[6] = Some(100);
    late[7] = Some(70);
    late[8] = Some(40);
    let p = evaluate(rule(), &states(&late), ymd(2027, 1, 1));
    assert!(p.milestones[0].earned_on.is_some());
    assert_eq!(p.released, Satang::from_baht(250));
    assert_eq!(p.cancelled, Satang::from_baht(250));
    assert_eq!(p.stage, Stage::Free);
}
