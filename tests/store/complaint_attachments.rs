//! Complaint attachments on a temporary database (issue 16 §2, investigation): the bytes kept in
//! SQLite with name, size, SHA-256, who and when; 10 MB at most; never edited or deleted (the
//! triggers refuse), a mistaken one withdrawn with a reason; seen only by the committee and the
//! handler, each save-out in the audit log; a closed complaint takes no more.

use crate::support;

use plodnee::domain::complaints::attachment::MAX_BYTES;
use plodnee::domain::complaints::{Category, Channel, Satisfaction, Step};
use plodnee::store::complaints::{self, Complainant, NewComplaint, StepInput};
use support::{Fixture, fixture, ymd};

/// SHA-256 of the five bytes `hello` (`printf hello | sha256sum`).
const HELLO_SHA256: &str = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

fn service_complaint(f: &Fixture) -> i64 {
    let c = NewComplaint {
        received_on: ymd(2025, 11, 17),
        channel: Channel::Letter,
        category: Category::Service,
        complainant: Complainant::Member(f.borrower_id),
        detail: "ใบเสร็จไม่ตรงกับยอดที่จ่าย".into(),
        request: String::new(),
        loan_ids: vec![],
        about_user_id: None,
    };
    f.store.write(|tx| complaints::register(tx, &f.officer.actor(), &c)).unwrap().id
}

fn audit_count(f: &Fixture, action: &str) -> i64 {
    f.store
        .with(|c| {
            Ok(c.query_row("SELECT COUNT(*) FROM audit_log WHERE action = ?1", [action], |r| {
                r.get(0)
            })?)
        })
        .unwrap()
}

fn refused(e: plodnee::store::StoreError) -> String {
    e.to_string()
}

#[test]
fn the_committee_attaches_a_photo_and_saves_the_same_bytes_back_out() {
    let f = fixture();
    let id = service_complaint(&f);
    let committee = f.committee.actor();
    let a = f
        .store
        .write(|tx| complaints::attach(tx, &committee, id, "/tmp/ใบเสร็จ.jpg", b"hello", " รูปถ่าย "))
        .unwrap();
    let list = f.store.with(|c| complaints::attachments(c, &committee, id)).unwrap();
    assert_eq!(list.len(), 1);
    let got = &list[0];
    assert_eq!((got.id, got.name.as_str(), got.size), (a, "ใบเสร็จ.jpg", 5));
    assert_eq!(got.sha256, HELLO_SHA256);
    assert_eq!(got.note, "รูปถ่าย");
    assert_eq!(got.by, f.committee.full_name);
    assert!(!got.at.is_empty());
    assert_eq!(got.withdrawn, None);
    assert_eq!(audit_count(&f, "attach_complaint_file"), 1);
    let (name, bytes) = f.store.write(|tx| complaints::open_attachment(tx, &committee, a)).unwrap();
    assert_eq!((name.as_str(), bytes.as_slice()), ("ใบเสร็จ.jpg", b"hello".as_slice()));
    assert_eq!(audit_count(&f, "open_complaint_file"), 1, "the save-out is logged");
    let file = f.store.with(|c| complaints::get(c, &committee, id, ymd(2025, 11, 21))).unwrap();
    assert_eq!((file.attachment_count, file.attachments.len()), (1, 1));
    assert!(file.may_see_attachments);
}

#[test]
fn an_officer_who_is_not_the_handler_neither_sees_nor_adds_until_given_the_complaint() {
    let f = fixture();
    let id = service_complaint(&f);
    let (committee, officer) = (f.committee.actor(), f.officer.actor());
    let a =
        f.store.write(|tx| complaints::attach(tx, &committee, id, "a.pdf", b"%PDF", "")).unwrap();
    let no = "เอกสารแนบของเรื่องร้องเรียนเปิดดูและแนบได้เฉพาะประธาน/กรรมการ และผู้รับผิดชอบเรื่องนี้";
    let e = f.store.with(|c| complaints::attachments(c, &officer, id)).unwrap_err();
    assert!(refused(e).contains(no));
    let e = f.store.write(|tx| complaints::open_attachment(tx, &officer, a)).unwrap_err();
    assert!(refused(e).contains(no));
    let e =
        f.store.write(|tx| complaints::attach(tx, &officer, id, "b.pdf", b"x", "")).unwrap_err();
    assert!(refused(e).contains(no));
    let file = f.store.with(|c| complaints::get(c, &officer, id, ymd(2025, 11, 21))).unwrap();
    assert_eq!((file.attachment_count, file.attachments.len()), (1, 0), "told how many, not which");
    assert!(!file.may_see_attachments);
    assert_eq!(audit_count(&f, "open_complaint_file"), 0);

    // Given the complaint at assessment, the officer sees and adds.
    let on = ymd(2025, 11, 18);
    f.store
        .write(|tx| {
            complaints::step(tx, &officer, id, Step::Acknowledge, on, &StepInput::default())
        })
        .unwrap();
    let assess = StepInput { handler_id: Some(f.officer.id), ..StepInput::default() };
    f.store.write(|tx| complaints::step(tx, &committee, id, Step::Assess, on, &assess)).unwrap();
    f.store.write(|tx| complaints::attach(tx, &officer, id, "b.pdf", b"x", "")).unwrap();
    assert_eq!(f.store.with(|c| complaints::attachments(c, &officer, id)).unwrap().len(), 2);
}

