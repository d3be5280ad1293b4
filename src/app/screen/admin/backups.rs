//! สำรองและกู้คืนข้อมูล (committee only): the backups with date, size, counts and state; back up
//! now; restore one after a confirmation; the second folder (a USB drive or a network share),
//! chosen with the system's folder dialog or typed. The store verifies the backup before
//! restoring, keeps the current database aside and records the restore in the audit log.

use std::path::PathBuf;

use iced::widget::{Column, row};
use iced::{Element, Task};

use crate::app::dialogs::Filter;
use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, card, cell, col, danger_button, error_banner, error_text, field, muted, notice_banner,
    num, page, primary_button, secondary_button, section, striped, table_header, table_row, title,
};
use crate::domain::backup_passphrase;
use crate::domain::thai::date::format_numeric;
use crate::store::StoreError;
use crate::store::backup::{self, Listed, Reason, State, Taken, encrypt, restore};

/// Why the second copy's folder must be typed: no dialog can open here.
const NO_FOLDER_DIALOG: &str =
    "เครื่องนี้เปิดหน้าต่างเลือกโฟลเดอร์ไม่ได้ (ไม่มี xdg-desktop-portal หรือ zenity) กรุณาพิมพ์ที่อยู่โฟลเดอร์ในช่องนี้แทน";

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<Listed>, StoreError>),
    BackUpNow,
    BackedUp(Result<Box<Taken>, StoreError>),
    AskRestore(PathBuf),
    CancelRestore,
    ConfirmRestore,
    Restored(Result<restore::Restored, StoreError>),
    SecondLoaded(Result<Option<PathBuf>, StoreError>),
    SecondChanged(String),
    /// Opens the folder dialog (rfd); its answer fills the field.
    PickSecond,
    SecondPicked(Option<PathBuf>),
    SaveSecond,
    /// Stops copying to a second folder.
    ClearSecond,
    SecondSaved(Result<Option<PathBuf>, StoreError>),
    EncryptionLoaded(Result<bool, StoreError>),
    PassphraseChanged(String),
    PassphraseAgainChanged(String),
    /// Encrypts the copies in the second folder from now on, with the typed passphrase.
    EnableEncryption,
    DisableEncryption,
    EncryptionSaved(Result<bool, StoreError>),
    /// Restores a backup file from elsewhere (a USB drive): the file dialog, then the same
    /// confirmation as a listed one.
    PickRestoreFile,
    RestoreFilePicked(Option<PathBuf>),
    RestorePassphraseChanged(String),
}

/// Backup files the restore dialog offers: plain and encrypted copies.
pub const BACKUP_FILES: Filter = Filter {
    name: "ไฟล์สำรองปลดหนี้", extensions: &["sqlite3", "age"]
};

pub const SECOND_DIR_ID: &str = "backup-second-dir";
pub const PASSPHRASE_ID: &str = "backup-passphrase";
pub const PASSPHRASE_AGAIN_ID: &str = "backup-passphrase-again";
pub const RESTORE_PASSPHRASE_ID: &str = "backup-restore-passphrase";

pub struct Backups {
    session: Session,
    pub list: Option<Vec<Listed>>,
    /// The backup the user asked to restore, waiting for confirmation.
    pub confirming: Option<PathBuf>,
    pub busy: bool,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// The second folder as saved, and as being typed or picked.
    pub second_saved: Option<PathBuf>,
    pub second: String,
    /// What is wrong with the typed folder (next to the field).
    pub second_error: Option<String>,
    /// Whether the copies in the second folder are encrypted.
    pub encrypted: bool,
    pub passphrase: String,
    pub passphrase_again: String,
    /// What is wrong with the new passphrase (next to the field).
    pub passphrase_error: Option<String>,
    /// The passphrase of the encrypted copy being restored, and why it failed (next to it).
    pub restore_passphrase: String,
    pub restore_error: Option<String>,
    /// Why no backup file could be chosen (no file dialog here): under "กู้คืนจากไฟล์อื่น…".
    pub pick_error: Option<String>,
}

