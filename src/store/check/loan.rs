//! One loan checked against its own rows: the schedule sums to the principal, every live payment
//! is allocated in full and exactly as the statement engine allocates it, and the stored balance,
//! next due date and installment caches equal what the engine derives from the payments.

use std::collections::HashMap;

use super::Report;
use super::book::{LoanRows, Slice};
use crate::domain::Satang;
use crate::domain::loan::LoanStatus;
use crate::domain::statement::{Part, PaymentIn};
use crate::store::loans::Loan;

pub(super) fn check(loan: &Loan, rows: &LoanRows<'_>, report: &mut Report) {
    let subject = format!("สัญญา {}", loan.contract_no);
    let schedule = &rows.schedule;
    if schedule.total_principal() != loan.principal {
        report.add(
            &subject,
            format!(
                "ตารางผ่อนรวมเงินต้น {} ไม่เท่ากับเงินกู้ {}",
                schedule.total_principal(),
                loan.principal
            ),
        );
    }
    report.payments_checked += rows.payments.len() as i64;
    let payments: Vec<PaymentIn> = rows.payments.iter().map(|p| p.1).collect();
    let as_of = payments.iter().map(|p| p.date).max().unwrap_or(loan.start);
    let st = match loan.compute(schedule, &payments, rows.fees, as_of) {
        Ok(st) => st,
        Err(e) => {
            report.add(&subject, format!("คำนวณรายการเดินบัญชีไม่ได้: {e}"));
            return;
        }
    };

    let mut stored: HashMap<i64, Vec<&Slice>> = HashMap::new();
    for (payment, slice) in rows.allocations {
        stored.entry(*payment).or_default().push(slice);
    }
    let mut principal_paid = Satang::ZERO;
    for ((payment_id, p), allocation) in rows.payments.iter().zip(&st.allocations) {
        let slices = stored.remove(payment_id).unwrap_or_default();
        let sum: i64 = slices.iter().map(|s| s.2).sum();
        if sum != p.amount.0 {
            report.add(
                &subject,
                format!(
                    "รายการรับชำระ {payment_id} จำนวน {} ปันส่วนไว้ {} ไม่ครบ",
                    p.amount,
                    Satang(sum)
                ),
            );
        }
        let same = slices.len() == allocation.slices.len()
            && slices
                .iter()
                .zip(&allocation.slices)
                .all(|(s, e)| s.0 == e.installment && s.1 == e.part.code() && s.2 == e.amount.0);
        if !same {
            report.add(&subject, format!("การปันส่วนของรายการรับชำระ {payment_id} ไม่ตรงกับที่คำนวณได้"));
        }
        principal_paid +=
            slices.iter().filter(|s| s.1 == Part::Principal.code()).map(|s| Satang(s.2)).sum();
    }
    if !stored.is_empty() {
        report.add(&subject, "มีการปันส่วนของรายการรับชำระที่ไม่มีอยู่");
    }
    // A residue written off cleared its principal part and the loan's next due date.
    let written_off_principal = rows.written_off.unwrap_or_default();
    if loan.principal - principal_paid - written_off_principal != loan.outstanding {
        report.add(
            &subject,
            format!(
                "เงินต้น {} − ชำระเงินต้นแล้ว {} − ตัดยอดเศษสตางค์ {} ไม่เท่ากับยอดคงเหลือ {}",
                loan.principal, principal_paid, written_off_principal, loan.outstanding
            ),
        );
    }
    let next_due = if rows.written_off.is_some() { None } else { st.next_unpaid_due };
    if st.outstanding_principal - written_off_principal != loan.outstanding
        || next_due != loan.next_unpaid_due
    {
        report.add(&subject, "ยอดคงเหลือที่เก็บไว้ไม่ตรงกับการคำนวณจากรายการรับชำระ");
    }
    if rows.written_off.is_some() && loan.status != LoanStatus::Closed {
        report.add(&subject, "สัญญาที่ตัดยอดเศษสตางค์แล้วต้องมีสถานะปิดบัญชี");
    }
    let cached = rows.installments.iter().map(|i| (i.no, i.paid));
    let derived = st
        .installments
        .iter()
        .map(|i| (i.no, (i.principal_paid.0, i.interest_paid.0, i.default_interest_paid.0)));
    if !cached.eq(derived) {
        report.add(&subject, "ยอดชำระรายงวดที่เก็บไว้ไม่ตรงกับการคำนวณ");
    }
}
