//! Restructuring plans in the database: preview and propose on a contract (a loan or a
//! consolidated contract), approve (maker-checker, resolution, guarantors' consent to more time)
//! into new loans that replace the old schedules, and the new-loan eligibility rule.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::audit;
use super::consolidations::{self, fingerprint};
use super::error::{Result, StoreError};
use super::loans::{self, Loan};
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::consolidation::weighted_rate;
use crate::domain::loan::PartyRole;
use crate::domain::plan::{self, Cadence, Outstanding, Plan, PlanOptions, Sizing};
use crate::domain::role::Permission;
use crate::domain::statement::Statement;

/// What a plan restructures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Loan(i64),
    /// A household's consolidated contract (its consolidation id).
    Contract(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub target: Target,
    pub status: String,
    pub label: String,
    pub as_of: NaiveDate,
    pub options: PlanOptions,
    pub outstanding: Outstanding,
    pub plan: Plan,
    pub fingerprint: String,
    pub prepared_by: Option<i64>,
    pub resolution_no: Option<String>,
    pub stage: String,
    pub health: String,
    pub released: Satang,
    pub cancelled: Satang,
    pub broken_on: Option<NaiveDate>,
}

/// A contract number names a loan or a consolidated contract.
pub fn target_by_contract(conn: &Connection, contract_no: &str) -> Result<Target> {
    if let Ok(rec) = consolidations::by_contract(conn, contract_no) {
        return Ok(Target::Contract(rec.id));
    }
    Ok(Target::Loan(loans::by_contract(conn, contract_no)?.id))
}

/// The open loans a target consists of, with their statements as of the date.
pub fn parts(
    conn: &Connection,
    target: Target,
    as_of: NaiveDate,
) -> Result<Vec<(Loan, Statement)>> {
    let loans: Vec<Loan> = match target {
        Target::Loan(id) => vec![loans::get(conn, id)?],
        Target::Contract(id) => consolidations::tranches(conn, id)?,
    };
    let open: Vec<Loan> = loans.into_iter().filter(|l| l.status.is_open()).collect();
    if open.is_empty() {
        return Err(StoreError::refused("สัญญานี้ไม่มียอดค้างที่ปรับโครงสร้างได้"));
    }
    open.into_iter()
        .map(|l| {
            if l.start > as_of {
                return Err(StoreError::refused(format!(
                    "สัญญา {} เริ่มหลังวันที่ปรับโครงสร้าง",
                    l.contract_no
                )));
            }
            let st = loans::statement(conn, &l, as_of)?;
            Ok((l, st))
        })
        .collect()
}

fn outstanding_of(parts: &[(Loan, Statement)], as_of: NaiveDate) -> Outstanding {
    let mut o = Outstanding {
        as_of,
        principal: Satang::ZERO,
        interest: Satang::ZERO,
        default_interest: Satang::ZERO,
        fees: Satang::ZERO,
        rate: crate::domain::AnnualRate::ZERO,
    };
    let mut weights = Vec::new();
    for (loan, st) in parts {
        if loan.tranche_part.as_deref() == Some("carried") {
            // Carried arrears are interest already: they stay interest-free.
            o.interest += st.outstanding_principal + st.interest_due;
        } else {
            o.principal += st.outstanding_principal;
            o.interest += st.interest_due + st.accrued_interest;
            weights.push((st.outstanding_principal, loan.rate));
        }
        o.default_interest += st.default_interest;
        o.fees += st.fees_due;
    }
    o.rate = weighted_rate(weights.into_iter());
    o
}

pub fn outstanding(conn: &Connection, target: Target, as_of: NaiveDate) -> Result<Outstanding> {
    Ok(outstanding_of(&parts(conn, target, as_of)?, as_of))
}

