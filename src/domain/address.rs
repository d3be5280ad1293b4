//! Thai postal addresses: บ้านเลขที่, หมู่ที่, ตำบล, อำเภอ, จังหวัด, รหัสไปรษณีย์.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    pub house_no: String,
    pub village_no: u8,
    pub village_name: String,
    pub subdistrict: String,
    pub district: String,
    pub province: String,
    pub postcode: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("กรุณากรอกบ้านเลขที่")]
    NoHouseNo,
    #[error("บ้านเลขที่ใช้ได้เฉพาะตัวเลข / และ - เช่น 12/3")]
    BadHouseNo,
    #[error("หมู่ที่ต้องเป็นตัวเลข 1–99")]
    BadVillage,
    #[error("กรุณากรอกตำบล อำเภอ และจังหวัด")]
    MissingArea,
    #[error("รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก")]
    BadPostcode,
}

pub fn parse_house_no(input: &str) -> Result<String, AddressError> {
    let text = super::thai::digits::to_ascii_digits(input.trim());
    if text.is_empty() {
        return Err(AddressError::NoHouseNo);
    }
    let ok = text.chars().next().is_some_and(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || c == '/' || c == '-');
    if ok { Ok(text) } else { Err(AddressError::BadHouseNo) }
}

pub fn parse_village(input: &str) -> Result<u8, AddressError> {
    let text = super::thai::digits::to_ascii_digits(input.trim());
    match text.parse::<u8>() {
        Ok(n) if (1..=99).contains(&n) => Ok(n),
        _ => Err(AddressError::BadVillage),
    }
}

pub fn parse_postcode(input: &str) -> Result<String, AddressError> {
    let text = super::thai::digits::to_ascii_digits(input.trim());
    if text.is_empty() || (text.len() == 5 && text.chars().all(|c| c.is_ascii_digit())) {
        Ok(text)
    } else {
        Err(AddressError::BadPostcode)
    }
}

impl Address {
    /// `12/3 หมู่ 3 บ้านหนองบัว ตำบลบ้านโป่ง อำเภอบ้านโป่ง จังหวัดราชบุรี 70110`
    pub fn one_line(&self) -> String {
        self.lines().join(" ")
    }

    /// The address as written on an envelope: house and village, then ตำบล/อำเภอ, then province.
    pub fn lines(&self) -> Vec<String> {
        let mut first = format!("{} หมู่ {}", self.house_no, self.village_no);
        if !self.village_name.is_empty() {
            first.push_str(&format!(" บ้าน{}", self.village_name.trim_start_matches("บ้าน")));
        }
        let second = format!("ตำบล{} อำเภอ{}", self.subdistrict, self.district);
        let mut third = format!("จังหวัด{}", self.province);
        if !self.postcode.is_empty() {
            third.push_str(&format!(" {}", self.postcode));
        }
        vec![first, second, third]
    }

    /// `12/3 ม.3` for lists.
    pub fn short(&self) -> String {
        format!("{} ม.{}", self.house_no, self.village_no)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Address {
        Address {
            house_no: "12/3".into(),
            village_no: 3,
            village_name: "หนองบัว".into(),
            subdistrict: "บ้านโป่ง".into(),
            district: "บ้านโป่ง".into(),
            province: "ราชบุรี".into(),
            postcode: "70110".into(),
        }
    }

    #[test]
    fn addresses_read_the_thai_way() {
        assert_eq!(
            sample().one_line(),
            "12/3 หมู่ 3 บ้านหนองบัว ตำบลบ้านโป่ง อำเภอบ้านโป่ง จังหวัดราชบุรี 70110"
        );
        assert_eq!(sample().short(), "12/3 ม.3");
    }

    #[test]
    fn address_parts_are_checked() {
        assert_eq!(parse_house_no("๑๒/๓"), Ok("12/3".into()));
        assert_eq!(parse_house_no("ไม่มี"), Err(AddressError::BadHouseNo));
        assert_eq!(parse_house_no(""), Err(AddressError::NoHouseNo));
        assert_eq!(parse_village("3"), Ok(3));
        assert_eq!(parse_village("0"), Err(AddressError::BadVillage));
        assert_eq!(parse_postcode("7011"), Err(AddressError::BadPostcode));
    }
}
