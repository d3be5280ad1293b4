//! นำเข้าข้อมูลจาก Excel (treasurer and committee): pick the office's workbook, check the columns
//! guessed from its headers (and say once per column whether ambiguous dates are day or month
//! first), a dry run listing every row it would refuse with its Thai reason, then confirm: one
//! transaction, with a progress bar and cancel, off the UI thread. The workbook can be saved back
//! with a status column, and the batch undone while nothing has been recorded on it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::futures::StreamExt;
use iced::task::{Handle, Sipper, sipper};
use iced::widget::{Column, progress_bar, row};
use iced::{Element, Task};

use crate::app::dialogs::Filter;
use crate::app::screen::{Action, Session, read};
use crate::app::theme::space;
use crate::app::widget::{
    body, card, cell, col, danger_button, error_banner, muted, notice_banner, page, primary_button,
    secondary_button, section, striped, table_header, table_row, title,
};
use crate::domain::import::dates::{Order, Verdict};
use crate::domain::import::{Field, Outcome};
use crate::import::pipeline::{self, MappingSource, Prepared};
use crate::import::write_status;
use crate::store::import::{self as store_import, Options, Report};
use crate::store::{Actor, Store, StoreError};

pub const WORKBOOKS: Filter = Filter {
    name: "สมุดงาน Excel / LibreOffice / CSV",
    extensions: &["xlsx", "xls", "ods", "csv"],
};
pub const XLSX: Filter = Filter { name: "สมุดงาน Excel", extensions: &["xlsx"] };

/// Rows of refusals shown on screen (the status workbook has them all).
const SHOWN: usize = 200;

#[derive(Debug, Clone)]
pub enum Message {
    PickFile,
    Picked(Option<PathBuf>),
    Prepared(Result<Box<Prepared>, String>),
    DateOrder(Field, Order),
    /// The user picked the file's column for a field (or none) in the mapping step.
    MapColumn(Field, super::mapping::Choice),
    Check,
    Confirm,
    Progressed((usize, usize)),
    Finished(Result<Box<Done>, String>),
    Cancel,
    SaveStatus,
    StatusPicked(Option<PathBuf>),
    StatusSaved(Result<PathBuf, String>),
    Undo(i64),
    Undone(Result<usize, StoreError>),
}

pub struct Running {
    pub done: usize,
    pub total: usize,
    cancel: Arc<AtomicBool>,
    _handle: Handle,
}

/// What an import run gives back: the report, whether it was a dry run, and the verified backup
/// taken before a real one (or the warning that it could not be).
#[derive(Debug, Clone)]
pub struct Done {
    pub report: Report,
    pub dry_run: bool,
    pub backup: Option<std::path::PathBuf>,
    pub warning: Option<String>,
}

pub struct Import {
    session: Session,
    pub file: Option<PathBuf>,
    pub prepared: Option<Box<Prepared>>,
    /// The dry run's report, or the confirmed import's (with its batch).
    pub report: Option<Report>,
    pub running: Option<Running>,
    pub notice: Option<String>,
    /// Why no file could be chosen (no file dialog here).
    pub pick_error: Option<String>,
    pub error: Option<String>,
    /// Why the last change in the mapping step was not taken.
    pub mapping_error: Option<String>,
    /// The verified backup taken just before the last real import.
    pub backup: Option<std::path::PathBuf>,
}

impl Import {
    pub fn new(session: Session) -> (Import, Task<Message>) {
        let screen = Import {
            session,
            file: None,
            prepared: None,
            report: None,
            running: None,
            notice: None,
            pick_error: None,
            error: None,
            backup: None,
            mapping_error: None,
        };
        (screen, Task::none())
    }

