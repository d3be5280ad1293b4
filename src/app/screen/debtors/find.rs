//! Find a member: one box, results as you type (name, national id, phone, house number, หมู่, or
//! a whole contract number, the office's own from its books or plodnee's),
//! in a virtual list so thousands of hits cost no more than a screenful. Each keystroke starts a
//! query off the UI thread; answers to older keystrokes are dropped when they arrive late.

use iced::widget::operation::{self, AbsoluteOffset, RelativeOffset};
use iced::widget::scrollable::Viewport;
use iced::widget::{Column, column, container, row, text_input};
use iced::{Element, Fill, Padding, Task};

use crate::app::export::{self, Exporter};
use crate::app::screen::{Action, Destination, Session, read};
use crate::app::theme::{dim, inputs, size, space};
use crate::app::widget::{
    self, ListWindow, beside_scrollbar, cell, clickable, col, error_banner, money, muted, num,
    secondary_button, table_header, table_row, title, virtual_list,
};
use crate::domain::person::format_phone;
use crate::domain::report::list::{self, Field};
use crate::store::StoreError;
use crate::store::search::{self, SearchHit, SearchResult};

pub const SEARCH_ID: &str = "find-search";
const LIST_ID: &str = "find-results";
/// Hits fetched per query; the count above the list says how many match in all.
pub const LIMIT: usize = 500;

#[derive(Debug, Clone)]
pub enum Message {
    QueryChanged(String),
    Results(u64, Result<SearchResult, StoreError>),
    Scrolled(Viewport),
    Move(i32),
    OpenSelected,
    Open(Destination),
    Export,
    Exported(export::Message),
}

pub struct Find {
    session: Session,
    pub query: String,
    /// Bumped on every keystroke; results carry the generation they answer.
    pub generation: u64,
    pub result: SearchResult,
    pub searched: Option<String>,
    pub selected: usize,
    pub window: ListWindow,
    pub error: Option<String>,
    pub exporter: Exporter,
}

const COLS: [widget::Col; 6] = [
    col("ชื่อ-สกุล", 5),
    col("เลขประจำตัวประชาชน", 4),
    col("โทรศัพท์", 3),
    col("บ้านเลขที่", 2),
    num("สัญญา", 1),
    num("เงินต้นคงเหลือ", 3),
];

/// The columns above as they go to Excel, with the same Thai headers and the same values.
pub const EXPORT: [Field<SearchHit>; 6] = [
    Field::text("ชื่อ-สกุล", |h| list::text(&h.name)),
    Field::text("เลขประจำตัวประชาชน", |h| {
        list::text(masked_id(h))
    }),
    Field::text("โทรศัพท์", |h| list::text(format_phone(&h.phone))),
    Field::text("บ้านเลขที่", |h| list::text(house(h))),
    Field::count("สัญญา", |h| list::count(h.open_loans)),
    Field::money("เงินต้นคงเหลือ", |h| list::money(h.outstanding)),
];

fn masked_id(h: &SearchHit) -> &str {
    if h.national_id_masked.is_empty() { "-" } else { &h.national_id_masked }
}

fn house(h: &SearchHit) -> String {
    format!("{} ม.{}", h.house_no, h.village_no)
}

impl Find {
    pub fn new(session: Session, query: String) -> (Find, Task<Message>) {
        let mut find = Find {
            session,
            query: String::new(),
            generation: 0,
            result: SearchResult::default(),
            searched: None,
            selected: 0,
            window: ListWindow::default(),
            error: None,
            exporter: Exporter::default(),
        };
        let search = match find.update(Message::QueryChanged(query)) {
            Action::Run(task) => task,
            _ => Task::none(),
        };
        (find, Task::batch([operation::focus(SEARCH_ID), search]))
    }

