//! What can go wrong with the data file, said in Vietnamese for the person in front of it.

use crate::domain::Problem;
use rusqlite::ffi;
use std::path::{Path, PathBuf};

/// `Clone`, so that a result can ride in a window message (the engine's error is shared).
#[derive(Debug, Clone, thiserror::Error)]
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
    #[error("\u{201c}{}\u{201d} là một bản sao lưu của tệp dữ liệu \u{201c}{}\u{201d}: mở để làm việc sẽ làm nó không còn là bản sao lúc được lưu. Hãy mở tệp dữ liệu đó và dùng \u{201c}Khôi phục\u{201d}; bản sao lưu được giữ nguyên.", .0.display(), .1)]
    IsBackup(PathBuf, String),
    #[error("Không ghi vào \u{201c}{}\u{201d}: đó là {what}. Hãy chọn tên tệp khác.", .target.display())]
    ProtectedTarget { target: PathBuf, what: String },
    #[error("Lỗi đọc/ghi tệp \u{201c}{}\u{201d}: {}", .0.display(), .1)]
    Io(PathBuf, String),
    #[error("Không nâng cấp được dữ liệu: {0}")]
    Migration(String),
    #[error("Không tìm thấy {0}.")]
    NotFound(String),
    #[error("Dữ liệu đã lưu không hợp lệ: {0}")]
    BadValue(String),
    /// Every problem, each with where it is in words and what is wrong ("Đơn vị “…” · tên 1 · tên
    /// viết tắt: Tên viết tắt không được để trống.").
    #[error("Dữ liệu chưa hợp lệ, chưa lưu: {}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    /// An error of the database engine, in Vietnamese first; SQLite's own words only after.
    #[error("{}", sqlite_message(.0))]
    Sqlite(std::sync::Arc<rusqlite::Error>),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(std::sync::Arc::new(e))
    }
}

impl StoreError {
    pub(crate) fn open(path: &Path, e: rusqlite::Error) -> Self {
        StoreError::Open(path.to_path_buf(), e.to_string())
    }

    pub(crate) fn io(path: &Path, e: std::io::Error) -> Self {
        StoreError::Io(path.to_path_buf(), super::files::os_reason(&e))
    }

    /// `Err(Invalid)` when there is any problem, each located from `record` ("Hội nghị “…”").
    pub(crate) fn refuse(problems: Vec<Problem>, record: &str) -> Result<(), StoreError> {
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(
                problems.into_iter().map(|p| p.at(record)).collect(),
            ))
        }
    }
}

/// The Vietnamese name of a table, as a record kind.
fn table_words(table: &str) -> &'static str {
    match table {
        "bloc" => "thông tin khối",
        "rules" => "quy chế",
        "units" => "đơn vị",
        "unit_names" => "tên đơn vị",
        "unit_heads" => "thủ trưởng đơn vị",
        "members" => "danh sách thành viên",
        "conferences" => "hội nghị",
        "conference_attendance" => "điểm danh hội nghị",
        "conference_guests" => "đại biểu hội nghị",
        "conference_sections" => "nội dung hội nghị",
        "conference_tasks" => "nhiệm vụ hội nghị",
        "leadership" => "Khối trưởng, Khối phó",
        "pledges" => "giao ước",
        "pledge_items" => "nội dung giao ước",
        "pledge_signatures" => "chữ ký giao ước",
        "criteria" => "tiêu chí chấm điểm",
        "scores" => "ô điểm",
        "adjustments" => "khoản cộng/trừ điểm",
        "ballots" => "cuộc bỏ phiếu",
        "ballot_board" => "ban kiểm phiếu",
        "ballot_candidates" => "ứng viên bỏ phiếu",
        "proposals" => "đề nghị khen thưởng",
        "decisions" => "quyết định khen thưởng",
        "decision_results" => "kết quả quyết định",
        "sector_awards" => "khen thưởng của ngành",
        "discipline" => "danh sách kỷ luật",
        "activities" => "hoạt động chung",
        "contributions" => "khoản đóng góp",
        "register" => "sổ văn bản",
        "settings" => "cài đặt",
        _ => "bản ghi",
    }
}

/// The Vietnamese name of a column.
fn column_words(column: &str) -> &str {
    match column {
        "year" => "năm",
        "unit_id" => "đơn vị",
        "id" => "mã số",
        "ord" => "thứ tự",
        "code" | "criterion" => "mã tiêu chí",
        "doc_type" => "loại văn bản",
        "number" => "số",
        "conference_id" => "hội nghị",
        "ballot_id" => "cuộc bỏ phiếu",
        "proposal_id" => "đề nghị",
        "decision_id" => "quyết định",
        "activity_id" => "hoạt động",
        "key" => "khóa",
        "votes" => "số phiếu",
        "amount" => "số tiền",
        "head_unit" => "Khối trưởng",
        "deputy_unit" => "Khối phó",
        other => other,
    }
}

/// "register.year, register.doc_type, register.number" → ("sổ văn bản", "năm, loại văn bản, số").
fn columns_in_words(detail: &str) -> (&'static str, String) {
    let list = detail.rsplit_once(": ").map(|(_, l)| l).unwrap_or("");
    let mut table = "bản ghi";
    let cols: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| match c.split_once('.') {
            Some((t, col)) => {
                table = table_words(t);
                column_words(col)
            }
            None => column_words(c),
        })
        .collect();
    (table, cols.join(", "))
}

