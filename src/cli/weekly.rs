//! `plodnee report weekly --for USER --week D [--pdf F]`: one officer's (or, with
//! `--for leader:ID`, one group leader's) week of collections work, thin over
//! `store::report::weekly`.

use super::report::{ReportArgs, deliver_to};
use super::schedule::parse_date;
use super::{CliResult, Failure};
use crate::clock;
use crate::store::report::weekly::{self, Whom};
use crate::store::{Store, users};

pub fn whom(store: &Store, text: &str) -> Result<Whom, Failure> {
    let t = text.trim();
    if let Some(id) = t.strip_prefix("leader:") {
        let id: i64 = id
            .trim()
            .parse()
            .map_err(|_| Failure::arg("--for", "หัวหน้ากลุ่มเขียนเป็น leader:เลขที่สมาชิก เช่น leader:12"))?;
        let found: bool = store.with(|c| {
            Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM assignment WHERE leader_person_id = ?1)",
                [id],
                |r| r.get(0),
            )?)
        })?;
        if !found {
            return Err(Failure::arg("--for", format!("สมาชิกเลขที่ {id} ไม่ได้เป็นหัวหน้ากลุ่ม")));
        }
        return Ok(Whom::Leader(id));
    }
    let u = store
        .with(|c| users::find_by_username(c, t))?
        .ok_or_else(|| Failure::arg("--for", format!("ไม่พบผู้ใช้ \"{t}\"")))?;
    Ok(Whom::Officer(u.id))
}

pub fn run(store: &Store, a: &ReportArgs) -> CliResult {
    let Some(for_whom) = &a.for_whom else {
        return Err(Failure::arg("--for", "ระบุเจ้าหน้าที่ (ชื่อผู้ใช้) หรือหัวหน้ากลุ่ม (leader:เลขที่สมาชิก)"));
    };
    let whom = whom(store, for_whom)?;
    let day = match &a.week {
        Some(d) => parse_date("--week", d)?,
        None => clock::today(),
    };
    let started = std::time::Instant::now();
    let w = store.with(|c| weekly::compute(c, whom, day))?;
    eprintln!("คำนวณรายงานใน {} มิลลิวินาที", started.elapsed().as_millis());
    let tables = weekly::tables(&w);
    deliver_to(store, &tables.iter().collect::<Vec<_>>(), &a.out)
}
