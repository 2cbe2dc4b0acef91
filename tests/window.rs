//! The window driven headless through its real `update` and `view` (iced_test's simulator, the
//! app's own font, the tiny-skia renderer), against a temporary data file: what is shown and what
//! is stored. Pick lists are answered with the message the list sends, everything else is clicked
//! and typed.

mod common;
#[path = "common/window.rs"]
mod harness;

use harness::*;
use iced_test::simulator::Simulator;
use khoithidua::domain::DocType;
use khoithidua::store::Store;
use khoithidua::ui::screens::{self, UnitChoice};
use khoithidua::ui::workspace::{self, Area};
use khoithidua::ui::{chooser, App, Dialogs, Message, Screen};

#[test]
fn add_a_unit_and_see_it_in_vietnamese_order() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.type_into("unit-name", "Sở Nội vụ");
    h.type_into("unit-short", "SNV");
    h.type_into("unit-head", "Đinh Văn Ân");
    h.type_into("unit-position", "Giám đốc");
    h.click("Thêm đơn vị");
    assert!(h.ws().status.contains("Đã thêm đơn vị Sở Nội vụ"), "{}", h.ws().status);
    // Stored, as a member of the year.
    let units = h.store().units().unwrap();
    let snv = units.iter().find(|u| u.current_name() == "Sở Nội vụ").expect("stored");
    assert!(h.store().members(2022).unwrap().contains(&snv.id));
    // Shown between "Cục Thi hành án dân sự tỉnh" and "Sở Tư pháp": Vietnamese order.
    let texts = h.texts();
    let at = |s: &str| {
        texts
            .iter()
            .position(|t| t == s)
            .unwrap_or_else(|| panic!("{s} not shown"))
    };
    assert!(at("Cục Thi hành án dân sự tỉnh") < at("Sở Nội vụ"));
    assert!(at("Sở Nội vụ") < at("Sở Tư pháp"));
    assert!(at("Bộ Chỉ huy Quân sự tỉnh") < at("Công an tỉnh"), "B before C");
    // Search without diacritics finds it.
    h.type_into("unit-search", "so noi vu");
    assert!(h.sim().find("Sở Nội vụ").is_ok());
    assert!(h.sim().find("Công an tỉnh").is_err(), "filtered out of the list");
}

#[test]
fn an_invalid_date_is_reported_beside_the_field_and_nothing_typed_is_lost() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.click("Thanh tra tỉnh");
    h.type_into("rename-name", "Thanh tra tỉnh Gia Lai");
    h.type_into("rename-from", "31/02/2025");
    h.click("Đổi tên");
    assert!(h.shows("Ngày 31/2/2025 không có trong lịch."));
    assert!(h.sim().find("Thanh tra tỉnh Gia Lai").is_ok(), "the typed name is kept");
    assert!(
        h.store().units().unwrap().iter().all(|u| u.names.len() == 1),
        "nothing stored"
    );
}

#[test]
fn set_2023_head_and_deputy() {
    let mut h = Harness::demo();
    h.click("Lãnh đạo khối");
    assert!(h.shows("Gợi ý cho năm 2023"));
    assert!(h.shows("Cục Thi hành án dân sự tỉnh là Khối phó năm 2022"));
    let r = h.ws().record().clone();
    let pick = |name: &str| UnitChoice {
        id: r.units.iter().find(|u| u.current_name() == name).unwrap().id,
        name: name.into(),
    };
    h.ws_msg(workspace::Message::Leadership(screens::leadership::Message::Head(
        pick("Cục Thi hành án dân sự tỉnh"),
    )));
    h.ws_msg(workspace::Message::Leadership(screens::leadership::Message::Deputy(
        pick("Viện Kiểm sát nhân dân tỉnh"),
    )));
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Save)); // Ctrl+S
    let l = h.store().leadership(2023).unwrap().expect("stored");
    assert_eq!(r.unit_name(l.head), "Cục Thi hành án dân sự tỉnh");
    assert_eq!(
        l.deputy.map(|d| r.unit_name(d)).as_deref(),
        Some("Viện Kiểm sát nhân dân tỉnh")
    );
    assert_eq!(h.store().members(2023).unwrap().len(), 9, "2023 takes 2022's members");
    assert!(h.ws().status.contains("làm Khối trưởng năm 2023"));
    // The history shows it.
    assert!(h.texts().iter().any(|t| t == "2023"));
}

