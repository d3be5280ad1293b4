//! The demo members' loans: planned from each fund's terms, written with their payments.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, params};

use crate::clock;
use crate::domain::Satang;
use crate::domain::loan::{CollateralKind, LoanStatus, PartyRole, contract_number, receipt_number};
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::{self, DayCount, Method, Schedule, Terms};
use crate::domain::statement::{self, LoanBasis, PaymentIn, Statement};
use crate::domain::thai::date::be_year;
use crate::store::error::{Result, StoreError};
use crate::store::loans;

use super::fund_specs::FUNDS;
use super::payments::{fit_to_payoff, settle_residue, simulate_payments};
use super::{Habit, Options, Progress};

pub(super) struct DemoLoan {
    contract_no: String,
    fund: usize,
    borrower: i64,
    guarantors: Vec<i64>,
    terms: Terms,
    schedule: Schedule,
    purpose: &'static str,
    payments: Vec<PaymentIn>,
    collateral: Option<(String, Satang)>,
}

pub(super) fn plan_loans(
    opts: &Options,
    rng: &mut ChaCha8Rng,
    members: &[Vec<i64>],
    habits: &HashMap<i64, Habit>,
) -> Vec<DemoLoan> {
    let mut out = Vec::new();
    let mut seq: HashMap<(usize, i32), u32> = HashMap::new();
    let households = members.len();
    for (h, ids) in members.iter().enumerate() {
        for &borrower in ids {
            if !rng.random_bool(0.85) {
                continue;
            }
            // Several funds per member, so consolidation has work to do.
            let count = match rng.random_range(0..100) {
                0..=29 => 1,
                30..=64 => 2,
                _ => 3,
            };
            let mut used = Vec::new();
            while used.len() < count {
                let fund = rng.random_range(0..FUNDS.len());
                if used.contains(&fund) {
                    continue;
                }
                used.push(fund);
                let spec = &FUNDS[fund];
                let months_back = rng.random_range(1..=spec.periods * spec.frequency.months() + 12);
                let start = opts
                    .today
                    .checked_sub_months(chrono::Months::new(months_back))
                    .unwrap_or(opts.today)
                    - Days::new(rng.random_range(0..28));
                let principal =
                    Satang::from_baht(rng.random_range(3..=spec.max_baht / 1000) * 1000);
                let terms = Terms {
                    principal,
                    rate: AnnualRate::from_bp(spec.rate_bp).unwrap_or(AnnualRate::ZERO),
                    method: spec.method,
                    frequency: spec.frequency,
                    periods: spec.periods,
                    start,
                    day_count: DayCount::Period,
                    round_up_baht: spec.method == Method::Annuity && rng.random_bool(0.3),
                };
                let Ok(schedule) = schedule::build(&terms) else { continue };
                let year = be_year(start);
                let n = seq.entry((fund, year)).or_insert(0);
                *n += 1;
                let contract_no = contract_number(spec.code, *n, year);
                let guarantor_household =
                    (h + 1 + rng.random_range(0..households.max(2) - 1)) % households;
                let guarantors =
                    if households > 1 { vec![members[guarantor_household][0]] } else { Vec::new() };
                let habit = habits.get(&borrower).copied().unwrap_or(Habit::OnTime);
                let mut payments = simulate_payments(rng, &schedule, start, habit, opts.today);
                if habit == Habit::Late {
                    settle_residue(rng, &terms, &schedule, &mut payments, opts.today);
                }
                fit_to_payoff(&terms, &schedule, &mut payments);
                let collateral = (principal >= Satang::from_baht(40_000)).then(|| {
                    (format!("โฉนดเลขที่ {}", rng.random_range(1000..99999)), principal * 3)
                });
                out.push(DemoLoan {
                    contract_no,
                    fund,
                    borrower,
                    guarantors,
                    terms,
                    schedule,
                    purpose: super::names::PURPOSES
                        [rng.random_range(0..super::names::PURPOSES.len())],
                    payments,
                    collateral,
                });
            }
        }
    }
    out
}

