//! The member units screen driven headless through the window's real `update` and `view`: editing
//! a unit's head, deleting a unit added by mistake, refusing to delete one with records and letting
//! it leave the bloc instead, Enter in the add form, a list pasted from Excel.

mod common;
#[path = "common/window.rs"]
mod harness;

use harness::*;
use iced::keyboard::key::Named;
use iced::keyboard::Key;
use iced::widget::text_editor::{Action as EditorAction, Edit};
use iced_test::simulator::Simulator;
use khoithidua::domain::unit::HeadChange;
use khoithidua::domain::Unit;
use khoithidua::store::Store;
use khoithidua::ui::screens::{units, Action, Ctx};
use khoithidua::ui::workspace;
use khoithidua::ui::Message;
use std::sync::Arc;

fn unit(h: &Harness, name: &str) -> Unit {
    h.store()
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.current_name() == name)
        .unwrap_or_else(|| panic!("{name} is stored"))
}

fn units_msg(h: &mut Harness, m: units::Message) {
    h.ws_msg(workspace::Message::Units(m));
}

/// Scrolls the side of the screen (the forms) by `dy` pixels down, then runs `f` in the same
/// simulator: what lies below the window's height cannot be clicked otherwise.
fn at_side(h: &mut Harness, dy: f32, f: impl FnOnce(&mut Simulator<'_, Message>)) {
    h.interact(|ui| {
        let side = ui
            .find(iced_test::selector::id(units::SIDE_ID))
            .expect("the side of the units screen");
        ui.point_at(side.visible_bounds().expect("on screen").center());
        ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
            delta: iced::mouse::ScrollDelta::Pixels { x: 0.0, y: -dy },
        })]);
        f(ui);
    });
}

/// Replaces the content of the paste box with `text`, as Ctrl+A then Ctrl+V would.
fn paste(h: &mut Harness, text: &str) {
    units_msg(h, units::Message::Paste(EditorAction::SelectAll));
    units_msg(
        h,
        units::Message::Paste(EditorAction::Edit(Edit::Paste(Arc::new(text.to_string())))),
    );
}

#[test]
fn edit_the_head_and_the_short_name() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.click("Thanh tra tỉnh");
    // The form starts from what is stored.
    assert!(h.sim().find("Huỳnh Văn Ân").is_ok(), "the head in the edit field");

    // Correct the current head (a typing mistake): the dates stay.
    units_msg(&mut h, units::Message::EditHead("Huỳnh Văn An".into()));
    units_msg(&mut h, units::Message::EditShort("TTr tỉnh".into()));
    h.click("Lưu thông tin");
    assert!(
        h.ws().status.contains("Đã lưu Thanh tra tỉnh (TTr tỉnh)"),
        "{}",
        h.ws().status
    );
    let tt = unit(&h, "Thanh tra tỉnh");
    assert_eq!(tt.heads.len(), 1);
    assert_eq!(tt.heads[0].name, "Huỳnh Văn An");
    assert_eq!(tt.heads[0].valid_from, chrono::NaiveDate::from_ymd_opt(2019, 1, 1));
    assert_eq!(tt.current_short_name(), "TTr tỉnh");
    assert_eq!(tt.names.len(), 1, "a correction, not a renaming");
    assert!(h.shows("Chánh Thanh tra Huỳnh Văn An"), "shown in the list at once");

    // A new head from a date: a wrong date is shown beside its field, then goes once fixed.
    h.click("Thanh tra tỉnh");
    // The radio button "Thủ trưởng mới từ ngày" (a radio's label is not a text the simulator finds).
    units_msg(&mut h, units::Message::EditMode(HeadChange::NewFrom));
    units_msg(&mut h, units::Message::EditHead("Lê Thị Thu".into()));
    h.type_into("edit-from", "01/01/2018");
    h.interact(|ui| {
        ui.click(iced_test::selector::id("edit-from")).unwrap();
        ui.tap_key(Key::Named(Named::Enter));
    });
    assert!(h.shows("giữ chức từ ngày 01/01/2019"), "{:?}", h.texts());
    assert_eq!(unit(&h, "Thanh tra tỉnh").heads.len(), 1, "nothing stored");
    units_msg(&mut h, units::Message::EditFrom("01/03/2023".into()));
    assert!(
        !h.shows("giữ chức từ ngày 01/01/2019"),
        "the message goes once the date is right"
    );
    h.interact(|ui| {
        ui.click(iced_test::selector::id("edit-from")).unwrap();
        ui.tap_key(Key::Named(Named::Enter));
    });
    assert!(
        h.ws().status.contains("Lê Thị Thu từ ngày 01/03/2023"),
        "{}",
        h.ws().status
    );
    let tt = unit(&h, "Thanh tra tỉnh");
    assert_eq!(tt.heads.len(), 2);
    assert_eq!(tt.heads[0].valid_to, chrono::NaiveDate::from_ymd_opt(2023, 2, 28));
    assert_eq!(tt.heads[1].name, "Lê Thị Thu");
    assert_eq!(tt.heads[1].position, "Chánh Thanh tra");
    assert!(h.shows("Chánh Thanh tra Lê Thị Thu"));
}

