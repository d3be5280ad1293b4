//! First start on an empty database: set up the institute (name, address, phone, PromptPay,
//! signatories, the funds it manages, the committee user), or fill the database with demo data.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iced::widget::{Column, checkbox, column, progress_bar, row};
use iced::{Element, Fill, Task};

use crate::app::demo_bridge::{self, DemoOutcome};
use crate::app::dialogs::{self, FileDialogs};
use crate::app::form::{Checker, Form};
use crate::app::screen::admin::setup_restore;
use crate::app::screen::{Action, write};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    body, card, error_banner, field, labelled, muted, notice_banner, page, primary_button,
    secondary_button, subtitle, title,
};
use crate::demo::Progress;
use crate::domain::institute_settings as settings;
use crate::domain::loan::FundKind;
use crate::domain::person::parse_phone;
use crate::domain::rate::AnnualRate;
use crate::domain::role::Role;
use crate::domain::schedule::{Frequency, Method};
use crate::store::funds::{self, NewFund};
use crate::store::institute::{self, Institute, Signatory};
use crate::store::users::{self, User};
use crate::store::{Actor, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Name,
    Address,
    Phone,
    PromptPay,
    ChairName,
    ChairPosition,
    TreasurerName,
    TreasurerPosition,
    AdminName,
    Username,
    Password,
    PasswordAgain,
    DemoHouseholds,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::Name => "setup-name",
            Input::Address => "setup-address",
            Input::Phone => "setup-phone",
            Input::PromptPay => "setup-promptpay",
            Input::ChairName => "setup-chair-name",
            Input::ChairPosition => "setup-chair-position",
            Input::TreasurerName => "setup-treasurer-name",
            Input::TreasurerPosition => "setup-treasurer-position",
            Input::AdminName => "setup-admin-name",
            Input::Username => "setup-username",
            Input::Password => "setup-password",
            Input::PasswordAgain => "setup-password-again",
            Input::DemoHouseholds => "setup-demo-households",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Choose,
    Institute,
    Demo,
    /// Restore onto a new PC from a backup file.
    Restore,
}

#[derive(Debug, Clone)]
pub enum Message {
    Choose(Step),
    Edit(Input, String),
    FundToggled(FundKind, bool),
    PickLogo,
    LogoPicked(Option<PathBuf>),
    LogoLoaded(Result<(String, Vec<u8>), String>),
    Save,
    Saved(Result<User, StoreError>),
    LoadDemo,
    DemoProgress(Progress),
    DemoLoaded(Result<DemoOutcome, StoreError>),
    Start,
    Restore(setup_restore::Message),
}

pub struct Setup {
    store: Store,
    dialogs: Arc<dyn FileDialogs>,
    today: NaiveDate,
    pub step: Step,
    pub form: Form<Input>,
    pub funds: Vec<(FundKind, bool)>,
    pub logo: Option<(String, Vec<u8>)>,
    pub saving: bool,
    pub error: Option<String>,
    demo_started: Option<Instant>,
    pub demo_elapsed: Duration,
    pub demo_progress: Option<Progress>,
    pub demo: Option<DemoOutcome>,
    pub restore: setup_restore::FirstRestore,
}

/// What the committee entered, all of it valid.
#[derive(Debug, Clone)]
pub struct Valid {
    pub institute: Institute,
    pub signatories: Vec<Signatory>,
    pub funds: Vec<NewFund>,
    pub admin_name: String,
    pub username: String,
    pub password: String,
}

/// The funds an institute usually pools, with the terms most of them lend on; the committee can
/// change a loan's terms when it is made.
pub fn preset_fund(kind: FundKind) -> NewFund {
    let rate = |bp| AnnualRate::from_bp(bp).unwrap_or(AnnualRate::ZERO);
    let (code, name, rate_bp, method, frequency, periods) = match kind {
        FundKind::VillageFund => {
            ("กทบ.", "กองทุนหมู่บ้าน", 600, Method::Annuity, Frequency::Monthly, 24)
        }
        FundKind::SavingsGroup => {
            ("อท.", "กลุ่มออมทรัพย์เพื่อการผลิต", 1200, Method::EqualPrincipal, Frequency::Monthly, 12)
        }
        FundKind::Kkkj => ("กข.คจ.", "กองทุน กข.คจ.", 300, Method::Flat, Frequency::Yearly, 1),
        FundKind::Housewives => ("กมบ.", "กองทุนแม่บ้าน", 600, Method::Flat, Frequency::Monthly, 10),
        FundKind::Welfare => ("สวช.", "กองทุนสวัสดิการชุมชน", 300, Method::Flat, Frequency::Yearly, 2),
        FundKind::Other => ("อื่น.", "กองทุนอื่น ๆ", 600, Method::Annuity, Frequency::Monthly, 12),
    };
    NewFund {
        code: code.into(),
        name: name.into(),
        kind,
        default_rate: rate(rate_bp),
        default_method: method,
        default_frequency: frequency,
        default_periods: periods,
        penalty_rate: rate(crate::domain::statement::DEFAULT_PENALTY_BP),
    }
}

