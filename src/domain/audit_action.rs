//! The Thai names of the audit log's action codes, for the audit screen and `plodnee audit`. A
//! code the app does not know yet (written by a newer version) is shown as it is; stamps in พ.ศ.

/// Every action the app writes, with its Thai name, in the order the filter offers them.
pub const ALL: &[(&str, &str)] = &[
    ("sign_in", "เข้าสู่ระบบ"),
    ("sign_in_failed", "เข้าสู่ระบบไม่สำเร็จ"),
    ("sign_in_locked", "ล็อกชื่อผู้ใช้ (รหัสผิดหลายครั้ง)"),
    ("sign_in_refused_locked", "เข้าสู่ระบบขณะถูกล็อก"),
    ("unlock_user_name", "ปลดล็อกชื่อผู้ใช้"),
    ("session_idle_lock", "ล็อกหน้าจอ (ไม่มีการใช้งาน)"),
    ("session_unlocked", "ปลดล็อกหน้าจอ"),
    ("record_payment", "รับชำระ"),
    ("record_contract_payment", "รับชำระสัญญารวมหนี้"),
    ("reverse_receipt", "กลับรายการรับชำระ"),
    ("create_loan", "เพิ่มสัญญาเงินกู้"),
    ("create_household", "เพิ่มครัวเรือน"),
    ("update_household", "แก้ไขครัวเรือน"),
    ("set_head", "ตั้งหัวหน้าครัวเรือน"),
    ("create_person", "เพิ่มสมาชิก"),
    ("update_person", "แก้ไขสมาชิก"),
    ("view_national_id", "ดูเลขประจำตัวประชาชนเต็ม"),
    ("prepare_consolidation", "จัดทำร่างรวมหนี้"),
    ("refresh_consolidation", "ปรับร่างรวมหนี้"),
    ("approve_consolidation", "อนุมัติรวมหนี้"),
    ("reverse_consolidation", "ยกเลิกการรวมหนี้"),
    ("reject_consolidation", "ไม่อนุมัติรวมหนี้"),
    ("prepare_transfer", "จัดทำร่างโอนภาระหนี้"),
    ("approve_transfer", "อนุมัติโอนภาระหนี้"),
    ("reverse_transfer", "ยกเลิกการโอนภาระหนี้"),
    ("reject_transfer", "ไม่อนุมัติโอนภาระหนี้"),
    ("propose_plan", "เสนอแผนปรับโครงสร้างหนี้"),
    ("approve_plan", "อนุมัติแผนปรับโครงสร้างหนี้"),
    ("reject_plan", "ไม่อนุมัติแผน"),
    ("plan_broken", "ผิดแผน"),
    ("prepare_termination", "จัดทำบอกเลิกสัญญา"),
    ("termination_delivered", "บันทึกวันที่ลูกหนี้ได้รับหนังสือบอกเลิกสัญญา"),
    ("approve_termination", "อนุมัติบอกเลิกสัญญา"),
    ("undo_termination", "ยกเลิกการบอกเลิกสัญญา"),
    ("cancel_termination", "ถอนร่างบอกเลิกสัญญา"),
    ("record_acknowledgment", "บันทึกหนังสือรับสภาพหนี้"),
    ("open_case", "เปิดแฟ้มคดี"),
    ("file_case", "บันทึกการยื่นฟ้อง"),
    ("case_event", "บันทึกนัดศาลหรือขั้นตอนบังคับคดี"),
    ("case_judgment", "บันทึกคำพิพากษา"),
    ("case_cost", "บันทึกค่าใช้จ่ายในคดี"),
    ("case_proceeds", "รับเงินจากกรมบังคับคดี"),
    ("case_settlement", "บันทึกสัญญาประนีประนอมยอมความ"),
    ("issue_letter", "ออกหนังสือ"),
    ("reprint_letter", "พิมพ์สำเนาหนังสือ"),
    ("letter_status", "เปลี่ยนสถานะหนังสือ"),
    ("save_template", "แก้แบบหนังสือ"),
    ("reset_template", "คืนค่าแบบหนังสือ"),
    ("create_user", "เพิ่มผู้ใช้"),
    ("reset_password", "ตั้งรหัสผ่านใหม่"),
    ("deactivate_user", "ปิดการใช้งานผู้ใช้"),
    ("reactivate_user", "เปิดใช้งานผู้ใช้อีกครั้ง"),
    ("save_institute", "แก้ข้อมูลสถาบัน"),
    ("set_signatories", "ตั้งผู้ลงนาม"),
    ("change_setting", "แก้การตั้งค่าระบบ"),
    ("create_fund", "เพิ่มกองทุน"),
    ("set_backup_second_dir", "ตั้งโฟลเดอร์สำเนาที่สอง"),
    ("set_backup_encryption", "ตั้งการเข้ารหัสสำเนาที่สอง"),
    ("restore_backup", "กู้คืนข้อมูล"),
    ("demo_data", "สร้างข้อมูลตัวอย่าง"),
    ("propose_write_off", "เสนอตัดยอดเศษสตางค์"),
    ("approve_write_off", "อนุมัติตัดยอดเศษสตางค์"),
    ("reject_write_off", "ไม่อนุมัติตัดยอดเศษสตางค์"),
    ("assign", "มอบหมายผู้รับผิดชอบแฟ้ม"),
    ("record_contact", "บันทึกการติดตาม"),
    ("start_hold", "พักการติดตาม"),
    ("end_hold", "สิ้นสุดการพักการติดตาม"),
    ("add_holiday", "เพิ่มวันหยุด"),
    ("remove_holiday", "ลบวันหยุด"),
    ("run_campaign", "ร่อนตะแกรง (ออกหนังสือทั้งกลุ่ม)"),
    ("recompute_grades", "คำนวณชั้นสมาชิกใหม่"),
    ("set_target", "ตั้งเป้าการเก็บเงิน"),
    ("record_breach", "บันทึกเหตุละเมิดข้อมูลส่วนบุคคล"),
    ("breach_told_pdpc", "แจ้ง สคส. เรื่องเหตุละเมิด"),
    ("breach_told_members", "แจ้งเจ้าของข้อมูลเรื่องเหตุละเมิด"),
    ("subject_access", "ทำสำเนาข้อมูลให้เจ้าของข้อมูล"),
    ("anonymise_person", "ลบข้อมูลระบุตัวตนเมื่อพ้นระยะเก็บรักษา"),
    ("set_sign_in_setting", "แก้การตั้งค่าการเข้าสู่ระบบ"),
    ("give_consent", "บันทึกการให้ความยินยอม (PDPA)"),
    ("withdraw_consent", "บันทึกการถอนความยินยอม (PDPA)"),
    ("deliver_privacy_notice", "บันทึกการมอบประกาศความเป็นส่วนตัว"),
    ("import_books", "นำเข้าข้อมูลจาก Excel"),
    ("import_loan", "นำเข้าสัญญาเงินกู้จากสมุดเดิม"),
    ("undo_import", "ยกเลิกชุดนำเข้าข้อมูล"),
    ("set_setting", "แก้การตั้งค่า (เรื่องร้องเรียน)"),
    ("register_complaint", "รับเรื่องร้องเรียน"),
    ("view_complainant", "ดูชื่อผู้ร้องเรียน"),
    ("complaint_acknowledge", "ตอบรับเรื่องร้องเรียน"),
    ("complaint_assess", "ประเมินเรื่องร้องเรียน"),
    ("complaint_investigate", "บันทึกการตรวจสอบเรื่องร้องเรียน"),
    ("complaint_respond", "แจ้งผลเรื่องร้องเรียน"),
    ("complaint_close", "ปิดเรื่องร้องเรียน"),
    ("complaint_reopen", "เปิดเรื่องร้องเรียนใหม่"),
    ("complaint_correct", "เริ่มแก้ไขยอดตามเรื่องร้องเรียน"),
    ("attach_complaint_file", "แนบเอกสารกับเรื่องร้องเรียน"),
    ("open_complaint_file", "บันทึกเอกสารแนบเรื่องร้องเรียนออกเป็นไฟล์"),
    ("withdraw_complaint_file", "ถอนเอกสารแนบเรื่องร้องเรียน"),
];

/// The Thai name of an action code, or the code itself when unknown.
pub fn label(code: &str) -> &str {
    ALL.iter().find(|(c, _)| *c == code).map(|(_, l)| *l).unwrap_or(code)
}

/// `21/11/2568 09:15` from an audit stamp (`2025-11-21T09:15:02`); anything else as it is.
pub fn when(at: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S") {
        Ok(t) => format!("{} {}", super::thai::date::format_numeric(t.date()), t.format("%H:%M")),
        Err(_) => at.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_in_the_buddhist_era() {
        // 2025 + 543 = 2568.
        assert_eq!(when("2025-11-21T09:15:02"), "21/11/2568 09:15");
        assert_eq!(when("yesterday"), "yesterday");
    }

    #[test]
    fn known_codes_read_in_thai_and_unknown_ones_as_written() {
        assert_eq!(label("record_payment"), "รับชำระ");
        assert_eq!(label("sign_in_locked"), "ล็อกชื่อผู้ใช้ (รหัสผิดหลายครั้ง)");
        assert_eq!(label("from_a_newer_version"), "from_a_newer_version");
    }

    #[test]
    fn every_code_is_listed_once() {
        let mut codes: Vec<&str> = ALL.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
    }
}