#[test]
fn sign_the_pledge_for_two_units() {
    let mut h = Harness::demo();
    // 2021 has no pledge yet.
    h.ws_msg(workspace::Message::Year(2021));
    h.click("Giao ước thi đua");
    h.type_into("pledge-theme", "Đoàn kết, sáng tạo năm 2021");
    h.click("Thêm nội dung");
    h.type_into("item-0", "Hoàn thành chỉ tiêu được giao");
    use screens::pledge::Message as P;
    for (i, date) in [(0, "12/01/2021"), (1, "13/01/2021")] {
        h.ws_msg(workspace::Message::Pledge(P::Signed(i, true)));
        h.ws_msg(workspace::Message::Pledge(P::Date(i, String::new())));
        h.ws_msg(workspace::Message::Pledge(P::Date(i, date.into())));
    }
    h.click("Lưu (Ctrl+S)");
    assert!(h.ws().status.contains("2/9 đơn vị đã ký"), "{}", h.ws().status);
    let p = h.store().pledge(2021).unwrap().expect("stored");
    assert_eq!(p.theme, "Đoàn kết, sáng tạo năm 2021");
    assert_eq!(p.signed_count(), 2);
    assert_eq!(p.signatures[1].signed_on, chrono::NaiveDate::from_ymd_opt(2021, 1, 13));
    assert!(h.shows("Chữ ký (2/9 đơn vị đã ký)"));
}

#[test]
fn create_a_conference_and_export_its_minutes() {
    let mut h = Harness::demo();
    h.click("Hội nghị");
    h.click("Hội nghị mới");
    h.type_into("conf-date", "15/09/2022");
    h.type_into("conf-start", "8:00");
    h.type_into("conf-end", "10:30");
    h.type_into("conf-title", "Hội nghị giao ban Khối thi đua quý III năm 2022");
    h.type_into("conf-place", "Hội trường Thanh tra tỉnh");
    h.type_into("conf-chair", "Đặng Hồng Thọ");
    h.type_into("conf-secretary", "Lê Thị Thu");
    // Below the fold: the buttons' messages.
    h.ws_msg(workspace::Message::Conferences(screens::conferences::Message::AddTask));
    h.ws_msg(workspace::Message::Conferences(screens::conferences::Message::Task(
        0,
        "Hoàn thành báo cáo quý III.".into(),
    )));
    h.click("Lưu (Ctrl+S)");
    assert!(
        h.ws().status.contains("Đã lưu hội nghị ngày 15/09/2022"),
        "{}",
        h.ws().status
    );
    let c = h
        .store()
        .conferences(2022)
        .unwrap()
        .into_iter()
        .find(|c| c.title.contains("quý III"))
        .expect("stored");
    assert_eq!(c.tasks, vec!["Hoàn thành báo cáo quý III.".to_string()]);
    assert_eq!(c.present_count(), 9);
    // Export: the form shows the number and the date (the meeting's), then the folder stands in
    // for the save dialog.
    h.click("Xuất biên bản (Ctrl+P)");
    assert!(
        h.shows("Số: 03/BB-KNC"),
        "after 01 and 02 of February and July: {:?}",
        h.texts()
    );
    h.click("Xuất PDF…");
    let out = h.ws().last_export().cloned().expect("exported");
    assert!(out.exists());
    assert!(out
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("Bien ban Hoi nghi giao ban"));
    let pages = common::pdf_pages(&std::fs::read(&out).unwrap()).join(" ");
    assert!(
        pages.contains("Hội nghị giao ban Khối thi đua quý III năm 2022"),
        "{pages}"
    );
    assert!(pages.contains("ngày 15 tháng 9 năm 2022"));
    assert!(pages.contains("Hội nghị kết thúc vào lúc 10 giờ 30 phút cùng ngày./."));
    assert!(h.ws().status.contains("Đã xuất"));
    assert!(h.shows("Mở"));
}

