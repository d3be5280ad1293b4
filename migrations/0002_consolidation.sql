-- 0002_consolidation: one household, one contract (issue 5). A consolidation is prepared as a
-- draft holding its snapshot, approved by someone else with the meeting's resolution, and then
-- owns the new contract's tranches (loans with tranche_of set, one per source fund, plus an
-- interest-free tranche for carried arrears); the source loans close as consolidated into it.
-- A transfer of debt burden (โอนภาระหนี้) between members of a household takes the same path.

CREATE TABLE consolidation (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('consolidate', 'transfer')),
    household_id       INTEGER NOT NULL REFERENCES household (id),
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'reversed', 'cancelled')),
    as_of              TEXT NOT NULL,
    -- Borrower of record of the new contract, or the member a transferred loan moves to.
    borrower_id        INTEGER NOT NULL REFERENCES person (id),
    proposal_json      TEXT NOT NULL,
    -- Fingerprint of the source loans' ledgers when prepared: a payment since makes it stale.
    fingerprint        TEXT NOT NULL,
    -- s.655: the day the borrower agreed in writing to capitalise year-old interest.
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
    reversal_reason    TEXT
);
CREATE INDEX consolidation_household ON consolidation (household_id);
CREATE INDEX consolidation_borrower ON consolidation (borrower_id);
CREATE INDEX consolidation_prepared_by ON consolidation (prepared_by);
CREATE INDEX consolidation_approved_by ON consolidation (approved_by);
CREATE INDEX consolidation_reversed_by ON consolidation (reversed_by);

-- The loans a consolidation takes over, and what they were before, so a reversal restores them.
CREATE TABLE consolidation_source (
    consolidation_id INTEGER NOT NULL REFERENCES consolidation (id),
    loan_id          INTEGER NOT NULL REFERENCES loan (id),
    status_before    TEXT,
    closed_on_before TEXT,
    PRIMARY KEY (consolidation_id, loan_id)
) WITHOUT ROWID;
CREATE INDEX consolidation_source_loan ON consolidation_source (loan_id);

-- Who signs the new contract: co-borrowers, and guarantors with their fresh consent (s.700).
CREATE TABLE consolidation_party (
    consolidation_id INTEGER NOT NULL REFERENCES consolidation (id),
    person_id        INTEGER NOT NULL REFERENCES person (id),
    role             TEXT NOT NULL CHECK (role IN ('co_borrower', 'guarantor')),
    consent_on       TEXT,
    PRIMARY KEY (consolidation_id, person_id, role)
) WITHOUT ROWID;
CREATE INDEX consolidation_party_person ON consolidation_party (person_id);

-- Transfer entries: how each source loan's balance moved into its fund's tranche, with waivers.
CREATE TABLE fund_transfer (
    id                      INTEGER PRIMARY KEY,
    consolidation_id        INTEGER NOT NULL REFERENCES consolidation (id),
    fund_id                 INTEGER NOT NULL REFERENCES fund (id),
    from_loan_id            INTEGER NOT NULL REFERENCES loan (id),
    to_loan_id              INTEGER REFERENCES loan (id),
    on_date                 TEXT NOT NULL,
    principal               INTEGER NOT NULL,
    interest                INTEGER NOT NULL,
    default_interest        INTEGER NOT NULL,
    fees                    INTEGER NOT NULL,
    waived_interest         INTEGER NOT NULL DEFAULT 0,
    waived_default_interest INTEGER NOT NULL DEFAULT 0,
    waived_fees             INTEGER NOT NULL DEFAULT 0,
    capitalised             INTEGER NOT NULL DEFAULT 0,
    carried                 INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fund_transfer_consolidation ON fund_transfer (consolidation_id);
CREATE INDEX fund_transfer_fund ON fund_transfer (fund_id, on_date);
CREATE INDEX fund_transfer_from ON fund_transfer (from_loan_id);
CREATE INDEX fund_transfer_to ON fund_transfer (to_loan_id);

ALTER TABLE loan ADD COLUMN consolidated_into INTEGER REFERENCES consolidation (id);
ALTER TABLE loan ADD COLUMN tranche_of INTEGER REFERENCES consolidation (id);
ALTER TABLE loan ADD COLUMN tranche_part TEXT CHECK (tranche_part IS NULL OR tranche_part IN ('principal', 'carried'));
CREATE INDEX loan_consolidated_into ON loan (consolidated_into) WHERE consolidated_into IS NOT NULL;
CREATE INDEX loan_tranche_of ON loan (tranche_of) WHERE tranche_of IS NOT NULL;
