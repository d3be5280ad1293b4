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
use chrono::NaiveDate;

use crate::domain::report::GroupBy;
use crate::domain::report::kind::ReportKind as DomainKind;
use crate::domain::report::table::{Kind, Table};
use crate::store::report::{self as reports, Request};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// อายุหนี้และหนี้เสี่ยง PAR30/PAR90 พร้อมแนวโน้ม 12 เดือน
    Aging,
    /// แนวโน้มหนี้เสี่ยง 12 เดือน
    Trend,
    /// ภาพรวมสินเชื่อ
    Portfolio,
    /// ยอดครบกำหนดเทียบยอดรับชำระรายเดือน 12 เดือน ตามกองทุน
    DueCollected,
    /// รายชื่อลูกหนี้ตามหมู่ สำหรับการประชุมกรรมการ (เลขบัตรปิดบัง)
    Debtors,
    /// หนังสือที่ออกตามประเภทและเดือน (--from ถึง --as-of)
    Letters,
    /// รายงานผลการดำเนินงานประจำปี (--year พ.ศ. หรือ --from ถึง --as-of)
    Annual,
}

impl From<ReportKind> for DomainKind {
    fn from(k: ReportKind) -> DomainKind {
        match k {
            ReportKind::Aging => DomainKind::Aging,
            ReportKind::Trend => DomainKind::Trend,
            ReportKind::Portfolio => DomainKind::Portfolio,
            ReportKind::DueCollected => DomainKind::DueCollected,
            ReportKind::Debtors => DomainKind::Debtors,
            ReportKind::Letters => DomainKind::Letters,
            ReportKind::Annual => DomainKind::Annual,
        }
    }
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
    /// ตั้งแต่วันที่ สำหรับรายงานตามช่วงเวลา (ค่าเริ่มต้น: 1 มกราคมของปีของ --as-of)
    #[arg(long)]
    pub from: Option<String>,
    /// ปี พ.ศ. ของรายงานประจำปี เช่น 2568 (1 ม.ค. ถึง 31 ธ.ค.)
    #[arg(long)]
    pub year: Option<i32>,
    /// จัดกลุ่มตาม
    #[arg(long, value_enum, default_value_t = Grouping::Fund)]
    pub by: Grouping,
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

/// [`deliver`] on a store already open (the institute's name heads the PDF); the files are
/// `document::export::files`'s, the same the app's export buttons write.
pub fn deliver_to(store: &crate::store::Store, tables: &[&Table], out: &Outputs) -> CliResult {
    use export::files::{Format, render};
    let asked = [
        (Format::Pdf, &out.pdf, "PDF"),
        (Format::Xlsx, &out.xlsx, "Excel"),
        (Format::Csv, &out.csv, "CSV"),
    ];
    for (format, path, what) in asked {
        let Some(path) = path else { continue };
        if format == Format::Csv && tables.is_empty() {
            continue;
        }
        let name = match format {
            Format::Pdf => {
                store.with(|c| crate::store::institute::get(c))?.map(|i| i.name).unwrap_or_default()
            }
            _ => String::new(),
        };
        let bytes = render(format, &name, tables, clock::today()).map_err(export_failed)?;
        save(path, &bytes, what)?;
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

/// The request the options describe: `--year` sets the whole B.E. year, else `--from` (default
/// 1 January) to `--as-of` (default today).
fn request(a: &ReportArgs) -> Result<Request, Failure> {
    let mut as_of = match &a.as_of {
        Some(s) => parse_date("--as-of", s)?,
        None => clock::today(),
    };
    let mut r = Request::new(a.kind.into(), as_of);
    if let Some(year) = a.year {
        let ad = year - 543;
        let (Some(first), Some(last)) =
            (NaiveDate::from_ymd_opt(ad, 1, 1), NaiveDate::from_ymd_opt(ad, 12, 31))
        else {
            return Err(Failure::arg("--year", "ปี พ.ศ. ไม่ถูกต้อง"));
        };
        if !(2400..=2700).contains(&year) {
            return Err(Failure::arg("--year", "ระบุปีเป็น พ.ศ. เช่น 2568"));
        }
        as_of = last;
        r = Request { from: first, as_of, ..r };
    } else if let Some(s) = &a.from {
        r.from = parse_date("--from", s)?;
    }
    if r.from > r.as_of {
        return Err(Failure::arg("--from", "วันเริ่มต้นต้องไม่หลังวันที่รายงาน"));
    }
    r.by = a.by.into();
    Ok(r)
}

pub fn report(dir: Option<&Path>, a: &ReportArgs) -> CliResult {
    let r = request(a)?;
    let (store, _) = open_store(dir)?;
    let started = Instant::now();
    let tables: Vec<Table> = store.with(|c| reports::tables(c, &r))?;
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
