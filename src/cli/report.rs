//! `plodnee report KIND` and `plodnee export KIND`: reports as of any day and lists for Excel,
//! thin over `store::report` (the figures) and `document` (PDF, .xlsx, CSV).

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, ValueEnum};

use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::document::export;
use crate::domain::report::table::{Kind, Table};
use crate::domain::report::{GroupBy, aging, portfolio};
use crate::store::report::{self as reports, positions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// อายุหนี้และหนี้เสี่ยง PAR30/PAR90 พร้อมแนวโน้ม 12 เดือน
    Aging,
    /// แนวโน้มหนี้เสี่ยง 12 เดือน
    Trend,
    /// ภาพรวมสินเชื่อ
    Portfolio,
    /// เป้าการเก็บเงินเทียบยอดที่เก็บได้ (--month) และ 12 เดือนย้อนหลัง
    Targets,
    /// รายงานประจำสัปดาห์ของเจ้าหน้าที่หรือหัวหน้ากลุ่ม (--for --week)
    Weekly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Grouping {
    Fund,
    Village,
    Officer,
}

impl From<Grouping> for GroupBy {
    fn from(g: Grouping) -> GroupBy {
        match g {
            Grouping::Fund => GroupBy::Fund,
            Grouping::Village => GroupBy::Village,
            Grouping::Officer => GroupBy::Officer,
        }
    }
}

#[derive(Debug, Args)]
pub struct Outputs {
    /// บันทึกเป็น PDF
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// บันทึกเป็น Excel (.xlsx)
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// บันทึกเป็น CSV (UTF-8)
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    pub kind: ReportKind,
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้) เช่น 31/12/2568
    #[arg(long)]
    pub as_of: Option<String>,
    /// จัดกลุ่มตาม
    #[arg(long, value_enum, default_value_t = Grouping::Fund)]
    pub by: Grouping,
    /// เดือนของรายงานเป้าการเก็บ เช่น 2568-11 (ค่าเริ่มต้น: เดือนนี้)
    #[arg(long)]
    pub month: Option<String>,
    /// รายงานประจำสัปดาห์ของผู้ใช้ (ชื่อผู้ใช้) หรือหัวหน้ากลุ่ม (leader:เลขที่สมาชิก)
    #[arg(long = "for", value_name = "USER")]
    pub for_whom: Option<String>,
    /// วันใดก็ได้ในสัปดาห์ของรายงานประจำสัปดาห์ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub week: Option<String>,
    #[command(flatten)]
    pub out: Outputs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// สัญญาเงินกู้ทั้งหมด
    Loans,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub kind: ExportKind,
    /// บันทึกเป็น Excel (.xlsx)
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    /// บันทึกเป็น CSV (UTF-8)
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
}

fn save(path: &Path, bytes: &[u8], what: &str) -> CliResult {
    super::letter::write_file(path, bytes)?;
    eprintln!("{what}: {}", path.display());
    Ok(())
}

fn export_failed(e: export::ExportError) -> Failure {
    Failure::new(e)
}

/// Writes the tables where asked; prints the first as text when nothing else was asked.
fn deliver(dir: Option<&Path>, tables: &[&Table], out: &Outputs) -> CliResult {
    let (store, _) = open_store(dir)?;
    deliver_to(&store, tables, out)
}

/// [`deliver`] on a store already open (the institute's name heads the PDF).
pub fn deliver_to(store: &crate::store::Store, tables: &[&Table], out: &Outputs) -> CliResult {
    if let Some(path) = &out.pdf {
        let name =
            store.with(|c| crate::store::institute::get(c))?.map(|i| i.name).unwrap_or_default();
        let pdf = crate::document::report::write(&name, tables, clock::today())
            .map_err(|e| Failure::new(format!("สร้าง PDF ไม่ได้: {e}")))?;
        save(path, &pdf, "PDF")?;
    }
    if let Some(path) = &out.xlsx {
        save(path, &export::xlsx::write(tables).map_err(export_failed)?, "Excel")?;
    }
    if let Some(path) = &out.csv {
        let Some(first) = tables.first() else { return Ok(()) };
        save(path, &export::csv::write(first).map_err(export_failed)?, "CSV")?;
    }
    if out.json {
        return print_json(&tables);
    }
    if out.pdf.is_none() && out.xlsx.is_none() && out.csv.is_none() {
        for t in tables {
            crate::say!("{}", t.title);
            for line in &t.subtitle {
                crate::say!("{line}");
            }
            let align: Vec<Align> = t
                .columns
                .iter()
                .map(|c| if c.kind == Kind::Text { Align::Left } else { Align::Right })
                .collect();
            crate::cli::output::emit(&table(&t.headers(), &align, &t.text_rows()));
            crate::say!("");
        }
    }
    Ok(())
}

pub fn report(dir: Option<&Path>, a: &ReportArgs) -> CliResult {
    let as_of = match &a.as_of {
        Some(s) => parse_date("--as-of", s)?,
        None => clock::today(),
    };
    let by: GroupBy = a.by.into();
    let (store, _) = open_store(dir)?;
    let started = Instant::now();
    if a.kind == ReportKind::Targets {
        let month = super::targets::parse_month("--month", a.month.as_deref())?;
        let (_, tables) =
            store.with(|c| crate::store::report::targets::tables(c, month, clock::today()))?;
        eprintln!("คำนวณรายงานใน {} มิลลิวินาที", started.elapsed().as_millis());
        return deliver_to(&store, &tables.iter().collect::<Vec<_>>(), &a.out);
    }
    if a.kind == ReportKind::Weekly {
        return super::weekly::run(&store, a);
    }
    let tables: Vec<Table> = store.with(|c| {
        Ok(match a.kind {
            ReportKind::Aging => {
                let ag = reports::aging::compute(c, as_of, by)?;
                let tr = reports::aging::trend(c, as_of, 12)?;
                vec![ag.table(by), aging::trend_table(&tr)]
            }
            ReportKind::Trend => vec![aging::trend_table(&reports::aging::trend(c, as_of, 12)?)],
            ReportKind::Portfolio => {
                vec![portfolio::table(&positions::on_day(c, as_of, by)?, as_of, by)]
            }
            ReportKind::Targets | ReportKind::Weekly => Vec::new(),
        })
    })?;
    eprintln!("คำนวณรายงานใน {} มิลลิวินาที", started.elapsed().as_millis());
    let refs: Vec<&Table> = tables.iter().collect();
    deliver(dir, &refs, &a.out)
}

pub fn export(dir: Option<&Path>, a: &ExportArgs) -> CliResult {
    if a.xlsx.is_none() && a.csv.is_none() {
        return Err(Failure::arg("--xlsx", "ระบุไฟล์ที่จะบันทึก (--xlsx หรือ --csv)"));
    }
    let (store, _) = open_store(dir)?;
    let started = Instant::now();
    let t = store.with(|c| match a.kind {
        ExportKind::Loans => reports::loan_list::table(c, clock::today()),
    })?;
    let out = Outputs { pdf: None, xlsx: a.xlsx.clone(), csv: a.csv.clone(), json: false };
    deliver(dir, &[&t], &out)?;
    eprintln!("ส่งออก {} แถวใน {} มิลลิวินาที", t.rows.len(), started.elapsed().as_millis());
    Ok(())
}
