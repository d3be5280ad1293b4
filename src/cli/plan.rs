//! `plodnee plan preview` (one restructuring option for a contract) and `plodnee plan track`
//! (re-evaluates every approved plan and lists those needing follow-up).

use std::path::Path;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::domain::Satang;
use crate::domain::plan::{
    Cadence, Grace, GraceKind, Outstanding, Plan, PlanInstallment, PlanOptions, ReleaseTerms,
    Sizing,
};
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::Frequency;
use crate::domain::thai::date::{format_long, format_short};
use crate::store::{plan_tracking, plans};

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// แสดงทางเลือกแผนปรับโครงสร้างหนี้ของสัญญา (ไม่บันทึก)
    Preview(PreviewArgs),
    /// ประเมินทุกแผนที่อนุมัติแล้ว (ขั้น ยึด ลด ปลด หมดหนี้) และแสดงแผนที่ต้องติดตาม
    Track(TrackArgs),
    /// เสนอแผนปรับโครงสร้างหนี้เพื่อขออนุมัติ ในนามผู้ใช้ --user
    Propose {
        #[command(flatten)]
        args: PreviewArgs,
        #[command(flatten)]
        who: super::approve::UserArgs,
        /// ชื่อทางเลือก
        #[arg(long, default_value = "ทางเลือก ก")]
        label: String,
    },
    /// อนุมัติแผน (ผู้อนุมัติต้องไม่ใช่ผู้เสนอ)
    Approve(super::approve::ApproveArgs),
    /// ไม่อนุมัติแผน พร้อมเหตุผล
    Reject(super::approve::RejectArgs),
    /// พิมพ์บันทึกข้อตกลงปรับโครงสร้างหนี้ของแผนที่อนุมัติแล้ว
    Agreement(super::documents::AgreementArgs),
    /// พิมพ์หนังสือแจ้งการปลดหนี้ตามเงื่อนไขเมื่อได้รับการปลดหนี้
    ReleaseNotice(super::documents::ReleaseNoticeArgs),
}

