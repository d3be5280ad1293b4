//! A complaint's file: everything but the complainant's identity, its steps with who and when,
//! what may be done next, the corrections it started and its attachments.

use super::*;

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
    /// The documents and photos attached, for those who may see who complained (else empty).
    pub attachments: Vec<Attachment>,
    /// How many there are, withdrawn ones included (told to everyone).
    pub attachment_count: usize,
    /// Whether the one looking may see and add attachments (the committee and the handler).
    pub may_see_attachments: bool,
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
    // The committee and the handler see the attachments even of an anonymous complaint.
    let sees_files = may_see_identity(actor.role, actor.user_id, r.handler_id, r.about_id);
    let sees = r.kind != "anonymous" && sees_files;
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
        may_see_identity: sees,
        may_act: may_handle(actor.user_id, r.about_id),
        corrections: corrections(conn, id)?,
        attachments: if sees_files { attachments::listed(conn, id)? } else { Vec::new() },
        attachment_count: attachment_count(conn, id)?,
        may_see_attachments: sees_files,
        row,
    })
}
