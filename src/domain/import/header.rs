//! The column-mapping step: which column holds which field, guessed from the Thai headers offices
//! use, found below any merged title rows, and remembered per file layout (its header signature).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::dates::Order;
use crate::domain::thai::digits::to_ascii_digits;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ContractNo,
    FullName,
    Title,
    FirstName,
    LastName,
    NationalId,
    Phone,
    HouseNo,
    Village,
    Subdistrict,
    District,
    Province,
    Fund,
    StartDate,
    Principal,
    Rate,
    Periods,
    InstallmentsPaid,
    PrincipalOwed,
    InterestOwed,
    Arrears,
    DefaultInterest,
    LastPayment,
    LastAcknowledgment,
    Guarantor1,
    Guarantor1Id,
    Guarantor2,
    Guarantor2Id,
}

impl Field {
    pub const ALL: &[Field] = &[
        Field::ContractNo,
        Field::FullName,
        Field::Title,
        Field::FirstName,
        Field::LastName,
        Field::NationalId,
        Field::Phone,
        Field::HouseNo,
        Field::Village,
        Field::Subdistrict,
        Field::District,
        Field::Province,
        Field::Fund,
        Field::StartDate,
        Field::Principal,
        Field::Rate,
        Field::Periods,
        Field::InstallmentsPaid,
        Field::PrincipalOwed,
        Field::InterestOwed,
        Field::Arrears,
        Field::DefaultInterest,
        Field::LastPayment,
        Field::LastAcknowledgment,
        Field::Guarantor1,
        Field::Guarantor1Id,
        Field::Guarantor2,
        Field::Guarantor2Id,
    ];

    /// The header the template uses (and the first synonym recognised).
    pub fn label(self) -> &'static str {
        self.synonyms()[0]
    }

    pub fn is_date(self) -> bool {
        matches!(self, Field::StartDate | Field::LastPayment | Field::LastAcknowledgment)
    }

    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::ContractNo => &["เลขที่สัญญา", "เลขสัญญา", "สัญญาเลขที่", "สัญญาที่"],
            Field::FullName => &["ชื่อ-สกุล", "ชื่อ-นามสกุล", "ชื่อสกุล", "ชื่อผู้กู้", "ผู้กู้", "ชื่อสมาชิก"],
            Field::Title => &["คำนำหน้า", "คำนำหน้าชื่อ"],
            Field::FirstName => &["ชื่อ"],
            Field::LastName => &["นามสกุล", "สกุล"],
            Field::NationalId => {
                &["เลขบัตรประชาชน", "เลขประจำตัวประชาชน", "เลขบัตรประจำตัวประชาชน", "เลขบัตร"]
            }
            Field::Phone => &["โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์", "โทร"],
            Field::HouseNo => &["บ้านเลขที่", "เลขที่บ้าน"],
            Field::Village => &["หมู่", "หมู่ที่"],
            Field::Subdistrict => &["ตำบล"],
            Field::District => &["อำเภอ"],
            Field::Province => &["จังหวัด"],
            Field::Fund => &["กองทุน"],
            Field::StartDate => &["วันที่กู้", "วันที่ทำสัญญา", "วันกู้", "วันที่รับเงินกู้"],
            Field::Principal => &["เงินกู้", "จำนวนเงินกู้", "วงเงินกู้", "เงินต้น", "ยอดเงินกู้"],
            Field::Rate => &["อัตราดอกเบี้ย", "ดอกเบี้ย(%)", "ดอกเบี้ยร้อยละ"],
            Field::Periods => &["จำนวนงวด", "งวดทั้งหมด"],
            Field::InstallmentsPaid => &["งวดที่ชำระแล้ว", "ชำระแล้ว(งวด)", "ชำระแล้วงวด"],
            Field::PrincipalOwed => &["เงินต้นคงเหลือ", "คงเหลือ", "ยอดคงเหลือ", "เงินต้นค้าง"],
            Field::InterestOwed => &["ดอกเบี้ยค้าง", "ดอกเบี้ยค้างชำระ"],
            Field::Arrears => &["ยอดค้างชำระ", "ค้างชำระ"],
            Field::DefaultInterest => &["ดอกเบี้ยผิดนัด", "เบี้ยปรับ"],
            Field::LastPayment => &["วันที่ชำระล่าสุด", "ชำระครั้งล่าสุด", "วันที่ชำระครั้งสุดท้าย"],
            Field::LastAcknowledgment => &["วันที่รับสภาพหนี้", "รับสภาพหนี้"],
            Field::Guarantor1 => &["ผู้ค้ำประกัน1", "ผู้ค้ำ1", "ผู้ค้ำประกัน", "ผู้ค้ำ"],
            Field::Guarantor1Id => {
                &["เลขบัตรผู้ค้ำ1", "เลขบัตรผู้ค้ำประกัน1", "เลขบัตรผู้ค้ำ", "เลขบัตรผู้ค้ำประกัน"]
            }
            Field::Guarantor2 => &["ผู้ค้ำประกัน2", "ผู้ค้ำ2"],
            Field::Guarantor2Id => &["เลขบัตรผู้ค้ำ2", "เลขบัตรผู้ค้ำประกัน2"],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Header text reduced to what matters: no spaces, dashes, dots or brackets' spacing, ASCII digits.
pub fn normalise(header: &str) -> String {
    to_ascii_digits(header)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '_' | ':'))
        .collect::<String>()
        .to_lowercase()
}

