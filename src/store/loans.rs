//! Loan contracts: creation with their schedule, parties (co-borrowers, guarantors), collateral,
//! and reading a loan back with its statement as of any date.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use super::{funds, ledger, settings};
use crate::clock;
use crate::domain::Satang;
use crate::domain::arrears::{self, Tolerance};
use crate::domain::loan::{CollateralKind, LoanStatus, PartyRole, contract_number};
use crate::domain::person::full_name;
use crate::domain::rate::AnnualRate;
use crate::domain::role::Permission;
use crate::domain::schedule::{self, DayCount, Frequency, Installment, Method, Schedule, Terms};
use crate::domain::statement::{self, LoanBasis, Statement};
use crate::domain::thai::date::be_year;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCollateral {
    pub kind: CollateralKind,
    pub document_no: String,
    pub description: String,
    pub value: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLoan {
    /// None: the next number of the fund for the start's Buddhist year.
    pub contract_no: Option<String>,
    pub fund_id: i64,
    pub borrower_id: i64,
    pub terms: Terms,
    pub penalty_rate: AnnualRate,
    pub purpose: String,
    pub co_borrowers: Vec<i64>,
    pub guarantors: Vec<i64>,
    pub collateral: Vec<NewCollateral>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    pub id: i64,
    pub contract_no: String,
    pub fund_id: i64,
    pub fund_name: String,
    pub borrower_id: i64,
    pub borrower_name: String,
    pub household_id: i64,
    pub principal: Satang,
    pub rate: AnnualRate,
    pub penalty_rate: AnnualRate,
    pub method: Method,
    /// None for schedules on chosen dates (harvest months, restructuring plans).
    pub frequency: Option<Frequency>,
    pub periods: u32,
    pub day_count: DayCount,
    pub round_up_baht: bool,
    pub start: NaiveDate,
    pub purpose: String,
    pub status: LoanStatus,
    pub consolidated_into: Option<i64>,
    pub restructured_from: Option<i64>,
    pub outstanding: Satang,
    pub next_unpaid_due: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    /// The consolidated contract this loan is a tranche of, and which part (principal, carried).
    pub tranche_of: Option<i64>,
    pub tranche_part: Option<String>,
    /// The due date after which the loan is in arrears under the arrears tolerance (see
    /// `domain::arrears::arrears_from`), read with the loan from its installment caches.
    pub arrears_from: Option<NaiveDate>,
    /// The date of the approved termination (บอกเลิกสัญญา), from which the statement engine
    /// accelerates the schedule.
    pub terminated_on: Option<NaiveDate>,
}

impl Loan {
    pub fn basis(&self) -> LoanBasis {
        LoanBasis {
            rate: self.rate,
            method: self.method,
            start: self.start,
            default_rate: self.penalty_rate,
        }
    }

    /// The loan's statement from its stored schedule, payments and fees, through the engine,
    /// accelerated from the termination date when the contract was terminated.
    pub fn compute(
        &self,
        schedule: &Schedule,
        payments: &[statement::PaymentIn],
        fees: &[statement::FeeIn],
        as_of: NaiveDate,
    ) -> Result<Statement> {
        statement::compute_terminated(
            schedule,
            &self.basis(),
            payments,
            fees,
            as_of,
            self.terminated_on,
        )
        .map_err(StoreError::refused)
    }

    /// Days past due as of `today`, from the cached oldest unpaid due date, counted only once
    /// what is overdue reaches the arrears tolerance (issue 11 §3).
    pub fn days_past_due(&self, today: NaiveDate) -> i64 {
        if !self.status.is_open() {
            return 0;
        }
        arrears::days_past_due(self.next_unpaid_due, self.arrears_from, today)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub person_id: i64,
    pub name: String,
    pub role: PartyRole,
    pub consent_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collateral {
    pub id: i64,
    pub kind: CollateralKind,
    pub document_no: String,
    pub description: String,
    pub value: Satang,
}

pub fn create(conn: &Connection, actor: &Actor, loan: &NewLoan) -> Result<i64> {
    actor.require(Permission::KeepFiles)?;
    let schedule = schedule::build(&loan.terms).map_err(StoreError::refused)?;
    let fund = funds::get(conn, loan.fund_id)?;
    let borrower: Option<(bool, String)> = conn
        .query_row(
            "SELECT deceased, title || first_name || ' ' || last_name FROM person WHERE id = ?1",
            [loan.borrower_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((deceased, borrower_name)) = borrower else {
        return Err(StoreError::not_found("ผู้กู้"));
    };
    if deceased {
        return Err(StoreError::refused("ผู้กู้เสียชีวิตแล้ว ทำสัญญาใหม่ไม่ได้"));
    }
    if loan.guarantors.contains(&loan.borrower_id) {
        return Err(StoreError::refused("ผู้กู้ค้ำประกันตนเองไม่ได้"));
    }
    super::plans::check_eligibility(conn, loan.borrower_id)?;
    let contract_no = match &loan.contract_no {
        Some(no) if !no.trim().is_empty() => no.trim().to_string(),
        _ => next_contract_no(conn, &fund.code, be_year(loan.terms.start))?,
    };
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM loan WHERE contract_no = ?1)",
        [&contract_no],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::refused(format!("เลขที่สัญญา {contract_no} มีอยู่แล้ว")));
    }
    let id = insert(conn, actor, &contract_no, loan, &schedule)?;
    for person in &loan.co_borrowers {
        add_party(conn, id, *person, PartyRole::CoBorrower, Some(loan.terms.start))?;
    }
    for person in &loan.guarantors {
        add_party(conn, id, *person, PartyRole::Guarantor, Some(loan.terms.start))?;
    }
    for c in &loan.collateral {
        add_collateral(conn, id, c)?;
    }
    audit::append(
        conn,
        actor,
        "create_loan",
        "loan",
        Some(id),
        &format!("{contract_no} {borrower_name} {}", loan.terms.principal),
    )?;
    Ok(id)
}

/// Writes the loan row and its installments; shared with the demo generator's bulk path.
pub(crate) fn insert(
    conn: &Connection,
    actor: &Actor,
    contract_no: &str,
    loan: &NewLoan,
    schedule: &Schedule,
) -> Result<i64> {
    let t = &loan.terms;
    conn.prepare_cached(
        "INSERT INTO loan (contract_no, fund_id, borrower_id, principal, rate_bp, penalty_bp, method, frequency, periods, day_count,
           round_up_baht, start_date, purpose, outstanding_principal, next_unpaid_due, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        contract_no,
        loan.fund_id,
        loan.borrower_id,
        t.principal.0,
        t.rate.bp(),
        loan.penalty_rate.bp(),
        t.method.code(),
        t.frequency.code(),
        t.periods,
        t.day_count.code(),
        t.round_up_baht,
        t.start,
        loan.purpose,
        t.principal.0,
        // "Next due" as the statement engine means it: the first installment not yet settled,
        // which on a new loan is the first that asks for something.
        schedule.installments.iter().find(|i| i.payment().is_positive()).map(|i| i.due_date),
        actor.user_id,
        clock::now_stamp(),
    ])?;
    let id = conn.last_insert_rowid();
    insert_installments(conn, id, &schedule.installments)?;
    Ok(id)
}

pub(crate) fn insert_installments(
    conn: &Connection,
    loan_id: i64,
    installments: &[Installment],
) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT INTO installment (loan_id, no, due_date, principal, interest) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for i in installments {
        stmt.execute(params![loan_id, i.no, i.due_date, i.principal.0, i.interest.0])?;
    }
    Ok(())
}

