//! Every document of the demo bloc, rendered and read back: the facts in it, the fixed lines of
//! Nghị định 30, the numbers from the register.

mod common;

use chrono::NaiveDate;
use common::pdf_pages;
use khoithidua::exports::{make, DocRequest, ExportOptions, Exported};
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
            "Số: 02/BB-KNC",
            "Bình Định, ngày 20 tháng 12 năm 2022",
            "BIÊN BẢN",
            "Vào lúc 8 giờ 00 phút, ngày 20 tháng 12 năm 2022, tại Hội trường Công an tỉnh",
            "Đồng chí Thái Minh Trí, Phó Trưởng ban Ban Thi đua - Khen thưởng tỉnh",
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
    assert_eq!(out.number.as_deref(), Some("02/BB-KNC"), "01 is the mid-year minutes'");
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
    assert_eq!(out.number.as_deref(), Some("01/BB-KNC"));
    let all = pages.join(" ");
    assert_contains(
        &all,
        &[
            "ngày 28 tháng 7 năm 2022",
            "Hội nghị thống nhất 06 nhiệm vụ, giải pháp trọng tâm",
            "6. Làm tốt công tác bình xét",
        ],
    );
    // Exporting again gives the same number; a number typed by hand that another document holds is refused.
    let again = make(&mut s, &DocRequest::Minutes(mid), &ExportOptions::default(), today()).unwrap();
    assert_eq!(again.number.as_deref(), Some("01/BB-KNC"));
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
            "Bình Định, ngày 22 tháng 12 năm 2022",
            "TỜ TRÌNH",
            "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Bình Định",
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15",
            "Đề nghị tặng Cờ thi đua của UBND tỉnh cho 01 tập thể: Công an tỉnh (đạt 8/9 phiếu, tỷ lệ 88,89%)",
            "cho 03 tập thể",
            "(Có danh sách kèm theo)",
            "TM. KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH",
            "KHỐI TRƯỞNG",
            "Nguyễn Văn Hùng",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT.",
        ],
    );
    // The list stands on its own page, with its columns.
    let list = pages.last().unwrap();
    assert_contains(
        list,
        &[
            "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2022",
            "(Kèm theo Tờ trình số 01/TTr-KNC ngày 22/12/2022",
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
            "Bản giao ước được lập thành 09 bản",
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
    assert_eq!(e.err().unwrap().to_string(), "Năm 2020 chưa có giao ước thi đua để in.");
}
