//! The settings form: the institute, the signer, the letter numbers and thresholds, each field
//! with its message line reserved, and the save button with what it did beside it.

use iced::Element;
use iced::widget::{Column, column, row};

use super::{Message, SettingsScreen, input_id};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    card, error_text, field, muted, page, primary_button, small, subtitle, title,
};
use crate::domain::institute_settings::{Field, NO_ROUNDING_TEXT, ROUND_UP_TEXT};

fn input<'a>(s: &'a SettingsScreen, f: Field, hint: &'a str) -> Element<'a, Message> {
    let mut w = field(f.label(), input_id(f), "", s.form.get(f), move |v| Message::Edit(f, v))
        .error(s.form.error(f))
        .submit(Message::Save);
    if !hint.is_empty() {
        w = w.hint(hint);
    }
    w.into()
}

pub fn view(s: &SettingsScreen) -> Element<'_, Message> {
    let heading = column![
        title("ตั้งค่าระบบ"),
        muted("ข้อมูลสถาบันที่พิมพ์บนหนังสือ ผู้ลงนาม และเกณฑ์การออกหนังสือ ทุกการแก้ไขบันทึกในบันทึกการใช้งาน"),
    ]
    .spacing(space::XS);
    let institute = column![
        subtitle("ข้อมูลสถาบัน"),
        input(s, Field::Name, ""),
        input(s, Field::Address, ""),
        input(s, Field::Phone, "เช่น 032-123-456 (เว้นว่างได้)"),
        input(s, Field::PromptPay, "เบอร์มือถือหรือเลขผู้เสียภาษี 13 หลัก ใช้พิมพ์ QR ในใบแจ้งหนี้"),
    ]
    .spacing(space::M);
    let letters = column![
        subtitle("หนังสือ"),
        input(s, Field::SignerName, "ผู้ลงนามในหนังสือแจ้งเตือน ทวงถาม และบอกเลิกสัญญา"),
        input(s, Field::SignerPosition, ""),
        input(s, Field::LetterPrefix, "เช่น สจช. จะพิมพ์เป็น ที่ สจช. 12/2569"),
    ]
    .spacing(space::M);
    let thresholds = column![
        subtitle("เกณฑ์ยอดเงิน"),
        input(s, Field::MinReminder, ""),
        input(s, Field::MinOverdue, "ใช้กับหนังสือทวงถาม หนังสือถึงผู้ค้ำ และใบแจ้งหนี้"),
        input(s, Field::Tolerance, "เศษสตางค์ที่ค้างต่ำกว่านี้ไม่นับเป็นหนี้ค้างชำระ"),
    ]
    .spacing(space::M);
    let ladder = column![
        subtitle("ขั้นการติดตามหนี้"),
        input(s, Field::ReminderDays, "นับจากวันครบกำหนดชำระ ใช้ในคิวติดตามและการเลือกหนังสือ"),
        input(s, Field::DemandDays, "ต้องมากกว่าวันส่งหนังสือแจ้งเตือน"),
        input(s, Field::Demand2Days, "ต้องมากกว่าวันส่งหนังสือทวงถาม ครั้งที่ 1"),
    ]
    .spacing(space::M);
    let round_up = s.form.get(Field::RoundUpBaht) == ROUND_UP_TEXT;
    let rounding = column![
        subtitle(Field::RoundUpBaht.label()),
        iced::widget::checkbox(round_up)
            .label(ROUND_UP_TEXT)
            .on_toggle(|on| {
                let text = if on { ROUND_UP_TEXT } else { NO_ROUNDING_TEXT };
                Message::Edit(Field::RoundUpBaht, text.to_string())
            })
            .text_line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT)),
        muted("ค่าเริ่มต้นของสัญญาเงินกู้ใหม่และการรวมหนี้ ตารางผ่อนชำระที่ทำไว้แล้วไม่เปลี่ยน"),
    ]
    .spacing(space::M);
    // What the save did sits beside its button, in a line that is always there.
    let outcome: Element<'_, Message> = match (&s.error, &s.saved) {
        (Some(e), _) => error_text(e).into(),
        (None, Some(done)) => muted(done.as_str()).into(),
        (None, None) if s.form.has_errors() => {
            error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง").into()
        }
        (None, None) => small(" ").into(),
    };
    let can_save = !s.saving && s.stored.is_some();
    let save = row![primary_button("บันทึกการตั้งค่า", can_save.then_some(Message::Save)), outcome]
        .spacing(space::M)
        .align_y(iced::Center);
    let content = Column::new()
        .spacing(space::L)
        .max_width(dim::FORM)
        .push(heading)
        .push(card(institute))
        .push(card(letters))
        .push(card(thresholds))
        .push(card(ladder))
        .push(card(rounding))
        .push(save)
        .push(card(s.targets.view().map(Message::Targets)))
        .push(s.sign_in.view().map(Message::SignIn));
    page(content)
}
