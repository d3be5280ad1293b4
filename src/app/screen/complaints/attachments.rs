//! The complaint file's เอกสารแนบ (issue 16 §2, investigation): documents and photos attached
//! while the complaint is open, each saved back out with "บันทึกเป็นไฟล์…", a mistaken one withdrawn
//! with a reason. Reading and writing files runs off the UI thread with the store call; what
//! happened is said under the buttons. Only the committee and the handler see the list (the
//! store leaves it empty for others, who are told how many there are).

use std::path::PathBuf;

use iced::widget::{Column, Row, column, container, row};
use iced::{Element, Fill, Padding, Task};

use crate::app::dialogs::{Filter, PDF, PNG};
use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::{boxes, space};
use crate::app::widget::{
    body, cell_hint, col, error_text, field, muted, primary_button, secondary_button, section,
    small, table_header, table_row,
};
use crate::domain::complaints::attachment::{check_size, size_text};
use crate::store::complaints::{self, File};
use crate::store::{StoreError, tx};

pub const ATTACH: &str = "แนบไฟล์…";
pub const SAVE_OUT: &str = "บันทึกเป็นไฟล์…";
pub const WITHDRAW: &str = "ถอนเอกสาร";
pub const REASON_ID: &str = "complaint-attachment-reason";

/// What the open dialog offers: the documents and photos an office has.
pub const DOCUMENTS: Filter = Filter {
    name: "เอกสารหรือรูปภาพ",
    extensions: &["pdf", "jpg", "jpeg", "png", "heic", "webp", "doc", "docx", "xls", "xlsx", "txt"],
};
const JPEG: Filter = Filter { name: "รูปภาพ JPEG", extensions: &["jpg", "jpeg"] };

/// The save dialog's filter for a file named `name`: its own kind where known.
fn filter_for(name: &str) -> Filter {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => PDF,
        "png" => PNG,
        "jpg" | "jpeg" => JPEG,
        _ => DOCUMENTS,
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Pick,
    Picked(Option<PathBuf>),
    Attached(Result<String, StoreError>),
    SaveOut(i64, String),
    SaveTo(i64, Option<PathBuf>),
    SavedOut(Result<PathBuf, StoreError>),
    Withdraw(i64),
    Reason(String),
    ConfirmWithdraw,
    CancelWithdraw,
    Withdrawn(Result<(), StoreError>),
}

/// What the last action did, under the buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Attached(String),
    Saved(PathBuf),
    Withdrawn,
    Cancelled,
    Failed(String),
}

#[derive(Debug, Default)]
pub struct Attachments {
    pub busy: bool,
    pub status: Option<Status>,
    /// The attachment being withdrawn, with the reason typed so far.
    pub withdrawing: Option<i64>,
    pub reason: String,
    pub reason_error: Option<String>,
}

const COLS: [crate::app::widget::Col; 4] =
    [col("ไฟล์", 5), col("ขนาด", 2), col("แนบโดย", 5), col("หมายเหตุ", 5)];

/// "นายประธาน ใหญ่ยิ่ง 8 ธ.ค. 69": who and the day (in พ.ศ.) of a stamp `2026-12-08T00:36:00`.
fn who_when(by: &str, at: &str) -> String {
    let day = at.get(..10).and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match day {
        Some(d) => format!("{by} {}", crate::domain::thai::date::format_short(d)),
        None => by.to_string(),
    }
}

/// Reads the picked file (its size first, so a huge one is not loaded) and attaches it in one
/// transaction; the name attached.
fn attach_file(
    conn: &mut rusqlite::Connection,
    actor: &crate::store::users::Actor,
    id: i64,
    path: &std::path::Path,
) -> crate::store::Result<String> {
    let unreadable =
        |e: std::io::Error| StoreError::refused(format!("อ่านไฟล์ {} ไม่ได้: {e}", path.display()));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    check_size(size).map_err(StoreError::refused)?;
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    tx::write(conn, |tx| complaints::attach(tx, actor, id, &name, &bytes, ""))?;
    Ok(name)
}

