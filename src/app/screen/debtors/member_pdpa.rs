//! The member file's PDPA section: when the privacy notice (ประกาศความเป็นส่วนตัว) reached the
//! member, and each consent beyond the loan contract (LINE/SMS, photos) as it stands, with the
//! buttons that record a delivery today or a consent given or withdrawn today.

use iced::Element;
use iced::widget::{Column, Row};

use super::member::Message;
use crate::app::theme::{Tone, space};
use crate::app::widget::{badge, fact, secondary_button, section};
use crate::domain::privacy::consent::{NoticeWay, Purpose};
use crate::domain::thai::date::format_long;
use crate::store::privacy::consent::Records;

pub fn view(records: &Records, may_record: bool) -> Element<'_, Message> {
    let notice = match records.notices.last() {
        Some(n) => format!(
            "{} เมื่อ {}{}",
            n.how.label(),
            format_long(n.on),
            if records.notices.len() > 1 {
                format!(" (ทั้งหมด {} ครั้ง)", records.notices.len())
            } else {
                String::new()
            }
        ),
        None => "ยังไม่ได้บันทึกการมอบประกาศ".into(),
    };
    let mut facts = Column::new().spacing(space::XS).push(fact("ประกาศความเป็นส่วนตัว", notice));
    let mut buttons = Row::new().spacing(space::M);
    if may_record {
        buttons = buttons.push(secondary_button(
            "บันทึกว่ามอบประกาศแล้ว",
            Some(Message::RecordNotice(NoticeWay::Hand)),
        ));
    }
    for purpose in Purpose::ALL {
        let (text, tone, next) = match records.current(purpose) {
            Some(c) if c.given => {
                (format!("ให้ความยินยอมเมื่อ {}", format_long(c.on)), Tone::Good, false)
            }
            Some(c) => (format!("ถอนความยินยอมเมื่อ {}", format_long(c.on)), Tone::Warn, true),
            None => ("ยังไม่ได้ขอความยินยอม".into(), Tone::Quiet, true),
        };
        let state = Row::new()
            .spacing(space::S)
            .align_y(iced::Center)
            .push(badge(
                if tone == Tone::Good {
                    "ยินยอม"
                } else {
                    "ไม่ยินยอม"
                },
                tone,
            ))
            .push(crate::app::widget::body(text));
        facts = facts.push(
            Row::new()
                .spacing(space::S)
                .align_y(iced::Center)
                .push(
                    crate::app::widget::muted(purpose.label()).width(crate::app::theme::dim::LABEL),
                )
                .push(state),
        );
        if may_record {
            let label = match (purpose, next) {
                (Purpose::LineSms, true) => "ยินยอมให้ติดต่อทาง LINE/SMS",
                (Purpose::LineSms, false) => "ถอนความยินยอม LINE/SMS",
                (Purpose::Photo, true) => "ยินยอมให้ใช้ภาพ",
                (Purpose::Photo, false) => "ถอนความยินยอมการใช้ภาพ",
            };
            buttons =
                buttons.push(secondary_button(label, Some(Message::RecordConsent(purpose, next))));
        }
    }
    section(
        "ข้อมูลส่วนบุคคล (PDPA)",
        vec![],
        Column::new().spacing(space::M).push(facts).push(buttons.wrap()),
    )
}
