//! The window over an open data file: the sidebar of areas and the file menu, the year every area
//! follows, the status line. The year is loaded once per change and shared with the screens
//! (never copied per keystroke); views never touch the database. Exports, the handover and the
//! questions asked before dropping edits live in the modules below.

mod areas;
mod drafting;
mod export;
mod handover;
mod history;
mod new_year;
mod prompts;
mod view;

pub use areas::{Area, Screens};
pub use export::EXPORT_DATE_ID;
pub use new_year::{NewYearMessage, YEAR_ID as NEW_YEAR_ID};

use super::dialogs::{Answer, Ask, Kind, Purpose};
use super::keys::Shortcut;
use super::screens::{self, Action, Ctx, Nav};
use super::Target;
use crate::domain::{Year, YearRecord};
use crate::store::Store;

use iced::Task;
use prompts::Prompt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Message {
    DismissWarnings,
    Area(Area),
    Year(Year),
    Units(screens::units::Message),
    Leadership(screens::leadership::Message),
    Pledge(screens::pledge::Message),
    Conferences(screens::conferences::Message),
    Scoring(screens::scoring::Message),
    Ballots(screens::ballots::Message),
    Awards(screens::awards::Message),
    Settings(screens::settings::Message),
    Shortcut(Shortcut),
    /// The focused field, found for a focus move asked with a key.
    Focused(Option<iced::widget::Id>, Nav),
    /// Ctrl+V: the clipboard's text and the focused field (a text field only gets one line of it).
    PasteAt(iced::widget::Id, String),
    /// Ask the user for a file: answered by the window (system dialog or its own chooser).
    Ask(Ask),
    /// The answer, with a path (a cancel never comes here).
    Answer(Answer),
    /// The date typed in the export form (dd/mm/yyyy).
    ExportDate(String),
    /// The export form's "Xuất PDF…": the date is checked, then the save dialog opens.
    ExportConfirm,
    ExportCancel,
    Exported(StoreSlot, Result<(String, PathBuf), String>),
    /// The export form's "Soạn thảo, xem trước…": the document's draft in the editor.
    DraftOpen,
    Draft(crate::ui::draft_editor::Message),
    /// A draft issued (or an issued document reprinted) and its PDF written, or why not.
    Issued(
        StoreSlot,
        Result<(String, PathBuf, Box<crate::documents::Draft>), String>,
    ),
    /// The status line's "Mở": the last exported file (or folder) in the system's viewer.
    OpenLastExport,
    OpenedInSystem(Result<PathBuf, String>),
    /// The answer to "there are unsaved changes": save, discard, or stay.
    Unsaved(Choice),
    ConfirmRestore(bool),
    BundleWritten(StoreSlot, Result<String, String>),
    Imported(Result<PathBuf, String>),
    /// Leave this file for another, a new bloc, the demo (asks about unsaved edits first).
    Leave(Target),
    /// Leave now: handled by the window, which closes this file.
    Go(Target),
    /// The file menu: open or closed.
    Menu(bool),
    /// Export every document of the year into one folder.
    ExportAll,
    /// One document of the batch written (or not); the window redraws its progress between steps.
    BatchDone(StoreSlot, Result<PathBuf, String>),
    NewYear(NewYearMessage),
    /// The window's close button: asks first when there are unsaved edits.
    CloseRequested(iced::window::Id),
    Close(Choice),
}

/// The store handed to background work and back (messages must be `Clone`).
#[derive(Clone)]
pub struct StoreSlot(Arc<std::sync::Mutex<Option<Store>>>);

impl StoreSlot {
    fn new(store: Store) -> Self {
        StoreSlot(Arc::new(std::sync::Mutex::new(Some(store))))
    }

    fn take(&self) -> Option<Store> {
        self.0.lock().ok().and_then(|mut s| s.take())
    }
}

impl std::fmt::Debug for StoreSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreSlot")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Save,
    Discard,
    Stay,
}

