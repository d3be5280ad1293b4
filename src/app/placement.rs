//! Where the window opens: maximised on the first start (an office monitor is often 1366 wide and a
//! fixed 1280 left a strip of desktop), then at the size and place the user left it, kept in a small
//! file of the data folder (it belongs to this PC, not to the institute's database).

use std::path::{Path, PathBuf};

use iced::{Point, Size, window};
use serde::{Deserialize, Serialize};

/// The smallest window the screens are laid out for (issue 11, 17: every screen holds at 1024×700).
pub const MIN_SIZE: Size = Size::new(1024.0, 700.0);
/// The size the window returns to when it is un-maximised on a first start.
const FIRST_SIZE: Size = Size::new(1280.0, 760.0);
const FILE: &str = "window.json";

/// The window's last size and position, in logical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub width: f32,
    pub height: f32,
    pub x: Option<f32>,
    pub y: Option<f32>,
}

impl Placement {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE)
    }

    /// The saved placement; none on a first start or when the file is unreadable (a broken file
    /// must never keep the app from opening).
    pub fn load(data_dir: &Path) -> Option<Placement> {
        let text = std::fs::read_to_string(Self::path(data_dir)).ok()?;
        let p: Placement = serde_json::from_str(&text).ok()?;
        (p.width.is_finite() && p.height.is_finite()).then_some(p)
    }

    /// Best effort: a placement that cannot be written is not worth an error message.
    pub fn save(&self, data_dir: &Path) {
        if let Ok(text) = serde_json::to_string(self) {
            let _ = std::fs::write(Self::path(data_dir), text);
        }
    }

    /// The window settings for this start.
    pub fn settings(saved: Option<Placement>) -> window::Settings {
        // Closing asks the app first: it takes the closing backup, then closes the window.
        let mut settings = window::Settings {
            min_size: Some(MIN_SIZE),
            exit_on_close_request: false,
            ..window::Settings::default()
        };
        match saved {
            None => {
                settings.size = FIRST_SIZE;
                settings.maximized = true;
            }
            Some(p) => {
                settings.size =
                    Size::new(p.width.max(MIN_SIZE.width), p.height.max(MIN_SIZE.height));
                if let (Some(x), Some(y)) = (p.x, p.y) {
                    // A window saved on a second monitor that is gone would open off screen.
                    if x > -100.0 && y > -100.0 && x < 8000.0 && y < 8000.0 {
                        settings.position = window::Position::Specific(Point::new(x, y));
                    }
                }
            }
        }
        settings
    }

    pub fn resized(self, size: Size) -> Placement {
        Placement { width: size.width, height: size.height, ..self }
    }

    pub fn moved(self, at: Point) -> Placement {
        Placement { x: Some(at.x), y: Some(at.y), ..self }
    }
}

impl Default for Placement {
    fn default() -> Self {
        Placement { width: FIRST_SIZE.width, height: FIRST_SIZE.height, x: None, y: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_start_opens_maximised_and_never_smaller_than_1024_by_700() {
        let s = Placement::settings(None);
        assert!(s.maximized);
        assert_eq!(s.min_size, Some(MIN_SIZE));
    }

    #[test]
    fn a_saved_placement_is_restored_and_survives_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Placement::load(dir.path()), None);
        let p = Placement::default().resized(Size::new(1366.0, 728.0)).moved(Point::new(0.0, 20.0));
        p.save(dir.path());
        let back = Placement::load(dir.path()).unwrap();
        assert_eq!(back, p);
        let s = Placement::settings(Some(back));
        assert!(!s.maximized);
        assert_eq!(s.size, Size::new(1366.0, 728.0));
        assert!(
            matches!(s.position, window::Position::Specific(at) if at == Point::new(0.0, 20.0))
        );
    }

    #[test]
    fn a_tiny_or_off_screen_placement_is_corrected_and_a_broken_file_ignored() {
        let p = Placement { width: 300.0, height: 200.0, x: Some(-5000.0), y: Some(10.0) };
        let s = Placement::settings(Some(p));
        assert_eq!(s.size, MIN_SIZE);
        assert!(matches!(s.position, window::Position::Default));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        assert_eq!(Placement::load(dir.path()), None);
    }
}
