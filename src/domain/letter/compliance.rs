//! The Debt Collection Act B.E. 2558 (พ.ร.บ.การทวงถามหนี้ พ.ศ. 2558) as rules on wording: no
//! threats, insults or misleading claims in letters (s.11), nothing on an envelope or label that
//! shows it is about a debt (s.8, s.9), and the contact hours (s.9(3)).

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};

/// Threatening (prison, arrest, violence, shaming), insulting, or pretending to be a court or the
/// police. A fund may say it will proceed under the contract and the law; it may not say these.
pub const FORBIDDEN_IN_LETTERS: &[&str] = &[
    "จำคุก",
    "ติดคุก",
    "จับกุม",
    "หมายจับ",
    "ตำรวจ",
    "ประจาน",
    "อับอาย",
    "ทำร้าย",
    "ขี้โกง",
    "คนโกง",
    "หน้าด้าน",
    "ยึดทรัพย์ทันที",
    "หมายศาล",
    "คดีอาญา",
    "ฉ้อโกง",
    "แจ้งนายจ้าง",
    "บอกเพื่อนบ้าน",
];

/// Words that would tell anyone handling the mail that it is about a debt.
pub const FORBIDDEN_ON_ENVELOPE: &[&str] =
    &["หนี้", "ทวง", "ค้างชำระ", "เงินกู้", "ผิดนัด", "ดอกเบี้ย", "ชำระ", "เร่งด่วน"];

pub fn forbidden_in_letter(text: &str) -> Vec<&'static str> {
    FORBIDDEN_IN_LETTERS.iter().copied().filter(|w| text.contains(w)).collect()
}

pub fn forbidden_on_envelope(text: &str) -> Vec<&'static str> {
    FORBIDDEN_ON_ENVELOPE.iter().copied().filter(|w| text.contains(w)).collect()
}

/// Contact is allowed Monday to Friday 08:00–20:00 and on weekends and public holidays 08:00–18:00.
pub fn contact_allowed(date: NaiveDate, time: NaiveTime, holidays: &[NaiveDate]) -> bool {
    let from = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN);
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    let until = if weekend || holidays.contains(&date) {
        NaiveTime::from_hms_opt(18, 0, 0)
    } else {
        NaiveTime::from_hms_opt(20, 0, 0)
    };
    time >= from && until.is_some_and(|u| time <= u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn threatening_words_are_caught_and_plain_wording_passes() {
        assert_eq!(forbidden_in_letter("มิฉะนั้นท่านจะถูกจับกุมและจำคุก"), vec!["จำคุก", "จับกุม"]);
        assert!(forbidden_in_letter("สถาบันจำเป็นต้องดำเนินการตามสัญญาและตามกฎหมายต่อไป").is_empty());
    }

    #[test]
    fn envelopes_say_nothing_about_debt() {
        assert!(forbidden_on_envelope("นายสมชาย ใจดี 12/3 หมู่ 3 ตำบลหนองบัว").is_empty());
        assert_eq!(forbidden_on_envelope("หนังสือทวงหนี้"), vec!["หนี้", "ทวง"]);
    }

    #[test]
    fn contact_hours_follow_section_nine() {
        let friday = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
        let saturday = NaiveDate::from_ymd_opt(2025, 11, 22).unwrap();
        assert!(contact_allowed(friday, at(19, 30), &[]));
        assert!(!contact_allowed(friday, at(7, 59), &[]));
        assert!(!contact_allowed(saturday, at(19, 0), &[]));
        assert!(contact_allowed(saturday, at(17, 59), &[]));
        assert!(!contact_allowed(friday, at(19, 0), &[friday]), "a public holiday ends at 18:00");
    }
}
