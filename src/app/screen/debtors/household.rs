//! The household file: its address, its members, every loan of every member across funds (status,
//! outstanding, days past due), and the guarantor duties its members carry for other households.

use iced::widget::{Column, column};
use iced::{Element, Task};

use crate::app::screen::debtors::loan::{dpd_text, status_badge};
use crate::app::screen::{Action, Destination, Session, read};
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    self, badge, body, cell, cell_hint, clickable, col, error_banner, fact, link, money, muted,
    num, page, secondary_button, section, strong, table_header, table_row, title,
};
use crate::domain::Satang;
use crate::domain::person::format_phone;
use crate::domain::role::Permission;
use crate::store::households::{self, Household};
use crate::store::loans::{self, Loan};
use crate::store::persons::{self, Person};
use crate::store::{Result, StoreError};

#[derive(Debug, Clone)]
pub struct Data {
    pub household: Household,
    pub members: Vec<Person>,
    pub loans: Vec<Loan>,
    /// (the member who guarantees, the loan of another household).
    pub duties: Vec<(String, Loan)>,
    /// Restructuring plans that made loans of this household, with their stage and progress.
    pub plans: Vec<crate::app::screen::debtors::loan_contract::PlanStatus>,
}

pub fn load(conn: &rusqlite::Connection, id: i64, today: chrono::NaiveDate) -> Result<Data> {
    let household = households::get(conn, id)?;
    let members = persons::of_household(conn, id)?;
    let loans = loans::of_household(conn, id)?;
    let mut duties = Vec::new();
    for m in &members {
        for loan in loans::guaranteed_by(conn, m.id)? {
            if loan.household_id != id {
                duties.push((m.full_name(), loan));
            }
        }
    }
    let mut plans = Vec::new();
    for loan in loans.iter().filter(|l| l.status.is_open() || l.restructured_from.is_some()) {
        if let Some(p) = crate::app::screen::debtors::loan_contract::plan_of(conn, loan, today)?
            && !plans.iter().any(|q: &crate::app::screen::debtors::loan_contract::PlanStatus| {
                q.plan_id == p.plan_id
            })
        {
            plans.push(p);
        }
    }
    Ok(Data { household, members, loans, duties, plans })
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Open(Destination),
    Print(crate::app::print::Printable),
    Printing(crate::app::print::Message),
}

pub struct HouseholdFile {
    session: Session,
    pub id: i64,
    pub data: Option<Data>,
    pub error: Option<String>,
    pub printer: crate::app::print::Printer,
}

