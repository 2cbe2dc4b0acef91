//! Types and rules of a bloc's year. No I/O, no SQL, no iced: pure values and functions.

pub mod activity;
pub mod award;
pub mod award_rules;
pub mod ballot;
pub mod bloc;
pub mod conference;
pub mod evaluation;
pub mod leadership;
pub mod pledge;
pub mod points;
pub mod ranking;
pub mod register;
pub mod rotation;
pub mod rules;
pub mod scoring;
pub mod tally;
pub mod text;
pub mod unit;
pub mod validate;
pub mod year;

pub use activity::{Activity, ActivityKind, Contribution};
pub use award::{AwardHistoryEntry, Decision, DecisionResult, Discipline, Proposal, ProposalStatus, SectorAward};
pub use ballot::{Ballot, BallotPurpose, BoardMember, Candidate};
pub use bloc::{Bloc, Margins};
pub use conference::{Attendance, Conference, ConferenceKind, Guest, PartOfDay, Person, Section};
pub use leadership::{ChoiceMethod, Leadership};
pub use pledge::{Pledge, PledgeItem, Signature};
pub use points::Points;
pub use register::{DocType, RegisterEntry};
pub use rules::{
    AwardFormRule, BonusItem, LegalBasis, NumberSeries, RotationMethod, RotationRule, Rules, TieBreak, VoteBase,
};
pub use scoring::{Adjustment, AdjustmentKind, Criterion, ScoreEntry, ScoreSheet};
pub use unit::{Unit, UnitHead, UnitName};
pub use validate::Problem;
pub use year::YearRecord;

/// Row ids as the store hands them out; 0 means "not stored yet".
pub type UnitId = i64;
pub type ConferenceId = i64;
pub type BallotId = i64;
pub type ProposalId = i64;
pub type DecisionId = i64;
pub type ActivityId = i64;
pub type Year = i32;
