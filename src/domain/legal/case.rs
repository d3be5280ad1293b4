//! The court case file (แฟ้มคดี) as pure rules: the kinds of event on a case's timeline, the
//! claim the fund files (computed by the statement engine on the filing date: principal, contract
//! interest, default interest on overdue principal only (s.224/1), fees), and how much of what the
//! case cost may be added to the debt (only as far as the judgment allows).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::money::Satang;
use crate::domain::plan::Outstanding;
use crate::domain::thai::date::format_long;

/// Where a case stands; the last milestone recorded decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Preparing,
    Filed,
    Settled,
    Judged,
    Enforcing,
    Closed,
}

impl CaseStatus {
    pub fn code(self) -> &'static str {
        match self {
            CaseStatus::Preparing => "preparing",
            CaseStatus::Filed => "filed",
            CaseStatus::Settled => "settled",
            CaseStatus::Judged => "judged",
            CaseStatus::Enforcing => "enforcing",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> CaseStatus {
        match code {
            "filed" => CaseStatus::Filed,
            "settled" => CaseStatus::Settled,
            "judged" => CaseStatus::Judged,
            "enforcing" => CaseStatus::Enforcing,
            "closed" => CaseStatus::Closed,
            _ => CaseStatus::Preparing,
        }
    }
}

impl fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CaseStatus::Preparing => "เตรียมฟ้อง",
            CaseStatus::Filed => "ยื่นฟ้องแล้ว",
            CaseStatus::Settled => "ประนีประนอมยอมความในศาล",
            CaseStatus::Judged => "ศาลพิพากษาแล้ว",
            CaseStatus::Enforcing => "บังคับคดี",
            CaseStatus::Closed => "ปิดแฟ้มคดี",
        })
    }
}

/// One kind of event on the timeline; the codes are those of the `legal_event.kind` check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
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

impl EventKind {
    pub const ALL: &[EventKind] = &[
        EventKind::Filing,
        EventKind::Mediation,
        EventKind::Hearing,
        EventKind::Witness,
        EventKind::VerdictReading,
        EventKind::Settlement,
        EventKind::Judgment,
        EventKind::Writ,
        EventKind::AssetSearch,
        EventKind::Seizure,
        EventKind::Auction,
        EventKind::SaleResult,
        EventKind::Proceeds,
        EventKind::Cost,
        EventKind::Other,
    ];

    /// What an officer may record as a plain event (filing, settlement, judgment, proceeds and
    /// costs have their own forms because they carry amounts or change the debt).
    pub const PLAIN: &[EventKind] = &[
        EventKind::Mediation,
        EventKind::Hearing,
        EventKind::Witness,
        EventKind::VerdictReading,
        EventKind::Writ,
        EventKind::AssetSearch,
        EventKind::Seizure,
        EventKind::Auction,
        EventKind::SaleResult,
        EventKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Filing => "filing",
            EventKind::Mediation => "mediation",
            EventKind::Hearing => "hearing",
            EventKind::Witness => "witness",
            EventKind::VerdictReading => "verdict_reading",
            EventKind::Settlement => "settlement",
            EventKind::Judgment => "judgment",
            EventKind::Writ => "writ",
            EventKind::AssetSearch => "asset_search",
            EventKind::Seizure => "seizure",
            EventKind::Auction => "auction",
            EventKind::SaleResult => "sale_result",
            EventKind::Proceeds => "proceeds",
            EventKind::Cost => "cost",
            EventKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// A court date (นัดศาล): the early warning lists it ahead.
    pub fn is_hearing(self) -> bool {
        matches!(
            self,
            EventKind::Mediation
                | EventKind::Hearing
                | EventKind::Witness
                | EventKind::VerdictReading
        )
    }

    /// A step of enforcement after judgment (the case is then "บังคับคดี").
    pub fn is_enforcement(self) -> bool {
        matches!(
            self,
            EventKind::Writ
                | EventKind::AssetSearch
                | EventKind::Seizure
                | EventKind::Auction
                | EventKind::SaleResult
                | EventKind::Proceeds
        )
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EventKind::Filing => "ยื่นฟ้อง",
            EventKind::Mediation => "นัดไกล่เกลี่ย",
            EventKind::Hearing => "นัดพิจารณา",
            EventKind::Witness => "นัดสืบพยาน",
            EventKind::VerdictReading => "นัดฟังคำพิพากษา",
            EventKind::Settlement => "สัญญาประนีประนอมยอมความ",
            EventKind::Judgment => "คำพิพากษา",
            EventKind::Writ => "หมายบังคับคดี",
            EventKind::AssetSearch => "สืบทรัพย์",
            EventKind::Seizure => "ยึด/อายัดทรัพย์",
            EventKind::Auction => "ประกาศขายทอดตลาด",
            EventKind::SaleResult => "ผลการขายทอดตลาด",
            EventKind::Proceeds => "เงินที่ได้รับจากกรมบังคับคดี",
            EventKind::Cost => "ค่าใช้จ่ายในคดี",
            EventKind::Other => "อื่น ๆ",
        })
    }
}

/// What a case cost the fund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// ค่าขึ้นศาล ค่าส่งหมาย.
    Court,
    /// ค่าทนายความ.
    Lawyer,
    /// ค่าธรรมเนียมบังคับคดี.
    Enforcement,
}

impl CostKind {
    pub const ALL: &[CostKind] = &[CostKind::Court, CostKind::Lawyer, CostKind::Enforcement];