#[test]
fn enter_in_the_last_field_adds_a_unit_and_clears_the_form() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.type_into("unit-name", "Sở Nội vụ");
    h.type_into("unit-short", "SNV");
    h.type_into("unit-head", "Đinh Văn Ân");
    h.interact(|ui| {
        ui.click(iced_test::selector::id("unit-position")).unwrap();
        ui.typewrite("Giám đốc");
        ui.tap_key(Key::Named(Named::Enter));
    });
    assert!(h.ws().status.contains("Đã thêm đơn vị Sở Nội vụ"), "{}", h.ws().status);
    let snv = unit(&h, "Sở Nội vụ");
    assert_eq!(snv.heads[0].position, "Giám đốc");
    assert!(h.store().members(2022).unwrap().contains(&snv.id));
    // The form is empty again (the focus move is checked on the screen itself, below).
    for (id, placeholder) in [
        ("unit-name", "Tên đơn vị"),
        ("unit-short", "Tên viết tắt"),
        ("unit-head", "Thủ trưởng"),
        ("unit-position", "Chức vụ"),
    ] {
        let field = h.sim().find(iced_test::selector::id(id)).expect("the field");
        // An empty field reads as its placeholder.
        assert!(
            matches!(&field, iced_test::selector::Target::TextInput { content, .. } if content == placeholder),
            "{id} is empty: {field:?}"
        );
    }
    // A duplicate is reported beside the field, and the message goes once the name is changed.
    units_msg(&mut h, units::Message::Name("Sở nội vụ".into()));
    units_msg(&mut h, units::Message::Short("SNV2".into()));
    units_msg(&mut h, units::Message::Add);
    assert!(h.shows("Đã có đơn vị “Sở Nội vụ” trong khối."));
    units_msg(&mut h, units::Message::Name("Sở Ngoại vụ".into()));
    assert!(!h.shows("Đã có đơn vị “Sở Nội vụ” trong khối."));
}

#[test]
fn in_the_live_window_enter_adds_and_the_name_field_has_the_focus() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.ui_click(iced_test::selector::id("unit-name"));
    h.ui_type("Sở Nội vụ");
    h.ui_click(iced_test::selector::id("unit-short"));
    h.ui_type("SNV");
    h.key(Named::Enter);
    assert!(h.ws().status.contains("Đã thêm đơn vị Sở Nội vụ"), "{}", h.ws().status);
    assert_eq!(h.focused().as_deref(), Some("Id(Custom(\"unit-name\"))"));
    h.ui_type("Sở Y tế");
    assert_eq!(h.field_text("unit-name"), "Sở Y tế", "typed into the name field");
    assert_eq!(
        h.field_text("unit-short"),
        "Tên viết tắt",
        "the rest of the form is empty"
    );
}

#[test]
fn remove_a_unit_added_by_mistake() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    h.type_into("unit-name", "Sở Nội vụ (nhầm)");
    h.type_into("unit-short", "SNV");
    h.click("Thêm đơn vị");
    let id = unit(&h, "Sở Nội vụ (nhầm)").id;
    h.click("Sở Nội vụ (nhầm)");
    h.click("Xóa đơn vị…");
    assert!(h.shows("Xóa đơn vị “Sở Nội vụ (nhầm)”?"), "{:?}", h.texts());
    // "Hủy" keeps it.
    h.click("Hủy");
    assert!(!h.shows("Xóa đơn vị “Sở Nội vụ (nhầm)”?"));
    assert!(h.store().units().unwrap().iter().any(|u| u.id == id));
    h.click("Xóa đơn vị…");
    h.click("Xóa");
    assert!(
        h.ws().status.contains("Đã xóa đơn vị Sở Nội vụ (nhầm)"),
        "{}",
        h.ws().status
    );
    assert!(h.store().units().unwrap().iter().all(|u| u.id != id));
    assert!(!h.store().members(2022).unwrap().contains(&id));
    assert!(!h.texts().iter().any(|t| t == "Sở Nội vụ (nhầm)"), "gone from the list");
}

