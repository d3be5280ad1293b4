//! Thai PDF layout engine: shaping (harfrust), word breaking (ICU4X LSTM), page composition and
//! PDF output (printpdf) that copies and searches back exactly.
//!
//! Every Thai letter, receipt, invoice and contract prints through this module. Letter writers
//! describe content; the engine breaks lines between Thai words, keeps field values whole,
//! paginates, numbers pages and embeds a subset of Sarabun.
//!
//! ```no_run
//! use plodnee::document::{Align, Column, Fonts, PageSetup, Para, PdfBuilder, Signature, Table};
//!
//! # fn main() -> Result<(), plodnee::document::DocError> {
//! let fonts = Fonts::sarabun(); // once per process; clones share the caches
//! let mut pdf = PdfBuilder::new(&fonts, "หนังสือแจ้งเตือน");
//! for debtor in ["นายสมชาย ใจดี", "นางสาวสมหญิง รักไทย"] {
//!     let mut page = pdf.document(PageSetup::a4_letter()); // page numbers restart per document
//!     page.paragraph(Para::new().run("เรียน ").field(debtor))
//!         .paragraph(
//!             Para::new()
//!                 .indent_first()
//!                 .run("ตามที่ท่านได้กู้ยืมเงินจากกองทุนหมู่บ้าน จำนวน ")
//!                 .bold_field("12,500.00")
//!                 .run(" บาท และยังค้างชำระ ขอให้ท่านติดต่อชำระภายในกำหนด"),
//!         )
//!         .table(
//!             &Table::new(vec![Column::share(1.0), Column::mm(45.0).right()])
//!                 .header(["รายการ", "จำนวนเงิน (บาท)"])
//!                 .row(["เงินต้นค้างชำระ", "12,000.00"])
//!                 .row(["ดอกเบี้ย", "500.00"]),
//!         )
//!         .spacer(10.0)
//!         .paragraph(Para::text("ขอแสดงความนับถือ").center())
//!         .signature(&Signature::new("ผู้จัดการกองทุน", Some("นายมั่นคง ซื่อตรง".into())));
//!     page.qr("000201010211…", 35.0, Align::Right)?;
//! }
//! let bytes: Vec<u8> = pdf.finish()?;
//! # let _ = bytes; Ok(()) }
//! ```
//!
//! How it works, and why:
//! - Each run (template text, bold text, field value) is shaped once with harfrust in Thai
//!   script and cached process-wide ([`cache`]); a template sentence repeated across 1,000
//!   letters is shaped, and broken by the LSTM model, only once.
//! - Lines fill greedily by glyph advances ([`flow`]). Template text breaks at ICU4X LSTM word
//!   boundaries (the dictionary model split names badly); a field value moves whole to the
//!   next line unless it is longer than a line; a space at a line's end is not drawn.
//! - Glyph ids are written positioned in `TJ` arrays ([`emit`]), not through printpdf's own
//!   text layout, which breaks Thai only at spaces and mangles text extraction after ำ. Each
//!   line sits in a marked-content span whose `/ActualText` is its exact text, and the fonts'
//!   ToUnicode maps are right too: ำ after a tone mark is drawn with a second resource of the
//!   same font (see `fonts::Face`).
//! - printpdf builds the file ([`assemble`]): page tree, images, lines and fills, and the
//!   subset fonts (pdffonts shows `ABCDEF+Sarabun-Regular`) with their widths and ToUnicode
//!   maps. The text operators are appended to each page's content stream as bytes: printpdf
//!   makes an object and two allocations per glyph, which took half the time and most of the
//!   memory of a 1,000-letter batch. Streams are compressed with zlib-rs at level 6.
//!
//! Measured (release, 2-core machine shared with other builds): 1,000 one-page letters into
//! one 1,000-page PDF in about 0.3 s of one core (criterion: 304 ms) and 62 MB peak memory;
//! see `benches/pdf_letters.rs` and `examples/pdf_letters.rs`.

mod assemble;
mod builder;
mod cache;
mod emit;
mod error;
pub mod export;
mod flow;
mod fonts;
mod graphics;
pub mod issue;
pub mod kinds;
mod layout;
mod para;
pub mod report;
mod setup;
mod shape;
mod table;
pub mod templates;
mod writer;

pub use builder::PdfBuilder;
pub use error::DocError;
pub use fonts::{Fonts, Weight};
pub use graphics::{QrBlock, qr_block};
pub use para::{Align, Para};
pub use setup::{PageNumbers, PageSetup};
pub use table::{ColWidth, Column, Table};
pub use writer::{DocWriter, Signature};
