//! A loan in mid-life at the cut-over date: its original terms, what the office's book says is
//! still owed, and the schedule plodnee keeps from then on. The schedule is the original one with
//! the installments paid before the cut-over taken off (a partly paid one keeps what is left), so
//! days past due and default interest run from the real due dates, and the statement as of the
//! cut-over states exactly the book's figures; rows whose figures do not add up are refused.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::money::Satang;
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::{self, Installment, Schedule, Terms};
use crate::domain::statement::{self, LoanBasis, Statement};

/// What the book says about the loan at the cut-over (only the principal owed is required).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Figures {
    pub principal_owed: Satang,
    pub installments_paid: Option<u32>,
    /// Interest of installments due by the cut-over and not paid (ดอกเบี้ยค้าง).
    pub interest_owed: Option<Satang>,
    /// Principal and interest of installments due by the cut-over and not paid (ยอดค้างชำระ).
    pub arrears: Option<Satang>,
    /// Default interest accrued to the cut-over (ดอกเบี้ยผิดนัด).
    pub default_interest: Option<Satang>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// Installments fully paid before the cut-over (the kept schedule's first is number paid + 1).
    pub installments_paid: u32,
    /// The running period's start: the due date of the last installment paid (or the start).
    pub period_start: NaiveDate,
    /// The installments still owed, renumbered from 1 as the statement engine counts them.
    pub schedule: Schedule,
    /// The statement as of the cut-over, as plodnee states it after import.
    pub statement: Statement,
}

fn baht(s: Satang) -> String {
    format!("{s} บาท")
}

