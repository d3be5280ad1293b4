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

/// One line of the report: its label and how a fund gives its cell.
type Line = (&'static str, fn(&AnnualFund) -> Cell);

const LINES: [Line; 13] =
    [
        ("สัญญาเงินกู้ใหม่ (สัญญา)", |f| {
            Cell::Count(f.loans_made)
        }),
        ("ให้กู้ใหม่ (บาท)", |f| Cell::Money(f.lent)),
        ("รับชำระเงินต้น", |f| Cell::Money(f.repaid)),
        ("ดอกเบี้ยรับ", |f| Cell::Money(f.interest)),
        ("ดอกเบี้ยผิดนัดรับ", |f| {
            Cell::Money(f.default_interest)
        }),
        ("ค้างชำระ ณ สิ้นงวด (เงินต้นและดอกเบี้ย)", |f| Cell::Money(f.arrears_at_end)),
        ("เงินต้นของสัญญาที่ค้างเกิน 90 วัน ณ สิ้นงวด", |f| Cell::Money(f.par90_at_end)),
        ("เงินต้นคงค้าง ณ สิ้นงวด", |f| {
            Cell::Money(f.closing_principal)
        }),
        ("รวมหนี้ครัวเรือนในปี (สัญญา)", |f| {
            Cell::Count(f.consolidations)
        }),
        ("เงินต้นที่รวมหนี้", |f| Cell::Money(f.consolidated)),
        ("ปรับโครงสร้างหนี้ในปี (สัญญา)", |f| Cell::Count(f.restructurings)),
        ("เงินต้นที่ปรับโครงสร้างหนี้", |f| Cell::Money(f.restructured)),
        ("ตัดยอดหนี้ (ตัดยอดเศษสตางค์)", |f| {
            Cell::Money(f.written_off)
        }),
    ];

/// The figures of every fund added up.
pub fn sum(funds: &[AnnualFund]) -> AnnualFund {
    let mut total =
        AnnualFund { fund: "รวมทุกกองทุน".into(), ..AnnualFund::default() };
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
    total
}

/// As the assembly reads it: one line per figure, one column per fund and the total last.
pub fn table(funds: &[AnnualFund], from: NaiveDate, to: NaiveDate) -> Table {
    let total = sum(funds);
    let mut columns: Vec<(&str, Kind)> = vec![("รายการ", Kind::Text)];
    columns.extend(funds.iter().map(|f| (f.fund.as_str(), Kind::Money)));
    columns.push(("รวมทุกกองทุน", Kind::Money));
    let mut t = Table::new("รายงานผลการดำเนินงานประจำปี", columns);
    t.subtitle = vec![format!(
        "ประจำปี พ.ศ. {} ตั้งแต่ {} ถึง {}",
        be_year(from),
        format_long(from),
        format_long(to)
    )];
    t.rows = LINES
        .iter()
        .map(|(label, cell)| {
            let mut row = vec![Cell::Text(label.to_string())];
            row.extend(funds.iter().chain([&total]).map(cell));
            row
        })
        .collect();
    t.notes = vec![
        "ให้กู้ใหม่ รับชำระ ดอกเบี้ย และเงินต้นคงค้างตรงกับรายงานกองทุนของช่วงเดียวกัน (รับชำระรวมส่วนที่รับผ่านสัญญารวมหนี้)".into(),
        "สัญญาเงินกู้ใหม่ไม่นับสัญญารวมหนี้และสัญญาปรับโครงสร้างหนี้ ซึ่งแสดงแยกในบรรทัดของตน".into(),
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
    fn the_last_column_adds_every_fund() {
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
        assert_eq!(t.headers(), ["รายการ", "กทบ.", "กข.คจ.", "รวมทุกกองทุน"]);
        // The last column is the total: 2 + 1 new loans, 30,000 + 10,000 lent.
        assert_eq!(t.rows[0][3], Cell::Count(3));
        assert_eq!(t.rows[1][3], Cell::Money(Satang::from_baht(40_000)));
        assert_eq!(t.rows[10][3], Cell::Count(1), "one restructuring");
        assert_eq!(t.rows[12][3], Cell::Money(Satang(75)), "written off");
    }
}
