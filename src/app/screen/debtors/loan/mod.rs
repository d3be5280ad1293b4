//! The loan file: terms, guarantors, collateral, the schedule coloured by what the statement says of
//! each installment (paid, partial, overdue, due, future), the payments with their allocation, and
//! the statement with the payoff as of today or any date. A treasurer may reverse a payment here,
//! with a reason; the original stays on record, shown as reversed.

use chrono::NaiveDate;
use iced::widget::scrollable::Viewport;
use iced::widget::{Column, column, container, row};
use iced::{Element, Fill, Task};

use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{Tone, dim, space, texts};
use crate::app::widget::{
    self, ListWindow, badge, cell, col, error_banner, error_text, fact, field, link, money, muted,
    num, page, page_with_id, primary_button, secondary_button, section, strong, table_header,
    table_row, title,
};
use crate::domain::Satang;
use crate::domain::loan::LoanStatus;
use crate::domain::role::Permission;
use crate::domain::statement::{Part, Slice, Statement};
use crate::domain::thai::date::{self, format_long, format_numeric, format_short};
use crate::store::ledger::{self, PaymentRecord};
use crate::store::loans::{self, Collateral, Loan, Party};
use crate::store::{Result, StoreError};

pub const AS_OF_ID: &str = "loan-as-of";
pub const REASON_ID: &str = "loan-reverse-reason";
const SCHEDULE_ID: &str = "loan-schedule";
mod export;
pub mod guard;
mod tables;
pub mod termination;
pub mod write_off;

const PAGE_ID: &str = "loan-page";
/// The schedule shows this many rows at once and scrolls for the rest.
const SCHEDULE_ROWS: usize = 12;

#[derive(Debug, Clone)]
pub struct Data {
    pub loan: Loan,
    pub parties: Vec<Party>,
    pub collateral: Vec<Collateral>,
    pub statement: Statement,
    pub payments: Vec<PaymentRecord>,
    /// Tranches and per-fund splits of a consolidated contract; the plan that made the loan.
    pub extra: crate::app::screen::debtors::loan_contract::Extra,
    /// What is due and what closes the loan today, whatever date the statement below is
    /// looked at (issue 17 §18: the figures an officer reads out at the counter).
    pub due_today: Satang,
    pub payoff_today: Satang,
    /// The residue write-off offered today, if the loan qualifies, and the file's history of
    /// write-offs; also the arrears tolerance the statement's badges are judged by.
    pub write_off: Box<write_off::Info>,
    /// The contract's termination (บอกเลิกสัญญา): where it stands, whether one may be prepared.
    pub termination: Box<termination::Info>,
    /// The contract as first made and the book's position, for a loan brought in from an
    /// office's books (the loan row holds the position from the cut-over on).
    pub opening: Option<crate::store::import::Opening>,
    /// The proposal waiting on the loan and the hold running today: the transfer and
    /// restructuring buttons are disabled with the reason when either is there.
    pub pending: Option<String>,
    pub hold: Option<String>,
}

pub fn load(
    conn: &rusqlite::Connection,
    id: i64,
    as_of: NaiveDate,
    today: NaiveDate,
) -> Result<Data> {
    let loan = loans::get(conn, id)?;
    let statement = loans::statement(conn, &loan, as_of)?;
    let (due_today, payoff_today, termination) = if as_of == today {
        let t = termination::load(conn, &loan, &statement)?;
        (statement.due_now(), statement.payoff, t)
    } else {
        let now = loans::statement(conn, &loan, today)?;
        (now.due_now(), now.payoff, termination::load(conn, &loan, &now)?)
    };
    Ok(Data {
        termination: Box::new(termination),
        due_today,
        payoff_today,
        write_off: Box::new(write_off::load(conn, &loan, today)?),
        parties: loans::parties(conn, id)?,
        collateral: loans::collateral(conn, id)?,
        opening: crate::store::import::opening(conn, id)?,
        pending: crate::store::rejections::pending_on(conn, &[id])?,
        hold: crate::store::holds::reason_on(conn, id, today)?,
        statement,
        payments: ledger::payments(conn, id)?,
        extra: crate::app::screen::debtors::loan_contract::load(conn, &loan, as_of)?,
        loan,
    })
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    AsOfChanged(String),
    AsOfToday,
    StatementLoaded(NaiveDate, Result<Statement, StoreError>),
    ScheduleScrolled(Viewport),
    StartReversal(i64),
    ReasonChanged(String),
    ConfirmReversal,
    CancelReversal,
    Reversed(Result<Statement, StoreError>),
    Open(Destination),
    ReprintReceipt(String),
    ReceiptTo(String, Option<std::path::PathBuf>),
    ReceiptSaved(Result<std::path::PathBuf, StoreError>),
    OpenReceipt,
    Print(crate::app::print::Printable),
    Printing(crate::app::print::Message),
    ProposeWriteOff,
    WriteOffProposed(Result<i64, StoreError>),
    Termination(termination::Msg),
    /// A termination step saved: what to tell the user.
    TerminationDone(Result<String, StoreError>),
    ExportSchedule,
    ExportPayments,
    Exported(crate::app::export::Message),
}