/// Writes loans, installments (with paid caches), payments (receipt numbers in date order) and
/// allocations in one pass; returns (loans, payments).
pub(super) fn write_loans(
    conn: &Connection,
    opts: &Options,
    fund_ids: &[i64],
    loans: Vec<DemoLoan>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(usize, usize)> {
    // Receipt numbers run by date across the whole institute: number every payment first.
    let mut order: Vec<(NaiveDate, usize, usize)> = loans
        .iter()
        .enumerate()
        .flat_map(|(l, loan)| loan.payments.iter().enumerate().map(move |(k, p)| (p.date, l, k)))
        .collect();
    order.sort();
    let mut payment_ids: Vec<Vec<i64>> = loans.iter().map(|l| vec![0; l.payments.len()]).collect();
    for (n, (_, l, k)) in order.iter().enumerate() {
        payment_ids[*l][*k] = n as i64 + 1;
    }

    let total = loans.len();
    let mut loan_ids = Vec::with_capacity(total);
    for (l, loan) in loans.iter().enumerate() {
        let basis = LoanBasis {
            rate: loan.terms.rate,
            method: loan.terms.method,
            start: loan.terms.start,
            default_rate: AnnualRate::from_bp(500).unwrap_or(AnnualRate::ZERO),
        };
        let st = statement::compute(&loan.schedule, &basis, &loan.payments, &[], opts.today)
            .map_err(StoreError::refused)?;
        let id = insert_loan(conn, fund_ids[loan.fund], loan, &st)?;
        let mut alloc = conn.prepare_cached("INSERT INTO allocation (payment_id, loan_id, installment_no, part, amount) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (k, allocation) in st.allocations.iter().enumerate() {
            for s in &allocation.slices {
                alloc.execute(params![
                    payment_ids[l][k],
                    id,
                    s.installment,
                    s.part.code(),
                    s.amount.0
                ])?;
            }
        }
        loan_ids.push(id);
        if l % 2000 == 0 {
            progress(Progress {
                stage: "สร้างสัญญาเงินกู้และตารางผ่อน", done: l, total
            });
        }
    }

    let now = clock::now_stamp();
    // One receipt and one payment line per payment, numbered alike.
    let mut receipt = conn.prepare(
        "INSERT INTO receipt (id, receipt_no, be_year, seq, paid_on, amount, channel, payer_name, received_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', 1, ?8)",
    )?;
    let mut line = conn.prepare("INSERT INTO payment (id, receipt_id, loan_id, paid_on, amount) VALUES (?1, ?1, ?2, ?3, ?4)")?;
    let mut seq: HashMap<i32, u32> = HashMap::new();
    for (n, (date, l, k)) in order.iter().enumerate() {
        let year = be_year(*date);
        let s = seq.entry(year).or_insert(0);
        *s += 1;
        let channel = ["cash", "cash", "cash", "transfer", "promptpay"][(n * 7 + l) % 5];
        let id = n as i64 + 1;
        let amount = loans[*l].payments[*k].amount.0;
        receipt.execute(params![
            id,
            receipt_number(year, *s),
            year,
            *s,
            date,
            amount,
            channel,
            now
        ])?;
        line.execute(params![id, loan_ids[*l], date, amount])?;
        if n % 20_000 == 0 {
            progress(Progress {
                stage: "บันทึกการรับชำระ", done: n, total: order.len()
            });
        }
    }
    Ok((total, order.len()))
}

fn insert_loan(conn: &Connection, fund_id: i64, loan: &DemoLoan, st: &Statement) -> Result<i64> {
    let t = &loan.terms;
    let paid_off = st.is_paid_off();
    let closed_on = if paid_off { loan.payments.last().map(|p| p.date) } else { None };
    let status = if paid_off { LoanStatus::Closed } else { LoanStatus::Active };
    conn.prepare_cached(
        "INSERT INTO loan (contract_no, fund_id, borrower_id, principal, rate_bp, penalty_bp, method, frequency, periods, day_count,
           round_up_baht, start_date, purpose, status, outstanding_principal, next_unpaid_due, closed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 500, ?6, ?7, ?8, 'period', ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        loan.contract_no,
        fund_id,
        loan.borrower,
        t.principal.0,
        t.rate.bp(),
        t.method.code(),
        t.frequency.code(),
        t.periods,
        t.round_up_baht,
        t.start,
        loan.purpose,
        status.code(),
        st.outstanding_principal.0,
        st.next_unpaid_due,
        closed_on,
        clock::now_stamp(),
    ])?;
    let id = conn.last_insert_rowid();
    let mut inst = conn.prepare_cached(
        "INSERT INTO installment (loan_id, no, due_date, principal, interest, principal_paid, interest_paid, default_interest_paid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for i in &st.installments {
        inst.execute(params![
            id,
            i.no,
            i.due_date,
            i.principal.0,
            i.interest.0,
            i.principal_paid.0,
            i.interest_paid.0,
            i.default_interest_paid.0
        ])?;
    }
    for g in &loan.guarantors {
        loans::add_party(conn, id, *g, PartyRole::Guarantor, Some(t.start))?;
    }
    if let Some((doc, value)) = &loan.collateral {
        loans::add_collateral(
            conn,
            id,
            &loans::NewCollateral {
                kind: CollateralKind::LandTitle,
                document_no: doc.clone(),
                description: "ที่ดินพร้อมสิ่งปลูกสร้าง".into(),
                value: *value,
            },
        )?;
    }
    Ok(id)
}
