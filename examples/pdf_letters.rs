//! Times a batch of demand letters into one PDF: `cargo run --release --example pdf_letters
//! -- [COUNT] [OUT.pdf]` (default 1000 letters, written to `out/letters.pdf`).

#[path = "../benches/support/letters.rs"]
mod letters;

use std::time::Instant;

use plodnee::document::{Fonts, PdfBuilder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().map_or(Ok(1000), |a| a.parse())?;
    let out = args.next().unwrap_or_else(|| "out/letters.pdf".into());
    let debtors: Vec<letters::Debtor> = (0..count).map(letters::debtor).collect();

    let start = Instant::now();
    let fonts = Fonts::sarabun();
    let loaded = start.elapsed();
    // A warm-up letter so the figure below is the steady state a batch sees.
    let mut warm = PdfBuilder::new(&fonts, "warm-up");
    letters::write_letter(&mut warm, &debtors[0]);
    warm.finish()?;
    let warmed = start.elapsed();

    let t0 = Instant::now();
    let level = std::env::var("PDF_ZLIB_LEVEL").ok().and_then(|l| l.parse().ok()).unwrap_or(6);
    let mut pdf = PdfBuilder::new(&fonts, "หนังสือทวงถาม").compression(level);
    for d in &debtors {
        letters::write_letter(&mut pdf, d);
    }
    let pages = pdf.page_count();
    let laid_out = t0.elapsed();
    let bytes = pdf.finish()?;
    let total = t0.elapsed();
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, &bytes)?;
    println!(
        "{count} letters, {pages} pages, {:.1} MB: fonts {:.0} ms, warm-up {:.0} ms, \
         layout {:.0} ms, serialize {:.0} ms, total {:.0} ms -> {out}",
        bytes.len() as f64 / 1e6,
        loaded.as_secs_f64() * 1e3,
        (warmed - loaded).as_secs_f64() * 1e3,
        laid_out.as_secs_f64() * 1e3,
        (total - laid_out).as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
    );
    Ok(())
}
