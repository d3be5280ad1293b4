//! Scripted approvals: `plodnee consolidate|plan propose|approve|reject`, acting as a named user
//! (`--user NAME`, password from `PLODNEE_PASSWORD` or asked on the terminal). The store's
//! maker-checker rules apply exactly as in the window: no new rules here.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use clap::Args;

use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::domain::backup_due::Event;
use crate::store::approvals::PendingKind;
use crate::store::backup::auto;
use crate::store::{Actor, Store, consolidations, households, plans, rejections, users};

pub const PASSWORD_ENV: &str = "PLODNEE_PASSWORD";

/// Who acts.
#[derive(Debug, Args)]
pub struct UserArgs {
    /// ชื่อผู้ใช้ที่ทำรายการ (รหัสผ่านจาก PLODNEE_PASSWORD หรือถามที่หน้าจอ)
    #[arg(long)]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// เลขที่รายการ (จากรายการรออนุมัติ)
    pub id: i64,
    #[command(flatten)]
    pub who: UserArgs,
    /// เลขที่มติที่ประชุม
    #[arg(long)]
    pub resolution: String,
    /// วันที่มติ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub resolution_on: Option<String>,
    /// วันที่ผู้ค้ำประกันทุกคนลงนามยินยอม (ป.พ.พ. มาตรา 700); ไม่ระบุ = ไม่มีผู้ค้ำประกันยินยอม
    #[arg(long)]
    pub guarantors_consented_on: Option<String>,
}

#[derive(Debug, Args)]
pub struct RejectArgs {
    pub id: i64,
    #[command(flatten)]
    pub who: UserArgs,
    /// เหตุผลที่ไม่อนุมัติ (ต้องระบุ)
    #[arg(long)]
    pub reason: String,
}

/// Signs the named user in with the password from the environment or the terminal.
pub fn sign_in(store: &Store, who: &UserArgs) -> Result<Actor, Failure> {
    let password = match std::env::var(PASSWORD_ENV) {
        Ok(p) if !p.is_empty() => p,
        _ => ask_password(&who.user)?,
    };
    Ok(store.with(|c| users::sign_in(c, &who.user, &password))?.actor())
}

fn ask_password(user: &str) -> Result<String, Failure> {
    ask_secret(&format!("รหัสผ่านของ {user}"), PASSWORD_ENV)
}

/// Reads a secret typed at the terminal (hidden where it can be), or says which environment
/// variable gives it when there is no terminal.
pub(super) fn ask_secret(what: &str, env: &str) -> Result<String, Failure> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Failure::new(format!("ต้องระบุ{what}ในตัวแปร {env} หรือพิมพ์ที่หน้าจอ")));
    }
    eprint!("{what}: ");
    let _ = std::io::stderr().flush();
    // Hide what is typed where a terminal allows it; the password is never echoed back.
    let hidden =
        std::process::Command::new("stty").arg("-echo").status().is_ok_and(|s| s.success());
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if hidden {
        let _ = std::process::Command::new("stty").arg("echo").status();
        eprintln!();
    }
    read.map_err(|e| Failure::new(format!("อ่านรหัสผ่านไม่ได้: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn today() -> chrono::NaiveDate {
    crate::clock::today()
}

/// `plodnee consolidate propose`: the preview's choices, saved as a draft by the user.
pub fn consolidate_propose(
    data_dir: Option<&Path>,
    args: &super::consolidate::PreviewArgs,
    who: &UserArgs,
) -> CliResult {
    let as_of = parse_date("--as-of", &args.as_of)?;
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, who)?;
    let settings = store.with(|conn| {
        let hh = households::get(conn, args.household)?;
        let snapshot = consolidations::snapshot(conn, hh.id, as_of, &[])?;
        let borrower = hh
            .head_person_id
            .or_else(|| snapshot.first().map(|l| l.borrower_id))
            .unwrap_or_default();
        let mut s = super::consolidate::settings(args, as_of, borrower, &snapshot)
            .map_err(|f| crate::store::StoreError::Refused(f.message))?;
        // The institute's rounding default (settings, issue 17 §D17).
        s.round_up_baht = crate::store::settings::round_up_baht(conn)?;
        Ok(s)
    })?;
    let id = store.write(|tx| consolidations::prepare(tx, &actor, args.household, &settings))?;
    println!("บันทึกร่างรวมหนี้ที่ {id} แล้ว รออนุมัติ");
    Ok(())
}

pub fn consolidate_approve(data_dir: Option<&Path>, a: &ApproveArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    let on = resolution_on(a)?;
    let consents = consents(a)?;
    let (contract, warning) = auto::write_after(&store, Event::BeforeApproval, |tx| {
        let rec = consolidations::get(tx, a.id)?;
        let given: Vec<(i64, chrono::NaiveDate)> = consents
            .map(|d| rec.settings.guarantors.iter().map(|g| (*g, d)).collect())
            .unwrap_or_default();
        consolidations::approve(
            tx,
            &actor,
            a.id,
            &consolidations::Approval {
                resolution_no: &a.resolution,
                resolution_on: on,
                guarantor_consents: &given,
            },
        )
    })?;
    warn_backup(warning);
    println!("อนุมัติร่างรวมหนี้ที่ {} แล้ว สัญญารวมหนี้เลขที่ {contract}", a.id);
    Ok(())
}

pub fn plan_propose(
    data_dir: Option<&Path>,
    args: &super::plan::PreviewArgs,
    who: &UserArgs,
    label: &str,
) -> CliResult {
    let as_of = parse_date("--as-of", &args.as_of)?;
    let opts = super::plan::options(args)?;
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, who)?;
    let id = store.write(|tx| {
        let target = plans::target_by_contract(tx, &args.loan)?;
        plans::propose(tx, &actor, target, as_of, &opts, label)
    })?;
    println!("เสนอแผนที่ {id} แล้ว รออนุมัติ");
    Ok(())
}

