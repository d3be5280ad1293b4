//! The member form: title, names, national id (with its check digit), birth date, phone, grade.
//! A new member joins the household the form was opened from; editing ("แก้ไข") starts from the
//! member's stored values and checks them the same way.

use chrono::NaiveDate;
use iced::widget::{Column, column, row};
use iced::{Element, Task};

use crate::app::form::{Checker, Errors, Form};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    Field, card, choices, error_banner, error_text, field, labelled, muted, page, primary_button,
    secondary_button, title,
};
use crate::domain::NationalId;
use crate::domain::person::{Grade, PersonError, TITLES, parse_phone};
use crate::domain::thai::date::{self, format_numeric};
use crate::store::StoreError;
use crate::store::households::{self, Household};
use crate::store::persons::{self, NewPerson, Person};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Title,
    FirstName,
    LastName,
    NationalId,
    BirthDate,
    Phone,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::Title => "member-title",
            Input::FirstName => "member-first-name",
            Input::LastName => "member-last-name",
            Input::NationalId => "member-national-id",
            Input::BirthDate => "member-birth-date",
            Input::Phone => "member-phone",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Household, StoreError>),
    /// Editing: the member as stored, and their household.
    Editing(Result<Box<(Person, Household)>, StoreError>),
    TitleSelected(&'static str),
    GradeSelected(Grade),
    Edit(Input, String),
    Save,
    Saved(Result<i64, StoreError>),
    Cancel,
}

pub struct MemberForm {
    session: Session,
    pub household_id: i64,
    pub household: Option<Household>,
    /// The member being edited; None for a new one.
    pub editing: Option<i64>,
    pub form: Form<Input>,
    pub title: Option<&'static str>,
    pub grade: Grade,
    pub saving: bool,
    pub error: Option<String>,
}

impl MemberForm {
    pub fn new(session: Session, household_id: i64) -> (MemberForm, Task<Message>) {
        let load =
            read(&session.store, move |conn| households::get(conn, household_id), Message::Loaded);
        Self::opened(session, household_id, None, load)
    }

    /// An empty form whose first load is `load` (the household, or the member being edited).
    fn opened(
        session: Session,
        household_id: i64,
        editing: Option<i64>,
        load: Task<Message>,
    ) -> (MemberForm, Task<Message>) {
        let form = MemberForm {
            session,
            household_id,
            household: None,
            editing,
            form: Form::default(),
            title: None,
            grade: Grade::A,
            saving: false,
            error: None,
        };
        (form, Task::batch([load, iced::widget::operation::focus(Input::FirstName.id())]))
    }

    /// The form filled with member `id`, to correct them.
    pub fn edit(session: Session, id: i64) -> (MemberForm, Task<Message>) {
        let load = read(
            &session.store,
            move |conn| {
                let person = persons::get(conn, id)?;
                let household = households::get(conn, person.household_id)?;
                Ok(Box::new((person, household)))
            },
            Message::Editing,
        );
        // The household is known once the member is loaded (`Message::Editing`).
        Self::opened(session, 0, Some(id), load)
    }

    fn prefill(&mut self, p: Person) {
        // A title typed outside the list (rare, old data) must be chosen again from the list.
        self.title = TITLES.iter().copied().find(|t| *t == p.title);
        self.grade = p.grade;
        for (input, value) in [
            (Input::Title, p.title),
            (Input::FirstName, p.first_name),
            (Input::LastName, p.last_name),
            (Input::NationalId, p.national_id.map(|i| i.formatted()).unwrap_or_default()),
            (Input::BirthDate, p.birth_date.map(format_numeric).unwrap_or_default()),
            (Input::Phone, p.phone),
        ] {
            self.form.preset(input, value);
        }
    }

    pub fn parse(&self) -> Result<NewPerson, Errors<Input>> {
        let f = &self.form;
        let mut c = Checker::default();
        if self.title.is_none() {
            c.fail(Input::Title, PersonError::NoTitle.to_string());
        }
        let first = f.get(Input::FirstName).trim().to_string();
        if first.is_empty() {
            c.fail(Input::FirstName, PersonError::NoFirstName.to_string());
        }
        let last = f.get(Input::LastName).trim().to_string();
        if last.is_empty() {
            c.fail(Input::LastName, PersonError::NoLastName.to_string());
        }
        let national_id = match f.get(Input::NationalId).trim() {
            "" => None,
            typed => c.take(Input::NationalId, NationalId::parse(typed)),
        };
        let birth_date = match f.get(Input::BirthDate).trim() {
            "" => None,
            typed => c.take(Input::BirthDate, parse_birth_date(typed, self.session.today)),
        };
        let phone = c.take(Input::Phone, parse_phone(f.get(Input::Phone)));
        if !c.is_ok() {
            return Err(c.errors);
        }
        Ok(NewPerson {
            household_id: self.household_id,
            title: self.title.unwrap_or_default().to_string(),
            first_name: first,
            last_name: last,
            national_id,
            birth_date,
            phone: phone.unwrap_or_default(),
            grade: self.grade,
        })
    }