#[test]
fn a_unit_with_records_is_not_removed_but_leaves_the_bloc() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    let ca = unit(&h, "Công an tỉnh").id;
    h.click("Công an tỉnh");
    h.click("Xóa đơn vị…");
    let texts = h.texts().join("\n");
    assert!(
        texts.contains("Không xóa được “Công an tỉnh”: đơn vị đã có điểm năm 2022"),
        "{texts}"
    );
    assert!(texts.contains("phiếu bầu"), "{texts}");
    assert!(!h.shows("Xóa đơn vị “Công an tỉnh”?"), "no confirmation offered");
    assert!(h.store().units().unwrap().iter().any(|u| u.id == ca));

    // Leaving from 2022 is refused beside the year (it has 2022 records); 2023 is offered.
    units_msg(&mut h, units::Message::LeaveYear("2022".into()));
    h.click("Rời khối từ năm 2022");
    assert!(h.shows("chỉ có thể rời khối từ năm 2023 trở đi"), "{:?}", h.texts());
    units_msg(&mut h, units::Message::LeaveYear("2023".into()));
    assert!(
        !h.shows("chỉ có thể rời khối từ năm 2023 trở đi"),
        "the message goes once fixed"
    );
    h.click("Rời khối từ năm 2023");
    assert!(
        h.ws().status.contains("Công an tỉnh rời khối từ năm 2023"),
        "{}",
        h.ws().status
    );

    let m2022 = h.store().members(2022).unwrap();
    let m2023 = h.store().members(2023).unwrap();
    assert!(m2022.contains(&ca), "2022 keeps it, with its records");
    assert!(!m2023.contains(&ca));
    assert_eq!(m2023.len(), m2022.len() - 1, "the others stay members in 2023");
    assert!(h.store().units().unwrap().iter().any(|u| u.id == ca), "not deleted");
}

#[test]
fn paste_a_list_from_excel() {
    let mut h = Harness::demo();
    h.click("Đơn vị thành viên");
    let before = h.store().units().unwrap().len();
    let bad = "Tên đơn vị\tTên viết tắt\tThủ trưởng\tChức vụ\n\
               Sở Nội vụ\tSNV\tĐinh Văn Ân\tGiám đốc\n\
               \n\
               Sở Y tế\t\tTrần Thị Bình\tGiám đốc\n\
               Sở Tài chính\tSTC\tLê Văn Cường\tGiám đốc\n";
    // Ctrl+V in the box, as a clerk pastes what Excel copied.
    h.ui_click(iced_test::selector::id("unit-paste"));
    h.paste(bad);
    assert!(h.shows("Đã nhận ra và bỏ qua dòng tiêu đề."));
    assert!(h.shows("Thiếu tên viết tắt."), "the row's problem in the preview");
    at_side(&mut h, 500.0, |ui| {
        ui.click("Thêm 3 đơn vị").expect("the add button");
    });
    let texts = h.texts().join("\n");
    assert!(texts.contains("Chưa thêm đơn vị nào: 1 dòng có lỗi"), "{texts}");
    assert!(texts.contains("Dòng 4: Thiếu tên viết tắt."), "{texts}");
    assert!(h.ws().status.contains("1 dòng có lỗi (dòng 4)"), "{}", h.ws().status);
    assert_eq!(h.store().units().unwrap().len(), before, "nothing half-imported");

    paste(&mut h, &bad.replace("Sở Y tế\t\t", "Sở Y tế\tSYT\t"));
    assert!(
        !h.shows("Chưa thêm đơn vị nào"),
        "the refusal goes once the rows are right"
    );
    at_side(&mut h, 500.0, |ui| {
        ui.click("Thêm 3 đơn vị").expect("the add button");
    });
    assert!(h.ws().status.contains("Đã thêm 3 đơn vị"), "{}", h.ws().status);
    let units = h.store().units().unwrap();
    assert_eq!(units.len(), before + 3);
    let syt = units.iter().find(|u| u.current_name() == "Sở Y tế").unwrap();
    assert_eq!(syt.current_short_name(), "SYT");
    assert_eq!(syt.heads[0].name, "Trần Thị Bình");
    assert!(h.store().members(2022).unwrap().contains(&syt.id));
    assert!(h.shows("Sở Tài chính"));
}

#[test]
fn adding_asks_for_the_focus_back_on_the_name_field() {
    // The headless window drops focus moves, so the screen's answer is checked directly.
    let mut store = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut store).unwrap();
    let record = store.load_year(2022).unwrap();
    let mut screen = units::Units::new(&record);
    let today = chrono::NaiveDate::from_ymd_opt(2022, 12, 1).unwrap();
    for m in [
        units::Message::Name("Sở Nội vụ".into()),
        units::Message::Short("SNV".into()),
        units::Message::Add,
    ] {
        let action = screen.update(
            m,
            Ctx {
                store: &mut store,
                record: &record,
                today,
            },
        );
        if let Action::Many(actions) = action {
            assert!(
                matches!(&actions[0], Action::Saved(s) if s.contains("Sở Nội vụ")),
                "{actions:?}"
            );
            assert_eq!(actions[1], Action::Focus(units::NAME_ID.into()));
            return;
        }
    }
    panic!("adding gave no focus move");
}
