//! Benchmark of the page preview on the demo's year-end minutes (3 pages), headless (tiny-skia): a
//! keystroke in a paragraph, then the preview laid out again and every page drawn into a canvas
//! frame; and the same keystroke up to a finished frame of the preview pane (view + layout + draw +
//! rasterising the pages in sight). Prints medians. Run with `cargo bench --bench preview`.

use iced::advanced::renderer::Headless;
use iced::widget::canvas::Frame;
use iced_test::simulator::Simulator;
use khoithidua::documents::draft::Piece;
use khoithidua::domain::ConferenceKind;
use khoithidua::store::Store;
use khoithidua::ui::preview::{self, page_size, Preview};
use khoithidua::ui::{FONT_BOLD, FONT_REGULAR, UI_FONT};
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The preview pane beside the draft's fields in a 1366 × 768 window.
const PANE: iced::Size = iced::Size::new(560.0, 680.0);
const RUNS: usize = 31;

fn main() {
    std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
    let mut demo = Store::open_in_memory().expect("memory store");
    khoithidua::demo::write_demo(&mut demo).expect("demo");
    let year = demo.load_year(2022).expect("2022");
    let conf = year
        .conferences
        .iter()
        .find(|c| c.kind == ConferenceKind::YearEnd)
        .expect("year-end")
        .clone();
    let issue = khoithidua::documents::Issue {
        number: Some("02/BB-KNC".into()),
        date: conf.date,
    };
    let mut draft = khoithidua::documents::minutes_draft(&year, &conf, &issue);
    let para = draft
        .body
        .iter()
        .position(|p| matches!(p, Piece::Para(_)))
        .expect("a paragraph");
    let original = match &draft.body[para] {
        Piece::Para(s) => s.clone(),
        _ => unreachable!(),
    };
    // A keystroke: one more letter at the end of the first paragraph, or one less.
    let key = |draft: &mut khoithidua::documents::Draft, i: usize| {
        let mut s = original.clone();
        if i.is_multiple_of(2) {
            s.push('a');
        }
        draft.body[para] = Piece::Para(s);
    };

    // The window's fonts, the serif among them, loaded as the running app loads them.
    let settings = iced::Settings {
        fonts: [FONT_REGULAR, FONT_BOLD]
            .into_iter()
            .chain(preview::fonts())
            .map(Into::into)
            .collect(),
        default_font: UI_FONT,
        ..iced::Settings::default()
    };
    let warm: iced::Element<(), iced::Theme, iced::Renderer> = iced::widget::text("Khối").into();
    drop(Simulator::with_size(settings, PANE, warm));
    let mut renderer = iced_test::futures::futures::executor::block_on(<iced::Renderer as Headless>::new(
        UI_FONT,
        iced::Pixels(16.0),
        Some("tiny-skia"),
    ))
    .expect("a headless renderer");

    let mut p = Preview::new(&draft);
    let pages = p.page_count();
    let size = page_size(&p.spec(), PANE.width);
    let scale = size.width / p.spec().width;

    // Layout alone, as a part of the whole.
    let mut layout = Vec::new();
    for i in 0..RUNS {
        key(&mut draft, i);
        let t = Instant::now();
        std::hint::black_box(draft.pages());
        layout.push(t.elapsed());
    }
    // Update (layout + draw operations of the pages that changed), then every page into a frame.
    let mut keystroke = Vec::new();
    let mut ops = 0;
    for i in 0..RUNS {
        key(&mut draft, i);
        let t = Instant::now();
        p.update(&draft);
        for page in 0..p.page_count() {
            let mut frame = Frame::new(&renderer, size);
            preview::draw_ops(&mut frame, p.ops(page), scale);
            std::hint::black_box(frame.into_geometry());
            ops += p.ops(page).len();
        }
        keystroke.push(t.elapsed());
    }
    let ops = ops / RUNS;

    // What the user waits for: the keystroke to a finished frame of the pane, the renderer and the
    // layout cache kept between frames as the running window keeps them.
    let mut cache = Some(iced_test::runtime::user_interface::Cache::default());
    let mut frames = Vec::new();
    let mut raster = Vec::new();
    for i in 0..RUNS {
        key(&mut draft, i);
        let t = Instant::now();
        p.update(&draft);
        let mut ui = iced_test::runtime::UserInterface::build(
            p.view::<()>(),
            PANE,
            cache.take().unwrap_or_default(),
            &mut renderer,
        );
        ui.draw(
            &mut renderer,
            &iced::Theme::Light,
            &iced::advanced::renderer::Style {
                text_color: iced::Color::BLACK,
            },
            iced::mouse::Cursor::Unavailable,
        );
        cache = Some(ui.into_cache());
        let t1 = Instant::now();
        let _ = renderer.screenshot(
            iced::Size::new(PANE.width as u32, PANE.height as u32),
            1.0,
            iced::Color::WHITE,
        );
        raster.push(t1.elapsed());
        frames.push(t.elapsed());
    }

    println!(
        "máy: {} lõi; biên bản tổng kết mẫu, {pages} trang; {RUNS} lần đo",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "một phím trong đoạn văn: dàn trang lại (trung vị): {:.2?}",
        median(layout)
    );
    println!(
        "một phím: cập nhật bản xem trước + vẽ cả {pages} trang vào khung canvas ({:.0} × {:.0} px, {ops} lệnh vẽ; trung vị): {:.2?}",
        size.width,
        size.height,
        median(keystroke)
    );
    println!(
        "một phím đến khi vẽ xong khung xem trước {:.0} × {:.0} (cập nhật + view + layout + vẽ + tô điểm ảnh tiny-skia; trung vị): {:.1?}, trong đó tô điểm ảnh {:.1?}",
        PANE.width,
        PANE.height,
        median(frames),
        median(raster)
    );
}
