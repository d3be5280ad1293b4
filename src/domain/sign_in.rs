//! Sign-in rules: a user name is locked for a while after repeated wrong passwords (5 in a row
//! lock it for 15 minutes by default, settings), a session locks itself after some minutes
//! without input (10 by default), and who may unlock a locked session. Pure: the store keeps the
//! counts and the times, the app keeps the clock.

use chrono::{Duration, NaiveDateTime};

/// The institute's sign-in settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Wrong passwords in a row that lock the name (0: never lock).
    pub max_failures: u32,
    pub lock_minutes: i64,
    /// Minutes without input before the session locks (0: never).
    pub idle_minutes: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { max_failures: 5, lock_minutes: 15, idle_minutes: 10 }
    }
}

/// What is kept per user name (typed names that belong to nobody are counted too, so the answer
/// never tells a guesser which names exist).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lockout {
    /// Wrong passwords in a row since the last success or the last lock.
    pub failures: u32,
    pub locked_until: Option<NaiveDateTime>,
}

/// The answer to a wrong password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// Wrong; this many tries are left before the name locks (None when locking is off).
    TriesLeft(Option<u32>),
    /// This failure locked the name until then.
    LockedNow(NaiveDateTime),
}

impl Lockout {
    /// Until when the name is locked at `now`, if it is.
    pub fn locked_at(&self, now: NaiveDateTime) -> Option<NaiveDateTime> {
        self.locked_until.filter(|until| *until > now)
    }

    /// After a wrong password at `now`. A lock that has run out starts the count afresh.
    pub fn after_failure(self, now: NaiveDateTime, policy: Policy) -> (Lockout, Failed) {
        let failures = match self.locked_until {
            Some(until) if until <= now => 1,
            _ => self.failures + 1,
        };
        if policy.max_failures == 0 {
            return (Lockout { failures, locked_until: None }, Failed::TriesLeft(None));
        }
        if failures >= policy.max_failures {
            let until = now + Duration::minutes(policy.lock_minutes.max(1));
            (Lockout { failures: 0, locked_until: Some(until) }, Failed::LockedNow(until))
        } else {
            let left = policy.max_failures - failures;
            (Lockout { failures, locked_until: None }, Failed::TriesLeft(Some(left)))
        }
    }
}

/// Whether a session idle since `last_input` is locked at `now`.
pub fn idle_locked(last_input: NaiveDateTime, now: NaiveDateTime, policy: Policy) -> bool {
    policy.idle_minutes > 0 && now - last_input >= Duration::minutes(policy.idle_minutes)
}

/// Who may unlock a session locked while `holder` was signed in: the same user, or a committee
/// member (who may then carry on as themself). Anyone else signs the holder out first.
pub fn may_unlock(holder: i64, who: i64, who_is_committee: bool) -> bool {
    holder == who || who_is_committee
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 11, 21).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn five_wrong_passwords_in_a_row_lock_the_name_for_fifteen_minutes() {
        let p = Policy::default();
        let mut lock = Lockout::default();
        // Wrong at 09:00, 09:01, 09:02, 09:03: 4, 3, 2, 1 tries left.
        for (i, left) in [4, 3, 2, 1].into_iter().enumerate() {
            let (next, failed) = lock.after_failure(at(9, i as u32), p);
            assert_eq!(failed, Failed::TriesLeft(Some(left)));
            assert_eq!(next.locked_at(at(9, i as u32)), None);
            lock = next;
        }
        // The fifth at 09:04 locks it until 09:19.
        let (lock, failed) = lock.after_failure(at(9, 4), p);
        assert_eq!(failed, Failed::LockedNow(at(9, 19)));
        assert_eq!(lock.locked_at(at(9, 18)), Some(at(9, 19)));
        // At 09:19 exactly it is open again.
        assert_eq!(lock.locked_at(at(9, 19)), None);
    }

    #[test]
    fn a_wrong_password_after_the_lock_ran_out_starts_the_count_afresh() {
        let p = Policy::default();
        let lock = Lockout { failures: 0, locked_until: Some(at(9, 19)) };
        let (lock, failed) = lock.after_failure(at(10, 0), p);
        assert_eq!(failed, Failed::TriesLeft(Some(4)));
        assert_eq!(lock, Lockout { failures: 1, locked_until: None });
    }

    #[test]
    fn the_settings_change_the_count_and_the_length_and_zero_never_locks() {
        let p = Policy { max_failures: 3, lock_minutes: 60, idle_minutes: 10 };
        let lock = Lockout { failures: 2, locked_until: None };
        assert_eq!(lock.after_failure(at(8, 0), p).1, Failed::LockedNow(at(9, 0)));
        let off = Policy { max_failures: 0, ..p };
        let lock = Lockout { failures: 99, locked_until: None };
        assert_eq!(lock.after_failure(at(8, 0), off).1, Failed::TriesLeft(None));
    }

    #[test]
    fn a_session_locks_after_the_idle_minutes_and_never_when_set_to_zero() {
        let p = Policy::default();
        assert!(!idle_locked(at(9, 0), at(9, 9), p));
        assert!(idle_locked(at(9, 0), at(9, 10), p));
        assert!(!idle_locked(at(9, 0), at(17, 0), Policy { idle_minutes: 0, ..p }));
    }

    #[test]
    fn only_the_same_user_or_a_committee_member_unlocks_a_session() {
        assert!(may_unlock(7, 7, false));
        assert!(may_unlock(7, 2, true));
        assert!(!may_unlock(7, 3, false));
    }
}
