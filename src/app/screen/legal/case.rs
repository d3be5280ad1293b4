//! แฟ้มคดี: the court case file of one loan, opened from the loan file. Without a case it offers
//! to open one (court, lawyer); then the filing (date, black case number), which fixes the claim
//! computed on that day; then the timeline, where hearings and enforcement steps are recorded.
//! Judgments, settlements, costs and proceeds are recorded with `plodnee case event` (they need
//! a treasurer and amounts) and show here on the timeline.

use iced::widget::text::Wrapping;
use iced::widget::{Column, row};
use iced::{Element, Task};

use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, cell, choices, col, error_banner, error_text, fact, field, muted, page, primary_button,
    secondary_button, section, strong, table_header, table_row, title,
};
use crate::domain::legal::case::EventKind;
use crate::domain::legal::sla::Pending;
use crate::domain::role::Permission;
use crate::domain::thai::date::{format_long, format_short, parse};
use crate::store::court_cases::{self, Case, Event, NewCase};
use crate::store::plans::Target;
use crate::store::{StoreError, case_sla, loans};

pub const COURT_ID: &str = "case-court";
pub const LAWYER_ID: &str = "case-lawyer";
pub const FILED_ID: &str = "case-filed-on";
pub const BLACK_ID: &str = "case-black-no";
pub const EVENT_DATE_ID: &str = "case-event-date";
pub const NOTE_ID: &str = "case-note";

#[derive(Debug, Clone)]
pub struct Data {
    pub contract_no: String,
    pub borrower: String,
    pub case: Option<Case>,
    pub events: Vec<Event>,
    pub pending: Option<Pending>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Court(String),
    Lawyer(String),
    OpenCase,
    FiledOn(String),
    BlackNo(String),
    File,
    Kind(EventKind),
    EventDate(String),
    Note(String),
    Record,
    Saved(Result<String, StoreError>),
    Open(Destination),
}

#[derive(Debug, Clone, Default)]
pub struct Form {
    pub court: String,
    pub lawyer: String,
    pub filed_on: String,
    pub black_no: String,
    pub kind: Option<EventKind>,
    pub event_date: String,
    pub note: String,
}

pub struct CaseFile {
    session: Session,
    pub loan_id: i64,
    pub data: Option<Data>,
    pub form: Form,
    /// A bad field: its id and the Thai message shown under it.
    pub field_error: Option<(&'static str, String)>,
    pub error: Option<String>,
    pub done: Option<String>,
    busy: bool,
}

fn load_data(c: &mut rusqlite::Connection, loan_id: i64) -> crate::store::Result<Data> {
    let loan = loans::get(c, loan_id)?;
    let case = court_cases::live_of_loan(c, loan_id)?;
    let (events, pending) = match &case {
        Some(k) => (court_cases::events(c, k.id)?, case_sla::pending_of(c, k)?),
        None => (Vec::new(), None),
    };
    Ok(Data { contract_no: loan.contract_no, borrower: loan.borrower_name, case, events, pending })
}

impl CaseFile {
    pub fn new(session: Session, loan_id: i64) -> (CaseFile, Task<Message>) {
        let s = CaseFile {
            session,
            loan_id,
            data: None,
            form: Form { kind: Some(EventKind::Mediation), ..Form::default() },
            field_error: None,
            error: None,
            done: None,
            busy: false,
        };
        let task = s.load();
        (s, task)
    }

    fn load(&self) -> Task<Message> {
        let id = self.loan_id;
        read(&self.session.reader, move |c| load_data(c, id).map(Box::new), Message::Loaded)
    }

