//! งานติดตามวันนี้: the files that need an action today, for me (or for everyone), highest priority
//! first; each row says why it is there and what to do, with one click to log a contact, issue
//! the proposed letter, or open the file. Built off the UI thread; the list is virtualised.

mod view;

use iced::Task;
use iced::widget::scrollable::Viewport;

use crate::app::screen::{Action, Destination, Session, read};
use crate::app::widget::ListWindow;
use crate::domain::role::Role;
use crate::store::StoreError;
use crate::store::queue::{self, Filter, Queue};

pub const VILLAGE_ID: &str = "queue-village";

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(u64, Result<Box<Queue>, StoreError>),
    MineOnly(bool),
    VillageChanged(String),
    Scrolled(Viewport),
    Open(Destination),
}

pub struct WorkQueue {
    session: Session,
    /// Only the files assigned to me (an officer's default).
    pub mine: bool,
    pub village_input: String,
    pub village_error: Option<String>,
    pub queue: Option<Queue>,
    pub error: Option<String>,
    pub window: ListWindow,
    /// Answers to older requests are dropped (the filter changed meanwhile).
    request: u64,
}

impl WorkQueue {
    pub fn new(session: Session) -> (WorkQueue, Task<Message>) {
        let mine = session.user.role == Role::Officer;
        let mut screen = WorkQueue {
            session,
            mine,
            village_input: String::new(),
            village_error: None,
            queue: None,
            error: None,
            window: ListWindow::default(),
            request: 0,
        };
        let task = screen.load();
        (screen, task)
    }

    fn filter(&self) -> Option<Filter> {
        let village = self.village_input.trim();
        let village_no = if village.is_empty() {
            None
        } else {
            Some(
                crate::domain::thai::digits::to_ascii_digits(village)
                    .parse::<u8>()
                    .ok()
                    .filter(|v| (1..=99).contains(v))?,
            )
        };
        Some(Filter {
            officer_id: self.mine.then_some(self.session.user.id),
            village_no,
            ..Filter::default()
        })
    }

    fn load(&mut self) -> Task<Message> {
        let Some(filter) = self.filter() else {
            self.village_error = Some("หมู่ที่ต้องเป็นตัวเลข 1–99".into());
            return Task::none();
        };
        self.village_error = None;
        self.request += 1;
        let (request, today) = (self.request, self.session.today);
        read(
            &self.session.reader,
            move |conn| queue::build(conn, today, &filter).map(Box::new),
            move |r| Message::Loaded(request, r),
        )
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(request, _) if request != self.request => Action::None,
            Message::Loaded(_, Ok(q)) => {
                self.queue = Some(*q);
                self.error = None;
                Action::None
            }
            Message::Loaded(_, Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::MineOnly(mine) => {
                self.mine = mine;
                Action::Run(self.load())
            }
            Message::VillageChanged(input) => {
                self.village_input = input;
                Action::Run(self.load())
            }
            Message::Scrolled(viewport) => {
                self.window = ListWindow::from_viewport(viewport);
                Action::None
            }
            Message::Open(d) => Action::Open(d),
        }
    }
}
