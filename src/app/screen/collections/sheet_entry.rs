//! ใบรับชำระรายกลุ่ม: choose a group leader or a หมู่, print the sheet for the collection day,
//! then enter the returned sheet in the same order, keyboard only: Tab walks paid → promise
//! date → promise amount → note along each row and on to the next, Enter saves. The whole
//! sheet is one transaction (`store::sheets::enter`): payments with their receipts, promises
//! with their contacts; a bad cell is named beside its row and nothing is written.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{Column, Row, column, container, pick_list, row, text_input};
use iced::{Element, Fill, FillPortion, Task};

use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::{boxes, dim, space};
use crate::app::widget::{
    body, card, error_banner, error_text, field, money, muted, page, primary_button,
    secondary_button, small, subtitle, title,
};
use crate::domain::Satang;
use crate::domain::collections::target::Month;
use crate::domain::report::table::Table;
use crate::store::StoreError;
use crate::store::sheets::{self, Entered, Entry, Sheet, SheetFor};

pub const VILLAGE_ID: &str = "sheet-village";
pub const DAY_ID: &str = "sheet-day";
pub const FIRST_PAID_ID: &str = "sheet-paid-0";

/// A group leader in the pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    pub id: i64,
    pub name: String,
}

impl std::fmt::Display for Leader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// What the officer typed on one row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub paid: String,
    pub promise_on: String,
    pub promise_amount: String,
    pub note: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Paid,
    PromiseOn,
    PromiseAmount,
    Note,
}

#[derive(Debug, Clone)]
pub enum Message {
    LeadersLoaded(Result<Vec<Leader>, StoreError>),
    LeaderChosen(Leader),
    VillageChanged(String),
    ShowVillage,
    Loaded(Result<Arc<Sheet>, StoreError>),
    DayChanged(String),
    Typed(usize, Cell, String),
    Save,
    Saved(Result<Entered, StoreError>),
    Print,
    PrintTo(Option<PathBuf>),
    Printed(Result<PathBuf, String>),
}

pub struct SheetEntry {
    session: Session,
    pub leaders: Vec<Leader>,
    pub leader: Option<Leader>,
    pub village_input: String,
    pub village_error: Option<String>,
    pub sheet: Option<Arc<Sheet>>,
    /// Whose sheet is shown, to show it again after it was entered.
    of: Option<SheetFor>,
    pub rows: Vec<Typed>,
    pub day_input: String,
    pub day_error: Option<String>,
    pub error: Option<String>,
    pub done: Option<Entered>,
    pub notice: Option<String>,
}

/// One cell of the returned sheet: Enter saves the whole sheet from any cell.
fn cell_input<'a>(
    i: usize,
    value: &'a str,
    cell: Cell,
    hint: &'a str,
) -> iced::widget::TextInput<'a, Message> {
    let t = text_input(hint, value)
        .on_input(move |s| Message::Typed(i, cell, s))
        .on_submit(Message::Save)
        .padding(space::XS);
    if i == 0 && cell == Cell::Paid { t.id(FIRST_PAID_ID) } else { t }
}

fn leaders(conn: &rusqlite::Connection) -> crate::store::Result<Vec<Leader>> {
    let all = crate::store::assignments::leaders(conn)?;
    Ok(all.into_iter().map(|(id, name)| Leader { id, name }).collect())
}

impl SheetEntry {
    pub fn new(session: Session) -> (SheetEntry, Task<Message>) {
        let day = crate::domain::thai::date::format_numeric(session.today);
        let task = read(&session.reader, |c| leaders(c), Message::LeadersLoaded);
        let s = SheetEntry {
            session,
            leaders: Vec::new(),
            leader: None,
            village_input: String::new(),
            village_error: None,
            sheet: None,
            of: None,
            rows: Vec::new(),
            day_input: day,
            day_error: None,
            error: None,
            done: None,
            notice: None,
        };
        (s, task)
    }

    fn load(&mut self, of: SheetFor) -> Task<Message> {
        let month = Month::of(self.session.today);
        self.of = Some(of);
        read(
            &self.session.store,
            move |c| sheets::sheet(c, of, month).map(Arc::new),
            Message::Loaded,
        )
    }

