//! งานติดตามวันนี้: the files that need an action today, for me (or for everyone), highest priority
//! first; each row says why it is there and what to do, with one click to log a contact, issue
//! the proposed letter, or open the file. Built off the UI thread; the list is virtualised.

mod view;

use iced::Task;
use iced::widget::scrollable::Viewport;

use crate::app::export::{self, Exporter};
use crate::app::screen::{Action, Destination, Session, read};
use crate::app::widget::ListWindow;
use crate::domain::report::list::{self, Field};
use crate::domain::role::Role;
use crate::store::StoreError;
use crate::store::queue::{self, Filter, Item, Queue};

pub const VILLAGE_ID: &str = "queue-village";

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(u64, Result<Box<Queue>, StoreError>),
    MineOnly(bool),
    VillageChanged(String),
    Scrolled(Viewport),
    Open(Destination),
    Export,
    Exported(export::Message),
}

/// The queue's columns as they go to Excel (the last, a link, is not data).
pub const EXPORT: [Field<Item>; 6] = [
    Field::text("สัญญา", |i| list::text(&i.contract_no)),
    Field::text("ลูกหนี้", |i| list::text(debtor(i))),
    Field::money("ค้างชำระ", |i| list::money(i.overdue)),
    Field::count("วัน", |i| list::count(i.days_past_due)),
    Field::text("เหตุผล", |i| list::text(reasons(i))),
    Field::text("สิ่งที่ต้องทำ", |i| {
        list::text(i.priority.proposal.label())
    }),
];

fn debtor(i: &Item) -> String {
    format!("{} ม.{}", i.name, i.village_no)
}

fn reasons(i: &Item) -> String {
    let mut all = i.priority.reasons.clone();
    // Legal status in the row (seed 003): what the law's clock says before the officer calls.
    if let Some(legal) = &i.legal {
        all.insert(0, format!("กฎหมาย: {legal}"));
    }
    all.join(" · ")
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
    pub exporter: Exporter,
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
            exporter: Exporter::default(),
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
            Message::Export => {
                let Some(q) = &self.queue else { return Action::None };
                let mut subtitle = vec![format!(
                    "ณ วันที่ {}",
                    crate::domain::thai::date::format_numeric(self.session.today)
                )];
                if self.mine {
                    subtitle.push(format!("เฉพาะแฟ้มที่ {} รับผิดชอบ", self.session.user.full_name));
                }
                if !self.village_input.trim().is_empty() {
                    subtitle.push(format!("หมู่ที่ {}", self.village_input.trim()));
                }
                let table = list::table("งานติดตามวันนี้", subtitle, &EXPORT, &q.items);
                let dialogs = self.session.dialogs.clone();
                Action::Run(self.exporter.start(&dialogs, table).map(Message::Exported))
            }
            Message::Exported(m) => Action::Run(
                self.exporter.update(m, self.session.dialogs.as_ref()).map(Message::Exported),
            ),
        }
    }
}
