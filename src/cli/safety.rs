//! Handover and backups: `export-bundle`, `import-bundle`, `backup`, `backups`, `restore`; and the
//! hidden `write-stream` that the crash-safety harness kills at random moments.

use super::{open_existing, CliError, CliResult};
use crate::app::exports::write_output;
use crate::domain::text::date_dmy;
use crate::domain::{Activity, ActivityKind, Contribution};
use crate::store::backup::{list_backups, restore, Replaced};
use crate::store::bundle::{encode, import, read_file};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn export_bundle(file: &Path, out: &Path, compress: bool) -> CliResult {
    let store = open_existing(file)?;
    let now = chrono::Local::now().to_rfc3339();
    let bundle = store.export_bundle(&now)?;
    let compress = compress || out.extension().is_some_and(|e| e == "gz");
    let bytes = encode(&bundle, compress);
    write_output(Some(file), &[], out, &bytes)?;
    let total: u64 = bundle.manifest.counts.values().sum();
    println!(
        "Đã ghi tệp bàn giao \u{201c}{}\u{201d}: {} năm ({}), {total} bản ghi, {:.1} KB.",
        out.display(),
        bundle.manifest.years.len(),
        year_span(&bundle.manifest.years),
        bytes.len() as f64 / 1024.0
    );
    Ok(ExitCode::SUCCESS)
}

fn year_span(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => "không có".into(),
    }
}

