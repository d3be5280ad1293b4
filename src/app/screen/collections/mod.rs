//! งานติดตามหนี้: the daily collections work. `queue` is today's work queue (the screen an officer
//! opens first); `contact` records a follow-up contact with its promise and shows the file's
//! timeline of contacts, letters and payments.

pub mod contact;
pub mod queue;
