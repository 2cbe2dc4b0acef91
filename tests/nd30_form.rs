//! The Nghị định 30 form of every document the bloc signs, read back from the PDF's operators
//! (text lines with their font, size and baseline; rules from the drawing operators), not from
//! the joined text: the three rules of the header and title, "Số:" on the date's baseline,
//! "Nơi nhận" at the bottom left, a block per signer, the pledge's grid, the attached list.

mod pdf_read;

use chrono::NaiveDate;
use khoithidua::app::exports::{make, DocRequest, ExportOptions};
use khoithidua::store::Store;
use pdf_read::{read, Read, Run, Seg};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 12, 22).unwrap()
}

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s
}

fn export(s: &mut Store, req: DocRequest) -> Read {
    let out = make(s, &req, &ExportOptions::default(), today()).unwrap();
    read(&out.pdf.bytes)
}

fn year_end(s: &Store) -> i64 {
    s.conferences(2022)
        .unwrap()
        .iter()
        .find(|c| c.kind == khoithidua::domain::ConferenceKind::YearEnd)
        .unwrap()
        .id
}

/// Every document that is sent, with its request.
fn sent_documents(s: &mut Store) -> Vec<(&'static str, Read)> {
    let y = s.load_year(2022).unwrap();
    let ballot = y.leading_ballot().unwrap().id;
    let ye = year_end(s);
    vec![
        ("minutes", export(s, DocRequest::Minutes(ye))),
        ("ballot count", export(s, DocRequest::BallotCount(ballot))),
        ("proposal", export(s, DocRequest::Proposal(2022))),
        (
            "ranking",
            export(
                s,
                DocRequest::Ranking {
                    year: 2022,
                    detailed: true,
                },
            ),
        ),
    ]
}

/// The drawn width of a line, from the widths the PDF gives its glyphs (not the engine's metrics).
fn width(r: &Run) -> f32 {
    r.width()
}

/// The rule drawn under `lines` (page 1): the horizontal segment nearest below the last of them.
fn rule_under<'a>(d: &'a Read, lines: &[&Run]) -> &'a Seg {
    let last = lines.iter().map(|r| r.y).fold(f32::MAX, f32::min);
    let (l, r) = lines
        .iter()
        .map(|r| (r.x, r.x + width(r)))
        .fold((f32::MAX, f32::MIN), |a, b| (a.0.min(b.0), a.1.max(b.1)));
    d.segs
        .iter()
        .filter(|s| s.page == 1 && s.horizontal() && s.y1 < last && s.x1 < r && s.x2 > l)
        .max_by(|a, b| a.y1.total_cmp(&b.y1))
        .expect("a rule under the lines")
}

/// Length between 1/3 and 1/2 of the longest line, centred under it, clear of the descent by 1 pt.
fn assert_short_rule(d: &Read, lines: &[&Run], what: &str) {
    let rule = rule_under(d, lines);
    let longest = lines
        .iter()
        .copied()
        .max_by(|a, b| width(a).total_cmp(&width(b)))
        .unwrap();
    let w = width(longest);
    assert!(
        rule.len() >= w / 3.0 - 0.5 && rule.len() <= w / 2.0 + 0.5,
        "{what}: rule {:.1} pt for a line of {w:.1} pt",
        rule.len()
    );
    let centre = longest.x + w / 2.0;
    let rule_centre = (rule.x1 + rule.x2) / 2.0;
    assert!(
        (centre - rule_centre).abs() < 1.5,
        "{what}: rule centred at {rule_centre:.1}, text at {centre:.1}"
    );
    let last = lines.iter().copied().min_by(|a, b| a.y.total_cmp(&b.y)).unwrap();
    let descent = last.y - d.descent / 1000.0 * last.size;
    assert!(
        rule.y1 <= descent - 1.0,
        "{what}: rule at {:.1}, the text's descent at {descent:.1}",
        rule.y1
    );
}

