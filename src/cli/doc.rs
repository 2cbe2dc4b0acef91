//! `khoithidua doc KIND … --out FILE`: a document in the format its file's extension names (.pdf;
//! .docx; .xlsx for the tables: score sheet, ranking, proposal list). `--draft` prints the
//! document's draft as JSON instead; `--from-draft FILE.json` renders a draft edited outside.

use super::{open_existing, CliError, CliResult};
use crate::app::drafts;
use crate::app::exports::{export_to, write_output, DocRequest, ExportOptions};
use crate::app::sheets::Sheet;
use crate::documents::Draft;
use crate::domain::text::printable;
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocKind {
    /// Biên bản hội nghị (--conference ID)
    Minutes,
    /// Biên bản kiểm phiếu (--ballot ID)
    Ballot,
    /// Tờ trình đề nghị khen thưởng kèm danh sách (--year); .xlsx: danh sách
    Proposal,
    /// Bản giao ước thi đua (--year)
    Pledge,
    /// Bảng tổng hợp điểm và xếp hạng (--year)
    Ranking,
    /// Bảng chấm điểm (--year), chỉ .xlsx
    Scores,
}

/// Which document, with what number and date: what `pdf` and `doc` share.
#[derive(Debug, clap::Args)]
pub struct Which {
    pub kind: DocKind,
    /// Năm (từ 1945 đến 2200)
    #[arg(long, value_name = "NĂM", value_parser = super::args::year)]
    pub year: Option<i32>,
    #[arg(long)]
    pub conference: Option<i64>,
    #[arg(long)]
    pub ballot: Option<i64>,
    /// Số văn bản, từ 1 đến 9999 (PDF; mặc định: số tiếp theo trong sổ văn bản)
    #[arg(long, value_name = "SỐ", value_parser = super::args::number)]
    pub number: Option<u32>,
    /// Ngày văn bản dd/mm/yyyy (mặc định: ngày đã cấp khi in lại; ngày hội nghị; tờ trình: ngày sau hội nghị tổng kết)
    #[arg(long, value_name = "dd/mm/yyyy", value_parser = super::args::date)]
    pub date: Option<chrono::NaiveDate>,
    /// Bảng xếp hạng: thêm phần chi tiết từng tiêu chí
    #[arg(long)]
    pub detailed: bool,
}

#[derive(Debug, clap::Args)]
pub struct DocArgs {
    #[command(flatten)]
    pub which: Which,
    /// Tệp sẽ ghi: .pdf, .docx, hoặc .xlsx (bảng chấm điểm, xếp hạng, danh sách đề nghị)
    #[arg(long, value_name = "TỆP")]
    pub out: Option<PathBuf>,
    /// In bản nháp của văn bản (JSON) ra màn hình thay vì ghi tệp
    #[arg(long, conflicts_with = "from_draft")]
    pub draft: bool,
    /// Ghi văn bản từ một bản nháp JSON đã sửa (không đổi gì trong tệp dữ liệu)
    #[arg(long, value_name = "TỆP.json")]
    pub from_draft: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Word,
    Excel,
}

fn format_of(out: &Path) -> Result<Format, CliError> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Ok(Format::Pdf),
        "docx" => Ok(Format::Word),
        "xlsx" => Ok(Format::Excel),
        _ => Err(CliError(format!(
            "Không biết ghi \u{201c}{}\u{201d} dạng gì: tên tệp phải có đuôi .pdf, .docx hoặc .xlsx.",
            printable(&out.display().to_string())
        ))),
    }
}

pub fn need<T>(v: Option<T>, what: &str) -> Result<T, CliError> {
    v.ok_or_else(|| CliError(format!("Thiếu {what}.")))
}

/// The document asked for; the score sheet has no paper of its own (only its Excel copy).
pub fn request(a: &Which) -> Result<DocRequest, CliError> {
    Ok(match a.kind {
        DocKind::Minutes => DocRequest::Minutes(need(
            a.conference,
            "--conference ID (số hội nghị; xem: khoithidua list conferences)",
        )?),
        DocKind::Ballot => DocRequest::BallotCount(need(a.ballot, "--ballot ID (số cuộc bỏ phiếu)")?),
        DocKind::Proposal => DocRequest::Proposal(need(a.year, "--year NĂM")?),
        DocKind::Pledge => DocRequest::Pledge(need(a.year, "--year NĂM")?),
        DocKind::Scores => return Err(CliError("Bảng chấm điểm chỉ có bản Excel: dùng --out TỆP.xlsx.".into())),
        DocKind::Ranking => DocRequest::Ranking {
            year: need(a.year, "--year NĂM")?,
            detailed: a.detailed,
        },
    })
}

