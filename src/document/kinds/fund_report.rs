//! The per-fund statement (รายงานรายกองทุน) for a period: the fund's principal from opening to
//! closing, what it received directly and through the tranches of consolidated contracts, the
//! carried arrears and waivers, signed by the treasurer who prepared it and the chair.

use super::form_setup;
use super::formal::{self, money_or_dash};
use super::invoice::form_heading;
use crate::document::{Column, DocError, Para, PdfBuilder, Table};
use crate::domain::Satang;
use crate::domain::letter::compose::{Letterhead, Signer};
use crate::domain::thai::date::format_long;
use crate::store::fund_statement::FundStatement;

/// Who prints the report and when.
pub struct ReportOffice<'a> {
    pub head: &'a Letterhead,
    pub logo: Option<&'a [u8]>,
    pub treasurer: &'a Signer,
    pub chair: &'a Signer,
    pub printed_on: chrono::NaiveDate,
}

pub fn write(
    pdf: &mut PdfBuilder,
    fs: &FundStatement,
    o: &ReportOffice<'_>,
) -> Result<(), DocError> {
    let mut page = pdf.document(form_setup());
    form_heading(
        &mut page,
        o.head,
        o.logo,
        "รายงานรายกองทุน",
        &[("วันที่พิมพ์", format_long(o.printed_on))],
    )?;
    page.paragraph(
        Para::new()
            .bold("กองทุน ")
            .bold_field(format!("{} ({})", fs.fund_name, fs.fund_code))
            .center(),
    )
    .paragraph(
        Para::new()
            .run("ระหว่างวันที่ ")
            .field(format_long(fs.from))
            .run(" ถึงวันที่ ")
            .field(format_long(fs.to))
            .center(),
    );
    formal::section(&mut page, "1. เงินต้นของกองทุน");
    let two = |rows: &[(&str, Satang)]| {
        let mut t = Table::new(vec![Column::share(1.0), Column::mm(40.0).right()])
            .header(["รายการ", "จำนวนเงิน (บาท)"]);
        t.size = Some(13.0);
        for (label, amount) in rows {
            t = t.row([label.to_string(), amount.to_string()]);
        }
        t
    };
    let received_principal = fs.received_direct.principal + fs.received_through_tranches.principal;
    page.table(&two(&[
        ("เงินต้นคงค้างต้นงวด", fs.opening_principal),
        ("บวก ให้กู้ใหม่", fs.lent),
        ("บวก เงินต้นในสัญญารวมหนี้ (รวมดอกเบี้ยที่ทบเป็นเงินต้น)", fs.moved_in),
        ("หัก เงินต้นของสัญญาเดิมที่โอนเข้าสัญญารวมหนี้", fs.moved_out),
        ("หัก รับชำระเงินต้น", received_principal),
        ("เงินต้นคงค้างปลายงวด", fs.closing_principal),
    ]));
    formal::section(&mut page, "2. เงินที่กองทุนได้รับ");
    let mut t = Table::new(vec![
        Column::share(1.0),
        Column::mm(34.0).right(),
        Column::mm(38.0).right(),
        Column::mm(34.0).right(),
    ])
    .header(["รายการ", "รับโดยตรง", "ผ่านสัญญารวมหนี้", "รวม"]);
    t.size = Some(13.0);
    let (d, c) = (&fs.received_direct, &fs.received_through_tranches);
    for (label, a, b) in [
        ("เงินต้น", d.principal, c.principal),
        ("ดอกเบี้ย", d.interest, c.interest),
        ("ดอกเบี้ยผิดนัด", d.default_interest, c.default_interest),
        ("ค่าธรรมเนียม", d.fees, c.fees),
        ("หนี้ค้างยกมา (ไม่คิดดอกเบี้ย)", Satang::ZERO, fs.carried_received),
    ] {
        t = t.row([label.to_string(), money_or_dash(a), money_or_dash(b), (a + b).to_string()]);
    }
    let through = c.total() + fs.carried_received;
    page.table(&t.row([
        "รวมรับทั้งสิ้น".to_string(),
        d.total().to_string(),
        through.to_string(),
        fs.received_total().to_string(),
    ]));
    page.paragraph(
        Para::new()
            .run("รวมรับทั้งสิ้น ")
            .bold_field(formal::amount_in_words(fs.received_total()))
            .right(),
    );
    formal::section(&mut page, "3. หนี้ค้างยกมาและการลดหนี้");
    page.table(&two(&[
        ("ดอกเบี้ยที่ทบเป็นเงินต้นตามความยินยอม (ป.พ.พ. มาตรา 655)", fs.capitalised),
        ("หนี้ค้างยกมาที่เกิดจากการรวมหนี้", fs.carried_created),
        ("ลดหนี้ตามมติคณะกรรมการ", fs.waived),
        ("หนี้ค้างยกมาคงเหลือปลายงวด", fs.closing_carried),
        ("ยอดที่กองทุนพึงได้รับคืนปลายงวด (เงินต้นและหนี้ค้างยกมา)", fs.closing_principal + fs.closing_carried),
    ]));
    formal::signatures(
        &mut page,
        &[
            formal::institute_signature(o.treasurer, "ผู้จัดทำ"),
            formal::institute_signature(o.chair, "ผู้รับรอง"),
        ],
    );
    Ok(())
}
