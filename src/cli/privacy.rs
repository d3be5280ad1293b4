//! `plodnee breach add|tell|list` (the PDPA breach register) and `plodnee subject-access` (a
//! member's copy of everything held about them), committee only, as in the window.

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, NaiveTime};
use clap::{Args, Subcommand};

use super::approve::{UserArgs, sign_in};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::privacy::breach::{Risk, pdpc_deadline};
use crate::domain::thai::date::format_short;
use crate::store::privacy::breaches::{self, NewBreach, Told};
use crate::store::privacy::subject_access;

#[derive(Debug, Subcommand)]
pub enum BreachCommand {
    /// บันทึกเหตุละเมิดข้อมูลส่วนบุคคล (นับ 72 ชั่วโมงจากเวลาที่ทราบเหตุ)
    Add {
        /// เวลาที่ทราบเหตุ: วันที่ (ค.ศ. หรือ พ.ศ.) และเวลา HH:MM เช่น "2026-12-07 09:30"
        #[arg(long)]
        learned: String,
        /// เวลาที่เกิดเหตุ (ถ้าทราบ)
        #[arg(long)]
        happened: Option<String>,
        /// เกิดอะไรขึ้น
        #[arg(long)]
        what: String,
        /// ความเสี่ยง: unlikely (ไม่ต้องแจ้ง สคส.), risk (แจ้ง สคส. ภายใน 72 ชั่วโมง), high (แจ้ง สคส. และเจ้าของข้อมูล)
        #[arg(long)]
        risk: String,
        /// จำนวนผู้ได้รับผลกระทบ
        #[arg(long, default_value = "0")]
        people: i64,
        #[command(flatten)]
        who: UserArgs,
    },
    /// บันทึกว่าแจ้งสำนักงานคณะกรรมการคุ้มครองข้อมูลส่วนบุคคล (--pdpc) หรือเจ้าของข้อมูล (--members) แล้ว
    Tell {
        /// ลำดับที่ของเหตุ
        id: i64,
        #[arg(long, conflicts_with = "members", required_unless_present = "members")]
        pdpc: bool,
        #[arg(long)]
        members: bool,
        /// เวลาที่แจ้ง (ไม่ระบุ = ตอนนี้)
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        who: UserArgs,
    },
    /// ทะเบียนเหตุละเมิดพร้อมสิ่งที่ยังต้องทำ
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SubjectAccessArgs {
    /// รหัสสมาชิก
    #[arg(long)]
    pub member: i64,
    /// ไฟล์ JSON ที่จะบันทึก
    #[arg(long)]
    pub json: PathBuf,
    #[command(flatten)]
    pub who: UserArgs,
}

/// "2026-12-07 09:30", "7/12/2569 09:30" or a date alone (the start of the day).
fn parse_moment(option: &str, text: &str) -> Result<NaiveDateTime, Failure> {
    let text = text.trim();
    let (day, time) = match text.rsplit_once([' ', 'T']) {
        Some((d, t)) if t.contains(':') => (d, Some(t)),
        _ => (text, None),
    };
    let date = parse_date(option, day)?;
    let time = match time {
        None => NaiveTime::MIN,
        Some(t) => NaiveTime::parse_from_str(t.trim(), "%H:%M")
            .map_err(|_| Failure::arg(option, "เวลาต้องเป็น ชั่วโมง:นาที เช่น 09:30"))?,
    };
    Ok(date.and_time(time))
}

pub fn breach(data_dir: Option<&Path>, command: &BreachCommand) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    match command {
        BreachCommand::Add { learned, happened, what, risk, people, who } => {
            let b = NewBreach {
                learned_at: parse_moment("--learned", learned)?,
                happened_at: happened
                    .as_deref()
                    .map(|h| parse_moment("--happened", h))
                    .transpose()?,
                what: what.clone(),
                risk: Risk::from_code(risk.trim())
                    .ok_or_else(|| Failure::arg("--risk", "ต้องเป็น unlikely, risk หรือ high"))?,
                people_affected: *people,
            };
            let actor = sign_in(&store, who)?;
            let id = store.write(|tx| breaches::record(tx, &actor, &b, clock::now()))?;
            print!("บันทึกเหตุละเมิดข้อมูลลำดับที่ {id} แล้ว");
            if b.risk.pdpc_must_be_told() {
                let d = pdpc_deadline(b.learned_at);
                print!(" ต้องแจ้ง สคส. ภายใน {} เวลา {}", format_short(d.date()), d.format("%H:%M"));
            }
            println!();
        }
        BreachCommand::Tell { id, pdpc, members: _, at, who } => {
            let at = match at {
                Some(a) => parse_moment("--at", a)?,
                None => clock::now(),
            };
            let told = if *pdpc { Told::Pdpc } else { Told::Members };
            let actor = sign_in(&store, who)?;
            store.write(|tx| breaches::tell(tx, &actor, *id, told, at))?;
            let whom =
                if *pdpc { " สคส." } else { "เจ้าของข้อมูล" };
            println!("บันทึกการแจ้ง{whom} ของเหตุลำดับที่ {id} แล้ว");
        }
        BreachCommand::List { json } => {
            let now = clock::now();
            let all = store.with(|c| breaches::all(c))?;
            if *json {
                let rows: Vec<_> = all
                    .iter()
                    .map(|b| {
                        serde_json::json!({
                            "id": b.id,
                            "learned_at": b.learned_at.to_string(),
                            "risk": b.risk.code(),
                            "what": b.what,
                            "people_affected": b.people_affected,
                            "pdpc_deadline": b.risk.pdpc_must_be_told().then(|| pdpc_deadline(b.learned_at).to_string()),
                            "pdpc_told_at": b.pdpc_told_at.map(|t| t.to_string()),
                            "members_told_at": b.members_told_at.map(|t| t.to_string()),
                            "duty": b.duty(now).thai(),
                        })
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows).expect("json"));
            } else {
                for b in &all {
                    println!(
                        "{}\t{} {}\t{}\t{}\t{}",
                        b.id,
                        format_short(b.learned_at.date()),
                        b.learned_at.format("%H:%M"),
                        b.risk.label(),
                        b.what,
                        b.duty(now).thai()
                    );
                }
            }
        }
    }
    Ok(())
}

pub fn subject_access(data_dir: Option<&Path>, a: &SubjectAccessArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let actor = sign_in(&store, &a.who)?;
    // Written in a transaction: the copy is logged in the audit chain as it is made.
    let copy = store.write(|tx| subject_access::copy(tx, &actor, a.member))?;
    let text = serde_json::to_string_pretty(&copy).expect("json");
    std::fs::write(&a.json, text)
        .map_err(|e| Failure::new(format!("บันทึกไฟล์ {} ไม่ได้: {e}", a.json.display())))?;
    println!(
        "บันทึกข้อมูลทั้งหมดของ {} ({} รายการจาก {} ตาราง) ที่ {}",
        copy.name,
        copy.row_count(),
        copy.tables.len(),
        a.json.display()
    );
    Ok(())
}
