//! รับเรื่องร้องเรียน: the date received, the channel, who complained (the member whose file it was
//! opened from, someone else, or anonymous), the category, what happened and what they ask for,
//! the loans it is about and the officer it is about. Each problem is shown under its field and
//! nothing is saved; a saved complaint opens its file.

use std::fmt;

use iced::widget::{Column, row};
use iced::{Element, Task};

use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::space;
use crate::app::widget::{
    choices, error_text, field, labelled, muted, page, primary_button, secondary_button, small,
    strong, title,
};
use crate::domain::complaints::{Category, Channel};
use crate::domain::thai::date;
use crate::store::complaints::{self, Complainant, Field, NewComplaint, Registered};
use crate::store::users::User;
use crate::store::{StoreError, loans, persons};

pub const RECEIVED_ID: &str = "complaint-received";
pub const NAME_ID: &str = "complaint-name";
pub const ADDRESS_ID: &str = "complaint-address";
pub const DETAIL_ID: &str = "complaint-detail";
pub const REQUEST_ID: &str = "complaint-request";
pub const CONTRACT_ID: &str = "complaint-contract";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Member,
    Other,
    Anonymous,
}

impl fmt::Display for Who {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Who::Member => "สมาชิก",
            Who::Other => "บุคคลอื่น",
            Who::Anonymous => "ไม่ประสงค์ออกนาม",
        })
    }
}

/// The officer a complaint is about, or nobody (the first choice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About(pub Option<(i64, String)>);

impl fmt::Display for About {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            None => f.write_str("ไม่เกี่ยวกับเจ้าหน้าที่"),
            Some((_, name)) => f.write_str(name),
        }
    }
}

/// One of the member's loans, ticked when the complaint is about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanChoice(pub i64, pub String);

impl fmt::Display for LoanChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.1)
    }
}

#[derive(Debug, Clone)]
pub struct Data {
    pub member: Option<(i64, String)>,
    pub loans: Vec<LoanChoice>,
    pub users: Vec<User>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Received(String),
    Channel(Channel),
    Category(Category),
    Who(Who),
    Name(String),
    Address(String),
    Detail(String),
    Request(String),
    Contract(String),
    ToggleLoan(LoanChoice),
    About(About),
    Save,
    Saved(Result<Registered, StoreError>),
    Cancel,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Errors {
    pub received: Option<String>,
    pub complainant: Option<String>,
    pub detail: Option<String>,
    pub loans: Option<String>,
    pub save: Option<String>,
}

pub struct ComplaintForm {
    session: Session,
    pub data: Option<Data>,
    pub received: String,
    pub channel: Channel,
    pub category: Option<Category>,
    pub who: Who,
    pub name: String,
    pub address: String,
    pub detail: String,
    pub request: String,
    pub contract: String,
    pub loans: Vec<i64>,
    pub about: About,
    pub errors: Errors,
    pub saving: bool,
}

impl ComplaintForm {
    pub fn new(session: Session, person_id: Option<i64>) -> (ComplaintForm, Task<Message>) {
        let received = date::format_numeric(session.today);
        let form = ComplaintForm {
            session,
            data: None,
            received,
            channel: Channel::WalkIn,
            category: None,
            who: if person_id.is_some() { Who::Member } else { Who::Other },
            name: String::new(),
            address: String::new(),
            detail: String::new(),
            request: String::new(),
            contract: String::new(),
            loans: Vec::new(),
            about: About(None),
            errors: Errors::default(),
            saving: false,
        };
        let task = read(
            &form.session.store,
            move |c| {
                let member = match person_id {
                    Some(id) => Some((id, persons::get(c, id)?.full_name())),
                    None => None,
                };
                let loans = match person_id {
                    Some(id) => loans::of_borrower(c, id)?
                        .into_iter()
                        .map(|l| LoanChoice(l.id, l.contract_no))
                        .collect(),
                    None => Vec::new(),
                };
                let users =
                    crate::store::users::list(c)?.into_iter().filter(|u| u.active).collect();
                Ok(Box::new(Data { member, loans, users }))
            },
            Message::Loaded,
        );
        (form, task)
    }

