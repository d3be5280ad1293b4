//! รายงานและกราฟ: pick a report and its day (and the period's first day, or the grouping, where
//! the report has one), see it with its chart, and save what is on screen as PDF, .xlsx or CSV.
//! The figures come from `store::report::tables`, the same door as `plodnee report`; they are
//! computed off the UI thread and the user can cancel while they are.

mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use iced::Task;
use iced::task::Handle;

use crate::app::dialogs::{Filter, PDF};
use crate::app::form::{Checker, Errors, Form};
use crate::app::screen::{Action, Session};
use crate::domain::report::GroupBy;
use crate::domain::report::kind::{ReportKind, year_start};
use crate::domain::report::table::Table;
use crate::domain::thai::date::{self, format_numeric};
use crate::store::StoreError;
use crate::store::report::{self as reports, Request};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    AsOf,
    From,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::AsOf => "report-as-of",
            Input::From => "report-from",
        }
    }
}

/// The file a report is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Xlsx,
    Csv,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Xlsx, Format::Csv];

    pub fn label(self) -> &'static str {
        match self {
            Format::Pdf => "บันทึกเป็น PDF",
            Format::Xlsx => "บันทึกเป็น Excel",
            Format::Csv => "บันทึกเป็น CSV",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    fn filter(self) -> Filter {
        match self {
            Format::Pdf => PDF,
            Format::Xlsx => {
                Filter { name: "สมุดงาน Excel (.xlsx)", extensions: &["xlsx"] }
            }
            Format::Csv => Filter { name: "ไฟล์ CSV (.csv)", extensions: &["csv"] },
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    KindChosen(ReportKind),
    GroupChosen(GroupBy),
    Edit(Input, String),
    Show,
    Cancel,
    Computed(Request, Result<Arc<Vec<Table>>, StoreError>),
    Save(Format),
    PathChosen(Format, Option<PathBuf>),
    Saved(Result<PathBuf, String>),
    Open,
    Back,
}

/// A computation under way: what was asked, and the handle that cancels it (dropping it too).
pub struct Running {
    pub request: Request,
    _handle: iced::task::Handle,
}

pub struct ReportScreen {
    session: Session,
    pub kind: ReportKind,
    pub by: GroupBy,
    pub form: Form<Input>,
    pub running: Option<Running>,
    /// What is on screen and what it was computed for: saving writes exactly this.
    pub shown: Option<(Request, Arc<Vec<Table>>)>,
    pub saving: Option<Format>,
    pub saved: Option<PathBuf>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

impl ReportScreen {
    /// Opens on the aging report as of today, computed at once.
    pub fn new(session: Session) -> (ReportScreen, Task<Message>) {
        let today = session.today;
        let form = Form::with([
            (Input::AsOf, format_numeric(today)),
            (Input::From, format_numeric(year_start(today))),
        ]);
        let mut screen = ReportScreen {
            session,
            kind: ReportKind::default(),
            by: GroupBy::default(),
            form,
            running: None,
            shown: None,
            saving: None,
            saved: None,
            notice: None,
            error: None,
        };
        let task = match screen.update(Message::Show) {
            Action::Run(task) => task,
            _ => Task::none(),
        };
        (screen, task)
    }

    /// The request the fields describe; each bad date gets its Thai message beside its field.
    pub fn parse(&self) -> Result<Request, Errors<Input>> {
        let mut c = Checker::default();
        let as_of = c.take(Input::AsOf, date::parse(self.form.get(Input::AsOf)));
        let from: Option<NaiveDate> = if self.kind.has_period() {
            c.take(Input::From, date::parse(self.form.get(Input::From)))
        } else {
            as_of.map(year_start)
        };
        match (as_of, from) {
            (Some(as_of), _) if as_of > self.session.today => {
                c.fail(Input::AsOf, "วันที่รายงานต้องไม่หลังวันนี้");
                Err(c.errors)
            }
            (Some(as_of), Some(from)) if from > as_of => {
                c.fail(Input::From, "วันเริ่มต้นต้องไม่หลังวันที่รายงาน");
                Err(c.errors)
            }
            (Some(as_of), Some(from)) => Ok(Request { kind: self.kind, as_of, from, by: self.by }),
            _ => Err(c.errors),
        }
    }

    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    fn start(&mut self) -> Action<Message> {
        self.form.submit();
        let parsed = self.parse();
        self.form.show(parsed.clone().err().unwrap_or_default());
        let Ok(request) = parsed else { return Action::None };
        let reader = self.session.reader.clone();
        let work = async move {
            reader.run(move |conn| reports::tables(conn, &request).map(Arc::new)).await
        };
        let (task, handle): (Task<Message>, Handle) =
            Task::perform(work, move |r| Message::Computed(request, r)).abortable();
        // A newer request replaces the one running: dropping its handle aborts it.
        self.running = Some(Running { request, _handle: handle.abort_on_drop() });
        self.error = None;
        self.notice = None;
        Action::Run(task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::KindChosen(kind) => {
                self.kind = kind;
                self.saved = None;
                return self.start();
            }
            Message::GroupChosen(by) => {
                self.by = by;
                return self.start();
            }
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                self.form.show(self.parse().err().unwrap_or_default());
            }
            Message::Show => return self.start(),
            Message::Cancel => {
                if self.running.take().is_some() {
                    self.notice = Some("ยกเลิกการคำนวณแล้ว".into());
                }
            }
            Message::Computed(request, result) => {
                // A result for a request since replaced or cancelled is not shown.
                if self.running.as_ref().map(|r| r.request) != Some(request) {
                    return Action::None;
                }
                self.running = None;
                match result {
                    Ok(tables) => self.shown = Some((request, tables)),
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            Message::Save(format) => {
                let Some((request, _)) = &self.shown else { return Action::None };
                if self.saving.is_some() {
                    return Action::None;
                }
                self.saving = Some(format);
                self.saved = None;
                let name =
                    format!("{}.{}", request.kind.file_stem(request.as_of), format.extension());
                let asked = self.session.dialogs.save_file(format.label(), &name, format.filter());
                return Action::Run(Task::perform(asked, move |p| Message::PathChosen(format, p)));
            }
            // Cancelled: nothing is written.
            Message::PathChosen(_, None) => self.saving = None,
            Message::PathChosen(format, Some(path)) => {
                let Some((_, tables)) = &self.shown else {
                    self.saving = None;
                    return Action::None;
                };
                let path = with_extension(path, format);
                let (tables, store, today) =
                    (tables.clone(), self.session.reader.clone(), self.session.today);
                let job = async move {
                    tokio::task::spawn_blocking(move || {
                        let institute = store
                            .with(|c| crate::store::institute::get(c))
                            .map_err(|e| e.to_string())?
                            .map(|i| i.name)
                            .unwrap_or_default();
                        let bytes = bytes(format, &institute, &tables, today)?;
                        write_whole(&path, &bytes)?;
                        Ok(path)
                    })
                    .await
                    .unwrap_or_else(|e| Err(format!("งานเบื้องหลังหยุดทำงาน: {e}")))
                };
                return Action::Run(Task::perform(job, Message::Saved));
            }
            Message::Saved(Ok(path)) => {
                self.saving = None;
                self.saved = Some(path);
            }
            Message::Saved(Err(e)) => {
                self.saving = None;
                self.error = Some(e);
            }
            Message::Open => {
                if let Some(path) = &self.saved
                    && let Err(e) = self.session.dialogs.open(path)
                {
                    self.error = Some(e);
                }
            }
            Message::Back => return Action::Back,
        }
        Action::None
    }
}

/// The file's bytes: every table of the report in the PDF and the workbook (a sheet each); the
/// CSV holds the first, the report's main table.
pub fn bytes(
    format: Format,
    institute: &str,
    tables: &[Table],
    printed_on: NaiveDate,
) -> Result<Vec<u8>, String> {
    let refs: Vec<&Table> = tables.iter().collect();
    match format {
        Format::Pdf => crate::document::report::write(institute, &refs, printed_on)
            .map_err(|e| format!("สร้าง PDF ไม่ได้: {e}")),
        Format::Xlsx => crate::document::export::xlsx::write(&refs).map_err(|e| e.to_string()),
        Format::Csv => match refs.first() {
            Some(t) => crate::document::export::csv::write(t).map_err(|e| e.to_string()),
            None => Err("ไม่มีตารางให้บันทึก".into()),
        },
    }
}

/// The user may type a name without its extension; the dialog's filter does not add it
/// everywhere.
fn with_extension(path: PathBuf, format: Format) -> PathBuf {
    let ok = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(format.extension()));
    if ok { path } else { path.with_extension(format.extension()) }
}

/// Writes beside the target and renames, so a failure never leaves half a file under the name
/// the user chose (DESIGN.md §9).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let part = path.with_extension("part");
    let fail = |e: std::io::Error| format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display());
    std::fs::write(&part, bytes).map_err(fail)?;
    std::fs::rename(&part, path).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        fail(e)
    })
}