fn recognise(header: &str) -> Option<Field> {
    let h = normalise(header);
    if h.is_empty() {
        return None;
    }
    let exact = Field::ALL.iter().find(|f| f.synonyms().iter().any(|s| normalise(s) == h));
    if let Some(f) = exact {
        return Some(*f);
    }
    // "เงินกู้ (บาท)", "หมู่ที่ 3": the longest synonym contained in the header.
    Field::ALL
        .iter()
        .flat_map(|f| f.synonyms().iter().map(move |s| (*f, normalise(s))))
        .filter(|(_, s)| s.chars().count() >= 3 && h.contains(s.as_str()))
        .max_by_key(|(_, s)| s.chars().count())
        .map(|(f, _)| f)
}

/// Which column holds what, by header text (so a remembered mapping survives a moved column),
/// and the order of day and month the user chose for columns that could not decide.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Mapping {
    /// Zero-based row of the headers.
    pub header_row: usize,
    pub columns: BTreeMap<Field, String>,
    #[serde(default)]
    pub date_orders: BTreeMap<Field, Order>,
}

impl Mapping {
    /// Column index of each mapped field in `headers`.
    pub fn resolve(&self, headers: &[String]) -> Result<BTreeMap<Field, usize>, String> {
        let mut out = BTreeMap::new();
        for (field, header) in &self.columns {
            let want = normalise(header);
            let Some(i) = headers.iter().position(|h| normalise(h) == want) else {
                return Err(format!("ไม่พบคอลัมน์ \"{header}\" ({field}) ในแถวหัวตาราง"));
            };
            out.insert(*field, i);
        }
        Ok(out)
    }
}

/// The header row (the first of the first 15 rows with the most recognised headers, so merged
/// title rows above it are passed over) and the guessed mapping.
pub fn guess(rows: &[Vec<Cell>]) -> Option<Mapping> {
    let (row, count) = rows
        .iter()
        .take(15)
        .enumerate()
        .map(|(i, r)| (i, r.iter().filter(|c| recognise(&c.plain()).is_some()).count()))
        .fold((0, 0), |best, cur| if cur.1 > best.1 { cur } else { best });
    if count < 2 {
        return None;
    }
    let mut columns = BTreeMap::new();
    for cell in &rows[row] {
        let text = cell.plain();
        let Some(mut field) = recognise(&text) else { continue };
        // A second "ผู้ค้ำประกัน" column is the second guarantor.
        if columns.contains_key(&field) {
            field = match field {
                Field::Guarantor1 => Field::Guarantor2,
                Field::Guarantor1Id => Field::Guarantor2Id,
                _ => continue,
            };
            if columns.contains_key(&field) {
                continue;
            }
        }
        columns.insert(field, text.trim().to_string());
    }
    Some(Mapping { header_row: row, columns, date_orders: BTreeMap::new() })
}

/// The layout's signature: its normalised headers in order, so the same book next week finds the
/// mapping the office confirmed last time.
pub fn signature(headers: &[String]) -> String {
    headers.iter().map(|h| normalise(h)).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::text(*c)).collect()
    }

    #[test]
    fn thai_headers_below_a_merged_title_row_are_found_and_mapped() {
        let rows = vec![
            row(&["ทะเบียนลูกหนี้เงินกู้ กองทุนหมู่บ้านบ้านหนองบัว", "", "", ""]),
            row(&["ณ วันที่ 30 กันยายน 2568", "", "", ""]),
            row(&[
                "ลำดับ",
                "เลขที่สัญญา",
                "ชื่อ - สกุล",
                "เลขบัตรประชาชน",
                "บ้านเลขที่",
                "หมู่ที่",
                "เงินกู้ (บาท)",
                "วันที่กู้",
                "เงินต้นคงเหลือ",
                "ผู้ค้ำประกัน",
                "ผู้ค้ำประกัน",
            ]),
        ];
        let m = guess(&rows).unwrap();
        assert_eq!(m.header_row, 2);
        assert_eq!(m.columns[&Field::FullName], "ชื่อ - สกุล");
        assert_eq!(m.columns[&Field::Principal], "เงินกู้ (บาท)");
        assert_eq!(m.columns[&Field::Village], "หมู่ที่");
        assert_eq!(m.columns[&Field::PrincipalOwed], "เงินต้นคงเหลือ");
        assert_eq!(m.columns[&Field::Guarantor2], "ผู้ค้ำประกัน");
        assert!(!m.columns.values().any(|h| h == "ลำดับ"));
        let headers: Vec<String> = rows[2].iter().map(Cell::plain).collect();
        assert_eq!(m.resolve(&headers).unwrap()[&Field::StartDate], 7);
    }

    #[test]
    fn separate_name_columns_are_not_confused_with_the_full_name() {
        let m = guess(&[row(&["คำนำหน้า", "ชื่อ", "นามสกุล", "เลขประจำตัวประชาชน"])]).unwrap();
        assert_eq!(
            m.columns.keys().copied().collect::<Vec<_>>(),
            vec![Field::Title, Field::FirstName, Field::LastName, Field::NationalId]
        );
    }

    #[test]
    fn a_sheet_without_recognisable_headers_has_no_guess() {
        assert_eq!(guess(&[row(&["a", "b"]), row(&["1", "2"])]), None);
    }

    #[test]
    fn the_signature_ignores_spacing_so_the_same_layout_is_recognised() {
        let a = signature(&["ชื่อ - สกุล".into(), "เงินกู้".into()]);
        let b = signature(&["ชื่อ-สกุล".into(), " เงินกู้ ".into()]);
        assert_eq!(a, b);
    }

    #[test]
    fn a_missing_column_of_a_given_mapping_is_named() {
        let mut m = Mapping::default();
        m.columns.insert(Field::NationalId, "เลขบัตร".into());
        let err = m.resolve(&["ชื่อ".into()]).unwrap_err();
        assert!(err.contains("เลขบัตร"), "{err}");
    }
}
