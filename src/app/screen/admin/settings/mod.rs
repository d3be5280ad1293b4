//! ตั้งค่าระบบ (committee only, issue 17 §D17): the institute's name, address, phone, PromptPay,
//! the letters' signer, the letter-number prefix and the letter thresholds, editable after the
//! first setup. The checks are `domain::institute_settings`'s, the save is
//! `store::institute_settings::save` (one transaction, audited); this screen only calls them.
//! The complaint steps' targets are a section of their own ([`complaint_targets`]).

pub mod complaint_targets;
pub mod sign_in;
mod view;

use iced::Task;

use crate::app::form::Form;
use crate::app::screen::{Action, Session, read, write};
use crate::domain::institute_settings::{self as domain, Field, Settings};
use crate::domain::role::Permission;
use crate::store::StoreError;
use crate::store::institute_settings as store;

/// The text input's id of a field (focus, simulator).
pub fn input_id(field: Field) -> &'static str {
    match field {
        Field::Name => "settings-name",
        Field::Address => "settings-address",
        Field::Phone => "settings-phone",
        Field::PromptPay => "settings-promptpay",
        Field::SignerName => "settings-signer-name",
        Field::SignerPosition => "settings-signer-position",
        Field::LetterPrefix => "settings-letter-prefix",
        Field::MinReminder => "settings-min-reminder",
        Field::MinOverdue => "settings-min-overdue",
        Field::Tolerance => "settings-tolerance",
        Field::ReminderDays => "settings-reminder-days",
        Field::DemandDays => "settings-demand-days",
        Field::Demand2Days => "settings-demand2-days",
        Field::RoundUpBaht => "settings-round-up-baht",
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Settings, StoreError>),
    Edit(Field, String),
    Save,
    Saved(Result<(usize, Settings), StoreError>),
    /// The sign-in section's own messages.
    SignIn(sign_in::Message),
    Targets(complaint_targets::Message),
}

pub struct SettingsScreen {
    session: Session,
    pub form: Form<Field>,
    /// What is stored now (the form started from it).
    pub stored: Option<Settings>,
    pub saving: bool,
    /// What the last save did, shown beside the save button.
    pub saved: Option<String>,
    /// A refusal from the store, shown beside the save button.
    pub error: Option<String>,
    /// Lockout and idle lock, saved on their own.
    pub sign_in: sign_in::SignInSection,
    /// The complaint steps' targets, saved with their own button.
    pub targets: complaint_targets::TargetsForm,
}

impl SettingsScreen {
    pub fn new(session: Session) -> (SettingsScreen, Task<Message>) {
        let (sign_in, sign_in_task) = sign_in::SignInSection::new(&session);
        let task = Task::batch([
            read(&session.store, |c| store::load(c), Message::Loaded),
            complaint_targets::TargetsForm::load(&session).map(Message::Targets),
            sign_in_task.map(Message::SignIn),
        ]);
        let screen = SettingsScreen {
            sign_in,
            session,
            form: Form::default(),
            stored: None,
            saving: false,
            saved: None,
            error: None,
            targets: complaint_targets::TargetsForm::default(),
        };
        (screen, task)
    }

    fn values(&self) -> std::collections::BTreeMap<Field, String> {
        Field::ALL.iter().map(|f| (*f, self.form.get(*f).to_string())).collect()
    }

    fn recheck(&mut self) {
        let errors = domain::validate(&self.values()).err().unwrap_or_default();
        self.form.show(errors);
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(settings)) => {
                self.form = Form::with(settings.form());
                self.stored = Some(settings);
                self.error = None;
            }
            Message::Edit(field, value) => {
                self.form.edit(field, value);
                self.saved = None;
                self.recheck();
            }
            Message::Save => return self.save(),
            Message::SignIn(m) => {
                return self.sign_in.update(&self.session, m).map(Message::SignIn);
            }
            Message::Targets(m) => {
                return self.targets.update(&self.session, m).map(Message::Targets);
            }
            Message::Saved(Ok((changed, settings))) => {
                self.saving = false;
                self.saved = Some(if changed == 0 {
                    "ไม่มีค่าที่เปลี่ยน จึงไม่ได้บันทึก".into()
                } else {
                    format!("บันทึกแล้ว {changed} รายการ (บันทึกไว้ในบันทึกการใช้งาน)")
                });
                self.form = Form::with(settings.form());
                self.stored = Some(settings);
            }
            Message::Loaded(Err(e)) | Message::Saved(Err(e)) => {
                self.saving = false;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    fn save(&mut self) -> Action<Message> {
        if self.saving || self.stored.is_none() || !self.session.may(Permission::EditSettings) {
            return Action::None;
        }
        self.form.submit();
        self.recheck();
        self.saved = None;
        let Ok(valid) = domain::validate(&self.values()) else {
            return Action::None;
        };
        self.saving = true;
        self.error = None;
        let actor = self.session.actor();
        Action::Run(write(
            &self.session.store,
            move |tx| {
                let changed = store::save(tx, &actor, &valid)?;
                Ok((changed, store::load(tx)?))
            },
            Message::Saved,
        ))
    }

    /// Enter saves, as on every form.
    pub fn submit(&mut self) -> Action<Message> {
        self.update(Message::Save)
    }

    pub fn view(&self) -> iced::Element<'_, Message> {
        view::view(self)
    }
}
