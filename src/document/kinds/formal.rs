//! What contracts, agreements, lists and forms share: a centred heading under the institute's
//! name with the register number and date, numbered clauses, amounts with their words, and
//! signature lines two to a row.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Mark, draw_mark, form_setup, runs_para};
use crate::document::{Align, DocError, DocWriter, PageSetup, Para, PdfBuilder, Signature};
use crate::domain::Satang;
use crate::domain::letter::compose::{Letterhead, Signer};
use crate::domain::letter::template::Run;
use crate::domain::thai::date::format_long;
use crate::domain::thai::words::baht_text;

/// The top of a formal document: who issues it, what it is, its register number and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub head: Letterhead,
    pub title: String,
    /// The letter register's number (ที่ …/พ.ศ.).
    pub number: String,
    pub date: NaiveDate,
}

/// A document with its own page numbering, the mark drawn and the heading written.
pub(crate) fn open<'a>(
    pdf: &'a mut PdfBuilder,
    setup: PageSetup,
    h: &Heading,
    logo: Option<&[u8]>,
    mark: &Mark,
) -> Result<DocWriter<'a>, DocError> {
    let mut page = pdf.document(setup);
    if !h.number.trim().is_empty() {
        page.reference(format!("{} ที่ {}", h.title, h.number));
    }
    draw_mark(&mut page, mark);
    heading(&mut page, h, logo)?;
    Ok(page)
}

/// Forms at 14 pt with "หน้า 1/3"; [`form_setup`] turned on its side for wide lists.
pub(crate) fn landscape() -> PageSetup {
    PageSetup { width_mm: 297.0, height_mm: 210.0, ..form_setup() }
}

/// The logo and institute centred, the title large and bold, then ที่ on the left and the date
/// on the right, as Thai contracts and certificates head their first page.
pub(crate) fn heading(
    page: &mut DocWriter<'_>,
    h: &Heading,
    logo: Option<&[u8]>,
) -> Result<(), DocError> {
    let s = page.setup();
    if let Some(png) = logo {
        let (w, top) = (18.0, page.cursor_mm());
        page.image_png(png, (s.width_mm - w) / 2.0, top, w)?;
        page.set_cursor_mm(top + w + 1.0);
    }
    page.paragraph(Para::new().bold(h.title.as_str()).size(18.0).center().space_after_mm(0.5))
        .paragraph(Para::new().field(h.head.name.as_str()).center().space_after_mm(0.0));
    if !h.head.address.trim().is_empty() {
        page.paragraph(Para::new().field(h.head.address.trim()).size(12.0).center());
    }
    let top = page.cursor_mm();
    let width = s.width_mm - s.margin_left_mm - s.margin_right_mm;
    let number = Para::new().run("ที่ ").field(h.number.as_str());
    let date = Para::new().run("วันที่ ").field(format_long(h.date)).right();
    let a = page.text_at(s.margin_left_mm, top, width, &number);
    let b = page.text_at(s.margin_left_mm, top, width, &date);
    page.set_cursor_mm(top + a.max(b)).rule().spacer(1.0);
    Ok(())
}

/// A bold section title.
pub(crate) fn section(page: &mut DocWriter<'_>, title: &str) {
    page.paragraph(Para::new().bold(title).space_after_mm(1.0).keep_together());
}

/// `ข้อ 3  …` with the clause's words breaking between words and its values kept whole.
pub(crate) fn clause(page: &mut DocWriter<'_>, no: usize, runs: &[Run]) {
    page.paragraph(runs_para(&format!("ข้อ {no}  "), runs).indent_first_mm(10.0));
}

/// Template-free wording and values for [`clause`]: `(text, is_field)` pieces. A value longer
/// than [`WHOLE_CHARS`] (an amount with its words, a resolution) breaks between words like
/// wording: kept whole it would leave half a line empty before it.
pub(crate) fn runs(pieces: &[(&str, bool)]) -> Vec<Run> {
    pieces
        .iter()
        .map(|(t, f)| Run { text: t.to_string(), field: *f && t.chars().count() <= WHOLE_CHARS })
        .collect()
}

pub(crate) const WHOLE_CHARS: usize = 24;

/// `12,500.00 บาท (หนึ่งหมื่นสองพันห้าร้อยบาทถ้วน)`: amounts a Thai office writes in words too.
pub fn amount_in_words(amount: Satang) -> String {
    format!("{amount} บาท ({})", baht_text(amount))
}

/// `-` for nothing, so a table's empty cells read as zero rather than missing.
pub(crate) fn money_or_dash(m: Satang) -> String {
    if m.is_zero() { "-".into() } else { m.to_string() }
}

/// Signature lines two to a row (left and right halves), each kept whole on a page; one with a
/// long position (ประธานสถาบันการจัดการ…) takes a row of its own so the two never overlap.
pub(crate) fn signatures(page: &mut DocWriter<'_>, sigs: &[Signature]) {
    let mut rows: Vec<Vec<Signature>> = Vec::new();
    for sig in sigs {
        let long = sig.role.chars().count() > 14;
        match rows.last_mut() {
            Some(row) if !long && row.len() == 1 && row[0].role.chars().count() <= 14 => {
                row.push(sig.clone())
            }
            _ => rows.push(vec![sig.clone()]),
        }
    }
    // At least the first two rows start on the same page: a lone signature line at the top of a
    // page reads as if it belonged to nothing.
    page.ensure_space(22.0 * rows.len().min(2) as f32);
    for pair in &rows {
        page.ensure_space(22.0).spacer(6.0);
        let top = page.cursor_mm();
        let mut bottom = top;
        for (sig, align) in pair.iter().zip([Align::Left, Align::Right]) {
            page.set_cursor_mm(top);
            let align = if pair.len() == 1 { Align::Center } else { align };
            page.signature(&Signature { line_mm: 45.0, align, ..sig.clone() });
            bottom = bottom.max(page.cursor_mm());
        }
        page.set_cursor_mm(bottom);
    }
}

/// The institute's signatory as a signature line (name printed, or dots when none is set).
pub(crate) fn institute_signature(signer: &Signer, role: &str) -> Signature {
    let name = Some(signer.name.trim().to_string()).filter(|n| !n.is_empty());
    let position = if signer.position.trim().is_empty() { role } else { signer.position.trim() };
    Signature::new(position, name)
}

/// Two witnesses sign every contract (names written by hand).
pub(crate) fn witnesses() -> [Signature; 2] {
    [Signature::new("พยาน", None), Signature::new("พยาน", None)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_in_figures_and_words() {
        assert_eq!(
            amount_in_words(Satang::from_baht(12_500)),
            "12,500.00 บาท (หนึ่งหมื่นสองพันห้าร้อยบาทถ้วน)"
        );
        assert_eq!(money_or_dash(Satang::ZERO), "-");
    }
}