impl Attachments {
    /// Handles `message` for complaint `id`; `true` in the second place when the file must be
    /// read again (something was attached or withdrawn).
    pub fn update(&mut self, s: &Session, id: i64, message: Message) -> (Action<Message>, bool) {
        let none = (Action::None, false);
        match message {
            Message::Pick => {
                if self.busy {
                    return none;
                }
                self.busy = true;
                self.status = None;
                let pending = s.dialogs.open_file("แนบเอกสารกับเรื่องร้องเรียน", DOCUMENTS);
                (Action::Run(Task::perform(pending, Message::Picked)), false)
            }
            Message::Picked(None) | Message::SaveTo(_, None) => {
                self.busy = false;
                self.status = Some(Status::Cancelled);
                none
            }
            Message::Picked(Some(path)) => {
                let actor = s.actor();
                let task =
                    read(&s.store, move |c| attach_file(c, &actor, id, &path), Message::Attached);
                (Action::Run(task), false)
            }
            Message::Attached(r) => {
                self.busy = false;
                let ok = r.is_ok();
                self.status = Some(match r {
                    Ok(name) => Status::Attached(name),
                    Err(e) => Status::Failed(e.to_string()),
                });
                (Action::None, ok)
            }
            Message::SaveOut(attachment, name) => {
                if self.busy {
                    return none;
                }
                self.busy = true;
                self.status = None;
                let pending = s.dialogs.save_file("บันทึกเอกสารแนบเป็นไฟล์", &name, filter_for(&name));
                (
                    Action::Run(Task::perform(pending, move |p| Message::SaveTo(attachment, p))),
                    false,
                )
            }
            Message::SaveTo(attachment, Some(path)) => {
                let actor = s.actor();
                // The look is logged in the same transaction as the file is written: a file that
                // could not be written leaves no entry.
                let task = write(
                    &s.store,
                    move |tx| {
                        let (_, bytes) = complaints::open_attachment(tx, &actor, attachment)?;
                        std::fs::write(&path, bytes).map_err(|e| {
                            StoreError::refused(format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display()))
                        })?;
                        Ok(path)
                    },
                    Message::SavedOut,
                );
                (Action::Run(task), false)
            }
            Message::SavedOut(r) => {
                self.busy = false;
                self.status = Some(match r {
                    Ok(p) => Status::Saved(p),
                    Err(e) => Status::Failed(e.to_string()),
                });
                none
            }
            Message::Withdraw(attachment) => {
                self.withdrawing = Some(attachment);
                self.reason.clear();
                self.reason_error = None;
                none
            }
            Message::Reason(text) => {
                self.reason = text;
                self.reason_error = None;
                none
            }
            Message::CancelWithdraw => {
                self.withdrawing = None;
                self.reason_error = None;
                none
            }
            Message::ConfirmWithdraw => {
                let Some(attachment) = self.withdrawing else { return none };
                if self.reason.trim().is_empty() {
                    self.reason_error = Some("กรุณาระบุเหตุผลที่ถอนเอกสารแนบ".into());
                    return none;
                }
                self.busy = true;
                let (actor, reason) = (s.actor(), self.reason.clone());
                let task = write(
                    &s.store,
                    move |tx| complaints::withdraw_attachment(tx, &actor, attachment, &reason),
                    Message::Withdrawn,
                );
                (Action::Run(task), false)
            }
            Message::Withdrawn(Ok(())) => {
                self.busy = false;
                self.withdrawing = None;
                self.status = Some(Status::Withdrawn);
                (Action::None, true)
            }
            Message::Withdrawn(Err(e)) => {
                self.busy = false;
                self.reason_error = Some(e.to_string());
                none
            }
        }
    }

    /// The section, or None when there is nothing to show this user.
    pub fn view<'a>(&'a self, f: &'a File) -> Option<Element<'a, Message>> {
        if !f.may_see_attachments {
            if f.attachment_count == 0 {
                return None;
            }
            return Some(section(
                "เอกสารแนบ",
                vec![],
                muted(format!(
                    "มีเอกสารแนบ {} รายการ เปิดดูได้เฉพาะประธาน/กรรมการ และผู้รับผิดชอบเรื่องนี้",
                    f.attachment_count
                )),
            ));
        }
        let mut c = Column::new().spacing(space::S);
        if f.attachments.is_empty() {
            c = c.push(muted("ยังไม่มีเอกสารแนบ"));
        } else {
            let mut t = Column::new().push(table_header(&COLS));
            for (i, a) in f.attachments.iter().enumerate() {
                let mut buttons = Row::new().spacing(space::XS).push(secondary_button(
                    SAVE_OUT,
                    (!self.busy).then(|| Message::SaveOut(a.id, a.name.clone())),
                ));
                let note = match &a.withdrawn {
                    Some(w) => format!("ถอนแล้ว: {} ({})", w.reason, w.by),
                    None => {
                        if f.may_act {
                            buttons = buttons.push(secondary_button(
                                WITHDRAW,
                                (!self.busy).then_some(Message::Withdraw(a.id)),
                            ));
                        }
                        a.note.clone()
                    }
                };
                let cells = table_row(
                    &COLS,
                    vec![
                        cell_hint(a.name.clone()),
                        cell_hint(size_text(a.size)),
                        cell_hint(who_when(&a.by, &a.at)),
                        cell_hint(note),
                    ],
                );
                // The buttons under the row keep every column readable at 1024 pixels wide.
                let under = row![iced::widget::space().width(Fill), buttons]
                    .padding(Padding::from([0.0, space::S]));
                t = t.push(
                    container(column![cells, under].spacing(space::XS))
                        .padding(Padding::ZERO.bottom(space::XS))
                        .style(boxes::row(i))
                        .width(Fill),
                );
            }
            c = c.push(t);
        }
        if let Some(id) = self.withdrawing {
            let name = f.attachments.iter().find(|a| a.id == id).map(|a| a.name.as_str());
            c = c.push(
                column![
                    body(format!("ถอนเอกสาร {} (ไฟล์ยังเก็บไว้ในแฟ้ม)", name.unwrap_or(""))),
                    field("เหตุผลที่ถอน", REASON_ID, "เช่น แนบผิดเรื่อง", &self.reason, Message::Reason)
                        .error(self.reason_error.as_deref())
                        .submit(Message::ConfirmWithdraw),
                    row![
                        primary_button(
                            "ยืนยันการถอน",
                            (!self.busy).then_some(Message::ConfirmWithdraw)
                        ),
                        secondary_button("ยกเลิก", Some(Message::CancelWithdraw)),
                    ]
                    .spacing(space::M),
                ]
                .spacing(space::S),
            );
        }
        if f.row.open && f.may_act {
            c = c.push(secondary_button(ATTACH, (!self.busy).then_some(Message::Pick)));
        }
        c = c.push(match &self.status {
            None => small(" "),
            Some(Status::Attached(name)) => muted(format!("แนบ {name} แล้ว (ไม่เกิน 10 MB ต่อไฟล์)")),
            Some(Status::Saved(p)) => muted(format!("บันทึกไฟล์แล้วที่ {}", p.display())),
            Some(Status::Withdrawn) => muted("ถอนเอกสารแล้ว (บันทึกเหตุผลไว้ในแฟ้ม)"),
            Some(Status::Cancelled) => muted("ยกเลิกแล้ว"),
            Some(Status::Failed(e)) => error_text(e.as_str()),
        });
        Some(section("เอกสารแนบ", vec![], c))
    }
}
