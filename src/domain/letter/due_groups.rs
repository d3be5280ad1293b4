//! The rows of an invoice's table when the overdue installments do not all fit on its one page:
//! the oldest are summed into one row ("งวดที่ 1–5") so the total, the amount in words and the
//! PromptPay QR stay on the page with the payer's details (issue 11 §6).

use chrono::NaiveDate;

use super::facts::DueRow;
use crate::domain::Satang;
use crate::domain::thai::date::format_month_short;

/// Several consecutive installments shown as one row: their numbers and due dates from the
/// first to the last, and each part summed to the satang.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueGroup {
    pub first_no: u32,
    pub last_no: u32,
    pub first_due: NaiveDate,
    pub last_due: NaiveDate,
    /// How many installments the row stands for.
    pub count: usize,
    pub principal: Satang,
    pub interest: Satang,
    pub default_interest: Satang,
}

impl DueGroup {
    /// `None` for no rows.
    pub fn of(rows: &[DueRow]) -> Option<DueGroup> {
        let (first, last) = (rows.first()?, rows.last()?);
        Some(DueGroup {
            first_no: first.no,
            last_no: last.no,
            first_due: first.due_date,
            last_due: last.due_date,
            count: rows.len(),
            principal: rows.iter().map(|r| r.principal).sum(),
            interest: rows.iter().map(|r| r.interest).sum(),
            default_interest: rows.iter().map(|r| r.default_interest).sum(),
        })
    }

    pub fn total(&self) -> Satang {
        self.principal + self.interest + self.default_interest
    }

    /// "ก.ย. 68 – มี.ค. 69": the months the installments fell due in, short enough for the
    /// due-date column on one line.
    pub fn months(&self) -> String {
        format!("{} – {}", format_month_short(self.first_due), format_month_short(self.last_due))
    }

    /// "1–5": the installments' numbers as the งวดที่ column shows them.
    pub fn numbers(&self) -> String {
        format!("{}–{}", self.first_no, self.last_no)
    }
}

/// One row of the invoice's table of installments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceRow {
    One(DueRow),
    Group(DueGroup),
}

impl InvoiceRow {
    pub fn total(&self) -> Satang {
        match self {
            InvoiceRow::One(r) => r.total(),
            InvoiceRow::Group(g) => g.total(),
        }
    }
}

/// The installments (oldest first, as the letter's facts list them) in at most `max_rows`
/// rows: every one on its own row when they fit, otherwise the newest `max_rows − 1` on their
/// own rows and all the older ones summed into the first row. A debtor reads the recent
/// installments one by one and the long-standing arrears as one figure; nothing is dropped,
/// so the rows still add up to the same total. `max_rows` of 0 is taken as 1.
pub fn group_oldest(rows: &[DueRow], max_rows: usize) -> Vec<InvoiceRow> {
    let max_rows = max_rows.max(1);
    if rows.len() <= max_rows {
        return rows.iter().cloned().map(InvoiceRow::One).collect();
    }
    let kept = max_rows - 1;
    let (old, recent) = rows.split_at(rows.len() - kept);
    let mut out = Vec::with_capacity(max_rows);
    out.extend(DueGroup::of(old).map(InvoiceRow::Group));
    out.extend(recent.iter().cloned().map(InvoiceRow::One));
    out
}

