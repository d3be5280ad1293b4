//! The receipt (ใบเสร็จรับเงิน): heading with the receipt number and date, who paid for whose
//! debt on which contract, the allocation table, the split per fund of a consolidated contract, the total in
//! figures and words, and the receiver's signature. A reversed receipt prints ยกเลิก and why.

use super::invoice::form_heading;
use super::{Mark, draw_mark, form_setup};
use crate::document::{Align, Column, DocError, Para, PdfBuilder, Signature, Table};
use crate::domain::letter::receipt::ReceiptDoc;
use crate::domain::thai::date::format_long;

/// Writes the receipt; `copy` marks a reprint as สำเนา (a cancelled receipt is marked ยกเลิก).
pub fn write(
    pdf: &mut PdfBuilder,
    r: &ReceiptDoc,
    logo: Option<&[u8]>,
    copy: bool,
) -> Result<(), DocError> {
    let mut page = pdf.document(form_setup());
    page.reference(format!("ใบเสร็จรับเงิน เลขที่ {}", r.receipt_no));
    let mark = match (&r.cancelled, copy) {
        (Some(reason), _) => Mark::Cancelled(reason.clone()),
        (None, true) => Mark::Copy,
        (None, false) => Mark::Original,
    };
    draw_mark(&mut page, &mark);
    form_heading(
        &mut page,
        &r.head,
        logo,
        "ใบเสร็จรับเงิน",
        &[("เลขที่", r.receipt_no.clone()), ("วันที่", format_long(r.paid_on))],
    )?;
    if let Some(reason) = &r.cancelled {
        page.paragraph(
            Para::new().bold("ใบเสร็จฉบับนี้ถูกยกเลิกแล้ว เหตุผล: ").field(reason.as_str()).size(15.0),
        );
    }
    // Whose debt the money pays, in the words of a Thai receipt, not only who brought it.
    page.paragraph(
        Para::new()
            .bold("ได้รับเงินจาก ")
            .field(r.payer.name.as_str())
            .run(" เพื่อชำระหนี้ของ ")
            .field(r.debtor.as_str())
            .run(" ตามสัญญาเลขที่ ")
            .field(r.contract.as_str()),
    );
    if !r.payer.lines.is_empty() {
        page.label_value("ที่อยู่", &r.payer.lines.join(" "), 32.0);
    }
    page.label_value("ช่องทาง", &r.channel, 32.0).spacer(2.0);
    page.table(&allocation_table(r)).paragraph(
        Para::new().bold("จำนวนเงิน (ตัวอักษร) ").bold_field(r.total_words.as_str()).right(),
    );
    if !r.funds.is_empty() {
        let mut split = Table::new(vec![Column::share(1.0), Column::mm(40.0).right()])
            .header(["ส่วนของแต่ละกองทุน", "จำนวนเงิน (บาท)"]);
        for f in &r.funds {
            split = split.row([f.fund.clone(), f.amount.to_string()]);
        }
        page.spacer(1.0).table(&split);
    }
    page.spacer(8.0).signature(&Signature {
        align: Align::Right,
        ..Signature::new("ผู้รับเงิน", Some(r.received_by.clone()).filter(|n| !n.trim().is_empty()))
    });
    Ok(())
}

/// งวดที่ and the parts as columns (ค่าธรรมเนียม only when a fee was paid); a first column
/// names the loan when the money reached several (the tranches of a consolidated contract).
fn allocation_table(r: &ReceiptDoc) -> Table {
    let several = r.rows.windows(2).any(|w| w[0].contract_no != w[1].contract_no);
    let fees = r.rows.iter().any(|x| x.fee.is_positive());
    let mut columns = Vec::new();
    let mut header = Vec::new();
    if several {
        columns.push(Column::share(1.0));
        header.push("สัญญา");
    }
    columns.push(if several { Column::mm(14.0).center() } else { Column::share(1.0).center() });
    header.push("งวดที่");
    if fees {
        columns.push(Column::mm(26.0).right());
        header.push("ค่าธรรมเนียม");
    }
    for h in ["ดอกเบี้ยผิดนัด", "ดอกเบี้ย", "เงินต้น", "รวม (บาท)"]
    {
        columns.push(Column::mm(if h == "ดอกเบี้ยผิดนัด" { 33.0 } else { 26.0 }).right());
        header.push(h);
    }
    let mut t = Table::new(columns).header(header);
    t.size = Some(13.0);
    let money =
        |m: crate::domain::Satang| if m.is_zero() { "-".to_string() } else { m.to_string() };
    for row in &r.rows {
        let mut cells = Vec::new();
        if several {
            cells.push(row.contract_no.clone());
        }
        cells.push(row.installment.map(|n| n.to_string()).unwrap_or_else(|| "-".into()));
        if fees {
            cells.push(money(row.fee));
        }
        cells.extend([
            money(row.default_interest),
            money(row.interest),
            money(row.principal),
            row.total().to_string(),
        ]);
        t = t.row(cells);
    }
    let blanks = usize::from(several) + usize::from(fees) + 4;
    let mut last = vec![String::new(); blanks];
    last[0] = "รวมทั้งสิ้น".into();
    last.push(r.total.to_string());
    t.row(last)
}
