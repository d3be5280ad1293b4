//! A member's PDPA records (migration 0019): each delivery of the privacy notice and each
//! consent given or withdrawn, append-only; what holds now is the latest record per purpose.
//! Officers record them (they meet the member at registration); each is one audit entry.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::clock;
use crate::domain::privacy::consent::{NoticeWay, Purpose};
use crate::domain::role::Permission;
use crate::store::audit;
use crate::store::error::{Result, StoreError};
use crate::store::users::Actor;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub purpose: Purpose,
    pub given: bool,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDelivery {
    pub on: NaiveDate,
    pub how: NoticeWay,
}

/// What the member file shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Records {
    /// Oldest first.
    pub consents: Vec<ConsentRecord>,
    /// Oldest first.
    pub notices: Vec<NoticeDelivery>,
}

impl Records {
    /// The consent that holds for `purpose`: the latest given or withdrawn, if any.
    pub fn current(&self, purpose: Purpose) -> Option<&ConsentRecord> {
        self.consents.iter().rev().find(|c| c.purpose == purpose)
    }
}

fn check(
    conn: &Connection,
    actor: &Actor,
    person_id: i64,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    actor.require(Permission::KeepFiles)?;
    let anonymised: Option<Option<String>> = conn
        .query_row("SELECT anonymised_on FROM person WHERE id = ?1", [person_id], |r| r.get(0))
        .ok();
    match anonymised {
        None => return Err(StoreError::not_found("สมาชิก")),
        Some(Some(_)) => return Err(StoreError::refused("ข้อมูลของสมาชิกนี้ถูกลบแล้ว")),
        Some(None) => {}
    }
    if on > today {
        return Err(StoreError::refused("วันที่เป็นวันในอนาคตไม่ได้"));
    }
    Ok(())
}

pub fn record_consent(
    conn: &Connection,
    actor: &Actor,
    person_id: i64,
    purpose: Purpose,
    given: bool,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    check(conn, actor, person_id, on, today)?;
    let records = of_person(conn, person_id)?;
    if let Some(c) = records.current(purpose) {
        if c.given == given {
            return Err(StoreError::refused(if given {
                "สมาชิกให้ความยินยอมเรื่องนี้ไว้แล้ว"
            } else {
                "สมาชิกถอนความยินยอมเรื่องนี้ไว้แล้ว"
            }));
        }
        if on < c.on {
            return Err(StoreError::refused("วันที่ต้องไม่ก่อนรายการล่าสุดของเรื่องนี้"));
        }
    } else if !given {
        return Err(StoreError::refused("ยังไม่เคยให้ความยินยอมเรื่องนี้ จึงถอนไม่ได้"));
    }
    conn.execute(
        "INSERT INTO consent_record (person_id, purpose, given, on_date, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![person_id, purpose.code(), given, on, actor.user_id, clock::now_stamp()],
    )?;
    let (action, word) = if given {
        ("give_consent", "ให้ความยินยอม")
    } else {
        ("withdraw_consent", "ถอนความยินยอม")
    };
    audit::append(
        conn,
        actor,
        action,
        "person",
        Some(person_id),
        &format!("{word}: {}", purpose.label()),
    )
}

pub fn record_notice(
    conn: &Connection,
    actor: &Actor,
    person_id: i64,
    how: NoticeWay,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    check(conn, actor, person_id, on, today)?;
    conn.execute(
        "INSERT INTO privacy_notice_delivery (person_id, delivered_on, how, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![person_id, on, how.code(), actor.user_id, clock::now_stamp()],
    )?;
    audit::append(conn, actor, "deliver_privacy_notice", "person", Some(person_id), how.label())
}

pub fn of_person(conn: &Connection, person_id: i64) -> Result<Records> {
    let mut stmt = conn.prepare_cached(
        "SELECT purpose, given, on_date FROM consent_record WHERE person_id = ?1 ORDER BY on_date, id",
    )?;
    let consents = stmt
        .query_map([person_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get(2)?)))?
        .filter_map(|row| match row {
            Ok((code, given, on)) => {
                Purpose::from_code(&code).map(|purpose| Ok(ConsentRecord { purpose, given, on }))
            }
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT delivered_on, how FROM privacy_notice_delivery WHERE person_id = ?1 ORDER BY delivered_on, id",
    )?;
    let notices = stmt
        .query_map([person_id], |r| Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, String>(1)?)))?
        .filter_map(|row| match row {
            Ok((on, code)) => NoticeWay::from_code(&code).map(|how| Ok(NoticeDelivery { on, how })),
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    Ok(Records { consents, notices })
}
