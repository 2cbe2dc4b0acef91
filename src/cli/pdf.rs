//! `khoithidua pdf minutes|ballot|proposal|pledge|ranking … --out FILE.pdf`.

use super::{open_existing, CliError, CliResult};
use crate::app::exports::{export_to, write_output, DocRequest, ExportOptions};
use crate::domain::text::printable;
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PdfKind {
    /// Biên bản hội nghị (--conference ID)
    Minutes,
    /// Biên bản kiểm phiếu (--ballot ID)
    Ballot,
    /// Tờ trình đề nghị khen thưởng kèm danh sách (--year)
    Proposal,
    /// Bản giao ước thi đua (--year)
    Pledge,
    /// Bảng tổng hợp điểm và xếp hạng (--year)
    Ranking,
}

#[derive(Debug, clap::Args)]
pub struct PdfArgs {
    pub kind: PdfKind,
    /// Năm (từ 1945 đến 2200)
    #[arg(long, value_name = "NĂM", value_parser = super::args::year)]
    pub year: Option<i32>,
    #[arg(long)]
    pub conference: Option<i64>,
    #[arg(long)]
    pub ballot: Option<i64>,
    /// Tệp PDF sẽ ghi
    #[arg(long, value_name = "TỆP.pdf")]
    pub out: PathBuf,
    /// Số văn bản, từ 1 đến 9999 (mặc định: số tiếp theo trong sổ văn bản)
    #[arg(long, value_name = "SỐ", value_parser = super::args::number)]
    pub number: Option<u32>,
    /// Ngày văn bản dd/mm/yyyy (mặc định: ngày đã cấp khi in lại; ngày hội nghị; tờ trình: ngày sau hội nghị tổng kết)
    #[arg(long, value_name = "dd/mm/yyyy", value_parser = super::args::date)]
    pub date: Option<chrono::NaiveDate>,
    /// Bảng xếp hạng: thêm phần chi tiết từng tiêu chí
    #[arg(long)]
    pub detailed: bool,
    /// Ghi thêm nội dung chữ của văn bản (từng dòng) vào tệp này, để đối chiếu
    #[arg(long, value_name = "TỆP.txt")]
    pub text: Option<PathBuf>,
}

fn need<T>(v: Option<T>, what: &str) -> Result<T, CliError> {
    v.ok_or_else(|| CliError(format!("Thiếu {what}.")))
}

pub fn run(file: &Path, a: &PdfArgs) -> CliResult {
    let req = match a.kind {
        PdfKind::Minutes => DocRequest::Minutes(need(
            a.conference,
            "--conference ID (số hội nghị; xem: khoithidua list conferences)",
        )?),
        PdfKind::Ballot => DocRequest::BallotCount(need(a.ballot, "--ballot ID (số cuộc bỏ phiếu)")?),
        PdfKind::Proposal => DocRequest::Proposal(need(a.year, "--year NĂM")?),
        PdfKind::Pledge => DocRequest::Pledge(need(a.year, "--year NĂM")?),
        PdfKind::Ranking => DocRequest::Ranking {
            year: need(a.year, "--year NĂM")?,
            detailed: a.detailed,
        },
    };
    let date = a.date;
    let mut store = open_existing(file)?;
    let today = chrono::Local::now().date_naive();
    if let Some(t) = &a.text {
        if crate::store::files::same_file(t, &a.out) {
            return Err(CliError("--text và --out không được là cùng một tệp.".into()));
        }
        // Refuse a protected --text target before anything is written or numbered.
        crate::store::files::output_target(t, file, &[])?;
    }
    let out = export_to(
        &mut store,
        &req,
        &ExportOptions { number: a.number, date },
        today,
        &a.out,
    )?;
    if let Some(t) = &a.text {
        write_output(Some(file), &[], t, format!("{}\n", out.pdf.lines.join("\n")).as_bytes())?;
    }
    println!(
        "Đã xuất {}{} ({} trang): {}",
        printable(&out.pdf.title),
        out.number.map(|n| format!(", số {n}")).unwrap_or_default(),
        out.pdf.pages,
        printable(&a.out.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}
