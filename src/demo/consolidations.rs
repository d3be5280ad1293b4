//! Consolidations in the demo (1 ครัวเรือน 1 สัญญา): some households with loans from several
//! funds had them merged a few months ago through the real prepare/approve path, half of them
//! with the default interest waived, so the funds screen, the fund statement and the
//! reconciliation have carried parts, waivers and transfers to show; since then most households
//! pay the contract's installments.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::consolidation::{RatePolicy, TermChoice, Waiver};
use crate::domain::loan::Channel;
use crate::domain::role::Role;
use crate::domain::schedule::{Frequency, Method};
use crate::store::error::Result;
use crate::store::{Actor, consolidations, contract_payments, loans};

/// Merges the loans of about one in five households that hold two or more open loans (none of
/// them on a plan); returns how many contracts were made.
pub fn add(conn: &Connection, seed: u64, today: NaiveDate) -> Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x636f_6e73);
    let officer = Actor { user_id: Some(1), role: Role::Officer, name: String::new() };
    let treasurer = Actor { user_id: Some(2), role: Role::Treasurer, name: String::new() };
    let candidates: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT p.household_id, h.head_person_id FROM loan l
             JOIN person p ON p.id = l.borrower_id JOIN household h ON h.id = p.household_id
             WHERE l.status = 'active' AND l.tranche_of IS NULL AND h.head_person_id IS NOT NULL
             GROUP BY p.household_id
             HAVING COUNT(*) >= 2
                AND NOT EXISTS (SELECT 1 FROM loan x JOIN person xp ON xp.id = x.borrower_id
                                WHERE xp.household_id = p.household_id
                                  AND (x.restructured_from IS NOT NULL OR x.status = 'restructured'))
             ORDER BY p.household_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut made = 0;
    for (household_id, head) in candidates {
        if !rng.random_bool(0.2) {
            continue;
        }
        let as_of = today.checked_sub_months(Months::new(rng.random_range(2..=6))).unwrap_or(today);
        let open = consolidations::open_loans(conn, household_id)?;
        // The contract replaces the loans as they stood on its date: one started or paid on
        // after it could not have been merged then.
        let mut stale = false;
        for loan in &open {
            let last_paid: Option<NaiveDate> = conn.query_row(
                "SELECT MAX(paid_on) FROM payment WHERE loan_id = ?1",
                [loan.id],
                |r| r.get(0),
            )?;
            stale |= loan.start >= as_of || last_paid.is_some_and(|d| d >= as_of);
        }
        if stale || open.len() < 2 {
            continue;
        }
        let snapshot = consolidations::snapshot(conn, household_id, as_of, &[])?;
        let waivers: BTreeMap<i64, Waiver> = if rng.random_bool(0.5) {
            snapshot.iter().map(|l| (l.loan_id, Waiver::penalties_of(l))).collect()
        } else {
            BTreeMap::new()
        };
        let settings = consolidations::Settings {
            as_of,
            loan_ids: Vec::new(),
            waivers,
            capitalise_consent_on: None,
            policy: if rng.random_bool(0.5) { RatePolicy::Tranches } else { RatePolicy::Weighted },
            term: TermChoice::Periods(rng.random_range(2..=4) * 12),
            method: Method::Annuity,
            frequency: Frequency::Monthly,
            round_up_baht: false,
            borrower_id: head,
            guarantors: Vec::new(),
        };
        let Ok(id) = consolidations::prepare(conn, &officer, household_id, &settings) else {
            continue;
        };
        let approval = consolidations::Approval {
            resolution_no: "15/2569",
            resolution_on: as_of,
            guarantor_consents: &[],
        };
        consolidations::approve(conn, &treasurer, id, &approval)?;
        follow(conn, &officer, &mut rng, id, today)?;
        made += 1;
    }
    Ok(made)
}

/// Household payments since the contract: most pay each due date's installments in full, some
/// stopped after the first two.
fn follow(
    conn: &Connection,
    officer: &Actor,
    rng: &mut ChaCha8Rng,
    consolidation_id: i64,
    today: NaiveDate,
) -> Result<()> {
    let mut due: BTreeMap<NaiveDate, Satang> = BTreeMap::new();
    for tranche in consolidations::tranches(conn, consolidation_id)? {
        for inst in loans::schedule(conn, tranche.id)?.installments {
            *due.entry(inst.due_date).or_insert(Satang::ZERO) += inst.payment();
        }
    }
    let stops_after = if rng.random_bool(0.75) { usize::MAX } else { 2 };
    for (k, (date, amount)) in due.into_iter().enumerate() {
        if date > today || k >= stops_after {
            break;
        }
        let payment = contract_payments::ContractPayment {
            paid_on: date,
            amount,
            channel: Channel::Cash,
            payer_name: "",
            note: "",
        };
        contract_payments::record(conn, officer, consolidation_id, &payment, today)?;
    }
    Ok(())
}
