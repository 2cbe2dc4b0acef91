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
    if let Some(kb) = rss_kb() {
        println!("bộ nhớ khi nghỉ (RSS): {:.1} MB", kb as f64 / 1024.0);
    }
}
