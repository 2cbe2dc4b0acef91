//! Every aggregate written and read back equal, on a file and in memory.

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::{bloc, on_each_store};
use khoithidua::domain::*;
use khoithidua::store::{Store, StoreError};
use unicode_normalization::UnicodeNormalization;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Three member units of 2022; returns their ids.
fn seed(store: &mut Store) -> Vec<UnitId> {
    store.save_bloc(&bloc()).unwrap();
    let mut units = vec![
        Unit::new("Công an tỉnh", "CA tỉnh", 1),
        Unit::new("Viện Kiểm sát nhân dân tỉnh", "VKSND tỉnh", 2),
        Unit::new("Cục Thi hành án dân sự tỉnh", "Cục THADS tỉnh", 3),
    ];
    store.save_units(&mut units).unwrap();
    let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    store.set_members(2022, &ids).unwrap();
    ids
}

fn conference(ids: &[UnitId]) -> Conference {
    Conference {
        id: 0,
        year: 2022,
        kind: ConferenceKind::MidYear,
        title: "Hội nghị sơ kết 6 tháng đầu năm 2022".into(),
        date: d(2022, 7, 28),
        start: NaiveTime::from_hms_opt(8, 0, 0),
        end: NaiveTime::from_hms_opt(11, 30, 0),
        part_of_day: None,
        place: "Cục Thi hành án dân sự tỉnh".into(),
        host_unit: Some(ids[2]),
        chair: Person {
            name: "Đặng Hồng Thọ".into(),
            position: "Phó Giám đốc Công an tỉnh".into(),
            unit: Some(ids[0]),
        },
        secretary: Person {
            name: "Phan Thị Ngọc".into(),
            position: "Chuyên viên".into(),
            unit: None,
        },
        attendance_known: true,
        attendance: vec![
            Attendance {
                unit: ids[0],
                present: true,
                note: String::new(),
                representative: "Nguyễn Văn An".into(),
                representative_position: "Phó Giám đốc".into(),
            },
            Attendance {
                unit: ids[1],
                present: false,
                note: "Bận công tác".into(),
                representative: String::new(),
                representative_position: String::new(),
            },
        ],
        guests: vec![Guest {
            name: "Thái Minh Trí".into(),
            position: "Phó Trưởng ban".into(),
            body: "Ban Thi đua - Khen thưởng tỉnh".into(),
        }],
        sections: vec![Section {
            heading: "Kết quả".into(),
            body: "Đạt nhiều kết quả.".into(),
        }],
        tasks: vec!["Nhiệm vụ 1".into(), "Nhiệm vụ 2".into()],
        tasks_count: None,
        notes: "Ghi chú".into(),
    }
}

#[test]
fn bloc_and_rules() {
    on_each_store(|s| {
        assert_eq!(s.bloc().unwrap(), None);
        s.save_bloc(&bloc()).unwrap();
        assert_eq!(s.bloc().unwrap(), Some(bloc()));
        assert_eq!(s.rules_for(2022).unwrap(), Rules::default());
        let mut r = Rules {
            vote_threshold_percent: 50.0,
            vote_base: VoteBase::Present,
            tie_breaks: vec![TieBreak::Votes],
            ..Rules::default()
        };
        s.save_rules(2021, &r).unwrap();
        assert_eq!(s.rules_for(2020).unwrap(), Rules::default());
        assert_eq!(s.rules_for(2021).unwrap(), r);
        assert_eq!(s.rules_for(2030).unwrap(), r, "rules carry forward");
        r.vote_threshold_percent = 500.0;
        assert!(matches!(s.save_rules(2022, &r), Err(StoreError::Invalid(_))));
    });
}

