//! One PDF file holding any number of documents (a batch of 1,000 letters is 1,000+ pages in
//! one file): resources shared across pages, page numbering per document, serialization.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use printpdf::{Mm, PdfDocument, PdfFont, PdfPage, RawImage, XObject, XObjectId};

use super::assemble::assemble;
use super::emit::{FontIds, PageOut};
use super::error::{DocError, Result};
use super::fonts::Fonts;
use super::layout::{Ctx, LineBox, layout};
use super::para::Para;
use super::setup::{PageNumbers, PageSetup, mm};
use super::writer::DocWriter;

/// Collects documents into one PDF file.
pub struct PdfBuilder {
    pub(crate) fonts: Fonts,
    pub(crate) ids: FontIds,
    title: String,
    pages: Vec<(PdfPage, PageOut)>,
    /// Images by content hash, so a logo printed on 1,000 letters is stored once.
    images: HashMap<u64, (XObjectId, usize, usize)>,
    image_data: Vec<(XObjectId, RawImage)>,
    pub(crate) doc: Option<DocState>,
    /// The first failure while laying out; layout calls stay chainable and `finish` reports it.
    pub(crate) error: Option<DocError>,
    pub(crate) actual_text: bool,
    compression: u32,
}

impl PdfBuilder {
    pub fn new(fonts: &Fonts, title: &str) -> PdfBuilder {
        PdfBuilder {
            fonts: fonts.clone(),
            ids: FontIds::new(file_seed(title)),
            title: title.to_owned(),
            pages: Vec::new(),
            images: HashMap::new(),
            image_data: Vec::new(),
            doc: None,
            error: None,
            actual_text: true,
            compression: 6,
        }
    }

    /// zlib level for the file's streams, 1 (fastest) to 9 (smallest); 6 by default.
    pub fn compression(mut self, level: u32) -> PdfBuilder {
        self.compression = level.clamp(1, 9);
        self
    }

    /// Leaves out the `/ActualText` spans, so only the fonts' ToUnicode maps give the text
    /// back: for testing what viewers that ignore ActualText (pdf.js, MuPDF) copy.
    pub fn without_actual_text(mut self) -> PdfBuilder {
        self.actual_text = false;
        self
    }

    /// Starts a new document on a new page; page numbering restarts.
    pub fn document(&mut self, setup: PageSetup) -> DocWriter<'_> {
        self.close_document();
        self.doc = Some(DocState::new(setup));
        DocWriter { b: self }
    }

    /// Pages so far, the open document's included.
    pub fn page_count(&self) -> usize {
        self.pages.len() + self.doc.as_ref().map_or(0, |d| d.pages.len())
    }

    /// Closes the open document and writes the PDF.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        self.close_document();
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        if self.pages.is_empty() {
            let blank = PdfPage::new(Mm(210.0), Mm(297.0), Vec::new());
            self.pages.push((blank, PageOut::default()));
        }
        let mut doc = PdfDocument::new(&self.title);
        doc.metadata.info.producer = "plodnee".into();
        let now = printpdf::OffsetDateTime::now_utc();
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;
        // Each weight twice: the alternate resource differs only in its ToUnicode map.
        for (id, weight, _) in self.ids.all() {
            let parsed = &self.fonts.face(weight).pdf;
            doc.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed.clone()));
        }
        for (id, image) in self.image_data {
            doc.resources.xobjects.map.insert(id, XObject::Image(image));
        }
        assemble(doc, self.pages, &self.fonts, &self.ids, self.compression)
    }

    /// Registers a PNG once per file; returns its id and pixel size.
    pub(crate) fn image(&mut self, png: &[u8]) -> Result<(XObjectId, usize, usize)> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        png.hash(&mut h);
        let key = h.finish();
        if let Some(found) = self.images.get(&key) {
            return Ok(found.clone());
        }
        let image = super::graphics::decode_png(png)?;
        let id = XObjectId(format!("Im{}", self.image_data.len() + 1));
        let entry = (id.clone(), image.width, image.height);
        self.image_data.push((id, image));
        self.images.insert(key, entry.clone());
        Ok(entry)
    }

    fn close_document(&mut self) {
        let Some(doc) = self.doc.take() else { return };
        let ctx = Ctx { fonts: &self.fonts, ids: &self.ids, actual_text: self.actual_text };
        match doc.finish(&ctx) {
            Ok(pages) => self.pages.extend(pages),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }
}

/// A seed that differs between files, for their font subset tags.
fn file_seed(title: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    title.hash(&mut h);
    std::time::SystemTime::now().hash(&mut h);
    std::process::id().hash(&mut h);
    static FILES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    FILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed).hash(&mut h);
    h.finish()
}

/// The open document: its pages so far and the flow cursor.
pub(crate) struct DocState {
    pub(crate) setup: PageSetup,
    pub(crate) pages: Vec<PageOut>,
    /// Where the next block goes, in points from the page's top edge.
    pub(crate) y: f32,
    /// The document's number (`ที่ สจช.หบ. 12/2568`), printed at the top of every page after
    /// the first beside the page number, as Thai official letters carry it.
    pub(crate) reference: Option<String>,
}

