//! The daily collections work, as pure rules: what a contact is made of, the Debt Collection
//! Act's hours and daily limits, promises to pay and how they become kept or broken, the
//! escalation ladder, and the priority of today's work queue.

pub mod campaign;
pub mod contact;
pub mod grade;
pub mod hours;
pub mod ladder;
pub mod priority;
pub mod promise;
pub mod target;
