//! One column of the plan builder: what is typed and chosen for one option, parsed into the plan
//! engine's `PlanOptions`, with each refusal (capacity too small, rate not reduced …) put beside
//! the field it belongs to.

use crate::app::form::{Checker, Errors, Form};
use crate::domain::Satang;
use crate::domain::plan::{
    self, Cadence, Grace, GraceKind, Outstanding, Plan, PlanError, PlanOptions, ReleaseTerms,
    Sizing,
};
use crate::domain::rate::AnnualRate;
use crate::domain::schedule::Frequency;
use crate::domain::thai::digits::to_ascii_digits;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Amount,
    Months,
    Grace,
    StepUp,
    Rate,
    Every,
    MaxLate,
    BreakAfter,
}

/// Widget ids, one row per option column (ids must be `'static`).
const IDS: [[&str; 8]; 3] = [
    ["p0-amount", "p0-months", "p0-grace", "p0-step", "p0-rate", "p0-every", "p0-late", "p0-break"],
    ["p1-amount", "p1-months", "p1-grace", "p1-step", "p1-rate", "p1-every", "p1-late", "p1-break"],
    ["p2-amount", "p2-months", "p2-grace", "p2-step", "p2-rate", "p2-every", "p2-late", "p2-break"],
];

impl Field {
    pub fn id(self, column: usize) -> &'static str {
        IDS[column.min(2)][self as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SizingKind {
    Capacity,
    Periods,
}

impl SizingKind {
    pub const ALL: &[SizingKind] = &[SizingKind::Capacity, SizingKind::Periods];
}

impl std::fmt::Display for SizingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SizingKind::Capacity => "ตามความสามารถ",
            SizingKind::Periods => "ตามจำนวนงวด",
        })
    }
}

/// The four regular frequencies and harvest months, as one choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CadenceKind {
    Regular(Frequency),
    Harvest,
}

impl CadenceKind {
    pub const ALL: &[CadenceKind] = &[
        CadenceKind::Regular(Frequency::Monthly),
        CadenceKind::Regular(Frequency::Quarterly),
        CadenceKind::Regular(Frequency::HalfYearly),
        CadenceKind::Regular(Frequency::Yearly),
        CadenceKind::Harvest,
    ];
}

impl std::fmt::Display for CadenceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CadenceKind::Regular(Frequency::Monthly) => "รายเดือน",
            CadenceKind::Regular(Frequency::Quarterly) => "ราย 3 เดือน",
            CadenceKind::Regular(Frequency::HalfYearly) => "ราย 6 เดือน",
            CadenceKind::Regular(Frequency::Yearly) => "รายปี",
            CadenceKind::Harvest => "ตามฤดูเก็บเกี่ยว",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraceChoice(pub GraceKind);

impl GraceChoice {
    pub const ALL: &[GraceChoice] =
        &[GraceChoice(GraceKind::InterestOnly), GraceChoice(GraceKind::Holiday)];
}

impl std::fmt::Display for GraceChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            GraceKind::InterestOnly => "เฉพาะดอกเบี้ย",
            GraceKind::Holiday => "พักทั้งหมด",
        })
    }
}

#[derive(Debug, Clone)]
pub struct OptionForm {
    pub sizing: SizingKind,
    pub cadence: CadenceKind,
    pub grace_kind: GraceChoice,
    pub waive_default_interest: bool,
    pub release: bool,
    pub form: Form<Field>,
    /// The plan as the inputs stand (None while an input is refused).
    pub plan: Option<Plan>,
    /// A refusal that belongs to no single field.
    pub problem: Option<String>,
}

impl OptionForm {
    pub fn new(sizing: SizingKind, amount: &str, cadence: CadenceKind) -> OptionForm {
        OptionForm {
            sizing,
            cadence,
            grace_kind: GraceChoice(GraceKind::InterestOnly),
            waive_default_interest: false,
            release: false,
            form: Form::with([
                (Field::Amount, amount.to_string()),
                (Field::Months, "3, 11".to_string()),
                (Field::Grace, "0".to_string()),
                (Field::StepUp, "0".to_string()),
                (Field::Every, "12".to_string()),
                (Field::MaxLate, "15".to_string()),
                (Field::BreakAfter, "3".to_string()),
            ]),
            plan: None,
            problem: None,
        }
    }

