//! The settings screen's values (issue 17 §D17) read from and written to their homes: the
//! institute row, the chair's signatory row and the letter thresholds' key/value rows. Saving
//! is one transaction that writes one audit entry per changed field with its old and new value.

use rusqlite::{Connection, params};

use super::error::{Result, StoreError};
use super::users::Actor;
use super::{audit, institute, settings};
use crate::domain::Satang;
use crate::domain::institute_settings::Settings;
use crate::domain::role::Permission;

/// The signatory duty whose name and position the screen edits: the chair signs the letters.
pub const SIGNER_DUTY: &str = "chair";

pub fn load(conn: &Connection) -> Result<Settings> {
    let inst = institute::get(conn)?.unwrap_or_default();
    let signer = institute::signatory_for(conn, SIGNER_DUTY)?;
    let thresholds = settings::letter_thresholds(conn)?;
    let ladder = settings::ladder(conn)?;
    Ok(Settings {
        name: inst.name,
        address: inst.address,
        phone: inst.phone,
        promptpay: inst.promptpay_id,
        signer_name: signer.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        signer_position: signer.map(|s| s.position).unwrap_or_default(),
        letter_prefix: inst.letter_prefix,
        min_reminder: thresholds.min_reminder,
        min_overdue: thresholds.min_overdue,
        tolerance: thresholds.tolerance.0,
        reminder_days: ladder.reminder_dpd,
        demand_days: ladder.demand_dpd,
        demand2_days: ladder.demand2_dpd,
        round_up_baht: settings::round_up_baht(conn)?,
    })
}

/// Writes what changed, in the caller's transaction, and returns how many fields changed. The
/// values arrive already valid ([`crate::domain::institute_settings::validate`]); the name is
/// checked again because a store call must not trust its caller with an empty letterhead.
pub fn save(conn: &Connection, actor: &Actor, new: &Settings) -> Result<usize> {
    actor.require(Permission::EditSettings)?;
    if new.name.trim().is_empty() {
        return Err(StoreError::refused("กรุณากรอกชื่อสถาบัน"));
    }
    if [new.min_reminder, new.min_overdue, new.tolerance].iter().any(|s| *s < Satang::ZERO) {
        return Err(StoreError::refused("จำนวนเงินต้องไม่ติดลบ"));
    }
    if !(0 < new.reminder_days
        && new.reminder_days < new.demand_days
        && new.demand_days < new.demand2_days)
    {
        return Err(StoreError::refused("วันของขั้นการติดตามต้องมากกว่า 0 และเพิ่มขึ้นตามลำดับ"));
    }
    let old = load(conn)?;
    let changes = old.changes(new);
    if changes.is_empty() {
        return Ok(0);
    }
    let mut inst =
        institute::get(conn)?.ok_or_else(|| StoreError::refused("ยังไม่ได้ตั้งค่าสถาบันครั้งแรก"))?;
    inst.name = new.name.trim().to_string();
    inst.address = new.address.clone();
    inst.phone = new.phone.clone();
    inst.promptpay_id = new.promptpay.clone();
    inst.letter_prefix = new.letter_prefix.clone();
    conn.execute(
        "UPDATE institute SET name = ?1, address = ?2, phone = ?3, promptpay_id = ?4, letter_prefix = ?5 WHERE id = 1",
        params![inst.name, inst.address, inst.phone, inst.promptpay_id, inst.letter_prefix],
    )?;
    let updated = conn.execute(
        "UPDATE signatory SET name = ?1, position = ?2 WHERE id = (SELECT id FROM signatory WHERE duty = ?3 ORDER BY sort, id LIMIT 1)",
        params![new.signer_name, new.signer_position, SIGNER_DUTY],
    )?;
    if updated == 0 {
        conn.execute(
            "INSERT INTO signatory (name, position, duty, sort) VALUES (?1, ?2, ?3, -1)",
            params![new.signer_name, new.signer_position, SIGNER_DUTY],
        )?;
    }
    settings::set(conn, settings::MIN_REMINDER_KEY, &new.min_reminder.0.to_string())?;
    settings::set(conn, settings::MIN_OVERDUE_KEY, &new.min_overdue.0.to_string())?;
    settings::set(conn, settings::TOLERANCE_KEY, &new.tolerance.0.to_string())?;
    settings::set(conn, settings::LADDER_REMINDER_KEY, &new.reminder_days.to_string())?;
    settings::set(conn, settings::LADDER_DEMAND_KEY, &new.demand_days.to_string())?;
    settings::set(conn, settings::LADDER_DEMAND2_KEY, &new.demand2_days.to_string())?;
    settings::set(conn, settings::ROUND_UP_KEY, if new.round_up_baht { "1" } else { "0" })?;
    for (field, before, after) in &changes {
        audit::append(
            conn,
            actor,
            "change_setting",
            "setting",
            None,
            &format!("{}: เดิม \"{before}\" เป็น \"{after}\"", field.label()),
        )?;
    }
    Ok(changes.len())
}
