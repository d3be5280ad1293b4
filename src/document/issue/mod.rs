//! Issuing documents from the database: read the contract and its statement, fill the letter's
//! facts and template, render the PDF, and register it (number, recipient, amounts, SHA-256)
//! in the transaction that took its number. Previews render without registering; reprints
//! render the registered content again marked สำเนา with the same number.
//!
//! Functions take a `&Connection`; those that register must run inside one write transaction
//! (`store.write(|tx| issue::issue(tx, …))`) and refuse to run outside one, so a letter is never
//! numbered without being registered, nor registered without its PDF.
//!
//! ```no_run
//! use std::sync::atomic::AtomicBool;
//! use plodnee::document::issue::{self, BatchRequest, Filter, Output, Request};
//! use plodnee::domain::letter::Kind;
//! use plodnee::store::{Actor, Store};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let store = Store::open_in(std::path::Path::new("data"))?;
//! let as_of = plodnee::clock::today();
//! let req = Request::new(Kind::Demand, as_of);
//! // The preview pane: nothing is registered.
//! let pdf: Vec<u8> = store.with(|c| Ok(issue::preview(c, &req, 42)?))?;
//! // Issue one letter: numbered and registered in one transaction (an error rolls it back).
//! let issued = store.write(|tx| Ok(issue::issue(tx, &Actor::system(), &req, 42)?))?;
//! // A batch with progress and a cancel flag (set it from another thread to stop).
//! let cancel = AtomicBool::new(false);
//! let batch = BatchRequest {
//!     request: req,
//!     filter: Filter { min_dpd: 30, village: Some(3), fund: None },
//!     output: Output::OneFile,
//! };
//! let mut progress = |p: issue::Progress| eprintln!("{}/{}", p.done, p.total);
//! let out = store
//!     .write(|tx| Ok(issue::batch(tx, &Actor::system(), &batch, &mut progress, &cancel)?))?;
//! # let _ = (pdf, issued, out); Ok(()) }
//! ```

mod batch;
pub mod campaign;
pub mod case_docs;
pub mod complaint_docs;
pub mod docs;
mod gather;
pub mod household;
pub mod notices;
pub mod plan_docs;
mod preview;
mod receipt;

use std::sync::OnceLock;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use batch::{
    BatchOutput, BatchRequest, Filter, OutFile, Output, Progress, batch, batch_of, count, labels,
    sample_loan, skip_lines,
};
pub use docs::{Document, IssuedDoc};
pub use preview::{Preview, PreviewRow, batch_preview};
pub use receipt::receipt;

use super::kinds::{self, Mark};
use super::{DocError, Fonts, PdfBuilder};
use crate::domain::Satang;
use crate::domain::letter::Kind;
use crate::domain::letter::compose::{self, Context, Letter};
use crate::domain::letter::facts::{Facts, default_pay_within};
use crate::domain::letter::template::{Template, TemplateError};
use crate::store::{Actor, StoreError, letters};
use gather::{Office, Subject};

/// Why a document could not be made; each message is Thai for the officer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum IssueError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Document(#[from] DocError),
    #[error("แบบหนังสือไม่ถูกต้อง: {0}")]
    Template(#[from] TemplateError),
    /// The contract or the office's settings do not allow this document; the message says why.
    #[error("{0}")]
    Refused(String),
    #[error("ยกเลิกการพิมพ์แล้ว ไม่มีหนังสือฉบับใดถูกลงทะเบียน")]
    Cancelled,
    #[error("การออกเลขหนังสือต้องทำภายในรายการบันทึกข้อมูลเดียวกัน (โปรแกรมเรียกใช้ผิดวิธี)")]
    NotInTransaction,
}

pub type Result<T, E = IssueError> = std::result::Result<T, E>;

/// So an issue runs inside `Store::write` and an error rolls the transaction back:
/// `store.write(|tx| Ok(issue::issue(tx, …)?))`.
impl From<IssueError> for StoreError {
    fn from(e: IssueError) -> Self {
        match e {
            IssueError::Store(e) => e,
            other => StoreError::Refused(other.to_string()),
        }
    }
}

impl From<rusqlite::Error> for IssueError {
    fn from(e: rusqlite::Error) -> Self {
        IssueError::Store(e.into())
    }
}

/// Sarabun, loaded once per process; shaping and line-breaking caches are shared by every
/// document printed afterwards.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(Fonts::sarabun)
}

/// What to print: the kind, the letter's date (amounts are as of it) and the days to pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub kind: Kind,
    pub as_of: NaiveDate,
    pub pay_within_days: u64,
}

impl Request {
    /// The kind's usual time to pay ([`default_pay_within`]).
    pub fn new(kind: Kind, as_of: NaiveDate) -> Request {
        Request { kind, as_of, pay_within_days: default_pay_within(kind) }
    }
}

/// One registered letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedLetter {
    pub id: i64,
    pub number: String,
    pub kind: Kind,
    pub contract_no: String,
    pub recipient: String,
    pub total: Satang,
    pub sha256: String,
    /// `letter` or `batch`: whether `sha256` is of a file of this letter alone.
    pub scope: &'static str,
    pub pages: String,
}