#[test]
fn enter_scores_and_see_the_ranking_change() {
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    assert!(h.shows("1 · Công an tỉnh · 110 điểm"));
    let r = h.ws().record().clone();
    let tt = r
        .units
        .iter()
        .find(|u| u.current_name() == "Thanh tra tỉnh")
        .unwrap()
        .id;
    // Thanh tra tỉnh gets full marks on every criterion.
    for (i, c) in r.score_sheet.criteria.iter().enumerate() {
        h.ws_msg(workspace::Message::Scoring(screens::scoring::Message::Cell(
            tt,
            i,
            c.max_points.to_string(),
        )));
    }
    let first = &h.ws().screens.scoring.ranking()[1];
    assert_eq!(
        (first.unit, first.total.to_string()),
        (tt, "100".to_string()),
        "Thanh tra tỉnh moves to second"
    );
    assert!(h.shows("2 · Thanh tra tỉnh · 100 điểm"));
    // An impossible score is marked and refused.
    h.ws_msg(workspace::Message::Scoring(screens::scoring::Message::Cell(
        tt,
        0,
        "31".into(),
    )));
    assert!(h.shows("Điểm 31 vượt điểm tối đa 30 của tiêu chí I.1."));
    h.click("Lưu (Ctrl+S)");
    assert!(h.ws().status.starts_with("Chưa lưu"));
    h.ws_msg(workspace::Message::Scoring(screens::scoring::Message::Cell(
        tt,
        0,
        "30".into(),
    )));
    h.click("Lưu (Ctrl+S)");
    let y = h.store().load_year(2022).unwrap();
    assert_eq!(y.ranking()[1].unit, tt, "stored: the ranking changed");
}

#[test]
fn enter_a_ballot_and_see_88_89_percent() {
    let mut h = Harness::demo();
    h.click("Bỏ phiếu");
    h.click("Cuộc bỏ phiếu mới");
    h.click("Thêm đơn vị");
    let r = h.ws().record().clone();
    let ca = r.units.iter().find(|u| u.current_name() == "Công an tỉnh").unwrap().id;
    h.ws_msg(workspace::Message::Ballots(screens::ballots::Message::CandidateUnit(
        0,
        UnitChoice {
            id: ca,
            name: "Công an tỉnh".into(),
        },
    )));
    h.ws_msg(workspace::Message::Ballots(screens::ballots::Message::Votes(
        0,
        String::new(),
    )));
    h.type_into("votes-0", "8");
    assert!(h.shows("Công an tỉnh: 8/9 phiếu, đạt 88,89% — Đạt"));
    // Counts that do not add up are reported where the user is looking.
    h.ws_msg(workspace::Message::Ballots(screens::ballots::Message::Returned(
        "10".into(),
    )));
    assert!(h.shows("Số phiếu thu về (10) lớn hơn số phiếu phát ra (9)."));
    h.ws_msg(workspace::Message::Ballots(screens::ballots::Message::Returned(
        "9".into(),
    )));
    h.click("Lưu (Ctrl+S)");
    assert!(
        h.ws().status.starts_with("Đã lưu kết quả bỏ phiếu"),
        "{}",
        h.ws().status
    );
    assert_eq!(h.store().ballots(2022).unwrap().len(), 4);
}

#[test]
fn the_time_of_a_count_is_typed_and_checked_against_the_conference() {
    let mut h = Harness::demo();
    h.click("Bỏ phiếu");
    // The first ballot of the year-end conference (8:00 to 11:30), counted at 10:15.
    assert!(h.shows("Giờ kiểm phiếu (hh:mm)"));
    let counted_at = |h: &Harness| h.ws().screens.ballots.counted_at().to_string();
    assert_eq!(counted_at(&h), "10:15");
    let clear = workspace::Message::Ballots(screens::ballots::Message::CountedAt(String::new()));
    h.ws_msg(clear.clone());
    h.type_into("ballot-counted-at", "10h75");
    assert!(h.shows("Giờ \u{201c}10h75\u{201d} không đúng dạng hh:mm."));
    h.ws_msg(clear.clone());
    h.type_into("ballot-counted-at", "11:45");
    assert!(h.shows("Giờ kiểm phiếu (11:45) phải trước giờ kết thúc hội nghị (11:30)."));
    h.click("Lưu (Ctrl+S)");
    assert!(h.ws().status.starts_with("Chưa lưu"), "{}", h.ws().status);
    h.ws_msg(clear);
    h.type_into("ballot-counted-at", "10:20");
    assert!(!h.shows("phải trước giờ kết thúc hội nghị"));
    h.click("Lưu (Ctrl+S)");
    assert!(h.ws().status.starts_with("Đã lưu"), "{}", h.ws().status);
    let y = h.store().load_year(2022).unwrap();
    assert_eq!(
        y.leading_ballot().unwrap().counted_at,
        chrono::NaiveTime::from_hms_opt(10, 20, 0)
    );
}

