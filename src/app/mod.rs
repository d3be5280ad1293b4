//! The iced GUI: the app shell (sign-in state, sidebar, history for Esc/back, keyboard shortcuts)
//! around one screen at a time. Screens live in `screen/`, the look in `theme`, shared widgets in
//! `widget`. Every database call runs off the UI thread (`screen::read` / `screen::write`).

pub mod auto_backup;
pub mod demo_bridge;
pub mod dialogs;
pub mod export;
pub mod focus;
pub mod form;
mod fresh;
mod idle;
pub mod lock;
pub mod placement;
pub mod print;
mod route;
pub mod screen;
mod sidebar;
pub mod theme;
pub mod widget;
pub mod wrap;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use iced::keyboard::{self, key};
use iced::widget::{column, container, operation, row};
use iced::{Element, Event, Fill, Subscription, Task, Theme};

use crate::clock;
use crate::domain::role::Permission;
use crate::domain::sign_in::{self as sign_in_rules, Policy};
use crate::store::{self, Store, StoreError, institute, sessions, users};
use dialogs::FileDialogs;
use screen::{
    Action, Destination, Session, admin::setup, debtors::find, debtors::household,
    debtors::household_form, debtors::loan, debtors::loan_form, debtors::member,
    debtors::member_form, debtors::payment, home, reports::funds, sign_in,
};
use screen::{admin::users as users_screen, reports::fund_statement};
use screen::{
    approvals::pending as approvals, consolidation::builder as consolidation,
    plans::at_risk as plans_at_risk, plans::builder as plan,
};
use screen::{
    letters::batch as letters_batch, letters::issue as letter,
    letters::register as letter_register, letters::templates,
};
use theme::{boxes, dim, space as gap};

/// Set to print start-up and screen timings to stderr (the performance figures in the report).
pub const TIMING_ENV: &str = "PLODNEE_TIMING";

/// Opens the main window on `store`. Blocks until the window is closed.
pub fn run(store: Store, data_dir: PathBuf) -> iced::Result {
    let native = dialogs::Native::new(data_dir.clone());
    run_with(store, data_dir, Arc::new(native))
}

/// Like [`run`], with the file dialogs given (a fake in tests and demos).
pub fn run_with(store: Store, data_dir: PathBuf, dialogs: Arc<dyn FileDialogs>) -> iced::Result {
    let launched = Instant::now();
    let today = clock::today();
    let saved = placement::Placement::load(&data_dir);
    iced::application(
        move || App::new(store.clone(), data_dir.clone(), dialogs.clone(), today, launched),
        App::update,
        App::view,
    )
    .title(App::title)
    .theme(App::theme)
    .subscription(App::subscription)
    .font(theme::SARABUN_REGULAR)
    .font(theme::SARABUN_BOLD)
    .default_font(theme::FONT)
    .window(placement::Placement::settings(saved))
    .run()
}

/// What the app learns about the database before showing anything.
#[derive(Debug, Clone)]
pub struct Boot {
    pub institute: Option<String>,
    pub users: i64,
    /// The sign-in settings (idle minutes for the idle lock).
    pub policy: Policy,
}

pub fn boot_info(conn: &rusqlite::Connection) -> store::Result<Boot> {
    Ok(Boot {
        institute: institute::get(conn)?.map(|i| i.name),
        users: users::count(conn)?,
        policy: sessions::policy(conn)?,
    })
}

