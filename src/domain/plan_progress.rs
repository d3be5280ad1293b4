//! Where a restructuring plan stands: its stage (ยึด → ลด → ปลด → หมดหนี้), the release shares
//! earned by milestones kept, and whether it is on track, at risk (an installment late) or broken
//! (K installments overdue at once, which cancels what is not yet released).

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::arrears::{self, Tolerance};
use super::consolidation::even_parts;
use super::money::Satang;
use super::plan::ReleaseRule;
use super::statement::InstallmentState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// ยึด: the debts are held under the agreed plan; nothing paid on it yet.
    Hold,
    /// ลด: paying the reduced installments.
    Reduce,
    /// ปลด: at least one release share earned.
    Release,
    /// หมดหนี้: paid off.
    Free,
}

impl Stage {
    pub const ALL: &[Stage] = &[Stage::Hold, Stage::Reduce, Stage::Release, Stage::Free];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Hold => "hold",
            Stage::Reduce => "reduce",
            Stage::Release => "release",
            Stage::Free => "free",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stage::Hold => "ยึด",
            Stage::Reduce => "ลด",
            Stage::Release => "ปลด",
            Stage::Free => "หมดหนี้",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    OnTrack,
    /// One or more installments late, not yet enough to break the plan.
    AtRisk,
    /// K installments were overdue at once: the plan is broken and sent to follow-up.
    Broken,
}

impl fmt::Display for Health {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Health::OnTrack => "เป็นไปตามแผน",
            Health::AtRisk => "เสี่ยง (ค้างชำระ)",
            Health::Broken => "ผิดแผน",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// The last installment of the block.
    pub through: u32,
    pub share: Satang,
    /// The day the block's last installment was paid, if the block was kept.
    pub earned_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub health: Health,
    pub paid_installments: u32,
    pub total_installments: u32,
    pub overdue_installments: u32,
    pub milestones: Vec<Milestone>,
    pub released: Satang,
    /// Unreleased set-aside cancelled by breaking the plan (owed again).
    pub cancelled: Satang,
    pub broken_on: Option<NaiveDate>,
}

impl Progress {
    pub fn shares_earned(&self) -> usize {
        self.milestones.iter().filter(|m| m.earned_on.is_some()).count()
    }
}

/// Overdue installments at the start of day `t`: due before `t` and not fully paid by then.
fn overdue_at(items: &[&InstallmentState], t: NaiveDate) -> u32 {
    items.iter().filter(|i| i.due_date < t && i.paid_on.is_none_or(|p| p >= t)).count() as u32
}

/// Evaluates a plan from its installments' states as of `as_of` (from the statement engine).
/// What is overdue below the arrears `tolerance` is not arrears (issue 11 §3): it neither puts
/// the plan at risk nor counts towards breaking it.
pub fn evaluate(
    release: Option<ReleaseRule>,
    installments: &[InstallmentState],
    as_of: NaiveDate,
    tolerance: Tolerance,
) -> Progress {
    // Holiday installments ask for nothing and do not count towards milestones.
    let items: Vec<&InstallmentState> =
        installments.iter().filter(|i| (i.principal + i.interest).is_positive()).collect();
    let n = items.len() as u32;
    let paid = items.iter().filter(|i| i.paid_on.is_some_and(|p| p <= as_of)).count() as u32;
    let overdue: Vec<&InstallmentState> = items
        .iter()
        .copied()
        .filter(|i| i.due_date < as_of && i.paid_on.is_none_or(|p| p >= as_of))
        .collect();
    let overdue_amount: Satang = overdue.iter().map(|i| i.unpaid()).sum();
    let residues_only = !arrears::in_arrears(overdue_amount, tolerance);
    // Installments left with satang residues (together below the tolerance) count as kept for
    // breaking: otherwise a 0.30 left on one installment would count as "missed" for ever. The
    // engine keeps no history of when they were paid down, so an earlier break they took part
    // in is not recomputed from their past.
    let counted: Vec<&InstallmentState> = if residues_only {
        items.iter().copied().filter(|i| !overdue.iter().any(|o| o.no == i.no)).collect()
    } else {
        items.clone()
    };
    let overdue_now = if residues_only { 0 } else { overdue_at(&items, as_of) };
    let break_after = release.map(|r| r.break_after_missed).unwrap_or(3).max(1);

    // The overdue count only rises the day after a due date: the first such day on which
    // `break_after` installments are overdue at once is the day the plan broke.
    let broken_on = items
        .iter()
        .map(|i| i.due_date + Days::new(1))
        .filter(|d| *d <= as_of)
        .find(|t| overdue_at(&counted, *t) >= break_after);

    let milestones = match release {
        Some(rule) if n > 0 => {
            let shares = (n / rule.every).max(1);
            let amounts = even_parts(rule.amount, shares);
            (0..shares)
                .map(|j| {
                    let from = (j * rule.every) as usize;
                    let through = if j + 1 == shares { n } else { (j + 1) * rule.every };
                    let block = &items[from..through as usize];
                    let kept = block.iter().all(|i| {
                        i.paid_on.is_some_and(|p| {
                            p <= as_of && (p - i.due_date).num_days() <= rule.max_days_late
                        })
                    });
                    let earned_on =
                        kept.then(|| block.iter().filter_map(|i| i.paid_on).max()).flatten();
                    // Nothing is released once the plan has broken.
                    let earned_on = earned_on.filter(|d| broken_on.is_none_or(|b| *d < b));
                    Milestone { through, share: amounts[j as usize], earned_on }
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let released: Satang =
        milestones.iter().filter(|m| m.earned_on.is_some()).map(|m| m.share).sum();
    let cancelled = if broken_on.is_some() {
        release.map(|r| r.amount).unwrap_or_default() - released
    } else {
        Satang::ZERO
    };
    let free = n > 0 && paid == n;
    let health = if broken_on.is_some() && !free {
        Health::Broken
    } else if overdue_now > 0 {
        Health::AtRisk
    } else {
        Health::OnTrack
    };
    let stage = if free {
        Stage::Free
    } else if released.is_positive() {
        Stage::Release
    } else if paid > 0 {
        Stage::Reduce
    } else {
        Stage::Hold
    };
    Progress {
        stage,
        health,
        paid_installments: paid,
        total_installments: n,
        overdue_installments: overdue_now,
        milestones,
        released,
        cancelled,
        broken_on,
    }
}

#[cfg(test)]
#[path = "plan_progress_tests.rs"]
mod tests;
