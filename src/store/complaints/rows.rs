//! A complaint as lists show it (the complainant masked, the next step due and whether it is
//! late): the list, a member's complaints and the home screen's overdue count.

use super::*;

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

pub(super) struct Raw {
    pub(super) id: i64,
    pub(super) number: String,
    pub(super) received_on: NaiveDate,
    pub(super) category: Category,
    pub(super) channel: Channel,
    pub(super) kind: String,
    pub(super) person_id: Option<i64>,
    pub(super) first: String,
    pub(super) last: String,
    pub(super) other_name: String,
    pub(super) handler_id: Option<i64>,
    pub(super) handler: Option<String>,
    pub(super) about_id: Option<i64>,
    pub(super) about: Option<String>,
}

pub(super) const RAW: &str =
    "SELECT c.id, c.no, c.be_year, c.received_on, c.category, c.channel, c.complainant,
        c.person_id, COALESCE(p.first_name, ''), COALESCE(p.last_name, ''),
        c.complainant_name, c.handler_id, hu.full_name, c.about_user_id, au.full_name
    FROM complaint c
    LEFT JOIN person p ON p.id = c.person_id
    LEFT JOIN app_user hu ON hu.id = c.handler_id
    LEFT JOIN app_user au ON au.id = c.about_user_id";

pub(super) fn raw(r: &rusqlite::Row) -> rusqlite::Result<Raw> {
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

    pub(super) fn row(
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
pub(super) struct Cal(std::cell::OnceCell<crate::domain::collections::hours::Holidays>);

impl Cal {
    pub(super) fn new() -> Cal {
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
