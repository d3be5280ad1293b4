-- 0009_residue_write_off: a residue below the arrears tolerance on an otherwise paid loan
-- (ตัดยอดเศษสตางค์, issue 11 §3) is written off with approval so the loan can close. The write-off
-- is its own record (a payment is never edited), proposed by one user and approved or rejected
-- (with a reason) by another; a rejected proposal stays on record. The parts it cleared are kept
-- so the fund statement counts the principal written off.

CREATE TABLE residue_write_off (
    id                 INTEGER PRIMARY KEY,
    loan_id            INTEGER NOT NULL REFERENCES loan (id),
    status             TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
    -- What the proposer saw: the residue on the day of the proposal.
    as_of              TEXT NOT NULL,
    amount             INTEGER NOT NULL CHECK (amount > 0),
    -- What the approval cleared, by part, and on which day (the day the loan closed).
    written_off_on     TEXT,
    principal          INTEGER NOT NULL DEFAULT 0 CHECK (principal >= 0),
    interest           INTEGER NOT NULL DEFAULT 0 CHECK (interest >= 0),
    default_interest   INTEGER NOT NULL DEFAULT 0 CHECK (default_interest >= 0),
    fees               INTEGER NOT NULL DEFAULT 0 CHECK (fees >= 0),
    resolution_no      TEXT,
    prepared_by        INTEGER REFERENCES app_user (id),
    prepared_at        TEXT NOT NULL,
    approved_by        INTEGER REFERENCES app_user (id),
    approved_at        TEXT,
    rejected_by        INTEGER REFERENCES app_user (id),
    rejected_at        TEXT,
    rejection_reason   TEXT
);
CREATE INDEX residue_write_off_loan ON residue_write_off (loan_id);
-- At most one proposal waiting and one approved write-off per loan.
CREATE UNIQUE INDEX residue_write_off_pending ON residue_write_off (loan_id) WHERE status = 'proposed';
CREATE UNIQUE INDEX residue_write_off_approved ON residue_write_off (loan_id) WHERE status = 'approved';
CREATE INDEX residue_write_off_prepared_by ON residue_write_off (prepared_by);
CREATE INDEX residue_write_off_approved_by ON residue_write_off (approved_by);
CREATE INDEX residue_write_off_rejected_by ON residue_write_off (rejected_by);
