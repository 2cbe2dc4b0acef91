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
