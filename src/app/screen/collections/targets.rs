//! เป้าการเก็บเงิน: a month's targets against collections (institute, funds, officers, หมู่,
//! debtors on a plan) with the ones more than 10% behind in red, the twelve months' chart, PDF
//! and Excel; the treasurer sets a scope's own target for the month (or goes back to the
//! default) from here. Home's target line is [`home_line`].

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{Column, Row, column, container, row, text_input};
use iced::{Element, Fill, Task};

use super::table_view;
use crate::app::export::{self, Exporter};
use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::{Tone, boxes, dim, space, texts};
use crate::app::widget::{
    badge, body, card, error_banner, error_text, link, muted, page, primary_button,
    secondary_button, title,
};
use crate::domain::Satang;
use crate::domain::collections::target::Month;
use crate::domain::report::table::{Table, percent};
use crate::domain::role::Permission;
use crate::store::StoreError;
use crate::store::report::targets as report;
use crate::store::targets::{self, Line, MonthTargets, Scope};

pub const AMOUNT_ID: &str = "target-amount";

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(u64, Result<Arc<(MonthTargets, Vec<Table>)>, StoreError>),
    PreviousMonth,
    NextMonth,
    Edit(Scope),
    AmountChanged(String),
    SaveTarget,
    UseDefault,
    CancelEdit,
    Saved(Result<(), StoreError>),
    Export,
    Exported(export::Message),
    Pdf,
    PdfTo(Option<PathBuf>),
    PdfSaved(Result<PathBuf, String>),
}

pub struct Targets {
    session: Session,
    pub month: Month,
    pub data: Option<Arc<(MonthTargets, Vec<Table>)>>,
    pub editing: Option<Scope>,
    pub amount_input: String,
    pub amount_error: Option<String>,
    pub error: Option<String>,
    pub notice: Option<String>,
    request: u64,
    pub exporter: Exporter,
}

impl Targets {
    pub fn new(session: Session) -> (Targets, Task<Message>) {
        let month = Month::of(session.today);
        let mut s = Targets {
            session,
            month,
            data: None,
            editing: None,
            amount_input: String::new(),
            amount_error: None,
            error: None,
            notice: None,
            request: 0,
            exporter: Exporter::default(),
        };
        let t = s.load();
        (s, t)
    }

