//! One live user interface kept across screen changes, as the real window keeps it: the
//! simulator tests build a fresh interface for every click, so a widget tree that survives from
//! one screen into the next is only exercised here. Opening the funds screen from home panicked
//! ("Downcast on stateless state") when the page was a `keyed_column`: iced diffed the home
//! page's tree against the funds page without comparing their kinds (see src/app/fresh.rs).

use crate::support;

use std::sync::Arc;

use iced::advanced::renderer::{Headless, Style};
use iced::advanced::{clipboard, mouse};
use iced::{Color, Event, Pixels, Point, Size};
use iced_runtime::user_interface::{Cache, UserInterface};
use plodnee::app::Message;
use plodnee::app::dialogs::Fake;
use plodnee::app::screen::Destination;
use plodnee::app::theme;
use support::{Driver, fixture, three_fund_loans};

#[test]
fn every_screen_opens_from_every_other_in_one_live_interface() {
    let f = fixture();
    three_fund_loans(&f);
    let mut d = Driver::new(f.store.clone(), Arc::new(Fake::default()));
    d.sign_in("committee", "committee-2568");
    let size = Size::new(1366.0, 768.0);
    let mut renderer = iced::futures::executor::block_on(<iced::Renderer as Headless>::new(
        theme::FONT,
        Pixels(16.0),
        Some("tiny-skia"),
    ))
    .expect("a headless renderer");
    let route = [
        Destination::Home,
        Destination::Funds,
        Destination::LetterRegister,
        Destination::Funds,
        Destination::Find,
        Destination::Loan(f.loan_id),
        Destination::Funds,
        Destination::Household(f.household_id),
        Destination::Member(f.borrower_id),
        Destination::Approvals,
        Destination::PlansAtRisk,
        Destination::FundStatement { fund_id: f.fund_id },
        Destination::Templates,
        Destination::Users,
        Destination::Backups,
        Destination::LettersBatch,
        Destination::Funds,
        Destination::Home,
    ];
    let mut cache = Cache::default();
    let cursor = mouse::Cursor::Available(Point::new(400.0, 300.0));
    for to in route {
        d.send(Message::Navigate(to.clone()));
        let theme = d.app.theme();
        let mut ui = UserInterface::build(d.app.view(), size, cache, &mut renderer);
        let mut messages = Vec::new();
        let moved =
            [Event::Mouse(mouse::Event::CursorMoved { position: Point::new(400.0, 300.0) })];
        let _ = ui.update(&moved, cursor, &mut renderer, &mut clipboard::Null, &mut messages);
        ui.draw(&mut renderer, &theme, &Style { text_color: Color::BLACK }, cursor);
        cache = ui.into_cache();
    }
}
