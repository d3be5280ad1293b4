//! One arrears tolerance everywhere (issue 11 §3, default one baht): a loan with 0.52 overdue is
//! not in arrears, one with 1.01 is, for days past due (the files' lists), the home screen's
//! figures and buckets, the home work list, and letter batches. Both loans had installments 1–3
//! (due 10 Sep, 10 Oct, 10 Nov 2025) paid on their due dates, the first short by the amount. Each
//! payment pays the oldest installment first, so the shortfall rolls onto installment 3: on 21
//! Nov 2025 it is all that is overdue, from 10 Nov: 11 days, bucket 1–30.

use crate::support;

use plodnee::document::issue::{Filter, batch_preview};
use plodnee::domain::Satang;
use plodnee::domain::letter::Kind;
use plodnee::domain::letter::threshold::Skip;
use plodnee::domain::statement::Bucket;
use plodnee::store::{dashboard, loans, settings};
use support::{fixture, overdue_by, today};

#[test]
fn half_a_baht_overdue_is_not_arrears_and_a_baht_and_a_satang_is() {
    let f = fixture();
    let before = f.store.with(|c| dashboard::summary(c, today())).unwrap();
    let small = overdue_by(&f, 52);
    let big = overdue_by(&f, 101);

    // Days past due, as the household, member and loan files list them.
    let dpd = |id| f.store.with(|c| loans::get(c, id)).unwrap().days_past_due(today());
    assert_eq!((dpd(small), dpd(big)), (0, 11));

    // The home screen: one loan more in arrears, in 1–30 days, with 1.01 overdue.
    let after = f.store.with(|c| dashboard::summary(c, today())).unwrap();
    assert_eq!(after.overdue_loans, before.overdue_loans + 1);
    assert_eq!(after.overdue_amount, before.overdue_amount + Satang(101));
    let bucket = |d: &dashboard::Dashboard| {
        d.buckets
            .iter()
            .find(|b| b.bucket == Bucket::Days1To30)
            .map(|b| (b.loans, b.amount))
            .unwrap()
    };
    let (n0, a0) = bucket(&before);
    assert_eq!(bucket(&after), (n0 + 1, a0 + Satang(101)));

    // The work list: the 1.01 file at 11 days; the 0.52 file (nothing due today) not at all.
    let list = f.store.with(|c| dashboard::worklist(c, today(), 100)).unwrap();
    let listed = |id| list.files.iter().find(|x| x.loan_id == id).map(|x| x.days_past_due);
    assert_eq!((listed(small), listed(big)), (None, Some(11)));
    assert_eq!(list.total as usize, list.files.len());

    // A tolerance of 0.50 puts the 0.52 file in arrears too: the setting decides.
    f.store.write(|tx| settings::set(tx, settings::TOLERANCE_KEY, "50")).unwrap();
    assert_eq!(dpd(small), 11);
    let list = f.store.with(|c| dashboard::worklist(c, today(), 100)).unwrap();
    assert!(list.files.iter().any(|x| x.loan_id == small));
}

#[test]
fn a_letter_batch_skips_what_is_below_the_tolerance_as_not_arrears() {
    let f = fixture();
    let small = overdue_by(&f, 52);
    let big = overdue_by(&f, 101);
    // With no minimum amount for demands, only the tolerance holds a file back.
    f.store.write(|tx| settings::set(tx, settings::MIN_OVERDUE_KEY, "0")).unwrap();
    let p = f
        .store
        .with(|c| Ok(batch_preview(c, Kind::Demand, today(), &Filter::default()).unwrap()))
        .unwrap();
    let row = |id| p.rows.iter().find(|r| r.loan_id == id);
    assert!(row(small).is_none(), "0.52 gets no letter");
    assert!(row(big).is_some(), "1.01 gets one");
    assert!(p.skips.iter().any(|(s, n)| *s == Skip::NotInArrears && *n >= 1), "{:?}", p.skips);
}

use crate::docs_support;

/// Plans at risk: two approved plans whose first installment was paid on its due date, one
/// 0.52 short and one 1.01 short; five days later (before the second falls due) only the second
/// is at risk.
#[test]
fn a_plan_is_at_risk_only_when_its_overdue_amount_reaches_the_tolerance() {
    use plodnee::domain::plan_progress::Health;
    use plodnee::store::plan_tracking;
    let d = docs_support::demo(200);
    let mut health = Vec::new();
    for short in [52, 101] {
        let p = docs_support::plans::approved_plan(&d);
        let ids = d.store.with(|c| plan_tracking::plan_loans(c, p.id)).unwrap();
        let mut due = None;
        for (k, id) in ids.iter().enumerate() {
            let first = d.store.with(|c| loans::schedule(c, *id)).unwrap().installments[0].clone();
            let less = if k == 0 { Satang(short) } else { Satang::ZERO };
            docs_support::plans::pay(&d, *id, first.due_date, first.payment() - less);
            due = Some(first.due_date);
        }
        let on = due.unwrap() + chrono::Days::new(5);
        let progress = d.store.with(|c| plan_tracking::progress(c, p.id, on)).unwrap();
        health.push((progress.health, progress.overdue_installments));
    }
    assert_eq!(health, vec![(Health::OnTrack, 0), (Health::AtRisk, 1)]);
}
