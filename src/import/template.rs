//! The template an office can fill in: every recognised header in the order the mapping guesses
//! them, with one example row.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::import::Field;

const EXAMPLE: &[(Field, &str)] = &[
    (Field::ContractNo, "สญ.001/2563"),
    (Field::FullName, "นายสมชาย ใจดี"),
    (Field::NationalId, "1101700123456"),
    (Field::Phone, "0812345678"),
    (Field::HouseNo, "12/3"),
    (Field::Village, "3"),
    (Field::Subdistrict, "หนองบัว"),
    (Field::District, "เมือง"),
    (Field::Province, "ขอนแก่น"),
    (Field::Fund, "กทบ."),
    (Field::StartDate, "15/3/2563"),
    (Field::Principal, "20,000.00"),
    (Field::Rate, "6"),
    (Field::Periods, "24"),
    (Field::InstallmentsPaid, "10"),
    (Field::PrincipalOwed, "11,666.70"),
    (Field::InterestOwed, ""),
    (Field::Arrears, ""),
    (Field::DefaultInterest, ""),
    (Field::LastPayment, "15/1/2564"),
    (Field::LastAcknowledgment, ""),
    (Field::Guarantor1, "นางบุญมี ศรีสุข"),
    (Field::Guarantor1Id, ""),
    (Field::Guarantor2, ""),
    (Field::Guarantor2Id, ""),
];

pub fn write_template(path: &Path) -> Result<(), String> {
    let run = || -> Result<(), XlsxError> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("ทะเบียนลูกหนี้")?;
        let bold = Format::new().set_bold();
        let text = Format::new().set_num_format("@");
        for (c, (field, example)) in EXAMPLE.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, field.label(), &bold)?;
            // Text cells, so ids keep their digits and dates stay as the office types them.
            ws.write_string_with_format(1, c, *example, &text)?;
            ws.set_column_width(c, 16)?;
        }
        wb.save(path)
    };
    run().map_err(|e| format!("บันทึกแฟ้ม {} ไม่ได้: {e}", path.display()))
}
