//! `plodnee case open|event|show|list` (แฟ้มคดี), thin over `store::court_cases` and
//! `store::court_settlements`: the same rules and one transaction per command as the window.

use std::path::Path;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::approve::{UserArgs, sign_in};
use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::Satang;
use crate::domain::legal::case::{CostKind, EventKind};
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::Frequency;
use crate::domain::thai::date::format_long;
use crate::store::court_cases::{self, Case, Judgment, NewCase};
use crate::store::court_settlements::{self, Terms};
use crate::store::{StoreError, case_sla, plans};

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// เปิดแฟ้มคดีของสัญญา (หรือสัญญารวมหนี้) และบันทึกการยื่นฟ้องได้ในคราวเดียว
    Open(OpenArgs),
    /// บันทึกรายการในแฟ้มคดี: ยื่นฟ้อง นัดศาล คำพิพากษา ประนีประนอมยอมความ บังคับคดี ค่าใช้จ่าย เงินจากกรมบังคับคดี
    Event(EventArgs),
    /// แฟ้มคดีของสัญญา: ทุนทรัพย์ที่ฟ้องพร้อมวิธีคำนวณ และลำดับเหตุการณ์
    Show {
        /// เลขที่สัญญา
        contract: String,
        #[arg(long)]
        json: bool,
    },
    /// สรุปข้อมูลคดีสำหรับทนายความ (PDF ลงทะเบียนหนังสือส่ง)
    Summary {
        /// เลขที่สัญญา
        contract: String,
        #[command(flatten)]
        output: super::documents::Output,
    },
    /// รายการแฟ้มคดีทั้งหมด
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// เลขที่สัญญา หรือเลขที่สัญญารวมหนี้
    pub contract: String,
    /// ศาล
    #[arg(long)]
    pub court: String,
    /// ทนายความหรือนิติกร
    #[arg(long, default_value = "")]
    pub lawyer: String,
    /// วันที่เปิดแฟ้ม (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub opened: Option<String>,
    /// วันที่ยื่นฟ้อง (บันทึกการยื่นฟ้องพร้อมกัน ต้องระบุ --black-no)
    #[arg(long)]
    pub filed: Option<String>,
    /// คดีหมายเลขดำ
    #[arg(long, default_value = "")]
    pub black_no: String,
    #[command(flatten)]
    pub who: UserArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Filing,
    Mediation,
    Hearing,
    Witness,
    VerdictReading,
    Settlement,
    Judgment,
    Writ,
    AssetSearch,
    Seizure,
    Auction,
    SaleResult,
    Proceeds,
    Cost,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Cost {
    Court,
    Lawyer,
    Enforcement,
}

#[derive(Debug, Args)]
pub struct EventArgs {
    /// เลขที่สัญญา
    pub contract: String,
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// วันที่ (นัดศาลบันทึกล่วงหน้าได้)
    #[arg(long)]
    pub date: String,
    #[arg(long, default_value = "")]
    pub note: String,
    /// คดีหมายเลขดำ (ยื่นฟ้อง)
    #[arg(long, default_value = "")]
    pub black_no: String,
    /// คดีหมายเลขแดง (คำพิพากษา)
    #[arg(long, default_value = "")]
    pub red_no: String,
    /// จำนวนเงิน: ตามคำพิพากษา ค่าใช้จ่าย หรือเงินที่ได้รับ
    #[arg(long)]
    pub amount: Option<String>,
    /// อัตราดอกเบี้ยต่อปี (คำพิพากษา หรือประนีประนอมยอมความ; ค่าเริ่มต้น 0)
    #[arg(long)]
    pub rate: Option<String>,
    /// ค่าฤชาธรรมเนียมและค่าทนายความแทนที่ศาลกำหนด (คำพิพากษา)
    #[arg(long)]
    pub costs: Option<String>,
    #[arg(long, value_enum)]
    pub cost_kind: Option<Cost>,
    /// จำนวนงวดตามสัญญาประนีประนอมยอมความ (รายเดือน)
    #[arg(long)]
    pub periods: Option<u32>,
    /// ยกเว้นดอกเบี้ยผิดนัดตามสัญญาประนีประนอมยอมความ
    #[arg(long)]
    pub waive_default_interest: bool,
    #[command(flatten)]
    pub who: UserArgs,
}