impl DocState {
    pub(crate) fn new(setup: PageSetup) -> DocState {
        DocState { pages: vec![PageOut::default()], y: setup.top_pt(), setup, reference: None }
    }

    /// The page being written.
    pub(crate) fn page(&mut self) -> &mut PageOut {
        if self.pages.is_empty() {
            self.pages.push(PageOut::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(PageOut::default());
        self.y = self.setup.top_pt();
    }

    pub(crate) fn at_page_top(&self) -> bool {
        self.y <= self.setup.top_pt() + 0.01
    }

    /// Starts a new page unless `height` points still fit below the cursor (or the cursor is
    /// already at the top, where nothing taller could fit anyway).
    pub(crate) fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > self.setup.bottom_pt() + 0.01 && !self.at_page_top() {
            self.new_page();
            return true;
        }
        false
    }

    /// A distance from the page's top edge as a PDF y coordinate.
    pub(crate) fn pdf_y(&self, from_top: f32) -> f32 {
        self.setup.height_pt() - from_top
    }

    /// Numbers the pages if there is more than one, and hands them over.
    fn finish(mut self, ctx: &Ctx<'_>) -> Result<Vec<(PdfPage, PageOut)>> {
        let total = self.pages.len();
        let setup = self.setup;
        if total > 1 && setup.page_numbers != PageNumbers::None {
            let size = setup.font_size;
            let lb = LineBox::new(ctx.fonts, size, setup.line_factor());
            for (i, page) in self.pages.iter_mut().enumerate() {
                let (text, top) = match setup.page_numbers {
                    PageNumbers::Dashes if i == 0 => continue,
                    PageNumbers::Dashes => (format!("- {} -", i + 1), setup.top_pt() / 2.0),
                    _ => (
                        format!("หน้า {}/{}", i + 1, total),
                        setup.bottom_pt() + mm(setup.margin_bottom_mm) / 2.0,
                    ),
                };
                let para = Para::text(text).center();
                let laid = layout(ctx.fonts, &para, setup.content_width_pt(), size, 0.0)?;
                let baseline = setup.height_pt() - (top - lb.height / 2.0 + lb.baseline);
                // Written first, so text extraction reads the page's header before its body.
                let mut number = PageOut::default();
                laid.draw(&mut number, ctx, 0, setup.left_pt(), baseline);
                page.prepend_text(number);
                if i > 0
                    && let Some(reference) = &self.reference
                {
                    // "- 2 -" is already centred on that line; forms get "หน้า 2/3" there.
                    let page_label = (setup.page_numbers != PageNumbers::Dashes)
                        .then(|| format!("หน้า {}/{}", i + 1, total));
                    running_head(ctx, &setup, page, reference, page_label)?;
                }
            }
        }
        let (w, h) = (Mm(setup.width_mm), Mm(setup.height_mm));
        Ok(self
            .pages
            .into_iter()
            .map(|mut p| (PdfPage::new(w, h, std::mem::take(&mut p.ops)), p))
            .collect())
    }
}

/// A page after the first: the document's number on the left and the page on the right, in
/// the top margin, so a loose second page is known by its document.
fn running_head(
    ctx: &Ctx<'_>,
    setup: &PageSetup,
    page: &mut PageOut,
    reference: &str,
    page_label: Option<String>,
) -> Result<()> {
    let size = (setup.font_size - 2.0).max(10.0);
    let lb = LineBox::new(ctx.fonts, size, setup.line_factor());
    let top = (setup.top_pt() - lb.height) / 2.0;
    let baseline = setup.height_pt() - (top.max(mm(2.0)) + lb.baseline);
    let half = setup.content_width_pt() / 2.0 - mm(12.0);
    let left = layout(ctx.fonts, &Para::new().field(reference), half, size, 0.0)?;
    let mut head = PageOut::default();
    left.draw(&mut head, ctx, 0, setup.left_pt(), baseline);
    if let Some(label) = page_label {
        let right = layout(ctx.fonts, &Para::text(label).right(), half, size, 0.0)?;
        right.draw(&mut head, ctx, 0, setup.left_pt() + setup.content_width_pt() - half, baseline);
    }
    page.prepend_text(head);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_can_run_on_a_worker_thread() {
        fn send<T: Send>() {}
        fn share<T: Send + Sync>() {}
        send::<PdfBuilder>();
        share::<Fonts>();
        let fonts = Fonts::sarabun();
        let worker = std::thread::spawn(move || {
            let mut pdf = PdfBuilder::new(&fonts, "งานเบื้องหลัง");
            pdf.document(PageSetup::a4_letter()).paragraph(Para::text("ทดสอบ"));
            pdf.finish()
        });
        let bytes = worker.join().expect("no panic").expect("written");
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