impl Setup {
    pub fn new(store: Store, dialogs: Arc<dyn FileDialogs>, today: NaiveDate) -> Setup {
        let form = Form::with([
            (Input::ChairPosition, "ประธานกรรมการ".to_string()),
            (Input::TreasurerPosition, "เหรัญญิก".to_string()),
            (Input::DemoHouseholds, "300".to_string()),
        ]);
        let funds = FundKind::ALL
            .iter()
            .filter(|k| **k != FundKind::Other)
            .map(|k| (*k, *k == FundKind::VillageFund))
            .collect();
        Setup {
            restore: setup_restore::FirstRestore::new(store.clone(), dialogs.clone()),
            store,
            dialogs,
            today,
            step: Step::Choose,
            form,
            funds,
            logo: None,
            saving: false,
            error: None,
            demo_started: None,
            demo_elapsed: Duration::ZERO,
            demo_progress: None,
            demo: None,
        }
    }

    pub fn parse(&self) -> Result<Valid, crate::app::form::Errors<Input>> {
        let f = &self.form;
        let mut c = Checker::default();
        // The institute's fields are checked as the settings screen checks them (one rule each).
        let name =
            c.take(Input::Name, settings::parse_name(f.get(Input::Name))).unwrap_or_default();
        let phone = c.take(Input::Phone, parse_phone(f.get(Input::Phone)));
        let promptpay =
            c.take(Input::PromptPay, settings::parse_promptpay(f.get(Input::PromptPay)));
        let chair = c.take(Input::ChairName, settings::parse_signer_name(f.get(Input::ChairName)));
        let chair = chair.unwrap_or_default();
        c.take(Input::ChairPosition, settings::parse_position(f.get(Input::ChairPosition)));
        let admin_name = f.get(Input::AdminName).trim().to_string();
        if admin_name.is_empty() {
            c.fail(Input::AdminName, "กรุณากรอกชื่อ-สกุลของผู้ดูแลระบบ");
        }
        let username = f.get(Input::Username).trim().to_string();
        c.take(Input::Username, users::validate_username(&username));
        let password = f.get(Input::Password).to_string();
        c.take(Input::Password, users::validate_password(&password));
        if f.get(Input::PasswordAgain) != password {
            c.fail(Input::PasswordAgain, "รหัสผ่านทั้งสองช่องไม่ตรงกัน");
        }
        let funds: Vec<NewFund> =
            self.funds.iter().filter(|(_, on)| *on).map(|(k, _)| preset_fund(*k)).collect();
        if !c.is_ok() {
            return Err(c.errors);
        }
        let mut signatories = vec![Signatory {
            name: chair,
            position: f.get(Input::ChairPosition).trim().into(),
            duty: "chair".into(),
        }];
        let treasurer = f.get(Input::TreasurerName).trim();
        if !treasurer.is_empty() {
            signatories.push(Signatory {
                name: treasurer.into(),
                position: f.get(Input::TreasurerPosition).trim().into(),
                duty: "treasurer".into(),
            });
        }
        Ok(Valid {
            institute: Institute {
                name,
                address: f.get(Input::Address).trim().into(),
                phone: phone.unwrap_or_default(),
                promptpay_id: promptpay.unwrap_or_default(),
                logo_png: self.logo.as_ref().map(|l| l.1.clone()),
                ..Institute::default()
            },
            signatories,
            funds,
            admin_name,
            username,
            password,
        })
    }

