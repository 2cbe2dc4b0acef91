//! Biên bản hội nghị: the minutes of any conference.

use super::engine::{Block, Span, Style};
use super::nd30::{self, body, body_spans, heading, roman, signature_items, signature_row, Signer};
use super::{header, number_line, portrait, Issue, Pdf};
use crate::domain::ballot::BallotPurpose;
use crate::domain::text::{date_in_words, time_in_words};
use crate::domain::{Conference, YearRecord};

pub fn minutes(r: &YearRecord, c: &Conference, issue: &Issue) -> Pdf {
    let spec = portrait(r);
    let mut b = vec![header(
        &spec,
        &r.bloc,
        Some(number_line(issue, "BB", &r.bloc.symbol)),
        issue.date,
    )];
    b.extend(nd30::title("Biên bản", &c.title));

    let when = match c.start {
        Some(t) => format!("Vào lúc {}, {}", time_in_words(t), date_in_words(c.date)),
        None => format!("Vào {}", date_in_words(c.date)),
    };
    b.push(body(format!(
        "{when}, tại {}, {} tổ chức {}.",
        c.place,
        r.bloc.name,
        lower_first(&c.title)
    )));

    let mut section = 0;
    let mut next = || {
        section += 1;
        roman(section)
    };
    b.push(heading(format!("{}. THÀNH PHẦN THAM DỰ", next())));
    let mut n = 0;
    let mut item = || {
        n += 1;
        n
    };
    if !c.guests.is_empty() {
        b.push(body(format!("{}. Đại biểu mời:", item())));
        for g in &c.guests {
            b.push(body(format!("- Đồng chí {}, {} {}.", g.name, g.position, g.body)));
        }
    }
    let present: Vec<String> = c.present_units().map(|u| r.unit_name(u)).collect();
    b.push(body(format!(
        "{}. Các đơn vị thành viên: có mặt {}/{} đơn vị{}",
        item(),
        present.len(),
        r.members.len(),
        if present.is_empty() { "." } else { ":" }
    )));
    for a in c.attendance.iter().filter(|a| a.present) {
        let note = if a.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.note)
        };
        b.push(body(format!("- {}{note};", r.unit_name(a.unit))));
    }
    let absent: Vec<String> = c
        .attendance
        .iter()
        .filter(|a| !a.present)
        .map(|a| {
            let why = if a.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", a.note)
            };
            format!("{}{why}", r.unit_name(a.unit))
        })
        .collect();
    if !absent.is_empty() {
        b.push(body(format!("Vắng mặt: {}.", absent.join("; "))));
    }
    b.push(body_spans(vec![
        Span::new(format!("{}. Chủ trì Hội nghị: ", item()), Style::Regular),
        Span::new(
            format!("đồng chí {}, {}.", c.chair.name, c.chair.position),
            Style::Regular,
        ),
    ]));
    b.push(body(format!(
        "{}. Thư ký Hội nghị: đồng chí {}, {}.",
        item(),
        c.secretary.name,
        c.secretary.position
    )));

    if !c.sections.is_empty() {
        b.push(heading(format!("{}. NỘI DUNG HỘI NGHỊ", next())));
        for (i, s) in c.sections.iter().enumerate() {
            if !s.heading.is_empty() {
                b.push(body_spans(vec![Span::new(
                    format!("{}. {}", i + 1, s.heading),
                    Style::Bold,
                )]));
            }
            for para in s.body.split('\n').filter(|p| !p.trim().is_empty()) {
                b.push(body(para.trim()));
            }
        }
    }

    let ballots: Vec<_> = r.ballots.iter().filter(|x| x.conference == c.id).collect();
    if !ballots.is_empty() {
        b.push(heading(format!("{}. KẾT QUẢ BỎ PHIẾU KÍN", next())));
        for (i, ballot) in ballots.iter().enumerate() {
            let t = r.tally_of(ballot);
            b.push(body_spans(vec![Span::new(
                format!("{}. {}", i + 1, ballot.question),
                Style::Bold,
            )]));
            b.push(body(format!(
                "Số phiếu phát ra: {}; số phiếu thu về: {}; số phiếu hợp lệ: {}; số phiếu không hợp lệ: {}. Tỷ lệ tính trên {} ({}); đạt khi {}.",
                ballot.issued,
                ballot.returned,
                ballot.valid,
                ballot.invalid,
                t.base_label.to_lowercase(),
                t.base,
                t.threshold
            )));
            for res in &t.results {
                b.push(body(format!(
                    "- {}: {}{}.",
                    r.unit_name(res.unit),
                    res.summary(),
                    if res.passed { "" } else { " (không đạt)" }
                )));
            }
            let passed: Vec<String> = t.passed().map(|x| r.unit_name(x.unit)).collect();
            let outcome = match (&ballot.purpose, passed.is_empty()) {
                (_, true) => "Không có đơn vị nào đạt tỷ lệ phiếu theo quy chế.".to_string(),
                (BallotPurpose::Head(y), false) => format!("{} được bầu làm Khối trưởng năm {y}.", passed[0]),
                (BallotPurpose::Deputy(y), false) => format!("{} được bầu làm Khối phó năm {y}.", passed[0]),
                (BallotPurpose::LeadingUnit, false) => {
                    format!("Đơn vị được suy tôn dẫn đầu khối: {}.", passed.join(", "))
                }
                (_, false) => format!("Các đơn vị đạt: {}.", passed.join(", ")),
            };
            b.push(body(outcome));
        }
    }

    if let Some(l) = r.leadership_decided_at(c.id) {
        b.push(heading(format!("{}. LÃNH ĐẠO KHỐI NĂM {}", next(), l.year)));
        let deputy = l
            .deputy
            .map(|d| format!(" và {} làm Khối phó", r.unit_name(d)))
            .unwrap_or_default();
        b.push(body(format!(
            "Hội nghị thống nhất {} {} làm Khối trưởng{deputy} Khối thi đua năm {}.",
            l.method.label().to_lowercase(),
            r.unit_name(l.head),
            l.year
        )));
    }

    if !c.tasks.is_empty() {
        b.push(heading(format!("{}. KẾT LUẬN", next())));
        b.push(body(format!(
            "Hội nghị thống nhất {} nhiệm vụ, giải pháp trọng tâm:",
            nd30_count(c.tasks.len())
        )));
        for (i, t) in c.tasks.iter().enumerate() {
            b.push(body(format!("{}. {t}", i + 1)));
        }
    }
    if !c.notes.is_empty() {
        b.push(body(c.notes.clone()));
    }

    let closing = match c.end {
        Some(t) => format!("Hội nghị kết thúc vào lúc {} cùng ngày./.", time_in_words(t)),
        None => "Hội nghị kết thúc cùng ngày./.".to_string(),
    };
    let secretary = Signer {
        authority: vec!["Thư ký".into()],
        name: c.secretary.name.clone(),
    };
    let chair = Signer {
        authority: vec!["Chủ tọa".into()],
        name: c.chair.name.clone(),
    };
    b.push(Block::KeepTogether(vec![
        body(closing),
        Block::Space(6.0),
        signature_row(&spec, signature_items(&secretary), signature_items(&chair)),
    ]));
    Pdf::new(format!("Biên bản {}", c.title), spec, &b)
}

/// "06" for 6, as documents print small counts.
fn nd30_count(n: usize) -> String {
    format!("{n:02}")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
