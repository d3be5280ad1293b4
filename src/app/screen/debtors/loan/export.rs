//! The loan file's two tables as they go to Excel: the schedule as of the date looked at and the
//! payments with their allocation, each with the same Thai headers and values as on screen.

use super::{LoanFile, Message, allocation_summary};
use crate::app::export::Exporter;
use crate::domain::report::list::{self, Field};
use crate::domain::statement::InstallmentState;
use crate::domain::thai::date::format_numeric;
use crate::store::ledger::PaymentRecord;

/// Which of the file's tables the last export was of: its status shows under that table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Which {
    #[default]
    Schedule,
    Payments,
}

pub const SCHEDULE: [Field<InstallmentState>; 8] = [
    Field::count("งวด", |i| list::count(i64::from(i.no))),
    Field::date("ครบกำหนด", |i| list::date(i.due_date)),
    Field::money("เงินต้น", |i| list::money(i.principal)),
    Field::money("ดอกเบี้ย", |i| list::money(i.interest)),
    Field::money("รวม", |i| list::money(i.principal + i.interest)),
    Field::money("ชำระแล้ว", |i| list::money(i.principal_paid + i.interest_paid)),
    Field::money("ผิดนัด", |i| list::money(i.default_interest)),
    Field::text("สถานะ", |i| list::text(i.status.to_string())),
];

pub const PAYMENTS: [Field<PaymentRecord>; 5] = [
    Field::date("วันที่", |p| list::date(p.paid_on)),
    Field::text("ใบเสร็จเลขที่", |p| list::text(&p.receipt_no)),
    Field::text("ช่องทาง", |p| list::text(p.channel.to_string())),
    Field::money("จำนวนเงิน", |p| list::money(p.amount)),
    Field::text("การตัดชำระ", |p| list::text(allocation(p))),
];

/// The allocation column: what the payment paid, or who reversed it and why.
pub fn allocation(p: &PaymentRecord) -> String {
    match &p.reversal {
        Some(r) => format!("ยกเลิกโดย {} เหตุผล: {}", r.by, r.reason),
        None => allocation_summary(&p.slices),
    }
}

impl LoanFile {
    pub(super) fn export(&mut self, which: Which) -> iced::Task<Message> {
        let Some(data) = &self.data else { return iced::Task::none() };
        let contract = format!("สัญญาเลขที่ {} {}", data.loan.contract_no, data.loan.borrower_name);
        let table = match which {
            Which::Schedule => list::table(
                &format!("ตารางผ่อนชำระ {}", data.loan.contract_no),
                vec![contract, format!("ณ วันที่ {}", format_numeric(self.as_of))],
                &SCHEDULE,
                &data.statement.installments,
            ),
            Which::Payments => list::table(
                &format!("การรับชำระ {}", data.loan.contract_no),
                vec![contract],
                &PAYMENTS,
                &data.payments,
            ),
        };
        self.export_of = which;
        self.exporter.start(&self.session.dialogs, table).map(Message::Exported)
    }

    /// The export's status under the table it was of.
    pub(super) fn export_status(&self, which: Which) -> Option<iced::Element<'_, Message>> {
        if self.export_of != which {
            return None;
        }
        self.exporter.view().map(|e| e.map(Message::Exported))
    }
}

/// The exporter a new file starts with.
pub fn exporter() -> Exporter {
    Exporter::default()
}
