//! The import's column-mapping step: every field plodnee reads, beside a pick list of the file's
//! own headers (or "ไม่ใช้"), starting from the guess (or the mapping remembered for the file's
//! layout). A change re-reads the sheet at once; the mapping the user confirms an import with is
//! remembered for the layout, as the CLI does.

use std::fmt;

use iced::Element;
use iced::widget::{Column, pick_list};

use super::import::Message;
use crate::app::widget::{cell, col, striped, table_header, table_row};
use crate::domain::import::Field;
use crate::import::pipeline::{self, Prepared};

/// One entry of a field's pick list: a header of the file, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice(pub Option<String>);

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(h) => f.write_str(h),
            None => f.write_str("— ไม่ใช้ —"),
        }
    }
}

/// The file's headers on its header row, each once, blanks left out.
pub fn choices(p: &Prepared) -> Vec<Choice> {
    let mut out = vec![Choice(None)];
    for h in pipeline::headers(&p.book.rows, p.mapping.header_row) {
        let h = h.trim().to_string();
        if !h.is_empty() && !out.contains(&Choice(Some(h.clone()))) {
            out.push(Choice(Some(h)));
        }
    }
    out
}

/// The sheet read again with `field` taken from `choice`: a header another field had is moved,
/// not shared, and a date column's answered question is asked again for its new column.
pub fn remap(p: &Prepared, field: Field, choice: Choice) -> Result<Prepared, String> {
    let mut mapping = p.mapping.clone();
    mapping.date_orders.remove(&field);
    match choice.0 {
        Some(header) => {
            mapping.columns.retain(|f, h| *f == field || *h != header);
            mapping.columns.insert(field, header);
        }
        None => {
            mapping.columns.remove(&field);
        }
    }
    pipeline::with_mapping(p.book.clone(), mapping, p.source)
}

/// Every field with its pick list, under the reason the last change was refused (if it was).
pub fn view<'a>(p: &'a Prepared, error: Option<&'a str>) -> Element<'a, Message> {
    let cols = [col("ข้อมูลในโปรแกรม", 3), col("คอลัมน์ในแฟ้ม", 4)];
    let options = choices(p);
    let mut table = Column::new();
    if let Some(e) = error {
        table = table.push(crate::app::widget::error_text(e));
    }
    table = table.push(table_header(&cols));
    for (i, field) in Field::ALL.iter().copied().enumerate() {
        let chosen = Choice(p.mapping.columns.get(&field).cloned());
        let pick = pick_list(options.clone(), Some(chosen), move |c| Message::MapColumn(field, c))
            .width(iced::Fill);
        table =
            table.push(striped(i, table_row(&cols, vec![cell(field.label()).into(), pick.into()])));
    }
    table.into()
}
