//! Helpers shared by the integration tests.
#![allow(dead_code)]

use khoithidua::store::Store;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Runs `f` against a store on a temporary file and against one in memory.
pub fn on_each_store(f: impl Fn(&mut Store)) {
    let dir = tempfile::tempdir().unwrap();
    let mut file = Store::open(&dir.path().join("khối thi đua.sqlite")).unwrap();
    f(&mut file);
    let mut memory = Store::open_in_memory().unwrap();
    f(&mut memory);
}

pub fn sha256(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

/// The text of each page of a PDF, read back with lopdf, white space collapsed.
pub fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|&p| {
            let t = doc.extract_text(&[p]).expect("text of the page");
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// A data file named `name` in `dir` holding the demo bloc.
pub fn demo_file(dir: &Path, name: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    let mut s = Store::open(&p).unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    p
}

/// A copy, in `dir`, of the data file kept from schema version 1.
pub fn schema_v1_copy(dir: &Path) -> std::path::PathBuf {
    let p = dir.join("v1.sqlite");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1.sqlite"),
        &p,
    )
    .unwrap();
    p
}

/// The demo bloc's identity, for tests that build their records by hand.
pub fn bloc() -> khoithidua::domain::Bloc {
    khoithidua::domain::Bloc {
        name: "Khối thi đua Nội chính tỉnh Bình Định".into(),
        symbol: "KNC".into(),
        managing_body: "UBND TỈNH BÌNH ĐỊNH".into(),
        place_name: "Bình Định".into(),
        addressee: "Hội đồng Thi đua - Khen thưởng tỉnh".into(),
        margins: khoithidua::domain::Margins::default(),
    }
}
