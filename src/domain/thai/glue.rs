//! Where a Thai line must not break even though the words allow it: between a number and the
//! word that counts it (`3 งวด`, `1,234.50 บาท`, `15 วัน`), between a title and the name
//! (`นาย สมชาย`, `นางสาว|สมหญิง`), inside a date (`21 พฤศจิกายน 2568`, `21 พ.ย. 68`,
//! `พ.ศ. 2568`), and right after an opening bracket. A Thai reader takes `3` at a line's end
//! and `งวด` at the next line's start as two things; official letters keep them together.
//!
//! The rules look at the text on either side of a break opportunity, so the PDF engine (which
//! finds opportunities with ICU4X) and the screens (which wrap with zero-width spaces) keep the
//! same words together.

use super::date::{MONTHS, MONTHS_SHORT};

/// Classifiers and units that follow the number they count. A word that merely begins with one
/// (`วันที่`, `รายการ`, `ปีละ`) is glued too: keeping it with the number is never wrong.
pub const UNITS: &[&str] = &[
    "งวด",
    "บาท",
    "สตางค์",
    "วัน",
    "เดือน",
    "ปี",
    "ราย",
    "ครั้ง",
    "ฉบับ",
    "คน",
    "ครัวเรือน",
    "สัญญา",
    "ชั่วโมง",
    "นาที",
    "สัปดาห์",
    "ไร่",
    "ตารางวา",
    "แปลง",
    "หลัง",
    "เท่า",
    "กองทุน",
    "หมู่",
];

/// Titles written before a name, with or without a space.
pub const TITLES: &[&str] = &[
    "นาย",
    "นาง",
    "นางสาว",
    "น.ส.",
    "เด็กชาย",
    "เด็กหญิง",
    "ด.ช.",
    "ด.ญ.",
    "คุณ",
    "ผู้ใหญ่",
    "กำนัน",
    "พระ",
    "ดร.",
];

const ERAS: &[&str] = &["พ.ศ.", "ค.ศ."];

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('๐'..='๙').contains(&c)
}

fn ends_with_number(s: &str) -> bool {
    s.chars().last().is_some_and(is_digit)
}

fn starts_with_number(s: &str) -> bool {
    s.chars().next().is_some_and(is_digit)
}

fn is_month(word: &str) -> bool {
    MONTHS.contains(&word) || MONTHS_SHORT.contains(&word)
}

fn starts_with_month(s: &str) -> bool {
    MONTHS.iter().chain(&MONTHS_SHORT).any(|m| s.starts_with(m))
}

fn ends_with_month(s: &str) -> bool {
    MONTHS.iter().chain(&MONTHS_SHORT).any(|m| s.ends_with(m))
}

/// Whether a line must not break between `before` (the text up to a break opportunity) and
/// `after` (the text from it). Only the end of `before` and the start of `after` matter.
///
/// ```
/// use plodnee::domain::thai::glue::glued;
/// assert!(glued("ค้างชำระ 3 ", "งวด นับแต่"));
/// assert!(glued("เรียน นาย", "สมชาย ใจดี"));
/// assert!(glued("ณ วันที่ 21 ", "พฤศจิกายน 2568"));
/// assert!(glued("จำนวน 500 บาท (", "ห้าร้อยบาทถ้วน)"));
/// assert!(!glued("ค้างชำระ 3 งวด ", "นับแต่"));
/// ```
pub fn glued(before: &str, after: &str) -> bool {
    if before.ends_with(['(', '[', '{', '“', '‘', '«']) {
        return true;
    }
    if inside_a_known_word(before, after) {
        return true;
    }
    let a = before.trim_end();
    let b = after.trim_start();
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if ends_with_number(a) {
        // 3 | งวด, 1,234.50 | บาท; 21 | พฤศจิกายน (a day and its month)
        return UNITS.iter().any(|u| b.starts_with(u)) || starts_with_month(b);
    }
    if starts_with_number(b) {
        // พฤศจิกายน | 2568, พ.ย. | 68, พ.ศ. | 2568
        let last = a.rsplit(char::is_whitespace).next().unwrap_or(a);
        return is_month(last) || ends_with_month(a) || ERAS.iter().any(|e| a.ends_with(e));
    }
    // นาย | สมชาย, นางสาว | สมหญิง: the word before ends with a title, the next is a name.
    let starts_word = b.chars().next().is_some_and(|c| c.is_alphabetic());
    starts_word && TITLES.iter().any(|t| a.ends_with(t))
}

