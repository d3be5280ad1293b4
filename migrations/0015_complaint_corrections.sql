-- A complaint whose response corrects a disputed amount (issue 16 §3) starts the product's own
-- paths, never an edit: a receipt reversal (its reason cites the complaint number) or a residue
-- write-off proposal that waits in the approvals list (maker-checker). Each is linked here, once,
-- so the complaint file shows what it started and its state, and closing waits for the approval.
CREATE TABLE complaint_correction (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    kind         TEXT NOT NULL CHECK (kind IN ('reversal', 'write_off')),
    receipt_id   INTEGER REFERENCES receipt (id),
    write_off_id INTEGER REFERENCES residue_write_off (id),
    reason       TEXT NOT NULL,
    by_user      INTEGER REFERENCES app_user (id),
    at           TEXT NOT NULL,
    CHECK ((kind = 'reversal') = (receipt_id IS NOT NULL)),
    CHECK ((kind = 'write_off') = (write_off_id IS NOT NULL))
);
CREATE INDEX complaint_correction_complaint ON complaint_correction (complaint_id, id);
CREATE INDEX complaint_correction_receipt ON complaint_correction (receipt_id);
CREATE INDEX complaint_correction_write_off ON complaint_correction (write_off_id);
CREATE INDEX complaint_correction_by ON complaint_correction (by_user);
CREATE TRIGGER complaint_correction_never_updated BEFORE UPDATE ON complaint_correction BEGIN
    SELECT RAISE(ABORT, 'complaint corrections are never edited');
END;
CREATE TRIGGER complaint_correction_never_deleted BEFORE DELETE ON complaint_correction BEGIN
    SELECT RAISE(ABORT, 'complaint corrections are never deleted');
END;
