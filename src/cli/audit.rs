//! `plodnee audit [--from D --to D --user U --action A --limit N --json]`: the audit log read
//! back, newest first; `plodnee audit verify`: the hash chain checked, naming the first broken
//! entry (exit code 1 then).

use std::path::Path;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::domain::audit_action::{self, label, when};
use crate::store::audit::{self, Chain, Filter, Who};
use crate::store::{Actor, users};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    /// ตั้งแต่วันที่ (พ.ศ. หรือ ค.ศ.)
    #[arg(long)]
    pub from: Option<String>,
    /// ถึงวันที่ (รวมวันนั้น)
    #[arg(long)]
    pub to: Option<String>,
    /// ชื่อผู้ใช้ (username) หรือ system สำหรับรายการของระบบ
    #[arg(long)]
    pub user: Option<String>,
    /// รหัสการกระทำ เช่น record_payment, sign_in_failed
    #[arg(long)]
    pub action: Option<String>,
    /// แสดงไม่เกินกี่รายการ (ล่าสุดก่อน)
    #[arg(long, default_value_t = 200)]
    pub limit: i64,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// ตรวจห่วงโซ่ของบันทึกการใช้งาน
    Verify {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(data_dir: Option<&Path>, args: &AuditArgs) -> CliResult {
    if let Some(AuditCommand::Verify { json }) = &args.command {
        return verify(data_dir, *json);
    }
    if args.limit < 1 {
        return Err(Failure::arg("--limit", "ต้องเป็นจำนวนเต็มบวก"));
    }
    let from = args.from.as_deref().map(|d| parse_date("--from", d)).transpose()?;
    let to = args.to.as_deref().map(|d| parse_date("--to", d)).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Failure::arg("--to", "วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม"));
    }
    if let Some(a) = &args.action
        && !audit_action::ALL.iter().any(|(code, _)| code == a)
    {
        return Err(Failure::arg("--action", format!("ไม่รู้จักการกระทำ {a}")));
    }
    let (store, _) = open_store(data_dir)?;
    let who = match args.user.as_deref().map(str::trim) {
        None => None,
        Some("system") | Some("ระบบ") => Some(Who::System),
        Some(name) => match store.with(|c| users::find_by_username(c, name))? {
            Some(u) => Some(Who::User(u.id)),
            None => return Err(Failure::arg("--user", format!("ไม่พบผู้ใช้ชื่อ {name}"))),
        },
    };
    let filter = Filter { from, to, who, action: args.action.clone() };
    let (entries, total) =
        store.with(|c| audit::query(c, &Actor::system(), &filter, args.limit))?;
    if args.json {
        #[derive(Serialize)]
        struct Row<'a> {
            id: i64,
            at: &'a str,
            user: &'a str,
            username: Option<&'a str>,
            action: &'a str,
            action_th: &'a str,
            entity: &'a str,
            entity_id: Option<i64>,
            detail: &'a str,
        }
        #[derive(Serialize)]
        struct Out<'a> {
            total: i64,
            entries: Vec<Row<'a>>,
        }
        let entries = entries
            .iter()
            .map(|e| Row {
                id: e.id,
                at: &e.at,
                user: &e.user,
                username: e.username.as_deref(),
                action: &e.action,
                action_th: label(&e.action),
                entity: &e.entity,
                entity_id: e.entity_id,
                detail: &e.detail,
            })
            .collect();
        return print_json(&Out { total, entries });
    }
    if entries.is_empty() {
        crate::say!("ไม่มีบันทึกตามเงื่อนไขที่เลือก");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                when(&e.at),
                e.user.clone(),
                label(&e.action).to_string(),
                e.detail.chars().take(80).collect(),
            ]
        })
        .collect();
    use Align::*;
    crate::cli::output::emit(&table(
        &["ลำดับ", "วันเวลา", "ผู้ใช้", "การกระทำ", "รายละเอียด"],
        &[Right, Left, Left, Left, Left],
        &rows,
    ));
    if total > entries.len() as i64 {
        eprintln!("แสดง {} รายการล่าสุดจากทั้งหมด {total} รายการ (ดูเพิ่มด้วย --limit)", entries.len());
    }
    Ok(())
}

fn verify(data_dir: Option<&Path>, json: bool) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let chain = store.with(|c| audit::verify(c, &Actor::system()))?;
    if json {
        #[derive(Serialize)]
        struct Out {
            whole: bool,
            first_broken: Option<i64>,
            message: String,
        }
        let first_broken = match &chain {
            Chain::Broken(e) => Some(e.id),
            Chain::Whole { .. } => None,
        };
        print_json(&Out { whole: first_broken.is_none(), first_broken, message: chain.message() })?;
    } else if matches!(chain, Chain::Whole { .. }) {
        crate::say!("{}", chain.message());
    }
    match chain {
        Chain::Whole { .. } => Ok(()),
        Chain::Broken(_) => Err(Failure::new(chain.message())),
    }
}
