//! The case summary for the lawyer (สรุปข้อมูลคดีสำหรับทนายความ, issue 13 §6): the parties, the
//! contract, its schedule, the payments received and the claim on the filing date with its
//! workings, as a numbered letter in the register in the Thai official layout.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::plan_docs::Notice;
use super::{IssueError, Result, gather};
use crate::domain::Satang;
use crate::domain::letter::Kind;
use crate::domain::letter::compose::{self, Addressee, Context};
use crate::domain::letter::facts::{AmountRow, Facts};
use crate::domain::letter::template::Run;
use crate::domain::loan::PartyRole;
use crate::domain::thai::date::format_long;
use crate::store::{court_cases, ledger, loans};

fn field(text: impl Into<String>) -> Run {
    Run { text: text.into(), field: true }
}

fn words(text: &str) -> Run {
    Run { text: text.to_string(), field: false }
}

/// Composes the summary of case `case_id`, dated `date` (not yet numbered). The case must have
/// been filed: the claim is the one computed on the filing date.
pub fn summary(conn: &Connection, case_id: i64, date: NaiveDate) -> Result<Notice> {
    let case = court_cases::get(conn, case_id)?;
    let Some(claim) = case.claim else {
        return Err(IssueError::Refused("ยังไม่ได้ยื่นฟ้อง จึงยังไม่มีทุนทรัพย์ที่ฟ้องให้สรุป".into()));
    };
    let loan = loans::get(conn, case.loan_id)?;
    let office = gather::office(conn)?;
    let kind = Kind::CaseSummary;
    let lawyer = if case.lawyer.trim().is_empty() {
        "ทนายความผู้รับมอบอำนาจ".to_string()
    } else {
        case.lawyer.clone()
    };
    let ctx = Context {
        head: office.head.clone(),
        number: String::new(),
        date,
        recipient: Addressee { name: lawyer, lines: vec![] },
        borrower: loan.borrower_name.clone(),
        contract_no: loan.contract_no.clone(),
        contract_date: loan.start,
        fund: loan.fund_name.clone(),
        principal: loan.principal,
        signer: office.signer(kind).clone(),
        promptpay: None,
        bank_account: String::new(),
    };
    let rows: Vec<AmountRow> =
        claim.workings().into_iter().map(|(label, amount)| AmountRow { label, amount }).collect();
    let facts = Facts {
        as_of: claim.as_of,
        pay_by: date,
        rows,
        total: claim.total(),
        due_rows: Vec::new(),
        overdue_installments: 0,
        days_past_due: 0,
        oldest_due: None,
        default_on: None,
        payoff: Satang::ZERO,
    };
    let template = crate::store::letters::template(conn, kind)?;
    let mut l = compose::compose(kind, &template, &ctx, &facts)?;
    l.reference = vec![
        words("คดีหมายเลขดำที่ "),
        field(case.black_no.clone()),
        words(" "),
        field(case.court.clone()),
        words(" ยื่นฟ้องเมื่อวันที่ "),
        field(case.filed_on.map(format_long).unwrap_or_default()),
    ];

    // Parties.
    let parties = loans::parties(conn, loan.id)?;
    let names = |role: PartyRole| -> String {
        let n: Vec<String> =
            parties.iter().filter(|p| p.role == role).map(|p| p.name.clone()).collect();
        if n.is_empty() { "ไม่มี".into() } else { n.join(", ") }
    };
    l.body.push(vec![
        words("1. คู่ความ: ผู้กู้ "),
        field(loan.borrower_name.clone()),
        words(" ผู้กู้ร่วม "),
        field(names(PartyRole::CoBorrower)),
        words(" ผู้ค้ำประกัน "),
        field(names(PartyRole::Guarantor)),
    ]);
    // Contract.
    l.body.push(vec![
        words("2. สัญญาเงินกู้เลขที่ "),
        field(loan.contract_no.clone()),
        words(" ลงวันที่ "),
        field(format_long(loan.start)),
        words(" เงินต้น "),
        field(format!("{} บาท", loan.principal)),
        words(" อัตราดอกเบี้ยร้อยละ "),
        field(format!("{} ต่อปี", loan.rate.percent().normalize())),
        words(" ดอกเบี้ยผิดนัดร้อยละ "),
        field(format!("{} ต่อปี", loan.penalty_rate.percent().normalize())),
        words(" จาก"),
        field(loan.fund_name.clone()),
    ]);
    // Schedule.
    let schedule = loans::schedule(conn, loan.id)?;
    let st = loans::statement(conn, &loan, claim.as_of)?;
    let first = schedule.installments.first().map(|i| format_long(i.due_date)).unwrap_or_default();
    let last = schedule.installments.last().map(|i| format_long(i.due_date)).unwrap_or_default();
    l.body.push(vec![
        words("3. ตารางผ่อนชำระ "),
        field(format!("{} งวด", schedule.installments.len())),
        words(" งวดแรก "),
        field(first),
        words(" งวดสุดท้าย "),
        field(last),
        words(" ณ วันยื่นฟ้องค้างชำระ "),
        field(format!("{} งวด", st.overdue_installments)),
        words(" เป็นเงินที่ถึงกำหนดแล้ว "),
        field(format!("{} บาท", st.overdue_amount)),
    ]);
    // Payments.
    let payments = ledger::payments(conn, loan.id)?;
    let paid: Satang = payments.iter().map(|p| p.amount).sum();
    let mut p = vec![
        words("4. การชำระ: ชำระแล้ว "),
        field(format!("{} ครั้ง", payments.len())),
        words(" รวม "),
        field(format!("{paid} บาท")),
    ];
    if let Some(last) = payments.iter().map(|p| p.paid_on).max() {
        p.push(words(" ชำระครั้งล่าสุดเมื่อวันที่ "));
        p.push(field(format_long(last)));
    }
    l.body.push(p);
    // The claim's workings.
    let mut w = vec![
        words("5. ทุนทรัพย์ที่ฟ้อง ณ วันที่ "),
        field(format_long(claim.as_of)),
        words(" คำนวณดังตารางข้างต้น รวม "),
        field(format!("{} บาท", claim.total())),
        words(
            " ดอกเบี้ยผิดนัดคิดเป็นรายวันเฉพาะเงินต้นของงวดที่ผิดนัดนับแต่วันถัดจากวันครบกำหนดของแต่ละงวด ไม่คิดดอกเบี้ยซ้อนดอกเบี้ย (ป.พ.พ. มาตรา 224/1 และ 655)",
        ),
    ];
    if case.costs_charged.is_positive() {
        w.push(words(" ค่าฤชาธรรมเนียมตามคำพิพากษาที่รวมเข้าในหนี้ "));
        w.push(field(format!("{} บาท", case.costs_charged)));
    }
    l.body.push(w);
    Ok(Notice { letter: l, loan_id: Some(loan.id), person_id: Some(loan.borrower_id) })
}
