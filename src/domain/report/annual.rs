//! The annual report for the general assembly (รายงานผลการดำเนินงานประจำปี): per fund, over a
//! year (or the part of it up to the report's day), loans made, principal repaid, interest
//! earned, arrears at the year's end, the consolidations and restructurings of the year and the
//! write-offs. The money figures are the fund statement's for the same period, so the assembly
//! hears the same numbers the treasurer's statement shows.

use chrono::NaiveDate;

use super::table::{Bar, Cell, Chart, Kind, Table};
use crate::domain::Satang;
use crate::domain::thai::date::{be_year, format_long};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnnualFund {
    pub fund: String,
    /// New loans started in the period (not tranches of consolidated contracts, not loans
    /// written by restructuring plans).
    pub loans_made: i64,
    pub lent: Satang,
    /// Principal received, directly and through consolidated tranches.
    pub repaid: Satang,
    /// Contract interest received, and default interest (ดอกเบี้ยผิดนัด) received.
    pub interest: Satang,
    pub default_interest: Satang,
    /// Unpaid principal and interest of installments due by the period's last day.
    pub arrears_at_end: Satang,
    /// Principal of loans more than 90 days past due on the last day.
    pub par90_at_end: Satang,
    pub closing_principal: Satang,
    /// Tranches of this fund in contracts consolidated in the period, and their principal.
    pub consolidations: i64,
    pub consolidated: Satang,
    /// Loans of this fund replaced by approved restructuring plans in the period.
    pub restructurings: i64,
    pub restructured: Satang,
    /// Residues written off in the period (principal, interest and fees: ตัดยอดเศษสตางค์).
    pub written_off: Satang,
}

pub fn table(funds: &[AnnualFund], from: NaiveDate, to: NaiveDate) -> Table {
    let mut t = Table::new(
        "รายงานผลการดำเนินงานประจำปี",
        vec![
            ("กองทุน", Kind::Text),
            ("สัญญาใหม่", Kind::Count),
            ("ให้กู้ใหม่", Kind::Money),
            ("รับชำระเงินต้น", Kind::Money),
            ("ดอกเบี้ยรับ", Kind::Money),
            ("ดอกเบี้ยผิดนัดรับ", Kind::Money),
            ("ค้างชำระ ณ สิ้นงวด", Kind::Money),
            ("ค้างเกิน 90 วัน (เงินต้น)", Kind::Money),
            ("เงินต้นคงค้างสิ้นงวด", Kind::Money),
            ("รวมหนี้ (สัญญา)", Kind::Count),
            ("เงินต้นที่รวมหนี้", Kind::Money),
            ("ปรับโครงสร้าง (สัญญา)", Kind::Count),
            ("เงินต้นที่ปรับโครงสร้าง", Kind::Money),
            ("ตัดยอดหนี้", Kind::Money),
        ],
    );
    t.subtitle = vec![format!(
        "ประจำปี พ.ศ. {} ตั้งแต่ {} ถึง {}",
        be_year(from),
        format_long(from),
        format_long(to)
    )];
    let cells = |label: String, f: &AnnualFund| {
        vec![
            Cell::Text(label),
            Cell::Count(f.loans_made),
            Cell::Money(f.lent),
            Cell::Money(f.repaid),
            Cell::Money(f.interest),
            Cell::Money(f.default_interest),
            Cell::Money(f.arrears_at_end),
            Cell::Money(f.par90_at_end),
            Cell::Money(f.closing_principal),
            Cell::Count(f.consolidations),
            Cell::Money(f.consolidated),
            Cell::Count(f.restructurings),
            Cell::Money(f.restructured),
            Cell::Money(f.written_off),
        ]
    };
    t.rows = funds.iter().map(|f| cells(f.fund.clone(), f)).collect();
    let mut total = AnnualFund::default();
    for f in funds {
        total.loans_made += f.loans_made;
        total.lent += f.lent;
        total.repaid += f.repaid;
        total.interest += f.interest;
        total.default_interest += f.default_interest;
        total.arrears_at_end += f.arrears_at_end;
        total.par90_at_end += f.par90_at_end;
        total.closing_principal += f.closing_principal;
        total.consolidations += f.consolidations;
        total.consolidated += f.consolidated;
        total.restructurings += f.restructurings;
        total.restructured += f.restructured;
        total.written_off += f.written_off;
    }
    t.total = Some(cells("รวมทุกกองทุน".into(), &total));
    t.notes = vec![
        "ให้กู้ใหม่ รับชำระ ดอกเบี้ย และเงินต้นคงค้างตรงกับรายงานกองทุนของช่วงเดียวกัน (รับชำระรวมส่วนที่รับผ่านสัญญารวมหนี้)".into(),
        "สัญญาใหม่ไม่นับสัญญารวมหนี้และสัญญาปรับโครงสร้างหนี้ ซึ่งแสดงแยกในช่องของตน".into(),
        "ค้างชำระ ณ สิ้นงวด = เงินต้นและดอกเบี้ยของงวดที่ถึงกำหนดก่อนวันสิ้นงวดที่ยังไม่ได้ชำระ".into(),
    ];
    t.chart = Some(Chart::baht(
        "ให้กู้ใหม่และรับชำระเงินต้นตามกองทุน (บาท)",
        funds
            .iter()
            .flat_map(|f| {
                [
                    Bar { label: format!("{} ให้กู้", f.fund), value: f.lent },
                    Bar { label: format!("{} รับชำระ", f.fund), value: f.repaid },
                ]
            })
            .collect(),
    ));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_total_line_adds_every_fund() {
        let a = AnnualFund {
            fund: "กทบ.".into(),
            loans_made: 2,
            lent: Satang::from_baht(30_000),
            repaid: Satang::from_baht(5_000),
            restructurings: 1,
            ..AnnualFund::default()
        };
        let b = AnnualFund {
            fund: "กข.คจ.".into(),
            loans_made: 1,
            lent: Satang::from_baht(10_000),
            written_off: Satang(75),
            ..AnnualFund::default()
        };
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let t = table(&[a, b], d(1, 1), d(12, 31));
        assert_eq!(t.subtitle[0], "ประจำปี พ.ศ. 2568 ตั้งแต่ 1 มกราคม 2568 ถึง 31 ธันวาคม 2568");
        let total = t.total.unwrap();
        assert_eq!(total[1], Cell::Count(3));
        assert_eq!(total[2], Cell::Money(Satang::from_baht(40_000)));
        assert_eq!(total[11], Cell::Count(1));
        assert_eq!(total[13], Cell::Money(Satang(75)));
    }
}