#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// เลขที่สัญญา (สัญญาเดี่ยวหรือสัญญารวมหนี้)
    #[arg(long)]
    pub loan: String,
    #[arg(long)]
    pub as_of: String,
    /// ความสามารถชำระต่องวด: หาจำนวนงวดที่สั้นที่สุด
    #[arg(long, allow_hyphen_values = true, conflicts_with = "periods")]
    pub capacity: Option<String>,
    #[arg(long)]
    pub periods: Option<u32>,
    /// monthly | quarterly | half-yearly | yearly | harvest
    #[arg(long, default_value = "monthly")]
    pub frequency: String,
    /// เดือนที่ชำระ (เช่น 3,11 = มีนาคมและพฤศจิกายน)
    #[arg(long, value_delimiter = ',')]
    pub harvest_months: Vec<u32>,
    /// จำนวนงวดผ่อนผันช่วงแรก
    #[arg(long, default_value_t = 0)]
    pub grace: u32,
    /// interest-only | holiday
    #[arg(long, default_value = "interest-only")]
    pub grace_kind: String,
    /// เพิ่มค่างวดปีละกี่เปอร์เซ็นต์
    #[arg(long, allow_hyphen_values = true)]
    pub step_up: Option<String>,
    /// อัตราดอกเบี้ยใหม่ (ลด)
    #[arg(long)]
    pub rate: Option<String>,
    /// ยกดอกเบี้ยผิดนัด
    #[arg(long)]
    pub waive_default_interest: bool,
    /// พักดอกเบี้ยผิดนัดไว้ แล้วปลดทีละส่วนเมื่อชำระตรงตามแผนครบทุก N งวด
    #[arg(long)]
    pub release_every: Option<u32>,
    /// ชำระช้าได้ไม่เกินกี่วันจึงนับว่าตรงตามแผน
    #[arg(long, default_value_t = 7)]
    pub release_max_days_late: i64,
    /// ค้างกี่งวดพร้อมกันจึงถือว่าผิดแผน
    #[arg(long, default_value_t = 3)]
    pub break_after: u32,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TrackArgs {
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(data_dir: Option<&Path>, command: &PlanCommand) -> CliResult {
    match command {
        PlanCommand::Preview(args) => preview(data_dir, args),
        PlanCommand::Track(args) => track(data_dir, args),
        PlanCommand::Propose { args, who, label } => {
            super::approve::plan_propose(data_dir, args, who, label)
        }
        PlanCommand::Approve(a) => super::approve::plan_approve(data_dir, a),
        PlanCommand::Reject(a) => {
            super::approve::reject(data_dir, crate::store::approvals::PendingKind::Plan, a)
        }
        PlanCommand::Agreement(a) => super::documents::agreement(data_dir, a),
        PlanCommand::ReleaseNotice(a) => super::documents::release_notice(data_dir, a),
    }
}

pub fn options(a: &PreviewArgs) -> Result<PlanOptions, Failure> {
    let sizing = match (&a.capacity, a.periods) {
        (Some(c), _) => {
            Sizing::Capacity(Satang::parse_positive(c).map_err(|e| Failure::arg("--capacity", e))?)
        }
        (None, Some(n)) if n > 0 => Sizing::Periods(n),
        (None, Some(_)) => return Err(Failure::arg("--periods", "จำนวนงวดต้องมากกว่าศูนย์")),
        (None, None) => {
            return Err(Failure::arg(
                "--capacity",
                "ต้องระบุ --capacity หรือ --periods อย่างใดอย่างหนึ่ง",
            ));
        }
    };
    let cadence = if !a.harvest_months.is_empty() || a.frequency == "harvest" {
        if a.harvest_months.is_empty() {
            return Err(Failure::arg("--harvest-months", "ระบุเดือนที่ชำระ เช่น 3,11"));
        }
        Cadence::Harvest(a.harvest_months.clone())
    } else {
        Cadence::Regular(Frequency::from_code(&a.frequency).ok_or_else(|| {
            Failure::arg(
                "--frequency",
                "ต้องเป็น monthly, quarterly, half-yearly, yearly หรือ harvest",
            )
        })?)
    };
    let grace = match (a.grace, a.grace_kind.as_str()) {
        (0, _) => None,
        (n, "interest-only") => Some(Grace { periods: n, kind: GraceKind::InterestOnly }),
        (n, "holiday") => Some(Grace { periods: n, kind: GraceKind::Holiday }),
        _ => return Err(Failure::arg("--grace-kind", "ต้องเป็น interest-only หรือ holiday")),
    };
    let step_up_bp = match &a.step_up {
        Some(p) => AnnualRate::parse(p).map(|r| r.bp()).or_else(|_| {
            // Step-ups above 15% are allowed: it is a growth of the installment, not a rate.
            let v: rust_decimal::Decimal = p
                .trim()
                .trim_end_matches('%')
                .parse()
                .map_err(|_| Failure::arg("--step-up", "ต้องเป็นตัวเลขร้อยละ เช่น 10"))?;
            if v.is_sign_negative() {
                return Err(Failure::arg("--step-up", "ต้องไม่ติดลบ"));
            }
            i64::try_from((v * rust_decimal::Decimal::ONE_HUNDRED).trunc().mantissa())
                .map_err(|_| Failure::arg("--step-up", "ค่ามากเกินไป"))
        })?,
        None => 0,
    };
    Ok(PlanOptions {
        sizing,
        cadence,
        grace,
        step_up_bp,
        rate: a
            .rate
            .as_deref()
            .map(AnnualRate::parse)
            .transpose()
            .map_err(|e| Failure::arg("--rate", e))?,
        waive_default_interest: a.waive_default_interest,
        waive_fees: a.waive_default_interest,
        release_default_interest: a.release_every.map(|every| ReleaseTerms {
            every,
            max_days_late: a.release_max_days_late,
            break_after_missed: a.break_after,
        }),
    })
}

#[derive(Serialize)]
struct RowOut {
    no: u32,
    due_date: NaiveDate,
    principal: Satang,
    interest: Satang,
    carried: Satang,
    total: Satang,
    balance: Satang,
}

#[derive(Serialize)]
struct PreviewOut<'a> {
    contract_no: &'a str,
    outstanding: &'a Outstanding,
    rate: String,
    periods: u32,
    installment: Satang,
    max_installment: Satang,
    end_date: Option<NaiveDate>,
    total_interest: Satang,
    total_paid: Satang,
    carried: Satang,
    waived: Satang,
    released_if_kept: Satang,
    installments: Vec<RowOut>,
}

fn row(i: &PlanInstallment) -> RowOut {
    RowOut {
        no: i.no,
        due_date: i.due_date,
        principal: i.principal,
        interest: i.interest,
        carried: i.carried,
        total: i.total(),
        balance: i.balance,
    }
}

