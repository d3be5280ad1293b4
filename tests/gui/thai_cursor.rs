//! The text cursor in Thai names with ำ (issue 17 §C13): typing "น้ำใจ คำดี กำนัน" and pressing
//! End drew the cursor after "ก" while typing went to the end. The text input counts extended
//! grapheme clusters; iced 0.14's paragraph counted legacy ones, which split SARA AM (ำ, a
//! SpacingMark) off its consonant. The patched iced_graphics (Cargo.toml, [patch.crates-io])
//! counts the same clusters; these tests fail on the unpatched crate.

use std::borrow::Cow;

use iced::advanced::text::{Alignment, LineHeight, Paragraph as _, Shaping, Text, Wrapping};
use iced::widget::text_input::Value;
use iced::{Pixels, Size, alignment};
use iced_graphics::text::{Paragraph, font_system};
use plodnee::app::theme;

fn paragraph(content: &str) -> Paragraph {
    font_system().write().expect("font system").load_font(Cow::Borrowed(theme::SARABUN_REGULAR));
    Paragraph::with_text(Text {
        content,
        bounds: Size::INFINITE,
        size: Pixels(16.0),
        line_height: LineHeight::default(),
        font: theme::FONT,
        align_x: Alignment::Left,
        align_y: alignment::Vertical::Top,
        shaping: Shaping::Advanced,
        wrapping: Wrapping::None,
    })
}

/// Where the text input draws its cursor when it stands after `index` graphemes.
fn cursor_x(p: &Paragraph, index: usize) -> f32 {
    p.grapheme_position(0, index).expect("a position on the first line").x
}

#[test]
fn the_cursor_at_the_end_of_a_name_with_sara_am_stands_at_its_end() {
    for name in ["น้ำใจ คำดี กำนัน", "นางคำแก้ว ทองคำ", "กำนันสมศรี"]
    {
        let p = paragraph(name);
        let end = Value::new(name).len();
        let width = p.min_width();
        assert!(
            (cursor_x(&p, end) - width).abs() < 1.0,
            "{name}: the cursor after the last of {end} graphemes is at {} of a {width} wide line",
            cursor_x(&p, end)
        );
    }
}

#[test]
fn the_cursor_moves_forward_with_every_grapheme() {
    let name = "น้ำใจ คำดี กำนัน";
    let p = paragraph(name);
    let end = Value::new(name).len();
    assert_eq!(end, 10, "น้ำ ใ จ ␠ คำ ดี ␠ กำ นั น");
    let xs: Vec<f32> = (0..=end).map(|i| cursor_x(&p, i)).collect();
    for w in xs.windows(2) {
        assert!(w[1] > w[0], "each step moves right: {xs:?}");
    }
}
