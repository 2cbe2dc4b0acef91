//! Documents say only what the data supports (issue #10, items 3–5): a document made of nothing is
//! refused with what is missing and where to enter it; each sentence that states a fact is printed
//! only with the data that proves it; what a report does not give stays unknown (no "0/9", no ", .",
//! a dotted line to fill by hand). The last tests build a bloc from a real news report
//! (shared/reference/tphcm-khoi-viii-tong-ket-2022.txt) with the gaps that report really has.

mod common;

use chrono::NaiveDate;
use common::pdf_pages;
use khoithidua::app::exports::{make, DocRequest, ExportError, ExportOptions};
use khoithidua::domain::award_rules::WarningKind;
use khoithidua::domain::*;
use khoithidua::store::Store;
use std::process::Command;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2022, 12, 22)
}

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s
}

fn opts() -> ExportOptions {
    ExportOptions {
        date: Some(today()),
        ..ExportOptions::default()
    }
}

fn text_of(s: &mut Store, req: DocRequest) -> String {
    let out = make(s, &req, &opts(), today()).unwrap_or_else(|e| panic!("{req:?}: {e}"));
    // To look at the pages: KHOITHIDUA_TEST_PDF_DIR=/tmp/x cargo test --test documents_from_data
    if let Ok(dir) = std::env::var("KHOITHIDUA_TEST_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(&out.file_name), &out.pdf.bytes).unwrap();
    }
    pdf_pages(&out.pdf.bytes).join(" ")
}

fn refusal(s: &mut Store, req: DocRequest) -> ExportError {
    match make(s, &req, &opts(), today()) {
        Ok(_) => panic!("{req:?} was made out of nothing"),
        Err(e) => e,
    }
}

fn has(text: &str, facts: &[&str]) {
    for f in facts {
        assert!(text.contains(f), "missing \u{201c}{f}\u{201d} in:\n{text}");
    }
}

fn lacks(text: &str, claims: &[&str]) {
    for c in claims {
        assert!(
            !text.contains(c),
            "\u{201c}{c}\u{201d} is not supported by the data:\n{text}"
        );
    }
}

/// The marks of a value printed although unknown.
const UNKNOWN_AS_EMPTY: [&str; 4] = [", .", " .", ", ,", "0/"];

fn conference_id(s: &Store, year: Year, kind: ConferenceKind) -> ConferenceId {
    s.conferences(year)
        .unwrap()
        .iter()
        .rev()
        .find(|c| c.kind == kind)
        .unwrap()
        .id
}

// ---- 3. Documents out of nothing are refused, in the shared export path --------------------------

#[test]
fn a_year_without_proposals_has_no_proposal_paper() {
    let mut s = demo();
    let e = refusal(&mut s, DocRequest::Proposal(2021));
    assert!(matches!(e, ExportError::NoProposals(2021)), "{e:?}");
    let m = e.to_string();
    assert!(
        m.contains("chưa có đề nghị khen thưởng") && m.contains("\u{201c}Khen thưởng\u{201d}"),
        "{m}"
    );
    // Refused before numbering: no number is used up.
    assert!(s.load_year(2021).unwrap().register.is_empty());
    // Deferred proposals only: nothing to propose either.
    let mut y = s.load_year(2022).unwrap();
    for p in &mut y.proposals {
        p.status = ProposalStatus::Deferred;
        s.save_proposal(p).unwrap();
    }
    assert!(matches!(
        refusal(&mut s, DocRequest::Proposal(2022)),
        ExportError::NoProposals(2022)
    ));
}

#[test]
fn a_year_without_scores_has_no_ranking() {
    let mut s = demo();
    let e = refusal(
        &mut s,
        DocRequest::Ranking {
            year: 2020,
            detailed: false,
        },
    );
    assert!(matches!(e, ExportError::NoScores(2020)), "{e:?}");
    assert!(e.to_string().contains("\u{201c}Chấm điểm\u{201d}"), "{e}");
}

