//! Signing in: username and password (argon2, checked off the UI thread).

use iced::widget::{Column, center, column, container};
use iced::{Element, Task};

use super::{Action, read};
use crate::app::theme::{dim, space};
use crate::app::widget::{card, error_banner, field, muted, primary_button, title};
use crate::store::users::{self, User};
use crate::store::{Store, StoreError};

pub const USERNAME_ID: &str = "sign-in-username";
pub const PASSWORD_ID: &str = "sign-in-password";

#[derive(Debug, Clone)]
pub enum Message {
    UsernameChanged(String),
    PasswordChanged(String),
    Submit,
    SignedIn(Result<User, StoreError>),
}

pub struct SignIn {
    store: Store,
    pub institute: String,
    pub username: String,
    pub password: String,
    pub error: Option<String>,
    pub busy: bool,
}

impl SignIn {
    pub fn new(store: Store, institute: String) -> (SignIn, Task<Message>) {
        let screen = SignIn {
            store,
            institute,
            username: String::new(),
            password: String::new(),
            error: None,
            busy: false,
        };
        (screen, iced::widget::operation::focus(USERNAME_ID))
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::UsernameChanged(v) => {
                self.username = v;
                Action::None
            }
            Message::PasswordChanged(v) => {
                self.password = v;
                Action::None
            }
            Message::Submit => {
                if self.busy {
                    return Action::None;
                }
                if self.username.trim().is_empty() {
                    self.error = Some("กรุณากรอกชื่อผู้ใช้".into());
                    return Action::Run(iced::widget::operation::focus(USERNAME_ID));
                }
                if self.password.is_empty() {
                    self.error = Some("กรุณากรอกรหัสผ่าน".into());
                    return Action::Run(iced::widget::operation::focus(PASSWORD_ID));
                }
                self.busy = true;
                self.error = None;
                let (username, password) = (self.username.clone(), self.password.clone());
                Action::Run(read(
                    &self.store,
                    move |conn| users::sign_in(conn, &username, &password),
                    Message::SignedIn,
                ))
            }
            Message::SignedIn(result) => {
                self.busy = false;
                match result {
                    Ok(user) => Action::SignedIn(user),
                    Err(e) => {
                        self.error = Some(e.to_string());
                        self.password.clear();
                        Action::Run(iced::widget::operation::focus(PASSWORD_ID))
                    }
                }
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut form =
            Column::new().spacing(space::M).push(title("เข้าสู่ระบบ")).push(muted(&self.institute));
        if let Some(error) = &self.error {
            form = form.push(error_banner(error));
        }
        let form = form
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
            .push(primary_button("เข้าสู่ระบบ", (!self.busy).then_some(Message::Submit)));
        center(container(card(column![form])).max_width(dim::SIGN_IN * 1.6)).into()
    }
}
