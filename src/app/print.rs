//! Printing the documents of consolidation and restructuring from any screen: a screen sends
//! `Action::Print(Printable)`, the app asks where to save first (a cancelled dialog numbers
//! nothing), then numbers, registers and writes the PDF in one transaction (a file that cannot
//! be written registers nothing), and opens it in the system viewer.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{button, row};
use iced::{Element, Fill, Task};
use rusqlite::Connection;

use super::dialogs::{self, FileDialogs};
use super::screen::write;
use super::theme::{boxes, buttons, space};
use super::widget;
use crate::document::issue::{
    self, IssuedDoc, complaint_docs, docs, household, notices, plan_docs,
};
use crate::store::{Actor, Store, StoreError, plan_tracking};

/// A document a screen can ask for, with the record it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printable {
    /// สัญญารวมหนี้ with its schedule, for signature (the approved consolidation's id).
    ConsolidatedContract { consolidation_id: i64 },
    /// บันทึกข้อตกลงปรับโครงสร้างหนี้ with the new schedule (an approved plan's id).
    RestructuringAgreement { plan_id: i64 },
    /// The notice that a release step (ปลด) was earned; `None` is the latest step earned.
    ReleaseNotice { plan_id: i64, step: Option<u32> },
    /// หนังสือรับรองการชำระหนี้เสร็จสิ้น for a paid-off loan or consolidated contract.
    ClearanceCertificate { contract_no: String },
    /// แบบรับรองข้อมูลสมาชิก: the member confirms their own debts and guarantees.
    MemberCertification { person_id: i64 },
    /// บัญชีรายชื่อเพื่อรับรองข้อมูลในเวทีประชาคม of one หมู่ (or every หมู่).
    AssemblyList { village: Option<u8> },
    /// A complaint's acknowledgment, response or closure notice.
    Complaint { id: i64, which: complaint_docs::Which },
}

impl Printable {
    /// The button that asks for it.
    pub fn label(&self) -> &'static str {
        match self {
            Printable::ConsolidatedContract { .. } => "พิมพ์สัญญารวมหนี้",
            Printable::RestructuringAgreement { .. } => "พิมพ์บันทึกข้อตกลงปรับโครงสร้างหนี้",
            Printable::ReleaseNotice { .. } => "พิมพ์หนังสือแจ้งการปลดหนี้",
            Printable::ClearanceCertificate { .. } => "พิมพ์หนังสือรับรองการชำระหนี้เสร็จสิ้น",
            Printable::MemberCertification { .. } => "พิมพ์แบบรับรองข้อมูลสมาชิก",
            Printable::AssemblyList { .. } => "พิมพ์บัญชีรายชื่อเวทีประชาคม",
            Printable::Complaint { which, .. } => match which {
                complaint_docs::Which::Acknowledgment => "พิมพ์หนังสือตอบรับ",
                complaint_docs::Which::Response => "พิมพ์หนังสือแจ้งผล",
                complaint_docs::Which::Closure => "พิมพ์หนังสือแจ้งปิดเรื่อง",
            },
        }
    }

    fn file_name(&self) -> String {
        let stem = match self {
            Printable::ConsolidatedContract { consolidation_id } => {
                format!("สัญญารวมหนี้ {consolidation_id}")
            }
            Printable::RestructuringAgreement { plan_id } => format!("บันทึกข้อตกลง แผน {plan_id}"),
            Printable::ReleaseNotice { plan_id, .. } => format!("แจ้งปลดหนี้ แผน {plan_id}"),
            Printable::ClearanceCertificate { contract_no } => format!("รับรองหมดหนี้ {contract_no}"),
            Printable::MemberCertification { person_id } => format!("รับรองข้อมูลสมาชิก {person_id}"),
            Printable::AssemblyList { village: Some(v) } => format!("เวทีประชาคม หมู่ {v}"),
            Printable::AssemblyList { village: None } => "เวทีประชาคม ทุกหมู่".to_string(),
            Printable::Complaint { id, which } => format!("เรื่องร้องเรียน {id} {which:?}"),
        };
        format!("{}.pdf", dialogs::safe_file_name(&stem))
    }

    /// Gathers, numbers and registers the document in the caller's transaction.
    pub fn issue(
        &self,
        conn: &Connection,
        actor: &Actor,
        date: NaiveDate,
    ) -> issue::Result<IssuedDoc> {
        match self {
            Printable::ConsolidatedContract { consolidation_id } => {
                docs::issue(conn, actor, household::contract(conn, *consolidation_id, date)?)
            }
            Printable::RestructuringAgreement { plan_id } => {
                docs::issue(conn, actor, plan_docs::agreement(conn, *plan_id, date)?)
            }
            Printable::ReleaseNotice { plan_id, step } => {
                // A step earned by payments just recorded must be in the register of releases.
                plan_tracking::evaluate(conn, *plan_id, date)?;
                docs::issue(conn, actor, notices::release_notice(conn, *plan_id, date, *step)?)
            }
            Printable::ClearanceCertificate { contract_no } => {
                docs::issue(conn, actor, notices::clearance(conn, contract_no, date)?)
            }
            Printable::MemberCertification { person_id } => {
                docs::issue(conn, actor, household::certification(conn, *person_id, date)?)
            }
            Printable::AssemblyList { village } => {
                docs::issue(conn, actor, household::assembly(conn, *village, date)?)
            }
            Printable::Complaint { id, which } => {
                docs::issue(conn, actor, complaint_docs::letter(conn, *id, *which, date)?)
            }
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    To(Printable, Option<PathBuf>),
    Done(Result<(String, PathBuf), StoreError>),
    Dismiss,
}

/// What the last print did, shown above the screen until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Busy(&'static str),
    Printed { number: String, path: PathBuf },
    NotSaved,
    Failed(String),
}

