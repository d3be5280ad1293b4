//! บันทึกการติดตาม: log a contact about one loan in a few keystrokes (date and time, channel, whom
//! it reached, outcome, a promise, a note, the next action), checked against the Debt Collection
//! Act's guards when it is saved; below it the file's timeline of contacts, letters and payments.
//! A contact refused by a guard can still be recorded when it already happened, with a reason.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use iced::widget::{Column, column, row, text_input};
use iced::{Element, Task};

use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::space;
use crate::app::widget::{
    choices, error_text, field, labelled, muted, page, primary_button, secondary_button, section,
    small, strong, title,
};
use crate::domain::Satang;
use crate::domain::collections::contact::{Channel, Outcome, Reached};
use crate::domain::collections::ladder::Assessment;
use crate::domain::thai::date::{self, format_numeric, format_short};
use crate::store::contacts::{self, Event, NewContact};
use crate::store::loans::{self, Loan};
use crate::store::{Result, StoreError, holds, queue};

pub const DATE_ID: &str = "contact-date";
pub const TIME_ID: &str = "contact-time";
pub const PROMISE_DATE_ID: &str = "contact-promise-date";
pub const PROMISE_AMOUNT_ID: &str = "contact-promise-amount";
pub const NOTE_ID: &str = "contact-note";
pub const NEXT_ID: &str = "contact-next";
pub const NEXT_DATE_ID: &str = "contact-next-date";
pub const NEXT_TIME_ID: &str = "contact-next-time";
pub const REASON_ID: &str = "contact-reason";
pub const HOLD_REASON_ID: &str = "contact-hold-reason";
pub const HOLD_UNTIL_ID: &str = "contact-hold-until";

#[derive(Debug, Clone)]
pub struct Data {
    pub loan: Loan,
    pub timeline: Vec<Event>,
    pub hold: Option<String>,
    pub holds: Vec<holds::Hold>,
    pub ladder: Option<Assessment>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Date(String),
    Time(String),
    Channel(Channel),
    Reached(Reached),
    Outcome(Outcome),
    PromiseDate(String),
    PromiseAmount(String),
    Note(String),
    Next(String),
    NextDate(String),
    NextTime(String),
    Reason(String),
    Save,
    Saved(Result<i64, StoreError>),
    HoldReason(String),
    HoldUntil(String),
    StartHold,
    EndHold(i64),
    HoldSaved(Result<(), StoreError>),
    Open(Destination),
}

/// The errors of the form, each shown under its own field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    pub date: Option<String>,
    pub time: Option<String>,
    pub outcome: Option<String>,
    pub promise_date: Option<String>,
    pub promise_amount: Option<String>,
    pub next: Option<String>,
    /// What the store refused (a guard), next to the save button.
    pub save: Option<String>,
}

pub struct ContactForm {
    session: Session,
    pub loan_id: i64,
    pub data: Option<Data>,
    pub date_input: String,
    pub time_input: String,
    pub channel: Channel,
    pub reached: Reached,
    pub outcome: Option<Outcome>,
    pub promise_date: String,
    pub promise_amount: String,
    pub note: String,
    pub next: String,
    pub next_date: String,
    pub next_time: String,
    pub reason: String,
    /// A guard refused the contact: the reason field is offered.
    pub asks_reason: bool,
    pub errors: Errors,
    pub saved: Option<String>,
    pub error: Option<String>,
    pub saving: bool,
    pub hold_reason: String,
    pub hold_until: String,
    /// What the hold's store call said (refused, or done), next to its button.
    pub hold_message: Option<String>,
}

fn load(conn: &rusqlite::Connection, loan_id: i64, today: NaiveDate) -> Result<Data> {
    Ok(Data {
        loan: loans::get(conn, loan_id)?,
        timeline: contacts::timeline(conn, loan_id)?,
        hold: holds::reason_on(conn, loan_id, today)?,
        holds: holds::of_loan(conn, loan_id)?,
        ladder: queue::standing_of(conn, loan_id, today)?,
    })
}

/// A time as officers type it: "10:30", "10.30" or "10.30 น.", Thai digits too.
pub fn parse_time(input: &str) -> Option<NaiveTime> {
    let t = crate::domain::thai::digits::to_ascii_digits(input.trim());
    let t = t.trim_end_matches("น.").trim().replace('.', ":");
    NaiveTime::parse_from_str(&t, "%H:%M").ok()
}

