//! Target days per legal step (SLA, seed 003 AP7-1: "ระยะเวลาในการทำงาน SLA เป็นไปตามเป้าหมาย"):
//! from the milestone that starts a step to the one that ends it. A case waits on the office
//! only between its own milestones (while the court sits, its dates are hearings, not SLAs).
//! The seed sets no figures; the defaults below are the office's to change in the settings.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::add_days;
use super::case::EventKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// From the case file opened to the suit filed.
    File,
    /// From the judgment to the writ of execution (หมายบังคับคดี).
    Writ,
    /// From the writ to the search for assets (สืบทรัพย์).
    AssetSearch,
    /// From the asset search to the seizure or attachment (ยึด/อายัด).
    Seizure,
    /// From the seizure to the auction notice (ประกาศขายทอดตลาด).
    Auction,
    /// From the sale to the money received from the Legal Execution Department.
    Proceeds,
}

impl Step {
    pub const ALL: &[Step] =
        &[Step::File, Step::Writ, Step::AssetSearch, Step::Seizure, Step::Auction, Step::Proceeds];

    pub fn code(self) -> &'static str {
        match self {
            Step::File => "file",
            Step::Writ => "writ",
            Step::AssetSearch => "asset_search",
            Step::Seizure => "seizure",
            Step::Auction => "auction",
            Step::Proceeds => "proceeds",
        }
    }

    /// The setting that holds the step's target days.
    pub fn setting_key(self) -> String {
        format!("legal.sla.{}", self.code())
    }

    pub fn default_days(self) -> u32 {
        match self {
            Step::File => 60,
            Step::Writ => 45,
            Step::AssetSearch => 30,
            Step::Seizure => 60,
            Step::Auction => 90,
            Step::Proceeds => 60,
        }
    }

    /// The event that ends the step.
    pub fn ends_with(self) -> EventKind {
        match self {
            Step::File => EventKind::Filing,
            Step::Writ => EventKind::Writ,
            Step::AssetSearch => EventKind::AssetSearch,
            Step::Seizure => EventKind::Seizure,
            Step::Auction => EventKind::Auction,
            Step::Proceeds => EventKind::Proceeds,
        }
    }

    /// The step that an event starts (the next thing the office must do), if any.
    fn started_by(kind: EventKind) -> Option<Step> {
        match kind {
            EventKind::Judgment => Some(Step::Writ),
            EventKind::Writ => Some(Step::AssetSearch),
            EventKind::AssetSearch => Some(Step::Seizure),
            EventKind::Seizure => Some(Step::Auction),
            EventKind::SaleResult => Some(Step::Proceeds),
            _ => None,
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::File => "ยื่นฟ้อง",
            Step::Writ => "ขอออกหมายบังคับคดี",
            Step::AssetSearch => "สืบทรัพย์",
            Step::Seizure => "ยึด/อายัดทรัพย์",
            Step::Auction => "ประกาศขายทอดตลาด",
            Step::Proceeds => "รับเงินจากกรมบังคับคดี",
        })
    }
}

/// The step a case is waiting on: which, since when, and its last day under the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub step: Step,
    pub since: NaiveDate,
    pub due: NaiveDate,
}

impl Pending {
    /// Days past the target on `today` (0 while within it).
    pub fn days_over(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days().max(0)
    }
}

/// The step the office owes on a case: from its opening until the suit is filed, then from the
/// latest enforcement milestone to the next. None once settled or closed, while the court has the
/// case (filed, no judgment), and once the money came in. `events` are (kind, date) in any order.
pub fn pending(
    opened_on: NaiveDate,
    settled_or_closed: bool,
    events: &[(EventKind, NaiveDate)],
    target_days: impl Fn(Step) -> u32,
) -> Option<Pending> {
    if settled_or_closed {
        return None;
    }
    let filed = events.iter().any(|(k, _)| *k == EventKind::Filing);
    if !filed {
        let due = add_days(opened_on, target_days(Step::File));
        return Some(Pending { step: Step::File, since: opened_on, due });
    }
    // The latest milestone that starts or ends an enforcement step decides.
    let mut milestones: Vec<(NaiveDate, usize, EventKind)> = events
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == EventKind::Judgment || k.is_enforcement())
        .map(|(i, (k, d))| (*d, i, *k))
        .collect();
    milestones.sort_by_key(|m| (m.0, m.1));
    let (since, _, last) = *milestones.last()?;
    let step = Step::started_by(last)?;
    Some(Pending { step, since, due: add_days(since, target_days(step)) })
}

#[cfg(test)]
mod tests {
    use super::super::ymd;
    use super::*;
    use EventKind::*;

    fn defaults(s: Step) -> u32 {
        s.default_days()
    }

    #[test]
    fn an_unfiled_case_owes_the_filing_sixty_days_from_opening() {
        let p = pending(ymd(2025, 9, 1), false, &[], defaults).unwrap();
        assert_eq!((p.step, p.due), (Step::File, ymd(2025, 10, 31)));
        assert_eq!(p.days_over(ymd(2025, 11, 21)), 21);
        assert_eq!(p.days_over(ymd(2025, 10, 31)), 0);
    }

    #[test]
    fn the_court_has_a_filed_case_until_judgment() {
        let ev = [(Filing, ymd(2025, 10, 1)), (Hearing, ymd(2025, 12, 1))];
        assert_eq!(pending(ymd(2025, 9, 1), false, &ev, defaults), None);
    }

    #[test]
    fn each_enforcement_milestone_starts_the_next_step() {
        // Judgment 1 Jun 2025: writ due in 45 days, 16 Jul 2025.
        let mut ev = vec![(Filing, ymd(2025, 1, 10)), (Judgment, ymd(2025, 6, 1))];
        let p = pending(ymd(2025, 1, 1), false, &ev, defaults).unwrap();
        assert_eq!((p.step, p.since, p.due), (Step::Writ, ymd(2025, 6, 1), ymd(2025, 7, 16)));
        // Writ 10 Jul, then asset search due 30 days later: 9 Aug.
        ev.push((Writ, ymd(2025, 7, 10)));
        let p = pending(ymd(2025, 1, 1), false, &ev, defaults).unwrap();
        assert_eq!((p.step, p.due), (Step::AssetSearch, ymd(2025, 8, 9)));
        // A target set to 10 days in the settings.
        let p = pending(ymd(2025, 1, 1), false, &ev, |_| 10).unwrap();
        assert_eq!(p.due, ymd(2025, 7, 20));
        // Money received ends the track; a settled case owes nothing.
        ev.push((Proceeds, ymd(2025, 12, 1)));
        assert_eq!(pending(ymd(2025, 1, 1), false, &ev, defaults), None);
        assert_eq!(pending(ymd(2025, 1, 1), true, &[], defaults), None);
    }
}
