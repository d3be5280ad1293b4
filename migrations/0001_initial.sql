-- 0001_initial: the whole data model of DESIGN.md §2 (issue 2). Money is INTEGER satang, dates are
-- TEXT 'YYYY-MM-DD' (Gregorian; shown in พ.ศ.), timestamps TEXT ISO 8601. Rates are basis points.

CREATE TABLE institute (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    address         TEXT NOT NULL DEFAULT '',
    registration_no TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    promptpay_id    TEXT NOT NULL DEFAULT '',
    bank_account    TEXT NOT NULL DEFAULT '',
    letter_prefix   TEXT NOT NULL DEFAULT '',
    logo_png        BLOB,
    created_at      TEXT NOT NULL
);

CREATE TABLE signatory (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    position TEXT NOT NULL,
    duty     TEXT NOT NULL CHECK (duty IN ('chair', 'treasurer', 'secretary', 'officer')),
    sort     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('officer', 'treasurer', 'committee')),
    password_hash TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    last_login_at TEXT
);

-- Source funds (กองทุนต้นทาง): money is always traceable back to one of these.
CREATE TABLE fund (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('village_fund', 'savings_group', 'kkkj', 'housewives', 'welfare', 'other')),
    default_rate_bp   INTEGER NOT NULL CHECK (default_rate_bp BETWEEN 0 AND 1500),
    default_method    TEXT NOT NULL CHECK (default_method IN ('flat', 'annuity', 'equal-principal')),
    default_frequency TEXT NOT NULL CHECK (default_frequency IN ('monthly', 'quarterly', 'half-yearly', 'yearly')),
    default_periods   INTEGER NOT NULL CHECK (default_periods > 0),
    penalty_bp        INTEGER NOT NULL DEFAULT 500 CHECK (penalty_bp BETWEEN 0 AND 1500),
    active            INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE household (
    id              INTEGER PRIMARY KEY,
    house_no        TEXT NOT NULL,
    village_no      INTEGER NOT NULL CHECK (village_no BETWEEN 1 AND 99),
    village_name    TEXT NOT NULL DEFAULT '',
    subdistrict     TEXT NOT NULL,
    district        TEXT NOT NULL,
    province        TEXT NOT NULL,
    postcode        TEXT NOT NULL DEFAULT '',
    registration_no TEXT NOT NULL DEFAULT '',
    head_person_id  INTEGER REFERENCES person (id) DEFERRABLE INITIALLY DEFERRED,
    created_at      TEXT NOT NULL
);
CREATE INDEX household_village ON household (village_no, house_no);
CREATE INDEX household_head ON household (head_person_id);

