//! Handover and backups: `export-bundle`, `import-bundle`, `backup`, `backups`, `restore`; and the
//! hidden `write-stream` that the crash-safety harness kills at random moments.

use super::{open_existing, CliError, CliResult};
use crate::app::exports::write_output;
use crate::domain::text::date_dmy;
use crate::domain::{Activity, ActivityKind, Contribution};
use crate::store::backup::{list_backups, restore, Replaced};
use crate::store::bundle::{encode, import, read_file};
use crate::store::Store;
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

/// Writes `count` activities of `year`, one transaction each, printing "ok ID" after each commit.
/// What was printed must survive any kill.
pub fn write_stream(file: &Path, year: i32, count: u32) -> CliResult {
    let mut store = if file.exists() {
        open_existing(file)?
    } else {
        Store::open(file)?
    };
    let unit = match store.members(year)?.first() {
        Some(&u) => u,
        None => return Err(CliError(format!("Năm {year} chưa có đơn vị thành viên."))),
    };
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let mut a = Activity {
            id: 0,
            year,
            date: None,
            kind: ActivityKind::Other,
            title: format!("Ghi thử {i}"),
            description: "Kiểm tra an toàn dữ liệu khi bị ngắt đột ngột".repeat(4),
            contributions: vec![Contribution {
                unit,
                amount: i64::from(i) * 1000,
                note: String::new(),
            }],
        };
        let id = store.save_activity(&mut a)?;
        writeln!(out, "ok {id}").and_then(|()| out.flush())?;
    }
    Ok(ExitCode::SUCCESS)
}
