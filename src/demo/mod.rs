//! Realistic demo data: one ตำบล's institute with several source funds, households in 8–15 หมู่,
//! members with loans from several funds, guarantors, and payments from good payers, late payers
//! and long arrears. The same seed and the same `today` give the same data.

mod collections;
mod complaints;
mod consolidations;
mod legal;
mod names;
mod payments;
mod plans;

use payments::{fit_to_payoff, settle_residue, simulate_payments};

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, params};

use crate::clock;
use crate::domain::loan::{
    CollateralKind, FundKind, LoanStatus, PartyRole, contract_number, receipt_number,
};
use crate::domain::person::Grade;
use crate::domain::rate::AnnualRate;
use crate::domain::role::Role;
use crate::domain::schedule::{self, DayCount, Frequency, Method, Schedule, Terms};
use crate::domain::statement::{self, LoanBasis, PaymentIn, Statement};
use crate::domain::thai::date::be_year;
use crate::domain::{NationalId, Satang};
use crate::store::error::{Result, StoreError};
use crate::store::{Actor, audit, funds, institute, loans, persons, users};

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

struct FundSpec {
    code: &'static str,
    name: &'static str,
    kind: FundKind,
    rate_bp: i64,
    method: Method,
    frequency: Frequency,
    periods: u32,
    max_baht: i64,
}

/// Five source funds with the rates and methods Thai village funds use, including a yearly
/// (after-harvest) fund.
const FUNDS: &[FundSpec] = &[
    FundSpec {
        code: "กทบ.",
        name: "กองทุนหมู่บ้านและชุมชนเมือง",
        kind: FundKind::VillageFund,
        rate_bp: 600,
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        periods: 24,
        max_baht: 50_000,
    },
    FundSpec {
        code: "อท.",
        name: "กลุ่มออมทรัพย์เพื่อการผลิต",
        kind: FundKind::SavingsGroup,
        rate_bp: 1200,
        method: Method::Flat,
        frequency: Frequency::Monthly,
        periods: 12,
        max_baht: 30_000,
    },
    FundSpec {
        code: "กขคจ.",
        name: "โครงการแก้ไขปัญหาความยากจน (กข.คจ.)",
        kind: FundKind::Kkkj,
        rate_bp: 300,
        method: Method::Annuity,
        frequency: Frequency::Yearly,
        periods: 3,
        max_baht: 20_000,
    },
    FundSpec {
        code: "กมบ.",
        name: "กองทุนแม่บ้านเกษตรกร",
        kind: FundKind::Housewives,
        rate_bp: 900,
        method: Method::EqualPrincipal,
        frequency: Frequency::Quarterly,
        periods: 8,
        max_baht: 20_000,
    },
    FundSpec {
        code: "กปย.",
        name: "กองทุนปุ๋ยและปัจจัยการผลิต",
        kind: FundKind::Other,
        rate_bp: 700,
        method: Method::Flat,
        frequency: Frequency::HalfYearly,
        periods: 4,
        max_baht: 15_000,
    },
];

struct DemoLoan {
    contract_no: String,
    fund: usize,
    borrower: i64,
    guarantors: Vec<i64>,
    terms: Terms,
    schedule: Schedule,
    purpose: &'static str,
    payments: Vec<PaymentIn>,
    collateral: Option<(String, Satang)>,
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
        progress(Progress {
            stage: "บันทึกเรื่องร้องเรียนตัวอย่าง", done: 0, total: 1
        });
        complaints::add(tx, opts.seed, opts.today)?;
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
        users: demo_users,
    })
}

/// Member ids per household, and each member's payment habit.
type People = (Vec<Vec<i64>>, HashMap<i64, Habit>);