#[test]
fn see_a_quota_warning() {
    let mut h = Harness::demo();
    h.click("Khen thưởng");
    assert!(!h.shows("Vượt chỉ tiêu"));
    let r = h.ws().record().clone();
    let vks = r
        .units
        .iter()
        .find(|u| u.current_name() == "Viện Kiểm sát nhân dân tỉnh")
        .unwrap()
        .id;
    use screens::awards::{FormChoice, Message as A};
    h.ws_msg(workspace::Message::Awards(A::NewForm(FormChoice(
        "co_ubnd".into(),
        "Cờ thi đua của UBND tỉnh".into(),
    ))));
    h.ws_msg(workspace::Message::Awards(A::NewUnit(UnitChoice {
        id: vks,
        name: "Viện Kiểm sát nhân dân tỉnh".into(),
    })));
    h.click("Thêm");
    assert!(h.shows("Cảnh báo: Vượt chỉ tiêu: khối có 9 thành viên được đề nghị Cờ thi đua của UBND tỉnh tối đa 1 đơn vị, đang đề nghị 2."));
    assert!(h.shows("không phải là đơn vị được suy tôn dẫn đầu khối"));
    // Accepted with a note: the warning stays, marked accepted.
    let id = h.store().proposals(2022).unwrap().last().unwrap().id;
    h.ws_msg(workspace::Message::Awards(A::Override(
        id,
        "Hội nghị thống nhất đề nghị.".into(),
    )));
    // Below the window's height: scrolled to, as a user would.
    h.scroll_and_click(
        "Cảnh báo: Vượt chỉ tiêu: khối có 9 thành viên được đề nghị Cờ thi đua của UBND tỉnh tối đa 1 đơn vị, đang đề nghị 2.",
        "Lưu ghi chú",
    );
    assert!(h.shows("Đã chấp nhận: Vượt chỉ tiêu"));
}

#[test]
fn unsaved_edits_are_not_lost_silently() {
    let mut h = Harness::demo();
    h.click("Giao ước thi đua");
    h.type_into("pledge-theme", " (sửa)");
    h.click("Hội nghị");
    assert_eq!(h.ws().area(), Area::Pledge, "stays until the user decides");
    assert!(h.shows("có thay đổi chưa lưu"));
    h.click("Lưu");
    assert_eq!(h.ws().area(), Area::Conferences);
    assert!(h.store().pledge(2022).unwrap().unwrap().theme.contains("(sửa)"));
}

#[test]
fn a_corrupt_file_opens_the_error_screen() {
    std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hỏng.sqlite");
    std::fs::write(&path, "đây không phải là cơ sở dữ liệu").unwrap();
    let before = std::fs::read(&path).unwrap();
    let app = App::open(path.clone(), false, Dialogs::Folder(dir.path().to_path_buf()));
    assert!(matches!(app.screen, Screen::Failed(_)));
    assert_eq!(app.title(), "Khối Thi Đua — hỏng.sqlite");
    let mut ui = Simulator::with_size(settings(), (1366.0, 768.0), app.view());
    assert!(ui.find("Không mở được tệp dữ liệu").is_ok());
    for way_out in [
        "Thử lại",
        "Mở tệp khác… (Ctrl+O)",
        "Tạo khối mới… (Ctrl+N)",
        "Mở khối mẫu",
    ] {
        assert!(ui.find(way_out).is_ok(), "{way_out}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is untouched");
}

#[test]
fn the_error_screen_restores_a_backup_over_a_damaged_file() {
    std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dữ liệu.sqlite");
    khoithidua::app::files::write_demo_file(&path).unwrap();
    drop(Store::open(&path).unwrap()); // the day's backup
    std::fs::write(&path, "hỏng hết rồi").unwrap();
    let mut app = App::open(path.clone(), false, Dialogs::Folder(dir.path().to_path_buf()));
    assert!(matches!(app.screen, Screen::Failed(_)));
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1366.0, 768.0), app.view());
        assert!(ui.find("Các bản sao lưu của tệp này (mới nhất trước):").is_ok());
        ui.click("Khôi phục bản này").expect("a restore button per backup");
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
    let w = app.workspace().expect("the restored file opens");
    assert!(w.status.contains("Tệp hỏng được giữ nguyên"), "{}", w.status);
    assert_eq!(w.store().unwrap().years().unwrap(), vec![2020, 2021, 2022]);
}

