//! Tờ trình đề nghị khen thưởng with its Danh sách kèm theo.

use super::draft::{Attachment, Draft, Piece, SignLayout, Signatures};
use super::engine::{Align, Span, Style, Table, TableCol};
use super::{draft_base, head_signer, markup, recipients, Issue, Pdf, Unprintable};
use crate::domain::award::ProposalStatus;
use crate::domain::tally::percent_text;
use crate::domain::text::{date_dmy, paragraphs};
use crate::domain::{BallotPurpose, Conference, ConferenceKind, Proposal, YearRecord};

/// A cell whose value was not recorded: never 0.
const DASH: &str = "—";

/// What the year's record proves about how the proposals were reached, and nothing more: the
/// signed pledge, the score sheet ("chấm điểm"), a ballot at the tổng kết ("bỏ phiếu kín", its
/// counts on each line), a decision by consensus ("thống nhất").
fn grounds(r: &YearRecord, year_end: Option<&Conference>) -> String {
    let mut out = String::new();
    if let Some(p) = r.pledge.as_ref().filter(|p| p.signatures.iter().any(|s| s.signed)) {
        let date = p
            .signing_conference
            .and_then(|c| r.conference(c))
            .map(|c| c.date)
            .or_else(|| p.signatures.iter().filter_map(|s| s.signed_on).min());
        out.push_str(&format!(
            "Năm {}, các cơ quan, đơn vị thành viên {} đã ký kết Giao ước thi đua{}. ",
            r.year,
            r.bloc.name,
            date.map(|d| format!(" ngày {}", date_dmy(d))).unwrap_or_default()
        ));
    }
    let scored = r.has_bloc_scores();
    let voted = |c: &Conference| {
        r.ballots.iter().any(|b| {
            b.conference == c.id
                && matches!(b.purpose, BallotPurpose::LeadingUnit | BallotPurpose::Award(_))
                && !b.candidates.is_empty()
        })
    };
    let agreed = r.proposals.iter().any(|p| listed(p) && p.by_consensus);
    let mut acts = Vec::new();
    if year_end.is_some_and(voted) {
        acts.push("bỏ phiếu kín");
    }
    if agreed {
        acts.push("thống nhất");
    }
    let basis = if scored {
        format!("trên cơ sở kết quả chấm điểm thi đua năm {}, ", r.year)
    } else {
        String::new()
    };
    match (year_end, acts.is_empty()) {
        (Some(c), false) => out.push_str(&format!(
            "Tại Hội nghị tổng kết ngày {}, {basis}các đơn vị đã {} đề nghị khen thưởng; kết quả như sau:",
            date_dmy(c.date),
            acts.join(" và ")
        )),
        _ if scored => out.push_str(&format!(
            "Trên cơ sở kết quả chấm điểm thi đua năm {}, {} đề nghị khen thưởng như sau:",
            r.year, r.bloc.name
        )),
        _ => out.push_str(&format!("{} đề nghị khen thưởng như sau:", r.bloc.name)),
    }
    out
}

/// The paragraphs of a note in one table cell, which keeps no line break: a paragraph that ends a
/// sentence is followed by a space, another by "; " (never glued, never an empty piece).
fn run_in(note: &str) -> String {
    let mut out = String::new();
    for para in paragraphs(note) {
        if !out.is_empty() {
            out.push_str(if out.ends_with(['.', '!', '?', ';', ':', '…']) {
                " "
            } else {
                "; "
            });
        }
        out.push_str(&para);
    }
    out
}

fn listed(p: &Proposal) -> bool {
    !matches!(p.status, ProposalStatus::Deferred | ProposalStatus::Refused)
}

pub fn proposal(r: &YearRecord, issue: &Issue) -> Result<Pdf, Unprintable> {
    proposal_draft(r, issue).render()
}