pub fn import_bundle(bundle_file: &Path, target: &Path, overwrite: bool) -> CliResult {
    // Bounded: a regular file, at most 64 MiB compressed and 128 MiB of JSON (see docs/bundle.md).
    let bundle = read_file(bundle_file)?;
    import(&bundle, target, overwrite)?;
    println!(
        "Đã nhận bàn giao dữ liệu của {} ({}) vào \u{201c}{}\u{201d}.",
        bundle.manifest.bloc,
        year_span(&bundle.manifest.years),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn backup(file: &Path) -> CliResult {
    let store = open_existing(file)?;
    let path = store.backup_now("thu-cong")?;
    println!("Đã sao lưu vào \u{201c}{}\u{201d}.", path.display());
    Ok(ExitCode::SUCCESS)
}

pub fn backups(file: &Path) -> CliResult {
    let list = list_backups(file);
    if list.is_empty() {
        println!("(chưa có bản sao lưu nào)");
    }
    for b in list {
        println!(
            "{} {}  {:<32} {:>8.1} KB  {}",
            date_dmy(b.taken_at.date()),
            b.taken_at.format("%H:%M:%S"),
            b.reason_label(),
            b.size as f64 / 1024.0,
            b.path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn restore_backup(file: &Path, backup: &Path) -> CliResult {
    if !file.exists() {
        return Err(CliError(format!(
            "Không tìm thấy tệp dữ liệu \u{201c}{}\u{201d}.",
            file.display()
        )));
    }
    let replaced = restore(file, backup)?;
    let kept = match &replaced {
        Replaced::BackedUp(p) => format!(
            "Dữ liệu trước khi khôi phục được sao lưu tại \u{201c}{}\u{201d}.",
            p.display()
        ),
        Replaced::KeptAside(p) => format!("Tệp hỏng được giữ nguyên, chuyển sang \u{201c}{}\u{201d}.", p.display()),
    };
    println!(
        "Đã khôi phục \u{201c}{}\u{201d} từ \u{201c}{}\u{201d}. {kept}",
        file.display(),
        backup.display(),
    );
    Ok(ExitCode::SUCCESS)
}

/// What `write-stream` writes (the help of this hidden command is in Vietnamese like the others).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StreamKinds {
    /// Lần lượt: một hoạt động mới, cả bảng điểm, cả giao ước
    All,
    /// Chỉ thêm hoạt động
    Activities,
    /// Chỉ lưu lại bảng điểm của năm
    Scores,
    /// Chỉ lưu lại giao ước của năm
    Pledge,
}

/// Writes `count` records of `year`, one transaction each, for the crash-safety harness
/// (`tests/crash.rs`), which kills it at random moments. It first prints the connection's
/// settings ("pragma synchronous=N journal_mode=M"), then one line after each commit:
///
/// - "ok activity ID TOKEN": a new activity titled "Ghi thử TOKEN";
/// - "ok scores TOKEN": the score sheet saved again (`Store::save_score_sheet`, which replaces the
///   criteria, scores and bonuses) with TOKEN in every criterion's name and every bonus's reason,
///   and every self-assessed score set from TOKEN's number;
/// - "ok pledge TOKEN": the pledge saved again (`Store::save_pledge`, which replaces its contents and
///   signatures) with TOKEN in its theme, every content and every signer's position.
///
/// TOKEN is "TAG.N", N the number of the write. What was printed must survive any kill, and a
/// replaced sheet or pledge must be found wholly old or wholly new.
pub fn write_stream(file: &Path, year: i32, count: u32, tag: &str, kinds: StreamKinds) -> CliResult {
    use crate::domain::Points;
    let mut store = open_existing(file)?;
    let mut out = std::io::stdout().lock();
    let synchronous: i64 = store.conn().pragma_query_value(None, "synchronous", |r| r.get(0))?;
    let journal: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    writeln!(out, "pragma synchronous={synchronous} journal_mode={journal}").and_then(|()| out.flush())?;
    let unit = match store.members(year)?.first() {
        Some(&u) => u,
        None => return Err(CliError(format!("Năm {year} chưa có đơn vị thành viên."))),
    };
    // The sheet and the pledge as they were, each write replacing them with a marked copy.
    let sheet = store.score_sheet(year)?;
    let pledge = store.pledge(year)?;
    let order = match kinds {
        StreamKinds::All => vec![StreamKinds::Activities, StreamKinds::Scores, StreamKinds::Pledge],
        one => vec![one],
    };
    // Refused before the first write, not half-way through.
    if order.contains(&StreamKinds::Scores) && sheet.criteria.is_empty() {
        return Err(CliError(format!("Năm {year} chưa có bảng chấm điểm.")));
    }
    if order.contains(&StreamKinds::Pledge) && pledge.is_none() {
        return Err(CliError(format!("Năm {year} chưa có giao ước thi đua.")));
    }
    let plain = |s: &str| s.split(" [").next().unwrap_or_default().to_string();
    for i in 0..count {
        let token = format!("{tag}.{i}");
        match order[i as usize % order.len()] {
            StreamKinds::Scores => {
                let mut s = sheet.clone();
                for c in &mut s.criteria {
                    c.name = format!("{} [{token}]", plain(&c.name));
                }
                let max: std::collections::HashMap<String, i64> = s
                    .criteria
                    .iter()
                    .map(|c| (c.code.clone(), c.max_points.hundredths()))
                    .collect();
                for e in &mut s.entries {
                    let m = max.get(&e.criterion).copied().unwrap_or(0);
                    e.self_score = Some(Points::from_hundredths(i64::from(i) % (m + 1)));
                }
                for a in &mut s.adjustments {
                    a.reason = format!("{} [{token}]", plain(&a.reason));
                }
                store.save_score_sheet(&s)?;
                writeln!(out, "ok scores {token}")
            }
            StreamKinds::Pledge => {
                let Some(mut p) = pledge.clone() else {
                    return Err(CliError(format!("Năm {year} chưa có giao ước thi đua.")));
                };
                p.theme = format!("{} [{token}]", plain(&p.theme));
                for it in &mut p.items {
                    it.content = format!("{} [{token}]", plain(&it.content));
                }
                for s in &mut p.signatures {
                    s.signer_position = format!("{} [{token}]", plain(&s.signer_position));
                }
                store.save_pledge(&p)?;
                writeln!(out, "ok pledge {token}")
            }
            StreamKinds::Activities | StreamKinds::All => {
                let mut a = Activity {
                    id: 0,
                    year,
                    date: None,
                    kind: ActivityKind::Other,
                    title: format!("Ghi thử {token}"),
                    description: "Kiểm tra an toàn dữ liệu khi bị ngắt đột ngột".repeat(4),
                    contributions: vec![Contribution {
                        unit,
                        amount: i64::from(i) * 1000,
                        note: String::new(),
                    }],
                };
                let id = store.save_activity(&mut a)?;
                writeln!(out, "ok activity {id} {token}")
            }
        }
        .and_then(|()| out.flush())?;
    }
    Ok(ExitCode::SUCCESS)
}