#[test]
fn units_with_dated_names_and_heads() {
    on_each_store(|s| {
        let mut u = Unit::new("Cục Thi hành án dân sự tỉnh", "Cục THADS tỉnh", 6);
        u.rename("Thi hành án dân sự tỉnh", "THADS tỉnh", d(2025, 3, 1));
        u.heads.push(UnitHead {
            name: "Nguyễn Xuân Hồng".into(),
            position: "Cục trưởng".into(),
            valid_from: Some(d(2019, 1, 1)),
            valid_to: None,
        });
        u.note = "Sắp xếp lại năm 2025".into();
        s.save_unit(&mut u).unwrap();
        assert!(u.id > 0);
        let mut other = Unit::new("Sở Tư pháp", "STP", 7);
        other.merged_into = Some(u.id);
        other.merged_on = Some(d(2025, 7, 1));
        s.save_unit(&mut other).unwrap();
        assert_eq!(s.units().unwrap(), vec![u.clone(), other.clone()]);
        // Update in place.
        u.precedence = 1;
        u.heads.clear();
        s.save_unit(&mut u).unwrap();
        assert_eq!(s.units().unwrap()[0], u);
        // An invalid unit is refused with its problems.
        let mut bad = Unit::new("", "X", 1);
        match s.save_unit(&mut bad) {
            Err(StoreError::Invalid(p)) => assert_eq!(p[0].field, "names[0].name"),
            other => panic!("expected Invalid, got {other:?}"),
        }
    });
}

#[test]
fn nfd_input_is_stored_as_nfc() {
    on_each_store(|s| {
        let nfd: String = "Viện Kiểm sát nhân dân tỉnh".nfd().collect();
        let mut u = Unit::new("x", "y", 1);
        u.names[0].name = nfd.clone();
        u.names[0].short_name = "VKSND tỉnh".nfd().collect();
        s.save_unit(&mut u).unwrap();
        let back = &s.units().unwrap()[0];
        assert_eq!(back.names[0].name, "Viện Kiểm sát nhân dân tỉnh");
        assert_ne!(back.names[0].name, nfd);
        assert_eq!(back.names[0].short_name, "VKSND tỉnh");
    });
}

#[test]
fn members_and_leadership() {
    on_each_store(|s| {
        let ids = seed(s);
        assert_eq!(s.members(2022).unwrap(), ids);
        assert_eq!(s.members(2023).unwrap(), Vec::<UnitId>::new());
        let l = Leadership {
            year: 2022,
            head: ids[0],
            deputy: Some(ids[2]),
            method: ChoiceMethod::Elected,
            decided_at: None,
            note: "Bầu tại hội nghị tổng kết".into(),
        };
        s.save_leadership(&l).unwrap();
        assert_eq!(s.leadership(2022).unwrap(), Some(l.clone()));
        assert_eq!(s.leadership_history().unwrap(), vec![l.clone()]);
        let same = Leadership {
            deputy: Some(ids[0]),
            ..l.clone()
        };
        assert!(matches!(s.save_leadership(&same), Err(StoreError::Invalid(_))));
        let outsider = Leadership { year: 2023, ..l };
        match s.save_leadership(&outsider) {
            Err(StoreError::Invalid(p)) => assert!(p[0].message.contains("không phải là thành viên")),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.years().unwrap(), vec![2022]);
    });
}

#[test]
fn pledge_with_items_and_signatures() {
    on_each_store(|s| {
        let ids = seed(s);
        let p = Pledge {
            year: 2022,
            theme: "Đoàn kết, kỷ cương".into(),
            items: vec![
                PledgeItem {
                    content: "Hoàn thành chỉ tiêu".into(),
                    target: "100%".into(),
                },
                PledgeItem {
                    content: "Ủng hộ hộ nghèo".into(),
                    target: "15.000.000 đ".into(),
                },
            ],
            signing_conference: None,
            signatures: vec![
                Signature {
                    unit: ids[1],
                    signed: true,
                    signed_on: Some(d(2022, 2, 18)),
                    signer_name: "Võ Đình Khoa".into(),
                    signer_position: "Viện trưởng".into(),
                },
                Signature {
                    unit: ids[0],
                    signed: false,
                    signed_on: None,
                    signer_name: String::new(),
                    signer_position: String::new(),
                },
            ],
        };
        s.save_pledge(&p).unwrap();
        assert_eq!(s.pledge(2022).unwrap(), Some(p.clone()));
        assert_eq!(s.pledge(2021).unwrap(), None);
        let mut fewer = p.clone();
        fewer.items.pop();
        fewer.signatures.remove(1);
        s.save_pledge(&fewer).unwrap();
        assert_eq!(s.pledge(2022).unwrap(), Some(fewer));
    });
}

