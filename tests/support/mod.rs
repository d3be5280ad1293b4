//! Shared helpers of the GUI tests: a small database fixture, a runner that executes the tasks a
//! screen or the app returns (database calls on a tokio runtime, widget operations skipped), and
//! a driver that clicks and types through `iced_test`'s simulator.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use iced::Task;
use iced_test::futures::futures::StreamExt;
use iced_test::runtime::Action as RuntimeAction;
use iced_test::simulator::Simulator;

use plodnee::app::dialogs::{Fake, FileDialogs};
use plodnee::app::screen::{Action, Session};
use plodnee::app::{App, Message, theme};
use plodnee::domain::address::Address;
use plodnee::domain::loan::{Channel, CollateralKind, FundKind};
use plodnee::domain::person::Grade;
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::role::Role;
use plodnee::domain::schedule::{DayCount, Frequency, Method, Terms};
use plodnee::domain::{NationalId, Satang};
use plodnee::store::funds::{self, NewFund};
use plodnee::store::households::{self, NewHousehold};
use plodnee::store::institute::{self, Institute};
use plodnee::store::ledger::{self, NewPayment};
use plodnee::store::loans::{self, NewCollateral, NewLoan};
use plodnee::store::persons::{self, NewPerson};
use plodnee::store::users::{self, User};
use plodnee::store::{Actor, Store};

pub fn address_fixture(house_no: &str, village_no: u8) -> Address {
    Address {
        house_no: house_no.into(),
        village_no,
        village_name: "หนองบัว".into(),
        subdistrict: "บ้านโป่ง".into(),
        district: "บ้านโป่ง".into(),
        province: "ราชบุรี".into(),
        postcode: "70110".into(),
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

/// "Today" of every GUI test: 21 November 2025 (21 พฤศจิกายน 2568).
pub fn today() -> NaiveDate {
    ymd(2025, 11, 21)
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt")
}

/// Runs a task to the end and returns the messages it produced (widget operations such as focus
/// are skipped: there is no window).
pub fn outputs<M: Send + 'static>(rt: &tokio::runtime::Runtime, task: Task<M>) -> Vec<M> {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return Vec::new();
    };
    rt.block_on(stream.collect::<Vec<_>>())
        .into_iter()
        .filter_map(|action| match action {
            RuntimeAction::Output(m) => Some(m),
            _ => None,
        })
        .collect()
}

/// Feeds a screen's action back into it until nothing is left to run; returns the first action
/// that is not a task (open, back, signed in …), or `Action::None`.
pub fn settle<M: Send + 'static>(
    rt: &tokio::runtime::Runtime,
    action: Action<M>,
    update: &mut dyn FnMut(M) -> Action<M>,
) -> Action<M> {
    match action {
        Action::Run(task) => {
            let mut last = Action::None;
            for m in outputs(rt, task) {
                let next = settle(rt, update(m), update);
                if !next.is_none() {
                    last = next;
                }
            }
            last
        }
        other => other,
    }
}

/// The fixture: an institute with one fund, three users (one per role), two households.
pub struct Fixture {
    pub store: Store,
    pub officer: User,
    pub treasurer: User,
    pub committee: User,
    pub fund_id: i64,
    pub household_id: i64,
    pub other_household_id: i64,
    /// นายสมชาย ใจดี, head of the first household, borrower of `loan_id`.
    pub borrower_id: i64,
    /// นางสมหญิง ใจดี, the borrower's wife.
    pub spouse_id: i64,
    /// นายมานะ รักดี, of the other household, guarantor of `loan_id`.
    pub neighbour_id: i64,
    pub loan_id: i64,
    pub payment_id: i64,
}

pub const OFFICER_PASSWORD: &str = "officer-2568";

