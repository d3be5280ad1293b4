//! Finding a member by a contract number typed whole into the search box: the office's own
//! number kept from its books at import (issue 14 §3) and plodnee's own.

use crate::support;

use plodnee::domain::Satang;
use plodnee::store::import::{self as store_import, Options};
use plodnee::store::{loans, search};

/// The fixture with one loan brought in from a book: 12,000 over 12 months from 15/1/2568 to
/// นายสมปอง ดีใจ under the office's number เดิม-77/2568, nothing paid at the 10/2/2568 cut-over.
fn imported() -> support::Fixture {
    let f = support::fixture();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("book.csv");
    std::fs::write(
        &csv,
        "เลขที่สัญญา,ชื่อ-สกุล,บ้านเลขที่,หมู่,วันที่กู้,เงินกู้,เงินต้นคงเหลือ,วันที่ชำระล่าสุด\nเดิม-77/2568,นายสมปอง ดีใจ,88,4,15/1/2568,12000,12000,\n",
    )
    .unwrap();
    let prepared = plodnee::import::pipeline::prepare(&f.store, &csv, None, None).unwrap();
    let opts = Options {
        file_name: "book.csv".into(),
        sheet: String::new(),
        signature: prepared.signature.clone(),
        cut_over: support::ymd(2025, 2, 10),
        fund: None,
        area: None,
    };
    let report = f
        .store
        .with(|c| {
            store_import::run(
                c,
                &f.treasurer.actor(),
                &prepared.sheet,
                &opts,
                false,
                &mut |_, _| true,
            )
        })
        .unwrap();
    assert_eq!(report.loans_created, 1, "{:?}", report.rows);
    f
}

#[test]
fn the_offices_own_contract_number_finds_the_borrower() {
    let f = imported();
    for typed in ["เดิม-77/2568", "  เดิม-77/2568 ", "เดิม-๗๗/๒๕๖๘"]
    {
        for result in [
            f.store.with(|c| search::search(c, typed, 20)).unwrap(),
            f.store.with(|c| search::search_as_you_type(c, typed, 20)).unwrap(),
        ] {
            assert_eq!(result.total, 1, "{typed}");
            let hit = &result.hits[0];
            assert_eq!(hit.name, "นายสมปอง ดีใจ", "{typed}");
            // Nothing paid before the cut-over: the whole 12,000 is still owed.
            assert_eq!((hit.open_loans, hit.outstanding), (1, Satang::from_baht(12_000)));
        }
    }
}

#[test]
fn plodnees_own_contract_number_finds_the_borrower_and_a_part_of_one_does_not() {
    let f = imported();
    let own = f.store.with(|c| loans::get(c, f.loan_id)).unwrap().contract_no;
    let found = f.store.with(|c| search::search_as_you_type(c, &own, 20)).unwrap();
    assert_eq!(found.hits.len(), 1, "{own}");
    assert_eq!(found.hits[0].person_id, f.borrower_id);
    // Only a whole number is a contract: "เดิม-77" is searched as words and matches no one.
    let part = f.store.with(|c| search::search_as_you_type(c, "เดิม-77", 20)).unwrap();
    assert_eq!(part.total, 0);
    // Names still search as before.
    let name = f.store.with(|c| search::search(c, "สมปอง", 20)).unwrap();
    assert_eq!(name.hits[0].name, "นายสมปอง ดีใจ");
}
