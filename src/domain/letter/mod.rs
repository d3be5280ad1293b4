//! What letters say (not how they look): the kinds of documents, editable templates with named
//! fields, the Debt Collection Act's rules on content, and the facts a letter states.

pub mod compliance;
pub mod compose;
pub mod defaults;
pub mod due_groups;
pub mod facts;
pub mod printable;
pub mod receipt;
pub mod template;
pub mod threshold;

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// หนังสือแจ้งเตือนการชำระหนี้ (about 7 days past due).
    Reminder,
    /// หนังสือทวงถาม ครั้งที่ 1 (about 30 days).
    Demand,
    /// หนังสือทวงถาม ครั้งที่ 2 (about 60 days).
    Demand2,
    /// หนังสือบอกกล่าวผู้ค้ำประกัน (s.686: within 60 days of default).
    Guarantor,
    /// ใบแจ้งหนี้ with a PromptPay QR for the exact amount.
    Invoice,
    /// ใบเสร็จรับเงิน.
    Receipt,
    /// หนังสือบอกเลิกสัญญา (more than three installments overdue).
    Termination,
    /// บันทึกข้อตกลงปรับโครงสร้างหนี้.
    RestructuringAgreement,
    /// หนังสือแจ้งการปลดหนี้ตามเงื่อนไข.
    ReleaseNotice,
    /// หนังสือรับรองการชำระหนี้เสร็จสิ้น.
    ClearanceCertificate,
    /// สัญญารวมหนี้.
    ConsolidatedContract,
    /// บัญชีรายชื่อเพื่อรับรองข้อมูลในเวทีประชาคม (national ids masked).
    AssemblyList,
    /// แบบรับรองข้อมูลสมาชิก: a member confirms their own debts and guarantees.
    MemberCertification,
    /// หนังสือตอบรับเรื่องร้องเรียน (ISO 10002 acknowledgement).
    ComplaintAcknowledgment,
    /// หนังสือแจ้งผลการพิจารณาเรื่องร้องเรียน: the finding and the remedy.
    ComplaintResponse,
    /// สรุปข้อมูลคดีสำหรับทนายความ: parties, contract, schedule, payments and the claim on the
    /// filing date with its workings (issue 13 §6).
    CaseSummary,
    /// หนังสือแจ้งปิดเรื่องร้องเรียน.
    ComplaintClosure,
}

impl Kind {
    pub const ALL: &[Kind] = &[
        Kind::Reminder,
        Kind::Demand,
        Kind::Demand2,
        Kind::Guarantor,
        Kind::Invoice,
        Kind::Receipt,
        Kind::Termination,
        Kind::RestructuringAgreement,
        Kind::ReleaseNotice,
        Kind::ClearanceCertificate,
        Kind::ConsolidatedContract,
        Kind::AssemblyList,
        Kind::MemberCertification,
        Kind::ComplaintAcknowledgment,
        Kind::ComplaintResponse,
        Kind::ComplaintClosure,
        Kind::CaseSummary,
    ];

    /// The kinds a batch of collection letters can be (the CLI's KIND).
    pub const COLLECTION: &[Kind] =
        &[Kind::Reminder, Kind::Demand, Kind::Demand2, Kind::Guarantor, Kind::Invoice];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Reminder => "reminder",
            Kind::Demand => "demand",
            Kind::Demand2 => "demand2",
            Kind::Guarantor => "guarantor",
            Kind::Invoice => "invoice",
            Kind::Receipt => "receipt",
            Kind::Termination => "termination",
            Kind::RestructuringAgreement => "restructuring_agreement",
            Kind::ReleaseNotice => "release_notice",
            Kind::ClearanceCertificate => "clearance_certificate",
            Kind::ConsolidatedContract => "consolidated_contract",
            Kind::AssemblyList => "assembly_list",
            Kind::MemberCertification => "member_certification",
            Kind::ComplaintAcknowledgment => "complaint_acknowledgment",
            Kind::ComplaintResponse => "complaint_response",
            Kind::ComplaintClosure => "complaint_closure",
            Kind::CaseSummary => "case_summary",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// Whether the letter asks the recipient for money (and so must name the amount).
    pub fn states_debt(self) -> bool {
        matches!(
            self,
            Kind::Reminder
                | Kind::Demand
                | Kind::Demand2
                | Kind::Guarantor
                | Kind::Invoice
                | Kind::Termination
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Reminder => "หนังสือแจ้งเตือนการชำระหนี้",
            Kind::Demand => "หนังสือทวงถาม ครั้งที่ 1",
            Kind::Demand2 => "หนังสือทวงถาม ครั้งที่ 2",
            Kind::Guarantor => "หนังสือบอกกล่าวผู้ค้ำประกัน",
            Kind::Invoice => "ใบแจ้งหนี้",
            Kind::Receipt => "ใบเสร็จรับเงิน",
            Kind::Termination => "หนังสือบอกเลิกสัญญา",
            Kind::RestructuringAgreement => "บันทึกข้อตกลงปรับโครงสร้างหนี้",
            Kind::ReleaseNotice => "หนังสือแจ้งการปลดหนี้ตามเงื่อนไข",
            Kind::ClearanceCertificate => "หนังสือรับรองการชำระหนี้เสร็จสิ้น",
            Kind::ConsolidatedContract => "สัญญารวมหนี้",
            Kind::AssemblyList => "บัญชีรายชื่อเพื่อรับรองข้อมูลในเวทีประชาคม",
            Kind::MemberCertification => "แบบรับรองข้อมูลสมาชิก",
            Kind::ComplaintAcknowledgment => "หนังสือตอบรับเรื่องร้องเรียน",
            Kind::ComplaintResponse => "หนังสือแจ้งผลการพิจารณาเรื่องร้องเรียน",
            Kind::ComplaintClosure => "หนังสือแจ้งปิดเรื่องร้องเรียน",
            Kind::CaseSummary => "สรุปข้อมูลคดีสำหรับทนายความ",
        })
    }
}

/// `ที่ สจช.หบ. 12/2568`: every issued letter's number in the register, running per Buddhist year.
pub fn letter_number(prefix: &str, seq: u32, be_year: i32) -> String {
    let prefix = prefix.trim();
    if prefix.is_empty() { format!("{seq}/{be_year}") } else { format!("{prefix} {seq}/{be_year}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_speak_thai() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(*k));
        }
        assert_eq!(Kind::Guarantor.to_string(), "หนังสือบอกกล่าวผู้ค้ำประกัน");
        assert!(Kind::Demand.states_debt());
        assert!(!Kind::ClearanceCertificate.states_debt());
    }

    #[test]
    fn letter_numbers_run_per_year() {
        assert_eq!(letter_number("สจช.หบ.", 12, 2568), "สจช.หบ. 12/2568");
        assert_eq!(letter_number("", 1, 2569), "1/2569");
    }
}
