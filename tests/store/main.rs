//! The storage tests: every aggregate on a temporary database, and the money properties over it.
//! One test binary per group keeps CI's link time and disk small; each file is a module.

#[path = "../support/docs.rs"]
mod docs_support;
#[path = "../support/mod.rs"]
mod support;

mod admin;
mod anonymise;
mod arrears_tolerance;
mod audit_log;
mod auto_backup;
mod backup;
mod backup_encrypted;
mod campaign;
mod collections;
mod complaint_attachments;
mod complaint_corrections;
mod complaints;
mod consent;
mod consolidation;
mod court_cases;
mod demo_data;
mod import;
mod institute_settings;
mod interest_by_days;
mod ledger;
mod legal;
mod letters;
mod no_zero_installments;
mod plans;
mod privacy;
mod reconcile;
mod report_aging;
mod report_periods;
mod search_contract;
mod sign_in;
mod targets;
mod write_off;