pub fn fixture() -> Fixture {
    let store = Store::memory().expect("memory store");
    let system = Actor::system();
    store
        .write(|tx| {
            institute::save(
                tx,
                &system,
                &Institute {
                    name: "สถาบันการจัดการเงินทุนชุมชนบ้านทดสอบ".into(),
                    ..Institute::default()
                },
            )?;
            let officer = users::create(
                tx,
                &system,
                "officer",
                "นางสาวใจดี มีสุข",
                Role::Officer,
                OFFICER_PASSWORD,
            )?;
            let treasurer = users::create(
                tx,
                &system,
                "treasurer",
                "นายเงิน ทองดี",
                Role::Treasurer,
                "treasurer-2568",
            )?;
            let committee = users::create(
                tx,
                &system,
                "committee",
                "นายประธาน ใหญ่ยิ่ง",
                Role::Committee,
                "committee-2568",
            )?;
            let fund_id = funds::create(
                tx,
                &system,
                &NewFund {
                    code: "กทบ.".into(),
                    name: "กองทุนหมู่บ้าน".into(),
                    kind: FundKind::VillageFund,
                    default_rate: AnnualRate::from_bp(600).expect("6%"),
                    default_method: Method::Annuity,
                    default_frequency: Frequency::Monthly,
                    default_periods: 12,
                    penalty_rate: AnnualRate::from_bp(500).expect("5%"),
                },
            )?;
            let actor = committee.actor();
            let household_id = households::create(
                tx,
                &actor,
                &NewHousehold {
                    address: address_fixture("12/3", 3),
                    registration_no: String::new(),
                },
            )?;
            let other_household_id = households::create(
                tx,
                &actor,
                &NewHousehold { address: address_fixture("45", 5), registration_no: String::new() },
            )?;
            let person =
                |household_id, title: &str, first: &str, last: &str, id: &str, phone: &str| {
                    NewPerson {
                        household_id,
                        title: title.into(),
                        first_name: first.into(),
                        last_name: last.into(),
                        national_id: Some(NationalId::parse(id).expect("valid id")),
                        birth_date: Some(ymd(1970, 5, 2)),
                        phone: phone.into(),
                        grade: Grade::A,
                    }
                };
            let borrower_id = persons::create(
                tx,
                &actor,
                &person(household_id, "นาย", "สมชาย", "ใจดี", "1234567890121", "0812345678"),
            )?;
            let spouse_id = persons::create(
                tx,
                &actor,
                &person(household_id, "นาง", "สมหญิง", "ใจดี", "3100600123450", ""),
            )?;
            let neighbour_id = persons::create(
                tx,
                &actor,
                &person(other_household_id, "นาย", "มานะ", "รักดี", "1100400000013", "0899999999"),
            )?;
            let loan_id = loans::create(
                tx,
                &actor,
                &NewLoan {
                    contract_no: None,
                    fund_id,
                    borrower_id,
                    terms: Terms {
                        principal: Satang::from_baht(12_000),
                        rate: AnnualRate::from_bp(600).expect("6%"),
                        method: Method::EqualPrincipal,
                        frequency: Frequency::Monthly,
                        periods: 12,
                        start: ymd(2025, 1, 15),
                        day_count: DayCount::Period,
                        round_up_baht: false,
                    },
                    penalty_rate: AnnualRate::from_bp(500).expect("5%"),
                    purpose: "ปลูกข้าว".into(),
                    co_borrowers: vec![],
                    guarantors: vec![neighbour_id],
                    collateral: vec![NewCollateral {
                        kind: CollateralKind::LandTitle,
                        document_no: "โฉนด 1234".into(),
                        description: "ที่นา 2 ไร่".into(),
                        value: Satang::from_baht(100_000),
                    }],
                },
            )?;
            let receipt = ledger::record(
                tx,
                &actor,
                &NewPayment {
                    loan_id,
                    paid_on: ymd(2025, 2, 15),
                    amount: Satang::from_baht(1_060),
                    channel: Channel::Cash,
                    payer_name: String::new(),
                    note: String::new(),
                },
                today(),
            )?;
            Ok(Fixture {
                store: store.clone(),
                officer,
                treasurer,
                committee,
                fund_id,
                household_id,
                other_household_id,
                borrower_id,
                spouse_id,
                neighbour_id,
                loan_id,
                payment_id: receipt.payment_id,
            })
        })
        .expect("fixture")
}

impl Fixture {
    pub fn session(&self, user: &User) -> Session {
        Session {
            store: self.store.clone(),
            reader: self.store.clone(),
            user: user.clone(),
            today: today(),
            dialogs: Arc::new(Fake::default()),
        }
    }
}

pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![theme::SARABUN_REGULAR.into(), theme::SARABUN_BOLD.into()],
        default_font: theme::FONT,
        ..iced::Settings::default()
    }
}

/// Drives the whole app the way a user does: clicks by Thai label, types into fields.
pub struct Driver {
    pub app: App,
    pub rt: tokio::runtime::Runtime,
    pub size: iced::Size,
}

impl Driver {
    pub fn new(store: Store, dialogs: Arc<dyn FileDialogs>) -> Driver {
        let rt = runtime();
        let (app, task) =
            App::new(store, PathBuf::from("/nonexistent"), dialogs, today(), Instant::now());
        let mut driver = Driver { app, rt, size: iced::Size::new(1280.0, 2400.0) };
        driver.run(task);
        driver
    }

    pub fn run(&mut self, task: Task<Message>) {
        for m in outputs(&self.rt, task) {
            self.send(m);
        }
    }

    pub fn send(&mut self, message: Message) {
        let task = self.app.update(message);
        self.run(task);
    }

    fn apply(&mut self, messages: Vec<Message>) {
        for m in messages {
            self.send(m);
        }
    }

