//! Which report: the choices of the reports screen's pick list and of `plodnee report KIND`, and
//! what each needs besides its day (a period starting earlier, or a grouping).

use std::fmt;

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ReportKind {
    #[default]
    Aging,
    Trend,
    Portfolio,
    DueCollected,
    Debtors,
    Letters,
    Annual,
}

impl ReportKind {
    pub const ALL: &[ReportKind] = &[
        ReportKind::Aging,
        ReportKind::Trend,
        ReportKind::Portfolio,
        ReportKind::DueCollected,
        ReportKind::Debtors,
        ReportKind::Letters,
        ReportKind::Annual,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Aging => "aging",
            ReportKind::Trend => "trend",
            ReportKind::Portfolio => "portfolio",
            ReportKind::DueCollected => "due-collected",
            ReportKind::Debtors => "debtors",
            ReportKind::Letters => "letters",
            ReportKind::Annual => "annual",
        }
    }

    /// Reports over a period (from a first day to the report's day) rather than on one day.
    pub fn has_period(self) -> bool {
        matches!(self, ReportKind::Letters | ReportKind::Annual)
    }

    /// Reports whose rows can be grouped by fund, หมู่ or officer.
    pub fn has_grouping(self) -> bool {
        matches!(self, ReportKind::Aging | ReportKind::Portfolio)
    }

    /// The file name a saved copy is offered under (without the extension).
    pub fn file_stem(self, as_of: NaiveDate) -> String {
        format!(
            "{}-{}-{}-{}",
            self.short(),
            as_of.day(),
            as_of.month(),
            crate::domain::thai::date::be_year(as_of)
        )
    }

    fn short(self) -> &'static str {
        match self {
            ReportKind::Aging => "อายุหนี้และหนี้เสี่ยง",
            ReportKind::Trend => "แนวโน้มหนี้เสี่ยง",
            ReportKind::Portfolio => "ภาพรวมสินเชื่อ",
            ReportKind::DueCollected => "ครบกำหนดเทียบรับชำระ",
            ReportKind::Debtors => "รายชื่อลูกหนี้ตามหมู่",
            ReportKind::Letters => "หนังสือที่ออก",
            ReportKind::Annual => "รายงานผลการดำเนินงานประจำปี",
        }
    }
}

impl fmt::Display for ReportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReportKind::Aging => "อายุหนี้และหนี้เสี่ยง (PAR30 / PAR90)",
            ReportKind::Trend => "แนวโน้มหนี้เสี่ยง 12 เดือน",
            ReportKind::Portfolio => "ภาพรวมสินเชื่อ",
            ReportKind::DueCollected => "ยอดครบกำหนดเทียบยอดรับชำระรายเดือน",
            ReportKind::Debtors => "รายชื่อลูกหนี้ตามหมู่ (สำหรับการประชุมกรรมการ)",
            ReportKind::Letters => "หนังสือที่ออกตามประเภทและเดือน",
            ReportKind::Annual => "รายงานผลการดำเนินงานประจำปี",
        })
    }
}

/// A period's first day when none is given: 1 January of the report day's year (the B.E. year
/// and the Gregorian one start on the same day since 2484).
pub fn year_start(as_of: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_a_file_name_in_buddhist_years() {
        let codes: std::collections::HashSet<_> =
            ReportKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), ReportKind::ALL.len());
        let d = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        assert_eq!(ReportKind::Annual.file_stem(d), "รายงานผลการดำเนินงานประจำปี-31-12-2568");
        assert_eq!(year_start(d), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
    }
}
