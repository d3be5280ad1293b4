//! The institute's settings as the committee edits them after first setup (issue 17 §D17): one
//! pure check per field with its Thai message, and the list of what changed for the audit log.
//! The first-start setup form uses the same checks for the fields they share.

use std::collections::BTreeMap;

use super::Satang;
use super::national_id::NationalId;
use super::person::parse_phone;
use super::promptpay::PromptPayId;
use super::thai::digits::to_ascii_digits;

/// One field of the settings screen, in screen order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    Address,
    Phone,
    PromptPay,
    SignerName,
    SignerPosition,
    LetterPrefix,
    MinReminder,
    MinOverdue,
    Tolerance,
    ReminderDays,
    DemandDays,
    Demand2Days,
    RoundUpBaht,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Name,
        Field::Address,
        Field::Phone,
        Field::PromptPay,
        Field::SignerName,
        Field::SignerPosition,
        Field::LetterPrefix,
        Field::MinReminder,
        Field::MinOverdue,
        Field::Tolerance,
        Field::ReminderDays,
        Field::DemandDays,
        Field::Demand2Days,
        Field::RoundUpBaht,
    ];

    /// The Thai name of the field, on the screen and in the audit log.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "ชื่อสถาบัน",
            Field::Address => "ที่อยู่",
            Field::Phone => "โทรศัพท์",
            Field::PromptPay => "พร้อมเพย์",
            Field::SignerName => "ผู้ลงนามในหนังสือ",
            Field::SignerPosition => "ตำแหน่งผู้ลงนาม",
            Field::LetterPrefix => "อักษรนำเลขที่หนังสือ",
            Field::MinReminder => "ยอดขั้นต่ำที่ส่งหนังสือแจ้งเตือน (บาท)",
            Field::MinOverdue => "ยอดขั้นต่ำที่ส่งหนังสือทวงถาม (บาท)",
            Field::Tolerance => "ยอดค้างที่ไม่นับเป็นหนี้ค้าง (บาท)",
            Field::ReminderDays => "ส่งหนังสือแจ้งเตือนเมื่อค้างชำระ (วัน)",
            Field::DemandDays => "ส่งหนังสือทวงถาม ครั้งที่ 1 เมื่อค้างชำระ (วัน)",
            Field::Demand2Days => "ส่งหนังสือทวงถาม ครั้งที่ 2 เมื่อค้างชำระ (วัน)",
            Field::RoundUpBaht => "การปัดเศษค่างวดของสัญญาใหม่",
        }
    }
}

/// Every setting on the screen, all of them valid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub name: String,
    pub address: String,
    /// Digits only, or empty.
    pub phone: String,
    /// Digits only, or empty (no QR on invoices then).
    pub promptpay: String,
    pub signer_name: String,
    pub signer_position: String,
    pub letter_prefix: String,
    pub min_reminder: Satang,
    pub min_overdue: Satang,
    pub tolerance: Satang,
    /// The collections ladder's days past due for the reminder, demand 1 and demand 2
    /// ([`crate::domain::collections::ladder::Ladder`]), increasing and positive.
    pub reminder_days: i64,
    pub demand_days: i64,
    pub demand2_days: i64,
    /// New loans and consolidations round each installment up to the whole baht by default
    /// (existing schedules never change).
    pub round_up_baht: bool,
}

/// The rounding choice as the form holds it and the audit log names it.
pub const ROUND_UP_TEXT: &str = "ปัดค่างวดขึ้นเป็นบาทเต็ม";
pub const NO_ROUNDING_TEXT: &str = "ไม่ปัดเศษ (คิดถึงสตางค์)";

/// The largest threshold accepted: a minimum above it would stop every letter, which is a typo
/// (an extra zero) far more often than a policy.
pub const MAX_THRESHOLD: Satang = Satang(10_000_000);

pub fn parse_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("กรุณากรอกชื่อสถาบัน".into());
    }
    Ok(name.to_string())
}

