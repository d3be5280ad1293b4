-- Issue 15 §6: wrong passwords in a row per typed user name, and until when the name is locked,
-- kept in the database so a restart does not reset a lock (names that belong to nobody are
-- counted too, so the answer never tells which names exist).
CREATE TABLE sign_in_lockout (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);
