//! Figures that must agree (issue 17 §A): over a demo institute with restructured loans, every
//! fund's statement closes at the principal the funds screen shows, its carried (interest-free)
//! parts apart, and the funds together make the home screen's portfolio. For several periods the
//! statement's identity holds: opening + lent + moved in − moved out − principal received − written
//! off = closing.

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::domain::Satang;
use plodnee::store::{Store, consolidations, dashboard, fund_statement, funds};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn every_fund_statement_closes_at_the_funds_screen_and_the_funds_make_the_portfolio() {
    let store = Store::memory().unwrap();
    let today = ymd(2026, 12, 7);
    let opts = Options { households: 400, seed: 7, today };
    store.with(|c| demo::generate(c, &opts)).unwrap();
    let restructured: i64 = store
        .with(|c| {
            Ok(c.query_row("SELECT COUNT(*) FROM loan WHERE status = 'restructured'", [], |r| {
                r.get(0)
            })?)
        })
        .unwrap();
    assert!(restructured > 0, "the demo has restructured loans to reconcile");
    let merged = store.with(|c| consolidations::approved(c)).unwrap();
    assert!(merged.len() >= 2, "the demo has approved consolidations: {}", merged.len());
    assert!(
        merged.iter().any(|(r, _)| r.settings.waivers.values().any(|w| w.total().is_positive())),
        "some of them waive default interest"
    );

    let summaries = store.with(|c| funds::summaries(c)).unwrap();
    let home = store.with(|c| dashboard::summary(c, today)).unwrap();
    let mut portfolio = Satang::ZERO;
    let mut carried = Satang::ZERO;
    for s in &summaries {
        let st =
            store.with(|c| fund_statement::compute(c, s.fund.id, ymd(2000, 1, 1), today)).unwrap();
        assert_eq!(
            st.closing_principal, s.outstanding,
            "fund {}: the statement's closing equals the funds screen's principal",
            s.fund.code
        );
        assert_eq!(st.closing_carried, s.carried, "fund {}: carried parts apart", s.fund.code);
        portfolio += s.outstanding;
        carried += s.carried;

        // The identity over consecutive periods, each opening at the last one's closing.
        let cuts = [ymd(2000, 1, 1), ymd(2025, 1, 1), ymd(2026, 1, 1), ymd(2026, 7, 1), today];
        for w in cuts.windows(2) {
            let to = w[1].pred_opt().unwrap();
            let p = store.with(|c| fund_statement::compute(c, s.fund.id, w[0], to)).unwrap();
            let received = p.received_direct.principal + p.received_through_tranches.principal;
            assert_eq!(
                p.opening_principal + p.lent + p.moved_in - p.moved_out - received - p.written_off,
                p.closing_principal,
                "fund {} from {} to {}",
                s.fund.code,
                w[0],
                to
            );
        }
    }
    assert_eq!(home.outstanding, portfolio, "the home screen's principal is the sum of the funds");
    assert_eq!(home.carried, carried, "and its carried parts too");
    assert!(carried.is_positive(), "the consolidations carried interest without interest");
}

#[test]
fn the_plans_at_risk_groups_add_up_to_the_plans_counted() {
    let store = Store::memory().unwrap();
    let today = ymd(2026, 12, 7);
    store.with(|c| demo::generate(c, &Options { households: 400, seed: 7, today })).unwrap();
    let t =
        store.write(|tx| plodnee::store::plan_tracking::evaluate_all(tx, ymd(2027, 6, 1))).unwrap();
    assert!(t.plans > 0);
    assert_eq!(t.on_track + t.at_risk + t.broken + t.free, t.plans, "{t:?}");
}

#[test]
fn check_reports_a_fund_whose_ledger_and_live_loans_disagree() {
    let store = Store::memory().unwrap();
    let today = ymd(2026, 12, 7);
    store.with(|c| demo::generate(c, &Options { households: 300, seed: 7, today })).unwrap();
    let before = store.with(|c| plodnee::store::check::run(c, |_, _| {})).unwrap();
    assert!(before.ok(), "{:?}", before.problems);
    // A restructured loan put back to active outside the app: every loan still reconciles on its
    // own, but its fund now counts it twice.
    store
        .with(|c| {
            Ok(c.execute(
                "UPDATE loan SET status = 'active' WHERE id = (SELECT MIN(id) FROM loan WHERE status = 'restructured')",
                [],
            )?)
        })
        .unwrap();
    let after = store.with(|c| plodnee::store::check::run(c, |_, _| {})).unwrap();
    assert!(
        after
            .problems
            .iter()
            .any(|p| p.subject.starts_with("กองทุน") && p.problem.contains("งบกองทุน")),
        "{:?}",
        after.problems
    );
}

