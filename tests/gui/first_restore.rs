//! Restore onto a new PC from the first-start screen (issue 15 §3), driven as a user would in
//! the simulator: the old PC's encrypted USB copy is picked with the file dialog, a wrong
//! passphrase is refused under the field with nothing restored, the right one restores it, and
//! the officer of the old PC signs in on the new one and finds the members there.

use crate::support;

use std::sync::Arc;

use chrono::NaiveDate;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::admin::setup_restore::PASSPHRASE_ID;
use plodnee::demo::{self, Options};
use plodnee::store::backup::{self, Counts, Reason, encrypt};
use plodnee::store::{Actor, Store};
use support::Driver;

const PASS: &str = "กองทุนหมู่บ้าน ปี 2569";

#[test]
fn a_fresh_install_restores_the_encrypted_usb_copy_and_the_old_users_sign_in() {
    // The old PC: a demo institute, its copies encrypted onto the USB drive.
    let old_pc = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let old = Store::open_in(old_pc.path()).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
    old.with(|c| demo::generate(c, &Options { households: 20, seed: 6, today })).unwrap();
    old.write(|t| encrypt::enable(t, &Actor::system(), PASS, PASS)).unwrap();
    let folder = backup::folder_of(old.path().unwrap());
    let taken = old.with(|c| backup::take(c, &folder, Reason::Closing, Some(usb.path()))).unwrap();
    let copy = taken.second.unwrap().unwrap();
    drop(old);

    // The new PC: an empty database opens on the first-start screen.
    let new_pc = tempfile::tempdir().unwrap();
    let store = Store::open_in(new_pc.path()).unwrap();
    let fake = Fake::answering(vec![Some(copy.clone())]);
    let mut d = Driver::new(store.clone(), Arc::new(fake));
    d.click("กู้คืนจากไฟล์สำรอง");
    d.click("เลือกไฟล์สำรอง…");
    assert!(d.shows("รหัสผ่านของไฟล์สำรอง"), "an encrypted copy asks for its passphrase");
    d.type_into(PASSPHRASE_ID, "รหัสที่จำผิด 2568");
    d.click("ตรวจและกู้คืน");
    assert!(d.shows("รหัสผ่านไม่ถูกต้อง (หรือไฟล์กุญแจไม่ใช่ของไฟล์สำรองนี้)"));
    assert_eq!(store.with(|c| Counts::of(c)).unwrap(), Counts::default(), "nothing restored");
    d.snapshot("first-restore-wrong-passphrase");

    d.clear(PASSPHRASE_ID);
    d.type_into(PASSPHRASE_ID, PASS);
    d.click("ตรวจและกู้คืน");
    assert_eq!(store.with(|c| Counts::of(c)).unwrap(), taken.manifest.counts);
    d.snapshot("first-restore-done");
    d.click("ไปหน้าเข้าสู่ระบบ");
    d.sign_in("officer", "officer-2568");
    assert!(d.app.session.is_some());
}
