//! แผนที่ต้องติดตาม: approved restructuring plans at risk (an installment late) or broken, after
//! re-evaluating every plan as of today (the issue allows under a second for the whole database).
//! Each line opens the loan the plan made.

use iced::widget::Column;
use iced::{Element, Task};

use crate::app::screen::{Action, Destination, Session, write};
use crate::app::theme::Tone;
use crate::app::widget::{
    badge, cell, clickable, col, error_banner, money, muted, num, page, section, table_header,
    table_row, title,
};
use crate::domain::Satang;
use crate::store::plan_tracking::{self, Tally};
use crate::store::{Result, StoreError, loans};

#[derive(Debug, Clone)]
pub struct Line {
    pub plan_id: i64,
    pub label: String,
    pub loan_id: i64,
    pub contract_no: String,
    pub borrower: String,
    pub stage: String,
    pub broken: bool,
    pub outstanding: Satang,
}

#[derive(Debug, Clone)]
pub struct Data {
    pub tally: Tally,
    pub lines: Vec<Line>,
}

fn load(tx: &rusqlite::Transaction, today: chrono::NaiveDate) -> Result<Data> {
    let tally = plan_tracking::evaluate_all(tx, today)?;
    let mut lines = Vec::new();
    for rec in plan_tracking::needing_follow_up(tx)? {
        let ids = plan_tracking::plan_loans(tx, rec.id)?;
        let Some(first) = ids.first() else { continue };
        let loan = loans::get(tx, *first)?;
        let mut outstanding = Satang::ZERO;
        for id in &ids {
            outstanding += loans::get(tx, *id)?.outstanding;
        }
        lines.push(Line {
            plan_id: rec.id,
            label: rec.label,
            loan_id: loan.id,
            contract_no: loan.contract_no,
            borrower: loan.borrower_name,
            stage: stage_name(&rec.stage),
            broken: rec.health == "broken",
            outstanding,
        });
    }
    Ok(Data { tally, lines })
}

/// The stage codes stored with a plan, in Thai.
pub fn stage_name(code: &str) -> String {
    use crate::domain::plan_progress::Stage;
    Stage::ALL.iter().find(|s| s.code() == code).unwrap_or(&Stage::Hold).to_string()
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Open(Destination),
}

pub struct PlansAtRisk {
    pub data: Option<Data>,
    pub error: Option<String>,
}

impl PlansAtRisk {
    pub fn new(session: Session) -> (PlansAtRisk, Task<Message>) {
        let today = session.today;
        let task = write(&session.store, move |tx| load(tx, today).map(Box::new), Message::Loaded);
        (PlansAtRisk { data: None, error: None }, task)
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(d)) => self.data = Some(*d),
            Message::Loaded(Err(e)) => self.error = Some(e.to_string()),
            Message::Open(d) => return Action::Open(d),
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let Some(data) = &self.data else {
            return page(match &self.error {
                Some(e) => error_banner(e),
                None => muted("กำลังประเมินแผนทั้งหมด…").into(),
            });
        };
        let t = &data.tally;
        let cols = [
            col("สัญญา", 3),
            col("ผู้กู้", 4),
            col("แผน", 3),
            col("ขั้น", 2),
            col("สถานะ", 3),
            num("คงเหลือ", 3),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for l in &data.lines {
            let health = if l.broken {
                badge("ผิดแผน", Tone::Bad)
            } else {
                badge("เสี่ยง (ค้าง 1 งวด)", Tone::Warn)
            };
            table = table.push(clickable(
                table_row(
                    &cols,
                    vec![
                        cell(&l.contract_no).into(),
                        cell(&l.borrower).into(),
                        cell(&l.label).into(),
                        cell(&l.stage).into(),
                        health,
                        money(l.outstanding).into(),
                    ],
                ),
                Message::Open(Destination::Loan(l.loan_id)),
                false,
            ));
        }
        if data.lines.is_empty() {
            table = table.push(muted("ทุกแผนเป็นไปตามกำหนด"));
        }
        let summary = format!(
            "แผนที่อนุมัติ {} แผน: ตามแผน {} เสี่ยง {} ผิดแผน {} หมดหนี้แล้ว {}",
            t.plans, t.on_track, t.at_risk, t.broken, t.free
        );
        page(
            Column::new()
                .spacing(crate::app::theme::space::L)
                .push(title("แผนปรับโครงสร้างหนี้ที่ต้องติดตาม"))
                .push(muted(summary))
                .push(section("แผนที่เสี่ยงหรือผิดแผน", vec![], table)),
        )
    }
}
