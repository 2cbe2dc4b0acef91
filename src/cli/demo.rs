//! `khoithidua demo FILE [--years N --units N]`.

use super::{CliError, CliResult};
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, years: Option<i32>, units: Option<usize>) -> CliResult {
    if file.exists() {
        return Err(CliError(format!(
            "Tệp \u{201c}{}\u{201d} đã có; không ghi đè. Hãy chọn tên tệp khác.",
            file.display()
        )));
    }
    if let (Some(y), Some(u)) = (years, units) {
        if !(1..=100).contains(&y) || !(2..=500).contains(&u) {
            return Err(CliError("Số năm phải từ 1 đến 100 và số đơn vị từ 2 đến 500.".into()));
        }
    }
    crate::app::files::create_data_file(file, |store| {
        match (years, units) {
            (Some(y), Some(u)) => crate::demo::write_synthetic(store, y, u)?,
            _ => crate::demo::write_demo(store).map(|_| ())?,
        }
        store.mark_demo()
    })?;
    println!("Đã tạo tệp dữ liệu mẫu \u{201c}{}\u{201d}.", file.display());
    Ok(ExitCode::SUCCESS)
}
