//! No installment of 0.00 (issue 17 §A5), over tiny amounts and long terms, for every method:
//! flat, annuity and equal-principal schedules, a consolidation's tranches and its interest-free
//! carried parts, and restructuring plans (one part or a fund's small part beside a large one).
//! A part too small for its term is repaid over fewer installments, on the first due dates; it
//! still sums to what is owed to the satang. A plan's agreed grace is the one exception: a payment
//! holiday asks for nothing by design.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use plodnee::domain::Satang;
use plodnee::domain::consolidation::{self, Proposal, RatePolicy, SourceLoan, TermChoice};
use plodnee::domain::plan::{self, Cadence, Grace, GraceKind, Outstanding, PlanOptions, Sizing};
use plodnee::domain::rate::AnnualRate;
use plodnee::domain::schedule::{self, DayCount, Frequency, MAX_TERM_YEARS, Method, Terms};
use proptest::prelude::*;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 31).unwrap()
}

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(Method::ALL.to_vec())
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop::sample::select(Frequency::ALL.to_vec())
}

/// A frequency and a term up to the longest allowed, most often long.
fn term() -> impl Strategy<Value = (Frequency, u32)> {
    frequency().prop_flat_map(|f| {
        let max = MAX_TERM_YEARS * f.per_year();
        (Just(f), prop_oneof![1..=max, (max / 2)..=max])
    })
}

/// Tiny amounts (a few satang to a few hundred baht), sometimes up to a few thousand baht.
fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![1..=200i64, 1..=50_000i64, 1..=500_000i64]
}

fn source(id: i64, fund: i64, bp: i64, principal: i64, interest: i64) -> SourceLoan {
    SourceLoan {
        loan_id: id,
        contract_no: format!("ก.{id}/2568"),
        fund_id: fund,
        fund_name: format!("กองทุน {fund}"),
        borrower_id: 1,
        rate: AnnualRate::from_bp(bp).unwrap(),
        principal: Satang(principal),
        interest: Satang(interest),
        interest_year_old: Satang::ZERO,
        default_interest: Satang::ZERO,
        fees: Satang::ZERO,
    }
}

fn owed(principal: i64, interest: i64, bp: i64) -> Outstanding {
    Outstanding {
        as_of: start(),
        principal: Satang(principal),
        interest: Satang(interest),
        default_interest: Satang::ZERO,
        fees: Satang::ZERO,
        rate: AnnualRate::from_bp(bp).unwrap(),
    }
}

fn plan_options(periods: u32, frequency: Frequency, grace: Option<Grace>) -> PlanOptions {
    PlanOptions {
        sizing: Sizing::Periods(periods),
        cadence: Cadence::Regular(frequency),
        grace,
        step_up_bp: 0,
        rate: None,
        waive_default_interest: false,
        waive_fees: false,
        release_default_interest: None,
    }
}

fn grace() -> impl Strategy<Value = Option<Grace>> {
    prop_oneof![
        Just(None),
        (1u32..=3, prop::bool::ANY).prop_map(|(periods, holiday)| Some(Grace {
            periods,
            kind: if holiday { GraceKind::Holiday } else { GraceKind::InterestOnly },
        })),
    ]
}

// The case of issue 17 §A5 in the domain: 0.04 carried over 24 monthly installments is four
// installments of 0.01, not 23 of 0.00 and one of 0.04.
#[test]
fn four_satang_over_24_installments_is_four_of_one_satang() {
    let parts = consolidation::installment_parts(Satang(4), 24);
    assert_eq!(parts.iter().filter(|p| p.is_positive()).count(), 4);
    assert!(parts[..4].iter().all(|p| *p == Satang(1)));
    assert!(parts[4..].iter().all(|p| p.is_zero()));
}

