//! The per-fund statement (DESIGN.md §4, §8): for one source fund and a period, what it is owed,
//! what it received directly and through the tranches of consolidated contracts, and what is
//! still outstanding; on screen, and saved as a PDF where the user chooses.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use iced::widget::{Column, column, container, row};
use iced::{Element, Fill, Task};

use crate::app::dialogs::PDF;
use crate::app::form::{Checker, Errors, Form};
use crate::app::screen::{Action, Session, read};
use crate::app::theme::space;
use crate::app::widget::{
    card, cell, col, error_banner, error_text, field, figure, money, muted, num, page,
    primary_button, secondary_button, section, striped, table_header, table_row, title,
};
use crate::domain::Satang;
use crate::domain::thai::date::{self, format_long, format_numeric};
use crate::store::StoreError;
use crate::store::fund_statement::{self, FundStatement};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    From,
    To,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::From => "fund-statement-from",
            Input::To => "fund-statement-to",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(Input, String),
    Show,
    Loaded(Result<Box<FundStatement>, StoreError>),
    SavePdf,
    PdfPathChosen(Option<PathBuf>),
    PdfSaved(Result<PathBuf, StoreError>),
    Back,
}

pub struct FundStatementScreen {
    session: Session,
    pub fund_id: i64,
    pub form: Form<Input>,
    /// What is on screen; the PDF is made for this statement's period, not for half-typed dates.
    pub statement: Option<FundStatement>,
    pub loading: bool,
    pub saving: bool,
    pub saved: Option<PathBuf>,
    pub error: Option<String>,
    /// Why the PDF could not be written: under "บันทึกเป็น PDF", not at the top (issue 17 §B9).
    pub save_error: Option<String>,
}

impl FundStatementScreen {
    /// Opens on the year so far (1 January to today), the period committees usually ask for.
    pub fn new(session: Session, fund_id: i64) -> (FundStatementScreen, Task<Message>) {
        let today = session.today;
        let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let form =
            Form::with([(Input::From, format_numeric(start)), (Input::To, format_numeric(today))]);
        let mut screen = FundStatementScreen {
            session,
            fund_id,
            form,
            statement: None,
            loading: false,
            saving: false,
            saved: None,
            save_error: None,
            error: None,
        };
        let task = match screen.update(Message::Show) {
            Action::Run(task) => task,
            _ => Task::none(),
        };
        (screen, task)
    }

    /// The period typed, พ.ศ. or ค.ศ.; each bad date gets its Thai message beside its field.
    pub fn parse(&self) -> Result<(NaiveDate, NaiveDate), Errors<Input>> {
        let mut c = Checker::default();
        let from = c.take(Input::From, date::parse(self.form.get(Input::From)));
        let to = c.take(Input::To, date::parse(self.form.get(Input::To)));
        match (from, to) {
            (Some(from), Some(to)) if to < from => {
                c.fail(Input::To, "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น");
                Err(c.errors)
            }
            (Some(from), Some(to)) => Ok((from, to)),
            _ => Err(c.errors),
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                self.form.show(self.parse().err().unwrap_or_default());
                Action::None
            }
            Message::Show => {
                self.form.submit();
                let parsed = self.parse();
                self.form.show(parsed.clone().err().unwrap_or_default());
                let Ok((from, to)) = parsed else { return Action::None };
                self.loading = true;
                let fund = self.fund_id;
                Action::Run(read(
                    &self.session.reader,
                    move |conn| fund_statement::compute(conn, fund, from, to).map(Box::new),
                    Message::Loaded,
                ))
            }
            Message::Loaded(Ok(fs)) => {
                self.loading = false;
                self.error = None;
                self.statement = Some(*fs);
                Action::None
            }
            Message::SavePdf => {
                let Some(fs) = &self.statement else { return Action::None };
                if self.saving {
                    return Action::None;
                }
                self.saving = true;
                self.saved = None;
                self.save_error = None;
                let name = format!(
                    "รายงานกองทุน-{}-{}.pdf",
                    fs.fund_code.trim_end_matches('.'),
                    format_numeric(fs.to).replace('/', "-")
                );
                let asked = self.session.dialogs.save_file("บันทึกรายงานกองทุนเป็น PDF", &name, PDF);
                Action::Run(Task::perform(asked, Message::PdfPathChosen))
            }
            // Cancelled: nothing is written.
            Message::PdfPathChosen(None) => {
                self.saving = false;
                Action::None
            }
            Message::PdfPathChosen(Some(path)) => {
                let Some(fs) = &self.statement else {
                    self.saving = false;
                    return Action::None;
                };
                let (fund, from, to, today) = (fs.fund.id, fs.from, fs.to, self.session.today);
                let path = with_pdf_extension(path);
                Action::Run(read(
                    &self.session.reader,
                    move |conn| {
                        let pdf = crate::document::issue::household::fund_statement(
                            conn, fund, from, to, today,
                        )?;
                        write_whole(&path, &pdf)?;
                        Ok(path)
                    },
                    Message::PdfSaved,
                ))
            }
            Message::PdfSaved(Ok(path)) => {
                self.saving = false;
                self.saved = Some(path);
                Action::None
            }
            Message::PdfSaved(Err(e)) => {
                self.saving = false;
                self.save_error = Some(e.to_string());
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.loading = false;
                self.saving = false;
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Back => Action::Back,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let heading = match &self.statement {
            Some(fs) => format!("รายงานกองทุน {} ({})", fs.fund_name, fs.fund_code),
            None => "รายงานกองทุน".into(),
        };
        let mut content = Column::new().spacing(space::L).push(title(heading));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        content = content.push(self.view_period());
        let Some(fs) = &self.statement else {
            return page(content.push(muted("กำลังคำนวณ…")));
        };
        content =
            content.push(muted(format!("ตั้งแต่ {} ถึง {}", format_long(fs.from), format_long(fs.to))));
        page(content.push(view_figures(fs)).push(view_lines(fs)))
    }

    /// The line under the buttons, kept even when empty so the page does not move.
    fn view_saved(&self) -> Element<'_, Message> {
        match (&self.save_error, &self.saved) {
            (Some(e), _) => error_text(e.as_str()).into(),
            (None, Some(path)) => {
                let note = crate::app::dialogs::where_saved(self.session.dialogs.as_ref(), path);
                muted(note).into()
            }
            (None, None) => muted(" ").into(),
        }
    }

