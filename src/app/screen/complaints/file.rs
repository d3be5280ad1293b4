//! แฟ้มเรื่องร้องเรียน: one complaint, what it is about, its steps with who and when, the next step
//! due, and a button for each step that may follow (not for the officer it is about). Who
//! complained is masked; the committee and the handler may show the name, which is logged. The
//! step form is `step_form`'s, the attachments `attachments`'.

use std::fmt;

use iced::widget::{Column, column, row};
use iced::{Element, Fill, Task};

use super::{attachments, correction};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, body, cell_hint, col, error_banner, fact, labelled, link, muted, page, secondary_button,
    section, striped, table_header, table_row, title,
};
use crate::domain::complaints::{Satisfaction, Severity, Step};
use crate::domain::thai::date::{self, format_short};
use crate::store::StoreError;
use crate::store::complaints::{self, File, Identity, StepInput};
use crate::store::users::User;

pub const DATE_ID: &str = "complaint-step-date";
pub const NOTE_ID: &str = "complaint-step-note";
pub const FINDING_ID: &str = "complaint-finding";
pub const REMEDY_ID: &str = "complaint-remedy";
pub const LESSON_ID: &str = "complaint-lesson";

/// A user who may be given the complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handler(pub i64, pub String);

impl fmt::Display for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

/// Whether the disputed amount was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confirmed(pub bool);

impl fmt::Display for Confirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 {
            "ยอดหนี้ถูกต้อง"
        } else {
            "ยอดหนี้ต้องแก้ไข"
        })
    }
}

#[derive(Debug, Clone)]
pub struct Data {
    pub file: File,
    pub users: Vec<User>,
    /// The receipts of the disputed loans not yet reversed (only when a correction may start).
    pub receipts: Vec<correction::Receipt>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Reveal,
    Revealed(Result<Identity, StoreError>),
    Begin(Step),
    Date(String),
    Note(String),
    Handler(Handler),
    Severity(Severity),
    Finding(String),
    Remedy(String),
    Confirmed(Confirmed),
    Satisfaction(Satisfaction),
    Lesson(String),
    Save,
    Saved(Result<(), StoreError>),
    Cancel,
    Open(Destination),
    Print(crate::app::print::Printable),
    Printing(crate::app::print::Message),
    PickReceipt(correction::Receipt),
    ReversalReason(String),
    Reverse,
    ProposeWriteOff(i64),
    Corrected(Result<i64, StoreError>),
    Attachments(attachments::Message),
}

pub struct ComplaintFile {
    session: Session,
    pub id: i64,
    pub data: Option<Data>,
    pub identity: Option<Identity>,
    pub step: Option<Step>,
    pub date: String,
    pub note: String,
    pub handler: Option<Handler>,
    pub severity: Option<Severity>,
    pub finding: String,
    pub remedy: String,
    pub confirmed: Option<Confirmed>,
    pub satisfaction: Option<Satisfaction>,
    pub lesson: String,
    pub date_error: Option<String>,
    pub save_error: Option<String>,
    pub error: Option<String>,
    pub saving: bool,
    pub correction: correction::Form,
    pub printer: crate::app::print::Printer,
    pub attachments: attachments::Attachments,
}

const STEP_COLS: [crate::app::widget::Col; 4] =
    [col("ขั้นตอน", 3), col("วันที่", 3), col("ผู้บันทึก", 4), col("บันทึก", 8)];

impl ComplaintFile {
    pub fn new(session: Session, id: i64) -> (ComplaintFile, Task<Message>) {
        let date = date::format_numeric(session.today);
        let s = ComplaintFile {
            session,
            id,
            data: None,
            identity: None,
            step: None,
            date,
            note: String::new(),
            handler: None,
            severity: None,
            finding: String::new(),
            remedy: String::new(),
            confirmed: None,
            satisfaction: None,
            lesson: String::new(),
            date_error: None,
            save_error: None,
            error: None,
            saving: false,
            correction: correction::Form::default(),
            printer: crate::app::print::Printer::default(),
            attachments: attachments::Attachments::default(),
        };
        let t = s.load();
        (s, t)
    }

