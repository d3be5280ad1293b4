//! Every building block of the Thai PDF engine on a few pages, for looking at:
//! `cargo run --example pdf_showcase` writes `out/showcase.pdf`; render it with
//! `pdftoppm -png -r 100 out/showcase.pdf out/showcase`.

#[path = "../benches/support/letters.rs"]
mod letters;

use plodnee::document::{
    Align, Column, Fonts, PageNumbers, PageSetup, Para, PdfBuilder, Signature, Table,
};

fn logo() -> Vec<u8> {
    // A blue disc on a transparent background, so the alpha channel is exercised too.
    let mut png = Vec::new();
    let mut enc = png::Encoder::new(&mut png, 64, 64);
    enc.set_color(png::ColorType::Rgba);
    let mut px = Vec::with_capacity(64 * 64 * 4);
    for y in 0..64i32 {
        for x in 0..64i32 {
            let inside = (x - 32).pow(2) + (y - 32).pow(2) < 900;
            px.extend_from_slice(&[30, 80, 160, if inside { 255 } else { 0 }]);
        }
    }
    if let Ok(mut w) = enc.write_header() {
        let _ = w.write_image_data(&px);
    }
    png
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let fonts = Fonts::sarabun();
    let mut pdf = PdfBuilder::new(&fonts, "ตัวอย่างเอกสาร");

    let mut page = pdf.document(PageSetup::a4_form().page_numbers(PageNumbers::OfTotal));
    page.image_png(&logo(), 95.0, 10.0, 20.0)?;
    page.spacer(20.0)
        .paragraph(Para::text("ที่ น้ำ ค้ำประกัน ผู้กู้ ปี่ ญุ ฐุ ฎุ กำหนด ป่ำ ฟ้ำ ฝั่ง ปั้น").size(30.0))
        .paragraph(Para::new().bold("ที่ น้ำ ค้ำประกัน ผู้กู้ ปี่ ญุ ฐุ กำหนด ป่ำ ฟ้ำ").size(30.0))
        .rule()
        .label_value("ชื่อผู้กู้", "นายสมชาย ใจดี", 35.0)
        .label_value(
            "ที่อยู่",
            "บ้านเลขที่ 12/3 หมู่ 4 ตำบลหนองน้ำใส อำเภอเมือง จังหวัดขอนแก่น 40000 \
             โทรศัพท์ 081-234-5678 (ติดต่อได้ทุกวันในเวลาราชการ)",
            35.0,
        )
        .table(
            &Table::new(vec![
                Column::mm(20.0).center(),
                Column::share(1.0),
                Column::mm(45.0).right(),
            ])
            .header(["งวด", "รายการ", "จำนวนเงิน (บาท)"])
            .row(["1", "ค่างวดเงินต้นพร้อมดอกเบี้ยตามสัญญาค้ำประกันและบันทึกข้อตกลงปรับโครงสร้างหนี้", "1,234.50"])
            .row(["2", "ค่าปรับ", "50.00"]),
        );
    // A real invoice encodes a PromptPay payload here (built in the domain layer).
    page.qr("plodnee QR demo: 1,234.50 THB", 40.0, Align::Right)?;
    page.signature(&Signature::new("ผู้กู้", None)).signature(&Signature {
        align: Align::Left,
        ..Signature::new("ผู้ค้ำประกัน", Some("นางสาวประภาพรรณ ศรีสุวรรณวงศ์".into()))
    });
    for _ in 0..3 {
        page.paragraph(Para::text("ย่อหน้าทดสอบการขึ้นหน้าใหม่ ".repeat(12)).indent_first());
    }

    // The demand letter at the Thai government's 16 pt: two pages, numbered "- 2 -".
    letters::write_letter_with(&mut pdf, &letters::debtor(7), PageSetup::a4_letter());
    // And at 14 pt on one page, as the batch benchmark prints it.
    letters::write_letter(&mut pdf, &letters::debtor(8));

    std::fs::create_dir_all("out")?;
    std::fs::write("out/showcase.pdf", pdf.finish()?)?;
    println!("out/showcase.pdf");
    Ok(())
}
