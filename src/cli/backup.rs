//! `plodnee backup [--to DIR]`, `plodnee backups [--verify]` and `plodnee restore FILE`: verified
//! copies of the database, their list with each one's state, and restoring one (the current
//! database is kept aside, the restore recorded in the audit log).

use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::{CliResult, Failure, open_store};
use crate::domain::thai::date::format_numeric;
use crate::store::backup::{self, Reason, State, encrypt, restore};
use crate::store::{Actor, Store, tx};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// โฟลเดอร์ที่สอง (เช่น แฟลชไดรฟ์) ที่จะคัดลอกไปด้วย แทนค่าที่ตั้งไว้
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
    /// เข้ารหัสสำเนาในโฟลเดอร์ที่สองตั้งแต่นี้ไป (รหัสผ่านจาก PLODNEE_BACKUP_PASSPHRASE หรือถามที่หน้าจอ)
    #[arg(long, conflicts_with = "no_encrypt")]
    pub encrypt: bool,
    /// เลิกเข้ารหัสสำเนาในโฟลเดอร์ที่สอง
    #[arg(long)]
    pub no_encrypt: bool,
    #[arg(long)]
    pub json: bool,
}

pub const PASSPHRASE_ENV: &str = "PLODNEE_BACKUP_PASSPHRASE";

/// The passphrase of encrypted backups: from the environment, or typed (twice when it is new).
fn passphrase(new: bool) -> Result<(String, String), Failure> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV)
        && !p.is_empty()
    {
        return Ok((p.clone(), p));
    }
    let first = super::approve::ask_secret("รหัสผ่านของไฟล์สำรอง", PASSPHRASE_ENV)?;
    if !new {
        return Ok((first.clone(), first));
    }
    let again = super::approve::ask_secret("พิมพ์รหัสผ่านอีกครั้ง", PASSPHRASE_ENV)?;
    Ok((first, again))
}

#[derive(Debug, Args)]
pub struct BackupsArgs {
    /// ตรวจไฟล์สำรองทุกไฟล์ใหม่ (ช้าเมื่อฐานข้อมูลใหญ่)
    #[arg(long)]
    pub verify: bool,
    /// รายการในโฟลเดอร์นี้แทนโฟลเดอร์สำรองของฐานข้อมูล
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// ไฟล์สำรอง (.sqlite3 หรือ .sqlite3.age ที่เข้ารหัส; รหัสผ่านจาก PLODNEE_BACKUP_PASSPHRASE หรือถามที่หน้าจอ)
    pub file: PathBuf,
}

fn db_path(store: &Store) -> Result<PathBuf, Failure> {
    store.path().map(Path::to_path_buf).ok_or_else(|| Failure::new("ไม่มีไฟล์ฐานข้อมูล"))
}

pub fn backup(data_dir: Option<&Path>, args: &BackupArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let dir = backup::folder_of(&db_path(&store)?);
    if args.encrypt {
        let (p, again) = passphrase(true)?;
        store.with(|c| tx::write(c, |t| encrypt::enable(t, &Actor::system(), &p, &again)))?;
        if !args.json {
            crate::say!(
                "สำเนาในโฟลเดอร์ที่สองจะเข้ารหัสตั้งแต่นี้ไป: เก็บรหัสผ่านไว้ให้ดี หากลืมจะกู้คืนจากสำเนาที่เข้ารหัสไม่ได้"
            );
        }
    } else if args.no_encrypt {
        store.with(|c| tx::write(c, |t| encrypt::disable(t, &Actor::system())))?;
        if !args.json {
            crate::say!("เลิกเข้ารหัสสำเนาในโฟลเดอร์ที่สองแล้ว");
        }
    }
    let taken = store.with(|conn| backup::take(conn, &dir, Reason::Manual, args.to.as_deref()))?;
    let m = &taken.manifest;
    if args.json {
        #[derive(Serialize)]
        struct Out<'a> {
            path: &'a Path,
            manifest: &'a backup::Manifest,
            second: Option<String>,
            second_error: Option<String>,
        }
        let (second, second_error) = match &taken.second {
            Some(Ok(p)) => (Some(p.display().to_string()), None),
            Some(Err(e)) => (None, Some(e.clone())),
            None => (None, None),
        };
        print_json(&Out { path: &taken.path, manifest: m, second, second_error })?;
    } else {
        crate::say!(
            "สำรองแล้ว: {} (สมาชิก {} สัญญา {} รายการรับชำระ {})",
            taken.path.display(),
            m.counts.members,
            m.counts.loans,
            m.counts.payments
        );
        match &taken.second {
            Some(Ok(p)) => crate::say!("สำเนาที่สอง: {}", p.display()),
            Some(Err(e)) => crate::say!("{e}"),
            None => crate::say!("ยังไม่ได้ตั้งโฟลเดอร์สำเนาที่สอง"),
        }
    }
    if !m.verified {
        return Err(Failure::new(format!("ไฟล์สำรองไม่ผ่านการตรวจ: {}", m.problems.join("; "))));
    }
    if let Some(Err(e)) = &taken.second {
        return Err(Failure::new(e));
    }
    Ok(())
}

