//! The statement engine: replays a loan's payments over its schedule to allocate each payment
//! (s.329), accrue default interest (s.224, s.224/1), and state arrears and the payoff as of a date.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::accrual::{DayInterest, interest_for_days};
use super::money::Satang;
use super::rate::AnnualRate;
use super::schedule::{Method, Schedule};

/// Default interest when the institute has not set its own: legal rate 3% + 2% (s.7, s.224).
pub const DEFAULT_PENALTY_BP: i64 = 500;

/// A payment received: its date and amount, in the order it was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentIn {
    pub date: NaiveDate,
    pub amount: Satang,
}

/// A fee or cost charged to the loan (paid before anything else, s.329).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeIn {
    pub date: NaiveDate,
    pub amount: Satang,
}

/// What the engine needs to know about the loan besides its schedule.
#[derive(Debug, Clone, Copy)]
pub struct LoanBasis {
    pub rate: AnnualRate,
    pub method: Method,
    pub start: NaiveDate,
    pub default_rate: AnnualRate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Fee,
    DefaultInterest,
    Interest,
    Principal,
}

impl Part {
    pub fn code(self) -> &'static str {
        match self {
            Part::Fee => "fee",
            Part::DefaultInterest => "default_interest",
            Part::Interest => "interest",
            Part::Principal => "principal",
        }
    }

    pub fn from_code(code: &str) -> Option<Part> {
        [Part::Fee, Part::DefaultInterest, Part::Interest, Part::Principal]
            .into_iter()
            .find(|p| p.code() == code)
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Fee => "ค่าธรรมเนียม",
            Part::DefaultInterest => "ดอกเบี้ยผิดนัด",
            Part::Interest => "ดอกเบี้ย",
            Part::Principal => "เงินต้น",
        })
    }
}

/// One slice of a payment: which installment (None for a fee) and which part it paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slice {
    pub installment: Option<u32>,
    pub part: Part,
    pub amount: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub date: NaiveDate,
    pub amount: Satang,
    pub slices: Vec<Slice>,
}

impl Allocation {
    pub fn total_of(&self, part: Part) -> Satang {
        self.slices.iter().filter(|s| s.part == part).map(|s| s.amount).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Paid,
    /// Partly paid and not yet overdue.
    Partial,
    /// Due before the as-of date and not fully paid.
    Overdue,
    /// The next installment to pay: the first unpaid one due on or after the as-of date.
    Due,
    Future,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Paid => "paid",
            Status::Partial => "partial",
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Future => "future",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Paid => "ชำระแล้ว",
            Status::Partial => "ชำระบางส่วน",
            Status::Overdue => "ค้างชำระ",
            Status::Due => "ถึงกำหนด",
            Status::Future => "ยังไม่ถึงกำหนด",
        })
    }
}

/// Aging buckets of days past due (DESIGN.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Bucket {
    #[serde(rename = "current")]
    Current,
    #[serde(rename = "1-30")]
    Days1To30,
    #[serde(rename = "31-60")]
    Days31To60,
    #[serde(rename = "61-90")]
    Days61To90,
    #[serde(rename = "91-180")]
    Days91To180,
    #[serde(rename = "180+")]
    Over180,
}

impl Bucket {
    pub const ALL: &[Bucket] = &[
        Bucket::Current,
        Bucket::Days1To30,
        Bucket::Days31To60,
        Bucket::Days61To90,
        Bucket::Days91To180,
        Bucket::Over180,
    ];

    pub fn of(days_past_due: i64) -> Bucket {
        match days_past_due {
            i64::MIN..=0 => Bucket::Current,
            1..=30 => Bucket::Days1To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            91..=180 => Bucket::Days91To180,
            _ => Bucket::Over180,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Bucket::Current => "current",
            Bucket::Days1To30 => "1-30",
            Bucket::Days31To60 => "31-60",
            Bucket::Days61To90 => "61-90",
            Bucket::Days91To180 => "91-180",
            Bucket::Over180 => "180+",
        }
    }
}

