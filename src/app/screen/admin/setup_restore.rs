//! Restore onto a new PC (issue 15 §3): on the first-start screen of a fresh install the office
//! picks its backup file (the USB copy, encrypted or not), gives the passphrase when it is
//! encrypted, and the store verifies it before anything is restored; then the sign-in screen
//! opens and the office signs in with a user of the backup.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{Column, column, row};
use iced::{Element, Task};

use crate::app::dialogs::FileDialogs;
use crate::app::screen::admin::backups::BACKUP_FILES;
use crate::app::screen::{Action, read};
use crate::app::theme::space;
use crate::app::widget::{
    body, card, error_text, field, muted, notice_banner, primary_button, secondary_button, subtitle,
};
use crate::store::backup::{encrypt, restore};
use crate::store::{Actor, Store, StoreError};

pub const PASSPHRASE_ID: &str = "first-restore-passphrase";

#[derive(Debug, Clone)]
pub enum Message {
    Pick,
    Picked(Option<PathBuf>),
    Passphrase(String),
    Restore,
    Restored(Result<restore::Restored, StoreError>),
    /// Leave for the sign-in screen (the app boots again on the restored database).
    SignIn,
}

pub struct FirstRestore {
    store: Store,
    dialogs: Arc<dyn FileDialogs>,
    pub file: Option<PathBuf>,
    pub passphrase: String,
    /// Why the restore was refused, under the button (or under the passphrase).
    pub error: Option<String>,
    pub busy: bool,
    pub done: Option<restore::Restored>,
}

impl FirstRestore {
    pub fn new(store: Store, dialogs: Arc<dyn FileDialogs>) -> FirstRestore {
        FirstRestore {
            store,
            dialogs,
            file: None,
            passphrase: String::new(),
            error: None,
            busy: false,
            done: None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Pick => {
                if !self.dialogs.can_ask() {
                    self.error = Some(crate::app::dialogs::NO_OPEN_DIALOG.into());
                    return Action::None;
                }
                let pending = self.dialogs.open_file("เลือกไฟล์สำรองของสถาบัน", BACKUP_FILES);
                return Action::Run(Task::perform(pending, Message::Picked));
            }
            Message::Picked(Some(path)) => {
                self.file = Some(path);
                self.passphrase.clear();
                self.error = None;
            }
            Message::Picked(None) => {}
            Message::Passphrase(p) => {
                self.passphrase = p;
                self.error = None;
            }
            Message::Restore => {
                let (Some(file), Some(db)) = (self.file.clone(), self.store.path()) else {
                    self.error = Some("กรุณาเลือกไฟล์สำรองก่อน".into());
                    return Action::None;
                };
                if self.busy {
                    return Action::None;
                }
                let encrypted = encrypt::is_encrypted(&file);
                if encrypted && self.passphrase.is_empty() {
                    self.error = Some("ไฟล์สำรองนี้เข้ารหัส: กรุณาใส่รหัสผ่าน".into());
                    return Action::None;
                }
                self.busy = true;
                self.error = None;
                let db = db.to_path_buf();
                let secret = encrypted.then(|| self.passphrase.clone());
                // A fresh install has no user yet: the backup's own users sign in afterwards.
                return Action::Run(read(
                    &self.store,
                    move |conn| {
                        restore::restore_with(conn, &db, &file, secret.as_deref(), &Actor::system())
                    },
                    Message::Restored,
                ));
            }
            Message::Restored(Ok(done)) => {
                self.busy = false;
                self.passphrase.clear();
                self.done = Some(done);
            }
            Message::Restored(Err(e)) => {
                self.busy = false;
                self.error = Some(e.to_string());
            }
            // The app itself answers: it boots again and shows the sign-in screen.
            Message::SignIn => {}
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        if let Some(done) = &self.done {
            return card(
                column![
                    notice_banner(format!(
                        "กู้คืนแล้ว: สมาชิก {} สัญญา {} รายการรับชำระ {} (ตรวจไฟล์สำรองแล้ว ใช้ได้)",
                        done.counts.members, done.counts.loans, done.counts.payments
                    )),
                    body("เข้าสู่ระบบด้วยชื่อผู้ใช้และรหัสผ่านที่ใช้ในเครื่องเดิม"),
                    primary_button("ไปหน้าเข้าสู่ระบบ", Some(Message::SignIn)),
                ]
                .spacing(space::M),
            );
        }
        let chosen = match &self.file {
            Some(f) => body(format!("ไฟล์ที่เลือก: {}", f.display())),
            None => muted("ยังไม่ได้เลือกไฟล์"),
        };
        let mut content = Column::new()
            .spacing(space::M)
            .push(subtitle("กู้คืนจากไฟล์สำรอง"))
            .push(body(
                "เครื่องเดิมเสียหรือย้ายเครื่อง: เลือกไฟล์สำรอง (.sqlite3 หรือ .sqlite3.age ที่เข้ารหัส) จากแฟลชไดรฟ์ โปรแกรมจะตรวจไฟล์ก่อนกู้คืน",
            ))
            .push(chosen)
            .push(secondary_button("เลือกไฟล์สำรอง…", (!self.busy).then_some(Message::Pick)));
        let encrypted = self.file.as_deref().is_some_and(encrypt::is_encrypted);
        if encrypted {
            content = content.push(
                field(
                    "รหัสผ่านของไฟล์สำรอง",
                    PASSPHRASE_ID,
                    "รหัสผ่านที่ตั้งไว้ตอนเปิดการเข้ารหัส",
                    &self.passphrase,
                    Message::Passphrase,
                )
                .secure()
                .error(self.error.as_deref())
                .submit(Message::Restore),
            );
        }
        let restore_button = primary_button(
            if self.busy {
                "กำลังตรวจและกู้คืน…"
            } else {
                "ตรวจและกู้คืน"
            },
            (self.file.is_some() && !self.busy).then_some(Message::Restore),
        );
        content = content.push(row![restore_button].spacing(space::M));
        if !encrypted && let Some(e) = &self.error {
            content = content.push(error_text(e.as_str()));
        }
        card(content)
    }
}