/// The parts a plan is built on: the loan itself, or each fund of a consolidated contract (its
/// principal and carried tranches together), with the loan the new schedule replaces.
fn fund_parts(parts: &[(Loan, Statement)], as_of: NaiveDate) -> Vec<(Loan, Vec<i64>, Outstanding)> {
    let mut funds: Vec<i64> = parts.iter().map(|(l, _)| l.fund_id).collect();
    funds.sort_unstable();
    funds.dedup();
    funds
        .into_iter()
        .filter_map(|fund| {
            let mine: Vec<(Loan, Statement)> =
                parts.iter().filter(|(l, _)| l.fund_id == fund).cloned().collect();
            let base = mine
                .iter()
                .find(|(l, _)| l.tranche_part.as_deref() != Some("carried"))
                .or(mine.first())?
                .0
                .clone();
            let ids = mine.iter().map(|(l, _)| l.id).collect();
            Some((base, ids, outstanding_of(&mine, as_of)))
        })
        .collect()
}

/// One option, computed and not saved (the comparison screen builds up to three).
pub fn preview(
    conn: &Connection,
    target: Target,
    as_of: NaiveDate,
    opts: &PlanOptions,
) -> Result<(Outstanding, Plan)> {
    let parts = parts(conn, target, as_of)?;
    let o = outstanding_of(&parts, as_of);
    let outstandings: Vec<Outstanding> =
        fund_parts(&parts, as_of).into_iter().map(|p| p.2).collect();
    let (p, _) = plan::build_parts(&outstandings, opts).map_err(StoreError::refused)?;
    Ok((o, p))
}

/// What the plan builder needs to compare options on screen without going back to the database
/// for each keystroke: the whole outstanding and one part per fund (see [`preview`]).
pub fn basis(
    conn: &Connection,
    target: Target,
    as_of: NaiveDate,
) -> Result<(Outstanding, Vec<Outstanding>)> {
    let parts = parts(conn, target, as_of)?;
    let o = outstanding_of(&parts, as_of);
    Ok((o, fund_parts(&parts, as_of).into_iter().map(|p| p.2).collect()))
}

/// The open loans a plan on this target replaces (their fingerprint tells a stale proposal).
pub fn loan_ids(conn: &Connection, target: Target) -> Result<Vec<i64>> {
    target_loan_ids(conn, target)
}

fn target_loan_ids(conn: &Connection, target: Target) -> Result<Vec<i64>> {
    Ok(match target {
        Target::Loan(id) => vec![id],
        Target::Contract(id) => consolidations::tranches(conn, id)?
            .into_iter()
            .filter(|l| l.status.is_open())
            .map(|l| l.id)
            .collect(),
    })
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::refused(e.to_string()))
}

/// Proposes one option for approval (officers may).
pub fn propose(
    conn: &Connection,
    actor: &Actor,
    target: Target,
    as_of: NaiveDate,
    opts: &PlanOptions,
    label: &str,
) -> Result<i64> {
    actor.require(Permission::Prepare)?;
    super::rejections::refuse_if_pending(conn, &target_loan_ids(conn, target)?)?;
    let (o, p) = preview(conn, target, as_of, opts)?;
    let (loan_id, consolidation_id) = match target {
        Target::Loan(id) => (Some(id), None),
        Target::Contract(id) => (None, Some(id)),
    };
    conn.execute(
        "INSERT INTO plan (loan_id, consolidation_id, status, label, as_of, options_json, outstanding_json, plan_json, fingerprint, prepared_by, prepared_at)
         VALUES (?1, ?2, 'proposed', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![loan_id, consolidation_id, label, as_of, to_json(opts)?, to_json(&o)?, to_json(&p)?, fingerprint(conn, &target_loan_ids(conn, target)?)?, actor.user_id, clock::now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "propose_plan",
        "plan",
        Some(id),
        &format!("{label} {} งวด งวดละ {}", p.periods(), p.regular_installment()),
    )?;
    Ok(id)
}

fn from_json<T: for<'de> Deserialize<'de>>(text: &str, col: usize) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
    })
}

