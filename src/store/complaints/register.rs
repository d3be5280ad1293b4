//! Registering a complaint: the form's check with the field a refusal is about, its number of
//! the B.E. year, the receipt step, its loans, and the collection hold a disputed amount starts.

use super::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Complainant {
    Member(i64),
    Other { name: String, address: String, phone: String },
    Anonymous,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub received_on: NaiveDate,
    pub channel: Channel,
    pub category: Category,
    pub complainant: Complainant,
    pub detail: String,
    pub request: String,
    pub loan_ids: Vec<i64>,
    /// The officer the complaint is about, when it is about one.
    pub about_user_id: Option<i64>,
}

/// Which field a refusal is about, so the form can show it beside that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Received,
    Complainant,
    Detail,
    Loans,
    Handler,
    Finding,
    Satisfaction,
    Note,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: Field,
    pub message: &'static str,
}

impl NewComplaint {
    /// Checks the form before anything is written; the first problem, with its field.
    pub fn check(&self, today: NaiveDate) -> Result<(), Invalid> {
        let bad = |field, message| Err(Invalid { field, message });
        if self.received_on > today {
            return bad(Field::Received, "วันที่รับเรื่องต้องไม่เป็นวันในอนาคต");
        }
        if let Complainant::Other { name, .. } = &self.complainant
            && name.trim().is_empty()
        {
            return bad(Field::Complainant, "กรุณากรอกชื่อผู้ร้องเรียน หรือเลือกไม่ประสงค์ออกนาม");
        }
        if self.detail.trim().is_empty() {
            return bad(Field::Detail, "กรุณากรอกเรื่องที่ร้องเรียน");
        }
        if self.category.holds_collection() && self.loan_ids.is_empty() {
            return bad(Field::Loans, "เรื่องโต้แย้งยอดหนี้ต้องระบุสัญญาที่โต้แย้ง");
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub id: i64,
    pub number: String,
}

/// Registers a complaint: its number, the receipt step, its loans, and for a disputed amount a
/// collection hold on each loan from the day received.
pub fn register(conn: &Connection, actor: &Actor, c: &NewComplaint) -> Result<Registered> {
    register_as_of(conn, actor, c, clock::today())
}

/// [`register`] on a given day (demo data made for another day).
pub fn register_as_of(
    conn: &Connection,
    actor: &Actor,
    c: &NewComplaint,
    today: NaiveDate,
) -> Result<Registered> {
    actor.require(Permission::KeepFiles)?;
    c.check(today).map_err(|i| StoreError::refused(i.message))?;
    if c.about_user_id.is_some() && c.about_user_id == actor.user_id {
        return Err(StoreError::refused("ผู้ถูกร้องเรียนรับเรื่องร้องเรียนเกี่ยวกับตนเองไม่ได้ ให้ผู้อื่นเป็นผู้รับเรื่อง"));
    }
    let year = be_year(c.received_on);
    let no: i64 = conn.query_row(
        "SELECT COALESCE(MAX(no), 0) + 1 FROM complaint WHERE be_year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let (kind, person_id, name, address, phone) = match &c.complainant {
        Complainant::Member(id) => {
            crate::store::persons::get(conn, *id)?;
            ("member", Some(*id), "", "", "")
        }
        Complainant::Other { name, address, phone } => {
            ("other", None, name.trim(), address.trim(), phone.trim())
        }
        Complainant::Anonymous => ("anonymous", None, "", "", ""),
    };
    let now = clock::now_stamp();
    conn.execute(
        "INSERT INTO complaint (be_year, no, received_on, channel, category, complainant, person_id,
             complainant_name, complainant_address, complainant_phone, detail, request, about_user_id,
             created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            year,
            no,
            c.received_on,
            c.channel.code(),
            c.category.code(),
            kind,
            person_id,
            name,
            address,
            phone,
            c.detail.trim(),
            c.request.trim(),
            c.about_user_id,
            actor.user_id,
            now
        ],
    )?;
    let id = conn.last_insert_rowid();
    let number = number(no, year);
    record_step(conn, actor, id, Step::Receive, c.received_on, "")?;
    for loan_id in &c.loan_ids {
        crate::store::loans::get(conn, *loan_id)?;
        let hold_id = if c.category.holds_collection() {
            Some(holds::start(conn, actor, *loan_id, &hold_reason(&number), c.received_on, None)?)
        } else {
            None
        };
        conn.execute(
            "INSERT OR IGNORE INTO complaint_loan (complaint_id, loan_id, hold_id) VALUES (?1, ?2, ?3)",
            params![id, loan_id, hold_id],
        )?;
    }
    audit::append(
        conn,
        actor,
        "register_complaint",
        "complaint",
        Some(id),
        &format!("{number} {}", c.category.thai()),
    )?;
    Ok(Registered { id, number })
}
