//! The complaint file's ดำเนินการ section: the buttons of the steps that may follow and, once one
//! is chosen, its form (date, handler and severity, finding and remedy, satisfaction and lesson,
//! the note) with the save and what went wrong beside it. Kept apart from `file` for size.

use iced::Element;
use iced::widget::{Column, row};

use super::file::{
    ComplaintFile, Confirmed, DATE_ID, FINDING_ID, LESSON_ID, Message, NOTE_ID, REMEDY_ID,
};
use crate::app::theme::space;
use crate::app::widget::{
    choices, error_text, field, labelled, muted, primary_button, secondary_button, section, small,
};
use crate::domain::complaints::{Satisfaction, Severity, Step};
use crate::store::complaints::File;

impl ComplaintFile {
    pub(super) fn view_actions<'a>(&'a self, f: &'a File) -> Element<'a, Message> {
        if !f.may_act {
            return section(
                "ดำเนินการ",
                vec![],
                muted("เรื่องนี้ร้องเรียนเกี่ยวกับท่าน ท่านดำเนินการในเรื่องนี้ไม่ได้"),
            );
        }
        let Some(step) = self.step else {
            let buttons = iced::widget::Row::with_children(
                f.next.iter().map(|s| secondary_button(s.action(), Some(Message::Begin(*s)))),
            )
            .spacing(space::S)
            .wrap();
            return section("ดำเนินการ", vec![], buttons);
        };
        let mut form = Column::new().spacing(space::S).push(
            field("วันที่", DATE_ID, "วว/ดด/ปปปป", &self.date, Message::Date)
                .error(self.date_error.as_deref()),
        );
        match step {
            Step::Assess => {
                form = form
                    .push(labelled(
                        "ผู้รับผิดชอบ",
                        choices(&self.handlers(), self.handler.as_ref(), Message::Handler),
                    ))
                    .push(labelled(
                        "ความรุนแรง",
                        choices(Severity::ALL, self.severity.as_ref(), Message::Severity),
                    ));
            }
            Step::Respond => {
                form = form
                    .push(field("ผลการพิจารณา", FINDING_ID, "", &self.finding, Message::Finding))
                    .push(field("การแก้ไขเยียวยา", REMEDY_ID, "", &self.remedy, Message::Remedy));
                if f.row.category.holds_collection() {
                    form = form.push(labelled(
                        "ยอดหนี้",
                        choices(
                            &[Confirmed(true), Confirmed(false)],
                            self.confirmed.as_ref(),
                            Message::Confirmed,
                        ),
                    ));
                }
            }
            Step::Close => {
                form = form
                    .push(labelled(
                        "ความพึงพอใจ",
                        choices(
                            Satisfaction::ALL,
                            self.satisfaction.as_ref(),
                            Message::Satisfaction,
                        ),
                    ))
                    .push(field(
                        "บทเรียนที่ได้",
                        LESSON_ID,
                        "สิ่งที่จะปรับปรุง",
                        &self.lesson,
                        Message::Lesson,
                    ));
            }
            _ => {}
        }
        let note_label = match step {
            Step::Investigate => "ผลการตรวจสอบ",
            Step::Reopen => "เหตุผล",
            _ => "บันทึก",
        };
        form = form.push(field(note_label, NOTE_ID, "", &self.note, Message::Note));
        let mut bottom = row![
            primary_button("บันทึกขั้นตอน", (!self.saving).then_some(Message::Save)),
            secondary_button("ยกเลิก", Some(Message::Cancel)),
        ]
        .spacing(space::M)
        .align_y(iced::Center);
        bottom = bottom.push(match &self.save_error {
            Some(e) => error_text(e.as_str()),
            None => small(" "),
        });
        section(step.action(), vec![], form.push(bottom))
    }
}