CREATE TABLE person (
    id              INTEGER PRIMARY KEY,
    household_id    INTEGER NOT NULL REFERENCES household (id),
    title           TEXT NOT NULL,
    first_name      TEXT NOT NULL CHECK (length(trim(first_name)) > 0),
    last_name       TEXT NOT NULL,
    national_id     TEXT UNIQUE CHECK (national_id IS NULL OR length(national_id) = 13),
    birth_date      TEXT,
    phone           TEXT NOT NULL DEFAULT '',
    address         TEXT,
    grade           TEXT NOT NULL DEFAULT 'A' CHECK (grade IN ('A', 'B', 'C', 'D')),
    deceased        INTEGER NOT NULL DEFAULT 0,
    moved_away      INTEGER NOT NULL DEFAULT 0,
    cooperative     INTEGER NOT NULL DEFAULT 1,
    contactable     INTEGER NOT NULL DEFAULT 1,
    welfare_card    INTEGER NOT NULL DEFAULT 0,
    pdpa_consent_on TEXT,
    -- Name, id, phone and house number in one string for substring search (kept by the store).
    search_text     TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX person_household ON person (household_id);

-- Substring search over 100,000 members: a trigram index answers "%สมชาย%" without a scan.
CREATE VIRTUAL TABLE person_search USING fts5 (
    search_text, content = 'person', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER person_search_ai AFTER INSERT ON person BEGIN
    INSERT INTO person_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER person_search_ad AFTER DELETE ON person BEGIN
    INSERT INTO person_search (person_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER person_search_au AFTER UPDATE OF search_text ON person BEGIN
    INSERT INTO person_search (person_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO person_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE loan (
    id                    INTEGER PRIMARY KEY,
    contract_no           TEXT NOT NULL UNIQUE,
    fund_id               INTEGER NOT NULL REFERENCES fund (id),
    borrower_id           INTEGER NOT NULL REFERENCES person (id),
    principal             INTEGER NOT NULL CHECK (principal > 0),
    rate_bp               INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 1500),
    penalty_bp            INTEGER NOT NULL DEFAULT 500 CHECK (penalty_bp BETWEEN 0 AND 1500),
    method                TEXT NOT NULL CHECK (method IN ('flat', 'annuity', 'equal-principal')),
    frequency             TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'half-yearly', 'yearly', 'custom')),
    periods               INTEGER NOT NULL CHECK (periods > 0),
    day_count             TEXT NOT NULL DEFAULT 'period' CHECK (day_count IN ('period', 'actual365')),
    round_up_baht         INTEGER NOT NULL DEFAULT 0,
    start_date            TEXT NOT NULL,
    purpose               TEXT NOT NULL DEFAULT '',
    -- 'overdue' is not a stored status: it is derived from the schedule as of a date.
    status                TEXT NOT NULL DEFAULT 'active' CHECK (status IN (
                              'active', 'restructured', 'consolidated', 'closed', 'written_off',
                              'terminated', 'litigation', 'voided')),
    restructured_from     INTEGER REFERENCES loan (id),
    -- Caches of what the payments say, kept in the same transaction; `plodnee check` verifies them.
    outstanding_principal INTEGER NOT NULL,
    next_unpaid_due       TEXT,
    closed_on             TEXT,
    created_by            INTEGER REFERENCES app_user (id),
    created_at            TEXT NOT NULL
);
CREATE INDEX loan_borrower ON loan (borrower_id);
CREATE INDEX loan_fund ON loan (fund_id);
CREATE INDEX loan_open_due ON loan (status, next_unpaid_due);
-- Covers the home and funds figures: sums of outstanding by status and fund read the index only.
CREATE INDEX loan_status_outstanding ON loan (status, fund_id, outstanding_principal);
-- Every foreign-key child column is indexed: SQLite looks children up on each parent change.
CREATE INDEX loan_restructured_from ON loan (restructured_from) WHERE restructured_from IS NOT NULL;
CREATE INDEX loan_created_by ON loan (created_by);

CREATE TABLE loan_party (
    loan_id      INTEGER NOT NULL REFERENCES loan (id),
    person_id    INTEGER NOT NULL REFERENCES person (id),
    role         TEXT NOT NULL CHECK (role IN ('co_borrower', 'guarantor')),
    -- s.700: a guarantor who did not agree to more time is released; consent is recorded here.
    consent_on   TEXT,
    consent_note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (loan_id, person_id, role)
) WITHOUT ROWID;
CREATE INDEX loan_party_person ON loan_party (person_id);

CREATE TABLE collateral (
    id          INTEGER PRIMARY KEY,
    loan_id     INTEGER NOT NULL REFERENCES loan (id),
    kind        TEXT NOT NULL CHECK (kind IN ('land_title', 'nor_sor_3', 'vehicle', 'deposit', 'shares', 'other')),
    document_no TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    value       INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),
    created_at  TEXT NOT NULL
);
CREATE INDEX collateral_loan ON collateral (loan_id);

