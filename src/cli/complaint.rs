//! `plodnee complaint add|step …` registers a complaint and records its steps; `plodnee
//! complaints [--open] [--json]` lists them (complainants masked) and `plodnee complaints report`
//! gives ISO 10002's analysis.

use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::approve::{UserArgs, sign_in};
use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::complaints::{Category, Channel, Satisfaction, Severity, Step};
use crate::domain::thai::date::format_short;
use crate::store::complaints::{self, Complainant, NewComplaint, StepInput};
use crate::store::{loans, users};

#[derive(Debug, Subcommand)]
pub enum ComplaintCommand {
    /// รับเรื่องร้องเรียน (ได้เลขที่ของปี พ.ศ. เช่น 1/2569)
    Add(AddArgs),
    /// บันทึกขั้นตอนของเรื่องร้องเรียน
    Step(StepArgs),
    /// หนังสือถึงผู้ร้องเรียน (ลงทะเบียนหนังสือส่ง): acknowledgment | response | closure
    Letter(LetterArgs),
    /// แก้ไขยอดตามผลเรื่องร้องเรียน: ยกเลิกใบเสร็จที่บันทึกผิด หรือเสนอตัดยอดเศษสตางค์ (รออนุมัติ)
    Correct(CorrectArgs),
    /// แนบเอกสารหรือรูปถ่าย (ไม่เกิน 10 MB) กับเรื่องร้องเรียน หรือถอนเอกสารที่แนบผิด (--withdraw)
    Attach(super::complaint_attach::AttachArgs),
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// เลขที่เรื่องร้องเรียน เช่น 1/2569
    pub number: String,
    /// เลขที่ใบเสร็จที่บันทึกผิด (ยกเลิกใบเสร็จ ต้องมีสิทธิ์เหรัญญิก)
    #[arg(long, conflicts_with = "write_off")]
    pub reverse_receipt: Option<String>,
    /// เหตุผลของการยกเลิกใบเสร็จ
    #[arg(long, default_value = "")]
    pub reason: String,
    /// เลขที่สัญญาที่เสนอตัดยอดเศษสตางค์ (เข้ารายการรออนุมัติ)
    #[arg(long)]
    pub write_off: Option<String>,
    /// วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub on: Option<String>,
    #[command(flatten)]
    pub who: UserArgs,
}

#[derive(Debug, Args)]
pub struct LetterArgs {
    /// เลขที่เรื่องร้องเรียน เช่น 1/2569
    pub number: String,
    /// acknowledgment | response | closure
    pub which: String,
    #[command(flatten)]
    pub output: super::documents::Output,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// รหัสสมาชิกผู้ร้องเรียน
    #[arg(long)]
    pub member: Option<i64>,
    /// ชื่อผู้ร้องเรียนที่ไม่ใช่สมาชิก
    #[arg(long)]
    pub name: Option<String>,
    /// ที่อยู่ของผู้ร้องเรียนที่ไม่ใช่สมาชิก (สำหรับหนังสือตอบรับ)
    #[arg(long, default_value = "")]
    pub address: String,
    /// ไม่ประสงค์ออกนาม
    #[arg(long)]
    pub anonymous: bool,
    /// เลขที่สัญญาที่เกี่ยวข้อง (ระบุได้หลายครั้ง)
    #[arg(long)]
    pub loan: Vec<String>,
    /// disputed-amount | conduct | data | service | other
    #[arg(long)]
    pub category: String,
    /// walk-in | phone | letter | line | box | referred
    #[arg(long, default_value = "walk-in")]
    pub channel: String,
    /// วันที่รับเรื่อง
    #[arg(long)]
    pub received: String,
    /// เรื่องที่ร้องเรียน
    #[arg(long)]
    pub text: String,
    /// สิ่งที่ผู้ร้องเรียนขอ
    #[arg(long, default_value = "")]
    pub request: String,
    /// ชื่อผู้ใช้ของเจ้าหน้าที่ที่ถูกร้องเรียน
    #[arg(long)]
    pub about: Option<String>,
    #[command(flatten)]
    pub who: UserArgs,
}

