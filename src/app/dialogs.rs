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
    /// Whether a dialog can open at all here (on Linux: a desktop portal or zenity). When not,
    /// files go to [`FileDialogs::fallback_folder`] and the screen says where (issue 17 §B9).
    fn can_ask(&self) -> bool {
        true
    }
    /// Where files go when no dialog can open: the user's documents folder, else the data folder.
    fn fallback_folder(&self) -> PathBuf {
        std::env::temp_dir()
    }
    /// Asks for an existing file; None when the user cancels.
    fn open_file(&self, title: &str, filter: Filter) -> Pending;
    /// Asks where to save a file; None when the user cancels.
    fn save_file(&self, title: &str, suggested_name: &str, filter: Filter) -> Pending;
    /// Asks for a folder (one file per debtor goes there); None when the user cancels.
    fn pick_folder(&self, title: &str) -> Pending;
}

/// The real dialogs, through rfd's portal backend (it falls back to zenity, or answers None).
/// `data_dir` is the last resort for files when there is no dialog and no documents folder.
#[derive(Debug, Default)]
pub struct Native {
    pub data_dir: PathBuf,
    /// Looked up once: screens ask on every redraw of a saved file's note.
    can_ask: std::sync::OnceLock<bool>,
}

impl Native {
    pub fn new(data_dir: PathBuf) -> Native {
        Native { data_dir, can_ask: std::sync::OnceLock::new() }
    }
}

impl FileDialogs for Native {
    fn can_ask(&self) -> bool {
        *self.can_ask.get_or_init(native_can_ask)
    }

    fn fallback_folder(&self) -> PathBuf {
        let documents =
            directories::UserDirs::new().and_then(|u| u.document_dir().map(Path::to_path_buf));
        fallback_folder(documents, &self.data_dir)
    }

    fn open_file(&self, title: &str, filter: Filter) -> Pending {
        let dialog =
            rfd::AsyncFileDialog::new().set_title(title).add_filter(filter.name, filter.extensions);
        Box::pin(async move { dialog.pick_file().await.map(|f| f.path().to_path_buf()) })
    }

    fn save_file(&self, title: &str, suggested_name: &str, filter: Filter) -> Pending {
        if !self.can_ask() {
            return save_without_dialog(self.fallback_folder(), suggested_name);
        }
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .set_file_name(suggested_name)
            .add_filter(filter.name, filter.extensions);
        Box::pin(async move { dialog.save_file().await.map(|f| f.path().to_path_buf()) })
    }

    fn pick_folder(&self, title: &str) -> Pending {
        if !self.can_ask() {
            let folder = self.fallback_folder();
            return Box::pin(async move { Some(folder) });
        }
        let dialog = rfd::AsyncFileDialog::new().set_title(title);
        Box::pin(async move { dialog.pick_folder().await.map(|f| f.path().to_path_buf()) })
    }
}

/// Whether this desktop can show a file dialog (see [`dialog_possible`]).
fn native_can_ask() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
    };
    let portal = ["/usr/libexec/xdg-desktop-portal", "/usr/lib/xdg-desktop-portal"]
        .iter()
        .any(|p| Path::new(p).exists());
    dialog_possible(
        on_path("zenity"),
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        portal,
    )
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
        let mut child = command
            .arg(path)
            .spawn()
            .map_err(|e| format!("เปิดไฟล์ด้วยโปรแกรมของเครื่องไม่ได้: {}", thai_io(&e)))?;
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
    /// Set: behaves like a desktop with no dialog, saving into this folder.
    pub no_dialog: Option<PathBuf>,
    /// Set: the viewer fails with this message (no PDF viewer installed).
    pub viewer_error: Option<String>,
}

impl Fake {
    pub fn answering(answers: Vec<Option<PathBuf>>) -> Fake {
        let mut answers = answers;
        answers.reverse();
        Fake { answers: Arc::new(Mutex::new(answers)), ..Fake::default() }
    }

    /// A desktop with no dialog: files are saved into `folder` without asking.
    pub fn without_dialog(folder: PathBuf) -> Fake {
        Fake { no_dialog: Some(folder), ..Fake::default() }
    }

