//! File dialogs behind a trait: the app uses rfd (the desktop portal), tests use [`Fake`]. A portal
//! that never answers would block a test for ever, so tests must never reach rfd.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

pub type Pending = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send>>;

/// What a file filter offers: a Thai name and the extensions without dots.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

pub const PNG: Filter = Filter { name: "รูปภาพ PNG", extensions: &["png"] };
pub const PDF: Filter = Filter { name: "เอกสาร PDF", extensions: &["pdf"] };

pub trait FileDialogs: Send + Sync + std::fmt::Debug {
    /// Asks for an existing file; None when the user cancels.
    fn open_file(&self, title: &str, filter: Filter) -> Pending;
    /// Asks where to save a file; None when the user cancels.
    fn save_file(&self, title: &str, suggested_name: &str, filter: Filter) -> Pending;
}

/// The real dialogs, through rfd's portal backend (it falls back to zenity, or answers None).
#[derive(Debug, Default)]
pub struct Native;

impl FileDialogs for Native {
    fn open_file(&self, title: &str, filter: Filter) -> Pending {
        let dialog =
            rfd::AsyncFileDialog::new().set_title(title).add_filter(filter.name, filter.extensions);
        Box::pin(async move { dialog.pick_file().await.map(|f| f.path().to_path_buf()) })
    }

    fn save_file(&self, title: &str, suggested_name: &str, filter: Filter) -> Pending {
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .set_file_name(suggested_name)
            .add_filter(filter.name, filter.extensions);
        Box::pin(async move { dialog.save_file().await.map(|f| f.path().to_path_buf()) })
    }
}

/// A scripted stand-in for tests: answers with the queued paths in order (None once empty) and
/// remembers the titles it was asked with.
#[derive(Debug, Default, Clone)]
pub struct Fake {
    answers: Arc<Mutex<Vec<Option<PathBuf>>>>,
    pub asked: Arc<Mutex<Vec<String>>>,
}

impl Fake {
    pub fn answering(answers: Vec<Option<PathBuf>>) -> Fake {
        let mut answers = answers;
        answers.reverse();
        Fake { answers: Arc::new(Mutex::new(answers)), asked: Arc::default() }
    }

    fn next(&self, title: &str) -> Pending {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(title.to_string());
        }
        let answer = self.answers.lock().ok().and_then(|mut a| a.pop()).flatten();
        Box::pin(async move { answer })
    }
}

impl FileDialogs for Fake {
    fn open_file(&self, title: &str, _filter: Filter) -> Pending {
        self.next(title)
    }

    fn save_file(&self, title: &str, _suggested_name: &str, _filter: Filter) -> Pending {
        self.next(title)
    }
}