#[test]
fn a_backup_that_cannot_be_written_shows_a_warning_band() {
    std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dữ liệu.sqlite");
    khoithidua::app::files::write_demo_file(&path).unwrap();
    std::fs::write(dir.path().join("backups"), "một tệp chắn chỗ thư mục").unwrap();
    let mut h = Harness::new(App::open(path, false, Dialogs::Folder(dir.path().to_path_buf())), dir);
    assert_eq!(h.ws().warnings.len(), 1);
    let warning = h.ws().warnings[0].clone();
    assert!(warning.starts_with("Chưa sao lưu được tự động"), "{warning}");
    // Shown above the area the user is in, whichever it is, until dismissed.
    h.send(Message::Workspace(workspace::Message::Area(Area::Scoring)));
    assert!(h.sim().find(warning.as_str()).is_ok());
    h.interact(|ui| {
        ui.click("Đã hiểu").unwrap();
    });
    assert!(h.ws().warnings.is_empty());
    assert!(h.sim().find(warning.as_str()).is_err());
}

#[test]
fn a_missing_file_opens_the_start_screen_and_the_demo_goes_to_a_file_of_its_own() {
    std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mới.sqlite");
    let app = App::open(path.clone(), true, Dialogs::Folder(dir.path().to_path_buf()));
    assert!(matches!(app.screen, Screen::Start(_)));
    let messages: Vec<Message> = {
        let mut ui = Simulator::with_size(settings(), (1366.0, 768.0), app.view());
        assert!(ui.find("Tạo khối mới").is_ok());
        ui.click("Xem khối mẫu (dữ liệu minh họa, tệp riêng)").unwrap();
        ui.into_messages().collect()
    };
    let mut h = Harness::new(app, dir);
    for m in messages {
        h.send(m);
    }
    assert!(h.ws().is_demo(), "marked as the demo");
    assert!(h.ws().path.ends_with("khoi-mau.sqlite"), "{}", h.ws().path.display());
    assert!(!path.exists(), "the user's file is not the demo");
    assert!(h.shows("KHỐI MẪU"), "said on the screen");
    assert!(h.app.title().ends_with("(khối mẫu)"), "{}", h.app.title());
}

