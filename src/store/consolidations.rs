//! 1 ครัวเรือน 1 สัญญา in the database: snapshot a household's open loans, save a draft, approve it
//! (maker-checker, meeting resolution) into a new contract of tranches in one transaction, and
//! reverse it while nothing has been paid on it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::audit;
use super::error::{Result, StoreError};
use super::loans::{self, Loan};
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::consolidation::{
    self, Consolidation, Proposal, RatePolicy, SourceLoan, TermChoice, Waiver,
};
use crate::domain::loan::{LoanStatus, PartyRole};
use crate::domain::rate::AnnualRate;
use crate::domain::role::Permission;
use crate::domain::schedule::{DayCount, Installment, Method, Schedule};
use crate::domain::thai::date::be_year;

/// What the preparer chooses; the snapshot itself is read from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub as_of: NaiveDate,
    /// The loans to merge (all open loans of the household when empty).
    pub loan_ids: Vec<i64>,
    pub waivers: BTreeMap<i64, Waiver>,
    pub capitalise_consent_on: Option<NaiveDate>,
    pub policy: RatePolicy,
    pub term: TermChoice,
    pub method: Method,
    pub frequency: crate::domain::schedule::Frequency,
    pub round_up_baht: bool,
    /// Borrower of record (usually the head of household).
    pub borrower_id: i64,
    pub guarantors: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub household_id: i64,
    pub status: String,
    pub as_of: NaiveDate,
    pub borrower_id: i64,
    pub settings: Settings,
    pub proposal: Proposal,
    pub fingerprint: String,
    pub contract_no: Option<String>,
    pub prepared_by: Option<i64>,
    pub approved_by: Option<i64>,
    pub resolution_no: Option<String>,
    pub resolution_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    settings: Settings,
    proposal: Proposal,
}

/// The household's open loans that may be merged: not already part of a consolidated contract.
pub fn open_loans(conn: &Connection, household_id: i64) -> Result<Vec<Loan>> {
    Ok(loans::of_household(conn, household_id)?
        .into_iter()
        .filter(|l| l.status.is_open() && l.tranche_of.is_none())
        .collect())
}

/// The snapshot of each loan as of the date (statement engine).
pub fn snapshot(
    conn: &Connection,
    household_id: i64,
    as_of: NaiveDate,
    only: &[i64],
) -> Result<Vec<SourceLoan>> {
    let mut out = Vec::new();
    for loan in open_loans(conn, household_id)? {
        if !only.is_empty() && !only.contains(&loan.id) {
            continue;
        }
        if loan.start > as_of {
            return Err(StoreError::refused(format!("สัญญา {} เริ่มหลังวันที่รวมหนี้", loan.contract_no)));
        }
        let st = loans::statement(conn, &loan, as_of)?;
        out.push(SourceLoan::from_statement(
            loan.id,
            &loan.contract_no,
            loan.fund_id,
            &loan.fund_name,
            loan.borrower_id,
            loan.rate,
            &st,
        ));
    }
    Ok(out)
}

pub fn proposal(conn: &Connection, household_id: i64, s: &Settings) -> Result<Proposal> {
    let loans = snapshot(conn, household_id, s.as_of, &s.loan_ids)?;
    if loans.is_empty() {
        return Err(StoreError::refused(consolidation::ConsolidationError::NoLoans));
    }
    Ok(Proposal {
        as_of: s.as_of,
        loans,
        waivers: s.waivers.clone(),
        capitalise_with_consent: s.capitalise_consent_on.is_some(),
        policy: s.policy,
        term: s.term,
        method: s.method,
        frequency: s.frequency,
        day_count: DayCount::Period,
        round_up_baht: s.round_up_baht,
    })
}

/// The live preview: the proposal and what it would make.
pub fn preview(
    conn: &Connection,
    household_id: i64,
    s: &Settings,
) -> Result<(Proposal, Consolidation)> {
    let p = proposal(conn, household_id, s)?;
    let c = consolidation::build(&p).map_err(StoreError::refused)?;
    Ok((p, c))
}

/// A fingerprint of the source loans' ledgers: changes when a payment, reversal or status change
/// touches any of them.
pub fn fingerprint(conn: &Connection, loan_ids: &[i64]) -> Result<String> {
    let mut h = Sha256::new();
    let mut stmt = conn.prepare_cached(
        "SELECT l.status, l.outstanding_principal, COALESCE(l.next_unpaid_due, ''),
           (SELECT COUNT(*) || ':' || COALESCE(MAX(p.id), 0) FROM payment p WHERE p.loan_id = l.id),
           (SELECT COUNT(*) FROM receipt_reversal r JOIN payment p ON p.receipt_id = r.receipt_id WHERE p.loan_id = l.id)
         FROM loan l WHERE l.id = ?1",
    )?;
    for id in loan_ids {
        let row: (String, i64, String, String, i64) =
            stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        h.update(format!("{id}|{}|{}|{}|{}|{};", row.0, row.1, row.2, row.3, row.4));
    }
    Ok(hex::encode(h.finalize()))
}

