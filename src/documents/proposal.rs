//! Tờ trình đề nghị khen thưởng with its Danh sách kèm theo.

use super::engine::{Align, Block, Para, Span, Style, Table, TableCol};
use super::nd30::{self, body, body_spans, recipients_items, signature_items, signature_row, Signer};
use super::{head_of, header, number_line, portrait, Issue, Pdf};
use crate::domain::award::ProposalStatus;
use crate::domain::tally::percent_text;
use crate::domain::text::{date_dmy, upper};
use crate::domain::{ConferenceKind, Proposal, YearRecord};

fn listed(p: &Proposal) -> bool {
    !matches!(p.status, ProposalStatus::Deferred | ProposalStatus::Refused)
}

pub fn proposal(r: &YearRecord, issue: &Issue) -> Pdf {
    let spec = portrait(r);
    let number = number_line(issue, "TTr", &r.bloc.symbol);
    let mut b = vec![header(&spec, &r.bloc, Some(number.clone()), issue.date)];
    b.extend(nd30::title(
        "Tờ trình",
        &format!(
            "Về việc đề nghị khen thưởng năm {} cho các tập thể thuộc {}",
            r.year, r.bloc.name
        ),
    ));
    let mut to = Para::new(
        vec![
            Span::new("Kính gửi: ", Style::Regular),
            Span::new(&r.bloc.addressee, Style::Regular),
        ],
        nd30::BODY,
        Align::Center,
    );
    to.space_after = 12.0;
    b.push(Block::Para(to));
    for line in &r.rules.legal_basis {
        b.push(body(line.clone()));
    }
    let year_end = r.conferences.iter().rev().find(|c| c.kind == ConferenceKind::YearEnd);
    if let Some(c) = year_end {
        b.push(body(format!(
            "Căn cứ Biên bản {} ngày {} của {};",
            c.title,
            date_dmy(c.date),
            r.bloc.name
        )));
    }
    b.push(body(format!(
        "Năm {}, các cơ quan, đơn vị thành viên {} đã thực hiện tốt các nội dung giao ước thi đua, hoàn thành xuất sắc nhiệm vụ chính trị được giao.{}",
        r.year,
        r.bloc.name,
        match year_end {
            Some(c) => format!(
                " Tại Hội nghị tổng kết ngày {}, các đơn vị đã chấm điểm, bình xét và bỏ phiếu kín đề nghị khen thưởng; kết quả như sau:",
                date_dmy(c.date)
            ),
            None => " Kết quả bình xét như sau:".to_string(),
        }
    )));
    let mut n = 0;
    for form in &r.rules.award_forms {
        let units: Vec<&Proposal> = r
            .proposals
            .iter()
            .filter(|p| p.form == form.code && listed(p))
            .collect();
        if units.is_empty() {
            continue;
        }
        n += 1;
        let names: Vec<String> = units
            .iter()
            .map(|p| match (p.votes, p.votes_base) {
                (Some(v), Some(base)) => format!(
                    "{} (đạt {v}/{base} phiếu, tỷ lệ {}%)",
                    r.unit_name(p.unit),
                    percent_text(v, base, r.rules.percent_decimals)
                ),
                _ => r.unit_name(p.unit),
            })
            .collect();
        b.push(body(format!(
            "{n}. Đề nghị tặng {} cho {:02} tập thể: {}.",
            form.name,
            units.len(),
            names.join("; ")
        )));
    }
    if n == 0 {
        b.push(body("Năm nay Khối không đề nghị khen thưởng tập thể nào."));
    }
    b.push(body_spans(vec![Span::new("(Có danh sách kèm theo)", Style::Italic)]));
    b.push(body(format!(
        "{} kính trình {} xem xét, quyết định./.",
        r.bloc.name, r.bloc.addressee
    )));
    let signer = match r.leadership.as_ref().and_then(|l| head_of(r, l.head, issue.date)) {
        Some((_, name)) => name,
        None => String::new(),
    };
    let sign = signature_items(&Signer {
        authority: vec![format!("TM. {}", upper(&r.bloc.name)), "Khối trưởng".into()],
        name: signer,
    });
    let recipients = recipients_items(&["Như trên", "Các đơn vị thành viên Khối", "Lưu: VT"]);
    b.push(Block::KeepTogether(vec![
        Block::Space(6.0),
        signature_row(&spec, recipients, sign),
    ]));

    // The attached list, on its own page.
    b.push(Block::PageBreak);
    b.push(Block::Para(Para::text(
        format!("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {}", r.year),
        Style::Bold,
        14.0,
        Align::Center,
    )));
    let mut sub = Para::text(
        format!(
            "(Kèm theo Tờ trình {} ngày {} của {})",
            number.replace("Số: ", "số "),
            date_dmy(issue.date),
            r.bloc.name
        ),
        Style::Italic,
        13.0,
        Align::Center,
    );
    sub.space_after = 10.0;
    b.push(Block::Para(sub));
    let ranking = r.ranking();
    let mut rows = Vec::new();
    for form in &r.rules.award_forms {
        for p in r.proposals.iter().filter(|p| p.form == form.code && listed(p)) {
            let standing = ranking.iter().find(|s| s.unit == p.unit && s.missing == 0);
            let score_rank = match (
                p.score.or(standing.map(|s| s.total)),
                p.rank.or(standing.map(|s| s.rank)),
            ) {
                (Some(s), Some(k)) => format!("{s} / {k}"),
                (Some(s), None) => s.to_string(),
                (None, Some(k)) => format!("hạng {k}"),
                _ => String::new(),
            };
            let (votes, pct) = match (p.votes, p.votes_base) {
                (Some(v), Some(base)) => (
                    format!("{v}/{base}"),
                    format!("{}%", percent_text(v, base, r.rules.percent_decimals)),
                ),
                _ => (String::new(), String::new()),
            };
            let note = [p.note.as_str(), p.override_note.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            rows.push(vec![
                (rows.len() + 1).to_string(),
                r.unit_name(p.unit),
                form.name.clone(),
                score_rank,
                votes,
                pct,
                note,
            ]);
        }
    }
    b.push(Block::Table(Table {
        cols: vec![
            TableCol {
                share: 0.9,
                align: Align::Center,
            },
            TableCol {
                share: 3.0,
                align: Align::Left,
            },
            TableCol {
                share: 2.8,
                align: Align::Left,
            },
            TableCol {
                share: 1.4,
                align: Align::Center,
            },
            TableCol {
                share: 1.4,
                align: Align::Center,
            },
            TableCol {
                share: 1.6,
                align: Align::Center,
            },
            TableCol {
                share: 1.6,
                align: Align::Left,
            },
        ],
        header: [
            "STT",
            "Tên tập thể",
            "Hình thức đề nghị",
            "Điểm / xếp hạng",
            "Số phiếu đồng ý / tổng số",
            "Tỷ lệ",
            "Ghi chú",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        size: 12.0,
        bold_rows: Vec::new(),
    }));
    Pdf::new(format!("Tờ trình đề nghị khen thưởng năm {}", r.year), spec, &b)
}
