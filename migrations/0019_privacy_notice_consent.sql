-- 0019_privacy_notice_consent: PDPA duties kept per member (issue 15 §8): the privacy notice
-- (ประกาศความเป็นส่วนตัว) handed or sent to a member, the consents for uses beyond the loan
-- contract (LINE/SMS contact, photos) given and withdrawn, and the day a member's personal data was
-- anonymised after the retention period (the amounts stay; only who they were goes).

-- Each delivery of the notice, never edited: a second copy is a second row.
CREATE TABLE privacy_notice_delivery (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person (id),
    delivered_on TEXT NOT NULL,
    how          TEXT NOT NULL CHECK (how IN ('hand', 'post', 'line', 'email')),
    recorded_by  INTEGER REFERENCES app_user (id),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX privacy_notice_delivery_person ON privacy_notice_delivery (person_id);
CREATE INDEX privacy_notice_delivery_recorded_by ON privacy_notice_delivery (recorded_by);
CREATE TRIGGER privacy_notice_delivery_never_updated BEFORE UPDATE ON privacy_notice_delivery BEGIN
    SELECT RAISE(ABORT, 'notice deliveries are never edited');
END;
CREATE TRIGGER privacy_notice_delivery_never_deleted BEFORE DELETE ON privacy_notice_delivery BEGIN
    SELECT RAISE(ABORT, 'notice deliveries are never deleted');
END;

-- Consent is a history, not a flag: each giving or withdrawing is a row, the latest per purpose
-- is what holds (PDPA s.19: withdrawing must be as easy as giving, and what was done before stays
-- lawful, so the dates matter).
CREATE TABLE consent_record (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('line_sms', 'photo')),
    given       INTEGER NOT NULL CHECK (given IN (0, 1)),
    on_date     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES app_user (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX consent_record_person ON consent_record (person_id, purpose, on_date);
CREATE INDEX consent_record_recorded_by ON consent_record (recorded_by);
CREATE TRIGGER consent_record_never_updated BEFORE UPDATE ON consent_record BEGIN
    SELECT RAISE(ABORT, 'consent records are never edited: record a withdrawal');
END;
CREATE TRIGGER consent_record_never_deleted BEFORE DELETE ON consent_record BEGIN
    SELECT RAISE(ABORT, 'consent records are never deleted');
END;

ALTER TABLE person ADD COLUMN anonymised_on TEXT;

-- Receipts stay unedited except for one thing: anonymising a member blanks the payer's name
-- printed on their receipts. Every other column, the amount above all, still cannot change.
DROP TRIGGER receipt_never_updated;
CREATE TRIGGER receipt_never_updated BEFORE UPDATE ON receipt
WHEN NOT (NEW.payer_name = '' AND NEW.id IS OLD.id AND NEW.receipt_no IS OLD.receipt_no
    AND NEW.be_year IS OLD.be_year AND NEW.seq IS OLD.seq AND NEW.paid_on IS OLD.paid_on
    AND NEW.amount IS OLD.amount AND NEW.channel IS OLD.channel AND NEW.note IS OLD.note
    AND NEW.received_by IS OLD.received_by AND NEW.created_at IS OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'receipts are never edited: record a reversal');
END;
