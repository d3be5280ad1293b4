//! Realistic demo data: one ตำบล's institute with several source funds, households in 8–15 หมู่,
//! members with loans from several funds, guarantors, and payments from good payers, late payers
//! and long arrears. The same seed and the same `today` give the same data.

mod cases;
mod collections;
mod complaints;
mod consolidations;
mod fund_specs;
mod legal;
mod lending;
mod names;
mod payments;
mod people;
mod plans;
mod targets;

use fund_specs::FUNDS;
use lending::{plan_loans, write_loans};
use people::insert_people;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::domain::rate::AnnualRate;
use crate::domain::role::Role;
use crate::store::error::{Result, StoreError};
use crate::store::{Actor, audit, funds, institute, users};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub households: usize,
    pub seed: u64,
    pub today: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoUser {
    pub username: String,
    pub password: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub households: usize,
    pub members: usize,
    pub loans: usize,
    pub payments: usize,
    pub plans: usize,
    pub consolidations: usize,
    pub contacts: usize,
    pub promises: usize,
    pub terminated: usize,
    pub cases: usize,
    pub users: Vec<DemoUser>,
}

/// What the generator is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

pub const MAX_HOUSEHOLDS: usize = 200_000;

pub fn generate(conn: &mut Connection, opts: &Options) -> Result<Summary> {
    generate_with_progress(conn, opts, &mut |_| {})
}

/// How a member pays: most on time, some late, about a fifth stopped paying long ago.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Habit {
    OnTime,
    Late,
    Stopped,
}

pub fn generate_with_progress(
    conn: &mut Connection,
    opts: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary> {
    if opts.households == 0 || opts.households > MAX_HOUSEHOLDS {
        return Err(StoreError::refused(format!("จำนวนครัวเรือนต้องอยู่ระหว่าง 1 ถึง {MAX_HOUSEHOLDS}")));
    }
    let empty: bool = conn.query_row(
        "SELECT NOT EXISTS(SELECT 1 FROM household) AND NOT EXISTS(SELECT 1 FROM fund) AND NOT EXISTS(SELECT 1 FROM app_user)",
        [],
        |r| r.get(0),
    )?;
    if !empty {
        return Err(StoreError::NotEmpty);
    }
    // One big transaction on a new database: a rollback journal holds almost nothing, where WAL
    // would copy every page; the mode returns to WAL afterwards.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "cache_size", -262_144)?;
    // Allocations are written before the payments they belong to (receipt numbers run by date
    // across all loans), and per-row foreign-key lookups would double the time; the keys are
    // checked once, in bulk, before the transaction commits.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = crate::store::tx::write(conn, |tx| {
        let saved = set_aside_indexes(tx)?;
        let summary = fill(tx, opts, progress)?;
        progress(Progress {
            stage: "สร้างดัชนีค้นหา", done: 0, total: 1
        });
        restore_indexes(tx, &saved)?;
        progress(Progress {
            stage: "จัดทำแผนปรับโครงสร้างหนี้ตัวอย่าง", done: 0, total: 1
        });
        let mut summary = summary;
        summary.plans = plans::add(tx, opts.seed, opts.today)?;
        progress(Progress {
            stage: "จัดทำสัญญารวมหนี้ตัวอย่าง", done: 0, total: 1
        });
        summary.consolidations = consolidations::add(tx, opts.seed, opts.today)?;
        progress(Progress {
            stage: "บันทึกการติดตามและนัดชำระตัวอย่าง", done: 0, total: 1
        });
        let made = collections::add(tx, opts.seed, opts.today)?;
        (summary.contacts, summary.promises) = (made.contacts, made.promises);
        progress(Progress {
            stage: "บอกเลิกสัญญาและกำหนดเวลาตามกฎหมายตัวอย่าง", done: 0, total: 1
        });
        let legal = legal::add(tx, opts.seed, opts.today)?;
        summary.terminated = legal.terminated;
        summary.cases = cases::add(tx, opts.today)?;
        progress(Progress {
            stage: "บันทึกเรื่องร้องเรียนตัวอย่าง", done: 0, total: 1
        });
        complaints::add(tx, opts.seed, opts.today)?;
        progress(Progress {
            stage: "ตั้งเป้าการเก็บเงินตัวอย่าง", done: 0, total: 1
        });
        targets::add(tx, opts.today)?;
        let orphans: i64 =
            tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if orphans > 0 {
            return Err(StoreError::refused(format!("ข้อมูลตัวอย่างอ้างอิงไม่ครบ {orphans} แถว")));
        }
        Ok(summary)
    });
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -16_384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    result
}

