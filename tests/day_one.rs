//! The whole first day of a clerk, in the window, as one story: first start → a new bloc with
//! three units → its year → leadership → pledge → a conference with two paragraphs of minutes →
//! scores typed with the keyboard → the minutes exported without any system dialog (the window's
//! own chooser). Its own test binary: it points the data and settings folders at a temporary one.

mod common;
#[path = "common/window.rs"]
mod harness;

use harness::*;
use iced::keyboard::key::Named;
use iced_test::selector::id;
use khoithidua::ui::screens::{self, UnitChoice};
use khoithidua::ui::workspace::Message as W;
use khoithidua::ui::{chooser, App, Dialogs, Message, Screen};

#[test]
fn day_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("dữ liệu");
    std::env::set_var("KHOITHIDUA_DATA", data.join("khoithidua.sqlite"));
    std::env::set_var("KHOITHIDUA_CONFIG", dir.path().join("cài đặt"));
    let app = App::open(data.join("khoithidua.sqlite"), true, Dialogs::InWindow);
    let mut h = Harness::new(app, tempfile::TempDir::new_in(dir.path()).unwrap());

    // First start: the start screen, nothing made yet.
    assert!(matches!(h.app.screen, Screen::Start(_)));
    assert!(!data.join("khoithidua.sqlite").exists());
    h.ui_click(id("new-name"));
    h.ui_type("Khối thi đua các cơ quan Nội chính tỉnh Gia Lai");
    h.key(Named::Tab);
    h.ui_type("KNC");
    h.key(Named::Tab);
    h.ui_type("UBND TỈNH GIA LAI");
    h.key(Named::Tab);
    h.ui_type("Gia Lai");
    h.key(Named::Tab);
    h.key(Named::Tab); // the year: this year, as proposed
    h.ui_type("Công an tỉnh | CA tỉnh");
    h.key(Named::Enter);
    h.ui_type("Tòa án nhân dân tỉnh | TAND tỉnh");
    h.key(Named::Enter);
    h.ui_type("Viện Kiểm sát nhân dân tỉnh | VKSND tỉnh");
    h.ctrl("s");
    let year = h.ws().record().year;
    assert_eq!(h.store().members(year).unwrap().len(), 3, "{}", h.ws().status);
    assert!(!h.ws().is_demo());
    let unit = |h: &Harness, name: &str| {
        let r = h.ws().record();
        let u = r.units.iter().find(|u| u.current_name() == name).expect(name);
        UnitChoice {
            id: u.id,
            name: name.to_string(),
        }
    };

    // Leadership of the year.
    h.click("Lãnh đạo khối");
    use screens::leadership::Message as L;
    h.send(Message::Workspace(W::Leadership(L::Year(year.to_string()))));
    let (ca, toa) = (unit(&h, "Công an tỉnh"), unit(&h, "Tòa án nhân dân tỉnh"));
    h.send(Message::Workspace(W::Leadership(L::Head(ca.clone()))));
    h.send(Message::Workspace(W::Leadership(L::Deputy(toa))));
    h.ctrl("s");
    let l = h.store().leadership(year).unwrap().expect("recorded");
    assert_eq!(l.head, ca.id, "{}", h.ws().status);

    // The pledge: a theme and one article.
    h.click("Giao ước thi đua");
    h.ui_click(id("pledge-theme"));
    h.ui_type("Đoàn kết, kỷ cương, hoàn thành xuất sắc nhiệm vụ");
    h.send(Message::Workspace(W::Pledge(screens::pledge::Message::AddItem)));
    h.ui_click(id("item-0"));
    h.ui_type("Thực hiện tốt các nhiệm vụ chính trị được giao");
    h.ctrl("s");
    let pledge = h.store().pledge(year).unwrap().expect("saved");
    assert_eq!(pledge.items.len(), 1, "{}", h.ws().status);

    // A conference, its proceedings in two paragraphs.
    h.click("Hội nghị");
    h.click("Hội nghị mới");
    let date = format!("15/09/{year}");
    h.ui_click(id("conf-date"));
    h.ui_type(&date);
    h.key(Named::Tab);
    h.ui_type("8:00");
    h.key(Named::Tab);
    h.ui_type("10:30");
    h.type_into("conf-title", "Hội nghị sơ kết phong trào thi đua");
    h.type_into("conf-place", "Hội trường Công an tỉnh");
    h.type_into("conf-chair", "Nguyễn Văn An");
    h.type_into("conf-secretary", "Trần Thị Bình");
    h.send(Message::Workspace(W::Conferences(
        screens::conferences::Message::AddSection,
    )));
    // The proceedings are below the window's height: scrolled to with the wheel.
    h.wheel(id(screens::conferences::FORM_SCROLL_ID), -2000.0);
    let body = screens::conferences::section_body_id(0);
    h.ui_click(id(body));
    h.ui_type("Hội nghị nghe báo cáo kết quả công tác thi đua của Khối.");
    h.key(Named::Enter);
    h.ui_type("Các đơn vị thảo luận, thống nhất các nhiệm vụ trọng tâm.");
    h.ctrl("s");
    let conf = h.store().conferences(year).unwrap().into_iter().next().expect("saved");
    let text = conf
        .sections
        .iter()
        .map(|s| s.body.clone())
        .collect::<Vec<_>>()
        .join("|");
    assert!(text.contains("của Khối.\nCác đơn vị"), "{text} / {}", h.ws().status);

    // Scores by keyboard: two criteria, then "9 Tab 8 Down 7" in the grid.
    h.click("Chấm điểm");
    h.click("Thêm tiêu chí");
    h.ui_type("Hoàn thành nhiệm vụ chính trị"); // the new criterion's name has the focus
    h.key(Named::Tab); // its maximum: the two make the scale of 100
    h.ctrl("a");
    h.ui_type("60");
    h.click("Thêm tiêu chí");
    h.ui_type("Công tác thi đua, khen thưởng");
    h.key(Named::Tab);
    h.ctrl("a");
    h.ui_type("40");
    let first = h.ws().record().member_units()[0].id;
    let second = h.ws().record().member_units()[1].id;
    h.ui_click(id(format!("score-{first}-0")));
    h.ui_type("9");
    h.key(Named::Tab);
    h.ui_type("8");
    h.key(Named::ArrowDown);
    h.ui_type("7");
    h.ctrl("s");
    let sheet = h.store().load_year(year).unwrap().score_sheet;
    let score = |u, c: &str| {
        sheet
            .entries
            .iter()
            .find(|e| e.unit == u && e.criterion == c)
            .and_then(|e| e.bloc_score)
            .map(|p| p.to_string())
    };
    assert_eq!(score(first, "1").as_deref(), Some("9"), "{}", h.ws().status);
    assert_eq!(score(first, "2").as_deref(), Some("8"));
    assert_eq!(score(second, "2").as_deref(), Some("7"));

    // The minutes out, with no system dialog: the export form, then the window's chooser.
    h.click("Hội nghị");
    h.ctrl("p");
    assert!(h.ws().export_pending());
    h.key(Named::Enter); // the date proposed is the meeting's
    assert!(h.app.chooser_open(), "{}", h.ws().status);
    let out = dir.path().join("Biên bản sơ kết.pdf");
    h.ui_click(id(chooser::PATH_ID));
    h.ctrl("a");
    h.ui_type(&out.display().to_string());
    h.key(Named::Enter);
    assert!(!h.app.chooser_open());
    assert!(out.exists(), "{}", h.ws().status);
    let pages = common::pdf_pages(&std::fs::read(&out).unwrap()).join("\n");
    assert!(pages.contains("BIÊN BẢN"), "{pages}");
    assert!(!pages.contains("Khối.Các"), "two paragraphs, not glued");
    assert!(pages.contains("Hội nghị nghe báo cáo kết quả công tác thi đua của Khối."));
    assert!(pages.contains("Các đơn vị thảo luận, thống nhất các nhiệm vụ trọng tâm."));
    assert!(h.ws().status.contains("Đã xuất"), "{}", h.ws().status);
}
