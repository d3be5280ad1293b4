//! Transfer of debt burden (โอนภาระหนี้): an officer moves one loan from its borrower to another
//! living member of the same household (the borrower died or moved away). Saved as a draft; a
//! treasurer or committee member approves it on the approvals screen, like a consolidation.

use iced::widget::{Column, column, row};
use iced::{Element, Task};

use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::space;
use crate::app::widget::{
    choices, error_banner, error_text, fact, field, labelled, muted, notice_banner, page,
    primary_button, secondary_button, title,
};
use crate::store::loans::{self, Loan};
use crate::store::persons::{self, Person};
use crate::store::{StoreError, transfers};

pub const REASON_ID: &str = "transfer-reason";

/// A member who may take the loan over, shown by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<(Loan, Vec<Person>)>, StoreError>),
    Chosen(Candidate),
    Reason(String),
    Save,
    Saved(Result<i64, StoreError>),
    Open(Destination),
}

pub struct Transfer {
    session: Session,
    pub loan_id: i64,
    pub loan: Option<Loan>,
    pub candidates: Vec<Candidate>,
    pub to: Option<Candidate>,
    pub reason: String,
    /// A Thai message beside the field that is wrong.
    pub to_error: Option<String>,
    pub reason_error: Option<String>,
    pub error: Option<String>,
    pub saving: bool,
    pub saved: Option<i64>,
}

impl Transfer {
    pub fn new(session: Session, loan_id: i64) -> (Transfer, Task<Message>) {
        let task = read(
            &session.store,
            move |conn| {
                let loan = loans::get(conn, loan_id)?;
                let members = persons::of_household(conn, loan.household_id)?;
                Ok(Box::new((loan, members)))
            },
            Message::Loaded,
        );
        let screen = Transfer {
            session,
            loan_id,
            loan: None,
            candidates: Vec::new(),
            to: None,
            reason: String::new(),
            to_error: None,
            reason_error: None,
            error: None,
            saving: false,
            saved: None,
        };
        (screen, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(data)) => {
                let (loan, members) = *data;
                self.candidates = members
                    .iter()
                    .filter(|p| p.id != loan.borrower_id && !p.deceased)
                    .map(|p| Candidate { id: p.id, name: p.full_name() })
                    .collect();
                self.loan = Some(loan);
            }
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Chosen(c) => {
                self.to = Some(c);
                self.to_error = None;
            }
            Message::Reason(r) => {
                self.reason = r;
                self.reason_error = None;
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(id)) => {
                self.saving = false;
                self.saved = Some(id);
            }
            Message::Saved(Err(e)) => {
                self.saving = false;
                self.error = Some(format!("ยังไม่ได้บันทึก: {e}"));
            }
            Message::Open(d) => return Action::Open(d),
        }
        Action::None
    }

    fn save(&mut self) -> Action<Message> {
        if self.saving || self.saved.is_some() || self.loan.is_none() {
            return Action::None;
        }
        self.to_error = self.to.is_none().then(|| "กรุณาเลือกสมาชิกผู้รับโอนภาระหนี้".to_string());
        self.reason_error = self
            .reason
            .trim()
            .is_empty()
            .then(|| "กรุณาระบุเหตุผล เช่น ผู้กู้เสียชีวิต หรือย้ายออกจากหมู่บ้าน".to_string());
        let (Some(to), None) = (&self.to, &self.reason_error) else {
            return Action::None;
        };
        self.saving = true;
        self.error = None;
        let (actor, today, loan_id, to, reason) = (
            self.session.actor(),
            self.session.today,
            self.loan_id,
            to.id,
            self.reason.trim().to_string(),
        );
        Action::Run(write(
            &self.session.store,
            move |tx| transfers::prepare(tx, &actor, loan_id, to, &reason, today),
            Message::Saved,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(loan) = &self.loan else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังเปิดสัญญา…").into(),
            });
        };
        let mut content = Column::new()
            .spacing(space::L)
            .push(title(format!("โอนภาระหนี้ สัญญาเลขที่ {}", loan.contract_no)))
            .push(fact("ผู้กู้เดิม", &loan.borrower_name))
            .push(fact("กองทุน", &loan.fund_name));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if self.saved.is_some() {
            return page(
                content
                    .push(notice_banner(
                        "บันทึกร่างการโอนภาระหนี้แล้ว รอเหรัญญิกหรือกรรมการอนุมัติในหน้ารายการรออนุมัติ",
                    ))
                    .push(secondary_button(
                        "กลับไปแฟ้มสัญญา",
                        Some(Message::Open(Destination::Loan(self.loan_id))),
                    )),
            );
        }
        let mut who = column![labelled(
            "ผู้รับโอน",
            if self.candidates.is_empty() {
                Element::from(muted("ไม่มีสมาชิกอื่นที่ยังมีชีวิตในครัวเรือนนี้"))
            } else {
                choices(&self.candidates, self.to.as_ref(), Message::Chosen)
            }
        )];
        if let Some(e) = &self.to_error {
            who = who.push(error_text(e));
        }
        let reason = field("เหตุผล", REASON_ID, "เช่น ผู้กู้เสียชีวิต", &self.reason, Message::Reason)
            .error(self.reason_error.as_deref())
            .submit(Message::Save);
        content = content.push(who).push(reason).push(
            row![
                primary_button("บันทึกร่างการโอนภาระหนี้", (!self.saving).then_some(Message::Save)),
                secondary_button("ยกเลิก", Some(Message::Open(Destination::Loan(self.loan_id)))),
            ]
            .spacing(space::M),
        );
        page(content)
    }
}