    pub fn code(self) -> &'static str {
        match self {
            CostKind::Court => "court",
            CostKind::Lawyer => "lawyer",
            CostKind::Enforcement => "enforcement",
        }
    }

    pub fn from_code(code: &str) -> Option<CostKind> {
        CostKind::ALL.iter().copied().find(|k| k.code() == code)
    }
}

impl fmt::Display for CostKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CostKind::Court => "ค่าฤชาธรรมเนียมศาล",
            CostKind::Lawyer => "ค่าทนายความ",
            CostKind::Enforcement => "ค่าธรรมเนียมบังคับคดี",
        })
    }
}

/// The claim (ทุนทรัพย์ที่ฟ้อง) on the filing date, from the statement engine's outstanding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub as_of: NaiveDate,
    pub principal: Satang,
    pub interest: Satang,
    pub default_interest: Satang,
    /// Fees already charged to the loan before the suit (not the case's own costs).
    pub fees: Satang,
}

impl Claim {
    pub fn from_outstanding(o: &Outstanding) -> Claim {
        Claim {
            as_of: o.as_of,
            principal: o.principal,
            interest: o.interest,
            default_interest: o.default_interest,
            fees: o.fees,
        }
    }

    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.default_interest + self.fees
    }

    /// The claim's workings for the lawyer, line by line, in Thai.
    pub fn workings(&self) -> Vec<(String, Satang)> {
        let on = format_long(self.as_of);
        let mut lines = vec![
            (format!("เงินต้นคงค้าง ณ วันที่ {on}"), self.principal),
            ("ดอกเบี้ยตามสัญญาค้างชำระและดอกเบี้ยถึงวันฟ้อง".to_string(), self.interest),
            (
                "ดอกเบี้ยผิดนัดเฉพาะเงินต้นงวดที่ผิดนัด (ป.พ.พ. มาตรา 224/1)".to_string(),
                self.default_interest,
            ),
        ];
        if self.fees.is_positive() {
            lines.push(("ค่าธรรมเนียมและค่าใช้จ่ายตามสัญญา".to_string(), self.fees));
        }
        lines
    }
}

/// What of the case's costs may be added to the debt: nothing before a judgment (a settlement
/// states its own amount), then what was spent, never more than the costs the judgment awards
/// (ค่าฤชาธรรมเนียมแทนโจทก์). Worked example: 2,000 court + 5,000 lawyer + 1,500 enforcement spent;
/// a judgment awarding 6,000 lets 6,000 in; one awarding 10,000 lets the 8,500 spent in.
pub fn chargeable_costs(spent: &[(CostKind, Satang)], awarded: Option<Satang>) -> Satang {
    let Some(awarded) = awarded else {
        return Satang::ZERO;
    };
    let total: Satang = spent.iter().map(|(_, a)| *a).sum();
    total.min(awarded).max(Satang::ZERO)
}

#[cfg(test)]
mod tests {
    use super::super::ymd;
    use super::*;
    use crate::domain::rate::AnnualRate;

    #[test]
    fn the_claim_adds_principal_interest_default_interest_and_fees() {
        // The fixture loan of tests/store: 12,000 at 6% equal principal, installment 1 paid;
        // on 20 Nov 2025 it owes 11,000 principal; interest of installments 2–10 is
        // 55 + 50 + 45 + 40 + 35 + 30 + 25 + 20 + 15 = 315 (balance × 0.5% a month) plus
        // 5 days running on 2,000 (2,000 × 6% × 5 / 365 = 1.64): 316.64.
        let o = Outstanding {
            as_of: ymd(2025, 11, 20),
            principal: Satang::from_baht(11_000),
            interest: Satang(31_664),
            default_interest: Satang(12_345),
            fees: Satang::ZERO,
            rate: AnnualRate::from_bp(600).unwrap(),
        };
        let c = Claim::from_outstanding(&o);
        assert_eq!(c.total(), Satang(1_100_000 + 31_664 + 12_345));
        let w = c.workings();
        assert_eq!(w.len(), 3, "no fee line when there are no fees");
        assert_eq!(w.iter().map(|(_, a)| *a).sum::<Satang>(), c.total());
        assert!(w[0].0.contains("20 พฤศจิกายน 2568"), "{}", w[0].0);
        assert!(w[2].0.contains("224/1"));
    }

    #[test]
    fn costs_reach_the_debt_only_as_far_as_the_judgment_awards() {
        let spent = [
            (CostKind::Court, Satang::from_baht(2_000)),
            (CostKind::Lawyer, Satang::from_baht(5_000)),
            (CostKind::Enforcement, Satang::from_baht(1_500)),
        ];
        assert_eq!(chargeable_costs(&spent, None), Satang::ZERO);
        assert_eq!(
            chargeable_costs(&spent, Some(Satang::from_baht(6_000))),
            Satang::from_baht(6_000)
        );
        assert_eq!(
            chargeable_costs(&spent, Some(Satang::from_baht(10_000))),
            Satang::from_baht(8_500)
        );
        assert_eq!(chargeable_costs(&[], Some(Satang::from_baht(10_000))), Satang::ZERO);
    }

    #[test]
    fn every_event_code_reads_back() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_code(k.code()), Some(*k));
        }
        assert!(EventKind::Witness.is_hearing() && !EventKind::Writ.is_hearing());
        assert!(EventKind::Seizure.is_enforcement() && !EventKind::Hearing.is_enforcement());
    }
}
