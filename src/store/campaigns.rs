//! Sieve campaigns in the database: the campaign and the letters it issued (written in the same
//! transaction as the letters), and the review after the deadline from the ledger and promises.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::collections::campaign::{self, Answer, Verdict};
use crate::domain::collections::promise::State;
use crate::domain::person::full_name;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCampaign<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub village_no: Option<u8>,
    pub fund_id: Option<i64>,
    pub min_dpd: i64,
    pub issued_on: NaiveDate,
    pub deadline: NaiveDate,
    pub follows_id: Option<i64>,
}

/// Records a campaign and the letters it issued (letter id, loan id, amount asked).
pub fn record(
    conn: &Connection,
    actor: &Actor,
    c: &NewCampaign<'_>,
    letters: &[(i64, i64, Satang)],
) -> Result<i64> {
    if c.name.trim().is_empty() {
        return Err(StoreError::refused("กรุณาตั้งชื่อการร่อนตะแกรง"));
    }
    if letters.is_empty() {
        return Err(StoreError::refused("ไม่มีสัญญาที่ต้องออกหนังสือตามเงื่อนไขนี้"));
    }
    conn.execute(
        "INSERT INTO campaign (name, kind, village_no, fund_id, min_dpd, issued_on, deadline, follows_id, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.name.trim(),
            c.kind,
            c.village_no,
            c.fund_id,
            c.min_dpd,
            c.issued_on,
            c.deadline,
            c.follows_id,
            actor.user_id,
            clock::now_stamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO campaign_letter (campaign_id, loan_id, letter_id, asked) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (letter_id, loan_id, asked) in letters {
        insert.execute(params![id, loan_id, letter_id, asked.0])?;
    }
    audit::append(
        conn,
        actor,
        "run_campaign",
        "campaign",
        Some(id),
        &format!("{} ฉบับ", letters.len()),
    )?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub village_no: Option<u8>,
    pub issued_on: NaiveDate,
    pub deadline: NaiveDate,
    pub follows_id: Option<i64>,
}

pub fn get(conn: &Connection, id: i64) -> Result<Campaign> {
    conn.query_row(
        "SELECT id, name, kind, village_no, issued_on, deadline, follows_id FROM campaign WHERE id = ?1",
        [id],
        |r| {
            Ok(Campaign {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                village_no: r.get(3)?,
                issued_on: r.get(4)?,
                deadline: r.get(5)?,
                follows_id: r.get(6)?,
            })
        },
    )
    .map_err(|e| match e {
        rusqlite::Error::QueryReturnedNoRows => StoreError::not_found(format!("การร่อนตะแกรงที่ {id}")),
        e => e.into(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub loan_id: i64,
    pub contract_no: String,
    pub name: String,
    pub asked: Satang,
    pub paid: Satang,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub campaign: Campaign,
    pub lines: Vec<Line>,
}

impl Review {
    pub fn count(&self, f: impl Fn(Verdict) -> bool) -> usize {
        self.lines.iter().filter(|l| f(l.verdict)).count()
    }

    /// The loans that did not comply: the next step's letters go to them.
    pub fn rest(&self) -> Vec<i64> {
        self.lines.iter().filter(|l| l.verdict == Verdict::NotComplied).map(|l| l.loan_id).collect()
    }
}

/// Who complied and who did not, as of `as_of` (promises evaluated by the caller beforehand).
pub fn review(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<Review> {
    let campaign = get(conn, id)?;
    let rows: Vec<(i64, String, String, i64)> = conn
        .prepare(
            "SELECT cl.loan_id, l.contract_no, p.title || char(31) || p.first_name || char(31) || p.last_name, cl.asked
             FROM campaign_letter cl JOIN loan l ON l.id = cl.loan_id JOIN person p ON p.id = l.borrower_id
             WHERE cl.campaign_id = ?1 ORDER BY l.contract_no",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut pays = conn.prepare_cached(
        "SELECT p.paid_on, p.amount FROM payment p WHERE p.loan_id = ?1
           AND NOT EXISTS (SELECT 1 FROM receipt_reversal x WHERE x.receipt_id = p.receipt_id)",
    )?;
    let mut proms = conn.prepare_cached("SELECT made_on, state FROM promise WHERE loan_id = ?1")?;
    let mut lines = Vec::new();
    for (loan_id, contract_no, name, asked) in rows {
        let payments: Vec<(NaiveDate, Satang)> = pays
            .query_map([loan_id], |r| Ok((r.get(0)?, Satang(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let promises: Vec<(NaiveDate, State)> = proms
            .query_map([loan_id], |r| {
                Ok((r.get(0)?, State::from_code(&r.get::<_, String>(1)?).unwrap_or(State::Open)))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let answer = Answer {
            asked: Satang(asked),
            issued_on: campaign.issued_on,
            deadline: campaign.deadline,
            payments: &payments,
            promises: &promises,
        };
        let (paid, verdict) = campaign::assess(&answer, as_of);
        let mut parts = name.split('\u{1f}');
        let (t, f, l) =
            (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        lines.push(Line {
            loan_id,
            contract_no,
            name: full_name(t, f, l),
            asked: Satang(asked),
            paid,
            verdict,
        });
    }
    Ok(Review { campaign, lines })
}
