//! How the reports screen looks: the choices and dates in a card, then each table of the report
//! with its chart above it and its notes below.

use iced::widget::{Column, canvas, column, row};
use iced::{Element, Fill};

use super::{Format, Input, Message, ReportScreen};
use crate::app::screen::reports::chart::ReportChart;
use crate::app::theme::{FONT_BOLD, space};
use crate::app::widget::{
    Col, body, card, cell, cell_hint, choices, col, error_banner, field, labelled, muted,
    notice_banner, num, page, primary_button, secondary_button, section, striped, table_row, title,
};
use crate::domain::report::GroupBy;
use crate::domain::report::kind::ReportKind;
use crate::domain::report::table::{Cell, Kind, Table};

/// Rows drawn on screen per table: iced lays out every child, and a list of thousands of debtors
/// belongs in the saved file, which always holds every row.
pub const SHOWN_ROWS: usize = 200;
const CHART_HEIGHT: f32 = 240.0;

impl ReportScreen {
    pub fn view(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::L).push(title("รายงานและกราฟ"));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e.as_str()));
        }
        if let Some(n) = &self.notice {
            content = content.push(notice_banner(n.as_str()));
        }
        if let Some(path) = &self.saved {
            content = content.push(card(
                row![
                    body(format!("บันทึกแล้วที่ {}", path.display()))
                        .wrapping(iced::widget::text::Wrapping::Glyph)
                        .width(Fill),
                    secondary_button("เปิดไฟล์", Some(Message::Open)),
                ]
                .spacing(space::M)
                .align_y(iced::Center),
            ));
        }
        content = content.push(self.view_choices());
        if let Some(running) = &self.running {
            content = content.push(card(
                row![
                    body(format!("กำลังคำนวณ {} …", running.request.kind)).width(Fill),
                    secondary_button("ยกเลิกการคำนวณ", Some(Message::Cancel)),
                ]
                .spacing(space::M)
                .align_y(iced::Center),
            ));
        }
        if let Some((_, tables)) = &self.shown {
            for t in tables.iter() {
                content = content.push(view_table(t));
            }
        } else if self.running.is_none() {
            content = content.push(muted("ยังไม่มีรายงาน"));
        }
        page(content)
    }

    fn view_choices(&self) -> Element<'_, Message> {
        let date_field = |label: &'static str, input: Input| {
            field(label, input.id(), "วว/ดด/ปปปป", self.form.get(input), move |v| {
                Message::Edit(input, v)
            })
            .error(self.form.error(input))
            .hint("พ.ศ. หรือ ค.ศ. ก็ได้")
            .submit(Message::Show)
        };
        let mut c = Column::new().spacing(space::M).push(labelled(
            "รายงาน",
            choices(ReportKind::ALL, Some(&self.kind), Message::KindChosen),
        ));
        if self.kind.has_grouping() {
            c = c.push(labelled(
                "จัดกลุ่ม",
                choices(GroupBy::ALL, Some(&self.by), Message::GroupChosen),
            ));
        }
        if self.kind.has_period() {
            c = c.push(date_field("ตั้งแต่วันที่", Input::From));
            c = c.push(date_field("ถึงวันที่", Input::AsOf));
        } else {
            c = c.push(date_field("ณ วันที่", Input::AsOf));
        }
        let may_save = self.shown.is_some() && self.saving.is_none() && !self.busy();
        let mut buttons =
            row![primary_button("แสดงรายงาน (Enter)", Some(Message::Show))].spacing(space::M);
        for f in Format::ALL {
            buttons =
                buttons.push(secondary_button(f.label(), may_save.then_some(Message::Save(f))));
        }
        card(c.push(buttons.wrap().vertical_spacing(space::S)))
    }
}

fn column_spec(t: &Table) -> Vec<Col> {
    // Headers are the table's own; `Col` wants them 'static, so the known widths are chosen by
    // kind and the header is drawn separately.
    t.columns
        .iter()
        .enumerate()
        .map(|(i, c)| match c.kind {
            Kind::Text if i == 0 => col("", 5),
            Kind::Text => col("", 3),
            Kind::Money => num("", 3),
            Kind::Date => col("", 2),
            Kind::Count | Kind::Percent => num("", 2),
        })
        .collect()
}

fn view_cell<'a>(c: &Cell, bold: bool) -> Element<'a, Message> {
    let text = c.text();
    match c {
        Cell::Text(_) if !bold => cell_hint(text),
        _ if bold => cell(text).font(FONT_BOLD).into(),
        _ => cell(text).into(),
    }
}

fn view_table(t: &Table) -> Element<'_, Message> {
    let cols = column_spec(t);
    let headers: Vec<Element<'_, Message>> = t
        .columns
        .iter()
        .zip(&cols)
        .map(|(c, spec)| {
            // Thai has no spaces to break at: long headers break between clusters instead.
            let h = crate::app::widget::small(c.header.as_str())
                .font(FONT_BOLD)
                .wrapping(iced::widget::text::Wrapping::WordOrGlyph);
            if spec.right { h.align_x(iced::Right).width(Fill).into() } else { h.into() }
        })
        .collect();
    let mut body_rows = Column::new().push(header_row(&cols, headers));
    for (i, r) in t.rows.iter().take(SHOWN_ROWS).enumerate() {
        body_rows = body_rows
            .push(striped(i, table_row(&cols, r.iter().map(|c| view_cell(c, false)).collect())));
    }
    if t.rows.len() > SHOWN_ROWS {
        body_rows = body_rows.push(muted(format!(
            "แสดง {} แถวแรกจาก {} แถว ไฟล์ที่บันทึกมีครบทุกแถว",
            SHOWN_ROWS,
            crate::app::screen::home::thousands(t.rows.len() as i64)
        )));
    }
    if let Some(total) = &t.total {
        body_rows =
            body_rows.push(table_row(&cols, total.iter().map(|c| view_cell(c, true)).collect()));
    }
    let mut inner = Column::new().spacing(space::M);
    for line in &t.subtitle {
        inner = inner.push(muted(line.as_str()));
    }
    if let Some(chart) = &t.chart {
        inner = inner.push(canvas(ReportChart { chart }).width(Fill).height(CHART_HEIGHT));
    }
    inner = inner.push(body_rows);
    for note in &t.notes {
        inner = inner.push(
            muted(format!("หมายเหตุ: {note}")).wrapping(iced::widget::text::Wrapping::WordOrGlyph),
        );
    }
    section(t.title.as_str(), vec![], column![inner])
}

/// The header row, with the table's own Thai headers (wrapped: some are long).
fn header_row<'a>(cols: &[Col], headers: Vec<Element<'a, Message>>) -> Element<'a, Message> {
    iced::widget::container(table_row(cols, headers).height(iced::Shrink))
        .style(crate::app::theme::boxes::header_row)
        .into()
}
