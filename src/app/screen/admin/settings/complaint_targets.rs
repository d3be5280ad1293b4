//! The complaint steps' targets on ตั้งค่าระบบ (issue 16 §2): the working days allowed to each
//! step, each field checked by `domain::complaints::parse_target_days` with its message beside
//! it; saved apart from the institute's settings (its own button), through
//! `store::complaints::set_targets` (one transaction, each change audited).

use iced::Element;
use iced::widget::{Column, row};

use crate::app::form::{Errors, Form};
use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::space;
use crate::app::widget::{error_text, field, muted, primary_button, small, subtitle};
use crate::domain::complaints::{Targets, parse_target_days};
use crate::domain::role::Permission;
use crate::store::StoreError;
use crate::store::complaints;

/// The button that saves the targets.
pub const SAVE: &str = "บันทึกกำหนดเวลาเรื่องร้องเรียน";

/// The text input's id of the `i`-th target in [`Targets::KEYS`] order (focus, simulator).
pub fn input_id(i: usize) -> &'static str {
    const IDS: [&str; 5] = [
        "settings-complaint-acknowledge",
        "settings-complaint-assess",
        "settings-complaint-investigate",
        "settings-complaint-respond",
        "settings-complaint-close",
    ];
    IDS[i.min(IDS.len() - 1)]
}

/// The fields' labels in [`Targets::KEYS`] order.
const LABELS: [&str; 5] = [
    "ตอบรับเรื่องภายใน (วันทำการ)",
    "ประเมินเรื่องภายใน (วันทำการ)",
    "ตรวจสอบข้อเท็จจริงภายใน (วันทำการ)",
    "แจ้งผลภายใน (วันทำการ)",
    "ปิดเรื่องภายใน (วันทำการ)",
];

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Targets, StoreError>),
    Edit(usize, String),
    Save,
    Saved(Result<(usize, Targets), StoreError>),
}

#[derive(Debug, Default)]
pub struct TargetsForm {
    pub form: Form<usize>,
    pub stored: Option<Targets>,
    pub saving: bool,
    pub saved: Option<String>,
    pub error: Option<String>,
}

fn form_of(t: &Targets) -> Form<usize> {
    Form::with(t.in_key_order().iter().enumerate().map(|(i, d)| (i, d.to_string())))
}

impl TargetsForm {
    pub fn load(session: &Session) -> Task {
        read(&session.store, |c| complaints::targets(c), Message::Loaded)
    }

    /// Every field parsed; on any error, every message by field.
    fn parse(&self) -> Result<Vec<u32>, Errors<usize>> {
        let mut days = Vec::new();
        let mut errors = Errors::new();
        for i in 0..Targets::KEYS.len() {
            match parse_target_days(self.form.get(i)) {
                Ok(d) => days.push(d),
                Err(e) => {
                    errors.insert(i, e);
                }
            }
        }
        if errors.is_empty() { Ok(days) } else { Err(errors) }
    }

    fn recheck(&mut self) {
        let errors = self.parse().err().unwrap_or_default();
        self.form.show(errors);
    }

    pub fn update(&mut self, session: &Session, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(t)) => {
                self.form = form_of(&t);
                self.stored = Some(t);
            }
            Message::Edit(i, value) => {
                self.form.edit(i, value);
                self.saved = None;
                self.error = None;
                self.recheck();
            }
            Message::Save => return self.save(session),
            Message::Saved(Ok((changed, t))) => {
                self.saving = false;
                self.saved = Some(if changed == 0 {
                    "ไม่มีกำหนดเวลาที่เปลี่ยน จึงไม่ได้บันทึก".into()
                } else {
                    format!("บันทึกกำหนดเวลาแล้ว {changed} ขั้นตอน (บันทึกไว้ในบันทึกการใช้งาน)")
                });
                self.form = form_of(&t);
                self.stored = Some(t);
            }
            Message::Loaded(Err(e)) | Message::Saved(Err(e)) => {
                self.saving = false;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    fn save(&mut self, session: &Session) -> Action<Message> {
        if self.saving || self.stored.is_none() || !session.may(Permission::EditSettings) {
            return Action::None;
        }
        self.form.submit();
        self.recheck();
        self.saved = None;
        let Ok(days) = self.parse() else { return Action::None };
        self.saving = true;
        self.error = None;
        let actor = session.actor();
        Action::Run(write(
            &session.store,
            move |tx| {
                let changed = complaints::set_targets(tx, &actor, &days)?;
                Ok((changed, complaints::targets(tx)?))
            },
            Message::Saved,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = Column::new().spacing(space::M).push(subtitle("กำหนดเวลาเรื่องร้องเรียน")).push(
            muted("จำนวนวันทำการนับจากวันรับเรื่อง (หรือวันเปิดเรื่องใหม่) ไม่นับเสาร์ อาทิตย์ และวันหยุดในปฏิทิน"),
        );
        for (i, label) in LABELS.iter().enumerate() {
            c = c.push(
                field(label, input_id(i), "วันทำการ", self.form.get(i), move |v| {
                    Message::Edit(i, v)
                })
                .error(self.form.error(i))
                .submit(Message::Save),
            );
        }
        let outcome: Element<'_, Message> = match (&self.error, &self.saved) {
            (Some(e), _) => error_text(e.as_str()).into(),
            (None, Some(done)) => muted(done.as_str()).into(),
            (None, None) if self.form.has_errors() => {
                error_text("ยังบันทึกกำหนดเวลาไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง").into()
            }
            (None, None) => small(" ").into(),
        };
        let can_save = !self.saving && self.stored.is_some();
        c.push(
            row![primary_button(SAVE, can_save.then_some(Message::Save)), outcome]
                .spacing(space::M)
                .align_y(iced::Center),
        )
        .into()
    }
}

type Task = iced::Task<Message>;
