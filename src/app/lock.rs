//! The idle lock: after the idle minutes without a key press or a click the window hides the work
//! behind a password prompt. The screen underneath is kept as it was; the same user unlocks it
//! and carries on, a committee member may unlock it and carries on as themself (the screen is
//! opened afresh, since the half-done work was someone else's), anyone else is refused.

use iced::widget::{Column, center, container};
use iced::{Element, Task};

use super::screen::sign_in::PASSWORD_ID;
use super::theme::{dim, space};
use super::widget::{
    body, card, error_banner, field, muted, primary_button, secondary_button, title,
};
use crate::domain::role::Role;
use crate::domain::sign_in::may_unlock;
use crate::store::users::User;
use crate::store::{Store, StoreError, sessions};

pub const USERNAME_ID: &str = "lock-username";

#[derive(Debug, Clone)]
pub enum Message {
    UsernameChanged(String),
    PasswordChanged(String),
    Submit,
    Checked(Result<User, StoreError>),
    SignOut,
}

/// What the app does after a lock message.
pub enum Outcome {
    None,
    Run(Task<Message>),
    /// The holder is back: the same session and screen.
    Unlocked(User),
    /// A committee member unlocked it: their session, the same place opened afresh.
    TakenOver(User),
    SignOut,
}

pub struct Lock {
    store: Store,
    pub holder: User,
    pub minutes: i64,
    pub username: String,
    pub password: String,
    pub error: Option<String>,
    pub busy: bool,
}

impl Lock {
    pub fn new(store: Store, holder: User, minutes: i64) -> Lock {
        let username = holder.username.clone();
        Lock { store, holder, minutes, username, password: String::new(), error: None, busy: false }
    }

    pub fn update(&mut self, message: Message) -> Outcome {
        match message {
            Message::UsernameChanged(v) => self.username = v,
            Message::PasswordChanged(v) => self.password = v,
            Message::Submit => {
                if self.busy {
                    return Outcome::None;
                }
                if self.password.is_empty() {
                    self.error = Some("กรุณากรอกรหัสผ่าน".into());
                    return Outcome::None;
                }
                self.busy = true;
                self.error = None;
                let (store, name, password) =
                    (self.store.clone(), self.username.clone(), self.password.clone());
                return Outcome::Run(Task::perform(
                    async move { store.run(move |c| sessions::sign_in(c, &name, &password)).await },
                    Message::Checked,
                ));
            }
            Message::Checked(result) => {
                self.busy = false;
                self.password.clear();
                match result {
                    Ok(user) if user.id == self.holder.id => return Outcome::Unlocked(user),
                    Ok(user)
                        if may_unlock(self.holder.id, user.id, user.role == Role::Committee) =>
                    {
                        return Outcome::TakenOver(user);
                    }
                    Ok(user) => {
                        self.error = Some(format!(
                            "{} ปลดล็อกหน้าจอนี้ไม่ได้ ปลดล็อกได้เฉพาะ {} หรือประธาน/กรรมการ \
                             ถ้าจะใช้ชื่ออื่น ให้กด \"ออกจากระบบ\" (งานที่ยังไม่บันทึกจะหายไป)",
                            user.full_name, self.holder.full_name
                        ));
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            Message::SignOut => return Outcome::SignOut,
        }
        Outcome::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut form =
            Column::new().spacing(space::M).push(title("หน้าจอถูกล็อก")).push(muted(format!(
                "ไม่มีการใช้งาน {} นาที งานที่เปิดไว้ของ {} ยังอยู่ครบ",
                self.minutes, self.holder.full_name
            )));
        if let Some(e) = &self.error {
            form = form.push(error_banner(e));
        }
        form = form
            .push(body("ใส่รหัสผ่านเพื่อทำงานต่อ (หรือประธาน/กรรมการใส่ชื่อและรหัสผ่านของตน)"))
            .push(
                field("ชื่อผู้ใช้", USERNAME_ID, "", &self.username, Message::UsernameChanged)
                    .submit(Message::Submit)
                    .width(iced::Fill),
            )
            .push(
                field("รหัสผ่าน", PASSWORD_ID, "", &self.password, Message::PasswordChanged)
                    .secure()
                    .submit(Message::Submit)
                    .width(iced::Fill),
            )
            .push(
                iced::widget::row![
                    primary_button("ปลดล็อก", (!self.busy).then_some(Message::Submit)),
                    secondary_button("ออกจากระบบ", Some(Message::SignOut)),
                ]
                .spacing(space::M),
            );
        center(container(card(form)).max_width(dim::SIGN_IN * 1.6)).into()
    }
}