    /// Parses the inputs; errors go beside their fields.
    pub fn options(&self) -> (Errors<Field>, Option<PlanOptions>) {
        let mut c = Checker::default();
        let get = |f| self.form.get(f);
        let sizing = match self.sizing {
            SizingKind::Capacity => c
                .take(Field::Amount, Satang::parse_positive(get(Field::Amount)))
                .map(Sizing::Capacity),
            SizingKind::Periods => {
                c.take(Field::Amount, whole(get(Field::Amount), 1, "จำนวนงวด")).map(Sizing::Periods)
            }
        };
        let cadence = match self.cadence {
            CadenceKind::Regular(f) => Some(Cadence::Regular(f)),
            CadenceKind::Harvest => {
                c.take(Field::Months, months(get(Field::Months))).map(Cadence::Harvest)
            }
        };
        let grace = c.take(Field::Grace, whole(get(Field::Grace), 0, "จำนวนงวดผ่อนผัน"));
        let step = c.take(Field::StepUp, percent_bp(get(Field::StepUp)));
        let rate = if get(Field::Rate).trim().is_empty() {
            Some(None)
        } else {
            c.take(Field::Rate, AnnualRate::parse(get(Field::Rate))).map(Some)
        };
        let release = if self.release {
            let every = c.take(Field::Every, whole(get(Field::Every), 1, "จำนวนงวดต่อขั้น"));
            let late = c.take(Field::MaxLate, whole(get(Field::MaxLate), 0, "จำนวนวัน"));
            let brk = c.take(Field::BreakAfter, whole(get(Field::BreakAfter), 1, "จำนวนงวด"));
            match (every, late, brk) {
                (Some(every), Some(late), Some(brk)) => Some(Some(ReleaseTerms {
                    every,
                    max_days_late: late as i64,
                    break_after_missed: brk,
                })),
                _ => None,
            }
        } else {
            Some(None)
        };
        let opts = match (sizing, cadence, grace, step, rate, release) {
            (Some(sizing), Some(cadence), Some(g), Some(step_up_bp), Some(rate), Some(release))
                if c.is_ok() =>
            {
                Some(PlanOptions {
                    sizing,
                    cadence,
                    grace: (g > 0).then_some(Grace { periods: g, kind: self.grace_kind.0 }),
                    step_up_bp,
                    rate,
                    waive_default_interest: self.waive_default_interest,
                    waive_fees: self.waive_default_interest,
                    release_default_interest: release,
                })
            }
            _ => None,
        };
        (c.errors, opts)
    }

    /// Rebuilds this option's plan on the contract's parts (pure and fast: runs on each edit).
    pub fn recompute(&mut self, parts: &[Outstanding]) {
        let (mut errors, opts) = self.options();
        self.plan = None;
        self.problem = None;
        if let Some(opts) = opts {
            match plan::build_parts(parts, &opts) {
                Ok((p, _)) => self.plan = Some(p),
                Err(e) => match e {
                    PlanError::CapacityTooSmall { .. }
                    | PlanError::TooFewPeriods(_)
                    | PlanError::TooLong => {
                        errors.insert(Field::Amount, e.to_string());
                    }
                    PlanError::NoHarvestMonths => {
                        errors.insert(Field::Months, e.to_string());
                    }
                    PlanError::BadStepUp => {
                        errors.insert(Field::StepUp, e.to_string());
                    }
                    PlanError::RateNotReduced(_) => {
                        errors.insert(Field::Rate, e.to_string());
                    }
                    PlanError::NothingOwed => self.problem = Some(e.to_string()),
                },
            }
        }
        self.form.submit();
        self.form.show(errors);
    }
}

fn whole(text: &str, least: u32, what: &str) -> Result<u32, String> {
    match to_ascii_digits(text.trim()).parse::<u32>() {
        Ok(n) if n >= least => Ok(n),
        Ok(_) => Err(format!("{what}ต้องไม่น้อยกว่า {least}")),
        Err(_) => Err(format!("{what}ต้องเป็นจำนวนเต็ม")),
    }
}

/// "10" or "7.5" percent a year to basis points.
fn percent_bp(text: &str) -> Result<i64, String> {
    let t = to_ascii_digits(text.trim());
    let t = t.trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(0);
    }
    match t.parse::<rust_decimal::Decimal>() {
        Ok(d) if d >= rust_decimal::Decimal::ZERO && d <= rust_decimal::Decimal::ONE_HUNDRED => {
            Ok((d * rust_decimal::Decimal::ONE_HUNDRED).round().try_into().unwrap_or(0))
        }
        Ok(_) => Err(PlanError::BadStepUp.to_string()),
        Err(_) => Err("ต้องเป็นตัวเลข เช่น 10".into()),
    }
}

/// "3, 11" → [3, 11]: months of the year after the harvests.
fn months(text: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for part in to_ascii_digits(text).split([',', ' ', '/']).filter(|p| !p.trim().is_empty()) {
        match part.trim().parse::<u32>() {
            Ok(m) if (1..=12).contains(&m) => out.push(m),
            _ => return Err("เดือนต้องเป็นเลข 1–12 คั่นด้วยจุลภาค เช่น 3, 11".into()),
        }
    }
    if out.is_empty() {
        return Err(PlanError::NoHarvestMonths.to_string());
    }
    Ok(out)
}
