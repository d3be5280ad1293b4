//! The template editor (issue 17 §C14, §C15), by GUI state tests on the fixture database: a
//! character the fonts cannot print is refused at save with the character named under its
//! field and nothing stored; the editor and its preview wrap Thai between words as the
//! documents do.

use crate::support;

use std::sync::Arc;

use iced::widget::text_editor;
use plodnee::app::screen::{Action, Session, letters::templates};
use plodnee::domain::letter::Kind;
use plodnee::domain::letter::printable::TemplatePart;
use plodnee::store::{Store, letters};
use support::{fixture, runtime, settle};

fn run(
    rt: &tokio::runtime::Runtime,
    screen: &mut templates::Templates,
    first: Action<templates::Message>,
) {
    let _ = settle(rt, first, &mut |m| screen.update(m));
}

fn open(rt: &tokio::runtime::Runtime, s: Session) -> templates::Templates {
    let (mut screen, task) = templates::Templates::new(s);
    run(rt, &mut screen, Action::Run(task));
    assert!(screen.loaded);
    screen
}

fn stored(store: &Store, kind: Kind) -> (i64, plodnee::domain::letter::template::Template) {
    store
        .with(|c| {
            let n = c.query_row("SELECT COUNT(*) FROM letter_template", [], |r| r.get(0))?;
            Ok((n, letters::template(c, kind)?))
        })
        .unwrap()
}

fn paste(text: &str) -> templates::Message {
    let edit = text_editor::Edit::Paste(Arc::new(text.to_string()));
    templates::Message::BodyEdited(text_editor::Action::Edit(edit))
}

#[test]
fn an_emoji_in_the_subject_is_named_under_the_field_and_nothing_is_saved() {
    let rt = runtime();
    let f = fixture();
    let mut t = open(&rt, f.session(&f.committee));
    let (count, before) = stored(&f.store, Kind::Demand);
    let a = t.update(templates::Message::Edit(templates::Part::Subject, "ทวงถามหนี้ 😀".into()));
    run(&rt, &mut t, a);
    let a = t.update(templates::Message::Save);
    run(&rt, &mut t, a);
    let want = "อักขระ 😀 (U+1F600) พิมพ์ด้วยแบบอักษรของระบบไม่ได้";
    let under = t.unprintable_in(TemplatePart::Subject).unwrap_or("");
    assert!(under.starts_with(want), "{under:?}");
    assert!(t.unprintable_in(TemplatePart::Body).is_none());
    assert!(t.error.as_deref().unwrap_or("").starts_with("บันทึกไม่ได้: อักขระ 😀"), "{:?}", t.error);
    assert!(!t.busy);
    assert_eq!(stored(&f.store, Kind::Demand), (count, before), "the stored template is unchanged");

    // Taken out again, the wording saves.
    let a = t.update(templates::Message::Edit(templates::Part::Subject, "ทวงถามหนี้".into()));
    run(&rt, &mut t, a);
    assert!(t.unprintable.is_empty());
    let a = t.update(templates::Message::Save);
    run(&rt, &mut t, a);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(stored(&f.store, Kind::Demand).1.subject, "ทวงถามหนี้");
}

#[test]
fn cjk_and_control_characters_in_the_body_are_refused_by_name() {
    let rt = runtime();
    let f = fixture();
    let mut t = open(&rt, f.session(&f.committee));
    let (count, before) = stored(&f.store, Kind::Demand);
    for (bad, named) in
        [("債務", "อักขระ 債 (U+50B5)"), ("\u{7}", "อักขระควบคุม (U+0007)"), ("\u{E000}", "(U+E000)")]
    {
        let a = t.update(templates::Message::KindChosen(Kind::Demand));
        run(&rt, &mut t, a);
        let a = t.update(paste(bad));
        run(&rt, &mut t, a);
        let a = t.update(templates::Message::Save);
        run(&rt, &mut t, a);
        let under = t.unprintable_in(TemplatePart::Body).unwrap_or("");
        assert!(under.contains(named), "{bad:?}: {under:?}");
        assert!(t.error.as_deref().unwrap_or("").contains(named), "{:?}", t.error);
        assert_eq!(stored(&f.store, Kind::Demand), (count, before.clone()), "{bad:?}");
    }
}

#[test]
fn the_store_path_refuses_an_unprintable_template_too() {
    let f = fixture();
    let actor = f.session(&f.committee).actor();
    let mut t = plodnee::domain::letter::defaults::default_template(Kind::Reminder);
    t.closing = "ขอแสดงความนับถือ 🙏".into();
    let err = f.store.write(|tx| plodnee::document::templates::save(tx, &actor, &t)).unwrap_err();
    assert!(err.to_string().contains("อักขระ 🙏 (U+1F64F)"), "{err}");
    assert_eq!(stored(&f.store, Kind::Reminder).0, 0);
}

// ---------------------------------------------------------------- word breaking (§C14)

use plodnee::app::wrap::{NBSP, ZWSP, editor_text};

fn key(action: text_editor::Action) -> templates::Message {
    templates::Message::BodyEdited(action)
}

