//! รายงานประจำสัปดาห์: the signed-in officer's week (or a chosen officer's or group leader's):
//! contacts, promises, money against target, files escalated and next week's list, with the
//! week before and after one click away, and the same tables as a PDF.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use iced::widget::{Column, pick_list, row};
use iced::{Element, Fill, Task};

use super::table_view;
use crate::app::screen::{Action, Session, read};
use crate::app::theme::space;
use crate::app::widget::{card, error_banner, muted, page, secondary_button, title};
use crate::domain::report::table::Table;
use crate::domain::thai::date::format_long;
use crate::store::StoreError;
use crate::store::report::weekly::{self, Whom};

/// Whose week: an officer or a group leader, as the pick list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub whom: Whom,
    pub name: String,
}

impl std::fmt::Display for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    PeopleLoaded(Result<Vec<Person>, StoreError>),
    Loaded(u64, Result<Arc<Vec<Table>>, StoreError>),
    Chosen(Person),
    PreviousWeek,
    NextWeek,
    Pdf,
    PdfTo(Option<PathBuf>),
    PdfSaved(Result<PathBuf, String>),
}

pub struct WeeklyReport {
    session: Session,
    pub people: Vec<Person>,
    pub whom: Whom,
    pub monday: NaiveDate,
    pub tables: Option<Arc<Vec<Table>>>,
    pub error: Option<String>,
    pub notice: Option<String>,
    request: u64,
}

fn people(conn: &rusqlite::Connection) -> crate::store::Result<Vec<Person>> {
    let officers = crate::store::users::list(conn)?
        .into_iter()
        .filter(|u| u.active)
        .map(|u| Person { whom: Whom::Officer(u.id), name: u.full_name });
    let leaders = crate::store::assignments::leaders(conn)?
        .into_iter()
        .map(|(id, name)| Person {
            whom: Whom::Leader(id), name: format!("{name} (หัวหน้ากลุ่ม)")
        });
    Ok(officers.chain(leaders).collect())
}

impl WeeklyReport {
    pub fn new(session: Session) -> (WeeklyReport, Task<Message>) {
        let monday = weekly::monday_of(session.today);
        let whom = Whom::Officer(session.user.id);
        let mut s = WeeklyReport {
            session,
            people: Vec::new(),
            whom,
            monday,
            tables: None,
            error: None,
            notice: None,
            request: 0,
        };
        let load = s.load();
        let list = read(&s.session.reader, |c| people(c), Message::PeopleLoaded);
        (s, Task::batch([list, load]))
    }

    fn load(&mut self) -> Task<Message> {
        self.request += 1;
        let (request, whom, monday) = (self.request, self.whom, self.monday);
        read(
            &self.session.reader,
            move |c| Ok(Arc::new(weekly::tables(&weekly::compute(c, whom, monday)?))),
            move |r| Message::Loaded(request, r),
        )
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::PeopleLoaded(Ok(p)) => self.people = p,
            Message::PeopleLoaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Loaded(r, _) if r != self.request => {}
            Message::Loaded(_, Ok(t)) => {
                self.tables = Some(t);
                self.error = None;
            }
            Message::Loaded(_, Err(e)) => self.error = Some(e.to_string()),
            Message::Chosen(p) => {
                self.whom = p.whom;
                return Action::Run(self.load());
            }
            Message::PreviousWeek => {
                self.monday = self.monday - Days::new(7);
                return Action::Run(self.load());
            }
            Message::NextWeek => {
                self.monday = self.monday + Days::new(7);
                return Action::Run(self.load());
            }
            Message::Pdf => {
                let name = format!("รายงานประจำสัปดาห์ {}.pdf", self.monday);
                let pending = self.session.dialogs.save_file(
                    "บันทึกรายงานประจำสัปดาห์เป็น PDF",
                    &name,
                    crate::app::dialogs::PDF,
                );
                return Action::Run(Task::perform(pending, Message::PdfTo));
            }
            Message::PdfTo(None) => self.notice = Some("ยกเลิกการบันทึก PDF".into()),
            Message::PdfTo(Some(path)) => {
                let Some(t) = self.tables.clone() else { return Action::None };
                let (store, today) = (self.session.reader.clone(), self.session.today);
                return Action::Run(Task::perform(
                    super::targets::save_tables_pdf(store, t, path, today),
                    Message::PdfSaved,
                ));
            }
            Message::PdfSaved(Ok(path)) => {
                self.notice = Some(format!("บันทึก PDF แล้วที่ {}", path.display()));
            }
            Message::PdfSaved(Err(e)) => self.error = Some(e),
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let chosen = self.people.iter().find(|p| p.whom == self.whom).cloned();
        let header = row![
            title("รายงานประจำสัปดาห์").width(Fill),
            pick_list(self.people.clone(), chosen, Message::Chosen).placeholder("เลือกผู้รับผิดชอบ"),
            secondary_button("สัปดาห์ก่อน", Some(Message::PreviousWeek)),
            secondary_button("สัปดาห์ถัดไป", Some(Message::NextWeek)),
            secondary_button("บันทึก PDF", self.tables.is_some().then_some(Message::Pdf)),
        ]
        .spacing(space::S)
        .align_y(iced::Center);
        let mut c = Column::new().spacing(space::L).push(header).push(muted(format!(
            "ตั้งแต่วันจันทร์ที่ {} ถึงวันอาทิตย์ที่ {}",
            format_long(self.monday),
            format_long(self.monday + Days::new(6))
        )));
        if let Some(e) = &self.error {
            c = c.push(error_banner(e.as_str()));
        }
        if let Some(n) = &self.notice {
            c = c.push(muted(n.clone()));
        }
        let Some(tables) = &self.tables else {
            return page(c.push(card(muted("กำลังสรุปงานของสัปดาห์…"))));
        };
        for t in tables.iter() {
            c = c.push(card(table_view::view(t, 100)));
        }
        page(c)
    }
}
