//! A batch of letters to a group (e.g. every contract 30+ days past due in หมู่ 3): the count
//! updates as the group is chosen; "ดูรายการ" lists the letters it would issue (member, contract,
//! step, amount) with a tick each, and how many files the thresholds hold back and why, before
//! anything is numbered; only the ticked rows are issued. Generating runs off the UI thread with a progress bar and a
//! cancel button. Where the files go is asked first, and they are written inside the transaction
//! that numbers the letters: a cancel, an error or a file that cannot be written leaves nothing
//! registered. Leaving the screen cancels a running batch.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::task::Handle;
use iced::widget::{Column, checkbox, column, container, progress_bar, row, scrollable};
use iced::{Element, Fill, Task};

mod worker;

pub use worker::Summary;

use crate::app::dialogs::{self, FileDialogs, PDF};
use crate::app::screen::letters::issue::KINDS;
use crate::app::screen::letters::issue::view as letter_view;
use crate::app::screen::{Action, Destination, Session, read};
use crate::app::theme::{boxes, dim, space};
use crate::app::widget::{
    body, choices, error_banner, error_text, field, figure, labelled, muted, notice_banner, page,
    primary_button, secondary_button, section, strong, title,
};
use crate::document::issue::{self, BatchRequest, Filter, Output, Preview, Progress, Request};
use crate::domain::letter::Kind;
use crate::domain::thai::date::format_long;
use crate::store::{StoreError, funds};

pub const MIN_DPD_ID: &str = "batch-min-dpd";
pub const VILLAGE_ID: &str = "batch-village";

/// One PDF for the whole batch, or one file per letter into a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputChoice(pub Output);

impl OutputChoice {
    pub const ALL: &[OutputChoice] =
        &[OutputChoice(Output::OneFile), OutputChoice(Output::PerLetter)];
}

impl std::fmt::Display for OutputChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Output::OneFile => "รวมเป็นไฟล์ PDF เดียว",
            Output::PerLetter => "แยกไฟล์รายคน (เลือกโฟลเดอร์)",
        })
    }
}

/// A source fund to pick, or all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundChoice {
    pub id: Option<i64>,
    pub name: String,
}

impl std::fmt::Display for FundChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    FundsLoaded(Result<Vec<FundChoice>, StoreError>),
    KindChosen(Kind),
    MinDpdChanged(String),
    VillageChanged(String),
    FundChosen(FundChoice),
    OutputChosen(OutputChoice),
    Counted(u64, Result<usize, StoreError>),
    /// List the letters the group would get, before anything is numbered.
    List,
    Listed(u64, Result<Preview, StoreError>),
    Tick(usize, bool),
    Generate,
    GenerateTo(Option<PathBuf>),
    Progressed(Progress),
    Finished(Result<Summary, String>),
    Cancel,
    Labels,
    LabelsTo(Option<PathBuf>),
    LabelsSaved(Result<PathBuf, StoreError>),
    OpenFile(PathBuf),
    Open(Destination),
}

/// A batch under way: how far, and the flag its worker checks before each contract.
pub struct Running {
    pub done: usize,
    pub total: usize,
    pub cancel: Arc<AtomicBool>,
    _handle: Option<Handle>,
}

pub struct LettersBatch {
    session: Session,
    pub kind: Kind,
    pub min_dpd_input: String,
    pub village_input: String,
    pub filter: Filter,
    pub filter_error: Option<String>,
    pub funds: Vec<FundChoice>,
    pub fund: FundChoice,
    pub output: OutputChoice,
    pub count: Option<usize>,
    /// The list of the chosen group, with the officer's ticks; `None` until asked for (and
    /// again whenever the group changes).
    pub preview: Option<Preview>,
    generation: u64,
    pub running: Option<Running>,
    pub summary: Option<Summary>,
    pub labels: Option<PathBuf>,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// What went wrong with a file, under the button that asked for it (issue 17 §B9): the
    /// batch's under "ออกหนังสือที่เลือก", the labels' under "ป้ายชื่อที่อยู่", opening under "เปิดไฟล์".
    pub generate_error: Option<String>,
    pub labels_error: Option<String>,
    pub open_error: Option<String>,
}

impl Drop for LettersBatch {
    /// Leaving the screen stops the worker at its next contract (and so registers nothing).
    fn drop(&mut self) {
        if let Some(r) = &self.running {
            r.cancel.store(true, Ordering::Relaxed);
        }
    }
}

