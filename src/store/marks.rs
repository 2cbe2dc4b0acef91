//! Marks a data file carries about itself: whether it is the demo bloc (so the window says so on
//! every screen, and a clerk never mistakes it for their own records).

use super::{backup::setting, Result, Store};

const DEMO: &str = "demo";

impl Store {
    /// Whether this file holds the demo bloc (made by "Mở khối mẫu" or `khoithidua demo`).
    pub fn is_demo(&self) -> bool {
        setting(self.conn(), DEMO).ok().flatten().as_deref() == Some("1")
    }

    pub fn mark_demo(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, '1') ON CONFLICT(key) DO UPDATE SET value = '1'",
                [DEMO],
            )?;
            Ok(())
        })
    }
}
