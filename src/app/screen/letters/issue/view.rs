//! What the letter screens share: the composed letter shown as structured text (the live
//! preview of the letter and template screens), its compliance warnings, and the panel of a
//! saved file with its "open" button.
//!
//! The preview is text, not a picture of the PDF page: the document engine writes PDF only, and
//! running a rasteriser would put an outside program in the app. The text is the letter's own
//! content (the same `Letter` the PDF is laid out from), so what is read here is what is printed.

use iced::widget::{Column, column, container, row};
use iced::{Element, Fill};

use crate::app::theme::{Tone, boxes, dim, space};
use crate::app::widget::{
    badge, body, breakable, card, cell, col, error_text, money, muted, num, secondary_button,
    strong, subtitle, table_header, table_row,
};
use crate::app::wrap::breakable_keeping;
use crate::domain::Satang;
use crate::domain::letter::compliance::forbidden_in_letter;
use crate::domain::letter::compose::{Letter, plain_text};
use crate::domain::letter::facts::DueRow;
use crate::domain::letter::template::Run;
use crate::domain::thai::date::{format_long, format_short};

/// A composed letter made ready for the screen: long Thai paragraphs get their word breaks once
/// here ([`breakable`] is too slow to run in `view`).
#[derive(Debug, Clone)]
pub struct Shown {
    pub number: String,
    pub date: String,
    pub institute: String,
    pub subject: String,
    pub recipient: String,
    pub address: String,
    pub salutation: String,
    pub reference: String,
    pub enclosure: String,
    pub body: Vec<String>,
    pub rows: Vec<(String, Satang)>,
    pub due_rows: Vec<DueRow>,
    pub total: Satang,
    pub total_words: String,
    pub pay_note: Option<String>,
    pub closing: String,
    pub signer: String,
    pub position: String,
}

fn runs(r: &[Run]) -> String {
    r.iter().map(|r| r.text.as_str()).collect()
}

/// A paragraph broken as the PDF breaks it: between words of the wording, never inside a
/// field's value (`15 มีนาคม 2568`, a name), never where the glue rules join two words
/// (`3 งวด`, `บาท (`), so a date or a name stays on one line as on paper.
fn paragraph(r: &[Run]) -> String {
    let mut text = String::new();
    let mut fields = Vec::new();
    for run in r {
        let start = text.len();
        text.push_str(&run.text);
        if run.field {
            fields.push(start..text.len());
        }
    }
    breakable_keeping(&text, &fields)
}

impl Shown {
    pub fn of(l: &Letter) -> Shown {
        let mut rows: Vec<(String, Satang)> =
            l.rows.iter().map(|r| (r.label.clone(), r.amount)).collect();
        if !l.due_rows.is_empty() {
            rows = l.extra_rows.iter().map(|r| (r.label.clone(), r.amount)).collect();
        }
        Shown {
            number: l.number.clone(),
            date: format_long(l.date),
            institute: breakable(&l.head.name),
            subject: breakable(&l.subject),
            recipient: l.recipient.name.clone(),
            address: breakable(&l.recipient.lines.join(" ")),
            salutation: runs(&l.salutation),
            reference: paragraph(&l.reference),
            enclosure: paragraph(&l.enclosure),
            body: l.body.iter().map(|p| paragraph(p)).collect(),
            rows,
            due_rows: l.due_rows.clone(),
            total: l.total,
            total_words: l.total_words.clone(),
            // Only an invoice tells how to pay (beside its QR, or instead of it).
            pay_note: (l.kind == crate::domain::letter::Kind::Invoice)
                .then(|| breakable(&l.pay_note)),
            closing: l.closing.clone(),
            signer: l.signer.name.clone(),
            position: l.signer.position.clone(),
        }
    }
}

/// Warnings an officer should read before issuing: the issuer's own (a late s.686 notice, an
/// invoice without QR) and any forbidden wording the filled-in letter ended up with.
pub fn warnings(letters: &[Letter], issuer: &[String]) -> Vec<String> {
    let mut out = issuer.to_vec();
    for l in letters {
        for word in forbidden_in_letter(&plain_text(l)) {
            out.push(format!(
                "หนังสือถึง {} มีถ้อยคำ \"{word}\" ซึ่งห้ามใช้ในการทวงถามหนี้",
                l.recipient.name
            ));
        }
    }
    out
}

