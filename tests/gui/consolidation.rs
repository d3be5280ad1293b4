//! Issue 5 in the GUI: the consolidation screen previews a household of three funds under each
//! rate policy with a reconciling per-fund table, refuses bad inputs beside their fields (a waiver
//! larger than the debt, a 16% rate, a capacity of 0), saves a draft; the approvals screen refuses
//! the preparer, makes a stale draft be refreshed, approves with a resolution, and lets the
//! committee reverse. The last test drives the whole flow through the simulator, as users do.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::approvals::pending::{self as approvals, Approvals, Detail};
use plodnee::app::screen::consolidation::builder::{
    self as consolidation, Consolidate, Input, Policy, TermKind,
};
use plodnee::app::screen::{Action, Destination, debtors::loan, debtors::payment};
use plodnee::app::{Message, Screen};
use plodnee::domain::Satang;
use plodnee::domain::loan::{Channel, LoanStatus};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::{consolidations, loans};
use support::{Driver, Fixture, fixture, opened, runtime, send, three_fund_loans, today, ymd};

fn consolidate(
    rt: &tokio::runtime::Runtime,
    f: &Fixture,
    user: &plodnee::store::users::User,
) -> Consolidate {
    opened(rt, Consolidate::new(f.session(user), f.household_id), Consolidate::update)
}

fn edit(rt: &tokio::runtime::Runtime, s: &mut Consolidate, input: Input, value: &str) {
    send(rt, s, Consolidate::update, consolidation::Message::Edit(input, value.into()));
}

#[test]
fn the_preview_reconciles_every_fund_under_each_policy() {
    let (rt, f) = (runtime(), fixture());
    three_fund_loans(&f);
    let mut s = consolidate(&rt, &f, &f.officer);
    assert_eq!(s.snapshot.as_ref().unwrap().loans.len(), 3, "the three funds' loans");
    for policy in Policy::ALL {
        send(&rt, &mut s, Consolidate::update, consolidation::Message::PolicyChosen(*policy));
        let c = s.preview.as_ref().unwrap_or_else(|| panic!("a preview under {policy}"));
        assert_eq!(c.reconciliation.len(), 3);
        assert!(c.reconciliation.iter().all(|r| r.balances()), "{policy} reconciles");
        assert_eq!(c.periods, 36);
        let old: Satang = s.snapshot.as_ref().unwrap().loans.iter().map(|l| l.total()).sum();
        assert_eq!(c.new_principal() + c.carried(), old, "nothing waived: all of it moves");
        if *policy == Policy::Tranches {
            let rates: Vec<String> = c.tranches.iter().map(|t| t.rate.to_string()).collect();
            assert_eq!(c.tranches.len(), 3, "one tranche per fund: {rates:?}");
        }
    }
    // Capacity instead of term: the shortest term whose installment fits.
    send(&rt, &mut s, Consolidate::update, consolidation::Message::TermChosen(TermKind::Capacity));
    edit(&rt, &mut s, Input::Term, "1,500");
    let c = s.preview.as_ref().expect("a capacity preview");
    assert!(c.max_installment() <= Satang::from_baht(1_500));
}

#[test]
fn bad_inputs_are_refused_beside_their_fields() {
    let (rt, f) = (runtime(), fixture());
    three_fund_loans(&f);
    let mut s = consolidate(&rt, &f, &f.officer);
    edit(&rt, &mut s, Input::Waiver(1), "999,999");
    let e = s.form.error(Input::Waiver(1)).expect("waiver refused");
    assert!(e.contains("ลดได้ไม่เกิน"), "{e}");
    assert!(s.preview.is_none(), "no preview while a field is refused");
    edit(&rt, &mut s, Input::Waiver(1), "");
    assert!(s.preview.is_some());

    send(&rt, &mut s, Consolidate::update, consolidation::Message::PolicyChosen(Policy::Unified));
    edit(&rt, &mut s, Input::Rate, "16");
    assert!(s.form.error(Input::Rate).unwrap().contains("ร้อยละ 15"));
    edit(&rt, &mut s, Input::Rate, "5");
    assert!(s.form.error(Input::Rate).is_none());

    send(&rt, &mut s, Consolidate::update, consolidation::Message::TermChosen(TermKind::Capacity));
    edit(&rt, &mut s, Input::Term, "0");
    assert!(s.form.error(Input::Term).is_some(), "a capacity of 0 is refused");
    edit(&rt, &mut s, Input::Term, "10");
    let e = s.form.error(Input::Term).expect("too small a capacity");
    assert!(e.contains("ไม่พอ"), "{e}");
    let saved = send(&rt, &mut s, Consolidate::update, consolidation::Message::Save);
    assert!(saved.is_none() && s.saved.is_none(), "nothing saved while refused");
    edit(&rt, &mut s, Input::AsOf, "31/02/2568");
    assert!(s.form.error(Input::AsOf).is_some(), "no such day");
}

