//! The letter register (ทะเบียนหนังสือส่ง) for a period: number, date, kind, recipient, amount and
//! reprints, with a reprint marked สำเนา under the same number. Where the copy goes is asked
//! first; the reprint is counted in the same transaction that writes the file, so a cancelled
//! dialog counts nothing.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use iced::widget::scrollable::Viewport;
use iced::widget::{Column, column, container, row};
use iced::{Element, Fill, Length, Task};

use crate::app::dialogs::{self, PDF};
use crate::app::export::{self, Exporter};
use crate::app::screen::letters::issue::view as letter_view;
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    ListWindow, beside_scrollbar, card, cell, col, error_banner, field, link, money, muted, num,
    secondary_button, table_header, table_row, title, virtual_list,
};
use crate::document::issue;
use crate::domain::letter::Kind;
use crate::domain::report::list::{self, Field};
use crate::domain::thai::date::{self, format_numeric, format_short};
use crate::store::StoreError;
use crate::store::letters::{self, Registered};

pub const FROM_ID: &str = "register-from";
pub const TO_ID: &str = "register-to";
const LIST_ID: &str = "register-list";

const COLS: [crate::app::widget::Col; 8] = [
    col("เลขที่", 4),
    col("ลงวันที่", 3),
    col("ประเภท (ขั้น)", 6),
    col("สัญญาเลขที่", 4),
    col("ผู้รับ", 6),
    num("จำนวนเงิน", 3),
    num("พิมพ์ซ้ำ", 2),
    col("", 3),
];

/// The register's columns as they go to Excel (the last, a link, is not data).
pub const EXPORT: [Field<Registered>; 7] = [
    Field::text("เลขที่", |r| list::text(&r.number)),
    Field::date("ลงวันที่", |r| list::date(r.issued_on)),
    Field::text("ประเภท (ขั้น)", |r| list::text(kind_name(r))),
    Field::text("สัญญาเลขที่", |r| {
        list::text(r.contract_no.as_deref().unwrap_or("—"))
    }),
    Field::text("ผู้รับ", |r| list::text(&r.recipient_name)),
    Field::money("จำนวนเงิน", |r| list::money(r.total)),
    Field::count("พิมพ์ซ้ำ", |r| list::count(r.reprints)),
];

fn kind_name(r: &Registered) -> String {
    Kind::from_code(&r.kind).map(|k| k.to_string()).unwrap_or_else(|| r.kind.clone())
}

#[derive(Debug, Clone)]
pub enum Message {
    FromChanged(String),
    ToChanged(String),
    Loaded(Result<Vec<Registered>, StoreError>),
    Scrolled(Viewport),
    Reprint(String),
    ReprintTo(String, Option<PathBuf>),
    Reprinted(Result<PathBuf, StoreError>),
    OpenFile,
    Open(Destination),
    Export,
    Exported(export::Message),
}

pub struct LetterRegister {
    session: Session,
    pub from_input: String,
    pub to_input: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Each date's error under its own field.
    pub from_error: Option<String>,
    pub to_error: Option<String>,
    pub rows: Option<Vec<Registered>>,
    pub window: ListWindow,
    pub saved: Option<PathBuf>,
    pub error: Option<String>,
    /// Why a copy could not be written (on the list's own line, beside the rows' "พิมพ์สำเนา")
    /// or opened (under "เปิดไฟล์"); never only at the top (issue 17 §B9).
    pub reprint_error: Option<String>,
    pub open_error: Option<String>,
    pub exporter: Exporter,
}

impl LetterRegister {
    /// Opens on this year's register (numbers run per Buddhist year, which starts with January).
    pub fn new(session: Session) -> (LetterRegister, Task<Message>) {
        let to = session.today;
        let from = NaiveDate::from_ymd_opt(to.year(), 1, 1).unwrap_or(to);
        let screen = LetterRegister {
            session,
            from_input: format_numeric(from),
            to_input: format_numeric(to),
            from,
            to,
            from_error: None,
            to_error: None,
            rows: None,
            window: ListWindow::default(),
            saved: None,
            reprint_error: None,
            open_error: None,
            error: None,
            exporter: Exporter::default(),
        };
        let task = screen.load();
        (screen, task)
    }

    fn load(&self) -> Task<Message> {
        let (from, to) = (self.from, self.to);
        read(&self.session.reader, move |conn| letters::between(conn, from, to), Message::Loaded)
    }

