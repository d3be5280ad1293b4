//! Court case files (แฟ้มคดี, issue 13 §3): opened on a loan or a consolidated contract, filed
//! with the claim the statement engine computes on the filing date (the filing stops prescription,
//! the scan reads `filed_on`), then a timeline of hearings, the judgment (which starts the 10-year
//! enforcement clock), enforcement steps, costs (added to the debt only as the judgment allows)
//! and money from the Legal Execution Department recorded as a payment through the ledger. One
//! audited action each, in the caller's transaction. A settlement in court is in
//! `court_settlements`.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::error::{Result, StoreError};
use super::plans::{self, Target};
use super::users::Actor;
use super::{audit, consolidations, contract_payments, ledger, loans};
use crate::clock;
use crate::domain::Satang;
use crate::domain::legal::case::{CaseStatus, Claim, CostKind, EventKind, chargeable_costs};
use crate::domain::loan::{Channel, LoanStatus};
use crate::domain::rate::AnnualRate;
use crate::domain::role::Permission;
use crate::domain::thai::date::format_long;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: i64,
    pub loan_id: i64,
    pub consolidation_id: Option<i64>,
    pub contract_no: String,
    pub borrower_name: String,
    pub court: String,
    pub black_no: String,
    pub red_no: String,
    pub lawyer: String,
    pub filed_on: Option<NaiveDate>,
    pub claim: Option<Claim>,
    pub judgment_on: Option<NaiveDate>,
    pub judgment_amount: Option<Satang>,
    pub judgment_rate: Option<AnnualRate>,
    pub costs_awarded: Option<Satang>,
    pub costs_charged: Satang,
    pub status: CaseStatus,
    pub settlement_loan_id: Option<i64>,
    pub opened_on: NaiveDate,
}

impl Case {
    /// The loan payments now go to: the settlement's schedule once there is one.
    pub fn current_loan(&self) -> i64 {
        self.settlement_loan_id.unwrap_or(self.loan_id)
    }

    pub fn target(&self) -> Target {
        match self.consolidation_id {
            Some(c) => Target::Contract(c),
            None => Target::Loan(self.loan_id),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: i64,
    pub on_date: NaiveDate,
    pub kind: EventKind,
    pub amount: Satang,
    pub note: String,
    pub cost_kind: Option<CostKind>,
    pub receipt_no: Option<String>,
    pub recorded_by: String,
}

/// What the officer types to open a case file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCase {
    pub court: String,
    pub black_no: String,
    pub lawyer: String,
    /// The day the file was referred for suit (the SLA of the filing runs from it).
    pub opened_on: NaiveDate,
}

const SELECT: &str = "SELECT c.id, c.loan_id, c.consolidation_id, COALESCE(k.contract_no, l.contract_no),
    p.title || p.first_name || ' ' || p.last_name, c.court, c.black_no, c.red_no, c.lawyer, c.filed_on, c.claim_on,
    c.claim_principal, c.claim_interest, c.claim_default_interest, c.claim_costs, c.judgment_on, c.judgment_amount,
    c.judgment_rate_bp, c.costs_awarded, c.costs_charged, c.status, c.settlement_loan_id, substr(c.opened_at, 1, 10)
    FROM legal_case c JOIN loan l ON l.id = c.loan_id JOIN person p ON p.id = l.borrower_id
    LEFT JOIN consolidation k ON k.id = c.consolidation_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Case> {
    let claim_on: Option<NaiveDate> = r.get(10)?;
    let claim = claim_on.map(|as_of| -> rusqlite::Result<Claim> {
        Ok(Claim {
            as_of,
            principal: Satang(r.get(11)?),
            interest: Satang(r.get(12)?),
            default_interest: Satang(r.get(13)?),
            fees: Satang(r.get(14)?),
        })
    });
    Ok(Case {
        id: r.get(0)?,
        loan_id: r.get(1)?,
        consolidation_id: r.get(2)?,
        contract_no: r.get(3)?,
        borrower_name: r.get(4)?,
        court: r.get(5)?,
        black_no: r.get(6)?,
        red_no: r.get(7)?,
        lawyer: r.get(8)?,
        filed_on: r.get(9)?,
        claim: claim.transpose()?,
        judgment_on: r.get(15)?,
        judgment_amount: r.get::<_, Option<i64>>(16)?.map(Satang),
        judgment_rate: r.get::<_, Option<i64>>(17)?.and_then(|bp| AnnualRate::from_bp(bp).ok()),
        costs_awarded: r.get::<_, Option<i64>>(18)?.map(Satang),
        costs_charged: Satang(r.get(19)?),
        status: CaseStatus::from_code(&r.get::<_, String>(20)?),
        settlement_loan_id: r.get(21)?,
        opened_on: NaiveDate::parse_from_str(&r.get::<_, String>(22)?, "%Y-%m-%d")
            .unwrap_or_default(),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Case> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found("แฟ้มคดี"))
}

/// Every case, open ones first, newest first.
pub fn list(conn: &Connection) -> Result<Vec<Case>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} ORDER BY c.status = 'closed', c.id DESC"))?;
    Ok(stmt.query_map([], from_row)?.collect::<Result<_, _>>()?)
}

