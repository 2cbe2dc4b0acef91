//! The draft editor in the window, used as a clerk would: open a document's draft from its export
//! form, edit a paragraph with the keyboard, watch the preview follow, save (Ctrl+S), issue
//! (Ctrl+P), then reopen the file and reprint: the same text as signed.

mod common;
#[path = "common/window.rs"]
mod harness;
use harness::*;

use iced::keyboard::{key::Named, Key};
use iced_test::selector;
use khoithidua::app::drafts::State;
use khoithidua::ui::dialogs::Dialogs;
use khoithidua::ui::draft_editor::piece_id;
use khoithidua::ui::App;

const ADDED: &str = " Đại biểu Ban Thi đua - Khen thưởng tỉnh dự và phát biểu.";

fn year_end_title(h: &Harness) -> String {
    h.store()
        .conferences(2022)
        .unwrap()
        .into_iter()
        .find(|c| c.kind == khoithidua::domain::ConferenceKind::YearEnd)
        .unwrap()
        .title
}

fn open_minutes_draft(h: &mut Harness) {
    h.click("Hội nghị");
    let title = year_end_title(h);
    h.click(&title);
    h.click("Xuất biên bản (Ctrl+P)");
    assert!(h.shows("Soạn thảo, xem trước… (Ctrl+E)"));
    h.ctrl("e");
    assert!(h.ws().editor().is_some(), "the draft editor opens: {}", h.ws().status);
}

/// Clicks into the first paragraph, goes to the end of its line and types [`ADDED`].
fn add_to_first_paragraph(h: &mut Harness) {
    h.interact(|ui| {
        ui.click(selector::id(piece_id(0)))
            .expect("the first paragraph's editor");
        ui.tap_key(Key::Named(Named::End));
        ui.typewrite(ADDED);
    });
}

#[test]
fn edit_a_paragraph_watch_the_preview_issue_and_reprint_the_same_text() {
    let mut h = Harness::demo();
    open_minutes_draft(&mut h);
    let ed = h.ws().editor().unwrap();
    assert_eq!(ed.state, State::Fresh);
    assert_eq!(ed.draft.header.number, None, "numbered only when issued");
    let pages_before = ed.preview().page_count();
    assert!(pages_before >= 2, "the year-end minutes run over pages");

    add_to_first_paragraph(&mut h);
    let ed = h.ws().editor().unwrap();
    assert!(ed.dirty());
    let first = ed
        .draft
        .text_lines()
        .into_iter()
        .find(|l| l.contains("Đại biểu Ban Thi đua"))
        .expect("the edit is in the draft");
    assert!(first.starts_with("Vào lúc"), "{first}");
    assert!(
        ed.preview().text().contains("phát biểu."),
        "the preview shows the edit as it will print"
    );

    // Ctrl+S saves the draft with its record; nothing is numbered.
    h.ctrl("s");
    assert_eq!(h.ws().editor().unwrap().state, State::Saved, "{}", h.ws().status);
    let register_before = h.store().register(2022).unwrap().len();

    // Ctrl+P issues: a number from the register, the PDF written where the dialog says.
    h.ctrl("p");
    let out = h
        .ws()
        .last_export()
        .cloned()
        .unwrap_or_else(|| panic!("issued: {}", h.ws().status));
    let ed = h.ws().editor().unwrap();
    assert_eq!(ed.state, State::Issued);
    let number = ed.draft.header.number.clone().expect("numbered");
    assert_eq!(h.store().register(2022).unwrap().len(), register_before + 1);
    let signed = common::pdf_pages(&std::fs::read(&out).unwrap()).join("\n");
    assert!(signed.contains(&format!("Số: {number}")), "{signed}");
    assert!(
        signed.contains("Đại biểu Ban Thi đua - Khen thưởng tỉnh dự và phát biểu."),
        "{signed}"
    );
    // Frozen: typing changes nothing.
    h.interact(|ui| {
        let _ = ui.click(selector::id(piece_id(0)));
        ui.typewrite("xyz");
    });
    assert!(!h
        .ws()
        .editor()
        .unwrap()
        .draft
        .text_lines()
        .iter()
        .any(|l| l.contains("xyz")));
    // The first Esc leaves the paragraph's field (as in any editor), the second closes.
    h.key(Named::Escape);
    h.key(Named::Escape);
    assert!(h.ws().editor().is_none(), "Esc closes the issued document");

    // The window closed, the file opened again, the document printed again from its export
    // form: the same text.
    let path = h.ws().path.clone();
    let Harness { app, _dir: dir, .. } = h;
    drop(app);
    let app = App::open(path, false, Dialogs::Folder(dir.path().to_path_buf()));
    let mut again = Harness::new(app, dir);
    again.click("Hội nghị");
    let title = year_end_title(&again);
    again.click(&title);
    again.click("Xuất biên bản (Ctrl+P)");
    assert!(again.shows(&format!("Số: {number}")), "{:?}", again.texts());
    again.click("Xuất PDF…");
    let reprint = again.ws().last_export().cloned().expect("reprinted");
    assert_eq!(common::pdf_pages(&std::fs::read(&reprint).unwrap()).join("\n"), signed);
}

