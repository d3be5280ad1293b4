//! Reading the documents of a restructuring plan from the database: the agreement of an approved
//! plan, the notice of a release step earned, and the clearance certificate of a paid-off loan.
//! The notice and the certificate are official letters composed from their editable templates.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::docs::{Document, Entry, formal_document, opening};
use super::gather::{self, Office};
use super::household::{heading, party};
use super::{IssueError, Result, render};
use crate::document::kinds::agreement::{AgreementDoc, PlanRow, Release, TermRow};
use crate::document::kinds::{self, Mark};
use crate::document::{DocError, PdfBuilder};
use crate::domain::Satang;
use crate::domain::consolidation::even_parts;
use crate::domain::letter::Kind;
use crate::domain::letter::compose::{self, Context, Letter};
use crate::domain::letter::facts::{AmountRow, Facts};
use crate::domain::plan::{Cadence, GraceKind};
use crate::domain::thai::date::{format_long, format_month_year};
use crate::store::{loans, persons, plans};

/// A composed official letter and who it is registered to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Flattened, so the register's content reads back as a [`Letter`] for reprints.
    #[serde(flatten)]
    pub letter: Letter,
    pub loan_id: Option<i64>,
    pub person_id: Option<i64>,
}

impl Document for Notice {
    fn kind(&self) -> Kind {
        self.letter.kind
    }
    fn date(&self) -> NaiveDate {
        self.letter.date
    }
    fn set_number(&mut self, number: &str) {
        self.letter.number = number.to_string();
    }
    fn write(
        &self,
        pdf: &mut PdfBuilder,
        logo: Option<&[u8]>,
        mark: &Mark,
    ) -> Result<(), DocError> {
        render(pdf, &self.letter, logo, mark)
    }
    fn entry(&self) -> Entry {
        Entry {
            loan_id: self.loan_id,
            person_id: self.person_id,
            recipient_name: self.letter.recipient.name.clone(),
            recipient_address: self.letter.recipient.lines.join(" "),
            contract_no: self.letter.contract_no.clone(),
            amounts: self.letter.rows.clone(),
            total: self.letter.total,
        }
    }
}

pub(crate) fn approved(conn: &Connection, plan_id: i64) -> Result<(plans::Record, String)> {
    let rec = plans::get(conn, plan_id)?;
    if rec.status != "approved" {
        return Err(IssueError::Refused("แผนนี้ยังไม่ได้รับอนุมัติ จึงออกเอกสารตามแผนไม่ได้".into()));
    }
    let on: Option<NaiveDate> = conn
        .query_row("SELECT resolution_on FROM plan WHERE id = ?1", [plan_id], |r| r.get(0))
        .optional()?
        .flatten();
    let resolution = format!(
        "ที่ประชุมคณะกรรมการ ที่ {} วันที่ {}",
        rec.resolution_no.clone().unwrap_or_default(),
        on.map(format_long).unwrap_or_default()
    );
    Ok((rec, resolution))
}

