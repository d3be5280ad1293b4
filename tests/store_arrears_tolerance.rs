//! One arrears tolerance everywhere (issue 11 §3, default one baht): a loan with 0.52 overdue is
//! not in arrears, one with 1.01 is, for days past due (the files' lists), the home screen's
//! figures and buckets, the home work list, and letter batches. Both loans had installments 1–3
//! (due 10 Sep, 10 Oct, 10 Nov 2025) paid on their due dates, the first short by the amount. Each
//! payment pays the oldest installment first, so the shortfall rolls onto installment 3: on 21
//! Nov 2025 it is all that is overdue, from 10 Nov: 11 days, bucket 1–30.

mod support;

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