    pub fn focus() -> Task<Message> {
        Task::batch([operation::focus(SEARCH_ID), operation::select_all(SEARCH_ID)])
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::QueryChanged(query) => {
                self.query = query;
                self.generation += 1;
                let generation = self.generation;
                if self.query.trim().is_empty() {
                    self.result = SearchResult::default();
                    self.searched = None;
                    return Action::None;
                }
                let q = self.query.clone();
                Action::Run(read(
                    &self.session.store,
                    move |conn| search::search_as_you_type(conn, &q, LIMIT),
                    move |r| Message::Results(generation, r),
                ))
            }
            Message::Results(generation, result) => {
                if generation != self.generation {
                    return Action::None;
                }
                match result {
                    Ok(result) => {
                        self.result = result;
                        self.searched = Some(self.query.clone());
                        self.selected = 0;
                        self.error = None;
                        Action::Run(operation::snap_to(LIST_ID, RelativeOffset::START))
                    }
                    Err(e) => {
                        self.error = Some(e.to_string());
                        Action::None
                    }
                }
            }
            Message::Scrolled(viewport) => {
                self.window = ListWindow::from_viewport(viewport);
                Action::None
            }
            Message::Move(step) => {
                let count = self.result.hits.len();
                if count == 0 {
                    return Action::None;
                }
                let next = (self.selected as i64 + i64::from(step)).clamp(0, count as i64 - 1);
                self.selected = next as usize;
                self.keep_selection_visible()
            }
            Message::OpenSelected => match self.result.hits.get(self.selected) {
                Some(hit) => Action::Open(Destination::Member(hit.person_id)),
                None => Action::None,
            },
            Message::Open(destination) => Action::Open(destination),
            Message::Export => {
                let subtitle = vec![format!("คำค้น: {}", self.query.trim()), self.summary()];
                let table = list::table("ผลการค้นหาสมาชิก", subtitle, &EXPORT, &self.result.hits);
                let dialogs = self.session.dialogs.clone();
                Action::Run(self.exporter.start(&dialogs, table).map(Message::Exported))
            }
            Message::Exported(m) => Action::Run(
                self.exporter.update(m, self.session.dialogs.as_ref()).map(Message::Exported),
            ),
        }
    }

    fn keep_selection_visible(&self) -> Action<Message> {
        let top = self.selected as f32 * dim::ROW;
        let bottom = top + dim::ROW;
        let offset = if top < self.window.offset {
            top
        } else if bottom > self.window.offset + self.window.height {
            bottom - self.window.height
        } else {
            return Action::None;
        };
        Action::Run(operation::scroll_to(LIST_ID, AbsoluteOffset { x: None, y: Some(offset) }))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let input =
            text_input("ชื่อ นามสกุล เลขประจำตัว โทรศัพท์ บ้านเลขที่ เลขที่สัญญา หรือ หมู่ 3", &self.query)
                .id(SEARCH_ID)
                .on_input(Message::QueryChanged)
                .on_submit(Message::OpenSelected)
                .size(size::SUBTITLE)
                .line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT))
                .padding(Padding::from([space::S, space::M]))
                .style(inputs::normal);
        let header = row![
            title("ค้นหาสมาชิก").width(Fill),
            secondary_button(
                export::LABEL,
                (!self.result.hits.is_empty() && !self.exporter.busy()).then_some(Message::Export),
            ),
            secondary_button("เพิ่มครัวเรือนใหม่", Some(Message::Open(Destination::NewHousehold))),
        ]
        .spacing(space::M)
        .align_y(iced::Center);
        let mut page = Column::new().spacing(space::M).push(header).push(input);
        if let Some(error) = &self.error {
            page = page.push(error_banner(error));
        }
        if let Some(status) = self.exporter.view() {
            page = page.push(status.map(Message::Exported));
        }
        page = page.push(muted(self.summary()));
        if !self.result.hits.is_empty() {
            let hits = &self.result.hits;
            let list = virtual_list(
                LIST_ID,
                hits.len(),
                self.window,
                |i| {
                    let h = &hits[i];
                    clickable(
                        table_row(
                            &COLS,
                            vec![
                                cell(&h.name).into(),
                                cell(masked_id(h)).into(),
                                cell(format_phone(&h.phone)).into(),
                                cell(house(h)).into(),
                                cell(h.open_loans.to_string()).into(),
                                money(h.outstanding).into(),
                            ],
                        ),
                        Message::Open(Destination::Member(h.person_id)),
                        i == self.selected,
                    )
                },
                Message::Scrolled,
            );
            page = page.push(
                container(column![beside_scrollbar(table_header(&COLS)), list])
                    .style(crate::app::theme::boxes::card)
                    .height(Fill),
            );
        }
        container(page).padding(space::XL).height(Fill).into()
    }

    fn summary(&self) -> String {
        match &self.searched {
            None => "พิมพ์อย่างน้อย 1 ตัวอักษร ผลจะแสดงทันทีที่พิมพ์ · ↑↓ เลือก · Enter เปิดแฟ้มสมาชิก".into(),
            Some(_) if self.result.total == 0 => "ไม่พบสมาชิกที่ตรงกับคำค้น".into(),
            Some(_) if self.result.capped => format!(
                "พบมากกว่า {} คน แสดง {} คน พิมพ์เพิ่มเพื่อให้แคบลง",
                crate::app::screen::home::thousands(self.result.total),
                self.result.hits.len()
            ),
            Some(_) if self.result.total as usize > self.result.hits.len() => format!(
                "พบ {} คน แสดง {} คนแรก พิมพ์เพิ่มเพื่อให้แคบลง",
                crate::app::screen::home::thousands(self.result.total),
                self.result.hits.len()
            ),
            Some(_) => format!("พบ {} คน", crate::app::screen::home::thousands(self.result.total)),
        }
    }
}