#[test]
fn regenerate_asks_and_shows_what_would_be_lost() {
    let mut h = Harness::demo();
    open_minutes_draft(&mut h);
    add_to_first_paragraph(&mut h);
    h.click("Tạo lại từ số liệu…");
    assert!(h.shows("những gì sẽ thay đổi"), "{:?}", h.texts());
    assert!(h.shows("− Vào lúc"), "the edited paragraph would be dropped");
    h.click("Giữ bản đang sửa");
    assert!(h
        .ws()
        .editor()
        .unwrap()
        .draft
        .text_lines()
        .iter()
        .any(|l| l.contains("Đại biểu Ban Thi đua")));
    h.click("Tạo lại từ số liệu…");
    h.click("Lấy nội dung mới, bỏ sửa đổi");
    assert!(!h
        .ws()
        .editor()
        .unwrap()
        .draft
        .text_lines()
        .iter()
        .any(|l| l.contains("Đại biểu Ban Thi đua")));
}

#[test]
fn closing_with_unsaved_edits_asks_first() {
    let mut h = Harness::demo();
    open_minutes_draft(&mut h);
    h.interact(|ui| {
        ui.click(selector::id(piece_id(0)))
            .expect("the first paragraph's editor");
        ui.typewrite("x");
    });
    h.key(Named::Escape);
    h.key(Named::Escape);
    assert!(h.ws().editor().is_some(), "stays until the user decides");
    assert!(h.shows("Đóng và bỏ các sửa đổi?"), "{:?}", h.texts());
    h.click("Ở lại");
    assert!(h.ws().editor().is_some());
    h.click("Đóng (Esc)");
    h.click("Đóng, bỏ sửa đổi");
    assert!(h.ws().editor().is_none());
}

#[test]
fn leaving_for_another_area_asks_and_saving_keeps_the_draft() {
    let mut h = Harness::demo();
    open_minutes_draft(&mut h);
    add_to_first_paragraph(&mut h);
    h.click("Chấm điểm");
    assert!(h.ws().editor().is_some(), "stays until the user decides");
    assert!(h.shows("có thay đổi chưa lưu"), "{:?}", h.texts());
    h.click("Lưu");
    assert!(h.ws().editor().is_none());
    assert_eq!(h.ws().area(), khoithidua::ui::workspace::Area::Scoring);
    let source = format!("minutes:{}", {
        h.store()
            .conferences(2022)
            .unwrap()
            .into_iter()
            .find(|c| c.kind == khoithidua::domain::ConferenceKind::YearEnd)
            .unwrap()
            .id
    });
    let saved = h.store().draft(&source).unwrap().expect("the draft was saved");
    assert!(saved.json.contains("Đại biểu Ban Thi đua"));
    assert!(!saved.issued);
}
