//! Undo and redo of the edits not yet saved (Ctrl+Z, Ctrl+Y): copies of the screens taken before
//! each edit. Typing in one field makes one step per pause, not one per key; saving, changing
//! area or year starts afresh (what is saved is in the file, and backups keep older states).

use super::{Area, Screens};
use std::mem::Discriminant;
use std::time::{Duration, Instant};

/// Keys typed closer together than this in the same field are one step.
const ONE_STEP: Duration = Duration::from_millis(1200);
const MAX_STEPS: usize = 100;

#[derive(Default)]
pub(super) struct History {
    undo: Vec<(Area, Screens)>,
    redo: Vec<(Area, Screens)>,
    /// The kind of the last edit and when: the same kind soon after is the same step.
    last: Option<(Discriminant<super::Message>, String, Instant)>,
}

impl History {
    /// Before an edit of kind `(kind, detail)`: keeps a copy of `screens` unless it continues the
    /// previous step.
    pub fn before(&mut self, kind: Discriminant<super::Message>, detail: String, area: Area, screens: &Screens) {
        let now = Instant::now();
        let continues = self
            .last
            .as_ref()
            .is_some_and(|(k, d, t)| *k == kind && *d == detail && now.duration_since(*t) < ONE_STEP);
        self.last = Some((kind, detail, now));
        if continues {
            return;
        }
        self.undo.push((area, screens.clone()));
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn undo(&mut self, area: Area, current: &Screens) -> Option<(Area, Screens)> {
        let step = self.undo.pop()?;
        self.redo.push((area, current.clone()));
        self.last = None;
        Some(step)
    }

    pub fn redo(&mut self, area: Area, current: &Screens) -> Option<(Area, Screens)> {
        let step = self.redo.pop()?;
        self.undo.push((area, current.clone()));
        self.last = None;
        Some(step)
    }

    pub fn clear(&mut self) {
        *self = History::default();
    }
}