// The app holds exactly one screen at a time, so the enum's size is paid once; boxing the larger
// screens would only add indirection to every update.
#[allow(clippy::large_enum_variant)]
pub enum Screen {
    Loading,
    Failed(String),
    Setup(setup::Setup),
    SignIn(sign_in::SignIn),
    Home(home::Home),
    Find(find::Find),
    Household(household::HouseholdFile),
    Member(member::MemberFile),
    Loan(loan::LoanFile),
    Payment(payment::RecordPayment),
    HouseholdForm(household_form::HouseholdForm),
    MemberForm(member_form::MemberForm),
    LoanForm(loan_form::LoanForm),
    Funds(funds::Funds),
    Letter(letter::LetterScreen),
    LettersBatch(letters_batch::LettersBatch),
    LetterRegister(letter_register::LetterRegister),
    Templates(templates::Templates),
    Consolidate(consolidation::Consolidate),
    Approvals(approvals::Approvals),
    Plan(plan::PlanBuilder),
    PlansAtRisk(plans_at_risk::PlansAtRisk),
    Queue(screen::collections::queue::WorkQueue),
    Targets(screen::collections::targets::Targets),
    WeeklyReport(screen::collections::weekly::WeeklyReport),
    CollectionSheet(screen::collections::sheet_entry::SheetEntry),
    LegalDeadlines(screen::legal::deadlines::LegalDeadlines),
    Case(screen::legal::case::CaseFile),
    Contact(screen::collections::contact::ContactForm),
    Complaints(screen::complaints::list::ComplaintList),
    ComplaintForm(screen::complaints::form::ComplaintForm),
    Complaint(screen::complaints::file::ComplaintFile),
    ComplaintsReport(screen::complaints::report::ComplaintsReport),
    FundStatement(fund_statement::FundStatementScreen),
    Reports(screen::reports::report::ReportScreen),
    Users(users_screen::Users),
    Backups(screen::admin::backups::Backups),
    Import(screen::admin::import::Import),
    AuditLog(screen::admin::audit::AuditLog),
    Breaches(screen::admin::breaches::Breaches),
    Retention(screen::admin::retention::Retention),
    Settings(screen::admin::settings::SettingsScreen),
    Transfer(screen::consolidation::transfer::Transfer),
}

#[derive(Debug, Clone)]
pub enum Message {
    Booted(Result<Boot, StoreError>),
    Setup(setup::Message),
    SignIn(sign_in::Message),
    Home(home::Message),
    Find(find::Message),
    Household(household::Message),
    Member(member::Message),
    Loan(loan::Message),
    Payment(payment::Message),
    HouseholdForm(household_form::Message),
    MemberForm(member_form::Message),
    LoanForm(loan_form::Message),
    Funds(funds::Message),
    Letter(letter::Message),
    LettersBatch(letters_batch::Message),
    LetterRegister(letter_register::Message),
    Templates(templates::Message),
    Consolidate(consolidation::Message),
    Approvals(approvals::Message),
    Plan(plan::Message),
    PlansAtRisk(plans_at_risk::Message),
    Queue(screen::collections::queue::Message),
    Targets(screen::collections::targets::Message),
    WeeklyReport(screen::collections::weekly::Message),
    CollectionSheet(screen::collections::sheet_entry::Message),
    LegalDeadlines(screen::legal::deadlines::Message),
    Case(screen::legal::case::Message),
    Contact(screen::collections::contact::Message),
    Complaints(screen::complaints::list::Message),
    ComplaintForm(screen::complaints::form::Message),
    Complaint(screen::complaints::file::Message),
    ComplaintsReport(screen::complaints::report::Message),
    FundStatement(fund_statement::Message),
    Reports(screen::reports::report::Message),
    Users(users_screen::Message),
    Backups(screen::admin::backups::Message),
    Import(screen::admin::import::Message),
    AuditLog(screen::admin::audit::Message),
    Breaches(screen::admin::breaches::Message),
    Retention(screen::admin::retention::Message),
    Settings(screen::admin::settings::Message),
    Transfer(screen::consolidation::transfer::Message),
    AutoBackup(auto_backup::Message),
    Lock(lock::Message),
    /// A key press, click or scroll: the user is there (the idle lock counts from the last one).
    Input,
    /// Time to see whether the session has been idle too long.
    IdleCheck,
    /// An audit entry of the idle lock was written (or could not be: nothing to do then).
    Recorded(Result<(), StoreError>),
    InstituteNamed(Option<String>),
    Navigate(Destination),
    Back,
    WindowResized(iced::Size),
    WindowMoved(iced::Point),
    SignOut,
    Key(Key),
}

/// Keyboard shortcuts the whole app understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Next,
    Previous,
    Escape,
    Enter,
    Find,
    Up,
    Down,
}

