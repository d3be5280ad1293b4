//! งานด้านกฎหมาย: the legal track. `deadlines` is the early warning (แจ้งเตือนด้านกฎหมาย), every
//! deadline the law sets across the portfolio; termination is prepared and approved from the
//! loan file (`debtors::loan`).

pub mod deadlines;