    fn recheck(&mut self) {
        let errors = self.parse().err().unwrap_or_default();
        self.form.show(errors);
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Choose(Step::Restore) => {
                self.step = Step::Restore;
                self.error = None;
                Action::None
            }
            Message::Choose(step) => {
                self.step = step;
                self.error = None;
                let first =
                    if step == Step::Institute { Input::Name } else { Input::DemoHouseholds };
                Action::Run(iced::widget::operation::focus(first.id()))
            }
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                if input != Input::DemoHouseholds {
                    self.recheck();
                }
                Action::None
            }
            Message::FundToggled(kind, on) => {
                if let Some(entry) = self.funds.iter_mut().find(|(k, _)| *k == kind) {
                    entry.1 = on;
                }
                Action::None
            }
            Message::PickLogo if !self.dialogs.can_ask() => {
                self.error = Some(dialogs::NO_OPEN_DIALOG.into());
                Action::None
            }
            Message::PickLogo => Action::Run(Task::perform(
                self.dialogs.open_file("เลือกโลโก้ของสถาบัน", dialogs::PNG),
                Message::LogoPicked,
            )),
            Message::LogoPicked(None) => Action::None,
            Message::LogoPicked(Some(path)) => {
                Action::Run(Task::perform(read_png(path), Message::LogoLoaded))
            }
            Message::LogoLoaded(Ok(logo)) => {
                self.logo = Some(logo);
                self.error = None;
                Action::None
            }
            Message::LogoLoaded(Err(e)) => {
                self.error = Some(e);
                Action::None
            }
            Message::Save => {
                if self.saving {
                    return Action::None;
                }
                self.form.submit();
                self.recheck();
                let Ok(valid) = self.parse() else {
                    return Action::None;
                };
                self.saving = true;
                self.error = None;
                Action::Run(write(&self.store, move |tx| save(tx, &valid), Message::Saved))
            }
            Message::Saved(result) => {
                self.saving = false;
                match result {
                    Ok(user) => Action::SignedIn(user),
                    Err(e) => {
                        self.error = Some(e.to_string());
                        Action::None
                    }
                }
            }
            Message::LoadDemo => {
                if self.demo_started.is_some() {
                    return Action::None;
                }
                let households = match parse_households(self.form.get(Input::DemoHouseholds)) {
                    Ok(n) => n,
                    Err(e) => {
                        self.form.set_error(Input::DemoHouseholds, e);
                        return Action::None;
                    }
                };
                self.form.show(Default::default());
                self.error = None;
                self.demo_started = Some(Instant::now());
                Action::Run(Task::sip(
                    demo_bridge::load(self.store.clone(), households, self.today),
                    Message::DemoProgress,
                    Message::DemoLoaded,
                ))
            }
            Message::DemoLoaded(result) => {
                self.demo_started = None;
                match result {
                    Ok(outcome) => self.demo = Some(outcome),
                    Err(e) => self.error = Some(e.to_string()),
                }
                Action::None
            }
            Message::DemoProgress(progress) => {
                if let Some(started) = self.demo_started {
                    self.demo_elapsed = started.elapsed();
                }
                self.demo_progress = Some(progress);
                Action::None
            }
            Message::Restore(m) => self.restore.update(m).map(Message::Restore),
            Message::Start => match &self.demo {
                Some(outcome) => Action::SignedIn(outcome.signed_in.clone()),
                None => Action::None,
            },
        }
    }

    /// Esc on a form returns to the first choice.
    pub fn cancel(&mut self) -> Action<Message> {
        if self.step != Step::Choose
            && self.demo_started.is_none()
            && !self.saving
            && !self.restore.busy
        {
            self.step = Step::Choose;
        }
        Action::None
    }

    pub fn submit(&mut self) -> Action<Message> {
        match self.step {
            Step::Choose => Action::None,
            Step::Institute => self.update(Message::Save),
            Step::Demo if self.demo.is_some() => self.update(Message::Start),
            Step::Demo => self.update(Message::LoadDemo),
            Step::Restore => self.update(Message::Restore(setup_restore::Message::Restore)),
        }
    }

    pub fn is_loading_demo(&self) -> bool {
        self.demo_started.is_some()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let heading = column![
            title("ยินดีต้อนรับสู่ปลดหนี้"),
            muted("ฐานข้อมูลยังว่างอยู่ เริ่มจากตั้งค่าสถาบันของท่าน ทดลองใช้ด้วยข้อมูลตัวอย่าง หรือกู้คืนจากไฟล์สำรองของเครื่องเดิม"),
        ]
        .spacing(space::XS);
        let body: Element<'_, Message> = match self.step {
            Step::Choose => self.view_choose(),
            Step::Institute => self.view_institute(),
            Step::Demo => self.view_demo(),
            Step::Restore => self.restore.view().map(Message::Restore),
        };
        let mut content = Column::new().spacing(space::L).max_width(dim::FORM).push(heading);
        if let Some(error) = &self.error {
            content = content.push(error_banner(error));
        }
        page(content.push(body))
    }

    fn view_choose(&self) -> Element<'_, Message> {
        let institute = card(
            column![
                subtitle("เริ่มใช้งานจริง"),
                body("ชื่อ ที่อยู่ โทรศัพท์ พร้อมเพย์ ผู้ลงนาม กองทุนที่บริหาร และผู้ดูแลระบบ"),
                primary_button("ตั้งค่าสถาบัน", Some(Message::Choose(Step::Institute))),
            ]
            .spacing(space::M),
        );
        let demo = card(
            column![
                subtitle("ทดลองใช้ด้วยข้อมูลตัวอย่าง"),
                body("สร้างครัวเรือน สมาชิก สัญญาเงินกู้ และการรับชำระสมมติ เพื่อทดลองใช้งาน"),
                secondary_button("ใช้ข้อมูลตัวอย่าง", Some(Message::Choose(Step::Demo))),
            ]
            .spacing(space::M),
        );
        let restore = card(
            column![
                subtitle("ย้ายมาจากเครื่องเดิม"),
                body("เครื่องเดิมเสียหรือเปลี่ยนเครื่อง: นำข้อมูลกลับมาจากไฟล์สำรองบนแฟลชไดรฟ์"),
                secondary_button("กู้คืนจากไฟล์สำรอง", Some(Message::Choose(Step::Restore))),
            ]
            .spacing(space::M),
        );
        column![row![institute, demo].spacing(space::L), restore].spacing(space::L).into()
    }

    fn text_field<'a>(
        &'a self,
        label: &'a str,
        input: Input,
        placeholder: &'a str,
    ) -> crate::app::widget::Field<'a, Message> {
        field(label, input.id(), placeholder, self.form.get(input), move |v| {
            Message::Edit(input, v)
        })
        .error(self.form.error(input))
        .submit(Message::Save)
    }

    fn view_institute(&self) -> Element<'_, Message> {
        let institute = column![
            subtitle("ข้อมูลสถาบัน"),
            self.text_field("ชื่อสถาบัน", Input::Name, "เช่น สถาบันการจัดการเงินทุนชุมชนบ้านโป่ง"),
            self.text_field("ที่อยู่", Input::Address, "เลขที่ หมู่ ตำบล อำเภอ จังหวัด"),
            self.text_field("โทรศัพท์", Input::Phone, "เช่น 032-123-456"),
            self.text_field("พร้อมเพย์", Input::PromptPay, "เบอร์มือถือหรือเลขผู้เสียภาษี 13 หลัก")
                .hint("ใช้พิมพ์ QR ในใบแจ้งหนี้ (เว้นว่างได้)"),
            labelled(
                "โลโก้",
                row![
                    secondary_button("เลือกไฟล์ PNG…", Some(Message::PickLogo)),
                    muted(self.logo.as_ref().map(|l| l.0.as_str()).unwrap_or("ยังไม่ได้เลือก")),
                ]
                .spacing(space::M)
                .align_y(iced::Center),
            ),
        ]
        .spacing(space::M);
        let signers = column![
            subtitle("ผู้ลงนามในหนังสือ"),
            self.text_field("ชื่อประธาน", Input::ChairName, "ชื่อ-สกุล"),
            self.text_field("ตำแหน่ง", Input::ChairPosition, ""),
            self.text_field("ชื่อเหรัญญิก", Input::TreasurerName, "ชื่อ-สกุล (เว้นว่างได้)"),
            self.text_field("ตำแหน่ง", Input::TreasurerPosition, ""),
        ]
        .spacing(space::M);
        let funds = Column::with_children(self.funds.iter().map(|(kind, on)| {
            let kind = *kind;
            let preset = preset_fund(kind);
            checkbox(*on)
                .label(format!(
                    "{} ({} {})",
                    preset.name, preset.default_rate, preset.default_method
                ))
                .on_toggle(move |v| Message::FundToggled(kind, v))
                .text_line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT))
                .into()
        }))
        .spacing(space::S);
        let funds = column![
            subtitle("กองทุนที่สถาบันบริหาร"),
            muted("อัตราดอกเบี้ยและวิธีคิดเป็นค่าเริ่มต้นของสัญญาใหม่"),
            funds
        ]
        .spacing(space::S);
        let admin = column![
            subtitle("ผู้ดูแลระบบ (ประธาน/กรรมการ)"),
            self.text_field("ชื่อ-สกุล", Input::AdminName, ""),
            self.text_field("ชื่อผู้ใช้", Input::Username, "ภาษาอังกฤษหรือตัวเลข เช่น somchai"),
            self.text_field("รหัสผ่าน", Input::Password, "อย่างน้อย 8 ตัวอักษร").secure(),
            self.text_field("รหัสผ่านอีกครั้ง", Input::PasswordAgain, "").secure(),
        ]
        .spacing(space::M);
        let buttons = row![
            primary_button("บันทึกและเริ่มใช้งาน", (!self.saving).then_some(Message::Save)),
            secondary_button("ย้อนกลับ", Some(Message::Choose(Step::Choose))),
        ]
        .spacing(space::M);
        let mut col = column![card(institute), card(signers), card(funds), card(admin)]
            .spacing(space::L)
            .width(Fill);
        if self.form.has_errors() {
            col = col.push(crate::app::widget::error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
        }
        col.push(buttons).into()
    }

    fn view_demo(&self) -> Element<'_, Message> {
        if let Some(outcome) = &self.demo {
            let users =
                Column::with_children(outcome.users.iter().map(|(user, password, role)| {
                    body(format!("{role}: ชื่อผู้ใช้ {user} รหัสผ่าน {password}")).into()
                }))
                .spacing(space::XS);
            return card(
                column![
                    subtitle("ข้อมูลตัวอย่างพร้อมแล้ว"),
                    body(format!(
                        "{} ครัวเรือน {} สมาชิก {} สัญญา {} รายการรับชำระ",
                        count(outcome.households),
                        count(outcome.members),
                        count(outcome.loans),
                        count(outcome.payments)
                    )),
                    muted("ผู้ใช้ตัวอย่าง (จดไว้เพื่อเข้าสู่ระบบครั้งต่อไป):"),
                    users,
                    primary_button("เริ่มใช้งาน", Some(Message::Start)),
                ]
                .spacing(space::M),
            );
        }
        if self.demo_started.is_some() {
            return card(
                column![
                    subtitle("กำลังสร้างข้อมูลตัวอย่าง…"),
                    body(match &self.demo_progress {
                        Some(p) => format!("{} ({} / {})", p.stage, p.done, p.total),
                        None => "กำลังเริ่ม…".into(),
                    }),
                    progress_bar(
                        0.0..=1.0,
                        self.demo_progress
                            .map(|p| p.done as f32 / p.total.max(1) as f32)
                            .unwrap_or(0.0)
                    ),
                    notice_banner(format!(
                        "ใช้เวลาไปแล้ว {} วินาที ข้อมูลจำนวนมากอาจใช้เวลาหลายนาที",
                        self.demo_elapsed.as_secs()
                    )),
                ]
                .spacing(space::M),
            );
        }
        card(
            column![
                subtitle("ทดลองใช้ด้วยข้อมูลตัวอย่าง"),
                field(
                    "จำนวนครัวเรือน",
                    Input::DemoHouseholds.id(),
                    "เช่น 300",
                    self.form.get(Input::DemoHouseholds),
                    |v| Message::Edit(Input::DemoHouseholds, v),
                )
                .error(self.form.error(Input::DemoHouseholds))
                .hint("ครัวเรือนละประมาณ 2–3 สมาชิก")
                .submit(Message::LoadDemo),
                row![
                    primary_button("สร้างข้อมูลตัวอย่าง", Some(Message::LoadDemo)),
                    secondary_button("ย้อนกลับ", Some(Message::Choose(Step::Choose))),
                ]
                .spacing(space::M),
            ]
            .spacing(space::M),
        )
    }
}

