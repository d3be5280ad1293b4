//! Small building blocks every screen shares: Thai text with room for its marks, right-aligned
//! money, labelled fields with their error beside them, tables, and a virtual list for thousands
//! of rows (iced 0.14 lays out every child of a column, so only the visible rows are built).

use iced::alignment::{Horizontal, Vertical};
use iced::widget::scrollable::Viewport;
use iced::widget::text::{LineHeight, Wrapping};
use iced::widget::{
    Column, Row, Space, Text, button, column, container, row, scrollable, text, text_input,
};
use iced::{Element, Fill, FillPortion, Length, Padding, Shrink};

use super::theme::{Tone, boxes, buttons, dim, inputs, size, space, texts};
use crate::domain::Satang;

/// Thai writes no spaces between words, so a long name wraps mid-word (or not at all). This puts
/// a zero-width space at each word boundary (ICU4X's LSTM model, which splits names better than
/// the dictionary one) so the text wraps between words. Costly per call: use it once per text,
/// not in `view`.
pub fn breakable(text: &str) -> String {
    let segmenter = icu_segmenter::LineSegmenter::new_lstm(Default::default());
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut last = 0;
    for b in segmenter.segment_str(text) {
        if b > last {
            if last > 0 && !text[..last].ends_with(char::is_whitespace) {
                out.push('\u{200B}');
            }
            out.push_str(&text[last..b]);
            last = b;
        }
    }
    out
}

/// Body text with the line height Thai needs.
pub fn body<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).size(size::BODY).line_height(LineHeight::Relative(dim::LINE_HEIGHT))
}

pub fn small<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).size(size::SMALL).line_height(LineHeight::Relative(dim::LINE_HEIGHT))
}

pub fn muted<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    small(content).style(texts::muted)
}

pub fn strong<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    body(content).font(super::theme::FONT_BOLD)
}

pub fn title<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content)
        .size(size::TITLE)
        .font(super::theme::FONT_BOLD)
        .line_height(LineHeight::Relative(dim::LINE_HEIGHT))
}

pub fn subtitle<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content)
        .size(size::SUBTITLE)
        .font(super::theme::FONT_BOLD)
        .line_height(LineHeight::Relative(dim::LINE_HEIGHT))
}

pub fn error_text<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    small(content).style(texts::danger)
}

/// An amount with separators, right-aligned in whatever width it is given.
pub fn money<'a>(amount: Satang) -> Text<'a> {
    body(amount.to_string()).align_x(Horizontal::Right).width(Fill).wrapping(Wrapping::None)
}

/// Text in a table cell: one line (rows have a fixed height), clipped by its cell if too long.
pub fn cell<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    body(content).wrapping(Wrapping::None)
}

/// A table cell of text that may be longer than its column: clipped there, with the whole text
/// on hover (iced 0.14 has no ellipsis; figures never use this, they get the width they need).
pub fn cell_hint<'a, M: 'a>(content: impl Into<String>) -> Element<'a, M> {
    let content: String = content.into();
    iced::widget::tooltip(
        cell(content.clone()),
        container(small(content)).padding(space::XS).style(boxes::card),
        iced::widget::tooltip::Position::Bottom,
    )
    .into()
}

/// A big figure for the home screen's cards.
pub fn figure<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content)
        .size(size::FIGURE)
        .font(super::theme::FONT_BOLD)
        .line_height(LineHeight::Relative(dim::LINE_HEIGHT))
}

pub fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content).padding(space::L).style(boxes::card).width(Fill).into()
}

/// A titled card: the sections of a file (address, members, loans …).
pub fn section<'a, M: 'a>(
    heading: &'a str,
    actions: Vec<Element<'a, M>>,
    content: impl Into<Element<'a, M>>,
) -> Element<'a, M> {
    let head =
        Row::with_children(std::iter::once(subtitle(heading).width(Fill).into()).chain(actions))
            .spacing(space::S)
            .align_y(Vertical::Center);
    card(column![head, content.into()].spacing(space::M))
}