    fn start(&mut self, dry_run: bool) -> Action<Message> {
        let Some(prepared) = self.prepared.clone() else { return Action::None };
        if self.running.is_some() {
            return Action::None;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let opts = Options {
            file_name: prepared
                .book
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sheet: prepared.book.sheet.clone(),
            signature: prepared.signature.clone(),
            cut_over: self.session.today,
            fund: None,
            area: None,
        };
        let work = worker(
            self.session.store.clone(),
            self.session.actor(),
            prepared,
            opts,
            dry_run,
            cancel.clone(),
        );
        let (task, handle) = Task::sip(work, Message::Progressed, Message::Finished).abortable();
        let total = self.prepared.as_ref().map_or(0, |p| p.sheet.rows.len());
        self.running = Some(Running { done: 0, total, cancel, _handle: handle.abort_on_drop() });
        self.error = None;
        self.notice = None;
        Action::Run(task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::PickFile => {
                if !self.session.dialogs.can_ask() {
                    self.pick_error = Some(crate::app::dialogs::NO_OPEN_DIALOG.into());
                    return Action::None;
                }
                self.pick_error = None;
                let pending = self.session.dialogs.open_file("เลือกแฟ้มทะเบียนที่จะนำเข้า", WORKBOOKS);
                return Action::Run(Task::perform(pending, Message::Picked));
            }
            Message::Picked(None) => {}
            Message::Picked(Some(path)) => {
                self.file = Some(path.clone());
                self.mapping_error = None;
                self.prepared = None;
                self.report = None;
                self.notice = Some("กำลังอ่านแฟ้ม…".into());
                let store = self.session.store.clone();
                return Action::Run(Task::perform(
                    async move {
                        tokio::task::spawn_blocking(move || {
                            pipeline::prepare(&store, &path, None, None)
                        })
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|r| r)
                        .map(Box::new)
                    },
                    Message::Prepared,
                ));
            }
            Message::Prepared(Ok(p)) => {
                self.notice = None;
                self.error = None;
                self.prepared = Some(p);
            }
            Message::DateOrder(field, order) => {
                let Some(p) = self.prepared.take() else { return Action::None };
                let mut mapping = p.mapping.clone();
                mapping.date_orders.insert(field, order);
                match pipeline::with_mapping(p.book.clone(), mapping, p.source) {
                    Ok(again) => self.prepared = Some(Box::new(again)),
                    Err(e) => {
                        self.error = Some(e);
                        self.prepared = Some(p);
                    }
                }
                self.report = None;
            }
            Message::MapColumn(field, choice) => {
                let Some(p) = &self.prepared else { return Action::None };
                // A choice the sheet cannot be read with changes nothing; the reason shows in
                // the mapping step, beside the pick lists.
                match super::mapping::remap(p, field, choice) {
                    Ok(again) => {
                        self.prepared = Some(Box::new(again));
                        self.mapping_error = None;
                        self.report = None;
                    }
                    Err(e) => self.mapping_error = Some(e),
                }
            }
            Message::Check => return self.start(true),
            Message::Confirm => return self.start(false),
            Message::Progressed((done, total)) => {
                if let Some(r) = &mut self.running {
                    r.done = done;
                    r.total = total;
                }
            }
            Message::Cancel => {
                if let Some(r) = &self.running {
                    r.cancel.store(true, Ordering::Relaxed);
                }
            }
            Message::Finished(result) => {
                self.running = None;
                match result {
                    Ok(done) => {
                        let Done { report, dry_run, backup, warning } = *done;
                        let mut notice = summary(&report, dry_run);
                        if let Some(b) = &backup {
                            notice.push_str(&format!(
                                " สำรองข้อมูลก่อนนำเข้าแล้ว (ตรวจสอบผ่าน) ที่ {}",
                                b.display()
                            ));
                        }
                        if let Some(w) = warning {
                            notice.push_str(&format!(" คำเตือน: {w}"));
                        }
                        self.notice = Some(notice);
                        if !dry_run {
                            self.backup = backup;
                        }
                        self.report = Some(report);
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            Message::SaveStatus => {
                let name = self
                    .file
                    .as_ref()
                    .and_then(|f| f.file_stem())
                    .map(|s| format!("{}-ผลการนำเข้า.xlsx", s.to_string_lossy()))
                    .unwrap_or_else(|| "ผลการนำเข้า.xlsx".into());
                let pending = self.session.dialogs.save_file("บันทึกผลรายแถว", &name, XLSX);
                return Action::Run(Task::perform(pending, Message::StatusPicked));
            }
            Message::StatusPicked(None) => {}
            Message::StatusPicked(Some(path)) => {
                let (Some(p), Some(r)) = (&self.prepared, &self.report) else {
                    return Action::None;
                };
                let result =
                    write_status(&path, &p.book.sheet, &p.book.rows, p.sheet.header_row, &r.rows)
                        .map(|_| path);
                return Action::Run(Task::done(Message::StatusSaved(result)));
            }
            Message::StatusSaved(Ok(path)) => {
                self.notice = Some(format!("บันทึกผลรายแถวที่ {} แล้ว", path.display()));
            }
            Message::StatusSaved(Err(e)) => self.error = Some(e),
            Message::Undo(batch) => {
                let actor = self.session.actor();
                return Action::Run(read(
                    &self.session.store,
                    move |c| store_import::undo(c, &actor, batch),
                    Message::Undone,
                ));
            }
            Message::Undone(Ok(n)) => {
                self.report = None;
                self.notice =
                    Some(format!("ยกเลิกชุดนำเข้าแล้ว ลบ {n} รายการ ฐานข้อมูลกลับเป็นเหมือนก่อนนำเข้า"));
            }
            Message::Prepared(Err(e)) => {
                self.notice = None;
                self.error = Some(e);
            }
            Message::Undone(Err(e)) => self.error = Some(e.to_string()),
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::L).push(title("นำเข้าข้อมูลจาก Excel"));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e.as_str()));
        }
        if let Some(n) = &self.notice {
            content = content.push(notice_banner(n.as_str()));
        }
        let file = match &self.file {
            Some(f) => format!("แฟ้ม: {}", f.display()),
            None => "เลือกแฟ้มทะเบียนสมาชิกและลูกหนี้ (.xlsx .xls .ods หรือ .csv)".into(),
        };
        // Why no file could be chosen, under the button, on a line kept for it (issue 17 §B9).
        let pick_error = match &self.pick_error {
            Some(e) => crate::app::widget::error_text(e.as_str()),
            None => muted(" "),
        };
        content = content.push(card(
            Column::new()
                .spacing(space::M)
                .push(body(file))
                .push(secondary_button(
                    "เลือกแฟ้ม…",
                    self.running.is_none().then_some(Message::PickFile),
                ))
                .push(pick_error),
        ));
        if let Some(r) = &self.running {
            content = content.push(card(
                Column::new()
                    .spacing(space::M)
                    .push(body(format!("กำลังนำเข้า {} / {} แถว", r.done, r.total)))
                    .push(progress_bar(0.0..=1.0, r.done as f32 / r.total.max(1) as f32))
                    .push(danger_button("ยกเลิกการนำเข้า", Some(Message::Cancel))),
            ));
        }
        if let Some(p) = &self.prepared {
            content = content.push(self.view_mapping(p));
        }
        if let Some(r) = &self.report {
            content = content.push(self.view_report(r));
        }
        page(content)
    }

