//! Every document of the demo bloc, rendered and read back: the facts in it, the fixed lines of
//! Nghị định 30, the numbers from the register.

mod common;

use chrono::NaiveDate;
use common::pdf_pages;
use khoithidua::app::exports::{make, DocRequest, ExportOptions, Exported};
use khoithidua::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 12, 22).unwrap()
}

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s
}

fn export(s: &mut Store, req: DocRequest) -> (Exported, Vec<String>) {
    let out = make(s, &req, &ExportOptions::default(), today()).unwrap();
    let pages = pdf_pages(&out.pdf.bytes);
    assert_eq!(pages.len(), out.pdf.pages);
    (out, pages)
}

fn year_end_id(s: &Store) -> i64 {
    s.conferences(2022)
        .unwrap()
        .iter()
        .find(|c| c.kind == khoithidua::domain::ConferenceKind::YearEnd)
        .unwrap()
        .id
}

const QUOC_HIEU: [&str; 2] = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"];

fn assert_contains(text: &str, facts: &[&str]) {
    for f in facts {
        assert!(text.contains(f), "missing \u{201c}{f}\u{201d} in:\n{text}");
    }
}

#[test]
fn year_end_minutes() {
    let mut s = demo();
    let id = year_end_id(&s);
    let (out, pages) = export(&mut s, DocRequest::Minutes(id));
    let all = pages.join(" ");
    assert_contains(&all, &QUOC_HIEU);
    assert_contains(
        &all,
        &[
            "UBND TỈNH BÌNH ĐỊNH",
            "KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH",
            "Số: 03/BB-KNC",
            "Bình Định, ngày 20 tháng 12 năm 2022",
            "BIÊN BẢN",
            "Vào lúc 8 giờ 00 phút, ngày 20 tháng 12 năm 2022, tại Hội trường Công an tỉnh",
            "Đồng chí Thái Minh Trí, Phó Trưởng Ban Thi đua - Khen thưởng tỉnh",
            "đại diện đơn vị Khối trưởng",
            "có mặt 9/9 đơn vị",
            "Trại giam Kim Sơn",
            "Công an tỉnh: 8/9 phiếu, đạt 88,89%",
            "Viện Kiểm sát nhân dân tỉnh: 1/9 phiếu, đạt 11,11% (không đạt)",
            "Đơn vị được suy tôn dẫn đầu khối: Công an tỉnh.",
            "Cục Thi hành án dân sự tỉnh được bầu làm Khối trưởng năm 2023.",
            "Hội nghị thống nhất 02 nhiệm vụ, giải pháp trọng tâm",
            "Hội nghị kết thúc vào lúc 11 giờ 30 phút cùng ngày./.",
            "THƯ KÝ",
            "CHỦ TỌA",
            "Lê Thị Thu",
            "Đặng Hồng Thọ",
        ],
    );
    // One name for one office: no "Ban Ban", no "Trưởng khối" beside "Khối trưởng".
    assert!(!all.contains("Trưởng ban Ban"), "{all}");
    assert!(!all.contains("Trưởng khối"), "{all}");
    assert_eq!(
        out.number.as_deref(),
        Some("03/BB-KNC"),
        "01 and 02 are the minutes of the launch and the mid-year conferences"
    );
    assert!(
        out.file_name.starts_with("Bien ban Hoi nghi tong ket"),
        "{}",
        out.file_name
    );
    // The page number is printed from page 2 on, never on page 1.
    assert!(pages.len() >= 2);
    assert!(
        pages[1].starts_with("2 "),
        "{}",
        pages[1].chars().take(40).collect::<String>()
    );
    assert!(!pages[0].starts_with("1 "));
}

