//! The year's documents, in the order they are issued: what "export every document of the year"
//! writes.

use super::exports::DocRequest;
use crate::domain::YearRecord;

/// Every document the year has data for: minutes, ballot counts, the proposal, the pledge, the ranking.
/// In reverse order, since the batch pops from the end.
/// Numbered documents go in order of their dates (numbers follow the order of issue): each
/// conference's minutes then its ballot counts, by the day of the meeting; then the ranking (the
/// year-end day) and the tờ trình (the day after).
pub fn year_documents(r: &YearRecord) -> Vec<DocRequest> {
    let mut conferences: Vec<&crate::domain::Conference> = r.conferences.iter().collect();
    conferences.sort_by_key(|c| (c.date, c.id));
    let mut v: Vec<DocRequest> = Vec::new();
    for c in conferences {
        v.push(DocRequest::Minutes(c.id));
        v.extend(
            r.ballots
                .iter()
                .filter(|b| b.conference == c.id)
                .map(|b| DocRequest::BallotCount(b.id)),
        );
    }
    v.extend(
        r.ballots
            .iter()
            .filter(|b| r.conference(b.conference).is_none())
            .map(|b| DocRequest::BallotCount(b.id)),
    );
    if !r.score_sheet.criteria.is_empty() {
        v.push(DocRequest::Ranking {
            year: r.year,
            detailed: false,
        });
    }
    if !r.proposals.is_empty() {
        v.push(DocRequest::Proposal(r.year));
    }
    if r.pledge.is_some() {
        v.push(DocRequest::Pledge(r.year));
    }
    v.reverse();
    v
}
