//! แจ้งเตือนด้านกฎหมาย: every legal deadline due in the next N days (30, 90, 180, 365) or already
//! in its warning period, ordered by date, each with its section of the law and its action;
//! a line opens the loan file.

use iced::widget::text::Wrapping;
use iced::widget::{Column, Row};
use iced::{Element, Task};

use crate::app::screen::{Action, Destination, Session, read};
use crate::app::theme::Tone;
use crate::app::widget::{
    badge, cell, clickable, col, error_banner, muted, page, section, table_header, table_row, title,
};
use crate::domain::legal::DeadlineKind;
use crate::domain::thai::date::format_short;
use crate::store::StoreError;
use crate::store::legal_deadlines::{self, LegalDeadline};

/// The windows offered, in days, with their buttons' labels.
pub const WINDOWS: &[(u32, &str)] =
    &[(30, "ภายใน 30 วัน"), (90, "ภายใน 90 วัน"), (180, "ภายใน 180 วัน"), (365, "ภายใน 1 ปี")];

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<LegalDeadline>, StoreError>),
    Within(u32),
    Open(Destination),
}

pub struct LegalDeadlines {
    session: Session,
    pub within: u32,
    pub rows: Option<Vec<LegalDeadline>>,
    /// Each row's subject, detail and action with Thai word breaks marked, made once per scan so
    /// the cells wrap between words.
    texts: Vec<[String; 3]>,
    pub error: Option<String>,
}

impl LegalDeadlines {
    pub fn new(session: Session) -> (LegalDeadlines, Task<Message>) {
        let mut s =
            LegalDeadlines { session, within: 90, rows: None, texts: Vec::new(), error: None };
        let task = s.load();
        (s, task)
    }

    fn load(&mut self) -> Task<Message> {
        let (today, within) = (self.session.today, self.within);
        read(
            &self.session.reader,
            move |c| legal_deadlines::scan(c, today, within),
            Message::Loaded,
        )
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(rows)) => {
                use crate::app::wrap::breakable;
                self.texts = rows
                    .iter()
                    .map(|d| {
                        [
                            breakable(&format!("{} ({})", d.kind, d.section)),
                            breakable(&d.detail),
                            breakable(d.action),
                        ]
                    })
                    .collect();
                self.rows = Some(rows);
                self.error = None;
            }
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Within(days) => {
                self.within = days;
                return Action::Run(self.load());
            }
            Message::Open(d) => return Action::Open(d),
        }
        Action::None
    }

    fn tone(&self, d: &LegalDeadline) -> Tone {
        let left = (d.due - self.session.today).num_days();
        match d.kind {
            DeadlineKind::Hearing => Tone::Quiet,
            _ if left <= 15 => Tone::Bad,
            _ if d.warn_from <= self.session.today => Tone::Warn,
            _ => Tone::Quiet,
        }
    }

    pub fn view<'a>(&'a self) -> Element<'a, Message> {
        let mut windows = Row::new().spacing(crate::app::theme::space::S);
        for &(days, label) in WINDOWS {
            let on_press = (days != self.within).then_some(Message::Within(days));
            windows = windows.push(crate::app::widget::secondary_button(label, on_press));
        }
        let Some(rows) = &self.rows else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังตรวจกำหนดเวลาตามกฎหมาย…").into(),
            });
        };
        let cols = [
            col("วันที่ครบกำหนด", 3),
            col("อีก", 2),
            col("เรื่อง", 4),
            col("สัญญา", 3),
            col("ลูกหนี้", 4),
            col("รายละเอียด", 5),
            col("สิ่งที่ต้องทำ", 5),
        ];
        let mut table = Column::new().push(table_header(&cols));
        let wrapped = |s: &'a String| cell(s.as_str()).wrapping(Wrapping::WordOrGlyph);
        for (d, [subject, detail, action]) in rows.iter().zip(&self.texts) {
            let left = (d.due - self.session.today).num_days();
            let line = table_row(
                &cols,
                vec![
                    cell(format_short(d.due)).into(),
                    badge(
                        if left == 0 {
                            "วันนี้".into()
                        } else if left < 0 {
                            // Only a case step past its target stays listed once its day passed.
                            format!("เกิน {} วัน", -left)
                        } else {
                            format!("{left} วัน")
                        },
                        self.tone(d),
                    ),
                    wrapped(subject).into(),
                    cell(&d.contract_no).into(),
                    cell(&d.person).wrapping(Wrapping::WordOrGlyph).into(),
                    wrapped(detail).into(),
                    wrapped(action).into(),
                ],
            );
            table = table.push(match d.loan_id {
                Some(id) => clickable(line, Message::Open(Destination::Loan(id)), false),
                None => line.into(),
            });
        }
        if rows.is_empty() {
            table = table.push(muted("ไม่มีกำหนดเวลาตามกฎหมายในช่วงนี้"));
        }
        let summary = format!(
            "{} รายการ ณ {} (อายุความเตือนล่วงหน้า 6 เดือน บอกกล่าวผู้ค้ำประกันตั้งแต่วันที่ 45 ของการผิดนัด)",
            rows.len(),
            format_short(self.session.today)
        );
        page(
            Column::new()
                .spacing(crate::app::theme::space::L)
                .push(title("แจ้งเตือนด้านกฎหมาย"))
                .push(windows)
                .push(muted(summary))
                .push(section("กำหนดเวลาเรียงตามวันที่", vec![], table)),
        )
    }
}
