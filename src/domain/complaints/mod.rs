//! Complaints and disputes handled along ISO 10002 (seed 004): what a complaint is about, how it
//! came in, the steps it goes through, their clocks in working days, and the complainant's
//! masked name for those who may not see who complained.

pub mod attachment;
pub mod clock;
pub mod kinds;
pub mod mask;
pub mod privacy;
pub mod steps;

pub use clock::{
    MAX_TARGET_DAYS, Targets, add_working_days, parse_target_days, working_days_between,
};
pub use kinds::{Category, Channel, Satisfaction, Severity};
pub use mask::mask_name;
pub use steps::{Step, StepError, Workflow};
