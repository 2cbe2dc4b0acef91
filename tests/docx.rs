//! Word copies of every demo document: the file read back (fonts, A4, margins, repeated table
//! headers, no number on a first page, the attachment numbered on its own), every word of the PDF
//! in the same order, and — when LibreOffice is installed — the copy converted to PDF and compared
//! with ours word by word and page by page.

use khoithidua::documents::docx::{docx, DocxError};
use khoithidua::documents::draft::{Piece, SignLayout};
use khoithidua::documents::{self, Draft, Issue};
use khoithidua::store::Store;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn demo() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s
}

/// The demo's documents as `scripts/check-demo-pdfs` exports them: minutes of conferences 1, 3
/// and 4, ballot counts 1 and 2, the proposal with its list, the pledge, the detailed ranking
/// with its attachment.
fn demo_drafts() -> Vec<(&'static str, Draft)> {
    let s = demo();
    let issue = |number: Option<&str>, date| Issue {
        number: number.map(str::to_string),
        date,
    };
    let mut out = Vec::new();
    for (name, id, number) in [
        ("bien-ban-tong-ket-2020", 1, Some("05/BB-KNC")),
        ("bien-ban-so-ket", 3, Some("02/BB-KNC")),
        ("bien-ban-tong-ket", 4, Some("03/BB-KNC")),
    ] {
        let c = s.conference(id).unwrap();
        let r = s.load_year(c.year).unwrap();
        out.push((name, documents::minutes_draft(&r, &c, &issue(number, c.date))));
    }
    for (name, id) in [("kiem-phieu-suy-ton", 1), ("kiem-phieu-bang-khen", 2)] {
        let b = s.ballot(id).unwrap();
        let c = s.conference(b.conference).unwrap();
        let r = s.load_year(c.year).unwrap();
        out.push((
            name,
            documents::ballot_count_draft(&r, &b, &issue(Some("04/BB-KNC"), c.date)),
        ));
    }
    let r = s.load_year(2022).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2022, 12, 22).unwrap();
    // Not yet numbered: "Số:       /TTr-KNC" to fill by hand.
    out.push(("to-trinh", documents::proposal_draft(&r, &issue(None, date))));
    out.push((
        "giao-uoc",
        documents::pledge_draft(&r, date).expect("the demo has a pledge"),
    ));
    out.push((
        "xep-hang",
        documents::ranking_table_draft(&r, &issue(Some("01/BC-KNC"), date), true),
    ));
    out
}

/// The parts of a zip archive (stored or deflated), by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
    let eocd = (0..=bytes.len() - 22)
        .rev()
        .find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x05, 0x06])
        .expect("end of the zip's directory");
    let entries = u16_at(eocd + 10);
    let mut at = u32_at(eocd + 16);
    let mut out = Vec::new();
    for _ in 0..entries {
        assert_eq!(bytes[at..at + 4], [0x50, 0x4b, 0x01, 0x02], "a directory entry");
        let method = u16_at(at + 10);
        let csize = u32_at(at + 20);
        let name_len = u16_at(at + 28);
        let next = at + 46 + name_len + u16_at(at + 30) + u16_at(at + 32);
        let name = String::from_utf8(bytes[at + 46..at + 46 + name_len].to_vec()).unwrap();
        let local = u32_at(at + 42);
        let data = local + 30 + u16_at(local + 26) + u16_at(local + 28);
        let raw = &bytes[data..data + csize];
        let content = match method {
            0 => raw.to_vec(),
            8 => {
                let mut v = Vec::new();
                flate2::read::DeflateDecoder::new(raw).read_to_end(&mut v).unwrap();
                v
            }
            m => panic!("compression method {m} in {name}"),
        };
        out.push((name, content));
        at = next;
    }
    out
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// The text of every `w:t`, in order, with a space where a paragraph or a line break ends.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let tag_end = rest[i..].find('>').map(|j| i + j).unwrap();
        let tag = &rest[i + 1..tag_end];
        rest = &rest[tag_end + 1..];
        if tag.starts_with("w:t ") || tag == "w:t" {
            let end = rest.find("</w:t>").unwrap();
            out.push_str(
                &rest[..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
        } else if tag == "/w:p" || tag.starts_with("w:br") || tag == "/w:tc" {
            out.push(' ');
        }
    }
    out
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_string).collect()
}

