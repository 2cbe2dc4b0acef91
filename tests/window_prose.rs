//! Prose in the window: the proceedings, tasks and conclusions of a conference are typed in
//! multi-line editors where Enter starts a new line; what is typed is stored with its line breaks
//! and the minutes print a paragraph per line. A problem shown beside a field goes away as soon as
//! the field is right.

mod common;
#[path = "common/window.rs"]
mod harness;
mod pdf_read;
use harness::*;

use iced::keyboard::{key::Named, Key};
use iced_test::selector;
use iced_test::simulator::Simulator;
use khoithidua::ui::screens::conferences::{
    section_body_id, section_heading_id, Message as C, FORM_SCROLL_ID, NOTES_ID, TASKS_ID,
};
use khoithidua::ui::workspace;
use khoithidua::ui::Message;

/// Scrolls the conference form (with the mouse wheel, over the form's left edge, where no editor
/// takes the wheel) so that the field `id` is in view: the simulator clicks only what it sees.
fn bring_into_view(ui: &mut Simulator<'_, Message>, id: &str) {
    let form = ui.find(selector::id(FORM_SCROLL_ID)).expect("the conference form");
    let view = form.visible_bounds().expect("on screen");
    let field = ui
        .find(selector::id(id.to_string()))
        .unwrap_or_else(|e| panic!("no field {id}: {e:?}"));
    let at = field.bounds();
    ui.point_at(iced::Point::new(view.x + 3.0, view.center_y()));
    ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
        delta: iced::mouse::ScrollDelta::Pixels {
            x: 0.0,
            y: -(at.y - view.y - 40.0),
        },
    })]);
    let seen = ui.find(selector::id(id.to_string())).unwrap();
    assert!(seen.visible_bounds().is_some(), "{id} still out of view");
}

/// In one interaction: scrolls to the editor `id`, clicks it, types each line and Enter between them.
fn type_lines(h: &mut Harness, id: &str, lines: &[&str]) {
    h.interact(|ui| {
        bring_into_view(ui, id);
        ui.click(selector::id(id.to_string()))
            .unwrap_or_else(|e| panic!("no editor {id}: {e:?}"));
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                ui.tap_key(Key::Named(Named::Enter));
            }
            ui.typewrite(line);
        }
    });
}

const P1: &str = "Chín tháng đầu năm 2022, các đơn vị đã hoàn thành tốt nhiệm vụ chính trị, giữ vững an ninh chính trị, trật tự an toàn xã hội và thực hiện nghiêm Quy chế của Khối.";
const P2: &str = "Các đơn vị thống nhất đẩy mạnh phong trào thi đua trong quý IV.";