#[test]
fn mid_year_minutes_keep_their_number_and_list_the_six_tasks() {
    let mut s = demo();
    let mid = s.conferences(2022).unwrap()[1].id;
    let (out, pages) = export(&mut s, DocRequest::Minutes(mid));
    assert_eq!(out.number.as_deref(), Some("02/BB-KNC"));
    let all = pages.join(" ");
    assert_contains(
        &all,
        &[
            "ngày 28 tháng 7 năm 2022",
            "Hội nghị thống nhất 06 nhiệm vụ, giải pháp trọng tâm",
            "6. Làm tốt công tác bình xét",
            // Units in the bloc's order of precedence, not the order attendance was typed in.
            "- Công an tỉnh; - Bộ Chỉ huy Quân sự tỉnh; - Bộ Chỉ huy Bộ đội Biên phòng tỉnh; - Tòa án nhân dân tỉnh;",
        ],
    );
    // Exporting again gives the same number; a number typed by hand that another document holds is refused.
    let again = make(&mut s, &DocRequest::Minutes(mid), &ExportOptions::default(), today()).unwrap();
    assert_eq!(again.number.as_deref(), Some("02/BB-KNC"));
    let year_end = year_end_id(&s);
    let clash = make(
        &mut s,
        &DocRequest::Minutes(year_end),
        &ExportOptions {
            number: Some(1),
            date: None,
        },
        today(),
    );
    assert!(clash.is_err());
    assert!(clash.err().unwrap().to_string().contains("đã được dùng"));
    let chosen = make(
        &mut s,
        &DocRequest::Minutes(year_end),
        &ExportOptions {
            number: Some(7),
            date: None,
        },
        today(),
    )
    .unwrap();
    assert_eq!(chosen.number.as_deref(), Some("07/BB-KNC"));
}

#[test]
fn ballot_count() {
    let mut s = demo();
    let y = s.load_year(2022).unwrap();
    let leading = y.leading_ballot().unwrap().id;
    let (out, pages) = export(&mut s, DocRequest::BallotCount(leading));
    let all = pages.join(" ");
    assert_contains(&all, &QUOC_HIEU);
    assert_contains(
        &all,
        &[
            "BIÊN BẢN KIỂM PHIẾU",
            "Suy tôn đơn vị dẫn đầu Khối thi đua Nội chính năm 2022",
            "Đồng chí Nguyễn Thị Hạnh, Chuyên viên Sở Tư pháp - Trưởng ban",
            "Số phiếu phát ra: 9 phiếu",
            "Số phiếu không hợp lệ: 0 phiếu",
            "từ 70% trở lên",
            "Công an tỉnh 8/9 88,89% Đạt",
            "Viện Kiểm sát nhân dân tỉnh 1/9 11,11% Không đạt",
            "TRƯỞNG BAN KIỂM PHIẾU",
        ],
    );
    assert!(out.number.unwrap().ends_with("/BB-KNC"));
}

#[test]
fn a_ballot_is_counted_at_its_own_time_during_the_conference() {
    let mut s = demo();
    let y = s.load_year(2022).unwrap();
    // The three ballots of the year-end conference (8:00 to 11:30), counted one after another;
    // never at the minute the conference closed.
    let mut times = Vec::new();
    for b in &y.ballots {
        let (_, pages) = export(&mut s, DocRequest::BallotCount(b.id));
        let all = pages.join(" ");
        let t = b.counted_at.expect("the demo records when each count began");
        let c = y.conference(b.conference).unwrap();
        assert!(c.start.unwrap() <= t && t < c.end.unwrap(), "{t}");
        assert_contains(
            &all,
            &[&format!(
                "Vào lúc {}, ngày 20 tháng 12 năm 2022, tại Hội trường Công an tỉnh, trong khuôn khổ Hội nghị tổng kết",
                khoithidua::domain::text::time_in_words(t)
            )],
        );
        assert!(!all.contains("11 giờ 30"), "{all}");
        times.push(t);
    }
    assert_eq!(
        times.iter().map(|t| t.format("%H:%M").to_string()).collect::<Vec<_>>(),
        ["10:15", "10:35", "10:50"]
    );
    // Not recorded: the date alone, no time made up.
    let mut b = y.leading_ballot().unwrap().clone();
    b.counted_at = None;
    s.save_ballot(&mut b).unwrap();
    let (_, pages) = export(&mut s, DocRequest::BallotCount(b.id));
    let all = pages.join(" ");
    assert_contains(
        &all,
        &["Ngày 20 tháng 12 năm 2022, tại Hội trường Công an tỉnh, trong khuôn khổ Hội nghị tổng kết"],
    );
    assert!(!all.contains("Vào lúc") && !all.contains("giờ"), "{all}");
}