    /// The viewer fails with `message` (no PDF viewer installed).
    pub fn viewer_failing(self, message: &str) -> Fake {
        Fake { viewer_error: Some(message.to_string()), ..self }
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
    fn can_ask(&self) -> bool {
        self.no_dialog.is_none()
    }

    fn fallback_folder(&self) -> PathBuf {
        self.no_dialog.clone().unwrap_or_else(std::env::temp_dir)
    }

    fn open_file(&self, title: &str, _filter: Filter) -> Pending {
        self.next(title)
    }

    fn save_file(&self, title: &str, suggested_name: &str, _filter: Filter) -> Pending {
        if !self.can_ask() {
            return save_without_dialog(self.fallback_folder(), suggested_name);
        }
        self.next(title)
    }

    fn pick_folder(&self, title: &str) -> Pending {
        if !self.can_ask() {
            let folder = self.fallback_folder();
            return Box::pin(async move { Some(folder) });
        }
        self.next(title)
    }
}

impl Viewer for Fake {
    fn open(&self, path: &Path) -> Result<(), String> {
        if let Some(e) = &self.viewer_error {
            return Err(e.clone());
        }
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
        Err(e) => Err(format!("บันทึกไฟล์ {} ไม่ได้: {}", path.display(), thai_io(&e))),
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
            let why = thai_io(&e);
            Err(crate::store::StoreError::refused(format!(
                "บันทึกไฟล์ {} ไม่ได้: {why}",
                path.display()
            )))
        }
    }
}

/// Opens a saved file (if any) in the system's viewer; the error, if any, for the screen.
pub fn open_saved(dialogs: &dyn FileDialogs, path: Option<&Path>) -> Option<String> {
    dialogs.open(path?).err()
}

/// Whether a Linux desktop can show a file dialog: rfd uses the portal over the session bus,
/// else zenity; with neither it answers None at once, which looks like a cancel.
pub fn dialog_possible(zenity: bool, session_bus: bool, portal: bool) -> bool {
    zenity || (session_bus && portal)
}

/// The user's documents folder, or the app's data folder on a system that has none.
pub fn fallback_folder(documents: Option<PathBuf>, data_dir: &Path) -> PathBuf {
    documents.filter(|d| !d.as_os_str().is_empty()).unwrap_or_else(|| data_dir.to_path_buf())
}

/// `name` in `folder`, or `name (2)`, `name (3)` … before the extension when taken: a file saved
/// without asking must never overwrite one the user has.
pub fn numbered(folder: &Path, name: &str, exists: impl Fn(&Path) -> bool) -> PathBuf {
    let first = folder.join(name);
    if !exists(&first) {
        return first;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    (2..).map(|n| folder.join(format!("{stem} ({n}){ext}"))).find(|p| !exists(p)).unwrap_or(first)
}

/// The answer of a save "dialog" that could not open: a free name in the fallback folder (made
/// if missing).
pub fn save_without_dialog(folder: PathBuf, suggested_name: &str) -> Pending {
    let name = safe_file_name(suggested_name);
    Box::pin(async move {
        let _ = std::fs::create_dir_all(&folder);
        Some(numbered(&folder, &name, Path::exists))
    })
}

/// What the system said, in Thai where it is one of the usual cases (the system's own words
/// are English, and an officer must know what to do).
pub fn thai_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "ไม่พบโฟลเดอร์หรือโปรแกรมที่ต้องใช้ (อาจถูกย้ายหรือถอดอุปกรณ์ออกแล้ว)".into(),
        K::PermissionDenied => "ไม่มีสิทธิ์เขียนที่ตำแหน่งนี้ กรุณาเลือกโฟลเดอร์อื่น".into(),
        K::StorageFull => "พื้นที่เก็บข้อมูลเต็ม กรุณาลบไฟล์ที่ไม่ใช้หรือเลือกที่อื่น".into(),
        K::ReadOnlyFilesystem => "อุปกรณ์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว)".into(),
        K::IsADirectory => "ชื่อนี้เป็นโฟลเดอร์ ไม่ใช่ไฟล์".into(),
        _ => format!("ระบบแจ้งว่า {e}"),
    }
}

/// Why no dialog opened, for the message that says where a file went instead (issue 17 §B9).
pub const NO_DIALOG: &str = "เครื่องนี้เปิดหน้าต่างเลือกที่บันทึกไฟล์ไม่ได้ (ไม่มี xdg-desktop-portal หรือ zenity)";

