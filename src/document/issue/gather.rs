//! Reading what a letter needs from the database: the office (letterhead, logo, PromptPay,
//! signatories), the contract a letter is about (a loan, or a household's consolidated
//! contract with its tranches), its facts as of the letter's date, and the recipients.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::IssueError;
use crate::domain::Satang;
use crate::domain::letter::Kind;
use crate::domain::letter::compose::{Addressee, Letterhead, Signer};
use crate::domain::letter::facts::{self, Facts};
use crate::domain::loan::PartyRole;
use crate::domain::promptpay::PromptPayId;
use crate::store::{consolidations, institute, loans, persons};

/// The institute as its documents show it; read once per batch.
#[derive(Debug, Clone)]
pub(crate) struct Office {
    pub head: Letterhead,
    pub logo: Option<Vec<u8>>,
    pub promptpay: Option<PromptPayId>,
    /// Why invoices carry no QR (no PromptPay id set, or one that is not valid).
    pub promptpay_problem: Option<String>,
    pub bank_account: String,
    pub letter_prefix: String,
    pub chair: Signer,
    pub treasurer: Signer,
}

impl Office {
    /// Who signs a kind of document: money documents the treasurer, letters the chair.
    pub fn signer(&self, kind: Kind) -> &Signer {
        match kind {
            Kind::Invoice | Kind::Receipt => &self.treasurer,
            _ => &self.chair,
        }
    }
}

pub(crate) fn office(conn: &Connection) -> Result<Office, IssueError> {
    let inst = institute::get(conn)?
        .ok_or_else(|| IssueError::Refused("ยังไม่ได้ตั้งค่าข้อมูลสถาบัน (ชื่อ ที่อยู่) จึงออกหนังสือไม่ได้".into()))?;
    let signer = |duty: &str, fallback: &str| -> Result<Signer, IssueError> {
        Ok(match institute::signatory_for(conn, duty)? {
            Some(s) => Signer { name: s.name, position: s.position },
            None => Signer { name: String::new(), position: fallback.into() },
        })
    };
    let (promptpay, promptpay_problem) = match PromptPayId::parse(&inst.promptpay_id) {
        Ok(id) => (Some(id), None),
        Err(e) => (None, Some(e.to_string())),
    };
    Ok(Office {
        head: Letterhead { name: inst.name, address: inst.address, phone: inst.phone },
        logo: inst.logo_png.filter(|l| !l.is_empty()),
        promptpay,
        promptpay_problem,
        bank_account: inst.bank_account,
        letter_prefix: inst.letter_prefix,
        chair: signer("chair", "ประธานกรรมการ")?,
        treasurer: signer("treasurer", "เหรัญญิก")?,
    })
}

/// The contract a letter is about: one loan, or a consolidated contract (its tranches).
#[derive(Debug, Clone)]
pub(crate) struct Subject {
    /// The loan, or the contract's first tranche: the register's link.
    pub loan_id: i64,
    pub loans: Vec<loans::Loan>,
    pub contract_no: String,
    pub contract_date: NaiveDate,
    pub fund: String,
    pub principal: Satang,
    pub borrower_id: i64,
    pub borrower_name: String,
    pub guarantors: Vec<i64>,
}

/// The subject of a loan id; a tranche stands for its whole consolidated contract.
pub(crate) fn subject(conn: &Connection, loan_id: i64) -> Result<Subject, IssueError> {
    let loan = loans::get(conn, loan_id)?;
    if let Some(contract) = loan.tranche_of {
        return contract_subject(conn, contract);
    }
    if !loan.status.is_open() {
        return Err(IssueError::Refused(format!(
            "สัญญา {} มีสถานะ{} จึงออกหนังสือทวงถามหรือใบแจ้งหนี้ไม่ได้",
            loan.contract_no, loan.status
        )));
    }
    let guarantors = loans::parties(conn, loan.id)?
        .into_iter()
        .filter(|p| p.role == PartyRole::Guarantor)
        .map(|p| p.person_id)
        .collect();
    Ok(Subject {
        loan_id: loan.id,
        contract_no: loan.contract_no.clone(),
        contract_date: loan.start,
        fund: loan.fund_name.clone(),
        principal: loan.principal,
        borrower_id: loan.borrower_id,
        borrower_name: loan.borrower_name.clone(),
        guarantors,
        loans: vec![loan],
    })
}

