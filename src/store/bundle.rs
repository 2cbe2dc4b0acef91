//! The handover bundle: the whole record (every table, every year, the rules, the register) as one
//! versioned JSON file, optionally gzip-compressed, with a manifest and a checksum of its content.
//! The next year's secretariat imports it into a new data file; other tools read it through the
//! JSON Schema in `docs/`.

use super::{Result, Store, StoreError};
use crate::domain::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

pub const BUNDLE_FORMAT: &str = "khoithidua-handover";
/// Raised when the bundle's layout changes in a way an older reader cannot follow.
pub const BUNDLE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Bundle {
    pub manifest: Manifest,
    pub content: Content,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Manifest {
    /// Always "khoithidua-handover".
    pub format: String,
    pub format_version: u32,
    /// The version of Khối Thi Đua that wrote the bundle.
    pub app_version: String,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// The bloc's name.
    pub bloc: String,
    pub years: Vec<Year>,
    /// Number of records per kind.
    pub counts: BTreeMap<String, u64>,
    /// "sha256:" and the hex digest of the compact JSON of `content`.
    pub checksum: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Content {
    pub bloc: Bloc,
    pub rules: Vec<YearRules>,
    pub units: Vec<Unit>,
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
    pub members: Vec<UnitId>,
    pub leadership: Option<Leadership>,
    pub pledge: Option<Pledge>,
    pub conferences: Vec<Conference>,
    pub ballots: Vec<Ballot>,
    pub score_sheet: ScoreSheet,
    pub proposals: Vec<Proposal>,
    pub decisions: Vec<Decision>,
    pub activities: Vec<Activity>,
    pub sector_awards: Vec<SectorAward>,
    pub discipline: Vec<Discipline>,
    pub register: Vec<RegisterEntry>,
}

/// What can be wrong with a bundle, in Vietnamese.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("Không đọc được tệp bàn giao: {0}")]
    Read(String),
    #[error("Tệp không phải là tệp bàn giao của Khối Thi Đua (hoặc bị cắt cụt, hỏng): {0}")]
    NotABundle(String),
    #[error("Tệp bàn giao có định dạng phiên bản {found}, mới hơn phiên bản {supported} mà phần mềm này đọc được. Hãy cập nhật phần mềm.")]
    NewerFormat { found: u32, supported: u32 },
    #[error("Mã kiểm tra của tệp bàn giao không khớp: nội dung đã bị thay đổi hoặc hỏng trên đường truyền. Hãy xin lại tệp từ đơn vị bàn giao.")]
    Checksum,
    #[error("Số bản ghi sau khi nhận ({got}) khác với tệp bàn giao ({expected}) ở mục {kind}.")]
    Counts { kind: String, expected: u64, got: u64 },
    #[error("Tệp dữ liệu \u{201c}{0}\u{201d} đã có. Chọn tên khác, hoặc cho phép ghi đè.")]
    Exists(String),
    #[error("Dữ liệu trong tệp bàn giao không hợp lệ ({0}). Không có tệp nào được tạo.")]
    Store(#[from] StoreError),
    #[error("Không ghi được tệp: {0}")]
    Write(String),
}

fn checksum(content: &Content) -> String {
    let bytes = serde_json::to_vec(content).expect("the content serialises");
    let digest = Sha256::digest(&bytes);
    format!(
        "sha256:{}",
        digest.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

fn counts_of(c: &Content) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
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
            });
        }
        Ok(Bundle {
            manifest: Manifest {
                format: BUNDLE_FORMAT.into(),
                format_version: BUNDLE_VERSION,
                app_version: env!("CARGO_PKG_VERSION").into(),
                created_at: created_at.into(),
                bloc: content.bloc.name.clone(),
                years,
                counts: counts_of(&content),
                checksum: checksum(&content),
            },
            content,
        })
    }

    /// Every year that holds any record at all (wider than `years()`: a year may have only scores).
    fn all_years(&self) -> Result<Vec<Year>> {
        let mut st = self.conn().prepare(
            "SELECT year FROM members UNION SELECT year FROM leadership UNION SELECT year FROM conferences
             UNION SELECT year FROM pledges UNION SELECT year FROM criteria UNION SELECT year FROM proposals
             UNION SELECT year FROM decisions UNION SELECT year FROM activities UNION SELECT year FROM sector_awards
             UNION SELECT year FROM discipline UNION SELECT year FROM register ORDER BY 1",
        )?;
        let years = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(years)
    }

    /// Writes a bundle's content into this (new, empty) store. Each part is validated as it is saved.
    fn fill_from(&mut self, c: &Content) -> Result<()> {
        self.save_bloc(&c.bloc)?;
        for r in &c.rules {
            self.save_rules(r.year, &r.rules)?;
        }
        // Units first without their merge target (which may come later), then with it.
        let mut units = c.units.clone();
        for u in &mut units {
            u.merged_into = None;
            u.merged_on = None;
        }
        self.save_units(&mut units)?;
        let mut merged: Vec<Unit> = c.units.iter().filter(|u| u.merged_into.is_some()).cloned().collect();
        self.save_units(&mut merged)?;
        for y in &c.years {
            self.set_members(y.year, &y.members)?;
        }
        for y in &c.years {
            for conf in &y.conferences {
                self.save_conference(&mut conf.clone())?;
            }
        }
        for y in &c.years {
            if let Some(l) = &y.leadership {
                self.save_leadership(l)?;
            }
            if let Some(p) = &y.pledge {
                self.save_pledge(p)?;
            }
            for b in &y.ballots {
                self.save_ballot(&mut b.clone())?;
            }
            self.save_score_sheet(&y.score_sheet)?;
            for p in &y.proposals {
                self.save_proposal(&mut p.clone())?;
            }
            for d in &y.decisions {
                let mut d = d.clone();
                self.save_decision(&mut d)?;
            }
            // A decision sets the status of the proposals it names; the bundle's status wins.
            for p in &y.proposals {
                self.save_proposal(&mut p.clone())?;
            }
            for a in &y.activities {
                self.save_activity(&mut a.clone())?;
            }
            self.save_sector_awards(y.year, &y.sector_awards)?;
            self.save_discipline(y.year, &y.discipline)?;
            for e in &y.register {
                self.record_document(e)?;
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

/// Reads and verifies a bundle: format, version, then checksum. Nothing is written.
pub fn decode(bytes: &[u8]) -> std::result::Result<Bundle, BundleError> {
    let json = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .map_err(|e| BundleError::NotABundle(format!("giải nén: {e}")))?;
        out
    } else {
        bytes.to_vec()
    };
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(|e| BundleError::NotABundle(e.to_string()))?;
    let manifest = value
        .get("manifest")
        .ok_or_else(|| BundleError::NotABundle("thiếu phần manifest".into()))?;
    if manifest.get("format").and_then(|f| f.as_str()) != Some(BUNDLE_FORMAT) {
        return Err(BundleError::NotABundle(
            "định dạng không phải \u{201c}khoithidua-handover\u{201d}".into(),
        ));
    }
    let version = manifest.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if version > BUNDLE_VERSION {
        return Err(BundleError::NewerFormat {
            found: version,
            supported: BUNDLE_VERSION,
        });
    }
    let bundle: Bundle = serde_json::from_value(value).map_err(|e| BundleError::NotABundle(e.to_string()))?;
    if checksum(&bundle.content) != bundle.manifest.checksum {
        return Err(BundleError::Checksum);
    }
    Ok(bundle)
}

/// Creates the data file `target` from a verified bundle. It is built under a temporary name and
/// renamed into place only when complete and counted; on any problem nothing is left behind.
pub fn import(bundle: &Bundle, target: &Path, overwrite: bool) -> std::result::Result<(), BundleError> {
    if target.exists() && !overwrite {
        return Err(BundleError::Exists(target.display().to_string()));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.nhan-ban-giao-{}", std::process::id()));
    let cleanup = |p: &Path| {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", p.display()));
        }
    };
    cleanup(&tmp);
    let result = (|| {
        let mut store = Store::open(&tmp)?;
        store.fill_from(&bundle.content)?;
        let again = store.export_bundle(&bundle.manifest.created_at)?;
        for (kind, expected) in &bundle.manifest.counts {
            let got = again.manifest.counts.get(kind).copied().unwrap_or(0);
            if got != *expected {
                return Err(BundleError::Counts {
                    kind: kind.clone(),
                    expected: *expected,
                    got,
                });
            }
        }
        drop(store);
        let _ = std::fs::remove_file(format!("{}.lock", tmp.display()));
        if overwrite {
            // A stale WAL of the old file must not be replayed onto the new one.
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
            }
        }
        std::fs::rename(&tmp, target).map_err(|e| BundleError::Write(e.to_string()))
    })();
    if result.is_err() {
        cleanup(&tmp);
    }
    result
}

/// The JSON Schema of the bundle format, as published in `docs/`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Bundle);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}
