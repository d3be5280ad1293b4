-- Documents and photos attached to a complaint at its investigation (issue 16 §2): the bytes are
-- kept in the database itself so every backup carries them, with the name, size, SHA-256, who
-- and when. An attachment is never edited or deleted; one attached by mistake is withdrawn with a
-- reason in `complaint_attachment_withdrawal` (once) and stays in the file as withdrawn.
CREATE TABLE complaint_attachment (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint (id),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    -- 10 MB at most (store::complaints::attachments::MAX_BYTES says so in Thai first).
    size         INTEGER NOT NULL CHECK (size > 0 AND size <= 10485760),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    bytes        BLOB NOT NULL CHECK (length(bytes) = size),
    note         TEXT NOT NULL DEFAULT '',
    by_user      INTEGER REFERENCES app_user (id),
    at           TEXT NOT NULL
);
CREATE INDEX complaint_attachment_complaint ON complaint_attachment (complaint_id, id);
CREATE INDEX complaint_attachment_by ON complaint_attachment (by_user);
CREATE TRIGGER complaint_attachment_never_updated BEFORE UPDATE ON complaint_attachment BEGIN
    SELECT RAISE(ABORT, 'complaint attachments are never edited');
END;
CREATE TRIGGER complaint_attachment_never_deleted BEFORE DELETE ON complaint_attachment BEGIN
    SELECT RAISE(ABORT, 'complaint attachments are never deleted');
END;

CREATE TABLE complaint_attachment_withdrawal (
    attachment_id INTEGER PRIMARY KEY REFERENCES complaint_attachment (id),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    by_user       INTEGER REFERENCES app_user (id),
    at            TEXT NOT NULL
);
CREATE INDEX complaint_attachment_withdrawal_by ON complaint_attachment_withdrawal (by_user);
CREATE TRIGGER complaint_attachment_withdrawal_never_updated BEFORE UPDATE ON complaint_attachment_withdrawal BEGIN
    SELECT RAISE(ABORT, 'attachment withdrawals are never edited');
END;
CREATE TRIGGER complaint_attachment_withdrawal_never_deleted BEFORE DELETE ON complaint_attachment_withdrawal BEGIN
    SELECT RAISE(ABORT, 'attachment withdrawals are never deleted');
END;