pub fn badge<'a, M: 'a>(label: impl text::IntoFragment<'a>, tone: Tone) -> Element<'a, M> {
    container(small(label)).padding(Padding::from([0.0, space::S])).style(boxes::badge(tone)).into()
}

pub fn error_banner<'a, M: 'a>(message: impl text::IntoFragment<'a>) -> Element<'a, M> {
    container(body(message)).padding(space::M).width(Fill).style(boxes::error).into()
}

pub fn notice_banner<'a, M: 'a>(message: impl text::IntoFragment<'a>) -> Element<'a, M> {
    container(body(message)).padding(space::M).width(Fill).style(boxes::notice).into()
}

pub fn primary_button<'a, M: Clone + 'a>(label: &'a str, on_press: Option<M>) -> Element<'a, M> {
    button(body(label).align_x(Horizontal::Center))
        .padding(Padding::from([space::XS, space::L]))
        .style(buttons::primary)
        .on_press_maybe(on_press)
        .into()
}

pub fn secondary_button<'a, M: Clone + 'a>(label: &'a str, on_press: Option<M>) -> Element<'a, M> {
    button(body(label).align_x(Horizontal::Center))
        .padding(Padding::from([space::XS, space::L]))
        .style(buttons::secondary)
        .on_press_maybe(on_press)
        .into()
}

pub fn danger_button<'a, M: Clone + 'a>(label: &'a str, on_press: Option<M>) -> Element<'a, M> {
    button(body(label).align_x(Horizontal::Center))
        .padding(Padding::from([space::XS, space::L]))
        .style(buttons::danger)
        .on_press_maybe(on_press)
        .into()
}

pub fn link<'a, M: Clone + 'a>(label: impl text::IntoFragment<'a>, on_press: M) -> Element<'a, M> {
    button(body(label)).padding(0).style(buttons::link).on_press(on_press).into()
}

/// A label and value pair for the read-only parts of a file.
pub fn fact<'a, M: 'a>(label: &'a str, value: impl text::IntoFragment<'a>) -> Element<'a, M> {
    row![muted(label).width(dim::LABEL), body(value).width(Fill)]
        .spacing(space::S)
        .align_y(Vertical::Center)
        .into()
}

/// A text field with its label on the left and its error (in Thai) right under it.
pub struct Field<'a, M> {
    label: &'a str,
    input: text_input::TextInput<'a, M>,
    error: Option<&'a str>,
    hint: Option<&'a str>,
    /// Label above the input instead of beside it, for narrow columns.
    stacked: bool,
}

pub fn field<'a, M: Clone + 'a>(
    label: &'a str,
    id: &'static str,
    placeholder: &'a str,
    value: &'a str,
    on_input: impl Fn(String) -> M + 'a,
) -> Field<'a, M> {
    let input = text_input(placeholder, value)
        .id(id)
        .on_input(on_input)
        .size(size::BODY)
        .line_height(LineHeight::Relative(dim::LINE_HEIGHT))
        .padding(Padding::from([space::XS, space::S]))
        .width(dim::FIELD)
        .style(inputs::normal);
    Field { label, input, error: None, hint: None, stacked: false }
}

impl<'a, M: Clone + 'a> Field<'a, M> {
    pub fn error(mut self, error: Option<&'a str>) -> Self {
        if error.is_some() {
            self.input = self.input.style(inputs::invalid);
        }
        self.error = error;
        self
    }

    pub fn submit(mut self, message: M) -> Self {
        self.input = self.input.on_submit(message);
        self
    }

    pub fn secure(mut self) -> Self {
        self.input = self.input.secure(true);
        self
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.input = self.input.width(width);
        self
    }

    /// The label above the input: in a narrow column a label beside it leaves the input too
    /// little room and squeezes its hint into lines that run over the next control.
    pub fn stacked(mut self) -> Self {
        self.stacked = true;
        self
    }
}

impl<'a, M: Clone + 'a> From<Field<'a, M>> for Element<'a, M> {
    fn from(f: Field<'a, M>) -> Self {
        let mut under = Column::new().spacing(0);
        under = under.push(f.input);
        // The line under a field is always there, empty when there is nothing to say: an error
        // appearing must not push the fields below it down under the user's pointer (issue 17
        // §12: the next click lands where the user aimed).
        under = under.push(match (f.error, f.hint) {
            (Some(error), _) => error_text(error),
            (None, Some(hint)) => muted(hint),
            (None, None) => small(" "),
        });
        if f.stacked {
            return column![body(f.label), under].spacing(space::XS).into();
        }
        labelled(f.label, under)
    }
}

/// Any input (a pick list, a checkbox) with a label on the left like the text fields.
pub fn labelled<'a, M: 'a>(label: &'a str, input: impl Into<Element<'a, M>>) -> Element<'a, M> {
    row![
        container(body(label)).width(dim::LABEL).padding(Padding::from([space::XS, 0.0])),
        input.into()
    ]
    .spacing(space::M)
    .align_y(Vertical::Top)
    .into()
}

/// One column of a table: its heading, its share of the width and its alignment.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub title: &'static str,
    pub portion: u16,
    pub right: bool,
}

pub const fn col(title: &'static str, portion: u16) -> Col {
    Col { title, portion, right: false }
}

/// A column of numbers: right-aligned, heading too.
pub const fn num(title: &'static str, portion: u16) -> Col {
    Col { title, portion, right: true }
}

fn cell_box<'a, M: 'a>(spec: &Col, content: Element<'a, M>) -> Element<'a, M> {
    container(content)
        .clip(true)
        .width(FillPortion(spec.portion))
        .align_x(if spec.right { Horizontal::Right } else { Horizontal::Left })
        .align_y(Vertical::Center)
        .into()
}

pub fn table_header<'a, M: 'a>(cols: &[Col]) -> Element<'a, M> {
    let cells = cols.iter().map(|c| {
        let t = small(c.title).font(super::theme::FONT_BOLD);
        let t = if c.right { t.align_x(Horizontal::Right).width(Fill) } else { t };
        cell_box(c, t.into())
    });
    container(
        Row::with_children(cells).spacing(space::S).height(dim::ROW).align_y(Vertical::Center),
    )
    .padding(Padding::from([0.0, space::S]))
    .style(boxes::header_row)
    .into()
}

/// Room for the scrollbar beside a virtual list: its header and totals get the same, so the
/// columns line up.
pub fn beside_scrollbar<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content).padding(Padding { right: dim::SCROLLBAR_GAP, ..Padding::ZERO }).into()
}