pub struct Workspace {
    pub path: PathBuf,
    /// `None` only while long work has the store in a background task.
    store: Option<Store>,
    years: Vec<Year>,
    /// Shared with the screens' updates: a keystroke never copies the year.
    record: Arc<YearRecord>,
    area: Area,
    pub screens: Screens,
    pub status: String,
    /// A document waiting for the user to choose where to save it: nothing is numbered until then.
    pending_export: Option<export::PendingExport>,
    /// The draft being edited, shown in place of the area.
    editor: Option<Box<crate::ui::draft_editor::Editor>>,
    /// What went wrong on opening without stopping it (an automatic backup not written): shown in
    /// a band above every area until the user dismisses it.
    pub warnings: Vec<String>,
    /// The file the status line's "Mở" opens: only right after it was written.
    last_export: Option<PathBuf>,
    prompt: Option<Prompt>,
    busy: Option<String>,
    batch: Option<export::Batch>,
    imported: Option<PathBuf>,
    /// The file holds the demo bloc: said on every screen.
    demo: bool,
    menu: bool,
    /// The recent files the open menu lists.
    menu_files: Vec<PathBuf>,
    new_year: Option<new_year::NewYearForm>,
    history: history::History,
    /// Recent files and folders (for the file menu and the save folder), read when the file opens.
    recent: crate::app::places::Recent,
    dialogs: super::Dialogs,
    today: chrono::NaiveDate,
}

impl Workspace {
    /// Opens the workspace on `store`, at the latest year with data.
    pub fn new(path: PathBuf, store: Store, dialogs: super::Dialogs) -> Result<Self, String> {
        let years = store.years().map_err(|e| e.to_string())?;
        let today = chrono::Local::now().date_naive();
        let year = years.last().copied().unwrap_or(chrono::Datelike::year(&today));
        let record = store.load_year(year).map_err(|e| e.to_string())?;
        let warnings = store.warnings().to_vec();
        let recent = dialogs
            .recent_at()
            .map(|p| crate::app::places::Recent::load(&p))
            .unwrap_or_default();
        Ok(Workspace {
            screens: Screens::build(&record, Some(&store), &path, Default::default()),
            demo: store.is_demo(),
            path,
            store: Some(store),
            years,
            record: Arc::new(record),
            area: Area::Units,
            status: "Đã mở tệp dữ liệu.".into(),
            pending_export: None,
            editor: None,
            warnings,
            last_export: None,
            prompt: None,
            busy: None,
            batch: None,
            imported: None,
            menu: false,
            menu_files: Vec::new(),
            new_year: None,
            history: history::History::default(),
            recent,
            dialogs,
            today,
        })
    }

    pub fn record(&self) -> &YearRecord {
        &self.record
    }

    pub fn area(&self) -> Area {
        self.area
    }

    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    pub fn is_demo(&self) -> bool {
        self.demo
    }

    pub fn years(&self) -> &[Year] {
        &self.years
    }

    /// Whether an export is waiting for its path (for the window's tests).
    pub fn export_pending(&self) -> bool {
        self.pending_export.is_some()
    }

    pub fn last_export(&self) -> Option<&PathBuf> {
        self.last_export.as_ref()
    }

    /// Whether a question is open (unsaved edits, restore, close).
    pub fn asking(&self) -> bool {
        self.prompt.is_some()
    }

    fn rebuild_all(&mut self) {
        self.history.clear();
        let keep = self.screens.selection();
        self.screens = Screens::build(&self.record, self.store.as_ref(), &self.path, keep);
    }

