//! Aging and PAR as of past days, reproduced from the ledger: a hand-built book whose figures are
//! worked out below, and the demo institute checked loan by loan against the statement engine
//! replayed with only the payments made by each day.

use crate::support;

use chrono::NaiveDate;
use rust_decimal_macros::dec;

use plodnee::demo::{self, Options};
use plodnee::domain::Satang;
use plodnee::domain::arrears;
use plodnee::domain::loan::Channel;
use plodnee::domain::report::GroupBy;
use plodnee::domain::statement::{self, PaymentIn};
use plodnee::store::assignments::{self, Assignee};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::report::{aging, positions};
use plodnee::store::{Store, loans, settings};
use support::{fixture, loan_paid_short, today, ymd};

fn pay(f: &support::Fixture, loan_id: i64, on: NaiveDate, baht: i64) {
    f.store
        .write(|tx| {
            ledger::record(
                tx,
                &f.committee.actor(),
                &NewPayment {
                    loan_id,
                    paid_on: on,
                    amount: Satang::from_baht(baht),
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                },
                today(),
            )
        })
        .unwrap();
}

/// Loan A (the fixture's): 12,000 at 6%, equal principal, 12 monthly installments of 1,000
/// principal from 15 Feb 2025; installment 1 paid on 15 Feb, then nothing until 1,000 on
/// 1 Aug 2025. Loan B (the wife's, same household, หมู่ 3): 1,200 at 0%, 100 a month from
/// 10 Feb 2025; installments 1–3 paid on their due dates, then 200 on 15 Jul 2025.
/// The household is assigned to the officer from 1 Apr 2025.
fn book() -> (support::Fixture, i64) {
    let f = fixture();
    let b = loan_paid_short(&f, ymd(2025, 1, 10), 3, 0, 0);
    pay(&f, b, ymd(2025, 7, 15), 200);
    pay(&f, f.loan_id, ymd(2025, 8, 1), 1_000);
    f.store
        .write(|tx| {
            assignments::assign(
                tx,
                &f.committee.actor(),
                &[f.household_id],
                Assignee::Officer(f.officer.id),
                ymd(2025, 4, 1),
            )
        })
        .unwrap();
    (f, b)
}

#[test]
fn the_end_of_june_is_reproduced_though_both_loans_were_paid_after_it() {
    let (f, b) = book();
    // 30 Jun 2025: A owes 11,000, oldest unpaid due 15 Mar: 107 days (91–180). B owes 900
    // (the 15 Jul payment came later), oldest unpaid 10 May: 51 days (31–60). Total 11,900;
    // past 30 days 11,900 (100.00%); past 90 days 11,000: 11,000 / 11,900 = 92.436…% → 92.44%.
    let a = f.store.with(|c| aging::compute(c, ymd(2025, 6, 30), GroupBy::Village)).unwrap();
    assert_eq!(a.total.loans, 2);
    assert_eq!(a.total.outstanding, Satang::from_baht(11_900));
    assert_eq!(a.total.buckets[4].outstanding, Satang::from_baht(11_000), "91–180");
    assert_eq!(a.total.buckets[2].outstanding, Satang::from_baht(900), "31–60");
    assert_eq!(a.total.par30_percent(), Some(dec!(100.00)));
    assert_eq!(a.total.par90_percent(), Some(dec!(92.44)));
    assert_eq!(a.lines.len(), 1);
    assert_eq!(a.lines[0].label, "หมู่ 3");
    let ps = f.store.with(|c| positions::on_day(c, ymd(2025, 6, 30), GroupBy::Fund)).unwrap();
    let of = |id| ps.iter().find(|p| p.loan_id == id).unwrap();
    assert_eq!(of(f.loan_id).days_past_due, 107);
    assert_eq!(of(b).days_past_due, 51);
    // B's overdue on 30 Jun: the May and Jun installments, 100 each (Jun's due 10 Jun).
    assert_eq!(of(b).overdue, Satang::from_baht(200));
}

