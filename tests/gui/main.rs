//! The GUI tests: screens driven through `update` and iced_test's simulator on a temporary database.
//! One test binary per group keeps CI's link time and disk small; each file is a module.

#[path = "../support/docs.rs"]
mod docs_support;
#[path = "../support/mod.rs"]
mod support;

mod admin;
mod approvals;
mod audit;
mod auto_backup;
mod backups;
mod breaches;
mod collections;
mod complaint_attachments;
mod complaint_correction;
mod complaint_report_export;
mod complaints;
mod consolidation;
mod court_case;
mod export;
mod first_restore;
mod flow;
mod home_backup;
mod home_breach;
mod import;
mod legal;
mod letters;
mod live_ui;
mod loan_guard;
mod member_pdpa;
mod perf;
mod plans;
mod print_status;
mod printing;
mod receipt_print;
mod reports;
mod retention;
mod settings;
mod settings_sign_in;
mod sign_in_lock;
mod sizes;
mod state;
mod targets;
mod templates;
mod thai_cursor;
mod thai_text;

// The PDF tools come with the shared fixtures (loaded once: clippy::duplicate_mod).
use docs_support::tools;
