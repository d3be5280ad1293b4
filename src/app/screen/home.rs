//! Home: the institute at a glance (members, open loans, outstanding, arrears by bucket, collected
//! this month), when the last good backup was taken (red when older than 7 days or without its
//! second copy), and today's work list of due and overdue files. All load off the UI thread.

use iced::widget::scrollable::Viewport;
use iced::widget::{Column, Row, column, container, row};
use iced::{Element, Fill, Length, Task};

use super::{Action, Destination, Session, read};
use crate::app::theme::{Tone, size, space, texts};
use crate::app::widget::{
    self, ListWindow, badge, beside_scrollbar, body, card, cell, clickable, col, error_banner,
    figure, link, money, muted, num, secondary_button, subtitle, table_header, table_row, title,
    virtual_list,
};
use crate::domain::collections::target::Month;
use crate::domain::role::Permission;
use crate::domain::thai::date::{format_long, format_short};
use crate::store::StoreError;
use crate::store::backup::{self, Health};
use crate::store::dashboard::{self, Dashboard, Worklist};
use crate::store::privacy::breaches::{self, Breach};
use crate::store::targets::{self, MonthTargets};

/// The work list shows this many files; the count above it says how many there are in all.
pub const WORKLIST_LIMIT: usize = 2000;
const LIST_ID: &str = "home-worklist";
/// The home screen counts legal deadlines in this many days.
pub const LEGAL_DAYS: u32 = 30;

#[derive(Debug, Clone)]
pub enum Message {
    SummaryLoaded(Result<Dashboard, StoreError>),
    WorklistLoaded(Result<Worklist, StoreError>),
    BackupLoaded(Result<Health, StoreError>),
    BreachesLoaded(Result<Vec<Breach>, StoreError>),
    /// How many legal deadlines fall in the next 30 days (or are already warned).
    LegalLoaded(Result<usize, StoreError>),
    ComplaintsLoaded(Result<usize, StoreError>),
    TargetsLoaded(Result<Box<MonthTargets>, StoreError>),
    Scrolled(Viewport),
    Open(Destination),
    Refresh,
}

pub struct Home {
    session: Session,
    pub summary: Option<Dashboard>,
    pub worklist: Option<Worklist>,
    /// The backups' state; none for a database held in memory (tests, previews).
    pub backup: Option<Health>,
    /// Personal-data breaches with a duty still owed (committee only): the 72-hour countdown.
    pub breaches: Vec<Breach>,
    pub legal: Option<usize>,
    /// The early warning's button, with the count once it is known.
    legal_label: String,
    /// Open complaints whose next step is past its due date.
    pub complaints_overdue: Option<usize>,
    /// This month's collection targets against collections (issue 12 §9).
    pub targets: Option<MonthTargets>,
    pub window: ListWindow,
    pub error: Option<String>,
}

const COLS: [widget::Col; 6] = [
    col("เลขที่สัญญา", 7),
    col("ผู้กู้", 10),
    col("บ้านเลขที่", 5),
    col("ครบกำหนด", 6),
    num("ค้าง (วัน)", 4),
    num("เงินต้นคงเหลือ", 6),
];

/// The last figures and work list, kept by the app while the officer is elsewhere.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    summary: Option<Dashboard>,
    worklist: Option<Worklist>,
}

impl Cache {
    /// Remembers what a message brings.
    pub fn keep(&mut self, message: &Message) {
        match message {
            Message::SummaryLoaded(Ok(s)) => self.summary = Some(s.clone()),
            Message::WorklistLoaded(Ok(w)) => self.worklist = Some(w.clone()),
            _ => {}
        }
    }
}

impl Home {
    /// Shows the cached figures at once (if any) and asks for fresh ones.
    pub fn new(session: Session, cache: &Cache) -> (Home, Task<Message>) {
        let home = Home {
            session,
            summary: cache.summary.clone(),
            worklist: cache.worklist.clone(),
            backup: None,
            breaches: Vec::new(),
            legal: None,
            legal_label: "แจ้งเตือนด้านกฎหมาย".into(),
            complaints_overdue: None,
            targets: None,
            window: ListWindow::default(),
            error: None,
        };
        let task = home.load();
        (home, task)
    }

