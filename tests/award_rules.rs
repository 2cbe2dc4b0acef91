//! The demo's 2022 year-end judged by the rules: ranking, ballots, proposals and their warnings,
//! each quota rule in a table, overrides, discipline, and decisions closing the loop.

use khoithidua::domain::award_rules::WarningKind;
use khoithidua::domain::*;
use khoithidua::store::Store;

fn demo() -> (Store, Vec<UnitId>) {
    let mut s = Store::open_in_memory().unwrap();
    let ids = khoithidua::demo::write_demo(&mut s).unwrap();
    (s, ids)
}

// Demo ids by precedence: CA, QS, BĐBP, TAND, VKSND, THADS, TT, STP, Kim Sơn.
const CA: usize = 0;
const QS: usize = 1;
const BP: usize = 2;
const TA: usize = 3;
const VKS: usize = 4;
const THADS: usize = 5;
const KIMSON: usize = 8;

#[test]
fn ranking_of_2022() {
    let (s, ids) = demo();
    let y = s.load_year(2022).unwrap();
    let r = y.ranking();
    assert_eq!(r[0].unit, ids[CA]);
    assert_eq!(
        r[0].total.to_string(),
        "110",
        "100 from the bloc + 10 for the 2021 flag"
    );
    assert_eq!(r[0].votes, 8);
    // BCH QS and BCH BĐBP tie in every tie-break: they share 6th place and the next is 8th.
    let qs = r.iter().find(|x| x.unit == ids[QS]).unwrap();
    let bp = r.iter().find(|x| x.unit == ids[BP]).unwrap();
    assert_eq!(
        (qs.rank_label(), bp.rank_label()),
        ("đồng hạng 6".into(), "đồng hạng 6".into())
    );
    assert_eq!(r[7].rank, 8);
    assert_eq!(r.last().unwrap().penalty.to_string(), "2");
    assert_eq!(y.leading_units(), vec![ids[CA]]);
}

#[test]
fn ballots_of_2022() {
    let (s, ids) = demo();
    let y = s.load_year(2022).unwrap();
    let lead = y.leading_ballot().unwrap();
    let t = y.tally_of(lead);
    assert_eq!(t.results[0].unit, ids[CA]);
    assert_eq!(t.results[0].summary(), "8/9 phiếu, đạt 88,89%");
    assert!(t.results[0].passed);
    assert!(!t.results[1].passed);
    let bk = y.tally_of(&y.ballots[1]);
    let passed: Vec<UnitId> = bk.passed().map(|r| r.unit).collect();
    assert_eq!(passed, [ids[VKS], ids[THADS], ids[TA]]);
    assert_eq!(bk.result(ids[KIMSON]).unwrap().summary(), "3/9 phiếu, đạt 33,33%");
}

#[test]
fn the_demo_proposals_pass_every_check() {
    let (s, _) = demo();
    let y = s.load_year(2022).unwrap();
    assert_eq!(y.proposals.len(), 4);
    assert_eq!(y.proposal_warnings(), vec![]);
}

#[test]
fn suggestions_follow_votes_and_quotas() {
    let (s, ids) = demo();
    let y = s.load_year(2022).unwrap();
    let got: Vec<(String, UnitId, Option<u32>)> = y
        .suggested_proposals()
        .into_iter()
        .map(|p| (p.form, p.unit, p.votes))
        .collect();
    assert_eq!(
        got,
        [
            ("co_ubnd".to_string(), ids[CA], Some(8)),
            ("co_cp".to_string(), ids[CA], Some(8)),
            ("bang_khen".to_string(), ids[VKS], Some(9)),
            ("bang_khen".to_string(), ids[THADS], Some(8)),
            ("bang_khen".to_string(), ids[TA], Some(7)),
        ]
    );
    // A smaller quota cuts the list at the most-voted.
    let mut y2 = y.clone();
    y2.rules.award_forms[2].quota = 2;
    let bk: Vec<UnitId> = y2
        .suggested_proposals()
        .into_iter()
        .filter(|p| p.form == "bang_khen")
        .map(|p| p.unit)
        .collect();
    assert_eq!(bk, [ids[VKS], ids[THADS]]);
}

fn proposal(y: &YearRecord, id: ProposalId, form: &str, unit: UnitId, votes: Option<u32>) -> Proposal {
    Proposal {
        id,
        year: y.year,
        form: form.into(),
        unit,
        rank: None,
        score: None,
        votes,
        votes_base: Some(9),
        status: ProposalStatus::Draft,
        by_consensus: false,
        override_note: String::new(),
        note: String::new(),
    }
}

