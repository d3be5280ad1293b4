//! Repayment schedules: flat, annuity and equal-principal methods, due dates, day counts and the
//! whole-baht rounding option. The rules are those of issue 2 and must agree to the satang.

use std::fmt;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::accrual::interest_for_days;
use super::money::Satang;
use super::rate::AnnualRate;

/// Loans longer than this are data-entry errors for a community fund (and keep (1+r)^n exact).
pub const MAX_TERM_YEARS: u32 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// ดอกเบี้ยคงที่: interest on the original principal for the whole term, spread evenly.
    Flat,
    /// ลดต้นลดดอก ผ่อนเท่ากันทุกงวด.
    Annuity,
    /// ลดต้นลดดอก เงินต้นเท่ากันทุกงวด.
    EqualPrincipal,
}

impl Method {
    pub const ALL: &[Method] = &[Method::Annuity, Method::EqualPrincipal, Method::Flat];

    pub fn code(self) -> &'static str {
        match self {
            Method::Flat => "flat",
            Method::Annuity => "annuity",
            Method::EqualPrincipal => "equal-principal",
        }
    }

    pub fn from_code(code: &str) -> Option<Method> {
        Method::ALL.iter().copied().find(|m| m.code() == code)
    }

    /// Declining-balance methods charge interest for the days a principal is held.
    pub fn is_declining(self) -> bool {
        !matches!(self, Method::Flat)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Flat => "ดอกเบี้ยคงที่ (เงินต้นคงที่)",
            Method::Annuity => "ลดต้นลดดอก ผ่อนเท่ากันทุกงวด",
            Method::EqualPrincipal => "ลดต้นลดดอก เงินต้นเท่ากันทุกงวด",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

impl Frequency {
    pub const ALL: &[Frequency] =
        &[Frequency::Monthly, Frequency::Quarterly, Frequency::HalfYearly, Frequency::Yearly];

    pub fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
            Frequency::Yearly => 12,
        }
    }

    pub fn per_year(self) -> u32 {
        12 / self.months()
    }

    pub fn code(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::HalfYearly => "half-yearly",
            Frequency::Yearly => "yearly",
        }
    }

    pub fn from_code(code: &str) -> Option<Frequency> {
        Frequency::ALL.iter().copied().find(|f| f.code() == code)
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Frequency::Monthly => "รายเดือน",
            Frequency::Quarterly => "รายไตรมาส (3 เดือน)",
            Frequency::HalfYearly => "รายครึ่งปี (6 เดือน)",
            Frequency::Yearly => "รายปี",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayCount {
    /// rate / periods-per-year for every period, whatever its length.
    Period,
    /// rate × actual days / 365.
    Actual365,
}

impl DayCount {
    pub const ALL: &[DayCount] = &[DayCount::Period, DayCount::Actual365];

    pub fn code(self) -> &'static str {
        match self {
            DayCount::Period => "period",
            DayCount::Actual365 => "actual365",
        }
    }

    pub fn from_code(code: &str) -> Option<DayCount> {
        DayCount::ALL.iter().copied().find(|d| d.code() == code)
    }
}

impl fmt::Display for DayCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DayCount::Period => "ตามงวด",
            DayCount::Actual365 => "ตามจำนวนวันจริง/365",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("เงินต้นต้องมากกว่าศูนย์")]
    ZeroPrincipal,
    #[error("จำนวนงวดต้องอย่างน้อย 1 งวด")]
    NoPeriods,
    #[error("ระยะเวลาผ่อนยาวเกิน {MAX_TERM_YEARS} ปี")]
    TooLong,
    #[error("ปัดงวดขึ้นเป็นบาทเต็มแล้วผ่อนหมดก่อนงวดสุดท้าย กรุณาลดจำนวนงวด")]
    RoundingOvershoots,
}

/// The terms a schedule is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub principal: Satang,
    pub rate: AnnualRate,
    pub method: Method,
    pub frequency: Frequency,
    pub periods: u32,
    pub start: NaiveDate,
    pub day_count: DayCount,
    pub round_up_baht: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    pub no: u32,
    pub due_date: NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    /// Principal still owed after this installment is paid as scheduled.
    pub balance: Satang,
}

