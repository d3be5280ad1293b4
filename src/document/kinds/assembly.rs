//! The village-assembly list (บัญชีรายชื่อเพื่อรับรองข้อมูลในเวทีประชาคม): each household with the
//! old loans of its members (fund, contract, what was owed) and the new consolidated contract,
//! for the assembly to certify. National ids show their last four digits only (PDPA), as the
//! GUI's lists do. Landscape, header repeated on every page, "หน้า 1/3".

use serde::{Deserialize, Serialize};

use super::formal::{self, Heading};
use super::{Mark, runs_para};
use crate::document::{Column, DocError, Para, PdfBuilder, Signature, Table};
use crate::domain::Satang;
use crate::domain::letter::compose::Signer;
use crate::domain::letter::template::Run;
use crate::domain::thai::date::format_long;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OldLoan {
    pub member: String,
    /// `X-XXXX-XXXX5-67-8`: the last four digits only.
    pub masked_id: String,
    pub fund: String,
    pub contract_no: String,
    pub outstanding: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyHousehold {
    /// บ้านเลขที่ and หมู่.
    pub house: String,
    pub loans: Vec<OldLoan>,
    /// The consolidated contract's number, or that it awaits the committee's resolution.
    pub new_contract: String,
    /// New principal plus carried arrears.
    pub new_total: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssemblyDoc {
    pub heading: Heading,
    /// "หมู่ที่ 3" or "ทุกหมู่บ้าน".
    pub scope: String,
    pub as_of: chrono::NaiveDate,
    pub opening: Vec<Run>,
    pub households: Vec<AssemblyHousehold>,
    pub signer: Signer,
}

impl AssemblyDoc {
    pub fn old_total(&self) -> Satang {
        self.households.iter().flat_map(|h| &h.loans).map(|l| l.outstanding).sum()
    }

    pub fn new_total(&self) -> Satang {
        self.households.iter().map(|h| h.new_total).sum()
    }
}

pub fn write(
    pdf: &mut PdfBuilder,
    a: &AssemblyDoc,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<(), DocError> {
    let mut page = formal::open(pdf, formal::landscape(), &a.heading, logo, mark)?;
    page.paragraph(
        Para::new()
            .bold(format!("{}  ", a.scope))
            .run("ข้อมูล ณ วันที่ ")
            .field(format_long(a.as_of))
            .center(),
    )
    .paragraph(runs_para("", &a.opening).indent_first());
    page.table(&table(a));
    // The totals, the assembly's statement and both signatures stay together on one page.
    page.ensure_space(62.0)
        .paragraph(
            Para::new()
                .run("รวม ")
                .field(a.households.len().to_string())
                .run(" ครัวเรือน ยอดหนี้เดิม ")
                .bold_field(a.old_total().to_string())
                .run(" บาท ยอดตามสัญญารวมหนี้ ")
                .bold_field(a.new_total().to_string())
                .run(" บาท")
                .right(),
        )
        .paragraph(
            Para::text("ที่ประชุมประชาคมได้ตรวจสอบรายชื่อและยอดหนี้ข้างต้นแล้ว รับรองว่าถูกต้อง").indent_first(),
        );
    formal::signatures(
        &mut page,
        &[
            formal::institute_signature(&a.signer, "ประธานกรรมการ"),
            Signature::new("ผู้แทนเวทีประชาคม", None),
        ],
    );
    Ok(())
}

/// One row per old loan; the household's house number, new contract and the head's signature
/// box on its first row, so a household reads as one block.
fn table(a: &AssemblyDoc) -> Table {
    let mut t = Table::new(vec![
        Column::mm(9.0).center(),
        Column::mm(18.0),
        Column::share(1.0),
        Column::mm(46.0).center(),
        Column::share(1.0),
        Column::mm(28.0),
        Column::mm(23.0).right(),
        Column::mm(26.0),
        Column::mm(23.0).right(),
        Column::mm(24.0),
    ])
    .header([
        "ที่",
        "บ้านเลขที่",
        "ชื่อ-สกุล",
        "เลขประจำตัวประชาชน",
        "กองทุน",
        "สัญญาเดิม",
        "ยอดหนี้เดิม",
        "สัญญาใหม่",
        "ยอดสัญญาใหม่",
        "ลงชื่อรับรอง",
    ]);
    t.size = Some(12.0);
    for (i, h) in a.households.iter().enumerate() {
        for (k, l) in h.loans.iter().enumerate() {
            let first = k == 0;
            let when_first = |s: String| if first { s } else { String::new() };
            t = t.row([
                when_first((i + 1).to_string()),
                when_first(h.house.clone()),
                l.member.clone(),
                l.masked_id.clone(),
                l.fund.clone(),
                l.contract_no.clone(),
                l.outstanding.to_string(),
                when_first(h.new_contract.clone()),
                when_first(h.new_total.to_string()),
                String::new(),
            ]);
        }
    }
    t
}