pub fn plan_approve(data_dir: Option<&Path>, a: &ApproveArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    let on = resolution_on(a)?;
    let consents = consents(a)?;
    let (new, warning) = auto::write_after(&store, Event::BeforeApproval, |tx| {
        let rec = plans::get(tx, a.id)?;
        let given: Vec<(i64, chrono::NaiveDate)> = match consents {
            Some(d) => {
                plans::guarantors(tx, rec.target)?.iter().map(|g| (g.person_id, d)).collect()
            }
            None => Vec::new(),
        };
        plans::approve(
            tx,
            &actor,
            a.id,
            &plans::Approval {
                resolution_no: &a.resolution,
                resolution_on: on,
                guarantor_consents: &given,
            },
        )
    })?;
    warn_backup(warning);
    println!("อนุมัติแผนที่ {} แล้ว สัญญาใหม่ {} สัญญา", a.id, new.len());
    Ok(())
}

/// A failed automatic backup does not fail the command; it is said on stderr.
fn warn_backup(warning: Option<String>) {
    if let Some(w) = warning {
        eprintln!("คำเตือน: {w}");
    }
}

/// `reject` for either kind: the store checks the role, the preparer and the reason.
pub fn reject(data_dir: Option<&Path>, kind: PendingKind, a: &RejectArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    let kind = match kind {
        // A consolidation id may name a debt transfer: both wait in the same list.
        PendingKind::Consolidation => store.with(|c| {
            Ok(if crate::store::transfers::get(c, a.id).is_ok() {
                PendingKind::Transfer
            } else {
                PendingKind::Consolidation
            })
        })?,
        other => other,
    };
    store.write(|tx| rejections::reject(tx, &actor, kind, a.id, &a.reason))?;
    println!("ไม่อนุมัติ{} เลขที่ {} แล้ว เหตุผล: {}", kind, a.id, a.reason.trim());
    Ok(())
}

fn resolution_on(a: &ApproveArgs) -> Result<chrono::NaiveDate, Failure> {
    a.resolution_on
        .as_deref()
        .map(|d| parse_date("--resolution-on", d))
        .transpose()
        .map(|d| d.unwrap_or_else(today))
}

fn consents(a: &ApproveArgs) -> Result<Option<chrono::NaiveDate>, Failure> {
    a.guarantors_consented_on
        .as_deref()
        .map(|d| parse_date("--guarantors-consented-on", d))
        .transpose()
}
