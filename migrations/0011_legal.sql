-- 0011_legal: the legal track (issue 13). Contract termination (บอกเลิกสัญญา) prepared with its
-- notice and approved by someone else; the schedule is never rewritten, the statement engine
-- accelerates it from the approved termination's date, so undoing one gives the schedule back.
-- Debt acknowledgments restart prescription (s.193/14). A death and the day the fund learned of
-- it start the estate's claim period (s.1754). The unused legal_case and legal_event tables of
-- 0001 are replaced by the case file (แฟ้มคดี) and its timeline.

CREATE TABLE termination (
    id               INTEGER PRIMARY KEY,
    loan_id          INTEGER NOT NULL REFERENCES loan (id),
    status           TEXT NOT NULL DEFAULT 'prepared' CHECK (status IN ('prepared', 'approved', 'undone', 'cancelled')),
    -- The notice: its date, the day it reached the debtor and the days it gave to pay.
    notice_on        TEXT NOT NULL,
    delivered_on     TEXT NOT NULL,
    notice_days      INTEGER NOT NULL CHECK (notice_days > 0),
    deadline_on      TEXT NOT NULL,
    letter_id        INTEGER REFERENCES letter (id),
    prepared_by      INTEGER REFERENCES app_user (id),
    prepared_at      TEXT NOT NULL,
    -- The approval: the termination date (acceleration), the resolution, who and when.
    terminated_on    TEXT,
    resolution_no    TEXT,
    approved_by      INTEGER REFERENCES app_user (id),
    approved_at      TEXT,
    -- The loan's status before the termination, given back by an undo.
    previous_status  TEXT,
    undone_by        INTEGER REFERENCES app_user (id),
    undone_at        TEXT,
    undo_reason      TEXT,
    undo_resolution  TEXT
);
CREATE INDEX termination_loan ON termination (loan_id);
-- One live termination (prepared or approved) per loan.
CREATE UNIQUE INDEX termination_live ON termination (loan_id) WHERE status IN ('prepared', 'approved');
CREATE INDEX termination_letter ON termination (letter_id) WHERE letter_id IS NOT NULL;
CREATE INDEX termination_prepared_by ON termination (prepared_by);
CREATE INDEX termination_approved_by ON termination (approved_by);
CREATE INDEX termination_undone_by ON termination (undone_by);
CREATE TRIGGER termination_never_deleted BEFORE DELETE ON termination BEGIN
    SELECT RAISE(ABORT, 'terminations are never deleted: undo with a reason');
END;

-- A debt acknowledgment (หนังสือรับสภาพหนี้) signed by the debtor: prescription starts anew.
CREATE TABLE debt_acknowledgment (
    id          INTEGER PRIMARY KEY,
    loan_id     INTEGER NOT NULL REFERENCES loan (id),
    signed_on   TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount >= 0),
    letter_id   INTEGER REFERENCES letter (id),
    note        TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES app_user (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX debt_acknowledgment_loan ON debt_acknowledgment (loan_id, signed_on);
CREATE INDEX debt_acknowledgment_letter ON debt_acknowledgment (letter_id) WHERE letter_id IS NOT NULL;
CREATE INDEX debt_acknowledgment_recorded_by ON debt_acknowledgment (recorded_by);
CREATE TRIGGER debt_acknowledgment_never_deleted BEFORE DELETE ON debt_acknowledgment BEGIN
    SELECT RAISE(ABORT, 'acknowledgments are never deleted');
END;

-- s.1754: the day of death and the day the fund learned of it.
ALTER TABLE person ADD COLUMN died_on TEXT;
ALTER TABLE person ADD COLUMN death_known_on TEXT;
CREATE INDEX person_death ON person (death_known_on) WHERE death_known_on IS NOT NULL;

DROP INDEX legal_event_case;
DROP TABLE legal_event;
DROP INDEX legal_case_loan;
DROP TABLE legal_case;

-- The court case file (แฟ้มคดี): the claim is what the app computed on the filing date.
CREATE TABLE legal_case (
    id                     INTEGER PRIMARY KEY,
    loan_id                INTEGER NOT NULL REFERENCES loan (id),
    court                  TEXT NOT NULL CHECK (length(trim(court)) > 0),
    black_no               TEXT NOT NULL DEFAULT '',
    red_no                 TEXT NOT NULL DEFAULT '',
    lawyer                 TEXT NOT NULL DEFAULT '',
    filed_on               TEXT,
    claim_principal        INTEGER NOT NULL DEFAULT 0,
    claim_interest         INTEGER NOT NULL DEFAULT 0,
    claim_default_interest INTEGER NOT NULL DEFAULT 0,
    claim_costs            INTEGER NOT NULL DEFAULT 0,
    judgment_on            TEXT,
    judgment_amount        INTEGER,
    judgment_rate_bp       INTEGER,
    status                 TEXT NOT NULL DEFAULT 'preparing' CHECK (status IN ('preparing', 'filed', 'settled', 'judged', 'enforcing', 'closed')),
    opened_by              INTEGER REFERENCES app_user (id),
    opened_at              TEXT NOT NULL
);
CREATE INDEX legal_case_loan ON legal_case (loan_id);
CREATE INDEX legal_case_opened_by ON legal_case (opened_by);
CREATE INDEX legal_case_judgment ON legal_case (judgment_on) WHERE judgment_on IS NOT NULL;

-- Every event of a case, in a timeline: hearings (with their date ahead), judgment, settlement,
-- enforcement steps, costs.
CREATE TABLE legal_event (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES legal_case (id),
    on_date     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('filing', 'mediation', 'hearing', 'witness', 'verdict_reading',
                    'settlement', 'judgment', 'writ', 'asset_search', 'seizure', 'auction', 'sale_result',
                    'proceeds', 'cost', 'other')),
    amount      INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES app_user (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX legal_event_case ON legal_event (case_id, on_date);
CREATE INDEX legal_event_date ON legal_event (on_date, kind);
CREATE INDEX legal_event_recorded_by ON legal_event (recorded_by);
