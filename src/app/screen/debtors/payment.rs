//! Recording a payment: the amount as officers type it (separators, Thai digits), the date, the
//! channel; the allocation is shown before saving (s.329 order), and saving gives the next receipt
//! number of the Buddhist year and the new outstanding.

use chrono::NaiveDate;
use iced::widget::{Column, column, row};
use iced::{Element, Task};

use crate::app::form::{Checker, Errors, Form};
use crate::app::screen::debtors::loan::allocation_summary;
use crate::app::screen::debtors::payment_contract::{self, Split};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{Tone, dim, space};
use crate::app::widget::{
    badge, card, cell, choices, col, error_banner, error_text, fact, field, figure, labelled,
    money, muted, num, page, primary_button, secondary_button, section, strong, table_header,
    table_row, title,
};
use crate::domain::Satang;
use crate::domain::loan::Channel;
use crate::domain::statement::{Allocation, Statement};
use crate::domain::thai::date::{self, format_long, format_numeric};
use crate::store::contract_payments::ContractPayment;
use crate::store::ledger::{self, NewPayment, PaymentError, Receipt};
use crate::store::loans::{self, Loan};
use crate::store::{Result, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Amount,
    Date,
    Payer,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::Amount => "payment-amount",
            Input::Date => "payment-date",
            Input::Payer => "payment-payer",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Data {
    pub loan: Loan,
    pub statement: Statement,
    /// Set when the loan is a tranche: the payment is then the household's, on the contract.
    pub contract: Option<payment_contract::Contract>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Edit(Input, String),
    ChannelSelected(Channel),
    Previewed(u64, Result<(Allocation, Split), StoreError>),
    Save,
    Saved(Result<(Receipt, Split), StoreError>),
    Open(Destination),
    Cancel,
    /// พิมพ์ใบเสร็จ: asks where (or saves into the documents folder), writes, opens it.
    PrintReceipt,
    ReceiptTo(Option<std::path::PathBuf>),
    ReceiptWritten(Result<std::path::PathBuf, StoreError>),
}

/// What the print-receipt button did, shown beside it (issue 17 §B8, §B9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    Busy,
    Saved(std::path::PathBuf, String),
    NotSaved,
    Failed(String),
}

/// The payment as the officer entered it, every field valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub amount: Satang,
    pub paid_on: NaiveDate,
}

pub struct RecordPayment {
    session: Session,
    pub loan_id: i64,
    pub data: Option<Data>,
    pub form: Form<Input>,
    pub channel: Channel,
    pub preview: Option<Allocation>,
    /// Each fund's part of a household payment (empty for an ordinary loan).
    pub split: Split,
    preview_generation: u64,
    pub saving: bool,
    pub receipt: Option<Receipt>,
    pub printed: Option<Printed>,
    pub error: Option<String>,
}

impl RecordPayment {
    pub fn new(session: Session, loan_id: i64) -> (RecordPayment, Task<Message>) {
        let today = session.today;
        let task = read(
            &session.store,
            move |conn| {
                let loan = loans::get(conn, loan_id)?;
                let statement = loans::statement(conn, &loan, today)?;
                let contract = match loan.tranche_of {
                    Some(id) => Some(payment_contract::load(conn, id, today)?),
                    None => None,
                };
                Ok(Box::new(Data { loan, statement, contract }))
            },
            Message::Loaded,
        );
        let form = Form::with([(Input::Date, format_numeric(today))]);
        let screen = RecordPayment {
            session,
            loan_id,
            data: None,
            form,
            channel: Channel::Cash,
            preview: None,
            split: Split::new(),
            preview_generation: 0,
            saving: false,
            receipt: None,
            printed: None,
            error: None,
        };
        (screen, task)
    }

    /// Checks the fields on this side; what only the ledger knows (an overpayment) comes back
    /// from the preview and is put beside the amount.
    pub fn parse(&self) -> std::result::Result<Valid, Errors<Input>> {
        let mut c = Checker::default();
        let amount = c.take(Input::Amount, Satang::parse_positive(self.form.get(Input::Amount)));
        let paid_on = c.take(Input::Date, date::parse(self.form.get(Input::Date)));
        if let Some(d) = paid_on {
            if d > self.session.today {
                c.fail(Input::Date, PaymentError::FutureDate.to_string());
            }
            if let Some(data) = &self.data
                && d < data.loan.start
            {
                c.fail(
                    Input::Date,
                    PaymentError::BeforeStart(format_long(data.loan.start)).to_string(),
                );
            }
        }
        match (amount, paid_on, c.is_ok()) {
            (Some(amount), Some(paid_on), true) => Ok(Valid { amount, paid_on }),
            _ => Err(c.errors),
        }
    }

