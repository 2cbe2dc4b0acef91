//! Reading a bundle: within bounds (a regular file, its size, the decompressed size), the format and
//! version, the checksum over the JSON as received, then the typed records with a Vietnamese message
//! naming the place of any field that does not fit.

use super::{check, Bundle, BundleError, Content, Manifest, BUNDLE_FORMAT, BUNDLE_VERSION};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

/// The largest gzip-compressed bundle read: 64 MiB. A 30-year, 50-unit bloc compresses to about 1 MB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The largest JSON text read, plain or once decompressed: 128 MiB, about twelve times the 11 MB of a
/// 30-year, 50-unit bloc. Parsed, that much JSON takes at most a few hundred MB of memory.
pub const MAX_JSON_BYTES: u64 = 128 << 20;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

fn quoted(path: &Path) -> String {
    format!(" \u{201c}{}\u{201d}", path.display())
}

/// An OS error said in Vietnamese, with the system's own text after it.
pub(super) fn os_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "không tìm thấy tệp",
        K::PermissionDenied => "không có quyền đọc",
        K::IsADirectory => "đây là một thư mục",
        K::StorageFull => "ổ đĩa đã đầy",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        K::Interrupted | K::UnexpectedEof => "việc đọc bị ngắt giữa chừng",
        _ => "lỗi hệ thống",
    };
    format!("{what} ({e})")
}

/// Reads and verifies the bundle in `path`: a regular file, within [`MAX_FILE_BYTES`] compressed and
/// [`MAX_JSON_BYTES`] of JSON, then as [`decode`]. Nothing is written.
pub fn read_file(path: &Path) -> Result<Bundle, BundleError> {
    let file = quoted(path);
    let read_error = |e: std::io::Error| BundleError::Read {
        file: file.clone(),
        detail: os_error(&e),
    };
    // The type and size first: a FIFO, a device (/dev/zero) or a huge file is never read.
    let meta = std::fs::metadata(path).map_err(read_error)?;
    check_kind(&meta, &file)?;
    check_size(meta.len(), None, &file)?;
    let f = std::fs::File::open(path).map_err(read_error)?;
    // What was opened, in case the name was replaced in between.
    let meta = f.metadata().map_err(read_error)?;
    check_kind(&meta, &file)?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_JSON_BYTES) as usize);
    f.take(MAX_JSON_BYTES + 1).read_to_end(&mut bytes).map_err(read_error)?;
    check_size(bytes.len() as u64, Some(&bytes), &file)?;
    decode_named(&bytes, &file)
}

fn check_kind(meta: &std::fs::Metadata, file: &str) -> Result<(), BundleError> {
    if meta.is_file() {
        return Ok(());
    }
    let what = if meta.is_dir() {
        "đây là một thư mục"
    } else {
        "đây là thiết bị, ống dẫn (FIFO) hay socket, không phải tệp trên đĩa"
    };
    Err(BundleError::NotAFile {
        file: file.to_string(),
        what,
    })
}

/// A plain bundle may hold [`MAX_JSON_BYTES`]; a gzip one [`MAX_FILE_BYTES`].
fn check_size(len: u64, bytes: Option<&[u8]>, file: &str) -> Result<(), BundleError> {
    let gzip = bytes.is_some_and(|b| b.starts_with(&GZIP_MAGIC));
    let limit = if gzip { MAX_FILE_BYTES } else { MAX_JSON_BYTES };
    if len > limit {
        return Err(BundleError::TooLarge {
            file: file.to_string(),
            size_mib: len.div_ceil(1 << 20),
            limit_mib: MAX_JSON_BYTES >> 20,
        });
    }
    Ok(())
}

/// Reads and verifies a bundle held in memory: format, version, checksum, structure, counts and
/// references. Nothing is written.
pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
    decode_named(bytes, "")
}

fn decode_named(bytes: &[u8], file: &str) -> Result<Bundle, BundleError> {
    check_size(bytes.len() as u64, Some(bytes), file)?;
    let json: Cow<[u8]> = if bytes.starts_with(&GZIP_MAGIC) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(MAX_JSON_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|_| BundleError::NotABundle("dữ liệu nén gzip bị hỏng hoặc bị cắt cụt".into()))?;
        if out.len() as u64 > MAX_JSON_BYTES {
            return Err(BundleError::TooLargeJson { file: file.to_string() });
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(bytes)
    };
    let value: Value = serde_json::from_slice(&json).map_err(|e| BundleError::NotABundle(syntax(&e)))?;
    decode_value(&value, &json)
}

