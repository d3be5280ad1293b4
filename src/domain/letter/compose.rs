//! A letter's whole content, composed from its template, the people and contract it is about,
//! and the facts of the statement: what the PDF prints, and what the register keeps so that a
//! reprint says exactly the same thing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::facts::{AmountRow, DueRow, Facts};
use super::template::{Run, Template, TemplateError, render};
use crate::domain::Satang;
use crate::domain::promptpay::{self, PromptPayId};
use crate::domain::thai::date::format_long;
use crate::domain::thai::words::baht_text;

/// The institute as its letterhead shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Letterhead {
    pub name: String,
    pub address: String,
    pub phone: String,
}

/// Who a document is addressed to: a name and the address lines of an envelope.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Addressee {
    pub name: String,
    pub lines: Vec<String>,
}

/// Who signs: printed in parentheses under the signature line, then the position.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Signer {
    pub name: String,
    pub position: String,
}

/// Everything about the letter besides its wording and its amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub head: Letterhead,
    pub number: String,
    pub date: NaiveDate,
    pub recipient: Addressee,
    pub borrower: String,
    pub contract_no: String,
    pub contract_date: NaiveDate,
    pub fund: String,
    pub principal: Satang,
    pub signer: Signer,
    /// The institute's PromptPay id, when it has a valid one: invoices then carry a QR.
    pub promptpay: Option<PromptPayId>,
    /// The institute's bank account for transfers (may be empty).
    pub bank_account: String,
}

/// A PromptPay QR for the exact amount of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrPayment {
    pub payload: String,
    /// `081-234-5678`, printed beside the code for those who type it in.
    pub account: String,
    pub amount: Satang,
}

/// A composed letter (reminder, demand, guarantor notice, termination, invoice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub kind: Kind,
    pub number: String,
    pub date: NaiveDate,
    pub head: Letterhead,
    pub recipient: Addressee,
    pub contract_no: String,
    pub subject: String,
    pub salutation: Vec<Run>,
    pub reference: Vec<Run>,
    pub enclosure: Vec<Run>,
    /// Body paragraphs; the amounts table follows the first.
    pub body: Vec<Vec<Run>>,
    /// The amounts table of a letter (rows with an amount).
    pub rows: Vec<AmountRow>,
    /// An invoice's installments and, in `extra_rows`, what is owed outside them (fees, default
    /// interest of installments already paid); together they add up to `total`.
    pub due_rows: Vec<DueRow>,
    pub extra_rows: Vec<AmountRow>,
    pub total: Satang,
    pub total_words: String,
    pub pay_by: NaiveDate,
    pub qr: Option<QrPayment>,
    /// How to pay, printed on an invoice beside the QR (or instead of it).
    pub pay_note: String,
    pub closing: String,
    pub signer: Signer,
}

