//! ข้อมูลพ้นระยะเก็บรักษา (committee only, issue 15 §8): the members whose every loan closed more
//! than the retention period ago, chosen one by one or all at once, and anonymised with the
//! meeting's resolution in one transaction (`store::privacy::anonymise`). Anonymising cannot be
//! undone, so nothing is chosen until the committee chooses it.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use iced::widget::{Column, checkbox, column, row};
use iced::{Element, Fill, Task};

use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    body, card, cell, col, danger_button, error_banner, error_text, field, muted, notice_banner,
    page, primary_button, section, small, striped, table_header, table_row, title,
};
use crate::domain::role::Permission;
use crate::domain::thai::date::{self, format_numeric, format_short};
use crate::store::StoreError;
use crate::store::privacy::anonymise::{self, Candidate};

pub const AS_OF_ID: &str = "retention-as-of";
pub const RESOLUTION_ID: &str = "retention-resolution";
/// Rows drawn at once; the count says how many were found, "เลือกทั้งหมด" takes them all.
pub const SHOWN: usize = 300;

#[derive(Debug, Clone)]
pub enum Message {
    AsOfChanged(String),
    Show,
    Loaded(Result<(u32, Vec<Candidate>), StoreError>),
    Toggle(i64, bool),
    ToggleAll(bool),
    ResolutionChanged(String),
    Approve,
    Approved(Result<usize, StoreError>),
}

pub struct Retention {
    session: Session,
    pub as_of: String,
    pub as_of_error: Option<String>,
    /// The day the list was made for: what an approval is judged on.
    pub listed_on: Option<NaiveDate>,
    pub years: u32,
    pub list: Option<Vec<Candidate>>,
    pub chosen: BTreeSet<i64>,
    pub resolution: String,
    pub resolution_error: Option<String>,
    pub saving: bool,
    pub done: Option<String>,
    pub error: Option<String>,
}

impl Retention {
    pub fn new(session: Session) -> (Retention, Task<Message>) {
        let today = session.today;
        let mut screen = Retention {
            session,
            as_of: format_numeric(today),
            as_of_error: None,
            listed_on: None,
            years: crate::domain::privacy::retention::DEFAULT_YEARS,
            list: None,
            chosen: BTreeSet::new(),
            resolution: String::new(),
            resolution_error: None,
            saving: false,
            done: None,
            error: None,
        };
        let task = match screen.update(Message::Show) {
            Action::Run(t) => t,
            _ => Task::none(),
        };
        (screen, task)
    }

