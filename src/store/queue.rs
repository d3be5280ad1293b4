//! Today's work queue (งานติดตามวันนี้) read from the database: the open loans in arrears or with
//! a follow-up due, for one officer or group leader, หมู่ or fund, each with what the ladder,
//! the promises, the contacts and the holds say, scored by `domain::collections::priority`.
//! The candidates and their arrears come from one indexed query; contacts, promises, letters and
//! holds are read in one pass each (see `side_facts`).

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, params};

use super::error::Result;
use super::{contacts, settings};
use crate::domain::Satang;
use crate::domain::arrears::in_arrears;
use crate::domain::collections::ladder::{Assessment, Standing, Step};
use crate::domain::collections::priority::{self, Priority, Signals, Skip};
use crate::domain::letter::Kind;
use crate::domain::person::{Grade, full_name};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Files assigned to this user (None: everyone's, assigned or not).
    pub officer_id: Option<i64>,
    /// Files followed by this group leader.
    pub leader_person_id: Option<i64>,
    pub village_no: Option<u8>,
    pub fund_id: Option<i64>,
    /// One loan only (its file shows where it stands on the ladder).
    pub loan_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub loan_id: i64,
    pub contract_no: String,
    pub fund_name: String,
    pub person_id: i64,
    pub name: String,
    pub phone: String,
    pub house_no: String,
    pub village_no: u8,
    pub overdue: Satang,
    pub days_past_due: i64,
    pub step: Option<Step>,
    pub priority: Priority,
    /// The nearest legal deadline of the loan in the next 30 days, or a case step past its
    /// target (issue 13 §4: legal status visible to collections, seed 003).
    pub legal: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    /// Highest priority first.
    pub items: Vec<Item>,
    /// Files left out because they are on hold: (contract, reason).
    pub on_hold: Vec<(String, String)>,
    /// Files waiting for a promise not yet due.
    pub waiting: usize,
    /// Files already contacted today (done: they leave the queue).
    pub done_today: usize,
    /// Where every file read stands on the ladder, in the queue or not.
    pub ladder: std::collections::HashMap<i64, Assessment>,
}

/// What the small tables say about each loan, read in one pass each (contacts, promises,
/// letters and holds are a few rows per file in arrears; probing them per loan was most of the
/// queue's time on a large book).
#[derive(Debug, Clone, Default)]
struct Side {
    last_contact: Option<NaiveDateTime>,
    /// The latest contact's next action and when.
    next_action: Option<(NaiveDateTime, String, NaiveDateTime)>,
    open_promise_until: Option<NaiveDate>,
    /// Broken or partly kept promises: their due dates.
    failed: Vec<NaiveDate>,
    last_ladder_letter: Option<(NaiveDate, String)>,
    last_guarantor_letter: Option<NaiveDate>,
    holds: Vec<(NaiveDate, Option<NaiveDate>, Option<NaiveDate>, String)>,
}

