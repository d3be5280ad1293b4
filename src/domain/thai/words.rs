//! Baht amounts in Thai words (ตัวอักษร), as written on receipts, contracts and letters.

use crate::domain::money::Satang;

const DIGITS: [&str; 10] = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
const PLACES: [&str; 6] = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

/// Words for a number below one million: เอ็ด for a final 1 after other digits, ยี่ for 2 tens.
fn below_million(n: u64) -> String {
    let text = n.to_string();
    let len = text.len();
    let mut out = String::new();
    for (i, c) in text.bytes().enumerate() {
        let digit = (c - b'0') as usize;
        let place = len - 1 - i;
        if digit == 0 {
            continue;
        }
        match (place, digit) {
            (0, 1) if n >= 10 => out.push_str("เอ็ด"),
            (1, 1) => {}
            (1, 2) => out.push_str("ยี่"),
            _ => out.push_str(DIGITS[digit]),
        }
        out.push_str(PLACES[place]);
    }
    out
}

/// Words for any whole number; each group of six digits is read on its own, then ล้าน.
/// So 1,000,001 is หนึ่งล้านหนึ่ง (the group "1" is read alone), as pythainlp's bahttext does.
pub fn number_words(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let millions = n / 1_000_000;
    let rest = n % 1_000_000;
    let mut out = String::new();
    if millions > 0 {
        out.push_str(&number_words(millions));
        out.push_str("ล้าน");
    }
    if rest > 0 {
        out.push_str(&below_million(rest));
    }
    out
}

/// `หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์`, `…บาทถ้วน`; negative amounts are read as their size.
pub fn baht_text(amount: Satang) -> String {
    let abs = amount.0.unsigned_abs();
    let baht = abs / 100;
    let satang = abs % 100;
    match (baht, satang) {
        (0, 0) => "ศูนย์บาทถ้วน".to_string(),
        (0, s) => format!("{}สตางค์", number_words(s)),
        (b, 0) => format!("{}บาทถ้วน", number_words(b)),
        (b, s) => format!("{}บาท{}สตางค์", number_words(b), number_words(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    // Known answers: pythainlp.util.bahttext (pythainlp 5.x) for each amount, with two deliberate
    // differences: issue 2 requires หนึ่งล้านหนึ่ง for 1,000,001 (pythainlp reads หนึ่งล้านเอ็ด), and
    // amounts under one baht read as Excel's BAHTTEXT does, without ศูนย์บาท.
    #[rstest]
    #[case(123_450, "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์")]
    #[case(123_400, "หนึ่งพันสองร้อยสามสิบสี่บาทถ้วน")]
    #[case(100, "หนึ่งบาทถ้วน")]
    #[case(1_100, "สิบเอ็ดบาทถ้วน")]
    #[case(2_100, "ยี่สิบเอ็ดบาทถ้วน")]
    #[case(2_000, "ยี่สิบบาทถ้วน")]
    #[case(10_100, "หนึ่งร้อยเอ็ดบาทถ้วน")]
    #[case(100_100, "หนึ่งพันเอ็ดบาทถ้วน")]
    #[case(110_000, "หนึ่งพันหนึ่งร้อยบาทถ้วน")]
    #[case(100_000_100, "หนึ่งล้านหนึ่งบาทถ้วน")]
    #[case(100_001_100, "หนึ่งล้านสิบเอ็ดบาทถ้วน")]
    #[case(1_100_000_000, "สิบเอ็ดล้านบาทถ้วน")]
    #[case(2_100_000_000, "ยี่สิบเอ็ดล้านบาทถ้วน")]
    #[case(1_234_567_891, "สิบสองล้านสามแสนสี่หมื่นห้าพันหกร้อยเจ็ดสิบแปดบาทเก้าสิบเอ็ดสตางค์")]
    #[case(50, "ห้าสิบสตางค์")]
    #[case(1, "หนึ่งสตางค์")]
    #[case(21, "ยี่สิบเอ็ดสตางค์")]
    #[case(101, "หนึ่งบาทหนึ่งสตางค์")]
    #[case(0, "ศูนย์บาทถ้วน")]
    #[case(88_849, "แปดร้อยแปดสิบแปดบาทสี่สิบเก้าสตางค์")]
    fn amounts_read_as_a_thai_would_write_them(#[case] satang: i64, #[case] words: &str) {
        assert_eq!(baht_text(Satang(satang)), words);
    }

    #[test]
    fn millions_of_millions_repeat_lan() {
        assert_eq!(number_words(1_000_000_000_000), "หนึ่งล้านล้าน");
        assert_eq!(number_words(1_000_001_000_000), "หนึ่งล้านหนึ่งล้าน");
    }
}
