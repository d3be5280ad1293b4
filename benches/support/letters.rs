//! A realistic demand letter (หนังสือทวงถาม) with per-debtor fields, shared by the
//! `pdf_letters` bench, the timing example and the layout tests.

use plodnee::document::{Align, Column, PageSetup, Para, PdfBuilder, Signature, Table};

const FIRST: &[&str] = &["สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "บุญเรือน", "ณัฐพงษ์", "กัลยาณี"];
const LAST: &[&str] = &["ใจดี", "รักไทย", "ศรีสุวรรณ", "พงษ์พิทักษ์", "แก้วมณีวงศ์", "ทองคำ", "ค้ำชู"];
const TITLE: &[&str] = &["นาย", "นางสาว", "นาง"];
const MONTHS: &[&str] = &["มกราคม", "มีนาคม", "มิถุนายน", "กันยายน", "พฤศจิกายน", "ธันวาคม"];

/// The fields of one letter.
pub struct Debtor {
    pub name: String,
    pub guarantor: String,
    pub address: String,
    pub contract: String,
    pub signed: String,
    pub principal: String,
    pub overdue: String,
    pub due: String,
}

/// Deterministic, varied debtors: names, amounts and dates differ letter by letter.
pub fn debtor(i: usize) -> Debtor {
    let pick = |list: &[&'static str], k: usize| list[(i * 7 + k * 3) % list.len()];
    let baht = 5_000 + (i * 7_919) % 95_000;
    let satang = (i * 37) % 100;
    let money = |b: usize, s: usize| {
        let digits = b.to_string();
        let mut out = String::new();
        for (k, ch) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        format!("{out}.{s:02}")
    };
    Debtor {
        name: format!("{}{} {}", pick(TITLE, 0), pick(FIRST, 1), pick(LAST, 2)),
        guarantor: format!("{}{} {}", pick(TITLE, 3), pick(FIRST, 4), pick(LAST, 5)),
        address: format!(
            "บ้านเลขที่ {}/{} หมู่ {} ตำบลหนองน้ำใส อำเภอเมือง จังหวัดขอนแก่น",
            10 + i % 290,
            1 + i % 9,
            1 + i % 15
        ),
        contract: format!("กทบ.{:04}/2566", 1 + i % 9_000),
        signed: format!("{} {} 2566", 1 + i % 28, pick(MONTHS, 6)),
        principal: money(baht, 0),
        overdue: money(baht / 3 + 17, satang),
        due: format!("{} {} 2568", 1 + (i + 5) % 28, pick(MONTHS, 7)),
    }
}

/// One letter, one document in `pdf`: one page at 14 pt (16 pt Sarabun, larger than the
/// TH Sarabun PSK the 16 pt rule was written for, runs this letter onto a second page).
pub fn write_letter(pdf: &mut PdfBuilder, d: &Debtor) {
    let setup = PageSetup { line_height: 1.4, ..PageSetup::a4_letter().font_size(14.0) };
    write_letter_with(pdf, d, setup);
}

/// The same letter with another page setup.
pub fn write_letter_with(pdf: &mut PdfBuilder, d: &Debtor, setup: PageSetup) {
    let mut page = pdf.document(setup);
    // "ที่" on the left and the fund's address on the right share the first line; the date
    // goes below whichever is taller.
    let top = page.cursor_mm();
    let address = Para::text("กองทุนหมู่บ้านหนองน้ำใส จังหวัดขอนแก่น").right();
    let height = page.text_at(100.0, top, 90.0, &address);
    page.paragraph(Para::text("ที่ กทบ. ขก 0123/2568").space_after_mm(0.0));
    let below = page.cursor_mm().max(top + height);
    page.set_cursor_mm(below)
        .paragraph(Para::new().run("วันที่ ").field("21 พฤศจิกายน 2568").center())
        .paragraph(Para::new().bold("เรื่อง ").run("ขอให้ชำระหนี้เงินกู้ที่ค้างชำระ"))
        .paragraph(Para::new().bold("เรียน ").field(d.name.as_str()))
        .paragraph(
            Para::new()
                .indent_first()
                .run("ตามที่ท่านได้ทำสัญญากู้ยืมเงินจากกองทุนหมู่บ้านหนองน้ำใส ตามสัญญาเลขที่ ")
                .field(d.contract.as_str())
                .run(" ลงวันที่ ")
                .field(d.signed.as_str())
                .run(" จำนวนเงิน ")
                .field(d.principal.as_str())
                .run(" บาท โดยมี ")
                .field(d.guarantor.as_str())
                .run(
                    " เป็นผู้ค้ำประกัน และท่านตกลงจะชำระคืนเงินต้นพร้อมดอกเบี้ยเป็นงวดรายเดือน\
                     ตามตารางผ่อนชำระที่แนบท้ายสัญญา ทั้งนี้ท่านได้ให้ที่อยู่สำหรับการติดต่อไว้คือ ",
                )
                .field(d.address.as_str())
                .run(" ซึ่งกองทุนได้ใช้ที่อยู่ดังกล่าวในการส่งหนังสือแจ้งเตือนถึงท่านมาแล้วหลายครั้ง นั้น"),
        )
        .paragraph(
            Para::new()
                .indent_first()
                .run(
                    "บัดนี้ปรากฏว่าท่านได้ผิดนัดชำระหนี้ติดต่อกันเป็นเวลาหลายงวด ทำให้มียอดหนี้ค้างชำระ\
                     รวมทั้งสิ้น ",
                )
                .bold_field(d.overdue.as_str())
                .run(
                    " บาท ตามรายละเอียดในตารางข้างท้ายนี้ การผิดนัดชำระหนี้ดังกล่าวทำให้กองทุนไม่สามารถ\
                     นำเงินไปหมุนเวียนให้สมาชิกรายอื่นกู้ยืมได้ตามแผนที่วางไว้ และเป็นการผิดเงื่อนไขของสัญญา\
                     กู้ยืมเงิน ซึ่งคณะกรรมการกองทุนมีอำนาจบอกเลิกสัญญาและเรียกให้ชำระหนี้ทั้งหมดคืนในคราวเดียว \
                     รวมทั้งแจ้งให้ผู้ค้ำประกันชำระหนี้แทนได้",
                ),
        )
        .table(
            &Table::new(vec![
                Column::mm(20.0).center(),
                Column::share(1.0),
                Column::mm(45.0).right(),
            ])
            .header(["ลำดับ", "รายการ", "จำนวนเงิน (บาท)"])
            .row(["1", "เงินต้นค้างชำระ", d.overdue.as_str()])
            .row(["2", "ดอกเบี้ยค้างชำระ", "1,234.50"])
            .row(["3", "ค่าปรับกรณีผิดนัดชำระ", "150.00"])
            .row(["4", "ค่าติดตามทวงถาม", "50.00"])
            .row(["5", "รวมทั้งสิ้น", d.principal.as_str()]),
        )
        .paragraph(
            Para::new()
                .indent_first()
                .run(
                    "จึงเรียนมาเพื่อขอให้ท่านติดต่อชำระหนี้ที่ค้างชำระทั้งหมดต่อเหรัญญิกกองทุน ณ ที่ทำการกองทุน\
                     ภายในวันที่ ",
                )
                .field(d.due.as_str())
                .run(
                    " หากพ้นกำหนดดังกล่าวแล้วท่านยังเพิกเฉย กองทุนมีความจำเป็นต้องดำเนินการตามกฎหมายต่อไป \
                     หากท่านได้ชำระหนี้แล้วก่อนได้รับหนังสือฉบับนี้ กองทุนขออภัยมา ณ โอกาสนี้ และขอขอบคุณ\
                     ที่ให้ความร่วมมือ",
                ),
        )
        .paragraph(Para::text("ขอแสดงความนับถือ").center())
        .signature(&Signature {
            align: Align::Center,
            ..Signature::new("ประธานกองทุนหมู่บ้าน", Some("นายมั่นคง ซื่อตรง".into()))
        });
}