/// Inserts households and members; returns member ids per household and each member's habit.
fn insert_people(
    conn: &Connection,
    opts: &Options,
    rng: &mut ChaCha8Rng,
    villages: usize,
    subdistrict: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<People> {
    let now = clock::now_stamp();
    let mut household = conn.prepare(
        "INSERT INTO household (house_no, village_no, village_name, subdistrict, district, province, postcode, created_at)
         VALUES (?1, ?2, ?3, ?4, 'บ้านโป่ง', 'ราชบุรี', '70110', ?5)",
    )?;
    let mut person = conn.prepare(
        "INSERT INTO person (household_id, title, first_name, last_name, national_id, birth_date, phone, grade, search_text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut head = conn.prepare("UPDATE household SET head_person_id = ?1 WHERE id = ?2")?;
    let mut house_counter = vec![0u32; villages + 1];
    let mut members = Vec::with_capacity(opts.households);
    let mut habits = HashMap::new();
    let mut id_counter: u32 = 0;
    for h in 0..opts.households {
        let village = 1 + (h % villages) as u8;
        house_counter[village as usize] += 1;
        let house_no = if rng.random_bool(0.15) {
            format!("{}/{}", house_counter[village as usize], rng.random_range(1..=9))
        } else {
            house_counter[village as usize].to_string()
        };
        household.execute(params![
            house_no,
            village,
            names::VILLAGES[(village as usize - 1) % names::VILLAGES.len()],
            subdistrict,
            now
        ])?;
        let household_id = conn.last_insert_rowid();
        let surname = names::surname(rng.random_range(0..names::SURNAME_COUNT));
        let size = match rng.random_range(0..100) {
            0..=14 => 1,
            15..=49 => 2,
            50..=84 => 3,
            _ => 4,
        };
        let mut ids = Vec::with_capacity(size);
        let mut given: Vec<&str> = Vec::with_capacity(size);
        for m in 0..size {
            let male = if m == 0 { rng.random_bool(0.6) } else { m % 2 == 1 };
            let pool = if male { names::MALE } else { names::FEMALE };
            let mut first = pool[rng.random_range(0..pool.len())];
            while given.contains(&first) {
                first = pool[rng.random_range(0..pool.len())];
            }
            given.push(first);
            let age = if m < 2 { rng.random_range(28..75) } else { rng.random_range(20..40) };
            let title = match (male, m) {
                (true, _) => "นาย",
                (false, 0 | 1) => "นาง",
                (false, _) => "นางสาว",
            };
            let birth = opts.today.with_year(opts.today.year() - age).unwrap_or(opts.today)
                - Days::new(rng.random_range(0..365));
            id_counter += 1;
            let nid = demo_national_id(birth.year() < 1984, id_counter);
            let phone = if rng.random_bool(0.7) {
                format!(
                    "0{}{:08}",
                    ["8", "9", "6"][rng.random_range(0..3)],
                    rng.random_range(0..100_000_000u32)
                )
            } else {
                String::new()
            };
            let habit = match rng.random_range(0..100) {
                0..=61 => Habit::OnTime,
                62..=82 => Habit::Late,
                _ => Habit::Stopped,
            };
            let grade = match habit {
                Habit::OnTime => Grade::A,
                Habit::Late => {
                    if rng.random_bool(0.5) {
                        Grade::B
                    } else {
                        Grade::C
                    }
                }
                Habit::Stopped => Grade::D,
            };
            let text =
                persons::search_text(title, first, &surname, nid.as_ref(), &phone, &house_no);
            person.execute(params![
                household_id,
                title,
                first,
                surname,
                nid.map(|n| n.digits()),
                birth,
                phone,
                grade.code(),
                text,
                now
            ])?;
            let id = conn.last_insert_rowid();
            habits.insert(id, habit);
            ids.push(id);
        }
        head.execute([ids[0], household_id])?;
        members.push(ids);
        if h % 1000 == 0 {
            progress(Progress {
                stage: "สร้างครัวเรือนและสมาชิก", done: h, total: opts.households
            });
        }
    }
    Ok((members, habits))
}

/// A unique, valid id: 3 for people born before 1984, 1 after; 7001 is Ratchaburi's code.
fn demo_national_id(older: bool, counter: u32) -> Option<NationalId> {
    let mut d = [if older { 3 } else { 1 }, 7, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    let mut c = counter;
    for slot in d[5..].iter_mut().rev() {
        *slot = (c % 10) as u8;
        c /= 10;
    }
    NationalId::from_first12(d)
}

fn plan_loans(
    opts: &Options,
    rng: &mut ChaCha8Rng,
    members: &[Vec<i64>],
    habits: &HashMap<i64, Habit>,
) -> Vec<DemoLoan> {
    let mut out = Vec::new();
    let mut seq: HashMap<(usize, i32), u32> = HashMap::new();
    let households = members.len();
    for (h, ids) in members.iter().enumerate() {
        for &borrower in ids {
            if !rng.random_bool(0.85) {
                continue;
            }
            // Several funds per member, so consolidation has work to do.
            let count = match rng.random_range(0..100) {
                0..=29 => 1,
                30..=64 => 2,
                _ => 3,
            };
            let mut used = Vec::new();
            while used.len() < count {
                let fund = rng.random_range(0..FUNDS.len());
                if used.contains(&fund) {
                    continue;
                }
                used.push(fund);
                let spec = &FUNDS[fund];
                let months_back = rng.random_range(1..=spec.periods * spec.frequency.months() + 12);
                let start = opts
                    .today
                    .checked_sub_months(chrono::Months::new(months_back))
                    .unwrap_or(opts.today)
                    - Days::new(rng.random_range(0..28));
                let principal =
                    Satang::from_baht(rng.random_range(3..=spec.max_baht / 1000) * 1000);
                let terms = Terms {
                    principal,
                    rate: AnnualRate::from_bp(spec.rate_bp).unwrap_or(AnnualRate::ZERO),
                    method: spec.method,
                    frequency: spec.frequency,
                    periods: spec.periods,
                    start,
                    day_count: DayCount::Period,
                    round_up_baht: spec.method == Method::Annuity && rng.random_bool(0.3),
                };
                let Ok(schedule) = schedule::build(&terms) else { continue };
                let year = be_year(start);
                let n = seq.entry((fund, year)).or_insert(0);
                *n += 1;
                let contract_no = contract_number(spec.code, *n, year);
                let guarantor_household =
                    (h + 1 + rng.random_range(0..households.max(2) - 1)) % households;
                let guarantors =
                    if households > 1 { vec![members[guarantor_household][0]] } else { Vec::new() };
                let habit = habits.get(&borrower).copied().unwrap_or(Habit::OnTime);
                let mut payments = simulate_payments(rng, &schedule, start, habit, opts.today);
                if habit == Habit::Late {
                    settle_residue(rng, &terms, &schedule, &mut payments, opts.today);
                }
                fit_to_payoff(&terms, &schedule, &mut payments);
                let collateral = (principal >= Satang::from_baht(40_000)).then(|| {
                    (format!("โฉนดเลขที่ {}", rng.random_range(1000..99999)), principal * 3)
                });
                out.push(DemoLoan {
                    contract_no,
                    fund,
                    borrower,
                    guarantors,
                    terms,
                    schedule,
                    purpose: names::PURPOSES[rng.random_range(0..names::PURPOSES.len())],
                    payments,
                    collateral,
                });
            }
        }
    }
    out
}

/// Writes loans, installments (with paid caches), payments (receipt numbers in date order) and
/// allocations in one pass; returns (loans, payments).
fn write_loans(
    conn: &Connection,
    opts: &Options,
    fund_ids: &[i64],
    loans: Vec<DemoLoan>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(usize, usize)> {
    // Receipt numbers run by date across the whole institute: number every payment first.
    let mut order: Vec<(NaiveDate, usize, usize)> = loans
        .iter()
        .enumerate()
        .flat_map(|(l, loan)| loan.payments.iter().enumerate().map(move |(k, p)| (p.date, l, k)))
        .collect();
    order.sort();
    let mut payment_ids: Vec<Vec<i64>> = loans.iter().map(|l| vec![0; l.payments.len()]).collect();
    for (n, (_, l, k)) in order.iter().enumerate() {
        payment_ids[*l][*k] = n as i64 + 1;
    }

    let total = loans.len();
    let mut loan_ids = Vec::with_capacity(total);
    for (l, loan) in loans.iter().enumerate() {
        let basis = LoanBasis {
            rate: loan.terms.rate,
            method: loan.terms.method,
            start: loan.terms.start,
            default_rate: AnnualRate::from_bp(500).unwrap_or(AnnualRate::ZERO),
        };
        let st = statement::compute(&loan.schedule, &basis, &loan.payments, &[], opts.today)
            .map_err(StoreError::refused)?;
        let id = insert_loan(conn, fund_ids[loan.fund], loan, &st)?;
        let mut alloc = conn.prepare_cached("INSERT INTO allocation (payment_id, loan_id, installment_no, part, amount) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (k, allocation) in st.allocations.iter().enumerate() {
            for s in &allocation.slices {
                alloc.execute(params![
                    payment_ids[l][k],
                    id,
                    s.installment,
                    s.part.code(),
                    s.amount.0
                ])?;
            }
        }
        loan_ids.push(id);
        if l % 2000 == 0 {
            progress(Progress {
                stage: "สร้างสัญญาเงินกู้และตารางผ่อน", done: l, total
            });
        }
    }

    let now = clock::now_stamp();
    // One receipt and one payment line per payment, numbered alike.
    let mut receipt = conn.prepare(
        "INSERT INTO receipt (id, receipt_no, be_year, seq, paid_on, amount, channel, payer_name, received_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', 1, ?8)",
    )?;
    let mut line = conn.prepare("INSERT INTO payment (id, receipt_id, loan_id, paid_on, amount) VALUES (?1, ?1, ?2, ?3, ?4)")?;
    let mut seq: HashMap<i32, u32> = HashMap::new();
    for (n, (date, l, k)) in order.iter().enumerate() {
        let year = be_year(*date);
        let s = seq.entry(year).or_insert(0);
        *s += 1;
        let channel = ["cash", "cash", "cash", "transfer", "promptpay"][(n * 7 + l) % 5];
        let id = n as i64 + 1;
        let amount = loans[*l].payments[*k].amount.0;
        receipt.execute(params![
            id,
            receipt_number(year, *s),
            year,
            *s,
            date,
            amount,
            channel,
            now
        ])?;
        line.execute(params![id, loan_ids[*l], date, amount])?;
        if n % 20_000 == 0 {
            progress(Progress {
                stage: "บันทึกการรับชำระ", done: n, total: order.len()
            });
        }
    }
    Ok((total, order.len()))
}

fn insert_loan(conn: &Connection, fund_id: i64, loan: &DemoLoan, st: &Statement) -> Result<i64> {
    let t = &loan.terms;
    let paid_off = st.is_paid_off();
    let closed_on = if paid_off { loan.payments.last().map(|p| p.date) } else { None };
    let status = if paid_off { LoanStatus::Closed } else { LoanStatus::Active };
    conn.prepare_cached(
        "INSERT INTO loan (contract_no, fund_id, borrower_id, principal, rate_bp, penalty_bp, method, frequency, periods, day_count,
           round_up_baht, start_date, purpose, status, outstanding_principal, next_unpaid_due, closed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 500, ?6, ?7, ?8, 'period', ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        loan.contract_no,
        fund_id,
        loan.borrower,
        t.principal.0,
        t.rate.bp(),
        t.method.code(),
        t.frequency.code(),
        t.periods,
        t.round_up_baht,
        t.start,
        loan.purpose,
        status.code(),
        st.outstanding_principal.0,
        st.next_unpaid_due,
        closed_on,
        clock::now_stamp(),
    ])?;
    let id = conn.last_insert_rowid();
    let mut inst = conn.prepare_cached(
        "INSERT INTO installment (loan_id, no, due_date, principal, interest, principal_paid, interest_paid, default_interest_paid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for i in &st.installments {
        inst.execute(params![
            id,
            i.no,
            i.due_date,
            i.principal.0,
            i.interest.0,
            i.principal_paid.0,
            i.interest_paid.0,
            i.default_interest_paid.0
        ])?;
    }
    for g in &loan.guarantors {
        loans::add_party(conn, id, *g, PartyRole::Guarantor, Some(t.start))?;
    }
    if let Some((doc, value)) = &loan.collateral {
        loans::add_collateral(
            conn,
            id,
            &loans::NewCollateral {
                kind: CollateralKind::LandTitle,
                document_no: doc.clone(),
                description: "ที่ดินพร้อมสิ่งปลูกสร้าง".into(),
                value: *value,
            },
        )?;
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_ids_are_valid_and_unique() {
        let a = demo_national_id(true, 1).unwrap();
        let b = demo_national_id(false, 2).unwrap();
        assert_ne!(a, b);
        assert!(NationalId::parse(&a.digits()).is_ok());
        assert!(a.digits().starts_with("37001"));
    }
}