/// A PromptPay id is a mobile number (10 digits) or a 13-digit tax id; empty is allowed. The
/// form is [`PromptPayId::parse`]'s; a 13-digit id must also pass the national-id checksum
/// (juristic tax ids use the same one), so a typo is caught before an invoice's QR pays no one.
pub fn parse_promptpay(input: &str) -> Result<String, String> {
    if input.trim().is_empty() {
        return Ok(String::new());
    }
    let id = PromptPayId::parse(input).map_err(|e| e.to_string())?;
    let digits: String = to_ascii_digits(input).chars().filter(char::is_ascii_digit).collect();
    if let PromptPayId::TaxId(_) = id {
        NationalId::parse(&digits).map_err(|e| e.to_string())?;
    }
    Ok(digits)
}

pub fn parse_signer_name(input: &str) -> Result<String, String> {
    let name = input.trim();
    if name.is_empty() {
        return Err("กรุณากรอกชื่อผู้ลงนามในหนังสือ".into());
    }
    Ok(name.to_string())
}

pub fn parse_position(input: &str) -> Result<String, String> {
    let position = input.trim();
    if position.is_empty() {
        return Err("กรุณากรอกตำแหน่ง".into());
    }
    Ok(position.to_string())
}

/// The letter-number prefix stands before "123/2569"; a slash in it would make the number
/// ambiguous (ที่ สจช./12/2569).
pub fn parse_letter_prefix(input: &str) -> Result<String, String> {
    let prefix = input.trim();
    if prefix.contains('/') {
        return Err("อักษรนำเลขที่หนังสือต้องไม่มีเครื่องหมาย / (ระบบเติม เลขที่/พ.ศ. ให้เอง)".into());
    }
    if prefix.chars().count() > 20 {
        return Err("อักษรนำเลขที่หนังสือยาวได้ไม่เกิน 20 ตัวอักษร".into());
    }
    Ok(prefix.to_string())
}

/// A threshold in baht as typed (`100`, `1,000.50`, Thai digits); zero allowed.
pub fn parse_threshold(input: &str) -> Result<Satang, String> {
    let amount = Satang::parse(input).map_err(|e| e.to_string())?;
    if amount > MAX_THRESHOLD {
        return Err(format!("สูงเกินไป (ไม่เกิน {} บาท)", MAX_THRESHOLD));
    }
    Ok(amount)
}

/// The longest ladder step accepted (ten years of arrears): more is a typo.
pub const MAX_LADDER_DAYS: i64 = 3650;

/// A ladder step in whole days past due as typed (Thai digits allowed); at least 1.
pub fn parse_days(input: &str) -> Result<i64, String> {
    let t = to_ascii_digits(input.trim());
    if t.is_empty() {
        return Err("กรุณากรอกจำนวนวัน".into());
    }
    let days: i64 = t.parse().map_err(|_| "กรุณากรอกจำนวนวันเป็นตัวเลขจำนวนเต็ม".to_string())?;
    if days < 1 {
        return Err("จำนวนวันต้องมากกว่า 0".into());
    }
    if days > MAX_LADDER_DAYS {
        return Err(format!("มากเกินไป (ไม่เกิน {MAX_LADDER_DAYS} วัน)"));
    }
    Ok(days)
}