#[derive(Debug, Args)]
pub struct StepArgs {
    /// เลขที่เรื่องร้องเรียน เช่น 1/2569
    pub number: String,
    /// acknowledge | assess | investigate | respond | close | reopen
    pub step: String,
    /// วันที่ของขั้นตอน (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub on: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// assess: ชื่อผู้ใช้ของผู้รับผิดชอบ
    #[arg(long)]
    pub handler: Option<String>,
    /// assess: low | medium | high
    #[arg(long)]
    pub severity: Option<String>,
    /// respond: ผลการพิจารณา
    #[arg(long, default_value = "")]
    pub finding: String,
    /// respond: การแก้ไขเยียวยา
    #[arg(long, default_value = "")]
    pub remedy: String,
    /// respond (โต้แย้งยอดหนี้): confirmed | corrected
    #[arg(long)]
    pub amount: Option<String>,
    /// close: satisfied | partly | unsatisfied | unknown
    #[arg(long)]
    pub satisfaction: Option<String>,
    /// close: บทเรียนที่ได้
    #[arg(long, default_value = "")]
    pub lesson: String,
    #[command(flatten)]
    pub who: UserArgs,
}

#[derive(Debug, Args)]
pub struct ComplaintsArgs {
    #[command(subcommand)]
    pub report: Option<ReportCommand>,
    /// เฉพาะเรื่องที่ยังไม่ปิด
    #[arg(long)]
    pub open: bool,
    #[arg(long)]
    pub json: bool,
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// รายงานเรื่องร้องเรียน: ตามประเภทและเดือน ระยะเวลาแต่ละขั้น ร้อยละที่ปิดได้ตามกำหนด ผู้ร้องซ้ำ บทเรียน
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// ตั้งแต่วันที่รับเรื่อง (ค่าเริ่มต้น: 1 ม.ค. ของปีนี้)
    #[arg(long)]
    pub from: Option<String>,
    /// ถึงวันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub to: Option<String>,
    /// บันทึกเป็น PDF
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<std::path::PathBuf>,
    /// บันทึกเป็น Excel (.xlsx)
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<std::path::PathBuf>,
    /// บันทึกเป็น CSV (UTF-8): ตารางแรก เรื่องร้องเรียนตามประเภทและเดือน
    #[arg(long, value_name = "FILE")]
    pub csv: Option<std::path::PathBuf>,
    #[arg(long)]
    pub json: bool,
}

fn user_id(store: &crate::store::Store, option: &str, username: &str) -> Result<i64, Failure> {
    store
        .with(|c| users::find_by_username(c, username))?
        .map(|u| u.id)
        .ok_or_else(|| Failure::arg(option, format!("ไม่พบผู้ใช้ {username}")))
}

