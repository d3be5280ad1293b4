//! The PDF tools a user (and CI) checks documents with: poppler's `pdftotext`, `pdffonts` and
//! `pdftoppm`, `qpdf --check` and `zbarimg`. A missing tool fails the test with the package to
//! install.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub fn run(tool: &str, package: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("`{tool}` could not be run ({e}): install the `{package}` package to run this test")
    });
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("tools print UTF-8")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// The text of every page, in order (`pdftotext` separates pages with form feeds).
pub fn page_texts(pdf: &Path) -> Vec<String> {
    let text = run("pdftotext", "poppler-utils", &["-enc", "UTF-8", s(pdf), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// `pdffonts` shows every font embedded and subset, and all of them Sarabun.
pub fn assert_sarabun_embedded_and_subset(pdf: &Path) {
    let fonts = run("pdffonts", "poppler-utils", &[s(pdf)]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts: {fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains('+') && cols[0].contains("Sarabun"), "{row}");
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "emb sub uni: {row}");
    }
}

pub fn assert_qpdf_clean(pdf: &Path) {
    let out = run("qpdf", "qpdf", &["--check", s(pdf)]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

/// The QR codes `zbarimg` reads on page `page` (1-based) rendered at 150 dpi.
pub fn qr_codes(pdf: &Path, page: usize, dir: &Path) -> Vec<String> {
    let prefix = dir.join(format!("qr{page}"));
    let p = page.to_string();
    run(
        "pdftoppm",
        "poppler-utils",
        &["-png", "-r", "150", "-f", &p, "-l", &p, "-singlefile", s(pdf), s(&prefix)],
    );
    let png = dir.join(format!("qr{page}.png"));
    let out = Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sqrcode.enable", s(&png)])
        .output()
        .expect("install the `zbar-tools` package to run this test");
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}

/// The QR codes `zbarimg` reads on each page, in page order, from one `pdftoppm` run over
/// the whole file. Only the page's left part below its heading is rendered (100 dpi, grey),
/// where the forms put their QR: rendering whole pages of a 200-page batch takes minutes.
pub fn qr_codes_per_page(pdf: &Path, dir: &Path) -> Vec<Vec<String>> {
    let prefix = dir.join("qrpage");
    run(
        "pdftoppm",
        "poppler-utils",
        &[
            "-gray",
            "-r",
            "100",
            "-x",
            "0",
            "-y",
            "200",
            "-W",
            "420",
            "-H",
            "969",
            s(pdf),
            s(&prefix),
        ],
    );
    let mut images: Vec<_> = std::fs::read_dir(dir)
        .expect("the rendered pages")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("qrpage")))
        .collect();
    // pdftoppm pads the page numbers to the same width, so names sort in page order.
    images.sort();
    images
        .iter()
        .map(|png| {
            let out = Command::new("zbarimg")
                .args(["--quiet", "--raw", "-Sqrcode.enable", s(png)])
                .output()
                .expect("install the `zbar-tools` package to run this test");
            String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
        })
        .collect()
}
