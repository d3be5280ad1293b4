//! The look of the consolidation screen: the loans with a waiver field each, the new terms, and
//! the preview (new contract, tranches, per-fund reconciliation of old against new).

use iced::widget::{Column, checkbox, column, row, text_input};
use iced::{Element, Fill, Padding};

use crate::app::screen::Destination;
use crate::app::screen::consolidation::builder::{
    Consolidate, Input, Message, Policy, Snapshot, TermKind,
};
use crate::app::theme::{Tone, dim, inputs, size, space};
use crate::app::widget::{
    badge, cell, cell_hint, choices, col, error_banner, error_text, fact, field, labelled, money,
    muted, notice_banner, num, page, primary_button, secondary_button, section, strong,
    table_header, table_row, title,
};
use crate::domain::Satang;
use crate::domain::consolidation::Consolidation;
use crate::domain::schedule::{Frequency, Method};
use crate::domain::thai::date::format_long;

pub fn view(s: &Consolidate) -> Element<'_, Message> {
    let Some(snap) = &s.snapshot else {
        return page(match &s.error {
            Some(e) => error_banner(e),
            None => muted("กำลังอ่านยอดหนี้ของครัวเรือน…").into(),
        });
    };
    let a = &snap.household.address;
    let mut content = Column::new()
        .spacing(space::L)
        .push(title(format!("รวมหนี้ครัวเรือน บ้านเลขที่ {} หมู่ {}", a.house_no, a.village_no)));
    if let Some(e) = &s.error {
        content = content.push(error_banner(e));
    }
    content = content.push(view_loans(s)).push(view_terms(s)).push(view_parties(s, snap));
    if let Some(p) = &s.problem {
        content = content.push(error_banner(p));
    }
    if let Some(c) = &s.preview {
        content = content.push(view_preview(c)).push(view_reconciliation(c));
    }
    content = content.push(view_save(s));
    page(content)
}

/// A narrow money field inside a table row, red when refused.
fn cell_input<'a>(s: &'a Consolidate, input: Input) -> Element<'a, Message> {
    let invalid = s.form.error(input).is_some();
    text_input("0.00", s.form.get(input))
        .id(input.id())
        .on_input(move |v| Message::Edit(input, v))
        .size(size::BODY)
        .padding(Padding::from([2.0, space::S]))
        .align_x(iced::alignment::Horizontal::Right)
        .style(if invalid { inputs::invalid } else { inputs::normal })
        .into()
}

fn view_loans(s: &Consolidate) -> Element<'_, Message> {
    let Some(snap) = &s.snapshot else { return muted("").into() };
    let cols = [
        col("เลขที่สัญญา", 5),
        col("กองทุน", 4),
        num("อัตรา", 2),
        num("เงินต้นคงเหลือ", 4),
        num("ดอกเบี้ยค้าง", 4),
        num("ดอกเบี้ยผิดนัด", 4),
        num("ค่าธรรมเนียม", 4),
        num("ลดหนี้ (บาท)", 4),
    ];
    let mut table = Column::new().push(table_header(&cols));
    for (i, l) in snap.loans.iter().enumerate() {
        table = table.push(table_row(
            &cols,
            vec![
                cell_hint(l.contract_no.as_str()),
                cell_hint(l.fund_name.as_str()),
                cell(l.rate.to_string()).align_x(iced::Right).width(Fill).into(),
                money(l.principal).into(),
                money(l.interest).into(),
                money(l.default_interest).into(),
                money(l.fees).into(),
                cell_input(s, Input::Waiver(i)),
            ],
        ));
        if let Some(e) = s.form.error(Input::Waiver(i)) {
            table = table.push(
                row![iced::widget::space().width(Fill), error_text(e)].padding([0.0, space::S]),
            );
        }
    }
    if snap.loans.is_empty() {
        table = table.push(muted("ครัวเรือนนี้ไม่มีสัญญาที่ยังค้างชำระให้รวม"));
    } else {
        let sum = |f: fn(&crate::domain::consolidation::SourceLoan) -> Satang| {
            snap.loans.iter().map(f).sum::<Satang>()
        };
        table = table.push(table_row(
            &cols,
            vec![
                strong("รวม").into(),
                cell("").into(),
                cell("").into(),
                money(sum(|l| l.principal)).into(),
                money(sum(|l| l.interest)).into(),
                money(sum(|l| l.default_interest)).into(),
                money(sum(|l| l.fees)).into(),
                cell("").into(),
            ],
        ));
    }
    let waive = secondary_button("ยกดอกเบี้ยผิดนัดและค่าธรรมเนียมทั้งหมด", Some(Message::WaivePenalties));
    let heading = "สัญญาที่จะรวมและยอดหนี้ ณ วันรวมหนี้";
    section(heading, vec![waive], column![muted(format_long(snap.as_of)), table])
}

