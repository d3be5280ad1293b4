//! What the loan and household files add for issues 5 and 6: a consolidated contract's tranches
//! (fund, rate, principal, outstanding) and each household payment split per fund, and the stage
//! (ยึด ลด ปลด หมดหนี้) and progress of the restructuring plan a loan was made by.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use iced::Element;
use iced::widget::{Column, column, row};

use crate::app::print::Printable;
use crate::app::theme::{Tone, space};
use crate::app::widget::{
    badge, body, cell, col, money, muted, num, section, strong, table_header, table_row,
};
use crate::domain::Satang;
use crate::domain::loan::LoanStatus;
use crate::domain::plan_progress::{Health, Progress, Stage};
use crate::domain::thai::date::format_short;
use crate::store::loans::Loan;
use crate::store::{Result, consolidations, ledger, plan_tracking, plans};

#[derive(Debug, Clone)]
pub struct Contract {
    pub contract_no: String,
    pub tranches: Vec<Loan>,
    pub receipts: Vec<ReceiptSplit>,
}

/// One household receipt and the part each fund's tranche received.
#[derive(Debug, Clone)]
pub struct ReceiptSplit {
    pub receipt_no: String,
    pub paid_on: NaiveDate,
    pub total: Satang,
    /// (fund, amount), in the tranches' order.
    pub parts: Vec<(String, Satang)>,
}

#[derive(Debug, Clone)]
pub struct PlanStatus {
    pub plan_id: i64,
    pub label: String,
    pub contract_no: String,
    pub progress: Progress,
}

/// The extra facts of a loan file; empty for an ordinary loan.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub contract: Option<Contract>,
    pub plan: Option<PlanStatus>,
}

pub fn load(conn: &rusqlite::Connection, loan: &Loan, today: NaiveDate) -> Result<Extra> {
    let contract = match loan.tranche_of {
        Some(id) => Some(contract(conn, id)?),
        None => None,
    };
    Ok(Extra { contract, plan: plan_of(conn, loan, today)? })
}

fn contract(conn: &rusqlite::Connection, id: i64) -> Result<Contract> {
    let rec = consolidations::get(conn, id)?;
    let tranches = consolidations::tranches(conn, id)?;
    let mut receipts: BTreeMap<i64, ReceiptSplit> = BTreeMap::new();
    for t in &tranches {
        for p in ledger::payments(conn, t.id)? {
            if p.reversal.is_some() {
                continue;
            }
            let r = receipts.entry(p.receipt_id).or_insert_with(|| ReceiptSplit {
                receipt_no: p.receipt_no.clone(),
                paid_on: p.paid_on,
                total: Satang::ZERO,
                parts: Vec::new(),
            });
            r.total += p.amount;
            // A fund's share is what its principal and carried-arrears tranches received.
            match r.parts.iter_mut().find(|(f, _)| *f == t.fund_name) {
                Some((_, a)) => *a += p.amount,
                None => r.parts.push((t.fund_name.clone(), p.amount)),
            }
        }
    }
    Ok(Contract {
        contract_no: rec.contract_no.unwrap_or_default(),
        tranches,
        receipts: receipts.into_values().collect(),
    })
}

/// The plan that made this loan, with its progress as of today (not recorded: only viewing).
pub fn plan_of(
    conn: &rusqlite::Connection,
    loan: &Loan,
    today: NaiveDate,
) -> Result<Option<PlanStatus>> {
    let Some(rec) = plans::creating(conn, loan.id)? else { return Ok(None) };
    let progress = plan_tracking::progress(conn, rec.id, today)?;
    Ok(Some(PlanStatus {
        plan_id: rec.id,
        label: rec.label,
        contract_no: loan.contract_no.clone(),
        progress,
    }))
}

/// A tranche's fund, marking the interest-free carried-arrears part.
fn tranche_name(t: &Loan) -> String {
    if t.tranche_part.as_deref() == Some("carried") {
        format!("{} (ค้างยกมา)", t.fund_name)
    } else {
        t.fund_name.clone()
    }
}

