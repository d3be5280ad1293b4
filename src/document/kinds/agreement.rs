//! The restructuring agreement (บันทึกข้อตกลงปรับโครงสร้างหนี้): the old terms beside the new, the
//! four stages spelled out (ยึด the debt under the plan, ลด the rate and the waivers, ปลด the
//! set-aside released step by step and what breaking the plan costs, หมดหนี้ the certificate),
//! the guarantors' consent to more time (s.700), the signatures and the new schedule.

use serde::{Deserialize, Serialize};

use super::contract::Party;
use super::formal::{self, Heading, amount_in_words, clause, money_or_dash, runs, section};
use super::{Mark, form_setup, runs_para};
use crate::document::{Column, DocError, PdfBuilder, Signature, Table};
use crate::domain::Satang;
use crate::domain::letter::compose::Signer;
use crate::domain::letter::template::Run;
use crate::domain::thai::date::{format_long, format_short};

/// One line of the terms table: what it is, under the old contract, under this agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRow {
    pub label: String,
    pub old: String,
    pub new: String,
}

/// ปลด: the set-aside and the rule that releases it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub amount: Satang,
    pub every: u32,
    pub max_days_late: i64,
    pub break_after_missed: u32,
    pub shares: u32,
    pub first_share: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRow {
    pub no: u32,
    pub due: chrono::NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    pub carried: Satang,
    pub balance: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDoc {
    pub heading: Heading,
    pub plan_id: i64,
    pub loan_id: Option<i64>,
    pub borrower_id: i64,
    pub contract_no: String,
    pub opening: Vec<Run>,
    pub as_of: chrono::NaiveDate,
    pub borrower: Party,
    pub guarantors: Vec<Party>,
    /// What was owed as of the plan date: (label, amount).
    pub owed: Vec<(String, Satang)>,
    pub terms: Vec<TermRow>,
    pub waived: Satang,
    pub rate: String,
    pub principal: Satang,
    pub carried: Satang,
    pub installment: Satang,
    pub periods: u32,
    pub end: Option<chrono::NaiveDate>,
    /// Grace, step-up and harvest months in words (empty when none).
    pub extras: Vec<String>,
    pub release: Option<Release>,
    pub schedule: Vec<PlanRow>,
    pub resolution: String,
    pub signer: Signer,
}

impl AgreementDoc {
    pub fn owed_total(&self) -> Satang {
        self.owed.iter().map(|(_, a)| *a).sum()
    }
}

pub fn write(
    pdf: &mut PdfBuilder,
    a: &AgreementDoc,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<(), DocError> {
    let mut page = formal::open(pdf, form_setup(), &a.heading, logo, mark)?;
    page.paragraph(runs_para("", &a.opening).indent_first());
    let mut owed = Table::new(vec![Column::share(1.0), Column::mm(40.0).right()])
        .header(["หนี้คงค้าง ณ วันที่ทำบันทึก", "จำนวนเงิน (บาท)"]);
    owed.size = Some(13.0);
    for (label, amount) in &a.owed {
        owed = owed.row([label.clone(), amount.to_string()]);
    }
    page.table(&owed.row(["รวมทั้งสิ้น".to_string(), a.owed_total().to_string()]));

    clause(
        &mut page,
        1,
        &runs(&[
            ("ยึด: ", true),
            (
                "หนี้ทั้งหมดข้างต้นอยู่ภายใต้แผนชำระหนี้ตามบันทึกนี้และระเบียบของสถาบัน เงื่อนไขเดิมของสัญญาสิ้นผลตามตารางเปรียบเทียบข้างล่าง และระหว่างผ่อนชำระตามแผน ลูกหนี้จะขอกู้เงินใหม่ไม่ได้จนกว่าจะชำระหนี้ตามแผนครบถ้วน",
                false,
            ),
        ]),
    );
    let mut terms = Table::new(vec![Column::mm(44.0), Column::share(1.0), Column::share(1.0)])
        .header(["เงื่อนไข", "สัญญาเดิม", "ตามบันทึกนี้"]);
    terms.size = Some(13.0);
    for t in &a.terms {
        terms = terms.row([t.label.clone(), t.old.clone(), t.new.clone()]);
    }
    page.table(&terms);
    let waived = amount_in_words(a.waived);
    let principal = amount_in_words(a.principal);
    let installment = amount_in_words(a.installment);
    let (periods, end) = (a.periods.to_string(), a.end.map(format_long).unwrap_or_default());
    let mut reduce = vec![("ลด: ", true)];
    if a.waived.is_positive() {
        reduce.extend([
            ("คณะกรรมการลดหนี้ดอกเบี้ยผิดนัดและค่าธรรมเนียม รวม ", false),
            (waived.as_str(), true),
            (" ", false),
        ]);
    }
    reduce.extend([
        ("ลูกหนี้ผ่อนชำระเงินต้น ", false),
        (principal.as_str(), true),
        (" ดอกเบี้ยอัตรา ", false),
        (a.rate.as_str(), true),
        (" ต่อปี งวดละ ", false),
        (installment.as_str(), true),
        (" จำนวน ", false),
        (periods.as_str(), true),
        (" งวด งวดสุดท้ายวันที่ ", false),
        (end.as_str(), true),
        (" ตามตารางท้ายบันทึกนี้ ดอกเบี้ยคิดจากเงินต้นเท่านั้น", false),
    ]);
    clause(&mut page, 2, &runs(&reduce));
    for extra in &a.extras {
        page.paragraph(
            crate::document::Para::new().run("- ").field(extra.as_str()).indent_left_mm(12.0),
        );
    }
    match &a.release {
        Some(r) => release_clause(&mut page, r),
        None => clause(
            &mut page,
            3,
            &runs(&[("ปลด: ", true), ("บันทึกนี้ไม่มียอดพักไว้เพื่อปลดหนี้ตามเงื่อนไข", false)]),
        ),
    }
    clause(
        &mut page,
        4,
        &runs(&[
            ("หมดหนี้: ", true),
            (
                "เมื่อลูกหนี้ชำระครบตามแผน สถาบันจะออกหนังสือรับรองการชำระหนี้เสร็จสิ้นให้ และลูกหนี้มีสิทธิ์ขอกู้เงินกับสถาบันได้ตามระเบียบ",
                false,
            ),
        ]),
    );
    clause(
        &mut page,
        5,
        &runs(&[(
            "ผู้ค้ำประกันได้ทราบและยินยอมให้ขยายเวลาชำระหนี้ตามบันทึกนี้ และยังคงผูกพันตามสัญญาค้ำประกันเดิม (ป.พ.พ. มาตรา 700)",
            false,
        )]),
    );
    for g in &a.guarantors {
        let mut p = crate::document::Para::new().run("- ").field(g.name.as_str());
        if let Some(on) = g.consent_on {
            p = p.run(" ให้ความยินยอมเมื่อ ").field(format_long(on));
        }
        page.paragraph(p.indent_left_mm(12.0));
    }
    clause(&mut page, 6, &runs(&[("บันทึกนี้ทำขึ้นตามมติ", false), (&a.resolution, true)]));
    let mut sigs = vec![Signature::new("ลูกหนี้", Some(a.borrower.name.clone()))];
    sigs.extend(a.guarantors.iter().map(|g| Signature::new("ผู้ค้ำประกัน", Some(g.name.clone()))));
    sigs.push(formal::institute_signature(&a.signer, "ผู้แทนสถาบัน"));
    sigs.extend(formal::witnesses());
    formal::signatures(&mut page, &sigs);
    page.page_break();
    section(&mut page, &format!("ตารางการผ่อนชำระท้ายบันทึกข้อตกลง (สัญญา {})", a.contract_no));
    page.table(&schedule_table(a));
    Ok(())
}

fn release_clause(page: &mut crate::document::DocWriter<'_>, r: &Release) {
    let (amount, every, days) =
        (amount_in_words(r.amount), r.every.to_string(), r.max_days_late.to_string());
    let (shares, share, missed) =
        (r.shares.to_string(), amount_in_words(r.first_share), r.break_after_missed.to_string());
    clause(
        page,
        3,
        &runs(&[
            ("ปลด: ", true),
            ("ดอกเบี้ยผิดนัด ", false),
            (&amount, true),
            (" พักไว้ยังไม่ต้องชำระ ทุกครั้งที่ลูกหนี้ชำระครบ ", false),
            (&every, true),
            (" งวดติดต่อกัน โดยแต่ละงวดชำระช้าไม่เกิน ", false),
            (&days, true),
            (" วัน สถาบันจะปลดหนี้ส่วนที่พักไว้ให้หนึ่งส่วน รวม ", false),
            (&shares, true),
            (" ส่วน ส่วนแรก ", false),
            (&share, true),
            (" หากค้างชำระถึง ", false),
            (&missed, true),
            (
                " งวด ถือว่าผิดแผน ยอดที่พักไว้ซึ่งยังไม่ได้ปลดจะกลับเป็นหนี้ที่ต้องชำระ และสถาบันจะติดตามหนี้ตามระเบียบต่อไป",
                false,
            ),
        ]),
    );
}

fn schedule_table(a: &AgreementDoc) -> Table {
    let mut t = Table::new(vec![
        Column::mm(12.0).center(),
        Column::mm(26.0).center(),
        Column::share(1.0).right(),
        Column::share(1.0).right(),
        Column::share(1.0).right(),
        Column::share(1.0).right(),
        Column::share(1.1).right(),
    ])
    .header(["งวด", "ครบกำหนด", "เงินต้น", "ดอกเบี้ย", "ค้างยกมา", "รวมงวดนี้", "เงินต้นคงเหลือ"]);
    t.size = Some(12.0);
    for r in &a.schedule {
        t = t.row([
            r.no.to_string(),
            format_short(r.due),
            money_or_dash(r.principal),
            money_or_dash(r.interest),
            money_or_dash(r.carried),
            (r.principal + r.interest + r.carried).to_string(),
            r.balance.to_string(),
        ]);
    }
    t
}