/// Whether the break falls inside a month, a unit or a title: the LSTM word breaker splits
/// some of them (`มี|นาคม`, `สตา|งค์`), and a reader sees two words that are not there.
fn inside_a_known_word(before: &str, after: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().last(), after.chars().next()) else {
        return false;
    };
    let words = MONTHS.iter().chain(UNITS).chain(TITLES);
    words.into_iter().any(|word| {
        word.char_indices().skip(1).any(|(at, c)| {
            c == first
                && word[..at].ends_with(last)
                && before.ends_with(&word[..at])
                && after.starts_with(&word[at..])
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_keeps_the_word_that_counts_it() {
        // The cases of issue 11 §4, as the demand letter prints them.
        assert!(glued("ท่านค้างชำระมาแล้ว 5 ", "งวด นับแต่งวดที่ครบกำหนด"));
        assert!(glued("ทั้งสิ้นจำนวน 9,170.77 ", "บาท (เก้าพันหนึ่งร้อย"));
        assert!(glued("เป็นเวลา 45 ", "วัน รวมเป็นเงิน"));
        assert!(glued("ภายใน 3 ", "เดือน"));
        assert!(glued("ระยะเวลา 2 ", "ปี"));
        assert!(glued("จำนวน 12 ", "ราย"));
        assert!(glued("จำนวน ๑๒ ", "ราย"), "Thai digits too");
        assert!(glued("จำนวน 3", "งวด"), "without a space");
        assert!(!glued("ค้างชำระ 3 งวด ", "นับแต่"), "after the unit the line may break");
        assert!(!glued("จำนวน 3 ", "ท่าน"), "a number before another word");
    }

    #[test]
    fn a_title_keeps_its_name() {
        assert!(glued("เรียน นาย", "สมชาย ใจดี"));
        assert!(glued("เรียน นาย ", "สมชาย ใจดี"), "title and name apart by a space");
        assert!(glued("ได้รับเงินจาก นางสาว", "สมหญิง"));
        assert!(glued("นาง", "สาวสมหญิง"), "a title cut by the word breaker inside นางสาว");
        assert!(glued("ผู้ปกครองของ ด.ช.", "สมปอง"));
        assert!(!glued("เรียน นายสมชาย ", "ใจดี"), "a first name and a surname may part");
        assert!(!glued("นาย", "123"), "a title before a number is no name");
    }

    #[test]
    fn a_date_stays_on_one_line() {
        assert!(glued("ณ วันที่ 21 ", "พฤศจิกายน 2568"));
        assert!(glued("ณ วันที่ 21 พฤศจิกายน ", "2568"));
        assert!(glued("21 พ.ย. ", "68"));
        assert!(glued("ครบกำหนด 3", "ม.ค. 69"));
        assert!(glued("ปีงบประมาณ พ.ศ. ", "2568"));
        assert!(!glued("21 พฤศจิกายน 2568 ", "ท่าน"), "after the year the line may break");
        assert!(!glued("ณ วันที่ ", "21 พฤศจิกายน 2568"), "วันที่ may end a line");
    }

    #[test]
    fn a_month_unit_or_title_is_never_cut_in_two() {
        // ICU4X's LSTM model breaks มีนาคม as มี|นาคม.
        assert!(glued("ลงวันที่ 15 มี", "นาคม 2566"));
        assert!(glued("ห้าสิบสตา", "งค์"));
        assert!(glued("เด็ก", "หญิงสมใจ"));
        assert!(!glued("มี", "นาฬิกา"), "มี before another word");
    }

    #[test]
    fn an_opening_bracket_never_ends_a_line() {
        assert!(glued("จำนวน 500 บาท (", "ห้าร้อยบาทถ้วน)"));
        assert!(glued("หนี้ค้างยกมา [", "ไม่คิดดอกเบี้ย]"));
        assert!(glued("“", "ยึด ลด ปลด หมดหนี้”"));
        assert!(!glued("(ห้าร้อยบาทถ้วน) ", "ตามรายละเอียด"));
    }

    #[test]
    fn empty_sides_never_glue() {
        assert!(!glued("", "งวด"));
        assert!(!glued("3 ", ""));
        assert!(!glued("   ", "บาท"));
    }
}
