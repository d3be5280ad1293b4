//! Encrypted copies in the second folder (issue 15 §2): switched on with a passphrase typed twice
//! (a bad one changes nothing), every later copy on the drive is age-encrypted with the sealed key
//! beside it, nothing of the members can be read from the drive, the copy counts as good by its
//! bytes, a tampered one does not, and a new PC restores it with the passphrase alone; a wrong
//! passphrase is refused in Thai and changes nothing.

use std::path::Path;

use chrono::NaiveDate;
use plodnee::demo::{self, Options};
use plodnee::store::backup::{self, Counts, Reason, State, encrypt, restore};
use plodnee::store::{Actor, Store, settings};

fn demo_store(dir: &Path) -> Store {
    let store = Store::open_in(dir).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 11, 21).unwrap();
    store.with(|c| demo::generate(c, &Options { households: 30, seed: 4, today })).unwrap();
    store
}

fn audit_entries(store: &Store) -> i64 {
    store.with(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?)).unwrap()
}

const PASSPHRASE: &str = "กองทุนหมู่บ้านหนองบัว 2569";

#[test]
fn copies_on_the_drive_are_encrypted_and_a_new_pc_restores_them_with_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    store
        .write(|t| settings::set(t, backup::KEY_SECOND_DIR, &usb.path().to_string_lossy()))
        .unwrap();
    let system = Actor::system();

    // Bad passphrases: a Thai reason, no key, no audit entry.
    let before = audit_entries(&store);
    for (p, again, why) in [
        ("", "", "กรุณาตั้ง"),
        ("สั้นไป", "สั้นไป", "อย่างน้อย"),
        (PASSPHRASE, "กองทุนหมู่บ้านหนองบัว 2568", "ไม่ตรงกัน"),
    ] {
        let err = store.write(|t| encrypt::enable(t, &system, p, again)).unwrap_err();
        assert!(err.to_string().contains(why), "{p:?}: {err}");
    }
    assert!(store.with(|c| encrypt::sealing(c)).unwrap().is_none());
    assert_eq!(audit_entries(&store), before);

    store.write(|t| encrypt::enable(t, &system, PASSPHRASE, PASSPHRASE)).unwrap();
    let taken = store
        .with(|c| backup::take(c, &backup::folder_of(store.path().unwrap()), Reason::Daily, None))
        .unwrap();
    let copy = taken.second.clone().unwrap().unwrap();
    assert_eq!(copy.extension().unwrap(), "age");
    assert!(usb.path().join(encrypt::KEY_FILE).is_file());
    // The plain copy in the office stays plain; the drive holds nothing readable.
    let on_drive = std::fs::read(&copy).unwrap();
    assert!(on_drive.starts_with(b"age-encryption.org/v1"));
    let national_id: String = store
        .with(|c| {
            Ok(c.query_row(
                "SELECT national_id FROM person WHERE national_id IS NOT NULL LIMIT 1",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let plain = std::fs::read(&taken.path).unwrap();
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    assert!(contains(&plain, national_id.as_bytes()), "the office copy is the database itself");
    assert!(!contains(&on_drive, national_id.as_bytes()));
    // Listed and re-verified as good by its bytes, with the counts of the database inside.
    let listed = backup::list(usb.path(), true).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].state, State::Good);
    assert_eq!(listed[0].manifest.as_ref().unwrap().counts, taken.manifest.counts);
    let health = store.with(|c| backup::health(c, store.path().unwrap())).unwrap();
    assert!(health.second_copy);

    // The PC died: a fresh install restores from the drive.
    let new_pc = tempfile::tempdir().unwrap();
    let fresh = Store::open_in(new_pc.path()).unwrap();
    let db = fresh.path().unwrap().to_path_buf();
    let wrong = fresh
        .with(|c| restore::restore_with(c, &db, &copy, Some("รหัสผ่านผิด 12345"), &system))
        .unwrap_err();
    assert!(wrong.to_string().contains("รหัสผ่านไม่ถูกต้อง"), "{wrong}");
    let none = fresh.with(|c| restore::restore_with(c, &db, &copy, None, &system)).unwrap_err();
    assert!(none.to_string().contains("กรุณาใส่รหัสผ่าน"), "{none}");
    assert_eq!(fresh.with(|c| Counts::of(c)).unwrap(), Counts::default());
    let done =
        fresh.with(|c| restore::restore_with(c, &db, &copy, Some(PASSPHRASE), &system)).unwrap();
    assert_eq!(done.counts, taken.manifest.counts);
    assert_eq!(fresh.with(|c| Counts::of(c)).unwrap(), taken.manifest.counts);
    // No decrypted file is left lying beside the database.
    let leftovers: Vec<_> = std::fs::read_dir(new_pc.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("decrypted"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_tampered_encrypted_copy_is_not_good_and_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let system = Actor::system();
    store.write(|t| encrypt::enable(t, &system, PASSPHRASE, PASSPHRASE)).unwrap();
    let folder = backup::folder_of(store.path().unwrap());
    let taken = store.with(|c| backup::take(c, &folder, Reason::Manual, Some(usb.path()))).unwrap();
    let copy = taken.second.unwrap().unwrap();
    let mut bytes = std::fs::read(&copy).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&copy, &bytes).unwrap();
    assert!(matches!(backup::list(usb.path(), true).unwrap()[0].state, State::Bad(_)));
    let new_pc = tempfile::tempdir().unwrap();
    let fresh = Store::open_in(new_pc.path()).unwrap();
    let db = fresh.path().unwrap().to_path_buf();
    let err = fresh
        .with(|c| restore::restore_with(c, &db, &copy, Some(PASSPHRASE), &system))
        .unwrap_err();
    assert!(err.to_string().contains("ถอดรหัส"), "{err}");
    assert_eq!(fresh.with(|c| Counts::of(c)).unwrap(), Counts::default());
}

#[test]
fn after_encryption_is_switched_off_the_next_copy_is_plain() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path());
    let system = Actor::system();
    store.write(|t| encrypt::enable(t, &system, PASSPHRASE, PASSPHRASE)).unwrap();
    store.write(|t| encrypt::disable(t, &system)).unwrap();
    let folder = backup::folder_of(store.path().unwrap());
    let taken = store.with(|c| backup::take(c, &folder, Reason::Manual, Some(usb.path()))).unwrap();
    let copy = taken.second.unwrap().unwrap();
    assert_eq!(copy.extension().unwrap(), "sqlite3");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&taken.path).unwrap());
}