fn twips(mm: f32) -> i32 {
    (mm / 25.4 * 1440.0).round() as i32
}

#[test]
fn every_demo_document_is_a_word_file_in_the_form_of_nghi_dinh_30() {
    for (name, d) in demo_drafts() {
        let bytes = docx(&d).unwrap_or_else(|e| panic!("{name}: {e}"));
        let parts = unzip(&bytes);
        let doc = part(&parts, "word/document.xml");
        let styles = part(&parts, "word/styles.xml");
        // Times New Roman in the defaults and named for every run.
        let defaults = &styles[..styles.find("</w:rPrDefault>").unwrap()];
        for a in ["ascii", "hAnsi", "eastAsia", "cs"] {
            assert!(
                defaults.contains(&format!(r#"w:{a}="Times New Roman""#)),
                "{name}: {defaults}"
            );
        }
        assert!(
            styles.contains(r#"<w:sz w:val="28" />"#),
            "{name}: body 14 pt by default"
        );
        assert!(styles.contains(r#"<w:lang w:val="vi-VN""#), "{name}: Vietnamese");
        for (i, run) in doc.split("<w:r>").skip(1).enumerate() {
            let run = &run[..run.find("</w:r>").unwrap()];
            assert!(
                run.contains(r#"<w:rFonts w:ascii="Times New Roman""#),
                "{name}: run {i} without its font: {run}"
            );
        }
        // A4, portrait or landscape, every section.
        let size = if d.landscape {
            r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />"#
        } else {
            r#"<w:pgSz w:w="11906" w:h="16838""#
        };
        let sections = doc.matches("<w:sectPr>").count();
        assert_eq!(doc.matches(size).count(), sections, "{name}: {size}");
        let m = d.margins;
        let margins = format!(
            r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}""#,
            twips(m.top),
            twips(m.right),
            twips(m.bottom),
            twips(m.left)
        );
        assert_eq!(doc.matches(&margins).count(), sections, "{name}: {margins}");
        // No number on the first page of each section, the number on the others.
        assert_eq!(doc.matches("<w:titlePg />").count(), sections, "{name}");
        assert_eq!(doc.matches(r#"<w:headerReference w:type="first""#).count(), sections);
        assert_eq!(doc.matches(r#"<w:headerReference w:type="default""#).count(), sections);
        let headers: Vec<String> = parts
            .iter()
            .filter(|(n, _)| n.starts_with("word/header"))
            .map(|(n, _)| part(&parts, n))
            .collect();
        assert!(
            headers
                .iter()
                .any(|h| h.contains("<w:instrText>PAGE</w:instrText>") && h.contains(r#"<w:jc w:val="center" />"#)),
            "{name}: {headers:?}"
        );
        // Every table of data repeats its header row; the header and signatures are borderless
        // tables that never split.
        let data_tables =
            d.body.iter().filter(|p| matches!(p, Piece::Table(_))).count() + usize::from(d.attachment.is_some());
        assert_eq!(doc.matches("<w:tblHeader />").count(), data_tables, "{name}");
        assert!(doc.matches("<w:tbl>").count() >= 2 + data_tables, "{name}");
        assert!(!doc.contains("trHeight"), "{name}: a header row's marker left in");
        // The attachment: a second section, numbered from 1 again.
        if d.attachment.is_some() {
            assert_eq!(sections, 2, "{name}");
            assert!(doc.contains(r#"<w:pgNumType w:start="1" />"#), "{name}");
        } else {
            assert_eq!(sections, 1, "{name}");
        }
        // Properties in the order of the schema: Word drops or repairs what comes out of order.
        for h in headers.iter().chain([&doc, &styles]) {
            assert_order(h, "w:rPr", &["rFonts", "b", "bCs", "i", "iCs", "sz", "szCs", "lang"]);
            assert_order(
                h,
                "w:pPr",
                &[
                    "keepNext",
                    "keepLines",
                    "pageBreakBefore",
                    "widowControl",
                    "pBdr",
                    "spacing",
                    "ind",
                    "jc",
                    "rPr",
                    "sectPr",
                ],
            );
            assert_order(
                h,
                "w:sectPr",
                &["headerReference", "pgSz", "pgMar", "pgNumType", "cols", "titlePg"],
            );
            assert_order(
                h,
                "w:tblPr",
                &["tblW", "jc", "tblInd", "tblBorders", "tblLayout", "tblCellMar"],
            );
            assert_order(h, "w:tcPr", &["tcW", "gridSpan", "vAlign"]);
        }
        // The fixed lines of the form.
        let text = xml_text(&doc);
        for line in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            &d.header.place_date(),
            &khoithidua::domain::text::upper(&d.header.issuing_body),
        ] {
            assert!(text.contains(line), "{name}: no \u{201c}{line}\u{201d} in {text}");
        }
        if let Some(n) = d.header.number_line() {
            assert!(text.contains(&n), "{name}: {n}");
        }
        if !d.recipients.is_empty() {
            assert!(text.contains("Nơi nhận:"), "{name}");
            let last = d.recipients.last().unwrap();
            assert!(
                text.contains(&format!("- {last}.")),
                "{name}: the last line ends in a full stop"
            );
        }
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(text.nfc().collect::<String>(), text, "{name}: NFC");
    }
}

/// Each `container` of `xml` has the children named in `order` in that order.
fn assert_order(xml: &str, container: &str, order: &[&str]) {
    let open = format!("<{container}>");
    let close = format!("</{container}>");
    for (i, part) in xml.split(&open).skip(1).enumerate() {
        let body = &part[..part.find(&close).unwrap()];
        let at = |name: &str| {
            let tag = format!("<w:{name}");
            body.match_indices(&tag)
                .find(|(j, _)| matches!(body.as_bytes().get(j + tag.len()), Some(b' ' | b'/' | b'>')))
                .map(|(j, _)| j)
        };
        let found: Vec<(usize, &str)> = order.iter().filter_map(|n| at(n).map(|j| (j, *n))).collect();
        assert!(
            found.windows(2).all(|w| w[0].0 < w[1].0),
            "{container} {i}: {found:?} out of order in {body}"
        );
    }
}

/// Every word the PDF prints, in the same order: the Word copy holds each once (the PDF adds page
/// numbers and a table's header on each page it continues on).
fn assert_same_words(name: &str, d: &Draft) {
    let ours = words(&xml_text(&part(&unzip(&docx(d).unwrap()), "word/document.xml")));
    let pdf = d.render().unwrap();
    let theirs: Vec<String> = pdf.lines.iter().flat_map(|l| words(l)).collect();
    let headers: Vec<String> = d
        .body
        .iter()
        .filter_map(|p| match p {
            Piece::Table(t) => Some(&t.header),
            _ => None,
        })
        .chain(d.attachment.iter().map(|a| &a.table.header))
        .flat_map(|h| h.iter().flat_map(|c| words(c)))
        .collect();
    let mut j = 0;
    for (i, w) in ours.iter().enumerate() {
        let start = j;
        while j < theirs.len() && &theirs[j] != w {
            let extra = &theirs[j];
            assert!(
                extra.chars().all(|c| c.is_ascii_digit()) || headers.contains(extra),
                "{name}: the PDF has \u{201c}{extra}\u{201d} where the Word copy has \u{201c}{w}\u{201d} (word {i}): …{}…",
                ours[i.saturating_sub(8)..(i + 8).min(ours.len())].join(" ")
            );
            j += 1;
        }
        assert!(
            j < theirs.len(),
            "{name}: \u{201c}{w}\u{201d} (word {i}) is not in the PDF after word {start}"
        );
        j += 1;
    }
    for extra in &theirs[j..] {
        assert!(extra.chars().all(|c| c.is_ascii_digit()), "{name}: {extra} at the end");
    }
}

#[test]
fn the_word_copy_says_what_the_pdf_says() {
    for (name, d) in demo_drafts() {
        assert_same_words(name, &d);
    }
}

/// The row of a table (`<w:tr>`) that holds `text`.
fn row_of<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml.find(text).unwrap_or_else(|| panic!("no {text}"));
    let start = xml[..at]
        .rfind("<w:tr>")
        .unwrap_or_else(|| panic!("{text} is not in a table"));
    &xml[start..at + xml[at..].find("</w:tr>").unwrap()]
}

/// A signer of draft `$d` with other lines (the signer's type is not named outside the crate).
macro_rules! signer {
    ($d:expr, [$($a:expr),*], $name:expr) => {{
        let mut s = $d.signatures.signers[0].clone();
        s.authority = vec![$($a.to_string()),*];
        s.name = $name.to_string();
        s
    }};
}

#[test]
fn each_signature_layout_as_the_pdf_lays_it_out() {
    let drafts = demo_drafts();
    let get = |n: &str| drafts.iter().find(|(name, _)| *name == n).unwrap().1.clone();

    // Pairs, odd: the last signer bottom right, beside Nơi nhận.
    let mut d = get("bien-ban-tong-ket");
    assert_eq!(d.signatures.layout, SignLayout::Pairs);
    let third = signer!(d, ["Đại biểu"], "Phan Văn Ba");
    d.signatures.signers.push(third);
    assert_same_words("ba người ký", &d);
    let xml = part(&unzip(&docx(&d).unwrap()), "word/document.xml");
    let last = row_of(&xml, "Phan Văn Ba");
    assert!(last.contains("Nơi nhận:") && last.contains("ĐẠI BIỂU"), "{last}");
    assert!(!row_of(&xml, "THƯ KÝ").contains("Nơi nhận:"));

    // Board: an empty cell; Nơi nhận in the last row's free left cell.
    let mut d = get("kiem-phieu-suy-ton");
    assert_eq!(d.signatures.layout, SignLayout::Board);
    let (empty, fourth) = (signer!(d, [], ""), signer!(d, ["Thành viên"], "Hồ Thị Bốn"));
    let s = &mut d.signatures.signers;
    s.truncate(2);
    s.push(empty);
    s.push(fourth);
    assert_same_words("ban kiểm phiếu", &d);
    let xml = part(&unzip(&docx(&d).unwrap()), "word/document.xml");
    assert!(row_of(&xml, "Hồ Thị Bốn").contains("Nơi nhận:"));

    // Grid: no Nơi nhận unless the draft has recipients, then in a row of its own under the grid.
    let mut d = get("giao-uoc");
    assert_eq!(d.signatures.layout, SignLayout::Grid);
    let xml = part(&unzip(&docx(&d).unwrap()), "word/document.xml");
    assert!(!xml.contains("Nơi nhận"));
    let heading = d.signatures.heading.clone();
    assert!(xml_text(&xml).contains(&heading));
    d.recipients = vec!["Như trên".into(), "Lưu: VT, KNC".into()];
    assert_same_words("giao ước có nơi nhận", &d);
    let xml = part(&unzip(&docx(&d).unwrap()), "word/document.xml");
    let row = row_of(&xml, "Nơi nhận:");
    assert!(row.contains("- Như trên;") && row.contains("- Lưu: VT, KNC."), "{row}");
    let first = &d.signatures.signers[0].name;
    assert!(!row.contains(first.as_str()));
    // Three cells to a row in the grid.
    let cells = row_of(&xml, first.as_str()).matches("<w:tc>").count();
    assert_eq!(cells, 3);
}

#[test]
fn text_is_nfc_and_a_control_character_is_refused() {
    let (_, mut d) = demo_drafts().remove(2);
    // "Hội nghị" typed with combining marks.
    let decomposed: String = unicode_normalization::UnicodeNormalization::nfd("Hội nghị đã thống nhất.").collect();
    d.body.push(Piece::para(&decomposed));
    let text = xml_text(&part(&unzip(&docx(&d).unwrap()), "word/document.xml"));
    assert!(text.contains("Hội nghị đã thống nhất."), "NFC");
    // Markup characters of XML and of the draft print as typed.
    d.body.push(Piece::para("Điểm <A> & \"B\" * 2"));
    let text = xml_text(&part(&unzip(&docx(&d).unwrap()), "word/document.xml"));
    assert!(text.contains("Điểm <A> & \"B\" * 2"), "{text}");
    d.body.push(Piece::para("Chuông\u{7} reo"));
    let e = docx(&d).unwrap_err();
    assert!(matches!(e, DocxError::Unwritable { code: 7, .. }), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("Chuông reo") && msg.contains("U+0007") && msg.contains("bản Word"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

fn on_path(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `cmd`, killed after `limit`.
fn run_with_limit(cmd: &mut Command, limit: Duration) -> std::process::ExitStatus {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Each page's words in the order they are drawn (`pdftotext -raw`: the PDF's own order, not a
/// guess at columns), its page number left out.
fn pdf_page_words(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
        .iter()
        .map(|page| {
            let mut lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            // The page number: a line of digits alone at the top of the page.
            if lines
                .first()
                .is_some_and(|l| l.trim().chars().all(|c| c.is_ascii_digit()))
            {
                lines.remove(0);
            }
            // A word broken after its hyphen ("2019-" / "2025"): Word breaks lines there, the
            // PDF does not.
            let mut out: Vec<String> = Vec::new();
            let mut glue = false;
            for l in lines {
                for (i, w) in words(l).into_iter().enumerate() {
                    match out.last_mut() {
                        Some(prev) if glue && i == 0 => prev.push_str(&w),
                        _ => out.push(w),
                    }
                }
                glue = out.last().is_some_and(|w| w.len() > 1 && w.ends_with('-'));
            }
            out
        })
        .collect()
}

/// Where two word lists first differ, with some context.
fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    let i = a
        .iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))?;
    let around = |v: &[String]| v[i.saturating_sub(10)..(i + 10).min(v.len())].join(" ");
    Some(format!("word {i}:\n  Word: …{}…\n  PDF:  …{}…", around(a), around(b)))
}

fn out_dir() -> (PathBuf, Option<tempfile::TempDir>) {
    // KHOITHIDUA_DOCX_OUT keeps the files to look at (with `pdftoppm -r 50 -png`).
    match std::env::var_os("KHOITHIDUA_DOCX_OUT") {
        Some(d) => {
            let p = PathBuf::from(d);
            std::fs::create_dir_all(&p).unwrap();
            (p, None)
        }
        None => {
            let t = tempfile::tempdir().unwrap();
            (t.path().to_path_buf(), Some(t))
        }
    }
}

#[test]
fn word_copies_open_in_libreoffice_as_the_pdf_prints() {
    if !on_path("soffice") || !on_path("pdftotext") {
        eprintln!("BỎ QUA: không có soffice hoặc pdftotext, bản Word không được chuyển sang PDF để so với bản PDF.");
        return;
    }
    let (dir, _keep) = out_dir();
    let drafts = demo_drafts();
    let mut files = Vec::new();
    for (name, d) in &drafts {
        let f = dir.join(format!("{name}.docx"));
        std::fs::write(&f, docx(d).unwrap()).unwrap();
        std::fs::write(dir.join(format!("{name}.ours.pdf")), d.render().unwrap().bytes).unwrap();
        files.push(f);
    }
    let converted = dir.join("lo");
    std::fs::create_dir_all(&converted).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let status = run_with_limit(
        Command::new("soffice")
            .arg("--headless")
            .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(&converted)
            .args(&files),
        Duration::from_secs(120 + 20 * files.len() as u64),
    );
    assert!(status.success(), "soffice: {status}");
    let mut report = Vec::new();
    for (name, d) in &drafts {
        let theirs = pdf_page_words(&dir.join(format!("{name}.ours.pdf")));
        let word = pdf_page_words(&converted.join(format!("{name}.pdf")));
        let pdf_pages = d.render().unwrap().pages;
        assert_eq!(theirs.len(), pdf_pages, "{name}: pdftotext and our page count");
        assert!(
            word.len().abs_diff(pdf_pages) <= 1,
            "{name}: {} pages in Word, {pdf_pages} in the PDF",
            word.len()
        );
        let a: Vec<String> = word.concat();
        let b: Vec<String> = theirs.concat();
        if let Some(diff) = first_difference(&a, &b) {
            panic!("{name}: the Word copy reads differently from the PDF at {diff}");
        }
        report.push(format!(
            "{name}: {} trang (PDF {pdf_pages}), {} từ",
            word.len(),
            a.len()
        ));
    }
    eprintln!("{}", report.join("\n"));
}
