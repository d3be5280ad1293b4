//! Reports reproduced from the ledger as of any date (DESIGN.md §8): one module per report. Past
//! days are rebuilt from the payments and their allocations, never read from caches that only
//! hold today (see [`positions`] for how).

pub mod aging;
pub mod loan_list;
pub mod positions;
pub mod targets;
pub mod weekly;
