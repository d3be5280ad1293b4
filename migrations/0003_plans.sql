-- 0003_plans: restructuring by capacity, ยึด ลด ปลด หมดหนี้ (issue 6). A plan is proposed on a
-- contract (one loan, or a household's consolidated contract), approved like a consolidation,
-- and then replaces the contract's schedule with new loans that remember the old ones (whose
-- schedules stay as they were, closed as restructured). Tracking caches the plan's stage.

CREATE TABLE plan (
    id               INTEGER PRIMARY KEY,
    loan_id          INTEGER REFERENCES loan (id),
    consolidation_id INTEGER REFERENCES consolidation (id),
    status           TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
    label            TEXT NOT NULL DEFAULT '',
    as_of            TEXT NOT NULL,
    options_json     TEXT NOT NULL,
    outstanding_json TEXT NOT NULL,
    plan_json        TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    prepared_by      INTEGER REFERENCES app_user (id),
    prepared_at      TEXT NOT NULL,
    approved_by      INTEGER REFERENCES app_user (id),
    approved_at      TEXT,
    resolution_no    TEXT,
    resolution_on    TEXT,
    stage            TEXT NOT NULL DEFAULT 'hold' CHECK (stage IN ('hold', 'reduce', 'release', 'free')),
    health           TEXT NOT NULL DEFAULT 'on_track' CHECK (health IN ('on_track', 'at_risk', 'broken')),
    released         INTEGER NOT NULL DEFAULT 0,
    cancelled        INTEGER NOT NULL DEFAULT 0,
    broken_on        TEXT,
    evaluated_on     TEXT,
    CHECK ((loan_id IS NULL) != (consolidation_id IS NULL))
);
CREATE INDEX plan_loan_id ON plan (loan_id);
CREATE INDEX plan_consolidation ON plan (consolidation_id);
CREATE INDEX plan_status ON plan (status, health);
CREATE INDEX plan_prepared_by ON plan (prepared_by);
CREATE INDEX plan_approved_by ON plan (approved_by);

-- Which new loan of an approved plan replaced each old loan (a fund's principal and carried
-- tranches of a consolidated contract are replaced by one new tranche).
CREATE TABLE plan_loan (
    plan_id     INTEGER NOT NULL REFERENCES plan (id),
    old_loan_id INTEGER NOT NULL REFERENCES loan (id),
    loan_id     INTEGER NOT NULL REFERENCES loan (id),
    PRIMARY KEY (plan_id, old_loan_id)
) WITHOUT ROWID;
CREATE INDEX plan_loan_loan ON plan_loan (loan_id);
CREATE INDEX plan_loan_old ON plan_loan (old_loan_id);

-- s.700: giving more time releases a guarantor who did not agree; each consent is recorded.
CREATE TABLE plan_consent (
    plan_id    INTEGER NOT NULL REFERENCES plan (id),
    person_id  INTEGER NOT NULL REFERENCES person (id),
    consent_on TEXT NOT NULL,
    PRIMARY KEY (plan_id, person_id)
) WITHOUT ROWID;
CREATE INDEX plan_consent_person ON plan_consent (person_id);

-- ปลด: each release share earned by a kept milestone (printed as a notice).
CREATE TABLE plan_release (
    plan_id   INTEGER NOT NULL REFERENCES plan (id),
    milestone INTEGER NOT NULL,
    amount    INTEGER NOT NULL CHECK (amount >= 0),
    earned_on TEXT NOT NULL,
    PRIMARY KEY (plan_id, milestone)
) WITHOUT ROWID;

-- The interest-free part of an installment's interest: old arrears and holiday interest repaid
-- with the installments (never charged interest on, s.655).
ALTER TABLE installment ADD COLUMN carried INTEGER NOT NULL DEFAULT 0;
