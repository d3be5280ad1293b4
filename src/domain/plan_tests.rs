//! Known answers and properties of restructuring plans. The worked contract: 12,000.00 principal
//! at 6% a year, 300.00 interest in arrears, 500.00 default interest and 100.00 fees, as of
//! 21 Nov 2025. Level payments are numpy_financial.pmt at 0.5% a month.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn owed() -> Outstanding {
    Outstanding {
        as_of: ymd(2025, 11, 21),
        principal: Satang::from_baht(12_000),
        interest: Satang::from_baht(300),
        default_interest: Satang::from_baht(500),
        fees: Satang::from_baht(100),
        rate: AnnualRate::from_bp(600).unwrap(),
    }
}

fn options(sizing: Sizing) -> PlanOptions {
    PlanOptions {
        sizing,
        cadence: Cadence::Regular(Frequency::Monthly),
        grace: None,
        step_up_bp: 0,
        rate: None,
        waive_default_interest: true,
        waive_fees: true,
        release_default_interest: None,
    }
}

fn totals(p: &Plan) -> Vec<i64> {
    p.installments.iter().map(|i| i.total().0).collect()
}

// pmt(0.005, 12, -12000) = 1032.7972 → 1032.80; 300.00 arrears / 12 = 25.00 interest-free.
#[test]
fn a_term_gives_the_level_installment_plus_carried_arrears() {
    let p = build(&owed(), &options(Sizing::Periods(12))).unwrap();
    assert_eq!(p.installments[0].interest, Satang::from_baht(60));
    assert_eq!(p.installments[0].principal, Satang(97_280));
    assert_eq!(p.installments[0].carried, Satang(2_500));
    assert_eq!(p.regular_installment(), Satang(105_780));
    assert_eq!(p.waived, Satang::from_baht(600));
    assert_eq!(p.carried, Satang::from_baht(300));
    assert_eq!(p.installments.last().unwrap().balance, Satang::ZERO);
    assert_eq!(p.end_date(), Some(ymd(2026, 11, 21)));
}

// At 11 installments pmt(0.005, 11, -12000) = 1123.78 plus 27.27 > 1,100; at 12: 1,057.80 fits.
#[test]
fn a_capacity_gives_the_shortest_term_that_fits() {
    let p = build(&owed(), &options(Sizing::Capacity(Satang::from_baht(1_100)))).unwrap();
    assert_eq!(p.periods(), 12);
    assert!(p.max_installment() <= Satang::from_baht(1_100));
}

// Interest-only for 3 months: 12,000 × 0.5% = 60.00 each; then pmt(0.005, 9, -12000) = 1366.89
// with 300.00 / 9 = 33.33 carried (the last carries 33.36).
#[test]
fn interest_only_grace_then_amortisation() {
    let mut o = options(Sizing::Periods(12));
    o.grace = Some(Grace { periods: 3, kind: GraceKind::InterestOnly });
    let p = build(&owed(), &o).unwrap();
    assert_eq!(&totals(&p)[..3], &[6_000, 6_000, 6_000]);
    assert_eq!(p.installments[3].principal + p.installments[3].interest, Satang(136_689));
    assert_eq!(p.installments[3].carried, Satang(3_333));
    assert_eq!(p.installments[11].carried, Satang(3_336));
}

// A two-month holiday: nothing due; its interest (60.00 + 60.00, on principal only) is added
// evenly to the 10 remaining installments with the arrears: (300 + 120) / 10 = 42.00.
#[test]
fn a_payment_holiday_adds_its_interest_evenly_without_compounding() {
    let mut o = options(Sizing::Periods(12));
    o.grace = Some(Grace { periods: 2, kind: GraceKind::Holiday });
    let p = build(&owed(), &o).unwrap();
    assert_eq!(&totals(&p)[..2], &[0, 0]);
    assert!(p.installments[2..].iter().all(|i| i.carried == Satang(4_200)));
    // pmt(0.005, 10, -12000) = 1233.25: the balance did not grow during the holiday.
    assert_eq!(p.installments[2].principal + p.installments[2].interest, Satang(123_325));
}

#[test]
fn step_up_grows_the_installment_each_year() {
    let mut o = options(Sizing::Periods(24));
    o.step_up_bp = 1_000;
    o.waive_default_interest = true;
    let p = build(&owed(), &o).unwrap();
    let pi = |k: usize| (p.installments[k].principal + p.installments[k].interest).0;
    let first = pi(0);
    for k in 12..23 {
        assert_eq!(pi(k), (first * 11 + 5) / 10, "installment {}", k + 1);
    }
    assert_eq!(p.installments.last().unwrap().balance, Satang::ZERO);
    assert!(pi(23) > first);
}

