//! Reports (DESIGN.md §8), the pure part: arrears buckets and portfolio at risk over positions the
//! store reproduces from the ledger, and the table every report becomes on screen, on paper, in
//! Excel and in CSV, so the four always show the same figures.

pub mod aging;
pub mod annual;
pub mod collection;
pub mod debtors;
pub mod kind;
pub mod letters;
pub mod list;
pub mod portfolio;
pub mod table;

use std::fmt;

/// How a report's rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GroupBy {
    #[default]
    Fund,
    Village,
    Officer,
}

impl GroupBy {
    pub const ALL: &[GroupBy] = &[GroupBy::Fund, GroupBy::Village, GroupBy::Officer];

    pub fn code(self) -> &'static str {
        match self {
            GroupBy::Fund => "fund",
            GroupBy::Village => "village",
            GroupBy::Officer => "officer",
        }
    }

    pub fn from_code(code: &str) -> Option<GroupBy> {
        GroupBy::ALL.iter().copied().find(|g| g.code() == code)
    }

    /// The first column's header.
    pub fn header(self) -> &'static str {
        match self {
            GroupBy::Fund => "กองทุน",
            GroupBy::Village => "หมู่ที่",
            GroupBy::Officer => "ผู้รับผิดชอบ",
        }
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GroupBy::Fund => "ตามกองทุน",
            GroupBy::Village => "ตามหมู่บ้าน",
            GroupBy::Officer => "ตามผู้รับผิดชอบ",
        })
    }
}