fn validate_parties(conn: &Connection, household_id: i64, s: &Settings) -> Result<()> {
    let member: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM person WHERE id = ?1 AND household_id = ?2 AND deceased = 0)",
        [s.borrower_id, household_id],
        |r| r.get(0),
    )?;
    if !member {
        return Err(StoreError::refused("ผู้กู้ตามสัญญาใหม่ต้องเป็นสมาชิกที่ยังมีชีวิตของครัวเรือนนี้"));
    }
    if s.guarantors.contains(&s.borrower_id) {
        return Err(StoreError::refused("ผู้กู้ค้ำประกันตนเองไม่ได้"));
    }
    Ok(())
}

/// Saves a draft (any role may prepare). Returns its id.
pub fn prepare(conn: &Connection, actor: &Actor, household_id: i64, s: &Settings) -> Result<i64> {
    actor.require(Permission::Prepare)?;
    validate_parties(conn, household_id, s)?;
    let (p, c) = preview(conn, household_id, s)?;
    let ids: Vec<i64> = p.loans.iter().map(|l| l.loan_id).collect();
    super::rejections::refuse_if_pending(conn, &ids)?;
    let json = serde_json::to_string(&Stored { settings: s.clone(), proposal: p.clone() })
        .map_err(|e| StoreError::refused(e.to_string()))?;
    conn.execute(
        "INSERT INTO consolidation (kind, household_id, status, as_of, borrower_id, proposal_json, fingerprint, capitalise_consent_on, prepared_by, prepared_at)
         VALUES ('consolidate', ?1, 'draft', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![household_id, s.as_of, s.borrower_id, json, fingerprint(conn, &ids)?, s.capitalise_consent_on, actor.user_id, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "prepare_consolidation",
        "consolidation",
        Some(id),
        &format!("{} สัญญา เงินต้นใหม่ {}", ids.len(), c.new_principal()),
    )?;
    Ok(id)
}

/// Re-reads the snapshot of a draft whose source loans changed, keeping the preparer's choices.
pub fn refresh(conn: &Connection, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::Prepare)?;
    let rec = get(conn, id)?;
    if rec.status != "draft" {
        return Err(StoreError::refused("ปรับปรุงได้เฉพาะร่างที่ยังไม่อนุมัติ"));
    }
    // A payment that arrived after the consolidation date moves the date to that day: the old
    // loans are merged as they stand after it, so no payment is left on a loan that no longer
    // exists in its fund's ledger (found by the per-fund reconciliation of `check`).
    let mut settings = rec.settings.clone();
    let ids: Vec<i64> = rec.proposal.loans.iter().map(|l| l.loan_id).collect();
    if let Some(last) = last_payment(conn, &ids)? {
        settings.as_of = settings.as_of.max(last);
    }
    let (p, _) = preview(conn, rec.household_id, &settings)?;
    let ids: Vec<i64> = p.loans.iter().map(|l| l.loan_id).collect();
    let as_of = settings.as_of;
    let json = serde_json::to_string(&Stored { settings, proposal: p })
        .map_err(|e| StoreError::refused(e.to_string()))?;
    conn.execute(
        "UPDATE consolidation SET proposal_json = ?2, fingerprint = ?3, as_of = ?4 WHERE id = ?1",
        params![id, json, fingerprint(conn, &ids)?, as_of],
    )?;
    audit::append(conn, actor, "refresh_consolidation", "consolidation", Some(id), "")?;
    Ok(())
}

/// The date of the latest live payment on any of `ids`.
fn last_payment(conn: &Connection, ids: &[i64]) -> Result<Option<NaiveDate>> {
    let mut last = None;
    for id in ids {
        let d: Option<NaiveDate> = conn.query_row(
            "SELECT MAX(p.paid_on) FROM payment p WHERE p.loan_id = ?1
               AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)",
            [id],
            |r| r.get(0),
        )?;
        last = last.max(d);
    }
    Ok(last)
}