/// The PDF of one contract's letters (a guarantor notice: one letter per guarantor).
#[derive(Debug, Clone)]
pub struct Issued {
    pub pdf: Vec<u8>,
    pub letters: Vec<IssuedLetter>,
    /// For the officer (stderr on the command line): late guarantor notices (s.686), an
    /// invoice printed without a QR.
    pub warnings: Vec<String>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Composes letters of one kind with one template and one office, for one letter or a batch.
pub(crate) struct Composer {
    pub req: Request,
    pub office: Office,
    pub template: Template,
}

impl Composer {
    pub fn new(conn: &Connection, req: &Request, template: Option<&Template>) -> Result<Composer> {
        let template = match template {
            Some(t) => t.clone(),
            None => letters::template(conn, req.kind)?,
        };
        if !Kind::COLLECTION.contains(&req.kind) && req.kind != Kind::Termination {
            return Err(IssueError::Refused(format!("{} ไม่ใช่หนังสือทวงถามหรือใบแจ้งหนี้", req.kind)));
        }
        if let Some(problem) = template.problems().into_iter().next() {
            return Err(problem.into());
        }
        Ok(Composer { req: *req, office: gather::office(conn)?, template })
    }

    pub fn facts(&self, conn: &Connection, s: &Subject) -> Result<Facts> {
        gather::facts_of(conn, s, self.req.kind, self.req.as_of, self.req.pay_within_days)
    }

    pub fn compose(
        &self,
        s: &Subject,
        f: &Facts,
        recipient: compose::Addressee,
        number: &str,
    ) -> Result<Letter> {
        let ctx = Context {
            head: self.office.head.clone(),
            number: number.to_string(),
            date: self.req.as_of,
            recipient,
            borrower: s.borrower_name.clone(),
            contract_no: s.contract_no.clone(),
            contract_date: s.contract_date,
            fund: s.fund.clone(),
            principal: s.principal,
            signer: self.office.signer(self.req.kind).clone(),
            promptpay: self.office.promptpay,
            bank_account: self.office.bank_account.clone(),
        };
        Ok(compose::compose(self.req.kind, &self.template, &ctx, f)?)
    }

