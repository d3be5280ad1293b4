//! Writing an import: one transaction for the whole batch (a dry run is the same work rolled
//! back, so its report is exactly what confirming would do), each row in a savepoint so a refused
//! row leaves nothing behind; matching by the office's contract number and national id so a
//! repeated import adds only what is new; undo of a batch while nothing has been recorded on it;
//! the mapping remembered per file layout.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::audit;
use super::error::{Result, StoreError};
use super::funds::{self, Fund};
use super::households::{self, NewHousehold};
use super::loans::{self, NewLoan};
use super::persons::{self, NewPerson};
use super::users::Actor;
use crate::clock;
use crate::domain::Satang;
use crate::domain::address::Address;
use crate::domain::import::header::Mapping;
use crate::domain::import::position::{self, Position};
use crate::domain::import::rows::{GuarantorIn, LoanIn, NameIn, PersonIn, Sheet};
use crate::domain::import::{Outcome, Parsed};
use crate::domain::loan::PartyRole;
use crate::domain::person::Grade;
use crate::domain::role::Permission;
use crate::domain::schedule::{DayCount, Terms};

/// What an import needs besides the sheet.
#[derive(Debug, Clone)]
pub struct Options {
    pub file_name: String,
    pub sheet: String,
    pub signature: String,
    /// The date the book's figures are as of (ยกยอด ณ วันที่).
    pub cut_over: NaiveDate,
    /// The fund of rows without a กองทุน column (its code); None: the only fund, if one.
    pub fund: Option<String>,
    /// ตำบล/อำเภอ/จังหวัด for rows that do not say (None: the last household's).
    pub area: Option<Address>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// None for a dry run.
    pub batch_id: Option<i64>,
    pub rows: Vec<(usize, Outcome)>,
    pub column_problems: Vec<String>,
    pub imported: usize,
    pub already: usize,
    pub refused: usize,
    pub skipped: usize,
    pub households_created: usize,
    pub members_created: usize,
    pub loans_created: usize,
}

impl Report {
    /// `แถว 7: เลขประจำตัวประชาชนไม่ถูกต้อง …` for every refused row.
    pub fn refusals(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter_map(|(i, o)| match o {
                Outcome::Refused(r) => Some(format!("แถว {}: {r}", i + 1)),
                _ => None,
            })
            .collect()
    }
}

/// Progress of a long import: rows done of rows; returning false cancels (nothing is written).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

struct Batch<'a> {
    conn: &'a Connection,
    actor: &'a Actor,
    opts: &'a Options,
    id: i64,
    funds: Vec<Fund>,
    area: Option<Address>,
    report: Report,
    /// Households found or made in this batch, by (house no, village).
    households: HashMap<(String, u8), i64>,
}

