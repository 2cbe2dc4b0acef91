//! The software renderer clips text to the scrollable that holds it (the patched iced_tiny_skia in
//! `vendor/`): a pick list half below the edge of a scrollable must not be drawn over what is
//! below it (the window's status bar). Drawn headless, then the pixels under the edge are read.

use iced::widget::{column, container, pick_list, scrollable, space};
use iced::{Element, Length};
use iced_test::simulator::Simulator;

#[derive(Debug, Clone)]
enum Never {}

fn view<'a>() -> Element<'a, Never> {
    let list = pick_list(
        vec!["Chọn đơn vị tiếp nhận".to_string()],
        Some("Chọn đơn vị tiếp nhận".to_string()),
        |_| unreachable!("no choice is made"),
    )
    .placeholder("Chọn đơn vị tiếp nhận")
    .text_size(16);
    column![
        container(scrollable(column![space::vertical().height(88), list]).height(100)).width(Length::Fill),
        // Below the scrollable: must stay blank.
        space::vertical().height(100),
    ]
    .into()
}

#[test]
fn text_inside_a_scrollable_is_not_drawn_below_its_edge() {
    std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
    let settings = iced::Settings {
        fonts: vec![khoithidua::ui::FONT_REGULAR.into(), khoithidua::ui::FONT_BOLD.into()],
        default_font: khoithidua::ui::UI_FONT,
        ..iced::Settings::default()
    };
    // The fonts, loaded once into the font system by a simulator.
    drop(Simulator::with_size(settings, (400.0, 200.0), view()));
    let (w, h) = (400usize, 200usize);
    let rgba = draw(iced::Size::new(w as f32, h as f32));
    let dark = |y: usize| {
        (0..w).any(|x| {
            let i = (y * w + x) * 4;
            rgba[i] < 128 && rgba[i + 1] < 128 && rgba[i + 2] < 128
        })
    };
    // Inside the scrollable the upper part of the list is drawn…
    let drawn: Vec<usize> = (0..h).filter(|&y| dark(y)).collect();
    assert!(
        (88..100).any(dark),
        "the visible part of the pick list is drawn: rows {drawn:?}"
    );
    // …and nothing of it below the edge (a pixel's room for anti-aliasing).
    let below: Vec<usize> = (101..140).filter(|&y| dark(y)).collect();
    assert!(
        below.is_empty(),
        "text drawn below the scrollable's edge, rows {below:?}"
    );
}

/// View, layout and draw with tiny-skia at scale 1; the frame's RGBA pixels.
fn draw(size: iced::Size) -> Vec<u8> {
    use iced::advanced::renderer::Headless;
    let mut renderer = iced_test::futures::futures::executor::block_on(<iced::Renderer as Headless>::new(
        khoithidua::ui::UI_FONT,
        iced::Pixels(16.0),
        Some("tiny-skia"),
    ))
    .expect("a headless renderer");
    let mut ui = iced_test::runtime::UserInterface::build(
        view(),
        size,
        iced_test::runtime::user_interface::Cache::default(),
        &mut renderer,
    );
    let mut messages = Vec::new();
    let _ = ui.update(
        &[iced::Event::Window(iced::window::Event::RedrawRequested(
            std::time::Instant::now(),
        ))],
        iced::mouse::Cursor::Unavailable,
        &mut renderer,
        &mut iced::advanced::clipboard::Null,
        &mut messages,
    );
    ui.draw(
        &mut renderer,
        &iced::Theme::Light,
        &iced::advanced::renderer::Style {
            text_color: iced::Color::BLACK,
        },
        iced::mouse::Cursor::Unavailable,
    );
    renderer.screenshot(
        iced::Size::new(size.width as u32, size.height as u32),
        1.0,
        iced::Color::WHITE,
    )
}
