//! The legal early warning (แจ้งเตือนด้านกฎหมาย, issue 13 §4): every deadline the law sets that
//! falls in the next N days across the portfolio, ordered by date, each with its action. Each
//! kind is found with an indexed query that narrows to the few loans whose clock can end in the
//! window, and only those are worked out by the rules of `domain::legal`.

use chrono::{Days, NaiveDate};
use rusqlite::types::FromSql;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::error::Result;
use super::{acknowledgments, settings};
use crate::domain::legal::prescription::{self, Interruption, UnpaidPart};
use crate::domain::legal::{Deadline, DeadlineKind, add_years, estate, guarantor, termination};

/// One row of the early-warning screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalDeadline {
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    pub warn_from: NaiveDate,
    pub loan_id: Option<i64>,
    pub contract_no: String,
    pub person: String,
    /// What the deadline is about, in Thai (the installment, the notice, the case).
    pub detail: String,
    pub section: &'static str,
    pub action: &'static str,
}

impl LegalDeadline {
    fn new(d: Deadline, loan_id: i64, contract_no: String, person: String, detail: String) -> Self {
        LegalDeadline {
            kind: d.kind,
            due: d.due,
            warn_from: d.warn_from,
            loan_id: Some(loan_id),
            contract_no,
            person,
            detail,
            section: d.kind.section(),
            action: d.kind.action(),
        }
    }
}

/// A candidate loan for prescription: id, contract, borrower, termination and filing dates.
type PrescriptionRow = (i64, String, String, Option<NaiveDate>, Option<NaiveDate>);
/// A hearing: loan id, contract, borrower, date, kind, court, black case number.
type HearingRow = (i64, String, String, NaiveDate, String, String, String);

const OPEN: &str = "('active', 'terminated', 'litigation')";
const NAME: &str = "p.title || p.first_name || ' ' || p.last_name";

fn minus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn minus_years(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(chrono::Months::new(12 * years)).unwrap_or(d)
}

/// Every deadline not yet passed that falls by `as_of + within` days or whose warning has
/// begun (prescription six months ahead, enforcement a year), by date, then kind and contract.
pub fn scan(conn: &Connection, as_of: NaiveDate, within: u32) -> Result<Vec<LegalDeadline>> {
    let until = plus(as_of, u64::from(within));
    // The longest warning of any kind (enforcement's year) bounds what the queries look for.
    let horizon = until.max(add_years(as_of, 1));
    let mut out = Vec::new();
    // The s.686 notice warns only 15 days ahead: the window itself is enough.
    guarantor_notices(conn, as_of, until, &mut out)?;
    termination_notices(conn, as_of, horizon, &mut out)?;
    prescriptions(conn, horizon, &mut out)?;
    enforcement(conn, as_of, horizon, &mut out)?;
    estates(conn, as_of, horizon, &mut out)?;
    hearings(conn, as_of, until, &mut out)?;
    out.retain(|d| d.due >= as_of && (d.due <= until || d.warn_from <= as_of));
    // A case step past its target stays on the list, flagged, until it is done.
    out.extend(super::case_sla::steps_due(conn, until)?);
    out.sort_by(|a, b| (a.due, a.kind, &a.contract_no).cmp(&(b.due, b.kind, &b.contract_no)));
    Ok(out)
}

/// How many deadlines fall in the window (the home screen's figure).
pub fn count(conn: &Connection, as_of: NaiveDate, within: u32) -> Result<usize> {
    Ok(scan(conn, as_of, within)?.len())
}

/// s.686: the current default (the oldest unpaid installment, under the arrears tolerance) of a
/// loan with guarantors, not yet noticed by a guarantor letter issued since it began.
fn guarantor_notices(
    conn: &Connection,
    as_of: NaiveDate,
    until: NaiveDate,
    out: &mut Vec<LegalDeadline>,
) -> Result<()> {
    let days = u64::from(guarantor::NOTICE_DAYS) + 1;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.contract_no, {NAME}, l.next_unpaid_due FROM loan l JOIN person p ON p.id = l.borrower_id
         WHERE l.status IN {OPEN} AND l.next_unpaid_due BETWEEN ?1 AND ?2
           AND EXISTS (SELECT 1 FROM loan_party lp WHERE lp.loan_id = l.id AND lp.role = 'guarantor')"
    ))?;
    let rows: Vec<(i64, String, String, NaiveDate)> = stmt
        // Only loans in default on `as_of`: an installment not yet due is no default.
        .query_map(params![minus(as_of, days), minus(until, days).min(minus(as_of, 1))], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let tolerance = settings::tolerance(conn)?;
    let mut noticed = conn.prepare_cached(
        "SELECT COUNT(*) FROM letter WHERE loan_id = ?1 AND kind = 'guarantor' AND issued_on >= ?2",
    )?;
    for (id, contract_no, name, _) in rows {
        let Some(due) = super::loans::arrears_from(conn, id, tolerance)?.filter(|d| *d < as_of)
        else {
            continue;
        };
        let default_on = guarantor::default_on(due);
        let sent: i64 = noticed.query_row(params![id, default_on], |r| r.get(0))?;
        if sent > 0 {
            continue;
        }
        let d = guarantor::notice_deadline(default_on);
        let detail =
            format!("ผิดนัดตั้งแต่ {} (ครบ 60 วัน)", crate::domain::thai::date::format_long(default_on));
        out.push(LegalDeadline::new(d, id, contract_no, name, detail));
    }
    Ok(())
}