fn all_funds() -> FundChoice {
    FundChoice { id: None, name: "ทุกกองทุน".into() }
}

impl LettersBatch {
    pub fn new(session: Session) -> (LettersBatch, Task<Message>) {
        let mut screen = LettersBatch {
            session,
            kind: Kind::Demand,
            min_dpd_input: "30".into(),
            village_input: String::new(),
            filter: Filter { min_dpd: 30, village: None, fund: None },
            filter_error: None,
            funds: vec![all_funds()],
            fund: all_funds(),
            output: OutputChoice(Output::OneFile),
            count: None,
            preview: None,
            generation: 0,
            running: None,
            summary: None,
            labels: None,
            error: None,
            notice: None,
            generate_error: None,
            labels_error: None,
            open_error: None,
        };
        let funds = read(
            &screen.session.reader,
            |conn| {
                let list = funds::list(conn)?;
                Ok(list.into_iter().map(|f| FundChoice { id: Some(f.id), name: f.name }).collect())
            },
            Message::FundsLoaded,
        );
        let count = match screen.count_again() {
            Action::Run(t) => t,
            _ => Task::none(),
        };
        (screen, Task::batch([funds, count]))
    }

    fn request(&self) -> BatchRequest {
        BatchRequest {
            request: Request::new(self.kind, self.session.today),
            filter: self.filter,
            output: self.output.0,
        }
    }

    fn count_again(&mut self) -> Action<Message> {
        self.generation += 1;
        self.summary = None;
        self.preview = None;
        let (generation, b) = (self.generation, self.request());
        Action::Run(read(
            &self.session.reader,
            move |conn| Ok(issue::count(conn, b.request.kind, b.request.as_of, &b.filter)?),
            move |r| Message::Counted(generation, r),
        ))
    }