pub struct App {
    store: Store,
    reader: Store,
    /// The home screen's last figures: shown at once when the officer comes back, refreshed behind.
    home_cache: home::Cache,
    pub data_dir: PathBuf,
    dialogs: Arc<dyn FileDialogs>,
    today: NaiveDate,
    theme: Theme,
    pub institute: Option<String>,
    pub session: Option<Session>,
    pub screen: Screen,
    pub current: Option<Destination>,
    pub history: Vec<Destination>,
    /// The last search, so going back to "find" shows the same results.
    pub last_query: String,
    launched: Instant,
    timing: bool,
    first_view: std::cell::Cell<bool>,
    /// When timing: the user action being measured and when it started.
    started: Option<(&'static str, Instant)>,
    /// When timing: an action whose answer has arrived; `view` reports it once built.
    answered: std::cell::Cell<Option<(&'static str, Instant)>>,
    /// The window's size and place, saved as they change so the next start opens the same way.
    pub placement: placement::Placement,
    /// Counts the screens opened; the page is keyed by it so a new screen starts with fresh widget
    /// state (scrolled to its top) instead of inheriting the previous screen's scroll offset.
    pub generation: u64,
    /// The daily and closing backups (see [`auto_backup`]).
    pub auto_backup: auto_backup::AutoBackup,
    /// The idle lock over the screen, when the session locked itself; the screen stays as it was.
    pub lock: Option<lock::Lock>,
    /// The last key press or click, for the idle lock.
    pub last_input: chrono::NaiveDateTime,
    pub policy: Policy,
}

/// How often the idle lock looks at the clock.
const IDLE_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// Esc can go back this far; older steps are forgotten.
const HISTORY_LIMIT: usize = 50;

impl App {
    pub fn new(
        store: Store,
        data_dir: PathBuf,
        dialogs: Arc<dyn FileDialogs>,
        today: NaiveDate,
        launched: Instant,
    ) -> (App, Task<Message>) {
        let boot = screen::read(&store, |conn| boot_info(conn), Message::Booted);
        let placement = placement::Placement::load(&data_dir).unwrap_or_default();
        let reader = store.reader().unwrap_or_else(|_| store.clone());
        let app = App {
            store,
            reader,
            home_cache: home::Cache::default(),
            data_dir,
            dialogs,
            today,
            theme: theme::theme(),
            institute: None,
            session: None,
            screen: Screen::Loading,
            current: None,
            history: Vec::new(),
            last_query: String::new(),
            launched,
            timing: std::env::var_os(TIMING_ENV).is_some(),
            first_view: std::cell::Cell::new(true),
            started: None,
            answered: std::cell::Cell::new(None),
            placement,
            generation: 0,
            auto_backup: auto_backup::AutoBackup::default(),
            lock: None,
            last_input: chrono::Local::now().naive_local(),
            policy: Policy::default(),
        };
        app.log("boot");
        (app, boot)
    }

    /// Timing: an action starts (a keystroke in find, opening a loan file).
    fn start(&mut self, what: &'static str) {
        if self.timing {
            self.started = Some((what, Instant::now()));
        }
    }

    /// Timing: its answer is in; the next `view` prints how long it took until then.
    fn answer(&mut self) {
        if let Some(started) = self.started.take() {
            self.answered.set(Some(started));
        }
    }

    fn log(&self, what: &str) {
        if self.timing {
            eprintln!("[timing] {what}: {:.1} ms", self.launched.elapsed().as_secs_f64() * 1000.0);
        }
    }

    pub fn title(&self) -> String {
        match &self.institute {
            Some(name) => format!("ปลดหนี้ · {}", name.replace('\u{200B}', "")),
            None => "ปลดหนี้".into(),
        }
    }

    pub fn theme(&self) -> Theme {
        self.theme.clone()
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        if matches!(message, Message::Input | Message::Key(_)) {
            self.last_input = chrono::Local::now().naive_local();
        }
        if self.lock.is_some() && idle::hidden_by_lock(&message) {
            return Task::none();
        }
        match message {
            Message::Booted(Ok(boot)) => {
                self.log("database answered");
                self.policy = boot.policy;
                self.institute = boot.institute.as_deref().map(widget::breakable);
                if boot.users == 0 {
                    self.screen = Screen::Setup(setup::Setup::new(
                        self.store.clone(),
                        self.dialogs.clone(),
                        self.today,
                    ));
                    Task::none()
                } else {
                    let (s, task) = sign_in::SignIn::new(
                        self.store.clone(),
                        boot.institute.unwrap_or_else(|| "ปลดหนี้".into()),
                    );
                    self.screen = Screen::SignIn(s);
                    task.map(Message::SignIn)
                }
            }
            Message::Booted(Err(e)) => {
                self.screen = Screen::Failed(e.to_string());
                Task::none()
            }
            Message::Setup(setup::Message::Restore(
                screen::admin::setup_restore::Message::SignIn,
            )) => {
                // The database now holds the backup: boot again, as on a start with users.
                screen::read(&self.store, |conn| boot_info(conn), Message::Booted)
            }
            Message::Setup(m) => {
                let Screen::Setup(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Setup);
                self.perform(action)
            }
            Message::SignIn(m) => {
                let Screen::SignIn(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::SignIn);
                self.perform(action)
            }
            Message::Home(m) => {
                let Screen::Home(s) = &mut self.screen else { return Task::none() };
                let loaded = matches!(m, home::Message::WorklistLoaded(_));
                self.home_cache.keep(&m);
                let action = s.update(m).map(Message::Home);
                if loaded {
                    self.answer();
                }
                self.perform(action)
            }
            Message::Find(m) => {
                let Screen::Find(s) = &mut self.screen else { return Task::none() };
                let (typed, answered) = match &m {
                    find::Message::QueryChanged(_) => (true, false),
                    find::Message::Results(generation, _) => (false, *generation == s.generation),
                    _ => (false, false),
                };
                let action = s.update(m).map(Message::Find);
                if typed {
                    self.start("keystroke to results on screen");
                } else if answered {
                    self.answer();
                }
                self.perform(action)
            }
            Message::Household(m) => {
                let Screen::Household(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Household);
                self.perform(action)
            }
            Message::Member(m) => {
                let Screen::Member(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Member);
                self.perform(action)
            }
            Message::Loan(m) => {
                let Screen::Loan(s) = &mut self.screen else { return Task::none() };
                let loaded = matches!(m, loan::Message::Loaded(_));
                let action = s.update(m).map(Message::Loan);
                if loaded {
                    self.answer();
                }
                self.perform(action)
            }
            Message::Payment(m) => {
                let Screen::Payment(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Payment);
                self.perform(action)
            }
            Message::HouseholdForm(m) => {
                let Screen::HouseholdForm(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::HouseholdForm);
                self.perform(action)
            }
            Message::MemberForm(m) => {
                let Screen::MemberForm(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::MemberForm);
                self.perform(action)
            }
            Message::LoanForm(m) => {
                let Screen::LoanForm(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::LoanForm);
                self.perform(action)
            }
            Message::Funds(m) => {
                let Screen::Funds(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Funds);
                self.perform(action)
            }
            Message::Letter(m) => {
                let Screen::Letter(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Letter);
                self.perform(action)
            }
            Message::LettersBatch(m) => {
                let Screen::LettersBatch(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::LettersBatch);
                self.perform(action)
            }
            Message::LetterRegister(m) => {
                let Screen::LetterRegister(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::LetterRegister);
                self.perform(action)
            }
            Message::Templates(m) => {
                let Screen::Templates(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Templates);
                self.perform(action)
            }
            Message::Consolidate(m) => {
                let Screen::Consolidate(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Consolidate);
                self.perform(action)
            }
            Message::Approvals(m) => {
                let Screen::Approvals(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Approvals);
                self.perform(action)
            }
            Message::Plan(m) => {
                let Screen::Plan(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Plan);
                self.perform(action)
            }
            Message::PlansAtRisk(m) => {
                let Screen::PlansAtRisk(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::PlansAtRisk);
                self.perform(action)
            }
            Message::LegalDeadlines(m) => {
                let Screen::LegalDeadlines(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::LegalDeadlines);
                self.perform(action)
            }
            Message::Case(m) => {
                let Screen::Case(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Case);
                self.perform(action)
            }
            Message::Queue(m) => {
                let Screen::Queue(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Queue);
                self.perform(action)
            }
            Message::Targets(m) => {
                let Screen::Targets(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Targets);
                self.perform(action)
            }
            Message::WeeklyReport(m) => {
                let Screen::WeeklyReport(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::WeeklyReport);
                self.perform(action)
            }
            Message::CollectionSheet(m) => {
                let Screen::CollectionSheet(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::CollectionSheet);
                self.perform(action)
            }
            Message::Contact(m) => {
                let Screen::Contact(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Contact);
                self.perform(action)
            }
            Message::Complaints(m) => {
                let Screen::Complaints(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Complaints);
                self.perform(action)
            }
            Message::ComplaintForm(m) => {
                let Screen::ComplaintForm(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::ComplaintForm);
                self.perform(action)
            }
            Message::Complaint(m) => {
                let Screen::Complaint(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Complaint);
                self.perform(action)
            }
            Message::ComplaintsReport(m) => {
                let Screen::ComplaintsReport(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::ComplaintsReport);
                self.perform(action)
            }
            Message::Transfer(m) => {
                let Screen::Transfer(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Transfer);
                self.perform(action)
            }
            Message::FundStatement(m) => {
                let Screen::FundStatement(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::FundStatement);
                self.perform(action)
            }
            Message::Reports(m) => {
                let Screen::Reports(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Reports);
                self.perform(action)
            }
            Message::Users(m) => {
                let Screen::Users(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Users);
                self.perform(action)
            }
            Message::Backups(m) => {
                let Screen::Backups(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Backups);
                self.perform(action)
            }
            Message::Import(m) => {
                let Screen::Import(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Import);
                self.perform(action)
            }
            Message::AutoBackup(m) => {
                self.auto_backup.update(m, &self.store).map(Message::AutoBackup)
            }
            Message::Input | Message::Recorded(_) => Task::none(),
            Message::IdleCheck => self.idle_check(),
            Message::Lock(m) => self.lock_message(m),
            Message::AuditLog(m) => {
                let Screen::AuditLog(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::AuditLog);
                self.perform(action)
            }
            Message::Breaches(m) => {
                let Screen::Breaches(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Breaches);
                self.perform(action)
            }
            Message::Retention(m) => {
                let Screen::Retention(s) = &mut self.screen else { return Task::none() };
                let action = s.update(m).map(Message::Retention);
                self.perform(action)
            }
            Message::Settings(m) => {
                let Screen::Settings(s) = &mut self.screen else { return Task::none() };
                let renamed = match &m {
                    screen::admin::settings::Message::Saved(Ok((_, new))) => Some(new.name.clone()),
                    _ => None,
                };
                // New lockout and idle values hold from the next sign-in and the next idle check.
                if let screen::admin::settings::Message::SignIn(
                    screen::admin::settings::sign_in::Message::Saved(Ok((_, policy))),
                ) = &m
                {
                    self.policy = *policy;
                }
                let action = s.update(m).map(Message::Settings);
                // The sidebar shows the institute's name: a new name shows at once.
                if let Some(name) = renamed {
                    self.institute = Some(widget::breakable(&name));
                }
                self.perform(action)
            }
            Message::InstituteNamed(name) => {
                if let Some(name) = name {
                    self.institute = Some(widget::breakable(&name));
                }
                Task::none()
            }
            Message::Navigate(d) => self.open(d, true),
            Message::Back => self.back(),
            Message::SignOut => {
                self.session = None;
                self.lock = None;
                self.home_cache = home::Cache::default();
                self.history.clear();
                self.current = None;
                self.last_query.clear();
                let name = self.institute.as_deref().map(|n| n.replace('\u{200B}', ""));
                let (s, task) = sign_in::SignIn::new(
                    self.store.clone(),
                    name.unwrap_or_else(|| "ปลดหนี้".into()),
                );
                self.screen = Screen::SignIn(s);
                task.map(Message::SignIn)
            }
            Message::Key(key) => self.key(key),
            Message::WindowResized(size) => {
                self.placement = self.placement.resized(size);
                self.placement.save(&self.data_dir);
                Task::none()
            }
            Message::WindowMoved(at) => {
                self.placement = self.placement.moved(at);
                self.placement.save(&self.data_dir);
                Task::none()
            }
        }
    }

    fn perform(&mut self, action: Action<Message>) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task,
            Action::Open(d) => self.open(d, true),
            Action::Replace(d) => self.open(d, false),
            Action::Back => self.back(),
            Action::SignedIn(user) => {
                self.last_input = chrono::Local::now().naive_local();
                self.session = Some(Session {
                    store: self.store.clone(),
                    reader: self.reader.clone(),
                    user,
                    today: self.today,
                    dialogs: self.dialogs.clone(),
                });
                self.history.clear();
                self.current = None;
                let home = self.open(Destination::Home, false);
                // The institute may have been named a moment ago (setup, demo): for the title bar.
                let name = screen::read(
                    &self.store,
                    |conn| Ok(institute::get(conn)?.map(|i| i.name)),
                    |r: Result<Option<String>, StoreError>| {
                        Message::InstituteNamed(r.ok().flatten())
                    },
                );
                // The day's backup, if none was taken today (then every quarter hour).
                let daily = self.update(Message::AutoBackup(auto_backup::Message::Tick));
                Task::batch([home, name, daily])
            }
        }
    }