/// Imports the parsed sheet: committed unless `dry_run`. A cancelled import writes nothing.
pub fn run(
    conn: &mut Connection,
    actor: &Actor,
    sheet: &Sheet,
    opts: &Options,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<Report> {
    actor.require(Permission::ImportBooks)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO import_batch (file_name, sheet, signature, cut_over, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![opts.file_name, opts.sheet, opts.signature, opts.cut_over, actor.user_id, clock::now_stamp()],
    )?;
    let id = tx.last_insert_rowid();
    let area = match &opts.area {
        Some(a) => Some(a.clone()),
        None => households::last_address(&tx)?,
    };
    let mut batch = Batch {
        conn: &tx,
        actor,
        opts,
        id,
        funds: funds::list(&tx)?,
        area,
        report: Report { column_problems: sheet.column_problems.clone(), ..Report::default() },
        households: HashMap::new(),
    };
    let total = sheet.rows.len();
    for (n, (i, parsed)) in sheet.rows.iter().enumerate() {
        if n % 100 == 0 && !progress(n, total) {
            return Err(StoreError::refused("ยกเลิกการนำเข้าแล้ว ไม่มีการบันทึกข้อมูลใด"));
        }
        let outcome = match parsed {
            Parsed::Skipped(r) => Outcome::Skipped(r.clone()),
            Parsed::Refused(r) => Outcome::Refused(r.clone()),
            Parsed::Row(row) => batch.row_in_savepoint(&row.person, row.loan.as_ref())?,
        };
        match &outcome {
            Outcome::Imported => batch.report.imported += 1,
            Outcome::AlreadyThere => batch.report.already += 1,
            Outcome::Refused(_) => batch.report.refused += 1,
            Outcome::Skipped(_) => batch.report.skipped += 1,
        }
        batch.report.rows.push((*i, outcome));
    }
    progress(total, total);
    let mut report = batch.report;
    tx.execute(
        "UPDATE import_batch SET imported = ?2, already = ?3, refused = ?4, skipped = ?5 WHERE id = ?1",
        params![id, report.imported as i64, report.already as i64, report.refused as i64, report.skipped as i64],
    )?;
    audit::append(
        &tx,
        actor,
        "import_books",
        "import_batch",
        Some(id),
        &format!(
            "{} นำเข้า {} มีอยู่แล้ว {} ไม่รับ {} (สมาชิกใหม่ {} สัญญาใหม่ {})",
            opts.file_name,
            report.imported,
            report.already,
            report.refused,
            report.members_created,
            report.loans_created
        ),
    )?;
    if dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
        report.batch_id = Some(id);
    }
    Ok(report)
}

fn baht(s: Satang) -> String {
    format!("{s} บาท")
}

