//! Promises to pay over the whole book: each open promise is evaluated against the payments that
//! arrived, in one transaction, so a promise becomes kept, partly kept or broken by itself.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::contacts;
use super::error::Result;
use crate::domain::Satang;
use crate::domain::collections::promise::{self, Promise, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Evaluated {
    pub open: usize,
    pub kept: usize,
    pub partly_kept: usize,
    pub broken: usize,
}

/// Evaluates every promise still open as of `as_of`, in the caller's transaction. Promises
/// already settled are not touched: a kept promise stays kept even if a payment is reversed
/// later (the reversal is a new event the officer follows up).
pub fn evaluate_all(conn: &Connection, as_of: NaiveDate) -> Result<Evaluated> {
    let grace = contacts::grace_days(conn)?;
    let open: Vec<(i64, i64, NaiveDate, NaiveDate, i64)> = conn
        .prepare("SELECT id, loan_id, made_on, due_on, amount FROM promise WHERE state = 'open' AND made_on <= ?1")?
        .query_map([as_of], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut payments = conn.prepare_cached(
        "SELECT p.paid_on, p.amount FROM payment p
         WHERE p.loan_id = ?1 AND p.paid_on BETWEEN ?2 AND ?3
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal x WHERE x.receipt_id = p.receipt_id)",
    )?;
    let mut update = conn.prepare_cached(
        "UPDATE promise SET state = ?2, paid = ?3, evaluated_on = ?4 WHERE id = ?1",
    )?;
    let mut tally = Evaluated::default();
    for (id, loan_id, made_on, due_on, amount) in open {
        let p = Promise { made_on, due_on, amount: Satang(amount) };
        let pays: Vec<(NaiveDate, Satang)> = payments
            .query_map(params![loan_id, made_on, promise::last_day(&p, grace)], |r| {
                Ok((r.get(0)?, Satang(r.get(1)?)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let e = promise::evaluate(&p, &pays, grace, as_of);
        match e.state {
            State::Open => tally.open += 1,
            State::Kept => tally.kept += 1,
            State::PartlyKept => tally.partly_kept += 1,
            State::Broken => tally.broken += 1,
        }
        if e.state != State::Open {
            update.execute(params![id, e.state.code(), e.paid.0, as_of])?;
        }
    }
    Ok(tally)
}

/// One promise as the file shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: i64,
    pub loan_id: i64,
    pub made_on: NaiveDate,
    pub due_on: NaiveDate,
    pub amount: Satang,
    pub state: State,
    pub paid: Satang,
}

pub fn of_loan(conn: &Connection, loan_id: i64) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(
        "SELECT id, loan_id, made_on, due_on, amount, state, paid FROM promise WHERE loan_id = ?1 ORDER BY made_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([loan_id], |r| {
        Ok(Row {
            id: r.get(0)?,
            loan_id: r.get(1)?,
            made_on: r.get(2)?,
            due_on: r.get(3)?,
            amount: Satang(r.get(4)?),
            state: State::from_code(&r.get::<_, String>(5)?).unwrap_or(State::Open),
            paid: Satang(r.get(6)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