impl Installment {
    pub fn payment(&self) -> Satang {
        self.principal + self.interest
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Schedule {
    pub installments: Vec<Installment>,
}

impl Schedule {
    pub fn total_principal(&self) -> Satang {
        self.installments.iter().map(|i| i.principal).sum()
    }

    pub fn total_interest(&self) -> Satang {
        self.installments.iter().map(|i| i.interest).sum()
    }

    pub fn total_payment(&self) -> Satang {
        self.installments.iter().map(Installment::payment).sum()
    }

    pub fn end_date(&self) -> Option<NaiveDate> {
        self.installments.last().map(|i| i.due_date)
    }

    /// The regular installment (the first one; the last may differ).
    pub fn first_payment(&self) -> Satang {
        self.installments.first().map(Installment::payment).unwrap_or_default()
    }

    /// The largest installment of the schedule.
    pub fn max_payment(&self) -> Satang {
        self.installments.iter().map(Installment::payment).max().unwrap_or_default()
    }
}

/// Installment `i` falls `i × months` after the start, on the start's day of the month clamped to
/// the month's end: 31 Jan → 28 Feb → 31 Mar (always counted from the start, never chained).
pub fn due_date(start: NaiveDate, months_per_period: u32, i: u32) -> NaiveDate {
    start.checked_add_months(Months::new(months_per_period * i)).unwrap_or(NaiveDate::MAX)
}

pub fn due_dates(start: NaiveDate, frequency: Frequency, periods: u32) -> Vec<NaiveDate> {
    (1..=periods).map(|i| due_date(start, frequency.months(), i)).collect()
}

/// The periodic rate r = rate / 100 / periods-per-year.
pub fn periodic_rate(rate: AnnualRate, periods_per_year: u32) -> Decimal {
    rate.fraction() / Decimal::from(periods_per_year)
}

/// Interest of one declining-balance period, rounded to the satang.
pub fn period_interest(
    balance: Satang,
    rate: AnnualRate,
    periods_per_year: u32,
    day_count: DayCount,
    from: NaiveDate,
    to: NaiveDate,
) -> Satang {
    match day_count {
        // Divided last, so an exact half satang is never lost to a rate that cannot be held
        // exactly (5% / 12 = 0.00416…).
        DayCount::Period => Satang::from_decimal(
            balance.to_decimal() * rate.fraction() / Decimal::from(periods_per_year),
        ),
        DayCount::Actual365 => interest_for_days(balance, rate, (to - from).num_days()),
    }
}

/// The level payment P·r / (1 − (1+r)^−n), unrounded; P/n when r is zero.
pub fn annuity_payment(principal: Satang, r: Decimal, n: u32) -> Decimal {
    let p = principal.to_decimal();
    if r.is_zero() {
        return p / Decimal::from(n);
    }
    let mut growth = Decimal::ONE;
    for _ in 0..n {
        growth *= Decimal::ONE + r;
    }
    p * r / (Decimal::ONE - Decimal::ONE / growth)
}

/// What [`amortize`] needs besides the due dates: the schedule engine for any date set (the
/// restructuring plan's harvest months use it too).
#[derive(Debug, Clone, Copy)]
pub struct Amortization {
    pub principal: Satang,
    pub rate: AnnualRate,
    pub method: Method,
    pub periods_per_year: u32,
    pub start: NaiveDate,
    pub day_count: DayCount,
    pub round_up_baht: bool,
}

pub fn build(terms: &Terms) -> Result<Schedule, ScheduleError> {
    if terms.periods > MAX_TERM_YEARS * terms.frequency.per_year() {
        return Err(ScheduleError::TooLong);
    }
    let dates = due_dates(terms.start, terms.frequency, terms.periods);
    amortize(
        &Amortization {
            principal: terms.principal,
            rate: terms.rate,
            method: terms.method,
            periods_per_year: terms.frequency.per_year(),
            start: terms.start,
            day_count: terms.day_count,
            round_up_baht: terms.round_up_baht,
        },
        &dates,
    )
}

/// Builds the installments on the given due dates. Every schedule sums to the principal exactly:
/// the last installment takes what rounding left over. No installment is 0.00: a principal too
/// small for its term (less than a satang per installment, issue 17 §A5) is repaid over fewer
/// installments, on the first due dates, as many as can each take something.
pub fn amortize(spec: &Amortization, dates: &[NaiveDate]) -> Result<Schedule, ScheduleError> {
    if !spec.principal.is_positive() {
        return Err(ScheduleError::ZeroPrincipal);
    }
    if dates.is_empty() {
        return Err(ScheduleError::NoPeriods);
    }
    let full = lay_out(spec, dates);
    let overshoots = full.iter().any(|i| i.principal.0 < 0 || i.interest.0 < 0);
    let empty = full.iter().any(|i| i.payment().is_zero());
    if !overshoots && !empty {
        return Ok(Schedule { installments: full });
    }
    // Whole-baht rounding that pays off early is the officer's choice to revisit (fewer
    // installments); only a principal too small for the term is shortened here.
    if overshoots && !empty && spec.round_up_baht {
        return Err(ScheduleError::RoundingOvershoots);
    }
    let most = (dates.len() - 1).min(usize::try_from(spec.principal.0).unwrap_or(usize::MAX));
    for n in (1..=most).rev() {
        let shorter = lay_out(spec, &dates[..n]);
        if shorter
            .iter()
            .all(|i| i.payment().is_positive() && i.principal.0 >= 0 && i.interest.0 >= 0)
        {
            return Ok(Schedule { installments: shorter });
        }
    }
    Err(ScheduleError::RoundingOvershoots)
}

/// The installments of `spec` on exactly these dates, as the method computes them (parts may
/// come out 0.00 or negative for a principal too small for the term: [`amortize`] checks).
fn lay_out(spec: &Amortization, dates: &[NaiveDate]) -> Vec<Installment> {
    let n = dates.len() as u32;
    let r = periodic_rate(spec.rate, spec.periods_per_year);
    let whole = |amount: Satang| if spec.round_up_baht { amount.ceil_baht() } else { amount };
    let even_principal =
        whole(Satang::from_decimal(spec.principal.to_decimal() / Decimal::from(n)));

    let mut installments = Vec::with_capacity(dates.len());
    let mut balance = spec.principal;
    let mut previous = spec.start;

    match spec.method {
        Method::Flat => {
            // principal × rate × n / periods a year, divided last (issue 11 §2).
            let total_interest = Satang::from_decimal(
                spec.principal.to_decimal() * spec.rate.fraction() * Decimal::from(n)
                    / Decimal::from(spec.periods_per_year),
            );
            let even_interest =
                Satang::from_decimal(total_interest.to_decimal() / Decimal::from(n));
            let even_principal = if spec.round_up_baht {
                whole(
                    Satang::from_decimal(spec.principal.to_decimal() / Decimal::from(n))
                        + even_interest,
                ) - even_interest
            } else {
                even_principal
            };
            for (i, due) in dates.iter().enumerate() {
                let last = i + 1 == dates.len();
                let interest = if last {
                    total_interest - even_interest * (n as i64 - 1)
                } else {
                    even_interest
                };
                let principal = if last { balance } else { even_principal };
                balance -= principal;
                installments.push(Installment {
                    no: i as u32 + 1,
                    due_date: *due,
                    principal,
                    interest,
                    balance,
                });
            }
        }
        Method::Annuity | Method::EqualPrincipal => {
            let level = whole(Satang::from_decimal(annuity_payment(spec.principal, r, n)));
            for (i, due) in dates.iter().enumerate() {
                let last = i + 1 == dates.len();
                let interest = period_interest(
                    balance,
                    spec.rate,
                    spec.periods_per_year,
                    spec.day_count,
                    previous,
                    *due,
                );
                let principal = if last {
                    balance
                } else if spec.method == Method::Annuity {
                    level - interest
                } else {
                    even_principal
                };
                balance -= principal;
                previous = *due;
                installments.push(Installment {
                    no: i as u32 + 1,
                    due_date: *due,
                    principal,
                    interest,
                    balance,
                });
            }
        }
    }
    installments
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn terms(method: Method, frequency: Frequency, periods: u32) -> Terms {
        Terms {
            principal: Satang::from_baht(10_000),
            rate: AnnualRate::from_bp(1200).unwrap(),
            method,
            frequency,
            periods,
            start: ymd(2025, 1, 31),
            day_count: DayCount::Period,
            round_up_baht: false,
        }
    }

    fn row(s: &Schedule, no: usize) -> (i64, i64, i64, i64) {
        let i = &s.installments[no - 1];
        (i.principal.0, i.interest.0, i.payment().0, i.balance.0)
    }

    #[test]
    fn due_dates_clamp_to_month_end_without_chaining() {
        let dates = due_dates(ymd(2025, 1, 31), Frequency::Monthly, 3);
        assert_eq!(dates, vec![ymd(2025, 2, 28), ymd(2025, 3, 31), ymd(2025, 4, 30)]);
        let leap = due_dates(ymd(2023, 2, 28), Frequency::Yearly, 2);
        assert_eq!(leap, vec![ymd(2024, 2, 28), ymd(2025, 2, 28)]);
        let quarters = due_dates(ymd(2024, 11, 30), Frequency::Quarterly, 2);
        assert_eq!(quarters, vec![ymd(2025, 2, 28), ymd(2025, 5, 30)]);
    }

    // Known answer: numpy_financial.pmt(0.01, 12, -10000) = 888.4878867834...; the spreadsheet
    // amortisation with interest ROUND(balance×1%, 2) and principal = 888.49 − interest gives
    // rows 1, 2 and 12 below (the last row takes the remaining 879.67: 879.67 + 8.80 = 888.47).
    // Cross-checked with tests/oracles/schedule.py.
    #[test]
    fn annuity_matches_the_spreadsheet_to_the_satang() {
        let s = build(&terms(Method::Annuity, Frequency::Monthly, 12)).unwrap();
        assert_eq!(s.installments[0].due_date, ymd(2025, 2, 28));
        assert_eq!(row(&s, 1), (78_849, 10_000, 88_849, 921_151));
        assert_eq!(row(&s, 2), (79_637, 9_212, 88_849, 841_514));
        assert_eq!(row(&s, 12), (87_967, 880, 88_847, 0));
        assert_eq!(s.total_principal(), Satang::from_baht(10_000));
        assert_eq!(s.total_interest(), Satang(66_186));
    }

    // Hand calculation: 10,000 / 12 = 833.33 principal; interest 1% of each opening balance:
    // 100.00, 91.67, … the last principal is 10,000 − 11 × 833.33 = 833.37 with 8.33 interest.
    #[test]
    fn equal_principal_keeps_principal_level_and_interest_falls() {
        let s = build(&terms(Method::EqualPrincipal, Frequency::Monthly, 12)).unwrap();
        assert_eq!(row(&s, 1), (83_333, 10_000, 93_333, 916_667));
        assert_eq!(row(&s, 2), (83_333, 9_167, 92_500, 833_334));
        assert_eq!(row(&s, 12), (83_337, 833, 84_170, 0));
        assert_eq!(s.total_interest(), Satang(65_000));
    }

    // Hand calculation: T = 10,000 × 12% × 12/12 = 1,200.00; 100.00 interest and 833.33
    // principal a month; the last installment takes principal 833.37 and interest 100.00.
    #[test]
    fn flat_spreads_total_interest_evenly() {
        let s = build(&terms(Method::Flat, Frequency::Monthly, 12)).unwrap();
        assert_eq!(row(&s, 1), (83_333, 10_000, 93_333, 916_667));
        assert_eq!(row(&s, 12), (83_337, 10_000, 93_337, 0));
        assert_eq!(s.total_interest(), Satang::from_baht(1_200));
    }

    // Hand calculation: 10,000 at 7% flat over 7 months: T = round2(10000 × 0.07 × 7/12) = 408.33;
    // 408.33 / 7 = 58.33 (×6 = 349.98) so the last carries 58.35.
    #[test]
    fn flat_interest_remainder_goes_to_the_last_installment() {
        let mut t = terms(Method::Flat, Frequency::Monthly, 7);
        t.rate = AnnualRate::from_bp(700).unwrap();
        let s = build(&t).unwrap();
        assert_eq!(s.total_interest(), Satang(40_833));
        assert_eq!(s.installments[0].interest, Satang(5_833));
        assert_eq!(s.installments[6].interest, Satang(5_835));
        assert_eq!(s.installments[0].principal, Satang(142_857));
        assert_eq!(s.installments[6].principal, Satang(142_858));
    }

    // Known answer: numpy_financial.pmt(0.12, 3, -10000) = 4163.4898...; yearly harvest loans:
    // interest 1,200.00, 844.38, 446.09 (ROUND(balance × 12%, 2); tests/oracles/schedule.py).
    #[test]
    fn yearly_annuity_for_harvest_repayment() {
        let s = build(&terms(Method::Annuity, Frequency::Yearly, 3)).unwrap();
        assert_eq!(s.installments[0].due_date, ymd(2026, 1, 31));
        assert_eq!(row(&s, 1), (296_349, 120_000, 416_349, 703_651));
        assert_eq!(row(&s, 2), (331_911, 84_438, 416_349, 371_740));
        assert_eq!(row(&s, 3), (371_740, 44_609, 416_349, 0));
    }

    // Known answer: numpy_financial.pmt(0.03, 4, -10000) = 2690.27045...: quarterly at 12%.
    #[test]
    fn quarterly_uses_a_quarter_of_the_annual_rate() {
        let s = build(&terms(Method::Annuity, Frequency::Quarterly, 4)).unwrap();
        assert_eq!(s.installments[0].payment(), Satang(269_027));
        assert_eq!(s.installments[0].interest, Satang(30_000));
        assert_eq!(s.installments[0].due_date, ymd(2025, 4, 30));
    }

    // Known answer: numpy_financial.pmt(0.06, 2, -10000) = 5454.3689...: half-yearly at 12%.
    #[test]
    fn half_yearly_uses_half_the_annual_rate() {
        let s = build(&terms(Method::Annuity, Frequency::HalfYearly, 2)).unwrap();
        assert_eq!(row(&s, 1), (485_437, 60_000, 545_437, 514_563));
        assert_eq!(row(&s, 2), (514_563, 30_874, 545_437, 0));
    }

    // Hand calculation with actual/365: 31 Jan → 28 Feb is 28 days:
    // 10,000 × 0.12 × 28/365 = 92.05; principal 888.49 − 92.05 = 796.44; then 28 Feb → 31 Mar is
    // 31 days on 9,203.56: 93.80.
    #[test]
    fn actual_365_counts_the_days_of_each_period() {
        let mut t = terms(Method::Annuity, Frequency::Monthly, 12);
        t.day_count = DayCount::Actual365;
        let s = build(&t).unwrap();
        assert_eq!(row(&s, 1), (79_644, 9_205, 88_849, 920_356));
        assert_eq!(s.installments[1].interest, Satang(9_380));
        assert_eq!(s.total_principal(), Satang::from_baht(10_000));
    }

    // With whole-baht rounding the level payment 888.49 becomes 889.00; the last installment
    // absorbs the difference.
    #[test]
    fn round_up_baht_rounds_installments_up_and_the_last_absorbs_it() {
        let mut t = terms(Method::Annuity, Frequency::Monthly, 12);
        t.round_up_baht = true;
        let s = build(&t).unwrap();
        assert!(s.installments[..11].iter().all(|i| i.payment() == Satang::from_baht(889)));
        assert!(s.installments[11].payment() < Satang::from_baht(889));
        assert_eq!(s.total_principal(), Satang::from_baht(10_000));

        let mut t = terms(Method::EqualPrincipal, Frequency::Monthly, 12);
        t.round_up_baht = true;
        let s = build(&t).unwrap();
        assert_eq!(s.installments[0].principal, Satang::from_baht(834));
        assert_eq!(s.installments[11].principal, Satang::from_baht(826));

        let mut t = terms(Method::Flat, Frequency::Monthly, 12);
        t.round_up_baht = true;
        let s = build(&t).unwrap();
        assert_eq!(s.installments[0].payment(), Satang::from_baht(934));
        assert_eq!(s.total_principal(), Satang::from_baht(10_000));
    }

    #[test]
    fn a_zero_rate_repays_principal_only() {
        let mut t = terms(Method::Annuity, Frequency::Monthly, 3);
        t.rate = AnnualRate::ZERO;
        let s = build(&t).unwrap();
        assert_eq!(s.total_interest(), Satang::ZERO);
        assert_eq!(row(&s, 1).0, 333_333);
        assert_eq!(row(&s, 3).0, 333_334);
    }

    #[rstest]
    #[case(0, 12, ScheduleError::ZeroPrincipal)]
    #[case(10_000, 0, ScheduleError::NoPeriods)]
    #[case(10_000, 601, ScheduleError::TooLong)]
    fn impossible_terms_are_refused(
        #[case] baht: i64,
        #[case] periods: u32,
        #[case] error: ScheduleError,
    ) {
        let mut t = terms(Method::Annuity, Frequency::Monthly, periods);
        t.principal = Satang::from_baht(baht);
        assert_eq!(build(&t), Err(error));
    }

    #[test]
    fn whole_baht_rounding_that_overshoots_is_refused() {
        let mut t = terms(Method::EqualPrincipal, Frequency::Monthly, 12);
        t.principal = Satang::from_baht(10);
        t.round_up_baht = true;
        assert_eq!(build(&t), Err(ScheduleError::RoundingOvershoots));
    }

    #[test]
    fn codes_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::from_code(m.code()), Some(*m));
        }
        for f in Frequency::ALL {
            assert_eq!(Frequency::from_code(f.code()), Some(*f));
        }
        for d in DayCount::ALL {
            assert_eq!(DayCount::from_code(d.code()), Some(*d));
        }
    }
}