fn side_facts(conn: &Connection) -> Result<std::collections::HashMap<i64, Side>> {
    let mut side: std::collections::HashMap<i64, Side> = std::collections::HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT loan_id, at, next_action, next_action_at FROM contact WHERE loan_id IS NOT NULL ORDER BY loan_id, at, id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let e = side.entry(r.get(0)?).or_default();
        let at: NaiveDateTime = r.get(1)?;
        e.last_contact = Some(at);
        let next: String = r.get(2)?;
        let next_at: Option<NaiveDateTime> = r.get(3)?;
        e.next_action = next_at.map(|when| (at, next, when));
    }
    let mut stmt = conn.prepare_cached("SELECT loan_id, due_on, state FROM promise")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let e = side.entry(r.get(0)?).or_default();
        let due: NaiveDate = r.get(1)?;
        match r.get::<_, String>(2)?.as_str() {
            "open" => e.open_promise_until = e.open_promise_until.max(Some(due)),
            "broken" | "partly_kept" => e.failed.push(due),
            _ => {}
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT loan_id, issued_on, kind FROM letter WHERE loan_id IS NOT NULL
           AND kind IN ('reminder', 'demand', 'demand2', 'termination', 'guarantor') ORDER BY issued_on, id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let e = side.entry(r.get(0)?).or_default();
        let on: NaiveDate = r.get(1)?;
        let kind: String = r.get(2)?;
        if kind == "guarantor" {
            e.last_guarantor_letter = Some(on);
        } else {
            e.last_ladder_letter = Some((on, kind));
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT loan_id, from_on, until_on, ended_on, reason FROM collection_hold ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let e = side.entry(r.get(0)?).or_default();
        e.holds.push((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }
    Ok(side)
}

pub fn build(conn: &Connection, today: NaiveDate, f: &Filter) -> Result<Queue> {
    let tolerance = settings::tolerance(conn)?;
    let grace = contacts::grace_days(conn)? as i64;
    let ladder = settings::ladder(conn)?;
    let day_end = today.and_hms_opt(23, 59, 59).unwrap_or_default();
    let week_ago = today - chrono::Days::new(7);
    // The candidates come from indexes: loans overdue (loan_open_due), follow-ups come due and
    // promises broken this week; the assignment filter is a semi-join on the latest assignment.
    let sql = "WITH assigned AS (
            SELECT a.household_id, a.officer_id, a.leader_person_id FROM assignment a
            WHERE a.id = (SELECT MAX(b.id) FROM assignment b WHERE b.household_id = a.household_id)
         ),
         candidate (id) AS (
            SELECT id FROM loan WHERE status IN ('active', 'terminated', 'litigation') AND next_unpaid_due < ?1
            UNION SELECT loan_id FROM contact WHERE next_action_at <= ?2 AND loan_id IS NOT NULL
            UNION SELECT loan_id FROM promise WHERE state = 'broken' AND evaluated_on >= ?3
         )
         SELECT l.id, l.contract_no, fu.name, p.id, p.title, p.first_name, p.last_name, p.phone, p.grade,
                h.house_no, h.village_no, l.next_unpaid_due,
                (SELECT COALESCE(SUM(x), 0) || ',' || COALESCE(SUM(x > 0), 0) FROM (
                    SELECT i.principal + i.interest - i.principal_paid - i.interest_paid AS x
                    FROM installment i WHERE i.loan_id = l.id AND i.due_date < ?1)),
                EXISTS (SELECT 1 FROM loan_party lp WHERE lp.loan_id = l.id AND lp.role = 'guarantor')
         FROM candidate cd
         JOIN loan l ON l.id = cd.id
         JOIN person p ON p.id = l.borrower_id
         JOIN household h ON h.id = p.household_id
         JOIN fund fu ON fu.id = l.fund_id
         WHERE l.status IN ('active', 'terminated', 'litigation')
           AND COALESCE(l.tranche_part, 'principal') = 'principal'
           AND (?4 IS NULL OR h.id IN (SELECT household_id FROM assigned WHERE officer_id = ?4))
           AND (?5 IS NULL OR h.id IN (SELECT household_id FROM assigned WHERE leader_person_id = ?5))
           AND (?6 IS NULL OR h.village_no = ?6)
           AND (?7 IS NULL OR l.fund_id = ?7)
           AND (?8 IS NULL OR l.id = ?8)";
    let side = side_facts(conn)?;
    let none = Side::default();
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params![
        today,
        day_end,
        week_ago,
        f.officer_id,
        f.leader_person_id,
        f.village_no,
        f.fund_id,
        f.loan_id
    ])?;
    let mut queue = Queue::default();
    while let Some(r) = rows.next()? {
        let loan_id: i64 = r.get(0)?;
        let s = side.get(&loan_id).unwrap_or(&none);
        let contract_no: String = r.get(1)?;
        let next_due: Option<NaiveDate> = r.get(11)?;
        let sums: String = r.get(12)?;
        let (sum, count) = sums.split_once(',').unwrap_or(("0", "0"));
        let overdue = Satang(sum.parse().unwrap_or(0));
        let in_arrears_now = in_arrears(overdue, tolerance);
        let days_past_due = match (next_due, in_arrears_now) {
            (Some(d), true) if d < today => (today - d).num_days(),
            _ => 0,
        };
        // Letters and broken promises count from when the file fell into arrears.
        let since = next_due.unwrap_or(today);
        let last_letter = s
            .last_ladder_letter
            .as_ref()
            .filter(|(on, _)| *on >= since)
            .and_then(|(on, kind)| Some((Step::from_letter(Kind::from_code(kind)?)?, *on)));
        let standing = Standing {
            days_past_due,
            overdue_installments: if in_arrears_now { count.parse().unwrap_or(0) } else { 0 },
            has_guarantors: r.get(13)?,
            last_letter,
            guarantor_notice_on: s.last_guarantor_letter.filter(|on| *on >= since),
        };
        let ladder_says = ladder.assess(&standing, today);
        queue.ladder.insert(loan_id, ladder_says);
        let letter_due = ladder_says.next.filter(|(_, on)| *on <= today).map(|(s, _)| s);
        let grade = Grade::from_code(&r.get::<_, String>(8)?).unwrap_or(Grade::A);
        let failed: Vec<NaiveDate> = s.failed.iter().copied().filter(|d| *d >= since).collect();
        let hold = s
            .holds
            .iter()
            .rev()
            .find(|(from, until, ended, _)| {
                *from <= today
                    && until.is_none_or(|u| u >= today)
                    && ended.is_none_or(|e| e > today)
            })
            .map(|h| h.3.clone());
        let signals = Signals {
            overdue: if in_arrears_now { overdue } else { Satang::ZERO },
            days_past_due,
            grade,
            broken_promises: failed.len() as u32,
            last_broken_on: failed.iter().max().copied(),
            open_promise_until: s.open_promise_until.map(|d| d + chrono::Days::new(grace as u64)),
            last_contact_on: s.last_contact.map(|at| at.date()),
            next_action: s
                .next_action
                .as_ref()
                .map(|(_, what, when)| (when.date(), next_action_or_default(what))),
            letter_due,
            guarantor_due: ladder_says.guarantor_due,
            guarantor_late: ladder_says.guarantor_late,
            hold,
        };
        match priority::assess(&signals, today) {
            Ok(priority) => queue.items.push(Item {
                loan_id,
                contract_no,
                fund_name: r.get(2)?,
                person_id: r.get(3)?,
                name: full_name(
                    &r.get::<_, String>(4)?,
                    &r.get::<_, String>(5)?,
                    &r.get::<_, String>(6)?,
                ),
                phone: r.get(7)?,
                house_no: r.get(9)?,
                village_no: r.get(10)?,
                overdue: signals.overdue,
                days_past_due,
                step: ladder_says.implied,
                priority,
                legal: None,
            }),
            Err(Skip::OnHold(reason)) => queue.on_hold.push((contract_no, reason)),
            Err(Skip::WaitingForPromise(_)) => queue.waiting += 1,
            Err(Skip::ContactedToday) => queue.done_today += 1,
            Err(Skip::NothingDue) => {}
        }
    }
    legal_warnings(conn, today, &mut queue.items)?;
    queue.items.sort_by(|a, b| {
        b.priority
            .score
            .cmp(&a.priority.score)
            .then(b.overdue.cmp(&a.overdue))
            .then(a.loan_id.cmp(&b.loan_id))
    });
    Ok(queue)
}

