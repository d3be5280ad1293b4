//! A list on screen turned into a report table for Excel: each screen names its visible columns
//! once (Thai header, kind, how a row gives the cell) and [`table`] builds the rows, so amounts
//! go out as amounts and dates as dates, never as the text the screen happens to print.

use chrono::NaiveDate;

use super::table::{Cell, Column, Kind, Table};
use crate::domain::Satang;

/// One visible column of a list: its header, what it holds and how a row gives its cell.
pub struct Field<T> {
    pub header: &'static str,
    pub kind: Kind,
    pub cell: fn(&T) -> Cell,
}

// Manual impls: a derive would ask `T: Clone`, and `T` is only borrowed.
impl<T> Clone for Field<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Field<T> {}

impl<T> std::fmt::Debug for Field<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Field").field("header", &self.header).field("kind", &self.kind).finish()
    }
}

impl<T> Field<T> {
    pub const fn text(header: &'static str, cell: fn(&T) -> Cell) -> Field<T> {
        Field { header, kind: Kind::Text, cell }
    }
    pub const fn money(header: &'static str, cell: fn(&T) -> Cell) -> Field<T> {
        Field { header, kind: Kind::Money, cell }
    }
    pub const fn date(header: &'static str, cell: fn(&T) -> Cell) -> Field<T> {
        Field { header, kind: Kind::Date, cell }
    }
    pub const fn count(header: &'static str, cell: fn(&T) -> Cell) -> Field<T> {
        Field { header, kind: Kind::Count, cell }
    }
}

/// Cell helpers, so a column's closure reads as what it shows.
pub fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}
pub fn money(m: Satang) -> Cell {
    Cell::Money(m)
}
pub fn date(d: NaiveDate) -> Cell {
    Cell::Date(d)
}
pub fn count(n: i64) -> Cell {
    Cell::Count(n)
}

/// The rows as a table under `title`, one column per field in order, with the given lines under
/// the title (the period, the filter: what the screen showed).
pub fn table<T>(title: &str, subtitle: Vec<String>, fields: &[Field<T>], rows: &[T]) -> Table {
    Table {
        title: title.to_string(),
        subtitle,
        columns: fields
            .iter()
            .map(|f| Column { header: f.header.to_string(), kind: f.kind })
            .collect(),
        rows: rows.iter().map(|r| fields.iter().map(|f| (f.cell)(r)).collect()).collect(),
        total: None,
        notes: Vec::new(),
        chart: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Row {
        name: &'static str,
        owed: i64,
        on: NaiveDate,
    }

    #[test]
    fn each_field_becomes_a_typed_column_and_each_row_its_cells() {
        let fields = [
            Field::text("ชื่อ", |r: &Row| text(r.name)),
            Field::money("ค้างชำระ", |r: &Row| money(Satang(r.owed))),
            Field::date("วันที่", |r: &Row| date(r.on)),
        ];
        let d = NaiveDate::from_ymd_opt(2025, 1, 31).unwrap();
        let rows = [Row { name: "นายสมชาย ใจดี", owed: 123_456, on: d }];
        let t = table("รายชื่อ", vec!["หมู่ 3".into()], &fields, &rows);
        assert_eq!(t.headers(), ["ชื่อ", "ค้างชำระ", "วันที่"]);
        assert_eq!(t.columns[1].kind, Kind::Money);
        assert_eq!(
            t.rows,
            vec![vec![
                Cell::Text("นายสมชาย ใจดี".into()),
                Cell::Money(Satang(123_456)),
                Cell::Date(d)
            ]]
        );
        // 1,234.56 baht, 31/1/2568 as the CSV writes them.
        assert_eq!(t.text_rows()[0][1..], ["1,234.56", "31/1/2568"]);
    }
}
