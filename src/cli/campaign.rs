//! `plodnee campaign run|review|escalate`: the sieve campaign (ร่อนตะแกรง). One letter with a
//! deadline to a group chosen by conditions; after the deadline, who complied and who did not;
//! then the next step's letters to the rest only.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::letter::{Select, When, parse_kind, request, write_file};
use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::document::issue::campaign;
use crate::document::issue::{BatchOutput, BatchRequest, Filter, Output};
use crate::store::{Actor, campaigns, promises};

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// ออกหนังสือพร้อมกำหนดเวลาให้ทุกรายในกลุ่มที่เลือก
    Run(RunArgs),
    /// หลังครบกำหนด: ใครปฏิบัติตามหนังสือ ใครไม่ปฏิบัติ
    Review(ReviewArgs),
    /// ส่งขั้นต่อไปเฉพาะรายที่ไม่ปฏิบัติตามหนังสือ
    Escalate(EscalateArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// ประเภทหนังสือ: reminder | demand | demand2 | guarantor | invoice
    pub kind: String,
    /// ชื่อการร่อนตะแกรง เช่น "ร่อนตะแกรง หมู่ 3 ธ.ค. 2569"
    #[arg(long)]
    pub name: String,
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub when: When,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    pub id: i64,
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EscalateArgs {
    pub id: i64,
    /// ประเภทหนังสือขั้นต่อไป เช่น demand2
    pub kind: String,
    /// วันที่ของหนังสือ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

pub fn run(data_dir: Option<&Path>, c: &CampaignCommand) -> CliResult {
    match c {
        CampaignCommand::Run(a) => run_campaign(data_dir, a),
        CampaignCommand::Review(a) => review(data_dir, a),
        CampaignCommand::Escalate(a) => escalate(data_dir, a),
    }
}

fn run_campaign(data_dir: Option<&Path>, a: &RunArgs) -> CliResult {
    let kind = parse_kind(&a.kind)?;
    if a.select.min_dpd < 0 {
        return Err(Failure::arg("--min-dpd", "ต้องไม่ติดลบ"));
    }
    let b = BatchRequest {
        request: request(kind, &a.when)?,
        filter: Filter { min_dpd: a.select.min_dpd, village: a.select.village, fund: None },
        output: Output::OneFile,
    };
    let (store, _) = open_store(data_dir)?;
    let cancel = AtomicBool::new(false);
    let (id, out) = store.write(|tx| {
        let (id, out) = campaign::run(tx, &Actor::system(), &a.name, &b, &mut |_| {}, &cancel)?;
        save(&a.out, &out)?;
        Ok((id, out))
    })?;
    let deadline = b.request.as_of + chrono::Days::new(b.request.pay_within_days);
    crate::say!(
        "การร่อนตะแกรงที่ {id}: ออก{} {} ฉบับ ให้ปฏิบัติภายใน {} ({})",
        kind,
        out.letters.len(),
        crate::domain::thai::date::format_long(deadline),
        a.out.display()
    );
    Ok(())
}

fn save(path: &Path, out: &BatchOutput) -> Result<(), crate::store::StoreError> {
    for f in &out.files {
        write_file(path, &f.pdf)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct LineOut<'a> {
    loan_id: i64,
    contract_no: &'a str,
    name: &'a str,
    asked: String,
    paid: String,
    verdict: &'static str,
}

fn review(data_dir: Option<&Path>, a: &ReviewArgs) -> CliResult {
    let as_of = match &a.as_of {
        Some(d) => parse_date("--as-of", d)?,
        None => clock::today(),
    };
    let (store, _) = open_store(data_dir)?;
    let r = store.write(|tx| {
        promises::evaluate_all(tx, as_of)?;
        campaigns::review(tx, a.id, as_of)
    })?;
    if a.json {
        let lines: Vec<LineOut<'_>> = r
            .lines
            .iter()
            .map(|l| LineOut {
                loan_id: l.loan_id,
                contract_no: &l.contract_no,
                name: &l.name,
                asked: l.asked.to_plain(),
                paid: l.paid.to_plain(),
                verdict: l.verdict.label(),
            })
            .collect();
        return print_json(&lines);
    }
    let rows: Vec<Vec<String>> = r
        .lines
        .iter()
        .map(|l| {
            vec![
                l.contract_no.clone(),
                l.name.clone(),
                l.asked.to_string(),
                l.paid.to_string(),
                l.verdict.label().to_string(),
            ]
        })
        .collect();
    use Align::*;
    crate::cli::output::emit(&table(
        &["สัญญา", "ลูกหนี้", "ตามหนังสือ", "ชำระแล้ว", "ผล"],
        &[Left, Left, Right, Right, Left],
        &rows,
    ));
    crate::say!(
        "{}: ปฏิบัติตาม {} ราย ไม่ปฏิบัติ {} ราย ยังไม่ถึงกำหนด {} ราย",
        r.campaign.name,
        r.count(|v| v.complied()),
        r.rest().len(),
        r.count(|v| v == crate::domain::collections::campaign::Verdict::Waiting)
    );
    Ok(())
}

fn escalate(data_dir: Option<&Path>, a: &EscalateArgs) -> CliResult {
    let kind = parse_kind(&a.kind)?;
    let as_of = match &a.date {
        Some(d) => parse_date("--date", d)?,
        None => clock::today(),
    };
    let (store, _) = open_store(data_dir)?;
    let cancel = AtomicBool::new(false);
    let (next, out) = store.write(|tx| {
        let (next, out) = campaign::escalate(tx, &Actor::system(), a.id, kind, as_of, &cancel)?;
        save(&a.out, &out)?;
        Ok((next, out))
    })?;
    crate::say!(
        "ส่งขั้นต่อไป (การร่อนตะแกรงที่ {next}): ออก{} {} ฉบับ เฉพาะรายที่ไม่ปฏิบัติตามหนังสือ ({})",
        kind,
        out.letters.len(),
        a.out.display()
    );
    Ok(())
}
