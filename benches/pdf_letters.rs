//! The speed target: 1,000 one-page Thai demand letters (three long paragraphs with
//! per-letter fields and a five-row amounts table each) into ONE PDF in under 1.5 s on one core.
//!
//! `cargo bench --bench pdf_letters`; for a quick figure with memory use, run
//! `/usr/bin/time -v cargo run --release --example pdf_letters`.

#[path = "support/letters.rs"]
mod letters;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use plodnee::document::{Fonts, PdfBuilder};

fn batch(fonts: &Fonts, debtors: &[letters::Debtor]) -> Vec<u8> {
    let mut pdf = PdfBuilder::new(fonts, "หนังสือทวงถาม");
    for d in debtors {
        letters::write_letter(&mut pdf, d);
    }
    pdf.finish().expect("the batch is written")
}

fn pdf_letters(c: &mut Criterion) {
    let fonts = Fonts::sarabun();
    let debtors: Vec<letters::Debtor> = (0..1000).map(letters::debtor).collect();
    let mut group = c.benchmark_group("pdf_letters");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group
        .bench_function("1000 letters, one PDF", |b| b.iter(|| black_box(batch(&fonts, &debtors))));
    group.bench_function("1 letter", |b| b.iter(|| black_box(batch(&fonts, &debtors[..1]))));
    group.finish();
}

criterion_group!(benches, pdf_letters);
criterion_main!(benches);