    /// Reloads the year after a write; the current area keeps what it shows (a conference stays
    /// selected) and, in the same year, its unsaved edits (an export or a backup never drops them).
    fn reload(&mut self, year: Year) {
        let Some(store) = &self.store else { return };
        let keep_edits = year == self.record.year && self.dirty();
        match store.years().and_then(|ys| store.load_year(year).map(|r| (ys, r))) {
            Ok((years, record)) => {
                self.years = years;
                if !self.years.contains(&year) {
                    self.years.push(year);
                    self.years.sort();
                }
                self.record = Arc::new(record);
                if keep_edits {
                    let keep = self.screens.selection();
                    let fresh = Screens::build(&self.record, self.store.as_ref(), &self.path, keep);
                    let old = std::mem::replace(&mut self.screens, fresh);
                    self.screens.keep_area(self.area, old);
                } else {
                    self.rebuild_all();
                }
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    fn dirty(&self) -> bool {
        self.screens.dirty(self.area) || self.editor.as_ref().is_some_and(|e| e.dirty())
    }

    /// The draft editor, when open (for the window's tests).
    pub fn editor(&self) -> Option<&crate::ui::draft_editor::Editor> {
        self.editor.as_deref()
    }

    fn go(&mut self, area: Area, year: Year) {
        if area != self.area {
            self.history.clear();
        }
        // Another area or year leaves the draft (its edits were saved or dropped when asked).
        self.editor = None;
        self.area = area;
        if year != self.record.year {
            self.reload(year);
            self.status = format!("Đang xem năm {year}.");
        }
    }

    /// The folder to save into first: the last one used, else Documents.
    fn save_folder(&self) -> PathBuf {
        self.recent
            .folders
            .iter()
            .find(|d| d.is_dir())
            .cloned()
            .unwrap_or_else(crate::app::places::documents_dir)
    }

    fn remember_folder(&mut self, dir: &Path) {
        self.recent.used_folder(dir);
        if let Some(at) = self.dialogs.recent_at() {
            let mut on_disk = crate::app::places::Recent::load(&at);
            on_disk.used_folder(dir);
            let _ = on_disk.save(&at); // a convenience: never worth an error
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        if self.store.is_none() && waits_for_the_store(&message) {
            // The store is with background work: nothing may change file, year or write meanwhile.
            self.status = format!(
                "Đang bận ({}); hãy chờ một chút.",
                self.busy.as_deref().unwrap_or("đang ghi").trim_end_matches('…')
            );
            return Task::none();
        }
        if is_edit(&message) {
            // A copy before the edit, for Ctrl+Z; the same field typed in without a pause is one step.
            let detail = format!("{message:?}");
            // The field, without what was typed: "Pledge(Theme(" or "Conferences(SectionBody(0, ".
            let cut = ["\"", "'", "Edit(", "Paste("]
                .iter()
                .filter_map(|m| detail.find(m))
                .min()
                .unwrap_or(detail.len());
            let detail = detail[..cut].to_string();
            self.history
                .before(std::mem::discriminant(&message), detail, self.area, &self.screens);
            let task = self.update_inner(message);
            if !self.dirty() {
                self.history.clear(); // saved, or nothing changed
            }
            return task;
        }
        self.update_inner(message)
    }

    fn update_inner(&mut self, message: Message) -> Task<Message> {
        // The status line's "Mở" is for the file just written, not for later, unrelated work.
        if !matches!(
            message,
            Message::OpenLastExport | Message::OpenedInSystem(_) | Message::Exported(..) | Message::BatchDone(..)
        ) {
            self.last_export = None;
        }
        match message {
            Message::Area(a) => self.navigate(a, self.record.year),
            Message::Year(y) => self.navigate(self.area, y),
            Message::Unsaved(choice) => self.unsaved(choice),
            Message::Shortcut(s) => self.shortcut(s),
            Message::Focused(id, nav) => self.focus_move(id, nav),
            Message::PasteAt(id, text) => match self.screens.scoring.cell_at(&self.record, &id) {
                Some((unit, i)) if self.area == Area::Scoring => {
                    self.update(Message::Scoring(screens::scoring::Message::Paste(unit, i, text)))
                }
                _ => Task::none(),
            },
            Message::Units(m) => self.screen_action(|w, ctx| w.screens.units.update(m, ctx)),
            Message::Leadership(m) => self.screen_action(|w, ctx| w.screens.leadership.update(m, ctx)),
            Message::Pledge(m) => self.screen_action(|w, ctx| w.screens.pledge.update(m, ctx)),
            Message::Conferences(m) => self.screen_action(|w, ctx| w.screens.conferences.update(m, ctx)),
            Message::Scoring(m) => self.screen_action(|w, ctx| w.screens.scoring.update(m, ctx)),
            Message::Ballots(m) => self.screen_action(|w, ctx| w.screens.ballots.update(m, ctx)),
            Message::Awards(m) => self.screen_action(|w, ctx| w.screens.awards.update(m, ctx)),
            Message::Settings(m) => self.screen_action(|w, ctx| w.screens.settings.update(m, ctx)),
            Message::Ask(_) | Message::Go(_) => Task::none(), // the window answers these
            Message::Answer(a) => self.answer(a),
            Message::DismissWarnings => {
                self.warnings.clear();
                Task::none()
            }
            Message::ExportDate(s) => {
                self.export_date(s);
                Task::none()
            }
            Message::ExportConfirm => self.confirm_export(),
            Message::ExportCancel => {
                self.pending_export = None;
                self.status = "Đã hủy xuất văn bản.".into();
                Task::none()
            }
            Message::Exported(slot, result) => {
                self.exported(slot, result);
                Task::none()
            }
            Message::DraftOpen => self.open_draft(),
            Message::Draft(m) => self.draft_message(m),
            Message::Issued(slot, result) => {
                self.issued(slot, result);
                Task::none()
            }
            Message::OpenLastExport => match self.last_export.clone() {
                Some(p) => super::dialogs::open_in_system(p).map(Message::OpenedInSystem),
                None => Task::none(),
            },
            Message::OpenedInSystem(result) => {
                if let Err(e) = result {
                    let path = self
                        .last_export
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default();
                    self.status = format!("Không mở được tệp ({e}). Hãy mở bằng tay: {path}");
                }
                Task::none()
            }
            Message::ConfirmRestore(yes) => {
                if let (true, Some(Prompt::Restore(backup))) = (yes, self.prompt.take()) {
                    self.restore(backup);
                } else {
                    self.prompt = None;
                }
                Task::none()
            }
            Message::BundleWritten(slot, result) => {
                self.store = slot.take();
                self.busy = None;
                self.status = result.unwrap_or_else(|e| e);
                Task::none()
            }
            Message::Imported(result) => {
                self.busy = None;
                match result {
                    Ok(p) => {
                        self.status = format!("Đã nhận bàn giao vào tệp mới: {}. Bấm \u{201c}Mở tệp vừa nhận\u{201d} để làm việc trên đó.", p.display());
                        self.imported = Some(p);
                    }
                    Err(e) => self.status = e,
                }
                Task::none()
            }
            Message::Leave(t) => self.leave(t),
            Message::Menu(open) => {
                self.menu = open;
                // The recent files that still exist, looked up once as the menu opens (not per frame).
                self.menu_files = self
                    .recent
                    .existing_files()
                    .into_iter()
                    .filter(|p| *p != self.path)
                    .take(6)
                    .collect();
                Task::none()
            }
            Message::ExportAll => self.export_all(),
            Message::BatchDone(slot, result) => self.batch_done(slot, result),
            Message::NewYear(m) => self.new_year(m),
            Message::CloseRequested(id) => {
                if self.dirty() {
                    self.prompt = Some(Prompt::Close(id));
                    Task::none()
                } else {
                    iced::window::close(id)
                }
            }
            Message::Close(choice) => {
                let Some(Prompt::Close(id)) = self.prompt.take() else {
                    return Task::none();
                };
                match choice {
                    Choice::Save => {
                        let task = self.update(Message::Shortcut(Shortcut::Save));
                        if self.dirty() {
                            task // the save found problems: stay and show them
                        } else {
                            task.chain(iced::window::close(id))
                        }
                    }
                    Choice::Discard => iced::window::close(id),
                    Choice::Stay => Task::none(),
                }
            }
        }
    }

    /// A file the user chose, for the action that asked.
    fn answer(&mut self, a: Answer) -> Task<Message> {
        let Some(path) = a.path else {
            if matches!(a.ask.purpose, Purpose::ExportDocument) {
                if let Some(p) = self.pending_export.as_mut() {
                    p.confirmed = false; // back to the form
                }
            }
            self.status = "Đã hủy chọn tệp.".into();
            return Task::none();
        };
        match a.ask.purpose {
            Purpose::ExportDocument => self.export_to(path),
            Purpose::IssueDocument => self.issue_to(path),
            Purpose::WordCopy => self.word_to(path),
            Purpose::Sheet(sheet, year) => self.sheet_to(sheet, year, path),
            Purpose::ExportAll => self.export_all_to(path),
            Purpose::BundleTo => self.bundle_to(path),
            Purpose::BundleFrom => self.bundle_from(path),
            Purpose::ImportTarget(bundle) => self.import_to(bundle, path),
            Purpose::OpenData => Task::done(Message::Leave(Target::Open(path))),
            Purpose::NewBlocAt => Task::none(),
        }
    }

    /// Esc closes the innermost thing open; dropping unsaved edits is asked first.
    fn cancel(&mut self) -> Task<Message> {
        if self.menu {
            self.menu = false;
        } else if self.prompt.is_some() {
            self.prompt = None;
            self.status = "Đã đóng câu hỏi; chưa có gì thay đổi.".into();
        } else if self.pending_export.as_ref().is_some_and(|p| !p.confirmed) {
            return self.update(Message::ExportCancel);
        } else if self.editor.is_some() {
            return self.update(Message::Draft(crate::ui::draft_editor::Message::Close));
        } else if self.new_year.is_some() {
            self.new_year = None;
        } else if self.dirty() {
            self.prompt = Some(Prompt::Discard);
        }
        Task::none()
    }

    fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        use screens::*;
        let msg = match (s, self.area) {
            (Shortcut::Export, _) if self.pending_export.as_ref().is_some_and(|p| !p.confirmed) => {
                return self.confirm_export();
            }
            (Shortcut::Draft, _) if self.pending_export.as_ref().is_some_and(|p| !p.confirmed) => {
                return self.open_draft();
            }
            (Shortcut::Draft, _) => return Task::none(),
            (Shortcut::Export, _) if self.editor.is_some() => {
                return self.draft_message(crate::ui::draft_editor::Message::Issue);
            }
            (Shortcut::Save, _) if self.editor.is_some() => {
                self.save_draft();
                return Task::none();
            }
            (Shortcut::Cancel, _) => return self.cancel(),
            (Shortcut::NewBloc, _) => return self.leave(Target::Start),
            (Shortcut::Open, _) => return self.ask_open(),
            // The score grid moves like a spreadsheet: which cell has the focus decides where it goes.
            (Shortcut::Nav(nav), Area::Scoring) => {
                return iced::advanced::widget::operate(iced::advanced::widget::operation::focusable::find_focused())
                    .map(move |id| Message::Focused(Some(id), nav));
            }
            (Shortcut::Nav(nav), _) => return self.focus_move(None, nav),
            // A text field pastes one line with its tabs removed: a block copied from Excel is read
            // from the clipboard here and spread over the grid from the focused cell.
            (Shortcut::Paste, Area::Scoring) => {
                return iced::clipboard::read().then(|text| match text.filter(|t| t.contains(['\t', '\n'])) {
                    Some(text) => {
                        iced::advanced::widget::operate(iced::advanced::widget::operation::focusable::find_focused())
                            .map(move |id| Message::PasteAt(id, text.clone()))
                    }
                    None => Task::none(),
                });
            }
            (Shortcut::Undo, _) => {
                match self.history.undo(self.area, &self.screens) {
                    Some((area, screens)) => {
                        self.area = area;
                        self.screens = screens;
                        self.status = "Đã hoàn tác (Ctrl+Y để làm lại).".into();
                    }
                    None => self.status = "Không còn thay đổi nào để hoàn tác.".into(),
                }
                return Task::none();
            }
            (Shortcut::Redo, _) => {
                match self.history.redo(self.area, &self.screens) {
                    Some((area, screens)) => {
                        self.area = area;
                        self.screens = screens;
                        self.status = "Đã làm lại.".into();
                    }
                    None => self.status = "Không có gì để làm lại.".into(),
                }
                return Task::none();
            }
            (Shortcut::Save, Area::Leadership) => Message::Leadership(leadership::Message::Save),
            (Shortcut::Save, Area::Pledge) => Message::Pledge(pledge::Message::Save),
            (Shortcut::Save, Area::Conferences) => Message::Conferences(conferences::Message::Save),
            (Shortcut::Save, Area::Scoring) => Message::Scoring(scoring::Message::Save),
            (Shortcut::Save, Area::Ballots) => Message::Ballots(ballots::Message::Save),
            (Shortcut::Save, Area::Settings) => Message::Settings(settings::Message::Save),
            (Shortcut::Save, Area::Units) => Message::Units(self.screens.units.save_message()),
            (Shortcut::Export, Area::Pledge) => Message::Pledge(pledge::Message::Export),
            (Shortcut::Export, Area::Conferences) => Message::Conferences(conferences::Message::Export),
            (Shortcut::Export, Area::Scoring) => Message::Scoring(scoring::Message::Export),
            (Shortcut::Export, Area::Ballots) => Message::Ballots(ballots::Message::Export),
            (Shortcut::Export, Area::Awards) => Message::Awards(awards::Message::Export),
            _ => return Task::none(),
        };
        self.update(msg)
    }

    /// A focus move asked with a key: the score grid moves like a spreadsheet; elsewhere Tab and
    /// Shift+Tab go through the fields in reading order (Up and Down are left to the fields).
    fn focus_move(&mut self, focused: Option<iced::widget::Id>, nav: Nav) -> Task<Message> {
        if let (Area::Scoring, Some(id)) = (self.area, focused.as_ref()) {
            if let Some(next) = self.screens.scoring.navigate(&self.record, id, nav) {
                return iced::widget::operation::focus(next);
            }
        }
        match nav {
            Nav::Next => iced::widget::operation::focus_next(),
            Nav::Previous => iced::widget::operation::focus_previous(),
            _ => Task::none(),
        }
    }

    fn ask_open(&mut self) -> Task<Message> {
        self.menu = false;
        let dir = self.path.parent().map(Path::to_path_buf).unwrap_or_default();
        Task::done(Message::Ask(Ask {
            purpose: Purpose::OpenData,
            kind: Kind::Open {
                extensions: vec!["sqlite", "db"],
            },
            title: "Mở tệp dữ liệu Khối Thi Đua",
            dir,
            filter: "Dữ liệu Khối Thi Đua",
        }))
    }

    fn screen_action(&mut self, f: impl FnOnce(&mut Self, Ctx) -> Action) -> Task<Message> {
        let Some(mut store) = self.store.take() else {
            self.status = "Đang bận, hãy chờ một chút.".into();
            return Task::none();
        };
        let record = Arc::clone(&self.record);
        let action = f(
            self,
            Ctx {
                store: &mut store,
                record: &record,
                today: self.today,
            },
        );
        self.store = Some(store);
        self.apply(action)
    }

    fn apply(&mut self, action: Action) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Status(s) => {
                self.status = s;
                Task::none()
            }
            Action::Saved(s) | Action::SavedYear(_, s) => {
                self.reload(self.record.year);
                self.status = s;
                Task::none()
            }
            Action::Export(req) => self.export(req),
            Action::Sheet(sheet, year) => self.ask_sheet(sheet, year),
            Action::File(f) => self.file_action(f),
            Action::Focus(id) => iced::widget::operation::focus(id),
            Action::Many(actions) => Task::batch(actions.into_iter().map(|a| self.apply(a)).collect::<Vec<_>>()),
        }
    }

    pub fn dialogs(&self) -> super::Dialogs {
        self.dialogs.clone()
    }
}

/// Runs background work so that a panic comes back as an error and the store it borrowed comes
/// back with it (never a window stuck "busy" with its store lost).
fn guarded<T, E: From<crate::store::StoreError>>(work: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(E::from(crate::store::StoreError::BadValue(
            "lỗi không mong đợi khi đang làm việc này; dữ liệu không bị thay đổi, hãy thử lại".into(),
        )))
    })
}

