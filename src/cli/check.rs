//! `khoithidua check FILE`: schema version, integrity, counts and every validation problem.

use super::{open_existing, CliResult};
use crate::store::Counts;
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, json: bool) -> CliResult {
    let store = open_existing(file)?;
    let health = store.health()?;
    let mut problems = Vec::new();
    for year in store.years()? {
        let record = store.load_year(year)?;
        for p in record.problems() {
            problems.push((year, p));
        }
    }
    let clean = health.integrity == "ok" && health.foreign_key_errors == 0 && problems.is_empty();
    if json {
        let out = serde_json::json!({
            "file": file.display().to_string(),
            "schema_version": health.schema_version,
            "integrity": health.integrity,
            "foreign_key_errors": health.foreign_key_errors,
            "counts": health.counts.0.iter().map(|(t, n)| (t.to_string(), *n)).collect::<std::collections::BTreeMap<_, _>>(),
            "problems": problems.iter().map(|(y, p)| serde_json::json!({"year": y, "field": p.field, "message": p.message})).collect::<Vec<_>>(),
            "clean": clean,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("Tệp: {}", file.display());
        println!("Phiên bản lược đồ: {}", health.schema_version);
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
                println!("  Năm {year} · {}: {}", p.field, p.message);
            }
        }
    }
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
