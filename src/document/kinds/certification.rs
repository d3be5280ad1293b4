//! The member data certification form (แบบรับรองข้อมูลสมาชิก): one member's own loans and the
//! loans they guarantee, what is outstanding as of a date, the statement that it is correct, and
//! the member's signature with an officer as witness.

use serde::{Deserialize, Serialize};

use super::formal::{self, Heading, money_or_dash, section};
use super::{Mark, form_setup, runs_para};
use crate::document::{Column, DocError, Para, PdfBuilder, Signature, Table};
use crate::domain::Satang;
use crate::domain::letter::template::Run;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnLoan {
    pub contract_no: String,
    pub fund: String,
    pub principal: Satang,
    pub interest: Satang,
    pub penalties: Satang,
}

impl OwnLoan {
    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.penalties
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guaranteed {
    pub contract_no: String,
    pub fund: String,
    pub borrower: String,
    pub outstanding: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificationDoc {
    pub heading: Heading,
    pub person_id: i64,
    pub as_of: chrono::NaiveDate,
    pub member: String,
    pub masked_id: String,
    pub address: String,
    pub opening: Vec<Run>,
    pub loans: Vec<OwnLoan>,
    pub guarantees: Vec<Guaranteed>,
}

impl CertificationDoc {
    pub fn owed(&self) -> Satang {
        self.loans.iter().map(OwnLoan::total).sum()
    }
}

pub const STATEMENT: &str = "ข้าพเจ้าขอรับรองว่าข้อมูลข้างต้นถูกต้อง";

pub fn write(
    pdf: &mut PdfBuilder,
    c: &CertificationDoc,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<(), DocError> {
    let mut page = formal::open(pdf, form_setup(), &c.heading, logo, mark)?;
    page.label_value("ชื่อ-สกุล", &c.member, 44.0)
        .label_value("เลขบัตรประชาชน", &c.masked_id, 44.0)
        .label_value("ที่อยู่", &c.address, 44.0)
        .spacer(1.0)
        .paragraph(runs_para("", &c.opening).indent_first());
    section(&mut page, "1. หนี้เงินกู้ที่ข้าพเจ้าเป็นผู้กู้");
    let mut t = Table::new(vec![
        Column::mm(38.0),
        Column::share(1.0),
        Column::mm(26.0).right(),
        Column::mm(22.0).right(),
        Column::mm(24.0).right(),
        Column::mm(26.0).right(),
    ])
    .header(["เลขที่สัญญา", "กองทุน", "เงินต้นคงค้าง", "ดอกเบี้ย", "ผิดนัด/ค่าปรับ", "รวม"]);
    t.size = Some(13.0);
    for l in &c.loans {
        t = t.row([
            l.contract_no.clone(),
            l.fund.clone(),
            l.principal.to_string(),
            money_or_dash(l.interest),
            money_or_dash(l.penalties),
            l.total().to_string(),
        ]);
    }
    if c.loans.is_empty() {
        t = t.row(["ไม่มีหนี้เงินกู้คงค้าง", "", "", "", "", ""]);
    }
    page.table(&t.row([
        "รวม".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        c.owed().to_string(),
    ]));
    section(&mut page, "2. ภาระค้ำประกันหนี้ของผู้อื่น");
    let mut g = Table::new(vec![
        Column::mm(38.0),
        Column::share(1.0),
        Column::share(1.2),
        Column::mm(30.0).right(),
    ])
    .header(["เลขที่สัญญา", "กองทุน", "ผู้กู้", "ยอดคงค้างของผู้กู้"]);
    g.size = Some(13.0);
    for x in &c.guarantees {
        g = g.row([
            x.contract_no.clone(),
            x.fund.clone(),
            x.borrower.clone(),
            x.outstanding.to_string(),
        ]);
    }
    if c.guarantees.is_empty() {
        g = g.row(["ไม่มีภาระค้ำประกัน", "", "", ""]);
    }
    page.table(&g);
    page.paragraph(
        Para::new()
            .bold(STATEMENT)
            .run(" หากมีข้อมูลใดไม่ถูกต้อง ข้าพเจ้าได้แจ้งแก้ไขไว้ด้านล่างนี้แล้ว")
            .indent_first(),
    )
    .dotted_rule();
    formal::signatures(
        &mut page,
        &[Signature::new("ผู้รับรอง", Some(c.member.clone())), Signature::new("เจ้าหน้าที่", None)],
    );
    Ok(())
}
