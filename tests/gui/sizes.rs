//! The screens at the smallest window we support (1024×700) and at a common office monitor
//! (1366×768): every action button and every figure named here lies wholly inside the window
//! (issue 11 §5, issue 17 §10). Each screen is also saved as a picture under
//! `target/gui-snapshots/size-WIDTHxHEIGHT-NAME-tiny-skia.png` for looking at.

use crate::support;

use std::path::PathBuf;
use std::sync::Arc;

use iced::Size;
use iced_test::Simulator;
use plodnee::app::Message;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use support::{Driver, Fixture, fixture, settings, three_fund_loans};

const SIZES: [Size; 2] = [Size::new(1024.0, 700.0), Size::new(1366.0, 768.0)];

/// Asserts that each label is on screen and inside the window, then saves a picture.
fn holds(d: &Driver, size: Size, name: &str, labels: &[&str]) {
    let mut ui = Simulator::with_size(settings(), size, d.app.view());
    for label in labels {
        let target = ui
            .find(*label)
            .unwrap_or_else(|e| panic!("{name} at {size:?}: {label:?} not shown: {e:?}"));
        let b = target.bounds();
        assert!(
            b.x >= 0.0 && b.x + b.width <= size.width + 0.5,
            "{name} at {}×{}: {label:?} runs off the window ({b:?})",
            size.width,
            size.height
        );
    }
    let snapshot = ui.snapshot(&d.app.theme()).expect("snapshot");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let file = format!("size-{}x{}-{name}", size.width, size.height);
    let _ = std::fs::remove_file(dir.join(format!("{file}-tiny-skia.png")));
    let _ = snapshot.matches_image(dir.join(format!("{file}.png")));
}

fn signed_in(f: &Fixture, user: &str, password: &str) -> Driver {
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in(user, password);
    d
}

#[test]
fn home_and_loan_file_hold_at_both_sizes() {
    let f = fixture();
    let mut d = signed_in(&f, "treasurer", "treasurer-2568");
    for size in SIZES {
        d.send(Message::Navigate(Destination::Home));
        holds(
            &d,
            size,
            "home",
            &["ค้นหาสมาชิก (Ctrl+F)", "รายการรออนุมัติ", "แผนที่ต้องติดตาม", "ออกจากระบบ"],
        );
        d.send(Message::Navigate(Destination::Loan(f.loan_id)));
        holds(
            &d,
            size,
            "loan",
            &[
                "รับชำระ",
                "ออกหนังสือ",
                "โอนภาระหนี้",
                "ปรับโครงสร้างหนี้",
                "ต้องชำระวันนี้",
                "ยอดปิดบัญชีวันนี้",
                "ออกจากระบบ",
            ],
        );
    }
}

#[test]
fn lists_consolidation_and_plan_screens_hold_at_both_sizes() {
    let f = fixture();
    three_fund_loans(&f);
    let mut d = signed_in(&f, "officer", support::OFFICER_PASSWORD);
    for size in SIZES {
        d.send(Message::Navigate(Destination::Funds));
        holds(&d, size, "funds", &["ออกจากระบบ"]);
        d.send(Message::Navigate(Destination::LetterRegister));
        holds(&d, size, "register", &["ออกจากระบบ"]);
        d.send(Message::Navigate(Destination::Consolidate { household_id: f.household_id }));
        holds(&d, size, "consolidation", &["บันทึกร่าง", "ออกจากระบบ"]);
        d.send(Message::Navigate(Destination::Plan { loan_id: f.loan_id }));
        holds(&d, size, "plan", &["ออกจากระบบ"]);
    }
}

