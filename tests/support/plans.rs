//! A restructuring plan on a demo institute, shared by the document and GUI printing tests.

#![allow(dead_code)]

use chrono::NaiveDate;
use plodnee::domain::Satang;
use plodnee::domain::loan::Channel;
use plodnee::domain::plan::{Cadence, PlanOptions, ReleaseTerms, Sizing};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::Frequency;
use plodnee::store::plans::{self, Approval, Target};
use plodnee::store::{ledger, loans};

use super::{Demo, TODAY, query_id};

pub const FAR: NaiveDate = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();

pub struct Plan {
    pub id: i64,
    pub old: loans::Loan,
    pub new: loans::Loan,
}

/// A loan in long arrears with a guarantor, put on a 12-installment plan at 3% with its default
/// interest set aside for release every 3 installments kept.
pub fn approved_plan(d: &Demo) -> Plan {
    let loan = query_id(
        &d.store,
        "SELECT l.id FROM loan l WHERE l.status = 'active' AND l.tranche_of IS NULL
           AND l.restructured_from IS NULL AND l.next_unpaid_due < '2025-06-01'
           AND EXISTS (SELECT 1 FROM loan_party p WHERE p.loan_id = l.id AND p.role = 'guarantor')
           AND NOT EXISTS (SELECT 1 FROM plan WHERE plan.loan_id = l.id)
         ORDER BY l.id LIMIT 1",
    );
    let opts = PlanOptions {
        sizing: Sizing::Periods(12),
        cadence: Cadence::Regular(Frequency::Monthly),
        grace: None,
        step_up_bp: 0,
        rate: Some(AnnualRate::from_bp(300).unwrap()),
        waive_default_interest: false,
        waive_fees: true,
        release_default_interest: Some(ReleaseTerms {
            every: 3,
            max_days_late: 7,
            break_after_missed: 3,
        }),
    };
    let target = Target::Loan(loan);
    let id = d
        .store
        .write(|tx| plans::propose(tx, &d.officer, target, TODAY, &opts, "ทางเลือก ก"))
        .unwrap();
    let consents: Vec<(i64, NaiveDate)> = d
        .store
        .with(|c| plans::guarantors(c, target))
        .unwrap()
        .iter()
        .map(|g| (g.person_id, TODAY))
        .collect();
    let approval =
        Approval { resolution_no: "5/2568", resolution_on: TODAY, guarantor_consents: &consents };
    let new = d.store.write(|tx| plans::approve(tx, &d.treasurer, id, &approval)).unwrap()[0];
    Plan {
        id,
        old: d.store.with(|c| loans::get(c, loan)).unwrap(),
        new: d.store.with(|c| loans::get(c, new)).unwrap(),
    }
}

pub fn pay(d: &Demo, loan_id: i64, date: NaiveDate, amount: Satang) {
    let p = ledger::NewPayment {
        loan_id,
        paid_on: date,
        amount,
        channel: Channel::Cash,
        payer_name: String::new(),
        note: String::new(),
    };
    d.store.write(|tx| ledger::record(tx, &d.officer, &p, FAR)).unwrap();
}