#[test]
fn back_up_restore_and_hand_over_from_the_settings() {
    let mut h = Harness::demo();
    h.click("Cài đặt / Quy chế");
    use screens::settings::Message as S;
    h.ws_msg(workspace::Message::Settings(S::BackupNow));
    assert!(h.ws().status.starts_with("Đã sao lưu"), "{}", h.ws().status);
    // Newest first: the one just made (opening the file made the day's first one).
    let backups = khoithidua::store::backup::list_backups(&h.ws().path);
    assert_eq!(backups[0].reason, "thu-cong");
    assert!(h.shows("thu-cong"), "the backup is listed");
    // A change, then a restore after confirmation brings the old record back.
    h.ws_msg(workspace::Message::Settings(S::Bloc(0, "Khối đã đổi tên".into())));
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Save));
    assert_eq!(h.store().bloc().unwrap().unwrap().name, "Khối đã đổi tên");
    h.ws_msg(workspace::Message::Settings(S::Restore(backups[0].path.clone())));
    assert!(h.shows("Dữ liệu hiện tại sẽ được sao lưu trước."));
    h.click("Khôi phục");
    assert!(
        h.ws().status.starts_with("Đã khôi phục từ bản sao lưu"),
        "{}",
        h.ws().status
    );
    assert_eq!(
        h.store().bloc().unwrap().unwrap().name,
        "Khối thi đua Nội chính tỉnh Bình Định"
    );
    // Hand over: the bundle is written in the background, the store comes back.
    h.ws_msg(workspace::Message::Settings(S::ExportBundle));
    assert!(h.ws().status.starts_with("Đã ghi tệp bàn giao"), "{}", h.ws().status);
    assert!(h.ws().store().is_some());
    let bundle = std::fs::read_dir(h._dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".json.gz"))
        .expect("bundle written");
    // Receive it into a new file, then open that file. Opening asks for a file: without a system
    // dialog, the window's own chooser opens; the path is typed there.
    h.ws_msg(workspace::Message::Settings(S::ImportBundle));
    assert!(h.app.chooser_open(), "the in-window chooser stands in for the dialog");
    h.send(Message::Chooser(chooser::Message::Path(bundle.display().to_string())));
    h.send(Message::Chooser(chooser::Message::Choose));
    assert!(!h.app.chooser_open());
    assert!(
        h.ws().status.starts_with("Đã nhận bàn giao vào tệp mới"),
        "{}",
        h.ws().status
    );
    h.click("Mở tệp vừa nhận");
    assert!(h.ws().path.to_string_lossy().ends_with(".sqlite"));
    assert_ne!(h.ws().path.file_name().unwrap(), "khối thi đua.sqlite");
    assert_eq!(h.store().years().unwrap(), vec![2020, 2021, 2022]);
}

#[test]
fn shortcuts_export_and_cancel() {
    let mut h = Harness::demo();
    h.click("Khen thưởng");
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Export)); // Ctrl+P: the form
    assert!(h.ws().export_pending() && h.ws().last_export().is_none());
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Export)); // Ctrl+P again: export
    let out = h.ws().last_export().cloned().expect("exported");
    assert!(out
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("To trinh de nghi khen thuong nam 2022"));
    h.click("Giao ước thi đua");
    h.type_into("pledge-theme", "X");
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Cancel)); // Esc asks first
    assert!(h.shows("Bỏ các thay đổi chưa lưu ở mục"));
    assert!(h.ws().asking(), "nothing dropped yet");
    assert!(h.ws().screens.pledge.dirty());
    h.click("Bỏ thay đổi");
    assert!(h.ws().status.contains("Đã bỏ các thay đổi chưa lưu"));
    assert!(h
        .sim()
        .find("Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ chính trị năm 2022")
        .is_ok());
}