/// Checks every field; on any error, every message by field and nothing else.
pub fn validate(input: &BTreeMap<Field, String>) -> Result<Settings, BTreeMap<Field, String>> {
    let get = |f: Field| input.get(&f).map(String::as_str).unwrap_or("");
    let mut errors = BTreeMap::new();
    let mut take = |f: Field, r: Result<String, String>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.insert(f, e);
            String::new()
        }
    };
    let name = take(Field::Name, parse_name(get(Field::Name)));
    let phone = take(Field::Phone, parse_phone(get(Field::Phone)).map_err(|e| e.to_string()));
    let promptpay = take(Field::PromptPay, parse_promptpay(get(Field::PromptPay)));
    let signer_name = take(Field::SignerName, parse_signer_name(get(Field::SignerName)));
    let signer_position = take(Field::SignerPosition, parse_position(get(Field::SignerPosition)));
    let letter_prefix = take(Field::LetterPrefix, parse_letter_prefix(get(Field::LetterPrefix)));
    let mut amount = |f: Field| match parse_threshold(get(f)) {
        Ok(v) => v,
        Err(e) => {
            errors.insert(f, e);
            Satang::ZERO
        }
    };
    let min_reminder = amount(Field::MinReminder);
    let min_overdue = amount(Field::MinOverdue);
    let tolerance = amount(Field::Tolerance);
    let mut days = |f: Field| match parse_days(get(f)) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.insert(f, e);
            None
        }
    };
    let (reminder_days, demand_days, demand2_days) =
        (days(Field::ReminderDays), days(Field::DemandDays), days(Field::Demand2Days));
    // The steps climb: each later than the one before, the message beside the later one.
    if let (Some(r), Some(d)) = (reminder_days, demand_days)
        && d <= r
    {
        errors.insert(Field::DemandDays, format!("ต้องมากกว่าวันส่งหนังสือแจ้งเตือน ({r} วัน)"));
    }
    if let (Some(d), Some(d2)) = (demand_days, demand2_days)
        && d2 <= d
    {
        errors.insert(Field::Demand2Days, format!("ต้องมากกว่าวันส่งหนังสือทวงถาม ครั้งที่ 1 ({d} วัน)"));
    }
    let round_up_baht = match get(Field::RoundUpBaht) {
        ROUND_UP_TEXT => true,
        NO_ROUNDING_TEXT | "" => false,
        _ => {
            errors.insert(Field::RoundUpBaht, "กรุณาเลือกการปัดเศษ".into());
            false
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Settings {
        name,
        address: get(Field::Address).trim().to_string(),
        phone,
        promptpay,
        signer_name,
        signer_position,
        letter_prefix,
        min_reminder,
        min_overdue,
        tolerance,
        reminder_days: reminder_days.unwrap_or_default(),
        demand_days: demand_days.unwrap_or_default(),
        demand2_days: demand2_days.unwrap_or_default(),
        round_up_baht,
    })
}

impl Settings {
    /// A field's value as the form shows it (amounts in baht with separators).
    pub fn text(&self, field: Field) -> String {
        match field {
            Field::Name => self.name.clone(),
            Field::Address => self.address.clone(),
            Field::Phone => self.phone.clone(),
            Field::PromptPay => self.promptpay.clone(),
            Field::SignerName => self.signer_name.clone(),
            Field::SignerPosition => self.signer_position.clone(),
            Field::LetterPrefix => self.letter_prefix.clone(),
            Field::MinReminder => self.min_reminder.to_string(),
            Field::MinOverdue => self.min_overdue.to_string(),
            Field::Tolerance => self.tolerance.to_string(),
            Field::ReminderDays => self.reminder_days.to_string(),
            Field::DemandDays => self.demand_days.to_string(),
            Field::Demand2Days => self.demand2_days.to_string(),
            Field::RoundUpBaht => {
                if self.round_up_baht { ROUND_UP_TEXT } else { NO_ROUNDING_TEXT }.to_string()
            }
        }
    }

    /// The form's text of every field, to fill the screen.
    pub fn form(&self) -> BTreeMap<Field, String> {
        Field::ALL.iter().map(|f| (*f, self.text(*f))).collect()
    }

