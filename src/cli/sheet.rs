//! `plodnee sheet (--leader ID | --village N) [--month M] --pdf F`: the collection sheet
//! (ใบรับชำระรายกลุ่ม) of one group leader or หมู่, with blank columns for the collection day.

use std::path::{Path, PathBuf};

use clap::Args;

use super::report::{Outputs, deliver_to};
use super::targets::parse_month;
use super::{CliResult, Failure, open_store};
use crate::store::sheets::{self, SheetFor};

#[derive(Debug, Args)]
pub struct SheetArgs {
    /// หัวหน้ากลุ่ม (เลขที่สมาชิก)
    #[arg(long)]
    pub leader: Option<i64>,
    /// หมู่ที่
    #[arg(long)]
    pub village: Option<u8>,
    /// เดือน เช่น 2568-11 (ค่าเริ่มต้น: เดือนนี้)
    #[arg(long)]
    pub month: Option<String>,
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(dir: Option<&Path>, a: &SheetArgs) -> CliResult {
    let of = match (a.leader, a.village) {
        (Some(id), None) => SheetFor::Leader(id),
        (None, Some(v)) if (1..=99).contains(&v) => SheetFor::Village(v),
        (None, Some(_)) => return Err(Failure::arg("--village", "หมู่ที่ต้องเป็นตัวเลข 1–99")),
        _ => {
            return Err(Failure::arg(
                "--leader",
                "ระบุหัวหน้ากลุ่ม (--leader) หรือหมู่ (--village) อย่างใดอย่างหนึ่ง",
            ));
        }
    };
    let month = parse_month("--month", a.month.as_deref())?;
    let (store, _) = open_store(dir)?;
    let sheet = store.with(|c| sheets::sheet(c, of, month))?;
    let t = sheets::table(&sheet);
    let out = Outputs { pdf: a.pdf.clone(), xlsx: a.xlsx.clone(), csv: None, json: a.json };
    deliver_to(&store, &[&t], &out)
}
