//! รายการเรื่องร้องเรียน: newest first, the complainant masked for everyone (the name is shown in
//! the file to those who may see it, and each look is logged), the next step's due date with
//! เกินกำหนด when it has passed.

use iced::widget::{Column, checkbox, column, container, row};
use iced::{Element, Fill, Task};

use crate::app::screen::{Action, Destination, Session, read};
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, card, cell_hint, col, error_banner, link, muted, page, primary_button, striped,
    table_header, table_row, title,
};
use crate::domain::thai::date::format_short;
use crate::store::StoreError;
use crate::store::complaints::{self, Row};

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<Row>, StoreError>),
    OpenOnly(bool),
    Open(Destination),
}

pub struct ComplaintList {
    session: Session,
    pub open_only: bool,
    pub rows: Option<Vec<Row>>,
    pub error: Option<String>,
}

const COLS: [crate::app::widget::Col; 6] = [
    col("เลขที่", 2),
    col("รับเรื่อง", 3),
    col("ประเภท", 4),
    col("ผู้ร้องเรียน", 3),
    col("สถานะ", 3),
    col("ขั้นต่อไป ภายในวันที่", 8),
];

impl ComplaintList {
    pub fn new(session: Session) -> (ComplaintList, Task<Message>) {
        let s = ComplaintList { session, open_only: true, rows: None, error: None };
        let t = s.load();
        (s, t)
    }

    fn load(&self) -> Task<Message> {
        let (open, today) = (self.open_only, self.session.today);
        read(&self.session.store, move |c| complaints::list(c, open, today), Message::Loaded)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(rows)) => {
                self.rows = Some(rows);
                self.error = None;
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::OpenOnly(open) => {
                self.open_only = open;
                Action::Run(self.load())
            }
            Message::Open(d) => Action::Open(d),
        }
    }

    pub fn overdue(&self) -> usize {
        self.rows.as_ref().map(|r| r.iter().filter(|r| r.overdue).count()).unwrap_or(0)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let head = row![
            title("เรื่องร้องเรียน").width(Fill),
            primary_button(
                "รับเรื่องร้องเรียน",
                Some(Message::Open(Destination::NewComplaint { person_id: None }))
            ),
        ]
        .align_y(iced::Center);
        let filters = row![
            checkbox(self.open_only).label("เฉพาะเรื่องที่ยังไม่ปิด").on_toggle(Message::OpenOnly),
            muted(format!("เกินกำหนด {} เรื่อง", self.overdue())),
        ]
        .spacing(space::XL)
        .align_y(iced::Center);
        let mut content = Column::new().spacing(space::L).push(head).push(filters);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        content = content.push(self.view_rows());
        page(content)
    }

    fn view_rows(&self) -> Element<'_, Message> {
        let Some(rows) = &self.rows else {
            return card(muted("กำลังโหลดเรื่องร้องเรียน…"));
        };
        if rows.is_empty() {
            return card(muted("ไม่มีเรื่องร้องเรียน"));
        }
        let mut list = Column::new().push(table_header(&COLS));
        for (i, r) in rows.iter().enumerate() {
            let next: Element<'_, Message> = match (&r.due_step, r.due_on) {
                (Some(step), Some(on)) => {
                    let text = cell_hint(format!("{step} {}", format_short(on)));
                    if r.overdue {
                        row![badge("เกินกำหนด", Tone::Bad), text]
                            .spacing(space::S)
                            .align_y(iced::Center)
                            .into()
                    } else {
                        text
                    }
                }
                _ => cell_hint("-"),
            };
            list = list.push(striped(
                i,
                table_row(
                    &COLS,
                    vec![
                        link(r.number.as_str(), Message::Open(Destination::Complaint(r.id))),
                        cell_hint(format_short(r.received_on)),
                        cell_hint(r.category.thai()),
                        cell_hint(r.complainant.clone()),
                        cell_hint(r.state.clone()),
                        next,
                    ],
                ),
            ));
        }
        container(column![list])
            .padding(space::L)
            .style(crate::app::theme::boxes::card)
            .width(Fill)
            .into()
    }
}