const SELECT: &str = "SELECT id, loan_id, consolidation_id, status, label, as_of, options_json, outstanding_json, plan_json, fingerprint,
    prepared_by, resolution_no, stage, health, released, cancelled, broken_on FROM plan";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    let loan: Option<i64> = r.get(1)?;
    let contract: Option<i64> = r.get(2)?;
    Ok(Record {
        id: r.get(0)?,
        target: match (loan, contract) {
            (Some(l), _) => Target::Loan(l),
            (None, Some(c)) => Target::Contract(c),
            _ => Target::Loan(0),
        },
        status: r.get(3)?,
        label: r.get(4)?,
        as_of: r.get(5)?,
        options: from_json(&r.get::<_, String>(6)?, 6)?,
        outstanding: from_json(&r.get::<_, String>(7)?, 7)?,
        plan: from_json(&r.get::<_, String>(8)?, 8)?,
        fingerprint: r.get(9)?,
        prepared_by: r.get(10)?,
        resolution_no: r.get(11)?,
        stage: r.get(12)?,
        health: r.get(13)?,
        released: Satang(r.get(14)?),
        cancelled: Satang(r.get(15)?),
        broken_on: r.get(16)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Record> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .map_err(|_| StoreError::not_found("แผนปรับโครงสร้างหนี้"))
}

/// Plans on a loan or contract, newest first.
pub fn for_target(conn: &Connection, target: Target) -> Result<Vec<Record>> {
    let (sql, id) = match target {
        Target::Loan(id) => (format!("{SELECT} WHERE loan_id = ?1 ORDER BY id DESC"), id),
        Target::Contract(id) => {
            (format!("{SELECT} WHERE consolidation_id = ?1 ORDER BY id DESC"), id)
        }
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The approved plan that created a loan, if any.
pub fn creating(conn: &Connection, loan_id: i64) -> Result<Option<Record>> {
    let id: Option<i64> = conn
        .query_row("SELECT plan_id FROM plan_loan WHERE loan_id = ?1 LIMIT 1", [loan_id], |r| {
            r.get(0)
        })
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// Guarantors of the contract whose consent to more time the approval needs (s.700).
pub fn guarantors(conn: &Connection, target: Target) -> Result<Vec<loans::Party>> {
    let mut out: Vec<loans::Party> = Vec::new();
    for id in target_loan_ids(conn, target)? {
        for p in loans::parties(conn, id)? {
            if p.role == PartyRole::Guarantor && !out.iter().any(|o| o.person_id == p.person_id) {
                out.push(p);
            }
        }
    }
    Ok(out)
}

pub struct Approval<'a> {
    pub resolution_no: &'a str,
    pub resolution_on: NaiveDate,
    pub guarantor_consents: &'a [(i64, NaiveDate)],
}

/// Approves a proposed plan in the caller's transaction; returns the new loans.
pub fn approve(conn: &Connection, actor: &Actor, id: i64, a: &Approval<'_>) -> Result<Vec<i64>> {
    let rec = get(conn, id)?;
    if rec.status != "proposed" {
        return Err(StoreError::refused("อนุมัติได้เฉพาะแผนที่เสนอและยังไม่อนุมัติ"));
    }
    actor.approve_checked(rec.prepared_by, a.resolution_no)?;
    let ids = target_loan_ids(conn, rec.target)?;
    if fingerprint(conn, &ids)? != rec.fingerprint {
        return Err(StoreError::refused(
            "สัญญามีความเคลื่อนไหว (เช่น มีการรับชำระ) หลังเสนอแผน กรุณาจัดทำแผนใหม่",
        ));
    }
    for g in guarantors(conn, rec.target)? {
        if !a.guarantor_consents.iter().any(|(p, _)| *p == g.person_id) {
            return Err(StoreError::refused(format!(
                "{} ผู้ค้ำประกันต้องยินยอมให้ขยายเวลาชำระหนี้ (ป.พ.พ. มาตรา 700)",
                g.name
            )));
        }
    }
    let parts = parts(conn, rec.target, rec.as_of)?;
    let new_loans = match rec.target {
        Target::Loan(_) => vec![replace(conn, actor, &rec, &parts[0].0, &rec.plan, a)?],
        Target::Contract(_) => replace_tranches(conn, actor, &rec, &parts, a)?,
    };
    for (old, _) in &parts {
        conn.execute(
            "UPDATE loan SET status = 'restructured', closed_on = ?2 WHERE id = ?1",
            params![old.id, rec.as_of],
        )?;
    }
    for (person, on) in a.guarantor_consents {
        conn.execute("INSERT OR REPLACE INTO plan_consent (plan_id, person_id, consent_on) VALUES (?1, ?2, ?3)", params![id, person, on])?;
    }
    conn.execute(
        "UPDATE plan SET status = 'approved', approved_by = ?2, approved_at = ?3, resolution_no = ?4, resolution_on = ?5 WHERE id = ?1",
        params![id, actor.user_id, clock::now_stamp(), a.resolution_no.trim(), a.resolution_on],
    )?;
    // Other options proposed for the same contract are set aside.
    let (col, target_id) = match rec.target {
        Target::Loan(l) => ("loan_id", l),
        Target::Contract(c) => ("consolidation_id", c),
    };
    conn.execute(&format!("UPDATE plan SET status = 'rejected' WHERE {col} = ?1 AND status = 'proposed' AND id != ?2"), params![target_id, id])?;
    audit::append(
        conn,
        actor,
        "approve_plan",
        "plan",
        Some(id),
        &format!("มติ {} {} งวด", a.resolution_no.trim(), rec.plan.periods()),
    )?;
    Ok(new_loans)
}

/// A consolidated contract is restructured fund by fund: each fund's tranches get one new tranche
/// on the plan's dates, at the fund's rate (capped by any reduced rate), so every fund keeps its
/// own ledger; together they are exactly the plan that was proposed.
fn replace_tranches(
    conn: &Connection,
    actor: &Actor,
    rec: &Record,
    parts: &[(Loan, Statement)],
    a: &Approval<'_>,
) -> Result<Vec<i64>> {
    let groups = fund_parts(parts, rec.as_of);
    let mut opts = rec.options.clone();
    opts.sizing = Sizing::Periods(rec.plan.periods());
    let outstandings: Vec<Outstanding> = groups.iter().map(|g| g.2).collect();
    let (_, plans) = plan::build_parts(&outstandings, &opts).map_err(StoreError::refused)?;
    let owing: Vec<&(Loan, Vec<i64>, Outstanding)> = groups
        .iter()
        .filter(|g| (g.2.principal + g.2.interest + g.2.default_interest + g.2.fees).is_positive())
        .collect();
    let mut out = Vec::new();
    for ((base, ids, _), fund_plan) in owing.into_iter().zip(&plans) {
        let new_id = replace(conn, actor, rec, base, fund_plan, a)?;
        for old in ids.iter().filter(|id| **id != base.id) {
            conn.execute(
                "INSERT INTO plan_loan (plan_id, old_loan_id, loan_id) VALUES (?1, ?2, ?3)",
                params![rec.id, old, new_id],
            )?;
        }
        out.push(new_id);
    }
    Ok(out)
}

/// Writes the new loan that carries a plan's schedule, in place of `old`. A part with only
/// carried arrears left (no principal) becomes an interest-free loan of those arrears.
fn replace(
    conn: &Connection,
    actor: &Actor,
    rec: &Record,
    old: &Loan,
    p: &Plan,
    a: &Approval<'_>,
) -> Result<i64> {
    let n: i64 =
        conn.query_row("SELECT COUNT(*) FROM loan WHERE restructured_from = ?1", [old.id], |r| {
            r.get(0)
        })?;
    let contract_no = format!("{}-ป{}", old.contract_no, n + 1);
    let frequency = match &rec.options.cadence {
        Cadence::Regular(f) => f.code(),
        Cadence::Harvest(_) => "custom",
    };
    let arrears_only = p.principal.is_zero();
    let principal =
        if arrears_only { p.installments.iter().map(|i| i.carried).sum() } else { p.principal };
    let (rate, penalty) = if arrears_only { (0, 0) } else { (p.rate.bp(), old.penalty_rate.bp()) };
    // Arrears alone (no principal left) are a carried, interest-free part wherever they come
    // from: never principal in any figure (issue 17 §A2).
    let part = match (old.tranche_of, arrears_only) {
        (_, true) => Some("carried"),
        (None, false) => None,
        (Some(_), false) => Some("principal"),
    };
    let first_due = p.installments.iter().find(|i| i.total().is_positive()).map(|i| i.due_date);
    conn.execute(
        "INSERT INTO loan (contract_no, fund_id, borrower_id, principal, rate_bp, penalty_bp, method, frequency, periods, day_count,
           round_up_baht, start_date, purpose, outstanding_principal, next_unpaid_due, restructured_from, tranche_of, tranche_part, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'annuity', ?7, ?8, ?9, 0, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            contract_no,
            old.fund_id,
            old.borrower_id,
            principal.0,
            rate,
            penalty,
            frequency,
            p.periods(),
            rec.options.cadence.day_count().code(),
            rec.as_of,
            format!("ปรับโครงสร้างหนี้ตามแผน (มติ {})", a.resolution_no.trim()),
            principal.0,
            first_due,
            old.id,
            old.tranche_of,
            part,
            actor.user_id,
            clock::now_stamp(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached("INSERT INTO installment (loan_id, no, due_date, principal, interest, carried) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for i in &p.installments {
        if arrears_only {
            stmt.execute(params![id, i.no, i.due_date, i.carried.0, 0, 0])?;
        } else {
            stmt.execute(params![
                id,
                i.no,
                i.due_date,
                i.principal.0,
                (i.interest + i.carried).0,
                i.carried.0
            ])?;
        }
    }
    for party in loans::parties(conn, old.id)? {
        let consent = match party.role {
            PartyRole::CoBorrower => Some(rec.as_of),
            PartyRole::Guarantor => {
                a.guarantor_consents.iter().find(|(p, _)| *p == party.person_id).map(|(_, on)| *on)
            }
        };
        loans::add_party(conn, id, party.person_id, party.role, consent)?;
    }
    conn.execute(
        "INSERT INTO plan_loan (plan_id, old_loan_id, loan_id) VALUES (?1, ?2, ?3)",
        params![rec.id, old.id, id],
    )?;
    // A schedule whose first installments are a holiday starts with nothing due: the cache
    // follows the engine.
    super::ledger::rebuild(conn, id)?;
    Ok(id)
}

/// "A member must pay off before borrowing again": refused while the person owes on a loan made
/// by a restructuring plan (the ยึด stage holds until หมดหนี้).
pub fn check_eligibility(conn: &Connection, person_id: i64) -> Result<()> {
    let held: Option<String> = conn
        .query_row(
            "SELECT l.contract_no FROM plan_loan pl JOIN loan l ON l.id = pl.loan_id
             WHERE l.borrower_id = ?1 AND l.status IN ('active', 'terminated', 'litigation') LIMIT 1",
            [person_id],
            |r| r.get(0),
        )
        .optional()?;
    match held {
        Some(no) => Err(StoreError::refused(format!(
            "สมาชิกยังผ่อนชำระตามแผนปรับโครงสร้างหนี้ (สัญญา {no}) ต้องชำระให้หมดก่อนจึงจะกู้ใหม่ได้"
        ))),
        None => Ok(()),
    }
}
