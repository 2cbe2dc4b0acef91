//! Every document of the demo bloc, rendered and read back: the facts in it, the fixed lines of
//! Nghị định 30 element by element (each where the form puts it, in its face and size, inside the
//! bloc's margins), the numbers from the register.

mod common;
mod pdf_read;

use chrono::NaiveDate;
use common::pdf_pages;
use khoithidua::app::exports::{make, DocRequest, ExportOptions, Exported};
use khoithidua::domain::Margins;
use khoithidua::store::Store;
use pdf_read::nd30::{Doc, Expect, Signer};
use pdf_read::{read, Face, MM};

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

fn assert_contains(text: &str, facts: &[&str]) {
    for f in facts {
        assert!(text.contains(f), "missing \u{201c}{f}\u{201d} in:\n{text}");
    }
}

// ---- The form, element by element ----

/// The Nơi nhận of a paper the bloc sends: "Như trên" when it has a "Kính gửi".
fn sent(as_above: bool) -> Vec<String> {
    let mut v = Vec::new();
    if as_above {
        v.push("- Như trên;");
    }
    v.extend([
        "- Ban Thi đua - Khen thưởng tỉnh;",
        "- Các đơn vị thành viên Khối;",
        "- Lưu: VT, KNC.",
    ]);
    v.into_iter().map(String::from).collect()
}

/// What the document of `req` must show, from the data of the store and the bloc's settings (its
/// margins included), with the number and date it is expected to carry: "03/BB-KNC" and
/// "ngày 20 tháng 12 năm 2022".
fn expected(s: &Store, req: &DocRequest, number: Option<&str>, date: &str) -> Expect {
    let bloc = s.bloc().unwrap().unwrap();
    // The head of the bloc in 2022: the director of Công an tỉnh, for the bloc.
    let head = || {
        Signer::new(
            &[
                "TM. KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH",
                "KHỐI TRƯỞNG",
                "GIÁM ĐỐC CÔNG AN TỈNH",
            ],
            "Nguyễn Văn Hùng",
        )
    };
    let mut e = Expect {
        name: format!("{req:?}"),
        landscape: false,
        margins: bloc.margins,
        managing_body: bloc.managing_body.to_uppercase(),
        issuing_body: bloc.name.to_uppercase(),
        number: number.map(|n| format!("Số: {n}")),
        place_date: format!("{}, {date}", bloc.place_name),
        kind: String::new(),
        subject: String::new(),
        signers: Vec::new(),
        grid: false,
        recipients: sent(false),
        attachment: None,
    };
    match req {
        DocRequest::Minutes(id) => {
            let c = s.conference(*id).unwrap();
            e.kind = "BIÊN BẢN".into();
            e.subject = c.title.clone();
            // Mẫu 1.9: THƯ KÝ left, CHỦ TỌA right.
            e.signers = vec![
                Signer::new(&["THƯ KÝ"], &c.secretary.name),
                Signer::new(&["CHỦ TỌA"], &c.chair.name),
            ];
        }
        DocRequest::BallotCount(id) => {
            let b = s.ballot(*id).unwrap();
            e.kind = "BIÊN BẢN KIỂM PHIẾU".into();
            e.subject = b.question.clone();
            // The secretary left and the head right on the first row, then each member alone.
            for (role, title) in [
                ("Thư ký", "THƯ KÝ"),
                ("Trưởng ban", "TRƯỞNG BAN KIỂM PHIẾU"),
                ("Thành viên", "THÀNH VIÊN"),
            ] {
                for m in b.board.iter().filter(|m| m.role == role) {
                    e.signers.push(Signer::new(&[title], &m.name));
                }
            }
            assert_eq!(e.signers.len(), b.board.len());
        }
        DocRequest::Proposal(year) => {
            e.kind = "TỜ TRÌNH".into();
            e.subject = format!(
                "Về việc đề nghị khen thưởng năm {year} cho các tập thể thuộc {}",
                bloc.name
            );
            e.signers = vec![head()];
            e.recipients = sent(true);
            e.attachment = Some(format!("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {year}"));
        }
        DocRequest::Pledge(year) => {
            let y = s.load_year(*year).unwrap();
            let p = y.pledge.as_ref().unwrap();
            e.kind = format!("BẢN GIAO ƯỚC THI ĐUA NĂM {year}");
            e.subject = bloc.name.clone();
            e.grid = true;
            // Not sent: signed by every member, one cell each.
            e.recipients = Vec::new();
            e.signers = y
                .member_units()
                .iter()
                .map(|u| {
                    let sig = p.signatures.iter().find(|s| s.unit == u.id).unwrap();
                    Signer::new(
                        &[
                            &u.name_in_year(*year).to_uppercase(),
                            &sig.signer_position.to_uppercase(),
                        ],
                        &sig.signer_name,
                    )
                })
                .collect();
        }
        DocRequest::Ranking { year, detailed } => {
            e.landscape = true;
            e.kind = format!("BẢNG TỔNG HỢP ĐIỂM VÀ XẾP HẠNG NĂM {year}");
            e.subject = bloc.name.clone();
            e.signers = vec![head()];
            e.attachment = detailed.then(|| "CHI TIẾT ĐIỂM THEO TIÊU CHÍ".to_string());
        }
    }
    e
}