#[test]
fn waiving_the_penalties_fills_each_loan_and_lowers_the_new_principal() {
    let (rt, f) = (runtime(), fixture());
    three_fund_loans(&f);
    let mut s = consolidate(&rt, &f, &f.officer);
    let owed = |c: &plodnee::domain::consolidation::Consolidation| c.new_principal() + c.carried();
    let before = owed(s.preview.as_ref().unwrap());
    send(&rt, &mut s, Consolidate::update, consolidation::Message::WaivePenalties);
    let c = s.preview.as_ref().unwrap();
    let penalties: Satang =
        s.snapshot.as_ref().unwrap().loans.iter().map(|l| l.default_interest + l.fees).sum();
    assert!(penalties.is_positive(), "the fixture's loans are in arrears");
    assert_eq!(owed(c) + penalties, before, "penalties are waived, nothing else");
    assert!(c.reconciliation.iter().all(|r| r.balances()));
}

fn approvals(
    rt: &tokio::runtime::Runtime,
    f: &Fixture,
    user: &plodnee::store::users::User,
) -> Approvals {
    opened(rt, Approvals::new(f.session(user)), Approvals::update)
}

fn approve(
    rt: &tokio::runtime::Runtime,
    a: &mut Approvals,
    resolution: &str,
) -> Action<approvals::Message> {
    send(rt, a, Approvals::update, approvals::Message::Select(0));
    send(rt, a, Approvals::update, approvals::Message::ResolutionChanged(resolution.into()));
    send(rt, a, Approvals::update, approvals::Message::Approve)
}

