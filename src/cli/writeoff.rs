//! `plodnee writeoff propose|approve|reject LOAN --user NAME`: the residue write-off
//! (ตัดยอดเศษสตางค์) of a loan, scripted with the same maker-checker rules as the window.

use std::path::Path;

use clap::{Args, Subcommand};

use super::approve::{UserArgs, sign_in};
use super::{CliResult, open_store};
use crate::clock;
use crate::domain::backup_due::Event;
use crate::store::approvals::PendingKind;
use crate::store::backup::auto;
use crate::store::{StoreError, loans, rejections, write_offs};

#[derive(Debug, Subcommand)]
pub enum WriteOffCommand {
    /// เสนอตัดยอดเศษสตางค์ของสัญญาที่ชำระครบแล้วเหลือยอดต่ำกว่าเกณฑ์ยอดค้างขั้นต่ำ
    Propose(LoanArgs),
    /// อนุมัติการตัดยอดเศษสตางค์ (ผู้อนุมัติต้องไม่ใช่ผู้เสนอ) สัญญาปิดบัญชี
    Approve {
        #[command(flatten)]
        loan: LoanArgs,
        /// เลขที่มติที่ประชุม (ถ้ามี)
        #[arg(long, default_value = "")]
        resolution: String,
    },
    /// ไม่อนุมัติการตัดยอดเศษสตางค์ พร้อมเหตุผล
    Reject {
        #[command(flatten)]
        loan: LoanArgs,
        /// เหตุผลที่ไม่อนุมัติ (ต้องระบุ)
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct LoanArgs {
    /// เลขที่สัญญา
    pub loan: String,
    #[command(flatten)]
    pub who: UserArgs,
}

pub fn run(data_dir: Option<&Path>, command: &WriteOffCommand) -> CliResult {
    let today = clock::today();
    match command {
        WriteOffCommand::Propose(a) => {
            let (store, _) = open_store(data_dir)?;
            let actor = sign_in(&store, &a.who)?;
            let (id, amount) = store.write(|tx| {
                let loan = loans::by_contract(tx, &a.loan)?;
                let id = write_offs::propose(tx, &actor, loan.id, today)?;
                Ok((id, write_offs::get(tx, id)?.amount))
            })?;
            println!("เสนอตัดยอดเศษสตางค์ที่ {id} สัญญา {} จำนวน {amount} บาท แล้ว รออนุมัติ", a.loan);
        }
        WriteOffCommand::Approve { loan: a, resolution } => {
            let (store, _) = open_store(data_dir)?;
            let actor = sign_in(&store, &a.who)?;
            // A verified backup first, as before every approval that changes money.
            let (r, warning) = auto::write_after(&store, Event::BeforeApproval, |tx| {
                let id = pending(tx, &a.loan)?;
                write_offs::approve(tx, &actor, id, resolution, today)
            })?;
            if let Some(w) = warning {
                eprintln!("คำเตือน: {w}");
            }
            println!(
                "อนุมัติตัดยอดเศษสตางค์สัญญา {} จำนวน {} บาท (เงินต้น {} ดอกเบี้ย {} ดอกเบี้ยผิดนัด {} ค่าธรรมเนียม {}) สัญญาปิดบัญชีแล้ว",
                a.loan,
                r.total(),
                r.principal,
                r.interest,
                r.default_interest,
                r.fees
            );
        }
        WriteOffCommand::Reject { loan: a, reason } => {
            let (store, _) = open_store(data_dir)?;
            let actor = sign_in(&store, &a.who)?;
            store.write(|tx| {
                let id = pending(tx, &a.loan)?;
                rejections::reject(tx, &actor, PendingKind::WriteOff, id, reason)
            })?;
            println!("ไม่อนุมัติตัดยอดเศษสตางค์สัญญา {} แล้ว เหตุผล: {}", a.loan, reason.trim());
        }
    }
    Ok(())
}

/// The proposal waiting on the contract, or a Thai refusal naming it.
fn pending(conn: &rusqlite::Connection, contract_no: &str) -> crate::store::Result<i64> {
    let loan = loans::by_contract(conn, contract_no)?;
    write_offs::pending_of_loan(conn, loan.id)?.ok_or_else(|| {
        StoreError::refused(format!("สัญญา {contract_no} ไม่มีรายการตัดยอดเศษสตางค์ที่รออนุมัติ"))
    })
}
