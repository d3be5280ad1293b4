//! อนุมัติ: what waits for a second person (maker-checker): consolidations, plans and debt
//! transfers, approved with the meeting's resolution or reversed with a reason.

pub mod pending;
