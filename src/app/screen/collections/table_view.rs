//! A report table (`domain::report::table::Table`) on screen as it is on paper: its columns by
//! kind (text wider, numbers right-aligned), the total line, its notes, and its chart as bars.
//! The collections reports (targets, the weekly report) show their tables with this, so the
//! screen, the PDF and the workbook never disagree.

use iced::widget::{Column, Row, column, container, row};
use iced::{Element, Fill, FillPortion, Length, Padding};

use crate::app::theme::{FONT_BOLD, boxes, dim, space};
use crate::app::widget::{body, muted, small, subtitle};
use crate::domain::report::table::{Chart, Kind, Table};

fn portion(kind: Kind, first: bool) -> u16 {
    match kind {
        Kind::Text if first => 4,
        Kind::Text => 5,
        Kind::Money => 3,
        Kind::Date | Kind::Count | Kind::Percent => 2,
    }
}

fn line<'a, M: 'a>(cells: Vec<(String, Kind, bool)>, bold: bool) -> Row<'a, M> {
    Row::with_children(cells.into_iter().enumerate().map(|(i, (text, kind, _))| {
        let right = kind != Kind::Text;
        let t = small(text).wrapping(iced::widget::text::Wrapping::WordOrGlyph);
        let t = if bold { t.font(FONT_BOLD) } else { t };
        let t = if right { t.align_x(iced::Right).width(Fill) } else { t.width(Fill) };
        container(t).width(FillPortion(portion(kind, i == 0))).into()
    }))
    .spacing(space::S)
    .padding(Padding::from([2.0, space::S]))
    .align_y(iced::Center)
}

/// A column heading that wraps between Thai words in its narrow column ("ร้อยละ|ของเป้า", not
/// "ร้อยละของเป้|า"). The word model is costly and `view` runs on every event, so each heading is
/// broken once and remembered; a report has a handful of distinct headings.
fn header(text: &str) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static BROKEN: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    BROKEN.with(|m| {
        m.borrow_mut()
            .entry(text.to_owned())
            .or_insert_with(|| crate::app::wrap::breakable(text))
            .clone()
    })
}

/// The table with its title line, at most `limit` rows (the rest are counted, not drawn).
pub fn view<'a, M: 'a>(t: &Table, limit: usize) -> Element<'a, M> {
    let kinds: Vec<Kind> = t.columns.iter().map(|c| c.kind).collect();
    let header = container(
        line(t.columns.iter().map(|c| (header(&c.header), c.kind, true)).collect(), true)
            .height(Length::Shrink),
    )
    .style(boxes::header_row)
    .width(Fill);
    let mut c = Column::new().spacing(0).push(subtitle(t.title.clone()));
    for s in &t.subtitle {
        c = c.push(muted(s.clone()));
    }
    c = c.push(header);
    if t.rows.is_empty() {
        c = c.push(container(muted("ไม่มีรายการ")).padding(space::S));
    }
    for (i, r) in t.rows.iter().take(limit).enumerate() {
        let cells = r.iter().zip(&kinds).map(|(cell, k)| (cell.text(), *k, false)).collect();
        c = c.push(container(line(cells, false)).style(boxes::row(i)).width(Fill));
    }
    if t.rows.len() > limit {
        c = c.push(muted(format!("และอีก {} รายการ (อยู่ในไฟล์ PDF และ Excel)", t.rows.len() - limit)));
    }
    if let Some(total) = &t.total {
        let cells = total.iter().zip(&kinds).map(|(cell, k)| (cell.text(), *k, false)).collect();
        c = c.push(line(cells, true));
    }
    for n in &t.notes {
        c = c.push(
            muted(format!("หมายเหตุ: {n}")).wrapping(iced::widget::text::Wrapping::WordOrGlyph),
        );
    }
    c.into()
}

/// The chart as horizontal bars scaled to the largest, the value beside each.
pub fn chart<'a, M: 'a>(chart: &Chart) -> Element<'a, M> {
    let most = chart.bars.iter().map(|b| b.value.0).max().unwrap_or(1).max(1);
    let mut c = Column::new().spacing(space::XS).push(subtitle(chart.title.clone()));
    for b in &chart.bars {
        let filled = ((b.value.0.max(0) * 100 / most) as u16).clamp(1, 100);
        let value = if chart.percent {
            format!("{}.{:02}%", b.value.0 / 100, b.value.0 % 100)
        } else {
            b.value.to_string()
        };
        let bar: Row<'_, M> = row![
            container(iced::widget::space())
                .height(16)
                .width(FillPortion(filled))
                .style(boxes::bar),
            iced::widget::space().width(FillPortion(101 - filled)),
        ];
        c = c.push(
            row![
                body(b.label.clone()).width(90),
                container(bar).width(Fill),
                body(value).width(110).align_x(iced::Right),
            ]
            .spacing(space::M)
            .height(dim::ROW * 0.8)
            .align_y(iced::Center),
        );
    }
    column![c].into()
}
