//! `ranking`, `ballot`, `proposals` and `rotation`: the judgements of the bloc's rules, headless.

use super::{open_existing, CliError, CliResult};
use crate::domain::rotation::suggest;
use crate::domain::text::{date_dmy, json_printable, printable};
use crate::domain::{Year, YearRecord};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

fn print_json(v: &serde_json::Value) -> Result<(), CliError> {
    println!("{}", json_printable(&serde_json::to_string_pretty(v)?));
    Ok(())
}

pub fn ranking(file: &Path, year: Year, as_json: bool) -> CliResult {
    let record = open_existing(file)?.load_year(year)?;
    let ranking = record.ranking();
    if as_json {
        let rows: Vec<_> = ranking
            .iter()
            .map(|s| {
                json!({
                    "id": s.unit,
                    "unit": record.unit_name(s.unit),
                    "rank": s.rank,
                    "rank_label": s.rank_label(),
                    "shared": s.shared,
                    "self_total": s.self_total,
                    "bloc_total": s.bloc_total,
                    "bonus": s.bonus,
                    "penalty": s.penalty,
                    "total": s.total,
                    "votes": s.votes,
                    "missing": s.missing,
                })
            })
            .collect();
        print_json(&json!(rows))?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Bảng tổng hợp điểm và xếp hạng năm {year} — {}",
        printable(&record.bloc.name)
    );
    if record.score_sheet.criteria.is_empty() {
        println!("(chưa có bảng chấm điểm của năm {year})");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:<14} {:<36} {:>8} {:>9} {:>7} {:>5} {:>7} {:>5}",
        "Hạng", "Đơn vị", "Tự chấm", "Khối chấm", "Thưởng", "Trừ", "Tổng", "Phiếu"
    );
    for s in &ranking {
        let mut line = format!(
            "{:<14} {:<36} {:>8} {:>9} {:>7} {:>5} {:>7} {:>5}",
            s.rank_label(),
            printable(&record.unit_name(s.unit)),
            s.self_total.to_string(),
            s.bloc_total.to_string(),
            s.bonus.to_string(),
            s.penalty.to_string(),
            s.total.to_string(),
            s.votes
        );
        if s.missing > 0 {
            line.push_str(&format!("  (thiếu {} ô điểm)", s.missing));
        }
        println!("{line}");
    }
    println!("Tiêu chí phụ khi bằng điểm: {}", tie_breaks(&record));
    Ok(ExitCode::SUCCESS)
}

