//! Residue write-off (ตัดยอดเศษสตางค์, issue 11 §3) on a temporary database: a loan otherwise paid
//! with 0.49 left is proposed by an officer, approved by the treasurer (not by its proposer), and
//! closes with the write-off on record; the fund statement counts it in its written-off column
//! and its identity holds; a rejected proposal stays on record; loans with 1.00 or more left, or
//! nothing, are refused; a payment of a written-off loan cannot be reversed.

use crate::support;

use plodnee::domain::Satang;
use plodnee::domain::arrears::write_off::Residue;
use plodnee::domain::loan::LoanStatus;
use plodnee::store::approvals::{self, PendingKind};
use plodnee::store::{audit, check, fund_statement, funds, ledger, loans, rejections, write_offs};
use support::{fixture, overdue_by, residue_loan, today, ymd};

#[test]
fn a_residue_below_a_baht_qualifies_and_a_baht_or_more_does_not() {
    let f = fixture();
    let small = residue_loan(&f, 49);
    let at = residue_loan(&f, 100);
    let above = residue_loan(&f, 101);
    let qualifies =
        |id| f.store.with(|c| write_offs::qualifies(c, &loans::get(c, id)?, today())).unwrap();
    assert_eq!(qualifies(small), Some(Residue { principal: Satang(49), ..Residue::default() }));
    assert_eq!(qualifies(at), None);
    assert_eq!(qualifies(above), None);
    // An open loan with whole installments to come does not qualify either.
    assert_eq!(qualifies(overdue_by(&f, 52)), None);
    let officer = f.officer.actor();
    let err = f.store.write(|tx| write_offs::propose(tx, &officer, above, today())).unwrap_err();
    assert!(err.to_string().contains("1.01 บาท ไม่ต่ำกว่าเกณฑ์ยอดค้างขั้นต่ำ 1.00 บาท"), "{err}");
    let none: i64 = f
        .store
        .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM residue_write_off", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(none, 0, "nothing was written for the refused proposal");
}

