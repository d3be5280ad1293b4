//! The Thai PDF layout engine checked the way a user would: poppler's `pdftotext`, `pdffonts`,
//! `pdftoppm`, `pdfimages`, `qpdf --check` and `zbarimg` on the files it writes, plus the line
//! breaks it chooses on hard cases.
//!
//! The external tools are required: a missing tool fails the test with a message saying which
//! package to install (CI installs poppler-utils, qpdf and zbar-tools).

use crate::letters;

use std::path::{Path, PathBuf};
use std::process::Command;

use plodnee::document::{
    Align, Column, Fonts, PageNumbers, PageSetup, Para, PdfBuilder, Signature, Table,
};

fn run(tool: &str, package: &str, args: &[&str]) -> String {
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

fn pdftotext(pdf: &Path, extra: &[&str]) -> String {
    let path = pdf.to_str().expect("temp paths are UTF-8");
    let mut args = extra.to_vec();
    args.extend(["-enc", "UTF-8", path, "-"]);
    run("pdftotext", "poppler-utils", &args)
}

/// Lines of `pdftotext` output, without the trailing spaces poppler may keep and the form
/// feeds between pages.
fn text_lines(text: &str) -> Vec<String> {
    text.split(['\n', '\u{c}']).map(|l| l.trim_end().to_owned()).filter(|l| !l.is_empty()).collect()
}

struct Written {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn write(pdf: PdfBuilder) -> Written {
    let bytes = pdf.finish().expect("the PDF is written");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("written");
    Written { _dir: dir, path }
}

const SENTENCES: &[&str] = &[
    "น้ำ",
    "ค้ำประกัน",
    "ผู้ค้ำประกัน นางสาวสมหญิง รักไทย",
    "กำหนดชำระภายในวันที่ 21 พฤศจิกายน 2568",
    "จำนวนเงิน 1,234.50 บาท (หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์)",
    "ผู้กู้ที่ปี่น้ำค้ำกำน้ำใจ",
    // ศ ษ ญ put the bytes ( ) \r in the UTF-16 /ActualText, which must be escaped.
    "ภาษีศุลกากรของนางสาวหญิง (ร้อยละ 15) เลขที่ 12\\3",
];

fn exact_text_pdf(actual_text: bool) -> (Written, Vec<Vec<String>>) {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "ข้อความ");
    if !actual_text {
        pdf = pdf.without_actual_text();
    }
    let mut page = pdf.document(PageSetup::a4_letter());
    let long = Para::new()
        .indent_first()
        .run("ตามที่ ")
        .field("นายสมชาย ใจดี")
        .run(" ได้ทำสัญญากู้ยืมเงินโดยมี ")
        .field("นางสาวสมหญิง รักไทย")
        .run(" เป็นผู้ค้ำประกัน ซึ่งครบกำหนดชำระเมื่อวันที่ ")
        .field("21 พฤศจิกายน 2568")
        .run(" แต่ยังค้างชำระจำนวน ")
        .bold_field("1,234.50")
        .run(" บาท จึงขอให้นำเงินมาชำระที่ทำการกองทุนโดยเร็ว");
    let mut expected = Vec::new();
    let bold = Para::new().bold("ผู้ค้ำประกัน").run(" และ ").bold_field("น้ำค้ำกำ");
    for para in SENTENCES.iter().map(|s| Para::text(*s)).chain([bold, long]) {
        let lines = page.line_texts(&para);
        assert_eq!(lines.concat(), para.plain_text(), "layout must not lose or add text");
        page.paragraph(&para);
        expected.push(lines);
    }
    (write(pdf), expected)
}

#[test]
fn pdftotext_gives_back_every_line_exactly() {
    let (pdf, paragraphs) = exact_text_pdf(true);
    let got = text_lines(&pdftotext(&pdf.path, &[]));
    let want: Vec<String> = paragraphs.iter().flatten().map(|l| l.trim_end().to_owned()).collect();
    assert_eq!(got, want);
    assert!(paragraphs.last().is_some_and(|p| p.len() > 1), "the long paragraph wraps");
    // The same with -layout, which positions text by its glyphs.
    let layout = text_lines(&pdftotext(&pdf.path, &["-layout"]));
    let trimmed: Vec<String> = layout.iter().map(|l| l.trim_start().to_owned()).collect();
    assert_eq!(trimmed, want);
}

#[test]
fn viewers_that_ignore_actual_text_copy_the_same_text() {
    // Without /ActualText poppler falls back to the fonts' ToUnicode maps, as pdf.js and
    // MuPDF do: ำ after a tone mark (น้ำ, ค้ำ) must still come back as one ำ. `-raw` keeps
    // the content stream's order, as those viewers do; poppler's own reading-order analysis
    // would move a tone mark drawn left of its vowel (ปี่) to another word.
    let (pdf, paragraphs) = exact_text_pdf(false);
    let got = text_lines(&pdftotext(&pdf.path, &["-raw"]));
    let want: Vec<String> = paragraphs.iter().flatten().map(|l| l.trim_end().to_owned()).collect();
    assert_eq!(got, want);
}

#[test]
fn fonts_are_embedded_and_subset_and_qpdf_finds_no_error() {
    let (pdf, _) = exact_text_pdf(true);
    let path = pdf.path.to_str().expect("UTF-8 path");
    let fonts = run("pdffonts", "poppler-utils", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "regular, bold and the alternate ำ resource:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let (tag, name) = cols[0].split_once('+').expect("a subset tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{row}");
        assert!(name.starts_with("Sarabun-"), "{row}");
        assert_eq!(
            cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
    }
    let check = run("qpdf", "qpdf", &["--check", path]);
    assert!(check.contains("No syntax or stream encoding errors"), "{check}");
    let size = std::fs::metadata(&pdf.path).expect("written").len();
    assert!(size < 60_000, "subset fonts keep a page small: {size} bytes");
}

/// Every line break in `lines` must be a break opportunity ICU4X's LSTM model finds in the
/// whole text, and never before a Thai vowel sign or tone mark or after a leading vowel.
fn assert_breaks_between_words(lines: &[String]) {
    let text = lines.concat();
    let segmenter = icu_segmenter::LineSegmenter::new_lstm(Default::default());
    let allowed: Vec<usize> = segmenter.segment_str(&text).collect();
    let mut at = 0;
    for line in &lines[..lines.len() - 1] {
        at += line.len();
        assert!(allowed.contains(&at), "break inside a word: {lines:#?}");
    }
    for w in lines.windows(2) {
        let first = w[1].chars().next().expect("no empty line");
        assert!(!matches!(first, '\u{0E30}'..='\u{0E3A}' | '\u{0E45}'..='\u{0E4E}'), "{w:?}");
        let last = w[0].trim_end().chars().last().expect("no empty line");
        assert!(!matches!(last, 'เ'..='ไ'), "{w:?}");
    }
}

/// Lays `para` out with first-line indents from 0 to 80 mm, so each line end sweeps across
/// the whole text, and checks `check` on every layout.
fn sweep(para: &Para, check: impl Fn(&[String])) {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "sweep");
    let mut page = pdf.document(PageSetup::a4_letter());
    for indent in (0..=80).step_by(2) {
        let p = para.clone().indent_first_mm(indent as f32);
        let lines = page.line_texts(&p);
        assert_eq!(lines.concat(), p.plain_text());
        check(&lines);
    }
}

#[test]
fn a_long_name_field_is_never_split() {
    let name = "นางสาวประภาพรรณ ศรีสุวรรณวงศ์ไพบูลย์";
    let para = Para::new()
        .run("ข้าพเจ้าขอรับรองว่าผู้กู้ซึ่งมีรายชื่อต่อไปนี้คือ ")
        .field(name)
        .run(" เป็นสมาชิกของกองทุนหมู่บ้านจริง และได้ลงลายมือชื่อต่อหน้าข้าพเจ้า");
    sweep(&para, |lines| {
        assert!(lines.iter().any(|l| l.contains(name)), "name split: {lines:#?}");
        assert_breaks_between_words(lines);
    });
}

#[test]
fn an_address_next_to_numbers_keeps_its_numbers_whole() {
    let para = Para::new()
        .run("ผู้กู้มีที่อยู่ตามทะเบียนบ้านคือบ้านเลขที่ 12/3 หมู่ 4 ตำบลหนองน้ำใส และที่อยู่ปัจจุบันคือ ")
        .field("บ้านเลขที่ 12/3 หมู่ 4")
        .run(" ตำบลโนนสะอาด อำเภอเมือง จังหวัดขอนแก่น รหัสไปรษณีย์ 40000");
    sweep(&para, |lines| {
        assert!(lines.iter().any(|l| l.contains("บ้านเลขที่ 12/3 หมู่ 4")), "{lines:#?}");
        for l in lines {
            assert!(!l.trim_end().ends_with("12/") && !l.starts_with("/3"), "{lines:#?}");
            assert!(!l.trim_end().ends_with("4000"), "{lines:#?}");
        }
        assert_breaks_between_words(lines);
    });
}

#[test]
fn numbers_glued_to_thai_text_stay_whole() {
    let para = Para::new()
        .run("ยอดหนี้ที่ต้องชำระในงวดนี้ตามใบแจ้งหนี้ของกองทุนหมู่บ้านคิดเป็นเงินจำนวน1,234.50บาทถ้วน")
        .run(" และค่าปรับจำนวน")
        .field("150.00")
        .run("บาท");
    sweep(&para, |lines| {
        assert!(lines.iter().any(|l| l.contains("1,234.50")), "{lines:#?}");
        assert!(lines.iter().any(|l| l.contains("จำนวน150.00บาท")), "{lines:#?}");
        assert_breaks_between_words(lines);
    });
}

#[test]
fn a_field_longer_than_a_line_breaks_at_its_own_word_boundaries() {
    let address = "เลขที่ 999/99 หมู่บ้านสวนสวยริมน้ำ ซอยประชาอุทิศสามสิบเอ็ด ถนนประชาอุทิศ \
                   แขวงบางมดฝั่งตะวันออก เขตทุ่งครุ กรุงเทพมหานคร 10140 ประเทศไทย";
    let para = Para::new().run("ที่อยู่ ").field(address);
    sweep(&para, |lines| {
        assert!(lines.len() >= 2, "{lines:#?}");
        assert_breaks_between_words(lines);
    });
}

#[test]
fn thai_without_spaces_breaks_between_words() {
    let text = "การพัฒนาคุณภาพชีวิตของประชาชนในชุมชนเป็นหน้าที่ของทุกคนที่ต้องร่วมมือกันอย่างต่อเนื่อง\
                โดยเฉพาะการบริหารจัดการกองทุนหมู่บ้านให้มีความโปร่งใสตรวจสอบได้และเกิดประโยชน์สูงสุดแก่สมาชิก\
                ผู้กู้ยืมเงินทุกรายต้องชำระคืนตามกำหนดเพื่อให้กองทุนสามารถหมุนเวียนเงินให้ผู้อื่นได้ใช้ประโยชน์ต่อไป";
    sweep(&Para::text(text), |lines| {
        assert!(lines.len() >= 3, "{lines:#?}");
        assert_breaks_between_words(lines);
    });
    // A word the dictionary model splits badly stays whole with the LSTM model.
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "lstm");
    let mut page = pdf.document(PageSetup::a4_letter());
    let lines = page.line_texts(&Para::text(text));
    for word in ["กองทุนหมู่บ้าน", "ประโยชน์", "ตรวจสอบ", "สมาชิก"]
    {
        assert!(lines.iter().any(|l| l.contains(word)), "{word} split: {lines:#?}");
    }
}

