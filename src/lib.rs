//! Khối Thi Đua: the record of a Vietnamese emulation bloc's year, and the documents it signs.
//!
//! Layers, arrows downward only: `ui` and `cli` (side by side) → `app` → `documents` → `store` →
//! `domain`.

pub mod app;
pub mod cli;
pub mod demo;
pub mod documents;
pub mod domain;
pub mod store;
pub mod ui;
