//! การแก้ไขยอดตามเรื่องร้องเรียน (issue 16 §3): the part of the complaint file that shows what a
//! corrected amount started (a reversed receipt, a write-off proposal) with its state, and, while
//! the complaint is open and its response said "corrected", starts one: the treasurer reverses a
//! receipt of a disputed loan with a reason (the store puts the complaint number in front), or
//! anyone who prepares proposes the write-off of a loan's residue for approval.

use std::fmt;

use iced::Element;
use iced::widget::{Column, row};

use super::file::Message;
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, body, choices, error_text, field, labelled, muted, secondary_button, section, small,
};
use crate::domain::Satang;
use crate::domain::thai::date::format_short;
use crate::store::complaints::File;

pub const REASON_ID: &str = "complaint-reversal-reason";

/// A receipt of a disputed loan that may be reversed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub payment_id: i64,
    pub receipt_no: String,
    pub paid_on: chrono::NaiveDate,
    pub amount: Satang,
}

impl fmt::Display for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} บาท", self.receipt_no, format_short(self.paid_on), self.amount)
    }
}

/// What the officer is typing for a reversal.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub receipt: Option<Receipt>,
    pub reason: String,
    pub receipt_error: Option<String>,
    pub reason_error: Option<String>,
    /// The store's refusal, shown under the buttons.
    pub error: Option<String>,
    pub saving: bool,
}

impl Form {
    /// The Thai messages next to the fields; `None` when the reversal may be sent.
    pub fn check(&mut self) -> Option<(i64, String)> {
        self.receipt_error = self.receipt.is_none().then(|| "กรุณาเลือกใบเสร็จที่จะยกเลิก".to_string());
        self.reason_error =
            self.reason.trim().is_empty().then(|| "กรุณาระบุเหตุผลของการยกเลิกใบเสร็จ".to_string());
        match (&self.receipt, &self.reason_error) {
            (Some(r), None) => Some((r.payment_id, self.reason.trim().to_string())),
            _ => None,
        }
    }
}

/// Whether the file may start a correction now.
pub fn may_start(f: &File) -> bool {
    f.row.open && f.may_act && f.amount_confirmed == Some(false)
}

pub fn view<'a>(
    f: &'a File,
    form: &'a Form,
    receipts: &'a [Receipt],
    may_reverse: bool,
    may_propose: bool,
) -> Option<Element<'a, Message>> {
    if f.corrections.is_empty() && !may_start(f) {
        return None;
    }
    let mut c = Column::new().spacing(space::S);
    if f.corrections.is_empty() {
        c = c.push(muted("ยังไม่ได้เริ่มการแก้ไขยอด"));
    }
    for k in &f.corrections {
        let tone = match k.status.as_str() {
            "proposed" => Tone::Warn,
            "rejected" => Tone::Bad,
            _ => Tone::Good,
        };
        c = c.push(
            row![
                badge(k.state.as_str(), tone),
                body(format!("{} {}", k.kind.thai(), k.subject)),
                muted(format!("{} โดย {}", k.reason, k.by)),
            ]
            .spacing(space::M)
            .align_y(iced::Center),
        );
    }
    if may_start(f) {
        // One proposal at a time per loan (the store refuses a second): no button while one waits.
        if may_propose && !f.corrections.iter().any(|k| k.pending()) {
            let buttons = iced::widget::Row::with_children(
                f.row.loans.iter().zip(&f.loan_ids).map(|(no, id)| {
                    iced::widget::button(body(format!("เสนอตัดยอดเศษสตางค์ สัญญา {no}")))
                        .padding(iced::Padding::from([space::XS, space::L]))
                        .style(crate::app::theme::buttons::secondary)
                        .on_press_maybe((!form.saving).then_some(Message::ProposeWriteOff(*id)))
                        .into()
                }),
            )
            .spacing(space::S)
            .wrap();
            c = c.push(buttons);
        }
        if may_reverse && receipts.is_empty() {
            c = c.push(muted("สัญญาที่ร้องเรียนไม่มีใบเสร็จที่ยกเลิกได้"));
        } else if may_reverse {
            let mut pick = Column::new().spacing(space::XS).push(labelled(
                "ใบเสร็จที่บันทึกผิด",
                choices(receipts, form.receipt.as_ref(), Message::PickReceipt),
            ));
            if let Some(e) = &form.receipt_error {
                pick = pick.push(error_text(e.as_str()));
            }
            c = c.push(pick).push(
                field("เหตุผล", REASON_ID, "", &form.reason, Message::ReversalReason)
                    .error(form.reason_error.as_deref()),
            );
            c = c.push(secondary_button(
                "ยกเลิกใบเสร็จตามเรื่องร้องเรียน",
                (!form.saving).then_some(Message::Reverse),
            ));
        } else {
            c = c.push(muted("การยกเลิกใบเสร็จต้องทำโดยเหรัญญิกหรือกรรมการ"));
        }
        c = c.push(match &form.error {
            Some(e) => error_text(e.as_str()),
            None => small(" "),
        });
    }
    Some(section("การแก้ไขยอด", vec![], c))
}