    /// The day typed, refused when it is after today: the store judges eligibility on it.
    fn day(&self) -> Result<NaiveDate, String> {
        let d = date::parse(&self.as_of).map_err(|e| e.to_string())?;
        if d > self.session.today {
            return Err("วันที่พิจารณาต้องไม่หลังวันนี้".into());
        }
        Ok(d)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::AsOfChanged(v) => {
                self.as_of = v;
                self.as_of_error = None;
            }
            Message::Show => match self.day() {
                Ok(d) => {
                    self.as_of_error = None;
                    self.listed_on = Some(d);
                    return Action::Run(read(
                        &self.session.store,
                        move |c| Ok((anonymise::retention_years(c)?, anonymise::candidates(c, d)?)),
                        Message::Loaded,
                    ));
                }
                Err(e) => self.as_of_error = Some(e),
            },
            Message::Loaded(Ok((years, list))) => {
                self.years = years;
                let found: BTreeSet<i64> = list.iter().map(|c| c.person_id).collect();
                self.chosen.retain(|id| found.contains(id));
                self.list = Some(list);
                self.error = None;
            }
            Message::Toggle(id, on) => {
                if on {
                    self.chosen.insert(id);
                } else {
                    self.chosen.remove(&id);
                }
            }
            Message::ToggleAll(on) => {
                self.chosen = match (&self.list, on) {
                    (Some(list), true) => list.iter().map(|c| c.person_id).collect(),
                    _ => BTreeSet::new(),
                };
            }
            Message::ResolutionChanged(v) => {
                self.resolution = v;
                self.resolution_error = None;
            }
            Message::Approve => return self.approve(),
            Message::Approved(Ok(n)) => {
                self.saving = false;
                self.error = None;
                self.done = Some(format!(
                    "ลบข้อมูลระบุตัวตนของสมาชิก {n} คนแล้ว ยอดเงินและสัญญายังอยู่ (บันทึกในบันทึกการใช้งาน)"
                ));
                self.chosen.clear();
                self.resolution.clear();
                return self.update(Message::Show);
            }
            Message::Loaded(Err(e)) | Message::Approved(Err(e)) => {
                self.saving = false;
                self.done = None;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    fn approve(&mut self) -> Action<Message> {
        if self.saving || !self.session.may(Permission::ManagePersonalData) {
            return Action::None;
        }
        self.done = None;
        let Some(as_of) = self.listed_on else { return Action::None };
        if self.chosen.is_empty() {
            self.error = Some("ยังไม่ได้เลือกสมาชิกที่จะลบข้อมูล".into());
            return Action::None;
        }
        if let Err(e) = anonymise::check_resolution(&self.resolution) {
            self.resolution_error = Some(e.to_string());
            return Action::None;
        }
        self.saving = true;
        self.error = None;
        let actor = self.session.actor();
        let resolution = self.resolution.clone();
        let ids: Vec<i64> = self.chosen.iter().copied().collect();
        Action::Run(write(
            &self.session.store,
            move |tx| anonymise::anonymise(tx, &actor, as_of, &resolution, &ids),
            Message::Approved,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::L).push(
            column![
                title("ข้อมูลพ้นระยะเก็บรักษา"),
                muted(format!(
                    "สมาชิกที่ทุกสัญญา (ทั้งผู้กู้ ผู้กู้ร่วม และผู้ค้ำประกัน) ปิดมานานกว่า {} ปี เมื่อคณะกรรมการอนุมัติ ชื่อ เลขประจำตัวประชาชน วันเกิด โทรศัพท์ และที่อยู่จะถูกลบ ยอดเงินยังอยู่เพื่อสถิติของกองทุน ลบแล้วเรียกคืนไม่ได้",
                    self.years
                )),
            ]
            .spacing(space::XS),
        );
        if let Some(e) = &self.error {
            content = content.push(error_banner(e.as_str()));
        }
        if let Some(d) = &self.done {
            content = content.push(notice_banner(d.as_str()));
        }
        let when =
            field("พิจารณา ณ วันที่", AS_OF_ID, "เช่น 1/1/2579", &self.as_of, Message::AsOfChanged)
                .error(self.as_of_error.as_deref())
                .submit(Message::Show);
        content = content.push(card(
            row![when, primary_button("แสดงรายชื่อ", Some(Message::Show))]
                .spacing(space::M)
                .align_y(iced::Alignment::Start),
        ));
        content = content.push(self.view_list());
        page(content)
    }

    fn view_list(&self) -> Element<'_, Message> {
        let Some(list) = &self.list else {
            return card(muted("กำลังค้นหา…"));
        };
        if list.is_empty() {
            return card(body("ไม่มีสมาชิกที่พ้นระยะเวลาเก็บรักษา ณ วันที่นี้"));
        }
        let cols = [
            col("", 1),
            col("รหัส", 2),
            col("ชื่อ", 7),
            col("เลขประจำตัว", 4),
            col("สัญญา", 2),
            col("ปิดล่าสุด", 3),
            col("ลบได้ตั้งแต่", 3),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for (i, c) in list.iter().take(SHOWN).enumerate() {
            let id = c.person_id;
            let tick =
                checkbox(self.chosen.contains(&id)).on_toggle(move |on| Message::Toggle(id, on));
            table = table.push(striped(
                i,
                table_row(
                    &cols,
                    vec![
                        tick.into(),
                        cell(id.to_string()).into(),
                        cell(c.name.as_str()).into(),
                        cell(c.masked_id.as_str()).into(),
                        cell(c.loans.to_string()).into(),
                        cell(format_short(c.last_closed)).into(),
                        cell(format_short(c.anonymise_from)).into(),
                    ],
                ),
            ));
        }
        let all = !self.chosen.is_empty() && self.chosen.len() == list.len();
        let select_all = checkbox(all)
            .label("เลือกทั้งหมด")
            .on_toggle(Message::ToggleAll)
            .text_line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT));
        let shown = if list.len() > SHOWN {
            format!("พบ {} คน (แสดง {SHOWN} คนแรก) เลือกแล้ว {} คน", list.len(), self.chosen.len())
        } else {
            format!("พบ {} คน เลือกแล้ว {} คน", list.len(), self.chosen.len())
        };
        let resolution = field(
            "มติที่ประชุม",
            RESOLUTION_ID,
            "เช่น มติที่ประชุมคณะกรรมการครั้งที่ 3/2569",
            &self.resolution,
            Message::ResolutionChanged,
        )
        .error(self.resolution_error.as_deref())
        .submit(Message::Approve);
        let can = !self.saving && !self.chosen.is_empty();
        let approve: Element<'_, Message> = if self.chosen.is_empty() {
            error_text("เลือกสมาชิกอย่างน้อยหนึ่งคนก่อนอนุมัติ").into()
        } else {
            small(" ").into()
        };
        section(
            "สมาชิกที่ลบข้อมูลได้",
            vec![muted(shown).into()],
            column![
                select_all,
                Column::new().push(table).width(Fill),
                resolution,
                row![danger_button("อนุมัติลบข้อมูลระบุตัวตน", can.then_some(Message::Approve)), approve]
                    .spacing(space::M)
                    .align_y(iced::Center),
            ]
            .spacing(space::M),
        )
    }
}
