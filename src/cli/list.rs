//! `khoithidua list units|years|conferences [--year Y] [--json]`.

use super::{open_existing, CliError, CliResult, ListWhat};
use crate::domain::text::{date_dmy, json_printable, printable};
use crate::domain::unit::by_precedence;
use crate::store::Store;
use serde_json::{json, Value};
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, what: ListWhat, year: Option<i32>, as_json: bool) -> CliResult {
    let store = open_existing(file)?;
    let rows = match what {
        ListWhat::Units => units(&store, year)?,
        ListWhat::Years => years(&store, year)?,
        ListWhat::Conferences => conferences(&store, year)?,
    };
    if as_json {
        println!("{}", json_printable(&serde_json::to_string_pretty(&rows)?));
    } else {
        print_table(what, &rows);
    }
    Ok(ExitCode::SUCCESS)
}

fn units(store: &Store, year: Option<i32>) -> Result<Vec<Value>, CliError> {
    let mut units = store.units()?;
    if let Some(y) = year {
        let members = store.members(y)?;
        units.retain(|u| members.contains(&u.id));
    }
    units.sort_by(by_precedence);
    let today = chrono::Local::now().date_naive();
    Ok(units
        .iter()
        .map(|u| {
            let (name, short) = match year {
                Some(y) => (u.name_in_year(y).to_string(), u.current_short_name().to_string()),
                None => (u.current_name().to_string(), u.current_short_name().to_string()),
            };
            let head = u.head_on(today).or(u.heads.last());
            json!({
                "id": u.id,
                "precedence": u.precedence,
                "name": name,
                "short_name": short,
                "head": head.map(|h| h.name.clone()),
                "head_position": head.map(|h| h.position.clone()),
                "merged_into": u.merged_into,
            })
        })
        .collect())
}

fn years(store: &Store, only: Option<i32>) -> Result<Vec<Value>, CliError> {
    let units = store.units()?;
    let name = |id: i64| units.iter().find(|u| u.id == id).map(|u| u.current_name().to_string());
    let mut out = Vec::new();
    for y in store.years()? {
        if only.is_some_and(|o| o != y) {
            continue;
        }
        let l = store.leadership(y)?;
        out.push(json!({
            "id": y,
            "year": y,
            "members": store.members(y)?.len(),
            "head": l.as_ref().and_then(|l| name(l.head)),
            "deputy": l.as_ref().and_then(|l| l.deputy).and_then(name),
            "method": l.as_ref().map(|l| l.method.label()),
            "conferences": store.conferences(y)?.len(),
            "pledge_signed": store.pledge(y)?.map(|p| p.signed_count()),
        }));
    }
    Ok(out)
}

fn conferences(store: &Store, only: Option<i32>) -> Result<Vec<Value>, CliError> {
    let years = match only {
        Some(y) => vec![y],
        None => store.years()?,
    };
    let mut out = Vec::new();
    for y in years {
        let members = store.members(y)?.len();
        for c in store.conferences(y)? {
            out.push(json!({
                "id": c.id,
                "year": c.year,
                "kind": c.kind.label(),
                "date": date_dmy(c.date),
                "title": c.title,
                "place": c.place,
                "present": c.present_count(),
                "members": members,
                "tasks": c.tasks.len(),
            }));
        }
    }
    Ok(out)
}

/// A value as a table cell; text from the file is shown with its control characters escaped.
fn s(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) => printable(s),
        other => printable(&other.to_string()),
    }
}

fn print_table(what: ListWhat, rows: &[Value]) {
    if rows.is_empty() {
        println!("(không có dữ liệu)");
        return;
    }
    for r in rows {
        let line = match what {
            ListWhat::Units => format!(
                "{:>4}  {:<40} {:<16} {}",
                s(&r["id"]),
                s(&r["name"]),
                s(&r["short_name"]),
                match (s(&r["head_position"]), s(&r["head"])) {
                    (p, h) if h != "—" => format!("{p} {h}"),
                    _ => String::new(),
                }
            ),
            ListWhat::Years => format!(
                "{}  thành viên: {:<3} Khối trưởng: {:<36} Khối phó: {:<36} hội nghị: {}",
                s(&r["year"]),
                s(&r["members"]),
                s(&r["head"]),
                s(&r["deputy"]),
                s(&r["conferences"])
            ),
            ListWhat::Conferences => format!(
                "{:>4}  {}  {:<34} có mặt {}/{}  {}",
                s(&r["id"]),
                s(&r["date"]),
                s(&r["kind"]),
                s(&r["present"]),
                s(&r["members"]),
                s(&r["title"])
            ),
        };
        println!("{}", line.trim_end());
    }
}