/// A reversal being prepared: which payment, why, and what went wrong.
#[derive(Debug, Clone, Default)]
pub struct Reversal {
    pub payment_id: i64,
    pub reason: String,
    pub error: Option<String>,
    pub busy: bool,
}

pub struct LoanFile {
    session: Session,
    pub id: i64,
    pub data: Option<Data>,
    pub as_of_input: String,
    pub as_of: NaiveDate,
    pub as_of_error: Option<String>,
    pub schedule_window: ListWindow,
    pub reversal: Option<Reversal>,
    pub error: Option<String>,
    /// A receipt copy saved from the payments list, to open.
    pub receipt_saved: Option<std::path::PathBuf>,
    /// Why the receipt copy could not be saved or opened: shown under the payments, beside the
    /// button that caused it (issue 17 §B9).
    pub receipt_error: Option<String>,
    /// The write-off just proposed from this file (its number), and a proposal in flight.
    pub write_off_proposed: Option<i64>,
    pub proposing: bool,
    pub termination: termination::Form,
    pub exporter: crate::app::export::Exporter,
    pub export_of: export::Which,
    pub printer: crate::app::print::Printer,
}

impl LoanFile {
    pub fn new(session: Session, id: i64) -> (LoanFile, Task<Message>) {
        let as_of = session.today;
        let task = read(
            &session.store,
            move |conn| load(conn, id, as_of, as_of).map(Box::new),
            Message::Loaded,
        );
        let file = LoanFile {
            session,
            id,
            data: None,
            as_of_input: format_numeric(as_of),
            as_of,
            as_of_error: None,
            schedule_window: ListWindow::default(),
            reversal: None,
            error: None,
            receipt_saved: None,
            receipt_error: None,
            write_off_proposed: None,
            proposing: false,
            termination: termination::Form::default(),
            exporter: export::exporter(),
            export_of: export::Which::default(),
            printer: crate::app::print::Printer::default(),
        };
        (file, task)
    }

    fn reload(&self) -> Task<Message> {
        let (id, as_of, today) = (self.id, self.as_of, self.session.today);
        read(
            &self.session.store,
            move |conn| load(conn, id, as_of, today).map(Box::new),
            Message::Loaded,
        )
    }