#[test]
fn header_rules_and_number_on_the_date_baseline() {
    let mut s = demo();
    for (name, d) in sent_documents(&mut s) {
        let p1 = d.page_runs(1);
        // "Số:" on the baseline of the place-and-date line; 13 regular and 14 italic.
        let number = d.find("Số:");
        let date = d.find("ngày ");
        assert_eq!(number.page, 1);
        assert!(
            (number.y - date.y).abs() <= 0.5,
            "{name}: Số: at {:.2}, the date at {:.2}",
            number.y,
            date.y
        );
        assert_eq!(number.size, 13.0, "{name}");
        assert!(date.italic() && date.size == 14.0, "{name}: {date:?}");

        // The issuing body: bold lines between the managing body and the number, left column.
        let managing = d.find("UBND TỈNH");
        let issuing: Vec<&Run> = p1
            .iter()
            .copied()
            .filter(|r| r.bold() && r.y < managing.y && r.y > number.y && r.x < number.x + 60.0)
            .collect();
        assert!(!issuing.is_empty(), "{name}: no issuing body");
        assert!(issuing.iter().all(|r| (12.0..=13.0).contains(&r.size)), "{name}");
        assert_short_rule(&d, &issuing, &format!("{name}, issuing body"));

        // The Tiêu ngữ: a rule as long as the text, clear of its descenders.
        let motto = d.find("Độc lập - Tự do - Hạnh phúc");
        assert!(motto.bold() && (13.0..=14.0).contains(&motto.size), "{name}");
        let rule = rule_under(&d, &[motto]);
        assert!(
            (rule.len() - width(motto)).abs() < 1.0,
            "{name}: Tiêu ngữ rule {:.1} for {:.1}",
            rule.len(),
            width(motto)
        );
        assert!(
            rule.y1 <= motto.y - d.descent / 1000.0 * motto.size - 1.0,
            "{name}: Tiêu ngữ rule touches the text"
        );

        // The trích yếu: bold 14 lines under the kind of document, a short rule under them.
        let kind_y = p1
            .iter()
            .find(|r| r.bold() && r.size == 14.0 && r.y < number.y && r.text.chars().all(|c| !c.is_lowercase()))
            .map(|r| r.y)
            .unwrap_or_else(|| panic!("{name}: no kind of document"));
        let mut subject: Vec<&Run> = Vec::new();
        for r in p1.iter().copied().filter(|r| r.y < kind_y) {
            if r.bold() && r.size == 14.0 && subject.last().is_none_or(|l| l.y - r.y < 20.0) {
                subject.push(r);
            } else {
                break;
            }
        }
        assert!(!subject.is_empty(), "{name}: no trích yếu");
        assert_short_rule(&d, &subject, &format!("{name}, trích yếu"));
    }
}

#[test]
fn every_sent_document_has_its_recipients_at_the_bottom_left() {
    let mut s = demo();
    for (name, d) in sent_documents(&mut s) {
        let label = d.find("Nơi nhận:");
        assert!(
            label.bold() && label.italic() && label.size == 12.0,
            "{name}: {label:?}"
        );
        let lines: Vec<&Run> = d
            .runs
            .iter()
            .filter(|r| r.page == label.page && r.y < label.y && r.y > label.y - 70.0 && r.text.starts_with("- "))
            .collect();
        let texts: Vec<&str> = lines.iter().map(|r| r.text.as_str()).collect();
        for want in [
            "- Ban Thi đua - Khen thưởng tỉnh;",
            "- Các đơn vị thành viên Khối;",
            "- Lưu: VT, KNC.",
        ] {
            assert!(texts.contains(&want), "{name}: {want} missing from {texts:?}");
        }
        assert_eq!(texts.contains(&"- Như trên;"), name == "proposal", "{name}: {texts:?}");
        assert!(
            lines.iter().all(|r| r.size == 11.0 && r.fonts == ["LiberationSerif"]),
            "{name}"
        );
        // At the bloc's left margin, on the page of the last signature, left of the signer.
        let left = s.bloc().unwrap().unwrap().margins.left * pdf_read::MM;
        assert!((label.x - left).abs() < 1.0, "{name}: Nơi nhận at x {}", label.x);
        let signer_names: Vec<&Run> = d
            .runs
            .iter()
            .filter(|r| r.page == label.page && r.bold() && r.size == 14.0 && r.x > label.x + 150.0)
            .collect();
        assert!(!signer_names.is_empty(), "{name}: no signature beside Nơi nhận");
    }
}

