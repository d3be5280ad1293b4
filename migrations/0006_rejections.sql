-- 0006_rejections: the treasurer or committee may reject a pending consolidation, debt transfer
-- or restructuring plan with a reason (issue 17 §B7); the rejected proposal stays on record with
-- who rejected it, when and why. A consolidation's status gains 'rejected', which its CHECK did
-- not allow: the table is rebuilt (foreign keys are off while migrations run, see open.rs).

CREATE TABLE consolidation_new (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('consolidate', 'transfer')),
    household_id       INTEGER NOT NULL REFERENCES household (id),
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'reversed', 'cancelled', 'rejected')),
    as_of              TEXT NOT NULL,
    borrower_id        INTEGER NOT NULL REFERENCES person (id),
    proposal_json      TEXT NOT NULL,
    fingerprint        TEXT NOT NULL,
    capitalise_consent_on TEXT,
    note               TEXT NOT NULL DEFAULT '',
    contract_no        TEXT UNIQUE,
    prepared_by        INTEGER REFERENCES app_user (id),
    prepared_at        TEXT NOT NULL,
    approved_by        INTEGER REFERENCES app_user (id),
    approved_at        TEXT,
    resolution_no      TEXT,
    resolution_on      TEXT,
    reversed_by        INTEGER REFERENCES app_user (id),
    reversed_at        TEXT,
    reversal_reason    TEXT,
    rejected_by        INTEGER REFERENCES app_user (id),
    rejected_at        TEXT,
    rejection_reason   TEXT
);
INSERT INTO consolidation_new (id, kind, household_id, status, as_of, borrower_id, proposal_json, fingerprint,
    capitalise_consent_on, note, contract_no, prepared_by, prepared_at, approved_by, approved_at, resolution_no,
    resolution_on, reversed_by, reversed_at, reversal_reason)
SELECT id, kind, household_id, status, as_of, borrower_id, proposal_json, fingerprint,
    capitalise_consent_on, note, contract_no, prepared_by, prepared_at, approved_by, approved_at, resolution_no,
    resolution_on, reversed_by, reversed_at, reversal_reason FROM consolidation;
DROP TABLE consolidation;
ALTER TABLE consolidation_new RENAME TO consolidation;
CREATE INDEX consolidation_household ON consolidation (household_id);
CREATE INDEX consolidation_borrower ON consolidation (borrower_id);
CREATE INDEX consolidation_prepared_by ON consolidation (prepared_by);
CREATE INDEX consolidation_approved_by ON consolidation (approved_by);
CREATE INDEX consolidation_reversed_by ON consolidation (reversed_by);
CREATE INDEX consolidation_rejected_by ON consolidation (rejected_by);
CREATE INDEX consolidation_pending ON consolidation (status) WHERE status = 'draft';

ALTER TABLE plan ADD COLUMN rejected_by INTEGER REFERENCES app_user (id);
ALTER TABLE plan ADD COLUMN rejected_at TEXT;
ALTER TABLE plan ADD COLUMN rejection_reason TEXT;
CREATE INDEX plan_rejected_by ON plan (rejected_by);
