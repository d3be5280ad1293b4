//! Batches: the letters of every contract a filter selects (open, days past due, village), into
//! one PDF or one file per letter, with progress and a cancel flag; all registered in the
//! caller's transaction or none. Also the address labels of the same selection.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};

use super::gather::{self, Subject};
use super::{Composer, IssueError, IssuedLetter, Request, Result, fonts, pages, register};
use crate::document::PdfBuilder;
use crate::document::kinds::{self, Mark};
use crate::domain::letter::Kind;
use crate::domain::letter::compliance::forbidden_on_envelope;
use crate::domain::letter::compose::Addressee;
use crate::domain::letter::facts::Facts;
use crate::domain::letter::threshold::{self, Skip, Thresholds};
use crate::store::{Actor, letters, settings};

/// Which contracts: open, at least `min_dpd` days past due, optionally in one village (หมู่)
/// and of one source fund.
/// Reminders, demands and guarantor notices need at least one day overdue whatever
/// `min_dpd` says; invoices need something due on the letter's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    pub min_dpd: i64,
    pub village: Option<u8>,
    pub fund: Option<i64>,
}

/// One PDF for the whole batch, or one file per letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Output {
    #[default]
    OneFile,
    PerLetter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchRequest {
    pub request: Request,
    pub filter: Filter,
    pub output: Output,
}

