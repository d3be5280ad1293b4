//! Letter templates (defaults shipped, edits stored and checked against the Debt Collection Act)
//! and the letter register (ทะเบียนหนังสือส่ง): every issued letter's number per Buddhist year,
//! recipient, kind, amounts, date, the PDF's SHA-256, and what it said for reprints.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Serialize, de::DeserializeOwned};

use super::audit;
use super::error::{Result, StoreError};
use super::institute;
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::letter::defaults::default_template;
use crate::domain::letter::facts::AmountRow;
use crate::domain::letter::template::Template;
use crate::domain::letter::{Kind, letter_number};
use crate::domain::role::Permission;
use crate::domain::thai::date::be_year;

pub fn template(conn: &Connection, kind: Kind) -> Result<Template> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT template_json FROM letter_template WHERE kind = ?1",
            [kind.code()],
            |r| r.get(0),
        )
        .optional()?;
    match stored.and_then(|json| serde_json::from_str::<Template>(&json).ok()) {
        Some(t) => Ok(t),
        None => Ok(default_template(kind)),
    }
}

/// Saves edited wording (committee), refusing anything unlawful or with unknown fields.
pub fn save_template(conn: &Connection, actor: &Actor, t: &Template) -> Result<()> {
    actor.require(Permission::EditTemplates)?;
    if let Some(problem) = t.problems().into_iter().next() {
        return Err(StoreError::refused(problem));
    }
    let json = serde_json::to_string(t).map_err(|e| StoreError::refused(e.to_string()))?;
    conn.execute(
        "INSERT INTO letter_template (kind, template_json, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind) DO UPDATE SET template_json = excluded.template_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        params![t.kind.code(), json, actor.user_id, clock::now_stamp()],
    )?;
    audit::append(conn, actor, "save_template", "letter_template", None, t.kind.code())?;
    Ok(())
}

/// Back to the shipped wording.
pub fn reset_template(conn: &Connection, actor: &Actor, kind: Kind) -> Result<()> {
    actor.require(Permission::EditTemplates)?;
    conn.execute("DELETE FROM letter_template WHERE kind = ?1", [kind.code()])?;
    audit::append(conn, actor, "reset_template", "letter_template", None, kind.code())?;
    Ok(())
}

/// The next number of the register for a letter dated `issued_on`.
pub fn next_number(conn: &Connection, issued_on: NaiveDate) -> Result<(i32, u32, String)> {
    let year = be_year(issued_on);
    let seq: u32 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM letter WHERE be_year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let prefix = institute::get(conn)?.map(|i| i.letter_prefix).unwrap_or_default();
    Ok((year, seq, letter_number(&prefix, seq, year)))
}

/// The numbers of `count` letters dated `issued_on`, taken in one go for a batch (in the
/// transaction that registers them).
pub fn next_numbers(
    conn: &Connection,
    issued_on: NaiveDate,
    count: usize,
) -> Result<Vec<(i32, u32, String)>> {
    let (year, first, _) = next_number(conn, issued_on)?;
    let prefix = institute::get(conn)?.map(|i| i.letter_prefix).unwrap_or_default();
    Ok((0..count as u32)
        .map(|k| (year, first + k, letter_number(&prefix, first + k, year)))
        .collect())
}

/// A letter about to be registered.
#[derive(Debug, Clone)]
pub struct NewLetter<'a, C: Serialize> {
    pub kind: Kind,
    pub loan_id: Option<i64>,
    pub person_id: Option<i64>,
    pub recipient_name: &'a str,
    pub recipient_address: &'a str,
    pub issued_on: NaiveDate,
    /// The amounts the letter states, row by row (kept as `amounts_json`).
    pub amounts: &'a [AmountRow],
    pub total: Satang,
    /// What the letter said (fields, rows): printed again, as a copy, on a reprint.
    pub content: &'a C,
}

/// Which PDF a letter's SHA-256 is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PdfScope {
    /// A file holding this letter only.
    Letter,
    /// The file of a batch holding many letters; the register gives the pages.
    Batch,
}

impl PdfScope {
    pub fn code(self) -> &'static str {
        match self {
            PdfScope::Letter => "letter",
            PdfScope::Batch => "batch",
        }
    }
}

/// The PDF a registered letter was printed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfFile<'a> {
    pub sha256: &'a str,
    pub scope: PdfScope,
    /// Pages of the file the letter is on, `3` or `3-4`.
    pub pages: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Registered {
    pub id: i64,
    pub number: String,
    pub kind: String,
    pub loan_id: Option<i64>,
    pub person_id: Option<i64>,
    pub recipient_name: String,
    pub recipient_address: String,
    pub issued_on: NaiveDate,
    pub total: Satang,
    pub pdf_sha256: String,
    /// `letter` or `batch`: see [`PdfScope`].
    pub pdf_scope: String,
    pub pdf_pages: String,
    pub status: String,
    pub reprints: i64,
    /// The contract the letter is about, for the register's column.
    pub contract_no: Option<String>,
}

