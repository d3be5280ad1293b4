//! `plodnee legal deadlines|acknowledge` (the legal early warning and debt acknowledgments) and
//! `plodnee terminate prepare|delivered|approve|undo` (บอกเลิกสัญญา), thin over the store: the
//! same maker-checker rules and transactions as the window.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::approve::{UserArgs, sign_in};
use super::letter::{print_issued, write_file};
use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::document::issue::{self, Request};
use crate::domain::Satang;
use crate::domain::backup_due::Event;
use crate::domain::letter::Kind;
use crate::domain::thai::date::format_long;
use crate::store::backup::auto;
use crate::store::{StoreError, acknowledgments, legal_deadlines, loans, terminations};

#[derive(Debug, Subcommand)]
pub enum LegalCommand {
    /// กำหนดเวลาตามกฎหมายที่จะถึงภายใน N วัน ทั้งพอร์ต เรียงตามวันที่ พร้อมสิ่งที่ต้องทำ
    Deadlines(DeadlinesArgs),
    /// ยอดที่ผู้ค้ำประกันต้องรับผิด ณ วันที่ (ม.686: บอกกล่าวเกิน 60 วัน ไม่รวมดอกเบี้ยและค่าธรรมเนียมหลังวันที่ 60)
    Guarantor {
        /// เลขที่สัญญา
        loan: String,
        /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
        #[arg(long)]
        as_of: Option<String>,
    },
    /// บันทึกวันที่ลูกหนี้ลงนามหนังสือรับสภาพหนี้ (อายุความเริ่มนับใหม่ ม.193/14)
    Acknowledge {
        /// เลขที่สัญญา
        #[arg(long)]
        loan: String,
        /// วันที่ลงนาม
        #[arg(long)]
        signed: String,
        /// ยอดหนี้ที่รับสภาพ (ค่าเริ่มต้น: ยอดปิดบัญชี ณ วันที่ลงนาม)
        #[arg(long)]
        amount: Option<String>,
        #[command(flatten)]
        who: UserArgs,
    },
}

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// ภายในกี่วัน
    #[arg(long, default_value_t = 90)]
    pub within: u32,
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TerminateCommand {
    /// จัดทำหนังสือบอกเลิกสัญญา (ค้างชำระเกิน 3 งวด) ลงทะเบียนหนังสือส่ง
    Prepare {
        /// เลขที่สัญญา
        loan: String,
        /// วันที่ของหนังสือ (ค่าเริ่มต้น: วันนี้)
        #[arg(long)]
        date: Option<String>,
        /// วันที่ลูกหนี้ได้รับหนังสือ (ค่าเริ่มต้น: วันที่ของหนังสือ)
        #[arg(long)]
        delivered: Option<String>,
        /// ไฟล์ PDF ของหนังสือ
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        who: UserArgs,
    },
    /// บันทึกวันที่ลูกหนี้ได้รับหนังสือ (กำหนดชำระนับจากวันนี้)
    Delivered {
        loan: String,
        #[arg(long)]
        date: String,
        #[command(flatten)]
        who: UserArgs,
    },
    /// อนุมัติบอกเลิกสัญญาเมื่อพ้นกำหนดตามหนังสือ (ผู้อนุมัติต้องไม่ใช่ผู้จัดทำ)
    Approve {
        loan: String,
        /// เลขที่มติที่ประชุม
        #[arg(long)]
        resolution: String,
        /// วันที่บอกเลิกสัญญา (ค่าเริ่มต้น: วันนี้)
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        who: UserArgs,
    },
    /// ยกเลิกการบอกเลิกสัญญา (คณะกรรมการ พร้อมเหตุผล) ตารางผ่อนกลับเป็นตามสัญญา
    Undo {
        loan: String,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        resolution: String,
        #[command(flatten)]
        who: UserArgs,
    },
}

#[derive(Serialize)]
struct Row<'a> {
    due: String,
    kind: &'a str,
    kind_th: String,
    contract_no: &'a str,
    person: &'a str,
    detail: &'a str,
    section: &'a str,
    action: &'a str,
    days_left: i64,
}