#[test]
fn a_new_screen_opens_at_its_top_not_at_the_last_screens_scroll() {
    let f = fixture();
    let mut d = signed_in(&f, "officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::Loan(f.loan_id)));
    let first = d.app.generation;
    d.send(Message::Navigate(Destination::Household(f.household_id)));
    assert!(d.app.generation > first, "each screen opened gets a fresh page (keyed by generation)");
}

#[test]
fn an_error_under_a_field_does_not_move_the_fields_below_it() {
    let f = fixture();
    let mut d = signed_in(&f, "officer", support::OFFICER_PASSWORD);
    d.send(Message::Navigate(Destination::NewHousehold));
    let y_of = |d: &Driver, label: &str| {
        let mut ui = Simulator::with_size(settings(), SIZES[0], d.app.view());
        ui.find(label).unwrap_or_else(|e| panic!("{label:?}: {e:?}")).bounds().y
    };
    let before = y_of(&d, "ชื่อหมู่บ้าน");
    d.type_into("household-village-no", "๑๐๐");
    d.click("บันทึก (Enter)");
    assert!(d.shows("หมู่ที่ต้องเป็นตัวเลข 1–99"), "the error is shown under หมู่ที่");
    assert_eq!(before, y_of(&d, "ชื่อหมู่บ้าน"), "the field below the error stays where it was");
}

/// Every other screen, opened by the role that works in it: its main action and the sidebar's
/// last button stay inside the window at both sizes, and each is saved as a picture.
#[test]
fn every_other_screen_holds_at_both_sizes() {
    let f = fixture();
    three_fund_loans(&f);
    let treasurer: &[(Destination, &str, &[&str])] = &[
        (Destination::Find, "find", &["ค้นหาสมาชิก", "เพิ่มครัวเรือนใหม่"]),
        (Destination::Household(f.household_id), "household", &["แก้ไข"]),
        (Destination::Member(f.borrower_id), "member", &["แก้ไข"]),
        (Destination::RecordPayment(f.loan_id), "payment", &["บันทึกรับชำระ (Enter)", "ยกเลิก (Esc)"]),
        (Destination::NewHousehold, "household-form", &["บันทึก (Enter)", "ยกเลิก (Esc)"]),
        (
            Destination::NewMember { household_id: f.household_id },
            "member-form",
            &["บันทึก (Enter)", "ยกเลิก (Esc)"],
        ),
        (
            Destination::NewLoan { borrower_id: f.borrower_id },
            "loan-form",
            &["บันทึกสัญญา (Enter)", "ยกเลิก (Esc)"],
        ),
        (Destination::Letter { loan_id: f.loan_id }, "letter", &["แฟ้มสัญญา"]),
        (Destination::LettersBatch, "batch", &["ออกหนังสือทั้งชุด", "ทะเบียนหนังสือส่ง"]),
        (Destination::Approvals, "approvals", &["รายการรออนุมัติ"]),
        (Destination::PlansAtRisk, "plans-at-risk", &["ออกจากระบบ"]),
        (
            Destination::FundStatement { fund_id: f.fund_id },
            "fund-statement",
            &["แสดงรายงาน (Enter)"],
        ),
        (Destination::Transfer { loan_id: f.loan_id }, "transfer", &["ยกเลิก"]),
        (Destination::EditMember(f.borrower_id), "member-edit", &["บันทึก (Enter)"]),
        (Destination::Queue, "queue", &["งานติดตามวันนี้", "เฉพาะแฟ้มที่ฉันรับผิดชอบ"]),
        (Destination::Contact { loan_id: f.loan_id }, "contact", &["บันทึกการติดตาม", "แฟ้มสัญญา"]),
    ];
    let committee: &[(Destination, &str, &[&str])] = &[
        (Destination::Templates, "templates", &["แบบหนังสือ", "บันทึกแบบหนังสือ"]),
        (Destination::Users, "users", &["ผู้ใช้งาน"]),
        (Destination::Backups, "backups", &["สำรองและกู้คืนข้อมูล", "สำรองข้อมูลเดี๋ยวนี้"]),
        (Destination::Settings, "settings", &["ตั้งค่าระบบ", "ชื่อสถาบัน"]),
    ];
    for (user, password, screens) in
        [("treasurer", "treasurer-2568", treasurer), ("committee", "committee-2568", committee)]
    {
        let mut d = signed_in(&f, user, password);
        for size in SIZES {
            for (to, name, labels) in screens {
                d.send(Message::Navigate(to.clone()));
                let mut all = labels.to_vec();
                all.push("ออกจากระบบ");
                holds(&d, size, name, &all);
            }
        }
    }
}
