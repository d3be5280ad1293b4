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
    let p = evaluate(rule(), &states(&[]), ymd(2025, 12, 1), Tolerance::default());
    assert_eq!((p.stage, p.health), (Stage::Hold, Health::OnTrack));
    assert_eq!(p.milestones.len(), 2);
    assert_eq!(p.released, Satang::ZERO);
}

#[test]
fn paying_on_time_moves_to_reduce_then_release() {
    let on_time: Vec<Option<u64>> = vec![Some(0); 6];
    let p = evaluate(rule(), &states(&on_time[..3]), ymd(2026, 3, 1), Tolerance::default());
    assert_eq!(p.stage, Stage::Reduce);
    let p = evaluate(rule(), &states(&on_time), ymd(2026, 6, 1), Tolerance::default());
    assert_eq!(p.stage, Stage::Release);
    assert_eq!(p.released, Satang::from_baht(250));
    assert_eq!(p.milestones[0].earned_on, Some(ymd(2026, 5, 21)));
}

#[test]
fn a_block_with_one_installment_too_late_earns_nothing() {
    let mut late = vec![Some(0); 12];
    late[8] = Some(10);
    let p = evaluate(rule(), &states(&late), ymd(2027, 1, 1), Tolerance::default());
    assert!(p.milestones[0].earned_on.is_some());
    assert_eq!(p.milestones[1].earned_on, None);
    assert_eq!(p.released, Satang::from_baht(250));
    assert_eq!(p.stage, Stage::Free, "paid off all the same");
}

#[test]
fn one_late_installment_puts_the_plan_at_risk() {
    let p = evaluate(rule(), &states(&[Some(0), Some(0)]), ymd(2026, 2, 25), Tolerance::default());
    assert_eq!(p.health, Health::AtRisk);
    assert_eq!(p.overdue_installments, 1);
}

#[test]
fn three_missed_installments_break_the_plan_and_cancel_the_release() {
    let p = evaluate(rule(), &states(&[Some(0), Some(0)]), ymd(2026, 5, 1), Tolerance::default());
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
    let p = evaluate(rule(), &states(&late), ymd(2027, 1, 1), Tolerance::default());
    assert!(p.milestones[0].earned_on.is_some());
    assert_eq!(p.released, Satang::from_baht(250));
    assert_eq!(p.cancelled, Satang::from_baht(250));
    assert_eq!(p.stage, Stage::Free);
}

/// The first two installments paid on time, the third paid on its due date but `short` satang
/// short (so it stays unsettled), nothing after: as of 25 Feb 2026 installment 3 (due 21 Feb)
/// is the only one overdue, holding `short` satang.
fn third_short(short: i64) -> Vec<InstallmentState> {
    let mut s = states(&[Some(0), Some(0)]);
    s[2].principal_paid = s[2].principal - Satang(short);
    s[2].interest_paid = s[2].interest;
    s
}

// Issue 11 §3: 0.52 baht overdue is below the one-baht tolerance, so the plan is on track;
// 1.01 baht is arrears and puts it at risk.
#[test]
fn a_plan_is_at_risk_only_when_what_is_overdue_reaches_the_tolerance() {
    let p = evaluate(rule(), &third_short(52), ymd(2026, 2, 25), Tolerance::default());
    assert_eq!((p.health, p.overdue_installments), (Health::OnTrack, 0));
    let p = evaluate(rule(), &third_short(101), ymd(2026, 2, 25), Tolerance::default());
    assert_eq!((p.health, p.overdue_installments), (Health::AtRisk, 1));
}

// A satang residue left on installment 3 does not count as a missed installment for ever: with
// installments 4 and 5 paid on time, the plan is not broken by 1 May 2026 (it would be if the
// 0.52 counted, with 4 and 5 unpaid it is).
#[test]
fn a_residue_below_the_tolerance_never_breaks_a_plan() {
    let mut s = third_short(52);
    for k in [3, 4] {
        s[k].principal_paid = s[k].principal;
        s[k].interest_paid = s[k].interest;
        s[k].paid_on = Some(s[k].due_date);
    }
    let p = evaluate(rule(), &s, ymd(2026, 5, 1), Tolerance::default());
    assert_eq!((p.health, p.broken_on), (Health::OnTrack, None));
    let p = evaluate(rule(), &third_short(52), ymd(2026, 5, 1), Tolerance::default());
    assert_eq!(p.health, Health::Broken);
}
