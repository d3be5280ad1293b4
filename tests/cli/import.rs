//! `plodnee import` end to end on a demo data folder: the template's headers are all recognised,
//! a CSV from the office's book is checked with --dry-run (nothing written), imported by the
//! treasurer (refused to an officer), `plodnee check` passes, the office's contract number finds
//! the loan, and `plodnee import undo` takes the batch back.

use std::path::Path;
use std::process::{Command, Output};

use plodnee::domain::NationalId;

fn plodnee(dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plodnee"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("PLODNEE_DATA_DIR")
        .env("PLODNEE_TODAY", "2025-11-21")
        .env("PLODNEE_PASSWORD", password)
        .output()
        .expect("run plodnee")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn id(first12: &str) -> String {
    let digits: Vec<u8> = first12.bytes().map(|b| b - b'0').collect();
    NationalId::from_first12(digits.try_into().unwrap()).unwrap().digits()
}

#[test]
fn import_dry_run_confirm_check_and_undo_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(&plodnee(
        &data,
        "",
        &["demo", "--households", "20", "--seed", "3", "--today", "2025-11-21"],
    ));

    let template = dir.path().join("แม่แบบ.xlsx");
    stdout(&plodnee(&data, "", &["import", "template", template.to_str().unwrap()]));
    let dry =
        stdout(&plodnee(&data, "", &["import", template.to_str().unwrap(), "--dry-run", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&dry).unwrap();
    assert_eq!(json["mapping"]["columns"].as_object().unwrap().len(), 25, "{dry}");

    // A TIS-620 CSV of two members, the second with a mistyped id.
    let good = id("110170055556");
    let mut bad = id("110170066667");
    let last = bad.pop().unwrap();
    bad.push(if last == '9' { '0' } else { (last as u8 + 1) as char });
    let csv = dir.path().join("สมาชิก.csv");
    let text = format!(
        "ชื่อ-สกุล,เลขบัตรประชาชน,บ้านเลขที่,หมู่,ตำบล,อำเภอ,จังหวัด\nนายสมปอง ดีใจ,{good},88,4,หนองบัว,เมือง,ขอนแก่น\nนางสาวจันทร์ เพ็ญ,{bad},89,4,หนองบัว,เมือง,ขอนแก่น\n"
    );
    std::fs::write(&csv, encoding_rs::WINDOWS_874.encode(&text).0).unwrap();
    let path = csv.to_str().unwrap();
    let dry = stdout(&plodnee(&data, "", &["import", path, "--dry-run"]));
    assert!(dry.contains("แถว 3:") && dry.contains("หลักตรวจสอบ"), "{dry}");
    assert!(dry.contains("ตรวจสอบแล้ว (ยังไม่บันทึก): นำเข้า 1 แถว"), "{dry}");
    assert!(!stdout(&plodnee(&data, "", &["search", "สมปอง"])).contains("สมปอง ดีใจ"));
    assert!(dir.path().join("สมาชิก-ผลการนำเข้า.xlsx").exists());

    let officer = plodnee(&data, "officer-2568", &["import", path, "--user", "officer"]);
    assert!(!officer.status.success());
    let done = stdout(&plodnee(&data, "treasurer-2568", &["import", path, "--user", "treasurer"]));
    assert!(done.contains("ชุดนำเข้าที่ 1"), "{done}");
    assert!(stdout(&plodnee(&data, "", &["search", "สมปอง"])).contains("สมปอง"));
    stdout(&plodnee(&data, "", &["check"]));
    let again = stdout(&plodnee(&data, "treasurer-2568", &["import", path, "--user", "treasurer"]));
    assert!(again.contains("มีอยู่แล้ว 1 แถว"), "{again}");
    assert!(again.contains("ตามที่เคยยืนยันไว้"), "{again}");

    let undo =
        stdout(&plodnee(&data, "treasurer-2568", &["import", "undo", "1", "--user", "treasurer"]));
    assert!(undo.contains("ยกเลิกชุดนำเข้าที่ 1 แล้ว"), "{undo}");
    assert!(!stdout(&plodnee(&data, "", &["search", "สมปอง"])).contains("สมปอง ดีใจ"));
    stdout(&plodnee(&data, "", &["check"]));
}

#[test]
fn a_real_import_writes_only_after_a_verified_backup_of_the_database_before_it() {
    use plodnee::store::backup::verify::verify_with_manifest;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    stdout(&plodnee(
        &data,
        "",
        &["demo", "--households", "12", "--seed", "4", "--today", "2025-11-21"],
    ));
    let csv = dir.path().join("สมาชิก.csv");
    let text = format!(
        "ชื่อ-สกุล,เลขบัตรประชาชน,บ้านเลขที่,หมู่,ตำบล,อำเภอ,จังหวัด\nนายสมปอง ดีใจ,{},88,4,หนองบัว,เมือง,ขอนแก่น\n",
        id("110170055556")
    );
    std::fs::write(&csv, text).unwrap();
    let path = csv.to_str().unwrap();

    // A dry run writes nothing, so it takes no backup.
    let dry = stdout(&plodnee(&data, "", &["import", path, "--dry-run", "--json"]));
    let dry: serde_json::Value = serde_json::from_str(&dry).unwrap();
    assert!(dry["backup"].is_null(), "{dry}");

    let members_before = {
        let store = plodnee::store::Store::open_in(&data).unwrap();
        store.with(|c| plodnee::store::persons::count(c)).unwrap()
    };
    let done = stdout(&plodnee(
        &data,
        "treasurer-2568",
        &["import", path, "--user", "treasurer", "--json"],
    ));
    let done: serde_json::Value = serde_json::from_str(&done).unwrap();
    assert_eq!(done["members_created"], 1, "{done}");
    let backup = std::path::PathBuf::from(done["backup"].as_str().expect("a backup path"));
    assert!(backup.exists(), "{}", backup.display());
    let v = verify_with_manifest(&backup).unwrap();
    assert!(v.ok(), "{:?}", v.problems);
    // The copy holds the database just before the import: one member fewer than now.
    assert_eq!(v.counts.members, members_before);
    let store = plodnee::store::Store::open_in(&data).unwrap();
    assert_eq!(store.with(|c| plodnee::store::persons::count(c)).unwrap(), members_before + 1);

    // Without --json the same is said in Thai.
    let csv2 = dir.path().join("สมาชิก2.csv");
    let text = format!(
        "ชื่อ-สกุล,เลขบัตรประชาชน,บ้านเลขที่,หมู่,ตำบล,อำเภอ,จังหวัด\nนางจันทร์ เพ็ญ,{},89,4,หนองบัว,เมือง,ขอนแก่น\n",
        id("110170066667")
    );
    std::fs::write(&csv2, text).unwrap();
    let said = stdout(&plodnee(
        &data,
        "treasurer-2568",
        &["import", csv2.to_str().unwrap(), "--user", "treasurer"],
    ));
    assert!(said.contains("สำรองข้อมูลก่อนนำเข้าแล้ว (ตรวจสอบผ่าน)"), "{said}");
}