#[test]
fn a_pledge_without_contents_is_refused() {
    // The store refuses to save one; a file written otherwise is refused at export.
    let mut s = demo();
    let mut p = s.pledge(2022).unwrap().unwrap();
    p.items.clear();
    assert!(s.save_pledge(&p).is_err());
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path(), "khoi.sqlite");
    rusqlite::Connection::open(&file)
        .unwrap()
        .execute("DELETE FROM pledge_items WHERE year = 2022", [])
        .unwrap();
    let mut s = Store::open(&file).unwrap();
    let e = refusal(&mut s, DocRequest::Pledge(2022));
    assert!(matches!(e, ExportError::EmptyPledge(2022)), "{e:?}");
    assert!(e.to_string().contains("\u{201c}Giao ước thi đua\u{201d}"), "{e}");
}

#[test]
fn a_ballot_without_counts_is_refused() {
    let mut s = demo();
    let year_end = conference_id(&s, 2022, ConferenceKind::YearEnd);
    let mut b = Ballot {
        id: 0,
        conference: year_end,
        question: "Bầu Khối phó năm 2023".into(),
        purpose: BallotPurpose::Deputy(2023),
        max_choices: 1,
        counted_at: None,
        board: Vec::new(),
        issued: 0,
        returned: 0,
        valid: 0,
        invalid: 0,
        candidates: Vec::new(),
    };
    s.save_ballot(&mut b).unwrap();
    let e = refusal(&mut s, DocRequest::BallotCount(b.id));
    assert!(matches!(e, ExportError::EmptyBallot(_)), "{e:?}");
    assert!(e.to_string().contains("\u{201c}Bỏ phiếu\u{201d}"), "{e}");
}

