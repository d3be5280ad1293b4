//! Anonymising members after the retention period (issue 15 §8, DESIGN §9): the committee lists
//! the members whose every loan, as borrower, co-borrower or guarantor, closed more than the
//! retention period ago (`privacy.retention_years`, default 10: the longest prescription, s.193/30)
//! and, with the meeting's resolution, removes who they were in one transaction: names, national
//! id, birth date, phones, addresses, the names on their receipts and letters, the deeds of their
//! collateral and the free-text notes about them. Amounts, dates and loans stay, so the fund's
//! figures and `plodnee check` are unchanged. The audit log is never rewritten (its hash chain
//! must stay whole): each member gets one new entry naming the resolution, not the person.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::domain::privacy::retention::{self, DEFAULT_YEARS};
use crate::domain::role::Permission;
use crate::store::audit;
use crate::store::error::{Result, StoreError};
use crate::store::settings;
use crate::store::users::Actor;

pub const RETENTION_KEY: &str = "privacy.retention_years";

/// What an anonymised member is called from then on: the id keeps rows apart in lists.
pub const ANONYMOUS_FIRST_NAME: &str = "ลบข้อมูลแล้ว";

/// Loan statuses after which nothing more is owed or collected: a written-off loan is still
/// tracked for recoveries and prescription, so its people are kept.
const ENDED: &str = "('closed', 'consolidated', 'voided')";

pub fn retention_years(conn: &Connection) -> Result<u32> {
    let years = settings::get_i64(conn, RETENTION_KEY, DEFAULT_YEARS as i64)?;
    Ok(u32::try_from(years).unwrap_or(DEFAULT_YEARS).max(1))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub person_id: i64,
    pub name: String,
    /// The last four digits (PDPA: even the committee's list masks it).
    pub masked_id: String,
    /// How many loans the member was a party to.
    pub loans: i64,
    /// The day the last of them closed, or the file was opened for a member who never borrowed.
    pub last_closed: NaiveDate,
    pub anonymise_from: NaiveDate,
}

/// The members who may be anonymised on `as_of`, the longest closed first.
pub fn candidates(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Candidate>> {
    let years = retention_years(conn)?;
    let mut stmt = conn.prepare(&format!(
        "WITH parts AS (
             SELECT borrower_id AS person_id, id AS loan_id FROM loan
             UNION SELECT person_id, loan_id FROM loan_party
         ),
         per AS (
             SELECT parts.person_id,
                    COUNT(*) AS loans,
                    SUM(l.status NOT IN {ENDED}) AS open,
                    MAX(COALESCE(l.closed_on, substr(l.created_at, 1, 10))) AS last_closed
             FROM parts JOIN loan l ON l.id = parts.loan_id
             GROUP BY parts.person_id
         )
         SELECT p.id, p.title, p.first_name, p.last_name, p.national_id,
                COALESCE(per.loans, 0), COALESCE(per.open, 0),
                COALESCE(per.last_closed, substr(p.created_at, 1, 10))
         FROM person p LEFT JOIN per ON per.person_id = p.id
         WHERE p.anonymised_on IS NULL AND COALESCE(per.open, 0) = 0
         ORDER BY 8, p.id"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            crate::domain::person::full_name(
                &r.get::<_, String>(1)?,
                &r.get::<_, String>(2)?,
                &r.get::<_, String>(3)?,
            ),
            r.get::<_, Option<String>>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (person_id, name, nid, loans, last) = row?;
        let Ok(last_closed) = NaiveDate::parse_from_str(&last, "%Y-%m-%d") else { continue };
        if !retention::may_anonymise(false, last_closed, years, as_of) {
            continue;
        }
        let masked_id = nid
            .and_then(|n| crate::domain::NationalId::parse(&n).ok())
            .map(|n| n.masked())
            .unwrap_or_else(|| "-".into());
        out.push(Candidate {
            person_id,
            name,
            masked_id,
            loans,
            last_closed,
            anonymise_from: retention::anonymise_from(last_closed, years),
        });
    }
    Ok(out)
}

