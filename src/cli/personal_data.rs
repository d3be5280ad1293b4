//! `plodnee privacy anonymise` (members whose loans all closed more than the retention period
//! ago: listed with --dry-run, anonymised with the committee's resolution), committee only, as in
//! the window. One transaction for the whole approval; `plodnee check` passes after.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::approve::{UserArgs, sign_in};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::thai::date::format_short;
use crate::store::privacy::anonymise::{self, Candidate};

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// ลบข้อมูลระบุตัวตนของสมาชิกที่ทุกสัญญาปิดนานเกินระยะเวลาเก็บรักษา (ค่าเริ่มต้น 10 ปี) ยอดเงินยังอยู่
    Anonymise(AnonymiseArgs),
    /// สำเนาข้อมูลทั้งหมดที่เก็บเกี่ยวกับสมาชิกหนึ่งคน (คำขอของเจ้าของข้อมูล) เป็น PDF และ/หรือ JSON
    Access(AccessArgs),
}

#[derive(Debug, Args)]
pub struct AccessArgs {
    /// รหัสสมาชิก
    pub person: i64,
    /// ไฟล์ PDF ที่จะบันทึก
    #[arg(long, required_unless_present = "json")]
    pub pdf: Option<PathBuf>,
    /// ไฟล์ JSON ที่จะบันทึก
    #[arg(long)]
    pub json: Option<PathBuf>,
    #[command(flatten)]
    pub who: UserArgs,
}

#[derive(Debug, Args)]
pub struct AnonymiseArgs {
    /// วันที่ที่ใช้พิจารณา (ค.ศ. หรือ พ.ศ.) ไม่หลังวันนี้ เว้นแต่ --dry-run
    #[arg(long)]
    pub as_of: String,
    /// แสดงรายชื่อเท่านั้น ไม่เปลี่ยนข้อมูล
    #[arg(long)]
    pub dry_run: bool,
    /// มติที่ประชุมคณะกรรมการที่อนุมัติ เช่น "มติที่ประชุมครั้งที่ 3/2569" (จำเป็นเมื่อไม่ใช่ --dry-run)
    #[arg(long, required_unless_present = "dry_run")]
    pub resolution: Option<String>,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub who: UserArgs,
}

pub fn run(data_dir: Option<&Path>, command: &PrivacyCommand) -> CliResult {
    match command {
        PrivacyCommand::Anonymise(a) => run_anonymise(data_dir, a),
        PrivacyCommand::Access(a) => run_access(data_dir, a),
    }
}

fn run_anonymise(data_dir: Option<&Path>, a: &AnonymiseArgs) -> CliResult {
    let as_of = parse_date("--as-of", &a.as_of)?;
    if !a.dry_run && as_of > clock::today() {
        return Err(Failure::arg("--as-of", "วันที่ในอนาคตใช้ได้เฉพาะกับ --dry-run"));
    }
    let resolution = match (&a.resolution, a.dry_run) {
        (Some(r), false) => {
            Some(anonymise::check_resolution(r).map_err(|e| Failure::arg("--resolution", e))?)
        }
        _ => None,
    };
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    actor.require(crate::domain::role::Permission::ManagePersonalData)?;
    let (years, found) =
        store.with(|c| Ok((anonymise::retention_years(c)?, anonymise::candidates(c, as_of)?)))?;
    let done = match resolution {
        Some(r) if !found.is_empty() => {
            let ids: Vec<i64> = found.iter().map(|c| c.person_id).collect();
            store.write(|tx| anonymise::anonymise(tx, &actor, as_of, r, &ids))?
        }
        _ => 0,
    };
    if a.json {
        let out = serde_json::json!({
            "as_of": as_of.to_string(),
            "retention_years": years,
            "dry_run": a.dry_run,
            "candidates": found,
            "anonymised": done,
        });
        println!("{}", serde_json::to_string_pretty(&out).expect("json"));
        return Ok(());
    }
    if found.is_empty() {
        println!("ไม่มีสมาชิกที่พ้นระยะเวลาเก็บรักษา {years} ปี ณ วันที่ {}", format_short(as_of));
        return Ok(());
    }
    for c in &found {
        print_candidate(c);
    }
    if a.dry_run {
        println!("พบ {} คน (ยังไม่ได้ลบข้อมูล: --dry-run)", found.len());
    } else {
        println!("ลบข้อมูลระบุตัวตนของสมาชิก {done} คนแล้ว ยอดเงินและสัญญายังอยู่ (บันทึกในบันทึกการใช้งาน)");
    }
    Ok(())
}

fn print_candidate(c: &Candidate) {
    println!(
        "{}\t{}\t{}\t{} สัญญา\tปิดล่าสุด {}",
        c.person_id,
        c.name,
        c.masked_id,
        c.loans,
        format_short(c.last_closed)
    );
}

fn run_access(data_dir: Option<&Path>, a: &AccessArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    // Made in a transaction: the copy is logged in the audit chain as it is made.
    let copy =
        store.write(|tx| crate::store::privacy::subject_access::copy(tx, &actor, a.person))?;
    let save = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes)
            .map_err(|e| Failure::new(format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display())))
    };
    if let Some(path) = &a.json {
        save(path, serde_json::to_string_pretty(&copy).expect("json").as_bytes())?;
        println!("บันทึกไฟล์ JSON ที่ {}", path.display());
    }
    if let Some(path) = &a.pdf {
        let institute =
            store.with(|c| crate::store::institute::get(c))?.map(|i| i.name).unwrap_or_default();
        let pdf = crate::document::kinds::subject_access::write(&institute, &copy, clock::today())
            .map_err(Failure::new)?;
        save(path, &pdf)?;
        println!("บันทึกไฟล์ PDF ที่ {}", path.display());
    }
    println!(
        "สำเนาข้อมูลทั้งหมดของ {} ({} รายการจาก {} ตาราง)",
        copy.name,
        copy.row_count(),
        copy.tables.len()
    );
    Ok(())
}