#[test]
fn the_end_of_march_counts_no_loan_past_30_days_and_no_officer_yet() {
    let (f, _) = book();
    // 31 Mar 2025: A owes 11,000, 16 days past 15 Mar (1–30); B owes 1,000, current (next due
    // 10 Apr). PAR30 0.00%. The assignment starts 1 Apr, so nobody was responsible yet.
    let a = f.store.with(|c| aging::compute(c, ymd(2025, 3, 31), GroupBy::Officer)).unwrap();
    assert_eq!(a.total.outstanding, Satang::from_baht(12_000));
    assert_eq!(a.total.buckets[1].outstanding, Satang::from_baht(11_000));
    assert_eq!(a.total.buckets[0].outstanding, Satang::from_baht(1_000));
    assert_eq!(a.total.par30_percent(), Some(dec!(0.00)));
    assert_eq!(a.lines[0].label, "ยังไม่มอบหมายผู้รับผิดชอบ");
    let later = f.store.with(|c| aging::compute(c, ymd(2025, 6, 30), GroupBy::Officer)).unwrap();
    assert_eq!(later.lines[0].label, f.officer.full_name);
}

#[test]
fn the_trend_gives_each_month_end_its_own_figures() {
    let (f, _) = book();
    // 30 Apr: A 46 days (11,000 past 30), B current (900). 31 May: A 77 days, B 21 days.
    // 30 Jun as above. Before the loans started (31 Dec 2024) nothing was owed.
    let t = f.store.with(|c| aging::trend(c, ymd(2025, 6, 30), 7)).unwrap();
    let at = |d: NaiveDate| t.iter().find(|p| p.as_of == d).unwrap();
    assert_eq!(at(ymd(2024, 12, 31)).outstanding, Satang::ZERO);
    assert_eq!(at(ymd(2025, 4, 30)).outstanding, Satang::from_baht(11_900));
    assert_eq!(at(ymd(2025, 4, 30)).par30, Satang::from_baht(11_000));
    assert_eq!(at(ymd(2025, 5, 31)).par30, Satang::from_baht(11_000));
    assert_eq!(at(ymd(2025, 5, 31)).par90, Satang::ZERO);
    assert_eq!(at(ymd(2025, 6, 30)).par30, Satang::from_baht(11_900));
    assert_eq!(at(ymd(2025, 6, 30)).par90, Satang::from_baht(11_000));
}

/// Every loan of the demo institute on several past days: the report's position equals the
/// statement engine replayed with only the payments made by that day.
#[test]
fn every_demo_loan_agrees_with_its_statement_replayed_to_the_day() {
    let store = Store::memory().unwrap();
    let now = ymd(2025, 11, 21);
    store.with(|c| demo::generate(c, &Options { households: 150, seed: 11, today: now })).unwrap();
    let tolerance = store.with(|c| settings::tolerance(c)).unwrap();
    for day in [ymd(2024, 12, 31), ymd(2025, 5, 31), ymd(2025, 9, 30), now] {
        let ps = store.with(|c| positions::on_day(c, day, GroupBy::Village)).unwrap();
        assert!(ps.len() > 100, "{day}: {} loans", ps.len());
        store
            .with(|c| {
                for p in &ps {
                    let loan = loans::get(c, p.loan_id)?;
                    let payments: Vec<PaymentIn> = ledger::payments(c, p.loan_id)?
                        .into_iter()
                        .filter(|x| x.reversal.is_none() && x.paid_on <= day)
                        .map(|x| PaymentIn { date: x.paid_on, amount: x.amount })
                        .collect();
                    let st = statement::compute(
                        &loans::schedule(c, p.loan_id)?,
                        &loan.basis(),
                        &payments,
                        &[],
                        day,
                    )
                    .unwrap();
                    let arrears = arrears::assess(&st, tolerance);
                    assert_eq!(
                        p.outstanding, st.outstanding_principal,
                        "{} on {day}",
                        loan.contract_no
                    );
                    assert_eq!(
                        p.days_past_due, arrears.days_past_due,
                        "{} on {day}",
                        loan.contract_no
                    );
                }
                Ok(())
            })
            .unwrap();
    }
}