/// Every document type of the demo, exported in this order into one store, with the number and
/// date each must carry.
fn demo_documents() -> Vec<(DocRequest, Option<&'static str>, &'static str)> {
    let d20 = "ngày 20 tháng 12 năm 2022";
    vec![
        (DocRequest::Minutes(1), Some("01/BB-KNC"), "ngày 06 tháng 01 năm 2021"),
        (DocRequest::Minutes(3), Some("02/BB-KNC"), "ngày 28 tháng 7 năm 2022"),
        (DocRequest::Minutes(4), Some("03/BB-KNC"), d20),
        (DocRequest::BallotCount(1), Some("04/BB-KNC"), d20),
        (DocRequest::BallotCount(2), Some("05/BB-KNC"), d20),
        (
            DocRequest::Proposal(2022),
            Some("01/TTr-KNC"),
            "ngày 21 tháng 12 năm 2022",
        ),
        (DocRequest::Pledge(2022), None, "ngày 18 tháng 02 năm 2022"),
        (
            DocRequest::Ranking {
                year: 2022,
                detailed: true,
            },
            Some("01/BC-KNC"),
            d20,
        ),
    ]
}

/// Exports every demo document from `s` and checks each element by element; the PDFs read back.
fn check_every_document(s: &mut Store) -> Vec<(Expect, pdf_read::Read)> {
    demo_documents()
        .into_iter()
        .map(|(req, number, date)| {
            let out = make(s, &req, &ExportOptions::default(), today()).unwrap_or_else(|e| panic!("{req:?}: {e}"));
            let e = expected(s, &req, number, date);
            let d = read(&out.pdf.bytes);
            assert_eq!(d.pages, out.pdf.pages, "{req:?}");
            Doc::new(&d, &e).check_all();
            (e, d)
        })
        .collect()
}

#[test]
fn every_demo_document_element_by_element() {
    let mut s = demo();
    let docs = check_every_document(&mut s);
    assert_eq!(docs.len(), 8);
    // Each face of the serif is the one the form asks for, and nothing else is used.
    for (e, d) in &docs {
        assert!(
            d.runs.iter().all(|r| r.face() != Face::Other),
            "{}: a font other than Liberation Serif",
            e.name
        );
    }
}

#[test]
fn the_blocs_own_margins_reach_every_pdf() {
    let mut s = demo();
    let mut bloc = s.bloc().unwrap().unwrap();
    // Cài đặt: none of the defaults (20, 20, 30, 15).
    bloc.margins = Margins {
        top: 27.0,
        bottom: 24.0,
        left: 33.0,
        right: 12.0,
    };
    s.save_bloc(&bloc).unwrap();
    let docs = check_every_document(&mut s);
    for (e, d) in &docs {
        assert_eq!(e.margins, bloc.margins, "the expectation reads the bloc's margins");
        let doc = Doc::new(d, e);
        // (check_all has kept every line inside these margins.) Each page starts at the new left
        // margin: the lines that continue a paragraph, "Nơi nhận", the left border of a table.
        for page in 1..=d.pages {
            let (left, _, _, _) = doc.area(page);
            let runs = d.page_runs(page).into_iter().map(|r| r.x);
            let rules = d.segs.iter().filter(|g| g.page == page).map(|g| g.x1.min(g.x2));
            let min_x = runs.chain(rules).fold(f32::MAX, f32::min);
            assert!(
                (min_x - left).abs() < 0.5,
                "{} p{page}: the page starts at x {min_x}, the margin at {left}",
                e.name
            );
        }
        // Justified lines of the body run to the new right margin (to a point: the spacing is
        // written in thousandths of an em).
        let body = d.runs.iter().filter(|r| r.face() == Face::Regular && r.size == 14.0);
        let widest = body.map(|r| r.x_end).fold(f32::MIN, f32::max);
        let (_, right, _, _) = doc.area(1);
        assert!(
            widest <= right + 0.5 && widest > right - 1.0,
            "{}: justified to {widest}, not {right}",
            e.name
        );
    }
    // The header starts at the new top margin; the body of a long page runs down to the new bottom.
    let (_, d) = &docs[2];
    let (h, top, bottom) = (d.size(1).1, 27.0 * MM, 24.0 * MM);
    let nation = d.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(nation.top() <= h - top && nation.top() > h - top - 4.0, "{nation:?}");
    let lowest = d.page_runs(1).iter().map(|r| r.bottom()).fold(f32::MAX, f32::min);
    assert!(
        lowest >= bottom - 0.5 && lowest < bottom + 2.0 * 14.0 * 1.2,
        "page 1 ends at {lowest}"
    );
}

