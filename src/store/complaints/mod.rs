//! Complaints (ข้อร้องเรียน) along ISO 10002: registering one with its number of the B.E. year,
//! each step recorded once with who and when, the collection hold a disputed amount puts on its
//! loans while open, and the complainant's identity shown only to the committee and the handler
//! (each look is in the audit log). Every action here runs inside the caller's one transaction.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

mod corrections;
mod privacy;
mod report;

pub use corrections::{
    Correction, CorrectionKind, correct_by_reversal, correct_by_write_off, corrections,
};
pub use privacy::{Identity, addressee, reveal};
pub use report::{Lesson, MonthCount, Repeat, Report, StepTime, report};

use super::audit;
use super::error::{Result, StoreError};
use super::users::Actor;
use super::{holds, holidays, settings};
use crate::clock;
use crate::domain::complaints::privacy::{may_handle, may_see_identity};
use crate::domain::complaints::steps::Due;
use crate::domain::complaints::{
    Category, Channel, Satisfaction, Severity, Step, Targets, Workflow, mask_name,
};
use crate::domain::role::Permission;
use crate::domain::thai::date::be_year;

/// What lists show for a complaint made without a name.
pub const ANONYMOUS: &str = "ไม่ประสงค์ออกนาม";

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

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepInput {
    pub note: String,
    /// Assess: who handles it and how severe it is.
    pub handler_id: Option<i64>,
    pub severity: Option<Severity>,
    /// Respond: the finding, the remedy, and for a disputed amount whether it was confirmed.
    pub finding: String,
    pub remedy: String,
    pub amount_confirmed: Option<bool>,
    /// Close: the complainant's satisfaction and the lesson learned (ISO 10002 improvement).
    pub satisfaction: Option<Satisfaction>,
    pub lesson: String,
}

/// "1/2569": the number of the complaint within its B.E. year.
pub fn number(no: i64, be_year: i32) -> String {
    format!("{no}/{be_year}")
}

fn parse_number(text: &str) -> Option<(i64, i32)> {
    let text = crate::domain::thai::digits::to_ascii_digits(text.trim());
    let (no, year) = text.split_once('/')?;
    Some((no.trim().parse().ok()?, year.trim().parse().ok()?))
}

/// The complaint numbered `text` ("1/2569").
pub fn by_number(conn: &Connection, text: &str) -> Result<i64> {
    let (no, year) = parse_number(text)
        .ok_or_else(|| StoreError::refused("เลขที่เรื่องร้องเรียนต้องเป็นแบบ ลำดับ/ปี พ.ศ. เช่น 1/2569"))?;
    conn.query_row(
        "SELECT id FROM complaint WHERE no = ?1 AND be_year = ?2",
        params![no, year],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found(format!("เรื่องร้องเรียนเลขที่ {no}/{year}")))
}

/// The step targets, from the settings or their defaults.
pub fn targets(conn: &Connection) -> Result<Targets> {
    let mut stmt =
        conn.prepare_cached("SELECT key, value FROM setting WHERE key LIKE 'complaint.days.%'")?;
    let set: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(Targets::from_settings(|k| {
        set.iter().find(|(key, _)| key == k).and_then(|(_, v)| v.parse().ok())
    }))
}

/// Changes one step target (committee), audited with the old and new number of days.
pub fn set_target(conn: &Connection, actor: &Actor, key: &str, days: u32) -> Result<()> {
    actor.require(Permission::EditSettings)?;
    if !Targets::KEYS.iter().any(|(k, _)| *k == key) {
        return Err(StoreError::not_found(format!("ค่าตั้ง {key}")));
    }
    if days == 0 || days > 90 {
        return Err(StoreError::refused("กำหนดเวลาต้องอยู่ระหว่าง 1 ถึง 90 วันทำการ"));
    }
    let old = settings::get(conn, key)?.unwrap_or_default();
    settings::set(conn, key, &days.to_string())?;
    audit::append(conn, actor, "set_setting", "setting", None, &format!("{key}: {old} → {days}"))?;
    Ok(())
}