#[test]
fn conference_whole() {
    on_each_store(|s| {
        let ids = seed(s);
        let mut c = conference(&ids);
        s.save_conference(&mut c).unwrap();
        assert!(c.id > 0);
        assert_eq!(s.conference(c.id).unwrap(), c);
        assert_eq!(s.conferences(2022).unwrap(), vec![c.clone()]);
        c.tasks.push("Nhiệm vụ 3".into());
        c.guests.clear();
        s.save_conference(&mut c).unwrap();
        assert_eq!(s.conference(c.id).unwrap(), c);
        let mut bad = conference(&ids);
        bad.end = NaiveTime::from_hms_opt(7, 0, 0);
        bad.title.clear();
        match s.save_conference(&mut bad) {
            Err(StoreError::Invalid(p)) => {
                let f: Vec<_> = p.iter().map(|p| p.field.as_str()).collect();
                assert_eq!(f, ["title", "end"]);
            }
            other => panic!("{other:?}"),
        }
        s.delete_conference(c.id).unwrap();
        assert!(matches!(s.conference(c.id), Err(StoreError::NotFound(_))));
    });
}

#[test]
fn score_sheet_whole() {
    on_each_store(|s| {
        let ids = seed(s);
        let sheet = ScoreSheet {
            year: 2022,
            criteria: vec![
                Criterion {
                    code: "I.1".into(),
                    group: "I".into(),
                    name: "Chuyên môn".into(),
                    max_points: Points::whole(60),
                },
                Criterion {
                    code: "I.2".into(),
                    group: "I".into(),
                    name: "Phong trào".into(),
                    max_points: Points::parse("40").unwrap(),
                },
            ],
            entries: vec![
                ScoreEntry {
                    unit: ids[0],
                    criterion: "I.1".into(),
                    self_score: Some(Points::parse("59,5").unwrap()),
                    bloc_score: Some(Points::whole(58)),
                },
                ScoreEntry {
                    unit: ids[0],
                    criterion: "I.2".into(),
                    self_score: None,
                    bloc_score: Some(Points::parse("39,25").unwrap()),
                },
            ],
            adjustments: vec![Adjustment {
                unit: ids[1],
                kind: AdjustmentKind::Penalty,
                points: Points::whole(2),
                reason: "Nộp báo cáo chậm".into(),
            }],
        };
        s.save_score_sheet(&sheet).unwrap();
        assert_eq!(s.score_sheet(2022).unwrap(), sheet);
        assert_eq!(s.score_sheet(2021).unwrap().criteria.len(), 0);
    });
}