/// The widest margins Nghị định 30 allows (top and bottom 25, left 35, right 20): 58% of the text
/// width would leave the Quốc hiệu (271 pt at 13 bold) too little; the header gives it its line.
#[test]
fn the_widest_nd30_margins_keep_the_quoc_hieu_on_one_line() {
    let mut s = demo();
    let mut bloc = s.bloc().unwrap().unwrap();
    bloc.margins = Margins {
        top: 25.0,
        bottom: 25.0,
        left: 35.0,
        right: 20.0,
    };
    s.save_bloc(&bloc).unwrap();
    check_every_document(&mut s);
}

#[test]
fn a_number_and_a_date_given_by_hand_are_printed_in_the_header() {
    let mut s = demo();
    let date = d(2022, 12, 23);
    let out = make(
        &mut s,
        &DocRequest::Proposal(2022),
        &ExportOptions {
            number: Some(7),
            date: Some(date),
        },
        today(),
    )
    .unwrap();
    let e = expected(
        &s,
        &DocRequest::Proposal(2022),
        Some("07/TTr-KNC"),
        "ngày 23 tháng 12 năm 2022",
    );
    let r = read(&out.pdf.bytes);
    Doc::new(&r, &e).check_all();
    let sub = r.find("(Kèm theo Tờ trình số");
    assert!(
        sub.text.starts_with("(Kèm theo Tờ trình số 07/TTr-KNC ngày 23/12/2022"),
        "{}",
        sub.text
    );
}

#[test]
fn year_end_minutes() {
    let mut s = demo();
    let id = year_end_id(&s);
    let (out, pages) = export(&mut s, DocRequest::Minutes(id));
    let all = pages.join(" ");
    // The header, the title, the signatures and Nơi nhận, each where the form puts it.
    let e = expected(
        &s,
        &DocRequest::Minutes(id),
        Some("03/BB-KNC"),
        "ngày 20 tháng 12 năm 2022",
    );
    Doc::new(&read(&out.pdf.bytes), &e).check_all();
    assert_eq!(e.signers[0].name, "Lê Thị Thu");
    assert_eq!(e.signers[1].name, "Đặng Hồng Thọ");
    // The facts of the body.
    assert_contains(
        &all,
        &[
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
    // More than a page: the page numbers (from page 2) have been checked by the form.
    assert!(pages.len() >= 2);
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
    let number = out.number.clone().unwrap();
    assert!(number.ends_with("/BB-KNC"));
    let e = expected(
        &s,
        &DocRequest::BallotCount(leading),
        Some(&number),
        "ngày 20 tháng 12 năm 2022",
    );
    Doc::new(&read(&out.pdf.bytes), &e).check_all();
    assert_contains(
        &all,
        &[
            "Đồng chí Nguyễn Thị Hạnh, Chuyên viên Sở Tư pháp - Trưởng ban",
            "Số phiếu phát ra: 9 phiếu",
            "Số phiếu không hợp lệ: 0 phiếu",
            "từ 70% trở lên",
            "Công an tỉnh 8/9 88,89% Đạt",
            "Viện Kiểm sát nhân dân tỉnh 1/9 11,11% Không đạt",
        ],
    );
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
    // The day after the year-end conference (20/12/2022), not the day of export.
    let e = expected(
        &s,
        &DocRequest::Proposal(2022),
        Some("01/TTr-KNC"),
        "ngày 21 tháng 12 năm 2022",
    );
    Doc::new(&read(&out.pdf.bytes), &e).check_all();
    assert_contains(
        &all,
        &[
            "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh Bình Định",
            // In force on 21/12/2022: the law of 2003 and Nghị định 91/2017 (Luật 06/2022 from 2024).
            "Căn cứ Luật Thi đua, khen thưởng số 15/2003/QH11 ngày 26/11/2003 của Quốc hội",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
            "Đề nghị tặng Cờ thi đua của UBND tỉnh cho 01 tập thể: Công an tỉnh (đạt 8/9 phiếu, tỷ lệ 88,89%)",
            "cho 03 tập thể",
            "(Có danh sách kèm theo)",
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
    // A cell per member unit, its name and its signer's position above the signer's name.
    let e = expected(&s, &DocRequest::Pledge(2022), None, "ngày 18 tháng 02 năm 2022");
    assert_eq!(e.signers.len(), 9);
    Doc::new(&read(&out.pdf.bytes), &e).check_all();
    assert_contains(
        &all,
        &[
            "\u{201c}Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ chính trị năm 2022\u{201d}",
            "Chỉ tiêu: 15.000.000 đồng mỗi đơn vị.",
            "ĐẠI DIỆN CÁC CƠ QUAN, ĐƠN VỊ KÝ GIAO ƯỚC",
            "Bản giao ước được lập thành 10 bản",
        ],
    );
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
    let req = DocRequest::Ranking {
        year: 2022,
        detailed: true,
    };
    let e = expected(&s, &req, out.number.as_deref(), "ngày 20 tháng 12 năm 2022");
    Doc::new(&read(&out.pdf.bytes), &e).check_all();
    assert_contains(
        &all,
        &[
            "1 Công an tỉnh",
            "đồng hạng 6 Bộ Chỉ huy Quân sự tỉnh",
            "đồng hạng 6 Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "8 Thanh tra tỉnh",
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
