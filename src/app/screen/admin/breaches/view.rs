//! The breach register's view: the form to record a breach, then each breach as a card with its
//! deadline, what is still owed (red while the PDPC or the members must still be told) and the
//! buttons that stamp each telling.

use iced::Element;
use iced::widget::{Column, Row, column, row};

use super::{Breaches, FIELDS, Message, input_id};
use crate::app::theme::{Tone, dim, space, texts};
use crate::app::widget::{
    badge, body, card, choices, error_banner, error_text, field, labelled, muted, notice_banner,
    page, primary_button, secondary_button, section, small, strong, title,
};
use crate::clock;
use crate::domain::privacy::breach::{Duty, Risk, pdpc_deadline};
use crate::domain::privacy::breach_form::Field;
use crate::domain::thai::date::format_short;
use crate::store::privacy::breaches::{Breach, Told};

fn label(f: Field) -> &'static str {
    match f {
        Field::LearnedDate => "วันที่ทราบเหตุ",
        Field::LearnedTime => "เวลาที่ทราบเหตุ",
        Field::HappenedDate => "วันที่เกิดเหตุ",
        Field::What => "เกิดอะไรขึ้น",
        Field::People => "จำนวนผู้ได้รับผลกระทบ",
    }
}

fn hint(f: Field) -> &'static str {
    match f {
        Field::LearnedDate => "นับ 72 ชั่วโมงจากเวลานี้ (มาตรา 37(4))",
        Field::LearnedTime => "เช่น 09:30",
        Field::HappenedDate => "ถ้าทราบ (เว้นว่างได้)",
        Field::What => "เช่น แฟ้มรายชื่อสมาชิกหาย คอมพิวเตอร์ถูกขโมย",
        Field::People => "คน (เว้นว่าง = ยังไม่ทราบ)",
    }
}

fn moment(t: chrono::NaiveDateTime) -> String {
    format!("{} {} น.", format_short(t.date()), t.format("%H:%M"))
}

pub fn view(s: &Breaches) -> Element<'_, Message> {
    let mut content = Column::new().spacing(space::L).max_width(dim::FORM).push(
        column![
            title("ทะเบียนเหตุละเมิดข้อมูลส่วนบุคคล"),
            muted("เมื่อทราบเหตุ ต้องแจ้งสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล (สคส.) ภายใน 72 ชั่วโมง เว้นแต่ไม่มีความเสี่ยงที่จะกระทบสิทธิ ถ้ามีความเสี่ยงสูงต้องแจ้งเจ้าของข้อมูลด้วยโดยไม่ชักช้า"),
        ]
        .spacing(space::XS),
    );
    if let Some(e) = &s.error {
        content = content.push(error_banner(e.as_str()));
    }
    if let Some(done) = &s.done {
        content = content.push(notice_banner(done.as_str()));
    }
    // What is owed comes first: the countdown matters more than the form.
    content = content.push(view_list(s)).push(view_form(s));
    page(content)
}

fn view_form(s: &Breaches) -> Element<'_, Message> {
    let mut form = Column::new().spacing(space::M).push(strong("บันทึกเหตุใหม่"));
    for f in FIELDS {
        form = form.push(
            field(label(f), input_id(f), "", s.form.get(f), move |v| Message::Edit(f, v))
                .error(s.form.error(f))
                .hint(hint(f))
                .submit(Message::Record),
        );
    }
    let must = if s.risk.members_must_be_told() {
        "ต้องแจ้ง สคส. ภายใน 72 ชั่วโมง และแจ้งเจ้าของข้อมูลที่ได้รับผลกระทบโดยไม่ชักช้า"
    } else if s.risk.pdpc_must_be_told() {
        "ต้องแจ้ง สคส. ภายใน 72 ชั่วโมง ไม่ต้องแจ้งเจ้าของข้อมูล"
    } else {
        "บันทึกไว้ในทะเบียน ไม่ต้องแจ้ง สคส. และเจ้าของข้อมูล"
    };
    form = form.push(labelled(
        "ความเสี่ยงต่อเจ้าของข้อมูล",
        column![choices(&Risk::ALL, Some(&s.risk), Message::RiskChosen), muted(must)]
            .spacing(space::XS),
    ));
    let outcome: Element<'_, Message> = if s.form.has_errors() {
        error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง").into()
    } else {
        small(" ").into()
    };
    form = form.push(
        row![primary_button("บันทึกเหตุละเมิด", (!s.saving).then_some(Message::Record)), outcome]
            .spacing(space::M)
            .align_y(iced::Center),
    );
    card(form)
}

