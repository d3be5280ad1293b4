//! A report's chart on an iced canvas: bars (aging by bucket, amounts per group, letters per
//! month) or a line over the months (the PAR trend), with the values printed as the table prints
//! them and the month labels in พ.ศ. as the report gives them.

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::{Color, Pixels, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::app::theme::{self, chart};
use crate::domain::report::table::Chart;

const LEFT: f32 = 16.0;
const RIGHT: f32 = 16.0;
/// The title, then room for the tallest bar's value above it.
const TOP: f32 = 56.0;
/// Room under the plot for the labels, two lines of Thai with their marks.
const BOTTOM: f32 = 44.0;
const LABEL: f32 = 13.0;

pub struct ReportChart<'a> {
    pub chart: &'a Chart,
}

fn label(content: String, position: Point, color: Color) -> Text {
    Text {
        content,
        position,
        color,
        size: Pixels(LABEL),
        font: theme::FONT,
        // Thai vowels and tone marks stack: shaping must be the full one.
        shaping: iced::widget::text::Shaping::Advanced,
        ..Text::default()
    }
}

impl<M> canvas::Program<M> for ReportChart<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let c = self.chart;
        frame.fill_text(label(c.title.clone(), Point::new(LEFT, 6.0), chart::TEXT));
        let n = c.bars.len();
        if n == 0 {
            return vec![frame.into_geometry()];
        }
        let (w, h) = (bounds.width - LEFT - RIGHT, bounds.height - TOP - BOTTOM);
        let max = c.bars.iter().map(|b| b.value.0).max().unwrap_or(0).max(1) as f32;
        let slot = w / n as f32;
        let y_of = |v: i64| TOP + h * (1.0 - v.max(0) as f32 / max);
        let axis = Stroke::default().with_color(chart::AXIS).with_width(1.5);
        frame.stroke(&Path::line(Point::new(LEFT, TOP + h), Point::new(LEFT + w, TOP + h)), axis);
        // Labels would overlap when slots are narrow: then every other one.
        let every = if slot < 56.0 { 2 } else { 1 };
        let mut points = Vec::with_capacity(n);
        for (i, bar) in c.bars.iter().enumerate() {
            let x = LEFT + slot * i as f32;
            let centre = x + slot / 2.0;
            let y = y_of(bar.value.0);
            if c.line {
                points.push(Point::new(centre, y));
            } else {
                let bw = (slot * 0.6).min(90.0);
                frame.fill_rectangle(
                    Point::new(centre - bw / 2.0, y),
                    Size::new(bw, (TOP + h - y).max(1.0)),
                    chart::SERIES[0],
                );
            }
            let mut value = label(c.label(bar.value), Point::new(centre, y - 4.0), chart::TEXT);
            value.align_x = iced::widget::text::Alignment::Center;
            value.align_y = iced::alignment::Vertical::Bottom;
            if i % every == 0 || (c.line && i + 1 == n) {
                frame.fill_text(value);
                let mut name =
                    label(bar.label.clone(), Point::new(centre, TOP + h + 6.0), chart::AXIS);
                name.align_x = iced::widget::text::Alignment::Center;
                frame.fill_text(name);
            }
        }
        if c.line {
            let path = Path::new(|b| {
                for (i, p) in points.iter().enumerate() {
                    if i == 0 { b.move_to(*p) } else { b.line_to(*p) }
                }
            });
            frame.stroke(&path, Stroke::default().with_color(chart::SERIES[0]).with_width(2.5));
            for p in &points {
                frame.fill(&Path::circle(*p, 3.5), chart::SERIES[0]);
            }
        }
        vec![frame.into_geometry()]
    }
}