/// The values of the template fields ([`super::template::FIELDS`]).
pub fn values(ctx: &Context, facts: &Facts) -> BTreeMap<String, String> {
    let date_or_dash = |d: Option<NaiveDate>| d.map(format_long).unwrap_or_else(|| "-".into());
    [
        ("ชื่อสถาบัน", ctx.head.name.clone()),
        ("โทรศัพท์สถาบัน", non_empty(&ctx.head.phone)),
        ("ผู้รับ", ctx.recipient.name.clone()),
        ("ผู้กู้", ctx.borrower.clone()),
        ("เลขที่สัญญา", ctx.contract_no.clone()),
        ("วันที่สัญญา", format_long(ctx.contract_date)),
        ("กองทุน", ctx.fund.clone()),
        ("เงินต้น", ctx.principal.to_string()),
        ("ณวันที่", format_long(facts.as_of)),
        ("ยอดค้างชำระ", facts.total.to_string()),
        ("ยอดค้างชำระตัวอักษร", baht_text(facts.total)),
        ("งวดค้าง", facts.overdue_installments.to_string()),
        ("จำนวนวันค้าง", facts.days_past_due.max(0).to_string()),
        ("วันครบกำหนด", date_or_dash(facts.oldest_due)),
        ("วันผิดนัด", date_or_dash(facts.default_on)),
        ("ชำระภายในวันที่", format_long(facts.pay_by)),
        ("ยอดปิดบัญชี", facts.payoff.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn non_empty(s: &str) -> String {
    if s.trim().is_empty() { "-".into() } else { s.trim().to_string() }
}

/// Fills the template for one recipient. The amounts come from `facts`; a field the template
/// names but nothing fills is an error, never a blank in a letter.
pub fn compose(
    kind: Kind,
    template: &Template,
    ctx: &Context,
    facts: &Facts,
) -> Result<Letter, TemplateError> {
    let v = values(ctx, facts);
    let plain = |runs: Vec<Run>| runs.into_iter().map(|r| r.text).collect::<String>();
    let body = template.body.iter().map(|p| render(p, &v)).collect::<Result<Vec<_>, _>>()?;
    let mut rows: Vec<AmountRow> =
        facts.rows.iter().filter(|r| !r.amount.is_zero()).cloned().collect();
    if rows.is_empty() {
        rows = facts.rows.iter().take(1).cloned().collect();
    }
    let (due_rows, extra_rows) =
        if kind == Kind::Invoice { invoice_lines(facts) } else { (Vec::new(), Vec::new()) };
    let qr = match (&ctx.promptpay, kind) {
        (Some(id), Kind::Invoice) if facts.total.is_positive() => {
            let payload = promptpay::payload(id, Some(facts.total))
                .map_err(|e| TemplateError::NoValue(e.to_string()))?;
            Some(QrPayment { payload, account: id.to_string(), amount: facts.total })
        }
        _ => None,
    };
    Ok(Letter {
        kind,
        number: ctx.number.clone(),
        date: ctx.date,
        head: ctx.head.clone(),
        recipient: ctx.recipient.clone(),
        contract_no: ctx.contract_no.clone(),
        subject: plain(render(&template.subject, &v)?),
        salutation: render(&template.salutation, &v)?,
        reference: render(&template.reference, &v)?,
        enclosure: render(&template.enclosure, &v)?,
        body,
        rows,
        due_rows,
        extra_rows,
        total: facts.total,
        total_words: baht_text(facts.total),
        pay_by: facts.pay_by,
        pay_note: pay_note(ctx, qr.is_some()),
        qr,
        closing: plain(render(&template.closing, &v)?),
        signer: ctx.signer.clone(),
    })
}

/// How to pay: with a QR, scan it; without one (no PromptPay id set), cash at the office or a
/// transfer to the bank account, so an invoice always says how.
pub fn pay_note(ctx: &Context, has_qr: bool) -> String {
    let mut out = if has_qr {
        "สแกนคิวอาร์โค้ดด้วยแอปพลิเคชันของธนาคารใดก็ได้ ยอดเงินจะขึ้นตรงตามที่แจ้ง หรือชำระด้วยเงินสดที่ที่ทำการสถาบัน"
            .to_string()
    } else {
        "ชำระด้วยเงินสดที่ที่ทำการสถาบัน".to_string()
    };
    if !ctx.head.address.trim().is_empty() {
        out.push_str(&format!(" ({})", ctx.head.address.trim()));
    }
    if !ctx.bank_account.trim().is_empty() {
        out.push_str(&format!(" หรือโอนเข้าบัญชี {}", ctx.bank_account.trim()));
    }
    out.push_str(" โปรดเก็บหลักฐานการชำระไว้และรับใบเสร็จรับเงินจากสถาบัน");
    out
}

/// An invoice lists each installment due with its parts; fees and default interest left on
/// installments already paid have no installment row, so they get their own lines and the
/// table still adds up to the total asked for.
pub fn invoice_lines(facts: &Facts) -> (Vec<DueRow>, Vec<AmountRow>) {
    let listed: Satang = facts.due_rows.iter().map(DueRow::total).sum();
    let fees: Satang =
        facts.rows.iter().filter(|r| r.label == "ค่าธรรมเนียม").map(|r| r.amount).sum();
    let mut extra = Vec::new();
    if fees.is_positive() {
        extra
            .push(AmountRow { label: "ค่าธรรมเนียม".into(), amount: fees });
    }
    let rest = facts.total - listed - fees;
    if !rest.is_zero() {
        extra.push(AmountRow {
            label: "ดอกเบี้ยผิดนัดของงวดที่ชำระเงินต้นแล้ว".into(), amount: rest
        });
    }
    (facts.due_rows.clone(), extra)
}

/// The text of a letter as a reader would copy it, for checks (forbidden wording, tests).
pub fn plain_text(letter: &Letter) -> String {
    let runs = |r: &[Run]| r.iter().map(|r| r.text.as_str()).collect::<String>();
    let mut out = vec![letter.subject.clone(), runs(&letter.salutation)];
    out.extend(letter.body.iter().map(|p| runs(p)));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::letter::defaults::default_template;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ctx() -> Context {
        Context {
            head: Letterhead {
                name: "สถาบันการจัดการเงินทุนชุมชนตำบลหนองบัว".into(),
                address: "หมู่ 1 ตำบลหนองบัว".into(),
                phone: "032-123-456".into(),
            },
            number: "สจช.หบ. 7/2568".into(),
            date: ymd(2025, 11, 21),
            recipient: Addressee {
                name: "นายสมชาย ใจดี".into(), lines: vec!["12/3 หมู่ 3".into()]
            },
            borrower: "นายสมชาย ใจดี".into(),
            contract_no: "กทบ.12/2566".into(),
            contract_date: ymd(2023, 5, 1),
            fund: "กองทุนหมู่บ้าน".into(),
            principal: Satang(3_000_000),
            signer: Signer {
                name: "นายประเสริฐ ศรีสุข".into(), position: "ประธาน".into()
            },
            promptpay: PromptPayId::parse("0812345678").ok(),
            bank_account: String::new(),
        }
    }

    fn facts() -> Facts {
        Facts {
            as_of: ymd(2025, 11, 21),
            pay_by: ymd(2025, 12, 6),
            rows: vec![
                AmountRow {
                    label: "เงินต้นที่ถึงกำหนดชำระ".into(), amount: Satang(100_000)
                },
                AmountRow {
                    label: "ดอกเบี้ยที่ถึงกำหนดชำระ".into(), amount: Satang(20_000)
                },
                AmountRow {
                    label: "ดอกเบี้ยผิดนัด".into(), amount: Satang(0)
                },
                AmountRow {
                    label: "ค่าธรรมเนียม".into(), amount: Satang(5_000)
                },
            ],
            total: Satang(125_050),
            due_rows: vec![DueRow {
                no: 3,
                due_date: ymd(2025, 10, 31),
                principal: Satang(100_000),
                interest: Satang(20_000),
                default_interest: Satang(0),
            }],
            overdue_installments: 1,
            days_past_due: 21,
            oldest_due: Some(ymd(2025, 10, 31)),
            default_on: Some(ymd(2025, 11, 1)),
            payoff: Satang(2_000_000),
        }
    }

    #[test]
    fn a_demand_names_the_collector_the_amount_in_figures_and_words() {
        let l = compose(Kind::Demand, &default_template(Kind::Demand), &ctx(), &facts()).unwrap();
        let text = plain_text(&l);
        assert!(text.contains("สถาบันการจัดการเงินทุนชุมชนตำบลหนองบัว"), "{text}");
        assert!(text.contains("1,250.50 บาท (หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์)"), "{text}");
        assert!(text.contains("6 ธันวาคม 2568"), "{text}");
        assert_eq!(l.rows.len(), 3, "the zero default-interest row is left out");
        assert!(l.qr.is_none(), "only invoices carry a QR");
    }

    #[test]
    fn an_invoice_carries_a_qr_for_its_exact_total_and_adds_up() {
        let l = compose(Kind::Invoice, &default_template(Kind::Invoice), &ctx(), &facts()).unwrap();
        let qr = l.qr.clone().unwrap();
        let decoded = promptpay::decode(&qr.payload).unwrap();
        assert_eq!(decoded.amount, Some(Satang(125_050)));
        let listed: Satang = l.due_rows.iter().map(DueRow::total).sum::<Satang>()
            + l.extra_rows.iter().map(|r| r.amount).sum();
        assert_eq!(listed, l.total);
        assert_eq!(l.extra_rows.len(), 2, "the fee and 0.50 of other default interest");
        let mut no_pp = ctx();
        no_pp.promptpay = None;
        let l = compose(Kind::Invoice, &default_template(Kind::Invoice), &no_pp, &facts()).unwrap();
        assert!(l.qr.is_none());
        assert!(l.pay_note.starts_with("ชำระด้วยเงินสด"), "{}", l.pay_note);
    }

    #[test]
    fn a_letter_survives_the_register_round_trip() {
        let l =
            compose(Kind::Guarantor, &default_template(Kind::Guarantor), &ctx(), &facts()).unwrap();
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(serde_json::from_str::<Letter>(&json).unwrap(), l);
    }
}
