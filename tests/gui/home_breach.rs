//! GUI state tests of the home screen's breach line (PDPA s.37(4)): the committee sees a breach
//! still owed with its 72-hour countdown in red, an officer does not, and the line goes once the
//! PDPC and the members have been told. A simulator view shows the text on screen.

use crate::support;

use chrono::Duration;
use iced_test::simulator;

use plodnee::app::screen::home::{Cache, Home, Message};
use plodnee::domain::privacy::breach::Risk;
use plodnee::store::privacy::breaches::{self, NewBreach, Told};
use support::{fixture, opened, runtime, send};

#[test]
fn the_committee_sees_an_owed_breach_counting_down_and_an_officer_does_not() {
    let rt = runtime();
    let f = fixture();
    let committee = f.committee.actor();
    let now = plodnee::clock::now();
    let b = NewBreach {
        learned_at: now - Duration::hours(70),
        happened_at: None,
        what: "เอกสารรายชื่อสมาชิกหล่นหาย".into(),
        risk: Risk::High,
        people_affected: 12,
    };
    let id = f.store.write(|tx| breaches::record(tx, &committee, &b, now)).unwrap();

    let mut home = opened(&rt, Home::new(f.session(&f.committee), &Cache::default()), Home::update);
    assert_eq!(home.breaches.len(), 1);
    let size = iced::Size::new(1100.0, 760.0);
    let mut ui = simulator::Simulator::with_size(support::settings(), size, home.view());
    assert!(ui.find("เหตุละเมิดข้อมูลส่วนบุคคล").is_ok());
    assert!(
        ui.find("ลำดับที่ 1: เอกสารรายชื่อสมาชิกหล่นหาย — ต้องแจ้ง สคส. ภายใน 1 ชั่วโมง 59 นาที").is_ok()
            || ui.find("ลำดับที่ 1: เอกสารรายชื่อสมาชิกหล่นหาย — ต้องแจ้ง สคส. ภายใน 2 ชั่วโมง 0 นาที").is_ok(),
        "the countdown shows about two hours left"
    );
    let shot = ui.snapshot(&plodnee::app::theme::theme()).expect("snapshot");
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = shot.matches_image(dir.join("home-breach"));
    drop(ui);

    let officer = opened(&rt, Home::new(f.session(&f.officer), &Cache::default()), Home::update);
    assert!(officer.breaches.is_empty(), "an officer is not shown the register");

    f.store.write(|tx| breaches::tell(tx, &committee, id, Told::Pdpc, now)).unwrap();
    send(&rt, &mut home, Home::update, Message::Refresh);
    assert_eq!(home.breaches.len(), 1, "high risk: the members must still be told");
    f.store.write(|tx| breaches::tell(tx, &committee, id, Told::Members, now)).unwrap();
    send(&rt, &mut home, Home::update, Message::Refresh);
    assert!(home.breaches.is_empty());
}