    /// Reads the two number fields; a field in error keeps the last good filter.
    fn parse_filter(&mut self) -> Action<Message> {
        let dpd = self.min_dpd_input.trim();
        let village = self.village_input.trim();
        let min_dpd = if dpd.is_empty() { Ok(0) } else { dpd.parse::<i64>() };
        let village_no =
            if village.is_empty() { Ok(None) } else { village.parse::<u8>().map(Some) };
        match (min_dpd, village_no) {
            (Ok(d), Ok(v)) if d >= 0 => {
                self.filter_error = None;
                self.filter.min_dpd = d;
                self.filter.village = v;
                self.count_again()
            }
            (_, Ok(_)) => {
                self.filter_error = Some("จำนวนวันค้างต้องเป็นตัวเลขจำนวนเต็มไม่ติดลบ".into());
                Action::None
            }
            (_, Err(_)) => {
                self.filter_error = Some("หมู่ที่ต้องเป็นตัวเลข 1–99 หรือเว้นว่างไว้สำหรับทุกหมู่".into());
                Action::None
            }
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::FundsLoaded(Ok(list)) => {
                self.funds = std::iter::once(all_funds()).chain(list).collect();
                Action::None
            }
            Message::KindChosen(kind) => {
                self.kind = kind;
                self.count_again()
            }
            Message::MinDpdChanged(input) => {
                self.min_dpd_input = crate::domain::thai::digits::to_ascii_digits(&input);
                self.parse_filter()
            }
            Message::VillageChanged(input) => {
                self.village_input = crate::domain::thai::digits::to_ascii_digits(&input);
                self.parse_filter()
            }
            Message::FundChosen(fund) => {
                self.filter.fund = fund.id;
                self.fund = fund;
                self.count_again()
            }
            Message::OutputChosen(output) => {
                self.output = output;
                Action::None
            }
            Message::Counted(generation, result) => {
                if generation == self.generation {
                    match result {
                        Ok(n) => self.count = Some(n),
                        Err(e) => self.error = Some(e.to_string()),
                    }
                }
                Action::None
            }
            Message::List => {
                if self.running.is_some() || self.filter_error.is_some() {
                    return Action::None;
                }
                self.error = None;
                let (generation, b) = (self.generation, self.request());
                Action::Run(read(
                    &self.session.reader,
                    move |conn| {
                        Ok(issue::batch_preview(conn, b.request.kind, b.request.as_of, &b.filter)?)
                    },
                    move |r| Message::Listed(generation, r),
                ))
            }
            Message::Listed(generation, result) => {
                if generation == self.generation {
                    match result {
                        Ok(p) => self.preview = Some(p),
                        Err(e) => self.error = Some(e.to_string()),
                    }
                }
                Action::None
            }
            Message::Tick(i, on) => {
                if self.running.is_none()
                    && let Some(row) = self.preview.as_mut().and_then(|p| p.rows.get_mut(i))
                {
                    row.ticked = on;
                }
                Action::None
            }
            Message::Generate => {
                if self.running.is_some() || self.filter_error.is_some() || self.ticked() == 0 {
                    return Action::None;
                }
                self.error = None;
                self.notice = None;
                self.generate_error = None;
                self.open_error = None;
                let dialogs = &self.session.dialogs;
                let pending = match self.output.0 {
                    Output::OneFile => {
                        let name = format!("{}-{}.pdf", self.kind, format_long(self.session.today));
                        dialogs.save_file("บันทึกหนังสือทั้งชุดเป็นไฟล์ PDF", &name, PDF)
                    }
                    Output::PerLetter => dialogs.pick_folder("เลือกโฟลเดอร์สำหรับเก็บไฟล์รายคน"),
                };
                Action::Run(Task::perform(pending, Message::GenerateTo))
            }
            Message::GenerateTo(None) => {
                self.notice = Some("ยกเลิกแล้ว ไม่มีการออกหนังสือ".into());
                Action::None
            }
            Message::GenerateTo(Some(to)) => {
                let cancel = Arc::new(AtomicBool::new(false));
                let ticked: HashSet<i64> = self
                    .preview
                    .iter()
                    .flat_map(|p| p.rows.iter().filter(|r| r.ticked).map(|r| r.loan_id))
                    .collect();
                let work = worker::generate(
                    self.session.store.clone(),
                    self.session.actor(),
                    self.request(),
                    ticked,
                    to,
                    cancel.clone(),
                );
                let (task, handle) =
                    Task::sip(work, Message::Progressed, Message::Finished).abortable();
                let total = self.preview.as_ref().map_or(0, |p| p.rows.len());
                self.running =
                    Some(Running { done: 0, total, cancel, _handle: Some(handle.abort_on_drop()) });
                self.summary = None;
                Action::Run(task)
            }
            Message::Progressed(p) => {
                if let Some(r) = &mut self.running {
                    r.done = p.done;
                    r.total = p.total;
                }
                Action::None
            }
            Message::Finished(result) => {
                self.running = None;
                match result {
                    Ok(summary) => self.summary = Some(summary),
                    Err(e) => self.generate_error = Some(e),
                }
                Action::None
            }
            Message::Cancel => {
                if let Some(r) = &self.running {
                    r.cancel.store(true, Ordering::Relaxed);
                }
                Action::None
            }
            Message::Labels => {
                let pending = self.session.dialogs.save_file("บันทึกป้ายชื่อที่อยู่", "ป้ายชื่อที่อยู่.pdf", PDF);
                Action::Run(Task::perform(pending, Message::LabelsTo))
            }
            Message::LabelsTo(None) => Action::None,
            Message::LabelsTo(Some(path)) => {
                let b = self.request();
                Action::Run(read(
                    &self.session.reader,
                    move |conn| {
                        dialogs::write_in_store(path, &issue::labels(conn, &b.request, &b.filter)?)
                    },
                    Message::LabelsSaved,
                ))
            }
            Message::LabelsSaved(Ok(path)) => {
                self.labels = Some(path);
                self.labels_error = None;
                Action::None
            }
            Message::LabelsSaved(Err(e)) => {
                self.labels_error = Some(e.to_string());
                Action::None
            }
            Message::FundsLoaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::OpenFile(path) => {
                let dialogs = self.session.dialogs.as_ref();
                self.open_error = dialogs::open_saved(dialogs, Some(&path));
                Action::None
            }
            Message::Open(d) => Action::Open(d),
        }
    }

    /// How many rows of the list are ticked.
    pub fn ticked(&self) -> usize {
        self.preview.as_ref().map_or(0, |p| p.rows.iter().filter(|r| r.ticked).count())
    }