#[test]
fn the_preparer_cannot_approve_a_stale_draft_is_refreshed_then_approved_and_reversed() {
    let (rt, f) = (runtime(), fixture());
    let ids = three_fund_loans(&f);
    // The treasurer prepares (any role may) …
    let mut s = consolidate(&rt, &f, &f.treasurer);
    send(&rt, &mut s, Consolidate::update, consolidation::Message::Save);
    let draft = s.saved.expect("draft saved");

    // … so the treasurer may not approve it.
    let mut a = approvals(&rt, &f, &f.treasurer);
    assert_eq!(a.data.as_ref().unwrap().pending.len(), 1);
    approve(&rt, &mut a, "5/2568");
    let e = a.error.clone().expect("refused");
    assert!(e.contains("ผู้จัดทำอนุมัติรายการของตนเองไม่ได้"), "{e}");
    assert!(a.refusal().is_some(), "the reason shows before trying");

    // A payment on a source loan makes the draft stale: the committee must refresh it first.
    f.store
        .write(|tx| {
            ledger::record(
                tx,
                &f.committee.actor(),
                &NewPayment {
                    loan_id: ids[2],
                    paid_on: today(),
                    amount: Satang::from_baht(500),
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                },
                today(),
            )
        })
        .unwrap();
    let mut c = approvals(&rt, &f, &f.committee);
    approve(&rt, &mut c, "5/2568");
    assert!(matches!(c.detail, Some(Detail::Consolidation { stale: true, .. })));
    assert!(c.error.as_deref().unwrap().contains("ปรับปรุงข้อมูล"), "{:?}", c.error);
    send(&rt, &mut c, Approvals::update, approvals::Message::Refresh);
    assert!(matches!(c.detail, Some(Detail::Consolidation { stale: false, .. })));

    // Without a resolution number: refused; with it: approved.
    send(&rt, &mut c, Approvals::update, approvals::Message::ResolutionChanged(" ".into()));
    send(&rt, &mut c, Approvals::update, approvals::Message::Approve);
    assert!(c.error.as_deref().unwrap().contains("เลขที่มติ"));
    // The old loan's guarantor guarantees the new contract: no approval without their consent.
    approve(&rt, &mut c, "5/2568");
    assert!(c.done.is_none(), "refused without the guarantor's fresh consent (s.700)");
    let consent = approvals::Message::ConsentToggled(f.neighbour_id, true);
    send(&rt, &mut c, Approvals::update, consent);
    let action = send(&rt, &mut c, Approvals::update, approvals::Message::Approve);
    assert!(action.is_none());
    let (what, first_tranche) = c.done.clone().expect("approved");
    assert!(what.contains("สัญญารวมหนี้เลขที่"), "{what}");
    let rec = f.store.with(|conn| consolidations::get(conn, draft)).unwrap();
    assert_eq!(rec.status, "approved");
    assert_eq!(rec.resolution_no.as_deref(), Some("5/2568"));
    for id in &ids {
        let l = f.store.with(|conn| loans::get(conn, *id)).unwrap();
        assert_eq!(
            l.status,
            LoanStatus::Consolidated,
            "{} closed into the new contract",
            l.contract_no
        );
    }

    // The consolidated loan file shows its tranches.
    let file = opened(
        &rt,
        loan::LoanFile::new(f.session(&f.committee), first_tranche.unwrap()),
        loan::LoanFile::update,
    );
    let contract = file.data.as_ref().unwrap().extra.contract.as_ref().expect("tranches shown");
    let funds: std::collections::BTreeSet<i64> =
        contract.tranches.iter().map(|t| t.fund_id).collect();
    assert_eq!(funds.len(), 3, "a tranche (principal, and carried arrears) per fund");

    // The committee reverses it with a reason while nothing was paid.
    let mut c = approvals(&rt, &f, &f.committee);
    assert_eq!(c.data.as_ref().unwrap().approved.len(), 1);
    send(&rt, &mut c, Approvals::update, approvals::Message::StartReversal(draft));
    send(&rt, &mut c, Approvals::update, approvals::Message::ConfirmReversal);
    assert!(c.error.as_deref().unwrap().contains("เหตุผล"), "a reason is needed");
    send(&rt, &mut c, Approvals::update, approvals::Message::ReasonChanged("ที่ประชุมทบทวนมติ".into()));
    send(&rt, &mut c, Approvals::update, approvals::Message::ConfirmReversal);
    assert!(c.data.as_ref().unwrap().approved.is_empty());
    let l = f.store.with(|conn| loans::get(conn, ids[0])).unwrap();
    assert!(l.status.is_open(), "the source loans reopen");
}

#[test]
fn an_officer_sees_why_they_cannot_approve() {
    let (rt, f) = (runtime(), fixture());
    three_fund_loans(&f);
    let mut s = consolidate(&rt, &f, &f.treasurer);
    send(&rt, &mut s, Consolidate::update, consolidation::Message::Save);
    let mut a = approvals(&rt, &f, &f.officer);
    approve(&rt, &mut a, "1/2568");
    assert!(a.error.as_deref().unwrap().contains("ไม่มีสิทธิ์อนุมัติ"), "{:?}", a.error);
    assert!(matches!(
        send(&rt, &mut a, Approvals::update, approvals::Message::Open(Destination::Home)),
        Action::Open(Destination::Home)
    ));
}