fn amounts_table(rows: usize) -> Table {
    let mut table =
        Table::new(vec![Column::mm(15.0).center(), Column::share(1.0), Column::mm(40.0).right()])
            .header(["งวดที่", "รายการ", "จำนวนเงิน (บาท)"]);
    for i in 1..=rows {
        let what = if i == 3 {
            "ดอกเบี้ยค้างชำระตามสัญญากู้ยืมเงินและบันทึกข้อตกลงปรับโครงสร้างหนี้ฉบับลงวันที่ 1 ตุลาคม 2568"
        } else {
            "ค่างวดเงินต้นพร้อมดอกเบี้ย"
        };
        table =
            table.row([i.to_string(), what.to_owned(), format!("{},{:03}.50", i, i * 7 % 1000)]);
    }
    table
}

/// Words of one page from `pdftotext -bbox`: (text, xMin, yMin, xMax).
fn words(pdf: &Path, page: usize) -> Vec<(String, f32, f32, f32)> {
    let p = page.to_string();
    let html = pdftotext(pdf, &["-bbox", "-f", &p, "-l", &p]);
    html.lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let (attrs, rest) = l.split_once('>')?;
            let text = rest.strip_suffix("</word>")?.to_owned();
            let attr = |name: &str| -> Option<f32> {
                let v = attrs.split(&format!("{name}=\"")).nth(1)?.split('"').next()?;
                v.parse().ok()
            };
            Some((text, attr("xMin")?, attr("yMin")?, attr("xMax")?))
        })
        .collect()
}

