//! `plodnee demo`: fills an empty database with a realistic institute.

use std::path::Path;
use std::time::Instant;

use clap::Args;

use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::demo::{self, Options, Progress};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// จำนวนครัวเรือน
    #[arg(long, default_value = "300")]
    pub households: String,
    /// เลขตั้งต้นของการสุ่ม: seed เดียวกันและวันที่เดียวกัน ได้ข้อมูลเดียวกัน
    #[arg(long, default_value = "2568")]
    pub seed: u64,
    /// วันที่ที่ถือเป็น "วันนี้" ของข้อมูลตัวอย่าง (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub today: Option<String>,
}

pub fn run(data_dir: Option<&Path>, args: &DemoArgs) -> CliResult {
    let households: usize = args
        .households
        .trim()
        .parse()
        .map_err(|_| Failure::arg("--households", "ต้องเป็นจำนวนเต็มบวก"))?;
    let today = match &args.today {
        Some(t) => parse_date("--today", t)?,
        None => clock::today(),
    };
    let (store, dir) = open_store(data_dir)?;
    let started = Instant::now();
    let mut last_stage = "";
    let summary = store.with(|conn| {
        demo::generate_with_progress(
            conn,
            &Options { households, seed: args.seed, today },
            &mut |p: Progress| {
                if p.stage != last_stage {
                    eprintln!("[{:.1} วินาที] {} …", started.elapsed().as_secs_f64(), p.stage);
                    last_stage = p.stage;
                }
            },
        )
    })?;
    crate::say!(
        "ใส่ข้อมูลตัวอย่างแล้วใน {} ({:.1} วินาที)",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    crate::say!(
        "ครัวเรือน {} สมาชิก {} สัญญาเงินกู้ {} รายการรับชำระ {} แผนปรับโครงสร้างหนี้ {} สัญญารวมหนี้ {} บันทึกการติดตาม {} นัดชำระ {} บอกเลิกสัญญา {} แฟ้มคดี {}",
        summary.households,
        summary.members,
        summary.loans,
        summary.payments,
        summary.plans,
        summary.consolidations,
        summary.contacts,
        summary.promises,
        summary.terminated,
        summary.cases
    );
    crate::say!("ผู้ใช้ตัวอย่าง (ชื่อผู้ใช้ / รหัสผ่าน):");
    for u in &summary.users {
        crate::say!("  {:<10} {:<16} {}", u.username, u.password, u.role);
    }
    Ok(())
}
