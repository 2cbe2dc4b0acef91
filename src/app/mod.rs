//! The application layer both faces share, below the window (`ui`) and the commands (`cli`):
//! documents out of the data file, the demo bloc, creating data files, where files live.

pub mod drafts;
pub mod exports;
pub mod files;
pub mod places;
pub mod sheets;
pub mod year_documents;
