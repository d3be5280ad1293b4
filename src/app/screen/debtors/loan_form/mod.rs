//! The new-loan form: fund (its default terms fill in), principal, rate (at most 15% a year,
//! s.654), method, frequency (yearly too), periods, start; guarantors found by name; collateral;
//! and the schedule as it will be, shown before anything is saved.

use std::fmt;

use iced::widget::scrollable::Viewport;
use iced::widget::{Column, checkbox, container, row};
use iced::{Element, Fill, Length, Task};

use crate::app::form::{Checker, Errors, Form};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    self, Field, ListWindow, beside_scrollbar, body, card, cell, choices, clickable, col,
    error_banner, error_text, fact, field, labelled, link, money, muted, num, page, primary_button,
    secondary_button, section, table_header, table_row, title, virtual_list,
};
use crate::domain::Satang;
use crate::domain::loan::CollateralKind;
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::{self, DayCount, Frequency, Method, Schedule, ScheduleError, Terms};
use crate::domain::thai::date::{self, format_long, format_numeric, format_short};
use crate::store::StoreError;
use crate::store::funds::{self, Fund};
use crate::store::loans::{self, NewCollateral, NewLoan};
use crate::store::persons::{self, Person};
use crate::store::search::{self, SearchHit, SearchResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Fund,
    Principal,
    Rate,
    Periods,
    Start,
    Penalty,
    Purpose,
    GuarantorQuery,
    CollateralDocument,
    CollateralDescription,
    CollateralValue,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::Fund => "loan-fund",
            Input::Principal => "loan-principal",
            Input::Rate => "loan-rate",
            Input::Periods => "loan-periods",
            Input::Start => "loan-start",
            Input::Penalty => "loan-penalty",
            Input::Purpose => "loan-purpose",
            Input::GuarantorQuery => "loan-guarantor-query",
            Input::CollateralDocument => "loan-collateral-document",
            Input::CollateralDescription => "loan-collateral-description",
            Input::CollateralValue => "loan-collateral-value",
        }
    }
}

/// A fund as a pick-list entry.
mod view;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundChoice(pub Fund);

impl fmt::Display for FundChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.0.name, self.0.code)
    }
}

#[derive(Debug, Clone)]
pub struct Loaded {
    pub borrower: Person,
    pub funds: Vec<Fund>,
    /// The institute's rounding default (settings): the box starts ticked when it is on.
    pub round_up: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Loaded>, StoreError>),
    FundSelected(FundChoice),
    MethodSelected(Method),
    FrequencySelected(Frequency),
    DayCountSelected(DayCount),
    RoundUpToggled(bool),
    Edit(Input, String),
    GuarantorHits(u64, Result<SearchResult, StoreError>),
    AddGuarantor(SearchHit),
    RemoveGuarantor(i64),
    CollateralKindSelected(CollateralKind),
    AddCollateral,
    RemoveCollateral(usize),
    PreviewScrolled(Viewport),
    Save,
    Saved(Result<i64, StoreError>),
    Open(Destination),
    Cancel,
}

/// A guarantor chosen for the new contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guarantor {
    pub person_id: i64,
    pub name: String,
    pub detail: String,
}

pub struct LoanForm {
    session: Session,
    pub borrower_id: i64,
    pub borrower: Option<Person>,
    pub funds: Vec<FundChoice>,
    pub fund: Option<FundChoice>,
    pub method: Method,
    pub frequency: Frequency,
    pub day_count: DayCount,
    pub round_up: bool,
    pub form: Form<Input>,
    pub guarantors: Vec<Guarantor>,
    pub guarantor_hits: Vec<SearchHit>,
    guarantor_generation: u64,
    pub guarantor_error: Option<String>,
    pub collateral_kind: CollateralKind,
    pub collateral: Vec<NewCollateral>,
    pub collateral_error: Option<(Input, String)>,
    /// The schedule of the terms as they stand, or why there is none.
    pub preview: Option<Result<Schedule, String>>,
    pub preview_window: ListWindow,
    pub saving: bool,
    pub error: Option<String>,
}

const PREVIEW_ID: &str = "loan-form-preview";
const PREVIEW_ROWS: usize = 8;
/// Guarantor candidates shown under the search box.
const GUARANTOR_HITS: usize = 6;
/// More periods than this is a typing slip (50 years of monthly installments).
const MAX_PERIODS: u32 = 600;