/// Works out the position; Err with the Thai reason the row is refused.
pub fn derive(
    terms: &Terms,
    default_rate: AnnualRate,
    cut_over: NaiveDate,
    book: &Figures,
) -> Result<Position, String> {
    if terms.start > cut_over {
        return Err("วันที่กู้อยู่หลังวันที่ยกยอด".into());
    }
    let full = schedule::build(terms).map_err(|e| e.to_string())?;
    let owed = book.principal_owed;
    if owed > terms.principal {
        return Err(format!("เงินต้นคงเหลือ ({}) มากกว่าเงินกู้ ({})", baht(owed), baht(terms.principal)));
    }
    if owed.is_zero() {
        return Err("เงินต้นคงเหลือเป็นศูนย์ (ชำระครบแล้ว) ไม่ต้องนำเข้า".into());
    }
    let paid = terms.principal - owed;
    // The installments whose principal the payments so far cover completely.
    let mut covered = 0usize;
    let mut base = Satang::ZERO;
    while covered < full.installments.len() && base + full.installments[covered].principal <= paid {
        base += full.installments[covered].principal;
        covered += 1;
    }
    if let Some(k) = book.installments_paid
        && k as usize != covered
    {
        return Err(format!(
            "ยอดไม่ตรงกัน: ชำระแล้ว {k} งวด แต่เงินต้นที่ชำระแล้ว {} ตรงกับ {covered} งวดตามตารางผ่อน",
            baht(paid)
        ));
    }
    let period_start =
        if covered == 0 { terms.start } else { full.installments[covered - 1].due_date };
    let mut kept: Vec<Installment> = full.installments[covered..].to_vec();
    kept[0].principal -= paid - base;

    let interest_due: Satang =
        kept.iter().filter(|i| i.due_date <= cut_over).map(|i| i.interest).sum();
    if let Some(interest_owed) = book.interest_owed {
        if interest_owed > interest_due {
            return Err(format!(
                "ดอกเบี้ยค้าง ({}) มากกว่าดอกเบี้ยของงวดที่ถึงกำหนดแล้ว ({})",
                baht(interest_owed),
                baht(interest_due)
            ));
        }
        // Interest paid on the oldest due installments first, as s.329 applies payments.
        let mut paid_interest = interest_due - interest_owed;
        for i in kept.iter_mut().filter(|i| i.due_date <= cut_over) {
            let part = paid_interest.min(i.interest);
            i.interest -= part;
            paid_interest -= part;
        }
    }
    let mut balance = owed;
    for (n, i) in kept.iter_mut().enumerate() {
        i.no = n as u32 + 1;
        balance -= i.principal;
        i.balance = balance;
    }
    let schedule = Schedule { installments: kept };
    let basis =
        LoanBasis { rate: terms.rate, method: terms.method, start: period_start, default_rate };
    let statement =
        statement::compute(&schedule, &basis, &[], &[], cut_over).map_err(|e| e.to_string())?;
    let arrears = statement.due_now() - statement.default_interest - statement.fees_due;
    if let Some(book_arrears) = book.arrears
        && book_arrears != arrears
    {
        return Err(format!(
            "ยอดค้างชำระไม่ตรงกัน: ในแฟ้ม {} แต่ตามตารางผ่อนและยอดคงเหลือเป็น {}",
            baht(book_arrears),
            baht(arrears)
        ));
    }
    if let Some(book_default) = book.default_interest
        && book_default != statement.default_interest
    {
        return Err(format!(
            "ดอกเบี้ยผิดนัดไม่ตรงกัน: ในแฟ้ม {} แต่คิดตามวันครบกำหนดจริงได้ {}",
            baht(book_default),
            baht(statement.default_interest)
        ));
    }
    Ok(Position { installments_paid: covered as u32, period_start, schedule, statement })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{DayCount, Frequency, Method};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// 12,000 บาท flat 6% a year over 12 months from 1 Jan 2023: each installment is 1,000 principal
    /// + 60 interest (12,000 × 6% ÷ 12), due on the 1st of Feb 2023 … Jan 2024.
    fn flat() -> Terms {
        Terms {
            principal: Satang(1_200_000),
            rate: AnnualRate::from_bp(600).unwrap(),
            method: Method::Flat,
            frequency: Frequency::Monthly,
            periods: 12,
            start: d(2023, 1, 1),
            day_count: DayCount::Period,
            round_up_baht: false,
        }
    }

    fn five_percent() -> AnnualRate {
        AnnualRate::from_bp(500).unwrap()
    }

    #[test]
    fn a_loan_with_arrears_keeps_its_real_due_dates_and_the_books_figures() {
        // Cut-over 15 Jun 2023: installments 1–3 (Feb–Apr) paid, May and Jun 1 unpaid.
        // Principal owed 12,000 − 3,000 = 9,000; arrears 2 × 1,060 = 2,120; interest owed 120.
        // Default interest 5% a year on the overdue principal: May: 1,000 × 5% × 45/365 = 6.164…;
        // Jun: 1,000 × 5% × 14/365 = 1.917…; together 8.08 (rounded once per installment: 6.16 + 1.92).
        let book = Figures {
            principal_owed: Satang(900_000),
            installments_paid: Some(3),
            interest_owed: Some(Satang(12_000)),
            arrears: Some(Satang(212_000)),
            default_interest: Some(Satang(808)),
        };
        let p = derive(&flat(), five_percent(), d(2023, 6, 15), &book).unwrap();
        assert_eq!(p.installments_paid, 3);
        assert_eq!(p.period_start, d(2023, 4, 1));
        assert_eq!(p.schedule.installments.len(), 9);
        assert_eq!(p.schedule.installments[0].due_date, d(2023, 5, 1));
        assert_eq!(p.statement.outstanding_principal, Satang(900_000));
        assert_eq!(p.statement.interest_due, Satang(12_000));
        assert_eq!(p.statement.days_past_due, 45);
        assert_eq!(p.statement.default_interest, Satang(808));
    }

    #[test]
    fn a_partly_paid_installment_keeps_what_is_left_of_it() {
        // 3,400 principal paid: three installments and 400 of the fourth (May).
        // Interest owed 60: May's interest was paid with the 400, June's is owed.
        let book = Figures {
            principal_owed: Satang(860_000),
            interest_owed: Some(Satang(6_000)),
            arrears: Some(Satang(60_000 + 106_000)),
            ..Figures::default()
        };
        let p = derive(&flat(), five_percent(), d(2023, 6, 15), &book).unwrap();
        assert_eq!(p.installments_paid, 3);
        let first = &p.schedule.installments[0];
        assert_eq!((first.principal, first.interest), (Satang(60_000), Satang::ZERO));
        assert_eq!(p.statement.outstanding_principal, Satang(860_000));
    }

    #[test]
    fn figures_that_do_not_add_up_are_refused_with_both_amounts() {
        let cut = d(2023, 6, 15);
        let mut book = Figures {
            principal_owed: Satang(900_000),
            installments_paid: Some(4),
            ..Figures::default()
        };
        let e = derive(&flat(), five_percent(), cut, &book).unwrap_err();
        assert!(e.contains("ชำระแล้ว 4 งวด") && e.contains("3 งวด"), "{e}");
        book.installments_paid = None;
        book.arrears = Some(Satang(100_000));
        let e = derive(&flat(), five_percent(), cut, &book).unwrap_err();
        assert!(e.contains("1,000.00") && e.contains("2,120.00"), "{e}");
        book.arrears = None;
        book.default_interest = Some(Satang(1_000));
        assert!(
            derive(&flat(), five_percent(), cut, &book).unwrap_err().contains("ดอกเบี้ยผิดนัดไม่ตรงกัน")
        );
        book.default_interest = None;
        book.interest_owed = Some(Satang(50_000));
        assert!(derive(&flat(), five_percent(), cut, &book).unwrap_err().contains("มากกว่าดอกเบี้ย"));
    }

    #[test]
    fn more_owed_than_lent_nothing_owed_or_a_start_after_the_cut_over_are_refused() {
        let cut = d(2023, 6, 15);
        let book = |owed| Figures { principal_owed: Satang(owed), ..Figures::default() };
        assert!(
            derive(&flat(), five_percent(), cut, &book(1_300_000))
                .unwrap_err()
                .contains("มากกว่าเงินกู้")
        );
        assert!(derive(&flat(), five_percent(), cut, &book(0)).unwrap_err().contains("ชำระครบแล้ว"));
        assert!(
            derive(&flat(), five_percent(), d(2022, 6, 1), &book(900_000))
                .unwrap_err()
                .contains("หลังวันที่ยกยอด")
        );
    }
}
