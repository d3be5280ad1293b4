//! Paragraphs as letter writers build them: runs of template text, bold text and field values,
//! with alignment, indents and spacing.

use super::fonts::Weight;

/// Horizontal alignment of a paragraph's lines, a table column or a placed block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunKind {
    /// Template wording: breaks between words.
    Text,
    /// A value filled in per letter: kept on one line unless longer than a line.
    Field,
    /// A forced line break.
    Newline,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub(crate) text: String,
    pub(crate) weight: Weight,
    pub(crate) kind: RunKind,
}

/// First-line indent of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) enum Indent {
    #[default]
    None,
    /// The page setup's paragraph indent (2.5 cm in Thai official letters).
    Standard,
    Mm(f32),
}

/// A paragraph: a sequence of runs laid out together.
///
/// ```
/// use plodnee::document::Para;
/// let p = Para::new()
///     .indent_first()
///     .run("ตามที่ ")
///     .field("นายสมชาย ใจดี")
///     .run(" ได้กู้ยืมเงินจากกองทุน จำนวน ")
///     .bold_field("12,500.00")
///     .run(" บาท");
/// assert_eq!(p.plain_text(), "ตามที่ นายสมชาย ใจดี ได้กู้ยืมเงินจากกองทุน จำนวน 12,500.00 บาท");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    pub(crate) runs: Vec<Run>,
    pub(crate) align: Align,
    pub(crate) first_indent: Indent,
    pub(crate) left_mm: f32,
    pub(crate) size: Option<f32>,
    pub(crate) space_after_mm: Option<f32>,
    pub(crate) keep_together: bool,
}

impl Para {
    pub fn new() -> Para {
        Para::default()
    }

    /// A paragraph of one run of template text.
    pub fn text(text: impl Into<String>) -> Para {
        Para::new().run(text)
    }

    /// Template text in the regular weight. A `\n` forces a line break.
    pub fn run(self, text: impl Into<String>) -> Para {
        self.push(text.into(), Weight::Regular, RunKind::Text)
    }

    /// Template text in bold.
    pub fn bold(self, text: impl Into<String>) -> Para {
        self.push(text.into(), Weight::Bold, RunKind::Text)
    }

    /// A field value (name, address part, contract number, amount): never split across lines
    /// unless it is longer than a whole line.
    pub fn field(self, text: impl Into<String>) -> Para {
        self.push(text.into(), Weight::Regular, RunKind::Field)
    }

    /// A field value in bold.
    pub fn bold_field(self, text: impl Into<String>) -> Para {
        self.push(text.into(), Weight::Bold, RunKind::Field)
    }

    /// Ends the current line here.
    pub fn line_break(mut self) -> Para {
        self.runs.push(Run {
            text: String::new(),
            weight: Weight::Regular,
            kind: RunKind::Newline,
        });
        self
    }

    /// Indents the first line by the page setup's paragraph indent (2.5 cm by default).
    pub fn indent_first(mut self) -> Para {
        self.first_indent = Indent::Standard;
        self
    }

    /// Indents the first line by `mm` (negative for a hanging first line is not supported).
    pub fn indent_first_mm(mut self, mm: f32) -> Para {
        self.first_indent = Indent::Mm(mm.max(0.0));
        self
    }

    /// Indents every line of the paragraph by `mm` from the left margin.
    pub fn indent_left_mm(mut self, mm: f32) -> Para {
        self.left_mm = mm.max(0.0);
        self
    }

    pub fn align(mut self, align: Align) -> Para {
        self.align = align;
        self
    }

    pub fn center(self) -> Para {
        self.align(Align::Center)
    }

    pub fn right(self) -> Para {
        self.align(Align::Right)
    }

    /// Font size in points for this paragraph (the page setup's size otherwise).
    pub fn size(mut self, pt: f32) -> Para {
        self.size = Some(pt.max(1.0));
        self
    }

    /// Space after the paragraph, in mm (the page setup's paragraph spacing otherwise).
    pub fn space_after_mm(mut self, mm: f32) -> Para {
        self.space_after_mm = Some(mm.max(0.0));
        self
    }

    /// Moves the whole paragraph to the next page rather than splitting it.
    pub fn keep_together(mut self) -> Para {
        self.keep_together = true;
        self
    }

    /// The paragraph's text as a reader would copy it (line breaks as `\n`).
    pub fn plain_text(&self) -> String {
        self.runs
            .iter()
            .map(|r| if r.kind == RunKind::Newline { "\n" } else { r.text.as_str() })
            .collect()
    }

    fn push(mut self, text: String, weight: Weight, kind: RunKind) -> Para {
        if !text.contains('\n') {
            if !text.is_empty() {
                self.runs.push(Run { text, weight, kind });
            }
            return self;
        }
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                self = self.line_break();
            }
            if !part.is_empty() {
                self.runs.push(Run { text: part.to_owned(), weight, kind });
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_in_text_become_forced_breaks() {
        let p = Para::text("บรรทัดแรก\nบรรทัดสอง");
        let kinds: Vec<RunKind> = p.runs.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RunKind::Text, RunKind::Newline, RunKind::Text]);
        assert_eq!(p.plain_text(), "บรรทัดแรก\nบรรทัดสอง");
    }
}