pub fn run(data_dir: Option<&Path>, c: &ComplaintCommand) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    match c {
        ComplaintCommand::Add(a) => {
            let category = Category::from_code(&a.category).ok_or_else(|| {
                Failure::arg(
                    "--category",
                    "ต้องเป็น disputed-amount, conduct, data, service หรือ other",
                )
            })?;
            let channel = Channel::from_code(&a.channel).ok_or_else(|| {
                Failure::arg("--channel", "ต้องเป็น walk-in, phone, letter, line, box หรือ referred")
            })?;
            let received = parse_date("--received", &a.received)?;
            let complainant = match (a.anonymous, a.member, &a.name) {
                (true, None, None) => Complainant::Anonymous,
                (false, Some(id), None) => Complainant::Member(id),
                (false, None, Some(name)) => Complainant::Other {
                    name: name.clone(),
                    address: a.address.clone(),
                    phone: String::new(),
                },
                _ => {
                    return Err(Failure::arg(
                        "--member",
                        "ระบุผู้ร้องเรียนอย่างใดอย่างหนึ่ง: --member, --name หรือ --anonymous",
                    ));
                }
            };
            let about = a.about.as_deref().map(|u| user_id(&store, "--about", u)).transpose()?;
            let actor = sign_in(&store, &a.who)?;
            let mut loan_ids = Vec::new();
            for no in &a.loan {
                loan_ids.push(store.with(|c| loans::by_contract(c, no))?.id);
            }
            let new = NewComplaint {
                received_on: received,
                channel,
                category,
                complainant,
                detail: a.text.clone(),
                request: a.request.clone(),
                loan_ids,
                about_user_id: about,
            };
            let r = store.write(|tx| complaints::register(tx, &actor, &new))?;
            crate::say!("รับเรื่องร้องเรียนเลขที่ {} แล้ว ({})", r.number, category.thai());
            if category.holds_collection() {
                crate::say!("พักการติดตามสัญญา {} จนกว่าจะปิดเรื่อง", a.loan.join(", "));
            }
        }
        ComplaintCommand::Step(a) => {
            let step =
                Step::from_code(&a.step).filter(|s| *s != Step::Receive).ok_or_else(|| {
                    Failure::arg(
                        "step",
                        "ต้องเป็น acknowledge, assess, investigate, respond, close หรือ reopen",
                    )
                })?;
            let on = match &a.on {
                Some(d) => parse_date("--on", d)?,
                None => clock::today(),
            };
            let severity = a
                .severity
                .as_deref()
                .map(|s| {
                    Severity::from_code(s)
                        .ok_or_else(|| Failure::arg("--severity", "ต้องเป็น low, medium หรือ high"))
                })
                .transpose()?;
            let satisfaction = a
                .satisfaction
                .as_deref()
                .map(|s| {
                    Satisfaction::from_code(s).ok_or_else(|| {
                        Failure::arg(
                            "--satisfaction",
                            "ต้องเป็น satisfied, partly, unsatisfied หรือ unknown",
                        )
                    })
                })
                .transpose()?;
            let amount_confirmed = match a.amount.as_deref() {
                None => None,
                Some("confirmed") => Some(true),
                Some("corrected") => Some(false),
                Some(_) => return Err(Failure::arg("--amount", "ต้องเป็น confirmed หรือ corrected")),
            };
            let handler_id =
                a.handler.as_deref().map(|u| user_id(&store, "--handler", u)).transpose()?;
            let actor = sign_in(&store, &a.who)?;
            let id = store.with(|c| complaints::by_number(c, &a.number))?;
            let input = StepInput {
                note: a.note.clone(),
                handler_id,
                severity,
                finding: a.finding.clone(),
                remedy: a.remedy.clone(),
                amount_confirmed,
                satisfaction,
                lesson: a.lesson.clone(),
            };
            store.write(|tx| complaints::step(tx, &actor, id, step, on, &input))?;
            crate::say!("เรื่องร้องเรียนเลขที่ {}: {} แล้ว", a.number.trim(), step.action());
        }
        ComplaintCommand::Letter(a) => {
            use crate::document::issue::complaint_docs::{self, Which};
            let which = Which::from_code(&a.which).ok_or_else(|| {
                Failure::arg("which", "ต้องเป็น acknowledgment, response หรือ closure")
            })?;
            let id = store.with(|c| complaints::by_number(c, &a.number))?;
            super::documents::print(&store, &a.output, |c, date| {
                complaint_docs::letter(c, id, which, date)
            })?;
        }
        ComplaintCommand::Correct(a) => correct(&store, a)?,
        ComplaintCommand::Attach(a) => super::complaint_attach::run(&store, a)?,
    }
    Ok(())
}