/// The resolution's text is required: anonymising cannot be undone, so the committee's decision
/// is named in the audit log.
pub fn check_resolution(resolution: &str) -> Result<&str> {
    let r = resolution.trim();
    if r.is_empty() {
        return Err(StoreError::refused("กรุณาระบุมติที่ประชุมคณะกรรมการที่อนุมัติให้ลบข้อมูล"));
    }
    if r.chars().count() > 200 {
        return Err(StoreError::refused("ข้อความมติยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"));
    }
    Ok(r)
}

/// Anonymises `people` as of `as_of` (all or none: one of them no longer eligible refuses the
/// whole approval, so what the committee saw is what is done). Returns how many.
pub fn anonymise(
    conn: &Connection,
    actor: &Actor,
    as_of: NaiveDate,
    resolution: &str,
    people: &[i64],
) -> Result<usize> {
    actor.require(Permission::ManagePersonalData)?;
    let resolution = check_resolution(resolution)?;
    if people.is_empty() {
        return Err(StoreError::refused("ยังไม่ได้เลือกสมาชิกที่จะลบข้อมูล"));
    }
    let eligible: std::collections::BTreeSet<i64> =
        candidates(conn, as_of)?.into_iter().map(|c| c.person_id).collect();
    if let Some(id) = people.iter().find(|id| !eligible.contains(id)) {
        return Err(StoreError::refused(format!(
            "สมาชิกรหัส {id} ยังลบข้อมูลไม่ได้ (ยังมีสัญญาที่ไม่ปิด ยังไม่พ้นระยะเวลาเก็บรักษา หรือลบไปแล้ว)"
        )));
    }
    let mut done = 0;
    for &id in people {
        scrub(conn, id, as_of)?;
        audit::append(
            conn,
            actor,
            "anonymise_person",
            "person",
            Some(id),
            &format!("มติ {resolution}"),
        )?;
        done += 1;
    }
    Ok(done)
}

fn scrub(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<()> {
    let anon_last = format!("รหัส {id}");
    conn.execute(
        "UPDATE person SET title = '', first_name = ?1, last_name = ?2, national_id = NULL,
             birth_date = NULL, phone = '', address = NULL, search_text = '', anonymised_on = ?3
         WHERE id = ?4",
        params![ANONYMOUS_FIRST_NAME, anon_last, as_of, id],
    )?;
    let loans = "(SELECT id FROM loan WHERE borrower_id = ?1)";
    conn.execute(
        &format!(
            "UPDATE receipt SET payer_name = '' WHERE payer_name <> ''
             AND id IN (SELECT receipt_id FROM payment WHERE loan_id IN {loans})"
        ),
        [id],
    )?;
    // A registered letter's number, date, kind and amounts stay in the register; who it was to
    // and what it said go (the wording named the member and their address).
    conn.execute(
        "UPDATE letter SET recipient_name = ?2, recipient_address = '', content_json = '{}'
         WHERE person_id = ?1",
        params![id, format!("{ANONYMOUS_FIRST_NAME} {anon_last}")],
    )?;
    conn.execute(
        &format!(
            "UPDATE collateral SET document_no = '', description = '' WHERE loan_id IN {loans}"
        ),
        [id],
    )?;
    conn.execute(
        "UPDATE contact SET note = '', next_action = '' WHERE person_id = ?1 OR reached_person_id = ?1",
        [id],
    )?;
    conn.execute("UPDATE loan_party SET consent_note = '' WHERE person_id = ?1", [id])?;
    conn.execute(
        "UPDATE complaint SET complainant_name = '', complainant_address = '', complainant_phone = ''
         WHERE person_id = ?1",
        [id],
    )?;
    // The house number goes once nobody in the household is left to be found by it; the
    // village, subdistrict and district stay for the fund's figures by area.
    conn.execute(
        "UPDATE household SET house_no = '', registration_no = ''
         WHERE id = (SELECT household_id FROM person WHERE id = ?1)
           AND NOT EXISTS (SELECT 1 FROM person o WHERE o.household_id = household.id
                           AND o.anonymised_on IS NULL)",
        [id],
    )?;
    Ok(())
}