pub(crate) fn add_party(
    conn: &Connection,
    loan_id: i64,
    person_id: i64,
    role: PartyRole,
    consent_on: Option<NaiveDate>,
) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO loan_party (loan_id, person_id, role, consent_on) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![loan_id, person_id, role.code(), consent_on])?;
    Ok(())
}

pub fn add_collateral(conn: &Connection, loan_id: i64, c: &NewCollateral) -> Result<i64> {
    conn.execute(
        "INSERT INTO collateral (loan_id, kind, document_no, description, value, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![loan_id, c.kind.code(), c.document_no, c.description, c.value.0, clock::now_stamp()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The next running number of a fund's contracts in a Buddhist year.
pub fn next_contract_no(conn: &Connection, fund_code: &str, be_year: i32) -> Result<String> {
    let suffix = format!("/{be_year}");
    let mut stmt =
        conn.prepare_cached("SELECT contract_no FROM loan WHERE contract_no LIKE ?1 || '%' || ?2")?;
    let max = stmt
        .query_map(params![fund_code, suffix], |r| r.get::<_, String>(0))?
        .filter_map(|no| {
            no.ok()?.strip_prefix(fund_code)?.strip_suffix(&suffix)?.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0);
    Ok(contract_number(fund_code, max + 1, be_year))
}

const COLUMNS: &str = "l.id, l.contract_no, l.fund_id, f.name, l.borrower_id, p.title, p.first_name, p.last_name, p.household_id,
    l.principal, l.rate_bp, l.penalty_bp, l.method, l.frequency, l.periods, l.day_count, l.round_up_baht, l.start_date,
    l.purpose, l.status, l.consolidated_into, l.restructured_from, l.outstanding_principal, l.next_unpaid_due, l.closed_on,
    l.tranche_of, l.tranche_part,
    (SELECT t.terminated_on FROM termination t WHERE t.loan_id = l.id AND t.status = 'approved')";
const FROM: &str =
    "FROM loan l JOIN fund f ON f.id = l.fund_id JOIN person p ON p.id = l.borrower_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Loan> {
    let text = |i: usize| r.get::<_, String>(i);
    Ok(Loan {
        id: r.get(0)?,
        contract_no: text(1)?,
        fund_id: r.get(2)?,
        fund_name: text(3)?,
        borrower_id: r.get(4)?,
        borrower_name: full_name(&text(5)?, &text(6)?, &text(7)?),
        household_id: r.get(8)?,
        principal: Satang(r.get(9)?),
        rate: AnnualRate::from_bp(r.get(10)?).unwrap_or(AnnualRate::ZERO),
        penalty_rate: AnnualRate::from_bp(r.get(11)?).unwrap_or(AnnualRate::ZERO),
        method: Method::from_code(&text(12)?).unwrap_or(Method::Annuity),
        frequency: Frequency::from_code(&text(13)?),
        periods: r.get(14)?,
        day_count: DayCount::from_code(&text(15)?).unwrap_or(DayCount::Period),
        round_up_baht: r.get(16)?,
        start: r.get(17)?,
        purpose: text(18)?,
        status: LoanStatus::from_code(&text(19)?).unwrap_or(LoanStatus::Active),
        consolidated_into: r.get(20)?,
        restructured_from: r.get(21)?,
        outstanding: Satang(r.get(22)?),
        next_unpaid_due: r.get(23)?,
        closed_on: r.get(24)?,
        tranche_of: r.get(25)?,
        tranche_part: r.get(26)?,
        arrears_from: None,
        terminated_on: r.get(27)?,
    })
}

fn query(conn: &Connection, filter: &str, param: impl rusqlite::Params) -> Result<Vec<Loan>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} {filter}"))?;
    let rows = stmt.query_map(param, from_row)?;
    let mut loans: Vec<Loan> = rows.collect::<Result<_, _>>()?;
    if loans.iter().any(|l| l.next_unpaid_due.is_some()) {
        let tolerance = settings::tolerance(conn)?;
        for loan in loans.iter_mut().filter(|l| l.next_unpaid_due.is_some()) {
            loan.arrears_from = arrears_from(conn, loan.id, tolerance)?;
        }
    }
    Ok(loans)
}

