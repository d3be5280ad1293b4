//! Issuing the documents that are not collection letters (contracts, agreements, certificates,
//! notices, assembly lists, certification forms) the way letters are issued: the register's next
//! number of the B.E. year printed on the page, the PDF hashed, and both registered in the
//! caller's transaction; a preview prints the number it would take, marked ตัวอย่าง.

use rusqlite::Connection;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{IssueError, IssuedLetter, Result, fonts, pages};
use crate::document::kinds::Mark;
use crate::document::{DocError, PdfBuilder};
use crate::domain::Satang;
use crate::domain::letter::Kind;
use crate::domain::letter::facts::AmountRow;
use crate::domain::role::Permission;
use crate::store::{Actor, institute, letters};

/// Who a document is registered to and what it states, for the letter register.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub loan_id: Option<i64>,
    pub person_id: Option<i64>,
    pub recipient_name: String,
    pub recipient_address: String,
    pub contract_no: String,
    pub amounts: Vec<AmountRow>,
    pub total: Satang,
}

/// A document the register numbers: its kind, where its number goes, how it is drawn and what
/// the register records. Its content is stored, so a reprint is the same document.
pub trait Document: Serialize + DeserializeOwned {
    fn kind(&self) -> Kind;
    fn date(&self) -> chrono::NaiveDate;
    fn set_number(&mut self, number: &str);
    fn write(&self, pdf: &mut PdfBuilder, logo: Option<&[u8]>, mark: &Mark)
    -> Result<(), DocError>;
    fn entry(&self) -> Entry;
}

/// [`Document`] for a formal document with a `heading` ([`crate::document::kinds::formal::Heading`]):
/// its kind, the writer that lays it out, and the function that says what the register records.
macro_rules! formal_document {
    ($ty:ty, $kind:expr, $write:path, $entry:expr) => {
        impl $crate::document::issue::docs::Document for $ty {
            fn kind(&self) -> $crate::domain::letter::Kind {
                $kind
            }
            fn date(&self) -> chrono::NaiveDate {
                self.heading.date
            }
            fn set_number(&mut self, number: &str) {
                self.heading.number = number.to_string();
            }
            fn write(
                &self,
                pdf: &mut $crate::document::PdfBuilder,
                logo: Option<&[u8]>,
                mark: &$crate::document::kinds::Mark,
            ) -> Result<(), $crate::document::DocError> {
                $write(pdf, self, logo, mark)
            }
            fn entry(&self) -> $crate::document::issue::docs::Entry {
                $entry(self)
            }
        }
    };
}
pub(crate) use formal_document;

/// The issued document and its line in the register.
#[derive(Debug, Clone)]
pub struct IssuedDoc {
    pub pdf: Vec<u8>,
    pub letter: IssuedLetter,
}

pub(crate) fn logo(conn: &Connection) -> Result<Option<Vec<u8>>> {
    Ok(institute::get(conn)?.and_then(|i| i.logo_png).filter(|l| !l.is_empty()))
}

/// The PDF and its number of pages.
fn render<D: Document>(conn: &Connection, doc: &D, mark: &Mark) -> Result<(Vec<u8>, usize)> {
    let mut pdf = PdfBuilder::new(fonts(), &doc.kind().to_string());
    doc.write(&mut pdf, logo(conn)?.as_deref(), mark)?;
    let n = pdf.page_count();
    Ok((pdf.finish()?, n))
}

/// The document as it would be issued now, not registered, marked ตัวอย่าง.
pub fn preview<D: Document>(conn: &Connection, mut doc: D) -> Result<Vec<u8>> {
    let (_, _, number) = letters::next_number(conn, doc.date())?;
    doc.set_number(&number);
    Ok(render(conn, &doc, &Mark::Preview)?.0)
}

/// Numbers, renders and registers the document. Call inside a write transaction.
pub fn issue<D: Document>(conn: &Connection, actor: &Actor, mut doc: D) -> Result<IssuedDoc> {
    if conn.is_autocommit() {
        return Err(IssueError::NotInTransaction);
    }
    actor.require(Permission::PrintLetters)?;
    let number = letters::next_number(conn, doc.date())?;
    doc.set_number(&number.2);
    let (bytes, n) = render(conn, &doc, &Mark::Original)?;
    let sha = super::sha256_hex(&bytes);
    let e = doc.entry();
    let new = letters::NewLetter {
        kind: doc.kind(),
        loan_id: e.loan_id,
        person_id: e.person_id,
        recipient_name: &e.recipient_name,
        recipient_address: &e.recipient_address,
        issued_on: doc.date(),
        amounts: &e.amounts,
        total: e.total,
        content: &doc,
    };
    let file =
        letters::PdfFile { sha256: &sha, scope: letters::PdfScope::Letter, pages: pages(1, n) };
    let id = letters::register(conn, actor, &number, &new, &file)?;
    Ok(IssuedDoc {
        letter: IssuedLetter {
            id,
            number: number.2,
            kind: doc.kind(),
            contract_no: e.contract_no,
            recipient: e.recipient_name,
            total: e.total,
            sha256: sha.clone(),
            scope: letters::PdfScope::Letter.code(),
            pages: file.pages.clone(),
        },
        pdf: bytes,
    })
}

/// A registered document printed again from what it said, marked สำเนา.
pub(crate) fn reprint_as<D: Document>(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    let doc: D = letters::content(conn, id)?;
    Ok(render(conn, &doc, &Mark::Copy)?.0)
}

/// The first paragraph of the kind's editable template, its fields filled from `values`; a
/// field these documents have no value for prints `-` rather than failing the document.
pub(crate) fn opening(
    conn: &Connection,
    kind: Kind,
    values: &[(&str, String)],
) -> Result<Vec<crate::domain::letter::template::Run>> {
    use crate::domain::letter::template::{FIELDS, render};
    let mut map: std::collections::BTreeMap<String, String> =
        FIELDS.iter().map(|f| (f.name.to_string(), "-".to_string())).collect();
    for (k, v) in values {
        map.insert(k.to_string(), v.clone());
    }
    let t = letters::template(conn, kind)?;
    Ok(render(t.body.first().map(String::as_str).unwrap_or_default(), &map)?)
}
