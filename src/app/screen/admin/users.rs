//! User management (committee only, DESIGN.md §1): the users with their roles, adding one,
//! giving one a new password, deactivating and reactivating. Users are never deleted (the audit
//! log points at them) and the last active committee user cannot be deactivated; the store
//! enforces both and records every change in the audit log. Names locked after too many wrong
//! passwords are listed with the time they open again, and the committee may lift a lock.

use iced::widget::{Column, column, row};
use iced::{Element, Task};

use crate::app::form::{Checker, Errors, Form};
use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::{Tone, dim, space};
use crate::app::widget::{
    Field, badge, card, cell, choices, col, danger_button, error_banner, error_text, field,
    labelled, muted, notice_banner, page, primary_button, secondary_button, section, striped,
    table_header, table_row, title,
};
use crate::domain::role::Role;
use crate::store::StoreError;
use crate::store::sessions::{self, LockedName};
use crate::store::users::{self, User, UserInputError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Username,
    FullName,
    Password,
    PasswordAgain,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::Username => "user-username",
            Input::FullName => "user-full-name",
            Input::Password => "user-password",
            Input::PasswordAgain => "user-password-again",
        }
    }
}

/// The new user the add form describes once every field is valid.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub password: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<User>, StoreError>),
    Edit(Input, String),
    RoleSelected(Role),
    Add,
    Added(Result<User, StoreError>),
    StartReset(i64),
    ResetEdit(Input, String),
    ConfirmReset,
    CancelReset,
    PasswordReset(Result<(), StoreError>),
    SetActive(i64, bool),
    ActiveSet(Result<User, StoreError>),
    LockedLoaded(Result<Vec<LockedName>, StoreError>),
    Unlock(String),
    Unlocked(Result<String, StoreError>),
}

pub struct Users {
    session: Session,
    pub users: Option<Vec<User>>,
    pub form: Form<Input>,
    pub role: Role,
    /// The user whose password is being reset, and the two password fields for it.
    pub resetting: Option<i64>,
    pub reset_form: Form<Input>,
    pub busy: bool,
    pub notice: Option<String>,
    pub error: Option<String>,
    /// Names locked now after too many wrong passwords.
    pub locked: Vec<LockedName>,
}

impl Users {
    pub fn new(session: Session) -> (Users, Task<Message>) {
        let screen = Users {
            session,
            users: None,
            form: Form::default(),
            role: Role::Officer,
            resetting: None,
            reset_form: Form::default(),
            busy: false,
            notice: None,
            error: None,
            locked: Vec::new(),
        };
        let task = screen.reload();
        (screen, task)
    }

    fn reload(&self) -> Task<Message> {
        let now = chrono::Local::now().naive_local();
        Task::batch([
            read(&self.session.store, |conn| users::list(conn), Message::Loaded),
            read(
                &self.session.store,
                move |conn| sessions::locked_names(conn, now),
                Message::LockedLoaded,
            ),
        ])
    }

