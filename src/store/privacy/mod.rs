//! PDPA duties kept in the database: the breach register and the subject-access copy of
//! everything held about one person.

pub mod anonymise;
pub mod breaches;
pub mod consent;
pub mod subject_access;
