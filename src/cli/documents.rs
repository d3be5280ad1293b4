//! `plodnee contract`, `assembly-list`, `certification`, `certificate`, and `plan agreement` /
//! `plan release-notice`: the documents of consolidation and restructuring, each numbered in the
//! letter register (or, with `--preview`, printed as ตัวอย่าง without a number being taken).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::letter::{print_issued, write_file};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::document::issue::{Document, docs, household, notices, plan_docs};
use crate::store::{Actor, Store, plan_tracking};

/// What every document command shares: its date, preview and the file to write.
#[derive(Debug, Args)]
pub struct Output {
    /// วันที่ของเอกสาร (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub date: Option<String>,
    /// ดูตัวอย่างโดยไม่ออกเลขและไม่ลงทะเบียน
    #[arg(long)]
    pub preview: bool,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    #[arg(long)]
    pub json: bool,
}

impl Output {
    fn date(&self) -> Result<NaiveDate, Failure> {
        self.date.as_deref().map_or(Ok(clock::today()), |d| parse_date("--date", d))
    }
}

#[derive(Debug, Args)]
pub struct ContractArgs {
    /// รหัสการรวมหนี้ที่อนุมัติแล้ว
    #[arg(long, required_unless_present = "loan", conflicts_with = "loan")]
    pub consolidation: Option<i64>,
    /// เลขที่สัญญารวมหนี้ (เช่น รวม.1/2568) หรือเลขที่สัญญาย่อยของกองทุน
    #[arg(long)]
    pub loan: Option<String>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct AssemblyArgs {
    /// เฉพาะหมู่ที่ (ไม่ระบุ: ทุกหมู่บ้าน)
    #[arg(long)]
    pub village: Option<u8>,
    /// ข้อมูล ณ วันที่
    #[arg(long)]
    pub as_of: String,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct CertificationArgs {
    /// รหัสสมาชิก
    #[arg(long)]
    pub member: i64,
    /// ยอดหนี้ ณ วันที่
    #[arg(long)]
    pub as_of: String,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct CertificateArgs {
    /// เลขที่สัญญาที่ชำระเสร็จสิ้นแล้ว
    #[arg(long)]
    pub loan: String,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// รหัสแผนปรับโครงสร้างหนี้ที่อนุมัติแล้ว
    #[arg(long)]
    pub plan: i64,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct ReleaseNoticeArgs {
    /// รหัสแผนปรับโครงสร้างหนี้ที่อนุมัติแล้ว
    #[arg(long)]
    pub plan: i64,
    /// ครั้งที่ของการปลดหนี้ (ค่าเริ่มต้น: ครั้งล่าสุดที่ได้รับ)
    #[arg(long)]
    pub step: Option<u32>,
    #[command(flatten)]
    pub output: Output,
}

/// Gathers the document (inside the write transaction when issuing), then previews or issues it.
pub(crate) fn print<D: Document>(
    store: &Store,
    o: &Output,
    gather: impl Fn(&rusqlite::Connection, NaiveDate) -> crate::document::issue::Result<D>,
) -> CliResult {
    let date = o.date()?;
    if o.preview {
        let pdf = store.with(|c| Ok(docs::preview(c, gather(c, date)?)?))?;
        write_file(&o.out, &pdf)?;
        crate::say!("ตัวอย่าง (ยังไม่ออกเลข): {}", o.out.display());
        return Ok(());
    }
    let issued = store.write(|tx| {
        let issued = docs::issue(tx, &Actor::system(), gather(tx, date)?)?;
        // Written inside the transaction: a file that cannot be written registers nothing.
        write_file(&o.out, &issued.pdf)?;
        Ok(issued)
    })?;
    print_issued(std::slice::from_ref(&issued.letter), o.json)
}

pub fn contract(data_dir: Option<&Path>, a: &ContractArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let id = match (a.consolidation, &a.loan) {
        (Some(id), _) => id,
        (None, Some(no)) => store.with(|c| Ok(household::consolidation_of(c, no)?))?,
        (None, None) => return Err(Failure::arg("--loan", "กรุณาระบุเลขที่สัญญารวมหนี้")),
    };
    print(&store, &a.output, |c, date| household::contract(c, id, date))
}

pub fn assembly(data_dir: Option<&Path>, a: &AssemblyArgs) -> CliResult {
    let as_of = parse_date("--as-of", &a.as_of)?;
    let (store, _) = open_store(data_dir)?;
    print(&store, &a.output, |c, _| household::assembly(c, a.village, as_of))
}

pub fn certification(data_dir: Option<&Path>, a: &CertificationArgs) -> CliResult {
    let as_of = parse_date("--as-of", &a.as_of)?;
    let (store, _) = open_store(data_dir)?;
    print(&store, &a.output, |c, _| household::certification(c, a.member, as_of))
}

pub fn certificate(data_dir: Option<&Path>, a: &CertificateArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    print(&store, &a.output, |c, date| notices::clearance(c, &a.loan, date))
}

pub fn agreement(data_dir: Option<&Path>, a: &AgreementArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    print(&store, &a.output, |c, date| plan_docs::agreement(c, a.plan, date))
}

/// The plan is evaluated as of the notice's date first, so a step earned by payments just
/// recorded is in the register of releases (a preview only reads what is recorded).
pub fn release_notice(data_dir: Option<&Path>, a: &ReleaseNoticeArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    print(&store, &a.output, |c, date| {
        if !c.is_autocommit() {
            plan_tracking::evaluate(c, a.plan, date)?;
        }
        notices::release_notice(c, a.plan, date, a.step)
    })
}
