//! Today's work queue (งานติดตามวันนี้): which files need an action today, in what order, why, and
//! what to do. The order weighs the amount overdue, days past due, the member's grade, broken
//! promises, days since the last contact, a next action that has come due and the law's
//! deadlines. A broken promise outweighs any depth of arrears alone (the member gave their word
//! and did not keep it: that call comes first); only the s.686 deadline and a follow-up the
//! officer set come near it.

use chrono::NaiveDate;

use super::ladder::Step;
use crate::domain::Satang;
use crate::domain::person::Grade;
use crate::domain::thai::date::format_long;

/// What is known of a file on the day the queue is built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signals {
    pub overdue: Satang,
    pub days_past_due: i64,
    pub grade: Grade,
    /// Promises broken or partly kept since the file fell into arrears, with the latest date.
    pub broken_promises: u32,
    pub last_broken_on: Option<NaiveDate>,
    /// A promise still open: the file waits for its date unless something else is due.
    pub open_promise_until: Option<NaiveDate>,
    pub last_contact_on: Option<NaiveDate>,
    /// The next action set at the last contact, if it has come due.
    pub next_action: Option<(NaiveDate, String)>,
    /// The ladder's next step, if it may be taken today.
    pub letter_due: Option<Step>,
    pub guarantor_due: bool,
    pub guarantor_late: bool,
    /// The reason the file is on hold (พักการติดตาม), if it is.
    pub hold: Option<String>,
}

/// What the officer should do with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proposal {
    Call,
    Letter(Step),
    GuarantorNotice,
    FollowUp(String),
}

