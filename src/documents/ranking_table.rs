//! Bảng tổng hợp điểm và xếp hạng: landscape, one column per criteria group, with an optional
//! detailed appendix (every criterion of every unit).

use super::engine::{Align, Block, PageSpec, Para, Style, Table, TableCol};
use super::nd30::{self, body};
use super::{header, Pdf};
use crate::domain::{Points, YearRecord};
use chrono::NaiveDate;

pub fn ranking_table(r: &YearRecord, date: NaiveDate, detailed: bool) -> Pdf {
    let spec = PageSpec::a4_landscape(r.bloc.margins);
    let mut b = vec![header(&spec, &r.bloc, None, date)];
    b.extend(nd30::title(
        &format!("Bảng tổng hợp điểm và xếp hạng năm {}", r.year),
        &r.bloc.name,
    ));
    let sheet = &r.score_sheet;
    let mut groups: Vec<&str> = Vec::new();
    for c in &sheet.criteria {
        if !groups.contains(&c.group.as_str()) {
            groups.push(&c.group);
        }
    }
    let group_max = |g: &str| -> Points {
        sheet
            .criteria
            .iter()
            .filter(|c| c.group == g)
            .map(|c| c.max_points)
            .sum()
    };
    let ranking = r.ranking();
    let mut header_row = vec!["Hạng".to_string(), "Đơn vị".to_string()];
    header_row.extend(groups.iter().map(|g| format!("{g} (tối đa {})", group_max(g))));
    header_row.extend(
        [
            "Tự chấm",
            "Khối chấm",
            "Điểm thưởng",
            "Điểm trừ",
            "Tổng điểm",
            "Phiếu suy tôn",
        ]
        .map(String::from),
    );
    let rows: Vec<Vec<String>> = ranking
        .iter()
        .map(|s| {
            let mut row = vec![s.rank_label(), r.unit_name(s.unit)];
            for g in &groups {
                let sum: Points = sheet
                    .criteria
                    .iter()
                    .filter(|c| c.group == *g)
                    .filter_map(|c| sheet.entry(s.unit, &c.code).and_then(|e| e.bloc_score))
                    .sum();
                row.push(sum.to_string());
            }
            row.extend([
                s.self_total.to_string(),
                s.bloc_total.to_string(),
                s.bonus.to_string(),
                s.penalty.to_string(),
                s.total.to_string(),
                s.votes.to_string(),
            ]);
            row
        })
        .collect();
    let mut cols = vec![
        TableCol {
            share: 1.7,
            align: Align::Center,
        },
        TableCol {
            share: 3.6,
            align: Align::Left,
        },
    ];
    cols.extend(groups.iter().map(|_| TableCol {
        share: 1.3,
        align: Align::Center,
    }));
    cols.extend((0..6).map(|_| TableCol {
        share: 1.0,
        align: Align::Center,
    }));
    b.push(Block::Table(Table {
        cols,
        header: header_row,
        rows,
        size: 11.0,
        bold_rows: Vec::new(),
    }));
    let tie = if r.rules.tie_breaks.is_empty() {
        "bằng điểm thì đồng hạng".to_string()
    } else {
        r.rules
            .tie_breaks
            .iter()
            .map(|t| t.label().to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    b.push(body(format!(
        "Tổng điểm = điểm khối chấm + điểm thưởng − điểm trừ (thang điểm {}). Khi bằng tổng điểm, xét lần lượt: {tie}; các đơn vị vẫn bằng nhau thì đồng hạng.",
        r.rules.score_scale
    )));
    if detailed {
        b.push(Block::PageBreak);
        b.push(Block::Para(Para::text(
            "CHI TIẾT ĐIỂM THEO TIÊU CHÍ",
            Style::Bold,
            14.0,
            Align::Center,
        )));
        let mut rows = Vec::new();
        for s in &ranking {
            for c in &sheet.criteria {
                let e = sheet.entry(s.unit, &c.code);
                let show = |p: Option<Points>| p.map(|p| p.to_string()).unwrap_or_else(|| "—".into());
                rows.push(vec![
                    r.unit_name(s.unit),
                    c.code.clone(),
                    c.name.clone(),
                    c.max_points.to_string(),
                    show(e.and_then(|e| e.self_score)),
                    show(e.and_then(|e| e.bloc_score)),
                ]);
            }
        }
        b.push(Block::Table(Table {
            cols: vec![
                TableCol {
                    share: 3.0,
                    align: Align::Left,
                },
                TableCol {
                    share: 0.8,
                    align: Align::Center,
                },
                TableCol {
                    share: 5.0,
                    align: Align::Left,
                },
                TableCol {
                    share: 1.0,
                    align: Align::Center,
                },
                TableCol {
                    share: 1.0,
                    align: Align::Center,
                },
                TableCol {
                    share: 1.0,
                    align: Align::Center,
                },
            ],
            header: ["Đơn vị", "Mã", "Tiêu chí", "Tối đa", "Tự chấm", "Khối chấm"]
                .map(String::from)
                .to_vec(),
            rows,
            size: 11.0,
            bold_rows: Vec::new(),
        }));
    }
    Pdf::new(format!("Bảng tổng hợp điểm và xếp hạng năm {}", r.year), spec, &b)
}
