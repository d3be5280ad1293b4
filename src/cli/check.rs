//! `plodnee check`: integrity and money reconciliation; exit code 1 with a list when anything is off.

use std::path::Path;

use clap::Args;

use super::output::print_json;
use super::{CliResult, Failure, open_store};
use crate::store::check;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long)]
    pub json: bool,
    /// SQLite's full integrity check (indexes against tables too) instead of the quick one.
    #[arg(long)]
    pub full: bool,
}

pub fn run(data_dir: Option<&Path>, args: &CheckArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let depth = if args.full { check::Depth::Full } else { check::Depth::Quick };
    let report = store.with(|conn| check::run_at(conn, depth, |_, _| {}))?;
    if args.json {
        print_json(&report)?;
    } else if report.ok() {
        crate::say!(
            "ตรวจแล้ว {} สัญญา {} รายการรับชำระ: ถูกต้องทั้งหมด",
            report.loans_checked,
            report.payments_checked
        );
    } else {
        for p in &report.problems {
            crate::say!("{}: {}", p.subject, p.problem);
        }
    }
    if report.ok() {
        Ok(())
    } else {
        Err(Failure {
            message: format!("พบปัญหา {} รายการ", report.problems.len()), code: 1
        })
    }
}