fn amount(option: &str, text: &Option<String>) -> Result<Satang, Failure> {
    let Some(text) = text else {
        return Err(Failure::arg(option, "กรุณาระบุจำนวนเงิน"));
    };
    Satang::parse(text).map_err(|e| Failure::arg(option, e))
}

fn rate(text: &Option<String>) -> Result<AnnualRate, Failure> {
    match text {
        Some(t) => AnnualRate::parse(t).map_err(|e| Failure::arg("--rate", e)),
        None => Ok(AnnualRate::ZERO),
    }
}

/// The case of a contract (a loan, a settlement's loan, or a consolidated contract).
fn case_of(conn: &rusqlite::Connection, contract: &str) -> crate::store::Result<Case> {
    let loan_id = match plans::target_by_contract(conn, contract)? {
        plans::Target::Loan(id) => id,
        plans::Target::Contract(id) => crate::store::consolidations::tranches(conn, id)?
            .first()
            .map(|l| l.id)
            .ok_or_else(|| StoreError::not_found("สัญญารวมหนี้"))?,
    };
    court_cases::live_of_loan(conn, loan_id)?
        .ok_or_else(|| StoreError::refused(format!("สัญญา {contract} ไม่มีแฟ้มคดี")))
}

pub fn run(data_dir: Option<&Path>, command: &CaseCommand) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    match command {
        CaseCommand::Open(a) => {
            let opened_on = match &a.opened {
                Some(d) => parse_date("--opened", d)?,
                None => clock::today(),
            };
            let filed = match &a.filed {
                Some(d) => Some(parse_date("--filed", d)?),
                None => None,
            };
            let actor = sign_in(&store, &a.who)?;
            let case = store.write(|tx| {
                let target = plans::target_by_contract(tx, &a.contract)?;
                let new = NewCase {
                    court: a.court.clone(),
                    black_no: a.black_no.clone(),
                    lawyer: a.lawyer.clone(),
                    opened_on,
                };
                let case = court_cases::open(tx, &actor, target, &new)?;
                match filed {
                    Some(on) => court_cases::file(tx, &actor, case.id, on, &a.black_no),
                    None => Ok(case),
                }
            })?;
            crate::say!("เปิดแฟ้มคดีที่ {} สัญญา {} {} แล้ว", case.id, case.contract_no, case.court);
            if let Some(c) = case.claim {
                crate::say!("ทุนทรัพย์ที่ฟ้อง ณ {}: {} บาท", format_long(c.as_of), c.total());
            }
        }
        CaseCommand::Event(a) => event(&store, a)?,
        CaseCommand::Summary { contract, output } => {
            let id = store.with(|c| Ok(case_of(c, contract)?.id))?;
            super::documents::print(&store, output, |c, date| {
                crate::document::issue::case_docs::summary(c, id, date)
            })?;
        }
        CaseCommand::Show { contract, json } => {
            let (case, events, pending) = store.with(|c| {
                let case = case_of(c, contract)?;
                let events = court_cases::events(c, case.id)?;
                let pending = case_sla::pending_of(c, &case)?;
                Ok((case, events, pending))
            })?;
            if *json {
                return print_json(&ShowJson::new(&case, &events, pending));
            }
            show(&case, &events, pending);
        }
        CaseCommand::List { json } => {
            let cases = store.with(|c| court_cases::list(c))?;
            if *json {
                let rows: Vec<ListJson> = cases.iter().map(ListJson::new).collect();
                return print_json(&rows);
            }
            use Align::*;
            let cells: Vec<Vec<String>> = cases
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.contract_no.clone(),
                        c.borrower_name.clone(),
                        c.court.clone(),
                        c.black_no.clone(),
                        c.red_no.clone(),
                        c.status.to_string(),
                        c.claim.map(|k| k.total().to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            crate::cli::output::emit(&table(
                &["ที่", "สัญญา", "ลูกหนี้", "ศาล", "หมายเลขดำ", "หมายเลขแดง", "สถานะ", "ทุนทรัพย์"],
                &[Right, Left, Left, Left, Left, Left, Left, Right],
                &cells,
            ));
        }
    }
    Ok(())
}