    /// Warnings an officer should see before mailing.
    pub fn warnings(&self, s: &Subject, f: &Facts) -> Vec<String> {
        let mut out = Vec::new();
        if self.req.kind == Kind::Guarantor
            && let Some(w) = gather::late_notice_warning(s, f, self.req.as_of)
        {
            out.push(w);
        }
        if self.req.kind == Kind::Invoice
            && let Some(p) = &self.office.promptpay_problem
        {
            out.push(format!("ใบแจ้งหนี้สัญญา {} พิมพ์โดยไม่มีคิวอาร์โค้ด: {p}", s.contract_no));
        }
        out
    }
}

/// Lays out a composed letter as its own document in `pdf`.
pub(crate) fn render(
    pdf: &mut PdfBuilder,
    l: &Letter,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<(), DocError> {
    match l.kind {
        Kind::Invoice => kinds::invoice::write(pdf, l, logo, mark),
        _ => kinds::letter::write(pdf, l, logo, mark),
    }
}

/// The letters a contract would get, rendered without registering (the preview pane). The
/// number shown is the one the next letter would take now; the page is marked ตัวอย่าง.
pub fn preview(conn: &Connection, req: &Request, loan_id: i64) -> Result<Vec<u8>> {
    preview_with(conn, req, loan_id, None)
}

/// Like [`preview`] with wording being edited on the settings screen (its live preview);
/// wording the Debt Collection Act forbids is refused with the reason.
pub fn preview_with(
    conn: &Connection,
    req: &Request,
    loan_id: i64,
    template: Option<&Template>,
) -> Result<Vec<u8>> {
    let composed = compose_preview(conn, req, loan_id, template)?;
    let mut pdf = PdfBuilder::new(fonts(), &req.kind.to_string());
    for l in &composed.letters {
        render(&mut pdf, l, composed.logo.as_deref(), &Mark::Preview)?;
    }
    Ok(pdf.finish()?)
}

/// What a contract's letters would say, composed but neither rendered nor registered: the
/// GUI shows this as its live preview (composing takes microseconds, a PDF page milliseconds).
#[derive(Debug, Clone)]
pub struct Composed {
    /// One per recipient (a guarantor notice: one per guarantor), numbered with the number the
    /// next letter would take now.
    pub letters: Vec<Letter>,
    /// What the officer should know before issuing (late s.686 notice, invoice without QR).
    pub warnings: Vec<String>,
    logo: Option<Vec<u8>>,
}

/// Composes the letters [`preview_with`] would print; nothing is numbered or registered.
pub fn compose_preview(
    conn: &Connection,
    req: &Request,
    loan_id: i64,
    template: Option<&Template>,
) -> Result<Composed> {
    let c = Composer::new(conn, req, template)?;
    let s = gather::subject(conn, loan_id)?;
    let f = c.facts(conn, &s)?;
    if let Some(why) = gather::nothing_to_ask(req.kind, &s, &f) {
        return Err(IssueError::Refused(why));
    }
    let (_, _, number) = letters::next_number(conn, req.as_of)?;
    let mut out = Vec::new();
    for person in gather::recipients(req.kind, &s) {
        out.push(c.compose(&s, &f, gather::addressee(conn, person)?, &number)?);
    }
    Ok(Composed { letters: out, warnings: c.warnings(&s, &f), logo: c.office.logo.clone() })
}

/// Issues the letters of one contract (one per guarantor for a guarantor notice) into one PDF,
/// each numbered and registered. Call inside a write transaction.
pub fn issue(conn: &Connection, actor: &Actor, req: &Request, loan_id: i64) -> Result<Issued> {
    if conn.is_autocommit() {
        return Err(IssueError::NotInTransaction);
    }
    actor.require(crate::domain::role::Permission::PrintLetters)?;
    let c = Composer::new(conn, req, None)?;
    let s = gather::subject(conn, loan_id)?;
    let f = c.facts(conn, &s)?;
    if let Some(why) = gather::nothing_to_ask(req.kind, &s, &f) {
        return Err(IssueError::Refused(why));
    }
    let people = gather::recipients(req.kind, &s);
    let numbers = letters::next_numbers(conn, req.as_of, people.len())?;
    let mut pdf = PdfBuilder::new(fonts(), &req.kind.to_string());
    let mut composed = Vec::new();
    for (person, number) in people.iter().zip(&numbers) {
        let l = c.compose(&s, &f, gather::addressee(conn, *person)?, &number.2)?;
        let first = pdf.page_count() + 1;
        render(&mut pdf, &l, c.office.logo.as_deref(), &Mark::Original)?;
        composed.push((*person, number, l, pages(first, pdf.page_count())));
    }
    let bytes = pdf.finish()?;
    let sha = sha256_hex(&bytes);
    let scope =
        if composed.len() == 1 { letters::PdfScope::Letter } else { letters::PdfScope::Batch };
    let mut out = Vec::new();
    for (person, number, l, pages) in &composed {
        out.push(register(conn, actor, &s, *person, number, l, &sha, scope, pages)?);
    }
    Ok(Issued { pdf: bytes, letters: out, warnings: c.warnings(&s, &f) })
}

pub(crate) fn pages(first: usize, last: usize) -> String {
    if last > first { format!("{first}-{last}") } else { first.to_string() }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn register(
    conn: &Connection,
    actor: &Actor,
    s: &Subject,
    person: i64,
    number: &(i32, u32, String),
    l: &Letter,
    sha: &str,
    scope: letters::PdfScope,
    pages: &str,
) -> Result<IssuedLetter> {
    let address = l.recipient.lines.join(" ");
    let new = letters::NewLetter {
        kind: l.kind,
        loan_id: Some(s.loan_id),
        person_id: Some(person),
        recipient_name: &l.recipient.name,
        recipient_address: &address,
        issued_on: l.date,
        amounts: &l.rows,
        total: l.total,
        content: l,
    };
    let file = letters::PdfFile { sha256: sha, scope, pages: pages.to_string() };
    let id = letters::register(conn, actor, number, &new, &file)?;
    Ok(IssuedLetter {
        id,
        number: number.2.clone(),
        kind: l.kind,
        contract_no: l.contract_no.clone(),
        recipient: l.recipient.name.clone(),
        total: l.total,
        sha256: sha.to_string(),
        scope: scope.code(),
        pages: pages.to_string(),
    })
}

/// A registered letter printed again from what it said, marked สำเนา, with the same number;
/// the reprint is counted in the register.
pub fn reprint(conn: &Connection, actor: &Actor, number: &str) -> Result<Vec<u8>> {
    actor.require(crate::domain::role::Permission::PrintLetters)?;
    let reg = letters::by_number(conn, number)?;
    use crate::document::kinds::{agreement, assembly, certification, contract};
    type Reprint = fn(&Connection, i64) -> Result<Vec<u8>>;
    let custom: Option<Reprint> = match Kind::from_code(&reg.kind) {
        Some(Kind::ConsolidatedContract) => Some(docs::reprint_as::<contract::ContractDoc>),
        Some(Kind::AssemblyList) => Some(docs::reprint_as::<assembly::AssemblyDoc>),
        Some(Kind::MemberCertification) => {
            Some(docs::reprint_as::<certification::CertificationDoc>)
        }
        Some(Kind::RestructuringAgreement) => Some(docs::reprint_as::<agreement::AgreementDoc>),
        _ => None,
    };
    if let Some(reprint) = custom {
        let bytes = reprint(conn, reg.id)?;
        letters::count_reprint(conn, actor, reg.id)?;
        return Ok(bytes);
    }
    let letter: Letter = letters::content(conn, reg.id)?;
    let logo = crate::store::institute::get(conn)?.and_then(|i| i.logo_png);
    let mut pdf = PdfBuilder::new(fonts(), &format!("สำเนา {}", reg.number));
    render(&mut pdf, &letter, logo.as_deref().filter(|l| !l.is_empty()), &Mark::Copy)?;
    let bytes = pdf.finish()?;
    letters::count_reprint(conn, actor, reg.id)?;
    Ok(bytes)
}
