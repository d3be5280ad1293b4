//! The look of the approvals screen: the pending list (number, member, contract and amounts, so
//! two rows can be told apart), the selected item's summary with the resolution fields,
//! guarantor consents and the reject-with-reason form, the proposals rejected lately, and the
//! approved consolidations the committee may still reverse.

use iced::widget::{Column, checkbox, row};
use iced::{Element, Fill};

use crate::app::screen::Destination;
use crate::app::screen::approvals::pending::{
    Approvals, Detail, Message, REASON_ID, REJECT_REASON_ID, RESOLUTION_ID, RESOLUTION_ON_ID,
};
use crate::app::theme::{Tone, dim, space};
use crate::app::widget::{
    badge, body, cell, cell_hint, clickable, col, danger_button, error_banner, fact, field, money,
    muted, notice_banner, num, page, primary_button, secondary_button, section, table_header,
    table_row, title,
};
use crate::domain::consolidation;
use crate::domain::role::Permission;
use crate::domain::thai::date::{format_long, format_short};

pub fn view(s: &Approvals) -> Element<'_, Message> {
    let Some(data) = &s.data else {
        return page(match &s.error {
            Some(e) => error_banner(e),
            None => muted("กำลังอ่านรายการรออนุมัติ…").into(),
        });
    };
    let mut content = Column::new().spacing(space::L).push(title("รายการรออนุมัติ"));
    if let Some((what, loan)) = &s.done {
        let mut done = row![notice_banner(what.as_str())].spacing(space::M).align_y(iced::Center);
        if let Some(id) = loan {
            done = done
                .push(secondary_button("เปิดแฟ้มสัญญา", Some(Message::Open(Destination::Loan(*id)))));
        }
        content = content.push(done);
    }
    if let Some(w) = &s.backup_warning {
        content = content.push(error_banner(w));
    }
    let cols = [
        col("รายการ", 3),
        col("เลขที่", 1),
        col("สมาชิก", 4),
        col("สัญญา", 3),
        num("จำนวนเงิน", 3),
        num("ค่างวด", 3),
        col("ณ วันที่", 2),
        col("ผู้จัดทำ", 3),
    ];
    let mut table = Column::new().push(table_header(&cols));
    for (i, p) in data.pending.iter().enumerate() {
        let installment =
            if p.periods > 0 { format!("{} × {}", p.installment, p.periods) } else { "-".into() };
        table = table.push(clickable(
            table_row(
                &cols,
                vec![
                    cell_hint(p.kind.to_string()),
                    // With the kind beside it, the id is the item's number ("แผนที่ 5").
                    iced::widget::tooltip(
                        cell(p.id.to_string()),
                        iced::widget::container(crate::app::widget::small(p.number.clone()))
                            .padding(space::XS)
                            .style(crate::app::theme::boxes::card),
                        iced::widget::tooltip::Position::Bottom,
                    )
                    .into(),
                    cell_hint(p.member.clone()),
                    cell_hint(p.subject.clone()),
                    money(p.amount).into(),
                    cell(installment).align_x(iced::Right).width(Fill).into(),
                    cell(format_short(p.as_of)).into(),
                    cell_hint(p.prepared_by_name.clone()),
                ],
            ),
            Message::Select(i),
            s.selected == Some(i),
        ));
    }
    if data.pending.is_empty() {
        table = table.push(muted("ไม่มีรายการรออนุมัติ"));
    }
    content = content.push(section("รออนุมัติ", vec![], table));
    if s.selected.is_some() {
        content = content.push(view_selected(s));
    }
    content = content.push(view_rejected(data));
    if s.session.may(Permission::ReverseApproval) {
        content = content.push(view_reversible(s, data));
    }
    page(content)
}

/// Proposals rejected lately: each stays on record with who rejected it, when and why.
fn view_rejected(data: &crate::app::screen::approvals::pending::Data) -> Element<'_, Message> {
    let cols = [
        col("รายการ", 4),
        col("สมาชิก", 4),
        col("สัญญา", 3),
        col("เหตุผลที่ไม่อนุมัติ", 5),
        col("ผู้พิจารณา", 3),
        col("เมื่อ", 2),
    ];
    let mut table = Column::new().push(table_header(&cols));
    for r in &data.rejected {
        let on = r.rejection.at.get(..10).and_then(|d| d.parse().ok()).map(format_short);
        table = table.push(table_row(
            &cols,
            vec![
                cell_hint(r.number()),
                cell_hint(r.member.clone()),
                cell_hint(r.subject.clone()),
                cell_hint(r.rejection.reason.clone()),
                cell_hint(r.rejection.by_name.clone()),
                cell(on.unwrap_or_default()).into(),
            ],
        ));
    }
    if data.rejected.is_empty() {
        table = table.push(muted("ยังไม่มีรายการที่ไม่อนุมัติ"));
    }
    section("ไม่อนุมัติ (เก็บไว้ในประวัติ)", vec![], table)
}

