//! The per-fund statement (รายงานรายกองทุน) for a period: the fund's principal from opening to
//! closing, what it received directly and through the tranches of consolidated contracts, the
//! carried arrears and waivers, signed by the treasurer who prepared it and the chair.

use super::form_setup;
use super::formal::{self, money_or_dash};
use super::invoice::form_heading;
use crate::document::{Column, DocError, Para, PdfBuilder, Signature, Table};
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
        &[("พิมพ์", format_long(o.printed_on))],
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
    // Each table's first header cell names its section: a heading line each would push the
    // signatures onto a second page.
    let two = |title: &str, rows: &[(&str, Satang)]| {
        let mut t = Table::new(vec![Column::share(1.0), Column::mm(40.0).right()])
            .header([title, "จำนวนเงิน (บาท)"]);
        t.size = Some(12.0);
        for (label, amount) in rows {
            t = t.row([label.to_string(), amount.to_string()]);
        }
        t
    };
    let received_principal = fs.received_direct.principal + fs.received_through_tranches.principal;
    page.table(&two(
        "1. เงินต้นของกองทุน",
        &[
            ("เงินต้นคงค้างต้นงวด", fs.opening_principal),
            ("บวก ให้กู้ใหม่", fs.lent),
            ("บวก เงินต้นในสัญญารวมหนี้ (รวมดอกเบี้ยที่ทบเป็นเงินต้น)", fs.moved_in),
            ("หัก เงินต้นของสัญญาเดิมที่โอนเข้าสัญญารวมหนี้", fs.moved_out),
            ("หัก รับชำระเงินต้น", received_principal),
            ("หัก ตัดยอดเศษสตางค์ (เงินต้น)", fs.written_off),
            ("เงินต้นคงค้างปลายงวด", fs.closing_principal),
        ],
    ));
    let mut t = Table::new(vec![
        Column::share(1.0),
        Column::mm(34.0).right(),
        Column::mm(38.0).right(),
        Column::mm(34.0).right(),
    ])
    .header(["2. เงินที่กองทุนได้รับ", "รับโดยตรง", "ผ่านสัญญารวมหนี้", "รวม"]);
    t.size = Some(12.0);
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
    let words = crate::domain::thai::words::baht_text(fs.received_total());
    page.paragraph(Para::new().run("(").bold(words).run(")").right());
    page.table(&two(
        "3. หนี้ค้างยกมาและการลดหนี้",
        &[
            ("ดอกเบี้ยที่ทบเป็นเงินต้นตามความยินยอม (ป.พ.พ. มาตรา 655)", fs.capitalised),
            ("หนี้ค้างยกมาที่เกิดจากการรวมหนี้", fs.carried_created),
            ("ลดหนี้ตามมติคณะกรรมการ", fs.waived),
            (
                "ตัดยอดเศษสตางค์ (ดอกเบี้ย ค่าปรับ และหนี้ค้างยกมา)",
                fs.written_off_interest + fs.written_off_carried,
            ),
            ("หนี้ค้างยกมาคงเหลือปลายงวด", fs.closing_carried),
            (
                "ยอดที่กองทุนพึงได้รับคืนปลายงวด (เงินต้นและหนี้ค้างยกมา)",
                fs.closing_principal + fs.closing_carried,
            ),
        ],
    ));
    // Who prepared and who certified, side by side (their positions are long enough to need a
    // row each, which would push the pair onto a page of its own).
    let named = |role: &str, s: &Signer| {
        Signature::new(role, Some(s.name.trim().to_string()).filter(|n| !n.is_empty()))
    };
    formal::signatures(&mut page, &[named("ผู้จัดทำ", o.treasurer), named("ผู้รับรอง", o.chair)]);
    Ok(())
}
