//! Bringing an office's existing books in (issue 14 §3): reading what offices really type into
//! their sheets (Thai headers and digits, พ.ศ. dates as text or serials, full names in one cell,
//! merged title rows, totals rows), validating each row with a Thai reason, and turning a loan in
//! mid-life into its position at the cut-over date. Pure: the workbook is read by `crate::import`
//! and written by `crate::store::import`.

pub mod cell;
pub mod dates;
pub mod header;
pub mod name;
pub mod position;
pub mod rows;

pub use cell::Cell;
pub use header::{Field, Mapping};
pub use rows::{Outcome, Parsed, RowIn};
