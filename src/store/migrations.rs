//! The numbered list of schema migrations. A migration is never edited once released: add a new one.

use super::{Result, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};
use std::sync::LazyLock;

/// The migrations in order: the n-th (from 1) brings a file to schema version n. rusqlite_migration
/// numbers them by position, so the list has no gaps: a new file goes in at its number's place.
const STEPS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_discipline.sql"),
    include_str!("migrations/003_register_source.sql"),
    include_str!("migrations/004_settings.sql"),
    include_str!("migrations/005_register_calendar.sql"),
    include_str!("migrations/006_unknowns.sql"),
    include_str!("migrations/007_ballot_counted_at.sql"),
    include_str!("migrations/008_drafts.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The schema version this build writes (SQLite's user_version).
pub const LATEST_VERSION: i64 = STEPS.len() as i64;

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    MIGRATIONS
        .to_latest(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_match_latest() {
        MIGRATIONS.validate().unwrap();
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c).unwrap();
        let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, LATEST_VERSION);
    }
}