fn correct(store: &crate::store::Store, a: &CorrectArgs) -> CliResult {
    let on = match &a.on {
        Some(d) => parse_date("--on", d)?,
        None => clock::today(),
    };
    let id = store.with(|c| complaints::by_number(c, &a.number))?;
    match (&a.reverse_receipt, &a.write_off) {
        (Some(receipt), None) => {
            if a.reason.trim().is_empty() {
                return Err(Failure::arg("--reason", "กรุณาระบุเหตุผลของการยกเลิกใบเสร็จ"));
            }
            let actor = sign_in(store, &a.who)?;
            let receipt = receipt.trim();
            store.write(|tx| {
                let lines = crate::store::ledger::by_receipt(tx, receipt)?;
                let Some(first) = lines.first() else {
                    return Err(crate::store::StoreError::not_found(format!("ใบเสร็จ {receipt}")));
                };
                complaints::correct_by_reversal(tx, &actor, id, first.id, &a.reason)
            })?;
            crate::say!("เรื่องร้องเรียนเลขที่ {}: ยกเลิกใบเสร็จ {receipt} แล้ว", a.number.trim());
        }
        (None, Some(contract)) => {
            let actor = sign_in(store, &a.who)?;
            let loan = store.with(|c| loans::by_contract(c, contract.trim()))?;
            store.write(|tx| complaints::correct_by_write_off(tx, &actor, id, loan.id, on))?;
            crate::say!(
                "เรื่องร้องเรียนเลขที่ {}: เสนอตัดยอดเศษสตางค์สัญญา {} แล้ว รออนุมัติ",
                a.number.trim(),
                contract.trim()
            );
        }
        _ => {
            return Err(Failure::arg(
                "--reverse-receipt",
                "ระบุอย่างใดอย่างหนึ่ง: --reverse-receipt หรือ --write-off",
            ));
        }
    }
    Ok(())
}

pub fn list(data_dir: Option<&Path>, a: &ComplaintsArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let today = match &a.as_of {
        Some(d) => parse_date("--as-of", d)?,
        None => clock::today(),
    };
    if let Some(ReportCommand::Report(r)) = &a.report {
        return report(&store, r, today);
    }
    let rows = store.with(|c| complaints::list(c, a.open, today))?;
    if a.json {
        return print_json(&rows);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.number.clone(),
                format_short(r.received_on),
                r.category.thai().into(),
                r.complainant.clone(),
                r.state.clone(),
                match (&r.due_step, r.due_on) {
                    (Some(s), Some(d)) => {
                        format!(
                            "{s} ภายใน {}{}",
                            format_short(d),
                            if r.overdue { " (เกินกำหนด)" } else { "" }
                        )
                    }
                    _ => "-".into(),
                },
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &["เลขที่", "รับเรื่อง", "ประเภท", "ผู้ร้องเรียน", "สถานะ", "ขั้นต่อไป"],
            &[Align::Left; 6],
            &cells
        )
    );
    Ok(())
}

fn report(store: &crate::store::Store, a: &ReportArgs, today: NaiveDate) -> CliResult {
    use chrono::Datelike;
    let from = match &a.from {
        Some(d) => parse_date("--from", d)?,
        None => NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
    };
    let to = match &a.to {
        Some(d) => parse_date("--to", d)?,
        None => today,
    };
    let r = store.with(|c| complaints::report(c, from, to, today))?;
    if a.pdf.is_some() || a.xlsx.is_some() || a.csv.is_some() {
        let tables = r.tables();
        let refs: Vec<&crate::domain::report::table::Table> = tables.iter().collect();
        let out = super::report::Outputs {
            pdf: a.pdf.clone(),
            xlsx: a.xlsx.clone(),
            csv: a.csv.clone(),
            json: false,
        };
        super::report::deliver_to(store, &refs, &out)?;
    }
    if a.json {
        return print_json(&r);
    }
    crate::say!(
        "เรื่องร้องเรียน {} ถึง {}: {} เรื่อง ยังไม่ปิด {} เกินกำหนด {}",
        format_short(from),
        format_short(to),
        r.total,
        r.open,
        r.overdue
    );
    crate::say!(
        "ปิดแล้ว {} เรื่อง ปิดได้ตามกำหนด {} เรื่อง (ร้อยละ {} เป้าหมายร้อยละ {})",
        r.closed,
        r.closed_within_target,
        r.within_target_percent.as_deref().unwrap_or("-"),
        r.target_percent
    );
    for s in &r.steps {
        crate::say!(
            "{}: {} เรื่อง เฉลี่ย {} วันทำการ (กำหนด {} วัน) เกินกำหนด {}",
            s.step,
            s.reached,
            s.mean_working_days.as_deref().unwrap_or("-"),
            s.target_days,
            s.late
        );
    }
    Ok(())
}
