//! The sidebar: where the signed-in user can go, offered by what their role may do.

use iced::widget::{Column, button, column, container, space};
use iced::{Element, Fill};

use super::screen::{Destination, Session};
use super::theme::{boxes, buttons, space as gap};
use super::*;

impl App {
    pub(super) fn sidebar<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let nav = |label: &'a str, destination: Destination| -> Element<'a, Message> {
            let active = self.current.as_ref() == Some(&destination);
            button(widget::body(label))
                .width(Fill)
                .padding([gap::S, gap::M])
                .style(buttons::nav(active))
                .on_press(Message::Navigate(destination))
                .into()
        };
        let mut items = Column::new()
            .spacing(gap::XS)
            .push(nav("หน้าหลัก", Destination::Home))
            .push(nav("ค้นหาสมาชิก", Destination::Find));
        if session.may(Permission::KeepFiles) {
            items = items.push(nav("เพิ่มครัวเรือน", Destination::NewHousehold));
        }
        items = items.push(nav("กองทุน", Destination::Funds));
        if session.may(Permission::PrintLetters) {
            items = items.push(nav("ออกหนังสือทั้งชุด", Destination::LettersBatch));
            items = items.push(nav("ทะเบียนหนังสือส่ง", Destination::LetterRegister));
        }
        if session.may(Permission::EditTemplates) {
            items = items.push(nav("แบบหนังสือ", Destination::Templates));
        }
        if session.may(Permission::ManageUsers) {
            items = items.push(nav("ผู้ใช้งาน", Destination::Users));
        }
        let plain = |label: &'a str, message: Message| -> Element<'a, Message> {
            button(widget::body(label))
                .width(Fill)
                .padding([gap::S, gap::M])
                .style(buttons::nav(false))
                .on_press(message)
                .into()
        };
        let mut bottom = Column::new().spacing(gap::XS);
        if !self.history.is_empty() {
            bottom = bottom.push(plain("ย้อนกลับ (Esc)", Message::Back));
        }
        bottom = bottom.push(plain("ออกจากระบบ", Message::SignOut));
        let who = column![
            widget::body(&session.user.full_name).style(theme::texts::on_sidebar),
            widget::small(session.user.role.to_string()).style(theme::texts::on_sidebar),
        ];
        container(
            column![
                widget::subtitle("ปลดหนี้").style(theme::texts::on_sidebar),
                // Word boundaries were marked when the name arrived (see `breakable`).
                widget::small(self.institute.as_deref().unwrap_or(""))
                    .wrapping(iced::widget::text::Wrapping::WordOrGlyph)
                    .style(theme::texts::on_sidebar),
                space().height(gap::L),
                items,
                space().height(Fill),
                who,
                bottom,
            ]
            .spacing(gap::S),
        )
        .padding(gap::M)
        .width(dim::SIDEBAR)
        .height(Fill)
        .style(boxes::sidebar)
        .into()
    }
}