fn count(n: usize) -> String {
    crate::app::screen::home::thousands(n as i64)
}

fn parse_households(input: &str) -> Result<usize, String> {
    let text = crate::domain::thai::digits::to_ascii_digits(input.trim()).replace(',', "");
    match text.parse::<usize>() {
        Ok(n) if (1..=100_000).contains(&n) => Ok(n),
        _ => Err("จำนวนครัวเรือนต้องเป็นตัวเลข 1–100,000".into()),
    }
}

/// The whole first-start setup is one transaction: no half-made institute if anything fails.
fn save(tx: &rusqlite::Transaction, valid: &Valid) -> crate::store::Result<User> {
    let system = Actor::system();
    institute::save(tx, &system, &valid.institute)?;
    institute::set_signatories(tx, &system, &valid.signatories)?;
    for fund in &valid.funds {
        funds::create(tx, &system, fund)?;
    }
    users::create(tx, &system, &valid.username, &valid.admin_name, Role::Committee, &valid.password)
}

async fn read_png(path: PathBuf) -> Result<(String, Vec<u8>), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = tokio::task::spawn_blocking(move || std::fs::read(&path))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("อ่านไฟล์ไม่ได้: {e}"))?;
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err("ไฟล์ที่เลือกไม่ใช่รูปภาพ PNG".into());
    }
    Ok((name, bytes))
}