#[test]
fn export_every_document_of_the_year_with_progress() {
    let mut h = Harness::demo();
    h.click("Xuất tất cả văn bản năm");
    // 3 conferences, 3 ballots, the proposal, the pledge, the ranking.
    assert!(
        h.ws().status.starts_with("Đã xuất 9 văn bản năm 2022"),
        "{}",
        h.ws().status
    );
    let pdfs: Vec<String> = std::fs::read_dir(h._dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert_eq!(pdfs.len(), 9, "{pdfs:?}");
    assert!(pdfs
        .iter()
        .any(|n| n.starts_with("Bang tong hop diem va xep hang nam 2022")));
    // Every numbered document got its number in the register.
    let register = h.store().register(2022).unwrap();
    assert_eq!(
        register.iter().filter(|e| e.doc_type == DocType::Minutes).count(),
        6,
        "3 minutes + 3 ballot counts"
    );
    assert_eq!(register.iter().filter(|e| e.doc_type == DocType::Proposal).count(), 1);
}

#[test]
fn closing_with_unsaved_edits_asks_first() {
    let mut h = Harness::demo();
    let id = iced::window::Id::unique();
    h.send(Message::CloseRequested(id));
    assert!(!h.shows("Lưu trước khi đóng cửa sổ?"), "nothing to save: it closes");
    h.click("Giao ước thi đua");
    h.type_into("pledge-theme", "Y");
    h.send(Message::CloseRequested(id));
    assert!(h.shows("Có thay đổi chưa lưu. Lưu trước khi đóng cửa sổ?"));
    h.click("Ở lại");
    assert!(!h.shows("Lưu trước khi đóng cửa sổ?"));
    h.send(Message::CloseRequested(id));
    h.click("Lưu và đóng");
    assert!(
        h.store().pledge(2022).unwrap().unwrap().theme.contains('Y'),
        "saved before closing"
    );
}

#[test]
fn the_export_form_shows_the_number_and_the_date_and_the_date_typed_is_printed() {
    let mut h = Harness::demo();
    h.click("Khen thưởng");
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Export));
    // The tờ trình of 2022: its number, and the day after the year-end conference (20/12/2022).
    assert!(h.shows("Số: 01/TTr-KNC"), "{:?}", h.texts());
    assert!(
        h.ws().export_pending() && h.ws().last_export().is_none(),
        "nothing written yet"
    );
    // A date that cannot be read: the error beside the field, nothing exported.
    h.interact(|ui| {
        ui.click(iced_test::selector::id("export-date")).unwrap();
    });
    h.ws_msg(workspace::Message::ExportDate("31/02/2023".into()));
    h.click("Xuất PDF…");
    assert!(h.ws().last_export().is_none());
    assert!(h.shows("Chưa xuất: ngày văn bản chưa dùng được"), "{:?}", h.texts());
    // Typed in the field: the document is printed with that date, in 2023's series.
    h.ws_msg(workspace::Message::ExportDate(String::new()));
    h.type_into("export-date", "05/01/2023");
    assert!(h.shows("Số: 01/TTr-KNC"));
    h.click("Xuất PDF…");
    let out = h.ws().last_export().cloned().expect("exported");
    let pages = common::pdf_pages(&std::fs::read(&out).unwrap()).join(" ");
    assert!(pages.contains("Bình Định, ngày 05 tháng 01 năm 2023"), "{pages}");
    assert!(
        pages.contains("(Kèm theo Tờ trình số 01/TTr-KNC ngày 05/01/2023"),
        "{pages}"
    );
    let e = h
        .store()
        .issued(2022, DocType::Proposal, "proposal:2022")
        .unwrap()
        .expect("issued");
    assert_eq!(e.issued_on, chrono::NaiveDate::from_ymd_opt(2023, 1, 5).unwrap());
    // Exported again: the form proposes the stored number and date.
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Export));
    assert!(h.shows("Số: 01/TTr-KNC"));
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Cancel));
    assert!(!h.ws().export_pending());
}

/// A "Căn cứ" line of the rules, added in Cài đặt.
const DECISION: &str =
    "Quyết định số 15/2021/QĐ-UBND ngày 20/5/2021 của UBND tỉnh ban hành Quy định về công tác thi đua, khen thưởng";

