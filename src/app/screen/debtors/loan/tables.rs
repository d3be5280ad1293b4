//! The loan file's two long tables: the schedule (paid, partial, overdue, due, future) and the
//! payments with their allocation and reversals.

use iced::Length;
use iced::widget::column;

use super::*;
use crate::app::theme::boxes;
use crate::app::widget::{beside_scrollbar, danger_button, subtitle, virtual_list};

impl LoanFile {
    pub(super) fn view_schedule<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let cols = [
            num("งวด", 1),
            col("ครบกำหนด", 2),
            num("เงินต้น", 3),
            num("ดอกเบี้ย", 3),
            num("รวม", 3),
            num("ชำระแล้ว", 3),
            num("ผิดนัด", 2),
            col("สถานะ", 4),
        ];
        let items = &data.statement.installments;
        let list = virtual_list(
            SCHEDULE_ID,
            items.len(),
            self.schedule_window,
            |i| {
                let it = &items[i];
                let paid = it.principal_paid + it.interest_paid;
                container(table_row(
                    &cols,
                    vec![
                        cell(it.no.to_string()).into(),
                        cell(format_short(it.due_date)).into(),
                        money(it.principal).into(),
                        money(it.interest).into(),
                        money(it.principal + it.interest).into(),
                        money(paid).into(),
                        money(it.default_interest).into(),
                        cell(it.status.to_string()).into(),
                    ],
                ))
                .style(boxes::installment(it.status))
                .into()
            },
            Message::ScheduleScrolled,
        );
        let height = items.len().clamp(1, SCHEDULE_ROWS) as f32 * dim::ROW;
        let total_principal: Satang = items.iter().map(|i| i.principal).sum();
        let total_interest: Satang = items.iter().map(|i| i.interest).sum();
        let totals = table_row(
            &cols,
            vec![
                cell("").into(),
                strong("รวม").into(),
                money(total_principal).into(),
                money(total_interest).into(),
                money(total_principal + total_interest).into(),
                money(
                    data.statement
                        .installments
                        .iter()
                        .map(|i| i.principal_paid + i.interest_paid)
                        .sum(),
                )
                .into(),
                cell("").into(),
                cell("").into(),
            ],
        );
        let legend = row![
            muted("สีของแถว:"),
            legend_chip("ชำระแล้ว", crate::domain::statement::Status::Paid),
            legend_chip("ชำระบางส่วน", crate::domain::statement::Status::Partial),
            legend_chip("ค้างชำระ", crate::domain::statement::Status::Overdue),
            legend_chip("ถึงกำหนด", crate::domain::statement::Status::Due),
        ]
        .spacing(space::S)
        .align_y(iced::Center);
        let mut body = column![
            legend,
            beside_scrollbar(table_header(&cols)),
            container(list).height(Length::Fixed(height)),
            beside_scrollbar(totals)
        ]
        .spacing(space::XS);
        if let Some(status) = self.export_status(super::export::Which::Schedule) {
            body = body.push(status);
        }
        section(
            "ตารางผ่อนชำระ",
            vec![self.export_button(Message::ExportSchedule, !items.is_empty())],
            body,
        )
    }

    pub(super) fn view_payments<'a>(&'a self, data: &'a Data) -> Element<'a, Message> {
        let may_reverse = self.session.may(Permission::ReversePayment);
        let cols = [
            col("วันที่", 2),
            col("ใบเสร็จเลขที่", 3),
            col("ช่องทาง", 2),
            num("จำนวนเงิน", 3),
            col("การตัดชำระ", 8),
            col("", 4),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for (i, p) in data.payments.iter().enumerate() {
            let last: Element<'_, Message> = match (&p.reversal, may_reverse) {
                (Some(_), _) => badge("ยกเลิกแล้ว", Tone::Bad),
                (None, true) => link("ยกเลิก", Message::StartReversal(p.id)),
                (None, false) => widget::body("").into(),
            };
            let last = row![link("พิมพ์ใบเสร็จ", Message::ReprintReceipt(p.receipt_no.clone())), last]
                .spacing(space::M)
                .into();
            let allocation: Element<'_, Message> = match &p.reversal {
                Some(_) => small_danger(super::export::allocation(p)),
                None => cell(super::export::allocation(p)).into(),
            };
            table = table.push(widget::striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell(format_short(p.paid_on)).into(),
                        cell(&p.receipt_no).into(),
                        cell(p.channel.to_string()).into(),
                        money(p.amount).into(),
                        allocation,
                        last,
                    ],
                ),
            ));
            if let Some(r) = &self.reversal
                && r.payment_id == p.id
            {
                table = table.push(self.view_reversal(p, r));
            }
        }
        if data.payments.is_empty() {
            table = table.push(muted("ยังไม่มีการรับชำระ"));
        }
        match (&self.receipt_saved, &self.receipt_error) {
            (Some(path), error) => {
                table = table.push(crate::app::screen::letters::issue::view::saved(
                    "บันทึกสำเนาใบเสร็จแล้ว",
                    crate::app::dialogs::where_saved(self.session.dialogs.as_ref(), path),
                    Message::OpenReceipt,
                    error.as_deref(),
                ));
            }
            (None, Some(e)) => table = table.push(crate::app::widget::error_text(e.as_str())),
            (None, None) => {}
        }
        if let Some(status) = self.export_status(super::export::Which::Payments) {
            table = table.push(status);
        }
        let any = !data.payments.is_empty();
        section("การรับชำระ", vec![self.export_button(Message::ExportPayments, any)], table)
    }

    fn export_button(&self, export: Message, any: bool) -> Element<'_, Message> {
        let enabled = any && !self.exporter.busy();
        secondary_button(crate::app::export::LABEL, enabled.then_some(export))
    }

    fn view_reversal<'a>(&'a self, p: &'a PaymentRecord, r: &'a Reversal) -> Element<'a, Message> {
        let form = column![
            subtitle(format!("ยกเลิกใบเสร็จเลขที่ {} จำนวน {} บาท", p.receipt_no, p.amount)),
            muted("รายการเดิมจะยังอยู่ในระบบพร้อมเหตุผลการยกเลิก และยอดหนี้จะคำนวณใหม่"),
            field("เหตุผล", REASON_ID, "เช่น บันทึกผิดสัญญา", &r.reason, Message::ReasonChanged)
                .error(r.error.as_deref())
                .submit(Message::ConfirmReversal)
                .width(Fill),
            row![
                danger_button("ยืนยันการยกเลิก", (!r.busy).then_some(Message::ConfirmReversal)),
                secondary_button("ไม่ยกเลิก", Some(Message::CancelReversal)),
            ]
            .spacing(space::M),
        ]
        .spacing(space::S);
        container(form).padding(space::M).style(boxes::notice).width(Fill).into()
    }
}

fn small_danger<'a, M: 'a>(content: String) -> Element<'a, M> {
    crate::app::widget::small(content)
        .wrapping(iced::widget::text::Wrapping::None)
        .style(texts::danger)
        .into()
}

fn legend_chip<'a, M: 'a>(
    label: &'a str,
    status: crate::domain::statement::Status,
) -> Element<'a, M> {
    container(crate::app::widget::small(label))
        .padding(iced::Padding::from([0.0, space::S]))
        .style(boxes::installment(status))
        .into()
}