    fn load(&self) -> Task<Message> {
        let (id, today, actor) = (self.id, self.session.today, self.session.actor());
        read(
            &self.session.store,
            move |c| {
                let file = complaints::get(c, &actor, id, today)?;
                let users =
                    crate::store::users::list(c)?.into_iter().filter(|u| u.active).collect();
                let mut receipts = Vec::new();
                if correction::may_start(&file) {
                    for loan in &file.loan_ids {
                        let paid = crate::store::ledger::payments(c, *loan)?;
                        receipts.extend(paid.into_iter().filter(|p| p.reversal.is_none()).map(
                            |p| correction::Receipt {
                                payment_id: p.id,
                                receipt_no: p.receipt_no,
                                paid_on: p.paid_on,
                                amount: p.amount,
                            },
                        ));
                    }
                }
                Ok(Box::new(Data { file, users, receipts }))
            },
            Message::Loaded,
        )
    }

    /// Who may be given the complaint: every active user but the one it is about.
    pub fn handlers(&self) -> Vec<Handler> {
        let Some(d) = &self.data else { return Vec::new() };
        d.users
            .iter()
            .filter(|u| Some(u.id) != d.file.about_id)
            .map(|u| Handler(u.id, u.full_name.clone()))
            .collect()
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(d)) => {
                self.data = Some(*d);
                self.error = None;
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Reveal => {
                let (id, actor) = (self.id, self.session.actor());
                Action::Run(write(
                    &self.session.store,
                    move |tx| complaints::reveal(tx, &actor, id),
                    Message::Revealed,
                ))
            }
            Message::Revealed(Ok(who)) => {
                self.identity = Some(who);
                Action::None
            }
            Message::Revealed(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Begin(step) => {
                self.step = Some(step);
                self.save_error = None;
                self.date_error = None;
                Action::None
            }
            Message::Date(s) => {
                self.date = s;
                self.date_error = None;
                Action::None
            }
            Message::Note(s) => {
                self.note = s;
                Action::None
            }
            Message::Handler(h) => {
                self.handler = Some(h);
                self.save_error = None;
                Action::None
            }
            Message::Severity(s) => {
                self.severity = Some(s);
                Action::None
            }
            Message::Finding(s) => {
                self.finding = s;
                Action::None
            }
            Message::Remedy(s) => {
                self.remedy = s;
                Action::None
            }
            Message::Confirmed(c) => {
                self.confirmed = Some(c);
                Action::None
            }
            Message::Satisfaction(s) => {
                self.satisfaction = Some(s);
                Action::None
            }
            Message::Lesson(s) => {
                self.lesson = s;
                Action::None
            }
            Message::Save => self.save(),
            Message::Saved(Ok(())) => {
                self.saving = false;
                self.step = None;
                self.note.clear();
                Action::Run(self.load())
            }
            Message::Saved(Err(e)) => {
                self.saving = false;
                self.save_error = Some(e.to_string());
                Action::None
            }
            Message::Cancel => {
                self.step = None;
                self.save_error = None;
                Action::None
            }
            Message::Open(d) => Action::Open(d),
            Message::Print(p) => {
                Action::Run(self.printer.start(&self.session.dialogs, p).map(Message::Printing))
            }
            Message::Printing(m) => {
                Action::Run(self.printer.update(m, &self.session).map(Message::Printing))
            }
            Message::PickReceipt(r) => {
                self.correction.receipt = Some(r);
                self.correction.receipt_error = None;
                Action::None
            }
            Message::ReversalReason(s) => {
                self.correction.reason = s;
                self.correction.reason_error = None;
                Action::None
            }
            Message::Reverse => {
                self.correction.error = None;
                let Some((payment, reason)) = self.correction.check() else {
                    return Action::None;
                };
                self.correction.saving = true;
                let (id, actor) = (self.id, self.session.actor());
                Action::Run(write(
                    &self.session.store,
                    move |tx| complaints::correct_by_reversal(tx, &actor, id, payment, &reason),
                    Message::Corrected,
                ))
            }
            Message::ProposeWriteOff(loan) => {
                self.correction.error = None;
                self.correction.saving = true;
                let (id, actor, on) = (self.id, self.session.actor(), self.session.today);
                Action::Run(write(
                    &self.session.store,
                    move |tx| complaints::correct_by_write_off(tx, &actor, id, loan, on),
                    Message::Corrected,
                ))
            }
            Message::Corrected(Ok(_)) => {
                self.correction = correction::Form::default();
                Action::Run(self.load())
            }
            Message::Attachments(m) => {
                let (action, reload) = self.attachments.update(&self.session, self.id, m);
                if reload {
                    return Action::Run(self.load());
                }
                action.map(Message::Attachments)
            }
            Message::Corrected(Err(e)) => {
                self.correction.saving = false;
                self.correction.error = Some(e.to_string());
                Action::None
            }
        }
    }

