//! The escalation ladder: which letter a file has earned by its arrears, and when the next one is
//! due. A step is due by days past due **and** at least a gap after the previous letter, so two
//! letters never arrive in the same week; a file already deep in arrears is placed at the step
//! its arrears imply, not walked up from the first; the guarantor notice runs on its own clock
//! (s.686: within 60 days of default) and is flagged at once when it should already have gone.

use chrono::{Days, NaiveDate};

use crate::domain::letter::Kind;

/// The ladder's settings; the defaults are DESIGN.md §6's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ladder {
    pub reminder_dpd: i64,
    pub demand_dpd: i64,
    pub demand2_dpd: i64,
    /// Days past due from which the guarantor notice is proposed (so it goes out before day 60).
    pub guarantor_from_dpd: i64,
    /// s.686's limit: a notice later than this many days after default limits the guarantor's
    /// liability.
    pub guarantor_limit_dpd: i64,
    /// Termination notice when **more than** this many installments are overdue.
    pub termination_installments: u32,
    /// Days after the previous letter before the next may go.
    pub min_gap_days: u64,
    /// Days the termination notice gives before the file goes to the legal track.
    pub termination_deadline_days: u64,
}

impl Default for Ladder {
    fn default() -> Ladder {
        Ladder {
            reminder_dpd: 7,
            demand_dpd: 30,
            demand2_dpd: 60,
            guarantor_from_dpd: 45,
            guarantor_limit_dpd: 60,
            termination_installments: 3,
            min_gap_days: 7,
            termination_deadline_days: 30,
        }
    }
}

/// A rung of the ladder, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Reminder,
    Demand,
    Demand2,
    Termination,
    /// ส่งเรื่องดำเนินคดี: after the termination notice's deadline.
    Legal,
}

impl Step {
    pub fn label(self) -> &'static str {
        match self {
            Step::Reminder => "หนังสือแจ้งเตือน",
            Step::Demand => "หนังสือทวงถาม ครั้งที่ 1",
            Step::Demand2 => "หนังสือทวงถาม ครั้งที่ 2",
            Step::Termination => "หนังสือบอกเลิกสัญญา",
            Step::Legal => "ส่งเรื่องดำเนินคดี",
        }
    }

    /// The letter this step sends (the legal referral sends none).
    pub fn letter(self) -> Option<Kind> {
        match self {
            Step::Reminder => Some(Kind::Reminder),
            Step::Demand => Some(Kind::Demand),
            Step::Demand2 => Some(Kind::Demand2),
            Step::Termination => Some(Kind::Termination),
            Step::Legal => None,
        }
    }

    pub fn from_letter(kind: Kind) -> Option<Step> {
        match kind {
            Kind::Reminder => Some(Step::Reminder),
            Kind::Demand => Some(Step::Demand),
            Kind::Demand2 => Some(Step::Demand2),
            Kind::Termination => Some(Step::Termination),
            _ => None,
        }
    }
}

/// Where a file stands: its arrears and the letters it has had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    pub days_past_due: i64,
    pub overdue_installments: u32,
    pub has_guarantors: bool,
    /// The highest ladder letter sent since the file last fell into arrears, and when.
    pub last_letter: Option<(Step, NaiveDate)>,
    /// When the guarantor notice went, if it did (since the file fell into arrears).
    pub guarantor_notice_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    /// The step the arrears alone imply (None when the file is not in arrears enough).
    pub implied: Option<Step>,
    /// The next step to take and the first day it may be taken; None when nothing is due.
    pub next: Option<(Step, NaiveDate)>,
    /// The guarantor notice is due (from day `guarantor_from_dpd`) and not sent.
    pub guarantor_due: bool,
    /// …and it is already past s.686's 60 days: flag it at once.
    pub guarantor_late: bool,
}

impl Ladder {
    /// The rung the arrears imply.
    pub fn implied(&self, s: &Standing) -> Option<Step> {
        if s.overdue_installments > self.termination_installments {
            Some(Step::Termination)
        } else if s.days_past_due >= self.demand2_dpd {
            Some(Step::Demand2)
        } else if s.days_past_due >= self.demand_dpd {
            Some(Step::Demand)
        } else if s.days_past_due >= self.reminder_dpd {
            Some(Step::Reminder)
        } else {
            None
        }
    }

