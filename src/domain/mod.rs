//! Pure domain: money, Thai calendar and words, ids, rates, schedules and statements. No I/O here.

pub mod accrual;
pub mod address;
pub mod arrears;
pub mod audit_action;
pub mod backup_due;
pub mod backup_passphrase;
pub mod backup_rotation;
pub mod collections;
pub mod complaints;
pub mod consolidation;
pub mod import;
pub mod institute_settings;
pub mod legal;
pub mod letter;
pub mod loan;
pub mod money;
pub mod national_id;
pub mod person;
pub mod plan;
pub mod plan_progress;
pub mod privacy;
pub mod promptpay;
pub mod rate;
pub mod report;
pub mod role;
pub mod schedule;
pub mod sign_in;
pub mod sign_in_settings;
pub mod statement;
pub mod thai;

pub use money::Satang;
pub use national_id::NationalId;
pub use rate::AnnualRate;