/// A member of the household, by name, for the borrower choice.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Member(i64, String);

impl std::fmt::Display for Member {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// Who signs the new contract: the borrower of record and the old loans' guarantors, each of
/// whom gives fresh consent when the contract is approved (s.700).
fn view_parties<'a>(s: &'a Consolidate, snap: &'a Snapshot) -> Element<'a, Message> {
    let members: Vec<Member> = snap.members.iter().map(|(id, n)| Member(*id, n.clone())).collect();
    let chosen = members.iter().find(|m| Some(m.0) == s.borrower).cloned();
    let mut parties = Column::new().spacing(space::M).push(labelled(
        "ผู้กู้ตามสัญญาใหม่",
        choices(&members, chosen.as_ref(), |m: Member| Message::BorrowerChosen(m.0)),
    ));
    if snap.guarantors.is_empty() {
        parties = parties.push(muted("สัญญาเดิมไม่มีผู้ค้ำประกันจากนอกครัวเรือน"));
    }
    for (id, name) in &snap.guarantors {
        let id = *id;
        parties = parties.push(
            checkbox(s.guarantors.contains(&id))
                .label(format!("{name} ค้ำประกันสัญญาใหม่ (ให้ความยินยอมใหม่เมื่ออนุมัติ)"))
                .on_toggle(move |on| Message::GuarantorToggled(id, on)),
        );
    }
    parties = parties.push(
        checkbox(s.capitalise)
            .label("ทบดอกเบี้ยที่ค้างชำระเกิน 1 ปีเข้าเป็นเงินต้น (มีหนังสือยินยอมของลูกหนี้แล้ว ป.พ.พ. มาตรา 655)")
            .on_toggle(Message::CapitaliseToggled),
    );
    section("คู่สัญญา", vec![], parties)
}

fn view_terms(s: &Consolidate) -> Element<'_, Message> {
    let mut terms = Column::new().spacing(space::M).push(
        field(
            "วันที่รวมหนี้",
            Input::AsOf.id(),
            "วว/ดด/ปปปป",
            s.form.get(Input::AsOf),
            |v| Message::Edit(Input::AsOf, v),
        )
        .error(s.form.error(Input::AsOf))
        .width(dim::FIELD * 0.5),
    );
    terms = terms
        .push(labelled("นโยบายอัตรา", choices(Policy::ALL, Some(&s.policy), Message::PolicyChosen)));
    if s.policy == Policy::Unified {
        terms = terms.push(
            field(
                "อัตราดอกเบี้ยต่อปี (%)",
                Input::Rate.id(),
                "เช่น 6",
                s.form.get(Input::Rate),
                |v| Message::Edit(Input::Rate, v),
            )
            .error(s.form.error(Input::Rate))
            .width(dim::FIELD * 0.5),
        );
    }
    terms = terms
        .push(labelled("กำหนดระยะผ่อน", choices(TermKind::ALL, Some(&s.term), Message::TermChosen)));
    let (label, hint) = match s.term {
        TermKind::Capacity => ("ชำระได้งวดละ (บาท)", "เช่น 3,000"),
        TermKind::Periods => ("จำนวนงวด", "เช่น 36"),
    };
    terms = terms
        .push(
            field(label, Input::Term.id(), hint, s.form.get(Input::Term), |v| {
                Message::Edit(Input::Term, v)
            })
            .error(s.form.error(Input::Term))
            .width(dim::FIELD * 0.5),
        )
        .push(labelled("วิธีคิดดอกเบี้ย", choices(Method::ALL, Some(&s.method), Message::MethodChosen)))
        .push(labelled(
            "งวดชำระ",
            choices(Frequency::ALL, Some(&s.frequency), Message::FrequencyChosen),
        ));
    section("เงื่อนไขสัญญาใหม่", vec![], terms)
}

