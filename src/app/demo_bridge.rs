//! Loading demo data from the first-start screen: runs the demo generator on the blocking thread
//! and signs in as its committee user, so the officer lands on a full home screen.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::role::Role;
use crate::store::users::User;
use crate::store::{Result, StoreError};

#[derive(Debug, Clone)]
pub struct DemoOutcome {
    pub households: usize,
    pub members: usize,
    pub loans: usize,
    pub payments: usize,
    /// (username, password, role) of the demo users.
    pub users: Vec<(String, String, Role)>,
    pub signed_in: User,
}

pub fn generate(_conn: &mut Connection, _households: usize, _today: NaiveDate) -> Result<DemoOutcome> {
    // Temporary until the demo generator lands on main.
    Err(StoreError::refused("ข้อมูลตัวอย่างยังไม่พร้อมในรุ่นนี้"))
}