    pub fn assess(&self, s: &Standing, today: NaiveDate) -> Assessment {
        let implied = self.implied(s);
        let gap_ok =
            |on: NaiveDate| on.checked_add_days(Days::new(self.min_gap_days)).unwrap_or(on);
        let next = match (implied, s.last_letter) {
            (_, Some((Step::Termination, on))) => {
                let due =
                    on.checked_add_days(Days::new(self.termination_deadline_days)).unwrap_or(on);
                Some((Step::Legal, due.max(today)))
            }
            (Some(step), Some((last, on))) if step > last => Some((step, gap_ok(on).max(today))),
            // Arrears that imply no higher rung than the last letter: the same letter is not
            // sent twice; the file waits for its arrears to deepen.
            (Some(_), Some(_)) => None,
            (Some(step), None) => Some((step, today)),
            (None, _) => None,
        };
        let in_default = s.days_past_due > 0;
        let guarantor_due = in_default
            && s.has_guarantors
            && s.guarantor_notice_on.is_none()
            && s.days_past_due >= self.guarantor_from_dpd;
        Assessment {
            implied,
            next,
            guarantor_due,
            guarantor_late: guarantor_due && s.days_past_due > self.guarantor_limit_dpd,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || d(12, 7);

    fn standing(dpd: i64, installments: u32) -> Standing {
        Standing { days_past_due: dpd, overdue_installments: installments, ..Standing::default() }
    }

    #[rstest::rstest]
    #[case::current(0, 0, None)]
    #[case::six_days(6, 1, None)]
    #[case::a_week(7, 1, Some(Step::Reminder))]
    #[case::a_month(30, 1, Some(Step::Demand))]
    #[case::two_months(60, 2, Some(Step::Demand2))]
    #[case::three_installments(92, 3, Some(Step::Demand2))]
    #[case::four_installments(95, 4, Some(Step::Termination))]
    fn the_arrears_imply_a_rung(#[case] dpd: i64, #[case] n: u32, #[case] step: Option<Step>) {
        assert_eq!(Ladder::default().implied(&standing(dpd, n)), step);
    }

    #[test]
    fn a_file_deep_in_arrears_starts_at_the_rung_its_arrears_imply() {
        let a = Ladder::default().assess(&standing(400, 13), TODAY());
        assert_eq!(a.next, Some((Step::Termination, TODAY())), "not walked up from the reminder");
    }

    #[test]
    fn the_next_letter_waits_a_week_after_the_last() {
        let mut s = standing(31, 1);
        s.last_letter = Some((Step::Reminder, d(12, 3)));
        // Demand 1 is earned on day 30 but the reminder went on 3 Dec: not before 10 Dec.
        assert_eq!(Ladder::default().assess(&s, TODAY()).next, Some((Step::Demand, d(12, 10))));
        s.last_letter = Some((Step::Reminder, d(11, 10)));
        assert_eq!(Ladder::default().assess(&s, TODAY()).next, Some((Step::Demand, TODAY())));
    }

    #[test]
    fn the_same_letter_is_not_sent_twice() {
        let mut s = standing(45, 2);
        s.last_letter = Some((Step::Demand, d(11, 20)));
        assert_eq!(Ladder::default().assess(&s, TODAY()).next, None);
    }

    #[test]
    fn after_the_termination_notice_comes_the_legal_referral_at_its_deadline() {
        let mut s = standing(200, 7);
        s.last_letter = Some((Step::Termination, d(11, 20)));
        assert_eq!(Ladder::default().assess(&s, TODAY()).next, Some((Step::Legal, d(12, 20))));
    }

    #[test]
    fn the_guarantor_notice_is_proposed_from_day_45_and_flagged_late_after_day_60() {
        let mut s = standing(50, 2);
        s.has_guarantors = true;
        let a = Ladder::default().assess(&s, TODAY());
        assert!(a.guarantor_due && !a.guarantor_late);
        s.days_past_due = 75;
        assert!(Ladder::default().assess(&s, TODAY()).guarantor_late);
        s.guarantor_notice_on = Some(d(11, 1));
        assert!(!Ladder::default().assess(&s, TODAY()).guarantor_due);
        s.has_guarantors = false;
        s.guarantor_notice_on = None;
        assert!(!Ladder::default().assess(&s, TODAY()).guarantor_due);
    }

    #[test]
    fn every_rung_with_a_letter_maps_back() {
        for step in [Step::Reminder, Step::Demand, Step::Demand2, Step::Termination] {
            assert_eq!(Step::from_letter(step.letter().unwrap()), Some(step));
        }
        assert_eq!(Step::Legal.letter(), None);
    }
}
