//! Drafts: a document generated from the data, edited, saved with its record, issued (numbered
//! and frozen), reprinted as signed; regenerated with what changed shown; carried in the handover.

mod common;

use chrono::NaiveDate;
use common::pdf_pages;
use khoithidua::app::drafts::{self, State};
use khoithidua::app::exports::{make, DocRequest, ExportOptions};
use khoithidua::documents::draft::{Change, Piece};
use khoithidua::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 12, 22).unwrap()
}

fn demo_at(dir: &std::path::Path) -> Store {
    let mut s = Store::open(&dir.join("demo.sqlite")).unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s
}

fn year_end(s: &Store) -> DocRequest {
    let id = s
        .conferences(2022)
        .unwrap()
        .iter()
        .find(|c| c.kind == khoithidua::domain::ConferenceKind::YearEnd)
        .unwrap()
        .id;
    DocRequest::Minutes(id)
}

const REMARK: &str = "Đồng chí Phó Chủ tịch UBND tỉnh phát biểu chỉ đạo, ghi nhận kết quả của Khối.";

#[test]
fn an_edited_draft_is_issued_with_its_number_and_reprinted_as_signed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_at(dir.path());
    let req = year_end(&s);
    let opened = drafts::open(&s, &req, today()).unwrap();
    assert_eq!(opened.state, State::Fresh);
    assert_eq!(opened.draft.header.number, None, "no number before it is issued");
    let mut d = opened.draft.clone();
    // The clerk adds a remark made at the meeting and drops a paragraph.
    d.body.insert(3, Piece::para(REMARK));
    let dropped = d
        .body
        .iter()
        .position(|p| matches!(p, Piece::Para(t) if t.starts_with("Vắng mặt")))
        .map(|i| d.body.remove(i));
    d.recipients.push("Báo Bình Định".into());
    drafts::save(&mut s, &opened.source, opened.year, &d).unwrap();
    let again = drafts::open(&s, &req, today()).unwrap();
    assert_eq!(again.state, State::Saved);
    assert_eq!(again.draft, d.clone().normalized());

    let out_path = dir.path().join("bien-ban.pdf");
    let issued = drafts::issue_to(&mut s, &req, &d, None, |_| out_path.clone()).unwrap();
    let number = issued.number.clone().expect("a number given on issue");
    assert!(number.ends_with("/BB-KNC"), "{number}");
    let text = pdf_pages(&std::fs::read(&out_path).unwrap()).join("\n");
    assert!(text.contains(&format!("Số: {number}")), "{text}");
    assert!(
        text.contains("Phó Chủ tịch UBND tỉnh phát biểu chỉ đạo"),
        "the edit is printed"
    );
    assert!(text.contains("Báo Bình Định"), "the added recipient is printed");
    if let Some(Piece::Para(gone)) = dropped {
        assert!(!text.contains(&khoithidua::documents::markup::plain(&gone)));
    }
    // Frozen: no more edits.
    assert!(drafts::save(&mut s, &opened.source, opened.year, &d).is_err());
    assert_eq!(drafts::open(&s, &req, today()).unwrap().state, State::Issued);

    // The data changes; the file is closed and opened again; the reprint is the paper signed.
    let mut c = s
        .conference(match req {
            DocRequest::Minutes(id) => id,
            _ => unreachable!(),
        })
        .unwrap();
    c.place = "Nơi khác hẳn".into();
    s.save_conference(&mut c).unwrap();
    drop(s);
    let mut s = Store::open(&dir.path().join("demo.sqlite")).unwrap();
    let reprint = make(&mut s, &req, &ExportOptions::default(), today()).unwrap();
    assert_eq!(pdf_pages(&reprint.pdf.bytes).join("\n"), text, "byte-identical text");
    assert_eq!(reprint.number.as_deref(), Some(number.as_str()));
    // Another number or date for an issued document is refused, never silently ignored.
    let other = ExportOptions {
        number: Some(77),
        date: None,
    };
    assert!(make(&mut s, &req, &other, today()).is_err());
}

#[test]
fn a_failed_write_leaves_the_draft_unissued_and_no_number_taken() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_at(dir.path());
    let req = DocRequest::Proposal(2022);
    let opened = drafts::open(&s, &req, today()).unwrap();
    let before = s.register(2022).unwrap();
    let nowhere = dir.path().join("missing-folder").join("x.pdf");
    assert!(drafts::issue_to(&mut s, &req, &opened.draft, None, |_| nowhere.clone()).is_err());
    assert_eq!(s.register(2022).unwrap(), before);
    assert!(s.draft(&opened.source).unwrap().is_none());
}

#[test]
fn regenerating_shows_what_changed_in_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_at(dir.path());
    let req = year_end(&s);
    let opened = drafts::open(&s, &req, today()).unwrap();
    let mut d = opened.draft.clone();
    d.body.push(Piece::para(REMARK));
    drafts::save(&mut s, &opened.source, opened.year, &d).unwrap();
    let DocRequest::Minutes(id) = req else { unreachable!() };
    let mut c = s.conference(id).unwrap();
    let old_place = c.place.clone();
    c.place = "Hội trường Tỉnh ủy".into();
    s.save_conference(&mut c).unwrap();
    let (fresh, changes) = drafts::regenerate(&s, &req, &d).unwrap();
    assert!(changes
        .iter()
        .any(|c| matches!(c, Change::Added(l) if l.contains("Hội trường Tỉnh ủy"))));
    assert!(changes
        .iter()
        .any(|c| matches!(c, Change::Dropped(l) if l.contains(&old_place))));
    assert!(
        changes.iter().any(|c| matches!(c, Change::Dropped(l) if l == REMARK)),
        "the edit that would be lost is shown"
    );
    assert!(!fresh.text_lines().iter().any(|l| l == REMARK));
}

#[test]
fn issued_documents_travel_in_the_handover_bundle() {
    use khoithidua::store::bundle::{decode, encode, import};
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo_at(dir.path());
    let req = DocRequest::Pledge(2022);
    let mut d = drafts::open(&s, &req, today()).unwrap().draft;
    d.body.push(Piece::para("Ghi chú: ký tại Hội nghị."));
    let pdf_path = dir.path().join("giao-uoc.pdf");
    drafts::issue_to(&mut s, &req, &d, None, |_| pdf_path.clone()).unwrap();
    let signed = pdf_pages(&std::fs::read(&pdf_path).unwrap()).join("\n");
    let bundle = s.export_bundle("2022-12-31T00:00:00Z").unwrap();
    let bytes = encode(&bundle, true);
    let target = dir.path().join("received.sqlite");
    import(&decode(&bytes).unwrap(), &target, false).unwrap();
    let mut r = Store::open(&target).unwrap();
    assert_eq!(drafts::open(&r, &req, today()).unwrap().state, State::Issued);
    let reprint = make(&mut r, &req, &ExportOptions::default(), today()).unwrap();
    assert_eq!(pdf_pages(&reprint.pdf.bytes).join("\n"), signed);
}

#[test]
fn a_draft_is_json_that_renders_the_same_pages() {
    let dir = tempfile::tempdir().unwrap();
    let s = demo_at(dir.path());
    for req in [
        year_end(&s),
        DocRequest::Proposal(2022),
        DocRequest::Pledge(2022),
        DocRequest::Ranking {
            year: 2022,
            detailed: true,
        },
        DocRequest::BallotCount(1),
    ] {
        let d = drafts::open(&s, &req, today()).unwrap().draft;
        let json = drafts::to_json(&d);
        let back: khoithidua::documents::Draft = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        assert_eq!(back.render().unwrap().lines, d.render().unwrap().lines);
    }
}
