-- Collections work (issue 12): the contact log, promises to pay, who follows each household,
-- collection holds, and the office's own holidays. The `contact` table of 0001 was never
-- written: it is replaced by one that records whom a contact reached, the next action, and a
-- contact made outside the Debt Collection Act's guards with its reason.
DROP TABLE contact;

CREATE TABLE contact (
    id                INTEGER PRIMARY KEY,
    -- The debtor whose file it is.
    person_id         INTEGER NOT NULL REFERENCES person (id),
    loan_id           INTEGER REFERENCES loan (id),
    -- Local date and time, 'YYYY-MM-DDTHH:MM:SS'.
    at                TEXT NOT NULL,
    channel           TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'letter', 'message', 'meeting', 'office')),
    reached           TEXT NOT NULL CHECK (reached IN ('borrower', 'co_borrower', 'guarantor', 'relative')),
    -- The person reached (for the one-contact-a-day rule), when known.
    reached_person_id INTEGER REFERENCES person (id),
    outcome           TEXT NOT NULL CHECK (outcome IN ('promise', 'paid', 'refused', 'no_answer', 'wrong_number', 'moved', 'deceased', 'disputed', 'hardship')),
    note              TEXT NOT NULL DEFAULT '',
    next_action       TEXT NOT NULL DEFAULT '',
    next_action_at    TEXT,
    -- A contact recorded after it happened outside the guards: which guard, and why.
    breach            TEXT NOT NULL DEFAULT '',
    breach_reason     TEXT NOT NULL DEFAULT '',
    officer_id        INTEGER REFERENCES app_user (id),
    created_at        TEXT NOT NULL,
    CHECK (breach = '' OR length(trim(breach_reason)) > 0)
);
CREATE INDEX contact_person ON contact (person_id, at);
CREATE INDEX contact_reached ON contact (reached_person_id, at);
CREATE INDEX contact_loan ON contact (loan_id, at);
CREATE INDEX contact_officer ON contact (officer_id);
CREATE INDEX contact_breach ON contact (at) WHERE breach <> '';
CREATE TRIGGER contact_never_deleted BEFORE DELETE ON contact BEGIN
    SELECT RAISE(ABORT, 'contacts are never deleted');
END;

CREATE TABLE promise (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contact (id),
    loan_id      INTEGER NOT NULL REFERENCES loan (id),
    made_on      TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount > 0),
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'kept', 'partly_kept', 'broken')),
    paid         INTEGER NOT NULL DEFAULT 0,
    evaluated_on TEXT,
    CHECK (due_on >= made_on)
);
CREATE INDEX promise_contact ON promise (contact_id);
CREATE INDEX promise_loan ON promise (loan_id, due_on);
CREATE INDEX promise_open ON promise (due_on) WHERE state = 'open';

-- Who follows a household: an officer (a user) or a group leader (a member who is not a user).
-- The latest row per household holds; the earlier ones are its history.
CREATE TABLE assignment (
    id               INTEGER PRIMARY KEY,
    household_id     INTEGER NOT NULL REFERENCES household (id),
    officer_id       INTEGER REFERENCES app_user (id),
    leader_person_id INTEGER REFERENCES person (id),
    from_on          TEXT NOT NULL,
    assigned_by      INTEGER REFERENCES app_user (id),
    created_at       TEXT NOT NULL,
    CHECK ((officer_id IS NULL) != (leader_person_id IS NULL))
);
CREATE INDEX assignment_household ON assignment (household_id, id);
CREATE INDEX assignment_officer ON assignment (officer_id);
CREATE INDEX assignment_leader ON assignment (leader_person_id);
CREATE INDEX assignment_by ON assignment (assigned_by);
CREATE TRIGGER assignment_never_updated BEFORE UPDATE ON assignment BEGIN
    SELECT RAISE(ABORT, 'assignments are never edited: assign again');
END;

-- พักการติดตาม: one record for every reason to stop chasing a loan for a while. It may be
-- backdated, is never edited or deleted, only ended (once).
CREATE TABLE collection_hold (
    id         INTEGER PRIMARY KEY,
    loan_id    INTEGER NOT NULL REFERENCES loan (id),
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    from_on    TEXT NOT NULL,
    until_on   TEXT,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    ended_on   TEXT,
    ended_by   INTEGER REFERENCES app_user (id),
    end_reason TEXT NOT NULL DEFAULT '',
    CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE INDEX collection_hold_loan ON collection_hold (loan_id);
CREATE INDEX collection_hold_created_by ON collection_hold (created_by);
CREATE INDEX collection_hold_ended_by ON collection_hold (ended_by);
CREATE TRIGGER collection_hold_never_deleted BEFORE DELETE ON collection_hold BEGIN
    SELECT RAISE(ABORT, 'collection holds are never deleted: end them');
END;
CREATE TRIGGER collection_hold_only_ended BEFORE UPDATE ON collection_hold
WHEN OLD.ended_on IS NOT NULL OR NEW.ended_on IS NULL
  OR NEW.loan_id IS NOT OLD.loan_id OR NEW.reason IS NOT OLD.reason OR NEW.from_on IS NOT OLD.from_on
  OR NEW.until_on IS NOT OLD.until_on OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'collection holds are never edited: end them once');
END;

-- The office's lunar and substitute holidays (the fixed-date ones are in the app).
CREATE TABLE holiday (
    day  TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0)
) WITHOUT ROWID;

-- The sieve campaign (ร่อนตะแกรง): one letter with a deadline to a chosen group; the letters it
-- issued; after the deadline the rest move to the next step as a follow-up campaign.
CREATE TABLE campaign (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind         TEXT NOT NULL,
    village_no   INTEGER,
    fund_id      INTEGER REFERENCES fund (id),
    min_dpd      INTEGER NOT NULL DEFAULT 0,
    issued_on    TEXT NOT NULL,
    deadline     TEXT NOT NULL,
    follows_id   INTEGER REFERENCES campaign (id),
    created_by   INTEGER REFERENCES app_user (id),
    created_at   TEXT NOT NULL,
    CHECK (deadline >= issued_on)
);
CREATE INDEX campaign_fund ON campaign (fund_id);
CREATE INDEX campaign_follows ON campaign (follows_id);
CREATE INDEX campaign_created_by ON campaign (created_by);

CREATE TABLE campaign_letter (
    campaign_id INTEGER NOT NULL REFERENCES campaign (id),
    loan_id     INTEGER NOT NULL REFERENCES loan (id),
    letter_id   INTEGER NOT NULL REFERENCES letter (id),
    asked       INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, loan_id)
) WITHOUT ROWID;
CREATE INDEX campaign_letter_loan ON campaign_letter (loan_id);
CREATE INDEX campaign_letter_letter ON campaign_letter (letter_id);

-- The member's grade is computed from the payment history (issue 12 §10): why, and when.
ALTER TABLE person ADD COLUMN grade_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE person ADD COLUMN grade_on TEXT;