/// When the loan's unpaid installments, oldest first, reach the tolerance (from the installment
/// caches the ledger keeps): the one rule of `domain::arrears`, not a copy of it in SQL.
pub fn arrears_from(
    conn: &Connection,
    loan_id: i64,
    tolerance: Tolerance,
) -> Result<Option<NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT due_date, principal - principal_paid + interest - interest_paid FROM installment
         WHERE loan_id = ?1 AND (principal_paid < principal OR interest_paid < interest) ORDER BY no",
    )?;
    let unpaid: Vec<(NaiveDate, Satang)> = stmt
        .query_map([loan_id], |r| Ok((r.get(0)?, Satang(r.get(1)?))))?
        .collect::<Result<_, _>>()?;
    Ok(arrears::arrears_from_unpaid(unpaid, tolerance))
}

/// Every loan in id order without the arrears-tolerance lookup (`arrears_from` stays `None`), for
/// whole-book passes such as `plodnee check` that never ask for days past due: the lookup is a
/// query per loan.
pub(crate) fn all_without_arrears(conn: &Connection) -> Result<Vec<Loan>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} {FROM} ORDER BY l.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Loan> {
    query(conn, "WHERE l.id = ?1", [id])?.pop().ok_or_else(|| StoreError::not_found("สัญญาเงินกู้"))
}