/// A demo loan whose last installment was paid 0.49 short (1,200 baht at 0%, twelve monthly
/// installments of 100.00 from 15 Nov 2025, the last due 15 Nov 2026): the officer proposes the
/// residue for write-off and the treasurer approves it on `today`.
fn write_off_a_residue(store: &Store, today: NaiveDate) -> (i64, i64) {
    use plodnee::domain::loan::Channel;
    use plodnee::domain::rate::AnnualRate;
    use plodnee::domain::role::Role;
    use plodnee::domain::schedule::{DayCount, Frequency, Method, Terms};
    use plodnee::store::{Actor, ledger, loans, write_offs};
    store
        .write(|tx| {
            let actor = |role: Role| -> plodnee::store::Result<Actor> {
                Ok(tx.query_row(
                    "SELECT id, full_name FROM app_user WHERE role = ?1 ORDER BY id LIMIT 1",
                    [role.code()],
                    |r| Ok(Actor { user_id: Some(r.get(0)?), role, name: r.get(1)? }),
                )?)
            };
            let (officer, treasurer) = (actor(Role::Officer)?, actor(Role::Treasurer)?);
            let (fund_id, person): (i64, i64) = tx.query_row(
                "SELECT (SELECT MIN(id) FROM fund), (SELECT MIN(id) FROM person)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let id = loans::create(
                tx,
                &officer,
                &loans::NewLoan {
                    contract_no: None,
                    fund_id,
                    borrower_id: person,
                    terms: Terms {
                        principal: Satang::from_baht(1_200),
                        rate: AnnualRate::ZERO,
                        method: Method::Flat,
                        frequency: Frequency::Monthly,
                        periods: 12,
                        start: ymd(2025, 11, 15),
                        day_count: DayCount::Period,
                        round_up_baht: false,
                    },
                    penalty_rate: AnnualRate::from_bp(500).unwrap(),
                    purpose: String::new(),
                    co_borrowers: vec![],
                    guarantors: vec![],
                    collateral: vec![],
                },
            )?;
            for i in loans::schedule(tx, id)?.installments {
                let short = if i.no == 12 { Satang(49) } else { Satang::ZERO };
                let payment = ledger::NewPayment {
                    loan_id: id,
                    paid_on: i.due_date,
                    amount: i.payment() - short,
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                };
                ledger::record(tx, &officer, &payment, today)?;
            }
            let w = write_offs::propose(tx, &officer, id, today)?;
            write_offs::approve(tx, &treasurer, w, "", today)?;
            Ok((fund_id, id))
        })
        .unwrap()
}

// Issue 11 §3 with issue 17 §A6: a residue written off leaves the fund through the written-off
// column, so opening + lent + moved in − moved out − received − written off = closing still
// holds in every period, the closing equals the funds screen, and `plodnee check` passes.
#[test]
fn a_residue_written_off_keeps_every_fund_statement_reconciled() {
    let store = Store::memory().unwrap();
    let today = ymd(2026, 12, 7);
    store.with(|c| demo::generate(c, &Options { households: 120, seed: 7, today })).unwrap();
    let (fund, _) = write_off_a_residue(&store, today);
    let summaries = store.with(|c| funds::summaries(c)).unwrap();
    let mut written_off = Satang::ZERO;
    for s in &summaries {
        let cuts = [ymd(2000, 1, 1), ymd(2026, 1, 1), ymd(2026, 12, 1), today.succ_opt().unwrap()];
        for w in cuts.windows(2) {
            let to = w[1].pred_opt().unwrap();
            let p = store.with(|c| fund_statement::compute(c, s.fund.id, w[0], to)).unwrap();
            let received = p.received_direct.principal + p.received_through_tranches.principal;
            assert_eq!(
                p.opening_principal + p.lent + p.moved_in - p.moved_out - received - p.written_off,
                p.closing_principal,
                "fund {} from {} to {}",
                s.fund.code,
                w[0],
                to
            );
            written_off += p.written_off;
            if w[1] > today {
                assert_eq!(p.closing_principal, s.outstanding, "fund {}", s.fund.code);
            }
        }
        if s.fund.id == fund {
            let p = store.with(|c| fund_statement::compute(c, fund, today, today)).unwrap();
            assert_eq!(p.written_off, Satang(49), "written off on the day of approval");
        }
    }
    assert_eq!(written_off, Satang(49), "counted once, in the period holding the approval");
    let report = store.with(|c| plodnee::store::check::run(c, |_, _| {})).unwrap();
    assert!(report.ok(), "{:?}", report.problems);
}
