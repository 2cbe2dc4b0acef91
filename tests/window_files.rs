//! Day one in the window, file side: the start screen makes the user's own bloc (never the demo),
//! every file action works without a system dialog (the window's own chooser), the file menu, the
//! error screen's ways out, Esc and undo, the keyboard, a new year, the window's size.

mod common;
#[path = "common/window.rs"]
mod harness;

use harness::*;
use iced::keyboard::key::Named;
use iced_test::selector::id;
use khoithidua::ui::workspace::{self, Area};
use khoithidua::ui::{chooser, fit_to_screen, App, Dialogs, Message, Screen};

fn start_at(dir: &tempfile::TempDir, name: &str) -> Harness {
    let path = dir.path().join(name);
    let app = App::open(path, true, Dialogs::Folder(dir.path().to_path_buf()));
    let dir = tempfile::TempDir::new_in(dir.path()).unwrap(); // the harness holds a folder of its own
    Harness::new(app, dir)
}

#[test]
fn a_new_bloc_is_made_from_the_start_screen_with_the_keyboard_and_starts_empty_of_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = start_at(&dir, "khoithidua.sqlite");
    assert!(matches!(h.app.screen, Screen::Start(_)));
    // The form starts empty: nothing becomes a member unless typed.
    assert_eq!(
        h.field_text("new-name"),
        "Khối thi đua Nội chính tỉnh …",
        "only the placeholder"
    );
    // Ctrl+S on an empty form: told what is missing, beside the fields.
    h.ctrl("s");
    assert!(h.shows("Nhập ít nhất một đơn vị thành viên, mỗi dòng một đơn vị."));
    assert!(matches!(h.app.screen, Screen::Start(_)));

    h.ui_click(id("new-name"));
    h.ui_type("Khối thi đua Nội chính tỉnh Gia Lai");
    h.key(Named::Tab);
    assert_eq!(h.focused().as_deref(), Some("Id(Custom(\"new-symbol\"))"));
    h.ui_type("KNC");
    h.key(Named::Tab);
    h.ui_type("UBND TỈNH GIA LAI");
    h.key(Named::Tab);
    h.ui_type("Gia Lai");
    h.ui_click(id("new-units"));
    h.ui_type("Công an tỉnh | CA tỉnh");
    h.key(Named::Enter);
    h.paste("Tòa án nhân dân tỉnh\tTAND tỉnh\n"); // a row copied from Excel
    h.ui_type("Sở Tư pháp | STP");
    h.ctrl("s");

    let w = h.ws();
    assert!(!w.is_demo());
    assert!(w.path.starts_with(dir.path()), "{}", w.path.display());
    assert!(w.path.to_string_lossy().ends_with(".sqlite"));
    let store = h.store();
    assert_eq!(
        store.bloc().unwrap().unwrap().name,
        "Khối thi đua Nội chính tỉnh Gia Lai"
    );
    let units = store.units().unwrap();
    let names: Vec<String> = units.iter().map(|u| u.current_name().to_string()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names.contains(&"Tòa án nhân dân tỉnh".to_string()),
        "tab-separated as from Excel"
    );
    let year = h.ws().record().year;
    assert_eq!(store.members(year).unwrap().len(), 3);
    assert_eq!(store.years().unwrap(), vec![year]);
    assert!(h.app.title().ends_with(".sqlite"), "{}", h.app.title());
    assert!(h.ws().status.starts_with("Đã tạo khối mới"), "{}", h.ws().status);
}

#[test]
fn open_another_file_from_the_menu_without_a_system_dialog_then_come_back_through_recent_files() {
    let mut h = Harness::demo();
    let first = h.ws().path.clone();
    let other = h._dir.path().join("khối khác.sqlite");
    khoithidua::app::files::write_demo_file(&other).unwrap();
    h.click("Tệp ▾");
    h.click("Mở tệp dữ liệu… (Ctrl+O)");
    // No system dialog here: the window's own chooser, its path field focused.
    assert!(h.app.chooser_open());
    assert_eq!(h.focused().as_deref(), Some("Id(Custom(\"chooser-path\"))"));
    // The folder's data files are listed; one click puts it in the field, Enter opens it.
    h.ui_click("khối khác.sqlite");
    assert_eq!(h.field_text(chooser::PATH_ID), other.display().to_string());
    h.ui_click(id(chooser::PATH_ID));
    h.key(Named::Enter);
    assert!(!h.app.chooser_open());
    assert_eq!(h.ws().path, other);
    // Back to the first file from the menu's recent files.
    h.click("Tệp ▾");
    assert!(h.shows("Mở gần đây"));
    h.click("khối thi đua.sqlite");
    assert_eq!(h.ws().path, first);
}

