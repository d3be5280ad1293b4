//! The sign-in section of ตั้งค่าระบบ: wrong passwords before a user name locks, how long it
//! stays locked, and the idle minutes before the window locks. Its own form and save button, so
//! a mistake in the institute's fields never blocks it (nor it them); checked by
//! `domain::sign_in_settings`, saved by `store::sign_in_settings::save` (one transaction, one
//! audit entry per value changed).

use iced::widget::{Column, row};
use iced::{Element, Task};

use crate::app::form::Form;
use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::space;
use crate::app::widget::{card, error_text, field, muted, primary_button, small, subtitle};
use crate::domain::role::Permission;
use crate::domain::sign_in::Policy;
use crate::domain::sign_in_settings::{self as domain, Field};
use crate::store::StoreError;
use crate::store::{sessions, sign_in_settings as store};

pub fn input_id(field: Field) -> &'static str {
    match field {
        Field::MaxFailures => "settings-signin-max-failures",
        Field::LockMinutes => "settings-signin-lock-minutes",
        Field::IdleMinutes => "settings-signin-idle-minutes",
    }
}

fn hint(field: Field) -> &'static str {
    match field {
        Field::MaxFailures => "ครั้ง (3–10) แล้วล็อกชื่อผู้ใช้นั้น",
        Field::LockMinutes => "1–1440 นาที กรรมการปลดล็อกก่อนได้ที่หน้าผู้ใช้งาน",
        Field::IdleMinutes => "0–240 นาที (0 = ไม่ล็อก)",
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Policy, StoreError>),
    Edit(Field, String),
    Save,
    Saved(Result<(usize, Policy), StoreError>),
}

pub struct SignInSection {
    pub form: Form<Field>,
    pub stored: Option<Policy>,
    pub saving: bool,
    pub saved: Option<String>,
    pub error: Option<String>,
}

impl SignInSection {
    pub fn new(session: &Session) -> (SignInSection, Task<Message>) {
        let task = read(&session.store, |c| sessions::policy(c), Message::Loaded);
        let s = SignInSection {
            form: Form::default(),
            stored: None,
            saving: false,
            saved: None,
            error: None,
        };
        (s, task)
    }

    fn values(&self) -> std::collections::BTreeMap<Field, String> {
        Field::ALL.iter().map(|f| (*f, self.form.get(*f).to_string())).collect()
    }

    fn recheck(&mut self) {
        self.form.show(domain::validate(&self.values()).err().unwrap_or_default());
    }

    pub fn update(&mut self, session: &Session, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(p)) => {
                self.form = Form::with(domain::form(&p));
                self.stored = Some(p);
            }
            Message::Edit(f, v) => {
                self.form.edit(f, v);
                self.saved = None;
                self.recheck();
            }
            Message::Save => {
                if self.saving || self.stored.is_none() || !session.may(Permission::EditSettings) {
                    return Action::None;
                }
                self.form.submit();
                self.recheck();
                self.saved = None;
                let Ok(p) = domain::validate(&self.values()) else { return Action::None };
                self.saving = true;
                self.error = None;
                let actor = session.actor();
                return Action::Run(write(
                    &session.store,
                    move |tx| Ok((store::save(tx, &actor, &p)?, sessions::policy(tx)?)),
                    Message::Saved,
                ));
            }
            Message::Saved(Ok((changed, p))) => {
                self.saving = false;
                self.saved = Some(if changed == 0 {
                    "ไม่มีค่าที่เปลี่ยน จึงไม่ได้บันทึก".into()
                } else {
                    format!("บันทึกการตั้งค่าการเข้าสู่ระบบแล้ว {changed} รายการ")
                });
                self.form = Form::with(domain::form(&p));
                self.stored = Some(p);
            }
            Message::Loaded(Err(e)) | Message::Saved(Err(e)) => {
                self.saving = false;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = Column::new().spacing(space::M).push(subtitle("การเข้าสู่ระบบ"));
        for f in Field::ALL {
            c = c.push(
                field(f.label(), input_id(f), "", self.form.get(f), move |v| Message::Edit(f, v))
                    .error(self.form.error(f))
                    .hint(hint(f))
                    .submit(Message::Save),
            );
        }
        let outcome: Element<'_, Message> = match (&self.error, &self.saved) {
            (Some(e), _) => error_text(e.as_str()).into(),
            (None, Some(done)) => muted(done.as_str()).into(),
            (None, None) if self.form.has_errors() => {
                error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง").into()
            }
            (None, None) => small(" ").into(),
        };
        let can = !self.saving && self.stored.is_some();
        c = c.push(
            row![primary_button("บันทึกการตั้งค่าการเข้าสู่ระบบ", can.then_some(Message::Save)), outcome]
                .spacing(space::M)
                .align_y(iced::Center),
        );
        card(c)
    }
}