#[test]
fn the_command_line_gets_the_same_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::demo_file(dir.path(), "khoi.sqlite");
    let out = dir.path().join("TTr.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_khoithidua"))
        .args(["pdf", "proposal", "--year", "2021", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("Năm 2021 chưa có đề nghị khen thưởng nào để lập tờ trình")
            && err.contains("\u{201c}Khen thưởng\u{201d}"),
        "{err}"
    );
    assert!(!out.exists(), "no file for a refused document");
    let o = Command::new(env!("CARGO_BIN_EXE_khoithidua"))
        .args(["pdf", "ranking", "--year", "2020", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("\u{201c}Chấm điểm\u{201d}"), "{err}");
}

#[test]
fn a_list_cell_without_data_is_a_dash_never_zero() {
    let mut s = demo();
    // 2020 has proposals but no score sheet and no ballot: no "0 / 1", no votes.
    let list = text_of(&mut s, DocRequest::Proposal(2020));
    lacks(&list, &["0 / ", " 0/9"]);
    has(&list, &["Cờ thi đua của UBND tỉnh —"]);
    // A unit the bloc did not score has no rank and no total in the ranking.
    let mut sheet = s.score_sheet(2022).unwrap();
    let ids = s.members(2022).unwrap();
    let last = *ids.last().unwrap();
    sheet.entries.retain(|e| e.unit != last);
    s.save_score_sheet(&sheet).unwrap();
    let name = s.load_year(2022).unwrap().unit_name(last);
    let t = text_of(
        &mut s,
        DocRequest::Ranking {
            year: 2022,
            detailed: false,
        },
    );
    has(&t, &[&format!("— {name} — — — — — — 0 0 — —")]);
}

// ---- 4. Each sentence only with the data that proves it -----------------------------------------

#[test]
fn the_proposal_states_the_scoring_and_the_ballot_only_when_recorded() {
    let mut s = demo();
    let t = text_of(&mut s, DocRequest::Proposal(2022));
    has(
        &t,
        &[
            "đã ký kết Giao ước thi đua ngày 18/02/2022",
            "trên cơ sở kết quả chấm điểm thi đua năm 2022, các đơn vị đã bỏ phiếu kín đề nghị khen thưởng",
            "Công an tỉnh (đạt 8/9 phiếu, tỷ lệ 88,89%)",
        ],
    );
    lacks(&t, &["thực hiện tốt", "hoàn thành xuất sắc nhiệm vụ"]);

    // 2020: no pledge, no score sheet, no ballot: none of it is claimed.
    let t = text_of(&mut s, DocRequest::Proposal(2020));
    lacks(
        &t,
        &[
            "chấm điểm",
            "bỏ phiếu kín",
            "đã ký kết Giao ước",
            "thực hiện tốt",
            "thống nhất",
        ],
    );
    has(
        &t,
        &["Khối thi đua Nội chính tỉnh Bình Định đề nghị khen thưởng như sau:"],
    );

    // 2022 without its ballots: scored, not voted.
    for b in s.load_year(2022).unwrap().ballots {
        s.delete_ballot(b.id).unwrap();
    }
    let t = text_of(&mut s, DocRequest::Proposal(2022));
    lacks(&t, &["bỏ phiếu kín"]);
    has(
        &t,
        &["Trên cơ sở kết quả chấm điểm thi đua năm 2022, Khối thi đua Nội chính tỉnh Bình Định đề nghị"],
    );
}

#[test]
fn a_decision_by_consensus_is_printed_as_such_and_checked_against_the_rules() {
    let mut s = demo();
    // 2020: the report gives the two flags without counts.
    let mut y = s.load_year(2020).unwrap();
    assert!(y.proposal_warnings().iter().any(|w| w.kind == WarningKind::NoVote));
    for p in &mut y.proposals {
        p.by_consensus = true;
        s.save_proposal(p).unwrap();
    }
    let y = s.load_year(2020).unwrap();
    let w = y.proposal_warnings();
    assert!(
        w.iter()
            .any(|w| w.kind == WarningKind::NoVote && w.message.contains("Cài đặt")),
        "the rules do not accept consensus yet: {w:?}"
    );
    let mut rules = y.rules.clone();
    rules.consensus_counts_as_vote = true;
    s.save_rules(2020, &rules).unwrap();
    let y = s.load_year(2020).unwrap();
    assert!(
        !y.proposal_warnings()
            .iter()
            .any(|w| matches!(w.kind, WarningKind::NoVote | WarningKind::NotLeading)),
        "{:?}",
        y.proposal_warnings()
    );
    let t = text_of(&mut s, DocRequest::Proposal(2020));
    has(
        &t,
        &[
            "các đơn vị đã thống nhất đề nghị khen thưởng",
            "(Hội nghị thống nhất suy tôn): Trại giam Kim Sơn",
            "Thống nhất —",
        ],
    );
    lacks(&t, &["bỏ phiếu kín", "chấm điểm"]);
    let id = conference_id(&s, 2020, ConferenceKind::YearEnd);
    let minutes = text_of(&mut s, DocRequest::Minutes(id));
    has(
        &minutes,
        &["Hội nghị thống nhất suy tôn Trại giam Kim Sơn, Viện Kiểm sát nhân dân tỉnh là đơn vị dẫn đầu Khối"],
    );
}

#[test]
fn the_leadership_decided_at_a_conference_is_printed_with_how() {
    let mut s = demo();
    let id = conference_id(&s, 2020, ConferenceKind::YearEnd);
    let t = text_of(&mut s, DocRequest::Minutes(id));
    has(
        &t,
        &[
            "LÃNH ĐẠO KHỐI NĂM 2021",
            "Hội nghị bầu Tòa án nhân dân tỉnh làm Khối trưởng Khối thi đua năm 2021.",
            "Hội nghị bầu Công an tỉnh làm Khối phó Khối thi đua năm 2021.",
        ],
    );
    // 2022: only the head's election is recorded, with its ballot; no deputy is announced.
    let id = conference_id(&s, 2022, ConferenceKind::YearEnd);
    let t = text_of(&mut s, DocRequest::Minutes(id));
    has(&t, &["Cục Thi hành án dân sự tỉnh được bầu làm Khối trưởng năm 2023."]);
    lacks(&t, &["Khối phó năm 2023", "Khối phó Khối thi đua năm 2023"]);
}

#[test]
fn the_pledge_cell_of_a_unit_yet_to_sign_has_a_dotted_name() {
    let mut s = demo();
    let mut p = s.pledge(2022).unwrap().unwrap();
    p.signatures[0].signed = false;
    p.signatures[0].signed_on = None;
    p.signatures[0].signer_name.clear();
    s.save_pledge(&p).unwrap();
    let t = text_of(&mut s, DocRequest::Pledge(2022));
    has(&t, &["……………………"]);
    lacks(&t, &UNKNOWN_AS_EMPTY[..3]);
}

// ---- 5. Unknown is not zero, not empty -----------------------------------------------------------

#[test]
fn unknown_attendance_time_chair_and_tasks() {
    let mut s = demo();
    let id = conference_id(&s, 2022, ConferenceKind::MidYear);
    let mut c = s.conference(id).unwrap();
    c.start = None;
    c.end = None;
    c.part_of_day = Some(PartOfDay::Afternoon);
    c.attendance_known = false;
    c.attendance.clear();
    c.chair.name.clear();
    c.secretary = Person::default();
    c.tasks.clear();
    c.tasks_count = Some(6);
    s.save_conference(&mut c).unwrap();
    let back = s.conference(id).unwrap();
    assert_eq!(back, c, "the unknowns are kept as unknown");
    let t = text_of(&mut s, DocRequest::Minutes(id));
    has(
        &t,
        &[
            "Vào buổi chiều ngày 28 tháng 7 năm 2022, tại Hội trường Cục Thi hành án dân sự tỉnh",
            "Các đơn vị thành viên: có mặt ……/9 đơn vị.",
            "Chủ trì Hội nghị: đồng chí ……………………, Phó Giám đốc Công an tỉnh",
            "Thư ký Hội nghị: đồng chí …………………….",
            "Hội nghị thống nhất 06 nhiệm vụ, giải pháp trọng tâm.",
            "Hội nghị kết thúc cùng ngày./.",
        ],
    );
    lacks(&t, &UNKNOWN_AS_EMPTY);
    lacks(&t, &["giờ", "Vắng mặt", "1. Tiếp tục"]);

    // A count that disagrees with the list is refused.
    c.tasks = vec!["Một nhiệm vụ".into()];
    assert!(s.save_conference(&mut c).is_err());
}

#[test]
fn the_representative_of_each_unit_when_recorded() {
    let mut s = demo();
    let id = conference_id(&s, 2022, ConferenceKind::YearEnd);
    let mut c = s.conference(id).unwrap();
    c.attendance[0].representative = "Đặng Hồng Thọ".into();
    c.attendance[0].representative_position = "Phó Giám đốc".into();
    c.attendance[1].representative = "Trương Văn Lợi".into();
    s.save_conference(&mut c).unwrap();
    let y = s.load_year(2022).unwrap();
    let (a, b) = (y.unit_name(c.attendance[0].unit), y.unit_name(c.attendance[1].unit));
    let t = text_of(&mut s, DocRequest::Minutes(id));
    has(
        &t,
        &[
            &format!("- {a}: đồng chí Đặng Hồng Thọ, Phó Giám đốc;"),
            &format!("- {b}: đồng chí Trương Văn Lợi;"),
            "có mặt 9/9 đơn vị",
        ],
    );
}

// ---- The reference bloc: Khối thi đua VIII, TP. Hồ Chí Minh, tổng kết 2022 ----------------------

const KHOI_VIII: [&str; 6] = [
    "Bộ Tư lệnh Thành phố",
    "Bộ Chỉ huy Bộ đội Biên phòng Thành phố",
    "Cục Thi hành án dân sự Thành phố",
    "Viện kiểm sát nhân dân Thành phố",
    "Công an Thành phố",
    "Tòa án nhân dân Thành phố",
];

/// The bloc as the report gives it, and nothing more: the six units named, who chaired, the morning
/// of 16/12/2022 without a time, the units present without a count of the bloc, the proposals
/// "nhất trí đề nghị" without vote counts; no secretary, no score sheet, no ballot, no tasks listed.
fn khoi_viii() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.save_bloc(&Bloc {
        name: "Khối thi đua VIII".into(),
        symbol: "K8".into(),
        managing_body: "UBND THÀNH PHỐ HỒ CHÍ MINH".into(),
        place_name: "Thành phố Hồ Chí Minh".into(),
        addressee: "Hội đồng Thi đua - Khen thưởng Thành phố Hồ Chí Minh".into(),
        margins: Margins::default(),
    })
    .unwrap();
    let mut units: Vec<Unit> = KHOI_VIII
        .iter()
        .enumerate()
        .map(|(i, n)| Unit::new(n, n, i as i32 + 1))
        .collect();
    s.save_units(&mut units).unwrap();
    let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    s.set_members(2022, &ids).unwrap();
    let mut rules = Rules::default();
    rules.award_forms[0].name = "Cờ thi đua của UBND Thành phố".into();
    rules.award_forms[2].name = "Bằng khen của Chủ tịch UBND Thành phố".into();
    rules.award_forms[2].quota = 5;
    rules.consensus_counts_as_vote = true;
    s.save_rules(2022, &rules).unwrap();
    s.save_leadership(&Leadership {
        year: 2022,
        head: ids[0],
        deputy: None,
        method: ChoiceMethod::Elected,
        decided_at: None,
        note: String::new(),
    })
    .unwrap();
    let mut c = Conference {
        id: 0,
        year: 2022,
        kind: ConferenceKind::YearEnd,
        title: "Hội nghị tổng kết công tác thi đua - khen thưởng năm 2022".into(),
        date: d(2022, 12, 16),
        start: None,
        end: None,
        part_of_day: Some(PartOfDay::Morning),
        place: "Đồn Biên phòng Thạnh An (xã đảo Thạnh An, huyện Cần Giờ)".into(),
        host_unit: Some(ids[1]),
        chair: Person {
            name: "Phan Văn Xựng".into(),
            position: "Thiếu tướng, Thành ủy viên, Phó Bí thư thường trực Đảng ủy Quân sự, Chính ủy Bộ Tư lệnh Thành phố, đại diện đơn vị Khối trưởng".into(),
            unit: Some(ids[0]),
        },
        secretary: Person::default(),
        attendance_known: false,
        attendance: ids
            .iter()
            .map(|&unit| Attendance {
                unit,
                present: true,
                note: String::new(),
                representative: String::new(),
                representative_position: String::new(),
            })
            .collect(),
        guests: Vec::new(),
        sections: vec![
            Section {
                heading: "Kết quả phong trào thi đua năm 2022".into(),
                body: "Phong trào thi đua yêu nước của Khối thi đua VIII đã được cấp ủy, lãnh đạo, chỉ huy các đơn vị trong Khối quan tâm, chỉ đạo tổ chức phát động với nhiều nội dung, hình thức, biện pháp đổi mới.".into(),
            },
            Section {
                heading: "Phương hướng năm 2023".into(),
                body: "Xây dựng và triển khai thực hiện tốt các nhiệm vụ trong năm của từng ngành; đổi mới, nâng cao chất lượng công tác thi đua - khen thưởng.".into(),
            },
        ],
        tasks: Vec::new(),
        tasks_count: None,
        notes: String::new(),
    };
    s.save_conference(&mut c).unwrap();
    let propose = |s: &mut Store, form: &str, unit| {
        s.save_proposal(&mut Proposal {
            id: 0,
            year: 2022,
            form: form.into(),
            unit,
            rank: None,
            score: None,
            votes: None,
            votes_base: None,
            status: ProposalStatus::Draft,
            by_consensus: true,
            override_note: String::new(),
            note: String::new(),
        })
        .unwrap();
    };
    propose(&mut s, "co_ubnd", ids[0]);
    for &u in &ids[1..] {
        propose(&mut s, "bang_khen", u);
    }
    s
}

