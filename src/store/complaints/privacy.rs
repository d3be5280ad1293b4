//! Who complained (issue 16 §4): the identity kept apart from what lists show, shown to the
//! committee and the handler only, each look logged; and the addressee of the letters.

use super::*;

/// Who complained and where to write to them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Identity {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub person_id: Option<i64>,
}

fn identity_of(conn: &Connection, id: i64) -> Result<Identity> {
    let (kind, person_id, name, address, phone): (String, Option<i64>, String, String, String) =
        conn.query_row(
            "SELECT complainant, person_id, complainant_name, complainant_address, complainant_phone
             FROM complaint WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    Ok(match (kind.as_str(), person_id) {
        ("member", Some(pid)) => {
            let p = crate::store::persons::get(conn, pid)?;
            Identity {
                name: p.full_name(),
                address: p.address.one_line(),
                phone: p.phone.clone(),
                person_id: Some(pid),
            }
        }
        ("other", _) => Identity { name, address, phone, person_id: None },
        _ => Identity {
            name: ANONYMOUS.into(),
            address: String::new(),
            phone: String::new(),
            person_id: None,
        },
    })
}

/// Shows who complained to the committee or the handler, and records that they looked.
pub fn reveal(conn: &Connection, actor: &Actor, id: i64) -> Result<Identity> {
    let (handler, about, no): (Option<i64>, Option<i64>, String) = conn
        .query_row(
            "SELECT handler_id, about_user_id, no || '/' || be_year FROM complaint WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::not_found("เรื่องร้องเรียน"))?;
    if !may_see_identity(actor.role, actor.user_id, handler, about) {
        return Err(StoreError::refused("ชื่อผู้ร้องเรียนเปิดดูได้เฉพาะประธาน/กรรมการ และผู้รับผิดชอบเรื่องนี้"));
    }
    let who = identity_of(conn, id)?;
    audit::append(conn, actor, "view_complainant", "complaint", Some(id), &no)?;
    Ok(who)
}

/// The identity for a letter to the complainant (acknowledgment, response, closure), which the
/// document layer prints and registers; the letter itself is the record of that use.
pub fn addressee(conn: &Connection, id: i64) -> Result<Identity> {
    identity_of(conn, id)
}