-- The schedule as agreed; never recomputed from the terms after the contract is made.
CREATE TABLE installment (
    loan_id               INTEGER NOT NULL REFERENCES loan (id),
    no                    INTEGER NOT NULL CHECK (no > 0),
    due_date              TEXT NOT NULL,
    principal             INTEGER NOT NULL CHECK (principal >= 0),
    interest              INTEGER NOT NULL CHECK (interest >= 0),
    principal_paid        INTEGER NOT NULL DEFAULT 0,
    interest_paid         INTEGER NOT NULL DEFAULT 0,
    default_interest_paid INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (loan_id, no)
) WITHOUT ROWID;

CREATE TABLE fee (
    id         INTEGER PRIMARY KEY,
    loan_id    INTEGER NOT NULL REFERENCES loan (id),
    charged_on TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    reason     TEXT NOT NULL,
    created_by INTEGER REFERENCES app_user (id),
    created_at TEXT NOT NULL
);
CREATE INDEX fee_loan ON fee (loan_id);

-- Money received: one receipt per payment a member makes (numbered per Buddhist year), applied to
-- one or more loans as payment lines (a household's consolidated contract has one line per
-- fund's tranche). Never edited or deleted: a mistake is undone by a receipt_reversal with a reason.
CREATE TABLE receipt (
    id          INTEGER PRIMARY KEY,
    receipt_no  TEXT NOT NULL UNIQUE,
    be_year     INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    paid_on     TEXT NOT NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),
    channel     TEXT NOT NULL CHECK (channel IN ('cash', 'transfer', 'promptpay')),
    payer_name  TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    received_by INTEGER REFERENCES app_user (id),
    created_at  TEXT NOT NULL,
    UNIQUE (be_year, seq)
);
CREATE INDEX receipt_date ON receipt (paid_on);
CREATE INDEX receipt_received_by ON receipt (received_by);
CREATE TRIGGER receipt_never_updated BEFORE UPDATE ON receipt BEGIN
    SELECT RAISE(ABORT, 'receipts are never edited: record a reversal');
END;
CREATE TRIGGER receipt_never_deleted BEFORE DELETE ON receipt BEGIN
    SELECT RAISE(ABORT, 'receipts are never deleted: record a reversal');
END;

CREATE TABLE payment (
    id         INTEGER PRIMARY KEY,
    receipt_id INTEGER NOT NULL REFERENCES receipt (id),
    loan_id    INTEGER NOT NULL REFERENCES loan (id),
    -- The receipt's date, kept on the line so a loan's ledger reads one table.
    paid_on    TEXT NOT NULL,
    amount     INTEGER NOT NULL CHECK (amount > 0),
    UNIQUE (receipt_id, loan_id)
);
CREATE INDEX payment_loan ON payment (loan_id, paid_on);
CREATE TRIGGER payment_never_updated BEFORE UPDATE ON payment BEGIN
    SELECT RAISE(ABORT, 'payments are never edited: record a reversal');
END;
CREATE TRIGGER payment_never_deleted BEFORE DELETE ON payment BEGIN
    SELECT RAISE(ABORT, 'payments are never deleted: record a reversal');
END;

CREATE TABLE receipt_reversal (
    id          INTEGER PRIMARY KEY,
    receipt_id  INTEGER NOT NULL UNIQUE REFERENCES receipt (id),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    reversed_by INTEGER REFERENCES app_user (id),
    reversed_at TEXT NOT NULL
);
CREATE INDEX receipt_reversal_by ON receipt_reversal (reversed_by);
CREATE TRIGGER reversal_never_updated BEFORE UPDATE ON receipt_reversal BEGIN
    SELECT RAISE(ABORT, 'reversals are never edited');
END;
CREATE TRIGGER reversal_never_deleted BEFORE DELETE ON receipt_reversal BEGIN
    SELECT RAISE(ABORT, 'reversals are never deleted');
END;

