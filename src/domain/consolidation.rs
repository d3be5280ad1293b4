//! 1 ครัวเรือน 1 สัญญา: merging a household's loans from several funds into one contract while
//! every source fund keeps its own money (DESIGN.md §4, seeds/001 "รวมหนี้ รวมสัญญา").
//!
//! The new contract holds one tranche per source fund. Under the `unified` and `weighted` rate
//! policies every tranche carries the same rate; under `tranches` each keeps its fund's rate
//! ("the institute cannot make the rates equal"). All tranches share one set of due dates; the
//! household pays their sum. Interest that may not be capitalised (s.655) and default interest
//! and fees that were not waived stay apart as an interest-free "carried arrears" part of each
//! tranche, repaid evenly with the installments.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::Satang;
use super::rate::AnnualRate;
use super::schedule::{
    self, Amortization, DayCount, Frequency, MAX_TERM_YEARS, Method, Schedule, ScheduleError,
};
use super::statement::Statement;

/// One open loan of the household as of the consolidation date, from the statement engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLoan {
    pub loan_id: i64,
    pub contract_no: String,
    pub fund_id: i64,
    pub fund_name: String,
    pub borrower_id: i64,
    pub rate: AnnualRate,
    pub principal: Satang,
    /// Unpaid interest of installments due, plus interest running since the last due date.
    pub interest: Satang,
    /// The part of `interest` overdue one year or more: the only interest s.655 lets be
    /// capitalised, and only with the borrower's written agreement.
    pub interest_year_old: Satang,
    pub default_interest: Satang,
    pub fees: Satang,
}

impl SourceLoan {
    /// The snapshot of a loan from its statement as of the consolidation date.
    pub fn from_statement(
        loan_id: i64,
        contract_no: &str,
        fund_id: i64,
        fund_name: &str,
        borrower_id: i64,
        rate: AnnualRate,
        st: &Statement,
    ) -> SourceLoan {
        let year_ago = st.as_of.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
        let interest_year_old = st
            .installments
            .iter()
            .filter(|i| i.due_date <= year_ago)
            .map(|i| i.interest - i.interest_paid)
            .sum();
        SourceLoan {
            loan_id,
            contract_no: contract_no.to_string(),
            fund_id,
            fund_name: fund_name.to_string(),
            borrower_id,
            rate,
            principal: st.outstanding_principal,
            interest: st.interest_due + st.accrued_interest,
            interest_year_old,
            default_interest: st.default_interest,
            fees: st.fees_due,
        }
    }

    /// Everything owed on the loan as of the date.
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.default_interest + self.fees
    }
}

/// The committee's reductions (ลด) on one loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Waiver {
    pub default_interest: Satang,
    pub fees: Satang,
    pub interest: Satang,
}

impl Waiver {
    pub fn total(&self) -> Satang {
        self.default_interest + self.fees + self.interest
    }

    /// Waives all default interest and fees of a loan (the usual committee decision).
    pub fn penalties_of(loan: &SourceLoan) -> Waiver {
        Waiver { default_interest: loan.default_interest, fees: loan.fees, interest: Satang::ZERO }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "policy", rename_all = "snake_case")]
pub enum RatePolicy {
    Unified { rate: AnnualRate },
    Weighted,
    Tranches,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermChoice {
    Periods(u32),
    /// The most the household can pay per installment: the shortest term that fits is chosen.
    Capacity(Satang),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub as_of: NaiveDate,
    pub loans: Vec<SourceLoan>,
    /// Waivers by loan id.
    pub waivers: BTreeMap<i64, Waiver>,
    /// The borrower agreed in writing to capitalise interest overdue a year or more (s.655).
    pub capitalise_with_consent: bool,
    pub policy: RatePolicy,
    pub term: TermChoice,
    pub method: Method,
    pub frequency: Frequency,
    pub day_count: DayCount,
    pub round_up_baht: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tranche {
    pub fund_id: i64,
    pub fund_name: String,
    pub rate: AnnualRate,
    pub principal: Satang,
    pub carried: Satang,
    pub schedule: Schedule,
    /// The carried arrears repaid with each installment (interest-free).
    pub carried_parts: Vec<Satang>,
}

/// For every fund: old − waived = new principal + carried, and old principal + capitalised = new
/// principal. Both hold to the satang or the consolidation is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundReconciliation {
    pub fund_id: i64,
    pub fund_name: String,
    pub old_principal: Satang,
    pub old_interest: Satang,
    pub old_default_interest: Satang,
    pub old_fees: Satang,
    pub waived: Satang,
    pub capitalised: Satang,
    pub new_principal: Satang,
    pub carried: Satang,
}

impl FundReconciliation {
    pub fn old_total(&self) -> Satang {
        self.old_principal + self.old_interest + self.old_default_interest + self.old_fees
    }

