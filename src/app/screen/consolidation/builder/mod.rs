//! รวมหนี้ครัวเรือน (DESIGN.md §4): a household's open loans with their snapshot, the committee's
//! waiver per loan, the rate policy, capacity or term, and a live preview of the new contract with
//! the per-fund reconciliation; "บันทึกร่าง" saves a draft for a treasurer to approve. The view is in
//! `view`.

mod view;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use iced::{Element, Task};

use crate::app::form::{Checker, Form};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::domain::Satang;
use crate::domain::consolidation::{
    self, Consolidation, ConsolidationError, Proposal, RatePolicy, SourceLoan, TermChoice, Waiver,
};
use crate::domain::loan::PartyRole;
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::{DayCount, Frequency, Method};
use crate::domain::thai::date::{self, format_numeric};
use crate::store::consolidations::{self, Settings};
use crate::store::households::{self, Household};
use crate::store::{Result, StoreError, loans, persons};

/// The fields that take typed text; each loan's waiver is keyed by its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    AsOf,
    Rate,
    Term,
    Waiver(usize),
}

/// Widget ids of the waiver fields (ids must be `'static`; households rarely have more loans).
const WAIVER_IDS: [&str; 12] = [
    "waiver-0",
    "waiver-1",
    "waiver-2",
    "waiver-3",
    "waiver-4",
    "waiver-5",
    "waiver-6",
    "waiver-7",
    "waiver-8",
    "waiver-9",
    "waiver-10",
    "waiver-11",
];

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::AsOf => "consolidate-as-of",
            Input::Rate => "consolidate-rate",
            Input::Term => "consolidate-term",
            Input::Waiver(i) => WAIVER_IDS.get(i).copied().unwrap_or("waiver-more"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Unified,
    Weighted,
    Tranches,
}

impl Policy {
    pub const ALL: &[Policy] = &[Policy::Unified, Policy::Weighted, Policy::Tranches];
}

impl std::fmt::Display for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Policy::Unified => "อัตราเดียว",
            Policy::Weighted => "ถัวเฉลี่ยตามเงินต้น",
            Policy::Tranches => "คงอัตราของแต่ละกองทุน",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Capacity,
    Periods,
}

impl TermKind {
    pub const ALL: &[TermKind] = &[TermKind::Capacity, TermKind::Periods];
}

impl std::fmt::Display for TermKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TermKind::Capacity => "ตามความสามารถชำระต่องวด",
            TermKind::Periods => "ตามจำนวนงวด",
        })
    }
}

/// The household's loans as of a date, read once; every edit previews against it in memory.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub household: Household,
    pub as_of: NaiveDate,
    pub loans: Vec<SourceLoan>,
    /// Living members who may be the borrower of record: (id, name).
    pub members: Vec<(i64, String)>,
    /// The guarantors of the loans being merged, offered for the new contract: (id, name).
    pub guarantors: Vec<(i64, String)>,
    /// A proposal already waiting on one of the loans (one at a time, issue 17 §B7).
    pub pending: Option<String>,
    /// The institute's rounding default for new schedules (settings, issue 17 §D17).
    pub round_up_baht: bool,
}

fn load(conn: &rusqlite::Connection, household_id: i64, as_of: NaiveDate) -> Result<Snapshot> {
    let loans = consolidations::snapshot(conn, household_id, as_of, &[])?;
    let members = persons::of_household(conn, household_id)?
        .into_iter()
        .filter(|p| !p.deceased)
        .map(|p| (p.id, p.full_name()))
        .collect::<Vec<_>>();
    let mut guarantors: Vec<(i64, String)> = Vec::new();
    for l in &loans {
        for p in loans::parties(conn, l.loan_id)? {
            let outside = !members.iter().any(|(id, _)| *id == p.person_id);
            if p.role == PartyRole::Guarantor
                && outside
                && !guarantors.iter().any(|(id, _)| *id == p.person_id)
            {
                guarantors.push((p.person_id, p.name));
            }
        }
    }
    let ids: Vec<i64> = loans.iter().map(|l| l.loan_id).collect();
    Ok(Snapshot {
        household: households::get(conn, household_id)?,
        as_of,
        pending: crate::store::rejections::pending_on(conn, &ids)?,
        round_up_baht: crate::store::settings::round_up_baht(conn)?,
        loans,
        members,
        guarantors,
    })
}

/// What the inputs parse to: the rate policy, the term and the waivers by loan id.
type Choices = (RatePolicy, TermChoice, BTreeMap<i64, Waiver>);

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Snapshot>, StoreError>),
    Edit(Input, String),
    PolicyChosen(Policy),
    TermChosen(TermKind),
    MethodChosen(Method),
    FrequencyChosen(Frequency),
    WaivePenalties,
    BorrowerChosen(i64),
    /// Written consent to capitalise interest overdue a year or more (s.655) is on file.
    CapitaliseToggled(bool),
    GuarantorToggled(i64, bool),
    Save,
    Saved(Result<i64, StoreError>),
    Open(Destination),
}

