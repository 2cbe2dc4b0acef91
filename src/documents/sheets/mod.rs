//! Excel copies (`.xlsx`) of the year's tables: the score sheet, the ranking and the proposal's
//! attached list, for the province and the member units to open, sort and print. Bytes only: the
//! caller names the file and writes it.
//!
//! Every score is a number, never a text, so that a reader can sum and sort; a total is a `SUM`
//! formula carrying the value the software computed (readers that do not recalculate show it);
//! a rank is a value from the year's ranking, never an Excel `RANK`, because ties are broken by
//! the bloc's rules, which no spreadsheet formula knows.

mod book;
mod proposals;
mod ranking;
mod scores;

pub use proposals::proposal_list;
pub use ranking::ranking;
pub use scores::score_sheet;

use crate::domain::Year;

/// Why a workbook was not made.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// `what`: the table asked for, "bảng chấm điểm" or "bảng xếp hạng".
    #[error("Năm {year} chưa có tiêu chí chấm điểm nên chưa lập được {what}. Nhập các tiêu chí ở mục \u{201c}Chấm điểm\u{201d}.")]
    NoCriteria { year: Year, what: &'static str },
    #[error("Năm {year} chưa có điểm khối chấm nên chưa lập được {what}. Nhập điểm ở mục \u{201c}Chấm điểm\u{201d}.")]
    NoScores { year: Year, what: &'static str },
    #[error("Năm {0} chưa có đề nghị khen thưởng nào để lập danh sách đề nghị khen thưởng. Nhập các đề nghị ở mục \u{201c}Khen thưởng\u{201d}.")]
    NoProposals(Year),
    /// The writer refused (a text longer than a cell holds, …); its own words are English.
    #[error("Không tạo được tệp Excel: {0}")]
    Writer(#[from] rust_xlsxwriter::XlsxError),
}

/// Refused unless the year has criteria and at least one bloc score: a table of blanks is no
/// copy of anything.
fn require_scores(r: &crate::domain::YearRecord, what: &'static str) -> Result<(), SheetError> {
    if r.score_sheet.criteria.is_empty() {
        return Err(SheetError::NoCriteria { year: r.year, what });
    }
    if !r.has_bloc_scores() {
        return Err(SheetError::NoScores { year: r.year, what });
    }
    Ok(())
}