/// Each rule, one row: what is added to the demo's proposals, and the warning it must raise.
#[test]
fn each_rule_raises_its_warning() {
    let (s, ids) = demo();
    let ids: [UnitId; 9] = ids.try_into().unwrap();
    let base = s.load_year(2022).unwrap();
    type Change = Box<dyn Fn(&mut YearRecord)>;
    let rows: Vec<(Change, WarningKind, &str)> = vec![
        (
            Box::new(move |y| {
                let p = proposal(y, 100, "co_ubnd", ids[VKS], Some(1));
                y.proposals.push(p)
            }),
            WarningKind::NotLeading,
            "Viện Kiểm sát nhân dân tỉnh không phải là đơn vị được suy tôn dẫn đầu khối; Cờ thi đua của UBND tỉnh chỉ dành cho đơn vị dẫn đầu.",
        ),
        (
            Box::new(move |y| {
                let p = proposal(y, 100, "co_ubnd", ids[VKS], Some(1));
                y.proposals.push(p)
            }),
            WarningKind::OverQuota,
            "Vượt chỉ tiêu: khối có 9 thành viên được đề nghị Cờ thi đua của UBND tỉnh tối đa 1 đơn vị, đang đề nghị 2.",
        ),
        (
            Box::new(move |y| {
                let p = proposal(y, 100, "bang_khen", ids[KIMSON], Some(3));
                y.proposals.push(p)
            }),
            WarningKind::BelowThreshold,
            "Trại giam Kim Sơn 3/9 phiếu, đạt 33,33%, chưa đạt ngưỡng từ 70% trở lên của quy chế.",
        ),
        (
            Box::new(move |y| {
                let p = proposal(y, 100, "bang_khen", ids[QS], None);
                y.proposals.push(p)
            }),
            WarningKind::NoVote,
            "Chưa có kết quả bỏ phiếu đề nghị Bằng khen của Chủ tịch UBND tỉnh cho Bộ Chỉ huy Quân sự tỉnh.",
        ),
        (
            Box::new(move |y| {
                let p = proposal(y, 100, "bang_khen", ids[VKS], Some(9));
                y.proposals.push(p)
            }),
            WarningKind::Duplicate,
            "Viện Kiểm sát nhân dân tỉnh đã được đề nghị Bằng khen của Chủ tịch UBND tỉnh một lần.",
        ),
        (
            Box::new(move |y| {
                y.discipline.push(Discipline { unit: ids[THADS], year: 2022, reason: "cán bộ vi phạm kỷ luật".into() })
            }),
            WarningKind::UnderDiscipline,
            "Cục Thi hành án dân sự tỉnh đang bị xem xét kỷ luật (cán bộ vi phạm kỷ luật); đề nghị chuyển sang Hoãn xét.",
        ),
        (
            Box::new(move |y| {
                let p = proposal(y, 100, "giay_khen", ids[VKS], None);
                y.proposals.push(p)
            }),
            WarningKind::UnknownForm,
            "Hình thức \u{201c}giay_khen\u{201d} không có trong quy chế của khối.",
        ),
        (
            Box::new(|y| y.rules.vote_threshold_percent = 90.0),
            WarningKind::BelowThreshold,
            "Công an tỉnh 8/9 phiếu, đạt 88,89%, chưa đạt ngưỡng từ 90% trở lên của quy chế.",
        ),
    ];
    for (change, kind, message) in rows {
        let mut y = base.clone();
        change(&mut y);
        let w = y.proposal_warnings();
        assert!(
            w.iter()
                .any(|w| w.kind == kind && w.message == message && !w.overridden),
            "{kind:?}: expected \u{201c}{message}\u{201d}, got {w:#?}"
        );
    }
}