#[test]
fn type_two_paragraphs_of_proceedings_and_see_them_printed_as_two() {
    let mut h = Harness::demo();
    h.click("Hội nghị");
    h.click("Hội nghị mới");

    // A problem goes away as soon as its field is right, without saving again.
    h.click("Lưu (Ctrl+S)");
    assert!(h.shows("Chưa nhập ngày (dd/mm/yyyy)."), "{:?}", h.texts());
    h.type_into("conf-date", "15/09/2022");
    assert!(!h.shows("Chưa nhập ngày"), "{:?}", h.texts());
    assert!(!h.shows("không được để trống"), "no new problem before saving again");

    h.type_into("conf-start", "8:00");
    h.type_into("conf-end", "10:30");
    h.type_into("conf-title", "Hội nghị giao ban Khối thi đua quý III năm 2022");
    h.type_into("conf-place", "Hội trường Thanh tra tỉnh");
    h.type_into("conf-chair", "Đặng Hồng Thọ");
    h.type_into("conf-secretary", "Lê Thị Thu");
    h.ws_msg(workspace::Message::Conferences(C::AddSection));
    h.interact(|ui| {
        let id = section_heading_id(0);
        bring_into_view(ui, &id);
        ui.click(selector::id(id)).expect("the heading of part 1");
        ui.typewrite("Kết quả thi đua 9 tháng");
    });
    // Enter in the editor starts the second paragraph.
    type_lines(&mut h, &section_body_id(0), &[P1, P2]);
    type_lines(
        &mut h,
        TASKS_ID,
        &["Hoàn thành báo cáo quý III.", "Tổ chức hội thao của Khối."],
    );
    type_lines(
        &mut h,
        NOTES_ID,
        &[
            "Hội nghị giao Khối trưởng tổng hợp ý kiến.",
            "Các đơn vị gửi báo cáo trước ngày 25/12/2022.",
        ],
    );
    assert!(h.shows("Nhiệm vụ, giải pháp trọng tâm (2)"), "{:?}", h.texts());
    h.click("Lưu (Ctrl+S)");
    assert!(
        h.ws().status.contains("Đã lưu hội nghị ngày 15/09/2022"),
        "{}",
        h.ws().status
    );

    // Stored with the line breaks typed; the tasks one per line, a list.
    let c = h
        .store()
        .conferences(2022)
        .unwrap()
        .into_iter()
        .find(|c| c.title.contains("quý III"))
        .expect("stored");
    assert_eq!(c.sections.len(), 1);
    assert_eq!(c.sections[0].heading, "Kết quả thi đua 9 tháng");
    assert_eq!(c.sections[0].body, format!("{P1}\n{P2}"));
    assert_eq!(c.tasks, ["Hoàn thành báo cáo quý III.", "Tổ chức hội thao của Khối."]);
    assert_eq!(
        c.notes,
        "Hội nghị giao Khối trưởng tổng hợp ý kiến.\nCác đơn vị gửi báo cáo trước ngày 25/12/2022."
    );

    // The minutes: each paragraph starts a line of its own, indented as the body.
    h.click("Xuất biên bản (Ctrl+P)");
    h.click("Xuất PDF…");
    let out = h.ws().last_export().cloned().expect("exported");
    let r = pdf_read::read(&std::fs::read(&out).unwrap());
    let lines: Vec<&str> = r.runs.iter().map(|x| x.text.as_str()).collect();
    assert!(
        !lines.iter().any(|l| l.contains("Khối.Các") || l.contains("Khối. Các")),
        "{lines:#?}"
    );
    let indent_x = r.find("Vào lúc 8 giờ 00 phút").x;
    let starts = |s: &str| {
        r.runs
            .iter()
            .position(|x| x.text.starts_with(s))
            .unwrap_or_else(|| panic!("no line starts with {s}: {lines:#?}"))
    };
    let first = starts("Chín tháng đầu năm 2022");
    let second = starts("Các đơn vị thống nhất đẩy mạnh");
    assert!(second > first + 1, "the first paragraph takes two lines");
    assert!(r.runs[second - 1].text.ends_with("Khối."), "{:?}", r.runs[second - 1]);
    for i in [first, second] {
        assert!((r.runs[i].x - indent_x).abs() < 0.5, "{:?}", r.runs[i]);
    }
    assert!(r.runs[first + 1].x < indent_x - 10.0, "{:?}", r.runs[first + 1]);
    for l in [
        "1. Hoàn thành báo cáo quý III.",
        "2. Tổ chức hội thao của Khối.",
        "Hội nghị giao Khối trưởng tổng hợp ý kiến.",
        "Các đơn vị gửi báo cáo trước ngày 25/12/2022.",
    ] {
        let i = starts(l);
        assert_eq!(r.runs[i].text, l, "one line of its own");
        assert!((r.runs[i].x - indent_x).abs() < 0.5, "{:?}", r.runs[i]);
    }
}

#[test]
fn enter_starts_a_line_in_editors_only() {
    // Enter in a one-line field adds nothing; in the editor it starts a new line.
    let mut h = Harness::demo();
    h.click("Hội nghị");
    h.click("Hội nghị mới");
    h.interact(|ui| {
        ui.click(selector::id("conf-title")).expect("the title");
        ui.typewrite("Hội nghị");
        ui.tap_key(Key::Named(Named::Enter));
        ui.typewrite(" sơ kết");
    });
    h.ws_msg(workspace::Message::Conferences(C::AddSection));
    type_lines(&mut h, &section_body_id(0), &["Một.", "", "Hai."]);
    h.type_into("conf-date", "15/07/2022");
    h.type_into("conf-place", "Hội trường Công an tỉnh");
    h.click("Lưu (Ctrl+S)");
    let c = h
        .store()
        .conferences(2022)
        .unwrap()
        .into_iter()
        .find(|c| c.date == chrono::NaiveDate::from_ymd_opt(2022, 7, 15).unwrap() && c.title.contains("sơ kết"))
        .unwrap_or_else(|| panic!("stored: {}", h.ws().status));
    assert_eq!(c.title, "Hội nghị sơ kết");
    assert_eq!(c.sections[0].body, "Một.\n\nHai.");
}

#[test]
fn a_problem_shown_goes_away_once_the_field_is_fixed() {
    let mut h = Harness::demo();
    // 2021 has no pledge yet.
    h.ws_msg(workspace::Message::Year(2021));
    h.click("Giao ước thi đua");
    h.click("Lưu (Ctrl+S)");
    assert!(h.shows("Chủ đề thi đua không được để trống."), "{:?}", h.texts());
    assert!(h.shows("Giao ước chưa có nội dung nào."));
    h.type_into("pledge-theme", "Đoàn kết, sáng tạo năm 2021");
    assert!(!h.shows("Chủ đề thi đua không được để trống."), "{:?}", h.texts());
    assert!(h.shows("Giao ước chưa có nội dung nào."), "still to fix");
    h.click("Thêm nội dung");
    assert!(!h.shows("Giao ước chưa có nội dung nào."));
    assert!(
        !h.shows("Nội dung 1 không được để trống."),
        "no new problem before saving again"
    );
    h.click("Lưu (Ctrl+S)");
    assert!(h.shows("Nội dung 1 không được để trống."));
    h.type_into("item-0", "Hoàn thành chỉ tiêu được giao");
    assert!(!h.shows("không được để trống"), "{:?}", h.texts());
}
