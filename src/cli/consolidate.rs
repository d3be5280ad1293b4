//! `plodnee consolidate preview` and `plodnee fund-statement`: household consolidation and the
//! per-fund statement on the command line.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::domain::Satang;
use crate::domain::consolidation::{
    Consolidation, FundReconciliation, Proposal, RatePolicy, SourceLoan, TermChoice, Waiver,
};
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::{Frequency, Method};
use crate::domain::thai::date::{format_long, format_short};
use crate::store::{consolidations, fund_statement, funds, households};

#[derive(Debug, Subcommand)]
pub enum ConsolidateCommand {
    /// แสดงผลการรวมหนี้ของครัวเรือน (ไม่บันทึก)
    Preview(PreviewArgs),
    /// บันทึกร่างรวมหนี้ของครัวเรือนเพื่อขออนุมัติ ในนามผู้ใช้ --user
    Propose {
        #[command(flatten)]
        args: PreviewArgs,
        #[command(flatten)]
        who: super::approve::UserArgs,
    },
    /// อนุมัติร่างรวมหนี้ (ผู้อนุมัติต้องไม่ใช่ผู้จัดทำ)
    Approve(super::approve::ApproveArgs),
    /// ไม่อนุมัติร่างรวมหนี้หรือรายการโอนภาระหนี้ พร้อมเหตุผล
    Reject(super::approve::RejectArgs),
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// รหัสครัวเรือน (household_id จาก plodnee search --json)
    #[arg(long)]
    pub household: i64,
    #[arg(long)]
    pub as_of: String,
    /// unified | weighted | tranches
    #[arg(long)]
    pub policy: String,
    /// อัตราดอกเบี้ยเดียว (เมื่อ --policy unified)
    #[arg(long)]
    pub rate: Option<String>,
    #[arg(long, conflicts_with = "capacity")]
    pub periods: Option<u32>,
    /// ความสามารถชำระต่องวด: หาจำนวนงวดที่สั้นที่สุดที่ไม่เกินยอดนี้
    #[arg(long, allow_hyphen_values = true)]
    pub capacity: Option<String>,
    #[arg(long, default_value = "annuity")]
    pub method: String,
    #[arg(long, default_value = "monthly")]
    pub frequency: String,
    /// ยกดอกเบี้ยผิดนัดและค่าธรรมเนียมทั้งหมด
    #[arg(long)]
    pub waive_default_interest: bool,
    /// ผู้กู้ยินยอมเป็นหนังสือให้นำดอกเบี้ยค้างเกิน 1 ปีทบต้น (ป.พ.พ. มาตรา 655)
    #[arg(long)]
    pub capitalise_with_consent: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct FundStatementArgs {
    /// อักษรย่อ ชื่อ หรือรหัสกองทุน เช่น กทบ.
    pub fund: String,
    #[arg(long)]
    pub from: String,
    #[arg(long)]
    pub to: String,
    #[arg(long)]
    pub json: bool,
    /// เขียนรายงานเป็น PDF ด้วย
    #[arg(long, value_name = "FILE.pdf")]
    pub pdf: Option<std::path::PathBuf>,
}

pub fn run(data_dir: Option<&Path>, command: &ConsolidateCommand) -> CliResult {
    match command {
        ConsolidateCommand::Preview(args) => preview(data_dir, args),
        ConsolidateCommand::Propose { args, who } => {
            super::approve::consolidate_propose(data_dir, args, who)
        }
        ConsolidateCommand::Approve(a) => super::approve::consolidate_approve(data_dir, a),
        ConsolidateCommand::Reject(a) => {
            super::approve::reject(data_dir, crate::store::approvals::PendingKind::Consolidation, a)
        }
    }
}

pub(crate) fn settings(
    args: &PreviewArgs,
    as_of: NaiveDate,
    borrower_id: i64,
    snapshot: &[SourceLoan],
) -> Result<consolidations::Settings, Failure> {
    let policy = match args.policy.as_str() {
        "unified" => {
            let rate = args
                .rate
                .as_deref()
                .ok_or_else(|| Failure::arg("--rate", "นโยบาย unified ต้องระบุอัตราดอกเบี้ย"))?;
            RatePolicy::Unified {
                rate: AnnualRate::parse(rate).map_err(|e| Failure::arg("--rate", e))?,
            }
        }
        "weighted" => RatePolicy::Weighted,
        "tranches" => RatePolicy::Tranches,
        _ => return Err(Failure::arg("--policy", "ต้องเป็น unified, weighted หรือ tranches")),
    };
    let term = match (&args.periods, &args.capacity) {
        (Some(n), _) if *n > 0 => TermChoice::Periods(*n),
        (Some(_), _) => return Err(Failure::arg("--periods", "จำนวนงวดต้องมากกว่าศูนย์")),
        (None, Some(c)) => TermChoice::Capacity(
            Satang::parse_positive(c).map_err(|e| Failure::arg("--capacity", e))?,
        ),
        (None, None) => {
            return Err(Failure::arg("--periods", "ต้องระบุ --periods หรือ --capacity อย่างใดอย่างหนึ่ง"));
        }
    };
    let waivers: BTreeMap<i64, Waiver> = if args.waive_default_interest {
        snapshot.iter().map(|l| (l.loan_id, Waiver::penalties_of(l))).collect()
    } else {
        BTreeMap::new()
    };
    Ok(consolidations::Settings {
        as_of,
        loan_ids: Vec::new(),
        waivers,
        capitalise_consent_on: args.capitalise_with_consent.then_some(as_of),
        policy,
        term,
        method: Method::from_code(&args.method)
            .ok_or_else(|| Failure::arg("--method", "ต้องเป็น annuity, flat หรือ equal-principal"))?,
        frequency: Frequency::from_code(&args.frequency).ok_or_else(|| {
            Failure::arg("--frequency", "ต้องเป็น monthly, quarterly, half-yearly หรือ yearly")
        })?,
        round_up_baht: false,
        borrower_id,
        guarantors: Vec::new(),
    })
}

#[derive(Serialize)]
struct SnapshotOut {
    loan_id: i64,
    contract_no: String,
    fund: String,
    rate: String,
    principal: String,
    interest: String,
    interest_year_old: String,
    default_interest: String,
    fees: String,
    waived: String,
}

#[derive(Serialize)]
struct TrancheOut {
    fund: String,
    rate: String,
    principal: String,
    carried: String,
}

#[derive(Serialize)]
struct PartOut {
    fund: String,
    principal: String,
    interest: String,
    carried: String,
}

#[derive(Serialize)]
struct InstallmentOut {
    no: u32,
    due_date: NaiveDate,
    principal: String,
    interest: String,
    carried: String,
    total: String,
    parts: Vec<PartOut>,
}

#[derive(Serialize)]
struct ReconciliationOut {
    fund: String,
    old_principal: String,
    old_interest: String,
    old_default_interest: String,
    old_fees: String,
    old_total: String,
    waived: String,
    capitalised: String,
    new_principal: String,
    carried: String,
    balances: bool,
}

#[derive(Serialize)]
struct PreviewOut {
    household_id: i64,
    as_of: NaiveDate,
    snapshot: Vec<SnapshotOut>,
    policy: RatePolicy,
    periods: u32,
    rate: String,
    new_principal: String,
    carried: String,
    first_installment: String,
    max_installment: String,
    total_interest: String,
    end_date: Option<NaiveDate>,
    tranches: Vec<TrancheOut>,
    schedule: Vec<InstallmentOut>,
    reconciliation: Vec<ReconciliationOut>,
}

fn reconciliation_out(r: &FundReconciliation) -> ReconciliationOut {
    ReconciliationOut {
        fund: r.fund_name.clone(),
        old_principal: r.old_principal.to_plain(),
        old_interest: r.old_interest.to_plain(),
        old_default_interest: r.old_default_interest.to_plain(),
        old_fees: r.old_fees.to_plain(),
        old_total: r.old_total().to_plain(),
        waived: r.waived.to_plain(),
        capitalised: r.capitalised.to_plain(),
        new_principal: r.new_principal.to_plain(),
        carried: r.carried.to_plain(),
        balances: r.balances(),
    }
}

fn preview_out(household_id: i64, p: &Proposal, c: &Consolidation) -> PreviewOut {
    PreviewOut {
        household_id,
        as_of: p.as_of,
        snapshot: p
            .loans
            .iter()
            .map(|l| SnapshotOut {
                loan_id: l.loan_id,
                contract_no: l.contract_no.clone(),
                fund: l.fund_name.clone(),
                rate: l.rate.to_string(),
                principal: l.principal.to_plain(),
                interest: l.interest.to_plain(),
                interest_year_old: l.interest_year_old.to_plain(),
                default_interest: l.default_interest.to_plain(),
                fees: l.fees.to_plain(),
                waived: p.waivers.get(&l.loan_id).map(Waiver::total).unwrap_or_default().to_plain(),
            })
            .collect(),
        policy: p.policy,
        periods: c.periods,
        rate: c.headline_rate().to_string(),
        new_principal: c.new_principal().to_plain(),
        carried: c.carried().to_plain(),
        first_installment: c.first_installment().to_plain(),
        max_installment: c.max_installment().to_plain(),
        total_interest: c.total_interest().to_plain(),
        end_date: c.end_date(),
        tranches: c
            .tranches
            .iter()
            .map(|t| TrancheOut {
                fund: t.fund_name.clone(),
                rate: t.rate.to_string(),
                principal: t.principal.to_plain(),
                carried: t.carried.to_plain(),
            })
            .collect(),
        schedule: c
            .installments
            .iter()
            .enumerate()
            .map(|(i, h)| InstallmentOut {
                no: h.no,
                due_date: h.due_date,
                principal: h.principal.to_plain(),
                interest: h.interest.to_plain(),
                carried: h.carried.to_plain(),
                total: h.total().to_plain(),
                parts: c
                    .tranches
                    .iter()
                    .map(|t| {
                        let inst = t.schedule.installments.get(i);
                        PartOut {
                            fund: t.fund_name.clone(),
                            principal: inst.map(|x| x.principal).unwrap_or_default().to_plain(),
                            interest: inst.map(|x| x.interest).unwrap_or_default().to_plain(),
                            carried: t.carried_parts[i].to_plain(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        reconciliation: c.reconciliation.iter().map(reconciliation_out).collect(),
    }
}

fn preview(data_dir: Option<&Path>, args: &PreviewArgs) -> CliResult {
    let as_of = parse_date("--as-of", &args.as_of)?;
    let (store, _) = open_store(data_dir)?;
    let (p, c) = store.with(|conn| {
        let hh = households::get(conn, args.household)?;
        let snapshot = consolidations::snapshot(conn, hh.id, as_of, &[])?;
        let borrower = hh
            .head_person_id
            .or_else(|| snapshot.first().map(|l| l.borrower_id))
            .unwrap_or_default();
        let mut s = settings(args, as_of, borrower, &snapshot)
            .map_err(|f| crate::store::StoreError::Refused(f.message))?;
        s.round_up_baht = crate::store::settings::round_up_baht(conn)?;
        consolidations::preview(conn, hh.id, &s)
    })?;
    if args.json {
        return print_json(&preview_out(args.household, &p, &c));
    }
    crate::cli::output::emit(&preview_text(&p, &c));
    Ok(())
}

fn preview_text(p: &Proposal, c: &Consolidation) -> String {
    use Align::*;
    let mut out = format!("รวมหนี้ครัวเรือน ณ วันที่ {}\n\nสัญญาเดิม\n", format_long(p.as_of));
    let rows: Vec<Vec<String>> = p
        .loans
        .iter()
        .map(|l| {
            vec![
                l.contract_no.clone(),
                l.fund_name.clone(),
                l.rate.to_string(),
                l.principal.to_string(),
                l.interest.to_string(),
                l.default_interest.to_string(),
                l.fees.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &["สัญญา", "กองทุน", "ดอกเบี้ย", "เงินต้น", "ดอกเบี้ยค้าง", "ดอกเบี้ยผิดนัด", "ค่าธรรมเนียม"],
        &[Left, Left, Right, Right, Right, Right, Right],
        &rows,
    ));
    out.push_str(&format!(
        "\nสัญญาใหม่: เงินต้น {} บาท ค้างยกมา (ไม่คิดดอกเบี้ย) {} บาท อัตรา {} ผ่อน {} งวด งวดละ {} บาท สิ้นสุด {}\nดอกเบี้ยรวม {} บาท\n\nกระทบยอดรายกองทุน\n",
        c.new_principal(),
        c.carried(),
        c.headline_rate(),
        c.periods,
        c.first_installment(),
        c.end_date().map(format_long).unwrap_or_default(),
        c.total_interest()
    ));
    let rows: Vec<Vec<String>> = c
        .reconciliation
        .iter()
        .map(|r| {
            vec![
                r.fund_name.clone(),
                r.old_total().to_string(),
                r.waived.to_string(),
                r.capitalised.to_string(),
                r.new_principal.to_string(),
                r.carried.to_string(),
                if r.balances() {
                    "ลงตัว".into()
                } else {
                    "ไม่ลงตัว".into()
                },
            ]
        })
        .collect();
    out.push_str(&table(
        &["กองทุน", "หนี้เดิมรวม", "ลดหนี้", "ทบต้น", "เงินต้นใหม่", "ค้างยกมา", "ผล"],
        &[Left, Right, Right, Right, Right, Right, Left],
        &rows,
    ));
    out.push_str("\nตารางผ่อน (12 งวดแรก)\n");
    let rows: Vec<Vec<String>> = c
        .installments
        .iter()
        .take(12)
        .map(|h| {
            vec![
                h.no.to_string(),
                format_short(h.due_date),
                h.principal.to_string(),
                h.interest.to_string(),
                h.carried.to_string(),
                h.total().to_string(),
            ]
        })
        .collect();
    out.push_str(&table(
        &["งวด", "ครบกำหนด", "เงินต้น", "ดอกเบี้ย", "ค้างยกมา", "ค่างวด"],
        &[Right, Left, Right, Right, Right, Right],
        &rows,
    ));
    out
}

pub fn fund_statement(data_dir: Option<&Path>, args: &FundStatementArgs) -> CliResult {
    let from = parse_date("--from", &args.from)?;
    let to = parse_date("--to", &args.to)?;
    if to < from {
        return Err(Failure::arg("--to", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"));
    }
    let (store, _) = open_store(data_dir)?;
    let fs = store.with(|conn| {
        let fund = funds::find(conn, &args.fund)?;
        fund_statement::compute(conn, fund.id, from, to)
    })?;
    if let Some(path) = &args.pdf {
        let pdf = store.with(|c| {
            Ok(crate::document::issue::household::fund_statement(
                c,
                fs.fund.id,
                from,
                to,
                crate::clock::today(),
            )?)
        })?;
        super::letter::write_file(path, &pdf)?;
        eprintln!("รายงานกองทุน (PDF): {}", path.display());
    }
    if args.json {
        return print_json(&fs);
    }
    let lines = fs.lines();
    let rows: Vec<Vec<String>> =
        lines.iter().map(|(l, v)| vec![l.to_string(), v.to_string()]).collect();
    crate::say!(
        "รายงานกองทุน {} ({}) {} ถึง {}",
        fs.fund_name,
        fs.fund_code,
        format_long(from),
        format_long(to)
    );
    crate::cli::output::emit(&table(&["รายการ", "บาท"], &[Align::Left, Align::Right], &rows));
    Ok(())
}
