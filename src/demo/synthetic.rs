//! A synthetic large bloc (every table filled) for benchmarks and stress tests.

use super::{d, hm};
use crate::domain::*;
use crate::store::{Result, Store};

const AGENCIES: [&str; 10] = [
    "Sở Tư pháp",
    "Thanh tra",
    "Công an",
    "Tòa án nhân dân",
    "Viện Kiểm sát nhân dân",
    "Bộ Chỉ huy Quân sự",
    "Cục Quản lý thị trường",
    "Sở Nội vụ",
    "Bộ Chỉ huy Bộ đội Biên phòng",
    "Trại giam",
];
const PLACES: [&str; 5] = ["Bình Định", "Phú Yên", "Quảng Ngãi", "Gia Lai", "Khánh Hòa"];

/// Writes `units` units over `years` years ending in 2025, each year with members, leadership,
/// a pledge, three conferences, a 40-criterion score sheet, ballots, proposals, a decision,
/// activities, sector awards, rules and register entries.
pub fn write_synthetic(store: &mut Store, years: i32, units: usize) -> Result<()> {
    store.save_bloc(&Bloc {
        name: "Khối thi đua tổng hợp (dữ liệu thử)".into(),
        symbol: "KTH".into(),
        managing_body: "UBND TỈNH BÌNH ĐỊNH".into(),
        place_name: "Bình Định".into(),
        addressee: "Hội đồng Thi đua - Khen thưởng tỉnh".into(),
        margins: Margins::default(),
    })?;
    let mut all: Vec<Unit> = (0..units)
        .map(|i| {
            let name = format!(
                "{} {} số {}",
                AGENCIES[i % AGENCIES.len()],
                PLACES[i % PLACES.len()],
                i + 1
            );
            let mut u = Unit::new(&name, &format!("ĐV{:02}", i + 1), i as i32 + 1);
            u.heads.push(UnitHead {
                name: format!("Nguyễn Văn Thủ Trưởng {}", i + 1),
                position: "Giám đốc".into(),
                valid_from: None,
                valid_to: None,
            });
            u
        })
        .collect();
    store.save_units(&mut all)?;
    let ids: Vec<UnitId> = all.iter().map(|u| u.id).collect();
    let first = 2025 - years + 1;
    for year in first..=2025 {
        store.set_members(year, &ids)?;
        if (year - first) % 5 == 0 {
            let rules = Rules {
                vote_threshold_percent: 50.0 + f64::from((year - first) % 20),
                ..Rules::default()
            };
            store.save_rules(year, &rules)?;
        }
        write_year(store, year, &ids)?;
    }
    Ok(())
}