    fn entries(&mut self) -> Option<Vec<Entry>> {
        let sheet = self.sheet.clone()?;
        let mut ok = true;
        let mut out = Vec::new();
        for (line, typed) in sheet.lines.iter().zip(self.rows.iter_mut()) {
            typed.error = None;
            let amount = |s: &str, what: &str| -> Result<Option<Satang>, String> {
                if s.trim().is_empty() {
                    return Ok(None);
                }
                Satang::parse_positive(s).map(Some).map_err(|e| format!("{what}: {e}"))
            };
            let paid = amount(&typed.paid, "ชำระ");
            let promise_amount = amount(&typed.promise_amount, "จำนวนที่นัด");
            let promise_on = if typed.promise_on.trim().is_empty() {
                Ok(None)
            } else {
                crate::domain::thai::date::parse(&typed.promise_on)
                    .map(Some)
                    .map_err(|e| format!("วันนัด: {e}"))
            };
            let result = match (paid, promise_on, promise_amount) {
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Err(e),
                (Ok(p), Ok(Some(d)), Ok(Some(a))) => Ok((p, Some((d, a)))),
                (Ok(p), Ok(None), Ok(None)) => Ok((p, None)),
                _ => Err("นัดชำระต้องมีทั้งวันที่และจำนวนเงิน".to_string()),
            };
            match result {
                Ok((paid, promise)) => out.push(Entry {
                    loan_id: line.loan_id,
                    paid,
                    promise,
                    note: typed.note.clone(),
                }),
                Err(e) => {
                    typed.error = Some(e);
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::LeadersLoaded(Ok(l)) => self.leaders = l,
            Message::LeadersLoaded(Err(e)) | Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string())
            }
            Message::LeaderChosen(l) => {
                let id = l.id;
                self.leader = Some(l);
                self.village_input.clear();
                self.done = None;
                return Action::Run(self.load(SheetFor::Leader(id)));
            }
            Message::VillageChanged(s) => {
                self.village_input = s;
                self.village_error = None;
            }
            Message::ShowVillage => {
                let typed = crate::domain::thai::digits::to_ascii_digits(self.village_input.trim());
                match typed.parse::<u8>().ok().filter(|v| (1..=99).contains(v)) {
                    Some(v) => {
                        self.leader = None;
                        self.done = None;
                        return Action::Run(self.load(SheetFor::Village(v)));
                    }
                    None => self.village_error = Some("หมู่ที่ต้องเป็นตัวเลข 1–99".into()),
                }
            }
            Message::Loaded(Ok(sheet)) => {
                self.rows = vec![Typed::default(); sheet.lines.len()];
                self.sheet = Some(sheet);
                self.error = None;
                return Action::Run(iced::widget::operation::focus(FIRST_PAID_ID));
            }
            Message::DayChanged(s) => {
                self.day_input = s;
                self.day_error = None;
            }
            Message::Typed(i, cell, s) => {
                if let Some(t) = self.rows.get_mut(i) {
                    match cell {
                        Cell::Paid => t.paid = s,
                        Cell::PromiseOn => t.promise_on = s,
                        Cell::PromiseAmount => t.promise_amount = s,
                        Cell::Note => t.note = s,
                    }
                    t.error = None;
                }
            }
            Message::Save => {
                let day = match crate::domain::thai::date::parse(&self.day_input) {
                    Ok(d) if d <= self.session.today => d,
                    Ok(_) => {
                        self.day_error = Some("วันเก็บเงินต้องไม่อยู่ในอนาคต".into());
                        return Action::None;
                    }
                    Err(e) => {
                        self.day_error = Some(e.to_string());
                        return Action::None;
                    }
                };
                let Some(entries) = self.entries() else { return Action::None };
                if entries.iter().all(Entry::is_blank) {
                    self.error = Some("ยังไม่ได้กรอกยอดชำระหรือนัดชำระของผู้ใด".into());
                    return Action::None;
                }
                let actor = self.session.actor();
                // The session's day (the app's "today") at the clock's time of day.
                let now = self.session.today.and_time(crate::clock::now().time());
                // The collection day's meeting: noon of that day, or just now when it is today.
                let at = day.and_hms_opt(12, 0, 0).unwrap_or_default().min(now);
                return Action::Run(write(
                    &self.session.store,
                    move |tx| sheets::enter(tx, &actor, &entries, at, now.max(at)),
                    Message::Saved,
                ));
            }
            Message::Saved(Ok(done)) => {
                self.done = Some(done);
                self.error = None;
                // Shown again with what is now due and in arrears.
                if let Some(of) = self.of {
                    return Action::Run(self.load(of));
                }
            }
            Message::Saved(Err(e)) => self.error = Some(e.to_string()),
            Message::Print => {
                let Some(sheet) = &self.sheet else { return Action::None };
                let name = format!("{}.pdf", crate::app::dialogs::safe_file_name(&sheet.title));
                let pending = self.session.dialogs.save_file(
                    "บันทึกใบรับชำระรายกลุ่มเป็น PDF",
                    &name,
                    crate::app::dialogs::PDF,
                );
                return Action::Run(Task::perform(pending, Message::PrintTo));
            }
            Message::PrintTo(None) => self.notice = Some("ยกเลิกการบันทึก PDF".into()),
            Message::PrintTo(Some(path)) => {
                let Some(sheet) = &self.sheet else { return Action::None };
                let tables: Arc<Vec<Table>> = Arc::new(vec![sheets::table(sheet)]);
                let (store, today) = (self.session.reader.clone(), self.session.today);
                return Action::Run(Task::perform(
                    super::targets::save_tables_pdf(store, tables, path, today),
                    Message::Printed,
                ));
            }
            Message::Printed(Ok(path)) => {
                self.notice = Some(format!("บันทึก PDF แล้วที่ {}", path.display()))
            }
            Message::Printed(Err(e)) => self.error = Some(e),
        }
        Action::None
    }

