//! One deadline the law sets on a loan, a person or a case, with when to start warning and what
//! to do about it: the rows of the early-warning screen (แจ้งเตือนด้านกฎหมาย).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// s.686: notice to the guarantors within 60 days of the debtor's default.
    GuarantorNotice,
    /// The debtor's deadline in the termination notice: after it the termination may be approved.
    TerminationNotice,
    /// s.728: mortgage enforcement needs at least 60 days' notice; a third-party mortgagor is
    /// notified within 15 days of the debtor's notice.
    MortgageNotice,
    /// s.193/33, s.193/30: the earliest day any unpaid part of the loan prescribes.
    Prescription,
    /// CPC s.274: enforcement of a judgment within 10 years.
    Enforcement,
    /// s.1754: the claim against the heirs of a deceased debtor.
    Estate,
    /// A court hearing (นัดศาล).
    Hearing,
    /// A step of a case past (or near) its target days (SLA, seed 003).
    CaseStep,
}

impl DeadlineKind {
    pub const ALL: &[DeadlineKind] = &[
        DeadlineKind::GuarantorNotice,
        DeadlineKind::TerminationNotice,
        DeadlineKind::MortgageNotice,
        DeadlineKind::Prescription,
        DeadlineKind::Enforcement,
        DeadlineKind::Estate,
        DeadlineKind::Hearing,
        DeadlineKind::CaseStep,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::GuarantorNotice => "guarantor_notice",
            DeadlineKind::TerminationNotice => "termination_notice",
            DeadlineKind::MortgageNotice => "mortgage_notice",
            DeadlineKind::Prescription => "prescription",
            DeadlineKind::Enforcement => "enforcement",
            DeadlineKind::Estate => "estate",
            DeadlineKind::Hearing => "hearing",
            DeadlineKind::CaseStep => "case_step",
        }
    }

    /// The section of the law the deadline comes from, as printed beside it.
    pub fn section(self) -> &'static str {
        match self {
            DeadlineKind::GuarantorNotice => "ป.พ.พ. มาตรา 686",
            DeadlineKind::TerminationNotice => "ป.พ.พ. มาตรา 387",
            DeadlineKind::MortgageNotice => "ป.พ.พ. มาตรา 728",
            DeadlineKind::Prescription => "ป.พ.พ. มาตรา 193/33, 193/30",
            DeadlineKind::Enforcement => "ป.วิ.พ. มาตรา 274",
            DeadlineKind::Estate => "ป.พ.พ. มาตรา 1754",
            DeadlineKind::Hearing => "นัดศาล",
            DeadlineKind::CaseStep => "เป้าหมายระยะเวลา (SLA)",
        }
    }

    /// What the office does before the date.
    pub fn action(self) -> &'static str {
        match self {
            DeadlineKind::GuarantorNotice => "ส่งหนังสือบอกกล่าวผู้ค้ำประกัน",
            DeadlineKind::TerminationNotice => "เสนออนุมัติบอกเลิกสัญญา",
            DeadlineKind::MortgageNotice => "ส่งหนังสือบอกกล่าวบังคับจำนอง",
            DeadlineKind::Prescription => "ให้ลูกหนี้ลงนามหนังสือรับสภาพหนี้ หรือยื่นฟ้อง",
            DeadlineKind::Enforcement => "ดำเนินการบังคับคดี",
            DeadlineKind::Estate => "ทวงถามทายาทหรือผู้จัดการมรดก",
            DeadlineKind::Hearing => "เตรียมเอกสารและพยานไปศาล",
            DeadlineKind::CaseStep => "ดำเนินขั้นตอนคดีที่ค้างอยู่",
        }
    }
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeadlineKind::GuarantorNotice => "บอกกล่าวผู้ค้ำประกัน",
            DeadlineKind::TerminationNotice => "ครบกำหนดหนังสือบอกเลิกสัญญา",
            DeadlineKind::MortgageNotice => "บอกกล่าวบังคับจำนอง",
            DeadlineKind::Prescription => "อายุความ",
            DeadlineKind::Enforcement => "ระยะเวลาบังคับคดี",
            DeadlineKind::Estate => "เรียกร้องจากกองมรดก",
            DeadlineKind::Hearing => "นัดศาล",
            DeadlineKind::CaseStep => "ขั้นตอนคดีตามเป้าหมาย",
        })
    }
}

/// A deadline: the last day to act, and the day the warning starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    pub warn_from: NaiveDate,
}

impl Deadline {
    /// Warning (from `warn_from`) or still quiet, on `today`; past deadlines are `Passed`.
    pub fn state(&self, today: NaiveDate) -> DeadlineState {
        if today > self.due {
            DeadlineState::Passed
        } else if today >= self.warn_from {
            DeadlineState::Warning
        } else {
            DeadlineState::Ahead
        }
    }

    /// Days left to the deadline (0 on the day itself, negative once passed).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.due - today).num_days()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    Ahead,
    Warning,
    Passed,
}
