//! The batch's worker: the letters and their files in one write transaction on a blocking
//! thread, so a cancel, an error or a file that cannot be written leaves nothing registered.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use iced::futures::StreamExt;
use iced::task::{Sipper, sipper};

use crate::document::issue::{self, BatchRequest, Output, Progress};
use crate::domain::backup_due::Event;
use crate::store::backup::auto;
use crate::store::{Actor, Store, StoreError};

/// What a finished batch made.
#[derive(Debug, Clone)]
pub struct Summary {
    pub letters: usize,
    pub first: String,
    pub last: String,
    pub files: Vec<PathBuf>,
    pub skipped: usize,
    /// Contracts held back by a threshold: one Thai line per reason, with its count.
    pub held: Vec<String>,
    /// Contracts the officer unticked in the list.
    pub unticked: usize,
    pub warnings: Vec<String>,
}

/// The worker: the batch and the file writes in one write transaction on a blocking thread,
/// progress passed out through a channel (at most once per percent, so a 1,000-letter batch
/// does not redraw the screen a thousand times).
pub(super) fn generate(
    store: Store,
    actor: Actor,
    b: BatchRequest,
    ticked: HashSet<i64>,
    to: PathBuf,
    cancel: Arc<AtomicBool>,
) -> impl Sipper<Result<Summary, String>, Progress> {
    sipper(move |mut sender| async move {
        let (tx, mut rx) = iced::futures::channel::mpsc::unbounded();
        let job = tokio::task::spawn_blocking(move || {
            let mut last = usize::MAX;
            let mut report = |p: Progress| {
                let percent = (p.done * 100).checked_div(p.total).unwrap_or(100);
                if percent != last {
                    last = percent;
                    let _ = tx.unbounded_send(p);
                }
            };
            // A verified backup first, so a wrong batch can be undone by a restore.
            let guarded = auto::write_after(&store, Event::BeforeLetters, |t| {
                let out = issue::batch_of(t, &actor, &b, Some(&ticked), &mut report, &cancel)?;
                let files = write_out(&out.files, &to, b.output)?;
                Ok(Summary {
                    letters: out.letters.len(),
                    first: out.letters.first().map(|l| l.number.clone()).unwrap_or_default(),
                    last: out.letters.last().map(|l| l.number.clone()).unwrap_or_default(),
                    files,
                    skipped: out.skipped,
                    held: issue::skip_lines(&out.skips, &out.thresholds, b.request.kind),
                    unticked: out.unticked,
                    warnings: out.warnings,
                })
            });
            guarded.map(|(mut summary, backup_warning)| {
                summary.warnings.extend(backup_warning);
                summary
            })
        });
        while let Some(p) = rx.next().await {
            sender.send(p).await;
        }
        match job.await {
            Ok(result) => result.map_err(|e| e.to_string()),
            Err(e) => Err(format!("งานเบื้องหลังหยุดทำงาน: {e}")),
        }
    })
}

/// Writes the batch's files (still inside its transaction: an error here undoes the numbers).
fn write_out(
    files: &[issue::OutFile],
    to: &Path,
    output: Output,
) -> crate::store::Result<Vec<PathBuf>> {
    let mut written = Vec::with_capacity(files.len());
    for f in files {
        let path = match output {
            Output::OneFile => to.to_path_buf(),
            Output::PerLetter => to.join(&f.name),
        };
        if let Err(e) = std::fs::write(&path, &f.pdf) {
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            return Err(StoreError::refused(format!(
                "บันทึกไฟล์ {} ไม่ได้: {e} จึงยกเลิกทั้งชุด ไม่มีหนังสือฉบับใดถูกลงทะเบียน",
                path.display()
            )));
        }
        written.push(path);
    }
    Ok(written)
}
