//! The steps after receipt, each recorded once with who and when: in the order the workflow
//! allows, never by the officer the complaint is about; assessing names the handler, closing ends
//! the collection holds and reopening puts them back.

use super::*;

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
            let name = crate::store::users::list(conn)?
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
