//! The window over an open data file: the sidebar of areas, the year every area follows, the status
//! line, exports through the save dialog, backups, restore and the handover. The year is loaded once
//! per change; views never touch the database.

use super::screens::{self, Action, Ctx, FileAction};
use super::widgets::*;
use super::Dialogs;
use crate::domain::{Year, YearRecord};
use crate::exports::{export_chosen, export_to, preview, write_output, DocRequest, ExportOptions};
use crate::store::backup::{list_backups, restore};
use crate::store::Store;
use iced::widget::{button, column, container, pick_list, progress_bar, row, rule, text};
use iced::{Element, Length, Task};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Units,
    Leadership,
    Pledge,
    Conferences,
    Scoring,
    Ballots,
    Awards,
    Settings,
}

impl Area {
    pub const ALL: [Area; 8] = [
        Area::Units,
        Area::Leadership,
        Area::Pledge,
        Area::Conferences,
        Area::Scoring,
        Area::Ballots,
        Area::Awards,
        Area::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Area::Units => "Đơn vị thành viên",
            Area::Leadership => "Lãnh đạo khối",
            Area::Pledge => "Giao ước thi đua",
            Area::Conferences => "Hội nghị",
            Area::Scoring => "Chấm điểm",
            Area::Ballots => "Bỏ phiếu",
            Area::Awards => "Khen thưởng",
            Area::Settings => "Cài đặt / Quy chế",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Save,
    Export,
    Cancel,
}

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
    /// The save dialog answered: where to write the pending export (`None`: cancelled or no dialog).
    ExportTo(Option<PathBuf>),
    ExportToDocuments,
    /// The date typed in the export form (dd/mm/yyyy).
    ExportDate(String),
    /// The export form's "Xuất PDF…": the date is checked, then the save dialog opens.
    ExportConfirm,
    ExportCancel,
    OpenLastExport,
    /// The answer to "there are unsaved changes": save, discard, or stay.
    Unsaved(Choice),
    ConfirmRestore(bool),
    BundleTo(Option<PathBuf>),
    BundleWritten(StoreSlot, Result<String, String>),
    BundleFrom(Option<PathBuf>),
    ImportTarget(PathBuf, Option<PathBuf>),
    Imported(Result<PathBuf, String>),
    OpenFile(PathBuf),
    DismissWelcome,
    /// Export every document of the year into one folder.
    ExportAll,
    ExportAllTo(Option<PathBuf>),
    /// One document of the batch; the window redraws its progress between steps.
    BatchStep,
    /// The window's close button: asks first when there are unsaved edits.
    CloseRequested(iced::window::Id),
    Close(Choice),
}

/// The store handed back by background work (messages must be `Clone`).
#[derive(Clone)]
pub struct StoreSlot(std::sync::Arc<std::sync::Mutex<Option<Store>>>);

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

enum Pending {
    Go(Area, Year),
    Restore(PathBuf),
    Close(iced::window::Id),
}

/// A batch export under way.
struct Batch {
    dir: PathBuf,
    queue: Vec<DocRequest>,
    total: usize,
    written: usize,
    failed: Vec<String>,
    /// The files this batch wrote: two documents with one title never overwrite each other.
    names: Vec<PathBuf>,
}

/// A document on its way out. First a small form shows the number it will get and its date, which
/// the user can change; then the save dialog asks where to write it. Nothing is numbered until the
/// file is written.
struct PendingExport {
    req: DocRequest,
    file_name: String,
    title: String,
    /// "05/BB-KNC" as it will be printed; `None`: a document without a number.
    number: Option<String>,
    /// The date as typed, dd/mm/yyyy.
    date: String,
    /// Why the date cannot be used (unreadable, out of order with the register, missing).
    error: Option<String>,
    /// The date was confirmed and the save dialog asked for.
    confirmed: bool,
}

impl PendingExport {
    fn options(&self) -> ExportOptions {
        ExportOptions {
            number: None,
            date: crate::domain::text::parse_date_dmy(self.date.trim()).ok(),
        }
    }
}

/// `dir/name`, or `dir/name (2).pdf`… when this batch already wrote that name.
fn unique_path(dir: &std::path::Path, name: &str, taken: &[PathBuf]) -> PathBuf {
    let first = dir.join(name);
    if !taken.contains(&first) {
        return first;
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|i| dir.join(format!("{stem} ({i}).{ext}")))
        .find(|p| !taken.contains(p))
        .expect("an unused name")
}

