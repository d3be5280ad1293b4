//! The receipt (ใบเสร็จรับเงิน): heading with the receipt number and date, the payer and the
//! contract, the allocation table, the split per fund of a consolidated contract, the total in
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
    page.label_value("ได้รับเงินจาก", &r.payer.name, 32.0);
    if !r.payer.lines.is_empty() {
        page.label_value("ที่อยู่", &r.payer.lines.join(" "), 32.0);
    }
    page.label_value("ชำระตามสัญญา", &r.contract, 32.0)
        .label_value("ช่องทาง", &r.channel, 32.0)
        .spacer(2.0);
    let several = r.rows.windows(2).any(|w| w[0].contract_no != w[1].contract_no);
    let mut t = if several {
        Table::new(vec![
            Column::share(1.0),
            Column::mm(16.0).center(),
            Column::mm(40.0),
            Column::mm(36.0).right(),
        ])
        .header(["สัญญา", "งวดที่", "รายการ", "จำนวนเงิน (บาท)"])
    } else {
        Table::new(vec![Column::mm(20.0).center(), Column::share(1.0), Column::mm(40.0).right()])
            .header(["งวดที่", "รายการ", "จำนวนเงิน (บาท)"])
    };
    for row in &r.rows {
        let no = row.installment.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
        t = if several {
            t.row([row.contract_no.clone(), no, row.part.clone(), row.amount.to_string()])
        } else {
            t.row([no, row.part.clone(), row.amount.to_string()])
        };
    }
    let total = r.total.to_string();
    t = if several {
        t.row([String::new(), String::new(), "รวมทั้งสิ้น".into(), total])
    } else {
        t.row([String::new(), "รวมทั้งสิ้น".into(), total])
    };
    page.table(&t).paragraph(
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
