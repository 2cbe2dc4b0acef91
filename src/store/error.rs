//! What can go wrong with the data file, said in Vietnamese for the person in front of it.

use crate::domain::Problem;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Thư mục \u{201c}{}\u{201d} không tồn tại. Hãy chọn một thư mục có sẵn.", .0.display())]
    MissingFolder(PathBuf),
    #[error("\u{201c}{}\u{201d} là một thư mục, không phải tệp dữ liệu.", .0.display())]
    IsFolder(PathBuf),
    #[error("Tệp \u{201c}{}\u{201d} rỗng (0 byte), không phải tệp dữ liệu của Khối Thi Đua. Tệp được giữ nguyên.", .0.display())]
    Empty(PathBuf),
    #[error("Tệp \u{201c}{}\u{201d} không phải tệp dữ liệu của Khối Thi Đua (không phải cơ sở dữ liệu SQLite). Tệp được giữ nguyên.", .0.display())]
    NotSqlite(PathBuf),
    #[error("Tệp \u{201c}{}\u{201d} là cơ sở dữ liệu của một phần mềm khác, không phải của Khối Thi Đua. Tệp được giữ nguyên.", .0.display())]
    OtherApplication(PathBuf),
    #[error("Tệp \u{201c}{}\u{201d} được ghi bởi phiên bản mới hơn của Khối Thi Đua (lược đồ {found}; phiên bản này đọc được tới lược đồ {supported}). Hãy cập nhật phần mềm; tệp được giữ nguyên.", .path.display())]
    NewerVersion { path: PathBuf, found: i64, supported: i64 },
    #[error("Tệp \u{201c}{}\u{201d} bị hỏng ({}). Hãy khôi phục từ bản sao lưu; tệp được giữ nguyên.", .0.display(), .1)]
    Corrupt(PathBuf, String),
    #[error("Tệp \u{201c}{}\u{201d} đang được mở bởi một cửa sổ hoặc lệnh Khối Thi Đua khác. Hãy đóng cửa sổ đó rồi thử lại.", .0.display())]
    Locked(PathBuf),
    #[error("Tệp \u{201c}{}\u{201d} chỉ cho phép đọc. Hãy bỏ thuộc tính chỉ đọc hoặc sao chép tệp sang thư mục khác.", .0.display())]
    ReadOnly(PathBuf),
    #[error("Không mở được tệp \u{201c}{}\u{201d}: {}", .0.display(), .1)]
    Open(PathBuf, String),
    #[error("Lỗi đọc/ghi tệp \u{201c}{}\u{201d}: {}", .0.display(), .1)]
    Io(PathBuf, String),
    #[error("Không nâng cấp được dữ liệu: {0}")]
    Migration(String),
    #[error("Không tìm thấy {0}.")]
    NotFound(String),
    #[error("Dữ liệu đã lưu không hợp lệ: {0}")]
    BadValue(String),
    #[error("Dữ liệu chưa hợp lệ: {}", .0.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<Problem>),
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    pub(crate) fn open(path: &Path, e: rusqlite::Error) -> Self {
        StoreError::Open(path.to_path_buf(), e.to_string())
    }

    pub(crate) fn io(path: &Path, e: std::io::Error) -> Self {
        StoreError::Io(path.to_path_buf(), e.to_string())
    }
}
