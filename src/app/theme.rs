//! The look of ปลดหนี้: one palette, named styles and spacing constants, so screen code never holds a
//! raw colour or pixel number. Thai needs vertical room: every text line is at least 1.6 lines high
//! (tiny-skia repaints only a text's line box, and marks above and below need that space).

use iced::border::Radius;
use iced::font::Weight;
use iced::widget::{button, container, scrollable, text, text_input};
use iced::{Background, Border, Color, Font, Shadow, Theme, color};

use crate::domain::statement::Status;

pub const SARABUN_REGULAR: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Regular.ttf");
pub const SARABUN_BOLD: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Bold.ttf");

/// The bundled face, used for everything so screens look the same with or without system fonts.
pub const FONT: Font = Font::with_name("Sarabun");
pub const FONT_BOLD: Font = Font { weight: Weight::Bold, ..FONT };

/// Spacing steps; screens use these names, never pixel numbers.
pub mod space {
    pub const XS: f32 = 4.0;
    pub const S: f32 = 8.0;
    pub const M: f32 = 12.0;
    pub const L: f32 = 16.0;
    pub const XL: f32 = 24.0;
    pub const XXL: f32 = 32.0;
}

/// Text sizes.
pub mod size {
    pub const SMALL: f32 = 14.0;
    pub const BODY: f32 = 16.0;
    pub const SUBTITLE: f32 = 18.0;
    pub const TITLE: f32 = 22.0;
    pub const FIGURE: f32 = 24.0;
}

/// Fixed dimensions of the layout.
pub mod dim {
    /// Thai with marks above and below: 1.6 leaves room for both (see the module comment).
    pub const LINE_HEIGHT: f32 = 1.6;
    /// The height of one row of every table and virtual list; virtual lists depend on it being fixed.
    pub const ROW: f32 = 40.0;
    pub const SIDEBAR: f32 = 220.0;
    pub const LABEL: f32 = 190.0;
    pub const FIELD: f32 = 360.0;
    pub const FORM: f32 = 760.0;
    pub const RADIUS: f32 = 6.0;
    pub const NARROW_BUTTON: f32 = 120.0;
    pub const SIGN_IN: f32 = 420.0;
    pub const SCROLLBAR_GAP: f32 = 14.0;
}

/// The palette: a calm green for the institute, warm paper background, and clear warning colours.
mod palette {
    use super::*;
    pub const BACKGROUND: Color = color!(0xf6f5f1);
    pub const SURFACE: Color = color!(0xffffff);
    pub const TEXT: Color = color!(0x1f2933);
    pub const MUTED: Color = color!(0x5c6670);
    pub const PRIMARY: Color = color!(0x1b6b5a);
    pub const PRIMARY_WEAK: Color = color!(0xdcefe9);
    pub const SUCCESS: Color = color!(0x2e7d32);
    pub const WARNING: Color = color!(0xa85d00);
    pub const DANGER: Color = color!(0xc62828);
    pub const LINE: Color = color!(0xdedbd2);
    pub const SIDEBAR: Color = color!(0x1d3b34);
    pub const SIDEBAR_TEXT: Color = color!(0xe8f1ee);
    pub const SIDEBAR_ACTIVE: Color = color!(0x2f5f54);
    pub const SIDEBAR_HEADING: Color = color!(0x9fbcb4);
    pub const HEADER_ROW: Color = color!(0xefece4);
    pub const ROW_ALT: Color = color!(0xfbfaf7);
    pub const SELECTED: Color = color!(0xd9ece6);
    pub const PAID: Color = color!(0xe4f3e6);
    pub const PARTIAL: Color = color!(0xfff1d6);
    pub const OVERDUE: Color = color!(0xfbe3e3);
    pub const DUE: Color = color!(0xe2eefa);
    pub const NOTICE: Color = color!(0xfff6dd);
    pub const ERROR_BG: Color = color!(0xfdecec);
}

pub fn theme() -> Theme {
    Theme::custom(
        "ปลดหนี้",
        iced::theme::Palette {
            background: palette::BACKGROUND,
            text: palette::TEXT,
            primary: palette::PRIMARY,
            success: palette::SUCCESS,
            warning: palette::WARNING,
            danger: palette::DANGER,
        },
    )
}

fn radius() -> Radius {
    Radius::from(dim::RADIUS)
}

/// Named text styles.
pub mod texts {
    use super::*;

