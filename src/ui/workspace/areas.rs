//! The areas of the window (the sidebar) and their screens, rebuilt together from the loaded year.

use crate::domain::YearRecord;
use crate::store::backup::list_backups;
use crate::store::Store;
use crate::ui::screens;

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

/// What stays selected when the screens are rebuilt.
#[derive(Debug, Clone, Copy, Default)]
pub struct Selection {
    pub conference: Option<crate::domain::ConferenceId>,
    pub unit: Option<crate::domain::UnitId>,
}

/// Every area's screen (copied whole for undo).
#[derive(Clone)]
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
    /// Builds every screen from `r`; what `keep` names stays selected (a save never closes the
    /// conference or the unit being worked on).
    pub fn build(r: &YearRecord, store: Option<&Store>, path: &std::path::Path, selection: Selection) -> Self {
        let history = store.and_then(|s| s.leadership_history().ok()).unwrap_or_default();
        let (backups, keep) = match store {
            Some(s) => (list_backups(path), s.backup_keep().unwrap_or(10)),
            None => (Vec::new(), 10),
        };
        Screens {
            units: screens::units::Units::with_selected(r, selection.unit),
            leadership: screens::leadership::LeadershipScreen::new(r, &history),
            pledge: screens::pledge::PledgeScreen::new(r),
            conferences: screens::conferences::Conferences::new(r, selection.conference),
            scoring: screens::scoring::Scoring::new(r),
            ballots: screens::ballots::Ballots::new(r),
            awards: screens::awards::Awards::new(r),
            settings: screens::settings::Settings::new(r, path.display().to_string(), backups, keep),
        }
    }

    pub fn selection(&self) -> Selection {
        Selection {
            conference: self.conferences.selected(),
            unit: self.units.selected(),
        }
    }

    /// Puts back `area`'s screen from `old` (its unsaved edits survive a reload after other work).
    pub fn keep_area(&mut self, area: Area, old: Screens) {
        match area {
            Area::Units => self.units = old.units,
            Area::Leadership => self.leadership = old.leadership,
            Area::Pledge => self.pledge = old.pledge,
            Area::Conferences => self.conferences = old.conferences,
            Area::Scoring => self.scoring = old.scoring,
            Area::Ballots => self.ballots = old.ballots,
            Area::Awards => self.awards = old.awards,
            Area::Settings => self.settings = old.settings,
        }
    }

    pub fn dirty(&self, area: Area) -> bool {
        match area {
            Area::Units => self.units.dirty(),
            Area::Leadership => self.leadership.dirty(),
            Area::Pledge => self.pledge.dirty(),
            Area::Conferences => self.conferences.dirty(),
            Area::Scoring => self.scoring.dirty(),
            Area::Ballots => self.ballots.dirty(),
            Area::Awards => self.awards.dirty(),
            Area::Settings => self.settings.dirty(),
        }
    }
}
