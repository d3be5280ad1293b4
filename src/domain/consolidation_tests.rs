//! Known answers and properties of household consolidation.
//!
//! The worked household (computed by hand): three loans from three funds.
//! - กทบ. 6%: principal 30,000.00, interest 150.00, default interest 20.00.
//! - อท. 12%: principal 10,000.00, interest 1,200.00 of which 800.00 is overdue a year or more,
//!   default interest 150.00, fees 100.00.
//! - กขคจ. 3%: principal 20,000.00, nothing else owed.
//!
//! The committee waives all default interest and fees; the borrower consents in writing to
//! capitalising the year-old interest (s.655).

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn rate(bp: i64) -> AnnualRate {
    AnnualRate::from_bp(bp).unwrap()
}

#[allow(clippy::too_many_arguments)]
fn loan(
    id: i64,
    fund: i64,
    bp: i64,
    principal: i64,
    interest: i64,
    year_old: i64,
    default: i64,
    fees: i64,
) -> SourceLoan {
    SourceLoan {
        loan_id: id,
        contract_no: format!("ก.{id}/2568"),
        fund_id: fund,
        fund_name: format!("กองทุน {fund}"),
        borrower_id: 1,
        rate: rate(bp),
        principal: Satang::from_baht(principal),
        interest: Satang(interest),
        interest_year_old: Satang(year_old),
        default_interest: Satang(default),
        fees: Satang(fees),
    }
}

fn household() -> Vec<SourceLoan> {
    vec![
        loan(1, 10, 600, 30_000, 15_000, 0, 2_000, 0),
        loan(2, 20, 1200, 10_000, 120_000, 80_000, 15_000, 10_000),
        loan(3, 30, 300, 20_000, 0, 0, 0, 0),
    ]
}

fn proposal(policy: RatePolicy, term: TermChoice, consent: bool) -> Proposal {
    let loans = household();
    let waivers = loans.iter().map(|l| (l.loan_id, Waiver::penalties_of(l))).collect();
    Proposal {
        as_of: ymd(2025, 11, 21),
        loans,
        waivers,
        capitalise_with_consent: consent,
        policy,
        term,
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        day_count: DayCount::Period,
        round_up_baht: false,
    }
}

#[test]
fn each_fund_reconciles_to_the_satang() {
    let c = build(&proposal(RatePolicy::Weighted, TermChoice::Periods(12), true)).unwrap();
    let by_fund = |f: i64| c.reconciliation.iter().find(|r| r.fund_id == f).unwrap().clone();
    let a = by_fund(10);
    assert_eq!(
        (a.old_total(), a.waived, a.capitalised, a.new_principal, a.carried),
        (Satang(3_017_000), Satang(2_000), Satang::ZERO, Satang(3_000_000), Satang(15_000))
    );
    let b = by_fund(20);
    assert_eq!(
        (b.old_total(), b.waived, b.capitalised, b.new_principal, b.carried),
        (Satang(1_145_000), Satang(25_000), Satang(80_000), Satang(1_080_000), Satang(40_000))
    );
    let cc = by_fund(30);
    assert_eq!((cc.new_principal, cc.carried), (Satang(2_000_000), Satang::ZERO));
    assert!(c.reconciliation.iter().all(FundReconciliation::balances));
    assert_eq!(c.new_principal(), Satang(6_080_000));
    assert_eq!(c.carried(), Satang(55_000));
}

#[test]
fn without_written_consent_old_interest_is_carried_not_capitalised() {
    let c = build(&proposal(RatePolicy::Weighted, TermChoice::Periods(12), false)).unwrap();
    let b = c.reconciliation.iter().find(|r| r.fund_id == 20).unwrap();
    assert_eq!(b.capitalised, Satang::ZERO);
    assert_eq!(b.new_principal, Satang(1_000_000));
    assert_eq!(b.carried, Satang(120_000));
    assert!(b.balances());
}

