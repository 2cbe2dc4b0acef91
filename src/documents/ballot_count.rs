//! Biên bản kiểm phiếu: the count of one ballot.

use super::engine::{Align, Block, Span, Style, Table, TableCol};
use super::nd30::{self, body, body_spans, signature_items, signature_row, Signer};
use super::{header, number_line, portrait, Issue, Pdf};
use crate::domain::text::{date_in_words, time_in_words};
use crate::domain::{Ballot, YearRecord};

pub fn ballot_count(r: &YearRecord, ballot: &Ballot, issue: &Issue) -> Pdf {
    let spec = portrait(r);
    let c = r.conference(ballot.conference);
    let mut b = vec![header(
        &spec,
        &r.bloc,
        Some(number_line(issue, "BB", &r.bloc.symbol)),
        issue.date,
    )];
    b.extend(nd30::title("Biên bản kiểm phiếu", &ballot.question));
    if let Some(c) = c {
        let when = match c.end {
            Some(t) => format!("Vào lúc {}, {}", time_in_words(t), date_in_words(c.date)),
            None => format!("Vào {}", date_in_words(c.date)),
        };
        b.push(body(format!("{when}, tại {}, trong khuôn khổ {}.", c.place, c.title)));
    }
    if ballot.board.is_empty() {
        b.push(body("Ban Kiểm phiếu do Hội nghị bầu đã tiến hành kiểm phiếu."));
    } else {
        b.push(body("Ban Kiểm phiếu gồm:"));
        for (i, m) in ballot.board.iter().enumerate() {
            b.push(body(format!(
                "{}. Đồng chí {}, {} - {};",
                i + 1,
                m.name,
                m.position,
                m.role
            )));
        }
    }
    b.push(body(format!(
        "Hình thức: bỏ phiếu kín; mỗi phiếu được chọn tối đa {} đơn vị. Ban Kiểm phiếu đã kiểm phiếu, kết quả như sau:",
        ballot.max_choices
    )));
    for (label, n) in [
        ("Số phiếu phát ra", ballot.issued),
        ("Số phiếu thu về", ballot.returned),
        ("Số phiếu hợp lệ", ballot.valid),
        ("Số phiếu không hợp lệ", ballot.invalid),
    ] {
        b.push(body_spans(vec![
            Span::new(format!("- {label}: "), Style::Regular),
            Span::new(format!("{n} phiếu;"), Style::Bold),
        ]));
    }
    let t = r.tally_of(ballot);
    b.push(body(format!(
        "Tỷ lệ phiếu tính trên {} ({}); đơn vị đạt khi có số phiếu đồng ý {}.",
        t.base_label.to_lowercase(),
        t.base,
        t.threshold
    )));
    let rows: Vec<Vec<String>> = t
        .results
        .iter()
        .enumerate()
        .map(|(i, res)| {
            vec![
                (i + 1).to_string(),
                r.unit_name(res.unit),
                format!("{}/{}", res.votes, res.base),
                format!("{}%", res.percent),
                if res.passed {
                    "Đạt".into()
                } else {
                    "Không đạt".into()
                },
            ]
        })
        .collect();
    b.push(Block::Table(Table {
        cols: vec![
            TableCol {
                share: 0.7,
                align: Align::Center,
            },
            TableCol {
                share: 4.0,
                align: Align::Left,
            },
            TableCol {
                share: 1.6,
                align: Align::Center,
            },
            TableCol {
                share: 1.4,
                align: Align::Center,
            },
            TableCol {
                share: 1.5,
                align: Align::Center,
            },
        ],
        header: ["STT", "Đơn vị", "Số phiếu đồng ý", "Tỷ lệ", "Kết quả"]
            .map(String::from)
            .to_vec(),
        rows,
        size: 13.0,
        bold_rows: Vec::new(),
    }));
    let passed: Vec<String> = t.passed().map(|x| r.unit_name(x.unit)).collect();
    b.push(body(if passed.is_empty() {
        "Không có đơn vị nào đạt tỷ lệ phiếu theo quy chế.".to_string()
    } else {
        format!("Các đơn vị đạt tỷ lệ phiếu theo quy chế: {}.", passed.join(", "))
    }));
    let problems = ballot.problems(&r.members);
    for p in &problems {
        b.push(body(format!("Lưu ý: {}", p.message)));
    }
    b.push(body("Biên bản kiểm phiếu được lập và công bố trước Hội nghị./."));
    let head = ballot
        .board
        .iter()
        .find(|m| m.role.to_lowercase().contains("trưởng ban"));
    let others: Vec<String> = ballot
        .board
        .iter()
        .filter(|m| head.is_none_or(|h| !std::ptr::eq(*m, h)))
        .map(|m| m.name.clone())
        .collect();
    let left = signature_items(&Signer {
        authority: vec!["Các thành viên".into()],
        name: others.join(", "),
    });
    let right = signature_items(&Signer {
        authority: vec!["Trưởng Ban Kiểm phiếu".into()],
        name: head.map(|h| h.name.clone()).unwrap_or_default(),
    });
    b.push(Block::KeepTogether(vec![
        Block::Space(6.0),
        signature_row(&spec, left, right),
    ]));
    Pdf::new(format!("Biên bản kiểm phiếu {}", ballot.question), spec, &b)
}