-- How each live payment was applied (s.329). Derived by the statement engine: when an earlier
-- payment is reversed the later ones are re-applied, so these rows follow the payments.
CREATE TABLE allocation (
    payment_id     INTEGER NOT NULL REFERENCES payment (id),
    loan_id        INTEGER NOT NULL REFERENCES loan (id),
    installment_no INTEGER,
    fee_id         INTEGER REFERENCES fee (id),
    part           TEXT NOT NULL CHECK (part IN ('fee', 'default_interest', 'interest', 'principal')),
    amount         INTEGER NOT NULL CHECK (amount > 0)
);
CREATE INDEX allocation_payment ON allocation (payment_id);
CREATE INDEX allocation_loan ON allocation (loan_id);
CREATE INDEX allocation_fee ON allocation (fee_id) WHERE fee_id IS NOT NULL;

CREATE TABLE contact (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES person (id),
    loan_id        INTEGER REFERENCES loan (id),
    at             TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('call', 'visit', 'letter', 'line', 'meeting')),
    reached        TEXT NOT NULL DEFAULT '',
    outcome        TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    promise_on     TEXT,
    promise_amount INTEGER CHECK (promise_amount IS NULL OR promise_amount > 0),
    promise_state  TEXT CHECK (promise_state IS NULL OR promise_state IN ('open', 'kept', 'broken')),
    officer_id     INTEGER REFERENCES app_user (id)
);
CREATE INDEX contact_person ON contact (person_id, at);
CREATE INDEX contact_loan ON contact (loan_id);

CREATE TABLE letter (
    id                INTEGER PRIMARY KEY,
    be_year           INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    number            TEXT NOT NULL,
    kind              TEXT NOT NULL,
    loan_id           INTEGER REFERENCES loan (id),
    person_id         INTEGER REFERENCES person (id),
    recipient_name    TEXT NOT NULL,
    recipient_address TEXT NOT NULL DEFAULT '',
    issued_on         TEXT NOT NULL,
    amounts_json      TEXT NOT NULL DEFAULT '{}',
    total             INTEGER NOT NULL DEFAULT 0,
    pdf_sha256        TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'delivered', 'returned')),
    issued_by         INTEGER REFERENCES app_user (id),
    created_at        TEXT NOT NULL,
    UNIQUE (be_year, seq)
);
CREATE INDEX letter_loan ON letter (loan_id);
CREATE INDEX letter_person ON letter (person_id);

CREATE TABLE legal_case (
    id          INTEGER PRIMARY KEY,
    loan_id     INTEGER NOT NULL REFERENCES loan (id),
    court       TEXT NOT NULL,
    black_no    TEXT NOT NULL DEFAULT '',
    red_no      TEXT NOT NULL DEFAULT '',
    filed_on    TEXT,
    judgment    TEXT NOT NULL DEFAULT '',
    judgment_on TEXT,
    costs       INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'preparing' CHECK (status IN ('preparing', 'filed', 'judged', 'enforcing', 'closed'))
);
CREATE INDEX legal_case_loan ON legal_case (loan_id);
CREATE TABLE legal_event (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES legal_case (id),
    on_date TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('hearing', 'writ', 'asset_search', 'seizure', 'auction', 'other')),
    note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX legal_event_case ON legal_event (case_id);

CREATE TABLE complaint (
    id                INTEGER PRIMARY KEY,
    received_on       TEXT NOT NULL,
    person_id         INTEGER REFERENCES person (id),
    channel           TEXT NOT NULL,
    subject           TEXT NOT NULL,
    detail            TEXT NOT NULL DEFAULT '',
    step              TEXT NOT NULL DEFAULT 'received' CHECK (step IN ('received', 'acknowledged', 'assessed', 'answered', 'closed')),
    step_due_on       TEXT,
    closed_on         TEXT
);
CREATE INDEX complaint_person ON complaint (person_id);

-- Every money change and approval, chained by hash so an edit outside the app shows (§9).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER REFERENCES app_user (id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    detail    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TRIGGER audit_never_updated BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