impl LoanForm {
    pub fn new(session: Session, borrower_id: i64) -> (LoanForm, Task<Message>) {
        let load = read(
            &session.store,
            move |conn| {
                Ok(Box::new(Loaded {
                    borrower: persons::get(conn, borrower_id)?,
                    funds: funds::list(conn)?,
                    round_up: crate::store::settings::round_up_baht(conn)?,
                }))
            },
            Message::Loaded,
        );
        let form = Form::with([
            (Input::Start, format_numeric(session.today)),
            (Input::Penalty, "5".to_string()),
        ]);
        let screen = LoanForm {
            session,
            borrower_id,
            borrower: None,
            funds: Vec::new(),
            fund: None,
            method: Method::Annuity,
            frequency: Frequency::Monthly,
            day_count: DayCount::Period,
            round_up: false,
            form,
            guarantors: Vec::new(),
            guarantor_hits: Vec::new(),
            guarantor_generation: 0,
            guarantor_error: None,
            collateral_kind: CollateralKind::LandTitle,
            collateral: Vec::new(),
            collateral_error: None,
            preview: None,
            preview_window: ListWindow::default(),
            saving: false,
            error: None,
        };
        (screen, load)
    }

    /// The terms as typed, each field checked.
    pub fn parse_terms(&self) -> Result<(Terms, AnnualRate), Errors<Input>> {
        let f = &self.form;
        let mut c = Checker::default();
        if self.fund.is_none() {
            c.fail(Input::Fund, "กรุณาเลือกกองทุน");
        }
        let principal = c.take(Input::Principal, Satang::parse_positive(f.get(Input::Principal)));
        let rate = c.take(Input::Rate, AnnualRate::parse(f.get(Input::Rate)));
        let periods = c.take(Input::Periods, parse_periods(f.get(Input::Periods)));
        let start = c.take(Input::Start, date::parse(f.get(Input::Start)));
        let penalty = c.take(Input::Penalty, AnnualRate::parse(f.get(Input::Penalty)));
        match (principal, rate, periods, start, penalty, c.is_ok()) {
            (Some(principal), Some(rate), Some(periods), Some(start), Some(penalty), true) => Ok((
                Terms {
                    principal,
                    rate,
                    method: self.method,
                    frequency: self.frequency,
                    periods,
                    start,
                    day_count: self.day_count,
                    round_up_baht: self.round_up,
                },
                penalty,
            )),
            _ => Err(c.errors),
        }
    }

    /// The whole contract, or every reason it cannot be saved yet.
    pub fn parse(&self) -> Result<NewLoan, Errors<Input>> {
        let (terms, penalty) = self.parse_terms()?;
        let mut errors = Errors::new();
        if let Err(e) = schedule::build(&terms) {
            errors.insert(schedule_error_field(&e), e.to_string());
            return Err(errors);
        }
        let Some(fund) = &self.fund else {
            errors.insert(Input::Fund, "กรุณาเลือกกองทุน".into());
            return Err(errors);
        };
        Ok(NewLoan {
            contract_no: None,
            fund_id: fund.0.id,
            borrower_id: self.borrower_id,
            terms,
            penalty_rate: penalty,
            purpose: self.form.get(Input::Purpose).trim().to_string(),
            co_borrowers: Vec::new(),
            guarantors: self.guarantors.iter().map(|g| g.person_id).collect(),
            collateral: self.collateral.clone(),
        })
    }