/// The debtor's last day under a prepared termination notice: then the approval may be made.
fn termination_notices(
    conn: &Connection,
    as_of: NaiveDate,
    until: NaiveDate,
    out: &mut Vec<LegalDeadline>,
) -> Result<()> {
    let sql = format!(
        "SELECT t.loan_id, l.contract_no, {NAME}, t.delivered_on, t.notice_days FROM termination t
         JOIN loan l ON l.id = t.loan_id JOIN person p ON p.id = l.borrower_id
         WHERE t.status = 'prepared' AND t.deadline_on BETWEEN ?1 AND ?2"
    );
    each_loan(conn, &sql, params![as_of, until], out, |delivered: NaiveDate, days: u32| {
        let d = termination::notice_deadline(delivered, days);
        (d, format!("หนังสือบอกเลิกสัญญาให้ชำระภายใน {days} วัน"))
    })
}

/// Runs a query whose rows are a loan's id, contract number and borrower's name followed by two
/// columns of the deadline's own, and adds the deadline `make` works out of those two.
fn each_loan<A: FromSql, B: FromSql>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    out: &mut Vec<LegalDeadline>,
    mut make: impl FnMut(A, B) -> (Deadline, String),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, A>(3)?, r.get::<_, B>(4)?))
    })?;
    for row in rows {
        let (id, contract_no, name, a, b): (i64, String, String, A, B) = row?;
        let (d, detail) = make(a, b);
        out.push(LegalDeadline::new(d, id, contract_no, name, detail));
    }
    Ok(())
}

/// s.193/33, s.193/30: only loans whose oldest unpaid installment is old enough for a five-year
/// period to end in the window (a later one or a ten-year one ends later still) are worked out.
fn prescriptions(conn: &Connection, until: NaiveDate, out: &mut Vec<LegalDeadline>) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.contract_no, {NAME},
           (SELECT t.terminated_on FROM termination t WHERE t.loan_id = l.id AND t.status = 'approved'),
           (SELECT MIN(c.filed_on) FROM legal_case c WHERE c.loan_id = l.id AND c.filed_on IS NOT NULL)
         FROM loan l JOIN person p ON p.id = l.borrower_id
         WHERE l.status IN {OPEN} AND l.next_unpaid_due <= ?1"
    ))?;
    let rows: Vec<PrescriptionRow> = stmt
        .query_map([minus_years(until, prescription::INSTALLMENT_YEARS)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut unpaid = conn.prepare_cached(
        "SELECT no, due_date FROM installment WHERE loan_id = ?1
           AND (principal_paid < principal OR interest_paid < interest) ORDER BY no",
    )?;
    let mut paid = conn.prepare_cached(
        "SELECT DISTINCT p.paid_on FROM payment p WHERE p.loan_id = ?1
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)",
    )?;
    for (id, contract_no, name, terminated_on, filed_on) in rows {
        let parts: Vec<UnpaidPart> = unpaid
            .query_map([id], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, NaiveDate>(1)?)))?
            .map(|row| {
                row.map(|(no, due)| match terminated_on {
                    Some(t) if due > t => UnpaidPart { installment: no, due: t, accelerated: true },
                    _ => UnpaidPart { installment: no, due, accelerated: false },
                })
            })
            .collect::<Result<_, _>>()?;
        let mut interruptions: Vec<Interruption> = paid
            .query_map([id], |r| r.get(0))?
            .map(|d| d.map(Interruption::PartPayment))
            .collect::<Result<_, _>>()?;
        interruptions
            .extend(acknowledgments::dates(conn, id)?.into_iter().map(Interruption::Acknowledged));
        interruptions.extend(filed_on.map(Interruption::SuitFiled));
        if let Some((d, no)) = prescription::earliest(&parts, &interruptions) {
            let detail = format!("งวดที่ {no} ขาดอายุความหลังวันนี้");
            out.push(LegalDeadline::new(d, id, contract_no, name, detail));
        }
    }
    Ok(())
}

