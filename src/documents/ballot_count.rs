//! Biên bản kiểm phiếu: the count of one ballot.

use super::draft::{Draft, Piece, SignLayout, Signatures};
use super::engine::{Align, Span, Style, Table, TableCol};
use super::nd30::Signer;
use super::{draft_base, markup, person_text, recipients, sign_name, Issue, Pdf, Unprintable};
use crate::domain::text::{date_in_words, time_in_words};
use crate::domain::{Ballot, BoardMember, YearRecord};

pub fn ballot_count(r: &YearRecord, ballot: &Ballot, issue: &Issue) -> Result<Pdf, Unprintable> {
    ballot_count_draft(r, ballot, issue).render()
}

pub fn ballot_count_draft(r: &YearRecord, ballot: &Ballot, issue: &Issue) -> Draft {
    let c = r.conference(ballot.conference);
    let mut b = Vec::new();
    if let Some(c) = c {
        // The time the count began, as recorded; never one made up from the conference's hours.
        let when = match ballot.counted_at {
            Some(t) => format!("Vào lúc {}, {}", time_in_words(t), date_in_words(c.date)),
            None => capitalized(&date_in_words(c.date)),
        };
        b.push(Piece::para(format!(
            "{when}, tại {}, trong khuôn khổ {}.",
            c.place, c.title
        )));
    }
    if ballot.board.is_empty() {
        b.push(Piece::para("Ban Kiểm phiếu do Hội nghị bầu đã tiến hành kiểm phiếu."));
    } else {
        b.push(Piece::para("Ban Kiểm phiếu gồm:"));
        for (i, m) in ballot.board.iter().enumerate() {
            let role = if m.role.trim().is_empty() {
                String::new()
            } else {
                format!(" - {}", m.role.trim())
            };
            b.push(Piece::para(format!(
                "{}. {}{role};",
                i + 1,
                person_text(&m.name, &m.position, true)
            )));
        }
    }
    b.push(Piece::para(format!(
        "Hình thức: bỏ phiếu kín; mỗi phiếu được chọn tối đa {} đơn vị. Ban Kiểm phiếu đã kiểm phiếu, kết quả như sau:",
        ballot.max_choices
    )));
    for (label, n) in [
        ("Số phiếu phát ra", ballot.issued),
        ("Số phiếu thu về", ballot.returned),
        ("Số phiếu hợp lệ", ballot.valid),
        ("Số phiếu không hợp lệ", ballot.invalid),
    ] {
        b.push(Piece::spans(&[
            Span::new(format!("- {label}: "), Style::Regular),
            Span::new(format!("{n} phiếu;"), Style::Bold),
        ]));
    }
    let t = r.tally_of(ballot);
    b.push(Piece::para(format!(
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
    b.push(Piece::Table(Table {
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
    b.push(Piece::para(if passed.is_empty() {
        "Không có đơn vị nào đạt tỷ lệ phiếu theo quy chế.".to_string()
    } else {
        format!("Các đơn vị đạt tỷ lệ phiếu theo quy chế: {}.", passed.join(", "))
    }));
    let problems = ballot.problems(&r.members, c);
    for p in &problems {
        b.push(Piece::para(format!("Lưu ý: {}", p.message)));
    }
    let (head, secretary, members) = board_roles(&ballot.board);
    let block = |authority: &str, name: &str| Signer {
        authority: vec![authority.to_string()],
        name: sign_name(name),
    };
    // THƯ KÝ left and TRƯỞNG BAN KIỂM PHIẾU right on the first row (as THƯ KÝ and CHỦ TỌA sign
    // minutes); then each other member in a block of their own, two to a row.
    // An empty cell: no secretary named.
    let empty = Signer {
        authority: Vec::new(),
        name: String::new(),
    };
    let mut signers = vec![
        secretary.map(|m| block("Thư ký", &m.name)).unwrap_or(empty.clone()),
        block(
            "Trưởng Ban Kiểm phiếu",
            head.map(|m| m.name.as_str()).unwrap_or_default(),
        ),
    ];
    signers.extend(members.into_iter().map(|m| {
        let role = m.role.trim();
        block(if role.is_empty() { "Thành viên" } else { role }, &m.name)
    }));
    Draft {
        title: format!("Biên bản kiểm phiếu {}", ballot.question),
        kind: "Biên bản kiểm phiếu".into(),
        subject: ballot.question.clone(),
        body: b,
        closing: markup::escape("Biên bản kiểm phiếu được lập và công bố trước Hội nghị./."),
        signatures: Signatures {
            layout: SignLayout::Board,
            signers,
            heading: String::new(),
        },
        recipients: recipients(&r.bloc, false),
        ..draft_base(r, issue, Some("BB"), false)
    }
}

/// "Ngày 20 tháng 12 năm 2022" from "ngày 20 tháng 12 năm 2022".
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The head of the counting board (role "Trưởng ban"), its secretary (role "Thư ký") and the
/// other members in their order. A "Phó Trưởng ban" is a member, not the head.
fn board_roles(board: &[BoardMember]) -> (Option<&BoardMember>, Option<&BoardMember>, Vec<&BoardMember>) {
    let role = |m: &BoardMember| m.role.trim().to_lowercase();
    let head = board
        .iter()
        .position(|m| role(m).starts_with("trưởng ban"))
        .or_else(|| {
            board
                .iter()
                .position(|m| role(m).contains("trưởng ban") && !role(m).contains("phó"))
        });
    let secretary = board
        .iter()
        .enumerate()
        .position(|(i, m)| Some(i) != head && role(m).contains("thư ký"));
    let members = board
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != head && Some(*i) != secretary)
        .map(|(_, m)| m)
        .collect();
    (head.map(|i| &board[i]), secretary.map(|i| &board[i]), members)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, role: &str) -> BoardMember {
        BoardMember {
            name: name.into(),
            position: String::new(),
            role: role.into(),
        }
    }

    #[test]
    fn the_board_is_read_by_role() {
        let board = [
            m("A", "Phó Trưởng ban"),
            m("B", "Thành viên"),
            m("C", "Thư ký"),
            m("D", "Trưởng ban"),
            m("E", ""),
        ];
        let (head, secretary, members) = board_roles(&board);
        assert_eq!(head.map(|m| m.name.as_str()), Some("D"));
        assert_eq!(secretary.map(|m| m.name.as_str()), Some("C"));
        let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["A", "B", "E"]);
        let (head, secretary, members) = board_roles(&[]);
        assert!(head.is_none() && secretary.is_none() && members.is_empty());
        assert_eq!(capitalized("ngày 20 tháng 12 năm 2022"), "Ngày 20 tháng 12 năm 2022");
    }
}