pub fn get(conn: &Connection, id: i64) -> Result<Record> {
    conn.query_row(
        "SELECT id, household_id, status, as_of, borrower_id, proposal_json, fingerprint, contract_no, prepared_by, approved_by, resolution_no, resolution_on
         FROM consolidation WHERE id = ?1 AND kind = 'consolidate'",
        [id],
        |r| {
            let json: String = r.get(5)?;
            let stored: Stored = serde_json::from_str(&json).map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, Box::new(e)))?;
            Ok(Record {
                id: r.get(0)?,
                household_id: r.get(1)?,
                status: r.get(2)?,
                as_of: r.get(3)?,
                borrower_id: r.get(4)?,
                settings: stored.settings,
                proposal: stored.proposal,
                fingerprint: r.get(6)?,
                contract_no: r.get(7)?,
                prepared_by: r.get(8)?,
                approved_by: r.get(9)?,
                resolution_no: r.get(10)?,
                resolution_on: r.get(11)?,
            })
        },
    )
    .map_err(|_| StoreError::not_found("ร่างการรวมหนี้"))
}

pub fn of_household(conn: &Connection, household_id: i64) -> Result<Vec<Record>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM consolidation WHERE household_id = ?1 AND kind = 'consolidate' ORDER BY id")?
        .query_map([household_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// The approved contract a tranche or source loan belongs to, by its contract number.
pub fn by_contract(conn: &Connection, contract_no: &str) -> Result<Record> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM consolidation WHERE contract_no = ?1",
            [contract_no.trim()],
            |r| r.get(0),
        )
        .optional()?;
    get(
        conn,
        id.ok_or_else(|| StoreError::not_found(format!("สัญญารวมหนี้เลขที่ {}", contract_no.trim())))?,
    )
}

pub struct Approval<'a> {
    pub resolution_no: &'a str,
    pub resolution_on: NaiveDate,
    /// Each guarantor's fresh consent (s.700): person id and the day they signed.
    pub guarantor_consents: &'a [(i64, NaiveDate)],
}