/// The case of a loan that is not closed (a settlement's loan finds its case too).
pub fn live_of_loan(conn: &Connection, loan_id: i64) -> Result<Option<Case>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE (c.loan_id = ?1 OR c.settlement_loan_id = ?1
               OR c.consolidation_id = (SELECT tranche_of FROM loan WHERE id = ?1)) AND c.status <> 'closed'
             ORDER BY c.id DESC LIMIT 1"
        ))?
        .query_row([loan_id], from_row)
        .optional()?)
}

/// The case's timeline, oldest first (events recorded ahead, such as a hearing date, by date).
pub fn events(conn: &Connection, case_id: i64) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.on_date, e.kind, e.amount, e.note, e.cost_kind, r.receipt_no, COALESCE(u.full_name, '')
         FROM legal_event e LEFT JOIN receipt r ON r.id = e.receipt_id LEFT JOIN app_user u ON u.id = e.recorded_by
         WHERE e.case_id = ?1 ORDER BY e.on_date, e.id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(Event {
            id: r.get(0)?,
            on_date: r.get(1)?,
            kind: EventKind::from_code(&r.get::<_, String>(2)?).unwrap_or(EventKind::Other),
            amount: Satang(r.get(3)?),
            note: r.get(4)?,
            cost_kind: r.get::<_, Option<String>>(5)?.as_deref().and_then(CostKind::from_code),
            receipt_no: r.get(6)?,
            recorded_by: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The open loans a case stands on (a consolidated contract's tranches).
fn case_loans(conn: &Connection, target: Target) -> Result<Vec<loans::Loan>> {
    let all = match target {
        Target::Loan(id) => vec![loans::get(conn, id)?],
        Target::Contract(id) => consolidations::tranches(conn, id)?,
    };
    Ok(all.into_iter().filter(|l| l.status.is_open()).collect())
}

/// Opens a case file on a loan or a consolidated contract still owing.
pub fn open(conn: &Connection, actor: &Actor, target: Target, c: &NewCase) -> Result<Case> {
    actor.require(Permission::Prepare)?;
    if c.court.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุศาลที่ฟ้อง"));
    }
    if c.opened_on > clock::today() {
        return Err(StoreError::refused("วันที่เปิดแฟ้มคดีต้องไม่เลยวันนี้"));
    }
    let open = case_loans(conn, target)?;
    let Some(first) = open.first() else {
        return Err(StoreError::refused("สัญญานี้ปิดแล้ว จึงเปิดแฟ้มคดีไม่ได้"));
    };
    if first.tranche_of.is_some() && matches!(target, Target::Loan(_)) {
        return Err(StoreError::refused("ส่วนของสัญญารวมหนี้ เปิดแฟ้มคดีที่สัญญารวมหนี้"));
    }
    for l in &open {
        if live_of_loan(conn, l.id)?.is_some() {
            return Err(StoreError::refused(format!("สัญญา {} มีแฟ้มคดีที่ยังไม่ปิดอยู่แล้ว", l.contract_no)));
        }
    }
    let consolidation_id = match target {
        Target::Contract(id) => Some(id),
        Target::Loan(_) => None,
    };
    conn.execute(
        "INSERT INTO legal_case (loan_id, consolidation_id, court, black_no, lawyer, status, opened_by, opened_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'preparing', ?6, ?7)",
        params![
            first.id,
            consolidation_id,
            c.court.trim(),
            c.black_no.trim(),
            c.lawyer.trim(),
            actor.user_id,
            c.opened_on.and_time(clock::now().time()).format("%Y-%m-%dT%H:%M:%S").to_string()
        ],
    )?;
    let id = conn.last_insert_rowid();
    let case = get(conn, id)?;
    audit::append(
        conn,
        actor,
        "open_case",
        "legal_case",
        Some(id),
        &format!("สัญญา {} {}", case.contract_no, case.court),
    )?;
    Ok(case)
}

/// One line of the timeline as written.
struct Entry<'a> {
    on: NaiveDate,
    kind: EventKind,
    amount: Satang,
    note: &'a str,
    cost_kind: Option<CostKind>,
    receipt_id: Option<i64>,
}

impl<'a> Entry<'a> {
    fn new(on: NaiveDate, kind: EventKind, amount: Satang, note: &'a str) -> Entry<'a> {
        Entry { on, kind, amount, note, cost_kind: None, receipt_id: None }
    }
}

fn insert_event(conn: &Connection, actor: &Actor, case_id: i64, e: Entry<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO legal_event (case_id, on_date, kind, amount, note, cost_kind, receipt_id, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            case_id,
            e.on,
            e.kind.code(),
            e.amount.0,
            e.note.trim(),
            e.cost_kind.map(CostKind::code),
            e.receipt_id,
            actor.user_id,
            clock::now_stamp()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records the filing on `filed_on` with the black case number: the claim is computed by the
/// statement engine on that day and kept; the loans go into litigation (their status before is
/// kept on the case).
pub fn file(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    filed_on: NaiveDate,
    black_no: &str,
) -> Result<Case> {
    actor.require(Permission::Prepare)?;
    let case = get(conn, id)?;
    if case.filed_on.is_some() {
        return Err(StoreError::refused("คดีนี้ยื่นฟ้องแล้ว"));
    }
    if black_no.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุคดีหมายเลขดำ"));
    }
    if filed_on > clock::today() {
        return Err(StoreError::refused("วันที่ยื่นฟ้องต้องไม่เลยวันนี้"));
    }
    let o = plans::outstanding(conn, case.target(), filed_on)?;
    let claim = Claim::from_outstanding(&o);
    let open = case_loans(conn, case.target())?;
    let previous = open.first().map(|l| l.status.code()).unwrap_or("active");
    conn.execute(
        "UPDATE legal_case SET filed_on = ?2, black_no = ?3, claim_on = ?2, claim_principal = ?4, claim_interest = ?5,
           claim_default_interest = ?6, claim_costs = ?7, status = 'filed', previous_status = ?8 WHERE id = ?1",
        params![
            id,
            filed_on,
            black_no.trim(),
            claim.principal.0,
            claim.interest.0,
            claim.default_interest.0,
            claim.fees.0,
            previous
        ],
    )?;
    for l in &open {
        conn.execute(
            "UPDATE loan SET status = ?2 WHERE id = ?1",
            params![l.id, LoanStatus::Litigation.code()],
        )?;
    }
    let note = format!("คดีหมายเลขดำที่ {} ทุนทรัพย์ {} บาท", black_no.trim(), claim.total());
    insert_event(conn, actor, id, Entry::new(filed_on, EventKind::Filing, claim.total(), &note))?;
    audit::append(
        conn,
        actor,
        "file_case",
        "legal_case",
        Some(id),
        &format!("สัญญา {} ยื่นฟ้อง {} {note}", case.contract_no, format_long(filed_on)),
    )?;
    get(conn, id)
}

/// A hearing date or an enforcement step (the kinds of `EventKind::PLAIN`).
pub fn record_event(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    kind: EventKind,
    on: NaiveDate,
    note: &str,
) -> Result<Event> {
    actor.require(Permission::KeepFiles)?;
    if !EventKind::PLAIN.contains(&kind) {
        return Err(StoreError::refused(format!("{kind} บันทึกด้วยแบบฟอร์มของรายการนั้น")));
    }
    let case = get(conn, id)?;
    if case.status == CaseStatus::Closed {
        return Err(StoreError::refused("แฟ้มคดีนี้ปิดแล้ว"));
    }
    let Some(filed_on) = case.filed_on else {
        return Err(StoreError::refused("ยังไม่ได้ยื่นฟ้อง: บันทึกการยื่นฟ้องก่อน"));
    };
    if on < filed_on {
        return Err(StoreError::refused("วันที่ต้องไม่ก่อนวันยื่นฟ้อง"));
    }
    if kind.is_enforcement() {
        if case.judgment_on.is_none() {
            return Err(StoreError::refused("บังคับคดีได้หลังศาลพิพากษาแล้วเท่านั้น"));
        }
        if on > clock::today() {
            return Err(StoreError::refused("ขั้นตอนบังคับคดีบันทึกเมื่อทำแล้ว วันที่ต้องไม่เลยวันนี้"));
        }
        conn.execute("UPDATE legal_case SET status = 'enforcing' WHERE id = ?1", [id])?;
    }
    let event_id = insert_event(conn, actor, id, Entry::new(on, kind, Satang::ZERO, note))?;
    audit::append(
        conn,
        actor,
        "case_event",
        "legal_case",
        Some(id),
        &format!("สัญญา {} {kind} {}", case.contract_no, format_long(on)),
    )?;
    events(conn, id)?
        .into_iter()
        .find(|e| e.id == event_id)
        .ok_or_else(|| StoreError::not_found("รายการในแฟ้มคดี"))
}

/// What the judgment ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgment {
    pub on: NaiveDate,
    pub red_no: String,
    pub amount: Satang,
    pub rate: AnnualRate,
    /// ค่าฤชาธรรมเนียมและค่าทนายความแทน the court awards: the ceiling of costs added to the debt.
    pub costs_awarded: Satang,
}

/// The judgment (treasurer or committee: it changes the debt by the costs it allows): the
/// 10-year enforcement clock starts on its date (the scan reads `judgment_on`).
pub fn judgment(conn: &Connection, actor: &Actor, id: i64, j: &Judgment) -> Result<Case> {
    actor.require(Permission::Approve)?;
    let case = get(conn, id)?;
    let Some(filed_on) = case.filed_on else {
        return Err(StoreError::refused("ยังไม่ได้ยื่นฟ้อง: บันทึกการยื่นฟ้องก่อน"));
    };
    if case.judgment_on.is_some() || case.status == CaseStatus::Settled {
        return Err(StoreError::refused("คดีนี้มีคำพิพากษาหรือประนีประนอมยอมความแล้ว"));
    }
    if j.on < filed_on || j.on > clock::today() {
        return Err(StoreError::refused("วันที่พิพากษาต้องอยู่ระหว่างวันยื่นฟ้องถึงวันนี้"));
    }
    if j.red_no.trim().is_empty() {
        return Err(StoreError::refused("กรุณาระบุคดีหมายเลขแดง"));
    }
    if !j.amount.is_positive() {
        return Err(StoreError::refused("จำนวนเงินตามคำพิพากษาต้องมากกว่าศูนย์"));
    }
    conn.execute(
        "UPDATE legal_case SET judgment_on = ?2, red_no = ?3, judgment_amount = ?4, judgment_rate_bp = ?5,
           costs_awarded = ?6, status = 'judged' WHERE id = ?1",
        params![id, j.on, j.red_no.trim(), j.amount.0, j.rate.bp(), j.costs_awarded.0],
    )?;
    let note = format!(
        "คดีหมายเลขแดงที่ {} ให้ชำระ {} บาท ดอกเบี้ยร้อยละ {} ต่อปี ค่าฤชาธรรมเนียมแทน {} บาท",
        j.red_no.trim(),
        j.amount,
        j.rate.percent().normalize(),
        j.costs_awarded
    );
    insert_event(conn, actor, id, Entry::new(j.on, EventKind::Judgment, j.amount, &note))?;
    sync_costs(conn, actor, id, j.on)?;
    audit::append(conn, actor, "case_judgment", "legal_case", Some(id), &note)?;
    get(conn, id)
}

/// A cost the case incurred (court fee, lawyer's fee, enforcement fee).
pub fn cost(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    on: NaiveDate,
    kind: CostKind,
    amount: Satang,
    note: &str,
) -> Result<Case> {
    actor.require(Permission::KeepFiles)?;
    if !amount.is_positive() {
        return Err(StoreError::refused("จำนวนเงินต้องมากกว่าศูนย์"));
    }
    let case = get(conn, id)?;
    if case.status == CaseStatus::Closed {
        return Err(StoreError::refused("แฟ้มคดีนี้ปิดแล้ว"));
    }
    if on > clock::today() {
        return Err(StoreError::refused("วันที่จ่ายต้องไม่เลยวันนี้"));
    }
    insert_event(
        conn,
        actor,
        id,
        Entry { cost_kind: Some(kind), ..Entry::new(on, EventKind::Cost, amount, note) },
    )?;
    sync_costs(conn, actor, id, on)?;
    audit::append(
        conn,
        actor,
        "case_cost",
        "legal_case",
        Some(id),
        &format!("สัญญา {} {kind} {amount} บาท", case.contract_no),
    )?;
    get(conn, id)
}

/// Adds to the debt (a fee on the loan payments go to) what the judgment now allows of the
/// costs and was not added yet.
fn sync_costs(conn: &Connection, actor: &Actor, id: i64, on: NaiveDate) -> Result<()> {
    let case = get(conn, id)?;
    let spent: Vec<(CostKind, Satang)> =
        events(conn, id)?.into_iter().filter_map(|e| e.cost_kind.map(|k| (k, e.amount))).collect();
    let allowed = chargeable_costs(&spent, case.costs_awarded);
    let more = allowed - case.costs_charged;
    if !more.is_positive() {
        return Ok(());
    }
    let loan = case.current_loan();
    conn.execute(
        "INSERT INTO fee (loan_id, charged_on, amount, reason, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            loan,
            on,
            more.0,
            format!("ค่าฤชาธรรมเนียมตามคำพิพากษา คดีหมายเลขแดงที่ {}", case.red_no),
            actor.user_id,
            clock::now_stamp()
        ],
    )?;
    conn.execute("UPDATE legal_case SET costs_charged = ?2 WHERE id = ?1", params![id, allowed.0])?;
    ledger::rebuild(conn, loan)?;
    Ok(())
}

/// Money received from the Legal Execution Department (เงินที่ได้รับจากกรมบังคับคดี): a payment
/// through the ledger (its receipt on the timeline). Returns the receipt number.
pub fn proceeds(
    conn: &Connection,
    actor: &Actor,
    id: i64,
    on: NaiveDate,
    amount: Satang,
    note: &str,
) -> Result<String> {
    actor.require(Permission::RecordPayment)?;
    let case = get(conn, id)?;
    if case.judgment_on.is_none() {
        return Err(StoreError::refused("เงินจากกรมบังคับคดีได้รับหลังศาลพิพากษาแล้วเท่านั้น"));
    }
    if !amount.is_positive() {
        return Err(StoreError::refused("จำนวนเงินต้องมากกว่าศูนย์"));
    }
    let today = clock::today();
    let payer = "กรมบังคับคดี";
    let text = format!("เงินจากการบังคับคดี คดีหมายเลขแดงที่ {} {}", case.red_no, note.trim());
    let (receipt_id, receipt_no) = match case.consolidation_id {
        Some(c) => {
            let p = contract_payments::ContractPayment {
                paid_on: on,
                amount,
                channel: Channel::Transfer,
                payer_name: payer,
                note: &text,
            };
            let r = contract_payments::record(conn, actor, c, &p, today)?;
            (r.receipt_id, r.receipt_no)
        }
        None => {
            let p = ledger::NewPayment {
                loan_id: case.current_loan(),
                paid_on: on,
                amount,
                channel: Channel::Transfer,
                payer_name: payer.into(),
                note: text.clone(),
            };
            let r = ledger::record(conn, actor, &p, today)?;
            (r.receipt_id, r.receipt_no)
        }
    };
    insert_event(
        conn,
        actor,
        id,
        Entry { receipt_id: Some(receipt_id), ..Entry::new(on, EventKind::Proceeds, amount, note) },
    )?;
    conn.execute("UPDATE legal_case SET status = 'enforcing' WHERE id = ?1", [id])?;
    audit::append(
        conn,
        actor,
        "case_proceeds",
        "legal_case",
        Some(id),
        &format!("สัญญา {} {receipt_no} {amount} บาท", case.contract_no),
    )?;
    Ok(receipt_no)
}