    fn dates_changed(&mut self) -> Action<Message> {
        let from = date::parse(&self.from_input);
        let to = date::parse(&self.to_input);
        self.from_error = from.as_ref().err().map(ToString::to_string);
        self.to_error = to.as_ref().err().map(ToString::to_string);
        match (from, to) {
            (Ok(from), Ok(to)) if from <= to => {
                (self.from, self.to) = (from, to);
                Action::Run(self.load())
            }
            (Ok(_), Ok(_)) => {
                self.from_error = Some("วันเริ่มต้องไม่อยู่หลังวันสิ้นสุด".into());
                Action::None
            }
            _ => Action::None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::FromChanged(input) => {
                self.from_input = input;
                self.dates_changed()
            }
            Message::ToChanged(input) => {
                self.to_input = input;
                self.dates_changed()
            }
            Message::Loaded(Ok(rows)) => {
                self.rows = Some(rows);
                Action::None
            }
            Message::Scrolled(viewport) => {
                self.window = ListWindow::from_viewport(viewport);
                Action::None
            }
            Message::Reprint(number) => {
                let name = format!("สำเนา {}.pdf", dialogs::safe_file_name(&number));
                let pending =
                    self.session.dialogs.save_file("บันทึกสำเนาหนังสือเป็นไฟล์ PDF", &name, PDF);
                Action::Run(Task::perform(pending, move |to| Message::ReprintTo(number, to)))
            }
            Message::ReprintTo(_, None) => Action::None,
            Message::ReprintTo(number, Some(path)) => {
                let actor = self.session.actor();
                Action::Run(write(
                    &self.session.store,
                    move |tx| dialogs::write_in_store(path, &issue::reprint(tx, &actor, &number)?),
                    Message::Reprinted,
                ))
            }
            Message::Reprinted(Ok(path)) => {
                self.saved = Some(path);
                self.reprint_error = None;
                self.open_error = None;
                Action::Run(self.load())
            }
            Message::Reprinted(Err(e)) => {
                self.reprint_error = Some(format!("พิมพ์สำเนาไม่ได้: {e}"));
                Action::None
            }
            Message::OpenFile => {
                let dialogs = self.session.dialogs.as_ref();
                self.open_error = dialogs::open_saved(dialogs, self.saved.as_deref());
                Action::None
            }
            Message::Open(d) => Action::Open(d),
            Message::Export => {
                let Some(rows) = &self.rows else { return Action::None };
                let period =
                    format!("ตั้งแต่วันที่ {} ถึง {}", format_numeric(self.from), format_numeric(self.to));
                let table = list::table("ทะเบียนหนังสือส่ง", vec![period], &EXPORT, rows);
                let dialogs = self.session.dialogs.clone();
                Action::Run(self.exporter.start(&dialogs, table).map(Message::Exported))
            }
            Message::Exported(m) => Action::Run(
                self.exporter.update(m, self.session.dialogs.as_ref()).map(Message::Exported),
            ),
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let header = row![
            title("ทะเบียนหนังสือส่ง").width(Fill),
            secondary_button(
                export::LABEL,
                (self.rows.as_ref().is_some_and(|r| !r.is_empty()) && !self.exporter.busy())
                    .then_some(Message::Export),
            ),
            secondary_button("ออกหนังสือทั้งชุด", Some(Message::Open(Destination::LettersBatch))),
        ]
        .spacing(space::M)
        .align_y(iced::Center);
        let period = row![
            field("ตั้งแต่วันที่", FROM_ID, "วว/ดด/ปปปป", &self.from_input, Message::FromChanged)
                .error(self.from_error.as_deref())
                .width(dim::FIELD / 2.0),
            field("ถึงวันที่", TO_ID, "วว/ดด/ปปปป", &self.to_input, Message::ToChanged)
                .error(self.to_error.as_deref())
                .width(dim::FIELD / 2.0),
        ]
        .spacing(space::L);
        let mut content = Column::new().spacing(space::L).push(header).push(period);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(path) = &self.saved {
            let note = dialogs::where_saved(self.session.dialogs.as_ref(), path);
            let error = self.open_error.as_deref();
            content =
                content.push(letter_view::saved("บันทึกสำเนาแล้ว", note, Message::OpenFile, error));
        }
        if let Some(status) = self.exporter.view() {
            content = content.push(status.map(Message::Exported));
        }
        content = content.push(self.view_list());
        container(content).padding(space::XL).height(Fill).into()
    }

    fn view_list(&self) -> Element<'_, Message> {
        let Some(rows) = &self.rows else {
            return card(muted("กำลังเปิดทะเบียน…"));
        };
        if rows.is_empty() {
            return card(muted("ไม่มีหนังสือที่ออกในช่วงวันที่นี้"));
        }
        let list = virtual_list(
            LIST_ID,
            rows.len(),
            self.window,
            |i| {
                let r = &rows[i];
                let kind = kind_name(r);
                crate::app::widget::striped(
                    i,
                    table_row(
                        &COLS,
                        vec![
                            cell(&r.number).into(),
                            cell(format_short(r.issued_on)).into(),
                            cell(kind).into(),
                            match (r.loan_id, &r.contract_no) {
                                (Some(id), Some(no)) => {
                                    link(no, Message::Open(Destination::Loan(id)))
                                }
                                _ => cell("—").into(),
                            },
                            match r.person_id {
                                Some(id) => {
                                    link(&r.recipient_name, Message::Open(Destination::Member(id)))
                                }
                                None => cell(&r.recipient_name).into(),
                            },
                            money(r.total).into(),
                            cell(r.reprints.to_string()).align_x(iced::Right).width(Fill).into(),
                            link("พิมพ์สำเนา", Message::Reprint(r.number.clone())),
                        ],
                    ),
                )
            },
            Message::Scrolled,
        );
        let count =
            muted(format!("{} ฉบับ", crate::app::screen::home::thousands(rows.len() as i64)));
        let mut count = row![count].spacing(space::L);
        if let Some(e) = &self.reprint_error {
            count = count.push(crate::app::widget::error_text(e.as_str()));
        }
        container(column![count, beside_scrollbar(table_header(&COLS)), list].spacing(space::S))
            .padding(space::L)
            .style(crate::app::theme::boxes::card)
            .height(Length::Fill)
            .width(Fill)
            .into()
    }
}