/// A message that needs the store, or would leave it behind: refused while background work has it.
fn waits_for_the_store(m: &Message) -> bool {
    matches!(
        m,
        Message::Leave(_)
            | Message::Go(_)
            | Message::Year(_)
            | Message::NewYear(_)
            | Message::ExportAll
            | Message::ExportConfirm
            | Message::DraftOpen
            | Message::Draft(_)
            | Message::ConfirmRestore(true)
            | Message::Shortcut(Shortcut::NewBloc | Shortcut::Open | Shortcut::Save | Shortcut::Export)
    ) || matches!(m, Message::Answer(a) if a.path.is_some())
}

/// A message that edits a screen's form (undo keeps a copy before it).
fn is_edit(m: &Message) -> bool {
    use screens::*;
    // A multi-line field's cursor moves, selections, clicks and scrolls change nothing.
    let d = format!("{m:?}");
    if ["(Move(", "(Select", "(Click(", "(Drag(", "(Scroll"]
        .iter()
        .any(|x| d.contains(x))
    {
        return false;
    }
    match m {
        Message::Units(_)
        | Message::Leadership(_)
        | Message::Pledge(_)
        | Message::Conferences(_)
        | Message::Awards(_)
        | Message::Ballots(_) => true,
        Message::Scoring(m) => !matches!(m, scoring::Message::Navigate(..)),
        Message::Settings(m) => !matches!(
            m,
            settings::Message::BackupNow
                | settings::Message::Restore(_)
                | settings::Message::ExportBundle
                | settings::Message::ImportBundle
        ),
        _ => false,
    }
}
