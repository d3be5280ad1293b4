//! `plodnee schedule` and `plodnee statement`: the engines on the command line, with the JSON
//! shapes issue 2 specifies.

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::{CliResult, Failure};
use crate::domain::Satang;
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::{self, DayCount, Frequency, Method, Schedule, Terms};
use crate::domain::statement::{self, LoanBasis, PaymentIn, Statement};
use crate::domain::thai::date::{self, format_short};

#[derive(Debug, Args)]
pub struct TermsArgs {
    /// เงินต้น เช่น 10000 หรือ 10,000.00
    #[arg(long, allow_hyphen_values = true)]
    pub principal: String,
    /// อัตราดอกเบี้ยต่อปี (ร้อยละ) ไม่เกิน 15
    #[arg(long, allow_hyphen_values = true)]
    pub rate: String,
    /// annuity | flat | equal-principal
    #[arg(long)]
    pub method: String,
    /// monthly | quarterly | half-yearly | yearly
    #[arg(long)]
    pub frequency: String,
    /// จำนวนงวด
    #[arg(long, allow_hyphen_values = true)]
    pub periods: String,
    /// วันเริ่มสัญญา (2025-01-31, 31/1/2568 …)
    #[arg(long)]
    pub start: String,
    /// period | actual365
    #[arg(long, default_value = "period")]
    pub day_count: String,
    /// ปัดค่างวดขึ้นเป็นบาทเต็ม
    #[arg(long)]
    pub round_up_baht: bool,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[command(flatten)]
    pub terms: TermsArgs,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatementArgs {
    #[command(flatten)]
    pub terms: TermsArgs,
    /// การชำระ วันที่:จำนวนเงิน เช่น 2025-03-15:888.49 (ใส่ได้หลายครั้ง)
    #[arg(long = "payment", value_name = "DATE:AMOUNT")]
    pub payments: Vec<String>,
    /// ณ วันที่
    #[arg(long)]
    pub as_of: String,
    /// อัตราดอกเบี้ยผิดนัดต่อปี (ร้อยละ)
    #[arg(long, default_value = "5")]
    pub default_rate: String,
    #[arg(long)]
    pub json: bool,
}

pub fn parse_date(option: &str, text: &str) -> Result<NaiveDate, Failure> {
    date::parse(text).map_err(|e| Failure::arg(option, e))
}

pub fn parse_terms(a: &TermsArgs) -> Result<Terms, Failure> {
    let method = Method::from_code(&a.method)
        .ok_or_else(|| Failure::arg("--method", "ต้องเป็น annuity, flat หรือ equal-principal"))?;
    let frequency = Frequency::from_code(&a.frequency).ok_or_else(|| {
        Failure::arg("--frequency", "ต้องเป็น monthly, quarterly, half-yearly หรือ yearly")
    })?;
    let day_count = DayCount::from_code(&a.day_count)
        .ok_or_else(|| Failure::arg("--day-count", "ต้องเป็น period หรือ actual365"))?;
    let periods: u32 = a
        .periods
        .trim()
        .parse()
        .map_err(|_| Failure::arg("--periods", "จำนวนงวดต้องเป็นจำนวนเต็มบวก"))?;
    Ok(Terms {
        principal: Satang::parse_positive(&a.principal)
            .map_err(|e| Failure::arg("--principal", e))?,
        rate: AnnualRate::parse(&a.rate).map_err(|e| Failure::arg("--rate", e))?,
        method,
        frequency,
        periods,
        start: parse_date("--start", &a.start)?,
        day_count,
        round_up_baht: a.round_up_baht,
    })
}

#[derive(Serialize)]
struct InstallmentOut {
    no: u32,
    due_date: NaiveDate,
    principal: String,
    interest: String,
    payment: String,
    balance: String,
}

#[derive(Serialize)]
struct ScheduleOut {
    installments: Vec<InstallmentOut>,
    total_principal: String,
    total_interest: String,
    total_payment: String,
}

fn schedule_out(s: &Schedule) -> ScheduleOut {
    ScheduleOut {
        installments: s
            .installments
            .iter()
            .map(|i| InstallmentOut {
                no: i.no,
                due_date: i.due_date,
                principal: i.principal.to_plain(),
                interest: i.interest.to_plain(),
                payment: i.payment().to_plain(),
                balance: i.balance.to_plain(),
            })
            .collect(),
        total_principal: s.total_principal().to_plain(),
        total_interest: s.total_interest().to_plain(),
        total_payment: s.total_payment().to_plain(),
    }
}

pub fn schedule_table(s: &Schedule) -> String {
    let mut rows: Vec<Vec<String>> = s
        .installments
        .iter()
        .map(|i| {
            vec![
                i.no.to_string(),
                format_short(i.due_date),
                i.principal.to_string(),
                i.interest.to_string(),
                i.payment().to_string(),
                i.balance.to_string(),
            ]
        })
        .collect();
    rows.push(vec![
        "รวม".into(),
        String::new(),
        s.total_principal().to_string(),
        s.total_interest().to_string(),
        s.total_payment().to_string(),
        String::new(),
    ]);
    use Align::*;
    table(
        &["งวด", "ครบกำหนด", "เงินต้น", "ดอกเบี้ย", "ค่างวด", "คงเหลือ"],
        &[Right, Left, Right, Right, Right, Right],
        &rows,
    )
}

pub fn run_schedule(args: &ScheduleArgs) -> CliResult {
    let terms = parse_terms(&args.terms)?;
    let s = schedule::build(&terms).map_err(Failure::new)?;
    if args.json {
        return print_json(&schedule_out(&s));
    }
    crate::cli::output::emit(&schedule_table(&s));
    Ok(())
}

fn parse_payment(text: &str) -> Result<PaymentIn, Failure> {
    let (d, a) = text.split_once(':').ok_or_else(|| {
        Failure::arg(
            "--payment",
            format!("\"{text}\" ต้องอยู่ในรูป วันที่:จำนวนเงิน เช่น 2025-03-15:888.49"),
        )
    })?;
    Ok(PaymentIn {
        date: parse_date("--payment", d)?,
        amount: Satang::parse_positive(a).map_err(|e| Failure::arg("--payment", e))?,
    })
}

#[derive(Serialize)]
struct SliceOut {
    installment: Option<u32>,
    part: &'static str,
    amount: String,
}

#[derive(Serialize)]
struct AllocationOut {
    date: NaiveDate,
    amount: String,
    slices: Vec<SliceOut>,
}

#[derive(Serialize)]
struct StateOut {
    no: u32,
    due_date: NaiveDate,
    principal_paid: String,
    interest_paid: String,
    default_interest: String,
    default_interest_paid: String,
    status: &'static str,
}

#[derive(Serialize)]
struct StatementOut {
    as_of: NaiveDate,
    outstanding_principal: String,
    interest_due: String,
    default_interest: String,
    overdue_installments: u32,
    days_past_due: i64,
    bucket: &'static str,
    overdue_amount: String,
    accrued_interest: String,
    payoff: String,
    installments: Vec<StateOut>,
    allocations: Vec<AllocationOut>,
}

fn statement_out(st: &Statement) -> StatementOut {
    StatementOut {
        as_of: st.as_of,
        outstanding_principal: st.outstanding_principal.to_plain(),
        interest_due: st.interest_due.to_plain(),
        default_interest: st.default_interest.to_plain(),
        overdue_installments: st.overdue_installments,
        days_past_due: st.days_past_due,
        bucket: st.bucket.code(),
        overdue_amount: st.overdue_amount.to_plain(),
        accrued_interest: st.accrued_interest.to_plain(),
        payoff: st.payoff.to_plain(),
        installments: st
            .installments
            .iter()
            .map(|i| StateOut {
                no: i.no,
                due_date: i.due_date,
                principal_paid: i.principal_paid.to_plain(),
                interest_paid: i.interest_paid.to_plain(),
                default_interest: i.default_interest.to_plain(),
                default_interest_paid: i.default_interest_paid.to_plain(),
                status: i.status.code(),
            })
            .collect(),
        allocations: st
            .allocations
            .iter()
            .map(|a| AllocationOut {
                date: a.date,
                amount: a.amount.to_plain(),
                slices: a
                    .slices
                    .iter()
                    .map(|s| SliceOut {
                        installment: s.installment,
                        part: s.part.code(),
                        amount: s.amount.to_plain(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn run_statement(args: &StatementArgs) -> CliResult {
    let terms = parse_terms(&args.terms)?;
    let s = schedule::build(&terms).map_err(Failure::new)?;
    let payments = args.payments.iter().map(|p| parse_payment(p)).collect::<Result<Vec<_>, _>>()?;
    let basis = LoanBasis {
        rate: terms.rate,
        method: terms.method,
        start: terms.start,
        default_rate: AnnualRate::parse(&args.default_rate)
            .map_err(|e| Failure::arg("--default-rate", e))?,
    };
    let st = statement::compute(&s, &basis, &payments, &[], parse_date("--as-of", &args.as_of)?)
        .map_err(Failure::new)?;
    if args.json {
        return print_json(&statement_out(&st));
    }
    crate::cli::output::emit(&statement_text(&st));
    Ok(())
}

pub fn statement_text(st: &Statement) -> String {
    let mut out = format!("รายการ ณ วันที่ {}\n", date::format_long(st.as_of));
    for (label, value) in [
        ("เงินต้นคงเหลือ", st.outstanding_principal),
        ("ดอกเบี้ยถึงกำหนดค้างชำระ", st.interest_due),
        ("ดอกเบี้ยผิดนัด", st.default_interest),
        ("ยอดค้างชำระ (รวมดอกเบี้ยผิดนัด)", st.overdue_amount),
        ("ยอดปิดบัญชี", st.payoff),
    ] {
        out.push_str(&format!("{label}: {value} บาท\n"));
    }
    out.push_str(&format!(
        "ค้างชำระ {} งวด ค้างนาน {} วัน ({})\n",
        st.overdue_installments, st.days_past_due, st.bucket
    ));
    let rows: Vec<Vec<String>> = st
        .installments
        .iter()
        .map(|i| {
            vec![
                i.no.to_string(),
                format_short(i.due_date),
                i.principal_paid.to_string(),
                i.interest_paid.to_string(),
                i.default_interest.to_string(),
                i.status.to_string(),
            ]
        })
        .collect();
    use Align::*;
    out.push_str(&table(
        &["งวด", "ครบกำหนด", "ชำระเงินต้น", "ชำระดอกเบี้ย", "ดอกเบี้ยผิดนัด", "สถานะ"],
        &[Right, Left, Right, Right, Right, Left],
        &rows,
    ));
    out
}
