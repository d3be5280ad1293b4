//! The loan file's contract termination (บอกเลิกสัญญา, issue 13 §1): prepare it when more than
//! three installments are overdue; once the notice's time has passed, approve it with the
//! meeting's resolution (a treasurer or committee member who did not prepare it); undo it
//! (committee, with a reason). The section shows where the termination stands.

use chrono::NaiveDate;
use iced::Element;
use iced::widget::{Column, row};

use crate::app::screen::Session;
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, error_text, field, muted, primary_button, secondary_button, section, strong,
};
use crate::domain::legal::termination as rule;
use crate::domain::role::Permission;
use crate::domain::thai::date::format_long;
use crate::store::Result;
use crate::store::loans::Loan;
use crate::store::terminations::{self, Status, Termination};

pub const RESOLUTION_ID: &str = "termination-resolution";
pub const UNDO_REASON_ID: &str = "termination-undo-reason";

/// What the file knows: the live termination (prepared or approved), whether one may be
/// prepared today, and the past ones.
#[derive(Debug, Clone, Default)]
pub struct Info {
    pub live: Option<Termination>,
    pub may_prepare: bool,
    pub history: Vec<Termination>,
}

pub fn load(
    conn: &rusqlite::Connection,
    loan: &Loan,
    statement: &crate::domain::statement::Statement,
) -> Result<Info> {
    let history = terminations::of_loan(conn, loan.id)?;
    let live =
        history.iter().find(|t| matches!(t.status, Status::Prepared | Status::Approved)).cloned();
    let may_prepare = live.is_none()
        && loan.status == crate::domain::loan::LoanStatus::Active
        && loan.tranche_of.is_none()
        && rule::may_prepare(statement).is_ok();
    Ok(Info { live, may_prepare, history })
}

/// The form's inputs and what went wrong, kept by the loan file.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub resolution: String,
    pub undo_reason: String,
    pub error: Option<String>,
    pub busy: bool,
    pub done: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Prepare,
    Resolution(String),
    Approve,
    UndoReason(String),
    Undo,
}

/// The section, or nothing for a file with no termination that may not be terminated.
pub fn view<'a, M: Clone + 'a>(
    info: &'a Info,
    form: &'a Form,
    session: &Session,
    wrap: impl Fn(Msg) -> M + Copy + 'a,
) -> Option<Element<'a, M>> {
    let today: NaiveDate = session.today;
    let mut col = Column::new().spacing(space::S);
    match &info.live {
        None if info.may_prepare && session.may(Permission::Prepare) => {
            col = col.push(muted(
                "ค้างชำระเกิน 3 งวด: จัดทำบอกเลิกสัญญาแล้วพิมพ์หนังสือบอกเลิกสัญญาจาก \"ออกหนังสือ\"",
            ));
            col = col
                .push(primary_button("จัดทำบอกเลิกสัญญา", (!form.busy).then_some(wrap(Msg::Prepare))));
        }
        None if info.history.is_empty() => return None,
        None => {}
        Some(t) if t.status == Status::Prepared => {
            col = col.push(row![badge(t.status.to_string(), Tone::Warn)].spacing(space::S));
            col = col.push(strong(format!(
                "หนังสือลงวันที่ {} ลูกหนี้ได้รับ {} ต้องชำระภายใน {} ({} วัน)",
                format_long(t.notice_on),
                format_long(t.delivered_on),
                format_long(t.deadline_on),
                t.notice_days
            )));
            col = col.push(muted(format!("ผู้จัดทำ: {}", t.prepared_by_name)));
            let own = session.user.id == t.prepared_by.unwrap_or_default();
            if session.may(Permission::Approve) && !own {
                if today <= t.deadline_on {
                    col = col.push(muted(format!(
                        "อนุมัติได้เมื่อพ้นกำหนดตามหนังสือ (ตั้งแต่วันถัดจาก {})",
                        format_long(t.deadline_on)
                    )));
                } else {
                    col = col.push(
                        field(
                            "มติที่ประชุม",
                            RESOLUTION_ID,
                            "เช่น 5/2568",
                            &form.resolution,
                            move |v| wrap(Msg::Resolution(v)),
                        )
                        .error(form.error.as_deref()),
                    );
                    col = col.push(primary_button(
                        "อนุมัติบอกเลิกสัญญา",
                        (!form.busy).then_some(wrap(Msg::Approve)),
                    ));
                }
            } else if own {
                col = col.push(muted("ผู้จัดทำอนุมัติเองไม่ได้ ต้องให้เหรัญญิกหรือกรรมการคนอื่นอนุมัติ"));
            }
        }
        Some(t) => {
            col = col.push(row![badge(t.status.to_string(), Tone::Bad)].spacing(space::S));
            col = col.push(strong(format!(
                "บอกเลิกสัญญาเมื่อ {} ตามมติ {}: เงินต้นทั้งหมดถึงกำหนด ดอกเบี้ยตามสัญญาหยุด ดอกเบี้ยผิดนัดคิดจากเงินต้นทั้งหมด",
                t.terminated_on.map(format_long).unwrap_or_default(),
                t.resolution_no.as_deref().unwrap_or("-")
            )));
            col = col.push(muted(format!(
                "ผู้จัดทำ: {} · ผู้อนุมัติ: {}",
                t.prepared_by_name, t.approved_by_name
            )));
            if session.may(Permission::ReverseApproval) {
                col = col.push(
                    field(
                        "เหตุผลที่ยกเลิก",
                        UNDO_REASON_ID,
                        "เช่น ลูกหนี้ชำระยอดค้างครบแล้ว",
                        &form.undo_reason,
                        move |v| wrap(Msg::UndoReason(v)),
                    )
                    .error(form.error.as_deref()),
                );
                col = col.push(secondary_button(
                    "ยกเลิกการบอกเลิกสัญญา",
                    (!form.busy).then_some(wrap(Msg::Undo)),
                ));
            }
        }
    }
    if info.live.is_none()
        && let Some(e) = &form.error
    {
        col = col.push(error_text(e.as_str()));
    }
    for t in info.history.iter().filter(|t| matches!(t.status, Status::Undone | Status::Cancelled))
    {
        col = col.push(muted(format!(
            "{} (เดิมบอกเลิกเมื่อ {}): {}",
            t.status,
            t.terminated_on.map(format_long).unwrap_or_else(|| "-".into()),
            t.undo_reason.as_deref().unwrap_or("")
        )));
    }
    if let Some(done) = &form.done {
        col = col.push(strong(done.as_str()));
    }
    Some(section("บอกเลิกสัญญา", vec![], col))
}
