//! SQLite storage: opening and migrating the file, one transaction per user action, and one module
//! per aggregate. Functions take a `&Connection` (inside the caller's transaction for writes);
//! [`Store`] wraps a connection for the GUI, which calls it off the UI thread.

pub mod acknowledgments;
pub mod approvals;
pub mod assignments;
pub mod audit;
pub mod backup;
pub mod campaigns;
pub mod case_sla;
pub mod check;
pub mod complaints;
pub mod consolidations;
pub mod contacts;
pub mod contract_payments;
pub mod court_cases;
pub mod court_settlements;
pub mod dashboard;
pub mod error;
pub mod fund_statement;
pub mod funds;
pub mod grades;
pub mod holds;
pub mod holidays;
pub mod households;
pub mod import;
pub mod institute;
pub mod institute_settings;
pub mod ledger;
pub mod legal_deadlines;
pub mod letters;
pub mod loans;
pub mod open;
pub mod persons;
pub mod plan_tracking;
pub mod plans;
pub mod privacy;
pub mod promises;
pub mod queue;
pub mod rejections;
pub mod report;
pub mod search;
pub mod sessions;
pub mod settings;
pub mod sheets;
pub mod sign_in_settings;
pub mod targets;
pub mod terminations;
pub mod transfers;
pub mod tx;
pub mod users;
pub mod write_offs;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

pub use error::{Result, StoreError};
pub use users::Actor;

/// A shared connection for the GUI. Calls run on a blocking thread so the window never waits.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    pub fn open_in(dir: &Path) -> Result<Store> {
        let conn = open::open_in(dir)?;
        Ok(Store { conn: Arc::new(Mutex::new(conn)), path: Some(dir.join(open::DB_FILE)) })
    }

    pub fn memory() -> Result<Store> {
        Ok(Store { conn: Arc::new(Mutex::new(open::open_memory()?)), path: None })
    }

    /// A second connection to the same file for long reads (the home screen's sums over every
    /// loan), so they never hold up the first one (search keystrokes, files, payments): WAL lets
    /// both read at once. It refuses writes. An in-memory store has no file to share and answers
    /// with itself.
    pub fn reader(&self) -> Result<Store> {
        match &self.path {
            Some(path) => {
                let conn = open::open_file(path)?;
                conn.pragma_update(None, "query_only", "ON")?;
                Ok(Store { conn: Arc::new(Mutex::new(conn)), path: Some(path.clone()) })
            }
            None => Ok(self.clone()),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` with the connection on the calling thread (CLI, tests, inside blocking tasks).
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut guard = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }

    /// Runs a write as one transaction.
    pub fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        self.with(|conn| tx::write(conn, f))
    }

    /// Runs `f` on a blocking thread and returns its result to the async caller (the GUI's Tasks).
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let store = self.clone();
        match tokio::task::spawn_blocking(move || store.with(f)).await {
            Ok(result) => result,
            Err(e) => Err(StoreError::refused(format!("งานเบื้องหลังหยุดทำงาน: {e}"))),
        }
    }
}
