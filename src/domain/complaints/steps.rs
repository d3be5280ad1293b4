//! The steps of ISO 10002 as seed 004 lists them (receipt, acknowledgement, initial assessment,
//! investigation, response with reasons, closing; and reopening when the complainant is not
//! satisfied), which step may follow which, and the clock of the step that is due next.

use std::fmt;

use chrono::NaiveDate;

use super::clock::{Targets, add_working_days};
use crate::domain::collections::hours::Holidays;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    Receive,
    Acknowledge,
    Assess,
    Investigate,
    Respond,
    Close,
    Reopen,
}

impl Step {
    pub const ALL: &[Step] = &[
        Step::Receive,
        Step::Acknowledge,
        Step::Assess,
        Step::Investigate,
        Step::Respond,
        Step::Close,
        Step::Reopen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Receive => "receive",
            Step::Acknowledge => "acknowledge",
            Step::Assess => "assess",
            Step::Investigate => "investigate",
            Step::Respond => "respond",
            Step::Close => "close",
            Step::Reopen => "reopen",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// The verb on the step's button.
    pub fn action(self) -> &'static str {
        match self {
            Step::Receive => "รับเรื่อง",
            Step::Acknowledge => "ตอบรับเรื่อง",
            Step::Assess => "ประเมินเรื่อง",
            Step::Investigate => "บันทึกการตรวจสอบ",
            Step::Respond => "แจ้งผล",
            Step::Close => "ปิดเรื่อง",
            Step::Reopen => "เปิดเรื่องใหม่",
        }
    }

    /// What the complaint is once the step is done.
    pub fn state(self) -> &'static str {
        match self {
            Step::Receive => "รับเรื่องแล้ว",
            Step::Acknowledge => "ตอบรับแล้ว",
            Step::Assess => "ประเมินแล้ว",
            Step::Investigate => "กำลังตรวจสอบ",
            Step::Respond => "แจ้งผลแล้ว",
            Step::Close => "ปิดเรื่องแล้ว",
            Step::Reopen => "เปิดเรื่องใหม่",
        }
    }

    /// The steps that may follow this one. An investigation may be added to more than once;
    /// a simple complaint may be answered straight after assessment.
    pub fn next(self) -> &'static [Step] {
        match self {
            Step::Receive => &[Step::Acknowledge],
            Step::Acknowledge => &[Step::Assess],
            Step::Assess => &[Step::Investigate, Step::Respond],
            Step::Investigate => &[Step::Investigate, Step::Respond],
            Step::Respond => &[Step::Close, Step::Investigate],
            Step::Close => &[Step::Reopen],
            Step::Reopen => &[Step::Assess, Step::Investigate, Step::Respond],
        }
    }

    /// The step the office is waiting for after this one (the one whose clock runs).
    pub fn expected(self) -> Option<Step> {
        match self {
            Step::Receive => Some(Step::Acknowledge),
            Step::Acknowledge => Some(Step::Assess),
            Step::Assess => Some(Step::Investigate),
            Step::Investigate => Some(Step::Respond),
            Step::Respond => Some(Step::Close),
            Step::Close => None,
            Step::Reopen => Some(Step::Assess),
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.action())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepError {
    #[error("ขั้นตอน{tried}ทำต่อจาก{after}ไม่ได้ ขั้นต่อไปคือ {allowed}")]
    OutOfOrder { tried: &'static str, after: &'static str, allowed: String },
    #[error("วันที่ของขั้นตอนต้องไม่ก่อนขั้นตอนก่อนหน้า ({0})")]
    BeforePrevious(String),
}

/// The steps a complaint went through, in order, each with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workflow {
    pub steps: Vec<(Step, NaiveDate)>,
}

/// The step due next and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub step: Step,
    pub on: NaiveDate,
}

impl Due {
    pub fn overdue(&self, today: NaiveDate) -> bool {
        today > self.on
    }
}

impl Workflow {
    pub fn received(on: NaiveDate) -> Workflow {
        Workflow { steps: vec![(Step::Receive, on)] }
    }

    pub fn last(&self) -> (Step, NaiveDate) {
        self.steps.last().copied().unwrap_or((Step::Receive, NaiveDate::MIN))
    }

    pub fn is_open(&self) -> bool {
        self.last().0 != Step::Close
    }

    /// The day the clocks run from: the day received, or the last reopening.
    pub fn clock_start(&self) -> NaiveDate {
        self.steps
            .iter()
            .rev()
            .find(|(s, _)| matches!(s, Step::Receive | Step::Reopen))
            .map(|(_, d)| *d)
            .unwrap_or(NaiveDate::MIN)
    }

