//! Collection targets in the demo: every month has its default (what falls due plus a share of
//! the arrears); the treasurer rounded this month's target of the first หมู่ up to the next
//! thousand baht and gave the officer a round figure, so the targets screen shows both kinds.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::Satang;
use crate::domain::collections::target::Month;
use crate::domain::role::Role;
use crate::store::Actor;
use crate::store::error::Result;
use crate::store::targets::{self, Scope};

/// Sets the demo's own targets; returns how many.
pub fn add(conn: &Connection, today: NaiveDate) -> Result<usize> {
    let treasurer = Actor { user_id: Some(2), role: Role::Treasurer, name: String::new() };
    let month = Month::of(today);
    let m = targets::month(conn, month, today)?;
    let mut set = 0;
    let round_up = |a: Satang| Satang((a.0 + 99_999) / 100_000 * 100_000);
    let first_village = m.lines.iter().find(|l| matches!(l.scope, Scope::Village(_)));
    if let Some(l) = first_village {
        targets::set(conn, &treasurer, month, l.scope, Some(round_up(l.default)), "ปัดขึ้นเป็นหลักพัน")?;
        set += 1;
    }
    if let Some(l) = m.lines.iter().find(|l| matches!(l.scope, Scope::Officer(_))) {
        targets::set(conn, &treasurer, month, l.scope, Some(round_up(l.default)), "เป้าของเจ้าหน้าที่")?;
        set += 1;
    }
    Ok(set)
}