impl ContactForm {
    pub fn new(session: Session, loan_id: i64) -> (ContactForm, Task<Message>) {
        let today = session.today;
        let task =
            read(&session.store, move |c| load(c, loan_id, today).map(Box::new), Message::Loaded);
        let now = chrono::Local::now().time().format("%H:%M").to_string();
        let form = ContactForm {
            session,
            loan_id,
            data: None,
            date_input: format_numeric(today),
            time_input: now,
            channel: Channel::Phone,
            reached: Reached::Borrower,
            outcome: None,
            promise_date: String::new(),
            promise_amount: String::new(),
            note: String::new(),
            next: String::new(),
            next_date: String::new(),
            next_time: String::new(),
            reason: String::new(),
            asks_reason: false,
            errors: Errors::default(),
            saved: None,
            error: None,
            saving: false,
            hold_reason: String::new(),
            hold_until: String::new(),
            hold_message: None,
        };
        (form, task)
    }

    /// The contact the fields describe, or the errors to show (nothing is saved then).
    pub fn contact(&self) -> std::result::Result<NewContact, Box<Errors>> {
        let mut e = Errors::default();
        let day = date::parse(&self.date_input).map_err(|x| e.date = Some(x.to_string())).ok();
        let time = parse_time(&self.time_input);
        if time.is_none() {
            e.time = Some("เวลาต้องเป็น ชช:นน เช่น 10:30".into());
        }
        if self.outcome.is_none() {
            e.outcome = Some("กรุณาเลือกผลการติดต่อ".into());
        }
        let mut promise = None;
        if self.outcome == Some(Outcome::Promise) {
            let on = date::parse(&self.promise_date)
                .map_err(|x| e.promise_date = Some(x.to_string()))
                .ok();
            let amount = Satang::parse_positive(&self.promise_amount)
                .map_err(|x| e.promise_amount = Some(x.to_string()))
                .ok();
            promise = on.zip(amount);
        }
        let mut next_action = None;
        if !self.next.trim().is_empty() || !self.next_date.trim().is_empty() {
            let on = date::parse(&self.next_date).ok();
            let at = parse_time(if self.next_time.trim().is_empty() {
                "10:00"
            } else {
                &self.next_time
            });
            match (self.next.trim().is_empty(), on, at) {
                (false, Some(on), Some(at)) => {
                    next_action = Some((self.next.trim().to_string(), on.and_time(at)))
                }
                (true, _, _) => e.next = Some("กรุณาระบุสิ่งที่ต้องทำครั้งต่อไป".into()),
                _ => e.next = Some("วันเวลาติดตามครั้งต่อไปไม่ถูกต้อง (วว/ดด/ปปปป และ ชช:นน)".into()),
            }
        }
        if e != Errors::default() {
            return Err(Box::new(e));
        }
        let (Some(day), Some(time), Some(outcome)) = (day, time, self.outcome) else {
            return Err(Box::new(e));
        };
        let person_id = self.data.as_ref().map(|d| d.loan.borrower_id).unwrap_or_default();
        Ok(NewContact {
            person_id,
            loan_id: Some(self.loan_id),
            at: day.and_time(time),
            channel: self.channel,
            reached: self.reached,
            reached_person_id: None,
            outcome,
            note: self.note.trim().to_string(),
            promise,
            next_action,
            breach_reason: self.asks_reason.then(|| self.reason.clone()),
        })
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(d)) => self.data = Some(*d),
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Date(s) => self.date_input = s,
            Message::Time(s) => self.time_input = s,
            Message::Channel(c) => self.channel = c,
            Message::Reached(r) => self.reached = r,
            Message::Outcome(o) => self.outcome = Some(o),
            Message::PromiseDate(s) => self.promise_date = s,
            Message::PromiseAmount(s) => self.promise_amount = s,
            Message::Note(s) => self.note = s,
            Message::Next(s) => self.next = s,
            Message::NextDate(s) => self.next_date = s,
            Message::NextTime(s) => self.next_time = s,
            Message::Reason(s) => self.reason = s,
            Message::Save if self.saving || self.data.is_none() => {}
            Message::Save => match self.contact() {
                Err(errors) => self.errors = *errors,
                Ok(contact) => {
                    self.errors = Errors::default();
                    self.saving = true;
                    let actor = self.session.actor();
                    let now: NaiveDateTime =
                        self.session.today.and_time(chrono::Local::now().time());
                    return Action::Run(write(
                        &self.session.store,
                        move |tx| contacts::record(tx, &actor, &contact, now),
                        Message::Saved,
                    ));
                }
            },
            Message::Saved(Ok(_)) => {
                self.saving = false;
                self.saved = Some(format!(
                    "บันทึกการติดตามแล้ว: {}",
                    self.outcome.map(Outcome::label).unwrap_or_default()
                ));
                self.outcome = None;
                self.note.clear();
                self.promise_date.clear();
                self.promise_amount.clear();
                self.next.clear();
                self.next_date.clear();
                self.next_time.clear();
                self.reason.clear();
                self.asks_reason = false;
                let (loan_id, today) = (self.loan_id, self.session.today);
                return Action::Run(read(
                    &self.session.store,
                    move |c| load(c, loan_id, today).map(Box::new),
                    Message::Loaded,
                ));
            }
            Message::Saved(Err(e)) => {
                self.saving = false;
                self.saved = None;
                let text = e.to_string();
                // A guard refused it: if the contact already happened, a reason records it.
                self.asks_reason |= text.contains("กรุณาระบุเหตุผล");
                self.errors.save = Some(text);
            }
            Message::HoldReason(s) => self.hold_reason = s,
            Message::HoldUntil(s) => self.hold_until = s,
            Message::StartHold => {
                let until = match self.hold_until.trim() {
                    "" => None,
                    text => match date::parse(text) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            self.hold_message = Some(format!("ถึงวันที่: {e}"));
                            return Action::None;
                        }
                    },
                };
                let (actor, loan_id, reason) =
                    (self.session.actor(), self.loan_id, self.hold_reason.clone());
                let today = self.session.today;
                return Action::Run(write(
                    &self.session.store,
                    move |tx| holds::start(tx, &actor, loan_id, &reason, today, until).map(|_| ()),
                    Message::HoldSaved,
                ));
            }
            Message::EndHold(id) => {
                let (actor, reason, today) =
                    (self.session.actor(), self.hold_reason.clone(), self.session.today);
                return Action::Run(write(
                    &self.session.store,
                    move |tx| holds::end(tx, &actor, id, today, &reason),
                    Message::HoldSaved,
                ));
            }
            Message::HoldSaved(Ok(())) => {
                self.hold_message = Some("บันทึกแล้ว".into());
                self.hold_reason.clear();
                self.hold_until.clear();
                let (loan_id, today) = (self.loan_id, self.session.today);
                return Action::Run(read(
                    &self.session.store,
                    move |c| load(c, loan_id, today).map(Box::new),
                    Message::Loaded,
                ));
            }
            Message::HoldSaved(Err(e)) => self.hold_message = Some(e.to_string()),
            Message::Open(d) => return Action::Open(d),
        }
        Action::None
    }

    fn view_standing<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let mut col = Column::new().spacing(space::S);
        let step = match &data.ladder {
            Some(a) => {
                let now = a.implied.map(|s| s.label()).unwrap_or("ยังไม่ถึงขั้นหนังสือ");
                let next = match a.next {
                    Some((s, on)) => format!("{} ตั้งแต่ {}", s.label(), format_short(on)),
                    None => "—".into(),
                };
                format!("ขั้นตามยอดค้าง: {now} · ขั้นต่อไป: {next}")
            }
            None => "ไม่ค้างชำระ ไม่มีขั้นการติดตาม".into(),
        };
        col = col.push(small(step));
        if data.ladder.is_some_and(|a| a.guarantor_late) {
            col = col
                .push(error_text("เกิน 60 วันนับแต่ผิดนัดแล้วยังไม่ได้บอกกล่าวผู้ค้ำประกัน (ป.พ.พ. มาตรา 686)"));
        }
        let running = data.holds.iter().find(|h| h.runs_on(self.session.today));
        let reason = field(
            "เหตุผล",
            HOLD_REASON_ID,
            "เช่น โต้แย้งยอดหนี้",
            &self.hold_reason,
            Message::HoldReason,
        );
        let mut buttons = row![].spacing(space::M).align_y(iced::Center);
        match running {
            Some(h) => {
                col = col.push(strong(format!(
                    "พักการติดตามตั้งแต่ {}: {}",
                    format_short(h.from_on),
                    h.reason
                )));
                col = col.push(reason);
                buttons = buttons
                    .push(secondary_button("สิ้นสุดการพักการติดตาม", Some(Message::EndHold(h.id))));
            }
            None => {
                col = col.push(reason).push(field(
                    "ถึงวันที่ (ถ้ามี)",
                    HOLD_UNTIL_ID,
                    "วว/ดด/ปปปป",
                    &self.hold_until,
                    Message::HoldUntil,
                ));
                buttons = buttons.push(secondary_button("พักการติดตาม", Some(Message::StartHold)));
            }
        }
        if let Some(m) = &self.hold_message {
            buttons = buttons.push(small(m));
        }
        col.push(buttons).into()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(data) = &self.data else {
            return page(muted(self.error.as_deref().unwrap_or("กำลังเปิดแฟ้ม…")));
        };
        let loan = &data.loan;
        let header = row![
            title(format!("บันทึกการติดตาม สัญญาเลขที่ {}", loan.contract_no)).width(iced::Fill),
            secondary_button("แฟ้มสัญญา", Some(Message::Open(Destination::Loan(loan.id)))),
        ]
        .spacing(space::M)
        .align_y(iced::Center);
        let mut form = Column::new().spacing(space::M);
        if let Some(hold) = &data.hold {
            form = form.push(error_text(format!("พักการติดตามอยู่: {hold}")));
        }
        form = form
            .push(
                row![
                    field("วันที่ติดต่อ", DATE_ID, "วว/ดด/ปปปป", &self.date_input, Message::Date)
                        .error(self.errors.date.as_deref()),
                    field("เวลา", TIME_ID, "ชช:นน", &self.time_input, Message::Time)
                        .error(self.errors.time.as_deref()),
                ]
                .spacing(space::L)
                .wrap(),
            )
            .push(labelled("ช่องทาง", choices(Channel::ALL, Some(&self.channel), Message::Channel)))
            .push(labelled(
                "ติดต่อได้กับ",
                choices(Reached::ALL, Some(&self.reached), Message::Reached),
            ))
            .push(labelled(
                "ผลการติดต่อ",
                column![
                    choices(Outcome::ALL, self.outcome.as_ref(), Message::Outcome),
                    match &self.errors.outcome {
                        Some(e) => error_text(e),
                        None => small(" "),
                    }
                ],
            ));
        if self.reached == Reached::Relative {
            form = form.push(muted("ถามบุคคลอื่นได้เฉพาะที่อยู่หรือช่องทางติดต่อลูกหนี้ ห้ามแจ้งเรื่องหนี้"));
        }
        if self.outcome == Some(Outcome::Promise) {
            form = form.push(
                row![
                    field(
                        "นัดชำระภายในวันที่",
                        PROMISE_DATE_ID,
                        "วว/ดด/ปปปป",
                        &self.promise_date,
                        Message::PromiseDate
                    )
                    .error(self.errors.promise_date.as_deref()),
                    field(
                        "จำนวนเงิน (บาท)",
                        PROMISE_AMOUNT_ID,
                        "เช่น 1,500",
                        &self.promise_amount,
                        Message::PromiseAmount
                    )
                    .error(self.errors.promise_amount.as_deref()),
                ]
                .spacing(space::L)
                .wrap(),
            );
        }
        form = form.push(field("บันทึก", NOTE_ID, "สิ่งที่ได้คุย", &self.note, Message::Note)).push(
            row![
                field("ครั้งต่อไป", NEXT_ID, "เช่น โทรกลับ เยี่ยมบ้าน", &self.next, Message::Next)
                    .error(self.errors.next.as_deref()),
                field("วันที่", NEXT_DATE_ID, "วว/ดด/ปปปป", &self.next_date, Message::NextDate),
                field("เวลา", NEXT_TIME_ID, "10:00", &self.next_time, Message::NextTime),
            ]
            .spacing(space::L)
            .wrap(),
        );
        if self.asks_reason {
            form = form.push(labelled(
                "เหตุผล (ติดต่อไปแล้ว)",
                text_input("เช่น ลูกหนี้โทรมาเอง", &self.reason)
                    .id(REASON_ID)
                    .on_input(Message::Reason),
            ));
        }
        let save = primary_button("บันทึกการติดตาม", (!self.saving).then_some(Message::Save));
        let mut actions = row![save].spacing(space::M).align_y(iced::Center);
        if let Some(e) = &self.errors.save {
            actions = actions.push(error_text(e).width(iced::Fill));
        } else if let Some(s) = &self.saved {
            actions = actions.push(strong(s));
        }
        form = form.push(actions);

        let mut timeline = Column::new().spacing(space::XS);
        for e in &data.timeline {
            timeline = timeline.push(
                row![
                    small(format_short(e.at.date())).width(90),
                    small(e.kind.label()).width(60),
                    small(&e.text).width(iced::Fill),
                ]
                .spacing(space::S),
            );
        }
        if data.timeline.is_empty() {
            timeline = timeline.push(muted("ยังไม่มีการติดตาม หนังสือ หรือการรับชำระ"));
        }
        page(
            column![
                header,
                muted(format!("ลูกหนี้ {}", loan.borrower_name)),
                section("บันทึกการติดต่อ", vec![], form),
                section("ขั้นการติดตามและการพักการติดตาม", vec![], self.view_standing(data)),
                section("ความเคลื่อนไหวของแฟ้ม", vec![], timeline),
            ]
            .spacing(space::L),
        )
    }
}