    /// What the last print on the current screen did, if it is a screen that prints documents.
    pub fn print_status(&self) -> Option<&print::Status> {
        let printer = match &self.screen {
            Screen::Household(s) => &s.printer,
            Screen::Member(s) => &s.printer,
            Screen::Loan(s) => &s.printer,
            Screen::Complaint(s) => &s.printer,
            _ => return None,
        };
        printer.status.as_ref()
    }

    /// Back to the previous screen (reloaded, so it shows what just changed), or home.
    pub fn back(&mut self) -> Task<Message> {
        if self.session.is_none() {
            return Task::none();
        }
        let previous = self.history.pop().unwrap_or(Destination::Home);
        self.open(previous, false)
    }

    fn key(&mut self, key: Key) -> Task<Message> {
        if self.lock.is_some() {
            // Behind the lock only the lock's own form answers keys.
            return match key {
                Key::Enter => self.lock_message(lock::Message::Submit),
                Key::Next => operation::focus_next(),
                Key::Previous => operation::focus_previous(),
                _ => Task::none(),
            };
        }
        match key {
            Key::Next => operation::focus_next(),
            Key::Previous => operation::focus_previous(),
            Key::Find => {
                if self.session.is_none() {
                    return Task::none();
                }
                if matches!(self.screen, Screen::Find(_)) {
                    find::Find::focus().map(Message::Find)
                } else {
                    self.open(Destination::Find, true)
                }
            }
            Key::Escape => self.escape(),
            Key::Enter => self.enter(),
            Key::Up | Key::Down => {
                let step = if key == Key::Up { -1 } else { 1 };
                match &self.screen {
                    Screen::Find(_) => self.update(Message::Find(find::Message::Move(step))),
                    _ => Task::none(),
                }
            }
        }
    }

