//! The member file: personal data (the national id masked to its last four digits unless the user
//! asks to see it, and that look is logged), grade, loans, loans they guarantee, payment history.

use iced::widget::{Column, column, row};
use iced::{Element, Task};

use crate::app::screen::debtors::household::loan_cells;
use crate::app::screen::debtors::loan::{dpd_text, status_badge};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, body, cell, clickable, col, error_banner, fact, link, money, muted, num, page,
    secondary_button, section, table_header, table_row, title,
};
use crate::domain::NationalId;
use crate::domain::person::format_phone;
use crate::domain::privacy::consent::{NoticeWay, Purpose};
use crate::domain::role::Permission;
use crate::domain::thai::date::{format_long, format_short};
use crate::store::ledger::{self, PaymentRecord};
use crate::store::loans::{self, Loan};
use crate::store::persons::{self, Person};
use crate::store::privacy::consent;
use crate::store::{Result, StoreError};

/// The member file shows this many latest payments.
pub const HISTORY_LIMIT: usize = 200;

#[derive(Debug, Clone)]
pub struct Data {
    pub person: Person,
    pub loans: Vec<Loan>,
    pub guarantees: Vec<Loan>,
    pub payments: Vec<PaymentRecord>,
    /// The privacy notice's deliveries and the consents (PDPA).
    pub pdpa: crate::store::privacy::consent::Records,
}

pub fn load(conn: &rusqlite::Connection, id: i64) -> Result<Data> {
    Ok(Data {
        person: persons::get(conn, id)?,
        loans: loans::of_borrower(conn, id)?,
        guarantees: loans::guaranteed_by(conn, id)?,
        payments: ledger::payments_of_borrower(conn, id, HISTORY_LIMIT)?,
        pdpa: consent::of_person(conn, id)?,
    })
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    RevealId,
    Revealed(Result<Option<NationalId>, StoreError>),
    HideId,
    Open(Destination),
    Print(crate::app::print::Printable),
    Printing(crate::app::print::Message),
    /// Records today that the privacy notice reached the member this way.
    RecordNotice(NoticeWay),
    /// Records today a consent given (true) or withdrawn (false).
    RecordConsent(Purpose, bool),
    PdpaRecorded(Result<consent::Records, StoreError>),
}

pub struct MemberFile {
    session: Session,
    pub id: i64,
    pub data: Option<Data>,
    /// The full id, once the user asked to see it (the viewing is in the audit log).
    pub revealed: Option<NationalId>,
    pub error: Option<String>,
    pub printer: crate::app::print::Printer,
}