/// CPC s.274: ten years from each judgment.
fn enforcement(
    conn: &Connection,
    as_of: NaiveDate,
    until: NaiveDate,
    out: &mut Vec<LegalDeadline>,
) -> Result<()> {
    let years = prescription::ENFORCEMENT_YEARS;
    let sql = format!(
        "SELECT l.id, l.contract_no, {NAME}, c.judgment_on, c.red_no FROM legal_case c
         JOIN loan l ON l.id = c.loan_id JOIN person p ON p.id = l.borrower_id
         WHERE c.judgment_on BETWEEN ?1 AND ?2 AND c.status <> 'closed'"
    );
    let window = params![minus_years(as_of, years), minus_years(until, years)];
    each_loan(conn, &sql, window, out, |judged: NaiveDate, red_no: String| {
        (prescription::enforcement(judged), format!("คดีหมายเลขแดงที่ {red_no}"))
    })
}

/// s.1754: borrowers of open loans whose death the fund has learned of.
fn estates(
    conn: &Connection,
    as_of: NaiveDate,
    until: NaiveDate,
    out: &mut Vec<LegalDeadline>,
) -> Result<()> {
    let sql = format!(
        "SELECT l.id, l.contract_no, {NAME}, p.died_on, p.death_known_on FROM person p
         JOIN loan l ON l.borrower_id = p.id AND l.status IN {OPEN}
         WHERE p.death_known_on BETWEEN ?1 AND ?2 AND p.died_on IS NOT NULL"
    );
    each_loan(conn, &sql, params![minus_years(as_of, 1), until], out, |died, learned| {
        let d = estate::claim_deadline(died, learned);
        (d, format!("ถึงแก่กรรม {}", crate::domain::thai::date::format_long(died)))
    })
}

/// Hearings ahead (นัดไกล่เกลี่ย, นัดพิจารณา, นัดสืบพยาน, นัดฟังคำพิพากษา).
fn hearings(
    conn: &Connection,
    as_of: NaiveDate,
    until: NaiveDate,
    out: &mut Vec<LegalDeadline>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.contract_no, {NAME}, e.on_date, e.kind, c.court, c.black_no FROM legal_event e
         JOIN legal_case c ON c.id = e.case_id JOIN loan l ON l.id = c.loan_id JOIN person p ON p.id = l.borrower_id
         WHERE e.on_date BETWEEN ?1 AND ?2 AND e.kind IN ('mediation', 'hearing', 'witness', 'verdict_reading')"
    ))?;
    let rows = stmt.query_map(params![as_of, until], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
    })?;
    for row in rows {
        let (id, contract_no, name, on, kind, court, black): HearingRow = row?;
        let what = match kind.as_str() {
            "mediation" => "นัดไกล่เกลี่ย",
            "witness" => "นัดสืบพยาน",
            "verdict_reading" => "นัดฟังคำพิพากษา",
            _ => "นัดพิจารณา",
        };
        let d = Deadline { kind: DeadlineKind::Hearing, due: on, warn_from: minus(on, 14) };
        let detail = format!("{what} {court} คดีหมายเลขดำที่ {black}");
        out.push(LegalDeadline::new(d, id, contract_no, name, detail));
    }
    Ok(())
}

/// What a loan's guarantors owe on `as_of` (s.686): the whole debt when a guarantor letter was
/// issued by day 60 of the current default, else only what arose by day 60.
pub fn guarantor_liability(
    conn: &Connection,
    loan: &super::loans::Loan,
    as_of: NaiveDate,
) -> Result<guarantor::Liability> {
    let now = super::loans::statement(conn, loan, as_of)?;
    let tolerance = settings::tolerance(conn)?;
    let Some(due) = super::loans::arrears_from(conn, loan.id, tolerance)?.filter(|d| *d < as_of)
    else {
        return Ok(guarantor::full(&now));
    };
    let default_on = guarantor::default_on(due);
    let notice_on: Option<NaiveDate> = conn.query_row(
        "SELECT MIN(issued_on) FROM letter WHERE loan_id = ?1 AND kind = 'guarantor' AND issued_on >= ?2",
        params![loan.id, default_on],
        |r| r.get(0),
    )?;
    if !guarantor::is_late(default_on, notice_on, as_of) {
        return Ok(guarantor::full(&now));
    }
    let cutoff = guarantor::notice_deadline(default_on).due;
    let at_cutoff = super::loans::statement(conn, loan, cutoff)?;
    Ok(guarantor::limited(&now, &at_cutoff, cutoff, &super::ledger::fees(conn, loan.id)?))
}
