//! The sieve campaign's letters: a campaign issues one batch (the same letter with a deadline
//! to everyone the conditions select) and records which letters belong to it, in one
//! transaction; after the deadline the rest move to the next step as a follow-up campaign whose
//! letters go only to those who did not comply.

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;

use super::{BatchOutput, BatchRequest, Filter, Output, Request, Result, batch, batch_of};
use crate::domain::letter::Kind;
use crate::store::campaigns::{self, NewCampaign};
use crate::store::{Actor, StoreError, letters, promises};

/// Issues a campaign's letters and records the campaign. Returns its id and the batch.
pub fn run(
    conn: &Connection,
    actor: &Actor,
    name: &str,
    b: &BatchRequest,
    progress: &mut dyn FnMut(super::Progress),
    cancel: &AtomicBool,
) -> Result<(i64, BatchOutput)> {
    let out = batch(conn, actor, b, progress, cancel)?;
    let id = record(conn, actor, name, b, None, &out)?;
    Ok((id, out))
}

/// The next step for those of campaign `id` who did not comply by its deadline: `kind` letters
/// dated `as_of`, only to them. Promises are evaluated first so a kept one counts.
pub fn escalate(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    kind: Kind,
    as_of: NaiveDate,
    cancel: &AtomicBool,
) -> Result<(i64, BatchOutput)> {
    promises::evaluate_all(conn, as_of)?;
    let review = campaigns::review(conn, id, as_of)?;
    if as_of <= review.campaign.deadline {
        return Err(StoreError::refused("ยังไม่ครบกำหนดตามหนังสือ ส่งขั้นต่อไปได้หลังวันครบกำหนด").into());
    }
    let rest: HashSet<i64> = review.rest().into_iter().collect();
    if rest.is_empty() {
        return Err(StoreError::refused("ทุกรายปฏิบัติตามหนังสือแล้ว ไม่มีรายที่ต้องส่งขั้นต่อไป").into());
    }
    let b = BatchRequest {
        request: Request::new(kind, as_of),
        filter: Filter { min_dpd: 0, village: review.campaign.village_no, fund: None },
        output: Output::OneFile,
    };
    let out = batch_of(conn, actor, &b, Some(&rest), &mut |_| {}, cancel)?;
    let name = format!("{} (ขั้นต่อไป)", review.campaign.name);
    let next = record(conn, actor, &name, &b, Some(id), &out)?;
    Ok((next, out))
}

fn record(
    conn: &Connection,
    actor: &Actor,
    name: &str,
    b: &BatchRequest,
    follows_id: Option<i64>,
    out: &BatchOutput,
) -> Result<i64> {
    let mut issued = Vec::new();
    for l in &out.letters {
        let reg = letters::get(conn, l.id)?;
        if let Some(loan_id) = reg.loan_id {
            issued.push((l.id, loan_id, l.total));
        }
    }
    let deadline = b
        .request
        .as_of
        .checked_add_days(Days::new(b.request.pay_within_days))
        .unwrap_or(b.request.as_of);
    let c = NewCampaign {
        name,
        kind: b.request.kind.code(),
        village_no: b.filter.village,
        fund_id: b.filter.fund,
        min_dpd: b.filter.min_dpd,
        issued_on: b.request.as_of,
        deadline,
        follows_id,
    };
    Ok(campaigns::record(conn, actor, &c, &issued)?)
}