/// The demand letter's wording "…ตามความสามารถของท่าน…" broke as "ความสามารถข|องท่าน" in the
/// editor (glyph wrapping): its content now has zero-width spaces only between words, and
/// none of them reaches the saved wording.
#[test]
fn the_editor_breaks_thai_between_words_and_saves_none_of_its_breaks() {
    let rt = runtime();
    let f = fixture();
    let mut t = open(&rt, f.session(&f.committee));
    let shown = t.body.text();
    assert!(shown.contains(ZWSP), "the editor's content carries the word breaks");
    assert!(!shown.contains("ข\u{200B}อง"), "{shown}");
    assert!(shown.contains("{ยอดค้างชำระ}"), "a field's name is one piece: {shown}");
    assert!(shown.contains("สามารถ\u{200B}ของ"), "{shown}");
    let want = plodnee::domain::letter::defaults::default_template(Kind::Demand);
    assert_eq!(t.template().body, want.body, "the wording as typed, without breaks");
    let a = t.update(templates::Message::Save);
    run(&rt, &mut t, a);
    assert!(t.error.is_none(), "{:?}", t.error);
    let saved = stored(&f.store, Kind::Demand).1;
    assert!(saved.body.iter().all(|p| !p.contains(ZWSP)), "{:?}", saved.body);
    assert_eq!(saved.body, want.body);
}

/// Typing a word letter by letter at the end of the first paragraph, then editing it with
/// the arrows and Backspace: each key does what it shows, the breaks follow the words.
#[test]
fn typing_and_deleting_step_over_the_breaks() {
    use text_editor::{Action, Edit, Motion};
    let rt = runtime();
    let f = fixture();
    let mut t = open(&rt, f.session(&f.committee));
    let first = editor_text(&t.body).lines().next().unwrap().to_string();
    let _ = t.update(key(Action::Move(Motion::DocumentStart)));
    let _ = t.update(key(Action::Move(Motion::End)));
    for c in " ขอขอบคุณท่านล่วงหน้า".chars() {
        let a = t.update(key(Action::Edit(Edit::Insert(c))));
        run(&rt, &mut t, a);
    }
    let line = |t: &templates::Templates| editor_text(&t.body).lines().next().unwrap().to_string();
    assert_eq!(line(&t), format!("{first} ขอขอบคุณท่านล่วงหน้า"));
    let raw = t.body.text();
    let raw_first = raw.lines().next().unwrap();
    assert!(
        raw_first.contains("ขอบคุณ\u{200B}ท่าน") || raw_first.contains("ท่าน\u{200B}ล่วง"),
        "{raw_first:?}"
    );
    // Backspace takes the last letter typed, never only an invisible break.
    for _ in 0.."หน้า".chars().count() {
        let a = t.update(key(Action::Edit(Edit::Backspace)));
        run(&rt, &mut t, a);
    }
    assert_eq!(line(&t), format!("{first} ขอขอบคุณท่านล่วง"));
    // Three steps left land before "ล่วง" (ล่, ว, ง are three clusters; the break between
    // "ท่าน" and "ล่วง" is stepped over): one Backspace removes the last letter of "ท่าน".
    for _ in 0..3 {
        let _ = t.update(key(Action::Move(Motion::Left)));
    }
    let a = t.update(key(Action::Edit(Edit::Backspace)));
    run(&rt, &mut t, a);
    assert_eq!(line(&t), format!("{first} ขอขอบคุณท่าล่วง"));
    assert!(t.template().body[0].ends_with("ขอขอบคุณท่าล่วง"));
}

/// The preview wraps as the printed letter does: never right after "(" and never between a
/// number and the word that counts it.
#[test]
fn the_preview_keeps_glued_words_together() {
    let rt = runtime();
    let f = fixture();
    let mut t = open(&rt, f.session(&f.committee));
    let a = t.update(paste("ค้างชำระ 3 งวด จำนวน 500 บาท (ห้าร้อยบาทถ้วน) "));
    run(&rt, &mut t, a);
    let preview = t.preview.as_ref().expect("a preview");
    let body = preview[0].body.join("\n");
    assert!(body.contains(&format!("3{NBSP}งวด")), "{body:?}");
    assert!(body.contains(&format!("500{NBSP}บาท")), "{body:?}");
    assert!(!body.contains("(\u{200B}") && !body.contains("( "), "{body:?}");
    assert!(body.contains("(ห้า"), "{body:?}");
}

/// A picture of the editor and its preview to look at (`target/gui-snapshots/`): Thai wraps
/// between words in both, the wording shown is the template's.
#[test]
fn a_picture_of_the_editor_wrapping_between_words() {
    use iced_test::simulator::Simulator;
    let f = fixture();
    let mut d =
        support::Driver::new(f.store.clone(), Arc::new(plodnee::app::dialogs::Fake::default()));
    d.sign_in("committee", "committee-2568");
    d.send(plodnee::app::Message::Navigate(plodnee::app::screen::Destination::Templates));
    let size = iced::Size::new(1366.0, 768.0);
    let mut ui = Simulator::with_size(support::settings(), size, d.app.view());
    assert!(ui.find("บันทึกแบบหนังสือ").is_ok());
    let snapshot = ui.snapshot(&d.app.theme()).expect("snapshot");
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/gui-snapshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::remove_file(dir.join("templates-wrap-tiny-skia.png"));
    let _ = snapshot.matches_image(dir.join("templates-wrap.png"));
}
