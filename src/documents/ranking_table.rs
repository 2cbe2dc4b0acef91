//! Bảng tổng hợp điểm và xếp hạng: landscape, one column per criteria group, with an optional
//! detailed appendix (every criterion of every unit).

use super::draft::{Attachment, Draft, Piece, SignLayout, Signatures};
use super::engine::{Align, Table, TableCol};
use super::{draft_base, head_signer, markup, recipients, Issue, Pdf, Unprintable};
use crate::domain::{Points, YearRecord};

/// Signed by the Khối trưởng and sent like a report (BC); the detailed scores follow as an
/// attachment numbered on its own.
pub fn ranking_table(r: &YearRecord, issue: &Issue, detailed: bool) -> Result<Pdf, Unprintable> {
    ranking_table_draft(r, issue, detailed).render()
}

pub fn ranking_table_draft(r: &YearRecord, issue: &Issue, detailed: bool) -> Draft {
    let mut b = Vec::new();
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
    header_row.extend(["Tự chấm", "Khối chấm", "Điểm thưởng", "Điểm trừ", "Tổng điểm"].map(String::from));
    // The votes column only when a suy tôn ballot was held; a unit not on it has a dash, never 0.
    let ballot = r.leading_ballot();
    if ballot.is_some() {
        header_row.push("Phiếu suy tôn".to_string());
    }
    const DASH: &str = "—";
    let or_dash = |p: Option<Points>| p.map(|p| p.to_string()).unwrap_or_else(|| DASH.to_string());
    let rows: Vec<Vec<String>> = ranking
        .iter()
        .map(|s| {
            // A unit the bloc has not scored has no total and no rank: dashes, not 0.
            let scored = sheet.entries.iter().any(|e| e.unit == s.unit && e.bloc_score.is_some());
            let rank = if scored { s.rank_label() } else { DASH.to_string() };
            let mut row = vec![rank, r.unit_name(s.unit)];
            for g in &groups {
                let scores: Vec<Points> = sheet
                    .criteria
                    .iter()
                    .filter(|c| c.group == *g)
                    .filter_map(|c| sheet.entry(s.unit, &c.code).and_then(|e| e.bloc_score))
                    .collect();
                row.push(or_dash((!scores.is_empty()).then(|| scores.into_iter().sum())));
            }
            let self_scored = sheet.entries.iter().any(|e| e.unit == s.unit && e.self_score.is_some());
            row.extend([
                or_dash(self_scored.then_some(s.self_total)),
                or_dash(scored.then_some(s.bloc_total)),
                s.bonus.to_string(),
                s.penalty.to_string(),
                or_dash(scored.then_some(s.total)),
            ]);
            if let Some(b) = ballot {
                let votes = b.candidates.iter().find(|c| c.unit == s.unit).map(|c| c.votes);
                row.push(votes.map(|v| v.to_string()).unwrap_or_else(|| DASH.to_string()));
            }
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
    cols.extend((0..if ballot.is_some() { 6 } else { 5 }).map(|_| TableCol {
        share: 1.0,
        align: Align::Center,
    }));
    b.push(Piece::Table(Table {
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
    let closing = format!(
        "Tổng điểm = điểm khối chấm + điểm thưởng − điểm trừ (thang điểm {}). Khi bằng tổng điểm, xét lần lượt: {tie}; các đơn vị vẫn bằng nhau thì đồng hạng.",
        r.rules.score_scale
    );
    let mut attachment = None;
    if detailed {
        // Each unit's name once, on a row across the table above its criteria.
        let mut rows = Vec::new();
        let mut bold_rows = Vec::new();
        for s in &ranking {
            bold_rows.push(rows.len());
            rows.push(vec![format!("{} (xếp hạng {})", r.unit_name(s.unit), s.rank)]);
            for c in &sheet.criteria {
                let e = sheet.entry(s.unit, &c.code);
                let show = |p: Option<Points>| p.map(|p| p.to_string()).unwrap_or_else(|| "—".into());
                rows.push(vec![
                    c.code.clone(),
                    c.name.clone(),
                    c.max_points.to_string(),
                    show(e.and_then(|e| e.self_score)),
                    show(e.and_then(|e| e.bloc_score)),
                ]);
            }
        }
        let table = Table {
            cols: vec![
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
            header: ["Mã", "Tiêu chí", "Tối đa", "Tự chấm", "Khối chấm"]
                .map(String::from)
                .to_vec(),
            rows,
            size: 11.0,
            bold_rows,
        };
        attachment = Some(Attachment {
            title: "CHI TIẾT ĐIỂM THEO TIÊU CHÍ".into(),
            of: "Bảng tổng hợp".into(),
            table,
        });
    }
    Draft {
        title: format!("Bảng tổng hợp điểm và xếp hạng năm {}", r.year),
        kind: format!("Bảng tổng hợp điểm và xếp hạng năm {}", r.year),
        subject: r.bloc.name.clone(),
        body: b,
        // The last paragraph stays with the signature; "Nơi nhận" bottom left, the signer bottom right.
        closing: markup::escape(&closing),
        signatures: Signatures {
            layout: SignLayout::Pairs,
            signers: vec![head_signer(r, issue.date)],
            heading: String::new(),
        },
        recipients: recipients(&r.bloc, false),
        attachment,
        ..draft_base(r, issue, Some("BC"), true)
    }
}
