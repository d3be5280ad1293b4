//! รายงาน: figures for the treasurer, the committee and the agencies: each fund's figures and its statement now,
//! aging, PAR and the annual report as they land. Each report's figures come from its own module in
//! `store`/`domain`; a screen here only shows them.

pub mod chart;
pub mod fund_statement;
pub mod funds;
pub mod report;
