//! The demo bloc from the reference reports.

use super::{d, hm};
use crate::domain::*;
use crate::store::{Result, Store};

/// Unit name, short name, head's name, head's position.
const UNITS: [(&str, &str, &str, &str); 9] = [
    ("Công an tỉnh", "CA tỉnh", "Nguyễn Văn Hùng", "Giám đốc"),
    (
        "Bộ Chỉ huy Quân sự tỉnh",
        "BCH QS tỉnh",
        "Trần Minh Tuấn",
        "Chỉ huy trưởng",
    ),
    (
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "BCH BĐBP tỉnh",
        "Lê Quang Đạo",
        "Chỉ huy trưởng",
    ),
    ("Tòa án nhân dân tỉnh", "TAND tỉnh", "Phạm Thị Lan", "Chánh án"),
    (
        "Viện Kiểm sát nhân dân tỉnh",
        "VKSND tỉnh",
        "Võ Đình Khoa",
        "Viện trưởng",
    ),
    (
        "Cục Thi hành án dân sự tỉnh",
        "Cục THADS tỉnh",
        "Nguyễn Xuân Hồng",
        "Cục trưởng",
    ),
    ("Thanh tra tỉnh", "TT tỉnh", "Huỳnh Văn Ân", "Chánh Thanh tra"),
    ("Sở Tư pháp", "STP", "Đoàn Thị Mai", "Giám đốc"),
    ("Trại giam Kim Sơn", "TG Kim Sơn", "Đỗ Thanh Bình", "Giám thị"),
];

pub fn bloc() -> Bloc {
    Bloc {
        name: "Khối thi đua Nội chính tỉnh Bình Định".into(),
        symbol: "KNC".into(),
        managing_body: "UBND TỈNH BÌNH ĐỊNH".into(),
        place_name: "Bình Định".into(),
        addressee: "Hội đồng Thi đua - Khen thưởng tỉnh Bình Định".into(),
        margins: Margins::default(),
    }
}

/// Writes the demo bloc into an open, empty store. Returns the unit ids in precedence order.
pub fn write_demo(store: &mut Store) -> Result<Vec<UnitId>> {
    store.save_bloc(&bloc())?;
    let mut units: Vec<Unit> = UNITS
        .iter()
        .enumerate()
        .map(|(i, (name, short, head, position))| {
            let mut u = Unit::new(name, short, i as i32 + 1);
            u.heads.push(UnitHead {
                name: (*head).into(),
                position: (*position).into(),
                valid_from: Some(d(2019, 1, 1)),
                valid_to: None,
            });
            u
        })
        .collect();
    store.save_units(&mut units)?;
    let ids: Vec<UnitId> = units.iter().map(|u| u.id).collect();
    let [ca, qs, bp, ta, vks, thads, tt, stp, kimson] = ids[..] else {
        unreachable!("nine demo units")
    };
    for year in 2020..=2022 {
        store.set_members(year, &ids)?;
    }
    let mut rules = Rules::default();
    // The demo bloc's custom: this year's deputy heads the bloc next year.
    rules.rotation.method = RotationMethod::DeputyBecomesHead;
    rules.rotation.order = vec![kimson, ta, ca, thads, vks, qs, bp, tt, stp];
    store.save_rules(2020, &rules)?;

    year_2020(store, &ids, [kimson, ta, vks, ca])?;
    year_2022(store, &ids, [ca, qs, bp, ta, vks, thads, tt, stp, kimson])?;
    Ok(ids)
}

fn all_present(ids: &[UnitId]) -> Vec<Attendance> {
    ids.iter()
        .map(|&unit| Attendance {
            unit,
            present: true,
            note: String::new(),
            representative: String::new(),
            representative_position: String::new(),
        })
        .collect()
}

fn section(heading: &str, body: &str) -> Section {
    Section {
        heading: heading.into(),
        body: body.into(),
    }
}