    pub fn parse(&self) -> Result<NewUser, Errors<Input>> {
        let f = &self.form;
        let mut c = Checker::default();
        let username = f.get(Input::Username).trim().to_string();
        c.take(Input::Username, users::validate_username(&username));
        let full_name = f.get(Input::FullName).trim().to_string();
        if full_name.is_empty() {
            c.fail(Input::FullName, UserInputError::NoName.to_string());
        }
        check_passwords(&mut c, f);
        if !c.is_ok() {
            return Err(c.errors);
        }
        Ok(NewUser {
            username,
            full_name,
            role: self.role,
            password: f.get(Input::Password).into(),
        })
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(list)) => self.users = Some(list),
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                self.form.show(self.parse().err().unwrap_or_default());
            }
            Message::RoleSelected(role) => self.role = role,
            Message::Add => {
                if self.busy {
                    return Action::None;
                }
                self.form.submit();
                let parsed = self.parse();
                self.form.show(parsed.clone().err().unwrap_or_default());
                let Ok(new) = parsed else { return Action::None };
                return self.run(
                    move |tx, actor| {
                        users::create(
                            tx,
                            actor,
                            &new.username,
                            &new.full_name,
                            new.role,
                            &new.password,
                        )
                    },
                    Message::Added,
                );
            }
            Message::Added(Ok(user)) => {
                self.busy = false;
                self.form = Form::default();
                self.role = Role::Officer;
                self.notice = Some(format!("เพิ่มผู้ใช้ {} ({}) แล้ว", user.username, user.role));
                return Action::Run(self.reload());
            }
            Message::Added(Err(e)) => {
                self.busy = false;
                // A name already taken is the username's problem: say so beside it.
                if e.to_string().contains("มีผู้ใช้ชื่อ") {
                    self.form.set_error(Input::Username, e.to_string());
                } else {
                    self.error = Some(e.to_string());
                }
            }
            Message::StartReset(id) => {
                self.resetting = Some(id);
                self.reset_form = Form::default();
                self.notice = None;
            }
            Message::ResetEdit(input, value) => {
                self.reset_form.edit(input, value);
                self.reset_form.show(reset_errors(&self.reset_form));
            }
            Message::CancelReset => self.resetting = None,
            Message::ConfirmReset => {
                let Some(id) = self.resetting else { return Action::None };
                if self.busy {
                    return Action::None;
                }
                self.reset_form.submit();
                let errors = reset_errors(&self.reset_form);
                let ok = errors.is_empty();
                self.reset_form.show(errors);
                if !ok {
                    return Action::None;
                }
                let password = self.reset_form.get(Input::Password).to_string();
                self.busy = true;
                self.error = None;
                let actor = self.session.actor();
                return Action::Run(write(
                    &self.session.store,
                    move |tx| users::reset_password(tx, &actor, id, &password),
                    Message::PasswordReset,
                ));
            }
            Message::PasswordReset(Ok(())) => {
                self.busy = false;
                let id = self.resetting.take();
                let name = self.name_of(id);
                self.notice = Some(format!("ตั้งรหัสผ่านใหม่ให้ {name} แล้ว"));
            }
            Message::SetActive(id, active) => {
                if self.busy {
                    return Action::None;
                }
                return self.run(
                    move |tx, actor| users::set_active(tx, actor, id, active),
                    Message::ActiveSet,
                );
            }
            Message::ActiveSet(Ok(user)) => {
                self.busy = false;
                let what = if user.active {
                    "เปิดใช้งาน"
                } else {
                    "ปิดการใช้งาน"
                };
                self.notice = Some(format!("{what} {} แล้ว", user.username));
                return Action::Run(self.reload());
            }
            Message::LockedLoaded(Ok(locked)) => self.locked = locked,
            Message::Unlock(name) => {
                if self.busy {
                    return Action::None;
                }
                self.busy = true;
                self.error = None;
                let actor = self.session.actor();
                return Action::Run(write(
                    &self.session.store,
                    move |tx| sessions::unlock_name(tx, &actor, &name).map(|()| name),
                    Message::Unlocked,
                ));
            }
            Message::Unlocked(Ok(name)) => {
                self.busy = false;
                self.notice = Some(format!("ปลดล็อกชื่อ {name} แล้ว เข้าสู่ระบบได้ทันที"));
                return Action::Run(self.reload());
            }
            Message::Loaded(Err(e))
            | Message::PasswordReset(Err(e))
            | Message::ActiveSet(Err(e))
            | Message::LockedLoaded(Err(e))
            | Message::Unlocked(Err(e)) => {
                self.busy = false;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    /// Runs a change to one user as the signed-in committee member, in one transaction.
    fn run(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction, &users::Actor) -> crate::store::Result<User>
        + Send
        + 'static,
        done: fn(Result<User, StoreError>) -> Message,
    ) -> Action<Message> {
        self.busy = true;
        self.error = None;
        self.notice = None;
        let actor = self.session.actor();
        Action::Run(write(&self.session.store, move |tx| f(tx, &actor), done))
    }

    fn name_of(&self, id: Option<i64>) -> String {
        let users = self.users.as_deref().unwrap_or_default();
        id.and_then(|id| users.iter().find(|u| u.id == id))
            .map(|u| u.username.clone())
            .unwrap_or_default()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::L).push(title("ผู้ใช้งาน"));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(n) = &self.notice {
            content = content.push(notice_banner(n.as_str()));
        }
        content = content.push(self.view_list());
        if let Some(locked) = self.view_locked() {
            content = content.push(locked);
        }
        if let Some(id) = self.resetting {
            content = content.push(self.view_reset(id));
        }
        page(content.push(self.view_add()))
    }

    fn view_locked(&self) -> Option<Element<'_, Message>> {
        if self.locked.is_empty() {
            return None;
        }
        let cols = [col("ชื่อผู้ใช้ที่พิมพ์", 4), col("ล็อกถึง", 5), col("", 4)];
        let mut table = Column::new().push(table_header(&cols));
        for (i, l) in self.locked.iter().enumerate() {
            let unlock = secondary_button(
                "ปลดล็อก",
                (!self.busy).then_some(Message::Unlock(l.username.clone())),
            );
            table = table.push(striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell(&l.username).into(),
                        cell(sessions::until_label(l.until)).into(),
                        unlock,
                    ],
                ),
            ));
        }
        let note = muted("ใส่รหัสผ่านผิดหลายครั้งติดกัน ปลดล็อกเมื่อยืนยันตัวผู้ใช้แล้วเท่านั้น");
        Some(section("ชื่อที่ถูกล็อกชั่วคราว", vec![], column![note, table].spacing(space::M)))
    }

    fn view_list(&self) -> Element<'_, Message> {
        let Some(list) = &self.users else { return card(muted("กำลังโหลด…")) };
        let cols =
            [col("ชื่อผู้ใช้", 3), col("ชื่อ-สกุล", 5), col("บทบาท", 3), col("สถานะ", 2), col("", 6)];
        let mut table = Column::new().push(table_header(&cols));
        // The store refuses to deactivate the last active committee user; do not offer it.
        let committees = list.iter().filter(|u| u.active && u.role == Role::Committee).count();
        for (i, u) in list.iter().enumerate() {
            let status = if u.active {
                badge("ใช้งานได้", Tone::Good)
            } else {
                badge("ปิดการใช้งาน", Tone::Quiet)
            };
            let enabled = !self.busy;
            let last = u.role == Role::Committee && committees == 1;
            let toggle = if u.active {
                let may = enabled && !last;
                danger_button("ปิดการใช้งาน", may.then_some(Message::SetActive(u.id, false)))
            } else {
                secondary_button("เปิดใช้งานอีกครั้ง", enabled.then_some(Message::SetActive(u.id, true)))
            };
            let buttons = row![
                secondary_button("ตั้งรหัสผ่านใหม่", enabled.then_some(Message::StartReset(u.id))),
                toggle
            ]
            .spacing(space::S);
            table = table.push(striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell(u.username.as_str()).into(),
                        cell(u.full_name.as_str()).into(),
                        cell(u.role.to_string()).into(),
                        status,
                        buttons.into(),
                    ],
                ),
            ));
        }
        section("รายชื่อผู้ใช้", vec![], table)
    }

    fn view_reset(&self, id: i64) -> Element<'_, Message> {
        let input = |label: &'static str, input: Input| -> Field<'_, Message> {
            field(label, input.id(), "", self.reset_form.get(input), move |v| {
                Message::ResetEdit(input, v)
            })
            .error(self.reset_form.error(input))
            .submit(Message::ConfirmReset)
            .secure()
        };
        let heading = format!("ตั้งรหัสผ่านใหม่ให้ {}", self.name_of(Some(id)));
        card(
            column![
                crate::app::widget::subtitle(heading),
                input("รหัสผ่านใหม่", Input::Password).hint("อย่างน้อย 8 ตัวอักษร"),
                input("รหัสผ่านใหม่อีกครั้ง", Input::PasswordAgain),
                row![
                    primary_button("บันทึกรหัสผ่าน", (!self.busy).then_some(Message::ConfirmReset)),
                    secondary_button("ยกเลิก", Some(Message::CancelReset)),
                ]
                .spacing(space::M),
            ]
            .spacing(space::M)
            .max_width(dim::FORM),
        )
    }

    fn view_add(&self) -> Element<'_, Message> {
        let input =
            |label: &'static str, input: Input, placeholder: &'static str| -> Field<'_, Message> {
                field(label, input.id(), placeholder, self.form.get(input), move |v| {
                    Message::Edit(input, v)
                })
                .error(self.form.error(input))
                .submit(Message::Add)
            };
        let mut fields = column![
            input("ชื่อผู้ใช้", Input::Username, "ภาษาอังกฤษหรือตัวเลข เช่น somchai"),
            input("ชื่อ-สกุล", Input::FullName, "เช่น นางสาวใจดี มีสุข"),
            labelled("บทบาท", choices(Role::ALL, Some(&self.role), Message::RoleSelected)),
            input("รหัสผ่าน", Input::Password, "").secure().hint("อย่างน้อย 8 ตัวอักษร"),
            input("รหัสผ่านอีกครั้ง", Input::PasswordAgain, "").secure(),
        ]
        .spacing(space::M)
        .max_width(dim::FORM);
        if self.form.has_errors() {
            fields = fields.push(error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
        }
        fields =
            fields.push(primary_button("เพิ่มผู้ใช้ (Enter)", (!self.busy).then_some(Message::Add)));
        section("เพิ่มผู้ใช้ใหม่", vec![], fields)
    }
}

/// Puts a password problem beside the field it belongs to: too short beside the first, not
/// matching beside the second.
fn check_passwords(c: &mut Checker<Input>, f: &Form<Input>) {
    match users::check_new_password(f.get(Input::Password), f.get(Input::PasswordAgain)) {
        Ok(()) => {}
        Err(e @ UserInputError::PasswordsDiffer) => c.fail(Input::PasswordAgain, e.to_string()),
        Err(e) => c.fail(Input::Password, e.to_string()),
    }
}

fn reset_errors(f: &Form<Input>) -> Errors<Input> {
    let mut c = Checker::default();
    check_passwords(&mut c, f);
    c.errors
}