fn view_preview(c: &Consolidation) -> Element<'_, Message> {
    let tranches = c.tranches.len() > 1 && c.tranches.windows(2).any(|w| w[0].rate != w[1].rate);
    let rate = if tranches {
        "แยกตามกองทุน (ดูตารางด้านล่าง)".to_string()
    } else {
        format!("{} ต่อปี", c.headline_rate())
    };
    let mut facts = column![
        fact("เงินต้นใหม่", format!("{} บาท", c.new_principal())),
        fact("อัตราดอกเบี้ย", rate),
        fact("ค่างวด", format!("{} บาท", c.first_installment())),
        fact("จำนวนงวด", format!("{} งวด", c.periods)),
        fact("งวดสุดท้าย", c.end_date().map(format_long).unwrap_or_default()),
        fact("ดอกเบี้ยรวมตลอดสัญญา", format!("{} บาท", c.total_interest())),
    ]
    .spacing(space::XS);
    if c.carried().is_positive() {
        facts = facts.push(fact("ค้างยกมา (ไม่คิดดอกเบี้ย)", format!("{} บาท", c.carried())));
    }
    let cols = [col("กองทุน", 5), num("อัตรา", 2), num("เงินต้น", 3), num("ส่วนของงวดแรก", 3)];
    let mut table = Column::new().push(table_header(&cols));
    for t in &c.tranches {
        let first = t.schedule.installments.first().map(|i| i.principal + i.interest);
        table = table.push(table_row(
            &cols,
            vec![
                cell(&t.fund_name).into(),
                cell(t.rate.to_string()).align_x(iced::Right).width(Fill).into(),
                money(t.principal).into(),
                money(
                    first.unwrap_or_default()
                        + t.carried_parts.first().copied().unwrap_or_default(),
                )
                .into(),
            ],
        ));
    }
    section(
        "สัญญาใหม่ (ตัวอย่างก่อนบันทึก)",
        vec![],
        column![facts, strong("ส่วนของแต่ละกองทุน"), table].spacing(space::M),
    )
}

fn view_reconciliation(c: &Consolidation) -> Element<'_, Message> {
    let cols = [
        col("กองทุน", 4),
        num("หนี้เดิมรวม", 3),
        num("ลดหนี้", 3),
        num("ทบต้น", 2),
        num("เงินต้นใหม่", 3),
        num("ค้างยกมา", 2),
        col("ผล", 2),
    ];
    let mut table = Column::new().push(table_header(&cols));
    for r in &c.reconciliation {
        table = table.push(table_row(
            &cols,
            vec![
                cell(&r.fund_name).into(),
                money(r.old_total()).into(),
                money(r.waived).into(),
                money(r.capitalised).into(),
                money(r.new_principal).into(),
                money(r.carried).into(),
                if r.balances() {
                    badge("ลงตัว", Tone::Good)
                } else {
                    badge("ไม่ลงตัว", Tone::Bad)
                },
            ],
        ));
    }
    let note = muted("หนี้เดิม − ลดหนี้ + ทบต้น = เงินต้นใหม่ + ค้างยกมา ของทุกกองทุน ถึงหลักสตางค์");
    section("กระทบยอดรายกองทุน (เดิม เทียบ ใหม่)", vec![], column![table, note].spacing(space::S))
}

fn view_save(s: &Consolidate) -> Element<'_, Message> {
    if let Some(id) = s.saved {
        return column![
            notice_banner(format!("บันทึกร่างการรวมหนี้เลขที่ {id} แล้ว รอเหรัญญิกหรือกรรมการอนุมัติ")),
            secondary_button(
                "กลับแฟ้มครัวเรือน",
                Some(Message::Open(Destination::Household(s.household_id)))
            ),
        ]
        .spacing(space::S)
        .into();
    }
    let pending = s.snapshot.as_ref().and_then(|x| x.pending.as_deref());
    let ready = s.preview.is_some() && !s.busy && pending.is_none();
    let mut items =
        row![primary_button("บันทึกร่าง", ready.then_some(Message::Save))].spacing(space::M);
    if let Some(what) = pending {
        // Leaving with Esc and coming back must not offer a second draft (issue 17 §B7).
        items = items.push(crate::app::widget::error_text(format!(
            "สัญญาของครัวเรือนนี้มีรายการรออนุมัติอยู่แล้ว ({what}) ต้องพิจารณารายการนั้นก่อน"
        )));
    } else if !ready && !s.busy {
        items = items.push(muted("แก้ข้อมูลที่มีข้อความสีแดงก่อนบันทึก"));
    }
    items.align_y(iced::Center).into()
}