    pub fn view(&self) -> Element<'_, Message> {
        let header = row![
            column![
                title("ออกหนังสือทั้งชุด"),
                muted(format!("ลงวันที่ {} ยอดเงิน ณ วันนี้", format_long(self.session.today))),
            ]
            .width(Fill),
            secondary_button("ทะเบียนหนังสือส่ง", Some(Message::Open(Destination::LetterRegister))),
        ]
        .spacing(space::M)
        .align_y(iced::Center);
        let mut content = Column::new().spacing(space::L).push(header);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(n) = &self.notice {
            content = content.push(notice_banner(n.as_str()));
        }
        content = content.push(self.view_group());
        if let Some(p) = &self.preview
            && self.summary.is_none()
        {
            content = content.push(self.view_list(p));
        }
        if let Some(r) = &self.running {
            content = content.push(view_running(r));
        }
        if let Some(s) = &self.summary {
            content =
                content.push(view_summary(s, self.session.dialogs.as_ref(), self.open_error()));
        }
        if let Some(path) = &self.labels {
            content = content.push(letter_view::saved(
                "บันทึกป้ายชื่อที่อยู่แล้ว",
                dialogs::where_saved(self.session.dialogs.as_ref(), path),
                Message::OpenFile(path.clone()),
                self.open_error(),
            ));
        }
        page(content)
    }

    fn open_error(&self) -> Option<&str> {
        self.open_error.as_deref()
    }

    fn view_group(&self) -> Element<'_, Message> {
        let idle = self.running.is_none();
        let dpd = field(
            "ค้างชำระตั้งแต่ (วัน)",
            MIN_DPD_ID,
            "เช่น 30",
            &self.min_dpd_input,
            Message::MinDpdChanged,
        )
        .width(dim::FIELD / 2.0);
        let village =
            field("หมู่ที่", VILLAGE_ID, "ทุกหมู่", &self.village_input, Message::VillageChanged)
                .hint("เว้นว่างไว้ = ทุกหมู่")
                .width(dim::FIELD / 2.0);
        let count: Element<'_, Message> = match self.count {
            Some(n) => column![
                muted("สัญญาที่เข้าเงื่อนไข"),
                figure(format!("{} สัญญา", crate::app::screen::home::thousands(n as i64)))
            ]
            .into(),
            None => muted("กำลังนับ…").into(),
        };
        let mut group = Column::new()
            .spacing(space::M)
            .push(labelled("ประเภทหนังสือ", choices(KINDS, Some(&self.kind), Message::KindChosen)))
            .push(dpd)
            .push(village)
            .push(labelled("กองทุน", choices(&self.funds, Some(&self.fund), Message::FundChosen)))
            .push(labelled(
                "รูปแบบไฟล์",
                choices(OutputChoice::ALL, Some(&self.output), Message::OutputChosen),
            ));
        if let Some(e) = &self.filter_error {
            group = group.push(error_text(e.as_str()));
        }
        // After a batch, the same group again would number the same letters twice: change the
        // group (which clears the summary) to start another.
        let ready = idle
            && self.summary.is_none()
            && self.filter_error.is_none()
            && self.count.is_some_and(|n| n > 0);
        group = group.push(
            row![
                count,
                iced::widget::space().width(Fill),
                secondary_button("ป้ายชื่อที่อยู่", ready.then_some(Message::Labels)),
                primary_button(
                    "ดูรายการก่อนออกเลข",
                    (ready && self.preview.is_none()).then_some(Message::List)
                ),
            ]
            .spacing(space::M)
            .align_y(iced::Center),
        );
        group = group.push(match &self.labels_error {
            Some(e) => container(error_text(e.as_str())).align_right(Fill),
            None => container(muted(" ")),
        });
        section("เลือกกลุ่มผู้รับ", vec![], group)
    }
}