impl fmt::Display for Bucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bucket::Current => "ปกติ",
            Bucket::Days1To30 => "ค้าง 1–30 วัน",
            Bucket::Days31To60 => "ค้าง 31–60 วัน",
            Bucket::Days61To90 => "ค้าง 61–90 วัน",
            Bucket::Days91To180 => "ค้าง 91–180 วัน",
            Bucket::Over180 => "ค้างเกิน 180 วัน",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallmentState {
    pub no: u32,
    pub due_date: NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    pub principal_paid: Satang,
    pub interest_paid: Satang,
    /// Default interest accrued on this installment up to the as-of date (rounded once).
    pub default_interest: Satang,
    pub default_interest_paid: Satang,
    /// The day the installment was fully paid (principal and interest).
    pub paid_on: Option<NaiveDate>,
    pub status: Status,
}

impl InstallmentState {
    pub fn unpaid(&self) -> Satang {
        self.principal - self.principal_paid + self.interest - self.interest_paid
    }

    pub fn is_settled(&self) -> bool {
        self.principal_paid == self.principal && self.interest_paid == self.interest
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub as_of: NaiveDate,
    pub outstanding_principal: Satang,
    pub interest_due: Satang,
    pub default_interest: Satang,
    pub fees_due: Satang,
    pub overdue_installments: u32,
    pub days_past_due: i64,
    pub bucket: Bucket,
    pub overdue_amount: Satang,
    /// Interest of the running period up to the as-of date (declining methods), part of payoff.
    pub accrued_interest: Satang,
    pub payoff: Satang,
    /// The oldest installment not fully paid, if any (overdue or not).
    pub next_unpaid_due: Option<NaiveDate>,
    pub installments: Vec<InstallmentState>,
    pub allocations: Vec<Allocation>,
}

impl Statement {
    pub fn is_paid_off(&self) -> bool {
        self.outstanding_principal.is_zero()
            && self.installments.iter().all(InstallmentState::is_settled)
    }

    /// More than three installments overdue (เกิน 3 งวด): the trigger for termination (seeds/000).
    pub fn over_three_installments(&self) -> bool {
        self.overdue_installments > 3
    }

    pub fn principal_paid(&self) -> Satang {
        self.installments.iter().map(|i| i.principal_paid).sum()
    }

    /// What is due on the as-of date: unpaid installments due on or before it, with default
    /// interest and fees.
    pub fn due_now(&self) -> Satang {
        let installments: Satang = self
            .installments
            .iter()
            .filter(|i| i.due_date <= self.as_of)
            .map(InstallmentState::unpaid)
            .sum();
        installments + self.default_interest + self.fees_due
    }

    /// Everything a payment on the as-of date could pay (the ceiling above which a payment is
    /// refused): the payoff, since paying it closes the loan and interest not yet earned is
    /// cancelled.
    pub fn whole_debt(&self) -> Satang {
        let scheduled = self.installments.iter().map(InstallmentState::unpaid).sum::<Satang>()
            + self.default_interest
            + self.fees_due;
        scheduled.min(self.payoff)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    #[error("ยอดชำระวันที่ {date} จำนวน {amount} บาท มากกว่าหนี้ทั้งหมด ({debt} บาท)")]
    Overpayment { date: String, amount: String, debt: String },
    #[error("วันที่ชำระ {0} อยู่ก่อนวันเริ่มสัญญา")]
    BeforeStart(String),
    #[error("จำนวนเงินที่ชำระต้องมากกว่าศูนย์")]
    NonPositive,
}

/// Per-installment working state while payments are replayed.
struct Working {
    due: NaiveDate,
    principal: Satang,
    interest: Satang,
    principal_paid: Satang,
    interest_paid: Satang,
    default_paid: Satang,
    /// Exact default interest accrued so far (amount × rate × days, over 365 only when
    /// rounded): rounded only when paid or reported.
    default_exact: DayInterest,
    accrued_to: NaiveDate,
    paid_on: Option<NaiveDate>,
}

impl Working {
    fn unpaid_principal(&self) -> Satang {
        self.principal - self.principal_paid
    }

    /// Accrues default interest on the unpaid principal from the last accrual to `to`.
    fn accrue(&mut self, to: NaiveDate, default_rate: AnnualRate) {
        if to <= self.accrued_to || to <= self.due {
            return;
        }
        let from = self.accrued_to.max(self.due);
        self.default_exact +=
            DayInterest::on(self.unpaid_principal(), default_rate, (to - from).num_days());
        self.accrued_to = to;
    }

    /// Records the day the installment became fully paid (principal and interest).
    fn mark_settled(&mut self, d: NaiveDate) {
        if self.paid_on.is_none()
            && self.unpaid_principal().is_zero()
            && self.interest_paid == self.interest
        {
            self.paid_on = Some(d);
        }
    }

