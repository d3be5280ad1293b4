-- Collection targets (issue 12 §9): the target of a month for the whole institute, an officer,
-- a หมู่, a fund, or a debtor whose file is on a plan. A month's default is computed (what falls
-- due that month plus a share of the arrears at its start, a setting); a row here is the
-- treasurer's own figure for that month and scope, which replaces the default. Changes go
-- through the audit log; the latest figure holds.
CREATE TABLE collection_target (
    month    TEXT NOT NULL CHECK (length(month) = 7 AND substr(month, 5, 1) = '-'),
    scope    TEXT NOT NULL CHECK (scope IN ('institute', 'officer', 'village', 'fund', 'debtor')),
    -- The user, หมู่ number, fund or person; 0 for the institute.
    scope_id INTEGER NOT NULL,
    amount   INTEGER NOT NULL CHECK (amount >= 0),
    note     TEXT NOT NULL DEFAULT '',
    set_by   INTEGER REFERENCES app_user (id),
    set_at   TEXT NOT NULL,
    PRIMARY KEY (month, scope, scope_id)
) WITHOUT ROWID;
CREATE INDEX collection_target_set_by ON collection_target (set_by);