#[test]
fn the_treasurer_approves_an_officers_proposal_and_the_loan_closes_with_the_books_agreeing() {
    let f = fixture();
    let id = residue_loan(&f, 49);
    let (officer, treasurer) = (f.officer.actor(), f.treasurer.actor());
    let wo = f.store.write(|tx| write_offs::propose(tx, &officer, id, today())).unwrap();
    // One proposal at a time: a second one is refused, and so is any other proposal on the loan.
    let again = f.store.write(|tx| write_offs::propose(tx, &officer, id, today())).unwrap_err();
    assert!(again.to_string().contains("มีรายการรออนุมัติอยู่แล้ว (ตัดยอดเศษสตางค์ เลขที่"), "{again}");
    // It waits on the approvals list with its number, member and amount.
    let pending = f.store.with(|c| approvals::pending(c)).unwrap();
    let row = pending.iter().find(|p| p.kind == PendingKind::WriteOff).expect("listed");
    assert_eq!(
        (row.number.as_str(), row.member.as_str(), row.amount),
        (format!("ตัดยอดเศษสตางค์ที่ {wo}").as_str(), "นางสมหญิง ใจดี", Satang(49))
    );
    // The officer may not approve, and the one who proposed never may.
    let officer_try = f.store.write(|tx| write_offs::approve(tx, &officer, wo, "", today()));
    assert!(officer_try.is_err());
    let other = residue_loan(&f, 30);
    let w2 = f.store.write(|tx| write_offs::propose(tx, &treasurer, other, today())).unwrap();
    let own = f.store.write(|tx| write_offs::approve(tx, &treasurer, w2, "", today()));
    assert!(own.unwrap_err().to_string().contains("ผู้จัดทำ"), "self-approval refused");
    assert_eq!(f.store.with(|c| write_offs::get(c, w2)).unwrap().status, "proposed");

    let before = fund_statement_now(&f);
    let cleared = f.store.write(|tx| write_offs::approve(tx, &treasurer, wo, "", today())).unwrap();
    assert_eq!(cleared.total(), Satang(49));
    let loan = f.store.with(|c| loans::get(c, id)).unwrap();
    assert_eq!(loan.status, LoanStatus::Closed);
    assert_eq!(
        (loan.outstanding, loan.next_unpaid_due, loan.closed_on),
        (Satang::ZERO, None, Some(today()))
    );
    // No payment was written or edited: the loan still has its twelve receipts, none reversed.
    let payments = f.store.with(|c| ledger::payments(c, id)).unwrap();
    assert_eq!(payments.len(), 12);
    assert!(payments.iter().all(|p| p.reversal.is_none()));
    // The audit log records it, and its chain still holds.
    let log = f.store.with(|c| audit::recent(c, 5)).unwrap();
    assert!(
        log.iter().any(|e| e.action == "approve_write_off" && e.detail.contains("0.49")),
        "{log:?}"
    );
    // The fund statement: the written-off column counts the 0.49 and the identity holds.
    let after = fund_statement_now(&f);
    assert_eq!(after.written_off, Satang(49));
    assert_eq!(before.closing_principal - Satang(49), after.closing_principal);
    let received = after.received_direct.principal + after.received_through_tranches.principal;
    assert_eq!(
        after.opening_principal + after.lent + after.moved_in
            - after.moved_out
            - received
            - after.written_off,
        after.closing_principal
    );
    let screen = f.store.with(|c| funds::summaries(c)).unwrap();
    assert_eq!(
        screen.iter().find(|s| s.fund.id == f.fund_id).unwrap().outstanding,
        after.closing_principal
    );
    // `plodnee check` agrees with the caches of the closed loan and the fund.
    let report = f.store.with(|c| check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
    // A receipt of the closed loan can no longer be reversed.
    let reverse = f.store.write(|tx| ledger::reverse(tx, &treasurer, payments[11].id, "พิมพ์ผิด"));
    assert!(reverse.unwrap_err().to_string().contains("ตัดยอดเศษสตางค์"));
    // The file shows what was cleared.
    let history = f.store.with(|c| write_offs::of_loan(c, id)).unwrap();
    assert_eq!(
        (history[0].status.as_str(), history[0].cleared.principal),
        ("approved", Satang(49))
    );
}

fn fund_statement_now(f: &support::Fixture) -> fund_statement::FundStatement {
    f.store.with(|c| fund_statement::compute(c, f.fund_id, ymd(2024, 1, 1), today())).unwrap()
}

#[test]
fn a_rejected_write_off_stays_on_record_with_its_reason_and_the_loan_stays_open() {
    let f = fixture();
    let id = residue_loan(&f, 49);
    let (officer, committee) = (f.officer.actor(), f.committee.actor());
    let wo = f.store.write(|tx| write_offs::propose(tx, &officer, id, today())).unwrap();
    // No reason: refused, nothing changes.
    let empty =
        f.store.write(|tx| rejections::reject(tx, &committee, PendingKind::WriteOff, wo, "  "));
    assert_eq!(empty.unwrap_err().to_string(), "กรุณาระบุเหตุผลที่ไม่อนุมัติ");
    assert_eq!(f.store.with(|c| write_offs::get(c, wo)).unwrap().status, "proposed");
    f.store
        .write(|tx| {
            rejections::reject(tx, &committee, PendingKind::WriteOff, wo, "ให้ติดตามเก็บเงินก่อน")
        })
        .unwrap();
    let w = f.store.with(|c| write_offs::get(c, wo)).unwrap();
    assert_eq!(w.status, "rejected");
    let r = w.rejection.expect("the rejection is kept");
    assert_eq!((r.reason.as_str(), r.by_name.as_str()), ("ให้ติดตามเก็บเงินก่อน", "นายประธาน ใหญ่ยิ่ง"));
    let listed = f.store.with(|c| rejections::recent(c, 10)).unwrap();
    assert!(
        listed
            .iter()
            .any(|x| x.kind == PendingKind::WriteOff && x.id == wo && x.member == "นางสมหญิง ใจดี")
    );
    assert!(
        f.store
            .with(|c| approvals::pending(c))
            .unwrap()
            .iter()
            .all(|p| p.kind != PendingKind::WriteOff)
    );
    // The loan is untouched and may be proposed again.
    let loan = f.store.with(|c| loans::get(c, id)).unwrap();
    assert_eq!((loan.status, loan.outstanding), (LoanStatus::Active, Satang(49)));
    let approve_rejected = f.store.write(|tx| write_offs::approve(tx, &committee, wo, "", today()));
    assert!(approve_rejected.is_err(), "a rejected proposal cannot be approved");
    assert!(f.store.write(|tx| write_offs::propose(tx, &officer, id, today())).is_ok());
}
