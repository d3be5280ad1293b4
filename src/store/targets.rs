//! Collection targets against collections, per month, for the institute, each officer, หมู่ and
//! fund, and each debtor whose file is on an approved plan (issue 12 §9). A month's default is
//! `domain::collections::target::default_target` of what fell due in it and the arrears at its
//! start; a figure the treasurer set (`collection_target`) replaces it.
//!
//! Everything for a run of months comes from one pass over installments, allocations and
//! payments: each row adds to the scopes its loan belongs to, the arrears through a difference
//! array over the months (an installment is in arrears from the first month that starts after
//! its due date; a payment allocated to it takes it out from the first month that starts after
//! both the due date and the payment).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::audit;
use super::error::{Result, StoreError};
use super::settings;
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::collections::target::{
    self, ArrearsShare, DEFAULT_ARREARS_SHARE, Month, Progress,
};
use crate::domain::person::full_name;
use crate::domain::role::Permission;

/// The share of arrears a month's default target asks for, in basis points.
pub const ARREARS_SHARE_KEY: &str = "target.arrears_share_bp";

pub fn arrears_share(conn: &Connection) -> Result<ArrearsShare> {
    let bp = settings::get_i64(conn, ARREARS_SHARE_KEY, DEFAULT_ARREARS_SHARE.0)?;
    Ok(ArrearsShare(bp.clamp(0, 10_000)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Institute,
    Fund(i64),
    Officer(i64),
    Village(u8),
    /// A debtor whose file is on an approved plan (the person).
    Debtor(i64),
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Institute => "institute",
            Scope::Fund(_) => "fund",
            Scope::Officer(_) => "officer",
            Scope::Village(_) => "village",
            Scope::Debtor(_) => "debtor",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Scope::Institute => 0,
            Scope::Fund(id) | Scope::Officer(id) | Scope::Debtor(id) => id,
            Scope::Village(no) => no as i64,
        }
    }

    fn from_code(code: &str, id: i64) -> Option<Scope> {
        Some(match code {
            "institute" => Scope::Institute,
            "fund" => Scope::Fund(id),
            "officer" => Scope::Officer(id),
            "village" => Scope::Village(u8::try_from(id).ok()?),
            "debtor" => Scope::Debtor(id),
            _ => return None,
        })
    }

    /// The kind of scope as a heading: กองทุน, เจ้าหน้าที่, หมู่, ลูกหนี้ตามแผน.
    pub fn kind_label(self) -> &'static str {
        match self {
            Scope::Institute => "ทั้งสถาบัน",
            Scope::Fund(_) => "กองทุน",
            Scope::Officer(_) => "เจ้าหน้าที่",
            Scope::Village(_) => "หมู่บ้าน",
            Scope::Debtor(_) => "ลูกหนี้ตามแผน",
        }
    }
}

/// One target and what was collected against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub scope: Scope,
    pub label: String,
    /// What fell due in the month (principal and interest, as scheduled).
    pub due: Satang,
    /// Unpaid principal and interest at the month's first day.
    pub arrears: Satang,
    pub default: Satang,
    pub target: Satang,
    /// The target is the treasurer's own figure, not the default.
    pub set: bool,
    pub collected: Satang,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthTargets {
    pub month: Month,
    pub share: ArrearsShare,
    /// The institute first, then funds, officers, หมู่ and debtors on a plan.
    pub lines: Vec<Line>,
}

impl MonthTargets {
    pub fn line(&self, scope: Scope) -> Option<&Line> {
        self.lines.iter().find(|l| l.scope == scope)
    }

    pub fn institute(&self) -> Option<&Line> {
        self.line(Scope::Institute)
    }

    /// The targets running more than 10% behind.
    pub fn behind(&self) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(|l| l.progress.behind)
    }
}

struct LoanMeta {
    /// Indexes into the scope table.
    scopes: Vec<usize>,
    closed_on: Option<NaiveDate>,
}

#[derive(Default)]
struct Acc {
    due: Vec<i64>,
    /// Difference array over the months (one longer).
    arrears: Vec<i64>,
    collected: Vec<i64>,
}

/// The index of the first month starting after `day` (months are consecutive, oldest first).
fn first_after(firsts: &[NaiveDate], day: NaiveDate) -> usize {
    firsts.partition_point(|f| *f <= day)
}