fn contract_subject(conn: &Connection, consolidation_id: i64) -> Result<Subject, IssueError> {
    let rec = consolidations::get(conn, consolidation_id)?;
    let tranches: Vec<loans::Loan> = consolidations::tranches(conn, consolidation_id)?
        .into_iter()
        .filter(|t| t.status.is_open())
        .collect();
    let first = tranches.first().ok_or_else(|| {
        IssueError::Refused(format!(
            "สัญญารวมหนี้ {} ไม่มียอดคงค้าง",
            rec.contract_no.clone().unwrap_or_default()
        ))
    })?;
    let mut funds: Vec<&str> = Vec::new();
    for t in &tranches {
        if !funds.contains(&t.fund_name.as_str()) {
            funds.push(&t.fund_name);
        }
    }
    Ok(Subject {
        loan_id: first.id,
        contract_no: rec.contract_no.clone().unwrap_or_else(|| first.contract_no.clone()),
        contract_date: rec.as_of,
        fund: funds.join(" และ"),
        principal: tranches
            .iter()
            .filter(|t| t.tranche_part.as_deref() != Some("carried"))
            .map(|t| t.principal)
            .sum(),
        borrower_id: first.borrower_id,
        borrower_name: first.borrower_name.clone(),
        guarantors: rec.settings.guarantors.clone(),
        loans: tranches,
    })
}

/// The facts of the subject as of `as_of` (summed over a contract's tranches).
pub(crate) fn facts_of(
    conn: &Connection,
    s: &Subject,
    kind: Kind,
    as_of: NaiveDate,
    pay_within: u64,
) -> Result<Facts, IssueError> {
    let mut parts = Vec::with_capacity(s.loans.len());
    for loan in &s.loans {
        if loan.start > as_of {
            return Err(IssueError::Refused(format!(
                "สัญญา {} เริ่มหลังวันที่ของหนังสือ",
                loan.contract_no
            )));
        }
        let st = loans::statement(conn, loan, as_of)?;
        parts.push(facts::collect(kind, &st, pay_within));
    }
    facts::merge(&parts)
        .ok_or_else(|| IssueError::Refused(format!("สัญญา {} ไม่มียอดคงค้าง", s.contract_no)))
}

/// Whether a letter of this kind has something to ask: collection letters only when something
/// is overdue, an invoice when something is due, a guarantor notice when there are guarantors.
pub(crate) fn nothing_to_ask(kind: Kind, s: &Subject, f: &Facts) -> Option<String> {
    if !f.total.is_positive() {
        return Some(match kind {
            Kind::Invoice => format!("สัญญา {} ไม่มียอดที่ถึงกำหนดชำระ", s.contract_no),
            _ => format!("สัญญา {} ไม่มียอดค้างชำระ", s.contract_no),
        });
    }
    if kind != Kind::Invoice && f.overdue_installments == 0 {
        return Some(format!("สัญญา {} ไม่มีงวดที่ค้างชำระ", s.contract_no));
    }
    if kind == Kind::Guarantor && s.guarantors.is_empty() {
        return Some(format!("สัญญา {} ไม่มีผู้ค้ำประกัน", s.contract_no));
    }
    None
}

/// Who receives the letter: each guarantor of a guarantor notice, otherwise the borrower.
pub(crate) fn recipients(kind: Kind, s: &Subject) -> Vec<i64> {
    if kind == Kind::Guarantor { s.guarantors.clone() } else { vec![s.borrower_id] }
}

/// A person's name and household address as an envelope shows it.
pub(crate) fn addressee(conn: &Connection, person_id: i64) -> Result<Addressee, IssueError> {
    let p = persons::get(conn, person_id)?;
    Ok(Addressee { name: p.full_name(), lines: p.address.lines() })
}

/// The s.686 warning for a guarantor notice sent more than sixty days after the default.
pub(crate) fn late_notice_warning(s: &Subject, f: &Facts, sent_on: NaiveDate) -> Option<String> {
    use crate::domain::thai::date::format_long;
    let (default_on, deadline) = (f.default_on?, f.guarantor_deadline()?);
    f.guarantor_notice_late(sent_on).then(|| {
        format!(
            "สัญญา {}: ผิดนัดตั้งแต่ {} ต้องบอกกล่าวผู้ค้ำประกันภายใน {} (ป.พ.พ. ม.686) หนังสือนี้ส่งเกินกำหนด ผู้ค้ำประกันจึงไม่ต้องรับผิดในดอกเบี้ยและค่าสินไหมทดแทนที่เกิดหลังพ้นกำหนดนั้น",
            s.contract_no,
            format_long(default_on),
            format_long(deadline)
        )
    })
}