impl HouseholdFile {
    pub fn new(session: Session, id: i64) -> (HouseholdFile, Task<Message>) {
        let today = session.today;
        let task =
            read(&session.store, move |conn| load(conn, id, today).map(Box::new), Message::Loaded);
        let printer = crate::app::print::Printer::default();
        (HouseholdFile { session, id, data: None, error: None, printer }, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(data)) => {
                self.data = Some(*data);
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Open(d) => Action::Open(d),
            Message::Print(p) => {
                Action::Run(self.printer.start(&self.session.dialogs, p).map(Message::Printing))
            }
            Message::Printing(m) => {
                Action::Run(self.printer.update(m, &self.session).map(Message::Printing))
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(data) = &self.data else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังเปิดแฟ้มครัวเรือน…").into(),
            });
        };
        let h = &data.household;
        let head = h.head_person_id.and_then(|id| data.members.iter().find(|m| m.id == id));
        let mut header = iced::widget::row![title(format!(
            "ครัวเรือน บ้านเลขที่ {} หมู่ {}",
            h.address.house_no, h.address.village_no
        ))]
        .spacing(space::M)
        .align_y(iced::Center);
        if self.session.may(Permission::PrintLetters) {
            // The village assembly certifies every household of the หมู่ at one meeting.
            let document =
                crate::app::print::Printable::AssemblyList { village: Some(h.address.village_no) };
            header = header
                .push(iced::widget::space().width(iced::Fill))
                .push(secondary_button(document.label(), Some(Message::Print(document))));
        }
        let mut content = Column::new().spacing(space::L).push(header);
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
        let address = column![
            fact("ที่อยู่", h.address.one_line()),
            match head {
                Some(p) => iced::widget::row![
                    muted("หัวหน้าครัวเรือน").width(crate::app::theme::dim::LABEL),
                    link(p.full_name(), Message::Open(Destination::Member(p.id))),
                ]
                .spacing(space::S)
                .into(),
                None => fact("หัวหน้าครัวเรือน", "-"),
            },
            fact(
                "ทะเบียนบ้านเลขที่",
                if h.registration_no.is_empty() { "-".into() } else { h.registration_no.clone() },
            ),
        ]
        .spacing(space::XS);
        let edit = self.session.may(Permission::KeepFiles).then(|| {
            secondary_button("แก้ไข", Some(Message::Open(Destination::EditHousehold(self.id))))
        });
        content = content.push(section("ที่อยู่", edit.into_iter().collect(), address));
        content = content.push(self.view_members(data, h.head_person_id));
        content = content.push(self.view_loans(data));
        for plan in &data.plans {
            content = content.push(crate::app::screen::debtors::loan_contract::view_plan(plan));
        }
        content = content.push(self.view_duties(data));
        page(content)
    }

    fn view_members<'a>(&'a self, data: &'a Data, head: Option<i64>) -> Element<'a, Message> {
        let cols = [
            col("ชื่อ-สกุล", 4),
            col("เลขประจำตัวประชาชน", 4),
            col("โทรศัพท์", 3),
            col("ชั้นสมาชิก", 2),
            col("", 3),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for m in &data.members {
            let mark: Element<'_, Message> = if Some(m.id) == head {
                badge("หัวหน้าครัวเรือน", Tone::Quiet)
            } else if m.deceased {
                badge("เสียชีวิต", Tone::Bad)
            } else {
                body("").into()
            };
            table = table.push(clickable(
                table_row(
                    &cols,
                    vec![
                        cell(m.full_name()).into(),
                        cell(m.masked_id()).into(),
                        cell(format_phone(&m.phone)).into(),
                        cell(m.grade.to_string()).into(),
                        mark,
                    ],
                ),
                Message::Open(Destination::Member(m.id)),
                false,
            ));
        }
        if data.members.is_empty() {
            table = table.push(muted("ยังไม่มีสมาชิกในครัวเรือนนี้"));
        }
        let add = self.session.may(Permission::KeepFiles).then(|| {
            secondary_button(
                "เพิ่มสมาชิก",
                Some(Message::Open(Destination::NewMember { household_id: self.id })),
            )
        });
        section("สมาชิกในครัวเรือน", add.into_iter().collect(), table)
    }

    fn view_loans<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let today = self.session.today;
        let cols = [
            col("เลขที่สัญญา", 4),
            col("กองทุน", 4),
            col("ผู้กู้", 5),
            col("สถานะ", 3),
            num("เงินต้น", 3),
            num("คงเหลือ", 3),
            num("ค้าง (วัน)", 2),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for loan in &data.loans {
            table = table.push(clickable(
                loan_cells(&cols, loan, today, loan.borrower_name.clone()),
                Message::Open(Destination::Loan(loan.id)),
                false,
            ));
        }
        if data.loans.is_empty() {
            table = table.push(muted("สมาชิกในครัวเรือนนี้ยังไม่มีสัญญาเงินกู้"));
        } else {
            let open: Satang =
                data.loans.iter().filter(|l| l.status.is_open()).map(|l| l.outstanding).sum();
            table = table.push(table_row(
                &cols,
                vec![
                    strong("รวมคงเหลือ").into(),
                    cell("").into(),
                    cell("").into(),
                    cell("").into(),
                    cell("").into(),
                    money(open).font(crate::app::theme::FONT_BOLD).into(),
                    cell("").into(),
                ],
            ));
        }
        // 1 ครัวเรือน 1 สัญญา (issue 5): offered when there is more than one open loan to merge.
        let open = data.loans.iter().filter(|l| l.status.is_open() && l.tranche_of.is_none());
        let merge = (open.count() > 1 && self.session.may(Permission::Prepare)).then(|| {
            secondary_button(
                "รวมหนี้ครัวเรือน",
                Some(Message::Open(Destination::Consolidate { household_id: self.id })),
            )
        });
        section("สัญญาเงินกู้ของสมาชิกทุกกองทุน", merge.into_iter().collect(), table)
    }

    fn view_duties<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let today = self.session.today;
        let cols = [
            col("ผู้ค้ำประกัน", 4),
            col("เลขที่สัญญา", 4),
            col("ผู้กู้", 4),
            col("สถานะ", 3),
            num("คงเหลือ", 3),
            num("ค้าง (วัน)", 2),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for (guarantor, loan) in &data.duties {
            table = table.push(clickable(
                table_row(
                    &cols,
                    vec![
                        cell(guarantor).into(),
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
        if data.duties.is_empty() {
            table = table.push(muted("สมาชิกในครัวเรือนนี้ไม่ได้ค้ำประกันสัญญาของครัวเรือนอื่น"));
        }
        section("ภาระค้ำประกันให้ครัวเรือนอื่น", vec![], table)
    }
}

/// The cells of a loan line shared by the household and member files; the third column is the
/// borrower (household file) or the start date (member file).
pub fn loan_cells<'a, M: 'a>(
    cols: &[widget::Col],
    loan: &'a Loan,
    today: chrono::NaiveDate,
    third: String,
) -> iced::widget::Row<'a, M> {
    table_row(
        cols,
        vec![
            cell(&loan.contract_no).into(),
            cell_hint(loan.fund_name.clone()),
            cell_hint(third),
            status_badge(loan, today),
            money(loan.principal).into(),
            money(loan.outstanding).into(),
            dpd_text(loan.days_past_due(today)).into(),
        ],
    )
}