/// The targets of consecutive `months` (oldest first), as of `today`.
pub fn months(conn: &Connection, months: &[Month], today: NaiveDate) -> Result<Vec<MonthTargets>> {
    let (Some(first), Some(last)) = (months.first().copied(), months.last().copied()) else {
        return Ok(Vec::new());
    };
    let n = months.len();
    let firsts: Vec<NaiveDate> = months.iter().map(|m| m.first_day()).collect();
    let share = arrears_share(conn)?;
    let mut scope_index: HashMap<Scope, usize> = HashMap::new();
    let mut scopes: Vec<Scope> = Vec::new();
    let mut index_of = |s: Scope| -> usize {
        *scope_index.entry(s).or_insert_with(|| {
            scopes.push(s);
            scopes.len() - 1
        })
    };
    index_of(Scope::Institute);

    let mut loans: HashMap<i64, LoanMeta> = HashMap::new();
    let mut stmt = conn.prepare(
        "WITH assigned AS (
            SELECT a.household_id, a.officer_id FROM assignment a
            WHERE a.id = (SELECT MAX(b.id) FROM assignment b WHERE b.household_id = a.household_id)
         )
         SELECT l.id, l.fund_id, h.village_no, asg.officer_id, l.closed_on,
                CASE WHEN EXISTS (SELECT 1 FROM plan_loan pl JOIN plan pn ON pn.id = pl.plan_id
                                  WHERE pl.loan_id = l.id AND pn.status = 'approved')
                     THEN l.borrower_id END
         FROM loan l
         JOIN person p ON p.id = l.borrower_id
         JOIN household h ON h.id = p.household_id
         LEFT JOIN assigned asg ON asg.household_id = h.id
         WHERE l.status <> 'voided' AND l.start_date <= ?1
           AND (l.closed_on IS NULL OR l.closed_on >= ?2)",
    )?;
    let mut rows = stmt.query(params![last.last_day(), first.first_day()])?;
    while let Some(r) = rows.next()? {
        let mut idx = vec![0, index_of(Scope::Fund(r.get(1)?))];
        idx.push(index_of(Scope::Village(r.get(2)?)));
        if let Some(o) = r.get::<_, Option<i64>>(3)? {
            idx.push(index_of(Scope::Officer(o)));
        }
        if let Some(p) = r.get::<_, Option<i64>>(5)? {
            idx.push(index_of(Scope::Debtor(p)));
        }
        loans.insert(r.get(0)?, LoanMeta { scopes: idx, closed_on: r.get(4)? });
    }
    drop(rows);
    drop(stmt);

    let mut acc: Vec<Acc> = (0..scopes.len())
        .map(|_| Acc { due: vec![0; n], arrears: vec![0; n + 1], collected: vec![0; n] })
        .collect();
    // The months a loan's arrears count in: up to the last that starts on or before it closed.
    let live_until = |meta: &LoanMeta| match meta.closed_on {
        Some(c) => first_after(&firsts, c),
        None => n,
    };

    let mut stmt = conn.prepare(
        "SELECT loan_id, due_date, principal + interest FROM installment WHERE due_date <= ?1",
    )?;
    let mut rows = stmt.query([last.last_day()])?;
    while let Some(r) = rows.next()? {
        let Some(meta) = loans.get(&r.get::<_, i64>(0)?) else { continue };
        let due: NaiveDate = r.get(1)?;
        let amount: i64 = r.get(2)?;
        let open_then = meta.closed_on.is_none_or(|c| due < c);
        let m_due = first_after(&firsts, due);
        let (lo, hi) = (m_due, live_until(meta));
        for &s in &meta.scopes {
            let a = &mut acc[s];
            if due >= first.first_day() && open_then {
                a.due[m_due - 1] += amount;
            }
            if lo < hi {
                a.arrears[lo] += amount;
                a.arrears[hi] -= amount;
            }
        }
    }
    drop(rows);
    drop(stmt);

    let mut stmt = conn.prepare(
        "SELECT a.loan_id, i.due_date, p.paid_on, a.amount
         FROM allocation a
         JOIN payment p ON p.id = a.payment_id
         JOIN installment i ON i.loan_id = a.loan_id AND i.no = a.installment_no
         WHERE a.part IN ('principal', 'interest') AND p.paid_on < ?1
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal x WHERE x.receipt_id = p.receipt_id)",
    )?;
    let mut rows = stmt.query([last.first_day()])?;
    while let Some(r) = rows.next()? {
        let Some(meta) = loans.get(&r.get::<_, i64>(0)?) else { continue };
        let due: NaiveDate = r.get(1)?;
        let paid: NaiveDate = r.get(2)?;
        let amount: i64 = r.get(3)?;
        let (lo, hi) = (first_after(&firsts, due.max(paid)), live_until(meta));
        if lo < hi {
            for &s in &meta.scopes {
                acc[s].arrears[lo] -= amount;
                acc[s].arrears[hi] += amount;
            }
        }
    }
    drop(rows);
    drop(stmt);

    let mut stmt = conn.prepare(
        "SELECT p.loan_id, p.paid_on, p.amount FROM payment p
         WHERE p.paid_on BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal x WHERE x.receipt_id = p.receipt_id)",
    )?;
    let mut rows = stmt.query(params![first.first_day(), last.last_day()])?;
    while let Some(r) = rows.next()? {
        let Some(meta) = loans.get(&r.get::<_, i64>(0)?) else { continue };
        let m = first_after(&firsts, r.get(1)?) - 1;
        let amount: i64 = r.get(2)?;
        for &s in &meta.scopes {
            acc[s].collected[m] += amount;
        }
    }
    drop(rows);
    drop(stmt);

    let set = overrides(conn, first, last)?;
    let labels = labels(conn)?;
    let mut out = Vec::with_capacity(n);
    for (mi, month) in months.iter().enumerate() {
        let mut lines = Vec::new();
        for (si, scope) in scopes.iter().enumerate() {
            let a = &acc[si];
            let arrears: i64 = a.arrears[..=mi].iter().sum();
            let (due, arrears, collected) =
                (Satang(a.due[mi]), Satang(arrears.max(0)), Satang(a.collected[mi]));
            let own = set.get(&(*month, *scope)).copied();
            if due.is_zero() && arrears.is_zero() && collected.is_zero() && own.is_none() {
                continue;
            }
            let default = target::default_target(due, arrears, share);
            let goal = own.unwrap_or(default);
            lines.push(Line {
                scope: *scope,
                label: labels.get(scope).cloned().unwrap_or_else(|| fallback_label(*scope)),
                due,
                arrears,
                default,
                target: goal,
                set: own.is_some(),
                collected,
                progress: target::progress(goal, collected, *month, today),
            });
        }
        lines.sort_by(|a, b| a.scope.cmp(&b.scope).then(a.label.cmp(&b.label)));
        out.push(MonthTargets { month: *month, share, lines });
    }
    Ok(out)
}

