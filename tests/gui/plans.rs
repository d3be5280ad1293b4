//! Issue 6 in the GUI: the plan builder starts with three options for a loan long in arrears,
//! compares them, refuses bad inputs beside their fields (capacity 0 or too small, a 16% rate, a
//! rate above the old one, month 13), proposes one; the approvals screen asks for each guarantor's
//! consent and approves; the loan and household files show the stage; the list of plans at risk
//! shows the plan once an installment is late. The last test drives it through the simulator.

use crate::support;

use std::sync::Arc;

use plodnee::app::dialogs::Fake;
use plodnee::app::screen::approvals::pending::{self as approvals, Approvals};
use plodnee::app::screen::plans::builder::{self as plan, PlanBuilder};
use plodnee::app::screen::plans::option::{CadenceKind, Field, SizingKind};
use plodnee::app::screen::{
    Destination, debtors::household, debtors::loan, plans::at_risk as plans_at_risk,
};
use plodnee::app::{Message, Screen};
use plodnee::domain::Satang;
use plodnee::domain::plan_progress::Stage;
use plodnee::store::plans;
use support::{Driver, Fixture, fixture, opened, runtime, send, ymd};

fn builder(rt: &tokio::runtime::Runtime, f: &Fixture) -> PlanBuilder {
    opened(rt, PlanBuilder::new(f.session(&f.officer), f.loan_id), PlanBuilder::update)
}

fn edit(rt: &tokio::runtime::Runtime, b: &mut PlanBuilder, i: usize, field: Field, v: &str) {
    send(rt, b, PlanBuilder::update, plan::Message::Edit(i, field, v.into()));
}

#[test]
fn three_options_are_built_and_compared_for_a_loan_in_arrears() {
    let (rt, f) = (runtime(), fixture());
    let b = builder(&rt, &f);
    assert!(b.basis.as_ref().unwrap().outstanding.default_interest.is_positive(), "long arrears");
    assert_eq!(b.options.len(), plan::MAX_OPTIONS);
    for (i, o) in b.options.iter().enumerate() {
        let p = o.plan.as_ref().unwrap_or_else(|| {
            panic!("option {} builds: {:?}", i + 1, o.form.error(Field::Amount))
        });
        assert!(p.periods() > 0 && p.end_date().is_some());
        let curve = p.balance_curve();
        assert_eq!(curve.last().unwrap().1, Satang::ZERO, "the balance reaches zero");
    }
    assert_eq!(b.options[0].plan.as_ref().unwrap().periods(), 36);
    let capacity = b.options[1].form.get(Field::Amount).to_string();
    let cap = Satang::parse(&capacity).unwrap();
    assert!(b.options[1].plan.as_ref().unwrap().max_installment() <= cap, "fits the capacity");
    assert!(b.options[2].plan.as_ref().unwrap().released_if_kept().is_positive(), "ปลด on offer");
}

#[test]
fn bad_inputs_are_refused_beside_their_fields() {
    let (rt, f) = (runtime(), fixture());
    let mut b = builder(&rt, &f);
    edit(&rt, &mut b, 1, Field::Amount, "0");
    assert!(b.options[1].form.error(Field::Amount).is_some(), "capacity 0");
    assert!(b.options[1].plan.is_none());
    edit(&rt, &mut b, 1, Field::Amount, "10");
    assert!(b.options[1].form.error(Field::Amount).unwrap().contains("ไม่พอ"));
    edit(&rt, &mut b, 0, Field::Rate, "16");
    assert!(b.options[0].form.error(Field::Rate).unwrap().contains("ร้อยละ 15"));
    edit(&rt, &mut b, 0, Field::Rate, "7");
    assert!(b.options[0].form.error(Field::Rate).unwrap().contains("ไม่สูงกว่าอัตราเดิม"));
    edit(&rt, &mut b, 0, Field::Rate, "3");
    assert!(b.options[0].plan.is_some(), "a lower rate is fine");
    edit(&rt, &mut b, 2, Field::Months, "3, 13");
    assert!(b.options[2].form.error(Field::Months).is_some(), "month 13");
    edit(&rt, &mut b, 0, Field::StepUp, "150");
    assert!(b.options[0].form.error(Field::StepUp).is_some(), "step-up over 100%");
    // A refused option cannot be proposed.
    let a = send(&rt, &mut b, PlanBuilder::update, plan::Message::Propose(1));
    assert!(a.is_none() && b.proposed.is_none());
}