    fn date(&mut self, id: &'static str, text: &str) -> Option<chrono::NaiveDate> {
        match parse(text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.field_error = Some((id, e.to_string()));
                None
            }
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(d)) => {
                self.data = Some(*d);
                self.busy = false;
            }
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Court(v) => self.form.court = v,
            Message::Lawyer(v) => self.form.lawyer = v,
            Message::FiledOn(v) => self.form.filed_on = v,
            Message::BlackNo(v) => self.form.black_no = v,
            Message::Kind(k) => self.form.kind = Some(k),
            Message::EventDate(v) => self.form.event_date = v,
            Message::Note(v) => self.form.note = v,
            Message::OpenCase => {
                self.field_error = None;
                if self.form.court.trim().is_empty() {
                    self.field_error = Some((COURT_ID, "กรุณาระบุศาลที่ฟ้อง".into()));
                    return Action::None;
                }
                let new = NewCase {
                    court: self.form.court.clone(),
                    black_no: String::new(),
                    lawyer: self.form.lawyer.clone(),
                    opened_on: self.session.today,
                };
                let (actor, loan) = (self.session.actor(), self.loan_id);
                return self.save(move |tx| {
                    let c = court_cases::open(tx, &actor, Target::Loan(loan), &new)?;
                    Ok(format!("เปิดแฟ้มคดีที่ {} แล้ว", c.id))
                });
            }
            Message::File => {
                self.field_error = None;
                let Some(case) = self.case_id() else { return Action::None };
                let text = self.form.filed_on.clone();
                let Some(on) = self.date(FILED_ID, &text) else { return Action::None };
                if self.form.black_no.trim().is_empty() {
                    self.field_error = Some((BLACK_ID, "กรุณาระบุคดีหมายเลขดำ".into()));
                    return Action::None;
                }
                let (actor, black) = (self.session.actor(), self.form.black_no.clone());
                return self.save(move |tx| {
                    let c = court_cases::file(tx, &actor, case, on, &black)?;
                    let total = c.claim.map(|k| k.total()).unwrap_or_default();
                    Ok(format!("บันทึกการยื่นฟ้องแล้ว ทุนทรัพย์ {total} บาท"))
                });
            }
            Message::Record => {
                self.field_error = None;
                let Some(case) = self.case_id() else { return Action::None };
                let text = self.form.event_date.clone();
                let Some(on) = self.date(EVENT_DATE_ID, &text) else { return Action::None };
                let kind = self.form.kind.unwrap_or(EventKind::Hearing);
                let (actor, note) = (self.session.actor(), self.form.note.clone());
                return self.save(move |tx| {
                    court_cases::record_event(tx, &actor, case, kind, on, &note)?;
                    Ok(format!("บันทึก{kind} {} แล้ว", format_long(on)))
                });
            }
            Message::Saved(Ok(done)) => {
                self.done = Some(done);
                self.error = None;
                self.form.note.clear();
                self.form.event_date.clear();
                return Action::Run(self.load());
            }
            Message::Saved(Err(e)) => {
                self.busy = false;
                self.error = Some(e.to_string());
            }
            Message::Open(d) => return Action::Open(d),
        }
        Action::None
    }

    fn case_id(&self) -> Option<i64> {
        self.data.as_ref().and_then(|d| d.case.as_ref()).map(|c| c.id)
    }

    fn save(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> crate::store::Result<String> + Send + 'static,
    ) -> Action<Message> {
        self.busy = true;
        self.done = None;
        Action::Run(write(&self.session.store, f, Message::Saved))
    }

    fn error_of(&self, id: &'static str) -> Option<&str> {
        self.field_error.as_ref().filter(|(f, _)| *f == id).map(|(_, e)| e.as_str())
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(d) = &self.data else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังเปิดแฟ้มคดี…").into(),
            });
        };
        let mut body = Column::new()
            .spacing(space::L)
            .push(title("แฟ้มคดี"))
            .push(strong(format!("สัญญา {} {}", d.contract_no, d.borrower)));
        body = body.push(secondary_button(
            "กลับแฟ้มสัญญา",
            Some(Message::Open(Destination::Loan(self.loan_id))),
        ));
        let may = self.session.may(Permission::Prepare);
        match &d.case {
            None => body = body.push(self.open_form(may)),
            Some(c) => {
                body = body.push(self.facts(c, d.pending));
                if c.filed_on.is_none() && may {
                    body = body.push(self.file_form());
                }
                body = body.push(self.timeline(&d.events));
                if c.filed_on.is_some() && self.session.may(Permission::KeepFiles) {
                    body = body.push(self.event_form());
                }
            }
        }
        if let Some(e) = &self.error {
            body = body.push(error_text(e.as_str()));
        }
        if let Some(done) = &self.done {
            body = body.push(strong(done.as_str()));
        }
        page(body)
    }

    fn open_form(&self, may: bool) -> Element<'_, Message> {
        let mut c = Column::new().spacing(space::S);
        c = c.push(muted("สัญญานี้ยังไม่มีแฟ้มคดี"));
        if may {
            c = c.push(
                field("ศาล", COURT_ID, "เช่น ศาลจังหวัดลำพูน", &self.form.court, Message::Court)
                    .error(self.error_of(COURT_ID)),
            );
            c = c.push(field("ทนายความ/นิติกร", LAWYER_ID, "", &self.form.lawyer, Message::Lawyer));
            c = c.push(primary_button("เปิดแฟ้มคดี", (!self.busy).then_some(Message::OpenCase)));
        }
        section("แฟ้มคดีใหม่", vec![], c)
    }

    fn facts<'a>(&'a self, c: &'a Case, pending: Option<Pending>) -> Element<'a, Message> {
        let mut col_ = Column::new().spacing(space::S);
        col_ = col_.push(row![badge(c.status.to_string(), Tone::Warn)]);
        col_ = col_.push(fact("ศาล", c.court.as_str()));
        col_ = col_.push(fact("ทนายความ/นิติกร", c.lawyer.as_str()));
        col_ = col_.push(fact("คดีหมายเลขดำ", c.black_no.as_str()));
        col_ = col_.push(fact("คดีหมายเลขแดง", c.red_no.as_str()));
        if let Some(k) = c.claim {
            col_ = col_.push(strong(format!(
                "ทุนทรัพย์ที่ฟ้อง ณ วันที่ {}: {} บาท",
                format_long(k.as_of),
                k.total()
            )));
            for (what, amount) in k.workings() {
                col_ = col_
                    .push(muted(format!("{what}: {amount} บาท")).wrapping(Wrapping::WordOrGlyph));
            }
        }
        if let Some(j) = c.judgment_on {
            col_ = col_.push(muted(format!(
                "พิพากษาเมื่อ {} บังคับคดีได้ภายใน {} (ป.วิ.พ. มาตรา 274)",
                format_long(j),
                format_long(crate::domain::legal::prescription::enforcement(j).due)
            )));
        }
        if let Some(p) = pending {
            let over = p.days_over(self.session.today);
            let line = format!("ขั้นตอนที่ต้องทำ: {} ภายใน {}", p.step, format_long(p.due));
            col_ = col_.push(
                row![
                    muted(line),
                    badge(
                        if over > 0 {
                            format!("เกินกำหนด {over} วัน")
                        } else {
                            "ตามกำหนด".into()
                        },
                        if over > 0 { Tone::Bad } else { Tone::Quiet }
                    )
                ]
                .spacing(space::S),
            );
        }
        section("ข้อมูลคดี", vec![], col_)
    }

    fn file_form(&self) -> Element<'_, Message> {
        let c = Column::new()
            .spacing(space::S)
            .push(muted("ทุนทรัพย์คำนวณจากยอดหนี้ ณ วันยื่นฟ้อง และการยื่นฟ้องทำให้อายุความสะดุดหยุดลง"))
            .push(
                field(
                    "วันที่ยื่นฟ้อง",
                    FILED_ID,
                    "เช่น 20/11/2568",
                    &self.form.filed_on,
                    Message::FiledOn,
                )
                .error(self.error_of(FILED_ID)),
            )
            .push(
                field(
                    "คดีหมายเลขดำ",
                    BLACK_ID,
                    "เช่น ผบ.123/2568",
                    &self.form.black_no,
                    Message::BlackNo,
                )
                .error(self.error_of(BLACK_ID)),
            )
            .push(primary_button("บันทึกการยื่นฟ้อง", (!self.busy).then_some(Message::File)));
        section("ยื่นฟ้อง", vec![], c)
    }

    fn timeline<'a>(&'a self, events: &'a [Event]) -> Element<'a, Message> {
        let cols = [col("วันที่", 3), col("รายการ", 4), col("จำนวนเงิน", 3), col("รายละเอียด", 8)];
        let mut t = Column::new().push(table_header(&cols));
        for e in events {
            let amount = if e.amount.is_positive() { e.amount.to_string() } else { String::new() };
            let mut note = e.note.clone();
            if let Some(r) = &e.receipt_no {
                note = format!("{note} ใบเสร็จ {r}");
            }
            t = t.push(table_row(
                &cols,
                vec![
                    cell(format_short(e.on_date)).into(),
                    cell(e.kind.to_string()).into(),
                    cell(amount).into(),
                    cell(note).wrapping(Wrapping::WordOrGlyph).into(),
                ],
            ));
        }
        if events.is_empty() {
            t = t.push(muted("ยังไม่มีรายการ"));
        }
        section("ลำดับเหตุการณ์", vec![], t)
    }

    fn event_form(&self) -> Element<'_, Message> {
        let c = Column::new()
            .spacing(space::S)
            .push(choices(EventKind::PLAIN, self.form.kind.as_ref(), Message::Kind))
            .push(
                field(
                    "วันที่",
                    EVENT_DATE_ID,
                    "เช่น 10/12/2568",
                    &self.form.event_date,
                    Message::EventDate,
                )
                .error(self.error_of(EVENT_DATE_ID)),
            )
            .push(field("รายละเอียด", NOTE_ID, "", &self.form.note, Message::Note))
            .push(primary_button("บันทึกรายการ", (!self.busy).then_some(Message::Record)));
        section("บันทึกนัดศาลหรือขั้นตอนบังคับคดี", vec![], c)
    }
}