pub fn proposal_draft(r: &YearRecord, issue: &Issue) -> Draft {
    let mut b = Vec::new();
    for line in super::basis::legal_basis_lines(r, issue.date) {
        b.push(Piece::para(line));
    }
    let year_end = r.conferences.iter().rev().find(|c| c.kind == ConferenceKind::YearEnd);
    if let Some(c) = year_end {
        b.push(Piece::para(super::basis::minutes_line(r, c)));
    }
    b.push(Piece::para(grounds(r, year_end)));
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
        // All agreed without a ballot: say so once for the award, not after every name.
        let all_agreed = units
            .iter()
            .all(|p| p.by_consensus && (p.votes.is_none() || p.votes_base.is_none()));
        if all_agreed {
            let how = if form.leading_only {
                "Hội nghị thống nhất suy tôn"
            } else {
                "Hội nghị thống nhất đề nghị"
            };
            let names: Vec<String> = units.iter().map(|p| r.unit_name(p.unit)).collect();
            b.push(Piece::para(format!(
                "{n}. Đề nghị tặng {} cho {:02} tập thể ({how}): {}.",
                form.name,
                units.len(),
                names.join("; ")
            )));
            continue;
        }
        let names: Vec<String> = units
            .iter()
            .map(|p| match (p.votes, p.votes_base) {
                (Some(v), Some(base)) => format!(
                    "{} (đạt {v}/{base} phiếu, tỷ lệ {}%)",
                    r.unit_name(p.unit),
                    percent_text(v, base, r.rules.percent_decimals)
                ),
                _ if p.by_consensus && form.leading_only => {
                    format!("{} (Hội nghị thống nhất suy tôn)", r.unit_name(p.unit))
                }
                _ if p.by_consensus => format!("{} (Hội nghị thống nhất đề nghị)", r.unit_name(p.unit)),
                _ => r.unit_name(p.unit),
            })
            .collect();
        b.push(Piece::para(format!(
            "{n}. Đề nghị tặng {} cho {:02} tập thể: {}.",
            form.name,
            units.len(),
            names.join("; ")
        )));
    }
    if n == 0 {
        b.push(Piece::para("Năm nay Khối không đề nghị khen thưởng tập thể nào."));
    } else {
        b.push(Piece::spans(&[Span::new("(Có danh sách kèm theo)", Style::Italic)]));
    }
    Draft {
        title: format!("Tờ trình đề nghị khen thưởng năm {}", r.year),
        kind: "Tờ trình".into(),
        subject: format!(
            "Về việc đề nghị khen thưởng năm {} cho các tập thể thuộc {}",
            r.year, r.bloc.name
        ),
        addressee: markup::escape(&r.bloc.addressee),
        body: b,
        closing: markup::escape(&format!(
            "{} kính trình {} xem xét, quyết định./.",
            r.bloc.name, r.bloc.addressee
        )),
        // "Nơi nhận" bottom left, the signer bottom right.
        signatures: Signatures {
            layout: SignLayout::Pairs,
            signers: vec![head_signer(r, issue.date)],
            heading: String::new(),
        },
        recipients: recipients(&r.bloc, true),
        // The attached list, on a page of its own and numbered on its own.
        attachment: Some(Attachment {
            title: format!("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {}", r.year),
            of: "Tờ trình".into(),
            table: attached_list(r),
        }),
        ..draft_base(r, issue, Some("TTr"), false)
    }
}

/// The attached list of proposals: one row per unit proposed, by award form (the Excel copy
/// holds the same rows).
pub(crate) fn attached_list(r: &YearRecord) -> Table {
    let ranking = r.ranking();
    let mut rows = Vec::new();
    for form in &r.rules.award_forms {
        for p in r.proposals.iter().filter(|p| p.form == form.code && listed(p)) {
            // Only a score sheet gives a score and a rank: a year without one has neither (a dash).
            let standing = ranking.iter().find(|s| s.unit == p.unit && r.scored(s));
            let score_rank = match (
                p.score.or(standing.map(|s| s.total)),
                p.rank.or(standing.map(|s| s.rank)),
            ) {
                (Some(s), Some(k)) => format!("{s} / {k}"),
                (Some(s), None) => s.to_string(),
                (None, Some(k)) => format!("hạng {k}"),
                _ => DASH.to_string(),
            };
            let (votes, pct) = match (p.votes, p.votes_base) {
                (Some(v), Some(base)) => (
                    format!("{v}/{base}"),
                    format!("{}%", percent_text(v, base, r.rules.percent_decimals)),
                ),
                _ if p.by_consensus => ("Thống nhất".to_string(), DASH.to_string()),
                _ => (DASH.to_string(), DASH.to_string()),
            };
            let note = [p.note.as_str(), p.override_note.as_str()]
                .into_iter()
                .map(run_in)
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
    Table {
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
    }
}

#[cfg(test)]
mod tests {
    use super::run_in;

    #[test]
    fn a_note_of_several_paragraphs_runs_in_one_cell() {
        assert_eq!(run_in(""), "");
        assert_eq!(run_in("Một câu.\n\n  Câu hai.  "), "Một câu. Câu hai.");
        assert_eq!(
            run_in("Thành tích đột xuất\nHội nghị thống nhất"),
            "Thành tích đột xuất; Hội nghị thống nhất"
        );
    }
}
