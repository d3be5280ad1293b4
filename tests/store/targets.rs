//! Collection targets, the collection sheet and the weekly report on a temporary database
//! (issue 12 §8, §9, §12). The fixture's loan: 12,000 baht, 6%, equal principal, monthly from
//! 15 January 2025 (schedule from `plodnee schedule`): installment 1 of 1,060.00 due 15 Feb
//! (paid that day), 2 of 1,055.00 due 15 Mar, 3 of 1,050.00 due 15 Apr, 4 of 1,045.00 due 15 May.

use crate::support;

use chrono::NaiveDate;
use plodnee::domain::Satang;
use plodnee::domain::collections::target::Month;
use plodnee::store::assignments::{self, Assignee};
use plodnee::store::report::weekly::{self, Whom};
use plodnee::store::sheets::{self, Entry, SheetFor};
use plodnee::store::targets::{self, Scope};
use support::{Fixture, fixture, ymd};

fn month(y: i32, m: u32) -> Month {
    Month { year: y, month: m }
}

fn payments(f: &Fixture) -> i64 {
    f.store.with(|c| Ok(c.query_row("SELECT COUNT(*) FROM payment", [], |r| r.get(0))?)).unwrap()
}

fn assign_to_officer(f: &Fixture) {
    let actor = f.treasurer.actor();
    f.store
        .write(|tx| {
            assignments::assign(
                tx,
                &actor,
                &[f.household_id],
                Assignee::Officer(f.officer.id),
                ymd(2025, 1, 1),
            )
        })
        .unwrap();
}

#[test]
fn the_default_target_of_april_is_its_installment_and_a_quarter_of_march_unpaid() {
    let f = fixture();
    assign_to_officer(&f);
    let m = f.store.with(|c| targets::month(c, month(2025, 4), ymd(2025, 5, 2))).unwrap();
    // Due in April: installment 3, 1,050.00. Unpaid at 1 April: installment 2, 1,055.00.
    // 25% of 1,055.00 = 263.75; target 1,050.00 + 263.75 = 1,313.75. Nothing paid in April.
    for scope in
        [Scope::Institute, Scope::Fund(f.fund_id), Scope::Village(3), Scope::Officer(f.officer.id)]
    {
        let l = m.line(scope).unwrap_or_else(|| panic!("a line for {scope:?}"));
        assert_eq!(l.due, Satang(105_000), "{scope:?}");
        assert_eq!(l.arrears, Satang(105_500), "{scope:?}");
        assert_eq!(l.default, Satang(131_375), "{scope:?}");
        assert_eq!(l.target, Satang(131_375));
        assert_eq!(l.collected, Satang::ZERO);
        // The month is over on 2 May: all of it was expected, nothing came: more than 10% behind.
        assert!(l.progress.behind);
    }
    assert!(m.line(Scope::Village(5)).is_none(), "หมู่ 5 owes nothing");
}

#[test]
fn february_was_collected_in_full_and_march_had_no_arrears_at_its_start() {
    let f = fixture();
    let run = f
        .store
        .with(|c| targets::months(c, &[month(2025, 2), month(2025, 3)], ymd(2025, 3, 31)))
        .unwrap();
    let feb = run[0].institute().unwrap();
    assert_eq!(
        (feb.due, feb.arrears, feb.target),
        (Satang(106_000), Satang::ZERO, Satang(106_000))
    );
    assert_eq!(feb.collected, Satang(106_000));
    assert!(!feb.progress.behind);
    // Installment 1 was paid on its due date, before 1 March: March starts with no arrears.
    let mar = run[1].institute().unwrap();
    assert_eq!(
        (mar.due, mar.arrears, mar.target),
        (Satang(105_500), Satang::ZERO, Satang(105_500))
    );
}