fn event(store: &crate::store::Store, a: &EventArgs) -> Result<(), Failure> {
    let on = parse_date("--date", &a.date)?;
    let actor = sign_in(store, &a.who)?;
    let said = match a.kind {
        Kind::Filing => {
            let case = store.write(|tx| {
                let case = case_of(tx, &a.contract)?;
                court_cases::file(tx, &actor, case.id, on, &a.black_no)
            })?;
            let total = case.claim.map(|c| c.total()).unwrap_or_default();
            format!("บันทึกการยื่นฟ้องแล้ว ทุนทรัพย์ {total} บาท")
        }
        Kind::Judgment => {
            let j = Judgment {
                on,
                red_no: a.red_no.clone(),
                amount: amount("--amount", &a.amount)?,
                rate: rate(&a.rate)?,
                costs_awarded: match &a.costs {
                    Some(_) => amount("--costs", &a.costs)?,
                    None => Satang::ZERO,
                },
            };
            store.write(|tx| {
                let case = case_of(tx, &a.contract)?;
                court_cases::judgment(tx, &actor, case.id, &j)
            })?;
            format!(
                "บันทึกคำพิพากษาแล้ว บังคับคดีได้ภายใน {}",
                format_long(crate::domain::legal::prescription::enforcement(on).due)
            )
        }
        Kind::Settlement => {
            let Some(periods) = a.periods else {
                return Err(Failure::arg("--periods", "กรุณาระบุจำนวนงวด"));
            };
            let terms = Terms {
                on,
                periods,
                frequency: Frequency::Monthly,
                rate: rate(&a.rate)?,
                waive_default_interest: a.waive_default_interest,
                note: a.note.clone(),
            };
            let contract_no = store.write(|tx| {
                let case = case_of(tx, &a.contract)?;
                let id = court_settlements::settle(tx, &actor, case.id, &terms)?;
                Ok(crate::store::loans::get(tx, id)?.contract_no)
            })?;
            format!("บันทึกสัญญาประนีประนอมยอมความแล้ว ตารางผ่อนชำระใหม่เป็นสัญญา {contract_no}")
        }
        Kind::Cost => {
            let kind = match a.cost_kind {
                Some(Cost::Court) => CostKind::Court,
                Some(Cost::Lawyer) => CostKind::Lawyer,
                Some(Cost::Enforcement) => CostKind::Enforcement,
                None => return Err(Failure::arg("--cost-kind", "กรุณาระบุประเภทค่าใช้จ่าย")),
            };
            let value = amount("--amount", &a.amount)?;
            let case = store.write(|tx| {
                let case = case_of(tx, &a.contract)?;
                court_cases::cost(tx, &actor, case.id, on, kind, value, &a.note)
            })?;
            format!("บันทึก{kind} {value} บาทแล้ว รวมเข้าในหนี้ตามคำพิพากษา {} บาท", case.costs_charged)
        }
        Kind::Proceeds => {
            let value = amount("--amount", &a.amount)?;
            let receipt = store.write(|tx| {
                let case = case_of(tx, &a.contract)?;
                court_cases::proceeds(tx, &actor, case.id, on, value, &a.note)
            })?;
            format!("รับเงินจากกรมบังคับคดี {value} บาท ใบเสร็จเลขที่ {receipt}")
        }
        other => {
            let kind = plain(other);
            store.write(|tx| {
                let case = case_of(tx, &a.contract)?;
                court_cases::record_event(tx, &actor, case.id, kind, on, &a.note)
            })?;
            format!("บันทึก{kind} {} แล้ว", format_long(on))
        }
    };
    crate::say!("{said}");
    Ok(())
}

fn plain(k: Kind) -> EventKind {
    match k {
        Kind::Mediation => EventKind::Mediation,
        Kind::Hearing => EventKind::Hearing,
        Kind::Witness => EventKind::Witness,
        Kind::VerdictReading => EventKind::VerdictReading,
        Kind::Writ => EventKind::Writ,
        Kind::AssetSearch => EventKind::AssetSearch,
        Kind::Seizure => EventKind::Seizure,
        Kind::Auction => EventKind::Auction,
        Kind::SaleResult => EventKind::SaleResult,
        Kind::Filing => EventKind::Filing,
        Kind::Settlement => EventKind::Settlement,
        Kind::Judgment => EventKind::Judgment,
        Kind::Proceeds => EventKind::Proceeds,
        Kind::Cost => EventKind::Cost,
        Kind::Other => EventKind::Other,
    }
}