    /// Re-checks the fields and, when they are valid, asks the ledger for the allocation.
    fn refresh(&mut self) -> Action<Message> {
        let parsed = self.parse();
        self.form.show(parsed.clone().err().unwrap_or_default());
        self.preview_generation += 1;
        self.preview = None;
        let Ok(valid) = parsed else {
            return Action::None;
        };
        let Some(data) = &self.data else {
            return Action::None;
        };
        let (loan_id, today, generation) =
            (self.loan_id, self.session.today, self.preview_generation);
        let contract = data.contract.as_ref().map(|c| c.id);
        Action::Run(read(
            &self.session.store,
            move |conn| match contract {
                Some(id) => payment_contract::preview(conn, id, valid.paid_on, valid.amount, today),
                None => Ok((
                    ledger::preview(conn, loan_id, valid.paid_on, valid.amount, today)?,
                    Split::new(),
                )),
            },
            move |r| Message::Previewed(generation, r),
        ))
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(data)) => {
                self.data = Some(*data);
                // The fields appear only now: focus the amount, the first thing to type.
                let focus = iced::widget::operation::focus(Input::Amount.id());
                match self.refresh() {
                    Action::Run(preview) => Action::Run(Task::batch([focus, preview])),
                    _ => Action::Run(focus),
                }
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                if input == Input::Payer { Action::None } else { self.refresh() }
            }
            Message::ChannelSelected(channel) => {
                self.channel = channel;
                Action::None
            }
            Message::Previewed(generation, result) => {
                if generation != self.preview_generation {
                    return Action::None;
                }
                match result {
                    Ok((allocation, split)) => {
                        self.preview = Some(allocation);
                        self.split = split;
                    }
                    // The ledger refuses what the form cannot know: an amount above the debt.
                    Err(e) => self.form.set_error(Input::Amount, e.to_string()),
                }
                Action::None
            }
            Message::Save => {
                if self.saving || self.receipt.is_some() {
                    return Action::None;
                }
                self.form.submit();
                let parsed = self.parse();
                self.form.show(parsed.clone().err().unwrap_or_default());
                let Ok(valid) = parsed else {
                    return Action::None;
                };
                let Some(data) = &self.data else {
                    return Action::None;
                };
                let contract = data.contract.as_ref().map(|c| c.id);
                self.saving = true;
                self.error = None;
                let payment = NewPayment {
                    loan_id: self.loan_id,
                    paid_on: valid.paid_on,
                    amount: valid.amount,
                    channel: self.channel,
                    payer_name: self.form.get(Input::Payer).trim().to_string(),
                    note: String::new(),
                };
                let (actor, today) = (self.session.actor(), self.session.today);
                Action::Run(write(
                    &self.session.store,
                    move |tx| match contract {
                        Some(id) => {
                            let p = ContractPayment {
                                paid_on: payment.paid_on,
                                amount: payment.amount,
                                channel: payment.channel,
                                payer_name: &payment.payer_name,
                                note: &payment.note,
                            };
                            payment_contract::record(tx, &actor, id, &p, today)
                        }
                        None => Ok((ledger::record(tx, &actor, &payment, today)?, Split::new())),
                    },
                    Message::Saved,
                ))
            }
            Message::Saved(Ok((receipt, split))) => {
                self.saving = false;
                self.receipt = Some(receipt);
                self.split = split;
                Action::None
            }
            Message::Saved(Err(e)) => {
                self.saving = false;
                self.form.set_error(Input::Amount, e.to_string());
                self.error = Some(format!("ยังไม่ได้บันทึก: {e}"));
                Action::None
            }
            Message::Open(d) => Action::Replace(d),
            Message::Cancel => Action::Back,
            Message::PrintReceipt => {
                let Some(receipt) = &self.receipt else { return Action::None };
                if self.printed == Some(Printed::Busy) {
                    return Action::None;
                }
                self.printed = Some(Printed::Busy);
                let name = format!(
                    "ใบเสร็จ {}.pdf",
                    crate::app::dialogs::safe_file_name(&receipt.receipt_no)
                );
                let pending = self.session.dialogs.save_file(
                    "บันทึกใบเสร็จรับเงินเป็นไฟล์ PDF",
                    &name,
                    crate::app::dialogs::PDF,
                );
                Action::Run(Task::perform(pending, Message::ReceiptTo))
            }
            Message::ReceiptTo(None) => {
                self.printed = Some(Printed::NotSaved);
                Action::None
            }
            Message::ReceiptTo(Some(path)) => {
                let Some(no) = self.receipt.as_ref().map(|r| r.receipt_no.clone()) else {
                    return Action::None;
                };
                Action::Run(read(
                    &self.session.store,
                    move |conn| {
                        let pdf = crate::document::issue::receipt(conn, &no, false)?;
                        crate::app::dialogs::write_in_store(path, &pdf)
                    },
                    Message::ReceiptWritten,
                ))
            }
            Message::ReceiptWritten(Ok(path)) => {
                let dialogs = self.session.dialogs.as_ref();
                let note = crate::app::dialogs::where_saved(dialogs, &path);
                self.printed = Some(match dialogs.open(&path) {
                    Ok(()) => Printed::Saved(path, note),
                    Err(e) => Printed::Failed(format!("{note} แต่{e}")),
                });
                Action::None
            }
            Message::ReceiptWritten(Err(e)) => {
                self.printed = Some(Printed::Failed(e.to_string()));
                Action::None
            }
        }
    }

    /// Enter saves; once saved, Enter returns to the loan file.
    pub fn submit(&mut self) -> Action<Message> {
        if self.receipt.is_some() {
            Action::Replace(Destination::Loan(self.loan_id))
        } else {
            self.update(Message::Save)
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(data) = &self.data else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังเปิดสัญญา…").into(),
            });
        };
        let loan = &data.loan;
        let s = &data.statement;
        let mut content = Column::new().spacing(space::L).max_width(dim::FORM * 1.3).push(title(
            match &data.contract {
                Some(c) => format!("รับชำระ สัญญารวมหนี้เลขที่ {}", c.contract_no),
                None => format!("รับชำระ สัญญาเลขที่ {}", loan.contract_no),
            },
        ));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        // A household contract shows its whole debt: the payment is split across its funds.
        let (fund, figures) = match &data.contract {
            Some(c) => (
                "ทุกกองทุนในสัญญารวมหนี้".to_string(),
                [c.outstanding_principal, c.overdue_amount, c.default_interest, c.payoff],
            ),
            None => (
                loan.fund_name.clone(),
                [s.outstanding_principal, s.overdue_amount, s.default_interest, s.payoff],
            ),
        };
        let context = column![
            fact("ผู้กู้", &loan.borrower_name),
            fact("กองทุน", fund),
            row![muted("เงินต้นคงเหลือ").width(dim::LABEL), money(figures[0])],
            row![muted("ยอดค้างชำระวันนี้").width(dim::LABEL), money(figures[1])],
            row![muted("ดอกเบี้ยผิดนัด").width(dim::LABEL), money(figures[2])],
            row![strong("ยอดปิดบัญชีวันนี้").width(dim::LABEL), money(figures[3])],
        ]
        .spacing(space::XS)
        .width(dim::FORM * 0.6);
        // Once saved, the figures from before the payment would mislead: show the receipt only.
        if let Some(receipt) = &self.receipt {
            return page(content.push(self.view_receipt(receipt)));
        }
        content = content.push(card(context));
        let f = &self.form;
        let form = column![
            field(
                "จำนวนเงิน (บาท)",
                Input::Amount.id(),
                "เช่น 1,250.50",
                f.get(Input::Amount),
                |v| { Message::Edit(Input::Amount, v) }
            )
            .error(f.error(Input::Amount))
            .hint("พิมพ์ตัวเลขไทยหรืออารบิกก็ได้ มีจุลภาคคั่นหลักพันได้")
            .submit(Message::Save),
            field(
                "วันที่รับชำระ",
                Input::Date.id(),
                "วว/ดด/ปปปป (พ.ศ.)",
                f.get(Input::Date),
                |v| { Message::Edit(Input::Date, v) }
            )
            .error(f.error(Input::Date))
            .submit(Message::Save),
            labelled(
                "ช่องทาง",
                choices(Channel::ALL, Some(&self.channel), Message::ChannelSelected)
            ),
            field(
                "ผู้นำเงินมาชำระ",
                Input::Payer.id(),
                "เว้นว่างถ้าผู้กู้ชำระเอง",
                f.get(Input::Payer),
                |v| { Message::Edit(Input::Payer, v) }
            )
            .submit(Message::Save),
        ]
        .spacing(space::M);
        let preview: Element<'_, Message> = match &self.preview {
            Some(allocation) if !self.split.is_empty() => {
                column![payment_contract::split_table(&self.split), allocation_table(allocation)]
                    .spacing(space::M)
                    .into()
            }
            Some(allocation) => allocation_table(allocation),
            None => muted("กรอกจำนวนเงินและวันที่ให้ถูกต้องเพื่อดูการตัดชำระ").into(),
        };
        let buttons = row![
            primary_button("บันทึกรับชำระ (Enter)", (!self.saving).then_some(Message::Save)),
            secondary_button("ยกเลิก (Esc)", Some(Message::Cancel)),
        ]
        .spacing(space::M);
        let mut form_card =
            column![form, section("การตัดชำระ (ก่อนบันทึก)", vec![], preview)].spacing(space::L);
        if f.has_errors() {
            form_card = form_card.push(error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
        }
        page(content.push(card(form_card.push(buttons))))
    }

    fn view_receipt<'a>(&'a self, receipt: &'a Receipt) -> Element<'a, Message> {
        let mut col = column![
            row![
                badge("บันทึกแล้ว", Tone::Good),
                muted(format!("{} บาท · {}", receipt.amount, format_long(receipt.paid_on))),
            ]
            .spacing(space::M)
            .align_y(iced::Center),
            muted("ใบเสร็จรับเงินเลขที่"),
            figure(&receipt.receipt_no),
            row![
                strong("เงินต้นคงเหลือหลังชำระ").width(dim::LABEL * 1.4),
                money(receipt.outstanding_after)
            ],
        ]
        .spacing(space::S);
        if receipt.paid_off {
            col = col.push(badge("ชำระครบ ปิดบัญชีแล้ว", Tone::Good));
        }
        if !self.split.is_empty() {
            col = col.push(payment_contract::split_table(&self.split));
        }
        let busy = self.printed == Some(Printed::Busy);
        // What the print did sits under its button, never only at the top (issue 17 §B9).
        let outcome: Element<'a, Message> = match &self.printed {
            None => muted(" ").into(),
            Some(Printed::Busy) => muted("กำลังบันทึกใบเสร็จ…").into(),
            Some(Printed::Saved(_, note)) => muted(note.as_str()).into(),
            Some(Printed::NotSaved) => muted("ยกเลิกการบันทึกใบเสร็จ").into(),
            Some(Printed::Failed(e)) => error_text(e.as_str()).into(),
        };
        col = col.push(allocation_table(&receipt.allocation)).push(
            column![
                row![
                    primary_button(
                        "กลับไปแฟ้มสัญญา (Enter)",
                        Some(Message::Open(Destination::Loan(self.loan_id)))
                    ),
                    secondary_button("พิมพ์ใบเสร็จ", (!busy).then_some(Message::PrintReceipt)),
                ]
                .spacing(space::M),
                outcome,
            ]
            .spacing(space::XS),
        );
        iced::widget::container(card(col)).max_width(dim::FORM).into()
    }
}

/// The slices of a payment: which installment, which part, how much.
pub fn allocation_table<'a, M: 'a>(allocation: &Allocation) -> Element<'a, M> {
    let cols = [col("งวดที่", 2), col("ชำระเป็น", 4), num("จำนวนเงิน", 3)];
    let mut table = Column::new().push(table_header(&cols));
    for (i, s) in allocation.slices.iter().enumerate() {
        table = table.push(crate::app::widget::striped(
            i,
            table_row(
                &cols,
                vec![
                    cell(s.installment.map(|n| n.to_string()).unwrap_or_else(|| "-".into())).into(),
                    cell(s.part.to_string()).into(),
                    money(s.amount).into(),
                ],
            ),
        ));
    }
    table = table.push(table_row(
        &cols,
        vec![
            strong("รวม").into(),
            muted(allocation_summary(&allocation.slices)).into(),
            money(allocation.amount).font(crate::app::theme::FONT_BOLD).into(),
        ],
    ));
    table.into()
}
