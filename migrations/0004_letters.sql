-- 0004_letters: editable letter templates and what each registered letter said (issue 4). The
-- register (table letter, 0001) numbers every issued letter per Buddhist year; its content is kept
-- so a reprint is the same letter, marked as a copy, with the same number.

CREATE TABLE letter_template (
    kind          TEXT PRIMARY KEY,
    template_json TEXT NOT NULL,
    updated_by    INTEGER REFERENCES app_user (id),
    updated_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX letter_template_updated_by ON letter_template (updated_by);

ALTER TABLE letter ADD COLUMN content_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE letter ADD COLUMN reprints INTEGER NOT NULL DEFAULT 0;
CREATE INDEX letter_issued_on ON letter (issued_on);
CREATE INDEX letter_issued_by ON letter (issued_by);
