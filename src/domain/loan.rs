//! Loan contract states, payment channels, fund kinds and contract numbering.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! coded_enum {
    ($name:ident { $($variant:ident => $code:literal, $thai:literal;)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self { $($name::$variant => $thai),* })
            }
        }
    };
}

coded_enum!(LoanStatus {
    Active => "active", "ปกติ";
    Restructured => "restructured", "ปรับโครงสร้างแล้ว";
    Consolidated => "consolidated", "รวมเข้าสัญญาใหม่";
    Closed => "closed", "ปิดบัญชีแล้ว";
    WrittenOff => "written_off", "ตัดเป็นหนี้สูญ";
    Terminated => "terminated", "บอกเลิกสัญญา";
    Litigation => "litigation", "ดำเนินคดี";
    Voided => "voided", "ยกเลิก (คืนสภาพสัญญาเดิม)";
});

impl LoanStatus {
    /// Open loans still take payments and appear in arrears lists.
    pub fn is_open(self) -> bool {
        matches!(self, LoanStatus::Active | LoanStatus::Terminated | LoanStatus::Litigation)
    }
}

coded_enum!(Channel {
    Cash => "cash", "เงินสด";
    Transfer => "transfer", "โอนเงิน";
    PromptPay => "promptpay", "พร้อมเพย์";
});

coded_enum!(FundKind {
    VillageFund => "village_fund", "กองทุนหมู่บ้าน";
    SavingsGroup => "savings_group", "กลุ่มออมทรัพย์เพื่อการผลิต";
    Kkkj => "kkkj", "โครงการแก้ไขปัญหาความยากจน (กข.คจ.)";
    Housewives => "housewives", "กองทุนแม่บ้าน";
    Welfare => "welfare", "กองทุนสวัสดิการชุมชน";
    Other => "other", "อื่น ๆ";
});

coded_enum!(PartyRole {
    CoBorrower => "co_borrower", "ผู้กู้ร่วม";
    Guarantor => "guarantor", "ผู้ค้ำประกัน";
});

coded_enum!(CollateralKind {
    LandTitle => "land_title", "โฉนดที่ดิน";
    NorSor3 => "nor_sor_3", "น.ส.3";
    Vehicle => "vehicle", "ยานพาหนะ";
    Deposit => "deposit", "เงินฝาก";
    Shares => "shares", "หุ้น";
    Other => "other", "อื่น ๆ";
});

/// `กทบ.12/2568`: the fund's prefix, the running number within the Buddhist year, the year.
pub fn contract_number(fund_code: &str, seq: u32, be_year: i32) -> String {
    format!("{fund_code}{seq}/{be_year}")
}

/// `2568/000123`: receipts run per Buddhist year.
pub fn receipt_number(be_year: i32, seq: u32) -> String {
    format!("{be_year}/{seq:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_speak_thai() {
        for s in LoanStatus::ALL {
            assert_eq!(LoanStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(Channel::PromptPay.to_string(), "พร้อมเพย์");
        assert!(LoanStatus::Terminated.is_open());
        assert!(!LoanStatus::Consolidated.is_open());
    }

    #[test]
    fn numbers_run_per_buddhist_year() {
        assert_eq!(contract_number("กทบ.", 12, 2568), "กทบ.12/2568");
        assert_eq!(receipt_number(2568, 123), "2568/000123");
    }
}
