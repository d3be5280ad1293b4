//! งานติดตามหนี้: the daily collections work. `queue` is today's work queue (the screen an officer
//! opens first); `contact` records a follow-up contact with its promise and shows the file's
//! timeline of contacts, letters and payments; `targets` the collection targets against what was
//! collected; `weekly` the weekly report of an officer or group leader.

pub mod contact;
pub mod queue;
pub mod sheet_entry;
pub mod table_view;
pub mod targets;
pub mod weekly;
