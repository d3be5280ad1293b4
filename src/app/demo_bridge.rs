//! Loading demo data from the first-start screen: runs the demo generator on the blocking thread,
//! passes its progress to the screen, and signs in as its committee user so the officer lands on a
//! full home screen.

use chrono::NaiveDate;
use iced::task::{Sipper, sipper};
use rusqlite::Connection;

use crate::demo::{self, Options, Progress};
use crate::domain::role::Role;
use crate::store::users::{self, User};
use crate::store::{Result, Store, StoreError};

/// The seed the command line uses by default too: the same demo on every office PC.
pub const SEED: u64 = 2568;

#[derive(Debug, Clone)]
pub struct DemoOutcome {
    pub households: usize,
    pub members: usize,
    pub loans: usize,
    pub payments: usize,
    /// (username, password, role) of the demo users.
    pub users: Vec<(String, String, Role)>,
    pub signed_in: User,
}

/// Fills the empty database and signs in as the first committee user of the demo.
pub fn generate(
    conn: &mut Connection,
    households: usize,
    today: NaiveDate,
    progress: &mut dyn FnMut(Progress),
) -> Result<DemoOutcome> {
    let summary =
        demo::generate_with_progress(conn, &Options { households, seed: SEED, today }, progress)?;
    let admin = summary
        .users
        .iter()
        .find(|u| u.role == Role::Committee)
        .or(summary.users.first())
        .ok_or_else(|| StoreError::not_found("ผู้ใช้ตัวอย่าง"))?;
    let signed_in = users::sign_in(conn, &admin.username, &admin.password)?;
    Ok(DemoOutcome {
        households: summary.households,
        members: summary.members,
        loans: summary.loans,
        payments: summary.payments,
        users: summary
            .users
            .iter()
            .map(|u| (u.username.clone(), u.password.clone(), u.role))
            .collect(),
        signed_in,
    })
}

/// The generation as a sipper: progress now and then (each whole percent or new stage), then
/// the outcome. The work holds the store's connection on a blocking thread.
pub fn load(
    store: Store,
    households: usize,
    today: NaiveDate,
) -> impl Sipper<Result<DemoOutcome>, Progress> {
    sipper(move |mut sender| async move {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Progress>();
        let work = tokio::spawn(async move {
            store
                .run(move |conn| {
                    let mut last: Option<(&'static str, usize)> = None;
                    let mut report = |p: Progress| {
                        let percent = (p.done * 100).checked_div(p.total).unwrap_or(0);
                        if last != Some((p.stage, percent)) {
                            last = Some((p.stage, percent));
                            let _ = tx.send(p);
                        }
                    };
                    generate(conn, households, today, &mut report)
                })
                .await
        });
        while let Some(progress) = rx.recv().await {
            sender.send(progress).await;
        }
        work.await.unwrap_or_else(|e| Err(StoreError::refused(format!("งานเบื้องหลังหยุดทำงาน: {e}"))))
    })
}
