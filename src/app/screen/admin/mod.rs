//! ตั้งค่าและดูแลระบบ: the institute's set-up, the users and their roles; backups and
//! the audit log go here too.

pub mod audit;
pub mod backups;
pub mod breaches;
pub mod import;
pub mod mapping;
pub mod retention;
pub mod settings;
pub mod setup;
pub mod setup_restore;
pub mod users;
