//! The facts a collection letter states, taken from the loan's statement: the amounts table, the
//! total asked for, the pay-by date, and for a guarantor the default date and the s.686 deadline.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::domain::Satang;
use crate::domain::statement::{Statement, Status};

/// s.686: the creditor must notify the guarantor in writing within sixty days of the default.
pub const GUARANTOR_NOTICE_DAYS: u64 = 60;

/// Days a letter gives to pay, counted from its date, unless the officer chooses otherwise: a
/// fortnight for reminders and demands, a week for an invoice, thirty days for a guarantor (who
/// may need to arrange money for someone else's debt) and for a termination.
pub fn default_pay_within(kind: Kind) -> u64 {
    match kind {
        Kind::Invoice => 7,
        Kind::Guarantor | Kind::Termination => 30,
        _ => 15,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountRow {
    pub label: String,
    pub amount: Satang,
}

/// One overdue installment, as an invoice lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueRow {
    pub no: u32,
    pub due_date: NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    pub default_interest: Satang,
}

impl DueRow {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.default_interest
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub as_of: NaiveDate,
    pub pay_by: NaiveDate,
    pub rows: Vec<AmountRow>,
    pub total: Satang,
    pub due_rows: Vec<DueRow>,
    pub overdue_installments: u32,
    pub days_past_due: i64,
    pub oldest_due: Option<NaiveDate>,
    /// The day the debtor was first in default: the day after the oldest unpaid due date.
    pub default_on: Option<NaiveDate>,
    pub payoff: Satang,
}

impl Facts {
    /// The last day a guarantor notice keeps the guarantor bound for interest and charges.
    pub fn guarantor_deadline(&self) -> Option<NaiveDate> {
        self.default_on.map(|d| d + Days::new(GUARANTOR_NOTICE_DAYS))
    }

    /// A guarantor notice sent after the deadline (s.686 frees the guarantor from interest and
    /// charges after day 60).
    pub fn guarantor_notice_late(&self, sent_on: NaiveDate) -> bool {
        self.guarantor_deadline().is_some_and(|d| sent_on > d)
    }
}

/// What the letter states, as of the statement's date, asking for payment within `pay_within`
/// days. Reminders, demands and guarantor notices ask for what is overdue; an invoice for
/// everything due on the date; a termination for the whole debt (payoff).
pub fn collect(kind: Kind, st: &Statement, pay_within: u64) -> Facts {
    let due_now = |i: &&crate::domain::statement::InstallmentState| match kind {
        Kind::Invoice | Kind::Termination => i.due_date <= st.as_of,
        _ => i.status == Status::Overdue,
    };
    let due: Vec<_> = st.installments.iter().filter(|i| due_now(i) && !i.is_settled()).collect();
    let principal: Satang = due.iter().map(|i| i.principal - i.principal_paid).sum();
    let interest: Satang = due.iter().map(|i| i.interest - i.interest_paid).sum();
    let mut rows = vec![
        AmountRow {
            label: "เงินต้นที่ถึงกำหนดชำระ".into(), amount: principal
        },
        AmountRow {
            label: "ดอกเบี้ยที่ถึงกำหนดชำระ".into(), amount: interest
        },
        AmountRow {
            label: "ดอกเบี้ยผิดนัด".into(), amount: st.default_interest
        },
    ];
    if st.fees_due.is_positive() {
        rows.push(AmountRow {
            label: "ค่าธรรมเนียม".into(), amount: st.fees_due
        });
    }
    if kind == Kind::Termination {
        let later: Satang = st.outstanding_principal - principal;
        rows.push(AmountRow {
            label: "เงินต้นที่ยังไม่ถึงกำหนด (เรียกให้ชำระทั้งหมดเมื่อเลิกสัญญา)".into(),
            amount: later,
        });
        rows.push(AmountRow {
            label: "ดอกเบี้ยถึงวันที่ในหนังสือ".into(), amount: st.accrued_interest
        });
    }
    let total = rows.iter().map(|r| r.amount).sum();
    let oldest_due =
        st.installments.iter().find(|i| i.status == Status::Overdue).map(|i| i.due_date);
    Facts {
        as_of: st.as_of,
        pay_by: st.as_of + Days::new(pay_within),
        rows,
        total,
        due_rows: due
            .iter()
            .map(|i| DueRow {
                no: i.no,
                due_date: i.due_date,
                principal: i.principal - i.principal_paid,
                interest: i.interest - i.interest_paid,
                default_interest: i.default_interest - i.default_interest_paid,
            })
            .collect(),
        overdue_installments: st.overdue_installments,
        days_past_due: st.days_past_due,
        oldest_due,
        default_on: oldest_due.map(|d| d + Days::new(1)),
        payoff: st.payoff,
    }
}

/// One set of facts for a household's consolidated contract from its tranches' facts: the
/// household receives one letter for its one contract, with amounts summed by row and by
/// installment (the tranches share their due dates). `None` when there are no parts.
pub fn merge(parts: &[Facts]) -> Option<Facts> {
    let first = parts.first()?;
    let mut out = first.clone();
    for f in &parts[1..] {
        for row in &f.rows {
            match out.rows.iter_mut().find(|r| r.label == row.label) {
                Some(r) => r.amount += row.amount,
                None => out.rows.push(row.clone()),
            }
        }
        for due in &f.due_rows {
            match out.due_rows.iter_mut().find(|d| d.no == due.no && d.due_date == due.due_date) {
                Some(d) => {
                    d.principal += due.principal;
                    d.interest += due.interest;
                    d.default_interest += due.default_interest;
                }
                None => out.due_rows.push(due.clone()),
            }
        }
        out.total += f.total;
        out.payoff += f.payoff;
        out.overdue_installments = out.overdue_installments.max(f.overdue_installments);
        out.days_past_due = out.days_past_due.max(f.days_past_due);
        out.oldest_due = min_date(out.oldest_due, f.oldest_due);
        out.default_on = min_date(out.default_on, f.default_on);
    }
    out.due_rows.sort_by_key(|d| (d.due_date, d.no));
    Some(out)
}

fn min_date(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::AnnualRate;
    use crate::domain::schedule::{self, DayCount, Frequency, Method, Terms};
    use crate::domain::statement::{self, LoanBasis, PaymentIn};

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The worked loan of the statement tests: 10,000 at 12% over 12 months from 31 Jan 2025,
    /// one payment of 888.49 on 15 Mar, as of 30 Jun 2025 (see statement_tests.rs).
    fn statement() -> Statement {
        let terms = Terms {
            principal: Satang::from_baht(10_000),
            rate: AnnualRate::from_bp(1200).unwrap(),
            method: Method::Annuity,
            frequency: Frequency::Monthly,
            periods: 12,
            start: ymd(2025, 1, 31),
            day_count: DayCount::Period,
            round_up_baht: false,
        };
        let basis = LoanBasis {
            rate: terms.rate,
            method: terms.method,
            start: terms.start,
            default_rate: AnnualRate::from_bp(500).unwrap(),
        };
        let s = schedule::build(&terms).unwrap();
        statement::compute(
            &s,
            &basis,
            &[PaymentIn { date: ymd(2025, 3, 15), amount: Satang(88_849) }],
            &[],
            ymd(2025, 6, 30),
        )
        .unwrap()
    }

    // Overdue: installments 1–4 (due 28 Feb – 31 May): principal 1.62 + 796.37 + 804.34 + 812.38
    // = 2,414.71; interest 92.12 + 84.15 + 76.11 = 252.38; default interest 20.01; total
    // 2,687.10, the statement's overdue amount.
    #[test]
    fn a_demand_asks_for_what_is_overdue() {
        let f = collect(Kind::Demand, &statement(), 15);
        assert_eq!(f.rows[0].amount, Satang(241_471));
        assert_eq!(f.rows[1].amount, Satang(25_238));
        assert_eq!(f.rows[2].amount, Satang(2_001));
        assert_eq!(f.total, Satang(268_710));
        assert_eq!(f.pay_by, ymd(2025, 7, 15));
        assert_eq!(f.due_rows.len(), 4);
    }

    // An invoice also asks for installment 5, due on the statement's date: 820.51 + 67.98.
    #[test]
    fn an_invoice_asks_for_everything_due_on_the_date() {
        let f = collect(Kind::Invoice, &statement(), 7);
        assert_eq!(f.total, Satang(268_710 + 82_051 + 6_798));
        assert_eq!(f.due_rows.len(), 5);
        assert_eq!(f.due_rows.iter().map(DueRow::total).sum::<Satang>(), f.total);
    }

    #[test]
    fn a_termination_asks_for_the_whole_debt() {
        let st = statement();
        let f = collect(Kind::Termination, &st, 30);
        assert_eq!(f.total, st.payoff);
    }

    #[test]
    fn a_consolidated_contract_sums_its_tranches() {
        let one = collect(Kind::Invoice, &statement(), 7);
        let both = merge(&[one.clone(), one.clone()]).unwrap();
        assert_eq!(both.total, Satang(one.total.0 * 2));
        assert_eq!(both.rows.len(), one.rows.len());
        assert_eq!(both.due_rows.len(), one.due_rows.len());
        assert_eq!(both.due_rows.iter().map(DueRow::total).sum::<Satang>(), both.total);
        assert_eq!(merge(&[]), None);
    }

    #[test]
    fn the_guarantor_notice_deadline_is_sixty_days_after_default() {
        let f = collect(Kind::Guarantor, &statement(), 15);
        assert_eq!(f.default_on, Some(ymd(2025, 3, 1)));
        assert_eq!(f.guarantor_deadline(), Some(ymd(2025, 4, 30)));
        assert!(f.guarantor_notice_late(ymd(2025, 6, 30)));
        assert!(!f.guarantor_notice_late(ymd(2025, 4, 30)));
    }
}