#[test]
fn a_file_above_ten_megabytes_or_empty_is_refused_and_nothing_is_kept() {
    let f = fixture();
    let id = service_complaint(&f);
    let committee = f.committee.actor();
    let big = vec![0u8; MAX_BYTES as usize + 1];
    let e = f
        .store
        .write(|tx| complaints::attach(tx, &committee, id, "scan.pdf", &big, ""))
        .unwrap_err();
    assert!(refused(e).contains("ไฟล์ใหญ่เกิน 10 MB"));
    let e = f
        .store
        .write(|tx| complaints::attach(tx, &committee, id, "empty.txt", b"", ""))
        .unwrap_err();
    assert!(refused(e).contains("ไฟล์นี้ว่างเปล่า แนบไม่ได้"));
    let e = f.store.write(|tx| complaints::attach(tx, &committee, id, "  ", b"x", "")).unwrap_err();
    assert!(refused(e).contains("กรุณาระบุชื่อไฟล์"));
    assert!(f.store.with(|c| complaints::attachments(c, &committee, id)).unwrap().is_empty());
    assert_eq!(audit_count(&f, "attach_complaint_file"), 0);
    // Exactly 10 MB is accepted.
    let limit = vec![7u8; MAX_BYTES as usize];
    f.store.write(|tx| complaints::attach(tx, &committee, id, "scan.pdf", &limit, "")).unwrap();
}

#[test]
fn an_attachment_is_never_edited_or_deleted_and_a_mistaken_one_is_withdrawn_with_a_reason() {
    let f = fixture();
    let id = service_complaint(&f);
    let committee = f.committee.actor();
    let a = f
        .store
        .write(|tx| complaints::attach(tx, &committee, id, "ผิดเรื่อง.jpg", b"hello", ""))
        .unwrap();
    for sql in [
        "UPDATE complaint_attachment SET name = 'x' WHERE id = ?1",
        "DELETE FROM complaint_attachment WHERE id = ?1",
    ] {
        let e = f.store.with(|c| Ok(c.execute(sql, [a])?)).unwrap_err();
        assert!(e.to_string().contains("never"), "{sql}: {e}");
    }
    let e =
        f.store.write(|tx| complaints::withdraw_attachment(tx, &committee, a, " ")).unwrap_err();
    assert!(refused(e).contains("กรุณาระบุเหตุผลที่ถอนเอกสารแนบ"));
    f.store.write(|tx| complaints::withdraw_attachment(tx, &committee, a, "แนบผิดเรื่อง")).unwrap();
    let e = f
        .store
        .write(|tx| complaints::withdraw_attachment(tx, &committee, a, "อีกครั้ง"))
        .unwrap_err();
    assert!(refused(e).contains("เอกสารแนบนี้ถอนไปแล้ว"));
    let list = f.store.with(|c| complaints::attachments(c, &committee, id)).unwrap();
    let w = list[0].withdrawn.as_ref().expect("withdrawn");
    assert_eq!((w.reason.as_str(), w.by.as_str()), ("แนบผิดเรื่อง", f.committee.full_name.as_str()));
    assert_eq!(list[0].sha256, HELLO_SHA256, "the bytes stay");
    let e = f
        .store
        .with(|c| Ok(c.execute("DELETE FROM complaint_attachment_withdrawal", [])?))
        .unwrap_err();
    assert!(e.to_string().contains("never"));
    assert_eq!(audit_count(&f, "withdraw_complaint_file"), 1);
}

#[test]
fn a_closed_complaint_takes_no_more_attachments() {
    let f = fixture();
    let id = service_complaint(&f);
    let committee = f.committee.actor();
    let on = ymd(2025, 11, 18);
    let step = |s: Step, input: StepInput| {
        f.store.write(|tx| complaints::step(tx, &committee, id, s, on, &input)).unwrap();
    };
    step(Step::Acknowledge, StepInput::default());
    step(Step::Assess, StepInput { handler_id: Some(f.treasurer.id), ..StepInput::default() });
    step(
        Step::Respond,
        StepInput {
            finding: "ออกใบเสร็จใหม่".into(), ..StepInput::default()
        },
    );
    step(
        Step::Close,
        StepInput { satisfaction: Some(Satisfaction::Satisfied), ..StepInput::default() },
    );
    let e =
        f.store.write(|tx| complaints::attach(tx, &committee, id, "a.pdf", b"x", "")).unwrap_err();
    assert!(refused(e).contains("เรื่องนี้ปิดแล้ว แนบเอกสารไม่ได้"));
}

#[test]
fn a_backup_carries_the_attachment_s_bytes() {
    use plodnee::store::backup::{self, Reason};
    let f = fixture();
    let id = service_complaint(&f);
    f.store
        .write(|tx| complaints::attach(tx, &f.committee.actor(), id, "a.jpg", b"hello", ""))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let taken = f.store.with(|c| backup::take(c, dir.path(), Reason::Manual, None)).unwrap();
    let copy = rusqlite::Connection::open(&taken.path).unwrap();
    let (sha, bytes): (String, Vec<u8>) = copy
        .query_row("SELECT sha256, bytes FROM complaint_attachment", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((sha.as_str(), bytes.as_slice()), (HELLO_SHA256, b"hello".as_slice()));
}
