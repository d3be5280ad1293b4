//! The consolidated contract (สัญญารวมหนี้, 1 ครัวเรือน 1 สัญญา): the parties, the loans merged
//! with what each fund was owed, the new principal and its rate policy (each tranche's fund and
//! rate), the installment, term and end date, carried arrears, the schedule (with each fund's
//! part under the tranche policy) and the signatures of everyone bound by it.

use serde::{Deserialize, Serialize};

use super::formal::{
    self, Heading, amount_in_words, clause, institute_signature, money_or_dash, runs, section,
};
use super::{Mark, form_setup};
use crate::document::{Column, DocError, Para, PdfBuilder, Signature, Table};
use crate::domain::Satang;
use crate::domain::letter::compose::Signer;
use crate::domain::letter::template::Run;
use crate::domain::thai::date::{format_long, format_short};

/// A person bound by a contract, as its parties clause names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    /// The national id as printed on the card; the parties sign this document themselves.
    pub national_id: String,
    pub address: String,
    /// A guarantor's fresh consent to the new terms (s.700).
    pub consent_on: Option<chrono::NaiveDate>,
}

/// One loan merged into the contract, as of the consolidation date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRow {
    pub contract_no: String,
    pub fund: String,
    pub borrower: String,
    pub principal: Satang,
    pub interest: Satang,
    pub penalties: Satang,
    pub waived: Satang,
}

/// One fund's part of the new contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrancheRow {
    pub fund: String,
    pub rate: String,
    pub principal: Satang,
    pub carried: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRow {
    pub no: u32,
    pub due: chrono::NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    pub carried: Satang,
    /// Each tranche's share of the installment, in the order of `tranches`.
    pub parts: Vec<Satang>,
}

impl ScheduleRow {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.carried
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDoc {
    pub heading: Heading,
    pub contract_no: String,
    /// The opening sentence from the editable template.
    pub opening: Vec<Run>,
    pub borrower_id: i64,
    /// The contract's first tranche: the register's link to a loan.
    pub loan_id: Option<i64>,
    pub borrower: Party,
    pub co_borrowers: Vec<Party>,
    pub guarantors: Vec<Party>,
    pub sources: Vec<SourceRow>,
    pub tranches: Vec<TrancheRow>,
    /// The rate policy in words, e.g. "คงอัตราดอกเบี้ยของแต่ละกองทุน".
    pub policy: String,
    /// Under the tranche policy the schedule shows each fund's part.
    pub per_tranche: bool,
    pub rate: String,
    pub method: String,
    pub frequency: String,
    pub schedule: Vec<ScheduleRow>,
    pub resolution: String,
    pub signer: Signer,
}

impl ContractDoc {
    pub fn new_principal(&self) -> Satang {
        self.tranches.iter().map(|t| t.principal).sum()
    }

