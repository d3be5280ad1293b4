//! Issuing one letter from a loan file: choose the kind and the date, read the composed letter
//! (nothing is numbered yet), issue it (numbered and registered in one transaction), then save the
//! PDF where the officer chooses and open it in the system's viewer.

pub mod view;

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{Column, column, container, row};
use iced::{Element, Fill, FillPortion, Task};

use crate::app::dialogs::{self, PDF};
use crate::app::screen::letters::issue::view::{self as letter_view, Shown};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{boxes, space};
use crate::app::widget::{
    body, error_banner, error_text, field, muted, notice_banner, page, primary_button,
    secondary_button, section, strong, title,
};
use crate::document::issue::{self, Composed, Issued, Request};
use crate::domain::collections::ladder::Ladder;
use crate::domain::letter::Kind;
use crate::domain::role::Permission;
use crate::domain::thai::date::{self, format_numeric};
use crate::store::StoreError;
use crate::store::loans::{self, Loan};
use crate::store::settings;

pub const DATE_ID: &str = "letter-date";

/// The kinds a loan file can issue: the collection letters and the termination notice.
pub const KINDS: &[Kind] = &[
    Kind::Reminder,
    Kind::Demand,
    Kind::Demand2,
    Kind::Guarantor,
    Kind::Invoice,
    Kind::Termination,
];

