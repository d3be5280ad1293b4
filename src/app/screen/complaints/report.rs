//! รายงานเรื่องร้องเรียน (ISO 10002's analysis): the complaints of this B.E. year so far by month
//! as bars, the working days to each step against its target, the share closed within target,
//! repeat complainants (masked) and the lessons recorded at closing. Saved as PDF, .xlsx or CSV
//! with the CLI's writers (`document::export::files`), off the UI thread, the outcome beside the
//! buttons.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use iced::widget::{Column, Row, column, container, row};
use iced::{Element, Fill, FillPortion, Task};

use crate::app::dialogs::safe_file_name;
use crate::app::export::{filter, save_report};
use crate::app::screen::{Action, Session, read};
use crate::app::theme::{boxes, space};
use crate::app::widget::{
    body, card, cell_hint, col, error_banner, error_text, fact, muted, num, page, secondary_button,
    section, small, striped, table_header, table_row, title,
};
use crate::document::export::files::Format;
use crate::domain::thai::date::format_short;
use crate::store::StoreError;
use crate::store::complaints::{self, Report};

#[derive(Debug, Clone)]
pub enum Message {
    /// The report and the institute's name (it heads the PDF).
    Loaded(Result<Box<(Report, String)>, StoreError>),
    Export(Format),
    ExportTo(Format, Option<PathBuf>),
    Exported(Result<PathBuf, String>),
}

/// What the last export did, shown beside the buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    Busy(Format),
    Saved(PathBuf),
    NotSaved,
    Failed(String),
}

pub struct ComplaintsReport {
    session: Session,
    pub report: Option<Report>,
    pub institute: String,
    pub error: Option<String>,
    pub export: Option<Exported>,
}

/// The buttons' labels.
pub fn export_label(format: Format) -> &'static str {
    match format {
        Format::Pdf => "บันทึกเป็น PDF",
        Format::Xlsx => "บันทึกเป็น Excel",
        Format::Csv => "บันทึกเป็น CSV",
    }
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
            move |c| {
                let r = complaints::report(c, from, today, today)?;
                let name = crate::store::institute::get(c)?.map(|i| i.name).unwrap_or_default();
                Ok(Box::new((r, name)))
            },
            Message::Loaded,
        );
        let screen = ComplaintsReport {
            session,
            report: None,
            institute: String::new(),
            error: None,
            export: None,
        };
        (screen, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(loaded)) => {
                let (r, name) = *loaded;
                self.report = Some(r);
                self.institute = name;
            }
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Export(format) => {
                if matches!(self.export, Some(Exported::Busy(_))) || self.report.is_none() {
                    return Action::None;
                }
                self.export = Some(Exported::Busy(format));
                let name = format!(
                    "{}.{}",
                    safe_file_name(&format!("รายงานเรื่องร้องเรียน {}", self.period())),
                    format.extension()
                );
                let pending =
                    self.session.dialogs.save_file("บันทึกรายงานเรื่องร้องเรียน", &name, filter(format));
                return Action::Run(Task::perform(pending, move |p| Message::ExportTo(format, p)));
            }
            Message::ExportTo(_, None) => self.export = Some(Exported::NotSaved),
            Message::ExportTo(format, Some(path)) => {
                let Some(r) = &self.report else { return Action::None };
                let tables = Arc::new(r.tables());
                let job =
                    save_report(format, self.institute.clone(), tables, self.session.today, path);
                return Action::Run(Task::perform(job, Message::Exported));
            }
            Message::Exported(Ok(path)) => self.export = Some(Exported::Saved(path)),
            Message::Exported(Err(e)) => self.export = Some(Exported::Failed(e)),
        }
        Action::None
    }

    /// "1-1-2569 ถึง 7-12-2569": the period in the suggested file name.
    fn period(&self) -> String {
        let Some(r) = &self.report else { return String::new() };
        let d = crate::domain::thai::date::format_numeric;
        format!("{} ถึง {}", d(r.from), d(r.to)).replace('/', "-")
    }

    /// The three buttons and, beside them, what the last one did.
    fn view_export(&self) -> Element<'_, Message> {
        let busy = matches!(self.export, Some(Exported::Busy(_)));
        let mut buttons = Row::new().spacing(space::S).align_y(iced::Center);
        for f in Format::ALL {
            buttons = buttons
                .push(secondary_button(export_label(*f), (!busy).then_some(Message::Export(*f))));
        }
        let outcome: Element<'_, Message> = match &self.export {
            None => small(" ").into(),
            Some(Exported::Busy(f)) => muted(format!("กำลังบันทึก {}…", f.thai())).into(),
            Some(Exported::NotSaved) => muted("ยกเลิกแล้ว ไม่ได้บันทึกไฟล์").into(),
            Some(Exported::Saved(p)) => muted(format!("บันทึกแล้วที่ {}", p.display()))
                .wrapping(iced::widget::text::Wrapping::Glyph)
                .into(),
            Some(Exported::Failed(e)) => error_text(e.as_str()).into(),
        };
        column![buttons, outcome].spacing(space::XS).into()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut c = Column::new().spacing(space::L).push(title("สรุปรายงานเรื่องร้องเรียน"));
        if self.report.is_some() {
            c = c.push(self.view_export());
        }
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
