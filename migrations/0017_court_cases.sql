-- 0017_court_cases: the court case file (แฟ้มคดี, issue 13 §3) takes the tables 0011 laid out and
-- adds what its actions need: a case opened on a consolidated contract, the day its claim was
-- computed, the costs the judgment allows and those already added to the debt, the loan's status
-- before the suit (given back if the case is withdrawn), the loan a settlement in court
-- (สัญญาประนีประนอมยอมความ) wrote its schedule into, and, on the timeline, the kind of a cost and
-- the receipt of money received from the Legal Execution Department (กรมบังคับคดี).

ALTER TABLE legal_case ADD COLUMN consolidation_id INTEGER REFERENCES consolidation (id);
ALTER TABLE legal_case ADD COLUMN claim_on TEXT;
ALTER TABLE legal_case ADD COLUMN costs_awarded INTEGER CHECK (costs_awarded IS NULL OR costs_awarded >= 0);
ALTER TABLE legal_case ADD COLUMN costs_charged INTEGER NOT NULL DEFAULT 0 CHECK (costs_charged >= 0);
ALTER TABLE legal_case ADD COLUMN previous_status TEXT;
ALTER TABLE legal_case ADD COLUMN settlement_loan_id INTEGER REFERENCES loan (id);
CREATE INDEX legal_case_consolidation ON legal_case (consolidation_id) WHERE consolidation_id IS NOT NULL;
CREATE INDEX legal_case_settlement_loan ON legal_case (settlement_loan_id) WHERE settlement_loan_id IS NOT NULL;
-- One case at a time per loan: a closed case may be followed by another.
CREATE UNIQUE INDEX legal_case_live ON legal_case (loan_id) WHERE status <> 'closed';
CREATE INDEX legal_case_filed ON legal_case (filed_on) WHERE filed_on IS NOT NULL;
CREATE TRIGGER legal_case_never_deleted BEFORE DELETE ON legal_case BEGIN
    SELECT RAISE(ABORT, 'court cases are never deleted: close them');
END;

ALTER TABLE legal_event ADD COLUMN cost_kind TEXT CHECK (cost_kind IS NULL OR cost_kind IN ('court', 'lawyer', 'enforcement'));
ALTER TABLE legal_event ADD COLUMN receipt_id INTEGER REFERENCES receipt (id);
CREATE INDEX legal_event_receipt ON legal_event (receipt_id) WHERE receipt_id IS NOT NULL;
CREATE TRIGGER legal_event_never_deleted BEFORE DELETE ON legal_event BEGIN
    SELECT RAISE(ABORT, 'case events are never deleted');
END;
CREATE TRIGGER legal_event_never_edited BEFORE UPDATE ON legal_event BEGIN
    SELECT RAISE(ABORT, 'case events are never edited: record a new one');
END;