    fn load_statement(&self, as_of: NaiveDate) -> Task<Message> {
        let id = self.id;
        read(
            &self.session.store,
            move |conn| {
                let loan = loans::get(conn, id)?;
                loans::statement(conn, &loan, as_of)
            },
            move |r| Message::StatementLoaded(as_of, r),
        )
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(data)) => {
                self.data = Some(*data);
                self.error = None;
                Action::None
            }
            Message::AsOfChanged(input) => {
                let parsed = date::parse(&input);
                self.as_of_input = input;
                match parsed {
                    Ok(d) => {
                        self.as_of_error = None;
                        self.as_of = d;
                        Action::Run(self.load_statement(d))
                    }
                    Err(e) => {
                        self.as_of_error = Some(e.to_string());
                        Action::None
                    }
                }
            }
            Message::AsOfToday => {
                self.update(Message::AsOfChanged(format_numeric(self.session.today)))
            }
            Message::StatementLoaded(as_of, result) => {
                if as_of != self.as_of {
                    return Action::None;
                }
                match (result, &mut self.data) {
                    (Ok(statement), Some(data)) => data.statement = statement,
                    (Err(e), _) => self.as_of_error = Some(e.to_string()),
                    (Ok(_), None) => {}
                }
                Action::None
            }
            Message::ScheduleScrolled(viewport) => {
                self.schedule_window = ListWindow::from_viewport(viewport);
                Action::None
            }
            Message::StartReversal(payment_id) => {
                if !self.session.may(Permission::ReversePayment) {
                    return Action::None;
                }
                self.reversal = Some(Reversal { payment_id, ..Reversal::default() });
                // Payments are the last section: bring the reason field into view.
                Action::Run(Task::batch([
                    iced::widget::operation::snap_to_end(PAGE_ID),
                    iced::widget::operation::focus(REASON_ID),
                ]))
            }
            Message::ReasonChanged(reason) => {
                if let Some(r) = &mut self.reversal {
                    r.reason = reason;
                    r.error = None;
                }
                Action::None
            }
            Message::ConfirmReversal => {
                let Some(r) = &mut self.reversal else {
                    return Action::None;
                };
                if r.busy {
                    return Action::None;
                }
                if r.reason.trim().is_empty() {
                    r.error = Some("กรุณาระบุเหตุผลของการยกเลิก".into());
                    return Action::None;
                }
                r.busy = true;
                let (payment_id, reason, actor) =
                    (r.payment_id, r.reason.clone(), self.session.actor());
                Action::Run(write(
                    &self.session.store,
                    move |tx| ledger::reverse(tx, &actor, payment_id, &reason),
                    Message::Reversed,
                ))
            }
            Message::CancelReversal => {
                self.reversal = None;
                Action::None
            }
            Message::Reversed(Ok(_)) => {
                self.reversal = None;
                Action::Run(self.reload())
            }
            Message::Reversed(Err(e)) => {
                if let Some(r) = &mut self.reversal {
                    r.busy = false;
                    r.error = Some(e.to_string());
                }
                Action::None
            }
            Message::Open(d) => Action::Open(d),
            Message::Print(p) => {
                Action::Run(self.printer.start(&self.session.dialogs, p).map(Message::Printing))
            }
            Message::Printing(m) => {
                Action::Run(self.printer.update(m, &self.session).map(Message::Printing))
            }
            Message::ReprintReceipt(no) => {
                let name = format!("ใบเสร็จ {}.pdf", crate::app::dialogs::safe_file_name(&no));
                let pending = self.session.dialogs.save_file(
                    "บันทึกสำเนาใบเสร็จเป็นไฟล์ PDF",
                    &name,
                    crate::app::dialogs::PDF,
                );
                Action::Run(Task::perform(pending, move |to| Message::ReceiptTo(no, to)))
            }
            Message::ReceiptTo(_, None) => Action::None,
            Message::ReceiptTo(no, Some(path)) => Action::Run(read(
                &self.session.store,
                move |conn| {
                    let pdf = crate::document::issue::receipt(conn, &no, true)?;
                    crate::app::dialogs::write_in_store(path, &pdf)
                },
                Message::ReceiptSaved,
            )),
            Message::ReceiptSaved(Ok(path)) => {
                self.receipt_saved = Some(path);
                self.receipt_error = None;
                Action::None
            }
            Message::OpenReceipt => {
                let (dialogs, path) =
                    (self.session.dialogs.as_ref(), self.receipt_saved.as_deref());
                self.receipt_error = crate::app::dialogs::open_saved(dialogs, path);
                Action::None
            }
            Message::ProposeWriteOff => {
                let offered = self.data.as_ref().is_some_and(|d| d.write_off.offer().is_some());
                if self.proposing || !offered || !self.session.may(Permission::Prepare) {
                    return Action::None;
                }
                self.proposing = true;
                let (id, actor, today) = (self.id, self.session.actor(), self.session.today);
                Action::Run(write(
                    &self.session.store,
                    move |tx| crate::store::write_offs::propose(tx, &actor, id, today),
                    Message::WriteOffProposed,
                ))
            }
            Message::WriteOffProposed(result) => {
                self.proposing = false;
                match result {
                    Ok(n) => {
                        self.write_off_proposed = Some(n);
                        self.error = None;
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
                Action::Run(self.reload())
            }
            Message::Termination(msg) => self.update_termination(msg),
            Message::TerminationDone(result) => {
                self.termination.busy = false;
                match result {
                    Ok(done) => {
                        self.termination =
                            termination::Form { done: Some(done), ..termination::Form::default() };
                    }
                    Err(e) => self.termination.error = Some(e.to_string()),
                }
                Action::Run(self.reload())
            }
            Message::ExportSchedule => Action::Run(self.export(export::Which::Schedule)),
            Message::ExportPayments => Action::Run(self.export(export::Which::Payments)),
            Message::Exported(m) => Action::Run(
                self.exporter.update(m, self.session.dialogs.as_ref()).map(Message::Exported),
            ),
            Message::ReceiptSaved(Err(e)) => {
                self.receipt_error = Some(e.to_string());
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
        }
    }

    fn update_termination(&mut self, msg: termination::Msg) -> Action<Message> {
        use termination::Msg;
        let Some(data) = &self.data else { return Action::None };
        let (id, actor, today) = (self.id, self.session.actor(), self.session.today);
        let live = data.termination.live.as_ref().map(|t| t.id);
        if self.termination.busy {
            return Action::None;
        }
        let task = match msg {
            Msg::Resolution(v) => {
                self.termination.resolution = v;
                self.termination.error = None;
                return Action::None;
            }
            Msg::UndoReason(v) => {
                self.termination.undo_reason = v;
                self.termination.error = None;
                return Action::None;
            }
            Msg::Prepare => write(
                &self.session.store,
                move |tx| {
                    let t = crate::store::terminations::prepare(tx, &actor, id, today, None)?;
                    Ok(format!(
                        "จัดทำบอกเลิกสัญญาแล้ว ลูกหนี้ต้องชำระภายใน {} พิมพ์หนังสือบอกเลิกสัญญาจาก \"ออกหนังสือ\"",
                        format_long(t.deadline_on)
                    ))
                },
                Message::TerminationDone,
            ),
            Msg::Approve => {
                let Some(t) = live else { return Action::None };
                let resolution = self.termination.resolution.clone();
                crate::app::screen::write_after_backup(
                    &self.session.store,
                    crate::domain::backup_due::Event::BeforeApproval,
                    move |tx| {
                        crate::store::terminations::approve(tx, &actor, t, &resolution, today)
                    },
                    |r| {
                        Message::TerminationDone(r.map(|(st, warning)| {
                            let mut s = format!(
                                "บอกเลิกสัญญาแล้ว เงินต้นถึงกำหนดทั้งหมด {} บาท ยอดปิดบัญชี {} บาท",
                                st.outstanding_principal, st.payoff
                            );
                            if let Some(w) = warning {
                                s.push_str(&format!(" (คำเตือน: {w})"));
                            }
                            s
                        }))
                    },
                )
            }
            Msg::Undo => {
                let Some(t) = live else { return Action::None };
                let reason = self.termination.undo_reason.clone();
                write(
                    &self.session.store,
                    move |tx| {
                        crate::store::terminations::undo(tx, &actor, t, &reason, "")?;
                        Ok("ยกเลิกการบอกเลิกสัญญาแล้ว ตารางผ่อนกลับเป็นตามสัญญา".to_string())
                    },
                    Message::TerminationDone,
                )
            }
        };
        self.termination.busy = true;
        self.termination.done = None;
        Action::Run(task)
    }

    /// Esc closes an open reversal first, then leaves the file.
    pub fn cancel(&mut self) -> Action<Message> {
        if self.reversal.take().is_some() { Action::None } else { Action::Back }
    }

    /// Why transfer and restructuring would be refused now, each `None` when allowed.
    fn refusals(&self, data: &Data) -> (Option<String>, Option<String>) {
        let loan = &data.loan;
        let in_arrears =
            crate::domain::arrears::assess(&data.statement, data.write_off.tolerance).in_arrears;
        let facts = guard::Facts {
            status: Some(loan.status),
            tranche: loan.tranche_of.is_some(),
            in_arrears,
            pending: data.pending.clone(),
            hold: data.hold.clone(),
            may_prepare: self.session.may(Permission::Prepare),
        };
        (guard::transfer(&facts), guard::restructure(&facts))
    }

    /// The line under the action buttons that says why some are off (blank when none is).
    pub fn guard_line(&self) -> String {
        let Some(data) = &self.data else { return String::new() };
        let (t, r) = self.refusals(data);
        guard::line(t.as_deref(), r.as_deref())
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(data) = &self.data else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังเปิดแฟ้มสัญญา…").into(),
            });
        };
        let loan = &data.loan;
        let may_pay = self.session.may(Permission::RecordPayment) && loan.status.is_open();
        // The title on its own line and the actions in a row that wraps: at 1024 wide the six
        // buttons of an open file in arrears do not fit beside the title (issue 11 §5).
        let header = row![
            title(format!("สัญญาเลขที่ {}", loan.contract_no)),
            status_badge(loan, self.session.today),
        ]
        .spacing(space::M)
        .align_y(iced::Center);
        // Due and payoff today, at the top where the officer looks first (issue 17 §18); the
        // statement further down follows the date typed there.
        let now = self.session.today;
        let today = row![
            muted("ต้องชำระวันนี้"),
            strong(format!("{} บาท", data.write_off.after(data.due_today, now))),
            muted("ยอดปิดบัญชีวันนี้"),
            strong(format!("{} บาท", data.write_off.after(data.payoff_today, now))),
        ]
        .spacing(space::S)
        .align_y(iced::Center);
        let mut actions: Vec<Element<'_, Message>> = vec![
            secondary_button("แฟ้มผู้กู้", Some(Message::Open(Destination::Member(loan.borrower_id)))),
            secondary_button(
                "แฟ้มครัวเรือน",
                Some(Message::Open(Destination::Household(loan.household_id))),
            ),
        ];
        if may_pay {
            actions.push(primary_button(
                "รับชำระ",
                Some(Message::Open(Destination::RecordPayment(loan.id))),
            ));
        }
        if self.session.may(Permission::PrintLetters) && loan.status.is_open() {
            actions.push(secondary_button(
                "ออกหนังสือ",
                Some(Message::Open(Destination::Letter { loan_id: loan.id })),
            ));
        }
        // The court case file (issue 13 §3): a consolidated contract's case is its contract's.
        if loan.status.is_open() && loan.tranche_of.is_none() {
            actions.push(secondary_button(
                "แฟ้มคดี",
                Some(Message::Open(Destination::Case { loan_id: loan.id })),
            ));
        }
        // The contact log (issue 12): a call or visit about this loan, in a few keystrokes.
        if loan.status.is_open() && self.session.may(Permission::KeepFiles) {
            actions.push(secondary_button(
                "บันทึกการติดตาม",
                Some(Message::Open(Destination::Contact { loan_id: loan.id })),
            ));
        }
        // โอนภาระหนี้ (issue 5) and restructuring (issue 6) are always shown; when the store would
        // refuse them they are disabled and the reason stands under the buttons (issue 17 §B7).
        let (no_transfer, no_restructure) = self.refusals(data);
        actions.push(secondary_button(
            "โอนภาระหนี้",
            no_transfer
                .is_none()
                .then_some(Message::Open(Destination::Transfer { loan_id: loan.id })),
        ));
        actions.push(secondary_button(
            "ปรับโครงสร้างหนี้",
            no_restructure
                .is_none()
                .then_some(Message::Open(Destination::Plan { loan_id: loan.id })),
        ));
        let guard_line = guard::line(no_transfer.as_deref(), no_restructure.as_deref());
        // ตัดยอดเศษสตางค์ (issue 11 §3): only when the loan qualifies today and nothing else waits.
        if let Some(label) = data.write_off.offer()
            && self.session.may(Permission::Prepare)
        {
            actions.push(secondary_button(
                label,
                (!self.proposing).then_some(Message::ProposeWriteOff),
            ));
        }
        let header = column![
            header,
            today,
            iced::widget::Row::with_children(actions).spacing(space::S).wrap(),
            muted(guard_line),
        ]
        .spacing(space::S);
        let mut content = Column::new().spacing(space::L).push(header);
        if self.session.may(Permission::PrintLetters) {
            let documents =
                crate::app::screen::debtors::loan_contract::printables(loan, &data.extra);
            if !documents.is_empty() {
                let buttons = iced::widget::Row::with_children(
                    documents
                        .into_iter()
                        .map(|p| secondary_button(p.label(), Some(Message::Print(p)))),
                )
                .spacing(space::S)
                .wrap();
                // What the print did, under its buttons on a line kept for it (issue 17 §B9).
                let status = self.printer.view().map(Message::Printing);
                content = content.push(column![buttons, status].spacing(space::XS));
            }
        }
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(n) = self.write_off_proposed {
            content = content.push(widget::notice_banner(format!(
                "เสนอตัดยอดเศษสตางค์ที่ {n} แล้ว รอเหรัญญิกหรือกรรมการอนุมัติ"
            )));
        }
        if let Some(t) = termination::view(
            &data.termination,
            &self.termination,
            &self.session,
            Message::Termination,
        ) {
            content = content.push(t);
        }
        if let Some(history) = write_off::view(&data.write_off) {
            content = content.push(history);
        }
        if let Some(plan) = &data.extra.plan {
            content = content.push(crate::app::screen::debtors::loan_contract::view_plan(plan));
        }
        if let Some(contract) = &data.extra.contract {
            content =
                content.push(crate::app::screen::debtors::loan_contract::view_contract(contract));
        }
        content = content
            .push(row![self.view_terms(data), self.view_statement(data)].spacing(space::L))
            .push(self.view_parties(data))
            .push(self.view_schedule(data))
            .push(self.view_payments(data));
        page_with_id(PAGE_ID, content)
    }

    fn view_terms<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let l = &data.loan;
        let end = data.statement.installments.last().map(|i| format_long(i.due_date));
        let mut facts = column![
            row![
                muted("ผู้กู้").width(dim::LABEL),
                link(&l.borrower_name, Message::Open(Destination::Member(l.borrower_id))),
            ]
            .spacing(space::S),
            fact("กองทุน", &l.fund_name),
            fact("เงินต้น", format!("{} บาท", l.principal)),
            fact("อัตราดอกเบี้ย", format!("ร้อยละ {} ต่อปี", l.rate.percent().normalize())),
            fact("วิธีคิดดอกเบี้ย", l.method.to_string()),
            fact(
                "การผ่อนชำระ",
                format!(
                    "{} {} งวด",
                    l.frequency.map(|f| f.to_string()).unwrap_or_else(|| "ตามวันที่กำหนด".into()),
                    l.periods
                ),
            ),
            fact("วันเริ่มสัญญา", format_long(l.start)),
            fact("งวดสุดท้าย", end.unwrap_or_else(|| "-".into())),
            fact("ดอกเบี้ยผิดนัด", format!("ร้อยละ {} ต่อปี", l.penalty_rate.percent().normalize())),
        ]
        .spacing(space::XS);
        if !l.purpose.is_empty() {
            facts = facts.push(fact("วัตถุประสงค์", &l.purpose));
        }
        if let Some(o) = &data.opening {
            facts = facts
                .push(fact(
                    "ยกมาจากสมุดเดิม",
                    format!("ณ {} เลขที่สัญญาเดิม {}", format_long(o.cut_over), o.office_contract_no),
                ))
                .push(fact(
                    "สัญญาเดิม",
                    format!(
                        "เงินกู้ {} บาท {} งวด เริ่ม {} ชำระแล้ว {} งวด",
                        o.original_principal,
                        o.original_periods,
                        format_long(o.original_start),
                        o.installments_paid
                    ),
                ));
            if let Some(d) = o.last_payment_on {
                facts = facts.push(fact("ชำระครั้งล่าสุด (สมุดเดิม)", format_long(d)));
            }
            if let Some(d) = o.last_acknowledged_on {
                facts = facts.push(fact("รับสภาพหนี้ล่าสุด", format_long(d)));
            }
        }
        if let Some(closed) = l.closed_on {
            facts = facts.push(fact("ปิดบัญชีเมื่อ", format_long(closed)));
        }
        if let Some(into) = l.consolidated_into {
            facts =
                facts.push(link("รวมเข้าสัญญาใหม่ (เปิดดู)", Message::Open(Destination::Loan(into))));
        }
        if let Some(from) = l.restructured_from {
            facts = facts
                .push(link("ปรับโครงสร้างจากสัญญาเดิม (เปิดดู)", Message::Open(Destination::Loan(from))));
        }
        container(section("เงื่อนไขสัญญา", vec![], facts)).width(Fill).into()
    }

    fn view_statement<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let s = &data.statement;
        let amount = |label: &'a str, value: Satang| -> Element<'a, Message> {
            row![muted(label).width(dim::LABEL), money(value)].spacing(space::S).into()
        };
        let as_of = field("ณ วันที่", AS_OF_ID, "วว/ดด/ปปปป", &self.as_of_input, Message::AsOfChanged)
            .error(self.as_of_error.as_deref())
            .width(dim::FIELD * 0.5);
        // Days past due and the bucket under the arrears tolerance (issue 11 §3): a residue
        // below it is not arrears here either.
        let a = crate::domain::arrears::assess(s, data.write_off.tolerance);
        let written_off = data.write_off.approved().filter(|(day, _)| s.as_of >= *day);
        let arrears: Element<'_, Message> = if let Some((day, r)) = written_off {
            badge(
                format!("ปิดบัญชีด้วยการตัดยอดเศษสตางค์ {} บาท เมื่อ {}", r.total(), format_short(day)),
                Tone::Good,
            )
        } else if a.in_arrears {
            row![
                badge(format!("ค้าง {} งวด", a.overdue_installments), Tone::Bad),
                badge(format!("{} วัน", a.days_past_due), Tone::Bad),
                badge(a.bucket.to_string(), Tone::Warn),
            ]
            .spacing(space::S)
            .into()
        } else if a.overdue_installments_amount.is_positive() {
            badge(
                format!("ค้าง {} บาท ต่ำกว่าเกณฑ์ ไม่ถือเป็นหนี้ค้างชำระ", a.overdue_installments_amount),
                Tone::Quiet,
            )
        } else if s.is_paid_off() {
            badge("ชำระครบแล้ว", Tone::Good)
        } else {
            badge("ไม่มียอดค้าง", Tone::Good)
        };
        let mut facts = column![
            row![as_of, secondary_button("วันนี้", Some(Message::AsOfToday))]
                .spacing(space::S)
                .align_y(iced::Center),
            muted(format!("ยอด ณ {}", format_long(s.as_of))),
            arrears,
            amount("เงินต้นคงเหลือ", s.outstanding_principal),
            // The same words mean the same sum everywhere (issue 17 §A3): this one counts the
            // default interest, and says so.
            amount("ยอดค้างชำระ (รวมดอกเบี้ยผิดนัด)", s.overdue_amount),
            amount("ดอกเบี้ยค้างชำระ", s.interest_due),
            amount("ดอกเบี้ยงวดปัจจุบันสะสม", s.accrued_interest),
            amount("ดอกเบี้ยผิดนัด", s.default_interest),
            amount("ค่าธรรมเนียม", s.fees_due),
        ]
        .spacing(space::XS);
        // After a residue write-off the ledger still shows the residue it cleared; the payoff
        // says what is left of it: nothing.
        if let Some((_, r)) = written_off {
            facts = facts.push(amount("หัก ตัดยอดเศษสตางค์", r.total()));
        }
        facts = facts.push(
            row![
                strong("ยอดปิดบัญชี").width(dim::LABEL),
                money(data.write_off.after(s.payoff, s.as_of)).font(crate::app::theme::FONT_BOLD)
            ]
            .spacing(space::S),
        );
        if a.in_arrears && s.over_three_installments() {
            facts = facts.push(error_text("ค้างเกิน 3 งวด เข้าเกณฑ์บอกเลิกสัญญา"));
        }
        container(section("ยอดหนี้ตามวันที่", vec![], facts)).width(Fill).into()
    }

    fn view_parties<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let cols = [col("ชื่อ-สกุล", 5), col("ฐานะ", 3), col("ให้ความยินยอมเมื่อ", 3)];
        let mut parties = Column::new().push(table_header(&cols));
        for (i, p) in data.parties.iter().enumerate() {
            parties = parties.push(widget::striped(
                i,
                table_row(
                    &cols,
                    vec![
                        link(&p.name, Message::Open(Destination::Member(p.person_id))),
                        cell(p.role.to_string()).into(),
                        cell(p.consent_on.map(format_short).unwrap_or_else(|| "-".into())).into(),
                    ],
                ),
            ));
        }
        if data.parties.is_empty() {
            parties = parties.push(muted("ไม่มีผู้ค้ำประกันหรือผู้กู้ร่วม"));
        }
        let cols = [col("ประเภท", 3), col("เลขที่เอกสาร", 3), col("รายละเอียด", 5), num("มูลค่า", 3)];
        let mut collateral = Column::new().push(table_header(&cols));
        for (i, c) in data.collateral.iter().enumerate() {
            collateral = collateral.push(widget::striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell(c.kind.to_string()).into(),
                        cell(&c.document_no).into(),
                        cell(&c.description).into(),
                        money(c.value).into(),
                    ],
                ),
            ));
        }
        if data.collateral.is_empty() {
            collateral = collateral.push(muted("ไม่มีหลักประกัน"));
        }
        row![
            container(section("ผู้ค้ำประกันและผู้กู้ร่วม", vec![], parties)).width(Fill),
            container(section("หลักประกัน", vec![], collateral)).width(Fill),
        ]
        .spacing(space::L)
        .into()
    }
}