pub fn by_contract(conn: &Connection, contract_no: &str) -> Result<Loan> {
    query(conn, "WHERE l.contract_no = ?1", [contract_no.trim()])?
        .pop()
        .ok_or_else(|| StoreError::not_found(format!("สัญญาเลขที่ {}", contract_no.trim())))
}

/// Loans where the person is the borrower.
pub fn of_borrower(conn: &Connection, person_id: i64) -> Result<Vec<Loan>> {
    query(conn, "WHERE l.borrower_id = ?1 ORDER BY l.start_date, l.id", [person_id])
}

/// Every loan of every member of a household, across funds.
pub fn of_household(conn: &Connection, household_id: i64) -> Result<Vec<Loan>> {
    query(
        conn,
        "WHERE p.household_id = ?1 ORDER BY l.borrower_id, l.start_date, l.id",
        [household_id],
    )
}

/// Loans the person guarantees (their duty as ผู้ค้ำประกัน).
pub fn guaranteed_by(conn: &Connection, person_id: i64) -> Result<Vec<Loan>> {
    query(
        conn,
        "JOIN loan_party lp ON lp.loan_id = l.id AND lp.role = 'guarantor' WHERE lp.person_id = ?1 ORDER BY l.start_date",
        [person_id],
    )
}

pub fn schedule(conn: &Connection, loan_id: i64) -> Result<Schedule> {
    let principal: i64 =
        conn.query_row("SELECT principal FROM loan WHERE id = ?1", [loan_id], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT no, due_date, principal, interest FROM installment WHERE loan_id = ?1 ORDER BY no",
    )?;
    let mut balance = Satang(principal);
    let rows = stmt.query_map([loan_id], |r| {
        Ok((r.get::<_, u32>(0)?, r.get::<_, NaiveDate>(1)?, Satang(r.get(2)?), Satang(r.get(3)?)))
    })?;
    let mut installments = Vec::new();
    for row in rows {
        let (no, due_date, principal, interest) = row?;
        balance -= principal;
        installments.push(Installment { no, due_date, principal, interest, balance });
    }
    Ok(Schedule { installments })
}

pub fn parties(conn: &Connection, loan_id: i64) -> Result<Vec<Party>> {
    let mut stmt = conn.prepare_cached(
        "SELECT lp.person_id, p.title, p.first_name, p.last_name, lp.role, lp.consent_on FROM loan_party lp
         JOIN person p ON p.id = lp.person_id WHERE lp.loan_id = ?1 ORDER BY lp.role, p.id",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok(Party {
            person_id: r.get(0)?,
            name: full_name(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
            ),
            role: PartyRole::from_code(&r.get::<_, String>(4)?).unwrap_or(PartyRole::Guarantor),
            consent_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn collateral(conn: &Connection, loan_id: i64) -> Result<Vec<Collateral>> {
    let mut stmt = conn.prepare_cached("SELECT id, kind, document_no, description, value FROM collateral WHERE loan_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok(Collateral {
            id: r.get(0)?,
            kind: CollateralKind::from_code(&r.get::<_, String>(1)?)
                .unwrap_or(CollateralKind::Other),
            document_no: r.get(2)?,
            description: r.get(3)?,
            value: Satang(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The loan's statement as of a date: its schedule and live payments through the engine.
pub fn statement(conn: &Connection, loan: &Loan, as_of: NaiveDate) -> Result<Statement> {
    let schedule = schedule(conn, loan.id)?;
    let payments: Vec<_> = ledger::live_payments(conn, loan.id)?.into_iter().map(|p| p.1).collect();
    let fees = ledger::fees(conn, loan.id)?;
    loan.compute(&schedule, &payments, &fees, as_of)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM loan", [], |r| r.get(0))?)
}

pub fn count_open(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM loan WHERE status IN ('active', 'terminated', 'litigation')",
        [],
        |r| r.get(0),
    )?)
}
