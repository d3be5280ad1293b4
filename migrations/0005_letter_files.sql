-- 0005_letter_files: which PDF a registered letter's SHA-256 is of (issue 4). A letter issued on
-- its own, or into its own file of a batch, is hashed alone ('letter'); letters of a batch
-- printed into one file carry the hash of that file ('batch') and the pages they are on in it.

ALTER TABLE letter ADD COLUMN pdf_scope TEXT NOT NULL DEFAULT 'letter' CHECK (pdf_scope IN ('letter', 'batch'));
ALTER TABLE letter ADD COLUMN pdf_pages TEXT NOT NULL DEFAULT '';