/// A JSON syntax error in Vietnamese.
fn syntax(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => format!(
            "nội dung dừng giữa chừng ở dòng {}, cột {} (tệp bị cắt cụt)",
            e.line(),
            e.column()
        ),
        Category::Syntax | Category::Data => {
            format!(
                "không phải JSON hợp lệ (lỗi cú pháp ở dòng {}, cột {})",
                e.line(),
                e.column()
            )
        }
        Category::Io => "không đọc được nội dung".into(),
    }
}

fn decode_value(value: &Value, json: &[u8]) -> Result<Bundle, BundleError> {
    let manifest = value
        .get("manifest")
        .and_then(Value::as_object)
        .ok_or_else(|| BundleError::NotABundle("thiếu phần \u{201c}manifest\u{201d}".into()))?;
    if manifest.get("format").and_then(Value::as_str) != Some(BUNDLE_FORMAT) {
        return Err(BundleError::NotABundle(
            "định dạng không phải \u{201c}khoithidua-handover\u{201d}".into(),
        ));
    }
    let version = manifest
        .get("format_version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or_else(|| BundleError::NotABundle("thiếu số phiên bản định dạng \u{201c}format_version\u{201d}".into()))?;
    if version > u64::from(BUNDLE_VERSION) {
        return Err(BundleError::NewerFormat {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: BUNDLE_VERSION,
        });
    }
    if value.get("content").is_none() {
        return Err(BundleError::NotABundle("thiếu phần \u{201c}content\u{201d}".into()));
    }
    for field in ["bloc", "years", "counts", "checksum"] {
        if manifest.get(field).is_none() {
            return Err(BundleError::Structure {
                place: "manifest".into(),
                problem: format!("thiếu trường bắt buộc \u{201c}{field}\u{201d}"),
            });
        }
    }
    let sealed = manifest.get("checksum").and_then(Value::as_str).unwrap_or("");
    if version >= 2 && checksum_v2(value) != sealed {
        return Err(BundleError::Checksum);
    }
    let bundle: Bundle = serde_path_to_error::deserialize(value).map_err(|e| structure(value, &e))?;
    if version == 1 && checksum_v1(json) != sealed {
        return Err(BundleError::Checksum);
    }
    check::verify(&bundle)?;
    Ok(bundle)
}

/// The fields the checksum covers, borrowed from the bundle as received.
#[derive(Serialize)]
struct Sealed<'a> {
    format: &'a Value,
    format_version: &'a Value,
    bloc: &'a Value,
    years: &'a Value,
    counts: &'a Value,
    content: &'a Value,
}

/// The checksum of format version 2 of a bundle's JSON: "sha256:" and the lowercase hex SHA-256 of
/// the RFC 8785 (JCS) serialisation of {format, format_version, bloc, years, counts} of the manifest
/// and `content`. A missing field counts as null.
pub fn checksum_v2(bundle: &Value) -> String {
    let m = &bundle["manifest"];
    let sealed = Sealed {
        format: &m["format"],
        format_version: &m["format_version"],
        bloc: &m["bloc"],
        years: &m["years"],
        counts: &m["counts"],
        content: &bundle["content"],
    };
    let mut hasher = Sha256::new();
    // Values parsed from JSON hold no NaN nor infinity, the only values JCS refuses.
    serde_json_canonicalizer::to_writer(&sealed, &mut hasher).expect("JSON values canonicalise");
    format!("sha256:{:x}", hasher.finalize())
}

/// The checksum of format version 1: SHA-256 of the compact serialisation of `content` by the first
/// release, in its own member order. That release wrote the same serialisation pretty-printed, so the
/// text of `content` as received, without the white space between tokens, is what it hashed — whatever
/// fields this program's types have gained since.
fn checksum_v1(json: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        content: &'a serde_json::value::RawValue,
    }
    let Ok(raw) = serde_json::from_slice::<Raw>(json) else {
        return String::new();
    };
    let mut compact = Vec::with_capacity(raw.content.get().len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in raw.content.get().as_bytes() {
        if in_string {
            compact.push(b);
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            in_string = b == b'"';
            compact.push(b);
        }
    }
    format!("sha256:{:x}", Sha256::digest(&compact))
}