fn year_2020(store: &mut Store, ids: &[UnitId], [kimson, ta, vks, ca]: [UnitId; 4]) -> Result<()> {
    store.save_leadership(&Leadership {
        year: 2020,
        head: kimson,
        deputy: Some(ta),
        method: ChoiceMethod::Elected,
        decided_at: None,
        note: String::new(),
    })?;
    let mut conf = Conference {
        id: 0,
        year: 2020,
        kind: ConferenceKind::YearEnd,
        title: "Hội nghị tổng kết phong trào thi đua năm 2020, phương hướng nhiệm vụ năm 2021 và ký kết Giao ước thi đua năm 2021".into(),
        date: d(2021, 1, 6),
        start: hm(8, 0),
        end: hm(11, 30),
        part_of_day: None,
        place: "Hội trường Trại giam Kim Sơn".into(),
        host_unit: Some(kimson),
        chair: Person {
            name: "Đỗ Thanh Bình".into(),
            position: "Giám thị Trại giam Kim Sơn, Khối trưởng".into(),
            unit: Some(kimson),
        },
        secretary: Person {
            name: "Trần Thị Hoa".into(),
            position: "Chuyên viên Trại giam Kim Sơn".into(),
            unit: Some(kimson),
        },
        attendance_known: true,
        attendance: all_present(ids),
        guests: Vec::new(),
        sections: vec![
            section(
                "Kết quả phong trào thi đua năm 2020",
                "Năm 2020, các cơ quan, đơn vị trong Khối đã chủ động triển khai thực hiện có hiệu quả 04 phong trào thi đua do Thủ tướng Chính phủ phát động, trong đó đã đóng góp kinh phí hỗ trợ xây dựng 02 Nhà đại đoàn kết; công tác đền ơn đáp nghĩa, an sinh xã hội được thực hiện thường xuyên; tổ chức Hội thao giữa các cơ quan, đơn vị trong Khối.",
            ),
            section(
                "Khó khăn, hạn chế",
                "Việc triển khai phong trào thi đua yêu nước năm 2020 còn gặp nhiều khó khăn, nhất là do tác động của dịch bệnh Covid-19.",
            ),
            section(
                "Bình xét thi đua, khen thưởng năm 2020",
                "Các cơ quan tiến hành bình xét thi đua, khen thưởng năm 2020; kết quả: Trại giam Kim Sơn và Viện Kiểm sát nhân dân tỉnh được đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh.",
            ),
            section(
                "Bầu Khối trưởng năm 2021 và ký kết Giao ước thi đua năm 2021",
                "Hội nghị bầu Tòa án nhân dân tỉnh làm Khối trưởng Khối thi đua Nội chính năm 2021; đại diện lãnh đạo các cơ quan trong Khối ký kết Giao ước thi đua năm 2021.",
            ),
        ],
        tasks: vec![
            "Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua gắn với nhiệm vụ chính trị của từng cơ quan, đơn vị.".into(),
            "Phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến.".into(),
            "Thực hiện tốt công tác an sinh xã hội, đền ơn đáp nghĩa.".into(),
        ],
        tasks_count: None,
        notes: String::new(),
    };
    store.save_conference(&mut conf)?;
    for unit in [kimson, vks] {
        store.save_proposal(&mut Proposal {
            id: 0,
            year: 2020,
            form: "co_ubnd".into(),
            unit,
            rank: None,
            score: None,
            votes: None,
            votes_base: Some(9),
            status: ProposalStatus::Submitted,
            by_consensus: false,
            override_note: String::new(),
            note: "Đề nghị tại Hội nghị tổng kết ngày 06/01/2021.".into(),
        })?;
    }
    let mut charity = Activity {
        id: 0,
        year: 2020,
        date: None,
        kind: ActivityKind::Charity,
        title: "Hỗ trợ xây dựng 02 Nhà đại đoàn kết".into(),
        description: "Các đơn vị trong Khối đóng góp kinh phí hỗ trợ xây dựng 02 Nhà đại đoàn kết.".into(),
        contributions: Vec::new(),
    };
    store.save_activity(&mut charity)?;
    let mut sports = Activity {
        id: 0,
        year: 2020,
        date: None,
        kind: ActivityKind::Sports,
        title: "Hội thao giữa các cơ quan, đơn vị trong Khối".into(),
        description: String::new(),
        contributions: Vec::new(),
    };
    store.save_activity(&mut sports)?;
    // The 2021 leadership was decided at this conference.
    store.save_leadership(&Leadership {
        year: 2021,
        head: ta,
        deputy: Some(ca),
        method: ChoiceMethod::Elected,
        decided_at: Some(conf.id),
        note: "Bầu tại Hội nghị tổng kết năm 2020.".into(),
    })
}