    fn load(&self) -> Task<Message> {
        let today = self.session.today;
        let backups = match self.session.store.path() {
            Some(path) => {
                let path = path.to_path_buf();
                read(
                    &self.session.reader,
                    move |conn| backup::health(conn, &path),
                    Message::BackupLoaded,
                )
            }
            None => Task::none(),
        };
        let breaches = if self.session.may(Permission::ManagePersonalData) {
            read(
                &self.session.reader,
                |conn| breaches::owing(conn, crate::clock::now()),
                Message::BreachesLoaded,
            )
        } else {
            Task::none()
        };
        Task::batch([
            backups,
            breaches,
            read(
                &self.session.reader,
                move |conn| crate::store::legal_deadlines::count(conn, today, LEGAL_DAYS),
                Message::LegalLoaded,
            ),
            read(
                &self.session.reader,
                move |conn| crate::store::complaints::overdue_count(conn, today),
                Message::ComplaintsLoaded,
            ),
            read(
                &self.session.reader,
                move |conn| targets::month(conn, Month::of(today), today).map(Box::new),
                Message::TargetsLoaded,
            ),
            read(
                &self.session.reader,
                move |conn| dashboard::summary(conn, today),
                Message::SummaryLoaded,
            ),
            read(
                &self.session.reader,
                move |conn| dashboard::worklist(conn, today, WORKLIST_LIMIT),
                Message::WorklistLoaded,
            ),
        ])
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::SummaryLoaded(Ok(summary)) => {
                self.summary = Some(summary);
                Action::None
            }
            Message::WorklistLoaded(Ok(list)) => {
                self.worklist = Some(list);
                Action::None
            }
            Message::LegalLoaded(Ok(n)) => {
                self.legal = Some(n);
                self.legal_label = format!("แจ้งเตือนด้านกฎหมาย {} รายการ", thousands(n as i64));
                Action::None
            }
            Message::BackupLoaded(Ok(health)) => {
                self.backup = Some(health);
                Action::None
            }
            Message::BreachesLoaded(Ok(list)) => {
                self.breaches = list;
                Action::None
            }
            Message::ComplaintsLoaded(Ok(n)) => {
                self.complaints_overdue = Some(n);
                Action::None
            }
            Message::TargetsLoaded(Ok(t)) => {
                self.targets = Some(*t);
                Action::None
            }
            Message::SummaryLoaded(Err(e))
            | Message::ComplaintsLoaded(Err(e))
            | Message::TargetsLoaded(Err(e))
            | Message::WorklistLoaded(Err(e))
            | Message::BackupLoaded(Err(e))
            | Message::BreachesLoaded(Err(e))
            | Message::LegalLoaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Scrolled(viewport) => {
                self.window = ListWindow::from_viewport(viewport);
                Action::None
            }
            Message::Open(destination) => Action::Open(destination),
            Message::Refresh => {
                self.error = None;
                Action::Run(self.load())
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let today = self.session.today;
        // The greeting on its own line and the actions in a row that wraps: at 1024 wide six
        // buttons beside a long name squeezed the greeting into five lines (issue 17 §16).
        let greeting = column![
            title(format!("สวัสดี {}", self.session.user.full_name)),
            muted(format!("วันนี้ {}", format_long(today))),
        ];
        let mut actions: Vec<Element<'_, Message>> = vec![
            secondary_button("ค้นหาสมาชิก (Ctrl+F)", Some(Message::Open(Destination::Find))),
            secondary_button("เพิ่มครัวเรือน", Some(Message::Open(Destination::NewHousehold))),
            secondary_button("ปรับปรุงตัวเลข", Some(Message::Refresh)),
            secondary_button("ออกหนังสือทั้งชุด", Some(Message::Open(Destination::LettersBatch))),
        ];
        // Issues 5 and 6: approvals for those who may approve, plans needing follow-up for all.
        if self.session.may(crate::domain::role::Permission::Approve) {
            actions.push(secondary_button(
                "รายการรออนุมัติ",
                Some(Message::Open(Destination::Approvals)),
            ));
        }
        actions
            .push(secondary_button("แผนที่ต้องติดตาม", Some(Message::Open(Destination::PlansAtRisk))));
        actions.push(secondary_button(
            &self.legal_label,
            Some(Message::Open(Destination::LegalDeadlines)),
        ));
        let header = column![greeting, Row::with_children(actions).spacing(space::S).wrap()]
            .spacing(space::S);

        let mut page = Column::new().spacing(space::L).push(header);
        if let Some(error) = &self.error {
            page = page.push(error_banner(error));
        }
        for b in &self.breaches {
            page = page.push(view_breach(b));
        }
        if let Some(line) = self.view_backup() {
            page = page.push(line);
        }
        if let Some(line) = self.view_complaints() {
            page = page.push(line);
        }
        if let Some(t) = &self.targets {
            page = page.push(crate::app::screen::collections::targets::home_line(
                t,
                self.session.user.id,
                Message::Open(Destination::Targets),
            ));
        }
        page = page.push(self.view_figures()).push(self.view_buckets()).push(self.view_worklist());
        container(page).padding(space::XL).height(Fill).into()
    }