    fn escape(&mut self) -> Task<Message> {
        let action: Action<Message> = match &mut self.screen {
            Screen::Setup(s) => s.cancel().map(Message::Setup),
            Screen::Loan(s) => s.cancel().map(Message::Loan),
            // Esc closes an open rejection reason before leaving the screen.
            Screen::Approvals(s) if s.rejecting.is_some() => {
                s.rejecting = None;
                Action::None
            }
            Screen::Loading | Screen::Failed(_) | Screen::SignIn(_) | Screen::Home(_) => {
                Action::None
            }
            _ => Action::Back,
        };
        self.perform(action)
    }

    fn enter(&mut self) -> Task<Message> {
        let action: Action<Message> = match &mut self.screen {
            Screen::Setup(s) => s.submit().map(Message::Setup),
            Screen::SignIn(s) => s.update(sign_in::Message::Submit).map(Message::SignIn),
            Screen::Find(s) => s.update(find::Message::OpenSelected).map(Message::Find),
            Screen::Payment(s) => s.submit().map(Message::Payment),
            Screen::Settings(s) => s.submit().map(Message::Settings),
            Screen::Breaches(s) => s.submit().map(Message::Breaches),
            Screen::HouseholdForm(s) => {
                s.update(household_form::Message::Save).map(Message::HouseholdForm)
            }
            Screen::MemberForm(s) => s.update(member_form::Message::Save).map(Message::MemberForm),
            Screen::LoanForm(s) => s.update(loan_form::Message::Save).map(Message::LoanForm),
            Screen::Loan(s) if s.reversal.is_some() => {
                s.update(loan::Message::ConfirmReversal).map(Message::Loan)
            }
            Screen::Approvals(s) if s.rejecting.is_some() => {
                s.update(approvals::Message::ConfirmReject).map(Message::Approvals)
            }
            Screen::FundStatement(s) => {
                s.update(fund_statement::Message::Show).map(Message::FundStatement)
            }
            Screen::Reports(s) => {
                s.update(screen::reports::report::Message::Show).map(Message::Reports)
            }
            _ => Action::None,
        };
        self.perform(action)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let backups =
            auto_backup::AutoBackup::subscription(self.session.is_some()).map(Message::AutoBackup);
        let events = iced::event::listen_with(|event, status, _window| {
            if debug_events() && !matches!(event, Event::Mouse(_) | Event::Window(_)) {
                eprintln!("[event] {event:?} {status:?}");
            }
            match event {
                Event::Keyboard(keyboard::Event::KeyPressed {
                    key,
                    modifiers,
                    physical_key,
                    ..
                }) => shortcut(&key, physical_key, modifiers, status).map(Message::Key),
                Event::Window(iced::window::Event::Resized(size)) => {
                    Some(Message::WindowResized(size))
                }
                Event::Window(iced::window::Event::Moved(at)) => Some(Message::WindowMoved(at)),
                Event::Keyboard(keyboard::Event::KeyReleased { .. })
                | Event::Mouse(
                    iced::mouse::Event::ButtonPressed(_) | iced::mouse::Event::WheelScrolled { .. },
                ) => Some(Message::Input),
                _ => None,
            }
        });
        let idle = if self.session.is_some() && self.lock.is_none() && self.policy.idle_minutes > 0
        {
            iced::time::every(IDLE_CHECK_EVERY).map(|_| Message::IdleCheck)
        } else {
            Subscription::none()
        };
        Subscription::batch([events, backups, idle])
    }