    fn view_period(&self) -> Element<'_, Message> {
        let input = |label: &'static str, input: Input| {
            field(label, input.id(), "วว/ดด/ปปปป", self.form.get(input), move |v| {
                Message::Edit(input, v)
            })
            .error(self.form.error(input))
            .hint("พ.ศ. หรือ ค.ศ. ก็ได้")
            .submit(Message::Show)
        };
        let may_save = self.statement.is_some() && !self.saving && !self.loading;
        card(
            column![
                input("ตั้งแต่วันที่", Input::From),
                input("ถึงวันที่", Input::To),
                row![
                    primary_button("แสดงรายงาน (Enter)", (!self.loading).then_some(Message::Show)),
                    secondary_button("บันทึกเป็น PDF", may_save.then_some(Message::SavePdf)),
                    secondary_button("กลับ (Esc)", Some(Message::Back)),
                ]
                .spacing(space::M),
                self.view_saved(),
            ]
            .spacing(space::M),
        )
    }
}

/// The four figures a committee asks first: owed at the start, received directly, received
/// through consolidated contracts, and outstanding at the end (principal plus carried arrears).
fn view_figures<'a>(fs: &FundStatement) -> Element<'a, Message> {
    let tile = |label: &'static str, amount: Satang, note: &'static str| -> Element<'a, Message> {
        container(card(column![muted(label), figure(amount.to_string()), muted(note)].spacing(0)))
            .width(Fill)
            .into()
    };
    row![
        tile("เงินต้นคงค้างต้นงวด (บาท)", fs.opening_principal, "ยอดที่กองทุนให้กู้อยู่"),
        tile("รับชำระโดยตรง (บาท)", fs.received_direct.total(), "จากสัญญาของกองทุนเอง"),
        tile(
            "รับผ่านสัญญารวมหนี้ (บาท)",
            fs.received_through_tranches.total() + fs.carried_received,
            "ส่วนของกองทุนในงวดที่ครัวเรือนจ่าย",
        ),
        tile("คงค้างปลายงวด (บาท)", fs.closing_principal + fs.closing_carried, "เงินต้นและหนี้ค้างยกมา"),
    ]
    .spacing(space::M)
    .into()
}

fn view_lines<'a>(fs: &FundStatement) -> Element<'a, Message> {
    let cols = [col("รายการ", 8), num("บาท", 3)];
    let mut table = Column::new().push(table_header(&cols));
    for (i, (label, amount)) in fs.lines().into_iter().enumerate() {
        table = table
            .push(striped(i, table_row(&cols, vec![cell(label).into(), money(amount).into()])));
    }
    section("รายละเอียด", vec![], table)
}

/// The user may type a name without ".pdf"; the dialog's filter does not add it everywhere.
fn with_pdf_extension(path: PathBuf) -> PathBuf {
    let is_pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf { path } else { path.with_extension("pdf") }
}

/// Writes beside the target and renames, so a failure never leaves half a PDF under the name
/// the user chose (DESIGN.md §9: nothing half-written remains after an error).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let part = path.with_extension("pdf.part");
    let refused = |e: std::io::Error| {
        let why = crate::app::dialogs::thai_io(&e);
        StoreError::refused(format!("บันทึกไฟล์ {} ไม่ได้: {why}", path.display()))
    };
    std::fs::write(&part, bytes).map_err(refused)?;
    std::fs::rename(&part, path).map_err(|e| {
        let _ = std::fs::remove_file(&part);
        refused(e)
    })?;
    Ok(())
}