    fn recheck(&mut self) {
        self.form.show(self.parse().err().unwrap_or_default());
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(h)) => {
                self.household = Some(h);
                Action::None
            }
            Message::Editing(Ok(pair)) => {
                let (person, household) = *pair;
                self.household_id = household.id;
                self.household = Some(household);
                self.prefill(person);
                Action::None
            }
            Message::Loaded(Err(e)) | Message::Editing(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::TitleSelected(t) => {
                self.title = Some(t);
                self.form.edit(Input::Title, t.to_string());
                self.recheck();
                Action::None
            }
            Message::GradeSelected(g) => {
                self.grade = g;
                Action::None
            }
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                self.recheck();
                Action::None
            }
            Message::Save => {
                if self.saving {
                    return Action::None;
                }
                self.form.submit();
                self.recheck();
                let Ok(person) = self.parse() else {
                    return Action::None;
                };
                self.saving = true;
                self.error = None;
                let actor = self.session.actor();
                let editing = self.editing;
                Action::Run(write(
                    &self.session.store,
                    move |tx| match editing {
                        Some(id) => persons::update(tx, &actor, id, &person).map(|()| id),
                        None => persons::create(tx, &actor, &person),
                    },
                    Message::Saved,
                ))
            }
            Message::Saved(Ok(id)) => {
                self.saving = false;
                Action::Replace(match self.editing {
                    Some(_) => Destination::Member(id),
                    None => Destination::Household(self.household_id),
                })
            }
            Message::Saved(Err(e)) => {
                self.saving = false;
                // A duplicate id is refused by the database: say so beside the id.
                if e.to_string().contains("เลขประจำตัวประชาชน")
                {
                    self.form.set_error(Input::NationalId, e.to_string());
                } else {
                    self.error = Some(e.to_string());
                }
                Action::None
            }
            Message::Cancel => Action::Back,
        }
    }

    fn input<'a>(
        &'a self,
        label: &'a str,
        input: Input,
        placeholder: &'a str,
    ) -> Field<'a, Message> {
        field(label, input.id(), placeholder, self.form.get(input), move |v| {
            Message::Edit(input, v)
        })
        .error(self.form.error(input))
        .submit(Message::Save)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let household = self
            .household
            .as_ref()
            .map(|h| format!("ครัวเรือน {}", h.address.one_line()))
            .unwrap_or_default();
        let mut content = Column::new().spacing(space::L).max_width(dim::FORM).push(column![
            title(if self.editing.is_some() {
                "แก้ไขข้อมูลสมาชิก"
            } else {
                "เพิ่มสมาชิก"
            }),
            muted(household)
        ]);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        let title_pick = column![choices(TITLES, self.title.as_ref(), Message::TitleSelected)]
            .width(dim::FORM - dim::LABEL - space::XXL * 2.0);
        let title_pick = match self.form.error(Input::Title) {
            Some(e) => title_pick.push(error_text(e)),
            None => title_pick,
        };
        let mut fields = column![
            labelled("คำนำหน้า", title_pick),
            self.input("ชื่อ", Input::FirstName, ""),
            self.input("นามสกุล", Input::LastName, ""),
            self.input("เลขประจำตัวประชาชน", Input::NationalId, "13 หลัก เช่น 1-2345-67890-12-1")
                .hint("ระบบตรวจหลักสุดท้าย (check digit) ให้"),
            self.input("วันเกิด", Input::BirthDate, "วว/ดด/ปปปป (พ.ศ.) เว้นว่างได้"),
            self.input("โทรศัพท์", Input::Phone, "เช่น 081-234-5678 เว้นว่างได้"),
            labelled("ชั้นสมาชิก", choices(Grade::ALL, Some(&self.grade), Message::GradeSelected)),
        ]
        .spacing(space::M);
        if self.form.has_errors() {
            fields = fields.push(error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
        }
        fields = fields.push(
            row![
                primary_button("บันทึก (Enter)", (!self.saving).then_some(Message::Save)),
                secondary_button("ยกเลิก (Esc)", Some(Message::Cancel)),
            ]
            .spacing(space::M),
        );
        page(content.push(card(fields)))
    }
}

/// A birth date as typed, refused when it is after today (a B.E./C.E. mix-up usually).
pub fn parse_birth_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let d = date::parse(input).map_err(|e| e.to_string())?;
    if d > today {
        return Err("วันเกิดอยู่ในอนาคต กรุณาตรวจปี พ.ศ. อีกครั้ง".into());
    }
    Ok(d)
}