/// The "done when", through the simulator: an officer consolidates the three-fund
/// household under each policy and saves a draft; the treasurer approves with a resolution; the
/// consolidated loan file shows the tranches; a household payment shows each fund's share.
#[test]
fn officer_prepares_treasurer_approves_and_the_contract_shows_each_funds_share() {
    let f = fixture();
    three_fund_loans(&f);
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Household(f.household_id)));
    d.click("รวมหนี้ครัวเรือน");
    assert!(matches!(d.app.screen, Screen::Consolidate(_)));
    assert!(d.shows("ลงตัว"), "the per-fund table reconciles");
    d.snapshot("consolidation-01-tranches");
    d.snapshot_tall("consolidation-01-whole", 2000.0);
    d.click("อัตราเดียว");
    d.clear(Input::Rate.id());
    d.type_into(Input::Rate.id(), "๕");
    d.snapshot("consolidation-02-unified");
    d.click("ถัวเฉลี่ยตามเงินต้น");
    d.click("คงอัตราของแต่ละกองทุน");
    d.click("ยกดอกเบี้ยผิดนัดและค่าธรรมเนียมทั้งหมด");
    d.type_into(Input::Waiver(0).id(), "9999999");
    assert!(d.shows("แก้ข้อมูลที่มีข้อความสีแดงก่อนบันทึก"));
    d.clear(Input::Waiver(0).id());
    d.snapshot("consolidation-03-waived");
    {
        let Screen::Consolidate(s) = &d.app.screen else { panic!() };
        assert!(s.preview.as_ref().unwrap().reconciliation.iter().all(|r| r.balances()));
    }
    assert!(
        d.shows("นายมานะ รักดี ค้ำประกันสัญญาใหม่ (ให้ความยินยอมใหม่เมื่ออนุมัติ)"),
        "the old loan's guarantor is offered for the new contract"
    );
    d.click("บันทึกร่าง");
    let Screen::Consolidate(s) = &d.app.screen else { panic!("stays on the screen") };
    let draft = s.saved.expect("draft saved");
    d.sign_out();

    d.sign_in("treasurer", "treasurer-2568");
    d.click("รายการรออนุมัติ");
    assert!(matches!(d.app.screen, Screen::Approvals(_)));
    assert!(d.shows("นางสาวใจดี มีสุข"), "the preparer is named");
    d.click("รวมหนี้ครัวเรือน");
    d.type_into(approvals::RESOLUTION_ID, "๓/๒๕๖๘");
    assert!(d.shows("นายมานะ รักดี ผู้ค้ำประกัน ยินยอมให้ขยายเวลา (ป.พ.พ. มาตรา 700)"));
    d.send(Message::Approvals(approvals::Message::ConsentToggled(f.neighbour_id, true)));
    d.snapshot("consolidation-04-approve");
    d.click("อนุมัติ");
    let rec = f.store.with(|conn| consolidations::get(conn, draft)).unwrap();
    assert_eq!(rec.status, "approved");
    d.click("เปิดแฟ้มสัญญา");
    assert!(matches!(d.app.screen, Screen::Loan(_)));
    assert!(d.shows("สัญญารวมหนี้: ส่วนของแต่ละกองทุน"));

    // A household payment, taken at the counter from the contract's file, is split across the
    // funds: one receipt, each fund's part shown before and after saving.
    d.click("รับชำระ");
    assert!(matches!(d.app.screen, Screen::Payment(_)));
    assert!(d.shows("ทุกกองทุนในสัญญารวมหนี้"), "the whole contract's debt, not one tranche's");
    d.type_into(payment::Input::Amount.id(), "๒,๐๐๐");
    {
        let Screen::Payment(p) = &d.app.screen else { panic!() };
        assert_eq!(p.split.len(), 3, "each fund's part before saving: {:?}", p.split);
        assert_eq!(p.split.iter().map(|s| s.1).sum::<Satang>(), Satang::from_baht(2_000));
    }
    d.snapshot("consolidation-05a-household-payment");
    d.click("บันทึกรับชำระ (Enter)");
    let receipt_no = {
        let Screen::Payment(p) = &d.app.screen else { panic!("the receipt stays on screen") };
        p.receipt.as_ref().expect("saved").receipt_no.clone()
    };
    d.click("กลับไปแฟ้มสัญญา (Enter)");
    assert!(d.shows(&receipt_no), "the receipt is on the contract's file");
    let Screen::Loan(l) = &d.app.screen else { panic!() };
    let split = &l.data.as_ref().unwrap().extra.contract.as_ref().unwrap().receipts[0];
    assert_eq!(split.receipt_no, receipt_no);
    assert_eq!(split.total, Satang::from_baht(2_000));
    assert_eq!(split.parts.len(), 3, "each fund's share: {:?}", split.parts);
    assert_eq!(split.parts.iter().map(|p| p.1).sum::<Satang>(), split.total);
    let lines = f
        .store
        .with(|c| Ok(c.query_row("SELECT COUNT(*) FROM receipt", [], |r| r.get::<_, i64>(0))?))
        .unwrap();
    assert_eq!(lines, 2, "one household receipt (the fixture had one before)");
    d.snapshot("consolidation-05-contract-file");
    let _ = ymd(2025, 1, 1);
}

