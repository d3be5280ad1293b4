//! PromptPay (พร้อมเพย์) QR payloads: the EMVCo tag-length-value text a Thai banking app reads
//! from an invoice's QR code to pay the institute an exact amount.
//!
//! Layout (Bank of Thailand's Thai QR Payment, as the `promptpay-qr` library writes it):
//! `00`=`01` (format), `01`=`11` static or `12` with an amount, `29`={`00`: the PromptPay AID
//! `A000000677010111`, `01`: a phone as `0066` + 9 digits | `02`: a 13-digit national or tax id},
//! `58`=`TH`, `53`=`764` (baht), `54`=the amount with two decimals, then `63`=CRC-16/CCITT-FALSE
//! over everything before it including `6304`, as four uppercase hex digits.

use std::fmt;

use super::Satang;
use super::thai::digits::to_ascii_digits;

/// The PromptPay application id of a credit-transfer merchant account (tag 29, sub-tag 00).
const AID: &str = "A000000677010111";

/// Who receives the money: an institute registers PromptPay on a phone or its 13-digit id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptPayId {
    /// Ten digits starting with 0 (`0812345678`).
    Phone([u8; 10]),
    /// Thirteen digits: a national id or a juristic person's tax id.
    TaxId([u8; 13]),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PromptPayError {
    #[error("ยังไม่ได้ตั้งค่าพร้อมเพย์ของสถาบัน")]
    Empty,
    #[error(
        "หมายเลขพร้อมเพย์ต้องเป็นเบอร์โทรศัพท์มือถือ 10 หลักที่ขึ้นต้นด้วย 0 หรือเลขประจำตัว 13 หลัก (ได้ \"{0}\")"
    )]
    Invalid(String),
    #[error("ยอดที่ชำระผ่านพร้อมเพย์ต้องมากกว่าศูนย์")]
    NotPositive,
}

impl PromptPayId {
    /// Accepts what an officer types: dashes, spaces and Thai digits are ignored.
    pub fn parse(input: &str) -> Result<PromptPayId, PromptPayError> {
        let ascii = to_ascii_digits(input.trim());
        if ascii.is_empty() {
            return Err(PromptPayError::Empty);
        }
        let bad = || PromptPayError::Invalid(input.trim().to_string());
        if ascii.chars().any(|c| !(c.is_ascii_digit() || c == '-' || c == ' ')) {
            return Err(bad());
        }
        let digits: Vec<u8> = ascii.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
        match digits.len() {
            10 if digits[0] == 0 => {
                let mut d = [0; 10];
                d.copy_from_slice(&digits);
                Ok(PromptPayId::Phone(d))
            }
            13 => {
                let mut d = [0; 13];
                d.copy_from_slice(&digits);
                Ok(PromptPayId::TaxId(d))
            }
            _ => Err(bad()),
        }
    }

    /// The account value of tag 29: the sub-tag and its digits.
    fn account(&self) -> (&'static str, String) {
        let text = |d: &[u8]| d.iter().map(|d| char::from(b'0' + d)).collect::<String>();
        match self {
            // 081-234-5678 is written 0066 812345678: the country code replaces the leading 0.
            PromptPayId::Phone(d) => ("01", format!("0066{}", text(&d[1..]))),
            PromptPayId::TaxId(d) => ("02", text(d)),
        }
    }
}

impl fmt::Display for PromptPayId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = |d: &[u8]| d.iter().map(|d| char::from(b'0' + d)).collect::<String>();
        match self {
            PromptPayId::Phone(d) => {
                let t = text(d);
                write!(f, "{}-{}-{}", &t[0..3], &t[3..6], &t[6..])
            }
            PromptPayId::TaxId(d) => {
                let t = text(d);
                write!(f, "{}-{}-{}-{}-{}", &t[0..1], &t[1..5], &t[5..10], &t[10..12], &t[12..])
            }
        }
    }
}