#[test]
fn proposal_with_its_list() {
    let mut s = demo();
    let (out, pages) = export(&mut s, DocRequest::Proposal(2022));
    assert_eq!(out.number.as_deref(), Some("01/TTr-KNC"));
    let all = pages.join(" ");
    assert_contains(&all, &QUOC_HIEU);
    assert_contains(
        &all,
        &[
            "Số: 01/TTr-KNC",
            // The day after the year-end conference (20/12/2022), not the day of export.
            "Bình Định, ngày 21 tháng 12 năm 2022",
            "TỜ TRÌNH",
            "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Bình Định",
            // In force on 21/12/2022: the law of 2003 and Nghị định 91/2017 (Luật 06/2022 from 2024).
            "Căn cứ Luật Thi đua, khen thưởng số 15/2003/QH11 ngày 26/11/2003 của Quốc hội",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
            "Đề nghị tặng Cờ thi đua của UBND tỉnh cho 01 tập thể: Công an tỉnh (đạt 8/9 phiếu, tỷ lệ 88,89%)",
            "cho 03 tập thể",
            "(Có danh sách kèm theo)",
            "TM. KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH",
            "KHỐI TRƯỞNG",
            "Nguyễn Văn Hùng",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT, KNC.",
        ],
    );
    // The list stands on its own page, with its columns.
    let list = pages.last().unwrap();
    assert_contains(
        list,
        &[
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2022",
            "(Kèm theo Tờ trình số 01/TTr-KNC ngày 21/12/2022",
            "STT",
            "Tên tập thể",
            "Hình thức đề nghị",
            "Công an tỉnh Cờ thi đua của UBND tỉnh 110 / 1 8/9 88,89%",
            "Viện Kiểm sát nhân dân tỉnh Bằng khen của Chủ tịch UBND tỉnh 99 / 2 9/9 100,00%",
        ],
    );
}

#[test]
fn pledge_with_a_signature_cell_per_member() {
    let mut s = demo();
    let (out, pages) = export(&mut s, DocRequest::Pledge(2022));
    assert_eq!(out.number, None);
    let all = pages.join(" ");
    assert_contains(&all, &QUOC_HIEU);
    assert_contains(
        &all,
        &[
            "BẢN GIAO ƯỚC THI ĐUA NĂM 2022",
            "Bình Định, ngày 18 tháng 02 năm 2022",
            "\u{201c}Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ chính trị năm 2022\u{201d}",
            "Chỉ tiêu: 15.000.000 đồng mỗi đơn vị.",
            "ĐẠI DIỆN CÁC CƠ QUAN, ĐƠN VỊ KÝ GIAO ƯỚC",
            "Bản giao ước được lập thành 10 bản",
        ],
    );
    let y = s.load_year(2022).unwrap();
    for u in y.member_units() {
        let name = khoithidua::domain::text::upper(u.name_in_year(2022));
        assert!(all.contains(&name), "no signature cell for {name}");
        assert!(all.contains(&u.heads[0].name), "no signer for {name}");
    }
    assert!(khoithidua::documents::pledge(&s.load_year(2021).unwrap(), today()).is_none());
}

#[test]
fn ranking_table_in_landscape() {
    let mut s = demo();
    let (out, pages) = export(
        &mut s,
        DocRequest::Ranking {
            year: 2022,
            detailed: true,
        },
    );
    let doc = lopdf::Document::load_mem(&out.pdf.bytes).unwrap();
    let first = *doc.get_pages().values().next().unwrap();
    let media = doc
        .get_object(first)
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let w = media[2].as_float().unwrap();
    let h = media[3].as_float().unwrap();
    assert!(w > h && (w - 841.89).abs() < 0.5, "landscape A4: {w} × {h}");
    let all = pages.join(" ");
    assert_contains(
        &all,
        &[
            "BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM 2022",
            "1 Công an tỉnh",
            "đồng hạng 6 Bộ Chỉ huy Quân sự tỉnh",
            "đồng hạng 6 Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "8 Thanh tra tỉnh",
            "CHI TIẾT ĐIỂM THEO TIÊU CHÍ",
        ],
    );
}

#[test]
fn a_year_without_a_pledge_says_so() {
    let mut s = demo();
    let e = make(&mut s, &DocRequest::Pledge(2020), &ExportOptions::default(), today());
    assert_eq!(
        e.err().unwrap().to_string(),
        "Năm 2020 chưa có giao ước thi đua để in. Nhập giao ước ở mục \u{201c}Giao ước thi đua\u{201d}."
    );
}