/// Approves a draft in the caller's transaction: the new contract and its tranches, the source
/// loans closed as consolidated into it, transfer entries per fund, waivers, audit.
pub fn approve(conn: &Connection, actor: &Actor, id: i64, a: &Approval<'_>) -> Result<String> {
    let rec = get(conn, id)?;
    if rec.status != "draft" {
        return Err(StoreError::refused("อนุมัติได้เฉพาะร่างที่ยังไม่อนุมัติ"));
    }
    actor.approve_checked(rec.prepared_by, a.resolution_no)?;
    let ids: Vec<i64> = rec.proposal.loans.iter().map(|l| l.loan_id).collect();
    if fingerprint(conn, &ids)? != rec.fingerprint {
        return Err(StoreError::refused(
            "สัญญาเดิมมีความเคลื่อนไหว (เช่น มีการรับชำระ) หลังจัดทำร่าง กรุณาปรับปรุงข้อมูลก่อนอนุมัติ",
        ));
    }
    if last_payment(conn, &ids)?.is_some_and(|d| d > rec.as_of) {
        return Err(StoreError::refused("มีการรับชำระสัญญาเดิมหลังวันรวมหนี้ กรุณาปรับปรุงข้อมูลก่อนอนุมัติ"));
    }
    for g in &rec.settings.guarantors {
        if !a.guarantor_consents.iter().any(|(p, _)| p == g) {
            return Err(StoreError::refused(
                "ผู้ค้ำประกันทุกคนต้องให้ความยินยอมต่อสัญญาใหม่ (ป.พ.พ. มาตรา 700)",
            ));
        }
    }
    let built = consolidation::build(&rec.proposal).map_err(StoreError::refused)?;
    let contract_no = next_contract_no(conn, be_year(rec.as_of))?;
    let sources: Vec<Loan> = ids.iter().map(|i| loans::get(conn, *i)).collect::<Result<_>>()?;
    let co_borrowers: Vec<i64> = {
        let mut v: Vec<i64> =
            sources.iter().map(|l| l.borrower_id).filter(|b| *b != rec.borrower_id).collect();
        v.sort_unstable();
        v.dedup();
        v
    };

    let mut principal_tranche: BTreeMap<i64, i64> = BTreeMap::new();
    for t in &built.tranches {
        let fund_code: String =
            conn.query_row("SELECT code FROM fund WHERE id = ?1", [t.fund_id], |r| r.get(0))?;
        if t.principal.is_positive() {
            let loan_id = insert_tranche(
                conn,
                actor,
                &rec,
                &format!("{contract_no}-{fund_code}"),
                t.fund_id,
                t.rate,
                &t.schedule,
                "principal",
            )?;
            principal_tranche.insert(t.fund_id, loan_id);
            for p in &co_borrowers {
                loans::add_party(conn, loan_id, *p, PartyRole::CoBorrower, Some(rec.as_of))?;
            }
            for (p, on) in a.guarantor_consents {
                loans::add_party(conn, loan_id, *p, PartyRole::Guarantor, Some(*on))?;
            }
        }
        if t.carried.is_positive() {
            let carried = carried_schedule(&built, &t.carried_parts);
            insert_tranche(
                conn,
                actor,
                &rec,
                &format!("{contract_no}-{fund_code}ค"),
                t.fund_id,
                AnnualRate::ZERO,
                &carried,
                "carried",
            )?;
        }
    }
    for (loan, snap) in sources.iter().zip(&rec.proposal.loans) {
        conn.execute(
            "INSERT INTO consolidation_source (consolidation_id, loan_id, status_before, closed_on_before) VALUES (?1, ?2, ?3, ?4)",
            params![id, loan.id, loan.status.code(), loan.closed_on],
        )?;
        conn.execute(
            "UPDATE loan SET status = 'consolidated', consolidated_into = ?2, closed_on = ?3 WHERE id = ?1",
            params![loan.id, id, rec.as_of],
        )?;
        let w = rec.proposal.waivers.get(&loan.id).copied().unwrap_or_default();
        let capitalised = if rec.proposal.capitalise_with_consent {
            snap.interest_year_old.min(snap.interest - w.interest)
        } else {
            Satang::ZERO
        };
        let carried = snap.interest + snap.default_interest + snap.fees - w.total() - capitalised;
        conn.execute(
            "INSERT INTO fund_transfer (consolidation_id, fund_id, from_loan_id, to_loan_id, on_date, principal, interest, default_interest, fees,
               waived_interest, waived_default_interest, waived_fees, capitalised, carried)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                id, snap.fund_id, loan.id, principal_tranche.get(&snap.fund_id), rec.as_of, snap.principal.0, snap.interest.0,
                snap.default_interest.0, snap.fees.0, w.interest.0, w.default_interest.0, w.fees.0, capitalised.0, carried.0
            ],
        )?;
    }
    for p in &co_borrowers {
        conn.execute("INSERT INTO consolidation_party (consolidation_id, person_id, role, consent_on) VALUES (?1, ?2, 'co_borrower', ?3)", params![id, p, rec.as_of])?;
    }
    for (p, on) in a.guarantor_consents {
        conn.execute("INSERT INTO consolidation_party (consolidation_id, person_id, role, consent_on) VALUES (?1, ?2, 'guarantor', ?3)", params![id, p, on])?;
    }
    conn.execute(
        "UPDATE consolidation SET status = 'approved', contract_no = ?2, approved_by = ?3, approved_at = ?4, resolution_no = ?5, resolution_on = ?6 WHERE id = ?1",
        params![id, contract_no, actor.user_id, clock::now_stamp(), a.resolution_no.trim(), a.resolution_on],
    )?;
    audit::append(
        conn,
        actor,
        "approve_consolidation",
        "consolidation",
        Some(id),
        &format!(
            "{contract_no} มติ {} เงินต้นใหม่ {} ค้างยกมา {}",
            a.resolution_no.trim(),
            built.new_principal(),
            built.carried()
        ),
    )?;
    Ok(contract_no)
}

