//! The end-to-end command-line tests: the `plodnee` binary run as a user would, crash tests included.
//! One test binary per group keeps CI's link time and disk small; each file is a module.

mod anonymise;
mod audit;
mod collections;
mod commands;
mod complaint_attach;
mod complaint_correct;
mod complaints;
mod court_case;
mod crash_backup;
mod crash_payments;
mod import;
mod legal;
mod letter_thresholds;
mod payment;
mod privacy;
mod report;
mod report_kinds;
mod subject_access_pdf;
mod targets;
#[path = "../support/tools.rs"]
mod tools;
mod write_off;
