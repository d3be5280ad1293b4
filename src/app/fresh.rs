//! A page that starts afresh when the screen changes: its widget tree (scroll offsets, focus,
//! text cursors) is rebuilt whenever its key changes, so a new screen opens at its top and no
//! state of the previous screen leaks into the next.
//!
//! iced 0.14's `keyed_column` cannot do this for a single child: with as many children before
//! as after it diffs the old tree against the new widget without comparing their kinds, so a
//! scrollable could be handed the stateless tree of the container it replaced, and the app
//! panicked ("Downcast on stateless state") on opening the funds screen from home.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::operation::Operation;
use iced::advanced::widget::{Tree, Widget, tree};
use iced::advanced::{Clipboard, Shell, mouse, overlay, renderer};
use iced::{Element, Event, Length, Rectangle, Size, Vector};

/// The key the tree was built for.
struct Built(u64);

pub struct Fresh<'a, Message, Theme, Renderer> {
    key: u64,
    content: Element<'a, Message, Theme, Renderer>,
}

/// `content` with a tree of its own that is rebuilt whenever `key` changes.
pub fn fresh<'a, Message, Theme, Renderer>(
    key: u64,
    content: impl Into<Element<'a, Message, Theme, Renderer>>,
) -> Fresh<'a, Message, Theme, Renderer> {
    Fresh { key, content: content.into() }
}

impl<Message, Theme, Renderer> Widget<Message, Theme, Renderer>
    for Fresh<'_, Message, Theme, Renderer>
where
    Renderer: iced::advanced::Renderer,
{
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<Built>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(Built(self.key))
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        if tree.state.downcast_ref::<Built>().0 == self.key {
            tree.diff_children(std::slice::from_ref(&self.content));
        } else {
            tree.state = tree::State::new(Built(self.key));
            tree.children = vec![Tree::new(&self.content)];
        }
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content.as_widget_mut().layout(&mut tree.children[0], renderer, limits)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content.as_widget_mut().operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, Message: 'a, Theme: 'a, Renderer> From<Fresh<'a, Message, Theme, Renderer>>
    for Element<'a, Message, Theme, Renderer>
where
    Renderer: iced::advanced::Renderer + 'a,
{
    fn from(page: Fresh<'a, Message, Theme, Renderer>) -> Self {
        Element::new(page)
    }
}
