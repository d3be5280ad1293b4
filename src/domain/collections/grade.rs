//! Member grade A–D from the payment history (seed 002's member grading, seed 003's debtor
//! groups): how late the member paid over the last twelve months and how late they are now, with
//! the reason in Thai. A member whose loan was restructured or consolidated is held at C or below
//! until they have paid a number of installments on time under the new terms (the watch period).

use crate::domain::person::Grade;

/// The thresholds (settings; these defaults are the office's usual ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Days late beyond which a payment is "late" (B).
    pub b_days: i64,
    pub c_days: i64,
    pub d_days: i64,
    /// Installments paid on time under new terms that end the watch period.
    pub watch_installments: u32,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules { b_days: 7, c_days: 90, d_days: 180, watch_installments: 6 }
    }
}

/// What the ledger says of one member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct History {
    /// The most days any installment due in the last twelve months was paid late (or is late
    /// today, if still unpaid).
    pub worst_days_late: i64,
    /// Days past due now, over the member's open loans.
    pub days_past_due: i64,
    /// Installments due in the last twelve months (none: a new member, graded on today alone).
    pub installments: u32,
    /// On a restructured or consolidated contract: installments paid on time under it.
    pub on_watch: Option<u32>,
}

/// The grade and why.
pub fn grade(h: &History, r: &Rules) -> (Grade, String) {
    let late = h.worst_days_late.max(h.days_past_due);
    let (by_history, mut why) = if late > r.d_days {
        (Grade::D, reason(h, r.d_days))
    } else if late > r.c_days {
        (Grade::C, reason(h, r.c_days))
    } else if late > r.b_days {
        (Grade::B, reason(h, r.b_days))
    } else if h.installments == 0 {
        (Grade::A, "ยังไม่มีงวดครบกำหนดใน 12 เดือน".to_string())
    } else {
        (Grade::A, format!("ชำระตรงเวลาทั้ง {} งวดใน 12 เดือน", h.installments))
    };
    match h.on_watch {
        Some(on_time) if on_time < r.watch_installments && by_history < Grade::C => {
            why = format!(
                "เฝ้าระวังหลังปรับโครงสร้างหรือรวมหนี้: ชำระตรงเวลา {on_time} จาก {} งวด",
                r.watch_installments
            );
            (Grade::C, why)
        }
        _ => (by_history, why),
    }
}

fn reason(h: &History, _limit: i64) -> String {
    if h.days_past_due >= h.worst_days_late {
        format!("ค้างชำระอยู่ {} วัน", h.days_past_due)
    } else {
        format!("ชำระล่าช้าสูงสุด {} วันใน 12 เดือน", h.worst_days_late)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(worst: i64, dpd: i64) -> History {
        History { worst_days_late: worst, days_past_due: dpd, installments: 12, on_watch: None }
    }

    #[rstest::rstest]
    #[case::always_on_time(h(0, 0), Grade::A, "ชำระตรงเวลาทั้ง 12 งวดใน 12 เดือน")]
    #[case::a_week_late(h(7, 0), Grade::A, "ชำระตรงเวลาทั้ง 12 งวดใน 12 เดือน")]
    #[case::eight_days(h(8, 0), Grade::B, "ชำระล่าช้าสูงสุด 8 วันใน 12 เดือน")]
    #[case::ninety(h(90, 0), Grade::B, "ชำระล่าช้าสูงสุด 90 วันใน 12 เดือน")]
    #[case::ninety_one_now(h(30, 91), Grade::C, "ค้างชำระอยู่ 91 วัน")]
    #[case::half_a_year(h(181, 0), Grade::D, "ชำระล่าช้าสูงสุด 181 วันใน 12 เดือน")]
    fn known_answers(#[case] history: History, #[case] grade_: Grade, #[case] why: &str) {
        assert_eq!(grade(&history, &Rules::default()), (grade_, why.to_string()));
    }

    #[test]
    fn a_restructured_member_is_held_at_c_until_six_on_time() {
        let mut history = h(0, 0);
        history.on_watch = Some(2);
        assert_eq!(
            grade(&history, &Rules::default()),
            (Grade::C, "เฝ้าระวังหลังปรับโครงสร้างหรือรวมหนี้: ชำระตรงเวลา 2 จาก 6 งวด".into())
        );
        history.on_watch = Some(6);
        assert_eq!(grade(&history, &Rules::default()).0, Grade::A, "the watch is over");
        let mut worse = h(200, 0);
        worse.on_watch = Some(1);
        assert_eq!(grade(&worse, &Rules::default()).0, Grade::D, "the watch never lifts a grade");
    }

    #[test]
    fn a_new_member_with_nothing_due_is_a() {
        let new = History::default();
        assert_eq!(grade(&new, &Rules::default()), (Grade::A, "ยังไม่มีงวดครบกำหนดใน 12 เดือน".into()));
    }
}
