//! Thai language rules: digits ๐–๙, the Buddhist-era calendar, baht amounts in words, and the
//! words a line must not break between.

pub mod breaks;
pub mod date;
pub mod digits;
pub mod glue;
pub mod words;
