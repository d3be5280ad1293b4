//! One user action, one transaction: every write goes through [`write`].

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::error::Result;

/// Runs `f` in an IMMEDIATE transaction (the write lock is taken up front, so two windows never
/// interleave half-actions) and commits only if it succeeds; any error rolls everything back.
pub fn write<T>(conn: &mut Connection, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = f(&tx)?;
    tx.commit()?;
    Ok(out)
}
