//! Chấm điểm in the window, headless: invalid cells left out of the live ranking and shown, the grid
//! worked with the keyboard like a spreadsheet (arrows, Tab, Enter), a block pasted from Excel.
//! The demo year 2022 has 9 members (ids 1–9 in the bloc's order) and 6 criteria, every cell
//! scored.

mod common;
#[path = "common/window.rs"]
mod harness;

use harness::*;
use iced::keyboard::key::Named;
use iced_test::selector::{self, Target};
use khoithidua::domain::UnitId;
use khoithidua::store::Store;
use khoithidua::ui::screens::scoring::{cell_id, GroupChoice, Message as S};
use khoithidua::ui::screens::{Action, Ctx, Nav};
use khoithidua::ui::workspace;

fn scoring(h: &mut Harness, m: S) {
    h.ws_msg(workspace::Message::Scoring(m));
}

/// The screen's answer to `m`, on a copy of the screen (the window keeps the focus move to itself).
fn answer(h: &Harness, m: S) -> Action {
    let mut screen = h.ws().screens.scoring.clone();
    let record = h.ws().record().clone();
    let mut store = Store::open_in_memory().unwrap();
    screen.update(
        m,
        Ctx {
            store: &mut store,
            record: &record,
            today: chrono::NaiveDate::from_ymd_opt(2022, 12, 1).unwrap(),
        },
    )
}

/// What the field of a cell shows.
fn field(h: &Harness, unit: UnitId, i: usize) -> String {
    match h.sim().find(selector::id(cell_id(unit, i))) {
        Ok(Target::TextInput { content, .. }) => content,
        other => panic!("no field for the cell ({unit}, {i}): {other:?}"),
    }
}

fn unit_id(h: &Harness, name: &str) -> UnitId {
    h.ws()
        .record()
        .member_units()
        .iter()
        .find(|u| u.current_name() == name)
        .unwrap_or_else(|| panic!("{name} is a member"))
        .id
}

/// Clicks a cell in the live window and replaces what it holds by typing (Ctrl+A, then the text).
fn type_over(h: &mut Harness, unit: UnitId, i: usize, text: &str) {
    h.ui_click(selector::id(cell_id(unit, i)));
    h.ctrl("a");
    h.ui_type(text);
}

fn focused_is(h: &mut Harness, unit: UnitId, i: usize) -> bool {
    h.focused() == Some(format!("{:?}", cell_id(unit, i)))
}

#[test]
fn an_invalid_cell_is_left_out_of_the_ranking_and_shown() {
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    assert!(h.shows("9 · Sở Tư pháp · 88 điểm"));
    let stp = unit_id(&h, "Sở Tư pháp");
    let before = h
        .ws()
        .record()
        .score_sheet
        .entry(stp, "I.1")
        .unwrap()
        .bloc_score
        .unwrap();
    // 70 typed in a criterion of at most 30: counted, it would put Sở Tư pháp first.
    type_over(&mut h, stp, 0, "70");
    assert_eq!(field(&h, stp, 0), "70", "what is typed stays in the cell");
    let ranking = h.ws().screens.scoring.ranking();
    assert_eq!(ranking[0].unit, unit_id(&h, "Công an tỉnh"), "{ranking:#?}");
    let s = ranking.iter().find(|s| s.unit == stp).unwrap();
    assert_eq!(
        (s.total, s.invalid, s.missing),
        (khoithidua::domain::Points::whole(88) - before, 1, 0)
    );
    let line = format!("9 · Sở Tư pháp · {} điểm (1 ô không hợp lệ)", s.total);
    assert!(h.shows(&line), "{line} in {:#?}", h.texts());
    assert!(h.shows("Sở Tư pháp · tiêu chí I.1 · điểm khối chấm: Điểm 70 vượt điểm tối đa 30 của tiêu chí I.1."));
    // A value that cannot be read is invalid too, not missing, and stays as typed.
    scoring(&mut h, S::Cell(stp, 1, "7x".into()));
    assert_eq!(field(&h, stp, 1), "7x");
    let s = h
        .ws()
        .screens
        .scoring
        .ranking()
        .iter()
        .find(|s| s.unit == stp)
        .unwrap()
        .clone();
    assert_eq!((s.invalid, s.missing), (2, 0));
    assert!(h.shows("(2 ô không hợp lệ)"));
    assert!(h.shows("Sở Tư pháp · tiêu chí I.2 · điểm khối chấm: “7x” không phải là số điểm hợp lệ."));
    // The self-score column is checked on its own: its cells are not marked by the bloc's.
    scoring(&mut h, S::Show(khoithidua::ui::screens::scoring::Column::SelfScore));
    assert_ne!(field(&h, stp, 0), "70");
    scoring(&mut h, S::Show(khoithidua::ui::screens::scoring::Column::Bloc));
    // Nothing is saved while a cell is invalid.
    h.click("Lưu (Ctrl+S)");
    assert!(h.ws().status.starts_with("Chưa lưu: còn 2 ô"), "{}", h.ws().status);
    // Put right, the unit ranks as before, without a note.
    scoring(&mut h, S::Cell(stp, 0, before.to_string()));
    let i2 = h
        .ws()
        .record()
        .score_sheet
        .entry(stp, "I.2")
        .unwrap()
        .bloc_score
        .unwrap();
    scoring(&mut h, S::Cell(stp, 1, i2.to_string()));
    assert!(h.shows("9 · Sở Tư pháp · 88 điểm"));
    assert!(!h.shows("không hợp lệ"));
}

