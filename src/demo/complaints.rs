//! Complaints in the demo: one at every step of ISO 10002 (received, acknowledged, assessed,
//! investigated, answered, closed, reopened), one left unacknowledged past its clock (overdue,
//! about the officer's conduct), one disputing a loan's amount and holding its collection, a
//! member who complained twice, and lessons recorded at closing. Deterministic from the seed.

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::domain::complaints::{Category, Channel, Satisfaction, Severity, Step};
use crate::domain::role::Role;
use crate::store::complaints::{self, Complainant, NewComplaint, StepInput};
use crate::store::error::Result;
use crate::store::{Actor, holidays};

struct Plan {
    category: Category,
    channel: Channel,
    detail: &'static str,
    request: &'static str,
    /// Calendar days before today it was received.
    ago: u64,
    /// The steps done, each this many working days after receipt.
    steps: &'static [(Step, u32)],
    about_officer: bool,
    anonymous: bool,
}

const PLANS: &[Plan] = &[
    Plan {
        category: Category::DisputedAmount,
        channel: Channel::WalkIn,
        detail: "ยอดค้างในหนังสือทวงถามสูงกว่าที่คำนวณเองจากสมุดผ่อน",
        request: "ขอให้ตรวจสอบยอดหนี้และรายการชำระใหม่",
        ago: 9,
        steps: &[(Step::Acknowledge, 1), (Step::Assess, 2), (Step::Investigate, 4)],
        about_officer: false,
        anonymous: false,
    },
    Plan {
        category: Category::Conduct,
        channel: Channel::Phone,
        detail: "เจ้าหน้าที่โทรติดตามหนี้ด้วยถ้อยคำไม่สุภาพ",
        request: "ขอให้ตักเตือนและเปลี่ยนผู้ติดตาม",
        ago: 8,
        steps: &[],
        about_officer: true,
        anonymous: false,
    },
    Plan {
        category: Category::Service,
        channel: Channel::Line,
        detail: "รอรับใบเสร็จที่ที่ทำการนานเกินไป",
        request: "ขอให้เพิ่มเวลาให้บริการช่วงเย็น",
        ago: 1,
        steps: &[(Step::Acknowledge, 0)],
        about_officer: false,
        anonymous: false,
    },
    Plan {
        category: Category::Data,
        channel: Channel::Letter,
        detail: "ชื่อและที่อยู่ในหนังสือแจ้งหนี้ไม่ถูกต้อง",
        request: "ขอให้แก้ไขข้อมูลสมาชิก",
        ago: 4,
        steps: &[(Step::Acknowledge, 1), (Step::Assess, 2)],
        about_officer: false,
        anonymous: false,
    },
    Plan {
        category: Category::Service,
        channel: Channel::WalkIn,
        detail: "ไม่ได้รับแจ้งกำหนดชำระงวดใหม่หลังปรับโครงสร้างหนี้",
        request: "ขอตารางผ่อนชำระฉบับใหม่",
        ago: 20,
        steps: &[(Step::Acknowledge, 1), (Step::Assess, 2), (Step::Respond, 6)],
        about_officer: false,
        anonymous: false,
    },
    Plan {
        category: Category::DisputedAmount,
        channel: Channel::Phone,
        detail: "ดอกเบี้ยผิดนัดสูงกว่าที่เคยแจ้ง",
        request: "ขอคำอธิบายการคำนวณ",
        ago: 45,
        steps: &[
            (Step::Acknowledge, 1),
            (Step::Assess, 2),
            (Step::Investigate, 5),
            (Step::Respond, 9),
            (Step::Close, 11),
        ],
        about_officer: false,
        anonymous: false,
    },
    Plan {
        category: Category::Other,
        channel: Channel::Referred,
        detail: "อำเภอส่งต่อเรื่องขอผ่อนผันการชำระเพราะน้ำท่วม",
        request: "ขอพักชำระ 3 เดือน",
        ago: 60,
        steps: &[
            (Step::Acknowledge, 1),
            (Step::Assess, 3),
            (Step::Respond, 12),
            (Step::Close, 14),
            (Step::Reopen, 18),
        ],
        about_officer: false,
        anonymous: false,
    },
    Plan {
        category: Category::Conduct,
        channel: Channel::Box,
        detail: "ผู้ติดตามหนี้ไปพูดเรื่องหนี้ต่อหน้าเพื่อนบ้าน",
        request: "",
        ago: 70,
        steps: &[(Step::Acknowledge, 1), (Step::Assess, 2), (Step::Respond, 10), (Step::Close, 12)],
        about_officer: false,
        anonymous: true,
    },
];

