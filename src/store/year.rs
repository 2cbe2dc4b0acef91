//! A whole year in one read, and the file's health for `khoithidua check`.

use super::{Result, Store, StoreError, LATEST_VERSION};
use crate::domain::{Problem, Year, YearRecord};
use serde::Serialize;

/// How many rows each kind of record has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts(pub Vec<(&'static str, i64)>);

/// What `check` reports about a file.
#[derive(Debug, Clone, Serialize)]
pub struct Health {
    pub schema_version: i64,
    pub integrity: String,
    pub foreign_key_errors: i64,
    pub counts: Counts,
}

const COUNTED: [(&str, &str); 17] = [
    ("units", "đơn vị"),
    ("members", "lượt thành viên"),
    ("leadership", "năm có Khối trưởng"),
    ("pledges", "giao ước"),
    ("pledge_signatures", "chữ ký giao ước"),
    ("conferences", "hội nghị"),
    ("criteria", "tiêu chí chấm điểm"),
    ("scores", "ô điểm"),
    ("adjustments", "khoản cộng/trừ điểm"),
    ("ballots", "cuộc bỏ phiếu"),
    ("proposals", "đề nghị khen thưởng"),
    ("decisions", "quyết định khen thưởng"),
    ("sector_awards", "khen thưởng của ngành"),
    ("discipline", "đơn vị bị xem xét kỷ luật"),
    ("activities", "hoạt động chung"),
    ("contributions", "khoản đóng góp"),
    ("register", "văn bản đã cấp số"),
];

impl Counts {
    /// The Vietnamese label of a counted table.
    pub fn label(table: &str) -> &'static str {
        COUNTED.iter().find(|(t, _)| *t == table).map(|(_, l)| *l).unwrap_or("")
    }
}

impl Store {
    /// Everything of `year` at once (the screens and documents work from this).
    pub fn load_year(&self, year: Year) -> Result<YearRecord> {
        let bloc = self
            .bloc()?
            .ok_or_else(|| StoreError::NotFound("thông tin khối thi đua trong tệp".into()))?;
        Ok(YearRecord {
            year,
            bloc,
            rules: self.rules_for(year)?,
            units: self.units()?,
            members: self.members(year)?,
            leadership: self.leadership(year)?,
            decided_leadership: self.leadership_decided_in(year)?,
            pledge: self.pledge(year)?,
            conferences: self.conferences(year)?,
            ballots: self.ballots(year)?,
            score_sheet: self.score_sheet(year)?,
            proposals: self.proposals(year)?,
            decisions: self.decisions(year)?,
            activities: self.activities(year)?,
            sector_awards: self.sector_awards(year)?,
            discipline: self.discipline(year)?,
            register: self.register(year)?,
        })
    }

    /// Every validation problem of every year, as `check` reports them. Import refuses a bundle
    /// that has any: a file that imports must pass `check`.
    pub fn all_problems(&self) -> Result<Vec<(Year, Problem)>> {
        let mut out = Vec::new();
        for year in self.all_years()? {
            let record = self.load_year(year)?;
            out.extend(record.problems().into_iter().map(|p| (year, p)));
        }
        Ok(out)
    }

    /// Every year that holds any record at all (wider than `years()`: a year may have only scores).
    pub(crate) fn all_years(&self) -> Result<Vec<Year>> {
        let mut st = self.conn().prepare(
            "SELECT year FROM members UNION SELECT year FROM leadership UNION SELECT year FROM conferences
             UNION SELECT year FROM pledges UNION SELECT year FROM criteria UNION SELECT year FROM scores
             UNION SELECT year FROM adjustments UNION SELECT year FROM proposals
             UNION SELECT year FROM decisions UNION SELECT year FROM activities UNION SELECT year FROM sector_awards
             UNION SELECT year FROM discipline UNION SELECT year FROM register ORDER BY 1",
        )?;
        let years = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(years)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn().pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    pub fn counts(&self) -> Result<Counts> {
        let mut out = Vec::new();
        for (table, _) in COUNTED {
            let n: i64 = self
                .conn()
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            out.push((table, n));
        }
        Ok(Counts(out))
    }

    /// Schema version, full integrity check, foreign-key check and counts.
    pub fn health(&self) -> Result<Health> {
        let integrity: String = self
            .conn()
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .join("; ");
        let mut st = self.conn().prepare("PRAGMA foreign_key_check")?;
        let foreign_key_errors = st.query_map([], |_| Ok(()))?.count() as i64;
        let schema_version = self.schema_version()?;
        debug_assert!(schema_version <= LATEST_VERSION);
        Ok(Health {
            schema_version,
            integrity,
            foreign_key_errors,
            counts: self.counts()?,
        })
    }
}