    pub fn muted(_: &Theme) -> text::Style {
        text::Style { color: Some(palette::MUTED) }
    }
    pub fn danger(_: &Theme) -> text::Style {
        text::Style { color: Some(palette::DANGER) }
    }
    pub fn warning(_: &Theme) -> text::Style {
        text::Style { color: Some(palette::WARNING) }
    }
    pub fn success(_: &Theme) -> text::Style {
        text::Style { color: Some(palette::SUCCESS) }
    }
    pub fn primary(_: &Theme) -> text::Style {
        text::Style { color: Some(palette::PRIMARY) }
    }
    pub fn on_sidebar(_: &Theme) -> text::Style {
        text::Style { color: Some(palette::SIDEBAR_TEXT) }
    }
    /// A sidebar section's heading: dimmed, and full white for the area the user is in.
    pub fn sidebar_heading(current: bool) -> fn(&Theme) -> text::Style {
        if current {
            |_| text::Style { color: Some(Color::WHITE) }
        } else {
            |_| text::Style { color: Some(palette::SIDEBAR_HEADING) }
        }
    }
    /// Days past due: nothing when current, amber for the first month, red beyond.
    pub fn days_past_due(days: i64) -> fn(&Theme) -> text::Style {
        match days {
            i64::MIN..=0 => muted,
            1..=30 => warning,
            _ => danger,
        }
    }
}

/// Named container styles.
pub mod boxes {
    use super::*;

    pub fn page(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::BACKGROUND.into()),
            text_color: Some(palette::TEXT),
            ..container::Style::default()
        }
    }
    pub fn card(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::SURFACE.into()),
            border: Border { color: palette::LINE, width: 1.0, radius: radius() },
            ..container::Style::default()
        }
    }
    /// A bar of a simple bar chart (the complaints report).
    pub fn bar(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::PRIMARY.into()),
            border: iced::Border { radius: 3.0.into(), ..iced::Border::default() },
            ..container::Style::default()
        }
    }

    pub fn sidebar(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::SIDEBAR.into()),
            text_color: Some(palette::SIDEBAR_TEXT),
            ..container::Style::default()
        }
    }
    pub fn header_row(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::HEADER_ROW.into()),
            ..container::Style::default()
        }
    }
    pub fn row(index: usize) -> fn(&Theme) -> container::Style {
        if index.is_multiple_of(2) { row_plain } else { row_alt }
    }
    fn row_plain(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::SURFACE.into()),
            ..container::Style::default()
        }
    }
    fn row_alt(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::ROW_ALT.into()),
            ..container::Style::default()
        }
    }
    pub fn selected_row(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::SELECTED.into()),
            ..container::Style::default()
        }
    }
    /// Schedule rows coloured by what the statement says of each installment.
    pub fn installment(status: Status) -> fn(&Theme) -> container::Style {
        match status {
            Status::Paid => paid,
            Status::Partial => partial,
            Status::Overdue => overdue,
            Status::Due => due,
            Status::Future => row_plain,
        }
    }
    fn tinted(color: Color) -> container::Style {
        container::Style { background: Some(color.into()), ..container::Style::default() }
    }
    fn paid(_: &Theme) -> container::Style {
        tinted(palette::PAID)
    }
    fn partial(_: &Theme) -> container::Style {
        tinted(palette::PARTIAL)
    }
    fn overdue(_: &Theme) -> container::Style {
        tinted(palette::OVERDUE)
    }
    fn due(_: &Theme) -> container::Style {
        tinted(palette::DUE)
    }
    pub fn notice(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::NOTICE.into()),
            border: Border { color: palette::WARNING, width: 1.0, radius: radius() },
            ..container::Style::default()
        }
    }
    pub fn error(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::ERROR_BG.into()),
            text_color: Some(palette::DANGER),
            border: Border { color: palette::DANGER, width: 1.0, radius: radius() },
            ..container::Style::default()
        }
    }
    pub fn success(_: &Theme) -> container::Style {
        container::Style {
            background: Some(palette::PAID.into()),
            border: Border { color: palette::SUCCESS, width: 1.0, radius: radius() },
            ..container::Style::default()
        }
    }
    /// A small coloured label (status of a loan, a reversed receipt).
    pub fn badge(kind: Tone) -> fn(&Theme) -> container::Style {
        match kind {
            Tone::Good => badge_good,
            Tone::Warn => badge_warn,
            Tone::Bad => badge_bad,
            Tone::Quiet => badge_quiet,
        }
    }
    fn badge_of(bg: Color, fg: Color) -> container::Style {
        container::Style {
            background: Some(bg.into()),
            text_color: Some(fg),
            border: Border { radius: radius(), ..Border::default() },
            ..container::Style::default()
        }
    }
    fn badge_good(_: &Theme) -> container::Style {
        badge_of(palette::PAID, palette::SUCCESS)
    }
    fn badge_warn(_: &Theme) -> container::Style {
        badge_of(palette::PARTIAL, palette::WARNING)
    }
    fn badge_bad(_: &Theme) -> container::Style {
        badge_of(palette::OVERDUE, palette::DANGER)
    }
    fn badge_quiet(_: &Theme) -> container::Style {
        badge_of(palette::HEADER_ROW, palette::MUTED)
    }
}