/// A table row of fixed height: the cells are given in the columns' order.
pub fn table_row<'a, M: 'a>(cols: &[Col], cells: Vec<Element<'a, M>>) -> Row<'a, M> {
    Row::with_children(cols.iter().zip(cells).map(|(c, e)| cell_box(c, e)))
        .spacing(space::M)
        .height(dim::ROW)
        .align_y(Vertical::Center)
        .padding(Padding::from([0.0, space::S]))
}

/// A plain (non-clickable) striped row.
pub fn striped<'a, M: 'a>(index: usize, content: Row<'a, M>) -> Element<'a, M> {
    container(content).style(boxes::row(index)).width(Fill).into()
}

/// A row that opens something when clicked.
pub fn clickable<'a, M: Clone + 'a>(
    content: Row<'a, M>,
    on_press: M,
    selected: bool,
) -> Element<'a, M> {
    button(content).padding(0).width(Fill).style(buttons::row(selected)).on_press(on_press).into()
}

/// Where a virtual list is scrolled to and how tall its window is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListWindow {
    pub offset: f32,
    pub height: f32,
}

impl Default for ListWindow {
    /// Before the first scroll event the height is unknown: assume a tall window so the first
    /// frame is full; the first scroll or resize corrects it.
    fn default() -> Self {
        ListWindow { offset: 0.0, height: 1200.0 }
    }
}