#[test]
fn tables_repeat_their_header_right_align_amounts_and_wrap_cells() {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "ตาราง");
    let mut page = pdf.document(PageSetup::a4_form());
    page.paragraph(Para::text("ตารางผ่อนชำระ").center()).table(&amounts_table(45));
    assert!(pdf.page_count() >= 2);
    let out = write(pdf);
    for p in 1..=2 {
        let w = words(&out.path, p);
        let header = w.iter().find(|(t, ..)| t == "รายการ").expect("header on every page");
        let first_row = w.iter().find(|(t, ..)| t.ends_with(".50")).expect("an amount");
        assert!(header.2 < first_row.2, "page {p}: the header comes first");
        // Right-aligned: every amount ends at the same x.
        let ends: Vec<f32> = w.iter().filter(|(t, ..)| t.ends_with(".50")).map(|x| x.3).collect();
        assert!(ends.len() > 5);
        let spread = ends.iter().cloned().fold(f32::MIN, f32::max)
            - ends.iter().cloned().fold(f32::MAX, f32::min);
        assert!(spread < 0.5, "page {p}: amounts right-aligned, ends {ends:?}");
    }
    // The long cell wraps onto a second line inside its row.
    let text = pdftotext(&out.path, &["-f", "1", "-l", "1"]);
    let lines = text_lines(&text);
    let at = lines.iter().position(|l| l.starts_with("ดอกเบี้ยค้างชำระ")).expect("the long cell");
    assert!(!lines[at].contains("2568"), "the cell wraps: {lines:#?}");
    assert!(lines[at + 1..at + 4].iter().any(|l| l.contains("2568")), "{lines:#?}");
}