// (30,000 × 6% + 10,000 × 12% + 20,000 × 3%) / 60,000 = 6.00% exactly.
#[test]
fn the_weighted_rate_is_the_principal_weighted_average() {
    assert_eq!(weighted_rate(household().iter().map(|l| (l.principal, l.rate))), rate(600));
    // (10,000 × 6% + 3,333 × 12%) / 13,333 = 7.49981…% → 7.50%.
    let parts = [(Satang::from_baht(10_000), rate(600)), (Satang::from_baht(3_333), rate(1200))];
    assert_eq!(weighted_rate(parts.into_iter()), rate(750));
}

// numpy_financial.pmt(0.005, 12, -30000) = 2581.9929; pmt(0.005, 12, -10800) = 929.5174;
// pmt(0.005, 12, -20000) = 1721.3286. Carried: 150.00 / 12 = 12.50; 400.00 / 12 = 33.33.
#[test]
fn under_one_rate_each_tranche_amortises_at_that_rate() {
    let c =
        build(&proposal(RatePolicy::Unified { rate: rate(600) }, TermChoice::Periods(12), true))
            .unwrap();
    let payments: Vec<i64> =
        c.tranches.iter().map(|t| t.schedule.installments[0].payment().0).collect();
    assert_eq!(payments, vec![258_199, 92_952, 172_133]);
    assert_eq!(c.tranches[0].carried_parts[0], Satang(1_250));
    assert_eq!(c.tranches[1].carried_parts[0], Satang(3_333));
    assert_eq!(c.tranches[1].carried_parts[11], Satang(3_337));
    assert_eq!(c.first_installment(), Satang(258_199 + 92_952 + 172_133 + 1_250 + 3_333));
    assert_eq!(c.installments[0].due_date, ymd(2025, 12, 21));
    assert_eq!(c.end_date(), Some(ymd(2026, 11, 21)));
}

// numpy_financial.pmt(0.01, 12, -10800) = 959.5669; pmt(0.0025, 12, -20000) = 1693.8740.
#[test]
fn under_tranches_each_fund_keeps_its_rate() {
    let c = build(&proposal(RatePolicy::Tranches, TermChoice::Periods(12), true)).unwrap();
    let rates: Vec<i64> = c.tranches.iter().map(|t| t.rate.bp()).collect();
    assert_eq!(rates, vec![600, 1200, 300]);
    let payments: Vec<i64> =
        c.tranches.iter().map(|t| t.schedule.installments[0].payment().0).collect();
    assert_eq!(payments, vec![258_199, 95_957, 169_387]);
}

#[test]
fn every_household_installment_is_the_sum_of_its_tranche_parts() {
    let c = build(&proposal(RatePolicy::Tranches, TermChoice::Periods(12), true)).unwrap();
    for (i, h) in c.installments.iter().enumerate() {
        let principal: Satang =
            c.tranches.iter().map(|t| t.schedule.installments[i].principal).sum();
        let carried: Satang = c.tranches.iter().map(|t| t.carried_parts[i]).sum();
        assert_eq!(h.principal, principal);
        assert_eq!(h.carried, carried);
    }
    let repaid: Satang = c.installments.iter().map(|h| h.principal + h.carried).sum();
    assert_eq!(repaid, c.new_principal() + c.carried());
}

#[test]
fn a_capacity_gives_the_shortest_term_that_fits() {
    let capacity = Satang::from_baht(3_000);
    let c = build(&proposal(RatePolicy::Weighted, TermChoice::Capacity(capacity), true)).unwrap();
    assert!(c.max_installment() <= capacity);
    let shorter =
        build(&proposal(RatePolicy::Weighted, TermChoice::Periods(c.periods - 1), true)).unwrap();
    assert!(shorter.max_installment() > capacity, "{} periods would also fit", c.periods - 1);
}