    fn load(&mut self) -> Task<Message> {
        self.request += 1;
        let (request, month, today) = (self.request, self.month, self.session.today);
        read(
            &self.session.reader,
            move |c| report::tables(c, month, today).map(Arc::new),
            move |r| Message::Loaded(request, r),
        )
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(r, _) if r != self.request => {}
            Message::Loaded(_, Ok(d)) => {
                self.data = Some(d);
                self.error = None;
            }
            Message::Loaded(_, Err(e)) => self.error = Some(e.to_string()),
            Message::PreviousMonth => {
                self.month = self.month.prev();
                self.editing = None;
                return Action::Run(self.load());
            }
            Message::NextMonth => {
                self.month = self.month.next();
                self.editing = None;
                return Action::Run(self.load());
            }
            Message::Edit(scope) => {
                let current = self.data.as_ref().and_then(|d| d.0.line(scope)).map(|l| l.target);
                self.editing = Some(scope);
                self.amount_input = current.map(|a| a.to_plain()).unwrap_or_default();
                self.amount_error = None;
                return Action::Run(iced::widget::operation::focus(AMOUNT_ID));
            }
            Message::AmountChanged(s) => {
                self.amount_input = s;
                self.amount_error = None;
            }
            Message::CancelEdit => self.editing = None,
            Message::SaveTarget => match Satang::parse(&self.amount_input) {
                Ok(a) => return self.save(Some(a)),
                Err(e) => self.amount_error = Some(e.to_string()),
            },
            Message::UseDefault => return self.save(None),
            Message::Saved(Ok(())) => {
                self.editing = None;
                self.notice = Some(format!("บันทึกเป้าเดือน{} แล้ว", self.month));
                return Action::Run(self.load());
            }
            Message::Saved(Err(e)) => self.amount_error = Some(e.to_string()),
            Message::Export => {
                let Some(d) = &self.data else { return Action::None };
                let table = d.1[0].clone();
                let dialogs = self.session.dialogs.clone();
                return Action::Run(self.exporter.start(&dialogs, table).map(Message::Exported));
            }
            Message::Exported(m) => {
                return Action::Run(
                    self.exporter.update(m, self.session.dialogs.as_ref()).map(Message::Exported),
                );
            }
            Message::Pdf => {
                let name = format!("เป้าการเก็บ {}.pdf", self.month.code());
                let pending = self.session.dialogs.save_file(
                    "บันทึกรายงานเป้าการเก็บเป็น PDF",
                    &name,
                    crate::app::dialogs::PDF,
                );
                return Action::Run(Task::perform(pending, Message::PdfTo));
            }
            Message::PdfTo(None) => self.notice = Some("ยกเลิกการบันทึก PDF".into()),
            Message::PdfTo(Some(path)) => {
                let Some(d) = self.data.clone() else { return Action::None };
                let (store, today) = (self.session.reader.clone(), self.session.today);
                let tables = Arc::new(d.1.clone());
                return Action::Run(Task::perform(
                    save_tables_pdf(store, tables, path, today),
                    Message::PdfSaved,
                ));
            }
            Message::PdfSaved(Ok(path)) => {
                self.notice = Some(format!("บันทึก PDF แล้วที่ {}", path.display()));
            }
            Message::PdfSaved(Err(e)) => self.error = Some(e),
        }
        Action::None
    }

    fn save(&mut self, amount: Option<Satang>) -> Action<Message> {
        let Some(scope) = self.editing else { return Action::None };
        let (actor, month) = (self.session.actor(), self.month);
        Action::Run(write(
            &self.session.store,
            move |tx| targets::set(tx, &actor, month, scope, amount, ""),
            Message::Saved,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let ready = self.data.is_some() && !self.exporter.busy();
        let header = row![
            title(format!("เป้าการเก็บเงิน เดือน{}", self.month)).width(Fill),
            secondary_button("เดือนก่อน", Some(Message::PreviousMonth)),
            secondary_button("เดือนถัดไป", Some(Message::NextMonth)),
            secondary_button("บันทึก PDF", ready.then_some(Message::Pdf)),
            secondary_button(export::LABEL, ready.then_some(Message::Export)),
        ]
        .spacing(space::S)
        .align_y(iced::Center);
        let mut c = Column::new().spacing(space::L).push(header);
        if let Some(e) = &self.error {
            c = c.push(error_banner(e.as_str()));
        }
        if let Some(n) = &self.notice {
            c = c.push(muted(n.clone()));
        }
        if let Some(status) = self.exporter.view() {
            c = c.push(status.map(Message::Exported));
        }
        let Some(d) = &self.data else {
            return page(c.push(card(muted("กำลังคำนวณเป้าและยอดที่เก็บได้…"))));
        };
        let (m, tables) = (&d.0, &d.1);
        let behind: Vec<&Line> = m.behind().collect();
        if !behind.is_empty() {
            let names: Vec<&str> = behind.iter().map(|l| l.label.as_str()).collect();
            c = c.push(
                row![
                    badge("ต่ำกว่าเป้า", Tone::Bad),
                    body(format!("ต่ำกว่าเป้าเกินร้อยละ 10: {}", names.join(", ")))
                        .style(texts::danger)
                        .width(Fill)
                        .wrapping(iced::widget::text::Wrapping::WordOrGlyph),
                ]
                .spacing(space::M)
                .align_y(iced::Center),
            );
        }
        if let Some(editor) = self.view_editor(m) {
            c = c.push(editor);
        }
        if self.session.may(Permission::Approve) {
            c = c.push(self.view_set_links(m));
        }
        c = c.push(card(table_view::view(&tables[0], 200)));
        if let Some(chart) = &tables[1].chart {
            c = c.push(card(table_view::chart(chart)));
        }
        c = c.push(card(table_view::view(&tables[1], 12)));
        page(c)
    }

    /// "ตั้งเป้า" links, one per line, for those who may set targets.
    fn view_set_links<'a>(&'a self, m: &'a MonthTargets) -> Element<'a, Message> {
        let links = m
            .lines
            .iter()
            .take(40)
            .map(|l| link(format!("ตั้งเป้า {}", short_label(l)), Message::Edit(l.scope)));
        container(Row::with_children(links).spacing(space::M).wrap()).width(Fill).into()
    }

    fn view_editor<'a>(&'a self, m: &'a MonthTargets) -> Option<Element<'a, Message>> {
        let scope = self.editing?;
        let line = m.line(scope);
        let name = line.map(short_label).unwrap_or_else(|| scope.kind_label().to_string());
        let default = line.map(|l| l.default.to_string()).unwrap_or_else(|| "0.00".into());
        let input = text_input("จำนวนเงิน (บาท)", &self.amount_input)
            .id(AMOUNT_ID)
            .on_input(Message::AmountChanged)
            .on_submit(Message::SaveTarget)
            .padding(space::S)
            .width(dim::FIELD / 2.0);
        let mut col = column![
            body(format!("ตั้งเป้าเดือน{} ของ {name} (ค่าเริ่มต้น {default} บาท)", self.month)),
            row![
                input,
                primary_button("บันทึกเป้า", Some(Message::SaveTarget)),
                secondary_button("ใช้ค่าเริ่มต้น", Some(Message::UseDefault)),
                secondary_button("ยกเลิก", Some(Message::CancelEdit)),
            ]
            .spacing(space::S)
            .align_y(iced::Center),
        ]
        .spacing(space::S);
        if let Some(e) = &self.amount_error {
            col = col.push(error_text(e.clone()));
        }
        Some(container(col).padding(space::M).style(boxes::card).width(Fill).into())
    }
}

fn short_label(l: &Line) -> String {
    match l.scope {
        Scope::Institute => "ทั้งสถาบัน".into(),
        _ => l.label.clone(),
    }
}

/// Writes report tables as one PDF off the UI thread (the institute's name heads each page).
pub async fn save_tables_pdf(
    store: crate::store::Store,
    tables: Arc<Vec<Table>>,
    path: PathBuf,
    today: chrono::NaiveDate,
) -> Result<PathBuf, String> {
    let job = tokio::task::spawn_blocking(move || {
        let name = store
            .with(|c| crate::store::institute::get(c))
            .map_err(|e| e.to_string())?
            .map(|i| i.name)
            .unwrap_or_default();
        let refs: Vec<&Table> = tables.iter().collect();
        let bytes =
            crate::document::report::write(&name, &refs, today).map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes)
            .map_err(|e| format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display()))?;
        Ok(path)
    });
    job.await.unwrap_or_else(|e| Err(format!("งานเบื้องหลังหยุดทำงาน: {e}")))
}