impl Backups {
    pub fn new(session: Session) -> (Backups, Task<Message>) {
        let screen = Backups {
            session,
            list: None,
            confirming: None,
            busy: false,
            notice: None,
            error: None,
            second_saved: None,
            second: String::new(),
            second_error: None,
            encrypted: false,
            passphrase: String::new(),
            passphrase_again: String::new(),
            passphrase_error: None,
            restore_passphrase: String::new(),
            restore_error: None,
            pick_error: None,
        };
        let second = read(&screen.session.store, |c| backup::second_dir(c), Message::SecondLoaded);
        let sealed = read(
            &screen.session.store,
            |c| encrypt::sealing(c).map(|s| s.is_some()),
            Message::EncryptionLoaded,
        );
        let task = Task::batch([screen.reload(), second, sealed]);
        (screen, task)
    }

    fn folder(&self) -> Option<PathBuf> {
        self.session.store.path().map(backup::folder_of)
    }

    fn reload(&self) -> Task<Message> {
        let folder = self.folder();
        read(
            &self.session.store,
            move |_| match folder {
                Some(f) => backup::list(&f, false),
                None => Ok(Vec::new()),
            },
            Message::Loaded,
        )
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(list)) => self.list = Some(list),
            Message::BackUpNow => {
                let Some(folder) = self.folder().filter(|_| !self.busy) else {
                    return Action::None;
                };
                self.busy = true;
                self.notice = Some("กำลังสำรองและตรวจไฟล์สำรอง…".into());
                return Action::Run(read(
                    &self.session.store,
                    move |conn| backup::take(conn, &folder, Reason::Manual, None).map(Box::new),
                    Message::BackedUp,
                ));
            }
            Message::BackedUp(Ok(taken)) => {
                self.busy = false;
                self.error = None;
                let m = &taken.manifest;
                self.notice = Some(if m.verified {
                    let second = match &taken.second {
                        Some(Ok(_)) => " และคัดลอกไปโฟลเดอร์ที่สองแล้ว".to_string(),
                        Some(Err(e)) => format!(" แต่{e}"),
                        None => " (ยังไม่ได้ตั้งโฟลเดอร์สำเนาที่สอง)".to_string(),
                    };
                    format!("สำรองแล้ว ตรวจแล้วใช้ได้{second}")
                } else {
                    format!("สำรองแล้วแต่ไฟล์ไม่ผ่านการตรวจ: {}", m.problems.join("; "))
                });
                return Action::Run(self.reload());
            }
            Message::AskRestore(path) | Message::RestoreFilePicked(Some(path)) => {
                self.confirming = Some(path);
                self.notice = None;
                self.restore_passphrase.clear();
                self.restore_error = None;
            }
            Message::RestoreFilePicked(None) => {}
            Message::PickRestoreFile => {
                if !self.session.dialogs.can_ask() {
                    self.pick_error = Some(crate::app::dialogs::NO_OPEN_DIALOG.into());
                    return Action::None;
                }
                let pending = self.session.dialogs.open_file("เลือกไฟล์สำรองที่จะกู้คืน", BACKUP_FILES);
                return Action::Run(Task::perform(pending, Message::RestoreFilePicked));
            }
            Message::RestorePassphraseChanged(v) => {
                self.restore_passphrase = v;
                self.restore_error = None;
            }
            Message::EncryptionLoaded(Ok(on)) => self.encrypted = on,
            Message::PassphraseChanged(v) => {
                self.passphrase = v;
                self.passphrase_error = None;
            }
            Message::PassphraseAgainChanged(v) => {
                self.passphrase_again = v;
                self.passphrase_error = None;
            }
            Message::EnableEncryption => {
                // Checked here as well as in the store, so the message sits under the field.
                if let Some(why) =
                    backup_passphrase::problem(&self.passphrase, &self.passphrase_again)
                {
                    self.passphrase_error = Some(why);
                    return Action::None;
                }
                let (actor, p) = (self.session.actor(), self.passphrase.clone());
                return Action::Run(write(
                    &self.session.store,
                    move |tx| encrypt::enable(tx, &actor, &p, &p).map(|()| true),
                    Message::EncryptionSaved,
                ));
            }
            Message::DisableEncryption => {
                let actor = self.session.actor();
                return Action::Run(write(
                    &self.session.store,
                    move |tx| encrypt::disable(tx, &actor).map(|()| false),
                    Message::EncryptionSaved,
                ));
            }
            Message::EncryptionSaved(Ok(on)) => {
                self.encrypted = on;
                self.passphrase.clear();
                self.passphrase_again.clear();
                self.passphrase_error = None;
                self.error = None;
                self.notice = Some(if on {
                    "สำเนาในโฟลเดอร์ที่สองจะเข้ารหัสตั้งแต่การสำรองครั้งต่อไป: จดรหัสผ่านเก็บไว้คนละที่กับแฟลชไดรฟ์ หากลืมจะกู้คืนจากสำเนาที่เข้ารหัสไม่ได้".into()
                } else {
                    "เลิกเข้ารหัสแล้ว: สำเนาครั้งต่อไปในโฟลเดอร์ที่สองจะไม่เข้ารหัส".into()
                });
            }
            Message::EncryptionSaved(Err(e)) => self.passphrase_error = Some(e.to_string()),
            Message::CancelRestore => self.confirming = None,
            Message::ConfirmRestore => {
                let (Some(file), Some(db)) = (self.confirming.clone(), self.session.store.path())
                else {
                    return Action::None;
                };
                if self.busy {
                    return Action::None;
                }
                let encrypted = encrypt::is_encrypted(&file);
                if encrypted && self.restore_passphrase.is_empty() {
                    self.restore_error = Some("ไฟล์สำรองนี้เข้ารหัส: กรุณาใส่รหัสผ่าน".into());
                    return Action::None;
                }
                self.busy = true;
                let (db, actor) = (db.to_path_buf(), self.session.actor());
                let secret = encrypted.then(|| self.restore_passphrase.clone());
                self.notice = Some("กำลังตรวจไฟล์สำรองและกู้คืน…".into());
                return Action::Run(read(
                    &self.session.store,
                    move |conn| restore::restore_with(conn, &db, &file, secret.as_deref(), &actor),
                    Message::Restored,
                ));
            }
            Message::Restored(Ok(done)) => {
                self.busy = false;
                self.confirming = None;
                self.error = None;
                self.notice = Some(format!(
                    "กู้คืนแล้ว (สมาชิก {} สัญญา {} รายการรับชำระ {}) ฐานข้อมูลเดิมเก็บไว้ที่ {}",
                    thousands(done.counts.members),
                    thousands(done.counts.loans),
                    thousands(done.counts.payments),
                    done.kept_aside.display()
                ));
                return Action::Run(self.reload());
            }
            Message::SecondLoaded(Ok(dir)) => {
                self.second = dir.as_ref().map(|d| d.display().to_string()).unwrap_or_default();
                self.second_saved = dir;
            }
            Message::SecondChanged(v) => {
                self.second = v;
                self.second_error = None;
            }
            Message::PickSecond => {
                // Without a dialog the documents folder would be offered, which is no second copy.
                if !self.session.dialogs.can_ask() {
                    self.second_error = Some(NO_FOLDER_DIALOG.into());
                    return Action::None;
                }
                let dialogs = self.session.dialogs.clone();
                let pending =
                    dialogs.pick_folder("เลือกโฟลเดอร์สำเนาที่สอง (แฟลชไดรฟ์หรือโฟลเดอร์ในเครือข่าย)");
                return Action::Run(Task::perform(pending, Message::SecondPicked));
            }
            Message::SecondPicked(Some(dir)) => {
                self.second = dir.display().to_string();
                self.second_error = None;
            }
            Message::SecondPicked(None) => {}
            Message::SaveSecond | Message::ClearSecond => {
                if matches!(message, Message::ClearSecond) {
                    self.second.clear();
                }
                let (actor, text) = (self.session.actor(), self.second.clone());
                let db = self.session.store.path().map(|p| p.to_path_buf());
                return Action::Run(write(
                    &self.session.store,
                    move |tx| backup::second::set(tx, &actor, db.as_deref(), &text),
                    Message::SecondSaved,
                ));
            }
            Message::SecondSaved(Ok(dir)) => {
                self.second_error = None;
                self.error = None;
                self.notice = Some(match &dir {
                    Some(d) => format!(
                        "บันทึกโฟลเดอร์สำเนาที่สองแล้ว: {} สำรองครั้งต่อไปจะคัดลอกไปที่นั่นด้วย",
                        d.display()
                    ),
                    None => "เลิกใช้โฟลเดอร์สำเนาที่สองแล้ว".into(),
                });
                self.second_saved = dir;
            }
            Message::SecondSaved(Err(e)) => {
                self.second_error = Some(e.to_string());
            }
            Message::Restored(Err(e))
                if self.confirming.as_deref().is_some_and(encrypt::is_encrypted) =>
            {
                // A wrong passphrase is said under the passphrase, where the user will retype it.
                self.busy = false;
                self.notice = None;
                self.restore_error = Some(e.to_string());
            }
            Message::Loaded(Err(e))
            | Message::BackedUp(Err(e))
            | Message::Restored(Err(e))
            | Message::SecondLoaded(Err(e))
            | Message::EncryptionLoaded(Err(e)) => {
                self.busy = false;
                self.notice = None;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::L).push(title("สำรองและกู้คืนข้อมูล"));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(n) = &self.notice {
            content = content.push(notice_banner(n.as_str()));
        }
        content = content.push(
            row![
                primary_button("สำรองข้อมูลเดี๋ยวนี้", (!self.busy).then_some(Message::BackUpNow)),
                secondary_button("กู้คืนจากไฟล์อื่น…", (!self.busy).then_some(Message::PickRestoreFile)),
            ]
            .spacing(space::M)
            .wrap(),
        );
        content = content.push(match &self.pick_error {
            Some(e) => error_text(e.as_str()),
            None => muted(" "),
        });
        if let Some(path) = &self.confirming {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let mut confirm = Column::new().spacing(space::M).push(cell(format!(
                "กู้คืนจาก {} ? ข้อมูลที่บันทึกหลังเวลาสำรองจะไม่อยู่ในฐานข้อมูลที่กู้คืน (ฐานข้อมูลปัจจุบันจะเก็บไว้ ไม่ถูกลบ)",
                name.unwrap_or_default()
            )));
            if encrypt::is_encrypted(path) {
                confirm = confirm.push(
                    field(
                        "รหัสผ่านของไฟล์สำรอง",
                        RESTORE_PASSPHRASE_ID,
                        "รหัสผ่านที่ตั้งไว้ตอนเปิดการเข้ารหัส",
                        &self.restore_passphrase,
                        Message::RestorePassphraseChanged,
                    )
                    .secure()
                    .error(self.restore_error.as_deref())
                    .submit(Message::ConfirmRestore),
                );
            } else if let Some(e) = &self.restore_error {
                confirm = confirm.push(error_text(e.as_str()));
            }
            content = content.push(card(
                confirm.push(
                    row![
                        danger_button("ยืนยันกู้คืน", (!self.busy).then_some(Message::ConfirmRestore)),
                        secondary_button("ยกเลิก", Some(Message::CancelRestore)),
                    ]
                    .spacing(space::M),
                ),
            ));
        }
        page(content.push(self.view_second()).push(self.view_encryption()).push(self.view_list()))
    }

    fn view_second(&self) -> Element<'_, Message> {
        let now = match &self.second_saved {
            Some(d) => format!("ตอนนี้คัดลอกไปที่ {}", d.display()),
            None => "ยังไม่ได้ตั้ง: สำเนาอยู่ในเครื่องนี้เครื่องเดียว ถ้าเครื่องเสียหรือถูกขโมยจะไม่เหลือสำเนา".into(),
        };
        let input = field(
            "โฟลเดอร์",
            SECOND_DIR_ID,
            "เช่น /media/usb/สำรอง หรือ E:\\สำรอง",
            &self.second,
            Message::SecondChanged,
        )
        .error(self.second_error.as_deref())
        .submit(Message::SaveSecond);
        let buttons = row![
            secondary_button("เลือกโฟลเดอร์…", Some(Message::PickSecond)),
            primary_button("บันทึกโฟลเดอร์", Some(Message::SaveSecond)),
            secondary_button(
                "เลิกใช้โฟลเดอร์ที่สอง",
                self.second_saved.is_some().then_some(Message::ClearSecond)
            ),
        ]
        .spacing(space::M);
        section(
            "โฟลเดอร์สำเนาที่สอง",
            vec![],
            Column::new().spacing(space::M).push(muted(now)).push(input).push(buttons),
        )
    }

    fn view_encryption(&self) -> Element<'_, Message> {
        let body = if self.encrypted {
            Column::new()
                .spacing(space::M)
                .push(badge("เข้ารหัสอยู่", Tone::Good))
                .push(muted(
                    "สำเนาในโฟลเดอร์ที่สองเข้ารหัสด้วยรหัสผ่านที่ตั้งไว้ ใครเก็บแฟลชไดรฟ์ได้ก็อ่านข้อมูลสมาชิกไม่ได้ การกู้คืนจากสำเนานั้นต้องใช้รหัสผ่านนี้",
                ))
                .push(secondary_button("เลิกเข้ารหัส", Some(Message::DisableEncryption)))
        } else {
            Column::new()
                .spacing(space::M)
                .push(muted(format!(
                    "ตั้งรหัสผ่านอย่างน้อย {} ตัวอักษร แล้วสำเนาในโฟลเดอร์ที่สองจะเข้ารหัส (สำเนาในเครื่องนี้ไม่เข้ารหัส)",
                    backup_passphrase::MIN_CHARS
                )))
                .push(
                    field(
                        "รหัสผ่าน",
                        PASSPHRASE_ID,
                        "",
                        &self.passphrase,
                        Message::PassphraseChanged,
                    )
                    .secure(),
                )
                .push(
                    field(
                        "พิมพ์รหัสผ่านอีกครั้ง",
                        PASSPHRASE_AGAIN_ID,
                        "",
                        &self.passphrase_again,
                        Message::PassphraseAgainChanged,
                    )
                    .secure()
                    .error(self.passphrase_error.as_deref())
                    .submit(Message::EnableEncryption),
                )
                .push(primary_button("เข้ารหัสสำเนาที่สอง", Some(Message::EnableEncryption)))
        };
        section("เข้ารหัสสำเนาที่สอง", vec![], body)
    }

    fn view_list(&self) -> Element<'_, Message> {
        let Some(list) = &self.list else { return card(muted("กำลังโหลด…")) };
        if list.is_empty() {
            return card(muted("ยังไม่มีไฟล์สำรอง"));
        }
        let cols = [
            col("วันเวลา", 3),
            col("เหตุ", 3),
            num("ขนาด", 2),
            num("สมาชิก", 2),
            num("สัญญา", 2),
            num("รับชำระ", 2),
            col("สถานะ", 4),
            col("", 3),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for (i, l) in list.iter().enumerate() {
            let when = l
                .taken_at()
                .map(|t| format!("{} {}", format_numeric(t.date()), t.format("%H:%M")))
                .unwrap_or_else(|| "-".into());
            let count = |f: fn(&backup::Counts) -> i64| {
                l.manifest.as_ref().map(|m| thousands(f(&m.counts))).unwrap_or("-".into())
            };
            let state = match &l.state {
                State::Good => badge("ตรวจแล้ว ใช้ได้", Tone::Good),
                State::Bad(_) => badge(l.state.label(), Tone::Bad),
                State::Unverified => badge("ยังไม่ได้ตรวจ", Tone::Quiet),
            };
            let reason =
                l.manifest.as_ref().map(|m| Reason::label(&m.reason)).unwrap_or("ก่อนปรับรุ่น");
            let may = !self.busy && !matches!(l.state, State::Bad(_));
            table = table.push(striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell(when).into(),
                        cell(reason).into(),
                        cell(backup::size_label(l.size)).into(),
                        cell(count(|c| c.members)).into(),
                        cell(count(|c| c.loans)).into(),
                        cell(count(|c| c.payments)).into(),
                        state,
                        secondary_button("กู้คืน", may.then_some(Message::AskRestore(l.path.clone()))),
                    ],
                ),
            ));
        }
        section("ไฟล์สำรอง", vec![], table)
    }
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}