#[test]
fn ballot_whole_and_its_arithmetic() {
    on_each_store(|s| {
        let ids = seed(s);
        let mut c = conference(&ids);
        s.save_conference(&mut c).unwrap();
        let mut b = Ballot {
            id: 0,
            conference: c.id,
            question: "Suy tôn đơn vị dẫn đầu".into(),
            purpose: BallotPurpose::Award("co_ubnd".into()),
            max_choices: 1,
            counted_at: NaiveTime::from_hms_opt(10, 15, 0),
            board: vec![BoardMember {
                name: "Nguyễn Thị Hạnh".into(),
                position: "Chuyên viên".into(),
                role: "Trưởng ban".into(),
            }],
            issued: 3,
            returned: 3,
            valid: 3,
            invalid: 0,
            candidates: vec![
                Candidate { unit: ids[0], votes: 2 },
                Candidate { unit: ids[1], votes: 1 },
            ],
        };
        s.save_ballot(&mut b).unwrap();
        assert_eq!(s.ballot(b.id).unwrap(), b);
        assert_eq!(s.ballots(2022).unwrap(), vec![b.clone()]);
        assert_eq!(s.ballots_of_conference(c.id).unwrap(), vec![b.clone()]);
        for purpose in [
            BallotPurpose::Head(2023),
            BallotPurpose::Deputy(2023),
            BallotPurpose::LeadingUnit,
            BallotPurpose::Other,
        ] {
            b.purpose = purpose;
            s.save_ballot(&mut b).unwrap();
            assert_eq!(s.ballot(b.id).unwrap(), b);
        }
        let mut wrong = b.clone();
        wrong.returned = 4;
        match s.save_ballot(&mut wrong) {
            Err(StoreError::Invalid(p)) => assert!(p.iter().any(|p| p.message.contains("lớn hơn số phiếu phát ra"))),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            s.ballot(b.id).unwrap(),
            b,
            "a refused save leaves the stored ballot as it was"
        );
        // The count happens during the conference (8:00 to 11:30), not after it.
        let mut late = b.clone();
        late.counted_at = NaiveTime::from_hms_opt(11, 45, 0);
        match s.save_ballot(&mut late) {
            Err(StoreError::Invalid(p)) => assert!(
                p.iter().any(|p| p.field == "counted_at"
                    && p.message == "Giờ kiểm phiếu (11:45) phải trước giờ kết thúc hội nghị (11:30)."),
                "{p:?}"
            ),
            other => panic!("{other:?}"),
        }
        // Not known: kept as not known.
        b.counted_at = None;
        s.save_ballot(&mut b).unwrap();
        assert_eq!(s.ballot(b.id).unwrap(), b);
        s.delete_ballot(b.id).unwrap();
        assert!(s.ballots(2022).unwrap().is_empty());
    });
}

#[test]
fn proposals_decisions_and_sector_awards() {
    on_each_store(|s| {
        let ids = seed(s);
        let mut p = Proposal {
            id: 0,
            year: 2022,
            form: "co_ubnd".into(),
            unit: ids[0],
            rank: Some(1),
            score: Some(Points::parse("98,5").unwrap()),
            votes: Some(8),
            votes_base: Some(9),
            status: ProposalStatus::Submitted,
            by_consensus: false,
            override_note: String::new(),
            note: "Dẫn đầu khối".into(),
        };
        s.save_proposal(&mut p).unwrap();
        assert_eq!(s.proposals(2022).unwrap(), vec![p.clone()]);
        let mut dec = Decision {
            id: 0,
            year: 2022,
            number: "325/QĐ-UBND".into(),
            signed_on: d(2023, 2, 10),
            issuing_body: "UBND tỉnh Bình Định".into(),
            results: vec![DecisionResult {
                proposal: p.id,
                granted: true,
                note: String::new(),
            }],
        };
        s.save_decision(&mut dec).unwrap();
        assert_eq!(s.decisions(2022).unwrap(), vec![dec.clone()]);
        assert_eq!(
            s.proposals(2022).unwrap()[0].status,
            ProposalStatus::Granted,
            "the decision closes the loop"
        );
        let awards = vec![SectorAward {
            unit: ids[2],
            year: 2022,
            name: "Cờ thi đua của Bộ Tư pháp".into(),
            issuing_body: "Bộ Tư pháp".into(),
            decision_number: "12/QĐ-BTP".into(),
        }];
        s.save_sector_awards(2022, &awards).unwrap();
        assert_eq!(s.sector_awards(2022).unwrap(), awards);
        s.delete_proposal(p.id).unwrap();
        assert!(s.proposals(2022).unwrap().is_empty());
    });
}