/// Registers a letter whose PDF was made with `number` (from [`next_number`], in the same
/// transaction), with the SHA-256 of the PDF it was printed in.
pub fn register<C: Serialize>(
    conn: &Connection,
    actor: &Actor,
    number: &(i32, u32, String),
    l: &NewLetter<'_, C>,
    pdf: &PdfFile<'_>,
) -> Result<i64> {
    actor.require(Permission::PrintLetters)?;
    let refused = |e: serde_json::Error| StoreError::refused(e.to_string());
    let content = serde_json::to_string(l.content).map_err(refused)?;
    let amounts = serde_json::to_string(l.amounts).map_err(refused)?;
    conn.prepare_cached(
        "INSERT INTO letter (be_year, seq, number, kind, loan_id, person_id, recipient_name, recipient_address, issued_on, amounts_json, total,
           pdf_sha256, issued_by, created_at, content_json, pdf_scope, pdf_pages)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?15, ?10, ?11, ?12, ?13, ?14, ?16, ?17)",
    )?
    .execute(params![
        number.0,
        number.1,
        number.2,
        l.kind.code(),
        l.loan_id,
        l.person_id,
        l.recipient_name,
        l.recipient_address,
        l.issued_on,
        l.total.0,
        pdf.sha256,
        actor.user_id,
        clock::now_stamp(),
        content,
        amounts,
        pdf.scope.code(),
        pdf.pages,
    ])?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "issue_letter",
        "letter",
        Some(id),
        &format!("{} {} {}", number.2, l.kind, l.recipient_name),
    )?;
    Ok(id)
}

const SELECT: &str = "SELECT id, number, kind, loan_id, person_id, recipient_name, recipient_address, issued_on, total, pdf_sha256, status, reprints, pdf_scope, pdf_pages,
  (SELECT l.contract_no FROM loan l WHERE l.id = letter.loan_id) FROM letter";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Registered> {
    Ok(Registered {
        id: r.get(0)?,
        number: r.get(1)?,
        kind: r.get(2)?,
        loan_id: r.get(3)?,
        person_id: r.get(4)?,
        recipient_name: r.get(5)?,
        recipient_address: r.get(6)?,
        issued_on: r.get(7)?,
        total: Satang(r.get(8)?),
        pdf_sha256: r.get(9)?,
        status: r.get(10)?,
        reprints: r.get(11)?,
        pdf_scope: r.get(12)?,
        pdf_pages: r.get(13)?,
        contract_no: r.get(14)?,
    })
}

pub fn by_number(conn: &Connection, number: &str) -> Result<Registered> {
    conn.query_row(&format!("{SELECT} WHERE number = ?1"), [number.trim()], from_row)
        .map_err(|_| StoreError::not_found(format!("หนังสือเลขที่ {}", number.trim())))
}

pub fn get(conn: &Connection, id: i64) -> Result<Registered> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .map_err(|_| StoreError::not_found("หนังสือ"))
}

/// What a registered letter said, to print it again.
pub fn content<C: DeserializeOwned>(conn: &Connection, id: i64) -> Result<C> {
    let json: String =
        conn.query_row("SELECT content_json FROM letter WHERE id = ?1", [id], |r| r.get(0))?;
    serde_json::from_str(&json)
        .map_err(|e| StoreError::refused(format!("อ่านเนื้อหาหนังสือเดิมไม่ได้: {e}")))
}

/// Counts a reprint (printed as สำเนา with the same number).
pub fn count_reprint(conn: &Connection, actor: &Actor, id: i64) -> Result<()> {
    conn.execute("UPDATE letter SET reprints = reprints + 1 WHERE id = ?1", [id])?;
    audit::append(conn, actor, "reprint_letter", "letter", Some(id), "")?;
    Ok(())
}

/// Letters about a loan, newest first.
pub fn of_loan(conn: &Connection, loan_id: i64) -> Result<Vec<Registered>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE loan_id = ?1 ORDER BY id DESC"))?;
    let rows = stmt.query_map([loan_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The register for a period (ทะเบียนหนังสือส่ง).
pub fn between(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Registered>> {
    let mut stmt =
        conn.prepare(&format!("{SELECT} WHERE issued_on BETWEEN ?1 AND ?2 ORDER BY be_year, seq"))?;
    let rows = stmt.query_map(params![from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Delivered or returned by the post.
pub fn set_status(conn: &Connection, actor: &Actor, id: i64, status: &str) -> Result<()> {
    if !["issued", "delivered", "returned"].contains(&status) {
        return Err(StoreError::refused("สถานะหนังสือไม่ถูกต้อง"));
    }
    conn.execute("UPDATE letter SET status = ?2 WHERE id = ?1", params![id, status])?;
    audit::append(conn, actor, "letter_status", "letter", Some(id), status)?;
    Ok(())
}

/// Whether a reminder or a demand was ever issued about a loan (a second demand needs one).
pub fn had_collection_letter(conn: &Connection, loan_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM letter WHERE loan_id = ?1 AND kind IN ('reminder', 'demand', 'demand2'))",
        )?
        .query_row([loan_id], |r| r.get(0))?)
}
