//! `plodnee import FILE [--sheet S] [--mapping M.json] [--dry-run] [--json]`: an office's existing
//! books in one transaction (a dry run reports the same without writing), the workbook written
//! back with a status column; `plodnee import undo BATCH`; `plodnee import template FILE.xlsx`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::Serialize;

use super::approve::{UserArgs, sign_in};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::backup_due::Event;
use crate::domain::import::Mapping;
use crate::import::pipeline::{self, MappingSource};
use crate::import::{write_status, write_template};
use crate::store::backup::auto;
use crate::store::import::{self as store_import, Options, Report};
use crate::store::users::Actor;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub action: Option<ImportAction>,
    /// แฟ้ม .xlsx .xls .ods หรือ .csv
    pub file: Option<PathBuf>,
    /// ชื่อแผ่นงาน (ค่าเริ่มต้น: แผ่นแรก)
    #[arg(long)]
    pub sheet: Option<String>,
    /// การจับคู่คอลัมน์ (JSON: header_row, columns, date_orders)
    #[arg(long, value_name = "M.json")]
    pub mapping: Option<PathBuf>,
    /// ตรวจสอบอย่างเดียว ไม่บันทึก
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
    /// วันที่ยกยอด: ยอดในแฟ้มเป็นยอด ณ วันนี้ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub cut_over: Option<String>,
    /// อักษรย่อกองทุนของแถวที่ไม่ระบุกองทุน
    #[arg(long)]
    pub fund: Option<String>,
    /// แฟ้มผลการนำเข้า (.xlsx) ค่าเริ่มต้น: FILE-ผลการนำเข้า.xlsx ข้างแฟ้มเดิม
    #[arg(long, value_name = "F.xlsx")]
    pub status_out: Option<PathBuf>,
    /// ชื่อผู้ใช้ (เหรัญญิกหรือกรรมการ) ต้องระบุเมื่อบันทึกจริง
    #[arg(long)]
    pub user: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ImportAction {
    /// ยกเลิกชุดนำเข้าทั้งชุด (ได้เมื่อยังไม่มีการบันทึกงานบนข้อมูลชุดนั้น)
    Undo {
        batch: i64,
        #[command(flatten)]
        who: UserArgs,
    },
    /// สร้างแม่แบบ .xlsx สำหรับกรอกข้อมูล
    Template { file: PathBuf },
}

#[derive(Serialize)]
struct JsonReport<'a> {
    dry_run: bool,
    mapping: &'a Mapping,
    status_file: String,
    /// The verified backup taken just before a real import (none on a dry run).
    backup: Option<String>,
    #[serde(flatten)]
    report: &'a Report,
}

fn status_path(file: &Path) -> PathBuf {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("import");
    file.with_file_name(format!("{stem}-ผลการนำเข้า.xlsx"))
}

