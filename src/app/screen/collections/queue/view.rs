//! The queue's view: the filter line, the counts of what was left out and why, and the rows.

use iced::widget::{Column, checkbox, column, container, row};
use iced::{Element, Fill, Length};

use super::{Message, VILLAGE_ID, WorkQueue};
use crate::app::screen::Destination;
use crate::app::screen::home::thousands;
use crate::app::theme::{dim, space};
use crate::app::widget::{
    beside_scrollbar, card, cell, cell_hint, col, error_banner, field, link, money, muted, num,
    secondary_button, striped, table_header, table_row, title, virtual_list,
};
use crate::domain::collections::priority::Proposal;

const LIST_ID: &str = "queue-list";

const COLS: [crate::app::widget::Col; 7] = [
    col("สัญญา", 5),
    col("ลูกหนี้", 5),
    num("ค้างชำระ", 4),
    num("วัน", 2),
    col("เหตุผล", 7),
    col("สิ่งที่ต้องทำ", 5),
    col("", 4),
];

impl WorkQueue {
    pub fn view(&self) -> Element<'_, Message> {
        let filters = row![
            checkbox(self.mine).label("เฉพาะแฟ้มที่ฉันรับผิดชอบ").on_toggle(Message::MineOnly),
            field("หมู่ที่", VILLAGE_ID, "ทุกหมู่", &self.village_input, Message::VillageChanged)
                .error(self.village_error.as_deref())
                .width(dim::FIELD / 3.0),
        ]
        .spacing(space::XL)
        .align_y(iced::Center);
        let ready =
            self.queue.as_ref().is_some_and(|q| !q.items.is_empty()) && !self.exporter.busy();
        // The title on its own line and the buttons in a row that wraps, so at 1024 wide the
        // four buttons never squeeze the title.
        let header = column![
            title("งานติดตามวันนี้"),
            row![
                secondary_button("เป้าการเก็บเงิน", Some(Message::Open(Destination::Targets))),
                secondary_button(
                    "รายงานประจำสัปดาห์",
                    Some(Message::Open(Destination::WeeklyReport))
                ),
                secondary_button(
                    "ใบรับชำระรายกลุ่ม",
                    Some(Message::Open(Destination::CollectionSheet))
                ),
                secondary_button(crate::app::export::LABEL, ready.then_some(Message::Export)),
            ]
            .spacing(space::S)
            .wrap(),
        ]
        .spacing(space::S);
        let mut content = Column::new().spacing(space::L).push(header).push(filters);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(status) = self.exporter.view() {
            content = content.push(status.map(Message::Exported));
        }
        content = content.push(self.view_list());
        container(content).padding(space::XL).height(Fill).into()
    }

    fn view_list(&self) -> Element<'_, Message> {
        let Some(q) = &self.queue else {
            return card(muted("กำลังจัดลำดับงานติดตาม…"));
        };
        let mut left_out = vec![format!("งานติดตาม {} ราย", thousands(q.items.len() as i64))];
        if q.done_today > 0 {
            left_out.push(format!("ติดตามแล้ววันนี้ {} ราย", q.done_today));
        }
        if q.waiting > 0 {
            left_out.push(format!("รอนัดชำระ {} ราย", q.waiting));
        }
        if !q.on_hold.is_empty() {
            left_out.push(format!("พักการติดตาม {} ราย", q.on_hold.len()));
        }
        let summary = muted(left_out.join(" · "));
        if q.items.is_empty() {
            return card(column![summary, muted("ไม่มีแฟ้มที่ต้องติดตามวันนี้")].spacing(space::S));
        }
        let list = virtual_list(
            LIST_ID,
            q.items.len(),
            self.window,
            |i| {
                let item = &q.items[i];
                let p = &item.priority;
                let act: Element<'_, Message> = match &p.proposal {
                    Proposal::Letter(_) | Proposal::GuarantorNotice => link(
                        "ออกหนังสือ",
                        Message::Open(Destination::Letter { loan_id: item.loan_id }),
                    ),
                    _ => link(
                        "บันทึกการติดตาม",
                        Message::Open(Destination::Contact { loan_id: item.loan_id }),
                    ),
                };
                striped(
                    i,
                    table_row(
                        &COLS,
                        vec![
                            link(&item.contract_no, Message::Open(Destination::Loan(item.loan_id))),
                            cell_hint(super::debtor(item)),
                            money(item.overdue).into(),
                            cell(item.days_past_due.to_string())
                                .align_x(iced::Right)
                                .width(Fill)
                                .into(),
                            cell_hint(super::reasons(item)),
                            cell_hint(p.proposal.label()),
                            act,
                        ],
                    ),
                )
            },
            Message::Scrolled,
        );
        container(column![summary, beside_scrollbar(table_header(&COLS)), list].spacing(space::S))
            .padding(space::L)
            .style(crate::app::theme::boxes::card)
            .height(Length::Fill)
            .width(Fill)
            .into()
    }
}
