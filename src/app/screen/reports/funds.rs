//! The source funds (กองทุนต้นทาง): their default terms, open loans and outstanding per fund; each
//! row opens the fund's statement for those allowed to see it (treasurer, committee).

use iced::widget::Column;
use iced::{Element, Task};

use crate::app::dialogs::FileDialogs;
use crate::app::export::{self, Exporter};
use crate::app::screen::{Action, Destination, Session, read};
use crate::app::theme::space;
use crate::app::widget::{
    cell, cell_hint, col, error_banner, link, money, muted, num, page, secondary_button, section,
    striped, strong, table_header, table_row, title,
};
use crate::domain::Satang;
use crate::domain::report::list::{self, Field};
use crate::domain::report::table::Cell;
use crate::domain::role::Permission;
use crate::domain::schedule::{Frequency, Method};
use crate::store::StoreError;
use crate::store::funds::{self, FundSummary};

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<FundSummary>, StoreError>),
    Open(Destination),
    Export,
    Exported(export::Message),
}

/// The table's columns as they go to Excel (the last, a link, is not data).
pub const EXPORT: [Field<FundSummary>; 8] = [
    Field::text("กองทุน", |s| list::text(fund_name(s))),
    Field::text("ดอกเบี้ย", |s| list::text(s.fund.default_rate.to_string())),
    Field::text("วิธีคิด", |s| list::text(method_short(s.fund.default_method))),
    Field::text("ผ่อนชำระ", |s| list::text(installments(s))),
    Field::text("ผิดนัด", |s| list::text(s.fund.penalty_rate.to_string())),
    Field::count("สัญญาเปิด", |s| list::count(s.open_loans)),
    Field::money("เงินต้นคงค้าง", |s| list::money(s.outstanding)),
    Field::money("ค้างยกมา", |s| list::money(s.carried)),
];

fn fund_name(s: &FundSummary) -> String {
    format!("{} ({})", s.fund.name, s.fund.code)
}

fn installments(s: &FundSummary) -> String {
    format!("{} {} งวด", frequency_short(s.fund.default_frequency), s.fund.default_periods)
}

pub struct Funds {
    pub funds: Option<Vec<FundSummary>>,
    pub error: Option<String>,
    /// Whether the user may open per-fund statements (the last column's link).
    pub may_report: bool,
    pub exporter: Exporter,
    dialogs: std::sync::Arc<dyn FileDialogs>,
}

impl Funds {
    pub fn new(session: &Session) -> (Funds, Task<Message>) {
        let task = read(&session.reader, |conn| funds::summaries(conn), Message::Loaded);
        let may_report = session.may(Permission::FundStatements);
        let dialogs = session.dialogs.clone();
        let exporter = Exporter::default();
        (Funds { funds: None, error: None, may_report, exporter, dialogs }, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(funds)) => self.funds = Some(funds),
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Open(d) => return Action::Open(d),
            Message::Export => {
                let Some(funds) = &self.funds else { return Action::None };
                let mut table = list::table("กองทุนต้นทาง", vec![], &EXPORT, funds);
                let mut total = vec![Cell::Text("รวมทุกกองทุน".into())];
                total.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
                total.push(Cell::Count(funds.iter().map(|s| s.open_loans).sum()));
                total.push(Cell::Money(funds.iter().map(|s| s.outstanding).sum()));
                total.push(Cell::Money(funds.iter().map(|s| s.carried).sum()));
                table.total = Some(total);
                let task = self.exporter.start(&self.dialogs, table);
                return Action::Run(task.map(Message::Exported));
            }
            Message::Exported(m) => {
                let task = self.exporter.update(m, self.dialogs.as_ref());
                return Action::Run(task.map(Message::Exported));
            }
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let ready = self.funds.as_ref().is_some_and(|f| !f.is_empty()) && !self.exporter.busy();
        let header = iced::widget::row![
            title("กองทุนต้นทาง").width(iced::Fill),
            secondary_button(export::LABEL, ready.then_some(Message::Export)),
        ]
        .align_y(iced::Center);
        let mut content = Column::new().spacing(space::L).push(header);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(status) = self.exporter.view() {
            content = content.push(status.map(Message::Exported));
        }
        let Some(funds) = &self.funds else {
            return page(content.push(muted("กำลังโหลด…")));
        };
        let cols = [
            // Shares that hold at 1024 wide: the amounts get room for tens of millions, the
            // long names are clipped with the whole name on hover (issue 17 §10).
            col("กองทุน", 5),
            num("ดอกเบี้ย", 3),
            col("วิธีคิด", 3),
            col("ผ่อนชำระ", 4),
            num("ผิดนัด", 2),
            num("สัญญาเปิด", 3),
            num("เงินต้นคงค้าง", 5),
            num("ค้างยกมา", 4),
            num("", 2),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for (i, s) in funds.iter().enumerate() {
            let f = &s.fund;
            table = table.push(striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell_hint(fund_name(s)),
                        cell(f.default_rate.to_string()).into(),
                        cell_hint(method_short(f.default_method)),
                        cell_hint(installments(s)),
                        cell(f.penalty_rate.to_string()).into(),
                        cell(crate::app::screen::home::thousands(s.open_loans)).into(),
                        money(s.outstanding).into(),
                        money(s.carried).into(),
                        if self.may_report {
                            link(
                                "ดูรายงาน",
                                Message::Open(Destination::FundStatement { fund_id: f.id }),
                            )
                        } else {
                            cell("").into()
                        },
                    ],
                ),
            ));
        }
        if funds.is_empty() {
            table = table.push(muted("ยังไม่มีกองทุน"));
        } else {
            let total: Satang = funds.iter().map(|s| s.outstanding).sum();
            let carried: Satang = funds.iter().map(|s| s.carried).sum();
            let open: i64 = funds.iter().map(|s| s.open_loans).sum();
            table = table.push(table_row(
                &cols,
                vec![
                    strong("รวมทุกกองทุน").into(),
                    cell("").into(),
                    cell("").into(),
                    cell("").into(),
                    cell("").into(),
                    strong(crate::app::screen::home::thousands(open)).into(),
                    money(total).font(crate::app::theme::FONT_BOLD).into(),
                    money(carried).font(crate::app::theme::FONT_BOLD).into(),
                    cell("").into(),
                ],
            ));
            // Carried parts are interest owed, not principal: said in words under the table so
            // nobody adds the two columns together (issue 17 §A2).
            table = table.push(muted(
                "ค้างยกมา = หนี้ค้างยกมา (ไม่คิดดอกเบี้ย): ดอกเบี้ยและดอกเบี้ยผิดนัดที่ยกมาในสัญญารวมหนี้หรือแผนปรับโครงสร้าง ไม่นับรวมในเงินต้นคงค้าง",
            ).wrapping(iced::widget::text::Wrapping::WordOrGlyph));
        }
        page(content.push(section("ค่าเริ่มต้นของสัญญาใหม่และยอดคงค้าง", vec![], table)))
    }
}

/// The method in a few words, for a table column.
fn method_short(method: Method) -> &'static str {
    match method {
        Method::Flat => "คงที่",
        Method::Annuity => "ลดต้นลดดอก ผ่อนเท่ากัน",
        Method::EqualPrincipal => "ลดต้นลดดอก ต้นเท่ากัน",
    }
}

fn frequency_short(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Monthly => "รายเดือน",
        Frequency::Quarterly => "ราย 3 เดือน",
        Frequency::HalfYearly => "ราย 6 เดือน",
        Frequency::Yearly => "รายปี",
    }
}