    /// What differs from `new`: each changed field with its old and new text, in screen order.
    pub fn changes(&self, new: &Settings) -> Vec<(Field, String, String)> {
        Field::ALL
            .iter()
            .filter_map(|f| {
                let (old, new) = (self.text(*f), new.text(*f));
                (old != new).then_some((*f, old, new))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> BTreeMap<Field, String> {
        Settings {
            name: "สถาบันการจัดการเงินทุนชุมชนบ้านโป่ง".into(),
            signer_name: "นายสมชาย ใจดี".into(),
            signer_position: "ประธานกรรมการ".into(),
            min_reminder: Satang(10_000),
            min_overdue: Satang(10_000),
            tolerance: Satang(100),
            reminder_days: 7,
            demand_days: 30,
            demand2_days: 60,
            ..Settings::default()
        }
        .form()
    }

    #[test]
    fn a_valid_form_reads_back_thresholds_in_satang() {
        let mut form = good();
        form.insert(Field::MinOverdue, "๑,๒๐๐.๕๐".into());
        form.insert(Field::PromptPay, "081-234-5678".into());
        let s = validate(&form).expect("valid");
        // 1,200.50 baht = 120,050 satang.
        assert_eq!(s.min_overdue, Satang(120_050));
        assert_eq!(s.promptpay, "0812345678");
        assert_eq!(s.tolerance, Satang(100));
    }

    #[test]
    fn every_bad_field_gets_its_own_thai_message() {
        let mut form = good();
        form.insert(Field::Name, "  ".into());
        form.insert(Field::PromptPay, "12345".into());
        form.insert(Field::Tolerance, "-1".into());
        form.insert(Field::LetterPrefix, "สจช./".into());
        form.insert(Field::SignerName, "".into());
        let errors = validate(&form).expect_err("refused");
        assert_eq!(errors.len(), 5);
        assert_eq!(errors[&Field::Name], "กรุณากรอกชื่อสถาบัน");
        assert!(errors[&Field::PromptPay].contains("พร้อมเพย์"));
        assert_eq!(errors[&Field::Tolerance], "จำนวนเงินต้องไม่ติดลบ");
        assert!(errors[&Field::LetterPrefix].contains("/"));
        assert!(errors[&Field::SignerName].contains("ผู้ลงนาม"));
    }

    #[test]
    fn the_ladder_must_climb_and_be_positive() {
        let mut form = good();
        form.insert(Field::ReminderDays, "๑๐".into());
        form.insert(Field::DemandDays, "45".into());
        form.insert(Field::Demand2Days, "90".into());
        let s = validate(&form).expect("10 < 45 < 90 is a ladder");
        assert_eq!((s.reminder_days, s.demand_days, s.demand2_days), (10, 45, 90));

        // Demand 2 at 40 days falls below demand 1 at 45: refused beside demand 2 only.
        form.insert(Field::Demand2Days, "40".into());
        let errors = validate(&form).expect_err("not increasing");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[&Field::Demand2Days], "ต้องมากกว่าวันส่งหนังสือทวงถาม ครั้งที่ 1 (45 วัน)");

        // Equal days are not a climb either; zero and words are not days.
        form.insert(Field::Demand2Days, "90".into());
        form.insert(Field::DemandDays, "10".into());
        assert_eq!(
            validate(&form).unwrap_err()[&Field::DemandDays],
            "ต้องมากกว่าวันส่งหนังสือแจ้งเตือน (10 วัน)"
        );
        assert_eq!(parse_days("0"), Err("จำนวนวันต้องมากกว่า 0".into()));
        assert!(parse_days("สามสิบ").is_err());
        assert!(parse_days("2.5").is_err());
        assert!(parse_days("").is_err());
    }

    #[test]
    fn the_rounding_choice_reads_back_and_names_itself_in_the_log() {
        let mut form = good();
        assert_eq!(form[&Field::RoundUpBaht], NO_ROUNDING_TEXT);
        let old = validate(&form).unwrap();
        form.insert(Field::RoundUpBaht, ROUND_UP_TEXT.into());
        let new = validate(&form).unwrap();
        assert!(new.round_up_baht);
        assert_eq!(
            old.changes(&new),
            vec![(Field::RoundUpBaht, NO_ROUNDING_TEXT.into(), ROUND_UP_TEXT.into())]
        );
        form.insert(Field::RoundUpBaht, "ปัดลง".into());
        assert_eq!(validate(&form).unwrap_err()[&Field::RoundUpBaht], "กรุณาเลือกการปัดเศษ");
    }

    #[test]
    fn a_thirteen_digit_promptpay_must_pass_the_checksum() {
        // 1-2345-67890-12-1 is valid (national_id.rs test table); ending in 2 its check digit is wrong.
        assert_eq!(parse_promptpay("1234567890121").as_deref(), Ok("1234567890121"));
        assert!(parse_promptpay("1234567890122").is_err());
        assert_eq!(parse_promptpay(""), Ok(String::new()));
    }

    #[test]
    fn a_threshold_with_an_extra_zero_is_refused() {
        assert!(parse_threshold("100,000").is_ok());
        assert!(parse_threshold("1,000,000").is_err());
    }

    #[test]
    fn changes_list_old_and_new_text_of_changed_fields_only() {
        let old = validate(&good()).expect("valid");
        let mut new = old.clone();
        new.signer_name = "นางสมศรี มีสุข".into();
        new.tolerance = Satang(500);
        assert_eq!(
            old.changes(&new),
            vec![
                (Field::SignerName, "นายสมชาย ใจดี".into(), "นางสมศรี มีสุข".into()),
                (Field::Tolerance, "1.00".into(), "5.00".into()),
            ]
        );
    }
}
