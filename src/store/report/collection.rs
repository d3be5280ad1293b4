//! Due against collected by month: what fell due on each fund's loans in each of the twelve
//! months to the day, and what they received, read from the schedules and the live payments (a
//! reversed receipt never counts, whenever it was reversed).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::domain::Satang;
use crate::domain::report::aging::Group;
use crate::domain::report::collection::{self, Month, MonthFund};
use crate::store::error::Result;

/// Installments of a loan past the day it closed were never due: a payoff cancels them, and a
/// consolidation or plan moved them to the new contract, whose own installments count.
const DUE: &str = "SELECT l.fund_id, i.due_date, i.principal + i.interest
     FROM installment i JOIN loan l ON l.id = i.loan_id
     WHERE l.status != 'voided' AND i.due_date BETWEEN ?1 AND ?2
       AND (l.status IN ('active', 'terminated', 'litigation') OR l.closed_on IS NULL OR i.due_date <= l.closed_on)";

const COLLECTED: &str = "SELECT l.fund_id, p.paid_on, p.amount
     FROM payment p JOIN loan l ON l.id = p.loan_id
     WHERE l.status != 'voided' AND p.paid_on BETWEEN ?1 AND ?2
       AND NOT EXISTS (SELECT 1 FROM receipt_reversal r WHERE r.receipt_id = p.receipt_id)";

pub fn compute(conn: &Connection, as_of: NaiveDate) -> Result<Vec<MonthFund>> {
    let months = collection::months(as_of, 12);
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Ok(Vec::new());
    };
    let mut funds: HashMap<i64, Group> = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, code, name FROM fund ORDER BY id")?;
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })? {
        let (id, code, name) = row?;
        funds.insert(id, Group { order: id, label: format!("{code} {name}") });
    }
    // (month index, fund) → (due, collected)
    let mut sums: HashMap<(usize, i64), (Satang, Satang)> = HashMap::new();
    let month_of = |day: NaiveDate| months.iter().position(|m| m.first <= day && day <= m.last);
    for (sql, collected) in [(DUE, false), (COLLECTED, true)] {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map(params![first.first, last.last], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, NaiveDate>(1)?, Satang(r.get(2)?)))
        })?;
        for row in rows {
            let (fund, day, amount) = row?;
            let Some(m) = month_of(day) else { continue };
            let e = sums.entry((m, fund)).or_default();
            if collected {
                e.1 += amount;
            } else {
                e.0 += amount;
            }
        }
    }
    let mut keys: Vec<(usize, i64)> = sums.keys().copied().collect();
    keys.sort();
    Ok(keys
        .into_iter()
        .map(|(m, fund)| {
            let (due, collected) = sums[&(m, fund)];
            let month: Month = months[m];
            let fund =
                funds.get(&fund).cloned().unwrap_or(Group { order: fund, label: fund.to_string() });
            MonthFund { month, fund, due, collected }
        })
        .collect())
}