#[test]
fn each_member_of_the_counting_board_signs_in_a_block_of_their_own() {
    let mut s = demo();
    let y = s.load_year(2022).unwrap();
    for ballot in &y.ballots {
        let d = export(&mut s, DocRequest::BallotCount(ballot.id));
        assert!(ballot.board.len() >= 3);
        let head = d.find("TRƯỞNG BAN KIỂM PHIẾU");
        let secretary = d.find("THƯ KÝ");
        let mut blocks = Vec::new();
        for m in &ballot.board {
            let runs: Vec<&Run> = d.runs.iter().filter(|r| r.text == m.name).collect();
            // Once in the list of the board (inside a sentence), once alone: their signature.
            assert_eq!(runs.len(), 1, "{}: {:?}", m.name, runs);
            let r = runs[0];
            assert!(r.bold() && r.size == 14.0, "{r:?}");
            assert_eq!(r.page, head.page, "{} signs on another page than the head", m.name);
            blocks.push((m, r));
        }
        for (i, (_, a)) in blocks.iter().enumerate() {
            for (_, b) in &blocks[i + 1..] {
                assert!(
                    (a.x - b.x).abs() > 50.0 || (a.y - b.y).abs() > 40.0,
                    "two signers share a block"
                );
            }
        }
        assert!(d
            .runs
            .iter()
            .all(|r| !(r.text.contains(", ") && ballot.board.iter().filter(|m| r.text.contains(&m.name)).count() > 1)));
        let name_of = |role: &str| {
            blocks
                .iter()
                .find(|(m, _)| m.role == role)
                .map(|(_, r)| *r)
                .unwrap_or_else(|| panic!("no {role}"))
        };
        // The head of the board and the secretary side by side on the first row: THƯ KÝ left,
        // TRƯỞNG BAN KIỂM PHIẾU right, their titles and their names on one baseline each.
        let (head_name, secretary_name) = (name_of("Trưởng ban"), name_of("Thư ký"));
        assert_eq!(secretary.page, head.page);
        assert!((head.y - secretary.y).abs() < 0.5, "{head:?} / {secretary:?}");
        assert!((head_name.y - secretary_name.y).abs() < 0.5);
        assert!(secretary.x + 100.0 < head.x && secretary_name.x + 100.0 < head_name.x);
        assert!(head_name.y < head.y && head.y - head_name.y >= 50.0, "room to sign");
        // Each other member in a row below, under their own title.
        for (m, r) in blocks.iter().filter(|(m, _)| m.role == "Thành viên") {
            assert!(r.y < head_name.y - 40.0, "{} beside the head", m.name);
            let title = d
                .runs
                .iter()
                .filter(|t| t.page == r.page && t.text == "THÀNH VIÊN" && t.y > r.y && t.y < head_name.y)
                .min_by(|a, b| (a.x - r.x).abs().total_cmp(&(b.x - r.x).abs()))
                .unwrap_or_else(|| panic!("no title above {}", m.name));
            assert!(title.bold() && (title.x - r.x).abs() < 60.0);
        }
        // "Nơi nhận" at the bottom left, below every signature, never between two of them.
        let label = d.find("Nơi nhận:");
        assert_eq!(label.page, head.page);
        let lowest = blocks.iter().map(|(_, r)| r.y).fold(f32::MAX, f32::min);
        assert!(label.y < lowest, "Nơi nhận at {}, a name at {lowest}", label.y);
        // Never alone on a page: a body line (regular 14, justified from the indent) precedes it.
        let body_on_page = d
            .runs
            .iter()
            .any(|r| r.page == head.page && r.y > head.y && r.fonts == ["LiberationSerif"] && r.size == 14.0);
        assert!(
            body_on_page,
            "{}: signatures alone on page {}",
            ballot.question, head.page
        );
    }
}

