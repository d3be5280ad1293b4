//! Address labels: names and addresses only, on the common A4 sheet of 3 × 8 labels of
//! 70 × 37 mm. Nothing on a label may show that the mail is about a debt (Debt Collection Act
//! s.8, s.9): the caller checks each label with `compliance::forbidden_on_envelope`.

use crate::document::{DocError, PageNumbers, PageSetup, Para, PdfBuilder};
use crate::domain::letter::compose::Addressee;

const COLUMNS: usize = 3;
const ROWS: usize = 8;
const LABEL_W: f32 = 70.0;
const LABEL_H: f32 = 297.0 / ROWS as f32;
const PAD: f32 = 5.0;

/// Labels per A4 sheet.
pub const PER_SHEET: usize = COLUMNS * ROWS;

/// All labels as one document: a new sheet every [`PER_SHEET`] labels.
pub fn write(pdf: &mut PdfBuilder, labels: &[Addressee]) -> Result<(), DocError> {
    let setup =
        PageSetup { line_height: 1.4, page_numbers: PageNumbers::None, ..PageSetup::a4_form() }
            .font_size(12.0);
    let mut page = pdf.document(setup);
    for (i, label) in labels.iter().enumerate() {
        let slot = i % PER_SHEET;
        if i > 0 && slot == 0 {
            page.page_break();
        }
        let x = (slot % COLUMNS) as f32 * LABEL_W + PAD;
        let y = (slot / COLUMNS) as f32 * LABEL_H + PAD;
        let w = LABEL_W - 2.0 * PAD;
        let mut h = page.text_at(x, y, w, &Para::new().bold_field(label.name.as_str()).size(13.0));
        for line in &label.lines {
            h += page.text_at(x, y + h, w, &Para::new().field(line.as_str()));
        }
    }
    Ok(())
}