    fn default_due(&self) -> Satang {
        self.default_exact.rounded() - self.default_paid
    }
}

struct Ledger {
    items: Vec<Working>,
    fees: Vec<(NaiveDate, Satang, Satang)>,
    default_rate: AnnualRate,
    /// Declining methods accrue interest daily on principal not yet due (the payoff's running
    /// interest); flat loans owe no interest for periods not yet reached when paid off.
    declining: bool,
    rate: AnnualRate,
    start: NaiveDate,
    accelerated: bool,
}

impl Ledger {
    fn accrue_all(&mut self, to: NaiveDate) {
        let default_rate = self.default_rate;
        for w in &mut self.items {
            w.accrue(to, default_rate);
        }
    }

    /// Everything that could be paid on `d`: due fees, accrued default interest, and all unpaid
    /// scheduled interest and principal (future installments too, as prepayment).
    /// Interest of the running period up to `d` on principal not yet due, less interest already
    /// prepaid on installments not yet due (the payoff formula's last term).
    fn running_interest(&self, d: NaiveDate) -> Satang {
        if !self.declining {
            return Satang::ZERO;
        }
        let future = self.items.iter().filter(|w| w.due > d);
        let not_yet_due: Satang = future.clone().map(Working::unpaid_principal).sum();
        let prepaid: Satang = future.map(|w| w.interest_paid).sum();
        let since =
            self.items.iter().rev().find(|w| w.due <= d).map(|w| w.due).unwrap_or(self.start);
        let accrued = interest_for_days(not_yet_due, self.rate, (d - since).num_days());
        (accrued - prepaid).max(Satang::ZERO)
    }

    /// What closes the loan on `d`: due parts in full, principal not yet due, and interest only
    /// to `d` (the statement's payoff).
    fn payoff(&self, d: NaiveDate) -> Satang {
        let fees: Satang = self.fees.iter().filter(|f| f.0 <= d).map(|f| f.1 - f.2).sum();
        let due: Satang = self
            .items
            .iter()
            .filter(|w| w.due <= d)
            .map(|w| w.default_due() + w.interest - w.interest_paid + w.unpaid_principal())
            .sum();
        let ahead: Satang =
            self.items.iter().filter(|w| w.due > d).map(Working::unpaid_principal).sum();
        fees + due + ahead + self.running_interest(d)
    }

    /// Termination on `t` (once; later calls do nothing): installments not yet due fall due on
    /// `t`, and of their interest only what was earned by `t` remains (the payoff's running
    /// interest, on the first with principal left), so the debt on `t` is the payoff on `t`.
    fn accelerate(&mut self, t: NaiveDate) {
        if self.accelerated {
            return;
        }
        self.accelerated = true;
        self.accrue_all(t);
        let mut running = self.running_interest(t);
        for w in self.items.iter_mut().filter(|w| w.due > t) {
            let earned = if w.unpaid_principal().is_positive() { running } else { Satang::ZERO };
            running -= earned;
            w.interest = w.interest_paid + earned;
            w.due = t;
            w.accrued_to = t;
            w.mark_settled(t);
        }
        self.declining = false;
    }

    fn whole_debt(&self, d: NaiveDate) -> Satang {
        let fees: Satang = self.fees.iter().filter(|f| f.0 <= d).map(|f| f.1 - f.2).sum();
        let items: Satang = self
            .items
            .iter()
            .map(|w| w.default_due() + w.interest - w.interest_paid + w.unpaid_principal())
            .sum();
        fees + items
    }