#[test]
fn a_path_that_does_not_exist_is_refused_in_the_chooser_and_esc_closes_it() {
    let mut h = Harness::demo();
    h.ctrl("o");
    assert!(h.app.chooser_open());
    h.send(Message::Chooser(chooser::Message::Path("/không/có/tệp.sqlite".into())));
    h.send(Message::Chooser(chooser::Message::Choose));
    assert!(h.shows("Không có tệp /không/có/tệp.sqlite."));
    assert!(h.app.chooser_open());
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Cancel));
    assert!(!h.app.chooser_open());
    assert_eq!(h.ws().status, "Đã hủy chọn tệp.");
}

#[test]
fn leaving_a_file_with_unsaved_edits_asks_first() {
    let mut h = Harness::demo();
    h.click("Giao ước thi đua");
    h.type_into("pledge-theme", " (sửa)");
    h.click("Tệp ▾");
    h.click("Tạo khối mới… (Ctrl+N)");
    assert!(h.shows("có thay đổi chưa lưu"), "asked first");
    assert!(h.app.workspace().is_some(), "still on the file");
    h.click("Bỏ thay đổi");
    assert!(matches!(h.app.screen, Screen::Start(_)));
    // Esc on the start screen goes back to the file that was open.
    h.send(Message::Shortcut(khoithidua::ui::keys::Shortcut::Cancel));
    assert!(h.app.workspace().is_some());
}

#[test]
fn esc_closes_the_innermost_thing_first_and_never_drops_edits_without_asking() {
    let mut h = Harness::demo();
    h.click("Giao ước thi đua");
    let before = h.field_text("pledge-theme");
    h.type_into("pledge-theme", " (sửa)");
    h.click("Tệp ▾");
    h.key(Named::Escape); // the menu
    assert!(!h.shows("Mở gần đây"));
    assert!(h.ws().screens.pledge.dirty(), "edits kept");
    h.key(Named::Escape); // the edits: asked
    assert!(h.ws().asking());
    h.key(Named::Escape); // the question closes; edits still there
    assert!(!h.ws().asking());
    assert!(h.ws().screens.pledge.dirty());
    let edited = h.field_text("pledge-theme");
    assert!(edited.contains(" (sửa)") && edited != before, "{edited}");
    h.key(Named::Escape);
    h.click("Lưu");
    assert!(!h.ws().screens.pledge.dirty());
    assert_eq!(h.store().pledge(2022).unwrap().unwrap().theme, edited);
}

#[test]
fn ctrl_z_undoes_typing_a_step_at_a_time_and_ctrl_y_redoes_it() {
    let mut h = Harness::demo();
    h.click("Giao ước thi đua");
    let before = h.field_text("pledge-theme");
    h.type_into("pledge-theme", " một"); // one step: typed without a pause
    let typed = h.field_text("pledge-theme");
    assert!(typed.contains(" một") && typed != before, "{typed}");
    h.ctrl("z");
    assert_eq!(h.field_text("pledge-theme"), before);
    assert!(!h.ws().screens.pledge.dirty(), "back to what is saved");
    h.ctrl("y");
    assert_eq!(h.field_text("pledge-theme"), typed);
    assert!(h.ws().screens.pledge.dirty());
    h.ctrl("z");
    h.ctrl("z");
    assert_eq!(h.ws().status, "Không còn thay đổi nào để hoàn tác.");
}

#[test]
fn tab_and_shift_tab_move_through_a_form_in_reading_order() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.ui_click(id("unit-name"));
    h.key(Named::Tab);
    assert_eq!(h.focused().as_deref(), Some("Id(Custom(\"unit-short\"))"));
    h.press(iced::keyboard::Key::Named(Named::Tab), iced::keyboard::Modifiers::SHIFT);
    assert_eq!(h.focused().as_deref(), Some("Id(Custom(\"unit-name\"))"));
}