/// The letter as a reader sees it, top to bottom in the official layout's order.
pub fn letter<'a, M: 'a>(s: &'a Shown, preview: bool) -> Element<'a, M> {
    let mut head = row![strong(format!("ที่ {}", s.number)).width(Fill)].spacing(space::S);
    if preview {
        head = head.push(badge("ตัวอย่าง ยังไม่ออกเลข", Tone::Warn));
    }
    let mut page = Column::new()
        .spacing(space::S)
        .push(head)
        .push(body(&s.institute))
        .push(body(format!("วันที่ {}", s.date)).align_x(iced::Center).width(Fill))
        .push(row![strong("เรื่อง").width(dim::LABEL / 2.0), body(&s.subject).width(Fill)])
        .push(body(&s.salutation));
    if !s.reference.is_empty() {
        page = page.push(row![muted("อ้างถึง").width(dim::LABEL / 2.0), body(&s.reference)]);
    }
    if !s.enclosure.is_empty() {
        page = page.push(row![muted("สิ่งที่ส่งมาด้วย").width(dim::LABEL / 2.0), body(&s.enclosure)]);
    }
    for (i, p) in s.body.iter().enumerate() {
        // A field longer than what is left of a line breaks inside rather than overflowing.
        let text = body(format!("        {p}")).wrapping(iced::widget::text::Wrapping::WordOrGlyph);
        page = page.push(text.width(Fill));
        if i == 0 {
            page = page.push(amounts(s));
        }
    }
    if s.body.is_empty() {
        page = page.push(amounts(s));
    }
    if let Some(note) = &s.pay_note {
        page = page.push(muted(note));
    }
    page = page.push(
        column![body(&s.closing), body(format!("({})", s.signer)), body(&s.position),]
            .align_x(iced::Center)
            .width(Fill),
    );
    let to = column![muted("ผู้รับ"), strong(&s.recipient), body(&s.address)].spacing(0);
    card(column![to, container(page).padding(space::L).style(boxes::card)].spacing(space::M))
}

fn amounts<'a, M: 'a>(s: &'a Shown) -> Element<'a, M> {
    let mut table = Column::new();
    if !s.due_rows.is_empty() {
        let cols = [
            num("งวดที่", 1),
            col("ครบกำหนด", 2),
            num("เงินต้น", 2),
            num("ดอกเบี้ย", 2),
            num("ผิดนัด", 2),
            num("รวม", 2),
        ];
        table = table.push(table_header(&cols));
        for d in &s.due_rows {
            table = table.push(table_row(
                &cols,
                vec![
                    cell(d.no.to_string()).into(),
                    cell(format_short(d.due_date)).into(),
                    money(d.principal).into(),
                    money(d.interest).into(),
                    money(d.default_interest).into(),
                    money(d.total()).into(),
                ],
            ));
        }
    }
    let cols = [col("รายการ", 6), num("จำนวนเงิน (บาท)", 3)];
    if s.due_rows.is_empty() {
        table = table.push(table_header(&cols));
    }
    for (label, amount) in &s.rows {
        table = table.push(table_row(&cols, vec![cell(label).into(), money(*amount).into()]));
    }
    table = table
        .push(table_row(&cols, vec![strong("รวมทั้งสิ้น").into(), money(s.total).into()]))
        .push(muted(format!("({})", s.total_words)).align_x(iced::Right).width(Fill));
    container(table).padding([0.0, space::L]).into()
}

/// A saved file: where it is (and why there, when no dialog could open), a button that opens it
/// in the system's viewer, and under that button the line kept for why it would not open.
pub fn saved<'a, M: Clone + 'a>(
    heading: &'a str,
    note: String,
    open: M,
    error: Option<&'a str>,
) -> Element<'a, M> {
    let error: Element<'a, M> = match error {
        Some(e) => error_text(e).into(),
        None => muted(" ").into(),
    };
    container(
        column![
            subtitle(heading),
            body(note).wrapping(iced::widget::text::Wrapping::WordOrGlyph),
            column![secondary_button("เปิดไฟล์", Some(open)), error].spacing(space::XS),
        ]
        .spacing(space::S),
    )
    .padding(space::M)
    .width(Fill)
    .style(boxes::success)
    .into()
}

/// The kinds as a column of full-width buttons, the chosen one filled: in a narrow panel a row
/// of long Thai names would wrap inside its buttons.
pub fn kind_list<'a, M: Clone + 'a>(
    kinds: &'a [crate::domain::letter::Kind],
    chosen: crate::domain::letter::Kind,
    on_choose: impl Fn(crate::domain::letter::Kind) -> M + 'a,
) -> Element<'a, M> {
    use crate::app::theme::buttons;
    Column::with_children(kinds.iter().map(|k| {
        iced::widget::button(body(k.to_string()))
            .width(Fill)
            .padding([space::XS / 2.0, space::M])
            .style(if *k == chosen { buttons::primary } else { buttons::secondary })
            .on_press(on_choose(*k))
            .into()
    }))
    .spacing(space::XS)
    .into()
}