// By hand: 0.05 at 0% over 24 monthly installments, equal principal: 0.05 / 24 rounds to 0.00,
// so it is repaid as 0.01 on each of the first five due dates.
#[test]
fn five_satang_over_24_months_is_five_installments() {
    let s = schedule::build(&Terms {
        principal: Satang(5),
        rate: AnnualRate::ZERO,
        method: Method::EqualPrincipal,
        frequency: Frequency::Monthly,
        periods: 24,
        start: start(),
        day_count: DayCount::Period,
        round_up_baht: false,
    })
    .unwrap();
    let payments: Vec<i64> = s.installments.iter().map(|i| i.payment().0).collect();
    assert_eq!(payments, vec![1, 1, 1, 1, 1]);
    assert_eq!(s.installments[4].due_date, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_schedule_has_no_installment_of_zero(
        principal in amount(),
        (frequency, periods) in term(),
        m in method(),
        bp in 0..=1500i64,
        actual in prop::bool::ANY,
        round_up in prop::bool::ANY,
    ) {
        let terms = Terms {
            principal: Satang(principal),
            rate: AnnualRate::from_bp(bp).unwrap(),
            method: m,
            frequency,
            periods,
            start: start(),
            day_count: if actual { DayCount::Actual365 } else { DayCount::Period },
            round_up_baht: round_up,
        };
        let s = match schedule::build(&terms) {
            Ok(s) => s,
            // Whole-baht rounding that pays off early is refused for the officer to revisit.
            Err(schedule::ScheduleError::RoundingOvershoots) if round_up => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        };
        prop_assert!(!s.installments.is_empty() && s.installments.len() <= periods as usize);
        for i in &s.installments {
            prop_assert!(i.payment().is_positive(), "installment {} is {}", i.no, i.payment());
            prop_assert!(i.principal.0 >= 0 && i.interest.0 >= 0);
        }
        prop_assert_eq!(s.total_principal(), Satang(principal));
        let dates = schedule::due_dates(start(), frequency, s.installments.len() as u32);
        prop_assert_eq!(s.installments.iter().map(|i| i.due_date).collect::<Vec<_>>(), dates);
    }

    #[test]
    fn a_consolidation_has_no_installment_of_zero(
        big in prop_oneof![Just(0i64), 100_000..=5_000_000i64],
        tiny_principal in 0..=300i64,
        tiny_carried in 0..=300i64,
        (frequency, periods) in term(),
        m in method(),
    ) {
        prop_assume!(big + tiny_principal + tiny_carried > 0);
        let mut loans = vec![source(2, 20, 300, tiny_principal, tiny_carried)];
        if big > 0 {
            loans.insert(0, source(1, 10, 600, big, 2_500));
        }
        let p = Proposal {
            as_of: start(),
            loans,
            waivers: BTreeMap::new(),
            capitalise_with_consent: false,
            policy: RatePolicy::Tranches,
            term: TermChoice::Periods(periods),
            method: m,
            frequency,
            day_count: DayCount::Period,
            round_up_baht: false,
        };
        let c = consolidation::build(&p).unwrap();
        prop_assert_eq!(c.periods as usize, c.installments.len());
        prop_assert!(c.installments.len() <= periods as usize);
        for h in &c.installments {
            prop_assert!(h.total().is_positive(), "household installment {} is 0.00", h.no);
        }
        for t in &c.tranches {
            for i in &t.schedule.installments {
                prop_assert!(i.payment().is_positive(), "{} installment {} is 0.00", t.fund_name, i.no);
            }
            prop_assert_eq!(t.schedule.total_principal(), t.principal);
            // The carried part: what it asks for comes first, and nothing of 0.00 sits before
            // a part that asks for something (the stored carried tranche skips the empty tail).
            let asked = t.carried_parts.iter().take_while(|c| c.is_positive()).count();
            prop_assert!(t.carried_parts[asked..].iter().all(|c| c.is_zero()));
            prop_assert_eq!(t.carried_parts.iter().copied().sum::<Satang>(), t.carried);
        }
    }

    #[test]
    fn a_plan_has_no_installment_of_zero_after_its_grace(
        principal in prop_oneof![Just(0i64), amount()],
        interest in 0..=300i64,
        bp in 0..=1500i64,
        (frequency, periods) in term(),
        grace in grace(),
    ) {
        prop_assume!(principal + interest > 0);
        let g = grace.map(|g| g.periods).unwrap_or(0);
        prop_assume!(periods > g);
        let o = owed(principal, interest, bp);
        let p = plan::build(&o, &plan_options(periods, frequency, grace)).unwrap();
        prop_assert!(p.periods() <= periods && p.periods() > g);
        for row in &p.installments[g as usize..] {
            prop_assert!(row.total().is_positive(), "installment {} is 0.00", row.no);
        }
        prop_assert_eq!(p.installments.iter().map(|i| i.principal).sum::<Satang>(), p.principal);
        prop_assert_eq!(p.installments.last().unwrap().balance, Satang::ZERO);
    }

    #[test]
    fn a_funds_small_part_of_a_plan_is_repaid_with_the_first_installments(
        tiny_principal in 0..=300i64,
        tiny_interest in 0..=300i64,
        (frequency, periods) in term(),
    ) {
        prop_assume!(tiny_principal + tiny_interest > 0);
        let parts = [owed(tiny_principal, tiny_interest, 300), owed(2_000_000, 10_000, 600)];
        let (combined, plans) = plan::build_parts(&parts, &plan_options(periods, frequency, None)).unwrap();
        let longest = plans.iter().map(|p| p.periods()).max().unwrap();
        prop_assert_eq!(combined.periods(), longest);
        for p in &plans {
            for row in &p.installments {
                prop_assert!(row.total().is_positive(), "installment {} is 0.00", row.no);
            }
        }
        let paid: Satang = combined.installments.iter().map(|i| i.principal + i.carried).sum();
        let owed_parts: Satang = plans.iter().map(|p| p.principal + p.carried).sum();
        prop_assert_eq!(paid, owed_parts);
    }
}
