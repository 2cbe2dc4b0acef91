//! The handover bundle: the whole record (every table, every year, the rules, the register) as one
//! versioned JSON file, optionally gzip-compressed, with a manifest and a checksum of its content.
//! The next year's secretariat imports it into a new data file; other tools read and write it through
//! `docs/bundle.md` and the JSON Schema in `docs/`.
//!
//! - [`read`]: reading within bounds, the checksum (RFC 8785 canonical JSON), the format's checks;
//! - [`check`]: the pre-pass over counts and references, before anything is written;
//! - [`import`]: building the new data file under the target's lock, renamed into place when whole.

mod check;
mod import;
mod read;

pub use import::import;
pub use read::{checksum_v2, decode, read_file, vietnamese as serde_in_vietnamese, MAX_FILE_BYTES, MAX_JSON_BYTES};

use super::{Result, Store, StoreError};
use crate::domain::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

pub const BUNDLE_FORMAT: &str = "khoithidua-handover";
/// Raised when the bundle's layout changes in a way an older reader cannot follow. Version 2: the
/// checksum is over the RFC 8785 canonical form (version 1, over this program's own serialisation,
/// is still read).
pub const BUNDLE_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bundle {
    pub manifest: Manifest,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Manifest {
    /// Always "khoithidua-handover".
    pub format: String,
    /// 2 (a reader refuses a newer version).
    pub format_version: u32,
    /// The version of the program that wrote the bundle (informational).
    #[serde(default)]
    pub app_version: String,
    /// When it was written (RFC 3339; informational).
    #[serde(default)]
    pub created_at: String,
    /// The bloc's name (equal to `content.bloc.name`).
    pub bloc: String,
    /// Every year of `content.years`, ascending.
    pub years: Vec<Year>,
    /// Number of records per kind: every kind listed in `docs/bundle.md`, zeros included.
    pub counts: BTreeMap<String, u64>,
    /// "sha256:" and the lowercase hex SHA-256 of the RFC 8785 (JCS) serialisation of the object
    /// {format, format_version, bloc, years, counts, content}, as written in the file.
    pub checksum: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Content {
    pub bloc: Bloc,
    /// Each entry applies from its year on; none: the program's default rules.
    #[serde(default)]
    pub rules: Vec<YearRules>,
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub years: Vec<YearContent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct YearRules {
    /// The rules apply from this year on.
    pub year: Year,
    pub rules: Rules,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct YearContent {
    pub year: Year,
    #[serde(default)]
    pub members: Vec<UnitId>,
    pub leadership: Option<Leadership>,
    pub pledge: Option<Pledge>,
    #[serde(default)]
    pub conferences: Vec<Conference>,
    #[serde(default)]
    pub ballots: Vec<Ballot>,
    /// Omitted: an empty sheet of the year.
    #[serde(default)]
    pub score_sheet: ScoreSheet,
    #[serde(default)]
    pub proposals: Vec<Proposal>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub sector_awards: Vec<SectorAward>,
    #[serde(default)]
    pub discipline: Vec<Discipline>,
    #[serde(default)]
    pub register: Vec<RegisterEntry>,
    /// Documents issued from drafts, frozen as they were signed (format version 2 files written
    /// before drafts existed have none).
    #[serde(default)]
    pub issued_documents: Vec<IssuedDocument>,
}

/// An issued document: the record it was made from and its text as signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IssuedDocument {
    /// "minutes:12", "proposal:2022", "pledge:2022".
    pub source: String,
    /// When it was issued, local time "2026-11-22 10:15:00".
    pub issued_at: String,
    /// The document's draft as the documents layer writes it (header, paragraphs, signatures,
    /// Nơi nhận).
    pub draft: serde_json::Value,
}

/// The kinds `manifest.counts` must list, in the order the documentation gives them.
pub const COUNTED_KINDS: [&str; 18] = [
    "units",
    "rules",
    "members",
    "leadership",
    "pledges",
    "pledge_signatures",
    "conferences",
    "criteria",
    "scores",
    "adjustments",
    "ballots",
    "proposals",
    "decisions",
    "sector_awards",
    "discipline",
    "activities",
    "contributions",
    "register",
];

/// What can be wrong with a bundle, in Vietnamese. `file` fields hold " “path”" or nothing.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("Không đọc được tệp bàn giao{file}: {detail}")]
    Read { file: String, detail: String },
    #[error("Tệp bàn giao{file} không phải là một tệp thông thường ({what}), nên không đọc được.")]
    NotAFile { file: String, what: &'static str },
    #[error("Tệp bàn giao{file} quá lớn ({size_mib} MiB): phần mềm chỉ đọc tệp bàn giao tới {limit_mib} MiB (tệp nén gzip tới {gz_mib} MiB). Tệp của một khối 30 năm, 50 đơn vị chỉ khoảng 11 MB; đây không phải tệp bàn giao hợp lệ.", gz_mib = MAX_FILE_BYTES >> 20)]
    TooLarge {
        file: String,
        size_mib: u64,
        limit_mib: u64,
    },
    #[error("Tệp bàn giao{file} khi giải nén vượt quá {limit_mib} MiB, giới hạn của một tệp bàn giao (một khối 30 năm, 50 đơn vị chỉ khoảng 11 MB): tệp hỏng hoặc không phải tệp bàn giao. Phần mềm đã dừng đọc.", limit_mib = MAX_JSON_BYTES >> 20)]
    TooLargeJson { file: String },
    #[error("Tệp không phải là tệp bàn giao của Khối Thi Đua (hoặc bị cắt cụt, hỏng): {0}")]
    NotABundle(String),
    #[error("Tệp bàn giao có định dạng phiên bản {found}, mới hơn phiên bản {supported} mà phần mềm này đọc được. Hãy cập nhật phần mềm.")]
    NewerFormat { found: u32, supported: u32 },
    #[error("Mã kiểm tra của tệp bàn giao không khớp: nội dung đã bị thay đổi hoặc hỏng trên đường truyền. Hãy xin lại tệp từ đơn vị bàn giao.")]
    Checksum,
    #[error("Tệp bàn giao không đúng cấu trúc ở {place}: {problem}. Không có tệp nào được tạo.")]
    Structure { place: String, problem: String },
    #[error("Tệp bàn giao thiếu số bản ghi của mục \u{201c}{kind}\u{201d} ({label}) trong manifest.counts, nên không kiểm tra được có mất bản ghi nào không. Không có tệp nào được tạo.")]
    MissingCount { kind: String, label: &'static str },
    #[error("Tệp bàn giao ghi {expected} bản ghi ở mục \u{201c}{kind}\u{201d} ({label}) nhưng nội dung có {got}: tệp thiếu hoặc thừa bản ghi. Không có tệp nào được tạo.")]
    CountsDiffer {
        kind: String,
        label: &'static str,
        expected: u64,
        got: u64,
    },
    #[error("Số bản ghi sau khi nhận ({got}) khác với tệp bàn giao ({expected}) ở mục {kind}.")]
    Counts { kind: String, expected: u64, got: u64 },
    #[error("Dữ liệu trong tệp bàn giao không nhất quán ({} chỗ): {}. Không có tệp nào được tạo.", .0.len(), first_of(.0))]
    Inconsistent(Vec<String>),
    #[error("Dữ liệu trong tệp bàn giao không qua được bước kiểm tra như lệnh \u{201c}check\u{201d} ({} lỗi): {}. Không có tệp nào được tạo.", .0.len(), first_of(.0))]
    Problems(Vec<String>),
    #[error("Tệp dữ liệu \u{201c}{0}\u{201d} đã có. Chọn tên khác, hoặc cho phép ghi đè.")]
    Exists(String),
    /// The target cannot be taken: in use by another window or command, a folder, a missing folder.
    #[error("{0}")]
    Target(StoreError),
    #[error("Dữ liệu trong tệp bàn giao không hợp lệ ({0}). Không có tệp nào được tạo.")]
    Store(#[from] StoreError),
    #[error("Dữ liệu trong tệp bàn giao không hợp lệ ở {record}: {source}. Không có tệp nào được tạo.")]
    Record { record: String, source: StoreError },
    #[error("Không ghi được tệp dữ liệu mới \u{201c}{}\u{201d} (ổ đĩa đầy, thư mục chỉ cho phép đọc hoặc không có quyền ghi?): {detail}. Tệp bàn giao không có lỗi; không có tệp nào được tạo.", .file.display())]
    Write { file: PathBuf, detail: String },
}

/// The first ten of a list of messages, then how many more.
fn first_of(items: &[String]) -> String {
    let mut s = items.iter().take(10).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > 10 {
        s.push_str(&format!("; và {} chỗ khác", items.len() - 10));
    }
    s
}

/// The records of each kind a content holds (the keys of `manifest.counts`).
pub fn counts_of(c: &Content) -> BTreeMap<String, u64> {
    let mut m: BTreeMap<String, u64> = COUNTED_KINDS.iter().map(|k| (k.to_string(), 0)).collect();
    let mut add = |k: &str, n: usize| *m.entry(k.to_string()).or_insert(0) += n as u64;
    add("units", c.units.len());
    add("rules", c.rules.len());
    for y in &c.years {
        add("members", y.members.len());
        add("leadership", usize::from(y.leadership.is_some()));
        add("pledges", usize::from(y.pledge.is_some()));
        add("pledge_signatures", y.pledge.as_ref().map_or(0, |p| p.signatures.len()));
        add("conferences", y.conferences.len());
        add("criteria", y.score_sheet.criteria.len());
        add("scores", y.score_sheet.entries.len());
        add("adjustments", y.score_sheet.adjustments.len());
        add("ballots", y.ballots.len());
        add("proposals", y.proposals.len());
        add("decisions", y.decisions.len());
        add("sector_awards", y.sector_awards.len());
        add("discipline", y.discipline.len());
        add("activities", y.activities.len());
        add(
            "contributions",
            y.activities.iter().map(|a| a.contributions.len()).sum(),
        );
        add("register", y.register.len());
    }
    m
}

/// The Vietnamese label of a counted kind.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "rules" => "quy chế theo năm",
        k => super::Counts::label(k),
    }
}

impl Store {
    /// The whole record as a bundle.
    pub fn export_bundle(&self, created_at: &str) -> Result<Bundle> {
        let bloc = self
            .bloc()?
            .ok_or_else(|| StoreError::NotFound("thông tin khối thi đua trong tệp".into()))?;
        let years = self.all_years()?;
        let mut content = Content {
            bloc,
            rules: self
                .all_rules()?
                .into_iter()
                .map(|(year, rules)| YearRules { year, rules })
                .collect(),
            units: self.units()?,
            years: Vec::new(),
        };
        for year in &years {
            let r = self.load_year(*year)?;
            content.years.push(YearContent {
                year: *year,
                members: r.members,
                leadership: r.leadership,
                pledge: r.pledge,
                conferences: r.conferences,
                ballots: r.ballots,
                score_sheet: r.score_sheet,
                proposals: r.proposals,
                decisions: r.decisions,
                activities: r.activities,
                sector_awards: r.sector_awards,
                discipline: r.discipline,
                register: r.register,
                issued_documents: self
                    .issued_drafts(*year)?
                    .into_iter()
                    .map(|d| IssuedDocument {
                        draft: serde_json::from_str(&d.json).unwrap_or(serde_json::Value::String(d.json)),
                        source: d.source,
                        issued_at: d.saved_at,
                    })
                    .collect(),
            });
        }
        let mut manifest = Manifest {
            format: BUNDLE_FORMAT.into(),
            format_version: BUNDLE_VERSION,
            app_version: env!("CARGO_PKG_VERSION").into(),
            created_at: created_at.into(),
            bloc: content.bloc.name.clone(),
            years,
            counts: counts_of(&content),
            checksum: String::new(),
        };
        manifest.checksum = read::seal(&manifest, &content);
        Ok(Bundle { manifest, content })
    }

    /// Writes a bundle's content into this (new, empty) store. Each part is validated as it is
    /// saved; an error names the record. The caller runs it in one transaction.
    fn fill_from(&mut self, c: &Content) -> std::result::Result<(), BundleError> {
        fn at<T>(record: impl FnOnce() -> String, r: Result<T>) -> std::result::Result<T, BundleError> {
            r.map_err(|source| import::classify(source, record))
        }
        at(|| "thông tin khối".into(), self.save_bloc(&c.bloc))?;
        for r in &c.rules {
            at(
                || format!("quy chế áp dụng từ năm {}", r.year),
                self.save_rules(r.year, &r.rules),
            )?;
        }
        // Units first without their merge target (which may come later), then with it.
        for u in &c.units {
            let mut first = u.clone();
            first.merged_into = None;
            first.merged_on = None;
            at(|| format!("đơn vị id {}", u.id), self.save_unit(&mut first))?;
        }
        for u in c.units.iter().filter(|u| u.merged_into.is_some()) {
            at(|| format!("đơn vị id {}", u.id), self.save_unit(&mut u.clone()))?;
        }
        for y in &c.years {
            at(
                || format!("năm {}, danh sách thành viên", y.year),
                self.set_members(y.year, &y.members),
            )?;
        }
        for y in &c.years {
            for conf in &y.conferences {
                at(
                    || format!("năm {}, hội nghị id {}", y.year, conf.id),
                    self.save_conference(&mut conf.clone()),
                )?;
            }
        }
        for y in &c.years {
            let year = y.year;
            if let Some(l) = &y.leadership {
                at(|| format!("năm {year}, Khối trưởng/Khối phó"), self.save_leadership(l))?;
            }
            if let Some(p) = &y.pledge {
                at(|| format!("năm {year}, giao ước thi đua"), self.save_pledge(p))?;
            }
            for b in &y.ballots {
                at(
                    || format!("năm {year}, cuộc bỏ phiếu id {}", b.id),
                    self.save_ballot(&mut b.clone()),
                )?;
            }
            // An omitted sheet (year 0) is the year's empty sheet.
            let sheet = if y.score_sheet.year == 0 {
                std::borrow::Cow::Owned(ScoreSheet {
                    year,
                    ..y.score_sheet.clone()
                })
            } else {
                std::borrow::Cow::Borrowed(&y.score_sheet)
            };
            at(|| format!("năm {year}, bảng chấm điểm"), self.save_score_sheet(&sheet))?;
            for p in &y.proposals {
                at(
                    || format!("năm {year}, đề nghị khen thưởng id {}", p.id),
                    self.save_proposal(&mut p.clone()),
                )?;
            }
            for d in &y.decisions {
                at(
                    || format!("năm {year}, quyết định id {}", d.id),
                    self.save_decision(&mut d.clone()),
                )?;
            }
            // A decision sets the status of the proposals it names; the bundle's status wins.
            for p in &y.proposals {
                at(
                    || format!("năm {year}, đề nghị khen thưởng id {}", p.id),
                    self.save_proposal(&mut p.clone()),
                )?;
            }
            for a in &y.activities {
                at(
                    || format!("năm {year}, hoạt động id {}", a.id),
                    self.save_activity(&mut a.clone()),
                )?;
            }
            at(
                || format!("năm {year}, khen thưởng của ngành"),
                self.save_sector_awards(year, &y.sector_awards),
            )?;
            at(
                || format!("năm {year}, kỷ luật"),
                self.save_discipline(year, &y.discipline),
            )?;
            for e in &y.register {
                at(
                    || format!("năm {year}, sổ văn bản số {} ({})", e.number, e.doc_type.code()),
                    self.record_document(e),
                )?;
            }
            for d in &y.issued_documents {
                let stored = crate::store::drafts::StoredDraft {
                    source: d.source.clone(),
                    year,
                    json: serde_json::to_string_pretty(&d.draft).unwrap_or_default(),
                    issued: true,
                    saved_at: d.issued_at.clone(),
                };
                at(
                    || format!("năm {year}, văn bản đã phát hành {}", d.source),
                    self.record_issued_draft(&stored),
                )?;
            }
        }
        Ok(())
    }
}

/// Serialises a bundle; gzip when `compress`.
pub fn encode(bundle: &Bundle, compress: bool) -> Vec<u8> {
    let json = serde_json::to_vec_pretty(bundle).expect("a bundle serialises");
    if !compress {
        return json;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&json).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// The JSON Schema of the bundle format, as published in `docs/`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Bundle);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}
