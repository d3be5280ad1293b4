//! A batch's preview (issue 17 §B6): after the conditions are chosen, the list of letters it
//! would issue (member, contract, step, amount), each with a tick, before anything is numbered;
//! and how many contracts the thresholds hold back, and why. Reads only.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::batch::{Filter, Unit, select, skip_lines, tally, unit};
use super::{Composer, Request, Result};
use crate::domain::Satang;
use crate::domain::letter::Kind;
use crate::domain::letter::threshold::{Skip, Thresholds};
use crate::store::settings;

/// One contract the batch would write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    /// The id the batch selects it by (pass the ticked ones to `batch_of`).
    pub loan_id: i64,
    pub member: String,
    pub contract_no: String,
    pub step: Kind,
    pub amount: Satang,
    /// Ticked unless the officer should choose it: a second demand to a contract that has had
    /// no earlier letter starts unticked.
    pub ticked: bool,
    /// Why the row starts unticked.
    pub note: Option<Skip>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub rows: Vec<PreviewRow>,
    /// Contracts held back by a threshold (not listed), by reason.
    pub skips: Vec<(Skip, usize)>,
    /// Contracts selected with nothing to ask (not listed), and why.
    pub nothing: Vec<String>,
    pub thresholds: Thresholds,
}

impl Preview {
    /// One Thai line per threshold that held contracts back.
    pub fn skip_lines(&self, kind: Kind) -> Vec<String> {
        skip_lines(&self.skips, &self.thresholds, kind)
    }
}

/// The letters a batch of `kind` on `as_of` for `filter` would issue, in delivery order.
pub fn batch_preview(
    conn: &Connection,
    kind: Kind,
    as_of: NaiveDate,
    filter: &Filter,
) -> Result<Preview> {
    let c = Composer::new(conn, &Request::new(kind, as_of), None)?;
    let thresholds = settings::letter_thresholds(conn)?;
    let mut out = Preview { rows: Vec::new(), skips: Vec::new(), nothing: Vec::new(), thresholds };
    let mut held = Vec::new();
    for loan_id in select(conn, kind, as_of, filter)? {
        let row = |s: &super::gather::Subject, total: Satang, note: Option<Skip>| PreviewRow {
            loan_id,
            member: s.borrower_name.clone(),
            contract_no: s.contract_no.clone(),
            step: kind,
            amount: total,
            ticked: note.is_none(),
            note,
        };
        match unit(conn, &c, &thresholds, loan_id)? {
            Unit::Letter(s, f) => out.rows.push(row(&s, f.total, None)),
            Unit::Held(Skip::NoEarlierLetter, s, f) => {
                out.rows.push(row(&s, f.total, Some(Skip::NoEarlierLetter)))
            }
            Unit::Held(skip, ..) => held.push(skip),
            Unit::Nothing(why) => out.nothing.push(why),
        }
    }
    out.skips = tally(&held);
    Ok(out)
}
