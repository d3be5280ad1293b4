//! ทะเบียนเหตุละเมิดข้อมูลส่วนบุคคล (committee only, PDPA s.37(4)): every breach recorded, newest
//! first, with the 72-hour deadline for telling the PDPC counted down and whether the members
//! affected must be told; a form to record a new one and buttons to stamp each telling. The rules
//! are `domain::privacy::breach`'s, the writes `store::privacy::breaches`' (one transaction each,
//! audited); this screen only calls them.

mod view;

use iced::Task;

use crate::app::form::Form;
use crate::app::screen::{Action, Session, read, write};
use crate::clock;
use crate::domain::privacy::breach::Risk;
use crate::domain::privacy::breach_form::{self, Field};
use crate::domain::role::Permission;
use crate::domain::thai::date::format_numeric;
use crate::store::StoreError;
use crate::store::privacy::breaches::{self, Breach, NewBreach, Told};

/// The text input's id of a field (focus, simulator).
pub fn input_id(field: Field) -> &'static str {
    match field {
        Field::LearnedDate => "breach-learned-date",
        Field::LearnedTime => "breach-learned-time",
        Field::HappenedDate => "breach-happened-date",
        Field::What => "breach-what",
        Field::People => "breach-people",
    }
}

pub const FIELDS: [Field; 5] =
    [Field::LearnedDate, Field::LearnedTime, Field::HappenedDate, Field::What, Field::People];

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<Breach>, StoreError>),
    Edit(Field, String),
    RiskChosen(Risk),
    Record,
    Recorded(Result<i64, StoreError>),
    Tell(i64, Told),
    Told(Result<(i64, Told), StoreError>),
}

pub struct Breaches {
    session: Session,
    pub list: Option<Vec<Breach>>,
    pub form: Form<Field>,
    pub risk: Risk,
    pub saving: bool,
    /// What the last write did.
    pub done: Option<String>,
    /// A refusal from the store.
    pub error: Option<String>,
}

impl Breaches {
    pub fn new(session: Session) -> (Breaches, Task<Message>) {
        let mut screen = Breaches {
            session,
            list: None,
            form: Form::default(),
            risk: Risk::Risk,
            saving: false,
            done: None,
            error: None,
        };
        screen.reset_form();
        let task = screen.load();
        (screen, task)
    }

    /// Most breaches are recorded as soon as someone hears of them: now is the likely moment.
    fn reset_form(&mut self) {
        let now = clock::now();
        self.form = Form::default();
        self.form.preset(Field::LearnedDate, format_numeric(now.date()));
        self.form.preset(Field::LearnedTime, now.format("%H:%M").to_string());
        self.risk = Risk::Risk;
    }

    fn load(&self) -> Task<Message> {
        read(&self.session.store, |c| breaches::all(c), Message::Loaded)
    }

    fn values(&self) -> std::collections::BTreeMap<Field, String> {
        FIELDS.iter().map(|f| (*f, self.form.get(*f).to_string())).collect()
    }

    fn recheck(&mut self) {
        let errors =
            breach_form::parse(&self.values(), self.risk, clock::now()).err().unwrap_or_default();
        self.form.show(errors);
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(list)) => self.list = Some(list),
            Message::Edit(field, value) => {
                self.form.edit(field, value);
                self.done = None;
                self.recheck();
            }
            Message::RiskChosen(r) => self.risk = r,
            Message::Record => return self.record(),
            Message::Recorded(Ok(id)) => {
                self.saving = false;
                self.error = None;
                self.done = Some(format!("บันทึกเหตุละเมิดลำดับที่ {id} แล้ว"));
                self.reset_form();
                return Action::Run(self.load());
            }
            Message::Tell(id, who) => {
                if self.saving || !self.session.may(Permission::ManagePersonalData) {
                    return Action::None;
                }
                self.saving = true;
                let actor = self.session.actor();
                return Action::Run(write(
                    &self.session.store,
                    move |tx| breaches::tell(tx, &actor, id, who, clock::now()).map(|()| (id, who)),
                    Message::Told,
                ));
            }
            Message::Told(Ok((id, who))) => {
                self.saving = false;
                self.error = None;
                let whom = match who {
                    Told::Pdpc => "สคส.",
                    Told::Members => "เจ้าของข้อมูล",
                };
                self.done = Some(format!("บันทึกว่าแจ้ง{whom}เรื่องเหตุลำดับที่ {id} แล้ว"));
                return Action::Run(self.load());
            }
            Message::Loaded(Err(e)) | Message::Recorded(Err(e)) | Message::Told(Err(e)) => {
                self.saving = false;
                self.done = None;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    fn record(&mut self) -> Action<Message> {
        if self.saving || !self.session.may(Permission::ManagePersonalData) {
            return Action::None;
        }
        self.form.submit();
        self.recheck();
        self.done = None;
        let Ok(p) = breach_form::parse(&self.values(), self.risk, clock::now()) else {
            return Action::None;
        };
        self.saving = true;
        self.error = None;
        let actor = self.session.actor();
        let b = NewBreach {
            learned_at: p.learned_at,
            happened_at: p.happened_at,
            what: p.what,
            risk: p.risk,
            people_affected: p.people_affected,
        };
        Action::Run(write(
            &self.session.store,
            move |tx| breaches::record(tx, &actor, &b, clock::now()),
            Message::Recorded,
        ))
    }

    /// Enter records, as on every form.
    pub fn submit(&mut self) -> Action<Message> {
        self.update(Message::Record)
    }

    pub fn view(&self) -> iced::Element<'_, Message> {
        view::view(self)
    }
}