    pub fn view(&self) -> Element<'_, Message> {
        if self.first_view.replace(false) {
            self.log("first view");
        }
        let body: Element<'_, Message> = match &self.screen {
            Screen::Loading => container(widget::muted("กำลังเปิดฐานข้อมูล…")).center(Fill).into(),
            Screen::Failed(e) => container(
                column![widget::title("เปิดฐานข้อมูลไม่ได้"), widget::error_banner(e)]
                    .spacing(gap::M)
                    .max_width(dim::FORM),
            )
            .center(Fill)
            .into(),
            Screen::Setup(s) => s.view().map(Message::Setup),
            Screen::SignIn(s) => s.view().map(Message::SignIn),
            Screen::Home(s) => s.view().map(Message::Home),
            Screen::Find(s) => s.view().map(Message::Find),
            Screen::Household(s) => s.view().map(Message::Household),
            Screen::Member(s) => s.view().map(Message::Member),
            Screen::Loan(s) => s.view().map(Message::Loan),
            Screen::Payment(s) => s.view().map(Message::Payment),
            Screen::HouseholdForm(s) => s.view().map(Message::HouseholdForm),
            Screen::MemberForm(s) => s.view().map(Message::MemberForm),
            Screen::LoanForm(s) => s.view().map(Message::LoanForm),
            Screen::Funds(s) => s.view().map(Message::Funds),
            Screen::Letter(s) => s.view().map(Message::Letter),
            Screen::LettersBatch(s) => s.view().map(Message::LettersBatch),
            Screen::LetterRegister(s) => s.view().map(Message::LetterRegister),
            Screen::Templates(s) => s.view().map(Message::Templates),
            Screen::Consolidate(s) => s.view().map(Message::Consolidate),
            Screen::Approvals(s) => s.view().map(Message::Approvals),
            Screen::Plan(s) => s.view().map(Message::Plan),
            Screen::PlansAtRisk(s) => s.view().map(Message::PlansAtRisk),
            Screen::Queue(s) => s.view().map(Message::Queue),
            Screen::Targets(s) => s.view().map(Message::Targets),
            Screen::WeeklyReport(s) => s.view().map(Message::WeeklyReport),
            Screen::CollectionSheet(s) => s.view().map(Message::CollectionSheet),
            Screen::LegalDeadlines(s) => s.view().map(Message::LegalDeadlines),
            Screen::Case(s) => s.view().map(Message::Case),
            Screen::Contact(s) => s.view().map(Message::Contact),
            Screen::Complaints(s) => s.view().map(Message::Complaints),
            Screen::ComplaintForm(s) => s.view().map(Message::ComplaintForm),
            Screen::Complaint(s) => s.view().map(Message::Complaint),
            Screen::ComplaintsReport(s) => s.view().map(Message::ComplaintsReport),
            Screen::FundStatement(s) => s.view().map(Message::FundStatement),
            Screen::Reports(s) => s.view().map(Message::Reports),
            Screen::Users(s) => s.view().map(Message::Users),
            Screen::Backups(s) => s.view().map(Message::Backups),
            Screen::Import(s) => s.view().map(Message::Import),
            Screen::AuditLog(s) => s.view().map(Message::AuditLog),
            Screen::Breaches(s) => s.view().map(Message::Breaches),
            Screen::Retention(s) => s.view().map(Message::Retention),
            Screen::Settings(s) => s.view().map(Message::Settings),
            Screen::Transfer(s) => s.view().map(Message::Transfer),
        };
        if let Some(lock) = &self.lock {
            return container(lock.view().map(Message::Lock))
                .width(Fill)
                .height(Fill)
                .style(boxes::page)
                .into();
        }
        if let Some(closing) = self.auto_backup.closing_view() {
            return container(closing.map(Message::AutoBackup))
                .width(Fill)
                .height(Fill)
                .style(boxes::page)
                .into();
        }
        let body = match self.auto_backup.banner() {
            Some(banner) => column![banner.map(Message::AutoBackup), body].into(),
            None => body,
        };
        let content: Element<'_, Message> = match &self.session {
            Some(session) => {
                let page = fresh::fresh(self.generation, body);
                row![self.sidebar(session), container(page).width(Fill).height(Fill)].into()
            }
            None => body,
        };
        let view = focus::scope(container(content).width(Fill).height(Fill).style(boxes::page));
        if let Some((what, started)) = self.answered.take() {
            eprintln!("[timing] {what}: {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        view.into()
    }
}