/// The checksum a bundle written now carries: over the JSON as [`super::encode`] writes it.
pub(super) fn seal(manifest: &Manifest, content: &Content) -> String {
    // Straight to a JSON value: the same numbers and strings a reader parses from the written text.
    let content = serde_json::to_value(content).expect("the content serialises");
    let manifest = serde_json::to_value(manifest).expect("the manifest serialises");
    checksum_v2(&serde_json::json!({ "manifest": manifest, "content": content }))
}

/// A field that does not fit the format: where (year, record, id, field) and what, in Vietnamese.
fn structure(value: &Value, e: &serde_path_to_error::Error<serde_json::Error>) -> BundleError {
    BundleError::Structure {
        place: describe(value, e.path()),
        problem: vietnamese(&e.inner().to_string()),
    }
}

/// The label of the records an array holds, by the array's key.
fn record_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "units" => "đơn vị",
        "rules" => "quy chế",
        "conferences" => "hội nghị",
        "ballots" => "cuộc bỏ phiếu",
        "proposals" => "đề nghị khen thưởng",
        "decisions" => "quyết định",
        "activities" => "hoạt động",
        "criteria" => "tiêu chí",
        "entries" => "ô điểm",
        "adjustments" => "khoản cộng/trừ điểm",
        "sector_awards" => "khen thưởng của ngành",
        "discipline" => "kỷ luật",
        "register" => "sổ văn bản",
        "attendance" => "điểm danh",
        "guests" => "khách mời",
        "sections" => "phần diễn biến",
        "signatures" => "chữ ký",
        "candidates" => "ứng viên",
        "board" => "thành viên ban kiểm phiếu",
        "results" => "kết quả",
        "contributions" => "khoản đóng góp",
        "names" => "tên",
        "heads" => "thủ trưởng",
        "members" => "thành viên",
        "items" => "nội dung",
        "award_forms" => "hình thức khen thưởng",
        _ => return None,
    })
}

/// "năm 2022, hội nghị id 4, trường “notes” (content.years[2].conferences[0].notes)".
fn describe(value: &Value, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut cur = Some(value);
    let mut key = String::new();
    let mut at = Vec::new();
    let mut dotted = String::new();
    let mut last_field = None;
    for seg in path.iter() {
        match seg {
            Segment::Map { key: k } => {
                cur = cur.and_then(|v| v.get(k.as_str()));
                if !dotted.is_empty() {
                    dotted.push('.');
                }
                dotted.push_str(k);
                key = k.clone();
                last_field = Some(k.clone());
            }
            Segment::Seq { index } => {
                cur = cur.and_then(|v| v.get(*index));
                dotted.push_str(&format!("[{index}]"));
                let year = cur.and_then(|v| v.get("year")).and_then(Value::as_i64);
                let id = cur.and_then(|v| v.get("id")).and_then(Value::as_i64);
                if dotted == format!("content.years[{index}]") {
                    at.push(match year {
                        Some(y) => format!("năm {y}"),
                        None => format!("năm thứ {} của content.years", index + 1),
                    });
                } else if let Some(label) = record_label(&key) {
                    at.push(match (id, key.as_str()) {
                        (Some(id), _) => format!("{label} id {id}"),
                        (None, "rules") if year.is_some() => format!("{label} từ năm {}", year.unwrap_or_default()),
                        _ => format!("{label} thứ {}", index + 1),
                    });
                }
                last_field = None;
            }
            Segment::Enum { variant } => {
                dotted.push_str(&format!(".{variant}"));
            }
            Segment::Unknown => dotted.push_str(".?"),
        }
    }
    if let Some(f) = last_field {
        at.push(format!("trường \u{201c}{f}\u{201d}"));
    }
    match (at.is_empty(), dotted.is_empty()) {
        (_, true) => "gốc của tệp".into(),
        (true, false) => dotted,
        (false, false) => format!("{} ({dotted})", at.join(", ")),
    }
}