#[test]
fn page_numbers_appear_only_when_a_document_runs_past_one_page() {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "เลขหน้า");
    pdf.document(PageSetup::a4_letter()).paragraph(Para::text("หนังสือฉบับสั้น"));
    let long =
        Para::text("ข้อความยาวสำหรับทดสอบการขึ้นหน้าใหม่ของเอกสารภาษาไทย ".repeat(8)).indent_first();
    let mut second = pdf.document(PageSetup::a4_letter());
    for _ in 0..12 {
        second.paragraph(&long);
    }
    let dashed_pages = pdf.page_count() - 1;
    let mut third = pdf.document(PageSetup::a4_letter().page_numbers(PageNumbers::OfTotal));
    for _ in 0..12 {
        third.paragraph(&long);
    }
    let total = pdf.page_count();
    let of_total = total - 1 - dashed_pages;
    assert!(dashed_pages >= 2 && of_total >= 2);
    let out = write(pdf);
    // -layout: in its default mode pdftotext takes the "-" that ends "- 2 -" for a hyphen and
    // joins the number to the page's first line.
    let page = |p: usize| {
        let p = p.to_string();
        pdftotext(&out.path, &["-layout", "-f", &p, "-l", &p])
    };
    let first = page(1);
    assert!(!first.contains("- 1 -") && !first.contains("หน้า"), "{first}");
    assert!(!page(2).contains("- 1 -"), "Thai letters number from the second page");
    for k in 2..=dashed_pages {
        let text = page(1 + k);
        assert!(text.contains(&format!("- {k} -")), "page {k} of the second document: {text}");
    }
    for k in 1..=of_total {
        let text = page(1 + dashed_pages + k);
        assert!(text.contains(&format!("หน้า {k}/{of_total}")), "numbering restarts: {text}");
    }
}