#[derive(Debug, Default)]
pub struct Printer {
    pub status: Option<Status>,
}

impl Printer {
    /// Asks where the document goes; nothing is numbered until a path is chosen.
    pub fn start(&mut self, dialogs: &Arc<dyn FileDialogs>, document: Printable) -> Task<Message> {
        if matches!(self.status, Some(Status::Busy(_))) {
            return Task::none();
        }
        self.status = Some(Status::Busy(document.label()));
        let pending = dialogs.save_file(document.label(), &document.file_name(), dialogs::PDF);
        Task::perform(pending, move |path| Message::To(document.clone(), path))
    }

    pub fn update(
        &mut self,
        message: Message,
        store: &Store,
        actor: Actor,
        today: NaiveDate,
        dialogs: &Arc<dyn FileDialogs>,
    ) -> Task<Message> {
        match message {
            Message::To(_, None) => {
                self.status = Some(Status::NotSaved);
                Task::none()
            }
            Message::To(document, Some(path)) => write(
                store,
                move |tx| {
                    let issued = document.issue(tx, &actor, today)?;
                    // Inside the transaction: a file that cannot be written registers nothing.
                    std::fs::write(&path, &issued.pdf)?;
                    Ok((issued.letter.number, path))
                },
                Message::Done,
            ),
            Message::Done(Ok((number, path))) => {
                self.status = Some(match dialogs.open(&path) {
                    Ok(()) => Status::Printed { number, path },
                    Err(e) => Status::Failed(format!("บันทึกเลขที่ {number} แล้ว แต่{e}")),
                });
                Task::none()
            }
            Message::Done(Err(e)) => {
                self.status = Some(Status::Failed(e.to_string()));
                Task::none()
            }
            Message::Dismiss => {
                self.status = None;
                Task::none()
            }
        }
    }

    pub fn view(&self) -> Option<Element<'_, Message>> {
        let text: Element<'_, Message> = match self.status.as_ref()? {
            Status::Busy(what) => widget::body(format!("{what} …")).into(),
            Status::Printed { number, path } => {
                widget::body(format!("ออกเอกสารเลขที่ {number} แล้ว บันทึกที่ {}", path.display())).into()
            }
            Status::NotSaved => widget::body("ยกเลิกการบันทึก ยังไม่ได้ออกเลขเอกสาร").into(),
            Status::Failed(e) => widget::error_banner(e),
        };
        let close = button(widget::body("ปิด")).style(buttons::secondary).on_press(Message::Dismiss);
        Some(
            iced::widget::container(
                row![iced::widget::container(text).width(Fill), close]
                    .spacing(space::M)
                    .align_y(iced::Center),
            )
            .padding([space::S, space::L])
            .style(boxes::card)
            .into(),
        )
    }
}