/// Why a file to open cannot be chosen here: no dialog, and no file to guess.
pub const NO_OPEN_DIALOG: &str = "เครื่องนี้เปิดหน้าต่างเลือกไฟล์ไม่ได้ (ไม่มี xdg-desktop-portal หรือ zenity) กรุณาติดตั้งโปรแกรมใดโปรแกรมหนึ่งแล้วลองอีกครั้ง";

/// What a screen says after saving `path`: where it went, and why there when no dialog opened.
pub fn where_saved(dialogs: &dyn FileDialogs, path: &Path) -> String {
    if dialogs.can_ask() {
        format!("บันทึกไฟล์ที่ {}", path.display())
    } else {
        format!("{NO_DIALOG} จึงบันทึกไว้ที่ {}", path.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_system_errors_are_said_in_thai() {
        use std::io::{Error, ErrorKind};
        let said = |k: ErrorKind| thai_io(&Error::from(k));
        assert!(said(ErrorKind::NotFound).starts_with("ไม่พบโฟลเดอร์"));
        assert!(said(ErrorKind::PermissionDenied).starts_with("ไม่มีสิทธิ์เขียน"));
        assert!(said(ErrorKind::StorageFull).starts_with("พื้นที่เก็บข้อมูลเต็ม"));
        assert!(
            said(ErrorKind::Interrupted).starts_with("ระบบแจ้งว่า "),
            "others keep the system's words"
        );
    }

    #[test]
    fn a_written_file_in_a_missing_folder_names_the_path_and_the_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ไม่มี").join("ก.pdf");
        let Err(e) = write_in_store(path.clone(), b"x") else { panic!("written") };
        assert_eq!(
            e.to_string(),
            format!(
                "บันทึกไฟล์ {} ไม่ได้: ไม่พบโฟลเดอร์หรือโปรแกรมที่ต้องใช้ (อาจถูกย้ายหรือถอดอุปกรณ์ออกแล้ว)",
                path.display()
            )
        );
    }

    #[test]
    fn a_dialog_needs_zenity_or_a_portal_on_the_session_bus() {
        assert!(dialog_possible(true, false, false));
        assert!(dialog_possible(false, true, true));
        assert!(!dialog_possible(false, true, false), "a bus without a portal answers nothing");
        assert!(!dialog_possible(false, false, true));
    }

    #[test]
    fn files_go_to_documents_else_the_data_folder() {
        let data = Path::new("/data/plodnee");
        assert_eq!(
            fallback_folder(Some("/home/a/เอกสาร".into()), data),
            Path::new("/home/a/เอกสาร")
        );
        assert_eq!(fallback_folder(None, data), data);
        assert_eq!(fallback_folder(Some(PathBuf::new()), data), data);
    }

    #[test]
    fn a_taken_name_gets_the_next_number_before_its_extension() {
        let dir = Path::new("/docs");
        let taken = [dir.join("ใบเสร็จ 1-2569.pdf"), dir.join("ใบเสร็จ 1-2569 (2).pdf")];
        let exists = |p: &Path| taken.iter().any(|t| t == p);
        assert_eq!(numbered(dir, "อื่น.pdf", exists), dir.join("อื่น.pdf"));
        assert_eq!(numbered(dir, "ใบเสร็จ 1-2569.pdf", exists), dir.join("ใบเสร็จ 1-2569 (3).pdf"));
        assert_eq!(numbered(dir, "ป้าย", |p| p == dir.join("ป้าย")), dir.join("ป้าย (2)"));
    }

    #[test]
    fn without_a_dialog_a_save_lands_in_the_fallback_folder_under_a_free_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("เอกสาร");
        let fake = Fake::without_dialog(folder.clone());
        let rt = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        let first = rt.block_on(fake.save_file("บันทึก", "ใบเสร็จ 1/2569.pdf", PDF));
        assert_eq!(first, Some(folder.join("ใบเสร็จ 1-2569.pdf")));
        std::fs::write(folder.join("ใบเสร็จ 1-2569.pdf"), b"x").expect("write");
        let second = rt.block_on(fake.save_file("บันทึก", "ใบเสร็จ 1/2569.pdf", PDF));
        assert_eq!(second, Some(folder.join("ใบเสร็จ 1-2569 (2).pdf")));
        assert!(fake.asked.lock().expect("lock").is_empty(), "no dialog was asked");
        assert!(where_saved(&fake, &folder).starts_with("เครื่องนี้เปิดหน้าต่างเลือกที่บันทึกไฟล์ไม่ได้"));
    }
}
