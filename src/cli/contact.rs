//! `plodnee contact add …` records a follow-up contact (with a promise to pay), checked against
//! the Debt Collection Act's guards; `plodnee promises evaluate` settles the open promises.

use std::path::Path;

use chrono::NaiveDateTime;
use clap::{Args, Subcommand};

use super::approve::{UserArgs, sign_in};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::Satang;
use crate::domain::collections::contact::{Channel, Outcome, Reached};
use crate::store::contacts::{self, NewContact};
use crate::store::{loans, promises};

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// บันทึกการติดตาม
    Add(AddArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// เลขที่สัญญา
    #[arg(long)]
    pub loan: String,
    /// วันเวลาที่ติดต่อ เช่น "2026-12-07 10:30" (ค่าเริ่มต้น: ตอนนี้)
    #[arg(long)]
    pub at: Option<String>,
    /// phone | visit | letter | message | meeting | office
    #[arg(long, default_value = "phone")]
    pub channel: String,
    /// borrower | co_borrower | guarantor | relative
    #[arg(long, default_value = "borrower")]
    pub reached: String,
    /// promise | paid | refused | no_answer | wrong_number | moved | deceased | disputed | hardship
    #[arg(long)]
    pub outcome: String,
    /// วันที่นัดชำระ
    #[arg(long)]
    pub promise_date: Option<String>,
    /// จำนวนเงินที่นัด (บาท)
    #[arg(long)]
    pub promise_amount: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// สิ่งที่ต้องทำครั้งต่อไป เช่น "โทรกลับ"
    #[arg(long)]
    pub next: Option<String>,
    /// วันเวลาที่ติดตามครั้งต่อไป เช่น "2026-12-15 10:00"
    #[arg(long)]
    pub next_at: Option<String>,
    /// เหตุผล เมื่อบันทึกการติดต่อที่เกิดขึ้นแล้วนอกเวลาหรือเกินจำนวนครั้งที่กำหนด
    #[arg(long)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub who: UserArgs,
}

#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PromisesCommand {
    /// ประเมินนัดชำระทั้งหมดที่ยังเปิดอยู่ (ชำระตามนัด ไม่ครบ หรือผิดนัด)
    Evaluate(EvaluateArgs),
}

fn parse_at(option: &str, text: &str) -> Result<NaiveDateTime, Failure> {
    let t = text.trim();
    ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .ok_or_else(|| Failure::arg(option, "ต้องเป็นวันเวลา เช่น \"2026-12-07 10:30\""))
}

pub fn run(data_dir: Option<&Path>, c: &ContactCommand) -> CliResult {
    let ContactCommand::Add(a) = c;
    let channel = Channel::from_code(a.channel.trim()).ok_or_else(|| {
        Failure::arg("--channel", "ต้องเป็น phone, visit, letter, message, meeting หรือ office")
    })?;
    let reached = Reached::from_code(a.reached.trim()).ok_or_else(|| {
        Failure::arg("--reached", "ต้องเป็น borrower, co_borrower, guarantor หรือ relative")
    })?;
    let outcome = Outcome::from_code(a.outcome.trim()).ok_or_else(|| {
        Failure::arg("--outcome", "ไม่รู้จักผลการติดต่อนี้ (ดู plodnee contact add --help)")
    })?;
    let now = clock::now();
    let at = match &a.at {
        Some(t) => parse_at("--at", t)?,
        None => now,
    };
    let promise = match (&a.promise_date, &a.promise_amount) {
        (Some(d), Some(m)) => Some((
            parse_date("--promise-date", d)?,
            Satang::parse_positive(m).map_err(|e| Failure::arg("--promise-amount", e))?,
        )),
        (None, None) => None,
        _ => return Err(Failure::arg("--promise-date", "ต้องระบุทั้งวันที่และจำนวนเงินที่นัด")),
    };
    let next_action = match (&a.next, &a.next_at) {
        (Some(w), Some(t)) => Some((w.clone(), parse_at("--next-at", t)?)),
        (None, None) => None,
        _ => return Err(Failure::arg("--next", "ต้องระบุทั้งสิ่งที่ต้องทำและวันเวลา")),
    };
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    let loan = store.with(|c| loans::by_contract(c, &a.loan))?;
    let contact = NewContact {
        person_id: loan.borrower_id,
        loan_id: Some(loan.id),
        at,
        channel,
        reached,
        reached_person_id: None,
        outcome,
        note: a.note.clone(),
        promise,
        next_action,
        breach_reason: a.reason.clone(),
    };
    let id = store.write(|tx| contacts::record(tx, &actor, &contact, now))?;
    crate::say!("บันทึกการติดตามที่ {id} แล้ว: {} {}", loan.contract_no, outcome.label());
    Ok(())
}