fn input(step: Step, treasurer: i64, disputed: bool) -> StepInput {
    match step {
        Step::Assess => StepInput {
            handler_id: Some(treasurer),
            severity: Some(if disputed { Severity::High } else { Severity::Medium }),
            ..StepInput::default()
        },
        Step::Investigate => StepInput {
            note: "ตรวจใบเสร็จและรายการเดินบัญชีครบทุกงวด".into(),
            ..StepInput::default()
        },
        Step::Respond => StepInput {
            finding: if disputed {
                "ยอดหนี้ถูกต้องตามรายการเดินบัญชี ดอกเบี้ยผิดนัดคิดตามสัญญา".into()
            } else {
                "ข้อร้องเรียนมีมูล สถาบันได้แก้ไขแล้ว".into()
            },
            remedy: "ชี้แจงรายละเอียดและขออภัยในความไม่สะดวก".into(),
            amount_confirmed: disputed.then_some(true),
            ..StepInput::default()
        },
        Step::Close => StepInput {
            satisfaction: Some(Satisfaction::Satisfied),
            lesson: if disputed {
                "แนบรายการคำนวณดอกเบี้ยผิดนัดไปกับหนังสือทวงถาม".into()
            } else {
                "อบรมผู้ติดตามหนี้เรื่องการรักษาความลับของลูกหนี้".into()
            },
            ..StepInput::default()
        },
        Step::Reopen => StepInput {
            note: "ผู้ร้องขอให้พิจารณาใหม่เพราะยังได้รับผลกระทบ".into(),
            ..StepInput::default()
        },
        _ => StepInput::default(),
    }
}

/// Adds the demo complaints; returns how many.
pub fn add(conn: &Connection, seed: u64, today: NaiveDate) -> Result<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x636f_6d70);
    let officer = Actor { user_id: Some(1), role: Role::Officer, name: String::new() };
    let committee = Actor { user_id: Some(3), role: Role::Committee, name: String::new() };
    let treasurer_id = 2;
    let candidates: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT l.id, l.borrower_id FROM loan l WHERE l.status = 'active'
               AND COALESCE(l.tranche_part, 'principal') = 'principal'
               AND l.next_unpaid_due < ?1 ORDER BY l.id",
        )?
        .query_map([today], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Each complaint but the repeat needs a borrower of its own: a tiny demo may have fewer.
    let borrowers: std::collections::HashSet<i64> = candidates.iter().map(|c| c.1).collect();
    if borrowers.len() < PLANS.len() - 1 {
        return Ok(0);
    }
    let mut picked: Vec<(i64, i64)> = Vec::new();
    while picked.len() < PLANS.len() - 1 {
        let c = candidates[rng.random_range(0..candidates.len())];
        if !picked.iter().any(|p| p.1 == c.1) {
            picked.push(c);
        }
    }
    // The member of the closed dispute complained before: a repeat complainant.
    picked.push(picked[2]);
    let cal = holidays::calendar(conn, today)?;
    let mut made = 0;
    for (plan, (loan_id, person_id)) in
        PLANS.iter().zip([0, 1, 2, 3, 4, 7, 5, 6].map(|i| picked[i]))
    {
        let received = today - Days::new(plan.ago);
        let disputed = plan.category.holds_collection();
        let new = NewComplaint {
            received_on: received,
            channel: plan.channel,
            category: plan.category,
            complainant: if plan.anonymous {
                Complainant::Anonymous
            } else {
                Complainant::Member(person_id)
            },
            detail: plan.detail.into(),
            request: plan.request.into(),
            loan_ids: if disputed { vec![loan_id] } else { Vec::new() },
            about_user_id: plan.about_officer.then_some(1),
        };
        let actor = if plan.about_officer { &committee } else { &officer };
        let r = complaints::register_as_of(conn, actor, &new, today)?;
        for (step, after) in plan.steps {
            let on = crate::domain::complaints::add_working_days(received, *after, &cal).min(today);
            let who = if matches!(step, Step::Assess | Step::Close) { &committee } else { actor };
            complaints::step_as_of(
                conn,
                who,
                r.id,
                *step,
                on,
                &input(*step, treasurer_id, disputed),
                today,
            )?;
        }
        made += 1;
    }
    Ok(made)
}