    /// The letters this complaint can send now: only to a complainant with a name and address.
    pub fn letters(&self) -> Vec<crate::app::print::Printable> {
        use crate::document::issue::complaint_docs::Which;
        let Some(d) = &self.data else { return Vec::new() };
        let f = &d.file;
        if !f.has_address || !self.session.may(crate::domain::role::Permission::PrintLetters) {
            return Vec::new();
        }
        let mut out = vec![Which::Acknowledgment];
        if !f.finding.is_empty() {
            out.push(Which::Response);
        }
        if !f.row.open {
            out.push(Which::Closure);
        }
        out.into_iter()
            .map(|which| crate::app::print::Printable::Complaint { id: self.id, which })
            .collect()
    }

    fn save(&mut self) -> Action<Message> {
        let Some(step) = self.step else { return Action::None };
        let on = match date::parse(&self.date) {
            Ok(d) => d,
            Err(e) => {
                self.date_error = Some(e.to_string());
                return Action::None;
            }
        };
        let input = StepInput {
            note: self.note.clone(),
            handler_id: self.handler.as_ref().map(|h| h.0),
            severity: self.severity,
            finding: self.finding.clone(),
            remedy: self.remedy.clone(),
            amount_confirmed: self.confirmed.map(|c| c.0),
            satisfaction: self.satisfaction,
            lesson: self.lesson.clone(),
        };
        self.saving = true;
        let (id, actor) = (self.id, self.session.actor());
        Action::Run(write(
            &self.session.store,
            move |tx| complaints::step(tx, &actor, id, step, on, &input),
            Message::Saved,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(d) = &self.data else {
            let mut c = Column::new().push(title("เรื่องร้องเรียน"));
            if let Some(e) = &self.error {
                c = c.push(error_banner(e.as_str()));
            }
            return page(c.push(muted("กำลังโหลด…")));
        };
        let f = &d.file;
        let mut c = Column::new().spacing(space::L).push(
            row![
                title(format!("เรื่องร้องเรียนเลขที่ {}", f.row.number)).width(Fill),
                badge(f.row.state.as_str(), if f.row.open { Tone::Warn } else { Tone::Good }),
            ]
            .align_y(iced::Center),
        );
        if let Some(e) = &self.error {
            c = c.push(error_banner(e.as_str()));
        }
        let who: Element<'_, Message> = match &self.identity {
            Some(id) => {
                column![body(id.name.as_str()), muted(format!("{} {}", id.address, id.phone)),]
                    .into()
            }
            None => {
                let mut r =
                    row![body(f.row.complainant.as_str())].spacing(space::M).align_y(iced::Center);
                if f.may_see_identity {
                    r = r.push(secondary_button("แสดงชื่อผู้ร้องเรียน", Some(Message::Reveal)));
                }
                r.into()
            }
        };
        let mut facts = Column::new()
            .spacing(space::XS)
            .push(fact("รับเรื่องเมื่อ", format_short(f.row.received_on)))
            .push(fact("ช่องทาง", f.row.channel.thai()))
            .push(fact("ประเภท", f.row.category.thai()))
            .push(labelled("ผู้ร้องเรียน", who))
            .push(fact("เรื่องที่ร้องเรียน", f.detail.as_str()))
            .push(fact("สิ่งที่ขอ", if f.request.is_empty() { "-" } else { f.request.as_str() }));
        if let Some(about) = &f.row.about {
            facts = facts.push(fact("เจ้าหน้าที่ที่ถูกร้องเรียน", about.as_str()));
        }
        facts = facts.push(fact("ผู้รับผิดชอบ", f.row.handler.as_deref().unwrap_or("ยังไม่มอบหมาย")));
        if let Some(s) = &f.severity {
            facts = facts.push(fact("ความรุนแรง", s.as_str()));
        }
        if !f.row.loans.is_empty() {
            let loans = iced::widget::Row::with_children(
                f.row
                    .loans
                    .iter()
                    .zip(&f.loan_ids)
                    .map(|(no, id)| link(no.as_str(), Message::Open(Destination::Loan(*id)))),
            )
            .spacing(space::M);
            facts = facts.push(labelled("สัญญาที่เกี่ยวข้อง", loans));
        }
        if !f.finding.is_empty() {
            facts = facts.push(fact("ผลการพิจารณา", f.finding.as_str()));
            facts = facts.push(fact("การแก้ไขเยียวยา", f.remedy.as_str()));
        }
        if let Some(s) = &f.satisfaction {
            facts = facts.push(fact("ความพึงพอใจ", s.as_str()));
        }
        if !f.lesson.is_empty() {
            facts = facts.push(fact("บทเรียนที่ได้", f.lesson.as_str()));
        }
        c = c.push(section("รายละเอียด", vec![], facts));

        let mut steps = Column::new().push(table_header(&STEP_COLS));
        for (i, s) in f.steps.iter().enumerate() {
            steps = steps.push(striped(
                i,
                table_row(
                    &STEP_COLS,
                    vec![
                        cell_hint(s.step.clone()),
                        cell_hint(format_short(s.on)),
                        cell_hint(s.by.clone()),
                        cell_hint(s.note.clone()),
                    ],
                ),
            ));
        }
        let due: Element<'_, Message> = match (&f.row.due_step, f.row.due_on) {
            (Some(step), Some(on)) => {
                let line = muted(format!("ขั้นต่อไป: {step} ภายใน {}", format_short(on)));
                if f.row.overdue {
                    row![badge("เกินกำหนด", Tone::Bad), line].spacing(space::S).into()
                } else {
                    line.into()
                }
            }
            _ => muted("ปิดเรื่องแล้ว").into(),
        };
        c = c.push(section("ขั้นตอน", vec![], column![steps, due].spacing(space::S)));
        use crate::domain::role::Permission;
        if let Some(k) = correction::view(
            f,
            &self.correction,
            &d.receipts,
            self.session.may(Permission::ReversePayment),
            self.session.may(Permission::Prepare),
        ) {
            c = c.push(k);
        }
        if let Some(a) = self.attachments.view(f) {
            c = c.push(a.map(Message::Attachments));
        }
        let letters = self.letters();
        if !letters.is_empty() && f.may_act {
            let buttons = iced::widget::Row::with_children(
                letters.into_iter().map(|p| secondary_button(p.label(), Some(Message::Print(p)))),
            )
            .spacing(space::S)
            .wrap();
            // What the print did, under its buttons on a line kept for it (issue 17 §B9).
            let status = self.printer.view().map(Message::Printing);
            let body = column![buttons, status].spacing(space::XS);
            c = c.push(section("หนังสือถึงผู้ร้องเรียน", vec![], body));
        }
        c = c.push(self.view_actions(f));
        page(c)
    }
}