    /// Checks that `step` may follow on `on`.
    pub fn check(&self, step: Step, on: NaiveDate) -> Result<(), StepError> {
        let (last, last_on) = self.last();
        if !last.next().contains(&step) {
            let allowed: Vec<&str> = last.next().iter().map(|s| s.action()).collect();
            return Err(StepError::OutOfOrder {
                tried: step.action(),
                after: last.state(),
                allowed: allowed.join(" หรือ "),
            });
        }
        if on < last_on {
            return Err(StepError::BeforePrevious(crate::domain::thai::date::format_short(
                last_on,
            )));
        }
        Ok(())
    }

    pub fn apply(&mut self, step: Step, on: NaiveDate) -> Result<(), StepError> {
        self.check(step, on)?;
        self.steps.push((step, on));
        Ok(())
    }

    /// The step the office is waiting for and its due date, or `None` once closed.
    pub fn due(&self, targets: &Targets, holidays: &Holidays) -> Option<Due> {
        let step = self.last().0.expected()?;
        let days = targets.days(step)?;
        Some(Due { step, on: add_working_days(self.clock_start(), days, holidays) })
    }

    /// The day the complaint was last closed, if it is closed.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        (!self.is_open()).then(|| self.last().1)
    }

    /// The first date each step was reached after the clock started (for the report).
    pub fn reached(&self, step: Step) -> Option<NaiveDate> {
        self.steps.iter().find(|(s, _)| *s == step).map(|(_, d)| *d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_complaint_goes_from_receipt_to_closing_and_may_be_reopened() {
        let mut w = Workflow::received(ymd(2026, 12, 1));
        for (s, d) in [
            (Step::Acknowledge, 1),
            (Step::Assess, 2),
            (Step::Investigate, 3),
            (Step::Investigate, 4),
            (Step::Respond, 8),
            (Step::Close, 9),
        ] {
            w.apply(s, ymd(2026, 12, d)).unwrap();
        }
        assert!(!w.is_open());
        assert_eq!(w.closed_on(), Some(ymd(2026, 12, 9)));
        w.apply(Step::Reopen, ymd(2026, 12, 14)).unwrap();
        assert!(w.is_open());
        assert_eq!(w.clock_start(), ymd(2026, 12, 14));
    }

    #[test]
    fn steps_out_of_order_are_refused_in_thai() {
        let mut w = Workflow::received(ymd(2026, 12, 1));
        let e = w.apply(Step::Respond, ymd(2026, 12, 2)).unwrap_err();
        assert_eq!(e.to_string(), "ขั้นตอนแจ้งผลทำต่อจากรับเรื่องแล้วไม่ได้ ขั้นต่อไปคือ ตอบรับเรื่อง");
        assert!(w.apply(Step::Reopen, ymd(2026, 12, 2)).is_err());
        assert_eq!(w.steps.len(), 1);
    }

    #[test]
    fn a_step_is_not_dated_before_the_one_before_it() {
        let mut w = Workflow::received(ymd(2026, 12, 8));
        assert!(matches!(
            w.apply(Step::Acknowledge, ymd(2026, 12, 7)),
            Err(StepError::BeforePrevious(_))
        ));
    }

    // Received Tuesday 1 Dec 2569 with the default targets and no holidays that week: the
    // acknowledgement is due Wed 2 Dec (1 working day), and once acknowledged the assessment is
    // due Fri 4 Dec (3 working days from receipt, not from the acknowledgement).
    #[test]
    fn the_step_due_next_is_counted_from_receipt() {
        let h = Holidays::default();
        let t = Targets::default();
        let mut w = Workflow::received(ymd(2026, 12, 1));
        let due = w.due(&t, &h).unwrap();
        assert_eq!((due.step, due.on), (Step::Acknowledge, ymd(2026, 12, 2)));
        assert!(!due.overdue(ymd(2026, 12, 2)));
        assert!(due.overdue(ymd(2026, 12, 3)));
        w.apply(Step::Acknowledge, ymd(2026, 12, 2)).unwrap();
        let due = w.due(&t, &h).unwrap();
        assert_eq!((due.step, due.on), (Step::Assess, ymd(2026, 12, 4)));
        w.apply(Step::Assess, ymd(2026, 12, 2)).unwrap();
        w.apply(Step::Respond, ymd(2026, 12, 3)).unwrap();
        w.apply(Step::Close, ymd(2026, 12, 3)).unwrap();
        assert_eq!(w.due(&t, &h), None);
    }
}
