//! The letters of a complaint (ISO 10002): the acknowledgment, the response with the finding and
//! the remedy (for a disputed amount confirmed, the statement's workings as the letter's table),
//! and the closure notice. Each is numbered in the letter register like every other letter, and
//! goes only to a complainant who gave a name and an address.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::plan_docs::Notice;
use super::{IssueError, Result, gather};
use crate::domain::Satang;
use crate::domain::complaints::Category;
use crate::domain::letter::Kind;
use crate::domain::letter::compose::{self, Addressee, Context};
use crate::domain::letter::facts::{AmountRow, Facts};
use crate::domain::letter::template::Run;
use crate::domain::thai::date::format_long;
use crate::store::complaints::{self, Identity};
use crate::store::{Actor, loans};

fn field(text: impl Into<String>) -> Run {
    Run { text: text.into(), field: true }
}

fn words(text: &str) -> Run {
    Run { text: text.to_string(), field: false }
}

/// Which of the three letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Acknowledgment,
    Response,
    Closure,
}

impl Which {
    pub fn kind(self) -> Kind {
        match self {
            Which::Acknowledgment => Kind::ComplaintAcknowledgment,
            Which::Response => Kind::ComplaintResponse,
            Which::Closure => Kind::ComplaintClosure,
        }
    }

    pub fn from_code(code: &str) -> Option<Which> {
        match code {
            "acknowledgment" => Some(Which::Acknowledgment),
            "response" => Some(Which::Response),
            "closure" => Some(Which::Closure),
            _ => None,
        }
    }
}

/// The statement's workings of a disputed loan on `date`: what is owed, part by part, and the
/// principal lent, repaid and still owed, so the complainant can follow the figure.
fn workings(
    conn: &Connection,
    loan_id: i64,
    date: NaiveDate,
) -> Result<(Vec<AmountRow>, Vec<Run>)> {
    let loan = loans::get(conn, loan_id)?;
    let st = loans::statement(conn, &loan, date)?;
    let rows = vec![
        AmountRow {
            label: "เงินต้นและดอกเบี้ยที่ถึงกำหนดชำระแล้วแต่ยังไม่ได้ชำระ".into(),
            amount: st.overdue_amount,
        },
        AmountRow {
            label: "ดอกเบี้ยผิดนัด".into(), amount: st.default_interest
        },
        AmountRow { label: "ค่าธรรมเนียม".into(), amount: st.fees_due },
    ];
    let paid: Satang = st.principal_paid();
    let runs = vec![
        words("สัญญาเลขที่ "),
        field(loan.contract_no.clone()),
        words(" เงินต้นตามสัญญา "),
        field(format!("{} บาท", loan.principal)),
        words(" ชำระเงินต้นแล้ว "),
        field(format!("{paid} บาท")),
        words(" คงเหลือเงินต้น "),
        field(format!("{} บาท", st.outstanding_principal)),
        words(" ชำระมาแล้ว "),
        field(format!("{} ครั้ง", st.allocations.len())),
        words(" ค้างชำระ "),
        field(format!("{} งวด", st.overdue_installments)),
        words(" ณ วันที่ "),
        field(format_long(date)),
    ];
    Ok((rows, runs))
}