#[test]
fn recipients_take_a_free_left_cell_and_otherwise_come_after_every_signature() {
    let mut s = demo();
    let y = s.load_year(2022).unwrap();
    let mut b = y.leading_ballot().unwrap().clone();
    let member = |name: &str, role: &str| khoithidua::domain::BoardMember {
        name: name.into(),
        position: "Chuyên viên".into(),
        role: role.into(),
    };
    // No secretary and three members: the head alone on the first row, the members two to a row,
    // "Nơi nhận" under the last of them.
    b.board = vec![
        member("Nguyễn Thị Hạnh", "Trưởng ban"),
        member("Trần Văn An", "Thành viên"),
        member("Lê Văn Bình", "Thành viên"),
        member("Phạm Thị Cúc", "Thành viên"),
    ];
    s.save_ballot(&mut b).unwrap();
    let d = export(&mut s, DocRequest::BallotCount(b.id));
    let name = |n: &str| name_in(&d, n);
    let centre = |r: &Run| r.x + width(r) / 2.0;
    let (head, a, bb, c) = (
        name("Nguyễn Thị Hạnh"),
        name("Trần Văn An"),
        name("Lê Văn Bình"),
        name("Phạm Thị Cúc"),
    );
    assert!(a.y < head.y - 40.0 && (a.y - bb.y).abs() < 0.5 && a.x + 100.0 < bb.x);
    assert!(
        c.y < a.y - 40.0 && (centre(c) - centre(a)).abs() < 1.0,
        "the fourth signer alone on the left of the last row"
    );
    let label = d.find("Nơi nhận:");
    assert!(label.page == c.page && label.y < c.y);

    // The head alone: "Nơi nhận" on the left of that row, and all of it still on page 1.
    b.board = vec![member("Nguyễn Thị Hạnh", "Trưởng ban")];
    s.save_ballot(&mut b).unwrap();
    let d = export(&mut s, DocRequest::BallotCount(b.id));
    let head = name_in(&d, "Nguyễn Thị Hạnh");
    let title = d.find("TRƯỞNG BAN KIỂM PHIẾU");
    let label = d.find("Nơi nhận:");
    assert_eq!((d.pages, head.page, label.page), (1, 1, 1));
    assert!(
        label.x + 150.0 < title.x && (label.y - title.y).abs() < 3.0 && label.y > head.y,
        "{label:?} {title:?} {head:?}"
    );
}

fn name_in<'a>(d: &'a Read, n: &str) -> &'a Run {
    d.runs.iter().rfind(|r| r.text == n).unwrap()
}

#[test]
fn the_pledge_grid_is_13_pt_and_never_splits_a_word() {
    let mut s = demo();
    let d = export(&mut s, DocRequest::Pledge(2022));
    let y = s.load_year(2022).unwrap();
    let heading = d.find("ĐẠI DIỆN CÁC CƠ QUAN, ĐƠN VỊ KÝ GIAO ƯỚC");
    let grid: Vec<&Run> = d
        .runs
        .iter()
        .filter(|r| (r.page, -r.y) > (heading.page, -heading.y) && r.text != (r.page).to_string())
        .collect();
    assert!(grid.len() >= 27, "{} lines in the grid", grid.len());
    let mut words: Vec<String> = Vec::new();
    for u in y.member_units() {
        words.extend(
            khoithidua::domain::text::upper(u.name_in_year(2022))
                .split_whitespace()
                .map(String::from),
        );
        for h in &u.heads {
            words.extend(h.name.split_whitespace().map(String::from));
            words.extend(
                khoithidua::domain::text::upper(&h.position)
                    .split_whitespace()
                    .map(String::from),
            );
        }
    }
    for r in &grid {
        assert!(r.bold() && r.size >= 13.0, "grid line at {} pt: {}", r.size, r.text);
        for w in r.text.split_whitespace() {
            assert!(
                words.iter().any(|x| x == w),
                "\u{201c}{w}\u{201d} is a piece of a word ({})",
                r.text
            );
        }
    }
    // Two-syllable words stay on one line.
    for pair in [
        "NHÂN DÂN",
        "THI HÀNH",
        "DÂN SỰ",
        "KIỂM SÁT",
        "QUÂN SỰ",
        "BIÊN PHÒNG",
        "BỘ ĐỘI",
        "CHỈ HUY",
    ] {
        let in_names = y
            .member_units()
            .iter()
            .filter(|u| khoithidua::domain::text::upper(u.name_in_year(2022)).contains(pair))
            .count();
        let on_a_line: usize = grid.iter().map(|r| r.text.matches(pair).count()).sum();
        assert!(on_a_line >= in_names, "\u{201c}{pair}\u{201d} split across lines");
    }
    // One copy for each member and one for the province's Ban Thi đua - Khen thưởng.
    let all: String = d.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(
        all.contains(&format!("lập thành {:02} bản", y.members.len() + 1)),
        "copies: {all}"
    );
}