/// How many table rows fit in `room` when the table without installment rows (its header,
/// extra lines and total) takes `base` and each installment row `row`, all in the same unit
/// (millimetres on the page). At least one row: the invoice must list what it asks for, and
/// when even one does not fit the page runs on rather than hide the amounts.
pub fn rows_that_fit(room: f32, base: f32, row: f32) -> usize {
    if row <= 0.0 || !room.is_finite() || !base.is_finite() {
        return 1;
    }
    let free = room - base;
    if free < row {
        return 1;
    }
    // A hair less than the exact quotient: the page's own test allows 0.01 pt of slack only.
    ((free - 0.05) / row).floor().max(1.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn row(no: u32, p: i64, i: i64, d: i64) -> DueRow {
        let due = ymd(2023, 1, 16).checked_add_months(chrono::Months::new(no - 1)).unwrap();
        DueRow {
            no,
            due_date: due,
            principal: Satang(p),
            interest: Satang(i),
            default_interest: Satang(d),
        }
    }

    #[test]
    fn rows_that_fit_are_listed_one_by_one() {
        let rows: Vec<DueRow> = (1..=5).map(|n| row(n, 20_000, 1_000, 50)).collect();
        let out = group_oldest(&rows, 5);
        assert_eq!(out, rows.iter().cloned().map(InvoiceRow::One).collect::<Vec<_>>());
        assert_eq!(group_oldest(&[], 3), Vec::new());
    }

    /// A loan 40 installments behind, the first 30 of them only residues of 1.44 baht of
    /// principal left (the demo's rounding residues) with 0.07 of default interest each, the
    /// last 10 whole: 2,083.33 principal + 41.67 interest + 12.50 default interest.
    /// By hand: the 30 residues come to 30 × 1.51 = 45.30; the 10 whole ones to
    /// 10 × 2,137.50 = 21,375.00; the invoice asks for 21,420.30. In 12 rows the oldest
    /// 29 (งวดที่ 1–29: 29 × 1.51 = 43.79) make one row, 30 to 40 their own 11 rows:
    /// 43.79 + 1.51 + 21,375.00 = 21,420.30, to the satang.
    #[test]
    fn forty_overdue_installments_in_twelve_rows_add_up_to_the_invoice_total() {
        let mut rows: Vec<DueRow> = (1..=30).map(|n| row(n, 144, 0, 7)).collect();
        rows.extend((31..=40).map(|n| row(n, 208_333, 4_167, 1_250)));
        let total: Satang = rows.iter().map(DueRow::total).sum();
        assert_eq!(total, Satang(2_142_030));

        let out = group_oldest(&rows, 12);
        assert_eq!(out.len(), 12);
        let InvoiceRow::Group(g) = &out[0] else { panic!("the first row is the group") };
        assert_eq!((g.first_no, g.last_no, g.count), (1, 29, 29));
        assert_eq!(g.numbers(), "1–29");
        assert_eq!(g.months(), "ม.ค. 66 – พ.ค. 68");
        assert_eq!((g.first_due, g.last_due), (ymd(2023, 1, 16), ymd(2025, 5, 16)));
        assert_eq!(
            (g.principal, g.interest, g.default_interest),
            (Satang(4_176), Satang(0), Satang(203))
        );
        assert_eq!(g.total(), Satang(4_379));
        assert_eq!(out[1], InvoiceRow::One(rows[29].clone()));
        assert_eq!(out[11], InvoiceRow::One(rows[39].clone()));
        assert_eq!(out.iter().map(InvoiceRow::total).sum::<Satang>(), total);
    }

    #[test]
    fn one_row_holds_everything_and_every_row_count_keeps_the_total() {
        let rows: Vec<DueRow> = (1..=40)
            .map(|n| row(n, 144 + 7_919 * i64::from(n % 3), 13 * i64::from(n), 1))
            .collect();
        let total: Satang = rows.iter().map(DueRow::total).sum();
        for max in 0..=45 {
            let out = group_oldest(&rows, max);
            assert_eq!(out.len(), max.clamp(1, 40), "{max} rows");
            assert_eq!(out.iter().map(InvoiceRow::total).sum::<Satang>(), total, "{max} rows");
            let parts = |f: fn(&InvoiceRow) -> Satang| out.iter().map(f).sum::<Satang>();
            let principal = parts(|r| match r {
                InvoiceRow::One(d) => d.principal,
                InvoiceRow::Group(g) => g.principal,
            });
            assert_eq!(principal, rows.iter().map(|r| r.principal).sum::<Satang>());
        }
        let one = group_oldest(&rows, 1);
        let [InvoiceRow::Group(all)] = one.as_slice() else { panic!("one group") };
        assert_eq!((all.first_no, all.last_no, all.count), (1, 40, 40));
    }

    /// 180 mm of room, a 40 mm table frame and 8.4 mm rows: (180 − 40) / 8.4 = 16.67, so 16.
    #[test]
    fn rows_that_fit_count_whole_rows_only() {
        assert_eq!(rows_that_fit(180.0, 40.0, 8.4), 16);
        assert_eq!(rows_that_fit(40.0 + 8.4 * 3.0, 40.0, 8.4), 2, "an exact fit keeps a margin");
        assert_eq!(rows_that_fit(30.0, 40.0, 8.4), 1, "never fewer than one");
        assert_eq!(rows_that_fit(100.0, 10.0, 0.0), 1);
        assert_eq!(rows_that_fit(f32::NAN, 10.0, 8.0), 1);
    }
}
