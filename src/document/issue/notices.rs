//! The two letters of a plan's later stages: the notice that a release step (ปลด) has been earned,
//! with what is released and what is still set aside, and the clearance certificate (หมดหนี้) of
//! a contract paid off, refused with the reason when it is not.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::plan_docs::{Notice, approved, notice, plan_loans};
use super::{IssueError, Result, gather};
use crate::domain::Satang;
use crate::domain::letter::Kind;
use crate::domain::letter::facts::AmountRow;
use crate::domain::letter::template::Run;
use crate::domain::loan::LoanStatus;
use crate::domain::statement::Part;
use crate::domain::thai::date::format_long;
use crate::domain::thai::words::baht_text;
use crate::store::{consolidations, loans, plan_tracking};

fn field(text: impl Into<String>) -> Run {
    Run { text: text.into(), field: true }
}

fn words(text: &str) -> Run {
    Run { text: text.to_string(), field: false }
}

/// The notice of release step `step` (the latest earned when `None`) of an approved plan.
pub fn release_notice(
    conn: &Connection,
    plan_id: i64,
    date: NaiveDate,
    step: Option<u32>,
) -> Result<Notice> {
    let (rec, _) = approved(conn, plan_id)?;
    let earned = plan_tracking::releases(conn, plan_id)?;
    let chosen = match step {
        Some(k) => earned.iter().find(|(m, _, _)| *m == k),
        None => earned.last(),
    };
    let Some(&(k, share, earned_on)) = chosen else {
        return Err(IssueError::Refused(match step {
            Some(k) => format!("แผนนี้ยังไม่ได้รับการปลดหนี้ครั้งที่ {k}"),
            None => "แผนนี้ยังไม่มีการปลดหนี้ที่ได้รับตามเงื่อนไข (ยังชำระไม่ครบตามกำหนด)".into(),
        }));
    };
    let rule =
        rec.plan.release.ok_or_else(|| IssueError::Refused("แผนนี้ไม่มียอดพักไว้เพื่อปลดหนี้".into()))?;
    let (_, new) = plan_loans(conn, plan_id)?;
    let loan = new.first().ok_or_else(|| IssueError::Refused("ไม่พบสัญญาตามแผนนี้".into()))?;
    let contract_no = new.iter().map(|l| l.contract_no.as_str()).collect::<Vec<_>>().join(", ");
    let released: Satang = earned.iter().filter(|(m, _, _)| *m <= k).map(|(_, a, _)| *a).sum();
    let remaining = rule.amount - released;
    let office = gather::office(conn)?;
    let rows = vec![AmountRow {
        label: format!("ปลดหนี้ส่วนที่พักไว้ ครั้งที่ {k}"), amount: share
    }];
    let mut n =
        notice(conn, &office, Kind::ReleaseNotice, loan, (date, earned_on), rows, contract_no)?;
    n.letter.body.push(vec![
        words("ยอดที่พักไว้ตามแผนทั้งสิ้น "),
        field(format!("{} บาท", rule.amount)),
        words(" ปลดหนี้แล้วรวม "),
        field(format!("{released} บาท")),
        words(" คงเหลือยอดที่ยังพักไว้ "),
        field(format!("{remaining} บาท ({})", baht_text(remaining))),
        words(" ซึ่งจะปลดต่อไปเมื่อท่านชำระตรงตามแผนครบทุก "),
        field(format!("{} งวด", rule.every)),
        words(" ทั้งนี้ หากค้างชำระถึง "),
        field(format!("{} งวด", rule.break_after_missed)),
        words(" ยอดที่ยังพักไว้จะกลับเป็นหนี้ที่ต้องชำระ"),
    ]);
    Ok(n)
}

