//! Which selected contracts get no collection letter, and why (issue 11 §3): nothing in arrears
//! under the arrears tolerance, an amount below the institute's minimum for the kind, or a second
//! demand to someone never sent a first letter. Such files stay in the register of arrears.

use std::fmt;

use super::Kind;
use super::facts::Facts;
use crate::domain::Satang;
use crate::domain::arrears::{self, Tolerance};

/// The default minimum amount for a demand, guarantor letter or invoice: 100 baht.
pub const DEFAULT_MIN_OVERDUE: Satang = Satang(10_000);
/// The default minimum amount for a reminder: 100 baht.
pub const DEFAULT_MIN_REMINDER: Satang = Satang(10_000);

/// The institute's thresholds for letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub min_overdue: Satang,
    pub min_reminder: Satang,
    pub tolerance: Tolerance,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_overdue: DEFAULT_MIN_OVERDUE,
            min_reminder: DEFAULT_MIN_REMINDER,
            tolerance: Tolerance::default(),
        }
    }
}

impl Thresholds {
    /// The smallest amount a letter of `kind` is sent for (none for other documents).
    pub fn minimum(&self, kind: Kind) -> Satang {
        match kind {
            Kind::Reminder => self.min_reminder,
            Kind::Demand | Kind::Demand2 | Kind::Guarantor | Kind::Invoice => self.min_overdue,
            _ => Satang::ZERO,
        }
    }
}

/// Why a selected contract gets no letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// What is overdue is below the arrears tolerance: not arrears at all.
    NotInArrears,
    /// In arrears, but the letter would ask for less than the minimum for its kind.
    BelowMinimum,
    /// A second demand to a contract that has had no reminder or first demand (ticked off by
    /// default in the batch preview; the CLI never sends it).
    NoEarlierLetter,
    /// The loan is on a collection hold (พักการติดตาม: a dispute, a complaint, a hardship
    /// request, illness); the law's clocks keep running, the letters wait.
    OnHold,
}

impl Skip {
    pub const ALL: &[Skip] =
        &[Skip::NotInArrears, Skip::BelowMinimum, Skip::NoEarlierLetter, Skip::OnHold];

    /// A count of contracts skipped for this reason, as the batch preview and the CLI say it.
    pub fn describe(self, count: usize, t: &Thresholds, kind: Kind) -> String {
        match self {
            Skip::NotInArrears => format!(
                "{count} สัญญายอดค้างต่ำกว่า {} บาท ไม่ถือเป็นหนี้ค้างชำระ (เกณฑ์ยอดค้างขั้นต่ำ)",
                t.tolerance.0
            ),
            Skip::BelowMinimum => format!(
                "{count} สัญญายอดต่ำกว่า {} บาท ซึ่งเป็นยอดขั้นต่ำสำหรับ{kind} จึงไม่ออกหนังสือ (ยังอยู่ในทะเบียนลูกหนี้ค้างชำระ)",
                t.minimum(kind)
            ),
            Skip::NoEarlierLetter => format!(
                "{count} สัญญายังไม่เคยได้รับหนังสือแจ้งเตือนหรือทวงถามครั้งที่ 1 จึงไม่ส่งหนังสือทวงถามครั้งที่ 2"
            ),
            Skip::OnHold => {
                format!("{count} สัญญาอยู่ระหว่างพักการติดตาม (เช่น โต้แย้งยอดหนี้ หรือขอผ่อนผัน) จึงไม่ออกหนังสือ")
            }
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Skip::NotInArrears => "ยอดค้างต่ำกว่าเกณฑ์",
            Skip::BelowMinimum => "ยอดต่ำกว่าขั้นต่ำของหนังสือ",
            Skip::NoEarlierLetter => "ยังไม่เคยได้รับหนังสือฉบับแรก",
            Skip::OnHold => "พักการติดตาม",
        })
    }
}

/// The unpaid principal and interest of the overdue installments a letter lists (for an
/// invoice, those due on its date), the amount the tolerance is measured on.
pub fn overdue_installments_amount(f: &Facts) -> Satang {
    f.due_rows.iter().map(|d| d.principal + d.interest).sum()
}

/// Whether a collection letter of `kind` with these facts is sent under the thresholds
/// (`had_earlier_letter`: a reminder or demand was issued on the contract before).
pub fn screen(kind: Kind, f: &Facts, t: &Thresholds, had_earlier_letter: bool) -> Option<Skip> {
    // An invoice asks for what is due on its date, overdue or not: only its minimum applies.
    if kind != Kind::Invoice && !arrears::in_arrears(overdue_installments_amount(f), t.tolerance) {
        return Some(Skip::NotInArrears);
    }
    if f.total < t.minimum(kind) {
        return Some(Skip::BelowMinimum);
    }
    if kind == Kind::Demand2 && !had_earlier_letter {
        return Some(Skip::NoEarlierLetter);
    }
    None
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::letter::facts::{AmountRow, DueRow};

    fn facts(principal: i64, interest: i64, default_interest: i64) -> Facts {
        let d = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
        Facts {
            as_of: d,
            pay_by: d,
            rows: vec![AmountRow { label: "x".into(), amount: Satang(default_interest) }],
            total: Satang(principal + interest + default_interest),
            due_rows: vec![DueRow {
                no: 3,
                due_date: d,
                principal: Satang(principal),
                interest: Satang(interest),
                default_interest: Satang(default_interest),
            }],
            overdue_installments: 1,
            days_past_due: 400,
            oldest_due: Some(d),
            default_on: Some(d),
            payoff: Satang(principal + interest + default_interest),
        }
    }

    // Issue 11 §3: the demo's demand letter for 0.52 baht (0.51 principal residue + 0.01 default
    // interest): 0.51 is below the one-baht tolerance, so it is not arrears at all.
    #[test]
    fn the_half_baht_demand_is_not_arrears() {
        let t = Thresholds::default();
        assert_eq!(screen(Kind::Demand, &facts(51, 0, 1), &t, true), Some(Skip::NotInArrears));
    }

    // 99.99 overdue is arrears (above one baht) but below the 100-baht minimum for a demand; 100.00
    // is sent. The reminder has its own minimum.
    #[test]
    fn letters_below_the_minimum_are_skipped_but_the_minimum_itself_is_sent() {
        let t = Thresholds { min_reminder: Satang(5_000), ..Thresholds::default() };
        assert_eq!(screen(Kind::Demand, &facts(9_999, 0, 0), &t, true), Some(Skip::BelowMinimum));
        assert_eq!(screen(Kind::Demand, &facts(9_000, 900, 100), &t, true), None);
        assert_eq!(screen(Kind::Reminder, &facts(5_000, 0, 0), &t, false), None);
        assert_eq!(
            screen(Kind::Reminder, &facts(4_999, 0, 0), &t, false),
            Some(Skip::BelowMinimum)
        );
        assert_eq!(screen(Kind::Invoice, &facts(51, 0, 1), &t, false), Some(Skip::BelowMinimum));
    }

    #[test]
    fn a_second_demand_needs_an_earlier_letter() {
        let t = Thresholds::default();
        let f = facts(100_000, 0, 0);
        assert_eq!(screen(Kind::Demand2, &f, &t, false), Some(Skip::NoEarlierLetter));
        assert_eq!(screen(Kind::Demand2, &f, &t, true), None);
        assert_eq!(screen(Kind::Demand, &f, &t, false), None);
    }
}