/// Secondary indexes and the search trigger of the bulk-loaded tables, as the migrations made
/// them: dropped for the load and recreated after it, which sorts each index once instead of
/// inserting millions of keys in random order.
fn set_aside_indexes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
         AND tbl_name IN ('person', 'loan', 'installment', 'loan_party', 'receipt', 'payment', 'allocation')
         AND NOT (type = 'trigger' AND name NOT LIKE 'person_search_%')",
    )?;
    let found: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    for (kind, name, _) in &found {
        conn.execute_batch(&format!("DROP {} \"{name}\";", kind.to_uppercase()))?;
    }
    Ok(found.into_iter().map(|(_, _, sql)| sql).collect())
}

fn restore_indexes(conn: &Connection, saved: &[String]) -> Result<()> {
    for sql in saved {
        conn.execute_batch(sql)?;
    }
    conn.execute("INSERT INTO person_search (person_search) VALUES ('rebuild')", [])?;
    Ok(())
}

fn fill(conn: &Connection, opts: &Options, progress: &mut dyn FnMut(Progress)) -> Result<Summary> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let system = Actor::system();
    let subdistrict = "หนองบัว";
    institute::save(
        conn,
        &system,
        &institute::Institute {
            name: format!("สถาบันการจัดการเงินทุนชุมชนตำบล{subdistrict}"),
            address: format!("ที่ทำการสถาบัน หมู่ 1 ตำบล{subdistrict} อำเภอบ้านโป่ง จังหวัดราชบุรี 70110"),
            registration_no: "สจช.รบ. 0123".into(),
            phone: "032-123-456".into(),
            promptpay_id: "0812345678".into(),
            letter_prefix: "สจช.หบ.".into(),
            ..Default::default()
        },
    )?;
    institute::set_signatories(
        conn,
        &system,
        &[
            institute::Signatory {
                name: "นายประเสริฐ ศรีสุข".into(),
                position: "ประธานสถาบันการจัดการเงินทุนชุมชน".into(),
                duty: "chair".into(),
            },
            institute::Signatory {
                name: "นางมาลี บุญมา".into(),
                position: "เหรัญญิก".into(),
                duty: "treasurer".into(),
            },
            institute::Signatory {
                name: "นางสาวสุดารัตน์ ทองดี".into(),
                position: "เลขานุการ".into(),
                duty: "secretary".into(),
            },
        ],
    )?;
    let demo_users = vec![
        DemoUser {
            username: "officer".into(),
            password: "officer-2568".into(),
            role: Role::Officer,
        },
        DemoUser {
            username: "treasurer".into(),
            password: "treasurer-2568".into(),
            role: Role::Treasurer,
        },
        DemoUser {
            username: "committee".into(),
            password: "committee-2568".into(),
            role: Role::Committee,
        },
    ];
    for (u, full) in demo_users.iter().zip(["นางสาวสุดารัตน์ ทองดี", "นางมาลี บุญมา", "นายประเสริฐ ศรีสุข"])
    {
        users::create(conn, &system, &u.username, full, u.role, &u.password)?;
    }
    let mut fund_ids = Vec::new();
    for f in FUNDS {
        fund_ids.push(funds::create(
            conn,
            &system,
            &funds::NewFund {
                code: f.code.into(),
                name: f.name.into(),
                kind: f.kind,
                default_rate: AnnualRate::from_bp(f.rate_bp).map_err(StoreError::refused)?,
                default_method: f.method,
                default_frequency: f.frequency,
                default_periods: f.periods,
                penalty_rate: AnnualRate::from_bp(500).map_err(StoreError::refused)?,
            },
        )?);
    }

    let villages = rng.random_range(8..=15usize);
    let (members, habits) = insert_people(conn, opts, &mut rng, villages, subdistrict, progress)?;
    let loans = plan_loans(opts, &mut rng, &members, &habits);
    let payments = write_loans(conn, opts, &fund_ids, loans, progress)?;
    audit::append(
        conn,
        &system,
        "demo_data",
        "institute",
        Some(1),
        &format!("seed {} ครัวเรือน {}", opts.seed, opts.households),
    )?;
    Ok(Summary {
        households: opts.households,
        members: members.iter().map(Vec::len).sum(),
        loans: payments.0,
        payments: payments.1,
        plans: 0,
        consolidations: 0,
        contacts: 0,
        promises: 0,
        terminated: 0,
        cases: 0,
        users: demo_users,
    })
}
