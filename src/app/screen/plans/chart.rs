//! The comparison chart of the plan builder: the balance still owed after each installment of
//! every option, drawn on an iced canvas with the amounts in baht and the years in พ.ศ.

use chrono::{Datelike, NaiveDate};
use iced::widget::canvas::{self, Frame, Geometry, LineDash, Path, Stroke, Text};
use iced::{Color, Pixels, Point, Rectangle, Renderer, Theme, mouse};

use crate::app::theme::{self, chart};
use crate::domain::Satang;

/// Room for the axis labels around the plot.
const LEFT: f32 = 96.0;
const BOTTOM: f32 = 44.0;
const TOP: f32 = 36.0;
const RIGHT: f32 = 20.0;
const LABEL: f32 = 13.0;

/// One curve per option, in the options' order (colour k is option k).
pub struct BalanceChart {
    pub curves: Vec<Vec<(NaiveDate, Satang)>>,
    pub names: Vec<String>,
}

/// 1, 2 or 5 times a power of ten at or above `x`: grid steps a reader can add up.
fn nice(x: i64) -> i64 {
    let mut p = 1i64;
    while p * 10 <= x.max(1) {
        p *= 10;
    }
    [1, 2, 5, 10].into_iter().map(|m| m * p).find(|v| *v >= x).unwrap_or(10 * p)
}

fn baht(v: i64) -> String {
    let s = Satang::from_baht(v).to_string();
    s.trim_end_matches(".00").to_string()
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

impl<M> canvas::Program<M> for BalanceChart {
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
        let points = self.curves.iter().flatten();
        let (Some(start), Some(end)) =
            (points.clone().map(|p| p.0).min(), points.clone().map(|p| p.0).max())
        else {
            return vec![frame.into_geometry()];
        };
        let top_baht = points.map(|p| p.1.0 / 100).max().unwrap_or(0);
        let step = nice((top_baht / 4).max(1));
        let y_max = (step * ((top_baht + step - 1) / step).max(1)) as f32;
        let (w, h) = (bounds.width - LEFT - RIGHT, bounds.height - TOP - BOTTOM);
        let days = ((end - start).num_days().max(1)) as f32;
        let x_of = |d: NaiveDate| LEFT + w * (d - start).num_days() as f32 / days;
        let y_of = |baht: f32| TOP + h * (1.0 - baht / y_max);
        let grid = Stroke::default().with_color(chart::GRID).with_width(1.0);

        // Horizontal grid with amounts.
        let mut v = 0i64;
        while v as f32 <= y_max {
            let y = y_of(v as f32);
            frame.stroke(&Path::line(Point::new(LEFT, y), Point::new(LEFT + w, y)), grid);
            let mut t = label(baht(v), Point::new(LEFT - 8.0, y), chart::AXIS);
            t.align_x = iced::widget::text::Alignment::Right;
            t.align_y = iced::alignment::Vertical::Center;
            frame.fill_text(t);
            v += step;
        }
        // A tick at each new year, labelled in พ.ศ.
        let first_year = start.year() + 1;
        let years = end.year() - first_year + 1;
        let every = (years / 8 + 1).max(1);
        for year in (first_year..=end.year()).step_by(every as usize) {
            let Some(d) = NaiveDate::from_ymd_opt(year, 1, 1) else { continue };
            let x = x_of(d);
            frame.stroke(&Path::line(Point::new(x, TOP), Point::new(x, TOP + h)), grid);
            let mut t = label((year + 543).to_string(), Point::new(x, TOP + h + 6.0), chart::AXIS);
            t.align_x = iced::widget::text::Alignment::Center;
            frame.fill_text(t);
        }
        let axis = Stroke::default().with_color(chart::AXIS).with_width(1.5);
        frame.stroke(&Path::line(Point::new(LEFT, TOP), Point::new(LEFT, TOP + h)), axis);
        frame.stroke(&Path::line(Point::new(LEFT, TOP + h), Point::new(LEFT + w, TOP + h)), axis);
        frame.fill_text(label("ยอดคงเหลือ (บาท)".into(), Point::new(8.0, 6.0), chart::TEXT));
        let mut t = label("ปี พ.ศ.".into(), Point::new(LEFT + w, TOP + h + 24.0), chart::TEXT);
        t.align_x = iced::widget::text::Alignment::Right;
        frame.fill_text(t);

        // The curves, with a legend along the top.
        let dashes: [&[f32]; 3] = [&[], &[10.0, 5.0], &[3.0, 4.0]];
        let mut legend_x = LEFT + 200.0;
        for (k, curve) in self.curves.iter().enumerate() {
            let color = chart::SERIES[k % 3];
            let path = Path::new(|b| {
                for (i, (d, s)) in curve.iter().enumerate() {
                    let p = Point::new(x_of(*d), y_of(s.0 as f32 / 100.0));
                    if i == 0 { b.move_to(p) } else { b.line_to(p) }
                }
            });
            let stroke = Stroke {
                line_dash: LineDash { segments: dashes[k % 3], offset: 0 },
                ..Stroke::default().with_color(color).with_width(2.5)
            };
            frame.stroke(&path, stroke);
            let y = 14.0;
            frame.stroke(
                &Path::line(Point::new(legend_x, y), Point::new(legend_x + 28.0, y)),
                stroke,
            );
            let name = self.names.get(k).cloned().unwrap_or_default();
            let mut t = label(name, Point::new(legend_x + 34.0, y), chart::TEXT);
            t.align_y = iced::alignment::Vertical::Center;
            frame.fill_text(t);
            legend_x += 150.0;
        }
        vec![frame.into_geometry()]
    }
}