// Numbers and dates (Nghị định 30, Điều 15): numbered in the calendar year of the document's date,
// in order of issue; each document dated by what the data says, never today for a past year.

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Makes `req` with an optional date, on `today`; the text of its pages.
fn issue(s: &mut Store, req: DocRequest, date: Option<NaiveDate>, today: NaiveDate) -> (Exported, String) {
    let out = make(s, &req, &ExportOptions { number: None, date }, today).unwrap_or_else(|e| panic!("{e}"));
    let all = pdf_pages(&out.pdf.bytes).join(" ");
    (out, all)
}

/// Gives `year` a proposal (the demo has none for 2021 and no data at all for 2025).
fn propose(s: &mut Store, year: i32) {
    if s.members(year).unwrap().is_empty() {
        let members = s.members(2022).unwrap();
        s.set_members(year, &members).unwrap();
    }
    let mut p = s.proposals(2022).unwrap()[0].clone();
    p.id = 0;
    p.year = year;
    s.save_proposal(&mut p).unwrap();
}

fn proposal_numbers(s: &mut Store, dates: [Option<NaiveDate>; 3]) -> Vec<String> {
    propose(s, 2021);
    [2020, 2021, 2022]
        .into_iter()
        .zip(dates)
        .map(|(y, date)| {
            let (out, all) = issue(s, DocRequest::Proposal(y), date, d(2026, 11, 22));
            let n = out.number.unwrap();
            assert!(all.contains(&format!("Số: {n}")), "{all}");
            n
        })
        .collect()
}

#[test]
fn minutes_held_on_06_01_2021_are_numbered_in_2021() {
    let mut s = demo();
    // The 2020 year-end conference was held on 06/01/2021.
    let (out, all) = issue(&mut s, DocRequest::Minutes(1), None, d(2026, 11, 22));
    assert_eq!(out.number.as_deref(), Some("01/BB-KNC"));
    assert_contains(&all, &["Số: 01/BB-KNC", "Bình Định, ngày 06 tháng 01 năm 2021"]);
    let e = &s.register(2020).unwrap()[0];
    assert_eq!((e.year, e.number, e.issued_on), (2020, 1, d(2021, 1, 6)));
    assert_eq!(s.register_dated_in(2021).unwrap().len(), 1);
    assert!(s.register_dated_in(2020).unwrap().is_empty());
    // The next minutes dated in 2021 continue 2021's series, whatever their emulation year.
    let (out, _) = issue(&mut s, DocRequest::Minutes(2), Some(d(2021, 3, 1)), d(2026, 11, 22));
    assert_eq!(out.number.as_deref(), Some("02/BB-KNC"));
}

#[test]
fn numbers_follow_the_order_of_issue_within_a_calendar_year() {
    let mut s = demo();
    // 01/BB and 02/BB of 2022: the launch (18/02) and mid-year (28/07) minutes. The year-end
    // minutes, signed two days after the meeting, come next.
    let ye = year_end_id(&s);
    let (out, all) = issue(&mut s, DocRequest::Minutes(ye), Some(d(2022, 12, 22)), today());
    assert_eq!(out.number.as_deref(), Some("03/BB-KNC"));
    assert!(all.contains("Bình Định, ngày 22 tháng 12 năm 2022"));
    // The ballot count of that meeting, exported after them, would carry the next number with the
    // meeting's date (20/12), earlier than 03/BB's. Refused, saying why.
    let ballot = s.load_year(2022).unwrap().ballots[0].id;
    let e = make(
        &mut s,
        &DocRequest::BallotCount(ballot),
        &ExportOptions::default(),
        today(),
    )
    .err()
    .expect("out of order")
    .to_string();
    assert!(e.contains("03/BB đã cấp ngày 22/12/2022"), "{e}");
    assert!(e.contains("từ 22/12/2022 trở đi"), "{e}");
    assert_eq!(s.register(2022).unwrap().len(), 3, "nothing recorded");
    // Dated on its real day of issue, it takes the next number.
    let (out, all) = issue(&mut s, DocRequest::BallotCount(ballot), Some(d(2022, 12, 22)), today());
    assert_eq!(out.number.as_deref(), Some("04/BB-KNC"));
    assert_contains(&all, &["Số: 04/BB-KNC", "Bình Định, ngày 22 tháng 12 năm 2022"]);
    let numbers: Vec<(u32, NaiveDate)> = s
        .register_dated_in(2022)
        .unwrap()
        .iter()
        .map(|e| (e.number, e.issued_on))
        .collect();
    assert_eq!(
        numbers,
        vec![
            (1, d(2022, 2, 18)),
            (2, d(2022, 7, 28)),
            (3, d(2022, 12, 22)),
            (4, d(2022, 12, 22))
        ]
    );
}