pub fn run(data_dir: Option<&Path>, a: &ImportArgs) -> CliResult {
    match &a.action {
        Some(ImportAction::Template { file }) => {
            write_template(file).map_err(Failure::new)?;
            println!("บันทึกแม่แบบ {} แล้ว", file.display());
            return Ok(());
        }
        Some(ImportAction::Undo { batch, who }) => {
            let (store, _) = open_store(data_dir)?;
            let actor = sign_in(&store, who)?;
            let n = store.with(|c| store_import::undo(c, &actor, *batch))?;
            println!("ยกเลิกชุดนำเข้าที่ {batch} แล้ว ลบ {n} รายการ");
            return Ok(());
        }
        None => {}
    }
    let Some(file) = &a.file else {
        return Err(Failure::arg("FILE", "กรุณาระบุแฟ้มที่จะนำเข้า"));
    };
    let (store, _) = open_store(data_dir)?;
    let cut_over = match &a.cut_over {
        Some(d) => parse_date("--cut-over", d)?,
        None => clock::today(),
    };
    let given = match &a.mapping {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| Failure::arg("--mapping", e))?;
            Some(serde_json::from_str::<Mapping>(&text).map_err(|e| Failure::arg("--mapping", e))?)
        }
        None => None,
    };
    let actor = match (&a.user, a.dry_run) {
        (Some(user), _) => sign_in(&store, &UserArgs { user: user.clone() })?,
        (None, true) => Actor::system(),
        (None, false) => {
            return Err(Failure::arg("--user", "ต้องระบุผู้ใช้เมื่อบันทึกจริง (หรือใช้ --dry-run)"));
        }
    };
    let prepared =
        pipeline::prepare(&store, file, a.sheet.as_deref(), given).map_err(Failure::new)?;
    let opts = Options {
        file_name: file.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string(),
        sheet: prepared.book.sheet.clone(),
        signature: prepared.signature.clone(),
        cut_over,
        fund: a.fund.clone(),
        area: None,
    };
    let mut progress = |done: usize, total: usize| {
        if !a.json && total > 1000 {
            eprint!("\rนำเข้า {done}/{total} แถว");
        }
        true
    };
    // A real import writes only after a verified backup (issue 15 §2): restoring it undoes the
    // batch even once payments were recorded on it.
    let (report, backup) = if a.dry_run {
        let r = store
            .with(|c| store_import::run(c, &actor, &prepared.sheet, &opts, true, &mut progress))?;
        (r, None)
    } else {
        let (r, outcome) = auto::before(&store, Event::BeforeImport, |c| {
            store_import::run(c, &actor, &prepared.sheet, &opts, false, &mut progress)
        })?;
        if let Some(w) = outcome.warning(Event::BeforeImport) {
            eprintln!("{w}");
        }
        (r, outcome.copy().map(Path::to_path_buf))
    };
    if !a.dry_run {
        store
            .with(|c| store_import::remember_mapping(c, &prepared.signature, &prepared.mapping))?;
    }
    let out = a.status_out.clone().unwrap_or_else(|| status_path(file));
    write_status(
        &out,
        &prepared.book.sheet,
        &prepared.book.rows,
        prepared.sheet.header_row,
        &report.rows,
    )
    .map_err(Failure::new)?;
    if a.json {
        return super::output::print_json(&JsonReport {
            dry_run: a.dry_run,
            mapping: &prepared.mapping,
            status_file: out.display().to_string(),
            backup: backup.as_ref().map(|p| p.display().to_string()),
            report: &report,
        });
    }
    let source = match prepared.source {
        MappingSource::Given => "ตามแฟ้มที่ระบุ",
        MappingSource::Remembered => "ตามที่เคยยืนยันไว้สำหรับแฟ้มรูปแบบนี้",
        MappingSource::Guessed => "เดาจากหัวตาราง",
    };
    println!("การจับคู่คอลัมน์ ({source}):");
    for (field, header) in &prepared.mapping.columns {
        println!("  {field} ← \"{header}\"");
    }
    for p in &report.column_problems {
        println!("หมายเหตุ: {p}");
    }
    for r in report.refusals() {
        println!("{r}");
    }
    let head = if a.dry_run {
        "ตรวจสอบแล้ว (ยังไม่บันทึก)"
    } else {
        "นำเข้าแล้ว"
    };
    println!(
        "{head}: นำเข้า {} แถว มีอยู่แล้ว {} แถว ไม่รับ {} แถว ข้าม {} แถว (สมาชิกใหม่ {} ครัวเรือนใหม่ {} สัญญาใหม่ {})",
        report.imported,
        report.already,
        report.refused,
        report.skipped,
        report.members_created,
        report.households_created,
        report.loans_created
    );
    if let Some(id) = report.batch_id {
        println!("ชุดนำเข้าที่ {id} (ยกเลิกได้ด้วย plodnee import undo {id})");
    }
    if let Some(b) = &backup {
        println!("สำรองข้อมูลก่อนนำเข้าแล้ว (ตรวจสอบผ่าน): {}", b.display());
    }
    println!("ผลรายแถว: {}", out.display());
    Ok(())
}