fn date_or_today(option: &str, text: &Option<String>) -> Result<chrono::NaiveDate, Failure> {
    match text {
        Some(d) => parse_date(option, d),
        None => Ok(clock::today()),
    }
}

pub fn legal(data_dir: Option<&Path>, command: &LegalCommand) -> CliResult {
    match command {
        LegalCommand::Deadlines(a) => deadlines(data_dir, a),
        LegalCommand::Guarantor { loan, as_of } => {
            let as_of = date_or_today("--as-of", as_of)?;
            let (store, _) = open_store(data_dir)?;
            let l = store.with(|c| {
                let l = loans::by_contract(c, loan)?;
                legal_deadlines::guarantor_liability(c, &l, as_of)
            })?;
            let basis = match l.limited_to {
                Some(d) => format!(
                    "บอกกล่าวผู้ค้ำประกันเกิน 60 วันนับแต่ผิดนัด: รับผิดเฉพาะที่เกิดถึง {} (ป.พ.พ. มาตรา 686)",
                    format_long(d)
                ),
                None => {
                    "บอกกล่าวผู้ค้ำประกันภายในกำหนด (หรือยังไม่พ้น 60 วันนับแต่ผิดนัด): รับผิดเต็มจำนวน".to_string()
                }
            };
            crate::say!(
                "ยอดที่ผู้ค้ำประกันต้องรับผิด สัญญา {loan} ณ {}\n{basis}\nเงินต้น {} บาท ดอกเบี้ย {} บาท ดอกเบี้ยผิดนัด {} บาท ค่าธรรมเนียม {} บาท รวม {} บาท",
                format_long(as_of),
                l.principal,
                l.interest,
                l.default_interest,
                l.fees,
                l.total()
            );
            Ok(())
        }
        LegalCommand::Acknowledge { loan, signed, amount, who } => {
            let signed = parse_date("--signed", signed)?;
            let amount = match amount {
                Some(t) => Some(Satang::parse(t).map_err(|e| Failure::arg("--amount", e))?),
                None => None,
            };
            let (store, _) = open_store(data_dir)?;
            let actor = sign_in(&store, who)?;
            let today = clock::today();
            let (contract, amount) = store.write(|tx| {
                let l = loans::by_contract(tx, loan)?;
                let amount = match amount {
                    Some(a) => a,
                    None => loans::statement(tx, &l, signed.max(l.start))?.payoff,
                };
                acknowledgments::record(tx, &actor, l.id, signed, amount, None, today)?;
                Ok((l.contract_no, amount))
            })?;
            crate::say!(
                "บันทึกหนังสือรับสภาพหนี้สัญญา {contract} ลงนาม {} ยอด {amount} บาท แล้ว อายุความเริ่มนับใหม่",
                format_long(signed)
            );
            Ok(())
        }
    }
}

fn deadlines(data_dir: Option<&Path>, a: &DeadlinesArgs) -> CliResult {
    if !(1..=3650).contains(&a.within) {
        return Err(Failure::arg("--within", "ต้องเป็นจำนวนวัน 1–3650"));
    }
    let as_of = date_or_today("--as-of", &a.as_of)?;
    let (store, _) = open_store(data_dir)?;
    let started = std::time::Instant::now();
    let rows = store.with(|c| legal_deadlines::scan(c, as_of, a.within))?;
    eprintln!(
        "[{:.0} ms] กำหนดเวลาตามกฎหมาย {} รายการ",
        started.elapsed().as_secs_f64() * 1000.0,
        rows.len()
    );
    if a.json {
        let out: Vec<Row> = rows
            .iter()
            .map(|d| Row {
                due: d.due.to_string(),
                kind: d.kind.code(),
                kind_th: d.kind.to_string(),
                contract_no: &d.contract_no,
                person: &d.person,
                detail: &d.detail,
                section: d.section,
                action: d.action,
                days_left: (d.due - as_of).num_days(),
            })
            .collect();
        return print_json(&out);
    }
    if rows.is_empty() {
        crate::say!("ไม่มีกำหนดเวลาตามกฎหมายภายใน {} วันนับจาก {}", a.within, format_long(as_of));
        return Ok(());
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|d| {
            vec![
                crate::domain::thai::date::format_short(d.due),
                (d.due - as_of).num_days().to_string(),
                d.kind.to_string(),
                d.contract_no.clone(),
                d.person.clone(),
                d.detail.clone(),
                d.action.to_string(),
            ]
        })
        .collect();
    use Align::*;
    crate::cli::output::emit(&table(
        &["วันที่", "อีก (วัน)", "เรื่อง", "สัญญา", "ลูกหนี้", "รายละเอียด", "สิ่งที่ต้องทำ"],
        &[Left, Right, Left, Left, Left, Left, Left],
        &cells,
    ));
    Ok(())
}

