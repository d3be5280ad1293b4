//! Saving a letter template: refused, with the character named, when the fonts the letters
//! are printed with cannot draw a character of its wording (issue 17 §C15), so no letter
//! prints a box where the committee typed an emoji.

use rusqlite::Connection;

use super::Fonts;
use crate::domain::letter::printable::{TemplatePart, Unprintable};
use crate::domain::letter::template::Template;
use crate::store::{Actor, StoreError, letters};

/// Each part of `t` holding a character the bundled fonts cannot print.
pub fn unprintable(t: &Template) -> Vec<(TemplatePart, Unprintable)> {
    let fonts = Fonts::sarabun();
    t.unprintable(|c| fonts.draws(c))
}

/// Saves `t` unless a character of it cannot be printed; then nothing is written and the
/// first such character is the reason.
pub fn save(conn: &Connection, actor: &Actor, t: &Template) -> Result<(), StoreError> {
    if let Some((_, u)) = unprintable(t).first() {
        return Err(StoreError::refused(u));
    }
    letters::save_template(conn, actor, t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::letter::Kind;
    use crate::domain::letter::defaults::default_template;

    #[test]
    fn the_shipped_wording_of_every_kind_prints_with_the_bundled_fonts() {
        for kind in Kind::ALL {
            assert!(unprintable(&default_template(*kind)).is_empty(), "{kind}");
        }
    }

    /// Checked against Sarabun itself: what it lacks (emoji, CJK, Hangul, symbols outside its
    /// character set), what never prints (controls, private use, invisible format characters).
    #[test]
    fn bad_characters_are_refused_against_the_real_fonts() {
        let corpus = [
            '😀',
            '🙏',
            '🎉',
            '❤',
            '債',
            '務',
            '김',
            '\u{7}',
            '\u{1B}',
            '\t',
            '\u{E000}',
            '\u{F8FF}',
            '\u{10FFFD}',
            '\u{200B}',
            '\u{FEFF}',
        ];
        for c in corpus {
            let mut t = default_template(Kind::Demand);
            t.body[0].push(c);
            assert_eq!(
                unprintable(&t),
                vec![(TemplatePart::Body, Unprintable(c))],
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}
