//! Headless subcommands over the same store, for automation, tests and support.

mod args;
mod check;
mod demo;
mod doc;
mod list;
mod pdf;
mod rules;
mod safety;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "khoithidua",
    version,
    about = "Khối Thi Đua: hồ sơ năm của khối thi đua và các văn bản ký ban hành",
    long_about = "Khối Thi Đua: hồ sơ năm của khối thi đua và các văn bản ký ban hành.\n\
                  Không có lệnh: mở cửa sổ ứng dụng trên tệp dữ liệu mặc định (hoặc tệp --data).",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Tệp dữ liệu (mặc định: tệp trong thư mục dữ liệu của người dùng, hoặc biến KHOITHIDUA_DATA)
    #[arg(long, global = true, value_name = "TỆP")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tạo tệp dữ liệu mẫu (Khối thi đua Nội chính tỉnh Bình Định), hoặc một khối lớn để đo hiệu năng
    Demo {
        /// Tệp sẽ tạo (không ghi đè tệp có sẵn)
        file: PathBuf,
        /// Số năm của khối lớn tổng hợp (dùng cùng --units)
        #[arg(long, requires = "units")]
        years: Option<i32>,
        /// Số đơn vị của khối lớn tổng hợp (dùng cùng --years)
        #[arg(long, requires = "years")]
        units: Option<usize>,
    },
    /// Kiểm tra tệp dữ liệu: phiên bản lược đồ, tính toàn vẹn, số bản ghi, lỗi dữ liệu
    Check {
        /// Tệp cần kiểm tra (mặc định: --data hoặc tệp mặc định)
        file: Option<PathBuf>,
        /// In kết quả dạng JSON
        #[arg(long)]
        json: bool,
    },
    /// Liệt kê dữ liệu đã lưu
    List {
        what: ListWhat,
        /// Chỉ năm này (từ 1945 đến 2200)
        #[arg(long, value_name = "NĂM", value_parser = args::year)]
        year: Option<i32>,
        /// In dạng JSON (mảng bản ghi, mỗi bản ghi có id)
        #[arg(long)]
        json: bool,
    },
    /// Bảng tổng hợp điểm và xếp hạng của một năm
    Ranking {
        #[arg(long, value_name = "NĂM", value_parser = args::year)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Kết quả một cuộc bỏ phiếu: số phiếu, tỷ lệ, đạt hay không
    Ballot {
        /// Số (id) cuộc bỏ phiếu
        #[arg(long = "ballot", value_name = "ID")]
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Đề nghị khen thưởng của một năm, cảnh báo theo quy chế và đề xuất
    Proposals {
        #[arg(long, value_name = "NĂM", value_parser = args::year)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Xuất văn bản PDF theo Nghị định 30/2020
    Pdf(pdf::PdfArgs),
    /// Xuất văn bản theo đuôi tệp: .pdf, .docx (Word), .xlsx (bảng); --draft in bản nháp JSON
    Doc(doc::DocArgs),
    /// Bàn giao: ghi toàn bộ dữ liệu (mọi năm, quy chế, sổ văn bản) ra một tệp bàn giao
    ExportBundle {
        /// Tệp bàn giao (.json, hoặc .json.gz để nén)
        #[arg(long, value_name = "TỆP")]
        out: PathBuf,
        /// Nén gzip
        #[arg(long)]
        compress: bool,
    },
    /// Nhận bàn giao: kiểm tra tệp bàn giao và tạo tệp dữ liệu mới từ đó
    ImportBundle {
        /// Tệp bàn giao nhận được
        bundle: PathBuf,
        /// Ghi đè nếu tệp dữ liệu đích đã có
        #[arg(long)]
        force: bool,
    },
    /// Sao lưu tệp dữ liệu ngay vào thư mục backups bên cạnh
    Backup,
    /// Liệt kê các bản sao lưu của tệp dữ liệu
    Backups,
    /// Khôi phục tệp dữ liệu từ một bản sao lưu (tệp hiện tại được sao lưu trước)
    Restore {
        /// Bản sao lưu
        backup: PathBuf,
    },
    /// Lược đồ JSON của tệp bàn giao
    #[command(hide = true)]
    BundleSchema,
    /// Ghi liên tục (kiểm tra an toàn khi bị ngắt)
    #[command(hide = true)]
    WriteStream {
        #[arg(long, value_parser = args::year)]
        year: i32,
        #[arg(long)]
        count: u32,
        /// Dấu của lần chạy, ghi vào mọi bản ghi kèm số thứ tự của lần ghi
        #[arg(long, default_value = "ghi")]
        tag: String,
        /// Ghi gì: lần lượt hoạt động, bảng điểm, giao ước (all), hoặc chỉ một loại
        #[arg(long, value_enum, default_value = "all")]
        kinds: safety::StreamKinds,
    },
    /// Gợi ý Khối trưởng, Khối phó cho một năm theo quy tắc luân phiên của khối
    Rotation {
        /// Năm cần chọn Khối trưởng
        #[arg(long, value_name = "NĂM", value_parser = args::year)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    /// Đơn vị thành viên
    Units,
    /// Các năm: Khối trưởng, Khối phó, số thành viên
    Years,
    /// Hội nghị
    Conferences,
}

/// An error a command reports: a Vietnamese message for stderr.
#[derive(Debug)]
pub struct CliError(pub String);

impl<E: std::fmt::Display> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError(e.to_string())
    }
}

pub type CliResult = Result<ExitCode, CliError>;

/// The default data file: `KHOITHIDUA_DATA`, else `khoithidua.sqlite` in the platform's data folder.
pub fn default_data_file() -> Option<PathBuf> {
    crate::app::places::default_data_file()
}

/// The file a command works on: `--data`, else the default.
pub fn data_file(cli_data: &Option<PathBuf>) -> Result<PathBuf, CliError> {
    cli_data
        .clone()
        .or_else(default_data_file)
        .ok_or_else(|| CliError("Không xác định được thư mục dữ liệu của người dùng; hãy dùng --data TỆP.".into()))
}

/// Opens an existing data file for a command that only reads or edits (never creates one).
pub fn open_existing(path: &Path) -> Result<crate::store::Store, CliError> {
    if !path.exists() {
        return Err(CliError(format!(
            "Không tìm thấy tệp dữ liệu \u{201c}{}\u{201d}. Tạo tệp mẫu bằng: khoithidua demo \u{201c}{}\u{201d}",
            path.display(),
            path.display()
        )));
    }
    let store = crate::store::Store::open(path)?;
    for w in store.warnings() {
        eprintln!("Cảnh báo: {w}");
    }
    Ok(store)
}

/// Runs a parsed command; `None` means "open the window" and is handled by the caller.
pub fn run(cli: &Cli, command: &Command) -> ExitCode {
    let result = match command {
        Command::Demo { file, years, units } => demo::run(file, *years, *units),
        Command::Check { file, json } => match file {
            Some(f) => check::run(f, *json),
            None => data_file(&cli.data).and_then(|f| check::run(&f, *json)),
        },
        Command::List { what, year, json } => data_file(&cli.data).and_then(|f| list::run(&f, *what, *year, *json)),
        Command::Ranking { year, json } => data_file(&cli.data).and_then(|f| rules::ranking(&f, *year, *json)),
        Command::Ballot { id, json } => data_file(&cli.data).and_then(|f| rules::ballot(&f, *id, *json)),
        Command::Proposals { year, json } => data_file(&cli.data).and_then(|f| rules::proposals(&f, *year, *json)),
        Command::ExportBundle { out, compress } => {
            data_file(&cli.data).and_then(|f| safety::export_bundle(&f, out, *compress))
        }
        Command::ImportBundle { bundle, force } => {
            data_file(&cli.data).and_then(|f| safety::import_bundle(bundle, &f, *force))
        }
        Command::Backup => data_file(&cli.data).and_then(|f| safety::backup(&f)),
        Command::Backups => data_file(&cli.data).and_then(|f| safety::backups(&f)),
        Command::Restore { backup } => data_file(&cli.data).and_then(|f| safety::restore_backup(&f, backup)),
        Command::BundleSchema => {
            print!("{}", crate::store::bundle::schema_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::WriteStream {
            year,
            count,
            tag,
            kinds,
        } => data_file(&cli.data).and_then(|f| safety::write_stream(&f, *year, *count, tag, *kinds)),
        Command::Pdf(args) => data_file(&cli.data).and_then(|f| pdf::run(&f, args)),
        Command::Doc(args) => data_file(&cli.data).and_then(|f| doc::run(&f, args)),
        Command::Rotation { year, json } => data_file(&cli.data).and_then(|f| rules::rotation(&f, *year, *json)),
    };
    match result {
        Ok(code) => code,
        Err(CliError(msg)) => {
            // Names from the file may hold control characters: shown escaped, never obeyed.
            eprintln!("Lỗi: {}", crate::domain::text::printable_lines(&msg));
            ExitCode::FAILURE
        }
    }
}

/// Parses the arguments; clap's own errors get a Vietnamese first line.
pub fn parse() -> Result<Cli, ExitCode> {
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) => {
            use clap::error::ErrorKind::*;
            if matches!(
                e.kind(),
                DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return Err(ExitCode::SUCCESS);
            }
            eprintln!("Lỗi: lệnh không hợp lệ (xem: khoithidua --help).");
            let _ = e.print();
            Err(ExitCode::from(2))
        }
    }
}