fn hold_reason(no: &str) -> String {
    format!("เรื่องร้องเรียนเลขที่ {no}: โต้แย้งยอดหนี้")
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
            super::persons::get(conn, *id)?;
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
        super::loans::get(conn, *loan_id)?;
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

fn record_step(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    step: Step,
    on: NaiveDate,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO complaint_step (complaint_id, step, on_date, note, by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, step.code(), on, note.trim(), actor.user_id, clock::now_stamp()],
    )?;
    conn.execute("UPDATE complaint SET step = ?2 WHERE id = ?1", params![id, step.code()])?;
    Ok(())
}

fn workflow(conn: &Connection, id: i64) -> Result<Workflow> {
    let mut stmt = conn.prepare_cached(
        "SELECT step, on_date FROM complaint_step WHERE complaint_id = ?1 ORDER BY id",
    )?;
    let steps = stmt
        .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDate>(1)?)))?
        .filter_map(|r| r.ok())
        .filter_map(|(s, d)| Step::from_code(&s).map(|s| (s, d)))
        .collect();
    Ok(Workflow { steps })
}

struct Header {
    no: String,
    category: Category,
    about: Option<i64>,
    handler: Option<i64>,
}

fn header(conn: &Connection, id: i64) -> Result<Header> {
    conn.query_row(
        "SELECT no, be_year, category, about_user_id, handler_id FROM complaint WHERE id = ?1",
        [id],
        |r| {
            Ok(Header {
                no: number(r.get(0)?, r.get(1)?),
                category: Category::from_code(&r.get::<_, String>(2)?).unwrap_or(Category::Other),
                about: r.get(3)?,
                handler: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::not_found("เรื่องร้องเรียน"))
}

/// Records one step on `on`: checked against the order of the steps, by someone other than the
/// officer the complaint is about. Assessing names the handler (never that officer); closing
/// ends the collection holds, reopening puts them back.
pub fn step(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    step: Step,
    on: NaiveDate,
    input: &StepInput,
) -> Result<()> {
    step_as_of(conn, actor, id, step, on, input, clock::today())
}

/// [`step`] on a given day (demo data made for another day).
pub fn step_as_of(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    step: Step,
    on: NaiveDate,
    input: &StepInput,
    today: NaiveDate,
) -> Result<()> {
    actor.require(Permission::KeepFiles)?;
    let h = header(conn, id)?;
    if !may_handle(actor.user_id, h.about) {
        return Err(StoreError::refused(
            "เรื่องนี้ร้องเรียนเกี่ยวกับท่านเอง ท่านดำเนินการในเรื่องนี้ไม่ได้ ให้ผู้อื่นเป็นผู้ดำเนินการ",
        ));
    }
    if on > today {
        return Err(StoreError::refused("วันที่ของขั้นตอนต้องไม่เป็นวันในอนาคต"));
    }
    let flow = workflow(conn, id)?;
    flow.check(step, on).map_err(StoreError::refused)?;
    let mut detail = format!("{} {}", h.no, step.action());
    match step {
        Step::Assess => {
            let Some(handler) = input.handler_id else {
                return Err(StoreError::refused("กรุณาเลือกผู้รับผิดชอบเรื่อง"));
            };
            if !may_handle(Some(handler), h.about) {
                return Err(StoreError::refused(
                    "มอบหมายเรื่องร้องเรียนให้ผู้ถูกร้องเรียนเป็นผู้รับผิดชอบไม่ได้ กรุณาเลือกผู้อื่น",
                ));
            }
            let name = super::users::list(conn)?
                .into_iter()
                .find(|u| u.id == handler && u.active)
                .map(|u| u.full_name)
                .ok_or_else(|| StoreError::not_found("ผู้ใช้ที่จะมอบหมาย"))?;
            let severity = input.severity.unwrap_or(Severity::Medium);
            conn.execute(
                "UPDATE complaint SET handler_id = ?2, severity = ?3 WHERE id = ?1",
                params![id, handler, severity.code()],
            )?;
            detail.push_str(&format!(" มอบหมาย {name} ความรุนแรง{}", severity.thai()));
        }
        Step::Investigate if input.note.trim().is_empty() => {
            return Err(StoreError::refused("กรุณาบันทึกผลการตรวจสอบ"));
        }
        Step::Respond => {
            if input.finding.trim().is_empty() {
                return Err(StoreError::refused("กรุณากรอกผลการพิจารณา"));
            }
            if h.category.holds_collection() && input.amount_confirmed.is_none() {
                return Err(StoreError::refused("กรุณาระบุว่ายอดหนี้ถูกต้องหรือต้องแก้ไข"));
            }
            let outcome = input.amount_confirmed.map(|c| if c { "confirmed" } else { "corrected" });
            conn.execute(
                "UPDATE complaint SET finding = ?2, remedy = ?3, amount_outcome = ?4 WHERE id = ?1",
                params![id, input.finding.trim(), input.remedy.trim(), outcome],
            )?;
        }
        Step::Close => {
            let Some(s) = input.satisfaction else {
                return Err(StoreError::refused("กรุณาระบุความพึงพอใจของผู้ร้องเรียน"));
            };
            corrections::refuse_close_if_pending(conn, id, &h.no)?;
            conn.execute(
                "UPDATE complaint SET satisfaction = ?2, lesson = ?3 WHERE id = ?1",
                params![id, s.code(), input.lesson.trim()],
            )?;
            for (hold_id,) in open_holds(conn, id)? {
                holds::end(conn, actor, hold_id, on, &format!("ปิดเรื่องร้องเรียนเลขที่ {}", h.no))?;
            }
            detail.push_str(&format!(" ผู้ร้องเรียน{}", s.thai()));
        }
        Step::Reopen => {
            if input.note.trim().is_empty() {
                return Err(StoreError::refused("กรุณาระบุเหตุผลที่เปิดเรื่องใหม่"));
            }
            if h.category.holds_collection() {
                for loan_id in loan_ids(conn, id)? {
                    let hold = holds::start(conn, actor, loan_id, &hold_reason(&h.no), on, None)?;
                    conn.execute(
                        "UPDATE complaint_loan SET hold_id = ?3 WHERE complaint_id = ?1 AND loan_id = ?2",
                        params![id, loan_id, hold],
                    )?;
                }
            }
        }
        _ => {}
    }
    let _ = h.handler;
    record_step(conn, actor, id, step, on, &input.note)?;
    audit::append(
        conn,
        actor,
        &format!("complaint_{}", step.code()),
        "complaint",
        Some(id),
        &detail,
    )?;
    Ok(())
}

fn open_holds(conn: &Connection, id: i64) -> Result<Vec<(i64,)>> {
    let mut stmt = conn.prepare(
        "SELECT h.id FROM complaint_loan cl JOIN collection_hold h ON h.id = cl.hold_id
         WHERE cl.complaint_id = ?1 AND h.ended_on IS NULL",
    )?;
    let rows = stmt.query_map([id], |r| Ok((r.get(0)?,)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn loan_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare("SELECT loan_id FROM complaint_loan WHERE complaint_id = ?1 ORDER BY loan_id")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One complaint as lists show it: the complainant masked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    pub id: i64,
    pub number: String,
    pub received_on: NaiveDate,
    #[serde(serialize_with = "code")]
    pub category: Category,
    #[serde(serialize_with = "code")]
    pub channel: Channel,
    /// The masked name (or ไม่ประสงค์ออกนาม).
    pub complainant: String,
    pub state: String,
    pub open: bool,
    pub due_step: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub handler: Option<String>,
    pub about: Option<String>,
    pub loans: Vec<String>,
    pub person_id: Option<i64>,
}

fn code<S: serde::Serializer, T: Coded>(v: &T, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.code_str())
}

trait Coded {
    fn code_str(&self) -> &'static str;
}
impl Coded for Category {
    fn code_str(&self) -> &'static str {
        self.code()
    }
}
impl Coded for Channel {
    fn code_str(&self) -> &'static str {
        self.code()
    }
}

struct Raw {
    id: i64,
    number: String,
    received_on: NaiveDate,
    category: Category,
    channel: Channel,
    kind: String,
    person_id: Option<i64>,
    first: String,
    last: String,
    other_name: String,
    handler_id: Option<i64>,
    handler: Option<String>,
    about_id: Option<i64>,
    about: Option<String>,
}

const RAW: &str =
    "SELECT c.id, c.no, c.be_year, c.received_on, c.category, c.channel, c.complainant,
        c.person_id, COALESCE(p.first_name, ''), COALESCE(p.last_name, ''),
        c.complainant_name, c.handler_id, hu.full_name, c.about_user_id, au.full_name
    FROM complaint c
    LEFT JOIN person p ON p.id = c.person_id
    LEFT JOIN app_user hu ON hu.id = c.handler_id
    LEFT JOIN app_user au ON au.id = c.about_user_id";

fn raw(r: &rusqlite::Row) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        number: number(r.get(1)?, r.get(2)?),
        received_on: r.get(3)?,
        category: Category::from_code(&r.get::<_, String>(4)?).unwrap_or(Category::Other),
        channel: Channel::from_code(&r.get::<_, String>(5)?).unwrap_or(Channel::WalkIn),
        kind: r.get(6)?,
        person_id: r.get(7)?,
        first: r.get(8)?,
        last: r.get(9)?,
        other_name: r.get(10)?,
        handler_id: r.get(11)?,
        handler: r.get(12)?,
        about_id: r.get(13)?,
        about: r.get(14)?,
    })
}