fn write_year(store: &mut Store, year: Year, ids: &[UnitId]) -> Result<()> {
    let n = ids.len();
    let k = (year as usize) % n;
    store.save_leadership(&Leadership {
        year,
        head: ids[k],
        deputy: Some(ids[(k + 1) % n]),
        method: ChoiceMethod::Rotation,
        decided_at: None,
        note: String::new(),
    })?;
    let attendance: Vec<Attendance> = ids
        .iter()
        .enumerate()
        .map(|(i, &unit)| Attendance {
            unit,
            present: i % 17 != 3,
            note: String::new(),
            representative: String::new(),
            representative_position: String::new(),
        })
        .collect();
    let mut conf_ids = Vec::new();
    for (kind, month) in [
        (ConferenceKind::Launch, 2),
        (ConferenceKind::MidYear, 7),
        (ConferenceKind::YearEnd, 12),
    ] {
        let mut c = Conference {
            id: 0,
            year,
            kind,
            title: format!("Hội nghị {} năm {year}", kind.label().to_lowercase()),
            date: d(year, month, 15),
            start: hm(8, 0),
            end: hm(11, 30),
            part_of_day: None,
            place: "Hội trường đơn vị Khối trưởng".into(),
            host_unit: Some(ids[k]),
            chair: Person {
                name: "Trần Văn Chủ Trì".into(),
                position: "Phó Giám đốc".into(),
                unit: Some(ids[k]),
            },
            secretary: Person {
                name: "Lê Thị Thư Ký".into(),
                position: "Chuyên viên".into(),
                unit: Some(ids[k]),
            },
            attendance_known: true,
            attendance: attendance.clone(),
            guests: vec![Guest {
                name: "Phạm Văn Khách".into(),
                position: "Phó Trưởng ban".into(),
                body: "Ban Thi đua - Khen thưởng tỉnh".into(),
            }],
            sections: (1..=4)
                .map(|s| Section {
                    heading: format!("Phần {s}"),
                    body: "Các cơ quan, đơn vị trong Khối đã tích cực hưởng ứng, chủ động bám sát những nhiệm vụ công tác trọng tâm, đề ra các chỉ tiêu, nội dung thi đua cụ thể.".repeat(3),
                })
                .collect(),
            tasks: (1..=6).map(|t| format!("Nhiệm vụ, giải pháp trọng tâm thứ {t}.")).collect(),
            tasks_count: None,
            notes: String::new(),
        };
        store.save_conference(&mut c)?;
        conf_ids.push(c.id);
    }
    store.save_pledge(&Pledge {
        year,
        theme: format!("Đoàn kết, kỷ cương, hoàn thành xuất sắc nhiệm vụ năm {year}"),
        items: (1..=10)
            .map(|i| PledgeItem {
                content: format!("Nội dung giao ước thứ {i}: hoàn thành các chỉ tiêu, nhiệm vụ được giao."),
                target: "100%".into(),
            })
            .collect(),
        signing_conference: Some(conf_ids[0]),
        signatures: ids
            .iter()
            .enumerate()
            .map(|(i, &unit)| Signature {
                unit,
                signed: i % 11 != 5,
                signed_on: (i % 11 != 5).then(|| d(year, 2, 15)),
                signer_name: format!("Nguyễn Văn Thủ Trưởng {}", i + 1),
                signer_position: "Giám đốc".into(),
            })
            .collect(),
    })?;
    store.save_score_sheet(&score_sheet(year, ids))?;
    let leading = ids[(k + 3) % n];
    // One invalid paper; the leading unit takes most valid votes, the runner-up at most two (a bloc
    // of two units has one valid paper).
    let valid = n as u32 - 1;
    let runner_up = 2.min(valid / 2);
    let mut ballot = Ballot {
        id: 0,
        conference: conf_ids[2],
        question: format!("Suy tôn đơn vị dẫn đầu năm {year}"),
        purpose: BallotPurpose::LeadingUnit,
        max_choices: 1,
        counted_at: hm(10, 20),
        board: vec![BoardMember {
            name: "Ngô Văn Kiểm".into(),
            position: "Chuyên viên".into(),
            role: "Trưởng ban".into(),
        }],
        issued: n as u32,
        returned: n as u32,
        valid,
        invalid: 1,
        candidates: vec![
            Candidate {
                unit: leading,
                votes: valid - runner_up,
            },
            Candidate {
                unit: ids[(k + 4) % n],
                votes: runner_up,
            },
        ],
    };
    store.save_ballot(&mut ballot)?;
    let mut head = ballot.clone();
    head.id = 0;
    head.question = format!("Bầu Khối trưởng năm {}", year + 1);
    head.purpose = BallotPurpose::Head(year + 1);
    store.save_ballot(&mut head)?;
    let mut proposals = Vec::new();
    for (form, unit) in [
        ("co_ubnd", leading),
        ("bang_khen", ids[(k + 4) % n]),
        ("bang_khen", ids[(k + 5) % n]),
    ] {
        let mut p = Proposal {
            id: 0,
            year,
            form: form.into(),
            unit,
            rank: Some(1),
            score: Some(Points::whole(95)),
            votes: Some(valid - runner_up),
            votes_base: Some(n as u32),
            status: ProposalStatus::Submitted,
            by_consensus: false,
            override_note: String::new(),
            note: String::new(),
        };
        store.save_proposal(&mut p)?;
        proposals.push(p.id);
    }
    store.save_decision(&mut Decision {
        id: 0,
        year,
        number: format!("{}/QĐ-UBND", 100 + year % 100),
        signed_on: d(year + 1, 3, 1),
        issuing_body: "UBND tỉnh".into(),
        results: proposals
            .iter()
            .map(|&proposal| DecisionResult {
                proposal,
                granted: true,
                note: String::new(),
            })
            .collect(),
    })?;
    store.save_activity(&mut Activity {
        id: 0,
        year,
        date: Some(d(year, 9, 1)),
        kind: ActivityKind::Charity,
        title: format!("Ủng hộ hộ nghèo năm {year}"),
        description: String::new(),
        contributions: ids
            .iter()
            .map(|&unit| Contribution {
                unit,
                amount: 15_000_000,
                note: String::new(),
            })
            .collect(),
    })?;
    store.save_sector_awards(
        year,
        &[SectorAward {
            unit: ids[(k + 7) % n],
            year,
            name: "Bằng khen của Bộ".into(),
            issuing_body: "Bộ chủ quản".into(),
            decision_number: String::new(),
        }],
    )?;
    store.save_discipline(
        year,
        &[Discipline {
            unit: ids[(k + 9) % n],
            year,
            reason: "Cán bộ vi phạm quy định, đang xem xét kỷ luật".into(),
        }],
    )?;
    store.register_document(year, DocType::Minutes, "Biên bản hội nghị tổng kết", d(year, 12, 15))?;
    store.register_document(year, DocType::Proposal, "Tờ trình đề nghị khen thưởng", d(year, 12, 20))?;
    Ok(())
}

/// 40 criteria in 4 groups (2,5 points each = 100) and a full grid of self and bloc scores.
fn score_sheet(year: Year, ids: &[UnitId]) -> ScoreSheet {
    let criteria: Vec<Criterion> = (0..40)
        .map(|i| Criterion {
            code: format!("{}.{}", i / 10 + 1, i % 10 + 1),
            group: format!("Nhóm tiêu chí {}", i / 10 + 1),
            name: format!("Tiêu chí {}", i + 1),
            max_points: Points::from_hundredths(250),
        })
        .collect();
    let mut entries = Vec::with_capacity(ids.len() * criteria.len());
    for (u, &unit) in ids.iter().enumerate() {
        for (c, k) in criteria.iter().enumerate() {
            let lost = ((u * 7 + c * 3 + year as usize) % 5) as i64 * 10;
            entries.push(ScoreEntry {
                unit,
                criterion: k.code.clone(),
                self_score: Some(k.max_points - Points::from_hundredths(lost / 2)),
                bloc_score: Some(k.max_points - Points::from_hundredths(lost)),
            });
        }
    }
    ScoreSheet {
        year,
        criteria,
        entries,
        adjustments: vec![Adjustment {
            unit: ids[0],
            kind: AdjustmentKind::Penalty,
            points: Points::whole(1),
            reason: "Nộp báo cáo chậm".into(),
        }],
    }
}