// Harvest months March and November: from 21 Nov 2025 the dates are 21 Mar and 21 Nov of each
// year; interest counts actual days: 12,000 × 6% × 120 / 365 = 236.71.
#[test]
fn harvest_months_only() {
    let mut o = options(Sizing::Periods(4));
    o.cadence = Cadence::Harvest(vec![11, 3]);
    let p = build(&owed(), &o).unwrap();
    let dates: Vec<NaiveDate> = p.installments.iter().map(|i| i.due_date).collect();
    assert_eq!(
        dates,
        vec![ymd(2026, 3, 21), ymd(2026, 11, 21), ymd(2027, 3, 21), ymd(2027, 11, 21)]
    );
    assert_eq!(p.installments[0].interest, Satang(23_671));
}

#[test]
fn a_reduced_rate_and_a_set_aside_for_release() {
    let mut o = options(Sizing::Periods(12));
    o.rate = Some(AnnualRate::from_bp(300).unwrap());
    o.waive_default_interest = false;
    o.waive_fees = false;
    o.release_default_interest =
        Some(ReleaseTerms { every: 6, max_days_late: 7, break_after_missed: 3 });
    let p = build(&owed(), &o).unwrap();
    assert_eq!(p.rate.bp(), 300);
    assert_eq!(p.installments[0].interest, Satang(3_000));
    assert_eq!(p.released_if_kept(), Satang::from_baht(500));
    assert_eq!(
        p.carried,
        Satang::from_baht(400),
        "fees not waived are carried; default interest is set aside"
    );
    assert_eq!(p.waived, Satang::ZERO);
}

#[test]
fn bad_plans_are_refused() {
    let mut o = options(Sizing::Periods(12));
    o.rate = Some(AnnualRate::from_bp(900).unwrap());
    assert_eq!(
        build(&owed(), &o),
        Err(PlanError::RateNotReduced(AnnualRate::from_bp(600).unwrap()))
    );
    let mut o = options(Sizing::Periods(3));
    o.grace = Some(Grace { periods: 3, kind: GraceKind::InterestOnly });
    assert_eq!(build(&owed(), &o), Err(PlanError::TooFewPeriods(3)));
    let o = options(Sizing::Capacity(Satang::from_baht(50)));
    assert!(matches!(build(&owed(), &o), Err(PlanError::CapacityTooSmall { .. })));
    let mut o = options(Sizing::Periods(4));
    o.cadence = Cadence::Harvest(vec![13]);
    assert_eq!(build(&owed(), &o), Err(PlanError::NoHarvestMonths));
}

#[test]
fn the_balance_curve_starts_at_what_is_owed_and_ends_at_zero() {
    let p = build(&owed(), &options(Sizing::Periods(12))).unwrap();
    let curve = p.balance_curve();
    assert_eq!(curve[0], (ymd(2025, 11, 21), Satang::from_baht(12_300)));
    assert_eq!(curve.last().unwrap().1, Satang::ZERO);
    assert!(curve.windows(2).all(|w| w[1].1 <= w[0].1));
}

#[test]
fn parts_of_a_contract_add_up_and_fit_the_capacity_together() {
    let a = owed();
    let mut b = owed();
    b.principal = Satang::from_baht(5_000);
    b.rate = AnnualRate::from_bp(1200).unwrap();
    let mut o = options(Sizing::Capacity(Satang::from_baht(1_800)));
    o.rate = Some(AnnualRate::from_bp(900).unwrap());
    let (whole, parts) = build_parts(&[a, b], &o).unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0].rate.bp(), 600, "a fund below the reduced rate keeps its own");
    assert_eq!(parts[1].rate.bp(), 900, "a fund above it is reduced");
    assert!(whole.max_installment() <= Satang::from_baht(1_800));
    for (k, row) in whole.installments.iter().enumerate() {
        assert_eq!(
            row.total(),
            parts[0].installments[k].total() + parts[1].installments[k].total()
        );
    }
    let mut shorter = o.clone();
    shorter.sizing = Sizing::Periods(whole.periods() - 1);
    let (tighter, _) = build_parts(&[a, b], &shorter).unwrap();
    assert!(tighter.max_installment() > Satang::from_baht(1_800));
}