#[test]
fn a_capacity_below_the_interest_is_refused_with_the_minimum() {
    let err =
        build(&proposal(RatePolicy::Weighted, TermChoice::Capacity(Satang::from_baht(100)), true))
            .unwrap_err();
    assert!(matches!(err, ConsolidationError::CapacityTooSmall { .. }));
    assert!(err.to_string().contains("อย่างน้อยงวดละ"));
}

#[test]
fn a_waiver_larger_than_what_is_owed_is_refused() {
    let mut p = proposal(RatePolicy::Weighted, TermChoice::Periods(12), true);
    p.waivers.insert(1, Waiver { default_interest: Satang(2_001), ..Waiver::default() });
    assert_eq!(build(&p), Err(ConsolidationError::WaiverTooLarge("ก.1/2568".into())));
}

#[test]
fn no_loans_means_nothing_to_consolidate() {
    let mut p = proposal(RatePolicy::Weighted, TermChoice::Periods(12), true);
    p.loans.clear();
    assert_eq!(build(&p), Err(ConsolidationError::NoLoans));
}

#[test]
fn pro_rata_splits_sum_exactly_with_largest_remainders() {
    assert_eq!(
        split_pro_rata(Satang(10_000), &[Satang(1), Satang(1), Satang(1)]),
        vec![Satang(3_334), Satang(3_333), Satang(3_333)]
    );
    assert_eq!(split_pro_rata(Satang(100), &[Satang(0), Satang(0)]), vec![Satang(100), Satang(0)]);
    assert_eq!(
        split_pro_rata(Satang(999), &[Satang(2), Satang(1)]),
        vec![Satang(666), Satang(333)]
    );
}

#[test]
fn a_household_payment_is_shared_by_what_each_fund_has_due() {
    // Due now: 1,000.00 to one fund and 500.00 to another; a payment of 900.00 pays 600/300.
    let due = [Satang(100_000), Satang(50_000)];
    let whole = [Satang(1_000_000), Satang(200_000)];
    assert_eq!(
        split_household_payment(Satang(90_000), &due, &whole),
        Ok(vec![Satang(60_000), Satang(30_000)])
    );
    // Beyond what is due, the rest follows what each still owes: 9,000 and 1,500 left.
    let split = split_household_payment(Satang(255_000), &due, &whole).unwrap();
    assert_eq!(split, vec![Satang(100_000 + 90_000), Satang(50_000 + 15_000)]);
    assert!(split_household_payment(Satang(1_200_001), &due, &whole).is_err());
}

fn arb_loan() -> impl Strategy<Value = SourceLoan> {
    (
        1i64..6,
        prop_oneof![Just(0i64), Just(300), Just(600), Just(900), Just(1200), Just(1500)],
        1i64..200_000,
        0i64..5_000_000,
        0i64..100,
        0i64..500_000,
        0i64..50_000,
    )
        .prop_map(|(fund, bp, principal, interest, year_old_pct, default, fees)| SourceLoan {
            loan_id: 0,
            contract_no: String::new(),
            fund_id: fund,
            fund_name: format!("กองทุน {fund}"),
            borrower_id: 1,
            rate: rate(bp),
            principal: Satang(principal * 100),
            interest: Satang(interest),
            interest_year_old: Satang(interest * year_old_pct / 100),
            default_interest: Satang(default),
            fees: Satang(fees),
        })
}

fn arb_proposal() -> impl Strategy<Value = Proposal> {
    (
        prop::collection::vec(arb_loan(), 1..10),
        any::<bool>(),
        any::<bool>(),
        0u8..3,
        prop_oneof![Just(Method::Annuity), Just(Method::EqualPrincipal), Just(Method::Flat)],
        prop_oneof![Just(Frequency::Monthly), Just(Frequency::Quarterly), Just(Frequency::Yearly)],
        1u32..60,
    )
        .prop_map(|(mut loans, consent, waive, policy, method, frequency, periods)| {
            for (i, l) in loans.iter_mut().enumerate() {
                l.loan_id = i as i64 + 1;
                l.contract_no = format!("ก.{}", i + 1);
            }
            let waivers = if waive {
                loans.iter().map(|l| (l.loan_id, Waiver::penalties_of(l))).collect()
            } else {
                BTreeMap::new()
            };
            let policy = match policy {
                0 => RatePolicy::Unified { rate: rate(600) },
                1 => RatePolicy::Weighted,
                _ => RatePolicy::Tranches,
            };
            Proposal {
                as_of: ymd(2025, 11, 21),
                loans,
                waivers,
                capitalise_with_consent: consent,
                policy,
                term: TermChoice::Periods(periods.min(MAX_TERM_YEARS * frequency.per_year())),
                method,
                frequency,
                day_count: DayCount::Period,
                round_up_baht: false,
            }
        })
}