pub struct Consolidate {
    pub(super) session: Session,
    pub household_id: i64,
    pub form: Form<Input>,
    pub policy: Policy,
    pub term: TermKind,
    pub method: Method,
    pub frequency: Frequency,
    pub snapshot: Option<Snapshot>,
    /// The borrower of record of the new contract (the head of household unless chosen).
    pub borrower: Option<i64>,
    /// The old loans' guarantors who will guarantee the new contract (all unless unticked); each
    /// gives fresh consent at approval (s.700).
    pub guarantors: std::collections::BTreeSet<i64>,
    /// Interest overdue a year or more goes into the principal (only with written consent,
    /// s.655); otherwise it stays a separate interest-free carried-arrears part.
    pub capitalise: bool,
    /// The new contract as the inputs stand; None while any input is refused.
    pub preview: Option<Consolidation>,
    /// A refusal that belongs to no single field (e.g. a term beyond the legal maximum).
    pub problem: Option<String>,
    pub saved: Option<i64>,
    pub busy: bool,
    pub error: Option<String>,
}

impl Consolidate {
    pub fn new(session: Session, household_id: i64) -> (Consolidate, Task<Message>) {
        let today = session.today;
        let task = read(
            &session.store,
            move |conn| load(conn, household_id, today).map(Box::new),
            Message::Loaded,
        );
        let form = Form::with([
            (Input::AsOf, format_numeric(today)),
            (Input::Rate, "6".to_string()),
            (Input::Term, "36".to_string()),
        ]);
        let screen = Consolidate {
            session,
            household_id,
            form,
            policy: Policy::Tranches,
            term: TermKind::Periods,
            method: Method::Annuity,
            frequency: Frequency::Monthly,
            snapshot: None,
            borrower: None,
            guarantors: Default::default(),
            capitalise: false,
            preview: None,
            problem: None,
            saved: None,
            busy: false,
            error: None,
        };
        (screen, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(snapshot)) => {
                if self.snapshot.is_none() {
                    self.borrower = snapshot
                        .household
                        .head_person_id
                        .or_else(|| snapshot.loans.first().map(|l| l.borrower_id));
                    self.guarantors = snapshot.guarantors.iter().map(|(id, _)| *id).collect();
                }
                self.snapshot = Some(*snapshot);
                self.error = None;
                self.recompute();
            }
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                self.saved = None;
                if input == Input::AsOf
                    && let Ok(d) = date::parse(self.form.get(Input::AsOf))
                    && self.snapshot.as_ref().is_some_and(|s| s.as_of != d)
                {
                    // Another date means another snapshot (interest runs daily).
                    let id = self.household_id;
                    return Action::Run(read(
                        &self.session.store,
                        move |conn| load(conn, id, d).map(Box::new),
                        Message::Loaded,
                    ));
                }
                self.recompute();
            }
            Message::BorrowerChosen(id) => {
                self.borrower = Some(id);
                self.saved = None;
            }
            Message::CapitaliseToggled(on) => {
                self.capitalise = on;
                self.saved = None;
                self.recompute();
            }
            Message::GuarantorToggled(id, on) => {
                if on {
                    self.guarantors.insert(id);
                } else {
                    self.guarantors.remove(&id);
                }
                self.saved = None;
            }
            Message::PolicyChosen(p) => {
                self.policy = p;
                self.recompute();
            }
            Message::TermChosen(t) => {
                self.term = t;
                self.recompute();
            }
            Message::MethodChosen(m) => {
                self.method = m;
                self.recompute();
            }
            Message::FrequencyChosen(f) => {
                self.frequency = f;
                self.recompute();
            }
            Message::WaivePenalties => {
                if let Some(s) = &self.snapshot {
                    let amounts: Vec<Satang> =
                        s.loans.iter().map(|l| Waiver::penalties_of(l).total()).collect();
                    for (i, a) in amounts.into_iter().enumerate() {
                        self.form.edit(Input::Waiver(i), a.to_plain());
                    }
                }
                self.recompute();
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(id)) => {
                self.busy = false;
                self.saved = Some(id);
                self.error = None;
            }
            Message::Open(d) => return Action::Open(d),
            Message::Loaded(Err(e)) | Message::Saved(Err(e)) => {
                self.busy = false;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    fn save(&mut self) -> Action<Message> {
        self.form.submit();
        self.recompute();
        let (Some(settings), Some(_)) = (self.settings(), &self.preview) else {
            return Action::None;
        };
        if self.busy || self.snapshot.as_ref().is_some_and(|s| s.pending.is_some()) {
            return Action::None;
        }
        self.busy = true;
        let (actor, id) = (self.session.actor(), self.household_id);
        Action::Run(write(
            &self.session.store,
            move |tx| consolidations::prepare(tx, &actor, id, &settings),
            Message::Saved,
        ))
    }

    /// Parses every input; the errors go beside their fields.
    fn parse(&self) -> (Checker<Input>, Option<Choices>) {
        let mut c = Checker::default();
        let _ = c.take(Input::AsOf, date::parse(self.form.get(Input::AsOf)));
        let policy = match self.policy {
            Policy::Unified => c
                .take(Input::Rate, AnnualRate::parse(self.form.get(Input::Rate)))
                .map(|rate| RatePolicy::Unified { rate }),
            Policy::Weighted => Some(RatePolicy::Weighted),
            Policy::Tranches => Some(RatePolicy::Tranches),
        };
        let term = match self.term {
            TermKind::Capacity => c
                .take(Input::Term, Satang::parse_positive(self.form.get(Input::Term)))
                .map(TermChoice::Capacity),
            TermKind::Periods => c
                .take(Input::Term, parse_periods(self.form.get(Input::Term)))
                .map(TermChoice::Periods),
        };
        let mut waivers = BTreeMap::new();
        for (i, loan) in self.snapshot.iter().flat_map(|s| s.loans.iter()).enumerate() {
            let text = self.form.get(Input::Waiver(i));
            if text.trim().is_empty() {
                continue;
            }
            if let Some(amount) = c.take(Input::Waiver(i), Satang::parse(text)) {
                match waiver_of(loan, amount) {
                    Ok(w) => {
                        waivers.insert(loan.loan_id, w);
                    }
                    Err(e) => c.fail(Input::Waiver(i), e),
                }
            }
        }
        let parsed = match (policy, term) {
            (Some(p), Some(t)) if c.is_ok() => Some((p, t, waivers)),
            _ => None,
        };
        (c, parsed)
    }

    fn settings(&self) -> Option<Settings> {
        let s = self.snapshot.as_ref()?;
        let (_, Some((policy, term, waivers))) = self.parse() else { return None };
        let borrower_id = self.borrower.unwrap_or_default();
        Some(Settings {
            as_of: s.as_of,
            loan_ids: s.loans.iter().map(|l| l.loan_id).collect(),
            waivers,
            capitalise_consent_on: self.capitalise.then_some(s.as_of),
            policy,
            term,
            method: self.method,
            frequency: self.frequency,
            round_up_baht: s.round_up_baht,
            borrower_id,
            guarantors: self.guarantors.iter().copied().collect(),
        })
    }

    /// Rebuilds the preview from the snapshot in memory: the domain build is pure and takes well
    /// under the 20 ms the issue allows for ten loans, so it runs on every keystroke.
    fn recompute(&mut self) {
        let (checker, _) = self.parse();
        self.problem = None;
        self.preview = None;
        let mut errors = checker.errors;
        if errors.is_empty()
            && let (Some(settings), Some(s)) = (self.settings(), &self.snapshot)
        {
            let proposal = Proposal {
                as_of: s.as_of,
                loans: s.loans.clone(),
                waivers: settings.waivers,
                capitalise_with_consent: self.capitalise,
                policy: settings.policy,
                term: settings.term,
                method: settings.method,
                frequency: settings.frequency,
                day_count: DayCount::Period,
                round_up_baht: s.round_up_baht,
            };
            match consolidation::build(&proposal) {
                Ok(c) => self.preview = Some(c),
                Err(ConsolidationError::WaiverTooLarge(no)) => {
                    let row = s.loans.iter().position(|l| l.contract_no == no).unwrap_or(0);
                    errors.insert(Input::Waiver(row), "ยอดลดหนี้มากกว่ายอดที่ค้างอยู่".into());
                }
                Err(e @ ConsolidationError::CapacityTooSmall { .. }) => {
                    errors.insert(Input::Term, e.to_string());
                }
                Err(e) => self.problem = Some(e.to_string()),
            }
        }
        // Errors in the preview show at once: the officer is trying figures, not filling a form.
        self.form.submit();
        self.form.show(errors);
    }

    pub fn view(&self) -> Element<'_, Message> {
        crate::app::screen::consolidation::builder::view::view(self)
    }
}

fn parse_periods(text: &str) -> std::result::Result<u32, String> {
    let digits = crate::domain::thai::digits::to_ascii_digits(text.trim());
    match digits.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        Ok(_) => Err("จำนวนงวดต้องมากกว่าศูนย์".into()),
        Err(_) => Err("จำนวนงวดต้องเป็นจำนวนเต็ม เช่น 36".into()),
    }
}

/// One amount per loan, taken from default interest first, then fees, then interest (the order
/// committees waive in); the principal itself is never waived here.
pub fn waiver_of(loan: &SourceLoan, amount: Satang) -> std::result::Result<Waiver, String> {
    let most = loan.default_interest + loan.fees + loan.interest;
    if amount > most {
        return Err(format!("ลดได้ไม่เกิน {most} บาท (ดอกเบี้ยผิดนัด ค่าธรรมเนียม และดอกเบี้ยค้าง)"));
    }
    let default_interest = amount.min(loan.default_interest);
    let fees = (amount - default_interest).min(loan.fees);
    Ok(Waiver { default_interest, fees, interest: amount - default_interest - fees })
}