    fn whos(&self) -> Vec<Who> {
        match self.data.as_ref().and_then(|d| d.member.as_ref()) {
            Some(_) => vec![Who::Member, Who::Anonymous],
            None => vec![Who::Other, Who::Anonymous],
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(d)) => {
                self.data = Some(*d);
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.errors.save = Some(e.to_string());
                Action::None
            }
            Message::Received(s) => {
                self.received = s;
                self.errors.received = None;
                Action::None
            }
            Message::Channel(c) => {
                self.channel = c;
                Action::None
            }
            Message::Category(c) => {
                self.category = Some(c);
                self.errors.loans = None;
                Action::None
            }
            Message::Who(w) => {
                self.who = w;
                self.errors.complainant = None;
                Action::None
            }
            Message::Name(s) => {
                self.name = s;
                self.errors.complainant = None;
                Action::None
            }
            Message::Address(s) => {
                self.address = s;
                Action::None
            }
            Message::Detail(s) => {
                self.detail = s;
                self.errors.detail = None;
                Action::None
            }
            Message::Request(s) => {
                self.request = s;
                Action::None
            }
            Message::Contract(s) => {
                self.contract = s;
                self.errors.loans = None;
                Action::None
            }
            Message::ToggleLoan(l) => {
                if let Some(i) = self.loans.iter().position(|id| *id == l.0) {
                    self.loans.remove(i);
                } else {
                    self.loans.push(l.0);
                }
                self.errors.loans = None;
                Action::None
            }
            Message::About(a) => {
                self.about = a;
                Action::None
            }
            Message::Save => self.save(),
            Message::Saved(Ok(r)) => Action::Replace(Destination::Complaint(r.id)),
            Message::Saved(Err(e)) => {
                self.saving = false;
                let text = e.to_string();
                if text.contains("สัญญา") {
                    self.errors.loans = Some(text);
                } else {
                    self.errors.save = Some(text);
                }
                Action::None
            }
            Message::Cancel => Action::Back,
        }
    }