fn arb_options() -> impl Strategy<Value = (Outstanding, PlanOptions)> {
    (
        100_000i64..50_000_000,
        0i64..3_000_000,
        0i64..1_000_000,
        prop_oneof![Just(0i64), Just(300), Just(600), Just(1200), Just(1500)],
        0u8..3,
        0u32..4,
        prop_oneof![Just(0i64), Just(500), Just(1000)],
        0u8..3,
        any::<bool>(),
    )
        .prop_map(
            |(
                principal,
                interest,
                default,
                bp,
                grace_kind,
                grace_n,
                step_up_bp,
                cadence,
                waive,
            )| {
                let o = Outstanding {
                    as_of: ymd(2025, 11, 21),
                    principal: Satang(principal),
                    interest: Satang(interest),
                    default_interest: Satang(default),
                    fees: Satang::ZERO,
                    rate: AnnualRate::from_bp(bp).unwrap(),
                };
                let cadence = match cadence {
                    0 => Cadence::Regular(Frequency::Monthly),
                    1 => Cadence::Regular(Frequency::Quarterly),
                    _ => Cadence::Harvest(vec![3, 11]),
                };
                let grace = match grace_kind {
                    0 => None,
                    1 => Some(Grace { periods: grace_n, kind: GraceKind::InterestOnly }),
                    _ => Some(Grace { periods: grace_n, kind: GraceKind::Holiday }),
                };
                let opts = PlanOptions {
                    sizing: Sizing::Periods(24),
                    cadence,
                    grace,
                    step_up_bp,
                    rate: None,
                    waive_default_interest: waive,
                    waive_fees: true,
                    release_default_interest: None,
                };
                (o, opts)
            },
        )
}

proptest! {
    #[test]
    fn no_installment_exceeds_the_capacity_and_the_term_is_minimal((o, opts) in arb_options(), factor in 100i64..400) {
        // A capacity between the 24-installment plan's largest installment and 4 times it.
        let base = build(&o, &opts).unwrap();
        let capacity = Satang(base.max_installment().0 * factor / 100);
        let mut q = opts.clone();
        q.sizing = Sizing::Capacity(capacity);
        let p = build(&o, &q).unwrap();
        let grace = opts.grace.map(|g| g.periods).unwrap_or(0);
        let ppy = opts.cadence.per_year();
        for (i, row) in p.installments.iter().enumerate() {
            prop_assert!(row.total() <= capacity_for(capacity, opts.step_up_bp, grace, ppy, i as u32), "installment {} {} > {}", i + 1, row.total(), capacity);
        }
        if p.periods() > grace + 1 {
            let mut r = opts.clone();
            r.sizing = Sizing::Periods(p.periods() - 1);
            let shorter = build(&o, &r).unwrap();
            prop_assert!(!fits(&shorter.installments, capacity, &opts), "{} installments would fit too", p.periods() - 1);
        }
    }

    #[test]
    fn totals_reconcile_and_interest_is_charged_on_principal_only((o, opts) in arb_options()) {
        let p = build(&o, &opts).unwrap();
        let principal: Satang = p.installments.iter().map(|i| i.principal).sum();
        prop_assert_eq!(principal, p.principal);
        prop_assert_eq!(p.installments.last().unwrap().balance, Satang::ZERO);
        let ppy = opts.cadence.per_year();
        let mut balance = p.principal;
        let mut previous = o.as_of;
        let mut holiday = Satang::ZERO;
        for row in &p.installments {
            let expected = period_interest(balance, p.rate, ppy, opts.cadence.day_count(), previous, row.due_date);
            if row.total().is_zero() && row.principal.is_zero() {
                holiday += expected;
            } else {
                prop_assert_eq!(row.interest, expected);
            }
            balance -= row.principal;
            previous = row.due_date;
        }
        let carried: Satang = p.installments.iter().map(|i| i.carried).sum();
        prop_assert_eq!(carried, p.carried + holiday);
        prop_assert_eq!(o.principal + o.interest + o.default_interest + o.fees, p.principal + p.carried + p.waived + p.released_if_kept());
    }

    #[test]
    fn grace_installments_pay_only_interest_or_nothing((o, opts) in arb_options()) {
        let p = build(&o, &opts).unwrap();
        if let Some(g) = opts.grace {
            for row in &p.installments[..g.periods as usize] {
                prop_assert_eq!(row.principal, Satang::ZERO);
                prop_assert_eq!(row.carried, Satang::ZERO);
                match g.kind {
                    GraceKind::InterestOnly => prop_assert_eq!(row.total(), row.interest),
                    GraceKind::Holiday => prop_assert_eq!(row.total(), Satang::ZERO),
                }
            }
        }
    }
}
