//! Thai language rules: digits ๐–๙, the Buddhist-era calendar, and baht amounts in words.

pub mod date;
pub mod digits;
pub mod words;