impl MemberFile {
    pub fn new(session: Session, id: i64) -> (MemberFile, Task<Message>) {
        let task = read(&session.store, move |conn| load(conn, id).map(Box::new), Message::Loaded);
        let printer = crate::app::print::Printer::default();
        (MemberFile { session, id, data: None, revealed: None, error: None, printer }, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(data)) => {
                self.data = Some(*data);
                Action::None
            }
            Message::RevealId => {
                let (id, actor) = (self.id, self.session.actor());
                Action::Run(write(
                    &self.session.store,
                    move |tx| persons::reveal_national_id(tx, &actor, id),
                    Message::Revealed,
                ))
            }
            Message::Revealed(Ok(id)) => {
                self.revealed = id;
                Action::None
            }
            Message::HideId => {
                self.revealed = None;
                Action::None
            }
            Message::Open(d) => Action::Open(d),
            Message::Print(p) => {
                Action::Run(self.printer.start(&self.session.dialogs, p).map(Message::Printing))
            }
            Message::Printing(m) => {
                Action::Run(self.printer.update(m, &self.session).map(Message::Printing))
            }
            Message::RecordNotice(how) => {
                let (id, actor, today) = (self.id, self.session.actor(), self.session.today);
                Action::Run(write(
                    &self.session.store,
                    move |tx| {
                        consent::record_notice(tx, &actor, id, how, today, today)?;
                        consent::of_person(tx, id)
                    },
                    Message::PdpaRecorded,
                ))
            }
            Message::RecordConsent(purpose, given) => {
                let (id, actor, today) = (self.id, self.session.actor(), self.session.today);
                Action::Run(write(
                    &self.session.store,
                    move |tx| {
                        consent::record_consent(tx, &actor, id, purpose, given, today, today)?;
                        consent::of_person(tx, id)
                    },
                    Message::PdpaRecorded,
                ))
            }
            Message::PdpaRecorded(Ok(records)) => {
                self.error = None;
                if let Some(d) = &mut self.data {
                    d.pdpa = records;
                }
                Action::None
            }
            Message::Loaded(Err(e)) | Message::Revealed(Err(e)) | Message::PdpaRecorded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(data) = &self.data else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังเปิดแฟ้มสมาชิก…").into(),
            });
        };
        let p = &data.person;
        let mut flags = row![title(p.full_name())].spacing(space::M).align_y(iced::Center);
        flags = flags.push(badge(format!("ชั้น {}", p.grade), grade_tone(p.grade)));
        if !p.grade_reason.is_empty() {
            flags = flags.push(muted(&p.grade_reason));
        }
        if p.deceased {
            flags = flags.push(badge("เสียชีวิต", Tone::Bad));
        }
        if p.moved_away {
            flags = flags.push(badge("ย้ายออก", Tone::Warn));
        }
        if !p.contactable {
            flags = flags.push(badge("ติดต่อไม่ได้", Tone::Warn));
        }
        if self.session.may(Permission::PrintLetters) {
            let document = crate::app::print::Printable::MemberCertification { person_id: self.id };
            flags = flags
                .push(iced::widget::space().width(iced::Fill))
                .push(secondary_button(document.label(), Some(Message::Print(document))));
        }
        let mut content = Column::new().spacing(space::L).push(flags);
        if self.session.may(Permission::PrintLetters) {
            // Under the print button, on a line kept for it (issue 17 §B9).
            content = content.push(
                iced::widget::container(self.printer.view().map(Message::Printing))
                    .align_right(iced::Fill),
            );
        }
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        content = content.push(self.view_personal(p));
        content = content
            .push(super::member_pdpa::view(&data.pdpa, self.session.may(Permission::KeepFiles)));
        content = content.push(self.view_loans(data));
        content = content.push(self.view_guarantees(data));
        content = content.push(self.view_payments(data));
        page(content)
    }

    fn view_personal<'a>(&'a self, p: &'a Person) -> Element<'a, Message> {
        let id_row: Element<'_, Message> = match (&self.revealed, &p.national_id) {
            (Some(full), _) => row![
                body(full.formatted()).width(iced::Fill),
                secondary_button("ซ่อน", Some(Message::HideId)),
            ]
            .spacing(space::M)
            .align_y(iced::Center)
            .into(),
            (None, Some(_)) => row![
                body(p.masked_id()).width(iced::Fill),
                muted("การดูเลขเต็มจะถูกบันทึกไว้"),
                secondary_button("แสดงเลขเต็ม", Some(Message::RevealId)),
            ]
            .spacing(space::M)
            .align_y(iced::Center)
            .into(),
            (None, None) => body("ไม่ได้บันทึก").into(),
        };
        let facts = column![
            row![muted("เลขประจำตัวประชาชน").width(crate::app::theme::dim::LABEL), id_row]
                .spacing(space::S)
                .align_y(iced::Center),
            fact("วันเกิด", p.birth_date.map(format_long).unwrap_or_else(|| "-".into())),
            fact("โทรศัพท์", if p.phone.is_empty() { "-".into() } else { format_phone(&p.phone) }),
            row![
                muted("ที่อยู่").width(crate::app::theme::dim::LABEL),
                body(p.address.one_line()).width(iced::Fill),
                link("เปิดแฟ้มครัวเรือน", Message::Open(Destination::Household(p.household_id))),
            ]
            .spacing(space::S)
            .align_y(iced::Center),
            fact(
                "ความยินยอม (PDPA)",
                p.pdpa_consent_on
                    .map(|d| format!("ให้ความยินยอมเมื่อ {}", format_long(d)))
                    .unwrap_or_else(|| "ยังไม่ได้บันทึก".into()),
            ),
        ]
        .spacing(space::XS);
        let mut buttons = Vec::new();
        if self.session.may(Permission::KeepFiles) {
            buttons.push(secondary_button(
                "รับเรื่องร้องเรียน",
                Some(Message::Open(Destination::NewComplaint { person_id: Some(self.id) })),
            ));
            buttons.push(secondary_button(
                "แก้ไข",
                Some(Message::Open(Destination::EditMember(self.id))),
            ));
        }
        section("ข้อมูลส่วนบุคคล", buttons, facts)
    }

    fn view_loans<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let cols = [
            col("เลขที่สัญญา", 4),
            col("กองทุน", 4),
            col("วันเริ่มสัญญา", 3),
            col("สถานะ", 3),
            num("เงินต้น", 3),
            num("คงเหลือ", 3),
            num("ค้าง (วัน)", 2),
            col("", 3),
        ];
        let may_print = self.session.may(Permission::PrintLetters);
        let mut table = Column::new().push(table_header(&cols));
        for loan in &data.loans {
            // The extra column: issue a letter about this loan without opening its file first.
            let letter: Element<'_, Message> = if may_print && loan.status.is_open() {
                link("ออกหนังสือ", Message::Open(Destination::Letter { loan_id: loan.id }))
            } else {
                body("").into()
            };
            let cells = loan_cells(&cols, loan, self.session.today, format_short(loan.start))
                .push(iced::widget::container(letter).width(iced::FillPortion(3)));
            table = table.push(clickable(cells, Message::Open(Destination::Loan(loan.id)), false));
        }
        if data.loans.is_empty() {
            table = table.push(muted("ยังไม่มีสัญญาเงินกู้"));
        }
        let may_lend = self.session.may(Permission::KeepFiles) && !data.person.deceased;
        let add = may_lend.then(|| {
            secondary_button(
                "ทำสัญญาเงินกู้ใหม่",
                Some(Message::Open(Destination::NewLoan { borrower_id: self.id })),
            )
        });
        section("สัญญาเงินกู้", add.into_iter().collect(), table)
    }

    fn view_guarantees<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let today = self.session.today;
        let cols = [
            col("เลขที่สัญญา", 4),
            col("ผู้กู้", 4),
            col("สถานะ", 3),
            num("คงเหลือ", 3),
            num("ค้าง (วัน)", 2),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for loan in &data.guarantees {
            table = table.push(clickable(
                table_row(
                    &cols,
                    vec![
                        cell(&loan.contract_no).into(),
                        cell(&loan.borrower_name).into(),
                        status_badge(loan, today),
                        money(loan.outstanding).into(),
                        dpd_text(loan.days_past_due(today)).into(),
                    ],
                ),
                Message::Open(Destination::Loan(loan.id)),
                false,
            ));
        }
        if data.guarantees.is_empty() {
            table = table.push(muted("ไม่ได้ค้ำประกันสัญญาใด"));
        }
        section("สัญญาที่ค้ำประกัน", vec![], table)
    }

    fn view_payments<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let cols = [
            col("วันที่", 2),
            col("ใบเสร็จเลขที่", 3),
            col("เลขที่สัญญา", 3),
            col("ช่องทาง", 2),
            num("จำนวนเงิน", 3),
            col("หมายเหตุ", 3),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for p in &data.payments {
            let contract = data
                .loans
                .iter()
                .find(|l| l.id == p.loan_id)
                .map(|l| l.contract_no.as_str())
                .unwrap_or("-");
            let note: Element<'_, Message> = match &p.reversal {
                Some(_) => badge("ยกเลิกแล้ว", Tone::Bad),
                None => body("").into(),
            };
            table = table.push(clickable(
                table_row(
                    &cols,
                    vec![
                        cell(format_short(p.paid_on)).into(),
                        cell(&p.receipt_no).into(),
                        cell(contract).into(),
                        cell(p.channel.to_string()).into(),
                        money(p.amount).into(),
                        note,
                    ],
                ),
                Message::Open(Destination::Loan(p.loan_id)),
                false,
            ));
        }
        if data.payments.is_empty() {
            table = table.push(muted("ยังไม่มีการรับชำระ"));
        } else if data.payments.len() == HISTORY_LIMIT {
            table = table.push(muted("แสดงเฉพาะรายการล่าสุด ดูทั้งหมดได้ในแฟ้มสัญญาแต่ละฉบับ"));
        }
        section("ประวัติการชำระเงิน", vec![], table)
    }
}

pub fn grade_tone(grade: crate::domain::person::Grade) -> Tone {
    use crate::domain::person::Grade;
    match grade {
        Grade::A => Tone::Good,
        Grade::B => Tone::Quiet,
        Grade::C => Tone::Warn,
        Grade::D => Tone::Bad,
    }
}
