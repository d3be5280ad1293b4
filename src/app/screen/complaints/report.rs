//! รายงานเรื่องร้องเรียน (ISO 10002's analysis): the complaints of this B.E. year so far by month
//! as bars, the working days to each step against its target, the share closed within target,
//! repeat complainants (masked) and the lessons recorded at closing.

use chrono::{Datelike, NaiveDate};
use iced::widget::{Column, Row, column, container, row};
use iced::{Element, Fill, FillPortion, Task};

use crate::app::screen::{Action, Session, read};
use crate::app::theme::{boxes, space};
use crate::app::widget::{
    body, card, cell_hint, col, error_banner, fact, muted, num, page, section, striped,
    table_header, table_row, title,
};
use crate::domain::thai::date::format_short;
use crate::store::StoreError;
use crate::store::complaints::{self, Report};

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Report>, StoreError>),
}

pub struct ComplaintsReport {
    pub report: Option<Report>,
    pub error: Option<String>,
}

const STEP_COLS: [crate::app::widget::Col; 5] = [
    col("ขั้นตอน", 4),
    num("จำนวนเรื่อง", 2),
    num("เฉลี่ย (วันทำการ)", 3),
    num("กำหนด (วันทำการ)", 3),
    num("เกินกำหนด", 2),
];

impl ComplaintsReport {
    pub fn new(session: Session) -> (ComplaintsReport, Task<Message>) {
        let today = session.today;
        let from = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let task = read(
            &session.reader,
            move |c| complaints::report(c, from, today, today).map(Box::new),
            Message::Loaded,
        );
        (ComplaintsReport { report: None, error: None }, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(r)) => self.report = Some(*r),
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = Column::new().spacing(space::L).push(title("สรุปรายงานเรื่องร้องเรียน"));
        if let Some(e) = &self.error {
            c = c.push(error_banner(e.as_str()));
        }
        let Some(r) = &self.report else {
            return page(c.push(card(muted("กำลังสรุปเรื่องร้องเรียน…"))));
        };
        let figures = column![
            fact("ช่วงวันที่รับเรื่อง", format!("{} ถึง {}", format_short(r.from), format_short(r.to))),
            fact(
                "เรื่องทั้งหมด",
                format!("{} เรื่อง (ยังไม่ปิด {} เกินกำหนด {})", r.total, r.open, r.overdue)
            ),
            fact(
                "ปิดได้ตามกำหนด",
                format!(
                    "{} จาก {} เรื่อง (ร้อยละ {} เป้าหมายร้อยละ {})",
                    r.closed_within_target,
                    r.closed,
                    r.within_target_percent.as_deref().unwrap_or("-"),
                    r.target_percent
                ),
            ),
        ]
        .spacing(space::XS);
        c = c.push(section("ภาพรวม", vec![], figures));
        c = c.push(section("จำนวนเรื่องตามเดือน", vec![], self.chart(r)));
        let mut steps = Column::new().push(table_header(&STEP_COLS));
        for (i, s) in r.steps.iter().enumerate() {
            steps = steps.push(striped(
                i,
                table_row(
                    &STEP_COLS,
                    vec![
                        cell_hint(s.step.clone()),
                        body(s.reached.to_string()).align_x(iced::Right).width(Fill).into(),
                        body(s.mean_working_days.clone().unwrap_or_else(|| "-".into()))
                            .align_x(iced::Right)
                            .width(Fill)
                            .into(),
                        body(s.target_days.to_string()).align_x(iced::Right).width(Fill).into(),
                        body(s.late.to_string()).align_x(iced::Right).width(Fill).into(),
                    ],
                ),
            ));
        }
        c = c.push(section("ระยะเวลาถึงแต่ละขั้นตอน", vec![], steps));
        let repeat: Element<'_, Message> = if r.repeat.is_empty() {
            muted("ไม่มีผู้ร้องเรียนซ้ำ").into()
        } else {
            Column::with_children(
                r.repeat
                    .iter()
                    .map(|p| fact("ผู้ร้องเรียนซ้ำ", format!("{} ({} เรื่อง)", p.complainant, p.count))),
            )
            .into()
        };
        c = c.push(section("ผู้ร้องเรียนซ้ำ", vec![], repeat));
        let lessons: Element<'_, Message> = if r.lessons.is_empty() {
            muted("ยังไม่มีบทเรียนที่บันทึกไว้").into()
        } else {
            Column::with_children(
                r.lessons
                    .iter()
                    .map(|l| body(format!("{} ({}): {}", l.number, l.category, l.lesson)).into()),
            )
            .spacing(space::XS)
            .into()
        };
        c = c.push(section("บทเรียนที่ได้ (การปรับปรุงอย่างต่อเนื่อง)", vec![], lessons));
        page(c)
    }

    /// One bar per month, its length the month's count against the busiest month.
    fn chart<'a>(&self, r: &'a Report) -> Element<'a, Message> {
        let mut months: Vec<(String, usize)> = Vec::new();
        for m in &r.by_month {
            match months.last_mut() {
                Some((month, n)) if *month == m.month => *n += m.count,
                _ => months.push((m.month.clone(), m.count)),
            }
        }
        if months.is_empty() {
            return muted("ยังไม่มีเรื่องร้องเรียนในช่วงนี้").into();
        }
        let most = months.iter().map(|m| m.1).max().unwrap_or(1).max(1);
        Column::with_children(months.into_iter().map(|(month, n)| {
            let filled = (n * 100 / most).max(1) as u16;
            let bar: Row<'_, Message> = row![
                container(iced::widget::space())
                    .height(18)
                    .width(FillPortion(filled))
                    .style(boxes::bar),
                iced::widget::space().width(FillPortion(100 - filled.min(100) + 1)),
            ];
            row![
                body(month).width(110),
                container(bar).width(Fill),
                body(format!("{n} เรื่อง")).width(80).align_x(iced::Right),
            ]
            .spacing(space::M)
            .align_y(iced::Center)
            .into()
        }))
        .spacing(space::XS)
        .into()
    }
}