/// Days ahead a legal deadline shows in the queue's rows.
pub const LEGAL_WINDOW_DAYS: u32 = 30;

/// Each item's earliest legal deadline (the early-warning scan, run once for the whole queue).
fn legal_warnings(conn: &Connection, today: NaiveDate, items: &mut [Item]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let mut first: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    for d in super::legal_deadlines::scan(conn, today, LEGAL_WINDOW_DAYS)? {
        let Some(id) = d.loan_id else { continue };
        first.entry(id).or_insert_with(|| {
            format!("{} {}", d.kind, crate::domain::thai::date::format_short(d.due))
        });
    }
    for item in items {
        item.legal = first.remove(&item.loan_id);
    }
    Ok(())
}

fn next_action_or_default(what: &str) -> String {
    if what.trim().is_empty() {
        "การติดตามที่นัดไว้".into()
    } else {
        what.to_string()
    }
}

/// Where one loan stands on the ladder today (None when it is neither overdue nor followed up).
pub fn standing_of(
    conn: &Connection,
    loan_id: i64,
    today: NaiveDate,
) -> Result<Option<Assessment>> {
    let q = build(conn, today, &Filter { loan_id: Some(loan_id), ..Filter::default() })?;
    Ok(q.ladder.get(&loan_id).copied())
}