fn view_selected(s: &Approvals) -> Element<'_, Message> {
    let Some(item) = s.selected_item() else { return muted("").into() };
    let mut body_col = Column::new().spacing(space::M);
    let mut stale = false;
    let mut guarantors = Vec::new();
    match &s.detail {
        None => body_col = body_col.push(muted("กำลังอ่านรายละเอียด…")),
        Some(Detail::Consolidation { draft, guarantors: g, stale: st }) => {
            stale = *st;
            guarantors = g.iter().collect();
            body_col = body_col.push(fact("ผู้กู้ตามสัญญาใหม่", item.subject.as_str()));
            match consolidation::build(&draft.proposal) {
                Ok(c) => {
                    body_col = body_col
                        .push(fact("จำนวนสัญญาเดิม", format!("{} สัญญา", draft.proposal.loans.len())))
                        .push(fact("เงินต้นใหม่", format!("{} บาท", c.new_principal())))
                        .push(fact(
                            "ค่างวด",
                            format!("{} บาท × {} งวด", c.first_installment(), c.periods),
                        ))
                        .push(fact("ดอกเบี้ยรวม", format!("{} บาท", c.total_interest())));
                    let funds: Vec<String> = c
                        .tranches
                        .iter()
                        .map(|t| format!("{} {} ({})", t.fund_name, t.principal, t.rate))
                        .collect();
                    body_col = body_col.push(fact("ส่วนของกองทุน", funds.join(" · ")));
                }
                Err(e) => body_col = body_col.push(error_banner_owned(e.to_string())),
            }
        }
        Some(Detail::Plan { plan, guarantors: g, stale: st }) => {
            stale = *st;
            guarantors = g.iter().collect();
            let p = &plan.plan;
            body_col = body_col
                .push(fact("สัญญา", item.subject.as_str()))
                .push(fact("แผน", plan.label.as_str()))
                .push(fact(
                    "ค่างวด",
                    format!("{} บาท × {} งวด", p.regular_installment(), p.periods()),
                ))
                .push(fact("งวดสุดท้าย", p.end_date().map(format_long).unwrap_or_default()))
                .push(fact("ดอกเบี้ยรวม", format!("{} บาท", p.total_interest())))
                // Everything the approver signs away, each with its amount (issue 17 §A2, §A4).
                .push(fact("เงินต้นตามแผน", format!("{} บาท", p.principal)))
                .push(fact("หนี้ค้างยกมา (ไม่คิดดอกเบี้ย)", format!("{} บาท", p.carried)))
                .push(fact("ลดหนี้ทันทีเมื่ออนุมัติ", format!("{} บาท", p.waived)))
                .push(fact("ปลดหนี้ภายหลังเมื่อทำตามแผน", format!("{} บาท", p.released_if_kept())));
        }
        Some(Detail::Transfer { stale: st }) => {
            stale = *st;
            body_col = body_col.push(fact("โอนภาระหนี้ของ", item.subject.as_str()));
        }
        Some(Detail::WriteOff { write_off: w, now }) => {
            body_col = body_col
                .push(fact("สัญญา", w.contract_no.as_str()))
                .push(fact("ผู้กู้", w.borrower_name.as_str()))
                .push(fact("ยอดที่เสนอตัด", format!("{} บาท (ณ {})", w.amount, format_long(w.as_of))));
            match now {
                Some(r) => {
                    // What the approval clears today, by part: default interest may have added
                    // a satang since the proposal.
                    body_col = body_col.push(fact(
                        "ยอดที่จะตัดวันนี้",
                        format!(
                            "{} บาท (เงินต้น {} ดอกเบี้ย {} ดอกเบี้ยผิดนัด {} ค่าธรรมเนียม {})",
                            r.total(),
                            r.principal,
                            r.interest,
                            r.default_interest,
                            r.fees
                        ),
                    ));
                }
                None => {
                    stale = true;
                    body_col = body_col.push(badge(
                        "สัญญานี้ไม่เข้าเกณฑ์ตัดยอดเศษสตางค์แล้ว (มีการชำระหรือยอดเพิ่มขึ้น)",
                        Tone::Warn,
                    ));
                }
            }
        }
    }
    body_col = body_col.push(fact("จัดทำโดย", item.prepared_by_name.as_str()));
    if stale {
        let fix: Element<'_, Message> = if matches!(s.detail, Some(Detail::Consolidation { .. })) {
            secondary_button("ปรับปรุงข้อมูลร่าง", Some(Message::Refresh))
        } else {
            muted("ให้เจ้าหน้าที่จัดทำรายการใหม่").into()
        };
        body_col = body_col.push(
            row![badge("สัญญาเดิมมีความเคลื่อนไหวหลังจัดทำร่าง ต้องปรับปรุงก่อนอนุมัติ", Tone::Warn), fix]
                .spacing(space::M)
                .align_y(iced::Center),
        );
    }
    if let Some(reason) = s.refusal() {
        body_col = body_col.push(error_banner_owned(reason));
    } else {
        body_col = body_col.push(
            field(
                "เลขที่มติที่ประชุม",
                RESOLUTION_ID,
                "เช่น 5/2568",
                &s.resolution_no,
                Message::ResolutionChanged,
            )
            .width(dim::FIELD * 0.6),
        );
        body_col = body_col.push(
            field(
                "วันที่ประชุม",
                RESOLUTION_ON_ID,
                "วว/ดด/ปปปป",
                &s.resolution_on,
                Message::ResolutionOnChanged,
            )
            .width(dim::FIELD * 0.6),
        );
        for g in guarantors {
            let id = g.person_id;
            body_col = body_col.push(
                checkbox(s.consents.contains(&id))
                    .label(format!("{} ผู้ค้ำประกัน ยินยอมให้ขยายเวลา (ป.พ.พ. มาตรา 700)", g.name))
                    .on_toggle(move |on| Message::ConsentToggled(id, on)),
            );
        }
        if let Some(e) = &s.error {
            body_col = body_col.push(error_banner(e));
        }
        let ready = !stale && !s.busy && s.detail.is_some();
        let may_reject = !s.busy && s.detail.is_some() && s.rejecting.is_none();
        body_col = body_col.push(
            row![
                primary_button("อนุมัติ", ready.then_some(Message::Approve)),
                danger_button("ไม่อนุมัติ", may_reject.then_some(Message::StartReject)),
            ]
            .spacing(space::M),
        );
        if let Some(r) = &s.rejecting {
            body_col = body_col.push(
                row![
                    field(
                        "เหตุผลที่ไม่อนุมัติ",
                        REJECT_REASON_ID,
                        "เช่น ที่ประชุมให้ทบทวนค่างวด",
                        &r.reason,
                        Message::RejectReasonChanged,
                    )
                    .error(r.error.as_deref()),
                    danger_button("ยืนยันไม่อนุมัติ", (!s.busy).then_some(Message::ConfirmReject)),
                    secondary_button("ยกเลิก", Some(Message::CancelReject)),
                ]
                .spacing(space::M)
                .wrap(),
            );
        }
    }
    section("รายละเอียดและการอนุมัติ", vec![], body_col)
}