fn preview(data_dir: Option<&Path>, args: &PreviewArgs) -> CliResult {
    let as_of = parse_date("--as-of", &args.as_of)?;
    let opts = options(args)?;
    let (store, _) = open_store(data_dir)?;
    let (o, p) = store.with(|conn| {
        let target = plans::target_by_contract(conn, &args.loan)?;
        plans::preview(conn, target, as_of, &opts)
    })?;
    if args.json {
        return print_json(&preview_out(&args.loan, &o, &p));
    }
    crate::cli::output::emit(&preview_text(&args.loan, &o, &p));
    Ok(())
}

fn preview_out<'a>(contract_no: &'a str, o: &'a Outstanding, p: &Plan) -> PreviewOut<'a> {
    PreviewOut {
        contract_no,
        outstanding: o,
        rate: p.rate.to_string(),
        periods: p.periods(),
        installment: p.regular_installment(),
        max_installment: p.max_installment(),
        end_date: p.end_date(),
        total_interest: p.total_interest(),
        total_paid: p.total_paid(),
        carried: p.carried,
        waived: p.waived,
        released_if_kept: p.released_if_kept(),
        installments: p.installments.iter().map(row).collect(),
    }
}

fn preview_text(contract_no: &str, o: &Outstanding, p: &Plan) -> String {
    let mut out = format!(
        "แผนปรับโครงสร้างหนี้ สัญญา {contract_no} ณ วันที่ {}\nยอดค้าง: เงินต้น {} ดอกเบี้ย {} ดอกเบี้ยผิดนัด {} ค่าธรรมเนียม {}\n",
        format_long(o.as_of),
        o.principal,
        o.interest,
        o.default_interest,
        o.fees
    );
    out.push_str(&format!(
        "อัตรา {} ผ่อน {} งวด งวดละ {} บาท สิ้นสุด {}\nดอกเบี้ยรวม {} บาท ชำระรวม {} บาท ลดหนี้ {} บาท ปลดเมื่อทำตามแผน {} บาท\n",
        p.rate,
        p.periods(),
        p.regular_installment(),
        p.end_date().map(format_long).unwrap_or_default(),
        p.total_interest(),
        p.total_paid(),
        p.waived,
        p.released_if_kept()
    ));
    let rows: Vec<Vec<String>> = p
        .installments
        .iter()
        .map(|i| {
            vec![
                i.no.to_string(),
                format_short(i.due_date),
                i.principal.to_string(),
                i.interest.to_string(),
                i.carried.to_string(),
                i.total().to_string(),
                i.balance.to_string(),
            ]
        })
        .collect();
    use Align::*;
    out.push_str(&table(
        &["งวด", "ครบกำหนด", "เงินต้น", "ดอกเบี้ย", "ค้างยกมา", "ค่างวด", "คงเหลือ"],
        &[Right, Left, Right, Right, Right, Right, Right],
        &rows,
    ));
    out
}

#[derive(Serialize)]
struct FollowUpOut {
    plan_id: i64,
    label: String,
    stage: String,
    health: String,
    released: Satang,
    cancelled: Satang,
    broken_on: Option<NaiveDate>,
}

#[derive(Serialize)]
struct TrackOut {
    as_of: NaiveDate,
    plans: usize,
    on_track: usize,
    at_risk: usize,
    broken: usize,
    free: usize,
    follow_up: Vec<FollowUpOut>,
}

fn track(data_dir: Option<&Path>, args: &TrackArgs) -> CliResult {
    let as_of = match &args.as_of {
        Some(d) => parse_date("--as-of", d)?,
        None => clock::today(),
    };
    let (store, _) = open_store(data_dir)?;
    let (tally, follow) = store.write(|tx| {
        Ok((plan_tracking::evaluate_all(tx, as_of)?, plan_tracking::needing_follow_up(tx)?))
    })?;
    let out = TrackOut {
        as_of,
        plans: tally.plans,
        on_track: tally.on_track,
        at_risk: tally.at_risk,
        broken: tally.broken,
        free: tally.free,
        follow_up: follow
            .into_iter()
            .map(|r| FollowUpOut {
                plan_id: r.id,
                label: r.label,
                stage: r.stage,
                health: r.health,
                released: r.released,
                cancelled: r.cancelled,
                broken_on: r.broken_on,
            })
            .collect(),
    };
    if args.json {
        return print_json(&out);
    }
    crate::say!(
        "ประเมิน {} แผน ณ {}: เป็นไปตามแผน {} เสี่ยง {} ผิดแผน {} หมดหนี้แล้ว {}",
        out.plans,
        format_long(as_of),
        out.on_track,
        out.at_risk,
        out.broken,
        out.free
    );
    Ok(())
}
