//! Benchmark of the window on the 30-year/50-unit file, headless (tiny-skia): time to the first frame
//! (open the file, load the year, build every screen, view and lay out), view + layout of the
//! heaviest area (the 50 × 40 score grid), and memory once idle. Prints medians.
//! Run with `cargo bench --bench window`.

use iced_test::simulator::Simulator;
use khoithidua::ui::workspace::{Area, Message as W};
use khoithidua::ui::{App, Dialogs, Message, FONT_BOLD, FONT_REGULAR, UI_FONT};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
        default_font: UI_FONT,
        ..iced::Settings::default()
    }
}

fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("lớn.sqlite");
    {
        let mut s = khoithidua::store::Store::open(&path).expect("create");
        khoithidua::demo::write_synthetic(&mut s, 30, 50).expect("synthetic");
    }
    let folder = Dialogs::Folder(dir.path().to_path_buf());
    // Warm the font system once, as the running app does before its first frame.
    let warm: iced::Element<(), iced::Theme, iced::Renderer> = iced::widget::text("Khối").into();
    drop(Simulator::with_size(settings(), (1366.0, 768.0), warm));

    let mut first = Vec::new();
    for _ in 0..9 {
        let t = Instant::now();
        let app = App::open(path.clone(), false, folder.clone());
        let ui = Simulator::with_size(settings(), (1366.0, 768.0), app.view());
        drop(ui);
        first.push(t.elapsed());
        drop(app);
    }
    let mut app = App::open(path.clone(), false, folder.clone());
    let _ = app.update(Message::Workspace(W::Area(Area::Scoring)));
    let mut heavy = Vec::new();
    for _ in 0..9 {
        let t = Instant::now();
        let ui = Simulator::with_size(settings(), (1366.0, 768.0), app.view());
        heavy.push(t.elapsed());
        drop(ui);
    }
    // What the user waits for: the update, then view + layout + draw (tiny-skia, offscreen), with
    // the renderer and the layout cache kept between frames as the running window keeps them.
    let mut renderer = iced_test::futures::futures::executor::block_on(
        <iced::Renderer as iced::advanced::renderer::Headless>::new(UI_FONT, iced::Pixels(16.0), Some("tiny-skia")),
    )
    .expect("a headless renderer");
    let mut cache = Some(iced_test::runtime::user_interface::Cache::default());
    // Time spent in each part of a frame: view + layout, update + draw, rasterising.
    let mut parts: [Vec<Duration>; 3] = Default::default();
    let mut frame = |app: &App| {
        use iced::advanced::renderer::Headless;
        let size = iced::Size::new(1366.0, 768.0);
        let t0 = Instant::now();
        let mut ui =
            iced_test::runtime::UserInterface::build(app.view(), size, cache.take().unwrap_or_default(), &mut renderer);
        let t1 = Instant::now();
        let mut messages = Vec::new();
        let _ = ui.update(
            &[iced::Event::Window(
                iced::window::Event::RedrawRequested(Instant::now()),
            )],
            iced::mouse::Cursor::Unavailable,
            &mut renderer,
            &mut iced::advanced::clipboard::Null,
            &mut messages,
        );
        let theme = iced::Theme::Light;
        ui.draw(
            &mut renderer,
            &theme,
            &iced::advanced::renderer::Style {
                text_color: iced::Color::BLACK,
            },
            iced::mouse::Cursor::Unavailable,
        );
        cache = Some(ui.into_cache());
        let t2 = Instant::now();
        let _ = renderer.screenshot(iced::Size::new(1366, 768), 1.0, iced::Color::WHITE);
        parts[0].push(t1 - t0);
        parts[1].push(t2 - t1);
        parts[2].push(t2.elapsed());
    };
    // A keystroke in a score cell (50 units × 40 criteria).
    let (unit, criterion) = {
        let w = app.workspace().expect("open");
        (w.record().members[0], 0usize)
    };
    let mut keys = Vec::new();
    for i in 0..15 {
        let t = Instant::now();
        let _ = app.update(Message::Workspace(W::Scoring(
            khoithidua::ui::screens::scoring::Message::Cell(unit, criterion, format!("{}", 10 + i % 9)),
        )));
        keys.push(t.elapsed());
    }
    let mut key_frames = Vec::new();
    for i in 0..9 {
        let t = Instant::now();
        let _ = app.update(Message::Workspace(W::Scoring(
            khoithidua::ui::screens::scoring::Message::Cell(unit, criterion, format!("{}", 20 + i)),
        )));
        frame(&app);
        key_frames.push(t.elapsed());
    }
    // Switching area: each of the eight areas in turn, drawn.
    let _ = app.update(Message::Workspace(W::Shortcut(khoithidua::ui::keys::Shortcut::Save)));
    let mut switches = Vec::new();
    for _ in 0..2 {
        for a in Area::ALL {
            let t = Instant::now();
            let _ = app.update(Message::Workspace(W::Area(a)));
            frame(&app);
            switches.push(t.elapsed());
        }
    }
    println!(
        "máy: {} lõi; tệp 30 năm × 50 đơn vị; 9 lần đo",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "khung hình đầu (mở tệp + nạp năm + dựng màn hình + vẽ bố cục, trung vị): {:.1?}",
        median(first)
    );
    println!(
        "mục nặng nhất (Chấm điểm 50 đơn vị × 40 tiêu chí, lưới theo nhóm: view + layout, trung vị): {:.1?}",
        median(heavy)
    );
    println!("một phím trong ô điểm (update, trung vị của 15): {:.2?}", median(keys));
    println!(
        "một phím trong ô điểm đến khi vẽ xong (update + view + layout + vẽ tiny-skia, trung vị): {:.1?}",
        median(key_frames)
    );
    println!("chuyển mục, vẽ xong (8 mục × 2, trung vị): {:.1?}", median(switches));
    let [layout, draw, raster] = parts;
    println!(
        "trong một khung hình (trung vị): view + layout {:.1?}, update + ghi lệnh vẽ {:.1?}, tô điểm ảnh (tiny-skia, cả cửa sổ) {:.1?}",
        median(layout),
        median(draw),
        median(raster)
    );
    if let Some(kb) = rss_kb() {
        println!("bộ nhớ khi nghỉ (RSS): {:.1} MB", kb as f64 / 1024.0);
    }
}
