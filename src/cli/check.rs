//! `khoithidua check FILE`: schema version, integrity, counts and every validation problem.

use super::{CliError, CliResult};
use crate::domain::text::{json_printable, printable};
use crate::store::{Counts, Health, Store, LATEST_VERSION};
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, json: bool) -> CliResult {
    if !file.exists() {
        return Err(CliError(format!(
            "Không tìm thấy tệp dữ liệu \u{201c}{}\u{201d}.",
            file.display()
        )));
    }
    // Read-only: `check` reports and never migrates or backs up; an older schema is checked on a
    // migrated copy in memory and reported as the file has it.
    // The integrity check is the file's own, run beside the checks of the copy: `Store::health`
    // would check the copy in memory again (a third of a second on a 30-year, 500-unit file).
    let (_store, file_version, integrity, (foreign_key_errors, counts, problems)) =
        Store::open_for_check_while(file, |store| {
            let foreign_key_errors = store
                .conn()
                .prepare("PRAGMA foreign_key_check")?
                .query_map([], |_| Ok(()))?
                .count() as i64;
            Ok((foreign_key_errors, store.counts()?, store.all_problems()?))
        })?;
    let health = Health {
        schema_version: file_version,
        integrity,
        foreign_key_errors,
        counts,
    };
    let clean = health.integrity == "ok" && health.foreign_key_errors == 0 && problems.is_empty();
    if json {
        let out = serde_json::json!({
            "file": file.display().to_string(),
            "schema_version": health.schema_version,
            "integrity": health.integrity,
            "foreign_key_errors": health.foreign_key_errors,
            "counts": health.counts.0.iter().map(|(t, n)| (t.to_string(), *n)).collect::<std::collections::BTreeMap<_, _>>(),
            "problems": problems.iter().map(|(y, p)| serde_json::json!({"year": y, "field": p.field, "location": p.location, "message": p.message})).collect::<Vec<_>>(),
            "clean": clean,
        });
        println!("{}", json_printable(&serde_json::to_string_pretty(&out)?));
    } else {
        println!("Tệp: {}", printable(&file.display().to_string()));
        if health.schema_version < LATEST_VERSION {
            println!(
                "Phiên bản lược đồ: {} (sẽ được nâng cấp lên {LATEST_VERSION}, sau khi sao lưu, ở lần mở tiếp theo để làm việc)",
                health.schema_version
            );
        } else {
            println!("Phiên bản lược đồ: {}", health.schema_version);
        }
        println!(
            "Tính toàn vẹn: {}",
            if health.integrity == "ok" {
                "tốt"
            } else {
                &health.integrity
            }
        );
        println!("Lỗi khóa ngoại: {}", health.foreign_key_errors);
        println!("Số bản ghi:");
        for (table, n) in &health.counts.0 {
            println!("  {:<28} {n}", Counts::label(table));
        }
        if problems.is_empty() {
            println!("Không có lỗi dữ liệu.");
        } else {
            println!("Lỗi dữ liệu ({}):", problems.len());
            for (year, p) in &problems {
                println!("  Năm {year} · {}: {}", printable(&p.location), printable(&p.message));
            }
        }
    }
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