fn error_banner_owned<'a>(message: String) -> Element<'a, Message> {
    iced::widget::container(body(message))
        .padding(space::M)
        .width(Fill)
        .style(crate::app::theme::boxes::error)
        .into()
}

fn view_reversible<'a>(
    s: &'a Approvals,
    data: &'a crate::app::screen::approvals::pending::Data,
) -> Element<'a, Message> {
    let cols =
        [col("สัญญารวมหนี้", 3), col("สัญญาเดิม", 4), col("มติ", 3), num("รับชำระแล้ว", 2), col("", 3)];
    let mut table = Column::new().push(table_header(&cols));
    for (rec, paid) in &data.approved {
        let action: Element<'_, Message> = if *paid == 0 {
            danger_button("ยกเลิกการรวมหนี้", Some(Message::StartReversal(rec.id)))
        } else {
            muted("มีการรับชำระแล้ว").into()
        };
        table = table.push(table_row(
            &cols,
            vec![
                cell(rec.contract_no.clone().unwrap_or_default()).into(),
                cell(format!("รวมจาก {} สัญญา", rec.proposal.loans.len())).into(),
                cell(rec.resolution_no.clone().unwrap_or_default()).into(),
                cell(format!("{paid} ครั้ง")).align_x(iced::Right).width(Fill).into(),
                action,
            ],
        ));
        if let Some((id, reason)) = &s.reversal
            && *id == rec.id
        {
            table = table.push(
                row![
                    field(
                        "เหตุผลที่ยกเลิก",
                        REASON_ID,
                        "เช่น ที่ประชุมมีมติทบทวน",
                        reason,
                        Message::ReasonChanged
                    )
                    .submit(Message::ConfirmReversal),
                    danger_button("ยืนยันยกเลิก", Some(Message::ConfirmReversal)),
                ]
                .spacing(space::M),
            );
        }
    }
    if data.approved.is_empty() {
        table = table.push(muted("ยังไม่มีสัญญารวมหนี้ที่อนุมัติ"));
    }
    section("สัญญารวมหนี้ที่อนุมัติแล้ว (ยกเลิกได้เมื่อยังไม่มีการรับชำระ)", vec![], table)
}