/// A PromptPay payload (EMVCo TLV) for a phone number and an amount, with its CRC.
fn promptpay(phone: &str, amount: &str) -> String {
    let tlv = |id: &str, v: &str| format!("{id}{:02}{v}", v.len());
    let account = tlv("00", "A000000677010111") + &tlv("01", &format!("0066{}", &phone[1..]));
    let body = tlv("00", "01")
        + &tlv("01", "12")
        + &tlv("29", &account)
        + &tlv("58", "TH")
        + &tlv("53", "764")
        + &tlv("54", amount)
        + "6304";
    let mut crc: u16 = 0xFFFF;
    for b in body.bytes() {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    format!("{body}{crc:04X}")
}

#[test]
fn a_rendered_qr_code_decodes_to_the_payload() {
    let payload = promptpay("0812345678", "1234.50");
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "ใบแจ้งหนี้");
    let mut page = pdf.document(PageSetup::a4_form());
    page.paragraph(Para::new().run("ยอดชำระ ").bold_field("1,234.50").run(" บาท"));
    page.qr(&payload, 40.0, Align::Right).expect("encodes");
    let out = write(pdf);
    let dir = out.path.parent().expect("temp dir");
    let prefix = dir.join("page");
    let path = out.path.to_str().expect("UTF-8");
    run("pdftoppm", "poppler-utils", &["-png", "-r", "150", path, prefix.to_str().expect("UTF-8")]);
    let png = std::fs::read_dir(dir)
        .expect("listing")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "png"))
        .expect("a rendered page");
    let decoded = run("zbarimg", "zbar-tools", &["--raw", "-q", png.to_str().expect("UTF-8")]);
    assert_eq!(decoded.trim_end(), payload);
}

#[test]
fn a_logo_used_on_every_letter_is_stored_once() {
    let mut logo = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut logo, 4, 4);
        enc.set_color(png::ColorType::Rgba);
        let mut w = enc.write_header().expect("header");
        w.write_image_data(&[200u8; 64]).expect("data");
    }
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "ตราสัญลักษณ์");
    for i in 0..3 {
        let mut page = pdf.document(PageSetup::a4_letter());
        page.image_png(&logo, 95.0, 10.0, 20.0).expect("a PNG");
        page.paragraph(Para::new().run("ฉบับที่ ").field(i.to_string()));
    }
    let out = write(pdf);
    let list = run("pdfimages", "poppler-utils", &["-list", out.path.to_str().expect("UTF-8")]);
    let objects: Vec<&str> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|cols| cols.get(2) == Some(&"image"))
        .map(|cols| cols.get(10).copied().unwrap_or(""))
        .collect();
    assert_eq!(objects.len(), 3, "{list}");
    assert!(objects.iter().all(|o| *o == objects[0]), "one image object: {list}");
}

#[test]
fn an_empty_file_and_a_page_without_text_are_valid_pdfs() {
    let fonts = Fonts::sarabun();
    let out = write(PdfBuilder::new(&fonts, "ว่าง"));
    let path = out.path.to_str().expect("UTF-8");
    assert!(
        run("qpdf", "qpdf", &["--check", path]).contains("No syntax or stream encoding errors")
    );
    let mut pdf = PdfBuilder::new(&fonts, "ภาพ");
    pdf.document(PageSetup::a4_letter()).rule().page_break().dotted_rule();
    assert_eq!(pdf.page_count(), 2);
    let out = write(pdf);
    let path = out.path.to_str().expect("UTF-8");
    assert!(
        run("qpdf", "qpdf", &["--check", path]).contains("No syntax or stream encoding errors")
    );
    let info = run("pdfinfo", "poppler-utils", &[path]);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(" 2")), "{info}");
}

#[test]
fn a_batch_of_letters_is_one_page_each_in_one_file() {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "หนังสือทวงถาม");
    for i in 0..20 {
        letters::write_letter(&mut pdf, &letters::debtor(i));
    }
    assert_eq!(pdf.page_count(), 20);
    let out = write(pdf);
    let text = pdftotext(&out.path, &[]);
    for i in 0..20 {
        let d = letters::debtor(i);
        assert!(text.contains(&format!("เรียน {}", d.name)), "{}", d.name);
        assert!(text.contains(&d.overdue));
    }
    assert_eq!(text.matches("ขอแสดงความนับถือ").count(), 20);
    let mut sig = PdfBuilder::new(&fonts, "ลายมือชื่อ");
    sig.document(PageSetup::a4_letter()).signature(&Signature::new("ผู้กู้", None));
    let out = write(sig);
    assert!(pdftotext(&out.path, &[]).contains("ลงชื่อ"));
}