/// The escalation ladder's suggestion by the committee's days (settings; DESIGN §6's defaults:
/// demand 1 from 30 days, demand 2 from 60); the officer may choose otherwise.
pub fn suggested_kind(days_past_due: i64, ladder: &Ladder) -> Kind {
    if days_past_due >= ladder.demand2_dpd {
        Kind::Demand2
    } else if days_past_due >= ladder.demand_dpd {
        Kind::Demand
    } else {
        Kind::Reminder
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    LoanLoaded(Result<Box<(Loan, Ladder)>, StoreError>),
    KindChosen(Kind),
    DateChanged(String),
    Previewed(u64, Result<Composed, StoreError>),
    Issue,
    Issued(Result<Issued, StoreError>),
    Save,
    SaveTo(Option<PathBuf>),
    Saved(Result<PathBuf, String>),
    OpenFile,
    Open(Destination),
}

/// The composed letters and what to warn about, ready for the screen.
#[derive(Debug, Clone)]
pub struct Preview {
    pub letters: Vec<Shown>,
    pub warnings: Vec<String>,
}

pub struct LetterScreen {
    session: Session,
    pub loan_id: i64,
    pub loan: Option<Loan>,
    pub kind: Kind,
    pub date_input: String,
    pub date: NaiveDate,
    pub date_error: Option<String>,
    pub preview: Option<Result<Preview, String>>,
    /// Only the answer to the latest preview request is shown (the officer may click faster
    /// than the letters compose).
    generation: u64,
    pub issued: Option<Issued>,
    pub saved: Option<PathBuf>,
    pub busy: bool,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// Why the PDF could not be written (under "บันทึกไฟล์ PDF") or opened (under "เปิดไฟล์"):
    /// beside the button that caused it, never only at the top (issue 17 §B9).
    pub save_error: Option<String>,
    pub open_error: Option<String>,
}

impl LetterScreen {
    pub fn new(session: Session, loan_id: i64) -> (LetterScreen, Task<Message>) {
        let today = session.today;
        let task = read(
            &session.store,
            move |conn| Ok(Box::new((loans::get(conn, loan_id)?, settings::ladder(conn)?))),
            Message::LoanLoaded,
        );
        let screen = LetterScreen {
            session,
            loan_id,
            loan: None,
            kind: Kind::Reminder,
            date_input: format_numeric(today),
            date: today,
            date_error: None,
            preview: None,
            generation: 0,
            issued: None,
            saved: None,
            busy: false,
            error: None,
            notice: None,
            save_error: None,
            open_error: None,
        };
        (screen, task)
    }

    fn request(&self) -> Request {
        Request::new(self.kind, self.date)
    }

    fn load_preview(&mut self) -> Action<Message> {
        self.generation += 1;
        let (generation, req, loan_id) = (self.generation, self.request(), self.loan_id);
        Action::Run(read(
            &self.session.store,
            move |conn| Ok(issue::compose_preview(conn, &req, loan_id, None)?),
            move |r| Message::Previewed(generation, r),
        ))
    }

    /// A new choice makes a new letter: what was issued stays in the register, the screen
    /// starts over so the next click cannot issue the same letter twice by mistake.
    fn changed(&mut self) -> Action<Message> {
        self.issued = None;
        self.saved = None;
        self.notice = None;
        self.error = None;
        self.save_error = None;
        self.open_error = None;
        self.load_preview()
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::LoanLoaded(Ok(loaded)) => {
                let (loan, ladder) = *loaded;
                self.kind = suggested_kind(loan.days_past_due(self.session.today), &ladder);
                self.loan = Some(loan);
                self.load_preview()
            }
            Message::KindChosen(kind) => {
                self.kind = kind;
                self.changed()
            }
            Message::DateChanged(input) => {
                let parsed = date::parse(&input);
                self.date_input = input;
                match parsed {
                    Ok(d) => {
                        self.date_error = None;
                        self.date = d;
                        self.changed()
                    }
                    Err(e) => {
                        self.date_error = Some(e.to_string());
                        Action::None
                    }
                }
            }
            Message::Previewed(generation, result) => {
                if generation == self.generation {
                    self.preview = Some(
                        result
                            .map(|c| Preview {
                                letters: c.letters.iter().map(Shown::of).collect(),
                                warnings: letter_view::warnings(&c.letters, &c.warnings),
                            })
                            .map_err(|e| e.to_string()),
                    );
                }
                Action::None
            }
            Message::Issue => {
                if self.busy || self.issued.is_some() || !self.may_issue() {
                    return Action::None;
                }
                self.busy = true;
                self.save_error = None;
                let (actor, req, loan_id) = (self.session.actor(), self.request(), self.loan_id);
                Action::Run(write(
                    &self.session.store,
                    move |tx| Ok(issue::issue(tx, &actor, &req, loan_id)?),
                    Message::Issued,
                ))
            }
            Message::Issued(Ok(issued)) => {
                self.busy = false;
                self.issued = Some(issued);
                // The letter is numbered now; ask at once where its PDF goes.
                self.update(Message::Save)
            }
            Message::Save => {
                let Some(issued) = &self.issued else { return Action::None };
                let name = format!(
                    "{}.pdf",
                    dialogs::safe_file_name(
                        issued.letters.first().map(|l| l.number.as_str()).unwrap_or("หนังสือ")
                    )
                );
                let pending = self.session.dialogs.save_file("บันทึกหนังสือเป็นไฟล์ PDF", &name, PDF);
                Action::Run(Task::perform(pending, Message::SaveTo))
            }
            Message::SaveTo(None) => {
                self.notice = Some("ยังไม่ได้บันทึกไฟล์ กด \"บันทึกไฟล์ PDF\" เมื่อพร้อม".into());
                Action::None
            }
            Message::SaveTo(Some(path)) => {
                let Some(issued) = &self.issued else { return Action::None };
                Action::Run(Task::perform(
                    dialogs::write_file(path, issued.pdf.clone()),
                    Message::Saved,
                ))
            }
            Message::Saved(Ok(path)) => {
                self.notice = None;
                self.save_error = None;
                self.open_error = None;
                self.saved = Some(path);
                Action::None
            }
            Message::Saved(Err(e)) => {
                self.save_error = Some(e);
                Action::None
            }
            Message::OpenFile => {
                let dialogs = self.session.dialogs.as_ref();
                self.open_error = dialogs::open_saved(dialogs, self.saved.as_deref());
                Action::None
            }
            Message::Open(d) => Action::Open(d),
            Message::LoanLoaded(Err(e)) => {
                self.busy = false;
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Issued(Err(e)) => {
                self.busy = false;
                self.save_error = Some(e.to_string());
                Action::None
            }
        }
    }

    fn may_issue(&self) -> bool {
        self.session.may(Permission::PrintLetters)
            && self.date_error.is_none()
            && matches!(self.preview, Some(Ok(_)))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let contract = self.loan.as_ref().map(|l| l.contract_no.as_str()).unwrap_or("");
        let borrower = self.loan.as_ref().map(|l| l.borrower_name.as_str()).unwrap_or("");
        let header = row![
            column![title("ออกหนังสือ"), muted(format!("สัญญาเลขที่ {contract} · {borrower}"))]
                .width(Fill),
            secondary_button("แฟ้มสัญญา", Some(Message::Open(Destination::Loan(self.loan_id)))),
        ]
        .spacing(space::M)
        .align_y(iced::Center);
        let mut content = Column::new().spacing(space::L).push(header);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        content = content.push(
            row![
                container(self.view_controls()).width(FillPortion(2)),
                container(self.view_preview()).width(FillPortion(3)),
            ]
            .spacing(space::L),
        );
        page(content)
    }

    fn view_controls(&self) -> Element<'_, Message> {
        let date = field("ลงวันที่", DATE_ID, "วว/ดด/ปปปป", &self.date_input, Message::DateChanged)
            .error(self.date_error.as_deref())
            .hint("ยอดเงินในหนังสือคำนวณ ณ วันที่นี้")
            .width(Fill)
            .stacked();
        let kinds = column![
            body("ประเภทหนังสือ"),
            letter_view::kind_list(KINDS, self.kind, Message::KindChosen)
        ]
        .spacing(space::XS);
        let mut controls = Column::new().spacing(space::M).push(kinds).push(date);
        if let Some(Ok(p)) = &self.preview {
            for w in &p.warnings {
                controls = controls.push(notice_banner(w.as_str()));
            }
        }
        let issue = primary_button(
            if self.busy {
                "กำลังออกหนังสือ…"
            } else {
                "ออกหนังสือ (ออกเลขและลงทะเบียน)"
            },
            (self.may_issue() && !self.busy && self.issued.is_none()).then_some(Message::Issue),
        );
        controls = controls.push(issue);
        if self.issued.is_none() {
            // Why it was not issued, under the button (issue 17 §C12); the line is kept.
            controls = controls.push(match &self.save_error {
                Some(e) => error_text(e.as_str()),
                None => muted(" "),
            });
        }
        if let Some(issued) = &self.issued {
            controls = controls.push(self.view_issued(issued));
        }
        section("หนังสือที่จะออก", vec![], controls)
    }

    fn view_issued<'a>(&'a self, issued: &'a Issued) -> Element<'a, Message> {
        let mut done = Column::new().spacing(space::S).push(strong("ออกหนังสือและลงทะเบียนแล้ว"));
        for l in &issued.letters {
            done = done.push(body(format!("เลขที่ {} ถึง {}", l.number, l.recipient)));
        }
        for w in &issued.warnings {
            done = done.push(error_text(w.as_str()));
        }
        if let Some(n) = &self.notice {
            done = done.push(muted(n.as_str()));
        }
        done = done.push(secondary_button("บันทึกไฟล์ PDF", Some(Message::Save)));
        done = done.push(match &self.save_error {
            Some(e) => error_text(e.as_str()),
            None => muted(" "),
        });
        let mut out = Column::new()
            .spacing(space::S)
            .push(container(done).padding(space::M).width(Fill).style(boxes::notice));
        if let Some(path) = &self.saved {
            let note = dialogs::where_saved(self.session.dialogs.as_ref(), path);
            let error = self.open_error.as_deref();
            out = out.push(letter_view::saved("บันทึกไฟล์แล้ว", note, Message::OpenFile, error));
        }
        out.into()
    }

    fn view_preview(&self) -> Element<'_, Message> {
        match &self.preview {
            None => muted("กำลังเรียงหนังสือ…").into(),
            Some(Err(e)) => error_banner(e),
            Some(Ok(p)) => {
                let mut all = Column::new().spacing(space::M);
                if p.letters.len() > 1 {
                    all = all.push(muted(format!("{} ฉบับ (ผู้รับคนละฉบับ)", p.letters.len())));
                }
                for l in &p.letters {
                    all = all.push(letter_view::letter(l, self.issued.is_none()));
                }
                all.into()
            }
        }
    }
}