/// Contracts done out of the contracts selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone)]
pub struct OutFile {
    /// A file name for `Output::PerLetter` (`0012-2568_กทบ.12-2566.pdf`); `letters.pdf` otherwise.
    pub name: String,
    pub pdf: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct BatchOutput {
    pub files: Vec<OutFile>,
    pub letters: Vec<IssuedLetter>,
    /// Contracts selected but with nothing to ask (and why), and late guarantor notices.
    pub warnings: Vec<String>,
    /// Contracts selected that got no letter: nothing to ask, a threshold, or unticked.
    pub skipped: usize,
    /// Of those, how many for each threshold (in [`Skip::ALL`]'s order, none with zero).
    pub skips: Vec<(Skip, usize)>,
    /// Of those, how many the officer unticked in the preview.
    pub unticked: usize,
    pub thresholds: Thresholds,
}

/// Counts of contracts skipped by threshold, in [`Skip::ALL`]'s order, none with zero.
pub(super) fn tally(skips: &[Skip]) -> Vec<(Skip, usize)> {
    Skip::ALL
        .iter()
        .map(|k| (*k, skips.iter().filter(|s| *s == k).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// One Thai line per threshold that skipped contracts: how many and why.
pub fn skip_lines(skips: &[(Skip, usize)], t: &Thresholds, kind: Kind) -> Vec<String> {
    skips.iter().map(|(s, n)| s.describe(*n, t, kind)).collect()
}

/// The subjects (loan or consolidated contract, by one of its loan ids) the filter selects, in
/// delivery order: village, house number, borrower.
pub(super) fn select(
    conn: &Connection,
    kind: Kind,
    as_of: NaiveDate,
    f: &Filter,
) -> Result<Vec<i64>> {
    let min = f.min_dpd.max(if kind == Kind::Invoice { 0 } else { 1 });
    let cutoff = as_of.checked_sub_days(Days::new(min.max(0) as u64)).unwrap_or(NaiveDate::MIN);
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.tranche_of FROM loan l JOIN person p ON p.id = l.borrower_id
         JOIN household h ON h.id = p.household_id
         WHERE l.status IN ('active', 'terminated', 'litigation') AND l.next_unpaid_due <= ?1
           AND (?2 IS NULL OR h.village_no = ?2) AND (?3 IS NULL OR l.fund_id = ?3)
         ORDER BY h.village_no, CAST(h.house_no AS INTEGER), h.house_no, p.id, l.id",
    )?;
    let rows = stmt.query_map(params![cutoff, f.village, f.fund], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
    })?;
    let mut out = Vec::new();
    let mut contracts = std::collections::HashSet::new();
    for row in rows {
        let (loan, tranche_of) = row?;
        // A consolidated contract gets one letter however many of its tranches are overdue.
        if tranche_of.is_none_or(|c| contracts.insert(c)) {
            out.push(loan);
        }
    }
    Ok(out)
}

/// How many contracts a batch with `filter` would select (the batch screen's live count; a
/// few of them may turn out to have nothing to ask and be skipped).
pub fn count(conn: &Connection, kind: Kind, as_of: NaiveDate, filter: &Filter) -> Result<usize> {
    Ok(select(conn, kind, as_of, filter)?.len())
}

/// A contract the letter `kind` can be written about today, for the template screen's preview.
pub fn sample_loan(conn: &Connection, kind: Kind, as_of: NaiveDate) -> Result<Option<i64>> {
    let c = Composer::new(conn, &Request::new(kind, as_of), None)?;
    let t = settings::letter_thresholds(conn)?;
    for loan_id in select(conn, kind, as_of, &Filter::default())?.into_iter().take(50) {
        if matches!(unit(conn, &c, &t, loan_id)?, Unit::Letter(..)) {
            return Ok(Some(loan_id));
        }
    }
    Ok(None)
}

/// What one selected contract yields.
pub(super) enum Unit {
    /// A letter to send.
    Letter(Subject, Facts),
    /// Held back by a threshold (the file stays in the register of arrears).
    Held(Skip, Subject, Facts),
    /// Nothing to ask, and why.
    Nothing(String),
}

/// What one selected contract yields under the institute's thresholds.
pub(super) fn unit(conn: &Connection, c: &Composer, t: &Thresholds, loan_id: i64) -> Result<Unit> {
    let s = match gather::subject(conn, loan_id) {
        Ok(s) => s,
        Err(IssueError::Refused(why)) => return Ok(Unit::Nothing(why)),
        Err(e) => return Err(e),
    };
    let f = c.facts(conn, &s)?;
    if let Some(why) = gather::nothing_to_ask(c.req.kind, &s, &f) {
        return Ok(Unit::Nothing(why));
    }
    // A collection hold stops the letters (never an invoice the member asked for is held: it is
    // not chasing), while the law's clocks keep running.
    if c.req.kind != Kind::Invoice
        && crate::store::holds::reason_on(conn, s.loan_id, c.req.as_of)?.is_some()
    {
        return Ok(Unit::Held(threshold::Skip::OnHold, s, f));
    }
    let earlier = c.req.kind != Kind::Demand2 || letters::had_collection_letter(conn, s.loan_id)?;
    Ok(match threshold::screen(c.req.kind, &f, t, earlier) {
        Some(skip) => Unit::Held(skip, s, f),
        None => Unit::Letter(s, f),
    })
}

/// Issues the letters of every selected contract that no threshold holds back. Call inside a
/// write transaction: a cancel (`cancel` set from another thread) or an error leaves nothing
/// registered.
pub fn batch(
    conn: &Connection,
    actor: &Actor,
    b: &BatchRequest,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<BatchOutput> {
    batch_of(conn, actor, b, None, progress, cancel)
}

/// Issues the letters of the selected contracts whose ids are in `ticked` (the rows the
/// officer left ticked in the [`batch_preview`](super::batch_preview)), or of every contract no threshold
/// holds back when `None`. A ticked second demand without an earlier letter is sent: the
/// officer chose it; contracts below the tolerance or the minimum never are.
pub fn batch_of(
    conn: &Connection,
    actor: &Actor,
    b: &BatchRequest,
    ticked: Option<&std::collections::HashSet<i64>>,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<BatchOutput> {
    if conn.is_autocommit() {
        return Err(IssueError::NotInTransaction);
    }
    actor.require(crate::domain::role::Permission::PrintLetters)?;
    let c = Composer::new(conn, &b.request, None)?;
    let thresholds = settings::letter_thresholds(conn)?;
    let logo = c.office.logo.clone();
    let selected = select(conn, c.req.kind, c.req.as_of, &b.filter)?;
    let total = selected.len();
    progress(Progress { done: 0, total });
    let (year, mut seq, _) = letters::next_number(conn, c.req.as_of)?;
    let mut out = BatchOutput {
        files: Vec::new(),
        letters: Vec::new(),
        warnings: Vec::new(),
        skipped: 0,
        skips: Vec::new(),
        unticked: 0,
        thresholds,
    };
    let mut held = Vec::new();
    let mut one = PdfBuilder::new(fonts(), &c.req.kind.to_string());
    // Letters of the one-file batch wait for the file's hash before they are registered.
    let mut pending = Vec::new();
    for (done, loan_id) in selected.into_iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(IssueError::Cancelled);
        }
        let unticked = ticked.is_some_and(|t| !t.contains(&loan_id));
        let (s, f) = match unit(conn, &c, &thresholds, loan_id)? {
            Unit::Letter(..) | Unit::Held(Skip::NoEarlierLetter, ..) if unticked => {
                out.skipped += 1;
                out.unticked += 1;
                continue;
            }
            Unit::Letter(s, f) => (s, f),
            Unit::Held(Skip::NoEarlierLetter, s, f) if ticked.is_some() => (s, f),
            Unit::Held(skip, ..) => {
                out.skipped += 1;
                held.push(skip);
                continue;
            }
            Unit::Nothing(why) => {
                out.skipped += 1;
                out.warnings.push(why);
                continue;
            }
        };
        out.warnings.extend(c.warnings(&s, &f));
        for person in gather::recipients(c.req.kind, &s) {
            let number = (
                year,
                seq,
                crate::domain::letter::letter_number(&c.office.letter_prefix, seq, year),
            );
            seq += 1;
            let l = c.compose(&s, &f, gather::addressee(conn, person)?, &number.2)?;
            match b.output {
                Output::OneFile => {
                    let first = one.page_count() + 1;
                    super::render(&mut one, &l, logo.as_deref(), &Mark::Original)?;
                    let pages = pages(first, one.page_count());
                    pending.push((s.clone(), person, number, l, pages));
                }
                Output::PerLetter => {
                    let mut pdf = PdfBuilder::new(fonts(), &number.2);
                    super::render(&mut pdf, &l, logo.as_deref(), &Mark::Original)?;
                    let bytes = pdf.finish()?;
                    let sha = super::sha256_hex(&bytes);
                    let scope = letters::PdfScope::Letter;
                    out.letters
                        .push(register(conn, actor, &s, person, &number, &l, &sha, scope, "1")?);
                    out.files
                        .push(OutFile { name: file_name(&number, &s.contract_no), pdf: bytes });
                }
            }
        }
        progress(Progress { done: done + 1, total });
    }
    // Contracts skipped at the end of the list (held, unticked, nothing owed) report no progress
    // of their own: without this the bar stopped short of 100% (7 of 9 in a demo หมู่).
    progress(Progress { done: total, total });
    if b.output == Output::OneFile && !pending.is_empty() {
        let bytes = one.finish()?;
        let sha = super::sha256_hex(&bytes);
        for (s, person, number, l, pages) in &pending {
            let scope = letters::PdfScope::Batch;
            out.letters.push(register(conn, actor, s, *person, number, l, &sha, scope, pages)?);
        }
        out.files.push(OutFile { name: "letters.pdf".into(), pdf: bytes });
    }
    out.skips = tally(&held);
    Ok(out)
}

/// `0012-2568_กทบ.12-2566.pdf`: the register's order first, then the contract.
fn file_name(number: &(i32, u32, String), contract_no: &str) -> String {
    let safe: String = contract_no
        .chars()
        .map(|ch| {
            if matches!(ch, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | ' ') {
                '-'
            } else {
                ch
            }
        })
        .collect();
    format!("{:04}-{}_{safe}.pdf", number.1, number.0)
}

/// Address labels for the letters a batch would send (same kind, filter and date): names and
/// addresses only. Refused if any label would carry a word about debt.
pub fn labels(conn: &Connection, req: &Request, filter: &Filter) -> Result<Vec<u8>> {
    let c = Composer::new(conn, req, None)?;
    let t = settings::letter_thresholds(conn)?;
    let mut people: Vec<i64> = Vec::new();
    for loan_id in select(conn, req.kind, req.as_of, filter)? {
        if let Unit::Letter(s, _) = unit(conn, &c, &t, loan_id)? {
            for p in gather::recipients(req.kind, &s) {
                if !people.contains(&p) {
                    people.push(p);
                }
            }
        }
    }
    let mut all: Vec<Addressee> = Vec::with_capacity(people.len());
    for p in people {
        let a = gather::addressee(conn, p)?;
        let text = format!("{}\n{}", a.name, a.lines.join("\n"));
        if let Some(word) = forbidden_on_envelope(&text).first() {
            return Err(IssueError::Refused(format!(
                "ป้ายชื่อของ {} มีคำว่า \"{word}\" ซึ่งห้ามปรากฏบนซองหรือป้ายชื่อ (พ.ร.บ.การทวงถามหนี้ฯ)",
                a.name
            )));
        }
        all.push(a);
    }
    if all.is_empty() {
        return Err(IssueError::Refused("ไม่มีผู้รับตามเงื่อนไขที่เลือก".into()));
    }
    let mut pdf = PdfBuilder::new(fonts(), "ป้ายชื่อที่อยู่");
    kinds::labels::write(&mut pdf, &all)?;
    Ok(pdf.finish()?)
}
