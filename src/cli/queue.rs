//! `plodnee queue`: today's work queue (งานติดตามวันนี้) for one officer, group leader, หมู่ or
//! fund, highest priority first, each row with why it is there and what to do.

use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::store::queue::{self, Filter};
use crate::store::users;

#[derive(Debug, Args)]
pub struct QueueArgs {
    /// งานของผู้ใช้คนนี้ (ชื่อผู้ใช้) ค่าเริ่มต้น: ทุกคน
    #[arg(long = "for", value_name = "USER")]
    pub for_user: Option<String>,
    /// เฉพาะหมู่ที่
    #[arg(long)]
    pub village: Option<u8>,
    /// ณ วันที่ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub as_of: Option<String>,
    /// จำนวนแถวที่แสดง
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    loan_id: i64,
    contract_no: &'a str,
    name: &'a str,
    phone: &'a str,
    village_no: u8,
    overdue: String,
    days_past_due: i64,
    score: i64,
    reasons: &'a [String],
    action: String,
}

#[derive(Serialize)]
struct Out<'a> {
    as_of: String,
    total: usize,
    on_hold: Vec<(&'a str, &'a str)>,
    waiting_for_promise: usize,
    done_today: usize,
    items: Vec<Row<'a>>,
}

pub fn run(data_dir: Option<&Path>, a: &QueueArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let as_of = match &a.as_of {
        Some(d) => parse_date("--as-of", d)?,
        None => clock::today(),
    };
    if a.village.is_some_and(|v| !(1..=99).contains(&v)) {
        return Err(Failure::arg("--village", "หมู่ที่ต้องเป็นตัวเลข 1–99"));
    }
    let officer_id = match &a.for_user {
        Some(name) => Some(
            store
                .with(|c| users::list(c))?
                .into_iter()
                .find(|u| u.username == name.trim())
                .ok_or_else(|| Failure::arg("--for", format!("ไม่พบผู้ใช้ \"{name}\"")))?
                .id,
        ),
        None => None,
    };
    let filter = Filter { officer_id, village_no: a.village, ..Filter::default() };
    let started = std::time::Instant::now();
    let q = store.with(|c| queue::build(c, as_of, &filter))?;
    eprintln!(
        "[{:.0} ms] จัดลำดับงานติดตาม {} ราย",
        started.elapsed().as_secs_f64() * 1000.0,
        q.items.len()
    );
    let shown = &q.items[..q.items.len().min(a.limit)];
    if a.json {
        return print_json(&Out {
            as_of: as_of.to_string(),
            total: q.items.len(),
            on_hold: q.on_hold.iter().map(|(c, r)| (c.as_str(), r.as_str())).collect(),
            waiting_for_promise: q.waiting,
            done_today: q.done_today,
            items: shown
                .iter()
                .map(|i| Row {
                    loan_id: i.loan_id,
                    contract_no: &i.contract_no,
                    name: &i.name,
                    phone: &i.phone,
                    village_no: i.village_no,
                    overdue: i.overdue.to_plain(),
                    days_past_due: i.days_past_due,
                    score: i.priority.score,
                    reasons: &i.priority.reasons,
                    action: i.priority.proposal.label(),
                })
                .collect(),
        });
    }
    if q.items.is_empty() {
        crate::say!("ไม่มีงานติดตามสำหรับวันที่ {}", crate::domain::thai::date::format_long(as_of));
    } else {
        let rows: Vec<Vec<String>> = shown
            .iter()
            .map(|i| {
                vec![
                    i.contract_no.clone(),
                    i.name.clone(),
                    format!("ม.{}", i.village_no),
                    i.overdue.to_string(),
                    i.days_past_due.to_string(),
                    i.priority.reasons.first().cloned().unwrap_or_default(),
                    i.priority.proposal.label(),
                ]
            })
            .collect();
        use Align::*;
        crate::cli::output::emit(&table(
            &["สัญญา", "ลูกหนี้", "หมู่", "ค้างชำระ", "วัน", "เหตุผล", "สิ่งที่ต้องทำ"],
            &[Left, Left, Left, Right, Right, Left, Left],
            &rows,
        ));
    }
    crate::say!(
        "งานติดตาม {} ราย (แสดง {}) · รอนัดชำระ {} · ติดตามแล้ววันนี้ {} · พักการติดตาม {}",
        q.items.len(),
        shown.len(),
        q.waiting,
        q.done_today,
        q.on_hold.len()
    );
    for (contract, reason) in &q.on_hold {
        crate::say!("  พักการติดตาม {contract}: {reason}");
    }
    Ok(())
}