    fn view_mapping<'a>(&'a self, p: &'a Prepared) -> Element<'a, Message> {
        let source = match p.source {
            MappingSource::Given => "ตามแฟ้มจับคู่ที่ให้มา",
            MappingSource::Remembered => "ตามที่เคยยืนยันไว้สำหรับแฟ้มรูปแบบนี้",
            MappingSource::Guessed => "เดาจากหัวตาราง กรุณาตรวจดู",
        };
        let table = super::mapping::view(p, self.mapping_error.as_deref());
        let mut body_col = Column::new()
            .spacing(space::M)
            .push(muted(format!("แถวหัวตาราง: แถว {} ({source})", p.mapping.header_row + 1)))
            .push(table);
        // The one question per column whose dates could be read either way.
        for field in p.mapping.columns.keys().filter(|f| f.is_date()) {
            let undecided = !p.mapping.date_orders.contains_key(field)
                && p.sheet.column_problems.iter().any(|m| m.contains(&p.mapping.columns[field]));
            if undecided {
                let verdict = Verdict::Ambiguous;
                body_col = body_col.push(error_banner(
                    verdict.problem(&p.mapping.columns[field]).unwrap_or_default(),
                ));
                body_col = body_col.push(
                    row![
                        secondary_button(
                            "วัน/เดือน/ปี",
                            Some(Message::DateOrder(*field, Order::DayFirst))
                        ),
                        secondary_button(
                            "เดือน/วัน/ปี",
                            Some(Message::DateOrder(*field, Order::MonthFirst))
                        ),
                    ]
                    .spacing(space::M),
                );
            }
        }
        let idle = self.running.is_none();
        body_col = body_col.push(
            row![
                primary_button("ตรวจสอบ (ยังไม่บันทึก)", idle.then_some(Message::Check)),
                secondary_button(
                    "ยืนยันนำเข้า",
                    (idle && self.report.as_ref().is_some_and(|r| r.batch_id.is_none()))
                        .then_some(Message::Confirm)
                ),
            ]
            .spacing(space::M),
        );
        section("จับคู่คอลัมน์", vec![], body_col)
    }

