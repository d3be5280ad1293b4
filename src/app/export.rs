//! "ส่งออก Excel" from any list screen: the screen hands over its visible columns as a report
//! table (`domain::report::list`), this asks where to save (a name ending .csv gives CSV, any
//! other .xlsx), writes the file off the UI thread and says where it went, with a button to open
//! it. One save task for every screen, so no screen holds export code beyond its columns.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced::widget::{column, container, row};
use iced::{Element, Fill, Task};

use super::dialogs::{FileDialogs, Filter, safe_file_name};
use super::theme::{boxes, space};
use super::widget::{body, error_banner, secondary_button, subtitle};
use crate::document::export;
use crate::document::export::files::Format;
use crate::domain::report::table::Table;

/// The save dialog's filter: Excel first, CSV for those who type `.csv`.
pub const SPREADSHEET: Filter = Filter {
    name: "สมุดงาน Excel (.xlsx) หรือ CSV (.csv)",
    extensions: &["xlsx", "csv"],
};

/// The button every list screen shows.
pub const LABEL: &str = "ส่งออก Excel";

#[derive(Debug, Clone)]
pub enum Message {
    To(Arc<Table>, Option<PathBuf>),
    Saved(Result<(PathBuf, usize), String>),
    Open,
    Dismiss,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Busy,
    /// `note` says where the file went, and why there when no dialog could open.
    Saved {
        path: PathBuf,
        rows: usize,
        note: String,
    },
    NotSaved,
    Failed(String),
}

#[derive(Debug, Default)]
pub struct Exporter {
    pub status: Option<Status>,
}

/// The file name offered: the list's title and what narrows it, e.g. `ทะเบียนหนังสือส่ง.xlsx`.
pub fn suggested_name(table: &Table) -> String {
    format!("{}.xlsx", safe_file_name(&table.title))
}

/// The bytes for `path`: CSV (UTF-8 with BOM) when it ends `.csv`, otherwise an .xlsx workbook.
pub fn bytes_for(path: &Path, table: &Table) -> Result<Vec<u8>, export::ExportError> {
    let csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv { export::csv::write(table) } else { export::xlsx::write(&[table]) }
}

/// Writes the table off the UI thread (a workbook of 200,000 rows takes seconds).
pub async fn save(table: Arc<Table>, path: PathBuf) -> Result<(PathBuf, usize), String> {
    let job = tokio::task::spawn_blocking(move || {
        let bytes = bytes_for(&path, &table).map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes).map_err(|e| {
            format!("บันทึกไฟล์ {} ไม่ได้: {}", path.display(), super::dialogs::thai_io(&e))
        })?;
        Ok((path, table.rows.len()))
    });
    job.await.unwrap_or_else(|e| Err(format!("งานเบื้องหลังหยุดทำงาน: {e}")))
}

/// The save dialog's filter for one report file format.
pub fn filter(format: Format) -> Filter {
    match format {
        Format::Pdf => super::dialogs::PDF,
        Format::Xlsx => {
            Filter { name: "สมุดงาน Excel (.xlsx)", extensions: &["xlsx"] }
        }
        Format::Csv => Filter { name: "ไฟล์ CSV (.csv)", extensions: &["csv"] },
    }
}

/// Writes a report's tables as `format` off the UI thread, with the same writer the CLI uses
/// (`document::export::files`).
pub async fn save_report(
    format: Format,
    institute: String,
    tables: Arc<Vec<Table>>,
    today: chrono::NaiveDate,
    path: PathBuf,
) -> Result<PathBuf, String> {
    let job = tokio::task::spawn_blocking(move || {
        let refs: Vec<&Table> = tables.iter().collect();
        let bytes =
            export::files::render(format, &institute, &refs, today).map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes)
            .map_err(|e| format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display()))?;
        Ok(path)
    });
    job.await.unwrap_or_else(|e| Err(format!("งานเบื้องหลังหยุดทำงาน: {e}")))
}

impl Exporter {
    pub fn busy(&self) -> bool {
        matches!(self.status, Some(Status::Busy))
    }

    /// Asks where `table` goes; nothing is written until a path is chosen.
    pub fn start(&mut self, dialogs: &Arc<dyn FileDialogs>, table: Table) -> Task<Message> {
        if self.busy() {
            return Task::none();
        }
        self.status = Some(Status::Busy);
        let pending =
            dialogs.save_file("บันทึกรายการเป็นไฟล์ Excel", &suggested_name(&table), SPREADSHEET);
        let table = Arc::new(table);
        Task::perform(pending, move |path| Message::To(table.clone(), path))
    }

    pub fn update(&mut self, message: Message, dialogs: &dyn FileDialogs) -> Task<Message> {
        match message {
            Message::To(_, None) => self.status = Some(Status::NotSaved),
            Message::To(table, Some(path)) => {
                return Task::perform(save(table, path), Message::Saved);
            }
            Message::Saved(Ok((path, rows))) => {
                let note = super::dialogs::where_saved(dialogs, &path);
                self.status = Some(Status::Saved { path, rows, note });
            }
            Message::Saved(Err(e)) => self.status = Some(Status::Failed(e)),
            Message::Open => {
                if let Some(Status::Saved { path, .. }) = &self.status
                    && let Err(e) = dialogs.open(path)
                {
                    self.status = Some(Status::Failed(e));
                }
            }
            Message::Dismiss => self.status = None,
        }
        Task::none()
    }

    /// The line under the button: busy, where the file went, or why not.
    pub fn view(&self) -> Option<Element<'_, Message>> {
        let content: Element<'_, Message> = match self.status.as_ref()? {
            Status::Busy => body("กำลังส่งออก…").into(),
            Status::NotSaved => body("ยกเลิกการส่งออก ไม่ได้บันทึกไฟล์").into(),
            Status::Failed(e) => error_banner(e.as_str()),
            Status::Saved { rows, note, .. } => column![
                subtitle(format!(
                    "ส่งออกแล้ว {} แถว",
                    crate::app::screen::home::thousands(*rows as i64)
                )),
                body(note.as_str()).wrapping(iced::widget::text::Wrapping::WordOrGlyph),
                secondary_button("เปิดไฟล์", Some(Message::Open)),
            ]
            .spacing(space::S)
            .into(),
        };
        let close = secondary_button("ปิด", Some(Message::Dismiss));
        Some(
            container(row![container(content).width(Fill), close].spacing(space::M))
                .padding(space::M)
                .width(Fill)
                .style(boxes::card)
                .into(),
        )
    }
}