pub fn run(file: &Path, args: &DocArgs) -> CliResult {
    let a = &args.which;
    if let Some(path) = &args.from_draft {
        return from_draft(file, path, args);
    }
    let today = chrono::Local::now().date_naive();
    if args.draft {
        let store = open_existing(file)?;
        let mut d = drafts::open(&store, &request(a)?, today)?.draft;
        if let Some(date) = a.date {
            d.header.date = date;
        }
        println!("{}", drafts::to_json(&d));
        return Ok(ExitCode::SUCCESS);
    }
    let out = need(args.out.clone(), "--out TỆP (.pdf, .docx hoặc .xlsx), hoặc --draft")?;
    let format = format_of(&out)?;
    let mut store = open_existing(file)?;
    let (what, note) = match (format, a.kind) {
        (Format::Excel, DocKind::Minutes | DocKind::Ballot | DocKind::Pledge) => {
            return Err(CliError(
                "Bản Excel có cho: scores (bảng chấm điểm), ranking (xếp hạng), proposal (danh sách đề nghị). Văn bản này hãy xuất .pdf hoặc .docx.".into(),
            ))
        }
        (Format::Excel, kind) => {
            let year = need(a.year, "--year NĂM")?;
            let sheet = match kind {
                DocKind::Scores => Sheet::Scores,
                DocKind::Ranking => Sheet::Ranking,
                _ => Sheet::Proposals,
            };
            let bytes = crate::app::sheets::make(&store, sheet, year)?;
            write_output(Some(file), &[], &out, &bytes)?;
            (sheet.label(year), "Excel".into())
        }
        (Format::Pdf, _) => {
            let made = export_to(
                &mut store,
                &request(a)?,
                &ExportOptions {
                    number: a.number,
                    date: a.date,
                },
                today,
                &out,
            )?;
            let note = format!(
                "{} trang{}",
                made.pdf.pages,
                made.number.map(|n| format!(", số {n}")).unwrap_or_default()
            );
            (made.pdf.title, note)
        }
        (Format::Word, _) => {
            if a.number.is_some() {
                return Err(CliError(
                    "Bản Word mang số đã cấp khi văn bản được xuất PDF hoặc phát hành; --number chỉ dùng cho .pdf."
                        .into(),
                ));
            }
            let mut d = drafts::open(&store, &request(a)?, today)?.draft;
            if let Some(date) = a.date.filter(|_| d.header.number.is_none()) {
                d.header.date = date;
            }
            write_word(file, &d, &out)?;
            (d.title.clone(), "bản Word".into())
        }
    };
    println!(
        "Đã ghi {}{}: {}",
        printable(&what),
        if note.is_empty() {
            String::new()
        } else {
            format!(" ({note})")
        },
        printable(&out.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

fn write_word(file: &Path, d: &Draft, out: &Path) -> Result<(), CliError> {
    let bytes = crate::documents::docx::docx(d)?;
    write_output(Some(file), &[], out, &bytes)?;
    Ok(())
}

/// Renders a draft read from `path` (as `--draft` printed it, then edited).
fn from_draft(file: &Path, path: &Path, a: &DocArgs) -> CliResult {
    let out = need(a.out.clone(), "--out TỆP (.pdf hoặc .docx)")?;
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError(format!(
            "Không đọc được bản nháp \u{201c}{}\u{201d}: {}",
            printable(&path.display().to_string()),
            crate::store::files::os_reason(&e)
        ))
    })?;
    let shown = printable(&path.display().to_string());
    // JSON first (a syntax error names its line), then the draft's shape from the value, so serde's
    // message carries no position of its own and can be said in Vietnamese.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        CliError(format!(
            "Tệp \u{201c}{shown}\u{201d} không phải JSON hợp lệ (dòng {}, cột {}).",
            e.line(),
            e.column()
        ))
    })?;
    let d: Draft = serde_path_to_error::deserialize(value).map_err(|e| {
        let place = e.path().to_string();
        CliError(format!(
            "Bản nháp \u{201c}{shown}\u{201d} không đúng dạng (ở {}): {}.",
            if place == "." {
                "gốc của tệp".to_string()
            } else {
                place
            },
            crate::store::bundle::serde_in_vietnamese(&e.inner().to_string())
        ))
    })?;
    let d = d.normalized();
    let reading = [path];
    match format_of(&out)? {
        Format::Pdf => {
            let pdf = d.render()?;
            write_output(Some(file), &reading, &out, &pdf.bytes)?;
        }
        Format::Word => {
            let bytes = crate::documents::docx::docx(&d)?;
            write_output(Some(file), &reading, &out, &bytes)?;
        }
        Format::Excel => return Err(CliError("Bản nháp là một văn bản: ghi ra .pdf hoặc .docx.".into())),
    }
    println!(
        "Đã ghi {} từ bản nháp: {}",
        printable(&d.title),
        printable(&out.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}