    fn view_report<'a>(&'a self, r: &'a Report) -> Element<'a, Message> {
        let mut body_col = Column::new().spacing(space::M);
        for p in &r.column_problems {
            body_col = body_col.push(error_banner(p.as_str()));
        }
        let cols = [col("แถว", 1), col("สถานะ", 2), col("เหตุผล", 8)];
        let mut table = Column::new().push(table_header(&cols));
        let listed = r.rows.iter().filter(|(_, o)| matches!(o, Outcome::Refused(_))).take(SHOWN);
        for (i, (n, o)) in listed.enumerate() {
            table = table.push(striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell((n + 1).to_string()).into(),
                        cell(o.status()).into(),
                        body(o.reason()).into(),
                    ],
                ),
            ));
        }
        if r.refused > 0 {
            body_col = body_col.push(table);
        }
        if r.refused > SHOWN {
            body_col = body_col.push(muted(format!("แสดง {SHOWN} แถวแรก ที่เหลือดูในแฟ้มผลรายแถว")));
        }
        let mut buttons =
            vec![secondary_button("บันทึกผลรายแถว (.xlsx)…", Some(Message::SaveStatus))];
        if let Some(batch) = r.batch_id {
            buttons.push(danger_button("ยกเลิกชุดนำเข้านี้", Some(Message::Undo(batch))));
        }
        body_col = body_col.push(crate::app::widget::actions(buttons));
        section("ผลการตรวจ", vec![], body_col)
    }
}

fn summary(r: &Report, dry_run: bool) -> String {
    let head = if dry_run {
        "ตรวจสอบแล้ว ยังไม่ได้บันทึก"
    } else {
        "นำเข้าแล้ว"
    };
    format!(
        "{head}: นำเข้า {} แถว มีอยู่แล้ว {} แถว ไม่รับ {} แถว ข้าม {} แถว (สมาชิกใหม่ {} สัญญาใหม่ {})",
        r.imported, r.already, r.refused, r.skipped, r.members_created, r.loans_created
    )
}

/// The import in one transaction on a blocking thread; progress through a channel at most once a
/// percent; a cancel rolls everything back.
fn worker(
    store: Store,
    actor: Actor,
    prepared: Box<Prepared>,
    opts: Options,
    dry_run: bool,
    cancel: Arc<AtomicBool>,
) -> impl Sipper<Result<Box<Done>, String>, (usize, usize)> {
    sipper(move |mut sender| async move {
        let (tx, mut rx) = iced::futures::channel::mpsc::unbounded();
        let job = tokio::task::spawn_blocking(move || {
            let mut last = usize::MAX;
            let mut progress = |done: usize, total: usize| {
                let percent = (done * 100).checked_div(total).unwrap_or(100);
                if percent != last {
                    last = percent;
                    let _ = tx.unbounded_send((done, total));
                }
                !cancel.load(Ordering::Relaxed)
            };
            let (report, backup, warning) = if dry_run {
                let report = store.with(|c| {
                    store_import::run(c, &actor, &prepared.sheet, &opts, true, &mut progress)
                })?;
                (report, None, None)
            } else {
                // A real import writes only after a verified backup (issue 15 §2).
                let event = crate::domain::backup_due::Event::BeforeImport;
                let (report, outcome) = crate::store::backup::auto::before(&store, event, |c| {
                    store_import::run(c, &actor, &prepared.sheet, &opts, false, &mut progress)
                })?;
                let copy = outcome.copy().map(std::path::Path::to_path_buf);
                (report, copy, outcome.warning(event))
            };
            if !dry_run {
                store.with(|c| {
                    store_import::remember_mapping(c, &prepared.signature, &prepared.mapping)
                })?;
            }
            Ok::<_, StoreError>(Done { report, dry_run, backup, warning })
        });
        while let Some(p) = rx.next().await {
            sender.send(p).await;
        }
        match job.await {
            Ok(result) => result.map(Box::new).map_err(|e| e.to_string()),
            Err(e) => Err(format!("งานเบื้องหลังหยุดทำงาน: {e}")),
        }
    })
}
