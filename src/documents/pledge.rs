//! Bản giao ước thi đua of a year, with one signature cell per member unit.

use super::draft::{Draft, Piece, SignLayout, Signatures};
use super::engine::{Span, Style};
use super::nd30::Signer;
use super::{draft_base, Issue, Pdf, Unprintable};
use crate::domain::YearRecord;
use chrono::NaiveDate;

/// None when the year has no pledge.
pub fn pledge(r: &YearRecord, date: NaiveDate) -> Option<Result<Pdf, Unprintable>> {
    pledge_draft(r, date).map(|d| d.render())
}

/// None when the year has no pledge.
pub fn pledge_draft(r: &YearRecord, date: NaiveDate) -> Option<Draft> {
    let p = r.pledge.as_ref()?;
    let mut b = Vec::new();
    b.push(Piece::para(format!(
        "Thực hiện phong trào thi đua yêu nước năm {}, các cơ quan, đơn vị thành viên {} gồm:",
        r.year, r.bloc.name
    )));
    for (i, u) in r.member_units().iter().enumerate() {
        b.push(Piece::para(format!("{}. {};", i + 1, u.name_in_year(r.year))));
    }
    b.push(Piece::spans(&if p.theme.trim().is_empty() {
        vec![Span::new(
            "cùng thống nhất ký kết giao ước thi đua với các nội dung sau:",
            Style::Regular,
        )]
    } else {
        vec![
            Span::new("cùng thống nhất ký kết giao ước thi đua với chủ đề: ", Style::Regular),
            Span::new(format!("\u{201c}{}\u{201d}", p.theme.trim()), Style::BoldItalic),
            Span::new(", với các nội dung sau:", Style::Regular),
        ]
    }));
    for (i, item) in p.items.iter().enumerate() {
        b.push(Piece::spans(&[
            Span::new(format!("{}. ", i + 1), Style::Bold),
            Span::new(&item.content, Style::Regular),
        ]));
        if !item.target.is_empty() {
            b.push(Piece::spans(&[Span::new(
                format!("Chỉ tiêu: {}.", item.target.trim_end_matches('.')),
                Style::Italic,
            )]));
        }
    }
    b.push(Piece::para(format!(
        "Các cơ quan, đơn vị thành viên cam kết tổ chức thực hiện nghiêm túc các nội dung giao ước trên; định kỳ sơ kết, tổng kết, chấm điểm và bình xét theo Quy chế của Khối. Bản giao ước được lập thành {:02} bản, mỗi đơn vị giữ 01 bản, 01 bản gửi {}./.",
        r.members.len() + 1,
        r.bloc.emulation_board()
    )));
    let signers = r
        .member_units()
        .iter()
        .map(|u| {
            let s = p.signatures.iter().find(|s| s.unit == u.id);
            let mut authority = vec![u.name_in_year(r.year).to_string()];
            authority.extend(s.map(|s| s.signer_position.clone()).filter(|x| !x.is_empty()));
            Signer {
                authority,
                name: super::sign_name(s.map(|s| s.signer_name.as_str()).unwrap_or_default()),
            }
        })
        .collect();
    let issue = Issue { number: None, date };
    Some(Draft {
        title: format!("Bản giao ước thi đua năm {}", r.year),
        kind: format!("Bản giao ước thi đua năm {}", r.year),
        subject: r.bloc.name.clone(),
        body: b,
        signatures: Signatures {
            layout: SignLayout::Grid,
            signers,
            heading: "ĐẠI DIỆN CÁC CƠ QUAN, ĐƠN VỊ KÝ GIAO ƯỚC".into(),
        },
        ..draft_base(r, &issue, None, false)
    })
}