#[test]
fn a_large_bloc_gets_the_larger_flag_quota() {
    let (s, ids) = demo();
    let mut y = s.load_year(2022).unwrap();
    y.members.push(9999); // a tenth member
    let mut lead = y.leading_ballot().unwrap().clone();
    lead.candidates = vec![
        Candidate {
            unit: ids[CA],
            votes: 9,
        },
        Candidate {
            unit: ids[VKS],
            votes: 8,
        },
    ];
    let n = y
        .ballots
        .iter()
        .position(|b| b.purpose == BallotPurpose::LeadingUnit)
        .unwrap();
    y.ballots[n] = lead;
    let p = proposal(&y, 100, "co_ubnd", ids[VKS], Some(8));
    y.proposals.push(p);
    let w = y.proposal_warnings();
    assert!(
        !w.iter().any(|w| w.kind == WarningKind::OverQuota),
        "10 members: 2 flags allowed: {w:#?}"
    );
    y.members.pop();
    assert!(y.proposal_warnings().iter().any(|w| w.kind == WarningKind::OverQuota));
}

#[test]
fn an_override_keeps_the_warning_visible_as_accepted() {
    let (s, ids) = demo();
    let mut y = s.load_year(2022).unwrap();
    let mut p = proposal(&y, 100, "bang_khen", ids[KIMSON], Some(3));
    p.override_note = "Hội nghị thống nhất đề nghị do có thành tích đột xuất.".into();
    y.proposals.push(p);
    let w = y.proposal_warnings();
    let below: Vec<_> = w.iter().filter(|w| w.kind == WarningKind::BelowThreshold).collect();
    assert_eq!(below.len(), 1);
    assert!(below[0].overridden);
    // A deferred proposal is not counted against the quota nor checked for votes.
    let mut y = s.load_year(2022).unwrap();
    let mut p = proposal(&y, 100, "bang_khen", ids[KIMSON], Some(3));
    p.status = ProposalStatus::Deferred;
    y.proposals.push(p);
    assert_eq!(y.proposal_warnings(), vec![]);
}

#[test]
fn discipline_is_stored_and_defers_the_suggestion() {
    let (mut s, ids) = demo();
    let d = vec![Discipline {
        unit: ids[THADS],
        year: 2022,
        reason: "cán bộ vi phạm kỷ luật".into(),
    }];
    s.save_discipline(2022, &d).unwrap();
    let y = s.load_year(2022).unwrap();
    assert_eq!(y.discipline, d);
    let sug = y.suggested_proposals();
    let thads = sug.iter().find(|p| p.unit == ids[THADS]).unwrap();
    assert_eq!(thads.status, ProposalStatus::Deferred);
    assert_eq!(thads.note, "Hoãn xét: cán bộ vi phạm kỷ luật");
}

#[test]
fn decisions_close_the_loop_and_build_the_award_history() {
    let (mut s, ids) = demo();
    let y = s.load_year(2022).unwrap();
    let flag = y.proposals.iter().find(|p| p.form == "co_ubnd").unwrap();
    let mut d = Decision {
        id: 0,
        year: 2022,
        number: "325/QĐ-UBND".into(),
        signed_on: chrono::NaiveDate::from_ymd_opt(2023, 2, 10).unwrap(),
        issuing_body: "UBND tỉnh Bình Định".into(),
        results: vec![DecisionResult {
            proposal: flag.id,
            granted: true,
            note: String::new(),
        }],
    };
    s.save_decision(&mut d).unwrap();
    let h = s.award_history(ids[CA]).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].award, "Cờ thi đua của UBND tỉnh");
    assert_eq!(h[0].status, "Được khen thưởng");
    assert_eq!(h[0].decision, "325/QĐ-UBND ngày 10/02/2023");
    // Kim Sơn: the 2020 flag proposal; BĐBP: an award of its own sector.
    let k = s.award_history(ids[KIMSON]).unwrap();
    assert_eq!((k[0].year, k[0].status.as_str()), (2020, "Đã trình"));
    let bp = s.award_history(ids[BP]).unwrap();
    assert!(bp[0].status.starts_with("Khen thưởng của ngành"));
}

#[test]
fn rotation_suggestion_for_2023() {
    let (s, ids) = demo();
    let y = s.load_year(2022).unwrap();
    let members: Vec<UnitId> = y.member_units().iter().map(|u| u.id).collect();
    let sug = rotation::suggest(
        &y.rules.rotation,
        &s.leadership_history().unwrap(),
        &members,
        2023,
        |u| y.unit_name(u),
    );
    assert_eq!(sug.head, Some(ids[THADS]));
    assert_eq!(
        sug.explanation[0],
        "Cục Thi hành án dân sự tỉnh là Khối phó năm 2022, theo quy chế làm Khối trưởng năm 2023."
    );
    assert_ne!(
        sug.deputy,
        Some(ids[CA]),
        "the outgoing head is not suggested as deputy"
    );
}