/// The loans a plan replaced and the loans it created.
pub(crate) fn plan_loans(
    conn: &Connection,
    plan_id: i64,
) -> Result<(Vec<loans::Loan>, Vec<loans::Loan>)> {
    let pairs: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT old_loan_id, loan_id FROM plan_loan WHERE plan_id = ?1 ORDER BY old_loan_id",
        )?
        .query_map([plan_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let (mut old, mut new): (Vec<i64>, Vec<i64>) = pairs.into_iter().unzip();
    for v in [&mut old, &mut new] {
        v.sort_unstable();
        v.dedup();
    }
    let get =
        |ids: Vec<i64>| ids.into_iter().map(|i| loans::get(conn, i)).collect::<Result<Vec<_>, _>>();
    Ok((get(old)?, get(new)?))
}

fn joined(loans: &[loans::Loan]) -> String {
    loans.iter().map(|l| l.contract_no.as_str()).collect::<Vec<_>>().join(", ")
}

fn cadence_text(c: &Cadence) -> String {
    match c {
        Cadence::Regular(f) => f.to_string(),
        Cadence::Harvest(months) => {
            let names: Vec<String> = months
                .iter()
                .filter_map(|m| NaiveDate::from_ymd_opt(2000, *m, 1))
                .map(|d| format_month_year(d).split(' ').next().unwrap_or_default().to_string())
                .collect();
            format!("ตามฤดูเก็บเกี่ยว เฉพาะเดือน{}", names.join(" และ"))
        }
    }
}

/// The agreement of an approved plan, dated `date`.
pub fn agreement(conn: &Connection, plan_id: i64, date: NaiveDate) -> Result<AgreementDoc> {
    let (rec, resolution) = approved(conn, plan_id)?;
    let office = gather::office(conn)?;
    let (old, new) = plan_loans(conn, plan_id)?;
    let first = old.first().ok_or_else(|| IssueError::Refused("ไม่พบสัญญาเดิมของแผนนี้".into()))?;
    let borrower = party(conn, first.borrower_id, None)?;
    let mut guarantors = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT person_id, consent_on FROM plan_consent WHERE plan_id = ?1 ORDER BY person_id",
    )?;
    for row in
        stmt.query_map([plan_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, NaiveDate>(1)?)))?
    {
        let (person, on) = row?;
        guarantors.push(party(conn, person, Some(on))?);
    }
    let (o, p) = (&rec.outstanding, &rec.plan);
    let owed: Vec<(String, Satang)> = [
        ("เงินต้นคงค้าง", o.principal),
        ("ดอกเบี้ยค้างชำระ", o.interest),
        ("ดอกเบี้ยผิดนัด", o.default_interest),
        ("ค่าธรรมเนียม", o.fees),
    ]
    .into_iter()
    .filter(|(_, a)| !a.is_zero())
    .map(|(l, a)| (l.to_string(), a))
    .collect();
    let mut old_installment = Satang::ZERO;
    let mut old_end = None;
    for l in &old {
        let s = loans::schedule(conn, l.id)?;
        old_installment += s.first_payment();
        old_end = old_end.max(s.end_date());
    }
    let date_or_dash = |d: Option<NaiveDate>| d.map(format_long).unwrap_or_else(|| "-".into());
    let row = |label: &str, old: String, new: String| TermRow { label: label.into(), old, new };
    let terms = vec![
        row("เลขที่สัญญา", joined(&old), joined(&new)),
        row("อัตราดอกเบี้ยต่อปี", o.rate.to_string(), p.rate.to_string()),
        row(
            "กำหนดชำระ",
            first.frequency.map(|f| f.to_string()).unwrap_or_else(|| "ตามตาราง".into()),
            cadence_text(&rec.options.cadence),
        ),
        row("จำนวนงวด", first.periods.to_string(), p.periods().to_string()),
        row("ค่างวด (บาท)", old_installment.to_string(), p.regular_installment().to_string()),
        row("งวดสุดท้าย", date_or_dash(old_end), date_or_dash(p.end_date())),
    ];
    let mut extras = Vec::new();
    if let Some(g) = rec.options.grace {
        extras.push(match g.kind {
            GraceKind::InterestOnly => format!("ผ่อนผัน {} งวดแรก ชำระเฉพาะดอกเบี้ย", g.periods),
            GraceKind::Holiday => {
                format!("พักชำระ {} งวดแรก ดอกเบี้ยช่วงพักเฉลี่ยรวมในงวดที่เหลือ โดยไม่คิดดอกเบี้ยซ้อน", g.periods)
            }
        });
    }
    if rec.options.step_up_bp > 0 {
        let pct = rust_decimal::Decimal::new(rec.options.step_up_bp, 2).normalize();
        extras.push(format!("ค่างวดเพิ่มขึ้นปีละร้อยละ {pct} งวดสุดท้ายปรับตามยอดคงเหลือ"));
    }
    if p.carried.is_positive() {
        extras.push(format!(
            "ดอกเบี้ยค้างและค่าธรรมเนียมที่ไม่ได้ลด {} บาท ไม่คิดดอกเบี้ย ชำระเฉลี่ยพร้อมทุกงวด",
            p.carried
        ));
    }
    let paying = p.installments.iter().filter(|i| i.total().is_positive()).count() as u32;
    let release = p.release.map(|r| {
        let shares = (paying / r.every.max(1)).max(1);
        Release {
            amount: r.amount,
            every: r.every,
            max_days_late: r.max_days_late,
            break_after_missed: r.break_after_missed,
            shares,
            first_share: even_parts(r.amount, shares).first().copied().unwrap_or_default(),
        }
    });
    let opening = opening(
        conn,
        Kind::RestructuringAgreement,
        &[
            ("ชื่อสถาบัน", office.head.name.clone()),
            ("ผู้กู้", borrower.name.clone()),
            ("ผู้รับ", borrower.name.clone()),
            ("เลขที่สัญญา", joined(&old)),
            ("ณวันที่", format_long(rec.as_of)),
        ],
    )?;
    Ok(AgreementDoc {
        heading: heading(&office, Kind::RestructuringAgreement, date),
        plan_id,
        loan_id: new.first().map(|l| l.id),
        borrower_id: first.borrower_id,
        contract_no: joined(&new),
        opening,
        as_of: rec.as_of,
        borrower,
        guarantors,
        owed,
        terms,
        waived: p.waived,
        rate: p.rate.to_string(),
        principal: p.principal,
        carried: p.carried,
        installment: p.regular_installment(),
        periods: p.periods(),
        end: p.end_date(),
        extras,
        release,
        schedule: p
            .installments
            .iter()
            .map(|i| PlanRow {
                no: i.no,
                due: i.due_date,
                principal: i.principal,
                interest: i.interest,
                carried: i.carried,
                balance: i.balance,
            })
            .collect(),
        resolution,
        signer: office.chair.clone(),
    })
}

