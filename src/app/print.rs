//! The printing hook of issues 5 and 6: what the consolidation, approval, plan and tracking
//! screens may ask to print. The PDF generators are written on another branch; the lead wires
//! [`crate::app::App::print`] to them and adds the buttons. Screens send
//! `Action::Print(Printable)`; nothing here draws a PDF.

/// A document a screen can ask for, with the record it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printable {
    /// สัญญารวมหนี้ with its schedule, for signature (the approved consolidation's id).
    ConsolidatedContract { consolidation_id: i64 },
    /// บันทึกข้อตกลงปรับโครงสร้างหนี้ with the new schedule (an approved plan's id).
    RestructuringAgreement { plan_id: i64 },
    /// The notice that a release step (ปลด) was earned: milestone numbers start at 1.
    ReleaseNotice { plan_id: i64, milestone: u32 },
    /// หนังสือรับรองการชำระหนี้เสร็จสิ้น for a plan that reached หมดหนี้.
    ClearanceCertificate { plan_id: i64 },
}