/// `งวด 1–2 · ดอกเบี้ย 100.00 · เงินต้น 900.00`: where a payment went, in the order of s.329.
pub fn allocation_summary(slices: &[Slice]) -> String {
    if slices.is_empty() {
        return "-".into();
    }
    let nos: Vec<u32> = slices.iter().filter_map(|s| s.installment).collect();
    let mut parts = Vec::new();
    match (nos.iter().min(), nos.iter().max()) {
        (Some(a), Some(b)) if a == b => parts.push(format!("งวด {a}")),
        (Some(a), Some(b)) => parts.push(format!("งวด {a}–{b}")),
        _ => {}
    }
    for part in [Part::Fee, Part::DefaultInterest, Part::Interest, Part::Principal] {
        let total: Satang = slices.iter().filter(|s| s.part == part).map(|s| s.amount).sum();
        if total.is_positive() {
            parts.push(format!("{part} {total}"));
        }
    }
    parts.join(" · ")
}

/// The loan's status as a badge; an open loan past due says by how many days.
pub fn status_badge<'a, M: 'a>(loan: &Loan, today: NaiveDate) -> Element<'a, M> {
    let dpd = loan.days_past_due(today);
    let tone = match loan.status {
        LoanStatus::Active if dpd > 0 => Tone::Bad,
        LoanStatus::Active => Tone::Good,
        LoanStatus::Terminated | LoanStatus::Litigation | LoanStatus::WrittenOff => Tone::Bad,
        _ => Tone::Quiet,
    };
    let label = if loan.status == LoanStatus::Active && dpd > 0 {
        "ค้างชำระ".to_string()
    } else {
        loan.status.to_string()
    };
    badge(label, tone)
}

/// Days past due, coloured; a dash when current.
pub fn dpd_text<'a>(days: i64) -> iced::widget::Text<'a> {
    let label = if days > 0 { days.to_string() } else { "-".into() };
    cell(label)
        .style(texts::days_past_due(days))
        .align_x(iced::alignment::Horizontal::Right)
        .width(Fill)
}