#[test]
fn the_arrows_tab_and_enter_move_like_a_spreadsheet() {
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    let (s, r) = (&h.ws().screens.scoring, h.ws().record());
    let go = |u: UnitId, i: usize, nav: Nav| s.navigate(r, &cell_id(u, i), nav);
    assert_eq!(go(1, 0, Nav::Right), Some(cell_id(1, 1)));
    assert_eq!(go(1, 3, Nav::Down), Some(cell_id(2, 3)));
    assert_eq!(go(2, 3, Nav::Up), Some(cell_id(1, 3)));
    assert_eq!(go(2, 3, Nav::Left), Some(cell_id(2, 2)));
    // Along the row, on to the next one at its end, back to the previous one at its start.
    assert_eq!(go(1, 5, Nav::Next), Some(cell_id(2, 0)));
    assert_eq!(go(1, 5, Nav::Right), Some(cell_id(2, 0)));
    assert_eq!(go(2, 0, Nav::Previous), Some(cell_id(1, 5)));
    assert_eq!(go(2, 0, Nav::Left), Some(cell_id(1, 5)));
    // Edges, and fields that are not cells of the grid.
    assert_eq!(go(1, 0, Nav::Up), None);
    assert_eq!(go(1, 0, Nav::Previous), None);
    assert_eq!(go(9, 2, Nav::Down), None);
    assert_eq!(go(9, 5, Nav::Next), None);
    assert_eq!(go(42, 0, Nav::Down), None, "not a member");
    assert_eq!(s.navigate(r, &iced::widget::Id::new("unit-name"), Nav::Down), None);
    // The message answers with the focus move, or nothing at an edge.
    assert_eq!(
        answer(&h, S::Navigate(cell_id(4, 2), Nav::Down)),
        Action::Focus(cell_id(5, 2))
    );
    assert_eq!(answer(&h, S::Navigate(cell_id(9, 2), Nav::Down)), Action::None);

    // Only the shown columns: with group II (criteria 2 and 3), Tab goes from II.2 to the next
    // row's II.1, and a hidden cell goes nowhere.
    scoring(
        &mut h,
        S::Group(GroupChoice(Some("II. Công tác thi đua, khen thưởng".into()))),
    );
    let (s, r) = (&h.ws().screens.scoring, h.ws().record());
    assert_eq!(s.navigate(r, &cell_id(1, 3), Nav::Next), Some(cell_id(2, 2)));
    assert_eq!(s.navigate(r, &cell_id(2, 2), Nav::Previous), Some(cell_id(1, 3)));
    assert_eq!(s.navigate(r, &cell_id(1, 0), Nav::Down), None);
}

#[test]
fn fifty_tab_thirty_five_down_forty_four_lands_in_three_cells() {
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    // With the keys, in the live window.
    type_over(&mut h, 1, 0, "50");
    h.key(Named::Tab);
    assert!(focused_is(&mut h, 1, 1), "Tab: {:?}", h.focused());
    h.ctrl("a");
    h.ui_type("35");
    h.key(Named::ArrowDown);
    assert!(focused_is(&mut h, 2, 1), "Down: {:?}", h.focused());
    h.ctrl("a");
    h.ui_type("44");
    assert_eq!([field(&h, 1, 0), field(&h, 1, 1), field(&h, 2, 1)], ["50", "35", "44"]);
    // Every other cell keeps what it held, and the column of self-scores is untouched.
    let r = h.ws().record().clone();
    assert_eq!(
        field(&h, 1, 2),
        r.score_sheet.entry(1, "II.1").unwrap().bloc_score.unwrap().to_string()
    );
    // 50 and 44 exceed their criterion (at most 30 and 10): both marked, neither lost.
    assert!(h.shows("Công an tỉnh · tiêu chí I.1 · điểm khối chấm: Điểm 50 vượt điểm tối đa 30"));
    assert!(h.shows("Bộ Chỉ huy Quân sự tỉnh · tiêu chí I.2 · điểm khối chấm: Điểm 44 vượt điểm tối đa 10"));

    // The same with the messages the window sends for the keys.
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    scoring(&mut h, S::Cell(1, 0, "50".into()));
    assert_eq!(
        answer(&h, S::Navigate(cell_id(1, 0), Nav::Next)),
        Action::Focus(cell_id(1, 1))
    );
    scoring(&mut h, S::Cell(1, 1, "35".into()));
    assert_eq!(
        answer(&h, S::Navigate(cell_id(1, 1), Nav::Down)),
        Action::Focus(cell_id(2, 1))
    );
    scoring(&mut h, S::Cell(2, 1, "44".into()));
    assert_eq!([field(&h, 1, 0), field(&h, 1, 1), field(&h, 2, 1)], ["50", "35", "44"]);
}

