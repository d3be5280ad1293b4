-- 0013_import: bringing an office's existing books in (issue 14 §3). Each import is a batch that
-- can be undone as a whole while nothing has been recorded on it; a loan brought in mid-life keeps
-- its original terms and the book's position at the cut-over beside the schedule plodnee keeps
-- from then on; the column mapping an office confirmed is remembered per file layout.

CREATE TABLE import_batch (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sheet       TEXT NOT NULL DEFAULT '',
    signature   TEXT NOT NULL,
    cut_over    TEXT NOT NULL,
    -- Counts of the rows: imported, already there, refused, skipped (blank or totals).
    imported    INTEGER NOT NULL DEFAULT 0,
    already     INTEGER NOT NULL DEFAULT 0,
    refused     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    created_by  INTEGER REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    undone_by   INTEGER REFERENCES app_user (id),
    undone_at   TEXT
);
CREATE INDEX import_batch_created_by ON import_batch (created_by);
CREATE INDEX import_batch_undone_by ON import_batch (undone_by);

-- What a batch created (not what it found already there), so undo removes exactly that.
CREATE TABLE import_item (
    batch_id  INTEGER NOT NULL REFERENCES import_batch (id),
    entity    TEXT NOT NULL CHECK (entity IN ('household', 'person', 'loan')),
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (batch_id, entity, entity_id)
) WITHOUT ROWID;
CREATE INDEX import_item_entity ON import_item (entity, entity_id);

-- A loan in mid-life: the loan row holds the position (principal owed, the installments still
-- owed, the running period's start); this row holds the contract as first made and the book's
-- figures at the cut-over. Kept when the loan later closes; removed only with its batch.
CREATE TABLE loan_opening (
    loan_id              INTEGER PRIMARY KEY REFERENCES loan (id),
    batch_id             INTEGER NOT NULL REFERENCES import_batch (id),
    cut_over             TEXT NOT NULL,
    office_contract_no   TEXT NOT NULL,
    original_principal   INTEGER NOT NULL CHECK (original_principal > 0),
    original_periods     INTEGER NOT NULL CHECK (original_periods > 0),
    original_start       TEXT NOT NULL,
    installments_paid    INTEGER NOT NULL CHECK (installments_paid >= 0),
    principal_owed       INTEGER NOT NULL,
    interest_owed        INTEGER NOT NULL,
    default_interest     INTEGER NOT NULL,
    last_payment_on      TEXT,
    last_acknowledged_on TEXT
);
CREATE INDEX loan_opening_batch ON loan_opening (batch_id);
CREATE INDEX loan_opening_office_no ON loan_opening (office_contract_no);

CREATE TABLE import_mapping (
    signature    TEXT PRIMARY KEY,
    mapping_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) WITHOUT ROWID;
