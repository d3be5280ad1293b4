//! The Thai official letter (หนังสือภายนอก, ระเบียบงานสารบรรณ) of collection letters: logo,
//! ที่ on the left and the institute's address on the right, the recipient's address for a
//! window envelope, the date from the middle, เรื่อง / เรียน / อ้างถึง / สิ่งที่ส่งมาด้วย, the
//! body with a table of amounts and the total in words, ขอแสดงความนับถือ, the signatory's name
//! and position, and the office to contact at the foot.

use super::{Mark, block, draw_mark, fitting_size, letter_setup, runs_para};
use crate::document::{Align, Column, DocError, Para, PdfBuilder, Table};
use crate::domain::letter::compose::{Addressee, Letter, Letterhead, Signer};
use crate::domain::thai::date::format_long;

/// Where the date, the closing and the signature start: the middle of the text block.
pub(crate) const MIDDLE_MM: f32 = 75.0;
const LOGO_MM: f32 = 22.0;
/// Width of the left side of the heading: ที่ and the recipient's address.
const LEFT_MM: f32 = 76.0;

/// Writes one letter as its own document in `pdf` (page numbers restart).
pub fn write(
    pdf: &mut PdfBuilder,
    l: &Letter,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<(), DocError> {
    let mut page = pdf.document(letter_setup());
    page.reference(format!("ที่ {}", l.number));
    draw_mark(&mut page, mark);
    header(&mut page, &l.number, &l.head, &l.recipient, logo)?;
    page.paragraph(Para::new().field(format_long(l.date)).indent_left_mm(MIDDLE_MM))
        .paragraph(Para::new().bold("เรื่อง  ").field(l.subject.as_str()))
        .paragraph(runs_para("", &l.salutation));
    if !l.reference.is_empty() {
        page.paragraph(runs_para("อ้างถึง  ", &l.reference));
    }
    if !l.enclosure.is_empty() {
        page.paragraph(runs_para("สิ่งที่ส่งมาด้วย  ", &l.enclosure));
    }
    for (i, para) in l.body.iter().enumerate() {
        page.paragraph(runs_para("", para).indent_first());
        // A letter that asks for no money and has no amounts (a complaint's acknowledgment)
        // carries no empty table with a total of 0.00.
        if i == 0 && (l.kind.states_debt() || !l.rows.is_empty()) {
            page.table(&amounts_table(l)).paragraph(
                Para::new().run("(").bold_field(l.total_words.as_str()).run(")").right(),
            );
        }
    }
    closing(&mut page, &l.closing, &l.signer);
    contact(&mut page, &l.head);
    Ok(())
}

/// Logo, then ที่ and the recipient's address on the left beside the institute's name and
/// address on the right; the cursor ends below the taller side.
pub(crate) fn header(
    page: &mut crate::document::DocWriter<'_>,
    number: &str,
    head: &Letterhead,
    to: &Addressee,
    logo: Option<&[u8]>,
) -> Result<(), DocError> {
    let s = page.setup();
    if let Some(png) = logo {
        let x = (s.width_mm - LOGO_MM) / 2.0 + (s.margin_left_mm - s.margin_right_mm) / 2.0;
        page.image_png(png, x, s.margin_top_mm - 12.0, LOGO_MM)?;
        page.set_cursor_mm(s.margin_top_mm - 10.0 + LOGO_MM);
    }
    let top = page.cursor_mm();
    // The left side needs room for an envelope's address lines; the institute's name, as long
    // as "สถาบันการจัดการเงินทุนชุมชนตำบล…", gets the rest.
    let right_x = s.margin_left_mm + 80.0;
    let right_w = s.width_mm - s.margin_right_mm - right_x;
    let mut inst = vec![org_name(&head.name)];
    inst.extend(address_lines(&head.address).into_iter().map(|l| Para::new().field(l)));
    let right_h = block(page, right_x, top, right_w, &inst, Align::Left);
    let mut envelope = vec![Para::new().field(to.name.as_str())];
    envelope.extend(to.lines.iter().map(|l| Para::new().field(l.as_str())));
    // A long name or village shrinks the envelope block rather than breaking a line of it.
    let size = fitting_size(page, &envelope, LEFT_MM, &[s.font_size, 13.0, 12.0, 11.0]);
    let mut left_h = block(
        page,
        s.margin_left_mm,
        top,
        LEFT_MM,
        &[Para::new().run("ที่ ").field(number)],
        Align::Left,
    );
    left_h += 4.0;
    let envelope: Vec<Para> = envelope.into_iter().map(|p| p.size(size)).collect();
    left_h += block(page, s.margin_left_mm, top + left_h, LEFT_MM, &envelope, Align::Left);
    page.set_cursor_mm(top + right_h.max(left_h) + 3.0);
    Ok(())
}

/// A long institute name on two lines, broken before its place (…เงินทุนชุมชน / ตำบลหนองบัว)
/// as letterheads print it, rather than wherever the line happens to fill.
pub(crate) fn org_name(name: &str) -> Para {
    let name = name.trim();
    let at =
        ["ตำบล", "อำเภอ", "จังหวัด"].iter().filter_map(|p| name.find(p)).filter(|&i| i > 0).min();
    match at {
        Some(i) if name.chars().count() > 28 => {
            Para::new().field(&name[..i]).line_break().field(&name[i..])
        }
        _ => Para::new().field(name),
    }
}

/// An institute address typed as one line breaks before ตำบล/อำเภอ/จังหวัด once a line is
/// long enough, as envelopes and letterheads print it; short addresses stay on one line.
pub(crate) fn address_lines(address: &str) -> Vec<String> {
    let address = address.trim();
    if address.is_empty() {
        return Vec::new();
    }
    if address.chars().count() <= 40 {
        return vec![address.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    for word in address.split_whitespace() {
        let starts_area =
            ["ตำบล", "อำเภอ", "จังหวัด", "ต.", "อ.", "จ."].iter().any(|p| word.starts_with(p));
        match lines.last_mut() {
            Some(last) if !(starts_area && last.chars().count() > 18) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn amounts_table(l: &Letter) -> Table {
    let mut t =
        Table::new(vec![Column::mm(12.0).center(), Column::share(1.0), Column::mm(42.0).right()])
            .header(["ที่", "รายการ", "จำนวนเงิน (บาท)"]);
    for (i, row) in l.rows.iter().enumerate() {
        t = t.row([(i + 1).to_string(), row.label.clone(), row.amount.to_string()]);
    }
    t.row([String::new(), "รวมทั้งสิ้น".to_string(), l.total.to_string()])
}

/// ขอแสดงความนับถือ, room to sign, (name) and position, from the middle of the text block.
pub(crate) fn closing(page: &mut crate::document::DocWriter<'_>, closing: &str, signer: &Signer) {
    let centred = |p: Para| p.indent_left_mm(MIDDLE_MM - 20.0).center();
    page.ensure_space(36.0)
        .spacer(2.0)
        .paragraph(centred(Para::new().field(closing)))
        .spacer(12.0)
        .paragraph(centred(name_line(&signer.name)).space_after_mm(0.0))
        .paragraph(centred(Para::new().field(signer.position.as_str())));
}

/// `(นายประเสริฐ ศรีสุข)`, or dots to write the name by hand when no signatory is set.
pub(crate) fn name_line(name: &str) -> Para {
    if name.trim().is_empty() {
        Para::text(format!("({})", ".".repeat(40)))
    } else {
        Para::new().run("(").field(name.trim()).run(")")
    }
}

/// The office to contact (ส่วนราชการเจ้าของเรื่อง, โทร.), in the bottom margin of the page the
/// letter ends on, so it never pushes the letter onto a second page.
pub(crate) fn contact(page: &mut crate::document::DocWriter<'_>, head: &Letterhead) {
    let s = page.setup();
    let y = s.height_mm - s.margin_bottom_mm + 1.0;
    let w = s.width_mm - s.margin_left_mm - s.margin_right_mm;
    let mut p = Para::new().field(head.name.as_str());
    if !head.phone.trim().is_empty() {
        p = p.run("  โทร. ").field(head.phone.trim());
    }
    page.text_at(s.margin_left_mm, y, w, &p.size(12.0));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_institute_addresses_break_before_the_district() {
        let lines = address_lines("ที่ทำการสถาบัน หมู่ 1 ตำบลหนองบัว อำเภอบ้านโป่ง จังหวัดราชบุรี 70110");
        assert_eq!(lines, ["ที่ทำการสถาบัน หมู่ 1", "ตำบลหนองบัว อำเภอบ้านโป่ง", "จังหวัดราชบุรี 70110"]);
        assert_eq!(address_lines("หมู่ 1 ตำบลหนองบัว"), ["หมู่ 1 ตำบลหนองบัว"]);
        assert!(address_lines("  ").is_empty());
    }
}