proptest! {
    #[test]
    fn reconciliation_holds_for_every_policy(p in arb_proposal()) {
        let c = build(&p).unwrap();
        for r in &c.reconciliation {
            prop_assert!(r.balances(), "{r:?}");
        }
        let old: Satang = p.loans.iter().map(SourceLoan::total).sum();
        let waived: Satang = p.waivers.values().map(Waiver::total).sum();
        prop_assert_eq!(old - waived, c.new_principal() + c.carried());
    }

    #[test]
    fn tranche_parts_of_every_installment_sum_to_it(p in arb_proposal()) {
        let c = build(&p).unwrap();
        for (i, h) in c.installments.iter().enumerate() {
            let sum: Satang = c.tranches.iter().map(|t| {
                let s = t.schedule.installments.get(i).map(|x| x.payment()).unwrap_or_default();
                s + t.carried_parts[i]
            }).sum();
            prop_assert_eq!(h.total(), sum);
        }
        for t in &c.tranches {
            prop_assert_eq!(t.schedule.total_principal(), t.principal);
            prop_assert_eq!(t.carried_parts.iter().copied().sum::<Satang>(), t.carried);
        }
    }

    #[test]
    fn the_capacity_term_is_the_shortest_that_fits(p in arb_proposal(), extra in 0i64..200_000) {
        let base = build(&p).unwrap();
        let capacity = base.max_installment() + Satang(extra);
        let mut q = p.clone();
        q.term = TermChoice::Capacity(capacity);
        let c = build(&q).unwrap();
        prop_assert!(c.max_installment() <= capacity);
        prop_assert!(c.periods <= base.periods);
        if c.periods > 1 {
            let mut r = p.clone();
            r.term = TermChoice::Periods(c.periods - 1);
            let shorter = build(&r).unwrap();
            prop_assert!(shorter.max_installment() > capacity);
        }
    }

    #[test]
    fn household_splits_sum_to_the_payment_and_never_exceed_a_tranche(
        parts in prop::collection::vec((0i64..1_000_000, 0i64..5_000_000), 1..8), pct in 0i64..=100,
    ) {
        let due: Vec<Satang> = parts.iter().map(|(d, w)| Satang((*d).min(*w))).collect();
        let whole: Vec<Satang> = parts.iter().map(|(_, w)| Satang(*w)).collect();
        let debt: Satang = whole.iter().copied().sum();
        let amount = Satang(debt.0 * pct / 100);
        let split = split_household_payment(amount, &due, &whole).unwrap();
        prop_assert_eq!(split.iter().copied().sum::<Satang>(), amount);
        for (s, w) in split.iter().zip(&whole) {
            prop_assert!(s <= w, "{s} > {w}");
        }
    }

    #[test]
    fn pro_rata_parts_always_sum_to_the_amount(amount in 0i64..10_000_000, weights in prop::collection::vec(0i64..1_000_000, 1..12)) {
        let w: Vec<Satang> = weights.into_iter().map(Satang).collect();
        let parts = split_pro_rata(Satang(amount), &w);
        prop_assert_eq!(parts.iter().copied().sum::<Satang>(), Satang(amount));
        prop_assert!(parts.iter().all(|p| p.0 >= 0));
    }
}