impl Batch<'_> {
    /// One row, all or nothing: a refusal found while writing rolls the row back.
    fn row_in_savepoint(&mut self, person: &PersonIn, loan: Option<&LoanIn>) -> Result<Outcome> {
        self.conn.execute_batch("SAVEPOINT import_row")?;
        let counts = (
            self.report.households_created,
            self.report.members_created,
            self.report.loans_created,
        );
        let households = self.households.clone();
        match self.row(person, loan) {
            Ok(outcome) => {
                self.conn.execute_batch("RELEASE import_row")?;
                Ok(outcome)
            }
            Err(StoreError::Refused(reason)) => {
                self.conn.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
                (
                    self.report.households_created,
                    self.report.members_created,
                    self.report.loans_created,
                ) = counts;
                self.households = households;
                Ok(Outcome::Refused(reason))
            }
            Err(StoreError::NotFound(what)) => {
                self.conn.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
                (
                    self.report.households_created,
                    self.report.members_created,
                    self.report.loans_created,
                ) = counts;
                self.households = households;
                Ok(Outcome::Refused(format!("ไม่พบ{what}")))
            }
            Err(e) => Err(e),
        }
    }

    fn row(&mut self, person: &PersonIn, loan: Option<&LoanIn>) -> Result<Outcome> {
        let (borrower, new_person) = self.person(person, None)?;
        let new_loan = match loan {
            Some(l) => self.loan(borrower, person, l)?,
            None => false,
        };
        Ok(if new_person || new_loan { Outcome::Imported } else { Outcome::AlreadyThere })
    }

    fn item(&self, entity: &str, id: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO import_item (batch_id, entity, entity_id) VALUES (?1, ?2, ?3)",
            params![self.id, entity, id],
        )?;
        Ok(())
    }

    /// The member already on file (by national id, else by name and house), or a new one.
    fn person(&mut self, p: &PersonIn, near: Option<&PersonIn>) -> Result<(i64, bool)> {
        let name = p.name.full();
        if let Some(id) = p.national_id {
            let found: Option<(i64, String)> = self
                .conn
                .query_row(
                    "SELECT id, title || first_name || ' ' || last_name FROM person WHERE national_id = ?1",
                    [id.digits()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some((pid, on_file)) = found {
                let same = on_file.replace(' ', "") == name.replace(' ', "");
                return if same {
                    Ok((pid, false))
                } else {
                    Err(StoreError::refused(format!(
                        "เลขประจำตัวประชาชน {} เป็นของ {on_file} อยู่แล้วในระบบ แต่ในแฟ้มชื่อ {name}",
                        id.masked()
                    )))
                };
            }
        } else {
            let found: Option<i64> = self
                .conn
                .query_row(
                    "SELECT p.id FROM person p JOIN household h ON h.id = p.household_id
                     WHERE p.first_name = ?1 AND p.last_name = ?2 AND (?3 = '' OR h.house_no = ?3) AND (?4 IS NULL OR h.village_no = ?4)
                     ORDER BY p.id LIMIT 1",
                    params![p.name.first, p.name.last, p.house_no, p.village],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(pid) = found {
                return Ok((pid, false));
            }
        }
        let household = self.household(p, near)?;
        let pid = persons::create(
            self.conn,
            self.actor,
            &NewPerson {
                household_id: household,
                title: p.name.title.clone(),
                first_name: p.name.first.clone(),
                last_name: p.name.last.clone(),
                national_id: p.national_id,
                birth_date: None,
                phone: p.phone.clone(),
                grade: Grade::A,
            },
        )?;
        self.item("person", pid)?;
        self.report.members_created += 1;
        Ok((pid, true))
    }

    /// A new member's household: the one at the same house number in the same หมู่, else a new one.
    /// A guarantor the sheet gives no address for is placed in the borrower's หมู่ with the house
    /// number left blank for the office to fill in.
    fn household(&mut self, p: &PersonIn, near: Option<&PersonIn>) -> Result<i64> {
        let village = p.village.or(near.and_then(|n| n.village));
        let Some(village) = village else {
            return Err(StoreError::refused(format!(
                "{}: ไม่มีหมู่ที่ (ต้องใช้สร้างครัวเรือน)",
                p.name.full()
            )));
        };
        let house_no = p.house_no.clone();
        if !house_no.is_empty() {
            if let Some(id) = self.households.get(&(house_no.clone(), village)) {
                return Ok(*id);
            }
            let found: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM household WHERE house_no = ?1 AND village_no = ?2 ORDER BY id LIMIT 1",
                    params![house_no, village],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = found {
                self.households.insert((house_no, village), id);
                return Ok(id);
            }
        }
        let source = if p.province.is_empty() { near.unwrap_or(p) } else { p };
        let fallback = self.area.clone().unwrap_or_default();
        let pick = |own: &str, default: &str| {
            if own.is_empty() { default.to_string() } else { own.to_string() }
        };
        let address = Address {
            house_no: house_no.clone(),
            village_no: village,
            village_name: String::new(),
            subdistrict: pick(&source.subdistrict, &fallback.subdistrict),
            district: pick(&source.district, &fallback.district),
            province: pick(&source.province, &fallback.province),
            postcode: if source.province.is_empty() {
                fallback.postcode.clone()
            } else {
                String::new()
            },
        };
        if address.subdistrict.is_empty() || address.province.is_empty() {
            return Err(StoreError::refused(
                "ไม่มีตำบล อำเภอ จังหวัด (ใส่ในแฟ้ม หรือระบุที่อยู่ตั้งต้นของการนำเข้า)",
            ));
        }
        let id = households::create(
            self.conn,
            self.actor,
            &NewHousehold { address, registration_no: String::new() },
        )?;
        self.item("household", id)?;
        self.report.households_created += 1;
        if !house_no.is_empty() {
            self.households.insert((house_no, village), id);
        }
        Ok(id)
    }

    fn fund(&self, text: &str) -> Result<Fund> {
        let wanted = if text.trim().is_empty() {
            self.opts.fund.clone().unwrap_or_default()
        } else {
            text.trim().to_string()
        };
        if wanted.is_empty() {
            return match self.funds.as_slice() {
                [only] => Ok(only.clone()),
                _ => Err(StoreError::refused(
                    "ไม่ระบุกองทุน (มีหลายกองทุน: ใส่คอลัมน์กองทุน หรือระบุกองทุนตั้งต้น)",
                )),
            };
        }
        self.funds
            .iter()
            .find(|f| {
                f.code == wanted
                    || f.name == wanted
                    || f.code.trim_end_matches('.') == wanted.trim_end_matches('.')
            })
            .cloned()
            .ok_or_else(|| StoreError::refused(format!("ไม่พบกองทุน \"{wanted}\"")))
    }

    /// A loan not yet on file, with its position at the cut-over; Ok(false) when it is there.
    fn loan(&mut self, borrower: i64, person: &PersonIn, l: &LoanIn) -> Result<bool> {
        let found: Option<(i64, i64)> = self
            .conn
            .query_row(
                "SELECT l.id, l.borrower_id FROM loan l WHERE l.contract_no = ?1
                 UNION ALL SELECT o.loan_id, l.borrower_id FROM loan_opening o JOIN loan l ON l.id = o.loan_id WHERE o.office_contract_no = ?1
                 LIMIT 1",
                [&l.contract_no],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((_, on_file)) = found {
            if on_file == borrower {
                return Ok(false);
            }
            return Err(StoreError::refused(format!(
                "เลขที่สัญญา {} เป็นของสมาชิกคนอื่นอยู่แล้วในระบบ",
                l.contract_no
            )));
        }
        let fund = self.fund(&l.fund)?;
        let original = Terms {
            principal: l.principal,
            rate: l.rate.unwrap_or(fund.default_rate),
            method: fund.default_method,
            frequency: fund.default_frequency,
            periods: l.periods.unwrap_or(fund.default_periods),
            start: l.start,
            day_count: DayCount::Period,
            round_up_baht: false,
        };
        let Position { installments_paid, period_start, schedule, statement } =
            position::derive(&original, fund.penalty_rate, self.opts.cut_over, &l.figures)
                .map_err(StoreError::Refused)?;
        let mut guarantors = Vec::new();
        for g in &l.guarantors {
            let (gid, _) = self.guarantor(g, person)?;
            if gid == borrower {
                return Err(StoreError::refused("ผู้กู้ค้ำประกันตนเองไม่ได้"));
            }
            guarantors.push(gid);
        }
        // The loan row holds the position: what is owed, over the installments still owed, from
        // the running period's start; the contract as made is kept in loan_opening.
        let position = NewLoan {
            contract_no: Some(l.contract_no.clone()),
            fund_id: fund.id,
            borrower_id: borrower,
            terms: Terms {
                principal: l.figures.principal_owed,
                periods: schedule.installments.len() as u32,
                start: period_start,
                ..original.clone()
            },
            penalty_rate: fund.penalty_rate,
            purpose: String::new(),
            co_borrowers: Vec::new(),
            guarantors: guarantors.clone(),
            collateral: Vec::new(),
        };
        let id = loans::insert(self.conn, self.actor, &l.contract_no, &position, &schedule)?;
        for g in guarantors {
            loans::add_party(self.conn, id, g, PartyRole::Guarantor, Some(l.start))?;
        }
        self.conn.execute(
            "INSERT INTO loan_opening (loan_id, batch_id, cut_over, office_contract_no, original_principal, original_periods, original_start,
               installments_paid, principal_owed, interest_owed, default_interest, last_payment_on, last_acknowledged_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                id, self.id, self.opts.cut_over, l.contract_no, l.principal.0, original.periods, l.start, installments_paid,
                statement.outstanding_principal.0, statement.interest_due.0, statement.default_interest.0,
                l.last_payment, l.last_acknowledgment
            ],
        )?;
        self.item("loan", id)?;
        self.report.loans_created += 1;
        audit::append(
            self.conn,
            self.actor,
            "import_loan",
            "loan",
            Some(id),
            &format!(
                "{} {} เงินกู้ {} คงเหลือ ณ {} {}",
                l.contract_no,
                person.name.full(),
                baht(l.principal),
                crate::domain::thai::date::format_short(self.opts.cut_over),
                baht(statement.outstanding_principal)
            ),
        )?;
        Ok(true)
    }

    fn guarantor(&mut self, g: &GuarantorIn, borrower: &PersonIn) -> Result<(i64, bool)> {
        if g.national_id.is_none() {
            // A guarantor named only: the one member of that name, if there is exactly one.
            let ids: Vec<i64> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM person WHERE first_name = ?1 AND last_name = ?2 LIMIT 2",
                )?
                .query_map(params![g.name.first, g.name.last], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if let [only] = ids.as_slice() {
                return Ok((*only, false));
            }
        }
        let p = PersonIn {
            name: NameIn { ..g.name.clone() },
            national_id: g.national_id,
            phone: String::new(),
            house_no: String::new(),
            village: None,
            subdistrict: String::new(),
            district: String::new(),
            province: String::new(),
        };
        self.person(&p, Some(borrower))
    }
}

/// The book's position of an imported loan (None for a loan made in plodnee).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opening {
    pub batch_id: i64,
    pub cut_over: NaiveDate,
    pub office_contract_no: String,
    pub original_principal: Satang,
    pub original_periods: u32,
    pub original_start: NaiveDate,
    pub installments_paid: u32,
    pub principal_owed: Satang,
    pub interest_owed: Satang,
    pub default_interest: Satang,
    pub last_payment_on: Option<NaiveDate>,
    pub last_acknowledged_on: Option<NaiveDate>,
}

pub fn opening(conn: &Connection, loan_id: i64) -> Result<Option<Opening>> {
    Ok(conn
        .query_row(
            "SELECT batch_id, cut_over, office_contract_no, original_principal, original_periods, original_start, installments_paid,
               principal_owed, interest_owed, default_interest, last_payment_on, last_acknowledged_on FROM loan_opening WHERE loan_id = ?1",
            [loan_id],
            |r| {
                Ok(Opening {
                    batch_id: r.get(0)?,
                    cut_over: r.get(1)?,
                    office_contract_no: r.get(2)?,
                    original_principal: Satang(r.get(3)?),
                    original_periods: r.get(4)?,
                    original_start: r.get(5)?,
                    installments_paid: r.get(6)?,
                    principal_owed: Satang(r.get(7)?),
                    interest_owed: Satang(r.get(8)?),
                    default_interest: Satang(r.get(9)?),
                    last_payment_on: r.get(10)?,
                    last_acknowledged_on: r.get(11)?,
                })
            },
        )
        .optional()?)
}

/// Undoes a batch as a whole: refused once anything has been recorded on what it brought in
/// (a payment, a letter, a contact, a plan …); the foreign keys refuse what this list misses.
pub fn undo(conn: &mut Connection, actor: &Actor, batch_id: i64) -> Result<usize> {
    actor.require(Permission::ImportBooks)?;
    super::tx::write(conn, |tx| {
        let undone: Option<Option<String>> = tx
            .query_row("SELECT undone_at FROM import_batch WHERE id = ?1", [batch_id], |r| r.get(0))
            .optional()?;
        match undone {
            None => return Err(StoreError::not_found(format!("ชุดนำเข้าที่ {batch_id}"))),
            Some(Some(_)) => {
                return Err(StoreError::refused(format!("ชุดนำเข้าที่ {batch_id} ถูกยกเลิกไปแล้ว")));
            }
            Some(None) => {}
        }
        let recorded: i64 = tx.query_row(
            "SELECT (SELECT COUNT(*) FROM payment WHERE loan_id IN (SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'loan'))
                  + (SELECT COUNT(*) FROM letter WHERE loan_id IN (SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'loan')
                       OR person_id IN (SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'person'))
                  + (SELECT COUNT(*) FROM fee WHERE loan_id IN (SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'loan'))
                  + (SELECT COUNT(*) FROM loan WHERE borrower_id IN (SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'person')
                       AND id NOT IN (SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'loan'))
                  + (SELECT COUNT(*) FROM loan WHERE id IN (SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'loan') AND status <> 'active')",
            [batch_id],
            |r| r.get(0),
        )?;
        if recorded > 0 {
            return Err(StoreError::refused(format!(
                "ยกเลิกชุดนำเข้าที่ {batch_id} ไม่ได้ เพราะมีการบันทึกงาน (รับชำระ ออกหนังสือ หรือทำสัญญา) บนข้อมูลชุดนี้แล้ว"
            )));
        }
        let refused_by_link = |e: rusqlite::Error| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::refused(format!(
                    "ยกเลิกชุดนำเข้าที่ {batch_id} ไม่ได้ เพราะมีการบันทึกงานบนข้อมูลชุดนี้แล้ว"
                ))
            }
            e => e.into(),
        };
        let loans = "SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'loan'";
        let persons = "SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'person'";
        let households =
            "SELECT entity_id FROM import_item WHERE batch_id = ?1 AND entity = 'household'";
        for sql in [
            format!("DELETE FROM installment WHERE loan_id IN ({loans})"),
            format!("DELETE FROM loan_party WHERE loan_id IN ({loans})"),
            format!("DELETE FROM collateral WHERE loan_id IN ({loans})"),
            format!("DELETE FROM loan_opening WHERE loan_id IN ({loans})"),
            format!("DELETE FROM loan WHERE id IN ({loans})"),
            format!(
                "UPDATE household SET head_person_id = NULL WHERE head_person_id IN ({persons})"
            ),
            format!("DELETE FROM person WHERE id IN ({persons})"),
            format!("DELETE FROM household WHERE id IN ({households})"),
        ] {
            tx.execute(&sql, [batch_id]).map_err(refused_by_link)?;
        }
        let items: i64 = tx.query_row(
            "SELECT COUNT(*) FROM import_item WHERE batch_id = ?1",
            [batch_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE import_batch SET undone_by = ?2, undone_at = ?3 WHERE id = ?1",
            params![batch_id, actor.user_id, clock::now_stamp()],
        )?;
        audit::append(
            tx,
            actor,
            "undo_import",
            "import_batch",
            Some(batch_id),
            &format!("ลบ {items} รายการที่นำเข้า"),
        )?;
        Ok(items as usize)
    })
}