fn show(
    case: &Case,
    events: &[court_cases::Event],
    pending: Option<crate::domain::legal::sla::Pending>,
) {
    crate::say!("แฟ้มคดีที่ {} สัญญา {} {}", case.id, case.contract_no, case.borrower_name);
    crate::say!(
        "ศาล: {}  คดีหมายเลขดำที่ {}  คดีหมายเลขแดงที่ {}",
        case.court,
        case.black_no,
        case.red_no
    );
    crate::say!("ทนายความ/นิติกร: {}  สถานะ: {}", case.lawyer, case.status);
    if let Some(c) = case.claim {
        crate::say!("ทุนทรัพย์ที่ฟ้อง ณ วันที่ {}", format_long(c.as_of));
        for (what, amount) in c.workings() {
            crate::say!("  {what}: {amount} บาท");
        }
        crate::say!("  รวม: {} บาท", c.total());
    }
    if let Some(p) = pending {
        crate::say!("ขั้นตอนที่ต้องทำ: {} ภายใน {}", p.step, format_long(p.due));
    }
    crate::say!("ลำดับเหตุการณ์:");
    for e in events {
        let amount =
            if e.amount.is_positive() { format!(" {} บาท", e.amount) } else { String::new() };
        let receipt = e.receipt_no.as_ref().map(|r| format!(" ใบเสร็จ {r}")).unwrap_or_default();
        crate::say!("  {} {}{amount}{receipt} {}", format_long(e.on_date), e.kind, e.note);
    }
}

#[derive(Serialize)]
struct EventJson {
    on: String,
    kind: &'static str,
    kind_th: String,
    amount: String,
    note: String,
    receipt_no: Option<String>,
}

#[derive(Serialize)]
struct ShowJson {
    id: i64,
    contract_no: String,
    court: String,
    black_no: String,
    red_no: String,
    status: &'static str,
    filed_on: Option<String>,
    claim_total: Option<String>,
    claim_default_interest: Option<String>,
    judgment_on: Option<String>,
    costs_charged: String,
    settlement_loan_id: Option<i64>,
    pending_step: Option<&'static str>,
    pending_due: Option<String>,
    events: Vec<EventJson>,
}

impl ShowJson {
    fn new(
        c: &Case,
        events: &[court_cases::Event],
        p: Option<crate::domain::legal::sla::Pending>,
    ) -> ShowJson {
        ShowJson {
            id: c.id,
            contract_no: c.contract_no.clone(),
            court: c.court.clone(),
            black_no: c.black_no.clone(),
            red_no: c.red_no.clone(),
            status: c.status.code(),
            filed_on: c.filed_on.map(|d| d.to_string()),
            claim_total: c.claim.map(|k| k.total().to_plain()),
            claim_default_interest: c.claim.map(|k| k.default_interest.to_plain()),
            judgment_on: c.judgment_on.map(|d| d.to_string()),
            costs_charged: c.costs_charged.to_plain(),
            settlement_loan_id: c.settlement_loan_id,
            pending_step: p.map(|p| p.step.code()),
            pending_due: p.map(|p| p.due.to_string()),
            events: events
                .iter()
                .map(|e| EventJson {
                    on: e.on_date.to_string(),
                    kind: e.kind.code(),
                    kind_th: e.kind.to_string(),
                    amount: e.amount.to_plain(),
                    note: e.note.clone(),
                    receipt_no: e.receipt_no.clone(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ListJson {
    id: i64,
    contract_no: String,
    borrower: String,
    status: &'static str,
    black_no: String,
    red_no: String,
}

impl ListJson {
    fn new(c: &Case) -> ListJson {
        ListJson {
            id: c.id,
            contract_no: c.contract_no.clone(),
            borrower: c.borrower_name.clone(),
            status: c.status.code(),
            black_no: c.black_no.clone(),
            red_no: c.red_no.clone(),
        }
    }
}