pub fn backups(data_dir: Option<&Path>, args: &BackupsArgs) -> CliResult {
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None => {
            let (store, _) = open_store(data_dir)?;
            backup::folder_of(&db_path(&store)?)
        }
    };
    let list = backup::list(&dir, args.verify)?;
    if args.json {
        #[derive(Serialize)]
        struct Row<'a> {
            path: &'a Path,
            size: u64,
            good: bool,
            state: String,
            manifest: Option<&'a backup::Manifest>,
        }
        let rows: Vec<Row> = list
            .iter()
            .map(|l| Row {
                path: &l.path,
                size: l.size,
                good: l.state == State::Good,
                state: l.state.label(),
                manifest: l.manifest.as_ref(),
            })
            .collect();
        return print_json(&rows);
    }
    if list.is_empty() {
        crate::say!("ยังไม่มีไฟล์สำรองใน {}", dir.display());
        return Ok(());
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|l| {
            let when = l
                .taken_at()
                .map(|t| format!("{} {}", format_numeric(t.date()), t.format("%H:%M")))
                .unwrap_or_else(|| "-".into());
            let (members, loans, payments) = match &l.manifest {
                Some(m) => (
                    m.counts.members.to_string(),
                    m.counts.loans.to_string(),
                    m.counts.payments.to_string(),
                ),
                None => ("-".into(), "-".into(), "-".into()),
            };
            vec![
                when,
                l.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                backup::size_label(l.size),
                members,
                loans,
                payments,
                l.state.label(),
            ]
        })
        .collect();
    use Align::*;
    crate::cli::output::emit(&table(
        &["วันเวลา", "ไฟล์", "ขนาด", "สมาชิก", "สัญญา", "รับชำระ", "สถานะ"],
        &[Left, Left, Right, Right, Right, Right, Left],
        &rows,
    ));
    Ok(())
}

pub fn restore(data_dir: Option<&Path>, args: &RestoreArgs) -> CliResult {
    if !args.file.is_file() {
        return Err(Failure::arg("FILE", format!("ไม่พบไฟล์ {}", args.file.display())));
    }
    let (store, _) = open_store(data_dir)?;
    let db = db_path(&store)?;
    let secret = if encrypt::is_encrypted(&args.file) { Some(passphrase(false)?.0) } else { None };
    let done = store.with(|conn| {
        restore::restore_with(conn, &db, &args.file, secret.as_deref(), &Actor::system())
    })?;
    crate::say!(
        "กู้คืนแล้วจาก {} (สมาชิก {} สัญญา {} รายการรับชำระ {})",
        args.file.display(),
        done.counts.members,
        done.counts.loans,
        done.counts.payments
    );
    crate::say!("ฐานข้อมูลเดิมเก็บไว้ที่ {}", done.kept_aside.display());
    Ok(())
}
