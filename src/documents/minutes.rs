//! Biên bản hội nghị: the minutes of any conference.

use super::draft::{Draft, Piece, SignLayout, Signatures};
use super::engine::{Span, Style};
use super::nd30::{roman, Signer};
use super::{draft_base, markup, recipients, Issue, Pdf, Unprintable};
use super::{person_text, sign_name};
use crate::domain::award::ProposalStatus;
use crate::domain::ballot::BallotPurpose;
use crate::domain::text::{date_in_words, paragraphs, time_in_words};
use crate::domain::{Attendance, ChoiceMethod, Conference, ConferenceKind, Leadership, YearRecord};

pub fn minutes(r: &YearRecord, c: &Conference, issue: &Issue) -> Result<Pdf, Unprintable> {
    minutes_draft(r, c, issue).render()
}

pub fn minutes_draft(r: &YearRecord, c: &Conference, issue: &Issue) -> Draft {
    let mut b = Vec::new();

    let when = match (c.start, c.part_of_day) {
        (Some(t), _) => format!("Vào lúc {}, {}", time_in_words(t), date_in_words(c.date)),
        (None, Some(p)) => format!("Vào buổi {} {}", p.word(), date_in_words(c.date)),
        (None, None) => format!("Vào {}", date_in_words(c.date)),
    };
    b.push(Piece::para(format!(
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
    b.push(Piece::Heading(format!("{}. THÀNH PHẦN THAM DỰ", next())));
    let mut n = 0;
    let mut item = || {
        n += 1;
        n
    };
    if !c.guests.is_empty() {
        b.push(Piece::para(format!("{}. Đại biểu mời:", item())));
        for g in &c.guests {
            let role = crate::domain::text::position_of(&g.position, &g.body);
            b.push(Piece::para(format!("- {}.", person_text(&g.name, &role, true))));
        }
    }
    // Units in the bloc's order of precedence, whatever order the attendance was recorded in.
    let order: Vec<crate::domain::UnitId> = r.member_units().iter().map(|u| u.id).collect();
    let rank = |a: &Attendance| order.iter().position(|&u| u == a.unit).unwrap_or(usize::MAX);
    let mut attendance: Vec<&Attendance> = c.attendance.iter().collect();
    attendance.sort_by_key(|a| rank(a));
    let present: Vec<&Attendance> = attendance.iter().copied().filter(|a| a.present).collect();
    // Who was present and absent is known only when it was recorded in full; otherwise the minutes
    // name the units known to be there, with no count (never "có mặt 0/9").
    let known = c.attendance_known && !c.attendance.is_empty();
    let lead = if known {
        format!(
            "{}. Các đơn vị thành viên: có mặt {}/{} đơn vị{}",
            item(),
            present.len(),
            r.members.len(),
            if present.is_empty() { "." } else { ":" }
        )
    } else if present.is_empty() {
        format!(
            "{}. Các đơn vị thành viên: có mặt {DOTS_SHORT}/{} đơn vị.",
            item(),
            r.members.len()
        )
    } else {
        format!("{}. Các đơn vị thành viên: đại diện các đơn vị:", item())
    };
    b.push(Piece::para(lead));
    for a in &present {
        let who = if a.representative.trim().is_empty() {
            String::new()
        } else {
            format!(
                ": {}",
                person_text(&a.representative, &a.representative_position, false)
            )
        };
        let note = if a.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.note)
        };
        b.push(Piece::para(format!("- {}{who}{note};", r.unit_name(a.unit))));
    }
    let absent: Vec<String> = attendance
        .iter()
        .filter(|a| known && !a.present)
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
        b.push(Piece::para(format!("Vắng mặt: {}.", absent.join("; "))));
    }
    b.push(Piece::para(format!(
        "{}. Chủ trì Hội nghị: {}.",
        item(),
        person_text(&c.chair.name, &c.chair.position, false)
    )));
    b.push(Piece::para(format!(
        "{}. Thư ký Hội nghị: {}.",
        item(),
        person_text(&c.secretary.name, &c.secretary.position, false)
    )));

    if !c.sections.is_empty() {
        b.push(Piece::Heading(format!("{}. NỘI DUNG HỘI NGHỊ", next())));
        for (i, s) in c.sections.iter().enumerate() {
            if !s.heading.is_empty() {
                b.push(Piece::spans(&[Span::new(
                    format!("{}. {}", i + 1, s.heading),
                    Style::Bold,
                )]));
            }
            // Each line typed is a paragraph of its own, indented as the rest of the body.
            for para in paragraphs(&s.body) {
                b.push(Piece::para(para));
            }
        }
    }

    let ballots: Vec<_> = r.ballots.iter().filter(|x| x.conference == c.id).collect();
    if !ballots.is_empty() {
        b.push(Piece::Heading(format!("{}. KẾT QUẢ BỎ PHIẾU KÍN", next())));
        for (i, ballot) in ballots.iter().enumerate() {
            let t = r.tally_of(ballot);
            b.push(Piece::spans(&[Span::new(
                format!("{}. {}", i + 1, ballot.question),
                Style::Bold,
            )]));
            b.push(Piece::para(format!(
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
                b.push(Piece::para(format!(
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
            b.push(Piece::para(outcome));
        }
    }

    // Proposals agreed by consensus, without a ballot: at the year's (last) tổng kết.
    let last_year_end = r.conferences.iter().rev().find(|x| x.kind == ConferenceKind::YearEnd);
    if last_year_end.is_some_and(|x| x.id == c.id) {
        let agreed = consensus_lines(r);
        if !agreed.is_empty() {
            b.push(Piece::Heading(format!("{}. KẾT QUẢ BÌNH XÉT THI ĐUA", next())));
            for line in agreed {
                b.push(Piece::para(line));
            }
        }
    }

    if let Some(l) = r.leadership_decided_at(c.id) {
        b.push(Piece::Heading(format!("{}. LÃNH ĐẠO KHỐI NĂM {}", next(), l.year)));
        for line in leadership_lines(r, c, l) {
            b.push(Piece::para(line));
        }
    }

    // The conclusion: the tasks agreed (one numbered paragraph each), then what else was concluded
    // (the notes), a paragraph per line typed.
    let conclusions = paragraphs(&c.notes);
    let tasks = c.task_count();
    if tasks.is_some() || !conclusions.is_empty() {
        b.push(Piece::Heading(format!("{}. KẾT LUẬN", next())));
    }
    if let Some(n) = tasks {
        if c.tasks.is_empty() {
            b.push(Piece::para(format!(
                "Hội nghị thống nhất {} nhiệm vụ, giải pháp trọng tâm.",
                nd30_count(n)
            )));
        } else {
            b.push(Piece::para(format!(
                "Hội nghị thống nhất {} nhiệm vụ, giải pháp trọng tâm:",
                nd30_count(n)
            )));
            for (i, t) in c.tasks.iter().enumerate() {
                b.push(Piece::para(format!("{}. {}", i + 1, paragraphs(t).join(" "))));
            }
        }
    }
    for para in conclusions {
        b.push(Piece::para(para));
    }

    let closing = match c.end {
        Some(t) => format!("Hội nghị kết thúc vào lúc {} cùng ngày./.", time_in_words(t)),
        None => "Hội nghị kết thúc cùng ngày./.".to_string(),
    };
    let secretary = Signer {
        authority: vec!["Thư ký".into()],
        name: sign_name(&c.secretary.name),
    };
    let chair = Signer {
        authority: vec!["Chủ tọa".into()],
        name: sign_name(&c.chair.name),
    };
    Draft {
        title: format!("Biên bản {}", c.title),
        kind: "Biên bản".into(),
        subject: c.title.clone(),
        body: b,
        // The closing line stays with the signatures; "Nơi nhận" at the bottom left.
        closing: markup::escape(&closing),
        signatures: Signatures {
            layout: SignLayout::Pairs,
            signers: vec![secretary, chair],
            heading: String::new(),
        },
        recipients: recipients(&r.bloc, false),
        ..draft_base(r, issue, Some("BB"), false)
    }
}

/// What the year-end conference agreed without a ballot: "Hội nghị thống nhất suy tôn … dẫn đầu
/// Khối, đề nghị tặng …", one line per award form.
fn consensus_lines(r: &YearRecord) -> Vec<String> {
    let mut out = Vec::new();
    for form in &r.rules.award_forms {
        let units: Vec<String> = r
            .proposals
            .iter()
            .filter(|p| p.form == form.code && p.by_consensus)
            .filter(|p| !matches!(p.status, ProposalStatus::Deferred | ProposalStatus::Refused))
            .map(|p| r.unit_name(p.unit))
            .collect();
        if units.is_empty() {
            continue;
        }
        out.push(if form.leading_only {
            format!(
                "Hội nghị thống nhất suy tôn {} là đơn vị dẫn đầu Khối, đề nghị tặng {}.",
                units.join(", "),
                form.name
            )
        } else {
            format!(
                "Hội nghị thống nhất đề nghị tặng {} cho {:02} tập thể: {}.",
                form.name,
                units.len(),
                units.join(", ")
            )
        });
    }
    out
}

/// The head and deputy decided at conference `c`: each with the ballot that elected them there
/// (counts and percentage), or how they were chosen as recorded.
fn leadership_lines(r: &YearRecord, c: &Conference, l: &Leadership) -> Vec<String> {
    let vote = |purpose: BallotPurpose, unit| {
        r.ballots
            .iter()
            .filter(|x| x.conference == c.id && x.purpose == purpose)
            .find_map(|x| r.tally_of(x).result(unit).cloned())
    };
    let mut roles = vec![("Khối trưởng", l.head, vote(BallotPurpose::Head(l.year), l.head))];
    if let Some(d) = l.deputy {
        roles.push(("Khối phó", d, vote(BallotPurpose::Deputy(l.year), d)));
    }
    roles
        .into_iter()
        .map(|(role, unit, v)| {
            let name = r.unit_name(unit);
            match (v, l.method) {
                (Some(v), _) => format!(
                    "{name} được bầu làm {role} Khối thi đua năm {} ({}).",
                    l.year,
                    v.summary()
                ),
                (None, ChoiceMethod::Elected) => {
                    format!("Hội nghị bầu {name} làm {role} Khối thi đua năm {}.", l.year)
                }
                (None, ChoiceMethod::Rotation) => {
                    format!("Theo thứ tự luân phiên, {name} làm {role} Khối thi đua năm {}.", l.year)
                }
                (None, ChoiceMethod::Appointed) => {
                    format!("{name} được chỉ định làm {role} Khối thi đua năm {}.", l.year)
                }
            }
        })
        .collect()
}

/// A short dotted gap, for a count to be filled by hand.
const DOTS_SHORT: &str = "……";

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