    pub fn balances(&self) -> bool {
        self.old_total() - self.waived == self.new_principal + self.carried
            && self.old_principal + self.capitalised == self.new_principal
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdInstallment {
    pub no: u32,
    pub due_date: NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    pub carried: Satang,
}

impl HouseholdInstallment {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.carried
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consolidation {
    pub as_of: NaiveDate,
    pub periods: u32,
    pub tranches: Vec<Tranche>,
    pub installments: Vec<HouseholdInstallment>,
    pub reconciliation: Vec<FundReconciliation>,
}

impl Consolidation {
    pub fn new_principal(&self) -> Satang {
        self.tranches.iter().map(|t| t.principal).sum()
    }

    pub fn carried(&self) -> Satang {
        self.tranches.iter().map(|t| t.carried).sum()
    }

    pub fn total_interest(&self) -> Satang {
        self.tranches.iter().map(|t| t.schedule.total_interest()).sum()
    }

    pub fn first_installment(&self) -> Satang {
        self.installments.first().map(HouseholdInstallment::total).unwrap_or_default()
    }

    pub fn max_installment(&self) -> Satang {
        self.installments.iter().map(HouseholdInstallment::total).max().unwrap_or_default()
    }

    pub fn end_date(&self) -> Option<NaiveDate> {
        self.installments.last().map(|i| i.due_date)
    }

    /// The rate shown for the contract: the common rate, or the principal-weighted average.
    pub fn headline_rate(&self) -> AnnualRate {
        weighted_rate(self.tranches.iter().map(|t| (t.principal, t.rate)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsolidationError {
    #[error("ครัวเรือนนี้ไม่มีสัญญาที่ยังค้างชำระให้รวม")]
    NoLoans,
    #[error("ยอดลดหนี้ของสัญญา {0} มากกว่ายอดที่ค้างอยู่")]
    WaiverTooLarge(String),
    #[error(
        "ความสามารถชำระ {capacity} บาทต่องวดไม่พอ (ผ่อนภายใน {MAX_TERM_YEARS} ปีต้องชำระอย่างน้อยงวดละ {needed} บาท)"
    )]
    CapacityTooSmall { capacity: Satang, needed: Satang },
    #[error("{0}")]
    Schedule(#[from] ScheduleError),
    #[error("ยอดของกองทุน {0} กระทบยอดไม่ลงตัว")]
    Unbalanced(String),
}

/// Σ(principal × rate) / Σ principal, rounded half away from zero to 0.01% a year.
pub fn weighted_rate(parts: impl Iterator<Item = (Satang, AnnualRate)>) -> AnnualRate {
    let (mut weight, mut total) = (Decimal::ZERO, Decimal::ZERO);
    for (p, r) in parts {
        weight += Decimal::from(p.0) * Decimal::from(r.bp());
        total += Decimal::from(p.0);
    }
    if total.is_zero() {
        return AnnualRate::ZERO;
    }
    let bp = (weight / total)
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    AnnualRate::from_bp(i64::try_from(bp.mantissa()).unwrap_or(0)).unwrap_or(AnnualRate::ZERO)
}

/// Splits `amount` in proportion to `weights`, to the satang, largest remainders first; the parts
/// always sum to `amount` exactly. With no weight at all, the first part takes everything.
pub fn split_pro_rata(amount: Satang, weights: &[Satang]) -> Vec<Satang> {
    let total: i128 = weights.iter().map(|w| i128::from(w.0.max(0))).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if total == 0 {
        let mut out = vec![Satang::ZERO; weights.len()];
        out[0] = amount;
        return out;
    }
    let a = i128::from(amount.0);
    let mut parts: Vec<i128> = weights.iter().map(|w| a * i128::from(w.0.max(0)) / total).collect();
    let mut left = a - parts.iter().sum::<i128>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((a * i128::from(weights[i].0.max(0))) % total));
    for i in order {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts.into_iter().map(|p| Satang(p as i64)).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("ยอดชำระ {amount} บาท มากกว่าหนี้ทั้งหมดของสัญญา ({debt} บาท)")]
    Overpayment { amount: Satang, debt: Satang },
}

/// Shares a household's payment among its contract's tranches so every fund receives its part:
/// up to what is due, each tranche gets its share of what is due now (pro rata); anything beyond
/// goes to the tranches in proportion to what each still owes after that.
pub fn split_household_payment(
    amount: Satang,
    due: &[Satang],
    whole: &[Satang],
) -> Result<Vec<Satang>, SplitError> {
    let debt: Satang = whole.iter().copied().sum();
    if amount > debt {
        return Err(SplitError::Overpayment { amount, debt });
    }
    let due_total: Satang = due.iter().copied().sum();
    if amount <= due_total {
        return Ok(split_pro_rata(amount, due));
    }
    let rest: Vec<Satang> = whole.iter().zip(due).map(|(w, d)| *w - *d).collect();
    let extra = split_pro_rata(amount - due_total, &rest);
    Ok(due.iter().zip(extra).map(|(d, e)| *d + e).collect())
}

struct FundTotals {
    fund_name: String,
    rate_weight: Vec<(Satang, AnnualRate)>,
    rec: FundReconciliation,
}

fn fund_totals(p: &Proposal) -> Result<BTreeMap<i64, FundTotals>, ConsolidationError> {
    let mut funds: BTreeMap<i64, FundTotals> = BTreeMap::new();
    for loan in &p.loans {
        let w = p.waivers.get(&loan.loan_id).copied().unwrap_or_default();
        if w.default_interest > loan.default_interest
            || w.fees > loan.fees
            || w.interest > loan.interest
            || w.total().0 < 0
        {
            return Err(ConsolidationError::WaiverTooLarge(loan.contract_no.clone()));
        }
        // Waived interest comes off the youngest interest first, so what is a year old stays
        // capitalisable as long as possible.
        let year_old_left = loan.interest_year_old.min(loan.interest - w.interest);
        let capitalised = if p.capitalise_with_consent { year_old_left } else { Satang::ZERO };
        let entry = funds.entry(loan.fund_id).or_insert_with(|| FundTotals {
            fund_name: loan.fund_name.clone(),
            rate_weight: Vec::new(),
            rec: FundReconciliation {
                fund_id: loan.fund_id,
                fund_name: loan.fund_name.clone(),
                old_principal: Satang::ZERO,
                old_interest: Satang::ZERO,
                old_default_interest: Satang::ZERO,
                old_fees: Satang::ZERO,
                waived: Satang::ZERO,
                capitalised: Satang::ZERO,
                new_principal: Satang::ZERO,
                carried: Satang::ZERO,
            },
        });
        entry.rate_weight.push((loan.principal, loan.rate));
        let r = &mut entry.rec;
        r.old_principal += loan.principal;
        r.old_interest += loan.interest;
        r.old_default_interest += loan.default_interest;
        r.old_fees += loan.fees;
        r.waived += w.total();
        r.capitalised += capitalised;
        r.new_principal += loan.principal + capitalised;
        r.carried += loan.interest + loan.default_interest + loan.fees - w.total() - capitalised;
    }
    Ok(funds)
}

/// Builds the consolidated contract: tranches, household installments and the per-fund
/// reconciliation.
pub fn build(p: &Proposal) -> Result<Consolidation, ConsolidationError> {
    if p.loans.is_empty() {
        return Err(ConsolidationError::NoLoans);
    }
    let funds = fund_totals(p)?;
    let common_rate = match p.policy {
        RatePolicy::Unified { rate } => Some(rate),
        RatePolicy::Weighted => Some(weighted_rate(p.loans.iter().map(|l| (l.principal, l.rate)))),
        RatePolicy::Tranches => None,
    };
    let parts: Vec<(FundReconciliation, AnnualRate)> = funds
        .into_values()
        .map(|f| {
            let rate = common_rate.unwrap_or_else(|| weighted_rate(f.rate_weight.into_iter()));
            let _ = f.fund_name;
            (f.rec, rate)
        })
        .collect();
    let periods = match p.term {
        TermChoice::Periods(n) => n,
        TermChoice::Capacity(capacity) => shortest_term(p, &parts, capacity)?,
    };
    let c = assemble(p, &parts, periods)?;
    if let Some(bad) = c.reconciliation.iter().find(|r| !r.balances()) {
        return Err(ConsolidationError::Unbalanced(bad.fund_name.clone()));
    }
    Ok(c)
}

fn assemble(
    p: &Proposal,
    parts: &[(FundReconciliation, AnnualRate)],
    periods: u32,
) -> Result<Consolidation, ConsolidationError> {
    if periods > MAX_TERM_YEARS * p.frequency.per_year() {
        return Err(ScheduleError::TooLong.into());
    }
    let mut dates = schedule::due_dates(p.as_of, p.frequency, periods);
    let mut tranches = Vec::with_capacity(parts.len());
    for (rec, rate) in parts {
        let schedule = if rec.new_principal.is_positive() {
            schedule::amortize(
                &Amortization {
                    principal: rec.new_principal,
                    rate: *rate,
                    method: p.method,
                    periods_per_year: p.frequency.per_year(),
                    start: p.as_of,
                    day_count: p.day_count,
                    round_up_baht: p.round_up_baht,
                },
                &dates,
            )?
        } else {
            Schedule::default()
        };
        tranches.push(Tranche {
            fund_id: rec.fund_id,
            fund_name: rec.fund_name.clone(),
            rate: *rate,
            principal: rec.new_principal,
            carried: rec.carried,
            schedule,
            carried_parts: installment_parts(rec.carried, periods),
        });
    }
    // A contract too small for its term (every part shorter than asked) ends with its last
    // installment that asks for something: no household installment is 0.00 either.
    let used = tranches
        .iter()
        .map(|t| {
            let carried =
                t.carried_parts.iter().rposition(|c| c.is_positive()).map_or(0, |i| i + 1);
            t.schedule.installments.len().max(carried)
        })
        .max()
        .unwrap_or(0)
        .max(1);
    dates.truncate(used);
    for t in &mut tranches {
        t.carried_parts.truncate(used);
    }
    let periods = used as u32;
    let installments = dates
        .iter()
        .enumerate()
        .map(|(i, due)| {
            let mut h = HouseholdInstallment {
                no: i as u32 + 1,
                due_date: *due,
                principal: Satang::ZERO,
                interest: Satang::ZERO,
                carried: Satang::ZERO,
            };
            for t in &tranches {
                if let Some(inst) = t.schedule.installments.get(i) {
                    h.principal += inst.principal;
                    h.interest += inst.interest;
                }
                h.carried += t.carried_parts[i];
            }
            h
        })
        .collect();
    Ok(Consolidation {
        as_of: p.as_of,
        periods,
        tranches,
        installments,
        reconciliation: parts.iter().map(|(r, _)| r.clone()).collect(),
    })
}

/// `total` in `n` equal parts to the satang; the last part takes the remainder.
pub fn even_parts(total: Satang, n: u32) -> Vec<Satang> {
    if n == 0 {
        return Vec::new();
    }
    let each = Satang(total.0 / i64::from(n));
    let mut parts = vec![each; n as usize];
    parts[n as usize - 1] = total - each * (i64::from(n) - 1);
    parts
}

/// `total` repaid with `n` installments: equal parts to the satang, the last taking the remainder
/// ([`even_parts`]); but less than a satang per installment is never a run of 0.00 parts ending in
/// the whole amount (issue 17 §A5: 0.04 over 24 was 23 × 0.00 + 0.04): the first installments take
/// one satang each and the rest take nothing, so the part is repaid over fewer installments.
pub fn installment_parts(total: Satang, n: u32) -> Vec<Satang> {
    if total.is_positive() && total.0 < i64::from(n) {
        let mut parts = vec![Satang::ZERO; n as usize];
        for part in parts.iter_mut().take(total.0 as usize) {
            *part = Satang(1);
        }
        return parts;
    }
    even_parts(total, n)
}

/// The shortest term whose largest household installment does not exceed `capacity`. Any fitting
/// term needs at least (principal + carried) / capacity installments, so the search starts there
/// and walks up; the first fit is therefore the minimum.
fn shortest_term(
    p: &Proposal,
    parts: &[(FundReconciliation, AnnualRate)],
    capacity: Satang,
) -> Result<u32, ConsolidationError> {
    let owed: i64 = parts.iter().map(|(r, _)| r.new_principal.0 + r.carried.0).sum();
    let max = MAX_TERM_YEARS * p.frequency.per_year();
    let too_small = |p: &Proposal| -> ConsolidationError {
        let needed = assemble(p, parts, max).map(|c| c.max_installment()).unwrap_or_default();
        ConsolidationError::CapacityTooSmall { capacity, needed }
    };
    if !capacity.is_positive() {
        return Err(too_small(p));
    }
    let start = u32::try_from((owed + capacity.0 - 1) / capacity.0).unwrap_or(u32::MAX).max(1);
    for n in start..=max {
        match assemble(p, parts, n) {
            Ok(c) if c.max_installment() <= capacity => return Ok(n),
            Ok(_) | Err(ConsolidationError::Schedule(ScheduleError::RoundingOvershoots)) => {
                continue;
            }
            Err(e) => return Err(e),
        }
    }
    Err(too_small(p))
}

#[cfg(test)]
#[path = "consolidation_tests.rs"]
mod tests;
