//! When an automatic backup is due: before every risky operation (a batch of letters, an approval
//! that changes money, an import), when the app closes with changes since the last good copy, and
//! at most once a day while it runs. Pure: the store reads the times, this decides.

use chrono::NaiveDateTime;

/// What is about to happen (or is happening) when the app asks whether to back up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The app's periodic check while it runs (and once at sign-in).
    Running,
    /// The window is closing.
    Closing,
    /// A batch of letters is about to be numbered.
    BeforeLetters,
    /// A consolidation, plan, transfer or write-off is about to be approved.
    BeforeApproval,
    /// An import is about to write.
    BeforeImport,
}

/// The times the decision rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Times {
    /// When the newest good (verified) backup was taken, if any.
    pub last_good: Option<NaiveDateTime>,
    /// When the database last changed (its newest audit entry), if ever.
    pub last_change: Option<NaiveDateTime>,
    pub now: NaiveDateTime,
}

impl Times {
    /// Whether something was written after the last good backup (or there is none to lean on).
    fn changed_since_backup(&self) -> bool {
        match (self.last_good, self.last_change) {
            (None, _) => true,
            (Some(_), None) => false,
            // Same second counts as changed: the audit stamp and the backup's share a resolution
            // of one second, and a backup missed is worse than one too many.
            (Some(backup), Some(change)) => change >= backup,
        }
    }
}

/// Whether to take a backup now.
///
/// - Before letters, an approval or an import: always. The copy must hold the state just before
///   the operation so it can be undone by a restore, whatever was taken earlier the same day.
/// - Closing: when something changed since the last good backup (closing twice in a row, or
///   after only reading, copies nothing new).
/// - Running: when no good backup was taken today (calendar day of `now`), so at most one a day.
pub fn due(times: Times, event: Event) -> bool {
    match event {
        Event::BeforeLetters | Event::BeforeApproval | Event::BeforeImport => true,
        Event::Closing => times.changed_since_backup(),
        Event::Running => match times.last_good {
            Some(t) => t.date() != times.now.date(),
            None => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 11, d).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    fn times(last_good: Option<NaiveDateTime>, last_change: Option<NaiveDateTime>) -> Times {
        Times { last_good, last_change, now: at(21, 16, 30) }
    }

    #[test]
    fn a_database_never_backed_up_is_due_for_every_event() {
        for event in [
            Event::Running,
            Event::Closing,
            Event::BeforeLetters,
            Event::BeforeApproval,
            Event::BeforeImport,
        ] {
            assert!(due(times(None, None), event), "{event:?}");
        }
    }

    #[test]
    fn risky_operations_back_up_even_right_after_another_backup() {
        // A backup at 16:29 and nothing written since: the approval at 16:30 still gets its own.
        let t = times(Some(at(21, 16, 29)), Some(at(21, 9, 0)));
        assert!(due(t, Event::BeforeApproval));
        assert!(due(t, Event::BeforeLetters));
        assert!(due(t, Event::BeforeImport));
    }

    #[test]
    fn running_backs_up_at_most_once_a_calendar_day() {
        // Good backup this morning at 08:05: not again today, however much changed since.
        assert!(!due(times(Some(at(21, 8, 5)), Some(at(21, 16, 0))), Event::Running));
        // Last good one yesterday at 23:59: due today at 16:30.
        assert!(due(times(Some(at(20, 23, 59)), None), Event::Running));
    }

    #[test]
    fn closing_backs_up_only_what_changed_since_the_last_good_copy() {
        // Backup at 12:00, a payment at 15:10: closing at 16:30 copies it.
        assert!(due(times(Some(at(21, 12, 0)), Some(at(21, 15, 10))), Event::Closing));
        // Backup at 12:00, last change 11:00: nothing new, closing takes none.
        assert!(!due(times(Some(at(21, 12, 0)), Some(at(21, 11, 0))), Event::Closing));
        // A change stamped in the same second as the backup might not be in it: due.
        assert!(due(times(Some(at(21, 12, 0)), Some(at(21, 12, 0))), Event::Closing));
        // An empty log and a good backup: nothing to copy.
        assert!(!due(times(Some(at(21, 12, 0)), None), Event::Closing));
    }
}