    fn view_backup(&self) -> Option<Element<'_, Message>> {
        let health = self.backup.as_ref()?;
        let (text, warn) = backup_status(health, chrono::Local::now().naive_local());
        let mut line = Row::new().spacing(space::M).align_y(iced::Center);
        line = line.push(if warn {
            badge("สำรองข้อมูล", Tone::Bad)
        } else {
            badge("สำรองข้อมูล", Tone::Good)
        });
        line = line.push(if warn {
            body(text).style(texts::danger).width(Fill)
        } else {
            muted(text).width(Fill)
        });
        if self.session.may(Permission::Backup) {
            line = line.push(secondary_button(
                "สำรองและกู้คืนข้อมูล",
                Some(Message::Open(Destination::Backups)),
            ));
        }
        Some(line.into())
    }

    /// Overdue complaint steps, flagged only when there are some (ISO 10002's clocks).
    fn view_complaints(&self) -> Option<Element<'_, Message>> {
        let n = self.complaints_overdue.filter(|n| *n > 0)?;
        Some(
            row![
                badge("เรื่องร้องเรียน", Tone::Bad),
                body(format!("เรื่องร้องเรียนเกินกำหนด {n} เรื่อง")).style(texts::danger).width(Fill),
                secondary_button("ดูเรื่องร้องเรียน", Some(Message::Open(Destination::Complaints))),
            ]
            .spacing(space::M)
            .align_y(iced::Center)
            .into(),
        )
    }

    fn view_figures(&self) -> Element<'_, Message> {
        let Some(s) = &self.summary else {
            return card(muted("กำลังนับตัวเลข…"));
        };
        let cards: Vec<(&'static str, String, String)> = vec![
            ("สมาชิก (คน)", thousands(s.members), format!("{} ครัวเรือน", thousands(s.households))),
            (
                "สัญญาที่ยังไม่ปิด",
                thousands(s.open_loans),
                format!("ครบกำหนดวันนี้ {} สัญญา", thousands(s.due_today)),
            ),
            (
                "เงินต้นคงค้าง (บาท)",
                s.outstanding.to_string(),
                if s.carried.is_zero() {
                    "ทุกกองทุน".into()
                } else {
                    format!("ไม่รวมหนี้ค้างยกมา (ไม่คิดดอกเบี้ย) {}", s.carried)
                },
            ),
            (
                "ค้างชำระ เงินต้นและดอกเบี้ย (บาท)",
                s.overdue_amount.to_string(),
                // The home screen reads the cached installments; default interest accrues by the
                // day and is on each loan file, so this figure says it leaves it out (§A3).
                format!("{} สัญญา · ไม่รวมดอกเบี้ยผิดนัด", thousands(s.overdue_loans)),
            ),
            (
                "รับชำระเดือนนี้ (บาท)",
                s.collected_month.to_string(),
                format!("วันนี้ {}", s.collected_today),
            ),
        ];
        // One row of five at every width: the figure's size follows the card's width so the
        // longest figure (tens of millions of baht) always fits (issue 17 §10: at 1024 wide the
        // figures overflowed their cards and overlapped).
        let longest = cards.iter().map(|c| c.1.chars().count()).max().unwrap_or(1);
        iced::widget::responsive(move |bounds| {
            let n = cards.len() as f32;
            let inner = (bounds.width - space::M * (n - 1.0)) / n - 2.0 * space::M;
            let size = figure_size(inner, longest);
            Row::with_children(cards.iter().map(|(label, value, note)| {
                container(
                    column![
                        muted(*label).wrapping(iced::widget::text::Wrapping::WordOrGlyph),
                        figure(value.clone()).size(size),
                        muted(note.clone()).wrapping(iced::widget::text::Wrapping::WordOrGlyph),
                    ]
                    .spacing(0),
                )
                .padding(space::M)
                .style(crate::app::theme::boxes::card)
                .width(Fill)
                .into()
            }))
            .spacing(space::M)
            .into()
        })
        .height(Length::Shrink)
        .into()
    }

    /// Arrears by bucket as one strip under the figures, so the work list gets the full width.
    fn view_buckets(&self) -> Element<'_, Message> {
        let Some(s) = &self.summary else {
            return card(muted("กำลังคำนวณยอดค้าง…"));
        };
        let mut strip = Row::new().spacing(space::L).align_y(iced::Center);
        strip = strip.push(
            column![subtitle("ยอดค้าง (บาท)"), muted("ตามระยะเวลาที่ค้าง")]
                .width(Length::FillPortion(3)),
        );
        for b in &s.buckets {
            strip = strip.push(
                column![
                    muted(b.bucket.to_string()).wrapping(iced::widget::text::Wrapping::WordOrGlyph),
                    money(b.amount).font(crate::app::theme::FONT_BOLD),
                    muted(format!("{} สัญญา", thousands(b.loans)))
                        .align_x(iced::alignment::Horizontal::Right)
                        .width(Fill),
                ]
                .width(Length::FillPortion(3)),
            );
        }
        let over_three: Element<'_, Message> = if s.over_three_installments > 0 {
            column![
                badge("ค้างเกิน 3 งวด", Tone::Bad),
                body(format!("{} สัญญา", thousands(s.over_three_installments)))
                    .font(crate::app::theme::FONT_BOLD),
                // Zero-width spaces at the word boundaries: the line breaks between words, not
                // inside สัญญา.
                muted("เข้าเกณฑ์\u{200B}บอกเลิก\u{200B}สัญญา")
                    .wrapping(iced::widget::text::Wrapping::WordOrGlyph),
            ]
            .into()
        } else {
            muted("ไม่มีสัญญาค้างเกิน 3 งวด").into()
        };
        strip = strip.push(container(over_three).width(Length::FillPortion(4)));
        card(strip)
    }

    fn view_worklist(&self) -> Element<'_, Message> {
        let Some(list) = &self.worklist else {
            return card(muted("กำลังโหลดรายการที่ต้องติดตามวันนี้…"));
        };
        let heading = row![
            subtitle("ครบกำหนดและค้างชำระ").width(Fill),
            muted(if list.total as usize > list.files.len() {
                format!(
                    "{} สัญญา (แสดง {} รายการแรก)",
                    thousands(list.total),
                    thousands(list.files.len() as i64)
                )
            } else {
                format!("{} สัญญา", thousands(list.total))
            }),
        ]
        .align_y(iced::Center);
        if list.files.is_empty() {
            return card(column![heading, body("ไม่มีสัญญาที่ครบกำหนดหรือค้างชำระ")].spacing(space::M));
        }
        let rows = virtual_list(
            LIST_ID,
            list.files.len(),
            self.window,
            |i| {
                let f = &list.files[i];
                let dpd = if f.days_past_due == 0 {
                    body("วันนี้").style(texts::primary)
                } else {
                    body(thousands(f.days_past_due)).style(texts::days_past_due(f.days_past_due))
                };
                clickable(
                    table_row(
                        &COLS,
                        vec![
                            cell(&f.contract_no).into(),
                            cell(&f.borrower_name).into(),
                            cell(format!("{} ม.{}", f.house_no, f.village_no)).into(),
                            cell(format_short(f.due)).into(),
                            dpd.into(),
                            money(f.outstanding).into(),
                        ],
                    ),
                    Message::Open(Destination::Loan(f.loan_id)),
                    false,
                )
            },
            Message::Scrolled,
        );
        container(column![heading, beside_scrollbar(table_header(&COLS)), rows].spacing(space::S))
            .padding(space::L)
            .style(crate::app::theme::boxes::card)
            .height(Fill)
            .width(Fill)
            .into()
    }
}

