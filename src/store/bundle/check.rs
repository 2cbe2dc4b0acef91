//! The pre-pass over a decoded bundle, before anything is written: the manifest's counts (every kind,
//! each equal to the content's), its years and bloc, and every reference between records (a unit, a
//! conference, a proposal that must exist), each problem naming the record (year, kind, id).

use super::{counts_of, kind_label, Bundle, BundleError, COUNTED_KINDS};
use crate::domain::{UnitId, Year};
use std::collections::BTreeSet;

/// Counts first (a bundle that cannot tell whether records are missing is refused), then references.
pub(super) fn verify(b: &Bundle) -> Result<(), BundleError> {
    let actual = counts_of(&b.content);
    for kind in COUNTED_KINDS {
        let Some(&expected) = b.manifest.counts.get(kind) else {
            return Err(BundleError::MissingCount {
                kind: kind.into(),
                label: kind_label(kind),
            });
        };
        let got = actual[kind];
        if got != expected {
            return Err(BundleError::CountsDiffer {
                kind: kind.into(),
                label: kind_label(kind),
                expected,
                got,
            });
        }
    }
    // A kind this program does not know, with records: they would be lost.
    if let Some((kind, &n)) = b
        .manifest
        .counts
        .iter()
        .find(|(k, n)| !actual.contains_key(*k) && **n > 0)
    {
        return Err(BundleError::CountsDiffer {
            kind: kind.clone(),
            label: "mục không có trong định dạng này",
            expected: n,
            got: 0,
        });
    }
    let problems = references(b);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(BundleError::Inconsistent(problems))
    }
}

/// Ids of one kind: positive and unique across the bundle.
#[derive(Default)]
struct Ids(BTreeSet<i64>);

impl Ids {
    fn add(&mut self, out: &mut Vec<String>, record: &str, id: i64) {
        if id <= 0 {
            out.push(format!("{record}: id phải là số nguyên dương"));
        } else if !self.0.insert(id) {
            out.push(format!("{record}: id bị trùng với một bản ghi khác cùng loại"));
        }
    }
}