    /// Re-checks the fields and rebuilds the schedule preview (pure and quick: no task needed).
    fn recheck(&mut self) {
        match self.parse_terms() {
            Ok((terms, _)) => {
                let built = schedule::build(&terms);
                let mut errors = Errors::new();
                if let Err(e) = &built {
                    errors.insert(schedule_error_field(e), e.to_string());
                }
                self.form.show(errors);
                self.preview = Some(built.map_err(|e| e.to_string()));
            }
            Err(errors) => {
                self.form.show(errors);
                self.preview = None;
            }
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(loaded)) => {
                self.funds =
                    loaded.funds.into_iter().filter(|f| f.active).map(FundChoice).collect();
                self.borrower = Some(loaded.borrower);
                self.round_up = loaded.round_up;
                if self.funds.len() == 1 {
                    let only = self.funds[0].clone();
                    return self.update(Message::FundSelected(only));
                }
                Action::Run(iced::widget::operation::focus(Input::Principal.id()))
            }
            Message::FundSelected(choice) => {
                let f = &choice.0;
                self.form.preset(Input::Rate, f.default_rate.percent().normalize().to_string());
                self.form.preset(Input::Periods, f.default_periods.to_string());
                self.form.preset(Input::Penalty, f.penalty_rate.percent().normalize().to_string());
                self.method = f.default_method;
                self.frequency = f.default_frequency;
                self.fund = Some(choice);
                self.recheck();
                Action::Run(iced::widget::operation::focus(Input::Principal.id()))
            }
            Message::MethodSelected(m) => {
                self.method = m;
                self.recheck();
                Action::None
            }
            Message::FrequencySelected(f) => {
                self.frequency = f;
                self.recheck();
                Action::None
            }
            Message::DayCountSelected(d) => {
                self.day_count = d;
                self.recheck();
                Action::None
            }
            Message::RoundUpToggled(on) => {
                self.round_up = on;
                self.recheck();
                Action::None
            }
            Message::Edit(Input::GuarantorQuery, query) => {
                self.form.preset(Input::GuarantorQuery, query.clone());
                self.guarantor_generation += 1;
                self.guarantor_error = None;
                if query.trim().is_empty() {
                    self.guarantor_hits.clear();
                    return Action::None;
                }
                let generation = self.guarantor_generation;
                Action::Run(read(
                    &self.session.store,
                    move |conn| search::search(conn, &query, GUARANTOR_HITS),
                    move |r| Message::GuarantorHits(generation, r),
                ))
            }
            Message::Edit(
                input @ (Input::CollateralDocument
                | Input::CollateralDescription
                | Input::CollateralValue),
                value,
            ) => {
                self.form.preset(input, value);
                self.collateral_error = None;
                Action::None
            }
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                self.recheck();
                Action::None
            }
            Message::GuarantorHits(generation, result) => {
                if generation == self.guarantor_generation {
                    match result {
                        Ok(r) => self.guarantor_hits = r.hits,
                        Err(e) => self.guarantor_error = Some(e.to_string()),
                    }
                }
                Action::None
            }
            Message::AddGuarantor(hit) => {
                if hit.person_id == self.borrower_id {
                    self.guarantor_error = Some("ผู้กู้ค้ำประกันตนเองไม่ได้".into());
                } else if self.guarantors.iter().any(|g| g.person_id == hit.person_id) {
                    self.guarantor_error = Some(format!("{} เป็นผู้ค้ำประกันอยู่แล้ว", hit.name));
                } else {
                    self.guarantors.push(Guarantor {
                        person_id: hit.person_id,
                        name: hit.name.clone(),
                        detail: format!("{} ม.{}", hit.house_no, hit.village_no),
                    });
                    self.guarantor_hits.clear();
                    self.form.preset(Input::GuarantorQuery, String::new());
                    self.guarantor_error = None;
                }
                Action::None
            }
            Message::RemoveGuarantor(person_id) => {
                self.guarantors.retain(|g| g.person_id != person_id);
                Action::None
            }
            Message::CollateralKindSelected(kind) => {
                self.collateral_kind = kind;
                Action::None
            }
            Message::AddCollateral => {
                let value = match self.form.get(Input::CollateralValue).trim() {
                    "" => Ok(Satang::ZERO),
                    typed => Satang::parse(typed),
                };
                let document = self.form.get(Input::CollateralDocument).trim().to_string();
                let description = self.form.get(Input::CollateralDescription).trim().to_string();
                match value {
                    Err(e) => self.collateral_error = Some((Input::CollateralValue, e.to_string())),
                    Ok(_) if document.is_empty() && description.is_empty() => {
                        self.collateral_error = Some((
                            Input::CollateralDocument,
                            "กรุณากรอกเลขที่เอกสารหรือรายละเอียดของหลักประกัน".into(),
                        ))
                    }
                    Ok(value) => {
                        self.collateral.push(NewCollateral {
                            kind: self.collateral_kind,
                            document_no: document,
                            description,
                            value,
                        });
                        for input in [
                            Input::CollateralDocument,
                            Input::CollateralDescription,
                            Input::CollateralValue,
                        ] {
                            self.form.preset(input, String::new());
                        }
                        self.collateral_error = None;
                    }
                }
                Action::None
            }
            Message::RemoveCollateral(index) => {
                if index < self.collateral.len() {
                    self.collateral.remove(index);
                }
                Action::None
            }
            Message::PreviewScrolled(viewport) => {
                self.preview_window = ListWindow::from_viewport(viewport);
                Action::None
            }
            Message::Save => {
                if self.saving {
                    return Action::None;
                }
                self.form.submit();
                self.recheck();
                let loan = match self.parse() {
                    Ok(loan) => loan,
                    Err(errors) => {
                        self.form.show(errors);
                        return Action::None;
                    }
                };
                self.saving = true;
                self.error = None;
                let actor = self.session.actor();
                Action::Run(write(
                    &self.session.store,
                    move |tx| loans::create(tx, &actor, &loan),
                    Message::Saved,
                ))
            }
            Message::Saved(Ok(id)) => {
                self.saving = false;
                Action::Replace(Destination::Loan(id))
            }
            Message::Saved(Err(e)) => {
                self.saving = false;
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Open(d) => Action::Open(d),
            Message::Cancel => Action::Back,
        }
    }
}

fn parse_periods(input: &str) -> Result<u32, String> {
    let text = crate::domain::thai::digits::to_ascii_digits(input.trim());
    match text.parse::<u32>() {
        Ok(n) if (1..=MAX_PERIODS).contains(&n) => Ok(n),
        _ => Err(format!("จำนวนงวดต้องเป็นตัวเลข 1–{MAX_PERIODS}")),
    }
}

fn schedule_error_field(e: &ScheduleError) -> Input {
    match e {
        ScheduleError::ZeroPrincipal => Input::Principal,
        _ => Input::Periods,
    }
}
