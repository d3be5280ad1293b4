//! Restructuring by capacity, ยึด ลด ปลด หมดหนี้ (DESIGN.md §5, seeds/001): a new schedule for a
//! contract's outstanding that the household can pay, with grace, step-up, harvest months, a
//! reduced rate, waivers, and a conditional release of set-aside arrears.
//!
//! Interest is charged only on principal (never on interest, s.655): arrears of interest and fees
//! that are not waived, and the interest of a payment holiday, are repaid as an interest-free
//! "carried" part spread evenly over the paying installments.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::consolidation::installment_parts;
use super::money::Satang;
use super::rate::AnnualRate;
use super::schedule::{DayCount, Frequency, MAX_TERM_YEARS, annuity_payment, period_interest};

/// What the contract owes as of the plan date (from the statement engine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outstanding {
    pub as_of: NaiveDate,
    pub principal: Satang,
    /// Unpaid interest due plus interest running since the last due date.
    pub interest: Satang,
    pub default_interest: Satang,
    pub fees: Satang,
    pub rate: AnnualRate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Regular(Frequency),
    /// Only in these months (1–12) of each year, e.g. March and November after the harvests.
    Harvest(Vec<u32>),
}

impl Cadence {
    pub fn per_year(&self) -> u32 {
        match self {
            Cadence::Regular(f) => f.per_year(),
            Cadence::Harvest(months) => months.len().max(1) as u32,
        }
    }

    /// Regular cadences charge rate / periods a period; harvest periods differ in length, so their
    /// interest counts actual days.
    pub fn day_count(&self) -> DayCount {
        match self {
            Cadence::Regular(_) => DayCount::Period,
            Cadence::Harvest(_) => DayCount::Actual365,
        }
    }