/// The clearance certificate of a loan or consolidated contract, dated `date`; refused with
/// the reason when it is not paid off.
pub fn clearance(conn: &Connection, contract_no: &str, date: NaiveDate) -> Result<Notice> {
    let (shown, parts) = match consolidations::by_contract(conn, contract_no) {
        Ok(rec) if rec.status == "approved" => (
            rec.contract_no.clone().unwrap_or_default(),
            consolidations::tranches(conn, rec.id)?
                .into_iter()
                .filter(|t| t.status != LoanStatus::Voided)
                .collect(),
        ),
        _ => {
            let loan = loans::by_contract(conn, contract_no)?;
            (loan.contract_no.clone(), vec![loan])
        }
    };
    let mut paid = [Satang::ZERO; 4];
    let mut paid_off_on = NaiveDate::MIN;
    for loan in &parts {
        let on = paid_off(conn, loan, date)?;
        paid_off_on = paid_off_on.max(on);
        for a in loans::statement(conn, loan, on)?.allocations {
            for (slot, part) in [Part::Principal, Part::Interest, Part::DefaultInterest, Part::Fee]
                .iter()
                .enumerate()
            {
                paid[slot] += a.total_of(*part);
            }
        }
    }
    let first = parts.first().ok_or_else(|| IssueError::Refused(format!("ไม่พบสัญญา {shown}")))?;
    let labels = ["ชำระเงินต้น", "ชำระดอกเบี้ย", "ชำระดอกเบี้ยผิดนัด", "ชำระค่าธรรมเนียม"];
    let rows = labels
        .iter()
        .zip(paid)
        .map(|(l, amount)| AmountRow { label: l.to_string(), amount })
        .collect();
    let office = gather::office(conn)?;
    notice(conn, &office, Kind::ClearanceCertificate, first, (date, paid_off_on), rows, shown)
}

/// The day `loan` was paid off, or why it cannot be certified.
fn paid_off(conn: &Connection, loan: &loans::Loan, date: NaiveDate) -> Result<NaiveDate> {
    let refuse = |why: String| {
        Err(IssueError::Refused(format!(
            "สัญญา {} {why} จึงออกหนังสือรับรองการชำระหนี้เสร็จสิ้นไม่ได้",
            loan.contract_no
        )))
    };
    match loan.status {
        LoanStatus::Closed => {}
        LoanStatus::Restructured => {
            let next: Option<String> = conn
                .query_row(
                    "SELECT contract_no FROM loan WHERE restructured_from = ?1 ORDER BY id DESC LIMIT 1",
                    [loan.id],
                    |r| r.get(0),
                )
                .optional()?;
            return refuse(format!(
                "ปรับโครงสร้างหนี้เป็นสัญญา {} แล้ว หนี้ยังคงอยู่ตามสัญญาใหม่",
                next.unwrap_or_else(|| "ใหม่".into())
            ));
        }
        LoanStatus::Consolidated => {
            let into = loan.consolidated_into.map(|c| consolidations::get(conn, c)).transpose()?;
            let no = into.and_then(|r| r.contract_no).unwrap_or_else(|| "รวมหนี้".into());
            return refuse(format!("รวมเข้าสัญญา {no} แล้ว หนี้ยังคงอยู่ตามสัญญารวมหนี้"));
        }
        s if s.is_open() => {
            let st = loans::statement(conn, loan, date.max(loan.start))?;
            return refuse(format!(
                "ยังชำระไม่เสร็จสิ้น ณ วันที่ {} คงค้าง {} บาท",
                format_long(date),
                st.payoff
            ));
        }
        other => return refuse(format!("มีสถานะ{other}")),
    }
    let on = loan.closed_on.unwrap_or(date);
    // A residue written off with approval (ตัดยอดเศษสตางค์) closed the loan: nothing is owed.
    if !loans::statement(conn, loan, on)?.is_paid_off()
        && crate::store::write_offs::approved(conn, loan.id)?.is_none()
    {
        return refuse("ยังมียอดที่ไม่ได้ชำระ".into());
    }
    Ok(on)
}