/// serde's English messages said in Vietnamese; anything else becomes a plain "invalid value".
pub fn vietnamese(msg: &str) -> String {
    let between = |s: &str| s.split('`').nth(1).map(str::to_string);
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!(
            "thiếu trường bắt buộc \u{201c}{}\u{201d}",
            between(rest).unwrap_or_default()
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        return format!(
            "trường \u{201c}{}\u{201d} xuất hiện hai lần",
            between(rest).unwrap_or_default()
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let variant = between(rest).unwrap_or_default();
        let allowed: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        return format!(
            "giá trị \u{201c}{variant}\u{201d} không có trong danh sách cho phép ({})",
            allowed.join(", ")
        );
    }
    for (prefix, what) in [
        ("invalid type: ", "sai kiểu dữ liệu"),
        ("invalid value: ", "giá trị không hợp lệ"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return format!("{what}: có {}, cần {}", unexpected(found), expected_vi(expected));
        }
    }
    if msg.starts_with("invalid length ") {
        return "số phần tử không đúng".into();
    }
    const CHRONO: [&str; 7] = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
        "trailing input",
        "bad or unsupported format string",
    ];
    if CHRONO.iter().any(|c| msg.starts_with(c)) {
        return "ngày hoặc giờ không hợp lệ (ngày viết YYYY-MM-DD, giờ HH:MM hoặc HH:MM:SS)".into();
    }
    "giá trị không hợp lệ".into()
}

/// What serde found, in Vietnamese.
fn unexpected(s: &str) -> String {
    let tick = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if let Some(rest) = s.strip_prefix("string ") {
        format!("chuỗi {rest}")
    } else if s.starts_with("integer ") {
        format!("số nguyên {}", tick(s))
    } else if s.starts_with("floating point ") {
        format!("số {}", tick(s))
    } else if s.starts_with("boolean ") {
        format!("giá trị {}", tick(s))
    } else {
        match s {
            "null" | "unit value" => "null".into(),
            "map" => "một đối tượng".into(),
            "sequence" => "một mảng".into(),
            _ => "một giá trị khác".into(),
        }
    }
}

/// What serde expected, in Vietnamese.
fn expected_vi(s: &str) -> String {
    match s {
        "u8" | "u16" | "u32" | "u64" | "usize" => "một số nguyên không âm".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "một số nguyên".into(),
        "f32" | "f64" => "một số".into(),
        "a boolean" => "true hoặc false".into(),
        "a string" | "a borrowed string" | "a character" => "một chuỗi".into(),
        "a sequence" => "một mảng".into(),
        "a map" => "một đối tượng".into(),
        "a formatted date string" => "một ngày dạng YYYY-MM-DD".into(),
        "a formatted time string" => "một giờ dạng HH:MM hoặc HH:MM:SS".into(),
        s if s.starts_with("struct ") => "một đối tượng".into(),
        s if s.starts_with("enum ") || s.contains("variant") => "một giá trị trong danh sách cho phép".into(),
        s if s.starts_with("a nonzero ") || s.contains("integer") => "một số nguyên".into(),
        _ => "kiểu khác".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_vietnamese() {
        assert_eq!(vietnamese("missing field `notes`"), "thiếu trường bắt buộc “notes”");
        assert_eq!(
            vietnamese("invalid type: string \"x\", expected u32"),
            "sai kiểu dữ liệu: có chuỗi \"x\", cần một số nguyên không âm"
        );
        assert_eq!(
            vietnamese("invalid value: integer `-5`, expected u32"),
            "giá trị không hợp lệ: có số nguyên -5, cần một số nguyên không âm"
        );
        assert_eq!(
            vietnamese("unknown variant `Big`, expected one of `Launch`, `MidYear`"),
            "giá trị “Big” không có trong danh sách cho phép (Launch, MidYear)"
        );
        assert!(vietnamese("input contains invalid characters").starts_with("ngày hoặc giờ"));
        assert_eq!(vietnamese("something new from serde"), "giá trị không hợp lệ");
    }

    #[test]
    fn jcs_numbers_follow_ecmascript() {
        let c = |v: Value| serde_json_canonicalizer::to_string(&v).unwrap();
        assert_eq!(c(serde_json::json!(100.0)), "100");
        assert_eq!(c(serde_json::json!(100)), "100");
        assert_eq!(c(serde_json::json!(95.25)), "95.25");
        assert_eq!(c(serde_json::json!(1e21)), "1e+21");
        assert_eq!(c(serde_json::json!(1e-7)), "1e-7");
        assert_eq!(
            c(serde_json::json!({"b": 1, "a": [true, null, "ư\n"]})),
            "{\"a\":[true,null,\"ư\\n\"],\"b\":1}"
        );
    }
}