#[test]
fn khoi_viii_is_valid_and_its_proposals_pass_the_rules() {
    let s = khoi_viii();
    let y = s.load_year(2022).unwrap();
    assert!(y.problems().is_empty(), "{:?}", y.problems());
    assert!(y.proposal_warnings().is_empty(), "{:?}", y.proposal_warnings());
}

#[test]
fn khoi_viii_minutes_say_only_what_the_report_says() {
    let mut s = khoi_viii();
    let id = conference_id(&s, 2022, ConferenceKind::YearEnd);
    let t = text_of(&mut s, DocRequest::Minutes(id));
    has(
        &t,
        &[
            "BIÊN BẢN",
            "Vào buổi sáng ngày 16 tháng 12 năm 2022, tại Đồn Biên phòng Thạnh An (xã đảo Thạnh An, huyện Cần Giờ), Khối thi đua VIII tổ chức hội nghị tổng kết",
            "Các đơn vị thành viên: đại diện các đơn vị: - Bộ Tư lệnh Thành phố;",
            "- Tòa án nhân dân Thành phố;",
            "Chủ trì Hội nghị: đồng chí Phan Văn Xựng, Thiếu tướng",
            "Thư ký Hội nghị: đồng chí …………………….",
            "Hội nghị thống nhất suy tôn Bộ Tư lệnh Thành phố là đơn vị dẫn đầu Khối, đề nghị tặng Cờ thi đua của UBND Thành phố.",
            "Hội nghị thống nhất đề nghị tặng Bằng khen của Chủ tịch UBND Thành phố cho 05 tập thể: Bộ Chỉ huy Bộ đội Biên phòng Thành phố",
            "Hội nghị kết thúc cùng ngày./.",
            "THƯ KÝ",
            "CHỦ TỌA",
            "Phan Văn Xựng",
            "- Ban Thi đua - Khen thưởng Thành phố;",
        ],
    );
    lacks(&t, &UNKNOWN_AS_EMPTY);
    lacks(&t, &["Khen thưởng tỉnh"]);
    lacks(
        &t,
        &[
            "có mặt",
            "Vắng mặt",
            "giờ",
            "phiếu",
            "chấm điểm",
            "bầu",
            "LÃNH ĐẠO KHỐI",
            "nhiệm vụ, giải pháp",
            "KẾT LUẬN",
        ],
    );
}

