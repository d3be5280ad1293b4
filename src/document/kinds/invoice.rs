//! The invoice (ใบแจ้งหนี้): a form with the institute's heading, the number and date of the
//! register, who owes and on which contract, each installment due with its parts, the total in
//! figures and words, and a PromptPay QR for exactly that total (or how to pay without one).

use super::{Mark, draw_mark, form_setup, runs_para};
use crate::document::{Align, Column, DocError, DocWriter, Para, PdfBuilder, Table};
use crate::domain::letter::compose::{Letter, Letterhead};
use crate::domain::letter::facts::DueRow;
use crate::domain::thai::date::{format_long, format_short};

const QR_MM: f32 = 42.0;

pub fn write(
    pdf: &mut PdfBuilder,
    l: &Letter,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<(), DocError> {
    let mut page = pdf.document(form_setup());
    page.reference(format!("ใบแจ้งหนี้ เลขที่ {}", l.number));
    draw_mark(&mut page, mark);
    form_heading(
        &mut page,
        &l.head,
        logo,
        "ใบแจ้งหนี้",
        &[("เลขที่", l.number.clone()), ("วันที่", format_long(l.date))],
    )?;
    page.label_value("ชื่อผู้ชำระ", &l.recipient.name, 30.0)
        .label_value("ที่อยู่", &l.recipient.lines.join(" "), 30.0)
        .label_value("เลขที่สัญญา", &l.contract_no, 30.0)
        .spacer(2.0);
    if let Some(first) = l.body.first() {
        page.paragraph(runs_para("", first).indent_first());
    }
    page.table(&due_table(l));
    page.paragraph(Para::new().bold("รวมเป็นเงินทั้งสิ้น ").bold_field(l.total_words.as_str()).right());
    for para in l.body.iter().skip(1) {
        page.paragraph(runs_para("", para).indent_first());
    }
    pay_block(&mut page, l)?;
    page.spacer(4.0).signature(&crate::document::Signature {
        align: Align::Right,
        ..crate::document::Signature::new(l.signer.position.as_str(), Some(l.signer.name.clone()))
    });
    Ok(())
}

/// The heading of a form: logo and institute on the left, the title, and the document's
/// number and date on the right.
pub(crate) fn form_heading(
    page: &mut DocWriter<'_>,
    head: &Letterhead,
    logo: Option<&[u8]>,
    title: &str,
    refs: &[(&str, String)],
) -> Result<(), DocError> {
    let s = page.setup();
    let top = page.cursor_mm();
    let mut x = s.margin_left_mm;
    if let Some(png) = logo {
        page.image_png(png, x, top, 18.0)?;
        x += 21.0;
    }
    let width = 110.0 - (x - s.margin_left_mm);
    let mut h = page.text_at(x, top, width, &Para::new().bold_field(head.name.as_str()));
    for line in super::letter::address_lines(&head.address) {
        h += page.text_at(x, top + h, width, &Para::new().field(line).size(12.0));
    }
    if !head.phone.trim().is_empty() {
        let phone = Para::new().run("โทร. ").field(head.phone.trim()).size(12.0);
        h += page.text_at(x, top + h, width, &phone);
    }
    let right_x = s.margin_left_mm + 115.0;
    let right_w = s.width_mm - s.margin_right_mm - right_x;
    let mut rh = page.text_at(right_x, top, right_w, &Para::new().bold(title).size(20.0).right());
    for (label, value) in refs {
        let p = Para::new().bold(format!("{label} ")).field(value.as_str()).right();
        rh += page.text_at(right_x, top + rh, right_w, &p);
    }
    page.set_cursor_mm(top + h.max(rh).max(18.0) + 1.0).rule().spacer(1.0);
    Ok(())
}

fn due_table(l: &Letter) -> Table {
    let mut t = Table::new(vec![
        Column::mm(14.0).center(),
        Column::share(1.0).center(),
        Column::mm(27.0).right(),
        Column::mm(25.0).right(),
        Column::mm(33.0).right(),
        Column::mm(30.0).right(),
    ])
    .header(["งวดที่", "ครบกำหนด", "เงินต้น", "ดอกเบี้ย", "ดอกเบี้ยผิดนัด", "รวม (บาท)"]);
    t.size = Some(13.0);
    for d in &l.due_rows {
        t = t.row(due_cells(d));
    }
    for e in &l.extra_rows {
        t = t.row([
            String::new(),
            e.label.clone(),
            String::new(),
            String::new(),
            String::new(),
            e.amount.to_string(),
        ]);
    }
    t.row([
        String::new(),
        "รวมทั้งสิ้น".into(),
        String::new(),
        String::new(),
        String::new(),
        l.total.to_string(),
    ])
}

fn due_cells(d: &DueRow) -> [String; 6] {
    [
        d.no.to_string(),
        format_short(d.due_date),
        d.principal.to_string(),
        d.interest.to_string(),
        d.default_interest.to_string(),
        d.total().to_string(),
    ]
}

/// The QR with what it pays and to whom, or the way to pay when there is no QR.
fn pay_block(page: &mut DocWriter<'_>, l: &Letter) -> Result<(), DocError> {
    page.paragraph(Para::new().bold("วิธีชำระเงิน").space_after_mm(1.0));
    let Some(qr) = &l.qr else {
        page.paragraph(Para::text(l.pay_note.as_str()).indent_first());
        return Ok(());
    };
    page.ensure_space(QR_MM + 2.0);
    let s = page.setup();
    let top = page.cursor_mm();
    page.qr_at(&qr.payload, s.margin_left_mm, top, QR_MM)?;
    let x = s.margin_left_mm + QR_MM + 4.0;
    let w = s.width_mm - s.margin_right_mm - x;
    let lines = [
        Para::new().bold("พร้อมเพย์ (PromptPay) ").field(qr.account.as_str()),
        Para::new().run("ชื่อบัญชี ").field(l.head.name.as_str()),
        Para::new().run("จำนวนเงิน ").bold_field(qr.amount.to_string()).run(" บาท"),
        Para::text(l.pay_note.as_str()).size(12.0),
    ];
    let mut h = 3.0;
    for p in &lines {
        h += page.text_at(x, top + h, w, p);
    }
    page.set_cursor_mm(top + h.max(QR_MM) + 2.0);
    Ok(())
}
