//! The Thai glue rules in the layout engine, on hard cases: each paragraph is laid out with
//! first-line indents from 0 to 150 mm, a millimetre at a time, so that the first line's end
//! sweeps across every place in the opening words (where each case sits), and
//! no layout may end a line between a number and its unit (`5 | งวด`), after an opening
//! bracket, between a title and a name, or inside a date; words wider than a line break at a
//! glued join before they are cut between letters.

use plodnee::document::{Fonts, PageSetup, Para, PdfBuilder};

/// Lays `para` out at every first-line indent from 0 to 150 mm and checks each layout.
fn sweep(para: &Para, check: impl Fn(&[String])) {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "sweep");
    let mut page = pdf.document(PageSetup::a4_letter());
    let mut seen_breaks = 0;
    for indent in 0..=150 {
        let p = para.clone().indent_first_mm(indent as f32);
        let lines = page.line_texts(&p);
        assert_eq!(lines.concat(), p.plain_text());
        seen_breaks += lines.len() - 1;
        check(&lines);
    }
    assert!(seen_breaks > 0, "the paragraph never broke: the test proves nothing");
}

fn pairs(lines: &[String]) -> impl Iterator<Item = (&str, &str)> {
    lines.windows(2).map(|w| (w[0].trim_end(), w[1].as_str()))
}

fn ends_with_digit(s: &str) -> bool {
    s.chars().last().is_some_and(|c| c.is_ascii_digit())
}

#[test]
fn the_number_of_installments_stays_with_the_word_installments() {
    // The demand letter's sentence from issue 11 §4, where "5" ended a line and "งวด" began
    // the next.
    let para = Para::new()
        .run("ปรากฏว่าท่านค้างชำระมาแล้ว ")
        .field("5")
        .run(" งวด นับแต่งวดที่ครบกำหนดวันที่ ")
        .field("19 ตุลาคม 2567")
        .run(" เป็นเวลา ")
        .field("398")
        .run(" วัน");
    sweep(&para, |lines| {
        for (a, b) in pairs(lines) {
            assert!(
                !(ends_with_digit(a) && (b.starts_with("งวด") || b.starts_with("วัน"))),
                "{lines:#?}"
            );
        }
        assert!(lines.iter().any(|l| l.contains("5 งวด")), "{lines:#?}");
        assert!(lines.iter().any(|l| l.contains("398 วัน")), "{lines:#?}");
    });
}

#[test]
fn an_amount_keeps_baht_and_the_bracket_keeps_the_words() {
    let para = Para::new()
        .run("ทั้งสิ้นจำนวน ")
        .field("9,170.77")
        .run(" บาท (")
        .field("เก้าพันหนึ่งร้อยเจ็ดสิบบาทเจ็ดสิบเจ็ดสตางค์")
        .run(") ตามรายละเอียดดังนี้");
    sweep(&para, |lines| {
        for (a, b) in pairs(lines) {
            assert!(!a.ends_with('('), "a line ends with an opening bracket: {lines:#?}");
            assert!(!(ends_with_digit(a) && b.starts_with("บาท")), "{lines:#?}");
        }
        assert!(lines.iter().any(|l| l.contains("9,170.77 บาท")), "{lines:#?}");
    });
}

#[test]
fn a_bracket_inside_template_wording_never_ends_a_line() {
    // Template text, broken by ICU4X itself: the LSTM model finds a word boundary right after
    // "(" where Thai follows it.
    let para = Para::text(
        "หนี้ค้างยกมา(ไม่คิดดอกเบี้ย) และ (ลด)ดอกเบี้ยผิดนัด ตามหลักยึด ลด ปลด หมดหนี้ (ตามแผนที่อนุมัติแล้ว) เพื่อให้ลูกหนี้ชำระได้",
    );
    sweep(&para, |lines| {
        for (a, _) in pairs(lines) {
            assert!(!a.ends_with('('), "{lines:#?}");
        }
    });
}

#[test]
fn a_title_is_never_parted_from_the_name() {
    let para =
        Para::text("รับเงินจากนางสมศรี ใจดี แทนนายสมชาย และนางสาวสมหญิง ซึ่งมีนาย สมปอง ทองดี เป็นผู้ค้ำประกัน");
    sweep(&para, |lines| {
        for (a, _) in pairs(lines) {
            for title in ["นาย", "นาง", "นางสาว"] {
                assert!(!a.ends_with(title), "{title} ends a line: {lines:#?}");
            }
        }
    });
}

#[test]
fn a_date_in_template_wording_stays_on_one_line() {
    let para =
        Para::text("ภายในวันที่ 6 ธันวาคม 2568 ตามสัญญาลงวันที่ 15 มีนาคม 2566 และมติเมื่อ 3 ม.ค. 68 ต่อไป");
    sweep(&para, |lines| {
        for date in ["6 ธันวาคม 2568", "15 มีนาคม 2566", "3 ม.ค. 68"]
        {
            assert!(lines.iter().any(|l| l.contains(date)), "{date} split: {lines:#?}");
        }
    });
}

#[test]
fn glued_words_wider_than_a_line_break_at_the_join_not_inside_the_number() {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "narrow");
    let mut page = pdf.document(PageSetup::a4_letter());
    // 160 mm of text block less 132 mm: a 28 mm line holds "1,234.50" but not "1,234.50 บาท".
    let narrow = |p: Para| p.indent_left_mm(132.0);
    let lines = page.line_texts(&narrow(Para::new().field("1,234.50").run(" บาท")));
    assert_eq!(lines, ["1,234.50 ", "บาท"]);
    let lines = page.line_texts(&narrow(Para::text("ชำระแล้ว 1,234.50 บาท")));
    assert_eq!(lines, ["ชำระแล้ว ", "1,234.50 ", "บาท"]);
}
