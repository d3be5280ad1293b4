-- PDPA duties (issue 15 §8): the breach register. A breach is recorded once and never deleted;
-- telling the PDPC and telling the members are stamped on it as they happen.
CREATE TABLE data_breach (
    id                  INTEGER PRIMARY KEY,
    learned_at          TEXT NOT NULL,
    happened_at         TEXT,
    what                TEXT NOT NULL CHECK (length(trim(what)) > 0),
    risk                TEXT NOT NULL CHECK (risk IN ('unlikely', 'risk', 'high')),
    people_affected     INTEGER NOT NULL DEFAULT 0 CHECK (people_affected >= 0),
    pdpc_told_at        TEXT,
    members_told_at     TEXT,
    recorded_by         INTEGER REFERENCES app_user (id),
    recorded_at         TEXT NOT NULL
);
CREATE TRIGGER data_breach_never_deleted BEFORE DELETE ON data_breach BEGIN
    SELECT RAISE(ABORT, 'breaches are never deleted');
END;