/// One month's targets.
pub fn month(conn: &Connection, month: Month, today: NaiveDate) -> Result<MonthTargets> {
    Ok(months(conn, &[month], today)?.pop().unwrap_or(MonthTargets {
        month,
        share: arrears_share(conn)?,
        lines: Vec::new(),
    }))
}

fn overrides(
    conn: &Connection,
    first: Month,
    last: Month,
) -> Result<HashMap<(Month, Scope), Satang>> {
    let mut stmt = conn.prepare(
        "SELECT month, scope, scope_id, amount FROM collection_target WHERE month BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![first.code(), last.code()])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let (Ok(m), Some(s)) = (
            Month::parse(&r.get::<_, String>(0)?),
            Scope::from_code(&r.get::<_, String>(1)?, r.get(2)?),
        ) else {
            continue;
        };
        out.insert((m, s), Satang(r.get(3)?));
    }
    Ok(out)
}

fn fallback_label(scope: Scope) -> String {
    match scope {
        Scope::Institute => "ทั้งสถาบัน".into(),
        Scope::Village(no) => format!("หมู่ที่ {no}"),
        other => format!("{} {}", other.kind_label(), other.id()),
    }
}

/// Names of funds, officers and debtors on a plan (small tables, read whole).
fn labels(conn: &Connection) -> Result<HashMap<Scope, String>> {
    let mut out = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, name FROM fund")?;
    for r in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = r?;
        out.insert(Scope::Fund(id), name);
    }
    let mut stmt = conn.prepare("SELECT id, full_name FROM app_user")?;
    for r in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = r?;
        out.insert(Scope::Officer(id), name);
    }
    let mut stmt = conn.prepare(
        "SELECT DISTINCT p.id, p.title, p.first_name, p.last_name FROM plan pn
         JOIN plan_loan pl ON pl.plan_id = pn.id JOIN loan l ON l.id = pl.loan_id
         JOIN person p ON p.id = l.borrower_id WHERE pn.status = 'approved'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.insert(
            Scope::Debtor(r.get(0)?),
            full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
        );
    }
    Ok(out)
}

/// Sets a month's target for one scope (or, with `None`, goes back to the default), in the
/// caller's transaction, audited. Treasurer and committee only.
pub fn set(
    conn: &Connection,
    actor: &Actor,
    month: Month,
    scope: Scope,
    amount: Option<Satang>,
    note: &str,
) -> Result<()> {
    actor.require(Permission::Approve)?;
    if let Some(a) = amount
        && (a.0 < 0 || a > crate::domain::money::MAX_AMOUNT)
    {
        return Err(StoreError::refused("เป้าการเก็บต้องเป็นจำนวนเงินตั้งแต่ 0 บาทขึ้นไป"));
    }
    match amount {
        Some(a) => {
            conn.execute(
                "INSERT INTO collection_target (month, scope, scope_id, amount, note, set_by, set_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (month, scope, scope_id) DO UPDATE SET amount = excluded.amount,
                     note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at",
                params![month.code(), scope.code(), scope.id(), a.0, note, actor.user_id, clock::now_stamp()],
            )?;
        }
        None => {
            conn.execute(
                "DELETE FROM collection_target WHERE month = ?1 AND scope = ?2 AND scope_id = ?3",
                params![month.code(), scope.code(), scope.id()],
            )?;
        }
    }
    let what = match amount {
        Some(a) => format!("{} {} {} = {a} บาท {note}", month.code(), scope.code(), scope.id()),
        None => format!("{} {} {} = ค่าเริ่มต้น", month.code(), scope.code(), scope.id()),
    };
    audit::append(conn, actor, "set_target", "collection_target", None, what.trim())
}
