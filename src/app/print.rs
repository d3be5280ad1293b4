//! Printing the documents of consolidation and restructuring from any screen: a screen keeps a
//! [`Printer`] and hands it a [`Printable`]; the printer asks where to save first (a cancelled dialog numbers
//! nothing), then numbers, registers and writes the PDF in one transaction (a file that cannot
//! be written registers nothing), and opens it in the system viewer. What happened is shown
//! under the screen's own print buttons.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use iced::{Element, Task};
use rusqlite::Connection;

use super::dialogs::{self, FileDialogs};
use super::screen::{Session, write};
use super::widget;
use crate::document::issue::{
    self, IssuedDoc, complaint_docs, docs, household, notices, plan_docs,
};
use crate::store::{Actor, StoreError, plan_tracking};

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
}

/// What the last print did. The screen that has the print buttons shows it on the line reserved
/// under them, never in a banner at the top (issue 17 §B9, §C12).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Busy(&'static str),
    /// `note` says where the file went, and why there when no dialog could open.
    Printed {
        number: String,
        path: PathBuf,
        note: String,
    },
    NotSaved,
    Failed(String),
}

/// One screen's printing: each screen with print buttons owns one, so what a print did is shown
/// beside the buttons of the screen that asked, and leaving the screen forgets it.
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

    pub fn update(&mut self, message: Message, session: &Session) -> Task<Message> {
        match message {
            Message::To(_, None) => {
                self.status = Some(Status::NotSaved);
                Task::none()
            }
            Message::To(document, Some(path)) => {
                let (actor, today) = (session.actor(), session.today);
                write(
                    &session.store,
                    move |tx| {
                        let issued = document.issue(tx, &actor, today)?;
                        // Inside the transaction: a file that cannot be written registers nothing.
                        let path = dialogs::write_in_store(path, &issued.pdf)?;
                        Ok((issued.letter.number, path))
                    },
                    Message::Done,
                )
            }
            Message::Done(Ok((number, path))) => {
                let dialogs = session.dialogs.as_ref();
                let saved = dialogs::where_saved(dialogs, &path);
                self.status = Some(match dialogs.open(&path) {
                    Ok(()) => {
                        let note = format!("ออกเอกสารเลขที่ {number} แล้ว {saved}");
                        Status::Printed { number, path, note }
                    }
                    Err(e) => Status::Failed(format!("ออกเอกสารเลขที่ {number} แล้ว {saved} แต่{e}")),
                });
                Task::none()
            }
            Message::Done(Err(e)) => {
                self.status = Some(Status::Failed(e.to_string()));
                Task::none()
            }
        }
    }

    /// The line under the print buttons, there (blank) before any print so that the layout does
    /// not move when a message arrives.
    pub fn view(&self) -> Element<'_, Message> {
        match &self.status {
            None => widget::muted(" ").into(),
            Some(Status::Busy(what)) => widget::muted(format!("{what} …")).into(),
            Some(Status::Printed { note, .. }) => widget::muted(note.as_str()).into(),
            Some(Status::NotSaved) => widget::muted("ยกเลิกการบันทึก ยังไม่ได้ออกเลขเอกสาร").into(),
            Some(Status::Failed(e)) => widget::error_text(e.as_str()).into(),
        }
    }
}