    pub fn carried(&self) -> Satang {
        self.tranches.iter().map(|t| t.carried).sum()
    }
}

pub fn write(
    pdf: &mut PdfBuilder,
    c: &ContractDoc,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<(), DocError> {
    let mut page = formal::open(pdf, form_setup(), &c.heading, logo, mark)?;
    page.paragraph(Para::new().bold("สัญญาเลขที่ ").bold_field(c.contract_no.as_str()).center());
    page.paragraph(super::runs_para("", &c.opening).indent_first());
    section(&mut page, "คู่สัญญา");
    party_lines(&mut page, "ผู้กู้", std::slice::from_ref(&c.borrower));
    party_lines(&mut page, "ผู้กู้ร่วม", &c.co_borrowers);
    party_lines(&mut page, "ผู้ค้ำประกัน", &c.guarantors);

    let first = c.schedule.first();
    let end = c.schedule.last().map(|r| format_long(r.due)).unwrap_or_default();
    clause(
        &mut page,
        1,
        &runs(&[(
            "ผู้กู้และผู้กู้ร่วมรับว่าเป็นหนี้ตามสัญญาเดิมดังตารางต่อไปนี้ ซึ่งรวมเข้าเป็นหนี้ตามสัญญานี้ และสัญญาเดิมสิ้นสุดลงนับแต่วันที่ของสัญญานี้",
            false,
        )]),
    );
    page.table(&sources_table(c));
    clause(
        &mut page,
        2,
        &runs(&[
            ("เงินต้นตามสัญญานี้ ", false),
            (&amount_in_words(c.new_principal()), true),
            (" แยกเป็นส่วนของแต่ละกองทุนเจ้าของเงิน ดังนี้", false),
        ]),
    );
    page.table(&tranches_table(c));
    clause(
        &mut page,
        3,
        &runs(&[
            ("อัตราดอกเบี้ย: ", false),
            (&c.policy, true),
            (" อัตรา ", false),
            (&c.rate, true),
            (" ต่อปี คิดแบบ", false),
            (&c.method, true),
            (" ดอกเบี้ยคิดจากเงินต้นเท่านั้น ไม่คิดดอกเบี้ยซ้อนดอกเบี้ย (ป.พ.พ. มาตรา 655)", false),
        ]),
    );
    let installment = first.map(ScheduleRow::total).unwrap_or_default();
    clause(
        &mut page,
        4,
        &runs(&[
            ("ผู้กู้ตกลงผ่อนชำระ", false),
            (&c.frequency, true),
            (" จำนวน ", false),
            (&c.schedule.len().to_string(), true),
            (" งวด งวดละ ", false),
            (&amount_in_words(installment), true),
            (" เริ่มงวดแรกวันที่ ", false),
            (&first.map(|r| format_long(r.due)).unwrap_or_default(), true),
            (" งวดสุดท้ายวันที่ ", false),
            (&end, true),
            (" ตามตารางผ่อนชำระท้ายสัญญานี้ งวดสุดท้ายอาจต่างจากงวดอื่นเพื่อให้ยอดรวมตรงถึงสตางค์", false),
        ]),
    );
    let mut no = 5;
    if c.carried().is_positive() {
        clause(
            &mut page,
            no,
            &runs(&[
                ("ดอกเบี้ยค้าง ดอกเบี้ยผิดนัด และค่าธรรมเนียมของสัญญาเดิมที่ไม่ได้ลดหรือทบเป็นเงินต้น ", false),
                (&amount_in_words(c.carried()), true),
                (" ยกมาเป็นหนี้ค้างยกมาที่ไม่คิดดอกเบี้ย ชำระเฉลี่ยไปพร้อมกับทุกงวด", false),
            ]),
        );
        no += 1;
    }
    clause(
        &mut page,
        no,
        &runs(&[(
            "เงินที่ชำระแต่ละงวดแบ่งให้แต่ละกองทุนตามส่วนของยอดที่ถึงกำหนดของกองทุนนั้น เพื่อให้ทุกกองทุนได้รับเงินคืนครบถ้วน",
            false,
        )]),
    );
    let consent = if c.guarantors.is_empty() {
        ""
    } else {
        "ผู้ค้ำประกันได้ทราบและยินยอมต่อข้อตกลงตามสัญญานี้ รวมทั้งการขยายเวลาชำระหนี้ (ป.พ.พ. มาตรา 700) และยังคงผูกพันในฐานะผู้ค้ำประกันตามสัญญานี้ "
    };
    clause(
        &mut page,
        no + 1,
        &runs(&[(consent, false), ("สัญญานี้ทำขึ้นตามมติ", false), (&c.resolution, true)]),
    );
    signature_block(&mut page, c);
    page.page_break();
    section(&mut page, &format!("ตารางการผ่อนชำระท้ายสัญญาเลขที่ {}", c.contract_no));
    page.table(&schedule_table(c));
    Ok(())
}

fn party_lines(page: &mut crate::document::DocWriter<'_>, role: &str, people: &[Party]) {
    for p in people {
        let mut para = Para::new()
            .bold(format!("{role}  "))
            .field(p.name.as_str())
            .run(" เลขประจำตัวประชาชน ")
            .field(p.national_id.as_str())
            .run(" ที่อยู่ ")
            .field(p.address.as_str());
        if let Some(on) = p.consent_on {
            para = para.run(" ให้ความยินยอมเมื่อ ").field(format_long(on));
        }
        page.paragraph(para.indent_left_mm(5.0));
    }
}

fn sources_table(c: &ContractDoc) -> Table {
    let mut t = Table::new(vec![
        Column::mm(27.0),
        Column::share(1.0),
        Column::share(1.1),
        Column::mm(22.0).right(),
        Column::mm(20.0).right(),
        Column::mm(22.0).right(),
        Column::mm(20.0).right(),
    ])
    .header(["สัญญาเดิม", "กองทุน", "ผู้กู้", "เงินต้น", "ดอกเบี้ย", "ผิดนัด/ค่าปรับ", "ลดหนี้"]);
    t.size = Some(12.0);
    for s in &c.sources {
        t = t.row([
            s.contract_no.clone(),
            s.fund.clone(),
            s.borrower.clone(),
            s.principal.to_string(),
            money_or_dash(s.interest),
            money_or_dash(s.penalties),
            money_or_dash(s.waived),
        ]);
    }
    let sum = |f: fn(&SourceRow) -> Satang| c.sources.iter().map(f).sum::<Satang>();
    t.row([
        "รวม".to_string(),
        String::new(),
        String::new(),
        sum(|s| s.principal).to_string(),
        money_or_dash(sum(|s| s.interest)),
        money_or_dash(sum(|s| s.penalties)),
        money_or_dash(sum(|s| s.waived)),
    ])
}

fn tranches_table(c: &ContractDoc) -> Table {
    let mut t = Table::new(vec![
        Column::share(1.0),
        Column::mm(34.0).right(),
        Column::mm(32.0).right(),
        Column::mm(34.0).right(),
    ])
    .header(["กองทุนเจ้าของเงิน", "ดอกเบี้ยต่อปี", "เงินต้นใหม่", "ค้างยกมา (ไม่คิดดอกเบี้ย)"]);
    t.size = Some(13.0);
    for r in &c.tranches {
        t = t.row([
            r.fund.clone(),
            r.rate.clone(),
            r.principal.to_string(),
            money_or_dash(r.carried),
        ]);
    }
    t.row([
        "รวม".to_string(),
        c.rate.clone(),
        c.new_principal().to_string(),
        money_or_dash(c.carried()),
    ])
}

/// งวด, due date, the household's principal, interest, carried and total, then under the
/// tranche policy what each fund receives of it.
fn schedule_table(c: &ContractDoc) -> Table {
    let carried = c.carried().is_positive();
    let mut cols = vec![Column::mm(10.0).center(), Column::mm(27.0).center()];
    let mut head: Vec<String> = vec!["งวด".into(), "ครบกำหนด".into()];
    for h in ["เงินต้น", "ดอกเบี้ย"] {
        cols.push(Column::share(1.0).right());
        head.push(h.into());
    }
    if carried {
        cols.push(Column::share(1.0).right());
        head.push("ค้างยกมา".into());
    }
    cols.push(Column::share(1.1).right());
    head.push("รวมงวดนี้".into());
    if c.per_tranche {
        for t in &c.tranches {
            cols.push(Column::share(1.0).right());
            head.push(format!("ส่วน{}", t.fund));
        }
    }
    let mut t = Table::new(cols).header(head);
    t.size = Some(if c.per_tranche && c.tranches.len() > 2 { 11.0 } else { 12.0 });
    for r in &c.schedule {
        let mut cells = vec![r.no.to_string(), format_short(r.due)];
        cells.extend([r.principal.to_string(), r.interest.to_string()]);
        if carried {
            cells.push(money_or_dash(r.carried));
        }
        cells.push(r.total().to_string());
        if c.per_tranche {
            cells.extend(r.parts.iter().map(|p| p.to_string()));
        }
        t = t.row(cells);
    }
    t
}

fn signature_block(page: &mut crate::document::DocWriter<'_>, c: &ContractDoc) {
    page.paragraph(
        Para::text("คู่สัญญาได้อ่านและเข้าใจข้อความในสัญญานี้โดยตลอดแล้ว จึงลงลายมือชื่อไว้เป็นสำคัญต่อหน้าพยาน")
            .indent_first(),
    );
    let named = |role: &str, p: &Party| Signature::new(role, Some(p.name.clone()));
    let mut sigs = vec![named("ผู้กู้", &c.borrower)];
    sigs.extend(c.co_borrowers.iter().map(|p| named("ผู้กู้ร่วม", p)));
    sigs.extend(c.guarantors.iter().map(|p| named("ผู้ค้ำประกัน", p)));
    sigs.push(institute_signature(&c.signer, "ผู้ให้กู้"));
    sigs.extend(formal::witnesses());
    formal::signatures(page, &sigs);
}