/// Composes the letter `which` of complaint `id`, dated `date` (not yet numbered).
pub fn letter(conn: &Connection, id: i64, which: Which, date: NaiveDate) -> Result<Notice> {
    let file = complaints::get(conn, &Actor::system(), id, date)?;
    let who: Identity = complaints::addressee(conn, id)?;
    if who.name == complaints::ANONYMOUS {
        return Err(IssueError::Refused("ผู้ร้องเรียนไม่ประสงค์ออกนาม จึงส่งหนังสือถึงผู้ร้องเรียนไม่ได้".into()));
    }
    let recipient = match who.person_id {
        Some(p) => gather::addressee(conn, p)?,
        None if who.address.trim().is_empty() => {
            return Err(IssueError::Refused("ผู้ร้องเรียนไม่ได้ให้ที่อยู่ไว้ จึงส่งหนังสือไม่ได้".into()));
        }
        None => Addressee { name: who.name.clone(), lines: vec![who.address.clone()] },
    };
    match which {
        Which::Response if file.finding.is_empty() => {
            return Err(IssueError::Refused("เรื่องนี้ยังไม่ได้แจ้งผลการพิจารณา".into()));
        }
        Which::Closure if file.row.open => {
            return Err(IssueError::Refused("เรื่องนี้ยังไม่ได้ปิด".into()));
        }
        _ => {}
    }
    let office = gather::office(conn)?;
    let kind = which.kind();
    let first_loan = file.loan_ids.first().map(|l| loans::get(conn, *l)).transpose()?;
    let mut rows = Vec::new();
    let mut workings_text = Vec::new();
    let confirmed =
        file.row.category == Category::DisputedAmount && file.amount_confirmed == Some(true);
    if which == Which::Response
        && confirmed
        && let Some(l) = &first_loan
    {
        (rows, workings_text) = workings(conn, l.id, date)?;
    }
    let total: Satang = rows.iter().map(|r: &AmountRow| r.amount).sum();
    let ctx = Context {
        head: office.head.clone(),
        number: String::new(),
        date,
        recipient,
        borrower: who.name.clone(),
        contract_no: first_loan.as_ref().map(|l| l.contract_no.clone()).unwrap_or_default(),
        contract_date: first_loan.as_ref().map(|l| l.start).unwrap_or(file.row.received_on),
        fund: first_loan.as_ref().map(|l| l.fund_name.clone()).unwrap_or_default(),
        principal: first_loan.as_ref().map(|l| l.principal).unwrap_or(Satang::ZERO),
        signer: office.signer(kind).clone(),
        promptpay: None,
        bank_account: String::new(),
    };
    let facts = Facts {
        as_of: date,
        pay_by: date,
        rows,
        total,
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
        words("เรื่องร้องเรียนเลขที่ "),
        field(file.row.number.clone()),
        words(" รับเรื่องเมื่อวันที่ "),
        field(format_long(file.row.received_on)),
        words(" เรื่อง "),
        field(file.detail.clone()),
    ];
    match which {
        Which::Acknowledgment => {
            let due = file.row.due_on.unwrap_or(date);
            let respond_by = crate::domain::complaints::add_working_days(
                file.row.received_on,
                complaints::targets(conn)?.respond,
                &crate::store::holidays::calendar(conn, file.row.received_on)?,
            );
            l.body.push(vec![
                words("สถาบันจะแจ้งผลการพิจารณาให้ท่านทราบภายในวันที่ "),
                field(format_long(respond_by.max(due))),
                if file.row.category.holds_collection() {
                    words(" ระหว่างนี้สถาบันได้พักการติดตามหนี้ตามสัญญาที่ท่านโต้แย้งไว้จนกว่าจะพิจารณาเสร็จ")
                } else {
                    words("")
                },
            ]);
        }
        Which::Response => {
            l.body.push(vec![words("ผลการพิจารณา: "), field(file.finding.clone())]);
            if !file.remedy.is_empty() {
                l.body.push(vec![words("การแก้ไขเยียวยา: "), field(file.remedy.clone())]);
            }
            if confirmed {
                let mut p =
                    vec![words("สถาบันได้ตรวจสอบยอดหนี้แล้วเห็นว่าถูกต้อง รายการคำนวณเป็นดังตารางข้างต้น ")];
                p.extend(workings_text);
                l.body.push(p);
            } else if file.amount_confirmed == Some(false) {
                l.body.push(vec![words(
                    "สถาบันจะแก้ไขยอดหนี้ตามผลการพิจารณาโดยการกลับรายการและอนุมัติตามระเบียบ และจะแจ้งยอดที่ถูกต้องให้ท่านทราบ",
                )]);
            }
            l.body.push(vec![words(
                "หากท่านไม่พอใจผลการพิจารณา ท่านขอให้สถาบันพิจารณาใหม่ได้ภายใน 30 วันนับแต่วันที่ได้รับหนังสือนี้",
            )]);
        }
        Which::Closure => {
            if file.row.category.holds_collection() {
                l.body.push(vec![words("เมื่อปิดเรื่องแล้ว สถาบันจะติดตามการชำระหนี้ตามสัญญาตามปกติต่อไป")]);
            }
        }
    }
    Ok(Notice { letter: l, loan_id: first_loan.map(|l| l.id), person_id: who.person_id })
}
