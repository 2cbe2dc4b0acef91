//! Biên bản kiểm phiếu: the count of one ballot.

use super::engine::{Align, Block, ColItem, Span, Style, Table, TableCol};
use super::nd30::{self, body, body_spans, signature_items, Signer};
use super::{header, number_line, person_text, portrait, sign_name, Issue, Pdf, Unprintable};
use crate::domain::text::{date_in_words, time_in_words};
use crate::domain::{Ballot, YearRecord};

pub fn ballot_count(r: &YearRecord, ballot: &Ballot, issue: &Issue) -> Result<Pdf, Unprintable> {
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
            let role = if m.role.trim().is_empty() {
                String::new()
            } else {
                format!(" - {}", m.role.trim())
            };
            b.push(body(format!(
                "{}. {}{role};",
                i + 1,
                person_text(&m.name, &m.position, true)
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
    // The head of the counting board and each member sign in a block of their own; the head
    // signs last, bottom right, beside "Nơi nhận".
    let head = ballot
        .board
        .iter()
        .position(|m| m.role.to_lowercase().contains("trưởng ban"));
    let mut signers: Vec<Vec<ColItem>> = ballot
        .board
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != head)
        .map(|(_, m)| {
            let role = if m.role.trim().is_empty() {
                "Thành viên".to_string()
            } else {
                m.role.trim().to_string()
            };
            signature_items(&Signer {
                authority: vec![role],
                name: sign_name(&m.name),
            })
        })
        .collect();
    signers.push(signature_items(&Signer {
        authority: vec!["Trưởng Ban Kiểm phiếu".into()],
        name: sign_name(head.map(|h| ballot.board[h].name.as_str()).unwrap_or_default()),
    }));
    // A signature block never stands alone on a page: the last paragraph goes with it.
    let mut end: Vec<Block> = b.pop().into_iter().collect();
    end.push(Block::Space(6.0));
    end.extend(nd30::signatures_and_recipients(
        &spec,
        signers,
        nd30::recipients(&r.bloc.symbol, false),
    ));
    b.push(Block::KeepTogether(end));
    Pdf::new(
        format!("Biên bản kiểm phiếu {}", ballot.question),
        &r.bloc.name,
        spec,
        &b,
    )
}
