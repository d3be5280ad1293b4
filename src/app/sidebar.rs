//! The sidebar: where the signed-in user can go, offered by what their role may do.

use iced::widget::{Column, button, column, container, scrollable, space};
use iced::{Element, Fill};

use super::screen::{Area, Destination, Session};
use super::theme::{boxes, buttons, space as gap};
use super::*;

impl App {
    pub(super) fn sidebar<'a>(&'a self, session: &'a Session) -> Element<'a, Message> {
        let nav = |label: &'a str, destination: Destination| -> Element<'a, Message> {
            let active = self.current.as_ref() == Some(&destination);
            button(widget::body(label))
                .width(Fill)
                .padding([1.0, gap::M])
                .style(buttons::nav(active))
                .on_press(Message::Navigate(destination))
                .into()
        };
        // One section per area of work (the folders of `screen/`), each offered only when the
        // role may use something in it; the area the user is in has a bright heading.
        let here = self.current.as_ref().map(Destination::area);
        let section =
            |area: Area, entries: Vec<Element<'a, Message>>| -> Option<Element<'a, Message>> {
                if entries.is_empty() {
                    return None;
                }
                let heading = widget::small(area.label())
                    .font(theme::FONT_BOLD)
                    .style(theme::texts::sidebar_heading(here == Some(area)));
                Some(column![heading, Column::with_children(entries)].spacing(2.0).into())
            };
        let mut debtors = vec![nav("ค้นหาสมาชิก", Destination::Find)];
        if session.may(Permission::KeepFiles) {
            debtors.push(nav("เพิ่มครัวเรือน", Destination::NewHousehold));
        }
        let collections = vec![nav("งานติดตามวันนี้", Destination::Queue)];
        let legal = vec![nav("แจ้งเตือนด้านกฎหมาย", Destination::LegalDeadlines)];
        let complaints = vec![
            nav("รายการเรื่องร้องเรียน", Destination::Complaints),
            nav("รายงานเรื่องร้องเรียน", Destination::ComplaintsReport),
        ];
        let plans = vec![nav("แผนที่ต้องติดตาม", Destination::PlansAtRisk)];
        let approvals = vec![nav("รายการรออนุมัติ", Destination::Approvals)];
        let mut letters = Vec::new();
        if session.may(Permission::PrintLetters) {
            letters.push(nav("ออกหนังสือทั้งชุด", Destination::LettersBatch));
            letters.push(nav("ทะเบียนหนังสือส่ง", Destination::LetterRegister));
        }
        if session.may(Permission::EditTemplates) {
            letters.push(nav("แบบหนังสือ", Destination::Templates));
        }
        let reports = vec![
            nav("กองทุนและงบกองทุน", Destination::Funds),
            nav("รายงานและกราฟ", Destination::Reports),
        ];
        let mut admin = Vec::new();
        if session.may(Permission::ManageUsers) {
            admin.push(nav("ผู้ใช้งาน", Destination::Users));
        }
        if session.may(Permission::Backup) {
            admin.push(nav("สำรองและกู้คืนข้อมูล", Destination::Backups));
        }
        if session.may(Permission::ImportBooks) {
            admin.push(nav("นำเข้าข้อมูลจาก Excel", Destination::Import));
        }
        if session.may(Permission::ViewAudit) {
            admin.push(nav("บันทึกการใช้งาน", Destination::AuditLog));
        }
        if session.may(Permission::ManagePersonalData) {
            admin.push(nav("ทะเบียนเหตุละเมิด", Destination::Breaches));
            admin.push(nav("ข้อมูลพ้นระยะเก็บรักษา", Destination::Retention));
        }
        if session.may(Permission::EditSettings) {
            admin.push(nav("ตั้งค่าระบบ", Destination::Settings));
        }
        let mut items = Column::new().spacing(gap::XS).push(nav("หน้าหลัก", Destination::Home));
        for (area, entries) in [
            (Area::Debtors, debtors),
            (Area::Collections, collections),
            (Area::Legal, legal),
            (Area::Complaints, complaints),
            (Area::Plans, plans),
            (Area::Approvals, approvals),
            (Area::Letters, letters),
            (Area::Reports, reports),
            (Area::Admin, admin),
        ] {
            if let Some(s) = section(area, entries) {
                items = items.push(s);
            }
        }
        let plain = |label: &'a str, message: Message| -> Element<'a, Message> {
            button(widget::small(label))
                .padding([gap::XS, gap::S])
                .style(buttons::nav(false))
                .on_press(message)
                .into()
        };
        let mut bottom = iced::widget::Row::new().spacing(gap::XS);
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
                space().height(gap::M),
                // Scrolls on a small screen rather than pushing the user's name off the bottom.
                scrollable(items)
                    .direction(scrollable::Direction::Vertical(
                        scrollable::Scrollbar::new().width(4).scroller_width(4).spacing(2),
                    ))
                    .height(Fill),
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
