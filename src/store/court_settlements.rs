//! A settlement in court (สัญญาประนีประนอมยอมความ, issue 13 §3): the terms the parties agree
//! before the court become the loan's schedule. The plan engine lays it out from what the
//! statement engine says is owed on the day (principal keeps its interest; contract and default
//! interest not waived, and fees, are repaid interest-free, s.655), and a new loan carrying that
//! schedule replaces the old one the way an approved plan does (`restructured_from`, so each
//! fund's statement moves the principal over on that day). Payments then follow it.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::court_cases::{self, Case};
use super::error::{Result, StoreError};
use super::users::Actor;
use super::{audit, ledger, loans, plans};
use crate::clock;
use crate::domain::legal::case::{CaseStatus, EventKind};
use crate::domain::loan::{LoanStatus, PartyRole};
use crate::domain::plan::{self, Cadence, Outstanding, Plan, PlanOptions, Sizing};
use crate::domain::rate::AnnualRate;
use crate::domain::role::Permission;
use crate::domain::schedule::Frequency;

/// The agreed terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub on: NaiveDate,
    pub periods: u32,
    pub frequency: Frequency,
    /// The agreed rate on the principal (0 when the settlement charges none).
    pub rate: AnnualRate,
    pub waive_default_interest: bool,
    pub note: String,
}

fn options(t: &Terms) -> PlanOptions {
    PlanOptions {
        sizing: Sizing::Periods(t.periods),
        cadence: Cadence::Regular(t.frequency),
        grace: None,
        step_up_bp: 0,
        rate: Some(t.rate),
        waive_default_interest: t.waive_default_interest,
        waive_fees: false,
        release_default_interest: None,
    }
}

fn check(conn: &Connection, case: &Case, t: &Terms) -> Result<()> {
    if case.consolidation_id.is_some() {
        return Err(StoreError::refused(
            "การประนีประนอมยอมความของสัญญารวมหนี้ ยังต้องทำผ่านแผนปรับโครงสร้างหนี้",
        ));
    }
    let Some(filed_on) = case.filed_on else {
        return Err(StoreError::refused("ยังไม่ได้ยื่นฟ้อง: บันทึกการยื่นฟ้องก่อน"));
    };
    if matches!(case.status, CaseStatus::Settled | CaseStatus::Closed) || case.judgment_on.is_some()
    {
        return Err(StoreError::refused("คดีนี้มีคำพิพากษาหรือประนีประนอมยอมความแล้ว"));
    }
    if t.on < filed_on || t.on > clock::today() {
        return Err(StoreError::refused("วันที่ทำสัญญาประนีประนอมต้องอยู่ระหว่างวันยื่นฟ้องถึงวันนี้"));
    }
    // The old loan closes on the settlement's day: money it received after that day would be
    // left on a closed loan, outside the new schedule.
    let later: i64 = conn.query_row(
        "SELECT COUNT(*) FROM payment p WHERE p.loan_id = ?1 AND p.paid_on > ?2
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)",
        rusqlite::params![case.loan_id, t.on],
        |r| r.get(0),
    )?;
    if later > 0 {
        return Err(StoreError::refused(
            "มีการรับชำระหลังวันที่ทำสัญญาประนีประนอม กรุณาระบุวันที่ไม่ก่อนการรับชำระครั้งล่าสุด",
        ));
    }
    if t.periods == 0 {
        return Err(StoreError::refused("จำนวนงวดต้องมากกว่าศูนย์"));
    }
    Ok(())
}

/// The schedule the terms give, not saved (the form shows it before the treasurer confirms).
pub fn preview(conn: &Connection, case_id: i64, t: &Terms) -> Result<(Outstanding, Plan)> {
    let case = court_cases::get(conn, case_id)?;
    check(conn, &case, t)?;
    let o = plans::outstanding(conn, case.target(), t.on)?;
    let p = plan::build(&o, &options(t)).map_err(StoreError::refused)?;
    Ok((o, p))
}

/// Records the settlement: the new loan with the agreed schedule, the old one closed as
/// restructured on that day, the case settled, the event on the timeline, the audit entry.
/// Returns the new loan's id.
pub fn settle(conn: &Connection, actor: &Actor, case_id: i64, t: &Terms) -> Result<i64> {
    actor.require(Permission::Approve)?;
    let case = court_cases::get(conn, case_id)?;
    let (_, p) = preview(conn, case_id, t)?;
    let old = loans::get(conn, case.loan_id)?;
    let n: i64 =
        conn.query_row("SELECT COUNT(*) FROM loan WHERE restructured_from = ?1", [old.id], |r| {
            r.get(0)
        })?;
    let contract_no = format!("{}-ศ{}", old.contract_no, n + 1);
    let first_due = p.installments.iter().find(|i| i.total().is_positive()).map(|i| i.due_date);
    conn.execute(
        "INSERT INTO loan (contract_no, fund_id, borrower_id, principal, rate_bp, penalty_bp, method, frequency, periods, day_count,
           round_up_baht, start_date, purpose, outstanding_principal, next_unpaid_due, restructured_from, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'annuity', ?7, ?8, ?9, 0, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            contract_no,
            old.fund_id,
            old.borrower_id,
            p.principal.0,
            p.rate.bp(),
            old.penalty_rate.bp(),
            t.frequency.code(),
            p.periods(),
            Cadence::Regular(t.frequency).day_count().code(),
            t.on,
            format!("สัญญาประนีประนอมยอมความในศาล คดีหมายเลขดำที่ {}", case.black_no),
            p.principal.0,
            first_due,
            old.id,
            actor.user_id,
            clock::now_stamp(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO installment (loan_id, no, due_date, principal, interest, carried) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for i in &p.installments {
        stmt.execute(params![
            id,
            i.no,
            i.due_date,
            i.principal.0,
            (i.interest + i.carried).0,
            i.carried.0
        ])?;
    }
    for party in loans::parties(conn, old.id)? {
        // The guarantors stay bound only as far as they agree to the new terms (s.700); the
        // settlement records the co-borrowers, and guarantors without a fresh consent.
        let consent = (party.role == PartyRole::CoBorrower).then_some(t.on);
        loans::add_party(conn, id, party.person_id, party.role, consent)?;
    }
    conn.execute(
        "UPDATE loan SET status = ?2, closed_on = ?3 WHERE id = ?1",
        params![old.id, LoanStatus::Restructured.code(), t.on],
    )?;
    conn.execute(
        "UPDATE legal_case SET status = 'settled', settlement_loan_id = ?2 WHERE id = ?1",
        params![case_id, id],
    )?;
    ledger::rebuild(conn, id)?;
    let note = format!(
        "{} งวด งวดละ {} บาท ดอกเบี้ยร้อยละ {} ต่อปี เป็นสัญญา {contract_no} {}",
        p.periods(),
        p.regular_installment(),
        t.rate.percent().normalize(),
        t.note.trim()
    );
    conn.execute(
        "INSERT INTO legal_event (case_id, on_date, kind, amount, note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            case_id,
            t.on,
            EventKind::Settlement.code(),
            (p.principal + p.carried).0,
            note.trim(),
            actor.user_id,
            clock::now_stamp()
        ],
    )?;
    audit::append(
        conn,
        actor,
        "case_settlement",
        "legal_case",
        Some(case_id),
        &format!("สัญญา {} ประนีประนอมยอมความ {note}", old.contract_no),
    )?;
    Ok(id)
}