/// Home's line: the institute's month so far and the signed-in officer's own target, red with
/// the count of targets more than 10% behind. None until the figures are in.
pub fn home_line<'a, M: Clone + 'a>(m: &'a MonthTargets, user_id: i64, open: M) -> Element<'a, M> {
    let Some(all) = m.institute() else {
        return row![
            badge("เป้าการเก็บ", Tone::Quiet),
            muted(format!("ยังไม่มียอดครบกำหนดหรือค้างชำระในเดือน{}", m.month)).width(Fill),
        ]
        .spacing(space::M)
        .align_y(iced::Center)
        .into();
    };
    let pct = |l: &Line| {
        percent(l.collected, l.target).map(|p| format!("{p:.2}%")).unwrap_or_else(|| "–".into())
    };
    let mut text =
        format!("เป้าเดือน{} เก็บได้ {} จาก {} บาท ({})", m.month, all.collected, all.target, pct(all));
    if let Some(mine) = m.line(Scope::Officer(user_id)) {
        text.push_str(&format!(
            " · ของฉัน {} จาก {} บาท ({})",
            mine.collected,
            mine.target,
            pct(mine)
        ));
    }
    let behind = m.behind().count();
    let (tone, note): (Tone, Element<'a, M>) = if behind > 0 {
        (
            Tone::Bad,
            body(format!("{text} · ต่ำกว่าเป้าเกิน 10% {behind} กลุ่ม")).style(texts::danger).into(),
        )
    } else {
        (Tone::Good, muted(text).into())
    };
    row![
        badge("เป้าการเก็บ", tone),
        container(note).width(Fill),
        secondary_button("ดูเป้าการเก็บ", Some(open)),
    ]
    .spacing(space::M)
    .align_y(iced::Center)
    .into()
}