fn references(b: &Bundle) -> Vec<String> {
    let c = &b.content;
    let mut out = Vec::new();
    if b.manifest.bloc != c.bloc.name {
        out.push(format!(
            "manifest.bloc \u{201c}{}\u{201d} khác tên khối trong nội dung \u{201c}{}\u{201d}",
            b.manifest.bloc, c.bloc.name
        ));
    }
    let years: Vec<Year> = c.years.iter().map(|y| y.year).collect();
    let mut sorted = years.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() != years.len() {
        out.push("content.years có một năm xuất hiện hai lần".into());
    }
    if b.manifest.years != sorted {
        out.push(format!(
            "manifest.years {:?} khác các năm có trong nội dung {:?}",
            b.manifest.years, sorted
        ));
    }

    let mut unit_ids = Ids::default();
    for u in &c.units {
        unit_ids.add(&mut out, &format!("đơn vị id {}", u.id), u.id);
    }
    let units = &unit_ids.0;
    let unit_ref = |out: &mut Vec<String>, record: &str, what: &str, id: UnitId| {
        if !units.contains(&id) {
            out.push(format!(
                "{record}: {what} là đơn vị id {id}, không có trong danh sách đơn vị (content.units)"
            ));
        }
    };
    for u in &c.units {
        if let Some(m) = u.merged_into {
            let record = format!("đơn vị id {}", u.id);
            if m == u.id {
                out.push(format!("{record}: không thể sáp nhập vào chính nó"));
            } else {
                unit_ref(&mut out, &record, "đơn vị được sáp nhập vào (merged_into)", m);
            }
        }
    }
    let mut rule_years = BTreeSet::new();
    for r in &c.rules {
        let record = format!("quy chế áp dụng từ năm {}", r.year);
        if !rule_years.insert(r.year) {
            out.push(format!("{record}: năm này có hai bản quy chế"));
        }
        for &u in &r.rules.rotation.order {
            unit_ref(&mut out, &record, "thứ tự luân phiên (rotation.order) nhắc", u);
        }
    }

    // Ids of every year first: a leadership is decided at the previous year's conference.
    let mut conference_ids = Ids::default();
    let mut proposal_ids = Ids::default();
    for y in &c.years {
        for x in &y.conferences {
            conference_ids.add(&mut out, &format!("năm {}, hội nghị id {}", y.year, x.id), x.id);
        }
        for x in &y.proposals {
            proposal_ids.add(
                &mut out,
                &format!("năm {}, đề nghị khen thưởng id {}", y.year, x.id),
                x.id,
            );
        }
    }
    let (conferences, proposals) = (&conference_ids.0, &proposal_ids.0);
    let mut ballot_ids = Ids::default();
    let mut decision_ids = Ids::default();
    let mut activity_ids = Ids::default();
    for y in &c.years {
        let year = y.year;
        let own_year = |out: &mut Vec<String>, record: &str, found: Year| {
            if found != year {
                out.push(format!("{record}: ghi năm {found}, nhưng nằm trong năm {year}"));
            }
        };
        let mut seen = BTreeSet::new();
        for &m in &y.members {
            unit_ref(&mut out, &format!("năm {year}, danh sách thành viên"), "thành viên", m);
            if !seen.insert(m) {
                out.push(format!(
                    "năm {year}, danh sách thành viên: đơn vị id {m} được ghi hai lần"
                ));
            }
        }
        if let Some(l) = &y.leadership {
            let record = format!("năm {year}, Khối trưởng/Khối phó");
            own_year(&mut out, &record, l.year);
            unit_ref(&mut out, &record, "Khối trưởng (head)", l.head);
            if let Some(d) = l.deputy {
                unit_ref(&mut out, &record, "Khối phó (deputy)", d);
            }
            if let Some(conf) = l.decided_at.filter(|id| !conferences.contains(id)) {
                out.push(format!(
                    "{record}: hội nghị quyết định (decided_at) id {conf} không có trong tệp"
                ));
            }
        }
        if let Some(p) = &y.pledge {
            let record = format!("năm {year}, giao ước thi đua");
            own_year(&mut out, &record, p.year);
            if let Some(conf) = p.signing_conference.filter(|id| !conferences.contains(id)) {
                out.push(format!(
                    "{record}: hội nghị ký giao ước (signing_conference) id {conf} không có trong tệp"
                ));
            }
            for s in &p.signatures {
                unit_ref(&mut out, &record, "chữ ký (signatures) của", s.unit);
            }
        }
        for x in &y.conferences {
            let record = format!("năm {year}, hội nghị id {}", x.id);
            own_year(&mut out, &record, x.year);
            for (what, u) in [
                ("đơn vị đăng cai (host_unit)", x.host_unit),
                ("đơn vị của người chủ trì (chair.unit)", x.chair.unit),
                ("đơn vị của thư ký (secretary.unit)", x.secretary.unit),
            ] {
                if let Some(u) = u {
                    unit_ref(&mut out, &record, what, u);
                }
            }
            for a in &x.attendance {
                unit_ref(&mut out, &record, "điểm danh (attendance)", a.unit);
            }
        }
        for x in &y.ballots {
            let record = format!("năm {year}, cuộc bỏ phiếu id {}", x.id);
            ballot_ids.add(&mut out, &record, x.id);
            if !conferences.contains(&x.conference) {
                out.push(format!(
                    "{record}: hội nghị (conference) id {} không có trong tệp",
                    x.conference
                ));
            }
            for cand in &x.candidates {
                unit_ref(&mut out, &record, "ứng viên (candidates)", cand.unit);
            }
        }
        let sheet = &y.score_sheet;
        let empty = sheet.criteria.is_empty() && sheet.entries.is_empty() && sheet.adjustments.is_empty();
        if !(sheet.year == 0 && empty) {
            own_year(&mut out, &format!("năm {year}, bảng chấm điểm"), sheet.year);
        }
        let codes: BTreeSet<&str> = sheet.criteria.iter().map(|c| c.code.as_str()).collect();
        let mut cells: BTreeSet<(UnitId, &str)> = BTreeSet::new();
        for e in &sheet.entries {
            let record = format!(
                "năm {year}, ô điểm của đơn vị id {} tiêu chí \u{201c}{}\u{201d}",
                e.unit, e.criterion
            );
            unit_ref(&mut out, &record, "đơn vị (unit)", e.unit);
            if !codes.contains(e.criterion.as_str()) {
                out.push(format!("{record}: tiêu chí không có trong bảng chấm điểm (criteria)"));
            }
            if !cells.insert((e.unit, e.criterion.as_str())) {
                out.push(format!("{record}: ô điểm được ghi hai lần"));
            }
        }
        for (i, a) in sheet.adjustments.iter().enumerate() {
            let record = format!("năm {year}, khoản cộng/trừ điểm thứ {}", i + 1);
            unit_ref(&mut out, &record, "đơn vị (unit)", a.unit);
        }
        for x in &y.proposals {
            let record = format!("năm {year}, đề nghị khen thưởng id {}", x.id);
            own_year(&mut out, &record, x.year);
            unit_ref(&mut out, &record, "đơn vị được đề nghị (unit)", x.unit);
        }
        for x in &y.decisions {
            let record = format!("năm {year}, quyết định id {}", x.id);
            decision_ids.add(&mut out, &record, x.id);
            own_year(&mut out, &record, x.year);
            for r in &x.results {
                if !proposals.contains(&r.proposal) {
                    out.push(format!(
                        "{record}: đề nghị khen thưởng (results.proposal) id {} không có trong tệp",
                        r.proposal
                    ));
                }
            }
        }
        for x in &y.activities {
            let record = format!("năm {year}, hoạt động id {}", x.id);
            activity_ids.add(&mut out, &record, x.id);
            own_year(&mut out, &record, x.year);
            for k in &x.contributions {
                unit_ref(&mut out, &record, "khoản đóng góp (contributions) của", k.unit);
            }
        }
        for (i, x) in y.sector_awards.iter().enumerate() {
            let record = format!("năm {year}, khen thưởng của ngành thứ {}", i + 1);
            own_year(&mut out, &record, x.year);
            unit_ref(&mut out, &record, "đơn vị (unit)", x.unit);
        }
        for (i, x) in y.discipline.iter().enumerate() {
            let record = format!("năm {year}, kỷ luật thứ {}", i + 1);
            own_year(&mut out, &record, x.year);
            unit_ref(&mut out, &record, "đơn vị (unit)", x.unit);
        }
        for x in &y.register {
            let record = format!("năm {year}, sổ văn bản số {} ({})", x.number, x.doc_type.code());
            own_year(&mut out, &record, x.year);
        }
    }
    out
}
