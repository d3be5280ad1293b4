//! `plodnee search QUERY`: members by name, national id, phone, house number or หมู่.

use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::{CliResult, Failure, open_store};
use crate::store::search::{self, SearchHit};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// คำค้น เช่น สมชาย, 0812345678, 12/3, หมู่ 3
    pub query: String,
    #[arg(long, default_value = "20")]
    pub limit: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct HitOut<'a> {
    #[serde(flatten)]
    hit: &'a SearchHit,
    outstanding: String,
}

#[derive(Serialize)]
struct ResultOut<'a> {
    query: &'a str,
    total: i64,
    members: Vec<HitOut<'a>>,
}

pub fn run(data_dir: Option<&Path>, args: &SearchArgs) -> CliResult {
    let limit: usize = args
        .limit
        .trim()
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| Failure::arg("--limit", "ต้องเป็นจำนวนเต็มบวก"))?;
    let (store, _) = open_store(data_dir)?;
    let result = store.with(|conn| search::search(conn, &args.query, limit))?;
    if args.json {
        let members = result
            .hits
            .iter()
            .map(|hit| HitOut { hit, outstanding: hit.outstanding.to_plain() })
            .collect();
        return print_json(&ResultOut { query: &args.query, total: result.total, members });
    }
    if result.hits.is_empty() {
        crate::say!("ไม่พบสมาชิกที่ตรงกับ \"{}\"", args.query);
        return Ok(());
    }
    let rows: Vec<Vec<String>> = result
        .hits
        .iter()
        .map(|h| {
            vec![
                h.name.clone(),
                h.national_id_masked.clone(),
                format!("{} ม.{}", h.house_no, h.village_no),
                h.phone.clone(),
                h.open_loans.to_string(),
                h.outstanding.to_string(),
            ]
        })
        .collect();
    use Align::*;
    crate::cli::output::emit(&table(
        &["ชื่อ-สกุล", "เลขประจำตัวประชาชน", "บ้านเลขที่", "โทรศัพท์", "สัญญา", "เงินต้นคงเหลือ"],
        &[Left, Left, Left, Left, Right, Right],
        &rows,
    ));
    crate::say!("พบ {} คน (แสดง {} คน)", result.total, result.hits.len());
    Ok(())
}