#[test]
fn a_new_year_copies_members_criteria_and_pledge_contents_from_the_last() {
    let mut h = Harness::demo();
    h.click("Năm mới…");
    assert_eq!(h.field_text(workspace::NEW_YEAR_ID), "2023");
    assert_eq!(h.focused().as_deref(), Some("Id(Custom(\"new-year\"))"));
    h.key(Named::Enter);
    assert_eq!(h.ws().record().year, 2023, "{}", h.ws().status);
    assert!(h.ws().years().contains(&2023));
    let s = h.store();
    assert_eq!(s.members(2023).unwrap(), s.members(2022).unwrap());
    let (old, new) = (s.load_year(2022).unwrap(), s.load_year(2023).unwrap());
    assert_eq!(new.score_sheet.criteria, old.score_sheet.criteria);
    assert!(new.score_sheet.entries.is_empty(), "no scores carried over");
    assert!(h.ws().status.contains("Đã tạo năm 2023"), "{}", h.ws().status);
    // Again: refused, with the reason where the user looks.
    h.click("Năm mới…");
    h.send(Message::Workspace(workspace::Message::NewYear(
        workspace::NewYearMessage::Year("2022".into()),
    )));
    h.click("Tạo năm");
    assert!(h.shows("2022"), "the refusal names the year");
    assert_eq!(h.store().years().unwrap(), vec![2020, 2021, 2022, 2023]);
}

#[test]
fn the_status_line_open_button_is_only_for_the_file_just_written() {
    let mut h = Harness::demo();
    h.click("Khen thưởng");
    h.ctrl("p");
    h.ctrl("p");
    assert!(h.ws().last_export().is_some());
    assert!(h.sim().find("Mở").is_ok());
    h.click("Chấm điểm");
    assert!(h.ws().last_export().is_none());
    assert!(h.sim().find("Mở").is_err(), "not the previous PDF after unrelated work");
}

#[test]
fn the_error_screen_opens_the_demo_or_starts_a_new_bloc() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hỏng.sqlite");
    std::fs::write(&path, "không phải dữ liệu").unwrap();
    let app = App::open(path.clone(), false, Dialogs::Folder(dir.path().to_path_buf()));
    let mut h = Harness::new(app, tempfile::TempDir::new_in(dir.path()).unwrap());
    assert!(matches!(h.app.screen, Screen::Failed(_)));
    h.click("Tạo khối mới… (Ctrl+N)");
    assert!(matches!(h.app.screen, Screen::Start(_)));
    h.click("Xem khối mẫu (dữ liệu minh họa, tệp riêng)");
    assert!(h.ws().is_demo());
    assert_eq!(h.ws().path, dir.path().join("khoi-mau.sqlite"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"kh\xc3\xb4ng ph\xe1\xba\xa3i d\xe1\xbb\xaf li\xe1\xbb\x87u",
        "untouched"
    );
    h.click("Tệp ▾");
    assert!(h.sim().find("Mở khối mẫu").is_ok());
    let _ = Area::Units;
}

#[test]
fn a_window_larger_than_the_screen_shrinks_to_fit_it() {
    use iced::Size;
    let big = Size::new(1366.0, 768.0);
    let fitted = fit_to_screen(big, Size::new(1024.0, 768.0)).expect("too large for 1024×768");
    assert!(
        fitted.width <= 1024.0 - 16.0 && fitted.height <= 768.0 - 72.0,
        "{fitted:?}"
    );
    assert_eq!(
        fit_to_screen(big, Size::new(1920.0, 1080.0)),
        None,
        "fits: left as it is"
    );
}

#[test]
fn a_settings_message_goes_once_its_field_is_fixed() {
    let mut h = Harness::demo();
    h.click("Cài đặt / Quy chế");
    h.ui_click(id("set-symbol"));
    h.ctrl("a");
    h.key(Named::Backspace);
    h.ctrl("s");
    let shown = h
        .texts()
        .into_iter()
        .filter(|t| t.contains("viết tắt") || t.contains("Ký hiệu"))
        .count();
    assert!(h.ws().status.starts_with("Chưa lưu"), "{}", h.ws().status);
    h.ui_type("KNC");
    let after = h
        .texts()
        .into_iter()
        .filter(|t| t.contains("viết tắt") || t.contains("Ký hiệu"))
        .count();
    assert!(after < shown, "the symbol's message is gone once it is typed again");
    h.ctrl("s");
    assert!(h.ws().status.starts_with("Đã lưu cài đặt"), "{}", h.ws().status);
}