    fn apply(&mut self, payment: PaymentIn) -> Vec<Slice> {
        let d = payment.date;
        let mut left = payment.amount;
        let mut slices = Vec::new();
        let mut take =
            |left: &mut Satang, owed: Satang, installment: Option<u32>, part: Part| -> Satang {
                let paid = (*left).min(owed);
                if paid.is_positive() {
                    *left -= paid;
                    slices.push(Slice { installment, part, amount: paid });
                }
                paid
            };
        for fee in self.fees.iter_mut().filter(|f| f.0 <= d) {
            fee.2 += take(&mut left, fee.1 - fee.2, None, Part::Fee);
        }
        // Due installments, oldest first: default interest, interest, principal (s.329).
        for (i, w) in self.items.iter_mut().enumerate().filter(|(_, w)| w.due <= d) {
            let no = Some(i as u32 + 1);
            w.default_paid += take(&mut left, w.default_due(), no, Part::DefaultInterest);
            w.interest_paid += take(&mut left, w.interest - w.interest_paid, no, Part::Interest);
            w.principal_paid += take(&mut left, w.unpaid_principal(), no, Part::Principal);
            w.mark_settled(d);
        }
        // A payment that reaches the payoff closes the loan: interest stops today, so what was
        // scheduled for later periods and not earned is cancelled, never collected.
        let principal_ahead: Satang =
            self.items.iter().filter(|w| w.due > d).map(Working::unpaid_principal).sum();
        let mut running = self.running_interest(d);
        if principal_ahead.is_positive() && left >= principal_ahead + running {
            for (i, w) in self.items.iter_mut().enumerate().filter(|(_, w)| w.due > d) {
                let no = Some(i as u32 + 1);
                let earned = running.min(w.interest - w.interest_paid);
                running -= earned;
                w.interest_paid += take(&mut left, earned, no, Part::Interest);
                w.interest = w.interest_paid;
                w.principal_paid += take(&mut left, w.unpaid_principal(), no, Part::Principal);
                w.mark_settled(d);
            }
            return slices;
        }
        // What is left pays the next installments not yet due, in order.
        for (i, w) in self.items.iter_mut().enumerate().filter(|(_, w)| w.due > d) {
            let no = Some(i as u32 + 1);
            w.interest_paid += take(&mut left, w.interest - w.interest_paid, no, Part::Interest);
            w.principal_paid += take(&mut left, w.unpaid_principal(), no, Part::Principal);
            w.mark_settled(d);
        }
        slices
    }
}

/// Replays `payments` (in date order; same-day payments in the order given) over `schedule` and
/// states the loan as of `as_of`. Payments after `as_of` are ignored.
pub fn compute(
    schedule: &Schedule,
    basis: &LoanBasis,
    payments: &[PaymentIn],
    fees: &[FeeIn],
    as_of: NaiveDate,
) -> Result<Statement, StatementError> {
    compute_terminated(schedule, basis, payments, fees, as_of, None)
}

/// As `compute`, for a contract terminated (บอกเลิกสัญญา) on `terminated_on`: from that day the
/// whole outstanding principal is due, contract interest stops (interest of the running period
/// is earned to that day only) and default interest runs on every unpaid principal from its due
/// date, the accelerated ones from the termination date (s.224/1, never on interest, s.655).
/// The stored schedule is untouched, so undoing the termination gives the schedule back exactly.
pub fn compute_terminated(
    schedule: &Schedule,
    basis: &LoanBasis,
    payments: &[PaymentIn],
    fees: &[FeeIn],
    as_of: NaiveDate,
    terminated_on: Option<NaiveDate>,
) -> Result<Statement, StatementError> {
    let mut ledger = Ledger {
        items: schedule
            .installments
            .iter()
            .map(|i| Working {
                due: i.due_date,
                principal: i.principal,
                interest: i.interest,
                principal_paid: Satang::ZERO,
                interest_paid: Satang::ZERO,
                default_paid: Satang::ZERO,
                default_exact: DayInterest::ZERO,
                accrued_to: i.due_date,
                paid_on: None,
            })
            .collect(),
        fees: fees.iter().map(|f| (f.date, f.amount, Satang::ZERO)).collect(),
        default_rate: basis.default_rate,
        declining: basis.method.is_declining(),
        rate: basis.rate,
        start: basis.start,
        accelerated: false,
    };

    let mut ordered: Vec<PaymentIn> =
        payments.iter().copied().filter(|p| p.date <= as_of).collect();
    ordered.sort_by_key(|p| p.date);
    let mut allocations = Vec::with_capacity(ordered.len());
    for payment in ordered {
        if !payment.amount.is_positive() {
            return Err(StatementError::NonPositive);
        }
        if payment.date < basis.start {
            return Err(StatementError::BeforeStart(super::thai::date::format_long(payment.date)));
        }
        if let Some(t) = terminated_on.filter(|t| *t <= payment.date) {
            ledger.accelerate(t);
        }
        ledger.accrue_all(payment.date);
        // A loan is paid off at its payoff amount; more than that is refused, not kept.
        let debt = ledger.whole_debt(payment.date).min(ledger.payoff(payment.date));
        if payment.amount > debt {
            return Err(StatementError::Overpayment {
                date: super::thai::date::format_long(payment.date),
                amount: payment.amount.to_string(),
                debt: debt.to_string(),
            });
        }
        let slices = ledger.apply(payment);
        allocations.push(Allocation { date: payment.date, amount: payment.amount, slices });
    }
    if let Some(t) = terminated_on.filter(|t| *t <= as_of) {
        ledger.accelerate(t);
    }
    ledger.accrue_all(as_of);
    Ok(summarise(ledger, schedule, basis, as_of, allocations))
}

fn summarise(
    ledger: Ledger,
    schedule: &Schedule,
    basis: &LoanBasis,
    as_of: NaiveDate,
    allocations: Vec<Allocation>,
) -> Statement {
    let first_open = ledger.items.iter().position(|w| {
        w.due >= as_of && !(w.unpaid_principal().is_zero() && w.interest_paid == w.interest)
    });
    let installments: Vec<InstallmentState> = ledger
        .items
        .iter()
        .zip(&schedule.installments)
        .enumerate()
        .map(|(i, (w, s))| {
            let settled = w.unpaid_principal().is_zero() && w.interest_paid == w.interest;
            let touched = w.principal_paid.is_positive() || w.interest_paid.is_positive();
            let status = if settled {
                Status::Paid
            } else if w.due < as_of {
                Status::Overdue
            } else if Some(i) == first_open {
                Status::Due
            } else if touched {
                Status::Partial
            } else {
                Status::Future
            };
            InstallmentState {
                no: s.no,
                due_date: w.due,
                principal: w.principal,
                interest: w.interest,
                principal_paid: w.principal_paid,
                interest_paid: w.interest_paid,
                default_interest: w.default_exact.rounded(),
                default_interest_paid: w.default_paid,
                paid_on: w.paid_on,
                status,
            }
        })
        .collect();

    let outstanding_principal: Satang =
        installments.iter().map(|i| i.principal - i.principal_paid).sum();
    let interest_due: Satang = installments
        .iter()
        .filter(|i| i.due_date <= as_of)
        .map(|i| i.interest - i.interest_paid)
        .sum();
    let default_interest: Satang =
        installments.iter().map(|i| i.default_interest - i.default_interest_paid).sum();
    let fees_due: Satang = ledger.fees.iter().filter(|f| f.0 <= as_of).map(|f| f.1 - f.2).sum();
    let overdue: Vec<&InstallmentState> =
        installments.iter().filter(|i| i.status == Status::Overdue).collect();
    let days_past_due = overdue.first().map(|i| (as_of - i.due_date).num_days()).unwrap_or(0);
    let overdue_amount: Satang =
        overdue.iter().map(|i| i.unpaid()).sum::<Satang>() + default_interest;

    let accrued_interest = if basis.method.is_declining() {
        let not_yet_due: Satang = installments
            .iter()
            .filter(|i| i.due_date > as_of)
            .map(|i| i.principal - i.principal_paid)
            .sum();
        // Interest already prepaid on installments not yet due counts against the running accrual,
        // so a member who paid ahead is never charged twice.
        let prepaid: Satang =
            installments.iter().filter(|i| i.due_date > as_of).map(|i| i.interest_paid).sum();
        let since = installments
            .iter()
            .rev()
            .find(|i| i.due_date <= as_of)
            .map(|i| i.due_date)
            .unwrap_or(basis.start);
        let accrued = interest_for_days(not_yet_due, basis.rate, (as_of - since).num_days());
        (accrued - prepaid).max(Satang::ZERO)
    } else {
        Satang::ZERO
    };
    let payoff =
        outstanding_principal + interest_due + default_interest + fees_due + accrued_interest;
    let next_unpaid_due = installments.iter().find(|i| !i.is_settled()).map(|i| i.due_date);

    Statement {
        as_of,
        outstanding_principal,
        interest_due,
        default_interest,
        fees_due,
        overdue_installments: overdue.len() as u32,
        days_past_due,
        bucket: Bucket::of(days_past_due),
        overdue_amount,
        accrued_interest,
        payoff,
        next_unpaid_due,
        installments,
        allocations,
    }
}

#[cfg(test)]
#[path = "statement_tests.rs"]
mod tests;
