//! Bản giao ước thi đua of a year, with one signature cell per member unit.

use super::engine::{Align, Block, ColItem, Para, Span, Style};
use super::nd30::{self, body, body_spans, signature_grid};
use super::{header, portrait, Pdf, Unprintable};
use crate::domain::text::upper;
use crate::domain::YearRecord;
use chrono::NaiveDate;

/// Names of units and positions in the signature grid.
const GRID_SIZE: f32 = 13.0;
const GRID_FLOOR: f32 = 10.0;

/// None when the year has no pledge.
pub fn pledge(r: &YearRecord, date: NaiveDate) -> Option<Result<Pdf, Unprintable>> {
    let p = r.pledge.as_ref()?;
    let spec = portrait(r);
    let mut b = vec![header(&spec, &r.bloc, None, date)];
    b.extend(nd30::title(
        &format!("Bản giao ước thi đua năm {}", r.year),
        &r.bloc.name,
    ));
    b.push(body(format!(
        "Thực hiện phong trào thi đua yêu nước năm {}, các cơ quan, đơn vị thành viên {} gồm:",
        r.year, r.bloc.name
    )));
    for (i, u) in r.member_units().iter().enumerate() {
        b.push(body(format!("{}. {};", i + 1, u.name_in_year(r.year))));
    }
    b.push(body_spans(if p.theme.trim().is_empty() {
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
        b.push(body_spans(vec![
            Span::new(format!("{}. ", i + 1), Style::Bold),
            Span::new(&item.content, Style::Regular),
        ]));
        if !item.target.is_empty() {
            b.push(body_spans(vec![Span::new(
                format!("Chỉ tiêu: {}.", item.target.trim_end_matches('.')),
                Style::Italic,
            )]));
        }
    }
    b.push(body(format!(
        "Các cơ quan, đơn vị thành viên cam kết tổ chức thực hiện nghiêm túc các nội dung giao ước trên; định kỳ sơ kết, tổng kết, chấm điểm và bình xét theo Quy chế của Khối. Bản giao ước được lập thành {:02} bản, mỗi đơn vị giữ 01 bản, 01 bản gửi {}./.",
        r.members.len() + 1,
        r.bloc.emulation_board()
    )));
    let cells: Vec<Vec<ColItem>> = r
        .member_units()
        .iter()
        .map(|u| {
            let s = p.signatures.iter().find(|s| s.unit == u.id);
            let position = s.map(|s| s.signer_position.clone()).filter(|x| !x.is_empty());
            let name = super::sign_name(s.map(|s| s.signer_name.as_str()).unwrap_or_default());
            // 13 pt, wrapped at spaces only: a word wider than the cell shrinks the cell's text
            // (down to 10 pt) rather than being split.
            let line = |text: String, size: f32| {
                let mut p = Para::text(text, Style::Bold, size, Align::Center);
                p.shrink_floor = GRID_FLOOR;
                p.balance = true;
                ColItem::Para(p)
            };
            let mut items = vec![line(upper(u.name_in_year(r.year)), GRID_SIZE)];
            if let Some(pos) = position {
                items.push(line(upper(&pos), GRID_SIZE));
            }
            items.push(ColItem::Space(22.0 * super::engine::MM));
            items.push(ColItem::Fill);
            items.push(line(name, 14.0));
            items
        })
        .collect();
    let mut grid = signature_grid(&spec, cells, 3);
    let mut heading = Para::text(
        "ĐẠI DIỆN CÁC CƠ QUAN, ĐƠN VỊ KÝ GIAO ƯỚC",
        Style::Bold,
        14.0,
        Align::Center,
    );
    heading.space_before = 10.0;
    heading.space_after = 8.0;
    // The grid's heading never stands alone at the foot of a page.
    let first_row = grid.remove(0);
    b.push(Block::KeepTogether(vec![Block::Para(heading), first_row]));
    b.extend(grid);
    Some(Pdf::new(
        format!("Bản giao ước thi đua năm {}", r.year),
        &r.bloc.name,
        spec,
        &b,
    ))
}