fn tlv(out: &mut String, tag: &str, value: &str) {
    out.push_str(tag);
    out.push_str(&format!("{:02}", value.len()));
    out.push_str(value);
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor.
pub fn crc16_ccitt_false(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in data {
        crc ^= u16::from(*byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

/// The payload of a QR for `amount` to `id`; `None` makes a static QR the payer fills in.
pub fn payload(id: &PromptPayId, amount: Option<Satang>) -> Result<String, PromptPayError> {
    if amount.is_some_and(|a| !a.is_positive()) {
        return Err(PromptPayError::NotPositive);
    }
    let mut out = String::with_capacity(96);
    tlv(&mut out, "00", "01");
    tlv(&mut out, "01", if amount.is_some() { "12" } else { "11" });
    let (sub, account) = id.account();
    let mut merchant = String::new();
    tlv(&mut merchant, "00", AID);
    tlv(&mut merchant, sub, &account);
    tlv(&mut out, "29", &merchant);
    tlv(&mut out, "58", "TH");
    tlv(&mut out, "53", "764");
    if let Some(a) = amount {
        tlv(&mut out, "54", &a.to_plain());
    }
    out.push_str("6304");
    let crc = crc16_ccitt_false(out.as_bytes());
    out.push_str(&format!("{crc:04X}"));
    Ok(out)
}

/// What a scanner reads back: the fields of a payload, with its CRC checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Tag 29's account value (`0066…` or 13 digits).
    pub account: String,
    pub amount: Option<Satang>,
}

/// Reads a payload back (tests, and checking a QR someone else printed). `None` when the
/// structure or the CRC is wrong.
pub fn decode(text: &str) -> Option<Decoded> {
    let body = text.get(..text.len().checked_sub(4)?)?;
    let crc = u16::from_str_radix(text.get(text.len() - 4..)?, 16).ok()?;
    if !body.ends_with("6304") || crc16_ccitt_false(body.as_bytes()) != crc {
        return None;
    }
    let fields = parse_tlv(body.get(..body.len() - 4)?)?;
    let merchant = parse_tlv(fields.iter().find(|(t, _)| t == "29")?.1)?;
    if merchant.iter().find(|(t, _)| t == "00")?.1 != AID {
        return None;
    }
    let account = merchant.iter().find(|(t, _)| t == "01" || t == "02")?.1.to_string();
    let amount = match fields.iter().find(|(t, _)| t == "54") {
        Some((_, v)) => Some(Satang::from_plain(v)?),
        None => None,
    };
    Some(Decoded { account, amount })
}

fn parse_tlv(mut s: &str) -> Option<Vec<(String, &str)>> {
    let mut out = Vec::new();
    while !s.is_empty() {
        let tag = s.get(..2)?.to_string();
        let len: usize = s.get(2..4)?.parse().ok()?;
        out.push((tag, s.get(4..4 + len)?));
        s = s.get(4 + len..)?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    // CRC-16/CCITT-FALSE's catalogued check value (the CRC of "123456789") is 0x29B1; Python's
    // `binascii.crc_hqx(data, 0xFFFF)` computes the same CRC and gives the same figures below.
    #[test]
    fn the_crc_is_ccitt_false() {
        assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
    }

    // Known answers: the `promptpay-qr` library's README example (phone 000-000-0000, 4.22 baht,
    // E469), the static payload blognone.com published (8956), and for the 13-digit id and
    // 1,234.50 baht the CRC from `binascii.crc_hqx(payload_up_to_6304, 0xFFFF)`.
    #[rstest]
    #[case(
        "000-000-0000",
        Some(422),
        "00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469"
    )]
    #[case(
        "0000000000",
        None,
        "00020101021129370016A000000677010111011300660000000005802TH530376463048956"
    )]
    #[case(
        "081-234-5678",
        None,
        "00020101021129370016A000000677010111011300668123456785802TH530376463045D82"
    )]
    #[case(
        "0812345678",
        Some(123_450),
        "00020101021229370016A000000677010111011300668123456785802TH530376454071234.50630414B2"
    )]
    #[case(
        "1-2345-67890-12-3",
        Some(42_000),
        "00020101021229370016A000000677010111021312345678901235802TH53037645406420.006304BF7B"
    )]
    fn payloads_match_known_answers(
        #[case] id: &str,
        #[case] satang: Option<i64>,
        #[case] expected: &str,
    ) {
        let id = PromptPayId::parse(id).unwrap();
        assert_eq!(payload(&id, satang.map(Satang)).unwrap(), expected);
    }

    #[test]
    fn a_payload_reads_back_with_its_exact_amount() {
        let id = PromptPayId::parse("๐๘๑๒๓๔๕๖๗๘").unwrap();
        let text = payload(&id, Some(Satang(268_710))).unwrap();
        let d = decode(&text).unwrap();
        assert_eq!(d.account, "0066812345678");
        assert_eq!(d.amount, Some(Satang(268_710)));
        let mut broken = text.clone();
        broken.replace_range(text.len() - 10..text.len() - 9, "9");
        assert_eq!(decode(&broken), None, "a changed amount fails the CRC");
    }

    #[rstest]
    #[case("", PromptPayError::Empty)]
    #[case("812345678", PromptPayError::Invalid("812345678".into()))]
    #[case("1812345678", PromptPayError::Invalid("1812345678".into()))]
    #[case("08123456789", PromptPayError::Invalid("08123456789".into()))]
    #[case("081-234-567x", PromptPayError::Invalid("081-234-567x".into()))]
    fn bad_ids_are_refused_in_thai(#[case] input: &str, #[case] err: PromptPayError) {
        assert_eq!(PromptPayId::parse(input), Err(err));
    }

    #[test]
    fn ids_print_grouped_and_amounts_must_be_positive() {
        assert_eq!(PromptPayId::parse("0812345678").unwrap().to_string(), "081-234-5678");
        let tax = PromptPayId::parse("1234567890123").unwrap();
        assert_eq!(tax.to_string(), "1-2345-67890-12-3");
        assert_eq!(payload(&tax, Some(Satang(0))), Err(PromptPayError::NotPositive));
    }
}
