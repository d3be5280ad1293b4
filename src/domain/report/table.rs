//! A report as a table of typed cells: the PDF prints it, the screen shows it, the .xlsx keeps
//! amounts as numbers and dates as dates, and the CSV writes the same values as text. One model,
//! so a total can never differ between them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::domain::Satang;
use crate::domain::thai::date::format_numeric;

/// What a column holds: decides alignment, number format and the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Text,
    Count,
    Money,
    Date,
    Percent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub header: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Count(i64),
    Money(Satang),
    Date(NaiveDate),
    /// A ratio in percent, two decimals; `None` when there is nothing to divide by.
    Percent(Option<Decimal>),
    Empty,
}

impl Cell {
    /// As printed on paper and in CSV: amounts with separators, dates in พ.ศ.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => group_thousands(*n),
            Cell::Money(m) => m.to_string(),
            Cell::Date(d) => format_numeric(*d),
            Cell::Percent(Some(p)) => format!("{p:.2}%"),
            Cell::Percent(None) | Cell::Empty => "–".into(),
        }
    }

    pub fn money(&self) -> Option<Satang> {
        match self {
            Cell::Money(m) => Some(*m),
            _ => None,
        }
    }
}

fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A bar of a chart: a label and a value in the unit of its column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub title: String,
    /// Lines under the title: the date, the grouping.
    pub subtitle: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// The totals line, printed bold and last.
    pub total: Option<Vec<Cell>>,
    /// Lines after the table: what a figure means, how it was counted.
    pub notes: Vec<String>,
    /// What a person would rather look at than read (drawn as bars).
    pub chart: Option<Chart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<Bar>,
    /// Values are percent (×100 as satang, two decimals) rather than baht.
    pub percent: bool,
    /// Values are counts (a bar's value is the number itself, not satang).
    pub count: bool,
    /// A series over time, drawn as a line on screen (the bars still print on paper).
    pub line: bool,
}

impl Chart {
    /// A bar chart of amounts in baht.
    pub fn baht(title: impl Into<String>, bars: Vec<Bar>) -> Chart {
        Chart { title: title.into(), bars, percent: false, count: false, line: false }
    }

    /// A value as its axis and label print it: `12.50%`, `1,234` or `1,234.56`.
    pub fn label(&self, value: Satang) -> String {
        if self.percent {
            format!("{}.{:02}%", value.0 / 100, (value.0 % 100).abs())
        } else if self.count {
            group_thousands(value.0)
        } else {
            value.to_string()
        }
    }
}

impl Table {
    pub fn new(title: impl Into<String>, columns: Vec<(&str, Kind)>) -> Table {
        Table {
            title: title.into(),
            subtitle: Vec::new(),
            columns: columns
                .into_iter()
                .map(|(h, kind)| Column { header: h.to_string(), kind })
                .collect(),
            rows: Vec::new(),
            total: None,
            notes: Vec::new(),
            chart: None,
        }
    }

    pub fn headers(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.header.as_str()).collect()
    }

    /// Every row and then the total, as text.
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        self.rows.iter().chain(&self.total).map(|r| r.iter().map(Cell::text).collect()).collect()
    }

    /// The sum of a money column over the rows (not the total line).
    pub fn column_sum(&self, column: usize) -> Satang {
        self.rows.iter().filter_map(|r| r.get(column).and_then(Cell::money)).sum()
    }
}

/// `part / whole` in percent, rounded half away from zero to two decimals.
pub fn percent(part: Satang, whole: Satang) -> Option<Decimal> {
    if whole.0 == 0 {
        return None;
    }
    let p = Decimal::from(part.0) * Decimal::from(100) / Decimal::from(whole.0);
    Some(p.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_percent_rounds_half_away_from_zero_and_has_no_value_over_nothing() {
        // 1/8 = 12.5%; 1/3 = 33.333…% → 33.33; 2/3 → 66.67; 1/16 = 6.25 exactly.
        assert_eq!(percent(Satang(1), Satang(8)), Some(dec!(12.50)));
        assert_eq!(percent(Satang(1), Satang(3)), Some(dec!(33.33)));
        assert_eq!(percent(Satang(2), Satang(3)), Some(dec!(66.67)));
        assert_eq!(percent(Satang(1), Satang(16)), Some(dec!(6.25)));
        assert_eq!(percent(Satang(5), Satang(0)), None);
    }

    #[test]
    fn cells_print_as_the_office_reads_them() {
        assert_eq!(Cell::Money(Satang(123456789)).text(), "1,234,567.89");
        assert_eq!(Cell::Count(1234567).text(), "1,234,567");
        assert_eq!(Cell::Date(NaiveDate::from_ymd_opt(2025, 1, 31).unwrap()).text(), "31/1/2568");
        assert_eq!(Cell::Percent(Some(dec!(4.5))).text(), "4.50%");
        assert_eq!(Cell::Percent(None).text(), "–");
    }
}