/// Issue 5, item 3: an officer prepares a transfer of debt burden (โอนภาระหนี้) to the borrower's
/// wife; nothing is saved until a member and a reason are given; the treasurer approves it on the
/// approvals screen and the loan's borrower is the wife.
#[test]
fn officer_prepares_a_debt_transfer_and_treasurer_approves_it() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    d.click("โอนภาระหนี้");
    assert!(matches!(d.app.screen, Screen::Transfer(_)));
    let drafts = || {
        f.store
            .with(|c| {
                Ok(c.query_row(
                    "SELECT COUNT(*) FROM consolidation WHERE kind = 'transfer'",
                    [],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .unwrap()
    };
    d.click("บันทึกร่างการโอนภาระหนี้");
    assert!(d.shows("กรุณาเลือกสมาชิกผู้รับโอนภาระหนี้"), "the member is asked for beside the field");
    assert_eq!(drafts(), 0, "nothing saved");
    d.click("นางสมหญิง ใจดี");
    d.type_into(plodnee::app::screen::consolidation::transfer::REASON_ID, "ผู้กู้ย้ายไปทำงานต่างจังหวัด");
    d.click("บันทึกร่างการโอนภาระหนี้");
    assert!(d.shows("บันทึกร่างการโอนภาระหนี้แล้ว รอเหรัญญิกหรือกรรมการอนุมัติในหน้ารายการรออนุมัติ"));
    assert_eq!(drafts(), 1);
    d.sign_out();

    d.sign_in("treasurer", "treasurer-2568");
    d.click("รายการรออนุมัติ");
    d.click("โอนภาระหนี้");
    d.type_into(approvals::RESOLUTION_ID, "9/2568");
    d.click("อนุมัติ");
    let loan = f.store.with(|c| loans::get(c, f.loan_id)).unwrap();
    assert_eq!(loan.borrower_id, f.spouse_id, "the loan is the wife's now");
}

/// s.655: interest overdue a year or more joins the principal only with the debtor's written
/// consent; without it, it stays an interest-free carried part. Ticking the consent moves it and
/// the totals still reconcile.
#[test]
fn capitalising_old_interest_needs_the_consent_box_and_still_reconciles() {
    let (rt, f) = (runtime(), fixture());
    three_fund_loans(&f);
    let mut s = consolidate(&rt, &f, &f.officer);
    let before = s.preview.clone().expect("a preview");
    assert!(before.carried().is_positive(), "old interest is carried apart without consent");
    send(&rt, &mut s, Consolidate::update, consolidation::Message::CapitaliseToggled(true));
    let after = s.preview.clone().expect("a preview");
    assert!(after.carried() < before.carried(), "interest a year old joins the principal");
    assert_eq!(
        after.new_principal() + after.carried(),
        before.new_principal() + before.carried(),
        "nothing is lost or added"
    );
    assert!(after.reconciliation.iter().all(|r| r.balances()));
    send(&rt, &mut s, Consolidate::update, consolidation::Message::Save);
    let draft = s.saved.expect("saved");
    let rec = f.store.with(|c| consolidations::get(c, draft)).unwrap();
    assert_eq!(rec.settings.capitalise_consent_on, Some(today()), "the consent date is recorded");
}