fn year_2022(store: &mut Store, ids: &[UnitId], u: [UnitId; 9]) -> Result<()> {
    let [ca, qs, bp, ta, vks, thads, tt, stp, kimson] = u;
    store.save_leadership(&Leadership {
        year: 2022,
        head: ca,
        deputy: Some(thads),
        method: ChoiceMethod::Elected,
        decided_at: None,
        note: String::new(),
    })?;

    let mut launch = Conference {
        id: 0,
        year: 2022,
        kind: ConferenceKind::Launch,
        title: "Hội nghị phát động phong trào thi đua và ký kết Giao ước thi đua năm 2022".into(),
        date: d(2022, 2, 18),
        start: hm(8, 0),
        end: hm(10, 30),
        part_of_day: None,
        place: "Hội trường Công an tỉnh".into(),
        host_unit: Some(ca),
        chair: Person {
            name: "Đặng Hồng Thọ".into(),
            position: "Phó Giám đốc Công an tỉnh".into(),
            unit: Some(ca),
        },
        secretary: Person {
            name: "Lê Thị Thu".into(),
            position: "Cán bộ Phòng Tham mưu Công an tỉnh".into(),
            unit: Some(ca),
        },
        attendance_known: true,
        attendance: all_present(ids),
        guests: Vec::new(),
        sections: vec![section(
            "Phát động phong trào thi đua năm 2022",
            "Khối thi đua Nội chính tỉnh xây dựng nội dung, tiêu chí thi đua và tổ chức ký kết giao ước thi đua yêu nước năm 2022.",
        )],
        tasks: Vec::new(),
        tasks_count: None,
        notes: String::new(),
    };
    store.save_conference(&mut launch)?;

    store.save_pledge(&Pledge {
        year: 2022,
        theme: "Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ chính trị năm 2022".into(),
        items: vec![
            PledgeItem {
                content: "Thực hiện thắng lợi nhiệm vụ chính trị, bảo đảm quốc phòng, an ninh của tỉnh; hoàn thành vượt mức các chỉ tiêu ngành giao.".into(),
                target: "100% chỉ tiêu được giao hoàn thành".into(),
            },
            PledgeItem {
                content: "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW.".into(),
                target: "100% cán bộ, đảng viên được quán triệt".into(),
            },
            PledgeItem {
                content: "Tổ chức sơ kết 03 năm thực hiện Phong trào thi đua \u{201c}Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở\u{201d} giai đoạn 2019-2025.".into(),
                target: "Hoàn thành trong 6 tháng đầu năm".into(),
            },
            PledgeItem {
                content: "Mỗi đơn vị thành viên ủng hộ kinh phí sửa chữa nhà ở cho 02 hộ gia đình thuộc diện hộ nghèo có hoàn cảnh khó khăn.".into(),
                target: "15.000.000 đồng mỗi đơn vị".into(),
            },
            PledgeItem {
                content: "Phát hiện, xây dựng, bồi dưỡng và nhân rộng các điển hình tiên tiến giai đoạn 2021-2025.".into(),
                target: String::new(),
            },
        ],
        signing_conference: Some(launch.id),
        signatures: UNITS
            .iter()
            .zip(ids)
            .map(|((_, _, head, position), &unit)| Signature {
                unit,
                signed: true,
                signed_on: Some(d(2022, 2, 18)),
                signer_name: (*head).into(),
                signer_position: (*position).into(),
            })
            .collect(),
    })?;

    let mut mid = Conference {
        id: 0,
        year: 2022,
        kind: ConferenceKind::MidYear,
        title: "Hội nghị sơ kết phong trào thi đua yêu nước 6 tháng đầu năm, triển khai nhiệm vụ, giải pháp 6 tháng cuối năm 2022".into(),
        date: d(2022, 7, 28),
        start: hm(8, 0),
        end: hm(11, 0),
        part_of_day: None,
        place: "Hội trường Cục Thi hành án dân sự tỉnh".into(),
        host_unit: Some(thads),
        chair: Person {
            name: "Đặng Hồng Thọ".into(),
            position: "Phó Giám đốc Công an tỉnh, đại diện đơn vị Khối trưởng".into(),
            unit: Some(ca),
        },
        secretary: Person {
            name: "Phan Thị Ngọc".into(),
            position: "Chuyên viên Cục Thi hành án dân sự tỉnh".into(),
            unit: Some(thads),
        },
        attendance_known: true,
        attendance: all_present(&[ca, thads, ta, kimson, qs, bp, vks, tt, stp]),
        guests: vec![Guest {
            name: "Thái Minh Trí".into(),
            position: "Phó Trưởng ban".into(),
            body: "Ban Thi đua - Khen thưởng tỉnh".into(),
        }],
        sections: vec![
            section(
                "Kết quả 6 tháng đầu năm 2022",
                "Ngay từ đầu năm, Khối thi đua Nội chính tỉnh đã xây dựng nội dung, tiêu chí thi đua và tổ chức ký kết giao ước thi đua yêu nước. Các cơ quan, đơn vị trong Khối đã tích cực hưởng ứng, chủ động bám sát những nhiệm vụ công tác trọng tâm, đề ra các chỉ tiêu, nội dung thi đua cụ thể, phù hợp với chức năng, nhiệm vụ của từng ngành.",
            ),
            section(
                "Hoạt động chung của Khối",
                "Các đơn vị trong Khối đã tổ chức sơ kết 03 năm thực hiện Phong trào thi đua \u{201c}Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở\u{201d} giai đoạn 2019-2025; khảo sát, xét chọn 02 hộ gia đình thuộc diện hộ nghèo, mỗi đơn vị thành viên ủng hộ 15.000.000 đồng để sửa chữa nhà ở cho hộ bà Võ Thị Kiệp và hộ bà Nguyễn Thị Ngọc Linh tại thị xã Hoài Nhơn.",
            ),
        ],
        tasks: vec![
            "Tiếp tục đẩy mạnh các phong trào thi đua, phấn đấu hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được giao năm 2022.".into(),
            "Bảo đảm an ninh chính trị, trật tự an toàn xã hội trên địa bàn tỉnh.".into(),
            "Gắn phong trào thi đua với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.".into(),
            "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến giai đoạn 2021-2025.".into(),
            "Hoàn thành sửa chữa, bàn giao nhà cho 02 hộ nghèo tại thị xã Hoài Nhơn trong năm 2022.".into(),
            "Làm tốt công tác bình xét, đề nghị khen thưởng cuối năm, bảo đảm công khai, dân chủ, đúng quy định.".into(),
        ],
        tasks_count: None,
        notes: String::new(),
    };
    store.save_conference(&mut mid)?;

    let mut houses = Activity {
        id: 0,
        year: 2022,
        date: Some(d(2022, 7, 15)),
        kind: ActivityKind::Charity,
        title: "Sửa chữa nhà cho 02 hộ nghèo tại thị xã Hoài Nhơn".into(),
        description: "Hộ bà Võ Thị Kiệp (khu phố Thiện Đức Bắc, phường Hoài Hương) và hộ bà Nguyễn Thị Ngọc Linh (khu phố Lại Khánh Tây, phường Hoài Đức).".into(),
        contributions: ids
            .iter()
            .map(|&unit| Contribution {
                unit,
                amount: 15_000_000,
                note: String::new(),
            })
            .collect(),
    };
    store.save_activity(&mut houses)?;

    let mut year_end = Conference {
        id: 0,
        year: 2022,
        kind: ConferenceKind::YearEnd,
        title: "Hội nghị tổng kết phong trào thi đua năm 2022, bình xét khen thưởng và bầu Khối trưởng năm 2023".into(),
        date: d(2022, 12, 20),
        start: hm(8, 0),
        end: hm(11, 30),
        part_of_day: None,
        place: "Hội trường Công an tỉnh".into(),
        host_unit: Some(ca),
        chair: Person {
            name: "Đặng Hồng Thọ".into(),
            position: "Phó Giám đốc Công an tỉnh, đại diện đơn vị Khối trưởng".into(),
            unit: Some(ca),
        },
        secretary: Person {
            name: "Lê Thị Thu".into(),
            position: "Cán bộ Phòng Tham mưu Công an tỉnh".into(),
            unit: Some(ca),
        },
        attendance_known: true,
        attendance: all_present(ids),
        guests: vec![Guest {
            name: "Thái Minh Trí".into(),
            position: "Phó Trưởng ban".into(),
            body: "Ban Thi đua - Khen thưởng tỉnh".into(),
        }],
        sections: vec![
            section(
                "Tổng kết phong trào thi đua năm 2022",
                "Đại diện đơn vị Khối trưởng báo cáo kết quả phong trào thi đua năm 2022 và phương hướng năm 2023. Các đơn vị đã hoàn thành việc sửa chữa, bàn giao nhà cho 02 hộ nghèo tại thị xã Hoài Nhơn.",
            ),
            section(
                "Chấm điểm, bình xét thi đua",
                "Các đơn vị tiến hành chấm điểm chéo theo bảng tiêu chí đã thống nhất và bỏ phiếu kín suy tôn đơn vị dẫn đầu, đề nghị khen thưởng.",
            ),
        ],
        tasks: vec![
            "Xây dựng nội dung, tiêu chí thi đua và ký kết Giao ước thi đua năm 2023.".into(),
            "Hoàn thiện hồ sơ đề nghị khen thưởng năm 2022 gửi Hội đồng Thi đua - Khen thưởng tỉnh.".into(),
        ],
        tasks_count: None,
        notes: String::new(),
    };
    store.save_conference(&mut year_end)?;

    store.save_score_sheet(&score_sheet_2022(ids))?;

    let mut board = vec![
        BoardMember {
            name: "Nguyễn Thị Hạnh".into(),
            position: "Chuyên viên Sở Tư pháp".into(),
            role: "Trưởng ban".into(),
        },
        BoardMember {
            name: "Trương Văn Lợi".into(),
            position: "Cán bộ Bộ Chỉ huy Quân sự tỉnh".into(),
            role: "Thành viên".into(),
        },
    ];
    board.push(BoardMember {
        name: "Lê Thị Thu".into(),
        position: "Cán bộ Phòng Tham mưu Công an tỉnh".into(),
        role: "Thư ký".into(),
    });
    let mut leading = Ballot {
        id: 0,
        conference: year_end.id,
        question: "Suy tôn đơn vị dẫn đầu Khối thi đua Nội chính năm 2022".into(),
        purpose: BallotPurpose::LeadingUnit,
        max_choices: 1,
        // Counted during the conference (8:00 to 11:30), each ballot after the one before.
        counted_at: hm(10, 15),
        board: board.clone(),
        issued: 9,
        returned: 9,
        valid: 9,
        invalid: 0,
        candidates: vec![Candidate { unit: ca, votes: 8 }, Candidate { unit: vks, votes: 1 }],
    };
    store.save_ballot(&mut leading)?;
    let mut bang_khen = Ballot {
        id: 0,
        conference: year_end.id,
        question: "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2022".into(),
        purpose: BallotPurpose::Award("bang_khen".into()),
        max_choices: 3,
        counted_at: hm(10, 35),
        board: board.clone(),
        issued: 9,
        returned: 9,
        valid: 9,
        invalid: 0,
        candidates: vec![
            Candidate { unit: vks, votes: 9 },
            Candidate { unit: thads, votes: 8 },
            Candidate { unit: ta, votes: 7 },
            Candidate { unit: kimson, votes: 3 },
        ],
    };
    store.save_ballot(&mut bang_khen)?;
    let mut head = Ballot {
        id: 0,
        conference: year_end.id,
        question: "Bầu Khối trưởng Khối thi đua Nội chính năm 2023".into(),
        purpose: BallotPurpose::Head(2023),
        max_choices: 1,
        counted_at: hm(10, 50),
        board,
        issued: 9,
        returned: 9,
        valid: 9,
        invalid: 0,
        candidates: vec![Candidate { unit: thads, votes: 9 }],
    };
    store.save_ballot(&mut head)?;

    let mut flag = Proposal {
        id: 0,
        year: 2022,
        form: "co_ubnd".into(),
        unit: ca,
        rank: Some(1),
        score: None,
        votes: Some(8),
        votes_base: Some(9),
        status: ProposalStatus::Draft,
        by_consensus: false,
        override_note: String::new(),
        note: String::new(),
    };
    store.save_proposal(&mut flag)?;
    for (unit, votes) in [(vks, 9), (thads, 8), (ta, 7)] {
        store.save_proposal(&mut Proposal {
            id: 0,
            year: 2022,
            form: "bang_khen".into(),
            unit,
            rank: None,
            score: None,
            votes: Some(votes),
            votes_base: Some(9),
            status: ProposalStatus::Draft,
            by_consensus: false,
            override_note: String::new(),
            note: String::new(),
        })?;
    }
    store.save_sector_awards(
        2022,
        &[SectorAward {
            unit: bp,
            year: 2022,
            name: "Bằng khen của Bộ Tư lệnh Bộ đội Biên phòng".into(),
            issuing_body: "Bộ Tư lệnh Bộ đội Biên phòng".into(),
            decision_number: String::new(),
        }],
    )?;
    // The minutes of 2022 issued so far, in order of issue (numbers follow dates, Điều 15).
    store.record_document(&RegisterEntry {
        year: 2022,
        doc_type: DocType::Minutes,
        number: 1,
        title: "Biên bản Hội nghị phát động phong trào thi đua và ký kết Giao ước thi đua năm 2022".into(),
        issued_on: d(2022, 2, 18),
        source: format!("minutes:{}", launch.id),
    })?;
    store.record_document(&RegisterEntry {
        year: 2022,
        doc_type: DocType::Minutes,
        number: 2,
        title: "Biên bản Hội nghị sơ kết 6 tháng đầu năm 2022".into(),
        issued_on: d(2022, 7, 28),
        source: format!("minutes:{}", mid.id),
    })?;
    Ok(())
}

