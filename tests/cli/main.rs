//! The end-to-end command-line tests: the `plodnee` binary run as a user would, crash tests included.
//! One test binary per group keeps CI's link time and disk small; each file is a module.


mod commands;
mod audit;
mod collections;
mod letter_thresholds;
mod payment;
mod write_off;
mod crash_payments;
