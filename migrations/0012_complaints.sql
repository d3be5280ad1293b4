-- Complaints and disputes along ISO 10002 (issue 16, seed 004). The `complaint` table of 0001 was
-- never written: it is replaced by one numbered per B.E. year with the complainant kept apart
-- from what lists show, the officer it is about (never its handler), and each step recorded
-- once, with who and when, in `complaint_step`. A complaint disputing a loan's amount holds
-- collection through the one `collection_hold` record of 0008, linked here.
DROP INDEX complaint_person;
DROP TABLE complaint;

CREATE TABLE complaint (
    id                  INTEGER PRIMARY KEY,
    be_year             INTEGER NOT NULL,
    no                  INTEGER NOT NULL CHECK (no > 0),
    received_on         TEXT NOT NULL,
    channel             TEXT NOT NULL CHECK (channel IN ('walk-in', 'phone', 'letter', 'line', 'box', 'referred')),
    category            TEXT NOT NULL CHECK (category IN ('disputed-amount', 'conduct', 'data', 'service', 'other')),
    -- A member (person_id), someone else (name, address), or anonymous (neither).
    complainant         TEXT NOT NULL CHECK (complainant IN ('member', 'other', 'anonymous')),
    person_id           INTEGER REFERENCES person (id),
    complainant_name    TEXT NOT NULL DEFAULT '',
    complainant_address TEXT NOT NULL DEFAULT '',
    complainant_phone   TEXT NOT NULL DEFAULT '',
    detail              TEXT NOT NULL CHECK (length(trim(detail)) > 0),
    request             TEXT NOT NULL DEFAULT '',
    -- The officer the complaint is about: never its handler.
    about_user_id       INTEGER REFERENCES app_user (id),
    handler_id          INTEGER REFERENCES app_user (id),
    severity            TEXT CHECK (severity IS NULL OR severity IN ('low', 'medium', 'high')),
    -- The last step (the state), kept with the steps in one transaction.
    step                TEXT NOT NULL DEFAULT 'receive',
    finding             TEXT NOT NULL DEFAULT '',
    remedy              TEXT NOT NULL DEFAULT '',
    -- For a disputed amount: whether the response confirmed or corrected it.
    amount_outcome      TEXT CHECK (amount_outcome IS NULL OR amount_outcome IN ('confirmed', 'corrected')),
    satisfaction        TEXT CHECK (satisfaction IS NULL OR satisfaction IN ('satisfied', 'partly', 'unsatisfied', 'unknown')),
    lesson              TEXT NOT NULL DEFAULT '',
    created_by          INTEGER REFERENCES app_user (id),
    created_at          TEXT NOT NULL,
    UNIQUE (be_year, no),
    CHECK (complainant <> 'member' OR person_id IS NOT NULL),
    CHECK (complainant <> 'anonymous' OR (person_id IS NULL AND complainant_name = '')),
    CHECK (handler_id IS NULL OR about_user_id IS NULL OR handler_id <> about_user_id)
);
CREATE INDEX complaint_person ON complaint (person_id);
CREATE INDEX complaint_about ON complaint (about_user_id);
CREATE INDEX complaint_handler ON complaint (handler_id);
CREATE INDEX complaint_created_by ON complaint (created_by);
CREATE INDEX complaint_open ON complaint (received_on) WHERE step <> 'close';
CREATE TRIGGER complaint_never_deleted BEFORE DELETE ON complaint BEGIN
    SELECT RAISE(ABORT, 'complaints are never deleted');
END;

CREATE TABLE complaint_step (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    step         TEXT NOT NULL CHECK (step IN ('receive', 'acknowledge', 'assess', 'investigate', 'respond', 'close', 'reopen')),
    on_date      TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    by_user      INTEGER REFERENCES app_user (id),
    at           TEXT NOT NULL
);
CREATE INDEX complaint_step_complaint ON complaint_step (complaint_id, id);
CREATE INDEX complaint_step_by ON complaint_step (by_user);
CREATE TRIGGER complaint_step_never_updated BEFORE UPDATE ON complaint_step BEGIN
    SELECT RAISE(ABORT, 'complaint steps are never edited');
END;
CREATE TRIGGER complaint_step_never_deleted BEFORE DELETE ON complaint_step BEGIN
    SELECT RAISE(ABORT, 'complaint steps are never deleted');
END;

-- The loans a complaint is about, and the collection hold it put on each (a disputed amount).
CREATE TABLE complaint_loan (
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    loan_id      INTEGER NOT NULL REFERENCES loan (id),
    hold_id      INTEGER REFERENCES collection_hold (id),
    PRIMARY KEY (complaint_id, loan_id)
) WITHOUT ROWID;
CREATE INDEX complaint_loan_loan ON complaint_loan (loan_id);
CREATE INDEX complaint_loan_hold ON complaint_loan (hold_id);