impl ListWindow {
    pub fn from_viewport(viewport: Viewport) -> ListWindow {
        ListWindow { offset: viewport.absolute_offset().y, height: viewport.bounds().height }
    }

    /// The rows to build: those in view plus one screen's worth of slack each side, so a fast
    /// wheel turn never shows an empty gap before the next frame.
    pub fn range(&self, total: usize) -> std::ops::Range<usize> {
        let per_screen = (self.height / dim::ROW).ceil().max(1.0) as usize;
        let first_visible = (self.offset.max(0.0) / dim::ROW).floor() as usize;
        let first = first_visible.saturating_sub(per_screen).min(total);
        let last = (first_visible + 2 * per_screen + 1).min(total);
        first..last
    }
}

/// A scrollable list of `total` rows of fixed height [`dim::ROW`], building only those in
/// `window`; spacers stand in for the rest so the scrollbar is right.
pub fn virtual_list<'a, M: 'a>(
    id: &'static str,
    total: usize,
    window: ListWindow,
    row_at: impl Fn(usize) -> Element<'a, M>,
    on_scroll: impl Fn(Viewport) -> M + 'a,
) -> Element<'a, M> {
    let range = window.range(total);
    let above = range.start as f32 * dim::ROW;
    let below = (total - range.end) as f32 * dim::ROW;
    let rows = range.map(row_at);
    let content = Column::new()
        .push(Space::new().height(Length::Fixed(above)))
        .extend(rows)
        .push(Space::new().height(Length::Fixed(below)))
        .padding(Padding { right: dim::SCROLLBAR_GAP, ..Padding::ZERO });
    scrollable(content).id(id).on_scroll(on_scroll).height(Fill).width(Fill).into()
}

/// A page body that scrolls when it is taller than the window.
pub fn page<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    page_with_id("page", content)
}

/// A page whose scrolling the screen moves itself (to bring a panel it opened into view).
pub fn page_with_id<'a, M: 'a>(
    id: &'static str,
    content: impl Into<Element<'a, M>>,
) -> Element<'a, M> {
    scrollable(
        container(content)
            .padding(Padding { right: space::XL + dim::SCROLLBAR_GAP, ..Padding::new(space::XL) })
            .width(Fill),
    )
    .id(id)
    .height(Fill)
    .into()
}

/// A row of buttons at the end of a form or section.
pub fn actions<'a, M: 'a>(items: Vec<Element<'a, M>>) -> Element<'a, M> {
    Row::with_children(items).spacing(space::M).align_y(Vertical::Center).width(Shrink).into()
}

/// A small set of choices as a row of buttons, the chosen one filled: one click, and every
/// option visible (a pick list hides them behind a menu).
pub fn choices<'a, T, M>(
    options: &[T],
    selected: Option<&T>,
    on_choose: impl Fn(T) -> M + 'a,
) -> Element<'a, M>
where
    T: Clone + PartialEq + std::fmt::Display + 'a,
    M: Clone + 'a,
{
    let buttons = options.iter().map(|option| {
        let chosen = selected == Some(option);
        // Room above the text: Thai tone marks over an upper vowel (นี้, ครั้ง) reach the top of
        // the line box and touched the border with no padding (issue 17 §16).
        button(body(option.to_string()))
            .padding(Padding::from([space::XS / 2.0, space::M]))
            .style(if chosen { buttons::primary } else { buttons::secondary })
            .on_press(on_choose(option.clone()))
            .into()
    });
    Row::with_children(buttons).spacing(space::S).wrap().vertical_spacing(space::S).into()
}