#[test]
fn khoi_viii_proposal_says_only_what_the_report_says() {
    let mut s = khoi_viii();
    let t = text_of(&mut s, DocRequest::Proposal(2022));
    assert_eq!(
        t.matches("(Hội nghị thống nhất đề nghị)").count(),
        1,
        "how the units were agreed is said once per award: {t}"
    );
    has(
        &t,
        &[
            "TỜ TRÌNH",
            "Kính gửi: Hội đồng Thi đua - Khen thưởng Thành phố Hồ Chí Minh",
            "Tại Hội nghị tổng kết ngày 16/12/2022, các đơn vị đã thống nhất đề nghị khen thưởng; kết quả như sau:",
            "Đề nghị tặng Cờ thi đua của UBND Thành phố cho 01 tập thể (Hội nghị thống nhất suy tôn): Bộ Tư lệnh Thành phố.",
            "Đề nghị tặng Bằng khen của Chủ tịch UBND Thành phố cho 05 tập thể (Hội nghị thống nhất đề nghị): Bộ Chỉ huy Bộ đội Biên phòng Thành phố;",
            "; Công an Thành phố;",
            "(Có danh sách kèm theo)",
            "kính trình Hội đồng Thi đua - Khen thưởng Thành phố Hồ Chí Minh xem xét, quyết định./.",
            "KHỐI TRƯỞNG",
            "……………………",
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2022",
            "Bộ Tư lệnh Thành phố Cờ thi đua của UBND Thành phố — Thống nhất —",
        ],
    );
    lacks(&t, &UNKNOWN_AS_EMPTY);
    lacks(
        &t,
        &[
            "bỏ phiếu",
            "chấm điểm",
            "Giao ước",
            "thực hiện tốt",
            "hoàn thành xuất sắc",
            "không đề nghị",
            "tỷ lệ",
        ],
    );
    // Nothing else of the year can be made from this report: each refusal says what is missing.
    assert!(matches!(
        refusal(
            &mut s,
            DocRequest::Ranking {
                year: 2022,
                detailed: false
            }
        ),
        ExportError::NoScores(2022)
    ));
    assert!(matches!(
        refusal(&mut s, DocRequest::Pledge(2022)),
        ExportError::NoPledge(2022)
    ));
}
