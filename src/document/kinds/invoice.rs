//! The invoice (ใบแจ้งหนี้): a form with the institute's heading, the number and date of the
//! register, who owes and on which contract, each installment due with its parts, the total in
//! figures and words, and a PromptPay QR for exactly that total (or how to pay without one).

use super::{Mark, draw_mark, form_setup, runs_para};
use crate::document::{Align, Column, DocError, DocWriter, Para, PdfBuilder, Table};
use crate::domain::letter::compose::{Letter, Letterhead};
use crate::domain::letter::due_groups::{DueGroup, InvoiceRow, group_oldest, rows_that_fit};
use crate::domain::letter::facts::DueRow;
use crate::domain::thai::date::{format_long, format_short};

const QR_MM: f32 = 42.0;

/// Whether the tail is printed or only measured: encoding the QR is the slow part of an
/// invoice, and its size is fixed, so a measurement leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Draw {
    Print,
    Measure,
}

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
    // One page (issue 11 §6): measure what must follow the table, then give the table only
    // the rows that leave room for it, the oldest installments summed into one row.
    let tail_mm = page.measure_mm(|p| {
        // A failure here recurs, and is reported, when the tail is drawn for real.
        let _ = tail(p, l, Draw::Measure);
    });
    let room = page.remaining_mm() - tail_mm;
    let rows = fitted_rows(&mut page, l, room);
    page.table(&due_table(l, &rows));
    tail(&mut page, l, Draw::Print)
}

/// Everything under the table: the total in words, the rest of the wording, how to pay (the
/// QR) and the signature.
fn tail(page: &mut DocWriter<'_>, l: &Letter, draw: Draw) -> Result<(), DocError> {
    page.paragraph(Para::new().bold("รวมเป็นเงินทั้งสิ้น ").bold_field(l.total_words.as_str()).right());
    for para in l.body.iter().skip(1) {
        page.paragraph(runs_para("", para).indent_first());
    }
    pay_block(page, l, draw)?;
    page.spacer(4.0).signature(&crate::document::Signature {
        align: Align::Right,
        ..crate::document::Signature::new(l.signer.position.as_str(), Some(l.signer.name.clone()))
    });
    Ok(())
}

/// The installments as rows of a table at most `room_mm` tall: all of them when they fit,
/// otherwise as many as fit with the oldest grouped (see [`group_oldest`]). A grouped row
/// may wrap onto two lines, so the table is measured again until it fits.
fn fitted_rows(page: &mut DocWriter<'_>, l: &Letter, room_mm: f32) -> Vec<InvoiceRow> {
    let all = group_oldest(&l.due_rows, l.due_rows.len());
    let height = |p: &mut DocWriter<'_>, rows: &[InvoiceRow]| {
        let table = due_table(l, rows);
        p.measure_mm(|p| {
            p.table(&table);
        })
    };
    if all.len() <= 1 {
        return all;
    }
    let base = height(page, &[]);
    let row = height(page, &all[..1]) - base;
    // Rows are one line each, so a table well inside the room needs no exact measurement
    // (most invoices: a batch lays each table out once more, not three times).
    let estimate = base + row * all.len() as f32;
    if estimate + row <= room_mm || height(page, &all) <= room_mm {
        return all;
    }
    let mut n = rows_that_fit(room_mm, base, row).min(all.len());
    loop {
        let rows = group_oldest(&l.due_rows, n);
        if n <= 1 || height(page, &rows) <= room_mm {
            return rows;
        }
        n -= 1;
    }
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

fn due_table(l: &Letter, rows: &[InvoiceRow]) -> Table {
    // "137–140" needs 17.6 mm at 13 pt plus the cell's padding; a single number needs 14.
    let grouped = rows.iter().any(|r| matches!(r, InvoiceRow::Group(_)));
    let mut t = Table::new(vec![
        Column::mm(if grouped { 21.0 } else { 14.0 }).center(),
        Column::share(1.0).center(),
        Column::mm(27.0).right(),
        Column::mm(25.0).right(),
        Column::mm(33.0).right(),
        Column::mm(30.0).right(),
    ])
    .header(["งวดที่", "ครบกำหนด", "เงินต้น", "ดอกเบี้ย", "ดอกเบี้ยผิดนัด", "รวม (บาท)"]);
    t.size = Some(13.0);
    for r in rows {
        t = t.row(match r {
            InvoiceRow::One(d) => due_cells(d),
            InvoiceRow::Group(g) => group_cells(g),
        });
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

/// A group of the oldest installments: their numbers and due dates from first to last and
/// each part summed.
fn group_cells(g: &DueGroup) -> [String; 6] {
    [
        g.numbers(),
        g.months(),
        g.principal.to_string(),
        g.interest.to_string(),
        g.default_interest.to_string(),
        g.total().to_string(),
    ]
}

/// The QR with what it pays and to whom, or the way to pay when there is no QR.
fn pay_block(page: &mut DocWriter<'_>, l: &Letter, draw: Draw) -> Result<(), DocError> {
    // The heading stays with the QR it introduces.
    if l.qr.is_some() {
        page.ensure_space(QR_MM + 10.0);
    }
    page.paragraph(Para::new().bold("วิธีชำระเงิน").space_after_mm(1.0));
    let Some(qr) = &l.qr else {
        page.paragraph(Para::text(l.pay_note.as_str()).indent_first());
        return Ok(());
    };
    page.ensure_space(QR_MM + 2.0);
    let s = page.setup();
    let top = page.cursor_mm();
    if draw == Draw::Print {
        page.qr_at(&qr.payload, s.margin_left_mm, top, QR_MM)?;
    }
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
