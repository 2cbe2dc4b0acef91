//! `khoithidua pdf minutes|ballot|proposal|pledge|ranking … --out FILE.pdf`.

use super::doc::{request, Which};
use super::{open_existing, CliError, CliResult};
use crate::app::exports::{check_writable, export_to, write_output, ExportOptions};
use crate::domain::text::printable;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct PdfArgs {
    #[command(flatten)]
    pub which: Which,
    /// Tệp PDF sẽ ghi
    #[arg(long, value_name = "TỆP.pdf")]
    pub out: PathBuf,
    /// Ghi thêm nội dung chữ của văn bản (từng dòng) vào tệp này, để đối chiếu
    #[arg(long, value_name = "TỆP.txt")]
    pub text: Option<PathBuf>,
}

pub fn run(file: &Path, args: &PdfArgs) -> CliResult {
    let req = request(&args.which)?;
    let a = &args.which;
    let date = a.date;
    let mut store = open_existing(file)?;
    let today = chrono::Local::now().date_naive();
    if let Some(t) = &args.text {
        if crate::store::files::same_file(t, &args.out) {
            return Err(CliError("--text và --out không được là cùng một tệp.".into()));
        }
        // Refuse a protected or unwritable --text target (a missing folder) before anything is
        // written or numbered: a failed command leaves the data file as it was.
        check_writable(Some(file), &[], t)?;
    }
    let out = export_to(
        &mut store,
        &req,
        &ExportOptions { number: a.number, date },
        today,
        &args.out,
    )?;
    if let Some(t) = &args.text {
        write_output(Some(file), &[], t, format!("{}\n", out.pdf.lines.join("\n")).as_bytes())?;
    }
    println!(
        "Đã xuất {}{} ({} trang): {}",
        printable(&out.pdf.title),
        out.number.map(|n| format!(", số {n}")).unwrap_or_default(),
        out.pdf.pages,
        printable(&args.out.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}
