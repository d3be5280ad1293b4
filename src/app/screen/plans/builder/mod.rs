//! ปรับโครงสร้างหนี้ (DESIGN.md §5): up to three options for a contract in arrears, built from the
//! outstanding as of today, compared side by side (installment, number, end date, interest, total
//! paid, amount released if kept) and on a chart of the balance over time; "เสนอแผนนี้" proposes
//! one for a treasurer or committee to approve on the approvals screen. The columns are in
//! `plans::option`, the view in `view`, the chart in `plans::chart`.

mod view;

use iced::{Element, Task};

use crate::app::screen::plans::option::{CadenceKind, Field, GraceChoice, OptionForm, SizingKind};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::domain::Satang;
use crate::domain::plan::Outstanding;
use crate::domain::schedule::Frequency;
use crate::store::loans::{self, Loan};
use crate::store::plans::{self, Target};
use crate::store::{Result, StoreError};

/// At most this many options are compared (the "up to three").
pub const MAX_OPTIONS: usize = 3;

/// The contract and what it owes today, read once; options are built against it in memory.
#[derive(Debug, Clone)]
pub struct Basis {
    pub loan: Loan,
    pub target: Target,
    pub outstanding: Outstanding,
    /// One part per fund (a consolidated contract keeps each fund's rate).
    pub parts: Vec<Outstanding>,
    /// A proposal already waiting on the contract ("แผนปรับโครงสร้างหนี้ เลขที่ 5"): one at a
    /// time (issue 17 §B7), so leaving with Esc and coming back does not offer a second one.
    pub pending: Option<String>,
}

fn load(conn: &rusqlite::Connection, loan_id: i64, today: chrono::NaiveDate) -> Result<Basis> {
    let loan = loans::get(conn, loan_id)?;
    // A tranche belongs to a consolidated contract: the plan restructures the whole contract.
    let target = match loan.tranche_of {
        Some(c) => Target::Contract(c),
        None => Target::Loan(loan_id),
    };
    let (outstanding, parts) = plans::basis(conn, target, today)?;
    let pending = crate::store::rejections::pending_on(conn, &plans::loan_ids(conn, target)?)?;
    Ok(Basis { loan, target, outstanding, parts, pending })
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Basis>, StoreError>),
    Edit(usize, Field, String),
    SizingChosen(usize, SizingKind),
    CadenceChosen(usize, CadenceKind),
    GraceChosen(usize, GraceChoice),
    WaiveToggled(usize, bool),
    ReleaseToggled(usize, bool),
    AddOption,
    RemoveOption(usize),
    Propose(usize),
    Proposed(Result<i64, StoreError>),
    Open(Destination),
}

pub struct PlanBuilder {
    pub(super) session: Session,
    pub loan_id: i64,
    pub basis: Option<Basis>,
    pub options: Vec<OptionForm>,
    /// The option proposed and the plan's id.
    pub proposed: Option<(usize, i64)>,
    pub busy: bool,
    pub error: Option<String>,
}

impl PlanBuilder {
    pub fn new(session: Session, loan_id: i64) -> (PlanBuilder, Task<Message>) {
        let today = session.today;
        let task = read(
            &session.store,
            move |conn| load(conn, loan_id, today).map(Box::new),
            Message::Loaded,
        );
        let screen = PlanBuilder {
            session,
            loan_id,
            basis: None,
            options: Vec::new(),
            proposed: None,
            busy: false,
            error: None,
        };
        (screen, task)
    }

    /// Three starting points the committee usually weighs: a fixed term, what the household says
    /// it can pay (with penalties waived), and after-harvest payments with a release for keeping
    /// the plan. The officer changes them from there.
    fn starting_options(o: &Outstanding) -> Vec<OptionForm> {
        let owed = o.principal + o.interest;
        // A capacity near a four-year term, rounded up to 100 baht, so the example fits.
        let capacity = Satang((owed.0 / 48 / 10_000 + 1) * 10_000);
        let mut second = OptionForm::new(
            SizingKind::Capacity,
            &capacity.to_plain(),
            CadenceKind::Regular(Frequency::Monthly),
        );
        second.waive_default_interest = true;
        let mut third = OptionForm::new(SizingKind::Periods, "10", CadenceKind::Harvest);
        third.release = o.default_interest.is_positive();
        vec![
            OptionForm::new(SizingKind::Periods, "36", CadenceKind::Regular(Frequency::Monthly)),
            second,
            third,
        ]
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(basis)) => {
                self.options = Self::starting_options(&basis.outstanding);
                self.basis = Some(*basis);
                self.recompute_all();
            }
            Message::Edit(i, field, value) => self.with(i, |o| o.form.edit(field, value)),
            Message::SizingChosen(i, s) => self.with(i, |o| o.sizing = s),
            Message::CadenceChosen(i, c) => self.with(i, |o| o.cadence = c),
            Message::GraceChosen(i, g) => self.with(i, |o| o.grace_kind = g),
            Message::WaiveToggled(i, on) => self.with(i, |o| o.waive_default_interest = on),
            Message::ReleaseToggled(i, on) => self.with(i, |o| o.release = on),
            Message::AddOption => {
                if self.options.len() < MAX_OPTIONS {
                    let copy = self.options.last().cloned().unwrap_or_else(|| {
                        OptionForm::new(
                            SizingKind::Periods,
                            "36",
                            CadenceKind::Regular(Frequency::Monthly),
                        )
                    });
                    self.options.push(copy);
                    self.recompute_all();
                }
            }
            Message::RemoveOption(i) => {
                if i < self.options.len() && self.options.len() > 1 {
                    self.options.remove(i);
                    self.proposed = None;
                }
            }
            Message::Propose(i) => return self.propose(i),
            Message::Proposed(Ok(id)) => {
                self.busy = false;
                if let Some((_, plan)) = &mut self.proposed {
                    *plan = id;
                }
            }
            Message::Open(d) => return Action::Open(d),
            Message::Loaded(Err(e)) | Message::Proposed(Err(e)) => {
                self.busy = false;
                self.proposed = None;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    fn with(&mut self, i: usize, f: impl FnOnce(&mut OptionForm)) {
        let Some(basis) = &self.basis else { return };
        if let Some(o) = self.options.get_mut(i) {
            f(o);
            o.recompute(&basis.parts);
            self.proposed = None;
        }
    }

    fn recompute_all(&mut self) {
        if let Some(basis) = &self.basis {
            for o in &mut self.options {
                o.recompute(&basis.parts);
            }
        }
    }

    fn propose(&mut self, i: usize) -> Action<Message> {
        let (Some(basis), Some(option)) = (&self.basis, self.options.get(i)) else {
            return Action::None;
        };
        let (_, Some(opts)) = option.options() else { return Action::None };
        if self.busy || option.plan.is_none() || basis.pending.is_some() {
            return Action::None;
        }
        self.busy = true;
        self.error = None;
        self.proposed = Some((i, 0));
        let (actor, target, as_of) = (self.session.actor(), basis.target, self.session.today);
        let label = format!("ทางเลือกที่ {}", i + 1);
        Action::Run(write(
            &self.session.store,
            move |tx| plans::propose(tx, &actor, target, as_of, &opts, &label),
            Message::Proposed,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        crate::app::screen::plans::builder::view::view(self)
    }
}