fn tie_breaks(r: &YearRecord) -> String {
    if r.rules.tie_breaks.is_empty() {
        return "không có (bằng điểm thì đồng hạng)".into();
    }
    r.rules
        .tie_breaks
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn ballot(file: &Path, id: i64, as_json: bool) -> CliResult {
    let store = open_existing(file)?;
    let ballot = store.ballot(id)?;
    let conference = store.conference(ballot.conference)?;
    let record = store.load_year(conference.year)?;
    let tally = record.tally_of(&ballot);
    let problems = ballot.problems(&record.members, Some(&conference));
    if as_json {
        print_json(&json!({
            "id": ballot.id,
            "question": ballot.question,
            "conference": conference.id,
            "counted_at": ballot.counted_at.map(|t| t.format("%H:%M").to_string()),
            "issued": ballot.issued,
            "returned": ballot.returned,
            "valid": ballot.valid,
            "invalid": ballot.invalid,
            "base": tally.base,
            "base_label": tally.base_label,
            "threshold": tally.threshold,
            "results": tally.results.iter().map(|r| json!({
                "id": r.unit,
                "unit": record.unit_name(r.unit),
                "votes": r.votes,
                "base": r.base,
                "percent": r.percent,
                "summary": r.summary(),
                "passed": r.passed,
            })).collect::<Vec<_>>(),
            "problems": problems,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", printable(&ballot.question));
    match ballot.counted_at {
        Some(t) => println!(
            "{} ngày {}, kiểm phiếu lúc {}",
            printable(&conference.title),
            date_dmy(conference.date),
            t.format("%H:%M")
        ),
        None => println!("{} ngày {}", printable(&conference.title), date_dmy(conference.date)),
    }
    println!(
        "Số phiếu phát ra: {}; thu về: {}; hợp lệ: {}; không hợp lệ: {}",
        ballot.issued, ballot.returned, ballot.valid, ballot.invalid
    );
    println!(
        "Tỷ lệ tính trên: {} ({}); ngưỡng: {}",
        tally.base_label, tally.base, tally.threshold
    );
    for r in &tally.results {
        println!(
            "  {:<36} {} — {}",
            printable(&record.unit_name(r.unit)),
            r.summary(),
            if r.passed { "Đạt" } else { "Không đạt" }
        );
    }
    for p in &problems {
        println!("Lỗi: {}", printable(&p.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn proposals(file: &Path, year: Year, as_json: bool) -> CliResult {
    let record = open_existing(file)?.load_year(year)?;
    let warnings = record.proposal_warnings();
    let suggested = record.suggested_proposals();
    let form_name = |code: &str| {
        record
            .rules
            .form(code)
            .map(|f| f.name.clone())
            .unwrap_or_else(|| code.to_string())
    };
    // Text from the file, as a terminal may show it.
    let shown_form = |code: &str| printable(&form_name(code));
    let shown_unit = |u| printable(&record.unit_name(u));
    if as_json {
        let proposals: Vec<_> = record
            .proposals
            .iter()
            .map(|p| {
                json!({
                    "id": p.id,
                    "form": p.form,
                    "form_name": form_name(&p.form),
                    "unit_id": p.unit,
                    "unit": record.unit_name(p.unit),
                    "rank": p.rank,
                    "score": p.score,
                    "votes": p.votes,
                    "votes_base": p.votes_base,
                    "status": p.status.label(),
                    "override_note": p.override_note,
                    "warnings": warnings.iter().filter(|w| w.proposal == p.id).collect::<Vec<_>>(),
                })
            })
            .collect();
        let suggested: Vec<_> = suggested
            .iter()
            .map(|p| {
                json!({
                    "form": p.form, "form_name": form_name(&p.form), "unit_id": p.unit,
                    "unit": record.unit_name(p.unit), "rank": p.rank, "votes": p.votes,
                    "votes_base": p.votes_base, "status": p.status.label(), "note": p.note,
                })
            })
            .collect();
        print_json(&json!({ "year": year, "proposals": proposals, "suggested": suggested }))?;
        return Ok(ExitCode::SUCCESS);
    }
    println!("Đề nghị khen thưởng năm {year} — {}", printable(&record.bloc.name));
    if record.proposals.is_empty() {
        println!("(chưa có đề nghị nào)");
    }
    for p in &record.proposals {
        let votes = match (p.votes, p.votes_base) {
            (Some(v), Some(b)) => format!(", {v}/{b} phiếu"),
            _ => String::new(),
        };
        println!(
            "{:>4}  {:<34} {}{} — {}",
            p.id,
            shown_form(&p.form),
            shown_unit(p.unit),
            votes,
            p.status.label()
        );
        for w in warnings.iter().filter(|w| w.proposal == p.id) {
            let tag = if w.overridden {
                "Đã chấp nhận (có ghi chú)"
            } else {
                "Cảnh báo"
            };
            println!("        {tag}: {}", printable(&w.message));
        }
        if !p.override_note.is_empty() {
            println!("        Ghi chú chấp nhận: {}", printable(&p.override_note));
        }
    }
    println!("Đề xuất theo quy chế:");
    if suggested.is_empty() {
        println!("  (chưa đủ kết quả bỏ phiếu hoặc chấm điểm để đề xuất)");
    }
    for p in &suggested {
        let votes = match (p.votes, p.votes_base) {
            (Some(v), Some(b)) => format!(" ({v}/{b} phiếu)"),
            _ => String::new(),
        };
        println!("  {}: {}{}{}", shown_form(&p.form), shown_unit(p.unit), votes, {
            if p.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", printable(&p.note))
            }
        });
    }
    Ok(ExitCode::SUCCESS)
}

pub fn rotation(file: &Path, year: Year, as_json: bool) -> CliResult {
    let store = open_existing(file)?;
    let history = store.leadership_history()?;
    // Members of the year to lead; a year not set up yet takes the latest year's members.
    let mut members = store.members(year)?;
    let mut record_year = year;
    if members.is_empty() {
        if let Some(&last) = store.years()?.iter().filter(|&&y| y < year).max() {
            members = store.members(last)?;
            record_year = last;
        }
    }
    let record = store.load_year(record_year)?;
    let mut ordered = record.member_units();
    ordered.retain(|u| members.contains(&u.id));
    let members: Vec<i64> = ordered.iter().map(|u| u.id).collect();
    let s = suggest(&record.rules.rotation, &history, &members, year, |u| {
        record.unit_name(u)
    });
    if as_json {
        print_json(&json!({
            "year": year,
            "method": record.rules.rotation.method.label(),
            "head_id": s.head,
            "head": s.head.map(|u| record.unit_name(u)),
            "deputy_id": s.deputy,
            "deputy": s.deputy.map(|u| record.unit_name(u)),
            "explanation": s.explanation,
            "decided": store.leadership(year)?.map(|l| json!({"head": record.unit_name(l.head), "deputy": l.deputy.map(|d| record.unit_name(d))})),
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Gợi ý Khối trưởng, Khối phó năm {year} ({})",
        record.rules.rotation.method.label().to_lowercase()
    );
    let shown = |u| printable(&record.unit_name(u));
    println!("  Khối trưởng: {}", s.head.map(shown).unwrap_or_else(|| "—".into()));
    println!("  Khối phó:    {}", s.deputy.map(shown).unwrap_or_else(|| "—".into()));
    for line in &s.explanation {
        println!("  {}", printable(line));
    }
    if let Some(l) = store.leadership(year)? {
        println!(
            "Đã ghi nhận quyết định của hội nghị: Khối trưởng {}{}.",
            shown(l.head),
            l.deputy.map(|d| format!(", Khối phó {}", shown(d))).unwrap_or_default()
        );
    }
    println!("Đây chỉ là gợi ý; quyết định là kết quả của hội nghị.");
    Ok(ExitCode::SUCCESS)
}