/// Every area's screen, rebuilt together from the loaded year.
pub struct Screens {
    pub units: screens::units::Units,
    pub leadership: screens::leadership::LeadershipScreen,
    pub pledge: screens::pledge::PledgeScreen,
    pub conferences: screens::conferences::Conferences,
    pub scoring: screens::scoring::Scoring,
    pub ballots: screens::ballots::Ballots,
    pub awards: screens::awards::Awards,
    pub settings: screens::settings::Settings,
}

impl Screens {
    /// Builds every screen from `r`; the conference screen keeps `selected` shown.
    fn build(
        r: &YearRecord,
        store: Option<&Store>,
        path: &std::path::Path,
        selected: Option<crate::domain::ConferenceId>,
    ) -> Self {
        let history = store.and_then(|s| s.leadership_history().ok()).unwrap_or_default();
        let (backups, keep) = match store {
            Some(s) => (list_backups(path), s.backup_keep().unwrap_or(10)),
            None => (Vec::new(), 10),
        };
        Screens {
            units: screens::units::Units::new(r),
            leadership: screens::leadership::LeadershipScreen::new(r, &history),
            pledge: screens::pledge::PledgeScreen::new(r),
            conferences: screens::conferences::Conferences::new(r, selected),
            scoring: screens::scoring::Scoring::new(r),
            ballots: screens::ballots::Ballots::new(r),
            awards: screens::awards::Awards::new(r),
            settings: screens::settings::Settings::new(r, path.display().to_string(), backups, keep),
        }
    }
}

pub struct Workspace {
    pub path: PathBuf,
    /// `None` only while long work has the store in a background task.
    store: Option<Store>,
    years: Vec<Year>,
    record: YearRecord,
    area: Area,
    pub screens: Screens,
    pub status: String,
    /// A document waiting for the user to choose where to save it: nothing is numbered until then.
    pending_export: Option<PendingExport>,
    /// What went wrong on opening without stopping it (an automatic backup not written): shown in
    /// a band above every area until the user dismisses it.
    pub warnings: Vec<String>,
    last_export: Option<PathBuf>,
    pending: Option<Pending>,
    busy: Option<String>,
    batch: Option<Batch>,
    imported: Option<PathBuf>,
    welcome: bool,
    dialogs: Dialogs,
    today: chrono::NaiveDate,
}