impl Raw {
    fn masked(&self) -> String {
        match self.kind.as_str() {
            "member" => mask_name(&self.first, &self.last),
            "other" => {
                let mut parts = self.other_name.split_whitespace();
                let first = parts.next().unwrap_or("");
                let rest: Vec<&str> = parts.collect();
                mask_name(first, &rest.join(" "))
            }
            _ => ANONYMOUS.into(),
        }
    }

    fn row(
        &self,
        conn: &Connection,
        targets: &Targets,
        cal: &Cal,
        today: NaiveDate,
    ) -> Result<Row> {
        let flow = workflow(conn, self.id)?;
        let due = flow.due(targets, &cal.get(conn, today)?);
        let mut stmt = conn.prepare_cached(
            "SELECT l.contract_no FROM complaint_loan cl JOIN loan l ON l.id = cl.loan_id
             WHERE cl.complaint_id = ?1 ORDER BY l.contract_no",
        )?;
        let loans = stmt.query_map([self.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(Row {
            id: self.id,
            number: self.number.clone(),
            received_on: self.received_on,
            category: self.category,
            channel: self.channel,
            complainant: self.masked(),
            state: flow.last().0.state().into(),
            open: flow.is_open(),
            due_step: due.map(|d| d.step.action().to_string()),
            due_on: due.map(|d| d.on),
            overdue: due.is_some_and(|d: Due| d.overdue(today)),
            handler: self.handler.clone(),
            about: self.about.clone(),
            loans,
            person_id: if self.kind == "member" { self.person_id } else { None },
        })
    }
}

/// The holiday calendar, read once per call.
struct Cal(std::cell::OnceCell<crate::domain::collections::hours::Holidays>);

impl Cal {
    fn new() -> Cal {
        Cal(std::cell::OnceCell::new())
    }

    fn get(
        &self,
        conn: &Connection,
        today: NaiveDate,
    ) -> Result<crate::domain::collections::hours::Holidays> {
        if let Some(h) = self.0.get() {
            return Ok(h.clone());
        }
        let h = holidays::calendar(conn, today)?;
        let _ = self.0.set(h.clone());
        Ok(h)
    }
}

/// Complaints, newest first (open ones only when asked), complainants masked.
pub fn list(conn: &Connection, open_only: bool, today: NaiveDate) -> Result<Vec<Row>> {
    let sql = format!(
        "{RAW} {} ORDER BY c.received_on DESC, c.id DESC",
        if open_only { "WHERE c.step <> 'close'" } else { "" }
    );
    let mut stmt = conn.prepare(&sql)?;
    let raws: Vec<Raw> = stmt.query_map([], raw)?.collect::<rusqlite::Result<_>>()?;
    let targets = targets(conn)?;
    let cal = Cal::new();
    raws.iter().map(|r| r.row(conn, &targets, &cal, today)).collect()
}

/// The member's complaints (for the member file).
pub fn of_person(conn: &Connection, person_id: i64, today: NaiveDate) -> Result<Vec<Row>> {
    Ok(list(conn, false, today)?.into_iter().filter(|r| r.person_id == Some(person_id)).collect())
}

/// How many open complaints have their next step overdue (the home screen's flag).
pub fn overdue_count(conn: &Connection, today: NaiveDate) -> Result<usize> {
    Ok(list(conn, true, today)?.iter().filter(|r| r.overdue).count())
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StepRow {
    pub step: String,
    pub on: NaiveDate,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// A complaint's file: everything but the complainant's identity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct File {
    pub row: Row,
    pub detail: String,
    pub request: String,
    pub severity: Option<String>,
    pub finding: String,
    pub remedy: String,
    pub amount_confirmed: Option<bool>,
    pub satisfaction: Option<String>,
    pub lesson: String,
    pub steps: Vec<StepRow>,
    /// The steps that may be done next.
    #[serde(skip)]
    pub next: Vec<Step>,
    pub loan_ids: Vec<i64>,
    pub handler_id: Option<i64>,
    pub about_id: Option<i64>,
    pub has_address: bool,
    /// Whether the one looking may see who complained (after asking, logged).
    pub may_see_identity: bool,
    /// Whether the one looking may act on it (not the officer it is about).
    pub may_act: bool,
    /// The reversals and write-off proposals a corrected amount started, with their state.
    pub corrections: Vec<Correction>,
}

/// The columns of a complaint a file shows beside its row.
struct Body {
    detail: String,
    request: String,
    severity: Option<String>,
    finding: String,
    remedy: String,
    outcome: Option<String>,
    satisfaction: Option<String>,
    lesson: String,
    address: String,
    person: Option<i64>,
}

pub fn get(conn: &Connection, actor: &Actor, id: i64, today: NaiveDate) -> Result<File> {
    let sql = format!("{RAW} WHERE c.id = ?1");
    let r = conn
        .query_row(&sql, [id], raw)
        .optional()?
        .ok_or_else(|| StoreError::not_found("เรื่องร้องเรียน"))?;
    let targets = targets(conn)?;
    let row = r.row(conn, &targets, &Cal::new(), today)?;
    let b = conn.query_row(
        "SELECT detail, request, severity, finding, remedy, amount_outcome, satisfaction, lesson,
                complainant_address, person_id FROM complaint WHERE id = ?1",
        [id],
        |r| {
            Ok(Body {
                detail: r.get(0)?,
                request: r.get(1)?,
                severity: r.get(2)?,
                finding: r.get(3)?,
                remedy: r.get(4)?,
                outcome: r.get(5)?,
                satisfaction: r.get(6)?,
                lesson: r.get(7)?,
                address: r.get(8)?,
                person: r.get(9)?,
            })
        },
    )?;
    let Body {
        detail,
        request,
        severity,
        finding,
        remedy,
        outcome,
        satisfaction,
        lesson,
        address,
        person,
    } = b;
    let mut stmt = conn.prepare(
        "SELECT s.step, s.on_date, s.note, COALESCE(u.full_name, 'ระบบ'), s.at FROM complaint_step s
         LEFT JOIN app_user u ON u.id = s.by_user WHERE s.complaint_id = ?1 ORDER BY s.id",
    )?;
    let steps = stmt
        .query_map([id], |r| {
            let code: String = r.get(0)?;
            Ok(StepRow {
                step: Step::from_code(&code).map(|s| s.action()).unwrap_or("").to_string(),
                on: r.get(1)?,
                note: r.get(2)?,
                by: r.get(3)?,
                at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let flow = workflow(conn, id)?;
    Ok(File {
        next: flow.last().0.next().to_vec(),
        detail,
        request,
        severity: severity.and_then(|s| Severity::from_code(&s)).map(|s| s.thai().to_string()),
        finding,
        remedy,
        amount_confirmed: outcome.map(|o| o == "confirmed"),
        satisfaction: satisfaction
            .and_then(|s| Satisfaction::from_code(&s))
            .map(|s| s.thai().to_string()),
        lesson,
        steps,
        loan_ids: loan_ids(conn, id)?,
        handler_id: r.handler_id,
        about_id: r.about_id,
        has_address: !address.trim().is_empty() || person.is_some(),
        may_see_identity: r.kind != "anonymous"
            && may_see_identity(actor.role, actor.user_id, r.handler_id, r.about_id),
        may_act: may_handle(actor.user_id, r.about_id),
        corrections: corrections(conn, id)?,
        row,
    })
}