impl Proposal {
    pub fn label(&self) -> String {
        match self {
            Proposal::Call => "โทรติดตาม".into(),
            Proposal::Letter(step) => format!("ออก{}", step.label()),
            Proposal::GuarantorNotice => "ออกหนังสือบอกกล่าวผู้ค้ำประกัน".into(),
            Proposal::FollowUp(what) => what.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priority {
    pub score: i64,
    /// Why the file is in the queue, most pressing first.
    pub reasons: Vec<String>,
    pub proposal: Proposal,
}

/// Why a file in arrears is not in today's queue (said on the file and in the batch screens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    OnHold(String),
    ContactedToday,
    WaitingForPromise(NaiveDate),
    NothingDue,
}

/// Scores a file for `today`, or says why it is not in the queue.
pub fn assess(s: &Signals, today: NaiveDate) -> Result<Priority, Skip> {
    if let Some(reason) = &s.hold {
        return Err(Skip::OnHold(reason.clone()));
    }
    if s.last_contact_on == Some(today) {
        return Err(Skip::ContactedToday);
    }
    let action_due = s.next_action.as_ref().filter(|(on, _)| *on <= today);
    let law = s.guarantor_due;
    if let Some(until) = s.open_promise_until.filter(|u| *u >= today)
        && action_due.is_none()
        && !law
    {
        return Err(Skip::WaitingForPromise(until));
    }
    if s.days_past_due <= 0 && action_due.is_none() && s.broken_promises == 0 {
        return Err(Skip::NothingDue);
    }

    let mut weighted: Vec<(i64, String)> = Vec::new();
    if s.guarantor_late {
        weighted.push((90, "เกิน 60 วันแล้วยังไม่ได้บอกกล่าวผู้ค้ำประกัน (ป.พ.พ. มาตรา 686)".into()));
    } else if s.guarantor_due {
        weighted.push((70, "ต้องบอกกล่าวผู้ค้ำประกันภายใน 60 วันนับแต่ผิดนัด (ป.พ.พ. มาตรา 686)".into()));
    }
    if s.broken_promises > 0 {
        let when =
            s.last_broken_on.map(|d| format!(" (นัด {})", format_long(d))).unwrap_or_default();
        weighted.push((150 * i64::from(s.broken_promises.min(2)), format!("ผิดนัดชำระ{when}")));
    }
    if let Some((on, what)) = action_due {
        weighted.push((50, format!("ถึงกำหนด{what} ({})", format_long(*on))));
    }
    if s.days_past_due > 0 {
        let points = (s.days_past_due / 4).min(45) + (s.overdue.0 / 100_000).min(40);
        weighted.push((points, format!("ค้างชำระ {} วัน {} บาท", s.days_past_due, s.overdue)));
    }
    if let Some(step) = s.letter_due {
        weighted.push((10, format!("ถึงขั้น{}", step.label())));
    }
    match s.last_contact_on {
        None => weighted.push((15, "ยังไม่เคยติดตาม".into())),
        Some(on) => {
            let days = (today - on).num_days();
            if days >= 14 {
                weighted.push(((days / 2).min(15), format!("ติดตามครั้งล่าสุด {days} วันก่อน")));
            }
        }
    }
    let grade_points = match s.grade {
        Grade::A => 0,
        Grade::B => 5,
        Grade::C => 10,
        Grade::D => 20,
    };
    weighted.sort_by_key(|w| std::cmp::Reverse(w.0));
    let score = weighted.iter().map(|(p, _)| p).sum::<i64>() + grade_points;
    let proposal = if s.guarantor_due {
        Proposal::GuarantorNotice
    } else if let Some(step) = s.letter_due {
        Proposal::Letter(step)
    } else if let Some((_, what)) = action_due {
        Proposal::FollowUp(what.clone())
    } else {
        Proposal::Call
    };
    Ok(Priority { score, reasons: weighted.into_iter().map(|(_, r)| r).collect(), proposal })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    const TODAY: fn() -> NaiveDate = || d(12, 7);

    fn overdue(dpd: i64, baht: i64) -> Signals {
        Signals {
            overdue: Satang(baht * 100),
            days_past_due: dpd,
            grade: Grade::B,
            broken_promises: 0,
            last_broken_on: None,
            open_promise_until: None,
            last_contact_on: Some(d(12, 1)),
            next_action: None,
            letter_due: None,
            guarantor_due: false,
            guarantor_late: false,
            hold: None,
        }
    }

    #[test]
    fn a_broken_promise_puts_a_file_above_a_larger_older_one() {
        let big = assess(&overdue(90, 20_000), TODAY()).unwrap();
        let mut s = overdue(20, 1_500);
        s.broken_promises = 1;
        s.last_broken_on = Some(d(12, 4));
        let broken = assess(&s, TODAY()).unwrap();
        // 20 DPD: 5 + 1 (1,500 baht) + 150 broken + 5 grade B = 161; 90 DPD: 22 + 20 + 5 = 47.
        // A broken promise outweighs any depth of arrears alone (at most 45 + 40 + 10 + 15 + 20).
        assert_eq!((broken.score, big.score), (161, 47));
        let deepest = assess(&overdue(2_000, 10_000_000), TODAY()).unwrap();
        assert!(broken.score > deepest.score, "{} > {}", broken.score, deepest.score);
        assert_eq!(broken.reasons[0], "ผิดนัดชำระ (นัด 4 ธันวาคม 2569)");
    }

    #[test]
    fn each_row_says_why_and_what_to_do() {
        let mut s = overdue(35, 2_400);
        s.letter_due = Some(Step::Demand);
        let p = assess(&s, TODAY()).unwrap();
        assert_eq!(p.reasons, vec!["ค้างชำระ 35 วัน 2,400.00 บาท", "ถึงขั้นหนังสือทวงถาม ครั้งที่ 1"]);
        assert_eq!(p.proposal.label(), "ออกหนังสือทวงถาม ครั้งที่ 1");
        s.guarantor_due = true;
        assert_eq!(assess(&s, TODAY()).unwrap().proposal, Proposal::GuarantorNotice);
    }

    #[test]
    fn files_on_hold_contacted_today_or_waiting_for_a_promise_are_left_out() {
        let mut s = overdue(40, 3_000);
        s.hold = Some("โต้แย้งยอดหนี้".into());
        assert_eq!(assess(&s, TODAY()), Err(Skip::OnHold("โต้แย้งยอดหนี้".into())));
        let mut s = overdue(40, 3_000);
        s.last_contact_on = Some(TODAY());
        assert_eq!(assess(&s, TODAY()), Err(Skip::ContactedToday));
        let mut s = overdue(40, 3_000);
        s.open_promise_until = Some(d(12, 15));
        assert_eq!(assess(&s, TODAY()), Err(Skip::WaitingForPromise(d(12, 15))));
        s.next_action = Some((TODAY(), "โทรกลับ".into()));
        assert_eq!(
            assess(&s, TODAY()).unwrap().proposal,
            Proposal::FollowUp("โทรกลับ".into()),
            "a next action that has come due brings it back"
        );
        assert_eq!(assess(&overdue(0, 0), TODAY()), Err(Skip::NothingDue));
    }

    #[test]
    fn a_file_never_contacted_says_so() {
        let mut s = overdue(10, 800);
        s.last_contact_on = None;
        let p = assess(&s, TODAY()).unwrap();
        assert!(p.reasons.contains(&"ยังไม่เคยติดตาม".to_string()), "{:?}", p.reasons);
        assert_eq!(p.proposal, Proposal::Call);
    }
}
