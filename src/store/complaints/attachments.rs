//! Documents and photos attached to a complaint (issue 16 §2, investigation): the bytes kept in
//! the database (so backups carry them) with name, size, SHA-256, who and when; never edited or
//! deleted, a mistaken one withdrawn with a reason. Like the identity, they are seen only by the
//! committee and the complaint's handler, and each one saved out is in the audit log.

use sha2::{Digest, Sha256};

use super::*;
use crate::domain::complaints::attachment::{check_size, file_name};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Withdrawal {
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// One attachment as the complaint file lists it (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub size: u64,
    pub sha256: String,
    pub note: String,
    pub by: String,
    pub at: String,
    pub withdrawn: Option<Withdrawal>,
}

const REFUSED: &str = "เอกสารแนบของเรื่องร้องเรียนเปิดดูและแนบได้เฉพาะประธาน/กรรมการ และผู้รับผิดชอบเรื่องนี้";

/// The complaint's number and whether it is closed, once the actor may see its attachments.
fn guard(conn: &Connection, actor: &Actor, complaint_id: i64) -> Result<(String, bool)> {
    let (handler, about, no, step): (Option<i64>, Option<i64>, String, String) = conn
        .query_row(
            "SELECT handler_id, about_user_id, no || '/' || be_year, step FROM complaint WHERE id = ?1",
            [complaint_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::not_found("เรื่องร้องเรียน"))?;
    if !may_see_identity(actor.role, actor.user_id, handler, about) {
        return Err(StoreError::refused(REFUSED));
    }
    Ok((no, step == Step::Close.code()))
}

/// Attaches `bytes` as `name` to an open complaint; its id.
pub fn attach(
    conn: &Connection,
    actor: &Actor,
    complaint_id: i64,
    name: &str,
    bytes: &[u8],
    note: &str,
) -> Result<i64> {
    actor.require(Permission::KeepFiles)?;
    let (no, closed) = guard(conn, actor, complaint_id)?;
    if closed {
        return Err(StoreError::refused("เรื่องนี้ปิดแล้ว แนบเอกสารไม่ได้ (เปิดเรื่องใหม่ก่อนถ้าต้องตรวจสอบเพิ่ม)"));
    }
    let name = file_name(name).map_err(StoreError::refused)?;
    check_size(bytes.len() as u64).map_err(StoreError::refused)?;
    let sha = hex::encode(Sha256::digest(bytes));
    conn.execute(
        "INSERT INTO complaint_attachment (complaint_id, name, size, sha256, bytes, note, by_user, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            complaint_id,
            name,
            bytes.len() as i64,
            sha,
            bytes,
            note.trim(),
            actor.user_id,
            clock::now_stamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(
        conn,
        actor,
        "attach_complaint_file",
        "complaint",
        Some(complaint_id),
        &format!("{no} แนบ {name} ({} ไบต์ SHA-256 {sha})", bytes.len()),
    )?;
    Ok(id)
}

/// The attachments of a complaint, oldest first, for those who may see them.
pub fn attachments(conn: &Connection, actor: &Actor, complaint_id: i64) -> Result<Vec<Attachment>> {
    guard(conn, actor, complaint_id)?;
    listed(conn, complaint_id)
}

pub(super) fn listed(conn: &Connection, complaint_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.name, a.size, a.sha256, a.note, COALESCE(u.full_name, 'ระบบ'), a.at,
                w.reason, COALESCE(wu.full_name, 'ระบบ'), w.at
         FROM complaint_attachment a
         LEFT JOIN app_user u ON u.id = a.by_user
         LEFT JOIN complaint_attachment_withdrawal w ON w.attachment_id = a.id
         LEFT JOIN app_user wu ON wu.id = w.by_user
         WHERE a.complaint_id = ?1 ORDER BY a.id",
    )?;
    let rows = stmt.query_map([complaint_id], |r| {
        let reason: Option<String> = r.get(7)?;
        Ok(Attachment {
            id: r.get(0)?,
            name: r.get(1)?,
            size: r.get::<_, i64>(2)? as u64,
            sha256: r.get(3)?,
            note: r.get(4)?,
            by: r.get(5)?,
            at: r.get(6)?,
            withdrawn: match reason {
                Some(reason) => Some(Withdrawal { reason, by: r.get(8)?, at: r.get(9)? }),
                None => None,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many attachments a complaint has (what those who may not open them are told).
pub fn attachment_count(conn: &Connection, complaint_id: i64) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM complaint_attachment WHERE complaint_id = ?1",
        [complaint_id],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

fn complaint_of(conn: &Connection, attachment_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT complaint_id FROM complaint_attachment WHERE id = ?1",
        [attachment_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("เอกสารแนบ"))
}

/// An attachment's name and bytes to save out, checked against its SHA-256; the look is logged
/// (run it in a write transaction).
pub fn open_attachment(
    conn: &Connection,
    actor: &Actor,
    attachment_id: i64,
) -> Result<(String, Vec<u8>)> {
    let complaint_id = complaint_of(conn, attachment_id)?;
    let (no, _) = guard(conn, actor, complaint_id)?;
    let (name, sha, bytes): (String, String, Vec<u8>) = conn.query_row(
        "SELECT name, sha256, bytes FROM complaint_attachment WHERE id = ?1",
        [attachment_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if hex::encode(Sha256::digest(&bytes)) != sha {
        return Err(StoreError::refused(format!(
            "ไฟล์แนบ {name} ไม่ตรงกับค่าตรวจสอบที่บันทึกไว้ (ฐานข้อมูลอาจเสียหาย) กรุณากู้คืนจากสำเนาสำรอง"
        )));
    }
    audit::append(
        conn,
        actor,
        "open_complaint_file",
        "complaint",
        Some(complaint_id),
        &format!("{no} {name}"),
    )?;
    Ok((name, bytes))
}

/// Marks an attachment withdrawn (attached by mistake) with the reason; the bytes stay.
pub fn withdraw_attachment(
    conn: &Connection,
    actor: &Actor,
    attachment_id: i64,
    reason: &str,
) -> Result<()> {
    actor.require(Permission::KeepFiles)?;
    let complaint_id = complaint_of(conn, attachment_id)?;
    let (no, _) = guard(conn, actor, complaint_id)?;
    if reason.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุเหตุผลที่ถอนเอกสารแนบ"));
    }
    let done: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM complaint_attachment_withdrawal WHERE attachment_id = ?1)",
        [attachment_id],
        |r| r.get(0),
    )?;
    if done {
        return Err(StoreError::refused("เอกสารแนบนี้ถอนไปแล้ว"));
    }
    conn.execute(
        "INSERT INTO complaint_attachment_withdrawal (attachment_id, reason, by_user, at)
         VALUES (?1, ?2, ?3, ?4)",
        params![attachment_id, reason.trim(), actor.user_id, clock::now_stamp()],
    )?;
    audit::append(
        conn,
        actor,
        "withdraw_complaint_file",
        "complaint",
        Some(complaint_id),
        &format!("{no} ถอนเอกสารแนบ #{attachment_id}: {}", reason.trim()),
    )?;
    Ok(())
}
