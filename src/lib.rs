//! plodnee (ปลดหนี้): debtor files, household consolidation and restructuring for Thai community funds.
//!
//! `domain` is pure calculation; `store` keeps it in SQLite; `document` prints Thai PDFs; `app` is the
//! iced GUI and `cli` the command line. The binary in `main.rs` only dispatches.

pub mod app;
pub mod cli;
pub mod clock;
pub mod demo;
pub mod document;
pub mod domain;
pub mod import;
pub mod store;
