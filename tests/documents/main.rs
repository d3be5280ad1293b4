//! The document tests: letters, invoices and plans as PDFs, checked with poppler and qpdf.
//! One test binary per group keeps CI's link time and disk small; each file is a module.

#[path = "../support/docs.rs"]
mod docs_support;
#[path = "../../benches/support/letters.rs"]
mod letters;

mod documents_consolidation;
mod documents_plans;
mod invoice_one_page;
mod letters_batch;
mod letters_breaks;
mod letters_documents;
mod pdf_breaks;
mod pdf_layout;

// The PDF tools come with the shared fixtures (loaded once: clippy::duplicate_mod).
use docs_support::tools;