#[test]
fn three_proposals_are_each_01_only_in_three_calendar_years() {
    // Issued in 2021, 2022 and 2023: each the first tờ trình of its calendar year.
    let mut s = demo();
    let n = proposal_numbers(&mut s, [None, Some(d(2022, 1, 14)), Some(d(2023, 1, 5))]);
    assert_eq!(n, ["01/TTr-KNC", "01/TTr-KNC", "01/TTr-KNC"]);
    // All three issued in 2022: 01, 02, 03 in order of issue.
    let mut s = demo();
    let n = proposal_numbers(&mut s, [Some(d(2022, 3, 10)), Some(d(2022, 6, 15)), None]);
    assert_eq!(n, ["01/TTr-KNC", "02/TTr-KNC", "03/TTr-KNC"]);
}

#[test]
fn one_shared_series_numbers_every_type_together() {
    let mut s = demo();
    let mut rules = s.rules_for(2022).unwrap();
    rules.number_series = khoithidua::domain::NumberSeries::Shared;
    s.save_rules(2022, &rules).unwrap();
    let ye = year_end_id(&s);
    let (m, _) = issue(&mut s, DocRequest::Minutes(ye), None, today());
    assert_eq!(m.number.as_deref(), Some("03/BB-KNC"));
    let (p, all) = issue(&mut s, DocRequest::Proposal(2022), None, today());
    assert_eq!(p.number.as_deref(), Some("04/TTr-KNC"), "after 01/BB, 02/BB and 03/BB");
    assert!(
        all.contains("(Kèm theo Tờ trình số 04/TTr-KNC ngày 21/12/2022"),
        "{all}"
    );
    // Per type (the default), the same tờ trình is the first of its type.
    let mut s = demo();
    let ye = year_end_id(&s);
    issue(&mut s, DocRequest::Minutes(ye), None, today());
    let (p, _) = issue(&mut s, DocRequest::Proposal(2022), None, today());
    assert_eq!(p.number.as_deref(), Some("01/TTr-KNC"));
}

#[test]
fn no_document_of_a_past_year_is_dated_today() {
    let mut s = demo();
    let today = d(2026, 11, 22);
    let ranking = |year| DocRequest::Ranking { year, detailed: false };
    for req in [
        DocRequest::Minutes(1),
        DocRequest::Proposal(2020),
        DocRequest::Proposal(2022),
        DocRequest::Pledge(2022),
        ranking(2022),
    ] {
        let (out, all) = issue(&mut s, req.clone(), None, today);
        assert!(!all.contains("năm 2026"), "{req:?} dated today: {all}");
        assert!(out.date < d(2026, 1, 1));
    }
    // 2021 has no year-end conference: its tờ trình needs a date from the user.
    propose(&mut s, 2021);
    let e = make(&mut s, &DocRequest::Proposal(2021), &ExportOptions::default(), today)
        .err()
        .expect("no date")
        .to_string();
    assert!(e.contains("Chưa có ngày văn bản"), "{e}");
    assert!(e.contains("năm 2021 chưa có hội nghị tổng kết"), "{e}");
    assert!(e.contains("--date"), "{e}");
    assert!(s.register(2021).unwrap().is_empty(), "no number taken");
    // In 2021 itself, today is a true date for a 2021 document.
    let (out, _) = issue(&mut s, DocRequest::Proposal(2021), None, d(2021, 11, 22));
    assert_eq!(out.date, d(2021, 11, 22));
}

#[test]
fn the_attached_list_carries_the_proposals_own_number_and_date() {
    let mut s = demo();
    issue(&mut s, DocRequest::Minutes(1), None, d(2026, 11, 22));
    let (out, all) = issue(&mut s, DocRequest::Proposal(2020), None, d(2026, 11, 22));
    assert_eq!(out.number.as_deref(), Some("01/TTr-KNC"));
    assert_contains(
        &all,
        &[
            "Số: 01/TTr-KNC",
            "Bình Định, ngày 07 tháng 01 năm 2021",
            "(Kèm theo Tờ trình số 01/TTr-KNC ngày 07/01/2021 của Khối thi đua Nội chính tỉnh Bình Định)",
            // The minutes it relies on, cited with their number and date.
            "năm 2021 số 01/BB-KNC ngày 06/01/2021 của Khối thi đua Nội chính tỉnh Bình Định;",
        ],
    );
    assert!(!all.contains("22/11/2026") && !all.contains("năm 2026"));
}

