//! The demo institute's source funds.

use crate::domain::loan::FundKind;
use crate::domain::schedule::{Frequency, Method};

pub(super) struct FundSpec {
    pub(super) code: &'static str,
    pub(super) name: &'static str,
    pub(super) kind: FundKind,
    pub(super) rate_bp: i64,
    pub(super) method: Method,
    pub(super) frequency: Frequency,
    pub(super) periods: u32,
    pub(super) max_baht: i64,
}

/// Five source funds with the rates and methods Thai village funds use, including a yearly
/// (after-harvest) fund.
pub(super) const FUNDS: &[FundSpec] = &[
    FundSpec {
        code: "กทบ.",
        name: "กองทุนหมู่บ้านและชุมชนเมือง",
        kind: FundKind::VillageFund,
        rate_bp: 600,
        method: Method::Annuity,
        frequency: Frequency::Monthly,
        periods: 24,
        max_baht: 50_000,
    },
    FundSpec {
        code: "อท.",
        name: "กลุ่มออมทรัพย์เพื่อการผลิต",
        kind: FundKind::SavingsGroup,
        rate_bp: 1200,
        method: Method::Flat,
        frequency: Frequency::Monthly,
        periods: 12,
        max_baht: 30_000,
    },
    FundSpec {
        code: "กขคจ.",
        name: "โครงการแก้ไขปัญหาความยากจน (กข.คจ.)",
        kind: FundKind::Kkkj,
        rate_bp: 300,
        method: Method::Annuity,
        frequency: Frequency::Yearly,
        periods: 3,
        max_baht: 20_000,
    },
    FundSpec {
        code: "กมบ.",
        name: "กองทุนแม่บ้านเกษตรกร",
        kind: FundKind::Housewives,
        rate_bp: 900,
        method: Method::EqualPrincipal,
        frequency: Frequency::Quarterly,
        periods: 8,
        max_baht: 20_000,
    },
    FundSpec {
        code: "กปย.",
        name: "กองทุนปุ๋ยและปัจจัยการผลิต",
        kind: FundKind::Other,
        rate_bp: 700,
        method: Method::Flat,
        frequency: Frequency::HalfYearly,
        periods: 4,
        max_baht: 15_000,
    },
];