    fn save(&mut self) -> Action<Message> {
        self.errors = Errors::default();
        let received = match date::parse(&self.received) {
            Ok(d) => d,
            Err(e) => {
                self.errors.received = Some(e.to_string());
                return Action::None;
            }
        };
        let Some(category) = self.category else {
            self.errors.save = Some("กรุณาเลือกประเภทเรื่องร้องเรียน".into());
            return Action::None;
        };
        let member = self.data.as_ref().and_then(|d| d.member.as_ref()).map(|m| m.0);
        let complainant = match (self.who, member) {
            (Who::Member, Some(id)) => Complainant::Member(id),
            (Who::Anonymous, _) => Complainant::Anonymous,
            _ => Complainant::Other {
                name: self.name.clone(),
                address: self.address.clone(),
                phone: String::new(),
            },
        };
        let contract = self.contract.trim().to_string();
        let mut new = NewComplaint {
            received_on: received,
            channel: self.channel,
            category,
            complainant,
            detail: self.detail.clone(),
            request: self.request.clone(),
            loan_ids: self.loans.clone(),
            about_user_id: self.about.0.as_ref().map(|a| a.0),
        };
        // A contract typed in counts as a loan for the form's own check; the store finds it.
        let mut probe = new.clone();
        if !contract.is_empty() {
            probe.loan_ids.push(0);
        }
        if let Err(invalid) = probe.check(self.session.today) {
            let m = Some(invalid.message.to_string());
            match invalid.field {
                Field::Received => self.errors.received = m,
                Field::Complainant => self.errors.complainant = m,
                Field::Detail => self.errors.detail = m,
                Field::Loans => self.errors.loans = m,
                _ => self.errors.save = m,
            }
            return Action::None;
        }
        self.saving = true;
        let actor = self.session.actor();
        Action::Run(write(
            &self.session.store,
            move |tx| {
                if !contract.is_empty() {
                    let loan = loans::by_contract(tx, &contract)
                        .map_err(|_| StoreError::refused(format!("ไม่พบสัญญาเลขที่ {contract}")))?;
                    if !new.loan_ids.contains(&loan.id) {
                        new.loan_ids.push(loan.id);
                    }
                }
                complaints::register(tx, &actor, &new)
            },
            Message::Saved,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = Column::new().spacing(space::M).push(title("รับเรื่องร้องเรียน"));
        let Some(data) = &self.data else {
            return page(c.push(muted("กำลังโหลด…")));
        };
        c = c.push(
            field("วันที่รับเรื่อง", RECEIVED_ID, "วว/ดด/ปปปป", &self.received, Message::Received)
                .error(self.errors.received.as_deref()),
        );
        c = c
            .push(labelled("ช่องทาง", choices(Channel::ALL, Some(&self.channel), Message::Channel)));
        c = c.push(labelled(
            "ประเภท",
            choices(Category::ALL, self.category.as_ref(), Message::Category),
        ));
        let mut who = Column::new().spacing(space::XS).push(choices(
            &self.whos(),
            Some(&self.who),
            Message::Who,
        ));
        match (self.who, &data.member) {
            (Who::Member, Some((_, name))) => who = who.push(strong(name.as_str())),
            (Who::Other, _) => {
                who = who
                    .push(field("ชื่อ", NAME_ID, "ชื่อ นามสกุล", &self.name, Message::Name).stacked())
                    .push(
                        field(
                            "ที่อยู่",
                            ADDRESS_ID,
                            "สำหรับส่งหนังสือตอบรับ",
                            &self.address,
                            Message::Address,
                        )
                        .stacked(),
                    );
            }
            _ => {}
        }
        who = who.push(match &self.errors.complainant {
            Some(e) => error_text(e.as_str()),
            None => small(" "),
        });
        c = c.push(labelled("ผู้ร้องเรียน", who));
        c = c.push(
            field("เรื่องที่ร้องเรียน", DETAIL_ID, "เกิดอะไรขึ้น", &self.detail, Message::Detail)
                .error(self.errors.detail.as_deref()),
        );
        c = c.push(field(
            "สิ่งที่ขอ",
            REQUEST_ID,
            "ผู้ร้องเรียนต้องการให้ทำอะไร",
            &self.request,
            Message::Request,
        ));
        let mut loans = Column::new().spacing(space::XS);
        if !data.loans.is_empty() {
            let chosen: Vec<&LoanChoice> =
                data.loans.iter().filter(|l| self.loans.contains(&l.0)).collect();
            let buttons = iced::widget::Row::with_children(data.loans.iter().map(|l| {
                let on = chosen.contains(&l);
                if on {
                    primary_button(l.1.as_str(), Some(Message::ToggleLoan(l.clone())))
                } else {
                    secondary_button(l.1.as_str(), Some(Message::ToggleLoan(l.clone())))
                }
            }))
            .spacing(space::S)
            .wrap();
            loans = loans.push(buttons);
        } else {
            loans = loans.push(
                field("เลขที่สัญญา", CONTRACT_ID, "เช่น กทบ.1/2568", &self.contract, Message::Contract)
                    .stacked(),
            );
        }
        loans = loans.push(match &self.errors.loans {
            Some(e) => error_text(e.as_str()),
            None => muted("เรื่องโต้แย้งยอดหนี้จะพักการติดตามสัญญาที่เลือกจนกว่าจะปิดเรื่อง"),
        });
        c = c.push(labelled("สัญญาที่เกี่ยวข้อง", loans));
        let mut abouts = vec![About(None)];
        abouts.extend(data.users.iter().map(|u| About(Some((u.id, u.full_name.clone())))));
        c = c.push(labelled(
            "เจ้าหน้าที่ที่ถูกร้องเรียน",
            choices(&abouts, Some(&self.about), Message::About),
        ));
        let save = primary_button("บันทึกเรื่องร้องเรียน", (!self.saving).then_some(Message::Save));
        let mut bottom = row![save, secondary_button("ยกเลิก", Some(Message::Cancel))]
            .spacing(space::M)
            .align_y(iced::Center);
        if let Some(e) = &self.errors.save {
            bottom = bottom.push(error_text(e.as_str()));
        }
        page(c.push(bottom).max_width(crate::app::theme::dim::FORM * 1.3))
    }
}