#[test]
fn add_a_legal_basis_line_in_the_settings_and_see_it_printed_in_its_days() {
    use chrono::NaiveDate;
    use khoithidua::app::exports::{self, DocRequest, ExportOptions};
    use screens::settings::basis_id;
    let mut h = Harness::demo();
    h.click("Cài đặt / Quy chế");
    let before = h.store().rules_for(2022).unwrap().legal_basis;
    assert_eq!(before, khoithidua::domain::LegalBasis::defaults());
    let row = before.len();
    h.click_at_settings_foot("Thêm căn cứ");
    h.type_at_settings_foot(basis_id(row, "text"), &format!("Căn cứ {DECISION};"));
    h.type_at_settings_foot(basis_id(row, "from"), "01/06/2021");
    h.type_at_settings_foot(basis_id(row, "until"), "31/12/2022");
    // Unsaved: closing asks first.
    let window = iced::window::Id::unique();
    h.send(Message::CloseRequested(window));
    assert!(h.shows("Có thay đổi chưa lưu. Lưu trước khi đóng cửa sổ?"));
    h.click("Ở lại");
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Save)); // Ctrl+S
    assert!(h.ws().status.starts_with("Đã lưu cài đặt"), "{}", h.ws().status);
    h.send(Message::CloseRequested(window));
    assert!(!h.shows("Lưu trước khi đóng cửa sổ?"), "saved: nothing left to save");

    // (a) The store holds the row, the "Căn cứ" typed in front and the ";" left out.
    let stored = h.store().rules_for(2022).unwrap().legal_basis;
    assert_eq!(stored.len(), row + 1);
    assert_eq!(stored[..row], before[..]);
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    assert_eq!(stored[row].citation, DECISION);
    assert_eq!(stored[row].in_force_from, Some(d(2021, 6, 1)));
    assert_eq!(stored[row].in_force_until, Some(d(2022, 12, 31)));
    // Shown again from the store, in its fields.
    h.at_settings_foot(|ui| {
        assert!(ui.find(DECISION).is_ok(), "the saved citation is in its field");
    });

    // (b) The tờ trình of 2022 cites it on a date in its range, not after it. The window holds
    // the data file's lock: close it, then open the file.
    let path = h.ws().path.clone();
    let Harness { app, _dir, .. } = h;
    drop(app);
    let mut store = Store::open(&path).unwrap();
    let text_on = |store: &mut Store, date: NaiveDate| {
        let opts = ExportOptions {
            number: None,
            date: Some(date),
        };
        let made = exports::preview(store, &DocRequest::Proposal(2022), &opts, d(2023, 2, 1)).unwrap();
        assert_eq!(made.date, date);
        common::pdf_pages(&made.pdf.bytes).join(" ")
    };
    let line = format!("Căn cứ {DECISION};");
    let inside = text_on(&mut store, d(2022, 12, 28));
    assert!(inside.contains(&line), "{inside}");
    let after = text_on(&mut store, d(2023, 1, 5));
    assert!(!after.contains("Quyết định số 15/2021/QĐ-UBND"), "{after}");
    assert!(
        after.contains("Căn cứ Luật Thi đua, khen thưởng số 15/2003/QH11"),
        "{after}"
    );
}

#[test]
fn a_malformed_legal_basis_date_is_shown_beside_its_field_and_not_saved() {
    use screens::settings::basis_id;
    let mut h = Harness::demo();
    h.click("Cài đặt / Quy chế");
    let before = h.store().rules_for(2022).unwrap().legal_basis;
    let row = before.len();
    h.click_at_settings_foot("Thêm căn cứ");
    h.type_at_settings_foot(basis_id(row, "text"), DECISION);
    h.type_at_settings_foot(basis_id(row, "from"), "31/02/2021");
    h.click("Lưu (Ctrl+S)");
    assert!(h.ws().status.starts_with("Chưa lưu"), "{}", h.ws().status);
    h.at_settings_foot(|ui| {
        assert!(ui.find("Ngày 31/2/2021 không có trong lịch.").is_ok());
        assert!(ui.find("31/02/2021").is_ok(), "what was typed is kept");
    });
    assert_eq!(h.store().rules_for(2022).unwrap().legal_basis, before, "nothing stored");

    // Read, but ending before it starts: refused by the rules, the message beside "đến".
    h.at_settings_foot(|ui| {
        ui.click(iced_test::selector::id(basis_id(row, "from"))).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0.."31/02/2021".len() {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("01/06/2021");
    });
    h.type_at_settings_foot(basis_id(row, "until"), "31/05/2021");
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Save));
    assert!(h.ws().status.starts_with("Chưa lưu"), "{}", h.ws().status);
    h.at_settings_foot(|ui| {
        assert!(ui
            .find("Ngày hết hiệu lực (31/05/2021) trước ngày có hiệu lực (01/06/2021).")
            .is_ok());
        assert!(ui.find("Ngày 31/2/2021 không có trong lịch.").is_err(), "no longer");
    });
    assert_eq!(h.store().rules_for(2022).unwrap().legal_basis, before, "nothing stored");

    // An empty row is refused too; removing it leaves the rules as they were, and the default
    // lines come back with one click.
    h.click_at_settings_foot("Thêm căn cứ");
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Save));
    h.at_settings_foot(|ui| {
        assert!(ui
            .find(format!("Căn cứ {} không được để trống.", row + 2).as_str())
            .is_ok());
    });
    h.click_at_settings_foot("Khôi phục mặc định");
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Save));
    assert!(h.ws().status.starts_with("Đã lưu cài đặt"), "{}", h.ws().status);
    assert_eq!(h.store().rules_for(2022).unwrap().legal_basis, before);
}
