//! The reports of issue 14 §1 beyond aging, on a hand-built book whose figures are worked out
//! here by hand: due against collected by month, the debtors by หมู่, letters issued and the
//! annual report (which must agree with the fund statement of the same period).
//!
//! The book (as `report_aging`): loan A, 12,000 at 6% equal principal, twelve monthly
//! installments from 15 Feb 2025 of 1,000 principal and interest on the balance at 0.5% a month
//! (60, 55, 50, 45, 40, 35, 30 …); installment 1 paid (1,060) on 15 Feb, then 1,000 on 1 Aug.
//! Loan B (the wife's), 1,200 at 0%, 100 a month from 10 Feb 2025; installments 1–3 paid on their
//! due dates, then 200 on 15 Jul.

use crate::support;

use chrono::NaiveDate;

use plodnee::domain::Satang;
use plodnee::domain::letter::Kind;
use plodnee::domain::loan::Channel;
use plodnee::domain::report::kind::ReportKind;
use plodnee::domain::report::table::Cell;
use plodnee::store::fund_statement;
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::letters::{self, NewLetter, PdfFile, PdfScope};
use plodnee::store::report::{self as reports, Request, annual, collection, debtors};
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

fn book() -> (support::Fixture, i64) {
    let f = fixture();
    let b = loan_paid_short(&f, ymd(2025, 1, 10), 3, 0, 0);
    pay(&f, b, ymd(2025, 7, 15), 200);
    pay(&f, f.loan_id, ymd(2025, 8, 1), 1_000);
    (f, b)
}

fn baht(n: i64) -> Satang {
    Satang::from_baht(n)
}

#[test]
fn due_and_collected_by_month_count_each_installment_and_each_live_payment_once() {
    let (f, _) = book();
    let lines = f.store.with(|c| collection::compute(c, ymd(2025, 8, 31))).unwrap();
    let month = |m: u32| lines.iter().find(|l| l.month.first == ymd(2025, m, 1)).unwrap();
    // Nothing was due or paid before February; then A's installment + B's 100 each month.
    assert_eq!(lines.len(), 7, "February to August");
    assert_eq!((month(2).due, month(2).collected), (baht(1_160), baht(1_160)));
    assert_eq!((month(3).due, month(3).collected), (baht(1_155), baht(100)));
    assert_eq!((month(5).due, month(5).collected), (baht(1_145), Satang::ZERO));
    assert_eq!((month(7).due, month(7).collected), (baht(1_135), baht(200)));
    assert_eq!((month(8).due, month(8).collected), (baht(1_130), baht(1_000)));
    // 1,160 + 1,155 + 1,150 + 1,145 + 1,140 + 1,135 + 1,130 = 8,015 due; 2,560 received.
    let t = plodnee::domain::report::collection::table(&lines, ymd(2025, 8, 31));
    let total = t.total.unwrap();
    assert_eq!(
        (total[2].clone(), total[3].clone()),
        (Cell::Money(baht(8_015)), Cell::Money(baht(2_560)))
    );
    // 2,560 / 8,015 = 31.940…% → 31.94%.
    assert_eq!(total[4].text(), "31.94%");
}

#[test]
fn due_and_collected_as_of_a_past_day_leave_out_what_came_after_it() {
    let (f, _) = book();
    // As of 30 Jun: B's 15 Jul and A's 1 Aug payments had not happened, nor the July dues.
    let lines = f.store.with(|c| collection::compute(c, ymd(2025, 6, 30))).unwrap();
    let due: Satang = lines.iter().map(|l| l.due).sum();
    let got: Satang = lines.iter().map(|l| l.collected).sum();
    assert_eq!(due, baht(1_160 + 1_155 + 1_150 + 1_145 + 1_140));
    assert_eq!(got, baht(1_160 + 100 + 100));
    assert_eq!(lines.first().unwrap().month.first, ymd(2025, 2, 1));
}