/// How a badge reads: good news, needs attention, bad, or just information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Quiet,
}

/// Named button styles.
pub mod buttons {
    use super::*;

    pub fn primary(theme: &Theme, status: button::Status) -> button::Style {
        let base = button::primary(theme, status);
        button::Style { border: Border { radius: radius(), ..base.border }, ..base }
    }
    pub fn secondary(_: &Theme, status: button::Status) -> button::Style {
        let background = match status {
            button::Status::Hovered | button::Status::Pressed => palette::PRIMARY_WEAK,
            _ => palette::SURFACE,
        };
        let text_color =
            if status == button::Status::Disabled { palette::MUTED } else { palette::PRIMARY };
        button::Style {
            background: Some(background.into()),
            text_color,
            border: Border { color: palette::PRIMARY, width: 1.0, radius: radius() },
            shadow: Shadow::default(),
            snap: true,
        }
    }
    pub fn danger(theme: &Theme, status: button::Status) -> button::Style {
        let base = button::danger(theme, status);
        button::Style { border: Border { radius: radius(), ..base.border }, ..base }
    }
    /// A link-like button inside tables (a contract number, a member's name).
    pub fn link(_: &Theme, status: button::Status) -> button::Style {
        let text_color = match status {
            button::Status::Hovered | button::Status::Pressed => palette::SUCCESS,
            _ => palette::PRIMARY,
        };
        button::Style {
            background: None,
            text_color,
            border: Border::default(),
            shadow: Shadow::default(),
            snap: true,
        }
    }
    /// A whole table row that opens a record.
    pub fn row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
        move |_, status| {
            let background = match (selected, status) {
                (true, _) => Some(Background::Color(palette::SELECTED)),
                (_, button::Status::Hovered | button::Status::Pressed) => {
                    Some(Background::Color(palette::PRIMARY_WEAK))
                }
                _ => None,
            };
            button::Style {
                background,
                text_color: palette::TEXT,
                border: Border::default(),
                shadow: Shadow::default(),
                snap: true,
            }
        }
    }
    pub fn nav(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
        move |_, status| {
            let background = match (active, status) {
                (true, _) => Some(Background::Color(palette::SIDEBAR_ACTIVE)),
                (_, button::Status::Hovered | button::Status::Pressed) => {
                    Some(Background::Color(palette::SIDEBAR_ACTIVE))
                }
                _ => None,
            };
            button::Style {
                background,
                text_color: palette::SIDEBAR_TEXT,
                border: Border { radius: radius(), ..Border::default() },
                shadow: Shadow::default(),
                snap: true,
            }
        }
    }
}

/// Text fields: a red border when the value is refused.
pub mod inputs {
    use super::*;

    pub fn normal(theme: &Theme, status: text_input::Status) -> text_input::Style {
        let base = text_input::default(theme, status);
        text_input::Style {
            background: palette::SURFACE.into(),
            border: Border { radius: radius(), ..base.border },
            ..base
        }
    }
    pub fn invalid(theme: &Theme, status: text_input::Status) -> text_input::Style {
        let base = normal(theme, status);
        text_input::Style {
            border: Border { color: palette::DANGER, width: 2.0, ..base.border },
            ..base
        }
    }
}

pub mod scrollables {
    use super::*;

    pub fn page(theme: &Theme, status: scrollable::Status) -> scrollable::Style {
        scrollable::default(theme, status)
    }
}

/// Colours of a chart: one per compared option (told apart also by dash, for colour-blind
/// readers), and the grid and axis text.
pub mod chart {
    use super::*;
    pub const SERIES: [Color; 3] = [color!(0x1b6b5a), color!(0xc75b12), color!(0x3559a8)];
    pub const GRID: Color = palette::LINE;
    pub const AXIS: Color = palette::MUTED;
    pub const TEXT: Color = palette::TEXT;
}
