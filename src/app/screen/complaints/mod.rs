//! เรื่องร้องเรียน: complaints along ISO 10002. `list` shows them with the complainant masked and
//! overdue steps flagged; `report` is ISO 10002's analysis; `form` registers one (from the list or a member's file); `file` shows one
//! complaint with its steps and the buttons of the steps that may follow; `attachments` is its
//! documents and photos.

pub mod attachments;
pub mod correction;
pub mod file;
pub mod form;
pub mod list;
pub mod report;
mod step_form;