/// The carried arrears as an interest-free schedule on the contract's due dates.
fn carried_schedule(c: &Consolidation, parts: &[Satang]) -> Schedule {
    let total: Satang = parts.iter().copied().sum();
    let mut balance = total;
    Schedule {
        installments: c
            .installments
            .iter()
            .zip(parts)
            // A carried part smaller than a satang per installment is repaid with the first
            // installments only: the tranche holds no installment of 0.00 (issue 17 §A5).
            .filter(|(_, part)| part.is_positive())
            .map(|(h, part)| {
                balance -= *part;
                Installment {
                    no: h.no,
                    due_date: h.due_date,
                    principal: *part,
                    interest: Satang::ZERO,
                    balance,
                }
            })
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn insert_tranche(
    conn: &Connection,
    actor: &Actor,
    rec: &Record,
    contract_no: &str,
    fund_id: i64,
    rate: AnnualRate,
    schedule: &Schedule,
    part: &str,
) -> Result<i64> {
    let carried = part == "carried";
    let new = loans::NewLoan {
        contract_no: Some(contract_no.to_string()),
        fund_id,
        borrower_id: rec.borrower_id,
        terms: crate::domain::schedule::Terms {
            principal: schedule.total_principal(),
            rate,
            method: if carried { Method::EqualPrincipal } else { rec.proposal.method },
            frequency: rec.proposal.frequency,
            periods: schedule.installments.len() as u32,
            start: rec.as_of,
            day_count: rec.proposal.day_count,
            round_up_baht: rec.proposal.round_up_baht,
        },
        // Carried arrears are interest: no default interest on them (s.224/1, s.655).
        penalty_rate: if carried {
            AnnualRate::ZERO
        } else {
            AnnualRate::from_bp(crate::domain::statement::DEFAULT_PENALTY_BP)
                .unwrap_or(AnnualRate::ZERO)
        },
        purpose: format!(
            "รวมหนี้ครัวเรือนตามสัญญารวมหนี้{}",
            if carried {
                " (ดอกเบี้ยและค่าธรรมเนียมค้างยกมา ไม่คิดดอกเบี้ย)"
            } else {
                ""
            }
        ),
        co_borrowers: Vec::new(),
        guarantors: Vec::new(),
        collateral: Vec::new(),
    };
    let id = loans::insert(conn, actor, contract_no, &new, schedule)?;
    conn.execute(
        "UPDATE loan SET tranche_of = ?2, tranche_part = ?3 WHERE id = ?1",
        params![id, rec.id, part],
    )?;
    Ok(id)
}

pub fn next_contract_no(conn: &Connection, be_year: i32) -> Result<String> {
    let suffix = format!("/{be_year}");
    let mut stmt =
        conn.prepare("SELECT contract_no FROM consolidation WHERE contract_no LIKE 'รวม.%' || ?1")?;
    let max = stmt
        .query_map([&suffix], |r| r.get::<_, String>(0))?
        .filter_map(|no| no.ok()?.strip_prefix("รวม.")?.strip_suffix(&suffix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("รวม.{}{suffix}", max + 1))
}

/// The tranches of an approved contract (voided ones too after a reversal).
pub fn tranches(conn: &Connection, id: i64) -> Result<Vec<Loan>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM loan WHERE tranche_of = ?1 ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|i| loans::get(conn, i)).collect()
}

/// Undoes an approved consolidation (committee, with a reason) while nothing has been paid on it:
/// its tranches are voided and the source loans reopen exactly as they were.
pub fn reverse(conn: &Connection, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(Permission::ReverseApproval)?;
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลของการยกเลิกการรวมหนี้"));
    }
    let rec = get(conn, id)?;
    if rec.status != "approved" {
        return Err(StoreError::refused("ยกเลิกได้เฉพาะการรวมหนี้ที่อนุมัติแล้ว"));
    }
    let paid: i64 = conn.query_row(
        "SELECT COUNT(*) FROM payment p JOIN loan l ON l.id = p.loan_id WHERE l.tranche_of = ?1
         AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)",
        [id],
        |r| r.get(0),
    )?;
    if paid > 0 {
        return Err(StoreError::refused("สัญญารวมหนี้มีการรับชำระแล้ว ยกเลิกไม่ได้ (ให้ปรับโครงสร้างหนี้แทน)"));
    }
    conn.execute("UPDATE loan SET status = 'voided' WHERE tranche_of = ?1", [id])?;
    let mut stmt = conn.prepare("SELECT loan_id, status_before, closed_on_before FROM consolidation_source WHERE consolidation_id = ?1")?;
    let sources: Vec<(i64, String, Option<NaiveDate>)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (loan_id, status, closed_on) in sources {
        let status = LoanStatus::from_code(&status).unwrap_or(LoanStatus::Active);
        conn.execute(
            "UPDATE loan SET status = ?2, consolidated_into = NULL, closed_on = ?3 WHERE id = ?1",
            params![loan_id, status.code(), closed_on],
        )?;
    }
    conn.execute(
        "UPDATE consolidation SET status = 'reversed', reversed_by = ?2, reversed_at = ?3, reversal_reason = ?4 WHERE id = ?1",
        params![id, actor.user_id, clock::now_stamp(), reason.trim()],
    )?;
    audit::append(
        conn,
        actor,
        "reverse_consolidation",
        "consolidation",
        Some(id),
        &format!("{}: {}", rec.contract_no.unwrap_or_default(), reason.trim()),
    )?;
    Ok(())
}

/// Approved consolidations with how many payments their tranches have had: the approvals screen
/// offers reversal only while that count is zero (the store refuses otherwise anyway).
pub fn approved(conn: &Connection) -> Result<Vec<(Record, i64)>> {
    let ids: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT c.id, (SELECT COUNT(*) FROM payment p JOIN loan l ON l.id = p.loan_id WHERE l.tranche_of = c.id
               AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id))
             FROM consolidation c WHERE c.kind = 'consolidate' AND c.status = 'approved' ORDER BY c.id DESC",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|(id, paid)| Ok((get(conn, id)?, paid))).collect()
}