impl LettersBatch {
    /// The list with a tick per row, what was held back and why, and the button that issues
    /// the ticked rows.
    fn view_list<'a>(&'a self, p: &'a Preview) -> Element<'a, Message> {
        use crate::app::screen::home::thousands;
        let idle = self.running.is_none();
        let mut list = Column::new().spacing(space::XS);
        for (i, r) in p.rows.iter().enumerate() {
            let mut tick = checkbox(r.ticked)
                .text_line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT));
            if idle {
                tick = tick.on_toggle(move |on| Message::Tick(i, on));
            }
            let note: Element<'_, Message> = match r.note {
                Some(n) => muted(n.to_string()).into(),
                None => muted("").into(),
            };
            list = list.push(
                row![
                    tick,
                    body(r.member.as_str()).width(dim::FIELD),
                    body(r.contract_no.as_str()).width(dim::FIELD / 1.5),
                    body(r.step.to_string()).width(dim::FIELD / 1.5),
                    container(body(r.amount.to_string())).align_right(dim::FIELD / 2.0),
                    container(note).width(Fill),
                ]
                .spacing(space::M)
                .align_y(iced::Center),
            );
        }
        let mut c = Column::new().spacing(space::M);
        for line in p.skip_lines(self.kind) {
            c = c.push(muted(format!("ไม่ออกหนังสือ: {line}")));
        }
        if !p.nothing.is_empty() {
            c = c
                .push(muted(format!("ไม่มียอดต้องทวงถาม {} สัญญา", thousands(p.nothing.len() as i64))));
        }
        if p.rows.is_empty() {
            c = c.push(body("ไม่มีสัญญาใดต้องออกหนังสือตามเงื่อนไขนี้"));
        } else {
            c = c.push(
                row![
                    strong("ผู้กู้").width(dim::FIELD),
                    strong("สัญญา").width(dim::FIELD / 1.5),
                    strong("ขั้น").width(dim::FIELD / 1.5),
                    container(strong("ยอดเงิน")).align_right(dim::FIELD / 2.0),
                    container(muted("")).width(Fill),
                ]
                .spacing(space::M)
                .padding(iced::Padding::ZERO.left(dim::FIELD / 10.0)),
            );
            c = c.push(scrollable(list).height(dim::FIELD * 1.2));
        }
        let n = self.ticked();
        c = c.push(
            row![
                muted(format!(
                    "เลือกไว้ {} จาก {} สัญญา",
                    thousands(n as i64),
                    thousands(p.rows.len() as i64)
                ))
                .width(Fill),
                primary_button("ออกหนังสือที่เลือก", (idle && n > 0).then_some(Message::Generate)),
            ]
            .spacing(space::M)
            .align_y(iced::Center),
        );
        c = c.push(match &self.generate_error {
            Some(e) => error_text(e.as_str()),
            None => muted(" "),
        });
        section("รายการที่จะออกหนังสือ (ยังไม่ออกเลข)", vec![], c)
    }
}

fn view_running(r: &Running) -> Element<'_, Message> {
    let share = if r.total == 0 { 0.0 } else { r.done as f32 / r.total as f32 * 100.0 };
    let cancelling = r.cancel.load(Ordering::Relaxed);
    container(
        column![
            strong(format!("กำลังออกหนังสือ {} จาก {} สัญญา ({share:.0}%)", r.done, r.total)),
            progress_bar(0.0..=100.0, share),
            row![
                muted("ระหว่างนี้ยังไม่มีหนังสือฉบับใดถูกลงทะเบียน หากยกเลิก จะไม่มีการออกเลขใด ๆ").width(Fill),
                secondary_button(
                    if cancelling {
                        "กำลังยกเลิก…"
                    } else {
                        "ยกเลิก"
                    },
                    (!cancelling).then_some(Message::Cancel)
                ),
            ]
            .spacing(space::M)
            .align_y(iced::Center),
        ]
        .spacing(space::S),
    )
    .padding(space::M)
    .width(Fill)
    .style(boxes::card)
    .into()
}

fn view_summary<'a>(
    s: &'a Summary,
    dialogs: &dyn FileDialogs,
    open_error: Option<&'a str>,
) -> Element<'a, Message> {
    let mut done = Column::new().spacing(space::S).push(strong(format!(
        "ออกหนังสือแล้ว {} ฉบับ เลขที่ {} ถึง {}",
        crate::app::screen::home::thousands(s.letters as i64),
        s.first,
        s.last
    )));
    for line in &s.held {
        done = done.push(muted(format!("ไม่ออกหนังสือ: {line}")));
    }
    if s.unticked > 0 {
        done = done.push(muted(format!("ไม่ได้เลือก {} สัญญา", s.unticked)));
    }
    for w in s.warnings.iter().take(20) {
        done = done.push(error_text(w.as_str()));
    }
    match s.files.as_slice() {
        [one] => {
            let note = dialogs::where_saved(dialogs, one);
            done = done.push(letter_view::saved(
                "ไฟล์",
                note,
                Message::OpenFile(one.clone()),
                open_error,
            ))
        }
        [first, ..] => {
            let folder = first.parent().unwrap_or(first);
            done = done.push(body(format!("{} ไฟล์ (ไฟล์ละหนึ่งฉบับ)", s.files.len())));
            let open = Message::OpenFile(folder.to_path_buf());
            let note = dialogs::where_saved(dialogs, folder);
            done = done.push(letter_view::saved("โฟลเดอร์", note, open, open_error));
        }
        [] => done = done.push(muted("ไม่มีสัญญาใดต้องออกหนังสือ จึงไม่มีไฟล์")),
    }
    container(done).padding(space::M).width(Fill).style(boxes::notice).into()
}