#[test]
fn the_treasurer_sets_a_target_and_can_go_back_to_the_default_but_an_officer_cannot() {
    let f = fixture();
    let april = month(2025, 4);
    let officer = f.officer.actor();
    let refused = f.store.write(|tx| {
        targets::set(tx, &officer, april, Scope::Village(3), Some(Satang::from_baht(2_000)), "")
    });
    assert!(refused.is_err(), "an officer does not set targets");
    let treasurer = f.treasurer.actor();
    f.store
        .write(|tx| {
            targets::set(
                tx,
                &treasurer,
                april,
                Scope::Village(3),
                Some(Satang::from_baht(2_000)),
                "ปัดขึ้น",
            )
        })
        .unwrap();
    let m = f.store.with(|c| targets::month(c, april, ymd(2025, 4, 30))).unwrap();
    let l = m.line(Scope::Village(3)).unwrap();
    assert_eq!((l.target, l.default, l.set), (Satang::from_baht(2_000), Satang(131_375), true));
    // The institute keeps its default: the หมู่'s own figure is only the หมู่'s.
    assert_eq!(m.institute().unwrap().target, Satang(131_375));
    let negative = f
        .store
        .write(|tx| targets::set(tx, &treasurer, april, Scope::Village(3), Some(Satang(-1)), ""));
    assert!(negative.is_err());
    f.store.write(|tx| targets::set(tx, &treasurer, april, Scope::Village(3), None, "")).unwrap();
    let m = f.store.with(|c| targets::month(c, april, ymd(2025, 4, 30))).unwrap();
    assert!(!m.line(Scope::Village(3)).unwrap().set);
    let audited: i64 = f
        .store
        .with(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'set_target'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(audited, 2);
}

fn leader_follows_the_household(f: &Fixture) {
    let actor = f.treasurer.actor();
    f.store
        .write(|tx| {
            assignments::assign(
                tx,
                &actor,
                &[f.household_id],
                Assignee::Leader(f.neighbour_id),
                ymd(2025, 1, 1),
            )
        })
        .unwrap();
}

#[test]
fn a_group_leaders_sheet_lists_what_falls_due_and_the_arrears_and_is_entered_back_in_one_go() {
    let f = fixture();
    leader_follows_the_household(&f);
    let sheet = f
        .store
        .with(|c| sheets::sheet(c, SheetFor::Leader(f.neighbour_id), month(2025, 4)))
        .unwrap();
    assert_eq!(sheet.lines.len(), 1);
    let line = &sheet.lines[0];
    assert_eq!((line.due, line.arrears), (Satang(105_000), Satang(105_500)));
    assert!(sheet.title.contains("มานะ"));
    // The leader is offered by name to the sheet and weekly screens.
    let leaders = f.store.with(|c| assignments::leaders(c)).unwrap();
    assert_eq!(leaders.len(), 1);
    assert_eq!(leaders[0].0, f.neighbour_id);
    assert!(leaders[0].1.contains("มานะ"), "{leaders:?}");

    let at = ymd(2025, 4, 10).and_hms_opt(10, 0, 0).unwrap();
    let now = ymd(2025, 4, 10).and_hms_opt(15, 0, 0).unwrap();
    let actor = f.officer.actor();
    let before = payments(&f);
    // A bad line (an unknown contract) refuses the whole sheet: nothing is written.
    let bad = vec![
        Entry { loan_id: f.loan_id, paid: Some(Satang(105_500)), ..Entry::default() },
        Entry { loan_id: 999_999, paid: Some(Satang(100)), ..Entry::default() },
    ];
    let err = f.store.write(|tx| sheets::enter(tx, &actor, &bad, at, now)).unwrap_err();
    assert!(err.to_string().contains("แถวที่ 2"), "{err}");
    assert_eq!(payments(&f), before);

    let good = vec![Entry {
        loan_id: f.loan_id,
        paid: Some(Satang(105_500)),
        promise: Some((ymd(2025, 4, 30), Satang(105_000))),
        note: "จะขายข้าวปลายเดือน".into(),
    }];
    let done = f.store.write(|tx| sheets::enter(tx, &actor, &good, at, now)).unwrap();
    assert_eq!((done.receipts.len(), done.promises, done.contacts), (1, 1, 1));
    assert_eq!(done.collected, Satang(105_500));
    assert_eq!(payments(&f), before + 1);
    // The payment goes first to default interest on installment 2's principal (s.224/1, 5% a
    // year): 1,000.00 × 5% × 26 days (15 Mar to 10 Apr) / 365 = 3.5616 → 3.56; so 3.56 of
    // installment 2 is still unpaid and April's installment is untouched.
    let after = f.store.with(|c| sheets::sheet(c, SheetFor::Village(3), month(2025, 4))).unwrap();
    assert_eq!((after.lines[0].due, after.lines[0].arrears), (Satang(105_000), Satang(356)));
}

#[test]
fn the_weekly_report_counts_the_officers_contacts_promises_money_and_next_weeks_list() {
    let f = fixture();
    assign_to_officer(&f);
    let at = ymd(2025, 4, 10).and_hms_opt(10, 0, 0).unwrap();
    let now = ymd(2025, 4, 10).and_hms_opt(15, 0, 0).unwrap();
    let actor = f.officer.actor();
    let entry = vec![Entry {
        loan_id: f.loan_id,
        paid: Some(Satang(105_500)),
        promise: Some((ymd(2025, 4, 17), Satang(105_000))),
        note: String::new(),
    }];
    f.store.write(|tx| sheets::enter(tx, &actor, &entry, at, now)).unwrap();
    // Thursday 10 April 2025 is in the week of Monday 7 April.
    let day: NaiveDate = ymd(2025, 4, 12);
    let w = f.store.with(|c| weekly::compute(c, Whom::Officer(f.officer.id), day)).unwrap();
    assert_eq!(w.monday, ymd(2025, 4, 7));
    assert_eq!((w.contacts_reached, w.contact_attempts), (1, 0));
    assert_eq!((w.promises_made, w.promised), (1, Satang(105_000)));
    assert_eq!(w.collected_week, Satang(105_500));
    assert_eq!(w.collected_month, Satang(105_500));
    // April's target, as in the first test: 1,313.75.
    assert_eq!(w.month_target, Some(Satang(131_375)));
    assert_eq!(w.next_week.len(), 1, "the promise due on the 17th");
    assert_eq!(w.next_week[0].on, ymd(2025, 4, 17));
    let tables = weekly::tables(&w);
    assert_eq!(tables.len(), 3);
    assert!(tables[0].title.contains(&f.officer.full_name));
    // The week before has nothing of theirs.
    let before =
        f.store.with(|c| weekly::compute(c, Whom::Officer(f.officer.id), ymd(2025, 4, 4))).unwrap();
    assert_eq!((before.contacts_reached, before.promises_made), (0, 0));
    assert_eq!(before.collected_week, Satang::ZERO);
}