/// `PLODNEE_DEBUG_EVENTS=1` prints every keyboard and input-method event the window receives
/// (to tell a keyboard that never reaches the app from a shortcut that is not understood).
fn debug_events() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PLODNEE_DEBUG_EVENTS").is_some())
}

/// The app's shortcuts: Esc cancels or goes back, Enter saves when no field took it, Ctrl+F finds
/// (by key position too, so it works with the Thai layout on). Tab is handled by [`focus::scope`].
pub fn shortcut(
    key: &keyboard::Key,
    physical: key::Physical,
    modifiers: keyboard::Modifiers,
    status: iced::event::Status,
) -> Option<Key> {
    let ignored = status == iced::event::Status::Ignored;
    let is_f = matches!(key.as_ref(), keyboard::Key::Character("f" | "F"))
        || physical == key::Physical::Code(key::Code::KeyF);
    match key.as_ref() {
        _ if modifiers.command() && is_f => Some(Key::Find),
        keyboard::Key::Named(key::Named::Escape) => Some(Key::Escape),
        keyboard::Key::Named(key::Named::Enter) if ignored => Some(Key::Enter),
        keyboard::Key::Named(key::Named::ArrowUp) if ignored => Some(Key::Up),
        keyboard::Key::Named(key::Named::ArrowDown) if ignored => Some(Key::Down),
        _ => None,
    }
}
