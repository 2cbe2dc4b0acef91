//! Excel copies of the year's tables, for the window and the command line: the score sheet, the
//! ranking and the proposal's attached list, to send to the province or to the member units.

use super::exports::ExportError;
use crate::documents::sheets;
use crate::domain::Year;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// Bảng chấm điểm: every criterion of every unit.
    Scores,
    /// Bảng tổng hợp điểm và xếp hạng.
    Ranking,
    /// Danh sách đề nghị khen thưởng (attached to the Tờ trình).
    Proposals,
}

impl Sheet {
    /// "bảng chấm điểm năm 2022", as messages name it.
    pub fn label(self, year: Year) -> String {
        match self {
            Sheet::Scores => format!("bảng chấm điểm năm {year}"),
            Sheet::Ranking => format!("bảng xếp hạng năm {year}"),
            Sheet::Proposals => format!("danh sách đề nghị khen thưởng năm {year}"),
        }
    }

    /// "Bang cham diem nam 2022.xlsx".
    pub fn file_name(self, year: Year) -> String {
        let stem = match self {
            Sheet::Scores => "Bang cham diem",
            Sheet::Ranking => "Bang xep hang",
            Sheet::Proposals => "Danh sach de nghi khen thuong",
        };
        format!("{stem} nam {year}.xlsx")
    }
}

/// The workbook's bytes; refused, saying what is missing, when the year has nothing to put in it.
pub fn make(store: &Store, sheet: Sheet, year: Year) -> Result<Vec<u8>, ExportError> {
    let r = store.load_year(year)?;
    let bytes = match sheet {
        Sheet::Scores => sheets::score_sheet(&r),
        Sheet::Ranking => sheets::ranking(&r),
        Sheet::Proposals => sheets::proposal_list(&r),
    };
    bytes.map_err(|e| ExportError::Sheet(e.to_string()))
}