#[test]
fn activities_with_contributions() {
    on_each_store(|s| {
        let ids = seed(s);
        let mut a = Activity {
            id: 0,
            year: 2022,
            date: Some(d(2022, 7, 15)),
            kind: ActivityKind::Charity,
            title: "Sửa chữa nhà cho 02 hộ nghèo".into(),
            description: "Thị xã Hoài Nhơn".into(),
            contributions: ids
                .iter()
                .map(|&unit| Contribution {
                    unit,
                    amount: 15_000_000,
                    note: String::new(),
                })
                .collect(),
        };
        s.save_activity(&mut a).unwrap();
        assert_eq!(s.activities(2022).unwrap(), vec![a.clone()]);
        assert_eq!(a.total(), 45_000_000);
    });
}

#[test]
fn register_numbers_in_sequence() {
    on_each_store(|s| {
        seed(s);
        let e1 = s
            .register_document(2022, DocType::Minutes, "Biên bản sơ kết", d(2022, 7, 28))
            .unwrap();
        let e2 = s
            .register_document(2022, DocType::Minutes, "Biên bản tổng kết", d(2022, 12, 20))
            .unwrap();
        let t1 = s
            .register_document(2022, DocType::Proposal, "Tờ trình", d(2022, 12, 21))
            .unwrap();
        assert_eq!(e1.formatted("KNC"), "01/BB-KNC");
        assert_eq!(e2.formatted("KNC"), "02/BB-KNC");
        assert_eq!(t1.formatted("KNC"), "01/TTr-KNC");
        assert_eq!(s.register(2022).unwrap(), vec![e1.clone(), e2, t1]);
        assert!(s.record_document(&e1).is_err(), "a number is never given twice");
    });
}

#[test]
fn whole_year_of_the_demo() {
    on_each_store(|s| {
        let ids = khoithidua::demo::write_demo(s).unwrap();
        let y = s.load_year(2022).unwrap();
        assert_eq!(y.members, ids);
        assert_eq!(y.unit_name(y.leadership.as_ref().unwrap().head), "Công an tỉnh");
        assert_eq!(y.conferences.len(), 3);
        let mid = &y.conferences[1];
        assert_eq!(mid.kind, ConferenceKind::MidYear);
        assert_eq!(mid.tasks.len(), 6);
        assert_eq!(mid.present_count(), 9);
        assert_eq!(y.pledge.as_ref().unwrap().signed_count(), 9);
        assert_eq!(y.activities[0].total(), 9 * 15_000_000);
        assert_eq!(y.ballots.len(), 3);
        assert_eq!(y.score_sheet.entries.len(), 9 * 6);
        assert!(y.problems().is_empty(), "{:#?}", y.problems());
        assert_eq!(s.years().unwrap(), vec![2020, 2021, 2022]);
        let y2020 = s.load_year(2020).unwrap();
        assert_eq!(y2020.conferences[0].date, d(2021, 1, 6));
        assert_eq!(y2020.proposals.len(), 2);
        assert!(y2020.problems().is_empty(), "{:#?}", y2020.problems());
        let y2021 = s.load_year(2021).unwrap();
        assert_eq!(
            y2021.unit_name(y2021.leadership.as_ref().unwrap().head),
            "Tòa án nhân dân tỉnh"
        );
    });
}

#[test]
fn discipline_list() {
    on_each_store(|s| {
        let ids = seed(s);
        let list = vec![Discipline {
            unit: ids[1],
            year: 2022,
            reason: "Cán bộ vi phạm kỷ luật".into(),
        }];
        s.save_discipline(2022, &list).unwrap();
        assert_eq!(s.discipline(2022).unwrap(), list);
        s.save_discipline(2022, &[]).unwrap();
        assert!(s.discipline(2022).unwrap().is_empty());
    });
}