#[test]
fn a_proposed_plan_needs_the_guarantors_consent_and_then_the_files_show_its_stage() {
    let (rt, f) = (runtime(), fixture());
    let mut b = builder(&rt, &f);
    send(&rt, &mut b, PlanBuilder::update, plan::Message::SizingChosen(0, SizingKind::Capacity));
    edit(&rt, &mut b, 0, Field::Amount, "900");
    send(&rt, &mut b, PlanBuilder::update, plan::Message::CadenceChosen(0, CadenceKind::Harvest));
    send(&rt, &mut b, PlanBuilder::update, plan::Message::Propose(0));
    let (_, plan_id) = b.proposed.expect("proposed");
    assert!(plan_id > 0);

    let mut a = opened(&rt, Approvals::new(f.session(&f.treasurer)), Approvals::update);
    send(&rt, &mut a, Approvals::update, approvals::Message::Select(0));
    send(&rt, &mut a, Approvals::update, approvals::Message::ResolutionChanged("7/2568".into()));
    send(&rt, &mut a, Approvals::update, approvals::Message::Approve);
    assert!(a.error.as_deref().unwrap().contains("700"), "{:?}", a.error);
    send(&rt, &mut a, Approvals::update, approvals::Message::ConsentToggled(f.neighbour_id, true));
    send(&rt, &mut a, Approvals::update, approvals::Message::Approve);
    let (_, new_loan) = a.done.clone().unwrap_or_else(|| panic!("approved: {:?}", a.error));
    let rec = f.store.with(|c| plans::get(c, plan_id)).unwrap();
    assert_eq!(rec.status, "approved");

    let file = opened(
        &rt,
        loan::LoanFile::new(f.session(&f.officer), new_loan.unwrap()),
        loan::LoanFile::update,
    );
    let status = file.data.as_ref().unwrap().extra.plan.as_ref().expect("plan on the loan file");
    assert_eq!(status.progress.stage, Stage::Hold);
    let hh = opened(
        &rt,
        household::HouseholdFile::new(f.session(&f.officer), f.household_id),
        household::HouseholdFile::update,
    );
    assert_eq!(hh.data.as_ref().unwrap().plans.len(), 1, "and on the household file");

    // Months later with nothing paid, the plan needs follow-up.
    let mut later = f.session(&f.officer);
    later.today = ymd(2026, 12, 20);
    let list =
        opened(&rt, plans_at_risk::PlansAtRisk::new(later), plans_at_risk::PlansAtRisk::update);
    let data = list.data.as_ref().expect("list loads");
    assert_eq!(data.lines.len(), 1, "{:?}", data.tally);
    assert_eq!(data.lines[0].plan_id, plan_id);
}

/// The "done when" through the simulator: an officer builds three options for a member
/// with long arrears, compares them on the table and chart, proposes one; the treasurer approves
/// with a resolution and the guarantor's consent; the new loan file shows the stage.
#[test]
fn officer_compares_three_options_proposes_and_treasurer_approves() {
    let f = fixture();
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    d.click("ปรับโครงสร้างหนี้");
    assert!(matches!(d.app.screen, Screen::Plan(_)));
    d.clear(Field::Amount.id(0));
    d.type_into(Field::Amount.id(0), "๒๔");
    d.clear(Field::StepUp.id(1));
    d.type_into(Field::StepUp.id(1), "10");
    d.clear(Field::Grace.id(2));
    d.type_into(Field::Grace.id(2), "2");
    assert!(d.shows("เปรียบเทียบทางเลือก"));
    {
        let Screen::Plan(p) = &d.app.screen else { panic!() };
        assert!(p.options.iter().all(|o| o.plan.is_some()), "all three compare");
        assert_eq!(p.options[0].plan.as_ref().unwrap().periods(), 24);
    }
    d.snapshot_tall("plan-01-compare", 2000.0);
    d.snapshot("plan-01-top");
    d.click("เสนอแผนนี้");
    let Screen::Plan(p) = &d.app.screen else { panic!() };
    let (_, plan_id) = p.proposed.expect("proposed");
    d.sign_out();

    d.sign_in("treasurer", "treasurer-2568");
    d.click("รายการรออนุมัติ");
    d.click("แผนปรับโครงสร้างหนี้");
    d.type_into(approvals::RESOLUTION_ID, "8/2568");
    d.send(Message::Approvals(approvals::Message::ConsentToggled(f.neighbour_id, true)));
    d.snapshot("plan-02-approve");
    d.click("อนุมัติ");
    let rec = f.store.with(|c| plans::get(c, plan_id)).unwrap();
    assert_eq!(rec.status, "approved");
    d.click("เปิดแฟ้มสัญญา");
    assert!(d.shows("ขั้น ยึด"), "the loan file shows the plan's stage");
    d.snapshot("plan-03-loan-file");
}