/// A breach whose duty is still owed, red with its countdown: the PDPC must hear of it within 72
/// hours of the fund learning of it (PDPA s.37(4)).
fn view_breach(b: &Breach) -> Element<'_, Message> {
    let duty = b.duty(crate::clock::now()).thai();
    Row::new()
        .spacing(space::M)
        .align_y(iced::Center)
        .push(badge("เหตุละเมิดข้อมูลส่วนบุคคล", Tone::Bad))
        .push(body(format!("ลำดับที่ {}: {} — {duty}", b.id, b.what)).style(texts::danger).width(Fill))
        .push(link("เปิดทะเบียนเหตุละเมิด", Message::Open(Destination::Breaches)))
        .into()
}

/// What the home screen says about backups at `now`, and whether it is a warning (red): no good
/// backup, the last one older than 7 days, no second folder, or the second copy missing there.
pub fn backup_status(h: &Health, now: chrono::NaiveDateTime) -> (String, bool) {
    let warn = h.warn(now);
    let Some(last) = h.last_good else {
        return ("ยังไม่มีสำเนาสำรองที่ตรวจแล้วว่าใช้ได้ กรุณาสำรองข้อมูล".into(), true);
    };
    let when = format!("{} เวลา {} น.", format_long(last.date()), last.format("%H:%M"));
    let days = (now - last).num_days();
    let age = if days > 7 {
        format!("สำรองข้อมูลล่าสุดที่ใช้ได้เมื่อ {when} นานกว่า 7 วันแล้ว ({} วัน)", thousands(days))
    } else {
        format!("สำรองข้อมูลล่าสุดที่ใช้ได้เมื่อ {when}")
    };
    let second = match (&h.second_dir, h.second_copy) {
        (None, _) => "ยังไม่ได้ตั้งโฟลเดอร์สำเนาที่สอง (เช่น แฟลชไดรฟ์หรือโฟลเดอร์ในเครือข่าย)".to_string(),
        (Some(d), false) => {
            format!("ไม่พบสำเนาที่สองใน {} (ไดรฟ์ถูกถอดหรือเขียนไม่ได้?)", d.display())
        }
        (Some(d), true) => format!("สำเนาที่สองอยู่ที่ {}", d.display()),
    };
    (format!("{age} · {second}"), warn)
}

/// `12,345`: counts with separators, like the amounts.
pub fn thousands(n: i64) -> String {
    let s = crate::domain::Satang(n * 100).to_string();
    s.trim_end_matches(".00").to_string()
}

/// The figure size at which `chars` characters of digits and separators fit in `width`: Sarabun's
/// digits are about 0.56 em wide and separators narrower, so 0.6 em a character is safe.
pub fn figure_size(width: f32, chars: usize) -> f32 {
    (width / (chars.max(1) as f32 * 0.6)).clamp(size::BODY, size::FIGURE)
}