/// Four groups of criteria summing to the 100-point scale; scores chosen so the ranking has a tie.
fn score_sheet_2022(ids: &[UnitId]) -> ScoreSheet {
    let criteria: Vec<Criterion> = [
        (
            "I.1",
            "I. Thực hiện nhiệm vụ chính trị",
            "Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn được giao",
            30,
        ),
        (
            "I.2",
            "I. Thực hiện nhiệm vụ chính trị",
            "Chấp hành chủ trương, chính sách, pháp luật",
            10,
        ),
        (
            "II.1",
            "II. Công tác thi đua, khen thưởng",
            "Tổ chức phong trào thi đua, ký kết giao ước",
            15,
        ),
        (
            "II.2",
            "II. Công tác thi đua, khen thưởng",
            "Phát hiện, nhân rộng điển hình tiên tiến",
            10,
        ),
        (
            "III.1",
            "III. Xây dựng Đảng, đoàn thể",
            "Xây dựng tổ chức Đảng, đoàn thể trong sạch, vững mạnh",
            15,
        ),
        (
            "IV.1",
            "IV. Hoạt động chung của Khối",
            "Tham gia hoạt động chung, an sinh xã hội",
            20,
        ),
    ]
    .into_iter()
    .map(|(code, group, name, max)| Criterion {
        code: code.into(),
        group: group.into(),
        name: name.into(),
        max_points: Points::whole(max),
    })
    .collect();
    // Points lost per unit (in precedence order) across the six criteria.
    let lost: [[i64; 6]; 9] = [
        [0, 0, 0, 0, 0, 0],
        [2, 0, 1, 1, 0, 1],
        [2, 0, 1, 1, 0, 1],
        [1, 0, 1, 0, 1, 0],
        [1, 0, 0, 0, 0, 0],
        [1, 0, 1, 0, 0, 0],
        [3, 1, 1, 1, 1, 1],
        [3, 1, 2, 1, 1, 2],
        [1, 0, 1, 0, 1, 1],
    ];
    let mut entries = Vec::new();
    for (u, &unit) in ids.iter().enumerate() {
        for (c, k) in criteria.iter().enumerate() {
            let bloc = k.max_points - Points::whole(lost[u][c]);
            entries.push(ScoreEntry {
                unit,
                criterion: k.code.clone(),
                self_score: Some(k.max_points - Points::whole(lost[u][c] / 2)),
                bloc_score: Some(bloc),
            });
        }
    }
    ScoreSheet {
        year: 2022,
        criteria,
        entries,
        adjustments: vec![
            Adjustment {
                unit: ids[0],
                kind: AdjustmentKind::Bonus,
                points: Points::whole(10),
                reason: "Được tặng Cờ thi đua của UBND tỉnh năm 2021".into(),
            },
            Adjustment {
                unit: ids[7],
                kind: AdjustmentKind::Penalty,
                points: Points::whole(2),
                reason: "Nộp báo cáo tổng kết chậm so với thời hạn".into(),
            },
        ],
    }
}
