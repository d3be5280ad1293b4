//! File dialogs and the system's file viewer behind traits: the app uses rfd (the desktop portal)
//! and `xdg-open`, tests use [`Fake`]. A portal that never answers would block a test for ever, and
//! a test must not launch a PDF viewer, so tests never reach either.

use std::future::Future;
use std::path::{Path, PathBuf};
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

/// Opens a saved file in the program the desktop uses for it (a PDF viewer).
pub trait Viewer: Send + Sync + std::fmt::Debug {
    fn open(&self, path: &Path) -> Result<(), String>;
}

pub trait FileDialogs: Viewer {
    /// Asks for an existing file; None when the user cancels.
    fn open_file(&self, title: &str, filter: Filter) -> Pending;
    /// Asks where to save a file; None when the user cancels.
    fn save_file(&self, title: &str, suggested_name: &str, filter: Filter) -> Pending;
    /// Asks for a folder (one file per debtor goes there); None when the user cancels.
    fn pick_folder(&self, title: &str) -> Pending;
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

    fn pick_folder(&self, title: &str) -> Pending {
        let dialog = rfd::AsyncFileDialog::new().set_title(title);
        Box::pin(async move { dialog.pick_folder().await.map(|f| f.path().to_path_buf()) })
    }
}

impl Viewer for Native {
    fn open(&self, path: &Path) -> Result<(), String> {
        let mut command = if cfg!(target_os = "windows") {
            let mut c = std::process::Command::new("cmd");
            c.args(["/C", "start", ""]);
            c
        } else if cfg!(target_os = "macos") {
            std::process::Command::new("open")
        } else {
            std::process::Command::new("xdg-open")
        };
        let mut child =
            command.arg(path).spawn().map_err(|e| format!("เปิดไฟล์ด้วยโปรแกรมของเครื่องไม่ได้: {e}"))?;
        // Reap the launcher when it exits so it does not linger as a zombie.
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}

/// A scripted stand-in for tests: answers with the queued paths in order (None once empty) and
/// remembers the titles it was asked with.
#[derive(Debug, Default, Clone)]
pub struct Fake {
    answers: Arc<Mutex<Vec<Option<PathBuf>>>>,
    pub asked: Arc<Mutex<Vec<String>>>,
    /// The files the app asked the viewer to open.
    pub opened: Arc<Mutex<Vec<PathBuf>>>,
}

impl Fake {
    pub fn answering(answers: Vec<Option<PathBuf>>) -> Fake {
        let mut answers = answers;
        answers.reverse();
        Fake { answers: Arc::new(Mutex::new(answers)), ..Fake::default() }
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

    fn pick_folder(&self, title: &str) -> Pending {
        self.next(title)
    }
}

impl Viewer for Fake {
    fn open(&self, path: &Path) -> Result<(), String> {
        if let Ok(mut opened) = self.opened.lock() {
            opened.push(path.to_path_buf());
        }
        Ok(())
    }
}

/// A file name from a letter number or contract (`สจช. 12/2568` → `สจช. 12-2568`): no character
/// a file system refuses.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '-' } else { c }
        })
        .collect()
}

/// Writes a file off the UI thread; the error is a Thai sentence with the path.
pub async fn write_file(path: PathBuf, bytes: Vec<u8>) -> Result<PathBuf, String> {
    let job = tokio::task::spawn_blocking(move || match std::fs::write(&path, &bytes) {
        Ok(()) => Ok(path),
        Err(e) => Err(format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display())),
    });
    job.await.unwrap_or_else(|e| Err(format!("งานเบื้องหลังหยุดทำงาน: {e}")))
}

impl Fake {
    pub fn opened(&self) -> Vec<PathBuf> {
        self.opened.lock().map(|o| o.clone()).unwrap_or_default()
    }
}

/// Writes a document made inside a store call (a reprint, labels): a failure becomes the
/// store's refusal, so in a write transaction it also undoes what the call counted.
pub fn write_in_store(path: PathBuf, bytes: &[u8]) -> crate::store::Result<PathBuf> {
    match std::fs::write(&path, bytes) {
        Ok(()) => Ok(path),
        Err(e) => {
            Err(crate::store::StoreError::refused(format!("บันทึกไฟล์ {} ไม่ได้: {e}", path.display())))
        }
    }
}

/// Opens a saved file (if any) in the system's viewer; the error, if any, for the screen.
pub fn open_saved(dialogs: &dyn FileDialogs, path: Option<&Path>) -> Option<String> {
    dialogs.open(path?).err()
}