#[test]
fn legal_basis_differs_for_a_2020_and_a_2025_document() {
    let mut s = demo();
    let today = d(2026, 11, 22);
    let (_, y2020) = issue(&mut s, DocRequest::Proposal(2020), None, today);
    propose(&mut s, 2025);
    let (_, y2025) = issue(&mut s, DocRequest::Proposal(2025), Some(d(2025, 12, 5)), today);
    assert_contains(
        &y2020,
        &[
            "Căn cứ Luật Thi đua, khen thưởng số 15/2003/QH11 ngày 26/11/2003 của Quốc hội; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng số 47/2005/QH11 ngày 14/6/2005 và số 39/2013/QH13 ngày 16/11/2013 của Quốc hội;",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
            // The minutes, not issued yet: described by the meeting's date, without a number.
            "Căn cứ Biên bản Hội nghị tổng kết phong trào thi đua năm 2020",
            "ngày 06/01/2021 của Khối thi đua Nội chính tỉnh Bình Định;",
        ],
    );
    for later in ["06/2022/QH15", "98/2023", "152/2025"] {
        assert!(!y2020.contains(later), "{later} in 2020: {y2020}");
    }
    assert_contains(
        &y2025,
        &[
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 của Quốc hội;",
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ",
        ],
    );
    for earlier in ["15/2003/QH11", "91/2017", "98/2023"] {
        assert!(!y2025.contains(earlier), "{earlier} in 2025: {y2025}");
    }
    // The Quy chế is cited only once its number and date are set.
    assert!(!y2020.contains("Căn cứ Quy chế") && !y2025.contains("Căn cứ Quy chế"));
    let mut rules = s.rules_for(2025).unwrap();
    rules.regulation_number = "01/QĐ-KNC".into();
    rules.regulation_date = Some(d(2025, 2, 10));
    s.save_rules(2025, &rules).unwrap();
    let (_, y2025) = issue(&mut s, DocRequest::Proposal(2025), None, today);
    assert!(
        y2025.contains("Căn cứ Quy chế tổ chức và hoạt động của Khối thi đua Nội chính tỉnh Bình Định ban hành kèm theo Quyết định số 01/QĐ-KNC ngày 10/02/2025;"),
        "{y2025}"
    );
}

#[test]
fn a_reprint_keeps_its_number_and_date() {
    let mut s = demo();
    propose(&mut s, 2021);
    let (first, _) = issue(&mut s, DocRequest::Proposal(2021), Some(d(2022, 1, 14)), d(2022, 1, 14));
    assert_eq!(first.number.as_deref(), Some("01/TTr-KNC"));
    // Years later, without a date: the same number and date, the same text.
    let (again, all) = issue(&mut s, DocRequest::Proposal(2021), None, d(2026, 11, 22));
    assert_eq!(again.number.as_deref(), Some("01/TTr-KNC"));
    assert_eq!(again.date, d(2022, 1, 14));
    assert_eq!(again.pdf.lines, first.pdf.lines);
    assert!(all.contains("Bình Định, ngày 14 tháng 01 năm 2022"));
    // A new date in the same calendar year keeps the number; in another year, the next number there.
    let (moved, _) = issue(
        &mut s,
        DocRequest::Proposal(2021),
        Some(d(2022, 1, 20)),
        d(2026, 11, 22),
    );
    assert_eq!(
        (moved.number.as_deref(), moved.date),
        (Some("01/TTr-KNC"), d(2022, 1, 20))
    );
    let (other, _) = issue(
        &mut s,
        DocRequest::Proposal(2022),
        Some(d(2022, 12, 21)),
        d(2026, 11, 22),
    );
    assert_eq!(other.number.as_deref(), Some("02/TTr-KNC"));
    let e = s
        .issued(2021, khoithidua::domain::DocType::Proposal, "proposal:2021")
        .unwrap()
        .unwrap();
    assert_eq!((e.number, e.issued_on), (1, d(2022, 1, 20)));
    // Minutes reprinted keep theirs too.
    let (m1, _) = issue(&mut s, DocRequest::Minutes(1), None, d(2026, 11, 22));
    let (m2, _) = issue(&mut s, DocRequest::Minutes(1), None, d(2027, 1, 1));
    assert_eq!((m1.number, m1.date), (m2.number, m2.date));
}