pub fn promises(data_dir: Option<&Path>, c: &PromisesCommand) -> CliResult {
    let PromisesCommand::Evaluate(a) = c;
    let as_of = match &a.as_of {
        Some(d) => parse_date("--as-of", d)?,
        None => clock::today(),
    };
    let (store, _) = open_store(data_dir)?;
    let t = store.write(|tx| promises::evaluate_all(tx, as_of))?;
    crate::say!(
        "ประเมินนัดชำระแล้ว: ชำระตามนัด {} ชำระไม่ครบ {} ผิดนัด {} ยังรอ {}",
        t.kept,
        t.partly_kept,
        t.broken,
        t.open
    );
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum HoldCommand {
    /// พักการติดตามสัญญา (ย้อนหลังได้ แก้ไขหรือลบไม่ได้ ทำได้เพียงสิ้นสุด)
    Start(HoldStartArgs),
    /// สิ้นสุดการพักการติดตาม
    End(HoldEndArgs),
}

#[derive(Debug, Args)]
pub struct HoldStartArgs {
    /// เลขที่สัญญา
    #[arg(long)]
    pub loan: String,
    /// เหตุผล เช่น "โต้แย้งยอดหนี้" "ป่วยนอนโรงพยาบาล"
    #[arg(long)]
    pub reason: String,
    /// ตั้งแต่วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub from: Option<String>,
    /// ถึงวันที่ (ไม่ระบุ: จนกว่าจะสิ้นสุด)
    #[arg(long)]
    pub until: Option<String>,
    #[command(flatten)]
    pub who: UserArgs,
}

#[derive(Debug, Args)]
pub struct HoldEndArgs {
    /// เลขที่การพักการติดตาม
    pub id: i64,
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub who: UserArgs,
}

pub fn hold(data_dir: Option<&Path>, c: &HoldCommand) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    match c {
        HoldCommand::Start(a) => {
            let from = match &a.from {
                Some(d) => parse_date("--from", d)?,
                None => clock::today(),
            };
            let until = a.until.as_deref().map(|d| parse_date("--until", d)).transpose()?;
            let actor = sign_in(&store, &a.who)?;
            let loan = store.with(|c| loans::by_contract(c, &a.loan))?;
            let id = store.write(|tx| {
                crate::store::holds::start(tx, &actor, loan.id, &a.reason, from, until)
            })?;
            crate::say!("พักการติดตามสัญญา {} แล้ว (เลขที่ {id}): {}", loan.contract_no, a.reason.trim());
        }
        HoldCommand::End(a) => {
            let actor = sign_in(&store, &a.who)?;
            let today = clock::today();
            store.write(|tx| crate::store::holds::end(tx, &actor, a.id, today, &a.reason))?;
            crate::say!("สิ้นสุดการพักการติดตามเลขที่ {} แล้ว", a.id);
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct GradesArgs {
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub as_of: Option<String>,
}

/// `plodnee grades`: recomputes every member's grade from the payment history.
pub fn grades(data_dir: Option<&Path>, a: &GradesArgs) -> CliResult {
    let as_of = match &a.as_of {
        Some(d) => parse_date("--as-of", d)?,
        None => clock::today(),
    };
    let (store, _) = open_store(data_dir)?;
    let started = std::time::Instant::now();
    let r = store.write(|tx| {
        crate::store::grades::recompute_all(tx, &crate::store::Actor::system(), as_of)
    })?;
    crate::say!(
        "คำนวณชั้นสมาชิกใหม่ {} คน เปลี่ยนชั้น {} คน ({:.1} วินาที)",
        r.members,
        r.changed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