impl Workspace {
    /// Opens the workspace on `store`, at the latest year with data.
    pub fn new(path: PathBuf, store: Store, dialogs: Dialogs, welcome: bool) -> Result<Self, String> {
        let years = store.years().map_err(|e| e.to_string())?;
        let today = chrono::Local::now().date_naive();
        let year = years.last().copied().unwrap_or(chrono::Datelike::year(&today));
        let record = store.load_year(year).map_err(|e| e.to_string())?;
        let warnings = store.warnings().to_vec();
        Ok(Workspace {
            screens: Screens::build(&record, Some(&store), &path, None),
            path,
            store: Some(store),
            years,
            record,
            area: Area::Units,
            status: "Đã mở tệp dữ liệu.".into(),
            pending_export: None,
            warnings,
            last_export: None,
            pending: None,
            busy: None,
            batch: None,
            imported: None,
            welcome,
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

    fn rebuild_all(&mut self) {
        let selected = self.screens.conferences.selected();
        self.screens = Screens::build(&self.record, self.store.as_ref(), &self.path, selected);
    }

    /// Reloads the year after a write; the current area keeps what it shows (a conference stays selected).
    fn reload(&mut self, year: Year) {
        let Some(store) = &self.store else { return };
        match store.years().and_then(|ys| store.load_year(year).map(|r| (ys, r))) {
            Ok((years, record)) => {
                self.years = years;
                if !self.years.contains(&year) {
                    self.years.push(year);
                    self.years.sort();
                }
                self.record = record;
                self.rebuild_all();
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    fn dirty(&self) -> bool {
        match self.area {
            Area::Units => self.screens.units.dirty(),
            Area::Leadership => self.screens.leadership.dirty(),
            Area::Pledge => self.screens.pledge.dirty(),
            Area::Conferences => self.screens.conferences.dirty(),
            Area::Scoring => self.screens.scoring.dirty(),
            Area::Ballots => self.screens.ballots.dirty(),
            Area::Awards => self.screens.awards.dirty(),
            Area::Settings => self.screens.settings.dirty(),
        }
    }

    fn go(&mut self, area: Area, year: Year) {
        self.area = area;
        if year != self.record.year {
            self.reload(year);
            self.status = format!("Đang xem năm {year}.");
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Area(a) => self.navigate(a, self.record.year),
            Message::Year(y) => self.navigate(self.area, y),
            Message::Unsaved(choice) => {
                if let Some(Pending::Go(a, y)) = self.pending.take() {
                    match choice {
                        Choice::Save => {
                            let task = self.update(Message::Shortcut(Shortcut::Save));
                            if !self.dirty() {
                                self.go(a, y);
                            }
                            return task;
                        }
                        Choice::Discard => {
                            self.rebuild_all();
                            self.go(a, y);
                        }
                        Choice::Stay => {}
                    }
                }
                Task::none()
            }
            Message::Shortcut(s) => self.shortcut(s),
            Message::Units(m) => self.screen_action(|w, ctx| w.screens.units.update(m, ctx)),
            Message::Leadership(m) => self.screen_action(|w, ctx| w.screens.leadership.update(m, ctx)),
            Message::Pledge(m) => self.screen_action(|w, ctx| w.screens.pledge.update(m, ctx)),
            Message::Conferences(m) => self.screen_action(|w, ctx| w.screens.conferences.update(m, ctx)),
            Message::Scoring(m) => self.screen_action(|w, ctx| w.screens.scoring.update(m, ctx)),
            Message::Ballots(m) => self.screen_action(|w, ctx| w.screens.ballots.update(m, ctx)),
            Message::Awards(m) => self.screen_action(|w, ctx| w.screens.awards.update(m, ctx)),
            Message::Settings(m) => self.screen_action(|w, ctx| w.screens.settings.update(m, ctx)),
            Message::ExportTo(Some(path)) => {
                if let (Some(pending), Some(store)) = (self.pending_export.take(), self.store.as_mut()) {
                    match export_to(store, &pending.req, &pending.options(), self.today, &path) {
                        Ok(out) => {
                            self.status = format!(
                                "Đã xuất {}{} ({} trang): {}",
                                out.pdf.title,
                                out.number.map(|n| format!(", số {n}")).unwrap_or_default(),
                                out.pdf.pages,
                                path.display()
                            );
                            self.last_export = Some(path);
                            let status = self.status.clone();
                            self.reload(self.record.year); // the register gave a number
                            self.status = status;
                        }
                        Err(e) => self.status = e.to_string(),
                    }
                }
                Task::none()
            }
            Message::DismissWarnings => {
                self.warnings.clear();
                Task::none()
            }
            Message::ExportTo(None) => {
                log::info!("save dialog returned no path (cancelled, or no dialog could be shown)");
                if self.pending_export.is_some() {
                    self.status = "Chưa chọn nơi lưu văn bản. Bấm \u{201c}Lưu vào thư mục Tài liệu\u{201d} nếu không thấy hộp thoại.".into();
                }
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
            Message::ExportToDocuments => {
                let name = self
                    .pending_export
                    .as_ref()
                    .map(|e| e.file_name.clone())
                    .unwrap_or_default();
                Task::done(Message::ExportTo(Some(documents_dir().join(name))))
            }
            Message::OpenLastExport => {
                if let Some(p) = &self.last_export {
                    if let Err(e) = open_in_system(p) {
                        self.status = format!("Không mở được tệp: {e}");
                    }
                }
                Task::none()
            }
            Message::ConfirmRestore(yes) => {
                if let (true, Some(Pending::Restore(backup))) = (yes, self.pending.take()) {
                    self.restore(backup);
                } else {
                    self.pending = None;
                }
                Task::none()
            }
            Message::BundleTo(None) | Message::BundleFrom(None) => {
                self.status = "Đã hủy.".into();
                Task::none()
            }
            Message::BundleTo(Some(path)) => {
                let Some(store) = self.store.take() else {
                    return Task::none();
                };
                let db = self.path.clone();
                self.busy = Some("Đang ghi tệp bàn giao…".into());
                Task::perform(
                    async move {
                        let result = store
                            .export_bundle(&chrono::Local::now().to_rfc3339())
                            .map_err(|e| e.to_string())
                            .and_then(|b| {
                                let compress = path.extension().is_some_and(|e| e == "gz");
                                write_output(Some(&db), &[], &path, &crate::store::bundle::encode(&b, compress))
                                    .map(|()| format!("Đã ghi tệp bàn giao: {}", path.display()))
                                    .map_err(|e| e.to_string())
                            });
                        (
                            StoreSlot(std::sync::Arc::new(std::sync::Mutex::new(Some(store)))),
                            result,
                        )
                    },
                    |(slot, result)| Message::BundleWritten(slot, result),
                )
            }
            Message::BundleWritten(slot, result) => {
                self.store = slot.0.lock().ok().and_then(|mut s| s.take());
                self.busy = None;
                self.status = result.unwrap_or_else(|e| e);
                Task::none()
            }
            Message::BundleFrom(Some(bundle)) => {
                let name = bundle
                    .file_stem()
                    .map(|s| s.to_string_lossy().trim_end_matches(".json").to_string())
                    .unwrap_or_else(|| "nhan-ban-giao".into());
                let suggested = format!("{name}.sqlite");
                match &self.dialogs {
                    Dialogs::Folder(dir) => Task::done(Message::ImportTarget(bundle, Some(dir.join(suggested)))),
                    Dialogs::System => Task::perform(
                        async move {
                            let target = rfd::AsyncFileDialog::new()
                                .set_title("Lưu dữ liệu nhận bàn giao thành tệp")
                                .set_file_name(&suggested)
                                .add_filter("Dữ liệu Khối Thi Đua", &["sqlite"])
                                .save_file()
                                .await
                                .map(|h| h.path().to_path_buf());
                            (bundle, target)
                        },
                        |(b, t)| Message::ImportTarget(b, t),
                    ),
                }
            }
            Message::ImportTarget(_, None) => {
                self.status = "Đã hủy nhận bàn giao.".into();
                Task::none()
            }
            Message::ImportTarget(bundle, Some(target)) => {
                self.busy = Some("Đang kiểm tra và nhận bàn giao…".into());
                Task::perform(
                    async move {
                        let b = crate::store::bundle::read_file(&bundle).map_err(|e| e.to_string())?;
                        crate::store::bundle::import(&b, &target, false).map_err(|e| e.to_string())?;
                        Ok(target)
                    },
                    Message::Imported,
                )
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
            Message::OpenFile(_) | Message::DismissWelcome => {
                self.welcome = false;
                Task::none()
            }
            Message::ExportAll => match &self.dialogs {
                Dialogs::Folder(dir) => Task::done(Message::ExportAllTo(Some(dir.clone()))),
                Dialogs::System => Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("Chọn thư mục lưu các văn bản")
                            .set_directory(documents_dir())
                            .pick_folder()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    Message::ExportAllTo,
                ),
            },
            Message::ExportAllTo(dir) => {
                // No folder chosen (or no dialog could be shown): the Documents folder.
                let dir = dir.unwrap_or_else(|| documents_dir().join(format!("Khoi thi dua {}", self.record.year)));
                if let Err(e) = std::fs::create_dir_all(&dir) {
                    self.status = format!("Không tạo được thư mục {}: {e}", dir.display());
                    return Task::none();
                }
                let queue = year_documents(&self.record);
                if queue.is_empty() {
                    self.status = format!("Năm {} chưa có văn bản nào để xuất.", self.record.year);
                    return Task::none();
                }
                self.batch = Some(Batch {
                    dir,
                    total: queue.len(),
                    queue,
                    written: 0,
                    failed: Vec::new(),
                    names: Vec::new(),
                });
                Task::done(Message::BatchStep)
            }
            Message::BatchStep => self.batch_step(),
            Message::CloseRequested(id) => {
                if self.dirty() {
                    self.pending = Some(Pending::Close(id));
                    Task::none()
                } else {
                    iced::window::close(id)
                }
            }
            Message::Close(choice) => {
                let Some(Pending::Close(id)) = self.pending.take() else {
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

    /// Exports the next document of the batch; asks for the next step until the queue is empty.
    fn batch_step(&mut self) -> Task<Message> {
        let (Some(batch), Some(store)) = (self.batch.as_mut(), self.store.as_mut()) else {
            return Task::none();
        };
        if let Some(req) = batch.queue.pop() {
            let (dir, names) = (&batch.dir, &batch.names);
            let mut written = None;
            let result = export_chosen(store, &req, &ExportOptions::default(), self.today, |made| {
                let path = unique_path(dir, &made.file_name, names);
                written = Some(path.clone());
                path
            });
            match result.map_err(|e| e.to_string()) {
                Ok(_) => {
                    batch.names.extend(written);
                    batch.written += 1;
                }
                Err(e) => batch.failed.push(e),
            }
            return Task::done(Message::BatchStep);
        }
        let batch = self.batch.take().expect("checked above");
        self.reload(self.record.year); // the register gave numbers
        self.status = if batch.failed.is_empty() {
            format!(
                "Đã xuất {} văn bản năm {} vào {}.",
                batch.written,
                self.record.year,
                batch.dir.display()
            )
        } else {
            format!(
                "Đã xuất {}/{} văn bản; lỗi: {}",
                batch.written,
                batch.total,
                batch.failed.join("; ")
            )
        };
        self.last_export = Some(batch.dir);
        Task::none()
    }

    fn navigate(&mut self, area: Area, year: Year) -> Task<Message> {
        if (area != self.area || year != self.record.year) && self.dirty() {
            self.pending = Some(Pending::Go(area, year));
            self.status = format!("Mục \u{201c}{}\u{201d} có thay đổi chưa lưu.", self.area.label());
        } else {
            self.go(area, year);
        }
        Task::none()
    }

    fn shortcut(&mut self, s: Shortcut) -> Task<Message> {
        use screens::*;
        let msg = match (s, self.area) {
            (Shortcut::Export, _) if self.pending_export.as_ref().is_some_and(|p| !p.confirmed) => {
                return self.confirm_export();
            }
            (Shortcut::Cancel, _) if self.pending_export.as_ref().is_some_and(|p| !p.confirmed) => {
                return self.update(Message::ExportCancel);
            }
            (Shortcut::Cancel, _) => {
                if self.pending.is_some() {
                    self.pending = None;
                } else if self.dirty() {
                    self.rebuild_all();
                    self.status = "Đã bỏ các thay đổi chưa lưu.".into();
                }
                return Task::none();
            }
            (Shortcut::Save, Area::Leadership) => Message::Leadership(leadership::Message::Save),
            (Shortcut::Save, Area::Pledge) => Message::Pledge(pledge::Message::Save),
            (Shortcut::Save, Area::Conferences) => Message::Conferences(conferences::Message::Save),
            (Shortcut::Save, Area::Scoring) => Message::Scoring(scoring::Message::Save),
            (Shortcut::Save, Area::Ballots) => Message::Ballots(ballots::Message::Save),
            (Shortcut::Save, Area::Settings) => Message::Settings(settings::Message::Save),
            (Shortcut::Save, Area::Units) => Message::Units(units::Message::Add),
            (Shortcut::Export, Area::Pledge) => Message::Pledge(pledge::Message::Export),
            (Shortcut::Export, Area::Conferences) => Message::Conferences(conferences::Message::Export),
            (Shortcut::Export, Area::Scoring) => Message::Scoring(scoring::Message::Export),
            (Shortcut::Export, Area::Ballots) => Message::Ballots(ballots::Message::Export),
            (Shortcut::Export, Area::Awards) => Message::Awards(awards::Message::Export),
            _ => return Task::none(),
        };
        self.update(msg)
    }

    fn screen_action(&mut self, f: impl FnOnce(&mut Self, Ctx) -> Action) -> Task<Message> {
        let Some(mut store) = self.store.take() else {
            self.status = "Đang bận, hãy chờ một chút.".into();
            return Task::none();
        };
        let record = self.record.clone();
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
            Action::Saved(s) => {
                self.reload(self.record.year);
                self.status = s;
                Task::none()
            }
            Action::SavedYear(_, s) => {
                self.reload(self.record.year);
                self.status = s;
                Task::none()
            }
            Action::Export(req) => self.export(req),
            Action::File(f) => self.file_action(f),
            Action::Focus(id) => iced::widget::operation::focus(id),
            Action::Many(actions) => Task::batch(actions.into_iter().map(|a| self.apply(a)).collect::<Vec<_>>()),
        }
    }

    /// Opens the export form: the number the document will get and its date (the one it was
    /// issued with, else its default), or an empty date and the reason when it needs one.
    fn export(&mut self, req: DocRequest) -> Task<Message> {
        let Some(store) = self.store.as_mut() else {
            return Task::none();
        };
        let (number, date, error, title, file_name) = match preview(store, &req, &ExportOptions::default(), self.today)
        {
            Ok(out) => (
                out.number,
                crate::domain::text::date_dmy(out.date),
                None,
                out.pdf.title,
                out.file_name,
            ),
            Err(e @ crate::exports::ExportError::NeedDate { .. }) => {
                (None, String::new(), Some(e.to_string()), String::new(), String::new())
            }
            Err(e) => {
                self.status = e.to_string();
                return Task::none();
            }
        };
        self.pending_export = Some(PendingExport {
            req,
            file_name,
            title,
            number,
            date,
            error,
            confirmed: false,
        });
        self.status = "Kiểm tra số và ngày văn bản, rồi bấm \u{201c}Xuất PDF…\u{201d}.".into();
        Task::none()
    }

    /// A date typed in the export form: read, then what the document would be with it (its number
    /// may change with the calendar year), or why it cannot be used.
    fn export_date(&mut self, typed: String) {
        let (Some(p), Some(store)) = (self.pending_export.as_mut(), self.store.as_mut()) else {
            return;
        };
        p.date = typed;
        p.error = None;
        match crate::domain::text::parse_date_dmy(p.date.trim()) {
            Err(e) => p.error = Some(e),
            Ok(_) => match preview(store, &p.req, &p.options(), self.today) {
                Ok(out) => {
                    p.number = out.number;
                    p.title = out.pdf.title;
                    p.file_name = out.file_name;
                }
                Err(e) => p.error = Some(e.to_string()),
            },
        }
    }

    /// "Xuất PDF…": with a readable date that fits the register, asks where to save.
    fn confirm_export(&mut self) -> Task<Message> {
        let typed = match &self.pending_export {
            Some(p) if !p.confirmed => p.date.clone(),
            _ => return Task::none(),
        };
        self.export_date(typed);
        let Some(p) = self.pending_export.as_mut() else {
            return Task::none();
        };
        if p.error.is_some() {
            self.status = "Chưa xuất: ngày văn bản chưa dùng được (xem thông báo bên cạnh).".into();
            return Task::none();
        }
        p.confirmed = true;
        let name = p.file_name.clone();
        match &self.dialogs {
            Dialogs::Folder(dir) => Task::done(Message::ExportTo(Some(dir.join(name)))),
            Dialogs::System => {
                let dir = documents_dir();
                Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title("Lưu văn bản PDF")
                            .set_directory(&dir)
                            .set_file_name(&name)
                            .add_filter("PDF", &["pdf"])
                            .save_file()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    Message::ExportTo,
                )
            }
        }
    }

    fn file_action(&mut self, f: FileAction) -> Task<Message> {
        match f {
            FileAction::BackupNow => {
                if let Some(s) = &self.store {
                    self.status = match s.backup_now("thu-cong") {
                        Ok(p) => format!("Đã sao lưu: {}", p.display()),
                        Err(e) => e.to_string(),
                    };
                }
                self.rebuild_all();
                Task::none()
            }
            FileAction::Restore(p) => {
                self.pending = Some(Pending::Restore(p));
                Task::none()
            }
            FileAction::ExportBundle => {
                let name = format!(
                    "Ban giao {} {}.json.gz",
                    crate::exports::ascii_file_name(&self.record.bloc.name),
                    self.record.year
                );
                match &self.dialogs {
                    Dialogs::Folder(dir) => Task::done(Message::BundleTo(Some(dir.join(name)))),
                    Dialogs::System => Task::perform(
                        async move {
                            rfd::AsyncFileDialog::new()
                                .set_title("Bàn giao dữ liệu")
                                .set_directory(documents_dir())
                                .set_file_name(&name)
                                .save_file()
                                .await
                                .map(|h| h.path().to_path_buf())
                        },
                        Message::BundleTo,
                    ),
                }
            }
            FileAction::ImportBundle => match &self.dialogs {
                Dialogs::Folder(_) => Task::none(),
                Dialogs::System => Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("Chọn tệp bàn giao nhận được")
                            .add_filter("Tệp bàn giao", &["json", "gz"])
                            .pick_file()
                            .await
                            .map(|h| h.path().to_path_buf())
                    },
                    Message::BundleFrom,
                ),
            },
        }
    }

    /// Closes the file, restores the backup (the current file is backed up first), opens it again.
    fn restore(&mut self, backup: PathBuf) {
        drop(self.store.take());
        let result = restore(&self.path, &backup);
        match Store::open(&self.path) {
            Ok(s) => self.store = Some(s),
            Err(e) => {
                self.status = e.to_string();
                return;
            }
        }
        self.status = match result {
            Ok(replaced) => format!(
                "Đã khôi phục từ bản sao lưu. Dữ liệu trước đó được lưu tại {}.",
                replaced.path().display()
            ),
            Err(e) => e.to_string(),
        };
        let year = self.record.year;
        let status = self.status.clone();
        self.reload(year);
        self.status = status;
    }

    pub fn view(&self) -> Element<'_, Message> {
        let r = &self.record;
        let mut sidebar = column![text("Khối Thi Đua").size(18).font(bold()), rule::horizontal(1)].spacing(6);
        for a in Area::ALL {
            sidebar = sidebar.push(
                button(text(a.label()).size(15))
                    .on_press(Message::Area(a))
                    .width(Length::Fill)
                    .padding([8, 10])
                    .style(if a == self.area { button::primary } else { button::text }),
            );
        }
        let sidebar = container(sidebar)
            .width(200)
            .padding(12)
            .height(Length::Fill)
            .style(container::rounded_box);

        let top = row![
            column![
                text(r.bloc.name.clone()).size(20).font(bold()),
                muted(match &r.leadership {
                    Some(l) => format!(
                        "Khối trưởng năm {}: {}{}",
                        r.year,
                        r.unit_name(l.head),
                        l.deputy
                            .map(|d| format!(" · Khối phó: {}", r.unit_name(d)))
                            .unwrap_or_default()
                    ),
                    None => format!("Năm {} chưa ghi nhận Khối trưởng.", r.year),
                }),
            ]
            .width(Length::Fill),
            secondary(
                "Xuất tất cả văn bản năm",
                self.batch.is_none().then_some(Message::ExportAll)
            ),
            text("Năm").size(15),
            pick_list(self.years.clone(), Some(r.year), Message::Year).width(100),
        ]
        .spacing(10)
        .align_y(iced::Alignment::Center);

        let body: Element<'_, Message> = match self.area {
            Area::Units => self.screens.units.view(r).map(Message::Units),
            Area::Leadership => self.screens.leadership.view(r).map(Message::Leadership),
            Area::Pledge => self.screens.pledge.view(r).map(Message::Pledge),
            Area::Conferences => self.screens.conferences.view(r).map(Message::Conferences),
            Area::Scoring => self.screens.scoring.view(r).map(Message::Scoring),
            Area::Ballots => self.screens.ballots.view(r).map(Message::Ballots),
            Area::Awards => self.screens.awards.view(r).map(Message::Awards),
            Area::Settings => self.screens.settings.view(r).map(Message::Settings),
        };

        let mut main = column![top, rule::horizontal(1)].spacing(10);
        if self.welcome {
            main = main.push(panel(
                column![
                    subheading("Chào mừng đến với Khối Thi Đua"),
                    text("Đây là khối mẫu (Khối thi đua Nội chính tỉnh Bình Định, 2020–2022) để bạn làm quen. Chọn năm ở góc phải; các mục ở bên trái."),
                    text("Khi sẵn sàng: nhận tệp bàn giao của đơn vị Khối trưởng năm trước ở mục Cài đặt, hoặc mở tệp dữ liệu có sẵn bằng tham số --data."),
                    secondary("Bắt đầu với khối mẫu", Some(Message::DismissWelcome)),
                ]
                .spacing(6),
            ));
        }
        match &self.pending {
            Some(Pending::Go(..)) => {
                main = main.push(panel(
                    row![
                        text(format!(
                            "Mục \u{201c}{}\u{201d} có thay đổi chưa lưu.",
                            self.area.label()
                        ))
                        .width(Length::Fill),
                        primary("Lưu", Some(Message::Unsaved(Choice::Save))),
                        danger("Bỏ thay đổi", Some(Message::Unsaved(Choice::Discard))),
                        secondary("Ở lại", Some(Message::Unsaved(Choice::Stay))),
                    ]
                    .spacing(8)
                    .align_y(iced::Alignment::Center),
                ))
            }
            Some(Pending::Restore(p)) => {
                main = main.push(panel(
                    row![
                        text(format!(
                            "Khôi phục từ {}? Dữ liệu hiện tại sẽ được sao lưu trước.",
                            p.file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ))
                        .width(Length::Fill),
                        danger("Khôi phục", Some(Message::ConfirmRestore(true))),
                        secondary("Hủy", Some(Message::ConfirmRestore(false))),
                    ]
                    .spacing(8)
                    .align_y(iced::Alignment::Center),
                ))
            }
            Some(Pending::Close(_)) => {
                main = main.push(panel(
                    row![
                        text("Có thay đổi chưa lưu. Lưu trước khi đóng cửa sổ?").width(Length::Fill),
                        primary("Lưu và đóng", Some(Message::Close(Choice::Save))),
                        danger("Đóng, bỏ thay đổi", Some(Message::Close(Choice::Discard))),
                        secondary("Ở lại", Some(Message::Close(Choice::Stay))),
                    ]
                    .spacing(8)
                    .align_y(iced::Alignment::Center),
                ))
            }
            None => {}
        }
        if let Some(p) = self.pending_export.as_ref().filter(|p| !p.confirmed) {
            main = main.push(export_form(p));
        }
        if !self.warnings.is_empty() {
            let mut lines = column![].spacing(2);
            for w in &self.warnings {
                lines = lines.push(text(w.clone()).size(14).color(super::widgets::WARN));
            }
            main = main.push(panel(
                row![
                    lines.width(Length::Fill),
                    secondary("Đã hiểu", Some(Message::DismissWarnings)),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center),
            ));
        }
        if let Some(b) = &self.batch {
            main = main.push(
                column![
                    text(format!("Đang xuất văn bản {}/{}…", b.written + b.failed.len(), b.total)),
                    progress_bar(0.0..=b.total as f32, (b.written + b.failed.len()) as f32),
                ]
                .spacing(4),
            );
        }
        if let Some(b) = &self.busy {
            main = main.push(column![text(b.clone()), progress_bar(0.0..=1.0, 0.5)].spacing(4));
        }
        main = main.push(container(body).height(Length::Fill));
        let mut status = row![text(self.status.clone()).size(13).width(Length::Fill)]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        if self.pending_export.as_ref().is_some_and(|p| p.confirmed) {
            status = status.push(secondary("Lưu vào thư mục Tài liệu", Some(Message::ExportToDocuments)));
        }
        if self.last_export.is_some() {
            status = status.push(secondary("Mở", Some(Message::OpenLastExport)));
        }
        if let Some(p) = &self.imported {
            status = status.push(secondary("Mở tệp vừa nhận", Some(Message::OpenFile(p.clone()))));
        }
        main = main.push(rule::horizontal(1)).push(status);
        row![sidebar, container(main).padding(16).width(Length::Fill)].into()
    }

    pub fn dialogs(&self) -> super::Dialogs {
        self.dialogs.clone()
    }

    /// Whether an export is waiting for its path (for the window's tests).
    pub fn export_pending(&self) -> bool {
        self.pending_export.is_some()
    }

    pub fn last_export(&self) -> Option<&PathBuf> {
        self.last_export.as_ref()
    }
}

/// The form shown before an export: the document, the number it will get, its date (editable,
/// dd/mm/yyyy, its error beside it), "Xuất PDF…" and "Hủy".
fn export_form(p: &PendingExport) -> Element<'_, Message> {
    let number = match &p.number {
        Some(n) => format!("Số: {n}"),
        None => "Văn bản không đánh số".into(),
    };
    let mut date = column![
        text("Ngày văn bản (dd/mm/yyyy)").size(13),
        iced::widget::text_input("dd/mm/yyyy", &p.date)
            .id("export-date")
            .on_input(Message::ExportDate)
            .on_submit(Message::ExportConfirm)
            .padding(6)
            .size(15)
            .width(160),
    ]
    .spacing(3);
    if let Some(e) = &p.error {
        date = date.push(error_text(e.clone()));
    }
    panel(
        column![
            subheading(if p.title.is_empty() {
                "Xuất văn bản".to_string()
            } else {
                format!("Xuất {}", p.title)
            }),
            row![
                text(number).size(15).width(Length::Fixed(220.0)),
                date.width(Length::Fill),
                primary("Xuất PDF…", Some(Message::ExportConfirm)),
                secondary("Hủy", Some(Message::ExportCancel)),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(6),
    )
}

/// Every document the year has data for: minutes, ballot counts, the proposal, the pledge, the ranking.
/// In reverse order, since the batch pops from the end.
/// Numbered documents go in order of their dates (numbers follow the order of issue): each
/// conference's minutes then its ballot counts, by the day of the meeting; then the ranking (the
/// year-end day) and the tờ trình (the day after).
fn year_documents(r: &YearRecord) -> Vec<DocRequest> {
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

/// The user's Documents folder, or the home folder, or the current one.
pub fn documents_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(|d| d.to_path_buf())
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Opens a file in the system's viewer (for printing).
fn open_in_system(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(windows)]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut cmd = std::process::Command::new("open");
    #[cfg(all(unix, not(target_os = "macos")))]
    let mut cmd = std::process::Command::new("xdg-open");
    cmd.arg(path).spawn().map(|_| ())
}