pub fn view_contract<'a, M: 'a>(c: &'a Contract) -> Element<'a, M> {
    let cols = [
        col("ส่วนของกองทุน", 5),
        col("สัญญาย่อย", 3),
        num("อัตรา", 2),
        num("เงินต้น", 3),
        num("คงเหลือ", 3),
    ];
    let mut table = Column::new().push(table_header(&cols));
    for t in &c.tranches {
        table = table.push(table_row(
            &cols,
            vec![
                cell(tranche_name(t)).into(),
                cell(&t.contract_no).into(),
                cell(t.rate.to_string()).align_x(iced::Right).width(iced::Fill).into(),
                money(t.principal).into(),
                money(t.outstanding).into(),
            ],
        ));
    }
    // One line per receipt, then one per fund's share under it: fund names are long and a
    // household pays into up to a dozen tranches, so the split goes down, not across.
    let cols2 = [col("ใบเสร็จ / กองทุน", 6), col("วันที่", 3), num("ยอดรับ", 3)];
    let mut paid = Column::new().push(table_header(&cols2));
    for r in &c.receipts {
        paid = paid.push(table_row(
            &cols2,
            vec![
                strong(&r.receipt_no).into(),
                cell(format_short(r.paid_on)).into(),
                money(r.total).font(crate::app::theme::FONT_BOLD).into(),
            ],
        ));
        for (fund, amount) in &r.parts {
            paid = paid.push(table_row(
                &cols2,
                vec![cell(format!("    {fund}")).into(), cell("").into(), money(*amount).into()],
            ));
        }
    }
    if c.receipts.is_empty() {
        paid = paid.push(muted("ยังไม่มีการรับชำระตามสัญญารวมหนี้"));
    }
    section(
        "สัญญารวมหนี้: ส่วนของแต่ละกองทุน",
        vec![],
        column![
            muted(format!("สัญญาย่อยนี้เป็นส่วนหนึ่งของสัญญารวมหนี้เลขที่ {}", c.contract_no)),
            table,
            strong("การรับชำระแยกตามกองทุน"),
            paid
        ]
        .spacing(space::M),
    )
}

pub fn stage_badge<'a, M: 'a>(stage: Stage) -> Element<'a, M> {
    let tone = if stage == Stage::Free { Tone::Good } else { Tone::Quiet };
    badge(format!("ขั้น {stage}"), tone)
}

pub fn health_badge<'a, M: 'a>(health: Health) -> Element<'a, M> {
    let tone = match health {
        Health::OnTrack => Tone::Good,
        Health::AtRisk => Tone::Warn,
        Health::Broken => Tone::Bad,
    };
    badge(health.to_string(), tone)
}

pub fn view_plan<'a, M: 'a>(p: &'a PlanStatus) -> Element<'a, M> {
    let g = &p.progress;
    // The four stages in order, the current one marked: where the member is on the way out.
    let steps = Stage::ALL.iter().map(|s| {
        let text =
            if *s == g.stage { strong(format!("● {s}")) } else { body(format!("○ {s}")) };
        text.into()
    });
    let mut c = column![
        row![stage_badge(g.stage), health_badge(g.health), body(&p.label)]
            .spacing(space::M)
            .align_y(iced::Center),
        iced::widget::Row::with_children(steps).spacing(space::L),
        body(format!("ชำระแล้ว {} จาก {} งวด", g.paid_installments, g.total_installments)),
    ]
    .spacing(space::S);
    if !g.milestones.is_empty() {
        c = c.push(body(format!(
            "ปลดหนี้แล้ว {} จาก {} ขั้น ({} บาท)",
            g.shares_earned(),
            g.milestones.len(),
            g.released
        )));
    }
    if g.overdue_installments > 0 {
        c = c.push(badge(format!("ค้าง {} งวด", g.overdue_installments), Tone::Bad));
    }
    section("แผนปรับโครงสร้างหนี้ (ยึด ลด ปลด หมดหนี้)", vec![], c)
}

/// The documents this loan file can print: its consolidated contract, its plan's agreement and
/// earned release notice, and the clearance certificate once it is paid off.
pub fn printables(loan: &Loan, extra: &Extra) -> Vec<Printable> {
    let mut out = Vec::new();
    if let Some(consolidation_id) = loan.tranche_of
        && loan.status != LoanStatus::Voided
    {
        out.push(Printable::ConsolidatedContract { consolidation_id });
    }
    if let Some(plan) = &extra.plan {
        out.push(Printable::RestructuringAgreement { plan_id: plan.plan_id });
        if plan.progress.shares_earned() > 0 {
            out.push(Printable::ReleaseNotice { plan_id: plan.plan_id, step: None });
        }
    }
    if loan.status == LoanStatus::Closed {
        // A tranche is cleared with its whole contract: the certificate names the contract.
        let contract_no = match &extra.contract {
            Some(c) => c.contract_no.clone(),
            None => loan.contract_no.clone(),
        };
        out.push(Printable::ClearanceCertificate { contract_no });
    }
    out
}
