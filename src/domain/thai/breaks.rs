//! Where a line of Thai text may break, for the screens as for the documents: the word
//! boundaries of ICU4X's LSTM model (the dictionary model split names such as
//! "มีนางสาวสมหญิง" badly), less those the glue rules forbid ([`super::glue`]: `3 | งวด`,
//! `นาย | สมชาย`, a date, right after `(`). The PDF engine breaks with the same model and the
//! same rules; the screens turn these breaks into zero-width spaces.

use std::ops::Range;

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::{LineSegmenter, LineSegmenterBorrowed};

use super::glue::glued;

/// The line segmenter everything that lays out Thai uses.
pub fn segmenter() -> LineSegmenterBorrowed<'static> {
    LineSegmenter::new_lstm(LineBreakOptions::default())
}

/// Byte offsets inside `text` (never 0 or its length) where a line may start: word
/// boundaries not glued, and none strictly inside one of the `whole` ranges (field values,
/// which stay on one line).
pub fn line_breaks(text: &str, whole: &[Range<usize>]) -> Vec<usize> {
    segmenter()
        .segment_str(text)
        .filter(|&b| b > 0 && b < text.len())
        .filter(|&b| !whole.iter().any(|r| r.start < b && b < r.end))
        .filter(|&b| !glued(&text[..b], &text[b..]))
        .collect()
}

/// The word boundaries of `text` the glue rules forbid: a screen keeps the words on either
/// side together (a space there becomes a no-break space).
pub fn glued_breaks(text: &str) -> Vec<usize> {
    segmenter()
        .segment_str(text)
        .filter(|&b| b > 0 && b < text.len())
        .filter(|&b| glued(&text[..b], &text[b..]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, whole: &[Range<usize>]) -> Vec<String> {
        let mut out = Vec::new();
        let mut last = 0;
        for b in line_breaks(text, whole).into_iter().chain([text.len()]) {
            out.push(text[last..b].to_string());
            last = b;
        }
        out
    }

    /// The sentence of issue 17 §C14: the editor broke it as "ความสามารถข|องท่าน".
    #[test]
    fn thai_breaks_between_words_only() {
        let p = pieces("ตามความสามารถของท่าน", &[]);
        assert_eq!(p.concat(), "ตามความสามารถของท่าน");
        assert!(p.iter().any(|w| w.ends_with("สามารถ")), "{p:?}");
        assert!(p.iter().all(|w| !w.ends_with("ข") && !w.starts_with("อง")), "{p:?}");
    }

    #[test]
    fn glued_words_and_brackets_never_break() {
        let text = "ค้างชำระ 3 งวด จำนวน 500 บาท (ห้าร้อยบาทถ้วน) เรียน นายสมชาย";
        let p = pieces(text, &[]);
        for (a, b) in p.iter().zip(p.iter().skip(1)) {
            assert!(!a.ends_with('('), "after a bracket: {a:?} | {b:?}");
            assert!(!(a.ends_with("3 ") && b.starts_with("งวด")), "{a:?} | {b:?}");
            assert!(!(a.ends_with("500 ") && b.starts_with("บาท")), "{a:?} | {b:?}");
            assert!(!(a.ends_with("นาย") && b.starts_with("สมชาย")), "{a:?} | {b:?}");
        }
        let glued = glued_breaks(text);
        assert!(glued.contains(&text.find("งวด").unwrap()), "{glued:?}");
    }

    #[test]
    fn a_field_value_stays_whole() {
        let text = "ได้รับเงินจากนางสมศรีใจดีแล้ว";
        let name = text.find("นาง").unwrap()..text.find("แล้ว").unwrap();
        let p = pieces(text, std::slice::from_ref(&name));
        assert!(p.iter().any(|w| w.contains("นางสมศรีใจดี")), "{p:?}");
    }
}
