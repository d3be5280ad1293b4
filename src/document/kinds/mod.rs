//! The documents a fund office prints, one module per kind: how each is laid out on the page.
//! What they say is composed in `domain` (letters, receipts, contracts); the database is read
//! in [`super::issue`].

pub mod agreement;
pub mod assembly;
pub mod certification;
pub mod contract;
pub mod formal;
pub mod fund_report;
pub mod invoice;
pub mod labels;
pub mod letter;
pub mod receipt;
pub mod subject_access;

use super::{Align, DocWriter, PageNumbers, PageSetup, Para};
use crate::domain::letter::template::Run;

/// A one-page collection letter: the official letter's margins at 14 pt, line height 1.4. At
/// 16 pt Sarabun (wider than the TH Sarabun PSK the 16 pt rule was written for) a letter with
/// two paragraphs, a table and a signature runs onto a second page.
/// The top margin is 2 cm rather than 2.5 so the institute's contact line fits in the bottom
/// margin of the same page.
pub fn letter_setup() -> PageSetup {
    PageSetup {
        line_height: 1.4,
        paragraph_spacing_mm: 1.5,
        margin_top_mm: 20.0,
        ..PageSetup::a4_letter().font_size(14.0)
    }
}

/// Forms (invoices, receipts, schedules, lists): narrower margins, 14 pt, "หน้า 2/3".
pub fn form_setup() -> PageSetup {
    PageSetup { line_height: 1.4, ..PageSetup::a4_form().font_size(14.0) }
        .page_numbers(PageNumbers::OfTotal)
}

/// What a printed copy is, shown large in its top-right corner.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mark {
    /// The original, issued now: no mark.
    #[default]
    Original,
    /// A reprint of a registered document: same number, marked สำเนา.
    Copy,
    /// A preview: not registered, its number is the one it would get now.
    Preview,
    /// A cancelled (reversed) receipt, with the reason.
    Cancelled(String),
}

impl Mark {
    pub fn label(&self) -> Option<&'static str> {
        match self {
            Mark::Original => None,
            Mark::Copy => Some("สำเนา"),
            Mark::Preview => Some("ตัวอย่าง"),
            Mark::Cancelled(_) => Some("ยกเลิก"),
        }
    }
}

/// Draws the mark in the top-right corner of the current page, above the top margin.
pub(crate) fn draw_mark(page: &mut DocWriter<'_>, mark: &Mark) {
    let Some(label) = mark.label() else { return };
    let s = page.setup();
    let width = 45.0;
    let x = s.width_mm - s.margin_right_mm - width;
    let y = (s.margin_top_mm - 14.0).max(3.0);
    page.fill_rect_at(x, y, width, 11.0, 0.85);
    page.text_at(x, y + 0.5, width, &Para::new().bold(label).size(20.0).center());
}

/// Compounds of collection letters that the word breaker splits (ลูก|หนี้, ผิด|นัด) but a
/// Thai reader expects on one line; kept whole like field values. Longest first.
const KEEP_WHOLE: &[&str] = &[
    "ประมวลกฎหมายแพ่งและพาณิชย์",
    "ผู้ค้ำประกัน",
    "คิวอาร์โค้ด",
    "ค้ำประกัน",
    "ดอกเบี้ย",
    "ค้างชำระ",
    "พร้อมเพย์",
    "ลูกหนี้",
    "ผิดนัด",
    "เงินต้น",
];

/// Template wording as runs: breaks between words except inside [`KEEP_WHOLE`] compounds and
/// a section number (`มาตรา 686`, `ม.686`), which stay on one line.
pub(crate) fn wording(mut p: Para, text: &str) -> Para {
    let mut rest = text;
    while !rest.is_empty() {
        let found = KEEP_WHOLE
            .iter()
            .filter_map(|w| rest.find(w).map(|at| (at, w.len())))
            .chain(section_number(rest))
            .min_by_key(|(at, len)| (*at, usize::MAX - len));
        let Some((at, len)) = found else {
            return p.run(rest);
        };
        if at > 0 {
            p = p.run(&rest[..at]);
        }
        p = p.field(&rest[at..at + len]);
        rest = &rest[at + len..];
    }
    p
}

/// Where `มาตรา 686` or `ม.686` starts in `text`, and its length in bytes.
fn section_number(text: &str) -> Option<(usize, usize)> {
    ["มาตรา ", "ม."].iter().find_map(|prefix| {
        let mut from = 0;
        while let Some(at) = text[from..].find(prefix).map(|i| i + from) {
            let digits = text[at + prefix.len()..]
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'/')
                .count();
            if digits > 0 {
                return Some((at, prefix.len() + digits));
            }
            from = at + prefix.len();
        }
        None
    })
}

/// A paragraph from template runs: words break between words, field values stay whole.
pub(crate) fn runs_para(prefix_bold: &str, runs: &[Run]) -> Para {
    let mut p = Para::new();
    if !prefix_bold.is_empty() {
        p = p.bold(prefix_bold);
    }
    for r in runs {
        p = if r.field { p.field(r.text.as_str()) } else { wording(p, &r.text) };
    }
    p
}

/// The largest size from `sizes` (points, largest first) at which every line fits `width`
/// mm on one line, so names and addresses in a narrow block are not broken; the smallest
/// otherwise.
pub(crate) fn fitting_size(
    page: &mut DocWriter<'_>,
    lines: &[Para],
    width: f32,
    sizes: &[f32],
) -> f32 {
    let smallest = sizes.last().copied().unwrap_or(12.0);
    sizes
        .iter()
        .copied()
        .find(|&pt| lines.iter().all(|l| page.natural_width_mm(&l.clone().size(pt)) <= width))
        .unwrap_or(smallest)
}

/// Draws a block of lines at `(x, y)` mm, `width` mm wide; returns its height in mm.
pub(crate) fn block(
    page: &mut DocWriter<'_>,
    x: f32,
    y: f32,
    width: f32,
    lines: &[Para],
    align: Align,
) -> f32 {
    let mut h = 0.0;
    for line in lines {
        h += page.text_at(x, y + h, width, &line.clone().align(align));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_and_section_numbers_are_kept_whole() {
        let p = wording(Para::new(), "บัดนี้ลูกหนี้ได้ผิดนัด ตามมาตรา 686 และ ม.224/1 แล้ว");
        assert_eq!(p.plain_text(), "บัดนี้ลูกหนี้ได้ผิดนัด ตามมาตรา 686 และ ม.224/1 แล้ว");
        let whole: Vec<&str> = p
            .runs
            .iter()
            .filter(|r| r.kind == crate::document::para::RunKind::Field)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(whole, ["ลูกหนี้", "ผิดนัด", "มาตรา 686", "ม.224/1"]);
        assert_eq!(wording(Para::new(), "ไม่มีคำพิเศษ").plain_text(), "ไม่มีคำพิเศษ");
    }
}
