//! The bundle format as another program sees it: the Python recipe of `docs/bundle.md` computes the
//! checksum the program writes, and a bundle written from scratch in Python — other key order,
//! optional fields omitted, integers for decimals, "HH:MM" times, fields of its own — imports.
//! python3 is required (CI installs it): without it these tests fail, they never skip.

mod common;

use khoithidua::store::bundle::{decode, encode, import, read_file, Bundle};
use khoithidua::store::Store;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

const WHEN: &str = "2024-12-31T08:00:00+07:00";

/// The recipe, as published between the marker comments of docs/bundle.md.
fn recipe() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/bundle.md")).unwrap();
    let start = doc
        .find("<!-- recipe:begin -->")
        .expect("docs/bundle.md has <!-- recipe:begin -->");
    let end = doc
        .find("<!-- recipe:end -->")
        .expect("docs/bundle.md has <!-- recipe:end -->");
    let block = &doc[start..end];
    let code = block
        .split_once("```python\n")
        .and_then(|(_, rest)| rest.rsplit_once("```"))
        .expect("the recipe is a ```python block")
        .0;
    code.to_string()
}

/// Runs the recipe followed by `script` with python3, with `args`; returns its standard output.
fn python(script: &str, args: &[&Path]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recipe.py");
    std::fs::write(&file, format!("{}\n\n{script}", recipe())).unwrap();
    let out = match Command::new("python3").arg(&file).args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("python3 is needed by this test (it runs the recipe of docs/bundle.md; CI installs it): {e}"),
    };
    assert!(
        out.status.success(),
        "python3 failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn demo_bundle() -> Bundle {
    let mut s = Store::open_in_memory().unwrap();
    khoithidua::demo::write_demo(&mut s).unwrap();
    s.export_bundle(WHEN).unwrap()
}

#[test]
fn the_python_recipe_computes_the_programs_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let b = demo_bundle();
    let path = dir.path().join("demo.json");
    std::fs::write(&path, encode(&b, false)).unwrap();
    let got = python(
        "import sys\nprint(checksum(json.load(open(sys.argv[1], encoding='utf-8'))))\n\
         for x in (100, 100.0, 95.25, 0.1, 1e21, 1e-7, 123456789012345680000.0, -0.5, 2**53 + 1, 5e-324):\n    print(jcs_number(x))\n",
        &[&path],
    );
    let mut lines = got.lines();
    assert_eq!(lines.next(), Some(b.manifest.checksum.as_str()));
    // The same numbers as the Rust JCS implementation writes them.
    let rust: Vec<String> = [
        serde_json::json!(100),
        serde_json::json!(100.0),
        serde_json::json!(95.25),
        serde_json::json!(0.1),
        serde_json::json!(1e21),
        serde_json::json!(1e-7),
        serde_json::json!(123456789012345680000.0),
        serde_json::json!(-0.5),
        serde_json::json!(9007199254740993u64),
        serde_json::json!(5e-324),
    ]
    .iter()
    .map(|v| serde_json_canonicalizer::to_string(v).unwrap())
    .collect();
    assert_eq!(lines.map(str::to_string).collect::<Vec<_>>(), rust);
}

const SCRATCH: &str = r#"
import sys

units = [
    {"names": [{"short_name": short, "name": name}], "precedence": i, "id": i}
    for i, (name, short) in enumerate([
        ("Sở Tư pháp tỉnh", "STP"), ("Thanh tra tỉnh", "TTr tỉnh"), ("Công an tỉnh", "CA tỉnh")], start=1)
]
criteria = [
    {"max_points": 60, "name": "Thực hiện nhiệm vụ chính trị", "group": "I. Nhiệm vụ", "code": "I.1"},
    {"max_points": 40.0, "name": "Công tác phối hợp trong khối", "group": "II. Phối hợp", "code": "II.1"},
]
entries = [
    {"criterion": c["code"], "unit": u["id"], "bloc_score": c["max_points"] - u["id"], "self_score": c["max_points"]}
    for u in units for c in criteria
]
year = {
    "score_sheet": {"entries": entries, "criteria": criteria, "year": 2024},
    "conferences": [{
        "title": "Hội nghị tổng kết công tác thi đua năm 2024",
        "kind": "YearEnd", "id": 7, "year": 2024, "date": "2024-12-20", "start": "14:00",
        "place": "Hội trường Sở Tư pháp",
        "secretary": {"position": "Chuyên viên", "name": "Trần Thị Bình"},
        "chair": {"unit": 1, "position": "Giám đốc", "name": "Nguyễn Văn An"},
        "attendance": [{"present": True, "unit": u["id"]} for u in units],
        "nguon_phan_mem_khac": {"ten": "bảng tính", "phien_ban": 3},
    }],
    "leadership": {"year": 2024, "method": "Elected", "head": 1, "deputy": 2},
    "members": [3, 1, 2],
    "year": 2024,
}
bundle = {
    "content": {
        "years": [year],
        "units": units,
        "bloc": {"symbol": "KTP", "name": "Khối thi đua Tư pháp - Thanh tra", "managing_body": "UBND TỈNH",
                 "place_name": "Bình Định", "addressee": "Hội đồng Thi đua - Khen thưởng tỉnh"},
    },
    "manifest": {"years": [2024], "bloc": "Khối thi đua Tư pháp - Thanh tra", "format_version": 2,
                 "format": "khoithidua-handover", "created_at": "2024-12-31T08:00:00+07:00",
                 "writer": "a script of another office"},
}
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(seal(bundle), f, ensure_ascii=False, indent=1)
"#;