formal_document!(
    AgreementDoc,
    Kind::RestructuringAgreement,
    kinds::agreement::write,
    agreement_entry
);

fn agreement_entry(d: &AgreementDoc) -> Entry {
    Entry {
        loan_id: d.loan_id,
        person_id: Some(d.borrower_id),
        recipient_name: d.borrower.name.clone(),
        recipient_address: d.borrower.address.clone(),
        contract_no: d.contract_no.clone(),
        amounts: d.owed.iter().map(|(l, a)| AmountRow { label: l.clone(), amount: *a }).collect(),
        total: d.principal + d.carried,
    }
}

/// An official letter of `kind` to the borrower of `loan`, from its template, stating `rows`.
pub(crate) fn notice(
    conn: &Connection,
    office: &Office,
    kind: Kind,
    loan: &loans::Loan,
    (date, as_of): (NaiveDate, NaiveDate),
    rows: Vec<AmountRow>,
    contract_no: String,
) -> Result<Notice> {
    let person = persons::get(conn, loan.borrower_id)?;
    let total: Satang = rows.iter().map(|r| r.amount).sum();
    let ctx = Context {
        head: office.head.clone(),
        number: String::new(),
        date,
        recipient: gather::addressee(conn, loan.borrower_id)?,
        borrower: person.full_name(),
        contract_no,
        contract_date: loan.start,
        fund: loan.fund_name.clone(),
        principal: loan.principal,
        signer: office.signer(kind).clone(),
        promptpay: None,
        bank_account: String::new(),
    };
    let facts = Facts {
        as_of,
        pay_by: as_of,
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
    let letter = compose::compose(kind, &template, &ctx, &facts)?;
    Ok(Notice { letter, loan_id: Some(loan.id), person_id: Some(loan.borrower_id) })
}