    /// The first `n` due dates after `start`: on the start's day of the month (clamped), counted
    /// from the start, never chained.
    pub fn dates(&self, start: NaiveDate, n: u32) -> Vec<NaiveDate> {
        match self {
            Cadence::Regular(f) => super::schedule::due_dates(start, *f, n),
            Cadence::Harvest(months) => {
                let mut months: Vec<u32> =
                    months.iter().copied().filter(|m| (1..=12).contains(m)).collect();
                months.sort_unstable();
                months.dedup();
                let mut out = Vec::with_capacity(n as usize);
                let mut k = 1u32;
                while out.len() < n as usize && k <= 12 * (MAX_TERM_YEARS + 1) && !months.is_empty()
                {
                    let d = start.checked_add_months(Months::new(k)).unwrap_or(NaiveDate::MAX);
                    if months.contains(&d.month()) {
                        out.push(d);
                    }
                    k += 1;
                }
                out
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GraceKind {
    /// Pay only the period's interest.
    InterestOnly,
    /// Pay nothing; the holiday's interest is added evenly to the remaining installments.
    Holiday,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grace {
    pub periods: u32,
    pub kind: GraceKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sizing {
    /// The most the household can pay per installment in the plan's first year (growing with the
    /// step-up, if any): the engine finds the shortest term.
    Capacity(Satang),
    /// The number of installments (grace included): the engine finds the installment.
    Periods(u32),
}

/// ปลด: an amount set aside and forgiven in shares as milestones are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseRule {
    pub amount: Satang,
    /// A milestone is this many consecutive installments each paid no more than `max_days_late`.
    pub every: u32,
    pub max_days_late: i64,
    /// The plan breaks when this many installments are overdue at once.
    pub break_after_missed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOptions {
    pub sizing: Sizing,
    pub cadence: Cadence,
    pub grace: Option<Grace>,
    /// Yearly growth of the installment, in basis points (1000 = +10% a year).
    pub step_up_bp: i64,
    /// ลด: a new, lower rate; None keeps the contract's rate.
    pub rate: Option<AnnualRate>,
    pub waive_default_interest: bool,
    pub waive_fees: bool,
    /// ปลด: set the (unwaived) default interest aside for release instead of charging it.
    pub release_default_interest: Option<ReleaseTerms>,
}

/// How a set-aside is released; the amount comes from the default interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseTerms {
    pub every: u32,
    pub max_days_late: i64,
    pub break_after_missed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanInstallment {
    pub no: u32,
    pub due_date: NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    /// Interest-free: old arrears and holiday interest, spread evenly.
    pub carried: Satang,
    pub balance: Satang,
}

impl PlanInstallment {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.carried
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub as_of: NaiveDate,
    pub rate: AnnualRate,
    pub principal: Satang,
    pub carried: Satang,
    pub waived: Satang,
    pub release: Option<ReleaseRule>,
    pub installments: Vec<PlanInstallment>,
}

impl Plan {
    pub fn periods(&self) -> u32 {
        self.installments.len() as u32
    }

    pub fn total_interest(&self) -> Satang {
        self.installments.iter().map(|i| i.interest).sum()
    }

    pub fn total_paid(&self) -> Satang {
        self.installments.iter().map(PlanInstallment::total).sum()
    }

    pub fn end_date(&self) -> Option<NaiveDate> {
        self.installments.last().map(|i| i.due_date)
    }

    /// The regular installment: the first one after any grace.
    pub fn regular_installment(&self) -> Satang {
        self.installments
            .iter()
            .map(PlanInstallment::total)
            .find(|t| t.is_positive())
            .unwrap_or_default()
    }

    pub fn max_installment(&self) -> Satang {
        self.installments.iter().map(PlanInstallment::total).max().unwrap_or_default()
    }

    /// What is forgiven if every milestone is kept.
    pub fn released_if_kept(&self) -> Satang {
        self.release.map(|r| r.amount).unwrap_or_default()
    }

    /// Principal still owed after each installment, starting with the plan's principal: the
    /// line of the comparison chart.
    pub fn balance_curve(&self) -> Vec<(NaiveDate, Satang)> {
        let mut out = vec![(self.as_of, self.principal + self.carried)];
        let mut owed = self.principal + self.carried;
        for i in &self.installments {
            owed -= i.principal + i.carried;
            out.push((i.due_date, owed));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("ไม่มียอดค้างให้ปรับโครงสร้าง")]
    NothingOwed,
    #[error("จำนวนงวดต้องมากกว่าช่วงผ่อนผัน ({0} งวด)")]
    TooFewPeriods(u32),
    #[error("ความสามารถชำระ {capacity} บาทต่องวดไม่พอ ต้องชำระอย่างน้อยงวดละ {needed} บาท")]
    CapacityTooSmall { capacity: Satang, needed: Satang },
    #[error("ระยะเวลาผ่อนยาวเกิน {MAX_TERM_YEARS} ปี")]
    TooLong,
    #[error("กรุณาเลือกเดือนที่ชำระอย่างน้อย 1 เดือน (1–12)")]
    NoHarvestMonths,
    #[error("อัตราเพิ่มค่างวดต่อปีต้องอยู่ระหว่าง 0 ถึง 100%")]
    BadStepUp,
    #[error("อัตราดอกเบี้ยใหม่ต้องไม่สูงกว่าอัตราเดิม ({0})")]
    RateNotReduced(AnnualRate),
}

struct Parts {
    principal: Satang,
    carried: Satang,
    waived: Satang,
    release: Option<ReleaseRule>,
    rate: AnnualRate,
}

fn parts(o: &Outstanding, opts: &PlanOptions) -> Result<Parts, PlanError> {
    let rate = match opts.rate {
        Some(r) if r > o.rate => return Err(PlanError::RateNotReduced(o.rate)),
        Some(r) => r,
        None => o.rate,
    };
    let (mut carried, mut waived) = (o.interest, Satang::ZERO);
    if opts.waive_fees {
        waived += o.fees
    } else {
        carried += o.fees
    }
    let release = if opts.waive_default_interest {
        waived += o.default_interest;
        None
    } else if let Some(t) =
        opts.release_default_interest.filter(|_| o.default_interest.is_positive())
    {
        Some(ReleaseRule {
            amount: o.default_interest,
            every: t.every.max(1),
            max_days_late: t.max_days_late,
            break_after_missed: t.break_after_missed.max(1),
        })
    } else {
        carried += o.default_interest;
        None
    };
    Ok(Parts { principal: o.principal, carried, waived, release, rate })
}

/// The growth factor of the step-up for installment `k` (0-based among paying installments).
fn step(step_up_bp: i64, year: u32) -> Decimal {
    let g = Decimal::ONE + Decimal::new(step_up_bp, 4);
    (0..year).fold(Decimal::ONE, |acc, _| acc * g)
}

/// Builds the schedule on `n` installments: grace first, then a level payment (growing with the
/// step-up) that amortises the principal; the last installment takes what is left.
fn lay_out(
    o: &Outstanding,
    opts: &PlanOptions,
    p: &Parts,
    n: u32,
) -> Result<Vec<PlanInstallment>, PlanError> {
    let dates = opts.cadence.dates(o.as_of, n);
    if dates.len() < n as usize {
        return Err(PlanError::TooLong);
    }
    let grace = opts.grace.map(|g| g.periods).unwrap_or(0).min(n);
    let ppy = opts.cadence.per_year();
    let day_count = opts.cadence.day_count();
    let mut balance = p.principal;
    let mut previous = o.as_of;
    let mut rows = Vec::with_capacity(n as usize);
    let mut holiday_interest = Satang::ZERO;
    let amortising = n - grace;
    let level = solve_level(p.principal, p.rate, ppy, amortising, opts.step_up_bp);
    for (i, due) in dates.iter().enumerate() {
        let i = i as u32;
        let interest = period_interest(balance, p.rate, ppy, day_count, previous, *due);
        previous = *due;
        let (principal, charged) = if i < grace {
            match opts.grace.map(|g| g.kind) {
                Some(GraceKind::Holiday) => {
                    holiday_interest += interest;
                    (Satang::ZERO, Satang::ZERO)
                }
                _ => (Satang::ZERO, interest),
            }
        } else if i + 1 == n {
            (balance, interest)
        } else {
            let year = (i - grace) / ppy;
            let target = Satang::from_decimal(level.to_decimal() * step(opts.step_up_bp, year));
            ((target - interest).max(Satang::ZERO).min(balance), interest)
        };
        balance -= principal;
        rows.push(PlanInstallment {
            no: i + 1,
            due_date: *due,
            principal,
            interest: charged,
            carried: Satang::ZERO,
            balance,
        });
    }
    // Old arrears and a holiday's interest are repaid evenly with the amortising installments
    // (grace installments stay interest-only or empty, as agreed).
    let spread = installment_parts(p.carried + holiday_interest, amortising);
    for (row, part) in rows[grace as usize..].iter_mut().zip(spread) {
        row.carried = part;
    }
    Ok(rows)
}

/// The first-year level payment that amortises `principal` over `n` installments when each year's
/// payments grow by the step-up: P = L · Σ g^year(k) · v^k, so L = P / Σ g^year(k) · v^k.
fn solve_level(principal: Satang, rate: AnnualRate, ppy: u32, n: u32, step_up_bp: i64) -> Satang {
    if n == 0 {
        return Satang::ZERO;
    }
    if step_up_bp == 0 {
        return Satang::from_decimal(annuity_payment(
            principal,
            super::schedule::periodic_rate(rate, ppy),
            n,
        ));
    }
    let r = super::schedule::periodic_rate(rate, ppy);
    let v = Decimal::ONE / (Decimal::ONE + r);
    let mut discount = Decimal::ONE;
    let mut sum = Decimal::ZERO;
    for k in 0..n {
        discount *= v;
        sum += step(step_up_bp, k / ppy) * discount;
    }
    Satang::from_decimal(principal.to_decimal() / sum)
}

fn validate(opts: &PlanOptions) -> Result<(), PlanError> {
    if let Cadence::Harvest(months) = &opts.cadence
        && !months.iter().any(|m| (1..=12).contains(m))
    {
        return Err(PlanError::NoHarvestMonths);
    }
    if !(0..=10_000).contains(&opts.step_up_bp) {
        return Err(PlanError::BadStepUp);
    }
    Ok(())
}

fn assemble(o: &Outstanding, p: &Parts, rows: Vec<PlanInstallment>) -> Plan {
    Plan {
        as_of: o.as_of,
        rate: p.rate,
        principal: p.principal,
        carried: p.carried,
        waived: p.waived,
        release: p.release,
        installments: rows,
    }
}

/// The capacity of the installment's plan year (the capacity grows with the step-up).
fn capacity_for(capacity: Satang, step_up_bp: i64, grace: u32, ppy: u32, index: u32) -> Satang {
    let year = index.saturating_sub(grace) / ppy;
    Satang::from_decimal(capacity.to_decimal() * step(step_up_bp, year))
}

fn fits(plan: &[PlanInstallment], capacity: Satang, opts: &PlanOptions) -> bool {
    let grace = opts.grace.map(|g| g.periods).unwrap_or(0);
    let ppy = opts.cadence.per_year();
    plan.iter().enumerate().all(|(i, row)| {
        row.total() <= capacity_for(capacity, opts.step_up_bp, grace, ppy, i as u32)
    })
}

/// An installment after the grace that asks for nothing (0.00): what a part too small for its
/// term would leave (issue 17 §A5). Grace installments are the agreed exception: a payment
/// holiday asks for nothing by design.
fn asks_nothing(rows: &[PlanInstallment], grace: u32) -> bool {
    rows.iter().skip(grace as usize).any(|r| !r.total().is_positive())
}

/// The schedule on `n` installments, or, when what is owed is too small for that many (some
/// would be 0.00), on the most installments that each ask for something: the part is repaid on
/// the first due dates.
fn shortened(
    o: &Outstanding,
    opts: &PlanOptions,
    p: &Parts,
    n: u32,
) -> Result<Vec<PlanInstallment>, PlanError> {
    let grace = opts.grace.map(|g| g.periods).unwrap_or(0);
    let rows = lay_out(o, opts, p, n)?;
    if !asks_nothing(&rows, grace) {
        return Ok(rows);
    }
    let owed = u32::try_from((p.principal + p.carried).0).unwrap_or(u32::MAX);
    let most = (n - 1).min(grace.saturating_add(owed));
    for m in (grace + 1..=most).rev() {
        let rows = lay_out(o, opts, p, m)?;
        if !asks_nothing(&rows, grace) {
            return Ok(rows);
        }
    }
    lay_out(o, opts, p, grace + 1)
}

/// Builds one plan option.
pub fn build(o: &Outstanding, opts: &PlanOptions) -> Result<Plan, PlanError> {
    validate(opts)?;
    let p = parts(o, opts)?;
    if !(p.principal + p.carried).is_positive() {
        return Err(PlanError::NothingOwed);
    }
    let grace = opts.grace.map(|g| g.periods).unwrap_or(0);
    let max = MAX_TERM_YEARS * opts.cadence.per_year();
    match opts.sizing {
        Sizing::Periods(n) => {
            if n <= grace {
                return Err(PlanError::TooFewPeriods(grace));
            }
            if n > max {
                return Err(PlanError::TooLong);
            }
            Ok(assemble(o, &p, shortened(o, opts, &p, n)?))
        }
        Sizing::Capacity(capacity) => {
            // A fitting term must let the installments after grace, each at most its year's
            // capacity, add up to what is owed: the walk starts at the first term that could,
            // so the first fit found is the shortest.
            let owed = p.principal + p.carried;
            let ppy = opts.cadence.per_year();
            let mut start = grace + 1;
            let mut room = Satang::ZERO;
            while start < max {
                room += capacity_for(capacity, opts.step_up_bp, grace, ppy, start - 1);
                if room >= owed || !capacity.is_positive() {
                    break;
                }
                start += 1;
            }
            for n in start.max(grace + 1)..=max {
                let rows = lay_out(o, opts, &p, n)?;
                if fits(&rows, capacity, opts) && !asks_nothing(&rows, grace) {
                    return Ok(assemble(o, &p, rows));
                }
            }
            let needed = lay_out(o, opts, &p, max)
                .map(|rows| rows.iter().map(PlanInstallment::total).max().unwrap_or_default())
                .unwrap_or_default();
            Err(PlanError::CapacityTooSmall { capacity, needed })
        }
    }
}

/// The sum of several plans on the same dates (a consolidated contract's funds): installment by
/// installment, with the set-asides added up.
pub fn combine(plans: &[Plan]) -> Option<Plan> {
    // The longest part lays out the dates: a small part may have been repaid over fewer.
    let longest = (0..plans.len()).max_by_key(|i| (plans[*i].periods(), std::cmp::Reverse(*i)))?;
    let mut out = plans[longest].clone();
    for (_, p) in plans.iter().enumerate().filter(|(i, _)| *i != longest) {
        out.principal += p.principal;
        out.carried += p.carried;
        out.waived += p.waived;
        out.release = match (out.release, p.release) {
            (Some(a), Some(b)) => Some(ReleaseRule { amount: a.amount + b.amount, ..a }),
            (a, b) => a.or(b),
        };
        for (row, other) in out.installments.iter_mut().zip(&p.installments) {
            row.principal += other.principal;
            row.interest += other.interest;
            row.carried += other.carried;
            row.balance += other.balance;
        }
    }
    let weights = plans.iter().map(|p| (p.principal, p.rate));
    out.rate = super::consolidation::weighted_rate(weights);
    Some(out)
}

/// Plans for several parts of one contract (each fund of a consolidated contract keeps its own
/// rate, capped by any reduced rate) on one set of dates; with a capacity, the shortest term whose
/// combined installments fit. Returns the combined plan and the plan of each part.
pub fn build_parts(
    parts: &[Outstanding],
    opts: &PlanOptions,
) -> Result<(Plan, Vec<Plan>), PlanError> {
    if parts.len() == 1 {
        let p = build(&parts[0], opts)?;
        return Ok((p.clone(), vec![p]));
    }
    validate(opts)?;
    let at = |n: u32| -> Result<Vec<Plan>, PlanError> {
        parts
            .iter()
            .filter(|o| (o.principal + o.interest + o.default_interest + o.fees).is_positive())
            .map(|o| {
                let mut part = opts.clone();
                part.sizing = Sizing::Periods(n);
                part.rate = opts.rate.map(|r| r.min(o.rate));
                build(o, &part)
            })
            .collect()
    };
    let combined = |plans: Vec<Plan>| -> Result<(Plan, Vec<Plan>), PlanError> {
        let c = combine(&plans).ok_or(PlanError::NothingOwed)?;
        Ok((c, plans))
    };
    match opts.sizing {
        Sizing::Periods(n) => combined(at(n)?),
        Sizing::Capacity(capacity) => {
            let grace = opts.grace.map(|g| g.periods).unwrap_or(0);
            let max = MAX_TERM_YEARS * opts.cadence.per_year();
            let owed: Satang = parts.iter().map(|o| o.principal + o.interest).sum();
            let ppy = opts.cadence.per_year();
            let mut start = grace + 1;
            let mut room = Satang::ZERO;
            while start < max && capacity.is_positive() {
                room += capacity_for(capacity, opts.step_up_bp, grace, ppy, start - 1);
                if room >= owed {
                    break;
                }
                start += 1;
            }
            for n in start..=max {
                let (c, plans) = combined(at(n)?)?;
                if fits(&c.installments, capacity, opts) {
                    return Ok((c, plans));
                }
            }
            let needed = combined(at(max)?).map(|(c, _)| c.max_installment()).unwrap_or_default();
            Err(PlanError::CapacityTooSmall { capacity, needed })
        }
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