    /// Clicks the widget showing exactly `label`; panics with the label if it is not on screen.
    pub fn click(&mut self, label: &str) {
        let messages = {
            let mut ui = Simulator::with_size(settings(), self.size, self.app.view());
            if let Err(e) = ui.click(label) {
                panic!("cannot click {label:?}: {e:?}");
            }
            ui.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// Clicks into the field with `id` and types `text` (Thai letters and marks one by one).
    pub fn type_into(&mut self, id: &'static str, text: &str) {
        let messages = {
            let mut ui = Simulator::with_size(settings(), self.size, self.app.view());
            if let Err(e) = ui.click(iced::widget::Id::new(id)) {
                panic!("no field {id}: {e:?}");
            }
            ui.typewrite(text);
            ui.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// Empties the field with `id` the way a user does: click at its end, press Backspace.
    pub fn clear(&mut self, id: &'static str) {
        let messages = {
            let mut ui = Simulator::with_size(settings(), self.size, self.app.view());
            ui.click(iced::widget::Id::new(id)).expect("field");
            ui.tap_key(iced::keyboard::key::Named::End);
            for _ in 0..40 {
                ui.tap_key(iced::keyboard::key::Named::Backspace);
            }
            ui.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// Presses a key in the field with `id` (Enter to submit).
    pub fn press_in(&mut self, id: &'static str, key: iced::keyboard::key::Named) {
        let messages = {
            let mut ui = Simulator::with_size(settings(), self.size, self.app.view());
            ui.click(iced::widget::Id::new(id)).expect("field");
            ui.tap_key(key);
            ui.into_messages().collect::<Vec<_>>()
        };
        self.apply(messages);
    }

    /// Whether some text on screen is exactly `label`.
    pub fn shows(&self, label: &str) -> bool {
        let mut ui = Simulator::with_size(settings(), self.size, self.app.view());
        ui.find(label).is_ok()
    }

    /// Saves a picture of the screen (for looking at) under `target/gui-snapshots/NAME-tiny-skia.png`.
    pub fn snapshot(&self, name: &str) -> iced_test::simulator::Snapshot {
        let mut ui =
            Simulator::with_size(settings(), iced::Size::new(1280.0, 760.0), self.app.view());
        let snapshot = ui.snapshot(&self.app.theme()).expect("snapshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
        let _ = snapshot.matches_image(&path);
        snapshot
    }
}

/// Issue 5's household: to the fixture's loan (กทบ. 6%, paid once, long in arrears) it adds two
/// funds at 12% and 3% and a loan from each to the same household (the wife's, never paid, so
/// it carries default interest). Returns the three loan ids, the fixture's first.
pub fn three_fund_loans(f: &Fixture) -> Vec<i64> {
    f.store
        .write(|tx| {
            let sys = Actor::system();
            let actor = f.committee.actor();
            let mut ids = vec![f.loan_id];
            for (code, name, bp, method, borrower, principal, start, periods) in [
                (
                    "อท.",
                    "กองทุนออมทรัพย์เพื่อการผลิต",
                    1200,
                    Method::Flat,
                    f.spouse_id,
                    20_000,
                    ymd(2024, 6, 10),
                    24,
                ),
                (
                    "กขคจ.",
                    "กองทุน กข.คจ.",
                    300,
                    Method::Annuity,
                    f.borrower_id,
                    8_000,
                    ymd(2025, 3, 1),
                    12,
                ),
            ] {
                let fund_id = funds::create(
                    tx,
                    &sys,
                    &NewFund {
                        code: code.into(),
                        name: name.into(),
                        kind: FundKind::Other,
                        default_rate: AnnualRate::from_bp(bp).expect("rate"),
                        default_method: method,
                        default_frequency: Frequency::Monthly,
                        default_periods: periods,
                        penalty_rate: AnnualRate::from_bp(500).expect("5%"),
                    },
                )?;
                ids.push(loans::create(
                    tx,
                    &actor,
                    &NewLoan {
                        contract_no: None,
                        fund_id,
                        borrower_id: borrower,
                        terms: Terms {
                            principal: Satang::from_baht(principal),
                            rate: AnnualRate::from_bp(bp).expect("rate"),
                            method,
                            frequency: Frequency::Monthly,
                            periods,
                            start,
                            day_count: DayCount::Period,
                            round_up_baht: false,
                        },
                        penalty_rate: AnnualRate::from_bp(500).expect("5%"),
                        purpose: "ลงทุนเกษตร".into(),
                        co_borrowers: vec![],
                        guarantors: vec![],
                        collateral: vec![],
                    },
                )?);
            }
            Ok(ids)
        })
        .expect("three fund loans")
}

impl Driver {
    /// Signs in from the sign-in screen (after start or "ออกจากระบบ").
    pub fn sign_in(&mut self, username: &str, password: &str) {
        use plodnee::app::screen::sign_in::{PASSWORD_ID, USERNAME_ID};
        self.type_into(USERNAME_ID, username);
        self.type_into(PASSWORD_ID, password);
        // Enter: the screen's title says "เข้าสู่ระบบ" too, so a click by label is ambiguous.
        self.press_in(PASSWORD_ID, iced::keyboard::key::Named::Enter);
        assert!(self.app.session.is_some(), "{username} signed in");
    }

    /// Like [`Driver::snapshot`], of a taller window: the whole of a long screen, for looking at.
    pub fn snapshot_tall(&self, name: &str, height: f32) {
        let mut ui =
            Simulator::with_size(settings(), iced::Size::new(1280.0, height), self.app.view());
        let snapshot = ui.snapshot(&self.app.theme()).expect("snapshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::remove_file(dir.join(format!("{name}-tiny-skia.png")));
        let _ = snapshot.matches_image(dir.join(format!("{name}.png")));
    }

    pub fn sign_out(&mut self) {
        self.click("ออกจากระบบ");
    }
}

/// Sends one message to a screen and feeds back what it runs until quiet.
pub fn send<S, M: Send + 'static>(
    rt: &tokio::runtime::Runtime,
    screen: &mut S,
    update: fn(&mut S, M) -> Action<M>,
    message: M,
) -> Action<M> {
    let first = update(screen, message);
    settle(rt, first, &mut |m| update(screen, m))
}

/// A screen from its `new`, after its first task has run.
pub fn opened<S, M: Send + 'static>(
    rt: &tokio::runtime::Runtime,
    (mut screen, task): (S, Task<M>),
    update: fn(&mut S, M) -> Action<M>,
) -> S {
    let _ = settle(rt, Action::Run(task), &mut |m| update(&mut screen, m));
    screen
}

/// The fixture's session for `user`, with file dialogs that answer as `dialogs` says.
pub fn session_with(f: &Fixture, user: &User, dialogs: Fake) -> Session {
    Session { dialogs: Arc::new(dialogs), ..f.session(user) }
}

/// A 1,200-baht loan at 0% (twelve monthly installments of 100.00 from `start`) of the
/// borrower's wife in the fixture's fund, with installments 1 to `paid` paid on their due dates,
/// installment `short_no` of them `short` satang short. Returns the loan id.
pub fn loan_paid_short(f: &Fixture, start: NaiveDate, paid: u32, short_no: u32, short: i64) -> i64 {
    f.store
        .write(|tx| {
            let actor = f.committee.actor();
            let loan_id = loans::create(
                tx,
                &actor,
                &NewLoan {
                    contract_no: None,
                    fund_id: f.fund_id,
                    borrower_id: f.spouse_id,
                    terms: Terms {
                        principal: Satang::from_baht(1_200),
                        rate: AnnualRate::ZERO,
                        method: Method::Flat,
                        frequency: Frequency::Monthly,
                        periods: 12,
                        start,
                        day_count: DayCount::Period,
                        round_up_baht: false,
                    },
                    penalty_rate: AnnualRate::from_bp(500).expect("5%"),
                    purpose: "ค้าขาย".into(),
                    co_borrowers: vec![],
                    guarantors: vec![],
                    collateral: vec![],
                },
            )?;
            let schedule = loans::schedule(tx, loan_id)?;
            for i in schedule.installments.iter().filter(|i| i.no <= paid) {
                let less = if i.no == short_no { Satang(short) } else { Satang::ZERO };
                ledger::record(
                    tx,
                    &actor,
                    &NewPayment {
                        loan_id,
                        paid_on: i.due_date,
                        amount: i.payment() - less,
                        channel: Channel::Cash,
                        payer_name: String::new(),
                        note: String::new(),
                    },
                    ymd(2030, 1, 1),
                )?;
            }
            Ok(loan_id)
        })
        .expect("loan paid short")
}

/// A loan whose last of twelve installments fell due on 15 Nov 2025 and was paid `short` satang
/// short, everything else paid on time: on the GUI tests' today (21 Nov 2025) the whole debt is
/// that residue (six days of default interest on less than a baht round to 0.00).
pub fn residue_loan(f: &Fixture, short: i64) -> i64 {
    loan_paid_short(f, ymd(2024, 11, 15), 12, 12, short)
}

/// A loan with installments 1–3 (due 10 Sep, 10 Oct, 10 Nov 2025) paid on their due dates, the
/// first `short` satang short. Payments pay the oldest installment first, so the shortfall rolls
/// onto installment 3: on 21 Nov 2025 only it is overdue, for 11 days.
pub fn overdue_by(f: &Fixture, short: i64) -> i64 {
    loan_paid_short(f, ymd(2025, 8, 10), 3, 1, short)
}
