//! A personal-data breach (เหตุละเมิดข้อมูลส่วนบุคคล) and what s.37(4) of the PDPA asks of the fund
//! as controller: tell the PDPC office within 72 hours of learning of it, unless it is unlikely to
//! put anyone's rights at risk; where the risk is high, tell the people affected too, without delay.

use chrono::{Duration, NaiveDateTime};

/// Hours the PDPC must be told within, counted from when the fund learned of the breach.
pub const NOTIFY_HOURS: i64 = 72;

/// The committee's assessment of the risk to the people whose data it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    /// Unlikely to affect anyone's rights: recorded, the PDPC need not be told.
    Unlikely,
    /// A risk: the PDPC is told within 72 hours.
    Risk,
    /// A high risk: the PDPC within 72 hours and the members affected without delay.
    High,
}

impl Risk {
    pub const ALL: [Risk; 3] = [Risk::Unlikely, Risk::Risk, Risk::High];

    pub fn code(self) -> &'static str {
        match self {
            Risk::Unlikely => "unlikely",
            Risk::Risk => "risk",
            Risk::High => "high",
        }
    }

    pub fn from_code(code: &str) -> Option<Risk> {
        Risk::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Risk::Unlikely => "ไม่มีความเสี่ยงที่จะกระทบสิทธิ",
            Risk::Risk => "มีความเสี่ยง",
            Risk::High => "มีความเสี่ยงสูง",
        }
    }

    pub fn pdpc_must_be_told(self) -> bool {
        self != Risk::Unlikely
    }

    pub fn members_must_be_told(self) -> bool {
        self == Risk::High
    }
}

impl std::fmt::Display for Risk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// The latest moment the PDPC may be told.
pub fn pdpc_deadline(learned_at: NaiveDateTime) -> NaiveDateTime {
    learned_at + Duration::hours(NOTIFY_HOURS)
}

/// Where a breach stands on its duties at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    /// Every duty the risk calls for is done.
    Done,
    /// The PDPC must still be told; this much time is left.
    TellPdpc { left: Duration },
    /// The 72 hours have passed and the PDPC has not been told.
    PdpcOverdue { late_by: Duration },
    /// The PDPC knows (or need not); the members affected must still be told.
    TellMembers,
}

pub fn duty(
    risk: Risk,
    learned_at: NaiveDateTime,
    pdpc_told: bool,
    members_told: bool,
    now: NaiveDateTime,
) -> Duty {
    if risk.pdpc_must_be_told() && !pdpc_told {
        let deadline = pdpc_deadline(learned_at);
        return if now <= deadline {
            Duty::TellPdpc { left: deadline - now }
        } else {
            Duty::PdpcOverdue { late_by: now - deadline }
        };
    }
    if risk.members_must_be_told() && !members_told {
        return Duty::TellMembers;
    }
    Duty::Done
}

impl Duty {
    /// What is still owed, in Thai, as the home screen and the register say it.
    pub fn thai(self) -> String {
        match self {
            Duty::Done => "ดำเนินการครบแล้ว".into(),
            Duty::TellPdpc { left } => format!("ต้องแจ้ง สคส. ภายใน {}", thai_span(left)),
            Duty::PdpcOverdue { late_by } => {
                format!("เลยกำหนดแจ้ง สคส. มาแล้ว {}", thai_span(late_by))
            }
            Duty::TellMembers => "ต้องแจ้งเจ้าของข้อมูลโดยไม่ชักช้า".into(),
        }
    }
}

/// "เหลือ 2 วัน 5 ชั่วโมง", "เหลือ 40 นาที": what the home screen counts down.
pub fn thai_span(span: Duration) -> String {
    let minutes = span.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} นาที"),
        (0, h) => format!("{h} ชั่วโมง {mins} นาที"),
        (d, 0) => format!("{d} วัน"),
        (d, h) => format!("{d} วัน {h} ชั่วโมง"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    /// Worked example: learned of on Monday 7/12/2569 at 09:30; 72 hours later is Thursday
    /// 10/12/2569 at 09:30, weekends and holidays included (the Act counts hours, not working days).
    #[test]
    fn the_pdpc_deadline_is_72_clock_hours_after_the_fund_learned_of_it() {
        assert_eq!(pdpc_deadline(at(7, 9, 30)), at(10, 9, 30));
        assert_eq!(
            duty(Risk::Risk, at(7, 9, 30), false, false, at(8, 13, 0)),
            Duty::TellPdpc { left: Duration::hours(44) + Duration::minutes(30) }
        );
        assert_eq!(
            duty(Risk::Risk, at(7, 9, 30), false, false, at(10, 9, 30)),
            Duty::TellPdpc { left: Duration::zero() }
        );
        assert_eq!(
            duty(Risk::Risk, at(7, 9, 30), false, false, at(10, 11, 0)),
            Duty::PdpcOverdue { late_by: Duration::minutes(90) }
        );
    }

    #[test]
    fn what_is_owed_follows_the_risk() {
        let learned = at(7, 9, 0);
        let now = at(7, 10, 0);
        assert_eq!(duty(Risk::Unlikely, learned, false, false, now), Duty::Done);
        assert_eq!(duty(Risk::Risk, learned, true, false, now), Duty::Done);
        assert_eq!(duty(Risk::High, learned, true, false, now), Duty::TellMembers);
        assert_eq!(duty(Risk::High, learned, true, true, now), Duty::Done);
        assert!(matches!(duty(Risk::High, learned, false, true, now), Duty::TellPdpc { .. }));
    }

    #[test]
    fn spans_read_in_thai() {
        assert_eq!(thai_span(Duration::minutes(40)), "40 นาที");
        assert_eq!(thai_span(Duration::minutes(125)), "2 ชั่วโมง 5 นาที");
        assert_eq!(thai_span(Duration::hours(48)), "2 วัน");
        assert_eq!(thai_span(Duration::hours(53) + Duration::minutes(59)), "2 วัน 5 ชั่วโมง");
        assert_eq!(thai_span(Duration::minutes(-5)), "0 นาที");
        for r in Risk::ALL {
            assert_eq!(Risk::from_code(r.code()), Some(r));
        }
    }
}
