//! `plodnee payment add|reverse`: recording payments from scripts (a collection day typed into a
//! spreadsheet, the crash test's writer). Each payment is one transaction; the line saying it is
//! recorded is printed and flushed only after the commit, so a script (or the crash harness)
//! knows exactly what is on disk.

use std::io::Write;
use std::path::Path;

use clap::{Args, Subcommand};

use super::approve::{UserArgs, sign_in};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::Satang;
use crate::domain::loan::Channel;
use crate::store::{ledger, loans};

#[derive(Debug, Subcommand)]
pub enum PaymentCommand {
    /// รับชำระ (แต่ละรายการเป็นหนึ่งธุรกรรม)
    Add(AddArgs),
    /// ยกเลิกใบเสร็จ (เหรัญญิกขึ้นไป พร้อมเหตุผล)
    Reverse(ReverseArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub who: UserArgs,
    /// เลขที่สัญญา
    #[arg(long)]
    pub loan: String,
    /// จำนวนเงิน (บาท)
    #[arg(long)]
    pub amount: String,
    /// วันที่รับชำระ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub date: Option<String>,
    /// cash | transfer | promptpay
    #[arg(long, default_value = "cash")]
    pub channel: String,
    #[arg(long, default_value = "")]
    pub payer: String,
    #[arg(long, default_value = "")]
    pub note: String,
    /// รับชำระจำนวนเดียวกันซ้ำกี่ครั้ง (แต่ละครั้งเป็นใบเสร็จและธุรกรรมของตัวเอง)
    #[arg(long, default_value_t = 1)]
    pub repeat: u32,
}

#[derive(Debug, Args)]
pub struct ReverseArgs {
    #[command(flatten)]
    pub who: UserArgs,
    /// เลขที่ใบเสร็จ เช่น 2568/000123
    #[arg(long)]
    pub receipt: String,
    #[arg(long)]
    pub reason: String,
}

pub fn run(data_dir: Option<&Path>, c: &PaymentCommand) -> CliResult {
    match c {
        PaymentCommand::Add(a) => add(data_dir, a),
        PaymentCommand::Reverse(a) => reverse(data_dir, a),
    }
}

fn add(data_dir: Option<&Path>, a: &AddArgs) -> CliResult {
    let amount = Satang::parse_positive(&a.amount).map_err(|e| Failure::arg("--amount", e))?;
    let today = clock::today();
    let paid_on = match &a.date {
        Some(d) => parse_date("--date", d)?,
        None => today,
    };
    let channel = Channel::from_code(a.channel.trim())
        .ok_or_else(|| Failure::arg("--channel", "ใช้ได้: cash, transfer, promptpay"))?;
    if a.repeat == 0 {
        return Err(Failure::arg("--repeat", "ต้องเป็นจำนวนเต็มบวก"));
    }
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    let loan = store.with(|c| loans::by_contract(c, a.loan.trim()))?;
    let p = ledger::NewPayment {
        loan_id: loan.id,
        paid_on,
        amount,
        channel,
        payer_name: a.payer.trim().to_string(),
        note: a.note.trim().to_string(),
    };
    let mut out = std::io::stdout().lock();
    for _ in 0..a.repeat {
        let r = store.write(|tx| ledger::record(tx, &actor, &p, today.max(paid_on)))?;
        // After the commit: a line here means the payment is on disk (synchronous=FULL).
        let _ = writeln!(
            out,
            "รับชำระแล้ว ใบเสร็จ {} {} บาท คงเหลือ {} บาท",
            r.receipt_no, r.amount, r.outstanding_after
        )
        .and_then(|_| out.flush());
    }
    Ok(())
}

fn reverse(data_dir: Option<&Path>, a: &ReverseArgs) -> CliResult {
    if a.reason.trim().is_empty() {
        return Err(Failure::arg("--reason", "กรุณาระบุเหตุผลของการยกเลิกใบเสร็จ"));
    }
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    let receipt = a.receipt.trim();
    store.write(|tx| {
        let lines = ledger::by_receipt(tx, receipt)?;
        let Some(first) = lines.first() else {
            return Err(crate::store::StoreError::not_found(format!("ใบเสร็จ {receipt}")));
        };
        ledger::reverse_receipt(tx, &actor, first.receipt_id, &a.reason)
    })?;
    crate::say!("ยกเลิกใบเสร็จ {receipt} แล้ว เหตุผล: {}", a.reason.trim());
    Ok(())
}