#[test]
fn enter_in_a_cell_moves_down() {
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    type_over(&mut h, 3, 4, "12");
    h.key(Named::Enter);
    assert!(focused_is(&mut h, 4, 4), "Enter: {:?}", h.focused());
    assert_eq!(field(&h, 3, 4), "12", "the value typed before Enter stays");
    h.key(Named::Enter);
    assert!(focused_is(&mut h, 5, 4), "Enter again: {:?}", h.focused());
    // The message Enter sends, and its answer: the cell below, none below the last row.
    assert_eq!(
        answer(&h, S::Navigate(cell_id(3, 4), Nav::Down)),
        Action::Focus(cell_id(4, 4))
    );
    assert_eq!(answer(&h, S::Navigate(cell_id(9, 4), Nav::Down)), Action::None);
}

#[test]
fn a_pasted_block_fills_the_cells_it_covers_and_reports_the_rest() {
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    // A 2 × 2 block from Excel (CR LF line ends, a last line break) at Thanh tra tỉnh (row 7), I.2.
    scoring(&mut h, S::Paste(7, 1, "12\t5\r\n4,5\tabc\r\n".into()));
    assert_eq!(h.ws().status, "Đã dán 4 ô. 2 ô không hợp lệ, đánh dấu đỏ.");
    assert_eq!(
        [field(&h, 7, 1), field(&h, 7, 2), field(&h, 8, 1), field(&h, 8, 2)],
        ["12", "5", "4,5", "abc"]
    );
    // Values are checked as if typed: 12 exceeds I.2's 10, "abc" is no number; both marked.
    assert!(h.shows("Thanh tra tỉnh · tiêu chí I.2 · điểm khối chấm: Điểm 12 vượt điểm tối đa 10 của tiêu chí I.2."));
    assert!(h.shows("Sở Tư pháp · tiêu chí II.1 · điểm khối chấm: “abc” không phải là số điểm hợp lệ."));
    let invalid = |h: &Harness, u: UnitId| {
        h.ws()
            .screens
            .scoring
            .ranking()
            .iter()
            .find(|s| s.unit == u)
            .unwrap()
            .invalid
    };
    assert_eq!((invalid(&h, 7), invalid(&h, 8)), (1, 1));

    // Beyond the grid: 3 × 3 from the second-to-last row and column; 4 cells land, 5 do not.
    scoring(&mut h, S::Paste(8, 4, "1\t2\t3\n4\t5\t6\n7\t8\t9".into()));
    assert_eq!(h.ws().status, "Đã dán 4 ô; bỏ qua 5 ô ngoài bảng.");
    assert_eq!(
        [field(&h, 8, 4), field(&h, 8, 5), field(&h, 9, 4), field(&h, 9, 5)],
        ["1", "2", "4", "5"]
    );

    // Across the shown columns only: with group II shown, a row of three spills over its two.
    scoring(
        &mut h,
        S::Group(GroupChoice(Some("II. Công tác thi đua, khen thưởng".into()))),
    );
    scoring(&mut h, S::Paste(1, 2, "9\t8\t7".into()));
    assert_eq!(h.ws().status, "Đã dán 2 ô; bỏ qua 1 ô ngoài bảng.");
    assert_eq!([field(&h, 1, 2), field(&h, 1, 3)], ["9", "8"]);
    scoring(&mut h, S::Group(GroupChoice(None)));
    assert_eq!(field(&h, 1, 4), "15", "III.1, hidden then, is untouched");

    // A single value pastes as typing does: it is what the field holds, no status.
    let status = h.ws().status.clone();
    scoring(&mut h, S::Paste(2, 0, "27".into()));
    assert_eq!(field(&h, 2, 0), "27");
    assert_eq!(h.ws().status, status);
}

/// Ctrl+V of a block in the live window. iced 0.14's text field drops the tabs and line breaks of
/// what it pastes (they are control characters) before `on_paste`, so "5\t3\n4\t2" reaches the
/// screen as "5342"; so the window reads the clipboard itself on Ctrl+V in the grid and sends
/// `scoring::Message::Paste` for the focused cell (`Scoring::cell_at`) with the text as copied.
#[test]
fn ctrl_v_of_a_block_in_the_live_window() {
    let mut h = Harness::demo();
    h.click("Chấm điểm");
    h.ui_click(selector::id(cell_id(1, 0)));
    h.ctrl("a");
    h.paste("5\t3\n4\t2");
    assert_eq!(
        [field(&h, 1, 0), field(&h, 1, 1), field(&h, 2, 0), field(&h, 2, 1)],
        ["5", "3", "4", "2"]
    );
    assert_eq!(h.ws().status, "Đã dán 4 ô.");
}