#[test]
fn the_debtors_list_masks_ids_and_gives_each_contract_as_it_stood_that_day() {
    let (f, _) = book();
    let list = f.store.with(|c| debtors::compute(c, ymd(2025, 6, 30))).unwrap();
    let t = plodnee::domain::report::debtors::table(&list, ymd(2025, 6, 30));
    assert_eq!(t.rows.len(), 2);
    // นาง sorts before นาย (ง before ย). B owes 900, 200 overdue (May and June), 51 days past
    // 10 May; A owes 11,000, installments 2–5 unpaid: 1,055 + 1,050 + 1,045 + 1,040 = 4,190,
    // 107 days past 15 Mar.
    let b = &t.rows[0];
    assert_eq!(b[1].text(), "นางสมหญิง ใจดี");
    assert_eq!(b[0], Cell::Count(3));
    assert_eq!(b[2].text(), "X-XXXX-XXXX3-45-0");
    assert_eq!(
        (b[5].clone(), b[6].clone(), b[7].clone()),
        (Cell::Money(baht(900)), Cell::Money(baht(200)), Cell::Count(51))
    );
    let a = &t.rows[1];
    assert_eq!(a[1].text(), "นายสมชาย ใจดี");
    assert_eq!(a[2].text(), "X-XXXX-XXXX0-12-1");
    assert_eq!(
        (a[5].clone(), a[6].clone(), a[7].clone()),
        (Cell::Money(baht(11_000)), Cell::Money(baht(4_190)), Cell::Count(107))
    );
    // Each payment regrades its member (issue 12): the grade shown is the member's own.
    let grade: String = f
        .store
        .with(|c| {
            Ok(c.query_row("SELECT grade FROM person WHERE id = ?1", [f.borrower_id], |r| {
                r.get(0)
            })?)
        })
        .unwrap();
    assert_eq!(a[8].text(), grade);
    assert!(t.text_rows().concat().iter().all(|c| !c.contains("1234567890")), "no whole id");
}

fn issue(f: &support::Fixture, kind: Kind, on: NaiveDate, baht: i64) {
    f.store
        .write(|tx| {
            let number = letters::next_number(tx, on)?;
            letters::register(
                tx,
                &f.officer.actor(),
                &number,
                &NewLetter {
                    kind,
                    loan_id: Some(f.loan_id),
                    person_id: Some(f.borrower_id),
                    recipient_name: "นายสมชาย ใจดี",
                    recipient_address: "",
                    issued_on: on,
                    amounts: &[],
                    total: Satang::from_baht(baht),
                    content: &(),
                },
                &PdfFile { sha256: "00", scope: PdfScope::Letter, pages: String::new() },
            )
        })
        .unwrap();
}

#[test]
fn letters_issued_are_counted_by_month_and_kind_within_the_period() {
    let (f, _) = book();
    issue(&f, Kind::Reminder, ymd(2025, 3, 22), 1_055);
    issue(&f, Kind::Demand, ymd(2025, 4, 15), 2_105);
    issue(&f, Kind::Demand, ymd(2025, 4, 30), 2_105);
    issue(&f, Kind::Reminder, ymd(2025, 7, 1), 100);
    let r =
        Request { from: ymd(2025, 3, 1), ..Request::new(ReportKind::Letters, ymd(2025, 4, 30)) };
    let t = f.store.with(|c| reports::tables(c, &r)).unwrap().remove(0);
    assert_eq!(t.rows.len(), 2, "March reminder, April demands; July is after the period");
    assert_eq!(t.rows[1][1].text(), Kind::Demand.to_string());
    assert_eq!(t.rows[1][2], Cell::Count(2));
    assert_eq!(t.rows[1][3], Cell::Money(baht(4_210)));
    assert_eq!(t.total.as_ref().unwrap()[2], Cell::Count(3));
}

#[test]
fn the_annual_report_has_the_figures_worked_by_hand_and_agrees_with_the_fund_statement() {
    let (f, _) = book();
    let (from, to) = (ymd(2025, 1, 1), ymd(2025, 6, 30));
    let funds = f.store.with(|c| annual::compute(c, from, to)).unwrap();
    assert_eq!(funds.len(), 1);
    let a = &funds[0];
    // Made: A (12,000) and B (1,200). Repaid by 30 Jun: A's installment 1 (1,000 principal,
    // 60 interest, on its due date so no default interest) and B's 1–3 (300 principal, 0%).
    assert_eq!((a.loans_made, a.lent), (2, baht(13_200)));
    assert_eq!(a.repaid, baht(1_300));
    assert_eq!((a.interest, a.default_interest), (baht(60), Satang::ZERO));
    assert_eq!(a.closing_principal, baht(13_200 - 1_300));
    // Arrears on 30 Jun: A 4,190 and B 200; A is 107 days past due, so its 11,000 is past 90.
    assert_eq!(a.arrears_at_end, baht(4_390));
    assert_eq!(a.par90_at_end, baht(11_000));
    assert_eq!((a.consolidations, a.restructurings, a.written_off), (0, 0, Satang::ZERO));
    // The fund statement of the same period says the same.
    let fs = f.store.with(|c| fund_statement::compute(c, f.fund_id, from, to)).unwrap();
    assert_eq!(fs.lent, a.lent);
    assert_eq!(fs.received_direct.principal + fs.received_through_tranches.principal, a.repaid);
    assert_eq!(fs.closing_principal, a.closing_principal);
    assert_eq!(fs.opening_principal + fs.lent - fs.received_direct.principal, fs.closing_principal);
    // And the table's total column is the one fund's figures.
    let t = plodnee::domain::report::annual::table(&funds, from, to);
    assert_eq!(t.rows[1][2], Cell::Money(baht(13_200)), "ให้กู้ใหม่, total column");
}