fn view_list(s: &Breaches) -> Element<'_, Message> {
    let Some(list) = &s.list else {
        return card(muted("กำลังอ่านทะเบียน…"));
    };
    if list.is_empty() {
        return card(body("ยังไม่มีเหตุละเมิดที่บันทึกไว้"));
    }
    let now = clock::now();
    let mut cards = Column::new().spacing(space::M);
    for b in list {
        cards = cards.push(view_breach(s, b, now));
    }
    section("เหตุที่บันทึกไว้", vec![muted(format!("{} เหตุ", list.len())).into()], cards)
}

fn view_breach(s: &Breaches, b: &Breach, now: chrono::NaiveDateTime) -> Element<'static, Message> {
    let duty = b.duty(now);
    let (tone, status) = match duty {
        Duty::Done => (Tone::Good, "ดำเนินการครบแล้ว"),
        Duty::TellPdpc { .. } | Duty::TellMembers => (Tone::Warn, "ยังต้องแจ้ง"),
        Duty::PdpcOverdue { .. } => (Tone::Bad, "เลยกำหนดแจ้ง"),
    };
    let head = Row::new()
        .spacing(space::M)
        .align_y(iced::Center)
        .push(strong(format!("ลำดับที่ {}", b.id)))
        .push(badge(status, tone))
        .push(muted(format!("{} · {} คน", b.risk.label(), b.people_affected)));
    let mut facts = Column::new()
        .spacing(space::XS)
        .push(body(b.what.clone()))
        .push(muted(format!("ทราบเหตุ {}", moment(b.learned_at))));
    if let Some(h) = b.happened_at {
        facts = facts.push(muted(format!("เกิดเหตุ {}", format_short(h.date()))));
    }
    if b.risk.pdpc_must_be_told() {
        let told = match b.pdpc_told_at {
            Some(t) => format!("แจ้ง สคส. แล้วเมื่อ {}", moment(t)),
            None => format!("กำหนดแจ้ง สคส. {}", moment(pdpc_deadline(b.learned_at))),
        };
        facts = facts.push(body(told));
    }
    if b.risk.members_must_be_told() {
        let told = match b.members_told_at {
            Some(t) => format!("แจ้งเจ้าของข้อมูลแล้วเมื่อ {}", moment(t)),
            None => "ต้องแจ้งเจ้าของข้อมูลโดยไม่ชักช้า".to_string(),
        };
        facts = facts.push(body(told));
    }
    if duty != Duty::Done {
        facts = facts.push(body(duty.thai()).style(texts::danger));
    }
    let mut buttons = Row::new().spacing(space::M);
    let idle = !s.saving;
    if b.risk.pdpc_must_be_told() && b.pdpc_told_at.is_none() {
        buttons = buttons.push(secondary_button(
            "บันทึกว่าแจ้ง สคส. แล้ว",
            idle.then_some(Message::Tell(b.id, Told::Pdpc)),
        ));
    }
    if b.risk.members_must_be_told() && b.members_told_at.is_none() {
        buttons = buttons.push(secondary_button(
            "บันทึกว่าแจ้งเจ้าของข้อมูลแล้ว",
            idle.then_some(Message::Tell(b.id, Told::Members)),
        ));
    }
    card(column![head, facts, buttons].spacing(space::S))
}