    pub fn view<'a>(&'a self) -> Element<'a, Message> {
        let chooser = row![
            pick_list(self.leaders.clone(), self.leader.clone(), Message::LeaderChosen)
                .placeholder("เลือกหัวหน้ากลุ่ม"),
            field("หรือหมู่ที่", VILLAGE_ID, "เช่น 3", &self.village_input, Message::VillageChanged)
                .error(self.village_error.as_deref())
                .submit(Message::ShowVillage)
                .width(dim::FIELD / 3.0),
            secondary_button("แสดงใบรับชำระของหมู่", Some(Message::ShowVillage)),
        ]
        .spacing(space::L)
        .align_y(iced::Center);
        let mut c = Column::new().spacing(space::L).push(title("ใบรับชำระรายกลุ่ม")).push(chooser);
        if let Some(e) = &self.error {
            c = c.push(error_banner(e.as_str()));
        }
        if let Some(n) = &self.notice {
            c = c.push(muted(n.clone()));
        }
        if let Some(d) = &self.done {
            c = c.push(subtitle(format!(
                "บันทึกใบรับชำระแล้ว: รับชำระ {} ราย รวม {} บาท (ใบเสร็จ {}) นัดชำระ {} ราย",
                d.receipts.len(),
                d.collected,
                d.receipts.join(", "),
                d.promises
            )));
        }
        let Some(sheet) = &self.sheet else {
            return page(c.push(card(muted("เลือกหัวหน้ากลุ่มหรือหมู่เพื่อแสดงใบรับชำระ"))));
        };
        let actions = row![
            subtitle(format!("{} ประจำเดือน{}", sheet.title, sheet.month)).width(Fill),
            secondary_button("พิมพ์ใบรับชำระ (PDF)", Some(Message::Print)),
        ]
        .align_y(iced::Center);
        let day = field("วันที่เก็บเงิน", DAY_ID, "วว/ดด/ปปปป", &self.day_input, Message::DayChanged)
            .error(self.day_error.as_deref())
            .width(dim::FIELD / 2.0);
        c = c.push(actions).push(day);
        if sheet.lines.is_empty() {
            return page(c.push(card(muted("ไม่มีสมาชิกที่มียอดครบกำหนดหรือค้างชำระ"))));
        }
        let header = Row::new()
            .spacing(space::S)
            .push(small("ที่ / ชื่อ / สัญญา").width(FillPortion(5)))
            .push(small("ครบกำหนด").width(FillPortion(2)))
            .push(small("ค้างชำระ").width(FillPortion(2)))
            .push(small("ชำระ (บาท)").width(FillPortion(2)))
            .push(small("วันนัด").width(FillPortion(2)))
            .push(small("จำนวนที่นัด").width(FillPortion(2)))
            .push(small("หมายเหตุ").width(FillPortion(3)));
        let mut table = Column::new().spacing(space::XS).push(header);
        for (i, (line, typed)) in sheet.lines.iter().zip(&self.rows).enumerate() {
            let input =
                |value: &'a str, cell: Cell, hint: &'a str| cell_input(i, value, cell, hint);
            let mut r = column![
                row![
                    body(format!("{}. {} ({})", i + 1, line.name, line.contract_no))
                        .width(FillPortion(5))
                        .wrapping(iced::widget::text::Wrapping::WordOrGlyph),
                    container(money(line.due)).width(FillPortion(2)),
                    container(money(line.arrears)).width(FillPortion(2)),
                    container(input(&typed.paid, Cell::Paid, "0.00")).width(FillPortion(2)),
                    container(input(&typed.promise_on, Cell::PromiseOn, "วว/ดด/ปปปป"))
                        .width(FillPortion(2)),
                    container(input(&typed.promise_amount, Cell::PromiseAmount, "0.00"))
                        .width(FillPortion(2)),
                    container(input(&typed.note, Cell::Note, "")).width(FillPortion(3)),
                ]
                .spacing(space::S)
                .align_y(iced::Center)
            ];
            if let Some(e) = &typed.error {
                r = r.push(error_text(e.clone()));
            }
            table = table.push(container(r).style(boxes::row(i)).padding(space::XS));
        }
        c = c.push(card(table)).push(
            row![
                muted("Tab ไปช่องถัดไป · Enter บันทึกทั้งใบในครั้งเดียว").width(Fill),
                primary_button("บันทึกใบรับชำระ", Some(Message::Save)),
            ]
            .align_y(iced::Center),
        );
        page(c)
    }
}