#[test]
fn the_attached_list_starts_a_page_and_is_numbered_on_its_own() {
    let mut s = demo();
    let d = export(&mut s, DocRequest::Proposal(2022));
    let title = d.find("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG");
    assert!(title.page >= 2);
    // First on its page: nothing drawn above it, no page number (it is page 1 of the list).
    let page = d.page_runs(title.page);
    assert!(
        std::ptr::eq(page[0], title),
        "the list does not start its page: {:?}",
        page[0]
    );
    let sub = page[1];
    assert!(
        sub.text
            .starts_with("(Kèm theo Tờ trình số 01/TTr-KNC ngày 22/12/2022 của")
            || sub.text.starts_with("(Kèm theo Tờ trình số 01/TTr-KNC"),
        "{}",
        sub.text
    );
    assert!(sub.italic());
    // The tờ trình's own pages before it are numbered 2… from its second page.
    for p in 2..title.page {
        let n = d.page_runs(p)[0];
        assert_eq!(n.text, p.to_string());
    }
    // The ranking's detailed scores: an attachment too, each unit's name once.
    let d = export(
        &mut s,
        DocRequest::Ranking {
            year: 2022,
            detailed: true,
        },
    );
    let detail = d.find("CHI TIẾT ĐIỂM THEO TIÊU CHÍ");
    assert!(std::ptr::eq(d.page_runs(detail.page)[0], detail));
    let after: Vec<&Run> = d.runs.iter().filter(|r| r.page >= detail.page).collect();
    for p in detail.page + 1..=d.pages {
        assert_eq!(
            d.page_runs(p)[0].text,
            (p - detail.page + 1).to_string(),
            "attachment page numbers"
        );
    }
    let y = s.load_year(2022).unwrap();
    for u in y.member_units() {
        let name = u.name_in_year(2022);
        let n = after
            .iter()
            .filter(|r| r.text.starts_with(name) && r.text.contains("xếp hạng"))
            .count();
        assert_eq!(n, 1, "{name} printed {n} times in the detailed scores");
    }
}

#[test]
fn the_ranking_is_numbered_and_signed_by_the_head_unit() {
    let mut s = demo();
    let out = make(
        &mut s,
        &DocRequest::Ranking {
            year: 2022,
            detailed: false,
        },
        &ExportOptions::default(),
        today(),
    )
    .unwrap();
    assert!(
        out.number.as_deref().is_some_and(|n| n.ends_with("/BC-KNC")),
        "{:?}",
        out.number
    );
    let d = read(&out.pdf.bytes);
    assert!(d.find("Số:").text.ends_with("/BC-KNC"));
    let tm = d.find("TM. KHỐI THI ĐUA");
    assert!(tm.bold());
    let head = d.find("KHỐI TRƯỞNG");
    assert!(head.bold() && head.size == 14.0);
    let y = s.load_year(2022).unwrap();
    let l = y.leadership.as_ref().unwrap();
    let unit = y.unit(l.head).unwrap();
    let signer = &unit.heads.last().unwrap().name;
    let name = d.runs.iter().find(|r| &r.text == signer).expect("the head's name");
    assert!(name.bold() && name.y < head.y);
    d.find("Nơi nhận:");
}

#[test]
fn the_pdf_says_who_made_it_and_when() {
    let mut s = demo();
    let d = export(&mut s, DocRequest::Proposal(2022));
    assert_eq!(
        d.info.get("Author").map(String::as_str),
        Some("Khối thi đua Nội chính tỉnh Bình Định")
    );
    assert_eq!(
        d.info.get("Title").map(String::as_str),
        Some("Tờ trình đề nghị khen thưởng năm 2022")
    );
    let created = d.info.get("CreationDate").cloned().unwrap_or_default();
    assert!(created.starts_with("D:") && !created.starts_with("D:1970"), "{created}");
}

#[test]
fn a_character_the_font_lacks_is_refused_with_the_text_named() {
    let s = demo();
    let mut y = s.load_year(2022).unwrap();
    let id = year_end(&s);
    let c = y.conference(id).unwrap().clone();
    let unit = y.members[0];
    let u = y.units.iter_mut().find(|u| u.id == unit).unwrap();
    for n in &mut u.names {
        n.name = "Công an tỉnh 🚓".to_string();
    }
    let issue = khoithidua::documents::Issue {
        number: Some("02/BB-KNC".into()),
        date: c.date,
    };
    let err = khoithidua::documents::minutes(&y, &c, &issue).err().expect("refused");
    let msg = err.to_string();
    assert!(msg.starts_with("Không in được"), "{msg}");
    assert!(msg.contains("Công an tỉnh 🚓") && msg.contains("U+1F693"), "{msg}");
    let mut c2 = c.clone();
    c2.place = "Hội trường 会议室".into();
    let y = s.load_year(2022).unwrap();
    let msg = khoithidua::documents::minutes(&y, &c2, &issue)
        .err()
        .expect("refused")
        .to_string();
    assert!(msg.contains("会") && msg.contains("Hội trường 会议室"), "{msg}");
}
