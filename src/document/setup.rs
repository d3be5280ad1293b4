//! Page geometry and type settings: A4 portrait with the margins, size and spacing of Thai
//! official letters (ระเบียบงานสารบรรณ) as the default.

/// How pages of a document that runs past one page are numbered. A one-page document never
/// shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageNumbers {
    /// "- 2 -" centred in the top margin from the second page on, as Thai official letters do.
    #[default]
    Dashes,
    /// "หน้า 2/3" centred in the bottom margin of every page.
    OfTotal,
    /// No page numbers.
    None,
}

/// Page size, margins and type settings of one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub width_mm: f32,
    pub height_mm: f32,
    pub margin_left_mm: f32,
    pub margin_right_mm: f32,
    pub margin_top_mm: f32,
    pub margin_bottom_mm: f32,
    /// Body text size in points; 16 pt Sarabun is the Thai government standard.
    pub font_size: f32,
    /// Line spacing as a multiple of the font size. Thai stacks marks above and below the
    /// letters, so anything under 1.4 lets lines touch; it is raised to 1.4 if set lower.
    pub line_height: f32,
    /// First-line indent of paragraphs that ask for it ([`super::Para::indent_first`]).
    pub paragraph_indent_mm: f32,
    /// Space after each paragraph unless the paragraph says otherwise.
    pub paragraph_spacing_mm: f32,
    pub page_numbers: PageNumbers,
}

impl PageSetup {
    /// A4 portrait, margins 3 cm left, 2 cm right, 2.5 cm top, 2 cm bottom, 16 pt text,
    /// line spacing 1.5, paragraphs indented 2.5 cm, numbered "- 2 -" from page two.
    pub fn a4_letter() -> PageSetup {
        PageSetup {
            width_mm: 210.0,
            height_mm: 297.0,
            margin_left_mm: 30.0,
            margin_right_mm: 20.0,
            margin_top_mm: 25.0,
            margin_bottom_mm: 20.0,
            font_size: 16.0,
            line_height: 1.5,
            paragraph_indent_mm: 25.0,
            paragraph_spacing_mm: 2.0,
            page_numbers: PageNumbers::Dashes,
        }
    }

    /// Like [`PageSetup::a4_letter`] with narrower margins, for invoices, receipts and
    /// schedules, numbered "หน้า 2/3".
    pub fn a4_form() -> PageSetup {
        PageSetup {
            margin_left_mm: 20.0,
            margin_right_mm: 15.0,
            margin_top_mm: 15.0,
            margin_bottom_mm: 15.0,
            page_numbers: PageNumbers::OfTotal,
            ..PageSetup::a4_letter()
        }
    }

    pub fn margins_mm(mut self, top: f32, right: f32, bottom: f32, left: f32) -> PageSetup {
        (self.margin_top_mm, self.margin_right_mm) = (top, right);
        (self.margin_bottom_mm, self.margin_left_mm) = (bottom, left);
        self
    }

    pub fn font_size(mut self, pt: f32) -> PageSetup {
        self.font_size = pt;
        self
    }

    pub fn page_numbers(mut self, style: PageNumbers) -> PageSetup {
        self.page_numbers = style;
        self
    }

    pub(crate) fn line_factor(&self) -> f32 {
        self.line_height.max(1.4)
    }

    pub(crate) fn height_pt(&self) -> f32 {
        mm(self.height_mm)
    }

    /// Left edge of the text block, in points.
    pub(crate) fn left_pt(&self) -> f32 {
        mm(self.margin_left_mm)
    }

    pub(crate) fn content_width_pt(&self) -> f32 {
        (mm(self.width_mm - self.margin_left_mm - self.margin_right_mm)).max(mm(10.0))
    }

    /// Top of the text block, in points from the top edge.
    pub(crate) fn top_pt(&self) -> f32 {
        mm(self.margin_top_mm)
    }

    /// Bottom of the text block, in points from the top edge.
    pub(crate) fn bottom_pt(&self) -> f32 {
        mm(self.height_mm - self.margin_bottom_mm).max(self.top_pt() + mm(10.0))
    }
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup::a4_letter()
    }
}

/// Millimetres to PDF points.
pub(crate) fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}
