//! Characters a letter template may hold: only what the fonts the letters are printed with can
//! draw (issue 17 §C15). An emoji or a Chinese character typed into the wording would print as
//! an empty box on hundreds of letters. Which characters the fonts draw is passed in (the
//! document layer reads it from the font files), so the rule stays pure and is tested with
//! any coverage.

use std::fmt;

use super::template::Template;

/// The part of a template a character was found in, so the message goes next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplatePart {
    Subject,
    Salutation,
    Reference,
    Enclosure,
    Body,
    Closing,
}

/// A character the letters cannot print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unprintable(pub char);

impl Unprintable {
    /// What the user is told the character is: itself when it can be seen on screen, a
    /// description for what cannot (a control character shows nothing, or breaks the line).
    fn shown(self) -> String {
        let c = self.0;
        if c.is_control() {
            "ควบคุม".to_owned()
        } else if is_private_use(c) {
            "ส่วนตัวที่ไม่มีความหมายมาตรฐาน".to_owned()
        } else if is_invisible(c) {
            "ที่มองไม่เห็น".to_owned()
        } else {
            c.to_string()
        }
    }
}

impl fmt::Display for Unprintable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "อักขระ{}{} (U+{:04X}) พิมพ์ด้วยแบบอักษรของระบบไม่ได้ โปรดลบออกหรือพิมพ์ใหม่",
            if self.shown().chars().count() == 1 { " " } else { "" },
            self.shown(),
            u32::from(self.0)
        )
    }
}

/// Private-use code points mean whatever a font decides (Thai TLWG fonts hide variant glyphs
/// there): even a font that draws one would not copy back as the text it shows.
fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD)
}

/// Format characters that draw nothing: printed, they would only make the copied text differ
/// from what the reader sees.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// The first character of `text` that cannot be printed: a control character, a private-use
/// one, an invisible format character, or one `draws` says the fonts have no glyph for. The
/// space between words is always printable.
pub fn first_unprintable(text: &str, draws: impl Fn(char) -> bool) -> Option<Unprintable> {
    text.chars()
        .find(|&c| {
            c != ' ' && (c.is_control() || is_private_use(c) || is_invisible(c) || !draws(c))
        })
        .map(Unprintable)
}

impl Template {
    /// Each part of the wording holding a character the fonts cannot print, with the first
    /// such character (in the order the editor shows the parts).
    pub fn unprintable(&self, draws: impl Fn(char) -> bool) -> Vec<(TemplatePart, Unprintable)> {
        let parts = [
            (TemplatePart::Subject, self.subject.as_str()),
            (TemplatePart::Salutation, self.salutation.as_str()),
            (TemplatePart::Reference, self.reference.as_str()),
            (TemplatePart::Enclosure, self.enclosure.as_str()),
            (TemplatePart::Closing, self.closing.as_str()),
        ];
        let mut out: Vec<_> = parts
            .iter()
            .filter_map(|(part, text)| first_unprintable(text, &draws).map(|u| (*part, u)))
            .collect();
        if let Some(u) = self.body.iter().find_map(|p| first_unprintable(p, &draws)) {
            out.push((TemplatePart::Body, u));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::letter::Kind;
    use crate::domain::letter::defaults::default_template;

    /// A stand-in for Sarabun's coverage: Basic Latin, Thai, and a few punctuation marks.
    fn sarabun_like(c: char) -> bool {
        matches!(c, ' '..='~' | '\u{0E01}'..='\u{0E5B}' | '–' | '“' | '”')
    }

    #[test]
    fn thai_wording_with_fields_and_punctuation_is_printable() {
        let text = "ขอให้ท่านชำระ {ยอดค้างชำระ} บาท (ภายใน 15 วัน) ตาม ม.686 – “ด่วน”";
        assert_eq!(first_unprintable(text, sarabun_like), None);
        let t = default_template(Kind::Demand);
        assert!(t.unprintable(sarabun_like).is_empty());
    }

    #[test]
    fn every_bad_character_is_found_and_named() {
        // (input, the character found, the message's naming of it)
        let corpus: &[(&str, char, &str)] = &[
            ("ขอบคุณครับ 😀", '😀', "อักขระ 😀 (U+1F600)"),
            ("โปรดชำระ 🙏🏼 ด้วย", '🙏', "อักขระ 🙏 (U+1F64F)"),
            ("ยอดเงิน ¥500", '¥', "อักขระ ¥ (U+00A5)"),
            ("หนี้ 債務 ค้าง", '債', "อักขระ 債 (U+50B5)"),
            ("เรียน 김철수", '김', "อักขระ 김 (U+AE40)"),
            ("ระฆัง\u{7}ดัง", '\u{7}', "อักขระควบคุม (U+0007)"),
            ("แท็บ\tตรงนี้", '\t', "อักขระควบคุม (U+0009)"),
            ("ส่วนตัว\u{E000}", '\u{E000}', "อักขระส่วนตัวที่ไม่มีความหมายมาตรฐาน (U+E000)"),
            ("ส่วนตัว\u{F0001}", '\u{F0001}', "(U+F0001)"),
            ("ซ่อน\u{200B}อยู่", '\u{200B}', "อักขระที่มองไม่เห็น (U+200B)"),
            ("กลับทิศ\u{202E}", '\u{202E}', "อักขระที่มองไม่เห็น (U+202E)"),
        ];
        for (text, ch, named) in corpus {
            let found = first_unprintable(text, sarabun_like);
            assert_eq!(found, Some(Unprintable(*ch)), "{text:?}");
            let message = found.unwrap().to_string();
            assert!(message.contains(named), "{message}");
            assert!(message.contains("พิมพ์ด้วยแบบอักษรของระบบไม่ได้"), "{message}");
        }
    }

    #[test]
    fn a_private_use_character_is_refused_even_where_a_font_draws_one() {
        assert_eq!(first_unprintable("ก\u{F700}", |_| true), Some(Unprintable('\u{F700}')));
        assert_eq!(first_unprintable("ก 😀", |_| true), None, "a font that draws emoji may");
    }

    #[test]
    fn each_part_with_a_bad_character_is_reported_once() {
        let mut t = default_template(Kind::Reminder);
        t.subject.push('😀');
        t.body.push("ปิดท้าย 🎉 และ 😀".into());
        t.closing.push('\u{1}');
        assert_eq!(
            t.unprintable(sarabun_like),
            vec![
                (TemplatePart::Subject, Unprintable('😀')),
                (TemplatePart::Closing, Unprintable('\u{1}')),
                (TemplatePart::Body, Unprintable('🎉')),
            ]
        );
    }
}
