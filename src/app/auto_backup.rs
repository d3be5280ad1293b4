//! The app's own automatic backups: once a day while it runs (checked at sign-in and every quarter
//! hour) and when the window closes. Each runs on its own connection off the UI thread; one that
//! fails shows a red banner (daily) or stops the closing with the reason and a choice (closing),
//! never silently.

use std::time::Duration;

use iced::widget::{column, container, row};
use iced::{Element, Fill, Subscription, Task, window};

use super::theme::{dim, space};
use super::widget;
use crate::domain::backup_due::Event;
use crate::store::Store;
use crate::store::backup::auto;

/// How often the running app asks whether the day's backup is due.
pub const CHECK_EVERY: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone)]
pub enum Message {
    /// Time to ask whether the daily backup is due.
    Tick,
    /// A backup run ended: its warning, if it failed.
    Done(Option<String>),
    Dismiss,
    /// The user asked to close the window.
    CloseRequested(window::Id),
    ClosingDone(Option<String>),
    /// Close even though the closing backup failed.
    CloseAnyway,
    /// Stay open (to back up by hand, or plug the drive back in).
    KeepWorking,
}

/// Where the closing is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    BackingUp,
    Failed(String),
}

#[derive(Debug, Default)]
pub struct AutoBackup {
    /// The last daily backup's failure, shown until dismissed.
    pub warning: Option<String>,
    pub closing: Option<Closing>,
    window: Option<window::Id>,
    running: bool,
}

fn run(store: &Store, event: Event) -> impl Future<Output = Option<String>> + use<> {
    let store = store.clone();
    async move {
        match tokio::task::spawn_blocking(move || auto::standalone(&store, event)).await {
            Ok(warning) => warning,
            Err(e) => Some(format!("สำรองข้อมูลอัตโนมัติหยุดกลางคัน: {e}")),
        }
    }
}

impl AutoBackup {
    pub fn update(&mut self, message: Message, store: &Store) -> Task<Message> {
        match message {
            Message::Tick => {
                if self.running || self.closing.is_some() {
                    return Task::none();
                }
                self.running = true;
                Task::perform(run(store, Event::Running), Message::Done)
            }
            Message::Done(warning) => {
                self.running = false;
                if warning.is_some() {
                    self.warning = warning;
                }
                Task::none()
            }
            Message::Dismiss => {
                self.warning = None;
                Task::none()
            }
            Message::CloseRequested(id) => {
                self.window = Some(id);
                if self.closing == Some(Closing::BackingUp) {
                    return Task::none();
                }
                self.closing = Some(Closing::BackingUp);
                Task::perform(run(store, Event::Closing), Message::ClosingDone)
            }
            Message::ClosingDone(None) | Message::CloseAnyway => self.close(),
            Message::ClosingDone(Some(why)) => {
                self.closing = Some(Closing::Failed(why));
                Task::none()
            }
            Message::KeepWorking => {
                self.closing = None;
                Task::none()
            }
        }
    }

    fn close(&mut self) -> Task<Message> {
        match self.window.take() {
            Some(id) => window::close(id),
            None => iced::exit(),
        }
    }

    pub fn subscription(signed_in: bool) -> Subscription<Message> {
        let close = window::close_requests().map(Message::CloseRequested);
        if signed_in {
            Subscription::batch([close, iced::time::every(CHECK_EVERY).map(|_| Message::Tick)])
        } else {
            close
        }
    }

    /// The red banner of a failed daily backup, above the page.
    pub fn banner(&self) -> Option<Element<'_, Message>> {
        let w = self.warning.as_deref()?;
        Some(
            row![
                container(widget::error_banner(w)).width(Fill),
                widget::secondary_button("รับทราบ", Some(Message::Dismiss))
            ]
            .spacing(space::M)
            .align_y(iced::Center)
            .into(),
        )
    }

    /// What the window shows while closing: the backup under way, or why it failed.
    pub fn closing_view(&self) -> Option<Element<'_, Message>> {
        let content: Element<'_, Message> = match self.closing.as_ref()? {
            Closing::BackingUp => column![
                widget::title("กำลังปิดโปรแกรม"),
                widget::muted("กำลังสำรองข้อมูลก่อนปิดโปรแกรมและตรวจสำเนา กรุณารอสักครู่…"),
            ]
            .spacing(space::M)
            .into(),
            Closing::Failed(why) => column![
                widget::title("สำรองข้อมูลก่อนปิดโปรแกรมไม่สำเร็จ"),
                widget::error_banner(why),
                widget::body(
                    "ข้อมูลที่บันทึกแล้วยังอยู่ครบในฐานข้อมูล แต่ยังไม่มีสำเนาสำรองล่าสุด \
                     ควรกลับไปสำรองข้อมูลเองก่อนปิด"
                ),
                row![
                    widget::primary_button("กลับไปทำงานต่อ", Some(Message::KeepWorking)),
                    widget::danger_button("ปิดโปรแกรมโดยไม่สำรอง", Some(Message::CloseAnyway)),
                ]
                .spacing(space::M),
            ]
            .spacing(space::M)
            .into(),
        };
        Some(container(container(content).max_width(dim::FORM)).center(Fill).into())
    }
}
