//! `plodnee targets`: a month's collection targets against what was collected, per institute,
//! fund, officer, หมู่ and debtor on a plan, with the ones more than 10% behind marked; with
//! `--set` the treasurer gives one scope its own figure (or `--set default` goes back).

use std::path::Path;

use clap::Args;
use serde::Serialize;

use super::approve::{UserArgs, sign_in};
use super::output::{Align, print_json, table};
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::Satang;
use crate::domain::collections::target::Month;
use crate::store::report::targets as report;
use crate::store::targets::{self, Scope};
use crate::store::{funds, users};

#[derive(Debug, Args)]
pub struct TargetsArgs {
    /// เดือน เช่น 2568-11 หรือ 2025-11 (ค่าเริ่มต้น: เดือนนี้)
    #[arg(long)]
    pub month: Option<String>,
    #[arg(long)]
    pub json: bool,
    /// ตั้งเป้าเอง (บาท) หรือ "default" เพื่อกลับไปใช้ค่าเริ่มต้น ต้องระบุกลุ่มหนึ่งกลุ่มและ --user
    #[arg(long, value_name = "AMOUNT")]
    pub set: Option<String>,
    /// ตั้งเป้าของทั้งสถาบัน
    #[arg(long)]
    pub institute: bool,
    /// ตั้งเป้าของเจ้าหน้าที่ (ชื่อผู้ใช้)
    #[arg(long)]
    pub officer: Option<String>,
    /// ตั้งเป้าของหมู่ที่
    #[arg(long)]
    pub village: Option<u8>,
    /// ตั้งเป้าของกองทุน (รหัสกองทุน)
    #[arg(long)]
    pub fund: Option<String>,
    /// ตั้งเป้าของลูกหนี้ตามแผน (เลขที่สมาชิก)
    #[arg(long)]
    pub member: Option<i64>,
    #[arg(long, default_value = "")]
    pub note: String,
    /// ผู้ตั้งเป้า (เหรัญญิกหรือกรรมการ)
    #[arg(long)]
    pub user: Option<String>,
}

#[derive(Serialize)]
struct Row<'a> {
    scope: &'static str,
    scope_id: i64,
    label: &'a str,
    due: String,
    arrears: String,
    default: String,
    target: String,
    set: bool,
    collected: String,
    expected: String,
    behind: bool,
}

#[derive(Serialize)]
struct Out<'a> {
    month: String,
    arrears_share_bp: i64,
    behind: usize,
    lines: Vec<Row<'a>>,
}

pub fn parse_month(option: &str, text: Option<&str>) -> Result<Month, Failure> {
    match text {
        Some(t) => Month::parse(t).map_err(|e| Failure::arg(option, e)),
        None => Ok(Month::of(clock::today())),
    }
}

fn scope(store: &crate::store::Store, a: &TargetsArgs) -> Result<Scope, Failure> {
    let mut chosen = Vec::new();
    if a.institute {
        chosen.push(Scope::Institute);
    }
    if let Some(name) = &a.officer {
        let u = store
            .with(|c| users::find_by_username(c, name.trim()))?
            .ok_or_else(|| Failure::arg("--officer", format!("ไม่พบผู้ใช้ \"{name}\"")))?;
        chosen.push(Scope::Officer(u.id));
    }
    if let Some(v) = a.village {
        if !(1..=99).contains(&v) {
            return Err(Failure::arg("--village", "หมู่ที่ต้องเป็นตัวเลข 1–99"));
        }
        chosen.push(Scope::Village(v));
    }
    if let Some(code) = &a.fund {
        let f = store
            .with(|c| funds::list(c))?
            .into_iter()
            .find(|f| f.code == code.trim())
            .ok_or_else(|| Failure::arg("--fund", format!("ไม่พบกองทุนรหัส \"{code}\"")))?;
        chosen.push(Scope::Fund(f.id));
    }
    if let Some(id) = a.member {
        chosen.push(Scope::Debtor(id));
    }
    match chosen.as_slice() {
        [one] => Ok(*one),
        [] => Err(Failure::arg(
            "--set",
            "ระบุกลุ่มที่จะตั้งเป้า: --institute --officer --village --fund หรือ --member",
        )),
        _ => Err(Failure::arg("--set", "ตั้งเป้าได้ครั้งละหนึ่งกลุ่ม")),
    }
}

pub fn run(data_dir: Option<&Path>, a: &TargetsArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let month = parse_month("--month", a.month.as_deref())?;
    if let Some(amount) = &a.set {
        let amount = if amount.trim() == "default" {
            None
        } else {
            Some(Satang::parse(amount).map_err(|e| Failure::arg("--set", e))?)
        };
        let scope = scope(&store, a)?;
        let who = UserArgs {
            user: a.user.clone().ok_or_else(|| Failure::arg("--user", "ระบุผู้ตั้งเป้า"))?,
        };
        let actor = sign_in(&store, &who)?;
        store.write(|tx| targets::set(tx, &actor, month, scope, amount, &a.note))?;
        eprintln!("บันทึกเป้าเดือน{month} แล้ว");
    }
    let today = clock::today();
    let started = std::time::Instant::now();
    let m = store.with(|c| targets::month(c, month, today))?;
    eprintln!("[{:.0} ms] เป้าการเก็บเดือน{month}", started.elapsed().as_secs_f64() * 1000.0);
    if a.json {
        return print_json(&Out {
            month: month.code(),
            arrears_share_bp: m.share.0,
            behind: m.behind().count(),
            lines: m
                .lines
                .iter()
                .map(|l| Row {
                    scope: l.scope.code(),
                    scope_id: l.scope.id(),
                    label: &l.label,
                    due: l.due.to_plain(),
                    arrears: l.arrears.to_plain(),
                    default: l.default.to_plain(),
                    target: l.target.to_plain(),
                    set: l.set,
                    collected: l.collected.to_plain(),
                    expected: l.progress.expected.to_plain(),
                    behind: l.progress.behind,
                })
                .collect(),
        });
    }
    let t = report::month_table(&m, today);
    use Align::*;
    crate::say!("{}", t.title);
    crate::cli::output::emit(&table(
        &t.headers(),
        &[Left, Left, Right, Right, Right, Right, Right, Right, Left],
        &t.text_rows(),
    ));
    let behind: Vec<String> = m.behind().map(|l| l.label.clone()).collect();
    if behind.is_empty() {
        crate::say!("ไม่มีเป้าที่ต่ำกว่าเกินร้อยละ 10");
    } else {
        crate::say!("แจ้งเตือน: ต่ำกว่าเป้าเกินร้อยละ 10 {} กลุ่ม: {}", behind.len(), behind.join(", "));
    }
    Ok(())
}