/// The mapping the office confirmed for a file layout, if any.
pub fn remembered_mapping(conn: &Connection, signature: &str) -> Result<Option<Mapping>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT mapping_json FROM import_mapping WHERE signature = ?1",
            [signature],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

pub fn remember_mapping(conn: &mut Connection, signature: &str, mapping: &Mapping) -> Result<()> {
    let json = serde_json::to_string(mapping).map_err(StoreError::refused)?;
    super::tx::write(conn, |tx| {
        tx.execute(
            "INSERT INTO import_mapping (signature, mapping_json, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (signature) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at",
            params![signature, json, clock::now_stamp()],
        )?;
        Ok(())
    })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    pub id: i64,
    pub file_name: String,
    pub cut_over: NaiveDate,
    pub imported: i64,
    pub already: i64,
    pub refused: i64,
    pub created_at: String,
    pub undone: bool,
}

pub fn batches(conn: &Connection) -> Result<Vec<BatchSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, file_name, cut_over, imported, already, refused, created_at, undone_at IS NOT NULL FROM import_batch ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(BatchSummary {
            id: r.get(0)?,
            file_name: r.get(1)?,
            cut_over: r.get(2)?,
            imported: r.get(3)?,
            already: r.get(4)?,
            refused: r.get(5)?,
            created_at: r.get(6)?,
            undone: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
