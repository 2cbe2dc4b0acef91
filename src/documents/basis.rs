//! The "Căn cứ …" lines of a document: the texts of the rules in force on the document's own date,
//! the bloc's Quy chế when its number and date are known, and the minutes a proposal relies on,
//! with their register number and date when they were issued. Nothing here is invented: a text
//! whose data is missing is left out.

use crate::domain::text::date_dmy;
use crate::domain::{Conference, DocType, YearRecord};
use chrono::NaiveDate;

/// "Căn cứ …;" for every text of the rules in force on `date`, then the bloc's Quy chế when its
/// number and date are set and it was issued by `date`.
pub(super) fn legal_basis_lines(r: &YearRecord, date: NaiveDate) -> Vec<String> {
    let mut lines: Vec<String> = r
        .rules
        .legal_basis
        .iter()
        .filter(|l| l.in_force_on(date))
        .map(|l| format!("Căn cứ {};", l.citation.trim().trim_end_matches(';')))
        .collect();
    let rules = &r.rules;
    if let (false, Some(issued)) = (rules.regulation_number.trim().is_empty(), rules.regulation_date) {
        if issued <= date {
            let issuer = rules.regulation_issuer.trim();
            lines.push(format!(
                "Căn cứ Quy chế tổ chức và hoạt động của {} ban hành kèm theo Quyết định số {} ngày {}{};",
                r.bloc.name,
                rules.regulation_number.trim(),
                date_dmy(issued),
                if issuer.is_empty() {
                    String::new()
                } else {
                    format!(" của {issuer}")
                }
            ));
        }
    }
    lines
}

/// "Căn cứ Biên bản Hội nghị … số 02/BB-KNC ngày 06/01/2021 của …;" when the conference's minutes
/// were issued (their register number and date), else the minutes described by the meeting's date.
pub(super) fn minutes_line(r: &YearRecord, c: &Conference) -> String {
    let source = format!("minutes:{}", c.id);
    match r
        .register
        .iter()
        .find(|e| e.doc_type == DocType::Minutes && e.source == source)
    {
        Some(e) => format!(
            "Căn cứ Biên bản {} số {} ngày {} của {};",
            c.title,
            e.formatted(&r.bloc.symbol),
            date_dmy(e.issued_on),
            r.bloc.name
        ),
        None => format!(
            "Căn cứ Biên bản {} ngày {} của {};",
            c.title,
            date_dmy(c.date),
            r.bloc.name
        ),
    }
}
