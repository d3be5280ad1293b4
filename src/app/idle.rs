//! The app's side of the idle lock (see [`super::lock`]): looking at the clock, locking with an
//! audit entry, and what an unlock does to the session.

use super::*;

/// What the user cannot do to the hidden screen while it is locked (screens' own answers from
/// the database still arrive, so a save under way finishes).
pub(super) fn hidden_by_lock(message: &Message) -> bool {
    matches!(message, Message::Navigate(_) | Message::Back)
}

impl App {
    /// Locks the session if it has been idle for the policy's minutes.
    pub(super) fn idle_check(&mut self) -> Task<Message> {
        let Some(session) = &self.session else { return Task::none() };
        let now = chrono::Local::now().naive_local();
        if self.lock.is_some() || !sign_in_rules::idle_locked(self.last_input, now, self.policy) {
            return Task::none();
        }
        let (actor, minutes) = (session.actor(), self.policy.idle_minutes);
        self.lock = Some(lock::Lock::new(self.store.clone(), session.user.clone(), minutes));
        let focus = operation::focus(screen::sign_in::PASSWORD_ID);
        let record = screen::write(
            &self.store,
            move |tx| sessions::record_idle_lock(tx, &actor, minutes),
            Message::Recorded,
        );
        Task::batch([focus, record])
    }

    pub(super) fn lock_message(&mut self, m: lock::Message) -> Task<Message> {
        let Some(l) = &mut self.lock else { return Task::none() };
        let holder = l.holder.clone();
        match l.update(m) {
            lock::Outcome::None => Task::none(),
            lock::Outcome::Run(task) => task.map(Message::Lock),
            lock::Outcome::Unlocked(user) => {
                self.lock = None;
                self.last_input = chrono::Local::now().naive_local();
                self.record_unlock(&user, holder)
            }
            lock::Outcome::TakenOver(user) => {
                self.lock = None;
                self.last_input = chrono::Local::now().naive_local();
                let record = self.record_unlock(&user, holder);
                // The committee member works as themself: the same place, opened for them.
                if let Some(session) = &mut self.session {
                    session.user = user;
                }
                self.history.clear();
                let here = self.current.clone().unwrap_or(Destination::Home);
                let reopen = self.open(here, false);
                Task::batch([record, reopen])
            }
            lock::Outcome::SignOut => self.update(Message::SignOut),
        }
    }

    fn record_unlock(&self, who: &users::User, holder: users::User) -> Task<Message> {
        let actor = who.actor();
        screen::write(
            &self.store,
            move |tx| sessions::record_unlock(tx, &actor, &holder),
            Message::Recorded,
        )
    }
}