#[test]
fn while_background_work_holds_the_store_the_file_is_not_left_and_edits_survive_it() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.type_into("unit-name", "Sở Nội vụ");
    // "Xuất tất cả văn bản năm": the folder is answered, the first document goes to a task. Held.
    let ask = run_task(h.app.update(Message::Workspace(workspace::Message::ExportAll))).remove(0);
    let answer = run_task(h.app.update(ask)).remove(0);
    let batch = h.app.update(answer);
    assert!(h.ws().store().is_none(), "the store is with the task");
    // Meanwhile: another file, a new year, another year are refused, with the reason.
    let path = h.ws().path.clone();
    h.send(Message::Workspace(workspace::Message::Leave(
        khoithidua::ui::Target::Start,
    )));
    assert!(h.app.workspace().is_some_and(|w| w.path == path), "still on the file");
    assert!(h.ws().status.starts_with("Đang bận"), "{}", h.ws().status);
    h.send(Message::Workspace(workspace::Message::Year(2021)));
    assert_eq!(h.ws().record().year, 2022);
    // The batch ends: the store is back, the typed unit name is still there.
    h.run(batch);
    assert!(h.ws().store().is_some());
    assert!(h.ws().status.starts_with("Đã xuất"), "{}", h.ws().status);
    assert!(
        h.field_text("unit-name").contains("Sở Nội vụ"),
        "edits survive an export"
    );
    assert!(h.ws().screens.units.dirty());
}

#[test]
fn the_chooser_asks_before_replacing_a_file_and_adds_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khối.sqlite");
    khoithidua::app::files::write_demo_file(&path).unwrap();
    let app = App::open(path, false, Dialogs::InWindow);
    let mut h = Harness::new(app, tempfile::TempDir::new_in(dir.path()).unwrap());
    h.click("Khen thưởng");
    h.ctrl("p");
    h.key(Named::Enter);
    assert!(h.app.chooser_open());
    let existing = dir.path().join("tờ trình.pdf");
    std::fs::write(&existing, b"cu").unwrap();
    h.send(Message::Chooser(chooser::Message::Path(existing.display().to_string())));
    h.send(Message::Chooser(chooser::Message::Choose));
    assert!(h.shows("lần nữa để ghi đè"), "asked first");
    assert_eq!(std::fs::read(&existing).unwrap(), b"cu");
    // Ctrl+Z under the chooser does not reach the screen beneath.
    h.ctrl("z");
    assert!(h.app.chooser_open());
    // A name typed without ".pdf" gets it.
    h.send(Message::Chooser(chooser::Message::Path(
        dir.path().join("tờ trình mới").display().to_string(),
    )));
    h.send(Message::Chooser(chooser::Message::Choose));
    assert!(!h.app.chooser_open());
    assert!(dir.path().join("tờ trình mới.pdf").is_file(), "{}", h.ws().status);
}

#[test]
fn the_years_batch_writes_every_document_even_two_of_one_title() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khối.sqlite");
    khoithidua::app::files::write_demo_file(&path).unwrap();
    // A second conference with the last one's title, the day after: two minutes of one title
    // (after, so that its number comes in date order).
    {
        let mut s = khoithidua::store::Store::open(&path).unwrap();
        let conferences = s.conferences(2022).unwrap();
        let mut twin = conferences.into_iter().max_by_key(|c| c.date).unwrap();
        twin.id = 0;
        twin.date += chrono::TimeDelta::days(1);
        s.save_conference(&mut twin).unwrap();
    }
    let out = dir.path().join("văn bản 2022");
    std::fs::create_dir(&out).unwrap();
    let app = App::open(path, false, Dialogs::Folder(out.clone()));
    let mut h = Harness::new(app, tempfile::TempDir::new_in(dir.path()).unwrap());
    let expected = khoithidua::app::year_documents::year_documents(h.ws().record()).len();
    h.click("Xuất tất cả văn bản năm");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        expected,
        "one file per document: {names:?}; {}",
        h.ws().status
    );
    assert!(names.iter().any(|n| n.ends_with(" (2).pdf")), "{names:?}");
    assert!(
        h.ws().status.starts_with(&format!("Đã xuất {expected}")),
        "{}",
        h.ws().status
    );
    // Each file is its own document: no two alike.
    let mut sums: Vec<Vec<u8>> = names.iter().map(|n| common::sha256(&out.join(n))).collect();
    sums.sort();
    sums.dedup();
    assert_eq!(sums.len(), expected);
}