/// The live termination of a contract, or a Thai refusal naming it.
fn live(
    conn: &rusqlite::Connection,
    contract_no: &str,
) -> crate::store::Result<terminations::Termination> {
    let loan = loans::by_contract(conn, contract_no)?;
    terminations::live_of_loan(conn, loan.id)?
        .ok_or_else(|| StoreError::refused(format!("สัญญา {contract_no} ไม่มีรายการบอกเลิกสัญญา")))
}

pub fn terminate(data_dir: Option<&Path>, command: &TerminateCommand) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    match command {
        TerminateCommand::Prepare { loan, date, delivered, out, who } => {
            let notice_on = date_or_today("--date", date)?;
            let delivered = match delivered {
                Some(d) => Some(parse_date("--delivered", d)?),
                None => None,
            };
            let actor = sign_in(&store, who)?;
            let (t, issued) = store.write(|tx| {
                let l = loans::by_contract(tx, loan)?;
                let t = terminations::prepare(tx, &actor, l.id, notice_on, delivered)?;
                let req = Request {
                    kind: Kind::Termination,
                    as_of: notice_on,
                    pay_within_days: u64::from(t.notice_days),
                };
                let issued = issue::issue(tx, &actor, &req, l.id)?;
                if let Some(first) = issued.letters.first() {
                    terminations::attach_letter(tx, t.id, first.id)?;
                }
                // Written inside the transaction: a file that cannot be written registers nothing.
                write_file(out, &issued.pdf)?;
                Ok((t, issued))
            })?;
            print_issued(&issued.letters, false)?;
            crate::say!(
                "จัดทำบอกเลิกสัญญา {} แล้ว ลูกหนี้ต้องชำระภายใน {} หลังจากนั้นเสนออนุมัติได้: {}",
                t.contract_no,
                format_long(t.deadline_on),
                out.display()
            );
        }
        TerminateCommand::Delivered { loan, date, who } => {
            let on = parse_date("--date", date)?;
            let actor = sign_in(&store, who)?;
            let t = store.write(|tx| {
                let t = live(tx, loan)?;
                terminations::record_delivery(tx, &actor, t.id, on)
            })?;
            crate::say!("บันทึกวันที่ได้รับหนังสือแล้ว กำหนดชำระตามหนังสือ {}", format_long(t.deadline_on));
        }
        TerminateCommand::Approve { loan, resolution, date, who } => {
            let on = date_or_today("--date", date)?;
            let actor = sign_in(&store, who)?;
            let (st, warning) = auto::write_after(&store, Event::BeforeApproval, |tx| {
                let t = live(tx, loan)?;
                terminations::approve(tx, &actor, t.id, resolution, on)
            })?;
            if let Some(w) = warning {
                eprintln!("คำเตือน: {w}");
            }
            crate::say!(
                "บอกเลิกสัญญา {loan} แล้ว ณ {}: เงินต้นถึงกำหนดทั้งหมด {} บาท ดอกเบี้ย {} บาท ดอกเบี้ยผิดนัด {} บาท ยอดปิดบัญชี {} บาท",
                format_long(on),
                st.outstanding_principal,
                st.interest_due,
                st.default_interest,
                st.payoff
            );
        }
        TerminateCommand::Undo { loan, reason, resolution, who } => {
            let actor = sign_in(&store, who)?;
            store.write(|tx| {
                let t = live(tx, loan)?;
                terminations::undo(tx, &actor, t.id, reason, resolution)
            })?;
            crate::say!("ยกเลิกการบอกเลิกสัญญา {loan} แล้ว ตารางผ่อนกลับเป็นตามสัญญา");
        }
    }
    Ok(())
}