#[test]
fn a_bundle_written_from_scratch_in_python_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("từ python.json");
    python(SCRATCH, &[&path]);
    let target = dir.path().join("nhận.sqlite");
    let o = Command::new(env!("CARGO_BIN_EXE_khoithidua"))
        .args([
            "import-bundle",
            path.to_str().unwrap(),
            "--data",
            target.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let s = Store::open(&target).unwrap();
    assert_eq!(s.units().unwrap().len(), 3);
    let y = s.load_year(2024).unwrap();
    assert_eq!(y.bloc.symbol, "KTP");
    assert_eq!(y.members.len(), 3);
    assert_eq!(y.leadership.as_ref().map(|l| (l.head, l.deputy)), Some((1, Some(2))));
    let c = &y.conferences[0];
    assert_eq!(
        (c.id, c.title.as_str()),
        (7, "Hội nghị tổng kết công tác thi đua năm 2024")
    );
    assert_eq!(c.start, chrono::NaiveTime::from_hms_opt(14, 0, 0));
    assert_eq!((c.end, c.host_unit, c.notes.as_str()), (None, None, ""));
    assert_eq!(c.attendance.len(), 3);
    assert_eq!(y.score_sheet.criteria.len(), 2);
    assert_eq!(y.score_sheet.entries.len(), 6);
    let e = y
        .score_sheet
        .entries
        .iter()
        .find(|e| e.unit == 3 && e.criterion == "II.1")
        .unwrap();
    assert_eq!(e.bloc_score, Some(khoithidua::domain::Points::whole(37)));
    assert!(s.all_problems().unwrap().is_empty());
    drop(s); // `check` opens the file itself
    let o = Command::new(env!("CARGO_BIN_EXE_khoithidua"))
        .args(["check", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Rewrites a bundle the program wrote as another writer might: keys in reverse order, nulls
/// omitted, integral numbers as integers, times without seconds, fields of its own; sealed again.
const REWRITE: &str = r#"
import re
import sys

def rewrite(v):
    if isinstance(v, dict):
        items = [(k, rewrite(x)) for k, x in v.items() if x is not None]
        d = dict(reversed(items))
        if "id" in d or "year" in d:
            d["ghi_chu_cua_phan_mem_khac"] = "không dùng"
        return d
    if isinstance(v, list):
        return [rewrite(x) for x in v]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and re.fullmatch(r"\d\d:\d\d:00", v):
        return v[:5]
    return v

with open(sys.argv[1], encoding="utf-8") as f:
    bundle = json.load(f)
bundle = rewrite(bundle)
bundle["manifest"]["checksum"] = "?"
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(seal(bundle), f, ensure_ascii=False)
"#;

#[test]
fn a_bundle_rewritten_by_another_program_imports_to_the_same_record() {
    let dir = tempfile::tempdir().unwrap();
    let b = demo_bundle();
    let original = dir.path().join("chương trình.json");
    std::fs::write(&original, encode(&b, false)).unwrap();
    let rewritten = dir.path().join("viết lại.json");
    python(REWRITE, &[&original, &rewritten]);
    let text = std::fs::read_to_string(&rewritten).unwrap();
    assert!(
        !text.contains("null") && !text.contains("\"score_scale\": 100.0"),
        "really rewritten"
    );
    assert!(
        text.contains(":00\"") && !text.contains(":00:00\""),
        "times without seconds"
    );

    let decoded = read_file(&rewritten).unwrap();
    assert_eq!(decoded.content, b.content, "the same record, however written");
    let target = dir.path().join("nhận.sqlite");
    import(&decoded, &target, false).unwrap();
    let again = Store::open(&target).unwrap().export_bundle(WHEN).unwrap();
    assert_eq!(again.content, b.content);
    assert_eq!(again.manifest.checksum, b.manifest.checksum);
}

#[test]
fn a_version_1_bundle_of_the_first_release_still_imports() {
    // As the first release wrote it: format_version 1, the checksum over its own compact
    // serialisation of `content`.
    let b = demo_bundle();
    let mut old = b.clone();
    old.manifest.format_version = 1;
    let digest = Sha256::digest(serde_json::to_vec(&b.content).unwrap());
    old.manifest.checksum = format!("sha256:{digest:x}");
    let bytes = encode(&old, false);
    let decoded = decode(&bytes).unwrap();
    assert_eq!(decoded.content, b.content);
    // Its checksum still guards it.
    let text = String::from_utf8(bytes)
        .unwrap()
        .replacen("\"votes\": 8", "\"votes\": 9", 1);
    assert!(decode(text.as_bytes()).is_err());
    let dir = tempfile::tempdir().unwrap();
    import(&decoded, &dir.path().join("cũ.sqlite"), false).unwrap();
}