/// An SQLite error as a Vietnamese sentence that says what happened and what to do; SQLite's own
/// (English) words follow in brackets, for support.
pub fn sqlite_message(e: &rusqlite::Error) -> String {
    let detail = e.to_string();
    let Some(err) = e.sqlite_error() else {
        return match e {
            rusqlite::Error::QueryReturnedNoRows => "Không tìm thấy bản ghi cần đọc.".into(),
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => format!(
                "Dữ liệu đã lưu trong tệp có giá trị không đọc được (chi tiết SQLite: {detail}). Hãy chạy \u{201c}khoithidua check\u{201d} hoặc khôi phục từ bản sao lưu."
            ),
            _ => format!("Lỗi cơ sở dữ liệu (chi tiết SQLite: {detail})."),
        };
    };
    let sentence = match err.extended_code {
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            "Bản ghi tham chiếu tới một đơn vị, hội nghị, đề nghị hoặc bản ghi khác không tồn tại, \
             hoặc đang được bản ghi khác dùng tới nên không xoá được. Hãy chọn lại đơn vị/hội nghị, \
             hoặc xoá các bản ghi dùng tới nó trước."
                .to_string()
        }
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            let (table, cols) = columns_in_words(&detail);
            if cols.is_empty() {
                format!("Trùng {table}: đã có một bản ghi như vậy. Hãy sửa giá trị bị trùng rồi lưu lại.")
            } else {
                format!(
                    "Trùng {table}: đã có bản ghi cùng {cols}. Hãy sửa giá trị bị trùng (hoặc sửa bản ghi đã có) rồi lưu lại."
                )
            }
        }
        ffi::SQLITE_CONSTRAINT_NOTNULL => {
            let (table, cols) = columns_in_words(&detail);
            format!("Thiếu giá trị bắt buộc ({cols}) của {table}. Hãy nhập đủ rồi lưu lại.")
        }
        ffi::SQLITE_CONSTRAINT_CHECK => "Có giá trị nằm ngoài phạm vi cho phép (số âm, mã không hợp lệ…). \
             Hãy kiểm tra lại các ô vừa nhập."
            .to_string(),
        _ => match err.code {
            ffi::ErrorCode::ConstraintViolation => {
                "Dữ liệu vi phạm ràng buộc của tệp. Hãy kiểm tra lại các ô vừa nhập.".to_string()
            }
            ffi::ErrorCode::DatabaseBusy | ffi::ErrorCode::DatabaseLocked => {
                "Tệp dữ liệu đang bận (một chương trình khác đang ghi). Hãy thử lại sau giây lát.".to_string()
            }
            ffi::ErrorCode::DiskFull => "Ổ đĩa đã đầy. Hãy giải phóng chỗ trống rồi thử lại.".to_string(),
            ffi::ErrorCode::ReadOnly | ffi::ErrorCode::PermissionDenied => {
                "Không ghi được vào tệp dữ liệu (chỉ cho phép đọc hoặc không có quyền).".to_string()
            }
            ffi::ErrorCode::DatabaseCorrupt | ffi::ErrorCode::NotADatabase => {
                "Tệp dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu.".to_string()
            }
            ffi::ErrorCode::SystemIoFailure => "Lỗi đọc/ghi ổ đĩa. Hãy kiểm tra ổ đĩa rồi thử lại.".to_string(),
            _ => "Lỗi cơ sở dữ liệu.".to_string(),
        },
    };
    format!("{sentence} (chi tiết SQLite: {detail})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn db() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE units (id INTEGER PRIMARY KEY);
             CREATE TABLE register (year INTEGER NOT NULL, doc_type TEXT NOT NULL,
                 number INTEGER NOT NULL CHECK (number > 0), PRIMARY KEY (year, doc_type, number));
             CREATE TABLE members (year INTEGER NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id),
                 UNIQUE (year, unit_id));",
        )
        .unwrap();
        c
    }

    fn message(r: rusqlite::Result<usize>) -> String {
        StoreError::from(r.unwrap_err()).to_string()
    }

    #[test]
    fn constraint_errors_speak_vietnamese_first() {
        let c = db();
        let m = message(c.execute("INSERT INTO members VALUES (2022, 7)", []));
        assert!(m.starts_with("Bản ghi tham chiếu tới một đơn vị"), "{m}");
        assert!(m.ends_with("(chi tiết SQLite: FOREIGN KEY constraint failed)"), "{m}");

        c.execute("INSERT INTO register VALUES (2022, 'BB', 1)", []).unwrap();
        let m = message(c.execute("INSERT INTO register VALUES (2022, 'BB', 1)", []));
        assert!(
            m.starts_with("Trùng sổ văn bản: đã có bản ghi cùng năm, loại văn bản, số."),
            "{m}"
        );
        assert!(m.contains("UNIQUE constraint failed: register.year"), "{m}");

        let m = message(c.execute("INSERT INTO register VALUES (2022, 'BB', 0)", []));
        assert!(m.starts_with("Có giá trị nằm ngoài phạm vi cho phép"), "{m}");

        let m = message(c.execute("INSERT INTO register VALUES (2022, NULL, 3)", []));
        assert!(
            m.starts_with("Thiếu giá trị bắt buộc (loại văn bản) của sổ văn bản."),
            "{m}"
        );

        c.execute("INSERT INTO units VALUES (1)", []).unwrap();
        c.execute("INSERT INTO members VALUES (2022, 1)", []).unwrap();
        let m = message(c.execute("INSERT INTO members VALUES (2022, 1)", []));
        assert!(
            m.starts_with("Trùng danh sách thành viên: đã có bản ghi cùng năm, đơn vị."),
            "{m}"
        );
        let m = message(c.execute("DELETE FROM units WHERE id = 1", []));
        assert!(m.contains("đang được bản ghi khác dùng tới"), "{m}");
    }
}
